//! Style preferences and size profile: what a shopper likes and what fits them, used to
//! suggest products and styles. Stored as JSON on the user; parsed here from the form (shared
//! by the browser and the server) and read back leniently (unknown values are dropped).

use serde::{Deserialize, Serialize};

/// Styles a shopper can say they like.
pub const STYLES: [&str; 8] = [
    "Minimalist",
    "Classic",
    "Streetwear",
    "Bohemian",
    "Sporty",
    "Vintage",
    "Romantic",
    "Avant-garde",
];

/// Colour families a shopper can prefer.
pub const COLOURS: [&str; 8] = [
    "Black",
    "White",
    "Neutrals",
    "Navy",
    "Earth tones",
    "Pastels",
    "Brights",
    "Prints",
];

/// How a shopper likes clothes to fit.
pub const FITS: [&str; 3] = ["Slim", "Regular", "Relaxed"];

/// Letter sizes for tops.
pub const TOP_SIZES: [&str; 8] = ["XXS", "XS", "S", "M", "L", "XL", "XXL", "3XL"];

/// What a shopper likes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StylePreferences {
    pub styles: Vec<String>,
    pub colours: Vec<String>,
    pub fit: Option<String>,
}

/// What fits a shopper. Every measure is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SizeProfile {
    /// Letter size for tops (`TOP_SIZES`).
    pub top: Option<String>,
    /// Trouser waist in inches, 22..=56.
    pub waist_in: Option<u8>,
    /// EU shoe size in half sizes, 30..=52, as text (`"38.5"`).
    pub shoe_eu: Option<String>,
    /// Height in centimetres, 100..=230.
    pub height_cm: Option<u16>,
}

/// Keeps the choices that are in `allowed` (in its order), without repeats.
fn pick(chosen: &[String], allowed: &[&str]) -> Vec<String> {
    allowed
        .iter()
        .filter(|a| chosen.iter().any(|c| c == *a))
        .map(|a| (*a).to_owned())
        .collect()
}

fn one_of(
    value: &str,
    allowed: &[&str],
    message: &'static str,
) -> Result<Option<String>, &'static str> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    allowed
        .iter()
        .find(|a| a.eq_ignore_ascii_case(value))
        .map(|a| Some((*a).to_owned()))
        .ok_or(message)
}

fn number<T: std::str::FromStr + PartialOrd>(
    value: &str,
    range: std::ops::RangeInclusive<T>,
    message: &'static str,
) -> Result<Option<T>, &'static str> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let n: T = value.parse().map_err(|_| message)?;
    if range.contains(&n) {
        Ok(Some(n))
    } else {
        Err(message)
    }
}

fn shoe_size(value: &str) -> Result<Option<String>, &'static str> {
    const MESSAGE: &str = "Enter an EU shoe size from 30 to 52, in half sizes (like 38.5).";
    let value = value.trim().replace(',', ".");
    if value.is_empty() {
        return Ok(None);
    }
    let n: f32 = value.parse().map_err(|_| MESSAGE)?;
    let halves = n * 2.0;
    if !(30.0..=52.0).contains(&n) || halves.fract() != 0.0 {
        return Err(MESSAGE);
    }
    Ok(Some(if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n:.1}")
    }))
}

impl StylePreferences {
    /// Parses the form; unknown style or colour names are ignored (they cannot be ticked).
    pub fn parse(
        styles: &[String],
        colours: &[String],
        fit: &str,
    ) -> Result<Self, Vec<(&'static str, &'static str)>> {
        match one_of(fit, &FITS, "Choose slim, regular or relaxed.") {
            Ok(fit) => Ok(Self {
                styles: pick(styles, &STYLES),
                colours: pick(colours, &COLOURS),
                fit,
            }),
            Err(e) => Err(vec![("fit", e)]),
        }
    }

    /// Reads the stored JSON, dropping anything no longer offered.
    pub fn from_json(value: &serde_json::Value) -> Self {
        let stored: Self = serde_json::from_value(value.clone()).unwrap_or_default();
        Self {
            styles: pick(&stored.styles, &STYLES),
            colours: pick(&stored.colours, &COLOURS),
            fit: stored
                .fit
                .and_then(|f| one_of(&f, &FITS, "").ok().flatten()),
        }
    }
}

impl SizeProfile {
    /// Parses the form; every bad field is reported at once.
    pub fn parse(
        top: &str,
        waist_in: &str,
        shoe_eu: &str,
        height_cm: &str,
    ) -> Result<Self, Vec<(&'static str, &'static str)>> {
        let top = one_of(top, &TOP_SIZES, "Choose a size from the list.");
        let waist = number(waist_in, 22..=56, "Enter a waist from 22 to 56 inches.");
        let shoe = shoe_size(shoe_eu);
        let height = number(height_cm, 100..=230, "Enter a height from 100 to 230 cm.");
        match (top, waist, shoe, height) {
            (Ok(top), Ok(waist_in), Ok(shoe_eu), Ok(height_cm)) => Ok(Self {
                top,
                waist_in,
                shoe_eu,
                height_cm,
            }),
            (top, waist, shoe, height) => Err([
                ("top", top.err()),
                ("waist_in", waist.err()),
                ("shoe_eu", shoe.err()),
                ("height_cm", height.err()),
            ]
            .into_iter()
            .filter_map(|(f, e)| e.map(|e| (f, e)))
            .collect()),
        }
    }

    /// Reads the stored JSON (a malformed document reads as empty).
    pub fn from_json(value: &serde_json::Value) -> Self {
        serde_json::from_value(value.clone()).unwrap_or_default()
    }
}
