//! A fake OpenAI API on 127.0.0.1 for tests: our real async-openai client talks to it over
//! HTTP. `POST /v1/embeddings` answers each input with a hashed bag-of-words vector (so texts
//! sharing words point the same way) and records what it was asked; `Behaviour::Refuse`
//! answers 401 like the real API does for a bad key.

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{Value, json};

/// How the server answers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    Answer,
    Refuse,
}

/// One request the server received.
#[derive(Debug, Clone)]
pub struct Received {
    pub authorization: String,
    pub body: Value,
}

impl Received {
    /// The texts asked to be embedded.
    pub fn inputs(&self) -> Vec<String> {
        self.body["input"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[derive(Clone)]
struct Shared {
    received: Arc<Mutex<Vec<Received>>>,
    behaviour: Behaviour,
}

/// A running fake and what it received.
pub struct OpenAiServer {
    /// The base URL to configure as `OPENAI_BASE_URL`.
    pub base_url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl OpenAiServer {
    /// Starts a fake on a free port.
    pub async fn start(behaviour: Behaviour) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}/v1", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let shared = Shared {
            received: received.clone(),
            behaviour,
        };
        let router = Router::new()
            .route("/v1/embeddings", post(embeddings))
            .with_state(shared);
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        Self { base_url, received }
    }

    /// Every request so far, oldest first.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

async fn embeddings(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    let authorization = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let request = Received {
        authorization,
        body,
    };
    let inputs = request.inputs();
    let dimensions = request.body["dimensions"].as_u64().unwrap_or(1536) as usize;
    let model = request.body["model"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    shared.received.lock().unwrap().push(request);
    if shared.behaviour == Behaviour::Refuse {
        let error = json!({"error": {"message": "Incorrect API key provided", "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}});
        return (StatusCode::UNAUTHORIZED, Json(error)).into_response();
    }
    // Answered in reverse order: the client must put them back by `index`.
    let data: Vec<Value> = inputs
        .iter()
        .enumerate()
        .rev()
        .map(|(i, text)| json!({"object": "embedding", "index": i, "embedding": bag_of_words(text, dimensions)}))
        .collect();
    Json(json!({
        "object": "list",
        "model": model,
        "data": data,
        "usage": {"prompt_tokens": 1, "total_tokens": 1},
    }))
    .into_response()
}

/// Counts of each lower-cased word, hashed into `dimensions` buckets (not normalised: the
/// code under test must scale vectors itself).
pub fn bag_of_words(text: &str, dimensions: usize) -> Vec<f32> {
    let buckets = dimensions.max(1);
    let mut v = vec![0.0f32; buckets];
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
    {
        let hash = word.to_lowercase().bytes().fold(2166136261u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(16777619)
        });
        v[hash as usize % buckets] += 3.0;
    }
    v
}
