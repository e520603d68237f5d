//! Starting and stopping the server: database, state, background workers, HTTP, and the
//! graceful shutdown that stops them in order on SIGINT or SIGTERM.

use std::sync::Arc;

use domain::email::Mailer;
use domain::jobs::{JobContext, Registry, Runner, RunnerConfig, periodic};
use domain::services::Services;
use leptos::prelude::LeptosOptions;
use leptos_config::Env;
use secrecy::ExposeSecret;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::config::{Config, Environment};
use crate::database::Database;
use crate::state::AppState;
use crate::telemetry;

/// The Leptos options for this configuration. File names are hashed when cargo-leptos left its
/// `hash.txt` beside the binary (a `cargo leptos build` with `hash-files`).
pub fn leptos_options(config: &Config) -> LeptosOptions {
    let hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|p| p.exists());
    LeptosOptions::builder()
        .output_name(config.output_name.clone())
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .env(match config.environment {
            Environment::Development => Env::DEV,
            Environment::Production => Env::PROD,
        })
        .hash_files(hash_files)
        .build()
}

/// The shared state for an open database; fails when `SMTP_URL`, the sender or the OpenAI
/// client is unusable.
pub fn state(config: Config, db: &Database) -> anyhow::Result<AppState> {
    let mailer = config
        .email
        .smtp_url
        .as_ref()
        .map(|url| Mailer::new(url.expose_secret(), &config.email.from))
        .transpose()
        .map_err(|e| anyhow::anyhow!("SMTP_URL: {e}"))?;
    let limits = config.limits;
    let media = domain::media::MediaStore::new(
        config.data_dir.join("media"),
        config.data_dir.join("private-media"),
    );
    let media_urls =
        domain::media::UrlSigner::new(&crate::media_key::resolve(&config)?, config.media.url_ttl)
            .map_err(|e| anyhow::anyhow!("DAYDREAM_MEDIA_KEY: {e}"))?;
    let forms = domain::spam::FormGuard::new(media_urls.clone(), config.form_min_fill);
    let cache = domain::cache::ReadCache::in_memory(config.cache_megabytes);
    let openai = config
        .openai
        .api_key
        .as_ref()
        .map(|key| {
            domain::ai::OpenAi::new(
                key,
                config.openai.base_url.as_deref(),
                config.openai.settings.clone(),
            )
        })
        .transpose()
        .map_err(|e| anyhow::anyhow!("OPENAI_API_KEY: the OpenAI client cannot start: {e}"))?;
    let services = Services {
        pool: db.pool.clone(),
        mailer,
        limiter: Arc::new(domain::rate_limit::LocalRateLimiter::new(limits)),
        media,
        media_urls,
        cache,
        openai,
        payments: Arc::new(domain::payments::sandbox::Sandbox),
        studio_limits: config.studio,
        job_events: domain::db::changes::ChangeHub::new(
            db.pool.clone(),
            domain::studio::jobs::CHANNEL,
        ),
        project_events: domain::db::changes::ChangeHub::new(
            db.pool.clone(),
            domain::projects::tasks::CHANNEL,
        ),
        mail_retention: std::time::Duration::from_secs(
            u64::from(config.email.retention_days) * 24 * 60 * 60,
        ),
        forms,
        staff_inbox: config.email.staff_inbox.clone(),
        public_url: config.public_url.clone(),
        oauth: domain::accounts::oauth::OAuth::new(
            &config.public_url,
            config.oauth.google.as_ref(),
            config.oauth.github.as_ref(),
        )
        .map_err(|e| anyhow::anyhow!("sign-in providers: {e}"))?,
    };
    Ok(AppState {
        services,
        leptos_options: leptos_options(&config),
        config: Arc::new(config),
        metrics: telemetry::metrics_handle(),
    })
}

/// What jobs run with: the server's shared handles.
pub fn job_context(state: &AppState) -> JobContext {
    state.services.clone()
}

/// A job runner with every Daydream job and schedule.
pub fn job_runner(state: &AppState) -> Runner {
    Runner::new(
        job_context(state),
        Registry::daydream(),
        RunnerConfig {
            workers: state.config.jobs.workers,
            ..RunnerConfig::default()
        },
    )
    .with_schedules(periodic::daydream(state.services.openai.is_some()))
}

/// Queues the embedding job at start, so similar products by embedding do not wait for its
/// first period (the job skips products whose text it has already embedded).
async fn embed_soon(state: &AppState) {
    let queued = match state.services.pool.get().await {
        Ok(mut conn) => {
            domain::jobs::queue::enqueue(&mut conn, &domain::jobs::embed_products::EmbedProducts {})
                .await
                .map_err(anyhow::Error::from)
        }
        Err(e) => Err(anyhow::Error::from(e)),
    };
    if let Err(e) = queued {
        tracing::warn!(error = %e, "could not queue the embedding job; its schedule will");
    }
}

