//! The sign-in pages: `/signup`, `/login`, `/logout`, `/verify-email` (and `/resend`),
//! `/forgot-password`, `/reset-password`, `/account/cancel-email-change`.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::api::{
    CancelEmailChange, ForgotPassword, ResendVerification, ResetPassword, SignIn, SignOut, SignUp,
    VerifyEmail, check_reset_token,
};
use super::provider_buttons::{ProviderButtons, ProviderRefusal};
use crate::ui::form::{Field, FormError, Submit, action_error};
use crate::ui::notice::Notice;
use crate::ui::seo::Seo;

/// A narrow centred card for the account forms.
#[component]
fn Card(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="mx-auto max-w-md rounded-xl border border-stone-200 bg-white p-8 shadow-sm">
            <h1 class="mb-6 text-2xl font-bold">{title}</h1>
            {children()}
        </div>
    }
}

/// `/signup`: create an account.
#[component]
pub fn SignupPage() -> impl IntoView {
    view! {
        <Seo title="Create your account" description="Create a Daydream account." path="/signup" noindex=true />
        <Card title="Create your account">
            <ProviderRefusal />
            <SignupForm />
            <ProviderButtons next="/account" />
            <p class="mt-6 text-sm text-stone-600">
                "Already have an account? " <a class="font-medium text-indigo-700" href="/login">"Sign in"</a>
            </p>
        </Card>
    }
}

/// The sign-up form (a refusal answered next to the field in place: `data-in-place`).
#[component]
fn SignupForm() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let error = action_error(action.value());
    view! {
        <ActionForm action=action attr:class="space-y-4" attr:novalidate=true attr:data-in-place="">
            <FormError error=error />
            <Field label="Your name" name="display_name" autocomplete="name" required=true error=error />
            <Field label="Email" name="email" kind="email" autocomplete="email" required=true error=error />
            <Field label="Password" name="password" kind="password" autocomplete="new-password" required=true error=error />
            <p class="text-xs text-stone-500">"At least 8 characters, and not a common password."</p>
            <Submit label="Create account" />
        </ActionForm>
    }
}

/// `/login?next=`: sign in.
#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let next = query.read_untracked().get("next").unwrap_or_default();
    let flag = move |key: &'static str| query.read().get(key).is_some();
    view! {
        <Seo title="Sign in" description="Sign in to your Daydream account." path="/login" noindex=true />
        <Card title="Sign in">
            <Show when=move || flag("check_email")>
                <Notice text="We sent you an email: open the link in it to confirm your address, then sign in." />
            </Show>
            <Show when=move || flag("reset")>
                <Notice text="Your password was changed. Sign in with the new one." />
            </Show>
            <Show when=move || flag("email_changed")>
                <Notice text="Your new email address is confirmed. Sign in with it." />
            </Show>
            <ProviderRefusal />
            <SignInForm next=next.clone() />
            <ProviderButtons next=next />
            <p class="mt-6 text-sm text-stone-600">
                "New here? " <a class="font-medium text-indigo-700" href="/signup">"Create an account"</a>
                " · " <a class="font-medium text-indigo-700" href="/forgot-password">"Forgot your password?"</a>
                " · " <a class="font-medium text-indigo-700" href="/verify-email/resend">"No confirmation email?"</a>
            </p>
        </Card>
    }
}

/// The sign-in form (`next`: where to go once signed in; a refusal answered in place:
/// `data-in-place`).
#[component]
fn SignInForm(next: String) -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let error = action_error(action.value());
    view! {
        <ActionForm action=action attr:class="space-y-4" attr:novalidate=true attr:data-in-place="">
            <FormError error=error />
            <input type="hidden" name="next" value=next />
            <Field label="Email" name="email" kind="email" autocomplete="email" required=true error=error />
            <Field label="Password" name="password" kind="password" autocomplete="current-password" required=true error=error />
            <Submit label="Sign in" />
        </ActionForm>
    }
}

/// `/logout`: a sign-out button (signing out is a POST; a GET never signs anyone out).
#[component]
pub fn LogoutPage() -> impl IntoView {
    view! {
        <Seo title="Sign out" description="Sign out of Daydream." path="/logout" noindex=true />
        <Card title="Sign out">
            <SignOutForm />
        </Card>
    }
}

/// The sign-out form, used on `/logout` and `/account`.
#[component]
pub fn SignOutForm() -> impl IntoView {
    let action = ServerAction::<SignOut>::new();
    view! {
        <ActionForm action=action>
            <button
                type="submit"
                class="rounded-md border border-stone-300 px-4 py-2 font-medium hover:bg-stone-100"
            >
                "Sign out"
            </button>
        </ActionForm>
    }
}

