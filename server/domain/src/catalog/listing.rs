//! The shop listing: active products filtered (text, category with its descendants, brands,
//! price range, in stock, minimum rating), sorted and paged, with facet counts where each facet
//! respects every other active filter. Text search is PostgreSQL full-text search on the
//! weighted `search_document`; a query that finds nothing is retried with its words corrected
//! against `search_words` by trigram similarity (`snekaers` → `sneakers`).

use diesel::dsl::sql;
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

/// Each price band as `(low, high)` in cents, `low` included and `high` excluded (`None` for the
/// open last band), in the order `Facets::price_bands` counts them.
pub fn price_band_bounds() -> Vec<(i64, Option<i64>)> {
    let lows = std::iter::once(0).chain(PRICE_BANDS);
    let highs = PRICE_BANDS.into_iter().map(Some).chain([None]);
    lows.zip(highs).collect()
}

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

/// The facet counts for `filter`, counted over the matching products in one statement: the
/// products matching the words (the costly part) are found once, with a flag per other filter,
/// and every facet is counted from that set leaving out its own flag.
pub async fn counted_facets(conn: &mut AsyncPgConnection, filter: &Filter) -> QueryResult<Facets> {
    let mut binds = Binds::default();
    let mut matched = vec!["status = 'active'".to_owned()];
    if let Some(q) = &filter.q {
        let at = binds.text(q.clone());
        matched.push(format!(
            "search_document @@ websearch_to_tsquery('english', {at})"
        ));
    }
    let category = match &filter.category_ids {
        Some(ids) => format!(
            "id IN (SELECT product_id FROM product_categories WHERE category_id = ANY({}))",
            binds.ids(ids.clone())
        ),
        None => "true".to_owned(),
    };
    let brand = if filter.brand_ids.is_empty() {
        "true".to_owned()
    } else {
        format!("brand_id = ANY({})", binds.ids(filter.brand_ids.clone()))
    };
    let mut price = vec!["true".to_owned()];
    if let Some(min) = filter.min_price_cents {
        price.push(format!("price_cents >= {}", binds.number(min)));
    }
    if let Some(max) = filter.max_price_cents {
        price.push(format!("price_cents <= {}", binds.number(max)));
    }
    let stock = if filter.in_stock { "in_stock" } else { "true" };
    let rating = match filter.min_rating {
        Some(r) => format!("rating_avg >= {}", binds.number(i64::from(r))),
        None => "true".to_owned(),
    };
    let [a, b, c, d] = PRICE_BANDS;
    let statement = format!(
        "WITH m AS MATERIALIZED (
             SELECT id, brand_id, price_cents, rating_avg, in_stock,
                    {category} AS c, {brand} AS b, {price} AS p, {stock} AS s, {rating} AS r
             FROM products WHERE {matched})
         SELECT 0 AS kind, pc.category_id AS key, count(*) AS n
             FROM m JOIN product_categories pc ON pc.product_id = m.id
             WHERE b AND p AND s AND r GROUP BY pc.category_id
         UNION ALL
         SELECT 1, brand_id, count(*) FROM m
             WHERE c AND p AND s AND r AND brand_id IS NOT NULL GROUP BY brand_id
         UNION ALL
         SELECT 2, band, count(*) FROM (
             SELECT CASE WHEN price_cents < {a} THEN 0 WHEN price_cents < {b} THEN 1
                         WHEN price_cents < {c} THEN 2 WHEN price_cents < {d} THEN 3
                         ELSE 4 END::bigint AS band
             FROM m WHERE c AND b AND s AND r) bands GROUP BY band
         UNION ALL
         SELECT 3, stars, count(*) FROM m CROSS JOIN generate_series(1::bigint, 4::bigint) stars
             WHERE c AND b AND p AND s AND rating_avg >= stars GROUP BY stars
         UNION ALL
         SELECT 4, 0, count(*) FROM m WHERE c AND b AND p AND r AND in_stock",
        price = price.join(" AND "),
        matched = matched.join(" AND "),
    );
    let rows: Vec<FacetRow> = binds.apply(diesel::sql_query(statement)).load(conn).await?;
    let mut facets = Facets::default();
    for row in rows {
        let slot = usize::try_from(row.key).ok();
        match (row.kind, slot) {
            (0, _) => facets.categories.push((row.key, row.n)),
            (1, _) => facets.brands.push((row.key, row.n)),
            (2, Some(band)) if band < facets.price_bands.len() => facets.price_bands[band] = row.n,
            // Stars 4, 3, 2, 1 fill slots 0..4.
            (3, Some(stars @ 1..=4)) => facets.ratings[4 - stars] = row.n,
            (4, _) => facets.in_stock = row.n,
            _ => {}
        }
    }
    Ok(facets)
}

