//! Styling jobs as their owners and the worker see them: submitted (checked, counted against
//! the day's quota and queued in one transaction; a repeated idempotency key answers with the
//! job it already made), cancelled, retried, and moved from state to state only along the
//! moves [`JobState::can_become`] allows, under the row's lock. A move that ends a job in a way
//! that costs nothing (failed, refused, cancelled before running) gives the quota back in the
//! same transaction, once. Every change is announced with `NOTIFY studio_jobs, '<id>'`, so a
//! page watching the job on any instance hears of it.

use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::job_state::{JobState, Stage};
use super::usage::{self, Counter, DailyLimits};
use crate::accounts::{Plan, User};
use crate::db::schema::{studio_images, studio_jobs, styles};
use crate::jobs::queue;
use crate::jobs::run_studio_job::RunStudioJob;

/// The channel job changes are announced on; the payload is the job's id.
pub const CHANNEL: &str = "studio_jobs";

/// What a job makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobKind {
    /// A photo in a catalog style.
    Style,
    /// A photo changed as a prompt says (OpenAI).
    Edit,
    /// A new picture from a prompt alone (OpenAI).
    Generate,
}

impl JobKind {
    /// The value stored in `studio_jobs.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Style => "style",
            Self::Edit => "edit",
            Self::Generate => "generate",
        }
    }

    /// Parses a stored or submitted kind.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Style, Self::Edit, Self::Generate]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// The allowed values of each image parameter (as OpenAI's image API names them).
pub const QUALITIES: [&str; 4] = ["low", "medium", "high", "auto"];
pub const BACKGROUNDS: [&str; 3] = ["auto", "opaque", "transparent"];
pub const FORMATS: [&str; 3] = ["png", "jpeg", "webp"];
pub const SIZES: [&str; 4] = ["auto", "1024x1024", "1024x1536", "1536x1024"];

/// A job's image parameters.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Params {
    pub quality: String,
    pub background: String,
    pub output_format: String,
    pub size: String,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            quality: "medium".into(),
            background: "auto".into(),
            output_format: "png".into(),
            size: "1024x1024".into(),
        }
    }
}

impl Params {
    /// These parameters with each one left empty taken from `base` (a person chooses some,
    /// the style or the usual defaults give the rest).
    pub fn or(self, base: Params) -> Params {
        let pick = |chosen: String, default: String| {
            if chosen.trim().is_empty() {
                default
            } else {
                chosen.trim().to_owned()
            }
        };
        Params {
            quality: pick(self.quality, base.quality),
            background: pick(self.background, base.background),
            output_format: pick(self.output_format, base.output_format),
            size: pick(self.size, base.size),
        }
    }

    /// Checks each value against its list; `Err` names the first field at fault.
    pub fn check(&self) -> Result<(), JobError> {
        let fields: [(&'static str, &str, &[&str]); 4] = [
            ("quality", &self.quality, &QUALITIES),
            ("background", &self.background, &BACKGROUNDS),
            ("output_format", &self.output_format, &FORMATS),
            ("size", &self.size, &SIZES),
        ];
        match fields.iter().find(|(_, v, allowed)| !allowed.contains(v)) {
            Some((field, _, allowed)) => Err(JobError::BadParameter {
                field,
                allowed: allowed.join(", "),
            }),
            None => Ok(()),
        }
    }
}

/// A job a person asks for.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: JobKind,
    /// Their photo (style and edit jobs).
    pub image_id: Option<Uuid>,
    /// The style's slug (style jobs).
    pub style: Option<String>,
    /// What to do (edit and generate jobs; added to a style's own prompt).
    pub prompt: String,
    /// The parameters; `None`: the style's defaults (or the usual ones).
    pub params: Option<Params>,
    /// The form's one-time key: the same key twice is the same job.
    pub idempotency_key: Uuid,
}

