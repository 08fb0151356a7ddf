//! Linli's interface: one Leptos app, rendered on the server and hydrated in
//! the browser. Pages read and change data only through server functions in
//! [`api`], which call the service layer on the server.

// Leptos views are deeply nested types; release builds need the headroom.
#![recursion_limit = "256"]

pub mod api;
mod components;
mod error;
pub mod i18n;
mod pages;
mod url;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};
use linli_model::Lang;

pub use error::AppError;

/// The cookie that remembers the chosen interface language.
pub const LANG_COOKIE: &str = "linli_lang";

/// Reads the language cookie out of a `Cookie` request header.
pub fn lang_from_cookie_header(header: &str) -> Option<Lang> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Lang::from_tag(value))
}

/// The language of this request: the cookie on the server; on the client,
/// the `<html lang>` the server rendered, so hydration matches exactly.
fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get_all(http::header::COOKIE)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .find_map(lang_from_cookie_header)
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|tag| Lang::from_tag(&tag))
            .unwrap_or_default()
    }
}

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b5d4b" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = request_lang();
    provide_context(lang);
    let t = i18n::catalogue(lang);
    // Effects run only in the browser, after hydration: the mark tells
    // tests (and curious people) that the page is interactive.
    Effect::new(|| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="leptos" href="/pkg/linli.css" />
        <Title formatter=move |page: String| {
            if page.is_empty() {
                format!("{} · {}", t.site_name, t.site_tagline)
            } else {
                format!("{page} · {}", t.site_name)
            }
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
                </Routes>
            </main>
            <components::SiteFooter />
        </Router>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_cookie_is_found_among_others() {
        assert_eq!(
            lang_from_cookie_header("a=1; linli_lang=en; b=2"),
            Some(Lang::En)
        );
        assert_eq!(
            lang_from_cookie_header("linli_lang=zh-CN"),
            Some(Lang::ZhCn)
        );
        assert_eq!(lang_from_cookie_header("linli_lang=xx"), None);
        assert_eq!(lang_from_cookie_header("other=en"), None);
        assert_eq!(lang_from_cookie_header(""), None);
    }
}
