//! Matters in the store: the row, its timeline and its supporters.
//!
//! A step is read-modify-write: the service loads the row, computes the
//! next row with the model's state machine, and [`Store::save_step`] writes
//! it only if nobody changed the matter in between (`version`), together
//! with the timeline entry.

use linli_model::{
    LocalName, Page,
    account::AccountId,
    matter::{
        Category, InboxItem, Level, MatterFilter, MatterReport, MatterState, MatterSummary,
        Severity, StepBy, StepKind, TimelineEntry,
    },
    tree::{CommunityCode, DistrictCode, GridCode, StreetCode},
};

use super::{
    Engine, Store,
    accountability::{FactsRow, Rollup},
    bulk::{Batch, Value, bind_batch, table},
    code, in_write_tx, on_reader,
};
use crate::{Error, Result, clock::Millis, search};

/// A matter as stored; the service changes it only through steps.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MatterRow {
    pub matter_id: i64,
    pub community_code: String,
    pub grid_code: String,
    pub category_code: String,
    pub title: String,
    pub description: String,
    pub address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub reporter_id: i64,
    pub show_name: i32,
    pub state: String,
    pub severity: Option<String>,
    pub level: String,
    pub deadline_at: Option<i64>,
    pub overdue: i32,
    pub handler_id: Option<i64>,
    pub handler_team: Option<String>,
    pub merged_into: Option<i64>,
    pub referred_to: Option<String>,
    pub rating: Option<i32>,
    pub rating_comment: Option<String>,
    pub support_count: i32,
    pub created_at: i64,
    pub updated_at: i64,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub version: i32,
    pub response_due_at: Option<i64>,
    pub responded_at: Option<i64>,
    pub escalations: i32,
    /// How it came in (`online`, `in_person`, `phone`).
    pub channel: String,
}

impl MatterRow {
    pub fn state(&self) -> Result<MatterState> {
        MatterState::parse(&self.state)
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("stored state {:?}", self.state)))
    }

    pub fn level(&self) -> Result<Level> {
        Level::parse(&self.level)
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("stored level {:?}", self.level)))
    }

    pub fn severity(&self) -> Result<Option<Severity>> {
        self.severity
            .as_deref()
            .map(|s| {
                Severity::parse(s)
                    .ok_or_else(|| Error::Internal(anyhow::anyhow!("stored severity {s:?}")))
            })
            .transpose()
    }

    pub fn community(&self) -> Result<CommunityCode> {
        code(&self.community_code, CommunityCode::parse)
    }

    pub fn grid(&self) -> Result<GridCode> {
        code(&self.grid_code, GridCode::parse)
    }

    /// What the monthly figures read of it.
    pub(crate) fn facts_row(&self) -> FactsRow {
        FactsRow {
            grid_code: self.grid_code.clone(),
            created_at: self.created_at,
            response_due_at: self.response_due_at,
            responded_at: self.responded_at,
            severity: self.severity.clone(),
            state: self.state.clone(),
            level: self.level.clone(),
            deadline_at: self.deadline_at,
            resolved_at: self.resolved_at,
            closed_at: self.closed_at,
            rating: self.rating,
            escalations: self.escalations,
            channel: self.channel.clone(),
            overdue: self.overdue,
        }
    }
}

const MATTER_COLUMNS: &str = "m.matter_id, m.community_code, m.grid_code, m.category_code, m.title, \
    m.description, m.address, m.latitude, m.longitude, m.reporter_id, m.show_name, m.state, m.severity, \
    m.level, m.deadline_at, m.overdue, m.handler_id, m.handler_team, m.merged_into, m.referred_to, \
    m.rating, m.rating_comment, m.support_count, m.created_at, m.updated_at, m.resolved_at, \
    m.closed_at, m.version, m.response_due_at, m.responded_at, m.escalations, m.channel";

/// A stored value that does not parse: the column and what is wrong.
fn stored(index: usize, raw: &str, why: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: index.to_string(),
        source: format!("stored value {raw:?} is invalid: {why}").into(),
    }
}

/// A listed matter as `SUMMARY_SELECT` reads it. Read by column position,
/// with the coded columns parsed from the row's own text: a list decodes
/// up to 51 rows, and an owned string for each value parsed at once, with
/// a name lookup for each column, was a tenth of its allocations (issue 22).
struct SummaryRow(MatterSummary);

impl SummaryRow {
    /// Everything was parsed in `from_row`: nothing is left to fail here.
    fn summary(self) -> MatterSummary {
        self.0
    }
}

impl<'r, R> sqlx::FromRow<'r, R> for SummaryRow
where
    R: sqlx::Row,
    usize: sqlx::ColumnIndex<R>,
    i32: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    &'r str: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> sqlx::Result<Self> {
        // `SUMMARY_SELECT`'s columns, in its order.
        let text = |i: usize| row.try_get::<&str, _>(i);
        let (community, grid, state, level) = (text(5)?, text(6)?, text(7)?, text(9)?);
        let severity = row.try_get::<Option<&str>, _>(8)?;
        Ok(Self(MatterSummary {
            id: row.try_get(0)?,
            title: row.try_get(1)?,
            category: row.try_get(2)?,
            category_name: LocalName::new(
                row.try_get::<String, _>(3)?,
                row.try_get::<String, _>(4)?,
            ),
            community: CommunityCode::parse(community).map_err(|e| stored(5, community, e))?,
            grid: GridCode::parse(grid).map_err(|e| stored(6, grid, e))?,
            state: MatterState::parse(state).ok_or_else(|| stored(7, state, "unknown"))?,
            severity: match severity {
                Some(raw) => Some(Severity::parse(raw).ok_or_else(|| stored(8, raw, "unknown"))?),
                None => None,
            },
            level: Level::parse(level).ok_or_else(|| stored(9, level, "unknown"))?,
            overdue: row.try_get::<i32, _>(10)? != 0,
            deadline_at: row.try_get(11)?,
            support_count: u32::try_from(row.try_get::<i32, _>(12)?).unwrap_or(0),
            created_at: row.try_get(13)?,
        }))
    }
}

const SUMMARY_SELECT: &str = "SELECT m.matter_id, m.title, m.category_code, k.name_zh, k.name_en, \
    m.community_code, m.grid_code, m.state, m.severity, m.level, m.overdue, m.deadline_at, \
    m.support_count, m.created_at \
    FROM matter m JOIN matter_category k ON k.category_code = m.category_code";

