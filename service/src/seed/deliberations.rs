//! Demo deliberations in the demo community, one at each step, made through
//! the service itself with a clock set back in time, so every rule that
//! holds for real ones holds for them.

use linli_model::{
    account::{Email, Login},
    deliberation::{
        ArrangementForm, BallotForm, DeliberationForm, Disposition, MinutesForm, PollForm, Step,
        TopicForm, Vote,
    },
    moderation::{Content, ReportForm},
    role::{Grant, Role, Scope},
    time::beijing_local,
    tree::CommunityCode,
};

use super::{CityData, accounts::signed, consultation, methods};
use crate::{
    Error, Result, Store,
    clock::{Clock, DAY, HOUR, ManualClock},
    deliberations::Deliberations,
    policy::Actor,
};

/// Neighbours who take part in the demo consultations (they cannot sign
/// in: their password hash is not a hash).
const NEIGHBOURS: [&str; 12] = [
    "周建国",
    "吴秀英",
    "郑志强",
    "孙丽华",
    "钱文杰",
    "冯桂兰",
    "何海燕",
    "许卫东",
    "韩淑珍",
    "唐晓明",
    "曹凤英",
    "邓立新",
];

pub(super) fn internal(what: &str) -> impl Fn(Error) -> Error + '_ {
    move |e| Error::Internal(anyhow::anyhow!("demo deliberation, {what}: {e:?}"))
}

fn topic(title: &str, description: &str, why: &str) -> TopicForm {
    TopicForm {
        title: title.into(),
        description: description.into(),
        why: why.into(),
    }
}

fn meeting(starts_at: i64, place: &str) -> ArrangementForm {
    ArrangementForm {
        form: "meeting".into(),
        starts_at: beijing_local(starts_at),
        ends_at: beijing_local(starts_at + 2 * HOUR),
        place: place.into(),
        participants: "community".into(),
        stakeholders: "物业服务中心\n业主委员会".into(),
        materials: "现场照片和报价单在社区服务站公示栏张贴。".into(),
    }
}

/// Who opens a demo consultation.
pub(super) struct Opening<'a> {
    pub community: &'a CommunityCode,
    pub council: &'a Actor,
    pub staff: &'a Actor,
    pub proposer: &'a Actor,
}

impl Opening<'_> {
    /// Starts a deliberation, collects one topic for three days, selects
    /// it, arranges an online consultation ending at `ends`, publishes the
    /// notice and opens the consultation ten days later; returns its id.
    pub(super) async fn open(
        &self,
        d: &Deliberations<'_>,
        clock: &ManualClock,
        form: &DeliberationForm,
        topic: &TopicForm,
        why_selected: &str,
        ends: i64,
    ) -> Result<i64> {
        let id = d
            .start(self.council, self.community, form)
            .await
            .map_err(internal("start"))?;
        let chosen = d
            .propose(self.proposer, id, topic)
            .await
            .map_err(internal("topic"))?;
        clock.advance(3 * DAY + HOUR);
        d.step(self.council, id, &Step::CloseCollection)
            .await
            .map_err(internal("close"))?;
        d.decide_topic(
            self.staff,
            chosen,
            &Disposition::Select {
                reason: why_selected.into(),
            },
        )
        .await
        .map_err(internal("select"))?;
        let mut online = meeting(clock.now() + 10 * DAY, "");
        online.form = "online".into();
        online.ends_at = beijing_local(ends);
        d.arrange(self.council, id, &online)
            .await
            .map_err(internal("arrange"))?;
        d.step(self.council, id, &Step::PublishNotice)
            .await
            .map_err(internal("notice"))?;
        clock.advance(10 * DAY);
        d.step(self.council, id, &Step::OpenConsultation)
            .await
            .map_err(internal("open"))?;
        Ok(id)
    }
}

