//! A project's AI integration, as the client follows it: on or off, which features and
//! models, how many documents are indexed, the last refresh, and the error rate — computed
//! from the last 30 days' calls and failures, never typed. Staff write it (audited).

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::access::Viewer;
use super::error::{ProjectError, field};
use super::project;
use super::tasks::touch;
use crate::audit::{self, Entry};
use crate::db::schema::ai_integrations;

/// The integration of one project.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AiIntegration {
    pub enabled: bool,
    pub features: Vec<String>,
    pub models: Vec<String>,
    pub documents_indexed: i32,
    pub last_refresh_at: Option<OffsetDateTime>,
    pub requests_30d: i64,
    pub errors_30d: i64,
}

impl AiIntegration {
    /// Failed calls per hundred of the last 30 days, to one decimal (`None`: no calls).
    pub fn error_rate_percent(&self) -> Option<f64> {
        (self.requests_30d > 0).then(|| {
            let rate = self.errors_30d as f64 * 100.0 / self.requests_30d as f64;
            (rate * 10.0).round() / 10.0
        })
    }
}

/// The longest list of features or models, and the longest entry.
const MOST_ITEMS: usize = 20;
const MOST_ITEM_CHARS: usize = 60;

/// A comma-separated list as entries: trimmed, empty ones dropped, duplicates once.
pub fn parse_list(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(item)) {
            out.push(item.to_owned());
        }
    }
    out
}

impl AiIntegration {
    /// The form's own rules.
    pub fn check(&self) -> Result<(), ProjectError> {
        for (name, list) in [("features", &self.features), ("models", &self.models)] {
            if list.len() > MOST_ITEMS || list.iter().any(|i| i.chars().count() > MOST_ITEM_CHARS) {
                return Err(field(
                    name,
                    "List at most 20 entries of 60 characters each.",
                ));
            }
        }
        if self.documents_indexed < 0 {
            return Err(field("documents_indexed", "A count is 0 or more."));
        }
        if self.requests_30d < 0 {
            return Err(field("requests_30d", "A count is 0 or more."));
        }
        if self.errors_30d < 0 || self.errors_30d > self.requests_30d {
            return Err(field(
                "errors_30d",
                "Failed calls are between 0 and the number of calls.",
            ));
        }
        Ok(())
    }
}

type Row = (
    bool,
    Vec<String>,
    Vec<String>,
    i32,
    Option<OffsetDateTime>,
    i64,
    i64,
);

/// The `visible` project's integration (`None`: none set up).
pub async fn for_project(
    conn: &mut AsyncPgConnection,
    visible: project::Visible,
) -> Result<Option<AiIntegration>, ProjectError> {
    let project_id = visible.id();
    let row: Option<Row> = ai_integrations::table
        .find(project_id)
        .select((
            ai_integrations::enabled,
            ai_integrations::features,
            ai_integrations::models,
            ai_integrations::documents_indexed,
            ai_integrations::last_refresh_at,
            ai_integrations::requests_30d,
            ai_integrations::errors_30d,
        ))
        .first(conn)
        .await
        .optional()?;
    Ok(row.map(
        |(enabled, features, models, documents_indexed, last_refresh_at, requests, errors)| {
            AiIntegration {
                enabled,
                features,
                models,
                documents_indexed,
                last_refresh_at,
                requests_30d: requests,
                errors_30d: errors,
            }
        },
    ))
}

/// Staff set project `project_id`'s integration; audited.
pub async fn save(
    conn: &mut AsyncPgConnection,
    viewer: &Viewer,
    project_id: Uuid,
    ai: &AiIntegration,
) -> Result<(), ProjectError> {
    let project = project::staff_on(
        conn,
        viewer,
        project_id,
        "Only the agency's staff set up the AI integration.",
    )
    .await?;
    ai.check()?;
    let before = for_project(conn, project).await?;
    let actor = viewer.user_id();
    let values = (
        ai_integrations::enabled.eq(ai.enabled),
        ai_integrations::features.eq(&ai.features),
        ai_integrations::models.eq(&ai.models),
        ai_integrations::documents_indexed.eq(ai.documents_indexed),
        ai_integrations::last_refresh_at.eq(ai.last_refresh_at),
        ai_integrations::requests_30d.eq(ai.requests_30d),
        ai_integrations::errors_30d.eq(ai.errors_30d),
        ai_integrations::updated_at.eq(diesel::dsl::now),
    );
    let summary = |a: &AiIntegration| {
        json!({
            "enabled": a.enabled,
            "features": a.features,
            "models": a.models,
            "documents_indexed": a.documents_indexed,
            "project_id": project_id,
        })
    };
    conn.transaction(async |conn| {
        diesel::insert_into(ai_integrations::table)
            .values((ai_integrations::project_id.eq(project_id), values))
            .on_conflict(ai_integrations::project_id)
            .do_update()
            .set(values)
            .execute(conn)
            .await?;
        let mut entry = Entry::new(actor, "ai_integration.update", "ai_integration", project_id)
            .after(summary(ai));
        if let Some(before) = &before {
            entry = entry.before(summary(before));
        }
        audit::record(conn, &entry).await?;
        touch(conn, project_id).await?;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::{AiIntegration, parse_list};

    #[test]
    fn the_error_rate_is_computed_from_the_counts() {
        let mut ai = AiIntegration {
            requests_30d: 2000,
            errors_30d: 37,
            ..AiIntegration::default()
        };
        assert_eq!(ai.error_rate_percent(), Some(1.9));
        ai.requests_30d = 0;
        ai.errors_30d = 0;
        assert_eq!(ai.error_rate_percent(), None);
    }

    #[test]
    fn more_failures_than_calls_is_refused() {
        let ai = AiIntegration {
            requests_30d: 10,
            errors_30d: 11,
            ..AiIntegration::default()
        };
        assert!(ai.check().is_err());
    }

    #[test]
    fn lists_are_trimmed_and_deduplicated() {
        assert_eq!(
            parse_list(" search, Summaries ,search,, SEARCH"),
            vec!["search".to_owned(), "Summaries".to_owned()]
        );
    }
}
