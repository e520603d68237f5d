//! Delivery over SMTP with lettre. `SMTP_URL` takes lettre's forms:
//! `smtp://user:pass@mail.example.com:587?tls=required` (STARTTLS), `smtps://...:465`
//! (implicit TLS), `smtp://localhost:25` (plain, for a local relay).

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::outbox::OutgoingEmail;

/// Why a message could not be sent.
#[derive(Debug, thiserror::Error)]
pub enum MailerError {
    #[error("the SMTP URL is not valid: {0}")]
    Url(String),
    #[error("the message could not be built: {0}")]
    Build(String),
    #[error("the SMTP server refused or failed: {0}")]
    Send(String),
}

/// Sends messages through one SMTP server.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// A mailer for `smtp_url`, sending as `from` (`Daydream <hello@example.com>`).
    pub fn new(smtp_url: &str, from: &str) -> Result<Self, MailerError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| MailerError::Url(e.to_string()))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from
            .parse()
            .map_err(|e: lettre::address::AddressError| MailerError::Url(e.to_string()))?;
        Ok(Self { transport, from })
    }

    /// Sends one message (text and HTML alternatives).
    pub async fn send(&self, email: &OutgoingEmail) -> Result<(), MailerError> {
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|e: lettre::address::AddressError| MailerError::Build(e.to_string()))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                email.text.clone(),
                email.html.clone(),
            ))
            .map_err(|e| MailerError::Build(e.to_string()))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| MailerError::Send(e.to_string()))
    }
}
