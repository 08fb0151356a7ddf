//! Reporting a matter and rating it: what a resident types, and the
//! checked values the server accepts.

use serde::{Deserialize, Serialize};

use super::PhotoId;
use crate::{
    account::{FieldError, FieldErrors},
    tree::{CommunityCode, GridCode},
};

/// A report as typed. Every field is text so that a form that fails comes
/// back exactly as the resident left it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatterForm {
    pub grid: String,
    pub category: String,
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub latitude: String,
    #[serde(default)]
    pub longitude: String,
    /// Show the reporter's name on the public page ("on", "true" or empty).
    #[serde(default)]
    pub show_name: String,
    /// A key the form makes once, so a double submit creates one matter.
    #[serde(default)]
    pub key: String,
    /// Names of photos already received and stored, separated by commas:
    /// a form that comes back with a mistake keeps its photos this way.
    #[serde(default)]
    pub photos: String,
}

/// A report that passed every rule that needs no database.
#[derive(Debug, Clone, PartialEq)]
pub struct MatterReport {
    pub community: CommunityCode,
    pub grid: GridCode,
    pub category: String,
    pub title: String,
    pub description: String,
    pub address: Option<String>,
    pub point: Option<(f64, f64)>,
    pub show_name: bool,
    pub key: String,
    pub photos: Vec<PhotoId>,
}

impl MatterReport {
    pub const TITLE_MIN: usize = 4;
    pub const TITLE_MAX: usize = 60;
    pub const DESCRIPTION_MIN: usize = 10;
    pub const DESCRIPTION_MAX: usize = 2000;
    pub const ADDRESS_MAX: usize = 100;
}

/// Text fields of a report: several lines allowed.
fn text(input: &str, min: usize, max: usize) -> Result<String, FieldError> {
    crate::account::text(input, min, max, true)
}

fn coordinate(input: &str, limit: f64) -> Result<Option<f64>, FieldError> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limit => Ok(Some(v)),
        _ => Err(FieldError::NumberRange(0, limit as usize)),
    }
}

/// A report whose content passed every rule, not yet in a grid: what an
/// Open311 client sends with only a position or an address.
#[derive(Debug, Clone, PartialEq)]
pub struct UnplacedReport {
    pub category: String,
    pub title: String,
    pub description: String,
    pub address: Option<String>,
    pub point: Option<(f64, f64)>,
    pub show_name: bool,
    pub key: String,
    pub photos: Vec<PhotoId>,
}

impl UnplacedReport {
    pub fn placed(self, grid: GridCode) -> MatterReport {
        MatterReport {
            community: grid.community(),
            grid,
            category: self.category,
            title: self.title,
            description: self.description,
            address: self.address,
            point: self.point,
            show_name: self.show_name,
            key: self.key,
            photos: self.photos,
        }
    }
}

impl MatterForm {
    /// Checks the report for `community`; all problems at once.
    pub fn parse(&self, community: &CommunityCode) -> Result<MatterReport, FieldErrors> {
        match self.parse_in(Some(community)) {
            (Some(grid), Ok(content)) => Ok(content.placed(grid)),
            (_, Err(errors)) => Err(errors),
            (None, Ok(_)) => Err(vec![("grid".to_owned(), FieldError::Required)]),
        }
    }

    /// Checks everything but the grid, which is not known yet.
    pub fn parse_unplaced(&self) -> Result<UnplacedReport, FieldErrors> {
        self.parse_in(None).1
    }

    /// The grid (checked only against a community) and the content; the
    /// errors of both together.
    fn parse_in(
        &self,
        community: Option<&CommunityCode>,
    ) -> (Option<GridCode>, Result<UnplacedReport, FieldErrors>) {
        let mut errors: FieldErrors = Vec::new();
        let mut field = |name: &str, e: FieldError| errors.push((name.to_owned(), e));
        let grid = community.and_then(|community| match GridCode::parse(self.grid.trim()) {
            Ok(g) if g.community() == *community => Some(g),
            Ok(_) => {
                field("grid", FieldError::NotInCommunity);
                None
            }
            Err(_) if self.grid.trim().is_empty() => {
                field("grid", FieldError::Required);
                None
            }
            Err(_) => {
                field("grid", FieldError::NotInCommunity);
                None
            }
        });
        let category = self.category.trim();
        let category_ok = !category.is_empty()
            && category.len() <= 40
            && category
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_');
        if category.is_empty() {
            field("category", FieldError::Required);
        } else if !category_ok {
            field("category", FieldError::NotAChoice);
        }
        let title = text(
            &self.title,
            MatterReport::TITLE_MIN,
            MatterReport::TITLE_MAX,
        )
        .map_err(|e| field("title", e))
        .ok();
        let description = text(
            &self.description,
            MatterReport::DESCRIPTION_MIN,
            MatterReport::DESCRIPTION_MAX,
        )
        .map_err(|e| field("description", e))
        .ok();
        let address = if self.address.trim().is_empty() {
            Some(None)
        } else {
            text(&self.address, 1, MatterReport::ADDRESS_MAX)
                .map_err(|e| field("address", e))
                .ok()
                .map(Some)
        };
        let lat = coordinate(&self.latitude, 90.0).map_err(|e| field("latitude", e));
        let lon = coordinate(&self.longitude, 180.0).map_err(|e| field("longitude", e));
        let point = match (lat, lon) {
            (Ok(Some(a)), Ok(Some(b))) => Some(Some((a, b))),
            (Ok(None), Ok(None)) => Some(None),
            (Ok(None), Ok(Some(_))) => {
                field("latitude", FieldError::Required);
                None
            }
            (Ok(Some(_)), Ok(None)) => {
                field("longitude", FieldError::Required);
                None
            }
            _ => None,
        };
        let key = self.key.trim();
        let key_ok = (16..=64).contains(&key.len())
            && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !key_ok {
            field("key", FieldError::NotAChoice);
        }
        let photos = PhotoId::parse_list(&self.photos)
            .map_err(|e| field("photos", e))
            .ok();
        let content = match (title, description, address, point, photos) {
            (Some(title), Some(description), Some(address), Some(point), Some(photos))
                if errors.is_empty() =>
            {
                Ok(UnplacedReport {
                    category: category.to_owned(),
                    title,
                    description,
                    address,
                    point,
                    show_name: matches!(self.show_name.trim(), "on" | "true" | "1"),
                    key: key.to_owned(),
                    photos,
                })
            }
            _ => Err(errors),
        };
        (grid, content)
    }
}

