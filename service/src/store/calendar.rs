//! The working-day calendar's special days: the national arrangement
//! (place `''`) and each district's own changes, which win over it.

use linli_model::{
    calendar::{Day, DayKind, Festival, PlacedDay, SpecialDay, WorkingCalendar},
    tree::DistrictCode,
};

use super::{Store, in_write_tx, on_reader};
use crate::{Error, Result};

/// Where a special day holds: the whole country, or one district.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarPlace {
    National,
    District(DistrictCode),
}

impl CalendarPlace {
    /// How the place is stored, and the audit scope of its changes.
    pub fn key(&self) -> &str {
        match self {
            Self::National => "",
            Self::District(code) => code.as_str(),
        }
    }
}

fn special_day(day: &str, kind: &str, festival: &str) -> Result<SpecialDay> {
    let bad = || Error::Internal(anyhow::anyhow!("calendar day {day}: {kind} {festival}"));
    Ok(SpecialDay {
        day: Day::parse(day).ok_or_else(bad)?,
        kind: DayKind::parse(kind).ok_or_else(bad)?,
        festival: Festival::parse(festival).ok_or_else(bad)?,
    })
}

impl Store {
    /// The special days that hold in `district`, national ones first, of
    /// the years `from..=to`.
    pub async fn calendar_days(
        &self,
        district: &DistrictCode,
        from: i32,
        to: i32,
    ) -> Result<Vec<PlacedDay>> {
        let rows: Vec<(String, String, String, String)> = on_reader!(self, pool => {
            sqlx::query_as(
                "SELECT place, day, kind, festival FROM calendar_day \
                 WHERE place IN ('', $1) AND day >= $2 AND day < $3 ORDER BY place, day",
            )
            .bind(district.as_str())
            .bind(format!("{from:04}"))
            .bind(format!("{:04}", to + 1))
            .fetch_all(pool)
            .await
        })?;
        rows.iter()
            .map(|(place, day, kind, festival)| {
                Ok(PlacedDay {
                    day: special_day(day, kind, festival)?,
                    local: !place.is_empty(),
                })
            })
            .collect()
    }

    /// The calendar deadlines in `district` are counted by.
    pub async fn working_calendar(&self, district: &DistrictCode) -> Result<WorkingCalendar> {
        let days = self.calendar_days(district, 1900, 2200).await?;
        Ok(WorkingCalendar::new(days.into_iter().map(|d| d.day)))
    }

    /// Sets one special day of `place`, replacing what it had for that date.
    pub async fn set_calendar_day(&self, place: &CalendarPlace, day: &SpecialDay) -> Result<()> {
        in_write_tx!(self, tx => {
            sqlx::query(
                "INSERT INTO calendar_day (place, day, kind, festival) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (place, day) DO UPDATE SET kind = excluded.kind, \
                 festival = excluded.festival",
            )
            .bind(place.key())
            .bind(day.day.to_string())
            .bind(day.kind.as_str())
            .bind(day.festival.as_str())
            .execute(&mut *tx)
            .await?;
            Ok(())
        })
    }

    /// Removes `place`'s special day on `day`; false when it had none.
    pub async fn remove_calendar_day(&self, place: &CalendarPlace, day: Day) -> Result<bool> {
        in_write_tx!(self, tx => {
            let done = sqlx::query("DELETE FROM calendar_day WHERE place = $1 AND day = $2")
                .bind(place.key())
                .bind(day.to_string())
                .execute(&mut *tx)
                .await?;
            Ok(done.rows_affected() > 0)
        })
    }

    /// Loads the national arrangements this build knows, each year once:
    /// a year already loaded keeps whatever staff made of it since.
    pub(super) async fn seed_calendar(&self) -> Result<()> {
        let days = linli_model::calendar::national_arrangement_2026();
        let Some(year) = days.first().map(|d| d.day.year()) else {
            return Ok(());
        };
        in_write_tx!(self, tx => {
            let fresh = sqlx::query(
                "INSERT INTO calendar_year (year) VALUES ($1) ON CONFLICT (year) DO NOTHING",
            )
            .bind(year)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                > 0;
            if fresh {
                for d in &days {
                    sqlx::query(
                        "INSERT INTO calendar_day (place, day, kind, festival) \
                         VALUES ('', $1, $2, $3) ON CONFLICT (place, day) DO NOTHING",
                    )
                    .bind(d.day.to_string())
                    .bind(d.kind.as_str())
                    .bind(d.festival.as_str())
                    .execute(&mut *tx)
                    .await?;
                }
            }
            Ok(())
        })
    }
}
