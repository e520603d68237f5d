//! Looks made from the picture's tones alone: duotone (shadows in one ink, highlights in
//! another) and vintage (sepia, film grain and a darkened vignette).

use image::{Rgb, RgbImage};

use super::ops::{luma, mix, noise};

/// Duotone: each pixel's luminance mapped from `dark` to `light`.
pub fn duotone(img: &RgbImage, dark: [u8; 3], light: [u8; 3]) -> RgbImage {
    RgbImage::from_fn(img.width(), img.height(), |x, y| {
        let t = f32::from(luma(img.get_pixel(x, y))) / 255.0;
        Rgb([0, 1, 2].map(|c| mix(dark[c], light[c], t)))
    })
}

/// Vintage: sepia toning, grain of `grain` levels and a vignette darkening the corners by
/// `vignette` (0..1).
pub fn vintage(img: &RgbImage, grain: f32, vignette: f32) -> RgbImage {
    let (w, h) = img.dimensions();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let reach = (cx * cx + cy * cy).sqrt().max(1.0);
    RgbImage::from_fn(w, h, |x, y| {
        let [r, g, b] = img.get_pixel(x, y).0.map(f32::from);
        // The classic sepia matrix, faded a little towards cream.
        let sepia = [
            0.393 * r + 0.769 * g + 0.189 * b,
            0.349 * r + 0.686 * g + 0.168 * b,
            0.272 * r + 0.534 * g + 0.131 * b,
        ];
        let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt() / reach;
        let shade = 1.0 - vignette * d * d;
        let n = noise(x, y, 91) * grain;
        Rgb(sepia.map(|v| ((v * 0.9 + 20.0) * shade + n).clamp(0.0, 255.0).round() as u8))
    })
}
