use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use linli_model::tree::CommunityDetail;

use super::FormMessages;
use crate::{
    AppError,
    api::{account::current_viewer, tree::get_community},
    components::{ErrorNotice, FormField, Loading, error_for, errors_from_query},
    i18n::{use_lang, use_t},
};

/// `/communities/:code/join`: where the person lives, and an optional
/// invitation code. Visitors are asked to sign in first.
#[component]
pub fn JoinPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    // One resource, not two racing in one <Suspense> (see the directory).
    let data = Resource::new(code, |code| async move {
        (get_community(code).await, current_viewer().await)
    });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    (Ok(detail), Ok(Some(_))) => view! { <JoinForm detail /> }.into_any(),
                    (Ok(_), Ok(None)) => view! { <ErrorNotice error=AppError::Unauthenticated /> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn JoinForm(detail: CommunityDetail) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    let query = crate::url::query();
    let typed = |key: &str| query.with_untracked(|q| q.get(key).unwrap_or_default());
    let errors = errors_from_query(query.with_untracked(|q| q.get("errors")));
    let chosen_grid = typed("grid");
    let grid_error = error_for(&errors, "grid");
    let name = detail.summary.name.get(lang).to_owned();
    let options = detail
        .grids
        .iter()
        .map(|g| {
            let code = g.code.to_string();
            let selected = code == chosen_grid;
            view! {
                <option value=code selected=selected>
                    {g.name.get(lang).to_owned()}
                </option>
            }
        })
        .collect_view();
    view! {
        <crate::components::PageHead title=(t.join_title)(&name) />
        <div class="wrap section narrow">
            <h1>{(t.join_title)(&name)}</h1>
            <p class="lead">{t.join_lead}</p>
            <FormMessages />
            {error_for(&errors, "community")
                .map(|e| view! { <p class="form-error" role="alert">{(t.field_error)(&e)}</p> })}
            <form
                class="stack-form"
                method="post"
                action=format!("/communities/{}/join", detail.summary.code)
            >
                <div class="field">
                    <label for="field-grid">{t.grid_label}</label>
                    <select
                        id="field-grid"
                        name="grid"
                        aria-invalid=if grid_error.is_some() { "true" } else { "false" }
                        aria-describedby=grid_error.map(|_| "field-grid-error")
                    >
                        <option value="">{t.choose_grid}</option>
                        {options}
                    </select>
                    {grid_error
                        .map(|e| {
                            view! {
                                <p id="field-grid-error" class="field-error">
                                    {(t.field_error)(&e)}
                                </p>
                            }
                        })}
                </div>
                <FormField
                    name="building"
                    label=t.building_label
                    value=typed("building")
                    hint=t.building_hint
                    error=error_for(&errors, "building")
                />
                <FormField
                    name="unit"
                    label=t.unit_label
                    value=typed("unit")
                    error=error_for(&errors, "unit")
                />
                <FormField
                    name="room"
                    label=t.room_label
                    value=typed("room")
                    error=error_for(&errors, "room")
                />
                <FormField
                    name="invitation"
                    label=t.invitation_label
                    value=typed("invitation")
                    hint=t.invitation_hint
                    error=error_for(&errors, "invitation")
                />
                <p class="hint">{t.address_privacy}</p>
                <button type="submit" class="button button-large">
                    {t.join_button}
                </button>
            </form>
        </div>
    }
}
