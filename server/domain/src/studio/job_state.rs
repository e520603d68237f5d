//! A styling job's states and the moves between them, checked: every change of a job's status
//! goes through [`JobState::can_become`], so no code path can, say, finish a cancelled job or
//! run a refused one. Also the stages a running job reports (queued → moderating → styling →
//! saving), and which endings give the day's quota back.

use serde::{Deserialize, Serialize};

/// Where a styling job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobState {
    /// Accepted, waiting for a worker.
    Pending,
    /// A worker is on it.
    Running,
    /// Finished, with a result.
    Done,
    /// The engine failed; the person may retry.
    Failed,
    /// Stopped by its owner.
    Cancelled,
    /// Moderation refused the prompt or the photo.
    Refused,
}

impl JobState {
    /// Every state.
    pub const ALL: [JobState; 6] = [
        Self::Pending,
        Self::Running,
        Self::Done,
        Self::Failed,
        Self::Cancelled,
        Self::Refused,
    ];

    /// The value stored in `studio_jobs.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
            Self::Refused => "refused",
        }
    }

    /// Parses a stored status.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|state| state.as_str() == s)
    }

    /// Whether a job in this state may move to `next`:
    /// - pending → running (a worker takes it) or cancelled (its owner, at once);
    /// - running → done, failed, refused, cancelled (stopped at the engine's next stage), or
    ///   running again (a worker whose lease ran out is replaced) or pending (the engine was
    ///   unavailable — an open circuit — and the job waits to be tried again);
    /// - failed → pending (retried by its owner);
    /// - done, cancelled and refused are final.
    pub fn can_become(self, next: JobState) -> bool {
        use JobState::*;
        matches!(
            (self, next),
            (Pending, Running | Cancelled)
                | (
                    Running,
                    Running | Pending | Done | Failed | Refused | Cancelled
                )
                | (Failed, Pending)
        )
    }

    /// Whether the job has ended for good (no move leads anywhere but a retry of a failure).
    pub fn is_final(self) -> bool {
        matches!(self, Self::Done | Self::Cancelled | Self::Refused)
    }

    /// Whether the job is still to finish (a page showing it keeps watching).
    pub fn is_active(self) -> bool {
        matches!(self, Self::Pending | Self::Running)
    }

    /// Whether ending in this state, coming from `from`, gives the day's quota back: a failure
    /// and a refusal cost nothing, nor does a cancel before the job ran. A job cancelled while
    /// running has used the engine and keeps its count.
    pub fn refunds_from(self, from: JobState) -> bool {
        match self {
            Self::Failed | Self::Refused => true,
            Self::Cancelled => from == Self::Pending,
            _ => false,
        }
    }

    /// The state's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Waiting",
            Self::Running => "Working",
            Self::Done => "Done",
            Self::Failed => "Failed",
            Self::Cancelled => "Cancelled",
            Self::Refused => "Refused",
        }
    }
}

/// What a running job is doing, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Queued,
    Moderating,
    Styling,
    Saving,
    Finished,
}

impl Stage {
    /// The stages a person sees, in order.
    pub const ALL: [Stage; 5] = [
        Self::Queued,
        Self::Moderating,
        Self::Styling,
        Self::Saving,
        Self::Finished,
    ];

    /// The value stored in `studio_jobs.stage`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Moderating => "moderating",
            Self::Styling => "styling",
            Self::Saving => "saving",
            Self::Finished => "finished",
        }
    }

    /// Parses a stored stage.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|stage| stage.as_str() == s)
    }

    /// The stage's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Queued => "Queued",
            Self::Moderating => "Checking the request",
            Self::Styling => "Styling",
            Self::Saving => "Saving the result",
            Self::Finished => "Finished",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use JobState::*;

    #[test]
    fn the_allowed_moves_are_exactly_these() {
        let allowed: Vec<(JobState, JobState)> = JobState::ALL
            .into_iter()
            .flat_map(|a| JobState::ALL.into_iter().map(move |b| (a, b)))
            .filter(|(a, b)| a.can_become(*b))
            .collect();
        assert_eq!(
            allowed,
            vec![
                (Pending, Running),
                (Pending, Cancelled),
                (Running, Pending),
                (Running, Running),
                (Running, Done),
                (Running, Failed),
                (Running, Cancelled),
                (Running, Refused),
                (Failed, Pending),
            ]
        );
    }

    #[test]
    fn final_states_lead_nowhere() {
        for state in JobState::ALL.into_iter().filter(|s| s.is_final()) {
            assert!(
                JobState::ALL
                    .into_iter()
                    .all(|next| !state.can_become(next))
            );
        }
    }

    #[test]
    fn only_failures_refusals_and_early_cancels_refund() {
        assert!(Failed.refunds_from(Running));
        assert!(Refused.refunds_from(Running));
        assert!(Cancelled.refunds_from(Pending));
        assert!(!Cancelled.refunds_from(Running));
        assert!(!Done.refunds_from(Running));
    }

    #[test]
    fn names_round_trip() {
        for s in JobState::ALL {
            assert_eq!(JobState::parse(s.as_str()), Some(s));
        }
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Some(s));
        }
        assert_eq!(JobState::parse("exploded"), None);
    }
}
