//! What a project's numbers are computed from: its tasks and milestones. Progress is the share
//! of tasks done (of milestones reached, for a project with no tasks yet; 100 once completed);
//! a project is overdue when its due date has passed and it is not completed; its budget is at
//! risk when the share spent runs more than [`RISK_MARGIN`] points ahead of progress, or past
//! the budget.

use time::Date;

/// How far (in percentage points) spending may run ahead of progress before it is a risk.
pub const RISK_MARGIN: i64 = 10;

/// The counts a project's progress is computed from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub tasks_total: i64,
    pub tasks_doing: i64,
    pub tasks_done: i64,
    pub milestones_total: i64,
    pub milestones_done: i64,
}

impl Counts {
    /// Tasks not started.
    pub fn tasks_todo(&self) -> i64 {
        (self.tasks_total - self.tasks_doing - self.tasks_done).max(0)
    }
}

/// Progress in percent (0–100, rounded down: 100 only when all is done).
pub fn percent(counts: &Counts, completed: bool) -> u8 {
    if completed {
        return 100;
    }
    let (done, total) = if counts.tasks_total > 0 {
        (counts.tasks_done, counts.tasks_total)
    } else {
        (counts.milestones_done, counts.milestones_total)
    };
    if total <= 0 {
        return 0;
    }
    u8::try_from((done.clamp(0, total) * 100) / total).unwrap_or(100)
}

/// Whether a project due on `due_on` is overdue on `today`.
pub fn overdue(due_on: Option<Date>, completed: bool, today: Date) -> bool {
    !completed && due_on.is_some_and(|due| due < today)
}

/// Whether spending `spent` of `budget` (cents) runs ahead of `progress` percent.
pub fn budget_at_risk(budget: i64, spent: i64, progress: u8) -> bool {
    if budget <= 0 {
        return false;
    }
    if spent > budget {
        return true;
    }
    // spent / budget * 100 > progress + margin, without division.
    i128::from(spent) * 100 > i128::from(budget) * i128::from(i64::from(progress) + RISK_MARGIN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn tasks(done: i64, total: i64) -> Counts {
        Counts {
            tasks_total: total,
            tasks_done: done,
            ..Counts::default()
        }
    }

    #[test]
    fn progress_counts_tasks_then_milestones() {
        assert_eq!(percent(&tasks(1, 4), false), 25);
        assert_eq!(percent(&tasks(2, 3), false), 66, "rounded down");
        assert_eq!(percent(&tasks(0, 0), false), 0);
        let milestones = Counts {
            milestones_total: 4,
            milestones_done: 3,
            ..Counts::default()
        };
        assert_eq!(percent(&milestones, false), 75);
        assert_eq!(percent(&tasks(0, 5), true), 100, "completed is complete");
    }

    #[test]
    fn overdue_only_when_due_has_passed_and_not_completed() {
        let today = date!(2026 - 12 - 07);
        assert!(overdue(Some(date!(2026 - 12 - 06)), false, today));
        assert!(
            !overdue(Some(today), false, today),
            "due today is not late yet"
        );
        assert!(!overdue(Some(date!(2026 - 12 - 06)), true, today));
        assert!(!overdue(None, false, today));
    }

    #[test]
    fn spending_ahead_of_progress_is_a_risk() {
        assert!(
            !budget_at_risk(100_000, 30_000, 25),
            "30 % spent at 25 % done"
        );
        assert!(
            budget_at_risk(100_000, 40_000, 25),
            "40 % spent at 25 % done"
        );
        assert!(budget_at_risk(100_000, 100_001, 100), "over budget");
        assert!(!budget_at_risk(0, 50_000, 0), "no budget set");
    }

    proptest! {
        #[test]
        fn progress_stays_within_bounds_and_grows_with_work(done in 0i64..500, extra in 0i64..500) {
            let total = done + extra;
            let p = percent(&tasks(done, total), false);
            prop_assert!(p <= 100);
            prop_assert_eq!(p == 100, total > 0 && extra == 0);
            if extra > 0 {
                prop_assert!(percent(&tasks(done + 1, total), false) >= p);
            }
        }

        #[test]
        fn risk_never_overflows_and_grows_with_spending(budget in 1i64..i64::MAX / 2, spent in 0i64..i64::MAX / 2, progress in 0u8..=100) {
            if budget_at_risk(budget, spent, progress) {
                prop_assert!(budget_at_risk(budget, spent.saturating_add(1), progress));
            }
        }
    }
}
