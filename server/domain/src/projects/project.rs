//! Projects as the dashboard reads them, always through a [`Viewer`]: a client's people get
//! their own client's projects, staff every client's (another client's project is not found).
//! Each comes with the counts its progress is computed from (three grouped queries for any
//! number of projects), its leads' names, and its computed flags. Staff create and change
//! projects; every such write is audited.

use std::collections::HashMap;

use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde_json::json;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::access::Viewer;
use super::error::{ProjectError, field};
use super::progress::{self, Counts};
use crate::accounts::Role;
use crate::audit::{self, Entry};
use crate::db::schema::{client_members, clients, milestones, projects, tasks, users};

/// Where a project stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Status {
    Planning,
    Active,
    OnHold,
    Review,
    Completed,
}

impl Status {
    /// Every status, in the order a project moves through them.
    pub const ALL: [Status; 5] = [
        Self::Planning,
        Self::Active,
        Self::OnHold,
        Self::Review,
        Self::Completed,
    ];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planning => "planning",
            Self::Active => "active",
            Self::OnHold => "on_hold",
            Self::Review => "review",
            Self::Completed => "completed",
        }
    }

    /// Parses a stored or submitted value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// As people read it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Planning => "Planning",
            Self::Active => "Active",
            Self::OnHold => "On hold",
            Self::Review => "In review",
            Self::Completed => "Completed",
        }
    }
}

/// How urgent a project is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Priority {
    Low,
    Medium,
    High,
    Urgent,
}

impl Priority {
    /// Every priority, lowest first.
    pub const ALL: [Priority; 4] = [Self::Low, Self::Medium, Self::High, Self::Urgent];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Urgent => "urgent",
        }
    }

    /// Parses a stored or submitted value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// As people read it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Low => "Low",
            Self::Medium => "Medium",
            Self::High => "High",
            Self::Urgent => "Urgent",
        }
    }
}

/// Someone named on a project.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Person {
    pub id: Uuid,
    /// Their display name, or their email address when they have none.
    pub name: String,
}

/// One project as the dashboard shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub id: Uuid,
    pub client_id: Uuid,
    pub client_name: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    /// The full scope, as Markdown (render it with `projects::markdown`).
    pub scope_md: String,
    pub status: Status,
    pub priority: Priority,
    pub start_on: Option<Date>,
    pub due_on: Option<Date>,
    pub budget_cents: i64,
    pub spent_cents: i64,
    pub currency: String,
    pub agency_lead: Option<Person>,
    pub client_lead: Option<Person>,
    pub tags: Vec<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub counts: Counts,
}

impl Project {
    /// Progress in percent, computed from the work.
    pub fn progress(&self) -> u8 {
        progress::percent(&self.counts, self.status == Status::Completed)
    }

    /// Whether its due date has passed unfinished, on `today`.
    pub fn overdue(&self, today: Date) -> bool {
        progress::overdue(self.due_on, self.status == Status::Completed, today)
    }

    /// Whether spending runs ahead of progress.
    pub fn budget_at_risk(&self) -> bool {
        progress::budget_at_risk(self.budget_cents, self.spent_cents, self.progress())
    }
}

/// How the list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Soonest due first (undated last).
    #[default]
    Due,
    /// Least progress first.
    Progress,
    Name,
    /// Most recently changed first.
    Updated,
}

impl Sort {
    /// Every order, with its query value and label.
    pub const ALL: [(Sort, &'static str, &'static str); 4] = [
        (Self::Due, "due", "Due date"),
        (Self::Progress, "progress", "Progress"),
        (Self::Name, "name", "Name"),
        (Self::Updated, "updated", "Last change"),
    ];

    /// Parses a query value (anything else is the default).
    pub fn parse(s: &str) -> Self {
        Self::ALL
            .iter()
            .find(|(_, v, _)| *v == s)
            .map_or(Self::default(), |(sort, _, _)| *sort)
    }
}

/// Which projects to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub status: Option<Status>,
    /// The agency lead.
    pub lead: Option<Uuid>,
    pub tag: Option<String>,
    /// One client (staff; a client's people only ever see their own).
    pub client: Option<Uuid>,
    pub sort: Sort,
}

type Row = (
    (
        Uuid,
        Uuid,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
    ),
    (
        Option<Date>,
        Option<Date>,
        i64,
        i64,
        String,
        Option<Uuid>,
        Option<Uuid>,
        Vec<String>,
        OffsetDateTime,
        OffsetDateTime,
    ),
);

