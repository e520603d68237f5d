//! Email: the durable outbox, the SMTP mailer that delivers it, and the message templates.

pub mod contact_templates;
pub mod mailer;
pub mod order_templates;
pub mod outbox;
pub mod report_templates;
pub mod templates;
pub mod waitlist_templates;

pub use mailer::{Mailer, MailerError};
pub use outbox::{EmailRow, OutgoingEmail};
