//! Admission review (准入) of the community item lists: a street's
//! departments propose adding or withdrawing an item, every other
//! reviewing department decides, and only a unanimous approval changes
//! the list. Street officers set up the departments; anyone reads the
//! history.

use linli_model::{
    account::{FieldError, Login},
    admission::{
        Change, Department, ProposalForm, ProposalStatus, ProposalView, ReviewView, Verdict,
    },
    tree::{CommunityCode, StreetCode},
};

use crate::{
    Error, Result, Store,
    audit::Outcome,
    clock::Clock,
    items::Items,
    policy::{Action, Actor, Denied, may},
    store::{DepartmentRow, NewReview, ProposalRow},
};

/// Proposals a community's history shows.
const HISTORY_LIMIT: usize = 200;

#[derive(Debug, Clone)]
pub struct Admissions<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

/// What a department member sees on the admission desk.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Desk {
    /// The member's departments: (id, street, name, reviews).
    pub departments: Vec<(i64, String, String, bool)>,
    /// Proposals waiting for one of the member's departments: the
    /// proposal and the departments that may review it.
    pub awaiting: Vec<(ProposalView, Vec<(i64, String)>)>,
}

impl Admissions<'_> {
    async fn audit(
        &self,
        actor: &Actor,
        action: &str,
        target: String,
        scope: String,
    ) -> Result<()> {
        self.store
            .audit_by(actor, action, target, scope, Outcome::Ok, self.clock.now())
            .await
    }

    /// The departments that must approve a proposal of `proposer`: every
    /// other reviewing department of its street.
    async fn reviewers(&self, proposer: &DepartmentRow) -> Result<Vec<Department>> {
        Ok(self
            .store
            .departments(&proposer.street_code)
            .await?
            .into_iter()
            .filter(|d| d.reviews && d.id != proposer.department_id)
            .collect())
    }

    /// A street's departments (public: the history names them).
    pub async fn departments(&self, street: &StreetCode) -> Result<Vec<Department>> {
        self.store.departments(street.as_str()).await
    }

    /// Adds a department to a street: its officers (and above).
    pub async fn add_department(
        &self,
        actor: &Actor,
        street: &StreetCode,
        name: &str,
        reviews: bool,
    ) -> Result<i64> {
        may(actor, &Action::ConfigureStreet(street))?;
        let name = crate::error::field_text("name", name, 2, 40, false)?;
        let id = match self
            .store
            .insert_department(street.as_str(), &name, reviews, self.clock.now())
            .await
        {
            Err(Error::Conflict(_)) => return Err(Error::invalid("name", FieldError::Taken)),
            other => other?,
        };
        self.audit(
            actor,
            "department.created",
            format!("department:{id}"),
            street.to_string(),
        )
        .await?;
        Ok(id)
    }

    /// Adds the person with `login` to a department.
    pub async fn add_member(&self, actor: &Actor, department: i64, login: &str) -> Result<()> {
        let d = self.store.department_row(department).await?;
        let street = crate::store::code(&d.street_code, StreetCode::parse)?;
        may(actor, &Action::ConfigureStreet(&street))?;
        let login = Login::parse(login).map_err(|e| Error::invalid("login", e))?;
        let account = self
            .store
            .contact_for(&login)
            .await?
            .ok_or_else(|| Error::invalid("login", FieldError::UnknownAccount))?;
        self.store
            .add_department_member(department, account)
            .await?;
        self.audit(
            actor,
            "department.member_added",
            format!("department:{department}"),
            street.to_string(),
        )
        .await
    }

    /// The actor's department with this id, or a refusal.
    async fn member_of(&self, actor: &Actor, department: i64) -> Result<DepartmentRow> {
        let me = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        self.store
            .departments_of(me)
            .await?
            .into_iter()
            .find(|d| d.department_id == department)
            .ok_or(Error::Denied(Denied::NotPermitted))
    }

    /// Files a proposal for a department the actor belongs to.
    pub async fn propose(&self, actor: &Actor, form: &ProposalForm) -> Result<i64> {
        may(actor, &Action::ManageOwnAccount)?;
        let new = form.parse().map_err(Error::Invalid)?;
        let proposer = self.member_of(actor, new.department).await?;
        if new.community.street().as_str() != proposer.street_code {
            return Err(Error::invalid("community", FieldError::NotInCommunity));
        }
        self.store
            .community(&new.community)
            .await
            .map_err(|e| match e {
                Error::NotFound => Error::invalid("community", FieldError::BadScopeCode),
                other => other,
            })?;
        if let Change::Withdraw { item } = new.change {
            let list = Items { store: self.store }.list(&new.community).await?;
            if !list.iter().any(|i| i.id == item) {
                return Err(Error::invalid("item", FieldError::NotAChoice));
            }
        }
        if self.reviewers(&proposer).await?.is_empty() {
            return Err(Error::Conflict("no_reviewers"));
        }
        let id = self
            .store
            .insert_proposal(
                &new,
                actor.viewer().ok_or(Error::Unauthenticated)?.id,
                self.clock.now(),
            )
            .await?;
        self.audit(
            actor,
            "admission.proposed",
            format!("proposal:{id}"),
            new.community.to_string(),
        )
        .await?;
        Ok(id)
    }

    async fn view(&self, row: &ProposalRow) -> Result<ProposalView> {
        let reviews = self.store.reviews_of(row.proposal_id).await?;
        let status = row.status()?;
        let awaiting = if status == ProposalStatus::Reviewing {
            let proposer = self.store.department_row(row.department_id).await?;
            self.reviewers(&proposer)
                .await?
                .into_iter()
                .filter(|d| !reviews.iter().any(|r| r.department_id == d.id))
                .map(|d| d.name)
                .collect()
        } else {
            Vec::new()
        };
        Ok(ProposalView {
            id: row.proposal_id,
            community: crate::store::code(&row.community_code, CommunityCode::parse)?,
            proposer: row.proposer.clone(),
            change: row.change()?,
            withdrawn_title: row.withdrawn_title.clone(),
            reason: row.reason.clone(),
            status,
            filed_at: row.filed_at,
            decided_at: row.decided_at,
            reviews: reviews
                .into_iter()
                .map(|r| ReviewView {
                    department: r.department,
                    verdict: Verdict::parse(&r.verdict).unwrap_or(Verdict::Reject),
                    reason: r.reason,
                    at: r.at,
                })
                .collect(),
            awaiting,
        })
    }

    /// A community's admission history, newest first: public.
    pub async fn history(&self, community: &CommunityCode) -> Result<Vec<ProposalView>> {
        let rows = self
            .store
            .proposals_of(community.as_str(), HISTORY_LIMIT)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(self.view(row).await?);
        }
        Ok(out)
    }

    /// A department's review, with its reason; the last approval needed
    /// adopts the proposal, and any rejection rejects it.
    pub async fn review(
        &self,
        actor: &Actor,
        proposal: i64,
        department: i64,
        verdict: Verdict,
        reason: &str,
    ) -> Result<ProposalStatus> {
        let reviewer = self.member_of(actor, department).await?;
        let row = self.store.proposal_row(proposal).await?;
        if row.status()? != ProposalStatus::Reviewing {
            return Err(Error::Conflict("decided_already"));
        }
        let proposer = self.store.department_row(row.department_id).await?;
        let reviewers = self.reviewers(&proposer).await?;
        if !reviewers.iter().any(|d| d.id == reviewer.department_id) {
            return Err(Denied::NotPermitted.into());
        }
        let reason = crate::error::field_text("reason", reason, 2, 1000, true)?;
        let me = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        // Four eyes: whoever filed a proposal never approves it, whatever
        // departments they also belong to.
        if row.filed_by == me.0 {
            return Err(Error::Conflict("own_proposal"));
        }
        let review = NewReview {
            department,
            verdict,
            reason: &reason,
            by: me,
        };
        let status = self
            .store
            .save_review(&row, &review, reviewers.len(), self.clock.now())
            .await?;
        self.audit(
            actor,
            &format!("admission.{}", verdict.as_str()),
            format!("proposal:{proposal}"),
            row.community_code.clone(),
        )
        .await?;
        Ok(status)
    }

    /// The actor's departments and what waits for them.
    pub async fn desk(&self, actor: &Actor) -> Result<Desk> {
        let me = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        let mine = self.store.departments_of(me).await?;
        let mut streets: Vec<&str> = mine.iter().map(|d| d.street_code.as_str()).collect();
        streets.dedup();
        let mut awaiting = Vec::new();
        for street in streets {
            for row in self.store.reviewing_in(street).await? {
                let view = self.view(&row).await?;
                let proposer = self.store.department_row(row.department_id).await?;
                let reviewed = self.store.reviews_of(row.proposal_id).await?;
                let mine_to_review: Vec<(i64, String)> = self
                    .reviewers(&proposer)
                    .await?
                    .into_iter()
                    .filter(|d| mine.iter().any(|m| m.department_id == d.id))
                    .filter(|d| !reviewed.iter().any(|r| r.department_id == d.id))
                    .map(|d| (d.id, d.name))
                    .collect();
                // Four eyes: what one filed oneself waits for others.
                if !mine_to_review.is_empty() && row.filed_by != me.0 {
                    awaiting.push((view, mine_to_review));
                }
            }
        }
        Ok(Desk {
            departments: mine
                .into_iter()
                .map(|d| (d.department_id, d.street_code, d.name, d.reviews))
                .collect(),
            awaiting,
        })
    }
}
