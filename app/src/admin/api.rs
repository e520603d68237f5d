//! Admin server functions; each checks that the caller is staff before reading anything.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ui::paging::PageRequest;
use crate::ui::paging::Paged;
use crate::ui::time::Instant;

/// One message in the dev mailbox list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSummary {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub status: String,
    pub created_at: String,
}

/// One message in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailView {
    pub summary: MailSummary,
    pub text_body: String,
    pub last_error: Option<String>,
}

#[cfg(feature = "ssr")]
fn summary(row: &domain::email::EmailRow) -> MailSummary {
    MailSummary {
        id: row.id.to_string(),
        to: row.to_address.clone(),
        subject: row.subject.clone(),
        status: row.status.clone(),
        created_at: row
            .created_at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
    }
}

/// The dev mailbox's gate: it exists only in development (404 in production, whoever asks) and
/// only for admins (a staff member could otherwise read an admin's reset link and take the
/// account over).
#[cfg(feature = "ssr")]
async fn require_mailbox()
-> Result<(crate::server_context::ServerContext, domain::accounts::User), AppError> {
    let ctx = crate::server_context::ServerContext::current()?;
    if !ctx.development {
        return Err(AppError::NotFound);
    }
    let admin = crate::accounts::auth::require_admin().await?;
    Ok((ctx, admin))
}

/// The outbox, newest first (admins, in development only).
#[server(prefix = "/api", endpoint = "admin_mail_list")]
pub async fn mail_list(page: Option<u32>) -> Result<Paged<MailSummary>, AppError> {
    let (ctx, _admin) = require_mailbox().await?;
    let request = PageRequest::new(page, 50);
    let mut conn = ctx.conn().await?;
    let rows =
        domain::email::outbox::list(&mut conn, None, request.limit(), request.offset()).await?;
    Ok(request.finish(rows.iter().map(summary).collect()))
}

/// One message (admins, in development only). Every opening is audited: who read which message.
#[server(prefix = "/api", endpoint = "admin_mail_message")]
pub async fn mail_message(id: String) -> Result<MailView, AppError> {
    let (ctx, admin) = require_mailbox().await?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let mut conn = ctx.conn().await?;
    let row = domain::email::outbox::find_by_id(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    domain::audit::record(
        &mut conn,
        &domain::audit::Entry {
            actor_id: admin.id,
            action: "mail.read",
            subject_type: "email",
            subject_id: row.id.to_string(),
            before: None,
            after: Some(serde_json::json!({ "to": row.to_address, "subject": row.subject })),
            request_id: crate::server_context::ServerContext::request_id(),
        },
    )
    .await?;
    Ok(MailView {
        summary: summary(&row),
        text_body: row.text_body.clone(),
        last_error: row.last_error.clone(),
    })
}

/// Figures for the staff home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminFigures {
    pub staff_name: String,
    pub emails: i64,
    pub dead_jobs: i64,
    pub pending_reviews: i64,
    /// Whether the caller may open the dev mailbox (development, admin).
    pub mailbox: bool,
    /// Whether production takes payments with the sandbox provider.
    pub sandbox_payments: bool,
}

/// The staff home page's figures (staff only).
#[server(prefix = "/api", endpoint = "admin_overview")]
pub async fn overview() -> Result<AdminFigures, AppError> {
    let staff = crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let jobs = domain::jobs::queue::count_by_status(&mut conn).await?;
    let emails = domain::email::outbox::count(&mut conn).await?;
    let pending_reviews = domain::catalog::reviews::count_pending(&mut conn).await?;
    Ok(AdminFigures {
        mailbox: ctx.development && staff.role() == domain::accounts::Role::Admin,
        sandbox_payments: ctx.sandbox_in_production,
        pending_reviews,
        staff_name: staff.display_name.clone(),
        emails,
        dead_jobs: jobs
            .iter()
            .find(|(s, _)| s == "dead")
            .map_or(0, |(_, n)| *n),
    })
}

/// One job in the monitor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSummary {
    pub id: i64,
    pub name: String,
    pub status: String,
    pub attempts: i32,
    pub max_attempts: i32,
    /// How long the last attempt ran, when it finished.
    pub runtime_ms: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: String,
}

/// One periodic job's schedule, as the job monitor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRow {
    pub name: String,
    /// "every 30 min", "every 1 h"...
    pub every: String,
    pub next_run: Instant,
    pub last_run: Option<Instant>,
}

/// "every 90 s", "every 30 min", "every 24 h".
pub fn every_label(seconds: i32) -> String {
    match seconds {
        s if s % 3600 == 0 => format!("every {} h", s / 3600),
        s if s % 60 == 0 => format!("every {} min", s / 60),
        s => format!("every {s} s"),
    }
}

/// The periodic jobs' schedules (staff only).
#[server(prefix = "/api", endpoint = "admin_job_schedules")]
pub async fn job_schedules() -> Result<Vec<ScheduleRow>, AppError> {
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    Ok(domain::jobs::periodic::registered(&mut conn)
        .await?
        .into_iter()
        .map(|r| ScheduleRow {
            every: every_label(r.interval_seconds),
            name: r.name,
            next_run: r.next_run_at.into(),
            last_run: r.last_enqueued_at.map(Into::into),
        })
        .collect())
}

