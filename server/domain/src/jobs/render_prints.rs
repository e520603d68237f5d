//! Job, queued when an order with prints is paid: renders each print line's file — the result
//! cropped to the paper's shape and upscaled with Lanczos to the size at 150 dpi
//! (`studio::prints::render`) — stores it as private media of the result's owner, and records
//! it on the order line, where the admin's order view offers it for download. Idempotent: a
//! line that has its file is skipped.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Job, JobContext};
use crate::db::schema::order_lines;
use crate::media::queries::{self, NewImage};
use crate::media::{Visibility, upload};
use crate::studio::{prints, results};

/// Renders the print files of order `order_id`.
#[derive(Debug, Serialize, Deserialize)]
pub struct RenderPrints {
    pub order_id: i64,
}

#[async_trait::async_trait]
impl Job for RenderPrints {
    const NAME: &'static str = "render_prints";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let lines: Vec<(i64, Uuid, serde_json::Value)> = order_lines::table
            .filter(order_lines::order_id.eq(self.order_id))
            .filter(order_lines::print_media_id.is_null())
            .filter(order_lines::result_id.is_not_null())
            .select((
                order_lines::id,
                order_lines::result_id.assume_not_null(),
                order_lines::options,
            ))
            .load(&mut conn)
            .await?;
        for (line_id, result_id, options) in lines {
            let Some(size) = prints::size_of_options(&options) else {
                anyhow::bail!("order line {line_id} has no print size in {options}");
            };
            let Some(result) = results::get(&mut conn, result_id).await? else {
                anyhow::bail!("order line {line_id}: result {result_id} is gone");
            };
            let name = format!("original.{}", upload::extension_of(&result.content_type));
            let master = ctx
                .media
                .read(Visibility::Private, result.media_id, &name)
                .await?;
            let prepared = tokio::task::spawn_blocking(move || {
                let picture = image::load_from_memory(&master)?;
                let print = prints::render(&picture, size);
                upload::encode_master(&image::DynamicImage::ImageRgb8(print.to_rgb8()))
                    .map_err(anyhow::Error::from)
            })
            .await??;
            let media_id = queries::store(
                &mut conn,
                &ctx.media,
                NewImage {
                    prepared: &prepared,
                    owner: Some(result.owner_id),
                    visibility: Visibility::Private,
                    created_by: None,
                },
            )
            .await?;
            diesel::update(order_lines::table.find(line_id))
                .set(order_lines::print_media_id.eq(media_id))
                .execute(&mut conn)
                .await?;
            tracing::info!(order.id = self.order_id, line = line_id, media.id = %media_id, size = size.code, "print file rendered");
        }
        Ok(())
    }
}
