//! The product page's purchase panel: the chosen variant's price, stock and SKU, the option
//! links and the add form. Without JavaScript an option is a link that loads the page with the
//! choice in its query; with the WASM a click picks the variant in place and writes the same
//! address into the history, so a reload or a shared link shows the same choice.

use leptos::prelude::*;

use super::product_api::VariantView;
use crate::cart::add_form::{AddToCartIsland, FromRequest, from_request};
use crate::ui::url::encode_component;

/// The variant the URL's option parameters pick (size=M&colour=Navy): the first that matches
/// every given option, preferring one in stock.
pub fn chosen_variant<'a>(
    variants: &'a [VariantView],
    chosen: &[(String, String)],
) -> Option<&'a VariantView> {
    let matches = |v: &&VariantView| {
        chosen
            .iter()
            .all(|(k, val)| v.options.iter().any(|(ok, ov)| ok == k && ov == val))
    };
    variants
        .iter()
        .filter(matches)
        .find(|v| v.stock > 0)
        .or_else(|| variants.iter().find(matches))
        .or_else(|| variants.iter().find(|v| v.stock > 0))
        .or_else(|| variants.first())
}

/// The value `variant` has for option `name`.
pub fn value_of<'a>(variant: Option<&'a VariantView>, name: &str) -> Option<&'a str> {
    variant?
        .options
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The options that picking `value` for `name` asks for: the current variant's other options
/// (in the product's option order), then this one.
pub fn picked(
    option_values: &[(String, Vec<String>)],
    current: Option<&VariantView>,
    name: &str,
    value: &str,
) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = option_values
        .iter()
        .filter(|(n, _)| n != name)
        .filter_map(|(n, _)| value_of(current, n).map(|v| (n.clone(), v.to_owned())))
        .collect();
    pairs.push((name.to_owned(), value.to_owned()));
    pairs
}

