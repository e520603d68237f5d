//! Unit tests of `app::admin::products::csv`.
use app::admin::products::csv::*;
use domain::catalog::editing::ExportLine;
use domain::catalog::{Brand, Category};

#[test]
fn formulas_are_exported_as_text_and_imported_back_unchanged() {
    for attack in [
        "=HYPERLINK(\"http://evil\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        "\tx",
    ] {
        let cell = neutralise_formula(attack);
        assert!(cell.starts_with('\''), "{cell}");
        assert_eq!(restore_formula(cell), attack);
    }
    assert_eq!(neutralise_formula("Linen shirt"), "Linen shirt");
    assert_eq!(neutralise_formula("12.50"), "12.50");
    assert_eq!(restore_formula("'quoted".to_owned()), "'quoted");
}

fn taxonomy() -> (Vec<Category>, Vec<Brand>) {
    (
        vec![Category {
            id: 7,
            parent_id: None,
            slug: "mugs".into(),
            name: "Mugs".into(),
            description: String::new(),
            position: 0,
        }],
        vec![Brand {
            id: 3,
            slug: "fjord".into(),
            name: "Fjord".into(),
            description: String::new(),
        }],
    )
}

#[test]
fn lines_group_into_products_and_errors_name_their_line() {
    let (c, b) = taxonomy();
    let file = "product_slug,product_name,status,brand,category,featured,description,sku,size,colour,price,compare_at,stock,low_stock\n\
                mug,Mug,active,fjord,mugs,yes,Nice,MUG-S,,Sand,12.50,,4,\n\
                mug,Mug,active,fjord,mugs,yes,Nice,MUG-B,,Blue,12.50,15,0,2\n\
                cup,Cup,active,,mugs,no,,CUP-1,,,abc,,1,\n\
                pot,Pot,active,nobody,mugs,no,,POT-1,,,9,,1,\n";
    let checked = check(file.as_bytes(), &c, &b);
    assert_eq!(checked.lines, 4);
    assert_eq!(checked.plan.len(), 1);
    let mug = &checked.plan[0];
    assert_eq!(
        (mug.slug.as_str(), mug.brand_id, mug.category_id),
        ("mug", Some(3), 7)
    );
    assert!(mug.featured);
    assert_eq!(mug.variants.len(), 2);
    assert_eq!(mug.variants[1].compare_at_cents, Some(1500));
    let errors: Vec<(usize, &str)> = checked
        .errors
        .iter()
        .map(|e| (e.line, e.field.as_str()))
        .collect();
    assert_eq!(errors, [(4, "price"), (5, "brand")]);
}

#[test]
fn a_file_without_the_header_is_refused_whole() {
    let (c, b) = taxonomy();
    let checked = check(b"just,some\n1,2\n", &c, &b);
    assert!(checked.plan.is_empty());
    assert_eq!(checked.errors[0].line, 1);
}

#[test]
fn the_export_reads_back_as_the_same_products() {
    use domain::catalog::{Product, Variant};
    let (c, b) = taxonomy();
    let now = time::OffsetDateTime::now_utc();
    let product = Product {
        id: 1,
        slug: "mug".into(),
        name: "Mug, \"large\"".into(),
        description: "Two\nlines".into(),
        status: "active".into(),
        brand_id: Some(3),
        category_id: 7,
        featured: false,
        currency: "EUR".into(),
        price_cents: 1250,
        compare_at_cents: None,
        in_stock: true,
        rating_count: 0,
        rating_avg: 0.0,
        rating_hist: vec![0; 5],
        sales_count: 0,
        created_at: now,
        updated_at: now,
    };
    let variant = Variant {
        id: 9,
        product_id: 1,
        sku: "MUG-S".into(),
        options: serde_json::json!({"colour": "Sand"}),
        price_cents: 1250,
        compare_at_cents: Some(1500),
        currency: "EUR".into(),
        stock: 4,
        low_stock_threshold: 2,
        position: 0,
        archived: false,
    };
    let bytes = export(&[ExportLine {
        product,
        variant,
        brand: Some("fjord".into()),
        category: "mugs".into(),
    }])
    .unwrap();
    let checked = check(&bytes, &c, &b);
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    let p = &checked.plan[0];
    assert_eq!(p.name, "Mug, \"large\"");
    assert_eq!(p.description, "Two\nlines");
    let v = &p.variants[0];
    assert_eq!(
        (
            v.price_cents,
            v.compare_at_cents,
            v.stock,
            v.low_stock_threshold
        ),
        (1250, Some(1500), 4, 2)
    );
    assert_eq!(v.options, serde_json::json!({"colour": "Sand"}));
}
