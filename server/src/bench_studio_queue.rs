//! `daydream bench-studio-queue`: local styling jobs per minute through the real job queue, on
//! the configured PostgreSQL. A bench account (staff: no daily limit) uploads one `size` ×
//! `size` photo drawn by code, submits `jobs` style jobs cycling through every local style, and
//! `workers` workers (the server's own runner, as `serve` starts it) run the queue until it is
//! empty: each job is claimed, moderated, styled by the local engine, saved as private media
//! and marked done, with its stages notified — everything a real job does. Prints jobs/min and
//! the median time of one job from start to end. The bench account and its files stay in the
//! data folder (`make clean-data` clears them).

use std::io::Cursor;
use std::time::Instant;

use anyhow::Context;
use domain::accounts::Role;
use domain::studio::jobs::{self, JobKind, NewJob};
use domain::studio::usage::DailyLimits;

use crate::config::Config;
use crate::database::Database;

/// Submits `jobs` local style jobs on a `size` photo and runs them with `workers` workers.
pub async fn run(config: Config, jobs: usize, size: u32, workers: usize) -> anyhow::Result<()> {
    let db = Database::open(&config).await?;
    let result = async {
        let state = crate::serve::state(config, &db)?;
        let services = state.services.clone();
        let mut conn = services.pool.get().await.context("database")?;
        domain::studio::demo::ensure_demo_styles(&mut conn).await?;
        let email = format!(
            "bench-{}@bench.invalid",
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        let person = domain::accounts::demo::create_verified(
            &mut conn,
            &email,
            "Bench",
            "a bench password, never used",
            Role::Staff,
        )
        .await?;
        let photo = image::DynamicImage::ImageRgb8(domain::studio::demo_photos::draw(0))
            .resize_exact(size, size, image::imageops::FilterType::Triangle);
        let mut jpeg = Vec::new();
        photo.write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)?;
        let photo_id = domain::studio::images::upload(
            &mut conn,
            &services.media,
            DailyLimits::default(),
            &person,
            jpeg,
            "bench",
            "",
        )
        .await?;
        let styles: Vec<String> = domain::studio::styles::list(&mut conn, &Default::default())
            .await?
            .into_iter()
            .filter(|s| s.engine == "local")
            .map(|s| s.slug)
            .collect();
        anyhow::ensure!(!styles.is_empty(), "no local styles");
        // The photo's sized copies first, off the clock.
        let runner = crate::serve::job_runner(&state);
        runner.run_until_empty().await?;
        let mut ids = Vec::with_capacity(jobs);
        for n in 0..jobs {
            let job = NewJob {
                kind: JobKind::Style,
                image_id: Some(photo_id),
                style: Some(styles[n % styles.len()].clone()),
                prompt: String::new(),
                params: None,
                idempotency_key: uuid::Uuid::new_v4(),
            };
            ids.push(jobs::submit(&mut conn, DailyLimits::default(), false, &person, &job).await?);
        }
        drop(conn);
        let started = Instant::now();
        let tasks: Vec<_> = (0..workers.max(1))
            .map(|_| {
                let runner = runner.clone();
                tokio::spawn(async move { runner.run_until_empty().await.map(|ran| ran.len()) })
            })
            .collect();
        let mut ran = 0;
        for t in tasks {
            ran += t.await??;
        }
        let seconds = started.elapsed().as_secs_f64();
        let mut conn = services.pool.get().await.context("database")?;
        let mut done = 0;
        let mut durations = Vec::new();
        for id in &ids {
            if let Some(job) = jobs::get(&mut conn, *id).await?
                && job.state == domain::studio::job_state::JobState::Done
            {
                done += 1;
                if let (Some(a), Some(b)) = (job.started_at, job.finished_at) {
                    durations.push((b - a).as_seconds_f64() * 1000.0);
                }
            }
        }
        durations.sort_by(f64::total_cmp);
        let median = durations.get(durations.len() / 2).copied().unwrap_or(0.0);
        crate::report::line(format!(
            "{:<34} {:>9} {:>9} {:>13}",
            "studio queue", "jobs/min", "done", "job_p50_ms"
        ));
        crate::report::line(format!(
            "{:<34} {:>9.1} {:>9} {:>13.0}",
            format!("{jobs} local jobs, {size}px, {workers} workers"),
            done as f64 / seconds * 60.0,
            format!("{done}/{jobs}"),
            median
        ));
        anyhow::ensure!(
            done == jobs,
            "only {done} of {jobs} jobs finished ({ran} queue jobs ran)"
        );
        Ok(())
    }
    .await;
    db.close().await;
    result
}
