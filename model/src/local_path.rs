//! Where a `next=` parameter may send a browser: a path on this site only.
//!
//! Browsers are lenient with `Location`: they drop tabs and line breaks,
//! read `\` as `/` and some decode `%2F`, so `/%09/evil.example` or
//! `/\evil.example` leave the site. The rule therefore looks at the value
//! as a browser might after any amount of decoding, and refuses instead of
//! repairing.

/// A path on this site, safe to put in a `Location` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalPath(String);

/// How many rounds of percent-decoding are looked through; deeper nesting
/// is refused outright.
const DECODE_ROUNDS: usize = 4;

impl LocalPath {
    /// `input` if it is a local path, else `None`.
    pub fn parse(input: &str) -> Option<Self> {
        let mut seen = input.to_owned();
        for _ in 0..DECODE_ROUNDS {
            if !is_plain_local(&seen) {
                return None;
            }
            match percent_decode(&seen) {
                Some(decoded) if decoded == seen => return Some(Self(input.to_owned())),
                Some(decoded) => seen = decoded,
                None => return None,
            }
        }
        None
    }

    /// `next` if it is a local path, else the home page.
    pub fn or_home(next: Option<&str>) -> Self {
        next.and_then(Self::parse)
            .unwrap_or_else(|| Self("/".to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One `/`, then something that is not a separator; no backslash, control
/// character or whitespace anywhere (a browser may drop or reinterpret
/// each of them).
fn is_plain_local(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/' | '\\'))
        && !s
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
}

/// Decodes `%XX` escapes; `None` when the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h)? * 16 + hex(l)?) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::LocalPath;

    #[test]
    fn local_paths_are_kept() {
        for ok in [
            "/",
            "/account",
            "/communities?q=%E7%BF%A0&page=2",
            "/matters/12#steps",
            "/communities/330203001001/report",
        ] {
            assert_eq!(
                LocalPath::parse(ok).map(|p| p.0),
                Some(ok.to_owned()),
                "{ok}"
            );
        }
    }

    /// Known ways off-site: protocol-relative, backslashes, schemes and
    /// whitespace that browsers strip, raw or percent-encoded once or twice.
    #[test]
    fn every_known_bypass_goes_home() {
        for bad in [
            "",
            "//evil.example/",
            "///evil.example/",
            "/\\evil.example",
            "\\/evil.example",
            "\\\\evil.example",
            "/%09/evil.example/",
            "/\t/evil.example/",
            "/%0a/evil.example/",
            "/%0d%0a/evil.example/",
            "/%2F/evil.example/",
            "/%2f%2fevil.example",
            "%2F%2Fevil.example",
            "/%5Cevil.example",
            "/%255Cevil.example",
            "/%252F/evil.example",
            "/%25252F/evil.example",
            "/ /evil.example",
            "/%20/evil.example",
            "/\u{0}evil",
            "https://evil.example/",
            "http:evil.example",
            "javascript:alert(1)",
            "data:text/html,x",
            "evil.example",
            "/%ZZ%C3%28",
        ] {
            assert!(LocalPath::parse(bad).is_none(), "{bad:?} must be refused");
            assert_eq!(LocalPath::or_home(Some(bad)).as_str(), "/");
        }
        assert_eq!(LocalPath::or_home(None).as_str(), "/");
    }
}
