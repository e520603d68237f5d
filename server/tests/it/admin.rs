//! The staff's pages: who may see them, and the dev mailbox.

use domain::accounts::Role;
use domain::accounts::demo::create_verified;
use domain::email::outbox::{self, OutgoingEmail};

use crate::util::TestApp;
use crate::util::people::sign_in_new;

/// Creates a verified user with `role` and signs the app's client in as them.
async fn sign_in_as(app: &TestApp, role: Role) {
    sign_in_new(app, &format!("{}@example.com", role.as_str()), role).await;
}

async fn a_message(app: &TestApp) -> String {
    let email = OutgoingEmail {
        to: "ana@example.com".into(),
        subject: "Confirm your email address".into(),
        text: format!("Open {}/verify-email?token=abc to confirm.", app.url("")),
        html: String::new(),
    };
    outbox::queue_email(&mut *app.conn().await, &email)
        .await
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn anonymous_visitors_are_sent_to_sign_in_and_customers_get_403() {
    let app = TestApp::start().await;
    let response = app.get("/admin/mail").await;
    assert_eq!(response.status(), 302);
    assert_eq!(
        response.headers()["location"],
        "/login?next=%2Fadmin%2Fmail"
    );

    sign_in_as(&app, Role::Customer).await;
    let (status, body) = app.get_text("/admin/mail").await;
    assert_eq!(status, 403);
    assert_eq!(app.get_text("/admin").await.0, 403);
    assert!(body.contains("You are not allowed to do that."));
    let api = app.post_api("/api/admin_mail_list", &[]).await;
    assert_eq!(api.status(), 403, "the server function checks too");
}

#[tokio::test(flavor = "multi_thread")]
async fn admins_read_the_dev_mailbox_with_working_links() {
    let app = TestApp::start().await;
    let id = a_message(&app).await;
    sign_in_as(&app, Role::Admin).await;

    let (status, home) = app.get_text("/admin").await;
    assert_eq!(status, 200);
    assert!(
        home.contains("href=\"/admin/mail\""),
        "the admin home links to the mailbox in development"
    );

    let (status, list) = app.get_text("/admin/mail").await;
    assert_eq!(status, 200);
    assert!(
        list.contains("ana@example.com") && list.contains(&format!("/admin/mail/{id}")),
        "{list}"
    );
    assert!(list.contains("noindex"), "admin pages are not indexed");

    let (status, message) = app.get_text(&format!("/admin/mail/{id}")).await;
    assert_eq!(status, 200);
    let link = app.url("/verify-email?token=abc");
    assert!(
        message.contains(&format!("href=\"{link}\"")),
        "the link is clickable: {message}"
    );

    let (status, _) = app.get_text("/admin/mail/not-a-uuid").await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_see_the_job_monitor_and_retry_a_dead_job_with_an_audit_entry() {
    let app = TestApp::start().await;
    let id = domain::jobs::queue::enqueue_raw(
        &mut *app.conn().await,
        "no_such_job",
        "default",
        serde_json::json!({}),
        3,
        None,
    )
    .await
    .unwrap();
    app.run_pending_jobs().await; // unknown name: dead at once
    sign_in_as(&app, Role::Staff).await;

    let (status, page) = app.get_text("/admin/jobs?status=dead").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("no_such_job") && page.contains("no handler"),
        "{page}"
    );
    let (status, _) = app.get_text("/admin/jobs?status=done").await;
    assert_eq!(status, 200);
    let bad = app
        .post_api("/api/admin_jobs", &[("status", "zombie")])
        .await;
    assert_eq!(bad.status(), 422);

    let retried = app
        .post_form(
            "/api/admin_retry_job",
            "/admin/jobs",
            &[("id", &id.to_string())],
        )
        .await;
    assert_eq!(retried.headers()["location"], "/admin/jobs?status=pending");
    let job = domain::jobs::queue::find_by_id(&mut *app.conn().await, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.status, "pending");
    let audit = domain::audit::list(&mut *app.conn().await, Some("job"), 10, 0)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].action, "job.retry");
    assert_eq!(audit[0].subject_id, id.to_string());
    assert_eq!(audit[0].before.as_ref().unwrap()["status"], "dead");
    assert_eq!(audit[0].after.as_ref().unwrap()["status"], "pending");
    assert!(audit[0].request_id.is_some(), "the request id is kept");
    let (status, page) = app.get_text("/admin/audit?subject=job").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("job.retry") && page.contains("staff@example.com"),
        "{page}"
    );

    // Retrying a job that is not dead is a conflict, and writes nothing more.
    let again = app
        .post_api("/api/admin_retry_job", &[("id", &id.to_string())])
        .await;
    assert_eq!(again.status(), 409);
    assert_eq!(
        domain::audit::list(&mut *app.conn().await, None, 10, 0)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn customers_cannot_retry_jobs() {
    let app = TestApp::start().await;
    sign_in_as(&app, Role::Customer).await;
    let r = app.post_api("/api/admin_retry_job", &[("id", "1")]).await;
    assert_eq!(r.status(), 403);
    assert_eq!(app.get_text("/admin/jobs").await.0, 403);
    assert_eq!(app.get_text("/admin/audit").await.0, 403);
}

#[tokio::test(flavor = "multi_thread")]
async fn admins_change_roles_and_disable_accounts_but_not_their_own() {
    let app = TestApp::start().await;
    create_verified(
        &mut *app.conn().await,
        "cleo@example.com",
        "Cleo",
        "a good long password",
        Role::Customer,
    )
    .await
    .unwrap();
    let cleo = domain::accounts::queries::find_by_email(&mut *app.conn().await, "cleo@example.com")
        .await
        .unwrap()
        .unwrap();
    // Cleo is signed in somewhere.
    let cleo_browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    cleo_browser
        .post(app.url("/api/sign_in"))
        .header("origin", app.url(""))
        .form(&[
            ("email", "cleo@example.com"),
            ("password", "a good long password"),
        ])
        .send()
        .await
        .unwrap();
    let cleo_account = || {
        cleo_browser
            .get(app.url("/account"))
            .header("accept", "text/html")
            .send()
    };
    assert_eq!(cleo_account().await.unwrap().status(), 200);

    sign_in_as(&app, Role::Admin).await;
    let (status, page) = app.get_text("/admin/customers?q=CLEO").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("cleo@example.com") && !page.contains("admin@example.com"),
        "search filters"
    );

    let id = cleo.id.to_string();
    let r = app
        .post_form(
            "/api/admin_update_customer",
            "/admin/customers",
            &[("id", &id), ("role", "staff"), ("plan", "premium")],
        )
        .await;
    assert_eq!(r.headers()["location"], "/admin/customers");
    let cleo = domain::accounts::queries::find_by_id(&mut *app.conn().await, cleo.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (cleo.role(), cleo.plan()),
        (Role::Staff, domain::accounts::Plan::Premium)
    );
    assert_eq!(
        cleo_account().await.unwrap().status(),
        302,
        "a privilege change signs her out"
    );

    let r = app
        .post_api(
            "/api/admin_update_customer",
            &[
                ("id", &id),
                ("role", "staff"),
                ("plan", "premium"),
                ("disabled", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(
        domain::accounts::queries::find_by_id(&mut *app.conn().await, cleo.id)
            .await
            .unwrap()
            .unwrap()
            .is_disabled()
    );

    let bad = app
        .post_api(
            "/api/admin_update_customer",
            &[("id", &id), ("role", "emperor"), ("plan", "free")],
        )
        .await;
    assert_eq!(bad.status(), 422);

    let me = domain::accounts::queries::find_by_email(&mut *app.conn().await, "admin@example.com")
        .await
        .unwrap()
        .unwrap();
    let demote_self = app
        .post_api(
            "/api/admin_update_customer",
            &[
                ("id", &me.id.to_string()),
                ("role", "customer"),
                ("plan", "free"),
            ],
        )
        .await;
    assert_eq!(demote_self.status(), 409);
    let audit = domain::audit::list(&mut *app.conn().await, Some("user"), 10, 0)
        .await
        .unwrap();
    assert_eq!(
        audit.len(),
        2,
        "two changes, each audited; refused ones are not"
    );
    assert_eq!(audit[1].before.as_ref().unwrap()["role"], "customer");
    assert_eq!(audit[1].after.as_ref().unwrap()["role"], "staff");
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_may_look_but_only_admins_may_change_accounts() {
    let app = TestApp::start().await;
    sign_in_as(&app, Role::Staff).await;
    assert_eq!(app.get_text("/admin/customers").await.0, 200);
    let me = domain::accounts::queries::find_by_email(&mut *app.conn().await, "staff@example.com")
        .await
        .unwrap()
        .unwrap();
    let r = app
        .post_api(
            "/api/admin_update_customer",
            &[
                ("id", &me.id.to_string()),
                ("role", "admin"),
                ("plan", "free"),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);
}

#[tokio::test(flavor = "multi_thread")]
async fn long_lists_are_paged_with_links_that_work_without_javascript() {
    let app = TestApp::start().await;
    sign_in_as(&app, Role::Admin).await;
    for _ in 0..55 {
        a_message(&app).await;
    }
    let (status, first) = app.get_text("/admin/mail").await;
    assert_eq!(status, 200);
    assert_eq!(first.matches("/admin/mail/").count(), 50);
    assert!(first.contains(r#"rel="next""#) && first.contains(r#"href="/admin/mail?page=2""#));
    assert!(!first.contains(r#"rel="prev""#));

    let (status, second) = app.get_text("/admin/mail?page=2").await;
    assert_eq!(status, 200);
    assert_eq!(second.matches("/admin/mail/").count(), 5);
    assert!(second.contains(r#"href="/admin/mail""#) && second.contains(r#"rel="prev""#));
    assert!(!second.contains(r#"rel="next""#));

    // Filters survive paging: 105 dead jobs among 7 pending ones page as 100 + 5, the link to
    // the second page keeps the filter, and that page shows only dead jobs.
    {
        use diesel::prelude::*;
        use diesel_async::RunQueryDsl;
        use domain::db::schema::jobs;
        use domain::jobs::queue::enqueue_raw;
        let mut conn = app.conn().await;
        let later = time::OffsetDateTime::now_utc() + time::Duration::days(1);
        for i in 0..112 {
            let id = enqueue_raw(
                &mut conn,
                "probe",
                "default",
                serde_json::json!({}),
                1,
                Some(later),
            )
            .await
            .unwrap();
            if i < 105 {
                diesel::update(jobs::table.find(id))
                    .set(jobs::status.eq("dead"))
                    .execute(&mut *conn)
                    .await
                    .unwrap();
            }
        }
    }
    let (_, dead) = app.get_text("/admin/jobs?status=dead").await;
    assert_eq!(dead.matches("<td>dead</td>").count(), 100);
    assert!(
        dead.contains(r#"href="/admin/jobs?status=dead&amp;page=2""#),
        "{dead}"
    );
    let (_, dead_2) = app.get_text("/admin/jobs?status=dead&page=2").await;
    assert_eq!(dead_2.matches("<td>dead</td>").count(), 5);
    assert_eq!(dead_2.matches("<td>pending</td>").count(), 0, "{dead_2}");
    let (_, all) = app.get_text("/admin/jobs").await;
    assert!(all.contains("<td>pending</td>"), "the pending ones exist");

    // Silly page numbers are clamped, never a 500.
    for silly in ["0", "-3", "abc", "1000000000"] {
        let (status, _) = app.get_text(&format!("/admin/mail?page={silly}")).await;
        assert_eq!(status, 200, "page={silly}");
    }
    let (_, far) = app.get_text("/admin/jobs?status=dead&page=9999").await;
    assert!(
        far.contains(r#"href="/admin/jobs?status=dead&amp;page=9998""#),
        "{far}"
    );
}