#[derive(sqlx::FromRow)]
struct EventRow {
    kind: String,
    actor_id: Option<i64>,
    display_name: Option<String>,
    state_after: String,
    note: Option<String>,
    created_at: i64,
}

/// The email telling people of a change: one text for every recipient.
#[derive(Debug, Clone)]
pub struct Notice<'a> {
    pub subject: &'a str,
    pub body: &'a str,
}

/// A timeline entry about to be written.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub kind: StepKind,
    pub actor: Option<AccountId>,
    pub note: Option<&'a str>,
    pub at: Millis,
}

/// The upper end of a code prefix range: `prefix` with its last digit
/// raised past '9', so `code >= prefix AND code < upper` uses the index on
/// both engines (LIKE does not on SQLite).
pub(super) fn prefix_upper(prefix: &str) -> String {
    // The empty prefix (the whole city) covers every code: ':' sorts right
    // after '9'.
    if prefix.is_empty() {
        return ":".to_owned();
    }
    let mut upper = prefix.to_owned();
    if let Some(last) = upper.pop() {
        upper.push(char::from_u32(last as u32 + 1).unwrap_or(last));
    }
    upper
}

/// Adds to the value kept under `key` in a short list of pairs, starting
/// from the value's default.
fn add_to<K: PartialEq, V: Default>(pairs: &mut Vec<(K, V)>, key: K, add: impl FnOnce(&mut V)) {
    let at = pairs
        .iter()
        .position(|(k, _)| *k == key)
        .unwrap_or_else(|| {
            pairs.push((key, V::default()));
            pairs.len() - 1
        });
    add(&mut pairs[at].1);
}

/// Raw figures behind the statistics page; the service turns them into
/// shares and medians.
#[derive(Debug, Clone, Default)]
pub struct MatterCounts {
    pub by_state: Vec<(String, i64)>,
    pub overdue: i64,
    pub settled_in_community: i64,
    pub ratings: Vec<(i32, i64)>,
    /// (severity, hours from report to closure as `close_hours_step`
    /// counts them, closed matters).
    pub close_hours: Vec<(String, i64, i64)>,
    /// Per channel: filed, resolved or closed, rated, sum of ratings.
    pub by_channel: Vec<(String, [i64; 4])>,
}

/// How many times further back than its first try (the store's
/// `search_window`) the second try of a text search may reach.
const SEARCH_REACH: i64 = 10;

/// How much of the search index a text search reads.
#[derive(Clone, Copy)]
struct Reach {
    /// Only the hits from this id on (and below `before`); without it,
    /// every hit.
    from: Option<i64>,
    /// Only the newest this many of those hits: the page itself, when the
    /// text and place are the whole filter (see [`text_and_place_only`]).
    /// An index that holds the hits newest first walks them and stops
    /// there: FTS5's always, and on PostgreSQL a window's walk of the ids;
    /// PostgreSQL's GIN over every hit has no order and reads them all.
    newest: Option<usize>,
}

impl Reach {
    /// Every hit.
    const ALL: Reach = Reach {
        from: None,
        newest: None,
    };
}

/// True when nothing but the text and the place filters: the place is a
/// term of the search (see [`search::place_term`]), so the search's own
/// hits are the page.
fn text_and_place_only(filter: &MatterFilter) -> bool {
    // Every field named, so that a new one must be thought about here.
    let MatterFilter {
        place: _,
        text: _,
        category,
        categories,
        state,
        severity,
        overdue,
        open_only,
        closed_only,
        ids,
        from,
        until,
    } = filter;
    category.is_none()
        && categories.is_empty()
        && state.is_none()
        && severity.is_none()
        && !overdue
        && !open_only
        && !closed_only
        && ids.is_empty()
        && from.is_none()
        && until.is_none()
}

/// The matters under a place, written so that the engine finds them in an
/// index that holds them newest first: a list walks the place's newest
/// matters and stops at the page. A range of grid codes holds them in grid
/// order instead, and a street's page at ten million matters read and
/// sorted some 280,000 rows. Districts and streets have expression indexes
/// (migration 0036; the expressions here are theirs), communities their
/// code's index; a grid's few matters are sorted.
fn place_clause(place: &str, table: &str, bind: &mut impl FnMut(Bind) -> String) -> String {
    let code = bind(Bind::Text(place.to_owned()));
    match place.len() {
        n @ (DistrictCode::LEN | StreetCode::LEN) => {
            format!("substr({table}.grid_code, 1, {n}) = {code}")
        }
        CommunityCode::LEN => format!("{table}.community_code = {code}"),
        GridCode::LEN => format!("{table}.grid_code = {code}"),
        // Not one level's code: every grid code that starts with it.
        _ => format!(
            "{table}.grid_code >= {code} AND {table}.grid_code < {}",
            bind(Bind::Text(prefix_upper(place)))
        ),
    }
}