/// Loads the demo deliberations; call after the demo accounts.
pub async fn load_demo_deliberations(
    store: &Store,
    now: i64,
    city: &CityData,
    site: &str,
) -> Result<()> {
    let first = city
        .communities
        .first()
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("the city has no community")))?;
    let community = CommunityCode::parse(&first.node.code)
        .map_err(|e| Error::Internal(anyhow::anyhow!("demo community code: {e}")))?;
    let council = signed(store, "council@linli.demo").await?;
    let staff = signed(store, "staff@linli.demo").await?;
    let resident = signed(store, "resident@linli.demo").await?;
    let grant = Grant::new(Role::Resident, Scope::Community(community.clone()))
        .map_err(|e| Error::Internal(anyhow::anyhow!("demo grant: {e}")))?;
    let mut neighbours = Vec::new();
    for (n, name) in NEIGHBOURS.iter().enumerate() {
        let email = format!("neighbour{:02}@linli.demo", n + 1);
        let login = Login::Email(
            Email::parse(&email).map_err(|e| Error::Internal(anyhow::anyhow!("{e}")))?,
        );
        let id = store.insert_account(name, &login, "!", now).await?;
        store.insert_grant(id, &grant, None, now).await?;
        neighbours.push(Actor::Signed(store.viewer(id).await?));
    }

    // Decided two months ago: charging points, with its record.
    let clock = ManualClock::new(now - 60 * DAY);
    let d = Deliberations {
        store,
        clock: &clock,
        site,
    };
    let form = DeliberationForm {
        title: "3 号楼北侧加装电动车充电桩".into(),
        summary: "楼道里给电动车充电的人越来越多，大家商量一下在哪里、怎么装充电桩。".into(),
        collect_until: beijing_local(clock.now() + 5 * DAY),
    };
    let id = d
        .start(&council, &community, &form)
        .await
        .map_err(internal("start"))?;
    let charging = d
        .propose(
            &resident,
            id,
            &topic(
                "加装电动车充电桩",
                "晚上很多人把电动车推进楼道充电，还有人从窗户拉电线。",
                "楼道充电容易起火，去年隔壁小区就出过事。",
            ),
        )
        .await
        .map_err(internal("topic"))?;
    let shed = d
        .propose(
            &neighbours[0],
            id,
            &topic(
                "车棚里装充电插座",
                "车棚有空位，可以装一排插座，刷卡充电。",
                "离家近，老人推车也方便。",
            ),
        )
        .await
        .map_err(internal("topic"))?;
    for n in &neighbours[..8] {
        d.support(n, charging).await.map_err(internal("support"))?;
    }
    clock.advance(5 * DAY + HOUR);
    d.step(&council, id, &Step::CloseCollection)
        .await
        .map_err(internal("close"))?;
    d.decide_topic(
        &council,
        charging,
        &Disposition::Select {
            reason: "支持的人最多，关系消防安全，应尽快解决。".into(),
        },
    )
    .await
    .map_err(internal("select"))?;
    d.decide_topic(
        &council,
        shed,
        &Disposition::Merge {
            into: charging,
            reason: "与充电桩议题是同一件事，一并协商。".into(),
        },
    )
    .await
    .map_err(internal("merge"))?;
    d.arrange(
        &council,
        id,
        &meeting(clock.now() + 9 * DAY, "社区党群服务中心二楼会议室"),
    )
    .await
    .map_err(internal("arrange"))?;
    d.step(&council, id, &Step::PublishNotice)
        .await
        .map_err(internal("notice"))?;
    let objection = d
        .object(&neighbours[3], id, "充电桩装在北侧会不会影响一楼住户采光？")
        .await
        .map_err(internal("object"))?;
    d.answer(
        &council,
        objection,
        "充电桩高 1.4 米，装在围墙一侧，离一楼窗户 6 米以上，不影响采光。",
    )
    .await
    .map_err(internal("answer"))?;
    clock.advance(9 * DAY);
    d.step(&council, id, &Step::OpenConsultation)
        .await
        .map_err(internal("open"))?;
    let poll = d
        .put_poll(
            &council,
            id,
            &PollForm {
                question: "是否同意在 3 号楼北侧空地加装 10 个充电桩？".into(),
                options: "同意\n不同意".into(),
                quorum: "8".into(),
                rule: "simple".into(),
                closes_at: beijing_local(clock.now() + 3 * DAY),
                ..PollForm::default()
            },
        )
        .await
        .map_err(internal("poll"))?;
    for (n, who) in neighbours.iter().enumerate() {
        // The last neighbour phoned the community: staff cast her ballot.
        let who = if n + 1 == neighbours.len() {
            &by_phone(&staff, who, clock.now())?
        } else {
            who
        };
        d.cast(who, poll, &BallotForm::choice(u32::from(n % 5 == 4)))
            .await
            .map_err(internal("cast"))?;
    }
    d.cast(&resident, poll, &BallotForm::choice(0))
        .await
        .map_err(internal("cast"))?;
    paper_ballots(store, &clock, &staff, poll, &["9", "2"], "1", true).await?;
    methods::closed_polls(&d, &council, id, &neighbours, clock.now() + 3 * DAY).await?;
    clock.advance(3 * DAY + HOUR);
    methods::answer_blocks(&d, &council, id).await?;
    d.record_minutes(&council, id, &MinutesForm {
        attendance: "居民代表 23 人，物业服务中心 2 人，业主委员会 3 人，社区工作者 2 人。".into(),
        arguments: "赞成：夜间充电方便，杜绝飞线和楼道充电。担心：占用部分绿地，电费如何计算。".into(),
        result: "网上表决 12 人、电话代投 1 人，另有纸质选票 12 张（有效 11 张）。共 20 人同意，4 人不同意，达到法定人数，超过半数同意。".into(),
        decision: "在 3 号楼北侧空地加装 10 个刷卡充电桩，占用的绿地在南侧补种；电费按实际用量收取，物业负责维护。".into(),
    })
    .await
    .map_err(internal("minutes"))?;
    d.step(&council, id, &Step::Decide)
        .await
        .map_err(internal("decide"))?;
    d.mark_for_implementation(&council, id, "3 号楼充电桩加装（民生微实事）")
        .await
        .map_err(internal("implementation"))?;

    // In consultation: parking, with two camps for the opinion map.
    let clock = ManualClock::new(now - 20 * DAY);
    let d = Deliberations {
        store,
        clock: &clock,
        site,
    };
    let form = DeliberationForm {
        title: "小区停车位怎么分配".into(),
        summary: "小区车位 120 个，登记车辆 190 辆。请大家一起商量分配办法。".into(),
        collect_until: beijing_local(clock.now() + 3 * DAY),
    };
    let opening = Opening {
        community: &community,
        council: &council,
        staff: &staff,
        proposer: &neighbours[1],
    };
    let id = opening
        .open(
            &d,
            &clock,
            &form,
            &topic(
                "车位分配办法",
                "现在先到先停，晚上回来的人没有位置。",
                "每天晚上都有人为车位吵架。",
            ),
            "矛盾突出，需要形成大家认可的规则。",
            now + 6 * DAY,
        )
        .await?;
    let texts = [
        "车位应该按户分配，每户最多一个。",
        "残疾人和老人的车优先。",
        "车位应该摇号，每年摇一次。",
        "先买车的人先有车位，这样公平。",
        "外来车辆一律不许进小区。",
        "可以把部分绿地改成车位。",
    ];
    let mut statements = Vec::new();
    for (n, text) in texts.iter().enumerate() {
        statements.push(
            d.add_statement(&neighbours[n], id, text)
                .await
                .map_err(internal("statement"))?,
        );
    }
    // Two camps: lottery and fairness against first come, first served.
    for (n, who) in neighbours.iter().enumerate() {
        let lottery = n % 2 == 0;
        for (k, s) in statements.iter().enumerate() {
            let vote = match k {
                1 | 4 => Vote::Agree,
                0 | 2 => {
                    if lottery {
                        Vote::Agree
                    } else {
                        Vote::Disagree
                    }
                }
                3 => {
                    if lottery {
                        Vote::Disagree
                    } else {
                        Vote::Agree
                    }
                }
                // One neighbour has no view on the green space.
                _ if n == 3 => Vote::Pass,
                _ => {
                    if lottery {
                        Vote::Disagree
                    } else {
                        Vote::Agree
                    }
                }
            };
            d.vote(who, *s, vote).await.map_err(internal("vote"))?;
        }
    }
    let parking = d
        .put_poll(
            &council,
            id,
            &PollForm {
                question: "车位分配采用哪种办法？".into(),
                options: "每年摇号\n按购车先后\n按户轮换".into(),
                quorum: "20".into(),
                rule: "simple".into(),
                closes_at: beijing_local(now + 5 * DAY),
                ..PollForm::default()
            },
        )
        .await
        .map_err(internal("poll"))?;
    // Yesterday's count at the service station, waiting for its second
    // staff member.
    paper_ballots(store, &clock, &staff, parking, &["6", "3", "2"], "0", false).await?;
    methods::open_polls(&d, &council, id, &neighbours, now + 5 * DAY).await?;

    // In the notice period, with a question waiting for an answer.
    let clock = ManualClock::new(now - 6 * DAY);
    let d = Deliberations {
        store,
        clock: &clock,
        site,
    };
    let form = DeliberationForm {
        title: "楼道堆物清理公约".into(),
        summary: "楼道里堆放杂物影响消防通道，拟订一份大家共同遵守的公约。".into(),
        collect_until: beijing_local(clock.now() + 2 * DAY),
    };
    let id = d
        .start(&council, &community, &form)
        .await
        .map_err(internal("start"))?;
    let corridor = d
        .propose(
            &neighbours[5],
            id,
            &topic(
                "楼道杂物谁来清",
                "很多楼道堆着旧家具和纸箱。",
                "着火时会堵住逃生的路。",
            ),
        )
        .await
        .map_err(internal("topic"))?;
    clock.advance(2 * DAY + HOUR);
    d.step(&council, id, &Step::CloseCollection)
        .await
        .map_err(internal("close"))?;
    d.decide_topic(
        &council,
        corridor,
        &Disposition::Select {
            reason: "关系消防安全。".into(),
        },
    )
    .await
    .map_err(internal("select"))?;
    d.arrange(
        &council,
        id,
        &meeting(now + 8 * DAY, "社区居委会一楼议事厅"),
    )
    .await
    .map_err(internal("arrange"))?;
    d.step(&council, id, &Step::PublishNotice)
        .await
        .map_err(internal("notice"))?;
    d.object(
        &neighbours[7],
        id,
        "清理出来的旧家具放到哪里？能不能统一联系回收？",
    )
    .await
    .map_err(internal("object"))?;

    // Collecting topics now: next year's micro-projects.
    let clock = ManualClock::new(now);
    let d = Deliberations {
        store,
        clock: &clock,
        site,
    };
    let form = DeliberationForm {
        title: "明年民生微实事项目征集".into(),
        summary: "明年社区有一笔微实事资金，请大家提出最想办的事。".into(),
        collect_until: beijing_local(now + 10 * DAY),
    };
    let id = d
        .start(&council, &community, &form)
        .await
        .map_err(internal("start"))?;
    let ideas = [
        (
            "老年食堂增加送餐",
            "行动不便的老人吃饭难。",
            "小区 80 岁以上老人有 60 多位。",
        ),
        (
            "儿童游乐场换地垫",
            "游乐场地面是水泥，孩子摔倒容易受伤。",
            "每天有几十个孩子在这里玩。",
        ),
        (
            "增设休息座椅",
            "小区步道两侧没有座椅。",
            "老人散步走累了没处歇脚。",
        ),
    ];
    for (n, (title, description, why)) in ideas.iter().enumerate() {
        let t = d
            .propose(&neighbours[n + 2], id, &topic(title, description, why))
            .await
            .map_err(internal("topic"))?;
        for who in neighbours.iter().skip(n * 3).take(5 - n) {
            d.support(who, t).await.map_err(internal("support"))?;
        }
    }
    // Moderation in the open: an advert hidden with its reason (in the
    // public log), and a topic reported twice, waiting on the desk.
    let moderation = crate::moderation::Moderation {
        store,
        clock: &ManualClock::new(now),
    };
    let advert = d
        .propose(
            &neighbours[6],
            id,
            &topic(
                "专业疏通下水道 138 0000 0000",
                "上门快，价格低，请加微信。",
                "欢迎来电。",
            ),
        )
        .await
        .map_err(internal("topic"))?;
    let rude = d
        .propose(
            &neighbours[7],
            id,
            &topic(
                "3 栋那几户太没素质",
                "天天把垃圾堆在楼道，也不看看自己什么样子。",
                "说了多少次都不听。",
            ),
        )
        .await
        .map_err(internal("topic"))?;
    for (who, item, reason) in [
        (&neighbours[2], Content::Topic(advert), "advert"),
        (&neighbours[3], Content::Topic(rude), "abuse"),
        (&neighbours[4], Content::Topic(rude), "off_topic"),
    ] {
        let form = ReportForm {
            reason: reason.into(),
            note: String::new(),
        };
        moderation
            .report(who, &item, &form)
            .await
            .map_err(internal("report"))?;
    }
    moderation
        .hide(
            &council,
            &Content::Topic(advert),
            "商业广告，与社区议事无关。",
        )
        .await
        .map_err(internal("hide"))?;
    // At city scale: hundreds of statements, thousands of participants.
    consultation::load(
        store,
        now,
        &Opening {
            community: &community,
            council: &council,
            staff: &staff,
            proposer: &resident,
        },
        site,
    )
    .await
}

