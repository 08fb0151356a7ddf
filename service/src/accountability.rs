//! The accountability figures, public to everyone: a place's rates for a
//! month, its trend over a year, and the places one level down. Reads only
//! the monthly sums (see `store::accountability`), never the matters.

use linli_model::{
    accountability::{
        AccountabilityReport, Figures, Month, PlaceFigures, PromiseTally, TREND_MONTHS,
        child_code_len,
    },
    channel::Channel,
    matter::place_prefix,
};

use crate::{Result, Store, clock::Clock, store::MonthSums};

pub struct Accountability<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
}

/// A place as an address names it: empty for the whole city, else a
/// district, street, community or grid code.
pub fn parse_place(input: &str) -> std::result::Result<String, linli_model::tree::CodeError> {
    let input = input.trim();
    if input.is_empty() {
        Ok(String::new())
    } else {
        place_prefix(input)
    }
}

fn figures(sums: Option<&MonthSums>) -> Figures {
    sums.map_or_else(
        || Figures::new(Default::default(), &[]),
        |s| Figures::new(s.tally, &s.close_days),
    )
}

impl Accountability<'_> {
    /// `place` (already parsed) in `month`, or else the last whole month
    /// (as 12345 publishes: a running month's figures still move); a month
    /// after this one is shown as this one.
    pub async fn report(&self, place: &str, month: Option<Month>) -> Result<AccountabilityReport> {
        let latest = Month::of(self.clock.now());
        let month = month.map_or(latest.previous(), |m| m.min(latest));
        let (place_name, parents) = self.store.place_trail(place).await?;
        let months = month.trailing(TREND_MONTHS);
        let sums = self.store.month_sums(place, months[0], month).await?;
        // Promises are few (one per much-supported matter or topic): they
        // are counted from their own table, by the month their answer is due.
        let now = self.clock.now();
        let until = month
            .next_until(latest)
            .map_or(i64::MAX, Month::start_millis);
        let clocks = self
            .store
            .promise_clocks(place, months[0].start_millis(), until)
            .await?;
        let promised = PromiseTally::by_month(clocks.iter().map(|(_, c)| c), now);
        let with_promises = |mut f: Figures, m: Month| {
            f.promises = promised.get(&m.number()).copied().unwrap_or_default();
            f
        };
        let trend: Vec<(Month, Figures)> = months
            .iter()
            .map(|m| (*m, with_promises(figures(sums.get(&m.number())), *m)))
            .collect();
        let below = match child_code_len(place) {
            Some(len) => {
                let sums = self.store.sums_below(place, len, month).await?;
                let kept_below = |code: &str| {
                    let own = clocks
                        .iter()
                        .filter(|(c, k)| c.starts_with(code) && Month::of(k.answer_due) == month)
                        .map(|(_, k)| k);
                    PromiseTally::by_month(own, now)
                        .remove(&month.number())
                        .unwrap_or_default()
                };
                self.store
                    .places_below(place, len)
                    .await?
                    .into_iter()
                    .map(|(code, name)| {
                        let mut f = figures(sums.get(&code));
                        f.promises = kept_below(&code);
                        PlaceFigures {
                            figures: f,
                            code,
                            name,
                        }
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        let mut by_channel = Vec::new();
        for (channel, tally) in self.store.channel_sums(place, month).await? {
            let channel = Channel::parse(&channel)
                .ok_or_else(|| crate::store::corrupt("matter channel", &channel))?;
            by_channel.push((channel, Figures::new(tally, &[])));
        }
        by_channel.sort_by_key(|(c, _)| Channel::ALL.iter().position(|a| a == c));
        Ok(AccountabilityReport {
            place: place.to_owned(),
            place_name,
            parents,
            month,
            latest,
            figures: with_promises(figures(sums.get(&month.number())), month),
            trend,
            below,
            by_channel,
        })
    }
}
