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
    fn html_escapes_what_users_typed() {
        let email = verify_email("x@example.com", "<script>alert(1)</script>", LINK).unwrap();
        assert!(!email.html.contains("<script>"));
        assert!(email.html.contains("&#60;script&#62;") || email.html.contains("&lt;script&gt;"));
        assert!(email.text.contains("<script>"), "plain text is not HTML");
    }
}
