//! The working-day calendar through a real server: a district officer sets
//! a day with the plain form (a mistake comes back with what was typed),
//! everyone reads it on the calendar and on a community's settings, others
//! are refused, and taking the day back restores the national arrangement.
//! On SQLite and PostgreSQL.

mod support;

use linli_model::{Lang, calendar::Day};
use linli_service::{seed::DEMO_PASSWORD, test_on_both_engines};
use support::{location, spawn_app};

test_on_both_engines! {
    async fn a_district_officer_keeps_the_calendar_and_everyone_reads_it(db: TestDb) {
        let app = spawn_app(db).await;
        let community = app.city.communities[0].node.code.clone();
        let district = &community[..6];
        let officer = app.sign_in("district@linli.demo", DEMO_PASSWORD).await;
        let resident = app.sign_in("resident@linli.demo", DEMO_PASSWORD).await;
        let path = format!("/districts/{district}/calendar");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("after 1970")
            .as_millis();
        let day = Day::of(i64::try_from(now).expect("ms")).plus(40);
        let (date, shown) = (day.to_string(), (linli_app::i18n::calendar::texts(Lang::ZhCn).date)(day));

        // A mistake comes back to the form with what was chosen.
        let typed = [("day", "2027-02-30"), ("kind", "holiday"), ("festival", "local")];
        let back = app.post_form(&path, &typed, Some(&officer), Some(&app.base)).await;
        assert_eq!(back.status(), 303);
        assert!(location(&back).contains("which=set-day"), "{}", location(&back));
        let html = app.follow(&back, Some(&officer)).await;
        assert!(html.contains("请选择日期"), "the date's mistake is named");
        assert!(html.contains("2027-02-30"), "what was typed is kept");

        let set = [("day", date.as_str()), ("kind", "holiday"), ("festival", "local")];
        let done = app.post_form(&path, &set, Some(&officer), Some(&app.base)).await;
        assert!(location(&done).contains("notice=saved"), "{}", location(&done));
        let page = app.get(&path).await.text().await.expect("page");
        assert!(page.contains("本区假日") && page.contains(&shown), "the day is listed: {shown}");
        assert!(page.contains("工作日历由区级工作人员维护"), "visitors get no forms");
        assert!(!page.contains("/calendar/remove"), "nor remove buttons");
        let settings = app.get(&format!("/communities/{community}/settings")).await.text().await.expect("page");
        assert!(settings.contains(&shown), "the community's settings show the year ahead");
        // The same days as open data.
        let days: serde_json::Value = app.get(&format!("/api/v1/districts/{district}/calendar")).await.json().await.expect("json");
        let days = days.as_array().expect("a list");
        assert!(days.iter().any(|d| d["date"] == date.as_str() && d["kind"] == "holiday" && d["district"] == true), "{days:?}");
        assert!(days.iter().any(|d| d["festival"] == "national-day" && d["district"] == false), "the national days too");
        let csv = app.get(&format!("/api/v1/districts/{district}/calendar?format=csv")).await.text().await.expect("csv");
        assert_eq!(csv.trim_start_matches('\u{feff}').lines().next(), Some("date,kind,festival,district"));
        assert_eq!(csv.lines().count(), days.len() + 1);
        assert_eq!(app.get("/api/v1/districts/99/calendar").await.status().as_u16(), 422);

        // Others are refused; nothing changes.
        let denied = app.post_form(&path, &set, Some(&resident), Some(&app.base)).await;
        assert!(location(&denied).contains("error=denied"), "{}", location(&denied));
        let other = app.post_form("/districts/110101/calendar", &set, Some(&officer), Some(&app.base)).await;
        assert!(location(&other).contains("error=denied"), "another district: {}", location(&other));

        let removed = app
            .post_form(&format!("{path}/remove"), &[("day", date.as_str())], Some(&officer), Some(&app.base))
            .await;
        assert!(location(&removed).contains("notice=removed"), "{}", location(&removed));
        let page = app.get(&path).await.text().await.expect("page");
        assert!(!page.contains(&shown), "the day is gone");
    }
}
