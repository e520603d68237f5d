//! Account takeover attempts from the security review (issue 15), each performed over HTTP:
//! reading an admin's reset link in the dev mailbox, keeping a pending email change alive
//! through the victim's password reset, signing up to learn who has an account, and the
//! sessions and passwords that must not outlive their purpose.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::accounts::demo::create_verified;
use domain::db::schema::{audit_log, emails, users};
use domain::jobs::Job;

use crate::util::TestApp;
use crate::util::people::{PASSWORD, browser, location, sign_in_as, sign_in_new};

/// GET `path` (site-relative, or a full URL of the app) as `client` (a browser); status and
/// body.
async fn get_as(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let path = path.trim_start_matches(&app.url(""));
    let response = client
        .get(app.url(path))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The id and text of the newest message to `to`.
async fn newest_mail_to(app: &TestApp, to: &str) -> (String, String) {
    let mail = app
        .sent_emails()
        .await
        .into_iter()
        .find(|m| m.to_address == to)
        .unwrap_or_else(|| panic!("a mail to {to}"));
    (mail.id.to_string(), mail.text_body)
}

/// The token of the first link to `path` in the newest mail to `to`.
async fn token_in_mail(app: &TestApp, to: &str, path: &str) -> String {
    let link = app.link_in_email(to, path).await;
    link.split("token=").nth(1).unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_cannot_read_an_admins_reset_link_in_the_mailbox() {
    let app = TestApp::start().await;
    create_verified(
        &mut *app.conn().await,
        "boss@example.com",
        "Boss",
        PASSWORD,
        Role::Admin,
    )
    .await
    .unwrap();
    sign_in_new(&app, "sam@example.com", Role::Staff).await;

    // The staff member asks for the admin's password reset...
    let asked = app
        .post_form(
            "/api/forgot_password",
            "/forgot-password",
            &[("email", "boss@example.com")],
        )
        .await;
    assert_eq!(asked.status(), 302);
    let (mail_id, text) = newest_mail_to(&app, "boss@example.com").await;
    let token = token_in_mail(&app, "boss@example.com", "/reset-password").await;
    assert!(text.contains(&token));

    // ...and cannot read it: not the list, not the message, not through the API.
    let (status, body) = app.get_text("/admin/mail").await;
    assert_eq!(status, 403);
    assert!(!body.contains("boss@example.com"), "no list for staff");
    let (status, body) = app.get_text(&format!("/admin/mail/{mail_id}")).await;
    assert_eq!(status, 403);
    assert!(!body.contains(&token));
    let api = app
        .post_api("/api/admin_mail_message", &[("id", &mail_id)])
        .await;
    assert_eq!(api.status(), 403);
    assert!(!api.text().await.unwrap().contains(&token));
    let (_, home) = app.get_text("/admin").await;
    assert!(
        !home.contains("href=\"/admin/mail\""),
        "staff are not offered the mailbox"
    );

    // An admin may read it in development, and the reading is audited.
    let admin = browser();
    sign_in_as(&app, &admin, "boss@example.com", PASSWORD).await;
    let (status, body) = get_as(&app, &admin, &format!("/admin/mail/{mail_id}")).await;
    assert_eq!(status, 200);
    assert!(body.contains(&token));
    let reads: i64 = audit_log::table
        .filter(audit_log::action.eq("mail.read"))
        .filter(audit_log::subject_id.eq(&mail_id))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(reads, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn in_production_the_mailbox_does_not_exist_even_for_admins() {
    let app = TestApp::new()
        .with_env("DAYDREAM_ENV", "production")
        .build()
        .await;
    sign_in_new(&app, "boss@example.com", Role::Admin).await;
    app.post_form(
        "/api/forgot_password",
        "/forgot-password",
        &[("email", "boss@example.com")],
    )
    .await;
    let (mail_id, _) = newest_mail_to(&app, "boss@example.com").await;
    let (status, _) = app.get_text("/admin/mail").await;
    assert_eq!(status, 404);
    let (status, body) = app.get_text(&format!("/admin/mail/{mail_id}")).await;
    assert_eq!(status, 404);
    assert!(!body.contains("reset-password?token="));
}

#[tokio::test(flavor = "multi_thread")]
async fn delivered_mail_bodies_are_purged_after_the_retention_period() {
    let app = TestApp::new()
        .with_env("DAYDREAM_MAIL_RETENTION_DAYS", "7")
        .build()
        .await;
    for (to, days_ago) in [("old@example.com", 8), ("recent@example.com", 6)] {
        let mail = domain::email::OutgoingEmail {
            to: to.to_owned(),
            subject: "Reset your password".to_owned(),
            text: "https://x/reset-password?token=live".to_owned(),
            html: "<a href=\"https://x/reset-password?token=live\">reset</a>".to_owned(),
        };
        let id = domain::email::outbox::queue_email(&mut *app.conn().await, &mail)
            .await
            .unwrap();
        diesel::update(emails::table.find(id))
            .set((
                emails::status.eq("sent"),
                emails::sent_at
                    .eq(time::OffsetDateTime::now_utc() - time::Duration::days(days_ago)),
            ))
            .execute(&mut *app.conn().await)
            .await
            .unwrap();
    }
    domain::jobs::purge_sent_mail::PurgeSentMail {}
        .run(&app.job_context())
        .await
        .unwrap();
    let bodies: Vec<(String, String, bool)> = emails::table
        .filter(emails::status.eq("sent"))
        .select((
            emails::to_address,
            emails::text_body,
            emails::purged_at.is_not_null(),
        ))
        .load(&mut *app.conn().await)
        .await
        .unwrap();
    for (to, body, purged) in bodies {
        match to.as_str() {
            "old@example.com" => assert!(purged && !body.contains("token"), "{body}"),
            "recent@example.com" => assert!(!purged && body.contains("token=live")),
            other => panic!("unexpected {other}"),
        }
    }
}

/// The victim's account: verified, with `PASSWORD`.
async fn victim(app: &TestApp) {
    create_verified(
        &mut *app.conn().await,
        "victim@example.com",
        "Vic",
        PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
}

/// The attacker, who knows the victim's password, signs in on their own browser and asks to
/// move the account to their address; returns that browser.
async fn attacker_asks_for_the_address(app: &TestApp) -> reqwest::Client {
    let attacker = browser();
    sign_in_as(app, &attacker, "victim@example.com", PASSWORD).await;
    let asked = app
        .post_form_as(
            &attacker,
            "/api/change_email",
            "/account",
            &[
                ("current_password", PASSWORD),
                ("new_email", "attacker@evil.example"),
            ],
        )
        .await;
    assert_eq!(location(&asked), "/account?saved=email");
    attacker
}

fn email_of_victim_account(emails_now: &[String]) -> bool {
    emails_now.iter().any(|e| e == "victim@example.com")
}

async fn account_emails(app: &TestApp) -> Vec<String> {
    users::table
        .select(users::email)
        .load(&mut *app.conn().await)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_password_reset_kills_a_pending_email_change() {
    let app = TestApp::start().await;
    victim(&app).await;
    let attacker = attacker_asks_for_the_address(&app).await;
    let stolen = token_in_mail(&app, "attacker@evil.example", "/verify-email").await;

    // The victim reads the notice and resets the password, as it tells them to.
    let (_, notice) = newest_mail_to(&app, "victim@example.com").await;
    assert!(
        notice.contains("/account/cancel-email-change?token="),
        "{notice}"
    );
    let owner = browser();
    app.post_form_as(
        &owner,
        "/api/forgot_password",
        "/forgot-password",
        &[("email", "victim@example.com")],
    )
    .await;
    let reset = token_in_mail(&app, "victim@example.com", "/reset-password").await;
    let done = app
        .post_form_as(
            &owner,
            "/api/reset_password",
            "/reset-password",
            &[("token", &reset), ("password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(location(&done), "/login?reset=1");

    // The attacker's confirmation link is dead: the account keeps the victim's address.
    let confirm = app
        .post_form_as(
            &attacker,
            "/api/verify_email",
            "/verify-email",
            &[("token", &stolen)],
        )
        .await;
    assert_eq!(
        confirm.status(),
        302,
        "a no-JS post bounces back with the error"
    );
    let (status, page) = get_as(&app, &attacker, &location(&confirm)).await;
    assert_eq!(status, 422);
    assert!(page.contains("already been used"), "{page}");
    assert!(email_of_victim_account(&account_emails(&app).await));
    let (status, _) = get_as(&app, &attacker, "/account").await;
    assert_eq!(status, 302, "the reset signed the attacker out");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_password_change_kills_a_pending_email_change_too() {
    let app = TestApp::start().await;
    victim(&app).await;
    let _attacker = attacker_asks_for_the_address(&app).await;
    let stolen = token_in_mail(&app, "attacker@evil.example", "/verify-email").await;
    let owner = browser();
    sign_in_as(&app, &owner, "victim@example.com", PASSWORD).await;
    let changed = app
        .post_form_as(
            &owner,
            "/api/change_password",
            "/account",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(location(&changed), "/account?saved=password");
    let confirm = app
        .post_api("/api/verify_email", &[("token", &stolen)])
        .await;
    assert_eq!(confirm.status(), 422);
    assert!(email_of_victim_account(&account_emails(&app).await));
}

#[tokio::test(flavor = "multi_thread")]
async fn this_wasnt_me_undoes_a_confirmed_change_and_signs_everyone_out() {
    let app = TestApp::start().await;
    victim(&app).await;
    let attacker = attacker_asks_for_the_address(&app).await;
    let stolen = token_in_mail(&app, "attacker@evil.example", "/verify-email").await;
    let cancel = token_in_mail(&app, "victim@example.com", "/account/cancel-email-change").await;

    // The attacker confirms from a fresh browser: the address moves, but the link signs nobody in.
    let fresh = browser();
    let confirmed = app
        .post_form_as(
            &fresh,
            "/api/verify_email",
            "/verify-email",
            &[("token", &stolen)],
        )
        .await;
    assert_eq!(location(&confirmed), "/login?email_changed=1");
    let (status, _) = get_as(&app, &fresh, "/account").await;
    assert_eq!(status, 302, "an email-change link does not sign in");
    assert!(
        account_emails(&app)
            .await
            .contains(&"attacker@evil.example".to_owned())
    );

    // The owner presses "this wasn't me" from the old address's notice.
    let owner = browser();
    let (status, page) = get_as(
        &app,
        &owner,
        &format!("/account/cancel-email-change?token={cancel}"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("Cancel the change and sign out everywhere"));
    let undone = app
        .post_form_as(
            &owner,
            "/api/cancel_email_change",
            "/account/cancel-email-change",
            &[("token", &cancel)],
        )
        .await;
    assert_eq!(location(&undone), "/forgot-password?change_cancelled=1");
    let emails_now = account_emails(&app).await;
    assert!(email_of_victim_account(&emails_now), "{emails_now:?}");
    assert!(!emails_now.contains(&"attacker@evil.example".to_owned()));
    let (status, _) = get_as(&app, &attacker, "/account").await;
    assert_eq!(status, 302, "the attacker's session is gone");
    // The link works once.
    let again = app
        .post_api("/api/cancel_email_change", &[("token", &cancel)])
        .await;
    assert_eq!(again.status(), 422);
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_up_never_says_who_has_an_account() {
    let app = TestApp::start().await;
    victim(&app).await;
    let form = |email: &'static str| {
        [
            ("display_name", "Mallory <b>"),
            ("email", email),
            ("password", "a long enough passphrase"),
        ]
    };
    let taken = app
        .post_form("/api/sign_up", "/signup", &form("victim@example.com"))
        .await;
    let fresh = app
        .post_form("/api/sign_up", "/signup", &form("newcomer@example.com"))
        .await;
    assert_eq!(taken.status(), fresh.status());
    assert_eq!(location(&taken), location(&fresh));
    let api_taken = app
        .post_api("/api/sign_up", &form("victim@example.com"))
        .await;
    assert_eq!(
        api_taken.status(),
        200,
        "no 422 'already exists' for scripts either"
    );

    // The owner is told instead, with no name the attacker chose.
    let (_, notice) = newest_mail_to(&app, "victim@example.com").await;
    assert!(notice.contains("Someone tried to create a Daydream account"));
    assert!(!notice.contains("Mallory"));
    let (_, welcome) = newest_mail_to(&app, "newcomer@example.com").await;
    assert!(welcome.contains("/verify-email?token="));
    let n: i64 = users::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(n, 2, "the victim and the newcomer, nobody else");
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_ups_are_throttled_per_client_and_per_address() {
    let app = TestApp::new()
        .with_env("DAYDREAM_SIGN_UPS_PER_HOUR", "3")
        .build()
        .await;
    let sign_up = async |email: String| {
        app.post_api(
            "/api/sign_up",
            &[
                ("display_name", "Bot"),
                ("email", &email),
                ("password", "a long enough passphrase"),
            ],
        )
        .await
        .status()
        .as_u16()
    };
    for i in 0..3 {
        assert_eq!(sign_up(format!("bot{i}@example.com")).await, 200);
    }
    let refused = sign_up("bot9@example.com".to_owned()).await;
    assert_eq!(
        refused, 429,
        "the fourth sign-up from one client in an hour waits"
    );

    // Per address: one inbox is not mailed more than the hourly allowance (3 by default),
    // whoever asks.
    let other = TestApp::new()
        .with_env("DAYDREAM_SIGN_UPS_PER_HOUR", "100")
        .build()
        .await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(
            other
                .post_api(
                    "/api/sign_up",
                    &[
                        ("display_name", "Bot"),
                        ("email", "target@example.com"),
                        ("password", "a long enough passphrase"),
                    ],
                )
                .await
                .status()
                .as_u16(),
        );
    }
    assert_eq!(statuses, [200, 200, 200, 429, 429]);
    let mails = other
        .sent_emails()
        .await
        .into_iter()
        .filter(|m| m.to_address == "target@example.com")
        .count();
    assert_eq!(mails, 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_ends_after_its_absolute_lifetime_however_active() {
    let app = TestApp::start().await;
    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    let (status, _) = app.get_text("/account").await;
    assert_eq!(status, 200);
    // Signed in 31 days ago (the default lifetime is 30), active ever since.
    let long_ago = time::OffsetDateTime::now_utc().unix_timestamp() - 31 * 24 * 60 * 60;
    diesel::sql_query(
        "UPDATE sessions SET data = jsonb_set(data, '{signed_in_at}', to_jsonb($1::bigint))",
    )
    .bind::<diesel::sql_types::BigInt, _>(long_ago)
    .execute(&mut *app.conn().await)
    .await
    .unwrap();
    let response = app.get("/account").await;
    assert_eq!(response.status(), 302);
    assert!(location(&response).starts_with("/login?next="));
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_passwords_need_twelve_characters() {
    let app = TestApp::start().await;
    sign_in_new(&app, "sam@example.com", Role::Staff).await;
    let short = app
        .post_api(
            "/api/change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "eleven-char"),
            ],
        )
        .await;
    assert_eq!(short.status(), 422);
    assert!(
        short
            .text()
            .await
            .unwrap()
            .contains("at least 12 characters")
    );

    let customer = browser();
    create_verified(
        &mut *app.conn().await,
        "cleo@example.com",
        "Cleo",
        PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
    sign_in_as(&app, &customer, "cleo@example.com", PASSWORD).await;
    let fine = app
        .post_form_as(
            &customer,
            "/api/change_password",
            "/account",
            &[
                ("current_password", PASSWORD),
                ("new_password", "eleven-char"),
            ],
        )
        .await;
    assert_eq!(location(&fine), "/account?saved=password");
}
