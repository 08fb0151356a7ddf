//! Every piece of interface text, one catalogue per language.
//!
//! A catalogue is a struct, so a language that lacks a text fails to compile
//! instead of showing a key to a resident. Texts that take values are
//! functions; number formatting is shared.

pub mod accountability;
pub mod admission;
pub mod calendar;
pub mod channels;
pub mod consultation;
pub mod deliberation;
mod en;
pub mod home;
pub mod items;
pub mod lists;
pub mod methods;
pub mod moderation;
pub mod projects;
pub mod promises;
pub mod results;
pub mod standards;
mod zh_cn;

use leptos::prelude::*;
use linli_model::{
    Lang,
    account::FieldError,
    api_token::CredentialsEnded,
    membership::MembershipStatus,
    role::Role,
    tree::{CodeError, CommunityType, GridKind, MajorType, SizeClass},
};

/// All interface text in one language.
pub struct Catalogue {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_directory: &'static str,
    /// The switch shows the *other* language's name, in that language.
    pub switch_to: &'static str,
    pub switch_to_label: &'static str,
    pub footer_about: &'static str,
    pub loading: &'static str,

    pub home_browse: &'static str,
    pub home_empty: &'static str,
    pub stats_heading: &'static str,
    pub stat_districts: &'static str,
    pub stat_streets: &'static str,
    pub stat_communities: &'static str,
    pub stat_grids: &'static str,
    pub stat_micro_grids: &'static str,
    pub stat_households: &'static str,
    pub chart_by_type: &'static str,
    pub chart_by_size: &'static str,
    pub chart_category: &'static str,
    pub chart_count: &'static str,
    pub districts_heading: &'static str,
    pub district_line: fn(u32, u32) -> String,

    pub directory_title: &'static str,
    pub directory_lead: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub filter_district: &'static str,
    pub filter_street: &'static str,
    pub all_districts: &'static str,
    pub all_streets: &'static str,
    pub search_button: &'static str,
    pub clear_filters: &'static str,
    pub no_results: &'static str,
    pub no_results_hint: &'static str,
    pub next_page: &'static str,
    pub first_page: &'static str,
    pub results_heading: &'static str,
    pub invalid_filter: &'static str,

    pub code_label: &'static str,
    pub type_label: &'static str,
    pub size_label: &'static str,
    pub households_label: &'static str,
    pub population_label: &'static str,
    pub grids_label: &'static str,
    pub micro_grids_label: &'static str,
    pub location_label: &'static str,
    pub grids_heading: &'static str,
    pub grid_filter_label: &'static str,
    pub grid_filter_button: &'static str,
    pub grid_filter_count: fn(usize, usize) -> String,
    pub grid_code_label: &'static str,
    pub grid_kind_label: &'static str,
    pub no_grids_match: &'static str,
    pub breadcrumb_label: &'static str,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub bad_code_title: &'static str,
    pub error_title: &'static str,
    pub error_body: &'static str,
    pub go_home: &'static str,
    pub go_directory: &'static str,

    pub denied_title: &'static str,
    pub denied_body: &'static str,

