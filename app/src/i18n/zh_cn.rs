//! 简体中文 — the default interface language.

use linli_model::{
    account::FieldError,
    matter::{MatterState, Severity, StepKind},
    membership::MembershipStatus,
    role::Role,
    tree::{CodeError, CodeSegment, CommunityType, GridKind, MajorType, SizeClass},
};

use super::{Catalogue, thousands};

fn code_error(e: &CodeError) -> String {
    match e {
        CodeError::Empty => "请输入代码。".into(),
        CodeError::WrongLength { expected, found } => {
            format!("代码应为 {expected} 位数字，您输入了 {found} 位。")
        }
        CodeError::NotDigit { position } => format!("第 {position} 位不是数字，代码只能包含数字。"),
        CodeError::UnknownProvince(p) => format!("开头两位 {p:02} 不是有效的省级代码。"),
        CodeError::ZeroSegment(segment) => {
            let part = match segment {
                CodeSegment::County => "区县（第 5–6 位）",
                CodeSegment::Township => "街道乡镇（第 7–9 位）",
                CodeSegment::Village => "社区村（第 10–12 位）",
                CodeSegment::Sequence => "顺序号（第 16–17 位）",
                CodeSegment::Grid => "网格号（第 18–20 位）",
                CodeSegment::MicroGrid => "微网格号（第 21–22 位）",
            };
            format!("{part}不能全为 0。")
        }
        CodeError::UnknownMajorType(d) => {
            format!("第 13 位表示社区大类，应为 1、2 或 3，而不是 {d}。")
        }
        CodeError::UnknownSubtype(d) => format!("第 14 位表示社区类型，应为 1 到 7，而不是 {d}。"),
        CodeError::SubtypeMismatch { major, subtype } => {
            format!("第 14 位的类型 {subtype} 不属于第 13 位的大类 {major}。")
        }
        CodeError::UnknownSizeClass(d) => {
            format!("第 15 位表示规模等级，应为 1、2 或 3，而不是 {d}。")
        }
    }
}

fn major_type(t: MajorType) -> &'static str {
    match t {
        MajorType::Urban => "城市社区",
        MajorType::Rural => "农村社区",
        MajorType::Industrial => "产业社区",
    }
}

fn community_type(t: CommunityType) -> &'static str {
    match t {
        CommunityType::OldTown => "老城区社区",
        CommunityType::HousingEstate => "商品房社区",
        CommunityType::Resettlement => "安置社区",
        CommunityType::FarmingVillage => "农业村",
        CommunityType::FringeVillage => "城郊村",
        CommunityType::IndustrialPark => "产业园区社区",
        CommunityType::MixedUse => "产城融合社区",
    }
}

fn size_class(s: SizeClass) -> &'static str {
    match s {
        SizeClass::General => "一般规模",
        SizeClass::Larger => "较大规模",
        SizeClass::ExtraLarge => "超大规模",
    }
}

fn grid_kind(k: GridKind) -> &'static str {
    match k {
        GridKind::Residential => "居民网格",
        GridKind::OfficeTower => "商务楼宇网格",
        GridKind::Market => "集贸市场网格",
        GridKind::ConstructionSite => "建筑工地网格",
    }
}

