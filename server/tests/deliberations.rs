//! A deliberation through the pages and their plain forms, on a server
//! whose clock the test moves: a resident proposes a topic, a neighbour
//! supports it, the council selects it and publishes the notice, the notice
//! period passes, people make statements and vote, the poll closes and the
//! decision is published with a record anyone can verify. Each step is also
//! tried too early or by the wrong person, and refused.

mod support;

use std::sync::Arc;

use linli_model::{
    account::{AccountId, Email, Login},
    role::{Grant, Role, Scope},
    time::beijing_local,
};
use linli_service::{
    clock::{Clock, DAY, HOUR, ManualClock},
    seed::DEMO_PASSWORD,
    test_on_both_engines,
};
use support::{TestApp, location, spawn_app_on};

const START: i64 = 1_795_140_000_000; // 2026-11-20 10:00 Beijing

/// A new resident of `community`: signed up through the form, then given
/// the resident role there (as verifying a membership would).
async fn neighbour(app: &TestApp, email: &str, community: &str) -> String {
    let password = "a-long-password-2026";
    let signed_up = app
        .post_form(
            "/account/sign-up",
            &[
                ("display_name", "老周"),
                ("login", email),
                ("password", password),
                ("confirm", password),
            ],
            None,
            Some(&app.base),
        )
        .await;
    assert_eq!(signed_up.status(), 303);
    let login = Login::Email(Email::parse(email).expect("valid"));
    let id = app
        .db
        .store
        .credentials(&login)
        .await
        .expect("read")
        .expect("signed up")
        .account_id;
    let scope =
        Scope::Community(linli_model::tree::CommunityCode::parse(community).expect("valid"));
    let grant = Grant::new(Role::Resident, scope).expect("valid");
    app.db
        .store
        .insert_grant(AccountId(id), &grant, None, START)
        .await
        .expect("grant");
    app.sign_in(email, password).await
}

/// The one id in a table of this test's database.
async fn only_id(app: &TestApp, sql: &str) -> String {
    let ids = app.db.store.query_strings(sql).await;
    assert_eq!(ids.len(), 1, "{sql}: {ids:?}");
    ids[0].clone()
}

