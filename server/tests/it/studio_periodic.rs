//! The studio's periodic jobs: style popularity recounted from the last 7 days of jobs (what
//! "popular" sorts by), and unused private media cleared — rows nothing refers to and folders
//! whose rows went with their owner — while every photo and result in use stays. Both are
//! scheduled and listed on `/admin/jobs`.

use std::time::{Duration, SystemTime};

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::db::schema::{media, studio_jobs, styles};
use domain::jobs::clean_studio_media::{Cleared, clean};
use domain::jobs::periodic;
use domain::media::Visibility;
use domain::media::queries::{self, NewImage};
use domain::media::upload::extension_of;
use domain::studio::jobs;
use domain::studio::styles::recount_recent_uses;
use domain::studio::usage::DailyLimits;

use crate::util::TestApp;
use crate::util::people::sign_in_new;
use crate::util::studio::{jpeg, person_with_photo, style_job, styled};

async fn recent_uses(app: &TestApp, slug: &str) -> i64 {
    styles::table
        .filter(styles::slug.eq(slug))
        .select(styles::recent_uses)
        .first(&mut *app.conn().await)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn popularity_is_recounted_from_the_last_seven_days_and_sorts_the_catalog() {
    let app = TestApp::start().await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    let limits = DailyLimits {
        free: 100,
        premium: 100,
    };
    let mut old = Vec::new();
    for style in [
        "cartoon",
        "cartoon",
        "midnight-gold",
        "midnight-gold",
        "midnight-gold",
    ] {
        let id = jobs::submit(
            &mut *app.conn().await,
            limits,
            false,
            &ana,
            &style_job(photo, style),
        )
        .await
        .unwrap();
        if style == "midnight-gold" {
            old.push(id);
        }
    }
    // Two of the three midnight-gold jobs are older than a week: they no longer count.
    diesel::update(studio_jobs::table.filter(studio_jobs::id.eq_any(&old[..2])))
        .set(studio_jobs::created_at.eq(time::OffsetDateTime::now_utc() - time::Duration::days(8)))
        .execute(&mut *app.conn().await)
        .await
        .unwrap();

    assert_eq!(
        recent_uses(&app, "cartoon").await,
        0,
        "not counted until the job runs"
    );
    let changed = recount_recent_uses(&mut *app.conn().await).await.unwrap();
    assert_eq!(changed, 2);
    assert_eq!(recent_uses(&app, "cartoon").await, 2);
    assert_eq!(recent_uses(&app, "midnight-gold").await, 1);
    assert_eq!(
        recount_recent_uses(&mut *app.conn().await).await.unwrap(),
        0,
        "a second run changes nothing"
    );

    let (_, html) = app.get_text("/studio/styles").await;
    let first = html.find("/studio/styles/cartoon").unwrap();
    let second = html.find("/studio/styles/midnight-gold").unwrap();
    assert!(first < second, "the most used style leads the popular sort");
}

#[tokio::test(flavor = "multi_thread")]
async fn unused_private_media_is_cleared_and_what_is_used_stays() {
    let app = TestApp::start().await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    styled(&app, &ana, photo, &["vintage"]).await;
    let files = app.state.services.media.clone();

    // An orphan row: a private picture no photo or result refers to.
    let prepared = queries::prepare(jpeg(64, 48)).await.unwrap();
    let orphan = queries::store(
        &mut *app.conn().await,
        &files,
        NewImage {
            prepared: &prepared,
            owner: Some(ana.id),
            visibility: Visibility::Private,
            created_by: Some(ana.id),
        },
    )
    .await
    .unwrap();
    // A folder whose row is gone (its owner's account was deleted).
    let stray = uuid::Uuid::now_v7();
    files
        .write(Visibility::Private, stray, "original.jpg", &jpeg(8, 8))
        .await
        .unwrap();
    assert!(
        files
            .path(Visibility::Private, stray, "original.jpg")
            .exists()
    );

    // Within the hour's grace nothing goes.
    let now = SystemTime::now();
    let cleared = clean(
        &mut *app.conn().await,
        &files,
        Duration::from_secs(3600),
        now,
    )
    .await
    .unwrap();
    assert_eq!(cleared, Cleared::default());

    // An hour later: the orphan row with its files, and the stray folder; nothing else.
    let before: i64 = media::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    let later = now + Duration::from_secs(2 * 3600);
    let cleared = clean(
        &mut *app.conn().await,
        &files,
        Duration::from_secs(3600),
        later,
    )
    .await
    .unwrap();
    assert_eq!(
        cleared,
        Cleared {
            rows: 1,
            folders: 1
        }
    );
    let after: i64 = media::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(after, before - 1);
    assert!(
        !files
            .path(Visibility::Private, orphan, "original.jpg")
            .exists()
    );
    assert!(
        !files
            .path(Visibility::Private, stray, "original.jpg")
            .exists()
    );
    let kept = domain::studio::images::find(&mut *app.conn().await, ana.id, photo)
        .await
        .unwrap()
        .expect("the photo stays");
    assert!(
        files
            .path(Visibility::Private, kept.media_id, "original.jpg")
            .exists()
    );
    let (results, _) = domain::studio::results::list(
        &mut *app.conn().await,
        ana.id,
        &domain::studio::results::Filter::default(),
    )
    .await
    .unwrap();
    assert_eq!(results.len(), 1, "the result stays");
    assert!(
        files
            .path(
                Visibility::Private,
                results[0].media_id,
                &format!("original.{}", extension_of(&results[0].content_type))
            )
            .exists()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_studio_jobs_are_scheduled_and_shown_on_the_job_monitor() {
    let app = TestApp::start().await;
    let schedules = periodic::daydream(false);
    let every = |name: &str| {
        schedules
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.every.as_secs())
    };
    assert_eq!(every("count_style_popularity"), Some(30 * 60));
    assert_eq!(every("clean_studio_media"), Some(60 * 60));
    periodic::register(&mut *app.conn().await, &schedules)
        .await
        .unwrap();
    sign_in_new(&app, "sam@example.com", Role::Staff).await;
    let (status, html) = app.get_text("/admin/jobs").await;
    assert_eq!(status, 200);
    assert!(html.contains("data-name=\"count_style_popularity\""));
    assert!(html.contains("data-name=\"clean_studio_media\""));
    assert!(html.contains("every 30 min") && html.contains("every 1 h"));
}
