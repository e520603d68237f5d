//! A fake Google and GitHub on 127.0.0.1 for tests: our real `oauth2`-based client talks to it
//! over HTTP. `GET /authorize` remembers the PKCE challenge of the code it hands out and sends
//! the browser back to the `redirect_uri` with `code` and `state` (or, when the person is set
//! to decline, `error=access_denied`); `POST /token` gives a token only for a known code whose
//! `code_verifier` hashes to that challenge (S256), once; `GET /userinfo` (Google's OpenID
//! Connect profile) and `GET /api/user` and `/api/user/emails` (GitHub's) describe the person
//! the test set, to the holder of that token only.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::Engine;
use serde_json::json;
use sha2::{Digest, Sha256};

/// The person signed in at the provider.
#[derive(Debug, Clone)]
pub struct Person {
    pub subject: String,
    pub email: String,
    pub verified: bool,
    pub name: String,
    /// Whether they decline to share their account.
    pub declines: bool,
}

#[derive(Default)]
struct Shared {
    person: Option<Person>,
    /// code → PKCE challenge.
    codes: HashMap<String, String>,
    tokens: Vec<String>,
    next: u32,
}

type SharedState = Arc<Mutex<Shared>>;

/// A running fake provider.
pub struct OAuthServer {
    pub base: String,
    shared: SharedState,
}

impl OAuthServer {
    /// Starts one on a free port.
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let shared = SharedState::default();
        let router = Router::new()
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .route("/userinfo", get(userinfo))
            .route("/api/user", get(github_user))
            .route("/api/user/emails", get(github_emails))
            .with_state(shared.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        Self { base, shared }
    }

    /// Who signs in next.
    pub fn sign_in_as(&self, person: Person) {
        self.shared.lock().unwrap().person = Some(person);
    }

    /// The settings that point a provider at this fake.
    pub fn env(&self, provider: &str) -> Vec<(String, String)> {
        let profile = if provider == "GOOGLE" {
            ("USERINFO_URL", format!("{}/userinfo", self.base))
        } else {
            ("API_URL", format!("{}/api", self.base))
        };
        vec![
            (format!("{provider}_CLIENT_ID"), "daydream-test".to_owned()),
            (
                format!("{provider}_CLIENT_SECRET"),
                "test-secret".to_owned(),
            ),
            (
                format!("DAYDREAM_{provider}_AUTH_URL"),
                format!("{}/authorize", self.base),
            ),
            (
                format!("DAYDREAM_{provider}_TOKEN_URL"),
                format!("{}/token", self.base),
            ),
            (format!("DAYDREAM_{provider}_{}", profile.0), profile.1),
        ]
    }
}

async fn authorize(
    State(shared): State<SharedState>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let mut s = shared.lock().unwrap();
    let (Some(redirect), Some(state)) = (q.get("redirect_uri"), q.get("state")) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if q.get("code_challenge_method").map(String::as_str) != Some("S256") {
        return (StatusCode::BAD_REQUEST, "PKCE S256 required").into_response();
    }
    if s.person.as_ref().is_some_and(|p| p.declines) {
        return Redirect::to(&format!("{redirect}?error=access_denied&state={state}"))
            .into_response();
    }
    s.next += 1;
    let code = format!("code-{}", s.next);
    s.codes.insert(
        code.clone(),
        q.get("code_challenge").cloned().unwrap_or_default(),
    );
    Redirect::to(&format!(
        "{redirect}?code={code}&state={state}&scope=openid"
    ))
    .into_response()
}

async fn token(
    State(shared): State<SharedState>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let mut s = shared.lock().unwrap();
    let refused = || {
        (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "invalid_grant"})),
        )
            .into_response()
    };
    let Some(challenge) = form.get("code").and_then(|c| s.codes.remove(c)) else {
        return refused();
    };
    let verifier = form.get("code_verifier").cloned().unwrap_or_default();
    let hashed = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier));
    if hashed != challenge {
        return refused();
    }
    s.next += 1;
    let token = format!("token-{}", s.next);
    s.tokens.push(token.clone());
    Json(json!({"access_token": token, "token_type": "bearer", "expires_in": 3600})).into_response()
}

/// The person, to the holder of a token this fake gave.
fn holder(shared: &SharedState, headers: &HeaderMap) -> Option<Person> {
    let s = shared.lock().unwrap();
    let token = headers
        .get("authorization")?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")?;
    s.tokens
        .iter()
        .any(|t| t == token)
        .then(|| s.person.clone())?
}

async fn userinfo(State(shared): State<SharedState>, headers: HeaderMap) -> Response {
    match holder(&shared, &headers) {
        Some(p) => Json(json!({
            "sub": p.subject,
            "email": p.email,
            "email_verified": p.verified,
            "name": p.name,
        }))
        .into_response(),
        None => StatusCode::UNAUTHORIZED.into_response(),
    }
}

async fn github_user(State(shared): State<SharedState>, headers: HeaderMap) -> Response {
    match holder(&shared, &headers) {
        Some(p) => Json(json!({
            "id": p.subject.parse::<i64>().unwrap_or(1),
            "login": "octo",
            "name": p.name,
        }))
        .into_response(),
        None => StatusCode::UNAUTHORIZED.into_response(),
    }
}

async fn github_emails(State(shared): State<SharedState>, headers: HeaderMap) -> Response {
    match holder(&shared, &headers) {
        Some(p) => Json(json!([
            {"email": "old@users.noreply.example", "primary": false, "verified": true},
            {"email": p.email, "primary": true, "verified": p.verified},
        ]))
        .into_response(),
        None => StatusCode::UNAUTHORIZED.into_response(),
    }
}
