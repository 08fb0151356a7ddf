//! Accounts over HTTP, including the attacks: forged cross-site posts,
//! session fixation, brute force.

mod support;

use linli_service::{seed::DEMO_PASSWORD, test_on_both_engines};
use support::{session_cookie, spawn_app};

test_on_both_engines! {
    async fn signing_in_sets_a_fresh_http_only_cookie_and_shows_the_person(db: TestDb) {
        let app = spawn_app(db).await;
        // A session id planted by an attacker before sign-in...
        let planted = format!("linli_session={}", "ab".repeat(32));
        let response = app
            .post_form(
                "/account/sign-in",
                &[("login", "resident@linli.demo"), ("password", DEMO_PASSWORD), ("next", "/communities")],
                Some(&planted),
                Some(&app.base),
            )
            .await;
        assert_eq!(response.status(), 303);
        assert_eq!(response.headers()["location"], "/communities");
        let set_cookie = response.headers()["set-cookie"].to_str().expect("ascii").to_owned();
        assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"), "{set_cookie}");
        assert!(!set_cookie.contains("Secure"), "plain HTTP here");
        // ...is replaced, never adopted.
        let cookie = session_cookie(&response).expect("cookie");
        assert_ne!(cookie, planted);

        let account = app.client.get(app.url("/account")).header("cookie", &cookie).send().await.expect("request");
        assert_eq!(account.status(), 200);
        assert!(account.text().await.expect("body").contains("王阿姨（居民）"));

        let with_planted = app.client.get(app.url("/account")).header("cookie", &planted).send().await.expect("request");
        assert_eq!(with_planted.status(), 401, "the planted id means nothing");
    }
}

test_on_both_engines! {
    async fn a_forged_cross_site_post_is_refused(db: TestDb) {
        let app = spawn_app(db).await;
        let cookie = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        for (origin, referer) in [
            (Some("https://evil.example"), None),
            (Some("null"), None),
            (None, Some("https://evil.example/page")),
        ] {
            let mut request = app.client.post(app.url("/account/sign-out-everywhere")).header("cookie", &cookie);
            if let Some(o) = origin {
                request = request.header("origin", o);
            }
            if let Some(r) = referer {
                request = request.header("referer", r);
            }
            let response = request.send().await.expect("request");
            assert_eq!(response.status(), 403, "{origin:?} {referer:?}");
        }
        let bare = app.client.post(app.url("/account/sign-out-everywhere")).header("cookie", &cookie).send().await.expect("request");
        assert_eq!(bare.status(), 403, "a cookie without Origin or Referer is refused");

        // The session survived every forged attempt; the real page's post works.
        let account = app.client.get(app.url("/account")).header("cookie", &cookie).send().await.expect("request");
        assert_eq!(account.status(), 200);
        let own = app.post_form("/account/sign-out-everywhere", &[], Some(&cookie), Some(&app.base)).await;
        assert_eq!(own.status(), 303);
        let after = app.client.get(app.url("/account")).header("cookie", &cookie).send().await.expect("request");
        assert_eq!(after.status(), 401);
    }
}

test_on_both_engines! {
    async fn brute_force_is_locked_out_with_a_clear_wait(db: TestDb) {
        let app = spawn_app(db).await;
        for _ in 0..5 {
            let r = app
                .post_form("/account/sign-in", &[("login", "council@linli.demo"), ("password", "guess")], None, None)
                .await;
            assert!(r.headers()["location"].to_str().expect("ascii").contains("error=bad_credentials"));
        }
        let locked = app
            .post_form("/account/sign-in", &[("login", "council@linli.demo"), ("password", DEMO_PASSWORD)], None, None)
            .await;
        let location = locked.headers()["location"].to_str().expect("ascii").to_owned();
        assert!(location.contains("error=locked") && location.contains("retry="), "{location}");
        assert!(session_cookie(&locked).is_none());
        let page = app.get(&location).await.text().await.expect("body");
        assert!(page.contains("尝试次数过多，请在 15 分钟后再试。"), "the page says how long to wait");
    }
}

