//! The durable job queue: retries with backoff, dead jobs, exactly-once claims under
//! concurrency, lease recovery, periodic scheduling and shutdown.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

use diesel_async::RunQueryDsl;
use domain::jobs::periodic::{self, Schedule};
use domain::jobs::runner::Outcome;
use domain::jobs::{Job, JobContext, JobStatus, Registry, RunnerConfig, queue};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tokio_util::sync::CancellationToken;

use crate::util::TestApp;

/// Runs per (test key, item): what the jobs below record.
static RUNS: LazyLock<Mutex<HashMap<(String, u32), u32>>> = LazyLock::new(Default::default);

fn runs(key: &str, item: u32) -> u32 {
    RUNS.lock()
        .unwrap()
        .get(&(key.to_owned(), item))
        .copied()
        .unwrap_or(0)
}

fn record_run(key: &str, item: u32) {
    *RUNS
        .lock()
        .unwrap()
        .entry((key.to_owned(), item))
        .or_default() += 1;
}

#[derive(Serialize, Deserialize)]
struct Count {
    key: String,
    item: u32,
}

#[async_trait::async_trait]
impl Job for Count {
    const NAME: &'static str = "test_count";
    async fn run(&self, _ctx: &JobContext) -> anyhow::Result<()> {
        record_run(&self.key, self.item);
        // Long enough that two workers overlap.
        tokio::time::sleep(Duration::from_millis(2)).await;
        Ok(())
    }
}

#[derive(Serialize, Deserialize)]
struct AlwaysFails {
    key: String,
}

#[async_trait::async_trait]
impl Job for AlwaysFails {
    const NAME: &'static str = "test_always_fails";
    const MAX_ATTEMPTS: i32 = 3;
    async fn run(&self, _ctx: &JobContext) -> anyhow::Result<()> {
        record_run(&self.key, 0);
        anyhow::bail!("the printer is on fire")
    }
}

#[derive(Serialize, Deserialize)]
struct Panics {}

#[async_trait::async_trait]
impl Job for Panics {
    const NAME: &'static str = "test_panics";
    async fn run(&self, _ctx: &JobContext) -> anyhow::Result<()> {
        panic!("index out of bounds")
    }
}

#[derive(Serialize, Deserialize)]
struct Slow {
    key: String,
}

#[async_trait::async_trait]
impl Job for Slow {
    const NAME: &'static str = "test_slow";
    async fn run(&self, _ctx: &JobContext) -> anyhow::Result<()> {
        record_run(&self.key, 0);
        tokio::time::sleep(Duration::from_secs(30)).await;
        Ok(())
    }
}

fn registry() -> Registry {
    Registry::new()
        .register::<Count>()
        .register::<AlwaysFails>()
        .register::<Panics>()
        .register::<Slow>()
}

fn config() -> RunnerConfig {
    RunnerConfig {
        workers: 1,
        poll_interval: Duration::from_millis(20),
        lease: Duration::from_secs(30),
        shutdown_grace: Duration::from_millis(100),
        ..RunnerConfig::default()
    }
}

fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The stored job.
async fn stored(app: &TestApp, id: i64) -> domain::jobs::JobRow {
    queue::find_by_id(&mut *app.conn().await, id)
        .await
        .unwrap()
        .unwrap()
}

/// Enqueues `job` and returns its id.
async fn enqueue<J: Job>(app: &TestApp, job: &J) -> i64 {
    queue::enqueue(&mut *app.conn().await, job).await.unwrap()
}