/// The WHERE clause of a filtered list and its bound values; `reach` says
/// how much of the search index a text search reads.
fn filter_sql(
    engine: Engine,
    filter: &MatterFilter,
    before: Option<i64>,
    reach: Reach,
    now: Millis,
) -> (String, Vec<Bind>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut binds: Vec<Bind> = Vec::new();
    let mut bind = |value: Bind| {
        binds.push(value);
        format!("${}", binds.len())
    };
    let mut terms = filter
        .text
        .as_deref()
        .map(search::query_terms)
        .unwrap_or_default();
    // PostgreSQL's GIN index has no order to walk: without a window
    // its newest hits are found among all of them.
    let reach = match (engine, reach.from) {
        (Engine::Postgres, None) => Reach::ALL,
        _ => reach,
    };
    // A search cut to its newest hits holds the place as one of its
    // terms, so those few ids are the page: testing each one's place
    // again cost a probe of the place's index per row, a third of a
    // street's search on SQLite at ten million matters. An uncut search
    // keeps the clause, which lets the engine walk the place's index.
    let place_in_search = !terms.is_empty()
        && reach.newest.is_some()
        && filter.place.as_deref().is_some_and(search::indexes_place);
    if let Some(place) = filter.place.as_deref().filter(|_| !place_in_search) {
        clauses.push(place_clause(place, "m", &mut bind));
    }
    if !filter.ids.is_empty() {
        let ids: Vec<String> = filter.ids.iter().map(|id| bind(Bind::Int(*id))).collect();
        clauses.push(format!("m.matter_id IN ({})", ids.join(", ")));
    }
    if let Some(category) = &filter.category {
        clauses.push(format!(
            "m.category_code = {}",
            bind(Bind::Text(category.clone()))
        ));
    }
    if !filter.categories.is_empty() {
        let codes: Vec<String> = filter
            .categories
            .iter()
            .map(|c| bind(Bind::Text(c.clone())))
            .collect();
        clauses.push(format!("m.category_code IN ({})", codes.join(", ")));
    }
    if let Some(state) = filter.state {
        clauses.push(format!(
            "m.state = {}",
            bind(Bind::Text(state.as_str().into()))
        ));
    } else if filter.open_only {
        clauses.push(
            "m.state IN ('submitted', 'registered', 'dispatched', 'in_progress', 'resolved')"
                .into(),
        );
    } else if filter.closed_only {
        clauses.push("m.state IN ('closed', 'rejected', 'merged', 'referred')".into());
    }
    if let Some(severity) = filter.severity {
        clauses.push(format!(
            "m.severity = {}",
            bind(Bind::Text(severity.as_str().into()))
        ));
    }
    if filter.overdue {
        let now = bind(Bind::Int(now));
        clauses.push(format!(
            "(m.overdue = 1 OR (m.state IN ('registered', 'dispatched', 'in_progress') AND m.deadline_at < {now}))"
        ));
    }
    if !terms.is_empty() {
        // The words' own terms, before the place's: what a signature can
        // rule out (a street's walk holds its place already).
        let exact = search::signature_terms(&terms);
        // The place again, inside the index: a common word's hits in one
        // street without walking its hits in every other.
        if let Some(place) = &filter.place {
            terms.push(search::place_term(place));
        }
        let below = |bind: &mut dyn FnMut(Bind) -> String| {
            before
                .map(|b| format!(" AND {{id}} < {}", bind(Bind::Int(b))))
                .unwrap_or_default()
        };
        let range = match (reach.from, reach.newest) {
            (Some(from), _) => {
                let from = bind(Bind::Int(from));
                Some(format!(" AND {{id}} >= {from}{}", below(&mut bind)))
            }
            (None, Some(_)) => Some(below(&mut bind)),
            (None, None) => None,
        };
        // Written after the range's values are bound, in the order they
        // appear in the SQL.
        let newest = |id: &str, bind: &mut dyn FnMut(Bind) -> String| {
            reach
                .newest
                .map(|n| {
                    let n = bind(Bind::Int(i64::try_from(n).unwrap_or(i64::MAX)));
                    format!(" ORDER BY {id} DESC LIMIT {n}")
                })
                .unwrap_or_default()
        };
        clauses.push(match engine {
            Engine::Sqlite => {
                // FTS5 seeks each term's hits to the range's start, or
                // walks them down from its end and stops at the page.
                let query = bind(Bind::Text(search::fts5_query(&terms)));
                let range = range.map(|r| r.replace("{id}", "rowid")).unwrap_or_default();
                let newest = newest("rowid", &mut bind);
                format!(
                    "m.matter_id IN (SELECT rowid FROM matter_search WHERE matter_search MATCH {query}{range}{newest})"
                )
            }
            Engine::Postgres => {
                let query = bind(Bind::Text(search::tsquery(&terms)));
                // Parsed once, as a subquery of its own: a generic plan
                // casts a bound value for every row it tests, and parsing
                // the query was a fifteenth of the database's work.
                let tsquery = format!("(SELECT CAST({query} AS tsquery))");
                match range {
                    // Each matter of the range tested in turn, newest
                    // first, until the page is full: the GIN index would
                    // first intersect every hit of every term in the city
                    // (tens of milliseconds for two common ones), so the
                    // match is written as the function, which no index
                    // answers. A street's or a community's matters of the
                    // range, though, are a few in a hundred: the range of
                    // its own index (read index-only; the planner, left to
                    // itself, walks the ids and tests each one's place)
                    // with each tested in turn took a third of the time at
                    // ten million (1.3 ms against 4.1). A district's share
                    // is too large for that to pay; a grid's matters have
                    // no such index.
                    // With the page's size, the walk stops at the page:
                    // a street's common word, tested for every matter of
                    // the window, took 14 ms; stopping at the page, 0.8.
                    Some(range) => match filter.place.as_deref() {
                        // A street's walk reads each matter's signature
                        // beside its id, and the terms only of those it
                        // cannot rule out (migration 0038): a street's
                        // common word at ten million matters read 220
                        // pages instead of 1,524.
                        Some(street) if street.len() == StreetCode::LEN => {
                            let street = bind(Bind::Text(street.to_owned()));
                            let range = range.replace("{id}", "g.matter_id");
                            let signed = if exact.is_empty() {
                                String::new()
                            } else {
                                let exact = bind(Bind::Text(exact));
                                format!(
                                    " AND (g.signature | (SELECT bit_or(term_bits(lexeme)) FROM unnest(CAST({exact} AS tsvector)))) = g.signature"
                                )
                            };
                            format!(
                                "m.matter_id IN (SELECT g.matter_id FROM matter_signature g \
                                 WHERE g.street = {street}{range}{signed} \
                                 AND EXISTS (SELECT 1 FROM matter_search s WHERE s.matter_id = g.matter_id \
                                 AND ts_match_vq(s.terms, {tsquery})){})",
                                newest("g.matter_id", &mut bind)
                            )
                        }
                        Some(community) if community.len() == CommunityCode::LEN => {
                            let place = place_clause(community, "w", &mut bind);
                            let range = range.replace("{id}", "w.matter_id");
                            format!(
                                "m.matter_id IN (SELECT w.matter_id FROM matter w WHERE {place}{range} \
                                 AND EXISTS (SELECT 1 FROM matter_search s WHERE s.matter_id = w.matter_id \
                                 AND ts_match_vq(s.terms, {tsquery})){})",
                                newest("w.matter_id", &mut bind)
                            )
                        }
                        _ => format!(
                            "m.matter_id IN (SELECT matter_id FROM matter_search \
                             WHERE ts_match_vq(terms, {tsquery}){}{})",
                            range.replace("{id}", "matter_id"),
                            newest("matter_id", &mut bind)
                        ),
                    },
                    // ARRAY(…) runs the search once, first; as an IN-subquery
                    // the planner may instead walk every matter newest first
                    // and test each, which takes seconds when few or none
                    // match.
                    None => format!(
                        "m.matter_id = ANY(ARRAY(SELECT matter_id FROM matter_search WHERE terms @@ CAST({query} AS tsquery)))"
                    ),
                }
            }
        });
    }
    if let Some(from) = filter.from {
        clauses.push(format!("m.created_at >= {}", bind(Bind::Int(from))));
    }
    if let Some(until) = filter.until {
        clauses.push(format!("m.created_at < {}", bind(Bind::Int(until))));
    }
    if let Some(before) = before {
        clauses.push(format!("m.matter_id < {}", bind(Bind::Int(before))));
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    (sql, binds)
}

/// A page of matters under the filter, newest first, and its bound values.
fn page_sql(
    engine: Engine,
    filter: &MatterFilter,
    before: Option<i64>,
    reach: Reach,
    limit: usize,
    now: Millis,
) -> (String, Vec<Bind>) {
    let (filter_sql, mut binds) = filter_sql(engine, filter, before, reach, now);
    // Bound, not written in: a search's tries differ in how many rows they
    // still need, and one text per filter shape lets each connection reuse
    // its prepared statement.
    binds.push(Bind::Int(i64::try_from(limit).unwrap_or(i64::MAX)));
    let sql = format!(
        "{SUMMARY_SELECT}{filter_sql} ORDER BY m.matter_id DESC LIMIT ${}",
        binds.len()
    );
    (sql, binds)
}

/// Multi-row INSERTs of matters' search terms (id, terms from
/// [`search::index_terms`]) in the form the engine takes.
pub(crate) fn search_rows(
    engine: Engine,
    terms: &[(i64, String)],
) -> Box<dyn Iterator<Item = Batch> + '_> {
    match engine {
        Engine::Sqlite => table("matter_search (rowid, terms)", terms, |(id, t)| {
            vec![Value::Id(*id), Value::Text(t.clone())]
        }),
        Engine::Postgres => table("matter_search (matter_id, terms)", terms, |(id, t)| {
            vec![Value::Id(*id), Value::Cast(search::tsvector(t), "tsvector")]
        }),
    }
}

