//! A project's comments and the activity feed (issue 19 parts 4–5), over HTTP: a client's
//! people and the agency talk on a project in Markdown shown escaped; another client's person
//! can neither read, write nor delete there (404), a colleague cannot delete someone else's
//! comment (403); the feed tells who changed what, each client seeing only its own projects'.

use crate::util::TestApp;
use crate::util::people::{api_status, location};
use crate::util::projects::{TwoClients, two_clients};

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let r = client.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Posts a comment as a browser without JavaScript; the answer's status and `Location`.
async fn comment(
    app: &TestApp,
    client: &reqwest::Client,
    project: &str,
    body: &str,
) -> (u16, String) {
    let r = app
        .post_form_as(
            client,
            "/api/dashboard_comment",
            "/dashboard",
            &[("project", project), ("body", body)],
        )
        .await;
    let to = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (r.status().as_u16(), to)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_and_the_agency_talk_on_a_project_in_escaped_markdown() {
    let app = TestApp::start().await;
    let t: TwoClients = two_clients(&app).await;
    let project = t.acme.project.to_string();
    let path = format!("/dashboard/projects/{project}");

    // A viewer writes; Markdown is rendered, HTML is not.
    let (status, to) = comment(
        &app,
        &t.vic,
        &project,
        "Can we see **the pilot** first? <script>alert(1)</script>",
    )
    .await;
    assert_eq!(status, 302);
    assert_eq!(to, format!("{path}#comments"));
    let (_, html) = page(&app, &t.vic, &path).await;
    assert!(
        html.contains("<strong>the pilot</strong>"),
        "Markdown rendered"
    );
    assert!(
        !html.contains("<script>alert(1)</script>"),
        "HTML never runs"
    );
    assert!(html.contains("data-testid=\"comment-form\""));
    // Staff answer; their comment is marked as the agency's.
    let (status, _) = comment(&app, &t.sam, &project, "Yes — on Friday.").await;
    assert_eq!(status, 302);
    let (_, html) = page(&app, &t.ana, &path).await;
    assert_eq!(html.matches("data-testid=\"comment\"").count(), 2);
    assert!(html.contains(">Agency<"));
    // Both are in the feed, with who wrote them.
    assert!(
        html.contains("commented: “Can we see **the pilot** first?"),
        "the project's activity"
    );
    let (_, board) = page(&app, &t.vic, "/dashboard").await;
    assert!(
        board.contains("commented: “Yes — on Friday.”"),
        "the dashboard's activity"
    );

    // Nothing empty or enormous.
    assert_eq!(
        api_status(
            &app,
            &t.vic,
            "/api/dashboard_comment",
            &[("project", project.as_str()), ("body", "  ")]
        )
        .await,
        422
    );
    let long = "a".repeat(10_001);
    assert_eq!(
        api_status(
            &app,
            &t.vic,
            "/api/dashboard_comment",
            &[("project", project.as_str()), ("body", long.as_str())]
        )
        .await,
        422
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn another_clients_person_cannot_read_write_or_delete_and_only_the_author_deletes() {
    let app = TestApp::start().await;
    let t: TwoClients = two_clients(&app).await;
    let project = t.acme.project.to_string();
    comment(&app, &t.vic, &project, "A note from Vic").await;
    let id = {
        let viewer = domain::projects::access::Viewer::Staff {
            user_id: uuid::Uuid::nil(),
        };
        let mut conn = app.conn().await;
        let visible = domain::projects::project::visible(&mut conn, &viewer, t.acme.project)
            .await
            .unwrap();
        let all = domain::projects::comments::for_project(&mut conn, visible)
            .await
            .unwrap();
        all[0].id.to_string()
    };

    // Globex's admin: Acme's comments are not there for him.
    assert_eq!(
        api_status(
            &app,
            &t.gus,
            "/api/dashboard_comment",
            &[("project", project.as_str()), ("body", "Hi")]
        )
        .await,
        404
    );
    assert_eq!(
        api_status(
            &app,
            &t.gus,
            "/api/dashboard_delete_comment",
            &[("id", id.as_str())]
        )
        .await,
        404
    );
    let (status, _) = page(&app, &t.gus, &format!("/dashboard/projects/{project}")).await;
    assert_eq!(status, 404);
    // Acme's admin may not delete Vic's comment; Vic may.
    assert_eq!(
        api_status(
            &app,
            &t.ana,
            "/api/dashboard_delete_comment",
            &[("id", id.as_str())]
        )
        .await,
        403
    );
    let r = app
        .post_form_as(
            &t.vic,
            "/api/dashboard_delete_comment",
            "/dashboard",
            &[("id", id.as_str())],
        )
        .await;
    assert_eq!(
        location(&r),
        format!("/dashboard/projects/{project}#comments")
    );
    let (_, html) = page(&app, &t.ana, &format!("/dashboard/projects/{project}")).await;
    assert!(html.contains("This comment was deleted."));
    assert!(!html.contains("A note from Vic"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_feed_says_who_moved_what_and_each_client_sees_only_its_own() {
    let app = TestApp::start().await;
    let t: TwoClients = two_clients(&app).await;
    let task = t.acme.tasks[1].to_string();
    let moved = [("id", task.as_str()), ("status", "done")];
    assert!(api_status(&app, &t.ana, "/api/dashboard_move_task", &moved).await < 400);

    let (_, vic_board) = page(&app, &t.vic, "/dashboard").await;
    assert!(
        vic_board.contains("moved “Model the sales” from To do to Done"),
        "Vic reads what Ana did"
    );
    assert!(vic_board.contains(">Ana<"));
    let (_, gus_board) = page(&app, &t.gus, "/dashboard").await;
    assert!(
        !gus_board.contains("moved “Model the sales”"),
        "Globex sees nothing of Acme's work"
    );
    let (_, staff_board) = page(&app, &t.sam, "/dashboard").await;
    assert!(staff_board.contains("moved “Model the sales” from To do to Done"));
    // On Globex's own project page there is no Acme activity either.
    let (_, globex_page) = page(
        &app,
        &t.gus,
        &format!("/dashboard/projects/{}", t.globex.project),
    )
    .await;
    assert!(!globex_page.contains("Model the sales” from"));
}
