//! Plain-text structure and chrome: splits a repaired text into line units, picks the title and
//! the dateline, and decides which units are site chrome.
//!
//! Decisions combine three kinds of evidence, none of them a list of known sites:
//! - what a line says: cue phrases ([`crate::cues`]), a date or category stamp alone on its line,
//!   breadcrumbs, an all-lowercase caption fragment, scraper spam;
//! - where a line is: the body runs from the first to the last line that reads as prose; before the
//!   title, lines are banners and menus; after the body, lines that are not prose are footers;
//! - what the run says: a line that repeats in other documents of the same site
//!   ([`crate::repeat::RunContext`]) is chrome, unless it is prose inside the body (two articles can
//!   share a background paragraph) or the documents are near-copies.
//!
//! Short lines inside the body (subheadings, one-line quotes) are kept. The title is the first
//! title-shaped line of the head, or, when the text opens with prose, its last line when that is
//! title-shaped and about what the body is about.

use concord_model::RemovalReason;

use crate::cues::CueMatcher;
use crate::dates;
use crate::repeat::{RunContext, line_key};
use crate::swar;

/// A line (or, in hard-wrapped text, a paragraph) of the repaired text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Byte range in the repaired text (trimmed).
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// The text with white space collapsed.
    pub text: String,
    /// Number of white-space separated words.
    pub words: usize,
}

/// What to do with a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Article text.
    Keep,
    /// Left out, for this reason.
    Remove(RemovalReason),
}

/// The outcome of classifying a document's units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// One verdict per unit.
    pub verdicts: Vec<Verdict>,
    /// The title, when found in the text (or given).
    pub title: Option<String>,
    /// A publish date from a dateline near the title (ISO 8601).
    pub dateline: Option<String>,
}

/// How much of the layout logic applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Scraped plain text: title, head and tail chrome are found by position too.
    Text,
    /// Blocks already chosen by the HTML extractor: only line-level evidence applies.
    Blocks,
}

/// Splits `text` into units: lines, or (when `unwrap` and the text is hard-wrapped) blank-line
/// separated paragraphs.
pub fn units(text: &str, unwrap: bool) -> Vec<Unit> {
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let start = at + (line.len() - line.trim_start().len());
        let end = at + line.trim_end().len();
        at += line.len() + 1;
        lines.push((start, end.max(start)));
    }
    let wrapped = unwrap && is_wrapped(&lines);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (start, mut end) = lines[i];
        i += 1;
        if start == end {
            continue;
        }
        if wrapped {
            while i < lines.len() && lines[i].0 < lines[i].1 {
                end = lines[i].1;
                i += 1;
            }
        }
        let (text_of, words) = collapse(&text[start..end]);
        out.push(Unit {
            start,
            end,
            text: text_of,
            words,
        });
    }
    out
}

/// Hard-wrapped text: most lines run on into the next and none is long.
fn is_wrapped(lines: &[(usize, usize)]) -> bool {
    let non_empty: Vec<usize> = lines
        .iter()
        .map(|(s, e)| e - s)
        .filter(|&n| n > 0)
        .collect();
    if non_empty.len() < 6 || non_empty.iter().any(|&n| n > 110) {
        return false;
    }
    let run_on = lines
        .windows(2)
        .filter(|w| w[0].1 > w[0].0 && w[1].1 > w[1].0)
        .count();
    let mut sorted = non_empty.clone();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2];
    run_on * 2 >= non_empty.len() && median >= 40
}

/// `text` trimmed, with every white-space run as one space, and its number of words (at least
/// one, as in splitting the result at spaces).
fn collapse(text: &str) -> (String, usize) {
    if let Some(words) = collapsed_words(text) {
        return (text.to_owned(), words);
    }
    let mut out = String::with_capacity(text.len());
    let mut words = 0;
    for word in text.split_whitespace() {
        if words > 0 {
            out.push(' ');
        }
        out.push_str(word);
        words += 1;
    }
    (out, words.max(1))
}

