//! The `techx` binary: `serve` (default), `migrate`, `seed`, `auction verify`.

use clap::Parser;
use techx_server::config::{AuctionCommand, Cli, Command};
use techx_server::{seed, startup, telemetry};

// Server rendering allocates many small strings per page; mimalloc serves them markedly faster
// than the system allocator (see docs/PERFORMANCE.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    telemetry::init();
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            // One line a person can act on, rather than a backtrace.
            eprintln!("techx: error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let url = {
        // Check the URL's form before anything touches the disk.
        if let Some(url) = &cli.database.database_url {
            app::db::dialect::Backend::of_url(url)?;
        }
        cli.database.resolve_url()?
    };
    let db = app::db::dialect::connect(&url, cli.database.db_connections).await?;
    app::db::dialect::migrate(&db).await?;
    // Listings stored before full-text search existed get their folded words once.
    let indexed = app::db::search::index_missing(&db).await?;
    if indexed > 0 {
        tracing::info!(listings = indexed, "listings indexed for search");
    }
    let indexed = app::db::search::index_missing_stalls(&db).await?;
    if indexed > 0 {
        tracing::info!(stalls = indexed, "stalls indexed for the directory");
    }
    let filled = app::db::alerts::fill_second_keys(&db).await?;
    if filled > 0 {
        tracing::info!(
            saved_searches = filled,
            "saved searches filed under a second key"
        );
    }
    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => {
            tracing::info!(database = %app::db::dialect::redact(&url), "migrations applied");
            Ok(())
        }
        Command::Seed { scale, articles } => {
            let media = cli.database.media_store()?;
            let report = seed::run(&db, media.as_ref(), scale, articles, true).await?;
            println!("{report}");
            Ok(())
        }
        Command::Auction {
            command: AuctionCommand::Verify { id },
        } => match app::db::auctions::verify(&db, id).await? {
            Ok(verified) => {
                let state = &verified.state;
                println!(
                    "auction {id}: {} log entries verified; price {} VND, {} bids, leader {}, ends at {}",
                    verified.actions,
                    state.price,
                    state.bid_count,
                    state.leader.map_or_else(
                        || "none".to_owned(),
                        |(leader, _)| format!("account {leader}")
                    ),
                    app::domain::format_vietnam_datetime(state.ends_at),
                );
                Ok(())
            }
            Err(problem) => anyhow::bail!("auction {id} does not verify: {problem}"),
        },
        Command::Serve => {
            let media = cli.database.media_store()?;
            if cli.serve.demo_data && seed::is_empty(&db).await? {
                let report = seed::run(&db, media.as_ref(), 1, seed::ARTICLES, true).await?;
                tracing::info!(%report, "demo data loaded");
            }
            let app =
                startup::Application::build(cli.serve, db, media, &cli.database.data_dir).await?;
            app.run_until_stopped().await
        }
    }
}
