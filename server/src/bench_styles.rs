//! `daydream bench-styles`: how long each local style takes on a square photo of a given size
//! (the target: 400 ms each at 1024 × 1024 on a 2-core machine). Renders each look
//! three times on a demo product picture scaled to the size and prints the fastest and the
//! median, in milliseconds. No database, no server: the engine alone.

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
    Ok(())
}
