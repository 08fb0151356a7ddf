//! Boots the real server on port 0 against a fresh database.

use linli_server::{Application, ServeOptions};
use linli_service::{
    Store,
    seed::{self, CityData, CityPlan, Silent},
    testing::TestDb,
};

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub city: CityData,
    pub db: TestDb,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    /// GET with the language cookie set.
    pub async fn get_in(&self, lang: &str, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("cookie", format!("linli_lang={lang}"))
            .send()
            .await
            .expect("request")
    }
}

/// The real application on a free loopback port, not yet running.
pub async fn build_app(store: Store) -> Application {
    Application::build(
        ServeOptions {
            addr: "127.0.0.1:0".parse().expect("address"),
            site_root: std::env::temp_dir(),
        },
        store,
    )
    .await
    .expect("build the application")
}

/// A server with a small synthetic city loaded; redirects are not followed
/// so tests see them.
pub async fn spawn_app(db: TestDb) -> TestApp {
    let city = seed::generate(&CityPlan::scale(60));
    db.store.load_city(&city, &Silent).await.expect("load city");
    let app = build_app(db.store.clone()).await;
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until(std::future::pending()));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    TestApp {
        base,
        client,
        city,
        db,
    }
}
