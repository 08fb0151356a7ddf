//! Demo results and recurring matters in the demo community. The decided
//! deliberation and the awarded projects opened their results themselves;
//! here the council posts updates to the decision's results with a clock
//! set back (one planned for a date now past, so the board flags it), and
//! residents report the same troubles in two grids this month, so the
//! recurring list has clusters to propose.

use linli_model::{
    calendar::Day,
    matter::MatterForm,
    tracker::{EntryForm, Source},
    tree::CommunityCode,
};

use super::{CityData, accounts::signed};
use crate::{
    Error, Result, Store,
    clock::{DAY, ManualClock},
    matters::Matters,
    tracker::Tracker,
};

fn internal(what: &str) -> impl Fn(Error) -> Error + '_ {
    move |e| Error::Internal(anyhow::anyhow!("demo results, {what}: {e:?}"))
}

/// The same trouble, told by different neighbours: (category, title,
/// description) per report.
const LAMPS: [(&str, &str, &str); 4] = [
    (
        "road_lighting",
        "3幢门口路灯不亮",
        "3幢门口的路灯坏了一个多星期，晚上老人出门看不清台阶。",
    ),
    (
        "road_lighting",
        "5幢旁边路灯不亮",
        "5幢旁边路灯一直不亮，晚上下班回来路上很黑。",
    ),
    (
        "road_lighting",
        "小区主路路灯不亮",
        "小区主路的路灯坏了好几盏，晚上很黑，孩子放学回家不安全。",
    ),
    (
        "road_lighting",
        "8幢路灯不亮",
        "8幢楼下路灯不亮，晚上遛狗看不清路。",
    ),
];

const BINS: [(&str, &str, &str); 3] = [
    (
        "sanitation",
        "垃圾桶满了没人清运",
        "2幢旁边的垃圾桶满了好几天，没人清运，气味很大。",
    ),
    (
        "sanitation",
        "垃圾没人清运发臭",
        "垃圾桶周围垃圾堆着没人清运，夏天发臭招苍蝇。",
    ),
    (
        "sanitation",
        "垃圾桶满了溢出来",
        "6幢垃圾桶满了溢出来，清运不及时。",
    ),
];

pub async fn load_demo_results(store: &Store, now: i64, city: &CityData, site: &str) -> Result<()> {
    let Some(community) = city.communities.first() else {
        return Ok(());
    };
    let code = CommunityCode::parse(&community.node.code)
        .map_err(|e| Error::Internal(anyhow::anyhow!("demo community code: {e}")))?;
    recurring(store, now, city, &code, site).await?;
    updates(store, now, &code).await
}

async fn recurring(
    store: &Store,
    now: i64,
    city: &CityData,
    community: &CommunityCode,
    site: &str,
) -> Result<()> {
    let grids: Vec<&str> = city
        .grids
        .iter()
        .map(|g| g.node.code.as_str())
        .filter(|g| g.starts_with(community.as_str()))
        .take(2)
        .collect();
    let resident = signed(store, "resident@linli.demo").await?;
    // Spread over the days of this month so far.
    let month_start = linli_model::accountability::Month::of(now).start_millis();
    let reports = LAMPS
        .iter()
        .map(|r| (grids.first(), r))
        .chain(BINS.iter().map(|r| (grids.get(1).or(grids.first()), r)));
    for (n, (grid, (category, title, description))) in reports.enumerate() {
        let Some(grid) = grid else { continue };
        let at = month_start + (now - month_start) * i64::try_from(n + 1).unwrap_or(1) / 8;
        let clock = ManualClock::new(at.max(month_start + 1));
        let matters = Matters {
            store,
            clock: &clock,
            site,
        };
        let form = MatterForm {
            grid: (*grid).to_owned(),
            category: (*category).to_owned(),
            title: (*title).to_owned(),
            description: (*description).to_owned(),
            key: format!("demo-recurring-{n:04}-linli"),
            ..MatterForm::default()
        };
        matters
            .report(&resident, community, &form)
            .await
            .map_err(internal("recurring report"))?;
    }
    Ok(())
}

/// The council's updates to the decision's results: planned for a date
/// ten days ago and only half done, so the result is late.
async fn updates(store: &Store, now: i64, community: &CommunityCode) -> Result<()> {
    let council = signed(store, "council@linli.demo").await?;
    let results = store.tracked_under(community.as_str(), None, 20, 0).await?;
    for (n, result) in results
        .iter()
        .filter(|r| matches!(r.source, Source::Topic { .. }))
        .enumerate()
    {
        let clock = ManualClock::new(now - 35 * DAY);
        let tracker = Tracker {
            store,
            clock: &clock,
        };
        let planned = if n == 0 {
            Day::of(now - 10 * DAY)
        } else {
            Day::of(now + 40 * DAY)
        };
        tracker
            .update(
                &council,
                result.id,
                &EntryForm {
                    progress: "20".into(),
                    status: "under_way".into(),
                    planned: planned.to_string(),
                    body: "已和物业、街道城管科现场查看，定下施工方案和分工，材料正在采购。".into(),
                },
            )
            .await
            .map_err(internal("first update"))?;
        clock.advance(20 * DAY);
        tracker
            .update(
                &council,
                result.id,
                &EntryForm {
                    progress: "50".into(),
                    status: "under_way".into(),
                    planned: String::new(),
                    body:
                        "一半已经完工；剩下的因为材料到货晚，要推迟，居委会会在这里说明新的日期。"
                            .into(),
                },
            )
            .await
            .map_err(internal("second update"))?;
    }
    Ok(())
}
