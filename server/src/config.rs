//! Command line and environment: every setting has a flag and an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// techx — the online technology and equipment exchange.
#[derive(Debug, Parser)]
#[command(name = "techx", version, about, long_about = None)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(flatten)]
    pub serve: ServeArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web site (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Fill the database with the demo dataset (idempotent) and exit.
    Seed {
        /// Multiply the dataset, for load tests.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
        scale: u32,
        /// News articles to write (the real exchange's count by default).
        #[arg(long, default_value_t = crate::seed::ARTICLES)]
        articles: usize,
    },
    /// Auction records.
    Auction {
        #[command(subcommand)]
        command: AuctionCommand,
    },
}

/// `techx auction …`
#[derive(Debug, Subcommand, Clone)]
pub enum AuctionCommand {
    /// Check an auction's bid log: each entry's hash over its content and the previous hash, a
    /// replay through the bidding rules giving every recorded state, and the auction's stored
    /// state being the last. Exits non-zero, naming the first problem, if any check fails.
    Verify {
        /// The auction's number.
        id: i64,
    },
}

/// Where the data lives.
#[derive(Debug, Args, Clone)]
pub struct DatabaseArgs {
    /// Database URL: `sqlite://path/to/file.db` or `postgres://user@host/db`.
    /// Defaults to `sqlite://<data-dir>/techx.db`.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Directory for the embedded database and other local data.
    #[arg(long, env = "TECHX_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// Directory for uploaded pictures (the local object store). Defaults to `<data-dir>/media`.
    #[arg(long, env = "TECHX_MEDIA_DIR", global = true)]
    pub media_dir: Option<PathBuf>,
    /// Database connections the server keeps open and works on at once; requests beyond them
    /// wait their turn. Defaults to twice the cores of this machine.
    #[arg(
        long,
        env = "TECHX_DB_CONNECTIONS",
        default_value_t = default_db_connections(),
        value_parser = clap::value_parser!(u32).range(1..=1000),
        global = true
    )]
    pub db_connections: u32,
    #[command(flatten)]
    pub s3: S3Args,
}

/// Twice the machine's cores. A search's work in the database is mostly computation: more
/// queries at once than the cores can run only share them, each taking longer. With 16
/// connections on 2 cores (PostgreSQL, scale 10, 32 clients), first-time searches waited behind
/// one another: p99 59–91 ms, against 31–36 ms with 4 (docs/PERFORMANCE.md).
pub fn default_db_connections() -> u32 {
    std::thread::available_parallelism().map_or(4, |cores| 2 * cores.get() as u32)
}

/// An S3-compatible bucket for uploaded pictures instead of the local directory, so several
/// server processes share them. Used when a bucket is named.
#[derive(Debug, Args, Clone)]
pub struct S3Args {
    /// Bucket for uploaded pictures.
    #[arg(long, env = "TECHX_S3_BUCKET", global = true)]
    pub s3_bucket: Option<String>,
    /// The S3 service's address: `https://s3.ap-southeast-1.amazonaws.com`,
    /// `http://127.0.0.1:9000` (MinIO) …
    #[arg(long, env = "TECHX_S3_ENDPOINT", global = true)]
    pub s3_endpoint: Option<String>,
    /// The bucket's region.
    #[arg(
        long,
        env = "TECHX_S3_REGION",
        default_value = "us-east-1",
        global = true
    )]
    pub s3_region: String,
    /// Access key id.
    #[arg(long, env = "TECHX_S3_ACCESS_KEY_ID", global = true)]
    pub s3_access_key_id: Option<String>,
    /// Secret access key (prefer the environment variable: a flag shows in the process list).
    #[arg(
        long,
        env = "TECHX_S3_SECRET_ACCESS_KEY",
        global = true,
        hide_env_values = true
    )]
    pub s3_secret_access_key: Option<String>,
    /// Prefix of every key, so one bucket can hold several sites' pictures.
    #[arg(long, env = "TECHX_S3_PREFIX", default_value = "", global = true)]
    pub s3_prefix: String,
    /// Put the bucket in the host name (`bucket.endpoint`, AWS's preferred style) instead of the
    /// path (`endpoint/bucket`, what MinIO and most compatible services expect).
    #[arg(long, env = "TECHX_S3_VIRTUAL_HOST", global = true)]
    pub s3_virtual_host: bool,
}

impl S3Args {
    /// The bucket's settings, when one is named; an error names what is missing.
    pub fn settings(&self) -> anyhow::Result<Option<crate::s3::S3Settings>> {
        let Some(bucket) = self.s3_bucket.clone() else {
            return Ok(None);
        };
        let need = |value: &Option<String>, flag: &str| {
            value
                .clone()
                .filter(|v| !v.is_empty())
                .ok_or_else(|| anyhow::anyhow!("--s3-bucket needs {flag} too"))
        };
        Ok(Some(crate::s3::S3Settings {
            endpoint: need(&self.s3_endpoint, "--s3-endpoint")?,
            bucket,
            region: self.s3_region.clone(),
            access_key_id: need(&self.s3_access_key_id, "--s3-access-key-id")?,
            secret_access_key: need(&self.s3_secret_access_key, "--s3-secret-access-key")?,
            prefix: self.s3_prefix.clone(),
            path_style: !self.s3_virtual_host,
        }))
    }
}