/// A neighbour's act entered by staff from a phone call.
fn by_phone(staff: &Actor, who: &Actor, now: i64) -> Result<Actor> {
    let (Some(resident), Some(staff)) = (who.viewer(), staff.viewer()) else {
        return Err(Error::Internal(anyhow::anyhow!(
            "demo accounts are signed in"
        )));
    };
    Ok(Actor::Assisted(Box::new(crate::policy::Assisted {
        resident: resident.clone(),
        staff: staff.clone(),
        channel: linli_model::channel::AssistChannel::Phone,
        since: now,
    })))
}

/// A tally sheet of paper ballots entered by community staff and, when
/// `confirmed`, checked by the grid worker.
async fn paper_ballots(
    store: &Store,
    clock: &dyn crate::clock::Clock,
    staff: &Actor,
    poll: i64,
    counts: &[&str],
    spoiled: &str,
    confirmed: bool,
) -> Result<()> {
    let assist = crate::assist::Assist { store, clock };
    let form = linli_model::channel::TallyForm {
        counts: counts.iter().map(|c| (*c).to_owned()).collect(),
        spoiled: spoiled.to_owned(),
    };
    let sheet = assist
        .enter_tally(staff, poll, &form)
        .await
        .map_err(internal("tally"))?;
    if confirmed {
        let grid = signed(store, "grid@linli.demo").await?;
        assist
            .confirm_tally(&grid, poll, sheet)
            .await
            .map_err(internal("confirm tally"))?;
    }
    Ok(())
}