/// Binds a filter's values in order, for either engine's query.
fn bind_all<'q, DB, O>(
    mut query: sqlx::query::QueryAs<'q, DB, O, <DB as sqlx::Database>::Arguments<'q>>,
    binds: &'q [Bind],
) -> sqlx::query::QueryAs<'q, DB, O, <DB as sqlx::Database>::Arguments<'q>>
where
    DB: sqlx::Database,
    String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    for value in binds {
        query = match value {
            Bind::Text(s) => query.bind(s.clone()),
            Bind::Int(n) => query.bind(*n),
        };
    }
    query
}

enum Bind {
    Text(String),
    Int(i64),
}

impl Store {
    /// Every list page and form shows them, and only a migration changes
    /// them (after which instances start again): read once.
    pub async fn categories(&self) -> Result<Vec<Category>> {
        let kept = self
            .shared
            .categories
            .get_or_try_init(|| async {
                let rows: Vec<(String, String, String, String)> = on_reader!(self, pool => {
                    sqlx::query_as(
                        "SELECT category_code, group_code, name_zh, name_en FROM matter_category ORDER BY sort_order",
                    )
                    .fetch_all(pool)
                    .await
                })?;
                Ok::<_, Error>(
                    rows.into_iter()
                        .map(|(code, group, zh, en)| Category {
                            code,
                            group,
                            name: LocalName::new(zh, en),
                        })
                        .collect(),
                )
            })
            .await?;
        Ok(kept.clone())
    }

    /// Files a report, with its first timeline entry, photos, search terms
    /// and audit entry, in one transaction (with other reports arriving at
    /// the same time: see [`super::filing`]).
    pub async fn insert_matter(
        &self,
        report: &MatterReport,
        reporter: linli_model::account::AccountId,
        via: crate::policy::Via,
        now: Millis,
        response_due: Millis,
    ) -> Result<(i64, bool)> {
        let filed = self
            .file(report.clone(), reporter.0, via, now, response_due)
            .await?;
        if filed.1 {
            self.announce_matter_change(filed.0).await?;
        }
        Ok(filed)
    }

