//! Periodic job: deletes expired stock holds (noting on each cart when its hold ran out) and
//! forgets guest carts nobody touched for a month. Expired holds already reserve nothing; this
//! keeps the table small and lets carts say that their hold expired.

use serde::{Deserialize, Serialize};

use super::{Job, JobContext};

/// Releases expired holds (run every minute).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ReleaseStockHolds {}

#[async_trait::async_trait]
impl Job for ReleaseStockHolds {
    const NAME: &'static str = "release_stock_holds";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let (holds, carts) = crate::cart::holds::release_expired(&mut conn).await?;
        if holds + carts > 0 {
            tracing::info!(
                holds.released = holds,
                carts.forgotten = carts,
                "stock holds released"
            );
        }
        Ok(())
    }
}
