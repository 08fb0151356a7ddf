//! Social organisations: the directory of verified ones, one
//! organisation's page with what it delivered, registration, and the desk
//! where members follow their registration and staff verify.

use leptos::prelude::*;
use linli_model::organisation::{OrganisationStatus, OrganisationView};

use crate::{
    api::projects::{get_organisation, list_organisations, organisation_desk},
    components::{ErrorNotice, Input, Loading, Refill, post_form, set_status},
    i18n::{beijing_time, projects::use_pt, use_t},
    pages::{projects::ProjectMessages, projects::points, route_id},
};

/// The registration fields worth sending back when it fails.
const FIELDS: &[&str] = &[
    "name",
    "credit_code",
    "legal_rep",
    "phone",
    "areas",
    "description",
    "documents",
    "reason",
];

#[component]
fn StatusBadge(status: OrganisationStatus) -> impl IntoView {
    let pt = use_pt();
    view! { <span class=format!("badge org-{}", status.as_str())>{(pt.org_status)(status)}</span> }
}

/// The track record line: projects delivered and their mean rating.
fn record_line(o: &OrganisationView) -> String {
    let pt = use_pt();
    match o.record.mean_rating {
        Some(m) => (pt.track_record)(o.record.delivered, &points(m), o.record.ratings),
        None => (pt.track_record_unrated)(o.record.delivered, o.record.ratings),
    }
}

