//! Periodic job: deletes sessions whose expiry date has passed.

use serde::{Deserialize, Serialize};

use super::{Job, JobContext};
use crate::sessions::queries;

/// Deletes expired sessions (run every 15 minutes by the periodic scheduler).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct DeleteExpiredSessions {}

#[async_trait::async_trait]
impl Job for DeleteExpiredSessions {
    const NAME: &'static str = "delete_expired_sessions";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let deleted = queries::delete_expired(&mut conn).await?;
        tracing::info!(sessions.deleted = deleted, "deleted expired sessions");
        Ok(())
    }
}
