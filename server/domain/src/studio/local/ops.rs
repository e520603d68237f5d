//! The building blocks the local styles share: luminance, summed-area tables (so a box of any
//! size costs the same four lookups), box blur, Sobel edges, posterising and a deterministic
//! noise. All work on plain `u8` buffers, row by row.

use image::{GrayImage, Luma, Rgb, RgbImage};

/// Rec. 601 luminance of one pixel, in integers.
pub fn luma(p: &Rgb<u8>) -> u8 {
    let [r, g, b] = p.0;
    ((u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114 + 500) / 1000) as u8
}

/// The picture in grey.
pub fn grey(img: &RgbImage) -> GrayImage {
    GrayImage::from_fn(img.width(), img.height(), |x, y| {
        Luma([luma(img.get_pixel(x, y))])
    })
}

/// A summed-area table of one channel: `at(x, y)` is the sum of every value above and left
/// of (x, y), exclusive, so a box's sum is four lookups.
pub struct Integral {
    width: usize,
    sums: Vec<u64>,
}

impl Integral {
    /// The table of `value(x, y)` over a `width` × `height` grid.
    pub fn new(width: u32, height: u32, value: impl Fn(u32, u32) -> u64) -> Self {
        let (w, h) = (width as usize + 1, height as usize + 1);
        let mut sums = vec![0u64; w * h];
        for y in 0..height as usize {
            let mut row = 0u64;
            for x in 0..width as usize {
                row += value(x as u32, y as u32);
                sums[(y + 1) * w + x + 1] = sums[y * w + x + 1] + row;
            }
        }
        Self { width: w, sums }
    }

    /// The sum over columns `x0..x1` and rows `y0..y1` (half-open).
    pub fn sum(&self, x0: u32, y0: u32, x1: u32, y1: u32) -> u64 {
        let w = self.width;
        let (x0, y0, x1, y1) = (x0 as usize, y0 as usize, x1 as usize, y1 as usize);
        self.sums[y1 * w + x1] + self.sums[y0 * w + x0]
            - self.sums[y0 * w + x1]
            - self.sums[y1 * w + x0]
    }
}

/// The box around (x, y) of half-size `r`, clipped to the picture: (x0, y0, x1, y1, area).
pub fn window(x: u32, y: u32, r: u32, width: u32, height: u32) -> (u32, u32, u32, u32, u64) {
    let (x0, y0) = (x.saturating_sub(r), y.saturating_sub(r));
    let (x1, y1) = ((x + r + 1).min(width), (y + r + 1).min(height));
    (x0, y0, x1, y1, u64::from(x1 - x0) * u64::from(y1 - y0))
}

/// A box blur of radius `r` of a grey picture.
pub fn box_blur_grey(img: &GrayImage, r: u32) -> GrayImage {
    let (w, h) = img.dimensions();
    let table = Integral::new(w, h, |x, y| u64::from(img.get_pixel(x, y).0[0]));
    GrayImage::from_fn(w, h, |x, y| {
        let (x0, y0, x1, y1, n) = window(x, y, r, w, h);
        Luma([(table.sum(x0, y0, x1, y1) / n) as u8])
    })
}

/// A box blur of radius `r` of a colour picture.
pub fn box_blur(img: &RgbImage, r: u32) -> RgbImage {
    let (w, h) = img.dimensions();
    let tables: Vec<Integral> = (0..3)
        .map(|c| Integral::new(w, h, |x, y| u64::from(img.get_pixel(x, y).0[c])))
        .collect();
    RgbImage::from_fn(w, h, |x, y| {
        let (x0, y0, x1, y1, n) = window(x, y, r, w, h);
        let v = |c: usize| (tables[c].sum(x0, y0, x1, y1) / n) as u8;
        Rgb([v(0), v(1), v(2)])
    })
}

/// Three box blurs: close to a Gaussian of σ ≈ r, at a box blur's cost.
pub fn soft_blur_grey(img: &GrayImage, r: u32) -> GrayImage {
    box_blur_grey(&box_blur_grey(&box_blur_grey(img, r), r), r)
}

