//! Membership requests and invitation codes in the store.

use linli_model::{
    LocalName,
    account::AccountId,
    membership::{MembershipStatus, MyMembership, PendingMembership},
    role::Role,
    tree::{CommunityCode, GridCode},
};

use super::{Store, account::INSERT_GRANT, code, in_write_tx, on_reader};
use crate::{Error, Result, clock::Millis};

/// Grants the resident role inside an open transaction (`$tx`); a role
/// held already is left as it is. A macro rather than a generic function:
/// generic sqlx executors make the futures of axum handlers lose `Send`.
macro_rules! grant_resident {
    ($tx:expr, $account:expr, $community:expr, $by:expr, $now:expr) => {
        sqlx::query(&format!("{INSERT_GRANT} ON CONFLICT DO NOTHING"))
            .bind($account.0)
            .bind(Role::Resident.as_str())
            .bind("community")
            .bind($community.to_string())
            .bind($by.map(|a: AccountId| a.0))
            .bind($now)
            .execute(&mut *$tx)
            .await
    };
}

/// Where a person lives, as a join request states it.
#[derive(Debug, Clone)]
pub struct NewMembership<'a> {
    pub account: AccountId,
    pub community: &'a CommunityCode,
    pub grid: &'a GridCode,
    pub building: &'a str,
    pub unit: &'a str,
    pub room: &'a str,
}

#[derive(sqlx::FromRow)]
struct PendingRow {
    membership_id: i64,
    display_name: String,
    community: String,
    grid: String,
    building: String,
    unit: String,
    room: String,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct MineRow {
    code: String,
    name_zh: String,
    name_en: String,
    status: String,
    reason: Option<String>,
}

/// A request about to be decided: whose and where.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MembershipRef {
    pub account_id: i64,
    pub community: String,
    pub status: String,
}

