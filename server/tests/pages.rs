//! Pages and routes over real HTTP, on SQLite and PostgreSQL.

mod support;

use linli_model::tree::CommunityCode;
use linli_service::{seed::DEMO_PASSWORD, test_on_both_engines, testing::TestDb};
use support::{build_app, spawn_app};

test_on_both_engines! {
    async fn pages_answer_with_their_status_and_content(db: TestDb) {
        let app = spawn_app(db).await;
        let community = &app.city.communities[5];

        let home = app.get("/").await;
        assert_eq!(home.status(), 200);
        assert_eq!(home.headers()["x-content-type-options"], "nosniff");
        let html = home.text().await.expect("body");
        assert!(html.contains(r#"<html lang="zh-CN""#));
        assert!(html.contains("明州市"));
        assert!(html.contains(r#"href="/pkg/linli.css""#), "the page links its stylesheet");
        assert!(
            html.contains(r#"import("/pkg/linli.js")"#) && !html.contains("<leptos-island"),
            "the loader is there, and the front page has no island to wake"
        );
        assert!(html.contains(r#"<meta name="description" content=""#));
        assert!(
            html.contains(r#"<a href="/" aria-current="page">"#)
                && !html.contains(r#"<a href="/matters" aria-current"#),
            "the header marks the section the page is in, and only that one"
        );

        let directory = app.get("/communities").await;
        assert_eq!(directory.status(), 200);
        let html = directory.text().await.expect("body");
        assert_eq!(html.matches(r#"class="card card-link""#).count(), 24);
        assert!(html.contains(r#"<a href="/communities" aria-current="page">"#));
        assert!(html.contains("rel=\"next\""), "60 communities need a second page");

        let page = app.get(&format!("/communities/{}", community.node.code)).await;
        assert_eq!(page.status(), 200);
        let html = page.text().await.expect("body");
        assert!(html.contains(&community.node.name.zh));
        assert!(html.contains(&format!("{}001", community.node.code)), "lists its grids");
        assert!(
            !html.contains(r#"<a href="/communities" aria-current"#),
            "the directory's link marks the directory itself, not a community in it"
        );

        let matters = app.get(&format!("/matters/stats?place={}", community.node.code)).await;
        assert_eq!(matters.status(), 200);
        let html = matters.text().await.expect("body");
        assert!(
            html.contains(r#"<a href="/matters" aria-current="page">"#)
                && !html.contains(r#"<a href="/" aria-current"#),
            "the matters' figures are in the matters section"
        );
    }
}

test_on_both_engines! {
    async fn bad_and_unknown_addresses_get_clear_answers(db: TestDb) {
        let app = spawn_app(db).await;

        let malformed = app.get("/communities/3302031010011410").await;
        assert_eq!(malformed.status(), 400);
        let html = malformed.text().await.expect("body");
        assert!(html.contains("社区代码有误"));
        assert!(html.contains("代码应为 17 位数字，您输入了 16 位。"));

        let code = CommunityCode::parse(&app.city.communities[0].node.code).expect("valid");
        let unknown = CommunityCode::new(&code.street(), 998, code.community_type(), code.size_class(), 98)
            .expect("valid");
        let missing = app.get(&format!("/communities/{unknown}")).await;
        assert_eq!(missing.status(), 404);
        assert!(missing.text().await.expect("body").contains("页面不存在"));

        let nowhere = app.get_in("en", "/no/such/page").await;
        assert_eq!(nowhere.status(), 404);
        let html = nowhere.text().await.expect("body");
        assert!(html.contains("Page not found"));
        assert!(html.contains(r#"<html lang="en""#));

        let search = app.get("/communities?q=33020310100114101").await;
        assert_eq!(search.status(), 400);
        let html = search.text().await.expect("body");
        assert!(html.contains("第 14 位的类型 4 不属于第 13 位的大类 1。"));
        assert!(html.contains(r#"value="33020310100114101""#), "keeps what was typed");
    }
}

test_on_both_engines! {
    async fn the_language_switch_sets_a_cookie_and_returns_to_the_page(db: TestDb) {
        let app = spawn_app(db).await;
        let switch = app.get("/lang/en?next=%2Fcommunities%3Fq%3D3302").await;
        assert_eq!(switch.status(), 303);
        assert_eq!(switch.headers()["location"], "/communities?q=3302");
        let cookie = switch.headers()["set-cookie"].to_str().expect("ascii");
        assert!(cookie.starts_with("linli_lang=en;"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"));

        let english = app.get_in("en", "/communities?q=3302").await.text().await.expect("body");
        assert!(english.contains(r#"<html lang="en""#));
        assert!(english.contains("Community directory"));

        assert_eq!(app.get("/lang/klingon").await.status(), 404);
    }
}

/// Values of `next=` that browsers follow off-site, as they arrive after
/// one round of URL decoding.
const OFF_SITE: [&str; 16] = [
    "//evil.example/",
    "/\\evil.example",
    "\\/evil.example",
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/%09/evil.example/",
    "/%2F/evil.example/",
    "/%2f%2fevil.example",
    "/%5Cevil.example",
    "/%252F/evil.example",
    "/ /evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
];

/// Every byte escaped, so the server sees exactly `raw` after decoding.
fn escaped(raw: &str) -> String {
    raw.bytes().map(|b| format!("%{b:02X}")).collect()
}

test_on_both_engines! {
    async fn no_next_parameter_leads_off_site(db: TestDb) {
        let app = spawn_app(db).await;
        for evil in OFF_SITE {
            let switch = app.get(&format!("/lang/zh-CN?next={}", escaped(evil))).await;
            assert_eq!(switch.status(), 303);
            assert_eq!(switch.headers()["location"], "/", "language switch, next={evil:?}");

            let signed_in = app
                .post_form(
                    "/account/sign-in",
                    &[("login", "resident@linli.demo"), ("password", DEMO_PASSWORD), ("next", evil)],
                    None,
                    Some(&app.base),
                )
                .await;
            assert_eq!(signed_in.status(), 303);
            assert_eq!(signed_in.headers()["location"], "/", "sign-in, next={evil:?}");
        }
        let home = app.get(&format!("/lang/zh-CN?next={}", escaped("/matters?page=2"))).await;
        assert_eq!(home.headers()["location"], "/matters?page=2", "local paths are kept");
    }
}

test_on_both_engines! {
    async fn health_and_readiness(db: TestDb) {
        let app = spawn_app(db).await;
        let health = app.get("/healthz").await;
        assert_eq!(health.status(), 200);
        let ready = app.get("/readyz").await;
        assert_eq!(ready.status(), 200);
        app.db.store.close().await;
        assert_eq!(app.get("/readyz").await.status(), 503, "a closed database is not ready");
        assert_eq!(app.get("/healthz").await.status(), 200);
    }
}

test_on_both_engines! {
    async fn server_functions_answer_in_json_and_refuse_malformed_codes(db: TestDb) {
        let app = spawn_app(db).await;
        let community = &app.city.communities[3];
        let found = app
            .client
            .post(app.url("/api/tree/community"))
            .form(&[("code", community.node.code.as_str())])
            .send()
            .await
            .expect("request");
        assert_eq!(found.status(), 200);
        let body: serde_json::Value = found.json().await.expect("json");
        assert_eq!(body["summary"]["name"]["zh"], community.node.name.zh.as_str());

        let refused = app
            .client
            .post(app.url("/api/tree/community"))
            .form(&[("code", "12345")])
            .send()
            .await
            .expect("request");
        assert!(refused.status().is_server_error() || refused.status().is_client_error());
        let body: serde_json::Value = refused.json().await.expect("json");
        assert_eq!(body["InvalidCode"]["WrongLength"]["expected"], 17);
    }
}

#[tokio::test]
async fn shutdown_lets_the_server_stop_cleanly() {
    let db = TestDb::sqlite().await;
    let app = build_app(db.store.clone()).await;
    let base = format!("http://127.0.0.1:{}", app.port());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    let ok = reqwest::get(format!("{base}/healthz"))
        .await
        .expect("request");
    assert_eq!(ok.status(), 200);
    stop.send(()).expect("signal");
    let outcome = tokio::time::timeout(std::time::Duration::from_secs(10), server)
        .await
        .expect("stops within 10 s")
        .expect("task");
    assert!(outcome.is_ok(), "{outcome:?}");
    assert!(
        reqwest::get(format!("{base}/healthz")).await.is_err(),
        "no longer listening"
    );
}

test_on_both_engines! {
    async fn a_community_publishes_its_item_list_and_answers_questions_from_it(db: TestDb) {
        let app = spawn_app(db).await;
        let code = &app.city.communities[0].node.code;

        let page = app.get(&format!("/communities/{code}/items")).await;
        assert_eq!(page.status(), 200);
        let html = page.text().await.expect("body");
        for part in ["依法履行职责事项", "依法协助政府工作事项", "不应由社区承担的工作", "不应由社区出具的证明"] {
            assert!(html.contains(part), "{part}");
        }
        assert!(html.contains("调解民间纠纷"));

        // The question is read on the server from a plain GET form.
        let answer = app.get(&format!("/communities/{code}/items?q=%E8%B0%81%E5%BC%80%E5%B1%85%E4%BD%8F%E8%AF%81%E6%98%8E")).await;
        assert_eq!(answer.status(), 200);
        let html = answer.text().await.expect("body");
        assert!(html.contains("居住证明"));
        assert!(html.contains("公安派出所"), "names where to go instead");
        assert!(!html.contains("调解民间纠纷"), "only the answers are listed");
        assert!(html.contains(r#"value="谁开居住证明""#), "keeps what was typed");

        let english = app.get_in("en", &format!("/communities/{code}/items?q=proof+of+residence")).await;
        let html = english.text().await.expect("body");
        assert!(html.contains("Proof of residence"));
        assert!(html.contains("The police station"));

        let malformed = app.get("/communities/3302031010011410/items").await;
        assert_eq!(malformed.status(), 400);
    }
}

test_on_both_engines! {
    async fn a_wrong_area_code_keeps_the_list_and_its_form(db: TestDb) {
        let app = spawn_app(db).await;
        for path in ["/needs", "/resources", "/responsibilities", "/projects", "/deliberations", "/matters"] {
            let response = app.get(&format!("{path}?place=1234&q=x")).await;
            assert_eq!(response.status(), 400, "{path}");
            let html = response.text().await.expect("body");
            assert!(html.contains(r#"value="1234""#), "{path} keeps what was typed");
            assert!(html.contains(r#"aria-invalid="true""#), "{path} marks the field");
            assert!(html.contains("field-error"), "{path} says what is wrong beside the field");
            assert!(!html.contains("notice-error"), "{path} is not an error page");
        }
    }
}

test_on_both_engines! {
    async fn people_see_their_places_by_name_and_workers_their_queue(db: TestDb) {
        let app = spawn_app(db).await;
        let community = &app.city.communities[0].node;
        let page = |cookie: String, path: &'static str| {
            let request = app
                .client
                .get(app.url(path))
                .header("cookie", cookie)
                .header("accept", "text/html");
            async move { request.send().await.expect("request").text().await.expect("body") }
        };

        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let account = page(resident.clone(), "/account").await;
        assert!(account.contains(&community.name.zh), "the resident's community by name");
        assert!(!account.contains("还没有加入社区"), "a verified resident has joined");
        let home = page(resident, "/").await;
        assert!(home.contains(&format!("/communities/{}/report", community.code)), "reporting starts in their community");
        assert!(!home.contains("count-badge"), "residents have no work queue");

        let grid = app.sign_in("grid@linli.demo", DEMO_PASSWORD).await;
        let home = page(grid.clone(), "/").await;
        assert!(home.contains(r#"href="/staff/matters""#), "a grid worker's header links to the work queue");
        assert!(home.contains("count-badge"), "with how much waits there");
        let account = page(grid, "/account").await;
        assert!(account.contains(r#"title="区划代码 "#), "the code is there on hover");
        assert!(!account.contains(&format!(r#"<span class="code">{}"#, community.code)), "no bare codes for known places");
    }
}

test_on_both_engines! {
    async fn signing_in_from_a_page_that_needs_it_comes_back_to_it(db: TestDb) {
        let app = spawn_app(db).await;
        let code = &app.city.communities[0].node.code;
        let report = app.get(&format!("/communities/{code}/report")).await;
        let html = report.text().await.expect("body");
        let next = format!("/sign-in?next=%2Fcommunities%2F{code}%2Freport");
        assert!(html.contains(&next), "the sign-in button carries the page");
        let signed = app
            .post_form(
                "/account/sign-in",
                &[("login", "resident@linli.demo"), ("password", DEMO_PASSWORD), ("next", &format!("/communities/{code}/report"))],
                None,
                Some(&app.base),
            )
            .await;
        assert_eq!(signed.headers()["location"], format!("/communities/{code}/report"));
        let outside = app
            .post_form(
                "/account/sign-in",
                &[("login", "resident@linli.demo"), ("password", DEMO_PASSWORD), ("next", "//evil.example/")],
                None,
                Some(&app.base),
            )
            .await;
        assert_eq!(outside.headers()["location"], "/", "only local paths");
    }
}

test_on_both_engines! {
    async fn secrets_are_shown_once_in_the_answer_to_their_form(db: TestDb) {
        let app = spawn_app(db).await;
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;

        // A blank name goes back to the form with the error, and nothing is made.
        let blank = app
            .post_form("/account/tokens", &[("name", " ")], Some(&resident), Some(&app.base))
            .await;
        assert_eq!(blank.status(), 303);
        let page = app.follow(&blank, Some(&resident)).await;
        assert!(page.contains(r#"id="token-name-error""#), "the error is beside the field");

        // A token's secret is in the answer itself, which no cache keeps,
        // and nowhere afterwards.
        let made = app
            .post_form("/account/tokens", &[("name", "楼栋大屏")], Some(&resident), Some(&app.base))
            .await;
        assert_eq!(made.status(), 200);
        assert_eq!(made.headers()["cache-control"], "no-store");
        let html = made.text().await.expect("body");
        let secret = html
            .split(r#"id="new-token""#)
            .nth(1)
            .and_then(|rest| rest.split('>').nth(1))
            .and_then(|rest| rest.split('<').next())
            .expect("the secret is shown")
            .to_owned();
        assert!(secret.starts_with("linli_"));
        let me = app
            .client
            .get(app.url("/api/v1/me"))
            .bearer_auth(&secret)
            .send()
            .await
            .expect("request");
        assert_eq!(me.status(), 200, "the secret shown is the token's");
        let again = app.page_as("/account", &resident).await;
        assert!(again.contains("楼栋大屏") && !again.contains(&secret));

        // Invitation codes likewise, and only for staff of the community.
        let community = app.city.communities[0].node.code.clone();
        let count = [("community", community.as_str()), ("count", "3")];
        let refused = app
            .post_form("/staff/invitations", &count, Some(&resident), Some(&app.base))
            .await;
        assert_eq!(refused.status(), 303);
        assert!(refused.headers()["location"].to_str().expect("location").contains("error=denied"));
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let zero = [("community", community.as_str()), ("count", "0")];
        let none = app.post_form("/staff/invitations", &zero, Some(&staff), Some(&app.base)).await;
        assert_eq!(none.status(), 303);
        assert!(app.follow(&none, Some(&staff)).await.contains(r#"id="invitation-count-error""#));
        let made = app.post_form("/staff/invitations", &count, Some(&staff), Some(&app.base)).await;
        assert_eq!(made.status(), 200);
        assert_eq!(made.headers()["cache-control"], "no-store");
        let html = made.text().await.expect("body");
        assert_eq!(html.matches(r#"<li class="code">"#).count(), 3);
    }
}
