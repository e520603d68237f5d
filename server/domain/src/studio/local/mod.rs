//! The local style engine: nine looks computed in pure Rust on the server's own cores, so the
//! studio styles photos with no OpenAI key at all. A style stores its look as a [`Recipe`]
//! (JSON in the style's row); [`render`] applies it to a photo, checking between stages whether
//! the job was cancelled, so a cancelled job stops at its next stage.

mod halftone;
mod kuwahara;
pub mod ops;
mod painterly;
mod pixel_art;
mod sketch;
mod tone;

use image::{DynamicImage, RgbImage};
use serde::{Deserialize, Serialize};

/// A local look and its settings. Sizes are in ‰ of the picture's shorter side, so a look is
/// the same on a thumbnail and on a print.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "look", rename_all = "snake_case")]
pub enum Recipe {
    /// Graphite on paper; `softness` blurs the shading.
    PencilSketch { softness: u32 },
    /// Black outlines on white; `detail` lowers the edge threshold (0–10).
    InkLines { detail: u32 },
    /// Square blocks in a small palette.
    PixelArt { block: u32, colours: u32 },
    /// Loud flat colour under a halftone screen of `dot` ‰ cells.
    PopArt { dot: u32 },
    /// Kuwahara brush strokes of `brush` ‰.
    OilPaint { brush: u32 },
    /// Soft washes in `tones` bands.
    Watercolour { brush: u32, tones: u32 },
    /// Flat colour bands with inked outlines.
    Cartoon { smoothing: u32, bands: u32 },
    /// Shadows in `dark`, highlights in `light`.
    Duotone { dark: [u8; 3], light: [u8; 3] },
    /// Sepia, grain and vignette.
    Vintage { grain: u32, vignette: u32 },
}

impl Recipe {
    /// Every look with the settings the demo styles use.
    pub fn examples() -> Vec<(&'static str, Recipe)> {
        vec![
            ("pencil-sketch", Recipe::PencilSketch { softness: 25 }),
            ("ink-lines", Recipe::InkLines { detail: 5 }),
            (
                "pixel-art",
                Recipe::PixelArt {
                    block: 16,
                    colours: 12,
                },
            ),
            ("pop-art", Recipe::PopArt { dot: 14 }),
            ("oil-paint", Recipe::OilPaint { brush: 8 }),
            ("watercolour", Recipe::Watercolour { brush: 6, tones: 6 }),
            (
                "cartoon",
                Recipe::Cartoon {
                    smoothing: 4,
                    bands: 5,
                },
            ),
            (
                "duotone",
                Recipe::Duotone {
                    dark: [32, 18, 77],
                    light: [255, 196, 92],
                },
            ),
            (
                "vintage",
                Recipe::Vintage {
                    grain: 14,
                    vignette: 55,
                },
            ),
        ]
    }
}

/// The job was cancelled between two stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the job was cancelled")]
pub struct Cancelled;

