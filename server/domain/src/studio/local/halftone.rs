//! Pop art: the picture flattened to a few loud colours, overprinted with a halftone screen —
//! black dots on a grid, each as large as its cell is dark, as in a comic printed cheaply.

use image::{Rgb, RgbImage};

use super::ops::{Integral, luma, posterise};

/// Pop art with dots every `cell` pixels.
pub fn pop_art(img: &RgbImage, cell: u32) -> RgbImage {
    let (w, h) = img.dimensions();
    let cell = cell.max(3);
    let lum = Integral::new(w, h, |x, y| u64::from(luma(img.get_pixel(x, y))));
    RgbImage::from_fn(w, h, |x, y| {
        // The cell's centre and darkness.
        let (cx0, cy0) = (x / cell * cell, y / cell * cell);
        let (cx1, cy1) = ((cx0 + cell).min(w), (cy0 + cell).min(h));
        let n = u64::from(cx1 - cx0) * u64::from(cy1 - cy0);
        let dark = 1.0 - (lum.sum(cx0, cy0, cx1, cy1) / n) as f32 / 255.0;
        let (mx, my) = (
            (cx0 + cx1) as f32 / 2.0 - 0.5,
            (cy0 + cy1) as f32 / 2.0 - 0.5,
        );
        let d = ((x as f32 - mx).powi(2) + (y as f32 - my).powi(2)).sqrt();
        // A dot covering `dark` of the cell's area has radius cell·√(dark/π).
        let radius = cell as f32 * (dark / std::f32::consts::PI).sqrt();
        if d < radius * 0.9 {
            return Rgb([20, 20, 30]);
        }
        let p = img.get_pixel(x, y).0;
        // Loud flat colour: saturated, three levels per channel.
        let l = f32::from(luma(&Rgb(p)));
        let boost = |v: u8| {
            let s = l + (f32::from(v) - l) * 1.8;
            posterise(s.clamp(0.0, 255.0) as u8, 3)
        };
        Rgb([boost(p[0]), boost(p[1]), boost(p[2])])
    })
}
