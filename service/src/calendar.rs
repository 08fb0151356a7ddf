//! The working-day calendar: anyone reads it; a district's officers change
//! their district's days, platform admins the national arrangement. Every
//! change and every refused attempt is audited.

use linli_model::{
    calendar::{Day, DayForm, PlacedDay, SpecialDay, Stretch, stretches},
    tree::DistrictCode,
};

use crate::{
    Error, Result, Store,
    audit::Outcome,
    clock::Clock,
    policy::{Action, Actor, may},
    store::CalendarPlace,
};

pub struct Calendar<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

impl Calendar<'_> {
    /// The special days of `district` this year and next.
    pub async fn this_and_next_year(&self, district: &DistrictCode) -> Result<Vec<PlacedDay>> {
        let year = Day::of(self.clock.now()).year();
        self.store.calendar_days(district, year, year + 1).await
    }

    /// The holidays of the year from today in `district`, by which its
    /// deadlines count.
    pub async fn year_ahead(&self, district: &DistrictCode) -> Result<Vec<Stretch>> {
        let today = Day::of(self.clock.now());
        let until = today.plus(366);
        let days = self
            .store
            .calendar_days(district, today.year(), until.year())
            .await?;
        let ahead: Vec<PlacedDay> = days
            .into_iter()
            .filter(|d| (today..until).contains(&d.day.day))
            .collect();
        Ok(stretches(&ahead))
    }

    /// Whether `actor` may change `place`'s days: pages offer the forms.
    pub fn may_keep(actor: &Actor, place: &CalendarPlace) -> bool {
        may(actor, &action(place)).is_ok()
    }

    /// Sets a day from the calendar form, replacing what `place` had for
    /// that date; returns the day set.
    pub async fn set_day(
        &self,
        actor: &Actor,
        place: &CalendarPlace,
        form: &DayForm,
    ) -> Result<SpecialDay> {
        self.allowed(actor, place, "calendar.set_day", &form.day)
            .await?;
        let day = form.parse().map_err(Error::Invalid)?;
        self.store.set_calendar_day(place, &day).await?;
        self.audit(
            actor,
            place,
            "calendar.set_day",
            &day.day.to_string(),
            Outcome::Ok,
        )
        .await?;
        Ok(day)
    }

    /// Takes `place`'s own day off the calendar; the national day of that
    /// date, if any, holds again.
    pub async fn remove_day(&self, actor: &Actor, place: &CalendarPlace, day: &str) -> Result<()> {
        self.allowed(actor, place, "calendar.remove_day", day)
            .await?;
        let parsed = Day::parse(day)
            .ok_or_else(|| Error::invalid("day", linli_model::account::FieldError::BadDate))?;
        if !self.store.remove_calendar_day(place, parsed).await? {
            return Err(Error::NotFound);
        }
        self.audit(
            actor,
            place,
            "calendar.remove_day",
            &parsed.to_string(),
            Outcome::Ok,
        )
        .await
    }

    async fn allowed(
        &self,
        actor: &Actor,
        place: &CalendarPlace,
        verb: &str,
        day: &str,
    ) -> Result<()> {
        match may(actor, &action(place)) {
            Ok(()) => Ok(()),
            Err(denied) => {
                if actor.viewer().is_some() {
                    self.audit(actor, place, verb, day, Outcome::Denied).await?;
                }
                Err(denied.into())
            }
        }
    }

    async fn audit(
        &self,
        actor: &Actor,
        place: &CalendarPlace,
        verb: &str,
        day: &str,
        outcome: Outcome,
    ) -> Result<()> {
        // What was typed may be anything: keep the log's target short.
        let day: String = day.chars().take(16).collect();
        self.store
            .audit_by(
                actor,
                verb,
                format!("calendar:{day}"),
                place.key().to_owned(),
                outcome,
                self.clock.now(),
            )
            .await
    }
}

fn action(place: &CalendarPlace) -> Action<'_> {
    match place {
        CalendarPlace::National => Action::KeepCalendar(None),
        CalendarPlace::District(code) => Action::KeepCalendar(Some(code)),
    }
}
