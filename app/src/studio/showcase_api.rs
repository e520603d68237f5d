//! The public showcase's data: results their owners chose to share and staff approved, newest
//! approval first, at the showcase's own public addresses (`/studio/showcase/{id}/{file}`,
//! served only while approved). Anyone may read it; nothing names the person who made it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ui::paging::Paged;

/// Results on one showcase page.
pub const SHOWCASE_PER_PAGE: u32 = 24;

/// One picture in the showcase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowcaseItem {
    pub id: String,
    pub title: String,
    pub style_name: Option<String>,
    pub style_slug: Option<String>,
    /// The full picture's public address.
    pub url: String,
    /// A smaller copy's public address (the full one until copies exist).
    pub thumb_url: String,
    pub width: i32,
    pub height: i32,
    pub approved_at: Option<crate::ui::time::Instant>,
}

/// The showcase item of an approved result `r`.
#[cfg(feature = "ssr")]
pub fn item(r: &domain::studio::results::StudioResult) -> ShowcaseItem {
    use domain::media::upload::extension_of;
    use domain::media::variants::closest_file;
    let base = format!("/studio/showcase/{}", r.id);
    ShowcaseItem {
        id: r.id.to_string(),
        title: r.title(),
        style_name: r.style_name.clone(),
        style_slug: r.style_slug.clone(),
        url: format!("{base}/original.{}", extension_of(&r.content_type)),
        thumb_url: format!(
            "{base}/{}",
            closest_file(&r.content_type, &r.variant_widths, 600)
        ),
        width: r.width,
        height: r.height,
        approved_at: r.approved_at.map(Into::into),
    }
}

/// One page of the showcase.
#[server(prefix = "/api", endpoint = "studio_showcase")]
pub async fn studio_showcase(page: Option<u32>) -> Result<Paged<ShowcaseItem>, AppError> {
    use domain::studio::results::{self, Showcase};
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let request = crate::ui::paging::PageRequest::new(page, SHOWCASE_PER_PAGE);
    let found = results::in_showcase(
        &mut conn,
        Showcase::Approved,
        request.limit(),
        request.offset(),
    )
    .await?;
    Ok(request.finish(found.iter().map(item).collect()))
}

/// One picture of the showcase (404 unless approved).
#[server(prefix = "/api", endpoint = "studio_showcase_item")]
pub async fn studio_showcase_item(id: String) -> Result<ShowcaseItem, AppError> {
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::studio::results::shown(&mut conn, id)
        .await?
        .map(|r| item(&r))
        .ok_or(AppError::NotFound)
}