/// The Sobel gradient magnitude of a grey picture (clamped to 255).
pub fn sobel(img: &GrayImage) -> GrayImage {
    let (w, h) = img.dimensions();
    let at = |x: i64, y: i64| -> i32 {
        let x = x.clamp(0, i64::from(w) - 1) as u32;
        let y = y.clamp(0, i64::from(h) - 1) as u32;
        i32::from(img.get_pixel(x, y).0[0])
    };
    GrayImage::from_fn(w, h, |x, y| {
        let (x, y) = (i64::from(x), i64::from(y));
        let gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1)
            - at(x - 1, y - 1)
            - 2 * at(x - 1, y)
            - at(x - 1, y + 1);
        let gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1)
            - at(x - 1, y - 1)
            - 2 * at(x, y - 1)
            - at(x + 1, y - 1);
        let m = f64::from(gx * gx + gy * gy).sqrt();
        Luma([m.min(255.0) as u8])
    })
}

/// A threshold at `k` standard deviations above the mean of `img`'s values.
pub fn threshold_above_mean(img: &GrayImage, k: f64) -> u8 {
    let n = f64::from(img.width() * img.height()).max(1.0);
    let (sum, sq) = img.pixels().fold((0f64, 0f64), |(s, q), p| {
        let v = f64::from(p.0[0]);
        (s + v, q + v * v)
    });
    let mean = sum / n;
    let sd = (sq / n - mean * mean).max(0.0).sqrt();
    (mean + k * sd).clamp(1.0, 255.0) as u8
}

/// `v` brought to `levels` evenly spaced values.
pub fn posterise(v: u8, levels: u8) -> u8 {
    let levels = u32::from(levels.max(2));
    let step = 255 / (levels - 1);
    let i = (u32::from(v) * (levels - 1) + 127) / 255;
    (i * step).min(255) as u8
}

/// A deterministic noise in -1.0..1.0 for pixel (x, y) (a hash, so a style renders the same
/// picture the same way every time).
pub fn noise(x: u32, y: u32, seed: u32) -> f32 {
    let mut h = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77) ^ seed;
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    h = h.wrapping_mul(0x297A_2D39);
    h ^= h >> 15;
    (h as f32 / u32::MAX as f32) * 2.0 - 1.0
}

/// `a` mixed towards `b` by `t` (0: a, 1: b).
pub fn mix(a: u8, b: u8, t: f32) -> u8 {
    (f32::from(a) + (f32::from(b) - f32::from(a)) * t.clamp(0.0, 1.0)).round() as u8
}

/// A radius that scales with the picture: `per_thousand` of its shorter side, at least 1.
pub fn scaled(img_w: u32, img_h: u32, per_thousand: u32) -> u32 {
    (img_w.min(img_h) * per_thousand / 1000).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_sum_equals_the_values_added_up() {
        let img = GrayImage::from_fn(7, 5, |x, y| Luma([(x * 10 + y) as u8]));
        let t = Integral::new(7, 5, |x, y| u64::from(img.get_pixel(x, y).0[0]));
        let direct: u64 = (2..6)
            .flat_map(|x| (1..4).map(move |y| (x, y)))
            .map(|(x, y)| u64::from(img.get_pixel(x, y).0[0]))
            .sum();
        assert_eq!(t.sum(2, 1, 6, 4), direct);
        assert_eq!(
            t.sum(0, 0, 7, 5),
            img.pixels().map(|p| u64::from(p.0[0])).sum::<u64>()
        );
    }

    #[test]
    fn posterising_keeps_the_ends_and_steps_evenly() {
        assert_eq!(posterise(0, 4), 0);
        assert_eq!(posterise(255, 4), 255);
        assert_eq!(posterise(100, 4), 85);
        assert_eq!(posterise(200, 2), 255);
    }

    #[test]
    fn noise_is_repeatable_and_bounded() {
        for (x, y) in [(0, 0), (5, 9), (1000, 3)] {
            let n = noise(x, y, 7);
            assert_eq!(n, noise(x, y, 7));
            assert!((-1.0..=1.0).contains(&n));
        }
        assert_ne!(noise(1, 2, 7), noise(2, 1, 7));
    }

    #[test]
    fn a_flat_picture_has_no_edges() {
        let flat = GrayImage::from_pixel(9, 9, Luma([120]));
        assert!(sobel(&flat).pixels().all(|p| p.0[0] == 0));
        let step = GrayImage::from_fn(9, 9, |x, _| Luma([if x < 4 { 0 } else { 200 }]));
        assert_eq!(sobel(&step).get_pixel(4, 4).0[0], 255);
    }
}
