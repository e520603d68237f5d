//! The home page, the 404 page and the headers every page carries.

use scraper::{Html, Selector};

use crate::util::TestApp;

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn attr(doc: &Html, css: &str, name: &str) -> Option<String> {
    select(doc, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .map(str::to_owned)
}

#[tokio::test(flavor = "multi_thread")]
async fn home_page_is_rendered_on_the_server_with_seo_tags() {
    let app = TestApp::start().await;
    let (status, body) = app.get_text("/").await;
    assert_eq!(status, 200);
    let doc = Html::parse_document(&body);

    let h1: String = select(&doc, "h1")[0].text().collect();
    assert_eq!(h1, "Turn your photos into art you can hang.");
    let title: String = select(&doc, "title")[0].text().collect();
    assert_eq!(title, "Daydream");
    let canonical = attr(&doc, "link[rel=canonical]", "href").unwrap();
    assert_eq!(canonical, app.url("/"));
    assert!(
        attr(&doc, "meta[name=description]", "content")
            .unwrap()
            .contains("styling studio")
    );
    assert_eq!(
        attr(&doc, "meta[property='og:url']", "content").unwrap(),
        app.url("/")
    );
    assert!(
        select(&doc, "meta[name=robots]").is_empty(),
        "the home page is indexable"
    );

    let json_ld: String = select(&doc, "script[type='application/ld+json']")[0].inner_html();
    let value: serde_json::Value = serde_json::from_str(&json_ld).unwrap();
    assert_eq!(value["@type"], "Organization");
    assert_eq!(value["url"], app.url("/"));

    // Before the studio's examples are drawn, "Try a style" links to the styles (the
    // examples themselves: studio_styles::the_home_page_shows_real_examples).
    assert!(
        !select(
            &doc,
            "[data-testid=style-picker-empty] a[href='/studio/styles']"
        )
        .is_empty(),
        "the empty picker links to the styles"
    );
    // The main navigation.
    for href in ["/products", "/studio", "/dashboard", "/account"] {
        assert!(
            !select(&doc, &format!("header a[href='{href}']")).is_empty(),
            "nav link {href}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_urls_answer_404_with_a_real_page() {
    let app = TestApp::start().await;
    let (status, body) = app.get_text("/no/such/page").await;
    assert_eq!(status, 404);
    let doc = Html::parse_document(&body);
    assert_eq!(select(&doc, "[data-testid=not-found]").len(), 1);
    assert_eq!(
        attr(&doc, "meta[name=robots]", "content").unwrap(),
        "noindex, nofollow"
    );
    let title: String = select(&doc, "title")[0].text().collect();
    assert_eq!(title, "Page not found · Daydream");
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_carry_security_headers_and_a_request_id() {
    let app = TestApp::start().await;
    let response = app.get("/").await;
    let headers = response.headers();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src "))
        .expect("a script-src directive");
    assert!(
        script_src.contains("'nonce-"),
        "pages get a per-response nonce: {csp}"
    );
    for unsafe_source in ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:"] {
        assert!(
            !script_src.split_whitespace().any(|s| s == unsafe_source),
            "scripts only from this site or with the nonce, not {unsafe_source}: {script_src}"
        );
    }
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(
        headers["referrer-policy"],
        "strict-origin-when-cross-origin"
    );
    assert!(
        headers.get("strict-transport-security").is_none(),
        "no HSTS over http"
    );
    assert_eq!(headers["x-request-id"].to_str().unwrap().len(), 36);

    // The nonce in the header is the one on the page's scripts, and differs per response.
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_owned();
    let body = response.text().await.unwrap();
    assert!(body.contains(&format!("nonce=\"{nonce}\"")));
    let second = app.get("/").await;
    assert!(
        !second.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains(&nonce)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn https_sites_send_hsts_and_secure_canonicals() {
    let app = TestApp::new()
        .with_env("DAYDREAM_PUBLIC_URL", "https://shop.example.com")
        .build()
        .await;
    let response = app.get("/").await;
    assert!(
        response.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
    let doc = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(
        attr(&doc, "link[rel=canonical]", "href").unwrap(),
        "https://shop.example.com/"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn responses_are_compressed_when_the_client_accepts_it() {
    let app = TestApp::start().await;
    let raw = reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .build()
        .unwrap();
    let br = raw
        .get(app.url("/"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(br.headers()["content-encoding"], "br");
    let gzip = raw
        .get(app.url("/"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    let plain = raw.get(app.url("/")).send().await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
}

/// An app whose site root is the repository's `public/` folder (the favicon and friends).
async fn serving_public_files() -> TestApp {
    TestApp::new()
        .with_env(
            "LEPTOS_SITE_ROOT",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../public"),
        )
        .build()
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn public_files_are_served_from_the_site_root() {
    let app = serving_public_files().await;
    let (status, body) = app.get_text("/favicon.svg").await;
    assert_eq!(status, 200);
    assert!(body.contains("<svg"));
}

/// Regression: Leptos' own file handler served root files inside whatever reactive owner the
/// worker thread had left over from a page still rendering, and took that page's headers (its
/// CSP, even its 404 status). Pages and root files requested together keep their own.
#[tokio::test(flavor = "multi_thread")]
async fn a_root_file_served_beside_rendering_pages_never_takes_their_headers() {
    let app = serving_public_files().await;
    for _round in 0..10 {
        let mut requests = tokio::task::JoinSet::new();
        for i in 0..24 {
            let path = match i % 3 {
                0 => "/",
                1 => "/favicon.svg",
                _ => "/no/such/page",
            };
            let request = app.client().get(app.url(path));
            requests.spawn(async move { (path, request.send().await.unwrap()) });
        }
        for (path, response) in requests.join_all().await {
            let csp = response.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .to_owned();
            match path {
                "/favicon.svg" => {
                    assert_eq!(response.status(), 200, "{path}");
                    assert_eq!(response.headers()["content-type"], "image/svg+xml");
                    assert!(!csp.contains("'nonce-"), "a file has no page nonce: {csp}");
                }
                _ => {
                    let expected = if path == "/" { 200 } else { 404 };
                    assert_eq!(response.status(), expected, "{path}");
                    assert!(csp.contains("'nonce-"), "{path} lost its page CSP: {csp}");
                }
            }
        }
    }
}
