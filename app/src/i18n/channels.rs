//! Texts of acting for residents, paper tally sheets and figures by
//! channel, one catalogue per language.

use linli_model::{Lang, channel::Channel};

pub struct ChannelText {
    /// A channel in a word or two, for tables and the banner.
    pub short: fn(Channel) -> &'static str,
    pub banner: fn(&str, Channel) -> String,
    pub stop_button: &'static str,
    pub page_title: &'static str,
    pub lead: &'static str,
    pub resident_label: &'static str,
    pub resident_hint: &'static str,
    pub channel_legend: &'static str,
    pub start_button: &'static str,
    pub now_heading: &'static str,
    pub now_lead: fn(&str) -> String,
    pub do_report: &'static str,
    pub do_support: &'static str,
    pub do_deliberate: &'static str,
    pub notice_started: &'static str,
    pub notice_stopped: &'static str,
    pub staff_only: &'static str,
    pub staff_link: &'static str,
    pub tally_heading: &'static str,
    pub tally_lead: &'static str,
    pub count_label: fn(&str) -> String,
    pub spoiled_label: &'static str,
    pub enter_button: &'static str,
    pub sheet_line: fn(i64, u32, u32) -> String,
    pub entered_by: fn(&str, &str) -> String,
    pub confirmed_by: fn(&str, &str) -> String,
    pub waiting: &'static str,
    pub confirm_button: &'static str,
    pub counts_withheld: &'static str,
    pub turnout_caption: &'static str,
    pub by_channel_heading: &'static str,
    pub col_channel: &'static str,
    pub col_total: &'static str,
    pub matters_heading: &'static str,
    pub matters_lead: &'static str,
    pub col_matters: &'static str,
    pub rates_heading: &'static str,
    pub rates_lead: &'static str,
    pub col_done: &'static str,
    pub col_rating: &'static str,
    pub entered_for: fn(Channel) -> &'static str,
}

pub fn texts(lang: Lang) -> &'static ChannelText {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

pub fn use_ct() -> &'static ChannelText {
    texts(super::use_lang())
}

static ZH: ChannelText = ChannelText {
    short: |c| match c {
        Channel::Online => "网上",
        Channel::InPerson => "窗口代办",
        Channel::Phone => "电话代办",
        Channel::Paper => "纸质选票",
    },
    banner: |name, c| {
        format!(
            "您正在为「{name}」代办（{}）。现在提交的内容都以居民的名义记录，并注明由您代办。",
            (ZH.short)(c)
        )
    },
    stop_button: "结束代办",
    page_title: "为居民代办",
    lead: "居民来到窗口或打来电话时，您可以替他们反映事项、点“我也遇到”、提议议题或投票。记录会写明是居民本人的意见、由您代办、通过什么渠道，并马上通知居民。代办期间您只能做居民自己能做的事。",
    resident_label: "居民的手机号或邮箱",
    resident_hint: "居民注册时用的手机号或邮箱。只能为您负责的社区里已通过认证的居民代办。",
    channel_legend: "居民是怎么找到您的？",
    start_button: "开始代办",
    now_heading: "现在可以为居民做的事",
    now_lead: |name| {
        format!(
            "以下页面都会以「{name}」的身份打开。办完后请点页面顶部的“结束代办”，居民会收到一条办理清单。"
        )
    },
    do_report: "反映一件事",
    do_support: "找到已有的事，点“我也遇到”",
    do_deliberate: "议事：提议议题、支持议题或投票",
    notice_started: "已开始代办。",
    notice_stopped: "代办已结束，已把办理清单发给居民。",
    staff_only: "只有社区工作人员和网格员可以为居民代办。",
    staff_link: "为居民代办（窗口、电话）",
    tally_heading: "纸质选票计票单",
    tally_lead: "投票点清点纸质选票后，由一位工作人员录入计票单，另一位工作人员核对确认后才计入结果。废票单独记录，不计入任何选项。",
    count_label: |option| format!("「{option}」的票数"),
    spoiled_label: "废票",
    enter_button: "录入计票单",
    sheet_line: |id, valid, spoiled| {
        format!("第 {id} 号计票单：有效票 {valid} 张，废票 {spoiled} 张")
    },
    entered_by: |name, at| format!("{name} 于 {at} 录入"),
    confirmed_by: |name, at| format!("{name} 于 {at} 核对确认，已计入结果"),
    waiting: "等待另一位工作人员核对，核对前不计入结果",
    confirm_button: "核对无误，确认",
    counts_withheld: "各选项票数在表决截止后公开。",
    turnout_caption: "各渠道投票人数",
    by_channel_heading: "按渠道看结果",
    col_channel: "渠道",
    col_total: "合计",
    matters_heading: "事项从哪里来",
    matters_lead: "窗口和电话代办的事项，和网上反映的一样计入上面所有数字。",
    col_matters: "事项",
    rates_heading: "按来件渠道看三个比例",
    rates_lead: "同样的三个比例，按居民自己在网上反映、到窗口由工作人员代办、打电话由工作人员代办分开计算，看看哪种方式的事项办得慢、办得不满意。不足 5 件的不显示比例，以免认出是谁。",
    col_done: "已办结",
    col_rating: "平均评价",
    entered_for: |c| match c {
        Channel::InPerson => "由工作人员在窗口代为提交",
        Channel::Phone => "由工作人员根据电话代为提交",
        Channel::Online | Channel::Paper => "",
    },
};

