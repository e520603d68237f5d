//! Periodic job (every 30 minutes): recounts each style's styling jobs of the last 7 days into
//! `styles.recent_uses`, which the style catalog's "popular" sort reads — so a listing never
//! counts jobs itself, and a style's popularity fades a week after its jobs.

use serde::{Deserialize, Serialize};

use super::{Job, JobContext};

/// Recounts style popularity.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct CountStylePopularity {}

#[async_trait::async_trait]
impl Job for CountStylePopularity {
    const NAME: &'static str = "count_style_popularity";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let changed = crate::studio::styles::recount_recent_uses(&mut conn).await?;
        if changed > 0 {
            tracing::info!(styles = changed, "style popularity recounted");
        }
        Ok(())
    }
}
