//! The style catalog's admin server functions (staff only, every write audited by
//! `domain::studio::style_admin`): the list of categories and styles, one style's editor data,
//! saving a category or a style, and adding (a multipart upload of a before and an after
//! picture) or removing an example.
// A style's form has many fields; its server function takes each as an argument.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// One category as the admin lists and edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryInput {
    pub name: String,
    pub slug: String,
    pub icon: String,
    pub colour: String,
    pub position: String,
}

/// One style in the admin's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StyleRow {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub category: String,
    pub engine: String,
    pub active: bool,
    pub premium: bool,
    pub uses: i64,
}

/// `/admin/styles`' data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StylesAdmin {
    /// (id, the category's fields).
    pub categories: Vec<(i64, CategoryInput)>,
    pub styles: Vec<StyleRow>,
}

/// A style's form, every field as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StyleInput {
    pub category_id: String,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub engine: String,
    pub recipe: String,
    pub prompt_template: String,
    pub quality: String,
    pub background: String,
    pub output_format: String,
    pub size: String,
    pub supports_transparency: bool,
    pub premium: bool,
    pub active: bool,
}

/// One example in the editor (public pictures).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleRow {
    pub id: i64,
    pub caption: String,
    pub before_url: String,
    pub after_url: String,
}

/// `/admin/styles/{id}`'s data (`id` = `None`: a new style).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StyleEditor {
    pub id: Option<i64>,
    pub input: StyleInput,
    /// (id, name) of every category.
    pub categories: Vec<(String, String)>,
    pub examples: Vec<ExampleRow>,
    /// The allowed values of quality, background, output format and size, in that order.
    pub parameters: [Vec<String>; 4],
}

