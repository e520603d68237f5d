//! The studio over HTTP, as a person uses it and as an attacker tries it: a photo uploaded
//! with a plain multipart form (413 over 10 MB, 415 for what is not a picture), styled by the
//! local engine through the job queue, the result at a signed address; a double submit makes
//! one job; another person's photo and job are 404; the daily quota holds under a race of
//! twenty submissions and is given back when a job is refused, fails or is cancelled early;
//! cancel works at each state.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::accounts::demo::create_verified;
use domain::db::schema::{studio_jobs, users};
use domain::studio::job_state::JobState;
use domain::studio::jobs::{self, Change, JobKind, NewJob};
use domain::studio::usage::{DailyLimits, used_today};

use crate::util::TestApp;
use crate::util::hostile::{peak_resident_bytes, png_claiming, png_with_exif};
use crate::util::people::{browser, img_src, location, sign_in_as, sign_in_new};
use crate::util::studio::{STUDIO_PASSWORD, jpeg, person_with_photo, read_events, style_job};

/// The start of a BMP file: a picture format the studio does not take.
const BMP: &[u8] = b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0";

/// Posts the upload form with `bytes` as the file, accepting `accept`.
async fn upload(app: &TestApp, bytes: Vec<u8>, accept: &str) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("title", "Harbour")
        .text("tags", "sea, boats")
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name("harbour.jpg"),
        );
    app.client()
        .post(app.url("/api/studio_upload"))
        .header("origin", app.url(""))
        .header("referer", app.url("/studio"))
        .header("accept", accept)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn demo_styles(app: &TestApp) {
    domain::studio::demo::ensure_demo_styles(&mut *app.conn().await)
        .await
        .unwrap();
}

