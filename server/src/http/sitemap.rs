//! `/robots.txt` and the sitemaps: `/sitemap.xml` is an index of `/sitemaps/products-{n}.xml`,
//! `/sitemaps/categories.xml`, `/sitemaps/brands.xml`, `/sitemaps/styles.xml` (the studio's
//! styles) and `/sitemaps/showcase.xml` (its approved showcase pictures), each URL with its
//! `lastmod`.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::catalog::sitemap;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::state::AppState;

/// The paths crawlers are kept out of (private or per-visitor pages).
const DISALLOWED: [&str; 8] = [
    "/account",
    "/admin",
    "/api/",
    "/cart",
    "/checkout",
    "/orders",
    "/logout",
    "/dashboard",
];

/// `/robots.txt`: the private areas and where the sitemap is.
pub async fn robots(State(state): State<AppState>) -> Response {
    let mut body = String::from("User-agent: *\n");
    for path in DISALLOWED {
        body.push_str(&format!("Disallow: {path}\n"));
    }
    body.push_str(&format!(
        "\nSitemap: {}/sitemap.xml\n",
        state.config.public_url
    ));
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

fn xml(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// Escapes the five XML special characters.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn date(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

fn url_set(base: &str, prefix: &str, entries: &[(String, OffsetDateTime)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (slug, changed) in entries {
        out.push_str(&format!(
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            escape(&format!("{base}{prefix}{slug}")),
            date(*changed)
        ));
    }
    out.push_str("</urlset>\n");
    out
}

fn unavailable(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "sitemap query failed");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

/// `/sitemap.xml`: the index of every sitemap file.
pub async fn index(State(state): State<AppState>) -> Response {
    let Ok(mut conn) = state.services.pool.get().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let count = match sitemap::active_product_count(&mut conn).await {
        Ok(n) => n,
        Err(e) => return unavailable(e),
    };
    let base = &state.config.public_url;
    let files = (count + sitemap::PRODUCTS_PER_FILE - 1) / sitemap::PRODUCTS_PER_FILE;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut names: Vec<String> = (0..files.max(1))
        .map(|n| format!("products-{n}.xml"))
        .collect();
    names.push("categories.xml".into());
    names.push("brands.xml".into());
    names.push("styles.xml".into());
    names.push("showcase.xml".into());
    for name in names {
        out.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            escape(&format!("{base}/sitemaps/{name}"))
        ));
    }
    out.push_str("</sitemapindex>\n");
    xml(out)
}

/// `/sitemaps/{file}`: one sitemap file.
pub async fn file(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Ok(mut conn) = state.services.pool.get().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let base = &state.config.public_url;
    let entries = match file.as_str() {
        "categories.xml" => sitemap::category_entries(&mut conn)
            .await
            .map(|e| (e, "/categories/")),
        "brands.xml" => sitemap::brand_entries(&mut conn)
            .await
            .map(|e| (e, "/brands/")),
        "styles.xml" => domain::studio::styles::sitemap_entries(&mut conn)
            .await
            .map(|e| (e, "/studio/styles/")),
        "showcase.xml" => domain::studio::results::showcase_entries(&mut conn)
            .await
            .map(|e| (e, "/studio/showcase/")),
        other => {
            let Some(n) = other
                .strip_prefix("products-")
                .and_then(|s| s.strip_suffix(".xml"))
                .and_then(|n| n.parse::<i64>().ok())
                .filter(|n| (0..10_000).contains(n))
            else {
                return StatusCode::NOT_FOUND.into_response();
            };
            sitemap::product_entries(&mut conn, n)
                .await
                .map(|e| (e, "/products/"))
        }
    };
    match entries {
        Ok((entries, prefix)) => xml(url_set(base, prefix, &entries)),
        Err(e) => unavailable(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_escaped() {
        let set = url_set(
            "https://x.example",
            "/products/",
            &[("a&b".into(), OffsetDateTime::UNIX_EPOCH)],
        );
        assert!(set.contains("<loc>https://x.example/products/a&amp;b</loc>"));
        assert!(set.contains("<lastmod>1970-01-01T00:00:00Z</lastmod>"));
    }
}
