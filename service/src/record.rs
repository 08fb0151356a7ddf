//! Decision records: the published outcome of a deliberation as one text
//! whose SHA-256 is its fingerprint. Each version names the fingerprint of
//! the one before, so changing any earlier version breaks every later one,
//! and anyone can check a record with `sha256sum` and nothing else.

use serde::Serialize;
use sha2::{Digest, Sha256};

use linli_model::deliberation::{
    Arrangement, MethodKind, Minutes, ObjectionView, PollView, RecordView, StatementView,
    TopicState, TopicView,
};

/// Names the layout of [`Content`], so a reader knows how to read it.
pub const FORMAT: &str = "linli-decision-record/1";

/// What a record says. Field order is the order in the text.
#[derive(Debug, Serialize)]
pub struct Content<'a> {
    pub format: &'static str,
    pub deliberation: i64,
    pub community: &'a str,
    pub title: &'a str,
    pub version: u32,
    /// The previous version's fingerprint; `None` for the first.
    pub previous: Option<&'a str>,
    pub published_at: String,
    /// Why this version replaces the previous one.
    pub amendment: Option<&'a str>,
    pub topics: Vec<TopicLine<'a>>,
    pub arrangement: Option<&'a Arrangement>,
    pub notice_published_at: Option<String>,
    pub objections: Vec<ObjectionLine<'a>>,
    pub statements: Vec<StatementLine<'a>>,
    pub polls: Vec<PollLine<'a>>,
    pub minutes: &'a Minutes,
}

#[derive(Debug, Serialize)]
pub struct TopicLine<'a> {
    pub id: i64,
    pub title: &'a str,
    pub state: TopicState,
    pub reason: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct ObjectionLine<'a> {
    pub body: &'a str,
    pub answer: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct StatementLine<'a> {
    pub body: &'a str,
    pub agree: u32,
    pub disagree: u32,
    pub pass: u32,
}

#[derive(Debug, Serialize)]
pub struct PollLine<'a> {
    pub question: &'a str,
    pub options: &'a [String],
    pub quorum: u32,
    pub rule: linli_model::deliberation::MajorityRule,
    pub closes_at: String,
    pub tally: Option<&'a [u32]>,
    pub outcome: Option<&'a linli_model::deliberation::PollOutcome>,
    /// Methods other than one choice name themselves and give their
    /// count; one-choice polls read as they always have.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<&'a linli_model::deliberation::Method>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<&'a linli_model::deliberation::Count>,
    /// A consent poll's blocks with the council's answers.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub blocks: &'a [linli_model::deliberation::BlockView],
}

impl<'a> Content<'a> {
    pub fn topic_lines(topics: &'a [TopicView]) -> Vec<TopicLine<'a>> {
        topics
            .iter()
            .map(|t| TopicLine {
                id: t.id,
                title: &t.title,
                state: t.state,
                reason: t.reason.as_deref(),
            })
            .collect()
    }

    pub fn objection_lines(objections: &'a [ObjectionView]) -> Vec<ObjectionLine<'a>> {
        objections
            .iter()
            .map(|o| ObjectionLine {
                body: &o.body,
                answer: o.answer.as_deref(),
            })
            .collect()
    }

    /// Visible statements only: moderated text stays out of the record.
    pub fn statement_lines(statements: &'a [StatementView]) -> Vec<StatementLine<'a>> {
        statements
            .iter()
            .filter(|s| !s.hidden)
            .map(|s| StatementLine {
                body: &s.body,
                agree: s.agree,
                disagree: s.disagree,
                pass: s.pass,
            })
            .collect()
    }

    pub fn poll_lines(polls: &'a [PollView]) -> Vec<PollLine<'a>> {
        polls
            .iter()
            .map(|p| PollLine {
                question: &p.question,
                options: &p.options,
                quorum: p.quorum,
                rule: p.rule,
                closes_at: linli_model::time::w3c(p.closes_at),
                tally: p.tally.as_deref(),
                outcome: p.outcome.as_ref(),
                method: (p.method.kind() != MethodKind::Choice).then_some(&p.method),
                count: p
                    .count
                    .as_ref()
                    .filter(|_| p.method.kind() != MethodKind::Choice),
                blocks: &p.blocks,
            })
            .collect()
    }

    /// The text that is published and fingerprinted: pretty JSON, so it is
    /// readable as it is.
    pub fn text(&self) -> String {
        serde_json::to_string_pretty(self).expect("a record serialises")
    }
}

/// Lower-case hex SHA-256 of the text, as `sha256sum` prints it.
pub fn fingerprint(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Why a chain of record versions does not check out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Broken {
    #[error("version {0}'s text does not match its fingerprint")]
    Altered(u32),
    #[error("version {0} does not name the fingerprint of the version before it")]
    Unlinked(u32),
}

/// Checks every version: its fingerprint is the SHA-256 of its text, and
/// its text names the previous version's fingerprint.
pub fn verify(versions: &[RecordView]) -> Result<(), Broken> {
    let mut previous: Option<&str> = None;
    for v in versions {
        if fingerprint(&v.content) != v.fingerprint {
            return Err(Broken::Altered(v.version));
        }
        let named = serde_json::from_str::<serde_json::Value>(&v.content)
            .ok()
            .and_then(|c| c.get("previous").cloned());
        let linked = match (previous, named) {
            (None, Some(serde_json::Value::Null)) => true,
            (Some(p), Some(serde_json::Value::String(n))) => p == n,
            _ => false,
        };
        if !linked {
            return Err(Broken::Unlinked(v.version));
        }
        previous = Some(&v.fingerprint);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes() -> Minutes {
        Minutes {
            attendance: "居民代表 23 人，物业公司 1 人".into(),
            arguments: "赞成：方便夜间充电。反对：占用绿地。".into(),
            result: "多数同意".into(),
            decision: "在 3 号楼北侧加装 10 个充电桩。".into(),
        }
    }

    fn version(n: u32, previous: Option<&str>, m: &Minutes) -> RecordView {
        let content = Content {
            format: FORMAT,
            deliberation: 7,
            community: "33020310100112101",
            title: "充电桩加装",
            version: n,
            previous,
            published_at: "2026-12-10T20:00:00+08:00".into(),
            amendment: (n > 1).then_some("更正出席人数"),
            topics: Vec::new(),
            arrangement: None,
            notice_published_at: None,
            objections: Vec::new(),
            statements: Vec::new(),
            polls: Vec::new(),
            minutes: m,
        }
        .text();
        RecordView {
            version: n,
            fingerprint: fingerprint(&content),
            content,
            published_at: 0,
        }
    }

    #[test]
    fn a_fingerprint_is_the_sha256_that_sha256sum_prints() {
        assert_eq!(
            fingerprint("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn verification_finds_a_changed_version_and_a_broken_link() {
        let m = minutes();
        let first = version(1, None, &m);
        let second = version(2, Some(&first.fingerprint), &m);
        assert_eq!(verify(&[first.clone(), second.clone()]), Ok(()));

        let mut altered = first.clone();
        altered.content = altered.content.replace("23 人", "32 人");
        assert_eq!(verify(&[altered, second.clone()]), Err(Broken::Altered(1)));

        // A rewritten first version with a fresh fingerprint no longer
        // matches what the second version names.
        let mut m2 = minutes();
        m2.decision = "不加装。".into();
        let forged = version(1, None, &m2);
        assert_eq!(verify(&[forged, second]), Err(Broken::Unlinked(2)));

        let unlinked = version(2, None, &m);
        assert_eq!(verify(&[first, unlinked]), Err(Broken::Unlinked(2)));
    }
}
