//! The staff's checkout settings: coupons (list, create, edit), shipping methods (list,
//! create, edit) and tax rates by country (set, remove). Every write is audited.

// The coupon and shipping forms have many fields, and a server function takes them as arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::admin::checkout::fields::{CouponInput, MethodInput};
use crate::error::AppError;

/// A coupon as the admin list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouponRow {
    pub id: i64,
    pub input: CouponInput,
    /// "10 % off", "€5.00 off".
    pub summary: String,
    pub times_used: i32,
}

/// A shipping method as the admin list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodRow {
    pub id: i64,
    pub input: MethodInput,
}

/// Everything on the shipping and tax page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingSettings {
    pub methods: Vec<MethodRow>,
    /// (country code, rate as typed, e.g. "21").
    pub rates: Vec<(String, String)>,
}

#[cfg(feature = "ssr")]
fn staff_error(e: domain::checkout::staff_edits::StaffEditError) -> AppError {
    use domain::checkout::staff_edits::StaffEditError as E;
    match e {
        E::NotFound => AppError::NotFound,
        E::CodeTaken => AppError::validation("code", "That code is already taken."),
        E::Database(e) => AppError::internal(e),
    }
}

/// Runs one audited settings write with a connection and the request's id, then goes to
/// `done`; a refusal comes back as the form's error with `input` kept.
#[cfg(feature = "ssr")]
async fn audited_save<T: Serialize>(
    input: &T,
    done: &str,
    save: impl AsyncFnOnce(
        &mut domain::db::PooledConn,
        Option<String>,
    ) -> Result<(), domain::checkout::staff_edits::StaffEditError>,
) -> Result<(), AppError> {
    use crate::server_context::ServerContext;
    let ctx = ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    save(&mut conn, ServerContext::request_id())
        .await
        .map_err(|e| staff_error(e).keeping(input))?;
    leptos_axum::redirect(done);
    Ok(())
}

#[cfg(feature = "ssr")]
fn day_of(at: Option<time::OffsetDateTime>) -> String {
    at.map(|t| {
        let d = t.date();
        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    })
    .unwrap_or_default()
}

#[cfg(feature = "ssr")]
fn midnight(day: Option<(i32, u8, u8)>) -> Result<Option<time::OffsetDateTime>, AppError> {
    day.map(|(y, m, d)| {
        let month = time::Month::try_from(m)
            .map_err(|_| AppError::validation("starts", "No such month."))?;
        time::Date::from_calendar_date(y, month, d)
            .map(|date| date.midnight().assume_utc())
            .map_err(|_| AppError::validation("ends", "No such day."))
    })
    .transpose()
}

/// Every coupon.
#[server(prefix = "/api", endpoint = "admin_coupons")]
pub async fn admin_coupons() -> Result<Vec<CouponRow>, AppError> {
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let list = domain::checkout::staff_edits::list_coupons(&mut conn).await?;
    Ok(list
        .into_iter()
        .map(|c| {
            let money = |cents: i64| crate::catalog::money::decimal(cents);
            let summary = if c.kind == "percent" {
                format!("{} % off", c.amount)
            } else {
                format!(
                    "{} off",
                    crate::catalog::money::format_price(c.amount, "EUR")
                )
            };
            CouponRow {
                id: c.id,
                summary,
                times_used: c.times_used,
                input: CouponInput {
                    amount: if c.kind == "percent" {
                        c.amount.to_string()
                    } else {
                        money(c.amount)
                    },
                    code: c.code,
                    description: c.description,
                    kind: c.kind,
                    min_subtotal: if c.min_subtotal_cents > 0 {
                        money(c.min_subtotal_cents)
                    } else {
                        String::new()
                    },
                    starts: day_of(c.starts_at),
                    ends: day_of(c.ends_at),
                    usage_limit: c.usage_limit.map(|n| n.to_string()).unwrap_or_default(),
                    per_user_limit: c.per_user_limit.map(|n| n.to_string()).unwrap_or_default(),
                    active: c.active,
                },
            }
        })
        .collect())
}

