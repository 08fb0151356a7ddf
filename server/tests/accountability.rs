//! The accountability figures through a real server: the page a visitor
//! reads (rates, trend table, league table with links down the tree), the
//! same figures as JSON and CSV, and clear refusals of a bad month or
//! place. On SQLite and PostgreSQL.

mod support;

use linli_model::accountability::Month;
use linli_service::{clock::Clock as _, test_on_both_engines};
use support::spawn_app;

test_on_both_engines! {
    async fn everyone_reads_the_rates_as_a_page_and_as_open_data(db: TestDb) {
        let app = spawn_app(db).await;
        let now = linli_service::clock::SystemClock.now();
        linli_service::seed::load_matters(&app.db.store, &app.city, 1500, now, 365, &linli_service::seed::Silent)
            .await
            .expect("seed");
        let month = Month::of(now).previous();
        let district = app.city.communities[0].node.code[..6].to_owned();

        let page = app
            .get(&format!("/accountability?place={district}&month={month}"))
            .await
            .text()
            .await
            .expect("page")
            .replace("<!>", "");
        for words in ["响应率", "解决率", "满意率", "近12个月走势", "各街道排名", "指标怎么算", "按来件渠道看三个比例"] {
            assert!(page.contains(words), "the page has {words}");
        }
        let (_, channels) = page.split_once("channel-rates-heading").expect("the rates by channel");
        assert!(channels.contains("窗口代办") && channels.contains("电话代办"), "each channel has its row: {}", &channels[..channels.len().min(3000)]);
        let street = &app.city.communities[0].node.code[..9];
        assert!(
            page.contains(&format!("/accountability?month={month}&amp;rank=resolution&amp;place={street}")),
            "each street links to its own figures"
        );
        assert!(page.contains("rank=satisfaction"), "the league can be ranked by another rate");

        let json: serde_json::Value = app
            .get(&format!("/api/v1/accountability?place={district}&month={month}"))
            .await
            .json()
            .await
            .expect("json");
        let rows = json["rows"].as_array().expect("rows");
        assert_eq!(rows[0]["kind"], "place");
        assert_eq!(rows[0]["month"], month.to_string());
        assert_eq!(rows.iter().filter(|r| r["kind"] == "trend").count(), 12);
        let below: Vec<&serde_json::Value> = rows.iter().filter(|r| r["kind"] == "below").collect();
        assert!(!below.is_empty());
        let reported: i64 = below.iter().map(|r| r["reported"].as_i64().expect("a count")).sum();
        assert_eq!(reported, rows[0]["reported"].as_i64().expect("a count"), "the streets add up to the district");
        assert!(rows[0]["response_rate"].as_f64().is_some_and(|r| (0.0..=1.0).contains(&r)));

        let csv = app
            .get(&format!("/api/v1/accountability?place={district}&month={month}&format=csv"))
            .await;
        assert!(csv.headers()["content-type"].to_str().expect("ascii").starts_with("text/csv"));
        let text = csv.text().await.expect("csv");
        let mut lines = text.trim_start_matches('\u{feff}').lines();
        assert!(lines.next().expect("header").starts_with("kind,place,name_zh,name_en,month,reported,"));
        assert_eq!(lines.count(), rows.len());

        for (query, status, field) in [
            ("month=2026-13", 422, "month"),
            ("place=12345", 422, "place"),
            ("place=330203999", 404, ""),
            ("format=xml", 422, "format"),
        ] {
            let answer = app.get(&format!("/api/v1/accountability?{query}")).await;
            assert_eq!(answer.status().as_u16(), status, "{query}");
            let body: serde_json::Value = answer.json().await.expect("error body");
            if !field.is_empty() {
                assert_eq!(body["error"]["fields"][0]["field"], field, "{query}: {body}");
            }
        }
        let bad_month = app.get("/accountability?month=2026-13").await;
        assert_eq!(bad_month.status().as_u16(), 400, "a page with a bad month says so");
    }
}

test_on_both_engines! {
    async fn the_standards_board_is_public_with_links_to_fix_each_flag(db: TestDb) {
        let app = spawn_app(db).await;
        let community = app.city.communities[0].node.code.clone();
        let district = &community[..6];
        let page = app.get(&format!("/standards?place={district}")).await.text().await.expect("page").replace("<!>", "");
        for words in ["治理标准对照", "没有网格员的网格", "责任清单过期", "社区工作者配备标准：每万名居民18人"] {
            assert!(page.contains(words), "the board has {words}");
        }
        assert!(page.contains(&format!("/responsibilities?place={community}")), "a flag links to the list to fix");
        let flags: serde_json::Value = app.get(&format!("/api/v1/standards?place={district}")).await.json().await.expect("json");
        let flags = flags.as_array().expect("a list");
        assert!(flags.iter().any(|f| f["kind"] == "grid_without_worker"));
        assert!(flags.iter().all(|f| f["code"].as_str().is_some_and(|c| c.starts_with(district))));
        let csv = app.get(&format!("/api/v1/standards?place={district}&format=csv")).await.text().await.expect("csv");
        assert_eq!(csv.trim_start_matches('\u{feff}').lines().count(), flags.len() + 1);
        assert_eq!(app.get("/api/v1/standards?place=330203999").await.status().as_u16(), 404);
        assert_eq!(app.get("/api/v1/standards?place=12").await.status().as_u16(), 422);
        let english = app.get_in("en", &format!("/standards?place={district}")).await.text().await.expect("page");
        assert!(english.contains("Grids without a grid worker"));
    }
}
