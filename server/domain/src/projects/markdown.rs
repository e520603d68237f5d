//! Markdown written by people (a project's scope, comments) as HTML safe to put in a page:
//! rendered by pulldown-cmark (tables, strikethrough, task lists), then cleaned by ammonia to a
//! safe subset of tags and attributes (no scripts, styles, event handlers or `javascript:`
//! links; links get `rel="noopener noreferrer"`).

use pulldown_cmark::{Options, Parser, html};

/// `markdown` as safe HTML.
pub fn to_safe_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
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
    fn scripts_handlers_and_javascript_links_are_removed() {
        let html = to_safe_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))\n\n<a href=\"javascript:alert(4)\">x</a>",
        );
        for bad in ["<script", "onerror", "javascript:", "alert(1)"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }
}
