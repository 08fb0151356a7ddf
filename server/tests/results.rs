//! The results tracker and the recurring list over HTTP on both engines:
//! public pages in both languages, following and the council's update
//! through plain forms that check who and what and keep what was typed,
//! and a cluster of recurring matters proposed as a topic.

mod support;

use linli_service::{clock::Clock, seed, seed::DEMO_PASSWORD, test_on_both_engines};
use support::{location, spawn_app};

test_on_both_engines! {
    async fn results_are_followed_and_updated_and_clusters_proposed(db: TestDb) {
        let app = spawn_app(db).await;
        let store = &app.db.store;
        let now = linli_service::clock::SystemClock.now();
        seed::load_demo_deliberations(store, now, &app.city, "http://linli.test").await.expect("deliberations");
        let links = seed::load_demo_lists(store, now, &app.city).await.expect("lists");
        seed::load_demo_projects(store, now, &app.city, &links).await.expect("projects");
        seed::load_demo_results(store, now, &app.city, "http://linli.test").await.expect("results");
        let origin = Some(app.base.as_str());
        let community = app.city.communities[0].node.code.clone();

        // The list, in both languages, with the late one flagged.
        let list = app.get(&format!("/results?place={community}")).await.text().await.expect("body");
        assert!(list.contains("成果跟踪") && list.contains("已逾期"), "{list}");
        assert!(list.contains(&format!("href=\"/api/v1/results?place={community}&amp;cursor=1&amp;format=csv\"")), "the page offers its CSV");
        let english = app.get_in("en", &format!("/results?place={community}&late=1")).await.text().await.expect("body");
        assert!(english.contains("days) late") || english.contains("day(s) late"), "{english}");
        let ids = app.db.store.query_strings(&format!(
            "SELECT CAST(result_id AS TEXT) FROM tracked_result WHERE community_code = '{community}' AND topic_id IS NOT NULL ORDER BY result_id"
        )).await;
        let id = ids.first().expect("a topic's result").clone();
        let page = format!("/results/{id}");

        // The same list as open data: the late filter, the CSV row, and one
        // result with its entries.
        let late: serde_json::Value = app.get(&format!("/api/v1/results?place={community}&late=1")).await.json().await.expect("json");
        assert_eq!(late["items"].as_array().expect("items").len(), 1, "{late}");
        assert_eq!(late["items"][0]["id"].to_string(), id);
        let csv = app.get(&format!("/api/v1/results?place={community}&late=1&format=csv")).await.text().await.expect("csv");
        let row = csv.lines().nth(1).expect("one row");
        assert!(row.starts_with(&format!("{id},{community},")) && row.contains(",50,under_way,") && row.ends_with(&format!(",/results/{id}")), "{row}");
        let one: serde_json::Value = app.get(&format!("/api/v1/results/{id}")).await.json().await.expect("json");
        assert_eq!(one["entries"].as_array().expect("entries").len(), 3, "opened, then two updates: {one}");
        assert_eq!(app.get("/api/v1/results?late=yes").await.status(), 422);
        assert!(app.get(&page).await.text().await.expect("body").contains("登录后可以关注"));

        // A resident follows; the form may not move it.
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let r = app.post_form(&format!("{page}/follow"), &[], Some(&resident), origin).await;
        assert!(location(&r).contains("notice=saved"), "{}", location(&r));
        assert!(app.page_as(&page, &resident).await.contains("不再关注"));
        let typed = [("progress", "60"), ("status", "under_way"), ("planned", ""), ("body", "路灯已经全部换好，还差验收。")];
        let r = app.post_form(&format!("{page}/update"), &typed, Some(&resident), origin).await;
        assert!(!location(&r).contains("notice=saved"), "refused: {}", location(&r));
        assert!(!app.page_as(&page, &resident).await.contains("路灯已经全部换好"));

        // The council's bad entry comes back with what was typed; a good
        // one is published.
        let council = app.sign_in("council@linli.demo", DEMO_PASSWORD).await;
        let bad = [("progress", "100"), ("status", "under_way"), ("planned", ""), ("body", "路灯已经全部换好，还差验收。")];
        let r = app.post_form(&format!("{page}/update"), &bad, Some(&council), origin).await;
        assert!(location(&r).contains("kept=1"), "{}", location(&r));
        let back = app.follow(&r, Some(&council)).await;
        assert!(back.contains("路灯已经全部换好") && back.contains("field-error"), "typed text and the reason");
        let r = app.post_form(&format!("{page}/update"), &typed, Some(&council), origin).await;
        assert!(location(&r).contains("notice=saved"), "{}", location(&r));
        assert!(app.page_as(&page, &resident).await.contains("路灯已经全部换好"));
        assert!(app.page_as("/inbox", &resident).await.contains(&format!("/results/{id}")), "the follower's inbox has it");

        // The recurring list: public, with the council's one action.
        let recurring = format!("/recurring/{community}");
        let public = app.get(&recurring).await.text().await.expect("body");
        assert!(public.contains("反复出现的问题") && !public.contains("/recurring/propose"));
        let mine = app.page_as(&recurring, &council).await;
        assert!(mine.contains(r#"action="/recurring/propose""#));
        let matters = mine
            .split(r#"name="matters" value=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a cluster's matters")
            .to_owned();
        let deliberation = mine
            .split(r#"<option value=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a deliberation collecting topics")
            .to_owned();
        let fields = [("deliberation", deliberation.as_str()), ("matters", matters.as_str())];
        let r = app.post_form("/recurring/propose", &fields, Some(&resident), origin).await;
        assert!(!location(&r).contains("#topics-"), "only the council proposes: {}", location(&r));
        let r = app.post_form("/recurring/propose", &fields, Some(&council), origin).await;
        let at = location(&r);
        assert!(at.starts_with(&format!("/deliberations/{deliberation}?notice=saved#topics-")), "{at}");
        let first = matters.split(',').next().expect("a matter");
        let matter_page = app.get(&format!("/matters/{first}")).await.text().await.expect("body");
        assert!(matter_page.contains(&format!("/deliberations/{deliberation}#topics-")), "the matter links to its topic");
        let again = app.page_as(&recurring, &council).await;
        assert!(again.contains("已作为议题提出"));
    }
}
