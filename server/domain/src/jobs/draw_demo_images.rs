//! Job: draws the pictures of demo products (see `catalog::demo_images`) and stores each like an
//! upload, which queues its sizing. Idempotent: a product that has an image is skipped.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::{Deserialize, Serialize};

use super::{Job, JobContext};
use crate::catalog::demo_images;
use crate::db::schema::{product_images, products};
use crate::media::{queries, upload};

/// Draws pictures for these (product id, colour) pairs.
#[derive(Debug, Serialize, Deserialize)]
pub struct DrawDemoImages {
    pub products: Vec<(i64, [u8; 3])>,
}

#[async_trait::async_trait]
impl Job for DrawDemoImages {
    const NAME: &'static str = "draw_demo_images";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let ids: Vec<i64> = self.products.iter().map(|(id, _)| *id).collect();
        let done: Vec<i64> = product_images::table
            .filter(product_images::product_id.eq_any(&ids))
            .select(product_images::product_id)
            .load(&mut *conn)
            .await?;
        let names: Vec<(i64, String)> = products::table
            .filter(products::id.eq_any(&ids))
            .select((products::id, products::name))
            .load(&mut *conn)
            .await?;
        for (id, colour) in &self.products {
            let Some((_, name)) = names.iter().find(|(p, _)| p == id) else {
                continue;
            };
            if done.contains(id) {
                continue;
            }
            let (seed, colour) = (*id as u64, *colour);
            let prepared = tokio::task::spawn_blocking(move || {
                upload::encode_master(&image::DynamicImage::ImageRgb8(demo_images::draw(
                    seed, colour,
                )))
            })
            .await??;
            queries::add_product_image(&mut conn, &ctx.media, *id, name, &prepared, None).await?;
        }
        Ok(())
    }
}
