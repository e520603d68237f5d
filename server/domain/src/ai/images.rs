//! The image and moderation calls of the OpenAI client (`gpt-image-*` generate and edit, plain
//! or streamed with their in-between pictures; `omni-moderation-latest`), each classified on
//! failure: a refusal of the content, a passing trouble of the service (429, 5xx, timeouts,
//! lost connections, a broken stream: retried, and counted by the circuit breaker), or a
//! failure for good.

use async_openai::error::OpenAIError;
use async_openai::types::images::{
    CreateImageEditRequestArgs, CreateImageRequestArgs, Image, ImageBackground, ImageEditInput,
    ImageEditStreamEvent, ImageGenStreamEvent, ImageInput, ImageModel, ImageOutputFormat,
    ImageQuality, ImageSize, ImagesResponse,
};
use async_openai::types::moderations::{
    CreateModerationRequestArgs, ModerationContentPart, ModerationImageURLInput, ModerationInput,
    ModerationTextInput,
};
use base64::Engine as _;

use super::OpenAi;

/// The moderation model.
pub const MODERATION_MODEL: &str = "omni-moderation-latest";

/// One image to make.
#[derive(Debug, Clone)]
pub struct ImageAsk {
    pub model: String,
    pub prompt: String,
    /// The photo to edit (PNG); `None`: generate from the prompt alone.
    pub photo_png: Option<Vec<u8>>,
    pub quality: String,
    pub background: String,
    pub output_format: String,
    pub size: String,
    /// In-between pictures to stream (0: one plain call).
    pub partial_images: u8,
}

/// One in-between picture of a streamed call, as the service sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartialImage {
    /// 0-based, in the order sent.
    pub index: u8,
    /// The picture's bytes (in the asked format).
    pub bytes: Vec<u8>,
}

/// Where a streamed call hands its in-between pictures (a closed receiver is no error: the
/// call goes on to the final picture).
pub type PartialSender = tokio::sync::mpsc::UnboundedSender<PartialImage>;

/// Why a call made nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    /// The service refused the content (its own moderation).
    #[error("{message}")]
    Refused { status: u16, message: String },
    /// A passing trouble: rate limited, overloaded, timed out, connection lost.
    #[error("{message}")]
    Transient {
        status: Option<u16>,
        message: String,
    },
    /// Anything else (a bad request, a bad key, an answer we cannot read).
    #[error("{message}")]
    Failed {
        status: Option<u16>,
        message: String,
    },
}

impl CallError {
    /// The HTTP status the service answered, if it answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Refused { status, .. } => Some(*status),
            Self::Transient { status, .. } | Self::Failed { status, .. } => *status,
        }
    }
}

/// Sorts an error of the client.
fn classify(e: OpenAIError) -> CallError {
    match e {
        OpenAIError::ApiError(answer) => {
            let status = answer.status_code.as_u16();
            let code = answer.api_error.code.clone().unwrap_or_default();
            let message = answer.api_error.message.clone();
            if status == 429 || status >= 500 {
                CallError::Transient {
                    status: Some(status),
                    message,
                }
            } else if status == 400
                && (code.contains("moderation") || code.contains("content_policy"))
            {
                CallError::Refused { status, message }
            } else {
                CallError::Failed {
                    status: Some(status),
                    message,
                }
            }
        }
        OpenAIError::Reqwest(e) => CallError::Transient {
            status: e.status().map(|s| s.as_u16()),
            message: if e.is_timeout() {
                "OpenAI did not answer in time".to_owned()
            } else {
                format!("OpenAI could not be reached: {e}")
            },
        },
        // An `error` event in a stream (it is not one of the events the client knows).
        OpenAIError::JSONDeserialize(_, content) => stream_error(&content),
        OpenAIError::StreamError(e) => CallError::Transient {
            status: None,
            message: format!("OpenAI's stream broke off: {e}"),
        },
        other => CallError::Failed {
            status: None,
            message: other.to_string(),
        },
    }
}

