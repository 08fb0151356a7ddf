use leptos::prelude::*;
use linli_model::matter::{MatterState, Severity};

use super::MatterCard;
use crate::{
    AppError,
    api::matters::{MATTERS_PAGE_SIZES, MatterQuery, list_matters, matter_categories},
    components::{ErrorNotice, Loading, PlaceFilter, place_error, set_status},
    i18n::{use_lang, use_t},
    url::encode,
};

/// `/matters`: every matter, newest first, with filters in a plain GET
/// form so that filtered lists can be shared and work without JavaScript.
#[component]
pub fn MattersPage() -> impl IntoView {
    let t = use_t();
    let query_map = crate::url::query();
    let query = Memo::new(move |_| {
        query_map.with(|m| {
            let text = |k: &str| m.get(k).filter(|v| !v.trim().is_empty());
            MatterQuery {
                place: text("place"),
                category: text("category"),
                state: text("state"),
                severity: text("severity"),
                overdue: m.get("overdue").is_some_and(|v| v == "on"),
                q: text("q"),
                before: m.get("before").and_then(|b| b.parse().ok()),
                per: m.get("per").and_then(|n| n.parse().ok()),
            }
        })
    });
    // One resource per <Suspense>: see the directory page.
    let data = Resource::new(
        move || query.get(),
        |q| async move {
            (
                matter_categories().await.unwrap_or_default(),
                list_matters(q).await,
            )
        },
    );
    view! {
        <crate::components::PageHead title=t.matters_title />
        <div class="wrap section">
            <div class="heading-row">
                <h1>{t.matters_title}</h1>
            </div>
            <p class="lead">{t.matters_lead}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let (categories, page) = data.await;
                    let q = query.get_untracked();
                    if let Err(e) = &page {
                        set_status(e.status());
                    }
                    view! {
                        <Filters query=q.clone() categories error=page.as_ref().err().cloned() />
                        {match page {
                            Ok(page) if page.items.is_empty() => {
                                view! { <p class="empty">{t.matters_empty}</p> }.into_any()
                            }
                            Ok(page) => {
                                let older = page.next.map(|n| older_href(&q, &n));
                                view! {
                                    <h2 class="visually-hidden">{t.results_heading}</h2>
                                    <ul class="matter-list">
                                        {page.items.into_iter().map(|matter| view! { <MatterCard matter /> }).collect_view()}
                                    </ul>
                                    {older.map(|href| view! { <p class="pager"><a class="button" href=href>{t.older_matters}</a></p> })}
                                }
                                    .into_any()
                            }
                            // The form above explains a wrong area code.
                            Err(error) if place_error(&error).is_some() => ().into_any(),
                            Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        }}
                    }
                })}
            </Suspense>
        </div>
    }
}

fn older_href(q: &MatterQuery, next: &str) -> String {
    let mut parts = Vec::new();
    let mut add = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            parts.push(format!("{k}={}", encode(v)));
        }
    };
    add("place", &q.place);
    add("category", &q.category);
    add("state", &q.state);
    add("severity", &q.severity);
    add("q", &q.q);
    if q.overdue {
        parts.push("overdue=on".into());
    }
    if q.page_size() != MATTERS_PAGE_SIZES[0] {
        parts.push(format!("per={}", q.page_size()));
    }
    parts.push(format!("before={}", encode(next)));
    format!("/matters?{}", parts.join("&"))
}

#[component]
fn Filters(
    query: MatterQuery,
    categories: Vec<linli_model::matter::Category>,
    #[prop(default = None)] error: Option<AppError>,
) -> impl IntoView {
    let t = use_t();
    let lt = crate::i18n::lists::use_lt();
    // The area usually arrives hidden from a community's link; a wrong one
    // comes out into the open, with what is wrong with it.
    let place = match error.filter(|e| place_error(e).is_some()) {
        Some(error) => view! {
            <PlaceFilter id="matter-place" label=lt.filter_place hint=lt.filter_place_hint value=query.place.clone() error=Some(error) />
        }
        .into_any(),
        None => query
            .place
            .clone()
            .map(|p| view! { <input type="hidden" name="place" value=p /> })
            .into_any(),
    };
    let lang = use_lang();
    let option = |value: String, label: String, current: &Option<String>| {
        let selected = current.as_deref() == Some(value.as_str());
        view! { <option value=value selected=selected>{label}</option> }
    };
    let states = MatterState::ALL
        .into_iter()
        .map(|s| option(s.as_str().into(), (t.matter_state)(s).into(), &query.state))
        .collect_view();
    let severities = Severity::ALL
        .into_iter()
        .map(|s| option(s.as_str().into(), (t.severity)(s).into(), &query.severity))
        .collect_view();
    let sizes = MATTERS_PAGE_SIZES
        .into_iter()
        .map(|n| {
            let selected = n == query.page_size();
            view! { <option value=n.to_string() selected=selected>{n.to_string()}</option> }
        })
        .collect_view();
    let categories = categories
        .into_iter()
        .map(|c| option(c.code.clone(), c.name.get(lang).to_owned(), &query.category))
        .collect_view();
    view! {
        <form class="search-form matter-filters" method="get" action="/matters" role="search">
            {place}
            <div class="field field-wide">
                <label for="matter-q">{t.matters_search_label}</label>
                <input id="matter-q" name="q" type="search" maxlength="40" value=query.q.clone().unwrap_or_default() />
            </div>
            <div class="field">
                <label for="matter-state">{t.filter_state}</label>
                <select id="matter-state" name="state">
                    <option value="">{t.any}</option>
                    {states}
                </select>
            </div>
            <div class="field">
                <label for="matter-severity">{t.filter_severity}</label>
                <select id="matter-severity" name="severity">
                    <option value="">{t.any}</option>
                    {severities}
                </select>
            </div>
            <div class="field">
                <label for="matter-category">{t.filter_category}</label>
                <select id="matter-category" name="category">
                    <option value="">{t.any}</option>
                    {categories}
                </select>
            </div>
            <div class="field">
                <label for="matter-per">{t.per_page}</label>
                <select id="matter-per" name="per">{sizes}</select>
            </div>
            <div class="field field-check">
                <input id="matter-overdue" name="overdue" type="checkbox" checked=query.overdue />
                <label for="matter-overdue">{t.filter_overdue}</label>
            </div>
            <div class="form-actions">
                <button type="submit" class="button">{t.search_button}</button>
                <a class="button button-quiet" href="/matters">{t.clear_filters}</a>
            </div>
        </form>
    }
}
