//! The review section of a product page: the approved reviews (newest or most helpful, paged by
//! links in the URL, so crawlers and no-JS visitors page too), "helpful" votes, and the caller's
//! own review form (write once, edit afterwards; shown after moderation).

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use super::review_api::{
    OwnReview, ReviewView, ReviewsSection, SubmitReview, VoteReview, product_reviews,
};
use crate::ui::form::{Field, FormError, TextAreaField, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::notice::Notice;
use crate::ui::paging::Pager;
use crate::ui::url::encode_component;

/// The current URL with the review parameters replaced by `set` (empty values dropped).
pub fn reviews_href(path: &str, query: &[(String, String)], set: &[(&str, &str)]) -> String {
    let mut parts: Vec<String> = query
        .iter()
        .filter(|(k, v)| !k.starts_with("reviews_") && k != "review" && !v.is_empty())
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect();
    parts.extend(
        set.iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", encode_component(v))),
    );
    let query = if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    };
    format!("{path}{query}#reviews")
}

/// The list, the sort links, the pager and the caller's form, for the product `slug`.
#[component]
pub fn Reviews(slug: String) -> impl IntoView {
    let query = use_query_map();
    let submit = ServerAction::<SubmitReview>::new();
    let vote = ServerAction::<VoteReview>::new();
    let data = load(
        {
            let slug = slug.clone();
            move || {
                let q = query.read();
                (
                    slug.clone(),
                    q.get("reviews_sort"),
                    q.get("reviews_page")
                        .and_then(|p| p.trim().parse::<u32>().ok()),
                    submit.version().get(),
                    vote.version().get(),
                )
            }
        },
        |(slug, sort, page, _, _)| product_reviews(slug, sort, page),
    );
    view! {
        <Loaded load=data let:section>
            <ReviewList section=section slug=slug.clone() submit=submit vote=vote />
        </Loaded>
    }
}

#[component]
fn ReviewList(
    section: ReviewsSection,
    slug: String,
    submit: ServerAction<SubmitReview>,
    vote: ServerAction<VoteReview>,
) -> impl IntoView {
    let location = use_location();
    let query = use_query_map();
    let path = location.pathname.get_untracked();
    let pairs: Vec<(String, String)> = query
        .get_untracked()
        .into_iter()
        .map(|(k, v)| (k.into_owned(), v))
        .collect();
    let sent = pairs.iter().any(|(k, v)| k == "review" && v == "sent");
    let here = reviews_href(&path, &pairs, &[]);
    let sort_link = |value: &'static str, label: &'static str| {
        let href = reviews_href(&path, &pairs, &[("reviews_sort", value)]);
        let current = section.sort == value;
        view! {
            <a href=href aria-current=current.then_some("true") class="rounded px-2 py-1 aria-[current=true]:bg-stone-800 aria-[current=true]:text-white">
                {label}
            </a>
        }
    };
    let vote_error = action_error(vote.value());
    view! {
        {sent.then(|| view! { <Notice text="Thank you! Your review will appear once our team has read it." /> })}
        <FormError error=vote_error />
        {if section.page.rows.is_empty() {
            view! { <p class="mt-2 text-stone-600" data-testid="no-reviews">"No reviews yet. Be the first to write one."</p> }.into_any()
        } else {
            view! {
                <nav aria-label="Order reviews" class="mt-4 flex gap-2 text-sm" data-testid="review-sort">
                    {sort_link("", "Newest")}
                    {sort_link("helpful", "Most helpful")}
                </nav>
                <ul class="mt-4 space-y-6" data-testid="reviews">
                    {section.page.rows.iter().cloned().map(|r| view! {
                        <ReviewItem review=r vote=vote here=here.clone() signed_in=section.signed_in />
                    }).collect_view()}
                </ul>
                <Pager page=section.page.page has_next=section.page.has_next param="reviews_page" />
            }.into_any()
        }}
        {match section.signed_in.then_some(section.own) {
            None => {
                let next = format!("/products/{slug}#reviews");
                view! {
                    <p class="mt-8 text-sm">
                        <a class="text-indigo-700" data-testid="review-sign-in" href=format!("/login?next={}", encode_component(&next))>
                            "Sign in to write a review"
                        </a>
                    </p>
                }.into_any()
            }
            Some(own) => view! { <ReviewForm slug=slug own=own submit=submit /> }.into_any(),
        }}
    }
}

