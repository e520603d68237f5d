//! Images: hostile uploads (wrong type, truncated, decompression bombs, oversized metadata)
//! are refused before decoding; accepted ones (JPEG, PNG, WebP, a GIF's first frame) are
//! re-encoded upright without metadata; the job
//! makes the sized WebP/JPEG copies, pages list them in `srcset` with their size, and `/media`
//! serves them with year-long cache headers.

use std::io::Cursor;

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::db::schema::{media, product_images, products};
use domain::jobs::draw_demo_images::DrawDemoImages;
use domain::jobs::process_media::ProcessMedia;
use domain::jobs::queue;
use domain::media::UploadError;
use domain::media::upload::prepare;
use image::{DynamicImage, ImageEncoder, RgbImage};

use crate::catalog::store;
use crate::util::TestApp;
use crate::util::hostile::{png, png_claiming, png_with_exif};

#[test]
fn hostile_uploads_are_refused_with_a_reason() {
    let mut jpeg = Vec::new();
    DynamicImage::ImageRgb8(RgbImage::from_fn(300, 200, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 40])
    }))
    .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
    .unwrap();
    assert!(prepare(&jpeg).is_ok());
    assert_eq!(
        prepare(&jpeg[..jpeg.len() / 3]),
        Err(UploadError::Corrupt),
        "a JPEG cut short is refused, not filled with grey"
    );
    assert_eq!(prepare(b""), Err(UploadError::Empty));
    assert_eq!(
        prepare(b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0"),
        Err(UploadError::UnsupportedType),
        "a BMP is not accepted"
    );
    assert_eq!(
        prepare(b"GIF89a\x01\0\x01\0\0\0\0;"),
        Err(UploadError::Corrupt),
        "a GIF cut short is refused as damaged"
    );
    assert_eq!(
        prepare(b"<html><script>alert(1)</script></html>"),
        Err(UploadError::UnsupportedType),
        "the name or declared type never matter: the bytes do"
    );
    let whole = png(300, 200);
    assert_eq!(
        prepare(&whole[..whole.len() / 2]),
        Err(UploadError::Corrupt),
        "truncated"
    );
    let bomb = png_claiming(60_000, 60_000);
    assert!(bomb.len() < 200, "a tiny file claiming 3.6 gigapixels");
    assert_eq!(prepare(&bomb), Err(UploadError::TooManyPixels));
    assert_eq!(
        prepare(&png_claiming(9_000, 9_000)),
        Err(UploadError::TooManyPixels),
        "81 megapixels"
    );
    assert_eq!(
        prepare(&png_with_exif(200_000)),
        Err(UploadError::MetadataTooLarge)
    );
    assert!(
        prepare(&png_with_exif(100)).is_ok(),
        "small metadata is fine"
    );
    let mut huge = vec![0xFF, 0xD8, 0xFF];
    huge.resize(16 * 1024 * 1024, 0);
    assert_eq!(prepare(&huge), Err(UploadError::TooLarge));
}

#[test]
fn accepted_images_are_re_encoded_upright_without_metadata() {
    // A JPEG 40 × 20 whose EXIF says "rotate 90° clockwise to display".
    let mut exif = b"MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0".to_vec();
    exif.extend_from_slice(b"\0\0\0\0GPS-SECRET-LOCATION");
    let mut jpeg = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90);
    encoder.set_exif_metadata(exif).unwrap();
    let pixels = RgbImage::from_pixel(40, 20, image::Rgb([200, 30, 30]));
    encoder
        .write_image(pixels.as_raw(), 40, 20, image::ExtendedColorType::Rgb8)
        .unwrap();
    assert!(
        jpeg.windows(10).any(|w| w == b"GPS-SECRET"),
        "the upload carries it"
    );

    let prepared = prepare(&jpeg).unwrap();
    assert_eq!(
        (prepared.width, prepared.height),
        (20, 40),
        "turned upright"
    );
    assert_eq!(prepared.content_type, "image/jpeg");
    assert!(
        !prepared.bytes.windows(10).any(|w| w == b"GPS-SECRET"),
        "metadata is gone"
    );
    assert!(!prepared.bytes.windows(4).any(|w| w == b"Exif"));

    let transparent = {
        let mut out = Vec::new();
        DynamicImage::new_rgba8(10, 10)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    };
    assert_eq!(
        prepare(&transparent).unwrap().content_type,
        "image/png",
        "alpha is kept"
    );
}

