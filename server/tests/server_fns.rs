//! Every server function, called as a hydrated page calls it: with an empty
//! body (no filter set, nothing typed) and with a minimal one. A caller's
//! mistake is a 4xx with the reason; nothing a page can send is a 500.

mod support;

use leptos::server_fn::axum::server_fn_paths;
use linli_service::{seed::DEMO_PASSWORD, test_on_both_engines};
use support::{TestApp, spawn_app};

/// Each server function and the smallest body that means something to it.
/// `{community}`, `{grid}` and `{district}` stand for the test city's first
/// ones (where the demo accounts work). A server function missing here
/// fails the test, so a new one is checked from its first day.
const MINIMAL: &[(&str, &str)] = &[
    ("accountability", "place={district}&month="),
    ("standards", "place={district}"),
    ("promises", "place={district}"),
    ("promise", "id=1"),
    ("results", "place={district}&late=false&page=1"),
    ("result", "id=1"),
    ("recurring", "community={community}&month="),
    ("account/viewer", ""),
    ("account/places", ""),
    ("account/tokens", ""),
    ("admission/history", "code={community}"),
    ("admission/desk", ""),
    ("audit/entries", ""),
    ("calendar/district", "code={district}"),
    ("deliberations/list", "query[stage]=collecting"),
    ("deliberations/upcoming", "place={district}"),
    ("deliberations/get", "id=1"),
    ("deliberations/records", "id=1"),
    ("deliberations/start-form", "community={community}"),
    ("docs/endpoints", ""),
    ("home", ""),
    ("inbox", ""),
    ("items/community", "code={community}"),
    ("lists/needs", "query[q]=%E8%80%81"),
    ("lists/resources", "query[place]={district}"),
    ("lists/responsibilities", "query[place]={community}"),
    ("lists/need", "id=1"),
    ("lists/resource", "id=1"),
    ("lists/community-form", "community={community}"),
    ("matters/list", "query[per]=20"),
    ("matters/get", "id=1"),
    ("matters/categories", ""),
    ("matters/settings", "community={community}"),
    ("matters/report-form", "community={community}"),
    ("matters/queue", ""),
    ("matters/stats", "place={district}"),
    ("membership/mine", ""),
    ("moderation/item", "what=topic:1"),
    ("moderation/log", "code={community}"),
    ("moderation/desk", ""),
    ("assist/page", ""),
    ("membership/queue", ""),
    ("projects/list", "query[status]=open"),
    ("projects/get", "id=1"),
    ("organisations/list", ""),
    ("organisations/get", "id=1"),
    ("organisations/desk", ""),
    ("tree/overview", ""),
    ("tree/districts", ""),
    ("tree/streets", "district={district}"),
    ("tree/communities", "q="),
    ("tree/community", "code={community}"),
];

/// The server functions the app registered, without the `/api/` prefix.
fn registered() -> Vec<String> {
    let mut paths: Vec<String> = server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

async fn call(app: &TestApp, endpoint: &str, body: &str, cookie: Option<&str>) -> (u16, String) {
    let mut request = app
        .client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", &app.base)
        .body(body.to_owned());
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

#[test]
fn every_server_function_has_a_minimal_call() {
    let listed: Vec<&str> = MINIMAL.iter().map(|(p, _)| *p).collect();
    for path in registered() {
        assert!(
            listed.contains(&path.as_str()),
            "server function {path} has no minimal call in MINIMAL"
        );
    }
    for path in listed {
        assert!(
            registered().iter().any(|p| p == path),
            "{path} is listed but not registered"
        );
    }
}

test_on_both_engines! {
    async fn no_server_function_fails_on_an_empty_or_minimal_body(db: TestDb) {
        let app = spawn_app(db).await;
        let community = app.city.communities[0].node.code.clone();
        let grid = app.city.grids[0].node.code.clone();
        let district = app.city.districts[0].code.clone();
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        for (endpoint, minimal) in MINIMAL {
            let minimal = minimal
                .replace("{community}", &community)
                .replace("{grid}", &grid)
                .replace("{district}", &district);
            for cookie in [None, Some(staff.as_str())] {
                let who = if cookie.is_some() { "staff" } else { "a visitor" };
                let (status, body) = call(&app, endpoint, "", cookie).await;
                assert!(
                    status < 500,
                    "{endpoint} with an empty body from {who}: {status} {body}"
                );
                assert!(
                    !body.contains("deserializ") || status == 400,
                    "{endpoint}: an argument error must be a 400: {status} {body}"
                );
                let (status, body) = call(&app, endpoint, &minimal, cookie).await;
                assert!(
                    status < 500 && status != 400,
                    "{endpoint} with {minimal:?} from {who}: {status} {body}"
                );
            }
        }
        // Lists with no filter set are what a header link asks for after
        // hydration: they must answer with the list, not an error.
        for endpoint in [
            "deliberations/list",
            "projects/list",
            "matters/list",
            "lists/needs",
            "lists/resources",
            "lists/responsibilities",
        ] {
            let (status, body) = call(&app, endpoint, "", None).await;
            assert_eq!(status, 200, "{endpoint} with no filter: {body}");
        }
    }
}
