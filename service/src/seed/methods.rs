//! Demo polls of every decision method, cast by the demo neighbours through
//! the service: closed ones with their counts in the decided deliberation
//! (a ranked runoff over two rounds, a budget that funds three of four
//! projects, a consent poll whose block was answered), open ones in the
//! consultation (consent with a block awaiting its answer, ranked, score,
//! dots and a meeting time).

use linli_model::{
    deliberation::{BallotForm, PollForm},
    time::beijing_local,
};

use super::deliberations::internal;
use crate::{Result, deliberations::Deliberations, policy::Actor};

/// Puts the demo polls of one deliberation and casts their ballots.
struct Polls<'a> {
    d: &'a Deliberations<'a>,
    council: &'a Actor,
    deliberation: i64,
    voters: &'a [Actor],
    closes_at: i64,
}

impl Polls<'_> {
    async fn put(
        &self,
        question: &str,
        options: &str,
        method: &str,
        threshold: &str,
    ) -> Result<i64> {
        let form = PollForm {
            question: question.into(),
            options: options.into(),
            quorum: "6".into(),
            rule: "simple".into(),
            closes_at: beijing_local(self.closes_at),
            method: method.into(),
            threshold: threshold.into(),
        };
        self.d
            .put_poll(self.council, self.deliberation, &form)
            .await
            .map_err(internal("poll"))
    }

    /// Casts `ballots[i]` for the `i`th voter; an empty ballot means no vote.
    async fn cast(&self, poll: i64, ballots: &[&[(&str, &str)]]) -> Result<()> {
        for (who, fields) in self.voters.iter().zip(ballots) {
            if !fields.is_empty() {
                self.d
                    .cast(who, poll, &BallotForm::of(fields))
                    .await
                    .map_err(internal("cast"))?;
            }
        }
        Ok(())
    }
}

const BLOCK: &[(&str, &str)] = &[
    ("stance", "block"),
    (
        "reason",
        "西侧是消防车道的转弯处，划了车位消防车就开不进来。",
    ),
];
const CONSENT: &[(&str, &str)] = &[("stance", "consent")];

/// Polls of the decided deliberation, put while its consultation is open
/// and closing at `closes_at`.
pub(super) async fn closed_polls(
    d: &Deliberations<'_>,
    council: &Actor,
    deliberation: i64,
    voters: &[Actor],
    closes_at: i64,
) -> Result<()> {
    let polls = Polls {
        d,
        council,
        deliberation,
        voters,
        closes_at,
    };
    // Round 1: north 5, garage 4, east 3; east's voters prefer the garage,
    // which wins in round 2 with 7 of 12.
    let ranked = polls
        .put(
            "充电桩装在哪里？请按喜好排序",
            "3 号楼北侧空地\n地下车库入口\n东门停车场",
            "ranked",
            "",
        )
        .await?;
    let north: &[(&str, &str)] = &[("rank_0", "1"), ("rank_1", "2")];
    let garage: &[(&str, &str)] = &[("rank_1", "1"), ("rank_0", "2")];
    let east: &[(&str, &str)] = &[("rank_2", "1"), ("rank_1", "2")];
    let ballots = [
        north, north, north, north, north, garage, garage, garage, garage, east, east, east,
    ];
    polls.cast(ranked, &ballots).await?;
    // A budget of 80,000 yuan over four projects.
    let budget = polls
        .put(
            "明年微实事资金 8 万元，做哪几件？",
            "充电桩雨棚 | 30000\n楼道声控灯 | 12000\n儿童游乐设施 | 60000\n老年活动室空调 | 25000",
            "budget",
            "80000",
        )
        .await?;
    let a: &[(&str, &str)] = &[("approve", "0"), ("approve", "1"), ("approve", "3")];
    let b: &[(&str, &str)] = &[("approve", "2"), ("approve", "1")];
    let c: &[(&str, &str)] = &[("approve", "0"), ("approve", "3")];
    polls
        .cast(budget, &[a, a, a, b, b, c, c, a, b, c, a, b])
        .await?;
    // Consent, blocked once and answered after the close.
    let consent = polls
        .put(
            "在 5 号楼西侧划 6 个临时车位，是否同意？",
            "",
            "consent",
            "",
        )
        .await?;
    let concern: &[(&str, &str)] = &[
        ("stance", "concern"),
        ("reason", "晚上要有照明，不然老人看不清车位线。"),
    ];
    let aside: &[(&str, &str)] = &[("stance", "stand_aside")];
    polls
        .cast(
            consent,
            &[
                BLOCK, CONSENT, CONSENT, concern, CONSENT, aside, CONSENT, CONSENT,
            ],
        )
        .await
}

/// Answers the decided deliberation's blocks once its polls have closed,
/// so its decision can be recorded.
pub(super) async fn answer_blocks(
    d: &Deliberations<'_>,
    council: &Actor,
    deliberation: i64,
) -> Result<()> {
    let detail = d
        .detail(council, deliberation)
        .await
        .map_err(internal("detail"))?;
    for block in detail.polls.iter().flat_map(|p| &p.blocks) {
        d.answer_block(
            council,
            block.id,
            "车位改划在西侧靠北一段，转弯处留出 8 米消防通道，已请消防站现场确认。",
        )
        .await
        .map_err(internal("answer block"))?;
    }
    Ok(())
}

/// Open polls of every other method in the consultation under way,
/// closing at `closes_at`.
pub(super) async fn open_polls(
    d: &Deliberations<'_>,
    council: &Actor,
    deliberation: i64,
    voters: &[Actor],
    closes_at: i64,
) -> Result<()> {
    let polls = Polls {
        d,
        council,
        deliberation,
        voters,
        closes_at,
    };
    let consent = polls
        .put(
            "访客车辆限停 2 小时，超时按临时停车收费，是否同意？",
            "",
            "consent",
            "",
        )
        .await?;
    polls
        .cast(consent, &[CONSENT, CONSENT, BLOCK, CONSENT])
        .await?;
    let ranked = polls
        .put(
            "三种车位分配办法，您的排序是？",
            "每年摇号\n按购车先后\n按户轮换",
            "ranked",
            "",
        )
        .await?;
    let lottery: &[(&str, &str)] = &[("rank_0", "1"), ("rank_2", "2")];
    polls.cast(ranked, &[lottery, lottery]).await?;
    let score = polls
        .put(
            "给三家停车管理公司的方案打分",
            "甲公司：智能道闸\n乙公司：人工值守\n丙公司：道闸加夜间值守",
            "score",
            "3",
        )
        .await?;
    let scored: &[(&str, &str)] = &[("score_0", "4"), ("score_1", "2"), ("score_2", "5")];
    polls.cast(score, &[scored]).await?;
    let dots = polls
        .put(
            "停车场改造，您最看重哪几点？（每人 3 点）",
            "夜间照明\n监控全覆盖\n充电车位\n无障碍车位",
            "dots",
            "3",
        )
        .await?;
    let spread: &[(&str, &str)] = &[("dots_0", "2"), ("dots_3", "1")];
    polls.cast(dots, &[spread, spread]).await?;
    let meeting = polls
        .put(
            "下一次车位协商会什么时间开？",
            "周三 19:30\n周六 9:30\n周日 15:00",
            "meeting_time",
            "",
        )
        .await?;
    let times: &[(&str, &str)] = &[
        ("time_0", "yes"),
        ("time_1", "if_need_be"),
        ("time_2", "no"),
    ];
    polls.cast(meeting, &[times]).await
}
