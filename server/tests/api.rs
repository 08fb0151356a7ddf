//! The REST API over HTTP: its document, the error envelope, paging,
//! personal tokens (made, used, rate limited, revoked) and the same policy
//! as the pages, including the attacks.

mod support;

use linli_model::tree::CommunityCode;
use linli_service::{seed::DEMO_PASSWORD, test_on_both_engines};
use serde_json::{Value, json};
use support::{API_RATE_LIMIT, TestApp, spawn_app, spawn_app_on, still_clock};

impl TestApp {
    async fn api_get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(self.url(&format!("/api/v1{path}")));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request")
    }

    async fn api_post(&self, path: &str, body: &Value, token: &str) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/v1{path}")))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request")
    }
}

async fn error_code(response: reqwest::Response) -> (u16, String, Value) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.expect("an error envelope");
    let code = body["error"]["code"].as_str().expect("a code").to_owned();
    (status, code, body["error"].clone())
}

test_on_both_engines! {
    async fn the_openapi_document_describes_the_api(db: TestDb) {
        let app = spawn_app(db).await;
        let doc: Value = app.api_get("/openapi.json", None).await.json().await.expect("json");
        assert!(doc["openapi"].as_str().expect("version").starts_with("3.1"));
        for path in ["/communities", "/communities/{code}", "/me/tokens", "/role-grants", "/audit"] {
            assert!(doc["paths"][path].is_object(), "{path} is documented");
        }
        assert_eq!(doc["components"]["securitySchemes"]["token"]["scheme"], "bearer");
        assert!(doc["components"]["schemas"]["CommunitySummary"].is_object());

        let page = app.get("/api").await;
        assert_eq!(page.status(), 200);
        let html = page.text().await.expect("body");
        assert!(html.contains("/api/v1/communities/{code}/membership-requests"), "the API page lists endpoints from the document");
        assert!(html.contains("openapi.json"));
    }
}

test_on_both_engines! {
    async fn public_lists_page_with_a_cursor_and_errors_use_the_envelope(db: TestDb) {
        let app = spawn_app(db).await;
        let first: Value = app.api_get("/communities?limit=7", None).await.json().await.expect("json");
        let items = first["items"].as_array().expect("items");
        assert_eq!(items.len(), 7);
        let cursor = first["next"].as_str().expect("a next page");
        let second: Value = app
            .api_get(&format!("/communities?limit=7&cursor={cursor}"), None)
            .await
            .json()
            .await
            .expect("json");
        let second_items = second["items"].as_array().expect("items");
        assert!(second_items[0]["code"].as_str() > items[6]["code"].as_str(), "keyset order continues");

        let mut seen = 0;
        let mut next: Option<String> = None;
        loop {
            let path = match &next {
                Some(c) => format!("/communities?limit=100&cursor={c}"),
                None => "/communities?limit=100".to_owned(),
            };
            let page: Value = app.api_get(&path, None).await.json().await.expect("json");
            seen += page["items"].as_array().expect("items").len();
            match page["next"].as_str() {
                Some(c) => next = Some(c.to_owned()),
                None => break,
            }
        }
        assert_eq!(seen, app.city.communities.len(), "walking the pages sees every community once");

        let (status, code, error) = error_code(app.api_get("/communities?q=33020310100114101", None).await).await;
        assert_eq!((status, code.as_str()), (422, "invalid"));
        assert_eq!(error["fields"][0]["field"], "q");
        assert!(error["message"].as_str().expect("message").contains("第 14 位"));

        let english = app
            .client
            .get(app.url("/api/v1/communities?limit=0"))
            .header("accept-language", "en-GB,en;q=0.9")
            .send()
            .await
            .expect("request");
        let (status, code, error) = error_code(english).await;
        assert_eq!((status, code.as_str()), (422, "invalid"));
        assert_eq!(error["fields"][0]["code"], "number_range_1_100");
        assert_eq!(error["fields"][0]["message"], "Enter a whole number from 1 to 100.");

        let (status, code, _) = error_code(app.api_get("/no/such/thing", None).await).await;
        assert_eq!((status, code.as_str()), (404, "not_found"));
        let known = CommunityCode::parse(&app.city.communities[0].node.code).expect("valid");
        let code_of_nowhere =
            CommunityCode::new(&known.street(), 998, known.community_type(), known.size_class(), 98).expect("valid");
        let (status, code, _) = error_code(app.api_get(&format!("/communities/{code_of_nowhere}"), None).await).await;
        assert_eq!((status, code.as_str()), (404, "not_found"));
        let (status, code, _) = error_code(app.api_get("/me", None).await).await;
        assert_eq!((status, code.as_str()), (401, "unauthenticated"));
    }
}