/// Runs the server until SIGINT or SIGTERM, then shuts down in order: stop accepting, finish
/// requests, stop job workers (handing unfinished jobs back), stop the private cluster.
pub async fn run(config: Config) -> anyhow::Result<()> {
    let addr = config.site_addr;
    let db = Database::open(&config).await?;
    let listener = match TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(e) => {
            db.close().await;
            anyhow::bail!("cannot listen on {addr}: {e} (set LEPTOS_SITE_ADDR to another address)");
        }
    };
    let state = match state(config, &db) {
        Ok(state) => state,
        Err(e) => {
            db.close().await;
            anyhow::bail!("{e}");
        }
    };
    if let Err(e) = refuse_unsafe_production(&state).await {
        db.close().await;
        return Err(e);
    }
    if state.config.environment == Environment::Development {
        announce_demo_people(&state).await;
    }
    if state.services.openai.is_some() {
        embed_soon(&state).await;
    }
    let shutdown = CancellationToken::new();
    let mut workers =
        (state.config.jobs.workers > 0).then(|| job_runner(&state).spawn(shutdown.child_token()));

    tracing::info!(url = %state.config.public_url, listen = %addr, "Daydream is serving");
    let limits = connection_limits(&state.config);
    let app = crate::http::router(state);
    crate::http::listener::serve(listener, app, limits, wait_for_signal(shutdown.clone())).await;
    shutdown.cancel();
    if let Some(workers) = workers.as_mut() {
        while workers.join_next().await.is_some() {}
    }
    db.close().await;
    tracing::info!("Daydream stopped");
    Ok(())
}

/// The listener's guards from the configuration.
pub fn connection_limits(config: &Config) -> crate::http::listener::ConnectionLimits {
    crate::http::listener::ConnectionLimits {
        max_connections: config.http.max_connections,
        header_timeout: config.http.header_timeout,
    }
}

/// Production refuses to start with demo data or without a payment provider (see
/// `crate::production`).
async fn refuse_unsafe_production(state: &AppState) -> anyhow::Result<()> {
    let mut conn = state.services.pool.get().await?;
    crate::production::check(&state.config, &mut conn).await
}

/// Resolves on SIGINT or SIGTERM (or when `shutdown` is cancelled elsewhere).
async fn wait_for_signal(shutdown: CancellationToken) {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        tracing::error!("cannot install signal handlers; stop the server with SIGKILL");
        shutdown.cancelled().await;
        return;
    };
    tokio::select! {
        _ = term.recv() => tracing::info!("SIGTERM: shutting down"),
        _ = int.recv() => tracing::info!("SIGINT: shutting down"),
        () = shutdown.cancelled() => {}
    }
    shutdown.cancel();
}

/// Development only: creates the demo admin, staff member, customer and client people on first
/// start and prints their sign-in details once, and loads the demo store, the demo client
/// projects and the demo style catalog into empty catalogs.
async fn announce_demo_people(state: &AppState) {
    let Ok(mut conn) = state.services.pool.get().await else {
        return;
    };
    match domain::accounts::demo::ensure_demo_people(&mut conn).await {
        Ok(created) if !created.is_empty() => {
            let lines: Vec<String> = created
                .iter()
                .map(|(email, pass, role)| {
                    format!("  {:<9} {email}  password: {pass}", role.as_str())
                })
                .collect();
            eprintln!(
                "\nDemo accounts (development only; shown once):\n{}\nMail sent in development is readable at {}/admin/mail\n",
                lines.join("\n"),
                state.config.public_url
            );
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "could not create the demo people"),
    }
    match domain::catalog::demo::ensure_demo_store(&mut conn, DEMO_PRODUCTS).await {
        Ok(created) if !created.is_empty() => {
            tracing::info!(products = created.len(), "demo store loaded");
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "could not load the demo store"),
    }
    if let Err(e) = domain::checkout::demo::ensure_demo_coupons(&mut conn).await {
        tracing::warn!(error = %e, "could not create the demo coupons");
    }
    match domain::projects::demo::ensure_demo_projects(
        &mut conn,
        "staff@daydream.localhost",
        &state.config.public_url,
    )
    .await
    {
        Ok(0) => {}
        Ok(created) => tracing::info!(projects = created, "demo client projects loaded"),
        Err(e) => tracing::warn!(error = %e, "could not load the demo client projects"),
    }
    match domain::studio::demo::ensure_demo_styles(&mut conn).await {
        Ok(0) => {}
        Ok(created) => tracing::info!(styles = created, "demo style catalog loaded"),
        Err(e) => tracing::warn!(error = %e, "could not load the demo style catalog"),
    }
    let examples = domain::jobs::draw_style_examples::DrawStyleExamples::default();
    if let Err(e) = domain::jobs::queue::enqueue(&mut conn, &examples).await {
        tracing::warn!(error = %e, "could not queue the style examples");
    }
}

/// How many products the development demo store has.
const DEMO_PRODUCTS: u64 = 240;
