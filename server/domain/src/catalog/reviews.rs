//! Reviews: one per shopper per product (writing again edits it), moderated by staff before it
//! shows or counts; "helpful" votes, one per shopper per review. Every write that changes which
//! reviews count refreshes the product's rating summary in the same transaction, so pages never
//! recompute it.

use std::collections::HashSet;

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use super::writes::refresh_rating_summary;
use crate::audit;
use crate::db::schema::{products, review_votes, reviews, users};

/// A review's moderation state: only approved reviews show and count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewStatus {
    Pending,
    Approved,
    Rejected,
}

impl ReviewStatus {
    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    /// Parses a stored or submitted value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(Self::Pending),
            "approved" => Some(Self::Approved),
            "rejected" => Some(Self::Rejected),
            _ => None,
        }
    }
}

/// A review as its author wrote it (already checked by the caller: rating 1..=5, title and body
/// within their lengths).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewDraft {
    pub rating: i16,
    pub title: String,
    pub body: String,
}

/// A stored review.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = reviews, check_for_backend(diesel::pg::Pg))]
pub struct Review {
    pub id: i64,
    pub product_id: i64,
    pub user_id: Uuid,
    pub rating: i16,
    pub title: String,
    pub body: String,
    pub status: String,
    pub helpful_count: i32,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl Review {
    /// The parsed status (the column is constrained; unknown values read as pending).
    pub fn status(&self) -> ReviewStatus {
        ReviewStatus::parse(&self.status).unwrap_or(ReviewStatus::Pending)
    }
}

/// Why a review write was refused.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("no such product or review")]
    NotFound,
    #[error("you cannot vote for your own review")]
    OwnReview,
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// The id of the active product with this slug.
async fn active_product_id(conn: &mut AsyncPgConnection, slug: &str) -> Result<i64, ReviewError> {
    super::reads::active_product_id(conn, slug)
        .await?
        .ok_or(ReviewError::NotFound)
}

/// Writes `user_id`'s review of the product `slug`, or replaces their earlier one. Either way it
/// waits for moderation again; if the earlier one was approved, the product's summary stops
/// counting it in the same transaction.
pub async fn submit(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    slug: &str,
    draft: &ReviewDraft,
) -> Result<Review, ReviewError> {
    conn.transaction(async |conn| {
        let product_id = active_product_id(conn, slug).await?;
        let was_approved: bool = reviews::table
            .filter(reviews::product_id.eq(product_id))
            .filter(reviews::user_id.eq(user_id))
            .filter(reviews::status.eq(ReviewStatus::Approved.as_str()))
            .select(reviews::id)
            .for_update()
            .first::<i64>(conn)
            .await
            .optional()?
            .is_some();
        let pending = ReviewStatus::Pending.as_str();
        let review: Review = diesel::insert_into(reviews::table)
            .values((
                reviews::product_id.eq(product_id),
                reviews::user_id.eq(user_id),
                reviews::rating.eq(draft.rating),
                reviews::title.eq(&draft.title),
                reviews::body.eq(&draft.body),
                reviews::status.eq(pending),
            ))
            .on_conflict((reviews::product_id, reviews::user_id))
            .do_update()
            .set((
                reviews::rating.eq(draft.rating),
                reviews::title.eq(&draft.title),
                reviews::body.eq(&draft.body),
                reviews::status.eq(pending),
            ))
            .returning(Review::as_returning())
            .get_result(conn)
            .await?;
        if was_approved {
            refresh_rating_summary(conn, &[product_id]).await?;
        }
        Ok(review)
    })
    .await
}

/// `user_id`'s own review of a product, whatever its status.
pub async fn own_review(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    product_id: i64,
) -> QueryResult<Option<Review>> {
    reviews::table
        .filter(reviews::product_id.eq(product_id))
        .filter(reviews::user_id.eq(user_id))
        .select(Review::as_select())
        .first(conn)
        .await
        .optional()
}

/// Counts `user_id`'s vote that an approved review helped; voting twice counts once, and
/// nobody votes for their own review. Returns the reviewed product's slug when this vote was
/// new (its pages changed), `None` when it was counted before.
pub async fn vote_helpful(
    conn: &mut AsyncPgConnection,
    user_id: Uuid,
    review_id: i64,
) -> Result<Option<String>, ReviewError> {
    conn.transaction(async |conn| {
        let (author, slug): (Uuid, String) = reviews::table
            .inner_join(crate::db::schema::products::table)
            .filter(reviews::id.eq(review_id))
            .filter(reviews::status.eq(ReviewStatus::Approved.as_str()))
            .select((reviews::user_id, crate::db::schema::products::slug))
            .first(conn)
            .await
            .optional()?
            .ok_or(ReviewError::NotFound)?;
        if author == user_id {
            return Err(ReviewError::OwnReview);
        }
        let inserted = diesel::insert_into(review_votes::table)
            .values((
                review_votes::review_id.eq(review_id),
                review_votes::user_id.eq(user_id),
            ))
            .on_conflict_do_nothing()
            .execute(conn)
            .await?;
        if inserted == 1 {
            diesel::update(reviews::table.find(review_id))
                .set(reviews::helpful_count.eq(reviews::helpful_count + 1))
                .execute(conn)
                .await?;
        }
        Ok((inserted == 1).then_some(slug))
    })
    .await
}

/// Which of `user_ids` bought the product, for the "verified purchase" badge (an order with
/// it that was not cancelled or refunded).
pub async fn verified_purchasers(
    conn: &mut AsyncPgConnection,
    product_id: i64,
    user_ids: &[Uuid],
) -> QueryResult<HashSet<Uuid>> {
    crate::orders::recommendations::purchasers_among(conn, product_id, user_ids).await
}

/// A review in the moderation queue, with its product and author.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct ModerationRow {
    pub id: i64,
    pub rating: i16,
    pub title: String,
    pub body: String,
    pub status: String,
    pub created_at: OffsetDateTime,
    pub product_slug: String,
    pub product_name: String,
    pub author_email: String,
}

