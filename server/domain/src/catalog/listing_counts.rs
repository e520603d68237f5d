//! Listing totals and facet counts summed from the `listing_counts` rollup (active products per
//! category × brand × price band × rating × stock, kept exact by triggers), so a listing without
//! words costs the same at 1 000 products as at 100 000. Filters the rollup cannot answer
//! (words, a price range off the band edges) fall back to counting the products.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::listing::{Facets, Filter, PRICE_BANDS};
use crate::db::schema::listing_counts;

/// The rollup's view of a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RollupFilter {
    /// The category whose rows to read (0: the whole shop).
    category: i64,
    brands: Vec<i64>,
    /// The price bands inside the price range (`None`: no price filter).
    bands: Option<Vec<i16>>,
    min_rating: Option<i16>,
    in_stock: bool,
}

/// One rollup row of a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable)]
struct Row {
    brand: i64,
    band: i16,
    rating: i16,
    in_stock: bool,
    products: i32,
}

/// Which filter a count leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leave {
    Nothing,
    Brand,
    Price,
    Rating,
    Stock,
}

/// The bands `[min, max]` covers exactly, or `None` when an edge is not a band edge.
fn bands_between(min: Option<i64>, max: Option<i64>) -> Option<Option<Vec<i16>>> {
    if min.is_none() && max.is_none() {
        return Some(None);
    }
    let lows: Vec<i64> = std::iter::once(0).chain(PRICE_BANDS).collect();
    let highs: Vec<Option<i64>> = PRICE_BANDS
        .iter()
        .map(|h| Some(h - 1))
        .chain([None])
        .collect();
    let min = min.unwrap_or(0);
    if !lows.contains(&min) || max.is_some_and(|m| !highs.contains(&Some(m))) {
        return None;
    }
    let bands = (0..lows.len())
        .filter(|&i| lows[i] >= min && max.is_none_or(|m| highs[i].is_some_and(|h| h <= m)))
        .filter_map(|i| i16::try_from(i).ok())
        .collect();
    Some(Some(bands))
}

impl RollupFilter {
    /// The rollup's view of `filter`, or `None` when it cannot answer it.
    pub(crate) fn of(filter: &Filter) -> Option<Self> {
        if filter.q.is_some() {
            return None;
        }
        Some(RollupFilter {
            category: match &filter.category_ids {
                None => 0,
                Some(ids) => *ids.iter().next()?,
            },
            brands: filter.brand_ids.clone(),
            bands: bands_between(filter.min_price_cents, filter.max_price_cents)?,
            min_rating: filter.min_rating.map(i16::from),
            in_stock: filter.in_stock,
        })
    }

    fn keeps(&self, row: &Row, leave: Leave) -> bool {
        (leave == Leave::Brand || self.brands.is_empty() || self.brands.contains(&row.brand))
            && (leave == Leave::Price || self.bands.as_ref().is_none_or(|b| b.contains(&row.band)))
            && (leave == Leave::Rating || self.min_rating.is_none_or(|r| row.rating >= r))
            && (leave == Leave::Stock || !self.in_stock || row.in_stock)
    }
}

async fn rows(conn: &mut AsyncPgConnection, category: i64) -> QueryResult<Vec<Row>> {
    listing_counts::table
        .filter(listing_counts::category_id.eq(category))
        .filter(listing_counts::products.ne(0))
        .select((
            listing_counts::brand_id,
            listing_counts::price_band,
            listing_counts::rating_floor,
            listing_counts::in_stock,
            listing_counts::products,
        ))
        .load(conn)
        .await
}

fn sum<'a>(rows: impl Iterator<Item = &'a Row>) -> i64 {
    rows.map(|r| i64::from(r.products)).sum()
}

/// How many active products match.
pub(crate) async fn total(conn: &mut AsyncPgConnection, filter: &RollupFilter) -> QueryResult<i64> {
    let rows = rows(conn, filter.category).await?;
    Ok(sum(rows.iter().filter(|r| filter.keeps(r, Leave::Nothing))))
}

