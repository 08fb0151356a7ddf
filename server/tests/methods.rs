//! Decision methods through the deliberation page's plain forms on both
//! engines: a ranked ballot refused for a rank given twice comes back as it
//! was marked, then counts; a block needs its reason and is answered by the
//! council alone; closed polls show their counts in both languages.

mod support;

use linli_service::{clock::Clock, seed, seed::DEMO_PASSWORD, test_on_both_engines};
use support::{location, spawn_app};

test_on_both_engines! {
    async fn ballots_of_each_method_go_through_plain_forms(db: TestDb) {
        let app = spawn_app(db).await;
        let store = &app.db.store;
        let now = linli_service::clock::SystemClock.now();
        seed::load_demo_deliberations(store, now, &app.city, "http://linli.test").await.expect("deliberations");
        let origin = Some(app.base.as_str());
        let id = |title: &str| {
            let title = title.to_owned();
            async move {
                store.query_strings(&format!("SELECT CAST(deliberation_id AS TEXT) FROM deliberation WHERE title = '{title}'")).await.remove(0)
            }
        };
        let parking = id("小区停车位怎么分配").await;
        let poll = |method: &'static str| {
            let parking = parking.clone();
            async move {
                store.query_strings(&format!(
                    "SELECT CAST(poll_id AS TEXT) FROM poll WHERE deliberation_id = {parking} AND method = '{method}'"
                )).await.remove(0)
            }
        };
        let page = format!("/deliberations/{parking}");
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let before = app.page_as(&page, &resident).await;
        assert!(before.contains("排序投票（逐轮淘汰）") && before.contains("name=\"rank_2\""), "the ranked ballot is a form");

        // A rank given twice comes back with the marks and the reason.
        let ranked = poll("ranked").await;
        let cast = format!("/deliberations/polls/{ranked}/cast?back={parking}");
        let twice = [("rank_0", "1"), ("rank_1", "1"), ("rank_2", "")];
        let r = app.post_form(&cast, &twice, Some(&resident), origin).await;
        assert!(location(&r).contains("kept=1"), "{}", location(&r));
        let back = app.follow(&r, Some(&resident)).await;
        assert!(back.contains("每个名次只能给一个选项"), "the reason beside the ballot");
        assert_eq!(back.matches("<option value=\"1\" selected").count(), 2, "both marks kept");
        let good = [("rank_0", "2"), ("rank_1", ""), ("rank_2", "1")];
        let r = app.post_form(&cast, &good, Some(&resident), origin).await;
        assert!(location(&r).contains("notice=d_polls-"), "{}", location(&r));
        let mine = app.page_as(&page, &resident).await;
        assert!(mine.contains("您已投票，截止前可以修改。"));
        assert!(store.query_strings(&format!("SELECT marks FROM ballot WHERE poll_id = {ranked} ORDER BY ballot_id DESC")).await[0] == "2,0");

        // A block needs its reason; the council alone answers it.
        let consent = poll("consent").await;
        let cast = format!("/deliberations/polls/{consent}/cast?back={parking}");
        let r = app.post_form(&cast, &[("stance", "block"), ("reason", "")], Some(&resident), origin).await;
        assert!(location(&r).contains("kept=1"));
        assert!(app.follow(&r, Some(&resident)).await.contains("field-error"));
        let reason = "晚上访客多是来看老人的子女，2 小时不够。";
        let r = app.post_form(&cast, &[("stance", "block"), ("reason", reason)], Some(&resident), origin).await;
        assert!(location(&r).contains("notice=d_polls-"), "{}", location(&r));
        assert!(!app.page_as(&page, &resident).await.contains("/answer?back="), "residents get no answer form");
        let block = store.query_strings(&format!(
            "SELECT CAST(ballot_id AS TEXT) FROM ballot WHERE poll_id = {consent} AND reason = '{reason}'"
        )).await.remove(0);
        let answer = format!("/deliberations/ballots/{block}/answer?back={parking}");
        let text = "访客停车第一次可延长 2 小时，在门岗登记即可，不另收费。";
        let r = app.post_form(&answer, &[("answer", text)], Some(&resident), origin).await;
        assert!(!location(&r).contains("notice="), "a resident may not answer: {}", location(&r));
        let council = app.sign_in("council@linli.demo", DEMO_PASSWORD).await;
        let theirs = app.page_as(&page, &council).await;
        assert!(theirs.contains(reason) && theirs.contains(&format!("/deliberations/ballots/{block}/answer")), "the council sees the block to answer it");
        let r = app.post_form(&answer, &[("answer", "好")], Some(&council), origin).await;
        assert!(location(&r).contains("kept=1"), "too short: {}", location(&r));
        let r = app.post_form(&answer, &[("answer", text)], Some(&council), origin).await;
        assert!(location(&r).contains("notice="), "{}", location(&r));
        assert!(app.page_as(&page, &council).await.contains(text));

        // The decided deliberation shows the rounds and the funded set.
        let decided = id("3 号楼北侧加装电动车充电桩").await;
        let zh = app.get(&format!("/deliberations/{decided}")).await.text().await.expect("body");
        assert!(zh.contains("第 2 轮") && zh.contains("已淘汰") && zh.contains("结果：入选"), "counts in Chinese");
        let en = app.get_in("en", &format!("/deliberations/{decided}")).await.text().await.expect("body");
        assert!(en.contains("Round 2") && en.contains("Ranked choice (instant runoff)") && en.contains("Result: blocked by 1"), "counts in English");
    }
}
