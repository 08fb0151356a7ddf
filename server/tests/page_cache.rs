//! Rendered pages are shared: by visitors, and by people signed in with
//! the same roles, each copy with its reader's own account links; a write
//! on any instance drops them; and a page reads the database a bounded
//! number of times, however many rows it shows. On SQLite and PostgreSQL.

mod support;

use linli_service::{seed::DEMO_PASSWORD, test_on_both_engines};
use support::{TestApp, build_app, session_cookie, spawn_app};

fn cache_of(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get("x-page-cache")
        .map(|v| v.to_str().expect("ascii").to_owned())
}

/// GET as the holder of `cookie`: whether the copy was kept, and the page.
async fn page(app: &TestApp, path: &str, cookie: Option<&str>) -> (Option<String>, String) {
    let mut request = app.client.get(app.url(path)).header("accept", "text/html");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.expect("request");
    assert_eq!(response.status(), 200, "{path}");
    (cache_of(&response), response.text().await.expect("body"))
}

/// A new account with no roles, signed in; returns its session cookie.
async fn newcomer(app: &TestApp, name: &str, login: &str) -> String {
    let password = "a-long-enough-password";
    let fields = [
        ("display_name", name),
        ("login", login),
        ("password", password),
        ("confirm", password),
    ];
    let signed_up = app
        .post_form("/account/sign-up", &fields, None, Some(&app.base))
        .await;
    assert_eq!(signed_up.status(), 303);
    session_cookie(&signed_up).expect("signed in on sign-up")
}

test_on_both_engines! {
    async fn people_with_the_same_roles_share_a_page_and_each_sees_their_own_name(db: TestDb) {
        let app = spawn_app(db).await;
        let (li, zhou) = (
            newcomer(&app, "李小明", "li@example.org").await,
            newcomer(&app, "周大姐", "zhou@example.org").await,
        );
        let (first, mut li_page) = page(&app, "/matters?per=50", Some(&li)).await;
        assert_eq!(first.as_deref(), Some("miss"));
        assert!(li_page.contains("李小明") && li_page.contains("/account/sign-out"));
        let (mut second, mut zhou_page) = page(&app, "/matters?per=50", Some(&zhou)).await;
        // PostgreSQL announces the sign-ups' writes through NOTIFY, which
        // may be heard between the two requests and drop the page; the
        // next pair, with nothing written since, must share it.
        for _ in 0..3 {
            if second.as_deref() == Some("hit") {
                break;
            }
            li_page = page(&app, "/matters?per=50", Some(&li)).await.1;
            (second, zhou_page) = page(&app, "/matters?per=50", Some(&zhou)).await;
        }
        assert_eq!(second.as_deref(), Some("hit"), "the same roles share the rendering");
        assert!(zhou_page.contains("周大姐"), "the copy carries its reader's name");
        assert!(!zhou_page.contains("李小明"), "and no one else's");
        let main = |page: &str| page.split("<main").nth(1).and_then(|m| m.split("</main>").next()).map(str::to_owned);
        assert_eq!(main(&li_page), main(&zhou_page), "the body is the same");

        // Other roles get a page of their own: staff may publish a project
        // in their community, and see it on the list.
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let community = app.city.communities[0].node.code.clone();
        let publish = format!("/communities/{community}/projects/new");
        let (_, newcomer_list) = page(&app, "/projects", Some(&li)).await;
        let (kept, staff_list) = page(&app, "/projects", Some(&staff)).await;
        assert_eq!(kept.as_deref(), Some("miss"), "staff's roles are not a newcomer's");
        assert!(staff_list.contains(&publish) && staff_list.contains("陈社工"));
        assert!(!newcomer_list.contains(&publish));
        let (again, zhou_list) = page(&app, "/projects", Some(&zhou)).await;
        assert_eq!(again.as_deref(), Some("hit"));
        assert!(!zhou_list.contains(&publish) && !zhou_list.contains("陈社工"));

        // Visitors have their own copy, with the way in.
        let (_, visitor) = page(&app, "/matters?per=50", None).await;
        assert!(visitor.contains("/sign-in?next=") && !visitor.contains("李小明") && !visitor.contains("周大姐"));

        // A page showing a person's own part is kept for them alone.
        let (own, li_home) = page(&app, "/", Some(&li)).await;
        assert_eq!(own.as_deref(), Some("miss"));
        let (again, _) = page(&app, "/", Some(&li)).await;
        assert_eq!(again.as_deref(), Some("hit"), "reading it again costs a copy");
        let (theirs, zhou_home) = page(&app, "/", Some(&zhou)).await;
        assert_eq!(theirs.as_deref(), Some("miss"), "another person's copy is their own");
        assert!(li_home.contains("李小明") && !li_home.contains("周大姐"));
        assert!(zhou_home.contains("周大姐") && !zhou_home.contains("李小明"));
    }
}

