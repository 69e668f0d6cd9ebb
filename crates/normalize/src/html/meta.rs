//! Page metadata: title, publish date and site name from `<meta>`, JSON-LD, `<time>` and the URL.
//!
//! Dates are normalised to ISO 8601 (`2021-12-05`, or `2021-12-05T10:30:00Z` / with an offset when
//! the time is given); a value that does not parse as a plausible date is skipped, not guessed.
//! JSON-LD is scanned for its keys rather than parsed, so malformed JSON (common) still yields
//! them; it never evaluates or follows anything.

use concord_model::DateSource;

use super::dom::Dom;
use super::text;

/// `<meta>` keys that carry the publish date, most specific first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "article.created",
    "citation_publication_date",
];

/// Separators between a page title and the site name.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ", " • ", " / ",
];

fn meta<'a>(dom: &Dom, src: &'a str, key: &str) -> Option<&'a str> {
    dom.metas
        .iter()
        .find(|m| m.key == key)
        .map(|m| dom.raw(src, m.content).trim())
        .filter(|s| !s.is_empty())
}

fn decoded(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    text::append(&mut out, raw, &mut text::Gap::default());
    out
}

/// The site name: `og:site_name`, JSON-LD publisher name, `application-name`.
pub(crate) fn site(dom: &Dom, src: &str) -> Option<String> {
    if let Some(s) = meta(dom, src, "og:site_name") {
        return Some(decoded(s));
    }
    for &r in &dom.json_ld {
        if let Some(name) = json_ld_publisher(dom.raw(src, r)) {
            return Some(name);
        }
    }
    meta(dom, src, "application-name").map(decoded)
}

/// The title: `og:title`, `twitter:title` or `<title>`, minus a site-name prefix or suffix.
pub(crate) fn title(dom: &Dom, src: &str, site: Option<&str>, h1: Option<&str>) -> Option<String> {
    let from_meta = meta(dom, src, "og:title")
        .or_else(|| meta(dom, src, "twitter:title"))
        .map(decoded);
    let from_tag = dom.title.map(|r| decoded(dom.raw(src, r)));
    let raw = from_meta
        .filter(|t| !t.is_empty())
        .or(from_tag.filter(|t| !t.is_empty()));
    match raw {
        Some(t) => Some(strip_site(&t, site, h1)),
        None => h1.map(str::to_owned),
    }
}

/// Removes the site name around a title: the segment that names the site, or else a short last
/// segment when the page's `<h1>` agrees with the rest.
fn strip_site(title: &str, site: Option<&str>, h1: Option<&str>) -> String {
    let site_l = site.map(|s| s.to_lowercase());
    for sep in TITLE_SEPARATORS {
        let Some(i) = title.rfind(sep) else { continue };
        let (head, tail) = (&title[..i], &title[i + sep.len()..]);
        let tail_l = tail.to_lowercase();
        let tail_is_site = site_l
            .as_deref()
            .is_some_and(|s| !s.is_empty() && (tail_l.contains(s) || s.contains(tail_l.trim())));
        let h1_agrees = h1.is_some_and(|h| h.trim() == head.trim());
        if (tail_is_site || h1_agrees) && !head.trim().is_empty() {
            return head.trim().to_owned();
        }
        if let Some(j) = title.find(sep) {
            let (head, tail) = (&title[..j], &title[j + sep.len()..]);
            let head_l = head.to_lowercase();
            if site_l
                .as_deref()
                .is_some_and(|s| !s.is_empty() && head_l.trim() == s)
                && !tail.trim().is_empty()
            {
                return tail.trim().to_owned();
            }
        }
    }
    title.trim().to_owned()
}

/// The publish date and where it was found.
pub(crate) fn published(dom: &Dom, src: &str, url: Option<&str>) -> Option<(String, DateSource)> {
    for key in DATE_KEYS {
        for m in dom.metas.iter().filter(|m| m.key == *key) {
            if let Some(d) = normalize_date(dom.raw(src, m.content)) {
                return Some((d, DateSource::Meta));
            }
        }
    }
    for &r in &dom.json_ld {
        let json = dom.raw(src, r);
        if let Some(d) =
            json_string_after(json, "\"datePublished\"").and_then(|s| normalize_date(&s))
        {
            return Some((d, DateSource::JsonLd));
        }
    }
    let marked = dom.times.iter().filter(|t| t.1);
    let unmarked = dom.times.iter().filter(|t| !t.1);
    for (r, _) in marked.chain(unmarked) {
        if let Some(d) = normalize_date(dom.raw(src, *r)) {
            return Some((d, DateSource::Dateline));
        }
    }
    url.and_then(url_date).map(|d| (d, DateSource::Url))
}

/// The string value following `key` (`"key": "value"`), with JSON escapes decoded.
fn json_string_after(json: &str, key: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = json[from..].find(key) {
        let rest = json[from + i + key.len()..].trim_start();
        from += i + key.len();
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(rest) = rest.strip_prefix('"') else {
            continue;
        };
        return Some(json_unescape(rest));
    }
    None
}

