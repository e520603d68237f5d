//! The HTTP layer under attack (issue 15): huge bodies, slow headers, private pages asked for
//! with any `Accept`, forged client addresses and request ids, cross-scheme posts, `/metrics`
//! without its token.

use std::time::{Duration, Instant};

use domain::accounts::Role;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::util::TestApp;
use crate::util::hostile::resident_bytes;
use crate::util::people::{PASSWORD, browser, location, sign_in_new};

/// Reads from `stream` until the end of the response head (or the connection ends).
async fn read_head(stream: &mut (impl AsyncReadExt + Unpin)) -> String {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// Posts to `/api/sign_in` with the header `framing`, sending `piece` again and again (200 MB
/// in all) while reading the answer; returns the answer's head.
async fn flood(app: &TestApp, framing: &str, piece: Vec<u8>) -> String {
    let mut stream = TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "POST /api/sign_in HTTP/1.1\r\nHost: {}\r\nOrigin: {}\r\nContent-Type: application/x-www-form-urlencoded\r\n{framing}\r\n\r\n",
        app.addr,
        app.url("")
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let sender = tokio::spawn(async move {
        for _ in 0..(200_000_000 / piece.len()) {
            if writer.write_all(&piece).await.is_err() {
                break;
            }
        }
    });
    let answer = tokio::time::timeout(Duration::from_secs(10), read_head(&mut reader))
        .await
        .unwrap();
    sender.abort();
    answer
}

#[tokio::test(flavor = "multi_thread")]
async fn a_huge_post_is_refused_with_413_and_memory_stays_flat() {
    let app = TestApp::start().await;
    let before = resident_bytes();

    // Declared: 200 MB with a Content-Length. Refused from the header alone.
    let answer = flood(&app, "Content-Length: 200000000", vec![b'a'; 64 * 1024]).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

    // Chunked, no length: read up to the limit, then refused.
    let chunk = vec![b'a'; 16 * 1024];
    let framed = [
        format!("{:x}\r\n", chunk.len()).into_bytes(),
        chunk,
        b"\r\n".to_vec(),
    ]
    .concat();
    let answer = flood(&app, "Transfer-Encoding: chunked", framed).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

    let grown = resident_bytes().saturating_sub(before);
    assert!(
        grown < 32 * 1024 * 1024,
        "memory grew by {} MiB",
        grown / 1024 / 1024
    );

    // An ordinary form still goes through.
    let response = app
        .post_api(
            "/api/sign_in",
            &[("email", "a@example.com"), ("password", "nope")],
        )
        .await;
    assert_eq!(response.status(), 422);
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_header_senders_are_cut_off_while_others_are_served() {
    let app = TestApp::new()
        .with_env("DAYDREAM_HEADER_TIMEOUT_SECONDS", "1")
        .with_env("DAYDREAM_MAX_CONNECTIONS", "64")
        .build()
        .await;
    // Fifty clients that send half a request header and then nothing, filling most of the cap.
    let mut slow = Vec::new();
    for _ in 0..50 {
        let mut stream = TcpStream::connect(app.addr).await.unwrap();
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            .await
            .unwrap();
        slow.push(stream);
    }
    let started = Instant::now();
    // Normal visitors are served meanwhile.
    for _ in 0..5 {
        let (status, _) = app.get_text("/healthz").await;
        assert_eq!(status, 200);
    }
    // Every slow client is disconnected within the timeout (and some slack).
    for mut stream in slow {
        let mut buf = [0u8; 512];
        let cut = tokio::time::timeout(Duration::from_secs(5), async {
            loop {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {} // hyper may answer 408 before closing
                }
            }
        })
        .await;
        assert!(cut.is_ok(), "a slow client was still held open");
    }
    assert!(started.elapsed() < Duration::from_secs(6));
    let (status, _) = app.get_text("/healthz").await;
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_connection_cap_makes_extra_clients_wait_not_crash() {
    let app = TestApp::new()
        .with_env("DAYDREAM_HEADER_TIMEOUT_SECONDS", "1")
        .with_env("DAYDREAM_MAX_CONNECTIONS", "4")
        .build()
        .await;
    // Four idle connections take every slot...
    let mut idle = Vec::new();
    for _ in 0..4 {
        idle.push(TcpStream::connect(app.addr).await.unwrap());
    }
    // ...so a fifth visitor waits until the header timeout frees one, and is then served.
    let started = Instant::now();
    let fresh = browser();
    let response = fresh.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "the fifth connection waited for a slot"
    );
    drop(idle);
}

/// GET `path` anonymously with this `Accept` header.
async fn anonymous_get(app: &TestApp, path: &str, accept: Option<&str>) -> reqwest::Response {
    let mut request = browser().get(app.url(path));
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    request.send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn private_pages_never_answer_an_empty_200_whatever_the_accept_header() {
    let app = TestApp::start().await;
    for path in ["/admin", "/orders", "/account", "/admin/orders"] {
        for accept in [Some("text/html"), Some("*/*"), None] {
            let response = anonymous_get(&app, path, accept).await;
            assert_eq!(response.status(), 302, "{path} with {accept:?}");
            assert!(
                location(&response).starts_with("/login?next=%2F"),
                "{path} with {accept:?}: {}",
                location(&response)
            );
        }
        let json = anonymous_get(&app, path, Some("application/json")).await;
        assert_eq!(json.status(), 401, "{path} for an API client");
    }
    sign_in_new(&app, "cleo@example.com", Role::Customer).await;
    for accept in ["text/html", "*/*"] {
        let response = app
            .client()
            .get(app.url("/admin"))
            .header("accept", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            403,
            "a customer on a staff page, {accept}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn private_pages_are_never_stored_by_caches() {
    let app = TestApp::start().await;
    for path in ["/cart", "/checkout", "/account", "/admin", "/orders"] {
        let response = app.get(path).await;
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
    let listing = app.get("/products").await;
    assert_ne!(
        listing
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap()),
        Some("no-store")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clients_request_id_is_not_trusted() {
    let app = TestApp::start().await;
    let response = browser()
        .get(app.url("/healthz"))
        .header("x-request-id", "forged-id")
        .send()
        .await
        .unwrap();
    let id = response.headers()["x-request-id"].to_str().unwrap();
    assert_ne!(id, "forged-id");
    assert_eq!(id.len(), 36, "a fresh UUID: {id}");

    // Behind a trusted proxy, the proxy's id is kept (for tracing across both).
    let proxied = TestApp::new()
        .with_env("DAYDREAM_TRUSTED_PROXIES", "127.0.0.1")
        .build()
        .await;
    let response = browser()
        .get(proxied.url("/healthz"))
        .header("x-request-id", "lb-1234")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "lb-1234");
}

/// Tries to sign in as `email` with a wrong password, as a client forwarded for `ip`.
async fn wrong_sign_in(app: &TestApp, email: &str, ip: &str) -> u16 {
    app.client()
        .post(app.url("/api/sign_in"))
        .header("origin", app.url(""))
        .header("accept", "application/json")
        .header("x-forwarded-for", ip)
        .form(&[("email", email), ("password", "not the password")])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread")]
async fn behind_a_trusted_proxy_each_visitor_has_their_own_limit() {
    // 3 a minute per account and client, so 9 per address across accounts.
    let app = TestApp::new()
        .with_env("DAYDREAM_TRUSTED_PROXIES", "127.0.0.1")
        .with_env("DAYDREAM_SIGN_IN_PER_MINUTE", "3")
        .build()
        .await;
    for i in 0..9 {
        let email = format!("a{i}@example.com");
        assert_eq!(wrong_sign_in(&app, &email, "203.0.113.5").await, 422);
    }
    assert_eq!(
        wrong_sign_in(&app, "b@example.com", "203.0.113.5").await,
        429
    );
    // Another visitor behind the same proxy is not locked out by the first.
    assert_eq!(
        wrong_sign_in(&app, "c@example.com", "198.51.100.6").await,
        422
    );
    // A client cannot escape its bucket by writing its own hop first: the proxy appends the
    // real address, and that is the one counted.
    assert_eq!(
        wrong_sign_in(&app, "d@example.com", "1.1.1.1, 203.0.113.5").await,
        429
    );
    // One IPv6 subscriber (one /64) is one visitor, whichever address it picks.
    for i in 1..=9 {
        let (ip, email) = (format!("2001:db8:1:2::{i}"), format!("e{i}@example.com"));
        assert_eq!(wrong_sign_in(&app, &email, &ip).await, 422);
    }
    assert_eq!(
        wrong_sign_in(&app, "f@example.com", "2001:db8:1:2:ffff::9").await,
        429
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn without_trusted_proxies_a_forged_forwarded_for_changes_nothing() {
    let app = TestApp::new()
        .with_env("DAYDREAM_SIGN_IN_PER_MINUTE", "3")
        .build()
        .await;
    for i in 0..3 {
        let forged = format!("10.0.0.{i}");
        assert_eq!(wrong_sign_in(&app, "a@example.com", &forged).await, 422);
    }
    assert_eq!(wrong_sign_in(&app, "a@example.com", "10.9.9.9").await, 429);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stranger_cannot_lock_the_owner_out_of_their_account() {
    let app = TestApp::new()
        .with_env("DAYDREAM_TRUSTED_PROXIES", "127.0.0.1")
        .with_env("DAYDREAM_SIGN_IN_PER_MINUTE", "3")
        .build()
        .await;
    domain::accounts::demo::create_verified(
        &mut *app.conn().await,
        "owner@example.com",
        "Owner",
        PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
    for _ in 0..3 {
        assert_eq!(
            wrong_sign_in(&app, "owner@example.com", "203.0.113.66").await,
            422
        );
    }
    assert_eq!(
        wrong_sign_in(&app, "owner@example.com", "203.0.113.66").await,
        429,
        "the stranger is slowed down"
    );
    let owner = browser()
        .post(app.url("/api/sign_in"))
        .header("origin", app.url(""))
        .header("accept", "text/html")
        .header("x-forwarded-for", "198.51.100.20")
        .form(&[("email", "owner@example.com"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(owner.status(), 302);
    assert_eq!(location(&owner), "/account", "the owner signs in meanwhile");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_post_from_the_same_host_over_another_scheme_is_refused() {
    let app = TestApp::new()
        .with_env("DAYDREAM_PUBLIC_URL", "https://shop.example.com")
        .build()
        .await;
    let post = |origin: String| {
        let app = &app;
        async move {
            browser()
                .post(app.url("/api/sign_in"))
                .header("origin", origin)
                .header("accept", "application/json")
                .form(&[("email", "a@example.com"), ("password", "x")])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(
        post(format!("http://{}", app.addr)).await,
        403,
        "plain http"
    );
    assert_eq!(
        post(format!("https://{}", app.addr)).await,
        422,
        "same scheme"
    );
    assert_eq!(post("https://shop.example.com".to_owned()).await, 422);
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_need_the_bearer_token_when_one_is_set() {
    let token = "a-metrics-token-of-32-characters";
    let app = TestApp::new()
        .with_env("DAYDREAM_METRICS_TOKEN", token)
        .build()
        .await;
    let get = |auth: Option<&str>| {
        let mut request = browser().get(app.url("/metrics"));
        if let Some(auth) = auth {
            request = request.header("authorization", auth);
        }
        request.send()
    };
    assert_eq!(get(None).await.unwrap().status(), 401);
    assert_eq!(get(Some("Bearer wrong")).await.unwrap().status(), 401);
    let ok = get(Some(&format!("Bearer {token}"))).await.unwrap();
    assert_eq!(ok.status(), 200);
    assert!(ok.text().await.unwrap().contains("db_pool_connections"));

    let production = TestApp::new()
        .with_env("DAYDREAM_ENV", "production")
        .build()
        .await;
    let response = browser()
        .get(production.url("/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404, "no token, no metrics in production");
}
