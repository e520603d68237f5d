//! Unit tests of `app::admin::products::fields`.
use app::admin::products::fields::*;

fn row(sku: &str, price: &str) -> VariantInput {
    VariantInput {
        sku: sku.into(),
        size: "M".into(),
        colour: "Navy".into(),
        price: price.into(),
        stock: "7".into(),
        ..VariantInput::default()
    }
}

fn form(variants: Vec<VariantInput>) -> ProductInput {
    ProductInput {
        name: "  Linen   Shirt ".into(),
        slug: String::new(),
        description: "Light.".into(),
        status: "active".into(),
        brand: "fjord".into(),
        category: "shirts".into(),
        featured: false,
        variants,
    }
}

#[test]
fn a_good_form_is_tidied_and_blank_rows_are_ignored() {
    let valid = form(vec![row("ls-m-navy", "49.9"), VariantInput::default()])
        .validate()
        .unwrap();
    assert_eq!(valid.name, "Linen Shirt");
    assert_eq!(valid.slug, "linen-shirt", "derived from the name");
    assert_eq!(valid.variants.len(), 1);
    let v = &valid.variants[0];
    assert_eq!(
        (v.sku.as_str(), v.price_cents, v.stock),
        ("LS-M-NAVY", 4990, 7)
    );
    assert_eq!(v.low_stock_threshold, 5, "the default threshold");
}

#[test]
fn bad_rows_are_reported_by_their_form_names() {
    let mut bad = row("ok-1", "-3");
    bad.compare_at = "1.234".into();
    bad.stock = "lots".into();
    let errors = form(vec![row("ok-0", "10"), bad]).validate().unwrap_err();
    let names: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        names,
        [
            "variants[1][price]",
            "variants[1][compare_at]",
            "variants[1][stock]"
        ]
    );
    let twice = form(vec![row("same", "10"), row("SAME", "12")])
        .validate()
        .unwrap_err();
    assert_eq!(twice[0].0, "variants");
    let mut sale = row("s", "50");
    sale.compare_at = "40".into();
    assert!(
        form(vec![sale]).validate().is_err(),
        "a sale price above the old one"
    );
    let empty = form(Vec::new()).validate().unwrap_err();
    assert_eq!(empty[0].0, "variants", "active needs a variant");
    let mut draft = form(Vec::new());
    draft.status = "draft".into();
    assert!(draft.validate().is_ok(), "a draft may have none yet");
    let mut bad_slug = form(vec![row("a", "1")]);
    bad_slug.slug = "Not A Slug".into();
    assert_eq!(bad_slug.validate().unwrap_err()[0].0, "slug");
}