test_on_both_engines! {
    async fn a_token_acts_for_its_owner_until_it_is_revoked(db: TestDb) {
        let app = spawn_app(db).await;
        let token = app.token_for("resident@linli.demo").await;
        assert!(token.starts_with("linli_"));
        let me: Value = app.api_get("/me", Some(&token)).await.json().await.expect("json");
        assert_eq!(me["display_name"], "王阿姨（居民）");

        // Only a hash is stored.
        let stored: Vec<String> = app.db.store.query_strings("SELECT token_hash FROM api_token").await;
        assert_eq!(stored.len(), 1);
        assert_ne!(stored[0], token);
        assert!(!stored[0].contains(&token[6..]));

        // A token call ignores cookies, so a foreign page's Origin is no
        // threat and is not refused; the same call with a cookie and no
        // token is a browser's, and is.
        let community = app.city.communities[0].node.code.clone();
        let grid = format!("{community}002");
        let body = json!({"grid": grid, "building": "3幢", "unit": "", "room": "502", "invitation": ""});
        let cross_site = app
            .client
            .post(app.url(&format!("/api/v1/communities/{community}/membership-requests")))
            .header("origin", "https://evil.example")
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .expect("request");
        assert_eq!(cross_site.status(), 201, "token calls are exempt from the origin check");
        let cookie = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let second = app
            .client
            .post(app.url("/api/v1/me/tokens"))
            .header("origin", &app.base)
            .header("cookie", &cookie)
            .json(&json!({"name": "second"}))
            .send()
            .await
            .expect("request");
        assert_eq!(second.status(), 201, "a signed-in person makes tokens");
        let forged = app
            .client
            .post(app.url(&format!("/api/v1/communities/{community}/membership-requests")))
            .header("origin", "https://evil.example")
            .header("cookie", &cookie)
            .json(&body)
            .send()
            .await
            .expect("request");
        assert_eq!(forged.status(), 403, "a cookie call from another site is refused");

        let listed: Value = app.api_get("/me/tokens", Some(&token)).await.json().await.expect("json");
        let listed = listed.as_array().expect("tokens");
        assert_eq!(listed.len(), 2);
        assert!(listed.iter().all(|t| t.get("token").is_none()), "secrets are never listed");
        let first_id = listed[1]["id"].as_i64().expect("id");

        // Revoked through the account page's form: the token stops at once.
        let revoked = app
            .post_form(&format!("/account/tokens/{first_id}/revoke"), &[], Some(&cookie), Some(&app.base))
            .await;
        assert_eq!(revoked.status(), 303);
        assert!(revoked.headers()["location"].to_str().expect("ascii").contains("token_revoked"));
        let (status, code, _) = error_code(app.api_get("/me", Some(&token)).await).await;
        assert_eq!((status, code.as_str()), (401, "invalid_token"));
        let (status, code, _) = error_code(app.api_get("/communities", Some("linli_not-a-token")).await).await;
        assert_eq!((status, code.as_str()), (401, "invalid_token"), "a malformed token is refused, not ignored");

        // Someone else cannot revoke a token that is not theirs.
        let other = app.sign_in("council@linli.demo", DEMO_PASSWORD).await;
        let second_id = listed[0]["id"].as_i64().expect("id");
        let theirs = app
            .client
            .delete(app.url(&format!("/api/v1/me/tokens/{second_id}")))
            .header("cookie", &other)
            .header("origin", &app.base)
            .send()
            .await
            .expect("request");
        let (status, code, _) = error_code(theirs).await;
        assert_eq!((status, code.as_str()), (404, "not_found"));

        let log: Vec<String> = app.db.store.query_strings("SELECT action FROM audit_entry WHERE action LIKE 'api_token.%'").await;
        assert_eq!(log.iter().filter(|a| *a == "api_token.create").count(), 2);
        assert_eq!(log.iter().filter(|a| *a == "api_token.revoke").count(), 1);
    }
}

