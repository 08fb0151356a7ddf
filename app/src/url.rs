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

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn values_are_encoded_for_a_query() {
        assert_eq!(encode("abc-123"), "abc-123");
        assert_eq!(
            encode("/communities?q=翠&a=1"),
            "%2Fcommunities%3Fq%3D%E7%BF%A0%26a%3D1"
        );
    }
}
