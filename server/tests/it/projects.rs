//! The client project dashboard (issue 19, parts 1–2), over HTTP against real PostgreSQL: each
//! client's people see only their own client's projects, and every server function of the
//! dashboard, called by another client's person on this client's ids, answers 404 (the
//! isolation test); progress and the flags are computed from the work; a viewer reads, an
//! admin (or staff) moves tasks and marks milestones, audited; a client admin invites a
//! colleague, whose link works once, for the invited verified address only; colleagues are
//! removed, never the last admin.

use domain::accounts::Role;
use domain::accounts::demo::create_verified;
use domain::projects::access::Viewer;
use domain::projects::project::{self, Filter};
use domain::projects::tasks::{self, TaskStatus};

use crate::util::TestApp;
use crate::util::people::{PASSWORD, api_status, browser, location, sign_in_as};
use crate::util::projects::{TwoClients, two_clients};

/// The text of the element with `data-testid="{testid}"` in `html` (up to its first child).
fn text_of<'a>(html: &'a str, testid: &str) -> &'a str {
    let at = html
        .find(&format!("data-testid=\"{testid}\""))
        .unwrap_or_else(|| panic!("no {testid}"));
    let start = at + html[at..].find('>').unwrap() + 1;
    &html[start..start + html[start..].find('<').unwrap()]
}

