use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use linli_model::account::FieldError;

use linli_model::matter::MatterSummary;

use super::StateBadge;
use crate::{
    api::matters::{ReportFormData, SimilarTo, report_form},
    components::{ErrorNotice, FormField, Loading, PhotoFields, error_for, errors_from_query},
    i18n::{use_lang, use_t},
    pages::account::FormMessages,
};

/// `/communities/:code/report`: a plain form that works without
/// JavaScript; an island suggests similar open matters while one types.
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
    let input = |name: &'static str, label: &'static str, value: String| {
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
                    value=value
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
            <crate::islands::LocateButton
                latitude="field-latitude".to_owned()
                longitude="field-longitude".to_owned()
                label=t.use_my_location.to_owned()
                locating=t.locating.to_owned()
                failed=t.location_failed.to_owned()
            />
        </fieldset>
    }
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
    let (grid, category, title) = (typed("grid"), typed("category"), typed("title"));
    let select = |id: &'static str,
                  label: &'static str,
                  choose: &'static str,
                  options: Vec<(String, String)>,
                  value: String,
                  error: Option<linli_model::account::FieldError>| {
        let error_id = format!("{id}-error");
        let options = options
            .into_iter()
            .map(|(code, text)| {
                let selected = value == code;
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
    view! {
        <crate::components::PageHead title=t.report_title />
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
                        value=title
                        aria-invalid=if title_error.is_some() { "true" } else { "false" }
                        aria-describedby=title_error.map(|_| "field-title-error")
                    />
                    {title_error.map(|e| view! { <p id="field-title-error" class="field-error">{(t.field_error)(&e)}</p> })}
                </div>
                // The server's suggestions, for the words in the query ("look
                // for similar" without JavaScript); the island asks again
                // whenever typing pauses.
                <div id="similar">{suggestions(data.similar.clone())}</div>
                <crate::islands::SimilarAsYouType
                    fields=[("field-grid", "grid"), ("field-category", "category"), ("field-title", "title")]
                        .map(|(id, name)| (id.to_owned(), name.to_owned()))
                        .to_vec()
                    watch="field-title".to_owned()
                    region="similar".to_owned()
                />
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
                {error_for(&errors, "key").map(|e| view! { <p class="form-error" role="alert">{(t.field_error)(&e)}</p> })}
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
