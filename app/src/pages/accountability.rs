//! `/accountability?place=…&month=YYYY-MM&rank=…`: a place's three rates
//! for a month, its year-long trend and the places one level down ranked.
//! Links and a GET form move between months, places and rankings, so the
//! page works the same without JavaScript.

use leptos::prelude::*;
use linli_model::accountability::{
    AccountabilityReport, Figures, Month, PlaceFigures, Rate, Share, child_code_len,
};

use crate::{
    api::accountability::accountability,
    components::{ErrorNotice, Loading, ScrollTable},
    i18n::{accountability::use_at, thousands, use_lang},
};

/// Places shown in each of the best and worst lists.
const PODIUM: usize = 3;
/// Months the month picker offers, back from the latest.
const PICKER_MONTHS: u32 = 24;

#[component]
pub fn AccountabilityPage() -> impl IntoView {
    let query = crate::url::query();
    let args = move || {
        query.with(|q| {
            (
                q.get("place").unwrap_or_default(),
                q.get("month").unwrap_or_default(),
            )
        })
    };
    let rank = move || {
        query.with(|q| {
            q.get("rank")
                .and_then(|r| Rate::parse(&r))
                .unwrap_or(Rate::Resolution)
        })
    };
    let report = Resource::new(args, |(place, month)| accountability(place, month));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(report) => view! { <ReportView report rank=rank() /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The page's address for a place, month and ranking.
fn href(place: &str, month: Month, rank: Rate) -> String {
    let mut href = format!("/accountability?month={month}&rank={}", rank.as_str());
    if !place.is_empty() {
        href.push_str("&place=");
        href.push_str(place);
    }
    href
}

#[component]
fn ReportView(report: AccountabilityReport, rank: Rate) -> impl IntoView {
    let at = use_at();
    let lang = use_lang();
    let name = report.place_name.get(lang).to_owned();
    let title = (at.title)(&name, report.month);
    let month = report.month;
    let place = report.place.clone();
    let previous_figures = report.trend.iter().rev().nth(1).map(|(_, f)| f.clone());
    let crumbs = report
        .parents
        .iter()
        .map(|(code, name)| {
            view! {
                <li>
                    <a href=href(code, month, rank)>{name.get(lang).to_owned()}</a>
                </li>
            }
        })
        .collect_view();
    let has_crumbs = !report.parents.is_empty();
    let previous = href(&place, month.previous(), rank);
    let next = month.next_until(report.latest).map(
        |m| view! { <a class="button button-quiet" href=href(&place, m, rank) rel="next">{at.next}" ›"</a> },
    );
    let choices = (0..PICKER_MONTHS)
        .map(|k| report.latest.back(k))
        .map(|m| {
            view! {
                <option value=m.to_string() selected=m == month>
                    {(at.month)(m)}
                </option>
            }
        })
        .collect_view();
    let cards = Rate::ALL
        .into_iter()
        .map(|rate| {
            view! {
                <RateCard
                    rate
                    share=report.figures.rate(rate)
                    before=previous_figures.as_ref().map(|f| f.rate(rate))
                />
            }
        })
        .collect_view();
    let json = format!(
        "/api/v1/accountability?place={}&month={month}",
        report.place
    );
    let csv = format!("{json}&format=csv");
    // A grid has no board of its own: its community's shows it.
    let standards = format!(
        "/standards?place={}",
        &report.place[..report.place.len().min(17)]
    );
    view! {
        <crate::components::PageHead title=title.clone() description=at.lead />
        <div class="wrap section accountability">
            {has_crumbs
                .then(|| {
                    view! {
                        <nav aria-label=at.up class="breadcrumb">
                            <ol>{crumbs}</ol>
                        </nav>
                    }
                })}
            <h1>{title}</h1>
            <p class="lead">{at.lead}</p>
            {(month == report.latest).then(|| view! { <p class="hint">{at.running}</p> })}
            <div class="month-bar">
                <a class="button button-quiet" href=previous rel="prev">"‹ "{at.previous}</a>
                <form method="get" action="/accountability" class="month-form">
                    {(!place.is_empty())
                        .then(|| view! { <input type="hidden" name="place" value=place.clone() /> })}
                    <input type="hidden" name="rank" value=rank.as_str() />
                    <label for="month-pick">{at.month_label}</label>
                    <select id="month-pick" name="month">{choices}</select>
                    <button type="submit" class="button">{at.show}</button>
                </form>
                {next}
            </div>
            <section class="rate-cards" aria-label=at.nav>{cards}</section>
            <MoreFigures figures=report.figures.clone() />
            <ByChannel rows=report.by_channel.clone() />
            <p>
                <a href=format!("/promises?place={}", report.place)>{at.promises_link}</a>
                " · "
                <a href=format!("/results?place={}", report.place)>{crate::i18n::results::use_rt().nav}</a>
            </p>
            <Trend trend=report.trend.clone() />
            <League report=report.clone() rank />
            <section class="definitions" aria-labelledby="definitions-heading">
                <h2 id="definitions-heading">{at.definitions_heading}</h2>
                <dl>
                    {at
                        .definitions
                        .iter()
                        .map(|(term, meaning)| view! { <dt>{*term}</dt><dd>{*meaning}</dd> })
                        .collect_view()}
                </dl>
            </section>
            <section aria-labelledby="download-heading">
                <h2 id="download-heading">{at.download_heading}</h2>
                <p class="export-links">
                    <a href=json>{at.download_json}</a>
                    <a href=csv>{at.download_csv}</a>
                </p>
            </section>
            <p>
                <a class="button button-quiet" href=standards>
                    {crate::i18n::standards::use_st().nav}
                </a>
            </p>
        </div>
    }
}

#[component]
fn RateCard(rate: Rate, share: Share, before: Option<Share>) -> impl IntoView {
    let at = use_at();
    let detail = match share {
        Share::Of { part, whole } => (at.of)(rate, part, whole),
        Share::TooFew => at.too_few.to_owned(),
    };
    let change = share
        .fraction()
        .zip(before.and_then(Share::fraction))
        .map(|(now, then)| {
            let points = ((now - then) * 1000.0).round() / 10.0;
            let (class, words) = if points.abs() < 0.05 {
                ("change", at.no_change.to_owned())
            } else if points > 0.0 {
                ("change up", (at.change)(points))
            } else {
                ("change down", (at.change)(points))
            };
            view! { <p class=class>{words}</p> }
        });
    view! {
        <div class=format!("rate-card rate-{}", rate.as_str())>
            <h2>{(at.rate)(rate)}</h2>
            <p class="rate-figure">{share.percent()}</p>
            <p class="rate-detail">{detail}</p>
            {change}
        </div>
    }
}

#[component]
fn MoreFigures(figures: Figures) -> impl IntoView {
    let at = use_at();
    let t = figures.tally;
    let rows = [
        (at.reported, thousands(t.reported.max(0) as u64)),
        (at.overdue_share, figures.overdue_share().percent()),
        (at.escalations, thousands(t.escalations.max(0) as u64)),
        (
            at.settled_share,
            figures.settled_in_community_share().percent(),
        ),
        (
            at.median_days,
            figures
                .median_days_to_close
                .map_or_else(|| "—".to_owned(), at.days),
        ),
        (at.kept_promises, figures.kept_promise_share().percent()),
    ];
    view! {
        <section aria-labelledby="more-heading">
            <h2 id="more-heading">{at.more_heading}</h2>
            <dl class="figure-list">
                {rows
                    .into_iter()
                    .map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> })
                    .collect_view()}
            </dl>
        </section>
    }
}

