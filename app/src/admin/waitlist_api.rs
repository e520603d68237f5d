//! `/admin/waitlist`'s server functions (staff only): the entries with search and state, the
//! counts, the invitation runs with their progress, and starting a run (audited).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ui::paging::PageRequest;
use crate::ui::paging::Paged;
use crate::ui::time::Instant;

/// One entry in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRow {
    pub email: String,
    pub name: String,
    pub company: String,
    pub role: String,
    pub interest: String,
    /// `unconfirmed`, `waiting` or `notified`.
    pub state: String,
    pub joined: Instant,
}

/// One invitation run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRow {
    pub total: i32,
    pub sent: i32,
    pub status: String,
    pub error: Option<String>,
    pub started: Instant,
}

/// The page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitlistAdmin {
    pub unconfirmed: i64,
    pub waiting: i64,
    pub notified: i64,
    pub runs: Vec<RunRow>,
    /// Whether a run is still going (the page then refreshes itself).
    pub running: bool,
    pub paged: Paged<EntryRow>,
}

/// The entries (newest first) matching `q` and `state`, with the counts and recent runs.
#[server(prefix = "/api", endpoint = "admin_waitlist")]
pub async fn admin_waitlist(
    q: Option<String>,
    state: Option<String>,
    page: Option<u32>,
) -> Result<WaitlistAdmin, AppError> {
    use domain::waitlist::entries::{self, Filter, State};
    use domain::waitlist::invites;
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let filter = Filter {
        search: q.unwrap_or_default(),
        state: state.as_deref().and_then(State::parse),
    };
    let request = PageRequest::new(page, 50);
    let mut conn = ctx.conn().await?;
    let rows = entries::list(&mut conn, &filter, request.limit(), request.offset()).await?;
    let counts = entries::counts(&mut conn).await?;
    let runs = invites::recent(&mut conn, 5).await?;
    Ok(WaitlistAdmin {
        unconfirmed: counts.unconfirmed,
        waiting: counts.waiting,
        notified: counts.notified,
        running: runs.iter().any(invites::Run::open),
        runs: runs
            .iter()
            .map(|r| RunRow {
                total: r.total,
                sent: r.sent,
                status: r.status.clone(),
                error: r.error.clone(),
                started: r.created_at.into(),
            })
            .collect(),
        paged: request.finish(
            rows.iter()
                .map(|e| EntryRow {
                    email: e.email.clone(),
                    name: format!("{} {}", e.first_name, e.last_name),
                    company: e.company.clone(),
                    role: e.role.clone(),
                    interest: e.interest.clone(),
                    state: e.state().as_str().to_owned(),
                    joined: e.created_at.into(),
                })
                .collect(),
        ),
    })
}

/// Starts a run inviting the next `count` waiting people.
#[server(prefix = "/api", endpoint = "admin_waitlist_invite")]
pub async fn invite_next(count: String) -> Result<(), AppError> {
    use domain::waitlist::WaitlistError;
    let staff = crate::accounts::auth::require_staff().await?;
    let n: i32 = count
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=domain::waitlist::invites::MOST_PER_RUN).contains(n))
        .ok_or_else(|| AppError::validation("count", "Enter a whole number from 1 to 10000."))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::waitlist::invites::start(
        &mut conn,
        staff.id,
        crate::server_context::ServerContext::request_id(),
        n,
        &ctx.services.public_url,
    )
    .await
    .map_err(|e| match e {
        WaitlistError::Conflict(m) => AppError::conflict(m),
        WaitlistError::NotFound => AppError::NotFound,
        other => AppError::internal(other),
    })?;
    leptos_axum::redirect("/admin/waitlist?inviting=1");
    Ok(())
}
