//! Moderation in the open. Anyone signed in may report what breaks the
//! rules; the community's council or staff hide it, or restore it, with a
//! reason everyone can read. The log of those decisions is public and names
//! the role that decided, never who reported.

use serde::{Deserialize, Serialize};

use crate::{
    account::{FieldError, text},
    matter::PhotoId,
    role::Role,
};

/// Something people wrote or posted that can be reported and hidden.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Content {
    Statement(i64),
    Topic(i64),
    Objection(i64),
    /// A matter's description; its title, place and timeline stay.
    Matter(i64),
    Photo(PhotoId),
    /// Everything one person voted in a deliberation's statements; "hidden"
    /// means their votes leave the opinion groups (a sock puppet, a bot).
    Participant(Participant),
}

/// A participant as the open vote matrix names them: the deliberation
/// and their pseudonym there (12 hex digits), never the account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Participant {
    pub deliberation: i64,
    pub pseudonym: String,
}

/// Hex digits of a participant's pseudonym.
pub const PSEUDONYM_LEN: usize = 12;

impl Participant {
    /// `5-0a1b2c3d4e5f`: lower-case hex only, so a key names one person.
    fn parse(key: &str) -> Option<Participant> {
        let (deliberation, pseudonym) = key.split_once('-')?;
        let deliberation = deliberation.parse::<i64>().ok().filter(|d| *d > 0)?;
        let hex = pseudonym.len() == PSEUDONYM_LEN
            && pseudonym
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        hex.then(|| Participant {
            deliberation,
            pseudonym: pseudonym.to_owned(),
        })
    }
}

/// The kind of a [`Content`], for labels, filters and the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Statement,
    Topic,
    Objection,
    Matter,
    Photo,
    Participant,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Statement,
        Kind::Topic,
        Kind::Objection,
        Kind::Matter,
        Kind::Photo,
        Kind::Participant,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Statement => "statement",
            Kind::Topic => "topic",
            Kind::Objection => "objection",
            Kind::Matter => "matter",
            Kind::Photo => "photo",
            Kind::Participant => "participant",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl Content {
    pub fn kind(&self) -> Kind {
        match self {
            Content::Statement(_) => Kind::Statement,
            Content::Topic(_) => Kind::Topic,
            Content::Objection(_) => Kind::Objection,
            Content::Matter(_) => Kind::Matter,
            Content::Photo(_) => Kind::Photo,
            Content::Participant(_) => Kind::Participant,
        }
    }

    /// The id within its kind, as stored (`content_key`).
    pub fn key(&self) -> String {
        match self {
            Content::Statement(id)
            | Content::Topic(id)
            | Content::Objection(id)
            | Content::Matter(id) => id.to_string(),
            Content::Photo(photo) => photo.as_str().to_owned(),
            Content::Participant(p) => format!("{}-{}", p.deliberation, p.pseudonym),
        }
    }

    pub fn from_parts(kind: Kind, key: &str) -> Option<Content> {
        let id = || key.parse::<i64>().ok().filter(|id| *id > 0);
        Some(match kind {
            Kind::Statement => Content::Statement(id()?),
            Kind::Topic => Content::Topic(id()?),
            Kind::Objection => Content::Objection(id()?),
            Kind::Matter => Content::Matter(id()?),
            Kind::Photo => Content::Photo(PhotoId::parse(key)?),
            Kind::Participant => Content::Participant(Participant::parse(key)?),
        })
    }

    /// `kind:key`, as links and forms carry it (`statement:12`).
    pub fn parse(s: &str) -> Option<Content> {
        let (kind, key) = s.split_once(':')?;
        Content::from_parts(Kind::parse(kind)?, key)
    }

    /// The page to report or moderate it on.
    pub fn moderation_url(&self) -> String {
        format!("/moderation/item?what={self}")
    }
}

impl std::fmt::Display for Content {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.kind().as_str(), self.key())
    }
}

impl TryFrom<String> for Content {
    type Error = String;

    fn try_from(value: String) -> Result<Self, String> {
        Content::parse(&value).ok_or_else(|| format!("not a reportable item: {value:?}"))
    }
}

impl From<Content> for String {
    fn from(value: Content) -> String {
        value.to_string()
    }
}

