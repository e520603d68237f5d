//! The category tree's and the brands' server functions (staff only): the lists with product
//! counts, one entry for its editor, save (create or update), move a category up or down,
//! delete an unused one. Categories and brands share the editor and its functions (`kind`). Every write is audited in its transaction and drops the page cache.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::admin::taxonomy::fields::NamedInput;
use crate::error::AppError;

/// One category of the tree as the admin lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeItem {
    pub id: i64,
    pub name: String,
    pub slug: String,
    /// 0 for a top-level category.
    pub depth: u32,
    /// Products listed under it, its subcategories' included.
    pub products: i64,
    /// First or last among its siblings (no "up" or "down" then).
    pub first: bool,
    pub last: bool,
}

/// The tree and the parents a new category can go under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeView {
    pub rows: Vec<TreeItem>,
    /// (slug, label) of every category, indented by depth.
    pub parents: Vec<(String, String)>,
}

/// A brand as the admin lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandItem {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub products: i64,
}

/// What a category or brand editor shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedEntry {
    pub id: i64,
    pub input: NamedInput,
    /// (slug, label) of the categories it may move under (not itself nor its subtree); empty
    /// for a brand.
    pub parents: Vec<(String, String)>,
    pub products: i64,
}

#[cfg(feature = "ssr")]
fn taxonomy_error(e: domain::catalog::taxonomy::TaxonomyError) -> AppError {
    use domain::catalog::taxonomy::TaxonomyError as E;
    match e {
        E::NotFound => AppError::NotFound,
        E::SlugTaken => AppError::validation("slug", "This slug is already taken."),
        E::UnknownParent => AppError::validation("parent", "Pick a parent from the list."),
        E::Cycle => AppError::validation(
            "parent",
            "A category cannot go under itself or one of its subcategories.",
        ),
        E::HasProducts(n) => AppError::Conflict {
            message: format!("{n} product(s) still use it: move them elsewhere first."),
        },
        E::HasChildren(n) => AppError::Conflict {
            message: format!("It still has {n} subcategory(ies): move or delete them first."),
        },
        E::Database(e) => AppError::internal(e),
    }
}

/// (slug, label) of the categories in tree order, leaving out `except`.
#[cfg(feature = "ssr")]
fn parent_choices(
    ordered: &[(domain::catalog::Category, usize)],
    except: &[i64],
) -> Vec<(String, String)> {
    ordered
        .iter()
        .filter(|(c, _)| !except.contains(&c.id))
        .map(|(c, depth)| (c.slug.clone(), format!("{}{}", "— ".repeat(*depth), c.name)))
        .collect()
}

#[cfg(feature = "ssr")]
fn input_checked(
    input: &NamedInput,
) -> Result<crate::admin::taxonomy::fields::ValidNamed, AppError> {
    input.validate().map_err(|errors| {
        AppError::fields(errors.iter().map(|(f, m)| (f.as_str(), Some(*m))))
            .unwrap_or(AppError::Internal)
    })
}

/// The whole category tree with product counts (staff only).
#[server(prefix = "/api", endpoint = "admin_categories")]
pub async fn category_tree() -> Result<TreeView, AppError> {
    use domain::catalog::taxonomy;
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let rows = taxonomy::category_tree(&mut conn).await?;
    let siblings = |parent: Option<i64>| {
        rows.iter()
            .filter(move |r| r.category.parent_id == parent)
            .map(|r| r.category.id)
    };
    let items = rows
        .iter()
        .map(|r| TreeItem {
            id: r.category.id,
            name: r.category.name.clone(),
            slug: r.category.slug.clone(),
            depth: u32::try_from(r.depth).unwrap_or(u32::MAX),
            products: r.products,
            first: siblings(r.category.parent_id).next() == Some(r.category.id),
            last: siblings(r.category.parent_id).next_back() == Some(r.category.id),
        })
        .collect();
    let ordered: Vec<_> = rows.into_iter().map(|r| (r.category, r.depth)).collect();
    Ok(TreeView {
        rows: items,
        parents: parent_choices(&ordered, &[]),
    })
}

/// Which list an entry belongs to: the category tree or the brands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Taxon {
    Category,
    Brand,
}

impl Taxon {
    /// The form value and URL segment (`categories`, `brands`).
    pub fn plural(self) -> &'static str {
        match self {
            Taxon::Category => "categories",
            Taxon::Brand => "brands",
        }
    }

    /// From a form's `kind` field.
    pub fn parse(kind: &str) -> Result<Self, AppError> {
        match kind.trim() {
            "categories" => Ok(Taxon::Category),
            "brands" => Ok(Taxon::Brand),
            _ => Err(AppError::NotFound),
        }
    }
}

/// Category or brand (`kind` = `categories` or `brands`) `id` for its editor (staff only).
#[server(prefix = "/api", endpoint = "admin_named")]
pub async fn named_editor(kind: String, id: i64) -> Result<NamedEntry, AppError> {
    use domain::catalog::taxonomy;
    crate::accounts::auth::require_staff().await?;
    let kind = Taxon::parse(&kind)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let db = AppError::internal;
    if kind == Taxon::Brand {
        let row = taxonomy::brand_list(&mut conn)
            .await
            .map_err(db)?
            .into_iter()
            .find(|r| r.brand.id == id)
            .ok_or(AppError::NotFound)?;
        return Ok(NamedEntry {
            id,
            input: NamedInput {
                name: row.brand.name,
                slug: row.brand.slug,
                description: row.brand.description,
                parent: String::new(),
            },
            parents: Vec::new(),
            products: row.products,
        });
    }
    let rows = taxonomy::category_tree(&mut conn).await.map_err(db)?;
    let row = rows
        .iter()
        .find(|r| r.category.id == id)
        .ok_or(AppError::NotFound)?;
    let all: Vec<_> = rows.iter().map(|r| r.category.clone()).collect();
    let parent = row
        .category
        .parent_id
        .and_then(|p| all.iter().find(|c| c.id == p))
        .map(|c| c.slug.clone())
        .unwrap_or_default();
    let ordered: Vec<_> = rows.iter().map(|r| (r.category.clone(), r.depth)).collect();
    Ok(NamedEntry {
        id,
        input: NamedInput {
            name: row.category.name.clone(),
            slug: row.category.slug.clone(),
            description: row.category.description.clone(),
            parent,
        },
        parents: parent_choices(&ordered, &taxonomy::subtree(&all, id)),
        products: row.products,
    })
}

