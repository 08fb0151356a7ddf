//! A consultation at city scale for the demo: the renewal of an old
//! estate, 300 statements, 2,000 participants and about 110,000 votes,
//! generated deterministically. Three camps (renew now and let the
//! government pay; spend carefully; the elderly and the ground floor
//! first) and common ground (ask every building, publish the plan, audit
//! the money), so the opinion groups have something real to find.
//!
//! The deliberation is opened through the service like the others; its
//! statements and votes are loaded in bulk, since a hundred thousand votes
//! one by one would take minutes.

use linli_model::{
    deliberation::{DeliberationForm, TopicForm},
    moderation::Content,
    time::beijing_local,
};

use super::{
    Rng,
    deliberations::{Opening, internal},
};
use crate::{
    Error, Result, Store,
    clock::{Clock, DAY, ManualClock},
    deliberations::Deliberations,
};

/// Participants, and how many statements each votes on (at least, at most).
const PARTICIPANTS: usize = 2_000;
const VOTES_EACH: (u32, u32) = (20, 90);

/// What the renewal could touch.
const SUBJECTS: [&str; 20] = [
    "加装电梯",
    "外墙保温",
    "雨污分流",
    "停车位改造",
    "绿化补种",
    "楼道照明",
    "适老化扶手",
    "快递柜",
    "垃圾分类亭",
    "充电桩",
    "健身器材",
    "监控探头",
    "屋顶防水",
    "水管更新",
    "无障碍坡道",
    "社区食堂",
    "儿童游乐场",
    "消防通道",
    "非机动车棚",
    "休闲座椅",
];

/// What people say about each subject, and how likely each camp is to
/// agree (percent): renew now, spend carefully, the elderly first.
const SAYINGS: [(&str, [u32; 3]); 15] = [
    ("{}应该优先做。", [90, 15, 55]),
    ("{}的钱应该由政府全额出。", [85, 10, 60]),
    ("{}居民也应该出一部分钱。", [15, 85, 30]),
    ("改造{}之前先征求每栋楼的意见。", [85, 88, 90]),
    ("{}会影响低层住户，要给补偿。", [40, 35, 92]),
    ("{}不急，先把漏水修好。", [10, 80, 60]),
    ("{}施工时间要避开午休。", [50, 55, 90]),
    ("{}要请居民代表全程监督。", [86, 90, 85]),
    ("{}的方案要公示三十天再动工。", [80, 88, 84]),
    ("{}做完以后谁来维护要先说清楚。", [84, 92, 86]),
    ("{}可以用小区公共收益来出钱。", [70, 60, 65]),
    ("{}没有必要，浪费钱。", [5, 75, 30]),
    ("{}要先照顾老人和行动不便的人。", [55, 45, 95]),
    ("{}最好请本地的施工队来做。", [50, 50, 50]),
    ("{}的材料和报价要公开招标。", [85, 92, 85]),
];

/// Shares of the camps among participants (percent).
const CAMPS: [u32; 3] = [45, 35, 20];

/// Opens the consultation and loads its statements and votes.
pub(super) async fn load(store: &Store, now: i64, opening: &Opening<'_>, site: &str) -> Result<()> {
    let clock = ManualClock::new(now - 30 * DAY);
    let d = Deliberations {
        store,
        clock: &clock,
        site,
    };
    let form = DeliberationForm {
        title: "老旧小区改造，先改什么？".into(),
        summary: "小区建成三十年，明年列入老旧小区改造计划。改什么、先改什么、钱怎么出，请大家对每条观点表态，也可以写下自己的观点。".into(),
        collect_until: beijing_local(clock.now() + 3 * DAY),
    };
    let topic = TopicForm {
        title: "老旧小区改造的内容和先后".into(),
        description: "改造资金有限，不能一次全做。".into(),
        why: "每家关心的不一样，要商量出大家认可的先后次序。".into(),
    };
    let id = opening
        .open(
            &d,
            &clock,
            &form,
            &topic,
            "关系到每一户，需要全体居民商量。",
            now + 10 * DAY,
        )
        .await?;
    // One more account than the participants: a voting bot, removed below.
    let everyone = store.seed_reporters(PARTICIPANTS + 1, clock.now()).await?;
    let people = &everyone[..PARTICIPANTS.min(everyone.len())];
    let bot = everyone.get(PARTICIPANTS).copied();
    let opened = clock.now();
    let span = (now - opened).max(DAY);
    let mut rng = Rng::new(0x0CC0_2026_0000_0300);

    // Statements written over the first two thirds of the consultation,
    // each subject with each saying once, in an order that mixes them.
    let count = SUBJECTS.len() * SAYINGS.len();
    let mut statements = Vec::with_capacity(count);
    let mut meaning = Vec::with_capacity(count);
    for k in 0..count {
        // 7 is prime to 300: every (subject, saying) pair once, mixed.
        let pair = (k * 7) % count;
        let (subject, saying) = (pair % SUBJECTS.len(), pair / SUBJECTS.len());
        let body = SAYINGS[saying].0.replace("{}", SUBJECTS[subject]);
        let at = opened + span * 2 / 3 * k as i64 / count as i64;
        statements.push((people[(k * 37) % people.len()], body, at));
        meaning.push(saying);
    }

    let mut votes = Vec::new();
    let mut order: Vec<usize> = (0..count).collect();
    for (p, &person) in people.iter().enumerate() {
        let roll = rng.between(1, 100);
        let camp = if roll <= CAMPS[0] {
            0
        } else if roll <= CAMPS[0] + CAMPS[1] {
            1
        } else {
            2
        };
        let arrives = opened + span * p as i64 / people.len() as i64;
        let budget = rng.between(VOTES_EACH.0, VOTES_EACH.1) as usize;
        // A partial shuffle picks which statements this person saw.
        for k in 0..budget.min(count) {
            let pick = k + (rng.next_u64() % (count - k) as u64) as usize;
            order.swap(k, pick);
            let s = order[k];
            let agree = SAYINGS[meaning[s]].1[camp];
            let vote = if rng.chance(10) {
                0
            } else if rng.chance(agree) {
                1
            } else {
                -1
            };
            votes.push((s, person, vote, arrives.max(statements[s].2) + 1));
        }
    }
    // The bot agrees with every statement within the same minute.
    if let Some(bot) = bot {
        let at = opened + span / 2;
        votes.extend((0..count).map(|s| (s, bot, 1, at.max(statements[s].2) + 1)));
    }
    store.load_statements(id, &statements, &votes).await?;
    // The council takes its votes out of the count, with the reason in the
    // public moderation log; the groups are the 2,000 people's.
    if let Some(bot) = bot {
        let who =
            crate::deliberations::participant_of(store, id, linli_model::account::AccountId(bot))
                .await?
                .ok_or_else(|| Error::Internal(anyhow::anyhow!("the demo bot voted")))?;
        let moderation = crate::moderation::Moderation {
            store,
            clock: &ManualClock::new(now),
        };
        moderation
            .hide(
                opening.council,
                &Content::Participant(who),
                "这个账号在一分钟内对全部 300 条观点都投了赞成，是刷票程序，投票不计入。",
            )
            .await
            .map_err(internal("remove the bot"))?;
    }
    Ok(())
}