/// How the site is served.
#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(
        long,
        env = "TECHX_BIND",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub bind: SocketAddr,
    /// Directory holding the built site (`pkg/` and public assets), as produced by cargo-leptos.
    #[arg(
        long,
        env = "TECHX_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: PathBuf,
    /// Fill an empty database with the demo dataset at start-up.
    #[arg(long, env = "TECHX_DEMO_DATA", global = true)]
    pub demo_data: bool,
    /// How long home page figures may be cached, in milliseconds.
    #[arg(
        long,
        env = "TECHX_HOME_CACHE_MS",
        default_value_t = 2000,
        global = true
    )]
    pub home_cache_ms: u64,
    /// How long the figures of `/statistics` (and its CSV files) may be cached, in milliseconds.
    #[arg(
        long,
        env = "TECHX_STATISTICS_CACHE_MS",
        default_value_t = 60_000,
        global = true
    )]
    pub statistics_cache_ms: u64,
    /// Searches (and as many typing suggestions) whose results are remembered until the catalogue
    /// changes; 0 reads every search from the database.
    #[arg(
        long,
        env = "TECHX_SEARCH_CACHE_ENTRIES",
        default_value_t = app::server_context::SearchCache::DEFAULT_ENTRIES,
        global = true
    )]
    pub search_cache_entries: usize,
    /// Public pages (home, listings, stalls) kept as rendered for visitors who are not logged
    /// in; 0 renders every page.
    #[arg(
        long,
        env = "TECHX_PAGE_CACHE_ENTRIES",
        default_value_t = 2048,
        global = true
    )]
    pub page_cache_entries: usize,
    /// How long a kept page is served, in milliseconds, unless a change through this server
    /// makes it stale sooner.
    #[arg(
        long,
        env = "TECHX_PAGE_CACHE_MS",
        default_value_t = 5000,
        global = true
    )]
    pub page_cache_ms: u64,
    /// Seconds allowed for one request before it is answered 408.
    #[arg(
        long,
        env = "TECHX_REQUEST_TIMEOUT_SECS",
        default_value_t = 30,
        global = true
    )]
    pub request_timeout_secs: u64,
    /// The address members reach the site at, for links in mails (`https://techx.example`).
    /// Defaults to `http://<bind>`.
    #[arg(long, env = "TECHX_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// SMTP server for outgoing mail: `smtp://host:25`, `smtp://user:pass@host:587?tls=required`
    /// or `smtps://user:pass@host:465`. Without it, mail is written to `<data-dir>/mail` as
    /// `.eml` files.
    #[arg(long, env = "TECHX_SMTP_URL", global = true)]
    pub smtp_url: Option<String>,
    /// Sender of outgoing mail.
    #[arg(
        long,
        env = "TECHX_MAIL_FROM",
        default_value = "Sàn Giao dịch Công nghệ <no-reply@techx.local>",
        global = true
    )]
    pub mail_from: String,
    /// Accounts one client address may open in a burst (then one more every 6 minutes). Many
    /// members behind one address (an office, a school, the browser tests) may need more.
    #[arg(
        long,
        env = "TECHX_REGISTRATIONS_PER_IP",
        default_value_t = 10,
        global = true
    )]
    pub registrations_per_ip: u32,
    /// Reverse proxies in front of the server, as addresses or networks separated by commas
    /// (`10.0.0.0/8,2001:db8::/48`). Only from these is `X-Forwarded-For` read to find the
    /// client; without it every visitor would share the proxy's limits.
    #[arg(
        long,
        env = "TECHX_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_parser = crate::client_addr::parse_net,
        global = true
    )]
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Searches one client address may have read from the database (not answered from memory)
    /// in a burst, then four a second; 0 for no limit (load tests from one address).
    #[arg(
        long,
        env = "TECHX_SEARCHES_PER_IP",
        default_value_t = 120,
        global = true
    )]
    pub searches_per_ip: u32,
    /// Hosts (`host:port`, separated by commas) a push subscription may name besides the
    /// browsers' push services, even over plain HTTP: only for a test's own push service.
    #[arg(
        long,
        env = "TECHX_PUSH_TEST_HOSTS",
        value_delimiter = ',',
        global = true
    )]
    pub push_test_hosts: Vec<String>,
    /// Largest request body accepted, in bytes.
    #[arg(long, env = "TECHX_MAX_BODY_BYTES", default_value_t = 1024 * 1024, global = true)]
    pub max_body_bytes: usize,
}

impl DatabaseArgs {
    /// The store uploaded pictures go to: the S3 bucket when one is named, else the local
    /// directory.
    pub fn media_store(&self) -> anyhow::Result<std::sync::Arc<dyn app::media::ObjectStore>> {
        if let Some(settings) = self.s3.settings()? {
            tracing::info!(bucket = %settings.bucket, endpoint = %settings.endpoint, "pictures in S3");
            return Ok(std::sync::Arc::new(crate::s3::S3Store::new(&settings)?));
        }
        let dir = self
            .media_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("media"));
        Ok(std::sync::Arc::new(app::media::LocalDir::new(dir)))
    }

    /// The database URL to open, creating the default data directory only when it is used.
    pub fn resolve_url(&self) -> anyhow::Result<String> {
        match &self.database_url {
            Some(url) => Ok(url.clone()),
            None => {
                std::fs::create_dir_all(&self.data_dir).map_err(|e| {
                    anyhow::anyhow!(
                        "cannot create data directory {}: {e}",
                        self.data_dir.display()
                    )
                })?;
                Ok(format!(
                    "sqlite://{}",
                    self.data_dir.join("techx.db").display()
                ))
            }
        }
    }
}
