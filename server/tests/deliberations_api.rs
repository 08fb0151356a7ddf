//! Deliberations through `/api/v1` on both engines: the list pages with a
//! cursor, a deliberation reads as the page does, a resident takes part
//! with a token (topic, support, statement, vote, a ranked ballot) through
//! the same rules as the forms, and statements and the anonymised vote
//! matrix download with ids that are stable for one deliberation only.

mod support;

use linli_service::{clock::Clock, seed, test_on_both_engines};
use serde_json::{Value, json};
use support::spawn_app;

test_on_both_engines! {
    async fn deliberations_through_the_api(db: TestDb) {
        let app = &spawn_app(db).await;
        let store = &app.db.store;
        let now = linli_service::clock::SystemClock.now();
        seed::load_demo_deliberations(store, now, &app.city, "http://linli.test").await.expect("deliberations");
        let id_of = |title: &'static str| async move {
            store.query_strings(&format!("SELECT CAST(deliberation_id AS TEXT) FROM deliberation WHERE title = '{title}'")).await.remove(0)
        };
        let collecting = id_of("明年民生微实事项目征集").await;
        let parking = id_of("小区停车位怎么分配").await;

        // The list, filtered by stage, and one deliberation.
        let list: Value = app.get("/api/v1/deliberations?stage=consultation").await.json().await.expect("json");
        let items = list["items"].as_array().expect("items");
        assert!(!items.is_empty() && items.iter().all(|d| d["stage"] == "consultation"), "{list}");
        assert_eq!(app.get("/api/v1/deliberations?stage=voting").await.status(), 422);
        let detail: Value = app.get(&format!("/api/v1/deliberations/{parking}")).await.json().await.expect("json");
        let polls = detail["polls"].as_array().expect("polls");
        let ranked = polls.iter().find(|p| p["method"]["method"] == "ranked").expect("a ranked poll");
        assert!(ranked["count"].is_null(), "no count before the close");
        let ranked = ranked["id"].as_i64().expect("id");

        // Taking part needs a token; the rules are the forms' rules.
        let anonymous = app.client.post(app.url(&format!("/api/v1/deliberations/{collecting}/topics")))
            .json(&json!({"title": "小区东门加装雨棚", "description": "下雨天东门进出没有地方躲雨。", "why": "老人和孩子容易淋雨。"}))
            .send().await.expect("request");
        assert_eq!(anonymous.status(), 401);
        let token = app.token_for("resident@linli.demo").await;
        let post = |path: String, body: Value| {
            let token = token.clone();
            async move { app.client.post(app.url(&path)).bearer_auth(&token).json(&body).send().await.expect("request") }
        };
        let made = post(format!("/api/v1/deliberations/{collecting}/topics"),
            json!({"title": "小区东门加装雨棚", "description": "下雨天东门进出没有地方躲雨。", "why": "老人和孩子容易淋雨。"})).await;
        assert_eq!(made.status(), 201);
        let topic = made.json::<Value>().await.expect("json")["id"].as_i64().expect("id");
        let council = app.token_for("council@linli.demo").await;
        let supported = app.client.post(app.url(&format!("/api/v1/topics/{topic}/support"))).bearer_auth(&council).send().await.expect("request");
        assert_eq!(supported.json::<Value>().await.expect("json")["added"], true);
        let early = post(format!("/api/v1/deliberations/{collecting}/statements"), json!({"body": "还没到协商就发言"})).await;
        assert_eq!(early.status(), 409, "statements wait for the consultation");

        let said = post(format!("/api/v1/deliberations/{parking}/statements"), json!({"body": "访客车位要和住户车位分开。"})).await;
        assert_eq!(said.status(), 201);
        let statement = said.json::<Value>().await.expect("json")["id"].as_i64().expect("id");
        assert_eq!(post(format!("/api/v1/statements/{statement}/vote"), json!({"vote": "agree"})).await.status(), 204);
        assert_eq!(post(format!("/api/v1/statements/{statement}/vote"), json!({"vote": "maybe"})).await.status(), 422);
        let twice = post(format!("/api/v1/polls/{ranked}/ballot"), json!({"ranking": [0, 0]})).await;
        assert_eq!(twice.status(), 422, "a rank given twice");
        let body: Value = twice.json().await.expect("json");
        assert!(body.to_string().contains("ranks"), "{body}");
        assert_eq!(post(format!("/api/v1/polls/{ranked}/ballot"), json!({"ranking": [2, 0]})).await.status(), 204);
        let mine: Value = app.client.get(app.url(&format!("/api/v1/deliberations/{parking}"))).bearer_auth(&token).send().await.expect("request").json().await.expect("json");
        let poll = mine["polls"].as_array().expect("polls").iter().find(|p| p["id"] == ranked).expect("poll").clone();
        assert_eq!(poll["your_ballot"], json!({"kind": "ranked", "marks": [2, 0]}));

        // The council's part: a poll of any method, answers, steps.
        let as_council = |path: String, body: Value| {
            let council = council.clone();
            async move { app.client.post(app.url(&path)).bearer_auth(&council).json(&body).send().await.expect("request") }
        };
        let poll = json!({"question": "充电车位放在哪一区？", "options": "A 区\nB 区", "quorum": "5", "rule": "simple",
            "closes_at": linli_model::time::beijing_local(now + 2 * 86_400_000), "method": "dots", "threshold": "0"});
        let refused = as_council(format!("/api/v1/deliberations/{parking}/polls"), poll.clone()).await;
        assert_eq!(refused.status(), 422, "no dots to give");
        let mut good = poll.clone();
        good["threshold"] = json!("3");
        assert_eq!(as_council(format!("/api/v1/deliberations/{parking}/polls"), good.clone()).await.status(), 201);
        assert_eq!(post(format!("/api/v1/deliberations/{parking}/polls"), good).await.status(), 403, "residents put no polls");
        let block = store.query_strings(&format!(
            "SELECT CAST(b.ballot_id AS TEXT) FROM ballot b JOIN poll p ON p.poll_id = b.poll_id \
             WHERE p.deliberation_id = {parking} AND b.marks = 'block' AND b.answer IS NULL"
        )).await.remove(0);
        let answer = json!({"body": "访客首次可在门岗登记延长 2 小时，不另收费。"});
        assert_eq!(post(format!("/api/v1/blocks/{block}/answer"), answer.clone()).await.status(), 403);
        assert_eq!(as_council(format!("/api/v1/blocks/{block}/answer"), answer.clone()).await.status(), 204);
        assert_eq!(as_council(format!("/api/v1/blocks/{block}/answer"), answer).await.status(), 409, "answered once");
        let decide = as_council(format!("/api/v1/deliberations/{parking}/steps"), json!({"step": "decide"})).await;
        assert_eq!(decide.status(), 409, "polls are open");

        // Open data: statements and the vote matrix, as JSON and CSV.
        let statements: Value = app.get(&format!("/api/v1/deliberations/{parking}/statements")).await.json().await.expect("json");
        assert!(statements.as_array().expect("list").iter().any(|s| s["id"] == statement && s["agree"] == 1));
        let votes = |path: String| async move { app.get(&path).await.json::<Value>().await.expect("json") };
        let first = votes(format!("/api/v1/deliberations/{parking}/votes")).await;
        let again = votes(format!("/api/v1/deliberations/{parking}/votes")).await;
        assert_eq!(first, again, "the same ids in every export");
        let rows = first["items"].as_array().expect("items");
        assert!(rows.len() > 12);
        assert!(rows.iter().all(|v| v["participant"].as_str().is_some_and(|p| p.len() == 12 && p.chars().all(|c| c.is_ascii_hexdigit()))));
        let decided = id_of("3 号楼北侧加装电动车充电桩").await;
        let elsewhere = votes(format!("/api/v1/deliberations/{decided}/votes")).await;
        let ids = |v: &Value| v["items"].as_array().expect("items").iter().map(|r| r["participant"].as_str().unwrap_or("").to_owned()).collect::<std::collections::HashSet<_>>();
        assert!(ids(&first).is_disjoint(&ids(&elsewhere)), "ids do not link two deliberations");
        let csv = app.get(&format!("/api/v1/deliberations/{parking}/votes?format=csv")).await.text().await.expect("csv");
        assert!(csv.trim_start_matches('\u{feff}').starts_with("participant,statement,vote"));
        let records: Value = app.get(&format!("/api/v1/deliberations/{decided}/records")).await.json().await.expect("json");
        assert_eq!(records["intact"], true);
        assert_eq!(records["versions"][0]["fingerprint"].as_str().map(str::len), Some(64));

        // The opinion groups, as the page draws them: nobody named, every
        // statement scored by both measures.
        let opinion: Value = app.get(&format!("/api/v1/deliberations/{parking}/opinion")).await.json().await.expect("json");
        assert_eq!(opinion["groups"].as_array().map(Vec::len), Some(2), "{opinion}");
        let scores = opinion["scores"].as_array().expect("scores");
        assert!(scores.len() >= 6);
        assert!(scores.iter().all(|s| s["consensus"].is_number() && s["bridging"].is_number() && s["divergent"].is_boolean()));
        assert!(!opinion.to_string().contains("account"), "nobody is named");
        assert_eq!(app.get("/api/v1/deliberations/999999/opinion").await.status(), 404);
    }
}
