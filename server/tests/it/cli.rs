//! The `daydream` binary's answers to bad configuration and an unreachable database: a clear
//! message and an exit code, never a panic.

use std::process::Command;

fn daydream(env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_daydream"));
    cmd.arg("migrate")
        .env(
            "DAYDREAM_CONFIG",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../Leptos.toml"),
        )
        .env_remove("DATABASE_URL")
        .env("LOG_FORMAT", "text");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_bad_setting_stops_the_start_with_exit_code_2_and_names_it() {
    let (code, stderr) = daydream(&[("LEPTOS_SITE_ADDR", "not-an-address")]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("LEPTOS_SITE_ADDR"), "{stderr}");
    assert!(stderr.contains("not-an-address"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let (code, stderr) = daydream(&[("DAYDREAM_JOB_WORKERS", "-1")]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("DAYDREAM_JOB_WORKERS"), "{stderr}");
}

#[test]
fn an_unreachable_database_is_a_clear_error_not_a_panic() {
    let (code, stderr) = daydream(&[(
        "DATABASE_URL",
        "host=127.0.0.1 port=9 user=nobody dbname=nothing connect_timeout=2",
    )]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("cannot connect to the database"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn create_admin_makes_a_verified_admin_and_refuses_bad_input() {
    let db = crate::util::test_database::TestDatabase::new().await;
    let run = |email: &str, password: &str| {
        Command::new(env!("CARGO_BIN_EXE_daydream"))
            .args(["create-admin", "--email", email, "--name", "Ada Admin"])
            .env(
                "DAYDREAM_CONFIG",
                concat!(env!("CARGO_MANIFEST_DIR"), "/../Leptos.toml"),
            )
            .env("DATABASE_URL", &db.url)
            .env("DAYDREAM_ADMIN_PASSWORD", password)
            .output()
            .unwrap()
    };
    let bad = run("not-an-email", "a long admin password");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--email"));
    let weak = run("ada@example.com", "password");
    assert!(String::from_utf8_lossy(&weak.stderr).contains("common"));

    let ok = run("ada@example.com", "a long admin password");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let mut conn =
        <diesel_async::AsyncPgConnection as diesel_async::AsyncConnection>::establish(&db.url)
            .await
            .unwrap();
    let user = domain::accounts::queries::find_by_email(&mut conn, "ADA@example.com")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.role(), domain::accounts::Role::Admin);
    assert!(user.email_verified_at.is_some());

    let again = run("ada@example.com", "a long admin password");
    assert_eq!(again.status.code(), Some(1), "no duplicate");
}

/// Starts `daydream` (serve) in production on a fresh database with `extra` settings and
/// `prepare` run on that database first; returns the exit code and standard error, or `None`
/// for both when it started serving (it is then stopped).
async fn production_start(
    extra: &[(&str, &str)],
    prepare: impl AsyncFnOnce(&mut diesel_async::AsyncPgConnection),
) -> Option<(i32, String)> {
    let db = crate::util::test_database::TestDatabase::new().await;
    let mut conn =
        <diesel_async::AsyncPgConnection as diesel_async::AsyncConnection>::establish(&db.url)
            .await
            .unwrap();
    prepare(&mut conn).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let data =
        std::env::temp_dir().join(format!("daydream-prod-{}", uuid::Uuid::new_v4().simple()));
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_daydream"))
        .env(
            "DAYDREAM_CONFIG",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../Leptos.toml"),
        )
        .env("DATABASE_URL", &db.url)
        .env("DAYDREAM_ENV", "production")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("DAYDREAM_DATA_DIR", &data)
        .env("DAYDREAM_JOB_WORKERS", "0")
        .env("DAYDREAM_MEDIA_KEY", "a production media key, 32+ chars")
        .envs(extra.iter().copied())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    for _ in 0..120 {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                tokio::io::AsyncReadExt::read_to_string(&mut pipe, &mut stderr)
                    .await
                    .unwrap();
            }
            return Some((status.code().unwrap_or(-1), stderr));
        }
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            child.kill().await.unwrap();
            return None;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    panic!("daydream neither started nor stopped");
}

#[tokio::test(flavor = "multi_thread")]
async fn production_refuses_the_sandbox_without_explicit_consent() {
    let (code, stderr) = production_start(&[], async |_| {}).await.expect("refused");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("DAYDREAM_ALLOW_SANDBOX_PAYMENTS=true"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn production_refuses_demo_accounts() {
    let refused = production_start(
        &[("DAYDREAM_ALLOW_SANDBOX_PAYMENTS", "true")],
        async |conn| {
            domain::accounts::demo::ensure_demo_people(conn)
                .await
                .unwrap();
        },
    )
    .await;
    let (code, stderr) = refused.expect("refused");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("admin@daydream.localhost"), "{stderr}");
    assert!(
        !stderr.contains("DAYDREAM_ALLOW_SANDBOX_PAYMENTS=true"),
        "only the real reason: {stderr}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn production_refuses_demo_coupons() {
    let refused = production_start(
        &[("DAYDREAM_ALLOW_SANDBOX_PAYMENTS", "true")],
        async |conn| {
            domain::checkout::demo::ensure_demo_coupons(conn)
                .await
                .unwrap();
        },
    )
    .await;
    let (code, stderr) = refused.expect("refused");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("WELCOME10"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn production_refuses_to_sign_private_media_without_a_key() {
    let refused = production_start(
        &[
            ("DAYDREAM_ALLOW_SANDBOX_PAYMENTS", "true"),
            ("DAYDREAM_MEDIA_KEY", ""),
        ],
        async |_| {},
    )
    .await;
    let (code, stderr) = refused.expect("refused");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("DAYDREAM_MEDIA_KEY is not set"), "{stderr}");
    let short = production_start(&[("DAYDREAM_MEDIA_KEY", "too short")], async |_| {}).await;
    let (code, stderr) = short.expect("refused");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("at least 32 characters"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clean_production_with_consent_to_the_sandbox_starts() {
    let started =
        production_start(&[("DAYDREAM_ALLOW_SANDBOX_PAYMENTS", "true")], async |_| {}).await;
    assert!(started.is_none(), "it served: {started:?}");
}
