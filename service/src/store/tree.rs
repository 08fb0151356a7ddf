//! Reading and loading the administrative tree.

use linli_model::{
    LocalName, Page,
    tree::{
        CityOverview, CommunityCode, CommunityDetail, CommunitySearch, CommunitySummary,
        CommunityType, DirectoryFilter, DistrictCode, DistrictSummary, GridCode, GridKind,
        GridSummary, SizeClass, StreetCode, StreetSummary,
    },
};

use super::{
    Store,
    bulk::{Batch, Value, bind_batch, table},
    code, in_write_tx, like_contains, on_reader,
};
use crate::{
    Error, Result,
    seed::{CityData, Node, Progress},
};

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[derive(sqlx::FromRow)]
struct DistrictRow {
    code: String,
    name_zh: String,
    name_en: String,
    street_count: i64,
    community_count: i64,
    households: i64,
}

impl DistrictRow {
    fn into_model(self) -> Result<DistrictSummary> {
        Ok(DistrictSummary {
            code: code(&self.code, DistrictCode::parse)?,
            name: LocalName::new(self.name_zh, self.name_en),
            street_count: count(self.street_count),
            community_count: count(self.community_count),
            households: u64::try_from(self.households).unwrap_or(0),
        })
    }
}

#[derive(sqlx::FromRow)]
struct StreetRow {
    code: String,
    name_zh: String,
    name_en: String,
    community_count: i64,
    households: i64,
}

#[derive(sqlx::FromRow)]
struct CommunityRow {
    code: String,
    name_zh: String,
    name_en: String,
    street_zh: String,
    street_en: String,
    district_zh: String,
    district_en: String,
    households: i32,
    population: i32,
    grid_count: i64,
}

impl CommunityRow {
    fn summary(self) -> Result<(CommunitySummary, u32)> {
        Ok((
            CommunitySummary {
                code: code(&self.code, CommunityCode::parse)?,
                name: LocalName::new(self.name_zh, self.name_en),
                street: LocalName::new(self.street_zh, self.street_en),
                district: LocalName::new(self.district_zh, self.district_en),
                households: self.households.unsigned_abs(),
                grid_count: count(self.grid_count),
            },
            self.population.unsigned_abs(),
        ))
    }
}

#[derive(sqlx::FromRow)]
struct GridRow {
    code: String,
    name_zh: String,
    name_en: String,
    kind: String,
    households: i32,
    micro_grid_count: i64,
}

#[derive(sqlx::FromRow)]
struct TallyRow {
    digit: String,
    n: i64,
}

const COMMUNITY_SELECT: &str = "\
SELECT c.code, c.name_zh, c.name_en, s.name_zh AS street_zh, s.name_en AS street_en, \
       d.name_zh AS district_zh, d.name_en AS district_en, c.households, c.population, \
       (SELECT COUNT(*) FROM grid g WHERE g.community_id = c.community_id) AS grid_count \
FROM community c \
JOIN street s ON s.street_id = c.street_id \
JOIN district d ON d.district_id = s.district_id";

const DISTRICT_SELECT: &str = "\
SELECT d.code, d.name_zh, d.name_en, \
       (SELECT COUNT(*) FROM street s WHERE s.district_id = d.district_id) AS street_count, \
       (SELECT COUNT(*) FROM community c JOIN street s ON s.street_id = c.street_id \
         WHERE s.district_id = d.district_id) AS community_count, \
       (SELECT COALESCE(SUM(c.households), 0) FROM community c JOIN street s ON s.street_id = c.street_id \
         WHERE s.district_id = d.district_id) AS households \
FROM district d";

/// The table of the tree level whose codes are `len` digits long. Table
/// names in SQL come from this fixed list, never from input.
pub(super) fn level_table(len: usize) -> Option<&'static str> {
    match len {
        6 => Some("district"),
        9 => Some("street"),
        17 => Some("community"),
        20 => Some("grid"),
        22 => Some("micro_grid"),
        _ => None,
    }
}

