//! A project as staff type it in the admin's editor, all text, and its checks into the
//! domain's form (dates, money in cents, people by id, tags).

use serde::{Deserialize, Serialize};

/// The editor's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectInput {
    /// The client's id.
    pub client: String,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub scope_md: String,
    pub status: String,
    pub priority: String,
    /// `YYYY-MM-DD`, optional.
    pub start_on: String,
    pub due_on: String,
    /// An amount such as `12000.00`.
    pub budget: String,
    pub spent: String,
    pub currency: String,
    /// A staff member's id, optional.
    pub agency_lead: String,
    /// One of the client's people, optional.
    pub client_lead: String,
    /// Comma-separated.
    pub tags: String,
}

/// `YYYY-MM-DD` as a date, `None` when empty.
#[cfg(feature = "ssr")]
pub fn date(
    raw: &str,
    field: &'static str,
) -> Result<Option<time::Date>, (&'static str, &'static str)> {
    const SHAPE: &str = "Use a date like 2026-12-31.";
    match crate::admin::checkout::fields::parse_day(raw).map_err(|_| (field, SHAPE))? {
        None => Ok(None),
        Some((y, m, d)) => time::Month::try_from(m)
            .ok()
            .and_then(|m| time::Date::from_calendar_date(y, m, d).ok())
            .map(Some)
            .ok_or((field, SHAPE)),
    }
}

/// An optional id typed into a select.
#[cfg(feature = "ssr")]
fn optional_id(
    raw: &str,
    field: &'static str,
) -> Result<Option<uuid::Uuid>, (&'static str, &'static str)> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    uuid::Uuid::parse_str(raw)
        .map(Some)
        .map_err(|_| (field, "Choose someone from the list."))
}

#[cfg(feature = "ssr")]
impl ProjectInput {
    /// The domain's form, or each field at fault with its message.
    pub fn to_form(
        &self,
    ) -> Result<domain::projects::project::ProjectForm, Vec<(&'static str, &'static str)>> {
        use domain::projects::project::{Priority, ProjectForm, Status, parse_tags};
        let mut errors = Vec::new();
        let client = uuid::Uuid::parse_str(self.client.trim())
            .map_err(|_| errors.push(("client", "Choose the client.")))
            .ok();
        let status = Status::parse(self.status.trim()).or_else(|| {
            errors.push(("status", "Choose a status."));
            None
        });
        let priority = Priority::parse(self.priority.trim()).or_else(|| {
            errors.push(("priority", "Choose a priority."));
            None
        });
        let mut day =
            |raw: &str, field| date(raw, field).map_err(|e| errors.push(e)).ok().flatten();
        let start_on = day(&self.start_on, "start_on");
        let due_on = day(&self.due_on, "due_on");
        let mut money = |raw: &str, field| match crate::catalog::money::parse_amount(raw) {
            Ok(cents) => cents.unwrap_or(0),
            Err(_) => {
                errors.push((field, "Enter an amount like 12000.00."));
                0
            }
        };
        let budget_cents = money(&self.budget, "budget");
        let spent_cents = money(&self.spent, "spent");
        let agency_lead_id = optional_id(&self.agency_lead, "agency_lead")
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let client_lead_id = optional_id(&self.client_lead, "client_lead")
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        match (client, status, priority) {
            (Some(client_id), Some(status), Some(priority)) if errors.is_empty() => {
                Ok(ProjectForm {
                    client_id,
                    name: self.name.trim().to_owned(),
                    slug: self.slug.trim().to_owned(),
                    description: self.description.trim().to_owned(),
                    scope_md: self.scope_md.replace("\r\n", "\n"),
                    status,
                    priority,
                    start_on,
                    due_on,
                    budget_cents,
                    spent_cents,
                    currency: self.currency.trim().to_uppercase(),
                    agency_lead_id,
                    client_lead_id,
                    tags: parse_tags(&self.tags),
                })
            }
            _ => Err(errors),
        }
    }
}