    pub nav_sign_in: &'static str,
    pub nav_sign_up: &'static str,
    pub nav_account: &'static str,
    pub account_nav_label: &'static str,
    pub sign_out: &'static str,
    pub sign_in_title: &'static str,
    pub sign_in_lead: &'static str,
    pub login_label: &'static str,
    pub login_hint: &'static str,
    pub password_label: &'static str,
    pub sign_in_button: &'static str,
    pub no_account: &'static str,
    pub bad_credentials: &'static str,
    pub locked: fn(i64) -> String,
    pub unavailable: &'static str,
    pub errors_summary: &'static str,
    pub sign_up_title: &'static str,
    pub sign_up_lead: &'static str,
    pub display_name_label: &'static str,
    pub display_name_hint: &'static str,
    pub new_password_hint: &'static str,
    pub confirm_label: &'static str,
    pub sign_up_button: &'static str,
    pub have_account: &'static str,
    pub account_title: &'static str,
    pub roles_heading: &'static str,
    pub no_roles: &'static str,
    pub change_password_heading: &'static str,
    pub current_password_label: &'static str,
    pub new_password_label: &'static str,
    pub change_password_button: &'static str,
    pub sessions_heading: &'static str,
    pub sign_out_everywhere_hint: &'static str,
    pub sign_out_everywhere_button: &'static str,
    pub notice_welcome: &'static str,
    pub notice_password_changed: &'static str,
    pub notice_signed_out_everywhere: &'static str,
    pub demo_accounts_hint: &'static str,
    pub join_title: fn(&str) -> String,
    pub join_lead: &'static str,
    pub join_link: &'static str,
    pub grid_label: &'static str,
    pub choose_grid: &'static str,
    pub choose: &'static str,
    pub building_label: &'static str,
    pub building_hint: &'static str,
    pub unit_label: &'static str,
    pub room_label: &'static str,
    pub invitation_label: &'static str,
    pub invitation_hint: &'static str,
    pub join_button: &'static str,
    pub address_privacy: &'static str,
    pub memberships_heading: &'static str,
    pub no_memberships: &'static str,
    pub membership_status: fn(MembershipStatus) -> &'static str,
    pub reason_prefix: &'static str,
    pub notice_joined_pending: &'static str,
    pub notice_joined_verified: &'static str,
    pub nav_staff: &'static str,
    /// The hover text that gives a place's code beside its name.
    pub code_of_place: fn(&str) -> String,
    pub whole_city: &'static str,
    pub previous_page: &'static str,
    pub pages_label: &'static str,
    /// The button that opens the site menu on a phone.
    pub menu: &'static str,
    /// The work queue's header link, with how many matters wait there.
    pub nav_work: &'static str,
    pub waiting_count: fn(u32) -> String,
    pub queue_title: &'static str,
    pub queue_for: fn(&str) -> String,
    pub queue_empty: &'static str,
    pub queue_community_label: &'static str,
    pub queue_show: &'static str,
    pub address_label: &'static str,
    pub requested_label: &'static str,
    pub approve: &'static str,
    pub reject: &'static str,
    pub reason_label: &'static str,
    pub notice_decided: &'static str,
    pub denied_here: &'static str,
    pub invitations_heading: &'static str,
    pub invitations_hint: &'static str,
    pub count_label: &'static str,
    pub create_invitations_button: &'static str,
    pub invitations_made: &'static str,
    pub forgot_link: &'static str,
    pub forgot_title: &'static str,
    pub forgot_lead: &'static str,
    pub forgot_button: &'static str,
    pub notice_reset_sent: &'static str,
    pub reset_title: &'static str,
    pub reset_lead: &'static str,
    pub reset_button: &'static str,
    pub notice_password_reset: &'static str,
    pub roles_heading_staff: &'static str,
    pub roles_hint_staff: &'static str,
    pub role_label: &'static str,
    pub scope_code_label: &'static str,
    pub grant_button: &'static str,
    pub revoke_button: &'static str,
    pub notice_role_granted: &'static str,
    pub notice_role_revoked: &'static str,
    pub audit_title: &'static str,
    pub audit_lead: &'static str,
    pub audit_empty: &'static str,
    pub audit_time: &'static str,
    pub audit_action: &'static str,
    pub audit_target: &'static str,
    pub audit_area: &'static str,
    pub audit_actor: &'static str,
    pub audit_outcome: &'static str,
    pub audit_older: &'static str,
    pub tokens_heading: &'static str,
    pub tokens_hint: &'static str,
    pub tokens_empty: &'static str,
    pub token_name_label: &'static str,
    pub token_create_button: &'static str,
    pub token_created: &'static str,
    pub token_revoke_button: &'static str,
    pub token_created_at: &'static str,
    pub token_last_used: &'static str,
    pub token_never_used: &'static str,
    pub notice_token_revoked: &'static str,
    pub footer_api: &'static str,
    pub api_title: &'static str,
    pub api_lead: &'static str,
    pub api_auth_heading: &'static str,
    pub api_auth_text: &'static str,
    pub api_errors_heading: &'static str,
    pub api_errors_text: &'static str,
    pub api_paging_heading: &'static str,
    pub api_paging_text: &'static str,
    pub api_limits_heading: &'static str,
    pub api_limits_text: &'static str,
    pub api_endpoints_heading: &'static str,
    pub api_method: &'static str,
    pub api_path: &'static str,
    pub api_summary: &'static str,
    pub api_needs_token: &'static str,
    pub api_openapi_link: &'static str,
    pub nav_matters: &'static str,
    pub matters_title: &'static str,
    pub matters_lead: &'static str,
    pub matters_empty: &'static str,
    pub matters_search_label: &'static str,
    pub filter_state: &'static str,
    pub filter_severity: &'static str,
    pub filter_category: &'static str,
    pub filter_overdue: &'static str,
    /// Label of the rows-per-page choice.
    pub per_page: &'static str,
    pub any: &'static str,
    pub older_matters: &'static str,
    pub report_button: &'static str,
    pub report_title: &'static str,
    pub report_lead: &'static str,
    pub category_label: &'static str,
    pub choose_category: &'static str,
    pub title_label: &'static str,
    pub description_label: &'static str,
    pub description_hint: &'static str,
    pub address_detail_label: &'static str,
    pub address_detail_hint: &'static str,
    pub show_name_label: &'static str,
    pub show_name_hint: &'static str,
    pub submit_report: &'static str,
    pub photos_label: &'static str,
    pub photos_hint: &'static str,
    pub photos_kept: fn(usize) -> String,
    pub photo_alt: fn(usize) -> String,
    pub photos_heading: &'static str,
    pub point_legend: &'static str,
    pub point_hint: &'static str,
    pub latitude_label: &'static str,
    pub longitude_label: &'static str,
    pub use_my_location: &'static str,
    pub locating: &'static str,
    pub location_failed: &'static str,
    pub map_link: &'static str,
    pub settings_title: &'static str,
    pub settings_lead: &'static str,
    pub settings_link: &'static str,
    pub deadlines_heading: &'static str,
    pub working_days: fn(u32) -> String,
    pub working_days_unit: &'static str,
    pub categories_heading: &'static str,
    pub save_settings: &'static str,
    pub notice_settings_saved: &'static str,
    pub notice_removed: &'static str,
    pub notice_added: &'static str,
    pub settings_read_only: &'static str,
    pub similar_heading: &'static str,
    /// The description of pages that have no text of their own.
    pub site_description: &'static str,
    /// Said (politely, to screen readers) when a live page took in a change.
    pub matter_updated: &'static str,
    pub similar_hint: &'static str,
    pub me_too: &'static str,
    pub look_for_similar: &'static str,
    pub supported_already: &'static str,
    pub supporters: &'static str,
    pub reported_on: &'static str,
    pub deadline_label: &'static str,
    pub overdue_badge: &'static str,
    pub place_label: &'static str,
    pub reporter_label: &'static str,
    pub reporter_hidden: &'static str,
    pub handler_label: &'static str,
    pub timeline_heading: &'static str,
    pub system_actor: &'static str,
    pub rating_label: &'static str,
    pub merged_into_label: &'static str,
    pub referred_to_label: &'static str,
    pub actions_heading: &'static str,
    pub severity_label: &'static str,
    pub register_button: &'static str,
    pub reject_button: &'static str,
    pub reason_field: &'static str,
    pub merge_button: &'static str,
    pub into_label: &'static str,
    pub refer_button: &'static str,
    pub refer_to_label: &'static str,
    pub refer_item_label: &'static str,
    pub refer_item_none: &'static str,
    pub refer_item_hint: &'static str,
    pub dispatch_button: &'static str,
    pub no_handler_person: &'static str,
    pub team_label: &'static str,
    pub start_button: &'static str,
    pub resolve_button: &'static str,
    pub done_label: &'static str,
    pub rate_heading: &'static str,
    pub stars_label: &'static str,
    pub comment_label: &'static str,
    pub rate_button: &'static str,
    pub reopen_heading: &'static str,
    pub reopen_button: &'static str,
    pub reopen_hint: &'static str,
    pub notice_reported: &'static str,
    pub notice_supported: &'static str,
    pub notice_step_done: &'static str,
    pub error_moved_on: &'static str,
    pub report_here: &'static str,
    pub matters_here: &'static str,
    pub matter_state: fn(linli_model::matter::MatterState) -> &'static str,
    pub severity: fn(linli_model::matter::Severity) -> &'static str,
    pub step_kind: fn(linli_model::matter::StepKind) -> &'static str,
    pub queue_matters_title: &'static str,
    pub queue_matters_lead: &'static str,
    pub queue_matters_empty: &'static str,
    pub pick_label: &'static str,
    pub bulk_dispatch_heading: &'static str,
    pub inbox_title: &'static str,
    pub inbox_empty: &'static str,
    pub inbox_account: &'static str,
    /// Why the person's API tokens stopped working, and how many.
    pub credentials_ended: fn(CredentialsEnded, i64) -> String,
    pub unread: &'static str,
    pub notice_bulk_dispatched: &'static str,
    pub waiting_heading: &'static str,
    pub waiting_lead: &'static str,
    /// The place a waiting report's address named; `None` for none.
    pub waiting_named: fn(Option<&str>) -> String,
    pub waiting_received: &'static str,
    pub waiting_position: &'static str,
    pub place_grid_label: &'static str,
    pub place_grid_code_hint: &'static str,
    pub place_button: &'static str,
    pub notice_placed: &'static str,
    /// Why some figures show "—": the anonymity floor.
    pub stats_floor_note: &'static str,
    pub open_data_title: &'static str,
    pub open_data_lead: &'static str,
    pub open_data_floor: &'static str,
    pub open_data_catalogue: &'static str,
    pub open_data_template: &'static str,
    pub open_data_csv: &'static str,
    pub open_data_json: &'static str,
    pub open_data_paged: &'static str,
    pub open_data_fields: &'static str,
    pub open_data_field: &'static str,
    pub open_data_meaning: &'static str,
    pub footer_open_data: &'static str,
    pub stats_title: &'static str,
    pub stats_lead: &'static str,
    pub stats_here: &'static str,
    pub stat_open: &'static str,
    pub stat_closed: &'static str,
    pub stat_overdue_share: &'static str,
    pub stat_settled_share: &'static str,
    pub stat_mean_rating: &'static str,
    pub chart_by_state: &'static str,
    pub chart_median_hours: &'static str,
    pub chart_ratings: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub field_error: fn(&FieldError) -> String,
    pub role: fn(Role) -> &'static str,

