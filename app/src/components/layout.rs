//! Header and footer around every page.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use linli_model::account::Viewer;

use crate::i18n::{Catalogue, use_lang, use_t};

#[component]
pub fn SiteHeader() -> impl IntoView {
    let t = use_t();
    let other = use_lang().other();
    let location = use_location();
    let path = location.pathname.get_untracked();
    // The switch returns to the same page in the other language; it is a
    // plain link (rel=external), so it works before and without hydration.
    let switch_href = move || {
        format!(
            "/lang/{}?next={}",
            other.tag(),
            crate::url::encode(&crate::url::here(&location))
        )
    };
    view! {
        <a class="skip-link" href="#main">
            {t.skip_to_content}
        </a>
        <header class="site-header">
            <div class="wrap header-inner">
                <a class="brand" href="/">
                    <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
                        <path d="M4 15 16 5l12 10v12H4Z" />
                        <path class="door" d="M13 27v-7h6v7" />
                    </svg>
                    <span class="brand-name">{t.site_name}</span>
                </a>
                // A disclosure, so the menu folds away on a phone and opens
                // without JavaScript; on a wide screen it is always open.
                <details class="site-menu">
                    <summary class="menu-button">
                        <svg class="menu-icon" viewBox="0 0 24 24" aria-hidden="true">
                            <path d="M3 6h18M3 12h18M3 18h18" />
                        </svg>
                        {t.menu}
                    </summary>
                    <div class="menu-body">
                        <nav class="site-nav" aria-label=t.nav_label>
                            {nav_link(&path, "/", true, t.nav_home)}
                            {nav_link(&path, "/communities", true, t.nav_directory)}
                            {nav_link(&path, "/matters", false, t.nav_matters)}
                            {nav_link(&path, "/deliberations", false, crate::i18n::deliberation::use_dt().nav)}
                            {nav_link(&path, "/projects", false, crate::i18n::projects::use_pt().nav)}
                            {nav_link(&path, "/needs", false, crate::i18n::lists::use_lt().nav)}
                            {nav_link(&path, "/accountability", false, crate::i18n::accountability::use_at().nav)}
                        </nav>
                        <AccountLinks />
                    </div>
                </details>
                <a
                    class="lang-switch"
                    href=switch_href
                    rel="external"
                    hreflang=other.tag()
                    lang=other.tag()
                    aria-label=t.switch_to_label
                >
                    {t.switch_to}
                </a>
            </div>
        </header>
        <AssistBanner />
    }
}

/// A header link, marked `aria-current="page"` within its section (only
/// on its own address when `exact`). A plain `<a>`: the router's `<A>`
/// built two memos and resolved its address for every render, and pages
/// render on the server only (issue 22).
fn nav_link(
    path: &str,
    href: &'static str,
    exact: bool,
    label: &'static str,
) -> impl IntoView + use<> {
    let current = path == href
        || !exact
            && path
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/'));
    view! {
        <a href=href aria-current=current.then_some("page")>
            {label}
        </a>
    }
}

/// While staff act for a resident, every page says so and offers to stop:
/// nobody should forget whose name they are writing in.
#[component]
fn AssistBanner() -> impl IntoView {
    let assisting: Option<linli_model::channel::Assisting> = SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            crate::api::assist::assisting_now()
        }
        #[cfg(not(feature = "ssr"))]
        {
            None
        }
    })
    .into_inner();
    let ct = crate::i18n::channels::use_ct();
    assisting.map(|a| {
        view! {
            <div class="assist-banner" role="status">
                <div class="wrap assist-banner-inner">
                    <p>{(ct.banner)(&a.resident_name, a.channel.channel())}</p>
                    <form method="post" action="/assist/stop">
                        <button type="submit" class="button button-stop">{ct.stop_button}</button>
                    </form>
                </div>
            </div>
        }
    })
}

/// The account links of the header, in their `<nav>`: the only part of
/// the list pages that differs between two people with the same roles, so
/// the page cache renders it alone (see [`account_links_html`]).
#[component]
fn AccountLinks() -> impl IntoView {
    let t = use_t();
    // Known on the server when the page is rendered: no resource and no
    // <Suspense>, whose streaming can lose a wake-up under load
    // (leptos-rs/leptos#4698).
    let (viewer, waiting): (Option<Viewer>, Option<u32>) = SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            (
                crate::api::account::viewer_now(),
                crate::api::matters::waiting_now(),
            )
        }
        #[cfg(not(feature = "ssr"))]
        {
            (None, None)
        }
    })
    .into_inner();
    let here = crate::url::here(&use_location());
    view! {
        <nav class="account-nav" aria-label=t.account_nav_label>
            {account_links(t, viewer.as_ref(), waiting, &here)}
        </nav>
    }
}

/// "Sign in" for visitors; the account link and sign-out for people
/// signed in, with staff's links to their work. Sign-out is a POST form: a
/// link could be triggered by any page that embeds it.
fn account_links(
    t: &'static Catalogue,
    viewer: Option<&Viewer>,
    waiting: Option<u32>,
    here: &str,
) -> AnyView {
    let Some(v) = viewer else {
        return view! {
            <a class="account-link" href=crate::url::sign_in_from(here)>
                {t.nav_sign_in}
            </a>
        }
        .into_any();
    };
    let work = waiting.map(|n| {
        view! {
            <a class="account-link work-link" href="/staff/matters">
                {t.nav_work}
                <span class="count-badge" aria-label=(t.waiting_count)(n)>
                    {n.to_string()}
                </span>
            </a>
        }
    });
    let staff = v
        .grants
        .iter()
        .any(|g| g.role().staff_rank().is_some_and(|r| r >= 2));
    view! {
        {work}
        {staff
            .then(|| {
                view! {
                    <a class="account-link" href="/staff/memberships">
                        {t.nav_staff}
                    </a>
                }
            })}
        <a class="account-link" href="/account" title=t.nav_account>
            {v.display_name.clone()}
        </a>
        <form method="post" action="/account/sign-out" class="inline-form">
            <button type="submit" class="link-button">
                {t.sign_out}
            </button>
        </form>
    }
    .into_any()
}

/// The inside of the header's account `<nav>` for one viewer, as the page
/// it is spliced into would have it.
#[cfg(feature = "ssr")]
pub fn account_links_html(
    lang: linli_model::Lang,
    viewer: Option<&Viewer>,
    waiting: Option<u32>,
    here: &str,
) -> String {
    account_links(crate::i18n::catalogue(lang), viewer, waiting, here).to_html()
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let t = use_t();
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>{t.footer_about}</p>
                <p>
                    <a href="/open-data">{t.footer_open_data}</a>
                    " · "
                    <a href="/api">{t.footer_api}</a>
                </p>
            </div>
        </footer>
    }
}