/// Applies `recipe` to `photo`. `cancelled` is asked before each stage.
pub fn render(
    photo: &DynamicImage,
    recipe: &Recipe,
    cancelled: &dyn Fn() -> bool,
) -> Result<RgbImage, Cancelled> {
    let stage = || if cancelled() { Err(Cancelled) } else { Ok(()) };
    stage()?;
    let img = photo.to_rgb8();
    let (w, h) = img.dimensions();
    let size = |per_thousand: u32| ops::scaled(w, h, per_thousand);
    stage()?;
    let grey_to_rgb = |g: image::GrayImage| DynamicImage::ImageLuma8(g).to_rgb8();
    let out = match recipe {
        Recipe::PencilSketch { softness } => grey_to_rgb(sketch::pencil(&img, *softness)),
        Recipe::InkLines { detail } => {
            let k = 2.5 - f64::from((*detail).min(10)) * 0.2;
            grey_to_rgb(sketch::ink(&img, k))
        }
        Recipe::PixelArt { block, colours } => {
            pixel_art::pixel_art(&img, size(*block / 2).max(2), *colours as usize)
        }
        Recipe::PopArt { dot } => halftone::pop_art(&img, size(*dot).max(3)),
        Recipe::OilPaint { brush } => painterly::oil(&img, size(*brush).max(2)),
        Recipe::Watercolour { brush, tones } => {
            painterly::watercolour(&img, size(*brush).max(2), (*tones).clamp(2, 16) as u8)
        }
        Recipe::Cartoon { smoothing, bands } => painterly::cartoon(
            &img,
            size(*smoothing).max(2),
            (*bands).clamp(2, 12) as u8,
            1.2,
        ),
        Recipe::Duotone { dark, light } => tone::duotone(&img, *dark, *light),
        Recipe::Vintage { grain, vignette } => tone::vintage(
            &img,
            (*grain).min(64) as f32,
            (*vignette).min(100) as f32 / 100.0,
        ),
    };
    stage()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use image::Rgb;
    use sha2::{Digest, Sha256};

    use super::*;

    /// A small test photo drawn by code: a sky gradient, a sun, a hill and a dark tree.
    fn photo(w: u32, h: u32) -> DynamicImage {
        DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, y| {
            let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
            let sun = ((fx - 0.7).powi(2) + (fy - 0.25).powi(2)).sqrt() < 0.12;
            let hill = fy > 0.65 - 0.15 * (fx * 3.0).sin();
            let tree = (0.2..0.26).contains(&fx) && fy > 0.4;
            if tree {
                Rgb([50, 35, 25])
            } else if sun {
                Rgb([255, 220, 90])
            } else if hill {
                Rgb([60, (140.0 + 60.0 * fx) as u8, 70])
            } else {
                Rgb([(120.0 + 100.0 * fy) as u8, (170.0 + 60.0 * fy) as u8, 240])
            }
        }))
    }

    /// Each look's output on a 96 × 64 photo, as a hash: a change in any filter shows here
    /// (review the new output, then update the snapshot).
    #[test]
    fn every_look_renders_as_before() {
        let p = photo(96, 64);
        let hashes: Vec<String> = Recipe::examples()
            .into_iter()
            .map(|(name, recipe)| {
                let out = render(&p, &recipe, &|| false).unwrap();
                assert_eq!(out.dimensions(), (96, 64), "{name} keeps the size");
                let digest = Sha256::digest(out.as_raw());
                format!("{name}: {:x}", digest)[..name.len() + 18].to_owned()
            })
            .collect();
        insta::assert_snapshot!(hashes.join("\n"));
    }

    #[test]
    fn each_look_changes_the_picture_and_is_repeatable() {
        let p = photo(64, 48);
        let original = p.to_rgb8();
        for (name, recipe) in Recipe::examples() {
            let once = render(&p, &recipe, &|| false).unwrap();
            assert_ne!(once, original, "{name} does something");
            assert_eq!(
                once,
                render(&p, &recipe, &|| false).unwrap(),
                "{name} is deterministic"
            );
        }
    }

    #[test]
    fn the_looks_mean_what_they_say() {
        let p = photo(96, 64);
        let ink = render(&p, &Recipe::InkLines { detail: 5 }, &|| false).unwrap();
        let black = ink.pixels().filter(|px| px.0 == [0, 0, 0]).count();
        let white = ink.pixels().filter(|px| px.0 == [255, 255, 255]).count();
        assert_eq!(black + white, ink.pixels().count(), "ink is black on white");
        assert!(black > 0 && white > black * 3, "lines, not fill");

        let pixels = render(
            &p,
            &Recipe::PixelArt {
                block: 16,
                colours: 6,
            },
            &|| false,
        )
        .unwrap();
        let mut colours: Vec<[u8; 3]> = pixels.pixels().map(|px| px.0).collect();
        colours.sort_unstable();
        colours.dedup();
        assert!(colours.len() <= 6, "{} colours", colours.len());

        let duo = render(
            &p,
            &Recipe::Duotone {
                dark: [0, 0, 80],
                light: [255, 255, 0],
            },
            &|| false,
        )
        .unwrap();
        assert!(
            duo.pixels().all(|px| px.0[2] <= 80 || px.0[0] > 0),
            "only the two inks' blend"
        );
    }

    #[test]
    fn a_cancelled_job_stops_at_the_next_stage() {
        let p = photo(32, 32);
        let asked = Cell::new(0);
        let cancel_after_first = || {
            asked.set(asked.get() + 1);
            asked.get() > 1
        };
        assert_eq!(
            render(&p, &Recipe::OilPaint { brush: 8 }, &cancel_after_first),
            Err(Cancelled)
        );
        assert_eq!(
            asked.get(),
            2,
            "stopped at the second stage, before the filter ran"
        );
    }

    #[test]
    fn recipes_are_stored_as_tagged_json() {
        let json = serde_json::to_string(&Recipe::PixelArt {
            block: 16,
            colours: 12,
        })
        .unwrap();
        assert_eq!(json, r#"{"look":"pixel_art","block":16,"colours":12}"#);
        for (_, recipe) in Recipe::examples() {
            let back: Recipe =
                serde_json::from_str(&serde_json::to_string(&recipe).unwrap()).unwrap();
            assert_eq!(back, recipe);
        }
    }
}
