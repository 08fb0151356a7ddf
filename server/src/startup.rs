//! Building the router and running it.

use std::{future::Future, net::SocketAddr, path::PathBuf, sync::Arc, time::Duration};

use anyhow::Context as _;
use axum::{
    Router,
    extract::{DefaultBodyLimit, FromRef},
    http::HeaderValue,
    middleware::{from_fn, from_fn_with_state},
    routing::{get, post},
};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use linli_app::{App, shell};
use linli_model::matter::{MAX_PHOTO_BYTES, MAX_PHOTOS};
use linli_service::{
    Store,
    api_token::ApiTokens,
    auth::Auth,
    clock::{Clock, SystemClock},
    limits::Limiter,
    matters::Matters,
    membership::Memberships,
    outbox::{self, Mailer},
    photos::{PhotoDir, Photos},
    roles::Roles,
};
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::{
    compression::CompressionLayer, limit::RequestBodyLimitLayer,
    set_header::SetResponseHeaderLayer, timeout::TimeoutLayer, trace::TraceLayer,
};

use crate::{
    api,
    client::TrustedProxies,
    middleware,
    page_cache::{self, PageCache},
    routes,
};

/// Largest request body accepted anywhere but uploads.
const BODY_LIMIT: usize = 1024 * 1024;
/// A report with its most and largest photos, and room for its text.
const UPLOAD_LIMIT: usize = MAX_PHOTOS * MAX_PHOTO_BYTES + 1024 * 1024;
/// Fifty megabytes from a phone on a weak signal take minutes.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(600);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    pub site_root: PathBuf,
    /// Mark cookies `Secure` and send HSTS: the site is served over TLS
    /// (by a proxy in front of Linli).
    pub behind_tls: bool,
    /// How people reach this site, for links in messages.
    pub public_url: String,
    /// Requests per minute allowed to each API token.
    pub api_requests_per_minute: u32,
    /// Anonymous API, Open311, search and server-function calls per
    /// minute from one client address.
    pub anonymous_requests_per_minute: u32,
    /// Community workers due per 10,000 residents (the standards board).
    pub staff_per_10k: u32,
    /// Proxies whose `Forwarded`/`X-Forwarded-For` name the client.
    pub trusted_proxies: TrustedProxies,
    /// Sends the outbox's email; without it messages wait in the table.
    pub mailer: Option<Mailer>,
    /// Uploaded photos go under `photos/` here.
    pub data_dir: PathBuf,
}

/// Requests per minute: per API token, and per address for anonymous
/// calls.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    pub api_per_minute: u32,
    pub anonymous_per_minute: u32,
}

/// What handlers can extract with `State`. Cheap to clone: axum clones a
/// route's handler, with the state in it, for every request, and a clone
/// of every field (the site's options, the store's pools, a dozen `Arc`s
/// and a string) cost 5–8 % of a rendered page's CPU (perf, issue 22).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl FromRef<AppState> for Store {
    fn from_ref(state: &AppState) -> Self {
        state.store.clone()
    }
}

/// What [`AppState`] shares.
pub struct Shared {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub secure_cookies: bool,
    pub public_url: String,
    pub limits: RateLimits,
    pub streams: Arc<crate::streams::StreamSlots>,
    pub trusted_proxies: Arc<TrustedProxies>,
    /// Turns true when the server starts shutting down, so that streams
    /// that would never end (server-sent events) end and let it stop.
    pub closing: tokio::sync::watch::Receiver<bool>,
    pub photo_dir: Arc<PhotoDir>,
    pub page_cache: Arc<PageCache>,
    pub sessions: Arc<crate::session_cache::SessionCache>,
    /// The browser's files by their hashed names.
    pub assets: linli_app::Assets,
    pub staff_per_10k: u32,
}

