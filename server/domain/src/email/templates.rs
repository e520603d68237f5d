//! The messages Daydream sends, each as a text and an HTML template (askama, checked at compile
//! time; the HTML ones escape what they interpolate).

use askama::Template;

use super::outbox::OutgoingEmail;

#[derive(Template)]
#[template(path = "email/verify_email.txt")]
struct VerifyEmailText<'a> {
    name: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/verify_email.html")]
struct VerifyEmailHtml<'a> {
    name: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/reset_password.txt")]
struct ResetPasswordText<'a> {
    name: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/reset_password.html")]
struct ResetPasswordHtml<'a> {
    name: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/confirm_new_email.txt")]
struct ConfirmNewEmailText<'a> {
    name: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/confirm_new_email.html")]
struct ConfirmNewEmailHtml<'a> {
    name: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/email_change_notice.txt")]
struct EmailChangeNoticeText<'a> {
    name: &'a str,
    new_email: &'a str,
    cancel_link: &'a str,
    reset_link: &'a str,
}

#[derive(Template)]
#[template(path = "email/sign_up_attempt.txt")]
struct SignUpAttemptText<'a> {
    name: &'a str,
    login_link: &'a str,
    reset_link: &'a str,
}

#[derive(Template)]
#[template(path = "email/email_change_notice.html")]
struct EmailChangeNoticeHtml<'a> {
    name: &'a str,
    new_email: &'a str,
    cancel_link: &'a str,
    reset_link: &'a str,
}

#[derive(Template)]
#[template(path = "email/sign_up_attempt.html")]
struct SignUpAttemptHtml<'a> {
    name: &'a str,
    login_link: &'a str,
    reset_link: &'a str,
}

/// "Confirm your new email address", sent to the address a user wants to switch to.
pub fn confirm_new_email(to: &str, name: &str, link: &str) -> Result<OutgoingEmail, askama::Error> {
    Ok(OutgoingEmail {
        to: to.to_owned(),
        subject: "Confirm your new email address".to_owned(),
        text: ConfirmNewEmailText { name, link }.render()?,
        html: ConfirmNewEmailHtml { name, link }.render()?,
    })
}

/// "Your email address is about to change", sent to the old address, with a link that cancels
/// the change and signs out every session.
pub fn email_change_notice(
    to: &str,
    name: &str,
    new_email: &str,
    cancel_link: &str,
    reset_link: &str,
) -> Result<OutgoingEmail, askama::Error> {
    Ok(OutgoingEmail {
        to: to.to_owned(),
        subject: "Your email address is about to change".to_owned(),
        text: EmailChangeNoticeText {
            name,
            new_email,
            cancel_link,
            reset_link,
        }
        .render()?,
        html: EmailChangeNoticeHtml {
            name,
            new_email,
            cancel_link,
            reset_link,
        }
        .render()?,
    })
}

/// "Someone tried to sign up with your address", sent to an account's owner instead of telling
/// the sign-up form that the address is taken.
pub fn sign_up_attempt(
    to: &str,
    name: &str,
    login_link: &str,
    reset_link: &str,
) -> Result<OutgoingEmail, askama::Error> {
    Ok(OutgoingEmail {
        to: to.to_owned(),
        subject: "Someone tried to sign up with your address".to_owned(),
        text: SignUpAttemptText {
            name,
            login_link,
            reset_link,
        }
        .render()?,
        html: SignUpAttemptHtml {
            name,
            login_link,
            reset_link,
        }
        .render()?,
    })
}

/// "Confirm your email address", with the verification link.
pub fn verify_email(to: &str, name: &str, link: &str) -> Result<OutgoingEmail, askama::Error> {
    Ok(OutgoingEmail {
        to: to.to_owned(),
        subject: "Confirm your email address".to_owned(),
        text: VerifyEmailText { name, link }.render()?,
        html: VerifyEmailHtml { name, link }.render()?,
    })
}

/// "Reset your password", with the reset link.
pub fn reset_password(to: &str, name: &str, link: &str) -> Result<OutgoingEmail, askama::Error> {
    Ok(OutgoingEmail {
        to: to.to_owned(),
        subject: "Reset your password".to_owned(),
        text: ResetPasswordText { name, link }.render()?,
        html: ResetPasswordHtml { name, link }.render()?,
    })
}

#[derive(Template)]
#[template(path = "email/client_invitation.txt")]
struct ClientInvitationText<'a> {
    inviter: &'a str,
    client: &'a str,
    role: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/client_invitation.html")]
struct ClientInvitationHtml<'a> {
    inviter: &'a str,
    client: &'a str,
    role: &'a str,
    link: &'a str,
}

/// "You are invited to <client>'s projects", with the accept link.
pub fn client_invitation(
    to: &str,
    inviter: &str,
    client: &str,
    role: &str,
    link: &str,
) -> Result<OutgoingEmail, askama::Error> {
    Ok(OutgoingEmail {
        to: to.to_owned(),
        subject: format!("You are invited to {client}'s projects"),
        text: ClientInvitationText {
            inviter,
            client,
            role,
            link,
        }
        .render()?,
        html: ClientInvitationHtml {
            inviter,
            client,
            role,
            link,
        }
        .render()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://shop.example.com/verify-email?token=abc123";

    #[test]
    fn verify_email_snapshot() {
        let email = verify_email("ana@example.com", "Ana <3", LINK).unwrap();
        insta::assert_snapshot!("verify_email_text", email.text);
        insta::assert_snapshot!("verify_email_html", email.html);
        assert_eq!(email.subject, "Confirm your email address");
    }

    #[test]
    fn reset_password_snapshot() {
        let email = reset_password("ana@example.com", "Ana", LINK).unwrap();
        insta::assert_snapshot!("reset_password_text", email.text);
        insta::assert_snapshot!("reset_password_html", email.html);
    }

    #[test]
    fn email_change_snapshots() {
        let confirm = confirm_new_email("new@example.com", "Ana", LINK).unwrap();
        insta::assert_snapshot!("confirm_new_email_text", confirm.text);
        insta::assert_snapshot!("confirm_new_email_html", confirm.html);
        let notice = email_change_notice(
            "old@example.com",
            "Ana",
            "new@example.com",
            "https://shop.example.com/account/cancel-email-change?token=xyz",
            "https://shop.example.com/forgot-password",
        )
        .unwrap();
        insta::assert_snapshot!("email_change_notice_text", notice.text);
        insta::assert_snapshot!("email_change_notice_html", notice.html);
        assert_eq!(notice.to, "old@example.com");
    }

    #[test]
    fn sign_up_attempt_snapshots() {
        let notice = sign_up_attempt(
            "ana@example.com",
            "Ana <3",
            "https://shop.example.com/login",
            "https://shop.example.com/forgot-password",
        )
        .unwrap();
        insta::assert_snapshot!("sign_up_attempt_text", notice.text);
        insta::assert_snapshot!("sign_up_attempt_html", notice.html);
        assert!(notice.html.contains("Ana &#60;3") || notice.html.contains("Ana &lt;3"));
    }

    #[test]
    fn html_escapes_what_users_typed() {
        let email = verify_email("x@example.com", "<script>alert(1)</script>", LINK).unwrap();
        assert!(!email.html.contains("<script>"));
        assert!(email.html.contains("&#60;script&#62;") || email.html.contains("&lt;script&gt;"));
        assert!(email.text.contains("<script>"), "plain text is not HTML");
    }
}
