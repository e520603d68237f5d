//! The demo style catalog: four categories and eighteen styles — sixteen looks of the local
//! engine (so the studio works with no OpenAI key) and two OpenAI styles with prompt
//! templates. `ensure_demo_styles` loads it once into an empty catalog.

use diesel::prelude::*;
use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};

use super::local::Recipe;
use super::styles::{self, Engine, NewStyle, StyleError};
use crate::db::schema::styles as styles_table;

/// (slug, name, icon, colour) of each demo category, in order.
pub const CATEGORIES: [(&str, &str, &str, &str); 4] = [
    ("drawing", "Drawing", "✏️", "#57534e"),
    ("painting", "Painting", "🎨", "#b45309"),
    ("graphic", "Graphic", "◼️", "#db2777"),
    ("photo-finish", "Photo finish", "📷", "#0e7490"),
];

/// One demo style: category slug, slug, name, description, engine, premium.
type DemoStyle = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Engine,
    bool,
);

/// The demo styles.
pub fn demo_styles() -> Vec<DemoStyle> {
    use Recipe::*;
    let local = Engine::Local;
    vec![
        ("drawing", "pencil-sketch", "Pencil sketch", "Soft graphite shading on white paper.", local(PencilSketch { softness: 25 }), false),
        ("drawing", "charcoal", "Charcoal", "Broad, smudged strokes and deep shadows.", local(PencilSketch { softness: 60 }), false),
        ("drawing", "ink-lines", "Ink lines", "Clean black outlines, nothing else.", local(InkLines { detail: 5 }), false),
        ("drawing", "comic-ink", "Comic ink", "Busy, detailed inking for a comic panel.", local(InkLines { detail: 8 }), false),
        ("painting", "oil-paint", "Oil paint", "Thick brush strokes that flatten texture and keep edges.", local(OilPaint { brush: 8 }), false),
        ("painting", "impasto", "Impasto", "Heavy knife-laid paint, bold and simple.", local(OilPaint { brush: 16 }), true),
        ("painting", "watercolour", "Watercolour", "Soft washes pooling at their edges, on grained paper.", local(Watercolour { brush: 6, tones: 6 }), false),
        ("painting", "soft-wash", "Soft wash", "A looser, paler watercolour in few tones.", local(Watercolour { brush: 10, tones: 4 }), false),
        ("graphic", "pixel-art", "Pixel art", "Square pixels in a small palette.", local(PixelArt { block: 16, colours: 12 }), false),
        ("graphic", "eight-bit", "8-bit", "Big pixels, six colours, pure nostalgia.", local(PixelArt { block: 32, colours: 6 }), false),
        ("graphic", "pop-art", "Pop art", "Loud flat colour under a halftone screen.", local(PopArt { dot: 14 }), false),
        ("graphic", "cartoon", "Cartoon", "Flat colour bands with inked outlines.", local(Cartoon { smoothing: 4, bands: 5 }), false),
        ("photo-finish", "midnight-gold", "Midnight & gold", "A duotone: shadows in midnight blue, highlights in gold.", local(Duotone { dark: [32, 18, 77], light: [255, 196, 92] }), false),
        ("photo-finish", "teal-coral", "Teal & coral", "A duotone in teal and coral.", local(Duotone { dark: [8, 70, 84], light: [255, 127, 102] }), false),
        ("photo-finish", "vintage", "Vintage", "Sepia, film grain and a dark vignette.", local(Vintage { grain: 14, vignette: 55 }), false),
        ("photo-finish", "faded-film", "Faded film", "Light grain and a gentle vignette.", local(Vintage { grain: 30, vignette: 30 }), false),
        ("painting", "storybook", "Storybook", "A gentle children's-book illustration (OpenAI).", Engine::OpenAi { prompt_template: "{subject}, as a {style_name} illustration with soft colours and gentle shapes. {details}".into() }, false),
        ("photo-finish", "studio-portrait", "Studio portrait", "A professional portrait with studio lighting (OpenAI).", Engine::OpenAi { prompt_template: "A professional {style_name} of {subject}, soft key light, plain backdrop. {details}".into() }, true),
    ]
}

/// Loads the demo catalog unless a style exists; returns how many styles it created.
pub async fn ensure_demo_styles(conn: &mut AsyncPgConnection) -> Result<usize, StyleError> {
    let existing: i64 = styles_table::table.count().get_result(conn).await?;
    if existing > 0 {
        return Ok(0);
    }
    conn.transaction(async |conn| {
        let mut ids = Vec::new();
        for (position, (slug, name, icon, colour)) in (0..).zip(CATEGORIES) {
            let id = styles::create_category(conn, name, slug, icon, colour, position).await?;
            ids.push((slug, id));
        }
        let demo = demo_styles();
        for (category, slug, name, description, engine, premium) in &demo {
            let category_id = ids
                .iter()
                .find(|(s, _)| s == category)
                .map(|(_, id)| *id)
                .ok_or(StyleError::NotFound)?;
            styles::create_style(
                conn,
                &NewStyle {
                    category_id,
                    name: (*name).to_owned(),
                    slug: (*slug).to_owned(),
                    description: (*description).to_owned(),
                    engine: engine.clone(),
                    premium: *premium,
                    supports_transparency: false,
                },
            )
            .await?;
        }
        Ok(demo.len())
    })
    .await
}