static EN: ChannelText = ChannelText {
    short: |c| match c {
        Channel::Online => "Online",
        Channel::InPerson => "In person",
        Channel::Phone => "By phone",
        Channel::Paper => "Paper",
    },
    banner: |name, c| {
        format!(
            "You are acting for {name} ({}). What you send now is recorded in their name and marked as entered by you.",
            (EN.short)(c).to_lowercase()
        )
    },
    stop_button: "Stop acting for them",
    page_title: "Act for a resident",
    lead: "When a resident comes to the counter or phones, you can report a matter, add their \"me too\", propose or support a topic, or cast their ballot for them. The record says it is the resident's view, entered by you, and how they reached you, and the resident hears of it at once. While acting for them you can do only what they could do themselves.",
    resident_label: "The resident's mobile number or email",
    resident_hint: "The number or email they signed up with. Only verified residents of communities you serve.",
    channel_legend: "How did the resident reach you?",
    start_button: "Start",
    now_heading: "What you can do for them now",
    now_lead: |name| {
        format!(
            "These pages open as {name}. When you are done, press \"Stop acting for them\" at the top; they get a list of what was done."
        )
    },
    do_report: "Report a matter",
    do_support: "Find a matter and add \"me too\"",
    do_deliberate: "Deliberations: propose or support a topic, or vote",
    notice_started: "You are acting for the resident now.",
    notice_stopped: "Done. The resident has been sent a list of what was entered for them.",
    staff_only: "Only community staff and grid workers can act for residents.",
    staff_link: "Act for a resident (counter, phone)",
    tally_heading: "Paper ballot tally sheets",
    tally_lead: "After paper ballots are counted at the polling station, one staff member enters the tally sheet and another checks and confirms it; only then does it count. Spoiled ballots are recorded apart and count for no option.",
    count_label: |option| format!("Votes for \"{option}\""),
    spoiled_label: "Spoiled ballots",
    enter_button: "Enter tally sheet",
    sheet_line: |id, valid, spoiled| format!("Tally sheet {id}: {valid} valid, {spoiled} spoiled"),
    entered_by: |name, at| format!("entered by {name} at {at}"),
    confirmed_by: |name, at| format!("confirmed by {name} at {at}; counted"),
    waiting: "waiting for a second staff member to confirm; not counted yet",
    confirm_button: "Checked: confirm",
    counts_withheld: "Votes per option are shown once the poll closes.",
    turnout_caption: "Ballots by channel",
    by_channel_heading: "Results by channel",
    col_channel: "Channel",
    col_total: "Total",
    matters_heading: "How matters came in",
    matters_lead: "Matters entered at the counter or by phone count in every figure above, like those reported online.",
    col_matters: "Matters",
    rates_heading: "The three rates by how matters came in",
    rates_lead: "The same three rates, counted apart for matters residents reported online, those staff entered at the counter and those staff entered after a phone call, so you can see which way of asking is answered late or leaves people unhappy. Below 5 matters a rate is not shown, so nobody can be recognised.",
    col_done: "Resolved",
    col_rating: "Mean rating",
    entered_for: |c| match c {
        Channel::InPerson => "Entered by staff at the counter",
        Channel::Phone => "Entered by staff from a phone call",
        Channel::Online | Channel::Paper => "",
    },
};
