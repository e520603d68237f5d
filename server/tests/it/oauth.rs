//! Sign-in with Google or GitHub (issue 19 part 9), against a local fake provider that our
//! real `oauth2` client talks to over HTTP (authorize, token with PKCE, profile): a verified
//! address makes a confirmed account or links the confirmed one that has it, and later
//! sign-ins find it by the provider's id; a forged or replayed state, a declined consent, an
//! unverified address, an unconfirmed local account and a staff account are each refused
//! with their reason on `/login`, and nobody is signed in; a provider is off unless set.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::accounts::demo::create_verified;
use domain::db::schema::{user_identities, users};

use crate::util::TestApp;
use crate::util::oauth_server::{OAuthServer, Person};
use crate::util::people::{PASSWORD, browser, location};

async fn app_with(provider: &OAuthServer, name: &str) -> TestApp {
    let mut builder = TestApp::new();
    for (key, value) in provider.env(name) {
        builder = builder.with_env(&key, &value);
    }
    builder.build().await
}

fn person(subject: &str, email: &str, verified: bool) -> Person {
    Person {
        subject: subject.to_owned(),
        email: email.to_owned(),
        verified,
        name: "Olga Oauth".to_owned(),
        declines: false,
    }
}

/// A browser's navigation to `url` (it accepts HTML, so a server function answers with its
/// redirect).
async fn nav(browser: &reqwest::Client, url: &str) -> reqwest::Response {
    browser
        .get(url)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap()
}

/// Starts a sign-in with `provider` in `browser` and goes through the fake provider's page:
/// the callback path the provider sends the browser back to.
async fn through_provider(app: &TestApp, browser: &reqwest::Client, provider: &str) -> String {
    let r = nav(
        browser,
        &app.url(&format!("/auth/start?provider={provider}&next=%2Forders")),
    )
    .await;
    assert_eq!(r.status(), 302, "sent to the provider");
    let authorize = location(&r);
    assert!(authorize.contains("code_challenge="), "{authorize}");
    assert!(authorize.contains("state="), "{authorize}");
    // The provider's page (a browser of its own: the provider's cookies are not ours).
    let r = browser.get(&authorize).send().await.unwrap();
    let back = location(&r);
    back.trim_start_matches(&app.url("")).to_owned()
}

