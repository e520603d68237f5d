//! `/waitlist` (the sign-up form, and what it says after joining or confirming) and
//! `/waitlist/confirm/{token}` (the mailed link: a button confirms, so a mail scanner that
//! opens links confirms nothing).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{ConfirmWaitlist, JoinWaitlist};
use super::fields::{INTERESTS, WaitlistInput};
use crate::ui::form::{Field, FormError, SelectField, Submit, action_error, typed_or};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::public_form::{SpamGuard, form_stamp};
use crate::ui::seo::Seo;

/// `/waitlist`.
#[component]
pub fn WaitlistPage() -> impl IntoView {
    let join = ServerAction::<JoinWaitlist>::new();
    let error = action_error(join.value());
    let query = use_query_map();
    let (joined, confirmed) = {
        let q = query.read_untracked();
        (q.get("joined").is_some(), q.get("confirmed").is_some())
    };
    let stamp = load(|| (), |()| form_stamp("waitlist".to_owned()));
    let typed = typed_or(
        error,
        WaitlistInput {
            interest: "everything".to_owned(),
            ..WaitlistInput::default()
        },
    );
    let interests: Vec<(String, String)> = INTERESTS
        .iter()
        .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
        .collect();
    view! {
        <Seo title="Join the waitlist" description="Be among the first to use Daydream: join the waitlist." path="/waitlist" />
        <div class="mx-auto max-w-xl">
            <h1 class="text-3xl font-bold">"Join the waitlist"</h1>
            <p class="mt-2 text-stone-600">"We are letting people in a few at a time. Leave your address and we will invite you when your turn comes."</p>
            {joined.then(|| view! {
                <div class="mt-6" data-testid="waitlist-joined">
                    <Notice text="Thank you! Check your inbox: we sent a link to confirm your place. Until you confirm, you are not on the list." />
                </div>
            })}
            {confirmed.then(|| view! {
                <div class="mt-6" data-testid="waitlist-confirmed">
                    <Notice text="Your place is confirmed. We will write when your invitation is ready." />
                </div>
            })}
            <Loaded load=stamp let:stamp>
                <ActionForm action=join attr:class="mt-6 space-y-4" attr:novalidate=true attr:data-in-place="" attr:data-testid="waitlist-form">
                    <FormError error=error />
                    <SpamGuard stamp=stamp />
                    <Field label="Email" name="email" kind="email" autocomplete="email" required=true value=typed.email.clone() error=error />
                    <div class="grid gap-4 sm:grid-cols-2">
                        <Field label="First name" name="first_name" autocomplete="given-name" required=true value=typed.first_name.clone() error=error />
                        <Field label="Last name" name="last_name" autocomplete="family-name" required=true value=typed.last_name.clone() error=error />
                    </div>
                    <div class="grid gap-4 sm:grid-cols-2">
                        <Field label="Company (optional)" name="company" autocomplete="organization" value=typed.company.clone() error=error />
                        <Field label="Role (optional)" name="role" autocomplete="organization-title" value=typed.role.clone() error=error />
                    </div>
                    <SelectField label="What are you waiting for?" name="interest" options=interests.clone() selected=typed.interest.clone() error=error />
                    <Submit label="Join the waitlist" />
                </ActionForm>
            </Loaded>
        </div>
    }
}

/// `/waitlist/confirm/{token}`.
#[component]
pub fn WaitlistConfirmPage() -> impl IntoView {
    let confirm = ServerAction::<ConfirmWaitlist>::new();
    let error = action_error(confirm.value());
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    view! {
        <Seo title="Confirm your place" description="Confirm your place on the Daydream waitlist." path="/waitlist" noindex=true />
        <div class="mx-auto max-w-xl" data-testid="waitlist-confirm-page">
            <h1 class="text-3xl font-bold">"Confirm your place"</h1>
            <p class="mt-2 text-stone-600">"One click and you are on the Daydream waitlist."</p>
            <ActionForm action=confirm attr:class="mt-6 space-y-4" attr:data-in-place="">
                <FormError error=error />
                <p class="text-sm text-red-700" data-testid="token-error">{move || error.get().and_then(|e| e.field_message("token").map(str::to_owned))}</p>
                <input type="hidden" name="token" value=token />
                <Submit label="Confirm my place" />
            </ActionForm>
        </div>
    }
}
