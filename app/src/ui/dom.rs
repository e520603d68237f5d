//! Small DOM helpers for the islands that enhance server-rendered HTML in the browser.

use wasm_bindgen::JsCast;
use web_sys::Element;

/// The elements under `parent` matching `selector`, in document order.
pub fn all(parent: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = parent.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .collect()
}
