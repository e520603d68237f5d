//! Periodic job: deletes jobs that finished successfully more than two weeks ago, so the queue
//! table stays small. Dead jobs are kept until someone retries or inspects them.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{Job, JobContext, queue};

/// How long finished jobs stay visible in the job monitor.
pub const KEEP_DONE_FOR: Duration = Duration::from_secs(14 * 24 * 60 * 60);

/// Deletes done jobs older than [`KEEP_DONE_FOR`] (run daily).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PruneFinishedJobs {}

#[async_trait::async_trait]
impl Job for PruneFinishedJobs {
    const NAME: &'static str = "prune_finished_jobs";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let deleted = queue::delete_done_older_than(&mut conn, KEEP_DONE_FOR).await?;
        tracing::info!(jobs.deleted = deleted, "pruned finished jobs");
        Ok(())
    }
}
