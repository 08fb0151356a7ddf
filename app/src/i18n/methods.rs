//! Texts of the decision methods: how each is explained before voting,
//! its ballot, and its count. One catalogue per language.

use linli_model::{
    Lang,
    deliberation::{Availability, MajorityRule, Method, MethodKind, Stance},
};

pub struct MethodText {
    pub method_label: &'static str,
    pub method_hint: &'static str,
    pub name: fn(MethodKind) -> &'static str,
    /// The rule the poll states in advance, in a sentence.
    pub rule: fn(&Method, u32, &str) -> String,
    pub threshold_label: &'static str,
    pub threshold_hint: &'static str,
    pub options_hint: &'static str,
    pub stance: fn(Stance) -> &'static str,
    pub stance_hint: fn(Stance) -> &'static str,
    pub reason_label: &'static str,
    pub reason_hint: &'static str,
    pub rank_label: &'static str,
    pub rank_hint: fn(usize) -> String,
    pub rank_none: &'static str,
    pub score_hint: &'static str,
    pub dots_hint: fn(u8) -> String,
    pub budget_hint: fn(&str) -> String,
    pub cost: fn(&str) -> String,
    pub availability: fn(Availability) -> &'static str,
    pub times_hint: &'static str,
    pub your_ballot: &'static str,
    pub round: fn(usize) -> String,
    pub exhausted: &'static str,
    pub dropped: &'static str,
    pub option: &'static str,
    pub total: &'static str,
    pub average: &'static str,
    pub approvals: &'static str,
    pub funded: &'static str,
    pub spent: fn(&str, &str) -> String,
    pub yes: &'static str,
    pub if_need_be: &'static str,
    pub outcome_tie: fn(&str) -> String,
    pub outcome_consented: &'static str,
    pub outcome_blocked: fn(u32) -> String,
    pub outcome_funded: fn(&str) -> String,
    pub blocks_heading: &'static str,
    pub block_reason: &'static str,
    pub block_answer: &'static str,
    pub block_unanswered: &'static str,
    pub answer_block: &'static str,
    pub answer_label: &'static str,
    pub count_caption: &'static str,
}

pub fn texts(lang: Lang) -> &'static MethodText {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

pub fn use_mt() -> &'static MethodText {
    texts(super::use_lang())
}