/// The three rates per channel, when matters came in more than one way.
#[component]
fn ByChannel(rows: Vec<(linli_model::channel::Channel, Figures)>) -> impl IntoView {
    let at = use_at();
    let ct = crate::i18n::channels::use_ct();
    (rows.len() > 1).then(|| {
        let columns = std::iter::once(ct.col_matters.to_owned())
            .chain(Rate::ALL.into_iter().map(|r| (at.rate)(r).to_owned()))
            .collect();
        let rows = rows
            .into_iter()
            .map(|(channel, f)| {
                let cells = std::iter::once(thousands(f.tally.reported.max(0) as u64))
                    .chain(Rate::ALL.into_iter().map(|r| f.rate(r).percent()))
                    .collect();
                (channel, cells)
            })
            .collect();
        view! {
            <section aria-labelledby="channel-rates-heading">
                <h2 id="channel-rates-heading">{ct.rates_heading}</h2>
                <p class="hint">{ct.rates_lead}</p>
                {crate::pages::assist::channel_table(ct.rates_heading, columns, rows)}
            </section>
        }
    })
}

/// Chart area in SVG units; the figures are in the table under it.
/// Narrow, so the labels stay legible when a phone shrinks it to its width.
const CHART_W: f64 = 360.0;
const CHART_H: f64 = 200.0;
const CHART_LEFT: f64 = 38.0;
const CHART_BOTTOM: f64 = 22.0;

