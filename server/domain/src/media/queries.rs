//! The `media` rows (one per stored image: owner, visibility, the widths of its sized copies)
//! and storing a new image: checked and re-encoded off the async threads, its master written,
//! its row and the job that sizes it committed together. Independent of what uses the image: a
//! product picture is a public image plus a `product_images` row, a user's photo a private one.

use std::collections::HashMap;

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::store::{self, MediaStore, Visibility};
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

/// A new image to store.
#[derive(Debug, Clone, Copy)]
pub struct NewImage<'a> {
    pub prepared: &'a Prepared,
    /// Whose it is (`None`: the shop's own).
    pub owner: Option<Uuid>,
    pub visibility: Visibility,
    /// Who uploaded it (a staff member for product pictures).
    pub created_by: Option<Uuid>,
}

/// Writes the master of a new image under a fresh id (no row yet: a crash before the row is
/// committed leaves an orphan folder, never a row without its file).
pub async fn write_master(files: &MediaStore, image: &NewImage<'_>) -> std::io::Result<Uuid> {
    let id = Uuid::now_v7();
    files
        .write(
            image.visibility,
            id,
            &format!("original.{}", image.prepared.extension()),
            &image.prepared.bytes,
        )
        .await?;
    Ok(id)
}

/// Inserts the row of image `id` and queues the job that sizes it (inside the caller's
/// transaction).
pub async fn insert_row(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    image: &NewImage<'_>,
) -> Result<(), StoreError> {
    let prepared = image.prepared;
    diesel::insert_into(media::table)
        .values((
            media::id.eq(id),
            media::content_type.eq(prepared.content_type),
            media::width.eq(i32::try_from(prepared.width).unwrap_or(i32::MAX)),
            media::height.eq(i32::try_from(prepared.height).unwrap_or(i32::MAX)),
            media::bytes.eq(i64::try_from(prepared.bytes.len()).unwrap_or(i64::MAX)),
            media::created_by.eq(image.created_by),
            media::owner_id.eq(image.owner),
            media::visibility.eq(image.visibility.as_str()),
        ))
        .execute(conn)
        .await?;
    queue::enqueue(conn, &ProcessMedia { media_id: id }).await?;
    Ok(())
}

/// Stores an accepted image and queues its sizing. Returns the new media id.
pub async fn store(
    conn: &mut AsyncPgConnection,
    files: &MediaStore,
    image: NewImage<'_>,
) -> Result<Uuid, StoreError> {
    let id = write_master(files, &image).await?;
    conn.transaction(async |conn| insert_row(conn, id, &image).await)
        .await?;
    Ok(id)
}

/// Stores an accepted image as product `product_id`'s last image with `alt` (a public image of
/// the shop's), and queues the job that makes its sized copies. Returns the new media id.
pub async fn add_product_image(
    conn: &mut AsyncPgConnection,
    files: &MediaStore,
    product_id: i64,
    alt: &str,
    prepared: &Prepared,
    created_by: Option<Uuid>,
) -> Result<Uuid, StoreError> {
    let image = NewImage {
        prepared,
        owner: None,
        visibility: Visibility::Public,
        created_by,
    };
    let id = write_master(files, &image).await?;
    conn.transaction(async |conn| {
        insert_row(conn, id, &image).await?;
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
        Ok::<_, StoreError>(())
    })
    .await?;
    Ok(id)
}

/// Deletes image `id`: its row, then its files. Refused (`Ok(false)`) when the image is still
/// used by a product; `Ok(true)` once gone (also when it did not exist).
pub async fn delete(
    conn: &mut AsyncPgConnection,
    files: &MediaStore,
    id: Uuid,
) -> Result<bool, StoreError> {
    let Some(stored) = find(conn, id).await? else {
        return Ok(true);
    };
    let used: i64 = product_images::table
        .filter(product_images::media_id.eq(id))
        .count()
        .get_result(conn)
        .await?;
    if used > 0 {
        return Ok(false);
    }
    diesel::delete(media::table.find(id)).execute(conn).await?;
    files.remove(stored.visibility, id).await?;
    Ok(true)
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

/// What the server needs to know of a stored image to size or serve it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub content_type: String,
    pub status: String,
    pub visibility: Visibility,
    pub owner: Option<Uuid>,
    pub width: i32,
    pub height: i32,
    /// The widths of the sized copies made so far.
    pub variant_widths: Vec<i32>,
}

/// A stored image's type, status, visibility, owner and sizes, if it exists.
pub async fn find(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<Stored>> {
    type Row = (String, String, String, Option<Uuid>, i32, i32, Vec<i32>);
    let row: Option<Row> = media::table
        .find(id)
        .select((
            media::content_type,
            media::status,
            media::visibility,
            media::owner_id,
            media::width,
            media::height,
            media::variant_widths,
        ))
        .first(conn)
        .await
        .optional()?;
    Ok(row.map(
        |(content_type, status, visibility, owner, width, height, variant_widths)| Stored {
            content_type,
            status,
            visibility: Visibility::from_stored(&visibility),
            owner,
            width,
            height,
            variant_widths,
        },
    ))
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
