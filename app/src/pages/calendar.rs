//! `/districts/:code/calendar`: the working-day calendar deadlines are
//! counted by; the district's officers add, change and take back days
//! with plain forms.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use linli_model::calendar::{SpecialDay, Stretch};

use crate::{
    api::calendar::{CalendarData, district_calendar},
    components::{ErrorNotice, Input, Loading, Refill, post_form},
    i18n::{calendar::use_ct, lists::label, use_lang},
    pages::account::FormMessages,
};

/// What the set-a-day form sends back when it fails.
const FIELDS: &[&str] = &["day", "kind", "festival"];

#[component]
pub fn DistrictCalendarPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let data = Resource::new(code, district_calendar);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <CalendarView data /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CalendarView(data: CalendarData) -> impl IntoView {
    let ct = use_ct();
    let lang = use_lang();
    let title = (ct.page_title)(data.name.get(lang));
    let action = format!("/districts/{}/calendar", data.district);
    let forms = data.may_edit.then(|| {
        let refill = Refill::read(FIELDS);
        let field = |name: &'static str, label: &'static str, input: Input| {
            refill.field("set-day", name, label, input, None)
        };
        let set = post_form(
            "set-day".into(),
            action.clone(),
            ct.save,
            view! {
                {field("day", ct.day_label, Input::Date)}
                {field("kind", ct.kind_label, Input::Select(ct.kinds))}
                {field("festival", ct.festival_label, Input::Select(ct.festivals))}
            }
            .into_any(),
        );
        view! {
            <section class="settings-part" aria-labelledby="set-heading">
                <h2 id="set-heading">{ct.set_heading}</h2>
                <p class="hint">{ct.set_hint}</p>
                {set}
            </section>
            <LocalDays days=data.local.clone() action=format!("{action}/remove") />
        }
    });
    view! {
        <crate::components::PageHead title=title.clone() />
        <div class="wrap section narrow">
            <h1>{title}</h1>
            <FormMessages />
            <CalendarStretches stretches=data.stretches heading=ct.days_heading />
            {if forms.is_some() { forms.into_any() } else {
                view! { <p class="hint">{ct.read_only}</p> }.into_any()
            }}
        </div>
    }
}

/// The district's own days, each with a button that takes it back.
#[component]
fn LocalDays(days: Vec<SpecialDay>, action: String) -> impl IntoView {
    let ct = use_ct();
    let rows = days
        .into_iter()
        .map(|d| {
            let kind = label(ct.kinds, d.kind.as_str());
            view! {
                <li class="local-day">
                    <span>{(ct.date)(d.day)}" · "{kind}" · "{label(ct.festivals, d.festival.as_str())}</span>
                    <form class="inline-form" method="post" action=action.clone()>
                        <input type="hidden" name="day" value=d.day.to_string() />
                        <button type="submit" class="button button-quiet" aria-label=(ct.remove_label)(d.day)>
                            {ct.remove}
                        </button>
                    </form>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="settings-part" id="local" aria-labelledby="local-heading">
            <h2 id="local-heading">{ct.local_heading}</h2>
            {if rows.is_empty() {
                view! { <p class="empty">{ct.local_empty}</p> }.into_any()
            } else {
                view! { <ul class="calendar-list">{rows}</ul> }.into_any()
            }}
        </section>
    }
}

/// Holidays and make-up working days, one entry per holiday.
#[component]
pub(crate) fn CalendarStretches(stretches: Vec<Stretch>, heading: &'static str) -> impl IntoView {
    let ct = use_ct();
    let mut year = None;
    let items = stretches
        .into_iter()
        .map(|s| {
            // A year's first holiday carries the year above it.
            let this_year = s.first_day().map(|d| d.year());
            let new_year = (this_year != year).then_some(this_year).flatten();
            year = this_year;
            let off = (!s.off.is_empty()).then(|| {
                let runs: Vec<String> = s.off.iter().map(|(a, b)| (ct.run)(*a, *b)).collect();
                view! { <p><span class="calendar-kind">{ct.days_off}</span>" "{runs.join("; ")}</p> }
            });
            let worked = (!s.worked.is_empty()).then(|| {
                let days: Vec<String> = s.worked.iter().map(|d| (ct.date)(*d)).collect();
                view! { <p><span class="calendar-kind calendar-worked">{ct.worked}</span>" "{days.join("; ")}</p> }
            });
            view! {
                {new_year.map(|y| view! { <li class="calendar-year"><h3>{(ct.year)(y)}</h3></li> })}
                <li class="calendar-stretch">
                    <h4>
                        {label(ct.festivals, s.festival.as_str())}
                        {s.local.then(|| view! { " "<span class="badge badge-quiet">{ct.local}</span> })}
                    </h4>
                    {off}
                    {worked}
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="settings-part" id="calendar" aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">{heading}</h2>
            <p class="hint">{ct.lead}</p>
            {if items.is_empty() {
                view! { <p class="empty">{ct.empty}</p> }.into_any()
            } else {
                view! { <ul class="calendar-list">{items}</ul> }.into_any()
            }}
        </section>
    }
}
