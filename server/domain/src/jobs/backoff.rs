//! How long a failed job waits before its next attempt.

use std::time::Duration;

/// First retry delay.
pub const BASE: Duration = Duration::from_secs(2);
/// Longest delay between two attempts.
pub const MAX: Duration = Duration::from_secs(60 * 60);

/// The delay after the `attempt`-th failed attempt (1-based): 2 s, 4 s, 8 s, ... capped at 1 h.
pub fn delay_after(attempt: i32) -> Duration {
    let exponent = u32::try_from(attempt.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    BASE.saturating_mul(1 << exponent).min(MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn doubles_from_two_seconds() {
        assert_eq!(delay_after(1), Duration::from_secs(2));
        assert_eq!(delay_after(2), Duration::from_secs(4));
        assert_eq!(delay_after(3), Duration::from_secs(8));
        assert_eq!(delay_after(0), Duration::from_secs(2));
    }

    #[test]
    fn is_capped_at_an_hour() {
        assert_eq!(delay_after(12), MAX);
        assert_eq!(delay_after(i32::MAX), MAX);
    }

    proptest! {
        #[test]
        fn never_shrinks_and_never_exceeds_the_cap(a in 0i32..1000) {
            prop_assert!(delay_after(a + 1) >= delay_after(a));
            prop_assert!(delay_after(a) <= MAX);
            prop_assert!(delay_after(a) >= BASE);
        }
    }
}