/// Jobs, newest first, filtered by status (`pending`, `running`, `done`, `dead`) and name (staff
/// only). An unknown status is a 422 on the `status` field.
#[server(prefix = "/api", endpoint = "admin_jobs")]
pub async fn jobs(
    status: Option<String>,
    name: Option<String>,
    page: Option<u32>,
) -> Result<Paged<JobSummary>, AppError> {
    crate::accounts::auth::require_staff().await?;
    let status = match status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(domain::jobs::JobStatus::parse(s).ok_or_else(|| {
            AppError::validation("status", "Pick pending, running, done or dead.")
        })?),
    };
    let name = name.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let request = PageRequest::new(page, 100);
    let rows =
        domain::jobs::queue::list(&mut conn, status, name, request.limit(), request.offset())
            .await?;
    Ok(request.finish(
        rows.into_iter()
            .map(|j| JobSummary {
                runtime_ms: j
                    .started_at
                    .zip(j.finished_at)
                    .map(|(s, f)| (f - s).whole_milliseconds() as i64),
                id: j.id,
                name: j.name,
                status: j.status,
                attempts: j.attempts,
                max_attempts: j.max_attempts,
                last_error: j.last_error,
                created_at: j
                    .created_at
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default(),
            })
            .collect(),
    ))
}

/// Puts a dead job back in the queue (staff only; audited).
#[server(prefix = "/api", endpoint = "admin_retry_job")]
pub async fn retry_job(id: i64) -> Result<(), AppError> {
    let staff = crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let request_id = crate::server_context::ServerContext::request_id();
    let retried =
        domain::jobs::queue::retry_dead_audited(&mut conn, id, staff.id, request_id).await?;
    if !retried {
        return Err(AppError::conflict("Only dead jobs can be retried."));
    }
    leptos_axum::redirect("/admin/jobs?status=pending");
    Ok(())
}

/// One audit log entry for the admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub actor: Option<String>,
    pub action: String,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub request_id: Option<String>,
}

/// The audit log, newest first, optionally for one subject type (staff only).
#[server(prefix = "/api", endpoint = "admin_audit")]
pub async fn audit(
    subject_type: Option<String>,
    page: Option<u32>,
) -> Result<Paged<AuditEntry>, AppError> {
    crate::accounts::auth::require_staff().await?;
    let subject_type = subject_type
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let request = PageRequest::new(page, 100);
    let rows =
        domain::audit::list(&mut conn, subject_type, request.limit(), request.offset()).await?;
    let actor_ids: Vec<uuid::Uuid> = rows.iter().filter_map(|r| r.actor_id).collect();
    let emails = domain::accounts::queries::emails_by_id(&mut conn, &actor_ids).await?;
    let entries = rows
        .into_iter()
        .map(|row| AuditEntry {
            at: row
                .at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            actor: row.actor_id.and_then(|id| emails.get(&id).cloned()),
            action: row.action,
            subject: format!("{} {}", row.subject_type, row.subject_id),
            before: row.before.map(|v| v.to_string()),
            after: row.after.map(|v| v.to_string()),
            request_id: row.request_id,
        })
        .collect();
    Ok(request.finish(entries))
}

/// One account in the customer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub plan: String,
    pub disabled: bool,
    pub verified: bool,
}

/// Accounts matching `q` (email or name), 50 a page (staff only).
#[server(prefix = "/api", endpoint = "admin_customers")]
pub async fn customers(
    q: Option<String>,
    page: Option<u32>,
) -> Result<Paged<AccountRow>, AppError> {
    crate::accounts::auth::require_staff().await?;
    let request = PageRequest::new(page, 50);
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let users = domain::accounts::queries::search(
        &mut conn,
        q.as_deref(),
        request.limit(),
        request.offset(),
    )
    .await?;
    Ok(request.finish(
        users
            .into_iter()
            .map(|u| AccountRow {
                id: u.id.to_string(),
                role: u.role().as_str().to_owned(),
                plan: u.plan().as_str().to_owned(),
                disabled: u.is_disabled(),
                verified: u.email_verified_at.is_some(),
                email: u.email,
                display_name: u.display_name,
            })
            .collect(),
    ))
}

/// Changes an account's role, plan and disabled state (admins only; audited; you cannot demote
/// or disable yourself).
#[server(prefix = "/api", endpoint = "admin_update_customer")]
pub async fn update_customer(
    id: String,
    role: String,
    plan: String,
    disabled: Option<String>,
) -> Result<(), AppError> {
    use domain::accounts::staff_edits::{AccountChanges, StaffEditError, update_account};
    use domain::accounts::{Plan, Role};
    let admin = crate::accounts::auth::require_admin().await?;
    let id = uuid::Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let role = Role::parse(&role)
        .ok_or_else(|| AppError::validation("role", "Pick customer, staff or admin."))?;
    let plan =
        Plan::parse(&plan).ok_or_else(|| AppError::validation("plan", "Pick free or premium."))?;
    let changes = AccountChanges {
        role,
        plan,
        disabled: disabled.is_some_and(|d| d == "on" || d == "true"),
    };
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let request_id = crate::server_context::ServerContext::request_id();
    update_account(&mut conn, &admin, id, changes, request_id)
        .await
        .map_err(|e| match e {
            StaffEditError::NotFound => AppError::NotFound,
            StaffEditError::OwnAccount => {
                AppError::conflict("You cannot demote or disable your own account.")
            }
            StaffEditError::Database(e) => AppError::internal(e),
        })?;
    leptos_axum::redirect("/admin/customers");
    Ok(())
}