#[component]
fn ReviewItem(
    review: ReviewView,
    vote: ServerAction<VoteReview>,
    here: String,
    signed_in: bool,
) -> impl IntoView {
    let stars = usize::try_from(review.rating.clamp(0, 5)).unwrap_or(0);
    view! {
        <li class="border-b border-stone-200 pb-4" data-testid="review">
            <p class="font-semibold">
                <span aria-label=format!("{stars} out of 5 stars")>{"★".repeat(stars)}{"☆".repeat(5 - stars)}</span>
                " " {review.title.clone()}
            </p>
            <p class="mt-1 whitespace-pre-line text-stone-700">{review.body.clone()}</p>
            <p class="mt-1 text-xs text-stone-500">
                {review.author.clone()} " · " {review.date.clone()}
                {review.verified_purchase.then(|| view! { " · " <span class="text-green-700" data-testid="verified-purchase">"Verified purchase"</span> })}
                {(review.helpful > 0).then(|| format!(" · {} found this helpful", review.helpful))}
            </p>
            {(signed_in && !review.mine).then(|| view! {
                <ActionForm action=vote attr:class="mt-1">
                    <input type="hidden" name="id" value=review.id />
                    <input type="hidden" name="next" value=here.clone() />
                    <button type="submit" class="text-xs text-indigo-700" data-testid="vote-helpful">"Helpful"</button>
                </ActionForm>
            })}
        </li>
    }
}

#[component]
fn ReviewForm(
    slug: String,
    own: Option<OwnReview>,
    submit: ServerAction<SubmitReview>,
) -> impl IntoView {
    let error = action_error(submit.value());
    let (heading, button) = if own.is_some() {
        ("Edit your review", "Update review")
    } else {
        ("Write a review", "Send review")
    };
    let status_note = own.as_ref().map(|o| match o.status.as_str() {
        "approved" => "Your review is published. Editing it sends it back for approval.",
        "rejected" => "Our team did not publish your review. You can edit it and send it again.",
        _ => "Your review is waiting for approval.",
    });
    let rating = own.as_ref().map_or(0, |o| o.rating);
    let title = own.as_ref().map(|o| o.title.clone()).unwrap_or_default();
    let body = own.map(|o| o.body).unwrap_or_default();
    let rating_message = move || {
        error
            .get()
            .and_then(|e| e.field_message("rating").map(str::to_owned))
    };
    view! {
        <section class="mt-10 max-w-xl" aria-labelledby="review-form-heading" data-testid="review-form">
            <h3 id="review-form-heading" class="text-lg font-semibold">{heading}</h3>
            {status_note.map(|n| view! { <p class="mt-1 text-sm text-stone-600" data-testid="own-review-status">{n}</p> })}
            <ActionForm action=submit attr:class="mt-4 space-y-4">
                <input type="hidden" name="slug" value=slug />
                <FormError error=error />
                <fieldset aria-describedby="rating-error">
                    <legend class="text-sm font-medium">"Your rating"</legend>
                    <div class="mt-1 flex gap-3">
                        {(1..=5i16).map(|n| view! {
                            <label class="text-sm">
                                <input type="radio" name="rating" value=n checked=rating == n />
                                " " {n} " ★"
                            </label>
                        }).collect_view()}
                    </div>
                    <p id="rating-error" class="text-sm text-red-700" data-testid="rating-error">{rating_message}</p>
                </fieldset>
                <Field label="Title" name="title" id="review-title" value=title error=error />
                <TextAreaField label="Your review" name="body" value=body error=error hint="What did you like or dislike? How does it fit?" />
                <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-500" data-testid="submit-review">
                    {button}
                </button>
            </ActionForm>
        </section>
    }
}
