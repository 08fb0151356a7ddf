//! English — the second interface language.

use linli_model::tree::{CodeError, CodeSegment, CommunityType, GridKind, MajorType, SizeClass};

use super::{Catalogue, thousands};

fn code_error(e: &CodeError) -> String {
    match e {
        CodeError::Empty => "Please enter a code.".into(),
        CodeError::WrongLength { expected, found } => {
            format!("A code has {expected} digits; you entered {found}.")
        }
        CodeError::NotDigit { position } => {
            format!("Character {position} is not a digit; codes contain digits only.")
        }
        CodeError::UnknownProvince(p) => {
            format!("The first two digits, {p:02}, are not a province code.")
        }
        CodeError::ZeroSegment(segment) => {
            let part = match segment {
                CodeSegment::County => "The district part (digits 5–6)",
                CodeSegment::Township => "The street part (digits 7–9)",
                CodeSegment::Village => "The community part (digits 10–12)",
                CodeSegment::Sequence => "The sequence number (digits 16–17)",
                CodeSegment::Grid => "The grid number (digits 18–20)",
                CodeSegment::MicroGrid => "The micro-grid number (digits 21–22)",
            };
            format!("{part} cannot be all zeros.")
        }
        CodeError::UnknownMajorType(d) => {
            format!("Digit 13 is the major type and must be 1, 2 or 3, not {d}.")
        }
        CodeError::UnknownSubtype(d) => {
            format!("Digit 14 is the community type and must be 1 to 7, not {d}.")
        }
        CodeError::SubtypeMismatch { major, subtype } => {
            format!("Type {subtype} (digit 14) does not belong to major type {major} (digit 13).")
        }
        CodeError::UnknownSizeClass(d) => {
            format!("Digit 15 is the size class and must be 1, 2 or 3, not {d}.")
        }
    }
}

fn major_type(t: MajorType) -> &'static str {
    match t {
        MajorType::Urban => "Urban",
        MajorType::Rural => "Rural",
        MajorType::Industrial => "Industrial",
    }
}

fn community_type(t: CommunityType) -> &'static str {
    match t {
        CommunityType::OldTown => "Old town",
        CommunityType::HousingEstate => "Housing estate",
        CommunityType::Resettlement => "Resettlement",
        CommunityType::FarmingVillage => "Farming village",
        CommunityType::FringeVillage => "Urban-fringe village",
        CommunityType::IndustrialPark => "Industrial park",
        CommunityType::MixedUse => "Mixed industry and housing",
    }
}

fn size_class(s: SizeClass) -> &'static str {
    match s {
        SizeClass::General => "General",
        SizeClass::Larger => "Larger",
        SizeClass::ExtraLarge => "Extra-large",
    }
}

fn grid_kind(k: GridKind) -> &'static str {
    match k {
        GridKind::Residential => "Residential",
        GridKind::OfficeTower => "Office towers",
        GridKind::Market => "Market",
        GridKind::ConstructionSite => "Construction site",
    }
}

pub(super) static CATALOGUE: Catalogue = Catalogue {
    site_name: "Linli",
    site_tagline: "Residents' portal for community self-governance",
    skip_to_content: "Skip to main content",
    nav_label: "Main navigation",
    nav_home: "Home",
    nav_directory: "Communities",
    switch_to: "中文",
    switch_to_label: "切换到中文",
    footer_about: "Linli: a public portal where residents raise, discuss and rate local matters. The demo data describes a fictional city.",
    loading: "Loading…",

    home_title: "Local matters, decided together",
    home_lead: "Find your community and grid here, and who serves you. Raising, discussing and rating matters are coming next.",
    home_browse: "Find my community",
    home_empty: "No city has been loaded yet. Run linli seed --demo.",
    stats_heading: "The city at a glance",
    stat_districts: "Districts",
    stat_streets: "Streets and towns",
    stat_communities: "Communities",
    stat_grids: "Grids",
    stat_micro_grids: "Micro-grids",
    stat_households: "Households",
    chart_by_type: "Communities by type",
    chart_by_size: "Communities by size class",
    chart_category: "Category",
    chart_count: "Count",
    districts_heading: "Browse by district",
    district_line: |streets, communities| {
        format!("{streets} streets and towns · {communities} communities")
    },

    directory_title: "Community directory",
    directory_lead: "Find a community by name, pinyin or code, or narrow the list by district and street.",
    search_label: "Community name or code",
    search_hint: "For example: 翠苑, cuiyuan, or a 17-digit community code (the first digits are enough)",
    filter_district: "District",
    filter_street: "Street or town",
    all_districts: "All districts",
    all_streets: "All streets and towns",
    search_button: "Search",
    clear_filters: "Clear",
    no_results: "No community matches.",
    no_results_hint: "Check what you typed, or clear the filters and try again.",
    next_page: "Next page",
    first_page: "Back to the first page",
    results_heading: "Results",
    invalid_filter: "A filter was malformed and has been ignored.",

    code_label: "Community code",
    type_label: "Type",
    size_label: "Size class",
    households_label: "Households",
    population_label: "Population",
    grids_label: "Grids",
    micro_grids_label: "Micro-grids",
    location_label: "Location",
    grids_heading: "Grids",
    grid_filter_label: "Filter grids",
    grid_filter_button: "Filter",
    grid_filter_count: |shown, total| format!("Showing {shown} of {total} grids"),
    grid_code_label: "Grid code",
    grid_kind_label: "Grid type",
    no_grids_match: "No grid matches.",
    breadcrumb_label: "Location",

    not_found_title: "Page not found",
    not_found_body: "The page you are looking for does not exist or has been removed.",
    bad_code_title: "This community code is malformed",
    error_title: "Something went wrong",
    error_body: "This cannot be shown right now. Please try again later.",
    go_home: "Go to the home page",
    go_directory: "Browse the directory",

    code_error,
    major_type,
    community_type,
    size_class,
    grid_kind,
    households: |n| format!("{} households", thousands(n)),
};
