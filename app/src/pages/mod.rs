//! Pages that belong to no feature in particular.

pub mod not_found;
