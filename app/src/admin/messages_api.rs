//! `/admin/messages`' server functions (staff only): the contact messages with their delivery
//! state, one message with every mail it caused, and resend, handled/open and reply (audited).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ui::paging::PageRequest;
use crate::ui::paging::Paged;
use crate::ui::time::Instant;

/// One message in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub subject: String,
    /// `pending`, `sent` or `failed` (the staff notice's delivery).
    pub status: String,
    pub error: Option<String>,
    pub handled: bool,
    pub replied: bool,
    pub written: Instant,
}

/// The list page: counts and one page of rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageList {
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
    pub open: i64,
    pub paged: Paged<MessageRow>,
}

/// One mail a message caused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryRow {
    /// `acknowledgement`, `staff notice` or `reply`.
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub sent_at: Option<Instant>,
    pub written: Instant,
}

/// One message in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub row: MessageRow,
    pub message: String,
    pub sent_at: Option<Instant>,
    pub handled_at: Option<Instant>,
    pub client_ip: String,
    pub deliveries: Vec<DeliveryRow>,
}

#[cfg(feature = "ssr")]
fn row(m: &domain::contact::messages::ContactMessage) -> MessageRow {
    MessageRow {
        id: m.id.to_string(),
        name: m.name.clone(),
        email: m.email.clone(),
        subject: m.subject.clone(),
        status: m.status.clone(),
        error: m.error_message.clone(),
        handled: m.handled_at.is_some(),
        replied: m.replied_at.is_some(),
        written: m.created_at.into(),
    }
}

#[cfg(feature = "ssr")]
fn contact_error(e: domain::contact::ContactError) -> AppError {
    use domain::contact::ContactError as E;
    match e {
        E::NotFound => AppError::NotFound,
        E::Conflict(m) => AppError::conflict(m),
        E::Mail(e) => AppError::internal(e),
        E::Database(e) => AppError::internal(e),
    }
}

#[cfg(feature = "ssr")]
fn message_id(id: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)
}

/// Contact messages, newest first: `status` (pending/sent/failed), `handled` (`open` or
/// `handled`), `q` (name, address or subject).
#[server(prefix = "/api", endpoint = "admin_messages")]
pub async fn admin_messages(
    status: Option<String>,
    handled: Option<String>,
    q: Option<String>,
    page: Option<u32>,
) -> Result<MessageList, AppError> {
    use domain::contact::messages::{self, Filter, Status};
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let filter = Filter {
        status: status.as_deref().and_then(Status::parse),
        handled: match handled.as_deref() {
            Some("open") => Some(false),
            Some("handled") => Some(true),
            _ => None,
        },
        search: q.unwrap_or_default(),
    };
    let request = PageRequest::new(page, 50);
    let mut conn = ctx.conn().await?;
    let rows = messages::list(&mut conn, &filter, request.limit(), request.offset()).await?;
    let counts = messages::counts(&mut conn).await?;
    Ok(MessageList {
        pending: counts.pending,
        sent: counts.sent,
        failed: counts.failed,
        open: counts.open,
        paged: request.finish(rows.iter().map(row).collect()),
    })
}

/// One message with its mails.
#[server(prefix = "/api", endpoint = "admin_message")]
pub async fn admin_message(id: String) -> Result<MessageView, AppError> {
    crate::accounts::auth::require_staff().await?;
    let id = message_id(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let (m, mails) = domain::contact::messages::get(&mut conn, id)
        .await
        .map_err(contact_error)?;
    let deliveries = mails
        .iter()
        .map(|e| DeliveryRow {
            kind:
                if Some(e.id) == m.notice_email_id || !e.to_address.eq_ignore_ascii_case(&m.email) {
                    "staff notice"
                } else if e.subject.starts_with("Re: ") {
                    "reply"
                } else {
                    "acknowledgement"
                }
                .to_owned(),
            to: e.to_address.clone(),
            subject: e.subject.clone(),
            status: e.status.clone(),
            attempts: e.attempts,
            last_error: e.last_error.clone(),
            sent_at: e.sent_at.map(Instant::from),
            written: e.created_at.into(),
        })
        .collect();
    Ok(MessageView {
        row: row(&m),
        message: m.message.clone(),
        sent_at: m.sent_at.map(Instant::from),
        handled_at: m.handled_at.map(Instant::from),
        client_ip: m.client_ip.clone(),
        deliveries,
    })
}

/// The acting staff member, for the audit log and a reply's signature.
#[cfg(feature = "ssr")]
async fn staff_actor() -> Result<(domain::accounts::User, Option<String>), AppError> {
    let staff = crate::accounts::auth::require_staff().await?;
    Ok((staff, crate::server_context::ServerContext::request_id()))
}

#[cfg(feature = "ssr")]
fn actor<'a>(
    staff: &'a domain::accounts::User,
    request_id: &'a Option<String>,
) -> domain::contact::staff::Actor<'a> {
    domain::contact::staff::Actor {
        user_id: staff.id,
        name: if staff.display_name.trim().is_empty() {
            "The Daydream team"
        } else {
            &staff.display_name
        },
        request_id: request_id.as_deref(),
    }
}

/// Sends the staff notice of message `id` again.
#[server(prefix = "/api", endpoint = "admin_message_resend")]
pub async fn resend_notice(id: String) -> Result<(), AppError> {
    let (staff, request_id) = staff_actor().await?;
    let id = message_id(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::contact::staff::resend(
        &mut conn,
        actor(&staff, &request_id),
        id,
        &ctx.services.staff_inbox,
        &ctx.services.public_url,
    )
    .await
    .map_err(contact_error)?;
    leptos_axum::redirect(&format!("/admin/messages/{id}?resent=1"));
    Ok(())
}

/// Marks message `id` handled (`handled` = `1`) or open again.
#[server(prefix = "/api", endpoint = "admin_message_handled")]
pub async fn mark_handled(id: String, handled: String) -> Result<(), AppError> {
    let (staff, request_id) = staff_actor().await?;
    let id = message_id(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::contact::staff::set_handled(&mut conn, actor(&staff, &request_id), id, handled == "1")
        .await
        .map_err(contact_error)?;
    leptos_axum::redirect(&format!("/admin/messages/{id}"));
    Ok(())
}

/// Emails `reply` to the sender of message `id`.
#[server(prefix = "/api", endpoint = "admin_message_reply")]
pub async fn reply_to_message(id: String, reply: String) -> Result<(), AppError> {
    let (staff, request_id) = staff_actor().await?;
    let id = message_id(&id)?;
    let text = reply.trim().replace("\r\n", "\n");
    let chars = text.chars().count();
    if chars == 0 {
        return Err(AppError::validation("reply", "Write the answer first."));
    }
    if chars > 10_000 {
        return Err(AppError::validation(
            "reply",
            "Keep the answer under 10000 characters.",
        ));
    }
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::contact::staff::reply(&mut conn, actor(&staff, &request_id), id, &text)
        .await
        .map_err(contact_error)?;
    leptos_axum::redirect(&format!("/admin/messages/{id}?replied=1"));
    Ok(())
}
