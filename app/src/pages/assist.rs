//! `/staff/assist`: staff start acting for a resident who came to the
//! counter or phoned, and find the ordinary pages to do it on. A plain
//! form, so it works without JavaScript.

use leptos::prelude::*;
use linli_model::channel::{AssistChannel, AssistForm, Assisting, Channel};

use crate::{
    api::assist::{AssistPage, get_assist_page},
    components::{ErrorNotice, Input, Loading, PageHead, Refill},
    i18n::{channels::use_ct, use_lang},
};

#[component]
pub fn AssistResidentPage() -> impl IntoView {
    let ct = use_ct();
    let page = Resource::new(|| (), |()| get_assist_page());
    view! {
        <PageHead title=ct.page_title />
        <div class="wrap section narrow">
            <h1>{ct.page_title}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Assist page /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Assist(page: AssistPage) -> impl IntoView {
    let ct = use_ct();
    let notice = crate::url::query().with_untracked(|q| q.get("notice"));
    let notice = notice.and_then(|n| match n.as_str() {
        "assist_started" => Some(ct.notice_started),
        "assist_stopped" => Some(ct.notice_stopped),
        _ => None,
    });
    let body = if !page.may_assist {
        view! { <p class="notice-ok" role="status">{ct.staff_only}</p> }.into_any()
    } else if let Some(a) = page.assisting {
        view! { <Now assisting=a /> }.into_any()
    } else {
        view! { <StartForm /> }.into_any()
    };
    view! {
        {notice.map(|n| view! { <p class="notice-ok" role="status">{n}</p> })}
        <p class="lead">{ct.lead}</p>
        {body}
    }
}

/// The resident's number and how they came.
#[component]
fn StartForm() -> impl IntoView {
    let ct = use_ct();
    let lang = use_lang();
    let refill = Refill::read(&AssistForm::FIELDS);
    let which = "assist";
    let chosen = refill.typed(which, "channel").unwrap_or_default();
    let channel_error = refill.error(which, "channel");
    let t = crate::i18n::use_t();
    view! {
        <form id=which class="stack-form" method="post" action="/assist/start">
            {refill.field(which, "resident", ct.resident_label, Input::Text, Some(ct.resident_hint))}
            <fieldset class="field" aria-describedby=channel_error.map(|_| "assist-channel-error")>
                <legend>{ct.channel_legend}</legend>
                <div class="channel-choices">
                    {[AssistChannel::InPerson, AssistChannel::Phone]
                        .into_iter()
                        .map(|c| {
                            let value = c.channel().as_str();
                            view! {
                                <label>
                                    <input type="radio" name="channel" value=value checked=chosen == value />
                                    {c.channel().name(lang)}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                {channel_error.map(|e| view! {
                    <p id="assist-channel-error" class="field-error">{(t.field_error)(&e)}</p>
                })}
            </fieldset>
            <button type="submit" class="button button-large">{ct.start_button}</button>
        </form>
    }
}

/// Where to go now, as the resident.
#[component]
fn Now(assisting: Assisting) -> impl IntoView {
    let ct = use_ct();
    let report = assisting
        .community
        .as_ref()
        .map(|c| format!("/communities/{c}/report"));
    view! {
        <section aria-labelledby="now-heading">
            <h2 id="now-heading">{ct.now_heading}</h2>
            <p>{(ct.now_lead)(&assisting.resident_name)}</p>
            <p class="hint">{(ct.banner)(&assisting.resident_name, assisting.channel.channel())}</p>
            <ul class="link-list">
                {report.map(|href| view! { <li><a class="button button-large" href=href>{ct.do_report}</a></li> })}
                <li><a class="button button-quiet button-large" href="/matters">{ct.do_support}</a></li>
                <li><a class="button button-quiet button-large" href="/deliberations">{ct.do_deliberate}</a></li>
            </ul>
            <form method="post" action="/assist/stop">
                <button type="submit" class="button button-stop">{ct.stop_button}</button>
            </form>
        </section>
    }
}

/// Figures by channel as a table: every channel listed, so a zero shows
/// that nobody came that way rather than that nobody counted.
pub fn channel_table(
    caption: &'static str,
    columns: Vec<String>,
    rows: Vec<(Channel, Vec<String>)>,
) -> impl IntoView {
    let ct = use_ct();
    view! {
        <crate::components::ScrollTable label=caption.to_owned()>
            <table class="grid-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{ct.col_channel}</th>
                        {columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(channel, cells)| view! {
                        <tr>
                            <th scope="row">{(ct.short)(channel)}</th>
                            {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </crate::components::ScrollTable>
    }
}
