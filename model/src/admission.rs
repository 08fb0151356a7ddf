//! Admission review (准入): how an item enters or leaves a community's list.
//! A department of the street proposes it; every other reviewing
//! department of the street decides; one rejection ends it, and only a
//! unanimous approval changes the list. The whole history is public.

use serde::{Deserialize, Serialize};

use crate::{
    LocalName,
    account::{FieldError, FieldErrors, text},
    form::Errors,
    item::ItemKind,
    tree::CommunityCode,
};

/// What a proposal would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Change {
    /// A new item for the community's list.
    Add {
        kind: ItemKind,
        title: LocalName,
        detail: LocalName,
    },
    /// Take an item (a base item or an admitted one) off the list.
    Withdraw { item: i64 },
}

impl Change {
    pub fn is_withdrawal(&self) -> bool {
        matches!(self, Change::Withdraw { .. })
    }
}

/// A department's decision on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Approve,
    Reject,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Approve => "approve",
            Verdict::Reject => "reject",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Verdict::Approve, Verdict::Reject]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    Reviewing,
    /// Approved by every reviewer: the list changed.
    Adopted,
    Rejected,
}

impl ProposalStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Reviewing => "reviewing",
            ProposalStatus::Adopted => "adopted",
            ProposalStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Reviewing, Self::Adopted, Self::Rejected]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    /// The rule: one rejection rejects; approval by every one of the
    /// `reviewers` adopts; anything else waits.
    pub fn from_verdicts(reviewers: usize, verdicts: &[Verdict]) -> ProposalStatus {
        if verdicts.contains(&Verdict::Reject) {
            ProposalStatus::Rejected
        } else if reviewers > 0 && verdicts.len() >= reviewers {
            ProposalStatus::Adopted
        } else {
            ProposalStatus::Reviewing
        }
    }
}

/// A proposal as the proposing department types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalForm {
    /// The proposing department.
    pub department: String,
    pub community: String,
    /// An item kind to add one, or `withdraw`.
    pub change: String,
    pub title: String,
    pub detail: String,
    /// The English text, for the list's English page; Chinese is shown
    /// there when it is left empty.
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub detail_en: String,
    /// The item to withdraw.
    pub item: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProposal {
    pub department: i64,
    pub community: CommunityCode,
    pub change: Change,
    pub reason: String,
}

/// Optional English text: `None` when left empty.
fn english(input: &str, max: usize) -> Result<Option<String>, FieldError> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        text(input, 2, max, true).map(Some)
    }
}

impl ProposalForm {
    pub fn parse(&self) -> Result<NewProposal, FieldErrors> {
        let mut e = Errors::default();
        let department = e.check(
            "department",
            self.department
                .trim()
                .parse::<i64>()
                .map_err(|_| FieldError::NotAChoice),
        );
        let community = e.check(
            "community",
            CommunityCode::parse(&self.community).map_err(|_| FieldError::BadScopeCode),
        );
        let change = match self.change.as_str() {
            "withdraw" => e
                .check(
                    "item",
                    self.item
                        .trim()
                        .trim_start_matches('#')
                        .parse::<i64>()
                        .map_err(|_| FieldError::NotAChoice),
                )
                .map(|item| Change::Withdraw { item }),
            other => match ItemKind::parse(other) {
                Some(kind) => {
                    let title = e.check("title", text(&self.title, 2, 60, false));
                    let detail = e.check("detail", text(&self.detail, 4, 300, true));
                    let title_en = e.check("title_en", english(&self.title_en, 120));
                    let detail_en = e.check("detail_en", english(&self.detail_en, 600));
                    match (title, detail, title_en, detail_en) {
                        (Some(title), Some(detail), Some(title_en), Some(detail_en)) => {
                            Some(Change::Add {
                                kind,
                                title: LocalName::new(title.clone(), title_en.unwrap_or(title)),
                                detail: LocalName::new(detail.clone(), detail_en.unwrap_or(detail)),
                            })
                        }
                        _ => None,
                    }
                }
                None => {
                    e.push("change", FieldError::NotAChoice);
                    None
                }
            },
        };
        let reason = e.check("reason", text(&self.reason, 10, 2000, true));
        let value = (|| {
            Some(NewProposal {
                department: department?,
                community: community?,
                change: change?,
                reason: reason?,
            })
        })();
        e.finish(value)
    }
}

