//! Markup typed into any field of any record stays text on every page that
//! shows it, head and body alike, on SQLite and PostgreSQL.

mod support;

use std::collections::{HashMap, HashSet, VecDeque};

use linli_service::{
    clock::{Clock, SystemClock},
    seed::{self, DEMO_PASSWORD, Silent},
    test_on_both_engines,
};
use support::{TestApp, spawn_app};

/// Breaks out of `<title>` and runs a script if anything prints it raw;
/// short enough for every field's length limit.
const MARKUP: &str = "\"'</title><script>x()</script>";
const RAW: &str = "<script>x()</script>";
const ESCAPED: &str = "&lt;script&gt;x()&lt;/script&gt;";

/// Every column that holds what a person typed, by kind of record.
const USER_TEXT: &[(&str, &[&str])] = &[
    ("account", &["display_name"]),
    ("membership", &["building", "unit", "room", "reason"]),
    (
        "matter",
        &[
            "title",
            "description",
            "address",
            "handler_team",
            "referred_to",
            "rating_comment",
        ],
    ),
    ("matter_event", &["note"]),
    (
        "deliberation",
        &[
            "title",
            "description",
            "place",
            "stakeholders",
            "materials",
            "minutes_attendance",
            "minutes_arguments",
            "minutes_result",
            "minutes_decision",
            "implementation",
        ],
    ),
    ("deliberation_event", &["note"]),
    ("topic", &["title", "description", "why", "reason"]),
    ("objection", &["body", "answer"]),
    ("statement", &["body"]),
    ("poll", &["question"]),
    (
        "organisation",
        &["name", "legal_rep", "description", "reason"],
    ),
    (
        "project",
        &["title", "description", "requirements", "eligibility"],
    ),
    ("bid_sheet", &["comment"]),
    ("project_event", &["note"]),
    ("milestone_report", &["body"]),
    ("project_rating", &["comment"]),
    ("department", &["name"]),
    ("item_proposal", &["title", "detail", "reason"]),
    ("item_review", &["reason"]),
    ("need", &["title", "detail"]),
    (
        "resource",
        &["name", "detail", "owner", "contact", "opening_hours"],
    ),
    ("responsibility", &["name"]),
];

/// Columns that hold JSON with typed text in its strings.
const JSON_TEXT: [(&str, &str); 2] = [("bid", "content"), ("project", "criteria")];

/// Replaces the typed strings (those with Chinese in them; keys and tags
/// are ASCII) by the markup.
fn hostile_strings(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) if !s.is_ascii() => *s = MARKUP.to_owned(),
        serde_json::Value::Array(items) => items.iter_mut().for_each(hostile_strings),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(hostile_strings),
        _ => {}
    }
}

/// Paths that are not HTML pages, or that change state when followed.
const SKIP: [&str; 8] = [
    "/lang/", "/pkg/", "/api/", "/photos/", "/open311", "/events", ".csv", "/favicon",
];

/// Pages of one shape (digits and query values aside) worth opening.
const PER_SHAPE: usize = 2;

