//! Texts of the consultation's statements at scale: the statement put to
//! the reader next, the pages of statements, and how each statement
//! bridges the opinion groups. One catalogue per language.

use linli_model::Lang;

pub struct ConsultationText {
    pub next_heading: &'static str,
    pub next_hint: &'static str,
    pub next_left: fn(usize) -> String,
    pub next_done: &'static str,
    pub all_heading: fn(usize) -> String,
    pub pages_label: &'static str,
    pub page_of: fn(usize, usize) -> String,
    pub earlier: &'static str,
    pub later: &'static str,
    pub bridging_heading: &'static str,
    pub bridging_hint: &'static str,
    pub statement: &'static str,
    pub consensus: &'static str,
    pub bridging: &'static str,
    pub measures_agree: &'static str,
    pub divergent: &'static str,
    pub divergent_hint: &'static str,
    pub stability: fn(f32) -> String,
}

pub fn texts(lang: Lang) -> &'static ConsultationText {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

pub fn use_ct() -> &'static ConsultationText {
    texts(super::use_lang())
}

/// How stable, in plain words, by the adjusted Rand index.
fn steadiness(ari: f32, words: [&str; 3]) -> &str {
    if ari >= 0.8 {
        words[0]
    } else if ari >= 0.5 {
        words[1]
    } else {
        words[2]
    }
}

static ZH: ConsultationText = ConsultationText {
    next_heading: "请您表态",
    next_hint: "一次一条。先给得票最少的观点，让每一条都有足够多的人表态。",
    next_left: |n| format!("还有 {n} 条等您表态。"),
    next_done: "所有观点您都表过态了，谢谢！改主意可以在下面的列表里重新选。",
    all_heading: |n| format!("全部观点（{n} 条）"),
    pages_label: "观点分页",
    page_of: |p, n| format!("第 {p} 页，共 {n} 页"),
    earlier: "上一页",
    later: "下一页",
    bridging_heading: "哪些观点能让各组走到一起",
    bridging_hint: "两种算法各看一遍：“各组共识”看每个组里同意的比例（哪个组反对都会拉低它）；“跨组认同”用社区笔记的方法，去掉主要分歧之后还剩多少认同。两者观点不一的，标出来请大家留意。",
    statement: "观点",
    consensus: "各组共识",
    bridging: "跨组认同",
    measures_agree: "两种算法一致",
    divergent: "两种算法不一致",
    divergent_hint: "这一条一种算法认为是共识、另一种不认为，先别急着当作共识。",
    stability: |s| {
        format!(
            "分组稳定性 {s:.2}（{}）：把观点重新抽样五次再分组，结果和现在的分组有多像（1 为完全一样）。",
            steadiness(s, ["很稳定", "比较稳定", "还不稳定，请多投几票"])
        )
    },
};

static EN: ConsultationText = ConsultationText {
    next_heading: "Your turn",
    next_hint: "One at a time. The statements with the fewest votes come first, so every one of them is heard.",
    next_left: |n| format!("{n} more wait for your vote."),
    next_done: "You have voted on every statement, thank you. To change your mind, choose again in the list below.",
    all_heading: |n| format!("All statements ({n})"),
    pages_label: "Pages of statements",
    page_of: |p, n| format!("Page {p} of {n}"),
    earlier: "Previous page",
    later: "Next page",
    bridging_heading: "Which statements bring the groups together",
    bridging_hint: "Two measures, side by side. Group consensus looks at the share agreeing in every group (any group against pulls it down); bridging, the Community Notes method, is the agreement left once the main division is taken out. Where they disagree the statement is marked.",
    statement: "Statement",
    consensus: "Group consensus",
    bridging: "Bridging",
    measures_agree: "Both measures agree",
    divergent: "The measures disagree",
    divergent_hint: "One measure counts this as common ground and the other does not: do not take it as agreed yet.",
    stability: |s| {
        format!(
            "Stability of the groups {s:.2} ({}): how alike the groups come out when the statements are drawn again five times (1 is the same every time).",
            steadiness(
                s,
                [
                    "very stable",
                    "fairly stable",
                    "not stable yet, more votes needed"
                ]
            )
        )
    },
};
