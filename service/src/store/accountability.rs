//! The monthly sums behind the accountability page, and the counts and
//! hours-to-close histogram behind the statistics page. Every write that
//! changes a matter adds `Tally::of(after) - Tally::of(before)` to the
//! rows of its five places (city, district, street, community, grid) in
//! the same transaction, so a page reads a dozen rows instead of scanning
//! millions of matters. [`Store::rebuild_rollup`] computes the same sums
//! from scratch (after a bulk load, or a database that had matters before
//! the sums existed).

use std::{collections::BTreeMap, sync::LazyLock};

use linli_model::{
    LocalName,
    accountability::{MatterFacts, Month, TALLY_COLUMNS, Tally, close_hours_step, places_of},
    matter::{Level, MatterState},
};

use super::{
    Store,
    bulk::{Batch, Value, bind_batch, table},
    in_write_tx,
    matter::prefix_upper,
    on_reader,
};
use crate::{Error, Result};

/// The columns a matter's facts are read from, in [`FactsRow`] order.
pub(crate) const FACT_COLUMNS: &str = "grid_code, created_at, response_due_at, responded_at, severity, \
    state, level, deadline_at, resolved_at, closed_at, rating, escalations, channel, overdue";

/// The sums' table and columns, as an INSERT names them.
static SUM_TARGET: LazyLock<String> = LazyLock::new(|| {
    format!(
        "matter_month (month, place, depth, {})",
        TALLY_COLUMNS.join(", ")
    )
});

/// The same sums split by how matters came in (online, at the counter, by
/// phone), so every rate can be read per channel.
static CHANNEL_TARGET: LazyLock<String> = LazyLock::new(|| {
    format!(
        "matter_month_channel (month, place, depth, channel, {})",
        TALLY_COLUMNS.join(", ")
    )
});

/// One matter as the figures see it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub(crate) struct FactsRow {
    pub grid_code: String,
    pub created_at: i64,
    pub response_due_at: Option<i64>,
    pub responded_at: Option<i64>,
    pub severity: Option<String>,
    pub state: String,
    pub level: String,
    pub deadline_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub rating: Option<i32>,
    pub escalations: i32,
    pub channel: String,
    pub overdue: i32,
}

impl FactsRow {
    pub(crate) fn facts(&self) -> Result<MatterFacts> {
        let stored = |what: &str, v: &str| Error::Internal(anyhow::anyhow!("stored {what} {v:?}"));
        Ok(MatterFacts {
            reported_at: self.created_at,
            response_due_at: self.response_due_at,
            responded_at: self.responded_at,
            accepted: self.severity.is_some(),
            state: MatterState::parse(&self.state).ok_or_else(|| stored("state", &self.state))?,
            level: Level::parse(&self.level).ok_or_else(|| stored("level", &self.level))?,
            deadline_at: self.deadline_at,
            resolved_at: self.resolved_at,
            closed_at: self.closed_at,
            rating: self.rating.and_then(|r| u8::try_from(r).ok()),
            escalations: i64::from(self.escalations),
        })
    }
}

/// Matters read per round trip while rebuilding.
const REBUILD_PAGE: i64 = 20_000;

#[derive(sqlx::FromRow)]
struct IdFacts {
    matter_id: i64,
    #[sqlx(flatten)]
    facts: FactsRow,
}

/// Changes to the monthly sums, gathered before they are written.
#[derive(Debug, Default)]
pub(crate) struct Rollup {
    sums: BTreeMap<(i64, String), Tally>,
    closes: BTreeMap<(i64, String, i64), i64>,
    channels: BTreeMap<(i64, String, String), Tally>,
    counts: BTreeMap<CountKey, i64>,
    close_hours: BTreeMap<(String, String, i64), i64>,
}

/// A row of `matter_count`: place, state, channel, rating (0: none),
/// flagged overdue while open, closed at community level.
type CountKey = (String, String, String, i32, i32, i32);

