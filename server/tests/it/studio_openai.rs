//! The studio's OpenAI engine, with the real async-openai client against a fake OpenAI on
//! loopback: an edit is sent as a multipart request with the photo, the filled prompt and the
//! model, and its PNG answer becomes the result; 429 (after its Retry-After) and 500 are
//! retried by the client's retry layer, timeouts by the engine; a content refusal
//! ends the job refused (quota given back); moderation refuses flagged words before any image
//! call; a stalled call times out; failures in a row open the circuit, jobs that meet it wait
//! instead of failing, and a probe after the pause closes it again. Every call is logged.
//! Streamed calls show their in-between pictures on the owner's page as they arrive (and to
//! nobody else); a stream broken off midway is tried again, one refused midway ends refused.

use std::time::Duration;

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::ai::calls;
use domain::ai::circuit::CircuitState;
use domain::studio::job_state::JobState;
use domain::studio::jobs::{self, JobKind, NewJob};
use domain::studio::usage::{DailyLimits, used_today};

use crate::util::TestApp;
use crate::util::openai_server::{Behaviour, ImageOutcome, OpenAiServer};
use crate::util::studio::person_with_photo;

/// An app talking to `fake`, retrying quickly, with these extra settings.
async fn app_with(fake: &OpenAiServer, extra: &[(&str, &str)]) -> TestApp {
    let mut builder = TestApp::new()
        .with_env("OPENAI_API_KEY", "sk-test-studio")
        .with_env("OPENAI_BASE_URL", &fake.base_url)
        .with_env("DAYDREAM_OPENAI_BACKOFF_MS", "10");
    for (k, v) in extra {
        builder = builder.with_env(k, v);
    }
    builder.build().await
}

fn job(kind: JobKind, photo: Option<uuid::Uuid>, style: Option<&str>, prompt: &str) -> NewJob {
    NewJob {
        kind,
        image_id: photo,
        style: style.map(str::to_owned),
        prompt: prompt.to_owned(),
        params: None,
        idempotency_key: uuid::Uuid::new_v4(),
    }
}

async fn submit(app: &TestApp, person: &domain::accounts::User, new: &NewJob) -> uuid::Uuid {
    jobs::submit(
        &mut *app.conn().await,
        DailyLimits::default(),
        true,
        person,
        new,
    )
    .await
    .unwrap()
}