async fn user_id(app: &TestApp, email: &str) -> uuid::Uuid {
    users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(&mut *app.conn().await)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_photo_is_uploaded_styled_and_seen_by_its_owner_only() {
    let app = TestApp::start().await;
    demo_styles(&app).await;
    sign_in_new(&app, "ana@example.com", Role::Customer).await;

    // No JavaScript: the form posts, the browser is sent on to the photo.
    let r = upload(&app, jpeg(400, 300), "text/html").await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let photo_path = location(&r);
    assert!(photo_path.starts_with("/studio/images/"), "{photo_path}");
    let photo_id = photo_path
        .trim_start_matches("/studio/images/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let (status, html) = app.get_text(&photo_path).await;
    assert_eq!(status, 200);
    assert!(html.contains("Harbour") && html.contains("#boats"));
    let picture = img_src(&html, "photo-picture").expect("the photo is shown");
    assert!(picture.starts_with("/private/media/"), "{picture}");
    assert_eq!(app.get(&picture).await.status(), 200);
    let (_, studio) = app.get_text("/studio").await;
    assert!(studio.contains("5 of 5 styles left today"));
    assert!(
        studio.contains("9 of 10 uploads left today"),
        "the upload was counted"
    );

    // Someone else: the photo does not exist for them, nor can they style it.
    let eve = browser();
    create_verified(
        &mut *app.conn().await,
        "eve@example.com",
        "Eve",
        "a good long password",
        Role::Customer,
    )
    .await
    .unwrap();
    sign_in_as(&app, &eve, "eve@example.com", "a good long password").await;
    let r = eve
        .get(app.url(&photo_path))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let key = uuid::Uuid::new_v4().to_string();
    let r = app
        .post_form_as(
            &eve,
            "/api/studio_style_photo",
            &photo_path,
            &[
                ("image_id", &photo_id),
                ("style", "pencil-sketch"),
                ("key", &key),
            ],
        )
        .await;
    assert!(r.status().is_redirection());
    assert!(
        !location(&r).starts_with("/studio/jobs/"),
        "refused: {}",
        location(&r)
    );

    // The owner styles it; the same form posted twice (a double click) is one job.
    let key = uuid::Uuid::new_v4().to_string();
    let form = [
        ("image_id", photo_id.as_str()),
        ("style", "pencil-sketch"),
        ("key", key.as_str()),
    ];
    let first = app
        .post_form("/api/studio_style_photo", &photo_path, &form)
        .await;
    let second = app
        .post_form("/api/studio_style_photo", &photo_path, &form)
        .await;
    let job_path = location(&first);
    assert!(job_path.starts_with("/studio/jobs/"), "{job_path}");
    assert_eq!(location(&second), job_path);
    let count: i64 = studio_jobs::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(count, 1);
    let ana = user_id(&app, "ana@example.com").await;
    assert_eq!(used_today(&mut *app.conn().await, ana).await.unwrap().1, 1);

    // While it waits, the page watches it (and refreshes itself without JavaScript).
    let (status, waiting) = app.get_text(&job_path).await;
    assert_eq!(status, 200);
    assert!(waiting.contains("http-equiv=\"refresh\""));
    assert!(waiting.contains("data-state=\"pending\""));
    let r = eve
        .get(app.url(&job_path))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "another person's job is not found");

    app.run_pending_jobs().await;
    let (_, done) = app.get_text(&job_path).await;
    assert!(done.contains("data-state=\"done\""), "{done}");
    assert!(
        !done.contains("http-equiv=\"refresh\""),
        "a finished job stops refreshing"
    );
    let after = img_src(&done, "after").expect("the result is shown");
    let r = app.get(&after).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    let result = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
    assert_eq!((result.width(), result.height()), (400, 300));
    // A pencil sketch is grey.
    let rgb = result.to_rgb8();
    assert!(
        rgb.pixels()
            .all(|p| p[0].abs_diff(p[1]) <= 8 && p[1].abs_diff(p[2]) <= 8)
    );

    // Another person cannot cancel it either.
    let job_id = job_path.trim_start_matches("/studio/jobs/");
    let r = app
        .post_form_as(&eve, "/api/studio_cancel_job", &job_path, &[("id", job_id)])
        .await;
    assert!(r.status().is_redirection(), "bounced back with the error");
    let r = eve
        .post(app.url("/api/studio_cancel_job"))
        .header("origin", app.url(""))
        .header("accept", "application/json")
        .form(&[("id", job_id)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);

    // Deleting the photo takes its files; the page is gone.
    let r = app
        .post_form(
            "/api/studio_delete_photo",
            &photo_path,
            &[("id", &photo_id)],
        )
        .await;
    assert_eq!(location(&r), "/studio?deleted=1");
    assert_eq!(app.get(&photo_path).await.status(), 404);
    assert_eq!(app.get(&picture).await.status(), 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hostile_upload_corpus_is_refused_with_4xx_and_memory_stays_bounded() {
    let app = TestApp::start().await;
    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    let json = "application/json";
    let before = peak_resident_bytes();

    let mut big = jpeg(64, 64);
    big.resize(10 * 1024 * 1024 + 10, 0);
    let bmp = BMP.to_vec();
    let mut truncated = jpeg(300, 200);
    truncated.truncate(truncated.len() / 3);
    let polyglot =
        b"\x89PNG<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec();
    let corpus: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("over 10 MB", big, 413, "larger than 10 MB"),
        (
            "a decompression bomb (60000×60000)",
            png_claiming(60_000, 60_000),
            422,
            "40 megapixels",
        ),
        (
            "1×100000",
            png_claiming(1, 100_000),
            422,
            "10 000 pixels a side",
        ),
        ("a truncated JPEG", truncated, 422, "damaged"),
        ("wrong magic (BMP)", bmp, 415, "JPEG, PNG, WebP or GIF"),
        (
            "an SVG/HTML polyglot",
            polyglot,
            415,
            "JPEG, PNG, WebP or GIF",
        ),
        ("a huge EXIF block", png_with_exif(200_000), 422, "metadata"),
        ("zero bytes", Vec::new(), 422, "Choose a photo"),
    ];
    for (what, bytes, status, message) in corpus {
        let r = upload(&app, bytes, json).await;
        assert_eq!(r.status().as_u16(), status, "{what}");
        let body = r.text().await.unwrap();
        assert!(
            body.to_lowercase().contains(&message.to_lowercase()),
            "{what}: {body}"
        );
    }
    let grown = peak_resident_bytes().saturating_sub(before);
    eprintln!(
        "hostile corpus: peak resident memory grew by {:.1} MiB",
        grown as f64 / 1024.0 / 1024.0
    );
    assert!(
        grown < 96 * 1024 * 1024,
        "peak memory grew by {grown} bytes"
    );

    // Without JavaScript a refusal goes back to the form, which shows it next to the file.
    let bmp = BMP.to_vec();
    let r = upload(&app, bmp, "text/html").await;
    assert!(r.status().is_redirection());
    let back = location(&r);
    assert!(back.contains("/studio"), "{back}");
    let back = back.trim_start_matches(&app.url(""));
    let (status, page) = app.get_text(back).await;
    assert_eq!(status, 415);
    assert!(page.contains("JPEG, PNG, WebP or GIF"));
    let none: i64 = domain::db::schema::studio_images::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(none, 0, "nothing refused was stored");
}

#[tokio::test(flavor = "multi_thread")]
async fn twenty_submissions_against_five_left_accept_exactly_five() {
    let app = TestApp::start().await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    let limits = DailyLimits {
        free: 5,
        premium: 100,
    };
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let pool = app.pool().clone();
            let ana = ana.clone();
            tokio::spawn(async move {
                let mut conn = pool.get().await.unwrap();
                jobs::submit(&mut conn, limits, false, &ana, &style_job(photo, "vintage")).await
            })
        })
        .collect();
    let mut accepted = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => accepted += 1,
            Err(jobs::JobError::DailyLimit { limit: 5 }) => {}
            Err(other) => panic!("unexpected refusal: {other}"),
        }
    }
    assert_eq!(accepted, 5);
    let mut conn = app.conn().await;
    assert_eq!(used_today(&mut conn, ana.id).await.unwrap().1, 5);
    let rows: i64 = studio_jobs::table
        .count()
        .get_result(&mut conn)
        .await
        .unwrap();
    assert_eq!(rows, 5, "a refused submission stores nothing");
}

