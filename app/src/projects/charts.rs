//! The dashboard's own small charts, drawn on the server as SVG (no script; they print well):
//! counts by status (of projects, or of a project's tasks) as one stacked bar with a legend. The day-by-day charts use
//! `ui::charts`.

use leptos::prelude::*;

/// The colour of each status in the charts.
pub fn colour(status: &str) -> &'static str {
    match status {
        "active" | "doing" => "#4f46e5",
        "completed" | "done" => "#16a34a",
        "on_hold" => "#a8a29e",
        "review" => "#0284c7",
        _ => "#d97706",
    }
}

/// Counts by status (`(key, label, count)`: project or task statuses) as one bar of `total`
/// titled `what`, with a legend.
pub fn status_bar(
    what: &'static str,
    by_status: &[(String, String, usize)],
    total: usize,
) -> impl IntoView + use<> {
    const WIDTH: f64 = 640.0;
    let mut x = 0.0;
    let segments: Vec<_> = by_status
        .iter()
        .filter(|(_, _, n)| *n > 0)
        .map(|(key, label, n)| {
            let width = WIDTH * (*n as f64) / (total.max(1) as f64);
            let segment = (x, width, colour(key), format!("{label}: {n}"));
            x += width;
            segment
        })
        .collect();
    let title = by_status
        .iter()
        .map(|(_, label, n)| format!("{label} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let legend: Vec<_> = by_status
        .iter()
        .map(|(key, label, n)| (colour(key), format!("{label} ({n})"), key.clone()))
        .collect();
    view! {
        <figure class="mt-4" data-testid="status-chart">
            <svg viewBox="0 0 640 24" class="h-6 w-full" role="img" aria-label=format!("{what}: {title}")>
                <title>{format!("{what}: {title}")}</title>
                <rect x="0" y="0" width="640" height="24" rx="4" fill="#f5f5f4"></rect>
                {segments.into_iter().map(|(x, width, fill, label)| view! {
                    <rect x=format!("{x:.1}") y="0" width=format!("{width:.1}") height="24" fill=fill>
                        <title>{label}</title>
                    </rect>
                }).collect_view()}
            </svg>
            <figcaption class="mt-2 flex flex-wrap gap-3 text-xs text-stone-600">
                {legend.into_iter().map(|(fill, label, key)| view! {
                    <span class="flex items-center gap-1" data-testid=format!("legend-{key}")>
                        <svg viewBox="0 0 10 10" class="h-2.5 w-2.5" aria-hidden="true"><rect width="10" height="10" fill=fill></rect></svg>
                        {label}
                    </span>
                }).collect_view()}
            </figcaption>
        </figure>
    }
}
