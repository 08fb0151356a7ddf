use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use linli_model::account::FieldError;

use linli_model::matter::MatterSummary;

use super::StateBadge;
use crate::{
    api::matters::{ReportFormData, SimilarTo, report_form, similar_matters},
    components::{ErrorNotice, FormField, Loading, PhotoFields, error_for, errors_from_query},
    i18n::{use_lang, use_t},
    pages::account::FormMessages,
};

/// `/communities/:code/report`: a plain form that works without
/// JavaScript; once hydrated, it suggests similar open matters.
#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let query = crate::url::query();
    let key = move || {
        let typed = query.with(|q| SimilarTo {
            grid: q.get("grid").unwrap_or_default(),
            category: q.get("category").unwrap_or_default(),
            title: q.get("title").unwrap_or_default(),
        });
        (params.with(|p| p.get("code").unwrap_or_default()), typed)
    };
    let data = Resource::new(key, |(code, typed)| report_form(code, typed));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <ReportForm data /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Latitude and longitude, typed or filled in by the phone's position.
#[component]
fn PointFields(
    latitude: String,
    longitude: String,
    errors: Vec<(String, FieldError)>,
) -> impl IntoView {
    let t = use_t();
    let latitude = RwSignal::new(latitude);
    let longitude = RwSignal::new(longitude);
    // The button needs the browser's position, so it appears only once the
    // page runs its script.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let status = RwSignal::new(None::<&'static str>);
    let locate = move |_| {
        status.set(Some(t.locating));
        locate_me(move |found| match found {
            Some((lat, lon)) => {
                latitude.set(format!("{lat:.6}"));
                longitude.set(format!("{lon:.6}"));
                status.set(None);
            }
            None => status.set(Some(t.location_failed)),
        });
    };
    let input = move |name: &'static str, label: &'static str, value: RwSignal<String>| {
        let id = format!("field-{name}");
        let error = error_for(&errors, name);
        let error_id = format!("{id}-error");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input
                    id=id
                    name=name
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    prop:value=move || value.get()
                    value=value.get_untracked()
                    on:change=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=if error.is_some() { "true" } else { "false" }
                    aria-describedby=error.map(|_| error_id.clone())
                />
                {error.map(|e| view! { <p id=error_id class="field-error">{(t.field_error)(&e)}</p> })}
            </div>
        }
    };
    view! {
        <fieldset class="point">
            <legend>{t.point_legend}</legend>
            <p class="hint">{t.point_hint}</p>
            <div class="point-fields">
                {input("latitude", t.latitude_label, latitude)}
                {input("longitude", t.longitude_label, longitude)}
            </div>
            <Show when=move || hydrated.get()>
                <button type="button" class="button button-quiet" on:click=locate>
                    {t.use_my_location}
                </button>
            </Show>
            <p class="hint" role="status" aria-live="polite">{move || status.get()}</p>
        </fieldset>
    }
}

/// Asks the browser where the phone is; `done` gets the position or
/// `None` when it is refused or unknown.
#[cfg(feature = "hydrate")]
fn locate_me(done: impl Fn(Option<(f64, f64)>) + Clone + 'static) {
    use wasm_bindgen::{JsCast, closure::Closure};
    let geolocation = web_sys::window().and_then(|w| w.navigator().geolocation().ok());
    let Some(geolocation) = geolocation else {
        done(None);
        return;
    };
    let found = {
        let done = done.clone();
        Closure::once_into_js(move |position: web_sys::Position| {
            let c = position.coords();
            done(Some((c.latitude(), c.longitude())));
        })
    };
    let failed = {
        let done = done.clone();
        Closure::once_into_js(move |_: wasm_bindgen::JsValue| done(None))
    };
    if geolocation
        .get_current_position_with_error_callback(
            found.unchecked_ref(),
            Some(failed.unchecked_ref()),
        )
        .is_err()
    {
        done(None);
    }
}

#[cfg(not(feature = "hydrate"))]
fn locate_me(done: impl Fn(Option<(f64, f64)>) + Clone + 'static) {
    done(None);
}

