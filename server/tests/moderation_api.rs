//! Moderation through `/api/v1` on both engines: the public log, an item's
//! state, a report with a token, a hide refused to residents and to a
//! reason that explains nothing, then made by the council and logged by
//! role; the desk for moderators only; all in the OpenAPI document.

mod support;

use linli_service::{clock::Clock, seed, test_on_both_engines};
use serde_json::{Value, json};
use support::spawn_app;

test_on_both_engines! {
    async fn moderation_through_the_api(db: TestDb) {
        let app = &spawn_app(db).await;
        let store = &app.db.store;
        let now = linli_service::clock::SystemClock.now();
        seed::load_demo_deliberations(store, now, &app.city, "http://linli.test").await.expect("deliberations");
        let row = store.query_strings(
            "SELECT CAST(t.topic_id AS TEXT) || ' ' || d.community_code FROM topic t \
             JOIN deliberation d ON d.deliberation_id = t.deliberation_id WHERE t.title = '3 栋那几户太没素质'",
        ).await.remove(0);
        let (rude, community) = row.split_once(' ').expect("topic and community");
        let what = format!("topic:{rude}");
        let post = |path: &'static str, token: String, body: Value| async move {
            app.client.post(app.url(path)).bearer_auth(&token).json(&body).send().await.expect("request")
        };

        // The public log: the demo's advert hidden and its voting bot
        // removed from the count, both by the council.
        let log: Value = app.get(&format!("/api/v1/communities/{community}/moderation")).await.json().await.expect("json");
        let entries = log["items"].as_array().expect("items");
        let kinds: Vec<&str> = entries.iter().map(|e| e["content"].as_str().expect("content").split(':').next().unwrap_or("")).collect();
        assert_eq!(kinds, ["participant", "topic"], "{log}");
        assert!(entries.iter().all(|e| e["decision"] == "hidden" && e["role"] == "council_member"), "{log}");
        assert_eq!(app.get("/api/v1/communities/12/moderation").await.status(), 422);
        assert_eq!(app.get("/api/v1/moderation/item?what=poll:3").await.status(), 422);

        // A resident reports once; a second report is a conflict.
        let resident = app.token_for("resident@linli.demo").await;
        let r = post("/api/v1/moderation/reports", resident.clone(), json!({"what": what, "reason": "abuse"})).await;
        assert_eq!(r.status(), 204);
        let r = post("/api/v1/moderation/reports", resident.clone(), json!({"what": what, "reason": "abuse"})).await;
        assert_eq!(r.status(), 409);
        let r = post("/api/v1/moderation/reports", resident.clone(), json!({"what": what, "reason": "boring"})).await;
        assert_eq!(r.status(), 422);
        let anonymous = app.client.post(app.url("/api/v1/moderation/reports")).json(&json!({"what": what, "reason": "abuse"})).send().await.expect("request");
        assert_eq!(anonymous.status(), 401);

        // Residents may not decide; the council must give a real reason.
        let r = post("/api/v1/moderation/decisions", resident.clone(), json!({"what": what, "decision": "hidden", "reason": "骂人了，隐藏。"})).await;
        assert_eq!(r.status(), 403);
        let council = app.token_for("council@linli.demo").await;
        let item: Value = app.client.get(app.url(&format!("/api/v1/moderation/item?what={what}"))).bearer_auth(&council).send().await.expect("request").json().await.expect("json");
        assert_eq!(item["may_moderate"], true);
        let reports: i64 = item["open_reports"].as_array().expect("reports").iter().map(|r| r["count"].as_i64().expect("count")).sum();
        assert_eq!(reports, 3, "two from the demo and the resident's: {item}");
        let r = post("/api/v1/moderation/decisions", council.clone(), json!({"what": what, "decision": "hidden", "reason": "违规"})).await;
        assert_eq!(r.status(), 422);
        let body: Value = r.json().await.expect("json");
        assert_eq!(body["error"]["fields"][0]["field"], "reason");
        let r = post("/api/v1/moderation/decisions", council.clone(), json!({"what": what, "decision": "hidden", "reason": "针对邻居的辱骂，已隐藏。"})).await;
        assert_eq!(r.status(), 204);
        let r = post("/api/v1/moderation/decisions", council.clone(), json!({"what": what, "decision": "hidden", "reason": "针对邻居的辱骂，已隐藏。"})).await;
        assert_eq!(r.status(), 409, "hidden already");
        let log: Value = app.get(&format!("/api/v1/communities/{community}/moderation")).await.json().await.expect("json");
        assert_eq!(log["items"][0]["content"], what.as_str());
        assert_eq!(log["items"][0]["reason"], "针对邻居的辱骂，已隐藏。");
        let public: Value = app.get(&format!("/api/v1/moderation/item?what={what}")).await.json().await.expect("json");
        assert_eq!((public["hidden"].as_bool(), public["text"].as_str()), (Some(true), Some("")), "the text is withheld");

        // The desk is for moderators.
        assert_eq!(app.get("/api/v1/moderation/desk").await.status(), 401);
        let desk = app.client.get(app.url("/api/v1/moderation/desk")).bearer_auth(&resident).send().await.expect("request");
        assert_eq!(desk.status(), 403);
        let desk = app.client.get(app.url("/api/v1/moderation/desk")).bearer_auth(&council).send().await.expect("request");
        assert_eq!(desk.status(), 200);

        let doc = app.get("/api/v1/openapi.json").await.text().await.expect("doc");
        for path in ["/moderation/decisions", "/moderation/reports", "/communities/{code}/moderation", "/moderation/desk"] {
            assert!(doc.contains(path), "{path} is documented");
        }
    }
}
