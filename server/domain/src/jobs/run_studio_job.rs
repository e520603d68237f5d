//! Job: runs one styling job through its stages — moderating (the local word list, then
//! OpenAI's moderation model when a key is set), styling (the job's engine, watching for a
//! cancel, and keeping each in-between picture OpenAI streams so the page shows it live),
//! saving (the result stored as the owner's private media, sized by its own job) — recording
//! each stage as it starts. A job cancelled meanwhile ends cancelled and its result
//! is thrown away. When the engine is unavailable (OpenAI's circuit is open, or it keeps
//! failing for the moment) the job goes back to waiting and is queued again later, up to
//! [`MAX_RUNS`] runs; then it fails (and its quota is given back). Idempotent: a job that has
//! already ended is left alone, and a run cut off by a lost worker starts again from the top.

use std::time::Duration;

use image::DynamicImage;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Job, JobContext};
use crate::ai::images::PartialImage;
use crate::db::schema::studio_images;
use crate::media::queries::{self, NewImage};
use crate::media::{MediaStore, Visibility, upload};
use crate::studio::engine::{CancelFlag, EngineError, LocalEngine, Request, StyleEngine};
use crate::studio::job_state::{JobState, Stage};
use crate::studio::jobs::{self, Change, JobKind, StudioJob};
use crate::studio::openai_engine::OpenAiEngine;
use crate::studio::{moderation, partials, prompt, styles};

/// How often a running job looks for its owner's cancel.
const CANCEL_POLL: Duration = Duration::from_millis(250);
/// The most runs of one job while its engine is unavailable.
pub const MAX_RUNS: i32 = 6;
/// The first wait before running again after the engine was unavailable (doubling per run).
const FIRST_WAIT: Duration = Duration::from_secs(5);

/// Runs studio job `job_id`.
#[derive(Debug, Serialize, Deserialize)]
pub struct RunStudioJob {
    pub job_id: Uuid,
}

#[async_trait::async_trait]
impl Job for RunStudioJob {
    const NAME: &'static str = "run_studio_job";
    const MAX_ATTEMPTS: i32 = 3;

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let Some(job) = jobs::get(&mut conn, self.job_id).await? else {
            return Ok(());
        };
        if job.cancel_requested {
            end(&mut conn, ctx, &job, JobState::Cancelled, Change::default()).await?;
            return Ok(());
        }
        if jobs::move_to(&mut conn, job.id, JobState::Running, Change::default())
            .await?
            .is_none()
        {
            return Ok(());
        }
        match moderate(ctx, &job).await {
            Ok(None) => {}
            Ok(Some(refusal)) => {
                let change = Change {
                    error: Some(refusal),
                    ..Change::default()
                };
                end(&mut conn, ctx, &job, JobState::Refused, change).await?;
                return Ok(());
            }
            Err(retry_after) => {
                wait_for_engine(&mut conn, &job, retry_after).await?;
                return Ok(());
            }
        }
        if !jobs::set_stage(&mut conn, job.id, Stage::Styling).await? {
            return Ok(());
        }
        let request = match request_for(&mut conn, &ctx.media, &job).await? {
            Ok(request) => request,
            Err(message) => {
                let change = Change {
                    error: Some(message),
                    ..Change::default()
                };
                end(&mut conn, ctx, &job, JobState::Failed, change).await?;
                return Ok(());
            }
        };
        let made = style_watching_for_cancel(ctx, &job, request).await;
        let picture = match made {
            Ok(picture) => picture,
            Err(EngineError::Cancelled) => {
                end(&mut conn, ctx, &job, JobState::Cancelled, Change::default()).await?;
                return Ok(());
            }
            Err(EngineError::Refused(message)) => {
                let change = Change {
                    error: Some(message),
                    ..Change::default()
                };
                end(&mut conn, ctx, &job, JobState::Refused, change).await?;
                return Ok(());
            }
            Err(EngineError::Unavailable { retry_after }) => {
                wait_for_engine(&mut conn, &job, retry_after).await?;
                return Ok(());
            }
            Err(e @ (EngineError::Unsupported(_) | EngineError::Failed(_))) => {
                let change = Change {
                    error: Some(e.to_string()),
                    ..Change::default()
                };
                end(&mut conn, ctx, &job, JobState::Failed, change).await?;
                return Ok(());
            }
        };
        if jobs::cancel_requested(&mut conn, job.id).await? {
            end(&mut conn, ctx, &job, JobState::Cancelled, Change::default()).await?;
            return Ok(());
        }
        if !jobs::set_stage(&mut conn, job.id, Stage::Saving).await? {
            return Ok(());
        }
        let prepared =
            tokio::task::spawn_blocking(move || upload::encode_master(&picture)).await??;
        let image = NewImage {
            prepared: &prepared,
            owner: Some(job.owner_id),
            visibility: Visibility::Private,
            created_by: Some(job.owner_id),
        };
        let media_id = queries::store(&mut conn, &ctx.media, image).await?;
        let done = Change {
            result_media_id: Some(media_id),
            ..Change::default()
        };
        if jobs::move_to(&mut conn, job.id, JobState::Done, done)
            .await?
            .is_none()
        {
            // Cancelled while saving: the result is not kept.
            queries::delete(&mut conn, &ctx.media, media_id).await?;
            end(&mut conn, ctx, &job, JobState::Cancelled, Change::default()).await?;
            return Ok(());
        }
        partials::clear(&ctx.media, job.id).await?;
        tracing::info!(studio.job = %job.id, media.id = %media_id, engine = %job.engine, "studio job done");
        Ok(())
    }
}