/// Creates (no `id`) or updates a coupon.
#[server(prefix = "/api", endpoint = "admin_save_coupon")]
pub async fn save_coupon(
    id: Option<i64>,
    code: String,
    description: Option<String>,
    kind: String,
    amount: String,
    min_subtotal: Option<String>,
    starts: Option<String>,
    ends: Option<String>,
    usage_limit: Option<String>,
    per_user_limit: Option<String>,
    active: Option<String>,
) -> Result<(), AppError> {
    let staff = crate::accounts::auth::require_staff().await?;
    let input = CouponInput {
        code,
        description: description.unwrap_or_default(),
        kind,
        amount,
        min_subtotal: min_subtotal.unwrap_or_default(),
        starts: starts.unwrap_or_default(),
        ends: ends.unwrap_or_default(),
        usage_limit: usage_limit.unwrap_or_default(),
        per_user_limit: per_user_limit.unwrap_or_default(),
        active: active.is_some(),
    };
    let valid = input
        .validate()
        .map_err(|errors| AppError::invalid(errors).keeping(&input))?;
    let fields = domain::checkout::staff_edits::CouponFields {
        code: valid.code,
        description: valid.description,
        kind: valid.kind,
        amount: valid.amount,
        min_subtotal_cents: valid.min_subtotal_cents,
        starts_at: midnight(valid.starts)?,
        ends_at: midnight(valid.ends)?,
        usage_limit: valid.usage_limit,
        per_user_limit: valid.per_user_limit,
        active: valid.active,
    };
    audited_save(&input, "/admin/coupons?saved=1", async |conn, request| {
        domain::checkout::staff_edits::save_coupon(conn, staff.id, id, &fields, request)
            .await
            .map(drop)
    })
    .await
}

/// Shipping methods and tax rates.
#[server(prefix = "/api", endpoint = "admin_shipping")]
pub async fn admin_shipping() -> Result<ShippingSettings, AppError> {
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let db = AppError::internal;
    let methods = domain::checkout::shipping::all_methods(&mut conn)
        .await
        .map_err(db)?;
    let rates = domain::checkout::shipping::all_tax_rates(&mut conn).await?;
    let money = crate::catalog::money::decimal;
    Ok(ShippingSettings {
        methods: methods
            .into_iter()
            .map(|m| MethodRow {
                id: m.id,
                input: MethodInput {
                    code: m.code,
                    name: m.name,
                    price: money(m.price_cents),
                    free_over: m.free_over_cents.map(money).unwrap_or_default(),
                    min_days: m.min_days.to_string(),
                    max_days: m.max_days.to_string(),
                    position: m.position.to_string(),
                    active: m.active,
                },
            })
            .collect(),
        rates: rates
            .into_iter()
            .map(|(c, bp)| {
                (
                    c,
                    crate::catalog::money::decimal(i64::from(bp))
                        .trim_end_matches(".00")
                        .to_owned(),
                )
            })
            .collect(),
    })
}

/// Creates (no `id`) or updates a shipping method.
#[server(prefix = "/api", endpoint = "admin_save_shipping_method")]
pub async fn save_shipping_method(
    id: Option<i64>,
    code: String,
    name: String,
    price: String,
    free_over: Option<String>,
    min_days: String,
    max_days: String,
    position: Option<String>,
    active: Option<String>,
) -> Result<(), AppError> {
    let staff = crate::accounts::auth::require_staff().await?;
    let input = MethodInput {
        code,
        name,
        price,
        free_over: free_over.unwrap_or_default(),
        min_days,
        max_days,
        position: position.unwrap_or_default(),
        active: active.is_some(),
    };
    let valid = input
        .validate()
        .map_err(|errors| AppError::invalid(errors).keeping(&input))?;
    let fields = domain::checkout::staff_edits::MethodFields {
        code: valid.code,
        name: valid.name,
        price_cents: valid.price_cents,
        free_over_cents: valid.free_over_cents,
        min_days: valid.min_days,
        max_days: valid.max_days,
        active: valid.active,
        position: valid.position,
    };
    audited_save(&input, "/admin/shipping?saved=1", async |conn, request| {
        domain::checkout::staff_edits::save_method(conn, staff.id, id, &fields, request)
            .await
            .map(drop)
    })
    .await
}

/// Sets a country's tax rate (a percentage), or removes it when `rate` is empty.
#[server(prefix = "/api", endpoint = "admin_set_tax_rate")]
pub async fn set_tax_rate(country: String, rate: Option<String>) -> Result<(), AppError> {
    let staff = crate::accounts::auth::require_staff().await?;
    let country = country.trim().to_ascii_uppercase();
    if crate::ui::countries::name(&country).is_none() {
        return Err(AppError::validation(
            "country",
            "Choose a country from the list.",
        ));
    }
    let rate = match rate.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => Some(
            crate::admin::checkout::fields::parse_rate(r)
                .map_err(|m| AppError::validation("rate", m))?,
        ),
        None => None,
    };
    audited_save(&(), "/admin/shipping?saved=1", async |conn, request| {
        domain::checkout::staff_edits::set_tax_rate(conn, staff.id, &country, rate, request).await
    })
    .await
}
