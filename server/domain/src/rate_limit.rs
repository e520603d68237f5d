//! Rate limits on sensitive actions (sign-in, password-reset mail): a trait with an in-process
//! implementation (governor's GCRA, keyed), so a Redis-backed one can take over when several
//! instances must share the counts.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

/// What is being limited; each rule has its own quota and counts per key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Sign-in attempts from one IP address (`Quotas::sign_in_per_minute`).
    SignInPerIp,
    /// Sign-in attempts on one account (email) (`Quotas::sign_in_per_minute`).
    SignInPerAccount,
    /// Password-reset and confirmation mails to one address (`Quotas::mails_per_hour`).
    ResetMailPerAccount,
}

/// How many attempts each rule allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotas {
    /// Sign-in attempts a minute, per IP address and per account (default 10).
    pub sign_in_per_minute: u32,
    /// Account mails (reset, confirmation again) an hour per address (default 3).
    pub mails_per_hour: u32,
}

impl Default for Quotas {
    fn default() -> Self {
        Self {
            sign_in_per_minute: 10,
            mails_per_hour: 3,
        }
    }
}

impl Quotas {
    fn quota(self, rule: Rule) -> Quota {
        let n = |v: u32| NonZeroU32::new(v).unwrap_or(NonZeroU32::MIN);
        match rule {
            Rule::SignInPerIp | Rule::SignInPerAccount => {
                Quota::per_minute(n(self.sign_in_per_minute))
            }
            Rule::ResetMailPerAccount => Quota::per_hour(n(self.mails_per_hour)),
        }
    }
}

/// Checks and counts attempts.
#[async_trait::async_trait]
pub trait RateLimiter: Send + Sync {
    /// Counts one attempt for `key` under `rule`; `Err(wait)` when over the limit, with how
    /// long until the next attempt is allowed.
    async fn hit(&self, rule: Rule, key: &str) -> Result<(), Duration>;
}

/// Limits kept in this process's memory.
pub struct LocalRateLimiter {
    sign_in_ip: DefaultKeyedRateLimiter<String>,
    sign_in_account: DefaultKeyedRateLimiter<String>,
    reset_mail: DefaultKeyedRateLimiter<String>,
}

impl LocalRateLimiter {
    /// A limiter with these quotas.
    pub fn new(quotas: Quotas) -> Self {
        Self {
            sign_in_ip: governor::RateLimiter::keyed(quotas.quota(Rule::SignInPerIp)),
            sign_in_account: governor::RateLimiter::keyed(quotas.quota(Rule::SignInPerAccount)),
            reset_mail: governor::RateLimiter::keyed(quotas.quota(Rule::ResetMailPerAccount)),
        }
    }
}

impl Default for LocalRateLimiter {
    fn default() -> Self {
        Self::new(Quotas::default())
    }
}

#[async_trait::async_trait]
impl RateLimiter for LocalRateLimiter {
    async fn hit(&self, rule: Rule, key: &str) -> Result<(), Duration> {
        let limiter = match rule {
            Rule::SignInPerIp => &self.sign_in_ip,
            Rule::SignInPerAccount => &self.sign_in_account,
            Rule::ResetMailPerAccount => &self.reset_mail,
        };
        // Forget keys that are back to full allowance, so memory stays bounded.
        if limiter.len() > 10_000 {
            limiter.retain_recent();
        }
        limiter
            .check_key(&key.to_lowercase())
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_eleventh_sign_in_in_a_minute_waits() {
        let limiter = LocalRateLimiter::default();
        for _ in 0..10 {
            assert!(
                limiter
                    .hit(Rule::SignInPerAccount, "ana@example.com")
                    .await
                    .is_ok()
            );
        }
        let wait = limiter
            .hit(Rule::SignInPerAccount, "ANA@example.com")
            .await
            .unwrap_err();
        assert!(
            wait > Duration::from_secs(1) && wait <= Duration::from_secs(6),
            "{wait:?}"
        );
        assert!(
            limiter
                .hit(Rule::SignInPerAccount, "bo@example.com")
                .await
                .is_ok(),
            "per key"
        );
        assert!(
            limiter
                .hit(Rule::SignInPerIp, "ana@example.com")
                .await
                .is_ok(),
            "per rule"
        );
    }
}
