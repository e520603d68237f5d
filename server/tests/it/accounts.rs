//! Accounts end to end over HTTP: sign up, the verification email, verify, sign in, sign out,
//! and the ways each can go wrong.

use crate::util::TestApp;
use crate::util::people::{browser, location};

const EMAIL: &str = "ana.lima@example.com";
const PASSWORD: &str = "a long enough passphrase";

async fn sign_up(app: &TestApp, email: &str) -> reqwest::Response {
    app.post_form(
        "/api/sign_up",
        "/signup",
        &[
            ("display_name", "Ana Lima"),
            ("email", email),
            ("password", PASSWORD),
        ],
    )
    .await
}

/// Signs up and confirms the address; returns nothing, leaves the client signed in.
async fn verified_user(app: &TestApp, email: &str) {
    assert_eq!(sign_up(app, email).await.status(), 302);
    let link = app.link_in_email(email, "/verify-email").await;
    let token = link.split("token=").nth(1).unwrap().to_owned();
    let response = app
        .post_form("/api/verify_email", &link, &[("token", &token)])
        .await;
    assert_eq!(location(&response), "/account?verified=1");
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_up_verify_sign_in_and_out() {
    let app = TestApp::start().await;

    let response = sign_up(&app, EMAIL).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/login?check_email=1");

    // The verification email is in the outbox, with a link to this site.
    let emails = app.sent_emails().await;
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].to_address, EMAIL);
    assert_eq!(emails[0].subject, "Confirm your email address");
    let link = app.link_in_email(EMAIL, "/verify-email").await;
    assert!(link.starts_with("/verify-email?token="), "{link}");

    // Not confirmed yet: signing in says so.
    let response = app
        .post_api("/api/sign_in", &[("email", EMAIL), ("password", PASSWORD)])
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("confirm your email address first")
    );

    // The link's page offers a confirm button; pressing it signs in.
    let (status, page) = app.get_text(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Confirm my email address"));
    let token = link.split("token=").nth(1).unwrap();
    assert!(
        page.contains(&format!("name=\"token\" value=\"{token}\"")),
        "the form carries the token without JS"
    );
    let (_, login) = app.get_text("/login?next=/account").await;
    assert!(
        login.contains("name=\"next\" value=\"/account\""),
        "the login form keeps `next` without JS"
    );
    let response = app
        .post_form("/api/verify_email", &link, &[("token", token)])
        .await;
    assert_eq!(location(&response), "/account?verified=1");
    let (status, page) = app.get_text("/account").await;
    assert_eq!(status, 200);
    assert!(page.contains("Ana Lima") && page.contains(EMAIL), "{page}");

    // Sign out, and the account page sends us to sign in.
    let response = app.post_form("/api/sign_out", "/account", &[]).await;
    assert_eq!(location(&response), "/");
    let response = app.get("/account").await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/login?next=%2Faccount");

    // Sign in again, landing on a local `next`.
    let response = app
        .post_form(
            "/api/sign_in",
            "/login",
            &[
                ("email", "ANA.LIMA@example.com"),
                ("password", PASSWORD),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/account");
    assert_eq!(app.get("/account").await.status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn next_never_leaves_the_site() {
    let app = TestApp::start().await;
    verified_user(&app, EMAIL).await;
    let response = app
        .post_form(
            "/api/sign_in",
            "/login",
            &[
                ("email", EMAIL),
                ("password", PASSWORD),
                ("next", "//evil.example/x"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/account");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_taken_email_in_any_case_makes_no_second_account_and_tells_the_owner() {
    let app = TestApp::start().await;
    sign_up(&app, EMAIL).await;
    let response = app
        .post_api(
            "/api/sign_up",
            &[
                ("display_name", "Other"),
                ("email", "Ana.Lima@EXAMPLE.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 200, "the same answer as a new address");
    let mails = app.sent_emails().await;
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[0].to_address, EMAIL);
    assert_eq!(
        mails[0].subject,
        "Someone tried to sign up with your address"
    );
    let owner = domain::accounts::queries::find_by_email(&mut *app.conn().await, EMAIL)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(owner.display_name, "Ana Lima", "the account is untouched");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_sign_up_input_gets_field_errors_and_creates_nothing() {
    let app = TestApp::start().await;
    for (field, form) in [
        (
            "email",
            [
                ("display_name", "Ana"),
                ("email", "not-an-email"),
                ("password", PASSWORD),
            ],
        ),
        (
            "password",
            [
                ("display_name", "Ana"),
                ("email", EMAIL),
                ("password", "short"),
            ],
        ),
        (
            "password",
            [
                ("display_name", "Ana"),
                ("email", EMAIL),
                ("password", "password123"),
            ],
        ),
        (
            "display_name",
            [
                ("display_name", "  "),
                ("email", EMAIL),
                ("password", PASSWORD),
            ],
        ),
    ] {
        let response = app.post_api("/api/sign_up", &form).await;
        assert_eq!(response.status(), 422, "{form:?}");
        let error: app::AppError = response.json().await.unwrap();
        assert!(error.field_message(field).is_some(), "{form:?}: {error:?}");
    }
    assert!(app.sent_emails().await.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn no_js_errors_come_back_to_the_form_page_with_a_4xx() {
    let app = TestApp::start().await;
    let response = app
        .post_form(
            "/api/sign_up",
            "/signup",
            &[
                ("display_name", "Ana"),
                ("email", "nope"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    let back = location(&response);
    assert!(back.starts_with(&app.url("/signup?")), "{back}");
    let page = app
        .client()
        .get(&back)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 422);
    let body = page.text().await.unwrap();
    assert!(
        body.contains("Enter an email address like name@example.com."),
        "the message is next to the field"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    let app = TestApp::start().await;
    verified_user(&app, EMAIL).await;
    let wrong = app
        .post_api(
            "/api/sign_in",
            &[("email", EMAIL), ("password", "not the password")],
        )
        .await;
    let unknown = app
        .post_api(
            "/api/sign_in",
            &[("email", "nobody@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    assert_eq!(unknown.status(), 422);
    assert_eq!(wrong.text().await.unwrap(), unknown.text().await.unwrap());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_verification_link_works_once_and_not_after_it_expires() {
    let app = TestApp::start().await;
    verified_user(&app, EMAIL).await;
    let link = app.link_in_email(EMAIL, "/verify-email").await;
    let token = link.split("token=").nth(1).unwrap().to_owned();
    let again = app
        .post_api("/api/verify_email", &[("token", &token)])
        .await;
    assert_eq!(again.status(), 422);
    let error: app::AppError = again.json().await.unwrap();
    assert_eq!(
        error.field_message("token"),
        Some("This link has already been used.")
    );

    sign_up(&app, "bo@example.com").await;
    diesel_async::RunQueryDsl::execute(
        diesel::sql_query("UPDATE account_tokens SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL"),
        &mut *app.conn().await,
    )
    .await
    .unwrap();
    let link = app.link_in_email("bo@example.com", "/verify-email").await;
    let token = link.split("token=").nth(1).unwrap().to_owned();
    let expired = app
        .post_api("/api/verify_email", &[("token", &token)])
        .await;
    let error: app::AppError = expired.json().await.unwrap();
    assert_eq!(
        error.field_message("token"),
        Some("This link has expired. Ask for a new one.")
    );

    let forged = app
        .post_api("/api/verify_email", &[("token", "made-up")])
        .await;
    let error: app::AppError = forged.json().await.unwrap();
    assert!(
        error
            .field_message("token")
            .unwrap()
            .starts_with("This link is not valid")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_in_changes_the_session_id() {
    let app = TestApp::start().await;
    verified_user(&app, EMAIL).await;
    let first = app
        .post_api("/api/sign_in", &[("email", EMAIL), ("password", PASSWORD)])
        .await;
    let cookie = |r: &reqwest::Response| {
        r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned()
    };
    let a = cookie(&first);
    let second = app
        .post_api("/api/sign_in", &[("email", EMAIL), ("password", PASSWORD)])
        .await;
    let b = cookie(&second);
    assert_ne!(a, b, "a new id at each sign-in");

    // The old id no longer opens the account.
    let stale = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = stale
        .get(app.url("/account"))
        .header("cookie", a)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let response = stale
        .get(app.url("/account"))
        .header("cookie", b)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn cross_origin_posts_are_refused() {
    let app = TestApp::start().await;
    let form = [
        ("display_name", "Eve"),
        ("email", "eve@example.com"),
        ("password", PASSWORD),
    ];
    let evil = app
        .client()
        .post(app.url("/api/sign_up"))
        .header("origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(evil.status(), 403);
    let bare = app
        .client()
        .post(app.url("/api/sign_up"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), 403, "no Origin nor Referer");
    let referer = app
        .client()
        .post(app.url("/api/sign_up"))
        .header("referer", "https://evil.example/page")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(referer.status(), 403);
    assert!(app.sent_emails().await.is_empty(), "nothing was written");
}

#[tokio::test(flavor = "multi_thread")]
async fn forgot_password_answers_the_same_for_unknown_addresses() {
    let app = TestApp::start().await;
    verified_user(&app, EMAIL).await;
    let before = app.sent_emails().await.len();
    let known = app
        .post_form(
            "/api/forgot_password",
            "/forgot-password",
            &[("email", EMAIL)],
        )
        .await;
    let unknown = app
        .post_form(
            "/api/forgot_password",
            "/forgot-password",
            &[("email", "nobody@example.com")],
        )
        .await;
    assert_eq!(known.status(), unknown.status());
    assert_eq!(location(&known), "/forgot-password?sent=1");
    assert_eq!(location(&unknown), "/forgot-password?sent=1");
    assert_eq!(
        app.sent_emails().await.len(),
        before + 1,
        "only the real account gets mail"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reset_sets_the_password_and_signs_out_every_session() {
    let app = TestApp::start().await;
    verified_user(&app, EMAIL).await; // this client is signed in
    // A second browser signed in too.
    let other = browser();
    let signed_in = other
        .post(app.url("/api/sign_in"))
        .header("origin", app.url(""))
        .form(&[("email", EMAIL), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let account = |c: &reqwest::Client| {
        c.get(app.url("/account"))
            .header("accept", "text/html")
            .send()
    };
    assert_eq!(account(&other).await.unwrap().status(), 200);

    app.post_form(
        "/api/forgot_password",
        "/forgot-password",
        &[("email", EMAIL)],
    )
    .await;
    let link = app.link_in_email(EMAIL, "/reset-password").await;
    let (status, page) = app.get_text(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("New password"));
    let token = link.split("token=").nth(1).unwrap().to_owned();

    let weak = app
        .post_api(
            "/api/reset_password",
            &[("token", &token), ("password", "password1")],
        )
        .await;
    assert_eq!(weak.status(), 422, "the new password follows the rules");
    let done = app
        .post_form(
            "/api/reset_password",
            &link,
            &[("token", &token), ("password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(location(&done), "/login?reset=1");

    assert_eq!(
        account(&other).await.unwrap().status(),
        302,
        "the other browser is signed out"
    );
    assert_eq!(
        app.get("/account").await.status(),
        302,
        "and so is this one"
    );
    let old = app
        .post_api("/api/sign_in", &[("email", EMAIL), ("password", PASSWORD)])
        .await;
    assert_eq!(old.status(), 422);
    let new = app
        .post_api(
            "/api/sign_in",
            &[("email", EMAIL), ("password", "a brand new passphrase")],
        )
        .await;
    assert_eq!(new.status(), 200);

    // The link is single-use: its page now says so, with a 4xx.
    let (status, page) = app.get_text(&link).await;
    assert_eq!(status, 422);
    assert!(page.contains("This link has already been used."), "{page}");
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_is_throttled_per_account_with_retry_after() {
    // Three a minute: one attempt back every 20 s, so three slow hashes cannot outrun it.
    let app = TestApp::new()
        .with_env("DAYDREAM_SIGN_IN_PER_MINUTE", "3")
        .build()
        .await;
    verified_user(&app, EMAIL).await;
    verified_user(&app, "second@example.com").await;
    for _ in 0..3 {
        let r = app
            .post_api("/api/sign_in", &[("email", EMAIL), ("password", "guess")])
            .await;
        assert_eq!(r.status(), 422);
    }
    // The fourth attempt within the minute is refused, even with the right password.
    let r = app
        .post_api("/api/sign_in", &[("email", EMAIL), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status(), 429);
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=21).contains(&retry), "{retry}");
    let error: app::AppError = r.json().await.unwrap();
    assert!(matches!(error, app::AppError::RateLimited { .. }));

    // It is that account's limit, not the address's: another account signs in from the same
    // address (which allows three times as many attempts across accounts).
    let other = browser()
        .post(app.url("/api/sign_in"))
        .header("origin", app.url(""))
        .header("accept", "application/json")
        .form(&[("email", "second@example.com"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 200);

    // Without JavaScript the form page says so, with a 429.
    let r = app
        .post_form(
            "/api/sign_in",
            "/login",
            &[("email", EMAIL), ("password", PASSWORD)],
        )
        .await;
    let page = app
        .client()
        .get(location(&r))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    let status = page.status();
    let body = page.text().await.unwrap();
    assert_eq!(
        status,
        429,
        "{} {}",
        location(&r),
        &body[body.len().saturating_sub(3000)..]
    );
    assert!(body.contains("Too many attempts"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_disabled_user_is_signed_out_on_the_next_request_and_cannot_sign_in() {
    let app = TestApp::start().await;
    verified_user(&app, EMAIL).await;
    assert_eq!(app.get("/account").await.status(), 200);

    diesel_async::RunQueryDsl::execute(
        diesel::sql_query("UPDATE users SET disabled_at = now()"),
        &mut *app.conn().await,
    )
    .await
    .unwrap();
    let response = app.get("/account").await;
    assert_eq!(response.status(), 302, "signed out at once");
    let sessions: i64 = diesel_async::RunQueryDsl::get_result(
        diesel::QueryDsl::count(domain::db::schema::sessions::table),
        &mut *app.conn().await,
    )
    .await
    .unwrap();
    assert_eq!(sessions, 0, "the session row is gone");

    let again = app
        .post_api("/api/sign_in", &[("email", EMAIL), ("password", PASSWORD)])
        .await;
    assert_eq!(again.status(), 422);
    assert!(again.text().await.unwrap().contains("disabled"));
}
