//! Staff edits of the style catalog (`/admin/styles`): categories and styles created and
//! changed (every field checked, a prompt template's placeholders included, before anything is
//! written), examples uploaded as before/after pairs of public pictures and removed with their
//! files. Every write is audited in its own transaction. A style is withdrawn (inactive), never
//! deleted: jobs and results keep pointing at it.

use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error};
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use serde_json::json;

use super::jobs::Params;
use super::local::Recipe;
use super::prompt;
use super::styles::{Category, Example, Style, examples};
use crate::audit::{self, Entry};
use crate::db::schema::{style_categories, style_examples, styles};
use crate::media::Visibility;
use crate::media::queries::{self, NewImage, StoreError};
use crate::media::store::MediaStore;
use crate::media::upload::UploadError;

/// A style as the admin's form sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct StyleForm {
    pub category_id: i64,
    pub name: String,
    pub slug: String,
    pub description: String,
    /// `local` or `openai`.
    pub engine: String,
    /// The local look, as JSON (local styles).
    pub recipe: String,
    /// The prompt template (OpenAI styles).
    pub prompt_template: String,
    pub params: Params,
    pub supports_transparency: bool,
    pub premium: bool,
    pub active: bool,
}

/// A category as the admin's form sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryForm {
    pub name: String,
    pub slug: String,
    pub icon: String,
    pub colour: String,
    pub position: i32,
}

/// Why a staff edit was refused; `Field` names the form field at fault.
#[derive(Debug, thiserror::Error)]
pub enum AdminStyleError {
    #[error("{message}")]
    Field {
        field: &'static str,
        message: String,
    },
    #[error("There is no such style, category or example.")]
    NotFound,
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("files: {0}")]
    Files(String),
}

impl From<StoreError> for AdminStyleError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Database(e) => Self::Database(e),
            other => Self::Files(other.to_string()),
        }
    }
}

fn field(field: &'static str, message: impl Into<String>) -> AdminStyleError {
    AdminStyleError::Field {
        field,
        message: message.into(),
    }
}

/// Whether `slug` is lowercase words joined by single hyphens.
fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 80
        && slug.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A unique-slug violation as the slug field's error.
fn slug_taken(e: Error) -> AdminStyleError {
    match e {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
            field("slug", "That address is taken; choose another.")
        }
        Error::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
            field("category_id", "Choose a category.")
        }
        other => AdminStyleError::Database(other),
    }
}

/// Checks every field of `form`; the first fault, by field.
pub fn check_style(form: &StyleForm) -> Result<(), AdminStyleError> {
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(field("name", "A name is 1 to 80 characters."));
    }
    if !is_slug(&form.slug) {
        return Err(field(
            "slug",
            "An address is lowercase letters and digits in words joined by hyphens.",
        ));
    }
    if form.description.chars().count() > 2000 {
        return Err(field(
            "description",
            "A description is at most 2000 characters.",
        ));
    }
    form.params.check().map_err(|e| match e {
        super::jobs::JobError::BadParameter { field: f, allowed } => {
            field(f, format!("Choose one of: {allowed}."))
        }
        other => field("", other.to_string()),
    })?;
    if form.params.background == "transparent" && !form.supports_transparency {
        return Err(field(
            "background",
            "A transparent background needs a style that supports transparency.",
        ));
    }
    match form.engine.as_str() {
        "local" => {
            serde_json::from_str::<Recipe>(&form.recipe).map_err(|e| {
                field(
                    "recipe",
                    format!("The local look is not a recipe this engine knows: {e}."),
                )
            })?;
        }
        "openai" => prompt::check(&form.prompt_template)
            .map_err(|e| field("prompt_template", e.to_string()))?,
        _ => return Err(field("engine", "Choose the local engine or OpenAI.")),
    }
    Ok(())
}

