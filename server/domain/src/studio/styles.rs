//! The style catalog's rows: categories in their order, styles (a local recipe or a checked
//! OpenAI prompt template, with default image parameters), a person's favourites and their one
//! 1–5 rating per style, whose sum and count the style keeps (changed in the same transaction,
//! under the style's row lock, so concurrent ratings never lose one).

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
use uuid::Uuid;

use super::local::Recipe;
use super::prompt::{self, TemplateError};
use crate::db::schema::{style_categories, style_favorites, style_ratings, styles};

/// One category, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = style_categories)]
pub struct Category {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub icon: String,
    pub colour: String,
    pub position: i32,
}

/// One style, as pages and jobs read it.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = styles)]
pub struct Style {
    pub id: i64,
    pub category_id: i64,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub engine: String,
    pub local_recipe: Option<serde_json::Value>,
    pub prompt_template: String,
    pub quality: String,
    pub background: String,
    pub output_format: String,
    pub size: String,
    pub supports_transparency: bool,
    pub premium: bool,
    pub active: bool,
    pub usage_count: i64,
    pub rating_sum: i64,
    pub rating_count: i32,
    pub created_at: time::OffsetDateTime,
    /// Jobs in the last 7 days, as last recounted (`count_style_popularity`).
    pub recent_uses: i64,
}

impl Style {
    /// The average rating, if anyone rated it.
    pub fn rating(&self) -> Option<f32> {
        (self.rating_count > 0).then(|| self.rating_sum as f32 / self.rating_count as f32)
    }

    /// The local look, for a local style.
    pub fn recipe(&self) -> Option<Recipe> {
        self.local_recipe
            .clone()
            .and_then(|v| serde_json::from_value(v).ok())
    }
}

/// How a style is rendered.
#[derive(Debug, Clone, PartialEq)]
pub enum Engine {
    /// By the local engine, with this look.
    Local(Recipe),
    /// By OpenAI, with this prompt template.
    OpenAi { prompt_template: String },
}

/// A style to create.
#[derive(Debug, Clone)]
pub struct NewStyle {
    pub category_id: i64,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub engine: Engine,
    pub premium: bool,
    pub supports_transparency: bool,
}

/// Why a style edit was refused.
#[derive(Debug, thiserror::Error)]
pub enum StyleError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error("There is no such style.")]
    NotFound,
    #[error("A rating is from 1 to 5 stars.")]
    BadRating,
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
}

/// Which styles to list, and in what order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// Only this category (its slug).
    pub category: Option<String>,
    /// Newest first instead of the most used first.
    pub newest: bool,
}

/// Adds a category; returns its id.
pub async fn create_category(
    conn: &mut AsyncPgConnection,
    name: &str,
    slug: &str,
    icon: &str,
    colour: &str,
    position: i32,
) -> QueryResult<i64> {
    diesel::insert_into(style_categories::table)
        .values((
            style_categories::name.eq(name),
            style_categories::slug.eq(slug),
            style_categories::icon.eq(icon),
            style_categories::colour.eq(colour),
            style_categories::position.eq(position),
        ))
        .returning(style_categories::id)
        .get_result(conn)
        .await
}

/// Adds a style (its prompt template checked first); returns its id.
pub async fn create_style(conn: &mut AsyncPgConnection, new: &NewStyle) -> Result<i64, StyleError> {
    let (engine, recipe, template) = match &new.engine {
        Engine::Local(recipe) => (
            "local",
            Some(serde_json::to_value(recipe).map_err(|e| {
                StyleError::Database(diesel::result::Error::SerializationError(Box::new(e)))
            })?),
            String::new(),
        ),
        Engine::OpenAi { prompt_template } => {
            prompt::check(prompt_template)?;
            ("openai", None, prompt_template.clone())
        }
    };
    Ok(diesel::insert_into(styles::table)
        .values((
            styles::category_id.eq(new.category_id),
            styles::name.eq(&new.name),
            styles::slug.eq(&new.slug),
            styles::description.eq(&new.description),
            styles::engine.eq(engine),
            styles::local_recipe.eq(recipe),
            styles::prompt_template.eq(template),
            styles::premium.eq(new.premium),
            styles::supports_transparency.eq(new.supports_transparency),
        ))
        .returning(styles::id)
        .get_result(conn)
        .await?)
}

