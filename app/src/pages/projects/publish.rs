use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::ProjectMessages;
use crate::{
    AppError,
    api::lists::community_form,
    components::{ErrorNotice, Input, Loading, Refill},
    i18n::{projects::use_pt, use_lang},
};

/// The fields of the call form worth sending back when it fails.
pub(crate) const CALL_FIELDS: &[&str] = &[
    "title",
    "summary",
    "requirements",
    "eligibility",
    "budget_cap",
    "deadline",
    "criteria",
    "evaluators",
    "deliberation",
    "need",
    "resources",
    "plan_only",
];

/// `/communities/:code/projects/new`: staff publish a project with its
/// call for bids, scoring criteria and evaluators.
#[component]
pub fn PublishPage() -> impl IntoView {
    let pt = use_pt();
    let lt = crate::i18n::lists::use_lt();
    let lang = use_lang();
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let data = Resource::new(code, community_form);
    view! {
        <crate::components::PageHead title=pt.publish_title />
        <div class="wrap section narrow">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let data = match data.await {
                        Ok(d) if d.keeps => d,
                        Ok(_) => return view! { <ErrorNotice error=AppError::Denied(linli_model::role::Denied::NotPermitted) /> }.into_any(),
                        Err(error) => return view! { <ErrorNotice error /> }.into_any(),
                    };
                    let refill = Refill::read(CALL_FIELDS).or_saved("publish", &[
                        ("criteria", pt.criteria_example),
                    ]);
                    let field = |name: &'static str, label: &'static str, input: Input, hint: Option<&'static str>| {
                        refill.field("publish", name, label, input, hint)
                    };
                    view! {
                        <p class="breadcrumb">
                            <a href="/projects">{pt.list_title}</a> " › "
                            <a href=format!("/communities/{}", data.community)>{data.name.get(lang).to_owned()}</a>
                        </p>
                        <h1>{pt.publish_title}</h1>
                        <p class="lead">{pt.publish_lead}</p>
                        <ProjectMessages />
                        <form id="publish" class="stack-form panel" method="post" action=format!("/communities/{}/projects", data.community)>
                            {field("plan_only", pt.plan_only_label, Input::Check, Some(pt.plan_only_hint))}
                            {field("title", pt.title_label, Input::Text, None)}
                            {field("summary", pt.summary_label, Input::Textarea, None)}
                            {field("requirements", pt.requirements_label, Input::Textarea, Some(pt.requirements_hint))}
                            {field("eligibility", pt.eligibility_label, Input::Textarea, None)}
                            {field("budget_cap", pt.cap_field, Input::Text, Some(pt.cap_hint))}
                            {field("deadline", pt.deadline_field, Input::DateTime, Some(pt.deadline_hint))}
                            {field("criteria", pt.criteria_label, Input::Textarea, Some(pt.criteria_hint))}
                            {field("evaluators", pt.evaluators_label, Input::Textarea, Some(pt.evaluators_hint))}
                            {field("deliberation", pt.deliberation_label, Input::Text, Some(pt.deliberation_hint))}
                            {field("need", lt.need_field, Input::Text, Some(lt.need_hint))}
                            {field("resources", lt.resources_field, Input::Text, Some(lt.resources_hint))}
                            <button type="submit" class="button">{pt.publish_button}</button>
                        </form>
                    }.into_any()
                })}
            </Suspense>
        </div>
    }
}