/// One department's published review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewView {
    pub department: String,
    pub verdict: Verdict,
    pub reason: String,
    pub at: i64,
}

/// A proposal with its reviews, as everyone sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalView {
    pub id: i64,
    pub community: CommunityCode,
    pub proposer: String,
    pub change: Change,
    /// The title of the item withdrawn, for a withdrawal.
    pub withdrawn_title: Option<String>,
    pub reason: String,
    pub status: ProposalStatus,
    pub filed_at: i64,
    pub decided_at: Option<i64>,
    pub reviews: Vec<ReviewView>,
    /// Departments whose review is still awaited.
    pub awaiting: Vec<String>,
}

/// A department of a street that proposes or reviews items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Department {
    pub id: i64,
    pub name: String,
    /// Whether it reviews proposals (all departments may propose).
    pub reviews: bool,
    pub members: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rejection_rejects_and_only_everyone_adopts() {
        use ProposalStatus as S;
        use Verdict::{Approve as A, Reject as R};
        assert_eq!(S::from_verdicts(3, &[]), S::Reviewing);
        assert_eq!(S::from_verdicts(3, &[A, A]), S::Reviewing);
        assert_eq!(S::from_verdicts(3, &[A, A, A]), S::Adopted);
        assert_eq!(S::from_verdicts(3, &[A, R]), S::Rejected);
        assert_eq!(
            S::from_verdicts(3, &[R]),
            S::Rejected,
            "no need to wait for the rest"
        );
        assert_eq!(
            S::from_verdicts(0, &[]),
            S::Reviewing,
            "nobody to review adopts nothing"
        );
    }

    #[test]
    fn a_proposal_names_its_change_and_its_reason() {
        let form = ProposalForm {
            department: "3".into(),
            community: "33020310100112101".into(),
            change: "no_certificate".into(),
            title: "无犯罪记录证明".into(),
            detail: "公安机关出具".into(),
            title_en: String::new(),
            detail_en: String::new(),
            item: String::new(),
            reason: "依据公安部规定，无犯罪记录证明由公安机关出具，社区不应开具。".into(),
        };
        let p = form.parse().expect("valid");
        assert_eq!(p.department, 3);
        assert_eq!(
            p.change,
            Change::Add {
                kind: ItemKind::NoCertificate,
                title: LocalName::new("无犯罪记录证明", "无犯罪记录证明"),
                detail: LocalName::new("公安机关出具", "公安机关出具"),
            },
            "without English, the English page shows the Chinese"
        );
        let english = ProposalForm {
            title_en: "Certificate of no criminal record".into(),
            detail_en: "Issued by the police".into(),
            ..form.clone()
        };
        assert!(matches!(
            english.parse().expect("valid").change,
            Change::Add { title, detail, .. }
                if title.en == "Certificate of no criminal record" && detail.en == "Issued by the police"
        ));
        let withdraw = ProposalForm {
            change: "withdraw".into(),
            item: "#12".into(),
            title: String::new(),
            detail: String::new(),
            ..form.clone()
        };
        assert_eq!(
            withdraw.parse().expect("valid").change,
            Change::Withdraw { item: 12 }
        );
        let bad = ProposalForm {
            change: "other".into(),
            reason: "短".into(),
            ..form
        };
        let errors = bad.parse().expect_err("invalid");
        assert_eq!(
            errors,
            vec![
                ("change".to_owned(), FieldError::NotAChoice),
                ("reason".to_owned(), FieldError::TooShort(10)),
            ]
        );
    }
}
