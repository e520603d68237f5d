//! The demo agency book for a development start: three client companies with fifteen projects
//! in every status — milestones, tasks in every state spread over the last weeks, budgets, some
//! overdue and some spending ahead of progress — and each client's demo people (from
//! `accounts::demo::DEMO_PEOPLE`) made members. Loaded once, into an empty dashboard; the same
//! every time (no randomness), so screenshots and journeys can rely on it.

use diesel::prelude::*;
use diesel_async::{AsyncPgConnection, RunQueryDsl};
use time::{Duration, OffsetDateTime};

use super::access::{ClientRole, Viewer};
use super::ai_integration::{self, AiIntegration};
use super::burn;
use super::clients::{self, ClientForm};
use super::data_sources::{self, DataSourceForm, Kind, SyncStatus};
use super::error::ProjectError;
use super::milestones;
use super::project::{self, Priority, ProjectForm, Status};
use super::reports::{self, Frequency, ReportForm};
use super::tasks::{self, TaskForm, TaskStatus};
use crate::accounts::queries;
use crate::db::schema::{clients as clients_table, reports as reports_table, tasks as tasks_table};

/// One demo client: name, slug, and its people (email, role).
type DemoClient = (
    &'static str,
    &'static str,
    &'static [(&'static str, ClientRole)],
);

/// The demo clients.
pub const CLIENTS: [DemoClient; 3] = [
    (
        "Northwind Traders",
        "northwind",
        &[
            ("client-admin@northwind.localhost", ClientRole::Admin),
            ("client@northwind.localhost", ClientRole::Viewer),
        ],
    ),
    (
        "Globex Analytics",
        "globex",
        &[("client-admin@globex.localhost", ClientRole::Admin)],
    ),
    ("Initech Logistics", "initech", &[]),
];

/// One demo project: client index, name, status, priority, days from today to its due date,
/// budget (whole euros), share spent (percent of budget), tasks, of which done, doing.
type DemoProject = (
    usize,
    &'static str,
    Status,
    Priority,
    i64,
    i64,
    i64,
    usize,
    usize,
    usize,
    &'static [&'static str],
);

const PROJECTS: [DemoProject; 15] = [
    (
        0,
        "Sales data lake",
        Status::Active,
        Priority::High,
        30,
        120_000,
        45,
        24,
        10,
        4,
        &["data", "etl"],
    ),
    (
        0,
        "Demand forecasting",
        Status::Active,
        Priority::Urgent,
        -5,
        80_000,
        85,
        18,
        6,
        5,
        &["ml", "forecasting"],
    ),
    (
        0,
        "Supplier portal analytics",
        Status::Planning,
        Priority::Medium,
        90,
        40_000,
        5,
        8,
        0,
        1,
        &["bi"],
    ),
    (
        0,
        "Warehouse dashboards",
        Status::Completed,
        Priority::Medium,
        -40,
        25_000,
        96,
        12,
        12,
        0,
        &["bi"],
    ),
    (
        0,
        "Customer 360",
        Status::Review,
        Priority::High,
        4,
        60_000,
        70,
        16,
        14,
        2,
        &["data", "crm"],
    ),
    (
        1,
        "Churn prediction",
        Status::Active,
        Priority::High,
        21,
        95_000,
        40,
        20,
        9,
        3,
        &["ml"],
    ),
    (
        1,
        "Pricing assistant (LLM)",
        Status::Active,
        Priority::Urgent,
        6,
        150_000,
        72,
        22,
        8,
        6,
        &["ai", "llm"],
    ),
    (
        1,
        "Marketing mix model",
        Status::OnHold,
        Priority::Low,
        60,
        50_000,
        30,
        10,
        3,
        0,
        &["ml"],
    ),
    (
        1,
        "Data quality monitor",
        Status::Completed,
        Priority::Medium,
        -20,
        30_000,
        88,
        9,
        9,
        0,
        &["data"],
    ),
    (
        1,
        "Executive KPI pack",
        Status::Planning,
        Priority::Medium,
        45,
        20_000,
        0,
        6,
        0,
        0,
        &["bi"],
    ),
    (
        2,
        "Route optimisation",
        Status::Active,
        Priority::High,
        14,
        110_000,
        55,
        26,
        12,
        5,
        &["optimisation"],
    ),
    (
        2,
        "Fleet telemetry pipeline",
        Status::Review,
        Priority::Medium,
        2,
        70_000,
        78,
        14,
        13,
        1,
        &["data", "iot"],
    ),
    (
        2,
        "Document search (RAG)",
        Status::Active,
        Priority::Medium,
        -2,
        65_000,
        50,
        15,
        7,
        3,
        &["ai", "llm"],
    ),
    (
        2,
        "Returns analytics",
        Status::OnHold,
        Priority::Low,
        75,
        35_000,
        20,
        8,
        2,
        0,
        &["bi"],
    ),
    (
        2,
        "Carbon reporting",
        Status::Planning,
        Priority::High,
        120,
        45_000,
        2,
        7,
        0,
        0,
        &["reporting"],
    ),
];

