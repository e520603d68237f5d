//! Product embeddings for "similar products" when OpenAI is configured: which active products
//! need a (new) vector, storing vectors, and each product's nearest neighbours (cosine, within
//! its top-level category) precomputed into `similar_ids`, so the product page reads one row.
//!
//! A vector is made from the product's name, brand, category and description; the text's hash
//! (with the model name) is stored beside it, so an edit re-embeds only what changed.

use std::collections::HashMap;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Jsonb, Text};
use diesel::upsert::excluded;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

use super::Category;
use super::taxonomy;
use crate::db::schema::{categories, product_embeddings, products};

/// Neighbours kept per product (the page shows four; the rest cover archived ones).
pub const NEIGHBOURS: usize = 8;

/// Characters of a product's text sent to be embedded (well under the model's token limit).
const SOURCE_CHARS: i64 = 2000;

/// An active product whose vector is missing or was made from other text.
#[derive(Debug, Clone, QueryableByName)]
pub struct Stale {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    #[diesel(sql_type = Text)]
    pub text: String,
    #[diesel(sql_type = Text)]
    pub hash: String,
}

/// Up to `limit` active products that need a vector from `model`, lowest id first.
pub async fn stale(
    conn: &mut AsyncPgConnection,
    model: &str,
    limit: i64,
) -> QueryResult<Vec<Stale>> {
    diesel::sql_query(
        "WITH source AS (
             SELECT p.id, left(concat_ws(E'\\n', p.name, b.name, c.name, p.description), $3::int) AS text
             FROM products p
             JOIN categories c ON c.id = p.category_id
             LEFT JOIN brands b ON b.id = p.brand_id
             WHERE p.status = 'active')
         SELECT s.id, s.text, md5($1 || E'\\n' || s.text) AS hash
         FROM source s LEFT JOIN product_embeddings e ON e.product_id = s.id
         WHERE e.product_id IS NULL OR e.source_hash <> md5($1 || E'\\n' || s.text)
         ORDER BY s.id LIMIT $2",
    )
    .bind::<Text, _>(model)
    .bind::<BigInt, _>(limit)
    .bind::<BigInt, _>(SOURCE_CHARS)
    .load(conn)
    .await
}

/// Stores one vector per stale product (scaled to unit length), marking its neighbours due.
pub async fn store(
    conn: &mut AsyncPgConnection,
    model: &str,
    rows: &[Stale],
    vectors: Vec<Vec<f32>>,
) -> QueryResult<usize> {
    let values: Vec<_> = rows
        .iter()
        .zip(vectors)
        .map(|(row, vector)| {
            (
                product_embeddings::product_id.eq(row.id),
                product_embeddings::model.eq(model),
                product_embeddings::source_hash.eq(&row.hash),
                product_embeddings::embedding.eq(unit(vector)),
                product_embeddings::embedded_at.eq(diesel::dsl::now),
            )
        })
        .collect();
    diesel::insert_into(product_embeddings::table)
        .values(values)
        .on_conflict(product_embeddings::product_id)
        .do_update()
        .set((
            product_embeddings::model.eq(excluded(product_embeddings::model)),
            product_embeddings::source_hash.eq(excluded(product_embeddings::source_hash)),
            product_embeddings::embedding.eq(excluded(product_embeddings::embedding)),
            product_embeddings::embedded_at.eq(excluded(product_embeddings::embedded_at)),
        ))
        .execute(conn)
        .await
}

/// `v` scaled to length 1 (a zero vector stays zero).
pub fn unit(mut v: Vec<f32>) -> Vec<f32> {
    let length = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if length > 0.0 && length.is_finite() {
        v.iter_mut().for_each(|x| *x /= length);
    }
    v
}

/// For each unit vector, the indices of the `k` others with the highest dot product (cosine),
/// best first; ties go to the lower index.
pub fn nearest(vectors: &[Vec<f32>], k: usize) -> Vec<Vec<usize>> {
    vectors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut best: Vec<(f32, usize)> = Vec::with_capacity(k + 1);
            for (j, b) in vectors.iter().enumerate() {
                if i == j {
                    continue;
                }
                let score: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
                if best.len() == k && best.last().is_some_and(|(worst, _)| score <= *worst) {
                    continue;
                }
                let at = best.partition_point(|(s, _)| *s >= score);
                best.insert(at, (score, j));
                best.truncate(k);
            }
            best.into_iter().map(|(_, j)| j).collect()
        })
        .collect()
}