fn field_error(e: &FieldError) -> String {
    match e {
        FieldError::Required => "请填写此项。".into(),
        FieldError::TooShort(n) => format!("至少需要 {n} 个字符。"),
        FieldError::TooLong(n) => format!("最多 {n} 个字符。"),
        FieldError::NotALogin => "请填写手机号（11 位）或邮箱地址。".into(),
        FieldError::BadEmail => "邮箱地址格式不对，例如 name@example.cn。".into(),
        FieldError::BadPhone => "手机号应为 11 位，以 1 开头，例如 138 1234 5678。".into(),
        FieldError::ControlCharacters => "包含无法显示的字符，请删除后重试。".into(),
        FieldError::CommonPassword => "这个密码太常见，容易被猜到，请换一个。".into(),
        FieldError::RepeatedCharacter => "密码不能只由同一个字符组成。".into(),
        FieldError::PasswordsDiffer => "两次输入的密码不一致。".into(),
        FieldError::Taken => "这个手机号或邮箱已经注册过了，可以直接登录。".into(),
        FieldError::BadInvitation => "邀请码是 8 位字母和数字，例如 K7M3-Q9TX。".into(),
        FieldError::InvitationUnusable => {
            "这个邀请码不存在、已被使用或已过期。可以不填邀请码，等待工作人员核实。".into()
        }
        FieldError::NotInCommunity => "请选择本社区的网格。".into(),
        FieldError::AlreadyRequested => "您已经申请过加入这个社区。".into(),
        FieldError::NumberRange(a, b) => format!("请填写 {a} 到 {b} 之间的整数。"),
        FieldError::LinkUnusable => {
            "这个链接无效、已用过或已过期（有效期 1 小时）。请重新申请。".into()
        }
        FieldError::UnknownAccount => "没有使用这个手机号或邮箱的账户。".into(),
        FieldError::BadScopeCode => "代码与所选身份的层级不符：网格员填 20 位网格代码，社区身份填 17 位社区代码，街道填 9 位，区填 6 位。".into(),
        FieldError::LimitReached(n) => format!("已达上限 {n} 个，请先删除一个。"),
        FieldError::NotAChoice => "请从给出的选项中选择。".into(),
        FieldError::WindowClosed => "已经超过了可以这样做的期限。".into(),
        FieldError::WrongPassword => "当前密码不正确。".into(),
    }
}

fn membership_status(s: MembershipStatus) -> &'static str {
    match s {
        MembershipStatus::Pending => "等待核实",
        MembershipStatus::Verified => "已核实",
        MembershipStatus::Rejected => "未通过",
    }
}

fn role(r: Role) -> &'static str {
    match r {
        Role::Resident => "居民",
        Role::CouncilMember => "居民议事会成员",
        Role::GridWorker => "网格员",
        Role::CommunityStaff => "社区工作者",
        Role::StreetOfficer => "街道工作人员",
        Role::DistrictOfficer => "区级工作人员",
        Role::OrganisationMember => "社会组织成员",
        Role::PlatformAdmin => "平台管理员",
    }
}

