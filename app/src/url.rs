//! Building links.

/// Percent-encodes a value for a URL query, keeping only the unreserved
/// characters of RFC 3986.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
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
