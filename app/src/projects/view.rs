//! What the dashboard's pages show, as plain serializable data (dates as ISO `YYYY-MM-DD`,
//! money already formatted): built on the server from `domain::projects`, read by the pages.

use serde::{Deserialize, Serialize};

/// One project, as a card on `/dashboard` and the head of its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectCard {
    pub id: String,
    pub name: String,
    pub client_name: String,
    pub description: String,
    pub status: String,
    pub status_label: String,
    pub priority: String,
    pub priority_label: String,
    /// Percent, computed from the work.
    pub progress: u8,
    pub tasks_done: i64,
    pub tasks_total: i64,
    pub milestones_done: i64,
    pub milestones_total: i64,
    pub start_on: Option<String>,
    pub due_on: Option<String>,
    pub overdue: bool,
    pub budget_at_risk: bool,
    pub budget: String,
    pub spent: String,
    /// The currency's code (`EUR`).
    pub currency: String,
    pub agency_lead: Option<String>,
    pub client_lead: Option<String>,
    pub tags: Vec<String>,
}

/// The numbers at the top of `/dashboard`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub total: usize,
    /// (status key, label, count), in the order projects move through them.
    pub by_status: Vec<(String, String, usize)>,
    pub average_progress: u8,
    pub overdue: usize,
    pub at_risk: usize,
    pub due_this_week: usize,
}

/// The filters as chosen (echoed back to the form).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chosen {
    pub status: Option<String>,
    pub lead: Option<String>,
    pub tag: Option<String>,
    pub client: Option<String>,
    pub sort: String,
}

/// `/dashboard`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    /// `staff`, `client`, or `none` (a person who belongs to no client).
    pub kind: String,
    pub client_name: Option<String>,
    /// A client admin (invites colleagues, changes tasks).
    pub is_admin: bool,
    /// Summary of every project the viewer sees (not just the filtered ones).
    pub summary: Summary,
    pub projects: Vec<ProjectCard>,
    /// (id, name) of the agency leads, the tags, and (staff) the clients, to filter by.
    pub leads: Vec<(String, String)>,
    pub tags: Vec<String>,
    pub clients: Vec<(String, String)>,
    /// (value, label) of the statuses and the sort orders the form offers.
    pub statuses: Vec<(String, String)>,
    pub sorts: Vec<(String, String)>,
    pub chosen: Chosen,
    /// The latest changes across the shown projects' client(s), newest first.
    pub activity: Vec<ActivityLine>,
}

/// One task on a project's board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskCard {
    pub id: String,
    pub title: String,
    pub status: String,
    pub assignee: Option<String>,
    pub due_on: Option<String>,
    pub overdue: bool,
    pub milestone: Option<String>,
    /// When it was finished (RFC 3339, so it sorts), if it is.
    pub done_at: Option<String>,
}

/// One milestone of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneCard {
    pub id: String,
    pub name: String,
    pub due_on: Option<String>,
    pub done: bool,
    pub tasks_done: i64,
    pub tasks_total: i64,
}

/// `/dashboard/projects/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectView {
    pub card: ProjectCard,
    /// The full scope, Markdown rendered and cleaned on the server.
    pub scope_html: String,
    pub tasks: Vec<TaskCard>,
    pub milestones: Vec<MilestoneCard>,
    /// Whether the viewer may move tasks and mark milestones.
    pub can_change: bool,
    /// The analytics: the last weeks (labels), tasks finished each week, and progress at each
    /// week's end (both from when each task was done).
    pub weeks: Vec<String>,
    pub done_per_week: Vec<crate::ui::charts::Series>,
    pub progress_per_week: Vec<crate::ui::charts::Series>,
    /// The thread, oldest first.
    pub comments: Vec<CommentCard>,
    /// This project's latest changes, newest first.
    pub activity: Vec<ActivityLine>,
    /// Spending against the budget at each week's end (from the budget's history).
    pub budget_burn: Vec<crate::ui::charts::Series>,
    pub data_sources: Vec<DataSourceCard>,
    pub reports: Vec<ReportCard>,
    /// `None`: no AI integration set up.
    pub ai: Option<AiCard>,
    /// The files shared on the project, newest first.
    pub files: Vec<FileCard>,
    /// The kinds of file the upload form takes (`.pdf,.png,…`).
    pub file_kinds: String,
}

/// One file shared on a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileCard {
    pub id: String,
    pub name: String,
    pub size_bytes: i32,
    pub uploaded_by: String,
    pub at: crate::ui::time::Instant,
    /// Whether the viewer may remove it (the uploader, staff).
    pub deletable: bool,
}

/// One data source of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataSourceCard {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub kind_label: String,
    /// `connected`, `syncing`, `error` or `disconnected`.
    pub status: String,
    pub status_label: String,
    pub last_sync: Option<crate::ui::time::Instant>,
    pub record_count: i64,
    /// The count with its thousands grouped.
    pub records: String,
}

/// One generated file of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFileCard {
    pub id: String,
    pub at: crate::ui::time::Instant,
    pub mailed_to: i32,
}

/// One report of a project, with its latest files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportCard {
    pub id: String,
    pub name: String,
    pub frequency: String,
    pub frequency_label: String,
    pub description: String,
    pub paused: bool,
    pub next_run: crate::ui::time::Instant,
    pub files: Vec<ReportFileCard>,
}

/// A project's AI integration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AiCard {
    pub enabled: bool,
    pub features: Vec<String>,
    pub models: Vec<String>,
    pub documents_indexed: i32,
    pub last_refresh: Option<crate::ui::time::Instant>,
    pub requests_30d: i64,
    pub errors_30d: i64,
    /// Failed calls per hundred over 30 days (`None`: no calls), e.g. `1.9%`.
    pub error_rate: Option<String>,
}

/// One comment on a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentCard {
    pub id: String,
    pub author: String,
    pub from_agency: bool,
    /// The Markdown as safe HTML (rendered and cleaned on the server).
    pub body_html: String,
    pub at: crate::ui::time::Instant,
    pub deleted: bool,
    pub deletable: bool,
}

/// One line of an activity feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityLine {
    pub at: crate::ui::time::Instant,
    pub who: String,
    pub what: String,
    pub project_id: String,
    pub project_name: String,
}

/// One colleague on `/dashboard/people`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberCard {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub role_label: String,
    pub is_you: bool,
}

/// One invitation on `/dashboard/people`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationCard {
    pub id: String,
    pub email: String,
    pub role_label: String,
    /// `open`, `accepted`, `withdrawn` or `expired`.
    pub state: String,
}

/// `/dashboard/people`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct People {
    pub client_name: String,
    pub is_admin: bool,
    pub members: Vec<MemberCard>,
    pub invitations: Vec<InvitationCard>,
}

/// What an invitation link shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinView {
    pub client_name: String,
    pub email: String,
    pub role_label: String,
    pub signed_in: bool,
    /// The signed-in person's address (to tell them when it is not the invited one).
    pub your_email: Option<String>,
}
