//! Plain forms that answer in place: a form the server rendered with `data-in-place` (see
//! `enhance_forms`). Without the WASM the form is a plain POST to its server function,
//! which redirects back with the refusal carried (every form works so). With it, a submit is
//! sent with `fetch` as the server function's own client sends it (form-encoded, accepting
//! JSON): a refusal (`AppError` as JSON) is written next to each named field and in a banner
//! for the rest, the first bad field takes the focus, what was typed stays, and a success goes
//! where the server says (its `Location`), else reloads the page; inside a `data-swap` group
//! it shows the group's other form instead (the wishlist's Save / Saved).
//!
//! Generic on purpose: an `ActionForm` inside an island compiles the server function's client
//! (argument encoding, answer decoding) into the shopper's WASM once per server function; this
//! costs the same for every form marked. Forms that change the page in place (the cart, the add
//! forms, the wishlist heart) are islands of their own.

/// Sends a submitted form marked `data-in-place` in the background (in the browser; the
/// listener is `EnhanceForms`'s).
pub fn submit(ev: leptos::ev::SubmitEvent) {
    #[cfg(feature = "hydrate")]
    browser::submit(ev);
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::{document, window};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        Element, FormData, Headers, HtmlElement, HtmlFormElement, Request, RequestInit, Response,
        UrlSearchParams,
    };

    use crate::error::AppError;
    use crate::ui::dom::all;

    /// How the server answered.
    enum Answer {
        /// Done; go to this address.
        GoTo(String),
        /// Done, without a place to go: show the page again.
        Reload,
        Refused(AppError),
    }

    pub fn submit(ev: leptos::ev::SubmitEvent) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        if !form.has_attribute(crate::ui::enhance_forms::IN_PLACE)
            || form.enctype() == "multipart/form-data"
        {
            return;
        }
        ev.prevent_default();
        // A second click while the first is on its way sends nothing more.
        if form.get_attribute("aria-busy").as_deref() == Some("true") {
            return;
        }
        let _ = form.set_attribute("aria-busy", "true");
        leptos::task::spawn_local(async move {
            let answer = send(&form)
                .await
                .unwrap_or(Answer::Refused(AppError::Unavailable));
            let _ = form.remove_attribute("aria-busy");
            let swap = form
                .closest(&format!("[{}]", crate::ui::enhance_forms::SWAP))
                .ok()
                .flatten();
            match (answer, swap) {
                (Answer::Refused(error), _) => show(&form, &error),
                (_, Some(group)) => flip(&group, &form),
                (Answer::GoTo(to), None) => {
                    let _ = window().location().assign(&to);
                }
                (Answer::Reload, None) => {
                    let _ = window().location().reload();
                }
            }
        });
    }

    /// Posts the form as the server function's client would.
    async fn send(form: &HtmlFormElement) -> Result<Answer, JsValue> {
        let data = FormData::new_with_form(form)?;
        let body = UrlSearchParams::new_with_str_sequence_sequence(&data)?;
        let headers = Headers::new()?;
        headers.set("Accept", "application/json")?;
        headers.set("Content-Type", "application/x-www-form-urlencoded")?;
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(&body.to_string().into());
        let request = Request::new_with_str_and_init(&form.action(), &init)?;
        let response: Response = JsFuture::from(window().fetch_with_request(&request))
            .await?
            .dyn_into()?;
        if response.ok() {
            return Ok(response
                .headers()
                .get("location")?
                .map_or(Answer::Reload, Answer::GoTo));
        }
        let text = JsFuture::from(response.text()?).await?;
        let error = text
            .as_string()
            .and_then(|t| serde_json::from_str::<AppError>(&t).ok())
            .unwrap_or(match response.status() {
                413 => AppError::validation("", "That is more than this form accepts."),
                429 => AppError::RateLimited {
                    retry_after_seconds: 60,
                },
                500.. => AppError::Unavailable,
                _ => AppError::Internal,
            });
        Ok(Answer::Refused(error))
    }

    /// After a success inside a `data-swap` group: hides `sent` and shows the group's other
    /// forms, focusing the first button shown (so the keyboard stays where it was).
    fn flip(group: &Element, sent: &HtmlFormElement) {
        let Ok(forms) = group.query_selector_all("form") else {
            return;
        };
        let mut focus: Option<HtmlElement> = None;
        for form in (0..forms.length()).filter_map(|i| forms.item(i)) {
            let Ok(form) = form.dyn_into::<Element>() else {
                continue;
            };
            let is_sent = form.is_same_node(Some(AsRef::<web_sys::Node>::as_ref(sent)));
            let _ = form.toggle_attribute_with_force("hidden", is_sent);
            if !is_sent && focus.is_none() {
                focus = form
                    .query_selector("button")
                    .ok()
                    .flatten()
                    .and_then(|b| b.dyn_into::<HtmlElement>().ok());
            }
        }
        if let Some(button) = focus {
            let _ = button.focus();
        }
    }

    /// The element holding the message of `input` (its `aria-describedby`).
    fn message_of(input: &Element) -> Option<Element> {
        let id = input.get_attribute("aria-describedby")?;
        document().get_element_by_id(&id)
    }

    /// Writes `error` into the form: each field's message next to it, the rest in a banner at
    /// the top; the first bad field (or the banner) takes the focus.
    fn show(form: &HtmlFormElement, error: &AppError) {
        for input in all(form, "[aria-invalid]") {
            let _ = input.set_attribute("aria-invalid", "false");
            if let Some(message) = message_of(&input) {
                message.set_text_content(None);
            }
        }
        for banner in all(form, "[data-testid=form-error]") {
            banner.remove();
        }
        let mut general: Vec<String> = error.form_message().into_iter().collect();
        let mut first: Option<HtmlElement> = None;
        for (field, text) in error.field_errors() {
            let input = form
                .query_selector(&format!("[name=\"{field}\"]"))
                .ok()
                .flatten();
            match input.as_ref().and_then(|i| message_of(i).map(|m| (i, m))) {
                Some((input, message)) => {
                    message.set_text_content(Some(text));
                    let _ = input.set_attribute("aria-invalid", "true");
                    if first.is_none() {
                        first = input.clone().dyn_into::<HtmlElement>().ok();
                    }
                }
                None => general.push(text.to_owned()),
            }
        }
        if !general.is_empty()
            && let Ok(banner) = document().create_element("div")
        {
            let _ = banner.set_attribute("role", "alert");
            let _ = banner.set_attribute("tabindex", "-1");
            let _ = banner.set_attribute("data-testid", "form-error");
            let _ = banner.set_attribute(
                "class",
                "rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800",
            );
            banner.set_text_content(Some(&general.join(" ")));
            let _ = form.prepend_with_node_1(&banner);
            if first.is_none() {
                first = banner.dyn_into::<HtmlElement>().ok();
            }
        }
        if let Some(first) = first {
            let _ = first.focus();
        }
    }
}
