//! A person's styling results, as their gallery keeps them: made when a job ends done (in the
//! job's own transaction, `jobs::move_to`), then favourited, rated 1–5, downloaded (counted),
//! deleted (the picture's files with it), and optionally shown in the public showcase — which
//! takes the owner publishing it and staff approving it, and which the owner may leave at any
//! time. Every read and write of a person's result is by owner: another person's id is `None`
//! or `false`, as one that does not exist.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::audit::{self, Entry};
use crate::db::schema::{media, studio_jobs, studio_results, styles};
use crate::media::queries::{self, StoreError};
use crate::media::store::MediaStore;

/// Results shown on one gallery page.
pub const PER_PAGE: i64 = 12;

/// Where a result stands with the public showcase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showcase {
    /// Only its owner sees it.
    Private,
    /// Its owner asked to show it; staff have not yet approved.
    Submitted,
    /// Shown at `/studio/showcase`.
    Approved,
}

impl Showcase {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Private => "private",
            Self::Submitted => "submitted",
            Self::Approved => "approved",
        }
    }

    /// The stored value; anything unknown reads as private.
    pub fn from_stored(s: &str) -> Self {
        match s {
            "submitted" => Self::Submitted,
            "approved" => Self::Approved,
            _ => Self::Private,
        }
    }
}

/// One result, with what its pages show.
#[derive(Debug, Clone, PartialEq)]
pub struct StudioResult {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub media_id: Uuid,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    pub variant_widths: Vec<i32>,
    /// The photo it was made from, while that photo exists.
    pub image_id: Option<Uuid>,
    pub kind: String,
    pub prompt: String,
    pub style_name: Option<String>,
    pub style_slug: Option<String>,
    pub favorite: bool,
    pub rating: Option<i16>,
    pub downloads: i32,
    pub showcase: Showcase,
    pub showcase_title: String,
    pub approved_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

type Row = (
    (Uuid, Uuid, Uuid, bool, Option<i16>, i32, String, String),
    (Option<OffsetDateTime>, OffsetDateTime),
    (String, i32, i32, Vec<i32>),
    (Option<Uuid>, String, String),
    Option<(String, String)>,
);

impl StudioResult {
    fn from_row(row: Row) -> Self {
        let (
            (id, owner_id, media_id, favorite, rating, downloads, showcase, showcase_title),
            (approved_at, created_at),
            (content_type, width, height, variant_widths),
            (image_id, kind, prompt),
            style,
        ) = row;
        Self {
            id,
            owner_id,
            media_id,
            content_type,
            width,
            height,
            variant_widths,
            image_id,
            kind,
            prompt,
            style_name: style.as_ref().map(|(name, _)| name.clone()),
            style_slug: style.map(|(_, slug)| slug),
            favorite,
            rating,
            downloads,
            showcase: Showcase::from_stored(&showcase),
            showcase_title,
            approved_at,
            created_at,
        }
    }

    /// The name a person sees: the showcase title, else the style's name, else the kind.
    pub fn title(&self) -> String {
        if !self.showcase_title.is_empty() {
            return self.showcase_title.clone();
        }
        self.style_name
            .clone()
            .unwrap_or_else(|| match self.kind.as_str() {
                "generate" => "Made from words".to_owned(),
                _ => "Changed with words".to_owned(),
            })
    }
}

/// What a gallery page asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only results of this style (its slug).
    pub style: Option<String>,
    /// Only favourites.
    pub favorites: bool,
    /// 1-based.
    pub page: i64,
}

/// The gallery's query, joined to what its cards show.
macro_rules! joined {
    () => {
        studio_results::table
            .inner_join(media::table)
            .inner_join(studio_jobs::table)
            .left_join(styles::table.on(styles::id.nullable().eq(studio_results::style_id)))
            .select((
                (
                    studio_results::id,
                    studio_results::owner_id,
                    studio_results::media_id,
                    studio_results::favorite,
                    studio_results::rating,
                    studio_results::downloads,
                    studio_results::showcase,
                    studio_results::showcase_title,
                ),
                (studio_results::approved_at, studio_results::created_at),
                (
                    media::content_type,
                    media::width,
                    media::height,
                    media::variant_widths,
                ),
                (
                    studio_jobs::image_id,
                    studio_jobs::kind,
                    studio_jobs::prompt,
                ),
                (styles::name, styles::slug).nullable(),
            ))
    };
}

