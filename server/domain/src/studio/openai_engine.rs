//! The OpenAI engine: styles, edits and generates pictures with OpenAI's image model through
//! the async-openai client. Each call goes through the client's circuit breaker (an open
//! circuit answers "unavailable" at once, and the job waits and retries instead of failing),
//! passing troubles (429, 5xx, timeouts) are retried with a doubling backoff, and every call is
//! recorded in the AI call log with the job it served. Given somewhere to send them, it asks for
//! the call to be streamed and hands on each in-between picture as it arrives.

use std::time::Instant;

use image::DynamicImage;
use uuid::Uuid;

use super::engine::{CancelFlag, EngineError, Request, StyleEngine};
use crate::ai::OpenAi;
use crate::ai::calls::{self, Call};
use crate::ai::circuit::Verdict;
use crate::ai::images::{CallError, ImageAsk, PartialSender};
use crate::db::DbPool;
use crate::media::upload;

/// The engine, for one job.
pub struct OpenAiEngine {
    pub client: OpenAi,
    /// Where calls are logged.
    pub pool: DbPool,
    /// The job the calls serve.
    pub job_id: Option<Uuid>,
    /// Where in-between pictures go as they arrive (none: they are not asked for).
    pub partials: Option<PartialSender>,
}

impl OpenAiEngine {
    /// Records one call; a failure to record is logged, never the job's failure.
    async fn log(
        &self,
        endpoint: &str,
        status: Option<u16>,
        started: Instant,
        error: Option<String>,
    ) {
        let call = Call {
            endpoint,
            model: &self.client.settings().image_model,
            status,
            latency: started.elapsed(),
            error,
            job_id: self.job_id,
        };
        let recorded = match self.pool.get().await {
            Ok(mut conn) => calls::record(&mut conn, &call)
                .await
                .map_err(anyhow::Error::from),
            Err(e) => Err(anyhow::Error::from(e)),
        };
        if let Err(e) = recorded {
            tracing::warn!(error = %e, "an AI call could not be logged");
        }
    }
}

#[async_trait::async_trait]
impl StyleEngine for OpenAiEngine {
    fn name(&self) -> &'static str {
        "openai"
    }

    async fn run(&self, request: Request, cancel: CancelFlag) -> Result<DynamicImage, EngineError> {
        if cancel.is_cancelled() {
            return Err(EngineError::Cancelled);
        }
        if request.prompt.trim().is_empty() {
            return Err(EngineError::Failed(
                "There is nothing to ask OpenAI for.".into(),
            ));
        }
        let photo_png = match request.photo {
            Some(photo) => Some(
                tokio::task::spawn_blocking(move || {
                    let mut out = Vec::new();
                    photo
                        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
                        .map(|()| out)
                })
                .await
                .map_err(|e| EngineError::Failed(e.to_string()))?
                .map_err(|e| EngineError::Failed(format!("the photo could not be sent: {e}")))?,
            ),
            None => None,
        };
        let endpoint = if photo_png.is_some() {
            "images/edits"
        } else {
            "images/generations"
        };
        let settings = self.client.settings();
        let ask = ImageAsk {
            model: settings.image_model.clone(),
            prompt: request.prompt,
            photo_png,
            quality: request.params.quality,
            background: request.params.background,
            output_format: request.params.output_format,
            size: request.params.size,
            partial_images: if self.partials.is_some() {
                settings.partial_images
            } else {
                0
            },
        };
        let mut wait = settings.backoff;
        for attempt in 1..=settings.attempts.max(1) {
            if cancel.is_cancelled() {
                return Err(EngineError::Cancelled);
            }
            if let Verdict::Open { retry_in } = self.client.breaker().check(Instant::now()) {
                return Err(EngineError::Unavailable {
                    retry_after: Some(retry_in),
                });
            }
            let started = Instant::now();
            let answer = self.client.image(&ask, self.partials.as_ref()).await;
            match answer {
                Ok(bytes) => {
                    self.client.breaker().succeeded();
                    self.log(endpoint, Some(200), started, None).await;
                    return tokio::task::spawn_blocking(move || upload::decode_checked(&bytes))
                        .await
                        .map_err(|e| EngineError::Failed(e.to_string()))?
                        .map_err(|e| {
                            EngineError::Failed(format!(
                                "OpenAI answered a picture we cannot use: {e}"
                            ))
                        });
                }
                Err(e) => {
                    self.log(endpoint, e.status(), started, Some(e.to_string()))
                        .await;
                    match e {
                        CallError::Refused { message, .. } => {
                            // The service is healthy: it judged the content.
                            self.client.breaker().succeeded();
                            return Err(EngineError::Refused(format!(
                                "OpenAI refused the request: {message}"
                            )));
                        }
                        CallError::Failed { message, .. } => {
                            return Err(EngineError::Failed(format!(
                                "OpenAI could not make the picture: {message}"
                            )));
                        }
                        CallError::Transient { .. } => {
                            self.client.breaker().failed(Instant::now());
                            if attempt < settings.attempts {
                                tokio::time::sleep(wait).await;
                                wait *= 2;
                            }
                        }
                    }
                }
            }
        }
        Err(EngineError::Unavailable { retry_after: None })
    }
}
