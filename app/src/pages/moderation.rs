//! Moderation in the open: `/moderation/item?what=` (report an item; its
//! moderators hide, restore or keep it), `/communities/:code/moderation`
//! (the public log) and `/staff/moderation` (the desk). Plain forms, so
//! everything works without JavaScript.

use leptos::prelude::*;
use linli_model::moderation::{
    AuthorFigures, Content, ItemView, Kind, LogEntry, ModerationDesk, ModerationLog, QueueItem,
    Reason, ReporterFigures,
};

use crate::{
    api::moderation::{get_moderation_desk, get_moderation_item, get_moderation_log},
    components::{ErrorNotice, Input, Loading, Refill, ScrollTable},
    i18n::{beijing_time, moderation::use_mt, use_lang, use_t},
};

const FIELDS: &[&str] = &["reason", "note"];

#[component]
pub fn ModerationItemPage() -> impl IntoView {
    let query = crate::url::query();
    let what = move || query.with(|q| q.get("what").unwrap_or_default());
    let item = Resource::new(what, get_moderation_item);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match item.await {
                    Ok(item) => view! { <ItemPage item /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The outcome of the last form, in words.
#[component]
fn Messages() -> impl IntoView {
    let mt = use_mt();
    let query = crate::url::query();
    let (notice, error) = query.with_untracked(|q| (q.get("notice"), q.get("error")));
    let participant = query.with_untracked(|q| {
        q.get("what")
            .and_then(|w| Content::parse(&w))
            .is_some_and(|c| c.kind() == Kind::Participant)
    });
    let notice = notice.and_then(|n| match n.as_str() {
        "m_reported" => Some(mt.notice_reported),
        "m_hidden" if participant => Some(mt.notice_removed),
        "m_restored" if participant => Some(mt.notice_counted),
        "m_hidden" => Some(mt.notice_hidden),
        "m_restored" => Some(mt.notice_restored),
        "m_dismissed" => Some(mt.notice_dismissed),
        _ => None,
    });
    let error = error.and_then(|e| match e.as_str() {
        "m_reported_already" => Some(mt.error_reported_already),
        "m_hidden_already" => Some(mt.error_hidden_already),
        "m_moved_on" => Some(use_t().error_moved_on),
        _ => None,
    });
    view! {
        {notice.map(|n| view! { <p class="notice-ok" role="status">{n}</p> })}
        {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
    }
}

#[component]
fn ItemPage(item: ItemView) -> impl IntoView {
    let mt = use_mt();
    let t = use_t();
    let kind = item.content.kind();
    let participant = match &item.content {
        Content::Participant(p) => Some(p.pseudonym.clone()),
        _ => None,
    };
    let title = match &participant {
        Some(p) => (mt.participant_title)(p),
        None => (mt.item_title)(kind),
    };
    let what = item.content.to_string();
    let refill = Refill::read(FIELDS);
    let state = match (participant.is_some(), item.hidden) {
        (true, true) => mt.not_counted,
        (true, false) => mt.counted,
        (false, true) => mt.hidden_state,
        (false, false) => mt.shown,
    };
    let last = item
        .last
        .clone()
        .map(|e| (mt.last_decision)(kind, e.decision, &e.reason, &beijing_time(e.at)));
    let log = format!("/communities/{}/moderation", item.community);
    let shown_text = (!item.text.is_empty()).then(|| item.text.clone());
    let text_heading = item.may_moderate && item.hidden;
    let body = if participant.is_some() {
        view! { <p>{mt.participant_about}</p> }.into_any()
    } else {
        view! {
            {text_heading.then(|| view! { <h2 class="h3">{mt.withheld_heading}</h2> })}
            {match (shown_text, item.photo.clone()) {
                (Some(text), _) => view! { <blockquote class="reported-text">{text}</blockquote> }.into_any(),
                (None, Some(src)) => view! { <img class="reported-photo" src=src alt=(mt.kind)(kind) /> }.into_any(),
                (None, None) => view! { <p class="withheld">{mt.withheld}</p> }.into_any(),
            }}
        }
        .into_any()
    };
    let author_votes = item.author_as_participant.clone().and_then(|c| match &c {
        Content::Participant(p) => {
            let label = (mt.author_votes)(&p.pseudonym);
            Some(view! { <p><a href=c.moderation_url()>{label}</a></p> })
        }
        _ => None,
    });
    let report = if !item.signed_in {
        let next = crate::url::sign_in_from(&item.content.moderation_url());
        view! { <p><a class="button" href=next>{mt.sign_in_to_report}</a></p> }.into_any()
    } else if item.reported_by_you {
        view! { <p class="notice-ok">{mt.reported_already}</p> }.into_any()
    } else if item.hidden {
        view! { <p class="hint">{mt.error_hidden_already}</p> }.into_any()
    } else {
        let typed = refill.typed("report", "reason").unwrap_or_default();
        let choices = Reason::ALL
            .into_iter()
            .map(|r| {
                let checked = typed == r.as_str();
                view! {
                    <label class="choice">
                        <input type="radio" name="reason" value=r.as_str() required=true checked=checked />
                        <span>{(mt.reason)(r)}</span>
                    </label>
                }
            })
            .collect_view();
        view! {
            <form id="report" class="panel stack-form" method="post" action="/moderation/report">
                <h2 class="h3">{mt.report_heading}</h2>
                <input type="hidden" name="what" value=what.clone() />
                <fieldset class="choices">
                    <legend>{mt.reason_legend}</legend>
                    {choices}
                </fieldset>
                {refill.error("report", "reason").map(|e| view! { <p class="field-error" role="alert">{(t.field_error)(&e)}</p> })}
                {refill.field("report", "note", mt.note_label, Input::Textarea, Some(mt.note_hint))}
                <button type="submit" class="button">{mt.report_button}</button>
            </form>
        }
        .into_any()
    };
    let moderate = item.may_moderate.then(|| {
        let total: u32 = item.open_reports.iter().map(|r| r.count).sum();
        let reasons = item
            .open_reports
            .iter()
            .map(|r| view! { <li>{(mt.reason)(r.reason)} " · " {r.count}</li> })
            .collect_view();
        let (action, which) = if item.hidden {
            ("/moderation/restore", "restore")
        } else {
            ("/moderation/hide", "hide")
        };
        let button = match (participant.is_some(), item.hidden) {
            (true, true) => mt.count_again_button,
            (true, false) => mt.remove_button,
            (false, true) => mt.restore_button,
            (false, false) => mt.hide_button,
        };
        view! {
            <section class="panel" aria-labelledby="moderate-heading">
                <h2 id="moderate-heading" class="h3">{mt.moderate_heading}</h2>
                {if total == 0 {
                    view! { <p class="hint">{mt.no_open_reports}</p> }.into_any()
                } else {
                    view! {
                        <p>{(mt.open_reports)(total)}</p>
                        <ul class="check-list">{reasons}</ul>
                    }.into_any()
                }}
                {author_votes}
                <form id=which class="stack-form" method="post" action=action>
                    <input type="hidden" name="what" value=what.clone() />
                    {refill.field(which, "reason", mt.public_reason_label, Input::Text, Some(mt.public_reason_hint))}
                    <button type="submit" class="button">{button}</button>
                </form>
                {(total > 0 && !item.hidden).then(|| view! {
                    <form id="dismiss" class="stack-form" method="post" action="/moderation/dismiss">
                        <input type="hidden" name="what" value=what.clone() />
                        <p class="hint">{mt.dismiss_hint}</p>
                        <button type="submit" class="button button-quiet">{mt.dismiss_button}</button>
                    </form>
                })}
            </section>
        }
    });
    view! {
        <crate::components::PageHead title=title.clone() description=mt.item_lead />
        <div class="wrap section narrow">
            <h1>{title}</h1>
            <Messages />
            <p class="lead">{mt.item_lead}</p>
            <section class="panel reported-item">
                <p class="hint">{state}</p>
                {body}
                {last.map(|l| view! { <p class="hint">{l}</p> })}
                <p class="link-row">
                    <a href=item.href.clone()>{mt.where_link}</a>
                    " · "
                    <a href=log>{mt.log_link}</a>
                </p>
            </section>
            {report}
            {moderate}
        </div>
    }
}

#[component]
pub fn ModerationLogPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let query = crate::url::query();
    let args = move || {
        (
            params.with(|p| p.get("code").unwrap_or_default()),
            query.with(|q| q.get("before").and_then(|b| b.parse::<i64>().ok())),
        )
    };
    let log = Resource::new(args, |(code, before)| get_moderation_log(code, before));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match log.await {
                    Ok(log) => view! { <LogPage log /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LogPage(log: ModerationLog) -> impl IntoView {
    let mt = use_mt();
    let lang = use_lang();
    let title = (mt.log_title)(log.community_name.get(lang));
    let older = log
        .page
        .next
        .as_ref()
        .map(|id| format!("/communities/{}/moderation?before={id}", log.community));
    let entries = if log.page.items.is_empty() {
        view! { <p class="empty">{mt.log_empty}</p> }.into_any()
    } else {
        let items = log
            .page
            .items
            .into_iter()
            .map(|entry| view! { <LogLine entry /> })
            .collect_view();
        view! { <ol class="moderation-log">{items}</ol> }.into_any()
    };
    view! {
        <crate::components::PageHead title=title.clone() description=mt.log_lead />
        <div class="wrap section narrow">
            <h1>{title}</h1>
            <p class="lead">{mt.log_lead}</p>
            {entries}
            {older.map(|href| view! { <p class="pager"><a class="button" href=href>{mt.older}</a></p> })}
        </div>
    }
}

#[component]
fn LogLine(entry: LogEntry) -> impl IntoView {
    let mt = use_mt();
    let t = use_t();
    let kind = entry.content.kind();
    view! {
        <li class=format!("log-entry log-{}", entry.decision.as_str())>
            <p class="log-head">
                <span class=format!("badge decision-{}", entry.decision.as_str())>{(mt.decision)(kind, entry.decision)}</span>
                " " <a href=entry.href>{(mt.kind)(kind)}</a>
                " · " <time>{beijing_time(entry.at)}</time>
            </p>
            <p class="log-reason">{entry.reason}</p>
            <p class="hint">{(mt.by_role)((t.role)(entry.role))}</p>
        </li>
    }
}

#[component]
pub fn ModerationDeskPage() -> impl IntoView {
    let mt = use_mt();
    let desk = Resource::new(|| (), |()| get_moderation_desk());
    view! {
        <crate::components::PageHead title=mt.desk_title />
        <div class="wrap section">
            <h1>{mt.desk_title}</h1>
            <p class="lead">{mt.desk_lead}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match desk.await {
                        Ok(desk) => view! { <Desk desk /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Desk(desk: ModerationDesk) -> impl IntoView {
    let mt = use_mt();
    let lang = use_lang();
    let ModerationDesk {
        queue,
        reporters,
        authors,
        communities,
    } = desk;
    let logs: Vec<(String, String)> = communities
        .iter()
        .map(|(code, name)| (code.clone(), name.get(lang).to_owned()))
        .collect();
    let name_of = move |code: &str| {
        communities
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| n.get(lang).to_owned())
            .unwrap_or_else(|| code.to_owned())
    };
    let queue_view = if queue.is_empty() {
        view! { <p class="empty">{mt.queue_empty}</p> }.into_any()
    } else {
        let items = queue
            .into_iter()
            .map(|item| {
                let place = name_of(&item.community);
                view! { <QueueCard item place /> }
            })
            .collect_view();
        view! { <ul class="card-list">{items}</ul> }.into_any()
    };
    let staff_tables = (!reporters.is_empty() || !authors.is_empty()).then(|| {
        view! {
            <ReporterTable reporters />
            <AuthorTable authors />
        }
    });
    view! {
        <section aria-labelledby="queue-heading">
            <h2 id="queue-heading">{mt.queue_heading}</h2>
            {queue_view}
        </section>
        {staff_tables}
        {(!logs.is_empty()).then(|| view! {
            <section aria-labelledby="logs-heading">
                <h2 id="logs-heading">{mt.logs_heading}</h2>
                <ul class="link-list">
                    {logs.into_iter().map(|(code, name)| view! {
                        <li><a href=format!("/communities/{code}/moderation")>{name}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn QueueCard(item: QueueItem, place: String) -> impl IntoView {
    let mt = use_mt();
    let kind = item.content.kind();
    view! {
        <li class="card queue-card">
            <p>
                <a class="card-title" href=item.content.moderation_url()>{(mt.kind)(kind)} " #" {item.content.key().chars().take(12).collect::<String>()}</a>
            </p>
            <p class="hint">
                {(mt.reports_count)(item.reports)} " · " {(mt.mostly)((mt.reason)(item.reason))}
                " · " {place} " · " {beijing_time(item.first_at)}
            </p>
        </li>
    }
}

#[component]
fn ReporterTable(reporters: Vec<ReporterFigures>) -> impl IntoView {
    let mt = use_mt();
    let body = if reporters.is_empty() {
        view! { <p class="empty">{mt.reporters_empty}</p> }.into_any()
    } else {
        let rows = reporters
            .into_iter()
            .map(|r| {
                let unusual = r.unusual();
                view! {
                    <tr class:unusual=unusual>
                        <th scope="row">{r.name.clone()} " #" {r.account}</th>
                        <td>{r.reports}</td>
                        <td>{r.upheld}</td>
                        <td>{r.dismissed}</td>
                        <td>{unusual.then(|| view! { <span class="badge decision-hidden">{mt.unusual}</span> })}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <ScrollTable label=mt.reporters_heading.to_owned()>
                <table class="grid-table">
                    <thead>
                        <tr>
                            <th scope="col">{mt.col_person}</th>
                            <th scope="col">{mt.col_reports}</th>
                            <th scope="col">{mt.col_upheld}</th>
                            <th scope="col">{mt.col_dismissed}</th>
                            <th scope="col"><span class="visually-hidden">{mt.unusual}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollTable>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="reporters-heading">
            <h2 id="reporters-heading">{mt.reporters_heading}</h2>
            <p class="hint">{mt.reporters_lead}</p>
            {body}
        </section>
    }
}

#[component]
fn AuthorTable(authors: Vec<AuthorFigures>) -> impl IntoView {
    let mt = use_mt();
    let body = if authors.is_empty() {
        view! { <p class="empty">{mt.authors_empty}</p> }.into_any()
    } else {
        let rows = authors
            .into_iter()
            .map(|a| {
                view! {
                    <tr>
                        <th scope="row">{a.name.clone()} " #" {a.account}</th>
                        <td>{a.written}</td>
                        <td>{a.hidden}</td>
                        <td>{a.rate()} "%"</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <ScrollTable label=mt.authors_heading.to_owned()>
                <table class="grid-table">
                    <thead>
                        <tr>
                            <th scope="col">{mt.col_person}</th>
                            <th scope="col">{mt.col_written}</th>
                            <th scope="col">{mt.col_hidden}</th>
                            <th scope="col">{mt.col_rate}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollTable>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="authors-heading">
            <h2 id="authors-heading">{mt.authors_heading}</h2>
            <p class="hint">{mt.authors_lead}</p>
            {body}
        </section>
    }
}

/// The "report" link beside something people wrote.
#[component]
pub fn ReportLink(content: Content) -> impl IntoView {
    let mt = use_mt();
    // Many such links on one page: the name says which item each is for.
    let key: String = content.key().chars().take(12).collect();
    let label = format!("{} #{key}", (mt.item_title)(content.kind()));
    view! { <a class="report-link" href=content.moderation_url() rel="nofollow" aria-label=label>{mt.report_link}</a> }
}

/// In place of text a moderator hid, linking to the decision and its reason.
#[component]
pub fn Withheld(content: Content) -> impl IntoView {
    let mt = use_mt();
    view! {
        <p class="withheld">
            {mt.withheld_short} " "
            <a href=content.moderation_url()>{mt.see_why}</a>
        </p>
    }
}

/// A title quoted elsewhere (a promise, a result), or words saying it was
/// hidden: hiding a topic empties every copy of its title.
pub fn shown_title(title: &str) -> String {
    if title.is_empty() {
        use_mt().withheld_short.to_owned()
    } else {
        title.to_owned()
    }
}