test_on_both_engines! {
    async fn each_token_is_rate_limited_on_its_own(db: TestDb) {
        let app = spawn_app_on(db, still_clock()).await;
        let busy = app.token_for("resident@linli.demo").await;
        let calm = app.token_for("council@linli.demo").await;
        let mut refused = None;
        for _ in 0..=API_RATE_LIMIT {
            let response = app.api_get("/districts", Some(&busy)).await;
            if response.status() == 429 {
                refused = Some(response);
                break;
            }
            assert_eq!(response.status(), 200);
        }
        let refused = refused.expect("the limit is reached within one minute's budget");
        let retry: i64 = refused.headers()["retry-after"].to_str().expect("ascii").parse().expect("seconds");
        assert!((1..=60).contains(&retry));
        let (_, code, _) = error_code(refused).await;
        assert_eq!(code, "rate_limited");
        assert_eq!(app.api_get("/districts", Some(&calm)).await.status(), 200, "another token is unaffected");
    }
}

test_on_both_engines! {
    async fn the_api_applies_the_same_policy_as_the_pages(db: TestDb) {
        let app = spawn_app(db).await;
        let community = app.city.communities[0].node.code.clone();
        let resident = app.token_for("resident@linli.demo").await;
        let street = app.token_for("street@linli.demo").await;
        let staff = app.token_for("staff@linli.demo").await;

        // A newcomer asks to join, through the API.
        let newcomer = app
            .post_form(
                "/account/sign-up",
                &[("display_name", "新邻居"), ("login", "13700002222"), ("password", "a long fine phrase"), ("confirm", "a long fine phrase")],
                None,
                None,
            )
            .await;
        let newcomer_cookie = support::session_cookie(&newcomer).expect("signed up");
        let made = app
            .client
            .post(app.url("/api/v1/me/tokens"))
            .header("cookie", &newcomer_cookie)
            .header("origin", &app.base)
            .json(&json!({"name": "phone"}))
            .send()
            .await
            .expect("request");
        let newcomer_token = made.json::<Value>().await.expect("json")["token"].as_str().expect("token").to_owned();
        let bad = app
            .api_post(&format!("/communities/{community}/membership-requests"), &json!({"grid": "", "building": "", "unit": "", "room": "", "invitation": ""}), &newcomer_token)
            .await;
        let (status, code, error) = error_code(bad).await;
        assert_eq!((status, code.as_str()), (422, "invalid"));
        assert!(error["fields"].as_array().expect("fields").iter().any(|f| f["field"] == "grid"));
        let grid = format!("{community}001");
        let joined = app
            .api_post(&format!("/communities/{community}/membership-requests"), &json!({"grid": grid, "building": "1幢", "unit": "2", "room": "301", "invitation": ""}), &newcomer_token)
            .await;
        assert_eq!(joined.status(), 201);
        assert_eq!(joined.json::<Value>().await.expect("json")["status"], "pending");

        // A resident calling the staff route directly is refused.
        let queue_path = format!("/communities/{community}/membership-requests");
        let (status, code, _) = error_code(app.api_get(&queue_path, Some(&resident)).await).await;
        assert_eq!((status, code.as_str()), (403, "forbidden"));
        let (status, code, _) = error_code(app.api_get("/audit", Some(&resident)).await).await;
        assert_eq!((status, code.as_str()), (403, "forbidden"));

        // A street officer outside their street is refused.
        let elsewhere = app
            .city
            .communities
            .iter()
            .map(|c| c.node.code.clone())
            .find(|c| c[..9] != community[..9])
            .expect("a community in another street");
        let (status, code, _) = error_code(app.api_get(&format!("/communities/{elsewhere}/membership-requests"), Some(&street)).await).await;
        assert_eq!((status, code.as_str()), (403, "out_of_scope"));
        let grant_elsewhere = app
            .api_post("/role-grants", &json!({"login": "13700002222", "role": "council_member", "scope": elsewhere}), &street)
            .await;
        let (status, code, _) = error_code(grant_elsewhere).await;
        assert_eq!((status, code.as_str()), (403, "out_of_scope"));

        // Staff see the request and verify it; the person is then verified.
        let queue: Value = app.api_get(&queue_path, Some(&staff)).await.json().await.expect("json");
        let request = queue.as_array().expect("queue").iter().find(|r| r["room"] == "301").expect("the request").clone();
        let id = request["id"].as_i64().expect("id");
        let refused = app.api_post(&format!("/membership-requests/{id}/decision"), &json!({"decision": "approve"}), &resident).await;
        assert_eq!(refused.status(), 403);
        let no_reason = app.api_post(&format!("/membership-requests/{id}/decision"), &json!({"decision": "reject", "reason": " "}), &staff).await;
        assert_eq!(no_reason.status(), 422, "a rejection needs a reason");
        let approved = app.api_post(&format!("/membership-requests/{id}/decision"), &json!({"decision": "approve"}), &staff).await;
        assert_eq!(approved.status(), 204);
        let mine: Value = app.api_get("/me/memberships", Some(&newcomer_token)).await.json().await.expect("json");
        assert_eq!(mine[0]["status"], "verified");

        // Malformed JSON is a clear 400.
        let broken = app
            .client
            .post(app.url("/api/v1/role-grants"))
            .bearer_auth(&staff)
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .expect("request");
        let (status, code, _) = error_code(broken).await;
        assert_eq!((status, code.as_str()), (400, "bad_request"));

        // Staff give a role inside their community, and read the log.
        let granted = app
            .api_post("/role-grants", &json!({"login": "13700002222", "role": "council_member", "scope": community}), &staff)
            .await;
        assert_eq!(granted.status(), 204);
        let log: Value = app.api_get("/audit", Some(&staff)).await.json().await.expect("json");
        let actions: Vec<&str> = log["items"].as_array().expect("items").iter().filter_map(|e| e["action"].as_str()).collect();
        assert!(actions.contains(&"role.grant"));
        assert!(actions.contains(&"membership.approve"));
    }
}

