//! `/admin/projects` (issue 19 part 6), over HTTP: staff create a client, give it people by
//! email, create and edit a project whose leads must be the agency's staff and the client's
//! own people, add milestones and tasks and delete a task, every write audited; a client's
//! people and customers cannot call any of it.

use domain::accounts::Role;
use domain::accounts::demo::create_verified;

use crate::util::TestApp;
use crate::util::people::{PASSWORD, api_status, browser, location, sign_in_new};
use crate::util::projects::two_clients;
use domain::projects::access::Viewer;
use uuid::Uuid;

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
    let sam_sees = {
        let staff = domain::projects::access::Viewer::Staff { user_id: sam_id };
        let id = uuid::Uuid::parse_str(&id).unwrap();
        domain::projects::project::visible(&mut *app.conn().await, &staff, id)
            .await
            .unwrap()
    };
    let milestone = domain::projects::milestones::for_project(&mut *app.conn().await, sam_sees)
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
    let tasks = domain::projects::tasks::for_project(&mut *app.conn().await, sam_sees)
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
    let milestone = t.acme.milestone.to_string();
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
        ("/api/admin_task", vec![("id", task.as_str())]),
        (
            "/api/admin_update_task",
            vec![("id", task.as_str()), ("title", "X"), ("status", "done")],
        ),
        (
            "/api/admin_update_client",
            vec![("id", client.as_str()), ("name", "X"), ("slug", "x")],
        ),
        ("/api/admin_delete_client", vec![("id", client.as_str())]),
        (
            "/api/admin_update_milestone",
            vec![("id", milestone.as_str()), ("name", "X")],
        ),
        (
            "/api/admin_delete_milestone",
            vec![("id", milestone.as_str())],
        ),
        (
            "/api/admin_delete_project",
            vec![("id", project.as_str()), ("confirm", "data-platform")],
        ),
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
    // Nothing of Acme was changed or removed.
    let mut conn = app.conn().await;
    let acme = domain::projects::clients::get(&mut conn, &t.staff, t.acme.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(acme.name, "Acme");
    let acme_project = domain::projects::project::visible(&mut conn, &t.staff, t.acme.project)
        .await
        .unwrap();
    let milestones = domain::projects::milestones::for_project(&mut conn, acme_project)
        .await
        .unwrap();
    assert_eq!(milestones.len(), 1);
    assert_eq!(milestones[0].name, "Pilot");
    let tasks = domain::projects::tasks::for_project(&mut conn, acme_project)
        .await
        .unwrap();
    assert_eq!(tasks.len(), 4);
    assert!(tasks.iter().all(|t| t.title != "X"));
    drop(conn);
    let save = project_form_for(&client);
    assert_eq!(
        api_status(&app, &t.ana, "/api/admin_save_project", &save).await,
        403
    );
}

fn project_form_for(client: &str) -> Vec<(&str, &str)> {
    project(client, "", "")
}

