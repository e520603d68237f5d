//! Pixel art: the picture averaged into square blocks, its colours reduced to a small palette
//! found by k-means on the blocks (seeded from the luminance range, so the same picture always
//! gets the same palette), then drawn back at full size with hard block edges.

use image::{Rgb, RgbImage};

use super::ops::luma;

/// Blocks of `block` pixels, `colours` colours in the palette.
pub fn pixel_art(img: &RgbImage, block: u32, colours: usize) -> RgbImage {
    let (w, h) = img.dimensions();
    let block = block.max(1);
    let (bw, bh) = (w.div_ceil(block), h.div_ceil(block));
    // Average each block.
    let mut small: Vec<[f32; 3]> = Vec::with_capacity((bw * bh) as usize);
    for by in 0..bh {
        for bx in 0..bw {
            let (mut sum, mut n) = ([0f32; 3], 0f32);
            for y in by * block..((by + 1) * block).min(h) {
                for x in bx * block..((bx + 1) * block).min(w) {
                    for (total, v) in sum.iter_mut().zip(img.get_pixel(x, y).0) {
                        *total += f32::from(v);
                    }
                    n += 1.0;
                }
            }
            small.push(sum.map(|s| s / n.max(1.0)));
        }
    }
    let palette = palette(&small, colours.clamp(2, 32));
    let nearest = |p: &[f32; 3]| -> usize {
        (0..palette.len())
            .min_by(|&a, &b| distance(p, &palette[a]).total_cmp(&distance(p, &palette[b])))
            .unwrap_or(0)
    };
    let chosen: Vec<Rgb<u8>> = small
        .iter()
        .map(|p| Rgb(palette[nearest(p)].map(|v| v.round().clamp(0.0, 255.0) as u8)))
        .collect();
    RgbImage::from_fn(w, h, |x, y| chosen[((y / block) * bw + x / block) as usize])
}

fn distance(a: &[f32; 3], b: &[f32; 3]) -> f32 {
    (0..3).map(|c| (a[c] - b[c]) * (a[c] - b[c])).sum()
}

/// `k` colours for `points` by a few rounds of k-means, started from points spread evenly by
/// luminance.
fn palette(points: &[[f32; 3]], k: usize) -> Vec<[f32; 3]> {
    if points.is_empty() {
        return vec![[0.0; 3]; k];
    }
    let mut by_light: Vec<&[f32; 3]> = points.iter().collect();
    by_light.sort_by_key(|p| luma(&Rgb(p.map(|v| v as u8))));
    let mut centres: Vec<[f32; 3]> = (0..k)
        .map(|i| *by_light[(i * (by_light.len() - 1)) / (k - 1).max(1)])
        .collect();
    for _ in 0..8 {
        let mut sums = vec![([0f32; 3], 0f32); k];
        for p in points {
            let i = (0..k)
                .min_by(|&a, &b| distance(p, &centres[a]).total_cmp(&distance(p, &centres[b])))
                .unwrap_or(0);
            for (total, v) in sums[i].0.iter_mut().zip(p) {
                *total += v;
            }
            sums[i].1 += 1.0;
        }
        for (centre, (sum, n)) in centres.iter_mut().zip(sums) {
            if n > 0.0 {
                *centre = sum.map(|s| s / n);
            }
        }
    }
    centres
}
