//! Coupons: a percent or a fixed amount off, with a minimum subtotal, a start and end, a total
//! usage limit and a per-customer limit. Checking a code in the cart reads; placing an order
//! claims a use under the coupon's row lock, so the limits hold under any concurrency.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use super::totals::Discount;
use crate::db::schema::{coupon_uses, coupons};

/// A stored coupon.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = coupons, check_for_backend(diesel::pg::Pg))]
pub struct Coupon {
    pub id: i64,
    pub code: String,
    pub description: String,
    pub kind: String,
    pub amount: i64,
    pub min_subtotal_cents: i64,
    pub starts_at: Option<OffsetDateTime>,
    pub ends_at: Option<OffsetDateTime>,
    pub usage_limit: Option<i32>,
    pub per_user_limit: Option<i32>,
    pub times_used: i32,
    pub active: bool,
}

/// Why a code does not apply; each reads as the message the shopper sees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CouponRefusal {
    #[error("We do not know this code. Check it for typos.")]
    Unknown,
    #[error("This code is no longer valid.")]
    Inactive,
    #[error("This code is not valid yet.")]
    NotStarted,
    #[error("This code has expired.")]
    Expired,
    #[error(
        "This code needs a subtotal of at least {min_cents} cents: add {missing_cents} cents more."
    )]
    MinimumNotMet { min_cents: i64, missing_cents: i64 },
    #[error("This code has been used up.")]
    UsedUp,
    #[error("You have already used this code.")]
    AlreadyUsed,
}

