//! Boots the real server on port 0 against a fresh database.
#![allow(
    dead_code,
    reason = "each test binary uses a different part of the support module"
)]

use std::sync::Arc;

use linli_server::{Application, ServeOptions};
use linli_service::{
    Store,
    clock::{Clock, ManualClock, SystemClock},
    seed::{self, CityData, CityPlan, Silent},
    testing::TestDb,
};

/// Requests per minute per API token in tests: low enough that a test can
/// reach it quickly.
pub const API_RATE_LIMIT: u32 = 30;
/// Anonymous calls per minute per address in tests.
pub const ANONYMOUS_RATE_LIMIT: u32 = 200;

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

    /// The page at `path` as the holder of `cookie` sees it.
    pub async fn page_as(&self, path: &str, cookie: &str) -> String {
        body_of(self.client.get(self.url(path)).header("cookie", cookie)).await
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
    build_app_on(store, Arc::new(SystemClock)).await
}

pub async fn build_app_on(store: Store, clock: Arc<dyn Clock>) -> Application {
    Application::build_with_clock(
        ServeOptions {
            addr: "127.0.0.1:0".parse().expect("address"),
            site_root: std::env::temp_dir(),
            behind_tls: false,
            public_url: "http://linli.test".into(),
            api_requests_per_minute: API_RATE_LIMIT,
            anonymous_requests_per_minute: ANONYMOUS_RATE_LIMIT,
            staff_per_10k: linli_model::standards::STAFF_PER_10K_DEFAULT,
            // The tests speak for their clients through X-Forwarded-For.
            trusted_proxies: linli_server::client::TrustedProxies::parse("127.0.0.1")
                .expect("valid"),
            mailer: None,
            // Photos are named by their content, so tests can share one.
            data_dir: std::env::temp_dir().join("linli-test-data"),
        },
        store,
        clock,
    )
    .await
    .expect("build the application")
}

/// A clock standing at the present moment: rate limits count in
/// minute windows, and a test that spends a budget must not see the
/// window roll over halfway through.
pub fn still_clock() -> Arc<dyn Clock> {
    Arc::new(ManualClock::new(SystemClock.now()))
}

/// A server with a small synthetic city loaded; redirects are not followed
/// so tests see them.
pub async fn spawn_app(db: TestDb) -> TestApp {
    spawn_app_on(db, Arc::new(SystemClock)).await
}

/// As [`spawn_app`], with the server reading the given clock.
pub async fn spawn_app_on(db: TestDb, clock: Arc<dyn Clock>) -> TestApp {
    let city = seed::generate(&CityPlan::scale(60));
    db.store.load_city(&city, &Silent).await.expect("load city");
    seed::load_item_lists(&db.store, clock.now())
        .await
        .expect("item lists");
    seed::load_demo_accounts(&db.store, clock.as_ref(), &city)
        .await
        .expect("demo accounts");
    let app = build_app_on(db.store.clone(), clock).await;
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until(std::future::pending()));
    // No kept-alive connections: a test that makes the server refuse a
    // body early (too large, too many) leaves a connection the server is
    // closing, and the next request on it would fail with a broken pipe.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(0)
        .build()
        .expect("client");
    TestApp {
        base,
        client,
        city,
        db,
    }
}

impl TestApp {
    /// POSTs a form as a browser on `origin` would, with an optional cookie.
    pub async fn post_form(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        cookie: Option<&str>,
        origin: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self.client.post(self.url(path)).form(fields);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        request.send().await.expect("request")
    }

    /// Signs in through the form and returns the `name=value` session cookie.
    pub async fn sign_in(&self, login: &str, password: &str) -> String {
        let response = self
            .post_form(
                "/account/sign-in",
                &[("login", login), ("password", password)],
                None,
                Some(&self.base),
            )
            .await;
        assert_eq!(response.status(), 303);
        session_cookie(&response).expect("a session cookie")
    }
}

impl TestApp {
    /// Signs in as `login` and makes a personal API token with the
    /// session, as the account page's own request would.
    pub async fn token_for(&self, login: &str) -> String {
        let cookie = self.sign_in(login, seed::DEMO_PASSWORD).await;
        let made = self
            .client
            .post(self.url("/api/v1/me/tokens"))
            .header("cookie", &cookie)
            .header("origin", &self.base)
            .json(&serde_json::json!({"name": "test script"}))
            .send()
            .await
            .expect("request");
        assert_eq!(made.status(), 201);
        let body: serde_json::Value = made.json().await.expect("json");
        body["token"].as_str().expect("the secret, once").to_owned()
    }

    /// The page a form's redirect leads to, as the browser that got it sees
    /// it: with the kept-form cookie the redirect set, and `cookie` (the
    /// person's session) when given.
    pub async fn follow(&self, response: &reqwest::Response, cookie: Option<&str>) -> String {
        let location = response.headers()["location"]
            .to_str()
            .expect("a redirect")
            .to_owned();
        let kept = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("linli_typed="))
            .and_then(|c| c.split(';').next())
            .map(str::to_owned);
        let cookies: Vec<String> = kept.into_iter().chain(cookie.map(str::to_owned)).collect();
        let mut request = self.client.get(self.url(&location));
        if !cookies.is_empty() {
            request = request.header("cookie", cookies.join("; "));
        }
        body_of(request).await
    }
}

/// The body of the answer to `request`, as text.
async fn body_of(request: reqwest::RequestBuilder) -> String {
    request
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body")
}

/// The `linli_session=…` pair a response sets, if any.
pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("linli_session="))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
}

/// Where a redirect points.
pub fn location(response: &reqwest::Response) -> String {
    response.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned()
}
