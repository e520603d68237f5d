//! A project's reports: each has a name, a frequency and a description; staff set them up
//! (audited). When one falls due, the `generate_reports` job renders it — an HTML summary and
//! a CSV of tasks and budget ([`super::report_render`]) — stores the file, moves the report's
//! next run one period on, and mails the client leads a link, all in one transaction: a job
//! that dies half-way leaves no file and no mail, and the next run does it whole. Everyone
//! who sees the project lists the files and opens them; another client's file is not found.

use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Uuid as SqlUuid};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::access::Viewer;
use super::error::{ProjectError, field};
use super::tasks::audit_and_touch;
use super::{project, report_render};
use crate::audit::Entry;
use crate::db::schema::{client_members, projects, report_files, reports, users};
use crate::email::outbox::queue_email;
use crate::email::report_templates;

/// How often a report is generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Daily,
    Weekly,
    Monthly,
}

impl Frequency {
    /// Every frequency, in the order forms offer them.
    pub const ALL: [Frequency; 3] = [Self::Daily, Self::Weekly, Self::Monthly];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::Monthly => "monthly",
        }
    }

    /// Parses a stored or submitted value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The frequency as people read it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Daily => "Daily",
            Self::Weekly => "Weekly",
            Self::Monthly => "Monthly",
        }
    }

    /// One period after `at` (a month: the same day of the next month, or its last day).
    pub fn after(self, at: OffsetDateTime) -> OffsetDateTime {
        match self {
            Self::Daily => at + time::Duration::days(1),
            Self::Weekly => at + time::Duration::weeks(1),
            Self::Monthly => {
                let date = at.date();
                let (year, month) = if date.month() == time::Month::December {
                    (date.year() + 1, time::Month::January)
                } else {
                    (date.year(), date.month().next())
                };
                let day = date.day().min(month.length(year));
                time::Date::from_calendar_date(year, month, day)
                    .map_or(at + time::Duration::days(30), |d| at.replace_date(d))
            }
        }
    }

    /// The next run after one due at `due`, seen at `now`: whole periods on from `due`, so the
    /// hour a report goes out does not drift with the job's timing, and periods missed while
    /// no server ran are skipped rather than sent in a burst.
    pub fn next_run(self, due: OffsetDateTime, now: OffsetDateTime) -> OffsetDateTime {
        let mut next = self.after(due);
        while next <= now {
            next = self.after(next);
        }
        next
    }
}

/// One generated file, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    pub id: Uuid,
    pub generated_at: OffsetDateTime,
    /// How many people the link was mailed to.
    pub mailed_to: i32,
}

/// One report with its latest files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub id: Uuid,
    pub project_id: Uuid,
    pub name: String,
    pub frequency: Frequency,
    pub description: String,
    pub paused: bool,
    pub next_run_at: OffsetDateTime,
    /// The latest [`FILES_LISTED`] files, newest first.
    pub files: Vec<FileSummary>,
}

/// How many of each report's files a project page lists.
pub const FILES_LISTED: i64 = 5;

/// A report as staff write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportForm {
    pub name: String,
    pub frequency: Frequency,
    pub description: String,
    pub paused: bool,
}

impl ReportForm {
    /// The form's own rules.
    pub fn check(&self) -> Result<(), ProjectError> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            return Err(field("name", "Name the report (120 characters at most)."));
        }
        if self.description.trim().chars().count() > 2000 {
            return Err(field(
                "description",
                "Keep the description under 2000 characters.",
            ));
        }
        Ok(())
    }

    fn audited(&self, project_id: Uuid) -> serde_json::Value {
        json!({
            "name": self.name.trim(),
            "frequency": self.frequency.as_str(),
            "paused": self.paused,
            "project_id": project_id,
        })
    }
}

/// A generated file, whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFile {
    pub id: Uuid,
    pub project_id: Uuid,
    pub report_name: String,
    pub generated_at: OffsetDateTime,
    pub html: String,
    pub csv: String,
}

type ReportRow = (Uuid, Uuid, String, String, String, bool, OffsetDateTime);

