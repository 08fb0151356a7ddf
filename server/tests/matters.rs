//! Matters through the pages and their plain forms, as a browser uses
//! them: report (with mistakes, and twice), handle, rate.

mod support;

use linli_service::{seed::DEMO_PASSWORD, test_on_both_engines};
use support::{location, spawn_app};

test_on_both_engines! {
    async fn a_resident_reports_and_staff_handle_it_through_the_forms(db: TestDb) {
        let app = spawn_app(db).await;
        let community = app.city.communities[0].node.code.clone();
        let grid = format!("{community}001");
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let form_page = app.client.get(app.url(&format!("/communities/{community}/report"))).header("cookie", &resident).send().await.expect("request");
        assert_eq!(form_page.status(), 200);
        let html = form_page.text().await.expect("body");
        let key_at = html.find(r#"name="key" value=""#).expect("the form carries a key") + r#"name="key" value=""#.len();
        let key = html[key_at..key_at + 32].to_owned();

        // Mistakes come back beside their fields with what was typed.
        let action = format!("/communities/{community}/report");
        let bad = app
            .post_form(&action, &[("grid", ""), ("category", "road_lighting"), ("title", "路灯"), ("description", "坏了"), ("key", key.as_str())], Some(&resident), Some(&app.base))
            .await;
        let back = location(&bad);
        assert!(back.starts_with(&action), "{back}");
        assert!(!back.contains("%E8%B7%AF%E7%81%AF"), "nothing typed in the URL: {back}");
        let page = app.follow(&bad, Some(&resident)).await;
        assert!(page.contains(&key), "the key survives, so a resend is the same report");
        assert!(page.contains("路灯"), "the title typed is still there");
        assert!(page.contains("请填写此项"));

        let fields = [("grid", grid.as_str()), ("category", "road_lighting"), ("title", "3幢门口路灯不亮"), ("description", "3幢门口的路灯坏了一周，老人晚上看不清台阶。"), ("key", key.as_str())];
        let first = app.post_form(&action, &fields, Some(&resident), Some(&app.base)).await;
        let again = app.post_form(&action, &fields, Some(&resident), Some(&app.base)).await;
        let matter = location(&first);
        assert!(matter.starts_with("/matters/") && matter.ends_with("?notice=reported"), "{matter}");
        assert_eq!(location(&again), matter, "a double submit is one matter");

        // The back button brings the sent form back; edited and sent again,
        // it returns with what was typed and a fresh key, and nothing is lost.
        let edited = [("grid", grid.as_str()), ("category", "road_lighting"), ("title", "5幢门口路灯也不亮"), ("description", "5幢门口的路灯也坏了。"), ("key", key.as_str())];
        let resent = app.post_form(&action, &edited, Some(&resident), Some(&app.base)).await;
        assert_eq!(resent.status(), 303);
        let page = app.follow(&resent, Some(&resident)).await;
        assert!(page.contains("这张表已经提交过了"), "the form says why it came back");
        assert!(page.contains("5幢门口路灯也不亮") && page.contains("5幢门口的路灯也坏了。"), "what was typed stays");
        assert!(!page.contains(&format!(r#"value="{key}""#)), "with a fresh key, sending it again files it");
        let path = matter.trim_end_matches("?notice=reported").to_owned();

        // Without JavaScript, "see if someone reported it" reloads the form
        // with what was typed and similar matters, each with 我也遇到.
        let neighbour = app.sign_in("council@linli.demo", DEMO_PASSWORD).await;
        let look = format!("/communities/{community}/report?grid={grid}&category=road_lighting&title=%E9%97%A8%E5%8F%A3%E8%B7%AF%E7%81%AF%E4%B8%8D%E4%BA%AE&key=x");
        let similar = app.client.get(app.url(&look)).header("cookie", &neighbour).send().await.expect("request").text().await.expect("body");
        let support = format!("{path}/support");
        assert!(similar.contains(&format!(r#"formaction="{support}""#)), "a support button for the similar matter");
        assert!(similar.contains("我也遇到") && similar.contains(r#"value="门口路灯不亮""#), "what was typed stays");
        let supported = app.post_form(&support, &[("title", "门口路灯不亮"), ("key", "x")], Some(&neighbour), Some(&app.base)).await;
        assert_eq!(location(&supported), format!("{path}?notice=supported"));

        // The public page: the reporter's name is not shown unless chosen.
        let public = app.get(&path).await.text().await.expect("body");
        assert!(public.contains("3幢门口路灯不亮") && public.contains("待受理"));
        assert!(!public.contains("王阿姨"), "the resident did not choose to show the name");

        // A resident posting a staff step directly is refused and nothing changes.
        let step = format!("{path}/step");
        let forged = app.post_form(&step, &[("step", "register"), ("severity", "general")], Some(&resident), Some(&app.base)).await;
        assert!(location(&forged).contains("error=denied"), "{}", location(&forged));
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let staff_view = app.page_as(&path, &staff).await;
        assert!(staff_view.contains("王阿姨"), "staff see who reported it");
        assert!(staff_view.contains(r#"value="register""#), "staff get the handling forms");
        assert!(!staff_view.contains(r#"value="dispatch""#), "dispatch comes after registering");

        let registered = app.post_form(&step, &[("step", "register"), ("severity", "general")], Some(&staff), Some(&app.base)).await;
        assert!(location(&registered).contains("notice=step_register"));
        let to_dispatch = app.follow(&registered, Some(&staff)).await;
        assert!(to_dispatch.contains(r#"value="dispatch""#), "a registered matter is dispatched next");
        assert!(to_dispatch.contains("张网格员") && to_dispatch.contains("陈社工"), "dispatch offers the grid's worker and the staff by name");
        let too_soon = app.post_form(&step, &[("step", "resolve"), ("done", "已处理")], Some(&staff), Some(&app.base)).await;
        assert!(location(&too_soon).contains("error=moved_on"), "resolve comes after dispatch: {}", location(&too_soon));
        let cross_site = app.post_form(&step, &[("step", "dispatch"), ("team", "物业维修班")], Some(&staff), Some("https://evil.example")).await;
        assert_eq!(cross_site.status(), 403);
        let dispatched = app.post_form(&step, &[("step", "dispatch"), ("team", "物业维修班")], Some(&staff), Some(&app.base)).await;
        assert!(location(&dispatched).contains("notice=step_dispatch"), "{}", location(&dispatched));
        let no_reason = app.post_form(&step, &[("step", "resolve"), ("done", " ")], Some(&staff), Some(&app.base)).await;
        let refilled = app.follow(&no_reason, Some(&staff)).await;
        assert!(refilled.contains(r#"aria-invalid="true""#) && refilled.contains("请填写此项"), "what was done must be said");
        let resolved = app.post_form(&step, &[("step", "resolve"), ("done", "更换了灯泡")], Some(&staff), Some(&app.base)).await;
        assert!(location(&resolved).contains("notice=step_resolve"), "{}", location(&resolved));

        // The resident rates it; the rating shows on the public timeline.
        let rated = app.post_form(&step, &[("step", "rate"), ("stars", "5"), ("comment", "修得很快")], Some(&resident), Some(&app.base)).await;
        assert!(location(&rated).contains("notice=step_rate"));
        let closed = app.get(&path).await.text().await.expect("body");
        assert!(closed.contains("已结案") && closed.contains("5★ 修得很快"));
        let list = app.get(&format!("/matters?place={community}&state=closed")).await.text().await.expect("body");
        assert!(list.contains("3幢门口路灯不亮"));
        let malformed = app.get("/matters?place=3302031").await;
        assert_eq!(malformed.status(), 400);

        // The statistics count it, as figures and as a chart with text; its
        // one rating is one person's, so it is not published.
        let stats = app.get(&format!("/matters/stats?place={community}")).await;
        assert_eq!(stats.status(), 200);
        let html = stats.text().await.expect("body");
        assert!(html.contains("事项统计") && html.contains(r#"id="chart-states""#));
        assert!(!html.contains(r#"id="chart-ratings""#) && !html.contains("5.0 / 5"), "one rating is not shown");
        assert!(html.contains("不足5件"), "the page says why");
        assert_eq!(app.get("/matters/stats?place=33").await.status(), 400);
    }
}

test_on_both_engines! {
    async fn staff_dispatch_from_their_queue_and_residents_hear_of_it(db: TestDb) {
        let app = spawn_app(db).await;
        let community = app.city.communities[0].node.code.clone();
        let grid = format!("{community}001");
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let action = format!("/communities/{community}/report");
        let mut ids = Vec::new();
        for (n, title) in ["垃圾分类点满溢", "单元门禁坏了"].iter().enumerate() {
            let key = format!("queue-test-key-{n:04}");
            let fields = [("grid", grid.as_str()), ("category", "sanitation"), ("title", title), ("description", "已经好几天了，影响大家出入和卫生。"), ("key", key.as_str())];
            let reported = app.post_form(&action, &fields, Some(&resident), Some(&app.base)).await;
            let id: i64 = location(&reported).trim_start_matches("/matters/").trim_end_matches("?notice=reported").parse().expect("an id");
            let step = format!("/matters/{id}/step");
            app.post_form(&step, &[("step", "register"), ("severity", "general")], Some(&staff), Some(&app.base)).await;
            ids.push(id.to_string());
        }

        let queue = app.client.get(app.url("/staff/matters")).header("cookie", &staff).send().await.expect("request");
        assert_eq!(queue.status(), 200);
        let html = queue.text().await.expect("body");
        assert!(html.contains("垃圾分类点满溢") && html.contains("单元门禁坏了"));
        let denied = app.client.get(app.url("/staff/matters")).header("cookie", &resident).send().await.expect("request");
        assert_eq!(denied.status(), 403, "residents have no work queue");

        let body = format!("id={}&id={}&team={}", ids[0], ids[1], linli_app::url::encode("物业保洁组"));
        let forged = app.client.post(app.url("/staff/matters/dispatch")).header("cookie", &resident).header("origin", &app.base)
            .header("content-type", "application/x-www-form-urlencoded").body(body.clone()).send().await.expect("request");
        assert!(location(&forged).contains("error=denied"));
        let dispatched = app.client.post(app.url("/staff/matters/dispatch")).header("cookie", &staff).header("origin", &app.base)
            .header("content-type", "application/x-www-form-urlencoded").body(body).send().await.expect("request");
        assert!(location(&dispatched).contains("notice=bulk_dispatched"), "{}", location(&dispatched));
        for id in &ids {
            let page = app.get(&format!("/matters/{id}")).await.text().await.expect("body");
            assert!(page.contains("已派遣") && page.contains("物业保洁组"));
        }

        let inbox = app.client.get(app.url("/inbox")).header("cookie", &resident).send().await.expect("request").text().await.expect("body");
        let link = format!(r#"<a href="/matters/{}">"#, ids[0]);
        assert_eq!(inbox.matches(&link).count(), 2, "registered and dispatched");
        assert!(inbox.contains("派遣"));
    }
}

test_on_both_engines! {
    async fn an_open_matter_page_hears_of_changes(db: TestDb) {
        let app = spawn_app(db).await;
        let community = app.city.communities[0].node.code.clone();
        let grid = format!("{community}001");
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let fields = [("grid", grid.as_str()), ("category", "greenery"), ("title", "大树枝压到电线"), ("description", "3幢旁边的大树枝压在电线上，刮风时很危险。"), ("key", "live-test-key-000001")];
        let reported = app.post_form(&format!("/communities/{community}/report"), &fields, Some(&resident), Some(&app.base)).await;
        let page = location(&reported).trim_end_matches("?notice=reported").to_owned();

        let mut stream = app.get(&format!("{page}/events")).await;
        assert_eq!(stream.status(), 200);
        assert_eq!(stream.headers()["content-type"], "text/event-stream");
        let step = format!("{page}/step");
        let mut seen = String::new();
        // The first step may land before the listener is up (PostgreSQL);
        // a refused step changes nothing, so take real steps until heard.
        for severity in ["general", "general"] {
            let _ = app.post_form(&step, &[("step", "register"), ("severity", severity)], Some(&staff), Some(&app.base)).await;
            app.post_form(&step, &[("step", "dispatch"), ("team", "园林绿化队")], Some(&staff), Some(&app.base)).await;
            while let Ok(Ok(Some(chunk))) = tokio::time::timeout(std::time::Duration::from_secs(3), stream.chunk()).await {
                seen.push_str(&String::from_utf8_lossy(&chunk));
                if seen.contains("event: changed") {
                    break;
                }
            }
            if seen.contains("event: changed") {
                break;
            }
        }
        assert!(seen.contains("event: changed"), "{seen:?}");
        let id = page.trim_start_matches("/matters/");
        assert!(seen.contains(&format!("data: {id}")));
    }
}

#[tokio::test]
async fn shutting_down_ends_open_event_streams() {
    let db = linli_service::testing::TestDb::sqlite().await;
    let app = support::build_app(db.store.clone()).await;
    let base = format!("http://127.0.0.1:{}", app.port());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    let mut stream = reqwest::get(format!("{base}/matters/1/events"))
        .await
        .expect("request");
    assert_eq!(stream.status(), 200);
    stop.send(()).expect("the server is running");
    let finished = tokio::time::timeout(std::time::Duration::from_secs(10), server).await;
    assert!(
        finished.is_ok(),
        "an open event stream does not hold the server up"
    );
    let end = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        while let Ok(Some(_)) = stream.chunk().await {}
    })
    .await;
    assert!(end.is_ok(), "the stream ended");
}

test_on_both_engines! {
    async fn visitors_share_rendered_pages_until_a_matter_changes(db: TestDb) {
        let app = spawn_app(db).await;
        let community = app.city.communities[0].node.code.clone();
        let list = format!("/matters?place={community}");
        let cache_of = |r: &reqwest::Response| r.headers().get("x-page-cache").map(|v| v.to_str().expect("ascii").to_owned());
        let first = app.get(&list).await;
        assert_eq!(cache_of(&first).as_deref(), Some("miss"));
        let second = app.get(&list).await;
        assert_eq!(cache_of(&second).as_deref(), Some("hit"), "the second visitor gets the rendered page");
        let nonce = |r: &reqwest::Response| r.headers()["content-security-policy"].to_str().expect("ascii").split("'nonce-").nth(1).expect("nonce").split('\'').next().expect("nonce").to_owned();
        let (n1, n2) = (nonce(&first), nonce(&second));
        assert_ne!(n1, n2, "each copy has a nonce of its own");
        let html = second.text().await.expect("body");
        assert!(html.contains(&format!(r#"nonce="{n2}""#)) && !html.contains(&n1), "the page's scripts carry the new nonce");
        assert!(!html.contains("雨水井盖松动"));

        // A signed-in resident is never served the visitors' copy.
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let own = app.client.get(app.url(&list)).header("cookie", &resident).send().await.expect("request");
        assert_eq!(cache_of(&own).as_deref(), Some("miss"));
        assert!(own.text().await.expect("body").contains("王阿姨"));

        // A new report shows to the next visitor at once.
        let action = format!("/communities/{community}/report");
        let grid = format!("{community}001");
        let fields = [("grid", grid.as_str()), ("category", "road_lighting"), ("title", "雨水井盖松动"), ("description", "2幢北侧的雨水井盖踩上去会晃。"), ("key", "0123456789abcdef0123456789abcdef")];
        let filed = app.post_form(&action, &fields, Some(&resident), Some(&app.base)).await;
        assert_eq!(filed.status(), 303);
        let after = app.get(&list).await;
        assert_eq!(cache_of(&after).as_deref(), Some("miss"));
        assert!(after.text().await.expect("body").contains("雨水井盖松动"));
    }
}

test_on_both_engines! {
    async fn visitors_choose_how_many_matters_a_page_shows(db: TestDb) {
        let app = spawn_app(db).await;
        let now = linli_service::clock::Clock::now(&linli_service::clock::SystemClock);
        linli_service::seed::load_matters(&app.db.store, &app.city, 120, now, 30, &linli_service::seed::Silent).await.expect("seed");
        let cards = |html: &str| html.matches(r#"<li class="matter-card">"#).count();
        // Without the markers the test build's erased views leave.
        let page = |path: String| {
            let app = &app;
            async move { app.get(&path).await.text().await.expect("body").replace("<!>", "") }
        };
        let select = |html: &str| html.split(r#"id="matter-per""#).nth(1).map(|s| s.chars().take(200).collect::<String>()).unwrap_or_default();
        let default = page("/matters".into()).await;
        assert_eq!(cards(&default), 20, "a short page by default");
        assert!(default.contains(r#"<option value="50">50</option>"#), "the longer page is offered: {}", select(&default));

        let long = page("/matters?per=50".into()).await;
        assert_eq!(cards(&long), 50);
        assert!(long.contains(r#"<option value="50" selected="">50</option>"#) || long.contains(r#"<option value="50" selected>50</option>"#), "the choice is shown as made: {}", select(&long));
        let older = long.split(r#"<p class="pager"><a href=""#).nth(1).expect("a link to older matters");
        let older = older.split('"').next().expect("href").replace("&amp;", "&");
        assert!(older.contains("per=50"), "the next page keeps the size: {older}");
        let next = page(older).await;
        assert_eq!(cards(&next), 50);
        assert!(!next.contains(long.split(r#"<li class="matter-card">"#).nth(1).expect("a card").split("</a>").next().expect("title")), "the next page starts below the first");

        let huge = page("/matters?per=100000".into()).await;
        assert_eq!(cards(&huge), 20, "a size not offered falls back to the default");
    }
}