/// The words demo task titles are made of.
const VERBS: [&str; 8] = [
    "Connect", "Model", "Clean", "Chart", "Review", "Document", "Test", "Ship",
];
const THINGS: [&str; 8] = [
    "the ERP export",
    "the sales history",
    "the product master",
    "the weekly report",
    "the access rights",
    "the data dictionary",
    "the alerting",
    "the training session",
];

/// Task `i`'s title in project `n`: every (verb, thing) pair at most once per project (for up
/// to 64 tasks), so no two tasks of a project read alike.
fn title(n: usize, i: usize) -> String {
    let verb = VERBS[(i + n) % VERBS.len()];
    let thing = THINGS[(i / VERBS.len() + i + n) % THINGS.len()];
    format!("{verb} {thing}")
}

/// Loads the demo book if the dashboard has no client yet; returns how many projects it made
/// (0: already there). `staff_email` leads the agency side.
pub async fn ensure_demo_projects(
    conn: &mut AsyncPgConnection,
    staff_email: &str,
    public_url: &str,
) -> Result<usize, ProjectError> {
    let existing: i64 = clients_table::table.count().get_result(conn).await?;
    if existing > 0 {
        return Ok(0);
    }
    let Some(staff) = queries::find_by_email(conn, staff_email).await? else {
        return Ok(0);
    };
    let viewer = Viewer::Staff { user_id: staff.id };
    let mut client_ids = Vec::new();
    for (name, slug, people) in CLIENTS {
        let form = ClientForm {
            name: name.to_owned(),
            slug: slug.to_owned(),
            contact_name: String::new(),
            contact_email: people
                .first()
                .map(|(e, _)| (*e).to_owned())
                .unwrap_or_default(),
        };
        let id = clients::create(conn, &viewer, &form).await?;
        for (email, role) in people {
            if queries::find_by_email(conn, email).await?.is_some() {
                clients::assign(conn, &viewer, id, email, *role).await?;
            }
        }
        client_ids.push((id, people.first().map(|(e, _)| *e)));
    }
    let today = OffsetDateTime::now_utc().date();
    for (
        n,
        (client, name, status, priority, due_in, budget, spent_share, total, done, doing, tags),
    ) in PROJECTS.iter().enumerate()
    {
        let (client_id, lead_email) = client_ids[*client];
        let client_lead = match lead_email {
            Some(email) => queries::find_by_email(conn, email).await?.map(|u| u.id),
            None => None,
        };
        let days = i64::try_from(*total).unwrap_or(10) * 4 + 20;
        let form = ProjectForm {
            client_id,
            name: (*name).to_owned(),
            slug: slug_of(name),
            description: format!("{name} for {}.", CLIENTS[*client].0),
            scope_md: format!(
                "## Goal\n\n{name}: a working first version in production, then monthly improvements.\n\n## In scope\n\n- data sources connected and checked daily\n- a **weekly report** to the client leads\n- training for the client's team\n\n## Not in scope\n\n- changes to the client's own systems"
            ),
            status: *status,
            priority: *priority,
            start_on: Some(today + Duration::days(*due_in - days)),
            due_on: Some(today + Duration::days(*due_in)),
            budget_cents: budget * 100,
            spent_cents: budget * 100 * spent_share / 100,
            currency: "EUR".to_owned(),
            agency_lead_id: Some(staff.id),
            client_lead_id: client_lead,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        };
        let project_id = project::create(conn, &viewer, &form).await?;
        let phases = ["Discovery", "Build", "Launch"];
        let mut phase_ids = Vec::new();
        for (i, phase) in phases.iter().enumerate() {
            let due = today + Duration::days(*due_in - days + (days * (i as i64 + 1)) / 3);
            phase_ids.push(milestones::create(conn, &viewer, project_id, phase, Some(due)).await?);
        }
        for i in 0..*total {
            let state = if i < *done {
                TaskStatus::Done
            } else if i < done + doing {
                TaskStatus::Doing
            } else {
                TaskStatus::Todo
            };
            let task = TaskForm {
                title: title(n, i),
                status: state,
                assignee_id: Some(staff.id),
                due_on: Some(
                    today
                        + Duration::days(
                            *due_in - days + (days * (i as i64 + 1)) / (*total as i64),
                        ),
                ),
                milestone_id: Some(phase_ids[(i * phases.len()) / total]),
            };
            let id = tasks::create(conn, &viewer, project_id, &task).await?;
            if state == TaskStatus::Done {
                // Spread the finished work over the past weeks, for the charts.
                let at = OffsetDateTime::now_utc() - Duration::days((*done - i) as i64 * 2);
                diesel::update(tasks_table::table.find(id))
                    .set(tasks_table::done_at.eq(at))
                    .execute(conn)
                    .await?;
            }
        }
        for (i, id) in phase_ids.iter().enumerate() {
            if (i + 1) * total / phases.len() <= *done {
                milestones::set_done(conn, &viewer, *id, true).await?;
            }
        }
        resources(conn, &viewer, project_id, n, &form, public_url).await?;
    }
    Ok(PROJECTS.len())
}