/// Why a coupon operation failed.
#[derive(Debug, thiserror::Error)]
pub enum CouponError {
    #[error(transparent)]
    Refused(#[from] CouponRefusal),
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// A code as shoppers type it, normalised (trimmed, upper case).
pub fn normalise(code: &str) -> String {
    code.trim().to_uppercase()
}

impl Coupon {
    /// What it takes off.
    pub fn discount(&self) -> Discount {
        if self.kind == "percent" {
            Discount::Percent(self.amount)
        } else {
            Discount::Fixed(self.amount)
        }
    }

    /// Whether its terms allow it on `subtotal` at `now`, given how often this customer
    /// already used it (the total limit is checked against `times_used`).
    pub fn check(
        &self,
        subtotal: i64,
        now: OffsetDateTime,
        used_by_customer: i64,
    ) -> Result<Discount, CouponRefusal> {
        if !self.active {
            return Err(CouponRefusal::Inactive);
        }
        if self.starts_at.is_some_and(|s| now < s) {
            return Err(CouponRefusal::NotStarted);
        }
        if self.ends_at.is_some_and(|e| now >= e) {
            return Err(CouponRefusal::Expired);
        }
        if self.usage_limit.is_some_and(|l| self.times_used >= l) {
            return Err(CouponRefusal::UsedUp);
        }
        if self
            .per_user_limit
            .is_some_and(|l| used_by_customer >= i64::from(l))
        {
            return Err(CouponRefusal::AlreadyUsed);
        }
        if subtotal < self.min_subtotal_cents {
            return Err(CouponRefusal::MinimumNotMet {
                min_cents: self.min_subtotal_cents,
                missing_cents: self.min_subtotal_cents - subtotal,
            });
        }
        Ok(self.discount())
    }
}

/// The coupon with this code (any case).
pub async fn find_by_code(conn: &mut AsyncPgConnection, code: &str) -> QueryResult<Option<Coupon>> {
    coupons::table
        .filter(coupons::code.eq(normalise(code)))
        .select(Coupon::as_select())
        .first(conn)
        .await
        .optional()
}

/// How often this customer used the coupon: by account, or by email for guests — and, once the
/// delivery place is known (`place_key`, see `ShipTo::place_key`), any order to that place
/// counts too, so a fresh email per order does not give a guest a fresh allowance.
pub async fn uses_by(
    conn: &mut AsyncPgConnection,
    coupon_id: i64,
    user_id: Option<Uuid>,
    email: Option<&str>,
    place_key: Option<&str>,
) -> QueryResult<i64> {
    let mut query = coupon_uses::table
        .filter(coupon_uses::coupon_id.eq(coupon_id))
        .into_boxed();
    query = match (user_id, email, place_key) {
        (Some(user), _, Some(place)) => query.filter(
            coupon_uses::user_id
                .eq(user)
                .or(coupon_uses::address_key.eq(place)),
        ),
        (Some(user), _, None) => query.filter(coupon_uses::user_id.eq(user)),
        (None, Some(email), Some(place)) => query.filter(
            crate::accounts::queries::lower(coupon_uses::email)
                .eq(email.to_lowercase())
                .or(coupon_uses::address_key.eq(place)),
        ),
        (None, Some(email), None) => query
            .filter(crate::accounts::queries::lower(coupon_uses::email).eq(email.to_lowercase())),
        (None, None, Some(place)) => query.filter(coupon_uses::address_key.eq(place)),
        (None, None, None) => return Ok(0),
    };
    query.count().get_result(conn).await
}

/// Checks `code` for a cart with `subtotal` (no use is claimed): the coupon and what it takes
/// off, or why it does not apply.
pub async fn check_code(
    conn: &mut AsyncPgConnection,
    code: &str,
    subtotal: i64,
    user_id: Option<Uuid>,
    email: Option<&str>,
) -> Result<(Coupon, Discount), CouponError> {
    let coupon = find_by_code(conn, code)
        .await?
        .ok_or(CouponRefusal::Unknown)?;
    let used = uses_by(conn, coupon.id, user_id, email, None).await?;
    let discount = coupon.check(subtotal, OffsetDateTime::now_utc(), used)?;
    Ok((coupon, discount))
}

/// Claims one use of `code` inside the order's transaction: the coupon row is locked and its
/// count raised only while under the limit, so of N concurrent claims of the last use exactly
/// one succeeds. The caller records the use with [`record_use`] once the order exists.
pub async fn claim(
    conn: &mut AsyncPgConnection,
    code: &str,
    subtotal: i64,
    user_id: Option<Uuid>,
    email: &str,
    place_key: &str,
) -> Result<(Coupon, Discount), CouponError> {
    let code = normalise(code);
    let claimed: Option<Coupon> = diesel::update(
        coupons::table.filter(coupons::code.eq(&code)).filter(
            coupons::usage_limit
                .is_null()
                .or(coupons::times_used.lt(coupons::usage_limit.assume_not_null())),
        ),
    )
    .set(coupons::times_used.eq(coupons::times_used + 1))
    .returning(Coupon::as_returning())
    .get_result(conn)
    .await
    .optional()?;
    let Some(mut coupon) = claimed else {
        return Err(match find_by_code(conn, &code).await? {
            Some(_) => CouponRefusal::UsedUp,
            None => CouponRefusal::Unknown,
        }
        .into());
    };
    // Checked as the coupon stood before this claim; the row lock serialises the per-customer
    // count too.
    coupon.times_used -= 1;
    let used = uses_by(conn, coupon.id, user_id, Some(email), Some(place_key)).await?;
    let discount = coupon.check(subtotal, OffsetDateTime::now_utc(), used)?;
    coupon.times_used += 1;
    Ok((coupon, discount))
}

/// Records that `order_id` used the coupon.
pub async fn record_use(
    conn: &mut AsyncPgConnection,
    coupon_id: i64,
    order_id: i64,
    user_id: Option<Uuid>,
    email: &str,
    place_key: &str,
) -> QueryResult<()> {
    diesel::insert_into(coupon_uses::table)
        .values((
            coupon_uses::coupon_id.eq(coupon_id),
            coupon_uses::order_id.eq(order_id),
            coupon_uses::user_id.eq(user_id),
            coupon_uses::email.eq(email),
            coupon_uses::address_key.eq(place_key),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use time::Duration;

    use super::*;

    fn coupon() -> Coupon {
        Coupon {
            id: 1,
            code: "WELCOME10".to_owned(),
            description: String::new(),
            kind: "percent".to_owned(),
            amount: 10,
            min_subtotal_cents: 2000,
            starts_at: None,
            ends_at: None,
            usage_limit: Some(5),
            per_user_limit: Some(1),
            times_used: 0,
            active: true,
        }
    }

    #[test]
    fn terms_are_checked_in_turn() {
        let now = OffsetDateTime::now_utc();
        let c = coupon();
        assert_eq!(c.check(2000, now, 0), Ok(Discount::Percent(10)));
        assert_eq!(
            c.check(1500, now, 0),
            Err(CouponRefusal::MinimumNotMet {
                min_cents: 2000,
                missing_cents: 500
            })
        );
        assert_eq!(c.check(5000, now, 1), Err(CouponRefusal::AlreadyUsed));
        let used_up = Coupon {
            times_used: 5,
            ..coupon()
        };
        assert_eq!(used_up.check(5000, now, 0), Err(CouponRefusal::UsedUp));
        let later = Coupon {
            starts_at: Some(now + Duration::hours(1)),
            ..coupon()
        };
        assert_eq!(later.check(5000, now, 0), Err(CouponRefusal::NotStarted));
        let over = Coupon {
            ends_at: Some(now),
            ..coupon()
        };
        assert_eq!(over.check(5000, now, 0), Err(CouponRefusal::Expired));
        let off = Coupon {
            active: false,
            ..coupon()
        };
        assert_eq!(off.check(5000, now, 0), Err(CouponRefusal::Inactive));
        let fixed = Coupon {
            kind: "fixed".to_owned(),
            amount: 500,
            usage_limit: None,
            per_user_limit: None,
            ..coupon()
        };
        assert_eq!(fixed.check(2000, now, 99), Ok(Discount::Fixed(500)));
        assert_eq!(normalise("  welcome10 "), "WELCOME10");
    }
}
