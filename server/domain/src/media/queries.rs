//! The `media` rows (one per stored image, with the widths of its sized copies) and storing a
//! new image: checked and re-encoded off the async threads, its master written, its row and
//! the job that sizes it committed together.

use std::collections::HashMap;

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::store::{self, MediaStore};
use super::upload::{self, Prepared, UploadError};
use crate::db::schema::{media, product_images};
use crate::jobs::process_media::ProcessMedia;
use crate::jobs::queue;

/// An image as a page needs it: its files, size and alt text.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct ImageRef {
    pub product_id: i64,
    pub media_id: Uuid,
    pub alt: String,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    /// The widths of the sized copies made so far (empty until the job ran).
    pub variant_widths: Vec<i32>,
}

impl ImageRef {
    /// The URL of the re-encoded master.
    pub fn original_url(&self) -> String {
        store::url(
            self.media_id,
            &format!("original.{}", upload::extension_of(&self.content_type)),
        )
    }

    /// The URL of the copy `width` wide in `extension` (`webp` or `jpg`).
    pub fn variant_url(&self, width: i32, extension: &str) -> String {
        store::url(self.media_id, &format!("{width}.{extension}"))
    }
}

/// Why an image could not be stored.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Rejected(#[from] UploadError),
    #[error("writing the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// Checks and re-encodes `bytes` on a blocking thread.
pub async fn prepare(bytes: Vec<u8>) -> Result<Prepared, UploadError> {
    tokio::task::spawn_blocking(move || upload::prepare(&bytes))
        .await
        .unwrap_or(Err(UploadError::Corrupt))
}

/// Stores an accepted image as product `product_id`'s last image with `alt`, and queues the
/// job that makes its sized copies. Returns the new media id.
pub async fn add_product_image(
    conn: &mut AsyncPgConnection,
    files: &MediaStore,
    product_id: i64,
    alt: &str,
    prepared: &Prepared,
    created_by: Option<Uuid>,
) -> Result<Uuid, StoreError> {
    let id = Uuid::now_v7();
    files
        .write(
            id,
            &format!("original.{}", prepared.extension()),
            &prepared.bytes,
        )
        .await?;
    conn.transaction(async |conn| {
        diesel::insert_into(media::table)
            .values((
                media::id.eq(id),
                media::content_type.eq(prepared.content_type),
                media::width.eq(i32::try_from(prepared.width).unwrap_or(i32::MAX)),
                media::height.eq(i32::try_from(prepared.height).unwrap_or(i32::MAX)),
                media::bytes.eq(i64::try_from(prepared.bytes.len()).unwrap_or(i64::MAX)),
                media::created_by.eq(created_by),
            ))
            .execute(conn)
            .await?;
        let position: Option<i32> = product_images::table
            .filter(product_images::product_id.eq(product_id))
            .select(diesel::dsl::max(product_images::position))
            .first(conn)
            .await?;
        diesel::insert_into(product_images::table)
            .values((
                product_images::product_id.eq(product_id),
                product_images::media_id.eq(id),
                product_images::position.eq(position.map_or(0, |p| p + 1)),
                product_images::alt.eq(alt),
            ))
            .execute(conn)
            .await?;
        queue::enqueue(conn, &ProcessMedia { media_id: id }).await?;
        Ok::<_, StoreError>(())
    })
    .await?;
    Ok(id)
}

/// Marks an image's sized copies as made.
pub async fn mark_ready(conn: &mut AsyncPgConnection, id: Uuid, widths: &[i32]) -> QueryResult<()> {
    diesel::update(media::table.find(id))
        .set((
            media::status.eq("ready"),
            media::variant_widths.eq(widths),
            media::last_error.eq(None::<String>),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks an image whose master cannot be read, with why.
pub async fn mark_failed(conn: &mut AsyncPgConnection, id: Uuid, error: &str) -> QueryResult<()> {
    diesel::update(media::table.find(id))
        .set((media::status.eq("failed"), media::last_error.eq(error)))
        .execute(conn)
        .await?;
    Ok(())
}

/// An image's content type and status, if it exists.
pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<(String, String)>> {
    media::table
        .find(id)
        .select((media::content_type, media::status))
        .first(conn)
        .await
        .optional()
}

fn image_columns() -> (
    product_images::product_id,
    product_images::media_id,
    product_images::alt,
    media::content_type,
    media::width,
    media::height,
    media::variant_widths,
) {
    (
        product_images::product_id,
        product_images::media_id,
        product_images::alt,
        media::content_type,
        media::width,
        media::height,
        media::variant_widths,
    )
}

/// Every image of a product, in gallery order (failed ones left out).
pub async fn product_images(
    conn: &mut AsyncPgConnection,
    product_id: i64,
) -> QueryResult<Vec<ImageRef>> {
    product_images::table
        .inner_join(media::table)
        .filter(product_images::product_id.eq(product_id))
        .filter(media::status.ne("failed"))
        .order((product_images::position, product_images::id))
        .select(image_columns())
        .load(conn)
        .await
}

/// The first image of each of these products (for listing tiles), by product id.
pub async fn first_images(
    conn: &mut AsyncPgConnection,
    product_ids: &[i64],
) -> QueryResult<HashMap<i64, ImageRef>> {
    let rows: Vec<ImageRef> = product_images::table
        .inner_join(media::table)
        .filter(product_images::product_id.eq_any(product_ids))
        .filter(media::status.ne("failed"))
        .distinct_on(product_images::product_id)
        .order((
            product_images::product_id,
            product_images::position,
            product_images::id,
        ))
        .select(image_columns())
        .load(conn)
        .await?;
    Ok(rows.into_iter().map(|r| (r.product_id, r)).collect())
}
