//! The studio's usage figures on `/admin/studio-jobs`, as server-drawn SVG charts over the last
//! 14 days: jobs per day by engine (stacked bars), the share that failed, and how long finished
//! jobs took (median and 95th percentile). Staff only.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::ui::charts::{Chart, ChartKind, Series};
use crate::ui::loaded::{Loaded, load};

/// Days the charts cover.
pub const DAYS: i32 = 14;

/// The charts' data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// "12-07" for each day, oldest first.
    pub days: Vec<String>,
    pub jobs: Vec<Series>,
    pub failure_rate: Vec<Series>,
    pub durations: Vec<Series>,
    /// Jobs in all the days.
    pub total: i64,
}

/// The engines, with their colours in the charts.
#[cfg(feature = "ssr")]
const ENGINES: [(&str, &str, &str); 2] = [
    ("local", "Local engine", "#4f46e5"),
    ("openai", "OpenAI", "#059669"),
];

/// The last [`DAYS`] days' figures (staff only).
#[server(prefix = "/api", endpoint = "admin_studio_figures")]
pub async fn studio_figures() -> Result<Figures, AppError> {
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let rows = domain::studio::figures::by_day(&mut conn, DAYS).await?;
    let today = time::OffsetDateTime::now_utc().date();
    let days: Vec<time::Date> = (0..DAYS)
        .rev()
        .filter_map(|back| today.checked_sub(time::Duration::days(i64::from(back))))
        .collect();
    let find =
        |day: time::Date, engine: &str| rows.iter().find(|r| r.day == day && r.engine == engine);
    let jobs = ENGINES
        .iter()
        .map(|(engine, name, colour)| Series {
            name: (*name).to_owned(),
            colour: (*colour).to_owned(),
            values: days
                .iter()
                .map(|d| Some(find(*d, engine).map_or(0.0, |r| r.jobs as f64)))
                .collect(),
        })
        .collect();
    let all: Vec<_> = days.iter().map(|d| find(*d, "all")).collect();
    let failure_rate = vec![Series {
        name: "Failed, % of jobs".to_owned(),
        colour: "#dc2626".to_owned(),
        values: all
            .iter()
            .map(|r| {
                r.filter(|r| r.jobs > 0)
                    .map(|r| 100.0 * r.failed as f64 / r.jobs as f64)
            })
            .collect(),
    }];
    let durations = vec![
        Series {
            name: "Median".to_owned(),
            colour: "#4f46e5".to_owned(),
            values: all.iter().map(|r| r.and_then(|r| r.p50_seconds)).collect(),
        },
        Series {
            name: "95th percentile".to_owned(),
            colour: "#d97706".to_owned(),
            values: all.iter().map(|r| r.and_then(|r| r.p95_seconds)).collect(),
        },
    ];
    Ok(Figures {
        days: days
            .iter()
            .map(|d| format!("{:02}-{:02}", u8::from(d.month()), d.day()))
            .collect(),
        jobs,
        failure_rate,
        durations,
        total: all.iter().flatten().map(|r| r.jobs).sum(),
    })
}

/// The three charts.
#[component]
pub fn StudioFigures() -> impl IntoView {
    let data = load(|| (), |()| studio_figures());
    view! {
        <Loaded load=data let:figures>
            <section aria-labelledby="figures-heading" class="mb-6">
                <h2 id="figures-heading" class="mb-2 text-xl font-semibold">
                    {format!("The last {DAYS} days: {} jobs", figures.total)}
                </h2>
                <div class="grid gap-4 lg:grid-cols-3">
                    <Chart title="Jobs per day by engine".to_owned() unit="jobs".to_owned() labels=figures.days.clone() series=figures.jobs.clone() kind=ChartKind::StackedBars testid="chart-jobs" />
                    <Chart title="Failure rate".to_owned() unit="%".to_owned() labels=figures.days.clone() series=figures.failure_rate.clone() kind=ChartKind::Lines testid="chart-failures" />
                    <Chart title="Time to finish (seconds)".to_owned() unit="s".to_owned() labels=figures.days.clone() series=figures.durations.clone() kind=ChartKind::Lines testid="chart-durations" />
                </div>
            </section>
        </Loaded>
    }
}
