//! The command line: `daydream` (serve), `daydream migrate`, `daydream create-admin`,
//! `daydream seed`, `daydream seed-dashboard`, the benches, `daydream cluster stop`.

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
    /// Create an admin account (verified), e.g. `daydream create-admin --email a@b.c --name Ada`.
    /// The password is read from the DAYDREAM_ADMIN_PASSWORD variable or standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Grow the catalog to N generated products (with variants and reviews; no pictures), for
    /// benchmarks, e.g. `daydream seed --products 100000`.
    Seed {
        #[arg(long)]
        products: u64,
    },
    /// Seed the client dashboard's benchmark: one client with `projects` projects of `tasks`
    /// tasks each; prints the client admin's address and password and a project's id.
    SeedDashboard {
        #[arg(long, default_value_t = 12)]
        projects: usize,
        #[arg(long, default_value_t = 200)]
        tasks: i32,
    },
    /// Measure checkout throughput: `buyers` concurrent buyers over `variants` hot variants,
    /// then all of them on one variant, for `seconds` each.
    BenchCheckout {
        #[arg(long, default_value_t = 16)]
        buyers: usize,
        #[arg(long, default_value_t = 100)]
        variants: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
    },
    /// Time each local style of the studio on a `size` × `size` photo.
    BenchStyles {
        #[arg(long, default_value_t = 1024)]
        size: u32,
        /// Also write each look's picture into this folder.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Measure local styling jobs per minute through the job queue: `jobs` jobs on a `size` ×
    /// `size` photo, run by `workers` workers.
    BenchStudioQueue {
        #[arg(long, default_value_t = 40)]
        jobs: usize,
        #[arg(long, default_value_t = 1024)]
        size: u32,
        #[arg(long, default_value_t = 2)]
        workers: usize,
    },
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
            Command::CreateAdmin { email, name } => create_admin(&config, &email, &name).await,
            Command::Seed { products } => seed(&config, products).await,
            Command::SeedDashboard { projects, tasks } => {
                crate::bench_dashboard::run(&config, projects, tasks).await
            }
            Command::BenchCheckout {
                buyers,
                variants,
                seconds,
            } => crate::bench_checkout::run(&config, buyers, variants, seconds).await,
            Command::BenchStyles { size, out } => crate::bench_styles::run(size, out.as_deref()),
            Command::BenchStudioQueue {
                jobs,
                size,
                workers,
            } => crate::bench_studio_queue::run(config, jobs, size, workers).await,
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
        Err(e) if e.is::<crate::production::UnsafeProduction>() => {
            eprintln!("daydream: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            tracing::error!(error = %format!("{e:#}"), "daydream stopped with an error");
            eprintln!("daydream: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `daydream create-admin`: validates like the sign-up form, then creates a verified admin.
async fn create_admin(config: &Config, email: &str, name: &str) -> anyhow::Result<()> {
    use app::accounts::fields::{DisplayName, Email, Password};
    let email = Email::parse(email).map_err(|m| anyhow::anyhow!("--email: {m}"))?;
    let name = DisplayName::parse(name).map_err(|m| anyhow::anyhow!("--name: {m}"))?;
    let password = match std::env::var("DAYDREAM_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprint!("Password for {email}: ");
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let password =
        Password::parse_for_staff(&password).map_err(|m| anyhow::anyhow!("password: {m}"))?;
    let db = Database::open(config).await?;
    let result = match db.pool.get().await {
        Ok(mut conn) => domain::accounts::demo::create_verified(
            &mut conn,
            email.as_str(),
            name.as_str(),
            password.expose(),
            domain::accounts::Role::Admin,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}")),
        Err(e) => Err(anyhow::anyhow!("cannot connect to the database: {e}")),
    };
    db.close().await;
    result?;
    eprintln!("Admin {email} created.");
    Ok(())
}

/// `daydream seed --products N`: adds generated products in batches of 1 000 behind a progress
/// bar until the catalog has `target`.
async fn seed(config: &Config, target: u64) -> anyhow::Result<()> {
    let db = Database::open(config).await?;
    let result = async {
        let mut conn = db
            .pool
            .get()
            .await
            .map_err(|e| anyhow::anyhow!("cannot connect to the database: {e}"))?;
        let bar = indicatif::ProgressBar::new(target);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{elapsed_precise} [{bar:40}] {pos}/{len} products ({per_sec}, {eta} left)",
            )?
            .progress_chars("=> "),
        );
        let started = std::time::Instant::now();
        let added = domain::catalog::demo::grow_catalog(&mut conn, target, 1_000, |done| {
            bar.set_position(done);
        })
        .await?;
        bar.finish_and_clear();
        eprintln!(
            "Added {added} products in {:.1} s.",
            started.elapsed().as_secs_f64()
        );
        anyhow::Ok(())
    }
    .await;
    db.close().await;
    result
}
