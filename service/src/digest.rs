//! The daily digest: people who follow deliberations get one email a day
//! listing the steps of the day before, unless they asked for a message at
//! each step. Several server instances may run it at once; each person's
//! steps are claimed with their message in one transaction, so nobody gets
//! a digest twice.

use std::collections::BTreeMap;

use linli_model::{Lang, account::NoticeChannel, deliberation::EventKind, time::beijing_local};

use crate::{
    Result, Store,
    clock::{Clock, DAY, HOUR, Millis},
    store::PendingStep,
};

/// A deliberation's title and its steps (time, kind) in one digest.
type Entry<'s> = (&'s str, Vec<(Millis, EventKind)>);

/// People handled per query.
const BATCH: i64 = 200;

pub struct Digests<'a> {
    pub store: &'a Store,
    pub clock: &'a dyn Clock,
    /// How people reach the site, for links in messages.
    pub site: &'a str,
}

/// Midnight of the Beijing day `at` falls in.
fn beijing_midnight(at: Millis) -> Millis {
    let offset = 8 * HOUR;
    (at + offset).div_euclid(DAY) * DAY - offset
}

impl Digests<'_> {
    /// One round: everyone with steps from before today (Beijing time) not
    /// yet sent gets them in one message. Returns the messages queued.
    pub async fn run(&self) -> Result<usize> {
        let now = self.clock.now();
        let cutoff = beijing_midnight(now);
        let mut sent = 0;
        loop {
            let due = self.store.digest_due(cutoff, BATCH).await?;
            if due.is_empty() {
                return Ok(sent);
            }
            for account in due {
                if self
                    .store
                    .send_digest(account, cutoff, now, |steps, channel| {
                        self.compose(steps, channel)
                    })
                    .await?
                {
                    sent += 1;
                }
            }
        }
    }

    /// The message: each deliberation once, its steps in order, in both
    /// languages (the outbox does not know the reader's language); by SMS
    /// one short line that counts them and links the inbox.
    fn compose(&self, steps: &[PendingStep], channel: NoticeChannel) -> Option<(String, String)> {
        let mut by_deliberation: BTreeMap<i64, Entry<'_>> = BTreeMap::new();
        for (id, title, kind, at) in steps {
            let kind = EventKind::parse(kind)?;
            by_deliberation
                .entry(*id)
                .or_insert_with(|| (title.as_str(), Vec::new()))
                .1
                .push((*at, kind));
        }
        if by_deliberation.is_empty() {
            return None;
        }
        let site = self.site.trim_end_matches('/');
        if channel == NoticeChannel::Sms {
            let first = by_deliberation
                .values()
                .next()
                .map_or("", |(title, _)| *title);
            let more = if by_deliberation.len() > 1 { "等" } else { "" };
            let body = format!(
                "【邻里】您关注的议事「{first}」{more}昨天有 {} 个新进展。查看：{site}/inbox",
                steps.len()
            );
            return Some(("邻里 Linli".to_owned(), body));
        }
        let mut zh = String::new();
        let mut en = String::new();
        for (id, (title, mut list)) in by_deliberation {
            list.sort_unstable_by_key(|(at, _)| *at);
            let link = format!("{site}/deliberations/{id}");
            zh.push_str(&format!("「{title}」\n"));
            en.push_str(&format!("\"{title}\"\n"));
            for (at, kind) in list {
                let when = beijing_local(at).replace('T', " ");
                zh.push_str(&format!("  {when} {}\n", kind.name(Lang::ZhCn)));
                en.push_str(&format!("  {when} {}\n", kind.name(Lang::En)));
            }
            zh.push_str(&format!("  查看：{link}\n\n"));
            en.push_str(&format!("  {link}\n\n"));
        }
        let subject = format!(
            "邻里 Linli: 您关注的议事动态 / Deliberations you follow ({})",
            steps.len()
        );
        let body = format!(
            "您关注的议事昨天有这些进展：\n\n{zh}不想每天收到？在“我的账户”里可以改为每一步都通知，或取消关注。\n\n\
             ----\nWhat happened yesterday in the deliberations you follow:\n\n{en}"
        );
        Some((subject, body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_turns_at_beijing_midnight() {
        // 2026-11-20 10:00 Beijing is 02:00 UTC; midnight was 16:00 UTC the day before.
        let ten_am = 1_795_140_000_000;
        assert_eq!(beijing_midnight(ten_am), ten_am - 10 * HOUR);
        assert_eq!(beijing_midnight(ten_am - 10 * HOUR), ten_am - 10 * HOUR);
        assert_eq!(beijing_midnight(ten_am - 10 * HOUR - 1), ten_am - 34 * HOUR);
    }
}
