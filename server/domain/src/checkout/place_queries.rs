//! The checkout transaction's two hand-written reads as statements diesel keeps prepared on each
//! connection. Diesel sends every `sql_query` unprepared, so PostgreSQL plans it on every order;
//! planning the three-table lock took longer than running it (about 0.2 ms against 0.06 ms,
//! measured with `EXPLAIN (ANALYZE, SUMMARY)`). Each type here has a static query id and binds
//! its parameters in place, so its plan is made once per connection.

use diesel::QueryResult;
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{Array, BigInt, Untyped, Uuid as SqlUuid};
use uuid::Uuid;

/// The cart's lines with their variant rows locked in id order (`FOR UPDATE OF v`: the products
/// are read, not locked, so buyers of different variants of one product never queue).
#[derive(Debug, Clone, Copy, QueryId)]
pub struct LockLines {
    pub cart_id: Uuid,
}

impl QueryFragment<Pg> for LockLines {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql(
            "SELECT v.id AS variant_id, i.result_id, i.quantity, v.sku, v.options, v.price_cents, v.currency, \
                    v.stock, (NOT v.archived AND p.status = 'active') AS sellable, \
                    p.id AS product_id, p.name, p.slug \
             FROM cart_items i \
             JOIN product_variants v ON v.id = i.variant_id \
             JOIN products p ON p.id = v.product_id \
             WHERE i.cart_id = ",
        );
        out.push_bind_param::<SqlUuid, _>(&self.cart_id)?;
        out.push_sql(" ORDER BY v.id, i.id FOR UPDATE OF v");
        Ok(())
    }
}

impl Query for LockLines {
    type SqlType = Untyped;
}

/// Units of these variants held by other carts' active holds, by variant.
#[derive(Debug, Clone, QueryId)]
pub struct OthersHolds {
    pub variant_ids: Vec<i64>,
    pub cart_id: Uuid,
}

impl QueryFragment<Pg> for OthersHolds {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql(
            "SELECT variant_id, sum(quantity)::bigint AS held FROM stock_holds \
             WHERE variant_id = ANY(",
        );
        out.push_bind_param::<Array<BigInt>, _>(&self.variant_ids)?;
        out.push_sql(") AND cart_id <> ");
        out.push_bind_param::<SqlUuid, _>(&self.cart_id)?;
        out.push_sql(" AND expires_at > now() GROUP BY variant_id");
        Ok(())
    }
}

impl Query for OthersHolds {
    type SqlType = Untyped;
}
