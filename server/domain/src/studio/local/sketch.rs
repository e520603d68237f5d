//! Drawing styles from the picture's light: a pencil sketch (the grey picture divided by its
//! blurred negative, the "colour dodge" that leaves soft graphite where light changes) and ink
//! line art (Sobel edges above an adaptive threshold, black on white).

use image::{GrayImage, Luma, RgbImage};

use super::ops::{grey, scaled, sobel, soft_blur_grey, threshold_above_mean};

/// A pencil sketch: `softness` (‰ of the shorter side) sets the blur of the negative.
pub fn pencil(img: &RgbImage, softness: u32) -> GrayImage {
    let g = grey(img);
    let negative = GrayImage::from_fn(g.width(), g.height(), |x, y| {
        Luma([255 - g.get_pixel(x, y).0[0]])
    });
    let blurred = soft_blur_grey(&negative, scaled(g.width(), g.height(), softness));
    GrayImage::from_fn(g.width(), g.height(), |x, y| {
        let base = u32::from(g.get_pixel(x, y).0[0]);
        let blend = u32::from(blurred.get_pixel(x, y).0[0]);
        let dodged = if blend >= 255 {
            255
        } else {
            (base * 255 / (255 - blend)).min(255)
        };
        Luma([dodged as u8])
    })
}

/// Ink lines: edges of the lightly smoothed picture stronger than `k` standard deviations
/// above the mean edge, drawn black on white.
pub fn ink(img: &RgbImage, k: f64) -> GrayImage {
    let g = soft_blur_grey(&grey(img), 1);
    let edges = sobel(&g);
    let t = threshold_above_mean(&edges, k);
    GrayImage::from_fn(g.width(), g.height(), |x, y| {
        Luma([if edges.get_pixel(x, y).0[0] >= t {
            0
        } else {
            255
        }])
    })
}