impl FactsRow {
    /// What the statistics page counts this matter as, but for its place.
    fn count_key(&self, facts: &MatterFacts) -> (String, String, i32, i32, i32) {
        (
            self.state.clone(),
            self.channel.clone(),
            self.rating.unwrap_or(0),
            i32::from(facts.state.has_deadline() && self.overdue == 1),
            i32::from(facts.state == MatterState::Closed && facts.level == Level::Community),
        )
    }

    /// The severity and hours-to-close step of a closed matter.
    fn close_hours(&self, facts: &MatterFacts) -> Option<(String, i64)> {
        let at = facts
            .closed_at
            .filter(|_| facts.state == MatterState::Closed)?;
        let severity = self.severity.clone()?;
        Some((severity, close_hours_step(at - facts.reported_at)))
    }
}

impl Rollup {
    /// Counts what a matter adds now (`after`) instead of what it added
    /// before (`before`; `None` for a new matter).
    pub(crate) fn change(&mut self, before: Option<&FactsRow>, after: &FactsRow) -> Result<()> {
        if let Some(before) = before {
            self.add(before, -1)?;
        }
        self.add(after, 1)
    }

    fn add(&mut self, row: &FactsRow, sign: i64) -> Result<()> {
        let facts = row.facts()?;
        let (tally, days) = Tally::of(&facts);
        let tally = if sign < 0 {
            Tally::default().minus(tally)
        } else {
            tally
        };
        let month = Month::of(row.created_at).number();
        let (state, channel, rating, flagged, local) = row.count_key(&facts);
        let close_hours = row.close_hours(&facts);
        for place in places_of(&row.grid_code) {
            *self
                .counts
                .entry((
                    place.to_owned(),
                    state.clone(),
                    channel.clone(),
                    rating,
                    flagged,
                    local,
                ))
                .or_default() += sign;
            if let Some((severity, hours)) = &close_hours {
                *self
                    .close_hours
                    .entry((place.to_owned(), severity.clone(), *hours))
                    .or_default() += sign;
            }
            let sum = self.sums.entry((month, place.to_owned())).or_default();
            *sum = sum.plus(tally);
            let by_channel = self
                .channels
                .entry((month, place.to_owned(), row.channel.clone()))
                .or_default();
            *by_channel = by_channel.plus(tally);
            if let Some(days) = days {
                *self
                    .closes
                    .entry((month, place.to_owned(), days))
                    .or_default() += sign;
            }
        }
        Ok(())
    }

