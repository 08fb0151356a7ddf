//! `/matters/stats?place=…`: how an area is doing, as figures and charts
//! that read without JavaScript (see `BarChart`).

use leptos::prelude::*;
use linli_model::matter::MatterStats;

use crate::{
    api::matters::matter_stats,
    components::{BarChart, ErrorNotice, Loading, PlaceLabel},
    i18n::use_t,
};

#[component]
pub fn StatsPage() -> impl IntoView {
    let t = use_t();
    let query = crate::url::query();
    let place = move || query.with(|q| q.get("place").unwrap_or_default());
    let stats = Resource::new(place, matter_stats);
    view! {
        <crate::components::PageHead title=t.stats_title />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match stats.await {
                    Ok(stats) => view! { <StatsView stats /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_owned(), |s| format!("{:.0}%", s * 100.0))
}

#[component]
fn StatsView(stats: MatterStats) -> impl IntoView {
    let t = use_t();
    let by_state = stats
        .by_state
        .iter()
        .map(|(s, n)| ((t.matter_state)(*s).to_owned(), *n))
        .collect();
    // A severity with nothing closed yet has no median: it is left out
    // rather than drawn as zero hours.
    let hours: Vec<(String, u32)> = stats
        .median_hours_to_close
        .iter()
        .filter_map(|(s, h)| h.map(|h| ((t.severity)(*s).to_owned(), h)))
        .collect();
    let has_hours = !hours.is_empty();
    let ratings: Vec<(String, u32)> = stats
        .ratings
        .iter()
        .enumerate()
        .map(|(i, n)| (format!("{}★", i + 1), *n))
        .collect();
    let mean = stats
        .mean_rating
        .map_or_else(|| "—".to_owned(), |m| format!("{m:.1} / 5"));
    view! {
        <div class="wrap section">
            <h1>{t.stats_title}</h1>
            <p class="lead">
                {t.stats_lead} " " <PlaceLabel code=stats.place.clone() name=stats.place_name.clone() /> " · "
                <a href=format!("/matters?place={}", stats.place)>{t.matters_title}</a>
            </p>
            <dl class="stats">
                <div class="stat"><dt class="stat-label">{t.stat_open}</dt><dd class="stat-value">{stats.open}</dd></div>
                <div class="stat"><dt class="stat-label">{t.stat_closed}</dt><dd class="stat-value">{stats.closed}</dd></div>
                <div class="stat"><dt class="stat-label">{t.stat_overdue_share}</dt><dd class="stat-value">{percent(stats.overdue_share)}</dd></div>
                <div class="stat"><dt class="stat-label">{t.stat_settled_share}</dt><dd class="stat-value">{percent(stats.settled_in_community_share)}</dd></div>
                <div class="stat"><dt class="stat-label">{t.stat_mean_rating}</dt><dd class="stat-value">{mean}</dd></div>
            </dl>
            <div class="charts">
                <BarChart id="chart-states" title=t.chart_by_state bars=by_state />
                {has_hours.then(|| view! { <BarChart id="chart-hours" title=t.chart_median_hours bars=hours /> })}
                {(!stats.ratings.is_empty()).then(|| view! { <BarChart id="chart-ratings" title=t.chart_ratings bars=ratings /> })}
            </div>
            <p class="hint">{t.stats_floor_note}</p>
            <ByChannel rows=stats.by_channel />
        </div>
    }
}

/// How matters came in: online, at the counter, by phone, with how many
/// of each are resolved and how they were rated.
#[component]
fn ByChannel(rows: Vec<linli_model::channel::ChannelRow>) -> impl IntoView {
    let ct = crate::i18n::channels::use_ct();
    let bars: Vec<(String, u32)> = rows
        .iter()
        .map(|r| {
            (
                (ct.short)(r.channel).to_owned(),
                u32::try_from(r.count).unwrap_or(0),
            )
        })
        .collect();
    let table = rows
        .into_iter()
        .map(|r| {
            let done = r
                .done_percent()
                .map_or_else(|| "—".to_owned(), |p| format!("{p}%"));
            let rating = r
                .mean_rating()
                .map_or_else(|| "—".to_owned(), |m| format!("{m:.1} / 5"));
            (r.channel, vec![r.count.to_string(), done, rating])
        })
        .collect();
    view! {
        <section class="section" aria-labelledby="by-channel">
            <h2 id="by-channel">{ct.matters_heading}</h2>
            <p class="hint">{ct.matters_lead}</p>
            <div class="charts">
                <BarChart id="chart-channels" title=ct.matters_heading bars />
            </div>
            {crate::pages::assist::channel_table(
                ct.matters_heading,
                [ct.col_matters, ct.col_done, ct.col_rating].map(str::to_owned).to_vec(),
                table,
            )}
        </section>
    }
}
