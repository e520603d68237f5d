//! `/admin/shipping`: the delivery methods (edit each on `/admin/shipping/{id}`, add one) and
//! the tax rate of each destination country (set or remove).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::admin::checkout::api::{SaveShippingMethod, SetTaxRate, admin_shipping};
use crate::admin::checkout::fields::MethodInput;
use crate::admin::table::AdminTable;
use crate::error::AppError;
use crate::ui::countries;
use crate::ui::form::{Field, FormError, SelectField, Submit, action_error, typed_or};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;

/// `/admin/shipping`.
#[component]
pub fn ShippingPage() -> impl IntoView {
    let save = ServerAction::<SaveShippingMethod>::new();
    let set_rate = ServerAction::<SetTaxRate>::new();
    let error = action_error(save.value());
    let rate_error = action_error(set_rate.value());
    let data = load(
        move || (save.version().get(), set_rate.version().get()),
        |_| admin_shipping(),
    );
    let query = use_query_map();
    let countries: Vec<(String, String)> = countries::all()
        .map(|(code, name)| (code.to_owned(), name.to_owned()))
        .collect();
    view! {
        <Seo title="Shipping and tax" description="Shipping and tax." path="/admin/shipping" noindex=true />
        <h1 class="mb-4 text-2xl font-bold">"Shipping and tax"</h1>
        <Show when=move || query.read().get("saved").is_some()>
            <Notice text="Saved." />
        </Show>
        <Loaded load=data let:settings>
            <h2 class="mb-2 text-lg font-semibold">"Delivery methods"</h2>
            <AdminTable testid="shipping-methods" headers=&["Method", "Price", "Free over", "Days", ""]>
                {settings.methods.iter().map(|m| view! {
                    <tr class="border-b border-stone-100">
                        <td class="py-2">{m.input.name.clone()}{(!m.input.active).then_some(" (off)")}</td>
                        <td>{format!("€{}", m.input.price)}</td>
                        <td>{if m.input.free_over.is_empty() { "—".to_owned() } else { format!("€{}", m.input.free_over) }}</td>
                        <td>{format!("{}–{}", m.input.min_days, m.input.max_days)}</td>
                        <td><a class="text-indigo-700" href=format!("/admin/shipping/{}", m.id)>"Edit"</a></td>
                    </tr>
                }).collect_view()}
            </AdminTable>
            <h2 class="mb-2 mt-8 text-lg font-semibold">"Tax rates"</h2>
            <p class="mb-2 text-sm text-stone-600">"Added to prices at checkout by delivery country; a country without a rate pays no tax."</p>
            <AdminTable testid="tax-rates" headers=&["Country", "Rate", ""]>
                {settings.rates.iter().map(|(code, rate)| {
                    let code = code.clone();
                    view! {
                        <tr class="border-b border-stone-100">
                            <td class="py-2">{countries::name(&code).unwrap_or(&code).to_owned()}</td>
                            <td>{format!("{rate} %")}</td>
                            <td>
                                <ActionForm action=set_rate>
                                    <input type="hidden" name="country" value=code.clone() />
                                    <button type="submit" class="text-red-700">"Remove"</button>
                                </ActionForm>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </AdminTable>
        </Loaded>
        <section class="mt-6 max-w-xl rounded-xl border border-stone-200 bg-white p-6" aria-labelledby="set-rate">
            <h2 id="set-rate" class="mb-4 text-lg font-semibold">"Set a tax rate"</h2>
            <ActionForm action=set_rate attr:class="space-y-4" attr:novalidate=true>
                <FormError error=rate_error />
                <SelectField label="Country" name="country" options=countries error=rate_error />
                <Field label="Rate (%)" name="rate" hint="e.g. 21 or 5.5" error=rate_error />
                <Submit label="Set rate" />
            </ActionForm>
        </section>
        <section class="mt-6 max-w-xl rounded-xl border border-stone-200 bg-white p-6" aria-labelledby="new-method">
            <h2 id="new-method" class="mb-4 text-lg font-semibold">"New delivery method"</h2>
            <MethodForm id=None initial=typed_or(error, MethodInput { active: true, ..MethodInput::default() }) save=save error=error />
        </section>
    }
}

/// `/admin/shipping/{id}`.
#[component]
pub fn ShippingMethodPage() -> impl IntoView {
    let save = ServerAction::<SaveShippingMethod>::new();
    let error = action_error(save.value());
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|i| i.parse::<i64>().ok());
    let data = load(move || save.version().get(), |_| admin_shipping());
    view! {
        <Seo title="Edit delivery method" description="Delivery method." path="/admin/shipping" noindex=true />
        <p class="mb-4 text-sm"><a class="text-indigo-700" href="/admin/shipping">"← Shipping and tax"</a></p>
        <Loaded load=data let:settings>
            {match settings.methods.into_iter().find(|m| Some(m.id) == id()) {
                Some(m) => view! {
                    <h1 class="mb-4 text-2xl font-bold">{m.input.name.clone()}</h1>
                    <div class="max-w-xl rounded-xl border border-stone-200 bg-white p-6">
                        <MethodForm id=Some(m.id) initial=typed_or(error, m.input.clone()) save=save error=error />
                    </div>
                }.into_any(),
                None => view! { <crate::ui::error_page::ErrorPage error=AppError::NotFound /> }.into_any(),
            }}
        </Loaded>
    }
}

/// The delivery method fields.
#[component]
fn MethodForm(
    id: Option<i64>,
    initial: MethodInput,
    save: ServerAction<SaveShippingMethod>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <ActionForm action=save attr:class="space-y-4" attr:novalidate=true>
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string() /> })}
            <FormError error=error />
            <div class="grid gap-4 sm:grid-cols-2">
                <Field label="Code" name="code" value=initial.code required=true hint="e.g. next-day" error=error />
                <Field label="Name" name="name" value=initial.name required=true error=error />
            </div>
            <div class="grid gap-4 sm:grid-cols-2">
                <Field label="Price" name="price" value=initial.price required=true hint="e.g. 4.90" error=error />
                <Field label="Free over (optional)" name="free_over" value=initial.free_over hint="e.g. 50.00" error=error />
            </div>
            <div class="grid gap-4 sm:grid-cols-3">
                <Field label="Fastest (days)" name="min_days" value=initial.min_days error=error />
                <Field label="Slowest (days)" name="max_days" value=initial.max_days error=error />
                <Field label="Position" name="position" value=initial.position error=error />
            </div>
            <label class="flex items-center gap-2 text-sm">
                <input type="checkbox" name="active" value="1" checked=initial.active class="accent-indigo-600" />
                "Offered at checkout"
            </label>
            <Submit label="Save method" />
        </ActionForm>
    }
}
