//! `/account` (name, email, password) and `/account/preferences` (style and sizes): the
//! signed-in user's own settings. Anonymous visitors are sent to sign in first. Each form is a
//! plain form post whose refusal `ui::in_place_form` answers in place when the WASM is there.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::pages::SignOutForm;
use super::profile_api::{ChangeEmail, ChangeName, ChangePassword, SavePreferences, profile};
use super::profile_fields::{COLOURS, FITS, STYLES, TOP_SIZES};
use super::shell::{AccountShell, Panel};
use crate::ui::form::{CheckboxGroup, Field, FormError, SelectField, Submit, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;

/// Whether the URL's query has `key` set to `value`.
fn query_is(key: &'static str, value: &'static str) -> impl Fn() -> bool + Copy + Send + Sync {
    let query = use_query_map();
    move || query.read().get(key).as_deref() == Some(value)
}

/// `/account`: name, email address and password.
#[component]
pub fn AccountPage() -> impl IntoView {
    let data = load(|| (), |_| profile());
    let verified = query_is("verified", "1");
    let saved_name = query_is("saved", "name");
    let saved_email = query_is("saved", "email");
    let saved_password = query_is("saved", "password");
    view! {
        <Seo title="Your account" description="Your Daydream account." path="/account" noindex=true />
        <Loaded load=data let:me>
            <AccountShell title="Your account">
                <Show when=verified>
                    <Notice text="Your email address is confirmed. Welcome to Daydream!" />
                </Show>
                <Panel heading="Your name">
                    <Show when=saved_name>
                        <Notice text="Your name is saved." />
                    </Show>
                    <p class="mb-4 text-sm text-stone-600">
                        "Signed in as " <strong data-testid="account-name">{me.display_name.clone()}</strong>
                    </p>
                    <NameForm display_name=me.display_name.clone() />
                </Panel>
                <Panel heading="Email address">
                    <Show when=saved_email>
                        <Notice text="Almost done: open the link we sent to your new address to confirm it." />
                    </Show>
                    <p class="mb-4 text-sm text-stone-600">
                        "Your address is " <strong data-testid="account-email">{me.email.clone()}</strong> "."
                    </p>
                    {me.pending_email.clone().map(|pending| view! {
                        <p class="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="pending-email">
                            "Waiting for you to confirm " <strong>{pending}</strong>
                            " from the link we sent there. Until then we keep using your current address."
                        </p>
                    })}
                    <EmailForm />
                </Panel>
                <Panel heading="Password">
                    <Show when=saved_password>
                        <Notice text="Your password is changed. Every other device was signed out." />
                    </Show>
                    <PasswordForm />
                </Panel>
                <SignOutForm />
            </AccountShell>
        </Loaded>
    }
}

/// The name form (a save reloads the page with its notice).
#[component]
fn NameForm(display_name: String) -> impl IntoView {
    let name = ServerAction::<ChangeName>::new();
    let error = action_error(name.value());
    view! {
            <ActionForm action=name attr:class="space-y-4" attr:novalidate=true attr:data-in-place="">
                <FormError error=error />
                <Field label="Name" name="display_name" autocomplete="name" required=true value=display_name error=error />
                <Submit label="Save name" />
            </ActionForm>
    }
}

/// The email change form.
#[component]
fn EmailForm() -> impl IntoView {
    let email = ServerAction::<ChangeEmail>::new();
    let error = action_error(email.value());
    view! {
            <ActionForm action=email attr:class="space-y-4" attr:novalidate=true attr:data-in-place="">
                <FormError error=error />
                <Field label="New email address" name="new_email" kind="email" autocomplete="email" required=true error=error />
                <Field label="Current password" name="current_password" id="email_current_password" kind="password" autocomplete="current-password" required=true error=error />
                <Submit label="Change email address" />
            </ActionForm>
    }
}

/// The password change form.
#[component]
fn PasswordForm() -> impl IntoView {
    let password = ServerAction::<ChangePassword>::new();
    let error = action_error(password.value());
    view! {
            <ActionForm action=password attr:class="space-y-4" attr:novalidate=true attr:data-in-place="">
                <FormError error=error />
                <Field label="Current password" name="current_password" kind="password" autocomplete="current-password" required=true error=error />
                <Field label="New password" name="new_password" kind="password" autocomplete="new-password" required=true hint="At least 8 characters, and not a common password. Other devices will be signed out." error=error />
                <Submit label="Change password" />
            </ActionForm>
    }
}

/// `/account/preferences`: the styles and colours a shopper likes, their fit and sizes.
#[component]
pub fn PreferencesPage() -> impl IntoView {
    let save = ServerAction::<SavePreferences>::new();
    let error = action_error(save.value());
    let data = load(move || save.version().get(), |_| profile());
    let saved = query_is("saved", "1");
    let options = |values: &[&str]| -> Vec<(String, String)> {
        values
            .iter()
            .map(|v| ((*v).to_owned(), (*v).to_owned()))
            .collect()
    };
    view! {
        <Seo title="Style & sizes" description="Your style preferences and sizes." path="/account/preferences" noindex=true />
        <Loaded load=data let:me>
            <AccountShell title="Style & sizes">
                <Show when=saved>
                    <Notice text="Your style and sizes are saved." />
                </Show>
                <ActionForm action=save attr:class="space-y-6" attr:novalidate=true attr:data-in-place="">
                    <FormError error=error />
                    <Panel heading="Your style">
                        <div class="space-y-5">
                            <CheckboxGroup legend="Styles you like" name="styles" choices=&STYLES checked=Signal::stored(me.style.styles.clone()) />
                            <CheckboxGroup legend="Colours you wear most" name="colours" choices=&COLOURS checked=Signal::stored(me.style.colours.clone()) />
                            <SelectField label="Fit" name="fit" options=options(&FITS) placeholder="No preference" selected=me.style.fit.clone().unwrap_or_default() error=error />
                        </div>
                    </Panel>
                    <Panel heading="Your sizes">
                        <div class="grid gap-4 sm:grid-cols-2">
                            <SelectField label="Tops" name="top" options=options(&TOP_SIZES) placeholder="Not set" selected=me.sizes.top.clone().unwrap_or_default() error=error />
                            <Field label="Waist (inches)" name="waist_in" kind="number" value=me.sizes.waist_in.map(|n| n.to_string()).unwrap_or_default() error=error />
                            <Field label="Shoes (EU)" name="shoe_eu" value=me.sizes.shoe_eu.clone().unwrap_or_default() error=error />
                            <Field label="Height (cm)" name="height_cm" kind="number" value=me.sizes.height_cm.map(|n| n.to_string()).unwrap_or_default() error=error />
                        </div>
                    </Panel>
                    <Submit label="Save style & sizes" />
                </ActionForm>
            </AccountShell>
        </Loaded>
    }
}