/// The number of words of `text` when it is collapsed already (trimmed, words apart by single
/// spaces), so that [`collapse`] can copy it whole: most lines of extracted HTML are.
fn collapsed_words(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return None;
    }
    let mut words = 1;
    let mut space = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Eight bytes at once while they are printable ASCII: their spaces are counted, and two
        // in a row end the fast path.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let x = swar::load(chunk);
            if (x & swar::HIGH) | swar::first_below(x, 0x20) == 0 {
                let spaces = swar::eq_bytes(x, b' ');
                if spaces & (spaces >> 8) != 0 || (space && spaces & 0x80 != 0) {
                    return None;
                }
                words += spaces.count_ones() as usize;
                space = spaces >> 63 != 0;
                i += 8;
                continue;
            }
        }
        if b == b' ' {
            if space {
                return None;
            }
            space = true;
            words += 1;
            i += 1;
        } else if b < 0x80 {
            // Other ASCII white space.
            if (b'\t'..=b'\r').contains(&b) {
                return None;
            }
            space = false;
            i += 1;
        } else {
            let c = text[i..].chars().next()?;
            if c.is_whitespace() {
                return None;
            }
            space = false;
            i += c.len_utf8();
        }
    }
    Some(words)
}

/// The line with closing quotes and brackets trimmed off its end.
fn core_end(line: &str) -> &str {
    line.trim_end_matches(['"', '\'', ')', ']', '*', ' '])
}

/// Whether a line ends like a sentence (`.`, `!`, `?`, and their CJK/Arabic forms), not with an
/// ellipsis (a truncated teaser).
fn ends_sentence(line: &str) -> bool {
    let core = core_end(line);
    if core.ends_with("...") {
        return false;
    }
    core.ends_with(['.', '!', '?', '。', '！', '？', '؟', '۔'])
}

/// Whether a line reads as prose: a sentence of some length, a quotation, or long running text.
pub(crate) fn is_sentence(line: &str, words: usize) -> bool {
    let quoted =
        line.starts_with(['"', '\'']) && line.trim_end_matches(['.', ',']).ends_with(['"', '\'']);
    (words >= 6 && ends_sentence(line)) || (quoted && words >= 4) || words >= 20
}

/// Whether a line could be a headline.
fn title_shaped(line: &str, words: usize) -> bool {
    if !(2..=30).contains(&words) || line.chars().count() > 250 {
        return false;
    }
    // A sentence, a label or a truncated teaser.
    if core_end(line).ends_with(['.', ':', ';', ',']) {
        return false;
    }
    match line.chars().find(|c| c.is_alphabetic()) {
        Some(c) => c.is_uppercase() || !c.is_lowercase(),
        None => false,
    }
}

/// A line that is only a date or time stamp, maybe with a label (`Updated: 5 Dec 2021, 10:30`,
/// `News/Politics 2024-04-18T09:29:37Z`): the ISO date.
fn date_line(line: &str, words: usize) -> Option<String> {
    if words > 10 || ends_sentence(line) && words > 4 {
        return None;
    }
    let hit = dates::find(line)?;
    let rest = format!("{} {}", &line[..hit.start], &line[hit.end..]);
    let other = rest
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    (other <= 3).then_some(hit.iso)
}

/// A breadcrumb or category label: short segments joined by `/`, `>`, `|`, `›`, `·`.
fn breadcrumb(line: &str, words: usize) -> bool {
    if words > 12 || ends_sentence(line) {
        return false;
    }
    let separators = line.matches(['/', '>', '|', '›', '·', '•']).count();
    let single_token = !line.contains(' ');
    if separators == 0 || (separators == 1 && !single_token) {
        return false;
    }
    line.split(['/', '>', '|', '›', '·', '•']).all(|segment| {
        let segment = segment.trim();
        segment.split_whitespace().count() <= 3
            && segment.chars().next().is_none_or(char::is_alphabetic)
    })
}