fn report_columns() -> (
    reports::id,
    reports::project_id,
    reports::name,
    reports::frequency,
    reports::description,
    reports::paused,
    reports::next_run_at,
) {
    (
        reports::id,
        reports::project_id,
        reports::name,
        reports::frequency,
        reports::description,
        reports::paused,
        reports::next_run_at,
    )
}

#[derive(QueryableByName)]
struct FileRow {
    #[diesel(sql_type = SqlUuid)]
    report_id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    generated_at: OffsetDateTime,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    mailed_to: i32,
}

/// The reports of the `visible` project with their latest files.
pub async fn for_project(
    conn: &mut AsyncPgConnection,
    visible: project::Visible,
) -> Result<Vec<Report>, ProjectError> {
    let project_id = visible.id();
    let rows: Vec<ReportRow> = reports::table
        .filter(reports::project_id.eq(project_id))
        .select(report_columns())
        .order((reports::name.asc(), reports::id.asc()))
        .load(conn)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.0).collect();
    let files: Vec<FileRow> = if ids.is_empty() {
        Vec::new()
    } else {
        diesel::sql_query(
            "SELECT report_id, id, generated_at, mailed_to FROM ( \
               SELECT report_id, id, generated_at, mailed_to, \
                      row_number() OVER (PARTITION BY report_id \
                                         ORDER BY generated_at DESC, id DESC) AS n \
               FROM report_files WHERE report_id = ANY($1)) f \
             WHERE n <= $2 ORDER BY generated_at DESC, id DESC",
        )
        .bind::<Array<SqlUuid>, _>(&ids)
        .bind::<BigInt, _>(FILES_LISTED)
        .load(conn)
        .await?
    };
    Ok(rows
        .into_iter()
        .map(
            |(id, project_id, name, frequency, description, paused, next_run_at)| Report {
                id,
                project_id,
                name,
                frequency: Frequency::parse(&frequency).unwrap_or(Frequency::Weekly),
                description,
                paused,
                next_run_at,
                files: files
                    .iter()
                    .filter(|f| f.report_id == id)
                    .map(|f| FileSummary {
                        id: f.id,
                        generated_at: f.generated_at,
                        mailed_to: f.mailed_to,
                    })
                    .collect(),
            },
        )
        .collect())
}

/// Generated file `id`, if the viewer sees its project.
pub async fn file(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> Result<ReportFile, ProjectError> {
    let row: Option<(Uuid, Uuid, String, OffsetDateTime, String, String)> = report_files::table
        .inner_join(reports::table)
        .filter(report_files::id.eq(id))
        .select((
            report_files::id,
            report_files::project_id,
            reports::name,
            report_files::generated_at,
            report_files::html,
            report_files::csv,
        ))
        .first(conn)
        .await
        .optional()?;
    let (id, project_id, report_name, generated_at, html, csv) =
        row.ok_or(ProjectError::NotFound)?;
    project::visible_client(conn, viewer, project_id)
        .await?
        .ok_or(ProjectError::NotFound)?;
    Ok(ReportFile {
        id,
        project_id,
        report_name,
        generated_at,
        html,
        csv,
    })
}

/// The project of report `id` (`NotFound` when there is none).
async fn project_of(conn: &mut AsyncPgConnection, id: Uuid) -> Result<Uuid, ProjectError> {
    reports::table
        .find(id)
        .select(reports::project_id)
        .first(conn)
        .await
        .optional()?
        .ok_or(ProjectError::NotFound)
}

const STAFF_ONLY: &str = "Only the agency's staff manage reports.";

/// Staff set up a report on project `project_id`, first due now; audited. Returns its id.
pub async fn create(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    project_id: Uuid,
    form: &ReportForm,
) -> Result<Uuid, ProjectError> {
    project::staff_on(conn, viewer, project_id, STAFF_ONLY).await?;
    form.check()?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let id: Uuid = diesel::insert_into(reports::table)
            .values((
                reports::project_id.eq(project_id),
                reports::name.eq(form.name.trim()),
                reports::frequency.eq(form.frequency.as_str()),
                reports::description.eq(form.description.trim()),
                reports::paused.eq(form.paused),
            ))
            .returning(reports::id)
            .get_result(conn)
            .await?;
        audit_and_touch(
            conn,
            &Entry::new(actor, "report.create", "report", id).after(form.audited(project_id)),
            project_id,
        )
        .await?;
        Ok(id)
    })
    .await
}