/// Recomputes the neighbours of every product in each top-level category where a vector
/// changed since its neighbours were last computed; returns how many products got new lists.
pub async fn refresh_neighbours(conn: &mut AsyncPgConnection) -> anyhow::Result<usize> {
    let all: Vec<Category> = categories::table
        .select(Category::as_select())
        .load(conn)
        .await?;
    let root_of = taxonomy::top_level(&all);
    let dirty: Vec<i64> =
        product_embeddings::table
            .inner_join(products::table)
            .filter(products::status.eq("active"))
            .filter(product_embeddings::neighbours_at.is_null().or(
                product_embeddings::neighbours_at.lt(product_embeddings::embedded_at.nullable()),
            ))
            .select(products::category_id)
            .distinct()
            .load(conn)
            .await?;
    let mut roots: Vec<i64> = dirty
        .iter()
        .filter_map(|c| root_of.get(c).copied())
        .collect();
    roots.sort_unstable();
    roots.dedup();
    let mut refreshed = 0;
    for root in roots {
        let members: Vec<i64> = root_of
            .iter()
            .filter(|(_, r)| **r == root)
            .map(|(c, _)| *c)
            .collect();
        let rows: Vec<(i64, Vec<f32>)> = product_embeddings::table
            .inner_join(products::table)
            .filter(products::status.eq("active"))
            .filter(products::category_id.eq_any(&members))
            .select((
                product_embeddings::product_id,
                product_embeddings::embedding,
            ))
            .order(product_embeddings::product_id)
            .load(conn)
            .await?;
        let (ids, vectors): (Vec<i64>, Vec<Vec<f32>>) = rows.into_iter().unzip();
        let lists = tokio::task::spawn_blocking(move || nearest(&vectors, NEIGHBOURS)).await?;
        let named: HashMap<i64, Vec<i64>> = ids
            .iter()
            .zip(lists)
            .map(|(id, list)| (*id, list.into_iter().map(|j| ids[j]).collect()))
            .collect();
        refreshed += write_neighbours(conn, &named).await?;
    }
    Ok(refreshed)
}

/// Stores neighbour lists, a thousand products a statement.
async fn write_neighbours(
    conn: &mut AsyncPgConnection,
    lists: &HashMap<i64, Vec<i64>>,
) -> QueryResult<usize> {
    let rows: Vec<serde_json::Value> = lists
        .iter()
        .map(|(id, similar)| serde_json::json!({ "id": id, "near": similar }))
        .collect();
    conn.transaction(async |conn| {
        let mut written = 0;
        for chunk in rows.chunks(1000) {
            written += diesel::sql_query(
                "UPDATE product_embeddings e
                 SET similar_ids = v.near, neighbours_at = now()
                 FROM jsonb_to_recordset($1) AS v(id bigint, near bigint[])
                 WHERE e.product_id = v.id",
            )
            .bind::<Jsonb, _>(serde_json::Value::Array(chunk.to_vec()))
            .execute(conn)
            .await?;
        }
        Ok(written)
    })
    .await
}

/// The precomputed neighbours of a product, best first (empty when none were computed).
pub async fn neighbours(conn: &mut AsyncPgConnection, product_id: i64) -> QueryResult<Vec<i64>> {
    Ok(product_embeddings::table
        .find(product_id)
        .select(product_embeddings::similar_ids)
        .first(conn)
        .await
        .optional()?
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn nearest_ranks_by_cosine_and_skips_itself() {
        let v = |x: f32, y: f32| unit(vec![x, y]);
        let vectors = vec![v(1.0, 0.0), v(0.9, 0.1), v(0.0, 1.0), v(0.7, 0.7)];
        let lists = nearest(&vectors, 2);
        assert_eq!(lists[0], vec![1, 3]);
        assert_eq!(lists[2], vec![3, 1]);
        assert_eq!(lists[3].len(), 2);
        assert!(!lists[3].contains(&3));
    }

    #[test]
    fn unit_scales_to_length_one_and_keeps_zero() {
        let u = unit(vec![3.0, 4.0]);
        assert!((u[0] - 0.6).abs() < 1e-6 && (u[1] - 0.8).abs() < 1e-6);
        assert_eq!(unit(vec![0.0, 0.0]), vec![0.0, 0.0]);
    }

    proptest! {
        #[test]
        fn nearest_is_sorted_distinct_and_complete(
            raw in proptest::collection::vec(proptest::collection::vec(-1.0f32..1.0, 4), 1..30),
            k in 1usize..6,
        ) {
            let vectors: Vec<Vec<f32>> = raw.into_iter().map(unit).collect();
            let lists = nearest(&vectors, k);
            for (i, list) in lists.iter().enumerate() {
                prop_assert_eq!(list.len(), k.min(vectors.len() - 1));
                prop_assert!(!list.contains(&i));
                let dot = |j: usize| -> f32 { vectors[i].iter().zip(&vectors[j]).map(|(x, y)| x * y).sum() };
                for pair in list.windows(2) {
                    prop_assert!(dot(pair[0]) >= dot(pair[1]));
                }
                let worst = list.last().map_or(f32::NEG_INFINITY, |&j| dot(j));
                for j in (0..vectors.len()).filter(|j| *j != i && !list.contains(j)) {
                    prop_assert!(dot(j) <= worst);
                }
            }
        }
    }
}