/// Reads a JSON string body up to its closing quote, decoding escapes.
fn json_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => break,
            '\\' => match chars.next() {
                Some('n') | Some('t') | Some('r') => out.push(' '),
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        out.push(ch);
                    }
                }
                Some(other) => out.push(other),
                None => break,
            },
            c => out.push(c),
        }
        if out.len() > 1024 {
            break;
        }
    }
    out
}

fn json_ld_publisher(json: &str) -> Option<String> {
    let i = json.find("\"publisher\"")?;
    let rest = &json[i + "\"publisher\"".len()..];
    let rest_t = rest.trim_start().strip_prefix(':')?.trim_start();
    if let Some(s) = rest_t.strip_prefix('"') {
        let name = json_unescape(s);
        return (!name.trim().is_empty()).then(|| decoded(&name));
    }
    // An object: its first "name" before the object closes.
    let end = rest_t.find('}').unwrap_or(rest_t.len());
    let name = json_string_after(&rest_t[..end], "\"name\"")?;
    (!name.trim().is_empty()).then(|| decoded(&name))
}

fn digits(s: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = s.get(at..at + n)?;
    if !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(part.iter().fold(0, |v, d| v * 10 + u32::from(d - b'0')))
}

fn plausible(y: u32, m: u32, d: u32) -> bool {
    (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

/// Normalises a date string to ISO 8601; `None` when it is not a plausible date.
pub(crate) fn normalize_date(raw: &str) -> Option<String> {
    let s = raw.trim();
    let b = s.as_bytes();
    let y = digits(b, 0, 4)?;
    let (m, d, mut pos) = match b.get(4) {
        Some(b'-' | b'/' | b'.') => {
            let sep = b[4];
            let m = digits(b, 5, 2)?;
            if b.get(7) != Some(&sep) {
                return None;
            }
            (m, digits(b, 8, 2)?, 10)
        }
        _ => (digits(b, 4, 2)?, digits(b, 6, 2)?, 8),
    };
    if !plausible(y, m, d) || b.get(pos).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    if !matches!(b.get(pos), Some(b'T' | b' ')) {
        return Some(date);
    }
    pos += 1;
    let (Some(hh), Some(b':'), Some(mm)) =
        (digits(b, pos, 2), b.get(pos + 2), digits(b, pos + 3, 2))
    else {
        return Some(date);
    };
    pos += 5;
    let mut ss = 0;
    if b.get(pos) == Some(&b':')
        && let Some(v) = digits(b, pos + 1, 2)
    {
        ss = v;
        pos += 3;
        if b.get(pos) == Some(&b'.') {
            pos += 1;
            while b.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
        }
    }
    if hh > 23 || mm > 59 || ss > 60 {
        return Some(date);
    }
    while b.get(pos) == Some(&b' ') {
        pos += 1;
    }
    let zone = match b.get(pos) {
        Some(b'Z' | b'z') => "Z".to_owned(),
        Some(&sign @ (b'+' | b'-')) => {
            let zh = digits(b, pos + 1, 2);
            let zm = if b.get(pos + 3) == Some(&b':') {
                digits(b, pos + 4, 2)
            } else {
                digits(b, pos + 3, 2).or(Some(0))
            };
            match (zh, zm) {
                (Some(0), Some(0)) => "Z".to_owned(),
                (Some(h), Some(m)) if h <= 14 && m < 60 => {
                    format!("{}{h:02}:{m:02}", sign as char)
                }
                _ => String::new(),
            }
        }
        _ => String::new(),
    };
    Some(format!("{date}T{hh:02}:{mm:02}:{ss:02}{zone}"))
}

/// A date in a URL path: `/2021/12/05/` or `/2021-12-05`.
pub(crate) fn url_date(url: &str) -> Option<String> {
    let b = url.as_bytes();
    let mut i = 0;
    while i + 10 <= b.len() {
        if b[i] == b'/'
            && let Some(y) = digits(b, i + 1, 4)
            && matches!(b.get(i + 5), Some(b'/' | b'-'))
        {
            let sep = b[i + 5];
            let mut j = i + 6;
            let month_len = if b.get(j + 1).is_some_and(u8::is_ascii_digit) {
                2
            } else {
                1
            };
            let m = digits(b, j, month_len);
            j += month_len;
            if let Some(m) = m
                && b.get(j) == Some(&sep)
            {
                j += 1;
                let day_len = if b.get(j + 1).is_some_and(u8::is_ascii_digit) {
                    2
                } else {
                    1
                };
                if let Some(d) = digits(b, j, day_len)
                    && !b.get(j + day_len).is_some_and(u8::is_ascii_digit)
                    && plausible(y, m, d)
                {
                    return Some(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
        i += 1;
    }
    None
}
