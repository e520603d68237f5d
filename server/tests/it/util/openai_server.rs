//! A fake OpenAI API on 127.0.0.1 for tests: our real async-openai client talks to it over
//! HTTP. `POST /v1/embeddings` answers each input with a hashed bag-of-words vector (so texts
//! sharing words point the same way) and records what it was asked; `Behaviour::Refuse`
//! answers 401 like the real API does for a bad key. `POST /v1/images/edits` (multipart) and
//! `/v1/images/generations` answer a real PNG in base64 — streamed as server-sent events with
//! the asked number of in-between pictures first when the request says `stream` (the final
//! one can be held back while a test looks) — or, as planned by the test, one outcome per
//! call: a 500, a 429 with `Retry-After`, a content refusal, a stall past the client's
//! timeout, or a stream broken off or refused midway. `POST /v1/moderations` flags any text
//! containing "forbidden" and any picture whose top-left pixel is pure red.

use std::collections::VecDeque;
use std::io::Cursor;
use std::sync::{Arc, Mutex};
use std::time::Duration;

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

/// What one image call gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageOutcome {
    /// A real PNG.
    Picture,
    /// 500, as an overloaded server.
    ServerError,
    /// 429 with `Retry-After: 1`.
    RateLimited,
    /// 400 `moderation_blocked`.
    Refused,
    /// No answer for this long.
    Stall(Duration),
    /// A streamed call breaks off after its first in-between picture with an `error` event
    /// (`server_error`), as the service does when it fails midway.
    StreamBroken,
    /// A streamed call is refused midway (an `error` event, `moderation_blocked`).
    StreamRefused,
}

/// One image request as received.
#[derive(Debug, Clone)]
pub struct ImageCall {
    pub path: String,
    pub content_type: String,
    /// The body as text (a multipart body's binary parts show as replacement characters).
    pub body: String,
    /// Whether the body carries a PNG (the photo of an edit).
    pub has_png: bool,
}

impl ImageCall {
    /// A field of the request: from a JSON body, or a multipart body's text part.
    pub fn field(&self, name: &str) -> Option<String> {
        if let Ok(json) = serde_json::from_str::<Value>(&self.body) {
            return match &json[name] {
                Value::Null => None,
                Value::String(s) => Some(s.clone()),
                other => Some(other.to_string()),
            };
        }
        let marker = format!("name=\"{name}\"\r\n\r\n");
        let start = self.body.find(&marker)? + marker.len();
        let rest = &self.body[start..];
        Some(rest[..rest.find("\r\n").unwrap_or(rest.len())].to_owned())
    }
}

#[derive(Clone)]
struct Shared {
    received: Arc<Mutex<Vec<Received>>>,
    behaviour: Behaviour,
    plan: Arc<Mutex<VecDeque<ImageOutcome>>>,
    images: Arc<Mutex<Vec<ImageCall>>>,
    gate: Gate,
}

/// Holds streamed calls before their final picture while closed (the test looks at the
/// in-between state, then opens it).
#[derive(Clone, Default)]
struct Gate {
    closed: Arc<std::sync::atomic::AtomicBool>,
    opened: Arc<tokio::sync::Notify>,
}

impl Gate {
    async fn pass(&self) {
        use std::sync::atomic::Ordering;
        loop {
            let opened = self.opened.notified();
            if !self.closed.load(Ordering::SeqCst) {
                return;
            }
            opened.await;
        }
    }
}

/// A running fake and what it received.
pub struct OpenAiServer {
    /// The base URL to configure as `OPENAI_BASE_URL`.
    pub base_url: String,
    received: Arc<Mutex<Vec<Received>>>,
    plan: Arc<Mutex<VecDeque<ImageOutcome>>>,
    images: Arc<Mutex<Vec<ImageCall>>>,
    gate: Gate,
}

