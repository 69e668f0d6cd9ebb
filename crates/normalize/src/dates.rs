//! Publish dates: finding them in datelines, declared fields and URLs, and writing them as ISO 8601.
//!
//! Understands ISO timestamps (`2021-12-05T09:28:38.493Z`), numeric dates (`2021/12/05`,
//! `05.12.2021`, day first unless impossible), RFC 2822 (`Sun, 05 Dec 2021 09:28:38 +0000`), Unix
//! seconds, and written dates in the covered languages (`5 December 2021`, `December 5, 2021`,
//! `5. Dezember 2021`, `5 de diciembre de 2021`, `5 грудня 2021`). Output is `YYYY-MM-DD`, or
//! `YYYY-MM-DDTHH:MM:SS` with `Z` / `+HH:MM` when a time (and zone) is stated; fractions of seconds
//! are dropped. It does not resolve relative dates ("yesterday"): that needs a reference date.

use std::collections::HashMap;
use std::sync::LazyLock;

use concord_model::civil;

/// A date found inside a piece of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateHit {
    /// The date as ISO 8601.
    pub iso: String,
    /// Byte range of the date in the text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// The month names normalize reads: every full form of every language of
/// [`concord_lang::months`]. Abbreviations in the table are left out: a prefix of three or more
/// letters of a full name matches instead.
struct MonthNames {
    /// Form to month number.
    month: HashMap<&'static str, u8>,
    /// Per month (January first) its forms, for the prefix match.
    forms: [Vec<&'static str>; 12],
}

/// [`MonthNames`], built once.
static MONTH_NAMES: LazyLock<MonthNames> = LazyLock::new(|| {
    let mut names = MonthNames {
        month: HashMap::new(),
        forms: Default::default(),
    };
    for table in &concord_lang::months::MONTHS {
        for form in table.forms().filter(|form| !form.abbreviation) {
            // The first month listing a form keeps it (the table's test says there is one).
            names.month.entry(form.text).or_insert(form.month);
            names.forms[usize::from(form.month) - 1].push(form.text);
        }
    }
    names
});

/// The month a word names, if any (`Dec`, `Dec.`, `Sept` match by prefix of three or more letters).
fn month_of(word: &str) -> Option<u8> {
    // Every month name starts with a letter: numbers and punctuation need no lower-casing.
    if !word.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let lower = word.to_lowercase();
    let lower = lower.trim_end_matches('.');
    let count = lower.chars().count();
    if count < 3 {
        return None;
    }
    if let Some(&month) = MONTH_NAMES.month.get(lower) {
        return Some(month);
    }
    // Abbreviations: a prefix of a Latin-script name (`dec`, `sept`, `févr`).
    if (3..=5).contains(&count)
        && lower
            .chars()
            .all(|c| c.is_alphabetic() && (c as u32) < 0x250)
    {
        for (index, names) in MONTH_NAMES.forms.iter().enumerate() {
            if names
                .iter()
                .any(|name| name.len() > lower.len() && name.starts_with(lower))
            {
                return Some(index as u8 + 1);
            }
        }
    }
    None
}

fn valid(year: i64, month: u8, day: u8) -> bool {
    (1900..=2100).contains(&year) && civil::Date::new(year as i32, month, day).is_some()
}

/// A time of day and an optional zone, already formatted (`T09:28:38`, `Z`).
#[derive(Default)]
struct Clock {
    time: Option<(u8, u8, u8)>,
    zone: Option<String>,
}

fn format(year: i64, month: u8, day: u8, clock: &Clock) -> String {
    match clock.time {
        Some((h, m, s)) => format!(
            "{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}{}",
            clock.zone.as_deref().unwrap_or("")
        ),
        None => format!("{year:04}-{month:02}-{day:02}"),
    }
}

/// Reads `n` ASCII digits at `at`.
fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let slice = b.get(at..at + n)?;
    slice.iter().try_fold(0u32, |acc, &d| {
        d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
    })
}

/// Reads 1 or 2 ASCII digits at `at`: the value and how many were read.
fn short_number(b: &[u8], at: usize) -> Option<(u32, usize)> {
    let first = *b.get(at)?;
    if !first.is_ascii_digit() {
        return None;
    }
    match b.get(at + 1) {
        Some(d) if d.is_ascii_digit() => {
            Some((u32::from(first - b'0') * 10 + u32::from(d - b'0'), 2))
        }
        _ => Some((u32::from(first - b'0'), 1)),
    }
}