    /// The upserts that add these changes; none when nothing changed.
    /// Rows go in key order, so concurrent writers on PostgreSQL lock the
    /// shared rows (the city's, a district's) in the same order.
    pub(crate) fn batches(&self) -> Vec<Batch> {
        let sums: Vec<(&(i64, String), &Tally)> =
            self.sums.iter().filter(|(_, t)| !t.is_zero()).collect();
        let closes: Vec<(&(i64, String, i64), &i64)> =
            self.closes.iter().filter(|(_, n)| **n != 0).collect();
        let channels: Vec<(&(i64, String, String), &Tally)> =
            self.channels.iter().filter(|(_, t)| !t.is_zero()).collect();
        let added = |table: &str| {
            TALLY_COLUMNS
                .iter()
                .map(|c| format!("{c} = {table}.{c} + excluded.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let channel_added = added("matter_month_channel");
        let added = added("matter_month");
        let sum_rows = table(SUM_TARGET.as_str(), &sums, |((month, place), tally)| {
            let mut values = vec![
                Value::Int(*month as i32),
                Value::Text(place.clone()),
                Value::Int(place.len() as i32),
            ];
            values.extend(tally.values().into_iter().map(Value::Id));
            values
        })
        .map(move |b| Batch {
            sql: format!("{} ON CONFLICT (month, place) DO UPDATE SET {added}", b.sql),
            ..b
        });
        let close_rows = table(
            "matter_month_close (month, place, depth, days, closed)",
            &closes,
            |((month, place, days), n)| {
                vec![
                    Value::Int(*month as i32),
                    Value::Text(place.clone()),
                    Value::Int(place.len() as i32),
                    Value::Int(*days as i32),
                    Value::Id(**n),
                ]
            },
        )
        .map(|b| Batch {
            sql: format!(
                "{} ON CONFLICT (month, place, days) DO UPDATE SET closed = matter_month_close.closed + excluded.closed",
                b.sql
            ),
            ..b
        });
        let channel_rows = table(
            CHANNEL_TARGET.as_str(),
            &channels,
            |((month, place, channel), tally)| {
                let mut values = vec![
                    Value::Int(*month as i32),
                    Value::Text(place.clone()),
                    Value::Int(place.len() as i32),
                    Value::Text(channel.clone()),
                ];
                values.extend(tally.values().into_iter().map(Value::Id));
                values
            },
        )
        .map(move |b| Batch {
            sql: format!(
                "{} ON CONFLICT (month, place, channel) DO UPDATE SET {channel_added}",
                b.sql
            ),
            ..b
        });
        let counts: Vec<(&CountKey, &i64)> = self.counts.iter().filter(|(_, n)| **n != 0).collect();
        let count_rows = table(
            "matter_count (place, state, channel, rating, flagged, local, matters)",
            &counts,
            |((place, state, channel, rating, flagged, local), n)| {
                vec![
                    Value::Text(place.clone()),
                    Value::Text(state.clone()),
                    Value::Text(channel.clone()),
                    Value::Int(*rating),
                    Value::Int(*flagged),
                    Value::Int(*local),
                    Value::Id(**n),
                ]
            },
        )
        .map(|b| Batch {
            sql: format!(
                "{} ON CONFLICT (place, state, channel, rating, flagged, local) \
                 DO UPDATE SET matters = matter_count.matters + excluded.matters",
                b.sql
            ),
            ..b
        });
        let hours: Vec<(&(String, String, i64), &i64)> =
            self.close_hours.iter().filter(|(_, n)| **n != 0).collect();
        let hour_rows = table(
            "matter_close_hours (place, severity, hours, closed)",
            &hours,
            |((place, severity, hours), n)| {
                vec![
                    Value::Text(place.clone()),
                    Value::Text(severity.clone()),
                    Value::Int(i32::try_from(*hours).unwrap_or(i32::MAX)),
                    Value::Id(**n),
                ]
            },
        )
        .map(|b| Batch {
            sql: format!(
                "{} ON CONFLICT (place, severity, hours) \
                 DO UPDATE SET closed = matter_close_hours.closed + excluded.closed",
                b.sql
            ),
            ..b
        });
        sum_rows
            .chain(close_rows)
            .chain(channel_rows)
            .chain(count_rows)
            .chain(hour_rows)
            .collect()
    }
}

/// A place's sums for one month, with its days-to-close histogram.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MonthSums {
    pub tally: Tally,
    pub close_days: Vec<(i64, i64)>,
}

/// A row of `matter_month`: month, place, then the counters in
/// [`TALLY_COLUMNS`] order, read by position so the list is written once.
struct SumRow {
    month: i32,
    place: String,
    tally: Tally,
}

impl<'r, R: sqlx::Row> sqlx::FromRow<'r, R> for SumRow
where
    usize: sqlx::ColumnIndex<R>,
    i32: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> std::result::Result<Self, sqlx::Error> {
        let mut counts = [0i64; TALLY_COLUMNS.len()];
        for (i, count) in counts.iter_mut().enumerate() {
            *count = row.try_get(i + 2)?;
        }
        Ok(Self {
            month: row.try_get(0)?,
            place: row.try_get(1)?,
            tally: Tally::from_values(counts),
        })
    }
}

/// Where rows of places live: one place, or every place one level down.
enum Places<'a> {
    One(&'a str),
    Below { prefix: &'a str, len: usize },
}

impl Places<'_> {
    /// The WHERE clause after `month`'s conditions, from `$n` on, and its
    /// values.
    fn condition(&self, n: usize) -> (String, Vec<Value>) {
        match self {
            Places::One(place) => (
                format!("place = ${n}"),
                vec![Value::Text((*place).to_owned())],
            ),
            Places::Below { prefix, len } => {
                let upper = prefix_upper(prefix);
                (
                    format!(
                        "place >= ${n} AND place < ${} AND LENGTH(place) = ${}",
                        n + 1,
                        n + 2
                    ),
                    vec![
                        Value::Text((*prefix).to_owned()),
                        Value::Text(upper),
                        Value::Int(*len as i32),
                    ],
                )
            }
        }
    }
}

type Keyed = BTreeMap<(i64, String), MonthSums>;

impl Store {
    /// Sums of `place` for each month from `first` to `last`; months
    /// without matters are absent.
    pub async fn month_sums(
        &self,
        place: &str,
        first: Month,
        last: Month,
    ) -> Result<BTreeMap<i64, MonthSums>> {
        let keyed = self
            .sums_where(Places::One(place), first.number(), last.number())
            .await?;
        Ok(keyed.into_iter().map(|((m, _), s)| (m, s)).collect())
    }

