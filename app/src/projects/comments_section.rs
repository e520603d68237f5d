//! A project's comment thread: the comments (Markdown rendered escaped on the server), who
//! wrote each and whether they are from the agency, a delete button on one's own; and the form
//! for a new one, which the page keeps outside the part its live updates replace, so a comment
//! being typed survives someone else's change. Plain forms: without JavaScript each posts and
//! the page comes back at the thread.

use leptos::prelude::*;

use super::comments_api::{AddComment, DeleteComment};
use super::view::CommentCard;
use crate::ui::form::{FormError, TextAreaField, action_error};
use crate::ui::time::When;

/// The thread.
#[component]
pub fn CommentThread(comments: Vec<CommentCard>) -> impl IntoView {
    let delete = ServerAction::<DeleteComment>::new();
    let delete_error = action_error(delete.value());
    view! {
        <section id="comments" class="mt-8 max-w-3xl" aria-labelledby="comments-title">
            <h2 id="comments-title" class="text-xl font-semibold">"Comments"</h2>
            <FormError error=delete_error />
            {comments.is_empty().then(|| view! { <p class="mt-2 text-sm text-stone-600">"No comments yet: ask a question or leave a note for the team."</p> })}
            <ol class="mt-3 space-y-3" data-testid="comments">
                {comments.into_iter().map(|c| {
                    let id = c.id.clone();
                    view! {
                        <li class="rounded-lg border border-stone-200 bg-white p-3" data-testid="comment" data-deleted=c.deleted.to_string()>
                            <p class="flex flex-wrap items-center gap-2 text-xs text-stone-500">
                                <span class="font-medium text-stone-800" data-testid="comment-author">{c.author.clone()}</span>
                                {c.from_agency.then(|| view! { <span class="rounded-full bg-indigo-50 px-2 text-indigo-800">"Agency"</span> })}
                                <When at=c.at.clone() />
                            </p>
                            {if c.deleted {
                                view! { <p class="mt-1 text-sm italic text-stone-500">"This comment was deleted."</p> }.into_any()
                            } else {
                                view! { <div class="prose prose-sm mt-1 max-w-none" data-testid="comment-body" inner_html=c.body_html.clone()></div> }.into_any()
                            }}
                            {c.deletable.then(|| view! {
                                <ActionForm action=delete attr:class="mt-2">
                                    <input type="hidden" name="id" value=id />
                                    <button type="submit" class="text-xs text-stone-600 underline" data-testid="delete-comment">"Delete"</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The form for a new comment on project `project_id`.
#[component]
pub fn CommentForm(project_id: String) -> impl IntoView {
    let add = ServerAction::<AddComment>::new();
    let add_error = action_error(add.value());
    view! {
        <section class="mx-auto max-w-6xl" aria-label="New comment">
            <ActionForm action=add attr:class="mt-4 max-w-3xl space-y-2" attr:novalidate=true attr:data-testid="comment-form">
                <FormError error=add_error />
                <input type="hidden" name="project" value=project_id />
                <TextAreaField label="Add a comment" name="body" rows=4 required=true hint="Markdown works: **bold**, lists, links." error=add_error />
                <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="post-comment">"Post the comment"</button>
            </ActionForm>
        </section>
    }
}