/// Every category, in order.
pub async fn categories(conn: &mut AsyncPgConnection) -> QueryResult<Vec<Category>> {
    style_categories::table
        .order((style_categories::position, style_categories::name))
        .select(Category::as_select())
        .load(conn)
        .await
}

/// The active styles `listing` asks for.
pub async fn list(conn: &mut AsyncPgConnection, listing: &Listing) -> QueryResult<Vec<Style>> {
    let mut query = styles::table
        .inner_join(style_categories::table)
        .filter(styles::active.eq(true))
        .select(Style::as_select())
        .into_boxed();
    if let Some(slug) = &listing.category {
        query = query.filter(style_categories::slug.eq(slug));
    }
    query = if listing.newest {
        query.order((styles::created_at.desc(), styles::id.desc()))
    } else {
        query.order((styles::usage_count.desc(), styles::name))
    };
    query.load(conn).await
}

/// The active style with `slug`.
pub async fn by_slug(conn: &mut AsyncPgConnection, slug: &str) -> QueryResult<Option<Style>> {
    styles::table
        .filter(styles::slug.eq(slug))
        .filter(styles::active.eq(true))
        .select(Style::as_select())
        .first(conn)
        .await
        .optional()
}

/// Recounts each style's jobs of the last 7 days into `recent_uses` (what "popular" sorts
/// by), in one statement; returns how many styles changed.
pub async fn recount_recent_uses(conn: &mut AsyncPgConnection) -> QueryResult<usize> {
    diesel::sql_query(
        "UPDATE styles s SET recent_uses = coalesce(c.n, 0) \
         FROM styles s2 LEFT JOIN (SELECT style_id, count(*) AS n FROM studio_jobs \
                                   WHERE created_at > now() - interval '7 days' \
                                   GROUP BY style_id) c ON c.style_id = s2.id \
         WHERE s.id = s2.id AND s.recent_uses <> coalesce(c.n, 0)",
    )
    .execute(conn)
    .await
}

/// Saves or forgets style `style_id` among `user`'s favourites (twice is once).
pub async fn set_favorite(
    conn: &mut AsyncPgConnection,
    user: Uuid,
    style_id: i64,
    favorite: bool,
) -> Result<(), StyleError> {
    if favorite {
        diesel::insert_into(style_favorites::table)
            .values((
                style_favorites::user_id.eq(user),
                style_favorites::style_id.eq(style_id),
            ))
            .on_conflict_do_nothing()
            .execute(conn)
            .await
            .map_err(|e| match e {
                diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::ForeignKeyViolation,
                    _,
                ) => StyleError::NotFound,
                other => StyleError::Database(other),
            })?;
    } else {
        diesel::delete(
            style_favorites::table
                .filter(style_favorites::user_id.eq(user))
                .filter(style_favorites::style_id.eq(style_id)),
        )
        .execute(conn)
        .await?;
    }
    Ok(())
}

/// The ids of `user`'s favourite styles.
pub async fn favorites_of(conn: &mut AsyncPgConnection, user: Uuid) -> QueryResult<Vec<i64>> {
    style_favorites::table
        .filter(style_favorites::user_id.eq(user))
        .select(style_favorites::style_id)
        .load(conn)
        .await
}

/// Records `user`'s rating of style `style_id` (a second rating replaces the first) and keeps
/// the style's sum and count right.
pub async fn rate(
    conn: &mut AsyncPgConnection,
    user: Uuid,
    style_id: i64,
    stars: i16,
) -> Result<(), StyleError> {
    if !(1..=5).contains(&stars) {
        return Err(StyleError::BadRating);
    }
    conn.transaction(async |conn| {
        // The style's row lock orders concurrent ratings of it.
        let found: Option<i64> = styles::table
            .find(style_id)
            .select(styles::id)
            .for_update()
            .first(conn)
            .await
            .optional()?;
        if found.is_none() {
            return Err(StyleError::NotFound);
        }
        let before: Option<i16> = style_ratings::table
            .find((user, style_id))
            .select(style_ratings::stars)
            .first(conn)
            .await
            .optional()?;
        diesel::insert_into(style_ratings::table)
            .values((
                style_ratings::user_id.eq(user),
                style_ratings::style_id.eq(style_id),
                style_ratings::stars.eq(stars),
            ))
            .on_conflict((style_ratings::user_id, style_ratings::style_id))
            .do_update()
            .set(style_ratings::stars.eq(stars))
            .execute(conn)
            .await?;
        let (added, counted) = match before {
            Some(old) => (i64::from(stars) - i64::from(old), 0),
            None => (i64::from(stars), 1),
        };
        diesel::update(styles::table.find(style_id))
            .set((
                styles::rating_sum.eq(styles::rating_sum + added),
                styles::rating_count.eq(styles::rating_count + counted),
            ))
            .execute(conn)
            .await?;
        Ok(())
    })
    .await
}

