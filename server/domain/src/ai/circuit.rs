//! A circuit breaker for calls to a remote service: after `threshold` failures in a row it
//! opens, and calls are refused at once (the job waits and retries instead of failing) until
//! `pause` has passed; then one call is let through as a probe (half-open): its success closes
//! the circuit, its failure opens it for another pause. Shared by every caller of the service
//! in this instance.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What the breaker says to a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Go ahead (closed, or the half-open probe).
    Allowed,
    /// The circuit is open: try again after this long.
    Open { retry_in: Duration },
}

/// The breaker's state, for people (the admin shows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CircuitState {
    Closed,
    Open,
    HalfOpen,
}

impl CircuitState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Closed => "closed",
            Self::Open => "open",
            Self::HalfOpen => "half-open",
        }
    }
}

#[derive(Debug)]
struct Inner {
    failures: u32,
    opened_at: Option<Instant>,
    probing: bool,
}

/// The breaker.
#[derive(Debug)]
pub struct CircuitBreaker {
    threshold: u32,
    pause: Duration,
    inner: Mutex<Inner>,
}

impl CircuitBreaker {
    /// Opens after `threshold` failures in a row, for `pause` at a time.
    pub fn new(threshold: u32, pause: Duration) -> Self {
        Self {
            threshold: threshold.max(1),
            pause,
            inner: Mutex::new(Inner {
                failures: 0,
                opened_at: None,
                probing: false,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether a call may go out at `now`.
    pub fn check(&self, now: Instant) -> Verdict {
        let mut inner = self.lock();
        let Some(opened_at) = inner.opened_at else {
            return Verdict::Allowed;
        };
        let waited = now.saturating_duration_since(opened_at);
        if waited < self.pause {
            return Verdict::Open {
                retry_in: self.pause - waited,
            };
        }
        if inner.probing {
            // One probe at a time; the others wait for its outcome.
            return Verdict::Open {
                retry_in: self.pause,
            };
        }
        inner.probing = true;
        Verdict::Allowed
    }

    /// Records a call that worked: the circuit closes.
    pub fn succeeded(&self) {
        let mut inner = self.lock();
        inner.failures = 0;
        inner.opened_at = None;
        inner.probing = false;
    }

    /// Records a call that failed at `now` (a 5xx, a 429, a timeout — not a refusal of the
    /// content, which says nothing about the service's health).
    pub fn failed(&self, now: Instant) {
        let mut inner = self.lock();
        inner.failures = inner.failures.saturating_add(1);
        if inner.probing || inner.failures >= self.threshold {
            inner.opened_at = Some(now);
        }
        inner.probing = false;
    }

    /// The state at `now`.
    pub fn state(&self, now: Instant) -> CircuitState {
        let inner = self.lock();
        match inner.opened_at {
            None => CircuitState::Closed,
            Some(at) if inner.probing || now.saturating_duration_since(at) >= self.pause => {
                CircuitState::HalfOpen
            }
            Some(_) => CircuitState::Open,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_after_the_threshold_probes_after_the_pause_and_closes_on_success() {
        let t0 = Instant::now();
        let pause = Duration::from_secs(30);
        let breaker = CircuitBreaker::new(3, pause);
        for i in 0..2 {
            assert_eq!(breaker.check(t0), Verdict::Allowed, "call {i}");
            breaker.failed(t0);
        }
        assert_eq!(breaker.state(t0), CircuitState::Closed);
        breaker.failed(t0);
        assert_eq!(breaker.state(t0), CircuitState::Open);
        assert_eq!(
            breaker.check(t0 + Duration::from_secs(10)),
            Verdict::Open {
                retry_in: Duration::from_secs(20)
            }
        );
        // After the pause: one probe, the others wait.
        let later = t0 + pause;
        assert_eq!(breaker.check(later), Verdict::Allowed);
        assert!(matches!(breaker.check(later), Verdict::Open { .. }));
        assert_eq!(breaker.state(later), CircuitState::HalfOpen);
        breaker.succeeded();
        assert_eq!(breaker.state(later), CircuitState::Closed);
        assert_eq!(breaker.check(later), Verdict::Allowed);
    }

    #[test]
    fn a_failed_probe_opens_it_again_and_a_success_resets_the_count() {
        let t0 = Instant::now();
        let pause = Duration::from_secs(5);
        let breaker = CircuitBreaker::new(2, pause);
        breaker.failed(t0);
        breaker.succeeded();
        breaker.failed(t0);
        assert_eq!(
            breaker.state(t0),
            CircuitState::Closed,
            "the count restarted"
        );
        breaker.failed(t0);
        assert_eq!(breaker.state(t0), CircuitState::Open);
        let probe_at = t0 + pause;
        assert_eq!(breaker.check(probe_at), Verdict::Allowed);
        breaker.failed(probe_at);
        assert_eq!(breaker.state(probe_at), CircuitState::Open);
        assert!(matches!(
            breaker.check(probe_at + Duration::from_secs(1)),
            Verdict::Open { .. }
        ));
    }
}
