use leptos::prelude::*;

use crate::{
    api::deliberations::deliberation_records,
    components::{ErrorNotice, Loading},
    i18n::{beijing_time, deliberation::use_dt},
    pages::route_id,
};

/// `/deliberations/:id/record`: every published version of the decision
/// record, its fingerprint, and whether the chain checks out.
#[component]
pub fn RecordPage() -> impl IntoView {
    let dt = use_dt();
    let id = route_id();
    let data = Resource::new(id, deliberation_records);
    view! {
        <crate::components::PageHead title=dt.record_title />
        <div class="wrap section narrow">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(r) => {
                            let status = if r.versions.is_empty() {
                                view! { <p class="empty">{dt.record_none}</p> }.into_any()
                            } else if let Some(v) = r.broken {
                                view! { <p class="form-error" role="alert">{(dt.record_broken)(v)}</p> }.into_any()
                            } else {
                                view! { <p class="notice-ok" role="status">{dt.record_verified}</p> }.into_any()
                            };
                            view! {
                                <p class="breadcrumb">
                                    <a href=format!("/deliberations/{}", r.summary.id)>{dt.back_to_deliberation}</a>
                                </p>
                                <h1>{dt.record_title} " · " {r.summary.title.clone()}</h1>
                                <p class="lead">{dt.record_lead}</p>
                                {status}
                                <p class="hint">{dt.how_to_verify}</p>
                                {r.versions.into_iter().rev().map(|v| {
                                    let heading = format!("record-v{}", v.version);
                                    let labelled = heading.clone();
                                    view! {
                                        <section class="panel record-version" aria-labelledby=labelled>
                                            <h2 id=heading>{(dt.version_label)(v.version)} " · " <time>{beijing_time(v.published_at)}</time></h2>
                                            <p>{dt.fingerprint_label} ": " <code class="fingerprint">{v.fingerprint}</code></p>
                                            <p><a class="button button-quiet" href=format!("/decision-records/{}/{}", r.summary.id, v.version) download="">{dt.download_version}</a></p>
                                            <pre class="record-text" tabindex="0">{v.content}</pre>
                                        </section>
                                    }
                                }).collect_view()}
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
