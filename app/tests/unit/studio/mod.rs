//! Unit tests of `app::studio`.
mod results_back;
