//! Texts of the front page, one catalogue per language.

use linli_model::Lang;

pub struct HomeText {
    pub title: &'static str,
    pub lead: &'static str,
    pub tasks_label: &'static str,
    pub report: &'static str,
    pub report_hint: &'static str,
    pub follow: &'static str,
    pub follow_hint: &'static str,
    pub consult: &'static str,
    pub consult_hint: &'static str,
    pub duties: &'static str,
    pub duties_hint: &'static str,
    pub sign_in_lead: &'static str,
    pub sign_up: &'static str,
    pub your_community: &'static str,
    pub no_community: &'static str,
    pub find_community: &'static str,
    pub your_matters: &'static str,
    pub no_matters: &'static str,
    pub all_your_matters: &'static str,
    pub open_consultations: &'static str,
    pub no_consultations: &'static str,
    pub all_consultations: &'static str,
    pub open_calls: &'static str,
    pub no_calls: &'static str,
    pub all_calls: &'static str,
    pub city_heading: &'static str,
}

pub fn texts(lang: Lang) -> &'static HomeText {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

pub fn use_ht() -> &'static HomeText {
    texts(super::use_lang())
}

static ZH: HomeText = HomeText {
    title: "身边的事，大家商量着办",
    lead: "在这里反映身边的问题、跟进办理进度、参加社区议事，看看社区管什么、不管什么。",
    tasks_label: "您可以在这里办",
    report: "反映问题",
    report_hint: "路灯不亮、楼道堆物、噪音扰民……拍照说明，社区来办",
    follow: "跟进我的事项",
    follow_hint: "看看办到哪一步了，办完给个评价",
    consult: "参加议事协商",
    consult_hint: "社区大事一起商量，发表意见、参加投票",
    duties: "社区管什么",
    duties_hint: "哪些事归社区办，哪些不归社区，该找谁",
    sign_in_lead: "登录后，这里会显示您的社区、您反映的事项和可以参加的议事。",
    sign_up: "注册账号",
    your_community: "我的社区",
    no_community: "您还没有加入社区。加入后就能反映问题、参加议事。",
    find_community: "查找并加入我的社区",
    your_matters: "我的事项",
    no_matters: "您还没有反映或支持过事项。",
    all_your_matters: "全部消息",
    open_consultations: "可以参加的议事",
    no_consultations: "您的社区近期没有议事征询。",
    all_consultations: "议事日历",
    open_calls: "正在征集承接方的项目",
    no_calls: "附近暂时没有正在征集的项目。",
    all_calls: "全部项目",
    city_heading: "城市概况",
};

static EN: HomeText = HomeText {
    title: "Local matters, decided together",
    lead: "Report a problem near you, follow it until it is fixed, take part in your community's deliberations, and see what your community is and is not responsible for.",
    tasks_label: "What you can do here",
    report: "Report a problem",
    report_hint: "A broken street light, clutter in the stairwell, noise: add a photo and your community acts",
    follow: "Follow my matters",
    follow_hint: "See how far they have got, and rate the result",
    consult: "Join a consultation",
    consult_hint: "Decide community matters together: give your view, vote",
    duties: "What the community does",
    duties_hint: "What your community handles, what it does not, and who does",
    sign_in_lead: "Signed in, you see your community, your matters and the consultations open to you here.",
    sign_up: "Create an account",
    your_community: "My community",
    no_community: "You have not joined a community yet. Join one to report problems and take part.",
    find_community: "Find and join my community",
    your_matters: "My matters",
    no_matters: "You have not reported or supported any matter yet.",
    all_your_matters: "All updates",
    open_consultations: "Consultations open to you",
    no_consultations: "No consultation is coming up in your community.",
    all_consultations: "Consultation calendar",
    open_calls: "Projects looking for a provider",
    no_calls: "No call for bids is open near you.",
    all_calls: "All projects",
    city_heading: "The city at a glance",
};