impl OpenAiServer {
    /// Starts a fake on a free port.
    pub async fn start(behaviour: Behaviour) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}/v1", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let plan = Arc::new(Mutex::new(VecDeque::new()));
        let images = Arc::new(Mutex::new(Vec::new()));
        let gate = Gate::default();
        let shared = Shared {
            received: received.clone(),
            behaviour,
            plan: plan.clone(),
            images: images.clone(),
            gate: gate.clone(),
        };
        let router = Router::new()
            .route("/v1/embeddings", post(embeddings))
            .route("/v1/images/edits", post(image))
            .route("/v1/images/generations", post(image))
            .route("/v1/moderations", post(moderations))
            .with_state(shared);
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        Self {
            base_url,
            received,
            plan,
            images,
            gate,
        }
    }

    /// Streamed calls send their in-between pictures, then wait before the final one until
    /// [`Self::release`].
    pub fn hold_final_pictures(&self) {
        self.gate
            .closed
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Lets held streamed calls (and later ones) send their final picture.
    pub fn release(&self) {
        self.gate
            .closed
            .store(false, std::sync::atomic::Ordering::SeqCst);
        self.gate.opened.notify_waiters();
    }

    /// The next image calls get these outcomes, in order (then pictures again).
    pub fn plan(&self, outcomes: &[ImageOutcome]) {
        self.plan.lock().unwrap().extend(outcomes.iter().copied());
    }

    /// Every image request so far, oldest first.
    pub fn image_calls(&self) -> Vec<ImageCall> {
        self.images.lock().unwrap().clone()
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

/// In-between picture `index` of a streamed call: a real 32×24 PNG, one grey (lighter with
/// each).
pub fn partial_png(index: u8) -> Vec<u8> {
    let grey = 60 + index.saturating_mul(60);
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
        32,
        24,
        image::Rgb([grey, grey, grey]),
    ))
    .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
    .unwrap();
    out
}

/// One server-sent event of a streamed image call.
fn sse(event: &str, data: &Value) -> axum::response::sse::Event {
    axum::response::sse::Event::default()
        .event(event)
        .data(data.to_string())
}

/// The answer to a streamed call: `partials` in-between pictures, then (once the gate lets
/// it) the final picture — or, for the stream outcomes, an `error` event after the first.
fn streamed(shared: &Shared, path: &str, partials: u8, outcome: ImageOutcome) -> Response {
    use base64::Engine as _;
    use futures::StreamExt;
    let b64 = |bytes: Vec<u8>| base64::engine::general_purpose::STANDARD.encode(bytes);
    let prefix = if path.ends_with("/edits") {
        "image_edit"
    } else {
        "image_generation"
    };
    let common = json!({"created_at": 1, "size": "1024x1024", "quality": "medium", "background": "opaque", "output_format": "png"});
    let with = |mut v: Value, extra: Value| {
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        v
    };
    let mut events = Vec::new();
    for index in 0..partials {
        let kind = format!("{prefix}.partial_image");
        let data = with(
            common.clone(),
            json!({"type": kind, "b64_json": b64(partial_png(index)), "partial_image_index": index}),
        );
        events.push(sse(&kind, &data));
        if outcome != ImageOutcome::Picture {
            break;
        }
    }
    let last = match outcome {
        ImageOutcome::StreamBroken => sse(
            "error",
            &json!({"type": "error", "error": {"type": "server_error", "code": "server_error", "message": "The image could not be finished.", "param": null}}),
        ),
        ImageOutcome::StreamRefused => sse(
            "error",
            &json!({"type": "error", "error": {"type": "image_generation_user_error", "code": "moderation_blocked", "message": "Your request was rejected by the safety system.", "param": null}}),
        ),
        _ => {
            let kind = format!("{prefix}.completed");
            let data = with(
                common,
                json!({"type": kind, "b64_json": b64(picture_png()), "usage": {"input_tokens": 10, "output_tokens": 20, "total_tokens": 30, "input_tokens_details": {"text_tokens": 10, "image_tokens": 0}}}),
            );
            sse(&kind, &data)
        }
    };
    let gate = shared.gate.clone();
    let before = futures::stream::iter(events.into_iter().map(Ok::<_, std::convert::Infallible>));
    let after = futures::stream::once(async move {
        gate.pass().await;
        Ok(last)
    });
    axum::response::sse::Sse::new(before.chain(after)).into_response()
}

/// A real 64×48 PNG, orange to blue.
fn picture_png() -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(64, 48, |x, _| {
        image::Rgb([255 - (x * 4) as u8, 120, (x * 4) as u8])
    }))
    .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
    .unwrap();
    out
}

