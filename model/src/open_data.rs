//! The open data catalogue: every public list and figure Linli publishes
//! for download, where to get it, and what each column means in both
//! languages. The CSV exports take their header from here, so a column
//! cannot be published without its description.

use serde::Serialize;

/// One column of a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Field {
    pub name: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// One downloadable list or table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dataset {
    pub key: &'static str,
    /// The address under the site; JSON by default, `?format=csv` for CSV.
    pub path: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub about_zh: &'static str,
    pub about_en: &'static str,
    /// Whether it comes a page at a time (`cursor`, and a `Link` header
    /// to the next page of the CSV).
    pub paged: bool,
    pub fields: &'static [Field],
}

impl Dataset {
    /// The CSV header.
    pub fn columns(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.name).collect()
    }

    pub fn title(&self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::ZhCn => self.title_zh,
            crate::Lang::En => self.title_en,
        }
    }

    pub fn about(&self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::ZhCn => self.about_zh,
            crate::Lang::En => self.about_en,
        }
    }
}

impl Field {
    pub fn meaning(&self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::ZhCn => self.zh,
            crate::Lang::En => self.en,
        }
    }
}

const fn f(name: &'static str, zh: &'static str, en: &'static str) -> Field {
    Field { name, zh, en }
}

const ID: Field = f("id", "编号", "Its number in Linli");
const COMMUNITY_CODE: Field = f(
    "community_code",
    "社区17位编码",
    "The community's 17-digit code",
);
const COMMUNITY_NAME: Field = f(
    "community_name",
    "社区名称（中文）",
    "The community's name (Chinese)",
);

pub const MATTERS: Dataset = Dataset {
    key: "matters",
    path: "/api/v1/matters",
    title_zh: "民事民提：居民反映的事项",
    title_en: "Matters residents raised",
    about_zh: "每件事项的类别、所在网格、办理状态和时限，最新的在前；不含反映人的姓名和联系方式。可按 place、category、state、severity、overdue、q、from、until 筛选。",
    about_en: "Each matter's category, grid, state and deadline, newest first; never who reported it or how to reach them. Filter by place, category, state, severity, overdue, q, from, until.",
    paged: true,
    fields: &[
        ID,
        COMMUNITY_CODE,
        f("grid_code", "网格20位编码", "The grid's 20-digit code"),
        f(
            "category",
            "类别代码（见 /api/v1/matter-categories）",
            "Category code (see /api/v1/matter-categories)",
        ),
        f("title", "标题", "Title"),
        f(
            "state",
            "状态：submitted 待受理、registered 已登记、dispatched 已派遣、in_progress 办理中、resolved 已办结待评价、closed 已关闭、rejected 不予受理、merged 已合并、referred 已转办",
            "State: submitted, registered, dispatched, in_progress, resolved (awaiting the rating), closed, rejected, merged, referred",
        ),
        f(
            "severity",
            "分级：minor 轻微、general 一般、larger 较大、major 重大；未登记为空",
            "Severity: minor, general, larger, major; empty before registration",
        ),
        f(
            "level",
            "现在由哪一级办理：community 社区、street 街道、district 区",
            "Who handles it now: community, street or district",
        ),
        f(
            "overdue",
            "是否超过办理时限（true/false）",
            "Past its deadline (true/false)",
        ),
        f(
            "deadline",
            "办理时限（北京时间，W3C格式）",
            "Deadline (Beijing time, W3C format)",
        ),
        f(
            "supporters",
            "点了“我也遇到”的人数",
            "How many said “me too”",
        ),
        f(
            "reported_at",
            "反映时间（北京时间，W3C格式）",
            "When it was reported (Beijing time, W3C format)",
        ),
    ],
};

