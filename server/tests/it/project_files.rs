//! A project's files (issue 19 part 5), over HTTP: a client's admin shares a file with a
//! multipart form (no JavaScript needed) and the viewer downloads it as an attachment; a
//! viewer cannot share, a file pretending to be another kind or too large is refused next to
//! the field, another client's person gets 404 on download and delete, and a colleague may not
//! remove what someone else shared.

use reqwest::multipart::{Form, Part};

use crate::util::TestApp;
use crate::util::people::{api_status, location};
use crate::util::projects::{TwoClients, two_clients};

/// Posts `name` with `bytes` on `project` as a browser without JavaScript: status, Location.
async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    project: &str,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, String) {
    let form = Form::new()
        .text("project", project.to_owned())
        .part("file", Part::bytes(bytes).file_name(name.to_owned()));
    let r = client
        .post(app.url("/api/dashboard_upload_file"))
        .header("origin", app.url(""))
        .header(
            "referer",
            app.url(&format!("/dashboard/projects/{project}")),
        )
        .header("accept", "text/html")
        .multipart(form)
        .send()
        .await
        .unwrap();
    // A refusal bounces back to the absolute address of the form's page.
    (
        r.status().as_u16(),
        location(&r).trim_start_matches(&app.url("")).to_owned(),
    )
}

/// The HTML `client` is shown at `path`.
async fn page_text(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_admin_shares_a_file_that_only_their_company_reads() {
    let app = TestApp::start().await;
    let t: TwoClients = two_clients(&app).await;
    let project = t.acme.project.to_string();
    let page = format!("/dashboard/projects/{project}");
    let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer\n%%EOF\n".to_vec();

    let (status, to) = upload(&app, &t.ana, &project, "../Kick-off brief.pdf", pdf.clone()).await;
    assert_eq!(status, 302);
    assert_eq!(to, format!("{page}#files"));
    let html = page_text(&app, &t.vic, &page).await;
    assert!(html.contains("Kick-off brief.pdf"));
    assert!(
        html.contains("shared the file “Kick-off brief.pdf”"),
        "in the activity feed"
    );
    let link_at = html.find("/dashboard/files/").expect("a download link");
    let link: String = html[link_at..].chars().take_while(|c| *c != '"').collect();

    // The viewer downloads it: an attachment, exactly the bytes shared.
    let r = t.vic.get(app.url(&link)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"Kick-off brief.pdf\""),
        "{disposition}"
    );
    assert_eq!(r.bytes().await.unwrap().to_vec(), pdf);

    // Another client's person: nothing there, and nothing to remove.
    assert_eq!(
        t.gus.get(app.url(&link)).send().await.unwrap().status(),
        404
    );
    let id = link.trim_start_matches("/dashboard/files/");
    assert_eq!(
        api_status(&app, &t.gus, "/api/dashboard_delete_file", &[("id", id)]).await,
        404
    );
    let (_, to) = upload(&app, &t.gus, &project, "x.pdf", pdf.clone()).await;
    assert!(
        to.contains("__err="),
        "another client cannot share on Acme's project: {to}"
    );
    // A colleague who did not share it may not remove it; the uploader may.
    assert_eq!(
        api_status(&app, &t.vic, "/api/dashboard_delete_file", &[("id", id)]).await,
        403
    );
    assert_eq!(
        api_status(&app, &t.ana, "/api/dashboard_delete_file", &[("id", id)]).await,
        200
    );
    assert_eq!(
        t.vic.get(app.url(&link)).send().await.unwrap().status(),
        404
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn what_is_not_a_safe_known_file_is_refused_next_to_the_field() {
    let app = TestApp::start().await;
    let t: TwoClients = two_clients(&app).await;
    let project = t.acme.project.to_string();
    let refused = |status: u16| assert_eq!(status, 302, "bounced back to the form");
    // HTML is not taken, nor a "PDF" that is HTML inside.
    let (status, to) = upload(
        &app,
        &t.ana,
        &project,
        "page.html",
        b"<script>alert(1)</script>".to_vec(),
    )
    .await;
    refused(status);
    let html = page_text(&app, &t.ana, &to).await;
    assert!(
        html.contains("Share PDF, images, spreadsheets"),
        "the reason, next to the field"
    );
    let (status, to) = upload(
        &app,
        &t.ana,
        &project,
        "brief.pdf",
        b"<html><script>alert(1)</script>".to_vec(),
    )
    .await;
    refused(status);
    let html = page_text(&app, &t.ana, &to).await;
    assert!(html.contains("not those of a .pdf file"));
    // Too large: refused, not stored.
    let (status, to) = upload(
        &app,
        &t.ana,
        &project,
        "big.txt",
        vec![b'a'; 10 * 1024 * 1024 + 1],
    )
    .await;
    refused(status);
    let html = page_text(&app, &t.ana, &to).await;
    assert!(html.contains("10 MB at most"));
    // A viewer does not share files (their page has no form; a crafted post is refused).
    let (_, to) = upload(&app, &t.vic, &project, "notes.txt", b"hello".to_vec()).await;
    assert!(to.contains("__err="), "{to}");
    let html = page_text(&app, &t.vic, &format!("/dashboard/projects/{project}")).await;
    assert!(
        !html.contains("data-testid=\"file-form\""),
        "no upload form for a viewer"
    );
    assert!(!html.contains("notes.txt"));
}