/// The account page's HTML as `browser` sees it (signed in: it names the address).
async fn account(app: &TestApp, browser: &reqwest::Client) -> String {
    browser
        .get(app.url("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn users_with(app: &TestApp, email: &str) -> i64 {
    users::table
        .filter(users::email.eq(email))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn google_makes_a_confirmed_account_and_finds_it_again_by_its_id() {
    let provider = OAuthServer::start().await;
    let app = app_with(&provider, "GOOGLE").await;
    provider.sign_in_as(person("g-1001", "Olga@Example.com", true));
    let olga = browser();
    let callback = through_provider(&app, &olga, "google").await;
    assert!(
        callback.starts_with("/auth/google/callback?code="),
        "{callback}"
    );
    let r = nav(&olga, &app.url(&callback)).await;
    assert_eq!(r.status(), 302);
    assert_eq!(location(&r), "/orders", "on to where the sign-in began");
    assert!(account(&app, &olga).await.contains("olga@example.com"));
    let (verified, role): (Option<time::OffsetDateTime>, String) = users::table
        .filter(users::email.eq("olga@example.com"))
        .select((users::email_verified_at, users::role))
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert!(
        verified.is_some(),
        "confirmed by the provider's verification"
    );
    assert_eq!(role, "customer");

    // The same callback again (a replay): its state was used up.
    let r = nav(&olga, &app.url(&callback)).await;
    assert_eq!(location(&r), "/login?oauth_error=state");

    // Later, from another browser, with another address at Google: the same account, by id.
    provider.sign_in_as(person("g-1001", "olga.new@example.com", true));
    let again = browser();
    let callback = through_provider(&app, &again, "google").await;
    let r = nav(&again, &app.url(&callback)).await;
    assert_eq!(location(&r), "/orders");
    assert!(account(&app, &again).await.contains("olga@example.com"));
    assert_eq!(users_with(&app, "olga.new@example.com").await, 0);
    let links: i64 = user_identities::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(links, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn github_links_the_confirmed_account_with_its_verified_address() {
    let provider = OAuthServer::start().await;
    let app = app_with(&provider, "GITHUB").await;
    create_verified(
        &mut *app.conn().await,
        "ana@example.com",
        "Ana",
        PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
    provider.sign_in_as(person("4242", "ana@example.com", true));
    let ana = browser();
    let callback = through_provider(&app, &ana, "github").await;
    assert!(callback.starts_with("/auth/github/callback?code="));
    let r = nav(&ana, &app.url(&callback)).await;
    assert_eq!(location(&r), "/orders");
    assert!(account(&app, &ana).await.contains("ana@example.com"));
    assert_eq!(
        users_with(&app, "ana@example.com").await,
        1,
        "no second account"
    );
    let linked: (String, String) = user_identities::table
        .select((user_identities::provider, user_identities::subject))
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(linked, ("github".to_owned(), "4242".to_owned()));
    // Google is not configured here: it is off, and so is a provider we do not know.
    for provider in ["google", "myspace"] {
        let r = nav(&ana, &app.url(&format!("/auth/start?provider={provider}"))).await;
        assert_eq!(location(&r), "/login?oauth_error=off");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn forged_state_declined_consent_and_unsafe_links_are_refused() {
    let provider = OAuthServer::start().await;
    let app = app_with(&provider, "GOOGLE").await;
    let refused = |r: &reqwest::Response| {
        location(r)
            .trim_start_matches("/login?oauth_error=")
            .to_owned()
    };

    // A forged state: the code is real, the state is not the one this session was given.
    provider.sign_in_as(person("g-1", "eve@example.com", true));
    let eve = browser();
    let callback = through_provider(&app, &eve, "google").await;
    let forged = callback
        .split("&state=")
        .next()
        .map(|head| format!("{head}&state=forged"))
        .unwrap();
    let r = nav(&eve, &app.url(&forged)).await;
    assert_eq!(refused(&r), "state");
    // A callback in a browser that never started one (a login CSRF): refused too.
    let victim = browser();
    let r = nav(&victim, &app.url(&callback)).await;
    assert_eq!(refused(&r), "state");
    assert!(!account(&app, &victim).await.contains("eve@example.com"));
    assert_eq!(users_with(&app, "eve@example.com").await, 0);

    // A declined consent.
    let mut declining = person("g-2", "dan@example.com", true);
    declining.declines = true;
    provider.sign_in_as(declining);
    let dan = browser();
    let callback = through_provider(&app, &dan, "google").await;
    assert!(callback.contains("error=access_denied"));
    let r = nav(&dan, &app.url(&callback)).await;
    assert_eq!(refused(&r), "denied");

    // An address the provider did not verify: no account made, none signed in.
    provider.sign_in_as(person("g-3", "una@example.com", false));
    let una = browser();
    let callback = through_provider(&app, &una, "google").await;
    let r = nav(&una, &app.url(&callback)).await;
    assert_eq!(refused(&r), "unverified");
    assert_eq!(users_with(&app, "una@example.com").await, 0);

    // An account started here and never confirmed (perhaps someone else's claim on the
    // address): not taken over.
    let r = app
        .post_form(
            "/api/sign_up",
            "/signup",
            &[
                ("display_name", "Squatter"),
                ("email", "vera@example.com"),
                ("password", "a squatter's long password"),
            ],
        )
        .await;
    assert_eq!(r.status(), 302);
    provider.sign_in_as(person("g-4", "vera@example.com", true));
    let vera = browser();
    let callback = through_provider(&app, &vera, "google").await;
    let r = nav(&vera, &app.url(&callback)).await;
    assert_eq!(refused(&r), "unconfirmed");

    // A staff member's address: staff sign in with their password.
    create_verified(
        &mut *app.conn().await,
        "sam@example.com",
        "Sam",
        PASSWORD,
        Role::Staff,
    )
    .await
    .unwrap();
    provider.sign_in_as(person("g-5", "sam@example.com", true));
    let sam = browser();
    let callback = through_provider(&app, &sam, "google").await;
    let r = nav(&sam, &app.url(&callback)).await;
    assert_eq!(refused(&r), "staff");

    let links: i64 = user_identities::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(links, 0, "nothing was linked");

    // The sign-in page says why, and offers the provider that is on.
    let html = dan
        .get(app.url("/login?oauth_error=denied"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("You declined to share your account"));
    assert!(html.contains("/auth/start?provider=google"));
    assert!(!html.contains("/auth/start?provider=github"));
}
