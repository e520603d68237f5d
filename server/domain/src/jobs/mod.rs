//! The durable background job queue: jobs are rows in PostgreSQL, claimed by workers with
//! `FOR UPDATE SKIP LOCKED`, retried with exponential backoff, and kept as `dead` with their
//! last error when they run out of attempts.
//!
//! A job is enqueued with [`queue::enqueue`] on the caller's connection, so it commits or rolls
//! back with the write that caused it.

pub mod backoff;
pub mod clean_studio_media;
pub mod count_sales;
pub mod count_style_popularity;
pub mod delete_expired_sessions;
pub mod deliver_email;
pub mod draw_demo_images;
pub mod draw_style_examples;
pub mod embed_products;
pub mod generate_reports;
pub mod import_products;
pub mod invite_waitlist;
pub mod model;
pub mod periodic;
pub mod process_media;
pub mod prune_finished_jobs;
pub mod purge_sent_mail;
pub mod queue;
pub mod refund_payment;
pub mod registry;
pub mod release_stock_holds;
pub mod render_prints;
pub mod run_studio_job;
pub mod runner;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use model::{JobRow, JobStatus};
pub use registry::Registry;
pub use runner::{Runner, RunnerConfig};

/// The queue a job runs on unless it names another.
pub const DEFAULT_QUEUE: &str = "default";

/// What every job gets to do its work with: the server's shared handles.
pub type JobContext = crate::services::Services;

/// A kind of background work. Its payload is the struct itself, stored as JSON.
///
/// `run` must be idempotent: a job whose worker dies mid-run is run again once its lease
/// expires, and a job that fails is retried.
#[async_trait::async_trait]
pub trait Job: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// Unique, stable name; stored in the `jobs` table.
    const NAME: &'static str;
    /// Which queue the job waits on.
    const QUEUE: &'static str = DEFAULT_QUEUE;
    /// Attempts before the job is marked dead.
    const MAX_ATTEMPTS: i32 = 5;

    /// Does the work once.
    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()>;
}
