//! Data-driven tests of the date finder: one `check` helper, cases per language, and the seeds.

use super::*;

use std::sync::LazyLock;

static FINDER: LazyLock<DateFinder> = LazyLock::new(DateFinder::new);

/// Renders one expression as `span => start[..end] granularity [note]`.
fn render(text: &str, t: &TimeExpr) -> String {
    let mut s = format!("{} => {}", t.span.of(text), t.start.as_deref().unwrap_or("?"));
    if let Some(e) = &t.end {
        s.push_str("..");
        s.push_str(e);
    }
    s.push(' ');
    s.push_str(t.granularity.as_str());
    if let Some(n) = &t.note {
        s.push_str(" [");
        s.push_str(n);
        s.push(']');
    }
    s
}

fn run(lang: &str, anchor: Option<&str>, text: &str) -> Vec<String> {
    let anchor = anchor.map(|a| parse_anchor(a).expect("anchor"));
    FINDER
        .find(text, lang, anchor)
        .iter()
        .map(|t| render(text, t))
        .collect()
}

/// Asserts the rendered expressions of `text`.
fn check(lang: &str, anchor: Option<&str>, text: &str, expected: &[&str]) {
    assert_eq!(run(lang, anchor, text), expected, "{lang} {anchor:?}: {text:?}");
}

#[test]
fn smoke() {
    check("en", Some("2021-12-05"), "They meet on Tuesday, December 7.", &["on Tuesday, December 7 => 2021-12-07 day"]);
}
