//! Signing up, in and out: passwords, sessions and lock-outs.

use std::{net::IpAddr, sync::LazyLock};

use argon2::{
    Algorithm, Argon2, Params, Version,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
};
use linli_model::{
    account::{AccountId, FieldError, Login, NewAccount, Password, Viewer},
    api_token::{AccountNotice, CredentialsEnded},
};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::{
    Error, Result, Store,
    audit::{AuditEntry, Outcome},
    clock::{Clock, DAY, HOUR, MINUTE, Millis},
    policy::{Action, Actor, may},
    store::AssistScope,
};

/// A session ends after this long without a request.
pub const SESSION_IDLE: Millis = 14 * DAY;
/// `last_seen_at` is written at most this often, so reading pages does not
/// turn into a write per request.
const TOUCH_EVERY: Millis = HOUR;
/// The window in which failed sign-ins are counted.
pub const FAILURE_WINDOW: Millis = 15 * MINUTE;
/// Failures allowed per account, and per network address, in the window.
pub const ACCOUNT_FAILURES: usize = 5;
pub const ADDRESS_FAILURES: usize = 20;
/// Sign-ups allowed per network address per hour.
pub const ADDRESS_SIGN_UPS: usize = 10;

/// A reset link works for an hour, once.
pub const RESET_LIFETIME: Millis = HOUR;
/// Reset messages per account per hour; more requests send nothing, so
/// nobody can flood a person's phone or inbox.
pub const RESETS_PER_HOUR: i64 = 3;

/// Argon2id with OWASP's baseline (19 MiB, 2 passes, 1 lane): about 20–40 ms
/// on one core here, slow for an attacker's guesses, quick for a person.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Verified against when the login is unknown, so a wrong login takes as
/// long as a wrong password and timing cannot tell which accounts exist.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_now("not a real password").unwrap_or_default());

fn hash_now(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(anyhow::anyhow!("hashing a password: {e}")))
}

pub(crate) async fn hash_password(password: &Password) -> Result<String> {
    let password = password.expose().to_owned();
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("hashing task: {e}")))?
}

async fn verify_password(password: &str, hash: &str) -> Result<bool> {
    let password = password.to_owned();
    let hash = hash.to_owned();
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                argon2()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .map_err(|e| Error::Internal(anyhow::anyhow!("stored password hash: {e}")))
    })
    .await
    .map_err(|e| Error::Internal(anyhow::anyhow!("verifying task: {e}")))?
}

/// Where wrong passwords for an account are counted, wherever typed.
fn account_failures(account: AccountId) -> String {
    format!("sign_in_failure:account:{}", account.0)
}

/// Addresses are personal data: rate limits key on their SHA-256.
pub(crate) fn address_key(address: IpAddr) -> String {
    hex::encode(Sha256::digest(address.to_string()))
}

/// The secret in the session cookie. Only its SHA-256 reaches the database,
/// so a leaked database cannot be replayed as sessions.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(…)")
    }
}

impl SessionToken {
    fn generate() -> Self {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        Self(hex::encode(bytes))
    }

    /// Reads a cookie value; anything that is not 64 hex digits is ignored.
    pub fn from_cookie(value: &str) -> Option<Self> {
        (value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Self(value.to_owned()))
    }

    pub fn cookie_value(&self) -> &str {
        &self.0
    }

    /// What the database keeps of the token: its SHA-256, in hex.
    pub fn id(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

/// A new session for a person who just proved who they are.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: SessionToken,
    pub viewer: Viewer,
}

/// The service's entry points for identity. Holds the store and the clock.
#[derive(Debug, Clone)]
pub struct Auth<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

impl Auth<'_> {
    async fn start_session(&self, account: AccountId) -> Result<SignedIn> {
        let token = SessionToken::generate();
        let now = self.clock.now();
        self.store
            .purge_idle_sessions(account, now - SESSION_IDLE)
            .await?;
        self.store.insert_session(&token.id(), account, now).await?;
        Ok(SignedIn {
            token,
            viewer: self.store.viewer(account).await?,
        })
    }

    async fn audit(&self, actor: Option<AccountId>, action: &str, outcome: Outcome) -> Result<()> {
        self.store
            .append_audit(&AuditEntry {
                actor,
                action: action.to_owned(),
                target: actor.map_or_else(String::new, |a| format!("account:{a}")),
                scope_key: String::new(),
                outcome,
                at: self.clock.now(),
            })
            .await
    }

