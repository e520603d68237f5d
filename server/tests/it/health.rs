//! `/healthz`, `/readyz` and `/metrics`.

use crate::util::TestApp;

#[tokio::test(flavor = "multi_thread")]
async fn healthz_and_readyz_answer_when_the_database_is_up() {
    let app = TestApp::start().await;
    assert_eq!(app.get_text("/healthz").await, (200, "ok\n".to_owned()));
    assert_eq!(app.get_text("/readyz").await, (200, "ready\n".to_owned()));
    let (_, home) = app.get_text("/").await;
    assert!(
        !home.contains("shop-window-unavailable"),
        "no outage notice"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn readyz_is_503_when_the_database_is_down_but_healthz_stays_200() {
    let app = TestApp::new().with_unreachable_database().build().await;
    assert_eq!(app.get_text("/healthz").await.0, 200);
    let (status, body) = app.get_text("/readyz").await;
    assert_eq!(status, 503);
    assert_eq!(body, "database unreachable\n");
    // The home page still renders its own content, and says the shop window is unavailable
    // instead of silently leaving it out.
    let (status, home) = app.get_text("/").await;
    assert_eq!(status, 200);
    assert!(home.contains("Turn your photos into art you can hang."));
    assert!(
        home.contains(r#"data-testid="shop-window-unavailable""#),
        "{home}"
    );
    assert!(!home.contains(r#"data-testid="featured""#));
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_count_requests_by_route_and_report_the_pool() {
    let app = TestApp::start().await;
    for _ in 0..3 {
        app.get("/healthz").await;
    }
    app.get("/definitely-missing").await;
    let (status, text) = app.get_text("/metrics").await;
    assert_eq!(status, 200);
    let healthz = text
        .lines()
        .find(|l| l.starts_with("http_requests_total") && l.contains("route=\"/healthz\""))
        .unwrap_or_else(|| panic!("no healthz counter in:\n{text}"));
    let count: f64 = healthz.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(count >= 3.0, "{healthz}");
    assert!(
        text.contains("http_request_duration_seconds_bucket"),
        "latency histogram"
    );
    assert!(text.contains("status=\"404\""), "the 404 is counted");
    assert!(text.contains("db_pool_max_size 4"), "{text}");
    assert!(
        text.contains("jobs{status=\"dead\"} 0"),
        "job queue gauges: {text}"
    );
}
