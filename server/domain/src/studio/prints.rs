//! Prints of studio results, sold through the shop: the "photo print" product (made the first
//! time someone orders a print; its variants are the sizes and papers), whether a result is
//! big enough for a size at 150 dpi, and the print file rendered after payment — the result
//! cropped to the paper's shape (centred) and upscaled with Lanczos to the size at 150 dpi.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use image::DynamicImage;
use image::imageops::FilterType;

use crate::db::schema::{product_variants, products};

/// The print product's address in the shop.
pub const PRODUCT_SLUG: &str = "photo-print";
/// The resolution a print is rendered at, and below which a result is called too small.
pub const DPI: f64 = 150.0;

/// One print size: its code (in forms), its label (in the variant's options), its sides in cm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrintSize {
    pub code: &'static str,
    pub label: &'static str,
    pub short_cm: u32,
    pub long_cm: u32,
}

/// The sizes on offer, smallest first.
pub const SIZES: [PrintSize; 3] = [
    PrintSize {
        code: "20x30",
        label: "20 × 30 cm",
        short_cm: 20,
        long_cm: 30,
    },
    PrintSize {
        code: "30x40",
        label: "30 × 40 cm",
        short_cm: 30,
        long_cm: 40,
    },
    PrintSize {
        code: "50x70",
        label: "50 × 70 cm",
        short_cm: 50,
        long_cm: 70,
    },
];

/// The papers on offer: (code, label).
pub const PAPERS: [(&str, &str); 2] = [("matte", "Matte"), ("glossy", "Glossy")];

/// Each variant: (size code, paper code, price in cents).
pub const PRICES: [(&str, &str, i64); 6] = [
    ("20x30", "matte", 1900),
    ("20x30", "glossy", 2200),
    ("30x40", "matte", 2900),
    ("30x40", "glossy", 3300),
    ("50x70", "matte", 4900),
    ("50x70", "glossy", 5500),
];

impl PrintSize {
    /// The size with `code`.
    pub fn parse(code: &str) -> Option<Self> {
        SIZES.iter().copied().find(|s| s.code == code)
    }

    /// The pixels a print of this size needs at [`DPI`], as (width, height) in the picture's
    /// orientation (`landscape`: wider than tall).
    pub fn pixels(self, landscape: bool) -> (u32, u32) {
        let px = |cm: u32| (f64::from(cm) / 2.54 * DPI).round() as u32;
        let (short, long) = (px(self.short_cm), px(self.long_cm));
        if landscape {
            (long, short)
        } else {
            (short, long)
        }
    }

    /// Whether a `width` × `height` picture is too small for this size at [`DPI`] (it would
    /// be enlarged).
    pub fn too_small_for(self, width: u32, height: u32) -> bool {
        let (w, h) = self.pixels(width > height);
        width < w || height < h
    }
}

/// The price in cents of a size on a paper.
pub fn price(size: &str, paper: &str) -> Option<i64> {
    PRICES
        .iter()
        .find(|(s, p, _)| *s == size && *p == paper)
        .map(|(_, _, cents)| *cents)
}

/// The SKU of a size and paper.
pub fn sku(size: &str, paper: &str) -> String {
    format!("PRINT-{}-{}", size.to_uppercase(), paper.to_uppercase())
}