/// Reviews with `status`, oldest first (the queue is worked from the front), optionally only
/// those whose product name, author email or title contains `q`.
pub async fn list_for_moderation(
    conn: &mut AsyncPgConnection,
    status: ReviewStatus,
    q: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<ModerationRow>> {
    let mut query = reviews::table
        .inner_join(products::table)
        .inner_join(users::table)
        .filter(reviews::status.eq(status.as_str()))
        .into_boxed();
    if let Some(q) = q {
        let pattern = crate::db::like_pattern(q);
        query = query.filter(
            products::name
                .ilike(pattern.clone())
                .or(users::email.ilike(pattern.clone()))
                .or(reviews::title.ilike(pattern)),
        );
    }
    query
        .order((reviews::updated_at.asc(), reviews::id.asc()))
        .select((
            reviews::id,
            reviews::rating,
            reviews::title,
            reviews::body,
            reviews::status,
            reviews::created_at,
            products::slug,
            products::name,
            users::email,
        ))
        .limit(limit)
        .offset(offset)
        .load(conn)
        .await
}

/// Sets `decision` on the reviews `ids` on behalf of staff `actor_id`: one audit entry per
/// review that changed, and the rating summary of every product touched, all in one
/// transaction. Returns how many reviews changed.
pub async fn moderate(
    conn: &mut AsyncPgConnection,
    actor_id: Uuid,
    ids: &[i64],
    decision: ReviewStatus,
    request_id: Option<String>,
) -> QueryResult<usize> {
    conn.transaction(async |conn| {
        let before: Vec<(i64, i64, String)> = reviews::table
            .filter(reviews::id.eq_any(ids))
            .filter(reviews::status.ne(decision.as_str()))
            .select((reviews::id, reviews::product_id, reviews::status))
            .order(reviews::id)
            .for_update()
            .load(conn)
            .await?;
        if before.is_empty() {
            return Ok(0);
        }
        let changed: Vec<i64> = before.iter().map(|(id, _, _)| *id).collect();
        diesel::update(reviews::table.filter(reviews::id.eq_any(&changed)))
            .set(reviews::status.eq(decision.as_str()))
            .execute(conn)
            .await?;
        let mut product_ids: Vec<i64> = before.iter().map(|(_, p, _)| *p).collect();
        product_ids.sort_unstable();
        product_ids.dedup();
        refresh_rating_summary(conn, &product_ids).await?;
        let action = format!("review.{}", decision.as_str());
        for (id, product_id, status) in &before {
            audit::record(
                conn,
                &audit::Entry {
                    actor_id,
                    action: &action,
                    subject_type: "review",
                    subject_id: id.to_string(),
                    before: Some(serde_json::json!({"status": status, "product_id": product_id})),
                    after: Some(serde_json::json!({"status": decision.as_str()})),
                    request_id: request_id.clone(),
                },
            )
            .await?;
        }
        Ok(before.len())
    })
    .await
}

/// How many reviews wait for moderation.
pub async fn count_pending(conn: &mut AsyncPgConnection) -> QueryResult<i64> {
    reviews::table
        .filter(reviews::status.eq(ReviewStatus::Pending.as_str()))
        .count()
        .get_result(conn)
        .await
}
