//! The style catalog as visitors browse it: every active style, filtered by category and
//! sorted by popularity (jobs in the last 7 days, recounted every 30 minutes by
//! `count_style_popularity`), novelty or name; and one style.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::view::{CategoryLink, StyleCard};
use crate::error::AppError;

/// How a listing is sorted.
pub const SORTS: [(&str, &str); 3] = [("popular", "Popular"), ("new", "New"), ("name", "A–Z")];

/// `/studio/styles`'s data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StyleListing {
    pub styles: Vec<StyleCard>,
    pub categories: Vec<CategoryLink>,
    pub category: Option<String>,
    pub sort: String,
}

/// What a listing asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wanted {
    pub category: Option<String>,
    pub sort: String,
}

/// The public address of a picture's copy closest to 600 px wide (the master until copies exist).
#[cfg(feature = "ssr")]
fn picture_url(p: &domain::studio::styles::Picture) -> String {
    use domain::media::store::url;
    match p
        .variant_widths
        .iter()
        .filter(|w| **w >= 600)
        .min()
        .or(p.variant_widths.iter().max())
    {
        Some(w) => url(p.media_id, &format!("{w}.webp")),
        None => url(
            p.media_id,
            &format!(
                "original.{}",
                domain::media::upload::extension_of(&p.content_type)
            ),
        ),
    }
}

/// An example as pages show it.
#[cfg(feature = "ssr")]
fn example_view(e: &domain::studio::styles::Example) -> super::view::ExampleView {
    super::view::ExampleView {
        caption: e.caption.clone(),
        before_url: picture_url(&e.before),
        after_url: picture_url(&e.after),
        width: e.after.width,
        height: e.after.height,
    }
}

/// Up to `count` styles with an example, one per category first: the home page's "Try a style".
#[server(prefix = "/api", endpoint = "studio_examples")]
pub async fn studio_examples(count: usize) -> Result<Vec<StyleCard>, AppError> {
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let all = cards(&mut conn, &Wanted::default()).await?;
    // The same four on every visit, whatever is popular: these first, when they have examples.
    const FIRST: [&str; 4] = ["watercolour", "pop-art", "pencil-sketch", "vintage"];
    let mut with: Vec<StyleCard> = all.into_iter().filter(|s| !s.examples.is_empty()).collect();
    with.sort_by_key(|s| {
        FIRST
            .iter()
            .position(|f| *f == s.slug)
            .unwrap_or(FIRST.len())
    });
    let mut chosen: Vec<StyleCard> = Vec::new();
    for s in &with {
        if chosen.len() < count && !chosen.iter().any(|c| c.category_slug == s.category_slug) {
            chosen.push(s.clone());
        }
    }
    for s in with {
        if chosen.len() < count && !chosen.iter().any(|c| c.slug == s.slug) {
            chosen.push(s);
        }
    }
    Ok(chosen)
}

/// The active styles `wanted` asks for, as cards.
#[cfg(feature = "ssr")]
pub(crate) async fn cards(
    conn: &mut domain::db::PooledConn,
    wanted: &Wanted,
) -> Result<Vec<StyleCard>, AppError> {
    use domain::studio::styles;
    let listing = styles::Listing {
        category: wanted.category.clone(),
        newest: wanted.sort == "new",
    };
    let found = styles::list(conn, &listing).await?;
    let categories = styles::categories(conn).await?;
    let ids: Vec<i64> = found.iter().map(|s| s.id).collect();
    let examples = styles::examples(conn, &ids).await?;
    let mut cards: Vec<(i64, StyleCard)> = found
        .into_iter()
        .map(|s| {
            let category = categories.iter().find(|c| c.id == s.category_id);
            let recent = s.recent_uses;
            let examples = examples
                .iter()
                .filter(|e| e.style_id == s.id)
                .map(example_view)
                .collect();
            (
                recent,
                StyleCard {
                    rating: s.rating(),
                    slug: s.slug,
                    name: s.name,
                    description: s.description,
                    category: category.map(|c| c.name.clone()).unwrap_or_default(),
                    category_slug: category.map(|c| c.slug.clone()).unwrap_or_default(),
                    icon: category.map(|c| c.icon.clone()).unwrap_or_default(),
                    colour: category
                        .map(|c| c.colour.clone())
                        .unwrap_or_else(|| "#4f46e5".into()),
                    engine: s.engine,
                    premium: s.premium,
                    ratings: s.rating_count,
                    uses: s.usage_count,
                    examples,
                },
            )
        })
        .collect();
    match wanted.sort.as_str() {
        "new" => {}
        "name" => cards.sort_by(|a, b| a.1.name.cmp(&b.1.name)),
        _ => cards.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.uses.cmp(&a.1.uses))),
    }
    Ok(cards.into_iter().map(|(_, c)| c).collect())
}

