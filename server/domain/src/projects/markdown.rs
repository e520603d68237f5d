//! Markdown written by people as HTML safe to put in a page: rendered by pulldown-cmark
//! (tables, strikethrough, task lists), then cleaned by ammonia to a safe subset of tags and
//! attributes (no scripts, styles, event handlers or `javascript:` links; links get
//! `rel="noopener noreferrer"`). A project's scope (staff write it) may carry that subset of
//! HTML; a comment's HTML is shown as the text it is (`to_escaped_html`).

use pulldown_cmark::{Event, Options, Parser, html};

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS);

/// `markdown` as safe HTML, its raw HTML cleaned to the safe subset.
pub fn to_safe_html(markdown: &str) -> String {
    clean(Parser::new_ext(markdown, OPTIONS))
}

/// `markdown` as safe HTML with any HTML in it shown as text (comments).
pub fn to_escaped_html(markdown: &str) -> String {
    clean(Parser::new_ext(markdown, OPTIONS).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    }))
}

fn clean<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let mut raw = String::new();
    html::push_html(&mut raw, events);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html() {
        let html = to_safe_html("# Scope\n\n- **ETL** from *SAP*\n- [docs](https://example.com)");
        assert!(html.contains("<h1>Scope</h1>"), "{html}");
        assert!(html.contains("<strong>ETL</strong>"));
        assert!(
            html.contains(
                "<a href=\"https://example.com\" rel=\"noopener noreferrer nofollow\">docs</a>"
            ),
            "{html}"
        );
    }

    #[test]
    fn a_comments_html_is_shown_as_text() {
        let html = to_escaped_html("**yes** <b>no</b> <script>alert(1)</script>");
        assert!(html.contains("<strong>yes</strong>"), "{html}");
        assert!(html.contains("&lt;b&gt;no&lt;/b&gt;"), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        let html = to_safe_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))\n\n<a href=\"javascript:alert(4)\">x</a>",
        );
        for bad in ["<script", "onerror", "javascript:", "alert(1)"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }
}
