//! Sentence segmentation: byte spans of the sentences of a text, in one pass, per language.
//!
//! Every line break is a boundary (paragraphs and lines never share a sentence). Inside a line a
//! sentence ends after a run of terminators (`.`, `!`, `?`, `…`, `؟`, `。`) plus any closing quotes
//! or brackets, when whitespace and a sentence start (an upper-case or uncased letter, a digit, or
//! an opening quote before one) follow. A lone `.` does not end a sentence after a known
//! abbreviation of the language (`Dr.`, `bzw.`, `ul.`, `т.е.`), an initial (`J. R. R. Tolkien`),
//! a dotted abbreviation (`U.S.`, `z. B.`), a list number at the start of a sentence, a number
//! abbreviation before a number (`Nr. 5`) or, in languages that write ordinals with a dot, a short
//! number (`7. Dezember`). Numbers (`40.000`, `1.5`) never match since no space follows the dot.
//!
//! It deliberately does not guess sentence ends without a terminator, nor split after an
//! abbreviation that does end a sentence (`... in the U.S. Then`): those stay joined.

use concord_model::Span;

use crate::swar;

mod abbreviations;

use self::abbreviations::{NUMBER_ABBREVIATIONS, abbreviations, writes_ordinal_dot};

/// Characters that end a sentence.
fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '؟' | '。' | '！' | '？' | '‼' | '⁉'
    )
}

/// Characters that may close a quotation or parenthesis after a terminator.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '“' | '»' | '«' | '›' | '‹' | ')' | ']' | '}' | '」' | '』'
    )
}

/// Characters that may open a sentence before its first letter.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '„'
            | '‘'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '('
            | '['
            | '¿'
            | '¡'
            | '-'
            | '–'
            | '—'
            | '「'
            | '『'
    )
}

/// Whether `rest` (just after a boundary's whitespace) starts a new sentence.
fn starts_sentence(rest: &str) -> bool {
    for c in rest.chars() {
        if is_opening(c) || c.is_whitespace() {
            continue;
        }
        return c.is_uppercase() || c.is_numeric() || (c.is_alphabetic() && !c.is_lowercase());
    }
    false
}

/// Splits `text` (in language `lang`, ISO 639-1 or `und`) into sentence spans relative to `text`,
/// trimmed of surrounding whitespace; blank text gives no span.
pub fn split(text: &str, lang: &str) -> Vec<Span> {
    let rules = Rules {
        abbreviations: abbreviations(lang),
        ordinal_dot: writes_ordinal_dot(lang),
    };
    let mut spans = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(line, line_start, &rules, &mut spans);
        line_start += line.len();
    }
    spans
}

/// The language-specific part of the rules.
struct Rules {
    abbreviations: &'static [&'static str],
    ordinal_dot: bool,
}

