//! Rate limits on sensitive actions (sign-in, password-reset mail): a trait with an in-process
//! implementation (governor's GCRA, keyed), so a Redis-backed one can take over when several
//! instances must share the counts.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

/// What is being limited; each rule has its own quota and counts per key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Sign-in attempts from one IP address, on any accounts: three times
    /// `Quotas::sign_in_per_minute`, since an office or a household shares one address.
    SignInPerIp,
    /// Sign-in attempts on one account from one client (key: email + client, see
    /// [`account_and_client`]), so a stranger who guesses wrong on purpose slows only
    /// themselves, never the owner (`Quotas::sign_in_per_minute`).
    SignInPerAccount,
    /// Password-reset and confirmation mails to one address (`Quotas::mails_per_hour`).
    ResetMailPerAccount,
    /// Accounts created from one client (`Quotas::sign_ups_per_hour`).
    SignUpPerIp,
    /// Coupon codes tried from one client (`Quotas::coupons_per_minute`).
    CouponPerIp,
    /// Public form posts (contact, waitlist) naming one address (`Quotas::forms_per_hour`;
    /// key: the form and the address).
    PublicFormPerAddress,
    /// Public form posts from one client: three times `Quotas::forms_per_hour`.
    PublicFormPerIp,
}

/// The key of [`Rule::SignInPerAccount`]: the account's email and the client it is tried from.
pub fn account_and_client(email: &str, client: &ClientIp) -> String {
    format!("{}|{}", email.to_lowercase(), client.rate_key())
}

/// The client a request came from: the TCP peer, or — only when that peer is a trusted proxy —
/// the address that proxy says it forwarded for. Put in each request's extensions by the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl ClientIp {
    /// The key rate limits count under: an IPv4 address as is; an IPv6 address by its /64
    /// network, since one subscriber usually holds a whole /64 and can change the rest at will.
    pub fn rate_key(&self) -> String {
        match self.0 {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let s = v6.segments();
                    format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
                }
            },
        }
    }
}

impl std::fmt::Display for ClientIp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// How many attempts each rule allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotas {
    /// Sign-in attempts a minute on one account from one client (default 10); an IP address
    /// gets three times as many across accounts.
    pub sign_in_per_minute: u32,
    /// Account mails (reset, confirmation again) an hour per address (default 3).
    pub mails_per_hour: u32,
    /// Sign-ups an hour per client (default 10).
    pub sign_ups_per_hour: u32,
    /// Coupon codes tried a minute per client (default 20).
    pub coupons_per_minute: u32,
    /// Public form posts an hour per address (default 5); a client gets three times as many.
    pub forms_per_hour: u32,
}

impl Default for Quotas {
    fn default() -> Self {
        Self {
            sign_in_per_minute: 10,
            mails_per_hour: 3,
            sign_ups_per_hour: 10,
            coupons_per_minute: 20,
            forms_per_hour: 5,
        }
    }
}

/// How many accounts' worth of sign-in attempts one IP address gets.
const SHARED_ADDRESS: u32 = 3;

impl Quotas {
    fn quota(self, rule: Rule) -> Quota {
        let n = |v: u32| NonZeroU32::new(v).unwrap_or(NonZeroU32::MIN);
        match rule {
            Rule::SignInPerIp => {
                Quota::per_minute(n(self.sign_in_per_minute.saturating_mul(SHARED_ADDRESS)))
            }
            Rule::SignInPerAccount => Quota::per_minute(n(self.sign_in_per_minute)),
            Rule::ResetMailPerAccount => Quota::per_hour(n(self.mails_per_hour)),
            Rule::SignUpPerIp => Quota::per_hour(n(self.sign_ups_per_hour)),
            Rule::CouponPerIp => Quota::per_minute(n(self.coupons_per_minute)),
            Rule::PublicFormPerAddress => Quota::per_hour(n(self.forms_per_hour)),
            Rule::PublicFormPerIp => {
                Quota::per_hour(n(self.forms_per_hour.saturating_mul(SHARED_ADDRESS)))
            }
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
    sign_up: DefaultKeyedRateLimiter<String>,
    coupon: DefaultKeyedRateLimiter<String>,
    form_address: DefaultKeyedRateLimiter<String>,
    form_ip: DefaultKeyedRateLimiter<String>,
}

impl LocalRateLimiter {
    /// A limiter with these quotas.
    pub fn new(quotas: Quotas) -> Self {
        Self {
            sign_in_ip: governor::RateLimiter::keyed(quotas.quota(Rule::SignInPerIp)),
            sign_in_account: governor::RateLimiter::keyed(quotas.quota(Rule::SignInPerAccount)),
            reset_mail: governor::RateLimiter::keyed(quotas.quota(Rule::ResetMailPerAccount)),
            sign_up: governor::RateLimiter::keyed(quotas.quota(Rule::SignUpPerIp)),
            coupon: governor::RateLimiter::keyed(quotas.quota(Rule::CouponPerIp)),
            form_address: governor::RateLimiter::keyed(quotas.quota(Rule::PublicFormPerAddress)),
            form_ip: governor::RateLimiter::keyed(quotas.quota(Rule::PublicFormPerIp)),
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
            Rule::SignUpPerIp => &self.sign_up,
            Rule::CouponPerIp => &self.coupon,
            Rule::PublicFormPerAddress => &self.form_address,
            Rule::PublicFormPerIp => &self.form_ip,
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

    #[test]
    fn ipv6_clients_are_grouped_by_their_64() {
        let a = ClientIp("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = ClientIp("2001:db8:1:2:ffff:1:2:3".parse().unwrap());
        let c = ClientIp("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(a.rate_key(), b.rate_key());
        assert_ne!(a.rate_key(), c.rate_key());
        assert_eq!(
            ClientIp("203.0.113.9".parse().unwrap()).rate_key(),
            "203.0.113.9"
        );
        assert_eq!(
            ClientIp("::ffff:203.0.113.9".parse().unwrap()).rate_key(),
            "203.0.113.9"
        );
    }

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
