//! The sandbox payment provider: behaves like a card processor without moving money, for
//! development, tests and demos. Test cards (any future expiry, any 3-digit CVC):
//!
//! | number | result |
//! |---|---|
//! | `4242 4242 4242 4242` | approved (Visa) |
//! | `5555 5555 5555 4444` | approved (Mastercard) |
//! | `4000 0000 0000 0002` | declined by the bank |
//! | `4000 0000 0000 9995` | declined: insufficient funds |
//! | `4000 0000 0000 0119` | the payment network fails (nothing charged) |
//!
//! Any other number is declined, as a real sandbox refuses real cards.

use async_trait::async_trait;

use super::{Authorization, ChargeRequest, PaymentError, PaymentProvider};

/// Approved test cards.
pub const APPROVED: &str = "4242424242424242";
/// Declined by the bank.
pub const DECLINED: &str = "4000000000000002";
/// Declined for insufficient funds.
pub const INSUFFICIENT_FUNDS: &str = "4000000000009995";
/// The network call fails.
pub const NETWORK_FAILURE: &str = "4000000000000119";

/// The sandbox provider (stateless: references carry what capture and refund need).
#[derive(Debug, Clone, Copy, Default)]
pub struct Sandbox;

#[async_trait]
impl PaymentProvider for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    async fn authorize(&self, charge: &ChargeRequest<'_>) -> Result<Authorization, PaymentError> {
        let declined = |reason: &str| {
            Err(PaymentError::Declined {
                reason: reason.to_owned(),
            })
        };
        match charge.card.number.as_str() {
            APPROVED | "5555555555554444" => Ok(Authorization {
                reference: format!("sbx_{}", charge.order_number),
                card_brand: charge.card.brand().to_owned(),
                card_last4: charge.card.last4(),
            }),
            DECLINED => declined("your bank declined the card"),
            INSUFFICIENT_FUNDS => declined("the card has insufficient funds"),
            NETWORK_FAILURE => Err(PaymentError::Unavailable(
                "the sandbox network did not answer".to_owned(),
            )),
            _ => declined("this is the sandbox: use one of the test cards"),
        }
    }

    async fn capture(&self, reference: &str, _amount_cents: i64) -> Result<(), PaymentError> {
        known(reference)
    }

    async fn refund(&self, reference: &str, _amount_cents: i64) -> Result<String, PaymentError> {
        known(reference)?;
        Ok(format!("{reference}_refund"))
    }

    async fn void(&self, reference: &str) -> Result<(), PaymentError> {
        known(reference)
    }
}

/// Whether `reference` is one the sandbox handed out.
fn known(reference: &str) -> Result<(), PaymentError> {
    if reference.starts_with("sbx_") {
        Ok(())
    } else {
        Err(PaymentError::Unavailable(format!(
            "the sandbox knows no charge {reference:?}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::super::Card;
    use super::*;

    fn card(number: &str) -> Card {
        Card {
            number: number.to_owned(),
            exp_month: 12,
            exp_year: 2099,
            cvc: "123".to_owned(),
        }
    }

    async fn charge(number: &str) -> Result<Authorization, PaymentError> {
        let card = card(number);
        Sandbox
            .authorize(&ChargeRequest {
                order_number: "DD-0000000001",
                amount_cents: 1000,
                currency: "EUR",
                card: &card,
            })
            .await
    }

    #[tokio::test]
    async fn each_test_card_does_what_the_table_says() {
        let ok = charge(APPROVED).await.unwrap();
        assert_eq!(ok.card_last4, "4242");
        assert_eq!(ok.card_brand, "Visa");
        assert!(Sandbox.capture(&ok.reference, 1000).await.is_ok());
        assert_eq!(
            Sandbox.refund(&ok.reference, 1000).await.unwrap(),
            Sandbox.refund(&ok.reference, 1000).await.unwrap(),
            "a refund is idempotent by charge"
        );
        assert!(matches!(
            charge(DECLINED).await,
            Err(PaymentError::Declined { .. })
        ));
        assert!(matches!(
            charge(INSUFFICIENT_FUNDS).await,
            Err(PaymentError::Declined { .. })
        ));
        assert!(matches!(
            charge(NETWORK_FAILURE).await,
            Err(PaymentError::Unavailable(_))
        ));
        assert!(matches!(
            charge("4111111111111111").await,
            Err(PaymentError::Declined { .. })
        ));
        assert!(Sandbox.capture("ch_elsewhere", 1).await.is_err());
        assert_eq!(
            format!("{:?}", card(APPROVED)),
            "Card(…4242)",
            "never the whole number"
        );
    }
}