test_on_both_engines! {
    async fn matters_through_the_api(db: TestDb) {
        let app = spawn_app(db).await;
        let community = app.city.communities[0].node.code.clone();
        let resident = app.token_for("resident@linli.demo").await;
        let staff = app.token_for("staff@linli.demo").await;
        let report = json!({
            "grid": format!("{community}001"), "category": "noise", "title": "楼上深夜装修噪音",
            "description": "连续三晚十一点后还在电钻，老人和孩子睡不着。", "key": "api-report-000000001"
        });
        let first = app.api_post(&format!("/communities/{community}/matters"), &report, &resident).await;
        assert_eq!(first.status(), 201);
        let id = first.json::<Value>().await.expect("json")["id"].as_i64().expect("id");
        let again = app.api_post(&format!("/communities/{community}/matters"), &report, &resident).await;
        assert_eq!(again.status(), 200, "the same key reports nothing new");
        assert_eq!(again.json::<Value>().await.expect("json")["id"], id);
        let mut changed = report.clone();
        changed["title"] = json!("楼上深夜装修噪音，物业不管");
        let (status, code, message) = error_code(app.api_post(&format!("/communities/{community}/matters"), &changed, &resident).await).await;
        assert_eq!((status, code.as_str()), (409, "key_reused"), "a key sent again with another report: {message}");

        let refused = app.api_post(&format!("/matters/{id}/steps"), &json!({"step": "register", "severity": "general"}), &resident).await;
        let (status, code, _) = error_code(refused).await;
        assert_eq!((status, code.as_str()), (403, "forbidden"));
        let registered = app.api_post(&format!("/matters/{id}/steps"), &json!({"step": "register", "severity": "general"}), &staff).await;
        assert_eq!(registered.status(), 200);
        assert_eq!(registered.json::<Value>().await.expect("json")["state"], "registered");
        let (status, code, _) = error_code(app.api_post(&format!("/matters/{id}/steps"), &json!({"step": "start"}), &staff).await).await;
        assert_eq!((status, code.as_str()), (409, "conflict"), "start comes after dispatch");
        let (status, code, _) = error_code(app.api_post(&format!("/matters/{id}/steps"), &json!({"step": "fly"}), &staff).await).await;
        assert_eq!((status, code.as_str()), (400, "bad_request"), "an unknown step is a malformed request");

        // The API meets the forms' text rules: no control characters, no
        // blank or overlong text, one to five stars; nothing is stored.
        let hostile = format!("\u{0}\u{7}\u{1b}[31m{}", "长".repeat(600));
        for bad in [
            json!({"step": "reject", "reason": hostile}),
            json!({"step": "reject", "reason": "  "}),
            json!({"step": "dispatch", "handler": {"team": "维修\n班"}}),
            json!({"step": "resolve", "done": "长".repeat(1001)}),
        ] {
            let (status, code, message) = error_code(app.api_post(&format!("/matters/{id}/steps"), &bad, &staff).await).await;
            assert_eq!((status, code.as_str()), (400, "bad_request"), "{bad}: {message}");
        }
        for step in [json!({"step": "dispatch", "handler": {"team": "物业维修班"}}), json!({"step": "resolve", "done": "已清理"})] {
            assert_eq!(app.api_post(&format!("/matters/{id}/steps"), &step, &staff).await.status(), 200, "{step}");
        }
        for bad in [
            json!({"step": "rate", "rating": {"stars": 0}}),
            json!({"step": "rate", "rating": {"stars": 6}}),
            json!({"step": "rate", "rating": {"stars": 5}, "comment": hostile}),
        ] {
            let (status, code, message) = error_code(app.api_post(&format!("/matters/{id}/steps"), &bad, &resident).await).await;
            assert_eq!((status, code.as_str()), (400, "bad_request"), "{bad}: {message}");
        }
        let rated = app.api_post(&format!("/matters/{id}/steps"), &json!({"step": "rate", "rating": {"stars": 5}, "comment": "很快"}), &resident).await;
        assert_eq!(rated.status(), 200);
        let stored = app.db.store.query_strings(&format!("SELECT COALESCE(rating_comment, '') FROM matter WHERE matter_id = {id}")).await;
        assert_eq!(stored, ["很快"]);

        let listed: Value = app.api_get(&format!("/matters?place={community}&state=closed"), None).await.json().await.expect("json");
        assert_eq!(listed["items"][0]["id"], id);
        let (status, code, _) = error_code(app.api_get("/matters?state=flying", None).await).await;
        assert_eq!((status, code.as_str()), (422, "invalid"));
        let one: Value = app.api_get(&format!("/matters/{id}"), None).await.json().await.expect("json");
        assert_eq!(one["matter"]["timeline"].as_array().expect("timeline").len(), 5);
        assert_eq!(one["matter"]["reporter"], Value::Null, "hidden from the public");
        assert_eq!(one["you"]["may_manage"], false);
    }
}

