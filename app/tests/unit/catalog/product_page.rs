//! Unit tests of `app::catalog::product_page`.
use app::catalog::product_api::{ProductView, VariantView};
use app::catalog::product_page::*;
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
        option_values: vec![("size".into(), vec!["S".into(), "M".into()])],
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
