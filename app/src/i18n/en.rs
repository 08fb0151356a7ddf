//! English — the second interface language.

use linli_model::{
    account::FieldError,
    api_token::CredentialsEnded,
    matter::{MatterState, Severity, StepKind},
    membership::MembershipStatus,
    role::Role,
    tree::{CodeError, CodeSegment, CommunityType, GridKind, MajorType, SizeClass},
};

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

fn field_error(e: &FieldError) -> String {
    match e {
        FieldError::Required => "Please fill this in.".into(),
        FieldError::TooShort(n) => format!("Use at least {n} characters."),
        FieldError::TooLong(n) => format!("Use at most {n} characters."),
        FieldError::NotALogin => "Enter a mobile number (11 digits) or an email address.".into(),
        FieldError::BadEmail => "This email address is not valid, e.g. name@example.cn.".into(),
        FieldError::BadPhone => {
            "A mobile number has 11 digits and starts with 1, e.g. 138 1234 5678.".into()
        }
        FieldError::ControlCharacters => {
            "Contains characters that cannot be shown; remove them.".into()
        }
        FieldError::CommonPassword => {
            "This password is too common and easy to guess; choose another.".into()
        }
        FieldError::RepeatedCharacter => "A password cannot be one character repeated.".into(),
        FieldError::PasswordsDiffer => "The two passwords differ.".into(),
        FieldError::Taken => {
            "This mobile number or email is registered already; sign in instead.".into()
        }
        FieldError::BadInvitation => "An invitation code has 8 letters and digits, e.g. K7M3-Q9TX.".into(),
        FieldError::InvitationUnusable => {
            "This invitation code is unknown, used or expired. You can leave it empty and wait for staff to verify you.".into()
        }
        FieldError::NotInCommunity => "Choose a grid of this community.".into(),
        FieldError::AlreadyRequested => "You have asked to join this community already.".into(),
        FieldError::NumberRange(a, b) => format!("Enter a whole number from {a} to {b}."),
        FieldError::NotBefore(at) => format!(
            "The consultation can only begin after the notice period: {} at the earliest. Move its start to then or later in the arrangements (\"Save arrangements\") first, then publish the notice.",
            crate::i18n::beijing_time(*at)
        ),
        FieldError::LinkUnusable => {
            "This link is unknown, used or expired (links work for an hour). Please ask for a new one.".into()
        }
        FieldError::SentAlready => "This form was sent already. If this is another matter, check it and press Send again: it will be filed as a new report.".into(),
        FieldError::UnknownAccount => "No account uses this mobile number or email.".into(),
        FieldError::BadScopeCode => {
            "The code does not fit the role: a grid worker needs a 20-digit grid code, community roles a 17-digit community code, streets 9 digits, districts 6.".into()
        }
        FieldError::LimitReached(n) => format!("You have reached the limit of {n}; remove one first."),
        FieldError::NotAChoice => "Please choose one of the options offered.".into(),
        FieldError::WindowClosed => "The time for this has passed.".into(),
        FieldError::NotAPhoto => "This file is not a photo. Please choose a JPEG, PNG or WebP picture.".into(),
        FieldError::FileTooLarge(n) => format!("Each photo can be at most {n} MB. Please choose a smaller one."),
        FieldError::TooManyPixels(n) => format!("This picture is too big (over {n} million pixels). Please send a smaller copy."),
        FieldError::BadTime => "Choose a date and time, for example 2026-12-01 19:30.".into(),
        FieldError::BadDate => "Choose a date, for example 2027-02-06.".into(),
        FieldError::InThePast => "This time has passed. Choose a later one.".into(),
        FieldError::EndsBeforeStart => "The end must come after the start.".into(),
        FieldError::Choices(a, b) => format!("Give {a} to {b} choices, one per line."),
        FieldError::BadCreditCode => "A unified social credit code has 18 digits and capital letters (never I, O, S, V or Z); copy it from the registration certificate.".into(),
        FieldError::CreditCodeCheck => "The last character (the check character) does not match: one character is probably mistyped.".into(),
        FieldError::BadAmount => "Give an amount in yuan, such as 12000 or 12,000.50.".into(),
        FieldError::OverBudget => "The total is above the budget.".into(),
        FieldError::RankedTwice => "Give each rank to one option only.".into(),
        FieldError::NotYourResident => "No verified resident of a community you serve uses this number or email. Check it; a resident not yet verified needs verifying first.".into(),
        FieldError::SecondPersonNeeded => "A tally sheet is confirmed by another staff member, not by whoever entered it.".into(),
        FieldError::WeightsSum(n) => format!("The weights must add up to 100; they add up to {n}."),
        FieldError::BadLine(n) => format!("Line {n} should read: name | value."),
        FieldError::WrongPassword => "The current password is not right.".into(),
    }
}