async fn load_demo(app: &TestApp) {
    let store = &app.db.store;
    let now = SystemClock.now();
    seed::load_matters(store, &app.city, 300, now, 365, &Silent)
        .await
        .expect("matters");
    seed::load_demo_deliberations(store, now, &app.city, "http://linli.test")
        .await
        .expect("deliberations");
    let links = seed::load_demo_lists(store, now, &app.city)
        .await
        .expect("lists");
    seed::load_demo_projects(store, now, &app.city, &links)
        .await
        .expect("projects");
    seed::load_demo_admission(store, now, &app.city)
        .await
        .expect("admission");
    // What the demo city leaves empty: join requests, addresses, a reason
    // on an organisation.
    for sql in [
        "INSERT INTO membership (account_id, community_id, grid_id, building, unit, room, status, reason, created_at) \
         SELECT a.account_id, g.community_id, g.grid_id, '1', '2', '301', s.status, s.reason, 0 \
         FROM account a, grid g, (SELECT 'pending' AS status, NULL AS reason UNION ALL SELECT 'rejected', 'x') s \
         WHERE a.email IN ('resident@linli.demo', 'org@linli.demo') AND g.grid_id = (SELECT MIN(grid_id) FROM grid)",
        "UPDATE matter SET address = 'x' WHERE matter_id % 3 = 0",
        "UPDATE organisation SET reason = 'x'",
    ] {
        store
            .execute_raw(sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    let quoted = MARKUP.replace('\'', "''");
    let mut untried = Vec::new();
    for (table, columns) in USER_TEXT {
        for column in *columns {
            // Department names are unique: each keeps its number after the markup.
            let unique = if *table == "department" {
                " || CAST(department_id AS TEXT)"
            } else {
                ""
            };
            let changed = store
                .execute_raw(&format!(
                    "UPDATE {table} SET {column} = '{quoted}'{unique} WHERE {column} IS NOT NULL"
                ))
                .await
                .unwrap_or_else(|e| panic!("{table}.{column}: {e}"));
            if changed == 0 {
                untried.push(format!("{table}.{column}"));
            }
        }
    }
    for (table, column) in JSON_TEXT {
        for stored in store
            .query_strings(&format!("SELECT DISTINCT {column} FROM {table}"))
            .await
        {
            let mut value: serde_json::Value = serde_json::from_str(&stored).expect("stored JSON");
            hostile_strings(&mut value);
            let (old, new) = (
                stored.replace('\'', "''"),
                value.to_string().replace('\'', "''"),
            );
            store
                .execute_raw(&format!(
                    "UPDATE {table} SET {column} = '{new}' WHERE {column} = '{old}'"
                ))
                .await
                .expect("update JSON");
        }
    }
    assert!(
        untried.is_empty(),
        "the demo has nothing in {untried:?} to try"
    );
}

/// The page's path with digit runs and query values blanked.
fn shape(path: &str) -> String {
    let mut out = String::new();
    let mut in_value = false;
    for c in path.split('#').next().unwrap_or_default().chars() {
        match c {
            '=' => {
                in_value = true;
                out.push('=');
            }
            '&' => {
                in_value = false;
                out.push('&');
            }
            _ if in_value => {}
            c if c.is_ascii_digit() => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&"))
        .filter(|href| href.starts_with('/') && !href.starts_with("//"))
        .filter(|href| !SKIP.iter().any(|s| href.contains(s)))
        .map(|href| href.split('#').next().unwrap_or_default().to_owned())
        .collect()
}

/// The page once per form on it, as it comes back from a failed post:
/// the form named by `which` and the markup in each of its fields.
fn refills(path: &str, html: &str) -> Vec<String> {
    let attr = |tag: &str, name: &str| {
        tag.split(&format!(" {name}=\""))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(str::to_owned)
    };
    let escaped: String = MARKUP.bytes().map(|b| format!("%{b:02X}")).collect();
    let joiner = if path.contains('?') { '&' } else { '?' };
    html.split("<form")
        .skip(1)
        .filter_map(|form| {
            let form = form.split("</form>").next().unwrap_or_default();
            let which = attr(form.split('>').next().unwrap_or_default(), "id")?;
            let fields: Vec<String> = form
                .split(['<'])
                .filter(|tag| {
                    tag.starts_with("input")
                        || tag.starts_with("textarea")
                        || tag.starts_with("select")
                })
                .filter_map(|tag| attr(tag, "name"))
                .map(|name| format!("&{name}={escaped}"))
                .collect();
            Some(format!("{path}{joiner}which={which}{}", fields.concat()))
        })
        .collect()
}

fn title(html: &str) -> &str {
    let start = html.find("<title>").map_or(0, |i| i + "<title>".len());
    let end = html[start..].find("</title>").map_or(start, |i| start + i);
    &html[start..end]
}

/// Opens every kind of page reachable from the home page and the person's
/// account; returns how many showed the escaped markup, in title and body,
/// and how many forms came back refilled with it.
async fn crawl(app: &TestApp, cookie: Option<&str>, who: &str) -> (usize, usize, usize) {
    let mut queue: VecDeque<String> = ["/", "/account", "/staff", "/matters/queue", "/inbox"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    let mut seen = HashSet::new();
    let mut shapes: HashMap<String, usize> = HashMap::new();
    let (mut in_title, mut in_body, mut forms) = (0, 0, 0);
    while let Some(path) = queue.pop_front() {
        let n = shapes.entry(shape(&path)).or_default();
        if *n >= PER_SHAPE || !seen.insert(path.clone()) {
            continue;
        }
        *n += 1;
        let mut request = app.client.get(app.url(&path));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        let response = request.send().await.expect("request");
        let status = response.status();
        assert!(!status.is_server_error(), "{who} {path}: {status}");
        let html = response.text().await.expect("body");
        if let Some(at) = html.find(RAW) {
            let around: String = html[at.saturating_sub(300)..].chars().take(400).collect();
            panic!("{who} {path}: markup printed raw: …{around}…");
        }
        let head = title(&html);
        assert!(
            !head.contains(['<', '>']),
            "{who} {path}: the title holds markup: {head}"
        );
        in_title += usize::from(head.contains("&lt;/title&gt;"));
        in_body += usize::from(html.contains(ESCAPED));
        for refill in refills(&path, &html) {
            let mut request = app.client.get(app.url(&refill));
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            let html = request
                .send()
                .await
                .expect("request")
                .text()
                .await
                .expect("body");
            assert!(
                !html.contains(RAW),
                "{who} {refill}: typed markup printed raw"
            );
            forms += usize::from(html.contains(ESCAPED));
        }
        queue.extend(links(&html));
    }
    (in_title, in_body, forms)
}

test_on_both_engines! {
    async fn markup_in_every_field_stays_text_on_every_page(db: TestDb) {
        let _ = tracing_subscriber::fmt().with_test_writer().try_init();
        let app = spawn_app(db).await;
        load_demo(&app).await;
        let (in_title, in_body, forms) = crawl(&app, None, "visitor").await;
        assert!(forms > 0, "forms come back refilled with what was typed: {forms}");
        assert!(in_title >= 3, "matter, deliberation and project pages carry the title: {in_title}");
        assert!(in_body >= 10, "the markup is shown, as text: {in_body}");
        for login in ["resident", "admin", "staff", "council", "org", "expert1", "grid"] {
            let cookie = app.sign_in(&format!("{login}@linli.demo"), DEMO_PASSWORD).await;
            let (_, in_body, forms) = crawl(&app, Some(&cookie), login).await;
            assert!(in_body > 0 && forms > 0, "{login} sees the markup as text, stored and typed");
        }
    }
}
