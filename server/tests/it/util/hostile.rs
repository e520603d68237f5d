//! Hostile files and memory readings for the tests that attack uploads: PNGs built chunk by
//! chunk (one claiming billions of pixels, one with a huge EXIF block) and this process's
//! resident and peak memory (the test server runs in the test's own process).

use std::io::Cursor;

use image::{DynamicImage, RgbImage};

/// A real `width` × `height` PNG.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    }))
    .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
    .unwrap();
    out
}

/// CRC-32 (IEEE), as PNG chunks carry it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// One PNG chunk: length, kind, data, checksum.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc_input = kind.to_vec();
    crc_input.extend_from_slice(data);
    out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    out
}

/// A valid small PNG whose header claims `width` × `height` (a decompression bomb's shape).
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let real = png(4, 4);
    // Signature (8) + IHDR chunk (4 len + 4 type + 13 data + 4 crc).
    let mut ihdr = real[16..29].to_vec();
    ihdr[..4].copy_from_slice(&width.to_be_bytes());
    ihdr[4..8].copy_from_slice(&height.to_be_bytes());
    let mut out = real[..8].to_vec();
    out.extend(chunk(b"IHDR", &ihdr));
    out.extend_from_slice(&real[33..]);
    out
}

/// A valid PNG with an `eXIf` chunk of `size` bytes right after its header.
pub fn png_with_exif(size: usize) -> Vec<u8> {
    let real = png(8, 8);
    let mut exif = b"MM\0\x2a\0\0\0\x08\0\0".to_vec();
    exif.resize(size, 0);
    let mut out = real[..33].to_vec();
    out.extend(chunk(b"eXIf", &exif));
    out.extend_from_slice(&real[33..]);
    out
}

/// A `/proc/self/status` figure in bytes (`VmRSS`, `VmHWM`).
fn status_bytes(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with(key))
        .unwrap_or_else(|| panic!("no {key} in /proc/self/status"));
    let kb: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap();
    kb * 1024
}

/// This process's resident memory now, in bytes.
pub fn resident_bytes() -> u64 {
    status_bytes("VmRSS:")
}

/// This process's peak resident memory so far, in bytes.
pub fn peak_resident_bytes() -> u64 {
    status_bytes("VmHWM:")
}
