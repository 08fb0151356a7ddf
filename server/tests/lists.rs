//! The needs, resources and responsibilities lists through a real server:
//! staff forms that keep what was typed on a mistake, refusals for others
//! and for cross-site posts, the resource contact kept from the public on
//! the page, the server function and the REST API, and the open-data
//! exports as CSV and JSON.

mod support;

use linli_service::{seed::DEMO_PASSWORD, test_on_both_engines};
use support::{location, spawn_app};

const CONTACT: &str = "管理员老周 13912345678";

test_on_both_engines! {
    async fn staff_keep_the_lists_and_everyone_reads_and_downloads_them(db: TestDb) {
        let app = spawn_app(db).await;
        let community = app.city.communities[0].node.code.clone();
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let path = format!("/communities/{community}/needs");

        // A mistake comes back to the form with what was typed.
        let typed = [
            ("title", "老人午饭没有着落"),
            ("detail", "独居老人多，午饭凑合，希望就近有助餐点。"),
            ("category", "elderly"),
            ("source", "staff"),
            ("affected", ""),
        ];
        let back = app.post_form(&path, &typed, Some(&staff), Some(&app.base)).await;
        assert_eq!(back.status(), 303);
        let to = location(&back);
        assert!(to.starts_with(&format!("{path}/new?")), "{to}");
        assert!(to.contains("which=need") && !to.contains("errors="), "{to}");
        let html = app.follow(&back, Some(&staff)).await;
        assert!(html.contains("老人午饭没有着落"), "the title is kept");
        assert!(html.contains("aria-invalid=\"true\""), "the field with the mistake is marked");

        let mut fixed = typed;
        fixed[4] = ("affected", "86");
        let done = app.post_form(&path, &fixed, Some(&staff), Some(&app.base)).await;
        assert_eq!(done.status(), 303);
        let to = location(&done);
        let id: i64 = to
            .strip_prefix("/needs/")
            .and_then(|r| r.split('?').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("redirect to the need: {to}"));

        // Others are refused; a cross-site post never reaches the service.
        let denied = app.post_form(&path, &fixed, Some(&resident), Some(&app.base)).await;
        assert!(location(&denied).contains("error=denied"), "{}", location(&denied));
        let anonymous = app.post_form(&path, &fixed, None, Some(&app.base)).await;
        assert!(location(&anonymous).starts_with("/sign-in"), "{}", location(&anonymous));
        let forged = app.post_form(&path, &fixed, Some(&staff), Some("https://evil.example")).await;
        assert_eq!(forged.status(), 403);

        // Everyone reads the need and finds it in the list and its exports.
        let page = app.get(&format!("/needs/{id}")).await.text().await.expect("html");
        assert!(page.contains("老人午饭没有着落") && page.contains("86"), "the need's page");
        let list = app.get(&format!("/needs?place={community}&kind=elderly")).await.text().await.expect("html");
        assert!(list.contains(&format!("/needs/{id}")), "the filtered list links to it");
        let json: serde_json::Value = app.get(&format!("/api/v1/needs?place={community}")).await.json().await.expect("json");
        assert_eq!(json["items"][0]["id"], id);
        assert_eq!(json["items"][0]["affected"], 86);
        let csv = app.get(&format!("/api/v1/needs?place={community}&format=csv")).await;
        assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
        let csv = csv.text().await.expect("csv");
        assert!(csv.starts_with("\u{feff}id,community_code,"), "a byte-order mark and the header");
        assert!(csv.contains(&format!("{id},{community},")) && csv.contains(",elderly,86,open,staff,"), "{csv}");
        let bad = app.get("/api/v1/needs?kind=pets").await;
        assert_eq!(bad.status(), 422);

        // A resource's contact: staff see it; the public, by no way in.
        let venue = [
            ("kind", "venue"),
            ("name", "社区图书室"),
            ("detail", "藏书六千册，放学后供孩子写作业。"),
            ("owner", "社区居委会"),
            ("contact", CONTACT),
            ("area_m2", "120"),
            ("opening_hours", "周二至周日 9:00–18:30"),
            ("accessible", "on"),
        ];
        let added = app
            .post_form(&format!("/communities/{community}/resources"), &venue, Some(&staff), Some(&app.base))
            .await;
        let to = location(&added);
        let resource: i64 = to
            .strip_prefix("/resources/")
            .and_then(|r| r.split('?').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("redirect to the resource: {to}"));
        let seen_by_staff = app
            .client
            .get(app.url(&format!("/resources/{resource}")))
            .header("cookie", &staff)
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("html");
        assert!(seen_by_staff.contains(CONTACT), "staff see the contact");
        for reader in [None, Some(resident.as_str())] {
            let with = |r: reqwest::RequestBuilder| match reader {
                Some(c) => r.header("cookie", c),
                None => r,
            };
            let page = with(app.client.get(app.url(&format!("/resources/{resource}")))).send().await.expect("page");
            let server_fn = with(app.client.post(app.url("/api/lists/resource")))
                .header("origin", &app.base)
                .form(&[("id", resource.to_string())])
                .send()
                .await
                .expect("server function");
            assert_eq!(server_fn.status(), 200);
            let rest = app.get(&format!("/api/v1/resources/{resource}")).await;
            let listing = app.get(&format!("/api/v1/resources?place={community}&format=csv")).await;
            for text in [
                page.text().await.expect("html"),
                server_fn.text().await.expect("body"),
                rest.text().await.expect("json"),
                listing.text().await.expect("csv"),
            ] {
                assert!(text.contains("社区图书室"), "the resource is public");
                assert!(!text.contains(CONTACT), "the contact is not");
            }
        }
        let step_free: serde_json::Value = app.get("/api/v1/resources?accessible=on&kind=venue").await.json().await.expect("json");
        assert_eq!(step_free["items"][0]["facts"]["accessible"], true);

        // A grid's responsibility, posted and taken down.
        let grid = format!("{community}001");
        let posted = app
            .post_form(
                &format!("/communities/{community}/responsibilities"),
                &[("duty", "grid_leader"), ("subject", grid.as_str()), ("name", "李建国"), ("phone", "13800138000")],
                Some(&staff),
                Some(&app.base),
            )
            .await;
        assert!(location(&posted).starts_with("/responsibilities?place="), "{}", location(&posted));
        let list: serde_json::Value = app.get(&format!("/api/v1/responsibilities?place={community}&q=建国")).await.json().await.expect("json");
        let entry = list["items"][0]["id"].as_i64().expect("posted entry");
        assert_eq!(list["items"][0]["subject"]["code"], grid.as_str());
        let refused = app.post_form(&format!("/responsibilities/{entry}/remove"), &[], Some(&resident), Some(&app.base)).await;
        assert!(location(&refused).contains("error=denied"), "{}", location(&refused));
        let removed = app.post_form(&format!("/responsibilities/{entry}/remove"), &[], Some(&staff), Some(&app.base)).await;
        assert_eq!(location(&removed), "/responsibilities?notice=removed");
        let list: serde_json::Value = app.get(&format!("/api/v1/responsibilities?place={community}&q=建国")).await.json().await.expect("json");
        assert_eq!(list["items"].as_array().map(Vec::len), Some(0));
    }
}
