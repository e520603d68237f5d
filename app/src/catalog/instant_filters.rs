//! The listing's filters, applied as soon as a box is ticked, a rating picked or a sort chosen.
//! The form is a plain GET form rendered on the server and marked `data-instant`: without
//! JavaScript, "Apply filters" sends it; with the WASM (`EnhanceForms` listens) a change of a
//! checkbox, radio button or select sends it at once. Typed fields (search words, prices) still
//! wait for Enter or the button, so a half-typed price never reloads the page.

/// Sends the `data-instant` form around a changed checkbox, radio button or select (in the
/// browser).
pub fn apply(ev: leptos::ev::Event) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        use web_sys::{Element, HtmlFormElement};
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let instant = match target.tag_name().as_str() {
            "SELECT" => true,
            "INPUT" => matches!(
                target.get_attribute("type").as_deref(),
                Some("checkbox" | "radio")
            ),
            _ => false,
        };
        let form = target
            .closest(&format!("form[{}]", crate::ui::enhance_forms::INSTANT))
            .ok()
            .flatten()
            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok());
        if let (true, Some(form)) = (instant, form) {
            let _ = form.request_submit();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}
