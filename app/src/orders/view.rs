//! The wire view of an order, shared by the customer's and the staff's pages.

use serde::{Deserialize, Serialize};

use crate::cart::api::TotalsView;
use crate::ui::time::Instant;

/// An order in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub number: String,
    pub placed: Instant,
    pub status: String,
    pub status_label: String,
    pub email: String,
    pub total_cents: i64,
    pub currency: String,
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLineView {
    pub name: String,
    pub slug: String,
    pub sku: String,
    pub options: String,
    pub unit_cents: i64,
    pub quantity: i32,
    pub line_cents: i64,
    /// A print's picture (signed address).
    pub picture_url: Option<String>,
    /// A print: its file, once rendered (signed address; staff only), and whether it is.
    pub print: Option<PrintFile>,
}

/// A print line's file, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PrintFile {
    /// Still being rendered.
    Pending,
    /// Ready at this (signed) address.
    Ready(String),
}

/// The signed addresses of an order's print lines by line id: the picture, and (for staff)
/// the print file.
#[cfg(feature = "ssr")]
pub async fn print_links(
    conn: &mut domain::db::PooledConn,
    services: &domain::services::Services,
    detail: &domain::orders::queries::OrderDetail,
    staff: bool,
) -> Result<
    std::collections::HashMap<i64, (Option<String>, Option<PrintFile>)>,
    crate::error::AppError,
> {
    let mut links = std::collections::HashMap::new();
    for line in &detail.lines {
        let Some(result_id) = line.result_id else {
            continue;
        };
        let picture = domain::studio::results::get(conn, result_id)
            .await?
            .map(|r| {
                crate::studio::photos_api::signed::sized(
                    services,
                    r.media_id,
                    &r.content_type,
                    &r.variant_widths,
                    150,
                )
            });
        let file = if staff {
            match line.print_media_id {
                Some(media_id) => domain::media::queries::find(conn, media_id)
                    .await?
                    .map(|m| {
                        PrintFile::Ready(crate::studio::photos_api::signed::original(
                            services,
                            media_id,
                            &m.content_type,
                        ))
                    }),
                None => Some(PrintFile::Pending),
            }
        } else {
            None
        };
        links.insert(line.id, (picture, file));
    }
    Ok(links)
}
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub at: Instant,
    pub from: Option<String>,
    pub to: String,
    /// "you", "staff", "system"...
    pub by: String,
    pub note: String,
}

/// An order with everything it is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderView {
    pub summary: OrderSummary,
    pub lines: Vec<OrderLineView>,
    pub totals: TotalsView,
    pub coupon: Option<String>,
    pub shipping_method: String,
    pub ship_to: Vec<String>,
    /// "Visa ending 4242 · captured".
    pub payment: Option<String>,
    pub events: Vec<EventView>,
    /// Whether the viewer may cancel it now.
    pub can_cancel: bool,
    /// The statuses staff may move it to.
    pub next: Vec<(String, String)>,
}

#[cfg(feature = "ssr")]
impl From<&domain::orders::Order> for OrderSummary {
    fn from(o: &domain::orders::Order) -> Self {
        Self {
            number: o.number.clone(),
            placed: o.placed_at.into(),
            status: o.status.clone(),
            status_label: o.state().label().to_owned(),
            email: o.email.clone(),
            total_cents: o.total_cents,
            currency: o.currency.clone(),
        }
    }
}

/// A delivery address as the lines printed on a label (empty parts left out).
#[cfg(feature = "ssr")]
pub fn address_lines(to: domain::orders::ShipTo) -> Vec<String> {
    [
        to.full_name,
        to.line1,
        to.line2,
        format!("{} {}", to.postal_code, to.city).trim().to_owned(),
        to.region,
        crate::ui::countries::name(&to.country)
            .unwrap_or(&to.country)
            .to_owned(),
        to.phone,
    ]
    .into_iter()
    .filter(|l| !l.is_empty())
    .collect()
}

/// The view of `detail`; `viewer` is the user looking (their own actions read "you").
#[cfg(feature = "ssr")]
pub fn order_view(
    detail: &domain::orders::queries::OrderDetail,
    viewer: Option<uuid::Uuid>,
    can_cancel: bool,
    prints: &std::collections::HashMap<i64, (Option<String>, Option<PrintFile>)>,
) -> OrderView {
    use domain::orders::OrderStatus;
    let o = &detail.order;
    let label = |s: &str| {
        s.parse::<OrderStatus>()
            .map_or_else(|_| s.to_owned(), |st| st.label().to_owned())
    };
    let ship_to = address_lines(o.ship_to());
    OrderView {
        summary: o.into(),
        lines: detail
            .lines
            .iter()
            .map(|l| OrderLineView {
                name: l.product_name.clone(),
                slug: l.product_slug.clone(),
                sku: l.sku.clone(),
                options: l
                    .options
                    .as_object()
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| format!("{k}: {}", v.as_str().unwrap_or_default()))
                            .collect::<Vec<_>>()
                            .join(" · ")
                    })
                    .unwrap_or_default(),
                unit_cents: l.unit_price_cents,
                quantity: l.quantity,
                line_cents: l.line_total_cents,
                picture_url: prints.get(&l.id).and_then(|(p, _)| p.clone()),
                print: prints.get(&l.id).and_then(|(_, f)| f.clone()),
            })
            .collect(),
        totals: TotalsView {
            currency: o.currency.clone(),
            subtotal: o.subtotal_cents,
            discount: o.discount_cents,
            shipping: o.shipping_cents,
            tax: o.tax_cents,
            total: o.total_cents,
            tax_rate_bp: o.tax_rate_bp,
        },
        coupon: o.coupon_code.clone(),
        shipping_method: o.shipping_method.clone(),
        ship_to,
        payment: detail.payment.as_ref().map(|p| {
            let state = match p.status.as_str() {
                "captured" => "paid",
                "refund_pending" => "refund on its way",
                "refunded" => "refunded",
                other => other,
            };
            format!("{} ending {} · {state}", p.card_brand, p.card_last4)
        }),
        events: detail
            .events
            .iter()
            .map(|e| EventView {
                at: e.at.into(),
                from: e.from_status.as_deref().map(label),
                to: label(&e.to_status),
                by: match (e.actor_role.as_str(), e.actor_id) {
                    ("customer", Some(id)) if Some(id) == viewer => "you".to_owned(),
                    (role, _) => role.to_owned(),
                },
                note: e.note.clone(),
            })
            .collect(),
        can_cancel,
        next: o
            .state()
            .next()
            .iter()
            .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
            .collect(),
    }
}
