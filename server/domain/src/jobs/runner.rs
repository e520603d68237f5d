//! Workers that claim and run jobs on the server's tokio runtime, and the periodic scheduler.
//!
//! A worker holds a lease on the job it runs and renews it while the job runs; if the process
//! dies, the lease runs out and another worker takes the job over. On shutdown the workers stop
//! claiming, give running jobs a grace period, and hand back any job still unfinished.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use futures::FutureExt;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::model::{JobRow, JobStatus};
use super::periodic::{self, Schedule};
use super::registry::Registry;
use super::{DEFAULT_QUEUE, JobContext, queue};
use crate::db::DbPool;

/// How the runner behaves.
#[derive(Debug, Clone)]
pub struct RunnerConfig {
    /// Concurrent workers in this process.
    pub workers: usize,
    /// Queues the workers take jobs from.
    pub queues: Vec<String>,
    /// Sleep between polls when the queue is empty.
    pub poll_interval: Duration,
    /// How long a claim holds a job before another worker may take it over.
    pub lease: Duration,
    /// How long shutdown waits for running jobs before handing them back.
    pub shutdown_grace: Duration,
    /// How often the periodic scheduler looks for due schedules.
    pub scheduler_interval: Duration,
}

impl Default for RunnerConfig {
    fn default() -> Self {
        Self {
            workers: 2,
            queues: vec![DEFAULT_QUEUE.to_owned()],
            poll_interval: Duration::from_millis(500),
            lease: Duration::from_secs(60),
            shutdown_grace: Duration::from_secs(10),
            scheduler_interval: Duration::from_secs(30),
        }
    }
}

/// What happened to one claimed job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Retrying(String),
    Dead(String),
    /// The job was no longer ours when we tried to record the result (lease taken over).
    Lost,
    /// Shutdown came before the job finished; it went back to the queue.
    Released,
}

/// Runs jobs from the queue.
#[derive(Clone)]
pub struct Runner {
    pool: DbPool,
    registry: Arc<Registry>,
    ctx: JobContext,
    config: RunnerConfig,
    schedules: Arc<Vec<Schedule>>,
    id_prefix: String,
}

impl Runner {
    /// A runner over `pool` for the jobs in `registry`.
    pub fn new(ctx: JobContext, registry: Registry, config: RunnerConfig) -> Self {
        let short = uuid::Uuid::new_v4().simple().to_string();
        Self {
            pool: ctx.pool.clone(),
            registry: Arc::new(registry),
            ctx,
            config,
            schedules: Arc::new(Vec::new()),
            id_prefix: format!("{}-{}", std::process::id(), &short[..8]),
        }
    }

    /// Also enqueues these periodic jobs when they fall due.
    pub fn with_schedules(mut self, schedules: Vec<Schedule>) -> Self {
        self.schedules = Arc::new(schedules);
        self
    }

    /// The id worker `n` of this runner writes into `locked_by`.
    pub fn worker_id(&self, n: usize) -> String {
        format!("{}-w{n}", self.id_prefix)
    }

    /// Starts the workers and the scheduler; they run until `shutdown` is cancelled.
    pub fn spawn(&self, shutdown: CancellationToken) -> JoinSet<()> {
        let mut set = JoinSet::new();
        for n in 0..self.config.workers.max(1) {
            let runner = self.clone();
            let shutdown = shutdown.clone();
            set.spawn(async move { runner.worker_loop(n, shutdown).await });
        }
        if !self.schedules.is_empty() {
            let runner = self.clone();
            set.spawn(async move { runner.scheduler_loop(shutdown).await });
        }
        set
    }

    async fn worker_loop(self, n: usize, shutdown: CancellationToken) {
        let worker = self.worker_id(n);
        tracing::debug!(worker.id = %worker, "job worker started");
        while !shutdown.is_cancelled() {
            let idle = match self.run_next(&worker, &shutdown).await {
                Ok(Some(_)) => false,
                Ok(None) => true,
                Err(e) => {
                    tracing::warn!(worker.id = %worker, error = %e, "job worker could not reach the queue");
                    true
                }
            };
            if idle {
                tokio::select! {
                    () = shutdown.cancelled() => break,
                    () = tokio::time::sleep(self.config.poll_interval) => {}
                }
            }
        }
        tracing::debug!(worker.id = %worker, "job worker stopped");
    }