#[component]
fn ReportForm(data: ReportFormData) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    let query = crate::url::query();
    let typed = |key: &str| query.with_untracked(|q| q.get(key).unwrap_or_default());
    let errors = errors_from_query(query.with_untracked(|q| q.get("errors")));
    // A form coming back with errors keeps its key: sending it again is
    // still the same report.
    let key = Some(typed("key"))
        .filter(|k| !k.is_empty())
        .unwrap_or(data.key.clone());
    let community = data.community.summary.code.to_string();
    let name = data.community.summary.name.get(lang).to_owned();
    let grid = RwSignal::new(typed("grid"));
    let category = RwSignal::new(typed("category"));
    let title = RwSignal::new(typed("title"));
    // Suggestions only help someone typing, so they exist only in the
    // browser: the server renders the form with no second async part
    // (nested suspense is where Leptos can lose a wake-up, leptos#4698).
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    // Suggest while typing, once the person pauses: each keystroke
    // restarts the wait, so the server is asked once per pause.
    let typing = RwSignal::new(String::new());
    // Leaving the field (to press 我也遇到, say) must not look the same
    // title up again: the list would re-render under the pointer.
    let settle = move |text: String| {
        if title.get_untracked() != text {
            title.set(text);
        }
    };
    let pending = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
    Effect::new(move |_| {
        let text = typing.get();
        if text.is_empty() {
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || settle(text),
            std::time::Duration::from_millis(SUGGEST_AFTER_MS),
        )
        .ok();
        pending.set_value(handle);
    });
    let similar = {
        let community = community.clone();
        LocalResource::new(move || {
            let (grid, category, title) = (grid.get(), category.get(), title.get());
            let community = community.clone();
            async move {
                if title.trim().chars().count() < 2 {
                    return Vec::new();
                }
                similar_matters(community, grid, category, title)
                    .await
                    .unwrap_or_default()
            }
        })
    };
    let select = |id: &'static str,
                  label: &'static str,
                  choose: &'static str,
                  options: Vec<(String, String)>,
                  value: RwSignal<String>,
                  error: Option<linli_model::account::FieldError>| {
        let error_id = format!("{id}-error");
        let options = options
            .into_iter()
            .map(|(code, text)| {
                let selected = value.get_untracked() == code;
                view! { <option value=code selected=selected>{text}</option> }
            })
            .collect_view();
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select
                    id=id
                    name=id.trim_start_matches("field-")
                    aria-invalid=if error.is_some() { "true" } else { "false" }
                    aria-describedby=error.map(|_| error_id.clone())
                    on:change=move |ev| value.set(event_target_value(&ev))
                >
                    <option value="">{choose}</option>
                    {options}
                </select>
                {error.map(|e| view! { <p id=error_id class="field-error">{(t.field_error)(&e)}</p> })}
            </div>
        }
    };
    let grids = data
        .community
        .grids
        .iter()
        .map(|g| (g.code.to_string(), g.name.get(lang).to_owned()))
        .collect();
    let categories = data
        .categories
        .iter()
        .map(|c| (c.code.clone(), c.name.get(lang).to_owned()))
        .collect();
    let title_error = error_for(&errors, "title");
    let first = data.similar.clone();
    view! {
        <Title text=t.report_title />
        <div class="wrap section narrow">
            <h1>{t.report_title}</h1>
            <p class="lead">{name} " · " {t.report_lead}</p>
            <FormMessages />
            <form
                class="stack-form"
                method="post"
                enctype="multipart/form-data"
                action=format!("/communities/{community}/report")
            >
                <input type="hidden" name="key" value=key />
                {select("field-grid", t.grid_label, t.choose_grid, grids, grid, error_for(&errors, "grid"))}
                {select("field-category", t.category_label, t.choose_category, categories, category, error_for(&errors, "category"))}
                <div class="field">
                    <label for="field-title">{t.title_label}</label>
                    <input
                        id="field-title"
                        name="title"
                        type="text"
                        maxlength="60"
                        value=title.get_untracked()
                        aria-invalid=if title_error.is_some() { "true" } else { "false" }
                        aria-describedby=title_error.map(|_| "field-title-error")
                        on:input=move |ev| typing.set(event_target_value(&ev))
                        on:change=move |ev| settle(event_target_value(&ev))
                    />
                    {title_error.map(|e| view! { <p id="field-title-error" class="field-error">{(t.field_error)(&e)}</p> })}
                </div>
                // The server's suggestions first (they also serve people
                // without JavaScript); once the page runs, live ones while
                // typing. A transition keeps the last ones on screen while
                // the next load, so nothing jumps under a finger.
                {move || if hydrated.get() {
                    let first = first.clone();
                    view! {
                        <Transition fallback=move || suggestions(first.clone())>
                            {move || Suspend::new(async move { suggestions(similar.await) })}
                        </Transition>
                    }
                    .into_any()
                } else {
                    suggestions(first.clone()).into_any()
                }}
                <button
                    type="submit"
                    class="button button-quiet"
                    formmethod="get"
                    formaction=""
                    formnovalidate=true
                >
                    {t.look_for_similar}
                </button>
                <div class="field">
                    <label for="field-description">{t.description_label}</label>
                    <textarea
                        id="field-description"
                        name="description"
                        rows="5"
                        maxlength="2000"
                        aria-describedby="field-description-hint"
                    >
                        {crate::raw_text::raw_text(&typed("description"))}
                    </textarea>
                    <p id="field-description-hint" class="hint">{t.description_hint}</p>
                    {error_for(&errors, "description").map(|e| view! { <p class="field-error" role="alert">{(t.field_error)(&e)}</p> })}
                </div>
                <FormField
                    name="address"
                    label=t.address_detail_label
                    value=typed("address")
                    hint=t.address_detail_hint
                    error=error_for(&errors, "address")
                />
                <PhotoFields kept=typed("photos") error=error_for(&errors, "photos") />
                <PointFields
                    latitude=typed("latitude")
                    longitude=typed("longitude")
                    errors=errors.clone()
                />
                <div class="field field-check">
                    <input id="field-show-name" name="show_name" type="checkbox" checked=typed("show_name") == "on" />
                    <label for="field-show-name">{t.show_name_label}</label>
                </div>
                <p class="hint">{t.show_name_hint}</p>
                {error_for(&errors, "key").map(|_| view! { <p class="form-error" role="alert">{t.error_moved_on}</p> })}
                <button type="submit" class="button button-large">{t.submit_report}</button>
            </form>
        </div>
    }
}

