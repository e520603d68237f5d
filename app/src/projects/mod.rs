//! The client project dashboard (issue 19): a client's people follow their company's projects
//! (`/dashboard`, `/dashboard/projects/{id}`), its admins invite colleagues
//! (`/dashboard/people`, `/dashboard/join/{token}`); staff see every client. Server components
//! only: nothing here ships WASM to the shopper. The server functions (`api`, `people_api`,
//! `comments_api`)
//! hand every read and write to `domain::projects` with the caller as its viewer, which scopes
//! it to the caller's client.

pub mod activity_feed;
pub mod api;
pub mod charts;
pub mod comments_api;
pub mod comments_section;
pub mod dashboard_page;
pub mod files_api;
pub mod files_section;
pub mod people_api;
pub mod people_page;
pub mod project_page;
#[cfg(feature = "ssr")]
pub mod resource_cards;
pub mod resources_section;
pub mod view;