/// Why something was reported: the rules people agree to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Insults, threats, discrimination.
    Abuse,
    /// Someone's phone number, address or ID in public.
    Privacy,
    /// Advertising or spam.
    Advert,
    /// Not about the matter or deliberation at hand.
    OffTopic,
    /// Says something false about people or facts.
    False,
    /// Anything else; needs a note.
    Other,
}

impl Reason {
    pub const ALL: [Reason; 6] = [
        Reason::Abuse,
        Reason::Privacy,
        Reason::Advert,
        Reason::OffTopic,
        Reason::False,
        Reason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Abuse => "abuse",
            Reason::Privacy => "privacy",
            Reason::Advert => "advert",
            Reason::OffTopic => "off_topic",
            Reason::False => "false",
            Reason::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Reason> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Characters of a reporter's note, and of a moderator's public reason.
pub const NOTE_MAX: usize = 200;
/// A public reason says something: "违规" alone explains nothing.
pub const PUBLIC_REASON_MIN: usize = 4;

/// A report as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportForm {
    pub reason: String,
    pub note: String,
}

/// A report that can be stored: a known reason, and a note when the reason
/// is "other".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub reason: Reason,
    pub note: Option<String>,
}

impl ReportForm {
    pub fn parse(&self) -> Result<Report, Vec<(String, FieldError)>> {
        let mut errors = Vec::new();
        let reason = Reason::parse(self.reason.trim());
        if reason.is_none() {
            errors.push(("reason".to_owned(), FieldError::NotAChoice));
        }
        let note = match text(&self.note, 1, NOTE_MAX, true) {
            Ok(note) => Some(note),
            Err(FieldError::Required) if reason != Some(Reason::Other) => None,
            Err(e) => {
                errors.push(("note".to_owned(), e));
                None
            }
        };
        match reason {
            Some(reason) if errors.is_empty() => Ok(Report { reason, note }),
            _ => Err(errors),
        }
    }
}

/// The reason a moderator gives, shown to everyone.
pub fn parse_public_reason(input: &str) -> Result<String, FieldError> {
    text(input, PUBLIC_REASON_MIN, NOTE_MAX, false)
}

/// What a moderator did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Hidden,
    Restored,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Hidden => "hidden",
            Decision::Restored => "restored",
        }
    }

    pub fn parse(s: &str) -> Option<Decision> {
        [Decision::Hidden, Decision::Restored]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}

/// One line of a community's public moderation log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogEntry {
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "statement:12"))]
    pub content: Content,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "hidden"))]
    pub decision: Decision,
    /// The public reason.
    pub reason: String,
    /// The role that decided (never the person, never the reporter).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "council_member"))]
    pub role: Role,
    pub at: i64,
    /// Where the item is (its deliberation or matter page).
    pub href: String,
}

/// A community's public log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationLog {
    pub community: String,
    pub community_name: crate::LocalName,
    pub page: crate::Page<LogEntry>,
}

/// How many reports an item has, by reason (the reporters stay unnamed,
/// even to moderators: a reason is judged on the item, not on who asked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonCount {
    pub reason: Reason,
    pub count: u32,
}

/// One reportable item, as its report page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemView {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "statement:12"))]
    pub content: Content,
    pub community: String,
    pub href: String,
    pub hidden: bool,
    /// The text (or, for moderators, the withheld text of a hidden item);
    /// empty for photos and for others' view of hidden text.
    pub text: String,
    /// The photo to show, when the item is one and may be seen.
    pub photo: Option<String>,
    /// The last decision about it, with its public reason.
    pub last: Option<LogEntry>,
    pub signed_in: bool,
    /// Whether the viewer has reported it already.
    pub reported_by_you: bool,
    /// Whether the viewer may hide or restore it.
    pub may_moderate: bool,
    /// Open reports by reason; only for moderators.
    pub open_reports: Vec<ReasonCount>,
    /// For moderators of something written in a deliberation: its author as
    /// a participant, so a bot's votes can leave the groups with its text.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "participant:5-0a1b2c3d4e5f"))]
    pub author_as_participant: Option<Content>,
}

/// One item waiting for a moderator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "topic:3"))]
    pub content: Content,
    pub community: String,
    pub reports: u32,
    /// The reason given most often.
    pub reason: Reason,
    pub first_at: i64,
}

