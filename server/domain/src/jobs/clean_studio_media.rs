//! Periodic job (hourly): clears private media nothing uses any more. Two kinds:
//! - rows of private pictures that no photo, result or print order refers to, an hour after they were
//!   written (an upload or a result whose saving was cut short), with their files;
//! - folders on disk with no row at all, an hour after they last changed: the files of rows
//!   that went with their owner (an account deleted takes its media rows by `ON DELETE
//!   CASCADE`, but the database cannot remove files).
//!
//! The hour's grace covers a picture being saved right now (its file is written before its
//! row, and its row before the photo or result that refers to it).

use std::time::{Duration, SystemTime};

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Job, JobContext};
use crate::db::schema::{media, order_lines, studio_images, studio_results};
use crate::media::Visibility;
use crate::media::queries;
use crate::media::store::MediaStore;

/// How long a picture may lie unused before it is cleared.
pub const GRACE: Duration = Duration::from_secs(60 * 60);

/// Clears unused private media (run hourly).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct CleanStudioMedia {}

/// What one run cleared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cleared {
    /// Unused rows deleted (with their files).
    pub rows: usize,
    /// Folders without a row removed.
    pub folders: usize,
}

/// Clears what was unused for longer than `grace` before `now`.
pub async fn clean(
    conn: &mut AsyncPgConnection,
    files: &MediaStore,
    grace: Duration,
    now: SystemTime,
) -> anyhow::Result<Cleared> {
    let cutoff = time::OffsetDateTime::from(now - grace);
    let unused: Vec<Uuid> = media::table
        .filter(media::visibility.eq(Visibility::Private.as_str()))
        .filter(media::created_at.lt(cutoff))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            studio_images::table.filter(studio_images::media_id.eq(media::id)),
        )))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            studio_results::table.filter(studio_results::media_id.eq(media::id)),
        )))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            order_lines::table.filter(order_lines::print_media_id.eq(media::id.nullable())),
        )))
        .select(media::id)
        .limit(1000)
        .load(conn)
        .await?;
    let mut cleared = Cleared::default();
    for id in unused {
        if queries::delete(conn, files, id).await? {
            cleared.rows += 1;
        }
    }
    for (id, changed) in files.on_disk(Visibility::Private).await? {
        if now.duration_since(changed).unwrap_or_default() < grace {
            continue;
        }
        let known: i64 = media::table
            .filter(media::id.eq(id))
            .count()
            .get_result(conn)
            .await?;
        if known == 0 {
            files.remove(Visibility::Private, id).await?;
            cleared.folders += 1;
        }
    }
    Ok(cleared)
}

#[async_trait::async_trait]
impl Job for CleanStudioMedia {
    const NAME: &'static str = "clean_studio_media";

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let cleared = clean(&mut conn, &ctx.media, GRACE, SystemTime::now()).await?;
        if cleared != Cleared::default() {
            tracing::info!(
                media.rows = cleared.rows,
                media.folders = cleared.folders,
                "unused studio media cleared"
            );
        }
        Ok(())
    }
}
