//! Taking money: the `PaymentProvider` trait every payment service is adapted to, and the
//! built-in sandbox. A real provider (Stripe, Adyen, Mollie) is one more file implementing the
//! trait; nothing else in Daydream knows which one runs.
//!
//! Card numbers pass through to the provider and are never stored: an order keeps the
//! provider's reference, the card brand and its last four digits.

pub mod sandbox;

use async_trait::async_trait;

/// The card the buyer typed (already checked for shape by the checkout form).
#[derive(Clone, PartialEq, Eq)]
pub struct Card {
    /// Digits only.
    pub number: String,
    pub exp_month: u32,
    pub exp_year: u32,
    pub cvc: String,
}

impl std::fmt::Debug for Card {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Card(…{})", self.last4())
    }
}

impl Card {
    /// The last four digits, the only part ever stored or logged.
    pub fn last4(&self) -> String {
        let n = self.number.len();
        self.number[n.saturating_sub(4)..].to_owned()
    }

    /// The scheme, from the leading digits (for receipts).
    pub fn brand(&self) -> &'static str {
        let n = &self.number;
        if n.starts_with('4') {
            "Visa"
        } else if n.starts_with("34") || n.starts_with("37") {
            "American Express"
        } else if (51..=55).any(|p| n.starts_with(&p.to_string()))
            || (2221..=2720).any(|p| n.starts_with(&p.to_string()))
        {
            "Mastercard"
        } else {
            "Card"
        }
    }
}

/// A charge to authorise.
#[derive(Debug, Clone)]
pub struct ChargeRequest<'a> {
    /// Our order number: the provider's idempotency key, so a retried call charges once.
    pub order_number: &'a str,
    pub amount_cents: i64,
    pub currency: &'a str,
    pub card: &'a Card,
}

/// An authorised charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// The provider's id for this charge (stored; capture and refund name it).
    pub reference: String,
    pub card_brand: String,
    pub card_last4: String,
}

/// Why the provider did not take the money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentError {
    /// The bank said no; `reason` is safe to show the buyer.
    #[error("the payment was declined: {reason}")]
    Declined { reason: String },
    /// The provider could not be reached or failed; nothing was charged.
    #[error("the payment service failed: {0}")]
    Unavailable(String),
}

/// A payment service: authorise a charge, capture it, refund it, or void an authorisation
/// that no order came of.
#[async_trait]
pub trait PaymentProvider: Send + Sync {
    /// Stored with each payment (`sandbox`, `stripe`...).
    fn name(&self) -> &'static str;

    /// Reserves the amount on the card.
    async fn authorize(&self, charge: &ChargeRequest<'_>) -> Result<Authorization, PaymentError>;

    /// Takes the authorised amount.
    async fn capture(&self, reference: &str, amount_cents: i64) -> Result<(), PaymentError>;

    /// Gives `amount_cents` of a captured charge back; returns the refund's reference. Calling
    /// it again for the same charge must not refund twice (providers take an idempotency key;
    /// ours is the charge reference).
    async fn refund(&self, reference: &str, amount_cents: i64) -> Result<String, PaymentError>;

    /// Releases an authorisation that will not be captured (the order did not commit).
    async fn void(&self, reference: &str) -> Result<(), PaymentError>;
}
