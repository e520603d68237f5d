//! The shop listing: active products filtered (text, category with its descendants, brands,
//! price range, in stock, minimum rating), sorted and paged, with facet counts where each facet
//! respects every other active filter. Text search is PostgreSQL full-text search on the
//! weighted `search_document`; a query that finds nothing is retried with its words corrected
//! against `search_words` by trigram similarity (`snekaers` → `sneakers`).

use diesel::dsl::{count_star, sql};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Float4, Text};
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::listing_counts::{self, RollupFilter};
use super::models::Product;
use crate::db::schema::{product_categories, products, search_words};

/// Upper bounds (exclusive, in cents) of the price bands the price facet counts; the last band
/// is open.
pub const PRICE_BANDS: [i64; 4] = [2_500, 5_000, 10_000, 20_000];

/// What the shopper filters on, already checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    /// Words to search for.
    pub q: Option<String>,
    /// A category (first) and every category below it.
    pub category_ids: Option<Vec<i64>>,
    /// Any of these brands.
    pub brand_ids: Vec<i64>,
    pub min_price_cents: Option<i64>,
    pub max_price_cents: Option<i64>,
    pub in_stock: bool,
    /// Average rating at least this.
    pub min_rating: Option<u8>,
}

/// The orders a listing can be sorted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sort {
    /// Best text match first; without words, featured and best-selling first.
    Relevance,
    PriceLowHigh,
    PriceHighLow,
    Newest,
    Rating,
    Popularity,
}

/// Which filter a facet leaves out (it counts as if that filter were not set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    Nothing,
    Category,
    Brand,
    Price,
    Stock,
    Rating,
}

type Boxed<'a> = products::BoxedQuery<'a, Pg>;

/// `search_document @@ websearch_to_tsquery('english', q)`.
fn matches_text(
    q: String,
) -> diesel::expression::SqlLiteral<Bool, impl diesel::query_builder::QueryFragment<Pg>> {
    sql::<Bool>("search_document @@ websearch_to_tsquery('english', ")
        .bind::<Text, _>(q)
        .sql(")")
}

/// Active products matching `filter`, leaving out the filter `skip` names.
fn filtered(filter: &Filter, skip: Skip) -> Boxed<'static> {
    let mut query = products::table
        .filter(products::status.eq("active"))
        .into_boxed();
    if let Some(q) = &filter.q {
        query = query.filter(matches_text(q.clone()));
    }
    if let (true, Some(ids)) = (skip != Skip::Category, &filter.category_ids) {
        query = query.filter(
            products::id.eq_any(
                product_categories::table
                    .filter(product_categories::category_id.eq_any(ids.clone()))
                    .select(product_categories::product_id),
            ),
        );
    }
    if skip != Skip::Brand && !filter.brand_ids.is_empty() {
        query = query.filter(products::brand_id.eq_any(filter.brand_ids.clone()));
    }
    if skip != Skip::Price {
        if let Some(min) = filter.min_price_cents {
            query = query.filter(products::price_cents.ge(min));
        }
        if let Some(max) = filter.max_price_cents {
            query = query.filter(products::price_cents.le(max));
        }
    }
    if skip != Skip::Stock && filter.in_stock {
        query = query.filter(products::in_stock.eq(true));
    }
    if let (true, Some(r)) = (skip != Skip::Rating, filter.min_rating) {
        query = query.filter(products::rating_avg.ge(f32::from(r)));
    }
    query
}

/// How many active products match `filter`, counted over the products.
pub async fn counted_total(conn: &mut AsyncPgConnection, filter: &Filter) -> QueryResult<i64> {
    filtered(filter, Skip::Nothing)
        .count()
        .get_result(conn)
        .await
}

/// One page of the listing and how many products match in all (from the rollup when it can
/// answer).
pub async fn search(
    conn: &mut AsyncPgConnection,
    filter: &Filter,
    sort: Sort,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<Product>, i64)> {
    let total = match RollupFilter::of(filter) {
        Some(rollup) => listing_counts::total(conn, &rollup).await?,
        None => counted_total(conn, filter).await?,
    };
    let query = filtered(filter, Skip::Nothing).select(Product::as_select());
    let query = match (sort, &filter.q) {
        (Sort::Relevance, Some(q)) => query
            .order_by(
                sql::<Float4>("ts_rank_cd(search_document, websearch_to_tsquery('english', ")
                    .bind::<Text, _>(q.clone())
                    .sql(")) DESC"),
            )
            .then_order_by(products::id.desc()),
        (Sort::Relevance, None) => query
            .order_by(products::featured.desc())
            .then_order_by(products::sales_count.desc())
            .then_order_by(products::id.desc()),
        (Sort::PriceLowHigh, _) => query
            .order_by(products::price_cents.asc())
            .then_order_by(products::id.asc()),
        (Sort::PriceHighLow, _) => query
            .order_by(products::price_cents.desc())
            .then_order_by(products::id.desc()),
        (Sort::Newest, _) => query
            .order_by(products::created_at.desc())
            .then_order_by(products::id.desc()),
        (Sort::Rating, _) => query
            .order_by(products::rating_avg.desc())
            .then_order_by(products::rating_count.desc())
            .then_order_by(products::id.desc()),
        (Sort::Popularity, _) => query
            .order_by(products::sales_count.desc())
            .then_order_by(products::id.desc()),
    };
    let rows = query.limit(limit).offset(offset).load(conn).await?;
    Ok((rows, total))
}

