//! A project's nested resources as its page shows them (server only): data sources, reports
//! with their latest files, shared files, the AI integration, and the budget burn per week read from the
//! budget's history. The admin's editor lists them from the same cards.

use domain::projects::ai_integration::AiIntegration;
use domain::projects::burn::{self, Snapshot};
use domain::projects::data_sources::DataSource;
use domain::projects::reports::Report;

use super::view::{AiCard, DataSourceCard, FileCard, ReportCard, ReportFileCard};
use crate::catalog::money::group_thousands;
use crate::ui::charts::Series;

/// One data source.
pub fn data_source(d: &DataSource) -> DataSourceCard {
    DataSourceCard {
        id: d.id.to_string(),
        name: d.name.clone(),
        kind: d.kind.as_str().to_owned(),
        kind_label: d.kind.label().to_owned(),
        status: d.status.as_str().to_owned(),
        status_label: d.status.label().to_owned(),
        last_sync: d.last_sync_at.map(Into::into),
        record_count: d.record_count,
        records: group_thousands(d.record_count.unsigned_abs()),
    }
}

/// One report and its latest files.
pub fn report(r: &Report) -> ReportCard {
    ReportCard {
        id: r.id.to_string(),
        name: r.name.clone(),
        frequency: r.frequency.as_str().to_owned(),
        frequency_label: r.frequency.label().to_owned(),
        description: r.description.clone(),
        paused: r.paused,
        next_run: r.next_run_at.into(),
        files: r
            .files
            .iter()
            .map(|f| ReportFileCard {
                id: f.id.to_string(),
                at: f.generated_at.into(),
                mailed_to: f.mailed_to,
            })
            .collect(),
    }
}

/// One shared file.
pub fn file(f: &domain::projects::files::ProjectFile) -> FileCard {
    FileCard {
        id: f.id.to_string(),
        name: f.name.clone(),
        size_bytes: f.size_bytes,
        uploaded_by: f
            .uploaded_by
            .clone()
            .unwrap_or_else(|| "A former member".to_owned()),
        at: f.created_at.into(),
        deletable: f.deletable,
    }
}

/// The AI integration.
pub fn ai(a: &AiIntegration) -> AiCard {
    AiCard {
        enabled: a.enabled,
        features: a.features.clone(),
        models: a.models.clone(),
        documents_indexed: a.documents_indexed,
        last_refresh: a.last_refresh_at.map(Into::into),
        requests_30d: a.requests_30d,
        errors_30d: a.errors_30d,
        error_rate: a.error_rate_percent().map(|r| format!("{r:.1}%")),
    }
}

/// Spending and the budget (whole units of money) at the end of each of `week_ends`, from
/// the budget's history: two lines for the budget-burn chart.
pub fn budget_burn(snapshots: &[Snapshot], week_ends: &[time::Date]) -> Vec<Series> {
    let at = burn::as_of(snapshots, week_ends);
    let whole = |cents: i64| (cents / 100) as f64;
    vec![
        Series {
            name: "Spent".into(),
            colour: "#d97706".into(),
            values: at.iter().map(|s| s.map(|s| whole(s.spent_cents))).collect(),
        },
        Series {
            name: "Budget".into(),
            colour: "#a8a29e".into(),
            values: at
                .iter()
                .map(|s| s.map(|s| whole(s.budget_cents)))
                .collect(),
        },
    ]
}
