//! The waitlist's mail: the double opt-in confirmation, the note to an address already
//! confirmed (so a second sign-up tells the owner, and only the owner), and the invitation
//! to sign up when their turn comes.

use askama::Template;

use super::outbox::OutgoingEmail;

#[derive(Template)]
#[template(path = "email/waitlist_confirm.txt")]
struct ConfirmText<'a> {
    first_name: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/waitlist_confirm.html")]
struct ConfirmHtml<'a> {
    first_name: &'a str,
    link: &'a str,
}

/// "Confirm your place on the Daydream waitlist", with the link.
pub fn confirm(to: &str, first_name: &str, link: &str) -> Result<OutgoingEmail, askama::Error> {
    Ok(OutgoingEmail {
        to: to.to_owned(),
        subject: "Confirm your place on the Daydream waitlist".to_owned(),
        text: ConfirmText { first_name, link }.render()?,
        html: ConfirmHtml { first_name, link }.render()?,
    })
}

#[derive(Template)]
#[template(path = "email/waitlist_already.txt")]
struct AlreadyText<'a> {
    first_name: &'a str,
}

#[derive(Template)]
#[template(path = "email/waitlist_already.html")]
struct AlreadyHtml<'a> {
    first_name: &'a str,
}

/// "You are already on the Daydream waitlist".
pub fn already_listed(to: &str, first_name: &str) -> Result<OutgoingEmail, askama::Error> {
    Ok(OutgoingEmail {
        to: to.to_owned(),
        subject: "You are already on the Daydream waitlist".to_owned(),
        text: AlreadyText { first_name }.render()?,
        html: AlreadyHtml { first_name }.render()?,
    })
}

#[derive(Template)]
#[template(path = "email/waitlist_invite.txt")]
struct InviteText<'a> {
    first_name: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/waitlist_invite.html")]
struct InviteHtml<'a> {
    first_name: &'a str,
    link: &'a str,
}

/// "Your Daydream invitation", with the sign-up link.
pub fn invitation(to: &str, first_name: &str, link: &str) -> Result<OutgoingEmail, askama::Error> {
    Ok(OutgoingEmail {
        to: to.to_owned(),
        subject: "Your Daydream invitation".to_owned(),
        text: InviteText { first_name, link }.render()?,
        html: InviteHtml { first_name, link }.render()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_message_carries_its_link_and_escapes_the_name() {
        let c = confirm(
            "ana@example.com",
            "<Ana>",
            "https://x.example/waitlist/confirm/t",
        )
        .unwrap();
        assert!(c.text.contains("https://x.example/waitlist/confirm/t"));
        assert!(c.html.contains("&#60;Ana&#62;") && !c.html.contains("<Ana>"));
        let i = invitation("ana@example.com", "Ana", "https://x.example/signup").unwrap();
        assert_eq!(i.subject, "Your Daydream invitation");
        assert!(i.text.contains("https://x.example/signup"));
        let a = already_listed("ana@example.com", "Ana").unwrap();
        assert!(a.text.contains("already on it"));
    }
}
