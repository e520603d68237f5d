//! The OpenAI client Daydream uses: one configured `async_openai::Client` (key and base URL
//! from the configuration, so tests point it at a fake server on loopback) and the calls the
//! domain makes through it.

use std::sync::Arc;
use std::time::Duration;

use async_openai::Client;
use async_openai::config::OpenAIConfig;
use async_openai::types::embeddings::{CreateEmbeddingRequestArgs, EmbeddingInput};
use secrecy::{ExposeSecret, SecretString};

/// The embedding model, and the vector length asked of it (`text-embedding-3-*` shorten their
/// vectors on request; 256 keeps a product's vector at 1 KiB with little loss in ranking).
pub const EMBEDDING_MODEL: &str = "text-embedding-3-small";
pub const EMBEDDING_DIMENSIONS: u32 = 256;

/// Inputs sent in one embeddings request (the API takes up to 2 048).
pub const EMBEDDING_BATCH: usize = 128;

/// How the client behaves beyond its key and address.
#[derive(Debug, Clone)]
pub struct OpenAiSettings {
    /// The image model (`DAYDREAM_OPENAI_IMAGE_MODEL`).
    pub image_model: String,
    /// How long one call may take before it counts as a timeout.
    pub timeout: Duration,
    /// Failures in a row that open the circuit, and how long it stays open.
    pub breaker_failures: u32,
    pub breaker_pause: Duration,
    /// Tries of one image call (the first and the retries), and the wait before the first
    /// retry (doubling after each).
    pub attempts: u32,
    pub backoff: Duration,
    /// In-between pictures asked of each image call (0–3): with any, the call is streamed and
    /// each one is shown on the job's page as it arrives; 0: one plain call.
    pub partial_images: u8,
}

impl Default for OpenAiSettings {
    fn default() -> Self {
        Self {
            // `gpt-image-1` was retired in October 2026; its successor in the same family.
            image_model: "gpt-image-1.5".to_owned(),
            timeout: Duration::from_secs(90),
            breaker_failures: 5,
            breaker_pause: Duration::from_secs(30),
            attempts: 3,
            backoff: Duration::from_secs(1),
            partial_images: 2,
        }
    }
}

/// A configured OpenAI client; cheap to clone. Every clone shares one circuit breaker.
#[derive(Clone)]
pub struct OpenAi {
    pub(super) client: Client<OpenAIConfig>,
    settings: OpenAiSettings,
    breaker: Arc<super::circuit::CircuitBreaker>,
}

impl std::fmt::Debug for OpenAi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OpenAi { .. }")
    }
}

impl OpenAi {
    /// A client for `api_key`, at `base_url` (e.g. `https://api.openai.com/v1`) when given.
    pub fn new(
        api_key: &SecretString,
        base_url: Option<&str>,
        settings: OpenAiSettings,
    ) -> anyhow::Result<Self> {
        crate::tls::install_crypto_provider();
        let mut config = OpenAIConfig::new().with_api_key(api_key.expose_secret());
        if let Some(base) = base_url {
            config = config.with_api_base(base.trim_end_matches('/'));
        }
        // A stuck connection must not hold a job's worker for ever; the job retries instead.
        let http = reqwest::Client::builder()
            .connect_timeout(std::time::Duration::from_secs(10))
            .timeout(settings.timeout)
            .build()?;
        let breaker = Arc::new(super::circuit::CircuitBreaker::new(
            settings.breaker_failures,
            settings.breaker_pause,
        ));
        Ok(Self {
            client: Client::with_config(config).with_http_client(http),
            settings,
            breaker,
        })
    }

    /// The client's settings.
    pub fn settings(&self) -> &OpenAiSettings {
        &self.settings
    }

    /// The circuit breaker every call to OpenAI goes through.
    pub fn breaker(&self) -> &super::circuit::CircuitBreaker {
        &self.breaker
    }

    /// One vector of [`EMBEDDING_DIMENSIONS`] numbers per text, in the order given.
    pub async fn embed(&self, texts: Vec<String>) -> anyhow::Result<Vec<Vec<f32>>> {
        let wanted = texts.len();
        if wanted == 0 {
            return Ok(Vec::new());
        }
        let request = CreateEmbeddingRequestArgs::default()
            .model(EMBEDDING_MODEL)
            .dimensions(EMBEDDING_DIMENSIONS)
            .input(EmbeddingInput::StringArray(texts))
            .build()?;
        let mut answer = self.client.embeddings().create(request).await?;
        answer.data.sort_by_key(|e| e.index);
        let vectors: Vec<Vec<f32>> = answer.data.into_iter().map(|e| e.embedding).collect();
        if vectors.len() != wanted {
            anyhow::bail!(
                "OpenAI answered {} embeddings for {wanted} inputs",
                vectors.len()
            );
        }
        if let Some(bad) = vectors
            .iter()
            .find(|v| v.len() != EMBEDDING_DIMENSIONS as usize)
        {
            anyhow::bail!(
                "OpenAI answered a vector of {} numbers, not {EMBEDDING_DIMENSIONS}",
                bad.len()
            );
        }
        Ok(vectors)
    }
}
