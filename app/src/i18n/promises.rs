//! Texts of the promises pages, one catalogue per language.

use linli_model::{
    Lang,
    promise::{PromiseState, Subject},
};

pub struct PromiseText {
    pub nav: &'static str,
    pub title: fn(&str) -> String,
    pub lead: &'static str,
    pub state: fn(PromiseState) -> &'static str,
    pub subject: fn(Subject) -> &'static str,
    pub supporters: fn(u32, u32) -> String,
    pub reached: fn(&str) -> String,
    pub agenda_heading: &'static str,
    pub answer_heading: &'static str,
    pub due: fn(&str, i64) -> String,
    pub done: fn(&str) -> String,
    pub done_late: fn(&str) -> String,
    pub empty: &'static str,
    /// The list as a spreadsheet.
    pub download: &'static str,
    pub summary: fn(usize, usize, usize) -> String,
    pub note_label: &'static str,
    pub note_hint: &'static str,
    pub agenda_button: &'static str,
    pub answer_label: &'static str,
    pub answer_hint: &'static str,
    pub answer_button: &'static str,
    pub open_subject: &'static str,
    pub not_answered: &'static str,
    pub rates_link: &'static str,
    pub threshold_label: &'static str,
    /// The hint under the threshold, with the default it falls back to.
    pub threshold_hint: fn(u32) -> String,
}

pub fn texts(lang: Lang) -> &'static PromiseText {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

pub fn use_pm() -> &'static PromiseText {
    texts(super::use_lang())
}

static ZH: PromiseText = PromiseText {
    nav: "居民承诺",
    title: |place| format!("{place}·对居民的承诺"),
    lead: "一件事项或一个议题得到足够多居民支持后，居委会必须在14天内列入议程、30天内书面答复。两个期限、答复原文和是否兑现都在这里公开，由日期自动判断，谁也改不了。",
    state: |s| match s {
        PromiseState::Running => "进行中",
        PromiseState::Kept => "已兑现",
        PromiseState::Broken => "未兑现",
    },
    subject: |s| match s {
        Subject::Matter => "事项",
        Subject::Topic => "议题",
    },
    supporters: |n, t| format!("{n} 人支持（门槛 {t} 人）"),
    reached: |d| format!("{d} 达到门槛"),
    agenda_heading: "14天内列入议程",
    answer_heading: "30天内书面答复",
    due: |d, left| {
        if left >= 0 {
            format!("期限 {d}，还剩 {left} 天")
        } else {
            format!("期限 {d}，已超过 {} 天", -left)
        }
    },
    done: |d| format!("已于 {d} 做到"),
    done_late: |d| format!("{d} 才做到，已超期"),
    empty: "这里还没有达到门槛的事项或议题。",
    download: "下载这份清单（CSV 表格）",
    summary: |running, kept, broken| {
        format!("进行中 {running} 项 · 已兑现 {kept} 项 · 未兑现 {broken} 项")
    },
    note_label: "列入了哪次会议、第几项",
    note_hint: "例如：12月居民议事会第3项",
    agenda_button: "记录列入议程",
    answer_label: "给支持者的书面答复",
    answer_hint: "至少20字：打算怎么办、什么时候办，或者为什么不办。",
    answer_button: "公开答复",
    open_subject: "查看原文",
    not_answered: "还没有答复。",
    rates_link: "三率公开",
    threshold_label: "多少人支持后，居委会必须回应",
    threshold_hint: |n| {
        format!(
            "留空则按本社区户数的5%计算，最多50人：现在是 {n} 人。达到后14天内列入议程，30天内书面答复。"
        )
    },
};

static EN: PromiseText = PromiseText {
    nav: "Promises",
    title: |place| format!("{place} · promises to residents"),
    lead: "Once enough residents support a matter or a topic, the council must put it on its agenda within 14 days and answer in writing within 30. Both deadlines, the answer itself and whether the promise was kept are public here, read from the dates so nobody can change them.",
    state: |s| match s {
        PromiseState::Running => "Running",
        PromiseState::Kept => "Kept",
        PromiseState::Broken => "Broken",
    },
    subject: |s| match s {
        Subject::Matter => "Matter",
        Subject::Topic => "Topic",
    },
    supporters: |n, t| format!("{n} supporters (threshold {t})"),
    reached: |d| format!("Threshold reached {d}"),
    agenda_heading: "On the agenda within 14 days",
    answer_heading: "Answered in writing within 30 days",
    due: |d, left| {
        if left >= 0 {
            format!("Due {d}, {left} day(s) left")
        } else {
            format!("Due {d}, {} day(s) overdue", -left)
        }
    },
    done: |d| format!("Done {d}"),
    done_late: |d| format!("Done {d}, late"),
    empty: "No matter or topic here has reached its threshold yet.",
    download: "Download this list (CSV spreadsheet)",
    summary: |running, kept, broken| format!("{running} running · {kept} kept · {broken} broken"),
    note_label: "Which meeting, which item",
    note_hint: "For example: December council meeting, item 3",
    agenda_button: "Record it on the agenda",
    answer_label: "Written answer to the supporters",
    answer_hint: "At least 20 characters: what will be done and when, or why not.",
    answer_button: "Publish the answer",
    open_subject: "Read it",
    not_answered: "Not answered yet.",
    rates_link: "The three rates",
    threshold_label: "Supporters that oblige the council to respond",
    threshold_hint: |n| {
        format!(
            "Leave empty for 5 % of the community's households, at most 50: {n} now. Once reached: on the agenda within 14 days, a written answer within 30."
        )
    },
};
