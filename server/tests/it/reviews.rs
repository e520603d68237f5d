//! Reviews: one per shopper per product (a second one edits the first), only approved ones show
//! and count, moderation by staff keeps the product's rating summary right (and is audited),
//! helpful votes count once, bad input is a 422 next to its fields, the cache follows every change.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::db::schema::{audit_log, products, reviews};

use crate::catalog::store;
use crate::util::TestApp;
use crate::util::people::{location, sign_in_new};

/// (rating_count, rating_sum, rating_hist) of a product, as the listing reads them.
async fn summary(app: &TestApp, id: i64) -> (i32, i32, Vec<i32>) {
    products::table
        .find(id)
        .select((
            products::rating_count,
            products::rating_sum,
            products::rating_hist,
        ))
        .first(&mut *app.conn().await)
        .await
        .unwrap()
}

async fn slug_of(app: &TestApp, id: i64) -> String {
    products::table
        .find(id)
        .select(products::slug)
        .first(&mut *app.conn().await)
        .await
        .unwrap()
}

async fn write_review(app: &TestApp, slug: &str, rating: &str, title: &str) -> reqwest::Response {
    let from = format!("/products/{slug}");
    app.post_form(
        "/api/submit_review",
        &from,
        &[
            ("slug", slug),
            ("rating", rating),
            ("title", title),
            ("body", "Soft, warm and true to size. Would buy again."),
        ],
    )
    .await
}

async fn review_id(app: &TestApp, product_id: i64, title: &str) -> i64 {
    reviews::table
        .filter(reviews::product_id.eq(product_id))
        .filter(reviews::title.eq(title))
        .select(reviews::id)
        .first(&mut *app.conn().await)
        .await
        .unwrap()
}

/// Moderates as a form post without JavaScript (success redirects back to the queue).
async fn moderate(app: &TestApp, ids: &[i64], decision: &str) -> reqwest::Response {
    moderate_as(app, ids, decision, false).await
}

