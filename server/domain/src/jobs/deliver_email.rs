//! Job: delivers one message from the outbox over SMTP. With no SMTP configured the message is
//! kept in the outbox (status `pending`), readable in the admin's dev mailbox. A contact
//! message's status follows its staff notice's attempts.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Job, JobContext};
use crate::email::outbox;

/// Delivers email `email_id`; retried with backoff while the SMTP server fails.
#[derive(Debug, Serialize, Deserialize)]
pub struct DeliverEmail {
    pub email_id: Uuid,
}

#[async_trait::async_trait]
impl Job for DeliverEmail {
    const NAME: &'static str = "deliver_email";
    const QUEUE: &'static str = super::DEFAULT_QUEUE;
    const MAX_ATTEMPTS: i32 = 8;

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let Some(email) = outbox::find_by_id(&mut conn, self.email_id).await? else {
            return Ok(()); // deleted since: nothing to send
        };
        if email.status == "sent" {
            return Ok(()); // a retry after a send whose result was not recorded
        }
        let Some(mailer) = &ctx.mailer else {
            tracing::debug!(email.id = %email.id, "no SMTP configured: the message stays in the dev mailbox");
            return Ok(());
        };
        let message = outbox::OutgoingEmail {
            to: email.to_address.clone(),
            subject: email.subject.clone(),
            text: email.text_body.clone(),
            html: email.html_body.clone(),
        };
        match mailer.send(&message).await {
            Ok(()) => {
                outbox::record_attempt(&mut conn, email.id, Ok(())).await?;
                crate::contact::messages::follow_delivery(&mut conn, email.id).await?;
                tracing::info!(email.id = %email.id, "email sent");
                Ok(())
            }
            Err(e) => {
                let error = e.to_string();
                outbox::record_attempt(&mut conn, email.id, Err(&error)).await?;
                crate::contact::messages::follow_delivery(&mut conn, email.id).await?;
                Err(anyhow::anyhow!(error))
            }
        }
    }
}
