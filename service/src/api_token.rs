//! Personal API tokens: a person's own scripts and integrations act as
//! that person through `/api/v1`. Only the SHA-256 of a token is stored;
//! the secret is shown once, when it is made.

use linli_model::{
    account::FieldError,
    api_token::{ApiTokenSummary, TokenName},
};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::{
    Error, Result, Store,
    audit::Outcome,
    clock::{Clock, MINUTE},
    policy::{Action, Actor, may},
};

/// Live tokens one account may hold.
pub const TOKENS_PER_ACCOUNT: usize = 10;
/// What every token starts with, so that secret scanners can spot a leak.
const PREFIX: &str = "linli_";
/// `last_used_at` is written at most this often.
const TOUCH_EVERY: i64 = MINUTE;

/// A token's secret. Its `Debug` hides it so it cannot reach a log.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiToken(String);

impl std::fmt::Debug for ApiToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiToken(…)")
    }
}

impl ApiToken {
    fn generate() -> Self {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        Self(format!("{PREFIX}{}", hex::encode(bytes)))
    }

    /// Reads the value of an `Authorization: Bearer …` header; anything
    /// not shaped like a token is no token.
    pub fn from_bearer(header: &str) -> Option<Self> {
        let value = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))?;
        Self::parse(value)
    }

    /// Reads a token as given elsewhere (Open311's `api_key`).
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        let hex_part = value.strip_prefix(PREFIX)?;
        (hex_part.len() == 64 && hex_part.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Self(value.to_owned()))
    }

    /// The secret, for showing once to its owner.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

/// Who a token speaks for, and which token it is (for per-token limits).
#[derive(Debug, Clone)]
pub struct TokenActor {
    pub token_id: i64,
    pub actor: Actor,
}

#[derive(Debug, Clone)]
pub struct ApiTokens<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

impl ApiTokens<'_> {
    async fn audit(&self, actor: &Actor, action: &str, id: i64) -> Result<()> {
        self.store
            .audit_by(
                actor,
                action,
                format!("api_token:{id}"),
                String::new(),
                Outcome::Ok,
                self.clock.now(),
            )
            .await
    }

    /// Makes a token for the actor's own account; the secret in the answer
    /// is the only copy there will ever be.
    pub async fn create(&self, actor: &Actor, name: &str) -> Result<(ApiTokenSummary, ApiToken)> {
        may(actor, &Action::ManageCredentials)?;
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        let name = TokenName::parse(name).map_err(|e| Error::invalid("name", e))?;
        let token = ApiToken::generate();
        let summary = self
            .store
            .insert_api_token(
                viewer.id,
                name.as_str(),
                &token.hash(),
                self.clock.now(),
                TOKENS_PER_ACCOUNT as i64,
            )
            .await?
            .ok_or_else(|| Error::invalid("name", FieldError::LimitReached(TOKENS_PER_ACCOUNT)))?;
        self.audit(actor, "api_token.create", summary.id).await?;
        Ok((summary, token))
    }

    pub async fn list(&self, actor: &Actor) -> Result<Vec<ApiTokenSummary>> {
        may(actor, &Action::ManageOwnAccount)?;
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        self.store.api_tokens_of(viewer.id).await
    }

    /// Revokes one of the actor's own tokens; it stops working at once.
    pub async fn revoke(&self, actor: &Actor, id: i64) -> Result<()> {
        may(actor, &Action::ManageCredentials)?;
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        if !self
            .store
            .revoke_api_token(viewer.id, id, self.clock.now())
            .await?
        {
            return Err(Error::NotFound);
        }
        self.audit(actor, "api_token.revoke", id).await
    }

    /// The person a live token speaks for; `None` for an unknown or revoked
    /// token.
    pub async fn actor(&self, token: &ApiToken) -> Result<Option<TokenActor>> {
        let Some(owner) = self.store.api_token_owner(&token.hash()).await? else {
            return Ok(None);
        };
        let now = self.clock.now();
        if owner.last_used_at.is_none_or(|t| now - t > TOUCH_EVERY) {
            self.store.touch_api_token(owner.token_id, now).await?;
        }
        Ok(Some(TokenActor {
            token_id: owner.token_id,
            actor: Actor::Token(self.store.viewer(owner.account).await?),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_bearer_values_are_tokens() {
        let token = ApiToken::generate();
        let header = format!("Bearer {}", token.reveal());
        assert_eq!(ApiToken::from_bearer(&header), Some(token.clone()));
        assert_eq!(ApiToken::from_bearer(token.reveal()), None, "no scheme");
        assert_eq!(ApiToken::from_bearer("Bearer linli_abc"), None);
        assert_eq!(ApiToken::from_bearer("Basic dXNlcjpwYXNz"), None);
        let not_hex = format!("Bearer linli_{}", "g".repeat(64));
        assert_eq!(ApiToken::from_bearer(&not_hex), None);
        assert!(!format!("{token:?}").contains(&token.reveal()[6..]));
    }
}
