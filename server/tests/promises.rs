//! Promises over HTTP on both engines: a community sets its threshold on
//! its settings page, support through the API reaches it, the matter's
//! page and the public list show the clocks, and the council keeps the
//! promise through plain forms that check who and what.

mod support;

use linli_service::{seed::DEMO_PASSWORD, test_on_both_engines};
use serde_json::{Value, json};
use support::spawn_app;

test_on_both_engines! {
    async fn a_community_sets_its_threshold_and_its_council_keeps_the_promise(db: TestDb) {
        let app = spawn_app(db).await;
        let origin = Some(app.base.as_str());
        let community = app.city.communities[0].node.code.clone();
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;

        // The threshold is a setting of the community, checked like the others.
        let categories: Value = app.get("/api/v1/matter-categories").await.json().await.expect("json");
        let settings = |threshold: &'static str| {
            let mut fields: Vec<(&str, String)> = vec![
                ("response_days", "1".into()),
                ("days_minor", "2".into()),
                ("days_general", "5".into()),
                ("days_larger", "10".into()),
                ("days_major", "15".into()),
                ("promise_supporters", threshold.into()),
            ];
            for c in categories.as_array().expect("list") {
                fields.push(("offer", c["code"].as_str().expect("code").to_owned()));
            }
            fields
        };
        let page = format!("/communities/{community}/settings");
        let post = |fields: Vec<(&'static str, String)>| {
            let app = &app;
            let staff = staff.clone();
            let page = page.clone();
            async move {
                let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let r = app.post_form(&page, &borrowed, Some(&staff), origin).await;
                (r.headers()["location"].to_str().expect("ascii").to_owned(), app.follow(&r, Some(&staff)).await)
            }
        };
        let (location, refused) = post(settings("0")).await;
        assert!(location.contains("kept=1"), "{location}");
        assert!(refused.contains(r#"value="0""#) && refused.contains("field-error"), "what was typed comes back with the reason");
        let (location, _) = post(settings("2")).await;
        assert!(location.contains("notice=saved"), "{location}");
        assert!(app.page_as(&page, &staff).await.contains(r#"name="promise_supporters""#));

        // A matter, and two neighbours who support it through the API.
        let resident = app.token_for("resident@linli.demo").await;
        let report = json!({
            "grid": format!("{community}001"), "category": "road_lighting", "title": "小区东门路灯一直不亮",
            "description": "东门的三盏路灯坏了两周，晚上进出的老人看不清路。", "key": "promise-report-0000001"
        });
        let made = app.client.post(app.url(&format!("/api/v1/communities/{community}/matters"))).bearer_auth(&resident).json(&report).send().await.expect("request");
        assert_eq!(made.status(), 201);
        let id = made.json::<Value>().await.expect("json")["id"].as_i64().expect("id");
        for who in ["council@linli.demo", "grid@linli.demo"] {
            let token = app.token_for(who).await;
            let r = app.client.post(app.url(&format!("/api/v1/matters/{id}/support"))).bearer_auth(&token).send().await.expect("request");
            assert!(r.status().is_success(), "{who} supports");
        }
        let matter = app.get(&format!("/matters/{id}")).await.text().await.expect("page");
        assert!(matter.contains("进行中") && matter.contains("2 人支持（门槛 2 人）"), "the matter says what is owed");
        let list = app.get(&format!("/promises?place={community}")).await.text().await.expect("page");
        assert!(list.contains("小区东门路灯一直不亮") && list.contains("还剩 14 天"), "the public list shows the clock");
        let english = app.get_in("en", &format!("/promises?place={community}")).await.text().await.expect("page");
        assert!(english.contains("14 day(s) left"));
        let promise = app.db.store.query_strings("SELECT CAST(promise_id AS TEXT) FROM promise").await.remove(0);
        let at = format!("/promises/{promise}");

        // Only the council answers, and only with a real answer.
        let resident_cookie = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let denied = app.post_form(&format!("{at}/answer"), &[("answer", "我替居委会答复：一定尽快修好，请大家放心。")], Some(&resident_cookie), origin).await;
        assert!(denied.headers()["location"].to_str().expect("ascii").contains("error=denied"));
        let council = app.sign_in("council@linli.demo", DEMO_PASSWORD).await;
        let short = app.post_form(&format!("{at}/answer"), &[("answer", "收到")], Some(&council), origin).await;
        assert!(app.follow(&short, Some(&council)).await.contains("收到"), "a short answer comes back as typed");
        let agenda = app.post_form(&format!("{at}/agenda"), &[("note", "12月居民议事会第2项")], Some(&council), origin).await;
        assert!(agenda.headers()["location"].to_str().expect("ascii").contains("notice=saved"));
        let answer = "已与物业商定本月底前修好三盏路灯，费用从公共收益中列支，完工后在本页公布验收结果。";
        let answered = app.post_form(&format!("{at}/answer"), &[("answer", answer)], Some(&council), origin).await;
        assert!(answered.headers()["location"].to_str().expect("ascii").contains("notice=saved"));
        let kept = app.get(&at).await.text().await.expect("page");
        assert!(kept.contains("已兑现") && kept.contains(answer) && kept.contains("12月居民议事会第2项"));
        assert!(!kept.contains(r#"action="/promises"#), "nothing left to record, and visitors get no forms");
        let again = app.post_form(&format!("{at}/answer"), &[("answer", answer)], Some(&council), origin).await;
        assert!(again.headers()["location"].to_str().expect("ascii").contains("error=moved_on"), "answered once");

        // The rates carry the kept-promise share as open data.
        let figures: Value = app.get(&format!("/api/v1/accountability?place={community}")).await.json().await.expect("json");
        assert!(figures["rows"][0].get("kept_promise_share").is_some());
        // And the promise itself, with both clocks done, as JSON and CSV.
        let api: Value = app.get(&format!("/api/v1/promises?place={community}")).await.json().await.expect("json");
        assert_eq!(api[0]["state"], "kept", "{api}");
        assert_eq!(api[0]["subject_id"].as_i64(), Some(id));
        let csv = app.get(&format!("/api/v1/promises?place={community}&format=csv")).await.text().await.expect("csv");
        let row = csv.lines().nth(1).expect("one row");
        assert!(row.starts_with(&format!("{promise},{community},")) && row.contains(",kept,/matters/"), "{row}");
        assert!(app.db.store.query_strings("SELECT action FROM audit_entry WHERE action LIKE 'promise.%' ORDER BY audit_entry_id").await == ["promise.open", "promise.agenda", "promise.answer"]);
    }
}