/// Sorts an event of a stream the client could not read: an `error` event says what went
/// wrong (a refusal of the content, or the service's own trouble); anything else is an answer
/// we cannot use.
fn stream_error(content: &str) -> CallError {
    let event: serde_json::Value = serde_json::from_str(content).unwrap_or_default();
    let error = if event["type"] == "error" {
        &event["error"]
    } else {
        &event
    };
    let code = error["code"].as_str().unwrap_or_default();
    let kind = error["type"].as_str().unwrap_or_default();
    let Some(message) = error["message"].as_str().map(str::to_owned) else {
        return CallError::Failed {
            status: None,
            message: "OpenAI answered an event we cannot read".to_owned(),
        };
    };
    if code.contains("moderation") || code.contains("content_policy") {
        CallError::Refused {
            status: 400,
            message,
        }
    } else if kind == "server_error" || code == "server_error" || code.contains("rate_limit") {
        CallError::Transient {
            status: None,
            message,
        }
    } else {
        CallError::Failed {
            status: None,
            message,
        }
    }
}

/// A parameter given as its API name, as the client's type.
fn param<T: serde::de::DeserializeOwned>(value: &str) -> Result<T, CallError> {
    serde_json::from_value(serde_json::Value::String(value.to_owned())).map_err(|_| {
        CallError::Failed {
            status: None,
            message: format!("`{value}` is not a value the image API takes"),
        }
    })
}

/// A picture sent as base64.
fn decode_b64(b64: &str) -> Result<Vec<u8>, CallError> {
    base64::engine::general_purpose::STANDARD
        .decode(b64.as_bytes())
        .map_err(|_| CallError::Failed {
            status: None,
            message: "OpenAI answered a picture that is not valid base64".to_owned(),
        })
}

/// One event of a streamed call, whichever endpoint sent it.
enum Streamed {
    Partial { index: u8, b64: String },
    Completed { b64: String },
}

impl From<ImageGenStreamEvent> for Streamed {
    fn from(event: ImageGenStreamEvent) -> Self {
        match event {
            ImageGenStreamEvent::PartialImage(p) => Self::Partial {
                index: p.partial_image_index,
                b64: p.b64_json,
            },
            ImageGenStreamEvent::Completed(c) => Self::Completed { b64: c.b64_json },
        }
    }
}

impl From<ImageEditStreamEvent> for Streamed {
    fn from(event: ImageEditStreamEvent) -> Self {
        match event {
            ImageEditStreamEvent::PartialImage(p) => Self::Partial {
                index: p.partial_image_index,
                b64: p.b64_json,
            },
            ImageEditStreamEvent::Completed(c) => Self::Completed { b64: c.b64_json },
        }
    }
}

/// Reads a stream to its final picture, handing each in-between one to `partials`.
async fn final_picture<E: Into<Streamed>>(
    mut stream: async_openai::types::stream::StreamResponse<E>,
    partials: Option<&PartialSender>,
) -> Result<Vec<u8>, CallError> {
    use futures::StreamExt;
    while let Some(event) = stream.next().await {
        match event.map_err(classify)?.into() {
            Streamed::Partial { index, b64 } => {
                if let Some(to) = partials {
                    let bytes = decode_b64(&b64)?;
                    let _ = to.send(PartialImage { index, bytes });
                }
            }
            Streamed::Completed { b64 } => return decode_b64(&b64),
        }
    }
    Err(CallError::Transient {
        status: None,
        message: "OpenAI's stream ended before the picture".to_owned(),
    })
}

/// The first picture of an answer, decoded from base64.
fn picture(answer: &ImagesResponse) -> Result<Vec<u8>, CallError> {
    let bad = |message: &str| CallError::Failed {
        status: None,
        message: message.to_owned(),
    };
    match answer.data.first().map(|i| i.as_ref()) {
        Some(Image::B64Json { b64_json, .. }) => decode_b64(b64_json),
        Some(Image::Url { .. }) => Err(bad("OpenAI answered a link instead of the picture")),
        None => Err(bad("OpenAI answered no picture")),
    }
}

/// The parameters of an image call, as the client's types.
struct Typed {
    quality: ImageQuality,
    background: ImageBackground,
    output_format: ImageOutputFormat,
    size: ImageSize,
}

