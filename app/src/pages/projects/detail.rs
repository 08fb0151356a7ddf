use leptos::prelude::*;
use linli_model::project::{
    BidForm, BidView, Criterion, MySheet, ProjectDetail, ProjectStatus, RankedBid, SCORE_MAX,
};

use super::{ProjectMessages, StatusBadge, points};
use crate::{
    components::{
        BarChart, ErrorNotice, Input, Loading, PhotoFields, PhotoStrip, Refill, ScrollTable,
        post_form,
    },
    i18n::{beijing_time, projects::use_pt, use_lang, use_t},
    pages::route_id,
};

/// The fields project forms send back when they fail.
const FIELDS: &[&str] = &[
    "proposal",
    "budget",
    "milestones",
    "team",
    "reason",
    "comment",
    "body",
    "milestone",
    "photos",
    "score_0",
    "score_1",
    "score_2",
    "score_3",
    "score_4",
    "score_5",
    "score_6",
    "score_7",
    "requirements",
    "eligibility",
    "deadline",
    "criteria",
    "evaluators",
];

/// `/projects/:id`: the call, the seal, the bids the reader may read, the
/// evaluation and its published result, milestones and ratings, and the
/// forms each person may use now (the server checks every one again).
#[component]
pub fn ProjectPage() -> impl IntoView {
    let id = route_id();
    let data = Resource::new(id, crate::api::projects::get_project);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(detail) => view! { <Project detail /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Project(detail: ProjectDetail) -> impl IntoView {
    let pt = use_pt();
    let lt = crate::i18n::lists::use_lt();
    let lang = use_lang();
    let refill = Refill::read(FIELDS);
    let s = detail.summary.clone();
    let id = s.id;
    let criteria = detail.criteria.clone();
    let weight_rows = criteria
        .iter()
        .map(|c| view! { <tr><td>{c.name.clone()}</td><td class="num">{c.weight} "%"</td></tr> })
        .collect_view();
    let weights = view! {
        <ScrollTable label=pt.criteria_heading.to_owned()>
            <table class="grid-table">
                <caption class="visually-hidden">{pt.criteria_heading}</caption>
                <thead><tr><th scope="col">{pt.criterion}</th><th scope="col" class="num">{pt.weight}</th></tr></thead>
                <tbody>
                    {weight_rows}
                </tbody>
            </table>
        </ScrollTable>
    };
    let bids_heading = match (detail.sealed, detail.bid_count) {
        (true, _) => (pt.sealed_until)(&beijing_time(s.deadline)),
        (false, n) => (pt.bids_received)(n.unwrap_or(0)),
    };
    let timeline = detail
        .timeline
        .iter()
        .map(|e| {
            view! {
                <li class="timeline-step">
                    <p class="timeline-head"><strong>{(pt.event)(&e.kind)}</strong></p>
                    <p class="hint"><time>{beijing_time(e.at)}</time></p>
                    {e.note.clone().map(|n| view! { <p class="timeline-note">{n}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <crate::components::PageHead title=s.title.clone() description=detail.description.clone() />
        <div class="wrap section">
            <p class="breadcrumb">
                <a href="/projects">{pt.list_title}</a> " › "
                <a href=format!("/communities/{}", s.community)>{s.community_name.get(lang).to_owned()}</a>
            </p>
            <h1>{s.title.clone()}</h1>
            <p class="matter-meta">
                <StatusBadge status=s.status />
                <span>{pt.cap_label} " " {s.budget_cap.to_string()}</span>
                {(s.status != ProjectStatus::Planned).then(|| view! { <span>{pt.deadline_label} " " {beijing_time(s.deadline)}</span> })}
            </p>
            {(s.status == ProjectStatus::Planned).then(|| view! { <p class="seal-note">{pt.planned_note}</p> })}
            <ProjectMessages />
            <section class="panel" aria-labelledby="about-heading">
                <h2 id="about-heading">{pt.about_heading}</h2>
                <p class="matter-description">{detail.description.clone()}</p>
                <dl class="pairs">
                    {(!detail.requirements.is_empty()).then(|| view! {
                        <dt>{pt.requirements_label}</dt><dd class="matter-description">{detail.requirements.clone()}</dd>
                        <dt>{pt.eligibility_label}</dt><dd class="matter-description">{detail.eligibility.clone()}</dd>
                    })}
                    {detail.deliberation.clone().map(|(d, title)| view! {
                        <dt>{pt.from_deliberation}</dt><dd><a href=format!("/deliberations/{d}")>{title}</a></dd>
                    })}
                    {detail.need.clone().map(|(n, title)| view! {
                        <dt>{lt.project_need}</dt><dd><a href=format!("/needs/{n}")>{title}</a></dd>
                    })}
                    {detail.tracked.map(|r| {
                        let rt = crate::i18n::results::use_rt();
                        view! { <dt>{rt.nav}</dt><dd><a href=format!("/results/{r}")>{rt.open_result}</a></dd> }
                    })}
                    {(!detail.resources.is_empty()).then(|| view! {
                        <dt>{lt.project_resources}</dt>
                        <dd>
                            <ul class="plain-list">
                                {detail.resources.iter().map(|r| view! { <li><a href=format!("/resources/{}", r.id)>{r.name.clone()}</a></li> }).collect_view()}
                            </ul>
                        </dd>
                    })}
                    {(!detail.evaluators.is_empty()).then(|| view! {
                        <dt>{pt.evaluators_heading}</dt>
                        <dd>{detail.evaluators.iter().map(|e| e.name.clone()).collect::<Vec<_>>().join("、")}</dd>
                    })}
                </dl>
            </section>
            {(s.status != ProjectStatus::Planned).then(|| view! {
                <section class="panel" aria-labelledby="criteria-heading">
                    <h2 id="criteria-heading">{pt.criteria_heading}</h2>
                    <p class="hint">{pt.criteria_explained}</p>
                    {weights}
                </section>
                <section class="panel" id="bids" aria-labelledby="bids-heading">
                    <h2 id="bids-heading">{pt.bids_heading}</h2>
                    <p class=if detail.sealed { "seal-note sealed" } else { "seal-note" }>{bids_heading}</p>
                    <BidForms detail=detail.clone() refill=refill.clone() />
                    {detail.bids.iter().map(|b| view! { <BidCard bid=b.clone() detail=detail.clone() refill=refill.clone() /> }).collect_view()}
                </section>
            })}
            <StaffPanel detail=detail.clone() refill=refill.clone() />
            {(!detail.results.is_empty()).then(|| view! { <Results results=detail.results.clone() criteria=criteria.clone() /> })}
            <Milestones detail=detail.clone() refill=refill.clone() />
            <RatingPanel detail=detail.clone() refill=refill.clone() />
            <section class="panel" aria-labelledby="timeline-heading">
                <h2 id="timeline-heading">{pt.timeline_heading}</h2>
                <ol class="timeline">{timeline}</ol>
            </section>
            <p class="hint"><a href=format!("/api/v1/projects/{id}")>{pt.json_link}</a></p>
        </div>
    }
}

/// The bid form of each organisation the reader may bid for, filled with
/// its saved bid, and the withdrawal button.
#[component]
fn BidForms(detail: ProjectDetail, refill: Refill) -> impl IntoView {
    let pt = use_pt();
    let id = detail.summary.id;
    detail
        .you
        .may_bid_as
        .iter()
        .map(|(org, name)| {
            let which = format!("bid-{org}");
            let saved = detail
                .bids
                .iter()
                .find(|b| b.organisation == *org && !b.withdrawn)
                .map(|b| BidForm::from_bid(&b.content))
                .unwrap_or_default();
            let has_bid = !saved.proposal.is_empty();
            let came_back = refill.is(&which);
            let refill = refill.or_saved(
                &which,
                &[
                    ("proposal", &saved.proposal),
                    ("budget", &saved.budget),
                    ("milestones", &saved.milestones),
                    ("team", &saved.team),
                ],
            );
            let heading = if has_bid { pt.edit_bid_heading } else { pt.bid_heading };
            view! {
                <details class="step-details" open=came_back || !has_bid>
                    <summary>{heading} " · " {name.clone()}</summary>
                    <p class="hint">{pt.bid_sealed_hint}</p>
                    {post_form(which.clone(), format!("/projects/{id}/bid"), pt.bid_button, view! {
                        <input type="hidden" name="organisation" value=org.to_string() />
                        {refill.field(&which, "proposal", pt.proposal_label, Input::Textarea, None)}
                        {refill.field(&which, "budget", pt.budget_label, Input::Textarea, Some(pt.budget_hint))}
                        {refill.field(&which, "milestones", pt.milestones_label, Input::Textarea, Some(pt.milestones_hint))}
                        {refill.field(&which, "team", pt.team_label, Input::Textarea, None)}
                    }.into_any())}
                    {has_bid.then(|| view! {
                        <form class="inline-form" method="post" action=format!("/projects/{id}/withdraw")>
                            <input type="hidden" name="organisation" value=org.to_string() />
                            <button type="submit" class="button button-quiet">{pt.withdraw_button}</button>
                        </form>
                    })}
                </details>
            }
        })
        .collect_view()
}

/// One bid as the reader may read it, with the evaluator's forms.
#[component]
fn BidCard(bid: BidView, detail: ProjectDetail, refill: Refill) -> impl IntoView {
    let pt = use_pt();
    let record = &bid.record;
    let track = match record.mean_rating {
        Some(m) => (pt.track_record)(record.delivered, &points(m), record.ratings),
        None => (pt.track_record_unrated)(record.delivered, record.ratings),
    };
    let mine = detail
        .my_sheets
        .iter()
        .find(|(b, _)| *b == bid.id)
        .map(|(_, s)| s.clone());
    let budget_rows = bid
        .content
        .budget
        .iter()
        .map(|l| view! { <tr><td>{l.item.clone()}</td><td class="num">{l.amount.to_string()}</td></tr> })
        .collect_view();
    let milestones = bid
        .content
        .milestones
        .iter()
        .map(|m| view! { <li><time>{beijing_time(m.due)[..10].to_owned()}</time> " " {m.title.clone()}</li> })
        .collect_view();
    view! {
        <article class="card bid-card" id=format!("bid-{}", bid.id)>
            <h3>
                <a href=format!("/organisations/{}", bid.organisation)>{bid.organisation_name.clone()}</a>
                {bid.withdrawn.then(|| view! { " " <span class="badge badge-quiet">{pt.withdrawn}</span> })}
                {detail.sealed.then(|| view! { " " <span class="badge badge-quiet">{pt.only_you}</span> })}
                {(detail.summary.awarded_to.as_ref().map(|(o, _)| *o) == Some(bid.organisation)).then(|| view! { " " <span class="badge project-awarded">{pt.winner}</span> })}
            </h3>
            <p class="hint">{pt.total_price} " " <strong>{bid.content.total.to_string()}</strong> " · " {track}</p>
            <p class="matter-description">{bid.content.proposal.clone()}</p>
            <ScrollTable label=pt.budget_label.to_owned()>
                <table class="grid-table">
                    <caption>{pt.budget_label}</caption>
                    <tbody>{budget_rows}</tbody>
                </table>
            </ScrollTable>
            <h4>{pt.milestones_label}</h4>
            <ol>{milestones}</ol>
            <h4>{pt.team_label}</h4>
            <p class="matter-description">{bid.content.team.clone()}</p>
            {mine.map(|sheet| view! { <SheetForms bid=bid.id project=detail.summary.id criteria=detail.criteria.clone() sheet refill=refill.clone() /> })}
        </article>
    }
}

/// An evaluator's score sheet and conflict declaration for one bid.
#[component]
fn SheetForms(
    bid: i64,
    project: i64,
    criteria: Vec<Criterion>,
    sheet: MySheet,
    refill: Refill,
) -> impl IntoView {
    let pt = use_pt();
    let t = use_t();
    let which = format!("sheet-{bid}");
    let status = match &sheet {
        MySheet::Open => pt.sheet_open.to_owned(),
        MySheet::Conflict(reason) => (pt.sheet_conflict)(reason),
        MySheet::Excluded => pt.sheet_excluded.to_owned(),
        MySheet::Scored(s) => (pt.sheet_scored)(&points(linli_model::project::weighted_total(
            &criteria, &s.scores,
        ))),
    };
    let saved_scores: Vec<String> = match &sheet {
        MySheet::Scored(s) => s.scores.iter().map(u32::to_string).collect(),
        _ => Vec::new(),
    };
    let saved_comment = match &sheet {
        MySheet::Scored(s) => s.comment.clone(),
        _ => String::new(),
    };
    let inputs = criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let name = format!("score_{i}");
            let field_id = format!("{which}-{name}");
            let error = refill.error(&which, &name);
            let value = refill
                .typed(&which, &name)
                .or_else(|| saved_scores.get(i).cloned())
                .unwrap_or_default();
            let error_id = format!("{field_id}-error");
            view! {
                <div class="field field-inline">
                    <label for=field_id.clone()>{c.name.clone()} " (" {c.weight} "%)"</label>
                    <input id=field_id name=name type="number" min="0" max=SCORE_MAX.to_string() inputmode="numeric" value=value
                        aria-invalid=if error.is_some() { "true" } else { "false" }
                        aria-describedby=error.map(|_| error_id.clone()) />
                    {error.map(|e| view! { <p id=error_id class="field-error">{(t.field_error)(&e)}</p> })}
                </div>
            }
        })
        .collect_view();
    let comment_refill = refill.or_saved(&which, &[("comment", &saved_comment)]);
    let conflict_which = format!("conflict-{bid}");
    view! {
        <div class="panel sheet">
            <h4>{pt.your_sheet}</h4>
            <p class="hint" role="status">{status}</p>
            // A declared conflict is final, for the whole call: nothing
            // left to fill in.
            {(!matches!(sheet, MySheet::Conflict(_) | MySheet::Excluded)).then(|| view! {
            <form id=which.clone() class="stack-form" method="post" action=format!("/bids/{bid}/score?back={project}")>
                <p class="hint">{pt.score_hint}</p>
                {inputs}
                {comment_refill.field(&which, "comment", pt.comment_label, Input::Textarea, Some(pt.comment_hint))}
                <button type="submit" class="button">{pt.score_button}</button>
            </form>
            <details class="step-details" open=refill.is(&conflict_which)>
                <summary>{pt.conflict_heading}</summary>
                <p class="hint">{pt.conflict_hint}</p>
                {post_form(conflict_which.clone(), format!("/bids/{bid}/conflict?back={project}"), pt.conflict_button,
                    refill.field(&conflict_which, "reason", pt.conflict_reason, Input::Text, None).into_any())}
            </details>
            })}
        </div>
    }
}

/// Award, cancel and close: staff over the community.
#[component]
fn StaffPanel(detail: ProjectDetail, refill: Refill) -> impl IntoView {
    let pt = use_pt();
    let id = detail.summary.id;
    let status = detail.summary.status;
    let cancel = view! {
        <details class="step-details" open=refill.is("cancel")>
            <summary>{pt.cancel_heading}</summary>
            {post_form("cancel".into(), format!("/projects/{id}/cancel"), pt.cancel_button,
                refill.field("cancel", "reason", pt.cancel_reason, Input::Text, None).into_any())}
        </details>
    };
    let manages = detail.you.manages;
    (manages && matches!(status, ProjectStatus::Planned | ProjectStatus::CallOpen | ProjectStatus::Delivered)).then(|| {
        let progress = detail
            .evaluators
            .iter()
            .map(|e| view! { <li>{e.name.clone()} " · " {(pt.evaluator_progress)(e.scored, e.conflicts)}</li> })
            .collect_view();
        view! {
            <section class="panel" id="manage" aria-labelledby="manage-heading">
                <h2 id="manage-heading">{pt.manage_heading}</h2>
                {(status == ProjectStatus::Planned).then(|| view! { <OpenCall id refill=refill.clone() /> })}
                {(status == ProjectStatus::CallOpen && !detail.sealed).then(|| view! {
                    <ul class="check-list">{progress}</ul>
                    <p class="hint">{pt.award_hint}</p>
                    <form class="inline-form" method="post" action=format!("/projects/{id}/award")>
                        <button type="submit" class="button">{pt.award_button}</button>
                    </form>
                })}
                {(status != ProjectStatus::Delivered).then_some(cancel)}
                {(status == ProjectStatus::Delivered).then(|| view! {
                    <p class="hint">{pt.close_hint}</p>
                    <form class="inline-form" method="post" action=format!("/projects/{id}/close")>
                        <button type="submit" class="button">{pt.close_button}</button>
                    </form>
                })}
            </section>
        }
    })
}

/// The call a planned project opens: its terms only.
#[component]
fn OpenCall(id: i64, refill: Refill) -> impl IntoView {
    let pt = use_pt();
    let refill = refill.or_saved("open-call", &[("criteria", pt.criteria_example)]);
    let field =
        |name: &'static str, label: &'static str, input: Input, hint: Option<&'static str>| {
            refill.field("open-call", name, label, input, hint)
        };
    view! {
        <h3>{pt.open_call_heading}</h3>
        <p class="hint">{pt.open_call_lead}</p>
        {post_form("open-call".into(), format!("/projects/{id}/open-call"), pt.open_call_button, view! {
            {field("requirements", pt.requirements_label, Input::Textarea, Some(pt.requirements_hint))}
            {field("eligibility", pt.eligibility_label, Input::Textarea, None)}
            {field("deadline", pt.deadline_field, Input::DateTime, Some(pt.deadline_hint))}
            {field("criteria", pt.criteria_label, Input::Textarea, Some(pt.criteria_hint))}
            {field("evaluators", pt.evaluators_label, Input::Textarea, Some(pt.evaluators_hint))}
        }.into_any())}
    }
}

/// The published result: ranking, every evaluator's scores, exclusions.
#[component]
fn Results(results: Vec<RankedBid>, criteria: Vec<Criterion>) -> impl IntoView {
    let pt = use_pt();
    let rows = results
        .into_iter()
        .map(|r| {
            let sheets = r
                .sheets
                .iter()
                .map(|s| {
                    let per: Vec<String> = criteria
                        .iter()
                        .zip(&s.scores)
                        .map(|(c, v)| format!("{} {v}", c.name))
                        .collect();
                    view! {
                        <li>
                            <strong>{s.evaluator.clone()}</strong> " · " {points(s.total)}
                            <span class="hint">" (" {per.join("，")} ")"</span>
                            {s.comment.clone().map(|c| view! { <p class="timeline-note">{pt.reasons} "：" {c}</p> })}
                        </li>
                    }
                })
                .collect_view();
            let excluded = (!r.excluded.is_empty()).then(|| view! { <p class="hint">{(pt.excluded)(&r.excluded.join("、"))}</p> });
            view! {
                <tr class=if r.awarded { "awarded" } else { "" }>
                    <td class="num">{r.rank}</td>
                    <td>
                        <a href=format!("/organisations/{}", r.organisation)>{r.organisation_name.clone()}</a>
                        {r.awarded.then(|| view! { " " <span class="badge project-awarded">{pt.winner}</span> })}
                        <ul class="sheet-list">{sheets}</ul>
                        {excluded}
                    </td>
                    <td class="num">{r.price.to_string()}</td>
                    <td class="num"><strong>{r.total.map_or_else(|| "—".to_owned(), points)}</strong></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" id="results" aria-labelledby="results-heading">
            <h2 id="results-heading">{pt.results_heading}</h2>
            <p class="hint">{pt.results_explained}</p>
            <ScrollTable label=pt.results_heading.to_owned()>
                <table class="grid-table results-table">
                    <thead>
                        <tr>
                            <th scope="col" class="num">{pt.rank}</th>
                            <th scope="col">{pt.organisation}</th>
                            <th scope="col" class="num">{pt.total_price}</th>
                            <th scope="col" class="num">{pt.total_score}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollTable>
        </section>
    }
}

/// The awarded bid's milestones, their reports, and the report form.
#[component]
fn Milestones(detail: ProjectDetail, refill: Refill) -> impl IntoView {
    let pt = use_pt();
    let id = detail.summary.id;
    (!detail.milestones.is_empty()).then(|| {
        let open: Vec<(usize, String)> = detail
            .milestones
            .iter()
            .enumerate()
            .filter(|(_, m)| m.report.is_none())
            .map(|(i, m)| (i, m.milestone.title.clone()))
            .collect();
        let items = detail
            .milestones
            .iter()
            .map(|m| {
                let done = m.report.is_some();
                view! {
                    <li class=if done { "progress-step progress-done" } else { "progress-step progress-upcoming" }>
                        <p class="progress-name"><strong>{m.milestone.title.clone()}</strong></p>
                        <p class="progress-date hint">{pt.due} " " {beijing_time(m.milestone.due)[..10].to_owned()}</p>
                        {m.report.clone().map(|r| view! {
                            <p class="timeline-note">{r.body}</p>
                            {(!r.photos.is_empty()).then(|| view! { <PhotoStrip photos=r.photos.clone() /> })}
                            <p class="hint">{pt.reported_at} " " {beijing_time(r.at)}</p>
                        })}
                    </li>
                }
            })
            .collect_view();
        let form = (detail.you.reports && !open.is_empty()).then(|| {
            let chosen = refill.typed("report", "milestone");
            let options = open
                .into_iter()
                .map(|(i, title)| {
                    let selected = chosen.as_deref() == Some(i.to_string().as_str());
                    view! { <option value=i.to_string() selected=selected>{title}</option> }
                })
                .collect_view();
            view! {
                <form id="report" class="stack-form" method="post" action=format!("/projects/{id}/report") enctype="multipart/form-data">
                    <div class="field">
                        <label for="report-milestone">{pt.milestone_choice}</label>
                        <select id="report-milestone" name="milestone">{options}</select>
                    </div>
                    {refill.field("report", "body", pt.evidence_label, Input::Textarea, Some(pt.evidence_hint))}
                    <PhotoFields kept=refill.typed("report", "photos").unwrap_or_default() error=refill.error("report", "photos") />
                    <button type="submit" class="button">{pt.report_button}</button>
                </form>
            }
        });
        view! {
            <section class="panel" id="milestones" aria-labelledby="milestones-heading">
                <h2 id="milestones-heading">{pt.progress_heading}</h2>
                <ol class="progress milestones">{items}</ol>
                {form}
            </section>
        }
    })
}

/// Residents' ratings as a chart, and the rating form.
#[component]
fn RatingPanel(detail: ProjectDetail, refill: Refill) -> impl IntoView {
    let pt = use_pt();
    let t = use_t();
    let id = detail.summary.id;
    let r = detail.ratings.clone();
    let shown = matches!(
        detail.summary.status,
        ProjectStatus::Delivered | ProjectStatus::Evaluated
    );
    shown.then(|| {
        let bars = (1..=5)
            .rev()
            .map(|n| ("★".repeat(n), r.counts[n - 1]))
            .collect();
        let summary = match r.mean {
            Some(m) => (pt.ratings_summary)(&points(m), r.total()),
            None => pt.no_ratings.to_owned(),
        };
        let form = detail.you.may_rate.then(|| {
            let stars = (1..=5u8)
                .rev()
                .map(|n| {
                    let checked = detail.you.your_rating == Some(n);
                    view! {
                        <label class="star-choice">
                            <input type="radio" name="stars" value=n.to_string() required=true checked=checked />
                            {"★".repeat(n.into())}
                            <span class="visually-hidden">{n} " / 5"</span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <form id="rate" class="stack-form" method="post" action=format!("/projects/{id}/rate")>
                    <fieldset class="stars">
                        <legend>{pt.rate_label}</legend>
                        {stars}
                    </fieldset>
                    {refill.error("rate", "stars").map(|e| view! { <p class="field-error" role="alert">{(t.field_error)(&e)}</p> })}
                    {refill.field("rate", "comment", pt.rating_comment, Input::Textarea, None)}
                    <button type="submit" class="button">{pt.rate_button}</button>
                </form>
            }
        });
        view! {
            <section class="panel" id="ratings" aria-labelledby="ratings-heading">
                <h2 id="ratings-heading">{pt.ratings_heading}</h2>
                <p>{summary}</p>
                <BarChart id="project-ratings" title=pt.ratings_chart bars />
                {(!r.comments.is_empty()).then(|| view! {
                    <ul class="check-list">
                        {r.comments.iter().map(|(s, c)| view! { <li>{"★".repeat((*s).into())} " " {c.clone()}</li> }).collect_view()}
                    </ul>
                })}
                {form}
            </section>
        }
    })
}