    /// Sums of every place one level below `prefix` (codes `len` long) for
    /// `month`, by code.
    pub async fn sums_below(
        &self,
        prefix: &str,
        len: usize,
        month: Month,
    ) -> Result<BTreeMap<String, MonthSums>> {
        let keyed = self
            .sums_where(
                Places::Below { prefix, len },
                month.number(),
                month.number(),
            )
            .await?;
        Ok(keyed.into_iter().map(|((_, p), s)| (p, s)).collect())
    }

    async fn sums_where(&self, places: Places<'_>, first: i64, last: i64) -> Result<Keyed> {
        // One month is an equality, so the index's later columns (level,
        // place) narrow the range too.
        let (months, mut values) = if first == last {
            ("month = $1", vec![Value::Int(first as i32)])
        } else {
            (
                "month >= $1 AND month <= $2",
                vec![Value::Int(first as i32), Value::Int(last as i32)],
            )
        };
        let (condition, place_values) = places.condition(values.len() + 1);
        values.extend(place_values);
        let sql = format!(
            "SELECT month, place, {} FROM matter_month WHERE {months} AND {condition}",
            TALLY_COLUMNS.join(", ")
        );
        let batch = Batch {
            sql,
            values,
            rows: 0,
        };
        let rows: Vec<SumRow> = on_reader!(self, pool => {
            bind_batch!(batch, sqlx::query_as(&batch.sql)).fetch_all(pool).await
        })?;
        let mut keyed: Keyed = rows
            .iter()
            .map(|r| {
                let sums = MonthSums {
                    tally: r.tally,
                    close_days: Vec::new(),
                };
                ((i64::from(r.month), r.place.clone()), sums)
            })
            .collect();
        let close_sql = batch.sql.replace(
            &format!("month, place, {}", TALLY_COLUMNS.join(", ")),
            "month, place, days, closed",
        );
        let close_sql = close_sql.replace("FROM matter_month ", "FROM matter_month_close ");
        let closes: Vec<(i32, String, i32, i64)> = on_reader!(self, pool => {
            bind_batch!(batch, sqlx::query_as(&close_sql)).fetch_all(pool).await
        })?;
        for (month, place, days, n) in closes {
            if let Some(sums) = keyed.get_mut(&(i64::from(month), place)) {
                sums.close_days.push((i64::from(days), n));
            }
        }
        Ok(keyed)
    }