/// The projects the viewer may see that match `filter`, in its order.
pub async fn list(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    filter: &Filter,
) -> QueryResult<Vec<Project>> {
    let mut query = projects::table.inner_join(clients::table).into_boxed();
    if let Some(own) = viewer.client_id() {
        query = query.filter(projects::client_id.eq(own));
    }
    if let Some(client) = filter.client {
        query = query.filter(projects::client_id.eq(client));
    }
    if let Some(status) = filter.status {
        query = query.filter(projects::status.eq(status.as_str()));
    }
    if let Some(lead) = filter.lead {
        query = query.filter(projects::agency_lead_id.eq(lead));
    }
    if let Some(tag) = &filter.tag {
        query = query.filter(projects::tags.contains(vec![tag.clone()]));
    }
    let rows: Vec<Row> = query
        .select(columns())
        .order(projects::name.asc())
        .load(conn)
        .await?;
    let mut out = complete(conn, rows).await?;
    sort(&mut out, filter.sort);
    Ok(out)
}

/// Project `id` if the viewer may see it.
pub async fn get(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> QueryResult<Option<Project>> {
    let mut query = projects::table
        .inner_join(clients::table)
        .filter(projects::id.eq(id))
        .into_boxed();
    if let Some(own) = viewer.client_id() {
        query = query.filter(projects::client_id.eq(own));
    }
    let rows: Vec<Row> = query.select(columns()).load(conn).await?;
    Ok(complete(conn, rows).await?.pop())
}

/// Project `id` with the proof the viewer sees it, in one read (a page's first).
pub async fn get_visible(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> Result<(Project, Visible), ProjectError> {
    let project = get(conn, viewer, id).await?.ok_or(ProjectError::NotFound)?;
    let visible = Visible {
        id,
        client_id: project.client_id,
        viewer: *viewer,
    };
    Ok((project, visible))
}

/// A project the viewer may see, proved by [`visible`] or [`get_visible`] (the only ways to
/// make one). The reads of a project's records take one, so none can skip the client check,
/// and a page that shows nine kinds of them checks once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visible {
    id: Uuid,
    client_id: Uuid,
    viewer: Viewer,
}

impl Visible {
    /// The project's id.
    pub fn id(self) -> Uuid {
        self.id
    }

    /// Its client's id.
    pub fn client_id(self) -> Uuid {
        self.client_id
    }

    /// Who it was checked for.
    pub fn viewer(self) -> Viewer {
        self.viewer
    }
}

/// Project `id` as the viewer may see it; another client's (or none) is `NotFound`.
pub async fn visible(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> Result<Visible, ProjectError> {
    let client_id = visible_client(conn, viewer, id)
        .await?
        .ok_or(ProjectError::NotFound)?;
    Ok(Visible {
        id,
        client_id,
        viewer: *viewer,
    })
}

/// The client of project `id` if the viewer may see it (the check every child record's read
/// and write starts with).
pub async fn visible_client(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> QueryResult<Option<Uuid>> {
    let client: Option<Uuid> = projects::table
        .find(id)
        .select(projects::client_id)
        .first(conn)
        .await
        .optional()?;
    Ok(client.filter(|c| viewer.sees(*c)))
}

#[allow(clippy::type_complexity)]
fn columns() -> (
    (
        projects::id,
        projects::client_id,
        clients::name,
        projects::slug,
        projects::name,
        projects::description,
        projects::scope_md,
        projects::status,
        projects::priority,
    ),
    (
        projects::start_on,
        projects::due_on,
        projects::budget_cents,
        projects::spent_cents,
        projects::currency,
        projects::agency_lead_id,
        projects::client_lead_id,
        projects::tags,
        projects::created_at,
        projects::updated_at,
    ),
) {
    (
        (
            projects::id,
            projects::client_id,
            clients::name,
            projects::slug,
            projects::name,
            projects::description,
            projects::scope_md,
            projects::status,
            projects::priority,
        ),
        (
            projects::start_on,
            projects::due_on,
            projects::budget_cents,
            projects::spent_cents,
            projects::currency,
            projects::agency_lead_id,
            projects::client_lead_id,
            projects::tags,
            projects::created_at,
            projects::updated_at,
        ),
    )
}

/// The people with these ids, by id.
pub async fn people(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> QueryResult<HashMap<Uuid, Person>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, String, String)> = users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::display_name, users::email))
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, email)| {
            let name = if name.trim().is_empty() { email } else { name };
            (id, Person { id, name })
        })
        .collect())
}

