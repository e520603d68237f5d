//! The command line: `daydream` (serve), `daydream migrate`, `daydream cluster stop`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::database::Database;
use crate::postgres::PrivateCluster;

#[derive(Debug, Parser)]
#[command(
    name = "daydream",
    version,
    about = "Daydream: shop, styling studio and client dashboard"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the site (the default).
    Serve,
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Manage the private PostgreSQL cluster in the data folder.
    Cluster {
        #[command(subcommand)]
        action: ClusterAction,
    },
}

#[derive(Debug, Subcommand)]
enum ClusterAction {
    /// Stop the private cluster (for one left running by a server that was killed).
    Stop {
        /// The cluster folder (default: `<data dir>/postgres`).
        #[arg(long)]
        dir: Option<std::path::PathBuf>,
    },
}

/// Runs the command line and returns the process's exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::load() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("daydream: {e}");
            return ExitCode::from(2);
        }
    };
    crate::telemetry::init_logging(&config.log);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("daydream: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => crate::serve::run(config).await,
            Command::Migrate => {
                let db = Database::open(&config).await?;
                db.close().await;
                Ok(())
            }
            Command::Cluster {
                action: ClusterAction::Stop { dir },
            } => {
                let dir = dir.unwrap_or_else(|| config.data_dir.join("postgres"));
                PrivateCluster::locate(&dir).await?.stop_now().await?;
                Ok(())
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %format!("{e:#}"), "daydream stopped with an error");
            eprintln!("daydream: {e:#}");
            ExitCode::FAILURE
        }
    }
}
