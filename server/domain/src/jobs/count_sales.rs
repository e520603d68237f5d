//! Periodic job: adds the units sold since the last run to each product's `sales_count`, which
//! the "popularity" sort and "best sellers" read. Checkout counts sales on the variant row it
//! already locks (`sold`), so buyers of one product never queue on the product's row; this job
//! carries the difference (`sold − sold_counted`) over in one statement.

use serde::{Deserialize, Serialize};

use super::{Job, JobContext};

/// Rolls variant sales up into products (run every minute).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct CountSales {}

/// Carries uncounted sales over to the products; returns how many products changed.
pub async fn count_sales(conn: &mut diesel_async::AsyncPgConnection) -> diesel::QueryResult<usize> {
    use diesel_async::RunQueryDsl;
    diesel::sql_query(
        "WITH pending AS (SELECT id, product_id, sold - sold_counted AS delta FROM product_variants \
                          WHERE sold <> sold_counted ORDER BY id FOR UPDATE), \
              marked AS (UPDATE product_variants v SET sold_counted = v.sold_counted + p.delta \
                         FROM pending p WHERE v.id = p.id) \
         UPDATE products pr SET sales_count = greatest(pr.sales_count + s.delta, 0) \
         FROM (SELECT product_id, sum(delta)::int AS delta FROM pending GROUP BY product_id) s \
         WHERE pr.id = s.product_id AND s.delta <> 0",
    )
    .execute(conn)
    .await
}

#[async_trait::async_trait]
impl Job for CountSales {
    const NAME: &'static str = "count_sales";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let changed = count_sales(&mut conn).await?;
        if changed > 0 {
            ctx.cache.invalidate().await;
            tracing::info!(products = changed, "sales counted");
        }
        Ok(())
    }
}
