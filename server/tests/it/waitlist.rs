//! The waitlist (issue 19 part 8), over HTTP against real PostgreSQL: joining mails a double
//! opt-in link that confirms once; joining again with a listed address answers exactly as for a
//! new one (only the owner's mailbox learns more); staff search, export the list as streamed
//! CSV (formula cells neutralised, every page of rows) and invite the next N confirmed people
//! in a background run that marks them notified; nobody else may.

use domain::accounts::Role;
use domain::waitlist::entries::{self, Entry, Filter, State};
use time::{Duration, OffsetDateTime};

use crate::util::TestApp;
use crate::util::people::{another_customer, api_status, browser, location, sign_in_new};

fn stamp(app: &TestApp) -> String {
    app.state.services.forms.stamp(
        "waitlist",
        OffsetDateTime::now_utc() - Duration::seconds(10),
    )
}

/// Joins as `email` (first name `first`); returns where the answer sends the browser.
async fn join(app: &TestApp, email: &str, first: &str, company: &str) -> String {
    let s = stamp(app);
    let r = app
        .post_form(
            "/api/waitlist_join",
            "/waitlist",
            &[
                ("email", email),
                ("first_name", first),
                ("last_name", "Example"),
                ("company", company),
                ("role", "CTO"),
                ("interest", "studio"),
                ("stamp", s.as_str()),
                ("website", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 302, "{email}");
    location(&r)
}

async fn all(app: &TestApp) -> Vec<Entry> {
    entries::list(&mut *app.conn().await, &Filter::default(), 5000, 0)
        .await
        .unwrap()
}

/// Confirms with the link in the newest mail to `email`; the status of the confirming post.
async fn confirm(app: &TestApp, email: &str) -> u16 {
    let link = app.link_in_email(email, "/waitlist/confirm/").await;
    let (status, page) = app.get_text(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Confirm my place"));
    let token = link.trim_start_matches("/waitlist/confirm/");
    app.post_api("/api/waitlist_confirm", &[("token", token)])
        .await
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread")]
async fn joining_mails_a_link_that_confirms_the_place_once() {
    let app = TestApp::start().await;
    let (status, page) = app.get_text("/waitlist").await;
    assert_eq!(status, 200);
    assert!(page.contains("name=\"stamp\"") && page.contains("name=\"interest\""));

    assert_eq!(
        join(&app, "ana@example.com", "Ana", "Acme").await,
        "/waitlist?joined=1"
    );
    let e = &all(&app).await[0];
    assert_eq!(
        (e.state(), e.interest.as_str()),
        (State::Unconfirmed, "studio")
    );
    let mail = &app.sent_emails().await[0];
    assert_eq!(mail.subject, "Confirm your place on the Daydream waitlist");

    let link = app
        .link_in_email("ana@example.com", "/waitlist/confirm/")
        .await;
    assert_eq!(confirm(&app, "ana@example.com").await, 200);
    assert_eq!(all(&app).await[0].state(), State::Waiting);
    // The link is spent: used again it is refused clearly.
    let token = link.trim_start_matches("/waitlist/confirm/");
    let again = app
        .post_api("/api/waitlist_confirm", &[("token", token)])
        .await;
    assert_eq!(again.status(), 422);
    assert!(again.text().await.unwrap().contains("not valid"));
    let forged = app
        .post_api("/api/waitlist_confirm", &[("token", "forged")])
        .await;
    assert_eq!(forged.status(), 422);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_listed_address_gets_the_same_answer_and_only_its_mailbox_learns_more() {
    let app = TestApp::start().await;
    let first = join(&app, "ana@example.com", "Ana", "").await;
    let old_link = app
        .link_in_email("ana@example.com", "/waitlist/confirm/")
        .await;
    // Again before confirming: the same answer, a fresh link, the old one replaced.
    assert_eq!(join(&app, "Ana@Example.com", "Anna", "").await, first);
    assert_eq!(all(&app).await.len(), 1, "one entry per address, any case");
    assert_eq!(all(&app).await[0].first_name, "Anna");
    let old = old_link.trim_start_matches("/waitlist/confirm/");
    let r = app
        .post_api("/api/waitlist_confirm", &[("token", old)])
        .await;
    assert_eq!(r.status(), 422, "the older link no longer works");
    assert_eq!(confirm(&app, "ana@example.com").await, 200);
    // Again once confirmed: the same answer; the owner is told by mail.
    assert_eq!(join(&app, "ana@example.com", "Ana", "").await, first);
    assert_eq!(
        app.sent_emails().await[0].subject,
        "You are already on the Daydream waitlist"
    );
    assert_eq!(all(&app).await[0].state(), State::Waiting);
    // A new address reads exactly the same.
    assert_eq!(join(&app, "bo@example.com", "Bo", "").await, first);

    // Bots: the honeypot stores nothing; bad fields are named.
    let s = stamp(&app);
    let trapped = app
        .post_form(
            "/api/waitlist_join",
            "/waitlist",
            &[
                ("email", "bot@example.com"),
                ("first_name", "Bot"),
                ("last_name", "Bot"),
                ("interest", "shop"),
                ("stamp", s.as_str()),
                ("website", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(location(&trapped), first);
    assert_eq!(all(&app).await.len(), 2);
    let bad = app
        .post_api(
            "/api/waitlist_join",
            &[
                ("email", "nope"),
                ("first_name", ""),
                ("last_name", "X"),
                ("interest", "rockets"),
                ("stamp", s.as_str()),
            ],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let body = bad.text().await.unwrap();
    for field in ["\"email\"", "\"first_name\"", "\"interest\""] {
        assert!(body.contains(field), "{field} in {body}");
    }
}

/// Adds `n` confirmed entries straight to the table (the export's pages need many).
async fn many(app: &TestApp, n: i32) {
    use diesel_async::RunQueryDsl;
    diesel::sql_query(
        "INSERT INTO waitlist_entries (id, email, first_name, last_name, company, interest, confirmed_at, created_at) \
         SELECT gen_random_uuid(), 'p' || i || '@example.com', 'P' || i, 'Example', \
                CASE WHEN i = 1 THEN '=HYPERLINK(\"http://evil\")' ELSE 'Co' END, 'shop', \
                now() - make_interval(secs => $1 - i), now() - make_interval(secs => $1 - i) \
         FROM generate_series(1, $1) AS i",
    )
    .bind::<diesel::sql_types::Integer, _>(n)
    .execute(&mut *app.conn().await)
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_search_and_export_the_list_as_streamed_csv() {
    let app = TestApp::start().await;
    many(&app, 1203).await;
    join(&app, "ana@example.com", "Ana", "Globex").await;

    let anonymous = browser();
    let r = anonymous
        .get(app.url("/admin/waitlist.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "sent to sign in");
    let eve = another_customer(&app, "eve@example.com").await;
    let r = eve
        .get(app.url("/admin/waitlist.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(
        api_status(&app, &eve, "/api/admin_waitlist", &[]).await,
        403
    );

    sign_in_new(&app, "sam@daydream.test", Role::Staff).await;
    let (status, page) = app.get_text("/admin/waitlist?q=globex").await;
    assert_eq!(status, 200);
    assert!(page.contains("ana@example.com"));
    assert!(!page.contains("p7@example.com"), "searched");
    assert!(page.contains("1203 waiting · 1 unconfirmed · 0 notified"));

    let r = app.get("/admin/waitlist.csv").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(
        r.headers().get("content-length").is_none(),
        "streamed, not buffered"
    );
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines.len(),
        1 + 1204,
        "the header and every entry, across pages"
    );
    assert!(lines[0].starts_with("email,first_name,last_name,company"));
    assert!(
        lines[1].starts_with("p1@example.com,P1,Example,\"'=HYPERLINK"),
        "a formula is shown as text: {}",
        lines[1]
    );
    assert!(
        lines[1204].starts_with("ana@example.com,Ana"),
        "oldest first"
    );
    let unconfirmed = app
        .get("/admin/waitlist.csv?state=unconfirmed")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(unconfirmed.lines().count(), 2, "the page's selection");
}

#[tokio::test(flavor = "multi_thread")]
async fn inviting_the_next_people_runs_in_the_background_and_marks_them_notified() {
    let app = TestApp::start().await;
    for (email, name) in [
        ("a@example.com", "A"),
        ("b@example.com", "B"),
        ("c@example.com", "C"),
    ] {
        join(&app, email, name, "").await;
        assert_eq!(confirm(&app, email).await, 200);
    }
    join(&app, "d@example.com", "D", "").await; // never confirmed
    let eve = another_customer(&app, "eve@example.com").await;
    assert_eq!(
        api_status(&app, &eve, "/api/admin_waitlist_invite", &[("count", "2")]).await,
        403
    );

    sign_in_new(&app, "sam@daydream.test", Role::Staff).await;
    assert_eq!(
        app.post_api("/api/admin_waitlist_invite", &[("count", "0")])
            .await
            .status(),
        422
    );
    let r = app
        .post_form(
            "/api/admin_waitlist_invite",
            "/admin/waitlist",
            &[("count", "2")],
        )
        .await;
    assert_eq!(location(&r), "/admin/waitlist?inviting=1");
    // While it waits for a worker the page shows it queued and refreshes itself.
    let (_, page) = app.get_text("/admin/waitlist").await;
    assert!(page.contains("0 of 2 sent · queued"), "progress shown");
    assert!(page.contains("http-equiv=\"refresh\""));
    // One run at a time.
    assert_eq!(
        app.post_api("/api/admin_waitlist_invite", &[("count", "1")])
            .await
            .status(),
        409
    );

    app.run_pending_jobs().await;
    let invited: Vec<String> = app
        .sent_emails()
        .await
        .into_iter()
        .filter(|e| e.subject == "Your Daydream invitation")
        .map(|e| e.to_address)
        .collect();
    assert_eq!(invited.len(), 2);
    assert!(
        invited.contains(&"a@example.com".to_owned())
            && invited.contains(&"b@example.com".to_owned()),
        "first confirmed, first invited: {invited:?}"
    );
    let notified = Filter {
        state: Some(State::Notified),
        ..Filter::default()
    };
    assert_eq!(
        entries::list(&mut *app.conn().await, &notified, 10, 0)
            .await
            .unwrap()
            .len(),
        2
    );
    let (_, page) = app.get_text("/admin/waitlist").await;
    assert!(page.contains("2 of 2 sent · finished"));
    assert!(!page.contains("http-equiv=\"refresh\""));

    // The next run invites the one left, though more were asked for; then nobody waits.
    app.post_api("/api/admin_waitlist_invite", &[("count", "5")])
        .await;
    app.run_pending_jobs().await;
    let runs = domain::waitlist::invites::recent(&mut *app.conn().await, 5)
        .await
        .unwrap();
    assert_eq!(
        (runs[0].total, runs[0].sent, runs[0].status.as_str()),
        (1, 1, "finished")
    );
    assert_eq!(
        app.post_api("/api/admin_waitlist_invite", &[("count", "5")])
            .await
            .status(),
        409
    );
    let audit = domain::audit::list(&mut *app.conn().await, Some("waitlist_invite_run"), 10, 0)
        .await
        .unwrap();
    assert_eq!(audit.len(), 2);
}
