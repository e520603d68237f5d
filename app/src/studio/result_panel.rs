//! One result with everything its owner can do to it, as the gallery and the job's page show
//! it: the before/after comparison, favourite, a 1–5 rating, download as PNG, JPEG or WebP at a
//! chosen width (a plain GET form, counted), publish to the showcase or withdraw, and delete.
//! Every action is a real form: it works without JavaScript and comes back to `back`.

use leptos::prelude::*;

use super::results_api::{
    DeleteResult, FavoriteResult, OrderPrint, PublishResult, RateResult, WithdrawResult,
};
use super::view::ResultCard;
use crate::ui::form::{FormError, action_error};

/// The download formats offered, (value, label).
const FORMATS: [(&str, &str); 3] = [("png", "PNG"), ("jpeg", "JPEG"), ("webp", "WebP")];

/// What the showcase state means to the owner.
fn showcase_line(state: &str) -> &'static str {
    match state {
        "submitted" => "Waiting for our team to approve it for the showcase.",
        "approved" => "Shown in the public showcase.",
        _ => "Only you can see it.",
    }
}

/// One result and its actions.
#[component]
pub fn ResultPanel(result: ResultCard, back: String) -> impl IntoView {
    let favorite = ServerAction::<FavoriteResult>::new();
    let rate = ServerAction::<RateResult>::new();
    let publish = ServerAction::<PublishResult>::new();
    let withdraw = ServerAction::<WithdrawResult>::new();
    let delete = ServerAction::<DeleteResult>::new();
    let print = ServerAction::<OrderPrint>::new();
    let errors = [
        action_error(favorite.value()),
        action_error(rate.value()),
        action_error(publish.value()),
        action_error(withdraw.value()),
        action_error(delete.value()),
        action_error(print.value()),
    ];
    let r = result;
    let id = r.id.clone();
    let is_favorite = r.favorite;
    let mine = r.rating;
    let shown = r.showcase != "private";
    let picture = match r.before_url.clone() {
        Some(before) => super::islands::compare_slider(
            before,
            r.after_url.clone(),
            (r.width, r.height),
            r.title.clone(),
        )
        .into_any(),
        None => view! {
            <img src=r.after_url.clone() width=r.width height=r.height alt=r.title.clone() class="w-full rounded-xl border border-stone-200" data-testid="after" />
        }
        .into_any(),
    };
    let style_link = r.style_slug.clone().zip(r.style_name.clone()).map(|(slug, name)| {
        view! { <a href=format!("/studio/styles/{slug}") class="text-indigo-700 hover:underline">{name}</a> }
    });
    let downloads = match r.downloads {
        1 => "Downloaded once".to_owned(),
        n => format!("Downloaded {n} times"),
    };
    let widths = r.download_widths.clone();
    let original = r.width;
    let (fav_id, rate_id, pub_id, wd_id, del_id, print_id) = (
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
    );
    let prints = r.prints.clone();
    let (b1, b2, b3, b4) = (back.clone(), back.clone(), back.clone(), back);
    let title_now = r.showcase_title.clone();
    view! {
        <article class="rounded-2xl border border-stone-200 bg-white p-4" data-testid="result" data-result-id=id.clone()>
            {picture}
            <div class="mt-3 flex flex-wrap items-baseline justify-between gap-2">
                <h2 class="text-lg font-semibold"><a href=format!("/studio/jobs/{id}") class="hover:underline">{r.title.clone()}</a></h2>
                <p class="text-sm text-stone-600">{style_link}</p>
            </div>
            <p class="text-sm text-stone-600">
                {format!("{} × {} px · ", r.width, r.height)}
                <span data-testid="downloads">{downloads}</span>
            </p>
            {errors.map(|error| view! { <FormError error=error /> }).into_iter().collect_view()}
            <div class="mt-3 flex flex-wrap items-center gap-3">
                <ActionForm action=favorite attr:data-testid="result-favorite-form">
                    <input type="hidden" name="id" value=fav_id />
                    <input type="hidden" name="favorite" value=(!is_favorite).to_string() />
                    <input type="hidden" name="back" value=b1 />
                    <button type="submit" aria-pressed=is_favorite.to_string() class="rounded-md border border-stone-300 px-3 py-1 text-sm font-medium aria-pressed:border-rose-600 aria-pressed:text-rose-700" data-testid="result-favorite">
                        {if is_favorite { "♥ Favourite" } else { "♡ Favourite" }}
                    </button>
                </ActionForm>
                <ActionForm action=rate attr:data-testid="result-rate-form">
                    <input type="hidden" name="id" value=rate_id.clone() />
                    <input type="hidden" name="back" value=b2 />
                    <fieldset class="flex items-center gap-1">
                        <legend class="sr-only">"Your rating"</legend>
                        {(1..=5i16).map(|n| {
                            let input_id = format!("stars-{rate_id}-{n}");
                            let label_for = input_id.clone();
                            view! {
                                <input id=input_id type="radio" name="stars" value=n.to_string() checked=mine == Some(n) class="accent-indigo-600" />
                                <label for=label_for class="cursor-pointer text-sm">{format!("{n}★")}</label>
                            }
                        }).collect_view()}
                        <button type="submit" class="ml-1 rounded-md bg-indigo-600 px-2 py-1 text-sm font-medium text-white" data-testid="result-rate">"Rate"</button>
                    </fieldset>
                </ActionForm>
            </div>
            <form method="get" action=format!("/studio/gallery/{id}/download") class="mt-3 flex flex-wrap items-end gap-2" data-testid="download-form">
                <label class="text-sm">
                    <span class="block font-medium">"Format"</span>
                    <select name="format" class="rounded-md border border-stone-300 px-2 py-1">
                        {FORMATS.iter().map(|(value, label)| view! { <option value=*value>{*label}</option> }).collect_view()}
                    </select>
                </label>
                <label class="text-sm">
                    <span class="block font-medium">"Width"</span>
                    <select name="width" class="rounded-md border border-stone-300 px-2 py-1">
                        {widths.into_iter().map(|w| {
                            let label = if w == original { format!("{w} px (full size)") } else { format!("{w} px") };
                            view! { <option value=w.to_string()>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <button type="submit" class="rounded-md bg-stone-900 px-3 py-1.5 text-sm font-medium text-white" data-testid="download">"Download"</button>
            </form>
            <ActionForm action=print attr:class="mt-3 rounded-lg bg-stone-50 p-3" attr:data-testid="print-form">
                <input type="hidden" name="id" value=print_id.clone() />
                <fieldset>
                    <legend class="font-medium">"Order as a print"</legend>
                    <div class="mt-1 flex flex-wrap gap-3 text-sm">
                        {prints.into_iter().enumerate().map(|(i, p)| {
                            let input_id = format!("print-{print_id}-{}", p.code);
                            let label_for = input_id.clone();
                            view! {
                                <span>
                                    <input id=input_id type="radio" name="size" value=p.code.clone() checked=i == 0 class="accent-indigo-600" />
                                    <label for=label_for class="ml-1">{format!("{} · from {}", p.label, p.from)}</label>
                                    {p.too_small.then(|| view! {
                                        <span class="block text-xs text-amber-800" data-testid="print-too-small">"Smaller than 150 dpi at this size: it will be enlarged and may look soft."</span>
                                    })}
                                </span>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="mt-2 flex flex-wrap items-end gap-3 text-sm">
                    <label>
                        <span class="block font-medium">"Paper"</span>
                        <select name="paper" class="rounded-md border border-stone-300 px-2 py-1">
                            <option value="matte">"Matte"</option>
                            <option value="glossy">"Glossy (+ €3–6)"</option>
                        </select>
                    </label>
                    <button type="submit" class="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white" data-testid="order-print">"Add the print to the cart"</button>
                </div>
            </ActionForm>
            <div class="mt-3 border-t border-stone-100 pt-3 text-sm">
                <p class="text-stone-600" data-testid="showcase-state" data-state=r.showcase.clone()>{showcase_line(&r.showcase)}</p>
                {if shown {
                    view! {
                        <ActionForm action=withdraw attr:class="mt-2" attr:data-testid="withdraw-form">
                            <input type="hidden" name="id" value=wd_id />
                            <input type="hidden" name="back" value=b4 />
                            <button type="submit" class="rounded-md border border-stone-300 px-3 py-1 font-medium" data-testid="withdraw">"Take it out of the showcase"</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! {
                        <ActionForm action=publish attr:class="mt-2 flex flex-wrap items-end gap-2" attr:data-testid="publish-form">
                            <input type="hidden" name="id" value=pub_id />
                            <input type="hidden" name="back" value=b3 />
                            <label>
                                <span class="block font-medium">"Title in the showcase"</span>
                                <input name="title" maxlength="80" value=title_now class="rounded-md border border-stone-300 px-2 py-1" />
                            </label>
                            <button type="submit" class="rounded-md border border-stone-300 px-3 py-1 font-medium" data-testid="publish">"Share in the showcase"</button>
                        </ActionForm>
                    }.into_any()
                }}
                <ActionForm action=delete attr:class="mt-3" attr:data-testid="delete-result-form">
                    <input type="hidden" name="id" value=del_id />
                    <button type="submit" class="text-red-700 hover:underline" data-testid="delete-result">"Delete this result"</button>
                </ActionForm>
            </div>
        </article>
    }
}