/// Records the result of job `job_id` (inside the transaction that marks it done).
pub async fn create(
    conn: &mut AsyncPgConnection,
    job_id: Uuid,
    owner: Uuid,
    media_id: Uuid,
    style_id: Option<i64>,
) -> QueryResult<()> {
    diesel::insert_into(studio_results::table)
        .values((
            studio_results::id.eq(job_id),
            studio_results::owner_id.eq(owner),
            studio_results::media_id.eq(media_id),
            studio_results::style_id.eq(style_id),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .await?;
    Ok(())
}

/// One page of `owner`'s results, newest first, and how many match in all.
pub async fn list(
    conn: &mut AsyncPgConnection,
    owner: Uuid,
    filter: &Filter,
) -> QueryResult<(Vec<StudioResult>, i64)> {
    let mut query = joined!()
        .filter(studio_results::owner_id.eq(owner))
        .into_boxed();
    let mut count = studio_results::table
        .left_join(styles::table.on(styles::id.nullable().eq(studio_results::style_id)))
        .filter(studio_results::owner_id.eq(owner))
        .into_boxed();
    if let Some(slug) = &filter.style {
        query = query.filter(styles::slug.eq(slug.clone()));
        count = count.filter(styles::slug.eq(slug.clone()));
    }
    if filter.favorites {
        query = query.filter(studio_results::favorite.eq(true));
        count = count.filter(studio_results::favorite.eq(true));
    }
    let total: i64 = count.count().get_result(conn).await?;
    let page = filter.page.max(1);
    let rows: Vec<Row> = query
        .order((studio_results::created_at.desc(), studio_results::id.desc()))
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
        .load(conn)
        .await?;
    Ok((
        rows.into_iter().map(StudioResult::from_row).collect(),
        total,
    ))
}

/// `owner`'s result `id` (someone else's is `None`).
pub async fn find(
    conn: &mut AsyncPgConnection,
    owner: Uuid,
    id: Uuid,
) -> QueryResult<Option<StudioResult>> {
    let row: Option<Row> = joined!()
        .filter(studio_results::owner_id.eq(owner))
        .filter(studio_results::id.eq(id))
        .first(conn)
        .await
        .optional()?;
    Ok(row.map(StudioResult::from_row))
}

/// Result `id`, whoever owns it (jobs and staff).
pub async fn get(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<StudioResult>> {
    let row: Option<Row> = joined!()
        .filter(studio_results::id.eq(id))
        .first(conn)
        .await
        .optional()?;
    Ok(row.map(StudioResult::from_row))
}

/// Whether result `id` is printed in an order (it then cannot be deleted).
pub async fn is_ordered(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<bool> {
    use crate::db::schema::order_lines;
    diesel::select(diesel::dsl::exists(
        order_lines::table.filter(order_lines::result_id.eq(id)),
    ))
    .get_result(conn)
    .await
}

/// The styles `owner` has results of, as (slug, name), for the gallery's filter.
pub async fn styles_used(
    conn: &mut AsyncPgConnection,
    owner: Uuid,
) -> QueryResult<Vec<(String, String)>> {
    studio_results::table
        .inner_join(styles::table.on(styles::id.nullable().eq(studio_results::style_id)))
        .filter(studio_results::owner_id.eq(owner))
        .select((styles::slug, styles::name))
        .distinct()
        .order(styles::name.asc())
        .load(conn)
        .await
}

/// Marks or unmarks `owner`'s result `id` as a favourite; `false` when they have no such result.
pub async fn set_favorite(
    conn: &mut AsyncPgConnection,
    owner: Uuid,
    id: Uuid,
    favorite: bool,
) -> QueryResult<bool> {
    let n = diesel::update(
        studio_results::table
            .filter(studio_results::id.eq(id))
            .filter(studio_results::owner_id.eq(owner)),
    )
    .set(studio_results::favorite.eq(favorite))
    .execute(conn)
    .await?;
    Ok(n == 1)
}

/// Sets `owner`'s rating (1–5, checked by the caller and the table) of result `id`.
pub async fn rate(
    conn: &mut AsyncPgConnection,
    owner: Uuid,
    id: Uuid,
    stars: i16,
) -> QueryResult<bool> {
    let n = diesel::update(
        studio_results::table
            .filter(studio_results::id.eq(id))
            .filter(studio_results::owner_id.eq(owner)),
    )
    .set(studio_results::rating.eq(stars))
    .execute(conn)
    .await?;
    Ok(n == 1)
}

/// Counts one download of `owner`'s result `id`; `false` when they have no such result.
pub async fn count_download(
    conn: &mut AsyncPgConnection,
    owner: Uuid,
    id: Uuid,
) -> QueryResult<bool> {
    let n = diesel::update(
        studio_results::table
            .filter(studio_results::id.eq(id))
            .filter(studio_results::owner_id.eq(owner)),
    )
    .set(studio_results::downloads.eq(studio_results::downloads + 1))
    .execute(conn)
    .await?;
    Ok(n == 1)
}

/// What became of a result asked to be deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    /// Gone, files and all.
    Gone,
    /// The person has no such result.
    NotFound,
    /// It is printed in an order, so it stays.
    Ordered,
}

/// Deletes `owner`'s result `id`: the picture's row (the result's row goes with it, and any
/// cart line printing it) and its files — unless it is printed in an order.
pub async fn delete(
    conn: &mut AsyncPgConnection,
    files: &MediaStore,
    owner: Uuid,
    id: Uuid,
) -> Result<Deleted, StoreError> {
    let media_id: Option<Uuid> = studio_results::table
        .filter(studio_results::id.eq(id))
        .filter(studio_results::owner_id.eq(owner))
        .select(studio_results::media_id)
        .first(conn)
        .await
        .optional()?;
    let Some(media_id) = media_id else {
        return Ok(Deleted::NotFound);
    };
    if is_ordered(conn, id).await? {
        return Ok(Deleted::Ordered);
    }
    queries::delete(conn, files, media_id).await?;
    Ok(Deleted::Gone)
}

/// Why a showcase change was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ShowcaseError {
    #[error("A title for the showcase is at most 80 characters.")]
    TitleTooLong,
    #[error("That picture is not in the showcase queue.")]
    NotSubmitted,
    #[error("No such result.")]
    NotFound,
}

/// Asks for `owner`'s result `id` to be shown in the showcase, under `title` (may be empty);
/// staff approve it before it shows. Publishing again (a new title) goes back to the queue: what
/// the showcase shows is always what staff saw.
pub async fn publish(
    conn: &mut AsyncPgConnection,
    owner: Uuid,
    id: Uuid,
    title: &str,
) -> Result<(), ShowcaseError> {
    let title = title.trim();
    if title.chars().count() > 80 {
        return Err(ShowcaseError::TitleTooLong);
    }
    let n = diesel::update(
        studio_results::table
            .filter(studio_results::id.eq(id))
            .filter(studio_results::owner_id.eq(owner)),
    )
    .set((
        studio_results::showcase.eq(Showcase::Submitted.as_str()),
        studio_results::showcase_title.eq(title),
        studio_results::submitted_at.eq(OffsetDateTime::now_utc()),
        studio_results::approved_at.eq(None::<OffsetDateTime>),
        studio_results::approved_by.eq(None::<Uuid>),
    ))
    .execute(conn)
    .await
    .map_err(|_| ShowcaseError::NotFound)?;
    if n == 1 {
        Ok(())
    } else {
        Err(ShowcaseError::NotFound)
    }
}

/// Takes `owner`'s result `id` out of the showcase (or its queue) at once.
pub async fn withdraw(conn: &mut AsyncPgConnection, owner: Uuid, id: Uuid) -> QueryResult<bool> {
    let n = diesel::update(
        studio_results::table
            .filter(studio_results::id.eq(id))
            .filter(studio_results::owner_id.eq(owner)),
    )
    .set((
        studio_results::showcase.eq(Showcase::Private.as_str()),
        studio_results::approved_at.eq(None::<OffsetDateTime>),
        studio_results::approved_by.eq(None::<Uuid>),
    ))
    .execute(conn)
    .await?;
    Ok(n == 1)
}

/// Staff's decision on a submitted result: approve (shown) or decline (back to private).
/// Only a result still waiting can be decided (a withdrawn one stays withdrawn). Audited.
pub async fn decide(
    conn: &mut AsyncPgConnection,
    staff: Uuid,
    id: Uuid,
    approve: bool,
) -> Result<(), ShowcaseError> {
    conn.transaction(async |conn| {
        let next = if approve {
            Showcase::Approved
        } else {
            Showcase::Private
        };
        let now = OffsetDateTime::now_utc();
        let n = diesel::update(
            studio_results::table
                .filter(studio_results::id.eq(id))
                .filter(studio_results::showcase.eq(Showcase::Submitted.as_str())),
        )
        .set((
            studio_results::showcase.eq(next.as_str()),
            studio_results::approved_at.eq(approve.then_some(now)),
            studio_results::approved_by.eq(approve.then_some(staff)),
        ))
        .execute(conn)
        .await?;
        if n != 1 {
            return Ok(Err(ShowcaseError::NotSubmitted));
        }
        audit::record(
            conn,
            &Entry {
                actor_id: staff,
                action: if approve {
                    "showcase.approve"
                } else {
                    "showcase.decline"
                },
                subject_type: "studio_result",
                subject_id: id.to_string(),
                before: Some(serde_json::json!({ "showcase": "submitted" })),
                after: Some(serde_json::json!({ "showcase": next.as_str() })),
                request_id: None,
            },
        )
        .await?;
        Ok::<_, diesel::result::Error>(Ok(()))
    })
    .await
    .map_err(|_| ShowcaseError::NotFound)?
}

/// Results in the showcase (`Approved`, newest approval first) or waiting for staff
/// (`Submitted`, oldest first), one page of `limit`.
pub async fn in_showcase(
    conn: &mut AsyncPgConnection,
    state: Showcase,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<StudioResult>> {
    let query = joined!()
        .filter(studio_results::showcase.eq(state.as_str()))
        .into_boxed();
    let query = if state == Showcase::Approved {
        query.order((
            studio_results::approved_at.desc(),
            studio_results::id.desc(),
        ))
    } else {
        query.order((studio_results::submitted_at.asc(), studio_results::id.asc()))
    };
    let rows: Vec<Row> = query.limit(limit).offset(offset).load(conn).await?;
    Ok(rows.into_iter().map(StudioResult::from_row).collect())
}

/// Result `id` if it is in the showcase (anyone may see it).
pub async fn shown(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<StudioResult>> {
    let row: Option<Row> = joined!()
        .filter(studio_results::id.eq(id))
        .filter(studio_results::showcase.eq(Showcase::Approved.as_str()))
        .first(conn)
        .await
        .optional()?;
    Ok(row.map(StudioResult::from_row))
}

/// Every picture in the showcase for the sitemap: (id, approval time).
pub async fn showcase_entries(
    conn: &mut AsyncPgConnection,
) -> QueryResult<Vec<(String, OffsetDateTime)>> {
    let rows: Vec<(Uuid, Option<OffsetDateTime>)> = studio_results::table
        .filter(studio_results::showcase.eq(Showcase::Approved.as_str()))
        .order(studio_results::approved_at.desc())
        .limit(50_000)
        .select((studio_results::id, studio_results::approved_at))
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, at)| (id.to_string(), at.unwrap_or(OffsetDateTime::UNIX_EPOCH)))
        .collect())
}

/// How many results the showcase shows.
pub async fn showcase_count(conn: &mut AsyncPgConnection) -> QueryResult<i64> {
    studio_results::table
        .filter(studio_results::showcase.eq(Showcase::Approved.as_str()))
        .count()
        .get_result(conn)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn showcase_states_read_back_what_they_store() {
        for s in [Showcase::Private, Showcase::Submitted, Showcase::Approved] {
            assert_eq!(Showcase::from_stored(s.as_str()), s);
        }
        assert_eq!(Showcase::from_stored("nonsense"), Showcase::Private);
    }
}