#[test]
fn an_animated_gif_is_taken_by_its_first_frame() {
    let frame =
        |rgba: [u8; 4]| image::Frame::new(image::RgbaImage::from_pixel(30, 20, image::Rgba(rgba)));
    let mut gif = Vec::new();
    {
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut gif);
        encoder
            .encode_frames([frame([220, 20, 20, 255]), frame([20, 20, 220, 255])])
            .unwrap();
    }
    assert!(gif.starts_with(b"GIF8"));
    let prepared = prepare(&gif).unwrap();
    assert_eq!((prepared.width, prepared.height), (30, 20));
    let master = image::load_from_memory(&prepared.bytes).unwrap().to_rgb8();
    let [r, _, b] = master.get_pixel(5, 5).0;
    assert!(r > 180 && b < 60, "the first (red) frame, not the blue one");
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_pictures_are_drawn_sized_and_served_with_their_dimensions() {
    let app = TestApp::start().await;
    let ids = store(&app).await;
    app.run_pending_jobs().await;
    let rows: Vec<(i64, uuid::Uuid, String, i32, Vec<i32>)> = product_images::table
        .inner_join(media::table)
        .select((
            product_images::product_id,
            media::id,
            media::status,
            media::width,
            media::variant_widths,
        ))
        .load(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(rows.len(), ids.len(), "one picture per product");
    assert!(
        rows.iter()
            .all(|r| r.2 == "ready" && r.4 == [150, 600] && r.3 == 960)
    );

    let (product, id) = (rows[0].0, rows[0].1);
    let response = app.get(&format!("/media/{id}/600.webp")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/webp");
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let bytes = response.bytes().await.unwrap();
    let decoded = image::load_from_memory(&bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (600, 600));
    assert_eq!(
        app.get(&format!("/media/{id}/9999.webp")).await.status(),
        404
    );
    assert_eq!(app.get("/media/../Cargo.toml").await.status(), 404);

    let slug: String = products::table
        .find(product)
        .select(products::slug)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    let (_, page) = app.get_text(&format!("/products/{slug}")).await;
    assert!(page.contains(&format!(
        "/media/{id}/150.webp 150w, /media/{id}/600.webp 600w"
    )));
    assert!(page.contains("width=\"960\"") && page.contains("height=\"960\""));
    assert!(page.contains("property=\"og:image\""));
    assert!(page.contains(&format!(
        "\"image\":[\"http://{}/media/{id}/600.jpg\"]",
        app.addr
    )));
    let (_, listing) = app.get_text("/products").await;
    assert!(listing.contains("loading=\"lazy\""), "tiles load lazily");
    assert!(listing.matches("<picture>").count() >= 24);

    // The same jobs delivered again (a retry after a crash, a double enqueue) change nothing:
    // no second picture per product, no second media row, the sized files left as they were.
    let media_before: i64 = media::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    let written = || {
        std::fs::metadata(app.state.services.media.path(
            domain::media::Visibility::Public,
            id,
            "600.webp",
        ))
        .and_then(|m| m.modified())
        .unwrap()
    };
    let sized_at = written();
    {
        let mut conn = app.conn().await;
        let again = DrawDemoImages {
            products: ids.iter().map(|p| (*p, [10, 20, 30])).collect(),
        };
        queue::enqueue(&mut conn, &again).await.unwrap();
        queue::enqueue(&mut conn, &ProcessMedia { media_id: id })
            .await
            .unwrap();
    }
    app.run_pending_jobs().await;
    let count: i64 = product_images::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(count as usize, ids.len(), "still one picture per product");
    let media_after: i64 = media::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(media_after, media_before, "no new media rows");
    assert_eq!(written(), sized_at, "the sized copy is not written again");
}
