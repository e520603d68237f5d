//! Reading one product for its page (with its slug history: old slugs redirect, archived
//! products are gone), its variants, breadcrumbs, reviews, similar products; and the category
//! and brand lists the listing names its facets with; which products a tile can add at once.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;

use super::models::{Brand, Category, Product, Variant};
use crate::db::schema::{
    brands, categories, product_variants, products, reviews, slug_redirects, users,
};

/// What a product slug leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    Found(Box<Product>),
    /// The slug is an old one: redirect (301) to this slug.
    Moved(String),
    /// The product was archived (410).
    Gone(Box<Product>),
    NotFound,
}

/// Finds an active product by slug (drafts are not found), following old slugs.
pub async fn product_by_slug(conn: &mut AsyncPgConnection, slug: &str) -> QueryResult<Lookup> {
    let product = products::table
        .filter(products::slug.eq(slug))
        .select(Product::as_select())
        .first(conn)
        .await
        .optional()?;
    match product {
        Some(p) if p.status == "active" => return Ok(Lookup::Found(Box::new(p))),
        Some(p) if p.status == "archived" => return Ok(Lookup::Gone(Box::new(p))),
        Some(_) => return Ok(Lookup::NotFound),
        None => {}
    }
    let moved: Option<String> = slug_redirects::table
        .inner_join(products::table.on(products::id.eq(slug_redirects::target_id)))
        .filter(slug_redirects::kind.eq("product"))
        .filter(slug_redirects::old_slug.eq(slug))
        .filter(products::status.ne("draft"))
        .select(products::slug)
        .first(conn)
        .await
        .optional()?;
    Ok(moved.map_or(Lookup::NotFound, Lookup::Moved))
}

/// The slug a category (`kind` = `"category"`) or brand (`"brand"`) that used to be called
/// `old` has now, for a permanent redirect.
pub async fn renamed(
    conn: &mut AsyncPgConnection,
    kind: &str,
    old: &str,
) -> QueryResult<Option<String>> {
    let redirects = slug_redirects::table
        .filter(slug_redirects::kind.eq(kind))
        .filter(slug_redirects::old_slug.eq(old));
    match kind {
        "category" => {
            redirects
                .inner_join(categories::table.on(categories::id.eq(slug_redirects::target_id)))
                .select(categories::slug)
                .first(conn)
                .await
        }
        "brand" => {
            redirects
                .inner_join(brands::table.on(brands::id.eq(slug_redirects::target_id)))
                .select(brands::slug)
                .first(conn)
                .await
        }
        _ => return Ok(None),
    }
    .optional()
}

/// The id of the active product with this slug, if there is one.
pub async fn active_product_id(
    conn: &mut AsyncPgConnection,
    slug: &str,
) -> QueryResult<Option<i64>> {
    products::table
        .filter(products::slug.eq(slug))
        .filter(products::status.eq("active"))
        .select(products::id)
        .first(conn)
        .await
        .optional()
}

/// The live variants of a product, in order.
pub async fn variants(conn: &mut AsyncPgConnection, product_id: i64) -> QueryResult<Vec<Variant>> {
    product_variants::table
        .filter(product_variants::product_id.eq(product_id))
        .filter(product_variants::archived.eq(false))
        .order((product_variants::position, product_variants::id))
        .select(Variant::as_select())
        .load(conn)
        .await
}

/// For each of these products that has exactly one live variant, that variant's SKU: a listing
/// tile can put it in the cart without asking for a size or colour.
pub async fn only_variant_skus(
    conn: &mut AsyncPgConnection,
    product_ids: &[i64],
) -> QueryResult<std::collections::HashMap<i64, String>> {
    let rows: Vec<(i64, String)> = product_variants::table
        .filter(product_variants::product_id.eq_any(product_ids))
        .filter(product_variants::archived.eq(false))
        .select((product_variants::product_id, product_variants::sku))
        .load(conn)
        .await?;
    let mut counts: std::collections::HashMap<i64, (usize, String)> =
        std::collections::HashMap::new();
    for (product, sku) in rows {
        counts.entry(product).or_insert((0, sku)).0 += 1;
    }
    Ok(counts
        .into_iter()
        .filter(|(_, (n, _))| *n == 1)
        .map(|(product, (_, sku))| (product, sku))
        .collect())
}

/// Every category, by position (the tree is small).
pub async fn all_categories(conn: &mut AsyncPgConnection) -> QueryResult<Vec<Category>> {
    categories::table
        .order((categories::position, categories::name))
        .select(Category::as_select())
        .load(conn)
        .await
}

/// Every brand, by name.
pub async fn all_brands(conn: &mut AsyncPgConnection) -> QueryResult<Vec<Brand>> {
    brands::table
        .order(brands::name)
        .select(Brand::as_select())
        .load(conn)
        .await
}