    pub async fn matter_row(&self, id: i64) -> Result<MatterRow> {
        let sql = format!("SELECT {MATTER_COLUMNS} FROM matter m WHERE m.matter_id = $1");
        on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(id).fetch_optional(pool).await
        })?
        .ok_or(Error::NotFound)
    }

    /// Writes the row a step produced from `before`, unless the matter
    /// changed since it was read (`false`: the caller lost a race), and
    /// moves the monthly figures by the difference.
    pub async fn save_step(
        &self,
        before: &MatterRow,
        row: &MatterRow,
        event: &NewEvent<'_>,
        notice: &Notice<'_>,
    ) -> Result<bool> {
        let mut rollup = Rollup::default();
        rollup.change(Some(&before.facts_row()), &row.facts_row())?;
        let rollup = rollup.batches();
        let saved = in_write_tx!(self, tx => {
            let done = sqlx::query(
                "UPDATE matter SET state = $1, severity = $2, level = $3, deadline_at = $4, overdue = $5, \
                 handler_id = $6, handler_team = $7, merged_into = $8, referred_to = $9, rating = $10, \
                 rating_comment = $11, updated_at = $12, resolved_at = $13, closed_at = $14, \
                 responded_at = $17, escalations = $18, \
                 version = version + 1 WHERE matter_id = $15 AND version = $16",
            )
            .bind(&row.state)
            .bind(row.severity.as_deref())
            .bind(&row.level)
            .bind(row.deadline_at)
            .bind(row.overdue)
            .bind(row.handler_id)
            .bind(row.handler_team.as_deref())
            .bind(row.merged_into)
            .bind(row.referred_to.as_deref())
            .bind(row.rating)
            .bind(row.rating_comment.as_deref())
            .bind(row.updated_at)
            .bind(row.resolved_at)
            .bind(row.closed_at)
            .bind(row.matter_id)
            .bind(before.version)
            .bind(row.responded_at)
            .bind(row.escalations)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() != 1 {
                return Ok(false);
            }
            for batch in &rollup {
                bind_batch!(batch, sqlx::query(&batch.sql)).execute(&mut *tx).await?;
            }
            sqlx::query(
                "INSERT INTO matter_event (matter_id, kind, actor_id, state_after, note, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(row.matter_id)
            .bind(event.kind.as_str())
            .bind(event.actor.map(|a| a.0))
            .bind(&row.state)
            .bind(event.note)
            .bind(event.at)
            .execute(&mut *tx)
            .await?;
            // The reporter, every supporter and the person handling it hear
            // of it (a handler first on being dispatched), but not the
            // person who made the change.
            sqlx::query(
                "INSERT INTO notification (account_id, matter_id, kind, created_at) \
                 SELECT reporter_id, matter_id, $2, $3 FROM matter WHERE matter_id = $1 AND reporter_id <> $4 \
                 UNION SELECT account_id, matter_id, $2, $3 FROM matter_support \
                 WHERE matter_id = $1 AND account_id <> $4 \
                 UNION SELECT handler_id, matter_id, $2, $3 FROM matter \
                 WHERE matter_id = $1 AND handler_id IS NOT NULL AND handler_id <> $4",
            )
            .bind(row.matter_id)
            .bind(event.kind.as_str())
            .bind(event.at)
            .bind(event.actor.map_or(0, |a| a.0))
            .execute(&mut *tx)
            .await?;
            // And by email, where they signed up with one.
            sqlx::query(
                "INSERT INTO outbox_message (account_id, channel, recipient, subject, body, created_at) \
                 SELECT a.account_id, 'email', a.email, $2, $3, $4 FROM account a \
                 WHERE a.email IS NOT NULL AND a.account_id <> $5 AND ( \
                   a.account_id IN (SELECT reporter_id FROM matter WHERE matter_id = $1) \
                   OR a.account_id IN (SELECT handler_id FROM matter WHERE matter_id = $1) \
                   OR a.account_id IN (SELECT account_id FROM matter_support WHERE matter_id = $1))",
            )
            .bind(row.matter_id)
            .bind(notice.subject)
            .bind(notice.body)
            .bind(event.at)
            .bind(event.actor.map_or(0, |a| a.0))
            .execute(&mut *tx)
            .await?;
            Ok(true)
        });
        if matches!(saved, Ok(true)) {
            self.announce_matter_change(row.matter_id).await?;
        }
        saved
    }

    /// Tells every instance that a matter changed: in process on SQLite,
    /// through NOTIFY on PostgreSQL (its listener announces it here too).
    async fn announce_matter_change(&self, matter: i64) -> Result<()> {
        self.shared.live.changed();
        match &self.shared.db {
            super::Db::Sqlite { .. } => self.shared.live.announce(matter),
            super::Db::Postgres(pool) => {
                sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(super::live::CHANNEL)
                    .bind(matter.to_string())
                    .execute(pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// Adds a supporter once; `false` when they supported it already.
    pub async fn support_matter(
        &self,
        id: i64,
        account: AccountId,
        via: crate::policy::Via,
        now: Millis,
    ) -> Result<bool> {
        let added = in_write_tx!(self, tx => {
            let added = sqlx::query(
                "INSERT INTO matter_support (matter_id, account_id, created_at, channel, entered_by) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(account.0)
            .bind(now)
            .bind(via.channel.as_str())
            .bind(via.entered_by.map(|a| a.0))
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if added {
                sqlx::query("UPDATE matter SET support_count = support_count + 1 WHERE matter_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            Ok(added)
        });
        if matches!(added, Ok(true)) {
            self.announce_matter_change(id).await?;
        }
        added
    }

    pub async fn is_supporter(&self, id: i64, account: AccountId) -> Result<bool> {
        let n: i64 = on_reader!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM matter_support WHERE matter_id = $1 AND account_id = $2")
                .bind(id)
                .bind(account.0)
                .fetch_one(pool)
                .await
        })?;
        Ok(n > 0)
    }

    /// The timeline, oldest first, with each actor's display name and
    /// whether the actor is the reporter (whose name may be hidden).
    pub async fn timeline(&self, row: &MatterRow) -> Result<Vec<(TimelineEntry, bool)>> {
        let rows: Vec<EventRow> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT e.kind, e.actor_id, a.display_name, e.state_after, e.note, e.created_at \
                 FROM matter_event e LEFT JOIN account a ON a.account_id = e.actor_id \
                 WHERE e.matter_id = $1 ORDER BY e.matter_event_id",
            )
            .bind(row.matter_id)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|e| {
                let bad = || {
                    Error::Internal(anyhow::anyhow!(
                        "stored event {:?}/{:?}",
                        e.kind,
                        e.state_after
                    ))
                };
                Ok((
                    TimelineEntry {
                        kind: StepKind::parse(&e.kind).ok_or_else(bad)?,
                        by: match (&e.display_name, e.actor_id) {
                            (Some(name), _) => StepBy::Named(name.clone()),
                            // An account since erased still was a person.
                            (None, Some(_)) => StepBy::Reporter,
                            (None, None) => StepBy::System,
                        },
                        state_after: MatterState::parse(&e.state_after).ok_or_else(bad)?,
                        note: e.note.clone(),
                        at: e.created_at,
                    },
                    e.actor_id == Some(row.reporter_id),
                ))
            })
            .collect()
    }

    /// Display names of accounts, for the reporter and handler lines.
    pub async fn display_name(&self, account: i64) -> Result<Option<String>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_scalar("SELECT display_name FROM account WHERE account_id = $1")
                .bind(account)
                .fetch_optional(pool)
                .await
        })?)
    }

    /// Names of the community and grid a matter belongs to.
    pub async fn place_names(&self, grid: &GridCode) -> Result<(LocalName, LocalName)> {
        let row: Option<(String, String, String, String)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT c.name_zh, c.name_en, g.name_zh, g.name_en FROM grid g \
                 JOIN community c ON c.community_id = g.community_id WHERE g.code = $1",
            )
            .bind(grid.as_str())
            .fetch_optional(pool)
            .await
        })?;
        let (cz, ce, gz, ge) = row.ok_or(Error::NotFound)?;
        Ok((LocalName::new(cz, ce), LocalName::new(gz, ge)))
    }

    /// Newest first; `before` is the last id of the previous page.
    pub async fn matters(
        &self,
        filter: &MatterFilter,
        before: Option<i64>,
        limit: usize,
        now: Millis,
    ) -> Result<Page<MatterSummary>> {
        // A common word ("路灯") has hundreds of thousands of hits in a
        // large city, and intersecting them with a street's costs tens of
        // milliseconds on either engine, yet the page is usually among
        // the newest matters. So the newest are searched first; then, if
        // their hits were too few, as far back as those hits suggest the
        // page needs; only then the whole index, which is quick for a
        // rare word. Each step's hits are older than the last's.
        let searching = filter.text.as_deref().is_some_and(|t| !t.trim().is_empty());
        let mut rows: Vec<SummaryRow> = Vec::new();
        let mut below = before;
        // SQLite's index walks the hits newest first and stops at the page,
        // which is all of it when the search says everything the filter
        // does: one query, however large the city.
        let whole = text_and_place_only(filter);
        if searching && self.engine() == Engine::Sqlite && whole {
            let rows = self
                .matter_page(
                    filter,
                    before,
                    Reach {
                        from: None,
                        newest: Some(limit + 1),
                    },
                    limit + 1,
                    now,
                )
                .await?;
            return super::keyset_page(rows, limit, |r| Ok(r.summary()), |m| m.id);
        }
        if searching {
            let top = match before {
                Some(b) => b,
                None => self.newest_matter_id().await? + 1,
            };
            let mut span = self.search_window;
            let mut hi = top;
            for _ in 0..2 {
                let lo = hi - span;
                // A window back past the first matter is the whole index,
                // which answers at once: a city with fewer matters than a
                // window, or the last page of a search.
                if lo <= 0 {
                    break;
                }
                // When the search's hits are the page, the window's walk
                // stops at the rows still wanted (PostgreSQL's; SQLite's
                // whole searches took the branch above).
                let wanted = limit + 1 - rows.len();
                let reach = Reach {
                    from: Some(lo),
                    newest: whole.then_some(wanted),
                };
                rows.extend(
                    self.matter_page(filter, Some(hi), reach, wanted, now)
                        .await?,
                );
                hi = lo;
                below = Some(hi);
                if rows.len() > limit {
                    return super::keyset_page(rows, limit, |r| Ok(r.summary()), |m| m.id);
                }
                // No hit among the newest: a rare search, which the index
                // answers at once.
                let Some(found) = i64::try_from(rows.len()).ok().filter(|n| *n > 0) else {
                    break;
                };
                // Twice the ids the hits so far suggest the rest needs.
                let wanted = i64::try_from(limit + 1).unwrap_or(i64::MAX) - found;
                span = (wanted * 2 * (top - hi) / found)
                    .clamp(self.search_window, SEARCH_REACH * self.search_window);
            }
        }
        rows.extend(
            self.matter_page(filter, below, Reach::ALL, limit + 1 - rows.len(), now)
                .await?,
        );
        super::keyset_page(rows, limit, |r| Ok(r.summary()), |m| m.id)
    }

    /// Up to `limit` matters under the filter, newest first, below
    /// `before`, the search reading the index as far as `reach`.
    async fn matter_page(
        &self,
        filter: &MatterFilter,
        before: Option<i64>,
        reach: Reach,
        limit: usize,
        now: Millis,
    ) -> Result<Vec<SummaryRow>> {
        let (sql, binds) = page_sql(self.engine(), filter, before, reach, limit, now);
        Ok(on_reader!(self, pool => {
            bind_all(sqlx::query_as::<_, SummaryRow>(&sql), &binds).fetch_all(pool).await
        })?)
    }

    /// The newest matter's id, 0 with none.
    async fn newest_matter_id(&self) -> Result<i64> {
        let newest: Option<i64> = on_reader!(self, pool => {
            sqlx::query_scalar("SELECT MAX(matter_id) FROM matter").fetch_one(pool).await
        })?;
        Ok(newest.unwrap_or(0))
    }

    /// Whole rows under the same filters, newest first (for Open311, which
    /// wants every field of each request).
    pub async fn matter_rows(
        &self,
        filter: &MatterFilter,
        limit: usize,
        now: Millis,
    ) -> Result<Vec<MatterRow>> {
        let (filter_sql, binds) = filter_sql(self.engine(), filter, None, Reach::ALL, now);
        let sql = format!(
            "SELECT {MATTER_COLUMNS} FROM matter m{filter_sql} ORDER BY m.matter_id DESC LIMIT {limit}"
        );
        Ok(on_reader!(self, pool => {
            bind_all(sqlx::query_as(&sql), &binds).fetch_all(pool).await
        })?)
    }

    /// Timeline entries of matters, oldest first, for Open311's updates:
    /// (event id, matter id, kind, state after, note, time).
    pub async fn matter_events_between(
        &self,
        from: Millis,
        until: Millis,
        matter: Option<i64>,
        limit: i64,
    ) -> Result<Vec<(i64, i64, String, String, Option<String>, i64)>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT matter_event_id, matter_id, kind, state_after, note, created_at FROM matter_event \
                 WHERE created_at >= $1 AND created_at < $2 AND ($3 = 0 OR matter_id = $3) \
                 ORDER BY matter_event_id LIMIT $4",
            )
            .bind(from)
            .bind(until)
            .bind(matter.unwrap_or(0))
            .bind(limit)
            .fetch_all(pool)
            .await
        })?)
    }

    pub async fn matter_summary(&self, id: i64) -> Result<MatterSummary> {
        let sql = format!("{SUMMARY_SELECT} WHERE m.matter_id = $1");
        let row: Option<SummaryRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(id).fetch_optional(pool).await
        })?;
        row.map(SummaryRow::summary).ok_or(Error::NotFound)
    }

    /// A work queue: open matters under `place` at one of `levels`, the
    /// nearest deadline first (unregistered ones by age).
    pub async fn matter_queue(
        &self,
        place: &str,
        levels: &[Level],
        limit: i64,
    ) -> Result<Vec<MatterSummary>> {
        let sql = format!(
            "{SUMMARY_SELECT} WHERE {} \
             ORDER BY COALESCE(m.deadline_at, m.created_at), m.matter_id LIMIT $3",
            queue_condition(levels)
        );
        let rows: Vec<SummaryRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql)
                .bind(place)
                .bind(prefix_upper(place))
                .bind(limit)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows.into_iter().map(SummaryRow::summary).collect())
    }

    /// The newest matters a person reported or supports, the open ones
    /// first: what their front page follows.
    pub async fn matters_of(&self, account: AccountId, limit: i64) -> Result<Vec<MatterSummary>> {
        let sql = format!(
            "{SUMMARY_SELECT} WHERE m.reporter_id = $1 \
             OR m.matter_id IN (SELECT s.matter_id FROM matter_support s WHERE s.account_id = $1) \
             ORDER BY CASE WHEN m.state IN ('submitted', 'registered', 'dispatched', 'in_progress', 'resolved') \
             THEN 0 ELSE 1 END, m.matter_id DESC LIMIT $2"
        );
        let rows: Vec<SummaryRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(account.0).bind(limit).fetch_all(pool).await
        })?;
        Ok(rows.into_iter().map(SummaryRow::summary).collect())
    }

    /// How many matters wait in the queue of `place` at `levels`: the
    /// figure beside the header's work link.
    pub async fn matter_queue_count(&self, place: &str, levels: &[Level]) -> Result<i64> {
        let sql = format!(
            "SELECT COUNT(*) FROM matter m WHERE {}",
            queue_condition(levels)
        );
        Ok(on_reader!(self, pool => {
            sqlx::query_scalar(&sql)
                .bind(place)
                .bind(prefix_upper(place))
                .fetch_one(pool)
                .await
        })?)
    }

    /// Counts under `place` for the statistics page: per state, overdue
    /// open ones, closed ones that stayed in the community, ratings and
    /// channels, and hours to close per severity, from the rows every
    /// write keeps (see [`super::accountability`]).
    pub async fn matter_counts(&self, place: &str, now: Millis) -> Result<MatterCounts> {
        // (state, channel, rating or 0, open and flagged overdue, closed in
        // the community, matters), kept by every write (migration 0035).
        let groups: Vec<(String, String, i32, i32, i32, i64)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT state, channel, rating, flagged, local, matters FROM matter_count \
                 WHERE place = $1 AND matters <> 0",
            )
            .bind(place)
            .fetch_all(pool)
            .await
        })?;
        // Past their deadline but not flagged yet: what the watch's next
        // round will flag, read from its own index (a handful at most).
        let unflagged = late_unflagged_sql(self.engine());
        let late: i64 = on_reader!(self, pool => {
            sqlx::query_scalar(&unflagged)
                .bind(now)
                .bind(place)
                .bind(prefix_upper(place))
                .fetch_one(pool)
                .await
        })?;
        let mut counts = MatterCounts {
            overdue: late,
            ..MatterCounts::default()
        };
        for (state, channel, rating, flagged, local, n) in groups {
            let done = matches!(state.as_str(), "resolved" | "closed");
            add_to(&mut counts.by_state, state, |c| *c += n);
            counts.overdue += i64::from(flagged) * n;
            counts.settled_in_community += i64::from(local) * n;
            let rating = (rating > 0).then_some(rating);
            if let Some(stars) = rating {
                add_to(&mut counts.ratings, stars, |c| *c += n);
            }
            let [filed, resolved, rated, sum] = [
                1,
                i64::from(done),
                i64::from(rating.is_some()),
                i64::from(rating.unwrap_or(0)),
            ];
            add_to(&mut counts.by_channel, channel, |c| {
                for (total, each) in c.iter_mut().zip([filed, resolved, rated, sum]) {
                    *total += each * n;
                }
            });
        }
        counts.close_hours = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT severity, CAST(hours AS BIGINT), closed FROM matter_close_hours \
                 WHERE place = $1 AND closed <> 0",
            )
            .bind(place)
            .fetch_all(pool)
            .await
        })?;
        Ok(counts)
    }

    /// Who can be given a grid's matters: its grid workers and its
    /// community's staff, by name.
    pub async fn handlers_for(&self, grid: &GridCode) -> Result<Vec<(i64, String)>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT DISTINCT a.account_id, a.display_name FROM role_grant g \
                 JOIN account a ON a.account_id = g.account_id WHERE g.revoked_at IS NULL AND \
                 ((g.role = 'grid_worker' AND g.scope_key = $1) OR (g.role = 'community_staff' AND g.scope_key = $2)) \
                 ORDER BY a.display_name",
            )
            .bind(grid.as_str())
            .bind(grid.community().as_str())
            .fetch_all(pool)
            .await
        })?)
    }

    /// Who can be given matters anywhere under `place` (a grid,
    /// community, street or district code): the grid workers and community
    /// staff there, by name; for a grid, its community's staff too.
    pub async fn handlers_under(&self, place: &str) -> Result<Vec<(i64, String)>> {
        let community = place.get(..17).unwrap_or("");
        Ok(on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT DISTINCT a.account_id, a.display_name FROM role_grant g \
                 JOIN account a ON a.account_id = g.account_id WHERE g.revoked_at IS NULL AND \
                 g.role IN ('grid_worker', 'community_staff') AND \
                 ((g.scope_key >= $1 AND g.scope_key < $2) OR (g.role = 'community_staff' AND g.scope_key = $3)) \
                 ORDER BY a.display_name",
            )
            .bind(place)
            .bind(prefix_upper(place))
            .bind(community)
            .fetch_all(pool)
            .await
        })?)
    }

    /// A person's inbox, newest first, with each matter's title.
    pub async fn inbox(&self, account: AccountId, limit: i64) -> Result<Vec<InboxItem>> {
        let rows: Vec<(i64, i64, String, String, i64, Option<i64>)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT n.notification_id, n.matter_id, m.title, n.kind, n.created_at, n.read_at \
                 FROM notification n JOIN matter m ON m.matter_id = n.matter_id \
                 WHERE n.account_id = $1 ORDER BY n.notification_id DESC LIMIT $2",
            )
            .bind(account.0)
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        rows.into_iter()
            .map(|(id, matter, title, kind, at, read_at)| {
                Ok(InboxItem {
                    id,
                    matter,
                    title,
                    kind: StepKind::parse(&kind)
                        .ok_or_else(|| Error::Internal(anyhow::anyhow!("stored kind {kind:?}")))?,
                    at,
                    read: read_at.is_some(),
                })
            })
            .collect()
    }

    pub async fn unread_count(&self, account: AccountId) -> Result<i64> {
        Ok(on_reader!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM notification WHERE account_id = $1 AND read_at IS NULL")
                .bind(account.0)
                .fetch_one(pool)
                .await
        })?)
    }

    pub async fn mark_inbox_read(&self, account: AccountId, now: Millis) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query("UPDATE notification SET read_at = $1 WHERE account_id = $2 AND read_at IS NULL")
                .bind(now)
                .bind(account.0)
                .execute(&mut *tx)
                .await?;
            Ok(())
        })
    }

    /// Open matters of a community, newest first, to suggest as duplicates.
    pub async fn open_matters_in(
        &self,
        community: &CommunityCode,
        limit: i64,
    ) -> Result<Vec<MatterSummary>> {
        let sql = format!(
            "{SUMMARY_SELECT} WHERE m.community_code = $1 AND m.state IN \
             ('submitted', 'registered', 'dispatched', 'in_progress') ORDER BY m.matter_id DESC LIMIT $2"
        );
        let rows: Vec<SummaryRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(community.as_str()).bind(limit).fetch_all(pool).await
        })?;
        Ok(rows.into_iter().map(SummaryRow::summary).collect())
    }

    /// Matters whose deadline has passed while still in hand.
    pub async fn overdue_matters(&self, now: Millis, limit: i64) -> Result<Vec<MatterRow>> {
        self.watch_batch(&overdue_sql(self.engine()), now, limit)
            .await
    }

    /// Resolved matters nobody rated or reopened since `cutoff`.
    pub async fn stale_resolved(&self, cutoff: Millis, limit: i64) -> Result<Vec<MatterRow>> {
        self.watch_batch(&stale_resolved_sql(self.engine()), cutoff, limit)
            .await
    }

    /// One batch of the deadline watch: `sql` takes a time (`$1`) and a
    /// limit (`$2`).
    async fn watch_batch(&self, sql: &str, at: Millis, limit: i64) -> Result<Vec<MatterRow>> {
        Ok(on_reader!(self, pool => {
            sqlx::query_as(sql).bind(at).bind(limit).fetch_all(pool).await
        })?)
    }

    /// The engine's plans for the deadline watch's two reads, for the test
    /// that keeps them on their partial indexes.
    #[cfg(feature = "testing")]
    pub async fn deadline_watch_plans(&self) -> Result<String> {
        let mut plans = String::new();
        for sql in [
            overdue_sql(self.engine()),
            stale_resolved_sql(self.engine()),
        ] {
            plans.push_str(&self.plan(&sql, &[Bind::Int(0), Bind::Int(1)]).await?);
        }
        Ok(plans)
    }

    /// The engine's plan for the first page of a list under `filter`, for
    /// the test that keeps places' lists on their indexes.
    #[cfg(feature = "testing")]
    pub async fn list_plan(&self, filter: &MatterFilter) -> Result<String> {
        let (sql, binds) = page_sql(self.engine(), filter, None, Reach::ALL, 51, 0);
        self.plan(&sql, &binds).await
    }

    /// The engine's plan for a query, one line per step. PostgreSQL is told
    /// to avoid whole-table scans, which it would rightly prefer in a
    /// test's small city.
    #[cfg(feature = "testing")]
    async fn plan(&self, sql: &str, binds: &[Bind]) -> Result<String> {
        let rows: Vec<String> = match &self.shared.db {
            super::Db::Sqlite { read, .. } => {
                let sql = format!("EXPLAIN QUERY PLAN {sql}");
                let rows: Vec<(i64, i64, i64, String)> = bind_all(sqlx::query_as(&sql), binds)
                    .fetch_all(read)
                    .await?;
                rows.into_iter().map(|r| r.3).collect()
            }
            super::Db::Postgres(pool) => {
                let sql = format!("EXPLAIN {sql}");
                let mut conn = pool.acquire().await?;
                sqlx::query("SET enable_seqscan = off")
                    .execute(&mut *conn)
                    .await?;
                let rows: std::result::Result<Vec<(String,)>, _> =
                    bind_all(sqlx::query_as(&sql), binds)
                        .fetch_all(&mut *conn)
                        .await;
                sqlx::query("RESET enable_seqscan")
                    .execute(&mut *conn)
                    .await?;
                rows?.into_iter().map(|r| r.0).collect()
            }
        };
        Ok(rows.join("\n") + "\n")
    }
}

