use leptos::prelude::*;
use leptos_meta::Title;
use linli_model::tree::CityOverview;

use crate::{
    api::tree::get_city_overview,
    components::{BarChart, ErrorNotice, Loading},
    i18n::{Catalogue, thousands, use_lang, use_t},
};

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_t();
    let overview = Resource::new(|| (), |_| get_city_overview());
    view! {
        <Title text="" />
        <section class="hero">
            <div class="wrap">
                <h1>{t.home_title}</h1>
                <p class="lead">{t.home_lead}</p>
                <p>
                    <a class="button button-large" href="/communities">
                        {t.home_browse}
                    </a>
                </p>
            </div>
        </section>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(Some(city)) => view! { <CityAtAGlance city /> }.into_any(),
                    Ok(None) => {
                        view! {
                            <p class="wrap empty">{t.home_empty}</p>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn stat(value: u64, label: &'static str) -> impl IntoView {
    view! {
        <div class="stat">
            <dt class="stat-label">{label}</dt>
            <dd class="stat-value">{thousands(value)}</dd>
        </div>
    }
}

#[component]
fn CityAtAGlance(city: CityOverview) -> impl IntoView {
    let t: &'static Catalogue = use_t();
    let lang = use_lang();
    let by_type = city
        .by_type
        .iter()
        .map(|(kind, n)| ((t.community_type)(*kind).to_owned(), *n))
        .collect();
    let by_size = city
        .by_size
        .iter()
        .map(|(size, n)| ((t.size_class)(*size).to_owned(), *n))
        .collect();
    let districts = city
        .districts
        .iter()
        .map(|d| {
            view! {
                <li>
                    <a class="card card-link" href=format!("/communities?district={}", d.code)>
                        <span class="card-title">{d.name.get(lang).to_owned()}</span>
                        <span class="card-meta">
                            {(t.district_line)(d.street_count, d.community_count)}
                        </span>
                        <span class="card-meta">{(t.households)(d.households)}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="wrap section" aria-labelledby="stats-heading">
            <h2 id="stats-heading">{format!("{} · {}", city.name.get(lang), t.stats_heading)}</h2>
            <dl class="stats">
                {stat(city.districts.len() as u64, t.stat_districts)}
                {stat(city.street_count.into(), t.stat_streets)}
                {stat(city.community_count.into(), t.stat_communities)}
                {stat(city.grid_count.into(), t.stat_grids)}
                {stat(city.micro_grid_count.into(), t.stat_micro_grids)}
                {stat(city.households, t.stat_households)}
            </dl>
            <div class="charts">
                <BarChart id="chart-type" title=t.chart_by_type bars=by_type />
                <BarChart id="chart-size" title=t.chart_by_size bars=by_size />
            </div>
        </section>
        <section class="wrap section" aria-labelledby="districts-heading">
            <h2 id="districts-heading">{t.districts_heading}</h2>
            <ul class="cards">{districts}</ul>
        </section>
    }
}
