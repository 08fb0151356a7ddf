//! A participant's votes removed from a deliberation's math through the
//! plain forms, on both engines: the council finds them from what they
//! wrote, removes them with a public reason, the public log says so, and
//! the participant is told why their next vote is refused.

mod support;

use linli_service::{clock::Clock, seed, seed::DEMO_PASSWORD, test_on_both_engines};
use support::{location, spawn_app};

test_on_both_engines! {
    async fn the_council_removes_a_participants_votes_with_a_public_reason(db: TestDb) {
        let app = spawn_app(db).await;
        let store = &app.db.store;
        let now = linli_service::clock::SystemClock.now();
        seed::load_demo_deliberations(store, now, &app.city, "http://linli.test").await.expect("deliberations");
        let origin = Some(app.base.as_str());
        let row = store.query_strings(
            "SELECT CAST(deliberation_id AS TEXT) || ' ' || community_code FROM deliberation WHERE title = '小区停车位怎么分配'",
        ).await.remove(0);
        let (parking, community) = row.split_once(' ').expect("id and community");
        let page = format!("/deliberations/{parking}");

        // A resident writes a statement (and so agrees with it).
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let text = "访客车位应该按楼栋轮流分配，每周公布一次。";
        let r = app.post_form(&format!("{page}/statements"), &[("body", text)], Some(&resident), origin).await;
        assert!(location(&r).contains("notice="), "{}", location(&r));
        let statement = store.query_strings(&format!(
            "SELECT CAST(statement_id AS TEXT) FROM statement WHERE body = '{text}'"
        )).await.remove(0);

        // The council, on the statement's page, follows the author's votes.
        let council = app.sign_in("council@linli.demo", DEMO_PASSWORD).await;
        let item = app.page_as(&format!("/moderation/item?what=statement:{statement}"), &council).await;
        let start = item.find("what=participant:").expect("moderators see the author's votes") + 5;
        let what: String = item[start..].chars().take_while(|c| *c != '"').collect();
        assert!(what.starts_with(&format!("participant:{parking}-")), "{what}");
        let public = app.page_as(&format!("/moderation/item?what=statement:{statement}"), &resident).await;
        assert!(!public.contains("what=participant:"), "residents are not shown who wrote it");
        let votes_page = app.page_as(&format!("/moderation/item?what={what}"), &council).await;
        assert!(votes_page.contains("的投票") && votes_page.contains("移出计算"), "the participant's page");

        // Removed with a reason that says something; a bare one comes back.
        let r = app.post_form("/moderation/hide", &[("what", what.as_str()), ("reason", "违规")], Some(&council), origin).await;
        assert!(location(&r).contains("kept=1"), "{}", location(&r));
        let r = app.post_form("/moderation/hide", &[("what", what.as_str()), ("reason", "同一账号冒用他人身份投票。")], Some(&council), origin).await;
        assert!(location(&r).contains("notice=m_hidden"), "{}", location(&r));
        let after = app.follow(&r, Some(&council)).await;
        assert!(after.contains("已把这些投票移出计算") && after.contains("现在：不计入统计") && after.contains("恢复计算"));

        // The public log names the decision and the role, never the person.
        let log = app.get(&format!("/communities/{community}/moderation")).await.text().await.expect("log");
        assert!(log.contains("已移出计算") && log.contains("同一账号冒用他人身份投票。"));
        let name = store.query_strings("SELECT display_name FROM account WHERE email = 'resident@linli.demo'").await.remove(0);
        assert!(!log.contains(&name), "the log does not say whose votes");

        // The participant's next vote is refused with the reason's place.
        let r = app.post_form(
            &format!("/deliberations/statements/{statement}/vote?back={parking}"),
            &[("vote", "disagree")], Some(&resident), origin,
        ).await;
        assert!(location(&r).contains("error=d_participant_removed"), "{}", location(&r));
        assert!(app.follow(&r, Some(&resident)).await.contains("您在这次议事中的投票已被移出计算"));
    }
}
