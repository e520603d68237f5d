//! Search suggestions as the shopper types (anyone may ask): categories, brands and products
//! whose names contain the typed text, cached per text until the catalog changes.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// One suggestion: what it is, its label and where it leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// `category`, `brand` or `product`.
    pub kind: String,
    pub label: String,
    pub href: String,
}

/// Suggestions for `q` (at least two characters; at most 3 categories, 3 brands, 6 products).
#[server(prefix = "/api", endpoint = "suggest", input = server_fn::codec::GetUrl)]
pub async fn suggest(q: String) -> Result<Vec<Suggestion>, AppError> {
    let q: String = q.split_whitespace().collect::<Vec<_>>().join(" ");
    let q: String = q.chars().take(60).collect::<String>().to_lowercase();
    if q.chars().count() < 2 {
        return Ok(Vec::new());
    }
    let ctx = crate::server_context::ServerContext::current()?;
    ctx.cached("suggest", &q, load(&ctx, &q)).await
}

#[cfg(feature = "ssr")]
async fn load(
    ctx: &crate::server_context::ServerContext,
    q: &str,
) -> Result<Vec<Suggestion>, AppError> {
    use domain::catalog::{listing, reads};
    let mut conn = ctx.conn().await?;
    let db = AppError::internal;
    let mut out: Vec<Suggestion> = reads::all_categories(&mut conn)
        .await
        .map_err(db)?
        .into_iter()
        .filter(|c| c.name.to_lowercase().contains(q))
        .take(3)
        .map(|c| Suggestion {
            kind: "category".into(),
            href: format!("/categories/{}", c.slug),
            label: c.name,
        })
        .collect();
    out.extend(
        reads::all_brands(&mut conn)
            .await
            .map_err(db)?
            .into_iter()
            .filter(|b| b.name.to_lowercase().contains(q))
            .take(3)
            .map(|b| Suggestion {
                kind: "brand".into(),
                href: format!("/brands/{}", b.slug),
                label: b.name,
            }),
    );
    out.extend(
        listing::suggest_products(&mut conn, q, 6)
            .await
            .map_err(db)?
            .into_iter()
            .map(|(slug, name)| Suggestion {
                kind: "product".into(),
                href: format!("/products/{slug}"),
                label: name,
            }),
    );
    Ok(out)
}
