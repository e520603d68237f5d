//! Product pictures for the demo store, drawn by the program: a studio backdrop in a tint of the
//! product's colour, a shadowed object whose shape, pattern and accent follow from the product
//! number, so every product looks different and real colour choices show.

use image::{Rgb, RgbImage};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The side of a drawn picture, in pixels.
pub const SIDE: u32 = 960;

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let m = |x: u8, y: u8| (f32::from(x) * (1.0 - t) + f32::from(y) * t).round() as u8;
    [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])]
}

/// Whether (x, y), relative to the centre and scaled to the shape's half size, is inside.
fn inside(shape: u8, x: f32, y: f32) -> bool {
    match shape {
        0 => x * x + y * y <= 1.0,
        1 => {
            // A rounded square.
            let (ax, ay) = ((x.abs() - 0.75).max(0.0), (y.abs() - 0.75).max(0.0));
            x.abs() <= 1.0 && y.abs() <= 1.0 && ax * ax + ay * ay <= 0.0625
        }
        2 => x.abs() + y.abs() <= 1.0,
        _ => {
            // An arch: a half disc on a block.
            (y <= 0.0 && x * x + y * y <= 1.0) || (y > 0.0 && y <= 1.0 && x.abs() <= 1.0)
        }
    }
}

/// Draws the picture of product `seed` in `colour`.
pub fn draw(seed: u64, colour: [u8; 3]) -> RgbImage {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x1A6E_5EED);
    let white = [250, 249, 247];
    let top = mix(colour, white, 0.88);
    let bottom = mix(colour, white, 0.7);
    let shape: u8 = rng.random_range(0..4);
    let pattern: u8 = rng.random_range(0..3);
    let accent = mix(
        [255 - colour[0], 255 - colour[1], 255 - colour[2]],
        white,
        0.2,
    );
    let size = SIDE as f32;
    let (cx, cy) = (
        size * rng.random_range(0.42..0.58),
        size * rng.random_range(0.42..0.52),
    );
    let half = size * rng.random_range(0.24..0.32);
    let (ax, ay, ar) = (
        cx + half * rng.random_range(0.5..0.9),
        cy - half * rng.random_range(0.5..0.9),
        half * rng.random_range(0.18..0.3),
    );
    let stripe = rng.random_range(18.0..40.0_f32);
    let light = mix(colour, white, 0.35);
    let shade = mix(colour, [0, 0, 0], 0.25);
    RgbImage::from_fn(SIDE, SIDE, |px, py| {
        let (x, y) = (px as f32, py as f32);
        let mut c = mix(top, bottom, y / size);
        // The shadow on the floor under the object.
        let (sx, sy) = (
            (x - cx) / (half * 1.2),
            (y - (cy + half * 1.15)) / (half * 0.18),
        );
        let d = sx * sx + sy * sy;
        if d < 1.0 {
            c = mix(c, [60, 55, 50], 0.35 * (1.0 - d));
        }
        let (ux, uy) = ((x - cx) / half, (y - cy) / half);
        if inside(shape, ux, uy) {
            let lit = (0.5 - (ux + uy) * 0.25).clamp(0.0, 1.0);
            c = mix(shade, colour, lit + 0.5);
            let on = match pattern {
                0 => ((x + y) / stripe) as i32 % 2 == 0,
                1 => {
                    let (mx, my) = (x % stripe - stripe / 2.0, y % stripe - stripe / 2.0);
                    mx * mx + my * my < stripe * stripe / 16.0
                }
                _ => false,
            };
            if on {
                c = mix(c, light, 0.45);
            }
        }
        let (dx, dy) = (x - ax, y - ay);
        if dx * dx + dy * dy <= ar * ar {
            c = mix(c, accent, 0.85);
        }
        Rgb(c)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_differ_between_products_and_are_not_blank() {
        let a = draw(1, [30, 58, 138]);
        let b = draw(2, [30, 58, 138]);
        assert_ne!(a.as_raw(), b.as_raw(), "two products, two pictures");
        assert_eq!(a.as_raw(), draw(1, [30, 58, 138]).as_raw(), "deterministic");
        let mut colours: Vec<[u8; 3]> = a.pixels().step_by(997).map(|p| p.0).collect();
        colours.sort_unstable();
        colours.dedup();
        assert!(
            colours.len() > 20,
            "a picture, not a flat square: {}",
            colours.len()
        );
    }
}
