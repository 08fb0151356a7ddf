use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use linli_model::tree::{CommunityDetail, GridSummary};

use crate::{
    api::tree::get_community,
    components::{ErrorNotice, Loading, ScrollTable},
    i18n::{thousands, use_lang, use_t},
};

#[component]
pub fn CommunityPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let community = Resource::new(code, get_community);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match community.await {
                    Ok(detail) => view! { <CommunityView detail /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Whether a grid matches what was typed into the filter: its number, code
/// or name in either language.
fn grid_matches(grid: &GridSummary, needle: &str) -> bool {
    let needle = needle.trim().to_lowercase();
    needle.is_empty()
        || grid.code.as_str().contains(&needle)
        || grid.code.number().to_string() == needle
        || grid.name.zh.contains(&needle)
        || grid.name.en.to_lowercase().contains(&needle)
}

#[component]
fn CommunityView(detail: CommunityDetail) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    let query = crate::url::query();
    let s = &detail.summary;
    let kind = s.code.community_type();
    let name = s.name.get(lang).to_owned();
    // The filter narrows the list as one types once the page is hydrated;
    // before that (or without JavaScript) the form submits it as ?grid=.
    let filter = RwSignal::new(query.with_untracked(|q| q.get("grid").unwrap_or_default()));
    let grids = StoredValue::new(detail.grids.clone());
    let total = detail.grids.len();
    let shown = move || {
        grids.with_value(|g| filter.with(|f| g.iter().filter(|g| grid_matches(g, f)).count()))
    };
    let rows = move || {
        let needle = filter.get();
        grids.with_value(|all| {
            all.iter()
                .filter(|g| grid_matches(g, &needle))
                .map(|g| {
                    view! {
                        <tr>
                            <th scope="row">{g.name.get(lang).to_owned()}</th>
                            <td>{(t.grid_kind)(g.kind)}</td>
                            <td class="num">{thousands(g.households.into())}</td>
                            <td class="num">{g.micro_grid_count}</td>
                            <td class="code">{g.code.to_string()}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <Title text=name.clone() />
        <div class="wrap section">
            <nav class="breadcrumb" aria-label=t.breadcrumb_label>
                <ol>
                    <li>
                        <a href=format!("/communities?district={}", s.code.district())>
                            {s.district.get(lang).to_owned()}
                        </a>
                    </li>
                    <li>
                        <a href=format!(
                            "/communities?district={}&street={}",
                            s.code.district(),
                            s.code.street(),
                        )>{s.street.get(lang).to_owned()}</a>
                    </li>
                    <li aria-current="page">{name.clone()}</li>
                </ol>
            </nav>
            <h1>{name}</h1>
            <p class="button-row">
                <a class="button" href=format!("/communities/{}/report", s.code)>
                    {t.report_here}
                </a>
                <a class="button button-quiet" href=format!("/matters?place={}", s.code)>
                    {t.matters_here}
                </a>
                <a class="button button-quiet" href=format!("/matters/stats?place={}", s.code)>
                    {t.stats_here}
                </a>
                <a class="button button-quiet" href=format!("/communities/{}/items", s.code)>
                    {crate::i18n::items::use_it().link}
                </a>
                <a class="button button-quiet" href=format!("/communities/{}/settings", s.code)>
                    {t.settings_link}
                </a>
                <a class="button button-quiet" href=format!("/communities/{}/join", s.code)>
                    {t.join_link}
                </a>
            </p>
            <dl class="facts">
                <div>
                    <dt>{t.code_label}</dt>
                    <dd class="code">{s.code.to_string()}</dd>
                </div>
                <div>
                    <dt>{t.type_label}</dt>
                    <dd>{format!("{} · {}", (t.major_type)(kind.major()), (t.community_type)(kind))}</dd>
                </div>
                <div>
                    <dt>{t.size_label}</dt>
                    <dd>{(t.size_class)(s.code.size_class())}</dd>
                </div>
                <div>
                    <dt>{t.households_label}</dt>
                    <dd>{thousands(s.households.into())}</dd>
                </div>
                <div>
                    <dt>{t.population_label}</dt>
                    <dd>{thousands(detail.population.into())}</dd>
                </div>
                <div>
                    <dt>{t.grids_label}</dt>
                    <dd>{format!("{} · {} {}", s.grid_count, detail.micro_grid_count, t.micro_grids_label)}</dd>
                </div>
            </dl>
        </div>
        <section class="wrap section" aria-labelledby="grids-heading">
            <h2 id="grids-heading">{t.grids_heading}</h2>
            <form class="filter-form" method="get" on:submit=|ev| ev.prevent_default()>
                <label for="grid-filter">{t.grid_filter_label}</label>
                <div class="filter-row">
                    <input
                        id="grid-filter"
                        name="grid"
                        type="search"
                        autocomplete="off"
                        prop:value=move || filter.get()
                        value=filter.get_untracked()
                        on:input=move |ev| filter.set(event_target_value(&ev))
                    />
                    <button type="submit" class="button">
                        {t.grid_filter_button}
                    </button>
                </div>
                <p class="hint" id="grid-count" aria-live="polite">
                    {move || (t.grid_filter_count)(shown(), total)}
                </p>
            </form>
            <ScrollTable label=t.grids_heading.to_owned()>
                <table class="grid-table">
                    <thead>
                        <tr>
                            <th scope="col">{t.grids_heading}</th>
                            <th scope="col">{t.grid_kind_label}</th>
                            <th scope="col" class="num">{t.households_label}</th>
                            <th scope="col" class="num">{t.micro_grids_label}</th>
                            <th scope="col">{t.grid_code_label}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollTable>
            <Show when=move || shown() == 0>
                <p class="empty">{t.no_grids_match}</p>
            </Show>
        </section>
    }
}
