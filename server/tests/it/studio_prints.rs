//! Prints of studio results through the shop, over HTTP and as attacks: "Order as a print"
//! puts the result in its owner's cart as a line of the print product (several pictures in one
//! size are several lines), nobody can print another person's result or a print without a
//! picture, checkout takes the stock of every line and queues the print files, which are the
//! result cropped and upscaled to the size at 150 dpi and offered to staff in the order's view;
//! a result in an order cannot be deleted, and the cleanup keeps print files.

use std::time::{Duration, SystemTime};

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::accounts::Role;
use domain::checkout::place::Buyer;
use domain::db::schema::{cart_items, order_lines, studio_results};

use crate::util::TestApp;
use crate::util::people::{another_customer, api_status, location, sign_in_as, sign_in_new};
use crate::util::shop::{approved_card, place_as, stock_and_sold};
use crate::util::studio::{STUDIO_PASSWORD, person_with_photo, styled};

#[tokio::test(flavor = "multi_thread")]
async fn a_result_is_ordered_as_a_print_through_checkout_and_its_file_is_rendered() {
    let app = TestApp::start().await;
    let (ana, photo) = person_with_photo(&app, "ana@example.com").await;
    let ids = styled(&app, &ana, photo, &["pop-art", "midnight-gold"]).await;
    let (first, second) = (ids[0].to_string(), ids[1].to_string());
    sign_in_as(&app, app.client(), "ana@example.com", STUDIO_PASSWORD).await;

    // The job's page offers the sizes and warns that 120 × 90 px is small for all of them.
    let (_, page) = app.get_text(&format!("/studio/jobs/{first}")).await;
    assert!(page.contains("data-testid=\"print-form\""));
    assert_eq!(page.matches("data-testid=\"print-too-small\"").count(), 3);

    // Two pictures in one size are two lines; the same picture again is one line of two.
    for (id, size) in [(&first, "30x40"), (&second, "30x40"), (&first, "30x40")] {
        let r = app
            .post_form(
                "/api/studio_order_print",
                &format!("/studio/jobs/{id}"),
                &[("id", id), ("size", size), ("paper", "matte")],
            )
            .await;
        assert_eq!(location(&r), "/cart");
    }
    let lines: Vec<(Option<uuid::Uuid>, i32)> = cart_items::table
        .select((cart_items::result_id, cart_items::quantity))
        .order(cart_items::id)
        .load(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(lines, vec![(Some(ids[0]), 2), (Some(ids[1]), 1)]);
    let (_, cart) = app.get_text("/cart").await;
    assert_eq!(cart.matches("data-testid=\"cart-line\"").count(), 2);
    assert!(cart.contains("Your photo as a print") && cart.contains("30 × 40 cm"));
    assert!(
        cart.contains("/private/media/"),
        "the line shows the picture"
    );
    // A bad size is refused next to its field.
    assert_eq!(
        api_status(
            &app,
            app.client(),
            "/api/studio_order_print",
            &[("id", &first), ("size", "1x1"), ("paper", "matte")]
        )
        .await,
        422
    );
    // Lowering one print line leaves the other alone.
    let r = app
        .post_form(
            "/api/update_cart_line",
            "/cart",
            &[
                ("sku", "PRINT-30X40-MATTE"),
                ("quantity", "1"),
                ("result", &first),
            ],
        )
        .await;
    assert_eq!(location(&r), "/cart");

    // Someone else can print neither Ana's picture nor a print without one.
    let eve = another_customer(&app, "eve@example.com").await;
    assert_eq!(
        api_status(
            &app,
            &eve,
            "/api/studio_order_print",
            &[("id", &first), ("size", "20x30"), ("paper", "matte")]
        )
        .await,
        404
    );
    assert_eq!(
        api_status(
            &app,
            &eve,
            "/api/add_to_cart",
            &[("sku", "PRINT-20X30-MATTE")]
        )
        .await,
        422,
        "a print needs a picture"
    );
    assert_eq!(
        api_status(
            &app,
            &eve,
            "/api/update_cart_line",
            &[
                ("sku", "PRINT-30X40-MATTE"),
                ("quantity", "5"),
                ("result", &first)
            ]
        )
        .await,
        404,
        "nor can another cart's print line be touched"
    );

    // Checkout: the order lines carry the pictures; the variant's stock drops by both lines.
    let variant = domain::studio::prints::variant(&mut *app.conn().await, "30x40", "matte")
        .await
        .unwrap()
        .unwrap();
    let (stock_before, _) = stock_and_sold(&app, variant).await;
    let cart = domain::cart::for_user(&mut *app.conn().await, ana.id)
        .await
        .unwrap();
    let placed = place_as(
        &app,
        cart,
        uuid::Uuid::new_v4(),
        Buyer {
            user_id: Some(ana.id),
            email: "ana@example.com".into(),
        },
        &approved_card(),
    )
    .await
    .unwrap();
    let (stock_after, sold) = stock_and_sold(&app, variant).await;
    assert_eq!((stock_before - stock_after, sold), (2, 2));
    let printed: Vec<Option<uuid::Uuid>> = order_lines::table
        .filter(order_lines::order_id.eq(placed.order_id))
        .order(order_lines::id)
        .select(order_lines::result_id)
        .load(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(printed, vec![Some(ids[0]), Some(ids[1])]);

    // Staff see the picture; the print file is pending until its job runs.
    sign_in_new(&app, "sam@example.com", Role::Staff).await;
    let (_, admin) = app
        .get_text(&format!("/admin/orders/{}", placed.number))
        .await;
    assert_eq!(admin.matches("data-testid=\"print-pending\"").count(), 2);
    app.run_pending_jobs().await;
    let (_, admin) = app
        .get_text(&format!("/admin/orders/{}", placed.number))
        .await;
    assert_eq!(admin.matches("data-testid=\"print-picture\"").count(), 2);
    let at = admin
        .find("data-testid=\"print-file\"")
        .expect("the print file is offered");
    let tag_start = admin[..at].rfind("<a").unwrap();
    let tag = &admin[tag_start..at];
    let href = tag
        .split("href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&");
    let file = app.get(&href).await;
    assert_eq!(file.status(), 200);
    let print = image::load_from_memory(&file.bytes().await.unwrap()).unwrap();
    assert_eq!(
        (print.width(), print.height()),
        (2362, 1772),
        "30 × 40 cm at 150 dpi, landscape like the picture"
    );

    // The customer's order page shows the pictures, not the print files.
    sign_in_as(&app, app.client(), "ana@example.com", STUDIO_PASSWORD).await;
    let (_, mine) = app.get_text(&format!("/orders/{}", placed.number)).await;
    assert_eq!(mine.matches("data-testid=\"print-picture\"").count(), 2);
    assert!(!mine.contains("data-testid=\"print-file\""));

    // An ordered result stays; the cleanup keeps print files.
    assert_eq!(
        api_status(
            &app,
            app.client(),
            "/api/studio_delete_result",
            &[("id", &first)]
        )
        .await,
        409
    );
    let kept: i64 = studio_results::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(kept, 2);
    let later = SystemTime::now() + Duration::from_secs(3 * 3600);
    let cleared = domain::jobs::clean_studio_media::clean(
        &mut *app.conn().await,
        &app.state.services.media,
        Duration::from_secs(3600),
        later,
    )
    .await
    .unwrap();
    assert_eq!(cleared.rows, 0, "print files and results are in use");
    let file = app.get(&href).await;
    assert_eq!(file.status(), 200);
}