impl Typed {
    fn of(ask: &ImageAsk) -> Result<Self, CallError> {
        Ok(Self {
            quality: param(&ask.quality)?,
            background: param(&ask.background)?,
            output_format: param(&ask.output_format)?,
            size: param(&ask.size)?,
        })
    }
}

impl OpenAi {
    /// Makes the picture `ask` describes: an edit of its photo, or a new picture. Returns the
    /// picture's bytes (in the asked format). With `ask.partial_images` above 0 the call is
    /// streamed and each in-between picture is handed to `partials` as it arrives.
    pub async fn image(
        &self,
        ask: &ImageAsk,
        partials: Option<&PartialSender>,
    ) -> Result<Vec<u8>, CallError> {
        let model = ImageModel::Other(ask.model.clone());
        let typed = Typed::of(ask)?;
        let streamed = ask.partial_images > 0;
        match &ask.photo_png {
            None => {
                let mut args = CreateImageRequestArgs::default();
                args.prompt(ask.prompt.clone())
                    .model(model)
                    .n(1)
                    .quality(typed.quality)
                    .background(typed.background)
                    .output_format(typed.output_format)
                    .size(typed.size);
                if streamed {
                    args.partial_images(ask.partial_images);
                }
                let request = args.build().map_err(classify)?;
                if streamed {
                    let stream = self
                        .client
                        .images()
                        .generate_stream(request)
                        .await
                        .map_err(classify)?;
                    final_picture(stream, partials).await
                } else {
                    picture(
                        &self
                            .client
                            .images()
                            .generate(request)
                            .await
                            .map_err(classify)?,
                    )
                }
            }
            Some(photo) => {
                let photo = ImageInput::from_vec_u8("photo.png".to_owned(), photo.clone());
                let mut args = CreateImageEditRequestArgs::default();
                args.image(ImageEditInput::Image(photo))
                    .prompt(ask.prompt.clone())
                    .model(model)
                    .n(1)
                    .quality(typed.quality)
                    .background(typed.background)
                    .output_format(typed.output_format)
                    .size(typed.size);
                if streamed {
                    args.partial_images(ask.partial_images);
                }
                let request = args.build().map_err(classify)?;
                if streamed {
                    let stream = self
                        .client
                        .images()
                        .edit_stream(request)
                        .await
                        .map_err(classify)?;
                    final_picture(stream, partials).await
                } else {
                    picture(&self.client.images().edit(request).await.map_err(classify)?)
                }
            }
        }
    }

    /// Asks the moderation model about `text` and, when given, a picture (`jpeg`, sent inline
    /// as a data URL): the categories it flagged (empty: allowed).
    pub async fn moderate(
        &self,
        text: &str,
        jpeg: Option<&[u8]>,
    ) -> Result<Vec<String>, CallError> {
        let input = match jpeg {
            None => ModerationInput::String(text.to_owned()),
            Some(bytes) => {
                let mut parts = Vec::new();
                if !text.trim().is_empty() {
                    parts.push(ModerationContentPart::Text(ModerationTextInput {
                        text: text.to_owned(),
                    }));
                }
                parts.push(ModerationContentPart::ImageUrl(ModerationImageURLInput {
                    image_url: format!(
                        "data:image/jpeg;base64,{}",
                        base64::engine::general_purpose::STANDARD.encode(bytes)
                    ),
                }));
                ModerationInput::MultiModal(parts)
            }
        };
        let request = CreateModerationRequestArgs::default()
            .input(input)
            .model(MODERATION_MODEL)
            .build()
            .map_err(classify)?;
        let answer = self
            .client
            .moderations()
            .create(request)
            .await
            .map_err(classify)?;
        let mut flagged = Vec::new();
        for result in answer.results.iter().filter(|r| r.flagged) {
            let categories = serde_json::to_value(&result.categories).unwrap_or_default();
            if let Some(map) = categories.as_object() {
                flagged.extend(
                    map.iter()
                        .filter(|(_, v)| v.as_bool() == Some(true))
                        .map(|(k, _)| k.clone()),
                );
            }
            if flagged.is_empty() {
                flagged.push("unspecified".to_owned());
            }
        }
        Ok(flagged)
    }
}
