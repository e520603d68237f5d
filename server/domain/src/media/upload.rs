//! Checking an uploaded image before anything is stored: the type is sniffed from the bytes
//! (never the file name or the declared type), the file size, the pixel count and the metadata
//! size are bounded before the pixels are decoded (so a decompression bomb is refused from its
//! header), and the picture is re-encoded upright without its metadata (EXIF, GPS, ICC).

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// The largest upload, in bytes.
pub const MAX_BYTES: usize = 15 * 1024 * 1024;
/// The longest side, in pixels.
pub const MAX_SIDE: u32 = 10_000;
/// The most pixels (width × height).
pub const MAX_PIXELS: u64 = 40_000_000;
/// The most metadata (EXIF) an upload may carry, in bytes.
pub const MAX_METADATA: usize = 64 * 1024;
/// The most memory decoding may take.
const MAX_DECODE_ALLOC: u64 = 512 * 1024 * 1024;

/// Why an upload was refused; each reads as the message the uploader sees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UploadError {
    #[error("The file is empty.")]
    Empty,
    #[error("The file is larger than 15 MB.")]
    TooLarge,
    #[error("This is not a JPEG, PNG, WebP or GIF image.")]
    UnsupportedType,
    #[error("The image is larger than 10 000 pixels a side or 40 megapixels.")]
    TooManyPixels,
    #[error("The image carries more than 64 KB of metadata.")]
    MetadataTooLarge,
    #[error("The image is damaged or incomplete and cannot be read.")]
    Corrupt,
}

/// An accepted image, re-encoded: JPEG, or PNG when it has transparency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
}

impl Prepared {
    /// The file extension of the re-encoded master.
    pub fn extension(&self) -> &'static str {
        extension_of(self.content_type)
    }
}

/// The file extension stored masters of `content_type` have.
pub fn extension_of(content_type: &str) -> &'static str {
    if content_type == "image/png" {
        "png"
    } else {
        "jpg"
    }
}

/// Decodes `bytes` within the limits, upright, checked; CPU work: call it on a blocking thread.
pub fn decode_checked(bytes: &[u8]) -> Result<DynamicImage, UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(UploadError::TooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| UploadError::UnsupportedType)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif
    ) {
        return Err(UploadError::UnsupportedType);
    }
    if format == ImageFormat::Jpeg && !jpeg_is_whole(bytes) {
        return Err(UploadError::Corrupt);
    }
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(|_| UploadError::Corrupt)?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(UploadError::Corrupt);
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(UploadError::TooManyPixels);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    decoder
        .set_limits(limits)
        .map_err(|_| UploadError::TooManyPixels)?;
    let exif = decoder.exif_metadata().map_err(|_| UploadError::Corrupt)?;
    if exif.is_some_and(|e| e.len() > MAX_METADATA) {
        return Err(UploadError::MetadataTooLarge);
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| UploadError::Corrupt)?;
    picture.apply_orientation(orientation);
    Ok(picture)
}

/// Whether a JPEG has its end marker (`FF D9`) after its last scan's start (`FF DA`): the
/// decoder fills a file cut short with grey rather than refusing it. (Inside a scan a `FF`
/// byte is always followed by `00` or a restart marker, so the end marker cannot appear by
/// chance; a thumbnail's own markers come before the main picture's scan.)
fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let last_scan = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]);
    last_scan.is_some_and(|at| bytes[at..].windows(2).any(|w| w == [0xFF, 0xD9]))
}

/// Checks an upload and re-encodes it without metadata.
pub fn prepare(bytes: &[u8]) -> Result<Prepared, UploadError> {
    let picture = decode_checked(bytes)?;
    encode_master(&picture)
}

/// Re-encodes a picture as the stored master: PNG when it has an alpha channel, else JPEG at
/// quality 90.
pub fn encode_master(picture: &DynamicImage) -> Result<Prepared, UploadError> {
    let mut out = Vec::new();
    let content_type = if picture.color().has_alpha() {
        picture
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .map_err(|_| UploadError::Corrupt)?;
        "image/png"
    } else {
        let rgb = picture.to_rgb8();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&rgb)
            .map_err(|_| UploadError::Corrupt)?;
        "image/jpeg"
    };
    Ok(Prepared {
        bytes: out,
        content_type,
        width: picture.width(),
        height: picture.height(),
    })
}