/// A time `HH:MM[:SS[.fff]][Z|±HH[:MM]]` at `at`: the clock and the bytes read.
fn clock_at(b: &[u8], at: usize, zones: bool) -> Option<(Clock, usize)> {
    let (h, hn) = short_number(b, at)?;
    let mut i = at + hn;
    if !matches!(b.get(i), Some(b':') | Some(b'h')) {
        return None;
    }
    let m = digits(b, i + 1, 2)?;
    i += 3;
    let mut s = 0;
    if b.get(i) == Some(&b':') {
        if let Some(sec) = digits(b, i + 1, 2) {
            s = sec;
            i += 3;
            if b.get(i) == Some(&b'.') {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
        }
    }
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    let mut zone = None;
    if zones {
        match b.get(i) {
            Some(b'Z') => {
                zone = Some("Z".to_owned());
                i += 1;
            }
            Some(&sign @ (b'+' | b'-')) => {
                if let Some(zh) = digits(b, i + 1, 2) {
                    let mut j = i + 3;
                    if b.get(j) == Some(&b':') {
                        j += 1;
                    }
                    let zm = digits(b, j, 2).unwrap_or(0);
                    if digits(b, j, 2).is_some() {
                        j += 2;
                    }
                    if zh <= 14 && zm <= 59 {
                        zone = Some(if zh == 0 && zm == 0 {
                            "Z".to_owned()
                        } else {
                            format!("{}{zh:02}:{zm:02}", sign as char)
                        });
                        i = j;
                    }
                }
            }
            _ => {}
        }
    }
    Some((
        Clock {
            time: Some((h as u8, m as u8, s as u8)),
            zone,
        },
        i - at,
    ))
}

/// A numeric date at `at` (`2021-12-05[T..]`, `2021/12/05`, `05.12.2021[ 10:30]`): ISO and length.
fn numeric_at(b: &[u8], at: usize) -> Option<(String, usize)> {
    if let Some(year) = digits(b, at, 4) {
        let sep = *b.get(at + 4)?;
        if !matches!(sep, b'-' | b'/' | b'.') || b.get(at + 7) != Some(&sep) {
            return None;
        }
        let month = digits(b, at + 5, 2)? as u8;
        let day = digits(b, at + 8, 2)? as u8;
        if !valid(i64::from(year), month, day) {
            return None;
        }
        let mut len = 10;
        let mut clock = Clock::default();
        if matches!(b.get(at + 10), Some(b'T') | Some(b' ')) {
            if let Some((c, n)) = clock_at(b, at + 11, true) {
                clock = c;
                len += 1 + n;
            }
        }
        return Some((format(i64::from(year), month, day, &clock), len));
    }
    let (first, n1) = short_number(b, at)?;
    let sep = *b.get(at + n1)?;
    if !matches!(sep, b'.' | b'/' | b'-') {
        return None;
    }
    let (second, n2) = short_number(b, at + n1 + 1)?;
    let year_at = at + n1 + 1 + n2;
    if b.get(year_at) != Some(&sep) {
        return None;
    }
    let year = digits(b, year_at + 1, 4)?;
    if b.get(year_at + 5).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // Day first, as most of the covered languages write it; month first only when it must be.
    let (day, month) = if second > 12 && first <= 12 {
        (second, first)
    } else {
        (first, second)
    };
    if !valid(i64::from(year), month as u8, day as u8) {
        return None;
    }
    let mut len = year_at + 5 - at;
    let mut clock = Clock::default();
    let mut i = at + len;
    while matches!(b.get(i), Some(b' ') | Some(b',') | Some(b'|') | Some(b'-')) && i < at + len + 3
    {
        i += 1;
    }
    if let Some((c, n)) = clock_at(b, i, false) {
        clock = c;
        len = i + n - at;
    }
    Some((format(i64::from(year), month as u8, day as u8, &clock), len))
}

/// A word of a line with its byte range.
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || (c == '.' && start.is_some());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word {
                    text: &text[s..i],
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..],
            start: s,
            end: text.len(),
        });
    }
    out
}

