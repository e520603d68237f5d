//! The address book over HTTP and in the domain: add, edit, default, delete, limits, and
//! nobody reaching another person's addresses.

use app::AppError;
use app::accounts::address_api::SavedAddress;
use domain::accounts::Role;
use domain::accounts::addresses::{self, AddressFields};

use crate::util::TestApp;
use crate::util::people::{browser, location, sign_in_new};

fn form<'a>(name: &'a str, line1: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("full_name", name),
        ("line1", line1),
        ("line2", ""),
        ("city", "Lisboa"),
        ("region", ""),
        ("postal_code", "1100-053"),
        ("country", "PT"),
        ("phone", ""),
    ]
}

async fn book(app: &TestApp) -> Vec<SavedAddress> {
    let response = app.post_api("/api/addresses", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn add_edit_make_default_and_delete() {
    let app = TestApp::start().await;
    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    let (_, page) = app.get_text("/account/addresses").await;
    assert!(page.contains("no saved addresses"));

    // The first address becomes the default even unticked.
    let response = app
        .post_form(
            "/api/add_address",
            "/account/addresses/new",
            &form("Ana Lima", "1 Rua Augusta"),
        )
        .await;
    assert_eq!(location(&response), "/account/addresses?saved=1");
    let mut second = form("Ana at work", "2 Avenida da Liberdade");
    second.push(("make_default", "1"));
    app.post_form("/api/add_address", "/account/addresses/new", &second)
        .await;
    let list = book(&app).await;
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[0].fields.full_name, "Ana at work",
        "the default comes first"
    );
    assert!(list[0].is_default && !list[1].is_default);

    // The page lists both; the edit page is filled in, country selected.
    let (_, page) = app.get_text("/account/addresses").await;
    assert!(page.contains("2 Avenida da Liberdade") && page.contains("Portugal"));
    let home = list[1].id.clone();
    let (status, page) = app.get_text(&format!("/account/addresses/{home}")).await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"value="1 Rua Augusta""#), "{page}");
    assert!(page.contains(r#"<option value="PT" selected"#));

    // Edit, then make it the default again.
    let mut edit = form("Ana Lima", "1 Rua Augusta, 3º");
    edit.push(("id", &home));
    let response = app
        .post_form("/api/update_address", "/account/addresses", &edit)
        .await;
    assert_eq!(response.status(), 302);
    app.post_form(
        "/api/make_default_address",
        "/account/addresses",
        &[("id", &home)],
    )
    .await;
    let list = book(&app).await;
    assert_eq!(list[0].id, home);
    assert!(list[0].is_default && !list[1].is_default);
    assert_eq!(list[0].fields.line1, "1 Rua Augusta, 3º");

    // Deleting the default promotes the other one.
    let response = app
        .post_form(
            "/api/delete_address",
            "/account/addresses",
            &[("id", &home)],
        )
        .await;
    assert_eq!(location(&response), "/account/addresses?deleted=1");
    let list = book(&app).await;
    assert_eq!(list.len(), 1);
    assert!(list[0].is_default);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_addresses_report_every_field_and_save_nothing() {
    let app = TestApp::start().await;
    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    let response = app
        .post_api(
            "/api/add_address",
            &[
                ("full_name", " "),
                ("line1", ""),
                ("city", "Lisboa"),
                ("postal_code", "<b>"),
                ("country", "Atlantis"),
                ("phone", "call me"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let error: AppError = response.json().await.unwrap();
    for field in ["full_name", "line1", "postal_code", "country", "phone"] {
        assert!(error.field_message(field).is_some(), "{field}: {error:?}");
    }
    assert!(error.field_message("city").is_none());
    assert!(book(&app).await.is_empty());

    // Without JS the error comes back to the form page with a 4xx.
    let response = app
        .post_form("/api/add_address", "/account/addresses/new", &form("", "x"))
        .await;
    assert_eq!(response.status(), 302);
    let back = location(&response);
    let (status, page) = app.get_text(back.trim_start_matches(&app.url(""))).await;
    assert_eq!(status, 422, "{back}");
    assert!(page.contains("Enter the name of the person who receives the parcel."));
}

#[tokio::test(flavor = "multi_thread")]
async fn nobody_reaches_another_persons_addresses() {
    let app = TestApp::start().await;
    sign_in_new(&app, "ana@example.com", Role::Customer).await;
    app.post_form(
        "/api/add_address",
        "/account/addresses/new",
        &form("Ana", "1 Rua"),
    )
    .await;
    let anas = book(&app).await[0].id.clone();

    sign_in_new(&app, "eve@example.com", Role::Customer).await;
    assert_eq!(
        app.get(&format!("/account/addresses/{anas}"))
            .await
            .status(),
        404
    );
    assert_eq!(app.get("/account/addresses/not-a-uuid").await.status(), 404);
    let mut edit = form("Eve", "Evil street");
    edit.push(("id", &anas));
    for (api, fields) in [
        ("/api/update_address", edit.clone()),
        ("/api/delete_address", vec![("id", anas.as_str())]),
        ("/api/make_default_address", vec![("id", anas.as_str())]),
        ("/api/address", vec![("id", anas.as_str())]),
    ] {
        assert_eq!(app.post_api(api, &fields).await.status(), 404, "{api}");
    }
    assert!(book(&app).await.is_empty());

    // Ana's address is untouched.
    let ana = browser();
    ana.post(app.url("/api/sign_in"))
        .header("origin", app.url(""))
        .form(&[
            ("email", "ana@example.com"),
            ("password", crate::util::people::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let list: Vec<SavedAddress> = ana
        .post(app.url("/api/addresses"))
        .header("origin", app.url(""))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].fields.line1, "1 Rua");
}

fn fields(n: usize) -> AddressFields {
    AddressFields {
        full_name: format!("Person {n}"),
        line1: format!("{n} Main Street"),
        line2: String::new(),
        city: "Springfield".into(),
        region: String::new(),
        postal_code: "12345".into(),
        country: "US".into(),
        phone: String::new(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_book_holds_twenty_and_concurrent_defaults_leave_exactly_one() {
    // A connection for each of the twenty racers, so none waits for another to finish.
    let app = TestApp::new()
        .with_env("DATABASE_POOL_SIZE", "24")
        .build()
        .await;
    let user = domain::accounts::demo::create_verified(
        &mut *app.conn().await,
        "ana@example.com",
        "Ana",
        crate::util::people::PASSWORD,
        Role::Customer,
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    for n in 0..addresses::MAX_PER_USER {
        let a = addresses::create(&mut *app.conn().await, user.id, &fields(n as usize), false)
            .await
            .unwrap();
        ids.push(a.id);
    }
    let full = addresses::create(&mut *app.conn().await, user.id, &fields(99), false).await;
    assert!(matches!(full, Err(addresses::AddressError::TooMany)));

    // Every racer holds its connection before any of them starts.
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(ids.len()));
    let tasks: Vec<_> = ids
        .iter()
        .map(|&id| {
            let (pool, start) = (app.pool().clone(), start.clone());
            tokio::spawn(async move {
                let mut conn = pool.get().await.unwrap();
                start.wait().await;
                addresses::set_default(&mut conn, user.id, id).await
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let list = addresses::list(&mut *app.conn().await, user.id)
        .await
        .unwrap();
    assert_eq!(list.iter().filter(|a| a.is_default).count(), 1);
}