async fn image(
    State(shared): State<Shared>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let has_png = body.windows(8).any(|w| w == b"\x89PNG\r\n\x1a\n");
    let call = ImageCall {
        path: uri.path().to_owned(),
        content_type,
        body: String::from_utf8_lossy(&body).into_owned(),
        has_png,
    };
    let stream = call.field("stream").as_deref() == Some("true");
    let partials: u8 = call
        .field("partial_images")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    shared.images.lock().unwrap().push(call);
    let outcome = shared
        .plan
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or(ImageOutcome::Picture);
    let error = |status: StatusCode, kind: &str, code: &str, message: &str| {
        let body =
            json!({"error": {"message": message, "type": kind, "param": null, "code": code}});
        (status, Json(body)).into_response()
    };
    match outcome {
        ImageOutcome::Picture | ImageOutcome::StreamBroken | ImageOutcome::StreamRefused
            if stream =>
        {
            streamed(&shared, uri.path(), partials, outcome)
        }
        ImageOutcome::Picture | ImageOutcome::StreamBroken | ImageOutcome::StreamRefused => {
            use base64::Engine as _;
            let b64 = base64::engine::general_purpose::STANDARD.encode(picture_png());
            Json(json!({"created": 1, "data": [{"b64_json": b64}], "output_format": "png"}))
                .into_response()
        }
        ImageOutcome::ServerError => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            "server_error",
            "The server had an error while processing your request.",
        ),
        ImageOutcome::RateLimited => {
            let mut response = error(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limit_error",
                "rate_limit_exceeded",
                "Rate limit reached for images per minute.",
            );
            response
                .headers_mut()
                .insert("retry-after", axum::http::HeaderValue::from_static("1"));
            response
        }
        ImageOutcome::Refused => error(
            StatusCode::BAD_REQUEST,
            "image_generation_user_error",
            "moderation_blocked",
            "Your request was rejected by the safety system.",
        ),
        ImageOutcome::Stall(wait) => {
            tokio::time::sleep(wait).await;
            error(
                StatusCode::GATEWAY_TIMEOUT,
                "server_error",
                "timeout",
                "late",
            )
        }
    }
}

/// Whether a moderation input (a string, or text and image parts) holds "forbidden" or a
/// picture whose top-left pixel is pure red.
fn flags(input: &Value) -> bool {
    use base64::Engine as _;
    if let Some(text) = input.as_str() {
        return text.to_lowercase().contains("forbidden");
    }
    input
        .as_array()
        .into_iter()
        .flatten()
        .any(|part| match part["type"].as_str() {
            Some("text") => flags(&part["text"]),
            Some("image_url") => {
                let url = part["image_url"].as_str().unwrap_or_default();
                let Some(data) = url.strip_prefix("data:image/jpeg;base64,") else {
                    return false;
                };
                base64::engine::general_purpose::STANDARD
                    .decode(data)
                    .ok()
                    .and_then(|bytes| image::load_from_memory(&bytes).ok())
                    .is_some_and(|p| {
                        let px = p.to_rgb8().get_pixel(0, 0).0;
                        px[0] > 200 && px[1] < 60 && px[2] < 60
                    })
            }
            _ => false,
        })
}

async fn moderations(Json(body): Json<Value>) -> Response {
    let flagged = flags(&body["input"]);
    let names = [
        "hate",
        "hate/threatening",
        "harassment",
        "harassment/threatening",
        "illicit",
        "illicit/violent",
        "self-harm",
        "self-harm/intent",
        "self-harm/instructions",
        "sexual",
        "sexual/minors",
        "violence",
        "violence/graphic",
    ];
    let categories: serde_json::Map<String, Value> = names
        .iter()
        .map(|n| ((*n).to_owned(), json!(flagged && *n == "violence")))
        .collect();
    let scores: serde_json::Map<String, Value> = names
        .iter()
        .map(|n| {
            (
                (*n).to_owned(),
                json!(if flagged && *n == "violence" {
                    0.9
                } else {
                    0.01
                }),
            )
        })
        .collect();
    let applied: serde_json::Map<String, Value> = names
        .iter()
        .map(|n| ((*n).to_owned(), json!(["text"])))
        .collect();
    Json(json!({
        "id": "modr-1",
        "model": "omni-moderation-latest",
        "results": [{
            "flagged": flagged,
            "categories": categories,
            "category_scores": scores,
            "category_applied_input_types": applied,
        }],
    }))
    .into_response()
}
