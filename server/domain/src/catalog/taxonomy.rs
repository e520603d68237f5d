//! Staff edits to the category tree and the brands: create, rename (a new slug keeps the old
//! one answering 301), move a category under another parent or one place up or down among its
//! siblings, delete an empty one. Each edit is one audited transaction that also keeps the
//! products' category listings (a product is listed under its category and every ancestor),
//! their search documents (which carry the brand and category names) and the typo word list
//! right.

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::models::{Brand, Category};
use super::writes::learn_words;
use crate::audit;
use crate::db::schema::{brands, categories, product_categories, products, slug_redirects};

/// A category or brand's own fields as staff submit them (already checked: slug shape,
/// lengths). A brand has no parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedDraft {
    pub name: String,
    pub slug: String,
    pub description: String,
    pub parent_id: Option<i64>,
}

/// Why a tree or brand edit was refused.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    #[error("not found")]
    NotFound,
    #[error("the slug is taken")]
    SlugTaken,
    #[error("no such parent category")]
    UnknownParent,
    #[error("a category cannot move under itself or one of its own subcategories")]
    Cycle,
    #[error("{0} product(s) still use it")]
    HasProducts(i64),
    #[error("it still has {0} subcategory(ies)")]
    HasChildren(i64),
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// One category of the admin tree with how many products are listed under it (its
/// subcategories' included) and its depth (0 for a top-level one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeRow {
    pub category: Category,
    pub depth: usize,
    pub products: i64,
}

/// A brand with how many products carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandRow {
    pub brand: Brand,
    pub products: i64,
}

/// Which way a category moves among its siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    Up,
    Down,
}

fn category_snapshot(c: &Category) -> serde_json::Value {
    serde_json::json!({
        "slug": c.slug, "name": c.name, "description": c.description,
        "parent_id": c.parent_id, "position": c.position,
    })
}

fn brand_snapshot(b: &Brand) -> serde_json::Value {
    serde_json::json!({ "slug": b.slug, "name": b.name, "description": b.description })
}

/// Maps a unique-slug failure that slipped past the check (two staff racing) to its error.
fn slug_violation(e: diesel::result::Error) -> TaxonomyError {
    use diesel::result::{DatabaseErrorKind, Error};
    match &e {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => TaxonomyError::SlugTaken,
        _ => TaxonomyError::Database(e),
    }
}

/// The categories in tree order (each parent followed by its children, by position), with
/// their depth. Categories whose parent chain is broken are left out (the database forbids it).
pub fn tree_order(all: &[Category]) -> Vec<(Category, usize)> {
    fn walk(all: &[Category], parent: Option<i64>, depth: usize, out: &mut Vec<(Category, usize)>) {
        let mut children: Vec<&Category> = all.iter().filter(|c| c.parent_id == parent).collect();
        children.sort_by(|a, b| (a.position, &a.name).cmp(&(b.position, &b.name)));
        for c in children {
            if out.iter().any(|(seen, _)| seen.id == c.id) {
                continue;
            }
            out.push((c.clone(), depth));
            walk(all, Some(c.id), depth + 1, out);
        }
    }
    let mut out = Vec::with_capacity(all.len());
    walk(all, None, 0, &mut out);
    out
}

/// Each category's top-level ancestor (a top-level category is its own).
pub fn top_level(all: &[Category]) -> std::collections::HashMap<i64, i64> {
    let mut root = 0;
    tree_order(all)
        .into_iter()
        .map(|(c, depth)| {
            if depth == 0 {
                root = c.id;
            }
            (c.id, root)
        })
        .collect()
}

/// `root` and every category below it.
pub fn subtree(all: &[Category], root: i64) -> Vec<i64> {
    let mut ids = vec![root];
    let mut i = 0;
    while i < ids.len() {
        let parent = ids[i];
        ids.extend(
            all.iter()
                .filter(|c| c.parent_id == Some(parent))
                .map(|c| c.id),
        );
        i += 1;
    }
    ids
}