/// The columns of `form` as stored.
fn style_json(form: &StyleForm) -> serde_json::Value {
    json!({
        "category_id": form.category_id, "name": form.name.trim(), "slug": form.slug,
        "engine": form.engine, "premium": form.premium, "active": form.active,
        "quality": form.params.quality, "background": form.params.background,
        "output_format": form.params.output_format, "size": form.params.size,
    })
}

/// Creates (`id` = `None`) or changes style `id` from `form`, audited; returns its id.
pub async fn save_style(
    conn: &mut AsyncPgConnection,
    staff: uuid::Uuid,
    id: Option<i64>,
    form: &StyleForm,
) -> Result<i64, AdminStyleError> {
    check_style(form)?;
    let local = form.engine == "local";
    let recipe: Option<serde_json::Value> = if local {
        Some(serde_json::from_str(&form.recipe).map_err(|e| field("recipe", e.to_string()))?)
    } else {
        None
    };
    let template = if local {
        String::new()
    } else {
        form.prompt_template.trim().to_owned()
    };
    let values = (
        styles::category_id.eq(form.category_id),
        styles::name.eq(form.name.trim().to_owned()),
        styles::slug.eq(form.slug.clone()),
        styles::description.eq(form.description.trim().to_owned()),
        styles::engine.eq(form.engine.clone()),
        styles::local_recipe.eq(recipe),
        styles::prompt_template.eq(template),
        styles::quality.eq(form.params.quality.clone()),
        styles::background.eq(form.params.background.clone()),
        styles::output_format.eq(form.params.output_format.clone()),
        styles::size.eq(form.params.size.clone()),
        styles::supports_transparency.eq(form.supports_transparency),
        styles::premium.eq(form.premium),
        styles::active.eq(form.active),
    );
    conn.transaction(async |conn| {
        let (id, before) = match id {
            None => {
                let id: i64 = diesel::insert_into(styles::table)
                    .values(values)
                    .returning(styles::id)
                    .get_result(conn)
                    .await
                    .map_err(slug_taken)?;
                (id, None)
            }
            Some(id) => {
                let before = style_by_id(conn, id).await?.ok_or(AdminStyleError::NotFound)?;
                diesel::update(styles::table.find(id))
                    .set(values)
                    .execute(conn)
                    .await
                    .map_err(slug_taken)?;
                (id, Some(json!({ "name": before.name, "slug": before.slug, "active": before.active })))
            }
        };
        audit::record(
            conn,
            &Entry {
                actor_id: staff,
                action: if before.is_none() { "style.create" } else { "style.update" },
                subject_type: "style",
                subject_id: id.to_string(),
                before,
                after: Some(style_json(form)),
                request_id: None,
            },
        )
        .await?;
        Ok(id)
    })
    .await
}

/// Checks a category form.
pub fn check_category(form: &CategoryForm) -> Result<(), AdminStyleError> {
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        return Err(field("name", "A name is 1 to 60 characters."));
    }
    if !is_slug(&form.slug) {
        return Err(field(
            "slug",
            "An address is lowercase letters and digits in words joined by hyphens.",
        ));
    }
    if form.icon.chars().count() > 8 {
        return Err(field("icon", "An icon is a few characters (an emoji)."));
    }
    let colour_ok = form.colour.len() == 7
        && form.colour.starts_with('#')
        && form.colour[1..]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !colour_ok {
        return Err(field(
            "colour",
            "A colour is # and six lowercase hex digits, e.g. #4f46e5.",
        ));
    }
    Ok(())
}

