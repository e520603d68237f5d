//! Periodic job: blanks the bodies of mail delivered longer ago than the retention period
//! (`DAYDREAM_MAIL_RETENTION_DAYS`), so old reset and verification links do not linger in the
//! database for anyone who can read it.

use serde::{Deserialize, Serialize};

use super::{Job, JobContext};
use crate::email::outbox;

/// Purges delivered mail bodies older than the retention period (run hourly).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PurgeSentMail {}

#[async_trait::async_trait]
impl Job for PurgeSentMail {
    const NAME: &'static str = "purge_sent_mail";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let purged = outbox::purge_sent_before(&mut conn, ctx.mail_retention).await?;
        if purged > 0 {
            tracing::info!(emails.purged = purged, "purged delivered mail bodies");
        }
        Ok(())
    }
}
