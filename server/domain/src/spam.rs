//! Defences of the public forms (contact, waitlist) against scripted posts: a signed stamp of
//! when the form was shown (a post sooner than a person could have typed it, a stamp that is
//! not ours or is too old, is refused) and a honeypot field a person never fills. The rate
//! limits per address and per client are in [`crate::rate_limit`].

use std::time::Duration;

use time::OffsetDateTime;

use crate::media::UrlSigner;

/// The name of the honeypot input: hidden from people (and from screen readers), tempting to
/// bots that fill every field.
pub const HONEYPOT_FIELD: &str = "website";

/// How long a shown form stays good to send.
const STAMP_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// Why a post was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Sent sooner after the form was shown than a person types.
    #[error("That was very quick. Please check your message and send it again.")]
    TooQuick,
    /// The stamp is missing, forged, for another form, or older than a day.
    #[error("This form has expired. Please send it again.")]
    Stale,
}

/// Signs and checks when a form was shown.
#[derive(Debug, Clone)]
pub struct FormGuard {
    signer: UrlSigner,
    min_fill: Duration,
}

impl FormGuard {
    /// A guard signing with `signer`'s key that refuses posts sooner than `min_fill` after the
    /// form was shown.
    pub fn new(signer: UrlSigner, min_fill: Duration) -> Self {
        Self { signer, min_fill }
    }

    /// The shortest time between showing and sending a form.
    pub fn min_fill(&self) -> Duration {
        self.min_fill
    }

    /// The stamp to put in form `form` (its name, e.g. `contact`) shown at `now`.
    pub fn stamp(&self, form: &str, now: OffsetDateTime) -> String {
        let expires = now.unix_timestamp() + lifetime_seconds();
        format!(
            "{expires}.{}",
            self.signer.signature(&stamp_path(form), expires)
        )
    }

    /// Checks the stamp a post of form `form` carried, at `now`.
    pub fn check(&self, form: &str, stamp: &str, now: OffsetDateTime) -> Result<(), Refusal> {
        let (expires, sig) = stamp.trim().split_once('.').ok_or(Refusal::Stale)?;
        let expires: i64 = expires.parse().map_err(|_| Refusal::Stale)?;
        self.signer
            .check(&stamp_path(form), expires, sig, now)
            .map_err(|_| Refusal::Stale)?;
        let shown = expires - lifetime_seconds();
        let min = i64::try_from(self.min_fill.as_secs()).unwrap_or(i64::MAX);
        if now.unix_timestamp() - shown < min {
            return Err(Refusal::TooQuick);
        }
        Ok(())
    }
}

fn lifetime_seconds() -> i64 {
    i64::try_from(STAMP_LIFETIME.as_secs()).unwrap_or(i64::MAX)
}

/// What a form's stamp signs: never a media path, so a stamp cannot be replayed as one.
fn stamp_path(form: &str) -> String {
    format!("form-stamp:{form}")
}

/// Whether the honeypot field came back filled (a bot).
pub fn caught(honeypot: Option<&str>) -> bool {
    honeypot.is_some_and(|v| !v.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard() -> FormGuard {
        let signer = UrlSigner::new(&[9; 32], Duration::from_secs(60)).unwrap();
        FormGuard::new(signer, Duration::from_secs(3))
    }

    #[test]
    fn a_form_sent_after_the_minimum_passes_and_sooner_is_too_quick() {
        let g = guard();
        let shown = OffsetDateTime::now_utc();
        let stamp = g.stamp("contact", shown);
        assert_eq!(
            g.check("contact", &stamp, shown + time::Duration::seconds(1)),
            Err(Refusal::TooQuick)
        );
        assert_eq!(
            g.check("contact", &stamp, shown + time::Duration::seconds(3)),
            Ok(())
        );
    }

    #[test]
    fn forged_other_forms_and_old_stamps_are_stale() {
        let g = guard();
        let shown = OffsetDateTime::now_utc();
        let later = shown + time::Duration::seconds(10);
        let stamp = g.stamp("contact", shown);
        assert_eq!(g.check("waitlist", &stamp, later), Err(Refusal::Stale));
        assert_eq!(g.check("contact", "", later), Err(Refusal::Stale));
        assert_eq!(g.check("contact", "123.abc", later), Err(Refusal::Stale));
        let (expires, sig) = stamp.split_once('.').unwrap();
        let moved: i64 = expires.parse::<i64>().unwrap() - 100;
        assert_eq!(
            g.check(
                "contact",
                &format!("{moved}.{sig}"),
                later + time::Duration::seconds(200)
            ),
            Err(Refusal::Stale),
            "an earlier shown time cannot be claimed"
        );
        assert_eq!(
            g.check("contact", &stamp, shown + time::Duration::days(2)),
            Err(Refusal::Stale)
        );
    }

    #[test]
    fn the_honeypot_catches_only_a_filled_field() {
        assert!(!caught(None));
        assert!(!caught(Some("  ")));
        assert!(caught(Some("https://spam.example")));
    }
}
