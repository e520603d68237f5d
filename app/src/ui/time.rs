//! Points in time on pages: a `<time>` element with the machine-readable instant and a
//! readable label written by the server (`2 December 2026, 10:15 UTC`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An instant as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instant {
    /// RFC 3339.
    pub at: String,
    pub label: String,
}

#[cfg(feature = "ssr")]
impl From<time::OffsetDateTime> for Instant {
    fn from(at: time::OffsetDateTime) -> Self {
        let at = at.to_offset(time::UtcOffset::UTC);
        Self {
            at: at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            label: at
                .format(time::macros::format_description!(
                    "[day padding:none] [month repr:long] [year], [hour]:[minute] UTC"
                ))
                .unwrap_or_default(),
        }
    }
}

/// `<time datetime=…>label</time>`.
#[component]
pub fn When(at: Instant) -> impl IntoView {
    view! { <time datetime=at.at>{at.label}</time> }
}
