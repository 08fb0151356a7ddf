use leptos::prelude::*;
use linli_model::{
    matter::{MatterState, Severity, StepBy},
    moderation::Content,
};

use super::StateBadge;
use crate::{
    api::matters::{MatterView, get_matter},
    components::{
        ErrorNotice, Input, Loading, PhotoStrip, error_for, errors_from_query, inline_field,
    },
    i18n::{beijing_time, deliberation::use_dt, use_lang, use_t},
    pages::{
        account::FormMessages,
        moderation::{ReportLink, Withheld},
        route_id,
    },
};

/// `/matters/:id`: the matter, its public timeline, and the forms each
/// person may use on it (the server checks every one again).
#[component]
pub fn MatterPage() -> impl IntoView {
    let id = route_id();
    let matter = Resource::new(id, get_matter);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match matter.await {
                    Ok(view) => view! { <MatterView view /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The parts of a matter's page that change as it is handled.
const LIVE_REGIONS: [&str; 5] = [
    "matter-meta",
    "matter-panel",
    "matter-follow-up",
    "matter-actions",
    "matter-timeline",
];

#[component]
fn MatterView(view: MatterView) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    let d = view.detail;
    let s = d.summary.clone();
    let part = view.part;
    let id = s.id;
    let timeline = d
        .timeline
        .iter()
        .map(|e| {
            let who = match &e.by {
                StepBy::Named(name) => name.clone(),
                StepBy::Reporter => t.reporter_hidden.to_owned(),
                StepBy::System => t.system_actor.to_owned(),
            };
            view! {
                <li class=format!("timeline-step step-{}", e.kind.as_str())>
                    <p class="timeline-head">
                        <strong>{(t.step_kind)(e.kind)}</strong>
                        " · " {who}
                    </p>
                    <p class="hint">
                        <time>{beijing_time(e.at)}</time>
                        " · " {(t.matter_state)(e.state_after)}
                    </p>
                    {e.note.clone().map(|n| view! { <p class="timeline-note">{n}</p> })}
                </li>
            }
        })
        .collect_view();
    let may_support = view.me.is_some() && !part.reporter && s.state.is_open();
    view! {
        <crate::components::PageHead title=s.title.clone() description=d.description.clone() />
        <div class="wrap section narrow">
            <p class="breadcrumb">
                <a href="/matters">{t.matters_title}</a>
                " › "
                <a href=format!("/matters?place={}", s.community)>{d.community_name.get(lang).to_owned()}</a>
            </p>
            <h1>{s.title.clone()}</h1>
            <p class="matter-meta" id="matter-meta">
                <StateBadge state=s.state />
                {s.severity.map(|v| view! { <span class="badge">{(t.severity)(v)}</span> })}
                {s.overdue.then(|| view! { <span class="badge badge-alert">{t.overdue_badge}</span> })}
                <span>{s.category_name.get(lang).to_owned()}</span>
                <span class="code">"#" {id}</span>
            </p>
            <FormMessages />
            // What staff do elsewhere shows up here while the page is open.
            <crate::islands::LiveRegions
                refresh=crate::islands::Refresh::Events(format!("/matters/{id}/events"))
                regions=LIVE_REGIONS.iter().map(|r| (*r).to_owned()).collect()
                updated=t.matter_updated.to_owned()
            />
            <section class="panel" id="matter-panel">
                // A description is required, so an empty one was withheld.
                {if d.description.is_empty() {
                    view! { <Withheld content=Content::Matter(id) /> }.into_any()
                } else {
                    view! {
                        <p class="matter-description">{d.description.clone()}</p>
                        <p class="link-row"><ReportLink content=Content::Matter(id) /></p>
                    }.into_any()
                }}
                {(!d.photos.is_empty()).then(|| view! {
                    <h2 class="visually-hidden">{t.photos_heading}</h2>
                    <PhotoStrip photos=d.photos.clone() reportable=true />
                })}
                <dl class="matter-facts">
                    <dt>{t.place_label}</dt>
                    <dd>
                        {d.community_name.get(lang).to_owned()} " · " {d.grid_name.get(lang).to_owned()}
                        {d.address.clone().map(|a| format!(" · {a}"))}
                        {d.latitude.zip(d.longitude).map(|(lat, lon)| view! {
                            " · "
                            <a
                                href=format!("https://www.openstreetmap.org/?mlat={lat:.6}&mlon={lon:.6}#map=18/{lat:.6}/{lon:.6}")
                                rel="noopener noreferrer external"
                            >
                                {t.map_link} " (" {format!("{lat:.5}, {lon:.5}")} ")"
                            </a>
                        })}
                    </dd>
                    <dt>{t.reporter_label}</dt>
                    <dd>
                        {d.reporter.clone().unwrap_or_else(|| t.reporter_hidden.to_owned())}
                        {(d.channel != linli_model::channel::Channel::Online).then(|| {
                            let ct = crate::i18n::channels::use_ct();
                            view! { <span class="badge">{(ct.entered_for)(d.channel)}</span> }
                        })}
                    </dd>
                    <dt>{t.reported_on}</dt>
                    <dd>{beijing_time(s.created_at)}</dd>
                    {s.deadline_at.filter(|_| s.state.has_deadline()).map(|at| view! {
                        <dt>{t.deadline_label}</dt>
                        <dd>{beijing_time(at)}</dd>
                    })}
                    {d.handler.clone().map(|h| view! { <dt>{t.handler_label}</dt><dd>{h}</dd> })}
                    {d.merged_into.map(|m| view! {
                        <dt>{t.merged_into_label}</dt>
                        <dd><a href=format!("/matters/{m}")>"#" {m}</a></dd>
                    })}
                    {d.referred_to.clone().map(|r| view! { <dt>{t.referred_to_label}</dt><dd>{r}</dd> })}
                    {d.rating.map(|r| view! {
                        <dt>{t.rating_label}</dt>
                        <dd>
                            <span aria-hidden="true">{"★".repeat(r.stars().into())}{"☆".repeat((5 - r.stars()).into())}</span>
                            <span class="visually-hidden">{r.stars()} " / 5"</span>
                            {d.rating_comment.clone().map(|c| format!(" · {c}"))}
                        </dd>
                    })}
                </dl>
                <div class="support-row">
                    <p><strong>{s.support_count}</strong> " " {t.supporters}</p>
                    {if part.supporter {
                        view! { <p class="status status-verified">{t.supported_already}</p> }.into_any()
                    } else if may_support {
                        view! {
                            <form method="post" action=format!("/matters/{id}/support")>
                                <button type="submit" class="button">{t.me_too}</button>
                            </form>
                        }.into_any()
                    } else {
                        ().into_any()
                    }}
                </div>
                {(!view.topics.is_empty()).then(|| {
                    let dt = use_dt();
                    view! {
                        <p class="hint">{dt.topic_from_this_matter}</p>
                        <ul>
                            {view.topics.iter().map(|(d, topic, title)| view! {
                                <li><a href=format!("/deliberations/{d}#topics-{topic}")>{title.clone()}</a></li>
                            }).collect_view()}
                        </ul>
                    }
                })}
            </section>
            {view.promise.clone().map(|p| {
                let pm = crate::i18n::promises::use_pm();
                view! {
                    <p class=format!("promise-note promise-{}", p.state.as_str())>
                        <span class=format!("badge state-{}", p.state.as_str())>{(pm.state)(p.state)}</span>
                        " " {(pm.supporters)(p.supporters, p.threshold)} " · "
                        <a href=format!("/promises/{}", p.id)>{pm.agenda_heading} " · " {pm.answer_heading}</a>
                    </p>
                }
            })}
            <crate::pages::lists::NeedsFromHere community=s.community.to_string() source=linli_model::need::NeedSource::Matter(id) from=view.needs.clone() />
            <div id="matter-follow-up">
                {(part.reporter && s.state == MatterState::Resolved).then(|| view! { <FollowUp id /> })}
            </div>
            <div id="matter-actions">
                {(part.may_manage || part.may_work).then(|| view! { <Actions id state=s.state may_manage=part.may_manage me=view.me handlers=part.handlers.clone() referral_items=part.referral_items.clone() /> })}
            </div>
            <section aria-labelledby="timeline-heading" id="matter-timeline">
                <h2 id="timeline-heading">{t.timeline_heading}</h2>
                <ol class="timeline">{timeline}</ol>
            </section>
        </div>
    }
}

/// A text field inside a step form, keeping what was typed after an error.
fn text_field(
    form: &'static str,
    name: &'static str,
    label: &'static str,
    typed: &dyn Fn(&str) -> String,
    errors: &[(String, linli_model::account::FieldError)],
    multiline: bool,
) -> impl IntoView + use<> {
    let mine = typed("form") == form;
    let value = if mine { typed(name) } else { String::new() };
    let error = mine.then(|| error_for(errors, name)).flatten();
    let input = if multiline {
        Input::Textarea
    } else {
        Input::Text
    };
    inline_field(form, name.into(), label.into(), input, value, error, None)
}

/// The negative-list items a matter can be referred by: choosing one names
/// whose work it is, so the resident learns where it went and why.
#[component]
fn ReferralItemField(
    items: Vec<linli_model::item::ListItem>,
    /// What the form sent last time, kept after a mistake.
    typed: String,
    lang: linli_model::Lang,
) -> impl IntoView {
    let t = use_t();
    let options = items
        .into_iter()
        .map(|item| {
            let value = item.id.to_string();
            let selected = value == typed;
            let label = format!("{} — {}", item.title.get(lang), item.detail.get(lang));
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="refer-item">{t.refer_item_label}</label>
            <select id="refer-item" name="item" aria-describedby="refer-item-hint">
                <option value="">{t.refer_item_none}</option>
                {options}
            </select>
            <p class="hint" id="refer-item-hint">{t.refer_item_hint}</p>
        </div>
    }
}

/// What the resident may do once the matter is resolved: rate it, or
/// reopen it within two weeks.
#[component]
fn FollowUp(id: i64) -> impl IntoView {
    let t = use_t();
    let query = crate::url::query();
    let typed = move |k: &str| query.with_untracked(|q| q.get(k).unwrap_or_default());
    let errors = errors_from_query(query.with_untracked(|q| q.get("errors")));
    let stars = (1..=5u8)
        .rev()
        .map(|n| {
            view! {
                <label class="star-choice">
                    <input type="radio" name="stars" value=n.to_string() required=true />
                    {"★".repeat(n.into())}
                    <span class="visually-hidden">{n} " / 5"</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="rate-heading">
            <h2 id="rate-heading">{t.rate_heading}</h2>
            <form class="stack-form" method="post" action=format!("/matters/{id}/step")>
                <input type="hidden" name="step" value="rate" />
                <fieldset class="stars">
                    <legend>{t.stars_label}</legend>
                    {stars}
                </fieldset>
                {error_for(&errors, "stars").map(|e| view! { <p class="field-error" role="alert">{(t.field_error)(&e)}</p> })}
                {text_field("rate", "comment", t.comment_label, &typed, &errors, true)}
                <button type="submit" class="button">{t.rate_button}</button>
            </form>
            <h3>{t.reopen_heading}</h3>
            <p class="hint">{t.reopen_hint}</p>
            <form class="stack-form" method="post" action=format!("/matters/{id}/step")>
                <input type="hidden" name="step" value="reopen" />
                {text_field("reopen", "reason", t.reason_field, &typed, &errors, true)}
                <button type="submit" class="button button-quiet">{t.reopen_button}</button>
            </form>
        </section>
    }
}

/// The handling forms staff and handlers see, only those the state allows.
#[component]
fn Actions(
    id: i64,
    state: MatterState,
    may_manage: bool,
    me: Option<i64>,
    /// The grid's workers and the community's staff, by name.
    handlers: Vec<(i64, String)>,
    /// The community's negative-list items, to refer by.
    referral_items: Vec<linli_model::item::ListItem>,
) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    let query = crate::url::query();
    let typed = move |k: &str| query.with_untracked(|q| q.get(k).unwrap_or_default());
    let errors = errors_from_query(query.with_untracked(|q| q.get("errors")));
    let action = format!("/matters/{id}/step");
    // The main step of a state is shown open; the others fold away so a
    // phone screen is not a wall of forms. A form that came back with an
    // error opens again.
    let reopened = typed("form");
    let form = |step: &'static str, button: &'static str, fields: AnyView| {
        let open = matches!(step, "register" | "start") || reopened == step;
        view! {
            <details class="step-details" open=open>
                <summary>{button}</summary>
                <form class="stack-form step-form" method="post" action=action.clone()>
                    <input type="hidden" name="step" value=step />
                    {fields}
                    <button type="submit" class="button">{button}</button>
                </form>
            </details>
        }
    };
    let mut forms: Vec<AnyView> = Vec::new();
    let manage = may_manage;
    if manage && state == MatterState::Submitted {
        let severities = Severity::ALL
            .into_iter()
            .map(|s| view! { <option value=s.as_str()>{(t.severity)(s)} " (" {s.default_working_days()} ")"</option> })
            .collect_view();
        forms.push(
            form(
                "register",
                t.register_button,
                view! {
                    <div class="field">
                        <label for="register-severity">{t.severity_label}</label>
                        <select id="register-severity" name="severity">{severities}</select>
                    </div>
                }
                .into_any(),
            )
            .into_any(),
        );
        forms.push(
            form(
                "reject",
                t.reject_button,
                text_field("reject", "reason", t.reason_field, &typed, &errors, true).into_any(),
            )
            .into_any(),
        );
    }
    if manage && matches!(state, MatterState::Submitted | MatterState::Registered) {
        forms.push(
            form(
                "merge",
                t.merge_button,
                text_field("merge", "into", t.into_label, &typed, &errors, false).into_any(),
            )
            .into_any(),
        );
        forms.push(
            form(
                "refer",
                t.refer_button,
                view! {
                    <ReferralItemField items=referral_items typed=typed("item") lang />
                    {text_field("refer", "to", t.refer_to_label, &typed, &errors, false)}
                    {text_field("refer", "reason", t.reason_field, &typed, &errors, true)}
                }
                .into_any(),
            )
            .into_any(),
        );
    }
    if manage
        && matches!(
            state,
            MatterState::Registered | MatterState::Dispatched | MatterState::InProgress
        )
    {
        let people = handlers
            .iter()
            .map(|(account, name)| {
                let selected = Some(*account) == me;
                view! { <option value=account.to_string() selected=selected>{name.clone()}</option> }
            })
            .collect_view();
        forms.push(
            form(
                "dispatch",
                t.dispatch_button,
                view! {
                    <div class="field">
                        <label for="dispatch-handler">{t.handler_label}</label>
                        <select id="dispatch-handler" name="handler">{people}</select>
                    </div>
                    {text_field("dispatch", "team", t.team_label, &typed, &errors, false)}
                }
                .into_any(),
            )
            .into_any(),
        );
    }
    if state == MatterState::Dispatched {
        forms.push(form("start", t.start_button, ().into_any()).into_any());
    }
    if matches!(state, MatterState::Dispatched | MatterState::InProgress) {
        forms.push(
            form(
                "resolve",
                t.resolve_button,
                text_field("resolve", "done", t.done_label, &typed, &errors, true).into_any(),
            )
            .into_any(),
        );
    }
    (!forms.is_empty()).then(|| {
        view! {
            <section class="panel matter-actions" aria-labelledby="actions-heading">
                <h2 id="actions-heading">{t.actions_heading}</h2>
                {forms}
            </section>
        }
    })
}
