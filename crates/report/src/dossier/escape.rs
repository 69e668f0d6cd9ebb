//! Escaping of untrusted text for each place it lands: HTML text and attributes, link targets,
//! JSON inside a script file, and Markdown.
//!
//! Article text, titles, sites and URLs come from scraped pages and are hostile input. Every
//! writer of the report goes through these functions; none of them ever lets a `javascript:` or
//! `data:` URL become a link.

use serde::Serialize;

/// Appends `text` to `out` escaped for HTML text and for a double- or single-quoted attribute.
pub fn push_html(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Controls other than tab and newlines cannot appear in HTML text.
            ch if ch.is_control() && !matches!(ch, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            ch => out.push(ch),
        }
    }
}

/// `text` escaped for HTML text and attributes.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_html(&mut out, text);
    out
}

/// The URL if it may be a link target: `http` or `https` only, with no white space or control
/// characters anywhere (browsers drop tabs and newlines inside schemes, so `java\tscript:` would
/// otherwise pass). Anything else (`javascript:`, `data:`, relative paths) is shown as text.
pub fn safe_url(url: &str) -> Option<&str> {
    let lower_starts = |prefix: &str| {
        url.len() > prefix.len()
            && url.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    };
    if !(lower_starts("http://") || lower_starts("https://")) {
        return None;
    }
    if url
        .chars()
        .any(|ch| ch.is_whitespace() || ch.is_control() || matches!(ch, '"' | '\'' | '<' | '>'))
    {
        return None;
    }
    Some(url)
}

/// An `<a>` to an outside page when the URL is safe, the escaped URL as text otherwise. Outside
/// links never send a referrer and never get access to the report's window.
pub fn push_outside_link(out: &mut String, url: &str) {
    match safe_url(url) {
        Some(url) => {
            out.push_str("<a rel=\"noreferrer noopener\" href=\"");
            push_html(out, url);
            out.push_str("\">");
            push_html(out, url);
            out.push_str("</a>");
        }
        None => {
            out.push_str("<span class=\"unsafe-url\">");
            push_html(out, url);
            out.push_str("</span>");
        }
    }
}

/// `value` as JSON that is safe inside a script: `<`, `>`, `&`, U+2028 and U+2029 are written as
/// `\u` escapes, so no `</script>`, `<!--` or line separator can end or change the script.
pub fn script_json<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let json = serde_json::to_string(value)?;
    let mut out = String::with_capacity(json.len() + 16);
    for ch in json.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            ch => out.push(ch),
        }
    }
    Ok(out)
}

/// Appends `text` to `out` as inert Markdown: one line, every character Markdown or HTML could
/// read as markup escaped (`|` too, so it is safe in a table cell). The text is never at the
/// start of a line (callers put it after a cell bar or a label), so list and heading markers at a
/// line start need no escape; `#` is escaped all the same.
pub fn push_markdown(out: &mut String, text: &str) {
    let mut last_space = false;
    for ch in text.chars() {
        if ch.is_whitespace() || ch.is_control() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            ch => out.push(ch),
        }
    }
}

/// `text` as inert one-line Markdown.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_markdown(&mut out, text.trim());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: [&str; 7] = [
        "<script>document.title='x'</script>",
        "</script><script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(1)>",
        "'><svg/onload=alert(1)>",
        "</style><script>alert(1)</script>",
        "<!-- <script>",
    ];

    fn check_html(input: &str, expected: &str) {
        assert_eq!(html(input), expected, "{input}");
    }

    #[test]
    fn html_escapes_every_markup_character() {
        check_html(
            "<script>alert('x')</script>",
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
        );
        check_html("\"><svg onload=x>", "&quot;&gt;&lt;svg onload=x&gt;");
        check_html("Tom & Jerry", "Tom &amp; Jerry");
        check_html("nul\u{0}byte", "nul\u{fffd}byte");
        check_html("Путин «сказал»", "Путин «сказал»");
        for input in HOSTILE {
            let out = html(input);
            assert!(
                !out.contains('<') && !out.contains('>') && !out.contains('"'),
                "{out}"
            );
        }
    }

    fn check_url(input: &str, expected: Option<&str>) {
        assert_eq!(safe_url(input), expected, "{input:?}");
    }

    #[test]
    fn only_http_urls_become_links() {
        check_url(
            "https://example.org/a?b=1&c=2",
            Some("https://example.org/a?b=1&c=2"),
        );
        check_url("HTTP://EXAMPLE.ORG/", Some("HTTP://EXAMPLE.ORG/"));
        check_url("javascript:alert(1)", None);
        check_url("JavaScript:alert(1)", None);
        check_url(" javascript:alert(1)", None);
        check_url("java\tscript:alert(1)", None);
        check_url("data:text/html,<script>alert(1)</script>", None);
        check_url("vbscript:msgbox", None);
        check_url("//evil.example/x", None);
        check_url("https://x.org/\"onmouseover=alert(1)", None);
        check_url("https://", None);
        check_url("http://x.org/\u{2028}", None);
    }

    #[test]
    fn outside_links_are_escaped_or_shown_as_text() {
        let mut out = String::new();
        push_outside_link(&mut out, "https://x.org/?a=1&b=<2>");
        assert_eq!(
            out,
            "<span class=\"unsafe-url\">https://x.org/?a=1&amp;b=&lt;2&gt;</span>"
        );
        out.clear();
        push_outside_link(&mut out, "https://x.org/?a=1&b=2");
        assert_eq!(
            out,
            "<a rel=\"noreferrer noopener\" href=\"https://x.org/?a=1&amp;b=2\">https://x.org/?a=1&amp;b=2</a>"
        );
        out.clear();
        push_outside_link(&mut out, "javascript:alert(1)");
        assert!(!out.contains("href"), "{out}");
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let json = script_json(&[
            "</script><script>alert(1)</script>",
            "a\u{2028}b\u{2029}c & d",
            "<!--",
        ])
        .unwrap();
        assert_eq!(
            json,
            r#"["\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e","a\u2028b\u2029c \u0026 d","\u003c!--"]"#
        );
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back[0], "</script><script>alert(1)</script>");
        assert_eq!(back[1], "a\u{2028}b\u{2029}c & d");
    }

    #[test]
    fn markdown_is_inert() {
        assert_eq!(
            markdown("[click](javascript:alert(1))"),
            r"\[click\]\(javascript:alert\(1\)\)"
        );
        assert_eq!(markdown("a | b\nc"), r"a \| b c");
        assert_eq!(
            markdown("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert\\(1\\)&gt;"
        );
        assert_eq!(markdown("# not a heading"), r"\# not a heading");
        assert_eq!(markdown("</style>"), "&lt;/style&gt;");
        assert_eq!(markdown("Putin"), "Putin");
    }
}
