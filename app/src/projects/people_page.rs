//! `/dashboard/people`: the caller's colleagues; a client admin also invites one by email
//! (viewer or admin), withdraws an open invitation and removes a colleague. And
//! `/dashboard/join/{token}`: the invitation link — what it is for, and (signed in with the
//! invited address) the button that accepts it; otherwise the way to sign in or sign up first.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::people_api::{
    AcceptInvitation, InviteColleague, RemoveColleague, RevokeInvitation, company_people,
    join_preview,
};
use super::view::{JoinView, People};
use crate::ui::form::{Field, FormError, action_error};
use crate::ui::loaded::{Loaded, load};
use crate::ui::seo::Seo;

/// `/dashboard/people`.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let data = load(|| (), |()| company_people());
    let invite = ServerAction::<InviteColleague>::new();
    let remove = ServerAction::<RemoveColleague>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let errors = (
        action_error(invite.value()),
        action_error(remove.value()),
        action_error(revoke.value()),
    );
    let query = use_query_map();
    let notice = {
        let q = query.read_untracked();
        if q.get("invited").is_some() {
            Some("The invitation is on its way.")
        } else if q.get("removed").is_some() {
            Some("They no longer see your company's projects.")
        } else {
            None
        }
    };
    view! {
        <Seo title="People" description="Your company's people." path="/dashboard/people" noindex=true />
        <Loaded load=data let:people>
            {people_view(people, notice, invite, remove, revoke, errors)}
        </Loaded>
    }
}

type Errors = (
    Signal<Option<crate::error::AppError>>,
    Signal<Option<crate::error::AppError>>,
    Signal<Option<crate::error::AppError>>,
);

/// The page once loaded.
fn people_view(
    people: People,
    notice: Option<&'static str>,
    invite: ServerAction<InviteColleague>,
    remove: ServerAction<RemoveColleague>,
    revoke: ServerAction<RevokeInvitation>,
    (invite_error, remove_error, revoke_error): Errors,
) -> impl IntoView {
    let is_admin = people.is_admin;
    view! {
        <div class="mx-auto max-w-3xl" data-testid="people-page">
            <p class="mb-4 text-sm"><a href="/dashboard" class="text-indigo-700 hover:underline">"← Projects"</a></p>
            <h1 class="text-3xl font-bold">{format!("{} — people", people.client_name)}</h1>
            {notice.map(|n| view! {
                <p class="mt-4 rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-800" role="status" data-testid="people-notice">{n}</p>
            })}
            <FormError error=remove_error />
            <FormError error=revoke_error />
            <ul class="mt-6 divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white" data-testid="members">
                {people.members.into_iter().map(|m| {
                    let user_id = m.user_id.clone();
                    view! {
                        <li class="flex flex-wrap items-center gap-3 p-3" data-testid="member">
                            <span class="font-medium">{m.name.clone()}</span>
                            <span class="text-sm text-stone-600">{m.email.clone()}</span>
                            <span class="rounded-full bg-stone-100 px-2 text-xs">{m.role_label.clone()}</span>
                            {(is_admin && !m.is_you).then(|| view! {
                                <ActionForm action=remove attr:class="ml-auto">
                                    <input type="hidden" name="user_id" value=user_id />
                                    <button type="submit" class="rounded-md border border-stone-300 px-2 py-1 text-xs" data-testid="remove-member">"Remove"</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {is_admin.then(|| view! {
                <section class="mt-8" aria-labelledby="invite-title">
                    <h2 id="invite-title" class="text-xl font-semibold">"Invite a colleague"</h2>
                    <ActionForm action=invite attr:class="mt-3 space-y-3 max-w-md" attr:data-testid="invite-form">
                        <FormError error=invite_error />
                        <Field label="Their email address" name="email" kind="email" required=true error=invite_error />
                        <label class="block text-sm">
                            <span class="block font-medium">"Role"</span>
                            <select name="role" class="mt-1 rounded-md border border-stone-300 px-2 py-1">
                                <option value="client_viewer" selected=true>"Viewer — follows the projects"</option>
                                <option value="client_admin">"Admin — also changes tasks and invites"</option>
                            </select>
                        </label>
                        <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="send-invitation">"Send the invitation"</button>
                    </ActionForm>
                </section>
                <section class="mt-8" aria-labelledby="invitations-title">
                    <h2 id="invitations-title" class="text-xl font-semibold">"Invitations"</h2>
                    {people.invitations.is_empty().then(|| view! { <p class="mt-2 text-sm text-stone-600">"None sent yet."</p> })}
                    <ul class="mt-2 space-y-1 text-sm" data-testid="invitations">
                        {people.invitations.iter().map(|i| {
                            let open = i.state == "open";
                            let id = i.id.clone();
                            view! {
                                <li class="flex flex-wrap items-center gap-3" data-testid="invitation" data-state=i.state.clone()>
                                    <span>{i.email.clone()}</span>
                                    <span class="text-stone-600">{i.role_label.clone()}</span>
                                    <span class="text-stone-500">{i.state.clone()}</span>
                                    {open.then(|| view! {
                                        <ActionForm action=revoke>
                                            <input type="hidden" name="id" value=id />
                                            <button type="submit" class="rounded-md border border-stone-300 px-2 py-0.5 text-xs" data-testid="revoke-invitation">"Withdraw"</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </div>
    }
}

/// `/dashboard/join/{token}`.
#[component]
pub fn JoinPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let data = load(token, join_preview);
    let accept = ServerAction::<AcceptInvitation>::new();
    let error = action_error(accept.value());
    let path = params.read_untracked().get("token").unwrap_or_default();
    view! {
        <Seo title="Join your company's projects" description="An invitation." path="/dashboard" noindex=true />
        <Loaded load=data let:preview>
            {join_view(preview, path.clone(), accept, error)}
        </Loaded>
    }
}

/// The invitation once read.
fn join_view(
    preview: JoinView,
    token: String,
    accept: ServerAction<AcceptInvitation>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let next = format!("/dashboard/join/{token}");
    let sign_in = format!("/login?next={}", crate::ui::url::encode_component(&next));
    let sign_up = "/signup".to_owned();
    let other = preview
        .your_email
        .as_ref()
        .is_some_and(|e| !e.eq_ignore_ascii_case(&preview.email));
    view! {
        <div class="mx-auto max-w-xl" data-testid="join-page">
            <h1 class="text-3xl font-bold">{format!("Join {}", preview.client_name)}</h1>
            <p class="mt-3 text-stone-700">
                {format!("This invitation is for {}, as {}.", preview.email, preview.role_label.to_lowercase())}
            </p>
            <FormError error=error />
            {if !preview.signed_in {
                view! {
                    <p class="mt-6">
                        <a href=sign_in class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="join-sign-in">"Sign in to accept"</a>
                        " or "
                        <a href=sign_up class="text-indigo-700 underline" data-testid="join-sign-up">"create an account with this address"</a>
                        ", confirm it, and open this link again."
                    </p>
                }.into_any()
            } else if other {
                view! {
                    <p class="mt-6 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="join-other-address">
                        {format!("You are signed in as {}. Sign out and sign in with {} to accept.", preview.your_email.clone().unwrap_or_default(), preview.email)}
                    </p>
                }.into_any()
            } else {
                view! {
                    <ActionForm action=accept attr:class="mt-6">
                        <input type="hidden" name="token" value=token.clone() />
                        <button type="submit" class="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white" data-testid="accept-invitation">"Accept the invitation"</button>
                    </ActionForm>
                }.into_any()
            }}
        </div>
    }
}
