//! The four lists (四项清单): needs, resources and responsibilities here;
//! projects have their own pages and share the tabs. Each list filters
//! through a plain GET form, pages by keyset and offers its page as CSV
//! and JSON from `/api/v1`.

mod forms;
mod needs;
mod resources;
mod responsibilities;

pub use forms::{NewNeedPage, NewResourcePage, NewResponsibilityPage};
pub use needs::{NeedPage, NeedsFromHere, NeedsPage};
pub use resources::{ResourcePage, ResourcesPage};
pub use responsibilities::ResponsibilitiesPage;

use leptos::prelude::*;
use linli_model::LocalName;

use crate::{
    AppError,
    api::lists::{ListQuery, Listing, Previous},
    components::{ErrorNotice, Loading, PlaceFilter, place_error, set_status},
    i18n::{
        lists::{Choices, use_lt},
        use_lang, use_t,
    },
    pages::account::FormMessages,
    url::encode,
};

/// Which of the four lists a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Needs,
    Resources,
    Projects,
    Responsibilities,
}

/// The links between the four lists; the current one is marked for screen
/// readers as well as by colour.
#[component]
pub fn ListTabs(current: Tab) -> impl IntoView {
    let lt = use_lt();
    let tabs = [
        (Tab::Needs, "/needs", lt.tab_needs),
        (Tab::Resources, "/resources", lt.tab_resources),
        (Tab::Projects, "/projects", lt.tab_projects),
        (
            Tab::Responsibilities,
            "/responsibilities",
            lt.tab_responsibilities,
        ),
    ];
    view! {
        <nav class="list-tabs" aria-label=lt.tabs_label>
            {tabs.into_iter().map(|(tab, href, label)| {
                let here = tab == current;
                view! {
                    <a href=href class:current=here aria-current=here.then_some("page")>{label}</a>
                }
            }).collect_view()}
        </nav>
    }
}

/// The list's filters from the URL.
pub(crate) fn use_list_query() -> Memo<ListQuery> {
    let query_map = crate::url::query();
    Memo::new(move |_| {
        query_map.with(|m| {
            let text = |k: &str| m.get(k).filter(|v| !v.trim().is_empty());
            ListQuery {
                place: text("place"),
                kind: text("kind"),
                status: text("status"),
                q: text("q"),
                accessible: m.get("accessible").is_some_and(|v| !v.is_empty()),
                from: m.get("from").and_then(|b| b.parse().ok()),
            }
        })
    })
}

/// The filters as a query string, without the page key.
fn filter_pairs(q: &ListQuery) -> Vec<String> {
    let mut parts = Vec::new();
    for (k, v) in [
        ("place", &q.place),
        ("kind", &q.kind),
        ("status", &q.status),
        ("q", &q.q),
    ] {
        if let Some(v) = v {
            parts.push(format!("{k}={}", encode(v)));
        }
    }
    if q.accessible {
        parts.push("accessible=on".into());
    }
    parts
}

/// The next page of the list at `path`.
fn next_href(path: &str, q: &ListQuery, next: &str) -> String {
    let mut parts = filter_pairs(q);
    parts.push(format!("from={}", encode(next)));
    format!("{path}?{}", parts.join("&"))
}

/// The list's filter names as the REST API spells them.
fn api_href(api: &str, q: &ListQuery, format: &str) -> String {
    let mut parts: Vec<String> = filter_pairs(q);
    if let Some(from) = q.from {
        parts.push(format!("cursor={from}"));
    }
    parts.push(format!("format={format}"));
    format!("/api/v1/{api}?{}", parts.join("&"))
}

/// The page as open data.
#[component]
fn Export(api: &'static str, query: ListQuery) -> impl IntoView {
    let lt = use_lt();
    view! {
        <p class="export-links">
            {lt.export_label} " "
            <a href=api_href(api, &query, "csv") download="">{lt.export_csv}</a>
            " · "
            <a href=api_href(api, &query, "json")>{lt.export_json}</a>
        </p>
    }
}

