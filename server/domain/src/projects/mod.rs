//! The client project dashboard (issue 19): client companies are tenants (`clients`), whose
//! people follow their own projects. Every read and write here takes the caller as a
//! [`access::Viewer`] and is scoped to the viewer's client in this layer, so no page can forget
//! it: another client's record is simply not found. Progress, task counts and the overdue and
//! "budget at risk" flags are computed (`progress`), never typed.
//!
//! - `access`: who is looking (staff see every client; a client's people see their own);
//! - `clients`: the tenants and their members; `invitations`: a client admin's emailed links;
//! - `project`: the projects; `tasks` and `milestones`: the work they are measured by;
//! - `comments`: the client and the agency talking on a project; `activity`: the feed of who
//!   changed what, read from the audit log;
//! - `markdown`: scopes and comments as safe HTML; `demo`: the demo agency book of a development start.

pub mod access;
pub mod activity;
pub mod clients;
pub mod comments;
pub mod demo;
pub mod error;
pub mod invitations;
pub mod markdown;
pub mod milestones;
pub mod progress;
pub mod project;
pub mod tasks;