pub const ACCOUNTABILITY: Dataset = Dataset {
    key: "accountability",
    path: "/api/v1/accountability",
    title_zh: "三率公开：响应率、解决率、满意率",
    title_en: "The three rates: response, resolution, satisfaction",
    about_zh: "一个地方一个月的计数和比率（place、month 参数，默认全市、上一个整月），其后十二个月的走势和下一级各地。少于5件的比例和中位数为空，不公布。",
    about_en: "A place's counts and rates for a month (place and month; by default the city and the last whole month), then its twelve-month trend and the places one level down. Shares and medians over fewer than 5 matters are empty: not published.",
    paged: false,
    fields: &[
        f(
            "kind",
            "行的种类：place 本地本月、trend 走势中的一个月、below 下一级的一个地方",
            "Row kind: place (this place, this month), trend (a month of the trend), below (a place one level down)",
        ),
        f(
            "place",
            "地方编码（全市为空）",
            "Place code (empty for the city)",
        ),
        f("name_zh", "地方名称（中文）", "Place name (Chinese)"),
        f("name_en", "地方名称（英文）", "Place name (English)"),
        f(
            "month",
            "月份（YYYY-MM，北京时间）",
            "Month (YYYY-MM, Beijing time)",
        ),
        f(
            "reported",
            "当月反映的事项数",
            "Matters reported that month",
        ),
        f(
            "responded_in_time",
            "在社区响应时限内答复（登记、不予受理、合并或转办）的件数",
            "Answered within the community's response window (registered, refused, merged or referred)",
        ),
        f("accepted", "受理（登记）的件数", "Accepted (registered)"),
        f(
            "judged",
            "可以评判是否按时解决的件数：已受理且已关闭，或已超期",
            "Judged for resolution: accepted and closed, or overdue",
        ),
        f(
            "resolved_in_time",
            "按时限解决、从未升级的件数",
            "Resolved by the deadline, never escalated",
        ),
        f("closed", "已关闭的件数", "Closed"),
        f(
            "closed_in_community",
            "在社区一级关闭（未升级到街道或区）的件数",
            "Closed without leaving the community",
        ),
        f("rated", "居民评价了的件数", "Rated by the resident"),
        f("satisfied", "评价4–5星的件数", "Rated 4 or 5 stars"),
        f("overdue", "超过时限的件数", "Past their deadline"),
        f("escalations", "升级的次数", "Escalations"),
        f(
            "response_rate",
            "响应率：responded_in_time ÷ reported",
            "Response rate: responded_in_time ÷ reported",
        ),
        f(
            "resolution_rate",
            "解决率：resolved_in_time ÷ judged",
            "Resolution rate: resolved_in_time ÷ judged",
        ),
        f(
            "satisfaction_rate",
            "满意率：satisfied ÷ rated",
            "Satisfaction rate: satisfied ÷ rated",
        ),
        f(
            "overdue_share",
            "超期比例：overdue ÷ accepted",
            "Overdue share: overdue ÷ accepted",
        ),
        f(
            "settled_in_community_share",
            "社区化解比例：closed_in_community ÷ closed",
            "Settled in the community: closed_in_community ÷ closed",
        ),
        f(
            "median_days_to_close",
            "从反映到关闭的天数中位数",
            "Median whole days from report to closure",
        ),
        f(
            "promises_judged",
            "当月答复到期（或提前兑现）的承诺数",
            "Promises whose written answer fell due that month (or kept before)",
        ),
        f(
            "promises_kept",
            "其中按时列入议程并按时书面答复的",
            "Of those, put on the agenda and answered in writing in time",
        ),
        f(
            "kept_promise_share",
            "承诺兑现率：promises_kept ÷ promises_judged",
            "Kept-promise share: promises_kept ÷ promises_judged",
        ),
    ],
};

pub const STANDARDS: Dataset = Dataset {
    key: "standards",
    path: "/api/v1/standards",
    title_zh: "治理标准看板",
    title_en: "Governance standards board",
    about_zh: "一个地方（place 参数）以下不合标准的社区和网格：规模、网格员、社工配备、责任清单是否过期，以及逾期未完成的成果（编码为其社区，天数为逾期天数）。",
    about_en: "Communities and grids under a place (place) that miss a standard: size, grid worker, staffing, an out-of-date responsibility list, and results late past their planned date (the code is their community's, the days how late).",
    paged: false,
    fields: &[
        f("kind", "哪一条标准", "Which standard"),
        f("code", "社区或网格编码", "Community or grid code"),
        f("name_zh", "名称（中文）", "Name (Chinese)"),
        f("name_en", "名称（英文）", "Name (English)"),
        f(
            "community_zh",
            "所在社区（中文）",
            "Its community (Chinese)",
        ),
        f(
            "community_en",
            "所在社区（英文）",
            "Its community (English)",
        ),
        f(
            "measured",
            "实测数值（户数、人数或天数）",
            "What was measured (households, people or days)",
        ),
        f("expected", "标准要求的数值", "What the standard asks"),
        f("href", "去处理的页面", "The page where it is fixed"),
    ],
};

