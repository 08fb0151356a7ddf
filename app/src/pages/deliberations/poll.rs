//! A decision poll on the deliberation's page: the rule it states, the
//! ballot of its method as a plain form (every method works without
//! JavaScript), and once it closes the count the method makes — rounds of
//! a runoff, totals, the funded set, blocks and their answers.

use leptos::prelude::*;
use linli_model::{
    deliberation::{
        Availability, Ballot, BlockView, Count, Method, MethodKind, PollOutcome, PollView, Stance,
    },
    money::Fen,
};

use crate::{
    components::{Input, Refill, post_form},
    i18n::{
        beijing_time,
        deliberation::DeliberationText,
        methods::{MethodText, use_mt},
        use_t,
    },
};

/// The names a ballot form may send back when it fails.
pub const BALLOT_FIELDS: &[&str] = &[
    "choice", "stance", "rank_0", "rank_1", "rank_2", "rank_3", "rank_4", "rank_5", "rank_6",
    "rank_7", "rank_8", "rank_9", "score_0", "score_1", "score_2", "score_3", "score_4", "score_5",
    "score_6", "score_7", "score_8", "score_9", "dots_0", "dots_1", "dots_2", "dots_3", "dots_4",
    "dots_5", "dots_6", "dots_7", "dots_8", "dots_9", "time_0", "time_1", "time_2", "time_3",
    "time_4", "time_5", "time_6", "time_7", "time_8", "time_9",
];

/// What a poll's page needs to know about the reader.
#[derive(Clone, Copy)]
pub struct Reader {
    pub may_vote: bool,
    pub runs_it: bool,
    /// Staff serving the community: they enter and confirm tally sheets.
    pub counts_paper: bool,
}

/// The budget of a budget poll, as shown.
fn budget_of(method: &Method) -> String {
    match method {
        Method::Budget { budget, .. } => budget.to_string(),
        _ => String::new(),
    }
}

fn cost_of(method: &Method, option: usize) -> Option<Fen> {
    match method {
        Method::Budget { costs, .. } => costs.get(option).copied(),
        _ => None,
    }
}

pub fn poll_item(
    dt: &'static DeliberationText,
    id: i64,
    p: &PollView,
    reader: Reader,
    refill: &Refill,
) -> impl IntoView + use<> {
    let mt = use_mt();
    let which = format!("polls-{}", p.id);
    let rule = (mt.rule)(&p.method, p.quorum, &budget_of(&p.method));
    let counted = p
        .count
        .clone()
        .zip(p.outcome.clone())
        .map(|(count, outcome)| count_view(dt, mt, p, count, &outcome));
    let ballot = (!p.closed && reader.may_vote).then(|| ballot_form(dt, mt, id, p, refill));
    let blocks = (!p.blocks.is_empty()).then(|| blocks_view(mt, id, p, reader, refill));
    let channels = super::paper::channels_view(p);
    let tally = super::paper::tally_view(id, p, reader.counts_paper, refill);
    view! {
        <li class="poll" id=which>
            <h4>{p.question.clone()}</h4>
            <p class="poll-method"><span class="badge">{(mt.name)(p.method.kind())}</span></p>
            <p class="hint">{rule} " " {dt.closes} " " {beijing_time(p.closes_at)}</p>
            {p.your_ballot.is_some().then(|| view! { <p class="status status-verified">{mt.your_ballot}</p> })}
            {if p.closed {
                counted.into_any()
            } else {
                view! { <p>{(dt.ballots)(p.ballots)} " · " {dt.hidden_until_close}</p> }.into_any()
            }}
            {blocks}
            {ballot}
            {channels}
            {tally}
        </li>
    }
}

