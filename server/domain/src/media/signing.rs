//! Signed, expiring addresses for private media (a user's photos and styled results):
//! `/private/media/<id>/<file>?expires=<unix seconds>&sig=<HMAC-SHA256 of path and expiry>`,
//! keyed with the server's media key. Whoever holds such an address may fetch that one file
//! until it expires; a changed path, expiry or signature is refused.

use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::OffsetDateTime;
use uuid::Uuid;

/// Where private media are served.
pub const PRIVATE_PREFIX: &str = "/private/media";

/// The shortest media key accepted (bytes).
pub const MIN_KEY_BYTES: usize = 32;

/// Why a signed address was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The signature does not match the path and expiry (or is not a signature at all).
    #[error("this link is not valid")]
    Tampered,
    /// The signature is good but the time has passed.
    #[error("this link has expired; reload the page for a fresh one")]
    Expired,
}

/// Signs and checks private media addresses.
#[derive(Clone)]
pub struct UrlSigner {
    key: Arc<[u8]>,
    ttl: Duration,
}

impl std::fmt::Debug for UrlSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UrlSigner")
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

/// The path of private file `name` of image `id`.
pub fn private_path(id: Uuid, name: &str) -> String {
    format!("{PRIVATE_PREFIX}/{id}/{name}")
}

impl UrlSigner {
    /// A signer with `key` (at least [`MIN_KEY_BYTES`]) whose addresses live for `ttl`.
    pub fn new(key: &[u8], ttl: Duration) -> Result<Self, &'static str> {
        if key.len() < MIN_KEY_BYTES {
            return Err("the media key must be at least 32 bytes");
        }
        Ok(Self {
            key: Arc::from(key),
            ttl,
        })
    }

    /// How long an address lives.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    fn mac(&self, path: &str, expires: i64) -> Hmac<Sha256> {
        // HMAC takes a key of any length; `new` has checked it is long enough.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC accepts every key length"));
        mac.update(path.as_bytes());
        mac.update(b"\n");
        mac.update(expires.to_string().as_bytes());
        mac
    }

    /// The signature of `path` valid until `expires` (unix seconds).
    pub fn signature(&self, path: &str, expires: i64) -> String {
        URL_SAFE_NO_PAD.encode(self.mac(path, expires).finalize().into_bytes())
    }

    /// The signed address of file `name` of private image `id`, valid for the signer's ttl
    /// from `now`.
    pub fn url(&self, id: Uuid, name: &str, now: OffsetDateTime) -> String {
        let path = private_path(id, name);
        let ttl = i64::try_from(self.ttl.as_secs()).unwrap_or(i64::MAX);
        let expires = now.unix_timestamp().saturating_add(ttl);
        format!(
            "{path}?expires={expires}&sig={}",
            self.signature(&path, expires)
        )
    }

    /// Checks a request for `path` carrying `expires` and `sig`: the signature first (in
    /// constant time), then the time, so a forged address learns nothing about expiry.
    pub fn check(
        &self,
        path: &str,
        expires: i64,
        sig: &str,
        now: OffsetDateTime,
    ) -> Result<(), Refusal> {
        let given = URL_SAFE_NO_PAD.decode(sig).map_err(|_| Refusal::Tampered)?;
        self.mac(path, expires)
            .verify_slice(&given)
            .map_err(|_| Refusal::Tampered)?;
        if now.unix_timestamp() > expires {
            return Err(Refusal::Expired);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn signer() -> UrlSigner {
        UrlSigner::new(&[7; 32], Duration::from_secs(900)).unwrap()
    }

    fn parts(url: &str) -> (String, i64, String) {
        let (path, query) = url.split_once('?').unwrap();
        let mut expires = 0;
        let mut sig = String::new();
        for pair in query.split('&') {
            match pair.split_once('=').unwrap() {
                ("expires", v) => expires = v.parse().unwrap(),
                ("sig", v) => sig = v.to_owned(),
                _ => {}
            }
        }
        (path.to_owned(), expires, sig)
    }

    #[test]
    fn a_signed_address_opens_until_it_expires() {
        let s = signer();
        let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let url = s.url(Uuid::nil(), "600.webp", now);
        let (path, expires, sig) = parts(&url);
        assert_eq!(
            path,
            "/private/media/00000000-0000-0000-0000-000000000000/600.webp"
        );
        assert_eq!(expires, 1_800_000_900);
        assert_eq!(s.check(&path, expires, &sig, now), Ok(()));
        let later = now + time::Duration::seconds(900);
        assert_eq!(s.check(&path, expires, &sig, later), Ok(()));
        let too_late = later + time::Duration::seconds(1);
        assert_eq!(
            s.check(&path, expires, &sig, too_late),
            Err(Refusal::Expired)
        );
        assert_eq!(
            s.check(&path, expires + 3600, &sig, now),
            Err(Refusal::Tampered),
            "a longer life is a forgery"
        );
        assert_eq!(
            s.check(&path, expires, "not base64!", now),
            Err(Refusal::Tampered)
        );
        let other = UrlSigner::new(&[8; 32], Duration::from_secs(900)).unwrap();
        assert_eq!(
            other.check(&path, expires, &sig, now),
            Err(Refusal::Tampered),
            "another server's key"
        );
    }

    #[test]
    fn a_short_key_is_refused() {
        assert!(UrlSigner::new(&[1; 31], Duration::from_secs(1)).is_err());
    }

    proptest! {
        /// Any other path under the same signature and expiry is refused.
        #[test]
        fn another_path_is_refused(name in "[a-z0-9.]{1,20}", id in any::<u128>()) {
            let s = signer();
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let url = s.url(Uuid::from_u128(id), "original.png", now);
            let (path, expires, sig) = parts(&url);
            let forged = private_path(Uuid::from_u128(id), &name);
            prop_assume!(forged != path);
            prop_assert_eq!(s.check(&forged, expires, &sig, now), Err(Refusal::Tampered));
        }
    }
}