/// Staff change report `id`; audited. Returns its project.
pub async fn update(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
    form: &ReportForm,
) -> Result<Uuid, ProjectError> {
    let project_id = project_of(conn, id).await?;
    project::staff_on(conn, viewer, project_id, STAFF_ONLY).await?;
    form.check()?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let (_, _, name, frequency, description, paused, _): ReportRow = reports::table
            .find(id)
            .select(report_columns())
            .for_update()
            .first(conn)
            .await?;
        let was = ReportForm {
            name,
            frequency: Frequency::parse(&frequency).unwrap_or(Frequency::Weekly),
            description,
            paused,
        };
        diesel::update(reports::table.find(id))
            .set((
                reports::name.eq(form.name.trim()),
                reports::frequency.eq(form.frequency.as_str()),
                reports::description.eq(form.description.trim()),
                reports::paused.eq(form.paused),
                reports::updated_at.eq(diesel::dsl::now),
            ))
            .execute(conn)
            .await?;
        audit_and_touch(
            conn,
            &Entry::new(actor, "report.update", "report", id)
                .before(was.audited(project_id))
                .after(form.audited(project_id)),
            project_id,
        )
        .await?;
        Ok(project_id)
    })
    .await
}

/// Staff remove report `id` and its files; audited. Returns its project.
pub async fn delete(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
) -> Result<Uuid, ProjectError> {
    let project_id = project_of(conn, id).await?;
    project::staff_on(conn, viewer, project_id, STAFF_ONLY).await?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let name: Option<String> = diesel::delete(reports::table.find(id))
            .returning(reports::name)
            .get_result(conn)
            .await
            .optional()?;
        let name = name.ok_or(ProjectError::NotFound)?;
        audit_and_touch(
            conn,
            &Entry::new(actor, "report.delete", "report", id)
                .before(json!({"name": name, "project_id": project_id})),
            project_id,
        )
        .await?;
        Ok(project_id)
    })
    .await
}

/// Generates the next due report, if any (the job calls it until it answers `None`). Returns
/// the new file's id.
pub async fn generate_next_due(
    conn: &mut AsyncPgConnection,
    public_url: &str,
) -> Result<Option<Uuid>, ProjectError> {
    conn.transaction(async |conn| {
        let due: Option<ReportRow> = reports::table
            .filter(reports::next_run_at.le(diesel::dsl::now))
            .filter(reports::paused.eq(false))
            .select(report_columns())
            .order(reports::next_run_at.asc())
            .for_update()
            .skip_locked()
            .first(conn)
            .await
            .optional()?;
        let Some(row) = due else {
            return Ok(None);
        };
        let frequency = Frequency::parse(&row.3).unwrap_or(Frequency::Weekly);
        let file = write_file(conn, &row, public_url).await?;
        diesel::update(reports::table.find(row.0))
            .set(reports::next_run_at.eq(frequency.next_run(row.6, OffsetDateTime::now_utc())))
            .execute(conn)
            .await?;
        Ok(Some(file))
    })
    .await
}

/// Staff generate report `id` now (its schedule stays); audited. Returns the file's id and the
/// project's.
pub async fn generate_now(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    id: Uuid,
    public_url: &str,
) -> Result<(Uuid, Uuid), ProjectError> {
    let project_id = project_of(conn, id).await?;
    project::staff_on(conn, viewer, project_id, STAFF_ONLY).await?;
    let actor = viewer.user_id();
    conn.transaction(async |conn| {
        let row: ReportRow = reports::table
            .find(id)
            .select(report_columns())
            .for_update()
            .first(conn)
            .await?;
        let file = write_file(conn, &row, public_url).await?;
        audit_and_touch(
            conn,
            &Entry::new(actor, "report.generate", "report", id)
                .after(json!({"name": row.2, "file": file, "project_id": project_id})),
            project_id,
        )
        .await?;
        Ok((file, project_id))
    })
    .await
}

