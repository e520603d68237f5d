//! The Kuwahara filter behind the oil-paint look: each pixel takes the mean colour of the
//! least varied of the four quadrants around it, which flattens texture into strokes while
//! keeping edges sharp. Summed-area tables of the colour channels and of the luminance's
//! square make every quadrant four lookups, whatever the radius.

use image::{Rgb, RgbImage};

use super::ops::{Integral, luma};

/// Kuwahara of radius `r` (a quadrant is (r + 1) × (r + 1) pixels).
pub fn kuwahara(img: &RgbImage, r: u32) -> RgbImage {
    let (w, h) = img.dimensions();
    let channel = |c: usize| Integral::new(w, h, |x, y| u64::from(img.get_pixel(x, y).0[c]));
    let (red, green, blue) = (channel(0), channel(1), channel(2));
    let lum = Integral::new(w, h, |x, y| u64::from(luma(img.get_pixel(x, y))));
    let lum_sq = Integral::new(w, h, |x, y| {
        let v = u64::from(luma(img.get_pixel(x, y)));
        v * v
    });
    RgbImage::from_fn(w, h, |x, y| {
        let quadrants = [
            (x.saturating_sub(r), y.saturating_sub(r), x + 1, y + 1),
            (x, y.saturating_sub(r), (x + r + 1).min(w), y + 1),
            (x.saturating_sub(r), y, x + 1, (y + r + 1).min(h)),
            (x, y, (x + r + 1).min(w), (y + r + 1).min(h)),
        ];
        let mut best = (u64::MAX, quadrants[0]);
        for q @ (x0, y0, x1, y1) in quadrants {
            let n = u64::from(x1 - x0) * u64::from(y1 - y0);
            let s = lum.sum(x0, y0, x1, y1);
            let sq = lum_sq.sum(x0, y0, x1, y1);
            // n² × variance, in integers: n·Σv² − (Σv)².
            let spread = (n * sq).saturating_sub(s * s) / n;
            if spread < best.0 {
                best = (spread, q);
            }
        }
        let (x0, y0, x1, y1) = best.1;
        let n = u64::from(x1 - x0) * u64::from(y1 - y0);
        Rgb([
            (red.sum(x0, y0, x1, y1) / n) as u8,
            (green.sum(x0, y0, x1, y1) / n) as u8,
            (blue.sum(x0, y0, x1, y1) / n) as u8,
        ])
    })
}