/// Pushes the sentences of one line (offset `base` in the text).
fn split_line(line: &str, base: usize, rules: &Rules, spans: &mut Vec<Span>) {
    let mut start = 0; // start of the current sentence within `line`
    let bytes = line.as_bytes();
    // Where the search for the next terminator goes on.
    let mut next_at = 0;
    while next_at < bytes.len() {
        // Eight bytes at once while none can start a terminator (no `.`, `!`, `?`, non-ASCII).
        if let Some(chunk) = bytes.get(next_at..next_at + 8) {
            if !may_start_terminator(swar::load(chunk)) {
                next_at += 8;
                continue;
            }
        }
        let at = next_at;
        // Only these bytes start a terminator (none of them is inside a character): the others
        // are stepped over without decoding.
        if !matches!(bytes[at], b'.' | b'!' | b'?' | 0xd8 | 0xe2 | 0xe3 | 0xef) {
            next_at += 1;
            continue;
        }
        let Some(c) = line[at..].chars().next() else {
            break;
        };
        next_at += c.len_utf8();
        if !is_terminator(c) {
            continue;
        }
        // The whole run of terminators ("?!", "...").
        let mut end = next_at;
        let mut single_dot = c == '.';
        while let Some(next) = line[end..].chars().next() {
            if !is_terminator(next) {
                break;
            }
            single_dot = false;
            end += next.len_utf8();
        }
        next_at = end;
        // Closing quotes and brackets right after, or after a space when a space follows them
        // (French `« Non. » Puis`).
        let mut closed = false;
        let mut probe = end;
        loop {
            let rest = &line[probe..];
            let Some(next) = rest.chars().next() else {
                break;
            };
            if is_closing(next) {
                probe += next.len_utf8();
                end = probe;
                closed = true;
                continue;
            }
            if next.is_whitespace() && next != '\n' {
                let after = rest.trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
                let mut chars = after.chars();
                if let Some(quote) = chars.next()
                    && matches!(quote, '»' | '”' | '"' | '›')
                    && chars.next().is_none_or(char::is_whitespace)
                {
                    probe = line.len() - after.len() + quote.len_utf8();
                    end = probe;
                    closed = true;
                    continue;
                }
            }
            break;
        }
        let rest = &line[end..];
        let Some(first) = rest.chars().next() else {
            continue; // end of line: the line end closes the sentence
        };
        if !first.is_whitespace() || !starts_sentence(rest) {
            continue;
        }
        if single_dot && !closed && !ends_sentence_at_dot(line, start, at, rest, rules) {
            continue;
        }
        push_trimmed(line, base, start, end, spans);
        start = end;
        // Go on past what the closing quotes consumed.
        next_at = end;
    }
    push_trimmed(line, base, start, line.len(), spans);
}

/// Whether one of the 8 bytes in `x` is `.`, `!`, `?` or not ASCII.
fn may_start_terminator(x: u64) -> bool {
    x & swar::HIGH != 0
        || swar::first_eq(x, b'.') | swar::first_eq(x, b'!') | swar::first_eq(x, b'?') != 0
}

/// Whether the lone `.` at `dot` ends the sentence begun at `start`, given the token before it.
fn ends_sentence_at_dot(line: &str, start: usize, dot: usize, rest: &str, rules: &Rules) -> bool {
    let before = &line[start..dot];
    let token_start = before
        .rfind(|c: char| c.is_whitespace() || is_opening(c) && c != '-')
        .map(|at| at + before[at..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let token = &before[token_start..];
    if token.is_empty() {
        return true;
    }
    let is_first_token = before[..token_start].trim().is_empty();
    if token.chars().all(|c| c.is_ascii_digit()) {
        // "1. First point" (a list number) or "am 7. Dezember" (an ordinal).
        return !(is_first_token || rules.ordinal_dot && token.len() <= 3);
    }
    let mut letters = token.chars().filter(|c| c.is_alphabetic());
    let one_letter = letters.next().is_some() && letters.next().is_none();
    if one_letter && token.chars().count() == 1 {
        return false; // an initial, or "z. B."
    }
    if token.contains('.')
        && token
            .split('.')
            .all(|part| part.chars().count() <= 2 && part.chars().all(char::is_alphabetic))
    {
        return false; // U.S., e.g., т.е.
    }
    let lower = token.to_lowercase();
    if rules.abbreviations.binary_search(&lower.as_str()).is_ok() {
        return false;
    }
    let next_is_digit = rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit());
    !(next_is_digit && NUMBER_ABBREVIATIONS.binary_search(&lower.as_str()).is_ok())
}

/// Pushes `line[from..to]` trimmed, unless blank.
fn push_trimmed(line: &str, base: usize, from: usize, to: usize, spans: &mut Vec<Span>) {
    let piece = &line[from..to];
    let trimmed_start = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let begin = base + from + trimmed_start;
        spans.push(Span::new(begin, begin + trimmed.len()));
    }
}

#[cfg(test)]
mod tests;
