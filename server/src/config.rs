//! The server's one typed configuration, read once at start from `Leptos.toml` plus the
//! environment (the environment wins). Nothing else in the code base reads the environment.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;
use serde::Deserialize;

/// Where the settings file is looked for unless `DAYDREAM_CONFIG` names another.
pub const DEFAULT_CONFIG_FILE: &str = "Leptos.toml";

/// Development or production behaviour (demo data, dev mailbox banner, logging defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

/// Human-readable or machine-readable logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Everything the server needs to know at start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address the HTTP server binds (`LEPTOS_SITE_ADDR`).
    pub site_addr: SocketAddr,
    /// The site's public origin, used for canonical URLs, Origin checks and cookie `Secure`
    /// (`DAYDREAM_PUBLIC_URL`; default `http://<site_addr>`). No trailing slash.
    pub public_url: String,
    /// Folder for the private PostgreSQL cluster and media (`DAYDREAM_DATA_DIR`).
    pub data_dir: PathBuf,
    /// Folder cargo-leptos built the static site into (`LEPTOS_SITE_ROOT`).
    pub site_root: PathBuf,
    /// Name of the generated JS/WASM/CSS bundle (`LEPTOS_OUTPUT_NAME`).
    pub output_name: String,
    pub environment: Environment,
    pub database: DatabaseConfig,
    pub log: LogConfig,
    pub jobs: JobsConfig,
    pub sessions: SessionsConfig,
    pub email: EmailConfig,
    pub openai: OpenAiConfig,
    /// Sign-in with Google and GitHub.
    pub oauth: OAuthConfig,
    /// Rate limits on sign-in, account mail and the public forms.
    pub limits: domain::rate_limit::Quotas,
    /// The shortest time between showing a public form (contact, waitlist) and sending it
    /// (`DAYDREAM_FORM_MIN_SECONDS`, default 3).
    pub form_min_fill: Duration,
    /// Megabytes of public page data cached in process (`DAYDREAM_CACHE_MB`; 0 turns the
    /// cache off, for measuring the database path).
    pub cache_megabytes: u64,
    /// What the HTTP layer accepts: body sizes, timeouts, connections, proxies.
    pub http: HttpConfig,
    /// Private media: the key that signs their addresses and how long an address lives.
    pub media: MediaConfig,
    /// The studio's daily limits per plan (`DAYDREAM_STUDIO_*`).
    pub studio: domain::studio::usage::StudioLimits,
    /// Whether production may take payments with the sandbox provider
    /// (`DAYDREAM_ALLOW_SANDBOX_PAYMENTS`; the admin then shows a warning on every page).
    pub allow_sandbox_payments: bool,
}

/// The HTTP layer's guards.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Largest request body on ordinary routes (`DAYDREAM_BODY_LIMIT_KB`, default 64 KiB).
    pub body_limit: usize,
    /// Largest request body on upload routes (`DAYDREAM_UPLOAD_LIMIT_MB`, default 16 MiB).
    pub upload_limit: usize,
    /// Time a client has to send a request header (`DAYDREAM_HEADER_TIMEOUT_SECONDS`).
    pub header_timeout: Duration,
    /// Time a request may take, body included (`DAYDREAM_REQUEST_TIMEOUT_SECONDS`).
    pub request_timeout: Duration,
    /// Connections served at once (`DAYDREAM_MAX_CONNECTIONS`).
    pub max_connections: usize,
    /// Proxies whose `X-Forwarded-For` is believed (`DAYDREAM_TRUSTED_PROXIES`: addresses or
    /// networks, comma-separated); empty: the TCP peer is the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Bearer token `/metrics` asks for (`DAYDREAM_METRICS_TOKEN`, secret); unset: `/metrics`
    /// answers only clients on loopback.
    pub metrics_token: Option<SecretString>,
}

/// Private media settings.
#[derive(Debug, Clone)]
pub struct MediaConfig {
    /// The key signing private media addresses (`DAYDREAM_MEDIA_KEY`, secret, at least 32
    /// characters). Unset: development generates one into the data folder; production refuses
    /// to start.
    pub key: Option<SecretString>,
    /// How long a signed address lives (`DAYDREAM_MEDIA_URL_SECONDS`, default 900).
    pub url_ttl: Duration,
}

/// Outgoing email settings.
#[derive(Debug, Clone)]
pub struct EmailConfig {
    /// SMTP server (`SMTP_URL`, secret); `None` keeps mail in the outbox (dev mailbox).
    pub smtp_url: Option<SecretString>,
    /// Sender (`DAYDREAM_MAIL_FROM`).
    pub from: String,
    /// Days a sent mail's body is kept before it is purged (`DAYDREAM_MAIL_RETENTION_DAYS`).
    pub retention_days: u32,
    /// Where contact-form notices go (`DAYDREAM_STAFF_INBOX`).
    pub staff_inbox: String,
}

