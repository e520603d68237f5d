//! The painted looks: oil paint (Kuwahara strokes with a little more colour), watercolour
//! (soft washes of few tones, pigment pooling at their edges, paper grain) and cartoon (flat
//! smoothed colour in bands, with inked outlines).

use image::{Rgb, RgbImage};

use super::kuwahara::kuwahara;
use super::ops::{
    box_blur, grey, luma, mix, noise, posterise, sobel, soft_blur_grey, threshold_above_mean,
};

/// Saturation scaled by `amount` (1.0: unchanged).
fn saturate(p: Rgb<u8>, amount: f32) -> Rgb<u8> {
    let l = f32::from(luma(&p));
    Rgb(p
        .0
        .map(|v| (l + (f32::from(v) - l) * amount).clamp(0.0, 255.0).round() as u8))
}

/// Oil paint: Kuwahara of radius `r`, colours a little richer.
pub fn oil(img: &RgbImage, r: u32) -> RgbImage {
    let mut out = kuwahara(img, r);
    for p in out.pixels_mut() {
        *p = saturate(*p, 1.15);
    }
    out
}

/// Watercolour: Kuwahara then a soft blur for the washes, tones in `levels` bands, darker
/// rims where washes meet, and paper grain.
pub fn watercolour(img: &RgbImage, r: u32, levels: u8) -> RgbImage {
    let washed = box_blur(&kuwahara(img, r), (r / 2).max(1));
    let rims = sobel(&soft_blur_grey(&grey(&washed), 1));
    let (w, h) = washed.dimensions();
    RgbImage::from_fn(w, h, |x, y| {
        let p = washed.get_pixel(x, y).0;
        let band = p.map(|v| mix(v, posterise(v, levels), 0.6));
        // Pigment pools at a wash's edge; paper shows through its middle.
        let rim = f32::from(rims.get_pixel(x, y).0[0]) / 255.0;
        let grain = noise(x, y, 17) * 6.0;
        let light = 1.0 - rim * 0.35;
        Rgb(band.map(|v| {
            let v = f32::from(mix(v, 255, 0.12)) * light + grain;
            v.clamp(0.0, 255.0).round() as u8
        }))
    })
}

/// Cartoon: smoothed colour in `levels` bands per channel, outlines where the picture's edges
/// are `k` deviations above the mean.
pub fn cartoon(img: &RgbImage, r: u32, levels: u8, k: f64) -> RgbImage {
    let flat = kuwahara(img, r);
    let edges = sobel(&soft_blur_grey(&grey(img), 1));
    let t = threshold_above_mean(&edges, k);
    let (w, h) = flat.dimensions();
    RgbImage::from_fn(w, h, |x, y| {
        if edges.get_pixel(x, y).0[0] >= t {
            return Rgb([25, 22, 20]);
        }
        saturate(
            Rgb(flat.get_pixel(x, y).0.map(|v| posterise(v, levels))),
            1.2,
        )
    })
}
