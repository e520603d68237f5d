//! Job: gives a cancelled or refunded order's money back through the payment provider. Queued
//! in the transaction that ended the order; idempotent (a payment already refunded is left
//! alone, and providers refund a charge once however often they are asked).

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::{Deserialize, Serialize};

use super::{Job, JobContext};
use crate::db::schema::payments;
use crate::orders::Payment;

/// Refunds the payment of order `order_id`.
#[derive(Debug, Serialize, Deserialize)]
pub struct RefundPayment {
    pub order_id: i64,
}

#[async_trait::async_trait]
impl Job for RefundPayment {
    const NAME: &'static str = "refund_payment";
    const MAX_ATTEMPTS: i32 = 12;

    async fn run(&self, ctx: &JobContext) -> anyhow::Result<()> {
        let mut conn = ctx.pool.get().await?;
        let payment: Option<Payment> = payments::table
            .filter(payments::order_id.eq(self.order_id))
            .select(Payment::as_select())
            .first(&mut conn)
            .await
            .optional()?;
        let Some(payment) = payment.filter(|p| p.status == "refund_pending") else {
            return Ok(());
        };
        let owed = payment.amount_cents - payment.refunded_cents;
        let refund = ctx.payments.refund(&payment.reference, owed).await?;
        diesel::update(
            payments::table
                .find(payment.id)
                .filter(payments::status.eq("refund_pending")),
        )
        .set((
            payments::status.eq("refunded"),
            payments::refunded_cents.eq(payment.amount_cents),
            payments::refund_reference.eq(&refund),
        ))
        .execute(&mut conn)
        .await?;
        tracing::info!(order.id = self.order_id, payment.refund = %refund, cents = owed, "payment refunded");
        Ok(())
    }
}