/// The photo of `job`, small (512 px at most) as a JPEG, for the moderation model; `None`
/// without a photo (or when it cannot be read: the engine then says so).
async fn photo_for_moderation(ctx: &JobContext, job: &StudioJob) -> Option<Vec<u8>> {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    let image_id = job.image_id?;
    let mut conn = ctx.pool.get().await.ok()?;
    let media_id: Uuid = studio_images::table
        .find(image_id)
        .select(studio_images::media_id)
        .first(&mut conn)
        .await
        .ok()?;
    let stored = queries::find(&mut conn, media_id).await.ok()??;
    let name = if stored.variant_widths.contains(&600) {
        "600.jpg".to_owned()
    } else {
        format!("original.{}", upload::extension_of(&stored.content_type))
    };
    let bytes = ctx
        .media
        .read(stored.visibility, media_id, &name)
        .await
        .ok()?;
    tokio::task::spawn_blocking(move || {
        let small = image::load_from_memory(&bytes)
            .ok()?
            .thumbnail(512, 512)
            .to_rgb8();
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
            .encode_image(&small)
            .ok()?;
        Some(out)
    })
    .await
    .ok()?
}

/// Checks the job's own words and photo: the local word list always, OpenAI's moderation
/// model too (words and the uploaded photo) when a key is set. `Ok(Some(why))`: refused;
/// `Err(retry_after)`: the moderation service is unavailable for now.
async fn moderate(ctx: &JobContext, job: &StudioJob) -> Result<Option<String>, Option<Duration>> {
    if let Err(refusal) = moderation::check_prompt(&job.prompt) {
        return Ok(Some(refusal.to_string()));
    }
    let Some(openai) = &ctx.openai else {
        return Ok(None);
    };
    let photo = photo_for_moderation(ctx, job).await;
    if job.prompt.trim().is_empty() && photo.is_none() {
        return Ok(None);
    }
    if let crate::ai::circuit::Verdict::Open { retry_in } =
        openai.breaker().check(std::time::Instant::now())
    {
        return Err(Some(retry_in));
    }
    let started = std::time::Instant::now();
    let answer = openai.moderate(&job.prompt, photo.as_deref()).await;
    let call = crate::ai::calls::Call {
        endpoint: "moderations",
        model: crate::ai::images::MODERATION_MODEL,
        status: match &answer {
            Ok(_) => Some(200),
            Err(e) => e.status(),
        },
        latency: started.elapsed(),
        error: answer.as_ref().err().map(ToString::to_string),
        job_id: Some(job.id),
    };
    if let Ok(mut conn) = ctx.pool.get().await
        && let Err(e) = crate::ai::calls::record(&mut conn, &call).await
    {
        tracing::warn!(error = %e, "an AI call could not be logged");
    }
    match answer {
        Ok(flagged) if flagged.is_empty() => {
            openai.breaker().succeeded();
            Ok(None)
        }
        Ok(flagged) => {
            openai.breaker().succeeded();
            Ok(Some(format!(
                "The request was refused by moderation ({}). Nothing was counted against today's styles.",
                flagged.join(", ")
            )))
        }
        Err(crate::ai::images::CallError::Transient { .. }) => {
            openai.breaker().failed(std::time::Instant::now());
            Err(None)
        }
        // A moderation call that cannot work (a bad key) must not let content through.
        Err(e) => Ok(Some(format!("The request could not be checked: {e}"))),
    }
}

