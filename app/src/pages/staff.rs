//! The staff desk: verifying residents and making invitation codes.

use leptos::prelude::*;
use linli_model::membership::PendingMembership;

use crate::{
    api::{
        audit::audit_entries,
        membership::{VerificationQueue, staff_queue},
    },
    components::{
        ErrorNotice, FormField, Loading, PlaceLabel, ScrollTable, error_for, errors_from_query,
    },
    i18n::{beijing_time, use_lang, use_t},
    pages::account::FormMessages,
};

#[component]
pub fn StaffQueuePage() -> impl IntoView {
    let t = use_t();
    let query = crate::url::query();
    let community = move || query.with(|q| q.get("community"));
    let queue = Resource::new(community, staff_queue);
    view! {
        <crate::components::PageHead title=t.queue_title />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(queue) => view! { <QueueView queue /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueView(queue: VerificationQueue) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    let query = crate::url::query();
    let errors = errors_from_query(query.with_untracked(|q| q.get("errors")));
    let rejecting: Option<i64> = query
        .with_untracked(|q| q.get("rejecting"))
        .and_then(|r| r.parse().ok());
    let reason_error = error_for(&errors, "reason");
    let name = queue.name.get(lang).to_owned();
    let items = if queue.pending.is_empty() {
        view! { <p class="empty">{t.queue_empty}</p> }.into_any()
    } else {
        queue
            .pending
            .into_iter()
            .map(|p| {
                let error = reason_error.filter(|_| rejecting == Some(p.id));
                view! { <RequestCard request=p error /> }
            })
            .collect_view()
            .into_any()
    };
    let community = queue.community.to_string();
    view! {
        <div class="wrap section">
            <h1>{(t.queue_for)(&name)}</h1>
            <FormMessages />
            <form class="filter-form" method="get" action="/staff/memberships">
                <label for="queue-community">{t.queue_community_label}</label>
                <div class="filter-row">
                    <input
                        id="queue-community"
                        name="community"
                        value=community.clone()
                        inputmode="numeric"
                        autocomplete="off"
                    />
                    <button type="submit" class="button">
                        {t.queue_show}
                    </button>
                </div>
            </form>
            <div class="requests">{items}</div>
            <InvitationMaker community />
            <RoleForm errors=errors.clone() />
            <p class="button-row">
                <a class="button" href="/staff/assist">{crate::i18n::channels::use_ct().staff_link}</a>
                <a class="button button-quiet" href="/staff/matters">{t.queue_matters_title}</a>
                <a class="button button-quiet" href="/staff/audit">{t.audit_title}</a>
                <a class="button button-quiet" href="/staff/moderation">{crate::i18n::moderation::use_mt().desk_title}</a>
                <a class="button button-quiet" href="/staff/admission">{crate::i18n::admission::use_at().desk_title}</a>
                <a class="button button-quiet" href="/organisations/desk">{crate::i18n::projects::use_pt().desk_title}</a>
            </p>
        </div>
    }
}

#[component]
fn RequestCard(
    request: PendingMembership,
    error: Option<linli_model::account::FieldError>,
) -> impl IntoView {
    let t = use_t();
    let address = [
        request.building.as_str(),
        request.unit.as_str(),
        request.room.as_str(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    let reason_id = format!("reason-{}", request.id);
    let error_id = format!("reason-{}-error", request.id);
    let action = format!("/staff/memberships/{}", request.id);
    view! {
        <article class="panel request" aria-label=request.display_name.clone()>
            <h2>{request.display_name.clone()}</h2>
            <dl class="pairs">
                <dt>{t.grid_label}</dt>
                <dd class="code">{request.grid.to_string()}</dd>
                <dt>{t.address_label}</dt>
                <dd>{address}</dd>
                <dt>{t.requested_label}</dt>
                <dd>{beijing_time(request.requested_at)}</dd>
            </dl>
            <div class="decisions">
                <form method="post" action=action.clone()>
                    <input type="hidden" name="decision" value="approve" />
                    <button type="submit" class="button">
                        {t.approve}
                    </button>
                </form>
                <form method="post" action=action class="reject-form">
                    <input type="hidden" name="decision" value="reject" />
                    <label for=reason_id.clone()>{t.reason_label}</label>
                    <input
                        id=reason_id
                        name="reason"
                        maxlength="200"
                        aria-invalid=if error.is_some() { "true" } else { "false" }
                        aria-describedby=error.map(|_| error_id.clone())
                    />
                    {error.map(|e| view! { <p id=error_id class="field-error">{(t.field_error)(&e)}</p> })}
                    <button type="submit" class="button button-quiet">
                        {t.reject}
                    </button>
                </form>
            </div>
        </article>
    }
}

/// A plain form; the codes exist only in the answer to it, shown once.
#[component]
fn InvitationMaker(community: String) -> impl IntoView {
    let t = use_t();
    let made = match crate::shown_once::ShownOnce::of_request() {
        Some(crate::shown_once::ShownOnce::Invitations(codes)) => Some(codes),
        _ => None,
    };
    let query = crate::url::query();
    let error = error_for(
        &errors_from_query(query.with_untracked(|q| q.get("errors"))),
        "count",
    );
    view! {
        <section class="panel" aria-labelledby="invitations-heading">
            <h2 id="invitations-heading">{t.invitations_heading}</h2>
            <p>{t.invitations_hint}</p>
            <form method="post" action="/staff/invitations" class="filter-form">
                <input type="hidden" name="community" value=community />
                <label for="invitation-count">{t.count_label}</label>
                <div class="filter-row">
                    <input
                        id="invitation-count"
                        name="count"
                        type="number"
                        min="1"
                        max="50"
                        value="10"
                        aria-invalid=if error.is_some() { "true" } else { "false" }
                        aria-describedby=error.map(|_| "invitation-count-error")
                    />
                    <button type="submit" class="button">
                        {t.create_invitations_button}
                    </button>
                </div>
                {error.map(|e| view! { <p id="invitation-count-error" class="field-error">{(t.field_error)(&e)}</p> })}
            </form>
            {made.map(|codes| view! {
                <div role="status">
                    <p>{t.invitations_made}</p>
                    <ul class="codes">
                        {codes.into_iter().map(|c| view! { <li class="code">{c}</li> }).collect_view()}
                    </ul>
                </div>
            })}
        </section>
    }
}

/// `/staff/audit`: what happened in the staff member's area, newest first.
#[component]
pub fn AuditPage() -> impl IntoView {
    let t = use_t();
    let query = crate::url::query();
    let before = move || query.with(|q| q.get("before").and_then(|b| b.parse::<i64>().ok()));
    let entries = Resource::new(before, audit_entries);
    view! {
        <crate::components::PageHead title=t.audit_title />
        <div class="wrap section">
            <h1>{t.audit_title}</h1>
            <p class="lead">{t.audit_lead}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(view) if view.page.items.is_empty() => {
                            view! { <p class="empty">{t.audit_empty}</p> }.into_any()
                        }
                        Ok(view) => {
                            let (page, places) = (view.page, view.places);
                            let older = page.next.map(|id| format!("/staff/audit?before={id}"));
                            let rows = page
                                .items
                                .into_iter()
                                .map(|e| {
                                    view! {
                                        <tr>
                                            <td>{beijing_time(e.at)}</td>
                                            <td class="code">{e.action}</td>
                                            <td class="code">{e.target}</td>
                                            <td>
                                                <PlaceLabel
                                                    name=places.iter().find(|(k, _)| *k == e.scope_key).map(|(_, n)| n.clone())
                                                    code=e.scope_key
                                                />
                                            </td>
                                            <td>{e.actor.map(|a| format!("#{a}")).unwrap_or_default()}</td>
                                            <td>{e.outcome}</td>
                                        </tr>
                                    }
                                })
                                .collect_view();
                            view! {
                                <ScrollTable label=t.audit_title.to_owned()>
                                    <table class="grid-table">
                                        <thead>
                                            <tr>
                                                <th scope="col">{t.audit_time}</th>
                                                <th scope="col">{t.audit_action}</th>
                                                <th scope="col">{t.audit_target}</th>
                                                <th scope="col">{t.audit_area}</th>
                                                <th scope="col">{t.audit_actor}</th>
                                                <th scope="col">{t.audit_outcome}</th>
                                            </tr>
                                        </thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </ScrollTable>
                                {older.map(|href| view! { <p class="pager"><a class="button" href=href>{t.audit_older}</a></p> })}
                            }
                                .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// Giving and taking back roles: a plain form, decided by the policy.
#[component]
fn RoleForm(errors: Vec<(String, linli_model::account::FieldError)>) -> impl IntoView {
    use linli_model::role::Role;
    let t = use_t();
    let query = crate::url::query();
    let typed = move |k: &str| query.with_untracked(|q| q.get(k).unwrap_or_default());
    let role = typed("role");
    let options = [
        Role::GridWorker,
        Role::CouncilMember,
        Role::Resident,
        Role::CommunityStaff,
        Role::StreetOfficer,
    ]
    .into_iter()
    .map(|r| view! { <option value=r.as_str() selected=role == r.as_str()>{(t.role)(r)}</option> })
    .collect_view();
    view! {
        <section class="panel" aria-labelledby="roles-manage-heading">
            <h2 id="roles-manage-heading">{t.roles_heading_staff}</h2>
            <p>{t.roles_hint_staff}</p>
            <form class="stack-form" method="post" action="/staff/roles">
                <FormField
                    name="login"
                    label=t.login_label
                    value=typed("login")
                    error=error_for(&errors, "login")
                />
                <div class="field">
                    <label for="field-role">{t.role_label}</label>
                    <select id="field-role" name="role">{options}</select>
                </div>
                <FormField
                    name="scope"
                    label=t.scope_code_label
                    value=typed("scope")
                    error=error_for(&errors, "scope")
                />
                <div class="form-actions">
                    <button type="submit" name="action" value="grant" class="button">
                        {t.grant_button}
                    </button>
                    <button type="submit" name="action" value="revoke" class="button button-quiet">
                        {t.revoke_button}
                    </button>
                </div>
            </form>
        </section>
    }
}
