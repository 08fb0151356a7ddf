//! Demo projects in the demo community, made through the service with a
//! clock set back in time: one delivered and being rated, one in progress,
//! and one call still open with a sealed bid.

use linli_model::{
    deliberation::Stage,
    project::{BidForm, CallForm},
    time::beijing_local,
    tree::CommunityCode,
};

use super::{CityData, DemoLinks, accounts::signed};
use crate::{
    Error, Result, Store,
    clock::{Clock, DAY, HOUR, ManualClock},
    organisations::acted_for,
    projects::Projects,
};

fn internal(what: &str) -> impl Fn(Error) -> Error + '_ {
    move |e| Error::Internal(anyhow::anyhow!("demo project, {what}: {e:?}"))
}

fn call(
    title: &str,
    summary: &str,
    cap: &str,
    deadline: i64,
    deliberation: Option<i64>,
) -> CallForm {
    CallForm {
        title: title.into(),
        summary: summary.into(),
        requirements: "服务对象为本社区居民，服务地点在社区党群服务中心及各小区；每月向社区报告服务人次和居民反馈。".into(),
        eligibility: "在本街道登记并经核验的社会组织，近两年无不良记录。".into(),
        budget_cap: cap.into(),
        deadline: beijing_local(deadline),
        criteria: "方案可行性 | 40\n团队与经验 | 30\n预算合理性 | 30".into(),
        evaluators: "expert1@linli.demo\nexpert2@linli.demo".into(),
        deliberation: deliberation.map(|d| d.to_string()).unwrap_or_default(),
        need: String::new(),
        resources: String::new(),
        plan_only: None,
    }
}

/// Links a call to the need it meets and the resources it uses.
fn linked(call: CallForm, need: Option<i64>, resources: &[Option<i64>]) -> CallForm {
    CallForm {
        need: need.map(|n| n.to_string()).unwrap_or_default(),
        resources: resources
            .iter()
            .flatten()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(" "),
        ..call
    }
}

fn date(at: i64) -> String {
    beijing_local(at)[..10].to_owned()
}

fn bid(proposal: &str, lines: &[(&str, &str)], start: i64, milestones: &[&str]) -> BidForm {
    BidForm {
        proposal: proposal.into(),
        budget: lines
            .iter()
            .map(|(item, amount)| format!("{item} | {amount}"))
            .collect::<Vec<_>>()
            .join("\n"),
        milestones: milestones
            .iter()
            .enumerate()
            .map(|(i, m)| format!("{} | {m}", date(start + (i as i64 + 1) * 14 * DAY)))
            .collect::<Vec<_>>()
            .join("\n"),
        team: "项目主管 1 名（中级社工师），一线社工 2 名，志愿者 15 名。".into(),
    }
}

fn scores(s: [u32; 3]) -> Vec<String> {
    s.iter().map(u32::to_string).collect()
}

