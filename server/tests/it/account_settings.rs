//! The signed-in user's settings over HTTP: name, password, email change, style and sizes,
//! and sending the confirmation link again.

use app::AppError;
use app::accounts::profile_api::ProfileView;
use domain::accounts::Role;

use crate::util::TestApp;
use crate::util::people::{PASSWORD, browser, location, sign_in_new};

const EMAIL: &str = "ana@example.com";

async fn profile(app: &TestApp) -> ProfileView {
    let response = app.post_api("/api/profile", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn field_error(response: reqwest::Response, field: &str) -> String {
    assert_eq!(response.status(), 422);
    let error: AppError = response.json().await.unwrap();
    error
        .field_message(field)
        .unwrap_or_else(|| panic!("no message for {field}: {error:?}"))
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_need_a_signed_in_caller() {
    let app = TestApp::start().await;
    for page in ["/account", "/account/preferences", "/account/addresses"] {
        let response = app.get(page).await;
        assert_eq!(response.status(), 302, "{page}");
        assert!(location(&response).starts_with("/login?next=%2Faccount"));
    }
    for api in [
        "/api/profile",
        "/api/change_name",
        "/api/change_password",
        "/api/change_email",
        "/api/save_preferences",
    ] {
        let response = app
            .post_api(
                api,
                &[
                    ("display_name", "X"),
                    ("current_password", "x"),
                    ("new_password", "x"),
                    ("new_email", "x@example.com"),
                ],
            )
            .await;
        assert_eq!(response.status(), 401, "{api}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn renaming_shows_the_new_name_and_refuses_a_blank_one() {
    let app = TestApp::start().await;
    sign_in_new(&app, EMAIL, Role::Customer).await;
    let response = app
        .post_form(
            "/api/change_name",
            "/account",
            &[("display_name", "  Ana Maria ")],
        )
        .await;
    assert_eq!(location(&response), "/account?saved=name");
    let (status, page) = app.get_text("/account?saved=name").await;
    assert_eq!(status, 200);
    assert!(page.contains("Ana Maria") && page.contains("Your name is saved."));
    assert!(
        page.contains(r#"value="Ana Maria""#),
        "the form is filled in"
    );

    let blank = app
        .post_api("/api/change_name", &[("display_name", "   ")])
        .await;
    assert_eq!(field_error(blank, "display_name").await, "Enter your name.");
    assert_eq!(profile(&app).await.display_name, "Ana Maria");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_password_change_keeps_this_session_and_signs_out_the_others() {
    let app = TestApp::start().await;
    sign_in_new(&app, EMAIL, Role::Customer).await;
    let other = browser();
    let response = other
        .post(app.url("/api/sign_in"))
        .header("origin", app.url(""))
        .form(&[("email", EMAIL), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let wrong = app
        .post_api(
            "/api/change_password",
            &[
                ("current_password", "not it at all"),
                ("new_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(
        field_error(wrong, "current_password").await,
        "That is not your current password."
    );
    let weak = app
        .post_api(
            "/api/change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "password1"),
            ],
        )
        .await;
    assert!(
        field_error(weak, "new_password")
            .await
            .contains("most common")
    );

    let response = app
        .post_form(
            "/api/change_password",
            "/account",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/account?saved=password");
    assert_eq!(
        app.get("/account").await.status(),
        200,
        "still signed in here"
    );
    let elsewhere = other
        .get(app.url("/account"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 302, "the other browser was signed out");

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
}

#[tokio::test(flavor = "multi_thread")]
async fn an_email_change_waits_for_the_link_sent_to_the_new_address() {
    let app = TestApp::start().await;
    sign_in_new(&app, EMAIL, Role::Customer).await;
    create_confirmed(&app, "taken@example.com").await;

    let change = |new_email: &'static str, password: &'static str| {
        let app = &app;
        async move {
            app.post_api(
                "/api/change_email",
                &[("new_email", new_email), ("current_password", password)],
            )
            .await
        }
    };
    assert_eq!(
        field_error(
            change("ana.new@example.com", "wrong password").await,
            "current_password"
        )
        .await,
        "That is not your current password."
    );
    assert!(
        field_error(change("ANA@example.com", PASSWORD).await, "new_email")
            .await
            .contains("already your")
    );
    assert!(
        field_error(change("Taken@Example.com", PASSWORD).await, "new_email")
            .await
            .contains("Another account")
    );
    assert!(
        field_error(change("not an email", PASSWORD).await, "new_email")
            .await
            .contains("like name@example.com")
    );
    assert!(
        app.sent_emails().await.is_empty(),
        "nothing mailed for refused changes"
    );

    let response = app
        .post_form(
            "/api/change_email",
            "/account",
            &[
                ("new_email", "ana.new@example.com"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(location(&response), "/account?saved=email");

    // Until confirmed, the account keeps its address and shows the pending one.
    let me = profile(&app).await;
    assert_eq!(me.email, EMAIL);
    assert_eq!(me.pending_email.as_deref(), Some("ana.new@example.com"));
    let (_, page) = app.get_text("/account").await;
    assert!(page.contains("Waiting for you to confirm"));
    let mails = app.sent_emails().await;
    assert_eq!(mails.len(), 2);
    let notice = mails.iter().find(|m| m.to_address == EMAIL).unwrap();
    assert!(notice.text_body.contains("ana.new@example.com"));
    assert_eq!(notice.subject, "Your email address is about to change");

    let link = app
        .link_in_email("ana.new@example.com", "/verify-email")
        .await;
    let token = link.split("token=").nth(1).unwrap().to_owned();
    let response = app
        .post_form("/api/verify_email", &link, &[("token", &token)])
        .await;
    assert_eq!(location(&response), "/account?verified=1");
    let me = profile(&app).await;
    assert_eq!(me.email, "ana.new@example.com");
    assert_eq!(me.pending_email, None);

    let old = app
        .post_api("/api/sign_in", &[("email", EMAIL), ("password", PASSWORD)])
        .await;
    assert_eq!(old.status(), 422, "the old address no longer signs in");
    let new = app
        .post_api(
            "/api/sign_in",
            &[("email", "ana.new@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(new.status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_confirmation_for_an_address_taken_meanwhile_is_refused() {
    let app = TestApp::start().await;
    sign_in_new(&app, EMAIL, Role::Customer).await;
    let response = app
        .post_api(
            "/api/change_email",
            &[
                ("new_email", "both@example.com"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let link = app.link_in_email("both@example.com", "/verify-email").await;
    // Someone else signs up with that address before the link is used.
    create_confirmed(&app, "both@example.com").await;
    let token = link.split("token=").nth(1).unwrap().to_owned();
    let response = app
        .post_api("/api/verify_email", &[("token", &token)])
        .await;
    assert!(
        field_error(response, "token")
            .await
            .contains("Another account")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn style_and_sizes_are_saved_and_every_bad_size_is_reported() {
    let app = TestApp::start().await;
    sign_in_new(&app, EMAIL, Role::Customer).await;
    let response = app
        .post_form(
            "/api/save_preferences",
            "/account/preferences",
            &[
                ("styles[]", "Vintage"),
                ("styles[]", "Minimalist"),
                ("styles[]", "Not offered"),
                ("colours[]", "Navy"),
                ("fit", "Slim"),
                ("top", "M"),
                ("waist_in", "32"),
                ("shoe_eu", "38,5"),
                ("height_cm", "170"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/account/preferences?saved=1");
    let me = profile(&app).await;
    assert_eq!(me.style.styles, ["Minimalist", "Vintage"]);
    assert_eq!(me.style.colours, ["Navy"]);
    assert_eq!(me.style.fit.as_deref(), Some("Slim"));
    assert_eq!(me.sizes.waist_in, Some(32));
    assert_eq!(me.sizes.shoe_eu.as_deref(), Some("38.5"));
    let (_, page) = app.get_text("/account/preferences").await;
    assert!(
        page.contains(r#"value="Vintage" checked"#),
        "ticked without JS"
    );
    assert!(page.contains(r#"value="38.5""#));

    let bad = app
        .post_api(
            "/api/save_preferences",
            &[("waist_in", "5"), ("height_cm", "tall"), ("fit", "baggy")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let error: AppError = bad.json().await.unwrap();
    for field in ["waist_in", "height_cm", "fit"] {
        assert!(error.field_message(field).is_some(), "{field}: {error:?}");
    }
    assert_eq!(
        profile(&app).await.sizes.waist_in,
        Some(32),
        "nothing saved"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_confirmation_link_can_be_sent_again_to_unconfirmed_accounts_only() {
    let app = TestApp::start().await;
    let response = app
        .post_form(
            "/api/sign_up",
            "/signup",
            &[
                ("display_name", "Bo"),
                ("email", "bo@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    let first = app.link_in_email("bo@example.com", "/verify-email").await;
    create_confirmed(&app, "done@example.com").await;

    for email in ["bo@example.com", "nobody@example.com", "done@example.com"] {
        let response = app
            .post_form(
                "/api/resend_verification",
                "/verify-email/resend",
                &[("email", email)],
            )
            .await;
        assert_eq!(
            location(&response),
            "/verify-email/resend?sent=1",
            "{email}"
        );
    }
    let mails = app.sent_emails().await;
    assert_eq!(
        mails.len(),
        2,
        "only the unconfirmed account got a second mail"
    );
    let second = app.link_in_email("bo@example.com", "/verify-email").await;
    assert_ne!(first, second);

    let old_token = first.split("token=").nth(1).unwrap().to_owned();
    let response = app
        .post_api("/api/verify_email", &[("token", &old_token)])
        .await;
    assert_eq!(response.status(), 422, "the older link was replaced");
    let token = second.split("token=").nth(1).unwrap().to_owned();
    let response = app
        .post_api("/api/verify_email", &[("token", &token)])
        .await;
    assert_eq!(response.status(), 200);
}

async fn create_confirmed(app: &TestApp, email: &str) {
    domain::accounts::demo::create_verified(
        &mut *app.conn().await,
        email,
        "Done",
        PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_up_reports_every_bad_field_at_once() {
    let app = TestApp::start().await;
    let response = app
        .post_api(
            "/api/sign_up",
            &[
                ("display_name", " "),
                ("email", "nope"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let error: AppError = response.json().await.unwrap();
    for field in ["display_name", "email", "password"] {
        assert!(error.field_message(field).is_some(), "{field}: {error:?}");
    }
}
