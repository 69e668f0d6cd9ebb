//! Finds quotation-mark pairs in running text, one pass over the bytes.
//!
//! Every quote style is accepted and pairs may mix styles („…“, «…», "…", “…”, ‹…›, '…', „…", ”…“),
//! because machine translation and careless editing leave mismatched, glued or spaced marks behind. A
//! mark's role comes from what touches it, not from its shape: a mark with space on its left and a
//! letter on its right opens, one with a letter on its left and space or punctuation on its right
//! closes, and a mark glued between two letters (`langsung"Dengan`) or standing alone between spaces
//! (`to ” de-escalation “ and`) flips the current state. Single quotes (' ‘ ’ ‚) are also apostrophes,
//! so they only open on a clean left edge and are ignored between letters.
//!
//! Quotes never cross a paragraph, except that a paragraph opening with a quote mark and never closing
//! it continues into the next paragraph when that one opens with a quote mark too (the newspaper
//! convention for long quotations). An opening mark left unclosed elsewhere is taken for a stray and
//! the paragraph is read again without it. Quotes nested inside a quote are not reported on their own.
//!
//! It does not decide whether a pair is a quotation of someone (scare quotes, titles): the caller does.

/// Whether a mark belongs to the double family (never an apostrophe) or the single family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

/// What touches a mark on either side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flank {
    /// Space on the left, a word on the right.
    Open,
    /// A non-space on the left, space or closing punctuation on the right.
    Close,
    /// Non-space on both sides (`langsung"Dengan`).
    Glued,
    /// Space (or start) on the left, space or closing punctuation on the right.
    Isolated,
}

/// One quotation mark occurrence.
#[derive(Clone, Copy, Debug)]
struct Mark {
    start: usize,
    end: usize,
    family: Family,
    flank: Flank,
    /// Letters on both sides: an apostrophe when the mark is a single quote.
    between_letters: bool,
}

/// A pair of marks (or an opening mark running to the end of its paragraph).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawQuote {
    /// The opening mark, `[start, end)` in bytes.
    pub open: (usize, usize),
    /// The closing mark, or `None` when the quote runs to the end of its paragraph.
    pub close: Option<(usize, usize)>,
    /// The quoted text without marks and surrounding whitespace.
    pub content: (usize, usize),
    /// The paragraph `[start, end)` that holds the quote.
    pub paragraph: (usize, usize),
    /// The quote continues in the next raw quote (a quotation over several paragraphs).
    pub continues: bool,
}

/// Returns the mark family of the character at `pos`, with its byte length, if it is a quote mark.
#[inline]
fn mark_at(bytes: &[u8], pos: usize) -> Option<(Family, usize)> {
    match bytes[pos] {
        b'"' => Some((Family::Double, 1)),
        b'\'' => Some((Family::Single, 1)),
        0xC2 => match bytes.get(pos + 1) {
            // « »
            Some(0xAB | 0xBB) => Some((Family::Double, 2)),
            _ => None,
        },
        0xE2 => match (bytes.get(pos + 1), bytes.get(pos + 2)) {
            // “ ” „ ‟
            (Some(0x80), Some(0x9C..=0x9F)) => Some((Family::Double, 3)),
            // ‘ ’ ‚ ‛
            (Some(0x80), Some(0x98..=0x9B)) => Some((Family::Single, 3)),
            // ‹ ›
            (Some(0x80), Some(0xB9 | 0xBA)) => Some((Family::Double, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a character on the left of a mark lets it open a quote.
#[inline]
fn is_left_open(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | '\u{2012}')
}

/// Closing punctuation that may follow a closing mark.
#[inline]
fn is_right_close(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–'
    )
}

#[inline]
fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '«' | '»' | '‹' | '›' | '“' | '”' | '„' | '‟' | '‘' | '’' | '‚' | '‛'
    )
}

fn classify(text: &str, start: usize, end: usize, family: Family) -> Mark {
    let left = text[..start].chars().next_back();
    let right = text[end..].chars().next();
    let l_space = left.is_none_or(|c| is_left_open(c) || is_quote_char(c));
    let r_space = right.is_none_or(char::is_whitespace);
    let r_close = right.is_some_and(|c| is_right_close(c) || is_quote_char(c));
    let flank = match (l_space, r_space || r_close) {
        (true, false) => Flank::Open,
        (false, true) => Flank::Close,
        (false, false) => Flank::Glued,
        (true, true) => Flank::Isolated,
    };
    let between_letters =
        left.is_some_and(char::is_alphanumeric) && right.is_some_and(char::is_alphanumeric);
    Mark {
        start,
        end,
        family,
        flank,
        between_letters,
    }
}

/// Splits `text` into paragraphs: at blank lines when it has any, else at every line break.
pub fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let has_blank = text.contains("\n\n") || text.contains("\n\r\n") || text.contains("\r\n\r\n");
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            let mut blank = !has_blank;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r' | b'\n') {
                if bytes[j] == b'\n' {
                    blank = true;
                }
                j += 1;
            }
            if blank {
                out.push((start, i));
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out.retain(|&(s, e)| !text[s..e].trim().is_empty());
    out
}