    pub code_error: fn(&CodeError) -> String,
    pub major_type: fn(MajorType) -> &'static str,
    pub community_type: fn(CommunityType) -> &'static str,
    pub size_class: fn(SizeClass) -> &'static str,
    pub grid_kind: fn(GridKind) -> &'static str,
    pub households: fn(u64) -> String,
}

pub fn catalogue(lang: Lang) -> &'static Catalogue {
    match lang {
        Lang::ZhCn => &zh_cn::CATALOGUE,
        Lang::En => &en::CATALOGUE,
    }
}

/// The language of the page being rendered.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The catalogue of the page being rendered.
pub fn use_t() -> &'static Catalogue {
    catalogue(use_lang())
}

/// A moment as Beijing time (UTC+8, no daylight saving): `2026-11-23 09:05`.
pub fn beijing_time(millis: i64) -> String {
    let (year, month, day, hour, minute, _) =
        linli_model::time::civil(millis, linli_model::time::BEIJING_OFFSET_SECS);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
}

/// Groups digits by thousands: 12,345.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_model::tree::CodeSegment;

    #[test]
    fn times_are_shown_in_beijing_time() {
        assert_eq!(beijing_time(0), "1970-01-01 08:00");
        // 2026-11-22 16:30 UTC is 2026-11-23 00:30 in Beijing.
        assert_eq!(beijing_time(1_795_365_000_000), "2026-11-23 00:30");
        assert_eq!(beijing_time(951_782_400_000), "2000-02-29 08:00");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn every_code_error_has_a_distinct_message_in_both_languages() {
        let errors = [
            CodeError::Empty,
            CodeError::WrongLength {
                expected: 17,
                found: 3,
            },
            CodeError::NotDigit { position: 4 },
            CodeError::UnknownProvince(99),
            CodeError::ZeroSegment(CodeSegment::County),
            CodeError::ZeroSegment(CodeSegment::Township),
            CodeError::ZeroSegment(CodeSegment::Village),
            CodeError::ZeroSegment(CodeSegment::Sequence),
            CodeError::ZeroSegment(CodeSegment::Grid),
            CodeError::ZeroSegment(CodeSegment::MicroGrid),
            CodeError::UnknownMajorType(5),
            CodeError::UnknownSubtype(9),
            CodeError::SubtypeMismatch {
                major: 1,
                subtype: 4,
            },
            CodeError::UnknownSizeClass(7),
        ];
        for lang in Lang::ALL {
            let t = catalogue(lang);
            let messages: std::collections::HashSet<String> =
                errors.iter().map(|e| (t.code_error)(e)).collect();
            assert_eq!(messages.len(), errors.len(), "{lang:?}");
        }
        assert!(
            (catalogue(Lang::ZhCn).code_error)(&CodeError::NotDigit { position: 4 }).contains('4')
        );
        assert!(
            (catalogue(Lang::En).code_error)(&CodeError::WrongLength {
                expected: 17,
                found: 3
            })
            .contains("17")
        );
    }

    #[test]
    fn names_differ_between_languages() {
        for kind in CommunityType::ALL {
            assert_ne!(
                (catalogue(Lang::ZhCn).community_type)(kind),
                (catalogue(Lang::En).community_type)(kind)
            );
        }
    }
}
