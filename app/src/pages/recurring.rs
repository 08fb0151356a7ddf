//! `/recurring/{community}?month=`: a community's clusters of similar
//! matters in a month, each with the council's one action: propose it as a
//! topic of a deliberation collecting topics (a plain form).

use leptos::prelude::*;
use linli_model::recurring::{Cluster, RecurringPage};

use crate::{
    api::results::recurring_of,
    components::{ErrorNotice, Loading},
    i18n::{beijing_time, results::use_rt, use_lang},
    pages::account::FormMessages,
};

#[component]
pub fn RecurringMattersPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let query = crate::url::query();
    let args = move || {
        (
            params.with(|p| p.get("community").unwrap_or_default()),
            query.with(|q| q.get("month").unwrap_or_default()),
        )
    };
    let page = Resource::new(args, |(community, month)| recurring_of(community, month));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <RecurringView page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RecurringView(page: RecurringPage) -> impl IntoView {
    let rt = use_rt();
    let lang = use_lang();
    let title = (rt.recurring_title)(page.community_name.get(lang));
    let base = format!("/recurring/{}", page.community);
    let earlier = format!("{base}?month={}", page.previous);
    let later = page.next.as_ref().map(|m| format!("{base}?month={m}"));
    let clusters = if page.clusters.is_empty() {
        view! { <p class="empty">{rt.no_clusters}</p> }.into_any()
    } else {
        let collecting = page.collecting.clone();
        let may = page.may_propose;
        page.clusters
            .into_iter()
            .enumerate()
            .map(|(i, cluster)| {
                view! { <ClusterCard n=i cluster collecting=collecting.clone() may /> }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <crate::components::PageHead title=title.clone() description=rt.recurring_lead />
        <div class="wrap section">
            <h1>{title}</h1>
            <p class="lead">{rt.recurring_lead}</p>
            <FormMessages />
            <h2>{(rt.month_heading)(&page.month)}</h2>
            <nav class="pager" aria-label=rt.pages>
                <a class="button button-quiet" rel="prev" href=earlier>{rt.earlier}</a>
                {later.map(|href| view! { <a class="button button-quiet" rel="next" href=href>{rt.later}</a> })}
            </nav>
            {clusters}
        </div>
    }
}

#[component]
fn ClusterCard(
    n: usize,
    cluster: Cluster,
    collecting: Vec<(i64, String)>,
    may: bool,
) -> impl IntoView {
    let rt = use_rt();
    let lang = use_lang();
    let heading_id = format!("cluster-{n}");
    let labelled = heading_id.clone();
    let heading = (rt.cluster_heading)(
        cluster.category.get(lang),
        cluster.grid_name.get(lang),
        cluster.matters.len(),
    );
    let ids = cluster
        .matters
        .iter()
        .map(|m| m.id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let matters = cluster
        .matters
        .iter()
        .map(|m| {
            view! {
                <li>
                    <a href=format!("/matters/{}", m.id)>"#" {m.id} " " {m.title.clone()}</a>
                    <span class="hint">" · " {beijing_time(m.created_at)} " · " {(rt.supporters)(m.supporters)}</span>
                </li>
            }
        })
        .collect_view();
    let action = match (cluster.topic, may, collecting.is_empty()) {
        (Some((deliberation, topic, title)), ..) => view! {
            <p>{rt.proposed_as} <a href=format!("/deliberations/{deliberation}#topics-{topic}")>"#" {topic} " " {title}</a></p>
        }
        .into_any(),
        (None, true, false) => {
            let select_id = format!("deliberation-{n}");
            let options = collecting
                .into_iter()
                .map(|(id, title)| view! { <option value=id.to_string()>{title}</option> })
                .collect_view();
            view! {
                <form class="stack-form" method="post" action="/recurring/propose">
                    <input type="hidden" name="matters" value=ids />
                    <div class="field">
                        <label for=select_id.clone()>{rt.propose_in}</label>
                        <select id=select_id name="deliberation">{options}</select>
                    </div>
                    <button type="submit" class="button">{rt.propose_button}</button>
                </form>
            }
            .into_any()
        }
        (None, true, true) => view! { <p class="hint">{rt.no_collecting}</p> }.into_any(),
        (None, false, _) => ().into_any(),
    };
    view! {
        <section class="panel cluster" aria-labelledby=labelled>
            <h3 id=heading_id>{heading}</h3>
            <ul class="cluster-matters">{matters}</ul>
            {action}
        </section>
    }
}
