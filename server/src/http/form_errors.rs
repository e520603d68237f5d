//! Where a refused no-JavaScript form's error travels: in the session, never in the URL.
//!
//! Leptos answers a failed form post with a redirect back to the form whose query carries the
//! error (`__path`, `__err`: the serialized `AppError`, with what was typed — names, addresses,
//! phone numbers — for the form to show again). In a URL that lands in browser history, proxy
//! and server logs and `Referer` headers; and since the page shows whatever `__err` says next to
//! its fields, anyone could link to our page with a message of their choosing.
//!
//! So on the way out a redirect's `__path`/`__err` are moved into the session and replaced by
//! `__err=flash-<random id>`; on the way in a `flash-` id is swapped back for the stored error of
//! this same session (into the request the page renders from, and as a
//! [`CarriedFormError`] the page hands to its WASM), and a page asked for with any other `__err`
//! or `__path` (forged, or from another browser) is redirected to the same address without them,
//! so neither the server nor the browser ever shows it.

use app::ui::carried_error::CarriedFormError;
use axum::extract::Request;
use axum::http::Uri;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderValue, Method, header};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// The session key holding the last refused form's error.
const FLASH_KEY: &str = "form_error";
/// What marks a stored error's id in the URL.
const FLASH_PREFIX: &str = "flash-";

/// A refused form's error, kept for the page it bounced back to.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Flash {
    id: String,
    path: String,
    err: String,
}

/// Moves form errors out of redirect URLs into the session, and back in for the next page.
pub async fn keep_in_session(mut request: Request, next: Next) -> Response {
    let session = request.extensions().get::<Session>().cloned();
    if let Some(query) = request.uri().query()
        && (query.contains("__err") || query.contains("__path"))
    {
        let (clean, flash) = restore(query, session.as_ref()).await;
        match flash {
            Some(flash) => {
                let mut restored = url::form_urlencoded::Serializer::new(clean);
                restored.append_pair("__path", &flash.path);
                restored.append_pair("__err", &flash.err);
                if let Some(uri) = with_query(request.uri(), &restored.finish()) {
                    *request.uri_mut() = uri;
                }
                request.extensions_mut().insert(CarriedFormError {
                    path: flash.path,
                    err: flash.err,
                });
            }
            None if request.method() == Method::GET || request.method() == Method::HEAD => {
                let target = if clean.is_empty() {
                    request.uri().path().to_owned()
                } else {
                    format!("{}?{clean}", request.uri().path())
                };
                return Redirect::to(&target).into_response();
            }
            None => {
                if let Some(uri) = with_query(request.uri(), &clean) {
                    *request.uri_mut() = uri;
                }
            }
        }
    }
    let mut response = next.run(request).await;
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|l| l.contains("__err="))
        .map(str::to_owned);
    if let Some(location) = location {
        let moved = stash(&location, session.as_ref()).await;
        if let Ok(value) = HeaderValue::from_str(&moved) {
            response.headers_mut().insert(header::LOCATION, value);
        }
    }
    response
}

/// The query without `__err`/`__path`, and this session's stored error when `__err` named it.
async fn restore(query: &str, session: Option<&Session>) -> (String, Option<Flash>) {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let wanted = pairs
        .iter()
        .find(|(k, _)| k == "__err")
        .and_then(|(_, v)| v.strip_prefix(FLASH_PREFIX))
        .map(str::to_owned);
    let flash = match (wanted, session) {
        (Some(id), Some(session)) => session
            .get::<Flash>(FLASH_KEY)
            .await
            .ok()
            .flatten()
            .filter(|f| f.id == id),
        _ => None,
    };
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs.iter().filter(|(k, _)| k != "__err" && k != "__path") {
        out.append_pair(k, v);
    }
    (out.finish(), flash)
}

/// The redirect target with its error stored in the session (or dropped, without a session).
async fn stash(location: &str, session: Option<&Session>) -> String {
    let (base, query) = location.split_once('?').unwrap_or((location, ""));
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let path = pairs
        .iter()
        .find(|(k, _)| k == "__path")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let err = pairs
        .iter()
        .find(|(k, _)| k == "__err")
        .map(|(_, v)| v.clone());
    // Stored first: the serializer below cannot be held across an await (it is not `Send`).
    let mut flash_id = None;
    if let (Some(err), Some(session)) = (err, session) {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let flash = Flash {
            id: id.clone(),
            path,
            err,
        };
        match session.insert(FLASH_KEY, &flash).await {
            Ok(()) => flash_id = Some(id),
            Err(e) => tracing::warn!(error = %e, "a form error could not be kept in the session"),
        }
    }
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs.iter().filter(|(k, _)| k != "__err" && k != "__path") {
        out.append_pair(k, v);
    }
    if let Some(id) = flash_id {
        out.append_pair("__err", &format!("{FLASH_PREFIX}{id}"));
    }
    let query = out.finish();
    let mut moved = base.to_owned();
    if !query.is_empty() {
        moved.push('?');
        moved.push_str(&query);
    }
    if let Some(fragment) = fragment {
        moved.push('#');
        moved.push_str(fragment);
    }
    moved
}

/// `uri` with its query replaced (`None` when the result would not parse).
fn with_query(uri: &Uri, query: &str) -> Option<Uri> {
    let path = uri.path();
    let path_and_query = if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(path_and_query.parse().ok()?);
    Uri::from_parts(parts).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn without_a_session_errors_are_dropped_both_ways() {
        assert_eq!(
            stash(
                "http://x/checkout?a=1&__path=%2Fapi%2Fsave&__err=SECRET#top",
                None
            )
            .await,
            "http://x/checkout?a=1#top"
        );
        let (clean, flash) = restore("a=1&__path=/api/x&__err=forged", None).await;
        assert_eq!(clean, "a=1");
        assert!(flash.is_none());
    }
}
