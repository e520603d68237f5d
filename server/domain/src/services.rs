//! `Services`: the one shared handle on what the server's parts work with — the database pool,
//! mail, rate limits, stored media, the page cache, OpenAI, payments. Built once at start and
//! cloned (cheaply: every field is a handle) into the HTTP state, the server functions' context
//! and the job runner, so the three never copy each other field by field.

use std::sync::Arc;
use std::time::Duration;

use crate::db::DbPool;

/// The shared handles; cheap to clone.
#[derive(Clone)]
pub struct Services {
    pub pool: DbPool,
    /// The SMTP mailer when `SMTP_URL` is set; otherwise mail stays in the dev mailbox.
    pub mailer: Option<crate::email::Mailer>,
    /// Rate limits (in-process; shared across instances once a Redis backend exists).
    pub limiter: Arc<dyn crate::rate_limit::RateLimiter>,
    /// Stored images (public ones in `<data dir>/media`, served at `/media`; private ones in
    /// `<data dir>/private-media`, served only at signed addresses).
    pub media: crate::media::MediaStore,
    /// Signs and checks the addresses of private images.
    pub media_urls: crate::media::UrlSigner,
    /// Cached public catalog reads, dropped on every catalog write.
    pub cache: crate::cache::ReadCache,
    /// The OpenAI client when `OPENAI_API_KEY` is set.
    pub openai: Option<crate::ai::OpenAi>,
    /// The payment provider (the built-in sandbox until a real provider's adapter is added).
    pub payments: Arc<dyn crate::payments::PaymentProvider>,
    /// Studio job changes as they happen (LISTEN/NOTIFY), for pages watching a job.
    pub job_events: crate::db::changes::ChangeHub,
    /// Client project changes as they happen, for open project pages.
    pub project_events: crate::db::changes::ChangeHub,
    /// The studio's daily limits per plan (uploads and styling jobs).
    pub studio_limits: crate::studio::usage::StudioLimits,
    /// How long a delivered mail's body is kept.
    pub mail_retention: Duration,
    /// The public forms' stamp of when they were shown (contact, waitlist).
    pub forms: crate::spam::FormGuard,
    /// Where contact-form notices are sent.
    pub staff_inbox: String,
    /// The site's public address (`DAYDREAM_PUBLIC_URL`), for links in mail.
    pub public_url: String,
    /// Sign-in with Google and GitHub (the providers configured).
    pub oauth: crate::accounts::oauth::OAuth,
}
