//! Limits hold whichever way a request comes in, on every instance, and
//! per client address behind a trusted proxy; on SQLite and PostgreSQL.

mod support;

use linli_service::{seed::DEMO_PASSWORD, test_on_both_engines};
use support::{
    ANONYMOUS_RATE_LIMIT, API_RATE_LIMIT, build_app_on, spawn_app, spawn_app_on, still_clock,
};

test_on_both_engines! {
    async fn a_token_has_one_budget_across_doors_and_instances(db: TestDb) {
        let clock = still_clock();
        let app = spawn_app_on(db, clock.clone()).await;
        let second = build_app_on(app.db.store.clone(), clock).await;
        let other = format!("http://127.0.0.1:{}", second.port());
        tokio::spawn(second.run_until(std::future::pending()));
        let key = app.token_for("resident@linli.demo").await;

        // The minute's budget, spent half on each instance.
        for i in 0..API_RATE_LIMIT {
            let base = if i % 2 == 0 { &app.base } else { &other };
            let r = app.client.get(format!("{base}/api/v1/districts")).bearer_auth(&key).send().await.expect("request");
            assert_eq!(r.status(), 200, "call {i}");
        }
        let over = app.client.get(format!("{other}/api/v1/districts")).bearer_auth(&key).send().await.expect("request");
        assert_eq!(over.status(), 429, "two instances allow the limit once");

        // Open311's report door counts against the same budget.
        let grid = format!("{}002", app.city.communities[0].node.code);
        let report = [
            ("api_key", key.as_str()),
            ("service_code", "noise"),
            ("lat", "29.87"),
            ("long", "121.55"),
            ("description", "楼下烧烤店油烟和噪音每晚到凌晨两点。"),
            ("attribute[grid]", grid.as_str()),
        ];
        let posted = app.client.post(app.url("/open311/v2/requests.json")).form(&report).send().await.expect("request");
        assert_eq!(posted.status(), 429, "Open311 reports spend the token's budget");
        assert!(posted.headers().contains_key("retry-after"));
    }
}

test_on_both_engines! {
    async fn per_address_limits_key_on_the_client_behind_the_proxy(db: TestDb) {
        let app = spawn_app_on(db, still_clock()).await;
        let sign_in = |from: &'static str, login: &'static str, password: &'static str| {
            let app = &app;
            async move {
                let r = app
                    .client
                    .post(app.url("/account/sign-in"))
                    .header("x-forwarded-for", from)
                    .header("origin", &app.base)
                    .form(&[("login", login), ("password", password)])
                    .send()
                    .await
                    .expect("request");
                r.headers()["location"].to_str().expect("ascii").to_owned()
            }
        };
        // Twenty wrong guesses from one resident's address lock that address…
        for _ in 0..20 {
            assert!(sign_in("203.0.113.7", "nobody@linli.demo", "guess").await.contains("bad_credentials"));
        }
        assert!(sign_in("203.0.113.7", "resident@linli.demo", DEMO_PASSWORD).await.contains("error=locked"));
        // …not everyone else behind the same proxy.
        assert_eq!(sign_in("198.51.100.2", "resident@linli.demo", DEMO_PASSWORD).await, "/");
        // A client cannot pick its address by sending the header past the
        // proxy: the proxy's own entry is the right-most one.
        assert!(sign_in("198.51.100.2, 203.0.113.7", "resident@linli.demo", DEMO_PASSWORD).await.contains("error=locked"));

        // Anonymous API reads: a budget per address.
        let read = |from: &'static str| {
            let app = &app;
            async move {
                app.client.get(app.url("/api/v1/districts")).header("x-forwarded-for", from).send().await.expect("request").status()
            }
        };
        for i in 0..ANONYMOUS_RATE_LIMIT {
            assert_eq!(read("203.0.113.9").await, 200, "read {i}");
        }
        assert_eq!(read("203.0.113.9").await, 429);
        assert_eq!(read("203.0.113.10").await, 200, "another address is unaffected");
    }
}

test_on_both_engines! {
    async fn guessing_the_current_password_locks_out_like_sign_in(db: TestDb) {
        let app = spawn_app(db).await;
        let cookie = app.sign_in("council@linli.demo", DEMO_PASSWORD).await;
        let change = |current: &'static str| {
            let app = &app;
            let cookie = cookie.clone();
            async move {
                let fields = [("current", current), ("password", "a quiet new phrase"), ("confirm", "a quiet new phrase")];
                let r = app.post_form("/account/password", &fields, Some(&cookie), Some(&app.base)).await;
                let location = r.headers()["location"].to_str().expect("ascii").to_owned();
                format!("{location} {}", app.follow(&r, Some(&cookie)).await)
            }
        };
        for _ in 0..5 {
            let wrong = change("guess").await;
            assert!(wrong.contains("当前密码不正确"), "the page says the current password is wrong");
        }
        let locked = change(DEMO_PASSWORD).await;
        assert!(locked.contains("error=locked"), "the right password waits too: {locked}");
    }
}

test_on_both_engines! {
    async fn live_update_streams_are_bounded_per_address(db: TestDb) {
        let app = spawn_app(db).await;
        let open = |from: &'static str| {
            let app = &app;
            async move {
                app.client.get(app.url("/matters/1/events")).header("x-forwarded-for", from).send().await.expect("request")
            }
        };
        let mut held = Vec::new();
        for i in 0..16 {
            let stream = open("203.0.113.20").await;
            assert_eq!(stream.status(), 200, "stream {i}");
            held.push(stream);
        }
        assert_eq!(open("203.0.113.20").await.status(), 429, "one address holds sixteen at most");
        assert_eq!(open("203.0.113.21").await.status(), 200, "another address is unaffected");
        held.pop();
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert_eq!(open("203.0.113.20").await.status(), 200, "a closed stream frees its place");
    }
}
