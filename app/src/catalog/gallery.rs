//! A product page's gallery: the main picture large and, when there are several, a row of
//! thumbnails that choose which one is shown. No WASM at all: each thumbnail is the label of a
//! visually hidden radio button, and the stylesheet shows the main picture whose button is
//! checked (`.gallery` rules in `style/tailwind.css`), so it works the same with JavaScript on
//! and off, by mouse and by keyboard (arrow keys move through the radio group). Pictures not
//! shown are `display: none` and lazy, so only the first is fetched with the page.

use leptos::prelude::*;

use crate::ui::image::{ImageView, ResponsiveImage};

/// How many pictures the page offers (the stylesheet has rules for this many).
pub const MOST_PICTURES: usize = 12;

/// How the main picture is sized on the page.
const MAIN_SIZES: &str = "(min-width: 768px) 50vw, 100vw";
const MAIN_CLASS: &str = "aspect-square w-full rounded-xl bg-stone-100 object-cover";

/// The accessible name of picture `i` (from 0) of `count`.
pub fn thumbnail_label(i: usize, count: usize, alt: &str) -> String {
    if alt.is_empty() {
        format!("Show picture {} of {count}", i + 1)
    } else {
        format!("Show picture {} of {count}: {alt}", i + 1)
    }
}

/// The gallery of the product `name` (its initial on a gradient while it has no picture).
#[component]
pub fn Gallery(images: Vec<ImageView>, name: String) -> impl IntoView {
    let mut images = images;
    images.truncate(MOST_PICTURES);
    if images.is_empty() {
        return view! {
            <div class="flex aspect-square items-center justify-center rounded-xl bg-gradient-to-br from-stone-100 to-stone-200 text-8xl font-bold text-stone-400" aria-hidden="true">
                {name.chars().next().unwrap_or('•')}
            </div>
        }
        .into_any();
    }
    let count = images.len();
    let several = count > 1;
    view! {
        <div class="gallery relative" data-testid="gallery">
            {several.then(|| (0..count).map(|i| view! {
                <input type="radio" name="picture" id=format!("picture-{i}") checked=i == 0
                    class="gallery-choice sr-only" aria-label=thumbnail_label(i, count, &images[i].alt) />
            }).collect_view())}
            <div class="gallery-main">
                {images.iter().cloned().enumerate().map(|(i, image)| view! {
                    <div data-testid="gallery-picture">
                        <ResponsiveImage image sizes=MAIN_SIZES eager={i == 0} class=MAIN_CLASS />
                    </div>
                }).collect_view()}
            </div>
            {several.then(|| view! {
                <ul class="gallery-thumbs mt-3 grid grid-cols-4 gap-3" data-testid="thumbnails">
                    {images.iter().cloned().enumerate().map(|(i, mut image)| {
                        // The radio button says what it shows; the thumbnail is decoration.
                        image.alt = String::new();
                        view! {
                            <li>
                                <label for=format!("picture-{i}") class="block cursor-pointer rounded-md" data-testid="thumbnail">
                                    <ResponsiveImage image sizes="12vw" class="aspect-square w-full rounded-md object-cover" />
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
    .into_any()
}
