//! Orders: what was bought (lines copied at the moment of purchase), by whom, the payment, and
//! the history of every status change. The status follows the state machine in [`status`].

pub mod events;
pub mod number;
pub mod queries;
pub mod recommendations;
pub mod status;
pub mod transitions;

use diesel::prelude::*;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::schema::{order_events, order_lines, orders, payments};
pub use number::OrderNumber;
pub use status::OrderStatus;

/// The delivery address, copied onto the order.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ShipTo {
    pub full_name: String,
    pub line1: String,
    #[serde(default)]
    pub line2: String,
    pub city: String,
    #[serde(default)]
    pub region: String,
    pub postal_code: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    #[serde(default)]
    pub phone: String,
}

impl ShipTo {
    /// The delivery place, normalised (street, postcode and country, letters and digits only,
    /// lower case): what counts a guest's coupon uses, since a guest can change the email at
    /// will but not where the parcel goes.
    pub fn place_key(&self) -> String {
        let norm = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        format!(
            "{}|{}|{}",
            norm(&self.line1),
            norm(&self.postal_code),
            norm(&self.country)
        )
    }
}

impl From<crate::accounts::addresses::AddressFields> for ShipTo {
    fn from(a: crate::accounts::addresses::AddressFields) -> Self {
        Self {
            full_name: a.full_name,
            line1: a.line1,
            line2: a.line2,
            city: a.city,
            region: a.region,
            postal_code: a.postal_code,
            country: a.country,
            phone: a.phone,
        }
    }
}

/// A stored order.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = orders, check_for_backend(diesel::pg::Pg))]
pub struct Order {
    pub id: i64,
    pub number: String,
    pub idempotency_key: Uuid,
    pub user_id: Option<Uuid>,
    pub email: String,
    pub status: String,
    pub currency: String,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub shipping_cents: i64,
    pub tax_cents: i64,
    pub total_cents: i64,
    pub tax_rate_bp: i32,
    pub coupon_id: Option<i64>,
    pub coupon_code: Option<String>,
    pub shipping_method: String,
    pub ship_to: serde_json::Value,
    pub placed_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl Order {
    /// The status as the state machine knows it.
    pub fn state(&self) -> OrderStatus {
        self.status.parse().unwrap_or(OrderStatus::PendingPayment)
    }

    /// The delivery address.
    pub fn ship_to(&self) -> ShipTo {
        serde_json::from_value(self.ship_to.clone()).unwrap_or_default()
    }
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = order_lines, check_for_backend(diesel::pg::Pg))]
pub struct OrderLine {
    pub id: i64,
    pub order_id: i64,
    pub variant_id: Option<i64>,
    pub product_id: Option<i64>,
    pub product_name: String,
    pub product_slug: String,
    pub sku: String,
    pub options: serde_json::Value,
    pub unit_price_cents: i64,
    pub quantity: i32,
    pub line_total_cents: i64,
    /// The studio result printed (a print line).
    pub result_id: Option<Uuid>,
    /// The print file, once rendered after payment.
    pub print_media_id: Option<Uuid>,
}

/// One status change.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = order_events, check_for_backend(diesel::pg::Pg))]
pub struct OrderEvent {
    pub id: i64,
    pub order_id: i64,
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_id: Option<Uuid>,
    pub actor_role: String,
    pub note: String,
    pub at: OffsetDateTime,
}

/// The payment of an order.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = payments, check_for_backend(diesel::pg::Pg))]
pub struct Payment {
    pub id: i64,
    pub order_id: i64,
    pub provider: String,
    pub reference: String,
    pub status: String,
    pub amount_cents: i64,
    pub refunded_cents: i64,
    pub currency: String,
    pub card_brand: String,
    pub card_last4: String,
    pub refund_reference: Option<String>,
}

/// Who changed an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Customer(Uuid),
    /// A guest, known by the email on the order.
    Guest,
    Staff(Uuid),
    System,
}

impl Actor {
    /// The user, if any.
    pub fn id(self) -> Option<Uuid> {
        match self {
            Self::Customer(id) | Self::Staff(id) => Some(id),
            Self::Guest | Self::System => None,
        }
    }

    /// The stored role name.
    pub fn role(self) -> &'static str {
        match self {
            Self::Customer(_) | Self::Guest => "customer",
            Self::Staff(_) => "staff",
            Self::System => "system",
        }
    }
}
