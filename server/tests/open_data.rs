//! Open data over HTTP on both engines: every dataset in the catalogue
//! downloads as JSON and as CSV whose header is the catalogue's columns,
//! paged lists link their next page, and the catalogue page explains
//! every column in both languages.

mod support;

use linli_model::open_data::DATASETS;
use linli_service::{
    clock::{Clock, SystemClock},
    seed::{Silent, load_matters},
    test_on_both_engines,
};
use serde_json::Value;
use support::spawn_app;

test_on_both_engines! {
    async fn every_dataset_downloads_with_its_described_columns(db: TestDb) {
        let app = spawn_app(db).await;
        load_matters(&app.db.store, &app.city, 30, SystemClock.now(), 30, &Silent).await.expect("matters");
        linli_service::seed::load_demo_deliberations(&app.db.store, SystemClock.now(), &app.city, "http://linli.test").await.expect("deliberations");
        let district = app.city.districts[0].code.clone();
        let deliberation = app.db.store.query_strings("SELECT CAST(MAX(deliberation_id) AS TEXT) FROM deliberation").await.remove(0);

        let catalogue: Value = app.get("/api/v1/datasets").await.json().await.expect("json");
        let keys: Vec<&str> = catalogue.as_array().expect("list").iter().map(|d| d["key"].as_str().expect("key")).collect();
        assert_eq!(keys, DATASETS.iter().map(|d| d.key).collect::<Vec<_>>());

        for dataset in DATASETS {
            let path = dataset.path.replace("{code}", &district).replace("{id}", &deliberation);
            let json = app.get(&path).await;
            assert_eq!(json.status(), 200, "{path}");
            let csv = app.get(&format!("{path}?format=csv")).await;
            assert_eq!(csv.status(), 200, "{path} as CSV");
            assert!(csv.headers()["content-type"].to_str().expect("ascii").starts_with("text/csv"));
            let body = csv.text().await.expect("body");
            let header = body.trim_start_matches('\u{feff}').lines().next().expect("a header line");
            assert_eq!(header, dataset.columns().join(","), "{path}: the header is the catalogue's columns");
            if dataset.key != "calendar" {
                assert_eq!(app.get(&format!("{path}?format=xls")).await.status(), 422, "{path}: an unknown format is refused");
            }
        }

        // A paged list links its next page with the same filters.
        let first = app.get("/api/v1/matters?format=csv&limit=4").await;
        let link = first.headers()["link"].to_str().expect("ascii").to_owned();
        assert!(link.contains("limit=4") && link.contains("format=csv") && link.contains("cursor="), "{link}");
        let next = link.trim_start_matches('<').split('>').next().expect("a URL").to_owned();
        let ids = |body: String| -> Vec<String> {
            body.lines().skip(1).filter(|l| !l.is_empty()).map(|l| l.split(',').next().unwrap_or("").to_owned()).collect()
        };
        let page1 = ids(first.text().await.expect("body"));
        let page2 = ids(app.get(&next).await.text().await.expect("body"));
        assert_eq!((page1.len(), page2.len()), (4, 4));
        assert!(page1.iter().all(|id| !page2.contains(id)), "the next page holds other matters");
    }
}

test_on_both_engines! {
    async fn the_open_data_page_explains_every_column(db: TestDb) {
        let app = spawn_app(db).await;
        for (lang, heading) in [("zh-CN", "开放数据"), ("en", "Open data")] {
            let page = app.get_in(lang, "/open-data").await.text().await.expect("body");
            assert!(page.contains(heading));
            for dataset in DATASETS {
                let lang = if lang == "en" { linli_model::Lang::En } else { linli_model::Lang::ZhCn };
                assert!(page.contains(dataset.title(lang)), "{}", dataset.key);
                for field in dataset.fields {
                    assert!(page.contains(&format!(">{}<", field.name)), "{}.{}", dataset.key, field.name);
                }
            }
        }
        let home = app.get("/").await.text().await.expect("body");
        assert!(home.contains("href=\"/open-data\""), "every page's footer links it");
    }
}