/// Why a job was not accepted, or could not be changed.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("Choose one of your photos.")]
    NoPhoto,
    #[error("Choose a style.")]
    NoStyle,
    #[error("This style is for premium members.")]
    PremiumStyle,
    #[error("{0} needs OpenAI, which is not set up on this site.")]
    NeedsOpenAi(&'static str),
    #[error("Say what you would like to see.")]
    PromptRequired,
    #[error("The description is longer than 4000 characters.")]
    PromptTooLong,
    #[error("Choose one of: {allowed}.")]
    BadParameter {
        field: &'static str,
        allowed: String,
    },
    #[error("You have used today's {limit} styles; more tomorrow (midnight UTC).")]
    DailyLimit { limit: u32 },
    #[error("There is no such job.")]
    NotFound,
    #[error("{0}")]
    WrongState(&'static str),
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// One job as pages and the worker read it.
#[derive(Debug, Clone, PartialEq)]
pub struct StudioJob {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub kind: JobKind,
    pub image_id: Option<Uuid>,
    pub style_id: Option<i64>,
    /// The style's name, when it has one (and it still exists).
    pub style_name: Option<String>,
    pub style_slug: Option<String>,
    pub engine: String,
    pub prompt: String,
    pub params: Params,
    pub state: JobState,
    pub stage: Stage,
    pub cancel_requested: bool,
    pub error: Option<String>,
    pub result_media_id: Option<Uuid>,
    /// How many times a worker has started it.
    pub runs: i32,
    pub created_at: time::OffsetDateTime,
    pub started_at: Option<time::OffsetDateTime>,
    pub finished_at: Option<time::OffsetDateTime>,
    /// In-between pictures shown so far in this run (OpenAI's partial images).
    pub partials: i32,
}

type Row = (
    (
        Uuid,
        Uuid,
        String,
        Option<Uuid>,
        Option<i64>,
        String,
        String,
        String,
        String,
        String,
        String,
    ),
    (
        String,
        String,
        bool,
        Option<String>,
        Option<Uuid>,
        i32,
        time::OffsetDateTime,
        Option<time::OffsetDateTime>,
        Option<time::OffsetDateTime>,
        Option<String>,
        Option<String>,
        i32,
    ),
);

impl StudioJob {
    fn from_row(
        (
            (
                id,
                owner_id,
                kind,
                image_id,
                style_id,
                engine,
                prompt,
                quality,
                background,
                output_format,
                size,
            ),
            (
                status,
                stage,
                cancel_requested,
                error,
                result_media_id,
                runs,
                created_at,
                started_at,
                finished_at,
                style_name,
                style_slug,
                partials,
            ),
        ): Row,
    ) -> Self {
        Self {
            id,
            owner_id,
            kind: JobKind::parse(&kind).unwrap_or(JobKind::Style),
            image_id,
            style_id,
            style_name,
            style_slug,
            engine,
            prompt,
            params: Params {
                quality,
                background,
                output_format,
                size,
            },
            state: JobState::parse(&status).unwrap_or(JobState::Failed),
            stage: Stage::parse(&stage).unwrap_or(Stage::Queued),
            cancel_requested,
            error,
            result_media_id,
            runs,
            created_at,
            started_at,
            finished_at,
            partials,
        }
    }
}

/// The jobs matching `filter`, newest first.
async fn load(
    conn: &mut AsyncPgConnection,
    owner: Option<Uuid>,
    id: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<StudioJob>> {
    let mut query = studio_jobs::table
        .left_join(styles::table)
        .select((
            (
                studio_jobs::id,
                studio_jobs::owner_id,
                studio_jobs::kind,
                studio_jobs::image_id,
                studio_jobs::style_id,
                studio_jobs::engine,
                studio_jobs::prompt,
                studio_jobs::quality,
                studio_jobs::background,
                studio_jobs::output_format,
                studio_jobs::size,
            ),
            (
                studio_jobs::status,
                studio_jobs::stage,
                studio_jobs::cancel_requested,
                studio_jobs::error,
                studio_jobs::result_media_id,
                studio_jobs::runs,
                studio_jobs::created_at,
                studio_jobs::started_at,
                studio_jobs::finished_at,
                styles::name.nullable(),
                styles::slug.nullable(),
                studio_jobs::partials,
            ),
        ))
        .order((studio_jobs::created_at.desc(), studio_jobs::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(owner) = owner {
        query = query.filter(studio_jobs::owner_id.eq(owner));
    }
    if let Some(id) = id {
        query = query.filter(studio_jobs::id.eq(id));
    }
    let rows: Vec<Row> = query.load(conn).await?;
    Ok(rows.into_iter().map(StudioJob::from_row).collect())
}

/// Job `id` if `owner` owns it (someone else's is `None`, as one that does not exist).
pub async fn find(
    conn: &mut AsyncPgConnection,
    owner: Uuid,
    id: Uuid,
) -> QueryResult<Option<StudioJob>> {
    Ok(load(conn, Some(owner), Some(id), 1)
        .await?
        .into_iter()
        .next())
}

/// Job `id`, whoever owns it (the worker and staff).
pub async fn get(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<StudioJob>> {
    Ok(load(conn, None, Some(id), 1).await?.into_iter().next())
}

/// `owner`'s latest `limit` jobs, newest first.
pub async fn of_owner(
    conn: &mut AsyncPgConnection,
    owner: Uuid,
    limit: i64,
) -> QueryResult<Vec<StudioJob>> {
    load(conn, Some(owner), None, limit).await
}

/// What staff filter the job list by (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffFilter {
    pub state: Option<JobState>,
    pub kind: Option<JobKind>,
    /// A style's slug.
    pub style: Option<String>,
    /// Part of the owner's email address.
    pub user: Option<String>,
}

/// The latest `limit` jobs of everyone matching `filter`, with their owners' addresses, newest
/// first: the admin's view.
pub async fn for_staff(
    conn: &mut AsyncPgConnection,
    filter: &StaffFilter,
    limit: i64,
) -> QueryResult<Vec<(StudioJob, String)>> {
    use crate::db::schema::users;
    let mut ids = studio_jobs::table
        .inner_join(users::table.on(users::id.eq(studio_jobs::owner_id)))
        .left_join(styles::table)
        .order((studio_jobs::created_at.desc(), studio_jobs::id.desc()))
        .limit(limit)
        .select(studio_jobs::id)
        .into_boxed();
    if let Some(state) = filter.state {
        ids = ids.filter(studio_jobs::status.eq(state.as_str()));
    }
    if let Some(kind) = filter.kind {
        ids = ids.filter(studio_jobs::kind.eq(kind.as_str()));
    }
    if let Some(style) = &filter.style {
        ids = ids.filter(styles::slug.eq(style.clone()));
    }
    if let Some(user) = &filter.user {
        ids = ids.filter(users::email.ilike(crate::db::like_pattern(user)));
    }
    let ids: Vec<Uuid> = ids.load(conn).await?;
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        found.extend(load(conn, None, Some(id), 1).await?);
    }
    let owners: Vec<Uuid> = found.iter().map(|j| j.owner_id).collect();
    let emails: Vec<(Uuid, String)> = users::table
        .filter(users::id.eq_any(&owners))
        .select((users::id, users::email))
        .load(conn)
        .await?;
    Ok(found
        .into_iter()
        .map(|j| {
            let email = emails
                .iter()
                .find(|(id, _)| *id == j.owner_id)
                .map(|(_, e)| e.clone())
                .unwrap_or_default();
            (j, email)
        })
        .collect())
}

/// Announces a change of job `id` to whoever listens (inside the caller's transaction: the
/// notice is sent when it commits).
pub async fn notify(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<()> {
    diesel::sql_query("SELECT pg_notify($1, $2)")
        .bind::<Text, _>(CHANNEL)
        .bind::<Text, _>(id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// What was checked of a new job before it is stored.
struct Checked {
    style_id: Option<i64>,
    engine: &'static str,
    params: Params,
}

/// Checks `new` against the catalog and `owner`'s photos.
async fn check(
    conn: &mut AsyncPgConnection,
    owner: &User,
    openai: bool,
    new: &NewJob,
) -> Result<Checked, JobError> {
    let prompt = new.prompt.trim();
    if prompt.chars().count() > super::moderation::MAX_PROMPT {
        return Err(JobError::PromptTooLong);
    }
    if new.kind != JobKind::Generate {
        let Some(image_id) = new.image_id else {
            return Err(JobError::NoPhoto);
        };
        let owned: i64 = studio_images::table
            .filter(studio_images::id.eq(image_id))
            .filter(studio_images::owner_id.eq(owner.id))
            .count()
            .get_result(conn)
            .await?;
        if owned == 0 {
            return Err(JobError::NoPhoto);
        }
    }
    match new.kind {
        JobKind::Style => {
            let slug = new.style.as_deref().unwrap_or_default();
            let style = super::styles::by_slug(conn, slug)
                .await?
                .ok_or(JobError::NoStyle)?;
            if style.premium && owner.plan() != Plan::Premium && !owner.role().is_staff() {
                return Err(JobError::PremiumStyle);
            }
            let engine = if style.engine == "local" {
                "local"
            } else if openai {
                "openai"
            } else {
                return Err(JobError::NeedsOpenAi("This style"));
            };
            let defaults = Params {
                quality: style.quality,
                background: style.background,
                output_format: style.output_format,
                size: style.size,
            };
            let params = match new.params.clone() {
                Some(chosen) => chosen.or(defaults),
                None => defaults,
            };
            params.check()?;
            if params.background == "transparent" && !style.supports_transparency {
                return Err(JobError::BadParameter {
                    field: "background",
                    allowed: "auto, opaque (this style has no transparent background)".into(),
                });
            }
            Ok(Checked {
                style_id: Some(style.id),
                engine,
                params,
            })
        }
        JobKind::Edit | JobKind::Generate => {
            if !openai {
                return Err(JobError::NeedsOpenAi(if new.kind == JobKind::Edit {
                    "Editing a photo with words"
                } else {
                    "Making a picture from words"
                }));
            }
            if prompt.is_empty() {
                return Err(JobError::PromptRequired);
            }
            let params = new
                .params
                .clone()
                .map_or_else(Params::default, |chosen| chosen.or(Params::default()));
            params.check()?;
            Ok(Checked {
                style_id: None,
                engine: "openai",
                params,
            })
        }
    }
}

/// The job `owner` already made with `key`, if any.
async fn by_key(conn: &mut AsyncPgConnection, owner: Uuid, key: Uuid) -> QueryResult<Option<Uuid>> {
    studio_jobs::table
        .filter(studio_jobs::owner_id.eq(owner))
        .filter(studio_jobs::idempotency_key.eq(key))
        .select(studio_jobs::id)
        .first(conn)
        .await
        .optional()
}

/// Accepts job `new` of `owner`: checks it, counts it against today's quota (`limits`), stores
/// it and queues it, all or nothing. `openai`: whether OpenAI is configured. Returns the job's
/// id; a key already used returns that job's id and counts nothing.
pub async fn submit(
    conn: &mut AsyncPgConnection,
    limits: DailyLimits,
    openai: bool,
    owner: &User,
    new: &NewJob,
) -> Result<Uuid, JobError> {
    if let Some(id) = by_key(conn, owner.id, new.idempotency_key).await? {
        return Ok(id);
    }
    let checked = check(conn, owner, openai, new).await?;
    let limit = limits.for_person(owner.role(), owner.plan());
    let id = Uuid::now_v7();
    let made = conn
        .transaction(async |conn| {
            if usage::take(conn, owner.id, Counter::Jobs, limit)
                .await?
                .is_none()
            {
                return Err(JobError::DailyLimit {
                    limit: limit.unwrap_or(0),
                });
            }
            let inserted: Option<Uuid> = diesel::insert_into(studio_jobs::table)
                .values((
                    studio_jobs::id.eq(id),
                    studio_jobs::owner_id.eq(owner.id),
                    studio_jobs::kind.eq(new.kind.as_str()),
                    studio_jobs::image_id
                        .eq(new.image_id.filter(|_| new.kind != JobKind::Generate)),
                    studio_jobs::style_id.eq(checked.style_id),
                    studio_jobs::engine.eq(checked.engine),
                    studio_jobs::prompt.eq(new.prompt.trim()),
                    studio_jobs::quality.eq(&checked.params.quality),
                    studio_jobs::background.eq(&checked.params.background),
                    studio_jobs::output_format.eq(&checked.params.output_format),
                    studio_jobs::size.eq(&checked.params.size),
                    studio_jobs::quota_day.eq(usage::today()),
                    studio_jobs::idempotency_key.eq(new.idempotency_key),
                ))
                .on_conflict((studio_jobs::owner_id, studio_jobs::idempotency_key))
                .do_nothing()
                .returning(studio_jobs::id)
                .get_result(conn)
                .await
                .optional()?;
            if inserted.is_none() {
                // The same key won a race a moment ago: undo this count, answer with that job.
                return Err(JobError::WrongState("duplicate"));
            }
            if let Some(style_id) = checked.style_id {
                diesel::update(styles::table.find(style_id))
                    .set(styles::usage_count.eq(styles::usage_count + 1))
                    .execute(conn)
                    .await?;
            }
            queue::enqueue(conn, &RunStudioJob { job_id: id }).await?;
            notify(conn, id).await?;
            Ok(id)
        })
        .await;
    match made {
        Err(JobError::WrongState("duplicate")) => by_key(conn, owner.id, new.idempotency_key)
            .await?
            .ok_or(JobError::NotFound),
        other => other,
    }
}

/// What else changes with a move.
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub stage: Option<Stage>,
    pub error: Option<String>,
    pub result_media_id: Option<Uuid>,
}

/// Moves job `id` to `next` if its current state allows it (see [`JobState::can_become`]),
/// under the row's lock, refunding the quota when the move calls for it. Returns the state it
/// came from, or `None` when the move was not allowed (the job ended or was cancelled meanwhile)
/// or there is no such job.
pub async fn move_to(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    next: JobState,
    change: Change,
) -> QueryResult<Option<JobState>> {
    conn.transaction(async |conn| {
        let row: Option<(String, bool, Uuid, time::Date, Option<i64>)> = studio_jobs::table
            .find(id)
            .select((
                studio_jobs::status,
                studio_jobs::quota_taken,
                studio_jobs::owner_id,
                studio_jobs::quota_day,
                studio_jobs::style_id,
            ))
            .for_update()
            .first(conn)
            .await
            .optional()?;
        let Some((status, quota_taken, owner, day, style_id)) = row else {
            return Ok(None);
        };
        let Some(from) = JobState::parse(&status).filter(|from| from.can_become(next)) else {
            return Ok(None);
        };
        let refund = quota_taken && next.refunds_from(from);
        if refund {
            usage::refund_job(conn, owner, day).await?;
        }
        let now = time::OffsetDateTime::now_utc();
        let stage = change.stage.unwrap_or(match next {
            JobState::Pending => Stage::Queued,
            JobState::Running => Stage::Moderating,
            _ => Stage::Finished,
        });
        let ended = !next.is_active();
        diesel::update(studio_jobs::table.find(id))
            .set((
                studio_jobs::status.eq(next.as_str()),
                studio_jobs::stage.eq(stage.as_str()),
                studio_jobs::quota_taken.eq(quota_taken && !refund),
                studio_jobs::error.eq(change
                    .error
                    .map(|e| e.chars().take(2000).collect::<String>())),
                studio_jobs::finished_at.eq(ended.then_some(now)),
            ))
            .execute(conn)
            .await?;
        if let Some(media_id) = change.result_media_id {
            diesel::update(studio_jobs::table.find(id))
                .set(studio_jobs::result_media_id.eq(media_id))
                .execute(conn)
                .await?;
            if next == JobState::Done {
                super::results::create(conn, id, owner, media_id, style_id).await?;
            }
        }
        if next == JobState::Running {
            diesel::update(studio_jobs::table.find(id))
                .set((
                    studio_jobs::runs.eq(studio_jobs::runs + 1),
                    studio_jobs::started_at.eq(now),
                    studio_jobs::partials.eq(0),
                ))
                .execute(conn)
                .await?;
        }
        notify(conn, id).await?;
        Ok(Some(from))
    })
    .await
}

/// Records that running job `id` reached `stage`; `false` when it is no longer running.
pub async fn set_stage(conn: &mut AsyncPgConnection, id: Uuid, stage: Stage) -> QueryResult<bool> {
    conn.transaction(async |conn| {
        let n = diesel::update(studio_jobs::table.find(id))
            .filter(studio_jobs::status.eq(JobState::Running.as_str()))
            .set(studio_jobs::stage.eq(stage.as_str()))
            .execute(conn)
            .await?;
        if n == 1 {
            notify(conn, id).await?;
        }
        Ok(n == 1)
    })
    .await
}

/// Whether the owner asked to cancel running job `id`.
pub async fn cancel_requested(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<bool> {
    Ok(studio_jobs::table
        .find(id)
        .select(studio_jobs::cancel_requested)
        .first(conn)
        .await
        .optional()?
        .unwrap_or(true))
}

/// Cancels `owner`'s job `id`: a waiting job at once (its quota given back), a running one at
/// the engine's next stage (the worker ends it and throws the result away). Returns the job's
/// state after the request.
pub async fn cancel(
    conn: &mut AsyncPgConnection,
    owner: Uuid,
    id: Uuid,
) -> Result<JobState, JobError> {
    let job = find(conn, owner, id).await?.ok_or(JobError::NotFound)?;
    match job.state {
        JobState::Pending => {
            if move_to(conn, id, JobState::Cancelled, Change::default())
                .await?
                .is_some()
            {
                return Ok(JobState::Cancelled);
            }
            // A worker took it a moment ago: ask it to stop.
            request_stop(conn, id).await?;
            Ok(JobState::Running)
        }
        JobState::Running => {
            request_stop(conn, id).await?;
            Ok(JobState::Running)
        }
        _ => Err(JobError::WrongState("This job has already ended.")),
    }
}

/// Flags running job `id` to stop at its next stage.
async fn request_stop(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<()> {
    conn.transaction(async |conn| {
        diesel::update(studio_jobs::table.find(id))
            .filter(
                studio_jobs::status
                    .eq_any([JobState::Pending.as_str(), JobState::Running.as_str()]),
            )
            .set(studio_jobs::cancel_requested.eq(true))
            .execute(conn)
            .await?;
        notify(conn, id).await
    })
    .await
}

/// Staff run failed job `id` again for its owner, without taking from their quota (a failure
/// is the studio's to put right); audited.
pub async fn staff_retry(
    conn: &mut AsyncPgConnection,
    staff: Uuid,
    id: Uuid,
) -> Result<(), JobError> {
    conn.transaction(async |conn| {
        if move_to(conn, id, JobState::Pending, Change::default())
            .await?
            .is_none()
        {
            return Err(JobError::WrongState(
                "Only a failed job can be tried again.",
            ));
        }
        diesel::update(studio_jobs::table.find(id))
            .set((
                studio_jobs::quota_taken.eq(false),
                studio_jobs::cancel_requested.eq(false),
                studio_jobs::error.eq(None::<String>),
            ))
            .execute(conn)
            .await?;
        queue::enqueue(conn, &RunStudioJob { job_id: id }).await?;
        staff_audit(conn, staff, id, "studio_job.retry").await?;
        Ok(())
    })
    .await
}

/// Staff cancel job `id`, whoever owns it (as its owner would: at once while waiting, at the
/// next stage while running); audited.
pub async fn staff_cancel(
    conn: &mut AsyncPgConnection,
    staff: Uuid,
    id: Uuid,
) -> Result<JobState, JobError> {
    let job = get(conn, id).await?.ok_or(JobError::NotFound)?;
    let state = cancel(conn, job.owner_id, id).await?;
    staff_audit(conn, staff, id, "studio_job.cancel").await?;
    Ok(state)
}

/// Records a staff action on job `id`.
async fn staff_audit(
    conn: &mut AsyncPgConnection,
    staff: Uuid,
    id: Uuid,
    action: &str,
) -> QueryResult<()> {
    crate::audit::record(
        conn,
        &crate::audit::Entry {
            actor_id: staff,
            action,
            subject_type: "studio_job",
            subject_id: id.to_string(),
            before: None,
            after: None,
            request_id: None,
        },
    )
    .await
}

/// Runs `owner`'s failed job `id` again: counted against today's quota like a new job, then
/// queued.
pub async fn retry(
    conn: &mut AsyncPgConnection,
    limits: DailyLimits,
    owner: &User,
    id: Uuid,
) -> Result<(), JobError> {
    let job = find(conn, owner.id, id).await?.ok_or(JobError::NotFound)?;
    if job.state != JobState::Failed {
        return Err(JobError::WrongState(
            "Only a failed job can be tried again.",
        ));
    }
    let limit = limits.for_person(owner.role(), owner.plan());
    conn.transaction(async |conn| {
        if usage::take(conn, owner.id, Counter::Jobs, limit)
            .await?
            .is_none()
        {
            return Err(JobError::DailyLimit {
                limit: limit.unwrap_or(0),
            });
        }
        if move_to(conn, id, JobState::Pending, Change::default())
            .await?
            .is_none()
        {
            return Err(JobError::WrongState(
                "Only a failed job can be tried again.",
            ));
        }
        diesel::update(studio_jobs::table.find(id))
            .set((
                studio_jobs::quota_taken.eq(true),
                studio_jobs::quota_day.eq(usage::today()),
                studio_jobs::cancel_requested.eq(false),
                studio_jobs::error.eq(None::<String>),
            ))
            .execute(conn)
            .await?;
        queue::enqueue(conn, &RunStudioJob { job_id: id }).await?;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_checked_against_their_lists() {
        assert!(Params::default().check().is_ok());
        let bad = Params {
            size: "4096x4096".into(),
            ..Params::default()
        };
        assert!(matches!(
            bad.check(),
            Err(JobError::BadParameter { field: "size", .. })
        ));
    }

    #[test]
    fn chosen_parameters_keep_the_defaults_for_what_was_left_empty() {
        let chosen = Params {
            quality: String::new(),
            background: " ".into(),
            output_format: "webp".into(),
            size: String::new(),
        };
        let base = Params {
            quality: "high".into(),
            ..Params::default()
        };
        let p = chosen.or(base);
        assert_eq!(
            (
                p.quality.as_str(),
                p.background.as_str(),
                p.output_format.as_str(),
                p.size.as_str()
            ),
            ("high", "auto", "webp", "1024x1024")
        );
    }

    #[test]
    fn kinds_round_trip() {
        for k in [JobKind::Style, JobKind::Edit, JobKind::Generate] {
            assert_eq!(JobKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(JobKind::parse("paint"), None);
    }
}
