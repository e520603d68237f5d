//! Periodic job (every 10 minutes): generates every project report that has fallen due, one
//! transaction each (see [`crate::projects::reports::generate_next_due`]): the file stored,
//! the next run set, the client leads' mails queued — or nothing, if it fails.

use serde::{Deserialize, Serialize};

use super::{Job, JobContext};
use crate::projects::reports;

/// The most reports one run generates (the rest wait for the next run).
const MOST_PER_RUN: usize = 200;

/// Generates the due reports.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct GenerateReports {}

#[async_trait::async_trait]
impl Job for GenerateReports {
    const NAME: &'static str = "generate_reports";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let mut generated = 0;
        while generated < MOST_PER_RUN {
            match reports::generate_next_due(&mut conn, &ctx.public_url).await? {
                Some(_) => generated += 1,
                None => break,
            }
        }
        if generated > 0 {
            tracing::info!(reports = generated, "project reports generated");
        }
        Ok(())
    }
}