test_on_both_engines! {
    async fn the_item_list_answers_a_question_as_json(db: TestDb) {
        let app = spawn_app(db).await;
        let code = &app.city.communities[0].node.code;
        let all: Value = app.api_get(&format!("/communities/{code}/items"), None).await.json().await.expect("json");
        let items = all["items"].as_array().expect("items");
        let totals: u64 = all["totals"].as_array().expect("totals").iter().map(|n| n.as_u64().expect("count")).sum();
        assert_eq!(items.len() as u64, totals);
        assert_eq!(all["query"], Value::Null);

        let asked: Value = app
            .api_get(&format!("/communities/{code}/items?q=%E5%B1%85%E4%BD%8F%E8%AF%81%E6%98%8E"), None)
            .await
            .json()
            .await
            .expect("json");
        let best = &asked["items"][0];
        assert_eq!(best["kind"], "no_certificate");
        assert_eq!(best["title"]["zh"], "居住证明");
        assert!(best["detail"]["zh"].as_str().expect("text").contains("派出所"));

        let (status, code, _) = error_code(app.api_get("/communities/123/items", None).await).await;
        assert_eq!((status, code.as_str()), (422, "invalid"));
    }
}

/// A token for `login` and the session cookie that made it.
async fn token_and_session(app: &TestApp, login: &str) -> (String, String) {
    let token = app.token_for(login).await;
    (token, app.sign_in(login, DEMO_PASSWORD).await)
}