test_on_both_engines! {
    async fn a_write_on_any_instance_drops_the_pages_of_every_instance(db: TestDb) {
        let app = spawn_app(db).await;
        // On PostgreSQL a second instance has its own store and hears of
        // changes only from the database; SQLite has one instance.
        let store = match app.db.store.engine() {
            linli_service::store::Engine::Postgres => linli_service::Store::connect(
                &app.db.url,
                &linli_service::store::StoreOptions::default(),
            )
            .await
            .expect("a second connection pool"),
            linli_service::store::Engine::Sqlite => app.db.store.clone(),
        };
        let second = build_app(store).await;
        let other = format!("http://127.0.0.1:{}", second.port());
        tokio::spawn(second.run_until(std::future::pending()));
        let needs = |base: &str| app.client.get(format!("{base}/needs")).send();
        assert_eq!(cache_of(&needs(&other).await.expect("request")).as_deref(), Some("miss"));
        assert_eq!(cache_of(&needs(&other).await.expect("request")).as_deref(), Some("hit"));

        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let community = app.city.communities[0].node.code.clone();
        let need = [
            ("title", "楼道灯坏了没人修"),
            ("detail", "三号楼楼道灯坏了两周，老人晚上摸黑上楼。"),
            ("category", "elderly"),
            ("source", "staff"),
            ("affected", "40"),
        ];
        let added = app
            .post_form(&format!("/communities/{community}/needs"), &need, Some(&staff), Some(&app.base))
            .await;
        assert_eq!(added.status(), 303);
        // The other instance hears of it within moments, well before its
        // copy would have expired.
        let mut seen = false;
        for _ in 0..20 {
            let response = needs(&other).await.expect("request");
            let fresh = cache_of(&response).as_deref() == Some("miss");
            if fresh {
                seen = response.text().await.expect("body").contains("楼道灯坏了没人修");
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(seen, "the other instance renders the list again with the new need");
    }
}

test_on_both_engines! {
    async fn a_page_reads_the_database_a_bounded_number_of_times(db: TestDb) {
        let app = spawn_app(db).await;
        let now = linli_service::clock::Clock::now(&linli_service::clock::SystemClock);
        linli_service::seed::load_matters(&app.db.store, &app.city, 120, now, 30, &linli_service::seed::Silent)
            .await
            .expect("seed");
        let community = app.city.communities[0].node.code.clone();
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        // Round trips of one rendering: each request asks a new address (a
        // miss); the fewest of three, as background work may add one.
        let mut n = 0;
        let mut trips = |path: String, cookie: Option<String>| {
            n += 1;
            let base = n * 3;
            let app = &app;
            async move {
                let mut fewest = u64::MAX;
                for i in 0..3 {
                    let sep = if path.contains('?') { '&' } else { '?' };
                    let before = app.db.store.round_trips();
                    let (kept, _) = page(app, &format!("{path}{sep}fresh={}", base + i), cookie.as_deref()).await;
                    assert_ne!(kept.as_deref(), Some("hit"), "{path}");
                    fewest = fewest.min(app.db.store.round_trips() - before);
                }
                fewest
            }
        };
        let short = trips("/matters?per=20".into(), Some(resident.clone())).await;
        let long = trips("/matters?per=50".into(), Some(resident.clone())).await;
        assert_eq!(short, long, "fifty rows cost what twenty cost");
        for (path, cookie) in [
            ("/matters?per=50".to_owned(), None),
            ("/matters?per=50".to_owned(), Some(&staff)),
            ("/matters/1".to_owned(), Some(&resident)),
            (format!("/communities/{community}"), Some(&resident)),
            ("/deliberations".to_owned(), Some(&resident)),
            ("/projects".to_owned(), Some(&staff)),
            ("/needs".to_owned(), Some(&staff)),
            ("/organisations".to_owned(), None),
            ("/".to_owned(), Some(&resident)),
        ] {
            let used = trips(path.clone(), cookie.cloned()).await;
            assert!(used <= 12, "{path} made {used} round trips");
        }
    }
}
