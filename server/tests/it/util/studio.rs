//! Studio fixtures: a JPEG photo, a person with one uploaded photo and the demo styles, and a
//! style job to submit.

use std::io::Cursor;

use domain::accounts::demo::create_verified;
use domain::accounts::{Role, User};
use domain::studio::jobs::{JobKind, NewJob};
use domain::studio::usage::DailyLimits;
use image::{DynamicImage, RgbImage};

use super::TestApp;

/// The password of the people made here.
pub const STUDIO_PASSWORD: &str = "a long password!";

/// A real `width` × `height` JPEG with a colour gradient.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    }))
    .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
    .unwrap();
    out
}

/// Loads the demo styles (once) and makes a customer `email` with a 120×90 photo: (person,
/// photo id).
pub async fn person_with_photo(app: &TestApp, email: &str) -> (User, uuid::Uuid) {
    domain::studio::demo::ensure_demo_styles(&mut *app.conn().await)
        .await
        .unwrap();
    let person = create_verified(
        &mut *app.conn().await,
        email,
        "Ana",
        STUDIO_PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
    let photo = domain::studio::images::upload(
        &mut *app.conn().await,
        &app.state.services.media,
        DailyLimits::default(),
        &person,
        jpeg(120, 90),
        "",
        "",
    )
    .await
    .unwrap();
    (person, photo)
}

/// A style job on `photo` in `style` (a slug), with a fresh one-time key.
pub fn style_job(photo: uuid::Uuid, style: &str) -> NewJob {
    NewJob {
        kind: JobKind::Style,
        image_id: Some(photo),
        style: Some(style.into()),
        prompt: String::new(),
        params: None,
        idempotency_key: uuid::Uuid::new_v4(),
    }
}

/// Styles `photo` of `person` in each of `styles` through the queue (no daily limit in the
/// way); the jobs' ids, all run.
pub async fn styled(
    app: &TestApp,
    person: &User,
    photo: uuid::Uuid,
    styles: &[&str],
) -> Vec<uuid::Uuid> {
    let limits = DailyLimits {
        free: 100,
        premium: 100,
    };
    let mut ids = Vec::new();
    for style in styles {
        let id = domain::studio::jobs::submit(
            &mut *app.conn().await,
            limits,
            false,
            person,
            &style_job(photo, style),
        )
        .await
        .unwrap();
        ids.push(id);
    }
    app.run_pending_jobs().await;
    ids
}

/// Reads a server-sent event stream to its end (or 30 s): each `data:` line as JSON.
pub async fn read_events(mut response: reqwest::Response) -> Vec<serde_json::Value> {
    let mut text = String::new();
    let read = async {
        while let Some(chunk) = response.chunk().await.unwrap() {
            text.push_str(&String::from_utf8_lossy(&chunk));
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(30), read)
        .await
        .expect("the stream ends once the job has ended");
    text.lines()
        .filter_map(|l| l.strip_prefix("data:"))
        .map(|d| serde_json::from_str(d.trim()).unwrap())
        .collect()
}
