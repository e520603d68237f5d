//! The style catalog's admin (`/admin/styles`): categories and styles created and changed,
//! examples uploaded and removed; staff only, every write audited.

pub mod api;
pub mod pages;