/// How one person's reports have been judged; staff see it to notice
/// someone who reports to silence others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReporterFigures {
    pub account: i64,
    pub name: String,
    pub reports: u32,
    /// Reports on items that were then hidden.
    pub upheld: u32,
    /// Reports on items a moderator kept.
    pub dismissed: u32,
}

impl ReporterFigures {
    /// Many reports, few upheld: worth a look.
    pub fn unusual(&self) -> bool {
        self.reports >= 5 && self.upheld * 5 < self.reports
    }
}

/// How much of what one person wrote had to be hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthorFigures {
    pub account: i64,
    pub name: String,
    /// Statements, topics, objections and matters they wrote here.
    pub written: u32,
    pub hidden: u32,
}

impl AuthorFigures {
    /// Hidden share, in percent.
    pub fn rate(&self) -> u32 {
        (self.hidden * 100).checked_div(self.written).unwrap_or(0)
    }
}

/// The staff's moderation desk for their area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationDesk {
    pub queue: Vec<QueueItem>,
    pub reporters: Vec<ReporterFigures>,
    pub authors: Vec<AuthorFigures>,
    /// Communities of the area, for links to their logs.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub communities: Vec<(String, crate::LocalName)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_round_trips_through_its_link_form() {
        let photo = "a".repeat(64);
        for s in [
            "statement:12".to_owned(),
            "topic:3".to_owned(),
            "objection:9".to_owned(),
            "matter:100".to_owned(),
            format!("photo:{photo}"),
            "participant:5-0a1b2c3d4e5f".to_owned(),
        ] {
            let c = Content::parse(&s).expect(&s);
            assert_eq!(c.to_string(), s);
            assert_eq!(Content::from_parts(c.kind(), &c.key()), Some(c));
        }
    }

    #[test]
    fn content_refuses_what_names_nothing() {
        for s in [
            "",
            "statement",
            "statement:",
            "statement:x",
            "statement:-1",
            "statement:0",
            "poll:3",
            "photo:../../etc",
            ":3",
            "participant:5",
            "participant:0-0a1b2c3d4e5f",
            "participant:5-0A1B2C3D4E5F",
            "participant:5-0a1b2c3d4e5",
            "participant:5-0a1b2c3d4e5fa",
            "participant:5-0a1b2c3d4e5g",
        ] {
            assert_eq!(Content::parse(s), None, "{s}");
        }
    }

    #[test]
    fn a_report_needs_a_known_reason_and_other_needs_a_note() {
        let ok = ReportForm {
            reason: "abuse".into(),
            note: String::new(),
        }
        .parse()
        .expect("valid");
        assert_eq!(ok.reason, Reason::Abuse);
        assert_eq!(ok.note, None);

        let unknown = ReportForm {
            reason: "boring".into(),
            note: String::new(),
        }
        .parse();
        assert_eq!(
            unknown,
            Err(vec![("reason".to_owned(), FieldError::NotAChoice)])
        );

        let bare_other = ReportForm {
            reason: "other".into(),
            note: "  ".into(),
        }
        .parse();
        assert_eq!(
            bare_other,
            Err(vec![("note".to_owned(), FieldError::Required)])
        );

        let long = ReportForm {
            reason: "privacy".into(),
            note: "字".repeat(NOTE_MAX + 1),
        }
        .parse();
        assert_eq!(
            long,
            Err(vec![("note".to_owned(), FieldError::TooLong(NOTE_MAX))])
        );
    }

    #[test]
    fn a_public_reason_explains_something() {
        assert_eq!(parse_public_reason("违规"), Err(FieldError::TooShort(4)));
        assert_eq!(
            parse_public_reason(" 含有他人电话号码 ").as_deref(),
            Ok("含有他人电话号码")
        );
    }

    #[test]
    fn figures_flag_many_reports_with_few_upheld() {
        let r = |reports, upheld| ReporterFigures {
            account: 1,
            name: String::new(),
            reports,
            upheld,
            dismissed: reports - upheld,
        };
        assert!(r(10, 1).unusual());
        assert!(!r(10, 5).unusual());
        assert!(!r(3, 0).unusual());
        let a = AuthorFigures {
            account: 1,
            name: String::new(),
            written: 8,
            hidden: 2,
        };
        assert_eq!(a.rate(), 25);
        assert_eq!(AuthorFigures { written: 0, ..a }.rate(), 0);
    }
}