/// The counts of each project, by id (two grouped queries).
pub async fn counts(
    conn: &mut AsyncPgConnection,
    ids: &[Uuid],
) -> QueryResult<HashMap<Uuid, Counts>> {
    use diesel::dsl::count_star;
    let mut out: HashMap<Uuid, Counts> = ids.iter().map(|id| (*id, Counts::default())).collect();
    if ids.is_empty() {
        return Ok(out);
    }
    let by_status: Vec<(Uuid, String, i64)> = tasks::table
        .filter(tasks::project_id.eq_any(ids))
        .group_by((tasks::project_id, tasks::status))
        .select((tasks::project_id, tasks::status, count_star()))
        .load(conn)
        .await?;
    for (id, status, n) in by_status {
        let c = out.entry(id).or_default();
        c.tasks_total += n;
        match status.as_str() {
            "done" => c.tasks_done += n,
            "doing" => c.tasks_doing += n,
            _ => {}
        }
    }
    // COUNT(done_at) counts the reached ones (it skips nulls).
    let stones: Vec<(Uuid, i64, i64)> = milestones::table
        .filter(milestones::project_id.eq_any(ids))
        .group_by(milestones::project_id)
        .select((
            milestones::project_id,
            count_star(),
            diesel::dsl::count(milestones::done_at),
        ))
        .load(conn)
        .await?;
    for (id, total, done) in stones {
        let c = out.entry(id).or_default();
        c.milestones_total = total;
        c.milestones_done = done;
    }
    Ok(out)
}

/// Rows made whole: counts and leads.
async fn complete(conn: &mut AsyncPgConnection, rows: Vec<Row>) -> QueryResult<Vec<Project>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.0.0).collect();
    let mut counts = counts(conn, &ids).await?;
    let lead_ids: Vec<Uuid> = rows.iter().flat_map(|r| [r.1.5, r.1.6]).flatten().collect();
    let people = people(conn, &lead_ids).await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                (id, client_id, client_name, slug, name, description, scope_md, status, priority),
                (
                    start_on,
                    due_on,
                    budget_cents,
                    spent_cents,
                    currency,
                    agency_lead,
                    client_lead,
                    tags,
                    created_at,
                    updated_at,
                ),
            )| Project {
                id,
                client_id,
                client_name,
                slug,
                name,
                description,
                scope_md,
                status: Status::parse(&status).unwrap_or(Status::Planning),
                priority: Priority::parse(&priority).unwrap_or(Priority::Medium),
                start_on,
                due_on,
                budget_cents,
                spent_cents,
                currency,
                agency_lead: agency_lead.and_then(|id| people.get(&id).cloned()),
                client_lead: client_lead.and_then(|id| people.get(&id).cloned()),
                tags,
                created_at,
                updated_at,
                counts: counts.remove(&id).unwrap_or_default(),
            },
        )
        .collect())
}

/// Puts `projects` in `order`.
pub fn sort(projects: &mut [Project], order: Sort) {
    match order {
        Sort::Due => projects.sort_by(|a, b| {
            (a.due_on.is_none(), a.due_on, &a.name).cmp(&(b.due_on.is_none(), b.due_on, &b.name))
        }),
        Sort::Progress => {
            projects.sort_by(|a, b| (a.progress(), &a.name).cmp(&(b.progress(), &b.name)))
        }
        Sort::Name => projects.sort_by(|a, b| a.name.cmp(&b.name)),
        Sort::Updated => projects.sort_by_key(|p| std::cmp::Reverse(p.updated_at)),
    }
}

/// A project as staff create or change it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectForm {
    pub client_id: Uuid,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub scope_md: String,
    pub status: Status,
    pub priority: Priority,
    pub start_on: Option<Date>,
    pub due_on: Option<Date>,
    pub budget_cents: i64,
    pub spent_cents: i64,
    pub currency: String,
    pub agency_lead_id: Option<Uuid>,
    pub client_lead_id: Option<Uuid>,
    pub tags: Vec<String>,
}

