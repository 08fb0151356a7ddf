//! The staff forms that add to a community's lists. Each posts to the
//! community (see the server's routes); a failed post comes back refilled.
//! Links may prefill a form the same way (`which=need&source=matter&…`).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    AppError,
    api::lists::community_form,
    components::{ErrorNotice, Input, Loading, Refill},
    i18n::{lists::use_lt, use_lang},
    pages::account::FormMessages,
};

/// One field of a form: name, label, control, hint.
type Field = (&'static str, &'static str, Input, Option<&'static str>);

/// What differs between the forms.
#[derive(Clone, Copy)]
struct FormSpec {
    /// Names the form and its refill.
    which: &'static str,
    title: &'static str,
    lead: &'static str,
    /// The list it adds to: (path, name).
    list: (&'static str, &'static str),
    /// Where it posts, after `/communities/{code}/`.
    action: &'static str,
    button: &'static str,
    /// Said once before the fields after the first `split` ones.
    note: Option<(usize, &'static str)>,
}

#[component]
fn CommunityForm(spec: FormSpec, fields: Vec<Field>) -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let data = Resource::new(code, community_form);
    let names: Vec<&'static str> = fields.iter().map(|f| f.0).collect();
    view! {
        <crate::components::PageHead title=spec.title />
        <div class="wrap section narrow">
            <Suspense fallback=Loading>
                {move || {
                    let fields = fields.clone();
                    let names = names.clone();
                    Suspend::new(async move {
                        let data = match data.await {
                            Ok(d) if d.keeps => d,
                            Ok(_) => return view! { <ErrorNotice error=AppError::Denied(linli_model::role::Denied::NotPermitted) /> }.into_any(),
                            Err(error) => return view! { <ErrorNotice error /> }.into_any(),
                        };
                        let refill = Refill::read(&names);
                        let controls = fields.into_iter().enumerate().map(|(i, (name, label, input, hint))| {
                            let note = spec.note.filter(|(at, _)| *at == i).map(|(_, text)| view! { <p class="hint form-note">{text}</p> });
                            view! { {note} {refill.field(spec.which, name, label, input, hint)} }
                        }).collect_view();
                        view! {
                            <p class="breadcrumb">
                                <a href=spec.list.0>{spec.list.1}</a> " › "
                                <a href=format!("/communities/{}", data.community)>{data.name.get(lang).to_owned()}</a>
                            </p>
                            <h1>{spec.title}</h1>
                            <p class="lead">{spec.lead}</p>
                            <FormMessages />
                            <form id=spec.which class="stack-form panel" method="post" action=format!("/communities/{}/{}", data.community, spec.action)>
                                {controls}
                                <button type="submit" class="button">{spec.button}</button>
                            </form>
                        }.into_any()
                    })
                }}
            </Suspense>
        </div>
    }
}

/// `/communities/:code/needs/new`
#[component]
pub fn NewNeedPage() -> impl IntoView {
    let lt = use_lt();
    let spec = FormSpec {
        which: "need",
        title: lt.need_form_title,
        lead: lt.need_form_lead,
        list: ("/needs", lt.needs_title),
        action: "needs",
        button: lt.add_need_button,
        note: None,
    };
    let fields = vec![
        ("title", lt.title_label, Input::Text, None),
        ("detail", lt.detail_label, Input::Textarea, None),
        (
            "category",
            lt.category_label,
            Input::Select(lt.categories),
            None,
        ),
        ("source", lt.source_label, Input::Select(lt.sources), None),
        (
            "source_id",
            lt.source_id_label,
            Input::Text,
            Some(lt.source_id_hint),
        ),
        (
            "affected",
            lt.affected_label,
            Input::Text,
            Some(lt.affected_hint),
        ),
    ];
    view! { <CommunityForm spec fields /> }
}

/// `/communities/:code/resources/new`
#[component]
pub fn NewResourcePage() -> impl IntoView {
    let lt = use_lt();
    let spec = FormSpec {
        which: "resource",
        title: lt.resource_form_title,
        lead: lt.resource_form_lead,
        list: ("/resources", lt.resources_title),
        action: "resources",
        button: lt.add_resource_button,
        note: Some((5, lt.venue_only)),
    };
    let fields = vec![
        ("kind", lt.kind_label, Input::Select(lt.kinds), None),
        ("name", lt.name_label, Input::Text, None),
        ("detail", lt.resource_detail_label, Input::Textarea, None),
        ("owner", lt.owner_label, Input::Text, None),
        (
            "contact",
            lt.contact_label,
            Input::Text,
            Some(lt.contact_hint),
        ),
        ("area_m2", lt.area_label, Input::Text, None),
        ("opening_hours", lt.hours_label, Input::Text, None),
        ("accessible", lt.accessible_label, Input::Check, None),
        ("bookable", lt.bookable_label, Input::Check, None),
        ("members", lt.members_label, Input::Text, None),
        (
            "organisation",
            lt.organisation_label,
            Input::Text,
            Some(lt.organisation_hint),
        ),
        ("amount", lt.amount_field, Input::Text, None),
    ];
    view! { <CommunityForm spec fields /> }
}

/// `/communities/:code/responsibilities/new`
#[component]
pub fn NewResponsibilityPage() -> impl IntoView {
    let lt = use_lt();
    let spec = FormSpec {
        which: "responsibility",
        title: lt.responsibility_form_title,
        lead: lt.responsibility_form_lead,
        list: ("/responsibilities", lt.responsibilities_title),
        action: "responsibilities",
        button: lt.add_responsibility_button,
        note: None,
    };
    let fields = vec![
        ("duty", lt.duty_label, Input::Select(lt.duties), None),
        (
            "subject",
            lt.subject_label,
            Input::Text,
            Some(lt.subject_hint),
        ),
        ("name", lt.person_label, Input::Text, None),
        ("phone", lt.phone_field, Input::Text, Some(lt.phone_hint)),
    ];
    view! { <CommunityForm spec fields /> }
}