/// Makes the print category, product and variants if they do not exist yet (idempotent: safe
/// under concurrent first orders).
pub async fn ensure_product(conn: &mut AsyncPgConnection) -> QueryResult<()> {
    let exists: i64 = products::table
        .filter(products::slug.eq(PRODUCT_SLUG))
        .count()
        .get_result(conn)
        .await?;
    if exists > 0 {
        return Ok(());
    }
    conn.transaction(async |conn| {
        diesel::sql_query(
            "INSERT INTO categories (slug, name, description, position) \
             VALUES ('prints', 'Prints', 'Your own photos, restyled in the studio and printed on fine paper.', 100) \
             ON CONFLICT (slug) DO NOTHING",
        )
        .execute(conn)
        .await?;
        diesel::sql_query(
            "INSERT INTO products (slug, name, description, status, category_id, published_at) \
             SELECT $1, 'Your photo as a print', \
                    'A picture you styled in the Daydream studio, printed on archival paper and shipped flat. \
                     Choose it in your studio gallery: open a result and pick \"Order as a print\".', \
                    'active', c.id, now() \
             FROM categories c WHERE c.slug = 'prints' \
             ON CONFLICT (slug) DO NOTHING",
        )
        .bind::<diesel::sql_types::Text, _>(PRODUCT_SLUG)
        .execute(conn)
        .await?;
        let (product_id, category_id): (i64, i64) = products::table
            .filter(products::slug.eq(PRODUCT_SLUG))
            .select((products::id, products::category_id))
            .first(conn)
            .await?;
        crate::catalog::writes::insert_product_categories(conn, &[(product_id, category_id)])
            .await?;
        for (position, (size, paper, price)) in (0..).zip(PRICES) {
            let size_label = PrintSize::parse(size).map_or(size, |s| s.label);
            let paper_label = PAPERS
                .iter()
                .find(|(code, _)| *code == paper)
                .map_or(paper, |(_, label)| label);
            diesel::insert_into(product_variants::table)
                .values((
                    product_variants::product_id.eq(product_id),
                    product_variants::sku.eq(sku(size, paper)),
                    product_variants::options
                        .eq(serde_json::json!({ "size": size_label, "paper": paper_label })),
                    product_variants::price_cents.eq(price),
                    product_variants::stock.eq(100_000),
                    product_variants::low_stock_threshold.eq(0),
                    product_variants::position.eq(position),
                ))
                .on_conflict(product_variants::sku)
                .do_nothing()
                .execute(conn)
                .await?;
        }
        crate::catalog::writes::refresh_variant_summary(conn, &[product_id]).await
    })
    .await
}

/// The variant id of a size and paper (after [`ensure_product`]).
pub async fn variant(
    conn: &mut AsyncPgConnection,
    size: &str,
    paper: &str,
) -> QueryResult<Option<i64>> {
    product_variants::table
        .filter(product_variants::sku.eq(sku(size, paper)))
        .select(product_variants::id)
        .first(conn)
        .await
        .optional()
}

/// Whether variant `variant_id` is a print (it then needs a result).
pub async fn is_print(conn: &mut AsyncPgConnection, variant_id: i64) -> QueryResult<bool> {
    let n: i64 = product_variants::table
        .inner_join(products::table)
        .filter(product_variants::id.eq(variant_id))
        .filter(products::slug.eq(PRODUCT_SLUG))
        .count()
        .get_result(conn)
        .await?;
    Ok(n > 0)
}

/// The size of a print variant's options (`{"size": "30 × 40 cm", ...}`).
pub fn size_of_options(options: &serde_json::Value) -> Option<PrintSize> {
    let label = options.get("size")?.as_str()?;
    SIZES.iter().copied().find(|s| s.label == label)
}

/// The print file of `picture` for `size`: cropped to the paper's shape around the centre and
/// resized with Lanczos to the size at [`DPI`], in the picture's own orientation. CPU work:
/// call it on a blocking thread.
pub fn render(picture: &DynamicImage, size: PrintSize) -> DynamicImage {
    let (w, h) = size.pixels(picture.width() > picture.height());
    picture.resize_to_fill(w, h, FilterType::Lanczos3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_need_their_pixels_at_150_dpi_in_the_pictures_orientation() {
        let size = PrintSize::parse("20x30").unwrap();
        assert_eq!(size.pixels(false), (1181, 1772));
        assert_eq!(size.pixels(true), (1772, 1181));
        assert!(size.too_small_for(1024, 1024));
        assert!(!size.too_small_for(1800, 1200));
        assert!(!size.too_small_for(1200, 1800));
        assert!(size.too_small_for(1800, 1100));
        assert!(PrintSize::parse("10x10").is_none());
    }

    #[test]
    fn a_print_file_has_the_papers_shape_and_size() {
        let picture = DynamicImage::new_rgb8(400, 300);
        let print = render(&picture, PrintSize::parse("20x30").unwrap());
        assert_eq!((print.width(), print.height()), (1772, 1181));
        let portrait = DynamicImage::new_rgb8(300, 400);
        let print = render(&portrait, PrintSize::parse("20x30").unwrap());
        assert_eq!((print.width(), print.height()), (1181, 1772));
    }

    #[test]
    fn skus_and_options_name_the_size() {
        assert_eq!(sku("30x40", "glossy"), "PRINT-30X40-GLOSSY");
        let options = serde_json::json!({ "size": "50 × 70 cm", "paper": "Matte" });
        assert_eq!(size_of_options(&options).unwrap().code, "50x70");
    }
}
