//! The outbox and its delivery through a real SMTP conversation, including a failing server.

use domain::email::outbox::{self, OutgoingEmail};
use domain::jobs::JobStatus;
use domain::jobs::runner::Outcome;

use crate::util::TestApp;
use crate::util::smtp_server::{Behaviour, SmtpServer};

/// The stored message.
async fn stored(app: &TestApp, id: uuid::Uuid) -> domain::email::EmailRow {
    outbox::find_by_id(&mut *app.conn().await, id)
        .await
        .unwrap()
        .unwrap()
}

fn message() -> OutgoingEmail {
    OutgoingEmail {
        to: "ana@example.com".into(),
        subject: "Your styled print is ready".into(),
        text: "Hello Ana, it is ready.".into(),
        html: "<p>Hello Ana, it is <b>ready</b>.</p>".into(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_queued_email_is_delivered_over_smtp() {
    let smtp = SmtpServer::start(Behaviour::Accept).await;
    let app = TestApp::new().with_env("SMTP_URL", &smtp.url).build().await;
    let id = outbox::queue_email(&mut *app.conn().await, &message())
        .await
        .unwrap();

    let ran = app.run_pending_jobs().await;
    assert_eq!(ran.len(), 1);
    assert_eq!(ran[0].1, Outcome::Done);
    let received = smtp.received();
    assert_eq!(received.len(), 1);
    assert!(
        received[0].contains("Subject: Your styled print is ready"),
        "{}",
        received[0]
    );
    assert!(
        received[0].contains("To: ana@example.com"),
        "{}",
        received[0]
    );
    assert!(
        received[0].contains("multipart/alternative"),
        "text and HTML parts"
    );

    let row = stored(&app, id).await;
    assert_eq!(row.status, "sent");
    assert_eq!(row.attempts, 1);
    assert!(row.sent_at.is_some());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_server_means_retries_with_the_error_kept_then_success() {
    let smtp = SmtpServer::start(Behaviour::Refuse).await;
    let app = TestApp::new().with_env("SMTP_URL", &smtp.url).build().await;
    let id = outbox::queue_email(&mut *app.conn().await, &message())
        .await
        .unwrap();

    let ran = app.run_pending_jobs().await;
    assert!(
        matches!(&ran[0].1, Outcome::Retrying(e) if e.contains("554")),
        "{:?}",
        ran[0].1
    );
    let row = stored(&app, id).await;
    assert_eq!(row.status, "failed");
    assert!(
        row.last_error.as_deref().unwrap().contains("refused"),
        "{:?}",
        row.last_error
    );
    let job = &ran[0].0;
    let delivery = domain::jobs::queue::find_by_id(&mut *app.conn().await, job.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        delivery.status(),
        Some(JobStatus::Pending),
        "the delivery will be retried"
    );

    // The server recovers; the retry (made due now) delivers.
    smtp.set_behaviour(Behaviour::Accept);
    diesel_async::RunQueryDsl::execute(
        diesel::sql_query("UPDATE jobs SET run_at = now() WHERE status = 'pending'"),
        &mut *app.conn().await,
    )
    .await
    .unwrap();
    let ran = app.run_pending_jobs().await;
    assert_eq!(ran[0].1, Outcome::Done);
    let row = stored(&app, id).await;
    assert_eq!(row.status, "sent");
    assert_eq!(row.attempts, 2);
    assert_eq!(smtp.received().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn without_smtp_mail_stays_in_the_outbox() {
    let app = TestApp::start().await;
    let id = outbox::queue_email(&mut *app.conn().await, &message())
        .await
        .unwrap();
    let ran = app.run_pending_jobs().await;
    assert_eq!(ran[0].1, Outcome::Done);
    let row = stored(&app, id).await;
    assert_eq!(row.status, "pending", "kept for the dev mailbox");
    let listed = outbox::list(&mut *app.conn().await, Some("ANA@example.com"), 10, 0)
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
}