/// The panel of similar open matters, when there are any.
fn suggestions(found: Vec<MatterSummary>) -> impl IntoView {
    let t = use_t();
    (!found.is_empty()).then(|| {
        view! {
            <section class="panel similar" aria-live="polite" aria-labelledby="similar-heading">
                <h2 id="similar-heading">{t.similar_heading}</h2>
                <p class="hint">{t.similar_hint}</p>
                <ul class="matter-list">
                    {found.into_iter().map(|matter| view! { <SimilarCard matter /> }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// How long typing must pause before similar matters are looked up.
const SUGGEST_AFTER_MS: u64 = 400;

/// A similar open matter, with a button to support it instead of reporting
/// it again. The button sits inside the report form, so it posts to the
/// support address itself (`formaction`): no nested form, no script.
#[component]
fn SimilarCard(matter: MatterSummary) -> impl IntoView {
    let t = use_t();
    let id = matter.id;
    view! {
        <li class="matter-card similar-card">
            <h3>
                <a href=format!("/matters/{id}")>{matter.title.clone()}</a>
            </h3>
            <p class="matter-meta">
                <StateBadge state=matter.state />
                <span>{matter.support_count} " " {t.supporters}</span>
            </p>
            <button
                type="submit"
                class="button"
                formaction=format!("/matters/{id}/support")
                formmethod="post"
                formenctype="application/x-www-form-urlencoded"
                formnovalidate=true
            >
                {t.me_too}
            </button>
        </li>
    }
}