/// Sign-in with Google and GitHub: each provider on when its client id and secret are set.
#[derive(Debug, Clone, Default)]
pub struct OAuthConfig {
    /// `GOOGLE_CLIENT_ID`, `GOOGLE_CLIENT_SECRET` (endpoints: `DAYDREAM_GOOGLE_AUTH_URL`,
    /// `DAYDREAM_GOOGLE_TOKEN_URL`, `DAYDREAM_GOOGLE_USERINFO_URL`).
    pub google: Option<domain::accounts::oauth::ProviderSettings>,
    /// `GITHUB_CLIENT_ID`, `GITHUB_CLIENT_SECRET` (endpoints: `DAYDREAM_GITHUB_AUTH_URL`,
    /// `DAYDREAM_GITHUB_TOKEN_URL`, `DAYDREAM_GITHUB_API_URL`).
    pub github: Option<domain::accounts::oauth::ProviderSettings>,
}

/// One provider's settings from `env`: `None` when neither its id nor its secret is set, an
/// error when only one is or an endpoint is not a URL.
fn oauth_provider(
    env: &HashMap<String, String>,
    name: &str,
    defaults: fn(String, String) -> domain::accounts::oauth::ProviderSettings,
    profile_var: &str,
) -> Result<Option<domain::accounts::oauth::ProviderSettings>, ConfigError> {
    let get = |var: &str| {
        env.get(var)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let (id_var, secret_var) = (format!("{name}_CLIENT_ID"), format!("{name}_CLIENT_SECRET"));
    let mut settings = match (get(&id_var), get(&secret_var)) {
        (None, None) => return Ok(None),
        (Some(id), Some(secret)) => defaults(id, secret),
        _ => {
            return Err(ConfigError::new(
                &id_var,
                format!("set both {id_var} and {secret_var}, or neither"),
            ));
        }
    };
    let endpoints = [
        (format!("DAYDREAM_{name}_AUTH_URL"), &mut settings.auth_url),
        (
            format!("DAYDREAM_{name}_TOKEN_URL"),
            &mut settings.token_url,
        ),
        (
            format!("DAYDREAM_{name}_{profile_var}"),
            &mut settings.profile_url,
        ),
    ];
    for (var, field) in endpoints {
        if let Some(url) = get(&var) {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(ConfigError::new(&var, format!("`{url}` is not a URL")));
            }
            *field = url.trim_end_matches('/').to_owned();
        }
    }
    Ok(Some(settings))
}

/// OpenAI settings; without a key the shop and studio use their local methods.
#[derive(Debug, Clone)]
pub struct OpenAiConfig {
    /// `OPENAI_API_KEY` (secret).
    pub api_key: Option<SecretString>,
    /// `OPENAI_BASE_URL`, e.g. `https://api.openai.com/v1` (tests point it at a local fake).
    pub base_url: Option<String>,
    /// The image model, timeouts, retries and circuit breaker (`DAYDREAM_OPENAI_*`).
    pub settings: domain::ai::OpenAiSettings,
}

/// Database settings.
#[derive(Debug, Clone)]
pub struct DatabaseConfig {
    /// An external database (`DATABASE_URL`); `None` runs the private cluster.
    pub url: Option<SecretString>,
    /// Connections in the pool (`DATABASE_POOL_SIZE`).
    pub pool_size: usize,
    /// How long to wait for a connection before answering 503 (`DATABASE_TIMEOUT_SECONDS`).
    pub timeout: Duration,
}

/// Logging settings.
#[derive(Debug, Clone)]
pub struct LogConfig {
    /// `LOG_FORMAT`: `text` or `json`.
    pub format: LogFormat,
    /// `RUST_LOG`-style filter.
    pub filter: String,
}

/// Background job settings.
#[derive(Debug, Clone)]
pub struct JobsConfig {
    /// Workers in this process (`DAYDREAM_JOB_WORKERS`); 0 runs none (another instance does).
    pub workers: usize,
}

/// Session settings.
#[derive(Debug, Clone)]
pub struct SessionsConfig {
    /// Inactivity after which a session expires (`DAYDREAM_SESSION_DAYS`).
    pub ttl: Duration,
    /// Age after which a session ends however active it is (`DAYDREAM_SESSION_MAX_DAYS`).
    pub max_age: Duration,
}