impl Store {
    /// The city at a glance; `None` before any city was loaded.
    pub async fn city_overview(&self) -> Result<Option<CityOverview>> {
        let city: Option<(String, String)> = on_reader!(self, pool => {
            sqlx::query_as("SELECT name_zh, name_en FROM city ORDER BY city_id LIMIT 1")
                .fetch_optional(pool)
                .await
        })?;
        let Some((zh, en)) = city else {
            return Ok(None);
        };
        let districts = self.districts().await?;
        let (grid_count, micro_grid_count): (i64, i64) = on_reader!(self, pool => {
            sqlx::query_as("SELECT (SELECT COUNT(*) FROM grid), (SELECT COUNT(*) FROM micro_grid)")
                .fetch_one(pool)
                .await
        })?;
        // Type and size class are digits 14 and 15 of the community code.
        let tally = |position: usize| async move {
            let sql = format!(
                "SELECT substr(code, {position}, 1) AS digit, COUNT(*) AS n FROM community GROUP BY 1"
            );
            on_reader!(self, pool => sqlx::query_as::<_, TallyRow>(&sql).fetch_all(pool).await)
        };
        let types = tally(14).await?;
        let sizes = tally(15).await?;
        let count_of = |rows: &[TallyRow], digit: u8| {
            rows.iter()
                .find(|r| r.digit.as_bytes().first() == Some(&(b'0' + digit)))
                .map_or(0, |r| count(r.n))
        };
        Ok(Some(CityOverview {
            name: LocalName::new(zh, en),
            street_count: districts.iter().map(|d| d.street_count).sum(),
            community_count: districts.iter().map(|d| d.community_count).sum(),
            grid_count: count(grid_count),
            micro_grid_count: count(micro_grid_count),
            households: districts.iter().map(|d| d.households).sum(),
            by_type: CommunityType::ALL
                .iter()
                .map(|t| (*t, count_of(&types, t.digit())))
                .collect(),
            by_size: SizeClass::ALL
                .iter()
                .map(|s| (*s, count_of(&sizes, s.digit())))
                .collect(),
            districts,
        }))
    }

    pub async fn districts(&self) -> Result<Vec<DistrictSummary>> {
        let sql = format!("{DISTRICT_SELECT} ORDER BY d.code");
        let rows: Vec<DistrictRow> =
            on_reader!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
        rows.into_iter().map(DistrictRow::into_model).collect()
    }