/// The catalog, filtered and sorted (anyone may browse).
#[server(prefix = "/api", endpoint = "studio_styles")]
pub async fn studio_styles(
    category: Option<String>,
    sort: Option<String>,
) -> Result<StyleListing, AppError> {
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let sort = sort
        .filter(|s| SORTS.iter().any(|(k, _)| k == s))
        .unwrap_or_else(|| "popular".into());
    let category = category.filter(|c| !c.is_empty());
    let wanted = Wanted {
        category: category.clone(),
        sort: sort.clone(),
    };
    let styles = cards(&mut conn, &wanted).await?;
    let categories = domain::studio::styles::categories(&mut conn)
        .await?
        .into_iter()
        .map(|c| CategoryLink {
            slug: c.slug,
            name: c.name,
            icon: c.icon,
        })
        .collect();
    Ok(StyleListing {
        styles,
        categories,
        category,
        sort,
    })
}

/// `/studio/styles/{slug}`'s data: the style, and the visitor's own favourite and rating.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StyleDetail {
    pub style: StyleCard,
    pub signed_in: bool,
    pub favorite: bool,
    pub my_rating: Option<i16>,
}

/// One style (404 for an unknown or withdrawn one), with the visitor's favourite and rating.
#[server(prefix = "/api", endpoint = "studio_style")]
pub async fn studio_style(slug: String) -> Result<StyleDetail, AppError> {
    use domain::studio::styles;
    let user = crate::accounts::auth::current_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let all = cards(&mut conn, &Wanted::default()).await?;
    let style = all
        .into_iter()
        .find(|s| s.slug == slug)
        .ok_or(AppError::NotFound)?;
    let (favorite, my_rating) = match (&user, styles::by_slug(&mut conn, &slug).await?) {
        (Some(user), Some(row)) => (
            styles::favorites_of(&mut conn, user.id)
                .await?
                .contains(&row.id),
            styles::rating_of(&mut conn, user.id, row.id).await?,
        ),
        _ => (false, None),
    };
    Ok(StyleDetail {
        style,
        signed_in: user.is_some(),
        favorite,
        my_rating,
    })
}

/// The id of the active style `slug` (404 otherwise).
#[cfg(feature = "ssr")]
async fn style_id(conn: &mut domain::db::PooledConn, slug: &str) -> Result<i64, AppError> {
    domain::studio::styles::by_slug(conn, slug)
        .await?
        .map(|s| s.id)
        .ok_or(AppError::NotFound)
}

/// Saves (`favorite`) or forgets a style among the caller's favourites. Back to the style.
#[server(prefix = "/api", endpoint = "studio_favorite_style")]
pub async fn favorite_style(slug: String, favorite: bool) -> Result<(), AppError> {
    let user = crate::accounts::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let id = style_id(&mut conn, &slug).await?;
    domain::studio::styles::set_favorite(&mut conn, user.id, id, favorite)
        .await
        .map_err(|_| AppError::NotFound)?;
    leptos_axum::redirect(&format!("/studio/styles/{slug}"));
    Ok(())
}

/// Rates a style 1–5 stars (a second rating replaces the first). Back to the style.
#[server(prefix = "/api", endpoint = "studio_rate_style")]
pub async fn rate_style(slug: String, stars: i16) -> Result<(), AppError> {
    use domain::studio::styles::StyleError;
    let user = crate::accounts::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let id = style_id(&mut conn, &slug).await?;
    domain::studio::styles::rate(&mut conn, user.id, id, stars)
        .await
        .map_err(|e| match e {
            StyleError::BadRating => AppError::validation("stars", e.to_string()),
            StyleError::NotFound => AppError::NotFound,
            other => AppError::internal(other),
        })?;
    leptos_axum::redirect(&format!("/studio/styles/{slug}?rated=1"));
    Ok(())
}
