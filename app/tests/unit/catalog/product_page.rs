//! Unit tests of `app::catalog::product_page` and its variant picker.
use app::catalog::gallery::thumbnail_label;
use app::catalog::product_api::{ProductView, VariantView};
use app::catalog::product_page::*;
use app::catalog::variant_picker::{chosen_variant, options_path, picked, stock_line};
use app::site::SiteOrigin;
use leptos::prelude::*;

fn sample() -> ProductView {
    let variant = |sku: &str, size: &str, stock: i32| VariantView {
        sku: sku.into(),
        options: vec![
            ("size".into(), size.into()),
            ("colour".into(), "Navy".into()),
        ],
        price: "€49.99".into(),
        price_decimal: "49.99".into(),
        compare_at: Some("€64.99".into()),
        stock,
        low_stock: stock > 0 && stock <= 5,
    };
    ProductView {
        slug: "linen-shirt-7".into(),
        name: "Linen Shirt </script>".into(),
        description: "A light shirt.".into(),
        brand: Some(("fjord".into(), "Fjord".into())),
        breadcrumbs: vec![
            ("men".into(), "Men".into()),
            ("shirts".into(), "Shirts".into()),
        ],
        currency: "EUR".into(),
        in_stock: true,
        rating_avg: 4.25,
        rating_count: 4,
        rating_hist: vec![0, 0, 1, 1, 2],
        variants: vec![
            variant("DD-7-S-NAVY", "S", 3),
            variant("DD-7-M-NAVY", "M", 0),
        ],
        option_values: vec![
            ("size".into(), vec!["S".into(), "M".into()]),
            ("colour".into(), vec!["Navy".into()]),
        ],
        similar: Vec::new(),
        bought_together: Vec::new(),
        saved: None,
        images: Vec::new(),
    }
}

#[test]
fn product_json_ld_snapshot() {
    let owner = Owner::new();
    let json = owner.with(|| {
        provide_context(SiteOrigin("https://shop.example.com".into()));
        product_json_ld(&sample())
    });
    assert!(
        !json.contains("</script>"),
        "cannot close the script element"
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    insta::assert_snapshot!(serde_json::to_string_pretty(&value).unwrap());
}

#[test]
fn the_url_picks_the_variant_and_prefers_stock() {
    let p = sample();
    let pick = |pairs: &[(&str, &str)]| {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect();
        chosen_variant(&p.variants, &pairs).map(|v| v.sku.clone())
    };
    assert_eq!(pick(&[]).as_deref(), Some("DD-7-S-NAVY"), "first in stock");
    assert_eq!(
        pick(&[("size", "M")]).as_deref(),
        Some("DD-7-M-NAVY"),
        "asked for, even sold out"
    );
    assert_eq!(
        pick(&[("size", "XXL")]).as_deref(),
        Some("DD-7-S-NAVY"),
        "unknown falls back"
    );
}

#[test]
fn an_option_link_keeps_the_other_options_and_picks_this_one() {
    let p = sample();
    let current = p.variants.iter().find(|v| v.sku == "DD-7-S-NAVY");
    let pairs = picked(&p.option_values, current, "size", "M");
    assert_eq!(
        pairs,
        vec![
            ("colour".to_owned(), "Navy".to_owned()),
            ("size".to_owned(), "M".to_owned())
        ],
        "the other options first, in the product's order, then the one clicked"
    );
    assert_eq!(
        chosen_variant(&p.variants, &pairs).map(|v| v.sku.as_str()),
        Some("DD-7-M-NAVY")
    );
    assert_eq!(
        options_path("/products/tee", &[("size & fit".into(), "M/L".into())]),
        "/products/tee?size%20%26%20fit=M%2FL"
    );
}

#[test]
fn the_stock_line_says_sold_out_low_or_in_stock() {
    let p = sample();
    let mut v = p.variants[0].clone();
    assert_eq!(stock_line(&v), ("Only 3 left".to_owned(), "text-amber-700"));
    v.stock = 0;
    v.low_stock = false;
    assert_eq!(stock_line(&v), ("Out of stock".to_owned(), "text-red-700"));
    v.stock = 40;
    assert_eq!(stock_line(&v), ("In stock".to_owned(), "text-green-700"));
}

#[test]
fn a_thumbnail_is_named_by_its_place_and_alt_text() {
    assert_eq!(
        thumbnail_label(1, 3, "The mug from above"),
        "Show picture 2 of 3: The mug from above"
    );
    assert_eq!(thumbnail_label(0, 2, ""), "Show picture 1 of 2");
}
