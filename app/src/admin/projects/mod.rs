//! `/admin/projects`: the staff's side of the client dashboard — clients (create, their people:
//! assign by email, remove), projects (create, edit every field), and a project's milestones
//! and tasks (add, mark, move, delete), data sources and reports (add, change, remove, generate
//! now) and the AI integration. Every write goes through `domain::projects` as the
//! staff viewer, which audits it.

pub mod api;
pub mod client_page;
pub mod editor;
pub mod fields;
pub mod overview;
pub mod resources_api;
pub mod resources_editor;
