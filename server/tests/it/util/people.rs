//! People for tests: a verified account signed in on the app's client, a second browser, and
//! what a browser reads off an answer (the `Location` of a redirect, a hidden form value).

use domain::accounts::Role;
use domain::accounts::demo::create_verified;

use super::TestApp;

/// The password of every account these helpers create.
pub const PASSWORD: &str = "a good long password";

/// Creates a verified account with `role` and signs the app's client in as it.
pub async fn sign_in_new(app: &TestApp, email: &str, role: Role) {
    create_verified(&mut *app.conn().await, email, "Pat", PASSWORD, role)
        .await
        .unwrap();
    let response = app
        .post_form(
            "/api/sign_in",
            "/login",
            &[("email", email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 302, "signed in as {email}");
}

/// Signs `client` in as the existing account `email`.
pub async fn sign_in_as(app: &TestApp, client: &reqwest::Client, email: &str, password: &str) {
    let response = app
        .post_form_as(
            client,
            "/api/sign_in",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await;
    assert_eq!(response.status(), 302, "signed in as {email}");
}

/// Another browser: its own cookies, redirects not followed.
pub fn browser() -> reqwest::Client {
    domain::tls::install_crypto_provider();
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Where a redirect points.
pub fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// The value of the hidden input `name` in `html`.
pub fn hidden(html: &str, name: &str) -> String {
    let at = html
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("no input {name}"));
    let rest = &html[at..];
    let v = rest.find("value=\"").unwrap() + 7;
    rest[v..v + rest[v..].find('"').unwrap()].to_owned()
}

/// The `src` of the `<img>` with `data-testid="{testid}"` in `html`.
pub fn img_src(html: &str, testid: &str) -> Option<String> {
    let at = html.find(&format!("data-testid=\"{testid}\""))?;
    let start = html[..at].rfind("<img")?;
    let tag = &html[start..at];
    let src = tag.find("src=\"")? + 5;
    Some(tag[src..src + tag[src..].find('"')?].replace("&amp;", "&"))
}

/// Another browser, signed in as a new verified customer `email`.
pub async fn another_customer(app: &TestApp, email: &str) -> reqwest::Client {
    let client = browser();
    create_verified(
        &mut *app.conn().await,
        email,
        "Eve",
        PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
    sign_in_as(app, &client, email, PASSWORD).await;
    client
}

/// The status of a form POST from `client` as the browser's WASM sends it (JSON accepted, so
/// a refusal is its real 4xx rather than a bounce back to the page).
pub async fn api_status(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> u16 {
    client
        .post(app.url(path))
        .header("origin", app.url(""))
        .header("accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}
