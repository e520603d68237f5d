//! A project's nested resources (issue 19 part 3): a due report is generated once by the
//! periodic job — stored, its next run a period on, its link mailed to the client's lead —
//! and opened by the client's people only (another client's → 404, anonymous → sign in), its
//! HTML escaping and its CSV neutralising what was typed; staff manage data sources, reports
//! and the AI integration over HTTP (audited, shown on the project page), clients cannot; the
//! budget's history follows each change of spending.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::db::schema::{audit_log, budget_snapshots, report_files, reports};
use domain::jobs::Job;
use domain::jobs::generate_reports::GenerateReports;
use domain::projects::access::{ClientRole, Viewer};
use domain::projects::data_sources::{self, DataSourceForm, Kind, SyncStatus};
use domain::projects::error::ProjectError;
use domain::projects::reports::{Frequency, ReportForm};
use domain::projects::tasks::{self, TaskForm, TaskStatus};
use domain::projects::{project, reports as report_domain};

use crate::util::TestApp;
use crate::util::people::{api_status, browser, location};
use crate::util::projects::{TwoClients, project_form, two_clients};

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> reqwest::Response {
    client.get(app.url(path)).send().await.unwrap()
}

/// A server function call that went through (200, or its redirect).
fn done(status: u16) -> bool {
    (200..400).contains(&status)
}

