use leptos::prelude::*;
use linli_model::{
    LocalName,
    deliberation::{
        ConsultationForm, DeliberationDetail, MajorityRule, OpinionMap, Participants, Stage,
        StatementScore, StatementView, TopicState, TopicView, Vote, YourStand, next_statements,
    },
    moderation::Content,
};

use super::{DeliberationMessages, StageBadge, poll};
use crate::{
    api::deliberations::{DeliberationView, get_deliberation},
    components::{ErrorNotice, Input, Loading, Refill, post_form},
    i18n::{
        beijing_time, consultation::use_ct, deliberation::DeliberationText, deliberation::use_dt,
        use_lang,
    },
    pages::{
        moderation::{ReportLink, Withheld},
        route_id,
    },
};

/// `/deliberations/:id`: where the deliberation stands, what happens next,
/// and the forms each person may use at this step (the server checks every
/// one again).
#[component]
pub fn DeliberationPage() -> impl IntoView {
    let id = route_id();
    let data = Resource::new(id, get_deliberation);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Deliberation view /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The fields the deliberation forms send back when they fail.
const FIELDS: &[&str] = &[
    "title",
    "summary",
    "description",
    "why",
    "matter",
    "disposition",
    "into",
    "reason",
    "form",
    "starts_at",
    "ends_at",
    "place",
    "participants",
    "stakeholders",
    "materials",
    "body",
    "answer",
    "question",
    "options",
    "quorum",
    "rule",
    "closes_at",
    "method",
    "threshold",
    "attendance",
    "arguments",
    "result",
    "decision",
    "project",
];

#[component]
fn Deliberation(view: DeliberationView) -> impl IntoView {
    let dt = use_dt();
    let lang = use_lang();
    let d = view.detail;
    let s = d.summary.clone();
    let id = s.id;
    let stage = s.stage;
    let names: Vec<&str> = FIELDS
        .iter()
        .chain(poll::BALLOT_FIELDS)
        .chain(super::paper::TALLY_FIELDS)
        .copied()
        .collect();
    let refill = Refill::read(&names);
    let statement_page = crate::url::query().with_untracked(|m| {
        m.get("sp")
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1)
    });
    let reached = |step: Stage| stage != Stage::Cancelled && stage >= step;
    view! {
        <crate::components::PageHead title=s.title.clone() description=d.description.clone() />
        <div class="wrap section narrow deliberation">
            <p class="breadcrumb">
                <a href="/deliberations">{dt.list_title}</a>
                " › "
                <a href=format!("/deliberations?place={}", s.community)>{s.community_name.get(lang).to_owned()}</a>
            </p>
            <h1>{s.title.clone()}</h1>
            <p class="matter-meta">
                <StageBadge stage />
                <span>{s.community_name.get(lang).to_owned()}</span>
                <span class="code">"#" {id}</span>
            </p>
            <DeliberationMessages />
            {d.you.signed_in.then(|| if d.you.following {
                view! {
                    <form class="follow-row" method="post" action=format!("/deliberations/{id}/unfollow")>
                        <p class="status status-verified">{dt.following_note}</p>
                        <button type="submit" class="button button-quiet">{dt.unfollow_button}</button>
                    </form>
                }.into_any()
            } else {
                view! {
                    <form class="follow-row" method="post" action=format!("/deliberations/{id}/follow")>
                        <button type="submit" class="button">{dt.follow_button}</button>
                    </form>
                }.into_any()
            })}
            <Progress detail=d.clone() />
            <section class="panel now" aria-labelledby="now-heading">
                <h2 id="now-heading">{dt.what_now}</h2>
                <p>{(dt.stage_now)(stage)}</p>
                {(!d.description.is_empty()).then(|| view! { <p class="matter-description">{d.description.clone()}</p> })}
                {
                    // Residents who cannot take part yet are told how to.
                    let open = matches!(stage, Stage::Collecting | Stage::Notice | Stage::Consultation);
                    (open && !d.you.takes_part && !d.you.runs_it).then(|| if d.you.signed_in {
                        view! { <p class="hint">{dt.verify_to_take_part} " " <a href="/account">{dt.my_account}</a></p> }.into_any()
                    } else {
                        view! { <p class="hint">{dt.sign_in_to_take_part} " " <a href="/sign-in">{dt.sign_in}</a></p> }.into_any()
                    })
                }
            </section>
            <Topics detail=d.clone() refill=refill.clone() />
            {reached(Stage::Deciding).then(|| view! { <ArrangementSection detail=d.clone() grids=view.grids.clone() refill=refill.clone() /> })}
            {reached(Stage::Notice).then(|| view! { <NoticeSection detail=d.clone() refill=refill.clone() /> })}
            {reached(Stage::Consultation).then(|| view! { <ConsultationSection detail=d.clone() opinion=view.opinion.clone() stand=view.stand.clone() refill=refill.clone() page=statement_page /> })}
            {(stage == Stage::Decided).then(|| view! { <DecisionSection detail=d.clone() refill=refill.clone() /> })}
            {(d.you.runs_it && !stage.is_finished()).then(|| view! { <CouncilSteps id stage refill=refill.clone() /> })}
            {d.you.runs_it.then(|| view! {
                <p><a class="button button-quiet" href="/staff/moderation">{crate::i18n::moderation::use_mt().desk_title}</a></p>
            })}
            <crate::pages::lists::NeedsFromHere community=d.summary.community.clone() source=linli_model::need::NeedSource::Deliberation(id) from=view.needs.clone() />
            <Timeline detail=d.clone() />
        </div>
    }
}

