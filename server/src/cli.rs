//! The command line: `linli serve | migrate | seed | backup`.

use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use linli_service::{
    DatabaseUrl, Store, StoreOptions,
    audit::Verification,
    clock::{Clock, SystemClock},
    outbox::Mailer,
    photos::{PhotoDir, Photos},
    seed::{self, CityPlan, Progress},
};

use crate::{
    client::TrustedProxies,
    startup::{Application, ServeOptions, shutdown_signal},
    telemetry::{self, LogFormat},
};

const DATABASE_URL_VAR: &str = "LINLI_DATABASE_URL";

fn parse_proxies(list: &str) -> Result<TrustedProxies, String> {
    TrustedProxies::parse(list).map_err(|bad| format!("{bad:?} is not an address or address block"))
}

#[derive(Debug, Parser)]
#[command(
    name = "linli",
    version,
    about = "Linli (邻里): the residents' portal for community self-governance"
)]
struct Cli {
    /// Where the data lives: sqlite:PATH (created if missing) or postgres://USER@HOST/DB.
    #[arg(long, env = DATABASE_URL_VAR, default_value = "sqlite:data/linli.db", global = true, hide_env_values = true)]
    database_url: String,

    /// Database connections per server instance.
    #[arg(long, env = "LINLI_DB_CONNECTIONS", default_value_t = 8, global = true)]
    db_connections: u32,

    #[arg(
        long,
        env = "LINLI_LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    log_format: LogFormat,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the portal (migrates first).
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load a synthetic city into an empty database.
    Seed(SeedArgs),
    /// Write a consistent copy of a live SQLite database to FILE.
    Backup {
        /// The new file; an existing file is never overwritten.
        file: PathBuf,
    },
    /// Work with the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Print messages waiting in the outbox (reset links and the like), for
    /// operators of a site without SMTP. They contain secrets: mind the screen.
    Outbox,
    /// Work with uploaded photos.
    #[command(subcommand)]
    Photos(PhotosCommand),
}

#[derive(Debug, Subcommand)]
enum PhotosCommand {
    /// Delete photos that no report took within a day of their upload.
    Prune {
        /// Where the photos are (as for `serve`).
        #[arg(long, env = "LINLI_DATA_DIR", default_value = "data")]
        data_dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Check the audit log's hash chain from the first entry to the last.
    Verify,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "LINLI_ADDR", default_value = "127.0.0.1:3000")]
    addr: SocketAddr,
    /// Where uploaded photos are kept; several instances must share it.
    #[arg(long, env = "LINLI_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// The site cargo-leptos built: pkg/ with the wasm, script and style.
    #[arg(long, env = "LINLI_SITE_ROOT", default_value = "target/site")]
    site_root: PathBuf,
    /// Load the demo city when the database holds no city yet.
    #[arg(long, env = "LINLI_SEED_DEMO")]
    seed_demo: bool,
    /// Linli is served over HTTPS (by a proxy in front): cookies get `Secure`
    /// and responses carry HSTS.
    #[arg(long, env = "LINLI_BEHIND_TLS")]
    behind_tls: bool,
    /// How people reach the site, for links in messages (default: http://ADDR).
    #[arg(long, env = "LINLI_PUBLIC_URL")]
    public_url: Option<String>,
    /// Requests per minute allowed to each personal API token.
    #[arg(long, env = "LINLI_API_RATE_LIMIT", default_value_t = 600)]
    api_rate_limit: u32,
    /// Anonymous API, Open311, search and server-function calls per minute
    /// from one client address.
    #[arg(long, env = "LINLI_ANONYMOUS_RATE_LIMIT", default_value_t = 300)]
    anonymous_rate_limit: u32,
    /// Community workers due per 10,000 residents, by which the standards
    /// board flags understaffed communities.
    #[arg(long, env = "LINLI_STAFF_PER_10K", default_value_t = linli_model::standards::STAFF_PER_10K_DEFAULT,
        value_parser = clap::value_parser!(u32).range(1..=200))]
    staff_per_10k: u32,
    /// Reverse proxies in front of Linli, as address blocks
    /// (`127.0.0.1,10.0.0.0/8`): only their `Forwarded`/`X-Forwarded-For`
    /// headers are read for the client's address. Empty: none.
    #[arg(long, env = "LINLI_TRUSTED_PROXIES", default_value = "", value_parser = parse_proxies)]
    trusted_proxies: TrustedProxies,
    /// Send the outbox's email through this SMTP server, e.g.
    /// `smtp://user:pass@mail.example:587?tls=required` or `smtps://…`.
    /// Without it, messages wait in the outbox (`linli outbox` prints them).
    #[arg(long, env = "LINLI_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The sender of the outbox's email.
    #[arg(
        long,
        env = "LINLI_MAIL_FROM",
        default_value = "邻里 Linli <noreply@linli.localhost>"
    )]
    mail_from: String,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("city").required(true).multiple(false))]
