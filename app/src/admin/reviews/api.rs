//! The review moderation queue's server functions (staff only): list by status, approve or
//! reject several at once (audited; the products' rating summaries follow in the same write).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ui::paging::PageRequest;
use crate::ui::paging::Paged;

/// One review in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationItem {
    pub id: i64,
    pub rating: i16,
    pub title: String,
    pub body: String,
    pub status: String,
    pub created_at: String,
    pub product_slug: String,
    pub product_name: String,
    pub author_email: String,
}

#[cfg(feature = "ssr")]
fn parse_status(status: Option<&str>) -> Result<domain::catalog::reviews::ReviewStatus, AppError> {
    use domain::catalog::reviews::ReviewStatus;
    match status.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(ReviewStatus::Pending),
        Some(s) => ReviewStatus::parse(s)
            .ok_or_else(|| AppError::validation("status", "Pick pending, approved or rejected.")),
    }
}

/// Reviews with `status` (pending when absent), oldest first, 50 a page, optionally only those
/// whose product, author email or title contains `q` (staff only).
#[server(prefix = "/api", endpoint = "admin_reviews")]
pub async fn moderation_queue(
    status: Option<String>,
    q: Option<String>,
    page: Option<u32>,
) -> Result<Paged<ModerationItem>, AppError> {
    crate::accounts::auth::require_staff().await?;
    let status = parse_status(status.as_deref())?;
    let request = PageRequest::new(page, 50);
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let rows = domain::catalog::reviews::list_for_moderation(
        &mut conn,
        status,
        q.as_deref().map(str::trim).filter(|q| !q.is_empty()),
        request.limit(),
        request.offset(),
    )
    .await?;
    Ok(request.finish(
        rows.into_iter()
            .map(|r| ModerationItem {
                id: r.id,
                rating: r.rating,
                title: r.title,
                body: r.body,
                status: r.status,
                created_at: r.created_at.date().to_string(),
                product_slug: r.product_slug,
                product_name: r.product_name,
                author_email: r.author_email,
            })
            .collect(),
    ))
}

/// Approves or rejects the ticked reviews (`decision` = `approved` or `rejected`; staff only;
/// audited), then back to the queue it came from.
#[server(prefix = "/api", endpoint = "admin_moderate_reviews")]
pub async fn moderate_reviews(
    ids: Option<Vec<i64>>,
    decision: String,
    status: Option<String>,
) -> Result<usize, AppError> {
    use domain::catalog::reviews::{ReviewStatus, moderate};
    let staff = crate::accounts::auth::require_staff().await?;
    let decision = match ReviewStatus::parse(decision.trim()) {
        Some(d @ (ReviewStatus::Approved | ReviewStatus::Rejected)) => d,
        _ => return Err(AppError::validation("decision", "Pick approve or reject.")),
    };
    let ids = ids.unwrap_or_default();
    if ids.is_empty() {
        return Err(AppError::validation("ids", "Tick at least one review."));
    }
    if ids.len() > 500 {
        return Err(AppError::validation(
            "ids",
            "Moderate at most 500 reviews at once.",
        ));
    }
    let back = parse_status(status.as_deref())?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let request_id = crate::server_context::ServerContext::request_id();
    let changed = moderate(&mut conn, staff.id, &ids, decision, request_id).await?;
    ctx.catalog_changed().await;
    leptos_axum::redirect(&format!(
        "/admin/reviews?status={}&moderated={changed}",
        back.as_str()
    ));
    Ok(changed)
}
