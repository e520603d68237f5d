//! Contact messages: storing one (with its acknowledgement and staff notice queued in the same
//! transaction), keeping its status in step with the notice's delivery, and reading them.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use time::OffsetDateTime;
use uuid::Uuid;

use super::ContactError;
use crate::db::like_pattern;
use crate::db::schema::{contact_messages, emails};
use crate::email::contact_templates::{self, Notice};
use crate::email::{EmailRow, outbox};

/// A message as the sender typed it (already checked field by field).
#[derive(Debug, Clone, Copy)]
pub struct NewMessage<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub subject: &'a str,
    pub message: &'a str,
    pub client_ip: &'a str,
}

/// Where the staff notice of a message is delivered: `pending` until the first try,
/// then `sent` or `failed` (with the error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pending,
    Sent,
    Failed,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Pending, Status::Sent, Status::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Sent => "sent",
            Status::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// One stored message.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = contact_messages, check_for_backend(diesel::pg::Pg))]
pub struct ContactMessage {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub subject: String,
    pub message: String,
    pub status: String,
    pub error_message: Option<String>,
    pub sent_at: Option<OffsetDateTime>,
    pub notice_email_id: Option<Uuid>,
    pub handled_at: Option<OffsetDateTime>,
    pub handled_by: Option<Uuid>,
    pub replied_at: Option<OffsetDateTime>,
    pub client_ip: String,
    pub created_at: OffsetDateTime,
}

/// Stores `new` and queues its acknowledgement (to the sender) and notice (to `staff_inbox`,
/// linking to `{base_url}/admin/messages/{id}`), all or nothing.
pub async fn store(
    conn: &mut AsyncPgConnection,
    new: &NewMessage<'_>,
    staff_inbox: &str,
    base_url: &str,
) -> Result<Uuid, ContactError> {
    let id = Uuid::now_v7();
    let link = format!("{}/admin/messages/{id}", base_url.trim_end_matches('/'));
    let ack = contact_templates::acknowledgement(new.email)?;
    let notice = contact_templates::notice(
        staff_inbox,
        Notice {
            name: new.name,
            email: new.email,
            subject: new.subject,
            message: new.message,
            link: &link,
        },
    )?;
    conn.transaction(async |conn| {
        diesel::insert_into(contact_messages::table)
            .values((
                contact_messages::id.eq(id),
                contact_messages::name.eq(new.name),
                contact_messages::email.eq(new.email),
                contact_messages::subject.eq(new.subject),
                contact_messages::message.eq(new.message),
                contact_messages::client_ip.eq(new.client_ip),
            ))
            .execute(conn)
            .await?;
        queue_for(conn, id, &ack).await?;
        let notice_id = queue_for(conn, id, &notice).await?;
        diesel::update(contact_messages::table.find(id))
            .set(contact_messages::notice_email_id.eq(notice_id))
            .execute(conn)
            .await?;
        Ok::<_, diesel::result::Error>(())
    })
    .await?;
    Ok(id)
}

/// Queues `email` as one of message `id`'s mails.
pub(super) async fn queue_for(
    conn: &mut AsyncPgConnection,
    id: Uuid,
    email: &outbox::OutgoingEmail,
) -> QueryResult<Uuid> {
    let email_id = outbox::queue_email(conn, email).await?;
    diesel::update(emails::table.find(email_id))
        .set(emails::contact_message_id.eq(id))
        .execute(conn)
        .await?;
    Ok(email_id)
}

/// After a delivery attempt of mail `email_id`: when it is a message's current staff notice,
/// the message takes its status, error and `sent_at`.
pub async fn follow_delivery(conn: &mut AsyncPgConnection, email_id: Uuid) -> QueryResult<()> {
    diesel::sql_query(
        "UPDATE contact_messages c \
         SET status = e.status, error_message = e.last_error, sent_at = e.sent_at, \
             updated_at = now() \
         FROM emails e WHERE e.id = $1 AND c.notice_email_id = e.id",
    )
    .bind::<diesel::sql_types::Uuid, _>(email_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Which messages a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub status: Option<Status>,
    /// `Some(false)`: not yet handled; `Some(true)`: handled; `None`: both.
    pub handled: Option<bool>,
    /// Part of the name, address or subject (any case).
    pub search: String,
}

/// Messages matching `filter`, newest first.
pub async fn list(
    conn: &mut AsyncPgConnection,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> QueryResult<Vec<ContactMessage>> {
    let mut query = contact_messages::table
        .select(ContactMessage::as_select())
        .into_boxed();
    if let Some(status) = filter.status {
        query = query.filter(contact_messages::status.eq(status.as_str()));
    }
    match filter.handled {
        Some(true) => query = query.filter(contact_messages::handled_at.is_not_null()),
        Some(false) => query = query.filter(contact_messages::handled_at.is_null()),
        None => {}
    }
    let search = filter.search.trim();
    if !search.is_empty() {
        let pattern = like_pattern(search);
        query = query.filter(
            contact_messages::name
                .ilike(pattern.clone())
                .or(contact_messages::email.ilike(pattern.clone()))
                .or(contact_messages::subject.ilike(pattern)),
        );
    }
    query
        .order((
            contact_messages::created_at.desc(),
            contact_messages::id.desc(),
        ))
        .limit(limit)
        .offset(offset)
        .load(conn)
        .await
}

/// One message and every mail it caused (oldest first), for staff.
pub async fn get(
    conn: &mut AsyncPgConnection,
    id: Uuid,
) -> Result<(ContactMessage, Vec<EmailRow>), ContactError> {
    let message = contact_messages::table
        .find(id)
        .select(ContactMessage::as_select())
        .first(conn)
        .await
        .optional()?
        .ok_or(ContactError::NotFound)?;
    let mails = emails::table
        .filter(emails::contact_message_id.eq(id))
        .select(EmailRow::as_select())
        .order((emails::created_at.asc(), emails::id.asc()))
        .load(conn)
        .await?;
    Ok((message, mails))
}

/// How many messages are in each status, and how many are not handled yet.
pub async fn counts(conn: &mut AsyncPgConnection) -> QueryResult<Counts> {
    let rows: Vec<CountRow> = diesel::sql_query(
        "SELECT status, handled_at IS NULL AS open, count(*) AS n \
         FROM contact_messages GROUP BY 1, 2",
    )
    .load(conn)
    .await?;
    let mut counts = Counts::default();
    for CountRow { status, open, n } in rows {
        match Status::parse(&status) {
            Some(Status::Pending) => counts.pending += n,
            Some(Status::Sent) => counts.sent += n,
            Some(Status::Failed) => counts.failed += n,
            None => {}
        }
        if open {
            counts.open += n;
        }
    }
    Ok(counts)
}

#[derive(QueryableByName)]
struct CountRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    status: String,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    open: bool,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Messages per status, and open (not handled).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
    pub open: i64,
}

/// When the message was written, as a day (`2026-12-07`).
pub fn day(at: OffsetDateTime) -> String {
    let d = at.date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}