/// What a list can be filtered by, besides place and words.
#[derive(Clone, Copy)]
struct FilterSpec {
    path: &'static str,
    kind: Option<(&'static str, Choices)>,
    status: Option<(&'static str, Choices)>,
    text_label: &'static str,
    accessible: bool,
}

#[component]
fn Filters(
    spec: FilterSpec,
    query: ListQuery,
    #[prop(default = None)] error: Option<AppError>,
) -> impl IntoView {
    let t = use_t();
    let lt = use_lt();
    let select =
        move |name: &'static str, label: &'static str, choices: Choices, value: Option<String>| {
            let id = format!("filter-{name}");
            view! {
                <div class="field">
                    <label for=id.clone()>{label}</label>
                    <select id=id name=name>
                        <option value="">{lt.all}</option>
                        {choices.iter().map(|(v, l)| {
                            let selected = value.as_deref() == Some(*v);
                            view! { <option value=*v selected=selected>{*l}</option> }
                        }).collect_view()}
                    </select>
                </div>
            }
        };
    view! {
        <form class="search-form matter-filters" method="get" action=spec.path role="search">
            {spec.kind.map(|(label, choices)| select("kind", label, choices, query.kind.clone()))}
            {spec.status.map(|(label, choices)| select("status", label, choices, query.status.clone()))}
            <div class="field">
                <label for="filter-q">{spec.text_label}</label>
                <input id="filter-q" name="q" type="search" maxlength="40" value=query.q.clone().unwrap_or_default() />
            </div>
            <PlaceFilter id="filter-place" label=lt.filter_place hint=lt.filter_place_hint value=query.place.clone() error />
            {spec.accessible.then(|| view! {
                <div class="field check-field">
                    <input id="filter-accessible" name="accessible" type="checkbox" value="on" checked=query.accessible />
                    <label for="filter-accessible">{lt.accessible_only}</label>
                </div>
            })}
            <div class="form-actions">
                <button type="submit" class="button">{t.search_button}</button>
                <a class="button button-quiet" href=spec.path>{t.clear_filters}</a>
            </div>
        </form>
    }
}

/// Buttons to the staff form of each community whose lists the viewer
/// keeps; `form` is the path after the community, e.g. `needs/new`.
#[component]
fn KeepLinks(keeps: Vec<(String, LocalName)>, form: &'static str) -> impl IntoView {
    let lt = use_lt();
    let lang = use_lang();
    (!keeps.is_empty()).then(|| {
        view! {
            <p class="start-links">
                {lt.add_in} " "
                {keeps.into_iter().map(|(code, name)| view! {
                    <a class="button" href=format!("/communities/{code}/{form}")>{name.get(lang).to_owned()}</a>
                    " "
                }).collect_view()}
            </p>
        }
    })
}

/// The previous- and next-page links, where there are such pages.
#[component]
fn Pager(
    path: &'static str,
    query: ListQuery,
    next: Option<String>,
    prev: Option<Previous>,
) -> impl IntoView {
    let t = use_t();
    let prev = prev.map(|from| {
        let mut parts = filter_pairs(&query);
        if let Previous::From(from) = from {
            parts.push(format!("from={from}"));
        }
        if parts.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{}", parts.join("&"))
        }
    });
    (prev.is_some() || next.is_some()).then(|| {
        view! {
            <nav class="pager" aria-label=t.pages_label>
                {prev.map(|href| view! { <a class="button button-quiet" rel="prev" href=href>{t.previous_page}</a> })}
                {next.map(|n| view! { <a class="button" rel="next" href=next_href(path, &query, &n)>{t.next_page}</a> })}
            </nav>
        }
    })
}

/// What differs between the list pages.
#[derive(Clone, Copy)]
struct ListSpec {
    tab: Tab,
    title: &'static str,
    lead: &'static str,
    filters: FilterSpec,
    /// The staff form, after `/communities/{code}/`.
    form: &'static str,
    empty: &'static str,
    /// The list's name under `/api/v1`.
    api: &'static str,
}

/// A list page: tabs, staff links, filters, results or the empty state,
/// the next-page link and the open-data links. `card` shows one entry; it
/// is told the communities whose lists the viewer keeps.
#[component]
fn ListPage<T, Fut, V>(
    spec: ListSpec,
    fetch: fn(ListQuery) -> Fut,
    card: fn(T, &[String]) -> V,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: std::future::Future<Output = Result<Listing<T>, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let query = use_list_query();
    let data = Resource::new(move || query.get(), fetch);
    view! {
        <crate::components::PageHead title=spec.title />
        <div class="wrap section">
            <ListTabs current=spec.tab />
            <h1>{spec.title}</h1>
            <p class="lead">{spec.lead}</p>
            <FormMessages />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let q = query.get_untracked();
                    match data.await {
                        Ok(list) => {
                            let keeps: Vec<String> = list.keeps.iter().map(|(c, _)| c.clone()).collect();
                            let items = list.page.items;
                            view! {
                                <KeepLinks keeps=list.keeps form=spec.form />
                                <Filters spec=spec.filters query=q.clone() />
                                {if items.is_empty() {
                                    view! { <div class="empty"><p>{spec.empty}</p></div> }.into_any()
                                } else {
                                    view! {
                                        <ul class="matter-list">{items.into_iter().map(|item| card(item, &keeps)).collect_view()}</ul>
                                    }.into_any()
                                }}
                                <Pager path=spec.filters.path query=q.clone() next=list.page.next prev=list.prev />
                                <Export api=spec.api query=q />
                            }.into_any()
                        }
                        Err(error) if place_error(&error).is_some() => {
                            set_status(error.status());
                            view! { <Filters spec=spec.filters query=q error=Some(error) /> }.into_any()
                        }
                        Err(error) => {
                            set_status(error.status());
                            view! { <ErrorNotice error /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}