async fn file_count(app: &TestApp) -> i64 {
    report_files::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_due_report_is_generated_once_mailed_and_read_only_by_its_client() {
    let app = TestApp::start().await;
    let t: TwoClients = two_clients(&app).await;
    let mut conn = app.conn().await;
    // Something typed that must not run in the page nor in a spreadsheet.
    let hostile = TaskForm {
        title: "=HYPERLINK(\"http://evil.example\") <script>alert(1)</script>".to_owned(),
        status: TaskStatus::Doing,
        assignee_id: None,
        due_on: None,
        milestone_id: None,
    };
    tasks::create(&mut conn, &t.staff, t.acme.project, &hostile)
        .await
        .unwrap();
    let form = ReportForm {
        name: "Weekly status".to_owned(),
        frequency: Frequency::Weekly,
        description: "Progress and budget.".to_owned(),
        paused: false,
    };
    let report = report_domain::create(&mut conn, &t.staff, t.acme.project, &form)
        .await
        .unwrap();
    // A paused report of the other client is not generated.
    let paused = ReportForm {
        paused: true,
        ..form.clone()
    };
    report_domain::create(&mut conn, &t.staff, t.globex.project, &paused)
        .await
        .unwrap();
    drop(conn);

    GenerateReports::default()
        .run(&app.job_context())
        .await
        .unwrap();
    assert_eq!(file_count(&app).await, 1, "one file, for the due report");
    let next: time::OffsetDateTime = reports::table
        .find(report)
        .select(reports::next_run_at)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert!(next > time::OffsetDateTime::now_utc() + time::Duration::days(6));
    // Run again: nothing is due, nothing is made twice.
    GenerateReports::default()
        .run(&app.job_context())
        .await
        .unwrap();
    assert_eq!(file_count(&app).await, 1);

    // The client's admin (the project has no client lead) got the link.
    let link = app
        .link_in_email("ana@acme.example", "/dashboard/reports/")
        .await;
    let mails_to_gus = app
        .sent_emails()
        .await
        .into_iter()
        .filter(|m| m.to_address == "gus@globex.example")
        .count();
    assert_eq!(mails_to_gus, 0);

    // Ana reads it; the page runs no script and shows the typed title as text.
    let r = page(&app, &t.ana, &link).await;
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    let html = r.text().await.unwrap();
    assert!(html.contains("Acme data platform") && html.contains("Weekly status"));
    assert!(html.contains("Connect the ERP"));
    assert!(!html.contains("<script>alert(1)"), "typed HTML is escaped");
    assert!(html.contains("alert(1)"));
    // The CSV: budget first, then the tasks, the formula neutralised.
    let r = page(&app, &t.vic, &format!("{link}/csv")).await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let csv = r.text().await.unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("record,name,status,milestone,due_on,done_on,budget,spent,currency")
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("budget,Acme data platform,active,")
    );
    assert!(csv.contains("10000.00,1000.00,EUR"));
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");

    // Another client's person: not found; nobody signed in: sent to sign in.
    assert_eq!(page(&app, &t.gus, &link).await.status(), 404);
    assert_eq!(
        page(&app, &t.gus, &format!("{link}/csv")).await.status(),
        404
    );
    let anonymous = browser();
    let r = page(&app, &anonymous, &link).await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).starts_with("/login?next="));

    // The project page lists the file for the client's viewer.
    let html = page(
        &app,
        &t.vic,
        &format!("/dashboard/projects/{}", t.acme.project),
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(
        html.contains(&link),
        "the file is listed on the project page"
    );
    assert!(html.contains("data-testid=\"chart-burn\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_manage_the_resources_and_clients_cannot() {
    let app = TestApp::start().await;
    let t: TwoClients = two_clients(&app).await;
    let project = t.acme.project.to_string();
    let source = [
        ("project", project.as_str()),
        ("name", "Sales warehouse"),
        ("kind", "snowflake"),
        ("sync_status", "connected"),
        ("last_sync_at", "2026-11-30T09:30"),
        ("record_count", "1,250,000"),
    ];
    // A client's admin and a viewer cannot, whatever the project.
    for who in [&t.ana, &t.vic, &t.gus] {
        assert_eq!(
            api_status(&app, who, "/api/admin_save_data_source", &source).await,
            403
        );
    }
    // Staff can, without JavaScript: back to the editor's part.
    let r = app
        .post_form_as(
            &t.sam,
            "/api/admin_save_data_source",
            "/admin/projects",
            &source,
        )
        .await;
    assert_eq!(r.status(), 302);
    assert_eq!(
        location(&r),
        format!("/admin/projects/{project}#data-sources")
    );
    // Bad input: a clear 422 naming the field.
    let mut bad = source.to_vec();
    bad[5] = ("record_count", "lots");
    assert_eq!(
        api_status(&app, &t.sam, "/api/admin_save_data_source", &bad).await,
        422
    );
    let ai = [
        ("project", project.as_str()),
        ("enabled", "true"),
        ("features", "Document search, summaries"),
        ("models", "gpt-4.1-mini"),
        ("documents_indexed", "1200"),
        ("last_refresh_at", ""),
        ("requests_30d", "2000"),
        ("errors_30d", "37"),
    ];
    let mut impossible = ai.to_vec();
    impossible[7] = ("errors_30d", "2001");
    assert_eq!(
        api_status(&app, &t.sam, "/api/admin_save_ai", &impossible).await,
        422
    );
    assert_eq!(
        api_status(&app, &t.ana, "/api/admin_save_ai", &ai).await,
        403
    );
    assert!(done(
        api_status(&app, &t.sam, "/api/admin_save_ai", &ai).await
    ));
    let report = [
        ("project", project.as_str()),
        ("name", "Monthly board pack"),
        ("frequency", "monthly"),
        ("description", "For the board."),
    ];
    assert!(done(
        api_status(&app, &t.sam, "/api/admin_save_report", &report).await
    ));

    // The client's viewer sees all of it; the error rate is computed (37 / 2000).
    let html = page(&app, &t.vic, &format!("/dashboard/projects/{project}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Sales warehouse") && html.contains("Snowflake"));
    assert!(html.contains("1,250,000"));
    assert!(html.contains("1.9%"), "the error rate");
    assert!(html.contains("Monthly board pack"));
    assert!(html.contains("connected the data source “Sales warehouse”"));

    // Generate now (staff only); the lead's mail goes out at once.
    let report_id: uuid::Uuid = reports::table
        .select(reports::id)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    let id = report_id.to_string();
    assert_eq!(
        api_status(&app, &t.ana, "/api/admin_generate_report", &[("id", &id)]).await,
        403
    );
    assert!(done(
        api_status(&app, &t.sam, "/api/admin_generate_report", &[("id", &id)]).await
    ));
    assert_eq!(file_count(&app).await, 1);

    // In the domain: another client's person finds nothing; a colleague may not.
    let mut conn = app.conn().await;
    let acme_project = domain::projects::project::visible(&mut conn, &t.staff, t.acme.project)
        .await
        .unwrap();
    let sources = data_sources::for_project(&mut conn, acme_project)
        .await
        .unwrap();
    let gus_account = domain::accounts::queries::find_by_email(&mut conn, "gus@globex.example")
        .await
        .unwrap()
        .unwrap();
    let gus = domain::projects::access::viewer_of(&mut conn, &gus_account)
        .await
        .unwrap()
        .unwrap();
    assert!(matches!(
        gus,
        Viewer::Client {
            role: ClientRole::Admin,
            ..
        }
    ));
    let form = DataSourceForm {
        name: "Renamed".to_owned(),
        kind: Kind::Csv,
        status: SyncStatus::Error,
        last_sync_at: None,
        record_count: 0,
    };
    for attempt in [
        data_sources::update(&mut conn, &gus, sources[0].id, &form).await,
        data_sources::delete(&mut conn, &gus, sources[0].id).await,
    ] {
        assert!(
            matches!(attempt, Err(ProjectError::NotFound)),
            "{attempt:?}"
        );
    }
    assert!(matches!(
        domain::projects::project::visible(&mut conn, &gus, t.acme.project).await,
        Err(ProjectError::NotFound)
    ));
    let file: uuid::Uuid = report_files::table
        .select(report_files::id)
        .first(&mut conn)
        .await
        .unwrap();
    assert!(matches!(
        report_domain::file(&mut conn, &gus, file).await,
        Err(ProjectError::NotFound)
    ));
    // Every write is in the audit log.
    let actions: Vec<String> = audit_log::table
        .filter(audit_log::subject_type.eq_any(["data_source", "report", "ai_integration"]))
        .select(audit_log::action)
        .load(&mut conn)
        .await
        .unwrap();
    for action in [
        "data_source.create",
        "ai_integration.update",
        "report.create",
        "report.generate",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action}: {actions:?}");
    }
    // Removing a report takes its files with it.
    assert!(done(
        api_status(&app, &t.sam, "/api/admin_delete_report", &[("id", &id)]).await
    ));
    assert_eq!(file_count(&app).await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn each_change_of_spending_is_kept_for_the_burn_chart() {
    let app = TestApp::start().await;
    let t: TwoClients = two_clients(&app).await;
    let mut conn = app.conn().await;
    let mut form = project_form(t.acme.id, "Acme data platform", "data-platform");
    form.spent_cents = 450_000;
    project::update(&mut conn, &t.staff, t.acme.project, &form)
        .await
        .unwrap();
    let rows: Vec<(time::Date, i64)> = budget_snapshots::table
        .filter(budget_snapshots::project_id.eq(t.acme.project))
        .select((budget_snapshots::taken_on, budget_snapshots::spent_cents))
        .load(&mut conn)
        .await
        .unwrap();
    // One row per day: today's holds the latest figure.
    assert_eq!(
        rows,
        vec![(time::OffsetDateTime::now_utc().date(), 450_000)]
    );
    let acme_project = domain::projects::project::visible(&mut conn, &t.staff, t.acme.project)
        .await
        .unwrap();
    let history = domain::projects::burn::history(&mut conn, acme_project)
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
}