/// Moderates as the WASM client does (`api`: errors answer with their status) or as a form.
async fn moderate_as(app: &TestApp, ids: &[i64], decision: &str, api: bool) -> reqwest::Response {
    let ids: Vec<(String, String)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (format!("ids[{i}]"), id.to_string()))
        .collect();
    let mut form: Vec<(&str, &str)> = ids.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    form.push(("decision", decision));
    if api {
        app.post_api("/api/admin_moderate_reviews", &form).await
    } else {
        app.post_form("/api/admin_moderate_reviews", "/admin/reviews", &form)
            .await
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_review_waits_for_approval_then_counts_and_shows() {
    let app = TestApp::start().await;
    let ids = store(&app).await;
    let (id, slug) = (ids[5], slug_of(&app, ids[5]).await);
    let before = summary(&app, id).await;
    // The page is cached before anything changes, so the test also proves the invalidation.
    let (_, page) = app.get_text(&format!("/products/{slug}")).await;
    assert!(
        page.contains("review-sign-in"),
        "anonymous visitors are asked to sign in"
    );

    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    let response = write_review(&app, &slug, "2", "Pilled after a week").await;
    assert_eq!(response.status(), 302);
    assert_eq!(
        location(&response),
        format!("/products/{slug}?review=sent#reviews")
    );
    assert_eq!(
        summary(&app, id).await,
        before,
        "a pending review does not count"
    );
    let (_, page) = app.get_text(&format!("/products/{slug}?review=sent")).await;
    assert!(
        !page.contains("Pilled after a week</"),
        "a pending review does not show"
    );
    assert!(
        page.contains("waiting for approval"),
        "its author sees its state"
    );

    // Writing again edits the one review.
    write_review(&app, &slug, "3", "Pilled a little").await;
    let mine: Vec<(i16, String)> = reviews::table
        .filter(reviews::product_id.eq(id))
        .filter(reviews::title.like("Pilled%"))
        .select((reviews::rating, reviews::status))
        .load(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(mine, [(3, "pending".to_owned())]);

    // Customers cannot moderate; staff can.
    let review = review_id(&app, id, "Pilled a little").await;
    assert_eq!(
        moderate_as(&app, &[review], "approved", true)
            .await
            .status(),
        403
    );
    sign_in_new(&app, "staff@example.com", Role::Staff).await;
    let (status, queue) = app.get_text("/admin/reviews?q=ana@example").await;
    assert_eq!(status, 200);
    assert!(queue.contains("Pilled a little"));
    let response = moderate(&app, &[review], "approved").await;
    assert_eq!(response.status(), 302);
    assert_eq!(
        location(&response),
        "/admin/reviews?status=pending&moderated=1"
    );

    let after = summary(&app, id).await;
    assert_eq!(after.0, before.0 + 1);
    assert_eq!(after.1, before.1 + 3);
    assert_eq!(after.2[2], before.2[2] + 1, "counted under three stars");
    let (_, page) = app.get_text(&format!("/products/{slug}")).await;
    assert!(
        page.contains("Pilled a little"),
        "the cached page was dropped"
    );

    // Rejecting takes it out again; both decisions are in the audit log.
    moderate(&app, &[review], "rejected").await;
    assert_eq!(summary(&app, id).await, before);
    let actions: Vec<String> = audit_log::table
        .filter(audit_log::subject_type.eq("review"))
        .filter(audit_log::subject_id.eq(review.to_string()))
        .order(audit_log::id)
        .select(audit_log::action)
        .load(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(actions, ["review.approved", "review.rejected"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn editing_an_approved_review_takes_it_out_until_approved_again() {
    let app = TestApp::start().await;
    let ids = store(&app).await;
    let (id, slug) = (ids[7], slug_of(&app, ids[7]).await);
    let before = summary(&app, id).await;
    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    write_review(&app, &slug, "5", "Perfect fit").await;
    let review = review_id(&app, id, "Perfect fit").await;
    domain::catalog::reviews::moderate(
        &mut *app.conn().await,
        uuid::Uuid::nil(),
        &[review],
        domain::catalog::reviews::ReviewStatus::Approved,
        None,
    )
    .await
    .unwrap_err(); // the nil actor is no user: the audit insert fails, and nothing changed
    assert_eq!(
        summary(&app, id).await,
        before,
        "the failed moderation rolled back"
    );

    sign_in_new(&app, "staff@example.com", Role::Staff).await;
    moderate(&app, &[review], "approved").await;
    assert_eq!(summary(&app, id).await.0, before.0 + 1);
    // Ana edits it: it stops counting at once.
    app.post_form(
        "/api/sign_in",
        "/login",
        &[
            ("email", "ana@example.com"),
            ("password", crate::util::people::PASSWORD),
        ],
    )
    .await;
    write_review(&app, &slug, "1", "Shrank in the wash").await;
    assert_eq!(summary(&app, id).await, before);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_reviews_are_422_per_field_and_anonymous_writers_401() {
    let app = TestApp::start().await;
    let ids = store(&app).await;
    let slug = slug_of(&app, ids[2]).await;
    let anon = app
        .post_api(
            "/api/submit_review",
            &[
                ("slug", &slug),
                ("rating", "4"),
                ("title", "Nice one"),
                ("body", "Long enough body text."),
            ],
        )
        .await;
    assert_eq!(anon.status(), 401);

    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    let response = app
        .post_api(
            "/api/submit_review",
            &[
                ("slug", &slug),
                ("rating", "9"),
                ("title", ""),
                ("body", "meh"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    for field in ["\"rating\"", "\"title\"", "\"body\""] {
        assert!(body.contains(field), "{field} is reported: {body}");
    }
    // No rating at all (no radio ticked) is a field error too, not a decoding failure.
    let response = app
        .post_api(
            "/api/submit_review",
            &[
                ("slug", &slug),
                ("title", "Nice one"),
                ("body", "Long enough body text."),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let unknown = app
        .post_api(
            "/api/submit_review",
            &[
                ("slug", "no-such-product"),
                ("rating", "4"),
                ("title", "Nice one"),
                ("body", "Long enough body text."),
            ],
        )
        .await;
    assert_eq!(unknown.status(), 404);
    let stored: i64 = reviews::table
        .filter(reviews::title.eq("Nice one"))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(stored, 0);

    // Moderation input is checked too.
    sign_in_new(&app, "staff@example.com", Role::Staff).await;
    assert_eq!(moderate_as(&app, &[], "approved", true).await.status(), 422);
    assert_eq!(moderate_as(&app, &[1], "pending", true).await.status(), 422);
    // Without JavaScript the same refusal goes back to the queue with the error in the URL.
    let back = moderate(&app, &[], "approved").await;
    assert!(location(&back).contains("__err="), "{}", location(&back));
    let (status, _) = app.get_text("/admin/reviews?status=bogus").await;
    assert_eq!(status, 422);
}

async fn helpful_count(app: &TestApp, review: i64) -> i32 {
    reviews::table
        .find(review)
        .select(reviews::helpful_count)
        .first(&mut *app.conn().await)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn helpful_votes_count_once_and_never_for_your_own_review() {
    let app = TestApp::start().await;
    let ids = store(&app).await;
    let (id, slug) = (ids[9], slug_of(&app, ids[9]).await);
    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    write_review(&app, &slug, "4", "Good value").await;
    let review = review_id(&app, id, "Good value").await;
    sign_in_new(&app, "staff@example.com", Role::Staff).await;
    moderate(&app, &[review], "approved").await;

    // Only this review has votes, so it leads the most-helpful order once voted for.
    diesel::update(reviews::table.filter(reviews::product_id.eq(id)))
        .set(reviews::helpful_count.eq(0))
        .execute(&mut *app.conn().await)
        .await
        .unwrap();
    sign_in_new(&app, "bo@example.com", Role::Customer).await;
    let rid = review.to_string();
    for _ in 0..2 {
        let r = app.post_api("/api/vote_review", &[("id", &rid)]).await;
        assert!(r.status().is_success() || r.status().is_redirection());
    }
    assert_eq!(helpful_count(&app, review).await, 1, "twice is once");
    // Most helpful first puts it on top.
    let response = app
        .get(&format!("/api/product_reviews?slug={slug}&sort=helpful"))
        .await;
    let section: serde_json::Value = response.json().await.unwrap();
    assert_eq!(section["page"]["rows"][0]["title"], "Good value");
    assert_eq!(section["page"]["rows"][0]["helpful"], 1);
    assert_eq!(section["page"]["rows"][0]["verified_purchase"], false);

    app.post_form(
        "/api/sign_in",
        "/login",
        &[
            ("email", "ana@example.com"),
            ("password", crate::util::people::PASSWORD),
        ],
    )
    .await;
    let own = app.post_api("/api/vote_review", &[("id", &rid)]).await;
    assert_eq!(own.status(), 409);
    assert_eq!(helpful_count(&app, review).await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn reviews_page_by_the_url() {
    let app = TestApp::start().await;
    let ids = store(&app).await;
    // The product with the most approved reviews.
    let (id, count): (i64, i32) = products::table
        .filter(products::id.eq_any(&ids))
        .order(products::rating_count.desc())
        .select((products::id, products::rating_count))
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert!(
        count > 10,
        "the demo store has a product with more than a page: {count}"
    );
    let slug = slug_of(&app, id).await;
    let page = |n: u32| {
        let app = &app;
        let slug = slug.clone();
        async move {
            let r = app
                .get(&format!("/api/product_reviews?slug={slug}&page={n}"))
                .await;
            r.json::<serde_json::Value>().await.unwrap()
        }
    };
    let first = page(1).await;
    assert_eq!(first["page"]["rows"].as_array().unwrap().len(), 10);
    assert_eq!(first["page"]["has_next"], true);
    let second = page(2).await;
    assert_ne!(
        first["page"]["rows"][0]["id"],
        second["page"]["rows"][0]["id"]
    );
    let far = page(4_000_000).await;
    assert_eq!(
        far["page"]["rows"].as_array().unwrap().len(),
        0,
        "a far page is empty, not an error"
    );
    let (status, html) = app
        .get_text(&format!("/products/{slug}?reviews_page=2"))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("rel=\"prev\""), "the second page links back");
}