    async fn scheduler_loop(self, shutdown: CancellationToken) {
        if let Err(e) = self.register_schedules().await {
            tracing::warn!(error = %e, "could not register periodic jobs");
        }
        loop {
            if let Err(e) = self.tick_schedules().await {
                tracing::warn!(error = %e, "periodic job scheduler tick failed");
            }
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = tokio::time::sleep(self.config.scheduler_interval) => {}
            }
        }
    }

    /// Writes this runner's schedules to the database.
    pub async fn register_schedules(&self) -> anyhow::Result<()> {
        let mut conn = self.pool.get().await?;
        periodic::register(&mut conn, &self.schedules).await?;
        Ok(())
    }

    /// Enqueues the periodic jobs that are due; returns their names.
    pub async fn tick_schedules(&self) -> anyhow::Result<Vec<String>> {
        let mut conn = self.pool.get().await?;
        let enqueued = periodic::tick(&mut conn, &self.schedules).await?;
        for name in &enqueued {
            tracing::debug!(job.name = %name, "periodic job enqueued");
        }
        Ok(enqueued)
    }

    /// Runs due jobs one after another until none is left; returns how many ran. Tests use it
    /// (`TestApp::run_pending_jobs`) to run the queue deterministically.
    pub async fn run_until_empty(&self) -> anyhow::Result<Vec<(JobRow, Outcome)>> {
        let worker = self.worker_id(0);
        let never = CancellationToken::new();
        let mut ran = Vec::new();
        while let Some(done) = self.run_next(&worker, &never).await? {
            ran.push(done);
        }
        Ok(ran)
    }

    /// Claims and runs one job as `worker`; `None` when no job was due.
    pub async fn run_next(
        &self,
        worker: &str,
        shutdown: &CancellationToken,
    ) -> anyhow::Result<Option<(JobRow, Outcome)>> {
        let claimed = {
            let mut conn = self.pool.get().await?;
            queue::claim(&mut conn, worker, &self.config.queues, self.config.lease).await?
        };
        let Some(job) = claimed else {
            return Ok(None);
        };
        let outcome = self.run_claimed(&job, worker, shutdown).await?;
        Ok(Some((job, outcome)))
    }

    async fn run_claimed(
        &self,
        job: &JobRow,
        worker: &str,
        shutdown: &CancellationToken,
    ) -> anyhow::Result<Outcome> {
        let span = tracing::info_span!("job", job.id = job.id, job.name = %job.name, job.attempt = job.attempts);

        if job.attempts > job.max_attempts {
            let error = format!(
                "lease expired {} times: the worker running it stopped before it finished",
                job.attempts - 1
            );
            let mut conn = self.pool.get().await?;
            queue::bury(&mut conn, job.id, worker, &error).await?;
            tracing::error!(parent: &span, error = %error, "job is dead");
            return Ok(Outcome::Dead(error));
        }

        let Some(handler) = self.registry.get(&job.name).cloned() else {
            let error = format!("no handler is registered for job name {:?}", job.name);
            let mut conn = self.pool.get().await?;
            queue::bury(&mut conn, job.id, worker, &error).await?;
            tracing::error!(parent: &span, error = %error, "job is dead");
            return Ok(Outcome::Dead(error));
        };

        let started = std::time::Instant::now();
        let work = AssertUnwindSafe(handler(job.payload.clone(), self.ctx.clone())).catch_unwind();
        let result = self.run_with_lease(job.id, worker, work, shutdown).await;
        metrics::histogram!("daydream_job_duration_seconds", "job" => job.name.clone())
            .record(started.elapsed().as_secs_f64());

        let mut conn = self.pool.get().await?;
        let outcome = match result {
            None => {
                queue::release(&mut conn, job.id, worker).await?;
                tracing::warn!(parent: &span, "job handed back unfinished at shutdown");
                Outcome::Released
            }
            Some(Ok(Ok(()))) => {
                if queue::complete(&mut conn, job.id, worker).await? {
                    tracing::info!(parent: &span, elapsed_ms = started.elapsed().as_millis() as u64, "job done");
                    Outcome::Done
                } else {
                    Outcome::Lost
                }
            }
            Some(Ok(Err(e))) => {
                self.record_failure(&mut conn, job, worker, &format!("{e:#}"), &span)
                    .await?
            }
            Some(Err(panic)) => {
                let message = panic_message(panic.as_ref());
                self.record_failure(
                    &mut conn,
                    job,
                    worker,
                    &format!("panicked: {message}"),
                    &span,
                )
                .await?
            }
        };
        metrics::counter!("daydream_jobs_finished_total", "job" => job.name.clone(), "outcome" => outcome.label())
            .increment(1);
        Ok(outcome)
    }

    async fn record_failure(
        &self,
        conn: &mut diesel_async::AsyncPgConnection,
        job: &JobRow,
        worker: &str,
        error: &str,
        span: &tracing::Span,
    ) -> anyhow::Result<Outcome> {
        Ok(match queue::fail(conn, job, worker, error).await? {
            Some(JobStatus::Dead) => {
                tracing::error!(parent: span, error = %error, "job failed for the last time and is dead");
                Outcome::Dead(error.to_owned())
            }
            Some(_) => {
                tracing::warn!(parent: span, error = %error, "job failed; it will be retried");
                Outcome::Retrying(error.to_owned())
            }
            None => Outcome::Lost,
        })
    }

    /// Drives `work` while renewing the lease; `None` when shutdown's grace ran out first.
    async fn run_with_lease<F: Future>(
        &self,
        id: i64,
        worker: &str,
        work: F,
        shutdown: &CancellationToken,
    ) -> Option<F::Output> {
        let renew_every = self.config.lease / 3;
        let mut work = std::pin::pin!(work);
        let mut grace_deadline: Option<tokio::time::Instant> = None;
        loop {
            let grace = async {
                match grace_deadline {
                    Some(at) => tokio::time::sleep_until(at).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                out = &mut work => return Some(out),
                () = tokio::time::sleep(renew_every) => {
                    if let Ok(mut conn) = self.pool.get().await
                        && let Err(e) = queue::extend_lease(&mut conn, id, worker, self.config.lease).await
                    {
                        tracing::warn!(job.id = id, error = %e, "could not renew a job's lease");
                    }
                }
                () = shutdown.cancelled(), if grace_deadline.is_none() => {
                    grace_deadline = Some(tokio::time::Instant::now() + self.config.shutdown_grace);
                }
                () = grace => return None,
            }
        }
    }
}

impl Outcome {
    fn label(&self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Retrying(_) => "retrying",
            Self::Dead(_) => "dead",
            Self::Lost => "lost",
            Self::Released => "released",
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "a non-string panic".to_owned()
    }
}
