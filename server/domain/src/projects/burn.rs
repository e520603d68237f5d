//! A project's budget over time: one snapshot of its budget and spending for each day either
//! changed (written with the change, in its transaction), read back as the budget-burn chart's
//! line — the last snapshot on or before each day carries forward.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::Date;
use uuid::Uuid;

use super::error::ProjectError;
use super::project;
use crate::db::schema::budget_snapshots;

/// One day's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    pub taken_on: Date,
    pub budget_cents: i64,
    pub spent_cents: i64,
}

/// Records today's budget and spending of project `project_id` (the day's last word wins).
pub async fn record(
    conn: &mut AsyncPgConnection,
    project_id: Uuid,
    budget_cents: i64,
    spent_cents: i64,
) -> QueryResult<()> {
    record_on(
        conn,
        project_id,
        time::OffsetDateTime::now_utc().date(),
        budget_cents,
        spent_cents,
    )
    .await
}

/// Records project `project_id`'s figures of day `on` (the demo book writes its history so).
pub async fn record_on(
    conn: &mut AsyncPgConnection,
    project_id: Uuid,
    on: Date,
    budget_cents: i64,
    spent_cents: i64,
) -> QueryResult<()> {
    diesel::insert_into(budget_snapshots::table)
        .values((
            budget_snapshots::project_id.eq(project_id),
            budget_snapshots::taken_on.eq(on),
            budget_snapshots::budget_cents.eq(budget_cents),
            budget_snapshots::spent_cents.eq(spent_cents),
        ))
        .on_conflict((budget_snapshots::project_id, budget_snapshots::taken_on))
        .do_update()
        .set((
            budget_snapshots::budget_cents.eq(budget_cents),
            budget_snapshots::spent_cents.eq(spent_cents),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// The `visible` project's snapshots, oldest first.
pub async fn history(
    conn: &mut AsyncPgConnection,
    visible: project::Visible,
) -> Result<Vec<Snapshot>, ProjectError> {
    let project_id = visible.id();
    let rows: Vec<(Date, i64, i64)> = budget_snapshots::table
        .filter(budget_snapshots::project_id.eq(project_id))
        .select((
            budget_snapshots::taken_on,
            budget_snapshots::budget_cents,
            budget_snapshots::spent_cents,
        ))
        .order(budget_snapshots::taken_on.asc())
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(taken_on, budget_cents, spent_cents)| Snapshot {
            taken_on,
            budget_cents,
            spent_cents,
        })
        .collect())
}

/// The figures in force at the end of each of `days` (ascending): the last snapshot on or
/// before it; `None` before the first.
pub fn as_of(snapshots: &[Snapshot], days: &[Date]) -> Vec<Option<Snapshot>> {
    days.iter()
        .map(|day| {
            snapshots
                .iter()
                .take_while(|s| s.taken_on <= *day)
                .last()
                .copied()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::{Snapshot, as_of};

    #[test]
    fn each_day_reads_the_last_snapshot_before_it() {
        let s = |d, spent| Snapshot {
            taken_on: d,
            budget_cents: 100,
            spent_cents: spent,
        };
        let snapshots = [s(date!(2026 - 11 - 02), 10), s(date!(2026 - 11 - 09), 40)];
        let got: Vec<Option<i64>> = as_of(
            &snapshots,
            &[
                date!(2026 - 11 - 01),
                date!(2026 - 11 - 05),
                date!(2026 - 11 - 09),
                date!(2026 - 11 - 30),
            ],
        )
        .into_iter()
        .map(|s| s.map(|s| s.spent_cents))
        .collect();
        assert_eq!(got, vec![None, Some(10), Some(40), Some(40)]);
    }
}