async fn state_of(
    app: &TestApp,
    person: &domain::accounts::User,
    id: uuid::Uuid,
) -> jobs::StudioJob {
    jobs::find(&mut *app.conn().await, person.id, id)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_openai_style_is_an_edit_of_the_photo_retried_through_429_and_500() {
    let fake = OpenAiServer::start(Behaviour::Answer).await;
    let app = app_with(&fake, &[]).await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    fake.plan(&[ImageOutcome::RateLimited, ImageOutcome::ServerError]);
    let id = submit(
        &app,
        &ana,
        &job(JobKind::Style, Some(photo), Some("storybook"), ""),
    )
    .await;
    app.run_pending_jobs().await;

    let done = state_of(&app, &ana, id).await;
    assert_eq!(done.state, JobState::Done, "{:?}", done.error);
    assert_eq!(done.engine, "openai");
    let result = done.result_media_id.unwrap();
    let stored = domain::media::queries::find(&mut *app.conn().await, result)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.width, stored.height),
        (64, 48),
        "the fake's picture"
    );
    assert_eq!(stored.owner, Some(ana.id));

    let sent = fake.image_calls();
    assert_eq!(sent.len(), 3, "429, 500, then the picture");
    for call in &sent {
        assert_eq!(call.path, "/v1/images/edits");
        assert!(
            call.content_type
                .starts_with("multipart/form-data; boundary=")
        );
        assert!(call.has_png, "the photo goes along as a PNG");
        assert!(call.body.contains("name=\"image\""));
        assert!(call.body.contains("name=\"model\"") && call.body.contains("gpt-image-1.5"));
        assert!(
            call.body.contains("the photo, as a Storybook illustration"),
            "the style's template, filled: {}",
            &call.body[..call.body.len().min(600)]
        );
    }
    // The client's own retry layer waited out the 429 (its Retry-After) and the 500; the log
    // has the one call the engine made, with its final status.
    let log = calls::recent(&mut *app.conn().await, Some(id), 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 2, "the photo's moderation, then the edit");
    assert_eq!(
        (log[1].endpoint.as_str(), log[1].status),
        ("moderations", Some(200))
    );
    assert_eq!(
        (log[0].endpoint.as_str(), log[0].status),
        ("images/edits", Some(200))
    );
    assert!(
        log[0].latency_ms >= 1000,
        "it waited the Retry-After asked for"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn refusals_cost_nothing_and_moderation_stops_flagged_words_first() {
    let fake = OpenAiServer::start(Behaviour::Answer).await;
    // No in-between pictures asked: every image call is one plain request.
    let app = app_with(&fake, &[("DAYDREAM_OPENAI_PARTIAL_IMAGES", "0")]).await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    let used = || async { used_today(&mut *app.conn().await, ana.id).await.unwrap().1 };

    // OpenAI's own refusal of the content.
    fake.plan(&[ImageOutcome::Refused]);
    let refused = submit(
        &app,
        &ana,
        &job(JobKind::Edit, Some(photo), None, "make it a comic"),
    )
    .await;
    app.run_pending_jobs().await;
    let job_row = state_of(&app, &ana, refused).await;
    assert_eq!(job_row.state, JobState::Refused);
    assert!(
        job_row
            .error
            .unwrap()
            .contains("rejected by the safety system")
    );
    assert_eq!(used().await, 0, "a refusal costs nothing");

    // The moderation model flags the words: no image call is made at all.
    let before = fake.image_calls().len();
    let flagged = submit(
        &app,
        &ana,
        &job(JobKind::Generate, None, None, "a forbidden scene"),
    )
    .await;
    app.run_pending_jobs().await;
    let job_row = state_of(&app, &ana, flagged).await;
    assert_eq!(job_row.state, JobState::Refused);
    assert!(job_row.error.unwrap().contains("violence"));
    assert_eq!(fake.image_calls().len(), before);
    let log = calls::recent(&mut *app.conn().await, Some(flagged), 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].endpoint, "moderations");

    // A clean generate job: JSON to /images/generations, done.
    let made = submit(
        &app,
        &ana,
        &job(JobKind::Generate, None, None, "a lighthouse at dawn"),
    )
    .await;
    app.run_pending_jobs().await;
    assert_eq!(state_of(&app, &ana, made).await.state, JobState::Done);
    let last = fake.image_calls().pop().unwrap();
    assert_eq!(last.path, "/v1/images/generations");
    assert!(last.content_type.starts_with("application/json"));
    assert!(last.body.contains("a lighthouse at dawn"));
    assert!(!last.has_png);
    assert_eq!(last.field("stream"), None, "not streamed");
    assert_eq!(used().await, 1);
}