/// Creates (`id` = `None`) or changes category `id`, audited; returns its id.
pub async fn save_category(
    conn: &mut AsyncPgConnection,
    staff: uuid::Uuid,
    id: Option<i64>,
    form: &CategoryForm,
) -> Result<i64, AdminStyleError> {
    check_category(form)?;
    let values = (
        style_categories::name.eq(form.name.trim().to_owned()),
        style_categories::slug.eq(form.slug.clone()),
        style_categories::icon.eq(form.icon.trim().to_owned()),
        style_categories::colour.eq(form.colour.clone()),
        style_categories::position.eq(form.position),
    );
    conn.transaction(async |conn| {
        let id = match id {
            None => diesel::insert_into(style_categories::table)
                .values(values)
                .returning(style_categories::id)
                .get_result(conn)
                .await
                .map_err(slug_taken)?,
            Some(id) => {
                let n = diesel::update(style_categories::table.find(id))
                    .set(values)
                    .execute(conn)
                    .await
                    .map_err(slug_taken)?;
                if n == 0 {
                    return Err(AdminStyleError::NotFound);
                }
                id
            }
        };
        audit::record(
            conn,
            &Entry {
                actor_id: staff,
                action: "style_category.save",
                subject_type: "style_category",
                subject_id: id.to_string(),
                before: None,
                after: Some(json!({ "name": form.name.trim(), "slug": form.slug, "position": form.position })),
                request_id: None,
            },
        )
        .await?;
        Ok(id)
    })
    .await
}

/// Every style, withdrawn ones too, by category then name.
pub async fn all_styles(conn: &mut AsyncPgConnection) -> QueryResult<Vec<Style>> {
    styles::table
        .order((styles::category_id, styles::name))
        .select(Style::as_select())
        .load(conn)
        .await
}

/// Style `id`, withdrawn or not.
pub async fn style_by_id(conn: &mut AsyncPgConnection, id: i64) -> QueryResult<Option<Style>> {
    styles::table
        .find(id)
        .select(Style::as_select())
        .first(conn)
        .await
        .optional()
}

/// Category `id`.
pub async fn category_by_id(
    conn: &mut AsyncPgConnection,
    id: i64,
) -> QueryResult<Option<Category>> {
    style_categories::table
        .find(id)
        .select(Category::as_select())
        .first(conn)
        .await
        .optional()
}

/// Style `style_id`'s examples with their ids, in order.
pub async fn examples_of(
    conn: &mut AsyncPgConnection,
    style_id: i64,
) -> QueryResult<Vec<(i64, Example)>> {
    let ids: Vec<i64> = style_examples::table
        .filter(style_examples::style_id.eq(style_id))
        .order((style_examples::position, style_examples::id))
        .select(style_examples::id)
        .load(conn)
        .await?;
    let found = examples(conn, &[style_id]).await?;
    Ok(ids.into_iter().zip(found).collect())
}

/// Adds a before/after example to style `style_id` from two uploaded pictures (checked and
/// re-encoded like any upload, stored as public media), audited.
pub async fn add_example(
    conn: &mut AsyncPgConnection,
    files: &MediaStore,
    staff: uuid::Uuid,
    style_id: i64,
    before: Vec<u8>,
    after: Vec<u8>,
    caption: &str,
) -> Result<(), AdminStyleError> {
    if caption.chars().count() > 200 {
        return Err(field("caption", "A caption is at most 200 characters."));
    }
    style_by_id(conn, style_id)
        .await?
        .ok_or(AdminStyleError::NotFound)?;
    let unreadable = |which: &'static str| {
        move |e: UploadError| field(which, format!("That picture cannot be used: {e}"))
    };
    let before = queries::prepare(before)
        .await
        .map_err(unreadable("before"))?;
    let after = queries::prepare(after).await.map_err(unreadable("after"))?;
    let store = |prepared| NewImage {
        prepared,
        owner: None,
        visibility: Visibility::Public,
        created_by: Some(staff),
    };
    let before_id = queries::store(conn, files, store(&before)).await?;
    let after_id = queries::store(conn, files, store(&after)).await?;
    conn.transaction(async |conn| {
        let position: Option<i32> = style_examples::table
            .filter(style_examples::style_id.eq(style_id))
            .select(diesel::dsl::max(style_examples::position))
            .first(conn)
            .await?;
        super::styles::add_example(
            conn,
            style_id,
            before_id,
            after_id,
            caption.trim(),
            position.map_or(0, |p| p + 1),
        )
        .await?;
        audit::record(
            conn,
            &Entry {
                actor_id: staff,
                action: "style_example.add",
                subject_type: "style",
                subject_id: style_id.to_string(),
                before: None,
                after: Some(
                    json!({ "caption": caption.trim(), "before": before_id, "after": after_id }),
                ),
                request_id: None,
            },
        )
        .await
    })
    .await?;
    Ok(())
}