/// Saves a category or brand form (`kind` = `categories` or `brands`): creates one when `id`
/// is absent, else updates entry `id` (staff only; audited). A new entry goes back to its
/// list, an edit to its editor.
#[server(prefix = "/api", endpoint = "admin_save_named")]
pub async fn save_named(
    kind: String,
    id: Option<i64>,
    name: String,
    slug: String,
    description: String,
    parent: Option<String>,
) -> Result<(), AppError> {
    let staff = crate::accounts::auth::require_staff().await?;
    let kind = Taxon::parse(&kind)?;
    let input = NamedInput {
        name,
        slug,
        description,
        parent: parent.unwrap_or_default(),
    };
    let saved = store_named(staff.id, kind, id, &input)
        .await
        .map_err(|e| e.keeping(&input))?;
    let to = match id {
        None => format!("/admin/{}?saved={saved}", kind.plural()),
        Some(_) => format!("/admin/{}/{saved}?saved=1", kind.plural()),
    };
    leptos_axum::redirect(&to);
    Ok(())
}

/// Checks and saves a category or brand form; the entry's id.
#[cfg(feature = "ssr")]
async fn store_named(
    staff: uuid::Uuid,
    kind: Taxon,
    id: Option<i64>,
    input: &NamedInput,
) -> Result<i64, AppError> {
    use domain::catalog::taxonomy::{self, NamedDraft};
    let valid = input_checked(input)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let parent_id = match (&valid.parent, kind) {
        (Some(slug), Taxon::Category) => Some(
            domain::catalog::reads::all_categories(&mut conn)
                .await?
                .iter()
                .find(|c| &c.slug == slug)
                .map(|c| c.id)
                .ok_or_else(|| AppError::validation("parent", "Pick a parent from the list."))?,
        ),
        _ => None,
    };
    let draft = NamedDraft {
        name: valid.naming.name,
        slug: valid.naming.slug,
        description: valid.naming.description,
        parent_id,
    };
    let request_id = crate::server_context::ServerContext::request_id();
    let saved = match (kind, id) {
        (Taxon::Category, None) => {
            taxonomy::create_category(&mut conn, staff, &draft, request_id).await
        }
        (Taxon::Category, Some(id)) => {
            taxonomy::update_category(&mut conn, staff, id, &draft, request_id)
                .await
                .map(|()| id)
        }
        (Taxon::Brand, None) => taxonomy::create_brand(&mut conn, staff, &draft, request_id).await,
        (Taxon::Brand, Some(id)) => {
            taxonomy::update_brand(&mut conn, staff, id, &draft, request_id)
                .await
                .map(|()| id)
        }
    }
    .map_err(taxonomy_error)?;
    ctx.catalog_changed().await;
    Ok(saved)
}

/// Deletes a category or brand (`kind` = `categories` or `brands`) when nothing uses it
/// (staff only; audited).
#[server(prefix = "/api", endpoint = "admin_delete_named")]
pub async fn delete_named(kind: String, id: i64) -> Result<(), AppError> {
    use domain::catalog::taxonomy;
    let staff = crate::accounts::auth::require_staff().await?;
    let kind = Taxon::parse(&kind)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let request_id = crate::server_context::ServerContext::request_id();
    match kind {
        Taxon::Category => taxonomy::delete_category(&mut conn, staff.id, id, request_id).await,
        Taxon::Brand => taxonomy::delete_brand(&mut conn, staff.id, id, request_id).await,
    }
    .map_err(taxonomy_error)?;
    ctx.catalog_changed().await;
    leptos_axum::redirect(&format!("/admin/{}?deleted=1", kind.plural()));
    Ok(())
}

/// Moves category `id` one place `up` or `down` among its siblings (staff only; audited).
#[server(prefix = "/api", endpoint = "admin_shift_category")]
pub async fn shift_category(id: i64, direction: String) -> Result<(), AppError> {
    use domain::catalog::taxonomy::{self, Shift};
    let staff = crate::accounts::auth::require_staff().await?;
    let shift = match direction.as_str() {
        "up" => Shift::Up,
        "down" => Shift::Down,
        _ => return Err(AppError::validation("direction", "Pick up or down.")),
    };
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let request_id = crate::server_context::ServerContext::request_id();
    taxonomy::shift_category(&mut conn, staff.id, id, shift, request_id)
        .await
        .map_err(taxonomy_error)?;
    ctx.catalog_changed().await;
    leptos_axum::redirect("/admin/categories");
    Ok(())
}

/// Every brand with product counts (staff only).
#[server(prefix = "/api", endpoint = "admin_brands")]
pub async fn brand_list() -> Result<Vec<BrandItem>, AppError> {
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let rows = domain::catalog::taxonomy::brand_list(&mut conn).await?;
    Ok(rows
        .into_iter()
        .map(|r| BrandItem {
            id: r.brand.id,
            name: r.brand.name,
            slug: r.brand.slug,
            products: r.products,
        })
        .collect())
}
