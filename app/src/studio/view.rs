//! What the studio's pages show, as the server hands it over: photos and results with their
//! signed, expiring addresses (private media is never at a guessable URL), jobs with their
//! state and stage, styles with their category and rating.

use serde::{Deserialize, Serialize};

/// One of the caller's photos.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoCard {
    pub id: String,
    pub title: String,
    pub tags: Vec<String>,
    pub width: i32,
    pub height: i32,
    /// The full picture's signed address.
    pub url: String,
    /// A small copy's signed address (the full picture until the copies are made).
    pub thumb_url: String,
    pub created_at: crate::ui::time::Instant,
}

/// The day's use of a daily allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allowance {
    pub used: u32,
    /// `None`: no limit (staff).
    pub limit: Option<u32>,
}

impl Allowance {
    /// What is left today (`None`: no limit).
    pub fn left(self) -> Option<u32> {
        self.limit.map(|l| l.saturating_sub(self.used))
    }

    /// "3 of 5 left today", or "no daily limit".
    pub fn sentence(self, what: &str) -> String {
        match (self.left(), self.limit) {
            (Some(left), Some(limit)) => {
                format!("{left} of {limit} {what} left today, resets at midnight UTC")
            }
            _ => format!("No daily limit on {what}"),
        }
    }
}

/// One styling job, as its owner sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobCard {
    pub id: String,
    pub kind: String,
    pub state: String,
    pub state_label: String,
    pub stage: String,
    pub stage_label: String,
    pub active: bool,
    pub style_name: Option<String>,
    pub style_slug: Option<String>,
    pub engine: String,
    pub prompt: String,
    pub output_format: String,
    pub error: Option<String>,
    pub cancel_requested: bool,
    /// The photo styled (signed address), while it exists.
    pub before_url: Option<String>,
    pub image_id: Option<String>,
    /// The latest in-between picture OpenAI streamed (its owner-only address, new for each
    /// picture), while the job runs.
    pub partial_url: Option<String>,
    /// The result (signed address), once done.
    pub result_url: Option<String>,
    pub result_width: Option<i32>,
    pub result_height: Option<i32>,
    pub created_at: crate::ui::time::Instant,
    /// Seconds from start to end, once ended.
    pub seconds: Option<f64>,
    /// What the gallery keeps of it, once done (and until deleted).
    pub result: Option<ResultCard>,
}

/// One of the caller's results, as the gallery and the job's page show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultCard {
    /// The job's id (a result shares it).
    pub id: String,
    pub title: String,
    pub style_name: Option<String>,
    pub style_slug: Option<String>,
    /// The photo it came from (signed address), while that photo exists.
    pub before_url: Option<String>,
    /// The result (signed address).
    pub after_url: String,
    pub width: i32,
    pub height: i32,
    pub favorite: bool,
    pub rating: Option<i16>,
    pub downloads: i32,
    /// `private`, `submitted` or `approved`.
    pub showcase: String,
    pub showcase_title: String,
    /// The widths it can be downloaded at, largest (the original) first.
    pub download_widths: Vec<i32>,
    /// The print sizes it can be ordered in.
    pub prints: Vec<PrintChoice>,
    pub created_at: crate::ui::time::Instant,
}

/// One print size a result can be ordered in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintChoice {
    pub code: String,
    pub label: String,
    /// The price on the cheapest paper, formatted.
    pub from: String,
    /// The result is smaller than this size needs at 150 dpi: it would be enlarged.
    pub too_small: bool,
}

/// One style in the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StyleCard {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub category: String,
    pub category_slug: String,
    pub icon: String,
    pub colour: String,
    pub engine: String,
    pub premium: bool,
    pub rating: Option<f32>,
    pub ratings: i32,
    pub uses: i64,
    /// Before/after examples (real outputs of the style).
    pub examples: Vec<ExampleView>,
}

/// One before/after example of a style (public pictures).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleView {
    pub caption: String,
    pub before_url: String,
    pub after_url: String,
    pub width: i32,
    pub height: i32,
}

/// A category to filter by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryLink {
    pub slug: String,
    pub name: String,
    pub icon: String,
}
