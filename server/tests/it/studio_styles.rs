//! The studio's style catalog: the demo catalog loads once (sixteen local looks and two OpenAI
//! styles in four categories, every local recipe renders), listing by category and newest first,
//! prompt templates checked on save, favourites (twice is once) and ratings (one per person, the
//! style's average right under concurrent ratings).

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::accounts::demo::create_verified;
use domain::db::schema::{style_favorites, styles as styles_table};
use domain::studio::demo::ensure_demo_styles;
use domain::studio::local::render;
use domain::studio::prompt::TemplateError;
use domain::studio::styles::{
    self, Engine, Listing, NewStyle, StyleError, by_slug, categories, list, rate, set_favorite,
};

use crate::util::TestApp;

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_catalog_loads_once_and_every_local_style_renders() {
    let app = TestApp::start().await;
    let mut conn = app.conn().await;
    let created = ensure_demo_styles(&mut conn).await.unwrap();
    assert!(created >= 12, "{created}");
    assert_eq!(ensure_demo_styles(&mut conn).await.unwrap(), 0, "once");
    let cats = categories(&mut conn).await.unwrap();
    assert!(cats.len() >= 4);
    let all = list(&mut conn, &Listing::default()).await.unwrap();
    assert_eq!(all.len(), created);
    let local: Vec<_> = all.iter().filter(|s| s.engine == "local").collect();
    assert!(local.len() >= 12);
    let photo = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(40, 30, |x, y| {
        image::Rgb([(x * 6) as u8, (y * 8) as u8, 128])
    }));
    for style in &local {
        let recipe = style
            .recipe()
            .unwrap_or_else(|| panic!("{} has a recipe", style.slug));
        let out = render(&photo, &recipe, &|| false).unwrap();
        assert_eq!(out.dimensions(), (40, 30), "{}", style.slug);
    }
    for style in all.iter().filter(|s| s.engine == "openai") {
        assert!(domain::studio::prompt::check(&style.prompt_template).is_ok());
    }

    let drawing = cats.iter().find(|c| c.slug == "drawing").unwrap();
    let only = list(
        &mut conn,
        &Listing {
            category: Some("drawing".into()),
            newest: false,
        },
    )
    .await
    .unwrap();
    assert!(!only.is_empty());
    assert!(only.iter().all(|s| s.category_id == drawing.id));
    let newest = list(
        &mut conn,
        &Listing {
            category: None,
            newest: true,
        },
    )
    .await
    .unwrap();
    assert!(
        newest
            .windows(2)
            .all(|w| w[0].created_at >= w[1].created_at)
    );
    assert!(by_slug(&mut conn, "pencil-sketch").await.unwrap().is_some());
    assert!(by_slug(&mut conn, "no-such-style").await.unwrap().is_none());

    // A withdrawn style is not listed nor found.
    diesel::update(styles_table::table.filter(styles_table::slug.eq("charcoal")))
        .set(styles_table::active.eq(false))
        .execute(&mut *conn)
        .await
        .unwrap();
    assert!(by_slug(&mut conn, "charcoal").await.unwrap().is_none());
    assert_eq!(
        list(&mut conn, &Listing::default()).await.unwrap().len(),
        created - 1
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_prompt_template_is_refused_on_save() {
    let app = TestApp::start().await;
    let mut conn = app.conn().await;
    let category = styles::create_category(&mut conn, "Tests", "tests", "", "#112233", 0)
        .await
        .unwrap();
    let new = |template: &str| NewStyle {
        category_id: category,
        name: "Typo".into(),
        slug: "typo".into(),
        description: String::new(),
        engine: Engine::OpenAi {
            prompt_template: template.into(),
        },
        premium: false,
        supports_transparency: false,
    };
    let refused = styles::create_style(&mut conn, &new("{subjcet} in oils")).await;
    assert!(
        matches!(refused, Err(StyleError::Template(TemplateError::Unknown(ref n))) if n == "subjcet"),
        "{refused:?}"
    );
    let refused = styles::create_style(&mut conn, &new("oils, {details}")).await;
    assert!(matches!(
        refused,
        Err(StyleError::Template(TemplateError::NoSubject))
    ));
    let count: i64 = styles_table::table
        .count()
        .get_result(&mut *conn)
        .await
        .unwrap();
    assert_eq!(count, 0, "nothing saved");
    styles::create_style(&mut conn, &new("{subject} in oils, {details}"))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn ratings_are_one_per_person_and_the_average_stays_right_under_concurrency() {
    let app = TestApp::start().await;
    ensure_demo_styles(&mut *app.conn().await).await.unwrap();
    let style = by_slug(&mut *app.conn().await, "oil-paint")
        .await
        .unwrap()
        .unwrap();
    let mut people = Vec::new();
    for i in 0..12 {
        let user = create_verified(
            &mut *app.conn().await,
            &format!("rater{i}@example.com"),
            "Rater",
            "a long enough password",
            Role::Customer,
        )
        .await
        .unwrap();
        people.push(user.id);
    }
    // Everyone rates at once.
    let tasks: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(i, user)| {
            let pool = app.state.services.pool.clone();
            let (user, id) = (*user, style.id);
            tokio::spawn(async move {
                let mut conn = pool.get().await.unwrap();
                rate(&mut conn, user, id, 1 + (i % 5) as i16).await.unwrap();
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let expected: i64 = (0..12).map(|i| 1 + (i % 5) as i64).sum();
    let after = by_slug(&mut *app.conn().await, "oil-paint")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((after.rating_count, after.rating_sum), (12, expected));
    // A second rating replaces the first.
    let mut conn = app.conn().await;
    rate(&mut conn, people[0], style.id, 5).await.unwrap();
    let again = by_slug(&mut conn, "oil-paint").await.unwrap().unwrap();
    assert_eq!(
        (again.rating_count, again.rating_sum),
        (12, expected - 1 + 5)
    );
    assert!((again.rating().unwrap() - (expected + 4) as f32 / 12.0).abs() < 1e-4);
    assert!(matches!(
        rate(&mut conn, people[0], style.id, 6).await,
        Err(StyleError::BadRating)
    ));
    assert!(matches!(
        rate(&mut conn, people[0], 999_999, 3).await,
        Err(StyleError::NotFound)
    ));

    // Favourites: twice is once, then gone.
    set_favorite(&mut conn, people[1], style.id, true)
        .await
        .unwrap();
    set_favorite(&mut conn, people[1], style.id, true)
        .await
        .unwrap();
    assert_eq!(
        styles::favorites_of(&mut conn, people[1]).await.unwrap(),
        vec![style.id]
    );
    set_favorite(&mut conn, people[1], style.id, false)
        .await
        .unwrap();
    let left: i64 = style_favorites::table
        .count()
        .get_result(&mut *conn)
        .await
        .unwrap();
    assert_eq!(left, 0);
    assert!(matches!(
        set_favorite(&mut conn, people[1], 999_999, true).await,
        Err(StyleError::NotFound)
    ));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_home_page_shows_real_examples_made_by_the_local_engine() {
    use domain::jobs::draw_style_examples::DrawStyleExamples;
    let app = TestApp::start().await;
    ensure_demo_styles(&mut *app.conn().await).await.unwrap();
    domain::jobs::queue::enqueue(&mut *app.conn().await, &DrawStyleExamples::default())
        .await
        .unwrap();
    app.run_pending_jobs().await;

    // Every local style has a before/after pair of public pictures; OpenAI styles have none.
    let mut conn = app.conn().await;
    assert!(
        styles::local_styles_without_examples(&mut conn)
            .await
            .unwrap()
            .is_empty()
    );
    let all = list(&mut conn, &Listing::default()).await.unwrap();
    let ids: Vec<i64> = all.iter().map(|s| s.id).collect();
    let examples = styles::examples(&mut conn, &ids).await.unwrap();
    let locals = all.iter().filter(|s| s.engine == "local").count();
    assert_eq!(examples.len(), locals);
    assert!(
        examples
            .iter()
            .all(|e| e.before.media_id != e.after.media_id)
    );
    // Running it again draws nothing more.
    domain::jobs::queue::enqueue(&mut conn, &DrawStyleExamples::default())
        .await
        .unwrap();
    drop(conn);
    app.run_pending_jobs().await;
    let again = styles::examples(&mut *app.conn().await, &ids)
        .await
        .unwrap();
    assert_eq!(again.len(), examples.len());

    // The home page's "Try a style" shows Watercolour first, both pictures served.
    let (status, html) = app.get_text("/").await;
    assert_eq!(status, 200);
    assert!(html.contains("data-testid=\"style-picker\""));
    assert!(html.contains("href=\"/studio/styles/watercolour\""));
    let srcs: Vec<&str> = html
        .split("src=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|s| s.starts_with("/media/"))
        .collect();
    assert!(srcs.len() >= 2, "before and after: {srcs:?}");
    for src in &srcs[..2] {
        assert_eq!(app.get(src).await.status(), 200, "{src}");
    }
    // The style's own page shows its example too.
    let (_, page) = app.get_text("/studio/styles/pop-art").await;
    assert!(page.contains("data-testid=\"style-example\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_favourites_and_rates_a_style_from_its_page() {
    use crate::util::people::{location, sign_in_new};
    let app = TestApp::start().await;
    ensure_demo_styles(&mut *app.conn().await).await.unwrap();

    // Anonymous visitors see the style but no buttons, and cannot post them.
    let (status, page) = app.get_text("/studio/styles/oil-paint").await;
    assert_eq!(status, 200);
    assert!(!page.contains("data-testid=\"favorite\""));
    let r = app
        .post_api(
            "/api/studio_rate_style",
            &[("slug", "oil-paint"), ("stars", "5")],
        )
        .await;
    assert_eq!(r.status(), 401);

    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    let r = app
        .post_form(
            "/api/studio_favorite_style",
            "/studio/styles/oil-paint",
            &[("slug", "oil-paint"), ("favorite", "true")],
        )
        .await;
    assert_eq!(location(&r), "/studio/styles/oil-paint");
    let r = app
        .post_form(
            "/api/studio_rate_style",
            "/studio/styles/oil-paint",
            &[("slug", "oil-paint"), ("stars", "4")],
        )
        .await;
    assert_eq!(location(&r), "/studio/styles/oil-paint?rated=1");
    let (_, page) = app.get_text("/studio/styles/oil-paint").await;
    assert!(page.contains("In your favourites"));
    assert!(page.contains("4.0 ★ (1)"), "the average shows the rating");
    let r = app
        .post_api(
            "/api/studio_rate_style",
            &[("slug", "oil-paint"), ("stars", "9")],
        )
        .await;
    assert_eq!(r.status(), 422, "a rating is 1 to 5");
    let r = app
        .post_api(
            "/api/studio_rate_style",
            &[("slug", "no-such-style"), ("stars", "3")],
        )
        .await;
    assert_eq!(r.status(), 404);
}