/// Waits (up to 20 s) until job `id` has shown `count` in-between pictures.
async fn wait_for_partials(
    app: &TestApp,
    person: &domain::accounts::User,
    id: uuid::Uuid,
    count: i32,
) {
    for _ in 0..200 {
        if state_of(app, person, id).await.partials >= count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the job never showed {count} in-between pictures");
}

#[tokio::test(flavor = "multi_thread")]
async fn in_between_pictures_reach_only_the_owners_page_live_and_go_when_the_job_ends() {
    use crate::util::openai_server::partial_png;
    use crate::util::people::{another_customer, browser, img_src, sign_in_as};
    use crate::util::studio::STUDIO_PASSWORD;

    let fake = OpenAiServer::start(Behaviour::Answer).await;
    let app = app_with(&fake, &[]).await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    sign_in_as(&app, app.client(), "ana@example.com", STUDIO_PASSWORD).await;
    let eve = another_customer(&app, "eve@example.com").await;
    fake.hold_final_pictures();
    let id = submit(
        &app,
        &ana,
        &job(JobKind::Style, Some(photo), Some("storybook"), ""),
    )
    .await;
    let partial = format!("/studio/jobs/{id}/partial");
    let events = app
        .client()
        .get(app.url(&format!("/studio/jobs/{id}/events")))
        .send()
        .await
        .unwrap();
    assert_eq!(events.status(), 200);

    let looked = async {
        wait_for_partials(&app, &ana, id, 2).await;
        // The owner sees the latest in-between picture, byte for byte as OpenAI sent it.
        let (status, page) = app.get_text(&format!("/studio/jobs/{id}")).await;
        assert_eq!(status, 200);
        let src = img_src(&page, "job-partial-img").expect("the page shows the picture so far");
        assert_eq!(src, format!("{partial}?n=2"));
        let answer = app.get(&src).await;
        assert_eq!(answer.status(), 200);
        assert_eq!(answer.headers()["content-type"], "image/png");
        assert!(
            answer.headers()["cache-control"]
                .to_str()
                .unwrap()
                .contains("no-store"),
            "kept by no cache"
        );
        assert_eq!(answer.bytes().await.unwrap().to_vec(), partial_png(1));
        // Nobody else does.
        let anonymous = browser().get(app.url(&partial)).send().await.unwrap();
        assert_eq!(anonymous.status(), 401);
        let other = eve.get(app.url(&partial)).send().await.unwrap();
        assert_eq!(other.status(), 404, "another person's job is not found");
        assert!(
            app.state
                .services
                .media
                .path(domain::media::Visibility::Private, id, "partial.png")
                .exists()
        );
        fake.release();
    };
    let (heard, _, ()) = tokio::join!(
        crate::util::studio::read_events(events),
        app.run_pending_jobs(),
        looked
    );

    // The page heard the pictures as they came: the same addresses, counted up.
    let shown: Vec<&str> = heard
        .iter()
        .filter_map(|e| e["partial_url"].as_str())
        .collect();
    assert!(
        shown.contains(&format!("{partial}?n=2").as_str()),
        "{shown:?}"
    );
    assert!(shown.windows(2).all(|w| w[0] <= w[1]), "{shown:?}");
    let last = heard.last().unwrap();
    assert_eq!(last["state"], "done");
    assert!(
        last["partial_url"].is_null(),
        "an ended job has no picture so far"
    );

    // Once done, the result takes its place and the in-between picture is gone.
    let done = state_of(&app, &ana, id).await;
    assert_eq!(done.state, JobState::Done, "{:?}", done.error);
    assert_eq!(app.get(&partial).await.status(), 404);
    assert!(
        !app.state
            .services
            .media
            .path(domain::media::Visibility::Private, id, "partial.png")
            .exists(),
        "the file was removed"
    );
    let (_, page) = app.get_text(&format!("/studio/jobs/{id}")).await;
    assert!(img_src(&page, "job-partial-img").is_none());
    let call = fake.image_calls().pop().unwrap();
    assert_eq!(call.field("stream").as_deref(), Some("true"));
    assert_eq!(call.field("partial_images").as_deref(), Some("2"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stream_broken_midway_is_tried_again_and_one_refused_midway_costs_nothing() {
    let fake = OpenAiServer::start(Behaviour::Answer).await;
    let app = app_with(&fake, &[]).await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;

    fake.plan(&[ImageOutcome::StreamBroken]);
    let id = submit(
        &app,
        &ana,
        &job(JobKind::Style, Some(photo), Some("storybook"), ""),
    )
    .await;
    app.run_pending_jobs().await;
    let done = state_of(&app, &ana, id).await;
    assert_eq!(done.state, JobState::Done, "{:?}", done.error);
    assert_eq!(fake.image_calls().len(), 2, "broken off, then made whole");
    let log = calls::recent(&mut *app.conn().await, Some(id), 10)
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|c| c.error.as_deref() == Some("The image could not be finished.")),
        "the break is logged: {log:?}"
    );

    fake.plan(&[ImageOutcome::StreamRefused]);
    let refused = submit(
        &app,
        &ana,
        &job(JobKind::Edit, Some(photo), None, "make it a comic"),
    )
    .await;
    app.run_pending_jobs().await;
    let row = state_of(&app, &ana, refused).await;
    assert_eq!(row.state, JobState::Refused);
    assert!(row.error.unwrap().contains("rejected by the safety system"));
    assert_eq!(
        used_today(&mut *app.conn().await, ana.id).await.unwrap().1,
        1,
        "only the finished job counts"
    );
    assert!(
        !app.state
            .services
            .media
            .path(domain::media::Visibility::Private, refused, "partial.png")
            .exists(),
        "a refused job keeps no picture so far"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_circuit_opens_jobs_wait_and_a_probe_closes_it() {
    let fake = OpenAiServer::start(Behaviour::Answer).await;
    let app = app_with(
        &fake,
        &[
            ("DAYDREAM_OPENAI_BREAKER_FAILURES", "2"),
            ("DAYDREAM_OPENAI_BREAKER_PAUSE_SECONDS", "1"),
            ("DAYDREAM_OPENAI_ATTEMPTS", "2"),
            ("DAYDREAM_OPENAI_TIMEOUT_SECONDS", "1"),
        ],
    )
    .await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    let openai = app.state.services.openai.clone().unwrap();

    // A stall past the timeout, then 500s past the client's own retries: two failed calls in
    // a row open the circuit.
    fake.plan(&[
        ImageOutcome::Stall(Duration::from_secs(3)),
        ImageOutcome::ServerError,
        ImageOutcome::ServerError,
        ImageOutcome::ServerError,
        ImageOutcome::ServerError,
    ]);
    let first = submit(
        &app,
        &ana,
        &job(JobKind::Edit, Some(photo), None, "as a mosaic"),
    )
    .await;
    app.run_pending_jobs().await;
    let waiting = state_of(&app, &ana, first).await;
    assert_eq!(
        waiting.state,
        JobState::Pending,
        "it waits instead of failing"
    );
    assert_eq!(
        openai.breaker().state(std::time::Instant::now()),
        CircuitState::Open
    );
    let log: Vec<_> = calls::recent(&mut *app.conn().await, Some(first), 10)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.endpoint == "images/edits")
        .collect();
    assert_eq!(log.len(), 2);
    assert_eq!(log[1].status, None, "the stalled call never answered");
    assert!(
        log[1]
            .error
            .as_deref()
            .unwrap()
            .contains("did not answer in time")
    );
    assert_eq!(log[0].status, Some(500));

    // Another job meets the open circuit: no call is made, it waits too.
    let calls_before = fake.image_calls().len();
    let second = submit(
        &app,
        &ana,
        &job(JobKind::Edit, Some(photo), None, "as a fresco"),
    )
    .await;
    app.run_pending_jobs().await;
    assert_eq!(state_of(&app, &ana, second).await.state, JobState::Pending);
    assert_eq!(fake.image_calls().len(), calls_before);

    // After the pause a probe goes through and succeeds; both jobs finish.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    diesel::sql_query("UPDATE jobs SET run_at = now() WHERE status = 'pending'")
        .execute(&mut *app.conn().await)
        .await
        .unwrap();
    app.run_pending_jobs().await;
    assert_eq!(state_of(&app, &ana, first).await.state, JobState::Done);
    assert_eq!(state_of(&app, &ana, second).await.state, JobState::Done);
    assert_eq!(
        openai.breaker().state(std::time::Instant::now()),
        CircuitState::Closed
    );
    let ran: i32 = domain::db::schema::studio_jobs::table
        .find(first)
        .select(domain::db::schema::studio_jobs::runs)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(ran, 2, "the first job ran twice");

    // Staff see both jobs, the closed circuit and the calls; a customer may not look.
    crate::util::people::sign_in_new(&app, "pat@example.com", Role::Customer).await;
    assert_eq!(app.get("/admin/studio-jobs").await.status(), 403);
    crate::util::people::sign_in_new(&app, "sam@example.com", Role::Staff).await;
    let (status, page) = app.get_text("/admin/studio-jobs?state=done").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("circuit closed"),
        "the circuit's state is shown"
    );
    assert_eq!(page.matches("data-testid=\"studio-job\"").count(), 2);
    assert!(page.contains("ana@example.com") && page.contains("as a mosaic"));
    assert!(page.contains("images/edits") && page.contains("no answer"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_upload_the_moderation_model_flags_is_refused_before_styling_and_costs_nothing() {
    use std::io::Cursor;
    let fake = OpenAiServer::start(Behaviour::Answer).await;
    let app = app_with(&fake, &[]).await;
    let (ana, _) = person_with_photo(&app, "ana@example.com").await;
    // A photo the fake moderation model flags (its top-left pixel pure red).
    let mut red = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(80, 60, image::Rgb([255, 0, 0])))
        .write_to(&mut Cursor::new(&mut red), image::ImageFormat::Jpeg)
        .unwrap();
    let photo = domain::studio::images::upload(
        &mut *app.conn().await,
        &app.state.services.media,
        domain::studio::usage::DailyLimits::default(),
        &ana,
        red,
        "",
        "",
    )
    .await
    .unwrap();
    let id = submit(
        &app,
        &ana,
        &job(JobKind::Style, Some(photo), Some("vintage"), ""),
    )
    .await;
    app.run_pending_jobs().await;
    let refused = state_of(&app, &ana, id).await;
    assert_eq!(refused.state, JobState::Refused);
    assert!(
        refused.error.as_deref().unwrap().contains("moderation"),
        "{:?}",
        refused.error
    );
    assert_eq!(
        domain::studio::usage::used_today(&mut *app.conn().await, ana.id)
            .await
            .unwrap()
            .1,
        0,
        "a refused job costs no quota"
    );
    assert!(fake.image_calls().is_empty(), "nothing was styled");
}
