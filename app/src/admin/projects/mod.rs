//! `/admin/projects`: the staff's side of the client dashboard — clients (create, edit, delete
//! an empty one; their people: assign by email, remove), projects (create, edit every field,
//! delete), and a project's milestones (add, mark, rename, delete) and tasks (add, move, edit
//! on their own page, delete), data sources and reports (add, change, remove, generate
//! now) and the AI integration. Every write goes through `domain::projects` as the
//! staff viewer, which audits it.

pub mod api;
pub mod client_page;
pub mod editor;
pub mod edits_api;
pub mod fields;
pub mod overview;
pub mod resources_api;
pub mod resources_editor;
pub mod task_page;