/// Every category and style (staff only).
#[server(prefix = "/api", endpoint = "admin_styles")]
pub async fn admin_styles() -> Result<StylesAdmin, AppError> {
    use domain::studio::{style_admin, styles};
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let categories = styles::categories(&mut conn).await?;
    let all = style_admin::all_styles(&mut conn).await?;
    Ok(StylesAdmin {
        styles: all
            .into_iter()
            .map(|s| StyleRow {
                category: categories
                    .iter()
                    .find(|c| c.id == s.category_id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                id: s.id,
                name: s.name,
                slug: s.slug,
                engine: s.engine,
                active: s.active,
                premium: s.premium,
                uses: s.usage_count,
            })
            .collect(),
        categories: categories
            .into_iter()
            .map(|c| {
                (
                    c.id,
                    CategoryInput {
                        name: c.name,
                        slug: c.slug,
                        icon: c.icon,
                        colour: c.colour,
                        position: c.position.to_string(),
                    },
                )
            })
            .collect(),
    })
}

/// One style's editor data; `id` -1 is a new style (staff only).
#[server(prefix = "/api", endpoint = "admin_style")]
pub async fn admin_style(id: i64) -> Result<StyleEditor, AppError> {
    use domain::media::variants::closest_file;
    use domain::studio::{style_admin, styles};
    crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let categories = styles::categories(&mut conn)
        .await?
        .into_iter()
        .map(|c| (c.id.to_string(), c.name))
        .collect();
    let list = |values: &[&str]| values.iter().map(|v| (*v).to_owned()).collect::<Vec<_>>();
    let parameters = {
        use domain::studio::jobs::{BACKGROUNDS, FORMATS, QUALITIES, SIZES};
        [
            list(&QUALITIES),
            list(&BACKGROUNDS),
            list(&FORMATS),
            list(&SIZES),
        ]
    };
    if id < 0 {
        return Ok(StyleEditor {
            id: None,
            input: StyleInput {
                engine: "local".into(),
                recipe: r#"{"look":"pencil_sketch","softness":25}"#.into(),
                quality: "medium".into(),
                background: "auto".into(),
                output_format: "png".into(),
                size: "1024x1024".into(),
                active: true,
                ..StyleInput::default()
            },
            categories,
            examples: Vec::new(),
            parameters,
        });
    }
    let s = style_admin::style_by_id(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let url = |p: &styles::Picture| {
        domain::media::store::url(
            p.media_id,
            &closest_file(&p.content_type, &p.variant_widths, 600),
        )
    };
    let examples = style_admin::examples_of(&mut conn, id)
        .await?
        .into_iter()
        .map(|(example_id, e)| ExampleRow {
            id: example_id,
            caption: e.caption.clone(),
            before_url: url(&e.before),
            after_url: url(&e.after),
        })
        .collect();
    Ok(StyleEditor {
        id: Some(s.id),
        input: StyleInput {
            category_id: s.category_id.to_string(),
            name: s.name,
            slug: s.slug,
            description: s.description,
            recipe: s.local_recipe.map(|r| r.to_string()).unwrap_or_default(),
            engine: s.engine,
            prompt_template: s.prompt_template,
            quality: s.quality,
            background: s.background,
            output_format: s.output_format,
            size: s.size,
            supports_transparency: s.supports_transparency,
            premium: s.premium,
            active: s.active,
        },
        categories,
        examples,
        parameters,
    })
}

/// A domain refusal as the form's error.
#[cfg(feature = "ssr")]
fn admin_error(e: domain::studio::style_admin::AdminStyleError) -> AppError {
    use domain::studio::style_admin::AdminStyleError;
    match e {
        AdminStyleError::Field { field, message } => AppError::validation(field, message),
        AdminStyleError::NotFound => AppError::NotFound,
        AdminStyleError::Database(e) => AppError::internal(e),
        AdminStyleError::Files(e) => AppError::internal(e),
    }
}

/// Saves a category: a new one when `id` is absent (staff only; audited).
#[server(prefix = "/api", endpoint = "admin_save_style_category")]
pub async fn save_style_category(
    id: Option<i64>,
    name: String,
    slug: String,
    icon: String,
    colour: String,
    position: String,
) -> Result<(), AppError> {
    use domain::studio::style_admin::{self, CategoryForm};
    let staff = crate::accounts::auth::require_staff().await?;
    let input = CategoryInput {
        name,
        slug,
        icon,
        colour,
        position,
    };
    let position = input.position.trim().parse::<i32>().map_err(|_| {
        AppError::validation("position", "The order is a whole number.").keeping(&input)
    })?;
    let form = CategoryForm {
        name: input.name.clone(),
        slug: input.slug.trim().to_owned(),
        icon: input.icon.clone(),
        colour: input.colour.trim().to_lowercase(),
        position,
    };
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    style_admin::save_category(&mut conn, staff.id, id, &form)
        .await
        .map_err(|e| admin_error(e).keeping(&input))?;
    leptos_axum::redirect("/admin/styles?saved=1");
    Ok(())
}

/// Saves a style: a new one when `id` is absent (staff only; audited). On to its editor.
#[server(prefix = "/api", endpoint = "admin_save_style")]
pub async fn save_style(
    id: Option<i64>,
    category_id: String,
    name: String,
    slug: String,
    description: String,
    engine: String,
    recipe: Option<String>,
    prompt_template: Option<String>,
    quality: String,
    background: String,
    output_format: String,
    size: String,
    supports_transparency: Option<String>,
    premium: Option<String>,
    active: Option<String>,
) -> Result<(), AppError> {
    use domain::studio::jobs::Params;
    use domain::studio::style_admin::{self, StyleForm};
    let staff = crate::accounts::auth::require_staff().await?;
    let input = StyleInput {
        category_id,
        name,
        slug,
        description,
        engine,
        recipe: recipe.unwrap_or_default(),
        prompt_template: prompt_template.unwrap_or_default(),
        quality,
        background,
        output_format,
        size,
        supports_transparency: supports_transparency.is_some(),
        premium: premium.is_some(),
        active: active.is_some(),
    };
    let category_id =
        input.category_id.trim().parse::<i64>().map_err(|_| {
            AppError::validation("category_id", "Choose a category.").keeping(&input)
        })?;
    let form = StyleForm {
        category_id,
        name: input.name.clone(),
        slug: input.slug.trim().to_owned(),
        description: input.description.clone(),
        engine: input.engine.clone(),
        recipe: input.recipe.clone(),
        prompt_template: input.prompt_template.clone(),
        params: Params {
            quality: input.quality.clone(),
            background: input.background.clone(),
            output_format: input.output_format.clone(),
            size: input.size.clone(),
        },
        supports_transparency: input.supports_transparency,
        premium: input.premium,
        active: input.active,
    };
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let saved = style_admin::save_style(&mut conn, staff.id, id, &form)
        .await
        .map_err(|e| admin_error(e).keeping(&input))?;
    leptos_axum::redirect(&format!("/admin/styles/{saved}?saved=1"));
    Ok(())
}

/// The largest picture an example may be.
pub const MAX_EXAMPLE_BYTES: usize = 10 * 1024 * 1024;

/// Adds an example to a style: a multipart form with `style_id`, `caption`, and the `before`
/// and `after` pictures (staff only; audited). Back to the style's editor.
#[server(prefix = "/api", endpoint = "admin_style_example", input = server_fn::codec::MultipartFormData)]
pub async fn add_style_example(data: server_fn::codec::MultipartData) -> Result<(), AppError> {
    let staff = crate::accounts::auth::require_staff().await?;
    let mut form = crate::ui::multipart::read(data, &["before", "after"], MAX_EXAMPLE_BYTES).await;
    if let Some(name) = form.too_large.first() {
        let field = if name == "before" { "before" } else { "after" };
        return Err(AppError::validation(field, "A picture is at most 10 MB."));
    }
    let style_id: i64 = form
        .text("style_id")
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let before = form
        .take_file("before")
        .ok_or_else(|| AppError::validation("before", "Choose the picture before."))?;
    let after = form
        .take_file("after")
        .ok_or_else(|| AppError::validation("after", "Choose the picture after."))?;
    let caption = form.text("caption").to_owned();
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::studio::style_admin::add_example(
        &mut conn,
        &ctx.services.media,
        staff.id,
        style_id,
        before,
        after,
        &caption,
    )
    .await
    .map_err(admin_error)?;
    leptos_axum::redirect(&format!("/admin/styles/{style_id}?example=1"));
    Ok(())
}

/// Removes an example and its pictures (staff only; audited). Back to the style's editor.
#[server(prefix = "/api", endpoint = "admin_delete_style_example")]
pub async fn delete_style_example(style_id: i64, id: i64) -> Result<(), AppError> {
    let staff = crate::accounts::auth::require_staff().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::studio::style_admin::delete_example(&mut conn, &ctx.services.media, staff.id, id)
        .await
        .map_err(admin_error)?;
    leptos_axum::redirect(&format!("/admin/styles/{style_id}"));
    Ok(())
}
