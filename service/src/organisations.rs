//! Social organisations register with their unified social credit code;
//! staff whose area overlaps theirs verify them. Only verified
//! organisations have a public page and may bid.

use linli_model::{
    Page,
    account::FieldError,
    organisation::{OrganisationForm, OrganisationStatus, OrganisationView},
    role::{Grant, Role, Scope},
};

use crate::{
    Error, Result, Store,
    audit::Outcome,
    clock::Clock,
    policy::{Action, Actor, may},
    store::OrganisationRow,
};

/// Organisations a list page shows at once.
pub const PAGE_SIZE: usize = 20;
/// Registrations one account may file: enough for a person who runs a few.
const REGISTRATIONS_PER_ACCOUNT: usize = 5;

#[derive(Debug, Clone)]
pub struct Organisations<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

/// The organisations the actor acts for (their organisation-member grants).
pub fn acted_for(actor: &Actor) -> Vec<i64> {
    actor.viewer().map_or_else(Vec::new, |v| {
        v.grants
            .iter()
            .filter(|g| g.role() == Role::OrganisationMember)
            .filter_map(|g| match g.scope() {
                Scope::Organisation(id) => Some(*id),
                _ => None,
            })
            .collect()
    })
}

impl Organisations<'_> {
    async fn audit(&self, actor: &Actor, action: &str, id: i64, outcome: Outcome) -> Result<()> {
        self.store
            .audit_by(
                actor,
                action,
                format!("organisation:{id}"),
                format!("organisation:{id}"),
                outcome,
                self.clock.now(),
            )
            .await
    }

    /// Files a registration, pending verification; the registrant acts for
    /// the organisation from now on, so they can follow it and fix it.
    pub async fn register(&self, actor: &Actor, form: &OrganisationForm) -> Result<i64> {
        may(actor, &Action::ManageOwnAccount)?;
        let me = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        let new = form.parse().map_err(Error::Invalid)?;
        if acted_for(actor).len() >= REGISTRATIONS_PER_ACCOUNT {
            return Err(Error::invalid(
                "name",
                FieldError::LimitReached(REGISTRATIONS_PER_ACCOUNT),
            ));
        }
        let now = self.clock.now();
        let id = match self.store.insert_organisation(&new, me, now).await {
            Err(Error::Conflict(_)) => {
                return Err(Error::invalid("credit_code", FieldError::Taken));
            }
            other => other?,
        };
        let grant = Grant::new(Role::OrganisationMember, Scope::Organisation(id))
            .map_err(|e| Error::Internal(anyhow::anyhow!("organisation grant: {e}")))?;
        self.store.insert_grant(me, &grant, Some(me), now).await?;
        self.audit(actor, "organisation.registered", id, Outcome::Ok)
            .await?;
        Ok(id)
    }

    /// Whether the actor sees the organisation's contact and unverified
    /// state: its members and the staff who may verify it.
    fn insider(actor: &Actor, row: &OrganisationRow) -> Result<bool> {
        Ok(may(actor, &Action::ActFor(row.organisation_id)).is_ok()
            || may(actor, &Action::VerifyOrganisation(&row.areas()?)).is_ok())
    }

    /// One organisation. Unverified ones exist only for insiders.
    pub async fn view(&self, actor: &Actor, id: i64) -> Result<OrganisationView> {
        let row = self.store.organisation_row(id).await?;
        let insider = Self::insider(actor, &row)?;
        if row.status()? != OrganisationStatus::Verified && !insider {
            return Err(Error::NotFound);
        }
        let record = self.store.track_record(id).await?;
        row.view(insider, record)
    }

    /// Verified organisations, newest first.
    pub async fn list(&self, before: Option<i64>) -> Result<Page<OrganisationView>> {
        let rows = self
            .store
            .organisations(OrganisationStatus::Verified, before, PAGE_SIZE + 1)
            .await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let record = self.store.track_record(row.organisation_id).await?;
            items.push(row.view(false, record)?);
        }
        Ok(Page::from_overfetch(items, PAGE_SIZE, |o| o.id.to_string()))
    }

    /// The organisations the actor acts for, in every state.
    pub async fn mine(&self, actor: &Actor) -> Result<Vec<OrganisationView>> {
        let mut out = Vec::new();
        for id in acted_for(actor) {
            let row = self.store.organisation_row(id).await?;
            out.push(row.view(true, self.store.track_record(id).await?)?);
        }
        Ok(out)
    }

    /// Registrations waiting for the actor: those in areas they oversee.
    pub async fn pending(&self, actor: &Actor) -> Result<Vec<OrganisationView>> {
        if !crate::policy::is_staff_member(actor) {
            return Err(linli_model::role::Denied::NotPermitted.into());
        }
        let rows = self
            .store
            .organisations(OrganisationStatus::Pending, None, 200)
            .await?;
        let mut out = Vec::new();
        for row in rows.iter().rev() {
            if may(actor, &Action::VerifyOrganisation(&row.areas()?)).is_ok() {
                out.push(row.view(true, Default::default())?);
            }
        }
        Ok(out)
    }

    /// Verifies or rejects a pending registration; a rejection says why.
    pub async fn decide(&self, actor: &Actor, id: i64, verify: bool, reason: &str) -> Result<()> {
        let row = self.store.organisation_row(id).await?;
        if let Err(denied) = may(actor, &Action::VerifyOrganisation(&row.areas()?)) {
            if actor.viewer().is_some() {
                self.audit(actor, "organisation.decided", id, Outcome::Denied)
                    .await?;
            }
            return Err(denied.into());
        }
        let me = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        let reason = if verify {
            None
        } else {
            Some(crate::error::field_text("reason", reason, 4, 500, true)?)
        };
        let status = if verify {
            OrganisationStatus::Verified
        } else {
            OrganisationStatus::Rejected
        };
        if !self
            .store
            .decide_organisation(id, status, reason.as_deref(), me, self.clock.now())
            .await?
        {
            return Err(Error::Conflict("decided_already"));
        }
        let action = if verify {
            "organisation.verified"
        } else {
            "organisation.rejected"
        };
        self.audit(actor, action, id, Outcome::Ok).await
    }
}
