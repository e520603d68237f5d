//! `/account/addresses` (the address book), `/account/addresses/new` and
//! `/account/addresses/{id}` (the address form, empty or filled in: a plain form post, whose
//! refusal `ui::in_place_form` answers in place when the WASM is there).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::address_api::{
    AddAddress, DeleteAddress, MakeDefaultAddress, SavedAddress, UpdateAddress, my_address,
    my_addresses,
};
use super::address_fields::AddressInput;
use super::shell::{AccountShell, Panel};
use crate::error::AppError;
use crate::ui::countries;
use crate::ui::form::{Field, FormError, SelectField, Submit, action_error, typed_or};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;

/// The lines of an address as it would be written on a parcel.
fn postal_lines(a: &AddressInput) -> Vec<String> {
    let place = [a.postal_code.as_str(), a.city.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    [
        a.full_name.clone(),
        a.line1.clone(),
        a.line2.clone(),
        place,
        a.region.clone(),
        countries::name(&a.country).unwrap_or(&a.country).to_owned(),
        a.phone.clone(),
    ]
    .into_iter()
    .filter(|l| !l.is_empty())
    .collect()
}

/// `/account/addresses`: every saved address with edit, make-default and delete.
#[component]
pub fn AddressesPage() -> impl IntoView {
    let delete = ServerAction::<DeleteAddress>::new();
    let make_default = ServerAction::<MakeDefaultAddress>::new();
    let delete_error = action_error(delete.value());
    let default_error = action_error(make_default.value());
    let data = load(
        move || (delete.version().get(), make_default.version().get()),
        |_| my_addresses(),
    );
    let query = use_query_map();
    let flag = move |key: &'static str| query.read().get(key).is_some();
    view! {
        <Seo title="Your addresses" description="Your saved addresses." path="/account/addresses" noindex=true />
        <Loaded load=data let:addresses>
            <AccountShell title="Your addresses">
                <Show when=move || flag("saved")>
                    <Notice text="Your address book is saved." />
                </Show>
                <Show when=move || flag("deleted")>
                    <Notice text="The address is deleted." />
                </Show>
                <FormError error=delete_error />
                <FormError error=default_error />
                {if addresses.is_empty() {
                    view! {
                        <p class="mb-6 text-stone-600" data-testid="no-addresses">
                            "You have no saved addresses yet. Save one to check out faster."
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <ul class="mb-6 grid gap-4 sm:grid-cols-2" data-testid="addresses">
                            {addresses
                                .into_iter()
                                .map(|a| view! { <AddressCard address=a delete=delete make_default=make_default /> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
                <a
                    href="/account/addresses/new"
                    class="inline-block rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500"
                >
                    "Add an address"
                </a>
            </AccountShell>
        </Loaded>
    }
}

/// One address in the book, with its actions.
#[component]
fn AddressCard(
    address: SavedAddress,
    delete: ServerAction<DeleteAddress>,
    make_default: ServerAction<MakeDefaultAddress>,
) -> impl IntoView {
    let edit = format!("/account/addresses/{}", address.id);
    let id = address.id.clone();
    let lines = postal_lines(&address.fields);
    view! {
        <li class="rounded-xl border border-stone-200 bg-white p-5 shadow-sm" data-testid="address">
            {address.is_default.then(|| view! {
                <p class="mb-2 text-xs font-semibold uppercase tracking-wide text-indigo-700" data-testid="default-address">
                    "Default"
                </p>
            })}
            <address class="text-sm not-italic leading-6">
                {lines.into_iter().map(|l| view! { <span class="block">{l}</span> }).collect_view()}
            </address>
            <div class="mt-4 flex flex-wrap items-center gap-3 text-sm">
                <a class="font-medium text-indigo-700" href=edit>"Edit"</a>
                {(!address.is_default).then(|| {
                    let id = id.clone();
                    view! {
                        <ActionForm action=make_default>
                            <input type="hidden" name="id" value=id />
                            <button type="submit" class="font-medium text-indigo-700">"Make default"</button>
                        </ActionForm>
                    }
                })}
                <ActionForm action=delete>
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="font-medium text-red-700">"Delete"</button>
                </ActionForm>
            </div>
        </li>
    }
}

/// The address fields, filled with `initial` (or with what was typed, when a plain post of
/// them was refused).
#[component]
fn AddressFields(
    initial: AddressInput,
    is_default: bool,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let initial = typed_or(error, initial);
    let countries: Vec<(String, String)> = countries::all()
        .map(|(code, name)| (code.to_owned(), name.to_owned()))
        .collect();
    view! {
        <FormError error=error />
        <Field label="Full name" name="full_name" autocomplete="shipping name" required=true value=initial.full_name error=error />
        <Field label="Street and number" name="line1" autocomplete="shipping address-line1" required=true value=initial.line1 error=error />
        <Field label="Flat, floor, building (optional)" name="line2" autocomplete="shipping address-line2" value=initial.line2 error=error />
        <div class="grid gap-4 sm:grid-cols-2">
            <Field label="Postal code" name="postal_code" autocomplete="shipping postal-code" required=true value=initial.postal_code error=error />
            <Field label="Town or city" name="city" autocomplete="shipping address-level2" required=true value=initial.city error=error />
        </div>
        <Field label="State, county or region (optional)" name="region" autocomplete="shipping address-level1" value=initial.region error=error />
        <SelectField label="Country" name="country" options=countries autocomplete="shipping country" selected=initial.country error=error />
        <Field label="Phone (optional, for the courier)" name="phone" kind="tel" autocomplete="shipping tel" value=initial.phone error=error />
        <label class="flex items-center gap-2 text-sm">
            <input type="checkbox" name="make_default" value="1" checked=is_default class="accent-indigo-600" />
            "Use as my default address"
        </label>
    }
}

/// `/account/addresses/new`: add an address.
#[component]
pub fn NewAddressPage() -> impl IntoView {
    // Loads the book only to require a signed-in visitor before showing the form.
    let data = load(|| (), |_| my_addresses());
    view! {
        <Seo title="Add an address" description="Add an address." path="/account/addresses/new" noindex=true />
        <Loaded load=data let:existing>
            <AccountShell title="Add an address">
                <Panel heading="New address">
                    <NewAddressForm is_default=existing.is_empty() />
                </Panel>
            </AccountShell>
        </Loaded>
    }
}

/// `/account/addresses/{id}`: edit one of your addresses (someone else's answers 404).
#[component]
pub fn EditAddressPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = load(id, my_address);
    view! {
        <Seo title="Edit an address" description="Edit a saved address." path="/account/addresses" noindex=true />
        <Loaded load=data let:address>
            <AccountShell title="Edit an address">
                <Panel heading="Address">
                    <EditAddressForm id=address.id.clone() initial=address.fields.clone() is_default=address.is_default />
                </Panel>
            </AccountShell>
        </Loaded>
    }
}

/// The new-address form; a save goes on to the address book.
#[component]
fn NewAddressForm(is_default: bool) -> impl IntoView {
    let add = ServerAction::<AddAddress>::new();
    let error = action_error(add.value());
    view! {
            <ActionForm action=add attr:class="space-y-4" attr:novalidate=true attr:data-in-place="">
                <AddressFields initial=AddressInput::default() is_default error />
                <Submit label="Save address" />
            </ActionForm>
    }
}

/// The form editing the saved address `id`.
#[component]
fn EditAddressForm(id: String, initial: AddressInput, is_default: bool) -> impl IntoView {
    let update = ServerAction::<UpdateAddress>::new();
    let error = action_error(update.value());
    view! {
            <ActionForm action=update attr:class="space-y-4" attr:novalidate=true attr:data-in-place="">
                <input type="hidden" name="id" value=id />
                <AddressFields initial is_default error />
                <Submit label="Save address" />
            </ActionForm>
    }
}
