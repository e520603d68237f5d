//! Prices as shoppers read them: integer cents and an ISO currency code, formatted once here.

/// `1999, "EUR"` → `€19.99`; codes without a known symbol print as `19.99 CHF`.
pub fn format_price(cents: i64, currency: &str) -> String {
    let abs = cents.unsigned_abs();
    with_currency(
        cents < 0,
        &format!("{}.{:02}", group_thousands(abs / 100), abs % 100),
        currency,
    )
}

/// Whole currency units, for round figures such as price bands: `2500, "EUR"` → `€25`.
pub fn format_whole(cents: i64, currency: &str) -> String {
    with_currency(
        cents < 0,
        &group_thousands(cents.unsigned_abs() / 100),
        currency,
    )
}

/// `amount` with its currency's symbol (or code) and the sign.
fn with_currency(negative: bool, amount: &str, currency: &str) -> String {
    let sign = if negative { "-" } else { "" };
    match currency {
        "EUR" => format!("{sign}€{amount}"),
        "USD" => format!("{sign}${amount}"),
        "GBP" => format!("{sign}£{amount}"),
        other => format!("{sign}{amount} {other}"),
    }
}

/// `1234567` → `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The price of the offer as schema.org wants it: `19.99`.
pub fn decimal(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// What `parse_amount` answers for text that is not an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAnAmount;

/// An amount typed by a person (`"25"`, `"25.50"`, `"25,5"`) in cents; `None` when empty,
/// `Err` when it is not an amount (negative, more than two decimals, over 9 999 999).
pub fn parse_amount(value: &str) -> Result<Option<i64>, NotAnAmount> {
    let value = value.trim().replace(',', ".");
    if value.is_empty() {
        return Ok(None);
    }
    let (whole, frac) = value.split_once('.').unwrap_or((&value, ""));
    if whole.len() > 7
        || frac.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || whole.is_empty()
    {
        return Err(NotAnAmount);
    }
    let whole: i64 = whole.parse().map_err(|_| NotAnAmount)?;
    let frac: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().map_err(|_| NotAnAmount)?
    };
    Ok(Some(whole * 100 + frac))
}