pub(super) static CATALOGUE: Catalogue = Catalogue {
    site_name: "邻里",
    site_tagline: "社区居民自治服务平台",
    skip_to_content: "跳到主要内容",
    nav_label: "主导航",
    nav_home: "首页",
    nav_directory: "社区名录",
    switch_to: "English",
    switch_to_label: "Switch to English",
    footer_about: "邻里：居民提事、议事、评事的公共平台。演示数据为虚构城市。",
    loading: "正在加载……",

    home_title: "身边的事，大家商量着办",
    home_lead: "在这里查找您所在的社区和网格，了解谁在为您服务。提事、议事、评事的功能将陆续上线。",
    home_browse: "查找我的社区",
    home_empty: "还没有载入城市数据。请运行 linli seed --demo。",
    stats_heading: "全市概况",
    stat_districts: "区县",
    stat_streets: "街道乡镇",
    stat_communities: "社区村",
    stat_grids: "网格",
    stat_micro_grids: "微网格",
    stat_households: "户数",
    chart_by_type: "各类型社区数量",
    chart_by_size: "各规模等级社区数量",
    chart_category: "类别",
    chart_count: "数量",
    districts_heading: "按区县浏览",
    district_line: |streets, communities| format!("{streets} 个街道乡镇 · {communities} 个社区村"),

    directory_title: "社区名录",
    directory_lead: "按名称、拼音或代码查找社区，也可以按区县和街道筛选。",
    search_label: "社区名称或代码",
    search_hint: "例如：翠苑、cuiyuan，或 17 位社区代码（可只输入前几位）",
    filter_district: "区县",
    filter_street: "街道乡镇",
    all_districts: "全部区县",
    all_streets: "全部街道乡镇",
    search_button: "查找",
    clear_filters: "清除条件",
    no_results: "没有找到符合条件的社区。",
    no_results_hint: "请检查输入的文字，或清除筛选条件后再试。",
    next_page: "下一页",
    first_page: "回到第一页",
    results_heading: "查找结果",
    invalid_filter: "筛选条件有误，已忽略。",

    code_label: "社区代码",
    type_label: "类型",
    size_label: "规模等级",
    households_label: "户数",
    population_label: "人口",
    grids_label: "网格",
    micro_grids_label: "微网格",
    location_label: "所在地",
    grids_heading: "网格",
    grid_filter_label: "筛选网格",
    grid_filter_button: "筛选",
    grid_filter_count: |shown, total| format!("显示 {shown} / {total} 个网格"),
    grid_code_label: "网格代码",
    grid_kind_label: "网格类型",
    no_grids_match: "没有符合条件的网格。",
    breadcrumb_label: "位置",

    not_found_title: "页面不存在",
    not_found_body: "您要找的页面不存在或已被移除。",
    bad_code_title: "社区代码有误",
    error_title: "出错了",
    error_body: "暂时无法显示这些内容，请稍后再试。",
    go_home: "返回首页",
    go_directory: "浏览社区名录",

    denied_title: "没有权限",
    denied_body: "请先登录，或使用具有相应身份的账户。",

    nav_sign_in: "登录",
    nav_sign_up: "注册",
    nav_account: "我的账户",
    account_nav_label: "账户",
    sign_out: "退出登录",
    sign_in_title: "登录",
    sign_in_lead: "用手机号或邮箱登录。",
    login_label: "手机号或邮箱",
    login_hint: "例如 138 1234 5678 或 name@example.cn",
    password_label: "密码",
    sign_in_button: "登录",
    no_account: "还没有账户？去注册",
    bad_credentials: "手机号、邮箱或密码不正确。",
    locked: |secs| format!("尝试次数过多，请在 {} 分钟后再试。", (secs + 59) / 60),
    unavailable: "服务暂时不可用，请稍后再试。",
    errors_summary: "请修改以下问题：",
    sign_up_title: "注册",
    sign_up_lead: "注册后可以提出身边的事、参与议事和评价。",
    display_name_label: "称呼",
    display_name_hint: "邻居们会看到这个名字，例如：王阿姨",
    new_password_hint: "至少 8 个字符。可以用一句好记的话，例如：河边的灯笼亮了",
    confirm_label: "再次输入密码",
    sign_up_button: "注册",
    have_account: "已有账户？去登录",
    account_title: "我的账户",
    roles_heading: "我的身份",
    no_roles: "还没有身份。加入社区并通过核实后，会显示在这里。",
    change_password_heading: "修改密码",
    current_password_label: "当前密码",
    new_password_label: "新密码",
    change_password_button: "修改密码",
    sessions_heading: "登录设备",
    sign_out_everywhere_hint: "手机丢了或在别人的电脑上登录过？可以在所有设备上退出登录。",
    sign_out_everywhere_button: "在所有设备上退出",
    notice_welcome: "欢迎加入邻里！",
    notice_password_changed: "密码已修改，其他设备已退出登录。",
    notice_signed_out_everywhere: "已在所有设备上退出登录。",
    demo_accounts_hint: "演示账户：resident@linli.demo 等，密码 linli-demo-2026（见 README）。",
    join_title: |name| format!("加入{name}"),
    join_lead: "告诉我们您住在哪里。社区工作人员核实后，您就可以参与投票。有邀请码的话，填写后立即生效。",
    join_link: "加入本社区",
    grid_label: "所在网格",
    choose_grid: "请选择网格",
    building_label: "楼栋",
    building_hint: "例如：3幢",
    unit_label: "单元（可不填）",
    room_label: "房号",
    invitation_label: "邀请码（可不填）",
    invitation_hint: "社区公告栏上的 8 位邀请码，例如 K7M3-Q9TX",
    join_button: "提交申请",
    address_privacy: "您的地址只有本社区的工作人员能看到。",
    memberships_heading: "我的社区",
    no_memberships: "还没有加入社区。",
    membership_status,
    reason_prefix: "原因：",
    notice_joined_pending: "申请已提交，社区工作人员核实后就会生效。",
    notice_joined_verified: "已加入社区！",
    nav_staff: "工作台",
    queue_title: "居民核实",
    queue_for: |name| format!("{name} · 待核实的申请"),
    queue_empty: "目前没有待核实的申请。",
    queue_community_label: "社区代码",
    queue_show: "查看",
    address_label: "地址",
    requested_label: "申请时间",
    approve: "核实通过",
    reject: "不通过",
    reason_label: "不通过的原因（申请人会看到）",
    notice_decided: "已处理。",
    denied_here: "您没有权限处理这个社区的事务。",
    invitations_heading: "邀请码",
    invitations_hint: "生成一次性邀请码，贴在公告栏上。每个码只能用一次，30 天内有效，只在生成时显示这一次。",
    count_label: "数量",
    create_invitations_button: "生成邀请码",
    invitations_made: "新的邀请码：",
    forgot_link: "忘记密码？",
    forgot_title: "找回密码",
    forgot_lead: "填写注册时用的手机号或邮箱，我们会发送一个重设密码的链接，1 小时内有效。",
    forgot_button: "发送链接",
    notice_reset_sent: "如果这个手机号或邮箱注册过，重设密码的链接已经发出，请查收。",
    reset_title: "重设密码",
    reset_lead: "请设置新密码。设置后，所有设备都会退出登录。",
    reset_button: "设置新密码",
    notice_password_reset: "密码已重设，请用新密码登录。",
    audit_title: "操作记录",
    audit_lead: "您负责范围内的每一次操作，按时间从新到旧排列。记录只能追加，不能修改。",
    audit_empty: "还没有记录。",
    audit_time: "时间",
    audit_action: "操作",
    audit_target: "对象",
    audit_actor: "操作人",
    audit_outcome: "结果",
    audit_older: "更早的记录",
    tokens_heading: "API 令牌",
    tokens_hint: "给自己的程序或集成使用：令牌代表您本人，拥有与您相同的权限。请像密码一样保管。",
    tokens_empty: "还没有令牌。",
    token_name_label: "令牌用途（例如“楼栋大屏”）",
    token_create_button: "生成令牌",
    token_created: "令牌已生成。请现在复制保存，它只显示这一次：",
    token_revoke_button: "撤销",
    token_created_at: "生成于",
    token_last_used: "最近使用",
    token_never_used: "从未使用",
    notice_token_revoked: "令牌已撤销，立即失效。",
    footer_api: "开放接口（API）",
    api_title: "开放接口",
    api_lead: "其他系统可以通过 REST 接口读取社区目录，或代表一位用户办理业务。接口与网页使用同一套规则和权限。",
    api_auth_heading: "身份验证",
    api_auth_text: "公开数据无需登录。其他接口需要在“我的账户”页面生成个人令牌，并在请求头中发送：",
    api_errors_heading: "错误",
    api_errors_text: "出错时返回相应的 HTTP 状态码和如下 JSON，code 稳定不变，message 按 Accept-Language 使用中文或英文：",
    api_paging_heading: "分页",
    api_paging_text: "列表每次返回一页：items 和 next。把 next 作为 cursor 参数传回，即可取下一页；next 为 null 表示已到最后一页。",
    api_limits_heading: "频率限制",
    api_limits_text: "每个令牌每分钟最多 600 次请求，超出时返回 429 和 Retry-After 头。",
    api_endpoints_heading: "接口列表",
    api_method: "方法",
    api_path: "路径",
    api_summary: "说明（英文）",
    api_needs_token: "需要令牌",
    api_openapi_link: "下载 OpenAPI 3.1 描述文件（openapi.json）",
    nav_matters: "居民事项",
    matters_title: "居民事项",
    matters_lead: "居民反映的问题，从发现、立案、派遣到结案，每一步都公开。",
    matters_empty: "没有符合条件的事项。",
    matters_search_label: "标题中的文字",
    filter_state: "状态",
    filter_severity: "等级",
    filter_category: "类别",
    filter_overdue: "只看逾期",
    any: "全部",
    older_matters: "更早的事项",
    report_button: "反映问题",
    report_title: "反映问题",
    report_lead: "请说清楚是什么问题、在哪里。工作人员会在这里答复，每一步都会显示在事项页面上。",
    category_label: "类别",
    choose_category: "请选择类别",
    title_label: "标题（一句话说明问题）",
    description_label: "详细情况",
    description_hint: "什么时候开始的、影响到谁、您希望怎样解决。",
    address_detail_label: "具体位置（可选）",
    address_detail_hint: "例如：3幢1单元门口",
    show_name_label: "在公开页面上显示我的称呼",
    show_name_hint: "无论是否公开，处理事项的工作人员都能看到您的称呼。",
    submit_report: "提交",
    similar_heading: "这些事项是不是同一个问题？",
    similar_hint: "如果是，点“我也遇到”支持它，比重复反映更快得到处理。",
    me_too: "我也遇到",
    supported_already: "您已支持",
    supporters: "人支持",
    reported_on: "反映于",
    deadline_label: "办结期限",
    overdue_badge: "已逾期",
    place_label: "位置",
    reporter_label: "反映人",
    reporter_hidden: "居民（未公开称呼）",
    handler_label: "承办",
    timeline_heading: "办理经过",
    system_actor: "系统",
    rating_label: "居民评价",
    merged_into_label: "已并入事项",
    referred_to_label: "已转交",
    actions_heading: "办理",
    severity_label: "等级",
    register_button: "立案",
    reject_button: "不予受理",
    reason_field: "理由",
    merge_button: "合并为重复事项",
    into_label: "并入的事项编号",
    refer_button: "转交其他单位",
    refer_to_label: "转交给（单位名称）",
    dispatch_button: "派遣",
    handler_id_label: "承办人账户编号",
    team_label: "或承办队伍名称",
    start_button: "开始办理",
    resolve_button: "办结",
    done_label: "做了什么",
    rate_heading: "请评价办理结果",
    stars_label: "评分（1–5 星）",
    comment_label: "留言（可选）",
    rate_button: "提交评价",
    reopen_heading: "问题没有解决？",
    reopen_button: "重新办理",
    reopen_hint: "办结后 14 天内可以要求重新办理。",
    notice_reported: "已提交。工作人员处理的每一步都会显示在这里。",
    notice_supported: "谢谢，您的支持已记录。",
    notice_step_done: "已保存。",
    error_moved_on: "这个事项刚刚有了变化，请看最新状态。",
    report_here: "反映本社区的问题",
    matters_here: "本社区的事项",
    matter_state,
    severity,
    step_kind,
    queue_matters_title: "事项工作队列",
    queue_matters_lead: "您负责范围内未办结的事项，期限最近的在前。范围：",
    queue_matters_empty: "目前没有待办事项。",
    pick_label: "选择事项",
    bulk_dispatch_heading: "批量派遣所选事项",
    inbox_title: "我的消息",
    inbox_empty: "还没有消息。您反映或支持的事项有进展时，会在这里告诉您。",
    unread: "新",
    notice_bulk_dispatched: "已派遣所选事项。",
    stats_title: "事项统计",
    stats_lead: "范围：",
    stats_here: "本社区统计",
    stat_open: "未办结",
    stat_closed: "已结案",
    stat_overdue_share: "逾期占比",
    stat_settled_share: "在社区内解决",
    stat_mean_rating: "平均评分",
    chart_by_state: "各状态事项数",
    chart_median_hours: "办结时长中位数（小时）",
    chart_ratings: "居民评分分布",
    yes: "是",
    no: "否",
    roles_heading_staff: "身份管理",
    roles_hint_staff: "给本辖区的人员授予或收回身份。只能授予比自己低的身份，所有操作都会记录。",
    role_label: "身份",
    scope_code_label: "辖区代码",
    grant_button: "授予",
    revoke_button: "收回",
    notice_role_granted: "已授予身份。",
    notice_role_revoked: "已收回身份。",
    field_error,
    role,

    code_error,
    major_type,
    community_type,
    size_class,
    grid_kind,
    households: |n| format!("{} 户", thousands(n)),
};

fn matter_state(s: MatterState) -> &'static str {
    match s {
        MatterState::Submitted => "待受理",
        MatterState::Registered => "已立案",
        MatterState::Rejected => "不予受理",
        MatterState::Merged => "已合并",
        MatterState::Referred => "已转交",
        MatterState::Dispatched => "已派遣",
        MatterState::InProgress => "办理中",
        MatterState::Resolved => "已办结，待评价",
        MatterState::Closed => "已结案",
    }
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Minor => "小微",
        Severity::General => "一般",
        Severity::Larger => "较大",
        Severity::Major => "重大",
    }
}

fn step_kind(k: StepKind) -> &'static str {
    k.name(linli_model::Lang::ZhCn)
}