/// The outcome in a sentence, naming the options it concerns.
fn outcome_text(
    dt: &'static DeliberationText,
    mt: &'static MethodText,
    p: &PollView,
    outcome: &PollOutcome,
) -> String {
    let name = |i: &u32| p.options.get(*i as usize).cloned().unwrap_or_default();
    let names = |v: &[u32]| {
        v.iter()
            .map(name)
            .map(|n| format!("「{n}」"))
            .collect::<Vec<_>>()
            .join("、")
    };
    match outcome {
        PollOutcome::Carried(i) => (dt.outcome_carried)(&name(i)),
        PollOutcome::NoQuorum => dt.outcome_no_quorum.to_owned(),
        PollOutcome::NoMajority => dt.outcome_no_majority.to_owned(),
        PollOutcome::Tie(v) => (mt.outcome_tie)(&names(v)),
        PollOutcome::Consented => mt.outcome_consented.to_owned(),
        PollOutcome::Blocked(n) => (mt.outcome_blocked)(*n),
        PollOutcome::Funded(v) => (mt.outcome_funded)(&names(v)),
    }
}

/// Bars for one number per row, with the number beside each bar.
fn bars(caption: String, rows: Vec<(String, u32, String)>) -> impl IntoView {
    let most = rows.iter().map(|(_, n, _)| *n).max().unwrap_or(0).max(1);
    view! {
        <table class="bar-table">
            <caption class="visually-hidden">{caption}</caption>
            <tbody>
                {rows.into_iter().map(|(label, n, shown)| {
                    let percent = (100.0 * f64::from(n) / f64::from(most)).max(0.5);
                    view! {
                        <tr>
                            <th scope="row">{label}</th>
                            <td class="bar-cell">
                                <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                    <rect x="0" y="0" width=format!("{percent:.1}") height="10" rx="1.5" />
                                </svg>
                                <span class="bar-value">{shown}</span>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn count_view(
    dt: &'static DeliberationText,
    mt: &'static MethodText,
    p: &PollView,
    count: Count,
    outcome: &PollOutcome,
) -> impl IntoView + use<> {
    let caption = format!("{} · {}", p.question, mt.count_caption);
    // A wide count scrolls inside the card: keyboard users reach it too.
    let region = caption.clone();
    let options = p.options.clone();
    let label = |i: usize| options.get(i).cloned().unwrap_or_default();
    let table = match count {
        Count::Choice { votes } | Count::Dots { totals: votes } => {
            let rows = votes.iter().enumerate().map(|(i, n)| (label(i), *n, n.to_string())).collect();
            bars(caption, rows).into_any()
        }
        Count::Score { totals } => {
            let cast = p.ballots.max(1);
            let rows = totals
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let average = f64::from(*n) / f64::from(cast);
                    (label(i), *n, format!("{n} · {} {average:.1}", mt.average))
                })
                .collect();
            bars(caption, rows).into_any()
        }
        Count::Consent { consent, concern, stand_aside, block } => {
            let rows = [
                (Stance::Consent, consent),
                (Stance::Concern, concern),
                (Stance::StandAside, stand_aside),
                (Stance::Block, block),
            ]
            .into_iter()
            .map(|(s, n)| ((mt.stance)(s).to_owned(), n, n.to_string()))
            .collect();
            bars(caption, rows).into_any()
        }
        Count::Times { yes, if_need_be } => view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=region>
            <table class="grid-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr><th scope="col">{mt.option}</th><th scope="col">{mt.yes}</th><th scope="col">{mt.if_need_be}</th></tr></thead>
                <tbody>
                    {yes.iter().zip(&if_need_be).enumerate().map(|(i, (y, m))| view! {
                        <tr><th scope="row">{label(i)}</th><td>{*y}</td><td>{*m}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        }
        .into_any(),
        Count::Budget { approvals, funded, spent } => {
            let budget = budget_of(&p.method);
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=region>
                <table class="grid-table">
                    <caption class="visually-hidden">{caption}</caption>
                    <thead><tr><th scope="col">{mt.option}</th><th scope="col">{mt.approvals}</th><th scope="col">{(mt.cost)("")}</th><th scope="col">{mt.funded}</th></tr></thead>
                    <tbody>
                        {approvals.iter().enumerate().map(|(i, n)| view! {
                            <tr>
                                <th scope="row">{label(i)}</th>
                                <td>{*n}</td>
                                <td>{cost_of(&p.method, i).map(|c| c.to_string()).unwrap_or_default()}</td>
                                <td>{funded.contains(&(i as u32)).then_some("✓")}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                <p class="hint">{(mt.spent)(&spent.to_string(), &budget)}</p>
            }
            .into_any()
        }
        Count::Ranked { rounds } => view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=region>
                <table class="grid-table runoff">
                    <caption class="visually-hidden">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{mt.option}</th>
                            {(1..=rounds.len()).map(|n| view! { <th scope="col">{(mt.round)(n)}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {(0..options.len()).map(|i| view! {
                            <tr>
                                <th scope="row">{label(i)}</th>
                                {rounds.iter().map(|r| {
                                    let cell = match r.votes.get(i).copied().flatten() {
                                        Some(n) if r.dropped.contains(&(i as u32)) => format!("{n} ({})", mt.dropped),
                                        Some(n) => n.to_string(),
                                        None => "—".to_owned(),
                                    };
                                    view! { <td>{cell}</td> }
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                        <tr>
                            <th scope="row">{mt.exhausted}</th>
                            {rounds.iter().map(|r| view! { <td>{r.exhausted}</td> }).collect_view()}
                        </tr>
                    </tbody>
                </table>
            </div>
        }
        .into_any(),
    };
    view! {
        {table}
        <p class="poll-outcome"><strong>{outcome_text(dt, mt, p, outcome)}</strong></p>
    }
}

/// The blocks of a consent poll with their answers; the council answers
/// each one here.
fn blocks_view(
    mt: &'static MethodText,
    id: i64,
    p: &PollView,
    reader: Reader,
    refill: &Refill,
) -> impl IntoView + use<> {
    let items =
        p.blocks
            .iter()
            .map(|b: &BlockView| {
                let which = format!("ballots-{}", b.id);
                let answer = match &b.answer {
                    Some(a) => view! { <p><strong>{mt.block_answer} ": "</strong>{a.clone()}</p> }
                        .into_any(),
                    None if reader.runs_it => post_form(
                        which.clone(),
                        format!("/deliberations/ballots/{}/answer?back={id}", b.id),
                        mt.answer_block,
                        refill
                            .field(&which, "answer", mt.answer_label, Input::Textarea, None)
                            .into_any(),
                    )
                    .into_any(),
                    None => view! { <p class="hint">{mt.block_unanswered}</p> }.into_any(),
                };
                view! {
                    <li class="block-item">
                        <p><strong>{mt.block_reason} ": "</strong>{b.reason.clone()}</p>
                        {answer}
                    </li>
                }
            })
            .collect_view();
    view! {
        <h5>{mt.blocks_heading}</h5>
        <ul class="block-list">{items}</ul>
    }
}

/// The ballot of the poll's method, filled with what came back from a
/// failed post, else with the reader's ballot.
fn ballot_form(
    dt: &'static DeliberationText,
    mt: &'static MethodText,
    id: i64,
    p: &PollView,
    refill: &Refill,
) -> impl IntoView + use<> {
    let t = use_t();
    let which = format!("polls-{}", p.id);
    let came_back = refill.is(&which);
    let typed = |name: &str| refill.typed(&which, name);
    let error = |name: &str| {
        refill
            .error(&which, name)
            .map(|e| view! { <p class="field-error">{(t.field_error)(&e)}</p> })
    };
    let mine = p.your_ballot.clone();
    let n = p.options.len();
    let options = p.options.clone();
    let body = match &p.method {
        Method::Choice { .. } => {
            let chosen = if came_back {
                typed("choice").and_then(|c| c.parse::<u32>().ok())
            } else {
                p.your_choice
            };
            view! {
                <fieldset>
                    <legend>{p.question.clone()}</legend>
                    {options.iter().enumerate().map(|(i, o)| view! {
                        <label class="choice">
                            <input type="radio" name="choice" value=i.to_string() required=true checked=chosen == Some(i as u32) />
                            " " {o.clone()}
                        </label>
                    }).collect_view()}
                    {error("choice")}
                </fieldset>
            }
            .into_any()
        }
        Method::Consent => {
            let (stance, reason) = match (&mine, came_back) {
                (_, true) => (
                    typed("stance").and_then(|s| Stance::parse(&s)),
                    typed("reason").unwrap_or_default(),
                ),
                (Some(Ballot::Consent(s, r)), false) => (Some(*s), r.clone().unwrap_or_default()),
                _ => (None, String::new()),
            };
            let reason_id = format!("{which}-reason");
            view! {
                <fieldset>
                    <legend>{p.question.clone()}</legend>
                    {Stance::ALL.into_iter().map(|s| view! {
                        <label class="choice">
                            <input type="radio" name="stance" value=s.as_str() required=true checked=stance == Some(s) />
                            <span><strong>{(mt.stance)(s)}</strong> " — " {(mt.stance_hint)(s)}</span>
                        </label>
                    }).collect_view()}
                    {error("stance")}
                </fieldset>
                <div class="field">
                    <label for=reason_id.clone()>{mt.reason_label}</label>
                    <textarea id=reason_id name="reason" rows="3" maxlength="1000">{crate::raw_text::raw_text(&reason)}</textarea>
                    <p class="hint">{mt.reason_hint}</p>
                    {error("reason")}
                </div>
            }
            .into_any()
        }
        Method::Ranked { .. } => {
            let rank_of = |i: usize| -> String {
                if came_back {
                    return typed(&format!("rank_{i}")).unwrap_or_default();
                }
                match &mine {
                    Some(Ballot::Ranked(v)) => v
                        .iter()
                        .position(|o| *o as usize == i)
                        .map(|r| (r + 1).to_string())
                        .unwrap_or_default(),
                    _ => String::new(),
                }
            };
            view! {
                <fieldset>
                    <legend>{p.question.clone()}</legend>
                    <p class="hint">{(mt.rank_hint)(n)}</p>
                    {options.iter().enumerate().map(|(i, o)| {
                        let field = format!("rank_{i}");
                        let control = format!("{which}-{field}");
                        let current = rank_of(i);
                        view! {
                            <div class="field rank-field">
                                <label for=control.clone()>{o.clone()}</label>
                                <select id=control name=field>
                                    <option value="" selected=current.is_empty()>{mt.rank_none}</option>
                                    {(1..=n).map(|r| {
                                        let r = r.to_string();
                                        view! { <option value=r.clone() selected=current == r>{mt.rank_label} " " {r.clone()}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                        }
                    }).collect_view()}
                    {error("ranks")}
                </fieldset>
            }
            .into_any()
        }
        Method::Score { .. } => {
            let score_of = |i: usize| -> Option<u8> {
                if came_back {
                    return typed(&format!("score_{i}")).and_then(|s| s.parse().ok());
                }
                match &mine {
                    Some(Ballot::Score(v)) => v.get(i).copied(),
                    _ => None,
                }
            };
            view! {
                <p class="hint">{mt.score_hint}</p>
                {options.iter().enumerate().map(|(i, o)| {
                    let field = format!("score_{i}");
                    let current = score_of(i);
                    view! {
                        <fieldset class="scale">
                            <legend>{o.clone()}</legend>
                            {(0..=linli_model::deliberation::SCORE_MAX).map(|s| view! {
                                <label class="scale-point">
                                    <input type="radio" name=field.clone() value=s.to_string() required=true checked=current == Some(s) />
                                    " " {s}
                                </label>
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
                {error("scores")}
            }
            .into_any()
        }
        Method::Dots { dots } => {
            let dots = *dots;
            let given = |i: usize| -> String {
                if came_back {
                    return typed(&format!("dots_{i}")).unwrap_or_default();
                }
                match &mine {
                    Some(Ballot::Dots(v)) => v.get(i).map(|d| d.to_string()).unwrap_or_default(),
                    _ => String::new(),
                }
            };
            view! {
                <fieldset>
                    <legend>{p.question.clone()}</legend>
                    <p class="hint">{(mt.dots_hint)(dots)}</p>
                    {options.iter().enumerate().map(|(i, o)| {
                        let field = format!("dots_{i}");
                        let control = format!("{which}-{field}");
                        view! {
                            <div class="field dots-field">
                                <label for=control.clone()>{o.clone()}</label>
                                <input id=control name=field type="number" inputmode="numeric" min="0" max=dots.to_string() value=given(i) />
                            </div>
                        }
                    }).collect_view()}
                    {error("dots")}
                </fieldset>
            }
            .into_any()
        }
        Method::Budget { .. } => {
            let approved: Vec<u32> = if came_back {
                let q = crate::url::query();
                q.with_untracked(|q| q.get_all("approve"))
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|a| a.parse().ok())
                    .collect()
            } else {
                match &mine {
                    Some(Ballot::Approve(v)) => v.clone(),
                    _ => Vec::new(),
                }
            };
            let method = p.method.clone();
            view! {
                <fieldset>
                    <legend>{p.question.clone()}</legend>
                    <p class="hint">{(mt.budget_hint)(&budget_of(&method))}</p>
                    {options.iter().enumerate().map(|(i, o)| view! {
                        <label class="choice">
                            <input type="checkbox" name="approve" value=i.to_string() checked=approved.contains(&(i as u32)) />
                            <span>{o.clone()} " · " {(mt.cost)(&cost_of(&method, i).map(|c| c.to_string()).unwrap_or_default())}</span>
                        </label>
                    }).collect_view()}
                    {error("approve")}
                </fieldset>
            }
            .into_any()
        }
        Method::MeetingTime => {
            let answer = |i: usize| -> Option<Availability> {
                if came_back {
                    return typed(&format!("time_{i}")).and_then(|a| Availability::parse(&a));
                }
                match &mine {
                    Some(Ballot::Times(v)) => v.get(i).copied(),
                    _ => None,
                }
            };
            view! {
                <p class="hint">{mt.times_hint}</p>
                {options.iter().enumerate().map(|(i, o)| {
                    let field = format!("time_{i}");
                    let current = answer(i);
                    view! {
                        <fieldset class="scale">
                            <legend>{o.clone()}</legend>
                            {Availability::ALL.into_iter().map(|a| view! {
                                <label class="scale-point">
                                    <input type="radio" name=field.clone() value=a.as_str() required=true checked=current == Some(a) />
                                    " " {(mt.availability)(a)}
                                </label>
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
                {error("times")}
            }
            .into_any()
        }
    };
    view! {
        <form class="stack-form ballot" id=format!("{which}-ballot") method="post" action=format!("/deliberations/polls/{}/cast?back={id}", p.id)>
            {body}
            <button type="submit" class="button">{dt.cast_button}</button>
        </form>
    }
}

/// The method and its number on the form that puts a poll.
pub fn method_fields(refill: &Refill) -> impl IntoView + use<> {
    let mt = use_mt();
    let chosen = refill.typed("polls", "method").unwrap_or_default();
    view! {
        <div class="field">
            <label for="polls-method">{mt.method_label}</label>
            <select id="polls-method" name="method" aria-describedby="polls-method-hint">
                {MethodKind::ALL.into_iter().map(|k| view! {
                    <option value=k.as_str() selected=chosen == k.as_str()>{(mt.name)(k)}</option>
                }).collect_view()}
            </select>
            <p id="polls-method-hint" class="hint">{mt.method_hint}</p>
        </div>
        {refill.field("polls", "threshold", mt.threshold_label, Input::Text, Some(mt.threshold_hint))}
    }
}
