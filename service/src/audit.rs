//! The append-only audit log. Each entry carries the SHA-256 of the entry
//! before it, so removing or changing any entry breaks the chain, and
//! `linli audit verify` finds where. The database refuses updates and
//! deletes of entries outright (a trigger on both engines).

use linli_model::{
    Page,
    account::{AccountId, Viewer},
    role::{AuditRecord, Scope},
};
use sha2::{Digest, Sha256};

use crate::{
    Result, Store,
    clock::Millis,
    policy::{Action, Actor, may},
    store::{in_write_tx, on_reader},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Denied,
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Denied => "denied",
            Outcome::Failed => "failed",
        }
    }
}

/// One state change (or refused attempt). Never personal data: accounts by
/// id, places by code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub actor: Option<AccountId>,
    pub action: String,
    pub target: String,
    /// The tree code the entry belongs to ('' for platform-wide), so staff
    /// see the entries of their own scope.
    pub scope_key: String,
    pub outcome: Outcome,
    pub at: Millis,
}

impl Store {
    /// Appends what `actor` did or tried: the one way services write the log.
    pub async fn audit_by(
        &self,
        actor: &Actor,
        action: &str,
        target: String,
        scope_key: String,
        outcome: Outcome,
        at: Millis,
    ) -> Result<()> {
        self.append_audit(&AuditEntry::by(
            actor, action, target, scope_key, outcome, at,
        ))
        .await
    }
}

impl Store {
    /// An entry about something done in a community: its code is the
    /// entry's scope, so staff over the community see it.
    pub async fn audit_in_community(
        &self,
        actor: &Actor,
        action: &str,
        target: String,
        community: &linli_model::tree::CommunityCode,
        outcome: Outcome,
        at: Millis,
    ) -> Result<()> {
        self.audit_by(actor, action, target, community.to_string(), outcome, at)
            .await
    }

    /// Whether the policy lets `actor` do `what` in `community`; a refusal
    /// of someone signed in is audited as `action` on `target`, so staff
    /// see who tried what.
    pub async fn allowed_in_community(
        &self,
        actor: &Actor,
        what: &crate::policy::Action<'_>,
        action: &str,
        target: String,
        community: &linli_model::tree::CommunityCode,
        at: Millis,
    ) -> Result<()> {
        if let Err(denied) = crate::policy::may(actor, what) {
            if actor.viewer().is_some() {
                self.audit_in_community(actor, action, target, community, Outcome::Denied, at)
                    .await?;
            }
            return Err(denied.into());
        }
        Ok(())
    }
}