test_on_both_engines! {
    async fn a_deliberation_runs_its_four_steps_through_the_forms(db: TestDb) {
        let clock = ManualClock::new(START);
        let app = spawn_app_on(db, Arc::new(clock.clone())).await;
        let community = app.city.communities[0].node.code.clone();
        let origin = Some(app.base.as_str());
        let post = |path: String, fields: Vec<(&'static str, String)>, who: String| {
            let app = &app;
            async move {
                let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                location(&app.post_form(&path, &fields, Some(&who), origin).await)
            }
        };
        let page = |path: String, who: Option<String>| {
            let app = &app;
            async move {
                let mut request = app.client.get(app.url(&path));
                if let Some(who) = who {
                    request = request.header("cookie", who);
                }
                let response = request.send().await.expect("request");
                assert_eq!(response.status(), 200, "{path}");
                response.text().await.expect("body")
            }
        };
        let council = app.sign_in("council@linli.demo", DEMO_PASSWORD).await;
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let zhou = neighbour(&app, "zhou@x.cn", &community).await;

        // 1. The council opens it; a resident may not.
        let start = format!("/communities/{community}/deliberations");
        let fields = |until: i64| vec![("title", "电动车充电难".to_owned()), ("summary", "收集大家对充电设施的意见。".to_owned()), ("collect_until", beijing_local(until))];
        let refused = post(start.clone(), fields(START + 3 * DAY), resident.clone()).await;
        assert!(refused.contains("error=denied"), "{refused}");
        let started = post(start.clone(), fields(START + 3 * DAY), council.clone()).await;
        let id: i64 = started.trim_start_matches("/deliberations/").trim_end_matches("?notice=d_started").parse().expect("an id");
        let path = format!("/deliberations/{id}");

        // A topic with a mistake comes back with what was typed.
        let topic = |title: &str| vec![("title", title.to_owned()), ("description", "晚上很多人把电动车推进楼道充电。".to_owned()), ("why", "楼道充电容易起火。".to_owned())];
        let fields: Vec<(&str, String)> = topic("充");
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let bad = app.post_form(&format!("{path}/topics"), &fields, Some(&resident), origin).await;
        assert!(location(&bad).contains("which=topics") && !location(&bad).contains("%E5%85%85"), "{}", location(&bad));
        let refilled = app.follow(&bad, Some(&resident)).await;
        assert!(refilled.contains("晚上很多人把电动车推进楼道充电。"), "the description typed is still there");
        assert!(refilled.contains(r#"aria-invalid="true""#), "the title says what is wrong");
        let proposed = post(format!("{path}/topics"), topic("加装电动车充电桩"), resident.clone()).await;
        assert!(proposed.contains("notice=d_topics"), "{proposed}");
        let topic_id = only_id(&app, "SELECT '' || topic_id FROM topic").await;
        let supported = post(format!("/deliberations/topics/{topic_id}/support?back={id}"), vec![], zhou.clone()).await;
        assert!(supported.contains(&format!("notice=d_topics-{topic_id}")), "{supported}");
        let public = page(path.clone(), None).await;
        assert!(public.contains("加装电动车充电桩") && public.contains("收集议题"));

        // 2. Collection cannot end early; then the council selects the topic.
        let step = |name: &str| vec![("step", name.to_owned())];
        let early = post(format!("{path}/step"), step("close_collection"), council.clone()).await;
        assert!(early.contains("error=d_window_open"), "{early}");
        clock.advance(3 * DAY + HOUR);
        // Zhou (who supported, so follows) wants each step by email at once;
        // with no mobile number on the account, SMS is offered but not open.
        let offered = app.page_as("/inbox", &zhou).await;
        assert!(offered.contains("手机短信（账户里没有手机号）"), "the SMS choice says why it is closed");
        let sms = app.post_form("/inbox/settings", &[("channel", "sms")], Some(&zhou), origin).await;
        assert!(location(&sms).contains("kept=1") || location(&sms).contains("error"), "{}", location(&sms));
        let settings = app.post_form("/inbox/settings", &[], Some(&zhou), origin).await;
        assert_eq!(location(&settings), "/inbox?notice=d_digest");
        assert!(post(format!("{path}/step"), step("close_collection"), council.clone()).await.contains("notice=d_close_collection"));
        let inbox = page("/inbox".into(), Some(resident.clone())).await;
        assert!(inbox.contains("电动车充电难") && inbox.contains("结束议题征集"), "the proposer hears of it");
        let mailed = app.db.store.query_strings("SELECT recipient FROM outbox_message WHERE subject LIKE '%结束议题征集%'").await;
        assert_eq!(mailed, vec!["zhou@x.cn"], "only zhou asked for email at once");
        // Anyone signed in may stop following, or follow.
        assert!(post(format!("{path}/unfollow"), vec![], resident.clone()).await.contains("notice=d_unfollow"));
        assert!(page(path.clone(), Some(resident.clone())).await.contains("关注这次议事"));
        assert!(post(format!("{path}/follow"), vec![], resident.clone()).await.contains("notice=d_follow"));
        let select = vec![("disposition", "select".to_owned()), ("reason", "支持的人多，关系消防安全。".to_owned())];
        let by_resident = post(format!("/deliberations/topics/{topic_id}/decide?back={id}"), select.clone(), resident.clone()).await;
        assert!(by_resident.contains("error=denied"), "{by_resident}");
        assert!(post(format!("/deliberations/topics/{topic_id}/decide?back={id}"), select, council.clone()).await.contains("notice="));
        // A consultation inside the notice period: the refusal says why and
        // names the first day that would work.
        let soon = clock.now() + 3 * DAY;
        let early = vec![
            ("form", "online".to_owned()),
            ("starts_at", beijing_local(soon)),
            ("ends_at", beijing_local(soon + DAY)),
            ("place", String::new()),
            ("participants", "community".to_owned()),
            ("stakeholders", String::new()),
            ("materials", String::new()),
        ];
        assert!(post(format!("{path}/arrange"), early, council.clone()).await.contains("notice=d_arrange"));
        let fields = step("publish_notice");
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = app.post_form(&format!("{path}/step"), &fields, Some(&council), origin).await;
        let explained = app.follow(&refused, Some(&council)).await;
        assert!(explained.contains("征询要在公示期结束后才能开始：最早"), "the refusal is explained on the page");
        let starts = clock.now() + 9 * DAY;
        let arrangement = vec![
            ("form", "online".to_owned()),
            ("starts_at", beijing_local(starts)),
            ("ends_at", beijing_local(starts + 4 * DAY)),
            ("place", String::new()),
            ("participants", "community".to_owned()),
            ("stakeholders", "物业公司".to_owned()),
            ("materials", String::new()),
        ];
        assert!(post(format!("{path}/arrange"), arrangement, council.clone()).await.contains("notice=d_arrange"));

        // 3. The notice: the consultation waits for the period and for answers.
        assert!(post(format!("{path}/step"), step("publish_notice"), council.clone()).await.contains("notice=d_publish_notice"));
        let too_soon = post(format!("{path}/step"), step("open_consultation"), council.clone()).await;
        assert!(too_soon.contains("error=d_notice_running"), "{too_soon}");
        assert!(post(format!("{path}/objections"), vec![("body", "充电桩会不会影响一楼采光？".to_owned())], zhou.clone()).await.contains("notice=d_objections"));
        clock.advance(9 * DAY);
        let council = app.sign_in("council@linli.demo", DEMO_PASSWORD).await;
        let unanswered = post(format!("{path}/step"), step("open_consultation"), council.clone()).await;
        assert!(unanswered.contains("error=d_objections_open"), "{unanswered}");
        let objection = only_id(&app, "SELECT '' || objection_id FROM objection").await;
        let answered = post(format!("/deliberations/objections/{objection}/answer?back={id}"), vec![("answer", "装在围墙一侧，不影响采光。".to_owned())], council.clone()).await;
        assert!(answered.contains("notice="), "{answered}");
        assert!(post(format!("{path}/step"), step("open_consultation"), council.clone()).await.contains("notice=d_open_consultation"));

        // 4. Statements and votes; the poll's result stays hidden until it closes.
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let zhou = app.sign_in("zhou@x.cn", "a-long-password-2026").await;
        assert!(post(format!("{path}/statements"), vec![("body", "充电桩应该装在车棚旁边。".to_owned())], resident.clone()).await.contains("notice=d_statements"));
        let statement = only_id(&app, "SELECT '' || statement_id FROM statement").await;
        for vote in ["disagree", "agree"] {
            let voted = post(format!("/deliberations/statements/{statement}/vote?back={id}"), vec![("vote", vote.to_owned())], zhou.clone()).await;
            assert!(voted.contains("notice=d_statements-"), "{voted}");
        }
        let votes = app.db.store.query_strings("SELECT CASE vote WHEN 1 THEN 'agree' WHEN -1 THEN 'disagree' ELSE 'pass' END FROM statement_vote ORDER BY account_id").await;
        assert_eq!(votes, vec!["agree", "agree"], "the author agrees with their own; a changed vote is one vote");
        let poll = vec![
            ("question", "是否同意在车棚旁加装 10 个充电桩？".to_owned()),
            ("options", "同意\n不同意".to_owned()),
            ("quorum", "2".to_owned()),
            ("rule", "simple".to_owned()),
            ("closes_at", beijing_local(clock.now() + 2 * DAY)),
        ];
        assert!(post(format!("{path}/polls"), poll.clone(), resident.clone()).await.contains("error=denied"), "only the council puts polls");
        assert!(post(format!("{path}/polls"), poll, council.clone()).await.contains("notice=d_polls"));
        let poll_id = only_id(&app, "SELECT '' || poll_id FROM poll").await;
        for (who, choice) in [(&resident, "0"), (&zhou, "1"), (&zhou, "0")] {
            let cast = post(format!("/deliberations/polls/{poll_id}/cast?back={id}"), vec![("choice", choice.to_owned())], who.clone()).await;
            assert!(cast.contains("notice=d_polls-"), "{cast}");
        }
        let during = page(path.clone(), None).await;
        assert!(during.contains("结果在截止后公布") && during.contains("已有 2 人投票"), "hidden, but the turnout shows");
        let no_minutes = post(format!("{path}/step"), step("decide"), council.clone()).await;
        assert!(no_minutes.contains("error=d_polls_open") || no_minutes.contains("error=d_no_minutes"), "{no_minutes}");

        // 5. The poll closes, the minutes are kept and the decision published.
        clock.advance(2 * DAY + HOUR);
        let council = app.sign_in("council@linli.demo", DEMO_PASSWORD).await;
        let minutes = vec![
            ("attendance", "居民 2 人，议事会成员 1 人。".to_owned()),
            ("arguments", "赞成：方便，减少楼道充电。".to_owned()),
            ("result", "2 人投票，均同意。".to_owned()),
            ("decision", "在车棚旁加装 10 个充电桩，物业负责维护。".to_owned()),
        ];
        assert!(post(format!("{path}/minutes"), minutes, council.clone()).await.contains("notice=d_minutes"));
        assert!(post(format!("{path}/step"), step("decide"), council.clone()).await.contains("notice=d_decide"));
        let decided = page(path.clone(), None).await;
        assert!(decided.contains("在车棚旁加装 10 个充电桩") && decided.contains("同意"), "the decision and the tally are public");
        let record = page(format!("{path}/record"), None).await;
        assert!(record.contains("核验通过"), "the record verifies");
        let fingerprint = only_id(&app, "SELECT fingerprint FROM decision_record").await;
        assert!(record.contains(&fingerprint) && fingerprint.len() == 64);
        // The file offered for download is exactly what the fingerprint covers.
        let file = app.get(&format!("/decision-records/{id}/1")).await;
        assert_eq!(file.status(), 200);
        let bytes = file.bytes().await.expect("body");
        let digest: String = <sha2::Sha256 as sha2::Digest>::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(digest, fingerprint);
        assert_eq!(app.get(&format!("/decision-records/{id}/2")).await.status(), 404);

        // Staff set the community's notice period on its settings page.
        let settings = format!("/communities/{community}/deliberation-settings");
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let short = app.post_form(&settings, &[("notice_days", "2")], Some(&staff), origin).await;
        assert!(location(&short).contains("which=notice_days"), "{}", location(&short));
        let kept = app.follow(&short, Some(&staff)).await;
        assert!(kept.contains(r#"value="2""#) && kept.contains(r#"aria-invalid="true""#), "what was typed stays, marked wrong");
        assert!(post(settings.clone(), vec![("notice_days", "10".to_owned())], resident.clone()).await.contains("error=denied"));
        assert!(post(settings, vec![("notice_days", "10".to_owned())], staff.clone()).await.contains("notice=d_notice_days"));
        assert!(page(format!("/communities/{community}/settings"), None).await.contains("本社区的公示期为 10 天"));

        // A forged request from another site changes nothing.
        let cross = app.post_form(&format!("{path}/statements"), &[("body", "跨站提交")], Some(&resident), Some("https://evil.example")).await;
        assert_eq!(cross.status(), 403);
    }
}
