//! A studio user's photos: uploaded (checked and re-encoded like every image, then stored as
//! private media owned by the uploader), titled and tagged, listed and deleted by their owner
//! only — another person's photo is "not found", never "forbidden". Each upload counts against
//! the plan's daily limit in the same transaction that stores it.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::usage::{self, DailyLimits};
use crate::accounts::User;
use crate::db::schema::{media, studio_image_tags, studio_images};
use crate::media::queries::{self, NewImage, StoreError};
use crate::media::{MediaStore, UploadError, Visibility};

/// The largest photo the studio takes, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// The longest title.
pub const MAX_TITLE: usize = 120;
/// The most tags on a photo.
pub const MAX_TAGS: usize = 10;

/// Why an upload was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("The photo is larger than 10 MB.")]
    TooLarge,
    #[error("{0}")]
    Rejected(#[from] UploadError),
    #[error("You have used today's {limit} uploads; more tomorrow (midnight UTC).")]
    DailyLimit { limit: u32 },
    #[error("The title is longer than 120 characters.")]
    TitleTooLong,
    #[error("storing the photo: {0}")]
    Store(#[from] StoreError),
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// One photo as its owner's pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    pub id: Uuid,
    pub media_id: Uuid,
    pub title: String,
    pub tags: Vec<String>,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    /// The widths of the sized copies made so far.
    pub variant_widths: Vec<i32>,
    pub created_at: time::OffsetDateTime,
}

/// Tags as typed ("Beach, Summer 2026 ,beach") made tidy: lowercase words joined by dashes,
/// each at most 32 characters, without repeats, at most [`MAX_TAGS`].
pub fn tidy_tags(typed: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for raw in typed.split(',') {
        let words: Vec<String> = raw
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                w.chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect();
        let mut tag = words.join("-");
        tag.truncate(32);
        let tag = tag.trim_end_matches('-').to_owned();
        if !tag.is_empty() && !tags.contains(&tag) && tags.len() < MAX_TAGS {
            tags.push(tag);
        }
    }
    tags
}

/// Uploads `bytes` as a photo of `owner`, within the day's limit for their plan. Returns the
/// photo's id. The photo's master is written first; if anything after fails (the limit, the
/// database), the file is removed again.
pub async fn upload(
    conn: &mut AsyncPgConnection,
    files: &MediaStore,
    limits: DailyLimits,
    owner: &User,
    bytes: Vec<u8>,
    title: &str,
    tags: &str,
) -> Result<Uuid, ImageError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(ImageError::TooLarge);
    }
    let title = title.trim();
    if title.chars().count() > MAX_TITLE {
        return Err(ImageError::TitleTooLong);
    }
    let tags = tidy_tags(tags);
    let prepared = queries::prepare(bytes).await?;
    let image = NewImage {
        prepared: &prepared,
        owner: Some(owner.id),
        visibility: Visibility::Private,
        created_by: Some(owner.id),
    };
    let media_id = queries::write_master(files, &image)
        .await
        .map_err(StoreError::from)?;
    let limit = limits.for_person(owner.role(), owner.plan());
    let photo_id = Uuid::now_v7();
    let stored = conn
        .transaction(async |conn| {
            if usage::take_upload(conn, owner.id, limit).await?.is_none() {
                return Err(ImageError::DailyLimit {
                    limit: limit.unwrap_or(0),
                });
            }
            queries::insert_row(conn, media_id, &image).await?;
            diesel::insert_into(studio_images::table)
                .values((
                    studio_images::id.eq(photo_id),
                    studio_images::owner_id.eq(owner.id),
                    studio_images::media_id.eq(media_id),
                    studio_images::title.eq(title),
                ))
                .execute(conn)
                .await?;
            let rows: Vec<_> = tags
                .iter()
                .map(|t| {
                    (
                        studio_image_tags::image_id.eq(photo_id),
                        studio_image_tags::tag.eq(t),
                    )
                })
                .collect();
            diesel::insert_into(studio_image_tags::table)
                .values(rows)
                .execute(conn)
                .await?;
            Ok(())
        })
        .await;
    if let Err(e) = stored {
        if let Err(io) = files.remove(Visibility::Private, media_id).await {
            tracing::warn!(error = %io, media.id = %media_id, "could not remove a refused upload's file");
        }
        return Err(e);
    }
    Ok(photo_id)
}