/// The five steps as a progress bar, with the date of each.
#[component]
fn Progress(detail: DeliberationDetail) -> impl IntoView {
    let dt = use_dt();
    let s = &detail.summary;
    let stage = s.stage;
    let steps = Stage::PROCEDURE
        .into_iter()
        .map(|step| {
            let state = if stage == Stage::Cancelled {
                "upcoming"
            } else if step < stage || stage == Stage::Decided {
                "done"
            } else if step == stage {
                "current"
            } else {
                "upcoming"
            };
            let date = match step {
                Stage::Collecting => Some(s.collect_until),
                Stage::Notice => detail.notice_ends_at_or(s.notice_ends_at),
                Stage::Consultation => s.starts_at,
                _ => None,
            };
            view! {
                <li class=format!("progress-step progress-{state}") aria-current=(state == "current").then_some("step")>
                    <span class="progress-name">{(dt.stage)(step)}</span>
                    {date.map(|at| view! { <span class="progress-date">{beijing_time(at)}</span> })}
                    {(state == "done").then(|| view! { <span class="visually-hidden">" · " {dt.finished_note}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <nav aria-label=dt.progress_label>
            <ol class="progress">{steps}</ol>
        </nav>
        {(stage == Stage::Cancelled).then(|| view! { <p class="badge badge-alert">{dt.cancelled_note}</p> })}
    }
}

trait NoticeEnd {
    fn notice_ends_at_or(&self, fallback: Option<i64>) -> Option<i64>;
}

impl NoticeEnd for DeliberationDetail {
    fn notice_ends_at_or(&self, fallback: Option<i64>) -> Option<i64> {
        self.summary.notice_ends_at.or(fallback)
    }
}

#[component]
fn Topics(detail: DeliberationDetail, refill: Refill) -> impl IntoView {
    let dt = use_dt();
    let id = detail.summary.id;
    let stage = detail.summary.stage;
    let you = detail.you;
    let collecting = stage == Stage::Collecting;
    let cards = detail
        .topics
        .iter()
        .map(|topic| topic_card(dt, id, topic, stage, you.takes_part, you.runs_it, &refill))
        .collect_view();
    view! {
        <section aria-labelledby="topics-heading">
            <h2 id="topics-heading">{dt.topics_heading}</h2>
            {if detail.topics.is_empty() {
                view! { <p class="empty">{dt.no_topics}</p> }.into_any()
            } else {
                view! { <ul class="topic-list">{cards}</ul> }.into_any()
            }}
            // Proposing is what residents come for while topics are
            // collected: the form is open from the start.
            {(collecting && you.takes_part).then(|| view! {
                <details class="panel step-details" open=true>
                    <summary>{dt.propose_heading}</summary>
                    {post_form("topics".into(), format!("/deliberations/{id}/topics"), dt.propose_button, view! {
                        {refill.field("topics", "title", dt.topic_title, Input::Text, None)}
                        {refill.field("topics", "description", dt.topic_description, Input::Textarea, None)}
                        {refill.field("topics", "why", dt.topic_why, Input::Textarea, None)}
                    }.into_any())}
                </details>
            })}
            {(collecting && you.runs_it).then(|| view! {
                <details class="panel step-details" open=refill.is("promote")>
                    <summary>{dt.promote_heading}</summary>
                    {post_form("promote".into(), format!("/deliberations/{id}/promote"), dt.promote_button, view! {
                        {refill.field("promote", "matter", dt.matter_number, Input::Number, Some(dt.promote_hint))}
                    }.into_any())}
                    <p>
                        <a class="button button-quiet" href=format!("/recurring/{}", detail.summary.community)>
                            {crate::i18n::results::use_rt().recurring_nav}
                        </a>
                    </p>
                </details>
                <details class="panel step-details" open=refill.is("window")>
                    <summary>{dt.window_heading}</summary>
                    {post_form("window".into(), format!("/deliberations/{id}/window"), dt.window_button, view! {
                        {refill.field("window", "collect_until", dt.collect_until_label, Input::DateTime, Some(dt.window_hint))}
                    }.into_any())}
                </details>
            })}
        </section>
    }
}

fn topic_card(
    dt: &'static DeliberationText,
    id: i64,
    topic: &TopicView,
    stage: Stage,
    takes_part: bool,
    runs_it: bool,
    refill: &Refill,
) -> impl IntoView + use<> {
    let which = format!("topics-{}", topic.id);
    let base = format!("/deliberations/topics/{}", topic.id);
    let support = if topic.supported_by_you {
        view! { <p class="status status-verified">{dt.supported}</p> }.into_any()
    } else if stage == Stage::Collecting && takes_part {
        view! {
            <form method="post" action=format!("{base}/support?back={id}")>
                <button type="submit" class="button button-quiet">{dt.support_button}</button>
            </form>
        }
        .into_any()
    } else {
        ().into_any()
    };
    let decide = (stage == Stage::Deciding && runs_it && topic.state == TopicState::Proposed)
        .then(|| {
            let chosen = refill.typed(&which, "disposition");
            let option = |value: &'static str, label: &'static str| {
                let selected = chosen.as_deref() == Some(value);
                view! { <option value=value selected=selected>{label}</option> }
            };
            view! {
                <details class="step-details" open=refill.is(&which)>
                    <summary>{dt.decide_heading}</summary>
                    {post_form(format!("{which}-decide"), format!("{base}/decide?back={id}"), dt.decide_button, view! {
                        <div class="field">
                            <label for=format!("{which}-disposition")>{dt.disposition_label}</label>
                            <select id=format!("{which}-disposition") name="disposition">
                                {option("select", dt.disposition_select)}
                                {option("merge", dt.disposition_merge)}
                                {option("decline", dt.disposition_decline)}
                            </select>
                        </div>
                        {refill.field(&which, "into", dt.into_label, Input::Number, None)}
                        {refill.field(&which, "reason", dt.reason_label, Input::Textarea, Some(dt.reason_hint))}
                    }.into_any())}
                </details>
            }
        });
    view! {
        <li class="topic-card" id=which>
            <h3>"#" {topic.id} " " {topic.title.clone()}</h3>
            <p class="matter-meta">
                <span class=format!("badge topic-{}", topic.state.as_str())>{(dt.topic_state)(topic.state)}</span>
                <span>{dt.proposed_by} " " {topic.proposer.clone()}</span>
                <span>{(dt.supports)(topic.supports)}</span>
                {if topic.matters.len() > 1 {
                    let links = topic
                        .matters
                        .iter()
                        .map(|m| view! { " " <a href=format!("/matters/{m}")>"#" {*m}</a> })
                        .collect_view();
                    view! { <span>{dt.from_matter} {links}</span> }.into_any()
                } else {
                    topic
                        .matter
                        .map(|m| view! { <a href=format!("/matters/{m}")>{dt.from_matter} " #" {m}</a> })
                        .into_any()
                }}
            </p>
            {topic.result.map(|r| view! { <p><a class="button button-quiet" href=format!("/results/{r}")>{crate::i18n::results::use_rt().open_result}</a></p> })}
            {if topic.hidden {
                view! { <Withheld content=Content::Topic(topic.id) /> }.into_any()
            } else {
                view! {
                    <p>{topic.description.clone()}</p>
                    <p class="hint">{dt.topic_why} ": " {topic.why.clone()}</p>
                    <p class="link-row"><ReportLink content=Content::Topic(topic.id) /></p>
                }.into_any()
            }}
            {topic.reason.clone().map(|r| view! { <p class="council-reason"><strong>{dt.council_reason} ": "</strong>{r}</p> })}
            {topic.merged_into.map(|m| view! { <p><a href=format!("#topics-{m}")>{dt.merged_into} " #" {m}</a></p> })}
            {support}
            {decide}
        </li>
    }
}

#[component]
fn ArrangementSection(
    detail: DeliberationDetail,
    grids: Vec<(String, LocalName)>,
    refill: Refill,
) -> impl IntoView {
    let dt = use_dt();
    let lang = use_lang();
    let id = detail.summary.id;
    let shown = detail.arrangement.clone().map(|a| {
        let participants = match &a.participants {
            Participants::Community => dt.whole_community.to_owned(),
            Participants::Grid(g) => (dt.grid_only)(g.as_str()),
        };
        view! {
            <dl class="matter-facts">
                <dt>{dt.form_label}</dt><dd>{(dt.consultation_form)(a.form)}</dd>
                <dt>{dt.when_label}</dt><dd>{beijing_time(a.starts_at)} " – " {beijing_time(a.ends_at)}</dd>
                {(!a.place.is_empty()).then(|| view! { <dt>{dt.place_label}</dt><dd>{a.place.clone()}</dd> })}
                <dt>{dt.participants_label}</dt><dd>{participants}</dd>
                {(!a.stakeholders.is_empty()).then(|| view! { <dt>{dt.stakeholders_label}</dt><dd>{a.stakeholders.join("、")}</dd> })}
                {(!a.materials.is_empty()).then(|| view! { <dt>{dt.materials_label}</dt><dd class="matter-description">{a.materials.clone()}</dd> })}
            </dl>
        }
        .into_any()
    });
    let editing = detail.summary.stage == Stage::Deciding && detail.you.runs_it;
    let form = editing.then(|| {
        // Start from what was typed, else from what is saved.
        let saved = detail.arrangement.as_ref().map(|a| a.to_form()).unwrap_or_default();
        let refill = refill.or_saved(
            "arrange",
            &[
                ("form", &saved.form),
                ("starts_at", &saved.starts_at),
                ("ends_at", &saved.ends_at),
                ("place", &saved.place),
                ("participants", &saved.participants),
                ("stakeholders", &saved.stakeholders),
                ("materials", &saved.materials),
            ],
        );
        let chosen = |k: &str| refill.typed("arrange", k).unwrap_or_default();
        let forms = ConsultationForm::ALL
            .into_iter()
            .map(|f| {
                let selected = chosen("form") == f.as_str();
                view! { <option value=f.as_str() selected=selected>{(dt.consultation_form)(f)}</option> }
            })
            .collect_view();
        let participants = std::iter::once(("community".to_owned(), dt.whole_community.to_owned()))
            .chain(grids.iter().map(|(code, name)| (code.clone(), format!("{} ({code})", name.get(lang)))))
            .map(|(value, label)| {
                let selected = chosen("participants") == value;
                view! { <option value=value selected=selected>{label}</option> }
            })
            .collect_view();
        view! {
            <details class="step-details" open=true>
                <summary>{dt.arrange_button}</summary>
                {post_form("arrange".into(), format!("/deliberations/{id}/arrange"), dt.arrange_button, view! {
                    <div class="field">
                        <label for="arrange-form">{dt.form_label}</label>
                        <select id="arrange-form" name="form">{forms}</select>
                        {refill.error("arrange", "form").map(|e| view! { <p class="field-error">{(crate::i18n::use_t().field_error)(&e)}</p> })}
                    </div>
                    {refill.field("arrange", "starts_at", dt.when_label, Input::DateTime, None)}
                    {refill.field("arrange", "ends_at", dt.ends_label, Input::DateTime, None)}
                    {refill.field("arrange", "place", dt.place_label, Input::Text, Some(dt.place_hint))}
                    <div class="field">
                        <label for="arrange-participants">{dt.participants_label}</label>
                        <select id="arrange-participants" name="participants">{participants}</select>
                    </div>
                    {refill.field("arrange", "stakeholders", dt.stakeholders_label, Input::Textarea, Some(dt.stakeholders_hint))}
                    {refill.field("arrange", "materials", dt.materials_label, Input::Textarea, None)}
                }.into_any())}
            </details>
        }
    });
    view! {
        <section class="panel" aria-labelledby="arrangement-heading">
            <h2 id="arrangement-heading">{dt.arrangement_heading}</h2>
            {shown.unwrap_or_else(|| view! { <p class="empty">{dt.not_arranged}</p> }.into_any())}
            {form}
        </section>
    }
}

#[component]
fn NoticeSection(detail: DeliberationDetail, refill: Refill) -> impl IntoView {
    let dt = use_dt();
    let id = detail.summary.id;
    let in_notice = detail.summary.stage == Stage::Notice;
    let you = detail.you;
    let objections = detail
        .objections
        .iter()
        .map(|o| {
            let which = format!("objections-{}", o.id);
            let answer = match (&o.answer, in_notice && you.runs_it) {
                (Some(a), _) => view! { <p class="council-reason"><strong>{dt.council_answer} ": "</strong>{a.clone()}</p> }.into_any(),
                (None, true) => post_form(which.clone(), format!("/deliberations/objections/{}/answer?back={id}", o.id), dt.answer_button, refill.field(&which, "answer", dt.answer_label, Input::Textarea, None).into_any()).into_any(),
                (None, false) => view! { <p class="badge badge-alert">{dt.awaiting_answer}</p> }.into_any(),
            };
            view! {
                <li class="objection">
                    <p><strong>{o.author.clone()}</strong> " · " <time>{beijing_time(o.at)}</time></p>
                    {if o.hidden {
                        view! { <Withheld content=Content::Objection(o.id) /> }.into_any()
                    } else {
                        view! {
                            <p>{o.body.clone()}</p>
                            <p class="link-row"><ReportLink content=Content::Objection(o.id) /></p>
                        }.into_any()
                    }}
                    {answer}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="notice-heading">
            <h2 id="notice-heading">{dt.notice_heading}</h2>
            <dl class="matter-facts">
                {detail.notice_published_at.map(|at| view! { <dt>{dt.notice_published}</dt><dd>{beijing_time(at)}</dd> })}
                {detail.summary.notice_ends_at.map(|at| view! { <dt>{dt.notice_ends}</dt><dd>{beijing_time(at)}</dd> })}
            </dl>
            <p class="hint">{(dt.notice_rule)(detail.notice_days)}</p>
            <h3>{dt.objections_heading}</h3>
            {if detail.objections.is_empty() {
                view! { <p class="empty">{dt.no_objections}</p> }.into_any()
            } else {
                view! { <ul class="objection-list">{objections}</ul> }.into_any()
            }}
            {(in_notice && you.takes_part).then(|| post_form("objections".into(), format!("/deliberations/{id}/objections"), dt.object_button, refill.field("objections", "body", dt.objection_label, Input::Textarea, None).into_any()))}
        </section>
    }
}

/// Statements listed per page: a consultation at city scale has hundreds.
const STATEMENTS_PER_PAGE: usize = 20;

#[component]
fn ConsultationSection(
    detail: DeliberationDetail,
    opinion: Option<OpinionMap>,
    stand: Option<YourStand>,
    refill: Refill,
    /// The page of the statement list, from 1.
    page: usize,
) -> impl IntoView {
    let dt = use_dt();
    let ct = use_ct();
    let id = detail.summary.id;
    let open = detail.summary.stage == Stage::Consultation;
    let you = detail.you;
    let pages = detail.statements.len().div_ceil(STATEMENTS_PER_PAGE).max(1);
    let page = page.min(pages);
    let statements = detail
        .statements
        .iter()
        .skip((page - 1) * STATEMENTS_PER_PAGE)
        .take(STATEMENTS_PER_PAGE)
        .map(|s| {
            statement_item(
                dt,
                id,
                s,
                (open && you.takes_part).then_some(VoteFrom::List(page)),
                open && you.runs_it,
                &refill,
            )
        })
        .collect_view();
    let next = (open && you.takes_part).then(|| {
        let queue = next_statements(&detail.statements);
        let left = queue.len();
        view! {
            <section class="next-statement" id="next-statement" aria-labelledby="next-heading">
                <h3 id="next-heading">{ct.next_heading}</h3>
                {match queue.first() {
                    Some(s) => view! {
                        <p class="hint">{ct.next_hint}</p>
                        <p class="statement-body">{s.body.clone()}</p>
                        {vote_form(dt, id, s, VoteFrom::Next)}
                        <p class="hint">{(ct.next_left)(left - 1)}</p>
                    }.into_any(),
                    None => view! { <p>{ct.next_done}</p> }.into_any(),
                }}
            </section>
        }
    });
    let pager = (pages > 1).then(|| {
        let link = |p: usize| format!("/deliberations/{id}?sp={p}#all-statements");
        view! {
            <nav class="pager" aria-label=ct.pages_label>
                {(page > 1).then(|| view! { <a class="button" rel="prev" href=link(page - 1)>{ct.earlier}</a> })}
                <span>{(ct.page_of)(page, pages)}</span>
                {(page < pages).then(|| view! { <a class="button" rel="next" href=link(page + 1)>{ct.later}</a> })}
            </nav>
        }
    });
    let texts: Vec<(i64, String)> = detail
        .statements
        .iter()
        .map(|s| (s.id, s.body.clone()))
        .collect();
    let polls = detail
        .polls
        .iter()
        .map(|p| {
            let reader = poll::Reader {
                may_vote: open && you.takes_part,
                runs_it: you.runs_it,
                counts_paper: you.counts_paper,
            };
            poll::poll_item(dt, id, p, reader, &refill)
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="consultation-heading">
            <h2 id="consultation-heading">{dt.consultation_heading}</h2>
            <h3>{dt.statements_heading}</h3>
            <p class="hint">{dt.statements_hint}</p>
            {next}
            {if detail.statements.is_empty() {
                view! { <p class="empty">{dt.no_statements}</p> }.into_any()
            } else {
                view! {
                    <h4 id="all-statements">{(ct.all_heading)(detail.statements.len())}</h4>
                    <ul class="statement-list">{statements}</ul>
                    {pager}
                }.into_any()
            }}
            {(open && you.takes_part).then(|| post_form("statements".into(), format!("/deliberations/{id}/statements"), dt.add_statement, refill.field("statements", "body", dt.statement_label, Input::Textarea, Some(dt.statement_hint)).into_any()))}
            {stand.map(|stand| view! { <StandSection stand texts=texts.clone() /> })}
            {opinion.map(|map| view! { <LiveOpinion id live=open map texts /> })}
            <h3>{dt.polls_heading}</h3>
            {if detail.polls.is_empty() {
                view! { <p class="empty">{dt.no_polls}</p> }.into_any()
            } else {
                view! { <ul class="poll-list">{polls}</ul> }.into_any()
            }}
            {(open && you.runs_it).then(|| view! {
                <details class="step-details" open=refill.is("polls")>
                    <summary>{dt.put_poll_heading}</summary>
                    {post_form("polls".into(), format!("/deliberations/{id}/polls"), dt.put_poll_button, view! {
                        {refill.field("polls", "question", dt.question_label, Input::Text, None)}
                        {poll::method_fields(&refill)}
                        {refill.field("polls", "options", dt.options_label, Input::Textarea, Some(crate::i18n::methods::use_mt().options_hint))}
                        {refill.field("polls", "quorum", dt.quorum_label, Input::Number, Some(dt.quorum_hint))}
                        <div class="field">
                            <label for="polls-rule">{dt.rule_label}</label>
                            <select id="polls-rule" name="rule">
                                {MajorityRule::ALL.into_iter().map(|r| view! { <option value=r.as_str()>{(dt.rule)(r)}</option> }).collect_view()}
                            </select>
                        </div>
                        {refill.field("polls", "closes_at", dt.closes_label, Input::DateTime, None)}
                    }.into_any())}
                </details>
                <details class="step-details" open=refill.is("minutes")>
                    <summary>{dt.minutes_heading}</summary>
                    <MinutesFields id action="minutes" detail=detail.clone() refill=refill.clone() />
                </details>
            })}
        </section>
    }
}

/// Where a vote on a statement was cast, so the answer comes back there.
#[derive(Clone, Copy)]
enum VoteFrom {
    /// The statement put to the reader next.
    Next,
    /// A page of the list.
    List(usize),
}

fn statement_item(
    dt: &'static DeliberationText,
    id: i64,
    s: &StatementView,
    vote: Option<VoteFrom>,
    may_hide: bool,
    refill: &Refill,
) -> impl IntoView + use<> {
    if s.hidden {
        return view! { <li class="statement statement-hidden"><Withheld content=Content::Statement(s.id) /></li> }.into_any();
    }
    let which = format!("statements-{}", s.id);
    view! {
        <li class="statement" id=which.clone()>
            <p class="statement-body">{s.body.clone()}</p>
            <p class="hint">{(dt.tally)(s.agree, s.disagree, s.pass)} " · " <ReportLink content=Content::Statement(s.id) /></p>
            {vote.map(|from| vote_form(dt, id, s, from))}
            {may_hide.then(|| view! {
                <details class="step-details">
                    <summary>{dt.hide_button}</summary>
                    {post_form(format!("{which}-hide"), format!("/deliberations/statements/{}/hide?back={id}", s.id), dt.hide_button, refill.field(&which, "reason", dt.reason_label, Input::Text, None).into_any())}
                </details>
            })}
        </li>
    }
    .into_any()
}

/// Agree, disagree, pass: one form, the reader's vote pressed.
fn vote_form(
    dt: &'static DeliberationText,
    id: i64,
    s: &StatementView,
    from: VoteFrom,
) -> impl IntoView + use<> {
    let back = match from {
        VoteFrom::Next => format!("back={id}&at=next"),
        VoteFrom::List(1) => format!("back={id}"),
        VoteFrom::List(page) => format!("back={id}&sp={page}"),
    };
    let buttons = Vote::ALL
        .into_iter()
        .map(|v| {
            let pressed = s.your_vote == Some(v);
            view! {
                <button type="submit" name="vote" value=v.as_str() class=format!("button vote-{}", v.as_str()) aria-pressed=if pressed { "true" } else { "false" }>
                    {(dt.vote)(v)}
                </button>
            }
        })
        .collect_view();
    view! {
        <form class="vote-row" method="post" action=format!("/deliberations/statements/{}/vote?{back}", s.id)>
            <span class="visually-hidden">{dt.your_vote}</span>
            {buttons}
        </form>
    }
}

/// Where the reader stands: their group, what sets it apart, and how often
/// they vote as each group's majority does (a bar per group).
#[component]
fn StandSection(stand: YourStand, texts: Vec<(i64, String)>) -> impl IntoView {
    let dt = use_dt();
    let text = |id: i64| {
        texts
            .iter()
            .find(|(s, _)| *s == id)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    };
    let group = usize::from(stand.group);
    view! {
        <section class="stand" aria-labelledby="stand-heading">
            <h3 id="stand-heading">{dt.stand_heading}</h3>
            <p>
                <span class=format!("swatch group-{group}") aria-hidden="true"></span>
                {(dt.stand_group)(&(dt.group_name)(group), stand.members)}
            </p>
            <table class="bar-table">
                <caption>{dt.stand_closeness}</caption>
                <tbody>
                    {stand.closeness.iter().enumerate().map(|(g, p)| {
                        let width = f64::from(*p).max(0.5);
                        view! {
                            <tr>
                                <th scope="row">{(dt.group_name)(g)}</th>
                                <td class="bar-cell">
                                    <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                        <rect x="0" y="0" width=format!("{width:.1}") height="10" rx="1.5" class=format!("group-{g}") />
                                    </svg>
                                    <span class="bar-value">{format!("{p}%")}</span>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {(!stand.characteristic.is_empty()).then(|| view! {
                <p>{dt.stand_representative}</p>
                <ul>
                    {stand.characteristic.iter().map(|s| view! {
                        <li>{text(s.statement)} <span class="hint">" (" {(dt.agree_share)(s.agree, s.disagree)} ")"</span></li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// Seconds between refreshes of an open consultation's opinion map.
const OPINION_REFRESH_SECS: u32 = 20;

/// The opinion map as drawn on the server; while the consultation is open
/// an island fetches it again now and then, so it follows the votes as
/// they arrive without reloading the page (or the forms people type in).
#[component]
fn LiveOpinion(id: i64, live: bool, map: OpinionMap, texts: Vec<(i64, String)>) -> impl IntoView {
    let dt = use_dt();
    let region = format!("opinion-{id}");
    view! {
        <div id=region.clone()>
            <OpinionSection map texts />
        </div>
        {live.then(|| view! {
            <crate::islands::LiveRegions
                refresh=crate::islands::Refresh::Every(OPINION_REFRESH_SECS)
                regions=vec![region]
                updated=dt.opinion_updated.to_owned()
            />
        })}
    }
}

/// The opinion map: an SVG of everyone's place, coloured by group, and
/// the same groups as a table (what screen readers and phones rely on).
#[component]
fn OpinionSection(map: OpinionMap, texts: Vec<(i64, String)>) -> impl IntoView {
    let dt = use_dt();
    let ct = use_ct();
    let text = move |id: i64| {
        texts
            .iter()
            .find(|(s, _)| *s == id)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    };
    if map.participants == 0 {
        return view! {
            <h3>{dt.opinion_heading}</h3>
            <p class="empty">{dt.opinion_too_few}</p>
        }
        .into_any();
    }
    // People who voted alike stand on the same spot: one dot per spot,
    // larger for more people, and each group's number at its centre.
    let place = |x: f32, y: f32| (50.0 + x * 44.0, 50.0 - y * 44.0);
    let mut spots: std::collections::BTreeMap<(i32, i32, u8), u32> = Default::default();
    let mut centres = vec![(0.0f32, 0.0f32, 0u32); map.groups.len()];
    for (x, y, g) in &map.points {
        *spots
            .entry(((x * 40.0).round() as i32, (y * 40.0).round() as i32, *g))
            .or_default() += 1;
        if let Some(c) = centres.get_mut(usize::from(*g)) {
            *c = (c.0 + x, c.1 + y, c.2 + 1);
        }
    }
    let dots = spots
        .into_iter()
        .map(|((x, y, g), n)| {
            let (cx, cy) = place(x as f32 / 40.0, y as f32 / 40.0);
            let r = 1.6 + 1.2 * (n as f32).sqrt();
            view! { <circle cx=format!("{cx:.1}") cy=format!("{cy:.1}") r=format!("{r:.1}") class=format!("group-{g}") /> }
        })
        .collect_view();
    let labels = centres
        .into_iter()
        .enumerate()
        .filter(|(_, c)| c.2 > 0)
        .map(|(g, (x, y, n))| {
            let (cx, cy) = place(x / n as f32, y / n as f32);
            view! { <text x=format!("{cx:.1}") y=format!("{:.1}", (cy - 7.0).max(6.0)) class="group-label">{g + 1}</text> }
        })
        .collect_view();
    let groups = map
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            view! {
                <tr>
                    <th scope="row"><span class=format!("swatch group-{g}") aria-hidden="true"></span>{(dt.group_name)(g)}<br />{(dt.group_members)(group.members)}</th>
                    <td>
                        <ul>
                            {group.characteristic.iter().map(|s| view! { <li>{text(s.statement)} <span class="hint">" (" {(dt.agree_share)(s.agree, s.disagree)} ")"</span></li> }).collect_view()}
                        </ul>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>{dt.opinion_heading}</h3>
        <p class="hint">{dt.opinion_hint}</p>
        <figure class="opinion-map">
            <svg viewBox="0 0 100 100" role="img" aria-label=(dt.map_alt)(map.participants, map.groups.len())>
                <line x1="50" y1="4" x2="50" y2="96" class="axis" />
                <line x1="4" y1="50" x2="96" y2="50" class="axis" />
                {dots}
                {labels}
            </svg>
        </figure>
        <table class="opinion-table">
            <caption class="visually-hidden">{dt.opinion_heading}</caption>
            <thead><tr><th scope="col">{dt.opinion_heading}</th><th scope="col">{dt.group_agrees}</th></tr></thead>
            <tbody>{groups}</tbody>
        </table>
        {(!map.consensus.is_empty()).then(|| view! {
            <h4>{dt.common_ground}</h4>
            <ul class="consensus">
                {map.consensus.iter().map(|s| view! { <li>{text(s.statement)} <span class="hint">" (" {(dt.agree_share)(s.agree, s.disagree)} ")"</span></li> }).collect_view()}
            </ul>
        })}
        {map.stability.map(|s| view! { <p class="hint stability">{(ct.stability)(s)}</p> })}
        {(!map.scores.is_empty()).then(|| view! { <BridgingList scores=map.scores.clone() text /> })}
    }
    .into_any()
}

/// Statements shown in the bridging table: the ten that bridge best, and
/// every one the two measures disagree on among the rest (up to ten).
const BRIDGING_SHOWN: usize = 10;

/// Consensus and bridging side by side for the statements that bring the
/// groups together best, and those where the two measures part.
#[component]
fn BridgingList(
    scores: Vec<StatementScore>,
    text: impl Fn(i64) -> String + 'static,
) -> impl IntoView {
    let ct = use_ct();
    let mut ranked = scores;
    ranked.sort_by(|a, b| {
        b.bridging
            .total_cmp(&a.bridging)
            .then(a.statement.cmp(&b.statement))
    });
    let (top, rest) = ranked.split_at(BRIDGING_SHOWN.min(ranked.len()));
    let shown: Vec<StatementScore> = top
        .iter()
        .chain(rest.iter().filter(|s| s.divergent).take(BRIDGING_SHOWN))
        .cloned()
        .collect();
    let bar = |name: &'static str, share: f32| {
        let percent = (share * 100.0).round().clamp(0.0, 100.0);
        view! {
            <div class="measure">
                <span class="measure-name">{name}</span>
                <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect x="0" y="0" width=format!("{:.1}", percent.max(0.5)) height="10" rx="1.5" class="group-0" />
                </svg>
                <span class="bar-value">{format!("{percent:.0}%")}</span>
            </div>
        }
    };
    let items = shown
        .into_iter()
        .map(|s| {
            view! {
                <li class="bridging-item" class:divergent=s.divergent>
                    <p class="statement-body">{text(s.statement)}</p>
                    {bar(ct.consensus, s.consensus)}
                    {bar(ct.bridging, s.bridging)}
                    {if s.divergent {
                        view! { <p class="flag">{ct.divergent}</p> }.into_any()
                    } else {
                        view! { <p class="hint">{ct.measures_agree}</p> }.into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    view! {
        <h4 id="bridging-heading">{ct.bridging_heading}</h4>
        <p class="hint">{ct.bridging_hint}</p>
        <ol class="bridging-list" aria-labelledby="bridging-heading">{items}</ol>
        <p class="hint">{ct.divergent_hint}</p>
    }
}

/// The four minutes fields, for recording them or amending the record.
#[component]
fn MinutesFields(
    id: i64,
    action: &'static str,
    detail: DeliberationDetail,
    refill: Refill,
) -> impl IntoView {
    let dt = use_dt();
    let refill = match &detail.minutes {
        Some(m) => refill.or_saved(
            action,
            &[
                ("attendance", &m.attendance),
                ("arguments", &m.arguments),
                ("result", &m.result),
                ("decision", &m.decision),
            ],
        ),
        None => refill,
    };
    let button = if action == "amend" {
        dt.amend_button
    } else {
        dt.minutes_button
    };
    post_form(action.into(), format!("/deliberations/{id}/{action}"), button, view! {
        {refill.field(action, "attendance", dt.attendance_label, Input::Textarea, None)}
        {refill.field(action, "arguments", dt.arguments_label, Input::Textarea, None)}
        {refill.field(action, "result", dt.result_label, Input::Textarea, None)}
        {refill.field(action, "decision", dt.decision_label, Input::Textarea, None)}
        {(action == "amend").then(|| refill.field(action, "reason", dt.amend_reason, Input::Text, None))}
    }.into_any())
}

#[component]
fn DecisionSection(detail: DeliberationDetail, refill: Refill) -> impl IntoView {
    let dt = use_dt();
    let id = detail.summary.id;
    let minutes = detail.minutes.clone().map(|m| view! {
        <dl class="matter-facts">
            <dt>{dt.decision_label}</dt><dd class="matter-description"><strong>{m.decision}</strong></dd>
            <dt>{dt.result_label}</dt><dd class="matter-description">{m.result}</dd>
            <dt>{dt.attendance_label}</dt><dd class="matter-description">{m.attendance}</dd>
            <dt>{dt.arguments_label}</dt><dd class="matter-description">{m.arguments}</dd>
        </dl>
    });
    view! {
        <section class="panel decision" aria-labelledby="decision-heading">
            <h2 id="decision-heading">{dt.decision_heading}</h2>
            {minutes}
            {detail.record.clone().map(|r| view! {
                <p>{(dt.version_label)(r.version)} " · " {dt.fingerprint_label} ": " <code class="fingerprint">{r.fingerprint}</code></p>
                <p><a class="button" href=format!("/deliberations/{id}/record")>{dt.record_link}</a></p>
            })}
            {detail.implementation.clone().map(|p| view! { <p><strong>{dt.implementation_label} ": "</strong>{p}</p> })}
            {detail.you.runs_it.then(|| view! {
                <details class="step-details" open=refill.is("implementation")>
                    <summary>{dt.implementation_heading}</summary>
                    {post_form("implementation".into(), format!("/deliberations/{id}/implementation"), dt.implementation_button, refill.field("implementation", "project", dt.project_label, Input::Text, None).into_any())}
                </details>
                <details class="step-details" open=refill.is("amend")>
                    <summary>{dt.amend_heading}</summary>
                    <MinutesFields id action="amend" detail=detail.clone() refill=refill.clone() />
                </details>
            })}
        </section>
    }
}

/// The council's buttons that move the procedure on; the server says why
/// when a step cannot be taken yet.
#[component]
fn CouncilSteps(id: i64, stage: Stage, refill: Refill) -> impl IntoView {
    let dt = use_dt();
    let step = match stage {
        Stage::Collecting => Some("close_collection"),
        Stage::Deciding => Some("publish_notice"),
        Stage::Notice => Some("open_consultation"),
        Stage::Consultation => Some("decide"),
        Stage::Decided | Stage::Cancelled => None,
    };
    view! {
        <section class="panel council" aria-labelledby="council-heading">
            <h2 id="council-heading">{dt.council_heading}</h2>
            {step.map(|step| view! {
                <form id=step method="post" action=format!("/deliberations/{id}/step")>
                    <input type="hidden" name="step" value=step />
                    <button type="submit" class="button">{(dt.step_button)(stage)}</button>
                </form>
                // A step refused for a date says which date would work.
                {refill.error(step, "starts_at").map(|e| view! {
                    <p class="field-error" role="alert">{(crate::i18n::use_t().field_error)(&e)}</p>
                })}
            })}
            <details class="step-details" open=refill.is("cancel")>
                <summary>{dt.cancel_heading}</summary>
                {post_form("cancel".into(), format!("/deliberations/{id}/step"), dt.cancel_button, view! {
                    <input type="hidden" name="step" value="cancel" />
                    {refill.field("cancel", "reason", dt.reason_label, Input::Textarea, Some(dt.reason_hint))}
                }.into_any())}
            </details>
        </section>
    }
}

#[component]
fn Timeline(detail: DeliberationDetail) -> impl IntoView {
    let dt = use_dt();
    let lang = use_lang();
    let items = detail
        .timeline
        .iter()
        .map(|e| {
            view! {
                <li class="timeline-step">
                    <p class="timeline-head">
                        <strong>{e.kind.name(lang)}</strong>
                        {e.actor.clone().map(|a| view! { " · " {a} })}
                    </p>
                    <p class="hint"><time>{beijing_time(e.at)}</time></p>
                    {e.note.clone().map(|n| view! { <p class="timeline-note">{n}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{dt.timeline_heading}</h2>
            <ol class="timeline">{items}</ol>
        </section>
    }
}