struct SeedArgs {
    /// The demo city: 6 districts, 40 streets, 300 communities.
    #[arg(long, group = "city")]
    demo: bool,
    /// A synthetic city of N communities, for benchmarks.
    #[arg(long, group = "city", value_name = "N", value_parser = clap::value_parser!(u32).range(1..=CityPlan::MAX_COMMUNITIES as i64))]
    scale: Option<u32>,
    /// Resident matters to add to the city, dated over the past three
    /// years (the demo city gets a year's worth by default).
    #[arg(long, value_name = "M")]
    matters: Option<u64>,
}

/// Parses, runs, and turns failures into one readable line and an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // Checked before anything starts, so a typo costs one clear line.
    let url = match DatabaseUrl::parse(&cli.database_url) {
        Ok(url) => url,
        Err(e) => {
            eprintln!("linli: {DATABASE_URL_VAR} {e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(cli.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("linli: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli, url)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "linli stopped");
            eprintln!("linli: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli, url: DatabaseUrl) -> anyhow::Result<()> {
    let options = StoreOptions {
        max_connections: cli.db_connections,
        ..StoreOptions::default()
    };
    let store = Store::connect(&url, &options).await?;
    tracing::info!(database = %url, "connected");
    store.migrate().await?;
    match cli.command {
        Command::Migrate => {
            tracing::info!("migrations applied");
        }
        Command::Serve(args) => {
            let public_url = args
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", args.addr));
            if args.seed_demo && !store.has_city().await? {
                load(&store, &CityPlan::demo(), Some(&public_url), DEMO_MATTERS).await?;
            }
            let mailer = args
                .smtp_url
                .as_deref()
                .map(|url| Mailer::new(url, &args.mail_from))
                .transpose()?;
            if mailer.is_none() {
                tracing::info!("LINLI_SMTP_URL is not set: email waits in the outbox");
            }
            let app = Application::build(
                ServeOptions {
                    addr: args.addr,
                    site_root: args.site_root,
                    behind_tls: args.behind_tls,
                    public_url,
                    api_requests_per_minute: args.api_rate_limit,
                    anonymous_requests_per_minute: args.anonymous_rate_limit,
                    staff_per_10k: args.staff_per_10k,
                    trusted_proxies: args.trusted_proxies,
                    mailer,
                    data_dir: args.data_dir,
                },
                store.clone(),
            )
            .await?;
            app.run_until(shutdown_signal()).await?;
        }
        Command::Seed(args) => {
            let (plan, demo) = match args.scale {
                Some(n) => (CityPlan::scale(n as usize), None),
                // Links in the demo's messages point where `serve` listens
                // by default.
                None => (CityPlan::demo(), Some("http://127.0.0.1:3000")),
            };
            let matters = args
                .matters
                .unwrap_or(if demo.is_some() { DEMO_MATTERS } else { 0 });
            load(&store, &plan, demo, matters).await?;
        }
        Command::Backup { file } => {
            store.backup(&file).await?;
            tracing::info!(file = %file.display(), "backup written");
        }
        Command::Outbox => {
            for m in store.unsent_messages(100).await? {
                println!(
                    "#{} {} → {}\n{}\n{}\n",
                    m.outbox_message_id, m.channel, m.recipient, m.subject, m.body
                );
            }
        }
        Command::Photos(PhotosCommand::Prune { data_dir }) => {
            let dir = PhotoDir::new(data_dir.join("photos"));
            let photos = Photos {
                store: &store,
                clock: &SystemClock,
                dir: &dir,
            };
            let pruned = photos.prune().await?;
            println!("photos pruned: {pruned}");
        }
        Command::Audit(AuditCommand::Verify) => match store.verify_audit().await? {
            Verification::Intact { entries } => println!("audit log intact: {entries} entries"),
            Verification::Broken { entry, reason } => {
                store.close().await;
                anyhow::bail!("audit log broken at entry {entry}: {reason}");
            }
        },
    }
    store.close().await;
    Ok(())
}

/// Matters in the demo city: about ten per community over a year.
const DEMO_MATTERS: u64 = 3_000;

/// Loads a city, its item lists and its matters; with `demo` (the site's
/// address), also the demo accounts and deliberations.
async fn load(
    store: &Store,
    plan: &CityPlan,
    demo: Option<&str>,
    matters: u64,
) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let city = seed::generate(plan);
    store
        .load_city(&city, &Bar::new())
        .await
        .context("loading the city")?;
    seed::load_item_lists(store, SystemClock.now())
        .await
        .context("loading the item lists")?;
    if demo.is_some() {
        seed::load_demo_accounts(store, &SystemClock, &city)
            .await
            .context("creating the demo accounts")?;
    }
    if matters > 0 {
        let span_days = if demo.is_some() { 365 } else { 3 * 365 };
        let started = std::time::Instant::now();
        seed::load_matters(
            store,
            &city,
            matters,
            SystemClock.now(),
            span_days,
            &Bar::new(),
        )
        .await
        .context("loading matters")?;
        let seconds = started.elapsed().as_secs_f64();
        if let Some(site) = demo {
            seed::load_demo_deliberations(store, SystemClock.now(), &city, site)
                .await
                .context("creating the demo deliberations")?;
            let links = seed::load_demo_lists(store, SystemClock.now(), &city)
                .await
                .context("creating the demo needs, resources and responsibilities")?;
            seed::load_demo_projects(store, SystemClock.now(), &city, &links)
                .await
                .context("creating the demo projects")?;
            seed::load_demo_admission(store, SystemClock.now(), &city)
                .await
                .context("creating the demo admission reviews")?;
            seed::load_demo_intake(store, SystemClock.now(), &city)
                .await
                .context("creating the demo reports waiting to be placed")?;
            seed::load_demo_promises(store, SystemClock.now(), &city)
                .await
                .context("creating the demo promises")?;
            seed::load_demo_results(store, SystemClock.now(), &city, site)
                .await
                .context("creating the demo results and recurring matters")?;
        }
        tracing::info!(
            matters,
            seconds,
            per_second = (matters as f64 / seconds) as u64,
            "matters loaded"
        );
    }
    tracing::info!(
        communities = city.communities.len(),
        grids = city.grids.len(),
        micro_grids = city.micro_grids.len(),
        seconds = started.elapsed().as_secs_f32(),
        "city loaded"
    );
    Ok(())
}

/// A progress bar on the terminal; hidden when output is not a terminal.
struct Bar(ProgressBar);

impl Bar {
    fn new() -> Self {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{msg} [{bar:40}] {pos}/{len} rows ({per_sec}, {eta} left)",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.set_message("loading");
        Self(bar)
    }
}

impl Progress for Bar {
    fn start(&self, total_rows: u64) {
        self.0.set_length(total_rows);
    }
    fn advance(&self, rows: u64) {
        self.0.inc(rows);
    }
    fn finish(&self) {
        self.0.finish_with_message("loaded");
    }
}
