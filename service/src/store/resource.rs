//! Resources. The owner's contact is read only by [`Store::resource_contact`],
//! which the service calls for staff alone.

use linli_model::{
    LocalName, Page,
    account::AccountId,
    money::Fen,
    resource::{NewResource, ResourceFacts, ResourceKind, ResourceSummary},
    tree::CommunityCode,
};

use super::{Store, code, in_write_tx, like_contains, need::search_text, on_reader};
use crate::{Error, Result, clock::Millis};

#[derive(sqlx::FromRow)]
struct ResourceRow {
    resource_id: i64,
    community_code: String,
    name_zh: String,
    name_en: String,
    kind: String,
    name: String,
    owner: String,
    area_m2: Option<i64>,
    opening_hours: Option<String>,
    accessible: Option<bool>,
    bookable: Option<bool>,
    members: Option<i64>,
    organisation_id: Option<i64>,
    amount: Option<i64>,
}

const RESOURCE_SELECT: &str = "SELECT r.resource_id, r.community_code, c.name_zh, c.name_en, \
     r.kind, r.name, r.owner, r.area_m2, r.opening_hours, r.accessible, r.bookable, r.members, \
     r.organisation_id, r.amount \
     FROM resource r JOIN community c ON c.code = r.community_code";

fn small(n: Option<i64>) -> u32 {
    n.and_then(|n| u32::try_from(n).ok()).unwrap_or_default()
}

impl ResourceRow {
    fn summary(self) -> Result<ResourceSummary> {
        let kind = code(&self.kind, |s| ResourceKind::parse(s).ok_or("unknown kind"))?;
        let facts = match kind {
            ResourceKind::Venue => ResourceFacts::Venue {
                area_m2: small(self.area_m2),
                opening_hours: self.opening_hours.unwrap_or_default(),
                accessible: self.accessible.unwrap_or_default(),
                bookable: self.bookable.unwrap_or_default(),
            },
            ResourceKind::Service => ResourceFacts::Service,
            ResourceKind::Volunteers => ResourceFacts::Volunteers {
                members: small(self.members),
            },
            ResourceKind::Organisation => ResourceFacts::Organisation {
                organisation: self.organisation_id,
            },
            ResourceKind::Fund => ResourceFacts::Fund {
                amount: self.amount.and_then(Fen::new).unwrap_or_default(),
            },
        };
        Ok(ResourceSummary {
            id: self.resource_id,
            community: code(&self.community_code, CommunityCode::parse)?,
            community_name: LocalName::new(self.name_zh, self.name_en),
            name: self.name,
            owner: self.owner,
            facts,
        })
    }
}

/// What the resources list is filtered by.
#[derive(Debug, Clone, Default)]
pub struct ResourceFilter {
    pub place: String,
    pub kind: Option<ResourceKind>,
    /// Venues a wheelchair gets into, only.
    pub accessible: bool,
    pub text: String,
}

impl Store {
    pub async fn insert_resource(
        &self,
        community: &CommunityCode,
        r: &NewResource,
        by: AccountId,
        now: Millis,
    ) -> Result<i64> {
        let c = r.facts.columns();
        in_write_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO resource (community_code, kind, name, detail, owner, contact, area_m2, \
                 opening_hours, accessible, bookable, members, organisation_id, amount, search_text, \
                 created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
                 RETURNING resource_id",
            )
            .bind(community.as_str())
            .bind(r.facts.kind().as_str())
            .bind(&r.name)
            .bind(&r.detail)
            .bind(&r.owner)
            .bind(&r.contact)
            .bind(c.area_m2.map(i64::from))
            .bind(c.opening_hours)
            .bind(c.accessible)
            .bind(c.bookable)
            .bind(c.members.map(i64::from))
            .bind(c.organisation)
            .bind(c.amount.map(Fen::get))
            .bind(search_text(&[&r.name, &r.detail, &r.owner]))
            .bind(by.0)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            Ok(id)
        })
    }

    pub async fn resource(&self, id: i64) -> Result<(ResourceSummary, String)> {
        let sql = format!("{RESOURCE_SELECT} WHERE r.resource_id = $1");
        let row: ResourceRow =
            on_reader!(self, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?
                .ok_or(Error::NotFound)?;
        let detail: String = on_reader!(self, pool => {
            sqlx::query_scalar("SELECT detail FROM resource WHERE resource_id = $1")
                .bind(id)
                .fetch_one(pool)
                .await
        })?;
        Ok((row.summary()?, detail))
    }

    /// How staff reach the resource's owner.
    pub async fn resource_contact(&self, id: i64) -> Result<String> {
        on_reader!(self, pool => {
            sqlx::query_scalar("SELECT contact FROM resource WHERE resource_id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await
        })?
        .ok_or(Error::NotFound)
    }

    pub async fn resources(
        &self,
        filter: &ResourceFilter,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Page<ResourceSummary>> {
        let sql = format!(
            "{RESOURCE_SELECT} WHERE r.community_code LIKE $1 AND ($2 = '' OR r.kind = $2) \
             AND ($3 = FALSE OR r.accessible = TRUE) AND r.search_text LIKE $4 ESCAPE '\\' \
             AND r.resource_id < $5 ORDER BY r.resource_id DESC LIMIT {}",
            limit + 1
        );
        let rows: Vec<ResourceRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql)
                .bind(format!("{}%", filter.place))
                .bind(filter.kind.map_or("", ResourceKind::as_str))
                .bind(filter.accessible)
                .bind(like_contains(&filter.text))
                .bind(before.unwrap_or(i64::MAX))
                .fetch_all(pool)
                .await
        })?;
        super::keyset_page(rows, limit, ResourceRow::summary, |r| r.id)
    }

    /// The resources a project uses, in the order they were named.
    pub async fn project_resources(&self, project: i64) -> Result<Vec<ResourceSummary>> {
        let sql = format!(
            "{RESOURCE_SELECT} JOIN project_resource pr ON pr.resource_id = r.resource_id \
             WHERE pr.project_id = $1 ORDER BY r.resource_id"
        );
        let rows: Vec<ResourceRow> =
            on_reader!(self, pool => sqlx::query_as(&sql).bind(project).fetch_all(pool).await)?;
        rows.into_iter().map(ResourceRow::summary).collect()
    }

    /// Of `ids`, those that are resources of `community`.
    pub async fn resources_of(&self, community: &CommunityCode, ids: &[i64]) -> Result<Vec<i64>> {
        let mut found = Vec::new();
        for id in ids {
            let hit: Option<i64> = on_reader!(self, pool => {
                sqlx::query_scalar(
                    "SELECT resource_id FROM resource WHERE resource_id = $1 AND community_code = $2",
                )
                .bind(id)
                .bind(community.as_str())
                .fetch_optional(pool)
                .await
            })?;
            found.extend(hit);
        }
        Ok(found)
    }
}