pub const NEEDS: Dataset = Dataset {
    key: "needs",
    path: "/api/v1/needs",
    title_zh: "需求清单",
    title_en: "Needs list",
    about_zh: "各社区记录的居民需求，最新的在前。可按 place、kind、status、q 筛选。",
    about_en: "Residents' needs each community recorded, newest first. Filter by place, kind, status, q.",
    paged: true,
    fields: &[
        ID,
        COMMUNITY_CODE,
        COMMUNITY_NAME,
        f("title", "标题", "Title"),
        f("category", "类别", "Category"),
        f(
            "residents_affected",
            "涉及的居民人数（估计）",
            "Residents affected (estimated)",
        ),
        f("status", "状态", "Status"),
        f(
            "source",
            "来源：事项、议题或直接记录",
            "Where it came from: a matter, a topic or recorded directly",
        ),
        f("source_id", "来源的编号", "The source's number"),
        f(
            "recorded_at",
            "记录时间（W3C格式）",
            "When recorded (W3C format)",
        ),
    ],
};

pub const RESOURCES: Dataset = Dataset {
    key: "resources",
    path: "/api/v1/resources",
    title_zh: "资源清单",
    title_en: "Resources list",
    about_zh: "各社区可用的场地、队伍和资金，不含联系人。可按 place、kind、accessible、q 筛选。",
    about_en: "Spaces, teams and funds each community can use, never their contacts. Filter by place, kind, accessible, q.",
    paged: true,
    fields: &[
        ID,
        COMMUNITY_CODE,
        COMMUNITY_NAME,
        f(
            "kind",
            "种类：space 场地、team 队伍、fund 资金",
            "Kind: space, team or fund",
        ),
        f("name", "名称", "Name"),
        f("owner", "归属", "Who holds it"),
        f("area_m2", "面积（平方米，场地）", "Area in m² (spaces)"),
        f(
            "opening_hours",
            "开放时间（场地）",
            "Opening hours (spaces)",
        ),
        f("accessible", "无障碍（场地）", "Step-free (spaces)"),
        f("bookable", "可预约（场地）", "Bookable (spaces)"),
        f("members", "人数（队伍）", "Members (teams)"),
        f(
            "organisation_id",
            "所属社会组织编号（队伍）",
            "Its organisation's number (teams)",
        ),
        f("amount_yuan", "金额（元，资金）", "Amount in yuan (funds)"),
    ],
};

pub const RESPONSIBILITIES: Dataset = Dataset {
    key: "responsibilities",
    path: "/api/v1/responsibilities",
    title_zh: "责任清单",
    title_en: "Responsibility lists",
    about_zh: "每个网格和每个清单事项由谁负责，只有工作电话。可按 place 筛选。",
    about_en: "Who answers for each grid and list item, with work phones only. Filter by place.",
    paged: true,
    fields: &[
        ID,
        COMMUNITY_CODE,
        COMMUNITY_NAME,
        f(
            "subject_kind",
            "负责的对象：grid 网格、item 清单事项",
            "What is answered for: grid or item",
        ),
        f(
            "subject_key",
            "网格编码或事项编号",
            "Grid code or item number",
        ),
        f("subject", "网格或事项名称", "The grid's or item's name"),
        f(
            "duty",
            "职责：牵头、配合等",
            "Duty: lead, support and so on",
        ),
        f("name", "负责人", "Who"),
        f("work_phone", "工作电话", "Work phone"),
    ],
};

pub const PROJECTS: Dataset = Dataset {
    key: "projects",
    path: "/api/v1/projects",
    title_zh: "社区项目",
    title_en: "Community projects",
    about_zh: "社区发布的项目、预算上限、截止时间和中标的社会组织。可按 place、status、q 筛选。",
    about_en: "Projects communities published, their budget cap, deadline and the organisation awarded. Filter by place, status, q.",
    paged: true,
    fields: &[
        ID,
        COMMUNITY_CODE,
        COMMUNITY_NAME,
        f("title", "标题", "Title"),
        f("status", "状态", "Status"),
        f("budget_cap_yuan", "预算上限（元）", "Budget cap in yuan"),
        f(
            "deadline",
            "投标截止时间（W3C格式）",
            "Bidding deadline (W3C format)",
        ),
        f("awarded_to", "中标的社会组织", "The organisation awarded"),
    ],
};