fn day_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    let w = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .or_else(|| w.strip_suffix("er"))
        .unwrap_or(w);
    if w.is_empty() || w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_of(word: &str) -> Option<i64> {
    let w = word.trim_end_matches('.');
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

/// A written date among `words` starting at word `k`: ISO, and the index one past its last word.
fn written_at(text: &str, ws: &[Word<'_>], k: usize) -> Option<(String, usize)> {
    let word = |i: usize| ws.get(i).map(|w| w.text);
    let filler = |i: usize| {
        matches!(
            word(i),
            Some("de" | "del" | "of" | "г" | "р" | "року" | "года" | "godine")
        )
    };
    let (year, month, day, next) = if let Some(day) = word(k).and_then(day_of) {
        // 5 December 2021, 5. Dezember 2021, 5 de diciembre de 2021
        let mut i = k + 1;
        if filler(i) {
            i += 1;
        }
        let month = word(i).and_then(month_of)?;
        i += 1;
        if filler(i) {
            i += 1;
        }
        let year = word(i).and_then(year_of)?;
        (year, month, day, i + 1)
    } else {
        // December 5, 2021 (the numbers first: they are cheap to rule out, month names are not)
        let day = word(k + 1).and_then(day_of)?;
        let year = word(k + 2).and_then(year_of)?;
        let month = word(k).and_then(month_of)?;
        (year, month, day, k + 3)
    };
    if !valid(year, month, day) {
        return None;
    }
    // An optional time right after: `5 December 2021, 10:30`, `5 décembre 2021 à 10:30`.
    let mut clock = Clock::default();
    let after = &text[ws[next - 1].end..];
    let trimmed = after.trim_start_matches([' ', ',', '|', '-', '/']);
    let trimmed = [
        "at ", "um ", "à ", "a las ", "alle ", "às ", "om ", "o ", "в ", "pukul ", "saat ",
    ]
    .iter()
    .find_map(|connector| trimmed.strip_prefix(connector))
    .unwrap_or(trimmed);
    if after.len() - trimmed.len() <= 10 {
        if let Some((c, _)) = clock_at(trimmed.as_bytes(), 0, false) {
            clock = c;
        }
    }
    Some((format(year, month, day, &clock), next))
}

/// The first date in `text`, numeric or written.
pub fn find(text: &str) -> Option<DateHit> {
    let b = text.as_bytes();
    let mut at = 0;
    let mut has_digit = false;
    while at < b.len() {
        has_digit |= b[at].is_ascii_digit();
        if b[at].is_ascii_digit() && (at == 0 || !b[at - 1].is_ascii_alphanumeric()) {
            if let Some((iso, len)) = numeric_at(b, at) {
                return Some(DateHit {
                    iso,
                    start: at,
                    end: at + len,
                });
            }
        }
        at += 1;
    }
    // A written date has a day and a year in digits.
    if !has_digit {
        return None;
    }
    let ws = words(text);
    (0..ws.len()).find_map(|k| {
        written_at(text, &ws, k).map(|(iso, next)| DateHit {
            iso,
            start: ws[k].start,
            end: ws[next - 1].end,
        })
    })
}

/// A declared publication time (JSONL `published`, `WARC-Date`) as ISO 8601.
pub fn normalize_declared(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    // Unix seconds (or milliseconds).
    if value.bytes().all(|b| b.is_ascii_digit()) && (9..=13).contains(&value.len()) {
        let mut secs: i64 = value.parse().ok()?;
        if value.len() > 10 {
            secs /= 1000;
        }
        return Some(from_unix(secs));
    }
    if let Some((iso, _)) = numeric_at(value.as_bytes(), 0) {
        return Some(iso);
    }
    // RFC 2822: `Sun, 05 Dec 2021 09:28:38 +0000`.
    let rest = value.split_once(", ").map_or(value, |(_, r)| r);
    let parts: Vec<&str> = rest.split_whitespace().collect();
    if parts.len() >= 3 {
        if let (Some(day), Some(month), Some(year)) =
            (day_of(parts[0]), month_of(parts[1]), year_of(parts[2]))
        {
            if valid(year, month, day) {
                let mut clock = Clock::default();
                if let Some(time) = parts.get(3) {
                    let mut joined = (*time).to_owned();
                    if let Some(zone) = parts.get(4) {
                        match *zone {
                            "GMT" | "UT" | "UTC" | "Z" => joined.push('Z'),
                            z if z.starts_with(['+', '-']) => joined.push_str(z),
                            _ => {}
                        }
                    }
                    if let Some((c, _)) = clock_at(joined.as_bytes(), 0, true) {
                        clock = c;
                    }
                }
                return Some(format(year, month, day, &clock));
            }
        }
    }
    find(value).map(|hit| hit.iso)
}

/// A Unix time as an ISO 8601 UTC timestamp.
fn from_unix(secs: i64) -> String {
    let date = civil::Date::from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format(
        i64::from(date.year),
        date.month,
        date.day,
        &Clock {
            time: Some((
                (rem / 3600) as u8,
                (rem % 3600 / 60) as u8,
                (rem % 60) as u8,
            )),
            zone: Some("Z".to_owned()),
        },
    )
}

/// A date in a URL path (`/2021/12/05/`, `/2021-12-05-`, `/20211205/`).
pub fn from_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.find('/').map_or("", |at| &path[at..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let b = path.as_bytes();
    for at in 0..b.len() {
        if at > 0 && b[at - 1].is_ascii_alphanumeric() || !b[at].is_ascii_digit() {
            continue;
        }
        let Some(year) = digits(b, at, 4) else {
            continue;
        };
        let year = i64::from(year);
        let sep = b.get(at + 4).copied();
        let (month, day) = match sep {
            Some(s @ (b'/' | b'-' | b'_')) => {
                let Some(month) = digits(b, at + 5, 2) else {
                    continue;
                };
                let day = if b.get(at + 7) == Some(&s) {
                    digits(b, at + 8, 2).filter(|_| !b.get(at + 10).is_some_and(u8::is_ascii_digit))
                } else {
                    None
                };
                (month as u8, day.map(|d| d as u8))
            }
            Some(d) if d.is_ascii_digit() => {
                let (Some(month), Some(day)) = (digits(b, at + 4, 2), digits(b, at + 6, 2)) else {
                    continue;
                };
                if b.get(at + 8).is_some_and(u8::is_ascii_digit) {
                    continue;
                }
                (month as u8, Some(day as u8))
            }
            _ => continue,
        };
        // A date in a URL needs its day: `/2021/12/` alone names a month, not a day.
        if let Some(day) = day {
            if valid(year, month, day) {
                return Some(format(year, month, day, &Clock::default()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first date found in `text`, as ISO, or `-`.
    #[track_caller]
    fn check(text: &str, expected: &str) {
        let got = find(text).map_or("-".to_owned(), |hit| hit.iso);
        assert_eq!(got, expected, "text: {text:?}");
    }

    #[test]
    fn dates_in_text() {
        check("2021-12-05T09:28:38.493Z", "2021-12-05T09:28:38Z");
        check(
            "News/Politics 2024-04-18T11:17:37.535Z",
            "2024-04-18T11:17:37Z",
        );
        check(
            "Updated 2021-12-05 10:30+01:00",
            "2021-12-05T10:30:00+01:00",
        );
        check("05.12.2021, 10:30", "2021-12-05T10:30:00");
        check("12/25/2021", "2021-12-25");
        check("5 December 2021", "2021-12-05");
        check("December 5, 2021", "2021-12-05");
        check("Dec. 5, 2021", "2021-12-05");
        check("Sonntag, 5. Dezember 2021", "2021-12-05");
        check("publié le 5 décembre 2021 à 10:30", "2021-12-05T10:30:00");
        check("5 de diciembre de 2021", "2021-12-05");
        check("5 грудня 2021 р.", "2021-12-05");
        check("5 декабря 2021", "2021-12-05");
        check("5 grudnia 2021", "2021-12-05");
        check("5 Aralık 2021", "2021-12-05");
        check("Minggu, 5 Desember 2021", "2021-12-05");
        check("5 ديسمبر 2021", "2021-12-05");
        // Every language's months come from concord-lang: Austrian, Malay and Portuguese forms.
        check("5. Jänner 2021", "2021-01-05");
        check("5 Ogos 2021", "2021-08-05");
        check("5 de março de 2021", "2021-03-05");
        // Its abbreviations are not read as full names ("окт" is no month without a day number).
        check("5 окт 2021", "-");
        check("Thursday (December 2nd)", "-");
        check("31.02.2021", "-");
        check("175,000 troops in 2021", "-");
        check("version 1.2.3", "-");
    }

    /// The normalized declared date, or `-`.
    #[track_caller]
    fn check_declared(value: &str, expected: &str) {
        assert_eq!(
            normalize_declared(value).unwrap_or_else(|| "-".into()),
            expected
        );
    }

    #[test]
    fn declared_dates() {
        check_declared("2021-12-05T09:28:38Z", "2021-12-05T09:28:38Z");
        check_declared("2021-12-05", "2021-12-05");
        check_declared("Sun, 05 Dec 2021 09:28:38 GMT", "2021-12-05T09:28:38Z");
        check_declared(
            "Sun, 05 Dec 2021 09:28:38 +0100",
            "2021-12-05T09:28:38+01:00",
        );
        check_declared("1638696518", "2021-12-05T09:28:38Z");
        check_declared("yesterday", "-");
    }

    /// The date in a URL, or `-`.
    #[track_caller]
    fn check_url(url: &str, expected: &str) {
        assert_eq!(from_url(url).unwrap_or_else(|| "-".into()), expected);
    }

    #[test]
    fn url_dates() {
        check_url(
            "https://www.lemonde.fr/international/article/2021/12/02/russie.html",
            "2021-12-02",
        );
        check_url("https://x.com/news/2021-12-05-putin-biden", "2021-12-05");
        check_url("https://x.com/20211205/story", "2021-12-05");
        check_url("https://x.com/2021/12/story", "-");
        check_url("https://x.com/story-12345678", "-");
    }
}