    /// Sums of `place` for `month` by channel, as stored (`online`,
    /// `in_person`, `phone`).
    pub async fn channel_sums(&self, place: &str, month: Month) -> Result<Vec<(String, Tally)>> {
        // Read as a `SumRow` whose second column is the channel.
        let sql = format!(
            "SELECT month, channel, {} FROM matter_month_channel WHERE month = $1 AND place = $2 \
             ORDER BY channel",
            TALLY_COLUMNS.join(", ")
        );
        let rows: Vec<SumRow> = on_reader!(self, pool => {
            sqlx::query_as(&sql)
                .bind(month.number() as i32)
                .bind(place)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows.into_iter().map(|r| (r.place, r.tally)).collect())
    }

    /// The places one level below `prefix` (codes `len` long), by code,
    /// whether or not they have matters.
    pub async fn places_below(&self, prefix: &str, len: usize) -> Result<Vec<(String, LocalName)>> {
        let Some(table) = super::tree::level_table(len) else {
            return Ok(Vec::new());
        };
        let upper = prefix_upper(prefix);
        let sql = format!(
            "SELECT code, name_zh, name_en FROM {table} WHERE code >= $1 AND code < $2 ORDER BY code"
        );
        let rows: Vec<(String, String, String)> = on_reader!(self, pool => {
            sqlx::query_as(&sql).bind(prefix).bind(&upper).fetch_all(pool).await
        })?;
        Ok(rows
            .into_iter()
            .map(|(code, zh, en)| (code, LocalName::new(zh, en)))
            .collect())
    }

    /// The city's name.
    pub async fn city_name(&self) -> Result<Option<LocalName>> {
        let row: Option<(String, String)> = on_reader!(self, pool => {
            sqlx::query_as("SELECT name_zh, name_en FROM city ORDER BY city_id LIMIT 1")
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.map(|(zh, en)| LocalName::new(zh, en)))
    }

    /// Computes every monthly sum again from the matters themselves.
    pub async fn rebuild_rollup(&self) -> Result<()> {
        let sql = format!(
            "SELECT matter_id, {FACT_COLUMNS} FROM matter WHERE matter_id > $1 ORDER BY matter_id LIMIT $2"
        );
        let mut rollup = Rollup::default();
        let mut after = 0i64;
        loop {
            let rows: Vec<(i64, FactsRow)> = on_reader!(self, pool => {
                sqlx::query_as::<_, IdFacts>(&sql)
                    .bind(after)
                    .bind(REBUILD_PAGE)
                    .fetch_all(pool)
                    .await
            })?
            .into_iter()
            .map(|r| (r.matter_id, r.facts))
            .collect();
            let Some((last, _)) = rows.last() else { break };
            after = *last;
            for (_, row) in &rows {
                rollup.change(None, row)?;
            }
        }
        let batches = rollup.batches();
        in_write_tx!(self, tx => {
            sqlx::query("DELETE FROM matter_month").execute(&mut *tx).await?;
            sqlx::query("DELETE FROM matter_month_close").execute(&mut *tx).await?;
            sqlx::query("DELETE FROM matter_month_channel").execute(&mut *tx).await?;
            sqlx::query("DELETE FROM matter_count").execute(&mut *tx).await?;
            sqlx::query("DELETE FROM matter_close_hours").execute(&mut *tx).await?;
            for batch in &batches {
                bind_batch!(batch, sqlx::query(&batch.sql)).execute(&mut *tx).await?;
            }
            Ok(())
        })
    }

    /// Builds the sums once for a database whose matters predate them.
    pub(super) async fn fill_rollup(&self) -> Result<()> {
        // EXISTS, not COUNT: every start asks, and a count of ten million
        // matters takes a while.
        // The channel sums and the statistics' counts came later than the
        // others: a database without them is rebuilt once too.
        let (sums, matters): (i32, i32) = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT CASE WHEN EXISTS (SELECT 1 FROM matter_month) \
                 AND EXISTS (SELECT 1 FROM matter_month_channel) \
                 AND EXISTS (SELECT 1 FROM matter_count) THEN 1 ELSE 0 END, \
                 CASE WHEN EXISTS (SELECT 1 FROM matter) THEN 1 ELSE 0 END",
            )
            .fetch_one(pool)
            .await
        })?;
        if sums == 0 && matters == 1 {
            self.rebuild_rollup().await?;
        }
        Ok(())
    }
}
