//! A small, fast word tokenizer that keeps byte spans into the text.
//!
//! Words are runs of letters, digits and combining marks, joined across a hyphen, an apostrophe or an
//! inner dot ("COVID-19", "O'Brien", "U.S."), and across a comma or dot between digits ("13,000",
//! "3.5"). Romance elisions ("l'", "dell'", "qu'") and the English possessive "'s" become tokens of
//! their own, as in the CoNLL corpora, so that "l'Union" and "Putin's" give the name on its own.
//! Every other visible character is a one-character token. Whitespace is skipped.
//!
//! It does not split sentences, normalise text or allocate beyond the output vector.
//!
//! The character classes and the elision list are shared (`pub(crate)`) with the number tokenizer
//! of [`crate::numbers`], which splits differently on purpose but must agree on what a letter, an
//! apostrophe and an elision are.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TokenKind {
    /// Holds at least one letter ("Biden", "COVID-19", "l'").
    Word,
    /// Digits with inner separators only ("2021", "13,000", "3.5").
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// One token: a half-open byte range `[start, end)` of the text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Token {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// What the token is made of.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text, or `""` when the span does not fit `text` (never panics).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// Tokenizes `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, &mut out);
    out
}

/// Whether `c` is a letter (alphabetic) or a combining mark of Latin or Cyrillic.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    // Fast paths for Latin and Cyrillic: the general Unicode table lookup is slow.
    match c as u32 {
        0..=0x7f => c.is_ascii_alphabetic(),
        0xc0..=0x24f => c != '×' && c != '÷',
        0x400..=0x481 | 0x48a..=0x52f => true,
        0x300..=0x36f | 0x483..=0x489 => true,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` belongs inside a word: letters, digits and combining marks.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_letter(c) || c.is_numeric()
    }
}

/// Whether `c` is an apostrophe, typed (`'`), typographic (`’`, and `‘` as machine translation and
/// some keyboards leave it) or the modifier letter `ʼ`.
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}')
}

/// Whether `c` joins the parts of a compound word.
#[inline]
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Elided articles, pronouns and prepositions (French, Italian, Catalan) that end at an apostrophe.
pub(crate) const ELISIONS: [&str; 24] = [
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "lorsqu", "puisqu", "jusqu", "quoiqu", "dell",
    "all", "dall", "nell", "sull", "coll", "un", "quell", "nessun", "sant", "dev",
];

/// Whether `word` (without its apostrophe, any case) is one of [`ELISIONS`].
#[inline]
pub(crate) fn is_elision(word: &str) -> bool {
    word.len() <= 7 && ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(word))
}

/// Where the word after a leading elision starts (`"l'Union"` gives 2, after the apostrophe), or
/// `None` when `word` does not start with one.
pub(crate) fn elision_end(word: &str) -> Option<usize> {
    let (pos, c) = word.char_indices().find(|&(_, c)| is_apostrophe(c))?;
    is_elision(&word[..pos]).then_some(pos + c.len_utf8())
}

