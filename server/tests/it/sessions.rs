//! The PostgreSQL session store and the session cookie.

use axum::Router;
use axum::routing::get;
use daydream::sessions::{COOKIE_NAME, PgSessionStore, layer};
use domain::jobs::delete_expired_sessions::DeleteExpiredSessions;
use domain::jobs::queue;
use domain::sessions::queries;
use time::OffsetDateTime;
use tower_sessions::Session;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::SessionStore;

use crate::util::TestApp;

fn record(expires_in: time::Duration) -> Record {
    let mut data = std::collections::HashMap::new();
    data.insert("user".to_owned(), serde_json::json!({"id": 7}));
    Record {
        id: Id::default(),
        data,
        expiry_date: OffsetDateTime::now_utc() + expires_in,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn store_creates_loads_saves_and_deletes() {
    let app = TestApp::start().await;
    let store = PgSessionStore::new(app.pool().clone());

    let mut rec = record(time::Duration::hours(1));
    store.create(&mut rec).await.unwrap();
    let loaded = store.load(&rec.id).await.unwrap().unwrap();
    assert_eq!(loaded.data["user"]["id"], 7);

    rec.data.insert("cart".into(), serde_json::json!(3));
    store.save(&rec).await.unwrap();
    assert_eq!(store.load(&rec.id).await.unwrap().unwrap().data["cart"], 3);

    store.delete(&rec.id).await.unwrap();
    assert!(store.load(&rec.id).await.unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn create_never_overwrites_an_existing_session() {
    let app = TestApp::start().await;
    let store = PgSessionStore::new(app.pool().clone());
    let mut first = record(time::Duration::hours(1));
    store.create(&mut first).await.unwrap();

    let mut second = record(time::Duration::hours(1));
    second.id = first.id;
    second
        .data
        .insert("user".into(), serde_json::json!({"id": 8}));
    store.create(&mut second).await.unwrap();

    assert_ne!(second.id, first.id, "a colliding id is replaced");
    assert_eq!(
        store.load(&first.id).await.unwrap().unwrap().data["user"]["id"],
        7
    );
    assert_eq!(
        store.load(&second.id).await.unwrap().unwrap().data["user"]["id"],
        8
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_sessions_do_not_load_and_are_deleted_by_the_periodic_job() {
    let app = TestApp::start().await;
    let store = PgSessionStore::new(app.pool().clone());
    let mut live = record(time::Duration::hours(1));
    let mut dead = record(time::Duration::seconds(-5));
    store.create(&mut live).await.unwrap();
    store.create(&mut dead).await.unwrap();
    assert!(
        store.load(&dead.id).await.unwrap().is_none(),
        "expired sessions never load"
    );

    let mut conn = app.conn().await;
    queue::enqueue(&mut conn, &DeleteExpiredSessions::default())
        .await
        .unwrap();
    let ran = app.run_pending_jobs().await;
    assert_eq!(ran.len(), 1);
    assert_eq!(ran[0].0.name, "delete_expired_sessions");

    assert!(
        queries::find_live(&mut conn, &live.id.to_string())
            .await
            .unwrap()
            .is_some()
    );
    let remaining: i64 = diesel_async::RunQueryDsl::get_result(
        diesel::QueryDsl::count(domain::db::schema::sessions::table),
        &mut conn,
    )
    .await
    .unwrap();
    assert_eq!(remaining, 1, "only the live session is left");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_cookie_is_http_only_lax_and_secure_on_https() {
    for (public_url, secure) in [
        ("http://127.0.0.1:1", false),
        ("https://shop.example.com", true),
    ] {
        let app = TestApp::new()
            .with_env("DAYDREAM_PUBLIC_URL", public_url)
            .build()
            .await;
        let router = Router::new()
            .route(
                "/touch",
                get(|session: Session| async move {
                    session.insert("n", 1).await.unwrap();
                    "ok"
                }),
            )
            .layer(layer(app.pool().clone(), &app.state.config));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });

        let response = reqwest::get(format!("http://{addr}/touch")).await.unwrap();
        let cookie = response.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(cookie.starts_with(&format!("{COOKIE_NAME}=")), "{cookie}");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert_eq!(cookie.contains("Secure"), secure, "{cookie}");
        assert!(cookie.contains("Max-Age="), "sessions expire: {cookie}");

        // The session really is in PostgreSQL.
        let id = cookie
            .split(';')
            .next()
            .unwrap()
            .split_once('=')
            .unwrap()
            .1
            .to_owned();
        let mut conn = app.conn().await;
        let row = queries::find_live(&mut conn, &id).await.unwrap().unwrap();
        assert_eq!(row.data["n"], 1);
    }
}