/// The whole tree for the admin, with product counts.
pub async fn category_tree(conn: &mut AsyncPgConnection) -> QueryResult<Vec<TreeRow>> {
    let all = super::reads::all_categories(conn).await?;
    let counts: Vec<(i64, i64)> = product_categories::table
        .group_by(product_categories::category_id)
        .select((product_categories::category_id, diesel::dsl::count_star()))
        .load(conn)
        .await?;
    Ok(tree_order(&all)
        .into_iter()
        .map(|(category, depth)| TreeRow {
            products: counts
                .iter()
                .find(|(id, _)| *id == category.id)
                .map_or(0, |(_, n)| *n),
            category,
            depth,
        })
        .collect())
}

/// Every brand by name, with product counts.
pub async fn brand_list(conn: &mut AsyncPgConnection) -> QueryResult<Vec<BrandRow>> {
    let all = super::reads::all_brands(conn).await?;
    let counts: Vec<(Option<i64>, i64)> = products::table
        .filter(products::brand_id.is_not_null())
        .group_by(products::brand_id)
        .select((products::brand_id, diesel::dsl::count_star()))
        .load(conn)
        .await?;
    Ok(all
        .into_iter()
        .map(|brand| BrandRow {
            products: counts
                .iter()
                .find(|(id, _)| *id == Some(brand.id))
                .map_or(0, |(_, n)| *n),
            brand,
        })
        .collect())
}