/// The engine is unavailable for now: back to waiting, queued again after `retry_after` (or a
/// doubling wait); after [`MAX_RUNS`] runs the job fails instead.
async fn wait_for_engine(
    conn: &mut diesel_async::AsyncPgConnection,
    job: &StudioJob,
    retry_after: Option<Duration>,
) -> anyhow::Result<()> {
    use diesel_async::AsyncConnection;
    let runs = jobs::get(conn, job.id).await?.map_or(job.runs, |j| j.runs);
    if runs >= MAX_RUNS {
        let change = Change {
            error: Some(
                "OpenAI has been unavailable for a while; nothing was counted. Please try again later."
                    .into(),
            ),
            ..Change::default()
        };
        jobs::move_to(conn, job.id, JobState::Failed, change).await?;
        return Ok(());
    }
    let doubling = FIRST_WAIT * 2u32.saturating_pow(u32::try_from(runs.max(1) - 1).unwrap_or(0));
    let wait = retry_after
        .unwrap_or(doubling)
        .min(Duration::from_secs(600));
    let at = time::OffsetDateTime::now_utc() + wait;
    let id = job.id;
    conn.transaction(async |conn| {
        if jobs::move_to(conn, id, JobState::Pending, Change::default())
            .await?
            .is_some()
        {
            super::queue::enqueue_at(conn, &RunStudioJob { job_id: id }, Some(at)).await?;
        }
        Ok::<_, diesel::result::Error>(())
    })
    .await?;
    tracing::info!(studio.job = %id, wait_seconds = wait.as_secs(), "engine unavailable; the job waits");
    Ok(())
}

/// Ends the job in `state` (if it may still move there), drops its in-between pictures, and
/// logs it.
async fn end(
    conn: &mut diesel_async::AsyncPgConnection,
    ctx: &JobContext,
    job: &StudioJob,
    state: JobState,
    change: Change,
) -> anyhow::Result<()> {
    let error = change.error.clone();
    if jobs::move_to(conn, job.id, state, change).await?.is_some() {
        tracing::info!(studio.job = %job.id, state = state.as_str(), error = ?error, "studio job ended");
    }
    partials::clear(&ctx.media, job.id).await?;
    Ok(())
}

/// Keeps each in-between picture OpenAI streams as the job's latest (the page shows it at
/// once), until the engine is done; a picture that cannot be kept is logged and skipped.
async fn keep_partials(
    ctx: JobContext,
    job: StudioJob,
    mut arriving: tokio::sync::mpsc::UnboundedReceiver<PartialImage>,
) {
    while let Some(partial) = arriving.recv().await {
        let kept = match ctx.pool.get().await {
            Ok(mut conn) => {
                partials::save(
                    &mut conn,
                    &ctx.media,
                    job.id,
                    &job.params.output_format,
                    &partial,
                )
                .await
            }
            Err(e) => Err(e.into()),
        };
        match kept {
            Ok(true) => {
                tracing::debug!(studio.job = %job.id, index = partial.index, "in-between picture shown");
            }
            Ok(false) => {}
            Err(e) => {
                tracing::warn!(studio.job = %job.id, error = %e, "an in-between picture was not kept");
            }
        }
    }
}

