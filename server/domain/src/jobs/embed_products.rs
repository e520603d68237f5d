//! Job: embeds the active products whose text changed (OpenAI, only when it is configured) and
//! recomputes the similar-products lists of the top-level categories they are in. Periodic;
//! a run that stops at its cap queues the next one, so a large catalog is done in slices.

use serde::{Deserialize, Serialize};

use super::{Job, JobContext, queue};
use crate::ai::openai::{EMBEDDING_BATCH, EMBEDDING_MODEL};
use crate::catalog::embeddings;

/// Batches of [`EMBEDDING_BATCH`] embedded per run before the job queues its continuation.
const BATCHES_PER_RUN: usize = 40;

/// Embeds what changed, then refreshes neighbours.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct EmbedProducts {}

#[async_trait::async_trait]
impl Job for EmbedProducts {
    const NAME: &'static str = "embed_products";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let Some(openai) = &ctx.openai else {
            tracing::debug!("OPENAI_API_KEY is not set: similar products use the local method");
            return Ok(());
        };
        let mut conn = ctx.pool.get().await?;
        let limit = i64::try_from(EMBEDDING_BATCH).unwrap_or(128);
        for _ in 0..BATCHES_PER_RUN {
            let batch = embeddings::stale(&mut conn, EMBEDDING_MODEL, limit).await?;
            if batch.is_empty() {
                let refreshed = embeddings::refresh_neighbours(&mut conn).await?;
                if refreshed > 0 {
                    tracing::info!(products = refreshed, "similar products recomputed");
                    ctx.cache.invalidate().await;
                }
                return Ok(());
            }
            let texts = batch.iter().map(|s| s.text.clone()).collect();
            let vectors = openai.embed(texts).await?;
            embeddings::store(&mut conn, EMBEDDING_MODEL, &batch, vectors).await?;
        }
        // More remain: the next slice runs as its own job (neighbours once everything is in).
        queue::enqueue(&mut conn, &EmbedProducts {}).await?;
        Ok(())
    }
}
