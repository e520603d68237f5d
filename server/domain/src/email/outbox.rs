//! The `emails` table: messages are written here in the caller's transaction together with the
//! job that delivers them, so a message is never lost and never sent for a rolled-back write.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::db::schema::emails;
use crate::jobs::deliver_email::DeliverEmail;
use crate::jobs::queue;

/// A message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// One stored message.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = emails, check_for_backend(diesel::pg::Pg))]
pub struct EmailRow {
    pub id: Uuid,
    pub to_address: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub sent_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

/// Stores `email` and enqueues its delivery, on the caller's connection (and transaction).
pub async fn queue_email(conn: &mut AsyncPgConnection, email: &OutgoingEmail) -> QueryResult<Uuid> {
    let id = Uuid::now_v7();
    diesel::insert_into(emails::table)
        .values((
            emails::id.eq(id),
            emails::to_address.eq(&email.to),
            emails::subject.eq(&email.subject),
            emails::text_body.eq(&email.text),
            emails::html_body.eq(&email.html),
        ))
        .execute(conn)
        .await?;
    queue::enqueue(conn, &DeliverEmail { email_id: id }).await?;
    Ok(id)
}

/// One message by id.
pub async fn find_by_id(conn: &mut AsyncPgConnection, id: Uuid) -> QueryResult<Option<EmailRow>> {
    emails::table
        .find(id)
        .select(EmailRow::as_select())
        .first(conn)
        .await
        .optional()
}

/// Messages, newest first, optionally only those to `to` (any case).
pub async fn list(
    conn: &mut AsyncPgConnection,
    to: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<EmailRow>> {
    let mut query = emails::table.select(EmailRow::as_select()).into_boxed();
    if let Some(to) = to {
        query =
            query.filter(crate::accounts::queries::lower(emails::to_address).eq(to.to_lowercase()));
    }
    query
        .order((emails::created_at.desc(), emails::id.desc()))
        .limit(limit)
        .offset(offset)
        .load(conn)
        .await
}

/// Records a delivery attempt's result.
pub async fn record_attempt(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    result: Result<(), &str>,
) -> QueryResult<()> {
    let update = diesel::update(emails::table.find(id));
    match result {
        Ok(()) => {
            update
                .set((
                    emails::status.eq("sent"),
                    emails::attempts.eq(emails::attempts + 1),
                    emails::sent_at.eq(diesel::dsl::now),
                    emails::last_error.eq(None::<String>),
                ))
                .execute(conn)
                .await?
        }
        Err(error) => {
            update
                .set((
                    emails::status.eq("failed"),
                    emails::attempts.eq(emails::attempts + 1),
                    emails::last_error.eq(error),
                ))
                .execute(conn)
                .await?
        }
    };
    Ok(())
}

/// Blanks the bodies of messages delivered more than `retention` ago (they held live links:
/// reset, verification); the row stays, so the outbox still shows what was sent to whom.
/// Returns how many were purged.
pub async fn purge_sent_before(
    conn: &mut AsyncPgConnection,
    retention: std::time::Duration,
) -> QueryResult<usize> {
    let cutoff = OffsetDateTime::now_utc() - retention;
    diesel::update(
        emails::table
            .filter(emails::status.eq("sent"))
            .filter(emails::purged_at.is_null())
            .filter(emails::sent_at.lt(cutoff)),
    )
    .set((
        emails::text_body.eq(PURGED_BODY),
        emails::html_body.eq(PURGED_BODY),
        emails::purged_at.eq(diesel::dsl::now),
    ))
    .execute(conn)
    .await
}

/// What a purged message's bodies say.
pub const PURGED_BODY: &str = "(The body of this message was deleted after the retention period.)";

/// How many messages the outbox holds.
pub async fn count(conn: &mut AsyncPgConnection) -> QueryResult<i64> {
    emails::table.count().get_result(conn).await
}
