//! What a cart holds, as the cart and checkout pages show it: each line at the variant's
//! current price, with what is available to this cart (stock less other carts' active holds)
//! and what is wrong with it, if anything — a line is flagged, never silently dropped.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Integer, Jsonb, Nullable, Text, Uuid as SqlUuid};

use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::schema::{cart_items, carts, stock_holds};

/// What keeps a line from being bought as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineProblem {
    /// The variant was archived or its product withdrawn.
    Unavailable,
    /// Nothing is left.
    OutOfStock,
    /// Fewer are left than the line asks for.
    NotEnough { available: i32 },
}

/// One line of a cart.
#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct CartLine {
    #[diesel(sql_type = BigInt)]
    pub variant_id: i64,
    /// The studio result printed, for a print line.
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub result_id: Option<Uuid>,
    #[diesel(sql_type = Integer)]
    pub quantity: i32,
    #[diesel(sql_type = Text)]
    pub sku: String,
    #[diesel(sql_type = Jsonb)]
    pub options: serde_json::Value,
    #[diesel(sql_type = BigInt)]
    pub unit_cents: i64,
    #[diesel(sql_type = Text)]
    pub currency: String,
    #[diesel(sql_type = BigInt)]
    pub product_id: i64,
    #[diesel(sql_type = Text)]
    pub product_name: String,
    #[diesel(sql_type = Text)]
    pub product_slug: String,
    /// Stock less what other carts hold.
    #[diesel(sql_type = Integer)]
    pub available: i32,
    /// False when the variant is archived or the product not active.
    #[diesel(sql_type = Bool)]
    pub sellable: bool,
}

impl CartLine {
    /// What is wrong with this line, if anything.
    pub fn problem(&self) -> Option<LineProblem> {
        if !self.sellable {
            Some(LineProblem::Unavailable)
        } else if self.available <= 0 {
            Some(LineProblem::OutOfStock)
        } else if self.available < self.quantity {
            Some(LineProblem::NotEnough {
                available: self.available,
            })
        } else {
            None
        }
    }

    /// The option values in their stored order, e.g. `[("size", "M")]`.
    pub fn option_pairs(&self) -> Vec<(String, String)> {
        crate::catalog::models::option_pairs(&self.options)
    }
}

/// The state of a cart's stock hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// The cart holds nothing.
    None,
    /// The cart's quantities are held until then.
    Until(OffsetDateTime),
    /// The hold ran out then; the items are no longer reserved.
    Expired(OffsetDateTime),
}

/// A cart as pages show it.
#[derive(Debug, Clone, PartialEq)]
pub struct CartContents {
    pub id: Uuid,
    pub lines: Vec<CartLine>,
    pub coupon_code: Option<String>,
    pub hold: Hold,
}

impl CartContents {
    /// Units in the cart.
    pub fn item_count(&self) -> i64 {
        self.lines.iter().map(|l| i64::from(l.quantity)).sum()
    }

    /// Whether every line can be bought as it is.
    pub fn ready(&self) -> bool {
        !self.lines.is_empty() && self.lines.iter().all(|l| l.problem().is_none())
    }
}

/// The lines of a cart, oldest first.
pub async fn lines(conn: &mut AsyncPgConnection, cart_id: Uuid) -> QueryResult<Vec<CartLine>> {
    diesel::sql_query(
        "SELECT i.variant_id, i.result_id, i.quantity, v.sku, v.options, v.price_cents AS unit_cents, v.currency, \
                p.id AS product_id, p.name AS product_name, p.slug AS product_slug, \
                (v.stock - coalesce((SELECT sum(h.quantity) FROM stock_holds h \
                                     WHERE h.variant_id = v.id AND h.cart_id <> i.cart_id \
                                       AND h.expires_at > now()), 0))::int AS available, \
                (NOT v.archived AND p.status = 'active') AS sellable \
         FROM cart_items i \
         JOIN product_variants v ON v.id = i.variant_id \
         JOIN products p ON p.id = v.product_id \
         WHERE i.cart_id = $1 \
         ORDER BY i.added_at, i.id",
    )
    .bind::<SqlUuid, _>(cart_id)
    .load(conn)
    .await
}

/// The whole cart: lines, coupon and hold.
pub async fn contents(conn: &mut AsyncPgConnection, cart_id: Uuid) -> QueryResult<CartContents> {
    let lines = lines(conn, cart_id).await?;
    let (coupon_code, expired_at): (Option<String>, Option<OffsetDateTime>) = carts::table
        .find(cart_id)
        .select((carts::coupon_code, carts::hold_expired_at))
        .first(conn)
        .await
        .optional()?
        .unwrap_or((None, None));
    let holds: Vec<OffsetDateTime> = stock_holds::table
        .filter(stock_holds::cart_id.eq(cart_id))
        .select(stock_holds::expires_at)
        .load(conn)
        .await?;
    let now = OffsetDateTime::now_utc();
    let hold = match holds.iter().filter(|at| **at > now).min() {
        Some(until) => Hold::Until(*until),
        None => match holds.iter().max().copied().or(expired_at) {
            Some(at) => Hold::Expired(at),
            None => Hold::None,
        },
    };
    Ok(CartContents {
        id: cart_id,
        lines,
        coupon_code,
        hold,
    })
}

/// Units in the cart (for the header).
pub async fn item_count(conn: &mut AsyncPgConnection, cart_id: Uuid) -> QueryResult<i64> {
    let total: Option<i64> = cart_items::table
        .filter(cart_items::cart_id.eq(cart_id))
        .select(diesel::dsl::sum(cart_items::quantity))
        .first(conn)
        .await?;
    Ok(total.unwrap_or(0))
}

/// What `variant_id` has available to `cart_id`: stock less other carts' active holds, and
/// whether it is sellable at all.
#[derive(Debug, Clone, QueryableByName)]
pub(crate) struct Availability {
    #[diesel(sql_type = Integer)]
    pub available: i32,
    #[diesel(sql_type = Bool)]
    pub sellable: bool,
    #[diesel(sql_type = Nullable<Integer>)]
    pub in_cart: Option<i32>,
}

/// The availability of one variant to one cart (with the quantity of its line for `result_id`,
/// if any), or `None` when there is no such variant.
pub(crate) async fn availability(
    conn: &mut AsyncPgConnection,
    cart_id: Uuid,
    variant_id: i64,
    result_id: Option<Uuid>,
) -> QueryResult<Option<Availability>> {
    diesel::sql_query(
        "SELECT (v.stock - coalesce((SELECT sum(h.quantity) FROM stock_holds h \
                                     WHERE h.variant_id = v.id AND h.cart_id <> $1 \
                                       AND h.expires_at > now()), 0))::int AS available, \
                (NOT v.archived AND p.status = 'active') AS sellable, \
                (SELECT i.quantity FROM cart_items i WHERE i.cart_id = $1 AND i.variant_id = v.id \
                   AND i.result_id IS NOT DISTINCT FROM $3) AS in_cart \
         FROM product_variants v JOIN products p ON p.id = v.product_id \
         WHERE v.id = $2",
    )
    .bind::<SqlUuid, _>(cart_id)
    .bind::<BigInt, _>(variant_id)
    .bind::<Nullable<SqlUuid>, _>(result_id)
    .get_result(conn)
    .await
    .optional()
}