impl Config {
    /// Whether the public URL is https (then cookies are `Secure` and HSTS is sent).
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// A setting that could not be used; says which and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("configuration error in {source_name}: {message}")]
pub struct ConfigError {
    /// The variable or file key at fault, e.g. `LEPTOS_SITE_ADDR` or `Leptos.toml [server] site_addr`.
    pub source_name: String,
    pub message: String,
}

impl ConfigError {
    fn new(source_name: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            source_name: source_name.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    #[serde(default)]
    server: FileServer,
    #[serde(default)]
    database: FileDatabase,
    #[serde(default)]
    log: FileLog,
    #[serde(default)]
    jobs: FileJobs,
    #[serde(default)]
    sessions: FileSessions,
    #[serde(default)]
    email: FileEmail,
    #[serde(default)]
    limits: FileLimits,
    #[serde(default)]
    cache: FileCache,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCache {
    megabytes: Option<toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLimits {
    sign_in_per_minute: Option<toml::Value>,
    mails_per_hour: Option<toml::Value>,
    sign_ups_per_hour: Option<toml::Value>,
    forms_per_hour: Option<toml::Value>,
    form_min_seconds: Option<toml::Value>,
    body_kb: Option<toml::Value>,
    upload_mb: Option<toml::Value>,
    header_timeout_seconds: Option<toml::Value>,
    request_timeout_seconds: Option<toml::Value>,
    max_connections: Option<toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileEmail {
    from: Option<String>,
    staff_inbox: Option<String>,
    retention_days: Option<toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileServer {
    site_addr: Option<String>,
    public_url: Option<String>,
    data_dir: Option<String>,
    site_root: Option<String>,
    output_name: Option<String>,
    environment: Option<String>,
    trusted_proxies: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDatabase {
    pool_size: Option<toml::Value>,
    timeout_seconds: Option<toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLog {
    format: Option<String>,
    filter: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileJobs {
    workers: Option<toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSessions {
    days: Option<toml::Value>,
    max_days: Option<toml::Value>,
}

/// One setting's value and where it came from, for error messages.
struct Setting {
    value: String,
    source: String,
}

/// Looks a setting up: the environment variable first, then the file's key.
fn pick(
    env: &HashMap<String, String>,
    var: &str,
    file_key: &str,
    file_value: Option<String>,
) -> Option<Setting> {
    if let Some(v) = env.get(var).filter(|v| !v.trim().is_empty()) {
        return Some(Setting {
            value: v.trim().to_owned(),
            source: var.to_owned(),
        });
    }
    file_value.map(|value| Setting {
        value: value.trim().to_owned(),
        source: format!("{DEFAULT_CONFIG_FILE} {file_key}"),
    })
}

fn toml_scalar(v: Option<toml::Value>) -> Option<String> {
    v.map(|v| match v {
        toml::Value::String(s) => s,
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        other => format!("{other:?}"),
    })
}

fn parse_number<T>(
    setting: Option<Setting>,
    default: T,
    min: T,
    max: T,
    what: &str,
) -> Result<T, ConfigError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    let Some(s) = setting else {
        return Ok(default);
    };
    let n: T = s.value.parse().map_err(|_| {
        ConfigError::new(
            &s.source,
            format!("`{}` is not a whole number ({what})", s.value),
        )
    })?;
    if n < min || n > max {
        return Err(ConfigError::new(
            &s.source,
            format!("{n} is out of range: {what} must be between {min} and {max}"),
        ));
    }
    Ok(n)
}

/// A comma-separated list of addresses (`10.0.0.7`) and networks (`10.0.0.0/8`, `fd00::/8`).
fn parse_networks(s: &Setting) -> Result<Vec<ipnet::IpNet>, ConfigError> {
    s.value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.parse::<ipnet::IpNet>()
                .or_else(|_| item.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| {
                    ConfigError::new(
                        &s.source,
                        format!("`{item}` is not an address or a network like 10.0.0.0/8"),
                    )
                })
        })
        .collect()
}

impl Config {
    /// Reads `Leptos.toml` (or the file `DAYDREAM_CONFIG` names) and the process environment.
    pub fn load() -> Result<Self, ConfigError> {
        let env: HashMap<String, String> = std::env::vars().collect();
        let path = env
            .get("DAYDREAM_CONFIG")
            .cloned()
            .unwrap_or_else(|| DEFAULT_CONFIG_FILE.to_owned());
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound
                    && !env.contains_key("DAYDREAM_CONFIG") =>
            {
                None
            }
            Err(e) => return Err(ConfigError::new(&path, format!("cannot be read: {e}"))),
        };
        Self::from_sources(text.as_deref(), &env)
    }

    /// Builds the configuration from a settings file's text and an environment (pure; tested).
    pub fn from_sources(
        file: Option<&str>,
        env: &HashMap<String, String>,
    ) -> Result<Self, ConfigError> {
        let file: FileConfig = match file {
            Some(text) => toml::from_str(text)
                .map_err(|e| ConfigError::new(DEFAULT_CONFIG_FILE, e.message().to_owned()))?,
            None => FileConfig::default(),
        };

        let site_addr = match pick(
            env,
            "LEPTOS_SITE_ADDR",
            "[server] site_addr",
            file.server.site_addr,
        ) {
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
            Some(s) => s.value.parse().map_err(|_| {
                ConfigError::new(
                    &s.source,
                    format!(
                        "`{}` is not an address with a port, like 127.0.0.1:3000",
                        s.value
                    ),
                )
            })?,
        };

        let public_url = match pick(
            env,
            "DAYDREAM_PUBLIC_URL",
            "[server] public_url",
            file.server.public_url,
        ) {
            None => format!("http://{site_addr}"),
            Some(s) => {
                let url = s.value.trim_end_matches('/').to_owned();
                let rest = url
                    .strip_prefix("https://")
                    .or_else(|| url.strip_prefix("http://"))
                    .unwrap_or("");
                if rest.is_empty() || rest.contains('/') || rest.contains(char::is_whitespace) {
                    return Err(ConfigError::new(
                        &s.source,
                        format!(
                            "`{}` is not an origin like https://shop.example.com",
                            s.value
                        ),
                    ));
                }
                url
            }
        };

        let data_dir = pick(
            env,
            "DAYDREAM_DATA_DIR",
            "[server] data_dir",
            file.server.data_dir,
        )
        .map_or_else(|| PathBuf::from(".data"), |s| PathBuf::from(s.value));
        let site_root = pick(
            env,
            "LEPTOS_SITE_ROOT",
            "[server] site_root",
            file.server.site_root,
        )
        .map_or_else(|| PathBuf::from("target/site"), |s| PathBuf::from(s.value));
        let output_name = pick(
            env,
            "LEPTOS_OUTPUT_NAME",
            "[server] output_name",
            file.server.output_name,
        )
        .map_or_else(|| "daydream".to_owned(), |s| s.value);

        let environment = match pick(
            env,
            "DAYDREAM_ENV",
            "[server] environment",
            file.server.environment,
        ) {
            // Safe by default: production refuses demo data and the sandbox payments; `make
            // run` asks for development explicitly.
            None => Environment::Production,
            Some(s) => match s.value.to_ascii_lowercase().as_str() {
                "development" | "dev" => Environment::Development,
                "production" | "prod" => Environment::Production,
                _ => {
                    return Err(ConfigError::new(
                        &s.source,
                        format!("`{}` is neither `development` nor `production`", s.value),
                    ));
                }
            },
        };

        let url = env
            .get("DATABASE_URL")
            .filter(|v| !v.trim().is_empty())
            .map(|v| SecretString::from(v.trim().to_owned()));
        let pool_size = parse_number(
            pick(
                env,
                "DATABASE_POOL_SIZE",
                "[database] pool_size",
                toml_scalar(file.database.pool_size),
            ),
            16usize,
            1,
            1000,
            "the pool size",
        )?;
        let timeout_seconds = parse_number(
            pick(
                env,
                "DATABASE_TIMEOUT_SECONDS",
                "[database] timeout_seconds",
                toml_scalar(file.database.timeout_seconds),
            ),
            5u64,
            1,
            300,
            "the database timeout in seconds",
        )?;

        let format = match pick(env, "LOG_FORMAT", "[log] format", file.log.format) {
            None => LogFormat::Text,
            Some(s) => match s.value.to_ascii_lowercase().as_str() {
                "text" => LogFormat::Text,
                "json" => LogFormat::Json,
                _ => {
                    return Err(ConfigError::new(
                        &s.source,
                        format!("`{}` is neither `text` nor `json`", s.value),
                    ));
                }
            },
        };
        let filter = pick(env, "RUST_LOG", "[log] filter", file.log.filter)
            .map_or_else(|| "info".to_owned(), |s| s.value);

        let workers = parse_number(
            pick(
                env,
                "DAYDREAM_JOB_WORKERS",
                "[jobs] workers",
                toml_scalar(file.jobs.workers),
            ),
            2usize,
            0,
            64,
            "the number of job workers",
        )?;
        let days = parse_number(
            pick(
                env,
                "DAYDREAM_SESSION_DAYS",
                "[sessions] days",
                toml_scalar(file.sessions.days),
            ),
            14u64,
            1,
            365,
            "the session lifetime in days",
        )?;

        let smtp_url = env
            .get("SMTP_URL")
            .filter(|v| !v.trim().is_empty())
            .map(|v| SecretString::from(v.trim().to_owned()));
        let from = pick(env, "DAYDREAM_MAIL_FROM", "[email] from", file.email.from).map_or_else(
            || "Daydream <no-reply@daydream.localhost>".to_owned(),
            |s| s.value,
        );
        if !from.contains('@') {
            return Err(ConfigError::new(
                "DAYDREAM_MAIL_FROM",
                format!("`{from}` is not an address like `Daydream <hello@example.com>`"),
            ));
        }

        let staff_inbox = pick(
            env,
            "DAYDREAM_STAFF_INBOX",
            "[email] staff_inbox",
            file.email.staff_inbox,
        )
        .map_or_else(|| "staff@daydream.localhost".to_owned(), |s| s.value);
        if !staff_inbox.contains('@') || staff_inbox.contains('<') {
            return Err(ConfigError::new(
                "DAYDREAM_STAFF_INBOX",
                format!("`{staff_inbox}` is not a plain address like `hello@example.com`"),
            ));
        }

        let oauth = OAuthConfig {
            google: oauth_provider(
                env,
                "GOOGLE",
                domain::accounts::oauth::ProviderSettings::google,
                "USERINFO_URL",
            )?,
            github: oauth_provider(
                env,
                "GITHUB",
                domain::accounts::oauth::ProviderSettings::github,
                "API_URL",
            )?,
        };

        let api_key = env
            .get("OPENAI_API_KEY")
            .filter(|v| !v.trim().is_empty())
            .map(|v| SecretString::from(v.trim().to_owned()));
        let base_url = env
            .get("OPENAI_BASE_URL")
            .map(|v| v.trim().trim_end_matches('/').to_owned())
            .filter(|v| !v.is_empty());
        if let Some(url) = &base_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err(ConfigError::new(
                "OPENAI_BASE_URL",
                format!("`{url}` is not a URL like https://api.openai.com/v1"),
            ));
        }

        let ai_defaults = domain::ai::OpenAiSettings::default();
        let image_model = env
            .get("DAYDREAM_OPENAI_IMAGE_MODEL")
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .unwrap_or(ai_defaults.image_model);
        if image_model.len() > 100
            || !image_model
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
        {
            return Err(ConfigError::new(
                "DAYDREAM_OPENAI_IMAGE_MODEL",
                format!("`{image_model}` is not a model id like gpt-image-1.5"),
            ));
        }
        let openai_settings = domain::ai::OpenAiSettings {
            image_model,
            timeout: Duration::from_secs(parse_number(
                pick(env, "DAYDREAM_OPENAI_TIMEOUT_SECONDS", "-", None),
                ai_defaults.timeout.as_secs(),
                1,
                600,
                "the seconds one OpenAI call may take",
            )?),
            breaker_failures: parse_number(
                pick(env, "DAYDREAM_OPENAI_BREAKER_FAILURES", "-", None),
                ai_defaults.breaker_failures,
                1,
                1000,
                "the OpenAI failures in a row that open the circuit",
            )?,
            breaker_pause: Duration::from_secs(parse_number(
                pick(env, "DAYDREAM_OPENAI_BREAKER_PAUSE_SECONDS", "-", None),
                ai_defaults.breaker_pause.as_secs(),
                1,
                3600,
                "the seconds the OpenAI circuit stays open",
            )?),
            attempts: parse_number(
                pick(env, "DAYDREAM_OPENAI_ATTEMPTS", "-", None),
                ai_defaults.attempts,
                1,
                10,
                "the tries of one OpenAI image call",
            )?,
            backoff: Duration::from_millis(parse_number(
                pick(env, "DAYDREAM_OPENAI_BACKOFF_MS", "-", None),
                u64::try_from(ai_defaults.backoff.as_millis()).unwrap_or(1000),
                0,
                60_000,
                "the milliseconds before the first OpenAI retry",
            )?),
            partial_images: parse_number(
                pick(env, "DAYDREAM_OPENAI_PARTIAL_IMAGES", "-", None),
                ai_defaults.partial_images,
                0,
                3,
                "the in-between pictures asked of each OpenAI image call (0 to 3)",
            )?,
        };

        let defaults = domain::rate_limit::Quotas::default();
        let limits = domain::rate_limit::Quotas {
            sign_in_per_minute: parse_number(
                pick(
                    env,
                    "DAYDREAM_SIGN_IN_PER_MINUTE",
                    "[limits] sign_in_per_minute",
                    toml_scalar(file.limits.sign_in_per_minute),
                ),
                defaults.sign_in_per_minute,
                1,
                100_000,
                "the sign-in attempts allowed a minute",
            )?,
            mails_per_hour: parse_number(
                pick(
                    env,
                    "DAYDREAM_MAILS_PER_HOUR",
                    "[limits] mails_per_hour",
                    toml_scalar(file.limits.mails_per_hour),
                ),
                defaults.mails_per_hour,
                1,
                100_000,
                "the account mails allowed an hour per address",
            )?,
            sign_ups_per_hour: parse_number(
                pick(
                    env,
                    "DAYDREAM_SIGN_UPS_PER_HOUR",
                    "[limits] sign_ups_per_hour",
                    toml_scalar(file.limits.sign_ups_per_hour),
                ),
                defaults.sign_ups_per_hour,
                1,
                100_000,
                "the sign-ups allowed an hour per client",
            )?,
            coupons_per_minute: defaults.coupons_per_minute,
            forms_per_hour: parse_number(
                pick(
                    env,
                    "DAYDREAM_FORMS_PER_HOUR",
                    "[limits] forms_per_hour",
                    toml_scalar(file.limits.forms_per_hour),
                ),
                defaults.forms_per_hour,
                1,
                100_000,
                "the contact and waitlist posts allowed an hour per address",
            )?,
        };

        let form_min_seconds = parse_number(
            pick(
                env,
                "DAYDREAM_FORM_MIN_SECONDS",
                "[limits] form_min_seconds",
                toml_scalar(file.limits.form_min_seconds),
            ),
            3u64,
            0,
            600,
            "the seconds a person takes at least to fill a public form",
        )?;
        let retention_days = parse_number(
            pick(
                env,
                "DAYDREAM_MAIL_RETENTION_DAYS",
                "[email] retention_days",
                toml_scalar(file.email.retention_days),
            ),
            7u32,
            1,
            3650,
            "the days a sent mail's body is kept",
        )?;
        let max_days = parse_number(
            pick(
                env,
                "DAYDREAM_SESSION_MAX_DAYS",
                "[sessions] max_days",
                toml_scalar(file.sessions.max_days),
            ),
            30u64,
            1,
            365,
            "the longest a session lives, in days",
        )?;
        let http = HttpConfig {
            body_limit: parse_number(
                pick(
                    env,
                    "DAYDREAM_BODY_LIMIT_KB",
                    "[limits] body_kb",
                    toml_scalar(file.limits.body_kb),
                ),
                64usize,
                1,
                1024 * 1024,
                "the largest request body in KiB",
            )? * 1024,
            upload_limit: parse_number(
                pick(
                    env,
                    "DAYDREAM_UPLOAD_LIMIT_MB",
                    "[limits] upload_mb",
                    toml_scalar(file.limits.upload_mb),
                ),
                16usize,
                1,
                4096,
                "the largest upload in MiB",
            )? * 1024
                * 1024,
            header_timeout: Duration::from_secs(parse_number(
                pick(
                    env,
                    "DAYDREAM_HEADER_TIMEOUT_SECONDS",
                    "[limits] header_timeout_seconds",
                    toml_scalar(file.limits.header_timeout_seconds),
                ),
                10u64,
                1,
                600,
                "the seconds a client has to send a request header",
            )?),
            request_timeout: Duration::from_secs(parse_number(
                pick(
                    env,
                    "DAYDREAM_REQUEST_TIMEOUT_SECONDS",
                    "[limits] request_timeout_seconds",
                    toml_scalar(file.limits.request_timeout_seconds),
                ),
                30u64,
                1,
                3600,
                "the seconds a request may take",
            )?),
            max_connections: parse_number(
                pick(
                    env,
                    "DAYDREAM_MAX_CONNECTIONS",
                    "[limits] max_connections",
                    toml_scalar(file.limits.max_connections),
                ),
                1024usize,
                1,
                1_000_000,
                "the connections served at once",
            )?,
            trusted_proxies: match pick(
                env,
                "DAYDREAM_TRUSTED_PROXIES",
                "[server] trusted_proxies",
                file.server.trusted_proxies,
            ) {
                None => Vec::new(),
                Some(s) => parse_networks(&s)?,
            },
            metrics_token: env
                .get("DAYDREAM_METRICS_TOKEN")
                .filter(|v| !v.trim().is_empty())
                .map(|v| SecretString::from(v.trim().to_owned())),
        };
        if http.metrics_token.as_ref().is_some_and(|t| {
            use secrecy::ExposeSecret;
            t.expose_secret().len() < 16
        }) {
            return Err(ConfigError::new(
                "DAYDREAM_METRICS_TOKEN",
                "the token must be at least 16 characters long",
            ));
        }
        let allow_sandbox_payments = match pick(env, "DAYDREAM_ALLOW_SANDBOX_PAYMENTS", "-", None) {
            None => false,
            Some(s) => match s.value.to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" => true,
                "false" | "0" | "no" => false,
                _ => {
                    return Err(ConfigError::new(
                        &s.source,
                        format!("`{}` is neither `true` nor `false`", s.value),
                    ));
                }
            },
        };

        let media_key = env
            .get("DAYDREAM_MEDIA_KEY")
            .filter(|v| !v.trim().is_empty())
            .map(|v| SecretString::from(v.trim().to_owned()));
        if media_key.as_ref().is_some_and(|k| {
            use secrecy::ExposeSecret;
            k.expose_secret().len() < domain::media::signing::MIN_KEY_BYTES
        }) {
            return Err(ConfigError::new(
                "DAYDREAM_MEDIA_KEY",
                "the key must be at least 32 characters long (try `openssl rand -hex 32`)",
            ));
        }
        let media = MediaConfig {
            key: media_key,
            url_ttl: Duration::from_secs(parse_number(
                pick(env, "DAYDREAM_MEDIA_URL_SECONDS", "-", None),
                900,
                30,
                7 * 24 * 60 * 60,
                "the seconds a private media address lives",
            )?),
        };

        let daily = |var: &str, default: u32, what: &str| {
            parse_number(pick(env, var, "-", None), default, 0, 100_000, what)
        };
        let defaults = domain::studio::usage::StudioLimits::default();
        let studio = domain::studio::usage::StudioLimits {
            uploads: domain::studio::usage::DailyLimits {
                free: daily(
                    "DAYDREAM_STUDIO_UPLOADS_FREE",
                    defaults.uploads.free,
                    "photos a free member uploads a day",
                )?,
                premium: daily(
                    "DAYDREAM_STUDIO_UPLOADS_PREMIUM",
                    defaults.uploads.premium,
                    "photos a premium member uploads a day",
                )?,
            },
            jobs: domain::studio::usage::DailyLimits {
                free: daily(
                    "DAYDREAM_STUDIO_JOBS_FREE",
                    defaults.jobs.free,
                    "styling jobs a free member runs a day",
                )?,
                premium: daily(
                    "DAYDREAM_STUDIO_JOBS_PREMIUM",
                    defaults.jobs.premium,
                    "styling jobs a premium member runs a day",
                )?,
            },
        };

        let cache_megabytes = parse_number(
            pick(
                env,
                "DAYDREAM_CACHE_MB",
                "[cache] megabytes",
                toml_scalar(file.cache.megabytes),
            ),
            64,
            0,
            65_536,
            "the megabytes of page data kept in memory",
        )?;

        Ok(Self {
            studio,
            cache_megabytes,
            site_addr,
            public_url,
            data_dir,
            site_root,
            output_name,
            environment,
            database: DatabaseConfig {
                url,
                pool_size,
                timeout: Duration::from_secs(timeout_seconds),
            },
            log: LogConfig { format, filter },
            jobs: JobsConfig { workers },
            sessions: SessionsConfig {
                ttl: Duration::from_secs(days * 24 * 60 * 60),
                max_age: Duration::from_secs(max_days * 24 * 60 * 60),
            },
            email: EmailConfig {
                smtp_url,
                from,
                retention_days,
                staff_inbox,
            },
            form_min_fill: Duration::from_secs(form_min_seconds),
            http,
            media,
            allow_sandbox_payments,
            openai: OpenAiConfig {
                api_key,
                base_url,
                settings: openai_settings,
            },
            oauth,
            limits,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn defaults_need_no_configuration() {
        let c = Config::from_sources(None, &env(&[])).unwrap();
        assert_eq!(c.site_addr, "127.0.0.1:3000".parse().unwrap());
        assert_eq!(c.public_url, "http://127.0.0.1:3000");
        assert_eq!(c.data_dir, PathBuf::from(".data"));
        assert!(c.database.url.is_none());
        assert_eq!(c.log.format, LogFormat::Text);
        assert_eq!(c.jobs.workers, 2);
        assert_eq!(c.environment, Environment::Production, "safe by default");
        assert!(!c.allow_sandbox_payments);
        assert_eq!(c.http.body_limit, 64 * 1024);
        assert_eq!(c.http.header_timeout, Duration::from_secs(10));
        assert!(c.http.trusted_proxies.is_empty());
        assert_eq!(c.sessions.max_age, Duration::from_secs(30 * 24 * 60 * 60));
        assert_eq!(c.email.retention_days, 7);
        assert_eq!(c.limits, domain::rate_limit::Quotas::default());
        assert!(c.openai.api_key.is_none() && c.openai.base_url.is_none());
        assert!(!c.is_https());
    }

    #[test]
    fn rate_limits_are_configurable_and_checked() {
        let c = Config::from_sources(
            Some("[limits]\nmails_per_hour = 5\n"),
            &env(&[("DAYDREAM_SIGN_IN_PER_MINUTE", "1000")]),
        )
        .unwrap();
        assert_eq!(c.limits.sign_in_per_minute, 1000);
        assert_eq!(c.limits.mails_per_hour, 5);
        let e =
            Config::from_sources(None, &env(&[("DAYDREAM_SIGN_IN_PER_MINUTE", "0")])).unwrap_err();
        assert_eq!(e.source_name, "DAYDREAM_SIGN_IN_PER_MINUTE");
    }

    #[test]
    fn http_guards_and_proxies_are_configurable_and_checked() {
        let c = Config::from_sources(
            Some("[limits]\nbody_kb = 128\n"),
            &env(&[
                ("DAYDREAM_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1,fd00::/8"),
                ("DAYDREAM_MAX_CONNECTIONS", "50"),
                ("DAYDREAM_ALLOW_SANDBOX_PAYMENTS", "true"),
            ]),
        )
        .unwrap();
        assert_eq!(c.http.body_limit, 128 * 1024);
        assert_eq!(c.http.max_connections, 50);
        assert_eq!(c.http.trusted_proxies.len(), 3);
        assert!(c.allow_sandbox_payments);
        let e = Config::from_sources(None, &env(&[("DAYDREAM_TRUSTED_PROXIES", "10.0.0.0/33")]))
            .unwrap_err();
        assert_eq!(e.source_name, "DAYDREAM_TRUSTED_PROXIES");
        let e =
            Config::from_sources(None, &env(&[("DAYDREAM_METRICS_TOKEN", "short")])).unwrap_err();
        assert_eq!(e.source_name, "DAYDREAM_METRICS_TOKEN");
        assert!(
            Config::from_sources(None, &env(&[("DAYDREAM_ALLOW_SANDBOX_PAYMENTS", "maybe")]))
                .is_err()
        );
    }

    #[test]
    fn environment_wins_over_the_file() {
        let file = "[server]\nsite_addr = \"127.0.0.1:4000\"\ndata_dir = \"/srv/dd\"\n[jobs]\nworkers = 3\n";
        let c = Config::from_sources(
            Some(file),
            &env(&[
                ("LEPTOS_SITE_ADDR", "0.0.0.0:8080"),
                ("DAYDREAM_JOB_WORKERS", "5"),
            ]),
        )
        .unwrap();
        assert_eq!(c.site_addr, "0.0.0.0:8080".parse().unwrap());
        assert_eq!(c.data_dir, PathBuf::from("/srv/dd"));
        assert_eq!(c.jobs.workers, 5);
    }

    #[test]
    fn a_bad_address_names_the_variable() {
        let e = Config::from_sources(None, &env(&[("LEPTOS_SITE_ADDR", "localhost")])).unwrap_err();
        assert_eq!(e.source_name, "LEPTOS_SITE_ADDR");
        assert!(e.message.contains("localhost"), "{e}");
    }

    #[test]
    fn a_bad_number_in_the_file_names_the_key() {
        let e = Config::from_sources(Some("[database]\npool_size = 0\n"), &env(&[])).unwrap_err();
        assert_eq!(e.source_name, "Leptos.toml [database] pool_size");
        let e = Config::from_sources(None, &env(&[("DATABASE_POOL_SIZE", "many")])).unwrap_err();
        assert_eq!(e.source_name, "DATABASE_POOL_SIZE");
    }

    #[test]
    fn unknown_keys_and_bad_toml_are_rejected() {
        assert!(Config::from_sources(Some("[server]\nsite_adr = \"x\"\n"), &env(&[])).is_err());
        assert!(Config::from_sources(Some("[server"), &env(&[])).is_err());
    }

    #[test]
    fn log_format_and_environment_are_closed_sets() {
        let c = Config::from_sources(
            None,
            &env(&[("LOG_FORMAT", "JSON"), ("DAYDREAM_ENV", "production")]),
        )
        .unwrap();
        assert_eq!(c.log.format, LogFormat::Json);
        assert_eq!(c.environment, Environment::Production);
        assert!(Config::from_sources(None, &env(&[("LOG_FORMAT", "xml")])).is_err());
        assert!(Config::from_sources(None, &env(&[("DAYDREAM_ENV", "staging")])).is_err());
    }

    #[test]
    fn public_url_must_be_an_origin() {
        let c = Config::from_sources(
            None,
            &env(&[("DAYDREAM_PUBLIC_URL", "https://shop.example.com/")]),
        )
        .unwrap();
        assert_eq!(c.public_url, "https://shop.example.com");
        assert!(c.is_https());
        assert!(
            Config::from_sources(None, &env(&[("DAYDREAM_PUBLIC_URL", "shop.example.com")]))
                .is_err()
        );
        assert!(
            Config::from_sources(None, &env(&[("DAYDREAM_PUBLIC_URL", "https://x.com/shop")]))
                .is_err()
        );
    }

    #[test]
    fn the_media_key_is_secret_and_long_enough() {
        let c = Config::from_sources(None, &env(&[])).unwrap();
        assert!(c.media.key.is_none());
        assert_eq!(c.media.url_ttl, Duration::from_secs(900));
        let key = "k".repeat(32);
        let c = Config::from_sources(
            None,
            &env(&[
                ("DAYDREAM_MEDIA_KEY", key.as_str()),
                ("DAYDREAM_MEDIA_URL_SECONDS", "60"),
            ]),
        )
        .unwrap();
        assert_eq!(c.media.key.unwrap().expose_secret(), key);
        assert_eq!(c.media.url_ttl, Duration::from_secs(60));
        assert!(
            !format!(
                "{:?}",
                Config::from_sources(None, &env(&[("DAYDREAM_MEDIA_KEY", key.as_str())])).unwrap()
            )
            .contains(&key)
        );
        let short = Config::from_sources(None, &env(&[("DAYDREAM_MEDIA_KEY", "short")]));
        assert_eq!(short.unwrap_err().source_name, "DAYDREAM_MEDIA_KEY");
        assert!(Config::from_sources(None, &env(&[("DAYDREAM_MEDIA_URL_SECONDS", "5")])).is_err());
    }

    #[test]
    fn the_database_url_is_secret() {
        let c = Config::from_sources(None, &env(&[("DATABASE_URL", "postgres://u:hunter2@db/x")]))
            .unwrap();
        let printed = format!("{c:?}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert_eq!(
            c.database.url.unwrap().expose_secret(),
            "postgres://u:hunter2@db/x"
        );
    }

    #[test]
    fn openai_settings_are_secret_and_checked() {
        let c = Config::from_sources(
            None,
            &env(&[
                ("OPENAI_API_KEY", "sk-test-hunter2"),
                ("OPENAI_BASE_URL", "http://127.0.0.1:9/v1/"),
            ]),
        )
        .unwrap();
        assert!(!format!("{c:?}").contains("hunter2"));
        assert_eq!(c.openai.base_url.as_deref(), Some("http://127.0.0.1:9/v1"));
        assert!(
            Config::from_sources(None, &env(&[("OPENAI_BASE_URL", "api.openai.com")])).is_err()
        );
    }
}
