//! Job: makes the sized copies (150/600/1200 px, WebP and JPEG) of a stored image, then marks
//! it ready so pages list the copies in `srcset`. Idempotent: files are rewritten whole and a
//! ready image is left alone.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Job, JobContext};
use crate::media::{queries, upload, variants};

/// Sizes image `media_id`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ProcessMedia {
    pub media_id: Uuid,
}

#[async_trait::async_trait]
impl Job for ProcessMedia {
    const NAME: &'static str = "process_media";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let Some(stored) = queries::find(&mut conn, self.media_id).await? else {
            tracing::info!(media.id = %self.media_id, "image deleted before it was sized");
            return Ok(());
        };
        if stored.status == "ready" {
            return Ok(());
        }
        let name = format!("original.{}", upload::extension_of(&stored.content_type));
        let master = ctx
            .media
            .read(stored.visibility, self.media_id, &name)
            .await?;
        let made = tokio::task::spawn_blocking(move || {
            let picture = image::load_from_memory(&master)?;
            variants::make(&picture)
        })
        .await?;
        let made = match made {
            Ok(made) => made,
            Err(e) => {
                // The master was checked when stored; if it cannot be read now it never will.
                queries::mark_failed(&mut conn, self.media_id, &e.to_string()).await?;
                return Err(e);
            }
        };
        let mut widths: Vec<i32> = Vec::new();
        for v in &made {
            ctx.media
                .write(
                    stored.visibility,
                    self.media_id,
                    &format!("{}.{}", v.width, v.extension),
                    &v.bytes,
                )
                .await?;
            let w = i32::try_from(v.width)?;
            if !widths.contains(&w) {
                widths.push(w);
            }
        }
        queries::mark_ready(&mut conn, self.media_id, &widths).await?;
        if stored.visibility == crate::media::Visibility::Public {
            ctx.cache.invalidate().await;
        }
        tracing::info!(media.id = %self.media_id, variants = made.len(), "image sized");
        Ok(())
    }
}
