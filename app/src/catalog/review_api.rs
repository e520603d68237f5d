//! Reviews on a product page: the approved ones, paged and ordered (anyone may read), the
//! caller's own (any status), writing or editing it and voting one helpful (signed-in callers
//! only). Moderation lives with the admin's server functions.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ui::paging::Paged;

/// How many reviews a page shows.
pub const REVIEWS_PER_PAGE: u32 = 10;

/// An approved review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    pub id: i64,
    pub author: String,
    pub rating: i16,
    pub title: String,
    pub body: String,
    pub date: String,
    pub helpful: i32,
    pub verified_purchase: bool,
    /// Whether the caller wrote it (they cannot vote for it).
    pub mine: bool,
}

/// The caller's own review of the product, as they last wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnReview {
    pub rating: i16,
    pub title: String,
    pub body: String,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
}

/// The review section of a product page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewsSection {
    pub page: Paged<ReviewView>,
    /// `newest` or `helpful`.
    pub sort: String,
    /// Whether a user is signed in (who may write and vote).
    pub signed_in: bool,
    /// The caller's own review, when they wrote one.
    pub own: Option<OwnReview>,
}

#[cfg(feature = "ssr")]
fn review_error(e: domain::catalog::reviews::ReviewError) -> AppError {
    use domain::catalog::reviews::ReviewError as E;
    match e {
        E::NotFound => AppError::NotFound,
        E::OwnReview => AppError::conflict("You cannot vote for your own review."),
        E::Database(e) => AppError::internal(e),
    }
}

/// One page of a product's approved reviews as every visitor sees it (cached), with each
/// author's id kept on the server to mark the caller's own.
#[cfg(feature = "ssr")]
#[derive(Serialize, Deserialize)]
struct PublicReviews {
    product_id: i64,
    authors: Vec<uuid::Uuid>,
    page: Paged<ReviewView>,
}

/// The approved reviews of the product `slug`, `sort` = `newest` (default) or `helpful`, with
/// the caller's own review when signed in (anyone may ask).
#[server(prefix = "/api", endpoint = "product_reviews", input = server_fn::codec::GetUrl)]
pub async fn product_reviews(
    slug: String,
    sort: Option<String>,
    page: Option<u32>,
) -> Result<ReviewsSection, AppError> {
    use domain::catalog::reads::ReviewOrder;

    use crate::ui::paging::PageRequest;
    let (order, sort) = match sort.as_deref() {
        Some("helpful") => (ReviewOrder::MostHelpful, "helpful"),
        _ => (ReviewOrder::Newest, "newest"),
    };
    let request = PageRequest::new(page, REVIEWS_PER_PAGE);
    let slug = slug.trim().to_owned();
    let ctx = crate::server_context::ServerContext::current()?;
    let key = format!("{slug}|{sort}|{}", request.page);
    let mut public = ctx
        .cached_for_product(
            &slug,
            "reviews",
            &key,
            load_reviews(&ctx, &slug, order, request),
        )
        .await?;
    let Some(user) = crate::accounts::auth::current_user().await? else {
        return Ok(ReviewsSection {
            page: public.page,
            sort: sort.to_owned(),
            signed_in: false,
            own: None,
        });
    };
    for (review, author) in public.page.rows.iter_mut().zip(&public.authors) {
        review.mine = *author == user.id;
    }
    let mut conn = ctx.conn().await?;
    let own = domain::catalog::reviews::own_review(&mut conn, user.id, public.product_id)
        .await?
        .map(|r| OwnReview {
            rating: r.rating,
            title: r.title,
            body: r.body,
            status: r.status,
        });
    Ok(ReviewsSection {
        page: public.page,
        sort: sort.to_owned(),
        signed_in: true,
        own,
    })
}

/// A page of approved reviews from the database.
#[cfg(feature = "ssr")]
async fn load_reviews(
    ctx: &crate::server_context::ServerContext,
    slug: &str,
    order: domain::catalog::reads::ReviewOrder,
    request: crate::ui::paging::PageRequest,
) -> Result<PublicReviews, AppError> {
    use domain::catalog::reads::{self, Lookup};
    use domain::catalog::reviews;
    let mut conn = ctx.conn().await?;
    let db = AppError::internal;
    let product = match reads::product_by_slug(&mut conn, slug).await.map_err(db)? {
        Lookup::Found(p) => p,
        Lookup::Gone(_) => return Err(AppError::Gone),
        Lookup::Moved(_) | Lookup::NotFound => return Err(AppError::NotFound),
    };
    let rows = reads::approved_reviews(
        &mut conn,
        product.id,
        order,
        request.limit(),
        request.offset(),
    )
    .await
    .map_err(db)?;
    let authors: Vec<uuid::Uuid> = rows.iter().map(|r| r.user_id).collect();
    let verified = reviews::verified_purchasers(&mut conn, product.id, &authors)
        .await
        .map_err(db)?;
    let page = request.finish(
        rows.into_iter()
            .map(|r| ReviewView {
                verified_purchase: verified.contains(&r.user_id),
                mine: false,
                id: r.id,
                author: r.author,
                rating: r.rating,
                title: r.title,
                body: r.body,
                date: r.created_at.date().to_string(),
                helpful: r.helpful_count,
            })
            .collect(),
    );
    Ok(PublicReviews {
        product_id: product.id,
        authors: authors.into_iter().take(page.rows.len()).collect(),
        page,
    })
}

/// Writes (or rewrites) the caller's review of the product `slug`; it shows once staff approve
/// it. Back to the product's reviews afterwards.
#[server(prefix = "/api", endpoint = "submit_review")]
pub async fn submit_review(
    slug: String,
    rating: Option<String>,
    title: String,
    body: String,
) -> Result<(), AppError> {
    use super::review_fields::ReviewInput;
    let user = crate::accounts::auth::require_user().await?;
    let valid = ReviewInput {
        rating: rating.unwrap_or_default(),
        title,
        body,
    }
    .validate()
    .map_err(AppError::invalid)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let draft = domain::catalog::reviews::ReviewDraft {
        rating: valid.rating,
        title: valid.title,
        body: valid.body,
    };
    let slug = slug.trim();
    domain::catalog::reviews::submit(&mut conn, user.id, slug, &draft)
        .await
        .map_err(review_error)?;
    ctx.product_changed(slug).await;
    leptos_axum::redirect(&format!("/products/{slug}?review=sent#reviews"));
    Ok(())
}

/// Counts the caller's vote that a review helped (once per review; not their own).
#[server(prefix = "/api", endpoint = "vote_review")]
pub async fn vote_review(id: i64, next: Option<String>) -> Result<(), AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let counted = domain::catalog::reviews::vote_helpful(&mut conn, user.id, id)
        .await
        .map_err(review_error)?;
    if let Some(slug) = counted {
        ctx.product_changed(&slug).await;
    }
    let next = next.unwrap_or_default();
    leptos_axum::redirect(crate::accounts::redirect::local_path_or(&next, "/products"));
    Ok(())
}