impl AuditEntry {
    /// An entry for something `actor` did or tried.
    pub fn by(
        actor: &Actor,
        action: &str,
        target: String,
        scope_key: String,
        outcome: Outcome,
        at: Millis,
    ) -> Self {
        Self {
            actor: actor.operator().map(|v| v.id),
            action: action.to_owned(),
            target,
            scope_key,
            outcome,
            at,
        }
    }
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub(crate) fn chain_hash(prev: &str, seq: i64, e: &StoredEntry) -> String {
    let mut h = Sha256::new();
    for part in [
        prev.to_owned(),
        seq.to_string(),
        e.actor_account_id
            .map_or_else(String::new, |a| a.to_string()),
        e.action.clone(),
        e.target.clone(),
        e.scope_key.clone(),
        e.outcome.clone(),
        e.created_at.to_string(),
    ] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    hex::encode(h.finalize())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct StoredEntry {
    pub(crate) audit_entry_id: i64,
    pub(crate) actor_account_id: Option<i64>,
    pub(crate) action: String,
    pub(crate) target: String,
    pub(crate) scope_key: String,
    pub(crate) outcome: String,
    pub(crate) created_at: i64,
    pub(crate) prev_hash: String,
    pub(crate) hash: String,
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Intact {
        entries: u64,
    },
    /// The first entry whose stored hash or link does not match.
    Broken {
        entry: i64,
        reason: &'static str,
    },
}

/// The stored rows for `entries` appended after entry `last - n` with
/// hash `prev`: each links to the one before, in order.
pub(crate) fn chain(entries: &[AuditEntry], last: i64, prev: String) -> (Vec<StoredEntry>, String) {
    let first = last - i64::try_from(entries.len()).unwrap_or(0) + 1;
    let mut prev = prev;
    let stored = entries
        .iter()
        .zip(first..)
        .map(|(entry, seq)| {
            let mut stored = StoredEntry {
                audit_entry_id: seq,
                actor_account_id: entry.actor.map(|a| a.0),
                action: entry.action.clone(),
                target: entry.target.clone(),
                scope_key: entry.scope_key.clone(),
                outcome: entry.outcome.as_str().to_owned(),
                created_at: entry.at,
                prev_hash: prev.clone(),
                hash: String::new(),
            };
            stored.hash = chain_hash(&prev, seq, &stored);
            prev.clone_from(&stored.hash);
            stored
        })
        .collect();
    (stored, prev)
}

/// Appends `$entries` (a slice, in order) inside the open transaction `$tx`
/// (either engine), so changes and their audit entries commit together. The
/// head row is updated first, which locks it: concurrent appends queue and
/// the chain never forks.
macro_rules! append_in_tx {
    ($tx:ident, $entries:expr) => {{
        let entries: &[$crate::audit::AuditEntry] = $entries;
        let (last, prev): (i64, String) = sqlx::query_as(
            "UPDATE audit_head SET seq = seq + $1 WHERE audit_head_id = 1 RETURNING seq, hash",
        )
        .bind(i64::try_from(entries.len()).unwrap_or(0))
        .fetch_one(&mut *$tx)
        .await?;
        let (stored, head) = $crate::audit::chain(entries, last, prev);
        let rows: Vec<$crate::store::bulk::Batch> = $crate::store::bulk::table(
            "audit_entry (audit_entry_id, actor_account_id, action, target, scope_key, \
             outcome, created_at, prev_hash, hash)",
            &stored,
            |s: &$crate::audit::StoredEntry| {
                use $crate::store::bulk::Value;
                vec![
                    Value::Id(s.audit_entry_id),
                    Value::MaybeId(s.actor_account_id),
                    Value::Text(s.action.clone()),
                    Value::Text(s.target.clone()),
                    Value::Text(s.scope_key.clone()),
                    Value::Text(s.outcome.clone()),
                    Value::Id(s.created_at),
                    Value::Text(s.prev_hash.clone()),
                    Value::Text(s.hash.clone()),
                ]
            },
        )
        .collect();
        for batch in &rows {
            $crate::store::bulk::bind_batch!(batch, sqlx::query(&batch.sql))
                .execute(&mut *$tx)
                .await?;
        }
        sqlx::query("UPDATE audit_head SET hash = $1 WHERE audit_head_id = 1")
            .bind(&head)
            .execute(&mut *$tx)
            .await?;
    }};
}

pub(crate) use append_in_tx;

impl Store {
    /// Appends an entry. The head row is updated first in the transaction,
    /// which locks it, so concurrent appends queue and the chain never forks.
    pub async fn append_audit(&self, entry: &AuditEntry) -> Result<()> {
        in_write_tx!(self, tx => {
            append_in_tx!(tx, std::slice::from_ref(entry));
            Ok(())
        })
    }

    /// Walks the whole chain in pages and checks every link and hash, and
    /// that the head points at the last entry.
    pub async fn verify_audit(&self) -> Result<Verification> {
        const PAGE: i64 = 1_000;
        let mut prev = GENESIS.to_owned();
        let mut expected_seq = 1;
        loop {
            let rows: Vec<StoredEntry> = on_reader!(self, pool => {
                sqlx::query_as(
                    "SELECT audit_entry_id, actor_account_id, action, target, scope_key, outcome, \
                     created_at, prev_hash, hash FROM audit_entry \
                     WHERE audit_entry_id >= $1 ORDER BY audit_entry_id LIMIT $2",
                )
                .bind(expected_seq)
                .bind(PAGE)
                .fetch_all(pool)
                .await
            })?;
            let done = (rows.len() as i64) < PAGE;
            for row in rows {
                if row.audit_entry_id != expected_seq {
                    return Ok(Verification::Broken {
                        entry: expected_seq,
                        reason: "entry missing",
                    });
                }
                if row.prev_hash != prev {
                    return Ok(Verification::Broken {
                        entry: row.audit_entry_id,
                        reason: "link to the previous entry broken",
                    });
                }
                if chain_hash(&prev, row.audit_entry_id, &row) != row.hash {
                    return Ok(Verification::Broken {
                        entry: row.audit_entry_id,
                        reason: "content changed",
                    });
                }
                prev = row.hash;
                expected_seq += 1;
            }
            if done {
                break;
            }
        }
        let (seq, head): (i64, String) = on_reader!(self, pool => {
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE audit_head_id = 1").fetch_one(pool).await
        })?;
        if seq != expected_seq - 1 || head != prev {
            return Ok(Verification::Broken {
                entry: seq,
                reason: "the head does not match the last entry",
            });
        }
        Ok(Verification::Intact {
            entries: (expected_seq - 1) as u64,
        })
    }
}

/// Entries a page shows at once.
pub const AUDIT_PAGE: i64 = 50;

/// Actions on a call for bids whose entries would tell who bid, and how
/// many, before the deadline; their entries stay out of every log until
/// the call's deadline has passed.
pub const SEALED_ACTIONS: [&str; 2] = ["project.bid", "project.bid_withdrawn"];

impl Store {
    /// Newest first, inside `scope`, before entry `before`; entries of
    /// sealed actions on calls still open at `now` are left out.
    async fn audit_entries(
        &self,
        scope: &Scope,
        before: Option<i64>,
        limit: i64,
        now: Millis,
    ) -> Result<Vec<AuditRecord>> {
        let prefix = format!("{}%", scope.key());
        let rows: Vec<StoredEntry> = on_reader!(self, pool => {
            sqlx::query_as(&format!(
                "SELECT a.audit_entry_id, a.actor_account_id, a.action, a.target, a.scope_key, a.outcome, \
                 a.created_at, a.prev_hash, a.hash FROM audit_entry a \
                 LEFT JOIN project p ON a.action IN ({sealed}) \
                     AND a.target = 'project:' || CAST(p.project_id AS TEXT) \
                 WHERE a.scope_key LIKE $1 AND a.audit_entry_id < $2 \
                     AND NOT (a.action IN ({sealed}) AND (p.deadline IS NULL OR p.deadline > $4)) \
                 ORDER BY a.audit_entry_id DESC LIMIT $3",
                sealed = SEALED_ACTIONS.map(|a| format!("'{a}'")).join(", "),
            ))
            .bind(&prefix)
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit)
            .bind(now)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(|r| AuditRecord {
                id: r.audit_entry_id,
                actor: r.actor_account_id,
                action: r.action,
                target: r.target,
                scope_key: r.scope_key,
                outcome: r.outcome,
                at: r.created_at,
            })
            .collect())
    }
}

/// The audit log of `scope`, newest first, for staff whose own scope
/// contains it; `next` continues with older entries.
pub async fn visible_entries(
    store: &Store,
    actor: &Actor,
    scope: &Scope,
    before: Option<i64>,
    now: Millis,
) -> Result<Page<AuditRecord>> {
    may(actor, &Action::ViewAudit(scope))?;
    let rows = store
        .audit_entries(scope, before, AUDIT_PAGE + 1, now)
        .await?;
    Ok(Page::from_overfetch(rows, AUDIT_PAGE as usize, |e| {
        e.id.to_string()
    }))
}

/// The widest area whose log a person may read: that of their highest
/// staff role from community staff up.
pub fn audit_scope(viewer: &Viewer) -> Option<Scope> {
    viewer
        .grants
        .iter()
        .filter(|g| g.role().staff_rank().is_some_and(|r| r >= 2))
        .max_by_key(|g| g.role().staff_rank())
        .map(|g| g.scope().clone())
}
