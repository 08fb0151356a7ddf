//! Admission review: a community's public record of how its item list
//! changed, and the desk where street departments propose and review.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use linli_model::admission::{Change, ProposalStatus, ProposalView};

use crate::{
    api::admission::{admission_desk, admission_history},
    components::{ErrorNotice, Input, Loading, Refill, post_form, set_status},
    i18n::{admission::use_at, beijing_time, items::use_it, use_lang},
};

/// The proposal fields worth sending back when a form fails.
const FIELDS: &[&str] = &[
    "department",
    "community",
    "change",
    "title",
    "detail",
    "title_en",
    "detail_en",
    "item",
    "reason",
    "name",
    "login",
];

/// The notice or the refusal an admission form's redirect carried back.
#[component]
fn Messages() -> impl IntoView {
    let at = use_at();
    let query = crate::url::query();
    let (notice, error) = query.with_untracked(|q| (q.get("notice"), q.get("error")));
    view! {
        {notice.and_then(|n| (at.notice)(&n)).map(|n| view! { <p class="notice-ok" role="status">{n}</p> })}
        {error.and_then(|e| (at.error)(&e)).map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
    }
}

/// One proposal with every review: the same card in the history and on
/// the desk.
#[component]
fn ProposalCard(p: ProposalView) -> impl IntoView {
    let at = use_at();
    let it = use_it();
    let lang = crate::i18n::use_lang();
    let what = match &p.change {
        Change::Add { kind, title, detail } => view! {
            <p><span class="badge badge-quiet">{at.add_label}</span> " " <strong>{title.get(lang).to_owned()}</strong>
                <span class="hint">" · " {(it.kind_heading)(*kind)}</span></p>
            <p class="item-detail"><span class="item-detail-label">{(it.detail_label)(*kind)}</span>{detail.get(lang).to_owned()}</p>
        }.into_any(),
        Change::Withdraw { item } => view! {
            <p><span class="badge badge-quiet">{at.withdraw_label}</span> " " <strong>{p.withdrawn_title.clone().unwrap_or_else(|| format!("#{item}"))}</strong></p>
        }.into_any(),
    };
    let badge = match p.status {
        ProposalStatus::Reviewing => "badge stage-notice",
        ProposalStatus::Adopted => "badge stage-decided",
        ProposalStatus::Rejected => "badge topic-declined",
    };
    view! {
        <article class="card proposal" id=format!("proposal-{}", p.id)>
            <p class="matter-meta">
                <span class=badge>{(at.status)(p.status)}</span>
                <span>{(at.proposed_by)(&p.proposer, &beijing_time(p.filed_at))}</span>
            </p>
            {what}
            <p class="matter-description"><strong>{at.reason} "："</strong>{p.reason.clone()}</p>
            <ol class="timeline">
                {p.reviews.iter().map(|r| view! {
                    <li class="timeline-step">
                        <p class="timeline-head"><strong>{r.department.clone()}</strong> " · " {(at.verdict)(r.verdict)}</p>
                        <p class="hint"><time>{beijing_time(r.at)}</time></p>
                        <p class="timeline-note">{r.reason.clone()}</p>
                    </li>
                }).collect_view()}
            </ol>
            {(!p.awaiting.is_empty()).then(|| view! { <p class="hint">{(at.awaiting)(&p.awaiting.join("、"))}</p> })}
        </article>
    }
}

/// `/communities/:code/items/history`: every proposal to change the
/// community's list, with every department's review.
#[component]
pub fn AdmissionHistoryPage() -> impl IntoView {
    let at = use_at();
    let it = use_it();
    let lang = use_lang();
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let data = Resource::new(code, admission_history);
    view! {
        <div class="wrap section narrow">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(h) => {
                            let name = h.name.get(lang).to_owned();
                            view! {
                                <crate::components::PageHead title=(at.history_title)(&name) />
                                <p class="breadcrumb">
                                    <a href=format!("/communities/{}", h.code)>{name.clone()}</a> " › "
                                    <a href=format!("/communities/{}/items", h.code)>{it.link}</a>
                                </p>
                                <h1>{(at.history_title)(&name)}</h1>
                                <p class="lead">{at.history_lead}</p>
                                {if h.proposals.is_empty() {
                                    view! { <p class="empty">{at.history_empty}</p> }.into_any()
                                } else {
                                    h.proposals.into_iter().map(|p| view! { <ProposalCard p /> }).collect_view().into_any()
                                }}
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

/// `/staff/admission`: propose, review, and (for street officers) set up
/// the street's departments.
#[component]
pub fn AdmissionDeskPage() -> impl IntoView {
    let at = use_at();
    let it = use_it();
    let lang = use_lang();
    let data = Resource::new(|| (), |()| admission_desk());
    view! {
        <crate::components::PageHead title=at.desk_title />
        <div class="wrap section">
            <h1>{at.desk_title}</h1>
            <p class="lead">{at.desk_lead}</p>
            <Messages />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let desk = match data.await {
                        Ok(d) => d,
                        Err(error) => {
                            set_status(error.status());
                            return view! { <ErrorNotice error /> }.into_any();
                        }
                    };
                    let refill = Refill::read(FIELDS);
                    let mine = (!desk.departments.is_empty()).then(|| {
                        let choices = desk.departments.iter().map(|(id, _, name, _)| {
                            let selected = refill.typed("propose", "department").as_deref() == Some(id.to_string().as_str());
                            view! { <option value=id.to_string() selected=selected>{name.clone()}</option> }
                        }).collect_view();
                        let chosen = refill.typed("propose", "change").unwrap_or_default();
                        let kinds = linli_model::item::ItemKind::ALL.iter().map(|k| {
                            view! { <option value=k.as_str() selected=chosen == k.as_str()>{at.add_label} "：" {(it.kind_heading)(*k)}</option> }
                        }).collect_view();
                        view! {
                            <h2>{at.your_departments}</h2>
                            <ul class="check-list">
                                {desk.departments.iter().map(|(_, _, name, reviews)| view! {
                                    <li>{name.clone()} " · " <span class="hint">{if *reviews { at.reviewing_dept } else { at.proposing_dept }}</span></li>
                                }).collect_view()}
                            </ul>
                            <section class="panel" aria-labelledby="propose-heading">
                                <h2 id="propose-heading">{at.propose_heading}</h2>
                                {post_form("propose".into(), "/staff/admission/proposals".into(), at.propose_button, view! {
                                    <div class="field">
                                        <label for="propose-department">{at.department_label}</label>
                                        <select id="propose-department" name="department">{choices}</select>
                                    </div>
                                    {refill.field("propose", "community", at.community_label, Input::Text, Some(at.community_hint))}
                                    <div class="field">
                                        <label for="propose-change">{at.change_label}</label>
                                        <select id="propose-change" name="change">
                                            {kinds}
                                            <option value="withdraw" selected=chosen == "withdraw">{at.change_withdraw}</option>
                                        </select>
                                    </div>
                                    {refill.field("propose", "title", at.title_label, Input::Text, None)}
                                    {refill.field("propose", "detail", at.detail_label, Input::Text, Some(at.detail_hint))}
                                    {refill.field("propose", "title_en", at.title_en_label, Input::Text, None)}
                                    {refill.field("propose", "detail_en", at.detail_en_label, Input::Text, Some(at.english_hint))}
                                    {refill.field("propose", "item", at.item_label, Input::Number, Some(at.item_hint))}
                                    {refill.field("propose", "reason", at.reason_label, Input::Textarea, None)}
                                }.into_any())}
                            </section>
                            <h2>{at.awaiting_heading}</h2>
                            {if desk.awaiting.is_empty() {
                                view! { <p class="empty">{at.awaiting_empty}</p> }.into_any()
                            } else {
                                desk.awaiting.into_iter().map(|(p, depts)| {
                                    let id = p.id;
                                    let forms = depts.into_iter().map(|(dept, name)| {
                                        let which = format!("review-{id}-{dept}");
                                        view! {
                                            <form id=which.clone() class="stack-form" method="post" action=format!("/staff/admission/proposals/{id}/review")>
                                                <h3>{(at.review_as)(&name)}</h3>
                                                <input type="hidden" name="department" value=dept.to_string() />
                                                {refill.field(&which, "reason", at.review_reason, Input::Text, None)}
                                                <div class="button-row">
                                                    <button type="submit" class="button" name="verdict" value="approve">{at.approve_button}</button>
                                                    <button type="submit" class="button button-quiet" name="verdict" value="reject">{at.reject_button}</button>
                                                </div>
                                            </form>
                                        }
                                    }).collect_view();
                                    view! { <ProposalCard p /> <div class="panel">{forms}</div> }
                                }).collect_view().into_any()
                            }}
                        }
                    });
                    let setup = desk.streets.into_iter().map(|street| {
                        let street_name = street.name.get(lang).to_owned();
                        let code = street.code.clone();
                        view! {
                            <section class="panel" aria-labelledby=format!("setup-{code}")>
                                <h2 id=format!("setup-{code}")>{(at.setup_heading)(&street_name)}</h2>
                                {street.departments.into_iter().map(|d| {
                                    let which = format!("member-{}", d.id);
                                    view! {
                                        <h3>{d.name.clone()} " · " <span class="hint">{if d.reviews { at.reviewing_dept } else { at.proposing_dept }}</span></h3>
                                        <p class="hint">{at.members} "：" {d.members.join("、")}</p>
                                        {post_form(which.clone(), format!("/staff/admission/departments/{}/members", d.id), at.add_member,
                                            refill.field(&which, "login", at.member_login, Input::Text, None).into_any())}
                                    }
                                }).collect_view()}
                                <h3>{at.new_department}</h3>
                                {post_form(format!("department-{code}"), format!("/staff/admission/streets/{code}/departments"), at.add_department, view! {
                                    {refill.field(&format!("department-{code}"), "name", at.department_name, Input::Text, None)}
                                    <div class="field field-check">
                                        <input id=format!("department-{code}-reviews") type="checkbox" name="reviews" value="on" checked=true />
                                        <label for=format!("department-{code}-reviews")>{at.reviews_label}</label>
                                    </div>
                                }.into_any())}
                            </section>
                        }
                    }).collect_view();
                    let nothing = mine.is_none().then(|| view! { <p class="empty">{at.no_departments}</p> });
                    view! { {nothing} {mine} {setup} }.into_any()
                })}
            </Suspense>
        </div>
    }
}
