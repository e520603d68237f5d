//! The notification list: marking one read, all read, and someone else's (404, nothing changes).

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::accounts::queries::find_by_email;
use domain::db::schema::notifications;
use domain::notifications::notify;
use uuid::Uuid;

use crate::util::TestApp;
use crate::util::people::{location, sign_in_new};

async fn user_id(app: &TestApp, email: &str) -> Uuid {
    find_by_email(&mut *app.conn().await, email)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The user's notification ids, oldest first, with whether each is read.
async fn theirs(app: &TestApp, user: Uuid) -> Vec<(i64, bool)> {
    notifications::table
        .filter(notifications::user_id.eq(user))
        .order(notifications::id.asc())
        .select((notifications::id, notifications::read_at.is_not_null()))
        .load(&mut *app.conn().await)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_marks_their_own_notifications_read_and_no_one_elses() {
    let app = TestApp::start().await;
    sign_in_new(&app, "other@example.com", Role::Customer).await;
    let other = user_id(&app, "other@example.com").await;
    sign_in_new(&app, "me@example.com", Role::Customer).await;
    let me = user_id(&app, "me@example.com").await;
    for (user, title) in [(me, "First"), (me, "Second"), (other, "Not yours")] {
        notify(&mut *app.conn().await, user, title, "Body", "/orders")
            .await
            .unwrap();
    }
    let mine = theirs(&app, me).await;
    let (first, second) = (mine[0].0, mine[1].0);
    let not_mine = theirs(&app, other).await[0].0;

    let (_, page) = app.get_text("/account/notifications").await;
    assert!(page.contains("First") && page.contains("Second"));
    assert!(!page.contains("Not yours"));

    // One, from the page's form (no JavaScript): back to the list, only that one read.
    let marked = app
        .post_form(
            "/api/mark_notifications_read",
            "/account/notifications",
            &[("id", &first.to_string())],
        )
        .await;
    assert_eq!(marked.status(), 302);
    assert_eq!(location(&marked), "/account/notifications");
    assert_eq!(theirs(&app, me).await, vec![(first, true), (second, false)]);

    // Someone else's id, or one that does not exist: 404, and nothing changes.
    for id in [not_mine, not_mine + 1000] {
        let refused = app
            .post_api("/api/mark_notifications_read", &[("id", &id.to_string())])
            .await;
        assert_eq!(refused.status(), 404, "id {id}");
    }
    assert_eq!(theirs(&app, other).await, vec![(not_mine, false)]);
    assert_eq!(theirs(&app, me).await, vec![(first, true), (second, false)]);

    // All of them: every one of mine, still none of theirs; marking an already read one is fine.
    let all = app.post_api("/api/mark_notifications_read", &[]).await;
    assert_eq!(all.status(), 200);
    assert_eq!(theirs(&app, me).await, vec![(first, true), (second, true)]);
    assert_eq!(theirs(&app, other).await, vec![(not_mine, false)]);
    let again = app
        .post_api(
            "/api/mark_notifications_read",
            &[("id", &first.to_string())],
        )
        .await;
    assert_eq!(again.status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn signed_out_visitors_cannot_mark_anything() {
    let app = TestApp::start().await;
    let refused = app.post_api("/api/mark_notifications_read", &[]).await;
    assert_eq!(refused.status(), 401);
}
