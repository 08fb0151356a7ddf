//! Texts of the governance standards board, one catalogue per language.

use linli_model::{Lang, standards::FlagKind};

pub struct StandardsText {
    pub nav: &'static str,
    pub title: fn(&str) -> String,
    pub lead: &'static str,
    pub checked: fn(u32, u32, u32) -> String,
    pub quota: fn(u32) -> String,
    pub all_clear: &'static str,
    pub heading: fn(FlagKind) -> &'static str,
    /// What the standard is, under each heading.
    pub rule: fn(FlagKind) -> String,
    /// The measured value beside each flag.
    pub measured: fn(FlagKind, Option<i64>, i64) -> String,
    pub none: &'static str,
    pub more: fn(u32) -> String,
    pub fix: &'static str,
    pub name_column: &'static str,
    pub community_column: &'static str,
    pub measured_column: &'static str,
    pub action_column: &'static str,
    pub download: &'static str,
    pub up: &'static str,
}

pub fn texts(lang: Lang) -> &'static StandardsText {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

pub fn use_st() -> &'static StandardsText {
    texts(super::use_lang())
}

static ZH: StandardsText = StandardsText {
    nav: "治理标准",
    title: |place| format!("{place}·治理标准对照"),
    lead: "对照社区规模、网格划分、人员配备和清单更新的标准，列出每一个不达标的地方，点进去就能处理。",
    checked: |c, g, m| format!("共核对{c}个社区、{g}个网格、{m}个微网格。"),
    quota: |n| format!("社区工作者配备标准：每万名居民{n}人。"),
    all_clear: "全部达标。",
    heading: |k| match k {
        FlagKind::SplitDue => "应当拆分的社区",
        FlagKind::SplitAdvised => "建议拆分的社区",
        FlagKind::MergeAdvised => "建议合并的社区",
        FlagKind::GridWithoutWorker => "没有网格员的网格",
        FlagKind::StaffBelowQuota => "社区工作者不足",
        FlagKind::ListOutOfDate => "责任清单过期",
        FlagKind::GridSize => "户数不合标准的网格",
        FlagKind::MicroGridSize => "户数不合标准的微网格",
        FlagKind::ResultLate => "逾期未完成的成果",
    },
    rule: |k| match k {
        FlagKind::SplitDue => "超过6000户的社区应当拆分。".to_owned(),
        FlagKind::SplitAdvised => "社区以1000至4000户为宜，超过4000户建议拆分。".to_owned(),
        FlagKind::MergeAdvised => "不足1000户的社区建议合并。".to_owned(),
        FlagKind::GridWithoutWorker => {
            "每个网格至少配一名网格员（责任清单登记或有网格员账号）。".to_owned()
        }
        FlagKind::StaffBelowQuota => {
            "按常住人口配备社区工作者（责任清单上的网格长、网格员和事项负责人）。".to_owned()
        }
        FlagKind::ListOutOfDate => "责任清单一年内至少更新一次。".to_owned(),
        FlagKind::GridSize => {
            "居民网格以300至500户为宜（楼宇、市场、工地等专属网格不算）。".to_owned()
        }
        FlagKind::MicroGridSize => "微网格以50至80户为宜。".to_owned(),
        FlagKind::ResultLate => {
            "议事决定和中标项目要按计划日期落实；过了日期还没完成的都列在这里。".to_owned()
        }
    },
    measured: |k, measured, expected| match (k, measured) {
        (FlagKind::GridWithoutWorker, _) => "没有网格员".to_owned(),
        (FlagKind::StaffBelowQuota, Some(n)) => format!("{n}人，应有{expected}人"),
        (FlagKind::ListOutOfDate, Some(days)) => format!("{days}天未更新"),
        (FlagKind::ListOutOfDate, None) => "还没有责任清单".to_owned(),
        (FlagKind::ResultLate, Some(days)) => format!("逾期{days}天"),
        (_, Some(n)) => format!("{n}户"),
        (_, None) => "—".to_owned(),
    },
    none: "没有。",
    more: |n| format!("还有{n}处，见下载的表格。"),
    fix: "去处理",
    name_column: "名称",
    community_column: "所属社区",
    measured_column: "情况",
    action_column: "处理",
    download: "下载全部（CSV 表格）",
    up: "上一级",
};

static EN: StandardsText = StandardsText {
    nav: "Standards",
    title: |place| format!("{place}: governance standards"),
    lead: "Community size, grids, staffing and up-to-date lists against the standards: every place that falls short, each with a link to fix it.",
    checked: |c, g, m| format!("{c} communities, {g} grids and {m} micro-grids checked."),
    quota: |n| format!("Community workers due: {n} per 10,000 residents."),
    all_clear: "Everything meets the standards.",
    heading: |k| match k {
        FlagKind::SplitDue => "Communities that must split",
        FlagKind::SplitAdvised => "Communities advised to split",
        FlagKind::MergeAdvised => "Communities advised to merge",
        FlagKind::GridWithoutWorker => "Grids without a grid worker",
        FlagKind::StaffBelowQuota => "Communities short of workers",
        FlagKind::ListOutOfDate => "Responsibility lists out of date",
        FlagKind::GridSize => "Grids outside 300–500 households",
        FlagKind::MicroGridSize => "Micro-grids outside 50–80 households",
        FlagKind::ResultLate => "Results late",
    },
    rule: |k| {
        match k {
        FlagKind::SplitDue => "A community of more than 6,000 households must split.".to_owned(),
        FlagKind::SplitAdvised => "A community should have 1,000–4,000 households; above 4,000 a split is advised.".to_owned(),
        FlagKind::MergeAdvised => "A community of fewer than 1,000 households is advised to merge.".to_owned(),
        FlagKind::GridWithoutWorker => "Every grid has at least one grid worker (on the responsibility list or with a grid worker's account).".to_owned(),
        FlagKind::StaffBelowQuota => "Community workers (grid leaders, grid workers and item leads on the list) in proportion to residents.".to_owned(),
        FlagKind::ListOutOfDate => "A responsibility list changes at least once a year.".to_owned(),
        FlagKind::GridSize => "A residential grid should have 300–500 households (office towers, markets and building sites aside).".to_owned(),
        FlagKind::MicroGridSize => "A micro-grid should have 50–80 households.".to_owned(),
        FlagKind::ResultLate => "Decisions and awarded projects are carried out by their planned date; every one unfinished past it is listed here.".to_owned(),
    }
    },
    measured: |k, measured, expected| match (k, measured) {
        (FlagKind::GridWithoutWorker, _) => "No grid worker".to_owned(),
        (FlagKind::StaffBelowQuota, Some(n)) => format!("{n} of {expected} due"),
        (FlagKind::ListOutOfDate, Some(days)) => format!("Unchanged for {days} days"),
        (FlagKind::ListOutOfDate, None) => "No list yet".to_owned(),
        (FlagKind::ResultLate, Some(days)) => format!("{days} days late"),
        (_, Some(n)) => format!("{n} households"),
        (_, None) => "—".to_owned(),
    },
    none: "None.",
    more: |n| format!("{n} more in the download."),
    fix: "Fix",
    name_column: "Name",
    community_column: "Community",
    measured_column: "Finding",
    action_column: "Action",
    download: "Download all (CSV)",
    up: "One level up",
};