/// Open matters past their deadline (`$1`) that the watch may still move
/// (one flagged at the top already stays where it is): the conditions of
/// `matter_due_idx` (migration 0034), which a query repeats word for word
/// to use it.
const DUE: &str = "m.state IN ('registered', 'dispatched', 'in_progress') \
    AND NOT (m.level = 'district' AND m.overdue = 1) AND m.deadline_at < $1";

/// What the watch moves next, oldest deadline first.
fn overdue_sql(engine: Engine) -> String {
    format!(
        "SELECT {MATTER_COLUMNS} FROM matter m{} WHERE {DUE} ORDER BY m.deadline_at LIMIT $2",
        indexed_by(engine, "matter_due_idx")
    )
}

/// How many under a place (`$2` to `$3`) are late but not flagged yet.
fn late_unflagged_sql(engine: Engine) -> String {
    format!(
        "SELECT COUNT(*) FROM matter m{} WHERE {DUE} AND m.overdue = 0 \
         AND m.grid_code >= $2 AND m.grid_code < $3",
        indexed_by(engine, "matter_due_idx")
    )
}

/// Resolved matters before a cutoff, on `matter_resolved_idx`.
fn stale_resolved_sql(engine: Engine) -> String {
    format!(
        "SELECT {MATTER_COLUMNS} FROM matter m{} \
         WHERE m.state = 'resolved' AND m.resolved_at < $1 \
         ORDER BY m.resolved_at LIMIT $2",
        indexed_by(engine, "matter_resolved_idx")
    )
}

