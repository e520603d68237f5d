//! A small shop for checkout tests: one category, products with variants of chosen stock,
//! carts filled through the domain, a place-order request with a card, and the checkout's two
//! forms as a browser posts them.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::cart::edits;
use domain::checkout::place::{Buyer, CheckoutError, PlaceOrder, Placed};
use domain::db::schema::product_variants;
use domain::orders::ShipTo;
use domain::payments::Card;
use uuid::Uuid;

use super::TestApp;

/// A card the sandbox approves.
pub fn approved_card() -> Card {
    card(domain::payments::sandbox::APPROVED)
}

/// A test card with this number.
pub fn card(number: &str) -> Card {
    Card {
        number: number.to_owned(),
        exp_month: 12,
        exp_year: 2099,
        cvc: "123".to_owned(),
    }
}

/// A Dutch delivery address (21 % tax).
pub fn address() -> ShipTo {
    ShipTo {
        full_name: "Ana Buyer".to_owned(),
        line1: "Keizersgracht 1".to_owned(),
        line2: String::new(),
        city: "Amsterdam".to_owned(),
        region: String::new(),
        postal_code: "1015 CJ".to_owned(),
        country: "NL".to_owned(),
        phone: String::new(),
    }
}

/// Creates `count` active products, one variant each with `stock` units at `price` cents;
/// returns the variant ids and SKUs in order.
pub async fn variants(app: &TestApp, count: usize, stock: i32, price: i64) -> Vec<(i64, String)> {
    let tag = Uuid::new_v4().simple().to_string()[..8].to_owned();
    domain::checkout::demo::hot_variants(&mut *app.conn().await, &tag, count, stock, price)
        .await
        .unwrap()
}

/// A new guest cart holding `lines` (variant id, quantity).
pub async fn cart_with(app: &TestApp, lines: &[(i64, i32)]) -> Uuid {
    let mut conn = app.conn().await;
    let cart = domain::cart::create_guest(&mut conn).await.unwrap();
    for (variant, quantity) in lines {
        edits::add(&mut conn, cart, *variant, *quantity)
            .await
            .unwrap();
    }
    cart
}

/// (stock, sold) of a variant.
pub async fn stock_and_sold(app: &TestApp, variant: i64) -> (i32, i32) {
    product_variants::table
        .find(variant)
        .select((product_variants::stock, product_variants::sold))
        .first(&mut *app.conn().await)
        .await
        .unwrap()
}

/// Places the order of `cart` as guest `email` with `card` and `key`.
pub async fn place(
    app: &TestApp,
    cart: Uuid,
    key: Uuid,
    email: &str,
    card: &Card,
) -> Result<Placed, CheckoutError> {
    let buyer = Buyer {
        user_id: None,
        email: email.to_owned(),
    };
    place_as(app, cart, key, buyer, card).await
}

/// Places the order of `cart` for `buyer`.
pub async fn place_as(
    app: &TestApp,
    cart: Uuid,
    key: Uuid,
    buyer: Buyer,
    card: &Card,
) -> Result<Placed, CheckoutError> {
    place_saving(app, cart, key, buyer, card, None).await
}

/// Places the order of `cart` for `buyer`, adding `save_address` to their address book.
pub async fn place_saving(
    app: &TestApp,
    cart: Uuid,
    key: Uuid,
    buyer: Buyer,
    card: &Card,
    save_address: Option<&domain::accounts::addresses::AddressFields>,
) -> Result<Placed, CheckoutError> {
    let mut conn = app.conn().await;
    domain::checkout::place::place(
        &mut conn,
        app.state.services.payments.as_ref(),
        &PlaceOrder {
            cart_id: cart,
            idempotency_key: key,
            buyer,
            ship_to: address(),
            shipping_code: "standard",
            card,
            public_url: "http://shop.test",
            save_address,
        },
    )
    .await
}

/// Counts the rows of a table.
pub async fn count_rows(app: &TestApp, table: &str) -> i64 {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let row: N = diesel::sql_query(format!("SELECT count(*) AS n FROM {table}"))
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    row.n
}

/// The checkout's details form: `email`, a new address in `country`, express delivery.
pub fn details_form<'a>(email: &'a str, country: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("email", email),
        ("full_name", "Ana Buyer"),
        ("line1", "Keizersgracht 1"),
        ("line2", ""),
        ("city", "Amsterdam"),
        ("region", ""),
        ("postal_code", "1015 CJ"),
        ("country", country),
        ("phone", ""),
        ("shipping_method", "express"),
    ]
}

/// A card expiry five years from today (`MM/YY`), so the tests never age into an expired card.
static CARD_EXPIRY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let year = time::OffsetDateTime::now_utc().year() + 5;
    format!("12/{:02}", year.rem_euclid(100))
});

/// The review step's payment form: the page's key and `card`.
pub fn pay_form<'a>(key: &'a str, card: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("idempotency_key", key),
        ("card_number", card),
        ("card_expiry", CARD_EXPIRY.as_str()),
        ("card_cvc", "123"),
    ]
}

/// Posts the checkout details with a bad email and no town, as a browser without JavaScript;
/// returns where the refusal sends it back to.
pub async fn refused_details(app: &TestApp) -> String {
    let mut form = details_form("not-an-email", "NL");
    form.retain(|(k, _)| *k != "city");
    let refused = app
        .post_form("/api/checkout_details", "/checkout", &form)
        .await;
    refused.headers()["location"].to_str().unwrap().to_owned()
}
