//! `daydream bench-styles`: how long each local style takes on a square photo of a given size
//! (the target: 400 ms each at 1024 × 1024 on a 2-core machine), and what an upload of
//! a 12-megapixel JPEG costs (the checked master, then its sized copies). Each is run three
//! times on a demo picture; the fastest and the median are printed, in milliseconds. No
//! database, no server: the engine and the image pipeline alone.

use std::time::Instant;

use domain::studio::local::{Recipe, render};
use image::DynamicImage;
use image::imageops::FilterType;

use crate::report::line;

/// Prints one line per look; with `out`, also writes each look's picture there as PNG (and
/// the photo itself), to look at.
pub fn run(size: u32, out: Option<&std::path::Path>) -> anyhow::Result<()> {
    let drawn = domain::catalog::demo_images::draw(7, [180, 90, 60]);
    let photo = DynamicImage::ImageRgb8(image::imageops::resize(
        &drawn,
        size,
        size,
        FilterType::Lanczos3,
    ));
    if let Some(dir) = out {
        std::fs::create_dir_all(dir)?;
        photo.save(dir.join("photo.png"))?;
    }
    line(format!(
        "# local styles on a {size}×{size} photo (3 runs each)"
    ));
    line(format!(
        "{:<16} {:>9} {:>9}",
        "look", "best_ms", "median_ms"
    ));
    for (name, recipe) in Recipe::examples() {
        let mut times: Vec<f64> = (0..3)
            .map(|_| {
                let t = Instant::now();
                let styled = render(&photo, &recipe, &|| false);
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                std::hint::black_box(styled).map(|styled| (ms, styled))
            })
            .map(|run| {
                run.map(|(ms, styled)| {
                    if let Some(dir) = out {
                        // The same picture each run; writing it once per run is harmless.
                        let _ = styled.save(dir.join(format!("{name}.png")));
                    }
                    ms
                })
            })
            .collect::<Result<_, _>>()?;
        times.sort_by(f64::total_cmp);
        line(format!("{name:<16} {:>9.0} {:>9.0}", times[0], times[1]));
    }
    upload_pipeline()
}

/// Times what an upload costs the server: a 12-megapixel JPEG checked, decoded and
/// re-encoded as the master (`upload::prepare`, in the request), then its sized copies made
/// (`variants::make`, in the background job). 3 runs each.
fn upload_pipeline() -> anyhow::Result<()> {
    use domain::media::{upload, variants};
    let (w, h) = (4000, 3000);
    let drawn = domain::catalog::demo_images::draw(11, [70, 120, 160]);
    let mut scaled = image::imageops::resize(&drawn, w, h, FilterType::Triangle);
    // Sensor-like grain, so the JPEG weighs what a camera's does rather than a flat drawing's.
    for (x, y, p) in scaled.enumerate_pixels_mut() {
        let grain =
            (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)).wrapping_mul(2_654_435_761) >> 27;
        for c in &mut p.0 {
            *c = c.saturating_add(grain as u8).saturating_sub(16);
        }
    }
    let photo = DynamicImage::ImageRgb8(scaled);
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&photo)?;
    line(format!(
        "# upload of a {w}×{h} ({:.0} MP, {:.1} MB) JPEG (3 runs each)",
        f64::from(w * h) / 1e6,
        jpeg.len() as f64 / 1e6
    ));
    line(format!(
        "{:<16} {:>9} {:>9}",
        "step", "best_ms", "median_ms"
    ));
    let timed = |f: &dyn Fn() -> anyhow::Result<()>| -> anyhow::Result<Vec<f64>> {
        let mut times = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            f()?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        Ok(times)
    };
    let prepared = upload::prepare(&jpeg)?;
    let times = timed(&|| {
        std::hint::black_box(upload::prepare(&jpeg)?);
        Ok(())
    })?;
    line(format!(
        "{:<16} {:>9.0} {:>9.0}",
        "check+master", times[0], times[1]
    ));
    let master = image::load_from_memory(&prepared.bytes)?;
    let times = timed(&|| {
        std::hint::black_box(variants::make(&master)?);
        Ok(())
    })?;
    line(format!(
        "{:<16} {:>9.0} {:>9.0}",
        "sized copies", times[0], times[1]
    ));
    Ok(())
}
