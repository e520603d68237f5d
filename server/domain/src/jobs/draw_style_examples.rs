//! Job: gives every local style that has none a before/after example — the demo photos drawn
//! by `studio::demo_photos`, styled by the local engine itself — stored as public media (sized
//! by their own jobs). The examples appear together, in one transaction at the end, so a page
//! never shows half of them. Queued at development start; idempotent: styles with an example
//! are skipped, and nothing is drawn when none lacks one.

use diesel_async::AsyncConnection;
use image::DynamicImage;
use serde::{Deserialize, Serialize};

use super::{Job, JobContext};
use crate::media::queries::{self, NewImage};
use crate::media::{Visibility, upload};
use crate::studio::{demo_photos, local, styles};

/// Draws the missing examples.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct DrawStyleExamples {}

/// Stores `picture` as a public image of the shop's; returns its id.
async fn store(
    ctx: &JobContext,
    conn: &mut diesel_async::AsyncPgConnection,
    picture: DynamicImage,
) -> anyhow::Result<uuid::Uuid> {
    let prepared = tokio::task::spawn_blocking(move || upload::encode_master(&picture)).await??;
    let image = NewImage {
        prepared: &prepared,
        owner: None,
        visibility: Visibility::Public,
        created_by: None,
    };
    Ok(queries::store(conn, &ctx.media, image).await?)
}

#[async_trait::async_trait]
impl Job for DrawStyleExamples {
    const NAME: &'static str = "draw_style_examples";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let missing = styles::local_styles_without_examples(&mut conn).await?;
        if missing.is_empty() {
            return Ok(());
        }
        let mut befores = Vec::new();
        for (index, (caption, ..)) in demo_photos::SCENES.iter().enumerate() {
            let photo = DynamicImage::ImageRgb8(
                tokio::task::spawn_blocking(move || demo_photos::draw(index)).await?,
            );
            let id = store(ctx, &mut conn, photo.clone()).await?;
            befores.push((id, *caption, photo));
        }
        let mut made = Vec::new();
        for (n, (style_id, recipe)) in missing.into_iter().enumerate() {
            let (before, caption, photo) = befores[n % befores.len()].clone();
            let styled = tokio::task::spawn_blocking(move || {
                local::render(&photo, &recipe, &|| false).map(DynamicImage::ImageRgb8)
            })
            .await??;
            let after = store(ctx, &mut conn, styled).await?;
            made.push((style_id, before, after, caption));
        }
        conn.transaction(async |conn| {
            for (style_id, before, after, caption) in &made {
                styles::add_example(conn, *style_id, *before, *after, caption, 0).await?;
            }
            Ok::<_, diesel::result::Error>(())
        })
        .await?;
        ctx.cache.invalidate().await;
        Ok(())
    }
}