impl Store {
    /// Stores a request; with `invitation_hash`, claims that invitation in
    /// the same transaction and verifies the membership at once (granting
    /// the resident role). `Conflict("invitation")` when the code is unknown,
    /// used, expired or for another community; `Conflict("membership")` when
    /// an open request exists.
    pub async fn insert_membership(
        &self,
        new: &NewMembership<'_>,
        invitation_hash: Option<&str>,
        now: Millis,
    ) -> Result<MembershipStatus> {
        let outcome: Result<MembershipStatus> = in_write_tx!(self, tx => {
            let ids: Option<(i64, i64)> = sqlx::query_as(
                "SELECT c.community_id, g.grid_id FROM grid g \
                 JOIN community c ON c.community_id = g.community_id \
                 WHERE c.code = $1 AND g.code = $2",
            )
            .bind(new.community.as_str())
            .bind(new.grid.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            let (community_id, grid_id) = ids.ok_or(Error::NotFound)?;
            let status = match invitation_hash {
                Some(hash) => {
                    let claimed: Option<i64> = sqlx::query_scalar(
                        "UPDATE invitation SET used_by = $1, used_at = $2 \
                         WHERE code_hash = $3 AND community_id = $4 AND used_by IS NULL AND expires_at > $2 \
                         RETURNING invitation_id",
                    )
                    .bind(new.account.0)
                    .bind(now)
                    .bind(hash)
                    .bind(community_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if claimed.is_none() {
                        return Err(Error::Conflict("invitation"));
                    }
                    MembershipStatus::Verified
                }
                None => MembershipStatus::Pending,
            };
            sqlx::query(
                "INSERT INTO membership (account_id, community_id, grid_id, building, unit, room, status, \
                 decided_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(new.account.0)
            .bind(community_id)
            .bind(grid_id)
            .bind(new.building)
            .bind(new.unit)
            .bind(new.room)
            .bind(status.as_str())
            .bind((status == MembershipStatus::Verified).then_some(now))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if status == MembershipStatus::Verified {
                grant_resident!(tx, new.account, new.community, None::<AccountId>, now)?;
            }
            Ok(status)
        });
        match outcome {
            Err(e) if e.is_unique_violation() => Err(Error::Conflict("membership")),
            other => other,
        }
    }

    pub async fn pending_memberships(
        &self,
        community: &CommunityCode,
        limit: i64,
    ) -> Result<Vec<PendingMembership>> {
        let rows: Vec<PendingRow> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT m.membership_id, a.display_name, c.code AS community, g.code AS grid, \
                        m.building, m.unit, m.room, m.created_at \
                 FROM membership m \
                 JOIN account a ON a.account_id = m.account_id \
                 JOIN community c ON c.community_id = m.community_id \
                 JOIN grid g ON g.grid_id = m.grid_id \
                 WHERE c.code = $1 AND m.status = 'pending' \
                 ORDER BY m.created_at, m.membership_id LIMIT $2",
            )
            .bind(community.as_str())
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|r| {
                Ok(PendingMembership {
                    id: r.membership_id,
                    display_name: r.display_name,
                    community: code(&r.community, CommunityCode::parse)?,
                    grid: code(&r.grid, GridCode::parse)?,
                    building: r.building,
                    unit: r.unit,
                    room: r.room,
                    requested_at: r.created_at,
                })
            })
            .collect()
    }

    pub async fn membership_ref(&self, id: i64) -> Result<MembershipRef> {
        on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT m.account_id, c.code AS community, m.status FROM membership m \
                 JOIN community c ON c.community_id = m.community_id WHERE m.membership_id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await
        })?
        .ok_or(Error::NotFound)
    }

    /// Decides a pending request; `Conflict` when someone decided it first.
    /// Approval grants the resident role in the same transaction.
    pub async fn decide_membership(
        &self,
        id: i64,
        approve: bool,
        reason: Option<&str>,
        by: AccountId,
        now: Millis,
    ) -> Result<()> {
        let target = self.membership_ref(id).await?;
        let community = code(&target.community, CommunityCode::parse)?;
        in_write_tx!(self, tx => {
            let status = if approve { MembershipStatus::Verified } else { MembershipStatus::Rejected };
            let done = sqlx::query(
                "UPDATE membership SET status = $1, reason = $2, decided_by = $3, decided_at = $4 \
                 WHERE membership_id = $5 AND status = 'pending'",
            )
            .bind(status.as_str())
            .bind(reason)
            .bind(by.0)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() != 1 {
                return Err(Error::Conflict("decided already"));
            }
            if approve {
                grant_resident!(tx, AccountId(target.account_id), &community, Some(by), now)?;
            }
            Ok(())
        })
    }

    pub async fn insert_invitations(
        &self,
        community: &CommunityCode,
        hashes: &[String],
        by: AccountId,
        now: Millis,
        expires_at: Millis,
    ) -> Result<()> {
        in_write_tx!(self, tx => {
            let community_id: i64 = sqlx::query_scalar("SELECT community_id FROM community WHERE code = $1")
                .bind(community.as_str())
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(Error::NotFound)?;
            for hash in hashes {
                sqlx::query(
                    "INSERT INTO invitation (community_id, code_hash, created_by, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(community_id)
                .bind(hash)
                .bind(by.0)
                .bind(now)
                .bind(expires_at)
                .execute(&mut *tx)
                .await?;
            }
            Ok(())
        })
    }

    pub async fn memberships_of(&self, account: AccountId) -> Result<Vec<MyMembership>> {
        let rows: Vec<MineRow> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT c.code, c.name_zh, c.name_en, m.status, m.reason FROM membership m \
                 JOIN community c ON c.community_id = m.community_id \
                 WHERE m.account_id = $1 ORDER BY m.created_at DESC, m.membership_id DESC",
            )
            .bind(account.0)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|r| {
                Ok(MyMembership {
                    community: code(&r.code, CommunityCode::parse)?,
                    community_name: LocalName::new(r.name_zh, r.name_en),
                    status: MembershipStatus::parse(&r.status)
                        .ok_or_else(|| anyhow::anyhow!("stored status {:?}", r.status))?,
                    reason: r.reason,
                })
            })
            .collect()
    }
}