/// The product page's address asking for these options (`/products/tee?colour=Navy&size=M`).
pub fn options_path(path: &str, pairs: &[(String, String)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect();
    format!("{path}?{}", query.join("&"))
}

/// The stock line of a variant: its words and their colour class.
pub fn stock_line(v: &VariantView) -> (String, &'static str) {
    if v.stock <= 0 {
        ("Out of stock".to_owned(), "text-red-700")
    } else if v.low_stock {
        (format!("Only {} left", v.stock), "text-amber-700")
    } else {
        ("In stock".to_owned(), "text-green-700")
    }
}

/// The element the panel is, for the island to find.
const PANEL_ID: &str = "purchase-panel";

/// The purchase panel of the product at `path`, showing variant `chosen` (the URL's choice).
/// Rendered on the server whole: the add form (an island of its own) and the sold-out line are
/// both there, one hidden, so the picker only has to switch them.
#[component]
pub fn PurchasePanel(
    path: String,
    variants: Vec<VariantView>,
    option_values: Vec<(String, Vec<String>)>,
    chosen: Option<String>,
) -> impl IntoView {
    let current = variants
        .iter()
        .find(|v| Some(&v.sku) == chosen.as_ref())
        .cloned();
    let can_buy = current.as_ref().is_some_and(|v| v.stock > 0);
    let any_in_stock = variants.iter().any(|v| v.stock > 0);
    let add_form = match (&current, any_in_stock) {
        (Some(v), true) => {
            let FromRequest { next, added, error } = from_request(&v.sku);
            Some(view! { <AddToCartIsland sku=v.sku.clone() next added error /> })
        }
        _ => None,
    };
    let summary = current.as_ref().map(|v| {
        let (stock, stock_class) = stock_line(v);
        view! {
            <p class="mt-4 text-2xl" data-testid="price">
                <span class="font-semibold" data-price>{v.price.clone()}</span>
                " "
                <s class="text-lg text-stone-500" data-compare-at hidden=v.compare_at.is_none()>
                    {v.compare_at.clone().unwrap_or_default()}
                </s>
            </p>
            <p class="mt-1 text-sm" data-testid="stock"><span class=stock_class data-stock>{stock}</span></p>
            <p class="mt-1 text-xs text-stone-500" data-testid="sku">"SKU " <span data-sku>{v.sku.clone()}</span></p>
        }
    });
    let options = option_values.iter().map(|(name, values)| {
        let selected = value_of(current.as_ref(), name).map(str::to_owned);
        view! {
            <fieldset class="mt-6">
                <legend class="text-sm font-medium capitalize">{name.clone()}</legend>
                <div class="mt-2 flex flex-wrap gap-2" data-testid=format!("option-{name}")>
                    {values.iter().map(|value| {
                        let href = options_path(&path, &picked(&option_values, current.as_ref(), name, value));
                        view! {
                            <a
                                href=href
                                data-option=name.clone()
                                data-value=value.clone()
                                aria-current=(selected.as_deref() == Some(value.as_str())).then_some("true")
                                class="rounded-md border border-stone-300 px-3 py-1 text-sm hover:border-indigo-500 aria-[current=true]:border-indigo-600 aria-[current=true]:bg-indigo-600 aria-[current=true]:text-white"
                            >
                                {value.clone()}
                            </a>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        }
    }).collect_view();
    let live = (!option_values.is_empty()).then(|| {
        view! { <VariantPicker path=path.clone() variants=variants.clone() option_values=option_values.clone() chosen=chosen.clone() /> }
    });
    view! {
        <div id=PANEL_ID>
            {summary}
            {options}
            <div data-add hidden=!can_buy>{add_form}</div>
            <p class="mt-4 text-sm text-stone-600" data-testid="cannot-add" data-sold-out hidden=can_buy>
                "This choice is sold out."
            </p>
            {live}
        </div>
    }
}

/// The option links, live: a click picks the variant in place. Draws nothing; it rewrites the
/// panel the server rendered (price, stock, SKU, the links' marks and addresses, the add form's
/// SKU) and the address bar. Written against the DOM rather than as a view: the panel is all
/// text the server already drew, and a view of it would add its render code to the WASM.
#[island]
fn VariantPicker(
    path: String,
    variants: Vec<VariantView>,
    option_values: Vec<(String, Vec<String>)>,
    chosen: Option<String>,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let current = std::cell::RefCell::new(chosen);
        let listener = window_event_listener(leptos::ev::click, move |ev| {
            browser::pick(
                &ev,
                &path,
                &variants,
                &option_values,
                &mut current.borrow_mut(),
            )
        });
        on_cleanup(move || listener.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (path, variants, option_values, chosen);
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::{document, window};
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Element, MouseEvent};

    use super::{
        PANEL_ID, VariantView, chosen_variant, options_path, picked, stock_line, value_of,
    };
    use crate::ui::dom::all;

    /// Handles a click on one of the panel's option links: picks its variant and shows it.
    pub fn pick(
        ev: &MouseEvent,
        path: &str,
        variants: &[VariantView],
        option_values: &[(String, Vec<String>)],
        current: &mut Option<String>,
    ) {
        // A click with a modifier opens a tab, as on any link.
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| {
                t.closest(&format!("#{PANEL_ID} [data-option]"))
                    .ok()
                    .flatten()
            })
        else {
            return;
        };
        let (Some(name), Some(value)) = (
            link.get_attribute("data-option"),
            link.get_attribute("data-value"),
        ) else {
            return;
        };
        let Some(panel) = document().get_element_by_id(PANEL_ID) else {
            return;
        };
        ev.prevent_default();
        let now = variants.iter().find(|v| Some(&v.sku) == current.as_ref());
        let pairs = picked(option_values, now, &name, &value);
        let Some(next) = chosen_variant(variants, &pairs) else {
            return;
        };
        show(&panel, next, path, option_values);
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(
                &JsValue::NULL,
                "",
                Some(&options_path(path, &pairs)),
            );
        }
        *current = Some(next.sku.clone());
    }

    /// Rewrites the panel for variant `v`.
    fn show(panel: &Element, v: &VariantView, path: &str, option_values: &[(String, Vec<String>)]) {
        let set_text = |selector: &str, text: &str| {
            for el in all(panel, selector) {
                el.set_text_content(Some(text));
            }
        };
        let set_hidden = |selector: &str, hidden: bool| {
            for el in all(panel, selector) {
                let _ = el.toggle_attribute_with_force("hidden", hidden);
            }
        };
        let (stock, class) = stock_line(v);
        set_text("[data-price]", &v.price);
        set_text(
            "[data-compare-at]",
            v.compare_at.as_deref().unwrap_or_default(),
        );
        set_hidden("[data-compare-at]", v.compare_at.is_none());
        set_text("[data-stock]", &stock);
        set_text("[data-sku]", &v.sku);
        for el in all(panel, "[data-stock]") {
            let _ = el.set_attribute("class", class);
        }
        for input in all(panel, "[data-add] input[name=sku]") {
            let _ = input.set_attribute("value", &v.sku);
        }
        set_hidden("[data-add]", v.stock <= 0);
        set_hidden("[data-sold-out]", v.stock > 0);
        for link in all(panel, "[data-option]") {
            let (Some(name), Some(value)) = (
                link.get_attribute("data-option"),
                link.get_attribute("data-value"),
            ) else {
                continue;
            };
            if value_of(Some(v), &name) == Some(value.as_str()) {
                let _ = link.set_attribute("aria-current", "true");
            } else {
                let _ = link.remove_attribute("aria-current");
            }
            let _ = link.set_attribute(
                "href",
                &options_path(path, &picked(option_values, Some(v), &name, &value)),
            );
        }
    }
}
