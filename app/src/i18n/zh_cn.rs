//! 简体中文 — the default interface language.

use linli_model::tree::{CodeError, CodeSegment, CommunityType, GridKind, MajorType, SizeClass};

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

    code_error,
    major_type,
    community_type,
    size_class,
    grid_kind,
    households: |n| format!("{} 户", thousands(n)),
};