impl AppState {
    /// What every page render is given: the services its server functions
    /// call, and where the browser's files are.
    pub fn app_context(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        let services = linli_app::api::Services {
            store: self.store.clone(),
            clock: self.clock.clone(),
            api_endpoints: Arc::new(api::endpoint_list()),
            public_url: self.public_url.as_str().into(),
            staff_per_10k: self.staff_per_10k,
        };
        let assets = self.assets.clone();
        move || {
            provide_context(services.clone());
            provide_context(assets.clone());
        }
    }

    pub fn auth(&self) -> Auth<'_> {
        Auth {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }

    pub fn limiter(&self) -> Limiter<'_> {
        Limiter {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }

    pub fn roles(&self) -> Roles<'_> {
        Roles {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }

    pub fn api_tokens(&self) -> ApiTokens<'_> {
        ApiTokens {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }

    pub fn accountability(&self) -> linli_service::accountability::Accountability<'_> {
        linli_service::accountability::Accountability {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }

    pub fn standards(&self) -> linli_service::standards::Standards<'_> {
        linli_service::standards::Standards {
            store: &self.store,
            clock: self.clock.as_ref(),
            staff_per_10k: self.staff_per_10k,
        }
    }

    pub fn calendar(&self) -> linli_service::calendar::Calendar<'_> {
        linli_service::calendar::Calendar {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }

    pub fn assist(&self) -> linli_service::assist::Assist<'_> {
        linli_service::assist::Assist {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }

    pub fn moderation(&self) -> linli_service::moderation::Moderation<'_> {
        linli_service::moderation::Moderation {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }

    pub fn promises(&self) -> linli_service::promises::Promises<'_> {
        linli_service::promises::Promises {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }

    pub fn tracker(&self) -> linli_service::tracker::Tracker<'_> {
        linli_service::tracker::Tracker {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }

    pub fn intake(&self) -> linli_service::intake::Intake<'_> {
        linli_service::intake::Intake {
            store: &self.store,
            clock: self.clock.as_ref(),
            site: &self.public_url,
        }
    }

    pub fn matters(&self) -> Matters<'_> {
        Matters {
            store: &self.store,
            clock: self.clock.as_ref(),
            site: &self.public_url,
        }
    }

    pub fn photos(&self) -> Photos<'_> {
        Photos {
            store: &self.store,
            clock: self.clock.as_ref(),
            dir: &self.photo_dir,
        }
    }

    pub fn deliberations(&self) -> linli_service::deliberations::Deliberations<'_> {
        linli_service::deliberations::Deliberations {
            store: &self.store,
            clock: self.clock.as_ref(),
            site: &self.public_url,
        }
    }

    pub fn projects(&self) -> linli_service::projects::Projects<'_> {
        linli_service::projects::Projects {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }

    pub fn lists(&self) -> linli_service::lists::Lists<'_> {
        linli_service::lists::Lists {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }

    pub fn admissions(&self) -> linli_service::admission::Admissions<'_> {
        linli_service::admission::Admissions {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }

    pub fn organisations(&self) -> linli_service::organisations::Organisations<'_> {
        linli_service::organisations::Organisations {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }

    pub fn memberships(&self) -> Memberships<'_> {
        Memberships {
            store: &self.store,
            clock: self.clock.as_ref(),
        }
    }
}

/// A bound, ready server. Binding happens in `build`, so tests can ask for
/// port 0 and read the real port before running.
pub struct Application {
    listener: TcpListener,
    router: Router,
    store: Store,
    clock: Arc<dyn Clock>,
    mailer: Option<Mailer>,
    closing: tokio::sync::watch::Sender<bool>,
    public_url: String,
    page_cache: Arc<PageCache>,
}

impl Application {
    pub async fn build(options: ServeOptions, store: Store) -> anyhow::Result<Self> {
        Self::build_with_clock(options, store, Arc::new(SystemClock)).await
    }

