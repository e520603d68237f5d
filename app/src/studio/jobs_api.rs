//! The caller's styling jobs: submit one (a style on one of their photos; the form's one-time
//! key makes a double click or a refresh one job), watch it, cancel it, retry a failure.
//! Another person's job answers 404, as one that does not exist. Each form may choose the image
//! parameters (quality, background, output format, size); what it leaves at "default" comes from
//! the style (or the usual defaults).
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::view::JobCard;
use crate::error::AppError;

/// Jobs as their cards: the photo before and the result after, at signed addresses.
#[cfg(feature = "ssr")]
pub async fn cards(
    conn: &mut domain::db::PooledConn,
    services: &domain::services::Services,
    jobs: &[domain::studio::jobs::StudioJob],
) -> Result<Vec<JobCard>, AppError> {
    use super::photos_api::signed;
    let mut out = Vec::with_capacity(jobs.len());
    for job in jobs {
        let before = signed::photo_of(conn, services, job.owner_id, job.image_id, 600).await?;
        let result = match job.result_media_id {
            Some(media_id) => domain::media::queries::find(conn, media_id)
                .await?
                .map(|m| (signed::original(services, media_id, &m.content_type), m)),
            None => None,
        };
        let kept = match job.result_media_id {
            Some(_) => domain::studio::results::find(conn, job.owner_id, job.id).await?,
            None => None,
        };
        let result_card = match kept {
            Some(r) => Some(super::results_api::owner_card(conn, services, &r).await?),
            None => None,
        };
        let seconds = match (job.started_at, job.finished_at) {
            (Some(start), Some(end)) => Some((end - start).as_seconds_f64().max(0.0)),
            _ => None,
        };
        out.push(JobCard {
            id: job.id.to_string(),
            kind: job.kind.as_str().to_owned(),
            state: job.state.as_str().to_owned(),
            state_label: job.state.label().to_owned(),
            stage: job.stage.as_str().to_owned(),
            stage_label: job.stage.label().to_owned(),
            active: job.state.is_active(),
            style_name: job.style_name.clone(),
            style_slug: job.style_slug.clone(),
            engine: job.engine.clone(),
            prompt: job.prompt.clone(),
            output_format: job.params.output_format.clone(),
            error: job.error.clone(),
            cancel_requested: job.cancel_requested,
            before_url: before,
            image_id: job.image_id.map(|id| id.to_string()),
            partial_url: (job.state.is_active() && job.partials > 0)
                .then(|| format!("/studio/jobs/{}/partial?n={}", job.id, job.partials)),
            result_width: result.as_ref().map(|(_, m)| m.width),
            result_height: result.as_ref().map(|(_, m)| m.height),
            result_url: result.map(|(url, _)| url),
            created_at: job.created_at.into(),
            seconds,
            result: result_card,
        });
    }
    Ok(out)
}

/// The message for a refused job.
#[cfg(feature = "ssr")]
fn job_error(e: domain::studio::jobs::JobError) -> AppError {
    use domain::studio::jobs::JobError;
    match e {
        JobError::NoPhoto | JobError::NotFound => AppError::NotFound,
        JobError::NoStyle | JobError::PremiumStyle => AppError::validation("style", e.to_string()),
        JobError::NeedsOpenAi(_) => AppError::validation("", e.to_string()),
        JobError::PromptRequired | JobError::PromptTooLong => {
            AppError::validation("prompt", e.to_string())
        }
        JobError::BadParameter { field, .. } => AppError::validation(field, e.to_string()),
        JobError::DailyLimit { .. } => AppError::validation("", e.to_string()),
        JobError::WrongState(_) => AppError::conflict(e.to_string()),
        JobError::Database(e) => AppError::internal(e),
    }
}

/// One of the caller's jobs.
#[server(prefix = "/api", endpoint = "studio_job")]
pub async fn studio_job(id: String) -> Result<JobCard, AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let job = domain::studio::jobs::find(&mut conn, user.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut cards = cards(&mut conn, &ctx.services, &[job]).await?;
    cards.pop().ok_or(AppError::NotFound)
}

