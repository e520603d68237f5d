//! The catalog as CSV (server only): one line per variant, its product's fields repeated. The
//! export writes it; the import reads it back, groups lines by product slug and checks each
//! product with the same rules and messages as the editor's form, reporting every bad line.

use domain::catalog::editing::ExportLine;
use domain::catalog::imports::{PlannedProduct, PlannedVariant, RowError};
use domain::catalog::{Brand, Category};
use serde::Deserialize;

use crate::admin::products::fields::{ProductInput, VariantInput};
use crate::catalog::money::decimal;

/// The columns, in order.
pub const HEADER: [&str; 14] = [
    "product_slug",
    "product_name",
    "status",
    "brand",
    "category",
    "featured",
    "description",
    "sku",
    "size",
    "colour",
    "price",
    "compare_at",
    "stock",
    "low_stock",
];

/// The most lines an import takes.
pub const MAX_LINES: usize = 20_000;

/// Writes the export.
pub fn export(lines: &[ExportLine]) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(HEADER)?;
    for line in lines {
        let (p, v) = (&line.product, &line.variant);
        let option = |key: &str| {
            v.options
                .get(key)
                .and_then(|o| o.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        out.write_record(
            [
                p.slug.clone(),
                p.name.clone(),
                p.status.clone(),
                line.brand.clone().unwrap_or_default(),
                line.category.clone(),
                if p.featured { "yes" } else { "no" }.to_owned(),
                p.description.clone(),
                v.sku.clone(),
                option("size"),
                option("colour"),
                decimal(v.price_cents),
                v.compare_at_cents.map(decimal).unwrap_or_default(),
                v.stock.to_string(),
                v.low_stock_threshold.to_string(),
            ]
            .map(|cell| neutralise_formula(&cell)),
        )?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Line {
    product_slug: String,
    product_name: String,
    status: String,
    brand: String,
    category: String,
    featured: String,
    description: String,
    sku: String,
    size: String,
    colour: String,
    price: String,
    compare_at: String,
    stock: String,
    low_stock: String,
}

/// A checked file: how many lines it had, the products to write, the errors by line.
#[derive(Debug, Default)]
pub struct Checked {
    pub lines: usize,
    pub plan: Vec<PlannedProduct>,
    pub errors: Vec<RowError>,
}

fn error(line: usize, field: &str, message: impl Into<String>) -> RowError {
    RowError {
        line,
        field: field.to_owned(),
        message: message.into(),
    }
}

pub use domain::csv_cells::{neutralise_formula, restore_formula};

impl Line {
    /// Every text cell with the export's formula guard taken off.
    fn without_formula_guards(self) -> Self {
        Self {
            product_slug: restore_formula(self.product_slug),
            product_name: restore_formula(self.product_name),
            status: restore_formula(self.status),
            brand: restore_formula(self.brand),
            category: restore_formula(self.category),
            featured: restore_formula(self.featured),
            description: restore_formula(self.description),
            sku: restore_formula(self.sku),
            size: restore_formula(self.size),
            colour: restore_formula(self.colour),
            ..self
        }
    }
}

/// Reads and checks an import file against the known categories and brands (by slug).
pub fn check(bytes: &[u8], categories: &[Category], brands: &[Brand]) -> Checked {
    let mut checked = Checked::default();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes);
    match reader.headers() {
        Ok(h) if h.iter().any(|c| c == "sku") && h.iter().any(|c| c == "product_name") => {}
        _ => {
            checked.errors.push(error(
                1,
                "",
                format!(
                    "The first line must name the columns: {}.",
                    HEADER.join(", ")
                ),
            ));
            return checked;
        }
    }
    // Lines grouped by product slug, in the order products first appear.
    let mut groups: Vec<(String, Vec<(usize, Line)>)> = Vec::new();
    for (i, record) in reader.deserialize::<Line>().enumerate() {
        let number = i + 2;
        checked.lines += 1;
        if checked.lines > MAX_LINES {
            checked.errors.push(error(
                number,
                "",
                format!("A file may have at most {MAX_LINES} lines; split it."),
            ));
            break;
        }
        let line = match record {
            Ok(line) => line.without_formula_guards(),
            Err(e) => {
                checked
                    .errors
                    .push(error(number, "", format!("This line cannot be read: {e}")));
                continue;
            }
        };
        let slug = if line.product_slug.is_empty() {
            crate::admin::taxonomy::fields::slug_from(&line.product_name)
        } else {
            line.product_slug.clone()
        };
        match groups.iter_mut().find(|(s, _)| *s == slug) {
            Some((_, lines)) => lines.push((number, line)),
            None => groups.push((slug, vec![(number, line)])),
        }
    }
    for (slug, lines) in groups {
        let (first_line, first) = &lines[0];
        let input = ProductInput {
            name: first.product_name.clone(),
            slug: slug.clone(),
            description: first.description.clone(),
            status: if first.status.is_empty() {
                "draft".to_owned()
            } else {
                first.status.to_lowercase()
            },
            brand: first.brand.clone(),
            category: first.category.clone(),
            featured: matches!(first.featured.to_lowercase().as_str(), "yes" | "true" | "1"),
            variants: lines
                .iter()
                .map(|(_, l)| VariantInput {
                    id: String::new(),
                    sku: l.sku.clone(),
                    size: l.size.clone(),
                    colour: l.colour.clone(),
                    price: l.price.clone(),
                    compare_at: l.compare_at.clone(),
                    stock: l.stock.clone(),
                    low_stock: l.low_stock.clone(),
                })
                .collect(),
        };
        let valid = match input.validate() {
            Ok(valid) => valid,
            Err(errors) => {
                for (field, message) in errors {
                    // `variants[3][price]` is line 3 of the group, column `price`.
                    let located = field
                        .strip_prefix("variants[")
                        .and_then(|rest| rest.split_once("]["))
                        .and_then(|(i, col)| {
                            Some((i.parse::<usize>().ok()?, col.trim_end_matches(']')))
                        });
                    checked.errors.push(match located {
                        Some((i, column)) => error(
                            lines.get(i).map_or(*first_line, |(n, _)| *n),
                            column,
                            message,
                        ),
                        None => error(*first_line, field.as_str(), message),
                    });
                }
                continue;
            }
        };
        let Some(category) = categories.iter().find(|c| c.slug == valid.category) else {
            checked.errors.push(error(
                *first_line,
                "category",
                "There is no category with this slug.",
            ));
            continue;
        };
        let brand_id = match &valid.brand {
            None => None,
            Some(b) => match brands.iter().find(|x| &x.slug == b) {
                Some(x) => Some(x.id),
                None => {
                    checked.errors.push(error(
                        *first_line,
                        "brand",
                        "There is no brand with this slug.",
                    ));
                    continue;
                }
            },
        };
        checked.plan.push(PlannedProduct {
            slug: valid.slug,
            name: valid.name,
            description: valid.description,
            status: valid.status,
            brand_id,
            category_id: category.id,
            featured: valid.featured,
            variants: valid
                .variants
                .into_iter()
                .map(|v| PlannedVariant {
                    options: v.options(),
                    sku: v.sku,
                    price_cents: v.price_cents,
                    compare_at_cents: v.compare_at_cents,
                    stock: v.stock,
                    low_stock_threshold: v.low_stock_threshold,
                })
                .collect(),
        });
    }
    checked
}
