//! A call for bids through the pages, forms, server functions and REST API
//! of a real server whose clock the test moves: staff publish a call (after
//! a mistake that keeps what was typed), two organisations bid, and until
//! the deadline no demo account — staff, officers and the platform admin
//! included — reads a bid by any of the three ways in. After it, the
//! evaluators score, staff award, and the result is public.

mod support;

use std::sync::Arc;

use linli_model::time::beijing_local;
use linli_service::{
    clock::{DAY, HOUR, ManualClock},
    seed::{DEMO_ACCOUNTS, DEMO_EXPERTS, DEMO_PASSWORD},
    test_on_both_engines,
};
use support::{TestApp, location, spawn_app_on};

const START: i64 = 1_795_140_000_000; // 2026-11-20 10:00 Beijing

/// Every way a reader could reach a project's bids: its page, the page's
/// server function and the REST API; the text of all three.
async fn everything_seen(app: &TestApp, id: i64, cookie: Option<&str>) -> String {
    let with = |r: reqwest::RequestBuilder| match cookie {
        Some(c) => r.header("cookie", c),
        None => r,
    };
    let page = with(app.client.get(app.url(&format!("/projects/{id}"))))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    // A browser's server-function call carries its page's origin.
    let server_fn = with(app.client.post(app.url("/api/projects/get")))
        .header("origin", &app.base)
        .form(&[("id", id.to_string())])
        .send()
        .await
        .expect("server function");
    assert_eq!(server_fn.status(), 200);
    let rest = with(
        app.client
            .get(app.url(&format!("/api/v1/projects/{id}/bids"))),
    )
    .send()
    .await
    .expect("api");
    assert_eq!(rest.status(), 200);
    let detail = with(app.client.get(app.url(&format!("/api/v1/projects/{id}"))))
        .send()
        .await
        .expect("api");
    assert_eq!(detail.status(), 200);
    format!(
        "{}\n{}\n{}\n{}",
        page.text().await.expect("text"),
        server_fn.text().await.expect("text"),
        rest.text().await.expect("text"),
        detail.text().await.expect("text")
    )
}

fn bid_fields(org: &str, marker: &str, amount: &str) -> Vec<(&'static str, String)> {
    vec![
        ("organisation", org.to_owned()),
        (
            "proposal",
            format!(
                "{marker}：在社区活动中心设助餐点，中央厨房配送，志愿者送餐上门，每周公布菜单。"
            ),
        ),
        ("budget", format!("餐费补贴 | {amount}\n送餐人员 | 12000")),
        (
            "milestones",
            "2027-01-15 | 完成老人需求登记\n2027-03-01 | 助餐点开张".to_owned(),
        ),
        ("team", "项目主管 1 名，社工 2 名，志愿者 15 名".to_owned()),
    ]
}

