//! The contact form (issue 19 part 7), over HTTP against real PostgreSQL and a real SMTP
//! conversation: a message is stored, acknowledged to the sender and passed to the staff inbox
//! through the outbox, its status following the notice's delivery (pending → sent, or failed
//! with the error); the spam defences (honeypot, minimum fill time, forged stamps, rate limits
//! per address and per client) each refuse an attack; staff list, filter, resend, mark handled
//! and reply, audited, and nobody else may.

use domain::accounts::Role;
use domain::contact::messages::{self, ContactMessage, Filter};
use time::{Duration, OffsetDateTime};

use crate::util::TestApp;
use crate::util::people::{another_customer, api_status, browser, location, sign_in_new};
use crate::util::smtp_server::{Behaviour, SmtpServer};

/// A stamp as the page gives one, shown `ago` seconds before now.
fn stamp(app: &TestApp, form: &str, ago: i64) -> String {
    app.state
        .services
        .forms
        .stamp(form, OffsetDateTime::now_utc() - Duration::seconds(ago))
}

/// The form as a person fills it.
fn form<'a>(email: &'a str, stamp: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", "Ana Example"),
        ("email", email),
        ("subject", "Prints to Norway"),
        ("message", "Do you ship framed prints to Norway?"),
        ("stamp", stamp),
        ("website", ""),
    ]
}

