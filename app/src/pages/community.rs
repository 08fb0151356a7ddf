use leptos::prelude::*;
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

fn find_grid(grid: &GridSummary) -> String {
    crate::islands::find_text(grid.code.as_str(), &grid.name.zh, &grid.name.en)
}

#[component]
fn CommunityView(detail: CommunityDetail) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    let query = crate::url::query();
    let s = &detail.summary;
    let kind = s.code.community_type();
    let name = s.name.get(lang).to_owned();
    // Without JavaScript the form submits the filter as ?grid= and the
    // rows that do not match come hidden; the island hides them as one types.
    let needle = query.with_untracked(|q| q.get("grid").unwrap_or_default());
    let total = detail.grids.len();
    let matching = |g: &GridSummary| {
        crate::islands::grid_matches(&find_grid(g), g.code.number().into(), &needle)
    };
    let shown = detail.grids.iter().filter(|g| matching(g)).count();
    let counts: Vec<String> = (0..=total)
        .map(|n| (t.grid_filter_count)(n, total))
        .collect();
    let rows = detail
        .grids
        .iter()
        .map(|g| {
            view! {
                <tr data-find=find_grid(g) data-number=g.code.number().to_string() hidden=!matching(g)>
                    <th scope="row">{g.name.get(lang).to_owned()}</th>
                    <td>{(t.grid_kind)(g.kind)}</td>
                    <td class="num">{thousands(g.households.into())}</td>
                    <td class="num">{g.micro_grid_count}</td>
                    <td class="code">{g.code.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <crate::components::PageHead title=name.clone() />
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
                <a class="button button-quiet" href=format!("/accountability?place={}", s.code)>
                    {crate::i18n::accountability::use_at().nav}
                </a>
                <a class="button button-quiet" href=format!("/communities/{}/items", s.code)>
                    {crate::i18n::items::use_it().link}
                </a>
                <a class="button button-quiet" href=format!("/communities/{}/moderation", s.code)>
                    {crate::i18n::moderation::use_mt().log_link}
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
            <form class="filter-form" method="get">
                <label for="grid-filter">{t.grid_filter_label}</label>
                <crate::islands::GridFilter
                    value=needle.clone()
                    button=t.grid_filter_button.to_owned()
                    counts
                    shown
                    rows="grid-rows".to_owned()
                    empty="no-grids".to_owned()
                />
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
                    <tbody id="grid-rows">{rows}</tbody>
                </table>
            </ScrollTable>
            <p class="empty" id="no-grids" hidden=shown != 0>
                {t.no_grids_match}
            </p>
        </section>
    }
}