static ZH: MethodText = MethodText {
    method_label: "表决方式",
    method_hint: "不同的事适合不同的方式：只有一个方案时用“同意制”，几个方案比高低用“排序投票”或“打分”，分钱用“预算投票”，约时间用“约时间”。",
    name: |k| match k {
        MethodKind::Choice => "单选（过半数或三分之二）",
        MethodKind::Consent => "同意制（无人阻止即通过）",
        MethodKind::Ranked => "排序投票（逐轮淘汰）",
        MethodKind::Score => "打分（0–5 分）",
        MethodKind::Dots => "贴点投票（每人若干点）",
        MethodKind::Budget => "预算投票（在预算内选项目）",
        MethodKind::MeetingTime => "约时间",
    },
    rule: |m, quorum, budget| {
        let q = format!("至少 {quorum} 人投票才有效；");
        let majority = |r: MajorityRule| match r {
            MajorityRule::Simple => "超过半数",
            MajorityRule::TwoThirds => "三分之二以上",
        };
        match m {
            Method::Choice { rule } => format!("{q}得票{}的选项通过。", majority(*rule)),
            Method::Consent => {
                format!("{q}没有人阻止就通过；每一个阻止都要写明理由，议事会必须书面答复。")
            }
            Method::Ranked { rule } => format!(
                "{q}按喜好排序；每轮淘汰得票最少的选项，把它的票转给下一志愿，直到有选项得到仍有效选票的{}。",
                majority(*rule)
            ),
            Method::Score { min_average } => format!(
                "{q}每个选项打 0–5 分，总分最高的选项胜出，但平均分须达到 {min_average} 分。"
            ),
            Method::Dots { dots } => {
                format!("{q}每人 {dots} 个点，可以分散也可以集中，点数最多的选项胜出。")
            }
            Method::Budget { .. } => format!(
                "{q}在 {budget} 的预算内勾选想做的项目；按赞成人数从多到少入选，直到预算用完。"
            ),
            Method::MeetingTime => {
                format!("{q}能来的人最多的时间胜出；人数相同时选“勉强可以”较少的，再相同选较早的。")
            }
        }
    },
    threshold_label: "方式的数值",
    threshold_hint: "打分：最低平均分（0–5，可不填）；贴点：每人几个点（1–20）；预算：总预算（元）。其他方式不用填。",
    options_hint: "每行一个，2 到 10 个。预算投票写成“项目名称 | 费用（元）”；同意制不用填选项，表决事项就是方案。",
    stance: |s| match s {
        Stance::Consent => "同意",
        Stance::Concern => "同意，但有顾虑",
        Stance::StandAside => "弃权（不反对）",
        Stance::Block => "阻止",
    },
    stance_hint: |s| match s {
        Stance::Consent => "可以这样做。",
        Stance::Concern => "可以这样做，但请议事会注意我写下的顾虑。",
        Stance::StandAside => "我不参与这个决定，也不反对。",
        Stance::Block => "这样做会造成严重问题，我不能接受。必须写明理由。",
    },
    reason_label: "理由",
    reason_hint: "选“有顾虑”或“阻止”时必填，至少 10 个字。",
    rank_label: "名次",
    rank_hint: |n| format!("给想要的选项排名次：1 是最想要的，最多排到 {n}；不想要的留空。"),
    rank_none: "不排",
    score_hint: "每个选项打 0–5 分：0 最不赞成，5 最赞成。",
    dots_hint: |d| format!("您共有 {d} 个点，可以分给几个选项，也可以全给一个。"),
    budget_hint: |b| format!("勾选您想做的项目，合计不能超过预算 {b}。"),
    cost: |c| format!("费用 {c}"),
    availability: |a| match a {
        Availability::Yes => "可以",
        Availability::IfNeedBe => "勉强可以",
        Availability::No => "不行",
    },
    times_hint: "每个时间都请选一项。",
    your_ballot: "您已投票，截止前可以修改。",
    round: |n| format!("第 {n} 轮"),
    exhausted: "已无有效志愿",
    dropped: "已淘汰",
    option: "选项",
    total: "总分",
    average: "平均分",
    approvals: "赞成人数",
    funded: "入选",
    spent: |s, b| format!("入选项目共 {s}，预算 {b}。"),
    yes: "可以",
    if_need_be: "勉强可以",
    outcome_tie: |o| format!("结果：{o} 并列，由议事会决定下一步"),
    outcome_consented: "结果：无人阻止，同意通过",
    outcome_blocked: |n| format!("结果：有 {n} 人阻止，未通过"),
    outcome_funded: |o| format!("结果：入选{o}"),
    blocks_heading: "阻止意见和答复",
    block_reason: "阻止理由",
    block_answer: "议事会答复",
    block_unanswered: "尚未答复",
    answer_block: "答复",
    answer_label: "书面答复",
    count_caption: "计票",
};

