//! Shipping methods (standard, express, free over a threshold) and tax rates by destination
//! country, as staff configure them. A country without a rate is charged no tax.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::totals::ShippingCharge;
use crate::db::schema::{shipping_methods, tax_rates};

/// A stored shipping method.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = shipping_methods, check_for_backend(diesel::pg::Pg))]
pub struct ShippingMethod {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub price_cents: i64,
    pub free_over_cents: Option<i64>,
    pub min_days: i32,
    pub max_days: i32,
    pub active: bool,
    pub position: i32,
}

impl ShippingMethod {
    /// What it charges, for the totals.
    pub fn charge(&self) -> ShippingCharge {
        ShippingCharge {
            price_cents: self.price_cents,
            free_over_cents: self.free_over_cents,
        }
    }
}

/// The methods shoppers may choose, in display order.
pub async fn active_methods(conn: &mut AsyncPgConnection) -> QueryResult<Vec<ShippingMethod>> {
    shipping_methods::table
        .filter(shipping_methods::active.eq(true))
        .order((shipping_methods::position, shipping_methods::id))
        .select(ShippingMethod::as_select())
        .load(conn)
        .await
}

/// Every method, active or not (for staff).
pub async fn all_methods(conn: &mut AsyncPgConnection) -> QueryResult<Vec<ShippingMethod>> {
    shipping_methods::table
        .order((shipping_methods::position, shipping_methods::id))
        .select(ShippingMethod::as_select())
        .load(conn)
        .await
}

/// The active method with this code.
pub async fn find_active(
    conn: &mut AsyncPgConnection,
    code: &str,
) -> QueryResult<Option<ShippingMethod>> {
    shipping_methods::table
        .filter(shipping_methods::code.eq(code))
        .filter(shipping_methods::active.eq(true))
        .select(ShippingMethod::as_select())
        .first(conn)
        .await
        .optional()
}

/// The tax rate for `country` in basis points (0 where none is set).
pub async fn tax_rate(conn: &mut AsyncPgConnection, country: &str) -> QueryResult<i32> {
    Ok(tax_rates::table
        .find(country.to_ascii_uppercase())
        .select(tax_rates::rate_bp)
        .first(conn)
        .await
        .optional()?
        .unwrap_or(0))
}

/// Every tax rate, by country code.
pub async fn all_tax_rates(conn: &mut AsyncPgConnection) -> QueryResult<Vec<(String, i32)>> {
    tax_rates::table
        .order(tax_rates::country)
        .select((tax_rates::country, tax_rates::rate_bp))
        .load(conn)
        .await
}
