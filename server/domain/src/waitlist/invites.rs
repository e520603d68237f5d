//! "Invite the next N": staff start a run; a background job sends the sign-up invitation to the
//! next confirmed, not yet notified entries (first confirmed, first invited) in small batches,
//! each batch one transaction that marks its entries `notified` with their mail queued, so the
//! run's progress is always what was really sent and a retried job never mails anyone twice.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::WaitlistError;
use crate::audit::{self, Entry};
use crate::db::schema::{waitlist_entries, waitlist_invite_runs};
use crate::email::{outbox, waitlist_templates};
use crate::jobs::invite_waitlist::InviteWaitlist;
use crate::jobs::queue;

/// The most one run may invite.
pub const MOST_PER_RUN: i32 = 10_000;

/// One run.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = waitlist_invite_runs, check_for_backend(diesel::pg::Pg))]
pub struct Run {
    pub id: Uuid,
    pub requested: i32,
    pub total: i32,
    pub sent: i32,
    pub status: String,
    pub error: Option<String>,
    pub created_at: OffsetDateTime,
    pub finished_at: Option<OffsetDateTime>,
}

impl Run {
    /// Whether the run is still going.
    pub fn open(&self) -> bool {
        self.status == "queued" || self.status == "running"
    }
}

/// Starts a run inviting the next `n` waiting entries (fewer when fewer wait), by staff
/// member `actor`; audited. One run at a time.
pub async fn start(
    conn: &mut AsyncPgConnection,
    actor: Uuid,
    request_id: Option<String>,
    n: i32,
    base_url: &str,
) -> Result<Uuid, WaitlistError> {
    if !(1..=MOST_PER_RUN).contains(&n) {
        return Err(WaitlistError::Conflict(
            "Invite from 1 to 10000 people at a time.",
        ));
    }
    conn.transaction(async |conn| {
        // One run at a time: the lock makes two staff pressing at once queue one behind the other.
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext('waitlist_invite_runs'))")
            .execute(conn)
            .await?;
        let open: i64 = waitlist_invite_runs::table
            .filter(waitlist_invite_runs::status.eq_any(["queued", "running"]))
            .count()
            .get_result(conn)
            .await?;
        if open > 0 {
            return Err(WaitlistError::Conflict(
                "A batch is being sent: wait for it to finish.",
            ));
        }
        let waiting: i64 = waitlist_entries::table
            .filter(waitlist_entries::confirmed_at.is_not_null())
            .filter(waitlist_entries::notified.eq(false))
            .count()
            .get_result(conn)
            .await?;
        let total = i32::try_from(waiting.min(i64::from(n))).unwrap_or(n);
        if total == 0 {
            return Err(WaitlistError::Conflict(
                "Nobody is waiting: no confirmed address is left to invite.",
            ));
        }
        let id = Uuid::now_v7();
        diesel::insert_into(waitlist_invite_runs::table)
            .values((
                waitlist_invite_runs::id.eq(id),
                waitlist_invite_runs::requested.eq(n),
                waitlist_invite_runs::total.eq(total),
                waitlist_invite_runs::started_by.eq(actor),
            ))
            .execute(conn)
            .await?;
        queue::enqueue(
            conn,
            &InviteWaitlist {
                run_id: id,
                base_url: base_url.trim_end_matches('/').to_owned(),
            },
        )
        .await?;
        audit::record(
            conn,
            &Entry {
                actor_id: actor,
                action: "waitlist.invite_next",
                subject_type: "waitlist_invite_run",
                subject_id: id.to_string(),
                before: None,
                after: Some(json!({ "requested": n, "total": total })),
                request_id,
            },
        )
        .await?;
        Ok(id)
    })
    .await
}

/// Sends one batch (at most `batch` invitations) of run `run_id`; `true` when the run is done.
pub async fn send_batch(
    conn: &mut AsyncPgConnection,
    run_id: Uuid,
    batch: i64,
    base_url: &str,
) -> Result<bool, WaitlistError> {
    let link = format!("{base_url}/signup");
    conn.transaction(async |conn| {
        let run: Run = waitlist_invite_runs::table
            .find(run_id)
            .select(Run::as_select())
            .for_update()
            .first(conn)
            .await
            .optional()?
            .ok_or(WaitlistError::NotFound)?;
        if !run.open() {
            return Ok(true);
        }
        let left = i64::from(run.total - run.sent).clamp(0, batch);
        let next: Vec<(Uuid, String, String)> = waitlist_entries::table
            .filter(waitlist_entries::confirmed_at.is_not_null())
            .filter(waitlist_entries::notified.eq(false))
            .order((
                waitlist_entries::confirmed_at.asc(),
                waitlist_entries::id.asc(),
            ))
            .limit(left)
            .select((
                waitlist_entries::id,
                waitlist_entries::email,
                waitlist_entries::first_name,
            ))
            .for_update()
            .skip_locked()
            .load(conn)
            .await?;
        for (_, email, first_name) in &next {
            let mail = waitlist_templates::invitation(email, first_name, &link)?;
            outbox::queue_email(conn, &mail).await?;
        }
        let ids: Vec<Uuid> = next.iter().map(|(id, _, _)| *id).collect();
        diesel::update(waitlist_entries::table.filter(waitlist_entries::id.eq_any(&ids)))
            .set((
                waitlist_entries::notified.eq(true),
                waitlist_entries::notified_at.eq(diesel::dsl::now),
                waitlist_entries::invite_run_id.eq(run_id),
            ))
            .execute(conn)
            .await?;
        let sent = run.sent + i32::try_from(ids.len()).unwrap_or(0);
        let done = ids.is_empty() || sent >= run.total;
        diesel::update(waitlist_invite_runs::table.find(run_id))
            .set((
                waitlist_invite_runs::sent.eq(sent),
                waitlist_invite_runs::status.eq(if done { "finished" } else { "running" }),
                waitlist_invite_runs::finished_at.eq(done.then(OffsetDateTime::now_utc)),
            ))
            .execute(conn)
            .await?;
        Ok(done)
    })
    .await
}

/// Marks run `run_id` failed with `error` (the job gave up).
pub async fn fail(conn: &mut AsyncPgConnection, run_id: Uuid, error: &str) -> QueryResult<()> {
    diesel::update(waitlist_invite_runs::table.find(run_id))
        .set((
            waitlist_invite_runs::status.eq("failed"),
            waitlist_invite_runs::error.eq(error),
            waitlist_invite_runs::finished_at.eq(diesel::dsl::now),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// The latest runs, newest first.
pub async fn recent(conn: &mut AsyncPgConnection, limit: i64) -> QueryResult<Vec<Run>> {
    waitlist_invite_runs::table
        .select(Run::as_select())
        .order(waitlist_invite_runs::created_at.desc())
        .limit(limit)
        .load(conn)
        .await
}