/// Trims whitespace from both ends of `[start, end)`.
fn trim(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let s = start + lead;
    let e = s + text[s..end].trim_end().len();
    (s, e)
}

/// Finds the quotations of `text`, in text order. `out` is cleared first; `marks` is scratch space.
pub fn find_pairs(text: &str, out: &mut Vec<RawQuote>) {
    out.clear();
    let bytes = text.as_bytes();
    let paras = paragraphs(text);
    let mut marks: Vec<Mark> = Vec::new();
    for (pi, &(ps, pe)) in paras.iter().enumerate() {
        marks.clear();
        let mut i = ps;
        while i < pe {
            let b = bytes[i];
            if (b == b'"' || b == b'\'' || b == 0xC2 || b == 0xE2)
                && let Some((family, len)) = mark_at(bytes, i)
                && i + len <= pe
            {
                marks.push(classify(&text[..pe], i, i + len, family));
                i += len;
                continue;
            }
            i += 1;
        }
        if marks.is_empty() {
            continue;
        }
        let first_len = out.len();
        pair_paragraph(text, (ps, pe), &marks, out);
        // Multi-paragraph quotation: an unclosed quote that opened the paragraph continues when the
        // next paragraph opens with a quote mark.
        if out.len() > first_len
            && let Some(last) = out.last_mut()
            && last.close.is_none()
            && let Some(&(ns, _)) = paras.get(pi + 1)
            && mark_at(bytes, ns).is_some_and(|(f, _)| f == Family::Double)
        {
            last.continues = true;
        }
    }
}

/// Pairs the marks of one paragraph, re-reading it without a stray opener when one is left open.
fn pair_paragraph(text: &str, para: (usize, usize), marks: &[Mark], out: &mut Vec<RawQuote>) {
    let (ps, pe) = para;
    let mut skip: Vec<usize> = Vec::new();
    // Each round removes one stray mark, so this ends after at most `marks.len()` rounds.
    'round: loop {
        let mark_len = out.len();
        // Stack of open marks: (index in marks).
        let mut stack: Vec<usize> = Vec::with_capacity(4);
        for (mi, m) in marks.iter().enumerate() {
            if skip.contains(&mi) {
                continue;
            }
            let Some(&top) = stack.last() else {
                // Outside any quote.
                let opens = match (m.family, m.flank) {
                    (_, Flank::Open) => true,
                    (Family::Double, Flank::Glued) => true,
                    // A lone mark between spaces opens only when words follow it.
                    (Family::Double, Flank::Isolated) => text[m.end..pe]
                        .chars()
                        .next()
                        .is_some_and(char::is_whitespace),
                    _ => false,
                };
                if opens {
                    stack.push(mi);
                }
                continue;
            };
            let t = marks[top];
            match (t.family, m.family) {
                (Family::Double, Family::Double) => {
                    if m.flank == Flank::Open && stack.len() < 3 {
                        stack.push(mi);
                    } else {
                        stack.pop();
                        if stack.is_empty() {
                            emit(text, para, t, Some(*m), out);
                        }
                    }
                }
                (Family::Single, Family::Single) => {
                    if m.between_letters {
                        continue;
                    }
                    match m.flank {
                        Flank::Close | Flank::Isolated => {
                            stack.pop();
                            if stack.is_empty() {
                                emit(text, para, t, Some(*m), out);
                            }
                        }
                        Flank::Open if stack.len() < 3 => stack.push(mi),
                        _ => {}
                    }
                }
                (Family::Double, Family::Single) => {
                    if m.flank == Flank::Open && stack.len() < 3 {
                        stack.push(mi);
                    }
                }
                (Family::Single, Family::Double) => {
                    if m.flank == Flank::Open && stack.len() < 3 {
                        stack.push(mi);
                    } else if let Some(pos) = stack
                        .iter()
                        .rposition(|&k| marks[k].family == Family::Double)
                    {
                        // Closes the double quote around an unclosed single one.
                        let opener = marks[stack[pos]];
                        stack.truncate(pos);
                        if stack.is_empty() {
                            emit(text, para, opener, Some(*m), out);
                        }
                    }
                }
            }
        }
        let Some(&bottom) = stack.first() else {
            return;
        };
        let b = marks[bottom];
        let before = text[ps..b.start].trim_end();
        let starts_paragraph = before.is_empty();
        let after_colon = before.ends_with(':');
        if b.family == Family::Double && (starts_paragraph || after_colon) {
            emit(text, para, b, None, out);
            return;
        }
        // A stray opener: forget what this round emitted and read the paragraph again without it.
        out.truncate(mark_len);
        skip.push(bottom);
        continue 'round;
    }
}