fn membership_status(s: MembershipStatus) -> &'static str {
    match s {
        MembershipStatus::Pending => "Waiting for verification",
        MembershipStatus::Verified => "Verified",
        MembershipStatus::Rejected => "Not accepted",
    }
}

fn role(r: Role) -> &'static str {
    match r {
        Role::Resident => "Resident",
        Role::CouncilMember => "Residents' council member",
        Role::GridWorker => "Grid worker",
        Role::CommunityStaff => "Community staff",
        Role::StreetOfficer => "Street officer",
        Role::DistrictOfficer => "District officer",
        Role::OrganisationMember => "Social organisation member",
        Role::PlatformAdmin => "Platform administrator",
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

    denied_title: "Not allowed",
    denied_body: "Please sign in, or use an account with the right role.",

    nav_sign_in: "Sign in",
    nav_sign_up: "Sign up",
    nav_account: "My account",
    account_nav_label: "Account",
    sign_out: "Sign out",
    sign_in_title: "Sign in",
    sign_in_lead: "Sign in with your mobile number or email.",
    login_label: "Mobile number or email",
    login_hint: "For example 138 1234 5678 or name@example.cn",
    password_label: "Password",
    sign_in_button: "Sign in",
    no_account: "No account yet? Sign up",
    bad_credentials: "The mobile number, email or password is not right.",
    locked: |secs| {
        format!(
            "Too many attempts. Please try again in {} minutes.",
            (secs + 59) / 60
        )
    },
    unavailable: "The service is unavailable right now. Please try again later.",
    errors_summary: "Please correct the following:",
    sign_up_title: "Sign up",
    sign_up_lead: "With an account you can raise local matters, join deliberations and rate results.",
    display_name_label: "Name",
    display_name_hint: "Your neighbours see this name, e.g. Auntie Wang",
    new_password_hint: "At least 8 characters. A phrase you remember works well, e.g. lanterns by the river",
    confirm_label: "Password again",
    sign_up_button: "Sign up",
    have_account: "Have an account? Sign in",
    account_title: "My account",
    roles_heading: "My roles",
    no_roles: "No roles yet. They appear here once you join a community and are verified.",
    change_password_heading: "Change password",
    current_password_label: "Current password",
    new_password_label: "New password",
    change_password_button: "Change password",
    sessions_heading: "Signed-in devices",
    sign_out_everywhere_hint: "Lost your phone, or signed in on someone else's computer? Sign out on every device.",
    sign_out_everywhere_button: "Sign out everywhere",
    notice_welcome: "Welcome to Linli!",
    notice_password_changed: "Your password was changed and your other devices were signed out.",
    notice_signed_out_everywhere: "You were signed out on every device.",
    demo_accounts_hint: "Demo accounts: resident@linli.demo and others, password linli-demo-2026 (see the README).",
    join_title: |name| format!("Join {name}"),
    join_lead: "Tell us where you live. Once community staff verify it, you can vote. With an invitation code it takes effect at once.",
    join_link: "Join this community",
    grid_label: "Your grid",
    choose_grid: "Choose a grid",
    choose: "Choose…",
    building_label: "Building",
    building_hint: "For example: Building 3",
    unit_label: "Entrance (optional)",
    room_label: "Flat number",
    invitation_label: "Invitation code (optional)",
    invitation_hint: "The 8-character code from the notice board, e.g. K7M3-Q9TX",
    join_button: "Send request",
    address_privacy: "Only this community's staff can see your address.",
    memberships_heading: "My communities",
    no_memberships: "You have not joined a community yet.",
    membership_status,
    reason_prefix: "Reason: ",
    notice_joined_pending: "Your request was sent. It takes effect once community staff verify it.",
    notice_joined_verified: "You have joined the community!",
    nav_staff: "Staff desk",
    code_of_place: |code| format!("Area code {code}"),
    whole_city: "The whole city",
    previous_page: "Previous page",
    pages_label: "Pages",
    menu: "Menu",
    nav_work: "My work",
    waiting_count: |n| format!("{n} waiting"),
    queue_title: "Verify residents",
    queue_for: |name| format!("{name} · requests to verify"),
    queue_empty: "No requests are waiting.",
    queue_community_label: "Community code",
    queue_show: "Show",
    address_label: "Address",
    requested_label: "Requested",
    approve: "Verify",
    reject: "Decline",
    reason_label: "Reason for declining (the person sees it)",
    notice_decided: "Done.",
    denied_here: "You are not allowed to handle this community's requests.",
    invitations_heading: "Invitation codes",
    invitations_hint: "Make one-time codes to put up on the notice board. Each works once, for 30 days, and is shown only now.",
    count_label: "How many",
    create_invitations_button: "Make codes",
    invitations_made: "New invitation codes:",
    forgot_link: "Forgot your password?",
    forgot_title: "Reset your password",
    forgot_lead: "Enter the mobile number or email you signed up with. We send a link to set a new password; it works for an hour.",
    forgot_button: "Send the link",
    notice_reset_sent: "If this mobile number or email has an account, a link to reset the password is on its way.",
    reset_title: "Set a new password",
    reset_lead: "Choose a new password. Every device will be signed out.",
    reset_button: "Set new password",
    notice_password_reset: "Your password was reset. Please sign in with the new one.",
    audit_title: "Audit log",
    audit_lead: "Every change in your area, newest first. Entries can be added, never changed.",
    audit_empty: "Nothing has been recorded yet.",
    audit_time: "Time",
    audit_action: "Action",
    audit_target: "Target",
    audit_area: "Area",
    audit_actor: "By",
    audit_outcome: "Outcome",
    audit_older: "Older entries",
    tokens_heading: "API tokens",
    tokens_hint: "For your own scripts and integrations: a token acts as you, with your rights. Keep it like a password.",
    tokens_empty: "No tokens yet.",
    token_name_label: "What the token is for (e.g. \"lobby screen\")",
    token_create_button: "Make a token",
    token_created: "Your token is ready. Copy it now; it is shown only this once:",
    token_revoke_button: "Revoke",
    token_created_at: "Made",
    token_last_used: "Last used",
    token_never_used: "Never used",
    notice_token_revoked: "The token was revoked and no longer works.",
    footer_api: "Open API",
    api_title: "The Linli API",
    api_lead: "Other systems can read the community directory through the REST API, or act for one person. The API follows the same rules and permissions as these pages.",
    api_auth_heading: "Authentication",
    api_auth_text: "Public data needs no sign-in. Everything else needs a personal token from your account page, sent in a header:",
    api_errors_heading: "Errors",
    api_errors_text: "Failures come with the fitting HTTP status and this JSON; the code is stable, the message follows Accept-Language (Chinese or English):",
    api_paging_heading: "Paging",
    api_paging_text: "Lists return one page at a time: items and next. Pass next back as the cursor parameter for the following page; a null next means the last page.",
    api_limits_heading: "Rate limits",
    api_limits_text: "Each token may make up to 600 requests a minute; beyond that the answer is 429 with a Retry-After header.",
    api_endpoints_heading: "Endpoints",
    api_method: "Method",
    api_path: "Path",
    api_summary: "What it does",
    api_needs_token: "Token",
    api_openapi_link: "Download the OpenAPI 3.1 document (openapi.json)",
    nav_matters: "Matters",
    matters_title: "Residents' matters",
    matters_lead: "What residents have raised, from report to registration, dispatch and closure, every step in the open.",
    matters_empty: "No matters match.",
    matters_search_label: "Words (title or description)",
    filter_state: "State",
    filter_severity: "Severity",
    filter_category: "Category",
    filter_overdue: "Overdue only",
    per_page: "Per page",
    any: "Any",
    older_matters: "Older matters",
    report_button: "Report a matter",
    report_title: "Report a matter",
    report_lead: "Say what the problem is and where. Staff answer here, and every step shows on the matter's page.",
    category_label: "Category",
    choose_category: "Choose a category",
    title_label: "Title (the problem in one line)",
    description_label: "What happened",
    description_hint: "Since when, who it affects, what you would like done.",
    address_detail_label: "Exact place (optional)",
    address_detail_hint: "e.g. outside building 3, entrance 1",
    show_name_label: "Show my name on the public page",
    show_name_hint: "Whether or not it is public, the staff handling the matter always see your name.",
    submit_report: "Send",
    photos_label: "Photos (optional, up to 5)",
    photos_hint: "JPEG, PNG or WebP, at most 10 MB each. Location and camera details are removed before a photo is shown.",
    photos_kept: |n| {
        if n == 1 {
            "1 photo is attached; no need to choose it again.".into()
        } else {
            format!("{n} photos are attached; no need to choose them again.")
        }
    },
    photo_alt: |n| format!("Photo {n}"),
    photos_heading: "Photos",
    point_legend: "Map point (optional)",
    point_hint: "On a phone, the button below fills this in; you can also leave it empty and describe the place.",
    latitude_label: "Latitude",
    longitude_label: "Longitude",
    use_my_location: "Use where I am now",
    locating: "Finding your position…",
    location_failed: "Your position could not be found; type it in or leave it empty.",
    map_link: "See on a map",
    settings_title: "Deadlines and categories",
    settings_lead: "How many working days each severity of matter has, and which categories residents of this community can choose when they report.",
    settings_link: "Deadlines and categories",
    deadlines_heading: "Handling deadlines",
    working_days: |n| {
        if n == 1 {
            "1 working day".into()
        } else {
            format!("{n} working days")
        }
    },
    working_days_unit: "working days",
    categories_heading: "Categories residents can choose",
    save_settings: "Save settings",
    notice_settings_saved: "Settings saved. New deadlines apply to matters registered from now on.",
    notice_added: "Added to the list.",
    notice_removed: "Taken down.",
    settings_read_only: "Community staff look after these settings.",
    matter_updated: "This matter has moved on; the page now shows it.",
    site_description: "Linli: residents raise local matters and follow them to the end, councils deliberate in public, community needs, resources and duties are listed, and social organisations bid openly for community projects.",
    similar_heading: "Is it one of these?",
    similar_hint: "If so, support it with \"Me too\": that gets it handled sooner than a second report.",
    me_too: "Me too",
    look_for_similar: "See if someone reported it already",
    supported_already: "You support this",
    supporters: "supporters",
    reported_on: "Reported",
    deadline_label: "Due",
    overdue_badge: "Overdue",
    place_label: "Place",
    reporter_label: "Reported by",
    reporter_hidden: "A resident (name not shown)",
    handler_label: "Handled by",
    timeline_heading: "Timeline",
    system_actor: "Linli",
    rating_label: "Resident's rating",
    merged_into_label: "Merged into matter",
    referred_to_label: "Referred to",
    actions_heading: "Handle this matter",
    severity_label: "Severity",
    register_button: "Register",
    reject_button: "Reject",
    reason_field: "Reason",
    merge_button: "Merge as a duplicate",
    into_label: "Number of the matter to merge into",
    refer_button: "Refer elsewhere",
    refer_to_label: "Refer to (body)",
    refer_item_label: "Refer by the item list (optional)",
    refer_item_none: "Not on the list: name the body below",
    refer_item_hint: "With a list item the resident sees why it is not the community's work and where to go; the body can then be left empty.",
    dispatch_button: "Dispatch",
    no_handler_person: "No one person (a team only)",
    team_label: "or the name of a team",
    start_button: "Start work",
    resolve_button: "Mark resolved",
    done_label: "What was done",
    rate_heading: "How was it handled?",
    stars_label: "Stars (1–5)",
    comment_label: "Comment (optional)",
    rate_button: "Send rating",
    reopen_heading: "Not solved?",
    reopen_button: "Reopen",
    reopen_hint: "You can ask for it to be reopened within 14 days of being resolved.",
    notice_reported: "Sent. Every step staff take will show here.",
    notice_supported: "Thank you; your support is counted.",
    notice_step_done: "Saved.",
    error_moved_on: "This matter changed just now; here is where it stands.",
    report_here: "Report a matter here",
    matters_here: "Matters here",
    matter_state,
    severity,
    step_kind,
    queue_matters_title: "Matters to handle",
    queue_matters_lead: "Open matters in your area, nearest deadline first. Area:",
    queue_matters_empty: "Nothing to handle right now.",
    pick_label: "Select matter",
    bulk_dispatch_heading: "Dispatch the selected matters",
    inbox_title: "My messages",
    inbox_empty: "No messages yet. When a matter you reported or support moves, you will hear of it here.",
    inbox_account: "Account security",
    credentials_ended: |why, n| {
        let what = match why {
            CredentialsEnded::PasswordChanged => "You changed your password",
            CredentialsEnded::PasswordReset => "You reset your password from a link",
            CredentialsEnded::SignedOutEverywhere => "You signed out everywhere",
        };
        let tokens = if n == 1 {
            "token".to_owned()
        } else {
            format!("{n} tokens")
        };
        format!(
            "{what}, so your API {tokens} stopped working. Make a new one under My account if you still need it."
        )
    },
    unread: "New",
    notice_bulk_dispatched: "The selected matters were dispatched.",
    waiting_heading: "Reports waiting to be placed",
    waiting_lead: "These came from apps that know nothing of grids (Open311), with only an address or a position. Choose the grid and each becomes a matter, timed from when it came in.",
    waiting_named: |place| match place {
        Some(name) => format!("The address names: {name}"),
        None => "The address matched no place".to_owned(),
    },
    waiting_received: "Received",
    waiting_position: "Position",
    place_grid_label: "Grid",
    place_grid_code_hint: "The 20-digit grid code",
    place_button: "Place in this grid",
    notice_placed: "Placed in its grid: it is now a matter.",
    stats_floor_note: "“—” means fewer than 5: shares, median times and the spread of ratings over fewer than 5 matters are not published, so no one can be told apart.",
    open_data_title: "Open data",
    open_data_lead: "Every list and figure Linli publishes can be downloaded: CSV opens in a spreadsheet, JSON is for programs. What each column means is written below.",
    open_data_floor: "Privacy: figures over fewer than 5 people (shares, means, medians, the spread of ratings) are published neither on pages nor in downloads, and no resident's name or contact is ever included.",
    open_data_catalogue: "The catalogue of every dataset (JSON)",
    open_data_template: "Put a 6-digit district code in place of {code}.",
    open_data_csv: "Download CSV",
    open_data_json: "JSON",
    open_data_paged: "Large lists come a page at a time: each CSV page links the next (a Link header), each JSON page carries next.",
    open_data_fields: "Fields",
    open_data_field: "Field",
    open_data_meaning: "Meaning",
    footer_open_data: "Open data",
    stats_title: "Matter statistics",
    stats_lead: "Area:",
    stats_here: "Statistics",
    stat_open: "Open",
    stat_closed: "Closed",
    stat_overdue_share: "Overdue share",
    stat_settled_share: "Settled in the community",
    stat_mean_rating: "Mean rating",
    chart_by_state: "Matters by state",
    chart_median_hours: "Median hours to close",
    chart_ratings: "Residents' ratings",
    yes: "Yes",
    no: "No",
    roles_heading_staff: "Roles",
    roles_hint_staff: "Give or take back roles in your area. You can only give roles below your own; every change is recorded.",
    role_label: "Role",
    scope_code_label: "Area code",
    grant_button: "Give",
    revoke_button: "Take back",
    notice_role_granted: "The role was given.",
    notice_role_revoked: "The role was taken back.",
    field_error,
    role,

    code_error,
    major_type,
    community_type,
    size_class,
    grid_kind,
    households: |n| format!("{} households", thousands(n)),
};

fn matter_state(s: MatterState) -> &'static str {
    match s {
        MatterState::Submitted => "Waiting",
        MatterState::Registered => "Registered",
        MatterState::Rejected => "Not accepted",
        MatterState::Merged => "Merged",
        MatterState::Referred => "Referred",
        MatterState::Dispatched => "Dispatched",
        MatterState::InProgress => "In progress",
        MatterState::Resolved => "Resolved, awaiting rating",
        MatterState::Closed => "Closed",
    }
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Minor => "Minor",
        Severity::General => "General",
        Severity::Larger => "Larger",
        Severity::Major => "Major",
    }
}

fn step_kind(k: StepKind) -> &'static str {
    k.name(linli_model::Lang::En)
}
