//! Job: sends the invitations of one waitlist run (see [`crate::waitlist::invites`]), batch by
//! batch, so the admin page's progress bar moves while it works.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Job, JobContext};
use crate::waitlist::WaitlistError;
use crate::waitlist::invites;

/// Invitations per transaction.
const BATCH: i64 = 25;

/// Sends run `run_id`'s invitations, linking to `{base_url}/signup`.
#[derive(Debug, Serialize, Deserialize)]
pub struct InviteWaitlist {
    pub run_id: Uuid,
    pub base_url: String,
}

#[async_trait::async_trait]
impl Job for InviteWaitlist {
    const NAME: &'static str = "invite_waitlist";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        loop {
            match invites::send_batch(&mut conn, self.run_id, BATCH, &self.base_url).await {
                Ok(true) => break,
                Ok(false) => {}
                // Nothing to retry: the run is gone, or a message cannot be written.
                Err(WaitlistError::NotFound) => return Ok(()),
                Err(WaitlistError::Mail(e)) => {
                    invites::fail(&mut conn, self.run_id, &e.to_string()).await?;
                    return Ok(());
                }
                Err(e) => return Err(e.into()),
            }
        }
        tracing::info!(run = %self.run_id, "waitlist invitations sent");
        Ok(())
    }
}
