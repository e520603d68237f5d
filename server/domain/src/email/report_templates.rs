//! The project report's mail: "your report is ready", with the link to the generated file
//! (which asks its reader to sign in, so the mail itself carries none of the figures).

use askama::Template;

use super::outbox::OutgoingEmail;

#[derive(Template)]
#[template(path = "email/report_ready.txt")]
struct ReadyText<'a> {
    name: &'a str,
    report_name: &'a str,
    project_name: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "email/report_ready.html")]
struct ReadyHtml<'a> {
    name: &'a str,
    report_name: &'a str,
    project_name: &'a str,
    link: &'a str,
}

/// "{report} for {project} is ready", to `to` (called `name`).
pub fn report_ready(
    to: &str,
    name: &str,
    report_name: &str,
    project_name: &str,
    link: &str,
) -> Result<OutgoingEmail, askama::Error> {
    // A subject is one line, whatever the names hold.
    let subject = format!("{report_name} for {project_name} is ready").replace(['\r', '\n'], " ");
    Ok(OutgoingEmail {
        to: to.to_owned(),
        subject,
        text: ReadyText {
            name,
            report_name,
            project_name,
            link,
        }
        .render()?,
        html: ReadyHtml {
            name,
            report_name,
            project_name,
            link,
        }
        .render()?,
    })
}

#[cfg(test)]
mod tests {
    use super::report_ready;

    #[test]
    fn names_are_escaped_in_html_and_the_subject_stays_one_line() {
        let mail = report_ready(
            "ana@acme.example",
            "Ana",
            "Weekly\r\nBcc: x@evil.example",
            "<b>Lake</b>",
            "https://daydream.example/dashboard/reports/1",
        )
        .unwrap();
        assert!(!mail.subject.contains('\n'));
        assert!(mail.html.contains("&#60;b&#62;Lake") || mail.html.contains("&lt;b&gt;Lake"));
        assert!(
            mail.text
                .contains("https://daydream.example/dashboard/reports/1")
        );
    }
}