/// Counts for each facet value, each respecting the other active filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// (category id, products in it or below it).
    pub categories: Vec<(i64, i64)>,
    /// (brand id, products).
    pub brands: Vec<(i64, i64)>,
    /// Products per price band (`PRICE_BANDS`, plus one open band).
    pub price_bands: [i64; 5],
    /// Products rated at least 4, 3, 2, 1.
    pub ratings: [i64; 4],
    /// Products in stock.
    pub in_stock: i64,
}

/// The facet counts for `filter`: from the rollup when it can answer, else counted.
pub async fn facets(conn: &mut AsyncPgConnection, filter: &Filter) -> QueryResult<Facets> {
    match RollupFilter::of(filter) {
        Some(rollup) => listing_counts::facets(conn, &rollup).await,
        None => counted_facets(conn, filter).await,
    }
}

/// The facet counts for `filter`, counted over the matching products.
pub async fn counted_facets(conn: &mut AsyncPgConnection, filter: &Filter) -> QueryResult<Facets> {
    let categories: Vec<(i64, i64)> = product_categories::table
        .filter(
            product_categories::product_id
                .eq_any(filtered(filter, Skip::Category).select(products::id)),
        )
        .group_by(product_categories::category_id)
        .select((product_categories::category_id, count_star()))
        .load(conn)
        .await?;
    let brands: Vec<(Option<i64>, i64)> = products::table
        .filter(products::id.eq_any(filtered(filter, Skip::Brand).select(products::id)))
        .group_by(products::brand_id)
        .select((products::brand_id, count_star()))
        .load(conn)
        .await?;
    let [a, b, c, d] = PRICE_BANDS;
    let bands: (i64, i64, i64, i64, i64) = filtered(filter, Skip::Price)
        .select((
            sql::<BigInt>(&format!("count(*) FILTER (WHERE price_cents < {a})")),
            sql::<BigInt>(&format!(
                "count(*) FILTER (WHERE price_cents >= {a} AND price_cents < {b})"
            )),
            sql::<BigInt>(&format!(
                "count(*) FILTER (WHERE price_cents >= {b} AND price_cents < {c})"
            )),
            sql::<BigInt>(&format!(
                "count(*) FILTER (WHERE price_cents >= {c} AND price_cents < {d})"
            )),
            sql::<BigInt>(&format!("count(*) FILTER (WHERE price_cents >= {d})")),
        ))
        .get_result(conn)
        .await?;
    let ratings: (i64, i64, i64, i64) = filtered(filter, Skip::Rating)
        .select((
            sql::<BigInt>("count(*) FILTER (WHERE rating_avg >= 4)"),
            sql::<BigInt>("count(*) FILTER (WHERE rating_avg >= 3)"),
            sql::<BigInt>("count(*) FILTER (WHERE rating_avg >= 2)"),
            sql::<BigInt>("count(*) FILTER (WHERE rating_avg >= 1)"),
        ))
        .get_result(conn)
        .await?;
    let in_stock: i64 = filtered(filter, Skip::Stock)
        .filter(products::in_stock.eq(true))
        .count()
        .get_result(conn)
        .await?;
    Ok(Facets {
        categories,
        brands: brands
            .into_iter()
            .filter_map(|(id, n)| id.map(|id| (id, n)))
            .collect(),
        price_bands: [bands.0, bands.1, bands.2, bands.3, bands.4],
        ratings: [ratings.0, ratings.1, ratings.2, ratings.3],
        in_stock,
    })
}

/// The query with each word that is not a known word replaced by the most similar known word
/// (trigram similarity ≥ 0.3); `None` when nothing changed.
pub async fn correct_spelling(
    conn: &mut AsyncPgConnection,
    q: &str,
) -> QueryResult<Option<String>> {
    let mut changed = false;
    let mut words = Vec::new();
    for word in q.split_whitespace() {
        let lower = word.to_lowercase();
        if lower.chars().count() < 3 {
            words.push(lower);
            continue;
        }
        let known: bool = diesel::select(diesel::dsl::exists(
            search_words::table.filter(search_words::word.eq(&lower)),
        ))
        .get_result(conn)
        .await?;
        if known {
            words.push(lower);
            continue;
        }
        let best: Option<String> = search_words::table
            .filter(sql::<Bool>("word % ").bind::<Text, _>(lower.clone()))
            .order_by(
                sql::<Float4>("similarity(word, ")
                    .bind::<Text, _>(lower.clone())
                    .sql(") DESC"),
            )
            .select(search_words::word)
            .first(conn)
            .await
            .optional()?;
        match best {
            Some(best) => {
                changed = true;
                words.push(best);
            }
            None => words.push(lower),
        }
    }
    Ok(changed.then(|| words.join(" ")))
}

/// The ids of a category and of every category below it.
pub async fn category_subtree(conn: &mut AsyncPgConnection, root: i64) -> QueryResult<Vec<i64>> {
    let all = super::reads::all_categories(conn).await?;
    Ok(super::taxonomy::subtree(&all, root))
}

/// Active products whose name contains `q` (any case; the trigram index serves it), best
/// sellers first: the product part of search suggestions.
pub async fn suggest_products(
    conn: &mut AsyncPgConnection,
    q: &str,
    limit: i64,
) -> QueryResult<Vec<(String, String)>> {
    products::table
        .filter(products::status.eq("active"))
        .filter(products::name.ilike(crate::db::like_pattern(q)))
        .order((products::sales_count.desc(), products::id.desc()))
        .select((products::slug, products::name))
        .limit(limit)
        .load(conn)
        .await
}
