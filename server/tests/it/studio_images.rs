//! A studio user's photos: uploaded as private media with a title and tidy tags, seen and
//! deleted by their owner only (another person gets "not found"), refused when too large or not
//! an image, and limited per day by plan — twenty uploads at once against three left accept
//! exactly three and leave no file of the others behind; staff have no limit.

use std::io::Cursor;

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::demo::create_verified;
use domain::accounts::{Role, User};
use domain::db::schema::{media, studio_image_tags, studio_images};
use domain::media::{UploadError, Visibility};
use domain::studio::images::{self, ImageError};
use domain::studio::usage::{DailyLimits, uploads_today};
use image::{DynamicImage, RgbImage};

use crate::util::TestApp;

fn jpeg() -> Vec<u8> {
    let mut out = Vec::new();
    DynamicImage::ImageRgb8(RgbImage::from_fn(320, 240, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 77])
    }))
    .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
    .unwrap();
    out
}

async fn person(app: &TestApp, email: &str, role: Role) -> User {
    create_verified(
        &mut *app.conn().await,
        email,
        "Ana",
        "a long enough password",
        role,
    )
    .await
    .unwrap()
}

/// How many private media folders exist (one per stored photo).
fn private_folders(app: &TestApp) -> usize {
    let root = app
        .state
        .services
        .media
        .path(Visibility::Private, uuid::Uuid::nil(), "x");
    let root = root.parent().and_then(|p| p.parent()).unwrap();
    std::fs::read_dir(root).map_or(0, |d| d.count())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_photo_is_private_to_its_owner_and_deleted_whole() {
    let app = TestApp::start().await;
    let ana = person(&app, "ana@example.com", Role::Customer).await;
    let bo = person(&app, "bo@example.com", Role::Customer).await;
    let files = &app.state.services.media;
    let limits = DailyLimits::default();
    let id = images::upload(
        &mut *app.conn().await,
        files,
        limits,
        &ana,
        jpeg(),
        "  Lisbon at dusk ",
        "Travel, city lights, travel",
    )
    .await
    .unwrap();
    let mine = images::of_owner(&mut *app.conn().await, ana.id)
        .await
        .unwrap();
    assert_eq!(mine.len(), 1);
    let photo = &mine[0];
    assert_eq!((photo.id, photo.title.as_str()), (id, "Lisbon at dusk"));
    assert_eq!(photo.tags, vec!["city-lights", "travel"]);
    assert_eq!((photo.width, photo.height), (320, 240));
    let (owner, visibility): (Option<uuid::Uuid>, String) = media::table
        .find(photo.media_id)
        .select((media::owner_id, media::visibility))
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!((owner, visibility.as_str()), (Some(ana.id), "private"));
    assert!(
        files
            .path(Visibility::Private, photo.media_id, "original.jpg")
            .exists()
    );
    assert_eq!(
        uploads_today(&mut *app.conn().await, ana.id).await.unwrap(),
        1
    );

    // Bo sees nothing of it and cannot delete it.
    let mut conn = app.conn().await;
    assert!(images::find(&mut conn, bo.id, id).await.unwrap().is_none());
    assert!(images::of_owner(&mut conn, bo.id).await.unwrap().is_empty());
    assert!(!images::delete(&mut conn, files, bo.id, id).await.unwrap());
    assert!(images::find(&mut conn, ana.id, id).await.unwrap().is_some());

    // Ana deletes it: rows and files gone.
    app.run_pending_jobs().await;
    assert!(
        files
            .path(Visibility::Private, photo.media_id, "150.webp")
            .exists()
    );
    assert!(images::delete(&mut conn, files, ana.id, id).await.unwrap());
    assert!(
        !files
            .path(Visibility::Private, photo.media_id, "original.jpg")
            .exists()
    );
    assert!(
        !files
            .path(Visibility::Private, photo.media_id, "150.webp")
            .exists()
    );
    for count in [
        studio_images::table
            .count()
            .get_result::<i64>(&mut *conn)
            .await
            .unwrap(),
        studio_image_tags::table
            .count()
            .get_result::<i64>(&mut *conn)
            .await
            .unwrap(),
        media::table
            .count()
            .get_result::<i64>(&mut *conn)
            .await
            .unwrap(),
    ] {
        assert_eq!(count, 0);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_uploads_are_refused_before_anything_is_stored() {
    let app = TestApp::start().await;
    let ana = person(&app, "ana@example.com", Role::Customer).await;
    let files = &app.state.services.media;
    let limits = DailyLimits::default();
    let mut conn = app.conn().await;
    let huge = vec![0xFF; images::MAX_UPLOAD_BYTES + 1];
    assert!(matches!(
        images::upload(&mut conn, files, limits, &ana, huge, "", "").await,
        Err(ImageError::TooLarge)
    ));
    let text = b"<svg onload=alert(1)>".to_vec();
    assert!(matches!(
        images::upload(&mut conn, files, limits, &ana, text, "", "").await,
        Err(ImageError::Rejected(UploadError::UnsupportedType))
    ));
    assert!(matches!(
        images::upload(&mut conn, files, limits, &ana, jpeg(), &"t".repeat(121), "").await,
        Err(ImageError::TitleTooLong)
    ));
    assert_eq!(private_folders(&app), 0);
    assert_eq!(
        uploads_today(&mut conn, ana.id).await.unwrap(),
        0,
        "nothing counted"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn twenty_uploads_at_once_against_three_left_accept_exactly_three() {
    let app = TestApp::start().await;
    let ana = person(&app, "ana@example.com", Role::Customer).await;
    let limits = DailyLimits {
        free: 3,
        premium: 100,
    };
    let photo = jpeg();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (pool, files, ana, photo) = (
                app.state.services.pool.clone(),
                app.state.services.media.clone(),
                ana.clone(),
                photo.clone(),
            );
            tokio::spawn(async move {
                let mut conn = pool.get().await.unwrap();
                images::upload(&mut conn, &files, limits, &ana, photo, "", "").await
            })
        })
        .collect();
    let mut accepted = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => accepted += 1,
            Err(ImageError::DailyLimit { limit: 3 }) => {}
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!(accepted, 3);
    let mut conn = app.conn().await;
    assert_eq!(images::of_owner(&mut conn, ana.id).await.unwrap().len(), 3);
    assert_eq!(uploads_today(&mut conn, ana.id).await.unwrap(), 3);
    assert_eq!(
        private_folders(&app),
        3,
        "the refused uploads' files are gone"
    );
    let refused = images::upload(
        &mut conn,
        &app.state.services.media,
        limits,
        &ana,
        jpeg(),
        "",
        "",
    )
    .await;
    assert!(
        refused
            .unwrap_err()
            .to_string()
            .contains("today's 3 uploads")
    );

    // Staff have no daily limit.
    let staff = person(&app, "staff@example.com", Role::Staff).await;
    let none = DailyLimits {
        free: 0,
        premium: 0,
    };
    for _ in 0..2 {
        images::upload(
            &mut conn,
            &app.state.services.media,
            none,
            &staff,
            jpeg(),
            "",
            "",
        )
        .await
        .unwrap();
    }
}
