use leptos::prelude::*;
use linli_model::tree::CityOverview;

use crate::{
    api::{
        home::{FrontPage, front_door},
        tree::get_city_overview,
    },
    components::{BarChart, ErrorNotice, Loading},
    i18n::{Catalogue, home::use_ht, thousands, use_lang, use_t},
    pages::{deliberations::DeliberationCard, matters::MatterCard, projects::ProjectCard},
};

/// The resident's front door: the four things people come to do, as large
/// buttons; what a signed-in resident follows; the city's figures below.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_t();
    let ht = use_ht();
    let front = Resource::new(|| (), |_| front_door());
    let overview = Resource::new(|| (), |_| get_city_overview());
    view! {
        <crate::components::PageHead title="" />
        <section class="hero">
            <div class="wrap">
                <h1>{ht.title}</h1>
                <p class="lead">{ht.lead}</p>
            </div>
        </section>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match front.await {
                    Ok(front) => view! { <FrontDoorView front /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
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

/// One large task button: a plain link, so it works without JavaScript.
fn task(
    href: String,
    kind: &'static str,
    title: &'static str,
    hint: &'static str,
) -> impl IntoView {
    view! {
        <li>
            <a class=format!("task task-{kind}") href=href>
                <span class="task-title">{title}</span>
                <span class="task-hint">{hint}</span>
            </a>
        </li>
    }
}

/// Cards for `items`, or a plain sentence when there are none.
fn listed<T>(items: Vec<T>, empty: &'static str, card: impl Fn(T) -> AnyView) -> AnyView {
    if items.is_empty() {
        view! { <p class="empty">{empty}</p> }.into_any()
    } else {
        view! { <ul class="matter-list">{items.into_iter().map(card).collect_view()}</ul> }
            .into_any()
    }
}

#[component]
fn FrontDoorView(front: FrontPage) -> impl IntoView {
    let t = use_t();
    let ht = use_ht();
    let lang = use_lang();
    let code = front.community.as_ref().map(|(code, _)| code.to_string());
    let report = match &code {
        Some(code) => format!("/communities/{code}/report"),
        None => "/communities".to_owned(),
    };
    let follow = if front.signed_in {
        "/inbox".to_owned()
    } else {
        crate::url::sign_in_from("/inbox")
    };
    let consult = match &code {
        Some(code) => format!("/deliberations?place={code}"),
        None => "/deliberations".to_owned(),
    };
    let duties = match &code {
        Some(code) => format!("/communities/{code}/items"),
        None => "/responsibilities".to_owned(),
    };
    let tasks = view! {
        <nav class="wrap tasks" aria-label=ht.tasks_label>
            <ul class="task-grid">
                {task(report, "report", ht.report, ht.report_hint)}
                {task(follow, "follow", ht.follow, ht.follow_hint)}
                {task(consult, "consult", ht.consult, ht.consult_hint)}
                {task(duties, "duties", ht.duties, ht.duties_hint)}
            </ul>
        </nav>
    };
    if !front.signed_in {
        return view! {
            {tasks}
            <p class="wrap sign-in-lead">
                {ht.sign_in_lead} " "
                <a class="button" href=crate::url::sign_in_from("/")>{t.nav_sign_in}</a>
                " "
                <a class="button button-quiet" href="/sign-up">{ht.sign_up}</a>
            </p>
        }
        .into_any();
    }
    let community = match front.community {
        Some((code, name)) => view! {
            <p>
                <a class="community-name" href=format!("/communities/{code}")>{name.get(lang).to_owned()}</a>
            </p>
        }
        .into_any(),
        None => view! {
            <p class="empty">{ht.no_community}</p>
            <p><a class="button" href="/communities">{ht.find_community}</a></p>
        }
        .into_any(),
    };
    let matters = listed(front.matters, ht.no_matters, |matter| {
        view! { <MatterCard matter /> }.into_any()
    });
    let consultations = listed(front.consultations, ht.no_consultations, |item| {
        view! { <DeliberationCard item /> }.into_any()
    });
    let calls = listed(front.calls, ht.no_calls, |item| {
        view! { <ProjectCard item /> }.into_any()
    });
    view! {
        {tasks}
        <div class="wrap front-panels">
            <section class="panel" aria-labelledby="my-community-heading">
                <h2 id="my-community-heading">{ht.your_community}</h2>
                {community}
            </section>
            <section class="panel" aria-labelledby="my-matters-heading">
                <h2 id="my-matters-heading">{ht.your_matters}</h2>
                {matters}
                <p><a href="/inbox">{ht.all_your_matters}</a></p>
            </section>
            <section class="panel" aria-labelledby="my-consultations-heading">
                <h2 id="my-consultations-heading">{ht.open_consultations}</h2>
                {consultations}
                <p><a href="/deliberations/calendar">{ht.all_consultations}</a></p>
            </section>
            <section class="panel" aria-labelledby="open-calls-heading">
                <h2 id="open-calls-heading">{ht.open_calls}</h2>
                {calls}
                <p><a href="/projects?status=call_open">{ht.all_calls}</a></p>
            </section>
        </div>
    }
    .into_any()
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
            <h2 id="stats-heading">{format!("{} · {}", city.name.get(lang), use_ht().city_heading)}</h2>
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