/// One count of the facet statement: `kind` 0 category, 1 brand, 2 price band, 3 stars, 4 stock.
#[derive(QueryableByName)]
struct FacetRow {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    kind: i32,
    #[diesel(sql_type = BigInt)]
    key: i64,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The values a hand-built statement binds, in `$n` order.
#[derive(Default)]
struct Binds(Vec<Bind>);

enum Bind {
    Text(String),
    Ids(Vec<i64>),
    Number(i64),
}

impl Binds {
    fn push(&mut self, bind: Bind) -> String {
        self.0.push(bind);
        format!("${}", self.0.len())
    }
    fn text(&mut self, value: String) -> String {
        self.push(Bind::Text(value))
    }
    fn ids(&mut self, value: Vec<i64>) -> String {
        self.push(Bind::Ids(value))
    }
    fn number(&mut self, value: i64) -> String {
        self.push(Bind::Number(value))
    }
    fn apply(
        self,
        query: diesel::query_builder::SqlQuery,
    ) -> diesel::query_builder::BoxedSqlQuery<'static, Pg, diesel::query_builder::SqlQuery> {
        let mut query = query.into_boxed();
        for bind in self.0 {
            query = match bind {
                Bind::Text(v) => query.bind::<Text, _>(v),
                Bind::Ids(v) => query.bind::<diesel::sql_types::Array<BigInt>, _>(v),
                Bind::Number(v) => query.bind::<BigInt, _>(v),
            };
        }
        query
    }
}

/// The query with each word that is not a known word replaced by the most similar known word
/// (trigram similarity ≥ 0.3); `None` when nothing changed.
/// One page of a search, and the words it was answered for when they differ from the typed ones.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub rows: Vec<Product>,
    pub total: i64,
    /// The corrected words, when the typed ones found nothing and a correction did.
    pub corrected_q: Option<String>,
}

/// `search`, retried once with the words corrected (`correct_spelling`) when the typed ones
/// find nothing; `filter.q` is left holding the words the page was answered for, so the facets
/// counted next agree with it.
pub async fn search_correcting(
    conn: &mut AsyncPgConnection,
    filter: &mut Filter,
    sort: Sort,
    limit: i64,
    offset: i64,
) -> QueryResult<Found> {
    let (rows, total) = search(conn, filter, sort, limit, offset).await?;
    if total == 0
        && let Some(q) = &filter.q
        && let Some(better) = correct_spelling(conn, q).await?
    {
        filter.q = Some(better.clone());
        let (rows, total) = search(conn, filter, sort, limit, offset).await?;
        return Ok(Found {
            rows,
            total,
            corrected_q: Some(better),
        });
    }
    Ok(Found {
        rows,
        total,
        corrected_q: None,
    })
}

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

/// The ids of the category whose slug is `slug` and of every category below it, from the whole
/// tree `all`; `None` when no category has that slug.
pub fn category_and_below(all: &[super::Category], slug: &str) -> Option<Vec<i64>> {
    let root = all.iter().find(|c| c.slug == slug)?;
    Some(super::taxonomy::subtree(all, root.id))
}

/// The ids of the brands whose slugs are in `slugs` (unknown slugs are skipped).
pub fn brand_ids(all: &[super::Brand], slugs: &[String]) -> Vec<i64> {
    slugs
        .iter()
        .filter_map(|slug| all.iter().find(|b| &b.slug == slug).map(|b| b.id))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn price_bands_tile_every_price_once() {
        let bands = price_band_bounds();
        assert_eq!(bands.len(), PRICE_BANDS.len() + 1);
        assert_eq!(bands[0].0, 0);
        assert_eq!(
            bands.last().map(|b| b.1),
            Some(None),
            "the last band is open"
        );
        for pair in bands.windows(2) {
            assert_eq!(
                pair[0].1,
                Some(pair[1].0),
                "each band starts where the last ended"
            );
        }
    }
}