/// The path from the root of the tree down to `category_id`, for breadcrumbs.
pub fn category_path(all: &[Category], category_id: i64) -> Vec<Category> {
    let mut path = Vec::new();
    let mut next = Some(category_id);
    while let Some(id) = next {
        let Some(c) = all.iter().find(|c| c.id == id) else {
            break;
        };
        if path.iter().any(|p: &Category| p.id == c.id) {
            break;
        }
        path.push(c.clone());
        next = c.parent_id;
    }
    path.reverse();
    path
}

/// How reviews are ordered on the product page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewOrder {
    Newest,
    MostHelpful,
}

/// An approved review with its author's display name.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct ReviewRow {
    pub id: i64,
    pub user_id: uuid::Uuid,
    pub rating: i16,
    pub title: String,
    pub body: String,
    pub helpful_count: i32,
    pub created_at: OffsetDateTime,
    pub author: String,
}

/// A page of a product's approved reviews.
pub async fn approved_reviews(
    conn: &mut AsyncPgConnection,
    product_id: i64,
    order: ReviewOrder,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<ReviewRow>> {
    let query = reviews::table
        .inner_join(users::table)
        .filter(reviews::product_id.eq(product_id))
        .filter(reviews::status.eq("approved"))
        .select((
            reviews::id,
            reviews::user_id,
            reviews::rating,
            reviews::title,
            reviews::body,
            reviews::helpful_count,
            reviews::created_at,
            users::display_name,
        ))
        .into_boxed();
    let query = match order {
        ReviewOrder::Newest => query.order((reviews::created_at.desc(), reviews::id.desc())),
        ReviewOrder::MostHelpful => {
            query.order((reviews::helpful_count.desc(), reviews::id.desc()))
        }
    };
    query.limit(limit).offset(offset).load(conn).await
}

/// Products like this one: the neighbours the embedding job precomputed (nearest by cosine,
/// when OpenAI is configured), still active, in their order; topped up by the local method.
pub async fn similar_products(
    conn: &mut AsyncPgConnection,
    product: &Product,
    limit: i64,
) -> QueryResult<Vec<Product>> {
    let neighbours = super::embeddings::neighbours(conn, product.id).await?;
    let mut found: Vec<Product> = if neighbours.is_empty() {
        Vec::new()
    } else {
        products::table
            .filter(products::id.eq_any(&neighbours))
            .filter(products::status.eq("active"))
            .select(Product::as_select())
            .load(conn)
            .await?
    };
    found.sort_by_key(|p| neighbours.iter().position(|id| *id == p.id));
    found.truncate(usize::try_from(limit).unwrap_or(0));
    let missing = limit - i64::try_from(found.len()).unwrap_or(limit);
    if missing > 0 {
        let mut skip: Vec<i64> = found.iter().map(|p| p.id).collect();
        skip.push(product.id);
        found.extend(locally_similar(conn, product, &skip, missing).await?);
    }
    Ok(found)
}

/// Products like this one without any outside service: same category first, then same
/// brand, best sellers first. Two index walks that stop at `limit` rows (no sort over the whole
/// category), so the cost does not grow with the catalog.
async fn locally_similar(
    conn: &mut AsyncPgConnection,
    product: &Product,
    skip: &[i64],
    limit: i64,
) -> QueryResult<Vec<Product>> {
    let best_first = (
        products::in_stock.desc(),
        products::sales_count.desc(),
        products::id.desc(),
    );
    let mut found: Vec<Product> = products::table
        .filter(products::status.eq("active"))
        .filter(products::category_id.eq(product.category_id))
        .filter(products::id.ne_all(skip))
        .order(best_first)
        .select(Product::as_select())
        .limit(limit)
        .load(conn)
        .await?;
    let missing = limit - i64::try_from(found.len()).unwrap_or(limit);
    if let (true, Some(brand)) = (missing > 0, product.brand_id) {
        found.extend(
            products::table
                .filter(products::status.eq("active"))
                .filter(products::brand_id.eq(brand))
                .filter(products::category_id.ne(product.category_id))
                .filter(products::id.ne_all(skip))
                .order(best_first)
                .select(Product::as_select())
                .limit(missing)
                .load(conn)
                .await?,
        );
    }
    Ok(found)
}

/// Featured active products, best sellers first.
pub async fn featured(conn: &mut AsyncPgConnection, limit: i64) -> QueryResult<Vec<Product>> {
    products::table
        .filter(products::status.eq("active"))
        .filter(products::featured.eq(true))
        .order((products::sales_count.desc(), products::id.desc()))
        .select(Product::as_select())
        .limit(limit)
        .load(conn)
        .await
}
