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
    /// or `smtps://user:pass@host:465`. Without it, mail is written to the log.
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
    /// Largest request body accepted, in bytes.
    #[arg(long, env = "TECHX_MAX_BODY_BYTES", default_value_t = 1024 * 1024, global = true)]
    pub max_body_bytes: usize,
}

impl DatabaseArgs {
    /// The store uploaded pictures go to.
    pub fn media_store(&self) -> std::sync::Arc<dyn app::media::ObjectStore> {
        let dir = self
            .media_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("media"));
        std::sync::Arc::new(app::media::LocalDir::new(dir))
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
