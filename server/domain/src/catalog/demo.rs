//! The demo store: a realistic catalog generated from a seed — a two-level category tree,
//! brands, products with size/colour variants and stock (some sold out), reviews by demo
//! shoppers. `ensure_demo_store` loads it once into an empty catalog; `generate_products` also
//! feeds `daydream seed --products N` for benchmark-sized catalogs.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use super::writes::{self, NewBrand, NewCategory, NewProduct, NewVariant};
use crate::db::schema::{products, reviews, users};
use crate::jobs::draw_demo_images::DrawDemoImages;
use crate::jobs::queue;

/// A leaf category of the demo tree: slug, name, the noun its product names end with, kind.
pub type Leaf = (&'static str, &'static str, &'static str, Kind);

/// Top-level categories and their children: (slug, name, leaves).
pub const CATEGORY_TREE: [(&str, &str, &[Leaf]); 5] = [
    (
        "women",
        "Women",
        &[
            ("dresses", "Dresses", "Dress", Kind::Clothing),
            ("tops", "Tops", "Top", Kind::Clothing),
            ("knitwear", "Knitwear", "Jumper", Kind::Clothing),
            ("skirts", "Skirts", "Skirt", Kind::Clothing),
        ],
    ),
    (
        "men",
        "Men",
        &[
            ("shirts", "Shirts", "Shirt", Kind::Clothing),
            ("t-shirts", "T-shirts", "T-shirt", Kind::Clothing),
            ("jackets", "Jackets", "Jacket", Kind::Clothing),
            ("trousers", "Trousers", "Trousers", Kind::Clothing),
        ],
    ),
    (
        "shoes",
        "Shoes",
        &[
            ("sneakers", "Sneakers", "Sneakers", Kind::Shoes),
            ("boots", "Boots", "Boots", Kind::Shoes),
            ("sandals", "Sandals", "Sandals", Kind::Shoes),
        ],
    ),
    (
        "accessories",
        "Accessories",
        &[
            ("bags", "Bags", "Bag", Kind::OneSize),
            ("scarves", "Scarves", "Scarf", Kind::OneSize),
            ("hats", "Hats", "Hat", Kind::OneSize),
            ("jewellery", "Jewellery", "Necklace", Kind::OneSize),
        ],
    ),
    (
        "home",
        "Home",
        &[
            ("art-prints", "Art prints", "Art Print", Kind::Print),
            ("cushions", "Cushions", "Cushion", Kind::OneSize),
            ("mugs", "Mugs", "Mug", Kind::OneSize),
        ],
    ),
];

/// How a category's products vary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letter sizes and colours.
    Clothing,
    /// EU sizes and colours.
    Shoes,
    /// Colours only.
    OneSize,
    /// Paper sizes.
    Print,
}

/// The demo brands.
pub const BRANDS: [&str; 12] = [
    "Northwind",
    "Lumen & Co",
    "Atelier Rue",
    "Kestrel",
    "Solstice",
    "Marlow",
    "Fjord",
    "Verdant",
    "Halcyon",
    "Ostara",
    "Tidewater",
    "Copperline",
];

const ADJECTIVES: [&str; 16] = [
    "Classic",
    "Relaxed",
    "Cropped",
    "Oversized",
    "Tailored",
    "Vintage",
    "Everyday",
    "Weekend",
    "Coastal",
    "Urban",
    "Essential",
    "Heritage",
    "Featherweight",
    "Studio",
    "Nordic",
    "Sunset",
];
const MATERIALS: [&str; 12] = [
    "Linen",
    "Cotton",
    "Merino",
    "Denim",
    "Cashmere",
    "Canvas",
    "Leather",
    "Silk",
    "Corduroy",
    "Wool",
    "Organic Cotton",
    "Recycled",
];
/// Colours with their RGB, used for variants and for the drawn product images.
pub const COLOURS: [(&str, [u8; 3]); 10] = [
    ("Black", [28, 25, 23]),
    ("White", [245, 245, 244]),
    ("Navy", [30, 58, 138]),
    ("Olive", [101, 107, 47]),
    ("Rust", [180, 83, 9]),
    ("Sand", [214, 196, 160]),
    ("Sky", [125, 185, 232]),
    ("Rose", [225, 140, 160]),
    ("Forest", [22, 101, 52]),
    ("Charcoal", [68, 64, 60]),
];
const LETTER_SIZES: [&str; 5] = ["XS", "S", "M", "L", "XL"];
const SHOE_SIZES: [&str; 7] = ["38", "39", "40", "41", "42", "43", "44"];
const PRINT_SIZES: [(&str, i64); 3] = [("A4", 0), ("A3", 1500), ("A2", 3500)];