/// Tokenizes `text`, appending to `out` (cleared first) so callers can reuse the buffer.
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() || c.is_control() || c == '\u{feff}' || c == '\u{200b}' {
            continue;
        }
        if !is_word_char(c) {
            // The possessive "'s" right after a word is one token.
            if is_apostrophe(c)
                && out
                    .last()
                    .is_some_and(|t| t.end as usize == start && t.kind != TokenKind::Punct)
            {
                let after = start + c.len_utf8();
                let mut rest = text[after..].chars();
                if matches!(rest.next(), Some('s' | 'S'))
                    && rest.next().is_none_or(|f| !is_word_char(f))
                {
                    chars.next();
                    out.push(Token {
                        start: start as u32,
                        end: (after + 1) as u32,
                        kind: TokenKind::Word,
                    });
                    continue;
                }
            }
            out.push(Token {
                start: start as u32,
                end: (start + c.len_utf8()) as u32,
                kind: TokenKind::Punct,
            });
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut has_letter = !c.is_numeric();
        let mut prev = c;
        let mut inner_dot = false;
        // Length in chars of the current dot-separated segment, for "U.S." style abbreviations.
        let mut segment = 1usize;
        let mut short_segments = true;
        while let Some(&(pos, next)) = chars.peek() {
            if is_word_char(next) {
                chars.next();
                has_letter |= !next.is_numeric();
                end = pos + next.len_utf8();
                prev = next;
                segment += 1;
                continue;
            }
            // A joiner continues the word only when a word character follows it.
            let after = pos + next.len_utf8();
            let follower = text[after..].chars().next();
            let Some(follower) = follower.filter(|&f| is_word_char(f)) else {
                // "U.S." keeps its final dot.
                if next == '.'
                    && inner_dot
                    && short_segments
                    && segment == 1
                    && prev.is_alphabetic()
                {
                    chars.next();
                    end = after;
                }
                break;
            };
            let joins = if is_hyphen(next) || next == '_' {
                true
            } else if is_apostrophe(next) {
                let word = &text[start..end];
                if is_elision(word) {
                    // "l'" is a token; the name starts after the apostrophe.
                    chars.next();
                    end = after;
                    break;
                }
                let rest_is_s = matches!(follower, 's' | 'S')
                    && text[after + 1..]
                        .chars()
                        .next()
                        .is_none_or(|f| !is_word_char(f));
                // "Putin's": the possessive is a token of its own.
                !rest_is_s
            } else if next == '.' {
                if prev.is_numeric() && follower.is_numeric() {
                    true
                } else if prev.is_alphabetic() && follower.is_alphabetic() && segment <= 2 {
                    inner_dot = true;
                    true
                } else {
                    false
                }
            } else if next == ',' {
                prev.is_ascii_digit() && follower.is_ascii_digit()
            } else {
                false
            };
            if !joins {
                break;
            }
            if next == '.' {
                short_segments &= segment <= 2;
                segment = 0;
            }
            chars.next();
            let (fpos, f) = chars.next().unwrap_or((after, follower));
            has_letter |= !f.is_numeric();
            end = fpos + f.len_utf8();
            prev = f;
            segment += 1;
        }
        debug_assert!(end <= bytes.len());
        out.push(Token {
            start: start as u32,
            end: end as u32,
            kind: if has_letter {
                TokenKind::Word
            } else {
                TokenKind::Number
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        let tokens = tokenize(text);
        let got: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        assert_eq!(got, expected, "tokens of {text:?}");
        for t in &tokens {
            assert!(text.is_char_boundary(t.start as usize));
            assert!(text.is_char_boundary(t.end as usize));
        }
    }

    fn check_kinds(text: &str, expected: &[TokenKind]) {
        let got: Vec<TokenKind> = tokenize(text).iter().map(|t| t.kind).collect();
        assert_eq!(got, expected, "kinds of {text:?}");
    }

    #[test]
    fn words_and_punctuation() {
        check("Joe Biden, Putin.", &["Joe", "Biden", ",", "Putin", "."]);
        check("  \n\t ", &[]);
        check("", &[]);
        check("„Путіна“ — ЄС!", &["„", "Путіна", "“", "—", "ЄС", "!"]);
        check("Kremlmieter\u{a0}an", &["Kremlmieter", "an"]);
    }

    #[test]
    fn joiners() {
        check(
            "COVID-19 Bośnia-Hercegowina",
            &["COVID-19", "Bośnia-Hercegowina"],
        );
        check("PiS-u -x x-", &["PiS-u", "-", "x", "x", "-"]);
        check(
            "13,000 soldiers, 3.5 km",
            &["13,000", "soldiers", ",", "3.5", "km"],
        );
        check(
            "in the U.S. and U.K.",
            &["in", "the", "U.S.", "and", "U.K."],
        );
        check("end.Next", &["end", ".", "Next"]);
        check("O'Brien rock'n'roll", &["O'Brien", "rock'n'roll"]);
    }

    #[test]
    fn elisions_and_possessives() {
        check("l'Union européenne", &["l'", "Union", "européenne"]);
        check("dell’Ucraina", &["dell’", "Ucraina"]);
        check("Putin's army", &["Putin", "'s", "army"]);
        check("Putin’s", &["Putin", "’s"]);
        check("l‘Ucraina", &["l‘", "Ucraina"]);
        check("it's", &["it", "'s"]);
    }

    #[test]
    fn char_classes_agree_with_unicode() {
        // The fast paths must say what the Unicode tables say, for every scalar value.
        let combining =
            |c: char| ('\u{300}'..='\u{36f}').contains(&c) || ('\u{483}'..='\u{489}').contains(&c);
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            assert_eq!(
                is_letter(c),
                c.is_alphabetic() || combining(c),
                "letter {c:?}"
            );
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || combining(c),
                "word char {c:?}"
            );
        }
    }

    #[test]
    fn elision_ends() {
        for (word, expected) in [
            ("l'Union", Some(2)),
            ("dell’Ucraina", Some(7)),
            ("jusqu‘à", Some(8)),
            ("d'", Some(2)),
            ("O'Brien", None),
            ("rock'n'roll", None),
            ("Union", None),
        ] {
            assert_eq!(elision_end(word), expected, "{word:?}");
        }
    }

    #[test]
    fn kinds() {
        use TokenKind::*;
        check_kinds("NATO 2021 , 3.5 G7", &[Word, Number, Punct, Number, Word]);
    }
}