/// A demo project's nested resources: eight weeks of spending, two data sources (one failing
/// on every fourth project), an AI integration on every other project, and a weekly report
/// generated once (its link mailed to the client lead), next due in a week.
async fn resources(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    project_id: uuid::Uuid,
    n: usize,
    form: &ProjectForm,
    public_url: &str,
) -> Result<(), ProjectError> {
    let now = OffsetDateTime::now_utc();
    for week in 1..=8i64 {
        burn::record_on(
            conn,
            project_id,
            now.date() - Duration::weeks(8 - week),
            form.budget_cents,
            form.spent_cents * week / 8,
        )
        .await?;
    }
    let n64 = i64::try_from(n).unwrap_or(0);
    let sources = [
        DataSourceForm {
            name: "Sales warehouse".to_owned(),
            kind: Kind::Postgres,
            status: SyncStatus::Connected,
            last_sync_at: Some(now - Duration::minutes(35 + n64)),
            record_count: 1_250_000 + n64 * 35_711,
        },
        DataSourceForm {
            name: "CRM accounts".to_owned(),
            kind: Kind::Salesforce,
            status: if n % 4 == 3 {
                SyncStatus::Error
            } else {
                SyncStatus::Connected
            },
            last_sync_at: Some(now - Duration::hours(3 + n64)),
            record_count: 18_400 + n64 * 913,
        },
    ];
    for source in &sources {
        data_sources::create(conn, viewer, project_id, source).await?;
    }
    if n.is_multiple_of(2) {
        let ai = AiIntegration {
            enabled: form.status != Status::OnHold,
            features: vec!["Document search".to_owned(), "Weekly summaries".to_owned()],
            models: vec![
                "gpt-4.1-mini".to_owned(),
                "text-embedding-3-small".to_owned(),
            ],
            documents_indexed: 1_200 + i32::try_from(n).unwrap_or(0) * 37,
            last_refresh_at: Some(now - Duration::hours(6)),
            requests_30d: 5_000 + n64 * 120,
            errors_30d: n64 * 9,
        };
        ai_integration::save(conn, viewer, project_id, &ai).await?;
    }
    let report = ReportForm {
        name: "Weekly status".to_owned(),
        frequency: Frequency::Weekly,
        description: "Progress, budget and every task, for the client leads.".to_owned(),
        paused: false,
    };
    let id = reports::create(conn, viewer, project_id, &report).await?;
    reports::generate_now(conn, viewer, id, public_url).await?;
    diesel::update(reports_table::table.find(id))
        .set(reports_table::next_run_at.eq(Frequency::Weekly.after(now)))
        .execute(conn)
        .await?;
    Ok(())
}

/// A project name as a slug.
fn slug_of(name: &str) -> String {
    let mut slug = String::new();
    for word in name
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_book_covers_every_status_and_makes_good_slugs() {
        for status in Status::ALL {
            assert!(
                PROJECTS.iter().filter(|p| p.2 == status).count() >= 2,
                "{status:?}"
            );
        }
        for p in PROJECTS {
            assert!(project::is_slug(&slug_of(p.1)), "{}", p.1);
            assert!(p.8 + p.9 <= p.7, "{}: done and doing within the tasks", p.1);
        }
        assert_eq!(slug_of("Pricing assistant (LLM)"), "pricing-assistant-llm");
        for (n, p) in PROJECTS.iter().enumerate() {
            let mut titles: Vec<String> = (0..p.7).map(|i| title(n, i)).collect();
            titles.sort();
            titles.dedup();
            assert_eq!(titles.len(), p.7, "{}: every task's title differs", p.1);
        }
    }
}
