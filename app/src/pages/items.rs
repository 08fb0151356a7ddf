//! `/communities/:code/items`: the community's item list, and answers to
//! "where do I go for …?" from it. A plain GET form, so it works before
//! the page is hydrated and without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use linli_model::item::{CommunityItems, ItemKind, ListItem};

use crate::{
    api::items::get_community_items,
    components::{ErrorNotice, Loading},
    i18n::{items::use_it, use_lang, use_t},
};

#[component]
pub fn ItemsPage() -> impl IntoView {
    let params = use_params_map();
    let query = crate::url::query();
    let args = move || {
        (
            params.with(|p| p.get("code").unwrap_or_default()),
            query.with(|q| q.get("q").filter(|q| !q.trim().is_empty())),
        )
    };
    let data = Resource::new(args, |(code, q)| get_community_items(code, q));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <ItemsView list /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn anchor(kind: ItemKind) -> String {
    format!("items-{}", kind.as_str().replace('_', "-"))
}

#[component]
fn ItemCard(item: ListItem) -> impl IntoView {
    let it = use_it();
    let lang = use_lang();
    let class = if item.kind.is_positive() {
        "item-card"
    } else {
        "item-card item-negative"
    };
    view! {
        <li class=class>
            <p class="item-title">
                {item.title.get(lang).to_owned()} " "
                <span class="hint item-number">{(it.number)(item.id)}</span>
            </p>
            <p class="item-detail">
                <span class="item-detail-label">{(it.detail_label)(item.kind)}</span>
                {item.detail.get(lang).to_owned()}
            </p>
        </li>
    }
}

#[component]
fn ItemsView(list: CommunityItems) -> impl IntoView {
    let t = use_t();
    let it = use_it();
    let lang = use_lang();
    let community = &list.community;
    let name = community.name.get(lang).to_owned();
    let code = community.code.to_string();
    let searching = list.query.clone();
    let body = match &searching {
        Some(q) => {
            let found = list.items.len();
            let answers = list
                .items
                .iter()
                .cloned()
                .map(|item| {
                    let kind = (it.kind_heading)(item.kind);
                    view! {
                        <div class="item-answer">
                            <p class="item-kind-tag">{kind}</p>
                            <ul class="item-list">
                                <ItemCard item />
                            </ul>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <section class="section" aria-labelledby="answers-heading">
                    <h2 id="answers-heading">{(it.answers)(found, q)}</h2>
                    {if found == 0 {
                        view! {
                            <div class="empty">
                                <p>{it.no_answer}</p>
                                <p class="hint">{it.no_answer_hint}</p>
                            </div>
                        }
                            .into_any()
                    } else {
                        answers.into_any()
                    }}
                    <p class="item-more">
                        <a href=format!("/communities/{code}/items")>{it.show_all}</a>
                    </p>
                </section>
            }
            .into_any()
        }
        None if list.items.is_empty() => view! { <p class="empty">{it.empty}</p> }.into_any(),
        None => {
            let contents = ItemKind::ALL
                .iter()
                .zip(list.totals)
                .map(|(kind, n)| {
                    view! {
                        <li>
                            <a href=format!("#{}", anchor(*kind))>
                                {(it.kind_heading)(*kind)}
                            </a>
                            " "
                            <span class="hint">{(it.count)(n)}</span>
                        </li>
                    }
                })
                .collect_view();
            let parts = ItemKind::ALL
                .iter()
                .map(|kind| {
                    let id = anchor(*kind);
                    let labelled_by = id.clone();
                    let items = list
                        .items
                        .iter()
                        .filter(|i| i.kind == *kind)
                        .cloned()
                        .map(|item| view! { <ItemCard item /> })
                        .collect_view();
                    view! {
                        <section class="section item-part" aria-labelledby=labelled_by>
                            <h2 id=id>{(it.kind_heading)(*kind)}</h2>
                            <p class="hint">{(it.kind_explained)(*kind)}</p>
                            <ul class="item-list">{items}</ul>
                        </section>
                    }
                })
                .collect_view();
            view! {
                <nav class="item-contents" aria-label=it.contents>
                    <ul>{contents}</ul>
                </nav>
                {parts}
            }
            .into_any()
        }
    };
    view! {
        <crate::components::PageHead title=(it.title)(&name) />
        <div class="wrap section">
            <nav class="breadcrumb" aria-label=t.breadcrumb_label>
                <ol>
                    <li>
                        <a href="/communities">{t.nav_directory}</a>
                    </li>
                    <li>
                        <a href=format!("/communities/{code}")>{name.clone()}</a>
                    </li>
                    <li aria-current="page">{it.link}</li>
                </ol>
            </nav>
            <h1>{(it.title)(&name)}</h1>
            <p class="lead">{it.lead}</p>
            <p>
                <a href=format!("/communities/{code}/items/history")>
                    {crate::i18n::admission::use_at().history_link}
                </a>
            </p>
            <form class="filter-form item-search" method="get" role="search">
                <label for="item-q">{it.search_label}</label>
                <div class="filter-row">
                    <input
                        id="item-q"
                        name="q"
                        type="search"
                        maxlength="100"
                        autocomplete="off"
                        aria-describedby="item-q-hint"
                        value=searching.clone().unwrap_or_default()
                    />
                    <button type="submit" class="button">
                        {it.search_button}
                    </button>
                </div>
                <p class="hint" id="item-q-hint">
                    {it.search_hint}
                </p>
            </form>
            {body}
        </div>
    }
}
