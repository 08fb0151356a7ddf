//! `/api`: the REST API explained for people who integrate with Linli. The
//! endpoint table comes from the server's OpenAPI document.

use leptos::prelude::*;

use crate::{
    api::docs::{Endpoint, api_endpoints},
    components::{ErrorNotice, Loading},
    i18n::use_t,
};

const ERROR_EXAMPLE: &str = r#"{"error": {"code": "invalid", "message": "…",
  "fields": [{"field": "grid", "code": "required", "message": "…"}]}}"#;

#[component]
pub fn ApiDocsPage() -> impl IntoView {
    let t = use_t();
    let endpoints = Resource::new(|| (), |_| api_endpoints());
    view! {
        <crate::components::PageHead title=t.api_title />
        <div class="wrap section">
            <h1>{t.api_title}</h1>
            <p class="lead">{t.api_lead}</p>
            <p>
                <a class="button" href="/api/v1/openapi.json" rel="external">
                    {t.api_openapi_link}
                </a>
            </p>
            <section class="panel" aria-labelledby="api-auth">
                <h2 id="api-auth">{t.api_auth_heading}</h2>
                <p>{t.api_auth_text}</p>
                <pre class="code-block"><code>"Authorization: Bearer linli_…"</code></pre>
            </section>
            <section class="panel" aria-labelledby="api-paging">
                <h2 id="api-paging">{t.api_paging_heading}</h2>
                <p>{t.api_paging_text}</p>
                <pre class="code-block"><code>"GET /api/v1/communities?q=海曙&limit=50&cursor=…"</code></pre>
            </section>
            <section class="panel" aria-labelledby="api-errors">
                <h2 id="api-errors">{t.api_errors_heading}</h2>
                <p>{t.api_errors_text}</p>
                <pre class="code-block"><code>{ERROR_EXAMPLE}</code></pre>
            </section>
            <section class="panel" aria-labelledby="api-limits">
                <h2 id="api-limits">{t.api_limits_heading}</h2>
                <p>{t.api_limits_text}</p>
            </section>
            <section aria-labelledby="api-endpoints">
                <h2 id="api-endpoints">{t.api_endpoints_heading}</h2>
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match endpoints.await {
                            Ok(list) => view! { <EndpointTable list /> }.into_any(),
                            Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </div>
    }
}

#[component]
fn EndpointTable(list: Vec<Endpoint>) -> impl IntoView {
    let t = use_t();
    let rows = list
        .into_iter()
        .map(|e| {
            let class = format!("method method-{}", e.method.to_lowercase());
            view! {
                <tr>
                    <td>
                        <span class=class>
                            {e.method}
                        </span>
                    </td>
                    <td class="code">{e.path}</td>
                    <td>{e.summary}</td>
                    <td>{if e.needs_token { t.yes } else { t.no }}</td>
                </tr>
            }
        })
        .collect_view();
    // A wide table scrolls sideways on phones; the region takes keyboard
    // focus so that it can be scrolled without a pointer.
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="api-endpoints">
            <table class="grid-table api-table">
                <thead>
                    <tr>
                        <th scope="col">{t.api_method}</th>
                        <th scope="col">{t.api_path}</th>
                        <th scope="col">{t.api_summary}</th>
                        <th scope="col">{t.api_needs_token}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