type PhotoRow = (
    Uuid,
    Uuid,
    String,
    time::OffsetDateTime,
    String,
    i32,
    i32,
    Vec<i32>,
);

/// The tags of these photos, by photo.
async fn tags_of(conn: &mut AsyncPgConnection, ids: &[Uuid]) -> QueryResult<Vec<(Uuid, String)>> {
    studio_image_tags::table
        .filter(studio_image_tags::image_id.eq_any(ids))
        .order((studio_image_tags::image_id, studio_image_tags::tag))
        .select((studio_image_tags::image_id, studio_image_tags::tag))
        .load(conn)
        .await
}

/// `owner`'s photos, newest first (`id`: only that one).
async fn load(
    conn: &mut AsyncPgConnection,
    owner: Uuid,
    id: Option<Uuid>,
) -> QueryResult<Vec<Photo>> {
    let mut query = studio_images::table
        .inner_join(media::table)
        .filter(studio_images::owner_id.eq(owner))
        .order((studio_images::created_at.desc(), studio_images::id.desc()))
        .select((
            studio_images::id,
            studio_images::media_id,
            studio_images::title,
            studio_images::created_at,
            media::content_type,
            media::width,
            media::height,
            media::variant_widths,
        ))
        .into_boxed();
    if let Some(id) = id {
        query = query.filter(studio_images::id.eq(id));
    }
    let rows: Vec<PhotoRow> = query.load(conn).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.0).collect();
    let tags = tags_of(conn, &ids).await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, media_id, title, created_at, content_type, width, height, variant_widths)| {
                Photo {
                    id,
                    media_id,
                    title,
                    tags: tags
                        .iter()
                        .filter(|(i, _)| *i == id)
                        .map(|(_, t)| t.clone())
                        .collect(),
                    content_type,
                    width,
                    height,
                    variant_widths,
                    created_at,
                }
            },
        )
        .collect())
}

/// `owner`'s photos, newest first.
pub async fn of_owner(conn: &mut AsyncPgConnection, owner: Uuid) -> QueryResult<Vec<Photo>> {
    load(conn, owner, None).await
}

/// Photo `id` if `owner` owns it (someone else's is `None`, as one that does not exist).
pub async fn find(
    conn: &mut AsyncPgConnection,
    owner: Uuid,
    id: Uuid,
) -> QueryResult<Option<Photo>> {
    Ok(load(conn, owner, Some(id)).await?.into_iter().next())
}

/// Deletes `owner`'s photo `id`: its rows and every file. `Ok(false)` when they have no such
/// photo. (An upload counted today stays counted.)
pub async fn delete(
    conn: &mut AsyncPgConnection,
    files: &MediaStore,
    owner: Uuid,
    id: Uuid,
) -> Result<bool, ImageError> {
    let Some(photo) = find(conn, owner, id).await? else {
        return Ok(false);
    };
    // The media row's deletion takes the photo's rows with it (ON DELETE CASCADE).
    queries::delete(conn, files, photo.media_id).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_tidied_deduplicated_and_capped() {
        assert_eq!(
            tidy_tags("Beach, Summer 2026 ,beach,, !!"),
            vec!["beach", "summer-2026"]
        );
        assert_eq!(tidy_tags("  "), Vec::<String>::new());
        let many: String = (0..20).map(|i| format!("t{i},")).collect();
        assert_eq!(tidy_tags(&many).len(), MAX_TAGS);
        assert!(tidy_tags(&"x".repeat(50))[0].len() <= 32);
    }
}