pub const ORGANISATIONS: Dataset = Dataset {
    key: "organisations",
    path: "/api/v1/organisations",
    title_zh: "社会组织",
    title_en: "Social organisations",
    about_zh: "已核实的社会组织及其服务范围和履约记录，不含联系方式。评价少于5条的平均分为空，不公布。",
    about_en: "Verified social organisations, where they serve and what they delivered, never their contacts. Mean ratings over fewer than 5 ratings are empty: not published.",
    paged: true,
    fields: &[
        ID,
        f("name", "名称", "Name"),
        f(
            "credit_code",
            "统一社会信用代码",
            "Unified social credit code",
        ),
        f(
            "areas",
            "服务范围（地方编码，分号分隔）",
            "Where it serves (place codes, separated by semicolons)",
        ),
        f("status", "状态", "Status"),
        f(
            "registered_at",
            "登记时间（W3C格式）",
            "When registered (W3C format)",
        ),
        f(
            "verified_at",
            "核实时间（W3C格式）",
            "When verified (W3C format)",
        ),
        f("delivered", "已完成的项目数", "Projects delivered"),
        f("ratings", "居民评价数", "Residents' ratings"),
        f(
            "mean_rating",
            "平均评价（1–5星）",
            "Mean rating (1–5 stars)",
        ),
    ],
};

pub const CALENDAR: Dataset = Dataset {
    key: "calendar",
    path: "/api/v1/districts/{code}/calendar",
    title_zh: "工作日历",
    title_en: "Working-day calendar",
    about_zh: "一个区（6位编码）计算办理时限所用的节假日和调休上班日。",
    about_en: "The holidays and make-up working days a district (6-digit code) counts deadlines by.",
    paged: false,
    fields: &[
        f("date", "日期（YYYY-MM-DD）", "Date (YYYY-MM-DD)"),
        f(
            "kind",
            "holiday 放假、workday 调休上班",
            "holiday, or workday (a make-up working day)",
        ),
        f("festival", "节日名称", "The festival"),
        f(
            "district",
            "区编码；全国安排为空",
            "District code; empty for the national arrangement",
        ),
    ],
};

pub const PROMISES: Dataset = Dataset {
    key: "promises",
    path: "/api/v1/promises",
    title_zh: "承诺时限：达到支持门槛的事项和议题",
    title_en: "Promises: matters and topics that reached the support threshold",
    about_zh: "每个达到支持门槛的事项或议题：14天内列入居委会议程、30天内书面答复，是否按时兑现，最近的在前（最多200条）。可按 place 筛选。",
    about_en: "Every matter or topic that reached its support threshold: on the council's agenda within 14 days, answered in writing within 30, and whether that was kept, latest first (at most 200). Filter by place.",
    paged: false,
    fields: &[
        ID,
        COMMUNITY_CODE,
        COMMUNITY_NAME,
        f(
            "subject",
            "对象：matter 事项、topic 议题",
            "What was supported: matter or topic",
        ),
        f(
            "subject_id",
            "事项或议题的编号",
            "The matter's or topic's number",
        ),
        f("title", "标题", "Title"),
        f(
            "supporters",
            "达到门槛时的支持人数",
            "Supporters when the threshold was reached",
        ),
        f("threshold", "支持门槛", "The threshold"),
        f(
            "reached_at",
            "达到门槛的时间（W3C格式）",
            "When the threshold was reached (W3C format)",
        ),
        f("agenda_due", "列入议程的期限", "Due on the agenda by"),
        f(
            "on_agenda_at",
            "实际列入议程的时间；未列入为空",
            "When put on the agenda; empty if not yet",
        ),
        f("answer_due", "书面答复的期限", "Answer due by"),
        f(
            "answered_at",
            "实际答复的时间；未答复为空",
            "When answered; empty if not yet",
        ),
        f(
            "state",
            "running 进行中、kept 已兑现、broken 未兑现",
            "running, kept or broken",
        ),
        f("href", "事项或议题的页面", "The matter's or topic's page"),
    ],
};

