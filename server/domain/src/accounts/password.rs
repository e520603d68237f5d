//! Password hashing with argon2id (m = 19 456 KiB, t = 2, p = 1, OWASP's recommendation), run on
//! the blocking pool so a login never stalls the async workers.
//!
//! Each hash holds 19 MiB for its run, so at most two per core run at once (a semaphore):
//! 500 parallel sign-ups no longer ask for 9.5 GiB. A caller beyond them waits its turn for up
//! to [`QUEUE_WAIT`], then gets [`HashError::Busy`] (answered 429).

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::{Semaphore, SemaphorePermit};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// Hashing could not be done.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Every hashing slot stayed taken for [`QUEUE_WAIT`]: too many at once; try again.
    #[error("too many password checks at once")]
    Busy,
    /// Never for valid input; the blocking pool may be shutting down.
    #[error("password hashing failed: {0}")]
    Failed(String),
}

/// How long a caller waits for a hashing slot before `Busy`.
pub const QUEUE_WAIT: Duration = Duration::from_secs(5);

/// Hashes running at once: two per core.
static SLOTS: LazyLock<Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    Semaphore::new(cores * 2)
});

/// How long the last hash took, in microseconds (see [`typical_duration`]).
static LAST_DURATION_US: AtomicU64 = AtomicU64::new(50_000);

async fn slot() -> Result<SemaphorePermit<'static>, HashError> {
    match tokio::time::timeout(QUEUE_WAIT, SLOTS.acquire()).await {
        Ok(Ok(permit)) => Ok(permit),
        Ok(Err(_)) => Err(HashError::Failed("the hashing slots are closed".into())),
        Err(_) => Err(HashError::Busy),
    }
}

/// About how long hashing a password takes on this machine now (the last hash's time), so a
/// path that skips hashing can take as long and not tell itself apart by timing.
pub fn typical_duration() -> Duration {
    Duration::from_micros(LAST_DURATION_US.load(Ordering::Relaxed))
}

fn record_duration(started: Instant) {
    let us = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    LAST_DURATION_US.store(us, Ordering::Relaxed);
}

fn argon2() -> Argon2<'static> {
    // These parameters are constants known to be valid.
    let params = Params::new(19_456, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A real hash of a random password, verified against when the email is unknown so that a
/// login costs the same time whether or not the account exists.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(b"no account has this password", &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Hashes `password` into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$...`).
pub async fn hash(password: String) -> Result<String, HashError> {
    let _slot = slot().await?;
    let started = Instant::now();
    let hashed = tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| HashError::Failed(e.to_string()))
    })
    .await
    .map_err(|e| HashError::Failed(e.to_string()))?;
    record_duration(started);
    hashed
}

/// Whether `password` matches `stored` (a PHC string). `None` checks against the dummy hash and
/// answers `false`, taking the same time as a real check.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, HashError> {
    let _slot = slot().await?;
    Ok(tokio::task::spawn_blocking(move || {
        let real = stored.is_some();
        let phc = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let Ok(parsed) = PasswordHash::new(&phc) else {
            return false;
        };
        let matches = argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        real && matches
    })
    .await
    .unwrap_or(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread")]
    async fn hashes_verify_and_use_the_agreed_parameters() {
        let h = hash("correct horse".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(
            verify("correct horse".into(), Some(h.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify("Correct horse".into(), Some(h.clone()))
                .await
                .unwrap()
        );
        assert_ne!(h, hash("correct horse".into()).await.unwrap(), "salted");
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn unknown_accounts_never_verify() {
        assert!(
            !verify("no account has this password".into(), None)
                .await
                .unwrap()
        );
        assert!(
            !verify("x".into(), Some("not a phc string".into()))
                .await
                .unwrap()
        );
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn hashes_beyond_the_slots_wait_their_turn() {
        let slots = SLOTS.available_permits();
        let started = Instant::now();
        let all =
            futures::future::join_all((0..slots * 3).map(|i| hash(format!("pass {i}")))).await;
        assert!(all.iter().all(Result::is_ok), "all hashed, none refused");
        assert_eq!(SLOTS.available_permits(), slots, "every slot given back");
        assert!(started.elapsed() < QUEUE_WAIT * 3);
    }
}