/// A stored picture as pages need it (public media: addresses under `/media`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub media_id: Uuid,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    pub variant_widths: Vec<i32>,
}

/// One before/after example of a style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub style_id: i64,
    pub caption: String,
    pub before: Picture,
    pub after: Picture,
}

/// Adds a before/after example to style `style_id` (both public media).
pub async fn add_example(
    conn: &mut AsyncPgConnection,
    style_id: i64,
    before: Uuid,
    after: Uuid,
    caption: &str,
    position: i32,
) -> QueryResult<()> {
    use crate::db::schema::style_examples;
    diesel::insert_into(style_examples::table)
        .values((
            style_examples::style_id.eq(style_id),
            style_examples::before_media_id.eq(before),
            style_examples::after_media_id.eq(after),
            style_examples::caption.eq(caption),
            style_examples::position.eq(position),
        ))
        .execute(conn)
        .await?;
    Ok(())
}

/// The examples of these styles, each style's in order.
pub async fn examples(
    conn: &mut AsyncPgConnection,
    style_ids: &[i64],
) -> QueryResult<Vec<Example>> {
    use crate::db::schema::{media, style_examples};
    let rows: Vec<(i64, String, Uuid, Uuid)> = style_examples::table
        .filter(style_examples::style_id.eq_any(style_ids))
        .order((
            style_examples::style_id,
            style_examples::position,
            style_examples::id,
        ))
        .select((
            style_examples::style_id,
            style_examples::caption,
            style_examples::before_media_id,
            style_examples::after_media_id,
        ))
        .load(conn)
        .await?;
    let ids: Vec<Uuid> = rows.iter().flat_map(|r| [r.2, r.3]).collect();
    let pictures: Vec<(Uuid, String, i32, i32, Vec<i32>)> = media::table
        .filter(media::id.eq_any(&ids))
        .select((
            media::id,
            media::content_type,
            media::width,
            media::height,
            media::variant_widths,
        ))
        .load(conn)
        .await?;
    let picture = |id: Uuid| {
        pictures.iter().find(|p| p.0 == id).map(
            |(media_id, content_type, width, height, variant_widths)| Picture {
                media_id: *media_id,
                content_type: content_type.clone(),
                width: *width,
                height: *height,
                variant_widths: variant_widths.clone(),
            },
        )
    };
    Ok(rows
        .into_iter()
        .filter_map(|(style_id, caption, before, after)| {
            Some(Example {
                style_id,
                caption,
                before: picture(before)?,
                after: picture(after)?,
            })
        })
        .collect())
}

/// The active local styles that have no example yet: (id, recipe).
pub async fn local_styles_without_examples(
    conn: &mut AsyncPgConnection,
) -> QueryResult<Vec<(i64, Recipe)>> {
    use crate::db::schema::style_examples;
    let found: Vec<Style> = styles::table
        .filter(styles::active.eq(true))
        .filter(styles::engine.eq("local"))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            style_examples::table.filter(style_examples::style_id.eq(styles::id)),
        )))
        .order(styles::id)
        .select(Style::as_select())
        .load(conn)
        .await?;
    Ok(found
        .into_iter()
        .filter_map(|s| s.recipe().map(|r| (s.id, r)))
        .collect())
}

/// `user`'s own rating of style `style_id`, if they rated it.
pub async fn rating_of(
    conn: &mut AsyncPgConnection,
    user: Uuid,
    style_id: i64,
) -> QueryResult<Option<i16>> {
    style_ratings::table
        .find((user, style_id))
        .select(style_ratings::stars)
        .first(conn)
        .await
        .optional()
}

/// Every active style for the sitemap: (slug, when it was added).
pub async fn sitemap_entries(
    conn: &mut AsyncPgConnection,
) -> QueryResult<Vec<(String, time::OffsetDateTime)>> {
    styles::table
        .filter(styles::active.eq(true))
        .order(styles::id)
        .select((styles::slug, styles::created_at))
        .load(conn)
        .await
}
