//! The engines that style a photo, behind one trait, so a job runs the same way whichever does
//! the work: the local engine (pure Rust, always there) and OpenAI's image model (when a key is
//! set). An engine is handed a [`CancelFlag`] it checks between its stages: a cancelled job
//! stops there and its result is thrown away.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use image::DynamicImage;

use super::jobs::{JobKind, Params};
use super::local::{self, Recipe};

/// Set when the job's owner cancels it; engines read it between stages.
#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    /// A flag not (yet) raised.
    pub fn new() -> Self {
        Self::default()
    }

    /// Raises the flag.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether the flag is raised.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// What an engine is asked to make.
#[derive(Debug, Clone)]
pub struct Request {
    pub kind: JobKind,
    /// The person's photo (style and edit jobs).
    pub photo: Option<DynamicImage>,
    /// The style's local look (local styles).
    pub recipe: Option<Recipe>,
    /// The prompt, its placeholders already filled (edit and generate jobs, OpenAI styles).
    pub prompt: String,
    pub params: Params,
}

/// Why an engine made nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// The job was cancelled between two stages.
    #[error("the job was cancelled")]
    Cancelled,
    /// The engine cannot do this kind of job (say, a generate job without OpenAI).
    #[error("{0}")]
    Unsupported(String),
    /// The remote service refused the content.
    #[error("{0}")]
    Refused(String),
    /// The work failed for good; the message is for the person (retrying may help).
    #[error("{0}")]
    Failed(String),
    /// The engine is out of reach for now (an open circuit, rate limits): try again later.
    #[error("the engine is unavailable for now")]
    Unavailable { retry_after: Option<Duration> },
}

/// Something that styles photos.
#[async_trait::async_trait]
pub trait StyleEngine: Send + Sync {
    /// The engine's name as stored on jobs (`local`, `openai`).
    fn name(&self) -> &'static str;

    /// Makes the picture `request` asks for.
    async fn run(&self, request: Request, cancel: CancelFlag) -> Result<DynamicImage, EngineError>;
}

/// The local engine: applies a style's recipe on a blocking thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalEngine;

impl LocalEngine {
    /// The longest side a photo is styled at; larger photos are scaled down first (the look
    /// is defined relative to the picture's size, and prints are upscaled from the result).
    pub const MAX_SIDE: u32 = 2048;
}

#[async_trait::async_trait]
impl StyleEngine for LocalEngine {
    fn name(&self) -> &'static str {
        "local"
    }

    async fn run(&self, request: Request, cancel: CancelFlag) -> Result<DynamicImage, EngineError> {
        let (Some(photo), Some(recipe)) = (request.photo, request.recipe) else {
            return Err(EngineError::Unsupported(match request.kind {
                JobKind::Generate => {
                    "Generating a picture from words needs OpenAI, which is not set up here."
                        .to_owned()
                }
                JobKind::Edit => {
                    "Editing a photo with words needs OpenAI, which is not set up here.".to_owned()
                }
                JobKind::Style => "This style has no local look.".to_owned(),
            }));
        };
        tokio::task::spawn_blocking(move || {
            let photo = if photo.width().max(photo.height()) > Self::MAX_SIDE {
                photo.resize(
                    Self::MAX_SIDE,
                    Self::MAX_SIDE,
                    image::imageops::FilterType::Lanczos3,
                )
            } else {
                photo
            };
            local::render(&photo, &recipe, &|| cancel.is_cancelled())
                .map(DynamicImage::ImageRgb8)
                .map_err(|local::Cancelled| EngineError::Cancelled)
        })
        .await
        .map_err(|e| EngineError::Failed(format!("the local engine stopped: {e}")))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(recipe: Option<Recipe>) -> Request {
        Request {
            kind: JobKind::Style,
            photo: Some(DynamicImage::new_rgb8(40, 30)),
            recipe,
            prompt: String::new(),
            params: Params::default(),
        }
    }

    #[tokio::test]
    async fn the_local_engine_styles_and_keeps_the_size() {
        let out = LocalEngine
            .run(
                request(Some(Recipe::Vintage {
                    grain: 4,
                    vignette: 40,
                })),
                CancelFlag::new(),
            )
            .await
            .unwrap();
        assert_eq!((out.width(), out.height()), (40, 30));
    }

    #[tokio::test]
    async fn a_raised_flag_stops_it() {
        let flag = CancelFlag::new();
        flag.cancel();
        let out = LocalEngine
            .run(request(Some(Recipe::InkLines { detail: 5 })), flag)
            .await;
        assert_eq!(out.unwrap_err(), EngineError::Cancelled);
    }

    #[tokio::test]
    async fn without_a_recipe_it_says_what_is_missing() {
        let mut r = request(None);
        r.kind = JobKind::Generate;
        let out = LocalEngine.run(r, CancelFlag::new()).await;
        assert!(matches!(out, Err(EngineError::Unsupported(m)) if m.contains("OpenAI")));
    }
}
