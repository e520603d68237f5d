//! The studio's results over HTTP (`/studio/gallery`, downloads, the showcase), as their owner
//! uses them and as others try them: a finished job's result appears in the gallery with its
//! before/after; favourite and rating are real forms; downloads come in the format and width
//! asked and are counted; another person's result is 404 everywhere; the showcase shows a
//! result only once its owner published it and staff approved it, with `ImageObject` JSON-LD
//! and a sitemap entry, and forgets it the moment its owner withdraws it; deleting a result
//! takes its files.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::db::schema::{audit_log, studio_results};
use domain::media::Visibility;
use domain::media::upload::extension_of;
use domain::studio::results::{self, Filter};

use crate::util::TestApp;
use crate::util::people::{
    another_customer, api_status, browser, img_src, location, sign_in_as, sign_in_new,
};
use crate::util::studio::{STUDIO_PASSWORD, person_with_photo, styled};

#[tokio::test(flavor = "multi_thread")]
async fn results_are_kept_favoured_rated_downloaded_and_deleted_by_their_owner_only() {
    let app = TestApp::start().await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    sign_in_as(&app, app.client(), "ana@example.com", STUDIO_PASSWORD).await;
    let ids = styled(&app, &ana, photo, &["pencil-sketch", "vintage"]).await;
    let (sketch, vintage) = (ids[0].to_string(), ids[1].to_string());

    // Both results are in the gallery, newest first, each with its before and after.
    let (status, html) = app.get_text("/studio/gallery").await;
    assert_eq!(status, 200);
    assert!(html.contains("2 results"), "{html}");
    assert!(html.find(&vintage).unwrap() < html.find(&sketch).unwrap());
    let before = img_src(&html, "before").expect("the photo before");
    let after = img_src(&html, "after").expect("the result after");
    assert!(before.starts_with("/private/media/") && after.starts_with("/private/media/"));
    assert_eq!(app.get(&after).await.status(), 200);

    // Favourite and rate, as forms without JavaScript: back to where they came from.
    let r = app
        .post_form(
            "/api/studio_favorite_result",
            "/studio/gallery",
            &[
                ("id", &sketch),
                ("favorite", "true"),
                ("back", "/studio/gallery"),
            ],
        )
        .await;
    assert_eq!(location(&r), "/studio/gallery");
    let r = app
        .post_form(
            "/api/studio_rate_result",
            "/studio/gallery",
            &[
                ("id", &sketch),
                ("stars", "4"),
                ("back", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(location(&r), "/studio/gallery", "never off the site");
    assert_eq!(
        api_status(
            &app,
            app.client(),
            "/api/studio_rate_result",
            &[("id", &sketch), ("stars", "6"), ("back", "/studio/gallery")]
        )
        .await,
        422
    );
    let kept = results::find(&mut *app.conn().await, ana.id, ids[0])
        .await
        .unwrap()
        .unwrap();
    assert!(kept.favorite);
    assert_eq!(kept.rating, Some(4));

    // The filters: favourites only, one style.
    let (_, favourites) = app.get_text("/studio/gallery?favorites=1").await;
    assert!(favourites.contains(&sketch) && !favourites.contains(&vintage));
    let (_, vintage_only) = app.get_text("/studio/gallery?style=vintage").await;
    assert!(vintage_only.contains(&vintage) && !vintage_only.contains(&sketch));

    // Downloads: each format at the width asked, counted.
    for (format, content_type, guessed) in [
        ("png", "image/png", image::ImageFormat::Png),
        ("jpeg", "image/jpeg", image::ImageFormat::Jpeg),
        ("webp", "image/webp", image::ImageFormat::WebP),
    ] {
        let r = app
            .get(&format!(
                "/studio/gallery/{sketch}/download?format={format}&width=80"
            ))
            .await;
        assert_eq!(r.status(), 200, "{format}");
        assert_eq!(r.headers()["content-type"], content_type);
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment; filename=\"daydream-pencil-sketch-80.")
        );
        let bytes = r.bytes().await.unwrap();
        assert_eq!(image::guess_format(&bytes).unwrap(), guessed);
        let picture = image::load_from_memory(&bytes).unwrap();
        assert_eq!((picture.width(), picture.height()), (80, 60));
    }
    let r = app
        .get(&format!(
            "/studio/gallery/{sketch}/download?format=png&width=5000"
        ))
        .await;
    assert_eq!(r.status(), 400, "no upscaling");
    let r = app
        .get(&format!("/studio/gallery/{sketch}/download?format=bmp"))
        .await;
    assert_eq!(r.status(), 400);
    let (_, html) = app.get_text(&format!("/studio/jobs/{sketch}")).await;
    assert!(html.contains("Downloaded 3 times"), "counted on the result");

    // Someone else: every door is a 404; nobody signed in: 401.
    let eve = another_customer(&app, "eve@example.com").await;
    let r = eve
        .get(app.url(&format!("/studio/gallery/{sketch}/download")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    for (path, form) in [
        (
            "/api/studio_favorite_result",
            vec![
                ("id", sketch.as_str()),
                ("favorite", "false"),
                ("back", "/studio/gallery"),
            ],
        ),
        (
            "/api/studio_rate_result",
            vec![
                ("id", sketch.as_str()),
                ("stars", "1"),
                ("back", "/studio/gallery"),
            ],
        ),
        (
            "/api/studio_publish_result",
            vec![
                ("id", sketch.as_str()),
                ("title", "Mine now"),
                ("back", "/studio/gallery"),
            ],
        ),
        (
            "/api/studio_withdraw_result",
            vec![("id", sketch.as_str()), ("back", "/studio/gallery")],
        ),
        ("/api/studio_delete_result", vec![("id", sketch.as_str())]),
    ] {
        assert_eq!(api_status(&app, &eve, path, &form).await, 404, "{path}");
    }
    let (_, eves) = {
        let r = eve
            .get(app.url("/studio/gallery"))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap())
    };
    assert!(!eves.contains(&sketch), "not in another person's gallery");
    let anonymous = browser();
    let r = anonymous
        .get(app.url(&format!("/studio/gallery/{sketch}/download")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let kept = results::find(&mut *app.conn().await, ana.id, ids[0])
        .await
        .unwrap()
        .unwrap();
    assert!(kept.favorite && kept.rating == Some(4), "nothing changed");

    // Delete: the row and the files go; the job's page says so.
    let folder = app.state.services.media.path(
        Visibility::Private,
        kept.media_id,
        &format!("original.{}", extension_of(&kept.content_type)),
    );
    assert!(folder.exists());
    let r = app
        .post_form(
            "/api/studio_delete_result",
            "/studio/gallery",
            &[("id", &sketch)],
        )
        .await;
    assert_eq!(location(&r), "/studio/gallery?deleted=1");
    assert!(!folder.exists(), "the files are gone");
    assert!(
        results::find(&mut *app.conn().await, ana.id, ids[0])
            .await
            .unwrap()
            .is_none()
    );
    let (_, page) = app.get_text(&format!("/studio/jobs/{sketch}")).await;
    assert!(page.contains("data-testid=\"result-gone\""));
    assert_eq!(
        app.get(&after).await.status(),
        200,
        "the other result stays"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_showcase_shows_only_what_staff_approved_until_its_owner_withdraws_it() {
    let app = TestApp::start().await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    let ids = styled(&app, &ana, photo, &["pop-art"]).await;
    let id = ids[0].to_string();
    let owner = browser();
    sign_in_as(&app, &owner, "ana@example.com", STUDIO_PASSWORD).await;
    let kept = results::find(&mut *app.conn().await, ana.id, ids[0])
        .await
        .unwrap()
        .unwrap();
    let picture = format!(
        "/studio/showcase/{id}/original.{}",
        extension_of(&kept.content_type)
    );

    // Private: not in the showcase, its public address answers nothing.
    assert_eq!(app.get(&picture).await.status(), 404);
    assert_eq!(
        app.get(&format!("/studio/showcase/{id}")).await.status(),
        404
    );

    // Published: waiting, still not shown.
    let r = app
        .post_form_as(
            &owner,
            "/api/studio_publish_result",
            "/studio/gallery",
            &[
                ("id", &id),
                ("title", "Harbour <b>pop</b>"),
                ("back", "/studio/gallery"),
            ],
        )
        .await;
    assert_eq!(location(&r), "/studio/gallery");
    assert_eq!(app.get(&picture).await.status(), 404);
    let (_, showcase) = app.get_text("/studio/showcase").await;
    assert!(!showcase.contains(&id));

    // A customer cannot approve it; staff can, from the admin, and it is audited.
    let customer = another_customer(&app, "carl@example.com").await;
    assert_eq!(
        api_status(
            &app,
            &customer,
            "/api/admin_decide_showcase",
            &[("id", &id), ("approve", "true")]
        )
        .await,
        403
    );
    assert_eq!(
        api_status(
            &app,
            &owner,
            "/api/admin_decide_showcase",
            &[("id", &id), ("approve", "true")]
        )
        .await,
        403,
        "nor can its owner"
    );
    sign_in_new(&app, "sam@example.com", Role::Staff).await;
    let (_, admin) = app.get_text("/admin/studio-jobs").await;
    assert!(
        admin.contains("data-testid=\"showcase-waiting\""),
        "in the queue"
    );
    assert!(admin.contains(&id));
    let r = app
        .post_form(
            "/api/admin_decide_showcase",
            "/admin/studio-jobs",
            &[("id", &id), ("approve", "true")],
        )
        .await;
    assert_eq!(location(&r), "/admin/studio-jobs");
    let audited: i64 = audit_log::table
        .filter(audit_log::action.eq("showcase.approve"))
        .filter(audit_log::subject_id.eq(&id))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(audited, 1);

    // Shown: in the listing with its JSON-LD, on its own page, in the sitemap, and its
    // picture is public (cached briefly).
    let anonymous = browser();
    let listing = anonymous
        .get(app.url("/studio/showcase"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(listing.contains(&format!("/studio/showcase/{id}")));
    assert!(listing.contains("\"@type\":\"ImageObject\""));
    assert!(
        !listing.contains("<b>pop</b>"),
        "the title is text, never markup"
    );
    assert!(
        !listing.contains("ana@example.com") && !listing.contains("Ana"),
        "the showcase does not name its maker"
    );
    let r = anonymous.get(app.url(&picture)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "public, max-age=300");
    assert!(image::load_from_memory(&r.bytes().await.unwrap()).is_ok());
    let page = anonymous
        .get(app.url(&format!("/studio/showcase/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("rel=\"canonical\""));
    assert!(page.contains("\"contentUrl\""));
    let sitemap = anonymous
        .get(app.url("/sitemaps/showcase.xml"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        sitemap.contains(&format!("/studio/showcase/{id}</loc>")),
        "{sitemap}"
    );
    let index = anonymous
        .get(app.url("/sitemap.xml"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(index.contains("/sitemaps/showcase.xml") && index.contains("/sitemaps/styles.xml"));

    // Withdrawn by its owner: gone at once, everywhere.
    let r = app
        .post_form_as(
            &owner,
            "/api/studio_withdraw_result",
            &format!("/studio/jobs/{id}"),
            &[("id", &id), ("back", &format!("/studio/jobs/{id}"))],
        )
        .await;
    assert_eq!(location(&r), format!("/studio/jobs/{id}"));
    assert_eq!(
        anonymous
            .get(app.url(&picture))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let r = anonymous
        .get(app.url(&format!("/studio/showcase/{id}")))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let sitemap = anonymous
        .get(app.url("/sitemaps/showcase.xml"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!sitemap.contains(&id));
    // A withdrawn result cannot be approved behind its owner's back.
    assert_eq!(
        api_status(
            &app,
            app.client(),
            "/api/admin_decide_showcase",
            &[("id", &id), ("approve", "true")]
        )
        .await,
        409
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_gallery_pages_twelve_at_a_time() {
    let app = TestApp::start().await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    sign_in_as(&app, app.client(), "ana@example.com", STUDIO_PASSWORD).await;
    let styles = ["midnight-gold"; 13];
    styled(&app, &ana, photo, &styles).await;
    let count: i64 = studio_results::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(count, 13);
    let (first, total) = results::list(
        &mut *app.conn().await,
        ana.id,
        &Filter {
            page: 1,
            ..Filter::default()
        },
    )
    .await
    .unwrap();
    assert_eq!((first.len(), total), (12, 13));
    let (_, html) = app.get_text("/studio/gallery").await;
    assert_eq!(html.matches("data-testid=\"result\"").count(), 12);
    assert!(html.contains("rel=\"next\""));
    let (_, second) = app.get_text("/studio/gallery?page=2").await;
    assert_eq!(second.matches("data-testid=\"result\"").count(), 1);
    assert!(second.contains("rel=\"prev\"") && !second.contains("rel=\"next\""));
}