test_on_both_engines! {
    async fn tokens_cannot_manage_tokens_and_credential_changes_end_them(db: TestDb) {
        let app = spawn_app(db).await;
        let (token, _) = token_and_session(&app, "resident@linli.demo").await;
        let (status, code, _) = error_code(app.api_post("/me/tokens", &json!({"name": "another"}), &token).await).await;
        assert_eq!((status, code.as_str()), (403, "forbidden"), "a token cannot mint a token");
        let listed: Value = app.api_get("/me/tokens", Some(&token)).await.json().await.expect("json");
        let id = listed[0]["id"].as_i64().expect("its id");
        let revoke = app.client.delete(app.url(&format!("/api/v1/me/tokens/{id}"))).bearer_auth(&token).send().await.expect("request");
        assert_eq!(revoke.status(), 403, "nor revoke one");

        // Each way of changing credentials ends every token and reset link.
        let (changed, session) = token_and_session(&app, "grid@linli.demo").await;
        app.post_form("/account/forgot", &[("login", "grid@linli.demo")], None, None).await;
        let fields = [("current", DEMO_PASSWORD), ("password", "a quiet new phrase"), ("confirm", "a quiet new phrase")];
        let done = app.post_form("/account/password", &fields, Some(&session), Some(&app.base)).await;
        assert_eq!(done.status(), 303);
        assert_eq!(app.api_get("/me", Some(&changed)).await.status(), 401, "a password change ends tokens");
        let messages = app.db.store.unsent_messages(10).await.expect("outbox");
        let link = messages.iter().filter(|m| m.recipient == "grid@linli.demo").flat_map(|m| m.body.lines()).find(|l| l.starts_with("http://linli.test/reset/")).expect("a link");
        let reset = [("token", link.trim_start_matches("http://linli.test/reset/")), ("password", "another new phrase"), ("confirm", "another new phrase")];
        let refused = app.post_form("/account/reset", &reset, None, None).await;
        assert!(app.follow(&refused, None).await.contains("这个链接无效、已用过或已过期"), "and earlier reset links");
        let cookie = app.sign_in("grid@linli.demo", "a quiet new phrase").await;
        let inbox = app.client.get(app.url("/inbox")).header("cookie", &cookie).send().await.expect("inbox").text().await.expect("body");
        assert!(inbox.contains("您修改了密码，您的 1 个接口令牌已一并作废"), "the inbox says why the token stopped");

        let (everywhere, session) = token_and_session(&app, "council@linli.demo").await;
        app.post_form("/account/sign-out-everywhere", &[], Some(&session), Some(&app.base)).await;
        assert_eq!(app.api_get("/me", Some(&everywhere)).await.status(), 401, "signing out everywhere ends tokens");

        let (reset_token, _) = token_and_session(&app, "staff@linli.demo").await;
        app.post_form("/account/forgot", &[("login", "staff@linli.demo")], None, None).await;
        let messages = app.db.store.unsent_messages(20).await.expect("outbox");
        let link = messages.iter().filter(|m| m.recipient == "staff@linli.demo").flat_map(|m| m.body.lines()).find(|l| l.starts_with("http://linli.test/reset/")).expect("a link");
        let fields = [("token", link.trim_start_matches("http://linli.test/reset/")), ("password", "a third phrase"), ("confirm", "a third phrase")];
        assert_eq!(app.post_form("/account/reset", &fields, None, None).await.headers()["location"], "/sign-in?notice=password_reset");
        assert_eq!(app.api_get("/me", Some(&reset_token)).await.status(), 401, "a reset ends tokens");
    }
}

test_on_both_engines! {
    async fn every_api_error_is_the_json_envelope(db: TestDb) {
        let app = spawn_app(db).await;
        let token = app.token_for("resident@linli.demo").await;
        let wrong_method = app.client.delete(app.url("/api/v1/districts")).bearer_auth(&token).send().await.expect("request");
        let (status, code, _) = error_code(wrong_method).await;
        assert_eq!((status, code.as_str()), (405, "method_not_allowed"));
        let huge = json!({"name": "x".repeat(2 * 1024 * 1024)});
        let too_large = app.client.post(app.url("/api/v1/me/tokens")).bearer_auth(&token).json(&huge).send().await.expect("request");
        let (status, code, message) = error_code(too_large).await;
        assert_eq!((status, code.as_str()), (413, "too_large"), "{message}");
        let community = app.city.communities[0].node.code.clone();
        let cookie = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let forged = app
            .client
            .post(app.url(&format!("/api/v1/communities/{community}/membership-requests")))
            .header("origin", "https://evil.example")
            .header("cookie", &cookie)
            .json(&json!({}))
            .send()
            .await
            .expect("request");
        let (status, code, _) = error_code(forged).await;
        assert_eq!((status, code.as_str()), (403, "forbidden"));
    }
}
