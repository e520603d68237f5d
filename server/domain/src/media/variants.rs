//! The sized copies of a stored image that pages ask for through `srcset`: 150, 600 and 1200
//! pixels wide (never wider than the master), each as lossy WebP and as JPEG.

use std::io::Cursor;

use image::DynamicImage;
use image::imageops::FilterType;

/// The widths pages choose from.
pub const WIDTHS: [u32; 3] = [150, 600, 1200];
const JPEG_QUALITY: u8 = 82;
const WEBP_QUALITY: f32 = 78.0;

/// One sized copy, encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// `webp` or `jpg`.
    pub extension: &'static str,
    pub bytes: Vec<u8>,
}

/// The widths made for a master `width` pixels wide: every standard width up to it, or the
/// master's own width when it is narrower than the smallest.
pub fn widths_for(width: u32) -> Vec<u32> {
    let widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w <= width).collect();
    if widths.is_empty() {
        vec![width]
    } else {
        widths
    }
}

/// The stored file closest to `width` pixels of an image whose copies are `widths` wide: the
/// narrowest WebP copy at least that wide, else the widest copy, else the master itself
/// (`original.<ext>` of `content_type`) until copies exist.
pub fn closest_file(content_type: &str, widths: &[i32], width: i32) -> String {
    match widths
        .iter()
        .filter(|w| **w >= width)
        .min()
        .or(widths.iter().max())
    {
        Some(w) => format!("{w}.webp"),
        None => format!("original.{}", super::upload::extension_of(content_type)),
    }
}

/// Resizes and encodes every variant of `master`; CPU work: call it on a blocking thread.
pub fn make(master: &DynamicImage) -> anyhow::Result<Vec<Variant>> {
    let mut out = Vec::new();
    for width in widths_for(master.width()) {
        let height =
            (u64::from(master.height()) * u64::from(width) / u64::from(master.width())).max(1);
        let height = u32::try_from(height)?;
        let sized = if width == master.width() {
            master.clone()
        } else {
            master.resize_exact(width, height, FilterType::CatmullRom)
        };
        let rgb = sized.to_rgb8();
        let webp =
            webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height()).encode(WEBP_QUALITY);
        out.push(Variant {
            width,
            height,
            extension: "webp",
            bytes: webp.to_vec(),
        });
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut Cursor::new(&mut jpeg),
            JPEG_QUALITY,
        )
        .encode_image(&rgb)?;
        out.push(Variant {
            width,
            height,
            extension: "jpg",
            bytes: jpeg,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closest_copy_is_the_narrowest_wide_enough() {
        assert_eq!(
            closest_file("image/png", &[150, 600, 1200], 500),
            "600.webp"
        );
        assert_eq!(closest_file("image/png", &[150, 600], 1000), "600.webp");
        assert_eq!(closest_file("image/png", &[], 600), "original.png");
        assert_eq!(closest_file("image/jpeg", &[], 600), "original.jpg");
    }

    #[test]
    fn widths_never_exceed_the_master() {
        assert_eq!(widths_for(2000), [150, 600, 1200]);
        assert_eq!(widths_for(900), [150, 600]);
        assert_eq!(widths_for(100), [100]);
    }

    #[test]
    fn variants_keep_the_aspect_ratio() {
        let master = DynamicImage::new_rgb8(800, 400);
        let variants = make(&master).unwrap();
        let sizes: Vec<_> = variants
            .iter()
            .map(|v| (v.width, v.height, v.extension))
            .collect();
        assert_eq!(
            sizes,
            [
                (150, 75, "webp"),
                (150, 75, "jpg"),
                (600, 300, "webp"),
                (600, 300, "jpg")
            ]
        );
        assert!(variants.iter().all(|v| !v.bytes.is_empty()));
        assert_eq!(&variants[0].bytes[8..12], b"WEBP");
        assert_eq!(&variants[1].bytes[..2], [0xFF, 0xD8]);
    }
}