/// Styles one of the caller's photos (`image_id`) in `style`; `key` is the form's one-time key.
/// On to the job's page, where it can be watched.
#[server(prefix = "/api", endpoint = "studio_style_photo")]
pub async fn style_photo(
    image_id: String,
    style: String,
    key: String,
    quality: Option<String>,
    background: Option<String>,
    output_format: Option<String>,
    size: Option<String>,
) -> Result<(), AppError> {
    use domain::studio::jobs::{JobKind, NewJob};
    let image_id = uuid::Uuid::parse_str(image_id.trim()).map_err(|_| AppError::NotFound)?;
    submit_and_watch(NewJob {
        kind: JobKind::Style,
        image_id: Some(image_id),
        style: Some(style.trim().to_owned()),
        prompt: String::new(),
        params: chosen(quality, background, output_format, size),
        idempotency_key: form_key(&key)?,
    })
    .await
}

/// The image parameters a form chose (`None` when it chose none: the defaults apply).
#[cfg(feature = "ssr")]
fn chosen(
    quality: Option<String>,
    background: Option<String>,
    output_format: Option<String>,
    size: Option<String>,
) -> Option<domain::studio::jobs::Params> {
    let params = domain::studio::jobs::Params {
        quality: quality.unwrap_or_default(),
        background: background.unwrap_or_default(),
        output_format: output_format.unwrap_or_default(),
        size: size.unwrap_or_default(),
    };
    let any = [
        &params.quality,
        &params.background,
        &params.output_format,
        &params.size,
    ]
    .iter()
    .any(|v| !v.trim().is_empty());
    any.then_some(params)
}

/// Submits job `new` for the caller and goes on to its page.
#[cfg(feature = "ssr")]
async fn submit_and_watch(new: domain::studio::jobs::NewJob) -> Result<(), AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let id = domain::studio::jobs::submit(
        &mut conn,
        ctx.services.studio_limits.jobs,
        ctx.services.openai.is_some(),
        &user,
        &new,
    )
    .await
    .map_err(job_error)?;
    leptos_axum::redirect(&format!("/studio/jobs/{id}"));
    Ok(())
}

/// The form's one-time key.
#[cfg(feature = "ssr")]
fn form_key(key: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(key.trim())
        .map_err(|_| AppError::validation("", "The form is out of date; reload the page."))
}

/// Makes a new picture from `prompt` (OpenAI). On to the job's page.
#[server(prefix = "/api", endpoint = "studio_generate")]
pub async fn generate_picture(
    prompt: String,
    key: String,
    quality: Option<String>,
    background: Option<String>,
    output_format: Option<String>,
    size: Option<String>,
) -> Result<(), AppError> {
    use domain::studio::jobs::{JobKind, NewJob};
    submit_and_watch(NewJob {
        kind: JobKind::Generate,
        image_id: None,
        style: None,
        prompt,
        params: chosen(quality, background, output_format, size),
        idempotency_key: form_key(&key)?,
    })
    .await
}

/// Changes one of the caller's photos as `prompt` says (OpenAI). On to the job's page.
#[server(prefix = "/api", endpoint = "studio_edit_photo")]
pub async fn edit_photo(
    image_id: String,
    prompt: String,
    key: String,
    quality: Option<String>,
    background: Option<String>,
    output_format: Option<String>,
    size: Option<String>,
) -> Result<(), AppError> {
    use domain::studio::jobs::{JobKind, NewJob};
    let image_id = uuid::Uuid::parse_str(image_id.trim()).map_err(|_| AppError::NotFound)?;
    submit_and_watch(NewJob {
        kind: JobKind::Edit,
        image_id: Some(image_id),
        style: None,
        prompt,
        params: chosen(quality, background, output_format, size),
        idempotency_key: form_key(&key)?,
    })
    .await
}

/// Cancels one of the caller's jobs (waiting: at once; running: at its next stage).
#[server(prefix = "/api", endpoint = "studio_cancel_job")]
pub async fn cancel_job(id: String) -> Result<(), AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::studio::jobs::cancel(&mut conn, user.id, id)
        .await
        .map_err(job_error)?;
    leptos_axum::redirect(&format!("/studio/jobs/{id}"));
    Ok(())
}

/// Runs one of the caller's failed jobs again (counted like a new one).
#[server(prefix = "/api", endpoint = "studio_retry_job")]
pub async fn retry_job(id: String) -> Result<(), AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::studio::jobs::retry(&mut conn, ctx.services.studio_limits.jobs, &user, id)
        .await
        .map_err(job_error)?;
    leptos_axum::redirect(&format!("/studio/jobs/{id}"));
    Ok(())
}
