//! Staff handing out and taking back roles inside their own area.

use linli_model::{
    account::{AccountId, FieldError, Login},
    role::Grant,
};

use crate::{
    Error, Result, Store,
    audit::Outcome,
    clock::Clock,
    policy::{Action, Actor, may},
};

#[derive(Debug, Clone)]
pub struct Roles<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

impl Roles<'_> {
    async fn audit(
        &self,
        actor: &Actor,
        action: &str,
        target: String,
        grant: &Grant,
        outcome: Outcome,
    ) -> Result<()> {
        self.store
            .audit_by(
                actor,
                action,
                target,
                grant.scope().key(),
                outcome,
                self.clock.now(),
            )
            .await
    }

    /// The policy's verdict on `action` (refusals are audited too), then
    /// the account `login` names.
    async fn target(
        &self,
        actor: &Actor,
        action: &Action<'_>,
        verb: &str,
        login: &str,
        grant: &Grant,
    ) -> Result<AccountId> {
        if let Err(denied) = may(actor, action) {
            self.audit(
                actor,
                verb,
                grant.role().as_str().into(),
                grant,
                Outcome::Denied,
            )
            .await?;
            return Err(denied.into());
        }
        let login = Login::parse(login).map_err(|e| Error::Invalid(vec![("login".into(), e)]))?;
        self.store
            .contact_for(&login)
            .await?
            .ok_or_else(|| Error::Invalid(vec![("login".into(), FieldError::UnknownAccount)]))
    }

    /// Gives the person with `login` the role; the policy decides who may.
    pub async fn grant(&self, actor: &Actor, login: &str, grant: &Grant) -> Result<()> {
        let account = self
            .target(actor, &Action::GrantRole(grant), "role.grant", login, grant)
            .await?;
        let by = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        self.store
            .insert_grant(account, grant, Some(by), self.clock.now())
            .await?;
        self.audit(
            actor,
            "role.grant",
            format!("account:{account}"),
            grant,
            Outcome::Ok,
        )
        .await
    }

    /// Takes the role back, under the same rule as granting it.
    pub async fn revoke(&self, actor: &Actor, login: &str, grant: &Grant) -> Result<()> {
        let account = self
            .target(
                actor,
                &Action::RevokeRole(grant),
                "role.revoke",
                login,
                grant,
            )
            .await?;
        let by = actor.viewer().ok_or(Error::Unauthenticated)?.id;
        if !self
            .store
            .revoke_grant(account, grant, by, self.clock.now())
            .await?
        {
            return Err(Error::NotFound);
        }
        self.audit(
            actor,
            "role.revoke",
            format!("account:{account}"),
            grant,
            Outcome::Ok,
        )
        .await
    }
}