/// One category, for its editor.
pub async fn category(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Option<Category>> {
    categories::table
        .find(id)
        .select(Category::as_select())
        .first(conn)
        .await
        .optional()
}

/// One brand, for its editor.
pub async fn brand(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Option<Brand>> {
    brands::table
        .find(id)
        .select(Brand::as_select())
        .first(conn)
        .await
        .optional()
}

/// The next free position among `parent`'s children.
async fn next_position(conn: &mut AsyncPgConnection, parent: Option<i64>) -> QueryResult<i32> {
    let query = categories::table
        .select(diesel::dsl::max(categories::position))
        .into_boxed();
    let query = match parent {
        Some(p) => query.filter(categories::parent_id.eq(p)),
        None => query.filter(categories::parent_id.is_null()),
    };
    let max: Option<i32> = query.first(conn).await?;
    Ok(max.map_or(0, |m| m.saturating_add(1)))
}

/// Lists every product of the categories `ids` under its category and each ancestor anew
/// (after a category moved in the tree).
async fn relist_products_of(conn: &mut AsyncPgConnection, ids: &[i64]) -> QueryResult<()> {
    diesel::sql_query(
        "DELETE FROM product_categories WHERE product_id IN \
         (SELECT id FROM products WHERE category_id = ANY($1))",
    )
    .bind::<diesel::sql_types::Array<BigInt>, _>(ids)
    .execute(conn)
    .await?;
    diesel::sql_query(
        "WITH RECURSIVE listed (product_id, category_id) AS ( \
             SELECT id, category_id FROM products WHERE category_id = ANY($1) \
             UNION ALL \
             SELECT l.product_id, c.parent_id FROM listed l \
             JOIN categories c ON c.id = l.category_id WHERE c.parent_id IS NOT NULL) \
         INSERT INTO product_categories (product_id, category_id) \
         SELECT product_id, category_id FROM listed ON CONFLICT DO NOTHING",
    )
    .bind::<diesel::sql_types::Array<BigInt>, _>(ids)
    .execute(conn)
    .await?;
    Ok(())
}

/// Keeps the old slug answering with a redirect to `target_id` (and frees the new one should
/// it have been an old slug itself).
async fn remember_slug(
    conn: &mut AsyncPgConnection,
    kind: &str,
    old: &str,
    new: &str,
    target_id: i64,
) -> QueryResult<()> {
    diesel::delete(
        slug_redirects::table
            .filter(slug_redirects::kind.eq(kind))
            .filter(slug_redirects::old_slug.eq(new)),
    )
    .execute(conn)
    .await?;
    diesel::insert_into(slug_redirects::table)
        .values((
            slug_redirects::kind.eq(kind),
            slug_redirects::old_slug.eq(old),
            slug_redirects::target_id.eq(target_id),
        ))
        .on_conflict((slug_redirects::kind, slug_redirects::old_slug))
        .do_update()
        .set(slug_redirects::target_id.eq(target_id))
        .execute(conn)
        .await?;
    Ok(())
}

/// Drops the old slugs that pointed at a deleted category or brand.
async fn forget_slugs(conn: &mut AsyncPgConnection, kind: &str, target_id: i64) -> QueryResult<()> {
    diesel::delete(
        slug_redirects::table
            .filter(slug_redirects::kind.eq(kind))
            .filter(slug_redirects::target_id.eq(target_id)),
    )
    .execute(conn)
    .await?;
    Ok(())
}

async fn check_parent(
    conn: &mut AsyncPgConnection,
    id: Option<i64>,
    parent: Option<i64>,
) -> Result<(), TaxonomyError> {
    let Some(parent) = parent else {
        return Ok(());
    };
    let all = super::reads::all_categories(conn).await?;
    if !all.iter().any(|c| c.id == parent) {
        return Err(TaxonomyError::UnknownParent);
    }
    if let Some(id) = id
        && subtree(&all, id).contains(&parent)
    {
        return Err(TaxonomyError::Cycle);
    }
    Ok(())
}

/// Creates a category at the end of its parent's children (audited); returns its id.
pub async fn create_category(
    conn: &mut AsyncPgConnection,
    actor: Uuid,
    draft: &NamedDraft,
    request_id: Option<String>,
) -> Result<i64, TaxonomyError> {
    conn.transaction(async |conn| {
        check_parent(conn, None, draft.parent_id).await?;
        let position = next_position(conn, draft.parent_id).await?;
        let created: Category = diesel::insert_into(categories::table)
            .values((
                categories::parent_id.eq(draft.parent_id),
                categories::slug.eq(&draft.slug),
                categories::name.eq(&draft.name),
                categories::description.eq(&draft.description),
                categories::position.eq(position),
            ))
            .returning(Category::as_returning())
            .get_result(conn)
            .await
            .map_err(slug_violation)?;
        learn_words(conn, &draft.name).await?;
        audit::record(
            conn,
            &audit::Entry {
                actor_id: actor,
                action: "category.create",
                subject_type: "category",
                subject_id: created.id.to_string(),
                before: None,
                after: Some(category_snapshot(&created)),
                request_id,
            },
        )
        .await?;
        Ok(created.id)
    })
    .await
}

/// Replaces category `id`'s fields (audited). A new parent puts it last among its new
/// siblings and relists the products of its whole subtree; a new name reaches the products'
/// search documents.
pub async fn update_category(
    conn: &mut AsyncPgConnection,
    actor: Uuid,
    id: i64,
    draft: &NamedDraft,
    request_id: Option<String>,
) -> Result<(), TaxonomyError> {
    conn.transaction(async |conn| {
        let before = category(conn, id).await?.ok_or(TaxonomyError::NotFound)?;
        check_parent(conn, Some(id), draft.parent_id).await?;
        let moved = before.parent_id != draft.parent_id;
        let position = if moved {
            next_position(conn, draft.parent_id).await?
        } else {
            before.position
        };
        let after: Category = diesel::update(categories::table.find(id))
            .set((
                categories::parent_id.eq(draft.parent_id),
                categories::slug.eq(&draft.slug),
                categories::name.eq(&draft.name),
                categories::description.eq(&draft.description),
                categories::position.eq(position),
            ))
            .returning(Category::as_returning())
            .get_result(conn)
            .await
            .map_err(slug_violation)?;
        if before.slug != after.slug {
            remember_slug(conn, "category", &before.slug, &after.slug, id).await?;
        }
        if moved {
            let all = super::reads::all_categories(conn).await?;
            relist_products_of(conn, &subtree(&all, id)).await?;
        }
        if before.name != after.name {
            // Setting the column fires the trigger that rebuilds the search document.
            diesel::update(products::table.filter(products::category_id.eq(id)))
                .set(products::category_id.eq(products::category_id))
                .execute(conn)
                .await?;
            learn_words(conn, &after.name).await?;
        }
        audit::record(
            conn,
            &audit::Entry {
                actor_id: actor,
                action: "category.update",
                subject_type: "category",
                subject_id: id.to_string(),
                before: Some(category_snapshot(&before)),
                after: Some(category_snapshot(&after)),
                request_id,
            },
        )
        .await?;
        Ok(())
    })
    .await
}

/// Moves category `id` one place up or down among its siblings (audited); positions are
/// renumbered 0.. in the new order. At either end it stays.
pub async fn shift_category(
    conn: &mut AsyncPgConnection,
    actor: Uuid,
    id: i64,
    shift: Shift,
    request_id: Option<String>,
) -> Result<(), TaxonomyError> {
    conn.transaction(async |conn| {
        let me = category(conn, id).await?.ok_or(TaxonomyError::NotFound)?;
        let mut siblings: Vec<Category> = categories::table
            .filter(categories::parent_id.is_not_distinct_from(me.parent_id))
            .select(Category::as_select())
            .order((categories::position, categories::name))
            .for_update()
            .load(conn)
            .await?;
        let at = siblings
            .iter()
            .position(|c| c.id == id)
            .ok_or(TaxonomyError::NotFound)?;
        let before: Vec<i64> = siblings.iter().map(|c| c.id).collect();
        match shift {
            Shift::Up if at > 0 => siblings.swap(at, at - 1),
            Shift::Down if at + 1 < siblings.len() => siblings.swap(at, at + 1),
            _ => return Ok(()),
        }
        for (position, c) in siblings.iter().enumerate() {
            diesel::update(categories::table.find(c.id))
                .set(categories::position.eq(i32::try_from(position).unwrap_or(i32::MAX)))
                .execute(conn)
                .await?;
        }
        let after: Vec<i64> = siblings.iter().map(|c| c.id).collect();
        audit::record(
            conn,
            &audit::Entry {
                actor_id: actor,
                action: "category.reorder",
                subject_type: "category",
                subject_id: id.to_string(),
                before: Some(serde_json::json!({ "order": before })),
                after: Some(serde_json::json!({ "order": after })),
                request_id,
            },
        )
        .await?;
        Ok(())
    })
    .await
}

/// Deletes category `id` (audited) when it has no subcategory and no product lists under it
/// (products of any status: drafts and archived ones keep their category).
pub async fn delete_category(
    conn: &mut AsyncPgConnection,
    actor: Uuid,
    id: i64,
    request_id: Option<String>,
) -> Result<(), TaxonomyError> {
    conn.transaction(async |conn| {
        let before = category(conn, id).await?.ok_or(TaxonomyError::NotFound)?;
        let children: i64 = categories::table
            .filter(categories::parent_id.eq(id))
            .count()
            .get_result(conn)
            .await?;
        if children > 0 {
            return Err(TaxonomyError::HasChildren(children));
        }
        let used: i64 = products::table
            .filter(products::category_id.eq(id))
            .count()
            .get_result(conn)
            .await?;
        if used > 0 {
            return Err(TaxonomyError::HasProducts(used));
        }
        forget_slugs(conn, "category", id).await?;
        diesel::delete(categories::table.find(id))
            .execute(conn)
            .await?;
        audit::record(
            conn,
            &audit::Entry {
                actor_id: actor,
                action: "category.delete",
                subject_type: "category",
                subject_id: id.to_string(),
                before: Some(category_snapshot(&before)),
                after: None,
                request_id,
            },
        )
        .await?;
        Ok(())
    })
    .await
}

/// Creates a brand (audited); returns its id.
pub async fn create_brand(
    conn: &mut AsyncPgConnection,
    actor: Uuid,
    draft: &NamedDraft,
    request_id: Option<String>,
) -> Result<i64, TaxonomyError> {
    conn.transaction(async |conn| {
        let created: Brand = diesel::insert_into(brands::table)
            .values((
                brands::slug.eq(&draft.slug),
                brands::name.eq(&draft.name),
                brands::description.eq(&draft.description),
            ))
            .returning(Brand::as_returning())
            .get_result(conn)
            .await
            .map_err(slug_violation)?;
        learn_words(conn, &draft.name).await?;
        audit::record(
            conn,
            &audit::Entry {
                actor_id: actor,
                action: "brand.create",
                subject_type: "brand",
                subject_id: created.id.to_string(),
                before: None,
                after: Some(brand_snapshot(&created)),
                request_id,
            },
        )
        .await?;
        Ok(created.id)
    })
    .await
}

/// Replaces brand `id`'s fields (audited); a new name reaches its products' search documents.
pub async fn update_brand(
    conn: &mut AsyncPgConnection,
    actor: Uuid,
    id: i64,
    draft: &NamedDraft,
    request_id: Option<String>,
) -> Result<(), TaxonomyError> {
    conn.transaction(async |conn| {
        let before = brand(conn, id).await?.ok_or(TaxonomyError::NotFound)?;
        let after: Brand = diesel::update(brands::table.find(id))
            .set((
                brands::slug.eq(&draft.slug),
                brands::name.eq(&draft.name),
                brands::description.eq(&draft.description),
            ))
            .returning(Brand::as_returning())
            .get_result(conn)
            .await
            .map_err(slug_violation)?;
        if before.slug != after.slug {
            remember_slug(conn, "brand", &before.slug, &after.slug, id).await?;
        }
        if before.name != after.name {
            diesel::update(products::table.filter(products::brand_id.eq(id)))
                .set(products::brand_id.eq(products::brand_id))
                .execute(conn)
                .await?;
            learn_words(conn, &after.name).await?;
        }
        audit::record(
            conn,
            &audit::Entry {
                actor_id: actor,
                action: "brand.update",
                subject_type: "brand",
                subject_id: id.to_string(),
                before: Some(brand_snapshot(&before)),
                after: Some(brand_snapshot(&after)),
                request_id,
            },
        )
        .await?;
        Ok(())
    })
    .await
}

/// Deletes brand `id` (audited) when no product carries it.
pub async fn delete_brand(
    conn: &mut AsyncPgConnection,
    actor: Uuid,
    id: i64,
    request_id: Option<String>,
) -> Result<(), TaxonomyError> {
    conn.transaction(async |conn| {
        let before = brand(conn, id).await?.ok_or(TaxonomyError::NotFound)?;
        let used: i64 = products::table
            .filter(products::brand_id.eq(id))
            .count()
            .get_result(conn)
            .await?;
        if used > 0 {
            return Err(TaxonomyError::HasProducts(used));
        }
        forget_slugs(conn, "brand", id).await?;
        diesel::delete(brands::table.find(id)).execute(conn).await?;
        audit::record(
            conn,
            &audit::Entry {
                actor_id: actor,
                action: "brand.delete",
                subject_type: "brand",
                subject_id: id.to_string(),
                before: Some(brand_snapshot(&before)),
                after: None,
                request_id,
            },
        )
        .await?;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(id: i64, parent: Option<i64>, position: i32, name: &str) -> Category {
        Category {
            id,
            parent_id: parent,
            slug: name.to_lowercase(),
            name: name.into(),
            description: String::new(),
            position,
        }
    }

    #[test]
    fn tree_order_puts_children_under_their_parent_by_position() {
        let all = vec![
            cat(1, None, 1, "Home"),
            cat(2, None, 0, "Clothing"),
            cat(3, Some(2), 1, "Shirts"),
            cat(4, Some(2), 0, "Coats"),
            cat(5, Some(1), 0, "Lamps"),
        ];
        let order: Vec<(i64, usize)> = tree_order(&all).iter().map(|(c, d)| (c.id, *d)).collect();
        assert_eq!(order, vec![(2, 0), (4, 1), (3, 1), (1, 0), (5, 1)]);
    }

    #[test]
    fn subtree_holds_every_descendant_and_nothing_else() {
        let all = vec![
            cat(1, None, 0, "A"),
            cat(2, Some(1), 0, "B"),
            cat(3, Some(2), 0, "C"),
            cat(4, None, 0, "D"),
        ];
        let mut ids = subtree(&all, 1);
        ids.sort_unstable();
        assert_eq!(ids, vec![1, 2, 3]);
        assert_eq!(subtree(&all, 4), vec![4]);
    }
}
