//! The caller's results (`/studio/gallery` and the job's page): list them by style and
//! favourites a page at a time, favourite, rate 1–5, delete, and publish to (or withdraw from)
//! the public showcase. Each write goes back to the page it came from (`back`, a studio path).
//! Another person's result answers 404, as one that does not exist.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::view::ResultCard;
use crate::error::AppError;

/// The widths a result can be downloaded at besides its own: those smaller than it.
pub const DOWNLOAD_WIDTHS: [i32; 3] = [2048, 1200, 600];

/// The card of result `r`, its before at `before_url`.
#[cfg(feature = "ssr")]
pub fn card(
    services: &domain::services::Services,
    r: &domain::studio::results::StudioResult,
    before_url: Option<String>,
) -> ResultCard {
    use super::photos_api::signed;
    let mut download_widths = vec![r.width];
    download_widths.extend(DOWNLOAD_WIDTHS.iter().copied().filter(|w| *w < r.width));
    let prints = domain::studio::prints::SIZES
        .iter()
        .map(|s| super::view::PrintChoice {
            code: s.code.to_owned(),
            label: s.label.to_owned(),
            from: crate::catalog::money::format_price(
                domain::studio::prints::price(s.code, "matte").unwrap_or(0),
                "EUR",
            ),
            too_small: s.too_small_for(r.width.max(0) as u32, r.height.max(0) as u32),
        })
        .collect();
    ResultCard {
        prints,
        id: r.id.to_string(),
        title: r.title(),
        style_name: r.style_name.clone(),
        style_slug: r.style_slug.clone(),
        before_url,
        after_url: signed::original(services, r.media_id, &r.content_type),
        width: r.width,
        height: r.height,
        favorite: r.favorite,
        rating: r.rating,
        downloads: r.downloads,
        showcase: r.showcase.as_str().to_owned(),
        showcase_title: r.showcase_title.clone(),
        download_widths,
        created_at: r.created_at.into(),
    }
}

/// The card of `owner`'s result `r`, with its photo before (if it still exists).
#[cfg(feature = "ssr")]
pub async fn owner_card(
    conn: &mut domain::db::PooledConn,
    services: &domain::services::Services,
    r: &domain::studio::results::StudioResult,
) -> Result<ResultCard, AppError> {
    use super::photos_api::signed;
    let before = signed::photo_of(conn, services, r.owner_id, r.image_id, 1200).await?;
    Ok(card(services, r, before))
}

/// One page of the gallery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gallery {
    pub results: Vec<ResultCard>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// The styles the caller has results of, (slug, name), to filter by.
    pub styles: Vec<(String, String)>,
    pub style: Option<String>,
    pub favorites: bool,
}

/// The caller's results: `style` (a slug) and `favorites` filter, `page` is 1-based.
#[server(prefix = "/api", endpoint = "studio_gallery")]
pub async fn studio_gallery(
    style: Option<String>,
    favorites: Option<String>,
    page: Option<i64>,
) -> Result<Gallery, AppError> {
    use domain::studio::results::{self, Filter, PER_PAGE};
    let user = crate::accounts::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let filter = Filter {
        style: style.filter(|s| !s.trim().is_empty()),
        favorites: favorites.is_some_and(|f| !f.is_empty() && f != "0" && f != "false"),
        page: page.unwrap_or(1).clamp(1, 10_000),
    };
    let (found, total) = results::list(&mut conn, user.id, &filter).await?;
    let mut cards = Vec::with_capacity(found.len());
    for r in &found {
        cards.push(owner_card(&mut conn, &ctx.services, r).await?);
    }
    Ok(Gallery {
        results: cards,
        total,
        page: filter.page,
        pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
        styles: results::styles_used(&mut conn, user.id).await?,
        style: filter.style,
        favorites: filter.favorites,
    })
}

/// Where to go back to after a write: a studio page the form named, else the gallery.
pub fn back_to(back: &str) -> String {
    let ok = back.starts_with("/studio/")
        && !back.starts_with("//")
        && !back.contains("://")
        && !back.contains('\\')
        && back.len() <= 300;
    if ok {
        back.to_owned()
    } else {
        "/studio/gallery".to_owned()
    }
}

/// The caller and result `id` parsed (an unreadable id is a 404).
#[cfg(feature = "ssr")]
async fn mine(id: &str) -> Result<(domain::accounts::User, uuid::Uuid), AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let id = uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    Ok((user, id))
}

