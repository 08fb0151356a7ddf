//! Residents joining their community: a request that staff verify, or a
//! one-time invitation code from the notice board that verifies at once.

use linli_model::{
    account::FieldError,
    membership::{InvitationCode, JoinRequest, MembershipStatus, MyMembership, PendingMembership},
    role::{Role, Scope},
    tree::CommunityCode,
};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::{
    Error, Result, Store,
    audit::Outcome,
    clock::{Clock, DAY},
    policy::{Action, Actor, may},
    store::NewMembership,
};

/// Invitations printed on a notice board stay valid this long.
pub const INVITATION_LIFETIME: i64 = 30 * DAY;
/// At most this many codes per batch: enough for a notice board's tear-off strips.
pub const MAX_INVITATIONS: usize = 50;
/// Longest rejection reason kept.
pub const MAX_REASON: usize = 200;

fn code_hash(code: &InvitationCode) -> String {
    hex::encode(Sha256::digest(code.as_str().as_bytes()))
}

/// A staff decision on a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approve,
    /// The reason is shown to the person; it is required.
    Reject(String),
}

#[derive(Debug, Clone)]
pub struct Memberships<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

impl Memberships<'_> {
    async fn audit(
        &self,
        actor: &Actor,
        action: &str,
        target: String,
        community: &CommunityCode,
        outcome: Outcome,
    ) -> Result<()> {
        self.store
            .audit_in_community(actor, action, target, community, outcome, self.clock.now())
            .await
    }

    /// Asks to join; verified at once with a valid invitation code.
    pub async fn join(&self, actor: &Actor, request: &JoinRequest) -> Result<MembershipStatus> {
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        let hash = request.invitation.as_ref().map(code_hash);
        let new = NewMembership {
            account: viewer.id,
            community: &request.community,
            grid: &request.grid,
            building: &request.building,
            unit: &request.unit,
            room: &request.room,
        };
        let status = match self
            .store
            .insert_membership(&new, hash.as_deref(), self.clock.now())
            .await
        {
            Err(Error::Conflict("invitation")) => {
                self.audit(
                    actor,
                    "membership.join",
                    format!("account:{}", viewer.id),
                    &request.community,
                    Outcome::Denied,
                )
                .await?;
                return Err(Error::Invalid(vec![(
                    "invitation".into(),
                    FieldError::InvitationUnusable,
                )]));
            }
            Err(Error::Conflict(_)) => {
                return Err(Error::Invalid(vec![(
                    "community".into(),
                    FieldError::AlreadyRequested,
                )]));
            }
            other => other?,
        };
        self.audit(
            actor,
            "membership.join",
            format!("account:{}", viewer.id),
            &request.community,
            Outcome::Ok,
        )
        .await?;
        Ok(status)
    }

    /// The verification queue of a community, oldest first.
    pub async fn pending(
        &self,
        actor: &Actor,
        community: &CommunityCode,
    ) -> Result<Vec<PendingMembership>> {
        may(actor, &Action::VerifyMembership(community))?;
        self.store.pending_memberships(community, 200).await
    }

    pub async fn decide(&self, actor: &Actor, membership: i64, decision: &Decision) -> Result<()> {
        let target = self.store.membership_ref(membership).await?;
        let community = CommunityCode::parse(&target.community)
            .map_err(|e| Error::Internal(anyhow::anyhow!("stored community code: {e}")))?;
        if let Err(denied) = may(actor, &Action::VerifyMembership(&community)) {
            self.audit(
                actor,
                "membership.decide",
                format!("membership:{membership}"),
                &community,
                Outcome::Denied,
            )
            .await?;
            return Err(denied.into());
        }
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        let (approve, reason) = match decision {
            Decision::Approve => (true, None),
            Decision::Reject(reason) => {
                // The one text rule: bounded, no control characters.
                let reason = crate::error::field_text("reason", reason, 1, MAX_REASON, true)?;
                (false, Some(reason))
            }
        };
        self.store
            .decide_membership(
                membership,
                approve,
                reason.as_deref(),
                viewer.id,
                self.clock.now(),
            )
            .await?;
        let action = if approve {
            "membership.approve"
        } else {
            "membership.reject"
        };
        self.audit(
            actor,
            action,
            format!("membership:{membership}"),
            &community,
            Outcome::Ok,
        )
        .await
    }

    /// Makes `count` one-time codes; only their hashes are stored, so this is
    /// the one time anyone sees them.
    pub async fn create_invitations(
        &self,
        actor: &Actor,
        community: &CommunityCode,
        count: usize,
    ) -> Result<Vec<InvitationCode>> {
        may(actor, &Action::VerifyMembership(community))?;
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        if count == 0 || count > MAX_INVITATIONS {
            return Err(Error::Invalid(vec![(
                "count".into(),
                FieldError::NumberRange(1, MAX_INVITATIONS),
            )]));
        }
        let codes: Vec<InvitationCode> = (0..count)
            .map(|_| {
                let mut bytes = [0u8; InvitationCode::LEN];
                OsRng.fill_bytes(&mut bytes);
                InvitationCode::from_random(bytes)
            })
            .collect();
        let hashes: Vec<String> = codes.iter().map(code_hash).collect();
        let now = self.clock.now();
        self.store
            .insert_invitations(
                community,
                &hashes,
                viewer.id,
                now,
                now + INVITATION_LIFETIME,
            )
            .await?;
        self.audit(
            actor,
            "invitation.create",
            format!("count:{count}"),
            community,
            Outcome::Ok,
        )
        .await?;
        Ok(codes)
    }

    /// The person's communities: their requests, and every community
    /// where they hold the resident role, even one granted directly by
    /// staff (or the demo) without a request.
    pub async fn mine(&self, actor: &Actor) -> Result<Vec<MyMembership>> {
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        let mut mine = self.store.memberships_of(viewer.id).await?;
        for grant in &viewer.grants {
            let Scope::Community(code) = grant.scope() else {
                continue;
            };
            if grant.role() != Role::Resident || mine.iter().any(|m| &m.community == code) {
                continue;
            }
            mine.push(MyMembership {
                community: code.clone(),
                community_name: self.store.community(code).await?.summary.name,
                status: MembershipStatus::Verified,
                reason: None,
            });
        }
        Ok(mine)
    }
}