    /// Creates the account and signs it in; at most `ADDRESS_SIGN_UPS` an
    /// hour from one address.
    pub async fn sign_up(&self, new: &NewAccount, address: Option<IpAddr>) -> Result<SignedIn> {
        let now = self.clock.now();
        let subject = address.map(|a| format!("sign_up:{}", address_key(a)));
        if let Some(subject) = &subject {
            self.check_lock(subject, ADDRESS_SIGN_UPS, HOUR, now)
                .await?;
        }
        let hash = hash_password(&new.password).await?;
        let account = match self
            .store
            .insert_account(
                new.display_name.as_str(),
                &new.login,
                &hash,
                self.clock.now(),
            )
            .await
        {
            Err(Error::Conflict(_)) => {
                return Err(Error::Invalid(vec![("login".into(), FieldError::Taken)]));
            }
            other => other?,
        };
        if let Some(subject) = &subject {
            self.store.record_rate_event(subject, now).await?;
        }
        self.audit(Some(account), "account.sign_up", Outcome::Ok)
            .await?;
        self.start_session(account).await
    }

    /// Checks a password, with lock-outs per account and per address. A new
    /// session id is issued every time, so a session id planted before
    /// sign-in (fixation) is worth nothing after it.
    pub async fn sign_in(
        &self,
        login: &str,
        password: &str,
        address: Option<IpAddr>,
    ) -> Result<SignedIn> {
        let now = self.clock.now();
        let address_subject =
            address.map(|a| format!("sign_in_failure:address:{}", address_key(a)));
        if let Some(subject) = &address_subject {
            self.check_lock(subject, ADDRESS_FAILURES, FAILURE_WINDOW, now)
                .await?;
        }
        let stored = match Login::parse(login) {
            Ok(login) => self.store.credentials(&login).await?,
            Err(_) => None,
        };
        let account_subject = stored
            .as_ref()
            .map(|s| account_failures(AccountId(s.account_id)));
        if let Some(subject) = &account_subject {
            self.check_lock(subject, ACCOUNT_FAILURES, FAILURE_WINDOW, now)
                .await?;
        }
        let hash = stored
            .as_ref()
            .map_or(DUMMY_HASH.as_str(), |s| s.password_hash.as_str());
        let matches = verify_password(password, hash).await?;
        match stored {
            Some(s) if matches => {
                let account = AccountId(s.account_id);
                if let Some(subject) = &account_subject {
                    self.store.clear_rate_events(subject).await?;
                }
                self.audit(Some(account), "account.sign_in", Outcome::Ok)
                    .await?;
                self.start_session(account).await
            }
            _ => {
                for subject in account_subject.iter().chain(address_subject.iter()) {
                    self.store.record_rate_event(subject, now).await?;
                }
                let who = stored.map(|s| AccountId(s.account_id));
                self.audit(who, "account.sign_in", Outcome::Failed).await?;
                Err(Error::BadCredentials)
            }
        }
    }

    /// Refuses when `subject` had `allowed` events within `window`.
    async fn check_lock(
        &self,
        subject: &str,
        allowed: usize,
        window: Millis,
        now: Millis,
    ) -> Result<()> {
        let events = self.store.rate_events_since(subject, now - window).await?;
        if events.len() >= allowed {
            // Unlocks when the oldest event that counts leaves the window.
            let oldest = events[events.len() - allowed];
            let retry_after_secs = ((oldest + window - now) / 1000).max(1);
            return Err(Error::RateLimited { retry_after_secs });
        }
        Ok(())
    }

    /// The person behind a session cookie, or `Anonymous` when the session
    /// is unknown or idle too long.
    pub async fn actor(&self, token: Option<&SessionToken>) -> Result<Actor> {
        let Some(token) = token else {
            return Ok(Actor::Anonymous);
        };
        let now = self.clock.now();
        let id = token.id();
        let Some((viewer, seen)) = self.store.session_viewer(&id, now - SESSION_IDLE).await? else {
            return Ok(Actor::Anonymous);
        };
        if now - seen > TOUCH_EVERY {
            self.store.touch_session(&id, now).await?;
        }
        // Only staff act for residents: nobody else pays for the lookup.
        if viewer
            .grants
            .iter()
            .any(|g| g.role().staff_rank().is_some())
        {
            let assist = crate::assist::Assist {
                store: self.store,
                clock: self.clock,
            };
            if let Some(assisted) = assist.assisted(&viewer, &id).await? {
                return Ok(assisted);
            }
        }
        Ok(Actor::Signed(viewer))
    }

    pub async fn sign_out(&self, token: &SessionToken) -> Result<()> {
        let id = token.id();
        self.end_assists(AssistScope::Session(&id)).await?;
        self.store.delete_session(&id).await
    }

    /// Staff acting for a resident in sessions about to end stop first, so
    /// the resident gets the list of what was done in their name.
    async fn end_assists(&self, scope: AssistScope<'_>) -> Result<()> {
        crate::assist::Assist {
            store: self.store,
            clock: self.clock,
        }
        .end_with_sessions(scope)
        .await
        .map(drop)
    }

