//! Open311 GeoReport v2 over HTTP in both formats, every error case.

mod support;

use linli_service::{seed::DEMO_PASSWORD, test_on_both_engines};
use serde_json::Value;
use support::{TestApp, spawn_app};

impl TestApp {
    async fn json(&self, path: &str) -> (u16, Value) {
        let r = self.get(&format!("/open311/v2/{path}")).await;
        let status = r.status().as_u16();
        (status, r.json().await.expect("json"))
    }

    async fn xml(&self, path: &str) -> (u16, String) {
        let r = self.get(&format!("/open311/v2/{path}")).await;
        let status = r.status().as_u16();
        assert!(
            r.headers()["content-type"]
                .to_str()
                .expect("ascii")
                .starts_with("text/xml")
        );
        (status, r.text().await.expect("body"))
    }

    async fn post311(&self, fields: &[(&str, &str)]) -> (u16, Value) {
        let r = self
            .client
            .post(self.url("/open311/v2/requests.json"))
            .form(fields)
            .send()
            .await
            .expect("request");
        let status = r.status().as_u16();
        (status, r.json().await.expect("json"))
    }
}

test_on_both_engines! {
    async fn discovery_services_and_definitions_in_both_formats(db: TestDb) {
        let app = spawn_app(db).await;
        let (status, discovery) = app.json("discovery.json").await;
        assert_eq!(status, 200);
        assert_eq!(discovery["endpoints"][0]["formats"], serde_json::json!(["application/json", "text/xml"]));
        let (_, xml) = app.xml("discovery.xml").await;
        assert!(xml.contains("<discovery><changeset>") && xml.contains("<formats><format>application/json</format>"));

        let (_, services) = app.json("services.json").await;
        let noise = services.as_array().expect("list").iter().find(|s| s["service_code"] == "noise").expect("noise").clone();
        assert_eq!(noise["group"], "environment");
        assert_eq!(noise["metadata"], true);
        assert_eq!(noise["type"], "realtime");
        let (_, xml) = app.xml("services.xml").await;
        assert!(xml.starts_with(r#"<?xml version="1.0" encoding="utf-8"?><services><service><service_code>"#), "{xml}");

        let (status, definition) = app.json("services/noise.json").await;
        assert_eq!(status, 200);
        let grid = &definition["attributes"][0];
        // No service asks for anything a client outside Linli cannot know.
        assert_eq!((grid["code"].as_str(), grid["required"].as_bool()), (Some("grid"), Some(false)));
        assert!(definition["attributes"].as_array().expect("list").iter().all(|a| a["required"] == false));
        let (_, xml) = app.xml("services/noise.xml").await;
        assert!(xml.contains("<service_definition><service_code>noise</service_code><attributes><attribute><variable>true</variable>"));

        let (status, errors) = app.json("services/ufo.json").await;
        assert_eq!(status, 404);
        assert_eq!(errors[0]["code"], 404);
        let (status, xml) = app.xml("services/ufo.xml").await;
        assert_eq!(status, 404);
        assert!(xml.contains("<errors><error><code>404</code><description>"));
        assert_eq!(app.get("/open311/v2/services.csv").await.status(), 404);
    }
}

test_on_both_engines! {
    async fn requests_are_posted_read_filtered_and_updated(db: TestDb) {
        let app = spawn_app(db).await;
        let community = app.city.communities[0].node.code.clone();
        let grid = format!("{community}002");
        let key = app.token_for("resident@linli.demo").await;
        let fields = |key: &str| -> Vec<(&'static str, String)> {
            vec![
                ("api_key", key.to_owned()),
                ("service_code", "noise".to_owned()),
                ("lat", "29.87".to_owned()),
                ("long", "121.55".to_owned()),
                ("description", "楼下烧烤店油烟和噪音每晚到凌晨两点。".to_owned()),
                ("attribute[grid]", grid.clone()),
            ]
        };
        let as_refs = |f: &[(&'static str, String)]| f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
        let post = |f: Vec<(&'static str, String)>| {
            let app = &app;
            async move {
                let borrowed: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.post311(&borrowed).await
            }
        };

        // Errors: no key, a wrong key, no grid, no location, a bad service.
        let (status, errors) = post(as_refs(&fields(""))).await;
        assert_eq!((status, errors[0]["code"].as_i64()), (403, Some(403)));
        let (status, _) = post(as_refs(&fields(&format!("linli_{}", "0".repeat(64))))).await;
        assert_eq!(status, 403);
        let mut nowhere = fields(&key);
        nowhere.retain(|(k, _)| *k != "lat" && *k != "long" && *k != "attribute[grid]");
        let (status, errors) = post(nowhere).await;
        assert_eq!(status, 400);
        assert!(errors[0]["description"].as_str().expect("text").contains("address_string"));
        let mut bad_grid = fields(&key);
        bad_grid[5].1 = "123".into();
        let (status, errors) = post(bad_grid).await;
        assert_eq!(status, 400);
        assert!(errors[0]["description"].as_str().expect("text").contains("attribute[grid]"));
        let mut ufo = fields(&key);
        ufo[1].1 = "ufo".into();
        let (status, errors) = post(ufo).await;
        assert_eq!(status, 400);
        assert!(errors[0]["description"].as_str().expect("text").contains("service_code"));

        // Every problem is its own error in the list.
        let mut two = fields(&key);
        two[2].1 = "999".into();
        two[4].1 = "路灯坏了一周".into();
        let (status, errors) = post(two).await;
        assert_eq!(status, 400);
        let described: Vec<&str> = errors.as_array().expect("list").iter().map(|e| e["description"].as_str().expect("text")).collect();
        assert_eq!(described.len(), 2, "{described:?}");
        assert!(described[0].starts_with("lat") || described[1].starts_with("lat"), "{described:?}");
        assert!(errors.as_array().expect("list").iter().all(|e| e["code"] == 400));

        let (status, created) = post(fields(&key)).await;
        assert_eq!(status, 201);
        let id = created[0]["service_request_id"].as_str().expect("id").to_owned();
        let (_, again) = post(fields(&key)).await;
        assert_eq!(again[0]["service_request_id"], id.as_str(), "a retried POST files one matter");

        let (status, one) = app.json(&format!("requests/{id}.json")).await;
        assert_eq!(status, 200);
        let request = &one[0];
        assert_eq!((request["status"].as_str(), request["status_notes"].as_str()), (Some("open"), Some("submitted")));
        assert_eq!(request["lat"], 29.87);
        let requested = request["requested_datetime"].as_str().expect("date");
        assert!(requested.ends_with("+08:00") && requested.len() == 25, "{requested}");
        let (_, xml) = app.xml(&format!("requests/{id}.xml")).await;
        assert!(xml.contains(&format!("<service_requests><request><service_request_id>{id}</service_request_id><status>open</status>")));
        assert_eq!(app.json("requests/999999.json").await.0, 404);
        let (_, token) = app.json(&format!("tokens/{id}.json")).await;
        assert_eq!(token[0]["service_request_id"], id.as_str());

        // Staff reject it: it is closed for Open311, with the reason in the updates.
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        app.post_form(&format!("/matters/{id}/step"), &[("step", "reject"), ("reason", "属于城管执法范围")], Some(&staff), Some(&app.base)).await;
        let (_, closed) = app.json("requests.json?status=closed&service_code=noise").await;
        assert!(closed.as_array().expect("list").iter().any(|r| r["service_request_id"] == id.as_str() && r["status_notes"] == "rejected"));
        let (_, open) = app.json("requests.json?status=open").await;
        assert!(open.as_array().expect("list").iter().all(|r| r["service_request_id"] != id.as_str()));
        let (_, listed) = app.json(&format!("requests.json?service_request_id={id},999999")).await;
        assert_eq!(listed.as_array().expect("list").len(), 1);
        assert_eq!(app.json("requests.json?start_date=yesterday").await.0, 400);
        assert_eq!(app.json("requests.json?status=maybe").await.0, 400);
        let (_, old) = app.json("requests.json?start_date=2010-01-01T00:00:00Z&end_date=2010-02-01T00:00:00Z").await;
        assert!(old.as_array().expect("list").is_empty());
        // The specification's rules: a window of at most 90 days, in order;
        // service codes and statuses comma delimited; ids override the rest.
        assert_eq!(app.json("requests.json?start_date=2010-01-01T00:00:00Z&end_date=2010-06-01T00:00:00Z").await.0, 400);
        assert_eq!(app.json("requests.json?start_date=2010-02-01T00:00:00Z&end_date=2010-01-01T00:00:00Z").await.0, 400);
        assert_eq!(app.json("requests.json?service_code=noise,ufo").await.0, 400);
        let (_, either) = app.json("requests.json?service_code=road_lighting,noise&status=open,closed").await;
        assert!(either.as_array().expect("list").iter().any(|r| r["service_request_id"] == id.as_str()));
        let (_, lights) = app.json("requests.json?service_code=road_lighting").await;
        assert!(lights.as_array().expect("list").iter().all(|r| r["service_code"] == "road_lighting"));
        let (_, overridden) = app.json(&format!("requests.json?service_request_id={id}&status=open&service_code=road_lighting")).await;
        assert_eq!(overridden.as_array().expect("list").len(), 1, "service_request_id overrides every other argument");

        let (_, updates) = app.json(&format!("servicerequestupdates.json?service_request_id={id}")).await;
        let updates = updates.as_array().expect("list");
        assert_eq!(updates.len(), 2);
        assert_eq!(updates[1]["status"], "closed");
        assert!(updates[1]["description"].as_str().expect("text").contains("属于城管执法范围"));
        let (_, xml) = app.xml(&format!("servicerequestupdates.xml?service_request_id={id}")).await;
        assert!(xml.contains("<service_request_updates><request_update><update_id>"));
    }
}

test_on_both_engines! {
    async fn a_client_that_knows_no_grids_is_never_turned_away(db: TestDb) {
        let app = spawn_app(db).await;
        let key = app.token_for("resident@linli.demo").await;
        let first = &app.city.communities[0];
        let report = |extra: Vec<(&'static str, String)>| {
            let app = &app;
            let key = key.clone();
            async move {
                let mut fields = vec![
                    ("api_key", key),
                    ("service_code", "road_lighting".to_owned()),
                    ("description", "公交站旁边的两盏路灯一周都不亮了，晚上看不清台阶。".to_owned()),
                ];
                fields.extend(extra);
                let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.post311(&borrowed).await
            }
        };

        // A position alone: the grid whose centre is nearest.
        let grid = &app.city.grids[3];
        let (lat, long) = (grid.centre.0 + 0.0004, grid.centre.1 - 0.0003);
        let (status, created) = report(vec![("lat", lat.to_string()), ("long", long.to_string())]).await;
        assert_eq!(status, 201, "{created}");
        let id = created[0]["service_request_id"].as_str().expect("filed at once").to_owned();
        let (_, one) = app.json(&format!("requests/{id}.json")).await;
        assert_eq!(one[0]["address_id"], grid.node.code.as_str(), "placed in the nearest grid");

        // Linli's own address_id is understood as the grid.
        let other = &app.city.grids[5];
        let (_, by_id) = report(vec![("address_id", other.node.code.clone()), ("description", "另一处：路灯白天也亮着，一直没人关。".to_owned())]).await;
        let by_id = by_id[0]["service_request_id"].as_str().expect("filed").to_owned();
        assert_eq!(app.json(&format!("requests/{by_id}.json")).await.1[0]["address_id"], other.node.code.as_str());

        // An address naming the community: it waits for its staff, and the
        // client holds a token.
        let address = format!("{}东门外公交站", first.node.name.zh);
        let (status, waiting) = report(vec![("address_string", address.clone())]).await;
        assert_eq!(status, 201, "{waiting}");
        assert!(waiting[0].get("service_request_id").is_none());
        let token = waiting[0]["token"].as_str().expect("a token").to_owned();
        let (_, again) = report(vec![("address_string", address.clone())]).await;
        assert_eq!(again[0]["token"], token.as_str(), "a retry is the same report");
        let (status, asked) = app.json(&format!("tokens/{token}.json")).await;
        assert_eq!(status, 200);
        assert!(asked[0]["service_request_id"].is_null(), "not placed yet: {asked}");
        let (_, xml) = app.xml(&format!("tokens/{token}.xml")).await;
        assert!(xml.contains(&format!("<token>{token}</token>")));
        assert_eq!(app.json("tokens/nonsense.json").await.0, 404);

        // A position outside the city and no address: the whole city's queue.
        let (_, lost) = report(vec![("lat", "0.5".into()), ("long", "0.5".into()), ("description", "海上漂来的路灯杆倒在岸边，挡住了步道。".to_owned())]).await;
        assert!(lost[0]["token"].is_string(), "{lost}");

        // The community's staff see both first in their queue, and place one.
        let staff = app.sign_in("staff@linli.demo", DEMO_PASSWORD).await;
        let queue = app.page_as("/staff/matters", &staff).await;
        assert!(queue.contains("待定位的反映") && queue.contains(&address) && queue.contains("海上漂来"), "the queue shows reports waiting");
        let intake: String = app
            .db
            .store
            .query_strings(&format!("SELECT CAST(intake_id AS TEXT) FROM matter_intake WHERE token = '{token}'"))
            .await
            .remove(0);
        let target = format!("{}001", first.node.code);
        let wrong = app.post_form("/staff/matters/place", &[("id", intake.as_str()), ("grid", "12345")], Some(&staff), Some(&app.base)).await;
        assert!(app.follow(&wrong, Some(&staff)).await.contains("请选择本社区的网格"), "a bad code is named at its form");
        let elsewhere = format!("{}001", app.city.communities[1].node.code);
        let refused = app.post_form("/staff/matters/place", &[("id", intake.as_str()), ("grid", elsewhere.as_str())], Some(&staff), Some(&app.base)).await;
        assert!(refused.headers()["location"].to_str().expect("ascii").contains("error=denied"), "only a grid of their own");
        let placed = app.post_form("/staff/matters/place", &[("id", intake.as_str()), ("grid", target.as_str())], Some(&staff), Some(&app.base)).await;
        let location = placed.headers()["location"].to_str().expect("ascii").to_owned();
        assert!(location.starts_with("/matters/") && location.ends_with("?notice=placed"), "{location}");
        let matter = location.trim_start_matches("/matters/").trim_end_matches("?notice=placed").to_owned();
        let (_, asked) = app.json(&format!("tokens/{token}.json")).await;
        assert_eq!(asked[0]["service_request_id"], matter.as_str(), "the token now names the request");
        let (_, filed) = app.json(&format!("requests/{matter}.json")).await;
        assert_eq!(filed[0]["address_id"], target.as_str());
        assert_eq!(filed[0]["address"], address.as_str());
        let twice = app.post_form("/staff/matters/place", &[("id", intake.as_str()), ("grid", target.as_str())], Some(&staff), Some(&app.base)).await;
        assert!(twice.headers()["location"].to_str().expect("ascii").contains("error=moved_on"));
        let queue = app.page_as("/staff/matters", &staff).await;
        assert!(!queue.contains(&address), "placed reports leave the waiting list");

        // Residents cannot place anything.
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let lost_id: String = app.db.store.query_strings("SELECT CAST(intake_id AS TEXT) FROM matter_intake WHERE matter_id IS NULL").await.remove(0);
        let denied = app.post_form("/staff/matters/place", &[("id", lost_id.as_str()), ("grid", target.as_str())], Some(&resident), Some(&app.base)).await;
        assert!(denied.headers()["location"].to_str().expect("ascii").contains("error=denied"));
        assert!(app.db.store.query_strings("SELECT action FROM audit_entry WHERE action = 'matter.place'").await.len() == 1);
    }
}
