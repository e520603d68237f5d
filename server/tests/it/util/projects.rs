//! Two client companies for the dashboard's tests, made through the domain as staff would:
//! Acme (Ana its admin, Vic a viewer) and Globex (Gus its admin), each with one project of a
//! milestone and four tasks (one done), and Sam on the agency's staff. Every person has a
//! browser signed in as them.

use domain::accounts::Role;
use domain::accounts::demo::create_verified;
use domain::projects::access::{ClientRole, Viewer};
use domain::projects::clients::{self, ClientForm};
use domain::projects::milestones;
use domain::projects::project::{self, Priority, ProjectForm, Status};
use domain::projects::tasks::{self, TaskForm, TaskStatus};
use uuid::Uuid;

use super::TestApp;
use super::people::{PASSWORD, browser, sign_in_as};

/// One client's ids.
pub struct ClientIds {
    pub id: Uuid,
    pub project: Uuid,
    pub milestone: Uuid,
    /// Four tasks; the first is done.
    pub tasks: Vec<Uuid>,
}

/// The two clients, their people's browsers, and the staff member.
pub struct TwoClients {
    pub acme: ClientIds,
    pub globex: ClientIds,
    pub staff: Viewer,
    pub ana: reqwest::Client,
    pub vic: reqwest::Client,
    pub gus: reqwest::Client,
    pub sam: reqwest::Client,
    pub ana_id: Uuid,
    pub vic_id: Uuid,
}

/// A project form for client `client_id`.
pub fn project_form(client_id: Uuid, name: &str, slug: &str) -> ProjectForm {
    ProjectForm {
        client_id,
        name: name.to_owned(),
        slug: slug.to_owned(),
        description: format!("{name}, built with the agency."),
        scope_md: "## Scope\n\n- ingest the **ERP**\n- a weekly report".to_owned(),
        status: Status::Active,
        priority: Priority::High,
        start_on: None,
        due_on: None,
        budget_cents: 1_000_000,
        spent_cents: 100_000,
        currency: "EUR".to_owned(),
        agency_lead_id: None,
        client_lead_id: None,
        tags: vec!["data".to_owned()],
    }
}

/// A person with a browser signed in as them.
async fn person(app: &TestApp, email: &str, name: &str, role: Role) -> (Uuid, reqwest::Client) {
    let user = create_verified(&mut *app.conn().await, email, name, PASSWORD, role)
        .await
        .unwrap();
    let client = browser();
    sign_in_as(app, &client, email, PASSWORD).await;
    (user.id, client)
}

/// A client named `name` with one project, as `staff` makes them.
async fn client_with_project(app: &TestApp, staff: &Viewer, name: &str, slug: &str) -> ClientIds {
    let mut conn = app.conn().await;
    let form = ClientForm {
        name: name.to_owned(),
        slug: slug.to_owned(),
        contact_name: String::new(),
        contact_email: String::new(),
    };
    let id = clients::create(&mut conn, staff, &form).await.unwrap();
    let project = project::create(
        &mut conn,
        staff,
        &project_form(id, &format!("{name} data platform"), "data-platform"),
    )
    .await
    .unwrap();
    let milestone = milestones::create(&mut conn, staff, project, "Pilot", None)
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (i, title) in [
        "Connect the ERP",
        "Model the sales",
        "Draw the charts",
        "Train the team",
    ]
    .iter()
    .enumerate()
    {
        let task = TaskForm {
            title: (*title).to_owned(),
            status: if i == 0 {
                TaskStatus::Done
            } else {
                TaskStatus::Todo
            },
            assignee_id: None,
            due_on: None,
            milestone_id: Some(milestone),
        };
        ids.push(
            tasks::create(&mut conn, staff, project, &task)
                .await
                .unwrap(),
        );
    }
    ClientIds {
        id,
        project,
        milestone,
        tasks: ids,
    }
}

/// Acme and Globex, their people and the staff member.
pub async fn two_clients(app: &TestApp) -> TwoClients {
    let (sam_id, sam) = person(app, "sam@agency.example", "Sam", Role::Staff).await;
    let staff = Viewer::Staff { user_id: sam_id };
    let acme = client_with_project(app, &staff, "Acme", "acme").await;
    let globex = client_with_project(app, &staff, "Globex", "globex").await;
    let (ana_id, ana) = person(app, "ana@acme.example", "Ana", Role::Customer).await;
    let (vic_id, vic) = person(app, "vic@acme.example", "Vic", Role::Customer).await;
    let (_, gus) = person(app, "gus@globex.example", "Gus", Role::Customer).await;
    let mut conn = app.conn().await;
    for (client, email, role) in [
        (acme.id, "ana@acme.example", ClientRole::Admin),
        (acme.id, "vic@acme.example", ClientRole::Viewer),
        (globex.id, "gus@globex.example", ClientRole::Admin),
    ] {
        clients::assign(&mut conn, &staff, client, email, role)
            .await
            .unwrap();
    }
    TwoClients {
        acme,
        globex,
        staff,
        ana,
        vic,
        gus,
        sam,
        ana_id,
        vic_id,
    }
}
