//! The order emails: the confirmation (every line, the totals, the address) and the short
//! message sent on each later status change.

use askama::Template;

use super::outbox::OutgoingEmail;
use crate::orders::{Order, OrderLine, OrderStatus};

/// `cents` as the emails write money: `€12.34`, or `12.34 USD` for other currencies.
pub fn money(cents: i64, currency: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let amount = format!("{sign}{}.{:02}", abs / 100, abs % 100);
    match currency {
        "EUR" => format!("€{amount}"),
        "GBP" => format!("£{amount}"),
        "USD" => format!("${amount}"),
        other => format!("{amount} {other}"),
    }
}

struct Line {
    quantity: i32,
    name: String,
    options: String,
    total: String,
}

/// What the confirmation says, shared by its text and HTML templates.
struct Confirmation<'a> {
    number: &'a str,
    placed: String,
    lines: Vec<Line>,
    subtotal: String,
    has_discount: bool,
    coupon: Option<&'a str>,
    discount: String,
    shipping_method: &'a str,
    shipping: String,
    tax_rate: String,
    tax: String,
    total: String,
    address: Vec<String>,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/order_confirmation.txt")]
struct ConfirmationText<'a> {
    o: &'a Confirmation<'a>,
}

#[derive(Template)]
#[template(path = "email/order_confirmation.html")]
struct ConfirmationHtml<'a> {
    o: &'a Confirmation<'a>,
}

#[derive(Template)]
#[template(path = "email/order_status.txt")]
struct StatusText<'a> {
    number: &'a str,
    status: &'a str,
    body: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/order_status.html")]
struct StatusHtml<'a> {
    number: &'a str,
    status: &'a str,
    body: &'a str,
    link: &'a str,
}

/// "Order … confirmed", with every line and the totals.
pub fn order_confirmation(
    order: &Order,
    lines: &[OrderLine],
    link: &str,
) -> Result<OutgoingEmail, askama::Error> {
    let c = order.currency.as_str();
    let lines: Vec<Line> = lines
        .iter()
        .map(|l| Line {
            quantity: l.quantity,
            name: l.product_name.clone(),
            options: l
                .options
                .as_object()
                .map(|o| {
                    o.values()
                        .filter_map(|v| v.as_str())
                        .collect::<Vec<_>>()
                        .join(" · ")
                })
                .unwrap_or_default(),
            total: money(l.line_total_cents, c),
        })
        .collect();
    let to = order.ship_to();
    let address: Vec<String> = [
        to.full_name,
        to.line1,
        to.line2,
        format!("{} {}", to.postal_code, to.city).trim().to_owned(),
        to.region,
        to.country,
    ]
    .into_iter()
    .filter(|l| !l.is_empty())
    .collect();
    let placed = order
        .placed_at
        .format(&time::macros::format_description!(
            "[day] [month repr:long] [year], [hour]:[minute] UTC"
        ))
        .unwrap_or_default();
    let o = Confirmation {
        number: &order.number,
        placed,
        lines,
        subtotal: money(order.subtotal_cents, c),
        has_discount: order.discount_cents > 0,
        coupon: order.coupon_code.as_deref(),
        discount: money(order.discount_cents, c),
        shipping_method: &order.shipping_method,
        shipping: money(order.shipping_cents, c),
        tax_rate: format!("{}%", f64::from(order.tax_rate_bp) / 100.0),
        tax: money(order.tax_cents, c),
        total: money(order.total_cents, c),
        address,
        link,
    };
    Ok(OutgoingEmail {
        to: order.email.clone(),
        subject: format!("Order {} confirmed", order.number),
        text: ConfirmationText { o: &o }.render()?,
        html: ConfirmationHtml { o: &o }.render()?,
    })
}

/// "Order …: Shipped" and the like.
pub fn order_status(
    order: &Order,
    status: OrderStatus,
    link: &str,
) -> Result<OutgoingEmail, askama::Error> {
    let (_, body) = crate::orders::transitions::headline(&order.number, status);
    let label = status.label();
    Ok(OutgoingEmail {
        to: order.email.clone(),
        subject: format!("Order {}: {label}", order.number),
        text: StatusText {
            number: &order.number,
            status: label,
            body,
            link,
        }
        .render()?,
        html: StatusHtml {
            number: &order.number,
            status: label,
            body,
            link,
        }
        .render()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_like_money() {
        assert_eq!(money(123_456, "EUR"), "€1234.56");
        assert_eq!(money(5, "USD"), "$0.05");
        assert_eq!(money(100, "SEK"), "1.00 SEK");
        assert_eq!(money(-250, "GBP"), "£-2.50");
    }
}