/// Removes example `example_id` and both its pictures' files, audited.
pub async fn delete_example(
    conn: &mut AsyncPgConnection,
    files: &MediaStore,
    staff: uuid::Uuid,
    example_id: i64,
) -> Result<(), AdminStyleError> {
    let row: Option<(i64, uuid::Uuid, uuid::Uuid)> = style_examples::table
        .find(example_id)
        .select((
            style_examples::style_id,
            style_examples::before_media_id,
            style_examples::after_media_id,
        ))
        .first(conn)
        .await
        .optional()?;
    let (style_id, before, after) = row.ok_or(AdminStyleError::NotFound)?;
    conn.transaction(async |conn| {
        diesel::delete(style_examples::table.find(example_id))
            .execute(conn)
            .await?;
        audit::record(
            conn,
            &Entry {
                actor_id: staff,
                action: "style_example.delete",
                subject_type: "style",
                subject_id: style_id.to_string(),
                before: Some(json!({ "example": example_id, "before": before, "after": after })),
                after: None,
                request_id: None,
            },
        )
        .await
    })
    .await?;
    queries::delete(conn, files, before).await?;
    queries::delete(conn, files, after).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> StyleForm {
        StyleForm {
            category_id: 1,
            name: "Ink".into(),
            slug: "ink".into(),
            description: String::new(),
            engine: "local".into(),
            recipe: r#"{"look":"ink_lines","detail":5}"#.into(),
            prompt_template: String::new(),
            params: Params::default(),
            supports_transparency: false,
            premium: false,
            active: true,
        }
    }

    fn field_of(r: Result<(), AdminStyleError>) -> Option<&'static str> {
        match r {
            Err(AdminStyleError::Field { field, .. }) => Some(field),
            _ => None,
        }
    }

    #[test]
    fn each_bad_field_is_named() {
        let mut f = form();
        f.slug = "Bad Slug".into();
        assert_eq!(field_of(check_style(&f)), Some("slug"));
        let mut f = form();
        f.name = " ".into();
        assert_eq!(field_of(check_style(&f)), Some("name"));
        let mut f = form();
        f.params.size = "9x9".into();
        assert_eq!(field_of(check_style(&f)), Some("size"));
        let mut f = form();
        f.params.background = "transparent".into();
        assert_eq!(field_of(check_style(&f)), Some("background"));
        let mut f = form();
        f.recipe = "{\"look\":\"nonsense\"}".into();
        assert_eq!(field_of(check_style(&f)), Some("recipe"));
        let mut f = form();
        f.engine = "openai".into();
        f.prompt_template = "Make {subject} {unknown}".into();
        assert_eq!(field_of(check_style(&f)), Some("prompt_template"));
    }

    #[test]
    fn category_colours_and_slugs_are_checked() {
        let good = CategoryForm {
            name: "Drawing".into(),
            slug: "drawing".into(),
            icon: "✏️".into(),
            colour: "#4f46e5".into(),
            position: 0,
        };
        assert!(check_category(&good).is_ok());
        let bad = CategoryForm {
            colour: "red".into(),
            ..good.clone()
        };
        assert!(matches!(
            check_category(&bad),
            Err(AdminStyleError::Field {
                field: "colour",
                ..
            })
        ));
        assert!(!is_slug("a--b") && !is_slug("-a") && is_slug("pop-art-2"));
    }
}