/// The task `id` as staff read it.
async fn task(app: &TestApp, staff: &Viewer, id: Uuid) -> Option<domain::projects::tasks::Task> {
    domain::projects::tasks::get(&mut *app.conn().await, staff, id)
        .await
        .ok()
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_edit_and_delete_clients_milestones_tasks_and_projects() {
    let app = TestApp::start().await;
    let t = two_clients(&app).await;
    let (acme, globex) = (t.acme.id.to_string(), t.globex.id.to_string());
    let sam = &t.sam;

    // A client's details: a bad address and a taken slug answer on their fields; then saved.
    let edit = |slug: &'static str, email: &'static str| {
        vec![
            ("id", acme.clone()),
            ("name", "Acme Corporation".to_owned()),
            ("slug", slug.to_owned()),
            ("contact_name", "Ana".to_owned()),
            ("contact_email", email.to_owned()),
        ]
    };
    for (form, field) in [
        (edit("acme-corp", "not an address"), "contact_email"),
        (edit("globex", "ana@acme.example"), "slug"),
        (edit("Acme Corp", "ana@acme.example"), "slug"),
    ] {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = sam
            .post(app.url("/api/admin_update_client"))
            .header("origin", app.url(""))
            .header("accept", "application/json")
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains(field), "{field}");
    }
    let form = edit("acme-corp", "ana@acme.example");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app
        .post_form_as(
            sam,
            "/api/admin_update_client",
            &format!("/admin/projects/clients/{acme}"),
            &form,
        )
        .await;
    assert_eq!(r.status(), 302);
    assert_eq!(
        location(&r),
        format!("/admin/projects/clients/{acme}?saved=1")
    );
    let client = domain::projects::clients::get(&mut *app.conn().await, &t.staff, t.acme.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            client.name.as_str(),
            client.slug.as_str(),
            client.contact_email.as_str()
        ),
        ("Acme Corporation", "acme-corp", "ana@acme.example")
    );

    // A milestone renamed and moved, then deleted: its tasks stay, without a milestone.
    let milestone = t.acme.milestone.to_string();
    let bad = api_status(
        &app,
        sam,
        "/api/admin_update_milestone",
        &[("id", &milestone), ("name", "  "), ("due_on", "")],
    )
    .await;
    assert_eq!(bad, 422, "an empty name");
    let ok = api_status(
        &app,
        sam,
        "/api/admin_update_milestone",
        &[
            ("id", &milestone),
            ("name", "Pilot in production"),
            ("due_on", "2027-01-15"),
        ],
    )
    .await;
    assert_eq!(ok, 200);
    let (_, html) = app_page(&app, sam, &format!("/admin/projects/{}", t.acme.project)).await;
    assert!(html.contains("value=\"Pilot in production\""));
    assert!(html.contains("value=\"2027-01-15\""));

    // A task edited on its own page: assignee from the client's people or the staff only, a
    // milestone of its own project only.
    let first = t.acme.tasks[1];
    let (status, html) = app_page(&app, sam, &format!("/admin/projects/tasks/{first}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Model the sales") && html.contains("Ana (Acme Corporation)"));
    let (ana, vic, sam_id) = (
        t.ana_id.to_string(),
        t.vic_id.to_string(),
        t.staff.user_id().to_string(),
    );
    let first_s = first.to_string();
    let globex_milestone = t.globex.milestone.to_string();
    let gus_id =
        domain::accounts::queries::find_by_email(&mut *app.conn().await, "gus@globex.example")
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
    for (assignee, milestone, field) in [
        (gus_id.as_str(), milestone.as_str(), "assignee"),
        (ana.as_str(), globex_milestone.as_str(), "milestone"),
        ("not-an-id", "", "assignee"),
    ] {
        let r = sam
            .post(app.url("/api/admin_update_task"))
            .header("origin", app.url(""))
            .header("accept", "application/json")
            .form(&[
                ("id", first_s.as_str()),
                ("title", "Model the sales"),
                ("status", "doing"),
                ("assignee", assignee),
                ("due_on", ""),
                ("milestone", milestone),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{field}");
        assert!(r.text().await.unwrap().contains(field), "{field}");
    }
    for assignee in [vic.as_str(), sam_id.as_str()] {
        let r = app
            .post_form_as(
                sam,
                "/api/admin_update_task",
                &format!("/admin/projects/tasks/{first}"),
                &[
                    ("id", first_s.as_str()),
                    ("title", "Model the sales by region"),
                    ("status", "done"),
                    ("assignee", assignee),
                    ("due_on", "2027-01-10"),
                    ("milestone", milestone.as_str()),
                ],
            )
            .await;
        assert_eq!(r.status(), 302);
        assert_eq!(
            location(&r),
            format!("/admin/projects/{}#tasks", t.acme.project)
        );
    }
    let edited = task(&app, &t.staff, first).await.unwrap();
    assert_eq!(edited.title, "Model the sales by region");
    assert_eq!(edited.status, domain::projects::tasks::TaskStatus::Done);
    assert!(edited.done_at.is_some());
    assert_eq!(edited.assignee.map(|a| a.id), Some(t.staff.user_id()));
    assert_eq!(edited.milestone_id, Some(t.acme.milestone));

    let r = api_status(
        &app,
        sam,
        "/api/admin_delete_milestone",
        &[("id", &milestone)],
    )
    .await;
    assert_eq!(r, 200);
    let kept = task(&app, &t.staff, first).await.expect("the task stays");
    assert_eq!(kept.milestone_id, None);

    // The feed tells the client what changed.
    let r = t
        .ana
        .get(app.url(&format!("/dashboard/projects/{}", t.acme.project)))
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    for line in [
        "edited the task “Model the sales by region”",
        "updated the milestone “Pilot in production”",
        "removed the milestone “Pilot in production”",
    ] {
        assert!(html.contains(line), "{line}");
    }

    // A client with projects cannot go; a project goes only with its slug typed again.
    let r = api_status(&app, sam, "/api/admin_delete_client", &[("id", &globex)]).await;
    assert_eq!(r, 409);
    let project = t.globex.project.to_string();
    for confirm in ["", "Data-Platform", "acme"] {
        let r = app
            .post_form_as(
                sam,
                "/api/admin_delete_project",
                &format!("/admin/projects/{project}"),
                &[("id", project.as_str()), ("confirm", confirm)],
            )
            .await;
        assert_eq!(r.status(), 302, "bounced back to the page");
        assert!(
            location(&r).contains("__err="),
            "{confirm:?}: {}",
            location(&r)
        );
    }
    assert!(
        domain::projects::project::get(&mut *app.conn().await, &t.staff, t.globex.project)
            .await
            .unwrap()
            .is_some()
    );
    let r = app
        .post_form_as(
            sam,
            "/api/admin_delete_project",
            &format!("/admin/projects/{project}"),
            &[("id", project.as_str()), ("confirm", "data-platform")],
        )
        .await;
    assert_eq!(r.status(), 302);
    assert_eq!(location(&r), "/admin/projects?deleted=project");
    for gone in &t.globex.tasks {
        assert!(task(&app, &t.staff, *gone).await.is_none());
    }
    let r = t
        .gus
        .get(app.url(&format!("/dashboard/projects/{project}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = api_status(&app, sam, "/api/admin_delete_client", &[("id", &globex)]).await;
    assert_eq!(r, 200, "empty now");
    let r = t.gus.get(app.url("/dashboard")).send().await.unwrap();
    assert!(r.status().is_success() || r.status().is_redirection());

    let actions: Vec<String> = domain::audit::list(&mut *app.conn().await, None, 100, 0)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for action in [
        "client.update",
        "milestone.update",
        "milestone.delete",
        "task.update",
        "project.delete",
        "client.delete",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

/// A page `client` reads: its status and HTML.
async fn app_page(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let r = client.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}
