//! Photos attached to a report. The server names each stored photo by the
//! SHA-256 of its re-encoded bytes, so a name is 64 lowercase hex digits
//! and nothing else can reach the file system through it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::account::FieldError;

/// Photos one report may carry.
pub const MAX_PHOTOS: usize = 5;
/// Largest photo file accepted, before any decoding.
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;

/// A stored photo's name: the hex SHA-256 of its content.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String))]
pub struct PhotoId(String);

impl PhotoId {
    pub fn parse(input: &str) -> Option<Self> {
        let s = input.trim();
        (s.len() == 64
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
        .then(|| Self(s.to_owned()))
    }

    /// Photo names as a form carries them back: separated by commas. At
    /// most [`MAX_PHOTOS`]; repeats count once.
    pub fn parse_list(input: &str) -> Result<Vec<Self>, FieldError> {
        let mut photos: Vec<Self> = Vec::new();
        for piece in input.split(',').filter(|p| !p.trim().is_empty()) {
            let id = Self::parse(piece).ok_or(FieldError::NotAChoice)?;
            if !photos.contains(&id) {
                photos.push(id);
            }
        }
        if photos.len() > MAX_PHOTOS {
            return Err(FieldError::LimitReached(MAX_PHOTOS));
        }
        Ok(photos)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where the full photo is served.
    pub fn url(&self) -> String {
        format!("/photos/{}.jpg", self.0)
    }

    /// Where its thumbnail is served.
    pub fn thumb_url(&self) -> String {
        format!("/photos/{}.thumb.jpg", self.0)
    }
}

impl fmt::Display for PhotoId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PhotoId {
    type Error = &'static str;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s).ok_or("not a photo name")
    }
}

impl From<PhotoId> for String {
    fn from(id: PhotoId) -> Self {
        id.0
    }
}

/// A photo as a matter page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoView {
    pub id: PhotoId,
    pub width: u32,
    pub height: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn only_hex_sha256_names_are_photo_ids() {
        assert!(PhotoId::parse(A).is_some());
        for bad in [
            "",
            "../../etc/passwd",
            &A[..63],
            &A.to_uppercase(),
            &format!("{}/", &A[..63]),
            &format!("{A}0"),
        ] {
            assert_eq!(PhotoId::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_list_keeps_order_drops_repeats_and_stops_at_five() {
        let b = A.replace('0', "1");
        let list = PhotoId::parse_list(&format!("{b}, {A},{b},")).expect("two photos");
        assert_eq!(
            list.iter().map(PhotoId::as_str).collect::<Vec<_>>(),
            [b.as_str(), A]
        );
        let six: Vec<String> = (0..6).map(|i| A.replace('0', &i.to_string())).collect();
        assert_eq!(
            PhotoId::parse_list(&six.join(",")),
            Err(FieldError::LimitReached(MAX_PHOTOS))
        );
        assert_eq!(PhotoId::parse_list("nope"), Err(FieldError::NotAChoice));
        assert_eq!(PhotoId::parse_list(""), Ok(Vec::new()));
    }
}