    pub async fn streets(&self, district: &DistrictCode) -> Result<Vec<StreetSummary>> {
        let rows: Vec<StreetRow> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT s.code, s.name_zh, s.name_en, \
                        COUNT(c.community_id) AS community_count, \
                        COALESCE(SUM(c.households), 0) AS households \
                 FROM street s \
                 JOIN district d ON d.district_id = s.district_id \
                 LEFT JOIN community c ON c.street_id = s.street_id \
                 WHERE d.code = $1 \
                 GROUP BY s.street_id, s.code, s.name_zh, s.name_en \
                 ORDER BY s.code",
            )
            .bind(district.as_str())
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|r| {
                Ok(StreetSummary {
                    code: code(&r.code, StreetCode::parse)?,
                    name: LocalName::new(r.name_zh, r.name_en),
                    community_count: count(r.community_count),
                    households: u64::try_from(r.households).unwrap_or(0),
                })
            })
            .collect()
    }

    /// One page of the directory in code order, starting after `after`.
    pub async fn communities(
        &self,
        filter: &DirectoryFilter,
        after: Option<&CommunityCode>,
        limit: usize,
    ) -> Result<Page<CommunitySummary>> {
        let mut clauses = Vec::new();
        let mut binds: Vec<String> = Vec::new();
        let mut bind = |value: String| {
            binds.push(value);
            format!("${}", binds.len())
        };
        match &filter.search {
            Some(CommunitySearch::Code(code)) => {
                clauses.push(format!("c.code = {}", bind(code.to_string())))
            }
            Some(CommunitySearch::CodePrefix(prefix)) => {
                clauses.push(format!("c.code LIKE {}", bind(format!("{prefix}%"))));
            }
            Some(CommunitySearch::Name(name)) => {
                let p = bind(like_contains(&name.to_lowercase()));
                clauses.push(format!(
                    "(c.name_zh LIKE {p} ESCAPE '\\' OR lower(c.name_en) LIKE {p} ESCAPE '\\' \
                     OR c.name_pinyin LIKE {p} ESCAPE '\\')"
                ));
            }
            None => {}
        }
        if let Some(district) = &filter.district {
            clauses.push(format!("d.code = {}", bind(district.to_string())));
        }
        if let Some(street) = &filter.street {
            clauses.push(format!("s.code = {}", bind(street.to_string())));
        }
        if let Some(after) = after {
            clauses.push(format!("c.code > {}", bind(after.to_string())));
        }
        let filter_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", clauses.join(" AND "))
        };
        let sql = format!(
            "{COMMUNITY_SELECT}{filter_sql} ORDER BY c.code LIMIT {}",
            limit + 1
        );
        let rows: Vec<CommunityRow> = on_reader!(self, pool => {
            let mut query = sqlx::query_as(&sql);
            for value in &binds {
                query = query.bind(value);
            }
            query.fetch_all(pool).await
        })?;
        let items = rows
            .into_iter()
            .map(|r| r.summary().map(|(s, _)| s))
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::from_overfetch(items, limit, |c| c.code.to_string()))
    }

    pub async fn community(&self, community: &CommunityCode) -> Result<CommunityDetail> {
        let sql = format!("{COMMUNITY_SELECT} WHERE c.code = $1");
        let row: CommunityRow = on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(community.as_str()).fetch_optional(pool).await
        })?
        .ok_or(Error::NotFound)?;
        let grids: Vec<GridRow> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT g.code, g.name_zh, g.name_en, g.kind, g.households, \
                        (SELECT COUNT(*) FROM micro_grid m WHERE m.grid_id = g.grid_id) AS micro_grid_count \
                 FROM grid g JOIN community c ON c.community_id = g.community_id \
                 WHERE c.code = $1 ORDER BY g.code",
            )
            .bind(community.as_str())
            .fetch_all(pool)
            .await
        })?;
        let grids = grids
            .into_iter()
            .map(|g| {
                Ok(GridSummary {
                    code: code(&g.code, GridCode::parse)?,
                    name: LocalName::new(g.name_zh, g.name_en),
                    kind: GridKind::parse(&g.kind).ok_or_else(|| {
                        anyhow::anyhow!("stored grid kind {:?} is unknown", g.kind)
                    })?,
                    households: g.households.unsigned_abs(),
                    micro_grid_count: count(g.micro_grid_count),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let (summary, population) = row.summary()?;
        Ok(CommunityDetail {
            micro_grid_count: grids.iter().map(|g| g.micro_grid_count).sum(),
            summary,
            population,
            grids,
        })
    }

    /// A place's name (the city's for the empty code) and the places above
    /// it, from the city down; `NotFound` for a code naming nothing.
    pub async fn place_trail(&self, place: &str) -> Result<(LocalName, Vec<(String, LocalName)>)> {
        let name_of = |code: &str| {
            let code = code.to_owned();
            async move {
                let name = if code.is_empty() {
                    self.city_name().await?
                } else {
                    self.place_name(&code).await?
                };
                name.ok_or(crate::Error::NotFound)
            }
        };
        let mut parents = Vec::new();
        for len in [0, 6, 9, 17] {
            if len < place.len() {
                parents.push((place[..len].to_owned(), name_of(&place[..len]).await?));
            }
        }
        Ok((name_of(place).await?, parents))
    }

    /// The name of the district, street, community, grid or micro-grid a
    /// code names (told apart by length); `None` for a code naming nothing.
    pub async fn place_name(&self, code: &str) -> Result<Option<LocalName>> {
        let Some(table) = level_table(code.len()) else {
            return Ok(None);
        };
        let sql = format!("SELECT name_zh, name_en FROM {table} WHERE code = $1");
        let row: Option<(String, String)> = on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(code).fetch_optional(pool).await
        })?;
        Ok(row.map(|(zh, en)| LocalName::new(zh, en)))
    }

    /// Gives every community without a pinyin key one: those loaded before
    /// the key existed. Runs after each migration; a no-op once all have one.
    pub async fn key_community_names(&self) -> Result<()> {
        let missing: Vec<(i64, String)> = on_reader!(self, pool => {
            sqlx::query_as("SELECT community_id, name_zh FROM community WHERE name_pinyin = ''")
                .fetch_all(pool)
                .await
        })?;
        for chunk in missing.chunks(500) {
            in_write_tx!(self, tx => {
                for (id, name) in chunk {
                    sqlx::query("UPDATE community SET name_pinyin = $1 WHERE community_id = $2")
                        .bind(crate::search::pinyin_key(name))
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Whether a city has been loaded, so start-up can seed an empty database.
    pub async fn has_city(&self) -> Result<bool> {
        let n: i64 = on_reader!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM city").fetch_one(pool).await
        })?;
        Ok(n > 0)
    }

    /// Loads a whole city in one transaction, written in multi-row batches
    /// and reported as it goes. Refuses to load over an existing city, also
    /// when two loads race: the loser gets `Conflict`, never a locked error.
    pub async fn load_city(&self, city: &CityData, progress: &dyn Progress) -> Result<()> {
        progress.start(city.row_count() as u64);
        let loaded: Result<()> = in_write_tx!(self, tx => {
            let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM city")
                .fetch_one(&mut *tx)
                .await?;
            if existing > 0 {
                return Err(Error::Conflict("a city is loaded already"));
            }
            for batch in batches(city) {
                bind_batch!(batch, sqlx::query(&batch.sql)).execute(&mut *tx).await?;
                progress.advance(batch.rows as u64);
            }
            Ok(())
        });
        match loaded {
            Err(e) if e.is_unique_violation() => Err(Error::Conflict("a city is loaded already")),
            other => {
                progress.finish();
                other
            }
        }
    }
}

fn node(n: &Node) -> Vec<Value> {
    vec![
        Value::Id(n.id),
        Value::Id(n.parent),
        Value::Text(n.code.clone()),
        Value::Text(n.name.zh.clone()),
        Value::Text(n.name.en.clone()),
    ]
}

/// Parents before children, so foreign keys hold at every statement.
fn batches(city: &CityData) -> impl Iterator<Item = Batch> + '_ {
    table(
        "city (city_id, name_zh, name_en)",
        std::slice::from_ref(&city.city),
        |c| {
            vec![
                Value::Id(c.id),
                Value::Text(c.name.zh.clone()),
                Value::Text(c.name.en.clone()),
            ]
        },
    )
    .chain(table(
        "district (district_id, city_id, code, name_zh, name_en)",
        &city.districts,
        node,
    ))
    .chain(table(
        "street (street_id, district_id, code, name_zh, name_en)",
        &city.streets,
        node,
    ))
    .chain(table(
        "community (community_id, street_id, code, name_zh, name_en, households, population, name_pinyin)",
        &city.communities,
        |c| {
            let mut v = node(&c.node);
            v.extend([
                Value::Int(c.households),
                Value::Int(c.population),
                Value::Text(crate::search::pinyin_key(&c.node.name.zh)),
            ]);
            v
        },
    ))
    .chain(table(
        "grid (grid_id, community_id, code, name_zh, name_en, kind, households, latitude, longitude)",
        &city.grids,
        |g| {
            let mut v = node(&g.node);
            v.extend([
                Value::Text(g.kind.as_str().to_owned()),
                Value::Int(g.households),
                Value::MaybeReal(Some(g.centre.0)),
                Value::MaybeReal(Some(g.centre.1)),
            ]);
            v
        },
    ))
    .chain(table(
        "micro_grid (micro_grid_id, grid_id, code, name_zh, name_en, households)",
        &city.micro_grids,
        |m| {
            let mut v = node(&m.node);
            v.push(Value::Int(m.households));
            v
        },
    ))
}
