//! Texts of the accountability page, one catalogue per language.

use linli_model::{Lang, accountability::Month, accountability::Rate};

pub struct AccountabilityText {
    pub nav: &'static str,
    pub title: fn(&str, Month) -> String,
    pub lead: &'static str,
    pub running: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub month_label: &'static str,
    pub show: &'static str,
    pub month: fn(Month) -> String,
    pub rate: fn(Rate) -> &'static str,
    /// What a rate counts, under its figure: `part of whole`.
    pub of: fn(Rate, i64, i64) -> String,
    pub too_few: &'static str,
    /// The change from the month before, in percentage points.
    pub change: fn(f64) -> String,
    pub no_change: &'static str,
    pub more_heading: &'static str,
    pub reported: &'static str,
    pub overdue_share: &'static str,
    pub escalations: &'static str,
    pub settled_share: &'static str,
    pub median_days: &'static str,
    pub days: fn(i64) -> String,
    pub trend_heading: &'static str,
    pub trend_caption: &'static str,
    pub month_column: &'static str,
    pub below_heading: fn(usize) -> &'static str,
    pub rank_by: &'static str,
    pub best: &'static str,
    pub worst: &'static str,
    pub place_column: &'static str,
    pub rank_column: &'static str,
    pub no_places: &'static str,
    pub definitions_heading: &'static str,
    pub definitions: [(&'static str, &'static str); 8],
    pub kept_promises: &'static str,
    pub promises_link: &'static str,
    pub download_heading: &'static str,
    pub download_json: &'static str,
    pub download_csv: &'static str,
    pub up: &'static str,
    /// The settings form's response window.
    pub response_days: &'static str,
}

pub fn texts(lang: Lang) -> &'static AccountabilityText {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

pub fn use_at() -> &'static AccountabilityText {
    texts(super::use_lang())
}

static ZH: AccountabilityText = AccountabilityText {
    nav: "三率公开",
    title: |place, month| format!("{place}·{}年{}月 三率", month.year(), month.month()),
    lead: "每月公开响应率、解决率和满意率：按事项反映的月份统计，人人可查，逐级排名。",
    running: "本月还没过完，数字会随着事项办结而变化。",
    previous: "上个月",
    next: "下个月",
    month_label: "月份",
    show: "查看",
    month: |m| format!("{}年{}月", m.year(), m.month()),
    rate: |r| match r {
        Rate::Response => "响应率",
        Rate::Resolution => "解决率",
        Rate::Satisfaction => "满意率",
    },
    of: |r, part, whole| match r {
        Rate::Response => format!("{whole}件中{part}件按时响应"),
        Rate::Resolution => format!("{whole}件中{part}件按期解决"),
        Rate::Satisfaction => format!("{whole}个评价中{part}个满意"),
    },
    too_few: "不足5件，不公布",
    change: |points| {
        if points > 0.0 {
            format!("比上月高{points:.1}个百分点")
        } else {
            format!("比上月低{:.1}个百分点", -points)
        }
    },
    no_change: "与上月持平",
    more_heading: "其他指标",
    reported: "反映事项",
    overdue_share: "超期比例",
    escalations: "升级次数",
    settled_share: "社区内办结",
    median_days: "办结天数（中位数）",
    kept_promises: "承诺兑现率",
    promises_link: "查看每一项承诺",
    days: |d| format!("{d}天"),
    trend_heading: "近12个月走势",
    trend_caption: "近12个月三率（%）",
    month_column: "月份",
    below_heading: |len| match len {
        6 => "各区排名",
        9 => "各街道排名",
        17 => "各社区排名",
        _ => "各网格排名",
    },
    rank_by: "排名依据",
    best: "最好",
    worst: "最需改进",
    place_column: "地方",
    rank_column: "名次",
    no_places: "下一级没有地方。",
    definitions_heading: "指标怎么算",
    definitions: [
        (
            "响应率",
            "当月反映的事项中，在社区规定的响应时限（默认1个工作日）内得到答复的比例。答复包括立案、说明理由不予受理、合并和转办。",
        ),
        (
            "解决率",
            "当月反映、已立案的事项中，在办理时限内解决并办结、从未超期的比例。分母只算已办结或已超期的事项，仍在时限内办理的不计入。",
        ),
        (
            "满意率",
            "当月反映的事项中，居民打了4星或5星的比例（分母为打了分的事项）。",
        ),
        (
            "超期比例",
            "已立案事项中至少超过一次办理时限、被升级到上一级的比例。",
        ),
        (
            "社区内办结",
            "办结的事项中，始终在社区层面解决、没有升级到街道或区的比例。",
        ),
        (
            "办结天数",
            "从反映到办结的天数的中位数，超过90天的按90天计。",
        ),
        (
            "承诺兑现率",
            "获得足够多居民支持（默认为本社区户数的5%，最多50人）的事项和议题，居委会必须在14天内列入议程、30天内书面答复。按答复到期的月份计算，两件都按时做到的算兑现。",
        ),
        (
            "保护个人信息",
            "任何比例背后不足5件（人）时不公布，以免指认到具体居民。工作日按本区工作日历计算，节假日不算。",
        ),
    ],
    download_heading: "下载数据",
    download_json: "JSON 格式",
    download_csv: "CSV 表格",
    up: "上一级",
    response_days: "答复居民的时限",
};