/// What the engine needs for `job`: its photo decoded, the style's look or filled prompt.
/// `Ok(Err(message))`: the job cannot run (its photo or style is gone).
async fn request_for(
    conn: &mut diesel_async::AsyncPgConnection,
    files: &MediaStore,
    job: &StudioJob,
) -> anyhow::Result<Result<Request, String>> {
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;

    let photo = match job.image_id {
        None if job.kind == JobKind::Generate => None,
        None => {
            return Ok(Err(
                "The photo was deleted before it could be styled.".into()
            ));
        }
        Some(image_id) => {
            let media_id: Option<Uuid> = studio_images::table
                .find(image_id)
                .select(studio_images::media_id)
                .first(conn)
                .await
                .optional()?;
            let Some(media_id) = media_id else {
                return Ok(Err(
                    "The photo was deleted before it could be styled.".into()
                ));
            };
            let Some(stored) = queries::find(conn, media_id).await? else {
                return Ok(Err(
                    "The photo was deleted before it could be styled.".into()
                ));
            };
            let name = format!("original.{}", upload::extension_of(&stored.content_type));
            let bytes = files.read(stored.visibility, media_id, &name).await?;
            let decoded =
                tokio::task::spawn_blocking(move || upload::decode_checked(&bytes)).await?;
            match decoded {
                Ok(picture) => Some(picture),
                Err(e) => return Ok(Err(format!("The photo could not be read: {e}"))),
            }
        }
    };
    let style = match job.style_slug.as_deref() {
        Some(slug) => styles::by_slug(conn, slug).await?,
        None => None,
    };
    if job.kind == JobKind::Style && style.is_none() {
        return Ok(Err("The style is no longer offered.".into()));
    }
    let recipe = style.as_ref().and_then(styles::Style::recipe);
    let prompt = match &style {
        Some(style) if !style.prompt_template.is_empty() => prompt::fill(
            &style.prompt_template,
            "the photo",
            &style.name,
            &job.prompt,
        ),
        _ => job.prompt.clone(),
    };
    Ok(Ok(Request {
        kind: job.kind,
        photo,
        recipe,
        prompt,
        params: job.params.clone(),
    }))
}

/// Runs the job's engine while a watcher raises the cancel flag as soon as the owner cancels.
async fn style_watching_for_cancel(
    ctx: &JobContext,
    job: &StudioJob,
    request: Request,
) -> Result<DynamicImage, EngineError> {
    let flag = CancelFlag::new();
    let watcher = {
        let flag = flag.clone();
        let pool = ctx.pool.clone();
        let id = job.id;
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(CANCEL_POLL).await;
                let Ok(mut conn) = pool.get().await else {
                    continue;
                };
                if jobs::cancel_requested(&mut conn, id).await.unwrap_or(false) {
                    flag.cancel();
                    return;
                }
            }
        })
    };
    let made = match (job.engine.as_str(), &ctx.openai) {
        ("local", _) => LocalEngine.run(request, flag).await,
        (_, Some(openai)) => {
            let (to_page, arriving) = tokio::sync::mpsc::unbounded_channel();
            let keeper = tokio::spawn(keep_partials(ctx.clone(), job.clone(), arriving));
            let engine = OpenAiEngine {
                client: openai.clone(),
                pool: ctx.pool.clone(),
                job_id: Some(job.id),
                partials: Some(to_page),
            };
            let made = engine.run(request, flag).await;
            // The engine (and so the sender) is gone: the keeper ends after the last picture.
            drop(engine);
            if let Err(e) = keeper.await {
                tracing::warn!(error = %e, "the in-between pictures' keeper stopped");
            }
            made
        }
        (_, None) => Err(EngineError::Unsupported(
            "This style needs OpenAI, which is not set up on this site.".into(),
        )),
    };
    watcher.abort();
    made
}
