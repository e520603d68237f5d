//! `daydream seed-dashboard`: the client dashboard's benchmark data — one client with a
//! signed-in-able admin, `projects` projects (every status) of four milestones and `tasks`
//! tasks each (a third done, spread over the last weeks, with comments and audited moves for
//! the activity feed) — and prints what `scripts/bench.sh` needs: the person's address and
//! password and a project's id.

use diesel::sql_types::{Integer, Uuid as SqlUuid};
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::accounts::demo::create_verified;
use domain::projects::access::{ClientRole, Viewer};
use domain::projects::clients::{self, ClientForm};
use domain::projects::project::{self, Priority, ProjectForm, Status};
use domain::projects::{comments, milestones};

use crate::config::Config;
use crate::database::Database;

/// The bench client's admin.
pub const EMAIL: &str = "bench-client@bench.localhost";
/// Their password.
pub const PASSWORD: &str = "bench-client-password";

/// Seeds the data and prints `email password project-id`.
pub async fn run(config: &Config, projects: usize, tasks: i32) -> anyhow::Result<()> {
    let db = Database::open(config).await?;
    let result = seed(&db, projects, tasks).await;
    db.close().await;
    let project = result?;
    crate::report::line(format!("{EMAIL} {PASSWORD} {project}"));
    Ok(())
}

async fn seed(db: &Database, projects: usize, tasks: i32) -> anyhow::Result<uuid::Uuid> {
    let mut conn = db.pool.get().await?;
    let staff = create_verified(
        &mut conn,
        "bench-staff@bench.localhost",
        "Bench Staff",
        PASSWORD,
        Role::Staff,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    create_verified(&mut conn, EMAIL, "Bench Client", PASSWORD, Role::Customer)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let viewer = Viewer::Staff { user_id: staff.id };
    let client = clients::create(
        &mut conn,
        &viewer,
        &ClientForm {
            name: "Bench Co".into(),
            slug: "bench-co".into(),
            contact_name: String::new(),
            contact_email: EMAIL.into(),
        },
    )
    .await?;
    clients::assign(&mut conn, &viewer, client, EMAIL, ClientRole::Admin).await?;
    let member = Viewer::Client {
        user_id: clients::members(&mut conn, &viewer, client).await?[0].user_id,
        client_id: client,
        role: ClientRole::Admin,
    };
    let today = time::OffsetDateTime::now_utc().date();
    let mut first = None;
    for i in 0..projects {
        let form = ProjectForm {
            client_id: client,
            name: format!("Bench project {:02}", i + 1),
            slug: format!("bench-{:02}", i + 1),
            description: "A project of the dashboard benchmark.".into(),
            scope_md: "# Goal\n\nMeasure the **dashboard**.\n\n- one\n- two".into(),
            status: Status::ALL[i % Status::ALL.len()],
            priority: Priority::ALL[i % Priority::ALL.len()],
            start_on: Some(today - time::Duration::days(90)),
            due_on: Some(today + time::Duration::days(i as i64 * 7 - 20)),
            budget_cents: 5_000_000,
            spent_cents: 1_000_000 * (i as i64 % 5),
            currency: "EUR".into(),
            agency_lead_id: Some(staff.id),
            client_lead_id: None,
            tags: vec!["bench".into(), format!("team-{}", i % 3)],
        };
        let id = project::create(&mut conn, &viewer, &form).await?;
        first.get_or_insert(id);
        for m in 0..4 {
            let due = Some(today + time::Duration::days(m * 20 - 30));
            milestones::create(&mut conn, &viewer, id, &format!("Milestone {}", m + 1), due)
                .await?;
        }
        // The tasks in one statement: a third done (spread over 12 weeks), a third in progress,
        // each on one of the four milestones.
        diesel::sql_query(
            "INSERT INTO tasks (project_id, milestone_id, title, status, position, due_on, done_at) \
             SELECT $1, (ARRAY(SELECT id FROM milestones WHERE project_id = $1 ORDER BY due_on))[1 + n % 4], \
                    'Task ' || n, (ARRAY['done', 'doing', 'todo'])[1 + n % 3], n, \
                    current_date + (n % 60 - 20), \
                    CASE WHEN n % 3 = 0 THEN now() - make_interval(days => n % 84) END \
             FROM generate_series(1, $2) AS n",
        )
        .bind::<SqlUuid, _>(id)
        .bind::<Integer, _>(tasks)
        .execute(&mut conn)
        .await?;
        for c in 0..5 {
            comments::add(
                &mut conn,
                &member,
                id,
                &format!("Comment {c} on **{}**.", form.name),
                None,
            )
            .await?;
        }
    }
    first.ok_or_else(|| anyhow::anyhow!("--projects must be at least 1"))
}