    /// Ends every session of the actor's account, on every device, and its
    /// API tokens and reset links; returns the sessions ended.
    pub async fn sign_out_everywhere(&self, actor: &Actor) -> Result<u64> {
        may(actor, &Action::ManageCredentials)?;
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        let sessions = self.store.count_sessions_of(viewer.id).await?;
        self.end_assists(AssistScope::Staff(viewer.id)).await?;
        self.store
            .end_credentials(
                viewer.id,
                CredentialsEnded::SignedOutEverywhere,
                self.clock.now(),
            )
            .await?;
        self.audit(Some(viewer.id), "account.sign_out_everywhere", Outcome::Ok)
            .await?;
        Ok(u64::try_from(sessions).unwrap_or_default())
    }

    /// Notices about the actor's own account, newest first; reading them
    /// marks them read.
    pub async fn account_notices(&self, actor: &Actor) -> Result<Vec<AccountNotice>> {
        may(actor, &Action::ManageOwnAccount)?;
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        self.store
            .account_notices(viewer.id, self.clock.now())
            .await
    }

    /// Sends a one-time reset link through the outbox. Answers the same
    /// whether or not the login exists, so it cannot be used to find out
    /// who has an account.
    pub async fn request_reset(&self, login: &str, public_url: &str) -> Result<()> {
        let Ok(login) = Login::parse(login) else {
            return Ok(());
        };
        let Some(account) = self.store.contact_for(&login).await? else {
            return Ok(());
        };
        let now = self.clock.now();
        if self.store.resets_since(account, now - HOUR).await? >= RESETS_PER_HOUR {
            return Ok(());
        }
        let token = SessionToken::generate();
        let link = format!(
            "{}/reset/{}",
            public_url.trim_end_matches('/'),
            token.cookie_value()
        );
        let (channel, recipient) = match &login {
            Login::Email(e) => ("email", e.as_str().to_owned()),
            Login::Phone(p) => ("sms", p.as_str().to_owned()),
        };
        let body = format!(
            "请在 1 小时内打开以下链接，重设您在邻里的密码：\n{link}\n如果不是您本人操作，请忽略本消息。\n\n\
             To reset your Linli password, open this link within an hour:\n{link}\n\
             If you did not ask for this, ignore this message."
        );
        let message = crate::store::OutboxMessage {
            account: Some(account),
            channel,
            recipient: &recipient,
            subject: "邻里：重设密码 / Linli: reset your password",
            body: &body,
        };
        self.store
            .insert_reset(account, &token.id(), now, now + RESET_LIFETIME, &message)
            .await?;
        self.audit(Some(account), "account.request_reset", Outcome::Ok)
            .await
    }

    /// Sets a new password from a reset link and ends every session.
    pub async fn reset_password(&self, token: &str, new: &Password) -> Result<()> {
        let unusable = || Error::Invalid(vec![("token".into(), FieldError::LinkUnusable)]);
        let token = SessionToken::from_cookie(token).ok_or_else(unusable)?;
        let hash = hash_password(new).await?;
        let account = self
            .store
            .use_reset(&token.id(), &hash, self.clock.now())
            .await?
            .ok_or_else(unusable)?;
        self.audit(Some(account), "account.reset_password", Outcome::Ok)
            .await
    }

    /// Changes the password after checking the current one; other sessions,
    /// API tokens and reset links end, since a changed password often means
    /// a stolen one.
    pub async fn change_password(
        &self,
        actor: &Actor,
        current: &str,
        new: &Password,
    ) -> Result<SignedIn> {
        may(actor, &Action::ManageCredentials)?;
        let viewer = actor.viewer().ok_or(Error::Unauthenticated)?;
        // Guesses here count with wrong passwords at sign-in: a borrowed
        // phone or a stolen session gets no more tries than the door.
        let subject = account_failures(viewer.id);
        let now = self.clock.now();
        self.check_lock(&subject, ACCOUNT_FAILURES, FAILURE_WINDOW, now)
            .await?;
        let stored = self.store.password_hash(viewer.id).await?;
        if !verify_password(current, &stored).await? {
            self.store.record_rate_event(&subject, now).await?;
            return Err(Error::Invalid(vec![(
                "current".into(),
                FieldError::WrongPassword,
            )]));
        }
        self.store.clear_rate_events(&subject).await?;
        self.store
            .set_password_hash(viewer.id, &hash_password(new).await?)
            .await?;
        self.end_assists(AssistScope::Staff(viewer.id)).await?;
        self.store
            .end_credentials(
                viewer.id,
                CredentialsEnded::PasswordChanged,
                self.clock.now(),
            )
            .await?;
        self.audit(Some(viewer.id), "account.change_password", Outcome::Ok)
            .await?;
        self.start_session(viewer.id).await
    }
}
