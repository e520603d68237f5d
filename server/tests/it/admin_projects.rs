//! `/admin/projects` (issue 19 part 6), over HTTP: staff create a client, give it people by
//! email, create and edit a project whose leads must be the agency's staff and the client's
//! own people, add milestones and tasks and delete a task, every write audited; a client's
//! people and customers cannot call any of it.

use domain::accounts::Role;
use domain::accounts::demo::create_verified;

use crate::util::TestApp;
use crate::util::people::{PASSWORD, api_status, browser, location, sign_in_new};
use crate::util::projects::two_clients;

/// A project form with these leads.
fn project<'a>(client: &'a str, agency: &'a str, lead: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("client", client),
        ("name", "Forecasting"),
        ("slug", "forecasting"),
        ("description", "Demand forecasts."),
        ("scope_md", "# Goal\n\nForecast **demand**."),
        ("status", "active"),
        ("priority", "high"),
        ("start_on", "2026-11-01"),
        ("due_on", "2027-02-01"),
        ("budget", "12000.00"),
        ("spent", "1500"),
        ("currency", "eur"),
        ("agency_lead", agency),
        ("client_lead", lead),
        ("tags", "ml, Forecasting"),
    ]
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_run_clients_and_projects_and_every_write_is_audited() {
    let app = TestApp::start().await;
    sign_in_new(&app, "sam@agency.example", Role::Staff).await;
    let (_, sam_id) = {
        let user =
            domain::accounts::queries::find_by_email(&mut *app.conn().await, "sam@agency.example")
                .await
                .unwrap()
                .unwrap();
        ((), user.id)
    };
    let r = app
        .post_form(
            "/api/admin_create_client",
            "/admin/projects",
            &[
                ("name", "Umbrella"),
                ("slug", "umbrella"),
                ("contact_name", "Ula"),
                ("contact_email", "ula@umbrella.example"),
            ],
        )
        .await;
    assert_eq!(r.status(), 302);
    let client_page = location(&r);
    let client = client_page
        .trim_start_matches("/admin/projects/clients/")
        .to_owned();
    let (status, html) = app.get_text(&client_page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Umbrella"));

    // People by email: an account that exists; then a stranger.
    let ula = create_verified(
        &mut *app.conn().await,
        "ula@umbrella.example",
        "Ula",
        PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
    let r = app
        .post_api(
            "/api/admin_assign_member",
            &[
                ("client", client.as_str()),
                ("email", "ula@umbrella.example"),
                ("role", "client_admin"),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let nobody = app
        .post_api(
            "/api/admin_assign_member",
            &[
                ("client", client.as_str()),
                ("email", "nobody@example.com"),
                ("role", "client_viewer"),
            ],
        )
        .await;
    assert_eq!(nobody.status(), 422);
    let (_, html) = app.get_text(&client_page).await;
    assert!(html.contains("ula@umbrella.example"));

    // A project: the client lead must be one of the client's people, the agency lead staff.
    let outsider = create_verified(
        &mut *app.conn().await,
        "out@example.com",
        "Out",
        PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
    let (sam, ula_id, out) = (
        sam_id.to_string(),
        ula.id.to_string(),
        outsider.id.to_string(),
    );
    let r = app
        .post_api("/api/admin_save_project", &project(&client, &sam, &out))
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("client_lead"));
    let r = app
        .post_api(
            "/api/admin_save_project",
            &project(&client, &ula_id, &ula_id),
        )
        .await;
    assert_eq!(r.status(), 422, "a customer cannot lead for the agency");
    let mut bad = project(&client, &sam, &ula_id);
    bad.retain(|(k, _)| *k != "budget");
    bad.push(("budget", "lots"));
    let r = app.post_api("/api/admin_save_project", &bad).await;
    assert_eq!(r.status(), 422);
    let r = app
        .post_form(
            "/api/admin_save_project",
            "/admin/projects/new",
            &project(&client, &sam, &ula_id),
        )
        .await;
    assert_eq!(r.status(), 302);
    let editor = location(&r);
    let id = editor
        .trim_start_matches("/admin/projects/")
        .trim_end_matches("?saved=1")
        .to_owned();
    let (status, html) = app.get_text(&editor).await;
    assert_eq!(status, 200);
    assert!(html.contains("value=\"12000.00\""), "money back as typed");
    assert!(
        html.contains("value=\"ml, forecasting\""),
        "tags normalised"
    );

    // Its work: a milestone, two tasks, one deleted.
    let r = app
        .post_api(
            "/api/admin_add_milestone",
            &[
                ("project", id.as_str()),
                ("name", "Pilot"),
                ("due_on", "2026-12-20"),
            ],
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let milestone = domain::projects::milestones::for_project(
        &mut *app.conn().await,
        &domain::projects::access::Viewer::Staff { user_id: sam_id },
        uuid::Uuid::parse_str(&id).unwrap(),
    )
    .await
    .unwrap()[0]
        .id
        .to_string();
    for title in ["Collect the data", "Try a model"] {
        let r = app
            .post_api(
                "/api/admin_add_task",
                &[
                    ("project", id.as_str()),
                    ("title", title),
                    ("status", "todo"),
                    ("milestone", milestone.as_str()),
                ],
            )
            .await;
        assert!(r.status().is_success(), "{}", r.status());
    }
    let bad_date = app
        .post_api(
            "/api/admin_add_task",
            &[
                ("project", id.as_str()),
                ("title", "X"),
                ("status", "todo"),
                ("due_on", "31/12/2026"),
            ],
        )
        .await;
    assert_eq!(bad_date.status(), 422);
    let (_, html) = app.get_text(&format!("/admin/projects/{id}")).await;
    assert_eq!(html.matches("data-testid=\"admin-task\"").count(), 2);
    let tasks = domain::projects::tasks::for_project(
        &mut *app.conn().await,
        &domain::projects::access::Viewer::Staff { user_id: sam_id },
        uuid::Uuid::parse_str(&id).unwrap(),
    )
    .await
    .unwrap();
    let gone = tasks[1].id.to_string();
    let r = app
        .post_api("/api/admin_delete_task", &[("id", gone.as_str())])
        .await;
    assert!(r.status().is_success(), "{}", r.status());

    // The client's admin sees the project on the dashboard, with its scope and the one task.
    let ula_browser = browser();
    crate::util::people::sign_in_as(&app, &ula_browser, "ula@umbrella.example", PASSWORD).await;
    let r = ula_browser
        .get(app.url(&format!("/dashboard/projects/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("<strong>demand</strong>"));
    assert!(
        html.contains("removed the task “Try a model”"),
        "the feed tells"
    );

    let actions: Vec<String> = domain::audit::list(&mut *app.conn().await, None, 50, 0)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for action in [
        "client.create",
        "client.assign",
        "project.create",
        "milestone.create",
        "task.create",
        "task.delete",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clients_people_and_customers_cannot_use_the_admin() {
    let app = TestApp::start().await;
    let t = two_clients(&app).await;
    let client = t.acme.id.to_string();
    let project = t.acme.project.to_string();
    let task = t.acme.tasks[0].to_string();
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/api/admin_projects", vec![]),
        ("/api/admin_client", vec![("id", client.as_str())]),
        ("/api/admin_project", vec![("id", project.as_str())]),
        (
            "/api/admin_create_client",
            vec![("name", "X"), ("slug", "x")],
        ),
        (
            "/api/admin_assign_member",
            vec![
                ("client", client.as_str()),
                ("email", "vic@acme.example"),
                ("role", "client_admin"),
            ],
        ),
        (
            "/api/admin_add_task",
            vec![
                ("project", project.as_str()),
                ("title", "X"),
                ("status", "todo"),
            ],
        ),
        ("/api/admin_delete_task", vec![("id", task.as_str())]),
    ];
    let anonymous = browser();
    for (path, form) in &calls {
        assert_eq!(
            api_status(&app, &t.ana, path, form).await,
            403,
            "{path} as a client admin"
        );
        assert_eq!(
            api_status(&app, &anonymous, path, form).await,
            401,
            "{path} anonymous"
        );
    }
    let save = project_form_for(&client);
    assert_eq!(
        api_status(&app, &t.ana, "/api/admin_save_project", &save).await,
        403
    );
}

fn project_form_for(client: &str) -> Vec<(&str, &str)> {
    project(client, "", "")
}