static EN: MethodText = MethodText {
    method_label: "Method",
    method_hint: "Each kind of question has its method: consent for one proposal, ranked choice or scores to compare several, a budget vote to share money, a meeting-time poll to find a date.",
    name: |k| match k {
        MethodKind::Choice => "One choice (majority or two thirds)",
        MethodKind::Consent => "Consent (passes unless blocked)",
        MethodKind::Ranked => "Ranked choice (instant runoff)",
        MethodKind::Score => "Score (0–5)",
        MethodKind::Dots => "Dot voting",
        MethodKind::Budget => "Budget vote (choose within a budget)",
        MethodKind::MeetingTime => "Meeting time",
    },
    rule: |m, quorum, budget| {
        let q = format!("Valid with at least {quorum} voters; ");
        let majority = |r: MajorityRule| match r {
            MajorityRule::Simple => "more than half",
            MajorityRule::TwoThirds => "two thirds or more",
        };
        match m {
            Method::Choice { rule } => format!(
                "{q}the option with {} of the votes carries.",
                majority(*rule)
            ),
            Method::Consent => format!(
                "{q}it passes unless someone blocks; every block needs a written reason, and the council must answer it in writing."
            ),
            Method::Ranked { rule } => format!(
                "{q}rank the options; each round the last is dropped and its ballots go to their next choice, until one holds {} of the ballots still counting.",
                majority(*rule)
            ),
            Method::Score { min_average } => format!(
                "{q}score every option 0–5; the highest total wins if its average reaches {min_average}."
            ),
            Method::Dots { dots } => {
                format!("{q}everyone has {dots} dots to spread or stack; the most dots wins.")
            }
            Method::Budget { .. } => format!(
                "{q}tick the projects you want within the budget of {budget}; projects are funded by approvals, most first, while the money lasts."
            ),
            Method::MeetingTime => format!(
                "{q}the time most people can make wins; of equals, the one fewer can make only if need be, then the earlier."
            ),
        }
    },
    threshold_label: "The method's number",
    threshold_hint: "Score: the minimum average (0–5, may be empty); dots: dots per person (1–20); budget: the total in yuan. Others need none.",
    options_hint: "One per line, 2 to 10. For a budget vote write “project | cost in yuan”; consent needs no options: the question is the proposal.",
    stance: |s| match s {
        Stance::Consent => "Consent",
        Stance::Concern => "Consent, with a concern",
        Stance::StandAside => "Stand aside",
        Stance::Block => "Block",
    },
    stance_hint: |s| match s {
        Stance::Consent => "We can do this.",
        Stance::Concern => "We can do this, and the council should note my concern.",
        Stance::StandAside => "I step back from this decision and do not object.",
        Stance::Block => {
            "This would cause serious harm and I cannot accept it. A reason is required."
        }
    },
    reason_label: "Reason",
    reason_hint: "Required for a concern or a block, at least 10 characters.",
    rank_label: "Rank",
    rank_hint: |n| {
        format!(
            "Rank the options you want: 1 is your first choice, up to {n}; leave the rest empty."
        )
    },
    rank_none: "Not ranked",
    score_hint: "Score every option 0–5: 0 least in favour, 5 most.",
    dots_hint: |d| {
        format!("You have {d} dots: spread them over several options or put them all on one.")
    },
    budget_hint: |b| format!("Tick the projects you want; together they may cost at most {b}."),
    cost: |c| format!("Cost {c}"),
    availability: |a| match a {
        Availability::Yes => "Yes",
        Availability::IfNeedBe => "If need be",
        Availability::No => "No",
    },
    times_hint: "Please answer for every time.",
    your_ballot: "You have voted; you can change it until the poll closes.",
    round: |n| format!("Round {n}"),
    exhausted: "No choice left",
    dropped: "Dropped",
    option: "Option",
    total: "Total",
    average: "Average",
    approvals: "Approvals",
    funded: "Funded",
    spent: |s, b| format!("The funded projects cost {s} of the {b} budget."),
    yes: "Yes",
    if_need_be: "If need be",
    outcome_tie: |o| format!("Result: {o} tie; the council decides what happens next"),
    outcome_consented: "Result: no block, consent given",
    outcome_blocked: |n| format!("Result: blocked by {n}, not passed"),
    outcome_funded: |o| format!("Result: funded {o}"),
    blocks_heading: "Blocks and answers",
    block_reason: "Reason for the block",
    block_answer: "The council's answer",
    block_unanswered: "Not answered yet",
    answer_block: "Answer",
    answer_label: "Written answer",
    count_caption: "The count",
};