impl ProjectForm {
    /// Checks every field; the first at fault is named.
    pub fn check(&self) -> Result<(), ProjectError> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 160 {
            return Err(field(
                "name",
                "Give the project a name (160 characters at most).",
            ));
        }
        if !is_slug(&self.slug) || self.slug.len() > 80 {
            return Err(field(
                "slug",
                "Use lower-case letters, digits and single hyphens (80 at most).",
            ));
        }
        if self.description.chars().count() > 2000 {
            return Err(field(
                "description",
                "Keep the description under 2 000 characters.",
            ));
        }
        if self.scope_md.chars().count() > 50_000 {
            return Err(field("scope_md", "Keep the scope under 50 000 characters."));
        }
        if let (Some(start), Some(due)) = (self.start_on, self.due_on)
            && due < start
        {
            return Err(field(
                "due_on",
                "The due date cannot come before the start.",
            ));
        }
        if self.budget_cents < 0 {
            return Err(field("budget", "The budget cannot be negative."));
        }
        if self.spent_cents < 0 {
            return Err(field("spent", "What was spent cannot be negative."));
        }
        if !(self.currency.len() == 3 && self.currency.bytes().all(|b| b.is_ascii_uppercase())) {
            return Err(field(
                "currency",
                "Use a three-letter currency code such as EUR.",
            ));
        }
        if self.tags.len() > 12
            || self
                .tags
                .iter()
                .any(|t| t.is_empty() || t.chars().count() > 40)
        {
            return Err(field("tags", "Up to 12 tags of 40 characters at most."));
        }
        Ok(())
    }
}

/// Whether `s` is a slug (lower-case words joined by single hyphens).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Tags as typed (comma-separated): trimmed, lower-cased, without repeats.
pub fn parse_tags(s: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in s.split(',').map(|t| t.trim().to_lowercase()) {
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// The audit record of a project form.
fn audit_json(form: &ProjectForm) -> serde_json::Value {
    json!({
        "client_id": form.client_id,
        "name": form.name,
        "slug": form.slug,
        "status": form.status.as_str(),
        "priority": form.priority.as_str(),
        "start_on": form.start_on.map(|d| d.to_string()),
        "due_on": form.due_on.map(|d| d.to_string()),
        "budget_cents": form.budget_cents,
        "spent_cents": form.spent_cents,
        "agency_lead_id": form.agency_lead_id,
        "client_lead_id": form.client_lead_id,
        "tags": form.tags,
    })
}

/// Maps a repeated slug to its field.
fn slug_taken(e: Error) -> ProjectError {
    match e {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
            field("slug", "This client already has a project with that slug.")
        }
        Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
            field("client", "Choose an existing client and people.")
        }
        other => other.into(),
    }
}

/// Checks the form's people: the agency lead is on the agency's staff, the client lead one of
/// the project's client's people.
async fn check_people(
    conn: &mut AsyncPgConnection,
    form: &ProjectForm,
) -> Result<(), ProjectError> {
    if let Some(lead) = form.agency_lead_id {
        let role: Option<String> = users::table
            .find(lead)
            .select(users::role)
            .first(conn)
            .await
            .optional()?;
        if !role
            .as_deref()
            .and_then(Role::parse)
            .is_some_and(Role::is_staff)
        {
            return Err(field("agency_lead", "Choose one of the agency's staff."));
        }
    }
    if let Some(lead) = form.client_lead_id {
        let client: Option<Uuid> = client_members::table
            .find(lead)
            .select(client_members::client_id)
            .first(conn)
            .await
            .optional()?;
        if client != Some(form.client_id) {
            return Err(field("client_lead", "Choose one of this client's people."));
        }
    }
    Ok(())
}

/// The agency's staff, by name: who may lead a project.
pub async fn staff_people(conn: &mut AsyncPgConnection) -> QueryResult<Vec<Person>> {
    let rows: Vec<(Uuid, String, String)> = users::table
        .filter(users::role.eq_any(["staff", "admin"]))
        .filter(users::disabled_at.is_null())
        .select((users::id, users::display_name, users::email))
        .order(users::email.asc())
        .load(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, email)| Person {
            id,
            name: if name.trim().is_empty() { email } else { name },
        })
        .collect())
}

/// Staff create a project; audited. Returns its id.
pub async fn create(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    form: &ProjectForm,
) -> Result<Uuid, ProjectError> {
    if !viewer.is_staff() {
        return Err(ProjectError::Forbidden("Only staff create projects."));
    }
    form.check()?;
    check_people(conn, form).await?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let id: Uuid = diesel::insert_into(projects::table)
            .values((
                projects::client_id.eq(form.client_id),
                projects::name.eq(form.name.trim()),
                projects::slug.eq(&form.slug),
                projects::description.eq(form.description.trim()),
                projects::scope_md.eq(&form.scope_md),
                projects::status.eq(form.status.as_str()),
                projects::priority.eq(form.priority.as_str()),
                projects::start_on.eq(form.start_on),
                projects::due_on.eq(form.due_on),
                projects::budget_cents.eq(form.budget_cents),
                projects::spent_cents.eq(form.spent_cents),
                projects::currency.eq(&form.currency),
                projects::agency_lead_id.eq(form.agency_lead_id),
                projects::client_lead_id.eq(form.client_lead_id),
                projects::tags.eq(&form.tags),
            ))
            .returning(projects::id)
            .get_result(conn)
            .await
            .map_err(slug_taken)?;
        audit::record(
            conn,
            &Entry::new(actor, "project.create", "project", id).after(audit_json(form)),
        )
        .await?;
        super::burn::record(conn, id, form.budget_cents, form.spent_cents).await?;
        Ok(id)
    })
    .await
}