#[tokio::test(flavor = "multi_thread")]
async fn cancel_refund_and_retry_follow_the_state_machine() {
    let app = TestApp::start().await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    let limits = DailyLimits {
        free: 5,
        premium: 100,
    };
    let used = || async { used_today(&mut *app.conn().await, ana.id).await.unwrap().1 };

    // Pending → cancelled at once, the quota given back.
    let a = jobs::submit(
        &mut *app.conn().await,
        limits,
        false,
        &ana,
        &style_job(photo, "vintage"),
    )
    .await
    .unwrap();
    assert_eq!(used().await, 1);
    let state = jobs::cancel(&mut *app.conn().await, ana.id, a)
        .await
        .unwrap();
    assert_eq!(state, JobState::Cancelled);
    assert_eq!(used().await, 0);
    assert!(matches!(
        jobs::cancel(&mut *app.conn().await, ana.id, a).await,
        Err(jobs::JobError::WrongState(_))
    ));

    // Running → the worker stops at its next stage; the count is kept, no result is stored.
    let b = jobs::submit(
        &mut *app.conn().await,
        limits,
        false,
        &ana,
        &style_job(photo, "oil-paint"),
    )
    .await
    .unwrap();
    jobs::move_to(
        &mut *app.conn().await,
        b,
        JobState::Running,
        Change::default(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(
        jobs::cancel(&mut *app.conn().await, ana.id, b)
            .await
            .unwrap(),
        JobState::Running
    );
    app.run_pending_jobs().await;
    let job = jobs::find(&mut *app.conn().await, ana.id, b)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.state, JobState::Cancelled);
    assert_eq!(job.result_media_id, None);
    assert_eq!(
        used().await,
        1,
        "a job cancelled while running keeps its count"
    );

    // Refused by moderation: says why, costs nothing.
    let mut rude = style_job(photo, "vintage");
    rude.prompt = "make it a NUDE-child picture".into();
    let c = jobs::submit(&mut *app.conn().await, limits, false, &ana, &rude)
        .await
        .unwrap();
    assert_eq!(used().await, 2);
    app.run_pending_jobs().await;
    let job = jobs::find(&mut *app.conn().await, ana.id, c)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.state, JobState::Refused);
    assert!(job.error.unwrap().contains("not allowed"));
    assert_eq!(used().await, 1);

    // Failed (its photo was deleted before it ran) → refunded; retry counts again, then fails
    // again the same way; done jobs cannot be cancelled or retried.
    let (_, other_photo) = {
        let p = domain::studio::images::upload(
            &mut *app.conn().await,
            &app.state.services.media,
            DailyLimits::default(),
            &ana,
            jpeg(50, 50),
            "",
            "",
        )
        .await
        .unwrap();
        ((), p)
    };
    let d = jobs::submit(
        &mut *app.conn().await,
        limits,
        false,
        &ana,
        &style_job(other_photo, "vintage"),
    )
    .await
    .unwrap();
    domain::studio::images::delete(
        &mut *app.conn().await,
        &app.state.services.media,
        ana.id,
        other_photo,
    )
    .await
    .unwrap();
    app.run_pending_jobs().await;
    let job = jobs::find(&mut *app.conn().await, ana.id, d)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.state, JobState::Failed);
    assert!(job.error.unwrap().contains("deleted"));
    assert_eq!(used().await, 1);
    jobs::retry(&mut *app.conn().await, limits, &ana, d)
        .await
        .unwrap();
    assert_eq!(used().await, 2);
    assert_eq!(
        jobs::find(&mut *app.conn().await, ana.id, d)
            .await
            .unwrap()
            .unwrap()
            .state,
        JobState::Pending
    );
    app.run_pending_jobs().await;
    assert_eq!(used().await, 1);

    let e = jobs::submit(
        &mut *app.conn().await,
        limits,
        false,
        &ana,
        &style_job(photo, "pixel-art"),
    )
    .await
    .unwrap();
    app.run_pending_jobs().await;
    let job = jobs::find(&mut *app.conn().await, ana.id, e)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.state, JobState::Done);
    assert!(job.result_media_id.is_some());
    assert!(matches!(
        jobs::cancel(&mut *app.conn().await, ana.id, e).await,
        Err(jobs::JobError::WrongState(_))
    ));
    assert!(matches!(
        jobs::retry(&mut *app.conn().await, limits, &ana, e).await,
        Err(jobs::JobError::WrongState(_))
    ));
    assert_eq!(used().await, 2);

    // OpenAI styles and generate jobs say plainly that OpenAI is not set up.
    let openai_style = jobs::submit(
        &mut *app.conn().await,
        limits,
        false,
        &ana,
        &style_job(photo, "storybook"),
    )
    .await;
    assert!(matches!(openai_style, Err(jobs::JobError::NeedsOpenAi(_))));
    let generate = NewJob {
        kind: JobKind::Generate,
        image_id: None,
        style: None,
        prompt: "a lighthouse at dawn".into(),
        params: None,
        idempotency_key: uuid::Uuid::new_v4(),
    };
    assert!(matches!(
        jobs::submit(&mut *app.conn().await, limits, false, &ana, &generate).await,
        Err(jobs::JobError::NeedsOpenAi(_))
    ));
    assert_eq!(used().await, 2, "refused submissions count nothing");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_job_page_hears_each_change_through_server_sent_events() {
    let app = TestApp::start().await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    sign_in_as(&app, app.client(), "ana@example.com", STUDIO_PASSWORD).await;
    let id = jobs::submit(
        &mut *app.conn().await,
        DailyLimits::default(),
        false,
        &ana,
        &style_job(photo, "cartoon"),
    )
    .await
    .unwrap();
    let path = format!("/studio/jobs/{id}/events");

    // Strangers hear nothing.
    let anonymous = browser().get(app.url(&path)).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    sign_in_new(&app, "eve@example.com", Role::Customer).await;
    let eve = app.client().get(app.url(&path)).send().await.unwrap();
    assert_eq!(eve.status(), 404, "another person's job is not found");
    sign_in_as(&app, app.client(), "ana@example.com", STUDIO_PASSWORD).await;

    let response = app
        .client()
        .get(app.url(&path))
        .header("accept", "text/event-stream")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    let (events, _) = tokio::join!(read_events(response), async {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        app.run_pending_jobs().await
    });
    assert!(events.len() >= 2, "{events:?}");
    assert_eq!(events[0]["state"], "pending");
    let last = events.last().unwrap();
    assert_eq!(last["state"], "done");
    assert!(
        last["result_url"]
            .as_str()
            .unwrap()
            .starts_with("/private/media/")
    );
    let order = ["queued", "moderating", "styling", "saving", "finished"];
    let stages: Vec<usize> = events
        .iter()
        .map(|e| order.iter().position(|s| *s == e["stage"]).unwrap())
        .collect();
    assert!(
        stages.windows(2).all(|w| w[0] <= w[1]),
        "stages in order: {stages:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn without_openai_the_words_forms_say_so_plainly() {
    let app = TestApp::start().await;
    let (_, photo) = person_with_photo(&app, "ana@example.com").await;
    sign_in_as(&app, app.client(), "ana@example.com", STUDIO_PASSWORD).await;
    let (_, studio) = app.get_text("/studio").await;
    assert!(studio.contains("data-testid=\"needs-openai\""));
    let (_, photo_page) = app.get_text(&format!("/studio/images/{photo}")).await;
    assert!(photo_page.contains("Changing a photo with words needs OpenAI"));
    let key = uuid::Uuid::new_v4().to_string();
    let r = app
        .post_api(
            "/api/studio_generate",
            &[("prompt", "a lighthouse"), ("key", &key)],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("needs OpenAI"));
    let photo = photo.to_string();
    let r = app
        .post_api(
            "/api/studio_edit_photo",
            &[("image_id", &photo), ("prompt", "add snow"), ("key", &key)],
        )
        .await;
    assert_eq!(r.status(), 422);
    let jobs: i64 = studio_jobs::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(jobs, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_form_chooses_image_parameters_and_the_style_gives_the_rest() {
    let app = TestApp::start().await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    sign_in_as(&app, app.client(), "ana@example.com", STUDIO_PASSWORD).await;
    let from = format!("/studio/images/{photo}");
    let photo_id = photo.to_string();
    let post = |key: String, background: &'static str, format: &'static str| {
        let (app, photo_id) = (&app, photo_id.clone());
        async move {
            app.client()
                .post(app.url("/api/studio_style_photo"))
                .header("origin", app.url(""))
                .header("accept", "application/json")
                .form(&[
                    ("image_id", photo_id.as_str()),
                    ("style", "vintage"),
                    ("key", key.as_str()),
                    ("quality", ""),
                    ("background", background),
                    ("output_format", format),
                    ("size", ""),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    // A transparent background on a style without one is refused on its field.
    let r = post(uuid::Uuid::new_v4().to_string(), "transparent", "").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("background"));
    // WebP chosen; the rest from the style.
    let r = post(uuid::Uuid::new_v4().to_string(), "", "webp").await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let jobs = jobs::of_owner(&mut *app.conn().await, ana.id, 5)
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].params.output_format, "webp");
    let style = domain::studio::styles::by_slug(&mut *app.conn().await, "vintage")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(jobs[0].params.quality, style.quality);
    assert_eq!(jobs[0].params.size, style.size);
    let (_, page) = app.get_text(&from).await;
    assert!(
        page.contains("data-testid=\"style-options\""),
        "the form offers them"
    );
}
