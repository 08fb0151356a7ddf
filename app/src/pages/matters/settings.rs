use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use linli_model::{
    accountability::RESPONSE_DAYS_MAX,
    matter::{DEADLINE_DAYS_MAX, deadline_field},
};

use crate::{
    api::matters::{SettingsData, community_matter_settings},
    components::{ErrorNotice, Loading, error_for, errors_from_query},
    i18n::{calendar::use_ct, deliberation::use_dt, use_lang, use_t},
    pages::{account::FormMessages, deliberations::DeliberationMessages},
};

/// `/communities/:code/settings`: everyone reads a community's deadlines
/// and categories; its staff change them with a plain form.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let data = Resource::new(code, community_matter_settings);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <SettingsView data /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SettingsView(data: SettingsData) -> impl IntoView {
    let t = use_t();
    let lang = use_lang();
    let query = crate::url::query();
    let errors = errors_from_query(query.with_untracked(|q| q.get("errors")));
    // After a mistake the form shows what was sent, not what is stored;
    // `which` tells the notice-period form's mistakes from the others'.
    let notice_form = query.with_untracked(|q| q.get("which").as_deref() == Some("notice_days"));
    let sent = query.with_untracked(|q| q.get("errors").is_some()) && !notice_form;
    let typed = |key: &str| query.with_untracked(|q| q.get(key));
    let offered_typed: Vec<String> =
        query.with_untracked(|q| q.get_all("offer").unwrap_or_default());
    let community = data.community.clone();
    // The response window first, then each severity's deadline: all are
    // working days.
    let at = crate::i18n::accountability::use_at();
    let rows = std::iter::once((
        at.response_days.to_owned(),
        "response_days".to_owned(),
        data.settings.response_days,
        RESPONSE_DAYS_MAX,
    ))
    .chain(data.settings.deadlines.iter().map(|(severity, days)| {
        (
            (t.severity)(*severity).to_owned(),
            deadline_field(*severity),
            *days,
            DEADLINE_DAYS_MAX,
        )
    }));
    let deadlines = rows
        .map(|(label, field, days, max)| {
            let id = format!("field-{field}");
            let error = error_for(&errors, &field);
            let error_id = format!("{id}-error");
            let value = if sent {
                typed(&field).unwrap_or_default()
            } else {
                days.to_string()
            };
            let shown = (t.working_days)(days);
            if data.may_edit {
                view! {
                    <div class="field field-inline">
                        <label for=id.clone()>{label}</label>
                        <input
                            id=id
                            name=field
                            type="number"
                            inputmode="numeric"
                            min="1"
                            max=max.to_string()
                            value=value
                            aria-invalid=if error.is_some() { "true" } else { "false" }
                            aria-describedby=error.map(|_| error_id.clone())
                        />
                        <span class="unit">{t.working_days_unit}</span>
                        {error.map(|e| view! { <p id=error_id class="field-error">{(t.field_error)(&e)}</p> })}
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <div class="fact-row">
                        <dt>{label}</dt>
                        <dd>{shown}</dd>
                    </div>
                }
                .into_any()
            }
        })
        .collect_view();
    let categories = data
        .settings
        .categories
        .iter()
        .map(|(category, on)| {
            let id = format!("offer-{}", category.code);
            let checked = if sent {
                offered_typed.contains(&category.code)
            } else {
                *on
            };
            let name = category.name.get(lang).to_owned();
            if data.may_edit {
                view! {
                    <li class="field field-check">
                        <input id=id.clone() type="checkbox" name="offer" value=category.code.clone() checked=checked />
                        <label for=id>{name}</label>
                    </li>
                }
                .into_any()
            } else if *on {
                view! { <li>{name}</li> }.into_any()
            } else {
                ().into_any()
            }
        })
        .collect_view();
    let offer_error = error_for(&errors, "offer");
    let pm = crate::i18n::promises::use_pm();
    let promise_hint = (pm.threshold_hint)(data.settings.promise_default);
    let promise_value = if sent {
        typed("promise_supporters").unwrap_or_default()
    } else {
        data.settings
            .promise_supporters
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    let promise_error = error_for(&errors, "promise_supporters");
    let promise_shown = data
        .settings
        .promise_supporters
        .unwrap_or(data.settings.promise_default)
        .to_string();
    let promise_field = if data.may_edit {
        view! {
            <div class="field">
                <label for="field-promise_supporters">{pm.threshold_label}</label>
                <input
                    id="field-promise_supporters"
                    name="promise_supporters"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max=linli_model::promise::THRESHOLD_MAX.to_string()
                    value=promise_value
                    aria-invalid=if promise_error.is_some() { "true" } else { "false" }
                    aria-describedby="field-promise_supporters-hint"
                />
                <p id="field-promise_supporters-hint" class="hint">{promise_hint}</p>
                {promise_error.map(|e| view! { <p class="field-error" role="alert">{(t.field_error)(&e)}</p> })}
            </div>
        }
        .into_any()
    } else {
        view! {
            <dl class="facts">
                <div class="fact-row"><dt>{pm.threshold_label}</dt><dd>{promise_shown}</dd></div>
            </dl>
        }
        .into_any()
    };
    let title = format!("{} · {}", data.name.get(lang), t.settings_title);
    let body = view! {
        <section class="settings-part" aria-labelledby="deadlines-heading">
            <h2 id="deadlines-heading">{t.deadlines_heading}</h2>
            {if data.may_edit {
                view! { <div class="stack">{deadlines}</div> }.into_any()
            } else {
                view! { <dl class="facts">{deadlines}</dl> }.into_any()
            }}
        </section>
        <section class="settings-part" aria-labelledby="promise-heading">
            <h2 id="promise-heading">{pm.nav}</h2>
            {promise_field}
        </section>
        <section class="settings-part" aria-labelledby="categories-heading">
            <h2 id="categories-heading">{t.categories_heading}</h2>
            {offer_error.map(|e| view! { <p class="field-error" role="alert">{(t.field_error)(&e)}</p> })}
            <ul class="check-list">{categories}</ul>
        </section>
    };
    let notice_value = if notice_form {
        typed("notice_days").unwrap_or_default()
    } else {
        data.notice_days.to_string()
    };
    let notice_days = NoticeDays {
        community: community.clone(),
        days: data.notice_days,
        value: notice_value,
        error: error_for(&errors, "notice_days"),
        may_edit: data.may_edit,
    };
    view! {
        <crate::components::PageHead title=title.clone() />
        <div class="wrap section narrow">
            <h1>{title}</h1>
            <p class="lead">{t.settings_lead}</p>
            <FormMessages />
            <DeliberationMessages />
            {if data.may_edit {
                view! {
                    <form class="stack-form" method="post" action=format!("/communities/{community}/settings")>
                        {body}
                        <button type="submit" class="button button-large">{t.save_settings}</button>
                    </form>
                }
                .into_any()
            } else {
                view! {
                    <div>{body}</div>
                    <p class="hint">{t.settings_read_only}</p>
                }
                .into_any()
            }}
            {notice_days.view()}
            <crate::pages::calendar::CalendarStretches stretches=data.calendar heading=use_ct().heading />
            <p>
                <a href=format!("/districts/{}/calendar", data.district)>{if data.may_keep_calendar { use_ct().see_all } else { use_ct().see }}</a>
            </p>
        </div>
    }
}