/// Creates the demo projects; `now` is the real time.
pub async fn load_demo_projects(
    store: &Store,
    now: i64,
    city: &CityData,
    links: &DemoLinks,
) -> Result<()> {
    let first = city
        .communities
        .first()
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("the city has no community")))?;
    let community = CommunityCode::parse(&first.node.code)
        .map_err(|e| Error::Internal(anyhow::anyhow!("demo community code: {e}")))?;
    let staff = signed(store, "staff@linli.demo").await?;
    let sun = signed(store, "org@linli.demo").await?;
    let moon = signed(store, "org2@linli.demo").await?;
    let experts = [
        signed(store, "expert1@linli.demo").await?,
        signed(store, "expert2@linli.demo").await?,
    ];
    let raters = [
        signed(store, "resident@linli.demo").await?,
        signed(store, "council@linli.demo").await?,
        signed(store, "grid@linli.demo").await?,
    ];
    // Each demo organisation account acts for the one it registered.
    let org_of = |member: &crate::policy::Actor| {
        acted_for(member)
            .first()
            .copied()
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("a demo organisation is missing")))
    };
    let (sun_org, moon_org) = (org_of(&sun)?, org_of(&moon)?);
    let decided = store
        .deliberations(community.as_str(), Some(Stage::Decided), None, 1)
        .await?
        .items
        .first()
        .map(|d| d.id);

    // Delivered and being rated: an elderly canteen, won by 明月.
    let clock = ManualClock::new(now - 70 * DAY);
    let p = Projects {
        store,
        clock: &clock,
    };
    let deadline = clock.now() + 10 * DAY;
    let canteen = p
        .publish(
            &staff,
            &community,
            &linked(
                call(
                    "长者助餐点运营（一期）",
                    "为社区 80 岁以上和独居老人提供工作日午餐，堂食与送餐上门相结合。",
                    "120000",
                    deadline,
                    decided,
                ),
                links.canteen_need,
                &[links.centre, links.volunteers, links.fund],
            ),
        )
        .await
        .map_err(internal("canteen call"))?;
    p.bid(&moon, canteen, moon_org, &bid(
        "依托中央厨房配餐，在社区活动中心设堂食点，志愿者为行动不便的老人送餐上门；每周公布菜单，每月请老人评菜。",
        &[("餐费补贴", "52000"), ("送餐人员", "12000"), ("餐具与保温设备", "4000")],
        deadline,
        &["完成老人需求登记", "助餐点开张", "三个月运营总结"],
    )).await.map_err(internal("canteen bid"))?;
    p.bid(
        &sun,
        canteen,
        sun_org,
        &bid(
            "联合辖区餐饮企业供餐，社工每周入户探访送餐老人，建立健康档案。",
            &[
                ("餐费补贴", "58000"),
                ("社工服务", "15000"),
                ("设备", "2000"),
            ],
            deadline,
            &["供餐企业遴选", "开始供餐", "运营总结"],
        ),
    )
    .await
    .map_err(internal("canteen bid"))?;
    clock.advance(10 * DAY + HOUR);
    let bids = p
        .bids(&staff, canteen)
        .await
        .map_err(internal("canteen bids"))?
        .1;
    for b in &bids {
        let high = b.organisation == moon_org;
        p.score(
            &experts[0],
            b.id,
            &scores(if high { [88, 80, 90] } else { [82, 86, 70] }),
            "方案具体，预算清楚。",
        )
        .await
        .map_err(internal("canteen score"))?;
        if high {
            p.score(
                &experts[1],
                b.id,
                &scores([85, 78, 92]),
                "送餐上门覆盖面好，性价比高。",
            )
            .await
            .map_err(internal("canteen score"))?;
        } else {
            p.declare_conflict(&experts[1], b.id, "曾担任该机构顾问")
                .await
                .map_err(internal("canteen conflict"))?;
        }
    }
    p.award(&staff, canteen)
        .await
        .map_err(internal("canteen award"))?;
    for (i, report) in [
        "已入户登记 126 位老人的用餐需求和忌口，其中 38 位需要送餐上门。",
        "助餐点于活动中心开张，工作日每天供应午餐约 130 份。",
        "三个月共供餐 8,200 余份，老人评菜满意率 94%，详见运营报告。",
    ]
    .iter()
    .enumerate()
    {
        clock.advance(14 * DAY);
        p.report(&moon, canteen, u32::try_from(i).unwrap_or(0), report, &[])
            .await
            .map_err(internal("canteen report"))?;
    }
    for (who, stars, comment) in [
        (&raters[0], "5", "饭菜软烂，适合老人，送餐很准时。"),
        (&raters[1], "4", "总体不错，希望周末也能供餐。"),
        (&raters[2], "5", ""),
    ] {
        p.rate(who, canteen, stars, comment)
            .await
            .map_err(internal("canteen rating"))?;
    }

    // In progress: an after-school class, won by 阳光.
    let clock = ManualClock::new(now - 30 * DAY);
    let p = Projects {
        store,
        clock: &clock,
    };
    let deadline = clock.now() + 7 * DAY;
    let class = p
        .publish(
            &staff,
            &community,
            &linked(
                call(
                    "青少年四点半课堂",
                    "放学后到家长下班前，为双职工家庭的孩子提供作业辅导和兴趣活动。",
                    "60000",
                    deadline,
                    None,
                ),
                links.class_need,
                &[links.library, links.fund],
            ),
        )
        .await
        .map_err(internal("class call"))?;
    p.bid(&sun, class, sun_org, &bid(
        "社工带领大学生志愿者，周一至周五 16:30–18:30 在社区图书室开展作业辅导、阅读和手工活动。",
        &[("志愿者补贴", "24000"), ("活动材料", "8000"), ("社工督导", "16000")],
        deadline,
        &["招募志愿者并培训", "课堂开课", "学期总结"],
    )).await.map_err(internal("class bid"))?;
    clock.advance(7 * DAY + HOUR);
    let bid_id = p
        .bids(&staff, class)
        .await
        .map_err(internal("class bids"))?
        .1[0]
        .id;
    for (e, s) in experts.iter().zip([[86, 84, 80], [80, 88, 82]]) {
        p.score(e, bid_id, &scores(s), "团队稳定，活动安排合理。")
            .await
            .map_err(internal("class score"))?;
    }
    p.award(&staff, class)
        .await
        .map_err(internal("class award"))?;
    clock.advance(14 * DAY);
    p.report(
        &sun,
        class,
        0,
        "招募大学生志愿者 18 名，完成两次安全和辅导技巧培训。",
        &[],
    )
    .await
    .map_err(internal("class report"))?;

    // Open: bids close in ten days; 阳光's bid is sealed.
    let clock = ManualClock::new(now);
    let p = Projects {
        store,
        clock: &clock,
    };
    let deadline = now + 10 * DAY;
    let stairs = p
        .publish(
            &staff,
            &community,
            &linked(
                call(
                    "老旧小区楼道适老化改造志愿服务",
                    "为 12 幢无电梯老楼的楼道加装扶手和夜间感应灯，组织居民志愿者参与维护。",
                    "80000",
                    deadline,
                    None,
                ),
                links.stairs_need,
                &[links.volunteers, links.fund],
            ),
        )
        .await
        .map_err(internal("stairs call"))?;
    p.bid(
        &sun,
        stairs,
        sun_org,
        &bid(
            "先逐幢入户调查需求，再分批施工；每幢楼招募两名楼道志愿者负责日常巡查。",
            &[
                ("扶手与感应灯材料", "42000"),
                ("施工", "20000"),
                ("志愿者培训", "6000"),
            ],
            deadline,
            &["入户调查完成", "第一批 6 幢完工", "全部完工"],
        ),
    )
    .await
    .map_err(internal("stairs bid"))?;

    // Planned: listed for the open ramp need, its call still to come.
    let ramp = CallForm {
        plan_only: Some("on".into()),
        ..linked(
            call(
                "东门、南门无障碍坡道改造",
                "在两个出入口的台阶旁加建坡道和扶手，方便轮椅、婴儿车和行动不便的老人进出。",
                "90000",
                now + 30 * DAY,
                None,
            ),
            links.ramp_need,
            &[links.fund],
        )
    };
    p.publish(&staff, &community, &ramp)
        .await
        .map_err(internal("ramp plan"))?;
    Ok(())
}
