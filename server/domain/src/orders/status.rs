//! The order state machine: which status may follow which, and who may move it.
//!
//! `pending_payment → paid → fulfilled → shipped → delivered`; `cancelled` from any state
//! before shipping; `refunded` from any paid state. `cancelled` and `refunded` are final.

use std::fmt;
use std::str::FromStr;

/// Where an order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    PendingPayment,
    Paid,
    Fulfilled,
    Shipped,
    Delivered,
    Cancelled,
    Refunded,
}

/// Every status, in the order of an order's life.
pub const ALL: [OrderStatus; 7] = [
    OrderStatus::PendingPayment,
    OrderStatus::Paid,
    OrderStatus::Fulfilled,
    OrderStatus::Shipped,
    OrderStatus::Delivered,
    OrderStatus::Cancelled,
    OrderStatus::Refunded,
];

impl OrderStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PendingPayment => "pending_payment",
            Self::Paid => "paid",
            Self::Fulfilled => "fulfilled",
            Self::Shipped => "shipped",
            Self::Delivered => "delivered",
            Self::Cancelled => "cancelled",
            Self::Refunded => "refunded",
        }
    }

    /// How people read it.
    pub fn label(self) -> &'static str {
        match self {
            Self::PendingPayment => "Awaiting payment",
            Self::Paid => "Paid",
            Self::Fulfilled => "Packed",
            Self::Shipped => "Shipped",
            Self::Delivered => "Delivered",
            Self::Cancelled => "Cancelled",
            Self::Refunded => "Refunded",
        }
    }

    /// The statuses this one may change to.
    pub fn next(self) -> &'static [OrderStatus] {
        use OrderStatus::*;
        match self {
            PendingPayment => &[Paid, Cancelled],
            Paid => &[Fulfilled, Cancelled, Refunded],
            Fulfilled => &[Shipped, Cancelled, Refunded],
            Shipped => &[Delivered, Refunded],
            Delivered => &[Refunded],
            Cancelled | Refunded => &[],
        }
    }

    /// Whether the order may change from this status to `to`.
    pub fn can_become(self, to: OrderStatus) -> bool {
        self.next().contains(&to)
    }

    /// Whether money was taken in this status (a refund is owed if it ends).
    pub fn is_paid(self) -> bool {
        matches!(
            self,
            Self::Paid | Self::Fulfilled | Self::Shipped | Self::Delivered
        )
    }

    /// Whether the goods are still in the warehouse (ending the order puts them back).
    pub fn goods_in_warehouse(self) -> bool {
        matches!(self, Self::PendingPayment | Self::Paid | Self::Fulfilled)
    }

    /// Whether the customer may cancel it themselves: paid and not yet shipped.
    pub fn customer_may_cancel(self) -> bool {
        matches!(self, Self::Paid | Self::Fulfilled)
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A status name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown order status {0:?}")]
pub struct UnknownStatus(pub String);

impl FromStr for OrderStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ALL.into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::OrderStatus::*;
    use super::*;

    #[test]
    fn the_happy_path_is_legal_step_by_step() {
        let path = [PendingPayment, Paid, Fulfilled, Shipped, Delivered];
        for pair in path.windows(2) {
            assert!(pair[0].can_become(pair[1]), "{} → {}", pair[0], pair[1]);
        }
    }

    #[test]
    fn illegal_moves_are_refused() {
        assert!(
            !PendingPayment.can_become(Shipped),
            "no shipping before payment"
        );
        assert!(!Paid.can_become(Delivered), "no skipping");
        assert!(
            !Shipped.can_become(Cancelled),
            "a shipped order cannot be cancelled"
        );
        assert!(!Delivered.can_become(Paid), "no going back");
        assert!(!PendingPayment.can_become(Refunded), "nothing to refund");
        for s in ALL {
            assert!(!s.can_become(s), "{s} → {s}");
            assert!(Cancelled.next().is_empty() && Refunded.next().is_empty());
        }
    }

    #[test]
    fn customers_cancel_only_before_shipping() {
        let may: Vec<_> = ALL
            .into_iter()
            .filter(|s| s.customer_may_cancel())
            .collect();
        assert_eq!(may, vec![Paid, Fulfilled]);
        for s in may {
            assert!(s.can_become(Cancelled));
        }
    }

    #[test]
    fn names_round_trip() {
        for s in ALL {
            assert_eq!(s.as_str().parse::<OrderStatus>(), Ok(s));
        }
        assert!("lost".parse::<OrderStatus>().is_err());
    }

    #[test]
    fn every_state_is_reachable_from_the_start() {
        let mut seen = vec![PendingPayment];
        let mut i = 0;
        while i < seen.len() {
            for n in seen[i].next() {
                if !seen.contains(n) {
                    seen.push(*n);
                }
            }
            i += 1;
        }
        assert_eq!(seen.len(), ALL.len());
    }
}
