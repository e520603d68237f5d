//! `/admin/styles` over HTTP: staff create and change categories and styles (every field
//! checked, the message next to the field), withdraw a style from the catalog, upload a
//! before/after example (real pictures only) and remove it with its files; each write is
//! audited; a customer can do none of it.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::db::schema::{audit_log, style_categories, styles};

use crate::util::TestApp;
use crate::util::people::{another_customer, location, sign_in_new};
use crate::util::studio::jpeg;

/// The form of a new local style in category `category`.
fn style_form<'a>(category: &'a str, slug: &'a str, recipe: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("category_id", category),
        ("name", "Rough charcoal"),
        ("slug", slug),
        ("description", "Soft charcoal on rough paper."),
        ("engine", "local"),
        ("recipe", recipe),
        ("prompt_template", ""),
        ("quality", "medium"),
        ("background", "auto"),
        ("output_format", "png"),
        ("size", "1024x1024"),
        ("active", "on"),
    ]
}

/// A redirect's target as a site path (a bounce goes back to the absolute referer).
fn local(app: &TestApp, response: &reqwest::Response) -> String {
    location(response)
        .trim_start_matches(&app.url(""))
        .to_owned()
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    audit_log::table
        .filter(audit_log::action.eq(action))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap()
}

/// Posts the example upload form as `client`.
async fn upload_example(
    app: &TestApp,
    client: &reqwest::Client,
    style_id: i64,
    before: Vec<u8>,
    after: Vec<u8>,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("style_id", style_id.to_string())
        .text("caption", "A harbour at dusk")
        .part(
            "before",
            reqwest::multipart::Part::bytes(before).file_name("before.jpg"),
        )
        .part(
            "after",
            reqwest::multipart::Part::bytes(after).file_name("after.jpg"),
        );
    client
        .post(app.url("/api/admin_style_example"))
        .header("origin", app.url(""))
        .header("referer", app.url(&format!("/admin/styles/{style_id}")))
        .header("accept", "text/html")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_edit_the_style_catalog_and_customers_cannot() {
    let app = TestApp::start().await;
    domain::studio::demo::ensure_demo_styles(&mut *app.conn().await)
        .await
        .unwrap();
    sign_in_new(&app, "sam@example.com", Role::Staff).await;
    let (status, page) = app.get_text("/admin/styles").await;
    assert_eq!(status, 200);
    assert!(page.matches("data-testid=\"admin-style\"").count() >= 12);

    // A category: a bad colour is refused next to its field; a good one is added.
    let bad = app
        .post_form(
            "/api/admin_save_style_category",
            "/admin/styles",
            &[
                ("name", "Print"),
                ("slug", "print"),
                ("icon", "🖨"),
                ("colour", "red"),
                ("position", "9"),
            ],
        )
        .await;
    let (_, bounced) = app.get_text(&local(&app, &bad)).await;
    assert!(
        bounced.contains("A colour is # and six lowercase hex digits"),
        "{bounced}"
    );
    let r = app
        .post_form(
            "/api/admin_save_style_category",
            "/admin/styles",
            &[
                ("name", "Print"),
                ("slug", "print"),
                ("icon", "🖨"),
                ("colour", "#AA3300"),
                ("position", "9"),
            ],
        )
        .await;
    assert_eq!(location(&r), "/admin/styles?saved=1");
    let category: i64 = style_categories::table
        .filter(style_categories::slug.eq("print"))
        .select(style_categories::id)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    let category = category.to_string();

    // A style: a recipe the engine does not know is refused; a good one is saved and shown.
    let r = app
        .post_form(
            "/api/admin_save_style",
            "/admin/styles/new",
            &style_form(&category, "charcoal-rough", "{\"look\":\"crayon\"}"),
        )
        .await;
    let (_, bounced) = app.get_text(&local(&app, &r)).await;
    assert!(
        bounced.contains("not a recipe this engine knows"),
        "{bounced}"
    );
    assert!(
        bounced.contains("Soft charcoal on rough paper."),
        "what was typed is kept"
    );
    let r = app
        .post_form(
            "/api/admin_save_style",
            "/admin/styles/new",
            &style_form(
                &category,
                "charcoal-rough",
                "{\"look\":\"pencil_sketch\",\"softness\":60}",
            ),
        )
        .await;
    let editor = location(&r);
    assert!(
        editor.starts_with("/admin/styles/") && editor.ends_with("?saved=1"),
        "{editor}"
    );
    let id: i64 = editor
        .trim_start_matches("/admin/styles/")
        .trim_end_matches("?saved=1")
        .parse()
        .unwrap();
    assert_eq!(app.get("/studio/styles/charcoal-rough").await.status(), 200);
    let taken = app
        .post_form(
            "/api/admin_save_style",
            "/admin/styles/new",
            &style_form(
                &category,
                "pencil-sketch",
                "{\"look\":\"pencil_sketch\",\"softness\":60}",
            ),
        )
        .await;
    let (_, bounced) = app.get_text(&local(&app, &taken)).await;
    assert!(bounced.contains("That address is taken"));

    // An OpenAI template with an unknown placeholder is refused.
    let id_text = id.to_string();
    let mut openai = style_form(&category, "charcoal-rough", "");
    openai.push(("id", &id_text));
    openai.retain(|(k, _)| *k != "engine" && *k != "prompt_template");
    openai.push(("engine", "openai"));
    openai.push(("prompt_template", "Draw {subject} as {nonsense}"));
    let r = app
        .post_form(
            "/api/admin_save_style",
            &format!("/admin/styles/{id}"),
            &openai,
        )
        .await;
    let (_, bounced) = app.get_text(&local(&app, &r)).await;
    assert!(bounced.contains("nonsense"), "the placeholder is named");

    // Withdrawn: out of the catalog.
    let mut withdrawn = style_form(
        &category,
        "charcoal-rough",
        "{\"look\":\"pencil_sketch\",\"softness\":60}",
    );
    withdrawn.retain(|(k, _)| *k != "active");
    withdrawn.push(("id", &id_text));
    let r = app
        .post_form(
            "/api/admin_save_style",
            &format!("/admin/styles/{id}"),
            &withdrawn,
        )
        .await;
    assert_eq!(location(&r), format!("/admin/styles/{id}?saved=1"));
    let active: bool = styles::table
        .find(id)
        .select(styles::active)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert!(!active);
    assert_eq!(app.get("/studio/styles/charcoal-rough").await.status(), 404);
    assert!(audited(&app, "style.create").await >= 1);
    assert!(audited(&app, "style.update").await >= 1);
    assert!(audited(&app, "style_category.save").await >= 1);

    // A customer can neither read nor write any of it.
    let eve = another_customer(&app, "eve@example.com").await;
    let r = eve
        .post(app.url("/api/admin_save_style"))
        .header("origin", app.url(""))
        .header("accept", "application/json")
        .form(&style_form(
            &category,
            "sneaky",
            "{\"look\":\"pencil_sketch\",\"softness\":1}",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = eve
        .get(app.url("/admin/styles"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = upload_example(&app, &eve, id, jpeg(60, 40), jpeg(60, 40)).await;
    assert!(r.status().is_redirection() || r.status() == 403);
    let r = eve
        .post(app.url("/api/admin_style_example"))
        .header("origin", app.url(""))
        .header("accept", "application/json")
        .multipart(
            reqwest::multipart::Form::new()
                .text("style_id", id.to_string())
                .part(
                    "before",
                    reqwest::multipart::Part::bytes(jpeg(8, 8)).file_name("b.jpg"),
                )
                .part(
                    "after",
                    reqwest::multipart::Part::bytes(jpeg(8, 8)).file_name("a.jpg"),
                ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test(flavor = "multi_thread")]
async fn examples_are_uploaded_as_real_pictures_and_removed_with_their_files() {
    let app = TestApp::start().await;
    domain::studio::demo::ensure_demo_styles(&mut *app.conn().await)
        .await
        .unwrap();
    sign_in_new(&app, "sam@example.com", Role::Staff).await;
    let style = domain::studio::styles::by_slug(&mut *app.conn().await, "vintage")
        .await
        .unwrap()
        .unwrap();

    // Not a picture: refused next to the field, nothing stored.
    let r = upload_example(
        &app,
        app.client(),
        style.id,
        jpeg(80, 60),
        b"<svg onload=alert(1)>".to_vec(),
    )
    .await;
    let (_, bounced) = app.get_text(&local(&app, &r)).await;
    assert!(bounced.contains("That picture cannot be used"), "{bounced}");
    assert!(
        domain::studio::style_admin::examples_of(&mut *app.conn().await, style.id)
            .await
            .unwrap()
            .is_empty()
    );

    // Two real pictures: the example shows on the style's public page.
    let r = upload_example(&app, app.client(), style.id, jpeg(80, 60), jpeg(80, 60)).await;
    assert_eq!(
        location(&r),
        format!("/admin/styles/{}?example=1", style.id)
    );
    let examples = domain::studio::style_admin::examples_of(&mut *app.conn().await, style.id)
        .await
        .unwrap();
    assert_eq!(examples.len(), 1);
    let (example_id, example) = &examples[0];
    let (_, public) = app.get_text("/studio/styles/vintage").await;
    assert!(public.contains("A harbour at dusk"));
    let files = app.state.services.media.clone();
    let before_dir = files.path(
        domain::media::Visibility::Public,
        example.before.media_id,
        "original.jpg",
    );
    assert!(before_dir.exists());

    // Removed: the row and both pictures' files.
    let r = app
        .post_form(
            "/api/admin_delete_style_example",
            &format!("/admin/styles/{}", style.id),
            &[
                ("style_id", &style.id.to_string()),
                ("id", &example_id.to_string()),
            ],
        )
        .await;
    assert_eq!(location(&r), format!("/admin/styles/{}", style.id));
    assert!(!before_dir.exists());
    assert_eq!(audited(&app, "style_example.add").await, 1);
    assert_eq!(audited(&app, "style_example.delete").await, 1);
}