/// An all-lowercase fragment without sentence punctuation: an image caption or alt text. Every
/// letter must be a lowercase letter of a cased script (Korean or Arabic say nothing by case), and
/// the line must open with a letter (`1 tsp nutmeg` is a list item).
fn caption_fragment(line: &str, words: usize) -> bool {
    (2..=10).contains(&words)
        && !ends_sentence(line)
        && !line.ends_with([',', ';', ':'])
        && line.chars().next().is_some_and(char::is_alphabetic)
        && line
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_lowercase)
}

/// Letters-and-digits words of `text`, lowercased, of at least four characters.
fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
}

/// Classifies the units of one document.
///
/// `given_title` is a title known from elsewhere (declared, or found in the HTML head).
pub fn layout(
    units: &[Unit],
    cues: &CueMatcher,
    context: &RunContext,
    given_title: Option<&str>,
    mode: Mode,
) -> Layout {
    let n = units.len();
    let sentence: Vec<bool> = units
        .iter()
        .map(|u| is_sentence(&u.text, u.words))
        .collect();
    let keys: Vec<Option<u64>> = units.iter().map(|u| line_key(&u.text)).collect();
    let mut dates: Vec<Option<String>> = vec![None; n];
    // Line-level evidence.
    let mut pre: Vec<Option<RemovalReason>> = Vec::with_capacity(n);
    for (i, unit) in units.iter().enumerate() {
        let reason = if let Some(hit) = cues.classify(&unit.text, sentence[i], unit.words) {
            Some(hit.reason)
        } else if let Some(iso) = date_line(&unit.text, unit.words) {
            dates[i] = Some(iso);
            Some(RemovalReason::Metadata)
        } else if breadcrumb(&unit.text, unit.words) {
            Some(RemovalReason::Navigation)
        } else if mode == Mode::Text
            && caption_fragment(&unit.text, unit.words)
            // A run of such lines is a list, not a caption.
            && !(i > 0 && caption_fragment(&units[i - 1].text, units[i - 1].words))
            && !units
                .get(i + 1)
                .is_some_and(|next| caption_fragment(&next.text, next.words))
        {
            Some(RemovalReason::Caption)
        } else {
            None
        };
        pre.push(reason);
    }
    let repeated: Vec<bool> = keys
        .iter()
        .map(|k| k.is_some_and(|k| context.is_repeated(k)))
        .collect();
    // Most of the prose shared with another document: a near-copy, not a page of chrome.
    let prose_chars = |only_repeated: bool| -> usize {
        units
            .iter()
            .enumerate()
            .filter(|&(i, _)| sentence[i] && (!only_repeated || repeated[i]))
            .map(|(_, u)| u.text.len())
            .sum()
    };
    let near_copy = prose_chars(true) * 2 > prose_chars(false);
    let anchor = |i: usize| sentence[i] && pre[i].is_none() && (!repeated[i] || near_copy);
    let body_start = (0..n).find(|&i| anchor(i));
    let body_end = (0..n).rev().find(|&i| anchor(i));

    // The title.
    let mut title: Option<String> = given_title.map(str::to_owned);
    let mut title_unit: Option<usize> = None;
    let title_key = |t: &str| line_key(t);
    if let Some(given) = given_title {
        let key = title_key(given);
        let limit = body_start.map_or(n, |s| s + 1).min(n);
        title_unit = (0..limit).find(|&i| key.is_some() && keys[i] == key);
    } else if mode == Mode::Text {
        let head_end = body_start.unwrap_or(n);
        let candidates: Vec<usize> = (0..head_end)
            .filter(|&i| {
                pre[i].is_none() && !repeated[i] && title_shaped(&units[i].text, units[i].words)
            })
            .collect();
        title_unit = candidates
            .iter()
            .copied()
            .find(|&i| units[i].words >= 5)
            .or_else(|| candidates.last().copied());
        if title_unit.is_none() {
            // Text that opens with prose: a headline may close it (scrapers append it).
            if let (Some(last), Some(start), Some(end)) = (n.checked_sub(1), body_start, body_end) {
                let unit = &units[last];
                if last > end
                    && pre[last].is_none()
                    && title_shaped(&unit.text, unit.words)
                    && about_body(&unit.text, &units[start..=end])
                {
                    title_unit = Some(last);
                }
            }
        }
        title = title_unit.map(|i| units[i].text.clone());
    }
    let title_key = title.as_deref().and_then(title_key);

    // A dateline: in the head, or within three lines after the title.
    let mut dateline = None;
    if mode == Mode::Text {
        let near_title = title_unit.map_or(0..3.min(n), |t| t + 1..(t + 4).min(n));
        let head = 0..body_start.unwrap_or(0);
        dateline = near_title.chain(head).find_map(|i| dates[i].clone());
    }

    let verdicts = (0..n)
        .map(|i| {
            let unit = &units[i];
            if title_key.is_some() && keys[i] == title_key {
                return Verdict::Remove(RemovalReason::Title);
            }
            if let Some(reason) = pre[i] {
                return Verdict::Remove(reason);
            }
            let inside = body_start.is_some_and(|s| i >= s) && body_end.is_some_and(|e| i <= e);
            if repeated[i] && (!sentence[i] || (!near_copy && (!inside || unit.words <= 12))) {
                return Verdict::Remove(RemovalReason::Repeated);
            }
            if mode == Mode::Blocks {
                return Verdict::Keep;
            }
            if let Some(t) = title_unit {
                if i < t && body_start.is_none_or(|s| i < s) {
                    return Verdict::Remove(RemovalReason::Navigation);
                }
            }
            if body_end.is_some_and(|e| i > e) {
                return Verdict::Remove(if unit.words <= 4 {
                    RemovalReason::Navigation
                } else {
                    RemovalReason::Boilerplate
                });
            }
            Verdict::Keep
        })
        .collect();
    let verdicts = never_emptied_by_repetition(verdicts);
    Layout {
        verdicts,
        title,
        dateline,
    }
}

