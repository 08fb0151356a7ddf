//! Linli's interface: one Leptos app, rendered on the server and hydrated in
//! the browser. Pages read and change data only through server functions in
//! [`api`], which call the service layer on the server.

// Leptos views are deeply nested types; release builds need the headroom.
#![recursion_limit = "256"]

pub mod api;
mod assets;
mod components;
pub mod cookies;
mod error;
pub mod i18n;
pub mod islands;
mod pages;
mod raw_text;
pub mod shown_once;
pub mod url;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};
use linli_model::Lang;

pub use assets::Assets;
#[cfg(feature = "ssr")]
pub use components::account_links_html;
pub use cookies::{LANG_COOKIE, SESSION_COOKIE, TYPED_BACK_COOKIE};
pub use error::AppError;

/// The language of this request, from its cookie. Pages render only on
/// the server; islands get their words as props.
fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        with_context::<http::request::Parts, _>(|parts| lang_of(&parts.headers)).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Lang::default()
    }
}

/// A value the server's middleware put on this request. It borrows the
/// request's parts: `use_context` would clone them, headers and every
/// extension, for each question a render asks (issue 22).
#[cfg(feature = "ssr")]
pub(crate) fn request_extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    with_context::<http::request::Parts, _>(|parts| parts.extensions.get::<T>().cloned()).flatten()
}

/// The language a request's cookie asks for.
#[cfg(feature = "ssr")]
pub fn lang_of(headers: &http::HeaderMap) -> Lang {
    cookies::find(headers, cookies::LANG_COOKIE)
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

/// The HTML document around the app; rendered on the server only. It
/// takes no `LeptosOptions`: cloning and dropping them for every render
/// was half a percent of a rendered page's CPU (issue 22).
pub fn shell() -> impl IntoView {
    // Islands mode: outside an island nothing is hydrated, so the page
    // carries neither hydration markers nor serialized resources.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let lang = request_lang();
    let assets = use_context::<Assets>().unwrap_or_default();
    #[cfg(feature = "ssr")]
    content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b5d4b" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <script type="module" nonce=leptos::nonce::use_nonce()>
                    {assets.loader()}
                </script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// A Content-Security-Policy allowing only this site's scripts and the
/// inline scripts Leptos writes with this response's nonce; no inline event
/// handlers, no framing.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        &*nonce
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = request_lang();
    provide_context(lang);
    let t = i18n::catalogue(lang);
    if let Some(kept) = url::TypedBack::of_request() {
        provide_context(kept);
    }
    let css = use_context::<Assets>().unwrap_or_default().css;
    view! {
        <Stylesheet id="leptos" href=css />
        <Title formatter=move |page: String| {
            raw_text::raw_text(
                &if page.is_empty() {
                    format!("{} · {}", t.site_name, t.site_tagline)
                } else {
                    format!("{page} · {}", t.site_name)
                },
            )
        } />
        <Router>
            <components::SiteHeader />
            <main id="main" tabindex="-1">
                <Routes fallback=pages::NotFoundPage>
                    <Route path=path!("/") view=pages::HomePage ssr=SsrMode::Async />
                    <Route
                        path=path!("/communities")
                        view=pages::DirectoryPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/communities/:code")
                        view=pages::CommunityPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/sign-in") view=pages::SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/sign-up") view=pages::SignUpPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=pages::AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/forgot") view=pages::ForgotPage ssr=SsrMode::Async />
                    <Route path=path!("/reset/:token") view=pages::ResetPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/communities/:code/join")
                        view=pages::JoinPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/staff/audit") view=pages::AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/moderation") view=pages::ModerationDeskPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/assist") view=pages::AssistResidentPage ssr=SsrMode::Async />
                    <Route path=path!("/moderation/item") view=pages::ModerationItemPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/communities/:code/moderation")
                        view=pages::ModerationLogPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/api") view=pages::ApiDocsPage ssr=SsrMode::Async />
                    <Route path=path!("/open-data") view=pages::OpenDataPage ssr=SsrMode::Async />
                    <Route path=path!("/promises") view=pages::PromisesPage ssr=SsrMode::Async />
                    <Route path=path!("/promises/:id") view=pages::PromisePage ssr=SsrMode::Async />
                    <Route path=path!("/results") view=pages::ResultsPage ssr=SsrMode::Async />
                    <Route path=path!("/results/:id") view=pages::ResultPage ssr=SsrMode::Async />
                    <Route path=path!("/recurring/:community") view=pages::RecurringMattersPage ssr=SsrMode::Async />
                    <Route path=path!("/matters") view=pages::MattersPage ssr=SsrMode::Async />
                    <Route path=path!("/matters/stats") view=pages::StatsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/accountability")
                        view=pages::AccountabilityPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/standards") view=pages::StandardsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/staff/matters")
                        view=pages::WorkQueuePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/inbox") view=pages::InboxPage ssr=SsrMode::Async />
                    <Route path=path!("/matters/:id") view=pages::MatterPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/communities/:code/items")
                        view=pages::ItemsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/districts/:code/calendar")
                        view=pages::DistrictCalendarPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/communities/:code/settings")
                        view=pages::SettingsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/communities/:code/report")
                        view=pages::ReportPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/communities/:code/items/history")
                        view=pages::AdmissionHistoryPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff/admission")
                        view=pages::AdmissionDeskPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/needs")
                        view=pages::NeedsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/needs/:id")
                        view=pages::NeedPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/communities/:code/needs/new")
                        view=pages::NewNeedPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/resources")
                        view=pages::ResourcesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/resources/:id")
                        view=pages::ResourcePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/communities/:code/resources/new")
                        view=pages::NewResourcePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/responsibilities")
                        view=pages::ResponsibilitiesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/communities/:code/responsibilities/new")
                        view=pages::NewResponsibilityPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/projects") view=pages::ProjectsPage ssr=SsrMode::Async />
                    <Route path=path!("/projects/:id") view=pages::ProjectPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/communities/:code/projects/new")
                        view=pages::PublishPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/organisations") view=pages::OrganisationsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/organisations/register")
                        view=pages::RegisterPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/organisations/desk") view=pages::DeskPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/organisations/:id")
                        view=pages::OrganisationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/deliberations")
                        view=pages::DeliberationsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/deliberations/calendar")
                        view=pages::CalendarPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/deliberations/:id")
                        view=pages::DeliberationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/deliberations/:id/record")
                        view=pages::RecordPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/communities/:code/deliberations/new")
                        view=pages::StartPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/staff/memberships")
                        view=pages::StaffQueuePage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <components::SiteFooter />
        </Router>
    }
}
