//! The caller's photos: the studio's front page data (their photos, today's allowances, their
//! latest jobs), one photo with the styles to apply to it, an upload (a multipart form that
//! works without JavaScript: 413 over 10 MB, 415 for what is not a picture) and a delete.
//! Another person's photo answers 404, as one that does not exist.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::view::{Allowance, JobCard, PhotoCard, StyleCard};
use crate::error::AppError;

/// `/studio`'s data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudioOverview {
    pub photos: Vec<PhotoCard>,
    pub jobs: Vec<JobCard>,
    pub uploads: Allowance,
    pub styles: Allowance,
    /// Whether OpenAI is set up (pictures from words, edits with words).
    pub openai: bool,
    /// A fresh key for the "from words" form: submitting it twice makes one job.
    pub form_key: String,
}

/// `/studio/images/{id}`'s data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhotoDetail {
    pub photo: PhotoCard,
    pub styles: Vec<StyleCard>,
    pub jobs: Vec<JobCard>,
    pub allowance: Allowance,
    /// A fresh key for the style form: submitting it twice makes one job.
    pub form_key: String,
    /// A second key for the "change it with words" form.
    pub edit_key: String,
    /// Whether OpenAI is set up (edits with words).
    pub openai: bool,
}

/// The signed addresses and cards of private media, for server functions.
#[cfg(feature = "ssr")]
pub mod signed {
    use domain::media::upload::extension_of;
    use domain::services::Services;
    use uuid::Uuid;

    /// The signed address of media `id`'s master.
    pub fn original(services: &Services, id: Uuid, content_type: &str) -> String {
        let name = format!("original.{}", extension_of(content_type));
        services
            .media_urls
            .url(id, &name, time::OffsetDateTime::now_utc())
    }

    /// The signed address of the copy closest to `width` (the master until copies exist).
    pub fn sized(
        services: &Services,
        id: Uuid,
        content_type: &str,
        widths: &[i32],
        width: i32,
    ) -> String {
        let name = domain::media::variants::closest_file(content_type, widths, width);
        services
            .media_urls
            .url(id, &name, time::OffsetDateTime::now_utc())
    }

    /// The signed address of `owner`'s photo `image_id` in the copy closest to `width`, while
    /// the photo exists (a job's or result's "before").
    pub async fn photo_of(
        conn: &mut domain::db::PooledConn,
        services: &Services,
        owner: Uuid,
        image_id: Option<Uuid>,
        width: i32,
    ) -> Result<Option<String>, crate::error::AppError> {
        let Some(image_id) = image_id else {
            return Ok(None);
        };
        Ok(domain::studio::images::find(conn, owner, image_id)
            .await?
            .map(|p| {
                sized(
                    services,
                    p.media_id,
                    &p.content_type,
                    &p.variant_widths,
                    width,
                )
            }))
    }

    /// A photo as its card.
    pub fn photo_card(services: &Services, p: &domain::studio::images::Photo) -> super::PhotoCard {
        super::PhotoCard {
            id: p.id.to_string(),
            title: p.title.clone(),
            tags: p.tags.clone(),
            width: p.width,
            height: p.height,
            url: original(services, p.media_id, &p.content_type),
            thumb_url: sized(
                services,
                p.media_id,
                &p.content_type,
                &p.variant_widths,
                600,
            ),
            created_at: p.created_at.into(),
        }
    }
}

/// Today's use of an allowance.
#[cfg(feature = "ssr")]
pub(crate) fn allowance(
    limits: domain::studio::usage::DailyLimits,
    user: &domain::accounts::User,
    used: u32,
) -> Allowance {
    Allowance {
        used,
        limit: limits.for_person(user.role(), user.plan()),
    }
}

/// The caller's studio: photos, latest jobs, today's allowances.
#[server(prefix = "/api", endpoint = "studio_home")]
pub async fn studio_home() -> Result<StudioOverview, AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let photos = domain::studio::images::of_owner(&mut conn, user.id).await?;
    let jobs = domain::studio::jobs::of_owner(&mut conn, user.id, 12).await?;
    let (uploads, styled) = domain::studio::usage::used_today(&mut conn, user.id).await?;
    let limits = ctx.services.studio_limits;
    let jobs = super::jobs_api::cards(&mut conn, &ctx.services, &jobs).await?;
    Ok(StudioOverview {
        photos: photos
            .iter()
            .map(|p| signed::photo_card(&ctx.services, p))
            .collect(),
        jobs,
        uploads: allowance(limits.uploads, &user, uploads),
        styles: allowance(limits.jobs, &user, styled),
        openai: ctx.services.openai.is_some(),
        form_key: uuid::Uuid::new_v4().to_string(),
    })
}