/// Repetition across a site is evidence of chrome, never a reason to lose a whole document: when
/// nothing else would be kept, the lines removed only for repeating stay (an article republished
/// by its site, a feed of wire copy).
fn never_emptied_by_repetition(mut verdicts: Vec<Verdict>) -> Vec<Verdict> {
    let kept = verdicts.iter().any(|verdict| *verdict == Verdict::Keep);
    if !kept {
        for verdict in &mut verdicts {
            if *verdict == Verdict::Remove(RemovalReason::Repeated) {
                *verdict = Verdict::Keep;
            }
        }
    }
    verdicts
}

/// Whether a candidate headline shares its words with the body: at least two of its content words,
/// and at least a third of them, occur there.
fn about_body(candidate: &str, body: &[Unit]) -> bool {
    let vocabulary: std::collections::BTreeSet<String> =
        body.iter().flat_map(|u| content_words(&u.text)).collect();
    let words: Vec<String> = content_words(candidate).collect();
    let found = words.iter().filter(|w| vocabulary.contains(*w)).count();
    found >= 2 && found * 3 >= words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lays out `text` (one unit per line) and renders each unit as `reason | text`, with the title
    /// and the dateline first.
    #[track_caller]
    fn check(text: &str, repeated: &[&str], expected: &str) {
        let cues = CueMatcher::new().expect("cues compile");
        let units = units(text, true);
        let context =
            RunContext::with_repeated(repeated.iter().filter_map(|l| line_key(l)).collect());
        let layout = layout(&units, &cues, &context, None, Mode::Text);
        let mut out = format!(
            "title: {}\ndate: {}\n",
            layout.title.as_deref().unwrap_or("-"),
            layout.dateline.as_deref().unwrap_or("-")
        );
        for (unit, verdict) in units.iter().zip(&layout.verdicts) {
            let tag = match verdict {
                Verdict::Keep => "keep",
                Verdict::Remove(reason) => reason.as_str(),
            };
            out.push_str(&format!("{tag} | {}\n", unit.text));
        }
        assert_eq!(out.trim(), expected.trim(), "\n{out}");
    }

    #[test]
    fn banner_title_dateline_and_footer() {
        check(
            "The Daily Planet\n\nSee all the news...\n\nPutin and Biden meet on Tuesday in Geneva\n\n2021-12-05T09:28:38.493Z\n\nThe presidents have not spoken since July and will meet on Tuesday.\n\nSubheading here\n\n\"We confirm it will happen\", a spokesman said on Saturday.\n\nThe talks will last two hours, officials said.\n\nSource: agencies\n\nLatest\n\nThe information on this site is from external sources that are not under our control.",
            &[],
            "title: Putin and Biden meet on Tuesday in Geneva
date: 2021-12-05T09:28:38Z
navigation | The Daily Planet
navigation | See all the news...
title | Putin and Biden meet on Tuesday in Geneva
metadata | 2021-12-05T09:28:38.493Z
keep | The presidents have not spoken since July and will meet on Tuesday.
keep | Subheading here
keep | \"We confirm it will happen\", a spokesman said on Saturday.
keep | The talks will last two hours, officials said.
metadata | Source: agencies
navigation | Latest
legal | The information on this site is from external sources that are not under our control.",
        );
    }

    #[test]
    fn title_at_the_end() {
        check(
            "Biden called Putin on Tuesday and proposed a summit in a third country soon.\n\nThe Kremlin said the call was frank and businesslike, and Putin agreed.\n\nUkraine crisis: Biden calls Putin about a summit",
            &[],
            "title: Ukraine crisis: Biden calls Putin about a summit
date: -
keep | Biden called Putin on Tuesday and proposed a summit in a third country soon.
keep | The Kremlin said the call was frank and businesslike, and Putin agreed.
title | Ukraine crisis: Biden calls Putin about a summit",
        );
        // A closing line that is not about the body is not a title: it is a footer.
        check(
            "Biden called Putin on Tuesday and proposed a summit in a third country soon.\n\nThe Kremlin said the call was frank and businesslike, and Putin agreed.\n\nThe World with AFP",
            &[],
            "title: -
date: -
keep | Biden called Putin on Tuesday and proposed a summit in a third country soon.
keep | The Kremlin said the call was frank and businesslike, and Putin agreed.
navigation | The World with AFP",
        );
    }

    #[test]
    fn title_repeated_and_captions() {
        check(
            "Biden and Putin spoke on the phone about Ukraine\nbiden putin getty comp\n\nThe two presidents spoke for an hour about the troops at the border.\n\nBiden and Putin spoke on the phone about Ukraine",
            &[],
            "title: Biden and Putin spoke on the phone about Ukraine
date: -
title | Biden and Putin spoke on the phone about Ukraine
caption | biden putin getty comp
keep | The two presidents spoke for an hour about the troops at the border.
title | Biden and Putin spoke on the phone about Ukraine",
        );
    }

    #[test]
    fn lowercase_lists_are_not_captions() {
        check(
            "Pear jam for the winter months\n\nYou will need the following ingredients for the jam.\n\nripe pears, peeled\nground ginger\nfresh lemons\n\nCook everything for an hour and stir it well, then serve.",
            &[],
            "title: Pear jam for the winter months
date: -
title | Pear jam for the winter months
keep | You will need the following ingredients for the jam.
keep | ripe pears, peeled
keep | ground ginger
keep | fresh lemons
keep | Cook everything for an hour and stir it well, then serve.",
        );
    }

    #[test]
    fn repeated_lines() {
        check(
            "Site Banner Name\n\nA real headline about the summit\n\nThe summit took place on Tuesday in Geneva, officials said.\n\nBoth sides described the talks as frank, useful and long overdue.\n\nUkraine has been at war since 2014, a background line many articles share.\n\nThe leaders agreed to meet again next year, the statement said.\n\nOur newsletter is free, sign up now to get it every day.",
            &[
                "Site Banner Name",
                "Ukraine has been at war since 2014, a background line many articles share.",
                "Our newsletter is free, sign up now to get it every day.",
            ],
            "title: A real headline about the summit
date: -
repeated | Site Banner Name
title | A real headline about the summit
keep | The summit took place on Tuesday in Geneva, officials said.
keep | Both sides described the talks as frank, useful and long overdue.
keep | Ukraine has been at war since 2014, a background line many articles share.
keep | The leaders agreed to meet again next year, the statement said.
repeated | Our newsletter is free, sign up now to get it every day.",
        );
    }

    /// Collapses `text` with the fast path and as plain splitting at white space would.
    #[track_caller]
    fn check_collapse(text: &str, expected: &str, words: usize) {
        let slow: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(collapse(text), (expected.to_owned(), words), "{text:?}");
        assert_eq!(
            (slow.join(" "), slow.len().max(1)),
            (expected.to_owned(), words)
        );
    }

    #[test]
    fn collapse_copies_collapsed_lines_whole() {
        check_collapse("one", "one", 1);
        check_collapse(
            "two words and then some more of them",
            "two words and then some more of them",
            8,
        );
        // Double spaces at every offset of an 8-byte chunk, and across chunks.
        for pad in 0..10 {
            let lead = "x".repeat(pad);
            let expected = format!("{lead}a b c d e f g");
            check_collapse(&format!("{lead}a b  c d e f g"), &expected, 7);
            check_collapse(&format!("{lead}a b\tc d e f g"), &expected, 7);
            check_collapse(&format!("{lead}a b\u{a0}c d e f g"), &expected, 7);
            check_collapse(&format!("{lead}a b\u{2009} c d e f g"), &expected, 7);
        }
        check_collapse(
            "control\u{1}chars\u{7f}stay words",
            "control\u{1}chars\u{7f}stay words",
            2,
        );
        check_collapse(
            "кириллица и ещё слова подряд",
            "кириллица и ещё слова подряд",
            5,
        );
    }

    #[test]
    fn shapes() {
        let sentence = |l: &str| is_sentence(l, l.split_whitespace().count());
        assert!(sentence(
            "The last telephone interview dates back to July 9."
        ));
        assert!(sentence(
            "\"I expect that we will have a long discussion with Putin\""
        ));
        assert!(!sentence("Now you can see non-English news..."));
        assert!(!sentence("All comments."));
        assert!(breadcrumb("News/Politics", 1));
        assert!(breadcrumb("Home > World > Europe", 5));
        assert!(!breadcrumb("Biden/Putin summit", 2));
        assert_eq!(
            date_line("News/Politics 2024-04-18T09:29:37.790Z", 2).as_deref(),
            Some("2024-04-18T09:29:37Z")
        );
        assert_eq!(
            date_line("Updated: 5 December 2021, 10:30", 5).as_deref(),
            Some("2021-12-05T10:30:00")
        );
        assert_eq!(date_line("All news articles on 2021-12-05", 5), None);
        assert!(title_shaped(
            "Krisis Ukraina, Biden menyebut Putin: \"Mari bertemu di negara ketiga\"",
            10
        ));
        assert!(!title_shaped("All comments.", 2));
        assert!(caption_fragment("biden putin getty comp", 4));
        assert!(!caption_fragment("1 tsp nutmeg", 3));
        assert!(!caption_fragment("칼럼니스트 박생강 pillgoo9@gmail.com", 3));
        assert!(!caption_fragment("the talks went on.", 4));
    }
}
