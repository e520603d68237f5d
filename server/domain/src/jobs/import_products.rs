//! Job: writes a checked CSV import product by product (each one a staff edit, audited),
//! recording progress after each, so the admin page can show how far it got. Idempotent: a
//! retried run starts after the last product recorded, and writing a product twice changes
//! nothing (variants are matched by SKU).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Job, JobContext};
use crate::catalog::imports::{self, RowError};

/// Applies import `import_id`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ImportProducts {
    pub import_id: Uuid,
}

#[async_trait::async_trait]
impl Job for ImportProducts {
    const NAME: &'static str = "import_products";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let Some((actor, plan, done)) = imports::start(&mut conn, self.import_id).await? else {
            return Ok(());
        };
        let Some(actor) = actor else {
            imports::finish(
                &mut conn,
                self.import_id,
                Some("the importing account is gone"),
            )
            .await?;
            return Ok(());
        };
        let start = usize::try_from(done).unwrap_or(0);
        for (i, planned) in plan.iter().enumerate().skip(start) {
            let outcome = imports::apply_product(&mut conn, actor, planned, None).await;
            let number = i32::try_from(i + 1).unwrap_or(i32::MAX);
            match outcome {
                Ok(created) => {
                    imports::progress(&mut conn, self.import_id, number, created, None).await?;
                }
                Err(crate::catalog::editing::EditError::Database(e)) => return Err(e.into()),
                Err(e) => {
                    let failure = RowError {
                        line: 0,
                        field: planned.slug.clone(),
                        message: e.to_string(),
                    };
                    imports::progress(&mut conn, self.import_id, number, false, Some(failure))
                        .await?;
                }
            }
        }
        imports::finish(&mut conn, self.import_id, None).await?;
        ctx.cache.invalidate().await;
        tracing::info!(import.id = %self.import_id, products = plan.len(), "catalog import applied");
        Ok(())
    }
}
