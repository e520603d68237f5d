//! `/contact`: name, address, subject and message; a plain form that works without
//! JavaScript. The honeypot field is off-screen and out of the tab order and the accessibility
//! tree, so only a bot fills it.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::api::SendContact;
use super::fields::ContactInput;
use crate::ui::form::{Field, FormError, Submit, TextAreaField, action_error, typed_or};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::public_form::{SpamGuard, form_stamp};
use crate::ui::seo::Seo;

/// `/contact`.
#[component]
pub fn ContactPage() -> impl IntoView {
    let send = ServerAction::<SendContact>::new();
    let error = action_error(send.value());
    let query = use_query_map();
    let sent = query.read_untracked().get("sent").is_some();
    let stamp = load(|| (), |()| form_stamp("contact".to_owned()));
    let typed = typed_or(error, ContactInput::default());
    view! {
        <Seo title="Contact us" description="Write to the Daydream team: questions about an order, the studio, or a project." path="/contact" />
        <div class="mx-auto max-w-xl">
            <h1 class="text-3xl font-bold">"Contact us"</h1>
            <p class="mt-2 text-stone-600">"A question about an order, the studio or a project? We answer within one working day."</p>
            {sent.then(|| view! {
                <div class="mt-6" data-testid="contact-sent">
                    <Notice text="Thank you — your message is with us. We sent you an acknowledgement and will answer by email." />
                </div>
            })}
            <Loaded load=stamp let:stamp>
                <ActionForm action=send attr:class="mt-6 space-y-4" attr:novalidate=true attr:data-in-place="" attr:data-testid="contact-form">
                    <FormError error=error />
                    <SpamGuard stamp=stamp />
                    <Field label="Your name" name="name" autocomplete="name" required=true value=typed.name.clone() error=error />
                    <Field label="Your email" name="email" kind="email" autocomplete="email" required=true value=typed.email.clone() error=error />
                    <Field label="Subject" name="subject" required=true value=typed.subject.clone() error=error />
                    <TextAreaField label="Message" name="message" rows=8 required=true value=typed.message.clone() hint="Up to 5000 characters." error=error />
                    <Submit label="Send the message" />
                </ActionForm>
            </Loaded>
        </div>
    }
}