/// The deliberations' notice period: its own form, as it posts elsewhere.
struct NoticeDays {
    community: String,
    days: u32,
    value: String,
    error: Option<linli_model::account::FieldError>,
    may_edit: bool,
}

impl NoticeDays {
    fn view(self) -> impl IntoView + use<> {
        let t = use_t();
        let dt = use_dt();
        let shown = (dt.notice_days_note)(self.days);
        let control = self.may_edit.then(|| {
            let error_id = "field-notice_days-error";
            view! {
                <form class="stack-form" method="post" action=format!("/communities/{}/deliberation-settings", self.community)>
                    <div class="field field-inline">
                        <label for="field-notice_days">{dt.notice_days_label}</label>
                        <input
                            id="field-notice_days"
                            name="notice_days"
                            type="number"
                            inputmode="numeric"
                            min="3"
                            max="60"
                            value=self.value
                            aria-invalid=if self.error.is_some() { "true" } else { "false" }
                            aria-describedby=self.error.as_ref().map(|_| error_id)
                        />
                        <span class="unit">{dt.days_unit}</span>
                        {self.error.map(|e| view! { <p id=error_id class="field-error">{(t.field_error)(&e)}</p> })}
                    </div>
                    <button type="submit" class="button">{dt.save_notice_days}</button>
                </form>
            }
        });
        view! {
            <section class="settings-part" id="notice_days" aria-labelledby="notice-days-heading">
                <h2 id="notice-days-heading">{dt.notice_days_heading}</h2>
                <p>{shown}</p>
                <p class="hint">{dt.notice_days_hint}</p>
                {control}
            </section>
        }
    }
}
