//! Demo promises: in the first communities, matters that reached their
//! threshold the month before last, some kept, some broken (late on the
//! agenda, or never answered), and one whose clocks still run, so the
//! promises page and the kept-promise share have something to show.

use linli_model::{
    account::{AccountId, Email, Login},
    accountability::Month,
    matter::MatterFilter,
    promise::{Clocks, Subject, deadlines, threshold},
    tree::CommunityCode,
};

use super::CityData;
use crate::{Error, Result, Store, clock::DAY, store::Supported};

const COMMUNITIES: usize = 12;

const NOTE: &str = "本月居民议事会第2项";
const ANSWER: &str = "感谢大家的支持。居委会已与物业和街道城管科商定：本月底前完成维修，费用从公共收益中列支；完工后在公告栏和本页公布验收结果。";

pub async fn load_demo_promises(store: &Store, now: i64, city: &CityData) -> Result<()> {
    let before = Month::of(now).previous().start_millis();
    let login = Login::Email(
        Email::parse("council@linli.demo").map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))?,
    );
    let council = AccountId(
        store
            .credentials(&login)
            .await?
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("the demo council member is missing")))?
            .account_id,
    );
    for (n, community) in city.communities.iter().take(COMMUNITIES).enumerate() {
        let code = CommunityCode::parse(&community.node.code)
            .map_err(|e| Error::Internal(anyhow::anyhow!("demo community code: {e}")))?;
        // Any of its matters: one much supported may be closed by now.
        let filter = MatterFilter {
            place: Some(code.to_string()),
            ..MatterFilter::default()
        };
        let matters = store.matter_rows(&filter, 4, now).await?;
        for (k, matter) in matters.iter().enumerate() {
            let found = store.supported_matter(matter.matter_id).await?;
            let needed = threshold(found.households, found.setting);
            let supported = Supported {
                supporters: needed + u32::try_from(n % 7).unwrap_or(0),
                ..found
            };
            // Three whose answer fell due last month, one still running.
            let reached = if k == 3 {
                now - 5 * DAY
            } else {
                before - 29 * DAY + i64::try_from(5 * k + n).unwrap_or(0) * DAY
            };
            let (agenda_due, answer_due) = deadlines(reached);
            let clocks = Clocks {
                reached_at: reached,
                agenda_due,
                answer_due,
                on_agenda_at: None,
                answered_at: None,
            };
            if !store
                .open_promise(
                    Subject::Matter,
                    matter.matter_id,
                    &supported,
                    needed,
                    &clocks,
                )
                .await?
            {
                continue;
            }
            let Some(promise) = store
                .promise_of(Subject::Matter, matter.matter_id, now)
                .await?
            else {
                continue;
            };
            match (k, (n + k) % 3) {
                (3, _) => {}
                (_, 0) => {
                    // Taken up late, and never answered.
                    store
                        .promise_on_agenda(promise.id, NOTE, None, reached + 20 * DAY)
                        .await?;
                }
                _ => {
                    store
                        .promise_on_agenda(promise.id, NOTE, None, reached + 5 * DAY)
                        .await?;
                    store
                        .answer_promise(promise.id, ANSWER, council, reached + 18 * DAY)
                        .await?;
                }
            }
        }
    }
    Ok(())
}
