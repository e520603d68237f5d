//! Photos for the studio's demo examples, drawn by the program (no image files to license): a
//! landscape at a given hour — sky, sun, three ridges of hills, a lake that mirrors them, pine
//! trees and a cabin — with enough edges, flat areas and gradients for every look to show.

use image::{Rgb, RgbImage};

/// The drawn photo's size, in pixels.
pub const WIDTH: u32 = 768;
pub const HEIGHT: u32 = 512;

/// A scene: its caption, the sky's top and bottom colours, the sun's colour.
pub type Scene = (&'static str, [u8; 3], [u8; 3], [u8; 3]);

/// The scenes there are.
pub const SCENES: [Scene; 2] = [
    (
        "A lake at sunset",
        [44, 62, 140],
        [250, 170, 110],
        [255, 220, 140],
    ),
    (
        "A lake at noon",
        [70, 140, 220],
        [200, 230, 250],
        [255, 250, 220],
    ),
];

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let t = t.clamp(0.0, 1.0);
    let m = |x: u8, y: u8| (f32::from(x) * (1.0 - t) + f32::from(y) * t).round() as u8;
    [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])]
}

/// The height (0 = top) of ridge `layer` at column `x`.
fn ridge(layer: u32, x: f32) -> f32 {
    let l = layer as f32;
    let base = HEIGHT as f32 * (0.42 + 0.07 * l);
    base - 38.0 * ((x / 97.0 + l * 1.7).sin() + 0.5 * (x / 41.0 + l).sin())
        - 12.0 * (x / 13.0 + l * 3.1).sin().abs()
}

/// Draws scene `index` (see [`SCENES`]; wraps around).
pub fn draw(index: usize) -> RgbImage {
    let (_, sky_top, sky_bottom, sun) = SCENES[index % SCENES.len()];
    let horizon = HEIGHT as f32 * 0.66;
    let (sun_x, sun_y, sun_r) = (WIDTH as f32 * 0.68, HEIGHT as f32 * 0.3, 46.0);
    let hills: [[u8; 3]; 3] = [
        mix([90, 110, 150], sky_bottom, 0.35),
        [52, 96, 72],
        [28, 64, 44],
    ];
    // Sky, sun and hills above the horizon; their mirror image, darker and rippled, below.
    let land = |x: f32, y: f32| -> [u8; 3] {
        let mut colour = mix(sky_top, sky_bottom, y / horizon);
        let d = ((x - sun_x).powi(2) + (y - sun_y).powi(2)).sqrt();
        if d < sun_r {
            colour = sun;
        } else if d < sun_r * 2.2 {
            colour = mix(sun, colour, (d - sun_r) / (sun_r * 1.2));
        }
        for (layer, hill) in (0u32..).zip(hills) {
            let top = ridge(layer, x);
            if y >= top {
                colour = mix(hill, [0, 0, 0], (y - top) / 400.0);
            }
        }
        // Pines along the nearest ridge: dark triangles.
        let spacing = 57.0;
        let cx = (x / spacing).floor() * spacing + spacing / 2.0;
        let base = ridge(2, cx) + 6.0;
        let h = 70.0 + 30.0 * (cx / 31.0).sin();
        if y <= base && y >= base - h && (x - cx).abs() <= (y - (base - h)) * 0.28 {
            colour = [18, 44, 30];
        }
        // A cabin with a red roof.
        let (hx, hy) = (WIDTH as f32 * 0.3, ridge(2, WIDTH as f32 * 0.3) + 10.0);
        if (x - hx).abs() <= 34.0 && y <= hy && y >= hy - 38.0 {
            colour = if (x - hx).abs() < 8.0 && y > hy - 20.0 {
                [60, 36, 24]
            } else {
                [214, 196, 160]
            };
        }
        if y < hy - 38.0 && y >= hy - 70.0 && (x - hx).abs() <= (y - (hy - 70.0)) * 1.3 {
            colour = [170, 48, 40];
        }
        colour
    };
    RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        if fy < horizon {
            Rgb(land(fx, fy))
        } else {
            let mirrored = horizon - (fy - horizon) * 1.4;
            let ripple = 3.0 * (fy / 5.0).sin();
            let seen = land(
                (fx + ripple).clamp(0.0, WIDTH as f32 - 1.0),
                mirrored.max(0.0),
            );
            Rgb(mix(seen, [20, 40, 70], 0.35 + (fy - horizon) / 600.0))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenes_differ_and_have_detail() {
        let (a, b) = (draw(0), draw(1));
        assert_eq!(a.dimensions(), (WIDTH, HEIGHT));
        assert_ne!(a, b);
        let distinct: std::collections::HashSet<[u8; 3]> = a.pixels().map(|p| p.0).collect();
        assert!(distinct.len() > 500, "a photo-like range of colours");
    }
}
