use leptos::prelude::*;
use linli_model::{
    Lang, Page,
    tree::{CommunitySummary, DistrictCode, DistrictSummary, StreetSummary},
};

use crate::{
    AppError,
    api::tree::{list_communities, list_districts, list_streets},
    components::{ErrorNotice, Loading, set_status},
    i18n::{Catalogue, thousands, use_lang, use_t},
    url::encode,
};

/// What the directory's URL asks for. Everything is kept as typed, so the
/// form shows it back even when part of it is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct DirectoryQuery {
    q: String,
    district: Option<String>,
    street: Option<String>,
    after: Option<String>,
}

impl DirectoryQuery {
    fn href(&self, after: Option<&str>) -> String {
        let mut parts = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode(&self.q)));
        }
        if let Some(d) = &self.district {
            parts.push(format!("district={}", encode(d)));
        }
        if let Some(s) = &self.street {
            parts.push(format!("street={}", encode(s)));
        }
        if let Some(a) = after {
            parts.push(format!("after={}", encode(a)));
        }
        if parts.is_empty() {
            "/communities".to_owned()
        } else {
            format!("/communities?{}", parts.join("&"))
        }
    }
}

fn non_blank(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let t = use_t();
    let query_map = crate::url::query();
    let query = Memo::new(move |_| {
        query_map.with(|m| DirectoryQuery {
            q: m.get("q").unwrap_or_default(),
            district: non_blank(m.get("district")),
            street: non_blank(m.get("street")),
            after: non_blank(m.get("after")),
        })
    });
    // One resource for all three lists: several resources racing inside
    // one <Suspense> can lose a wake-up during streaming SSR under load
    // (leptos-rs/leptos#4698), which left a response hanging.
    let data = Resource::new(
        move || query.get(),
        |q| async move {
            let districts = list_districts().await.unwrap_or_default();
            let streets = match q.district.clone() {
                // Only a well-formed district has streets to offer.
                Some(d) if DistrictCode::parse(&d).is_ok() => {
                    list_streets(d).await.unwrap_or_default()
                }
                _ => Vec::new(),
            };
            let results = list_communities(q.q, q.district, q.street, q.after).await;
            (districts, streets, results)
        },
    );
    view! {
        <crate::components::PageHead title=t.directory_title />
        <div class="wrap section">
            <h1>{t.directory_title}</h1>
            <p class="lead">{t.directory_lead}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let (districts, streets, results) = data.await;
                    let q = query.get_untracked();
                    if let Err(e) = &results {
                        set_status(e.status());
                    }
                    view! {
                        <StreetLinks query=q.clone() streets=streets.clone() />
                        <SearchForm query=q.clone() districts streets error=results.clone().err() />
                        <Results query=q results />
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The next level of the tree: once a district is chosen, its streets as
/// links with their community counts, one tap each.
#[component]
fn StreetLinks(query: DirectoryQuery, streets: Vec<StreetSummary>) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    let district = query.district.clone();
    (!streets.is_empty()).then(|| {
        let links = streets
            .into_iter()
            .map(|s| {
                let current = query.street.as_deref() == Some(s.code.as_str());
                let href = DirectoryQuery {
                    district: district.clone(),
                    street: Some(s.code.to_string()),
                    ..DirectoryQuery::default()
                }
                .href(None);
                view! {
                    <li>
                        <a
                            class="chip"
                            href=href
                            aria-current=if current { Some("page") } else { None }
                        >
                            {s.name.get(lang).to_owned()}
                            <span class="chip-count">{s.community_count}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav class="street-links" aria-label=t.filter_street>
                <ul class="chips">{links}</ul>
            </nav>
        }
    })
}

/// A plain GET form: it works before the page hydrates and without
/// JavaScript, and the URL it produces can be shared.
#[component]
fn SearchForm(
    query: DirectoryQuery,
    districts: Vec<DistrictSummary>,
    streets: Vec<StreetSummary>,
    error: Option<AppError>,
) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    let code_error = match &error {
        Some(AppError::InvalidCode(e)) => Some((t.code_error)(e)),
        _ => None,
    };
    let invalid = code_error.is_some();
    let district_options = options(
        districts
            .iter()
            .map(|d| (d.code.to_string(), d.name.get(lang).to_owned())),
        query.district.as_deref(),
    );
    let has_streets = !streets.is_empty();
    let street_options = options(
        streets
            .iter()
            .map(|s| (s.code.to_string(), s.name.get(lang).to_owned())),
        query.street.as_deref(),
    );
    let describedby = if invalid { "q-hint q-error" } else { "q-hint" };
    view! {
        <form class="search-form" method="get" action="/communities" role="search">
            <div class="field field-wide">
                <label for="q">{t.search_label}</label>
                <input
                    id="q"
                    name="q"
                    type="search"
                    value=query.q.clone()
                    maxlength="60"
                    autocomplete="off"
                    aria-describedby=describedby
                    aria-invalid=if invalid { "true" } else { "false" }
                />
                <p id="q-hint" class="hint">
                    {t.search_hint}
                </p>
                {code_error
                    .map(|message| {
                        view! {
                            <p id="q-error" class="field-error" role="alert">
                                {message}
                            </p>
                        }
                    })}
            </div>
            <div class="field">
                <label for="district">{t.filter_district}</label>
                <select id="district" name="district">
                    <option value="">{t.all_districts}</option>
                    {district_options}
                </select>
            </div>
            {has_streets
                .then(|| {
                    view! {
                        <div class="field">
                            <label for="street">{t.filter_street}</label>
                            <select id="street" name="street">
                                <option value="">{t.all_streets}</option>
                                {street_options}
                            </select>
                        </div>
                    }
                })}
            <div class="form-actions">
                <button type="submit" class="button">
                    {t.search_button}
                </button>
                <a class="button button-quiet" href="/communities">
                    {t.clear_filters}
                </a>
            </div>
        </form>
    }
}

/// `<option>`s from (value, label) pairs, the current value selected.
fn options(items: impl Iterator<Item = (String, String)>, current: Option<&str>) -> AnyView {
    items
        .map(|(value, label)| {
            let selected = current == Some(value.as_str());
            view! {
                <option value=value selected=selected>
                    {label}
                </option>
            }
        })
        .collect_view()
        .into_any()
}

#[component]
fn Results(
    query: DirectoryQuery,
    results: Result<Page<CommunitySummary>, AppError>,
) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    match results {
        Ok(page) if page.items.is_empty() => view! {
            <section class="results empty" aria-labelledby="results-heading">
                <h2 id="results-heading" class="visually-hidden">{t.results_heading}</h2>
                <p class="empty-title">{t.no_results}</p>
                <p>{t.no_results_hint}</p>
            </section>
        }
        .into_any(),
        Ok(page) => {
            let next = page.next.as_deref().map(|after| query.href(Some(after)));
            let first = query.after.is_some().then(|| query.href(None));
            let cards = page
                .items
                .into_iter()
                .map(|c| community_card(t, lang, c))
                .collect_view();
            view! {
                <section class="results" aria-labelledby="results-heading">
                    <h2 id="results-heading" class="visually-hidden">{t.results_heading}</h2>
                    <ul class="cards">{cards}</ul>
                    <nav class="pager" aria-label=t.results_heading>
                        {first.map(|href| view! { <a class="button button-quiet" href=href>{t.first_page}</a> })}
                        {next.map(|href| view! { <a class="button" rel="next" href=href>{t.next_page}</a> })}
                    </nav>
                </section>
            }
            .into_any()
        }
        // The form above already explains a malformed code.
        Err(AppError::InvalidCode(_)) => ().into_any(),
        Err(error) => view! { <ErrorNotice error /> }.into_any(),
    }
}

fn community_card(t: &'static Catalogue, lang: Lang, c: CommunitySummary) -> impl IntoView {
    let kind = c.code.community_type();
    view! {
        <li>
            <a class="card card-link" href=format!("/communities/{}", c.code)>
                <span class="card-title">{c.name.get(lang).to_owned()}</span>
                <span class="card-meta">
                    {format!("{} · {}", c.district.get(lang), c.street.get(lang))}
                </span>
                <span class="badges">
                    <span class=format!("badge badge-{}", kind.major().digit())>
                        {(t.community_type)(kind)}
                    </span>
                    <span class="badge badge-quiet">{(t.size_class)(c.code.size_class())}</span>
                </span>
                <span class="card-meta">
                    {format!(
                        "{} · {} {}",
                        (t.households)(c.households.into()),
                        thousands(c.grid_count.into()),
                        t.grids_label,
                    )}
                </span>
                <span class="code">{c.code.to_string()}</span>
            </a>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_every_filter() {
        let q = DirectoryQuery {
            q: "翠 苑".into(),
            district: Some("330203".into()),
            street: None,
            after: Some("x".into()),
        };
        assert_eq!(
            q.href(Some("33020310100112101")),
            "/communities?q=%E7%BF%A0%20%E8%8B%91&district=330203&after=33020310100112101"
        );
        assert_eq!(
            q.href(None),
            "/communities?q=%E7%BF%A0%20%E8%8B%91&district=330203"
        );
        assert_eq!(DirectoryQuery::default().href(None), "/communities");
    }
}
