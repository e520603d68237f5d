//! Charts drawn on the server as SVG (no script, no WASM): stacked bars for counts per day and
//! lines for values per day, with a labelled axis, a legend and a text title for screen readers.
//! The scale math is in [`Scale`], tested on its own.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One named series of values, one per label, drawn in `colour`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    pub colour: String,
    /// `None`: no value that day (a gap in a line).
    pub values: Vec<Option<f64>>,
}

/// How a chart draws its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChartKind {
    /// Bars, the series stacked.
    StackedBars,
    /// One line per series.
    Lines,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 44.0;
const BOTTOM: f64 = 28.0;
const TOP: f64 = 10.0;

/// The vertical scale: values from 0 to a round maximum, mapped onto the plot's height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The top of the axis (a round number ≥ every value).
    pub max: f64,
}

impl Scale {
    /// A scale fitting `highest`: 1, 2 or 5 times a power of ten, never 0.
    pub fn fitting(highest: f64) -> Self {
        if !highest.is_finite() || highest <= 0.0 {
            return Self { max: 1.0 };
        }
        let power = 10f64.powf(highest.log10().floor());
        let max = [1.0, 2.0, 5.0, 10.0]
            .iter()
            .map(|m| m * power)
            .find(|m| *m >= highest)
            .unwrap_or(10.0 * power);
        Self { max }
    }

    /// The y coordinate of `value`.
    pub fn y(self, value: f64) -> f64 {
        let plot = HEIGHT - BOTTOM - TOP;
        TOP + plot * (1.0 - (value / self.max).clamp(0.0, 1.0))
    }
}

/// A number for an axis label: whole numbers without decimals.
fn label(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{}", value.round() as i64)
    } else {
        format!("{value:.1}")
    }
}

/// A chart of `series` over `labels` (the x axis), titled `title`, values in `unit`.
#[component]
pub fn Chart(
    title: String,
    unit: String,
    labels: Vec<String>,
    series: Vec<Series>,
    kind: ChartKind,
    testid: &'static str,
) -> impl IntoView {
    let n = labels.len().max(1);
    let slot = (WIDTH - LEFT) / n as f64;
    let highest = match kind {
        ChartKind::StackedBars => (0..n)
            .map(|i| {
                series
                    .iter()
                    .filter_map(|s| s.values.get(i).copied().flatten())
                    .sum::<f64>()
            })
            .fold(0.0, f64::max),
        ChartKind::Lines => series
            .iter()
            .flat_map(|s| s.values.iter().copied().flatten())
            .fold(0.0, f64::max),
    };
    let scale = Scale::fitting(highest);
    let ticks: Vec<f64> = (0..=4).map(|k| scale.max * f64::from(k) / 4.0).collect();
    let x_mid = move |i: usize| LEFT + slot * (i as f64 + 0.5);
    let mut shapes = Vec::new();
    match kind {
        ChartKind::StackedBars => {
            for (i, day) in labels.iter().enumerate() {
                let mut base = 0.0;
                for s in &series {
                    let v = s.values.get(i).copied().flatten().unwrap_or(0.0);
                    if v <= 0.0 {
                        continue;
                    }
                    let (top, bottom) = (scale.y(base + v), scale.y(base));
                    base += v;
                    shapes.push(view! {
                        <rect x=format!("{:.1}", x_mid(i) - slot * 0.35) y=format!("{top:.1}") width=format!("{:.1}", slot * 0.7) height=format!("{:.1}", (bottom - top).max(0.5)) fill=s.colour.clone()>
                            <title>{format!("{day}: {} {} {unit}", s.name, label(v))}</title>
                        </rect>
                    }.into_any());
                }
            }
        }
        ChartKind::Lines => {
            for s in &series {
                let points: Vec<String> = s
                    .values
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", x_mid(i), scale.y(v))))
                    .collect();
                shapes.push(view! {
                    <polyline points=points.join(" ") fill="none" stroke=s.colour.clone() stroke-width="2" />
                }.into_any());
                for (i, (v, day)) in s.values.iter().zip(&labels).enumerate() {
                    if let Some(v) = v {
                        shapes.push(view! {
                            <circle cx=format!("{:.1}", x_mid(i)) cy=format!("{:.1}", scale.y(*v)) r="3" fill=s.colour.clone()>
                                <title>{format!("{day}: {} {} {unit}", s.name, label(*v))}</title>
                            </circle>
                        }.into_any());
                    }
                }
            }
        }
    }
    let every = n.div_ceil(7).max(1);
    let legend = series.clone();
    let (caption, aria) = (title.clone(), title.clone());
    view! {
        <figure class="rounded-lg border border-stone-200 bg-white p-3" data-testid=testid>
            <figcaption class="mb-2 text-sm font-semibold">{caption}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=aria class="h-auto w-full">
                <title>{title}</title>
                {ticks.iter().map(|t| {
                    let y = format!("{:.1}", scale.y(*t));
                    view! {
                        <line x1=LEFT x2=WIDTH y1=y.clone() y2=y.clone() stroke="#e7e5e4" />
                        <text x=LEFT - 6.0 y=y text-anchor="end" dominant-baseline="middle" font-size="11" fill="#57534e">{label(*t)}</text>
                    }
                }).collect_view()}
                {shapes}
                {labels.iter().enumerate().filter(|(i, _)| i % every == 0).map(|(i, l)| view! {
                    <text x=format!("{:.1}", x_mid(i)) y=HEIGHT - 8.0 text-anchor="middle" font-size="11" fill="#57534e">{l.clone()}</text>
                }).collect_view()}
            </svg>
            <ul class="mt-2 flex flex-wrap gap-4 text-xs text-stone-700">
                {legend.into_iter().map(|s| view! {
                    <li class="flex items-center gap-1">
                        <span class="inline-block h-3 w-3 rounded-sm" style=format!("background:{}", s.colour)></span>
                        {s.name}
                    </li>
                }).collect_view()}
            </ul>
        </figure>
    }
}
