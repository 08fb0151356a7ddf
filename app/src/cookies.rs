//! Reading cookies, on the server (pages, server functions and handlers).

/// The session cookie: an opaque random token, HttpOnly, SameSite=Lax.
pub const SESSION_COOKIE: &str = "linli_session";
/// The cookie that remembers the chosen interface language.
pub const LANG_COOKIE: &str = "linli_lang";
/// The secret that finds what a failed form typed (kept server-side for
/// ten minutes); HttpOnly, SameSite=Lax.
pub const TYPED_BACK_COOKIE: &str = "linli_typed";

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn find(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_is_found_among_others_and_headers() {
        let mut headers = http::HeaderMap::new();
        headers.append(
            http::header::COOKIE,
            "a=1; linli_lang=en".parse().expect("header"),
        );
        headers.append(
            http::header::COOKIE,
            "linli_session=abc".parse().expect("header"),
        );
        assert_eq!(find(&headers, LANG_COOKIE).as_deref(), Some("en"));
        assert_eq!(find(&headers, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(find(&headers, "missing"), None);
    }
}