/// `/organisations`: verified organisations, newest first.
#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let pt = use_pt();
    let query = crate::url::query();
    let before = Memo::new(move |_| query.with(|q| q.get("before").and_then(|b| b.parse().ok())));
    let data = Resource::new(move || before.get(), list_organisations);
    view! {
        <crate::components::PageHead title=pt.orgs_title />
        <div class="wrap section">
            <div class="heading-row">
                <h1>{pt.orgs_title}</h1>
                <a class="button" href="/organisations/register">{pt.register_link}</a>
            </div>
            <p class="lead">{pt.orgs_lead}</p>
            <p><a href="/organisations/desk">{pt.desk_link}</a></p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) if page.items.is_empty() => view! { <p class="empty">{pt.orgs_empty}</p> }.into_any(),
                        Ok(page) => view! {
                            <ul class="matter-list">
                                {page.items.iter().map(|o| view! {
                                    <li class="matter-card">
                                        <h3><a href=format!("/organisations/{}", o.id)>{o.name.clone()}</a></h3>
                                        <p class="matter-meta">
                                            <span>{record_line(o)}</span>
                                            <span class="code">{o.credit_code.to_string()}</span>
                                        </p>
                                    </li>
                                }).collect_view()}
                            </ul>
                            {page.next.map(|n| view! { <p class="pager"><a class="button" href=format!("/organisations?before={n}")>{use_t().next_page}</a></p> })}
                        }.into_any(),
                        Err(error) => {
                            set_status(error.status());
                            view! { <ErrorNotice error /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

/// `/organisations/:id`: who the organisation is and what it delivered.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let id = route_id();
    let data = Resource::new(id, get_organisation);
    let pt = use_pt();
    view! {
        <div class="wrap section narrow">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(o) => view! {
                            <crate::components::PageHead title=o.name.clone() />
                            <p class="breadcrumb"><a href="/organisations">{pt.orgs_title}</a></p>
                            <h1>{o.name.clone()}</h1>
                            <ProjectMessages />
                            <p class="matter-meta"><StatusBadge status=o.status /> <span>{record_line(&o)}</span></p>
                            {o.reason.clone().map(|r| view! { <p class="form-error" role="alert">{pt.rejected_because} " " {r}</p> })}
                            <p class="matter-description">{o.description.clone()}</p>
                            <dl class="pairs">
                                <dt>{pt.credit_code_label}</dt><dd class="code">{o.credit_code.to_string()}</dd>
                                <dt>{pt.legal_rep_label}</dt><dd>{o.legal_rep.clone()}</dd>
                                <dt>{pt.areas_label}</dt><dd>{o.areas.join("、")}</dd>
                                <dt>{pt.registered_at}</dt><dd>{beijing_time(o.registered_at)}</dd>
                                {o.verified_at.map(|at| view! { <dt>{pt.verified_at}</dt><dd>{beijing_time(at)}</dd> })}
                                {o.contact.clone().map(|c| view! {
                                    <dt>{pt.phone_label}</dt><dd>{c.phone}</dd>
                                    <dt>{pt.documents_label}</dt><dd class="matter-description">{c.documents}</dd>
                                })}
                            </dl>
                            <h2>{pt.delivered_heading}</h2>
                            {if o.record.delivered_projects.is_empty() {
                                view! { <p class="empty">{pt.delivered_empty}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="matter-list">
                                        {o.record.delivered_projects.iter().map(|p| view! {
                                            <li class="matter-card">
                                                <h3><a href=format!("/projects/{}", p.id)>{p.title.clone()}</a></h3>
                                                <p class="matter-meta">
                                                    <span>{p.budget.to_string()}</span>
                                                    <span>{p.mean_rating.map_or_else(|| pt.no_ratings.to_owned(), |m| format!("★ {}", points(m)))}</span>
                                                </p>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        }.into_any(),
                        Err(error) => {
                            set_status(error.status());
                            view! { <ErrorNotice error /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

/// `/organisations/register`: an organisation registers with its unified
/// social credit code; staff of its area verify it.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let pt = use_pt();
    let refill = Refill::read(FIELDS);
    let field =
        |name: &'static str, label: &'static str, input: Input, hint: Option<&'static str>| {
            refill.field("register", name, label, input, hint)
        };
    view! {
        <crate::components::PageHead title=pt.register_title />
        <div class="wrap section narrow">
            <p class="breadcrumb"><a href="/organisations">{pt.orgs_title}</a></p>
            <h1>{pt.register_title}</h1>
            <p class="lead">{pt.register_lead}</p>
            <ProjectMessages />
            <form id="register" class="stack-form panel" method="post" action="/organisations">
                {field("name", pt.org_name_label, Input::Text, None)}
                {field("credit_code", pt.credit_code_label, Input::Text, Some(pt.credit_code_hint))}
                {field("legal_rep", pt.legal_rep_label, Input::Text, None)}
                {field("phone", pt.phone_label, Input::Text, Some(pt.phone_hint))}
                {field("areas", pt.areas_label, Input::Text, Some(pt.areas_hint))}
                {field("description", pt.org_description_label, Input::Textarea, None)}
                {field("documents", pt.documents_label, Input::Textarea, Some(pt.documents_hint))}
                <button type="submit" class="button">{pt.register_button}</button>
            </form>
        </div>
    }
}

/// `/organisations/desk`: the reader's organisations and, for staff, the
/// registrations waiting for them.
#[component]
pub fn DeskPage() -> impl IntoView {
    let pt = use_pt();
    let data = Resource::new(|| (), |()| organisation_desk());
    view! {
        <crate::components::PageHead title=pt.desk_title />
        <div class="wrap section">
            <p class="breadcrumb"><a href="/organisations">{pt.orgs_title}</a></p>
            <h1>{pt.desk_title}</h1>
            <ProjectMessages />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(desk) => {
                            let refill = Refill::read(FIELDS);
                            view! {
                                <h2>{pt.mine_heading}</h2>
                                {if desk.mine.is_empty() {
                                    view! { <p class="empty">{pt.mine_empty} " " <a href="/organisations/register">{pt.register_link}</a></p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="matter-list">
                                            {desk.mine.iter().map(|o| view! {
                                                <li class="matter-card">
                                                    <h3><a href=format!("/organisations/{}", o.id)>{o.name.clone()}</a></h3>
                                                    <p class="matter-meta"><StatusBadge status=o.status /> <span>{record_line(o)}</span></p>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                {desk.pending.map(|pending| view! {
                                    <h2>{pt.pending_heading}</h2>
                                    {if pending.is_empty() {
                                        view! { <p class="empty">{pt.pending_empty}</p> }.into_any()
                                    } else {
                                        pending.into_iter().map(|o| {
                                            let which = format!("reject-{}", o.id);
                                            let contact = o.contact.clone();
                                            view! {
                                                <article class="card" id=format!("org-{}", o.id)>
                                                    <h3><a href=format!("/organisations/{}", o.id)>{o.name.clone()}</a></h3>
                                                    <dl class="pairs">
                                                        <dt>{pt.credit_code_label}</dt><dd class="code">{o.credit_code.to_string()}</dd>
                                                        <dt>{pt.legal_rep_label}</dt><dd>{o.legal_rep.clone()}</dd>
                                                        <dt>{pt.areas_label}</dt><dd>{o.areas.join("、")}</dd>
                                                        {contact.map(|c| view! {
                                                            <dt>{pt.phone_label}</dt><dd>{c.phone}</dd>
                                                            <dt>{pt.documents_label}</dt><dd class="matter-description">{c.documents}</dd>
                                                        })}
                                                    </dl>
                                                    <p class="matter-description">{o.description.clone()}</p>
                                                    <div class="button-row">
                                                        <form class="inline-form" method="post" action=format!("/organisations/{}/verify", o.id)>
                                                            <button type="submit" class="button">{pt.verify_button}</button>
                                                        </form>
                                                    </div>
                                                    <details class="step-details" open=refill.is(&which)>
                                                        <summary>{pt.reject_heading}</summary>
                                                        {post_form(which.clone(), format!("/organisations/{}/reject", o.id), pt.reject_button,
                                                            refill.field(&which, "reason", pt.reject_reason, Input::Text, None).into_any())}
                                                    </details>
                                                </article>
                                            }
                                        }).collect_view().into_any()
                                    }}
                                })}
                            }.into_any()
                        }
                        Err(error) => {
                            set_status(error.status());
                            view! { <ErrorNotice error /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}
