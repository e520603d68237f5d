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
