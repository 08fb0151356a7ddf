//! `/standards?place=…`: the governance standards board. Each kind of
//! shortfall is a section with its rule, its count and the places, each
//! linking to the record to fix; everything is plain links.

use leptos::prelude::*;
use linli_model::standards::{Board, Flag, FlagKind};

use crate::{
    api::standards::standards_board,
    components::{ErrorNotice, Loading, ScrollTable},
    i18n::{standards::use_st, use_lang},
};

#[component]
pub fn StandardsPage() -> impl IntoView {
    let query = crate::url::query();
    let place = move || query.with(|q| q.get("place").unwrap_or_default());
    let board = Resource::new(place, standards_board);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(board) => view! { <BoardView board /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn href(place: &str) -> String {
    if place.is_empty() {
        "/standards".to_owned()
    } else {
        format!("/standards?place={place}")
    }
}

#[component]
fn BoardView(board: Board) -> impl IntoView {
    let st = use_st();
    let lang = use_lang();
    let title = (st.title)(board.place_name.get(lang));
    let crumbs = board
        .parents
        .iter()
        .map(|(code, name)| view! { <li><a href=href(code)>{name.get(lang).to_owned()}</a></li> })
        .collect_view();
    let has_crumbs = !board.parents.is_empty();
    let total: u32 = board.counts.iter().map(|(_, n)| n).sum();
    let summary = board
        .counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| {
            view! {
                <li>
                    <a href=format!("#{}", kind.as_str())>{(st.heading)(*kind)}</a>
                    " "
                    <strong>{n.to_string()}</strong>
                </li>
            }
        })
        .collect_view();
    let sections = board
        .counts
        .iter()
        .map(|(kind, n)| {
            let flags: Vec<Flag> = board
                .flags
                .iter()
                .filter(|f| f.kind == *kind)
                .cloned()
                .collect();
            view! { <FlagSection kind=*kind count=*n flags /> }
        })
        .collect_view();
    let csv = format!("/api/v1/standards?place={}&format=csv", board.place);
    let rates = format!("/accountability?place={}", board.place);
    view! {
        <crate::components::PageHead title=title.clone() description=st.lead />
        <div class="wrap section standards">
            {has_crumbs.then(|| view! { <nav aria-label=st.up class="breadcrumb"><ol>{crumbs}</ol></nav> })}
            <h1>{title}</h1>
            <p class="lead">{st.lead}</p>
            <p class="hint">
                {(st.checked)(board.communities, board.grids, board.micro_grids)}
                " "
                {(st.quota)(board.staff_per_10k)}
            </p>
            {if total == 0 {
                view! { <p class="notice notice-ok">{st.all_clear}</p> }.into_any()
            } else {
                view! { <ul class="flag-summary">{summary}</ul> }.into_any()
            }}
            {sections}
            <p class="export-links"><a href=csv>{st.download}</a></p>
            <p>
                <a class="button button-quiet" href=rates>
                    {crate::i18n::accountability::use_at().nav}
                </a>
            </p>
        </div>
    }
}

#[component]
fn FlagSection(kind: FlagKind, count: u32, flags: Vec<Flag>) -> impl IntoView {
    let st = use_st();
    let lang = use_lang();
    let id = kind.as_str();
    let heading_id = format!("{id}-heading");
    let labelled = heading_id.clone();
    let shown = u32::try_from(flags.len()).unwrap_or(u32::MAX);
    // A community's own flags need no "community" column.
    let units = matches!(
        kind,
        FlagKind::GridWithoutWorker
            | FlagKind::GridSize
            | FlagKind::MicroGridSize
            | FlagKind::ResultLate
    );
    let rows = flags
        .into_iter()
        .map(|f| {
            view! {
                <tr>
                    <th scope="row">{f.name.get(lang).to_owned()}</th>
                    {units.then(|| view! { <td>{f.community.get(lang).to_owned()}</td> })}
                    <td>{(st.measured)(f.kind, f.measured, f.expected)}</td>
                    <td><a href=f.href>{st.fix}</a></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section id=id class="flag-section" aria-labelledby=labelled>
            <h2 id=heading_id>{(st.heading)(kind)}" "<span class="count">{count.to_string()}</span></h2>
            <p class="hint">{(st.rule)(kind)}</p>
            {if count == 0 {
                view! { <p class="empty">{st.none}</p> }.into_any()
            } else {
                view! {
                    <ScrollTable label=(st.heading)(kind).to_owned()>
                        <table class="grid-table">
                            <thead>
                                <tr>
                                    <th scope="col">{st.name_column}</th>
                                    {units.then(|| view! { <th scope="col">{st.community_column}</th> })}
                                    <th scope="col">{st.measured_column}</th>
                                    <th scope="col">{st.action_column}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </ScrollTable>
                    {(count > shown).then(|| view! { <p class="hint">{(st.more)(count - shown)}</p> })}
                }
                    .into_any()
            }}
        </section>
    }
}