/// Makes every pending job due now (skipping the backoff wait).
async fn make_due(app: &TestApp) {
    diesel::sql_query("UPDATE jobs SET run_at = now() WHERE status = 'pending'")
        .execute(&mut *app.conn().await)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_job_runs_once_and_is_done() {
    let app = TestApp::start().await;
    let key = key();
    let id = enqueue(
        &app,
        &Count {
            key: key.clone(),
            item: 1,
        },
    )
    .await;
    let ran = app
        .runner(registry(), config())
        .run_until_empty()
        .await
        .unwrap();
    assert_eq!(ran.len(), 1);
    assert_eq!(ran[0].1, Outcome::Done);
    assert_eq!(runs(&key, 1), 1);
    let job = stored(&app, id).await;
    assert_eq!(job.status(), Some(JobStatus::Done));
    assert_eq!(job.attempts, 1);
    assert!(job.finished_at.is_some() && job.locked_by.is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_job_backs_off_exponentially_then_dies_with_its_error() {
    let app = TestApp::start().await;
    let key = key();
    let id = enqueue(&app, &AlwaysFails { key: key.clone() }).await;
    let runner = app.runner(registry(), config());

    for (attempt, backoff_secs) in [(1, 2.0), (2, 4.0)] {
        let before = OffsetDateTime::now_utc();
        let ran = runner.run_until_empty().await.unwrap();
        let after = OffsetDateTime::now_utc();
        assert_eq!(
            ran.len(),
            1,
            "attempt {attempt}: the retry is not due yet, so one run"
        );
        assert!(matches!(&ran[0].1, Outcome::Retrying(e) if e.contains("the printer is on fire")));
        let job = stored(&app, id).await;
        assert_eq!(job.status(), Some(JobStatus::Pending));
        assert_eq!(job.attempts, attempt);
        assert_eq!(job.last_error.as_deref(), Some("the printer is on fire"));
        // Due `backoff` after the failure, which happened while the runner ran (however slow
        // the machine): between the two instants around it, plus the backoff.
        let backoff = time::Duration::seconds_f64(backoff_secs);
        let slack = time::Duration::milliseconds(250);
        assert!(
            job.run_at >= before + backoff - slack && job.run_at <= after + backoff + slack,
            "attempt {attempt}: due at {}, expected {backoff_secs} s after a failure between {before} and {after}",
            job.run_at
        );
        make_due(&app).await;
    }

    let ran = runner.run_until_empty().await.unwrap();
    assert!(matches!(&ran[0].1, Outcome::Dead(_)));
    let job = stored(&app, id).await;
    assert_eq!(job.status(), Some(JobStatus::Dead));
    assert_eq!(job.attempts, 3);
    assert_eq!(job.last_error.as_deref(), Some("the printer is on fire"));
    assert_eq!(runs(&key, 0), 3);

    // Dead jobs are not retried by the runner ...
    make_due(&app).await;
    assert!(runner.run_until_empty().await.unwrap().is_empty());
    // ... until someone retries them.
    assert!(queue::retry_dead(&mut *app.conn().await, id).await.unwrap());
    assert_eq!(runner.run_until_empty().await.unwrap().len(), 1);
    assert_eq!(runs(&key, 0), 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panicking_job_is_recorded_as_a_failure() {
    let app = TestApp::start().await;
    let id = enqueue(&app, &Panics {}).await;
    let ran = app
        .runner(registry(), config())
        .run_until_empty()
        .await
        .unwrap();
    assert!(
        matches!(&ran[0].1, Outcome::Retrying(e) if e.contains("panicked: index out of bounds"))
    );
    let job = stored(&app, id).await;
    assert_eq!(job.status(), Some(JobStatus::Pending));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_job_name_is_dead_at_once() {
    let app = TestApp::start().await;
    let id = queue::enqueue_raw(
        &mut *app.conn().await,
        "no_such_job",
        "default",
        serde_json::json!({}),
        5,
        None,
    )
    .await
    .unwrap();
    app.runner(registry(), config())
        .run_until_empty()
        .await
        .unwrap();
    let job = stored(&app, id).await;
    assert_eq!(job.status(), Some(JobStatus::Dead));
    assert!(job.last_error.unwrap().contains("no handler"));
}

#[tokio::test(flavor = "multi_thread")]
async fn two_concurrent_workers_run_each_job_exactly_once() {
    let app = TestApp::start().await;
    let key = key();
    let jobs = 60;
    {
        let mut conn = app.conn().await;
        for item in 0..jobs {
            queue::enqueue(
                &mut conn,
                &Count {
                    key: key.clone(),
                    item,
                },
            )
            .await
            .unwrap();
        }
    }
    let a = app.runner(registry(), config());
    let b = app.runner(registry(), config());
    let (ran_a, ran_b) = tokio::join!(a.run_until_empty(), b.run_until_empty());
    let (ran_a, ran_b) = (ran_a.unwrap(), ran_b.unwrap());
    assert_eq!(ran_a.len() + ran_b.len(), jobs as usize);
    assert!(
        !ran_a.is_empty() && !ran_b.is_empty(),
        "both workers took part: {} / {}",
        ran_a.len(),
        ran_b.len()
    );
    for item in 0..jobs {
        assert_eq!(runs(&key, item), 1, "job {item} ran exactly once");
    }
    let counts = queue::count_by_status(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(counts, vec![("done".to_owned(), i64::from(jobs))]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_job_whose_worker_died_is_taken_over_when_its_lease_expires() {
    let app = TestApp::start().await;
    let key = key();
    let id = enqueue(
        &app,
        &Count {
            key: key.clone(),
            item: 9,
        },
    )
    .await;
    // A worker claims it with a short lease, then "dies" (never reports back).
    let claimed = queue::claim(
        &mut *app.conn().await,
        "dead-worker",
        &["default".to_owned()],
        Duration::from_secs(600),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(claimed.id, id);
    let runner = app.runner(registry(), config());
    assert!(
        runner.run_until_empty().await.unwrap().is_empty(),
        "the lease still holds"
    );

    // The lease runs out (moved into the past rather than waited for).
    diesel::sql_query("UPDATE jobs SET locked_until = now() - interval '1 second' WHERE id = $1")
        .bind::<diesel::sql_types::BigInt, _>(id)
        .execute(&mut *app.conn().await)
        .await
        .unwrap();
    let ran = runner.run_until_empty().await.unwrap();
    assert_eq!(ran.len(), 1);
    assert_eq!(ran[0].1, Outcome::Done);
    let job = stored(&app, id).await;
    assert_eq!(job.status(), Some(JobStatus::Done));
    assert_eq!(job.attempts, 2);
    assert_eq!(runs(&key, 9), 1);

    // The dead worker waking up cannot overwrite the outcome.
    assert!(
        !queue::complete(&mut *app.conn().await, id, "dead-worker")
            .await
            .unwrap()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_job_that_keeps_losing_its_worker_ends_dead() {
    let app = TestApp::start().await;
    let key = key();
    let id = enqueue(&app, &AlwaysFails { key: key.clone() }).await;
    for _ in 0..3 {
        queue::claim(
            &mut *app.conn().await,
            "crashy",
            &["default".to_owned()],
            Duration::from_millis(1),
        )
        .await
        .unwrap()
        .unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let ran = app
        .runner(registry(), config())
        .run_until_empty()
        .await
        .unwrap();
    assert!(matches!(&ran[0].1, Outcome::Dead(e) if e.contains("lease expired")));
    assert_eq!(runs(&key, 0), 0, "never run once more");
    let job = stored(&app, id).await;
    assert_eq!(job.status(), Some(JobStatus::Dead));
}

#[tokio::test(flavor = "multi_thread")]
async fn shutdown_hands_an_unfinished_job_back_to_the_queue() {
    let app = TestApp::start().await;
    let key = key();
    let id = enqueue(&app, &Slow { key: key.clone() }).await;
    let shutdown = CancellationToken::new();
    let mut workers = app.runner(registry(), config()).spawn(shutdown.clone());
    for _ in 0..100 {
        if runs(&key, 0) == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(runs(&key, 0), 1, "the worker picked the job up");
    shutdown.cancel();
    tokio::time::timeout(Duration::from_secs(5), async {
        while workers.join_next().await.is_some() {}
    })
    .await
    .expect("workers stop within the grace period");
    let job = stored(&app, id).await;
    assert_eq!(
        job.status(),
        Some(JobStatus::Pending),
        "not stuck in running"
    );
    assert_eq!(job.attempts, 0, "the interrupted attempt does not count");
    assert!(job.locked_by.is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn enqueue_joins_the_callers_transaction() {
    use diesel_async::AsyncConnection;
    let app = TestApp::start().await;
    let mut conn = app.conn().await;
    let rolled_back: Result<(), diesel::result::Error> = conn
        .transaction(async |conn| {
            queue::enqueue(
                conn,
                &Count {
                    key: "tx".into(),
                    item: 0,
                },
            )
            .await?;
            Err(diesel::result::Error::RollbackTransaction)
        })
        .await;
    assert!(rolled_back.is_err());
    assert!(
        queue::count_by_status(&mut conn).await.unwrap().is_empty(),
        "no job without its write"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_periodic_job_is_enqueued_exactly_once_across_schedulers() {
    // A connection for each of the eight schedulers, so none waits for another to finish.
    let app = TestApp::new()
        .with_env("DATABASE_POOL_SIZE", "12")
        .build()
        .await;
    let schedules = vec![Schedule::every::<Count>(Duration::from_secs(3600))];
    periodic::register(&mut *app.conn().await, &schedules)
        .await
        .unwrap();
    assert!(
        periodic::tick(&mut *app.conn().await, &schedules)
            .await
            .unwrap()
            .is_empty(),
        "not due yet"
    );
    periodic::make_all_due(&mut *app.conn().await)
        .await
        .unwrap();

    // Eight schedulers (as if eight server processes) tick at the same moment: each holds its
    // connection before any of them ticks.
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(8));
    let ticks: Vec<_> = (0..8)
        .map(|_| {
            let (schedules, pool, start) = (schedules.clone(), app.pool().clone(), start.clone());
            tokio::spawn(async move {
                let mut conn = pool.get().await.unwrap();
                start.wait().await;
                periodic::tick(&mut conn, &schedules).await.unwrap()
            })
        })
        .collect();
    let mut enqueued = 0;
    for t in ticks {
        enqueued += t.await.unwrap().len();
    }
    assert_eq!(enqueued, 1);
    let jobs = queue::list(&mut *app.conn().await, None, Some("test_count"), 10, 0)
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1);
    assert!(
        periodic::tick(&mut *app.conn().await, &schedules)
            .await
            .unwrap()
            .is_empty(),
        "next run is in an hour"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_server_schedules_its_periodic_jobs_and_prunes_old_finished_ones() {
    let app = TestApp::start().await;
    // One old finished job, one recent one: pruning keeps the recent one.
    let key = key();
    let old = enqueue(
        &app,
        &Count {
            key: key.clone(),
            item: 1,
        },
    )
    .await;
    let recent = enqueue(
        &app,
        &Count {
            key: key.clone(),
            item: 2,
        },
    )
    .await;
    app.runner(registry(), config())
        .run_until_empty()
        .await
        .unwrap();
    diesel::sql_query(format!(
        "UPDATE jobs SET finished_at = now() - interval '15 days' WHERE id = {old}"
    ))
    .execute(&mut *app.conn().await)
    .await
    .unwrap();

    let runner = daydream::serve::job_runner(&app.state);
    runner.register_schedules().await.unwrap();
    periodic::make_all_due(&mut *app.conn().await)
        .await
        .unwrap();
    let mut enqueued = runner.tick_schedules().await.unwrap();
    enqueued.sort();
    assert_eq!(
        enqueued,
        [
            "clean_studio_media",
            "count_sales",
            "count_style_popularity",
            "delete_expired_sessions",
            "generate_reports",
            "prune_finished_jobs",
            "purge_sent_mail",
            "release_stock_holds"
        ]
    );

    let ran = app.run_pending_jobs().await;
    assert_eq!(ran.len(), 8, "every periodic job ran");
    assert!(ran.iter().all(|(_, outcome)| *outcome == Outcome::Done));
    assert!(
        queue::find_by_id(&mut *app.conn().await, old)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        queue::find_by_id(&mut *app.conn().await, recent)
            .await
            .unwrap()
            .is_some()
    );
}
