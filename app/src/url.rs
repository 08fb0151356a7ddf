//! Building links, and reading the page's query.

use leptos::prelude::*;
use leptos_router::params::ParamsMap;

/// What a failed form typed, kept server-side (server/src/typed_back.rs)
/// and handed back to the one page it is for, as an encoded query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedBack {
    pub path: String,
    pub query: String,
}

impl TypedBack {
    pub fn new(path: String, fields: &[(String, String)]) -> Self {
        let query = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        Self { path, query }
    }

    /// This request's kept form, put there by the server's middleware.
    pub fn of_request() -> Option<Self> {
        #[cfg(feature = "ssr")]
        {
            crate::request_extension::<TypedBack>()
        }
        #[cfg(not(feature = "ssr"))]
        {
            None
        }
    }
}

/// The page's query, with a kept form's fields merged in: what pages read
/// their filters and refills from.
pub fn query() -> Memo<ParamsMap> {
    let raw = leptos_router::hooks::use_query_map();
    let location = leptos_router::hooks::use_location();
    let kept = use_context::<TypedBack>();
    Memo::new(move |_| {
        let mut map = raw.get();
        // Only the page the form came back to, not a later visit to it.
        if let Some(kept) = &kept
            && map.get_str("kept") == Some("1")
            && location.pathname.with(|p| *p == kept.path)
        {
            let pairs: Vec<(&str, &str)> = kept
                .query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .collect();
            // The kept fields win; a repeated one (ticked boxes) keeps
            // every value. `insert` decodes, as it does the URL's.
            for (k, _) in &pairs {
                map.remove(k);
            }
            for (k, v) in pairs {
                map.insert(k.to_owned(), v.to_owned());
            }
        }
        map
    })
}

/// Percent-encodes a value for a URL query, keeping only the unreserved
/// characters of RFC 3986.
pub fn encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // One string, not one per byte: every rendered page encodes its own
    // address for the language switch (issue 22).
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b));
            }
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            }
        }
    }
    out
}

/// The page being shown, path and query, as a `next=` value would carry it.
pub fn here(location: &leptos_router::location::Location) -> String {
    use leptos::prelude::Get;
    let path = location.pathname.get();
    let search = location.search.get();
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}

/// Sign-in that comes back to `page` afterwards; the sign-in pages
/// themselves return to the account page instead.
pub fn sign_in_from(page: &str) -> String {
    if page.starts_with("/sign-in") || page.starts_with("/sign-up") || page.starts_with("/reset") {
        "/sign-in".to_owned()
    } else {
        format!("/sign-in?next={}", encode(page))
    }
}

#[cfg(test)]
mod tests {
    use super::{encode, sign_in_from};

    #[test]
    fn sign_in_returns_to_the_page_but_not_to_itself() {
        assert_eq!(
            sign_in_from("/communities/1/report"),
            "/sign-in?next=%2Fcommunities%2F1%2Freport"
        );
        assert_eq!(sign_in_from("/sign-in?next=%2Fx"), "/sign-in");
    }

    #[test]
    fn values_are_encoded_for_a_query() {
        assert_eq!(encode("abc-123"), "abc-123");
        assert_eq!(
            encode("/communities?q=翠&a=1"),
            "%2Fcommunities%3Fq%3D%E7%BF%A0%26a%3D1"
        );
    }
}