/// Renders report `row`, stores the file and queues the mails to the client leads (inside
/// the caller's transaction). Returns the file's id.
async fn write_file(
    conn: &mut AsyncPgConnection,
    row: &ReportRow,
    public_url: &str,
) -> Result<Uuid, ProjectError> {
    let (report_id, project_id, name, frequency, description, _, _) = row;
    let frequency = Frequency::parse(frequency).unwrap_or(Frequency::Weekly);
    let now = OffsetDateTime::now_utc();
    let rendered = report_render::render(conn, *project_id, name, description, frequency, now)
        .await?
        .ok_or(ProjectError::NotFound)?;
    let id = Uuid::now_v7();
    let recipients = leads(conn, *project_id).await?;
    let link = format!(
        "{}/dashboard/reports/{id}",
        public_url.trim_end_matches('/')
    );
    for (email, person) in &recipients {
        let mail =
            report_templates::report_ready(email, person, name, &rendered.project_name, &link)
                .map_err(|e| ProjectError::Conflict(format!("the report mail: {e}")))?;
        queue_email(conn, &mail).await?;
    }
    diesel::insert_into(report_files::table)
        .values((
            report_files::id.eq(id),
            report_files::report_id.eq(report_id),
            report_files::project_id.eq(project_id),
            report_files::generated_at.eq(now),
            report_files::html.eq(&rendered.html),
            report_files::csv.eq(&rendered.csv),
            report_files::mailed_to.eq(i32::try_from(recipients.len()).unwrap_or(i32::MAX)),
        ))
        .execute(conn)
        .await?;
    Ok(id)
}

/// Who a project's reports are mailed to: its client lead, or when it has none its client's
/// admins. `(email, name)`.
async fn leads(
    conn: &mut AsyncPgConnection,
    project_id: Uuid,
) -> QueryResult<Vec<(String, String)>> {
    let (client_id, lead): (Uuid, Option<Uuid>) = projects::table
        .find(project_id)
        .select((projects::client_id, projects::client_lead_id))
        .first(conn)
        .await?;
    let people: Vec<(String, String)> = match lead {
        Some(lead) => {
            users::table
                .find(lead)
                .select((users::email, users::display_name))
                .load(conn)
                .await?
        }
        None => {
            client_members::table
                .inner_join(users::table)
                .filter(client_members::client_id.eq(client_id))
                .filter(client_members::role.eq("client_admin"))
                .select((users::email, users::display_name))
                .order(users::email.asc())
                .load(conn)
                .await?
        }
    };
    Ok(people
        .into_iter()
        .map(|(email, name)| {
            let name = if name.trim().is_empty() {
                email.clone()
            } else {
                name
            };
            (email, name)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::Frequency;

    #[test]
    fn the_next_run_keeps_its_hour_and_skips_missed_periods() {
        let due = datetime!(2026-11-02 08:00 UTC);
        assert_eq!(
            Frequency::Weekly.next_run(due, datetime!(2026-11-02 08:07 UTC)),
            datetime!(2026-11-09 08:00 UTC)
        );
        // Three weeks without a server: the next run is the next Monday to come, not a burst.
        assert_eq!(
            Frequency::Weekly.next_run(due, datetime!(2026-11-24 12:00 UTC)),
            datetime!(2026-11-30 08:00 UTC)
        );
        assert_eq!(
            Frequency::Daily.next_run(due, datetime!(2026-11-02 09:00 UTC)),
            datetime!(2026-11-03 08:00 UTC)
        );
    }

    #[test]
    fn a_month_on_keeps_the_day_or_takes_the_last() {
        assert_eq!(
            Frequency::Monthly.after(datetime!(2026-01-31 06:00 UTC)),
            datetime!(2026-02-28 06:00 UTC)
        );
        assert_eq!(
            Frequency::Monthly.after(datetime!(2026-12-15 06:00 UTC)),
            datetime!(2027-01-15 06:00 UTC)
        );
    }
}