    /// As [`Self::build`], on a given clock: tests let weeks of notice
    /// periods and deadlines pass in a moment.
    pub async fn build_with_clock(
        options: ServeOptions,
        store: Store,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(options.addr)
            .await
            .with_context(|| format!("listening on {}", options.addr))?;
        let leptos_options = LeptosOptions::builder()
            .output_name("linli")
            .site_root(options.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(listener.local_addr()?)
            .build();
        let closing = tokio::sync::watch::Sender::new(false);
        let page_cache = Arc::new(PageCache::new(store.clone()));
        let router = router(AppState(Arc::new(Shared {
            leptos_options,
            store: store.clone(),
            clock: clock.clone(),
            secure_cookies: options.behind_tls,
            public_url: options.public_url.clone(),
            limits: RateLimits {
                api_per_minute: options.api_requests_per_minute,
                anonymous_per_minute: options.anonymous_requests_per_minute,
            },
            trusted_proxies: Arc::new(options.trusted_proxies.clone()),
            // A few tabs per household; a server's worth in all.
            streams: crate::streams::StreamSlots::new(16, 5_000),
            closing: closing.subscribe(),
            photo_dir: Arc::new(PhotoDir::new(options.data_dir.join("photos"))),
            page_cache: page_cache.clone(),
            sessions: Arc::default(),
            assets: crate::assets::find(&options.site_root),
            staff_per_10k: options.staff_per_10k,
        })));
        Ok(Self {
            listener,
            router,
            store,
            clock,
            mailer: options.mailer,
            closing,
            public_url: options.public_url,
            page_cache,
        })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// Serves until `shutdown` resolves, then stops accepting and lets
    /// requests in flight finish.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        tracing::info!(addr = %self.listener.local_addr()?, "serving");
        let mut background = vec![
            tokio::spawn(watch_deadlines_forever(
                self.store.clone(),
                self.clock.clone(),
                self.public_url.clone(),
            )),
            tokio::spawn(
                self.page_cache
                    .follow(self.store.matter_changes(), self.store.changes()),
            ),
            tokio::spawn(send_digests_forever(
                self.store.clone(),
                self.clock.clone(),
                self.public_url.clone(),
            )),
        ];
        if let Some(mailer) = self.mailer {
            background.push(tokio::spawn(deliver_forever(
                self.store.clone(),
                self.clock.clone(),
                mailer,
            )));
        }
        let served = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown({
            let closing = self.closing;
            async move {
                shutdown.await;
                closing.send_replace(true);
            }
        })
        .await
        .context("serving HTTP");
        for task in background {
            task.abort();
        }
        served?;
        tracing::info!("stopped");
        Ok(())
    }
}

/// How often overdue and unrated matters are looked for.
const WATCH_EVERY: Duration = Duration::from_secs(60);

/// Escalates overdue matters and closes unrated ones, for as long as the
/// server runs. Every change is a guarded write, so several instances can
/// all run this and a restart loses nothing: the next round finds what is
/// due from the database.
async fn watch_deadlines_forever(store: Store, clock: Arc<dyn Clock>, site: String) {
    let mut tick = tokio::time::interval(WATCH_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let matters = Matters {
            store: &store,
            clock: clock.as_ref(),
            site: &site,
        };
        match matters.watch_deadlines().await {
            Ok((0, 0)) => {}
            Ok((escalated, closed)) => tracing::info!(escalated, closed, "deadline watch"),
            Err(e) => tracing::error!(error = %e, "deadline watch failed"),
        }
        let limiter = Limiter {
            store: &store,
            clock: clock.as_ref(),
        };
        if let Err(e) = limiter.sweep().await {
            tracing::error!(error = %e, "forgetting old rate windows failed");
        }
        if let Err(e) = store.forget_typed_before(clock.now()).await {
            tracing::error!(error = %e, "forgetting kept forms failed");
        }
        let assist = linli_service::assist::Assist {
            store: &store,
            clock: clock.as_ref(),
        };
        match assist.end_forgotten().await {
            Ok(0) => {}
            Ok(ended) => tracing::info!(ended, "forgotten assists ended"),
            Err(e) => tracing::error!(error = %e, "ending forgotten assists failed"),
        }
    }
}

/// How often the daily digest looks for a new day.
const DIGEST_EVERY: Duration = Duration::from_secs(600);

/// Queues the daily digests of deliberation steps; several instances may
/// run this at once.
async fn send_digests_forever(store: Store, clock: Arc<dyn Clock>, site: String) {
    let mut tick = tokio::time::interval(DIGEST_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let digests = linli_service::digest::Digests {
            store: &store,
            clock: clock.as_ref(),
            site: &site,
        };
        match digests.run().await {
            Ok(0) => {}
            Ok(sent) => tracing::info!(sent, "daily digests queued"),
            Err(e) => tracing::error!(error = %e, "daily digest failed"),
        }
    }
}

/// How often the outbox is checked for email to send.
const DELIVERY_EVERY: Duration = Duration::from_secs(10);

/// Sends the outbox's email for as long as the server runs. Each round
/// claims its messages, so several instances can all run this.
async fn deliver_forever(store: Store, clock: Arc<dyn Clock>, mailer: Mailer) {
    let mut tick = tokio::time::interval(DELIVERY_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match outbox::deliver_due(&store, clock.as_ref(), &mailer).await {
            Ok(round) if round.sent + round.failed > 0 => {
                tracing::info!(sent = round.sent, failed = round.failed, "outbox delivery");
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "outbox delivery failed"),
        }
    }
}

fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context = state.app_context();
    let pkg = crate::assets::pkg(std::path::Path::new(&*state.leptos_options.site_root));
    let page_cache = state.page_cache.clone();
    let hsts = state.secure_cookies.then(|| {
        SetResponseHeaderLayer::overriding(
            http::header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        )
    });
    // Reports carry photos: a larger body and more time, on these routes only.
    let uploads = Router::new()
        .route("/communities/{code}/report", post(routes::matters::report))
        .route("/projects/{id}/report", post(routes::projects::report))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT))
        .layer(RequestBodyLimitLayer::new(UPLOAD_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            http::StatusCode::REQUEST_TIMEOUT,
            UPLOAD_TIMEOUT,
        ));
    let routed = Router::new()
        .route("/healthz", get(routes::health::healthz))
        .route("/readyz", get(routes::health::readyz))
        .route("/lang/{tag}", get(routes::lang::switch))
        .route("/account/sign-up", post(routes::account::sign_up))
        .route("/account/sign-in", post(routes::account::sign_in))
        .route("/account/sign-out", post(routes::account::sign_out))
        .route(
            "/account/sign-out-everywhere",
            post(routes::account::sign_out_everywhere),
        )
        .route("/account/password", post(routes::account::change_password))
        .route("/account/forgot", post(routes::account::forgot))
        .route("/account/reset", post(routes::account::reset))
        .route("/communities/{code}/join", post(routes::membership::join))
        .route("/staff/memberships/{id}", post(routes::membership::decide))
        .route("/staff/roles", post(routes::membership::roles))
        .route(
            "/staff/invitations",
            post(routes::membership::make_invitations),
        )
        .route("/account/tokens", post(routes::account::create_token))
        .nest_service("/pkg", pkg)
        .route(
            "/account/tokens/{id}/revoke",
            post(routes::account::revoke_token),
        )
        .route("/matters/{id}/support", post(routes::matters::support))
        .route(
            "/communities/{code}/deliberations",
            post(routes::deliberations::start),
        )
        .route(
            "/communities/{code}/deliberation-settings",
            post(routes::deliberations::settings),
        )
        .route(
            "/deliberations/{id}/{action}",
            post(routes::deliberations::act),
        )
        .route(
            "/deliberations/polls/{id}/cast",
            post(routes::deliberations::cast),
        )
        .route(
            "/deliberations/{kind}/{id}/{action}",
            post(routes::deliberations::act_on),
        )
        .route(
            "/inbox/settings",
            post(routes::deliberations::inbox_settings),
        )
        .route(
            "/decision-records/{id}/{version}",
            get(routes::deliberations::record_file),
        )
        .route(
            "/communities/{code}/projects",
            post(routes::projects::publish),
        )
        .route("/communities/{code}/needs", post(routes::lists::add_need))
        .route(
            "/communities/{code}/resources",
            post(routes::lists::add_resource),
        )
        .route(
            "/communities/{code}/responsibilities",
            post(routes::lists::add_responsibility),
        )
        .route(
            "/responsibilities/{id}/remove",
            post(routes::lists::remove_responsibility),
        )
        .route("/projects/{id}/{action}", post(routes::projects::act))
        .route("/bids/{id}/{action}", post(routes::projects::act_on_bid))
        .route("/organisations", post(routes::projects::register))
        .route(
            "/staff/admission/proposals",
            post(routes::admission::propose),
        )
        .route(
            "/staff/admission/proposals/{id}/review",
            post(routes::admission::review),
        )
        .route(
            "/staff/admission/streets/{code}/departments",
            post(routes::admission::add_department),
        )
        .route(
            "/staff/admission/departments/{id}/members",
            post(routes::admission::add_member),
        )
        .route(
            "/organisations/{id}/{action}",
            post(routes::projects::decide),
        )
        .route("/matters/{id}/step", post(routes::matters::step))
        .route("/matters/{id}/events", get(routes::matters::events))
        .route("/photos/{name}", get(routes::photos::serve))
        .route(
            "/communities/{code}/settings",
            post(routes::matters::settings),
        )
        .route(
            "/districts/{code}/calendar",
            post(routes::calendar::set_day),
        )
        .route(
            "/districts/{code}/calendar/remove",
            post(routes::calendar::remove_day),
        )
        .route(
            "/staff/matters/dispatch",
            post(routes::matters::bulk_dispatch),
        )
        .route("/staff/matters/place", post(routes::matters::place))
        .route("/moderation/{action}", post(routes::moderation::act))
        .route("/assist/start", post(routes::assist::start))
        .route("/assist/stop", post(routes::assist::stop))
        .route(
            "/deliberations/polls/{id}/tally",
            post(routes::deliberations::tally),
        )
        .route(
            "/deliberations/polls/{poll}/tally/{sheet}/confirm",
            post(routes::deliberations::confirm_tally),
        )
        .route("/promises/{id}/agenda", post(routes::promises::agenda))
        .route("/promises/{id}/answer", post(routes::promises::answer))
        .route("/results/{id}/update", post(routes::results::update))
        .route("/results/{id}/{follow}", post(routes::results::follow))
        .route("/recurring/propose", post(routes::results::propose))
        .nest(api::BASE, api::router())
        .nest("/open311/v2", crate::open311::router())
        .leptos_routes_with_context(&state, routes, context.clone(), shell)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, |_| shell()))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .merge(uploads)
        .with_state(state.clone());
    // The layers wrap the router once, not each route: `Router::layer`
    // boxes every route once per layer, and a request cloned its route's
    // boxes at every layer it passed, ~250 allocations each (issue 22).
    // The first listed is the outermost.
    let layered = ServiceBuilder::new()
        .layer(TraceLayer::new_for_http())
        // Brotli's default (quality 11) costs milliseconds a page; 4 is
        // nearly as small at a fraction of the work.
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(4)))
        .layer(from_fn_with_state(page_cache.clone(), page_cache::serve))
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            http::header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            http::header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .option_layer(hsts)
        .layer(from_fn_with_state(
            state.clone(),
            crate::client::client_address,
        ))
        .layer(from_fn(api::error::envelope_every_error))
        .layer(from_fn(middleware::same_origin))
        .layer(from_fn_with_state(state.clone(), middleware::identify))
        .layer(from_fn_with_state(page_cache, page_cache::serve_signed_in))
        .layer(from_fn_with_state(state, crate::typed_back::typed_back))
        .layer(from_fn(middleware::server_fn_status))
        .service(routed);
    Router::new().fallback_service(layered)
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