async fn stored(app: &TestApp) -> Vec<ContactMessage> {
    messages::list(&mut *app.conn().await, &Filter::default(), 100, 0)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_message_is_stored_acknowledged_and_its_status_follows_the_staff_notice() {
    let smtp = SmtpServer::start(Behaviour::Accept).await;
    let app = TestApp::new()
        .with_env("SMTP_URL", &smtp.url)
        .with_env("DAYDREAM_STAFF_INBOX", "team@daydream.test")
        .build()
        .await;
    let (status, html) = app.get_text("/contact").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("name=\"stamp\""),
        "the form carries its stamp"
    );
    assert!(html.contains("name=\"website\""), "and the honeypot");

    let s = stamp(&app, "contact", 10);
    let r = app
        .post_form("/api/contact", "/contact", &form("ana@example.com", &s))
        .await;
    assert_eq!(r.status(), 302);
    assert_eq!(location(&r), "/contact?sent=1");
    let (_, thanks) = app.get_text("/contact?sent=1").await;
    assert!(thanks.contains("contact-sent"));

    let rows = stored(&app).await;
    assert_eq!(rows.len(), 1);
    let m = &rows[0];
    assert_eq!(
        (m.name.as_str(), m.status.as_str()),
        ("Ana Example", "pending")
    );
    assert_eq!(m.client_ip, "127.0.0.1");
    let (_, mails) = messages::get(&mut *app.conn().await, m.id).await.unwrap();
    let to: Vec<&str> = mails.iter().map(|e| e.to_address.as_str()).collect();
    assert_eq!(to, ["ana@example.com", "team@daydream.test"]);
    assert!(
        !mails[0].text_body.contains("Norway") && !mails[0].html_body.contains("Norway"),
        "the acknowledgement repeats nothing the sender typed"
    );
    assert!(
        mails[1]
            .text_body
            .contains("Do you ship framed prints to Norway?")
    );
    assert!(
        mails[1]
            .text_body
            .contains(&format!("/admin/messages/{}", m.id))
    );

    app.run_pending_jobs().await;
    assert_eq!(smtp.received().len(), 2);
    let m = &stored(&app).await[0];
    assert_eq!(m.status, "sent");
    assert!(m.sent_at.is_some() && m.error_message.is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_notice_shows_its_error_to_staff_who_send_it_again() {
    let smtp = SmtpServer::start(Behaviour::Refuse).await;
    let app = TestApp::new().with_env("SMTP_URL", &smtp.url).build().await;
    let s = stamp(&app, "contact", 10);
    app.post_form("/api/contact", "/contact", &form("ana@example.com", &s))
        .await;
    app.run_pending_jobs().await;
    let m = stored(&app).await.remove(0);
    assert_eq!(m.status, "failed");
    assert!(
        m.error_message.as_deref().unwrap_or("").contains("refused"),
        "{:?}",
        m.error_message
    );
    let id = m.id.to_string();

    // Nobody but staff reads or acts on messages.
    let anonymous = browser();
    let resend = [("id", id.as_str())];
    assert_eq!(
        api_status(&app, &anonymous, "/api/admin_message_resend", &resend).await,
        401
    );
    let eve = another_customer(&app, "eve@example.com").await;
    assert_eq!(
        api_status(&app, &eve, "/api/admin_message_resend", &resend).await,
        403
    );
    assert_eq!(
        api_status(&app, &eve, "/api/admin_messages", &[]).await,
        403
    );
    assert_eq!(
        api_status(&app, &eve, "/api/admin_message", &resend).await,
        403
    );

    sign_in_new(&app, "sam@daydream.test", Role::Staff).await;
    let (status, list) = app.get_text("/admin/messages?status=failed").await;
    assert_eq!(status, 200);
    assert!(list.contains("Prints to Norway"));
    let (_, none) = app.get_text("/admin/messages?status=sent").await;
    assert!(!none.contains("Prints to Norway"), "filtered by status");
    let (_, page) = app.get_text(&format!("/admin/messages/{id}")).await;
    assert!(page.contains("refused"), "the error is shown");
    assert!(page.contains("staff notice") && page.contains("acknowledgement"));

    // The server accepts again; staff send the notice again and it goes.
    smtp.set_behaviour(Behaviour::Accept);
    let r = app
        .post_form("/api/admin_message_resend", "/admin/messages", &resend)
        .await;
    assert_eq!(r.status(), 302);
    assert_eq!(stored(&app).await[0].status, "pending");
    app.run_pending_jobs().await;
    let m = &stored(&app).await[0];
    assert_eq!(m.status, "sent");
    assert!(m.error_message.is_none());
    // Once delivered there is nothing to resend.
    let again = app.post_api("/api/admin_message_resend", &resend).await;
    assert_eq!(again.status(), 409);
    let audit = domain::audit::list(&mut *app.conn().await, Some("contact_message"), 10, 0)
        .await
        .unwrap();
    assert!(audit.iter().any(|e| e.action == "contact_message.resend"));
}

#[tokio::test(flavor = "multi_thread")]
async fn bots_are_refused_by_the_honeypot_the_fill_time_and_forged_stamps() {
    let app = TestApp::start().await;
    let good = stamp(&app, "contact", 10);

    // The honeypot: told what a person is told, nothing stored, nothing mailed.
    let mut trapped = form("bot@example.com", &good);
    trapped.retain(|(k, _)| *k != "website");
    trapped.push(("website", "https://spam.example"));
    let r = app.post_form("/api/contact", "/contact", &trapped).await;
    assert_eq!(location(&r), "/contact?sent=1");
    assert!(stored(&app).await.is_empty());
    assert!(app.sent_emails().await.is_empty());

    // Stamps are made only for the public forms.
    assert_eq!(
        app.post_api("/api/form_stamp", &[("form", "checkout")])
            .await
            .status(),
        404
    );
    assert_eq!(
        app.post_api("/api/form_stamp", &[("form", "contact")])
            .await
            .status(),
        200
    );

    // Sent a second after the page was shown: too quick for a person.
    let quick = stamp(&app, "contact", 1);
    let r = app
        .post_api("/api/contact", &form("ana@example.com", &quick))
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("very quick"));
    // No stamp, a forged one, or the waitlist's: refused.
    let waitlist = stamp(&app, "waitlist", 10);
    let forged = format!(
        "{}.AAAA",
        OffsetDateTime::now_utc().unix_timestamp() + 86_000
    );
    for bad in ["", forged.as_str(), waitlist.as_str()] {
        let r = app
            .post_api("/api/contact", &form("ana@example.com", bad))
            .await;
        assert_eq!(r.status(), 422, "stamp {bad:?}");
    }
    // Bad fields are named, and the no-JS page shows them with a 422.
    let bad = [
        ("name", ""),
        ("email", "not an address"),
        ("subject", "Hi"),
        ("message", "short"),
        ("stamp", good.as_str()),
    ];
    let r = app.post_api("/api/contact", &bad).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    for field in ["\"name\"", "\"email\"", "\"message\""] {
        assert!(body.contains(field), "{field} in {body}");
    }
    let r = app.post_form("/api/contact", "/contact", &bad).await;
    let back = location(&r);
    let (status, page) = app.get_text(back.trim_start_matches(&app.url(""))).await;
    assert_eq!(status, 422);
    assert!(page.contains("at least 10 characters"));
    assert!(page.contains("value=\"Hi\""), "what was typed is kept");
    assert!(stored(&app).await.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn posts_are_limited_per_address_and_per_client() {
    let app = TestApp::new()
        .with_env("DAYDREAM_FORMS_PER_HOUR", "2")
        .build()
        .await;
    let s = stamp(&app, "contact", 10);
    for _ in 0..2 {
        let r = app
            .post_api("/api/contact", &form("ana@example.com", &s))
            .await;
        assert!(
            r.status().is_success() || r.status().is_redirection(),
            "{}",
            r.status()
        );
    }
    let third = app
        .post_api("/api/contact", &form("ANA@example.com", &s))
        .await;
    assert_eq!(third.status(), 429, "the same address, any case");
    // Other addresses from the same client: up to three times the quota, then refused.
    let mut statuses = Vec::new();
    for i in 0..5 {
        let email = format!("person{i}@example.com");
        statuses.push(
            app.post_api("/api/contact", &form(&email, &s))
                .await
                .status()
                .as_u16(),
        );
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        2,
        "{statuses:?}"
    );
    assert_eq!(
        stored(&app).await.len(),
        5,
        "2 from ana, 3 more until the client's 6"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_reply_by_email_and_mark_messages_handled() {
    let app = TestApp::start().await;
    let s = stamp(&app, "contact", 10);
    app.post_form("/api/contact", "/contact", &form("ana@example.com", &s))
        .await;
    let id = stored(&app).await[0].id.to_string();
    sign_in_new(&app, "sam@daydream.test", Role::Staff).await;

    let empty = app
        .post_api(
            "/api/admin_message_reply",
            &[("id", id.as_str()), ("reply", "  ")],
        )
        .await;
    assert_eq!(empty.status(), 422);
    let r = app
        .post_form(
            "/api/admin_message_reply",
            "/admin/messages",
            &[("id", id.as_str()), ("reply", "Yes, we ship to Norway.")],
        )
        .await;
    assert_eq!(r.status(), 302);
    let reply = &app.sent_emails().await[0];
    assert_eq!(reply.to_address, "ana@example.com");
    assert_eq!(reply.subject, "Re: Prints to Norway");
    assert!(reply.text_body.contains("Yes, we ship to Norway."));
    assert!(
        reply
            .text_body
            .contains("> Do you ship framed prints to Norway?")
    );
    let m = &stored(&app).await[0];
    assert!(m.handled_at.is_some() && m.replied_at.is_some());
    let open = Filter {
        handled: Some(false),
        ..Filter::default()
    };
    assert!(
        messages::list(&mut *app.conn().await, &open, 10, 0)
            .await
            .unwrap()
            .is_empty()
    );

    // Opened again, then handled: each audited.
    for handled in ["0", "1"] {
        let r = app
            .post_api(
                "/api/admin_message_handled",
                &[("id", id.as_str()), ("handled", handled)],
            )
            .await;
        assert!(r.status().is_success(), "{}", r.status());
    }
    let actions: Vec<String> =
        domain::audit::list(&mut *app.conn().await, Some("contact_message"), 10, 0)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
    assert_eq!(
        actions,
        [
            "contact_message.handled",
            "contact_message.reopened",
            "contact_message.reply"
        ]
    );
    // An unknown id is a 404, not a 500.
    let unknown = uuid::Uuid::now_v7().to_string();
    let r = app
        .post_api(
            "/api/admin_message_handled",
            &[("id", unknown.as_str()), ("handled", "1")],
        )
        .await;
    assert_eq!(r.status(), 404);
}
