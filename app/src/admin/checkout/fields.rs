//! What staff type for checkout settings — a coupon, a shipping method, a tax rate — checked
//! field by field with the message for each bad one (shared by the form and the server).

use serde::{Deserialize, Serialize};

use crate::catalog::money::parse_amount;

/// A coupon form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouponInput {
    pub code: String,
    pub description: String,
    /// `percent` or `fixed`.
    pub kind: String,
    /// Percent (whole number) or an amount (`5.00`).
    pub amount: String,
    pub min_subtotal: String,
    /// `YYYY-MM-DD`, optional.
    pub starts: String,
    pub ends: String,
    pub usage_limit: String,
    pub per_user_limit: String,
    pub active: bool,
}

/// A coupon whose fields passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCoupon {
    pub code: String,
    pub description: String,
    pub kind: String,
    pub amount: i64,
    pub min_subtotal_cents: i64,
    /// (year, month, day).
    pub starts: Option<(i32, u8, u8)>,
    pub ends: Option<(i32, u8, u8)>,
    pub usage_limit: Option<i32>,
    pub per_user_limit: Option<i32>,
    pub active: bool,
}

type Errors = Vec<(&'static str, &'static str)>;

/// `YYYY-MM-DD` as (year, month, day), or `None` when empty.
pub fn parse_day(raw: &str) -> Result<Option<(i32, u8, u8)>, &'static str> {
    const SHAPE: &str = "Use a date like 2026-12-31.";
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let mut parts = raw.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(SHAPE);
    };
    let y: i32 = y.parse().map_err(|_| SHAPE)?;
    let m: u8 = m.parse().map_err(|_| SHAPE)?;
    let d: u8 = d.parse().map_err(|_| SHAPE)?;
    if !(2000..=2200).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(SHAPE);
    }
    Ok(Some((y, m, d)))
}

fn limit(raw: &str) -> Result<Option<i32>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i32>()
        .ok()
        .filter(|n| (1..=1_000_000).contains(n))
        .map(Some)
        .ok_or("Enter a whole number from 1, or leave it empty for no limit.")
}

impl CouponInput {
    /// Checks every field.
    pub fn validate(&self) -> Result<ValidCoupon, Errors> {
        let mut errors: Errors = Vec::new();
        let code = self.code.trim().to_uppercase();
        let code_ok = code.len() >= 3
            && code.len() <= 32
            && code
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
            && code
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !code_ok {
            errors.push((
                "code",
                "Use 3 to 32 letters, digits, dashes or underscores.",
            ));
        }
        let description = self.description.trim().to_owned();
        if description.chars().count() > 200 {
            errors.push(("description", "Keep it under 200 characters."));
        }
        let kind = self.kind.trim().to_owned();
        let amount = match kind.as_str() {
            "percent" => match self.amount.trim().parse::<i64>() {
                Ok(p) if (1..=100).contains(&p) => Some(p),
                _ => {
                    errors.push(("amount", "Enter a whole percentage from 1 to 100."));
                    None
                }
            },
            "fixed" => match parse_amount(&self.amount) {
                Ok(Some(c)) if c > 0 => Some(c),
                _ => {
                    errors.push(("amount", "Enter an amount like 5.00."));
                    None
                }
            },
            _ => {
                errors.push(("kind", "Choose percent or a fixed amount."));
                None
            }
        };
        let min_subtotal = match parse_amount(&self.min_subtotal) {
            Ok(c) => c.unwrap_or(0),
            Err(_) => {
                errors.push((
                    "min_subtotal",
                    "Enter an amount like 50.00, or leave it empty.",
                ));
                0
            }
        };
        let starts = parse_day(&self.starts).unwrap_or_else(|m| {
            errors.push(("starts", m));
            None
        });
        let ends = parse_day(&self.ends).unwrap_or_else(|m| {
            errors.push(("ends", m));
            None
        });
        if let (Some(s), Some(e)) = (starts, ends)
            && e <= s
        {
            errors.push(("ends", "The end must come after the start."));
        }
        let usage_limit = limit(&self.usage_limit).unwrap_or_else(|m| {
            errors.push(("usage_limit", m));
            None
        });
        let per_user_limit = limit(&self.per_user_limit).unwrap_or_else(|m| {
            errors.push(("per_user_limit", m));
            None
        });
        match (errors.is_empty(), amount) {
            (true, Some(amount)) => Ok(ValidCoupon {
                code,
                description,
                kind,
                amount,
                min_subtotal_cents: min_subtotal,
                starts,
                ends,
                usage_limit,
                per_user_limit,
                active: self.active,
            }),
            _ => Err(errors),
        }
    }
}

/// A shipping method form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodInput {
    pub code: String,
    pub name: String,
    pub price: String,
    pub free_over: String,
    pub min_days: String,
    pub max_days: String,
    pub position: String,
    pub active: bool,
}

/// A shipping method whose fields passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidMethod {
    pub code: String,
    pub name: String,
    pub price_cents: i64,
    pub free_over_cents: Option<i64>,
    pub min_days: i32,
    pub max_days: i32,
    pub position: i32,
    pub active: bool,
}

impl MethodInput {
    /// Checks every field.
    pub fn validate(&self) -> Result<ValidMethod, Errors> {
        let mut errors: Errors = Vec::new();
        let code = self.code.trim().to_lowercase();
        let code_ok = !code.is_empty()
            && code.len() <= 40
            && !code.starts_with('-')
            && !code.ends_with('-')
            && !code.contains("--")
            && code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !code_ok {
            errors.push(("code", "Use lower-case letters, digits and single dashes."));
        }
        let name = self.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 80 {
            errors.push(("name", "Enter a name of at most 80 characters."));
        }
        let price = match parse_amount(&self.price) {
            Ok(Some(c)) => c,
            Ok(None) => 0,
            Err(_) => {
                errors.push(("price", "Enter a price like 4.90 (0 for free)."));
                0
            }
        };
        let free_over = parse_amount(&self.free_over).unwrap_or_else(|_| {
            errors.push((
                "free_over",
                "Enter an amount like 50.00, or leave it empty.",
            ));
            None
        });
        let days = |raw: &str| {
            raw.trim()
                .parse::<i32>()
                .ok()
                .filter(|d| (0..=90).contains(d))
        };
        let min_days = days(&self.min_days).unwrap_or_else(|| {
            errors.push(("min_days", "Enter whole days from 0 to 90."));
            0
        });
        let max_days = days(&self.max_days).unwrap_or_else(|| {
            errors.push(("max_days", "Enter whole days from 0 to 90."));
            0
        });
        if max_days < min_days {
            errors.push(("max_days", "At least the fastest delivery time."));
        }
        let position = match self.position.trim() {
            "" => 0,
            p => p.parse::<i32>().unwrap_or_else(|_| {
                errors.push(("position", "Enter a whole number."));
                0
            }),
        };
        if errors.is_empty() {
            Ok(ValidMethod {
                code,
                name,
                price_cents: price,
                free_over_cents: free_over,
                min_days,
                max_days,
                position,
                active: self.active,
            })
        } else {
            Err(errors)
        }
    }
}

/// A tax rate typed as a percentage (`21`, `5.5`, `25,5`) in basis points.
pub fn parse_rate(raw: &str) -> Result<i32, &'static str> {
    let cents = parse_amount(raw)
        .ok()
        .flatten()
        .ok_or("Enter a percentage like 21 or 5.5.")?;
    i32::try_from(cents)
        .ok()
        .filter(|bp| *bp <= 10_000)
        .ok_or("A rate is at most 100 %.")
}
