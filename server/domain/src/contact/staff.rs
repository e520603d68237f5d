//! What staff do with a contact message, each audited: send the staff notice again (after a
//! failure), mark it handled (or open again), and reply to the sender by email.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde_json::json;
use uuid::Uuid;

use super::ContactError;
use super::messages::{self, ContactMessage, queue_for};
use crate::audit::{self, Entry};
use crate::db::schema::contact_messages;
use crate::email::contact_templates::{self, Notice, Reply};

/// Who acts, for the audit log.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub user_id: Uuid,
    /// The name the sender sees on a reply.
    pub name: &'a str,
    pub request_id: Option<&'a str>,
}

impl Actor<'_> {
    fn entry<'e>(&self, action: &'e str, id: Uuid) -> Entry<'e> {
        Entry {
            actor_id: self.user_id,
            action,
            subject_type: "contact_message",
            subject_id: id.to_string(),
            before: None,
            after: None,
            request_id: self.request_id.map(str::to_owned),
        }
    }
}

async fn load(conn: &mut AsyncPgConnection, id: Uuid) -> Result<ContactMessage, ContactError> {
    contact_messages::table
        .find(id)
        .select(ContactMessage::as_select())
        .for_update()
        .first(conn)
        .await
        .optional()?
        .ok_or(ContactError::NotFound)
}

/// Queues the staff notice of message `id` again, to `staff_inbox`; the message is `pending`
/// until that mail's first try. Refused (409) once the notice was delivered.
pub async fn resend(
    conn: &mut AsyncPgConnection,
    actor: Actor<'_>,
    id: Uuid,
    staff_inbox: &str,
    base_url: &str,
) -> Result<(), ContactError> {
    let link = format!("{}/admin/messages/{id}", base_url.trim_end_matches('/'));
    conn.transaction(async |conn| {
        let m = load(conn, id).await?;
        if m.status == messages::Status::Sent.as_str() {
            return Err(ContactError::Conflict(
                "The notice was delivered; there is nothing to send again.",
            ));
        }
        let notice = contact_templates::notice(
            staff_inbox,
            Notice {
                name: &m.name,
                email: &m.email,
                subject: &m.subject,
                message: &m.message,
                link: &link,
            },
        )?;
        let notice_id = queue_for(conn, id, &notice).await?;
        diesel::update(contact_messages::table.find(id))
            .set((
                contact_messages::notice_email_id.eq(notice_id),
                contact_messages::status.eq(messages::Status::Pending.as_str()),
                contact_messages::error_message.eq(None::<String>),
                contact_messages::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
            .await?;
        let mut entry = actor.entry("contact_message.resend", id);
        entry.before = Some(json!({ "status": m.status, "error": m.error_message }));
        entry.after = Some(json!({ "status": "pending", "notice_email_id": notice_id }));
        audit::record(conn, &entry).await?;
        Ok(())
    })
    .await
}

/// Marks message `id` handled (`true`) or open again (`false`).
pub async fn set_handled(
    conn: &mut AsyncPgConnection,
    actor: Actor<'_>,
    id: Uuid,
    handled: bool,
) -> Result<(), ContactError> {
    conn.transaction(async |conn| {
        let m = load(conn, id).await?;
        if m.handled_at.is_some() == handled {
            return Ok(());
        }
        let (at, by) = if handled {
            (Some(time::OffsetDateTime::now_utc()), Some(actor.user_id))
        } else {
            (None, None)
        };
        diesel::update(contact_messages::table.find(id))
            .set((
                contact_messages::handled_at.eq(at),
                contact_messages::handled_by.eq(by),
                contact_messages::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
            .await?;
        let action = if handled {
            "contact_message.handled"
        } else {
            "contact_message.reopened"
        };
        let mut entry = actor.entry(action, id);
        entry.before = Some(json!({ "handled": !handled }));
        entry.after = Some(json!({ "handled": handled }));
        audit::record(conn, &entry).await?;
        Ok(())
    })
    .await
}

/// Emails `text` to the sender of message `id` as the staff member's answer (the original
/// quoted) and marks the message handled.
pub async fn reply(
    conn: &mut AsyncPgConnection,
    actor: Actor<'_>,
    id: Uuid,
    text: &str,
) -> Result<(), ContactError> {
    conn.transaction(async |conn| {
        let m = load(conn, id).await?;
        let written = messages::day(m.created_at);
        let mail = contact_templates::reply(
            &m.email,
            Reply {
                subject: &m.subject,
                reply: text,
                staff: actor.name,
                written: &written,
                original: &m.message,
            },
        )?;
        let email_id = queue_for(conn, id, &mail).await?;
        let now = time::OffsetDateTime::now_utc();
        diesel::update(contact_messages::table.find(id))
            .set((
                contact_messages::replied_at.eq(now),
                contact_messages::handled_at.eq(m.handled_at.unwrap_or(now)),
                contact_messages::handled_by.eq(m.handled_by.or(Some(actor.user_id))),
                contact_messages::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
            .await?;
        let mut entry = actor.entry("contact_message.reply", id);
        entry.after =
            Some(json!({ "email_id": email_id, "to": m.email, "chars": text.chars().count() }));
        audit::record(conn, &entry).await?;
        Ok(())
    })
    .await
}