static EN: AccountabilityText = AccountabilityText {
    nav: "Accountability",
    title: |place, month| format!("{place}: the three rates, {}", (EN.month)(month)),
    lead: "Every month the response, resolution and satisfaction rates are public, counted by the month matters were reported and ranked level by level.",
    running: "This month is not over yet: its figures change as its matters close.",
    previous: "Previous month",
    next: "Next month",
    month_label: "Month",
    show: "Show",
    month: |m| {
        let name = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ][usize::from(m.month().saturating_sub(1)) % 12];
        format!("{name} {}", m.year())
    },
    rate: |r| match r {
        Rate::Response => "Response rate",
        Rate::Resolution => "Resolution rate",
        Rate::Satisfaction => "Satisfaction rate",
    },
    of: |r, part, whole| match r {
        Rate::Response => format!("{part} of {whole} answered in time"),
        Rate::Resolution => format!("{part} of {whole} resolved by the deadline"),
        Rate::Satisfaction => format!("{part} of {whole} ratings satisfied"),
    },
    too_few: "Fewer than 5: not published",
    change: |points| {
        if points > 0.0 {
            format!("{points:.1} points up on the month before")
        } else {
            format!("{:.1} points down on the month before", -points)
        }
    },
    no_change: "Same as the month before",
    more_heading: "Other figures",
    reported: "Matters reported",
    overdue_share: "Overdue",
    escalations: "Escalations",
    settled_share: "Settled in the community",
    median_days: "Days to close (median)",
    kept_promises: "Kept promises",
    promises_link: "See every promise",
    days: |d| {
        if d == 1 {
            "1 day".to_owned()
        } else {
            format!("{d} days")
        }
    },
    trend_heading: "The last 12 months",
    trend_caption: "The three rates over the last 12 months (%)",
    month_column: "Month",
    below_heading: |len| match len {
        6 => "Districts ranked",
        9 => "Streets ranked",
        17 => "Communities ranked",
        _ => "Grids ranked",
    },
    rank_by: "Rank by",
    best: "Best",
    worst: "Most to improve",
    place_column: "Place",
    rank_column: "Rank",
    no_places: "There are no places one level down.",
    definitions_heading: "How the figures are counted",
    definitions: [
        (
            "Response rate",
            "Of the matters reported in the month, the share answered within the community's response window (1 working day unless it set another). An answer is registering it, refusing it with a reason, merging it or referring it.",
        ),
        (
            "Resolution rate",
            "Of the registered matters reported in the month, the share resolved and closed by the deadline without ever going overdue. Only matters that are closed or overdue count; those still within their deadline do not yet.",
        ),
        (
            "Satisfaction rate",
            "Of the matters reported in the month that residents rated, the share rated 4 or 5 stars.",
        ),
        (
            "Overdue",
            "Of the registered matters, the share that missed a deadline at least once and went one level up.",
        ),
        (
            "Settled in the community",
            "Of the closed matters, the share settled in the community without going up to the street or district.",
        ),
        (
            "Days to close",
            "The median number of days from report to close; anything over 90 days counts as 90.",
        ),
        (
            "Kept promises",
            "A matter or topic with enough supporters (5 % of the community's households unless it set another, at most 50) must be on the council's agenda within 14 days and answered in writing within 30. Counted in the month the answer falls due; kept when both came in time.",
        ),
        (
            "Privacy",
            "No share is published with fewer than 5 matters (people) behind it, so that no resident can be singled out. Working days follow the district's working-day calendar: holidays do not count.",
        ),
    ],
    download_heading: "Download the data",
    download_json: "JSON",
    download_csv: "CSV spreadsheet",
    up: "One level up",
    response_days: "Time to answer a report",
};
