//! What staff configure for checkout — coupons, shipping methods, tax rates — each write
//! audited in its own transaction. Inputs arrive checked by the admin forms.

use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use super::coupons::Coupon;
use super::shipping::ShippingMethod;
use crate::audit::{self, Entry};
use crate::db::schema::{coupons, shipping_methods, tax_rates};

/// Why a staff edit was refused.
#[derive(Debug, thiserror::Error)]
pub enum StaffEditError {
    #[error("not found")]
    NotFound,
    #[error("that code is already taken")]
    CodeTaken,
    #[error("database: {0}")]
    Database(Error),
}

impl From<Error> for StaffEditError {
    fn from(e: Error) -> Self {
        match e {
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => Self::CodeTaken,
            Error::NotFound => Self::NotFound,
            e => Self::Database(e),
        }
    }
}

/// A coupon as the form sets it.
#[derive(Debug, Clone, PartialEq, Eq, AsChangeset, Insertable, serde::Serialize)]
#[diesel(table_name = coupons, treat_none_as_null = true)]
pub struct CouponFields {
    pub code: String,
    pub description: String,
    pub kind: String,
    pub amount: i64,
    pub min_subtotal_cents: i64,
    pub starts_at: Option<OffsetDateTime>,
    pub ends_at: Option<OffsetDateTime>,
    pub usage_limit: Option<i32>,
    pub per_user_limit: Option<i32>,
    pub active: bool,
}

/// A shipping method as the form sets it.
#[derive(Debug, Clone, PartialEq, Eq, AsChangeset, Insertable, serde::Serialize)]
#[diesel(table_name = shipping_methods, treat_none_as_null = true)]
pub struct MethodFields {
    pub code: String,
    pub name: String,
    pub price_cents: i64,
    pub free_over_cents: Option<i64>,
    pub min_days: i32,
    pub max_days: i32,
    pub active: bool,
    pub position: i32,
}

fn json<T: serde::Serialize>(value: &T) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

/// Records a create (no `before`) or an update of a `subject` row in the audit log.
async fn audit_save<T: serde::Serialize>(
    conn: &mut AsyncPgConnection,
    staff: Uuid,
    subject: &str,
    id: i64,
    before: Option<&T>,
    after: &T,
    request_id: Option<String>,
) -> QueryResult<()> {
    let verb = if before.is_some() { "update" } else { "create" };
    audit::record(
        conn,
        &Entry {
            actor_id: staff,
            action: &format!("{subject}.{verb}"),
            subject_type: subject,
            subject_id: id.to_string(),
            before: before.and_then(json),
            after: json(after),
            request_id,
        },
    )
    .await
}

/// Creates (`id` = `None`) or updates one row of `$table` from `$fields` in a transaction,
/// returning it as a `$row`, and audits the change as `$subject`.
macro_rules! save_audited {
    ($conn:expr, $table:ident, $row:ty, $subject:literal, $staff:expr, $id:expr, $fields:expr, $request_id:expr) => {
        $conn
            .transaction(async |conn| {
                let before: Option<$row> = match $id {
                    Some(id) => Some(
                        $table::table
                            .find(id)
                            .for_update()
                            .select(<$row>::as_select())
                            .first(conn)
                            .await?,
                    ),
                    None => None,
                };
                let saved: $row = match $id {
                    Some(id) => {
                        diesel::update($table::table.find(id))
                            .set($fields)
                            .returning(<$row>::as_returning())
                            .get_result(conn)
                            .await?
                    }
                    None => {
                        diesel::insert_into($table::table)
                            .values($fields)
                            .returning(<$row>::as_returning())
                            .get_result(conn)
                            .await?
                    }
                };
                audit_save(
                    conn,
                    $staff,
                    $subject,
                    saved.id,
                    before.as_ref(),
                    &saved,
                    $request_id,
                )
                .await?;
                Ok(saved)
            })
            .await
    };
}

/// Every coupon, newest first.
pub async fn list_coupons(conn: &mut AsyncPgConnection) -> QueryResult<Vec<Coupon>> {
    coupons::table
        .order(coupons::id.desc())
        .select(Coupon::as_select())
        .load(conn)
        .await
}

/// One coupon.
pub async fn find_coupon(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Option<Coupon>> {
    coupons::table
        .find(id)
        .select(Coupon::as_select())
        .first(conn)
        .await
        .optional()
}

/// Creates (`id` = `None`) or updates a coupon, audited.
pub async fn save_coupon(
    conn: &mut AsyncPgConnection,
    staff: Uuid,
    id: Option<i64>,
    fields: &CouponFields,
    request_id: Option<String>,
) -> Result<Coupon, StaffEditError> {
    save_audited!(
        conn, coupons, Coupon, "coupon", staff, id, fields, request_id
    )
}

/// Creates (`id` = `None`) or updates a shipping method, audited.
pub async fn save_method(
    conn: &mut AsyncPgConnection,
    staff: Uuid,
    id: Option<i64>,
    fields: &MethodFields,
    request_id: Option<String>,
) -> Result<ShippingMethod, StaffEditError> {
    save_audited!(
        conn,
        shipping_methods,
        ShippingMethod,
        "shipping_method",
        staff,
        id,
        fields,
        request_id
    )
}

/// Sets the tax rate of `country` (basis points), or removes it (`None`: no tax), audited.
pub async fn set_tax_rate(
    conn: &mut AsyncPgConnection,
    staff: Uuid,
    country: &str,
    rate_bp: Option<i32>,
    request_id: Option<String>,
) -> Result<(), StaffEditError> {
    let country = country.to_ascii_uppercase();
    conn.transaction(async |conn| {
        let before: Option<i32> = tax_rates::table
            .find(&country)
            .for_update()
            .select(tax_rates::rate_bp)
            .first(conn)
            .await
            .optional()?;
        match rate_bp {
            Some(rate) => {
                diesel::insert_into(tax_rates::table)
                    .values((tax_rates::country.eq(&country), tax_rates::rate_bp.eq(rate)))
                    .on_conflict(tax_rates::country)
                    .do_update()
                    .set(tax_rates::rate_bp.eq(rate))
                    .execute(conn)
                    .await?;
            }
            None => {
                diesel::delete(tax_rates::table.find(&country))
                    .execute(conn)
                    .await?;
            }
        }
        audit::record(
            conn,
            &Entry {
                actor_id: staff,
                action: "tax_rate.set",
                subject_type: "tax_rate",
                subject_id: country.clone(),
                before: before.map(|r| serde_json::json!({ "rate_bp": r })),
                after: rate_bp.map(|r| serde_json::json!({ "rate_bp": r })),
                request_id,
            },
        )
        .await?;
        Ok(())
    })
    .await
}
