use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::DeliberationMessages;
use crate::{
    AppError,
    api::deliberations::start_form,
    components::{ErrorNotice, Input, Loading, error_for, errors_from_query, inline_field},
    i18n::{deliberation::use_dt, use_lang},
};

/// `/communities/:code/deliberations/new`: the council opens a
/// deliberation and sets how long topics are collected.
#[component]
pub fn StartPage() -> impl IntoView {
    let dt = use_dt();
    let lang = use_lang();
    let params = use_params_map();
    let query = crate::url::query();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let data = Resource::new(code, start_form);
    view! {
        <crate::components::PageHead title=dt.new_title />
        <div class="wrap section narrow">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let data = match data.await {
                        Ok(d) if d.may_start => d,
                        Ok(_) => return view! { <ErrorNotice error=AppError::Denied(linli_model::role::Denied::NotPermitted) /> }.into_any(),
                        Err(error) => return view! { <ErrorNotice error /> }.into_any(),
                    };
                    let typed = |k: &str| query.with_untracked(|q| q.get(k).unwrap_or_default());
                    let errors = errors_from_query(query.with_untracked(|q| q.get("errors")));
                    let field = |name: &'static str, label: &'static str, input: Input, hint: Option<&'static str>| {
                        inline_field("start", name.into(), label.into(), input, typed(name), error_for(&errors, name), hint)
                    };
                    view! {
                        <p class="breadcrumb">
                            <a href="/deliberations">{dt.list_title}</a> " › "
                            <a href=format!("/communities/{}", data.community)>{data.name.get(lang).to_owned()}</a>
                        </p>
                        <h1>{dt.new_title}</h1>
                        <p class="lead">{dt.new_lead}</p>
                        <DeliberationMessages />
                        <form class="stack-form panel" method="post" action=format!("/communities/{}/deliberations", data.community)>
                            {field("title", dt.title_label, Input::Text, None)}
                            {field("summary", dt.summary_label, Input::Textarea, None)}
                            {field("collect_until", dt.collect_until_label, Input::DateTime, Some(dt.collect_until_hint))}
                            <p class="hint">{(dt.notice_days_note)(data.notice_days)}</p>
                            <button type="submit" class="button">{dt.start_button}</button>
                        </form>
                    }.into_any()
                })}
            </Suspense>
        </div>
    }
}