/// The three rates month by month: lines for the eye, a table for exact
/// figures and for screen readers. Months too small to rate break a line.
#[component]
fn Trend(trend: Vec<(Month, Figures)>) -> impl IntoView {
    let at = use_at();
    let n = trend.len().max(2);
    let x = move |i: usize| CHART_LEFT + (CHART_W - CHART_LEFT - 12.0) * i as f64 / (n - 1) as f64;
    let y = |f: f64| 8.0 + (CHART_H - CHART_BOTTOM - 8.0) * (1.0 - f);
    let lines = Rate::ALL
        .into_iter()
        .map(|rate| {
            let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
            for (i, (_, figures)) in trend.iter().enumerate() {
                match figures.rate(rate).fraction() {
                    Some(f) => runs.last_mut().into_iter().for_each(|r| r.push((x(i), y(f)))),
                    None => runs.push(Vec::new()),
                }
            }
            let paths = runs
                .into_iter()
                .filter(|r| !r.is_empty())
                .map(|run| {
                    let points = run
                        .iter()
                        .map(|(px, py)| format!("{px:.1},{py:.1}"))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let dots = run
                        .iter()
                        .map(|(px, py)| view! { <circle cx=format!("{px:.1}") cy=format!("{py:.1}") r="3.5" /> })
                        .collect_view();
                    view! { <polyline points=points fill="none" />{dots} }
                })
                .collect_view();
            view! { <g class=format!("line line-{}", rate.as_str())>{paths}</g> }
        })
        .collect_view();
    let grid = [0.0, 0.5, 1.0]
        .into_iter()
        .map(|f| {
            let gy = y(f);
            view! {
                <line x1=CHART_LEFT x2=CHART_W - 12.0 y1=gy y2=gy class="grid-line" />
                <text x=CHART_LEFT - 6.0 y=gy + 4.0 text-anchor="end">{format!("{:.0}%", f * 100.0)}</text>
            }
        })
        .collect_view();
    let labels = trend
        .iter()
        .enumerate()
        .map(|(i, (m, _))| {
            view! {
                <text x=x(i) y=CHART_H - 6.0 text-anchor="middle">{m.month().to_string()}</text>
            }
        })
        .collect_view();
    let legend = Rate::ALL
        .into_iter()
        .map(|rate| {
            view! {
                <li class=format!("key key-{}", rate.as_str())>
                    <span class="swatch" aria-hidden="true"></span>
                    {(at.rate)(rate)}
                </li>
            }
        })
        .collect_view();
    let rows = trend
        .iter()
        .rev()
        .map(|(m, figures)| {
            view! {
                <tr>
                    <th scope="row">{(at.month)(*m)}</th>
                    {rate_cells(figures)}
                    <td>{thousands(figures.tally.reported.max(0) as u64)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="trend-heading" class="trend">
            <h2 id="trend-heading">{at.trend_heading}</h2>
            <ul class="legend">{legend}</ul>
            <svg
                class="trend-chart"
                viewBox=format!("0 0 {CHART_W} {CHART_H}")
                aria-hidden="true"
                focusable="false"
            >
                {grid}
                {labels}
                {lines}
            </svg>
            <ScrollTable label=at.trend_caption.to_owned()>
                <table class="grid-table">
                    <caption>{at.trend_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{at.month_column}</th>
                            {rate_headers()}
                            <th scope="col">{at.reported}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollTable>
        </section>
    }
}

/// A column heading per rate, in [`Rate::ALL`] order.
fn rate_headers() -> impl IntoView {
    let at = use_at();
    Rate::ALL
        .into_iter()
        .map(|rate| view! { <th scope="col">{(at.rate)(rate)}</th> })
        .collect_view()
}

/// A cell per rate, in [`Rate::ALL`] order.
fn rate_cells(figures: &Figures) -> impl IntoView + use<> {
    Rate::ALL
        .into_iter()
        .map(|rate| view! { <td>{figures.rate(rate).percent()}</td> })
        .collect_view()
}

/// The places one level down, best and worst first, then all of them.
#[component]
fn League(report: AccountabilityReport, rank: Rate) -> impl IntoView {
    let at = use_at();
    let lang = use_lang();
    let Some(len) = child_code_len(&report.place) else {
        return ().into_any();
    };
    let heading = (at.below_heading)(len);
    let month = report.month;
    let ranked = report.ranked(rank);
    let rated: Vec<&PlaceFigures> = ranked
        .iter()
        .copied()
        .filter(|p| p.figures.rate(rank).fraction().is_some())
        .collect();
    let podium = |places: Vec<&PlaceFigures>| {
        places
            .into_iter()
            .map(|p| {
                view! {
                    <li>
                        <a href=href(&p.code, month, rank)>{p.name.get(lang).to_owned()}</a>
                        " "
                        <strong>{p.figures.rate(rank).percent()}</strong>
                    </li>
                }
            })
            .collect_view()
    };
    let best = podium(rated.iter().copied().take(PODIUM).collect());
    let worst_count = rated.len().saturating_sub(PODIUM).min(PODIUM);
    let worst = podium(rated.iter().rev().copied().take(worst_count).collect());
    let tabs = Rate::ALL
        .into_iter()
        .map(|rate| {
            let here = rate == rank;
            view! {
                <a
                    href=format!("{}#league", href(&report.place, month, rate))
                    class:current=here
                    aria-current=here.then_some("page")
                >
                    {(at.rate)(rate)}
                </a>
            }
        })
        .collect_view();
    let rows = ranked
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let position = p
                .figures
                .rate(rank)
                .fraction()
                .map_or_else(|| "—".to_owned(), |_| (i + 1).to_string());
            view! {
                <tr>
                    <td>{position}</td>
                    <th scope="row">
                        <a href=href(&p.code, month, rank)>{p.name.get(lang).to_owned()}</a>
                    </th>
                    {rate_cells(&p.figures)}
                    <td>{p.figures.overdue_share().percent()}</td>
                    <td>{thousands(p.figures.tally.reported.max(0) as u64)}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = report.below.is_empty();
    view! {
        <section id="league" aria-labelledby="league-heading" class="league">
            <h2 id="league-heading">{heading}</h2>
            {if empty {
                view! { <p class="empty">{at.no_places}</p> }.into_any()
            } else {
                view! {
                    <nav class="list-tabs" aria-label=at.rank_by>{tabs}</nav>
                    <div class="podiums">
                        <div class="podium best">
                            <h3>{at.best}</h3>
                            <ol>{best}</ol>
                        </div>
                        {(worst_count > 0)
                            .then(|| {
                                view! {
                                    <div class="podium worst">
                                        <h3>{at.worst}</h3>
                                        <ol>{worst}</ol>
                                    </div>
                                }
                            })}
                    </div>
                    <ScrollTable label=heading.to_owned()>
                        <table class="grid-table league-table">
                            <caption>{heading}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{at.rank_column}</th>
                                    <th scope="col">{at.place_column}</th>
                                    {rate_headers()}
                                    <th scope="col">{at.overdue_share}</th>
                                    <th scope="col">{at.reported}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </ScrollTable>
                }
                    .into_any()
            }}
        </section>
    }
    .into_any()
}
