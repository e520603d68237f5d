//! A project report's file, rendered from the project as it stands: an HTML summary (status,
//! progress, budget and spending, milestones and tasks; a standalone page that prints well)
//! and a CSV of the budget and the tasks, every typed cell guarded against formulas.

use askama::Template;
use diesel_async::AsyncPgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use super::access::Viewer;
use super::error::ProjectError;
use super::reports::Frequency;
use super::tasks::{Task, TaskStatus};
use super::{milestones, project, tasks};
use crate::csv_cells::neutralise_formula as cell;
use crate::email::order_templates::money;

/// One rendered file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub project_name: String,
    pub html: String,
    pub csv: String,
}

struct MilestoneLine {
    name: String,
    due_on: String,
    done: i64,
    total: i64,
    reached: bool,
}

struct TaskLine {
    title: String,
    status: &'static str,
    milestone: String,
    due_on: String,
    done_on: String,
}

#[derive(Template)]
#[template(path = "reports/project_report.html")]
struct Page {
    report_name: String,
    description: String,
    frequency: &'static str,
    generated: String,
    client_name: String,
    project_name: String,
    status: &'static str,
    progress: u8,
    tasks_done: i64,
    tasks_total: i64,
    milestones_done: i64,
    milestones_total: i64,
    overdue: bool,
    at_risk: bool,
    budget: String,
    spent: String,
    spent_percent: i64,
    remaining: String,
    due_on: String,
    milestones: Vec<MilestoneLine>,
    tasks: Vec<TaskLine>,
}

fn day(d: Option<time::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Renders project `project_id`'s report `name` as of `at` (`None`: no such project).
pub async fn render(
    conn: &mut AsyncPgConnection,
    project_id: Uuid,
    name: &str,
    description: &str,
    frequency: Frequency,
    at: OffsetDateTime,
) -> Result<Option<Rendered>, ProjectError> {
    let system = Viewer::system();
    let Some(p) = project::get(conn, &system, project_id).await? else {
        return Ok(None);
    };
    let visible = project::visible(conn, &system, project_id).await?;
    let tasks = tasks::for_project(conn, visible).await?;
    let milestones = milestones::for_project(conn, visible).await?;
    let page = Page {
        report_name: name.to_owned(),
        description: description.to_owned(),
        frequency: frequency.label(),
        generated: format!("{} {:02}:{:02} UTC", at.date(), at.hour(), at.minute()),
        client_name: p.client_name.clone(),
        project_name: p.name.clone(),
        status: p.status.label(),
        progress: p.progress(),
        tasks_done: p.counts.tasks_done,
        tasks_total: p.counts.tasks_total,
        milestones_done: p.counts.milestones_done,
        milestones_total: p.counts.milestones_total,
        overdue: p.overdue(at.date()),
        at_risk: p.budget_at_risk(),
        budget: money(p.budget_cents, &p.currency),
        spent: money(p.spent_cents, &p.currency),
        spent_percent: if p.budget_cents > 0 {
            p.spent_cents * 100 / p.budget_cents
        } else {
            0
        },
        remaining: money(p.budget_cents - p.spent_cents, &p.currency),
        due_on: day(p.due_on),
        milestones: milestones
            .iter()
            .map(|m| MilestoneLine {
                name: m.name.clone(),
                due_on: day(m.due_on),
                done: m.tasks_done,
                total: m.tasks_total,
                reached: m.done_at.is_some(),
            })
            .collect(),
        tasks: tasks.iter().map(task_line).collect(),
    };
    let html = page
        .render()
        .map_err(|e| ProjectError::Conflict(format!("the report page: {e}")))?;
    let csv =
        csv_of(&p, &tasks).map_err(|e| ProjectError::Conflict(format!("the report's CSV: {e}")))?;
    Ok(Some(Rendered {
        project_name: p.name,
        html,
        csv,
    }))
}

fn task_line(t: &Task) -> TaskLine {
    TaskLine {
        title: t.title.clone(),
        status: t.status.label(),
        milestone: t.milestone_name.clone().unwrap_or_default(),
        due_on: day(t.due_on),
        done_on: if t.status == TaskStatus::Done {
            day(t.done_at.map(|d| d.date()))
        } else {
            String::new()
        },
    }
}

/// The columns of the CSV, in order: the first line after the header is the project's budget,
/// then one per task.
pub const CSV_HEADER: [&str; 9] = [
    "record",
    "name",
    "status",
    "milestone",
    "due_on",
    "done_on",
    "budget",
    "spent",
    "currency",
];

fn csv_of(p: &project::Project, tasks: &[Task]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER)?;
    let amount = |cents: i64| format!("{}.{:02}", cents / 100, cents % 100);
    w.write_record([
        "budget".to_owned(),
        cell(&p.name),
        p.status.as_str().to_owned(),
        String::new(),
        day(p.due_on),
        String::new(),
        amount(p.budget_cents),
        amount(p.spent_cents),
        p.currency.clone(),
    ])?;
    for t in tasks {
        let line = task_line(t);
        w.write_record([
            "task".to_owned(),
            cell(&line.title),
            t.status.as_str().to_owned(),
            cell(&line.milestone),
            line.due_on,
            line.done_on,
            String::new(),
            String::new(),
            String::new(),
        ])?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