/// Every facet's counts, each leaving out its own filter.
pub(crate) async fn facets(
    conn: &mut AsyncPgConnection,
    filter: &RollupFilter,
) -> QueryResult<Facets> {
    let rows = rows(conn, filter.category).await?;
    let kept = |leave: Leave| rows.iter().filter(move |r| filter.keeps(r, leave));
    let mut brands: Vec<(i64, i64)> = Vec::new();
    for r in kept(Leave::Brand).filter(|r| r.brand != 0) {
        match brands.iter_mut().find(|(b, _)| *b == r.brand) {
            Some((_, n)) => *n += i64::from(r.products),
            None => brands.push((r.brand, i64::from(r.products))),
        }
    }
    let mut price_bands = [0; 5];
    for r in kept(Leave::Price) {
        if let Some(n) = usize::try_from(r.band)
            .ok()
            .and_then(|b| price_bands.get_mut(b))
        {
            *n += i64::from(r.products);
        }
    }
    let ratings = [4, 3, 2, 1].map(|stars| sum(kept(Leave::Rating).filter(|r| r.rating >= stars)));
    let in_stock = sum(kept(Leave::Stock).filter(|r| r.in_stock));

    // Categories: every category's rows, under the filters other than the category.
    let mut query = listing_counts::table
        .filter(listing_counts::category_id.ne(0))
        .group_by(listing_counts::category_id)
        .select((
            listing_counts::category_id,
            diesel::dsl::sum(listing_counts::products),
        ))
        .into_boxed();
    if !filter.brands.is_empty() {
        query = query.filter(listing_counts::brand_id.eq_any(filter.brands.clone()));
    }
    if let Some(bands) = &filter.bands {
        query = query.filter(listing_counts::price_band.eq_any(bands.clone()));
    }
    if let Some(r) = filter.min_rating {
        query = query.filter(listing_counts::rating_floor.ge(r));
    }
    if filter.in_stock {
        query = query.filter(listing_counts::in_stock.eq(true));
    }
    let categories: Vec<(i64, Option<i64>)> = query.load(conn).await?;
    Ok(Facets {
        categories: categories
            .into_iter()
            .filter_map(|(id, n)| n.filter(|n| *n > 0).map(|n| (id, n)))
            .collect(),
        brands,
        price_bands,
        ratings,
        in_stock,
    })
}

/// Rollup rows that disagree with a fresh count of the products (0 when the triggers kept it
/// exact); an operations check and the tests' proof.
pub async fn drift(conn: &mut AsyncPgConnection) -> QueryResult<i64> {
    use diesel::sql_types::BigInt;
    #[derive(QueryableByName)]
    struct Drift {
        #[diesel(sql_type = BigInt)]
        rows: i64,
    }
    let found: Drift = diesel::sql_query(
        "WITH fresh AS ( \
             SELECT c.category_id, coalesce(p.brand_id, 0) AS brand_id, \
                    listing_price_band(p.price_cents) AS price_band, \
                    listing_rating_floor(p.rating_avg) AS rating_floor, p.in_stock, \
                    count(*)::int AS products \
             FROM products p CROSS JOIN LATERAL ( \
                 SELECT 0::bigint AS category_id UNION ALL \
                 SELECT category_id FROM product_categories WHERE product_id = p.id) c \
             WHERE p.status = 'active' GROUP BY 1, 2, 3, 4, 5), \
         kept AS (SELECT category_id, brand_id, price_band, rating_floor, in_stock, products \
                  FROM listing_counts WHERE products <> 0) \
         SELECT count(*) AS rows FROM ( \
             (SELECT * FROM fresh EXCEPT SELECT * FROM kept) \
             UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM fresh)) d",
    )
    .get_result(conn)
    .await?;
    Ok(found.rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_band_edges_are_answered_from_the_rollup() {
        assert_eq!(bands_between(None, None), Some(None));
        assert_eq!(bands_between(Some(0), Some(2_499)), Some(Some(vec![0])));
        assert_eq!(bands_between(Some(5_000), None), Some(Some(vec![2, 3, 4])));
        assert_eq!(bands_between(None, Some(9_999)), Some(Some(vec![0, 1, 2])));
        assert_eq!(bands_between(Some(20_000), None), Some(Some(vec![4])));
        assert_eq!(bands_between(Some(1_000), None), None);
        assert_eq!(bands_between(None, Some(3_000)), None);
    }

    #[test]
    fn words_are_not_answered_from_the_rollup() {
        let words = Filter {
            q: Some("linen".into()),
            ..Filter::default()
        };
        assert!(RollupFilter::of(&words).is_none());
        let category = Filter {
            category_ids: Some(vec![7, 8, 9]),
            min_rating: Some(4),
            ..Filter::default()
        };
        let rollup = RollupFilter::of(&category).unwrap();
        assert_eq!((rollup.category, rollup.min_rating), (7, Some(4)));
    }
}