test_on_both_engines! {
    async fn a_sign_up_with_mistakes_comes_back_with_what_was_typed(db: TestDb) {
        let app = spawn_app(db).await;
        let r = app
            .post_form(
                "/account/sign-up",
                &[("display_name", "老周"), ("login", "zhou@"), ("password", "12345678"), ("confirm", "12345678")],
                None,
                None,
            )
            .await;
        assert_eq!(r.status(), 303);
        let location = r.headers()["location"].to_str().expect("ascii").to_owned();
        assert!(!location.contains("zhou") && !location.contains("12345678"), "nothing typed travels in URLs: {location}");
        let page = app.follow(&r, None).await;
        assert!(page.contains(r#"value="老周""#) && page.contains(r#"value="zhou@""#));
        let elsewhere = app.get(&location).await.text().await.expect("body");
        assert!(!elsewhere.contains("zhou@"), "what was typed is only for the browser that typed it");
        assert!(page.contains("邮箱地址格式不对"));
        assert!(page.contains("这个密码太常见"));

        let taken = app
            .post_form(
                "/account/sign-up",
                &[("display_name", "冒名"), ("login", "resident@linli.demo"), ("password", "a long fine phrase"), ("confirm", "a long fine phrase")],
                None,
                None,
            )
            .await;
        assert!(app.follow(&taken, None).await.contains("这个手机号或邮箱已经注册过了"));
    }
}

test_on_both_engines! {
    async fn pages_carry_a_nonce_based_content_security_policy(db: TestDb) {
        let app = spawn_app(db).await;
        let response = app.get("/").await;
        let csp = response.headers()["content-security-policy"].to_str().expect("ascii").to_owned();
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "{csp}");
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("a nonce")
            .to_owned();
        let html = response.text().await.expect("body");
        assert!(html.contains(&format!(r#"nonce="{nonce}""#)), "inline scripts carry the nonce");
        // The second response may be a shared copy of the page: it still
        // gets a nonce of its own, in the header and in the scripts alike.
        let again = app.get("/").await;
        assert!(!again.headers()["content-security-policy"].to_str().expect("ascii").contains(&nonce), "a new nonce per response");
        assert!(!again.text().await.expect("body").contains(&nonce));
    }
}

test_on_both_engines! {
    async fn a_resident_cannot_use_the_staff_routes_directly(db: TestDb) {
        let app = spawn_app(db).await;
        let community = app.city.communities[0].node.code.clone();
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        // A request to decide on, made by a new person.
        let newcomer = app
            .post_form(
                "/account/sign-up",
                &[("display_name", "新邻居"), ("login", "13700001111"), ("password", "a long fine phrase"), ("confirm", "a long fine phrase")],
                None,
                None,
            )
            .await;
        let newcomer = support::session_cookie(&newcomer).expect("signed up");
        let grid = format!("{community}001");
        let joined = app
            .post_form(
                &format!("/communities/{community}/join"),
                &[("grid", grid.as_str()), ("building", "1幢"), ("room", "101")],
                Some(&newcomer),
                Some(&app.base),
            )
            .await;
        assert!(joined.headers()["location"].to_str().expect("ascii").contains("joined_pending"));

        // The queue page and the server function refuse a resident.
        let page = app.client.get(app.url("/staff/memberships")).header("cookie", &resident).send().await.expect("request");
        assert_eq!(page.status(), 403);
        let audit = app.client.get(app.url("/staff/audit")).header("cookie", &resident).send().await.expect("request");
        assert_eq!(audit.status(), 403, "residents do not read the audit log");
        let queue = app
            .client
            .post(app.url("/api/membership/queue"))
            .header("cookie", &resident)
            .header("origin", &app.base)
            .form(&[("community", community.as_str())])
            .send()
            .await
            .expect("request");
        assert_eq!(queue.status(), 403, "a refused server function says so, with a JSON body");
        let body: serde_json::Value = queue.json().await.expect("json");
        assert_eq!(body["Denied"], "NotPermitted");

        // The decision route refuses too, and nothing changes.
        let id: i64 = app
            .db
            .store
            .pending_memberships(&linli_model::tree::CommunityCode::parse(&community).expect("valid"), 10)
            .await
            .expect("queue")[0]
            .id;
        let forged = app
            .post_form(&format!("/staff/memberships/{id}"), &[("decision", "approve")], Some(&resident), Some(&app.base))
            .await;
        let location = forged.headers().get("location").map(|l| l.to_str().unwrap_or_default().to_owned());
        assert!(location.as_deref().is_some_and(|l| l.contains("error=denied")), "{} {location:?}", forged.status());
        assert!(location.as_deref().is_some_and(|l| !l.contains(&community)), "a refusal does not say where the request came from: {location:?}");
        let still = app.db.store.membership_ref(id).await.expect("found");
        assert_eq!(still.status, "pending");

        // Staff of the community may.
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let done = app
            .post_form(&format!("/staff/memberships/{id}"), &[("decision", "approve")], Some(&staff), Some(&app.base))
            .await;
        assert!(done.headers()["location"].to_str().expect("ascii").contains("notice=decided"));
        assert_eq!(app.db.store.membership_ref(id).await.expect("found").status, "verified");
    }
}

test_on_both_engines! {
    async fn a_reset_link_from_the_outbox_sets_a_new_password_once(db: TestDb) {
        let app = spawn_app(db).await;
        let asked = app.post_form("/account/forgot", &[("login", "grid@linli.demo")], None, None).await;
        assert_eq!(asked.headers()["location"], "/forgot?notice=reset_sent");
        let unknown = app.post_form("/account/forgot", &[("login", "ghost@linli.demo")], None, None).await;
        assert_eq!(unknown.headers()["location"], "/forgot?notice=reset_sent", "no hint whether it exists");

        let messages = app.db.store.unsent_messages(10).await.expect("outbox");
        assert_eq!(messages.len(), 1);
        let link = messages[0].body.lines().find(|l| l.starts_with("http://linli.test/reset/")).expect("a link");
        let token = link.trim_start_matches("http://linli.test/reset/").to_owned();
        assert_eq!(app.get(&format!("/reset/{token}")).await.status(), 200);

        let fields = [("token", token.as_str()), ("password", "a quiet new phrase"), ("confirm", "a quiet new phrase")];
        let done = app.post_form("/account/reset", &fields, None, None).await;
        assert_eq!(done.headers()["location"], "/sign-in?notice=password_reset");
        app.sign_in("grid@linli.demo", "a quiet new phrase").await;

        let again = app.post_form("/account/reset", &fields, None, None).await;
        let page = app.follow(&again, None).await;
        assert!(page.contains("这个链接无效、已用过或已过期"));
    }
}

test_on_both_engines! {
    async fn staff_give_a_role_through_the_form_and_residents_cannot(db: TestDb) {
        let app = spawn_app(db).await;
        let grid = format!("{}002", app.city.communities[0].node.code);
        let fields = [("login", "council@linli.demo"), ("role", "grid_worker"), ("scope", grid.as_str()), ("action", "grant")];
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let refused = app.post_form("/staff/roles", &fields, Some(&resident), Some(&app.base)).await;
        assert!(refused.headers()["location"].to_str().expect("ascii").contains("error=denied"));

        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let done = app.post_form("/staff/roles", &fields, Some(&staff), Some(&app.base)).await;
        assert_eq!(done.headers()["location"], "/staff/memberships?notice=role_granted");
        let council = app.sign_in("council@linli.demo", DEMO_PASSWORD).await;
        let page = app.client.get(app.url("/account")).header("cookie", &council).send().await.expect("request");
        assert!(page.text().await.expect("body").contains(&grid), "the new role shows on the account page");

        let bad = [("login", "council@linli.demo"), ("role", "grid_worker"), ("scope", "123"), ("action", "grant")];
        let wrong = app.post_form("/staff/roles", &bad, Some(&staff), Some(&app.base)).await;
        let page = app.follow(&wrong, Some(&staff)).await;
        assert!(page.contains(r#"aria-invalid="true""#) && page.contains(r#"value="123""#), "the scope comes back with its error");
    }
}

test_on_both_engines! {
    async fn long_input_never_makes_long_headers(db: TestDb) {
        let app = spawn_app(db).await;
        let longest_header = |r: &reqwest::Response| r.headers().iter().map(|(k, v)| k.as_str().len() + v.len()).max().unwrap_or(0);
        // Anonymous: a sign-in with a 20,000-character login.
        let login = format!("{}@linli.demo", "长".repeat(20_000));
        let signed = app.post_form("/account/sign-in", &[("login", login.as_str()), ("password", "guess")], None, Some(&app.base)).await;
        assert_eq!(signed.status(), 303);
        assert!(longest_header(&signed) < 2048, "a header of {} bytes", longest_header(&signed));
        // A report whose 2,000-character description is fine but whose grid is missing.
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let community = app.city.communities[0].node.code.clone();
        let description = "楼道里的灯坏了很久。".repeat(200);
        let fields = [("grid", ""), ("category", "road_lighting"), ("title", "楼道灯坏了"), ("description", description.as_str()), ("key", "long-input-key-000001")];
        let back = app.post_form(&format!("/communities/{community}/report"), &fields, Some(&resident), Some(&app.base)).await;
        assert_eq!(back.status(), 303);
        assert!(longest_header(&back) < 2048, "a header of {} bytes", longest_header(&back));
        let page = app.follow(&back, Some(&resident)).await;
        assert!(page.contains(&description), "all 2,000 characters come back, from the server");
    }
}