/// `client`'s GET of `path`: status and body.
async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let r = client.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn each_client_sees_only_its_own_and_every_dashboard_call_on_anothers_ids_is_a_404() {
    let app = TestApp::start().await;
    let t: TwoClients = two_clients(&app).await;
    let (acme_project, globex_project) = (t.acme.project.to_string(), t.globex.project.to_string());

    // The dashboard lists one's own client's projects only; staff see both.
    let (status, gus_board) = page(&app, &t.gus, "/dashboard").await;
    assert_eq!(status, 200);
    assert!(gus_board.contains("Globex data platform"));
    assert!(
        !gus_board.contains("Acme data platform"),
        "another client's project is not listed"
    );
    let (_, staff_board) = page(&app, &t.sam, "/dashboard").await;
    assert!(
        staff_board.contains("Globex data platform") && staff_board.contains("Acme data platform")
    );

    // Every kind of record of Acme, asked for by Globex's admin: not found.
    let acme_task = t.acme.tasks[1].to_string();
    let acme_milestone = t.acme.milestone.to_string();
    let ana = t.ana_id.to_string();
    let calls: [(&str, Vec<(&str, &str)>); 4] = [
        ("/api/dashboard_project", vec![("id", &acme_project)]),
        (
            "/api/dashboard_move_task",
            vec![("id", &acme_task), ("status", "done")],
        ),
        (
            "/api/dashboard_mark_milestone",
            vec![("id", &acme_milestone), ("done", "true")],
        ),
        ("/api/dashboard_remove_colleague", vec![("user_id", &ana)]),
    ];
    for (path, form) in &calls {
        assert_eq!(api_status(&app, &t.gus, path, form).await, 404, "{path}");
    }
    let (status, _) = page(&app, &t.gus, &format!("/dashboard/projects/{acme_project}")).await;
    assert_eq!(status, 404, "another client's project page");
    // Nothing changed.
    let acme_admin = Viewer::Staff {
        user_id: t.staff.user_id(),
    };
    let task = tasks::get(&mut *app.conn().await, &acme_admin, t.acme.tasks[1])
        .await
        .unwrap();
    assert_eq!(task.status, TaskStatus::Todo);
    // And the same through the domain for each kind, so no page can forget it.
    let gus = domain::projects::access::viewer_of(
        &mut *app.conn().await,
        &domain::accounts::queries::find_by_email(&mut *app.conn().await, "gus@globex.example")
            .await
            .unwrap()
            .unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    let mut conn = app.conn().await;
    assert!(
        project::get(&mut conn, &gus, t.acme.project)
            .await
            .unwrap()
            .is_none()
    );
    assert!(matches!(
        project::visible(&mut conn, &gus, t.acme.project).await,
        Err(domain::projects::error::ProjectError::NotFound)
    ));
    assert!(tasks::get(&mut conn, &gus, t.acme.tasks[0]).await.is_err());
    assert!(
        domain::projects::clients::members(&mut conn, &gus, t.acme.id)
            .await
            .is_err()
    );
    assert!(
        domain::projects::invitations::list(&mut conn, &gus, t.acme.id)
            .await
            .is_err()
    );
    assert!(
        domain::projects::clients::get(&mut conn, &gus, t.acme.id)
            .await
            .unwrap()
            .is_none()
    );
    let listed = project::list(
        &mut conn,
        &gus,
        &Filter {
            client: Some(t.acme.id),
            ..Filter::default()
        },
    )
    .await
    .unwrap();
    assert!(
        listed.is_empty(),
        "a client filter cannot reach another client"
    );

    // Globex's own project opens for Gus.
    let (status, own) = page(
        &app,
        &t.gus,
        &format!("/dashboard/projects/{globex_project}"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(own.contains("Globex data platform"));

    // Anonymous callers are asked to sign in; a customer with no client gets no dashboard.
    assert_eq!(
        api_status(&app, &browser(), "/api/dashboard", &[]).await,
        401
    );
    create_verified(
        &mut conn,
        "carl@example.com",
        "Carl",
        PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
    let carl = browser();
    sign_in_as(&app, &carl, "carl@example.com", PASSWORD).await;
    let (status, none) = page(&app, &carl, "/dashboard").await;
    assert_eq!(status, 200);
    assert!(none.contains("data-testid=\"no-dashboard\""));
    assert!(!none.contains("data platform"));
    assert_eq!(
        api_status(
            &app,
            &carl,
            "/api/dashboard_project",
            &[("id", &globex_project)]
        )
        .await,
        404
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn progress_is_computed_from_the_work_and_only_admins_and_staff_change_it() {
    let app = TestApp::start().await;
    let t = two_clients(&app).await;
    let project = t.acme.project.to_string();
    let path = format!("/dashboard/projects/{project}");

    let (_, before) = page(&app, &t.vic, &path).await;
    assert!(before.contains("1 of 4 tasks done"), "one task of four");
    assert!(before.contains(">25 %<"), "progress is computed: 25 %");
    assert!(
        before.contains("<h2>Scope</h2>") && before.contains("<strong>ERP</strong>"),
        "the scope's Markdown, rendered"
    );
    assert!(
        !before.contains("data-testid=\"move-task\""),
        "a viewer gets no forms"
    );

    // A viewer cannot move a task.
    let task = t.acme.tasks[1].to_string();
    let form = [("id", task.as_str()), ("status", "done")];
    assert_eq!(
        api_status(&app, &t.vic, "/api/dashboard_move_task", &form).await,
        403
    );
    // The client's admin can (without JavaScript: a form post and back to the board).
    let (_, as_admin) = page(&app, &t.ana, &path).await;
    assert!(as_admin.contains("data-testid=\"move-task\""));
    let r = app
        .post_form_as(&t.ana, "/api/dashboard_move_task", &path, &form)
        .await;
    assert_eq!(r.status(), 302);
    assert_eq!(location(&r), format!("{path}#tasks"));
    let (_, after) = page(&app, &t.vic, &path).await;
    assert!(
        after.contains("2 of 4 tasks done") && after.contains(">50 %<"),
        "recomputed"
    );
    // A status that does not exist is refused next to the field.
    let bad = [("id", task.as_str()), ("status", "finished")];
    assert_eq!(
        api_status(&app, &t.ana, "/api/dashboard_move_task", &bad).await,
        422
    );
    // Staff mark the milestone reached.
    let milestone = t.acme.milestone.to_string();
    let done = [("id", milestone.as_str()), ("done", "true")];
    assert_eq!(
        api_status(&app, &t.vic, "/api/dashboard_mark_milestone", &done).await,
        403
    );
    assert!(api_status(&app, &t.sam, "/api/dashboard_mark_milestone", &done).await < 400);
    let (_, marked) = page(&app, &t.vic, &path).await;
    assert!(marked.contains("data-done=\"true\""));

    // Every change is in the audit log with who made it.
    let log = domain::audit::list(&mut *app.conn().await, Some("task"), 50, 0)
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "task.status" && e.actor_id == Some(t.ana_id))
    );

    // The flags: overdue once the due date passed, budget at risk when spending runs ahead.
    let mut conn = app.conn().await;
    let mut form =
        crate::util::projects::project_form(t.acme.id, "Acme data platform", "data-platform");
    form.due_on = Some(time::OffsetDateTime::now_utc().date() - time::Duration::days(1));
    form.spent_cents = 900_000;
    project::update(&mut conn, &t.staff, t.acme.project, &form)
        .await
        .unwrap();
    let p = project::get(&mut conn, &t.staff, t.acme.project)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.progress(), 50);
    assert!(p.overdue(time::OffsetDateTime::now_utc().date()));
    assert!(p.budget_at_risk(), "90 % spent at 50 % done");
    let (_, board) = page(&app, &t.vic, "/dashboard").await;
    assert!(board.contains("data-testid=\"overdue\"") && board.contains("data-testid=\"at-risk\""));
    assert_eq!(text_of(&board, "summary-overdue"), "1");
    // A filter by status keeps only matching projects.
    let (_, held) = page(&app, &t.sam, "/dashboard?status=on_hold").await;
    assert_eq!(text_of(&held, "project-count"), "0 projects");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_admin_invites_a_colleague_whose_link_works_once_for_that_address_only() {
    let app = TestApp::start().await;
    let t = two_clients(&app).await;

    // A viewer cannot invite; the admin can, and the link goes out by email.
    let invite = [("email", "nina@acme.example"), ("role", "client_viewer")];
    assert_eq!(
        api_status(&app, &t.vic, "/api/dashboard_invite", &invite).await,
        403
    );
    let bad = [("email", "not an address"), ("role", "client_viewer")];
    assert_eq!(
        api_status(&app, &t.ana, "/api/dashboard_invite", &bad).await,
        422
    );
    assert!(api_status(&app, &t.ana, "/api/dashboard_invite", &invite).await < 400);
    let link = app
        .link_in_email("nina@acme.example", "/dashboard/join/")
        .await;
    let join = link.trim_start_matches(&app.url("")).to_owned();
    let token = join.trim_start_matches("/dashboard/join/").to_owned();
    let (_, people) = page(&app, &t.ana, "/dashboard/people").await;
    assert!(people.contains("nina@acme.example") && people.contains("data-state=\"open\""));

    // Someone else holding the link cannot use it; nor can a forged one be used.
    let (status, other_view) = page(&app, &t.gus, &join).await;
    assert_eq!(status, 200);
    assert!(other_view.contains("data-testid=\"join-other-address\""));
    assert_eq!(
        api_status(&app, &t.gus, "/api/dashboard_join", &[("token", &token)]).await,
        422
    );
    assert_eq!(
        api_status(
            &app,
            &t.ana,
            "/api/dashboard_join",
            &[("token", "forged-token-of-43-characters-aaaaaaaaaaaa")]
        )
        .await,
        422
    );
    // Anonymous: the page says to sign in first.
    let (_, anonymous) = page(&app, &browser(), &join).await;
    assert!(anonymous.contains("data-testid=\"join-sign-in\""));

    // Nina signs up with the invited address, confirms it, and accepts.
    create_verified(
        &mut *app.conn().await,
        "nina@acme.example",
        "Nina",
        PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
    let nina = browser();
    sign_in_as(&app, &nina, "nina@acme.example", PASSWORD).await;
    let r = app
        .post_form_as(&nina, "/api/dashboard_join", &join, &[("token", &token)])
        .await;
    assert_eq!(r.status(), 302);
    assert_eq!(location(&r), "/dashboard?joined=1");
    let (_, board) = page(&app, &nina, "/dashboard").await;
    assert!(board.contains("Acme data platform") && !board.contains("Globex data platform"));
    // Once only.
    assert_eq!(
        api_status(&app, &nina, "/api/dashboard_join", &[("token", &token)]).await,
        422
    );

    // An unverified address cannot accept.
    assert!(
        api_status(
            &app,
            &t.ana,
            "/api/dashboard_invite",
            &[("email", "otto@acme.example"), ("role", "client_admin")]
        )
        .await
            < 400
    );
    let otto_link = app
        .link_in_email("otto@acme.example", "/dashboard/join/")
        .await;
    let otto_token = otto_link.rsplit('/').next().unwrap().to_owned();
    let hash = domain::accounts::password::hash(PASSWORD.to_owned())
        .await
        .unwrap();
    let otto = domain::accounts::service::insert_user(
        &mut *app.conn().await,
        "otto@acme.example",
        "Otto",
        &hash,
        Role::Customer,
    )
    .await
    .unwrap();
    // An unconfirmed account cannot even sign in; the domain refuses it as well.
    let refused =
        domain::projects::invitations::accept(&mut *app.conn().await, &otto_token, &otto).await;
    assert!(
        matches!(
            refused,
            Err(domain::projects::invitations::AcceptError::Unverified)
        ),
        "{refused:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn admins_remove_colleagues_but_never_the_last_admin() {
    let app = TestApp::start().await;
    let t = two_clients(&app).await;
    let vic = t.vic_id.to_string();
    let ana = t.ana_id.to_string();
    assert_eq!(
        api_status(
            &app,
            &t.vic,
            "/api/dashboard_remove_colleague",
            &[("user_id", &ana)]
        )
        .await,
        403,
        "a viewer removes nobody"
    );
    assert_eq!(
        api_status(
            &app,
            &t.ana,
            "/api/dashboard_remove_colleague",
            &[("user_id", &ana)]
        )
        .await,
        409,
        "the last admin stays"
    );
    assert!(
        api_status(
            &app,
            &t.ana,
            "/api/dashboard_remove_colleague",
            &[("user_id", &vic)]
        )
        .await
            < 400
    );
    let (_, gone) = page(&app, &t.vic, "/dashboard").await;
    assert!(
        gone.contains("data-testid=\"no-dashboard\""),
        "Vic no longer sees Acme"
    );
}

/// Reads `response`'s stream into `text` until it holds `needle` `times` times, or `wait`
/// passes; whether it did.
async fn heard(
    response: &mut reqwest::Response,
    text: &mut String,
    needle: &str,
    times: usize,
    wait: std::time::Duration,
) -> bool {
    let read = async {
        while text.matches(needle).count() < times {
            match response.chunk().await.unwrap() {
                Some(chunk) => text.push_str(&String::from_utf8_lossy(&chunk)),
                None => return,
            }
        }
    };
    let _ = tokio::time::timeout(wait, read).await;
    text.matches(needle).count() >= times
}

#[tokio::test(flavor = "multi_thread")]
async fn open_project_pages_hear_their_own_projects_changes_only() {
    use std::time::Duration;
    let app = TestApp::start().await;
    let t = two_clients(&app).await;
    let acme = format!("/dashboard/projects/{}/events", t.acme.project);
    let globex = format!("/dashboard/projects/{}/events", t.globex.project);
    assert_eq!(
        browser().get(app.url(&acme)).send().await.unwrap().status(),
        401
    );
    assert_eq!(
        t.gus.get(app.url(&acme)).send().await.unwrap().status(),
        404,
        "another client's"
    );

    let mut vic = t.vic.get(app.url(&acme)).send().await.unwrap();
    let mut gus = t.gus.get(app.url(&globex)).send().await.unwrap();
    assert_eq!(vic.status(), 200);
    assert!(
        vic.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    let (mut vic_text, mut gus_text) = (String::new(), String::new());
    let long = Duration::from_secs(10);
    assert!(
        heard(
            &mut vic,
            &mut vic_text,
            "event: ready\ndata: listening",
            1,
            long
        )
        .await
    );
    assert!(heard(&mut gus, &mut gus_text, "event: ready", 1, long).await);

    // Staff move one of Acme's tasks: Acme's open page hears it, Globex's does not.
    let task = t.acme.tasks[2].to_string();
    let form = [("id", task.as_str()), ("status", "doing")];
    assert!(api_status(&app, &t.sam, "/api/dashboard_move_task", &form).await < 400);
    assert!(
        heard(
            &mut vic,
            &mut vic_text,
            "event: changed\ndata: changed",
            1,
            long
        )
        .await
    );
    assert!(
        !heard(
            &mut gus,
            &mut gus_text,
            "event: changed",
            1,
            Duration::from_millis(800)
        )
        .await,
        "{gus_text}"
    );
    // And the other way round, a milestone this time.
    let milestone = t.globex.milestone.to_string();
    let form = [("id", milestone.as_str()), ("done", "true")];
    assert!(api_status(&app, &t.gus, "/api/dashboard_mark_milestone", &form).await < 400);
    assert!(heard(&mut gus, &mut gus_text, "event: changed", 1, long).await);
    assert!(
        !vic_text.contains("data: {"),
        "the events carry nothing of the project"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_big_board_shows_each_columns_first_cards_and_the_rest_on_demand() {
    let app = TestApp::start().await;
    let t = two_clients(&app).await;
    {
        let mut conn = app.conn().await;
        for (status, n) in [
            (TaskStatus::Todo, 30),
            (TaskStatus::Doing, 27),
            (TaskStatus::Done, 22),
        ] {
            for i in 0..n {
                let form = tasks::TaskForm {
                    title: format!("{} {i}", status.label()),
                    status,
                    assignee_id: None,
                    due_on: None,
                    milestone_id: None,
                };
                tasks::create(&mut conn, &t.staff, t.acme.project, &form)
                    .await
                    .unwrap();
            }
        }
    }
    // Acme's own four: three to do, one done.
    let path = format!("/dashboard/projects/{}", t.acme.project);
    let (status, html) = page(&app, &t.vic, &path).await;
    assert_eq!(status, 200);
    let cards =
        |html: &str, status: &str| html.matches(&format!("data-status=\"{status}\"")).count();
    assert_eq!(cards(&html, "todo"), 25);
    assert_eq!(cards(&html, "doing"), 25);
    assert_eq!(cards(&html, "done"), 20);
    for (key, text) in [
        ("todo", "Show all 33 tasks to do"),
        ("doing", "Show all 27 tasks in progress"),
        ("done", "Show all 23 finished tasks"),
    ] {
        assert!(
            html.contains(&format!("data-testid=\"show-all-{key}\"")),
            "{key}"
        );
        assert!(html.contains(text), "{text}");
    }
    let (_, all) = page(&app, &t.vic, &format!("{path}?tasks=all")).await;
    assert_eq!(cards(&all, "todo"), 33);
    assert_eq!(cards(&all, "doing"), 27);
    assert_eq!(cards(&all, "done"), 23);
    assert!(!all.contains("data-testid=\"show-all-"));
}
