//! Demo departments of the demo street, and two proposals to change the
//! demo community's item list: one adopted by every reviewing department,
//! one still under review. Made through the service with a clock set back.

use linli_model::{
    admission::{ProposalForm, Verdict},
    tree::{CommunityCode, StreetCode},
};

use super::{CityData, accounts::signed};
use crate::{
    Error, Result, Store,
    admission::Admissions,
    clock::{DAY, ManualClock},
};

fn internal(what: &str) -> impl Fn(Error) -> Error + '_ {
    move |e| Error::Internal(anyhow::anyhow!("demo admission, {what}: {e:?}"))
}

/// The street's departments: (name, reviews).
const DEPARTMENTS: [(&str, bool); 4] = [
    ("社区建设办公室", false),
    ("民政科", true),
    ("司法所", true),
    ("综合行政执法队", true),
];

/// Creates the demo departments (the street officer belongs to all, so
/// one account can try every review) and the demo proposals, which the
/// community staff account files through the office: whoever files a
/// proposal never reviews it.
pub async fn load_demo_admission(store: &Store, now: i64, city: &CityData) -> Result<()> {
    let first = city
        .communities
        .first()
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("the city has no community")))?;
    let community = CommunityCode::parse(&first.node.code)
        .map_err(|e| Error::Internal(anyhow::anyhow!("demo community code: {e}")))?;
    let street: StreetCode = community.street();
    let officer = signed(store, "street@linli.demo").await?;
    let clerk = signed(store, "staff@linli.demo").await?;
    let clock = ManualClock::new(now - 20 * DAY);
    let a = Admissions {
        store,
        clock: &clock,
    };
    let mut ids = Vec::new();
    for (name, reviews) in DEPARTMENTS {
        let id = a
            .add_department(&officer, &street, name, reviews)
            .await
            .map_err(internal("department"))?;
        a.add_member(&officer, id, "street@linli.demo")
            .await
            .map_err(internal("member"))?;
        ids.push(id);
    }
    a.add_member(&officer, ids[0], "staff@linli.demo")
        .await
        .map_err(internal("member"))?;
    let form = |title: (&str, &str), detail: (&str, &str), reason: &str| ProposalForm {
        department: ids[0].to_string(),
        community: community.to_string(),
        change: "assist".into(),
        title: title.0.into(),
        detail: detail.0.into(),
        title_en: title.1.into(),
        detail_en: detail.1.into(),
        item: String::new(),
        reason: reason.into(),
    };
    let adopted = a
        .propose(
            &clerk,
            &form(
                (
                    "协助开展电动自行车充电安全巡查",
                    "Help with e-bike charging safety patrols",
                ),
                (
                    "《浙江省电动自行车管理条例》",
                    "Zhejiang Regulations on Electric Bicycles",
                ),
                "辖区老旧小区电动车飞线充电多，消防部门请社区协助每月巡查并登记隐患。",
            ),
        )
        .await
        .map_err(internal("proposal"))?;
    for (i, reason) in [
        (1, "属于协助政府工作，工作量可控，同意。"),
        (2, "有地方性法规依据，同意。"),
        (3, "巡查发现的隐患由执法队处置，社区只登记，同意。"),
    ] {
        clock.advance(DAY);
        a.review(&officer, adopted, ids[i], Verdict::Approve, reason)
            .await
            .map_err(internal("review"))?;
    }
    clock.advance(5 * DAY);
    let reviewing = a
        .propose(
            &clerk,
            &form(
                (
                    "协助开展养老服务需求摸底",
                    "Help survey older people's care needs",
                ),
                (
                    "《浙江省社会养老服务促进条例》",
                    "Zhejiang Regulations on Promoting Elderly Care Services",
                ),
                "民政部门每年需要掌握高龄、独居老人的服务需求，请社区协助入户摸底。",
            ),
        )
        .await
        .map_err(internal("proposal"))?;
    clock.advance(DAY);
    a.review(
        &officer,
        reviewing,
        ids[1],
        Verdict::Approve,
        "本部门牵头，同意。",
    )
    .await
    .map_err(internal("review"))?;
    Ok(())
}