test_on_both_engines! {
    async fn bids_are_sealed_on_every_way_in_until_the_deadline_then_scored_and_awarded(db: TestDb) {
        let clock = Arc::new(ManualClock::new(START));
        let app = spawn_app_on(db, clock.clone()).await;
        let community = app.city.communities[0].node.code.clone();
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let deadline = beijing_local(START + 7 * DAY);
        let mut call = vec![
            ("title", "长者助餐点运营".to_owned()),
            ("summary", "为社区 80 岁以上老人提供午餐配送和堂食服务。".to_owned()),
            ("requirements", "每日供应午餐，覆盖 120 位老人，配送上门。".to_owned()),
            ("eligibility", "本街道登记并核验的社会组织".to_owned()),
            ("budget_cap", "120,000".to_owned()),
            ("deadline", deadline.clone()),
            ("criteria", "方案可行性 | 40\n团队经验 | 50".to_owned()),
            ("evaluators", "expert1@linli.demo\nexpert2@linli.demo".to_owned()),
        ];
        let borrowed = |f: &[(&'static str, String)]| -> Vec<(&'static str, String)> { f.to_vec() };
        let form = |f: &[(&'static str, String)]| -> Vec<(String, String)> {
            f.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect()
        };

        // A mistake comes back with what was typed and the error by its field.
        let failed = app
            .client
            .post(app.url(&format!("/communities/{community}/projects")))
            .header("cookie", &staff)
            .header("origin", &app.base)
            .form(&form(&borrowed(&call)))
            .send()
            .await
            .expect("post");
        assert_eq!(failed.status(), 303);
        let back = location(&failed);
        assert!(back.starts_with(&format!("/communities/{community}/projects/new?")), "{back}");
        assert!(!back.contains("errors="), "{back}");
        let html = app.follow(&failed, Some(&staff)).await;
        assert!(html.contains("长者助餐点运营"), "the title typed is kept");
        assert!(html.contains("各项权重相加应为 100，现在是 90。"));

        call[6].1 = "方案可行性 | 40\n团队经验 | 30\n预算合理性 | 30".to_owned();
        let published = app
            .client
            .post(app.url(&format!("/communities/{community}/projects")))
            .header("cookie", &staff)
            .header("origin", &app.base)
            .form(&form(&call))
            .send()
            .await
            .expect("post");
        let to = location(&published);
        assert!(to.contains("notice=p_published"), "{to}");
        let id: i64 = to
            .trim_start_matches("/projects/")
            .split('?')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("project id");

        // Two organisations bid through the form; one edits its bid.
        let sun = app.sign_in("org@linli.demo", DEMO_PASSWORD).await;
        let moon = app.sign_in("org2@linli.demo", DEMO_PASSWORD).await;
        for (cookie, org, marker, amount) in [
            (&sun, "1", "阳光初稿标记", "50000"),
            (&sun, "1", "阳光密封标记", "60000"),
            (&moon, "2", "明月密封标记", "52000"),
        ] {
            let r = app
                .post_form(
                    &format!("/projects/{id}/bid"),
                    &bid_fields(org, marker, amount)
                        .iter()
                        .map(|(k, v)| (*k, v.as_str()))
                        .collect::<Vec<_>>(),
                    Some(cookie),
                    Some(&app.base),
                )
                .await;
            assert!(location(&r).contains("notice=p_bid"), "{}", location(&r));
        }
        // One organisation cannot bid in another's name.
        let forged = app
            .post_form(
                &format!("/projects/{id}/bid"),
                &bid_fields("1", "冒名标记", "1000").iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(),
                Some(&moon),
                Some(&app.base),
            )
            .await;
        assert!(location(&forged).contains("error=denied"), "{}", location(&forged));

        // The seal, for every demo account and for nobody signed in.
        let mut readers: Vec<(String, Option<String>)> = vec![("anonymous".into(), None)];
        for (email, _, _) in DEMO_ACCOUNTS {
            readers.push((email.to_owned(), Some(app.sign_in(email, DEMO_PASSWORD).await)));
        }
        for (email, _) in DEMO_EXPERTS {
            readers.push((email.to_owned(), Some(app.sign_in(email, DEMO_PASSWORD).await)));
        }
        for (who, cookie) in &readers {
            let seen = everything_seen(&app, id, cookie.as_deref()).await;
            let own_sun = who == "org@linli.demo";
            let own_moon = who == "org2@linli.demo";
            assert_eq!(seen.contains("阳光密封标记"), own_sun, "{who} and the sealed bid of 阳光");
            assert_eq!(seen.contains("明月密封标记"), own_moon, "{who} and the sealed bid of 明月");
            assert!(!seen.contains("阳光初稿标记"), "{who}: the replaced draft is gone");
            assert!(!seen.contains("\"bid_count\":2"), "{who} must not learn how many bids");
            assert!(seen.contains("\"sealed\":true"), "{who}");
        }
        // Evaluators cannot score a sealed bid.
        let expert1 = app.sign_in("expert1@linli.demo", DEMO_PASSWORD).await;
        let bid_ids: Vec<String> = app
            .db
            .store
            .query_strings(&format!("SELECT CAST(bid_id AS TEXT) FROM bid WHERE project_id = {id} ORDER BY organisation_id"))
            .await;
        let early = app
            .post_form(
                &format!("/bids/{}/score?back={id}", bid_ids[0]),
                &[("score_0", "90"), ("score_1", "90"), ("score_2", "90"), ("comment", "提前打分")],
                Some(&expert1),
                Some(&app.base),
            )
            .await;
        assert!(location(&early).contains("error=not_found"), "{}", location(&early));
        let missing_bid = app
            .post_form(
                &format!("/bids/{}/score?back={id}", 1_000_000),
                &[("score_0", "90"), ("score_1", "90"), ("score_2", "90"), ("comment", "提前打分")],
                Some(&expert1),
                Some(&app.base),
            )
            .await;
        let without_form = |l: String| l.split(['?', '&']).filter(|p| !p.starts_with("which=")).collect::<Vec<_>>().join("&");
        assert_eq!(
            without_form(location(&early)),
            without_form(location(&missing_bid)),
            "a sealed bid answers as a missing one does"
        );

        // After the deadline: the evaluators score, staff award.
        clock.advance(7 * DAY + HOUR);
        let expert2 = app.sign_in("expert2@linli.demo", DEMO_PASSWORD).await;
        for (cookie, bid, scores) in [
            (&expert1, &bid_ids[0], ["90", "80", "70"]),
            (&expert1, &bid_ids[1], ["70", "70", "70"]),
            (&expert2, &bid_ids[1], ["60", "60", "60"]),
        ] {
            let r = app
                .post_form(
                    &format!("/bids/{bid}/score?back={id}"),
                    &[("score_0", scores[0]), ("score_1", scores[1]), ("score_2", scores[2]), ("comment", "评分理由写在这里")],
                    Some(cookie),
                    Some(&app.base),
                )
                .await;
            assert!(location(&r).contains("notice=p_score"), "{}", location(&r));
        }
        let missing = app.post_form(&format!("/projects/{id}/award"), &[], Some(&staff), Some(&app.base)).await;
        assert!(location(&missing).contains("error=p_sheets_missing"));
        let conflict = app
            .post_form(&format!("/bids/{}/conflict?back={id}", bid_ids[0]), &[("reason", "曾在该机构兼职")], Some(&expert2), Some(&app.base))
            .await;
        assert!(location(&conflict).contains("notice=p_conflict"));
        let street = app.sign_in("street@linli.demo", DEMO_PASSWORD).await;
        let awarded = app.post_form(&format!("/projects/{id}/award"), &[], Some(&street), Some(&app.base)).await;
        assert!(location(&awarded).contains("notice=p_award"), "{}", location(&awarded));

        // Public now: the ranking, the winner's bid, every score; the loser's
        // proposal stays with the loser, staff and the evaluators.
        let public = everything_seen(&app, id, None).await;
        assert!(public.contains("阳光密封标记"), "the winning bid is public");
        assert!(!public.contains("明月密封标记"), "a losing bid is not");
        assert!(public.contains("评审结果"));
        let api: serde_json::Value = app.get(&format!("/api/v1/projects/{id}")).await.json().await.expect("json");
        assert_eq!(api["summary"]["status"], "awarded");
        assert_eq!(api["results"][0]["organisation"], 1);
        assert_eq!(api["results"][0]["total"], 8100);
        assert_eq!(api["results"][1]["total"], 7000, "70.00 alone: a conflict declared on one bid keeps its evaluator out of the call");
        assert_eq!(api["results"][0]["excluded"][0], "周老师（评审专家）");
        assert_eq!(api["results"][1]["excluded"][0], "周老师（评审专家）", "their earlier score on the rival does not count");
        assert!(api["results"][1]["sheets"][0]["comment"].is_null(), "reasons are not public");
        let loser: serde_json::Value = app
            .client
            .get(app.url(&format!("/api/v1/projects/{id}")))
            .header("cookie", &moon)
            .send()
            .await
            .expect("api")
            .json()
            .await
            .expect("json");
        assert_eq!(loser["results"][1]["sheets"][0]["comment"], "评分理由写在这里");

        // Open data: the projects list as CSV.
        let csv = app.get(&format!("/api/v1/projects?format=csv&place={community}")).await;
        assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
        let text = csv.text().await.expect("csv");
        assert!(text.contains(&format!("{id},{community},")), "{text}");
        assert!(text.contains(",awarded,120000,"), "{text}");
        assert!(text.trim_end().ends_with("阳光社工服务社"), "{text}");
        assert_eq!(app.get("/api/v1/projects?format=xls").await.status(), 422);
    }
}

test_on_both_engines! {
    async fn organisations_register_through_the_form_and_staff_verify_them(db: TestDb) {
        let app = spawn_app_on(db, Arc::new(ManualClock::new(START))).await;
        let street_code = app.city.communities[0].node.code[..9].to_owned();
        let password = "a-long-password-2026";
        let signed_up = app
            .post_form(
                "/account/sign-up",
                &[("display_name", "许会长"), ("login", "founder@x.cn"), ("password", password), ("confirm", password)],
                None,
                Some(&app.base),
            )
            .await;
        assert_eq!(signed_up.status(), 303);
        let founder = app.sign_in("founder@x.cn", password).await;
        let mut fields = vec![
            ("name", "邻里互助志愿者协会".to_owned()),
            ("credit_code", "52330203MJ0002469J".to_owned()),
            ("legal_rep", "许会长".to_owned()),
            ("phone", "13912345678".to_owned()),
            ("areas", street_code.clone()),
            ("description", "组织退休居民开展邻里互助、陪伴就医和代购服务，登记志愿者 80 名。".to_owned()),
            ("documents", "社会团体法人登记证书".to_owned()),
        ];
        let post = |fields: Vec<(&'static str, String)>| {
            let founder = founder.clone();
            let app = &app;
            async move {
                let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.post_form("/organisations", &f, Some(&founder), Some(&app.base)).await
            }
        };
        let failed = post(fields.clone()).await;
        let back = app.follow(&failed, Some(&founder)).await;
        assert!(back.contains("校验码对不上"), "the check character is named");
        assert!(back.contains("52330203MJ0002469J"), "the code typed comes back");
        fields[1].1 = "52330203MJ0002468J".to_owned();
        let done = post(fields.clone()).await;
        let to = location(&done);
        assert!(to.contains("notice=o_registered"), "{to}");
        let id: String = to.trim_start_matches("/organisations/").split('?').next().expect("id").to_owned();
        assert_eq!(app.get(&format!("/api/v1/organisations/{id}")).await.status(), 404, "not public before verification");

        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let desk = app.client.get(app.url("/organisations/desk")).header("cookie", &staff).send().await.expect("desk");
        assert!(desk.text().await.expect("html").contains("邻里互助志愿者协会"));
        let refused = app.post_form(&format!("/organisations/{id}/verify"), &[], Some(&founder), Some(&app.base)).await;
        assert!(location(&refused).contains("error=denied"), "{}", location(&refused));
        let cross_site = app.post_form(&format!("/organisations/{id}/verify"), &[], Some(&staff), Some("https://evil.example")).await;
        assert_eq!(cross_site.status(), 403, "a form from another site is refused");
        let verified = app.post_form(&format!("/organisations/{id}/verify"), &[], Some(&staff), Some(&app.base)).await;
        assert!(location(&verified).contains("notice=o_verify"));
        let public: serde_json::Value = app.get(&format!("/api/v1/organisations/{id}")).await.json().await.expect("json");
        assert_eq!(public["status"], "verified");
        assert!(public["contact"].is_null(), "the contact is not public");
        let page = app.get(&format!("/organisations/{id}")).await.text().await.expect("html");
        assert!(page.contains("邻里互助志愿者协会") && !page.contains("13912345678"));
    }
}