fn emit(
    text: &str,
    para: (usize, usize),
    open: Mark,
    close: Option<Mark>,
    out: &mut Vec<RawQuote>,
) {
    let end = close.map_or(para.1, |c| c.start);
    let (cs, ce) = trim(text, open.end, end);
    if !text[cs..ce].chars().any(char::is_alphanumeric) {
        return;
    }
    out.push(RawQuote {
        open: (open.start, open.end),
        close: close.map(|c| (c.start, c.end)),
        content: (cs, ce),
        paragraph: para,
        continues: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the quoted texts found in `text`.
    fn check(text: &str, expected: &[&str]) {
        let mut out = Vec::new();
        find_pairs(text, &mut out);
        let got: Vec<&str> = out
            .iter()
            .map(|q| &text[q.content.0..q.content.1])
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    #[test]
    fn styles() {
        check("Er sagte: „Wir kommen.“ Dann ging er.", &["Wir kommen."]);
        check("Il a dit : « Nous viendrons » hier.", &["Nous viendrons"]);
        check("He said \"we will come\" today.", &["we will come"]);
        check("He said “we will come” today.", &["we will come"]);
        check("Er sagte ‹wir kommen› heute.", &["wir kommen"]);
        check("He said 'we will come' today.", &["we will come"]);
        check("Powiedział: „Przyjdziemy\" jutro.", &["Przyjdziemy"]);
        check("Er sagte »wir kommen« heute.", &["wir kommen"]);
        check("Han sa ”vi kommer” i dag.", &["vi kommer"]);
        check(
            "Он сказал: «Мы придём „скоро“ домой».",
            &["Мы придём „скоро“ домой"],
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        check("It’s Russia’s plan, the States’ aim, don't.", &[]);
        check("Headline: It’s ‘in Their Heads.’", &["in Their Heads."]);
        check(
            "“the United States’ unwavering commitment”.",
            &["the United States’ unwavering commitment"],
        );
    }

    #[test]
    fn machine_translation_marks() {
        check(
            "Rusia \"dia tidak ingin konflik langsung\"Dengan Amerika Serikat tetapi\"akan melanjutkan upayanya \". Sekretaris",
            &[
                "dia tidak ingin konflik langsung",
                "akan melanjutkan upayanya",
            ],
        );
        check(
            "called on Russia to ” de-escalation “ and to",
            &["de-escalation"],
        );
        check("set to follow ” very soon “, according to", &["very soon"]);
        check(
            "Moskau muss \"Spannungen abbauen\"Dies ist",
            &["Spannungen abbauen"],
        );
        check(
            "Schoigu\"Moskau unternimmt Schritte. “",
            &["Moskau unternimmt Schritte."],
        );
    }

    #[test]
    fn paragraphs_and_strays() {
        check(
            "\"First paragraph of a long quote.\n\n\"Second part,\" he said.",
            &["First paragraph of a long quote.", "Second part,"],
        );
        check(
            "A stray \" mark and \"a real quote\" here.",
            &["a real quote"],
        );
        check("He said: \"unclosed to the end", &["unclosed to the end"]);
        check("Mid \"unclosed stray then nothing", &[]);
    }
}
