//! Private media (a user's photos and results): stored apart from the public folder and served
//! only through a signed, expiring address, `private, no-store`. A changed, expired or missing
//! signature answers 403; a signed address of a public or unknown image, or of a file name an
//! image does not have, answers 404; `/media` never serves a private file. Sizing keeps the
//! copies private; deleting removes the row and every file.

use std::io::Cursor;

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::accounts::demo::create_verified;
use domain::db::schema::media;
use domain::media::queries::{self, NewImage};
use domain::media::upload::prepare;
use domain::media::{Visibility, signing};
use image::{DynamicImage, RgbImage};
use time::OffsetDateTime;

use crate::util::TestApp;

fn photo() -> Vec<u8> {
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 140])
    }))
    .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
    .unwrap();
    out
}

/// Stores `photo()` as a private image of a new user; returns its id and master file name.
async fn private_photo(app: &TestApp, email: &str) -> (uuid::Uuid, String) {
    let owner = create_verified(
        &mut *app.conn().await,
        email,
        "Ola",
        "a long password!",
        Role::Customer,
    )
    .await
    .unwrap();
    let prepared = prepare(&photo()).unwrap();
    let id = queries::store(
        &mut *app.conn().await,
        &app.state.services.media,
        NewImage {
            prepared: &prepared,
            owner: Some(owner.id),
            visibility: Visibility::Private,
            created_by: Some(owner.id),
        },
    )
    .await
    .unwrap();
    (id, format!("original.{}", prepared.extension()))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_private_image_opens_only_through_its_signed_address() {
    let app = TestApp::start().await;
    let (id, name) = private_photo(&app, "ola@example.com").await;
    let (other, _) = private_photo(&app, "oli@example.com").await;
    let signer = &app.state.services.media_urls;
    let now = OffsetDateTime::now_utc();

    let url = signer.url(id, &name, now);
    let r = app.get(&url).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let bytes = r.bytes().await.unwrap();
    assert_eq!(image::load_from_memory(&bytes).unwrap().width(), 640);

    // Attacks on the address: each refused.
    let (path, query) = url.split_once('?').unwrap();
    let sig = query.split("sig=").nth(1).unwrap();
    let expires: i64 = query
        .trim_start_matches("expires=")
        .split('&')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let flipped = if sig.starts_with('A') { "B" } else { "A" };
    let forged = format!("{path}?expires={expires}&sig={flipped}{}", &sig[1..]);
    assert_eq!(app.get(&forged).await.status(), 403, "a changed signature");
    let longer = format!("{path}?expires={}&sig={sig}", expires + 86_400);
    assert_eq!(app.get(&longer).await.status(), 403, "a longer life");
    let swapped = format!("{}?{query}", signing::private_path(other, &name));
    assert_eq!(
        app.get(&swapped).await.status(),
        403,
        "another user's image"
    );
    assert_eq!(app.get(path).await.status(), 403, "no signature");
    let expired = signer.url(id, &name, now - time::Duration::hours(1));
    let r = app.get(&expired).await;
    assert_eq!(r.status(), 403, "expired");
    assert!(r.text().await.unwrap().contains("expired"));

    // The public folder does not have it; odd names and other images are not found.
    assert_eq!(app.get(&format!("/media/{id}/{name}")).await.status(), 404);
    assert_eq!(
        app.get(&signer.url(id, "secret.txt", now)).await.status(),
        404
    );
    assert_eq!(
        app.get(&signer.url(uuid::Uuid::now_v7(), &name, now))
            .await
            .status(),
        404
    );

    // Sizing writes the copies in the private folder only.
    app.run_pending_jobs().await;
    let files = &app.state.services.media;
    assert!(files.path(Visibility::Private, id, "600.webp").exists());
    assert!(!files.path(Visibility::Public, id, "600.webp").exists());
    let r = app.get(&signer.url(id, "600.webp", now)).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/webp");

    // Deleting removes the row and every file; the address then finds nothing.
    assert!(
        queries::delete(&mut *app.conn().await, files, id)
            .await
            .unwrap()
    );
    assert!(!files.path(Visibility::Private, id, &name).exists());
    assert!(!files.path(Visibility::Private, id, "600.webp").exists());
    let rows: i64 = media::table
        .filter(media::id.eq(id))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(rows, 0);
    assert_eq!(app.get(&url).await.status(), 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_address_of_a_public_image_is_not_served_as_private() {
    let app = TestApp::start().await;
    crate::catalog::store(&app).await;
    app.run_pending_jobs().await;
    let public: uuid::Uuid = media::table
        .filter(media::visibility.eq("public"))
        .select(media::id)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    let url = app
        .state
        .services
        .media_urls
        .url(public, "600.webp", OffsetDateTime::now_utc());
    assert_eq!(app.get(&url).await.status(), 404);
    // A product picture cannot be deleted from under its product.
    assert!(
        !queries::delete(&mut *app.conn().await, &app.state.services.media, public)
            .await
            .unwrap()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_database_refuses_a_private_image_without_an_owner() {
    let app = TestApp::start().await;
    let refused = diesel::insert_into(media::table)
        .values((
            media::id.eq(uuid::Uuid::now_v7()),
            media::content_type.eq("image/png"),
            media::width.eq(1),
            media::height.eq(1),
            media::bytes.eq(1_i64),
            media::visibility.eq("private"),
        ))
        .execute(&mut *app.conn().await)
        .await;
    assert!(refused.is_err(), "{refused:?}");
}
