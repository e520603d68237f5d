//! `GET /admin/waitlist.csv?q=&state=`: the waitlist entries of the admin page's selection as
//! a CSV download for staff, streamed: it reads the entries a page at a time (keyset order) and
//! sends each page as it is written, so a list of any length takes little memory and the first
//! bytes leave at once. Anonymous visitors are sent to sign in, customers get 403.

use axum::body::Body;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use domain::waitlist::entries::{self, Entry, Filter, State as EntryState};
use http::{HeaderValue, header};
use serde::Deserialize;
use time::OffsetDateTime;
use tower_sessions::Session;
use uuid::Uuid;

use crate::state::AppState;

/// Entries read (and sent) at a time.
const PAGE: i64 = 500;

/// The columns, in order.
const HEADER: [&str; 9] = [
    "email",
    "first_name",
    "last_name",
    "company",
    "role",
    "interest",
    "state",
    "joined_at",
    "notified_at",
];

/// The selection, as on the admin page.
#[derive(Debug, Default, Deserialize)]
pub struct Selection {
    q: Option<String>,
    state: Option<String>,
}

/// Where the stream stands.
enum Step {
    Header,
    After(Option<(OffsetDateTime, Uuid)>),
    Done,
}

/// The export handler.
pub async fn export(
    State(state): State<AppState>,
    session: Session,
    Query(selection): Query<Selection>,
) -> Response {
    if let Err(refused) = super::signed_in::staff(&state, &session, "/admin/waitlist").await {
        return refused;
    }
    let filter = Filter {
        search: selection.q.unwrap_or_default(),
        state: selection.state.as_deref().and_then(EntryState::parse),
    };
    let pool = state.services.pool.clone();
    let stream = futures::stream::unfold(Step::Header, move |step| {
        let (pool, filter) = (pool.clone(), filter.clone());
        async move {
            match step {
                Step::Done => None,
                Step::Header => Some((write(|w| w.write_record(HEADER)), Step::After(None))),
                Step::After(after) => {
                    let page = match pool.get().await {
                        Ok(mut conn) => entries::export_page(&mut conn, &filter, after, PAGE)
                            .await
                            .map_err(|e| e.to_string()),
                        Err(e) => Err(e.to_string()),
                    };
                    match page {
                        Err(e) => {
                            tracing::error!(error = %e, "waitlist export: reading failed");
                            Some((Err(std::io::Error::other(e)), Step::Done))
                        }
                        Ok(rows) if rows.is_empty() => None,
                        Ok(rows) => {
                            let next = match rows.last() {
                                Some(last) if rows.len() as i64 == PAGE => {
                                    Step::After(Some((last.created_at, last.id)))
                                }
                                _ => Step::Done,
                            };
                            Some((write(|w| rows.iter().try_for_each(|e| record(w, e))), next))
                        }
                    }
                }
            }
        }
    });
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"waitlist.csv\""),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        // Fused: the body may be asked again after the last page.
        Body::from_stream(futures::StreamExt::fuse(stream)),
    )
        .into_response()
}

/// The bytes `fill` writes with a CSV writer.
fn write(
    fill: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>,
) -> std::io::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    fill(&mut writer).map_err(std::io::Error::other)?;
    writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// One entry's line; every typed cell is guarded against being read as a formula.
fn record(w: &mut csv::Writer<Vec<u8>>, e: &Entry) -> csv::Result<()> {
    use domain::csv_cells::neutralise_formula as cell;
    let at = |t: Option<OffsetDateTime>| {
        t.and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
    };
    w.write_record([
        cell(&e.email),
        cell(&e.first_name),
        cell(&e.last_name),
        cell(&e.company),
        cell(&e.role),
        e.interest.clone(),
        e.state().as_str().to_owned(),
        at(Some(e.created_at)),
        at(e.notified_at),
    ])
}
