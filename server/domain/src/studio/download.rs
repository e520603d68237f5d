//! A result as its owner downloads it: PNG, JPEG or WebP, at its own width or narrower (never
//! wider: a download is not an upscale), resized with Lanczos. CPU work: call [`render`] on a
//! blocking thread.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat};

/// The JPEG quality of a download (higher than the page copies: this is the keepsake).
const JPEG_QUALITY: u8 = 92;
/// The WebP quality of a download.
const WEBP_QUALITY: f32 = 90.0;
/// The narrowest download offered.
pub const MIN_WIDTH: u32 = 64;

/// A download format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
    Webp,
}

impl Format {
    /// `png`, `jpeg` (or `jpg`) or `webp`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "png" => Some(Self::Png),
            "jpeg" | "jpg" => Some(Self::Jpeg),
            "webp" => Some(Self::Webp),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Webp => "webp",
        }
    }
}

/// Why a download could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error("Choose a width from {MIN_WIDTH} px up to the picture's own {0} px.")]
    BadWidth(u32),
    #[error("The stored picture could not be read: {0}")]
    Unreadable(String),
}

/// `master` (the stored picture's bytes) as `format`, `width` pixels wide (`None`: its own).
pub fn render(master: &[u8], format: Format, width: Option<u32>) -> Result<Vec<u8>, DownloadError> {
    let picture =
        image::load_from_memory(master).map_err(|e| DownloadError::Unreadable(e.to_string()))?;
    let width = width.unwrap_or(picture.width());
    if width < MIN_WIDTH.min(picture.width()) || width > picture.width() {
        return Err(DownloadError::BadWidth(picture.width()));
    }
    let sized = if width == picture.width() {
        picture
    } else {
        let height = (u64::from(picture.height()) * u64::from(width) / u64::from(picture.width()))
            .max(1) as u32;
        picture.resize_exact(width, height, FilterType::Lanczos3)
    };
    encode(&sized, format).map_err(|e| DownloadError::Unreadable(e.to_string()))
}

/// `picture` encoded as `format` (JPEG has no alpha: it is flattened onto white).
pub fn encode(picture: &DynamicImage, format: Format) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    match format {
        Format::Png => picture.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)?,
        Format::Jpeg => {
            let rgb = on_white(picture);
            image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut Cursor::new(&mut out),
                JPEG_QUALITY,
            )
            .encode_image(&rgb)?;
        }
        Format::Webp => {
            let rgba = picture.to_rgba8();
            out = webp::Encoder::from_rgba(rgba.as_raw(), rgba.width(), rgba.height())
                .encode(WEBP_QUALITY)
                .to_vec();
        }
    }
    Ok(out)
}

/// `picture` without alpha, its transparent parts white.
fn on_white(picture: &DynamicImage) -> image::RgbImage {
    let rgba = picture.to_rgba8();
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let a = u16::from(p[3]);
        let blend = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        image::Rgb([blend(p[0]), blend(p[1]), blend(p[2])])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn master() -> Vec<u8> {
        let picture = DynamicImage::ImageRgba8(image::RgbaImage::from_fn(300, 200, |x, y| {
            image::Rgba([
                (x % 256) as u8,
                (y % 256) as u8,
                90,
                if x < 10 { 0 } else { 255 },
            ])
        }));
        encode(&picture, Format::Png).unwrap()
    }

    #[test]
    fn each_format_comes_out_as_itself_at_the_width_asked() {
        let master = master();
        for (format, expected) in [
            (Format::Png, ImageFormat::Png),
            (Format::Jpeg, ImageFormat::Jpeg),
            (Format::Webp, ImageFormat::WebP),
        ] {
            let bytes = render(&master, format, Some(150)).unwrap();
            assert_eq!(image::guess_format(&bytes).unwrap(), expected);
            let back = image::load_from_memory(&bytes).unwrap();
            assert_eq!((back.width(), back.height()), (150, 100));
        }
    }

    #[test]
    fn wider_than_the_picture_or_tiny_is_refused() {
        let master = master();
        assert!(matches!(
            render(&master, Format::Png, Some(301)),
            Err(DownloadError::BadWidth(300))
        ));
        assert!(render(&master, Format::Png, Some(10)).is_err());
        assert!(render(&master, Format::Png, None).is_ok());
    }

    #[test]
    fn jpeg_flattens_transparency_onto_white() {
        let bytes = render(&master(), Format::Jpeg, None).unwrap();
        let back = image::load_from_memory(&bytes).unwrap().to_rgb8();
        let p = back.get_pixel(2, 100).0;
        assert!(p.iter().all(|c| *c > 230), "{p:?}");
    }

    #[test]
    fn formats_parse_from_what_forms_send() {
        assert_eq!(Format::parse("JPG"), Some(Format::Jpeg));
        assert_eq!(Format::parse("webp"), Some(Format::Webp));
        assert_eq!(Format::parse("gif"), None);
    }
}