/// "民事民评": one to five stars; read through [`Rating::new`], so no
/// client can store a sixth star or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "Stars")]
pub struct Rating {
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    stars: u8,
}

/// A rating as it arrives, before its bounds are checked.
#[derive(Deserialize)]
struct Stars {
    stars: u8,
}

impl TryFrom<Stars> for Rating {
    type Error = FieldError;

    fn try_from(raw: Stars) -> Result<Self, FieldError> {
        Rating::new(raw.stars)
    }
}

impl Rating {
    pub fn new(stars: u8) -> Result<Self, FieldError> {
        if (1..=5).contains(&stars) {
            Ok(Self { stars })
        } else {
            Err(FieldError::NumberRange(1, 5))
        }
    }

    pub fn stars(self) -> u8 {
        self.stars
    }
}

/// A rating as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingForm {
    pub stars: String,
    #[serde(default)]
    pub comment: String,
}

impl RatingForm {
    pub fn parse(&self) -> Result<(Rating, Option<super::state::RatingComment>), FieldErrors> {
        let mut errors: FieldErrors = Vec::new();
        let rating = self
            .stars
            .trim()
            .parse::<u8>()
            .map_err(|_| FieldError::NumberRange(1, 5))
            .and_then(Rating::new)
            .map_err(|e| errors.push(("stars".into(), e)))
            .ok();
        let comment = crate::text::Text::optional(&self.comment)
            .map_err(|e| errors.push(("comment".into(), e)))
            .ok();
        match (rating, comment) {
            (Some(r), Some(c)) => Ok((r, c)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn community() -> CommunityCode {
        CommunityCode::parse("33020310100112101").expect("valid")
    }

    fn good() -> MatterForm {
        MatterForm {
            grid: "33020310100112101002".into(),
            category: "public_facilities".into(),
            title: "3幢门口路灯不亮".into(),
            description: "3幢门口的路灯已经坏了一周，晚上老人出门看不清台阶。".into(),
            address: "3幢1单元门口".into(),
            latitude: "29.87".into(),
            longitude: "121.55".into(),
            show_name: "on".into(),
            key: "a1b2c3d4e5f6a7b8".into(),
            photos: String::new(),
        }
    }

    #[test]
    fn a_good_report_parses() {
        let report = good().parse(&community()).expect("valid");
        assert_eq!(report.grid.as_str(), "33020310100112101002");
        assert_eq!(report.point, Some((29.87, 121.55)));
        assert!(report.show_name);
        let quiet = MatterForm {
            show_name: String::new(),
            latitude: String::new(),
            longitude: String::new(),
            ..good()
        };
        let report = quiet.parse(&community()).expect("valid");
        assert!(!report.show_name);
        assert_eq!(report.point, None);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = MatterForm {
            grid: "33020310100112102001".into(),
            category: String::new(),
            title: "灯".into(),
            description: " ".into(),
            address: String::new(),
            latitude: "91".into(),
            longitude: String::new(),
            show_name: String::new(),
            key: "short".into(),
            photos: "../etc/passwd".into(),
        };
        let errors = bad.parse(&community()).expect_err("invalid");
        let fields: Vec<(&str, FieldError)> =
            errors.iter().map(|(f, e)| (f.as_str(), *e)).collect();
        assert_eq!(
            fields,
            vec![
                ("grid", FieldError::NotInCommunity),
                ("category", FieldError::Required),
                ("title", FieldError::TooShort(4)),
                ("description", FieldError::Required),
                ("latitude", FieldError::NumberRange(0, 90)),
                ("key", FieldError::NotAChoice),
                ("photos", FieldError::NotAChoice),
            ]
        );
        let half = MatterForm {
            longitude: String::new(),
            ..good()
        };
        assert_eq!(
            half.parse(&community()),
            Err(vec![("longitude".into(), FieldError::Required)])
        );
    }

    #[test]
    fn ratings_are_one_to_five_stars() {
        assert_eq!(Rating::new(0), Err(FieldError::NumberRange(1, 5)));
        assert_eq!(Rating::new(6), Err(FieldError::NumberRange(1, 5)));
        let form = RatingForm {
            stars: "4".into(),
            comment: " 修得很快 ".into(),
        };
        let (rating, comment) = form.parse().expect("valid");
        assert_eq!(
            (rating.stars(), comment.as_ref().map(|c| c.as_str())),
            (4, Some("修得很快"))
        );
        let bad = RatingForm {
            stars: "x".into(),
            comment: "好".repeat(501),
        };
        assert_eq!(
            bad.parse(),
            Err(vec![
                ("stars".into(), FieldError::NumberRange(1, 5)),
                ("comment".into(), FieldError::TooLong(500))
            ])
        );
    }
}