pub const RESULTS: Dataset = Dataset {
    key: "results",
    path: "/api/v1/results",
    title_zh: "成果跟踪：决定的议题和中标的项目",
    title_en: "Results: decided topics and awarded projects",
    about_zh: "每个议事决定选中的议题和每个中标项目的进度、状态和计划完成日期，最新的在前。可按 place 筛选，late=1 只看逾期未完成的。",
    about_en: "Progress, status and planned date of every topic a deliberation decided on and every awarded project, newest first. Filter by place; late=1 keeps only those past their planned date.",
    paged: true,
    fields: &[
        ID,
        COMMUNITY_CODE,
        COMMUNITY_NAME,
        f(
            "source",
            "来源：topic 议题、project 项目",
            "What is tracked: topic or project",
        ),
        f(
            "source_id",
            "议题或项目的编号",
            "The topic's or project's number",
        ),
        f("title", "标题", "Title"),
        f(
            "progress",
            "进度（0–100，百分比）",
            "Progress (0–100, per cent)",
        ),
        f(
            "status",
            "状态：not_started 未开始、under_way 进行中、done 已完成、dropped 已终止",
            "Status: not_started, under_way, done or dropped",
        ),
        f(
            "planned_at",
            "计划完成日期（W3C格式）",
            "Planned completion (W3C format)",
        ),
        f(
            "days_late",
            "逾期天数；未逾期为空",
            "Days past the planned date; empty if not late",
        ),
        f("updated_at", "最近更新时间", "Last updated"),
        f("href", "成果页面", "The result's page"),
    ],
};

pub const STATEMENTS: Dataset = Dataset {
    key: "statements",
    path: "/api/v1/deliberations/{id}/statements",
    title_zh: "议事协商的观点",
    title_en: "Statements of a consultation",
    about_zh: "一次协商中居民提出的每条简短观点和赞成、反对、跳过的人数；被隐藏的观点保留一行，不含内容。不含提出人。",
    about_en: "Every short statement made in one consultation with its agree, disagree and pass counts; a hidden one keeps its line without its text. Never who made it.",
    paged: false,
    fields: &[
        ID,
        f(
            "body",
            "观点内容；被隐藏的为空",
            "The statement; empty when hidden",
        ),
        f(
            "hidden",
            "是否被隐藏（true/false）",
            "Hidden by a moderator (true/false)",
        ),
        f("agree", "赞成人数", "Agreed"),
        f("disagree", "反对人数", "Disagreed"),
        f("pass", "跳过人数", "Passed"),
        f("made_at", "提出时间（W3C格式）", "When made (W3C format)"),
    ],
};

pub const VOTES: Dataset = Dataset {
    key: "votes",
    path: "/api/v1/deliberations/{id}/votes",
    title_zh: "议事协商的投票矩阵（匿名）",
    title_en: "Vote matrix of a consultation (anonymised)",
    about_zh: "一次协商中对观点的每一票，每位参与者用随机编号代替：同一次协商里编号不变，不同协商之间无法对应。按观点和编号排序，不按时间。每页 10000 条。",
    about_en: "Every vote on the statements of one consultation, each participant under a random id: stable within the consultation, unrelated across consultations. Ordered by statement and id, never by time. 10,000 per page.",
    paged: true,
    fields: &[
        f(
            "participant",
            "参与者的随机编号",
            "The participant's random id",
        ),
        f("statement", "观点编号", "The statement's number"),
        f(
            "vote",
            "1 赞成、-1 反对、0 跳过",
            "1 agree, -1 disagree, 0 pass",
        ),
    ],
};

/// Every dataset, in the order the open data page lists them.
pub const DATASETS: &[Dataset] = &[
    MATTERS,
    ACCOUNTABILITY,
    STANDARDS,
    NEEDS,
    RESOURCES,
    RESPONSIBILITIES,
    PROJECTS,
    ORGANISATIONS,
    PROMISES,
    RESULTS,
    STATEMENTS,
    VOTES,
    CALENDAR,
];

/// The dataset named `key`.
pub fn dataset(key: &str) -> Option<&'static Dataset> {
    DATASETS.iter().find(|d| d.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dataset_has_unique_keys_and_columns_and_says_what_they_mean() {
        let mut keys = std::collections::HashSet::new();
        for d in DATASETS {
            assert!(keys.insert(d.key), "{} twice", d.key);
            let mut names = std::collections::HashSet::new();
            for field in d.fields {
                assert!(names.insert(field.name), "{}.{} twice", d.key, field.name);
                assert!(
                    !field.zh.is_empty() && !field.en.is_empty(),
                    "{}.{}",
                    d.key,
                    field.name
                );
            }
            assert!(dataset(d.key).is_some());
        }
    }

    #[test]
    fn the_rates_are_described_column_for_column() {
        let described = dataset("accountability").expect("listed").columns();
        assert_eq!(described, crate::accountability::FigureRow::columns());
    }
}