/// `/verify-email?token=`: confirms the address with one click (a POST, so link scanners that
/// fetch the URL do not use the token up).
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let action = ServerAction::<VerifyEmail>::new();
    let error = action_error(action.value());
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let token_error = move || {
        error
            .get()
            .and_then(|e| e.field_message("token").map(str::to_owned))
    };
    view! {
        <Seo title="Confirm your email address" description="Confirm your email address." path="/verify-email" noindex=true />
        <Card title="Confirm your email address">
            <Show
                when=move || token_error().is_none()
                fallback=move || {
                    view! {
                        <p role="alert" class="text-red-800" data-testid="token-error">
                            {token_error}
                        </p>
                        <p class="mt-4 text-sm">
                            <a class="font-medium text-indigo-700" href="/verify-email/resend">"Send me a new link"</a>
                            " · "
                            <a class="font-medium text-indigo-700" href="/login">"Go to sign in"</a>
                        </p>
                    }
                }
            >
                <ActionForm action=action attr:class="space-y-4">
                    <FormError error=error />
                    <input type="hidden" name="token" value=token />
                    <p class="text-stone-600">"One click and your account is ready."</p>
                    <Submit label="Confirm my email address" />
                </ActionForm>
            </Show>
        </Card>
    }
}

/// `/forgot-password`: ask for a reset link.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<ForgotPassword>::new();
    let error = action_error(action.value());
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some();
    view! {
        <Seo title="Forgot your password?" description="Get a link to choose a new password." path="/forgot-password" noindex=true />
        <Card title="Forgot your password?">
            <Show when=sent>
                <Notice text="If an account uses that address, we sent it a link to choose a new password. It expires in an hour." />
            </Show>
            <Show when=move || query.read().get("change_cancelled").is_some()>
                <Notice text="The email change is cancelled and every session of your account is signed out. Choose a new password now: whoever asked for the change knew the old one." />
            </Show>
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <FormError error=error />
                <Field label="Email" name="email" kind="email" autocomplete="email" required=true error=error />
                <Submit label="Send me a link" />
            </ActionForm>
        </Card>
    }
}

/// `/reset-password?token=`: choose a new password with the emailed link.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action.value());
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let check = crate::ui::loaded::started(check_reset_token(token()));
    view! {
        <Seo title="Choose a new password" description="Choose a new password." path="/reset-password" noindex=true />
        <Card title="Choose a new password">
            <Suspense fallback=|| view! { <p>"Checking your link…"</p> }>
                {Suspend::new(async move {
                    let link_error = check.await.err().or_else(|| {
                        error.get().filter(|e| e.field_message("token").is_some())
                    });
                    match link_error {
                        Some(e) => {
                            #[cfg(feature = "ssr")]
                            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                                response.set_status(e.status());
                            }
                            view! {
                                <p role="alert" class="text-red-800" data-testid="token-error">
                                    {e.field_message("token").map_or_else(|| e.to_string(), str::to_owned)}
                                </p>
                                <p class="mt-4 text-sm">
                                    <a class="font-medium text-indigo-700" href="/forgot-password">"Ask for a new link"</a>
                                </p>
                            }
                                .into_any()
                        }
                        None => view! {
                            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                                <FormError error=error />
                                <input type="hidden" name="token" value=token />
                                <Field label="New password" name="password" kind="password" autocomplete="new-password" required=true error=error />
                                <p class="text-xs text-stone-500">"At least 8 characters, and not a common password. You will be signed out everywhere else."</p>
                                <Submit label="Save the new password" />
                            </ActionForm>
                        }
                            .into_any(),
                    }
                })}
            </Suspense>
        </Card>
    }
}

/// `/verify-email/resend`: mail the confirmation link again to an unconfirmed account.
#[component]
pub fn ResendVerificationPage() -> impl IntoView {
    let action = ServerAction::<ResendVerification>::new();
    let error = action_error(action.value());
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some();
    view! {
        <Seo title="Send the confirmation link again" description="Get a new link to confirm your email address." path="/verify-email/resend" noindex=true />
        <Card title="Send the confirmation link again">
            <Show when=sent>
                <Notice text="If an unconfirmed account uses that address, we sent it a new link. It expires in 24 hours." />
            </Show>
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <FormError error=error />
                <Field label="Email" name="email" kind="email" autocomplete="email" required=true error=error />
                <Submit label="Send me a new link" />
            </ActionForm>
        </Card>
    }
}

/// `/account/cancel-email-change?token=`: "this wasn't me" from the notice sent to the old
/// address. A button, not the link itself, does it (mail scanners open links).
#[component]
pub fn CancelEmailChangePage() -> impl IntoView {
    let action = ServerAction::<CancelEmailChange>::new();
    let error = action_error(action.value());
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <Seo title="Cancel the email change" description="Cancel a change of your email address." path="/account/cancel-email-change" noindex=true />
        <Card title="Cancel the email change">
            <ActionForm action=action attr:class="space-y-4">
                <FormError error=error />
                {move || error.get().and_then(|e| e.field_message("token").map(str::to_owned)).map(|m| view! {
                    <p role="alert" class="text-red-800" data-testid="token-error">{m}</p>
                })}
                <input type="hidden" name="token" value=token />
                <p class="text-stone-600">
                    "This keeps your account on this address (or puts it back) and signs out every session, including the one that asked for the change."
                </p>
                <Submit label="Cancel the change and sign out everywhere" />
            </ActionForm>
        </Card>
    }
}