/// One of the caller's photos, with the styles to apply and the jobs run on it.
#[server(prefix = "/api", endpoint = "studio_photo")]
pub async fn studio_photo(id: String) -> Result<PhotoDetail, AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let photo = domain::studio::images::find(&mut conn, user.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let styles = super::styles_api::cards(&mut conn, &Default::default()).await?;
    let jobs: Vec<_> = domain::studio::jobs::of_owner(&mut conn, user.id, 50)
        .await?
        .into_iter()
        .filter(|j| j.image_id == Some(id))
        .collect();
    let jobs = super::jobs_api::cards(&mut conn, &ctx.services, &jobs).await?;
    let (_, styled) = domain::studio::usage::used_today(&mut conn, user.id).await?;
    Ok(PhotoDetail {
        photo: signed::photo_card(&ctx.services, &photo),
        styles,
        jobs,
        allowance: allowance(ctx.services.studio_limits.jobs, &user, styled),
        form_key: uuid::Uuid::new_v4().to_string(),
        edit_key: uuid::Uuid::new_v4().to_string(),
        openai: ctx.services.openai.is_some(),
    })
}

/// The message and status for a refused upload.
#[cfg(feature = "ssr")]
fn upload_error(e: domain::studio::images::ImageError) -> AppError {
    use domain::media::UploadError;
    use domain::studio::images::ImageError;
    match e {
        ImageError::TooLarge | ImageError::Rejected(UploadError::TooLarge) => AppError::TooLarge {
            field: "file".into(),
            message: "The photo is larger than 10 MB.".into(),
        },
        ImageError::Rejected(UploadError::UnsupportedType) => AppError::UnsupportedMedia {
            field: "file".into(),
            message: "That is not a picture we can read: upload a JPEG, PNG, WebP or GIF.".into(),
        },
        ImageError::Rejected(other) => AppError::validation("file", other.to_string()),
        ImageError::TitleTooLong => AppError::validation("title", e.to_string()),
        ImageError::DailyLimit { .. } => AppError::validation("file", e.to_string()),
        ImageError::Store(domain::media::queries::StoreError::Rejected(r)) => {
            AppError::validation("file", r.to_string())
        }
        ImageError::Store(other) => AppError::internal(other),
        ImageError::Database(other) => AppError::internal(other),
    }
}

/// Uploads a photo (signed-in people): a multipart form with `file`, `title` and `tags`. On to
/// the photo's page afterwards.
#[server(prefix = "/api", endpoint = "studio_upload", input = server_fn::codec::MultipartFormData)]
pub async fn upload_photo(data: server_fn::codec::MultipartData) -> Result<(), AppError> {
    use domain::studio::images::{self, ImageError, MAX_UPLOAD_BYTES};
    let user = crate::accounts::auth::require_user().await?;
    let mut form = crate::ui::multipart::read(data, &["file"], MAX_UPLOAD_BYTES).await;
    if !form.too_large.is_empty() {
        return Err(upload_error(ImageError::TooLarge));
    }
    let bytes = form
        .take_file("file")
        .ok_or_else(|| AppError::validation("file", "Choose a photo to upload."))?;
    let (title, tags) = (form.text("title").to_owned(), form.text("tags").to_owned());
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let id = images::upload(
        &mut conn,
        &ctx.services.media,
        ctx.services.studio_limits.uploads,
        &user,
        bytes,
        &title,
        &tags,
    )
    .await
    .map_err(upload_error)?;
    leptos_axum::redirect(&format!("/studio/images/{id}?uploaded=1"));
    Ok(())
}

/// Deletes one of the caller's photos with its files (results made from it stay).
#[server(prefix = "/api", endpoint = "studio_delete_photo")]
pub async fn delete_photo(id: String) -> Result<(), AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let deleted = domain::studio::images::delete(&mut conn, &ctx.services.media, user.id, id)
        .await
        .map_err(AppError::internal)?;
    if !deleted {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/studio?deleted=1");
    Ok(())
}