/// Staff change project `id`; audited with the row before and after.
pub async fn update(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
    form: &ProjectForm,
) -> Result<(), ProjectError> {
    if !viewer.is_staff() {
        return Err(ProjectError::Forbidden("Only staff change projects."));
    }
    form.check()?;
    check_people(conn, form).await?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let before = get(conn, viewer, id).await?.ok_or(ProjectError::NotFound)?;
        diesel::update(projects::table.find(id))
            .set((
                projects::client_id.eq(form.client_id),
                projects::name.eq(form.name.trim()),
                projects::slug.eq(&form.slug),
                projects::description.eq(form.description.trim()),
                projects::scope_md.eq(&form.scope_md),
                projects::status.eq(form.status.as_str()),
                projects::priority.eq(form.priority.as_str()),
                projects::start_on.eq(form.start_on),
                projects::due_on.eq(form.due_on),
                projects::budget_cents.eq(form.budget_cents),
                projects::spent_cents.eq(form.spent_cents),
                projects::currency.eq(&form.currency),
                projects::agency_lead_id.eq(form.agency_lead_id),
                projects::client_lead_id.eq(form.client_lead_id),
                projects::tags.eq(&form.tags),
                projects::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
            .await
            .map_err(slug_taken)?;
        audit::record(
            conn,
            &Entry::new(actor, "project.update", "project", id)
                .before(json!({
                    "name": before.name,
                    "status": before.status.as_str(),
                    "due_on": before.due_on.map(|d| d.to_string()),
                    "budget_cents": before.budget_cents,
                    "spent_cents": before.spent_cents,
                }))
                .after(audit_json(form)),
        )
        .await?;
        if (before.budget_cents, before.spent_cents) != (form.budget_cents, form.spent_cents) {
            super::burn::record(conn, id, form.budget_cents, form.spent_cents).await?;
        }
        super::tasks::touch(conn, id).await?;
        Ok(())
    })
    .await
}

/// Staff delete project `id` with everything of it (tasks, milestones, comments, files,
/// resources, reports); `confirm` must be its slug, typed again. Audited with what it held.
pub async fn delete(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
    confirm: &str,
) -> Result<(), ProjectError> {
    staff_on(conn, viewer, id, "Only staff delete projects.").await?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let (name, slug, client_id): (String, String, Uuid) = projects::table
            .find(id)
            .select((projects::name, projects::slug, projects::client_id))
            .for_update()
            .first(conn)
            .await
            .optional()?
            .ok_or(ProjectError::NotFound)?;
        if confirm.trim() != slug {
            return Err(field(
                "confirm",
                format!("Type the project's slug, {slug}, to delete it."),
            ));
        }
        let tasks: i64 = tasks::table
            .filter(tasks::project_id.eq(id))
            .count()
            .get_result(conn)
            .await?;
        diesel::delete(projects::table.find(id))
            .execute(conn)
            .await?;
        audit::record(
            conn,
            &Entry::new(actor, "project.delete", "project", id).before(json!({
                "name": name,
                "slug": slug,
                "client_id": client_id,
                "tasks": tasks,
            })),
        )
        .await?;
        Ok(())
    })
    .await
}

/// The check every staff-only write on a project's records starts with: a project the viewer
/// may not see is not found (another client's answers as none would), and one they see but
/// may not change this way is forbidden with `why`.
pub async fn staff_on(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    project_id: Uuid,
    why: &'static str,
) -> Result<Visible, ProjectError> {
    let project = visible(conn, viewer, project_id).await?;
    if viewer.is_staff() {
        Ok(project)
    } else {
        Err(ProjectError::Forbidden(why))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_priorities_read_back() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        for p in Priority::ALL {
            assert_eq!(Priority::parse(p.as_str()), Some(p));
        }
        assert_eq!(Status::parse("done"), None);
    }

    #[test]
    fn slugs_and_tags_are_tidied() {
        assert!(is_slug("data-lake-2"));
        for bad in ["", "-a", "a--b", "A", "a b", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert_eq!(parse_tags(" ML, etl,,ml , BI "), vec!["ml", "etl", "bi"]);
    }
}