/// Marks (or unmarks) one of the caller's results as a favourite.
#[server(prefix = "/api", endpoint = "studio_favorite_result")]
pub async fn favorite_result(id: String, favorite: bool, back: String) -> Result<(), AppError> {
    let (user, id) = mine(&id).await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    if !domain::studio::results::set_favorite(&mut conn, user.id, id, favorite).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect(&back_to(&back));
    Ok(())
}

/// Rates one of the caller's results 1–5 stars (a second rating replaces the first).
#[server(prefix = "/api", endpoint = "studio_rate_result")]
pub async fn rate_result(id: String, stars: i16, back: String) -> Result<(), AppError> {
    let (user, id) = mine(&id).await?;
    if !(1..=5).contains(&stars) {
        return Err(AppError::validation("stars", "A rating is 1 to 5 stars."));
    }
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    if !domain::studio::results::rate(&mut conn, user.id, id, stars).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect(&back_to(&back));
    Ok(())
}

/// Deletes one of the caller's results, its picture's files with it. On to the gallery.
#[server(prefix = "/api", endpoint = "studio_delete_result")]
pub async fn delete_result(id: String) -> Result<(), AppError> {
    let (user, id) = mine(&id).await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    use domain::studio::results::Deleted;
    match domain::studio::results::delete(&mut conn, &ctx.services.media, user.id, id)
        .await
        .map_err(AppError::internal)?
    {
        Deleted::Gone => {}
        Deleted::NotFound => return Err(AppError::NotFound),
        Deleted::Ordered => {
            return Err(AppError::conflict(
                "This picture is printed in one of your orders, so it stays.",
            ));
        }
    }
    leptos_axum::redirect("/studio/gallery?deleted=1");
    Ok(())
}

/// Puts a print of one of the caller's results in their cart: `size` (e.g. `30x40`) on
/// `paper` (`matte` or `glossy`), then on to the cart and the normal checkout.
#[server(prefix = "/api", endpoint = "studio_order_print")]
pub async fn order_print(id: String, size: String, paper: String) -> Result<(), AppError> {
    use domain::cart::CartError;
    use domain::cart::edits::{self, LineKey};
    use domain::studio::prints::{self, PAPERS, PrintSize};
    let (user, id) = mine(&id).await?;
    let size = PrintSize::parse(size.trim())
        .ok_or_else(|| AppError::validation("size", "Choose a print size."))?;
    let paper = PAPERS
        .iter()
        .find(|(code, _)| *code == paper.trim())
        .map(|(code, _)| *code)
        .ok_or_else(|| AppError::validation("paper", "Choose matte or glossy paper."))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    if domain::studio::results::find(&mut conn, user.id, id)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    prints::ensure_product(&mut conn).await?;
    let variant_id = prints::variant(&mut conn, size.code, paper)
        .await?
        .ok_or(AppError::Internal)?;
    let cart_id = domain::cart::for_user(&mut conn, user.id).await?;
    let line = LineKey {
        variant_id,
        result_id: Some(id),
    };
    edits::add(&mut conn, cart_id, line, 1)
        .await
        .map_err(|e| match e {
            CartError::NotFound => AppError::NotFound,
            CartError::Database(e) => AppError::internal(e),
            other => AppError::validation("size", format!("That print cannot be added: {other}.")),
        })?;
    leptos_axum::redirect("/cart");
    Ok(())
}

/// Asks for one of the caller's results to be shown in the public showcase, under `title`;
/// it shows once staff approve it.
#[server(prefix = "/api", endpoint = "studio_publish_result")]
pub async fn publish_result(id: String, title: String, back: String) -> Result<(), AppError> {
    use domain::studio::results::{self, ShowcaseError};
    let (user, id) = mine(&id).await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    results::publish(&mut conn, user.id, id, &title)
        .await
        .map_err(|e| match e {
            ShowcaseError::TitleTooLong => AppError::validation("title", e.to_string()),
            _ => AppError::NotFound,
        })?;
    leptos_axum::redirect(&back_to(&back));
    Ok(())
}

/// Takes one of the caller's results out of the showcase (or its queue) at once.
#[server(prefix = "/api", endpoint = "studio_withdraw_result")]
pub async fn withdraw_result(id: String, back: String) -> Result<(), AppError> {
    let (user, id) = mine(&id).await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    if !domain::studio::results::withdraw(&mut conn, user.id, id).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect(&back_to(&back));
    Ok(())
}