/// SQLite's planner, counting `state = ?` as the sharper condition, would
/// take the general `(state, deadline_at)` index and sort; naming the
/// partial index makes it use it (or fail loudly if it no longer fits).
/// PostgreSQL weighs the partial index's size and order itself.
fn indexed_by(engine: Engine, index: &str) -> String {
    match engine {
        Engine::Sqlite => format!(" INDEXED BY {index}"),
        Engine::Postgres => String::new(),
    }
}

/// The open matters of a work queue: under the place `$1`..`$2` and at one
/// of `levels` (fixed names, never input, so they are written inline).
fn queue_condition(levels: &[Level]) -> String {
    let levels: Vec<String> = levels.iter().map(|l| format!("'{}'", l.as_str())).collect();
    format!(
        "m.grid_code >= $1 AND m.grid_code < $2 AND m.level IN ({}) \
         AND m.state IN ('submitted', 'registered', 'dispatched', 'in_progress')",
        levels.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::prefix_upper;

    #[test]
    fn a_prefix_range_covers_exactly_the_codes_below_it() {
        assert_eq!(
            prefix_upper("330203109"),
            "33020310:",
            "past '9' without a carry"
        );
        let upper = prefix_upper("330203101");
        assert_eq!(upper, "330203102");
        assert!("330203101001121010" < upper.as_str());
        assert!("330203102" >= upper.as_str());
    }
}