const REVIEW_LINES: [(i16, &str, &str); 10] = [
    (
        5,
        "Love it",
        "Exactly as pictured, beautifully made. I wear it all the time.",
    ),
    (
        5,
        "Perfect fit",
        "True to size and the quality is excellent for the price.",
    ),
    (
        4,
        "Really nice",
        "Lovely colour and feel. Delivery was quick too.",
    ),
    (
        4,
        "Good value",
        "Well made, only wish it came in more colours.",
    ),
    (
        3,
        "It's fine",
        "Decent, but the material is thinner than I expected.",
    ),
    (
        5,
        "Second one bought",
        "Bought it again in another colour. Says it all.",
    ),
    (
        2,
        "Not for me",
        "The cut did not suit me and it runs a little small.",
    ),
    (
        4,
        "Would recommend",
        "Comfortable and looks great. Washes well.",
    ),
    (
        1,
        "Disappointed",
        "Arrived with a loose seam. Customer service sorted it out.",
    ),
    (3, "Okay", "Nice design, average quality."),
];

/// How many demo shoppers write the reviews.
const REVIEWERS: usize = 40;

/// Ids of the demo store's categories and brands, as inserted.
pub struct Skeleton {
    /// (leaf category id, parent id, noun, kind) for every leaf.
    pub leaves: Vec<(i64, i64, &'static str, Kind)>,
    pub brands: Vec<i64>,
}

/// Inserts the category tree and the brands.
pub async fn insert_skeleton(conn: &mut AsyncPgConnection) -> QueryResult<Skeleton> {
    let mut leaves = Vec::new();
    for (position, (slug, name, children)) in CATEGORY_TREE.iter().enumerate() {
        let parent = writes::insert_category(
            conn,
            &NewCategory {
                parent_id: None,
                slug,
                name,
                description: &format!("Everything in {name}, from our favourite makers."),
                position: position as i32,
            },
        )
        .await?;
        for (child_position, (slug, name, noun, kind)) in children.iter().enumerate() {
            let id = writes::insert_category(
                conn,
                &NewCategory {
                    parent_id: Some(parent),
                    slug,
                    name,
                    description: &format!("{name}: new arrivals and the classics."),
                    position: child_position as i32,
                },
            )
            .await?;
            leaves.push((id, parent, *noun, *kind));
        }
    }
    let mut brands = Vec::new();
    for name in BRANDS {
        let slug = slugify(name);
        brands.push(
            writes::insert_brand(
                conn,
                &NewBrand {
                    slug: &slug,
                    name,
                    description: &format!("{name} makes pieces to keep for years."),
                },
            )
            .await?,
        );
    }
    Ok(Skeleton { leaves, brands })
}

/// The demo tree and brands when they are already in the database (looked up by slug).
pub async fn find_skeleton(conn: &mut AsyncPgConnection) -> QueryResult<Option<Skeleton>> {
    use crate::db::schema::{brands, categories};
    let cats: Vec<(i64, String)> = categories::table
        .select((categories::id, categories::slug))
        .load(conn)
        .await?;
    let id_of = |slug: &str| cats.iter().find(|(_, s)| s == slug).map(|(id, _)| *id);
    let mut leaves = Vec::new();
    for (slug, _, children) in CATEGORY_TREE {
        let Some(parent) = id_of(slug) else {
            return Ok(None);
        };
        for (child, _, noun, kind) in children {
            let Some(id) = id_of(child) else {
                return Ok(None);
            };
            leaves.push((id, parent, *noun, *kind));
        }
    }
    let slugs: Vec<String> = BRANDS.iter().map(|b| slugify(b)).collect();
    let found: Vec<(i64, String)> = brands::table
        .filter(brands::slug.eq_any(&slugs))
        .select((brands::id, brands::slug))
        .load(conn)
        .await?;
    let mut brand_ids = Vec::new();
    for slug in &slugs {
        match found.iter().find(|(_, s)| s == slug) {
            Some((id, _)) => brand_ids.push(*id),
            None => return Ok(None),
        }
    }
    Ok(Some(Skeleton {
        leaves,
        brands: brand_ids,
    }))
}

/// The demo reviewers, created when missing.
pub async fn reviewers(conn: &mut AsyncPgConnection) -> QueryResult<Vec<Uuid>> {
    let existing: Vec<Uuid> = users::table
        .filter(users::email.like("shopper%@demo.daydream.localhost"))
        .order(users::email)
        .select(users::id)
        .load(conn)
        .await?;
    if existing.is_empty() {
        insert_reviewers(conn).await
    } else {
        Ok(existing)
    }
}

/// Grows the catalog to `target` generated products (for benchmarks: `daydream seed`), in
/// batches of `batch` with their variants and reviews, calling `progress(products now)` after each;
/// creates the demo tree and brands when missing. Returns how many products were added.
/// Pictures are not drawn (a benchmark catalog of 100 000 would take hours of image work).
pub async fn grow_catalog(
    conn: &mut AsyncPgConnection,
    target: u64,
    batch: u64,
    mut progress: impl FnMut(u64),
) -> QueryResult<u64> {
    let skeleton = match find_skeleton(conn).await? {
        Some(s) => s,
        None => insert_skeleton(conn).await?,
    };
    let reviewers = reviewers(conn).await?;
    let existing: i64 = products::table.count().get_result(conn).await?;
    let from = u64::try_from(existing).unwrap_or(0);
    let mut next = from;
    while next < target {
        let to = (next + batch.max(1)).min(target);
        let created = insert_generated(conn, &skeleton, next, to).await?;
        let ids: Vec<i64> = created.iter().map(|(id, _)| *id).collect();
        insert_reviews(conn, &reviewers, &ids).await?;
        next = to;
        progress(next);
    }
    writes::refresh_search_words(conn).await?;
    diesel::sql_query("ANALYZE").execute(conn).await?;
    Ok(next - from)
}

/// A URL slug: lowercase ASCII letters and digits separated by single dashes.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// One generated product with its variants (product id not known yet).
pub struct GeneratedProduct {
    pub product: NewProduct,
    pub leaf: i64,
    pub parent: i64,
    /// (sku suffix, options, price, compare-at, stock)
    pub variants: Vec<(String, serde_json::Value, i64, Option<i64>, i32)>,
    /// The main colour, for the drawn image.
    pub colour: [u8; 3],
}

/// Generates product number `n` of a catalog (deterministic in `n`).
pub fn generate_product(skeleton: &Skeleton, n: u64) -> GeneratedProduct {
    let mut rng = StdRng::seed_from_u64(0xDAD_D2EA_u64 ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let (leaf, parent, noun, kind) = skeleton.leaves[(n as usize) % skeleton.leaves.len()];
    let brand = skeleton.brands[rng.random_range(0..skeleton.brands.len())];
    let adjective = ADJECTIVES[rng.random_range(0..ADJECTIVES.len())];
    let material = MATERIALS[rng.random_range(0..MATERIALS.len())];
    let name = format!("{adjective} {material} {noun}");
    let slug = format!("{}-{n}", slugify(&name));
    let base: i64 = match kind {
        Kind::Clothing => rng.random_range(19..160),
        Kind::Shoes => rng.random_range(49..220),
        Kind::OneSize => rng.random_range(9..120),
        Kind::Print => rng.random_range(15..60),
    } * 100
        - 1;
    let on_sale = rng.random_bool(0.2);
    let sold_out = rng.random_bool(0.06);
    let colour_count = match kind {
        Kind::Print => 1,
        _ => rng.random_range(1..=3),
    };
    let first_colour = rng.random_range(0..COLOURS.len());
    let colours: Vec<(&str, [u8; 3])> = (0..colour_count)
        .map(|i| COLOURS[(first_colour + i * 3) % COLOURS.len()])
        .collect();
    let sizes: Vec<(&str, i64)> = match kind {
        Kind::Clothing => LETTER_SIZES.iter().map(|s| (*s, 0)).collect(),
        Kind::Shoes => SHOE_SIZES.iter().map(|s| (*s, 0)).collect(),
        Kind::OneSize => vec![("One size", 0)],
        Kind::Print => PRINT_SIZES.to_vec(),
    };
    let mut variants = Vec::new();
    for (colour, _) in &colours {
        for (size, extra) in &sizes {
            let price = base + extra;
            let compare_at = on_sale.then_some(price * 13 / 10 / 100 * 100 + 99);
            let stock = if sold_out || rng.random_bool(0.1) {
                0
            } else {
                rng.random_range(1..40)
            };
            let mut options = serde_json::Map::new();
            if *size != "One size" {
                options.insert("size".into(), (*size).into());
            }
            if kind != Kind::Print {
                options.insert("colour".into(), (*colour).into());
            }
            let suffix = format!(
                "{}-{}",
                slugify(size).to_uppercase(),
                slugify(colour).to_uppercase()
            );
            variants.push((
                suffix,
                serde_json::Value::Object(options),
                price,
                compare_at,
                stock,
            ));
        }
    }
    let description = format!(
        "The {name} by {brand_name} is cut from {material_lower} for a {fit} fit. \
         {line} Made to last, easy to care for, and designed to pair with the rest of your \
         wardrobe.",
        brand_name = BRANDS[skeleton
            .brands
            .iter()
            .position(|b| *b == brand)
            .unwrap_or(0)],
        material_lower = material.to_lowercase(),
        fit = ["relaxed", "regular", "slim", "easy"][rng.random_range(0..4)],
        line = [
            "A wardrobe favourite that works from morning to evening.",
            "Finished with care in small batches.",
            "Soft from the first wear and better with every wash.",
            "A fresh take on a timeless shape.",
        ][rng.random_range(0..4)],
    );
    let days_ago = rng.random_range(0..365);
    GeneratedProduct {
        product: NewProduct {
            slug,
            name,
            description,
            status: "active".into(),
            brand_id: Some(brand),
            category_id: leaf,
            featured: rng.random_bool(0.06),
            currency: "EUR".into(),
            sales_count: rng.random_range(0..500),
            created_at: time::OffsetDateTime::now_utc() - time::Duration::days(days_ago),
        },
        leaf,
        parent,
        variants,
        colour: colours[0].1,
    }
}

/// Inserts products `from..to` of the generated catalog in one transaction; returns the ids.
pub async fn insert_generated(
    conn: &mut AsyncPgConnection,
    skeleton: &Skeleton,
    from: u64,
    to: u64,
) -> QueryResult<Vec<(i64, GeneratedProduct)>> {
    let generated: Vec<GeneratedProduct> =
        (from..to).map(|n| generate_product(skeleton, n)).collect();
    conn.transaction(async |conn| {
        let new: Vec<NewProduct> = generated.iter().map(|g| g.product.clone()).collect();
        let ids = writes::insert_products(conn, &new).await?;
        let mut pairs = Vec::with_capacity(ids.len() * 2);
        let mut variants = Vec::new();
        for (id, g) in ids.iter().zip(&generated) {
            pairs.push((*id, g.leaf));
            pairs.push((*id, g.parent));
            for (position, (suffix, options, price, compare_at, stock)) in
                g.variants.iter().enumerate()
            {
                variants.push(NewVariant {
                    product_id: *id,
                    sku: format!("DD-{id:06}-{suffix}"),
                    options: options.clone(),
                    price_cents: *price,
                    compare_at_cents: *compare_at,
                    currency: "EUR".into(),
                    stock: *stock,
                    low_stock_threshold: 5,
                    position: position as i32,
                });
            }
        }
        writes::insert_product_categories(conn, &pairs).await?;
        for chunk in variants.chunks(2000) {
            writes::insert_variants(conn, chunk).await?;
        }
        writes::refresh_variant_summary(conn, &ids).await?;
        Ok(ids.into_iter().zip(generated).collect())
    })
    .await
}

/// Creates the demo shoppers who write reviews (they cannot sign in: no usable password).
async fn insert_reviewers(conn: &mut AsyncPgConnection) -> QueryResult<Vec<Uuid>> {
    let first = [
        "Alex", "Sam", "Jo", "Mia", "Noah", "Lea", "Omar", "Ines", "Yuki", "Tom",
    ];
    let rows: Vec<_> = (0..REVIEWERS)
        .map(|i| {
            (
                users::id.eq(Uuid::now_v7()),
                users::email.eq(format!("shopper{i}@demo.daydream.localhost")),
                users::display_name.eq(format!(
                    "{} {}.",
                    first[i % first.len()],
                    (b'A' + (i as u8 % 26)) as char
                )),
                users::password_hash.eq("!demo-reviewer-cannot-sign-in"),
            )
        })
        .collect();
    diesel::insert_into(users::table)
        .values(rows)
        .returning(users::id)
        .get_results(conn)
        .await
}

/// Adds reviews to these products: 0 to 12 each, mostly approved, a few waiting for moderation.
pub async fn insert_reviews(
    conn: &mut AsyncPgConnection,
    reviewers: &[Uuid],
    product_ids: &[i64],
) -> QueryResult<()> {
    let mut rows = Vec::new();
    for &product in product_ids {
        let mut rng = StdRng::seed_from_u64(product as u64 ^ 0x5EED);
        let count = rng.random_range(0..=12usize).min(reviewers.len());
        let start = rng.random_range(0..reviewers.len());
        for k in 0..count {
            let (rating, title, body) = REVIEW_LINES[rng.random_range(0..REVIEW_LINES.len())];
            let status = if rng.random_bool(0.08) {
                "pending"
            } else {
                "approved"
            };
            rows.push((
                reviews::product_id.eq(product),
                reviews::user_id.eq(reviewers[(start + k) % reviewers.len()]),
                reviews::rating.eq(rating),
                reviews::title.eq(title),
                reviews::body.eq(body),
                reviews::status.eq(status),
                reviews::helpful_count.eq(rng.random_range(0..30)),
                reviews::created_at.eq(time::OffsetDateTime::now_utc()
                    - time::Duration::days(rng.random_range(0..200))),
            ));
        }
    }
    for chunk in rows.chunks(2000) {
        diesel::insert_into(reviews::table)
            .values(chunk)
            .execute(conn)
            .await?;
    }
    writes::refresh_rating_summary(conn, product_ids).await
}

/// Loads the demo store into an empty catalog (`count` products) and queues the drawing of
/// their pictures; returns the product ids and generated data, or nothing when a catalog
/// exists.
pub async fn ensure_demo_store(
    conn: &mut AsyncPgConnection,
    count: u64,
) -> QueryResult<Vec<(i64, GeneratedProduct)>> {
    let existing: i64 = products::table.count().get_result(conn).await?;
    if existing > 0 {
        return Ok(Vec::new());
    }
    let skeleton = insert_skeleton(conn).await?;
    let created = insert_generated(conn, &skeleton, 0, count).await?;
    let ids: Vec<i64> = created.iter().map(|(id, _)| *id).collect();
    let reviewers = reviewers(conn).await?;
    insert_reviews(conn, &reviewers, &ids).await?;
    writes::refresh_search_words(conn).await?;
    for chunk in created.chunks(12) {
        let products = chunk.iter().map(|(id, g)| (*id, g.colour)).collect();
        queue::enqueue(conn, &DrawDemoImages { products }).await?;
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        assert_eq!(slugify("Lumen & Co"), "lumen-co");
        assert_eq!(slugify("  T-shirts!! "), "t-shirts");
        assert_eq!(
            slugify("Organic Cotton Art Print"),
            "organic-cotton-art-print"
        );
    }

    #[test]
    fn generation_is_deterministic_and_varied() {
        let skeleton = Skeleton {
            leaves: vec![
                (1, 10, "Dress", Kind::Clothing),
                (2, 20, "Sneakers", Kind::Shoes),
            ],
            brands: vec![100, 101, 102],
        };
        let a = generate_product(&skeleton, 7);
        let b = generate_product(&skeleton, 7);
        assert_eq!(a.product.name, b.product.name);
        assert_eq!(a.variants.len(), b.variants.len());
        let names: std::collections::HashSet<String> = (0..50)
            .map(|n| generate_product(&skeleton, n).product.name)
            .collect();
        assert!(names.len() > 25, "names vary: {}", names.len());
        for n in 0..50 {
            let g = generate_product(&skeleton, n);
            assert!(!g.variants.is_empty());
            assert!(g.variants.iter().all(|v| v.2 > 0 && v.4 >= 0));
        }
    }
}
