//! The staff work queue and a person's inbox.

use leptos::prelude::*;
use linli_model::{
    LocalName,
    account::NoticeChannel,
    deliberation::DeliberationInboxItem,
    matter::{InboxItem, WaitingReport, WorkQueue},
};

use super::MatterCard;
use crate::{
    api::{
        inbox::{InboxView, my_inbox},
        matters::work_queue,
    },
    components::{ErrorNotice, Loading, PlaceLabel, Refill},
    i18n::{beijing_time, deliberation::use_dt, use_lang, use_t},
    pages::{account::FormMessages, deliberations::DeliberationMessages},
};

/// `/staff/matters`: open matters in the staff member's area, the nearest
/// deadline first, with dispatch for several at once.
#[component]
pub fn WorkQueuePage() -> impl IntoView {
    let t = use_t();
    let queue = Resource::new(|| (), |_| work_queue());
    view! {
        <crate::components::PageHead title=t.queue_matters_title />
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
fn QueueView(queue: WorkQueue) -> impl IntoView {
    let t = use_t();
    let empty = queue.items.is_empty();
    let handlers = queue
        .handlers
        .iter()
        .map(|(account, name)| view! { <option value=account.to_string()>{name.clone()}</option> })
        .collect_view();
    let rows = queue
        .items
        .into_iter()
        .map(|matter| {
            let id = matter.id;
            let label_id = format!("pick-{id}");
            view! {
                <div class="queue-row">
                    <input type="checkbox" name="id" value=id.to_string() id=label_id.clone() form="bulk-dispatch" />
                    <label class="visually-hidden" for=label_id>{t.pick_label} " #" {id}</label>
                    <ul class="matter-list"><MatterCard matter /></ul>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="wrap section">
            <h1>{t.queue_matters_title}</h1>
            <p class="lead">{t.queue_matters_lead} " " <PlaceLabel code=queue.place name=queue.place_name /></p>
            <p><a class="button button-quiet" href="/staff/assist">{crate::i18n::channels::use_ct().staff_link}</a></p>
            <FormMessages />
            <Waiting reports=queue.waiting grids=queue.grids />
            {if empty {
                view! { <p class="empty">{t.queue_matters_empty}</p> }.into_any()
            } else {
                view! {
                    <div class="queue">{rows}</div>
                    <form id="bulk-dispatch" class="panel stack-form" method="post" action="/staff/matters/dispatch">
                        <h2>{t.bulk_dispatch_heading}</h2>
                        <div class="field">
                            <label for="bulk-team">{t.team_label}</label>
                            <input id="bulk-team" name="team" type="text" maxlength="60" />
                        </div>
                        <div class="field">
                            <label for="bulk-handler">{t.handler_label}</label>
                            <select id="bulk-handler" name="handler">
                                <option value="">{t.no_handler_person}</option>
                                {handlers}
                            </select>
                        </div>
                        <button type="submit" class="button">{t.dispatch_button}</button>
                    </form>
                }
                    .into_any()
            }}
        </div>
    }
}

/// Reports that came without a grid, first in the queue: each with a form
/// to put it in one (a list of the area's grids, or the code typed when
/// the area has too many to list).
#[component]
fn Waiting(
    reports: Vec<WaitingReport>,
    grids: Vec<(String, LocalName, LocalName)>,
) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    if reports.is_empty() {
        return ().into_any();
    }
    let refill = Refill::read(&["grid"]);
    let cards = reports
        .into_iter()
        .map(|report| {
            let which = format!("place-{}", report.id);
            let field_id = format!("{which}-grid");
            let typed = refill.typed(&which, "grid").unwrap_or_default();
            let error = refill.error(&which, "grid").or_else(|| refill.error(&which, "category"));
            let input = if grids.is_empty() {
                view! {
                    <input id=field_id.clone() name="grid" type="text" inputmode="numeric" required
                        pattern="[0-9]{20}" maxlength="20" value=typed aria-describedby=format!("{field_id}-hint") />
                    <p class="hint" id=format!("{field_id}-hint")>{t.place_grid_code_hint}</p>
                }
                .into_any()
            } else {
                let options = grids
                    .iter()
                    .map(|(code, grid, community)| {
                        let label = format!("{} · {}", community.get(lang), grid.get(lang));
                        view! { <option value=code.clone() selected=*code == typed>{label}</option> }
                    })
                    .collect_view();
                view! { <select id=field_id.clone() name="grid" required>{options}</select> }.into_any()
            };
            let named = (t.waiting_named)(
                report.place_name.as_ref().map(|n| n.get(lang)).filter(|_| !report.place.is_empty()),
            );
            let position = report
                .point
                .map(|(lat, long)| format!("{lat:.5}, {long:.5}"));
            view! {
                <li class="panel waiting-report" id=which.clone()>
                    <h3>{report.title}</h3>
                    <p class="hint">
                        {report.category_name.get(lang).to_owned()} " · "
                        {t.waiting_received} " " {beijing_time(report.reported_at)}
                    </p>
                    <p>{report.description}</p>
                    {report.address.map(|a| view! { <p><strong>{t.address_label}</strong> " " {a}</p> })}
                    {position.map(|p| view! { <p><strong>{t.waiting_position}</strong> " " {p}</p> })}
                    <p class="hint">{named}</p>
                    <form class="stack-form" method="post" action="/staff/matters/place">
                        <input type="hidden" name="id" value=report.id.to_string() />
                        <div class="field">
                            <label for=field_id.clone()>{t.place_grid_label}</label>
                            {input}
                            {error.map(|e| view! {
                                <p id=format!("{which}-error") class="field-error" role="alert">{(t.field_error)(&e)}</p>
                            })}
                        </div>
                        <button type="submit" class="button">{t.place_button}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="waiting" aria-labelledby="waiting-heading">
            <h2 id="waiting-heading">{t.waiting_heading}</h2>
            <p class="lead">{t.waiting_lead}</p>
            <ul class="waiting-list">{cards}</ul>
        </section>
    }
    .into_any()
}

/// `/inbox`: what changed on the matters a person reported or supports.
#[component]
pub fn InboxPage() -> impl IntoView {
    let t = use_t();
    let inbox = Resource::new(|| (), |_| my_inbox());
    view! {
        <crate::components::PageHead title=t.inbox_title />
        <div class="wrap section narrow">
            <h1>{t.inbox_title}</h1>
            <DeliberationMessages />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match inbox.await {
                        Ok(view) => view! { <Inbox view /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Inbox(view: InboxView) -> impl IntoView {
    let t = use_t();
    let dt = use_dt();
    let empty = view.matters.is_empty()
        && view.deliberations.is_empty()
        && view.account.is_empty()
        && view.results.is_empty();
    let notices = view
        .account
        .into_iter()
        .map(|n| {
            view! {
                <li class=if n.read { "inbox-item" } else { "inbox-item unread" }>
                    <p>{(t.credentials_ended)(n.why, n.tokens_revoked)}</p>
                    <p class="hint">
                        {beijing_time(n.at)}
                        {(!n.read).then(|| view! { " · " <strong>{t.unread}</strong> })}
                    </p>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        {empty.then(|| view! { <p class="empty">{t.inbox_empty}</p> })}
        {(!notices.is_empty()).then(|| view! {
            <section aria-labelledby="inbox-account">
                <h2 id="inbox-account">{t.inbox_account}</h2>
                <ul class="inbox">{notices}</ul>
            </section>
        })}
        {(!view.matters.is_empty()).then(|| view! {
            <section aria-labelledby="inbox-matters">
                <h2 id="inbox-matters">{t.nav_matters}</h2>
                <InboxList items=view.matters />
            </section>
        })}
        {(!view.results.is_empty()).then(|| view! {
            <section aria-labelledby="inbox-results">
                <h2 id="inbox-results">{crate::i18n::results::use_rt().nav}</h2>
                <ResultInbox items=view.results />
            </section>
        })}
        {(!view.deliberations.is_empty()).then(|| view! {
            <section aria-labelledby="inbox-deliberations">
                <h2 id="inbox-deliberations">{dt.nav}</h2>
                <DeliberationInbox items=view.deliberations />
            </section>
        })}
        <section class="panel" aria-labelledby="digest-heading">
            <h2 id="digest-heading">{dt.digest_heading}</h2>
            <form class="stack-form" method="post" action="/inbox/settings">
                <div class="field field-check">
                    <input id="daily_digest" type="checkbox" name="daily_digest" value="on" checked=view.notices.daily_digest />
                    <label for="daily_digest">{dt.digest_label}</label>
                </div>
                <p class="hint">{dt.digest_hint}</p>
                <fieldset class="field">
                    <legend>{dt.channel_label}</legend>
                    {NoticeChannel::ALL.into_iter().map(|c| {
                        let usable = match c {
                            NoticeChannel::Email => view.notices.has_email,
                            NoticeChannel::Sms => view.notices.has_phone,
                        };
                        view! {
                            <label class="choice">
                                <input type="radio" name="channel" value=c.as_str() checked=view.notices.channel == c disabled=!usable />
                                " " {(dt.channel)(c, usable)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="button">{t.save_settings}</button>
            </form>
        </section>
    }
}

#[component]
fn DeliberationInbox(items: Vec<DeliberationInboxItem>) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    let rows = items
        .into_iter()
        .map(|item| {
            view! {
                <li class=if item.read { "inbox-item" } else { "inbox-item unread" }>
                    <a href=format!("/deliberations/{}", item.deliberation)>{item.title}</a>
                    <p class="hint">
                        {item.kind.name(lang)} " · " {beijing_time(item.at)}
                        {(!item.read).then(|| view! { " · " <strong>{t.unread}</strong> })}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="inbox">{rows}</ul> }
}

#[component]
fn InboxList(items: Vec<InboxItem>) -> impl IntoView {
    let t = use_t();
    let rows = items
        .into_iter()
        .map(|item| {
            view! {
                <li class=if item.read { "inbox-item" } else { "inbox-item unread" }>
                    <a href=format!("/matters/{}", item.matter)>{item.title}</a>
                    <p class="hint">
                        {(t.step_kind)(item.kind)} " · " {beijing_time(item.at)}
                        {(!item.read).then(|| view! { " · " <strong>{t.unread}</strong> })}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="inbox">{rows}</ul> }
}

/// Updates of results the person follows, newest first.
#[component]
fn ResultInbox(items: Vec<linli_model::tracker::TrackedNotice>) -> impl IntoView {
    let t = use_t();
    let rt = crate::i18n::results::use_rt();
    let items = items
        .into_iter()
        .map(|n| {
            view! {
                <li class:unread=!n.read>
                    <a href=format!("/results/{}", n.result)>{n.title}</a>
                    <p>{(rt.status)(n.status)} " · " {(rt.progress)(n.progress.percent())}</p>
                    <p class="hint">
                        {beijing_time(n.at)}
                        {(!n.read).then(|| view! { " · " <strong>{t.unread}</strong> })}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="inbox">{items}</ul> }
}
