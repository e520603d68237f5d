//! The contact form's mail: the acknowledgement to the sender (which repeats nothing they
//! typed, so the form cannot be used to send someone a message of a stranger's choosing), the
//! notice to the staff inbox, and a staff member's reply.

use askama::Template;

use super::outbox::OutgoingEmail;

#[derive(Template)]
#[template(path = "email/contact_ack.txt")]
struct AckText;

#[derive(Template)]
#[template(path = "email/contact_ack.html")]
struct AckHtml;

/// "We received your message".
pub fn acknowledgement(to: &str) -> Result<OutgoingEmail, askama::Error> {
    Ok(OutgoingEmail {
        to: to.to_owned(),
        subject: "We received your message".to_owned(),
        text: AckText.render()?,
        html: AckHtml.render()?,
    })
}

/// What the staff notice shows.
#[derive(Debug, Clone, Copy)]
pub struct Notice<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub subject: &'a str,
    pub message: &'a str,
    /// The message's page in the admin.
    pub link: &'a str,
}

#[derive(Template)]
#[template(path = "email/contact_notice.txt")]
struct NoticeText<'a> {
    name: &'a str,
    email: &'a str,
    subject: &'a str,
    message: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/contact_notice.html")]
struct NoticeHtml<'a> {
    name: &'a str,
    email: &'a str,
    subject: &'a str,
    message: &'a str,
    link: &'a str,
}

/// "Contact form: <subject>", to the staff inbox `to`.
pub fn notice(to: &str, n: Notice<'_>) -> Result<OutgoingEmail, askama::Error> {
    // A subject line is one line: a newline typed into the form must not add headers.
    let subject: String = n.subject.chars().filter(|c| !c.is_control()).collect();
    Ok(OutgoingEmail {
        to: to.to_owned(),
        subject: format!("Contact form: {subject}"),
        text: NoticeText {
            name: n.name,
            email: n.email,
            subject: &subject,
            message: n.message,
            link: n.link,
        }
        .render()?,
        html: NoticeHtml {
            name: n.name,
            email: n.email,
            subject: &subject,
            message: n.message,
            link: n.link,
        }
        .render()?,
    })
}

/// What a reply carries.
#[derive(Debug, Clone, Copy)]
pub struct Reply<'a> {
    pub subject: &'a str,
    pub reply: &'a str,
    /// The staff member's name.
    pub staff: &'a str,
    /// When the original was written, e.g. `2026-12-07`.
    pub written: &'a str,
    pub original: &'a str,
}

#[derive(Template)]
#[template(path = "email/contact_reply.txt")]
struct ReplyText<'a> {
    reply: &'a str,
    staff: &'a str,
    written: &'a str,
    quoted: Vec<&'a str>,
}

#[derive(Template)]
#[template(path = "email/contact_reply.html")]
struct ReplyHtml<'a> {
    subject: &'a str,
    reply: &'a str,
    staff: &'a str,
    written: &'a str,
    quoted: Vec<&'a str>,
}

/// "Re: <subject>", the staff's answer with the original quoted.
pub fn reply(to: &str, r: Reply<'_>) -> Result<OutgoingEmail, askama::Error> {
    let subject: String = r.subject.chars().filter(|c| !c.is_control()).collect();
    Ok(OutgoingEmail {
        to: to.to_owned(),
        subject: format!("Re: {subject}"),
        text: ReplyText {
            reply: r.reply,
            staff: r.staff,
            written: r.written,
            quoted: r.original.lines().collect(),
        }
        .render()?,
        html: ReplyHtml {
            subject: &subject,
            reply: r.reply,
            staff: r.staff,
            written: r.written,
            quoted: r.original.lines().collect(),
        }
        .render()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_acknowledgement_repeats_nothing_typed() {
        let ack = acknowledgement("ana@example.com").unwrap();
        assert_eq!(ack.to, "ana@example.com");
        assert!(ack.text.contains("within one working day"));
        assert!(!ack.html.contains("ana@example.com"));
    }

    #[test]
    fn the_notice_escapes_html_and_keeps_the_subject_on_one_line() {
        let n = notice(
            "staff@example.com",
            Notice {
                name: "Ana <b>",
                email: "ana@example.com",
                subject: "Hi\r\nBcc: victim@example.com",
                message: "<script>alert(1)</script>",
                link: "https://shop.example.com/admin/messages/1",
            },
        )
        .unwrap();
        assert_eq!(n.subject, "Contact form: HiBcc: victim@example.com");
        assert!(n.html.contains("&#60;script&#62;"), "{}", n.html);
        assert!(!n.html.contains("<script>"));
        assert!(
            n.text.contains("<script>alert(1)</script>"),
            "plain text as typed"
        );
    }

    #[test]
    fn a_reply_quotes_the_original() {
        let r = reply(
            "ana@example.com",
            Reply {
                subject: "Prints",
                reply: "Yes, we ship to Norway.",
                staff: "Sam",
                written: "2026-12-07",
                original: "Do you ship\nto Norway?",
            },
        )
        .unwrap();
        assert_eq!(r.subject, "Re: Prints");
        assert!(r.text.contains("> Do you ship\n> to Norway?"), "{}", r.text);
        assert!(r.html.contains("Yes, we ship to Norway."));
    }
}
