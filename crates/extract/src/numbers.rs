//! Reading numbers: digits with the language's separators ("40.000" is forty thousand in German,
//! "1,5" one and a half), suffixes ("100K", "1,2M"), and spelled-out numerals in the fourteen
//! covered languages, with multipliers ("100 ribu", "1,5 Mio.", "drei Millionen", "тысяч") and
//! Slavic inflected forms ("двухсот", "pięciu").
//!
//! [`Numbers`] compiles the word tables of [`tables`] once (per language: a hash map from lowercase
//! form to meaning, plus a morpheme list for languages that write numerals as one word) and is
//! shared by reference: reading never compiles anything and allocates nothing beyond a reusable
//! lowercase buffer. [`Numbers::parse`] reads a whole surface form; the figure finder
//! ([`crate::figures`]) reads numbers inside running text with the same machinery
//! (`Numbers::read`, over this module's own tokenizer, which splits differently from
//! [`crate::tokenize`] on purpose but shares its character classes and elision list).
//!
//! It deliberately does not read ordinals ("third", "3rd"), fractions written in words ("three
//! quarters"), or Roman numerals, and it does not decide whether a number is a year or a count:
//! that is the figure finder's job.

pub(crate) mod tables;

use std::collections::HashMap;

use crate::tokenize::{elision_end, is_apostrophe, is_letter};

/// The languages with number tables, as ISO 639-1 codes.
pub const LANGUAGES: [&str; 14] = [
    "en", "de", "fr", "es", "it", "nl", "pl", "cs", "sl", "bg", "ru", "uk", "id", "pt",
];

/// What a number word does when read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Adds a value (units, teens, tens, whole hundreds).
    Value,
    /// Multiplies the unit before it by a hundred.
    Hundred,
    /// Multiplies the unit before it by a small factor ("puluh").
    Mult,
    /// Adds ten to the unit before it ("belas").
    Teen,
    /// A scale: thousand and up.
    Scale,
    /// Multiplies everything read so far ("dozen").
    Dozen,
    /// Joins parts ("and", "und").
    Connector,
    /// A decimal point word.
    Point,
    /// A fraction added to the unit before it ("половиной").
    Frac,
    /// A minus sign word.
    Neg,
    /// An article that can mean one.
    Article,
    /// A number only when read alone.
    Weak,
    /// A vague plural only ("tens", "десятки").
    Vague,
}

/// The meaning of one number word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Entry {
    /// What it does.
    pub kind: Kind,
    /// Its value (the multiplier for multipliers).
    pub value: f64,
    /// Whether it can start a vague expression ("thousands of").
    pub vague: bool,
}

/// How a language writes the separators of digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// `1,000.5` (English).
    Comma,
    /// `1.000,5` (German, Indonesian, Spanish, Italian, Dutch, Slovenian).
    Dot,
    /// `1 000,5`, a dot also grouping thousands (French, Slavic languages).
    Space,
    /// Unknown language: decided from the digits alone.
    Guess,
}

/// The compiled tables of one language.
#[derive(Debug)]
pub(crate) struct Lang {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Lowercase form to meaning.
    words: HashMap<Box<str>, Entry>,
    /// Forms used to segment one-word numerals, longest first, by first char.
    morphemes: HashMap<char, Vec<(Box<str>, Entry)>>,
    /// Digit separators.
    pub style: Style,
    /// The first two characters of every form and morpheme: a cheap test before lowercasing a
    /// whole word and hashing it.
    starts: std::collections::HashSet<[char; 2]>,
}

impl Lang {
    fn build(code: &'static str, table: &str) -> Lang {
        let mut words: HashMap<Box<str>, Entry> = HashMap::new();
        for line in table.lines() {
            let mut parts = line.split_whitespace();
            let (Some(value), Some(kind)) = (parts.next(), parts.next()) else {
                continue;
            };
            let value: f64 = value.parse().unwrap_or(0.0);
            let kind = match kind {
                "v" => Kind::Value,
                "h" => Kind::Hundred,
                "m" => Kind::Mult,
                "t" => Kind::Teen,
                "s" => Kind::Scale,
                "d" => Kind::Dozen,
                "c" => Kind::Connector,
                "p" => Kind::Point,
                "f" => Kind::Frac,
                "n" => Kind::Neg,
                "a" => Kind::Article,
                "w" => Kind::Weak,
                _ => Kind::Vague,
            };
            for form in parts {
                let (form, vague) = match form.strip_suffix('*') {
                    Some(stem) => (stem, true),
                    None => (form, kind == Kind::Vague),
                };
                words.insert(form.into(), Entry { kind, value, vague });
            }
        }
        let mut morphemes: HashMap<char, Vec<(Box<str>, Entry)>> = HashMap::new();
        if matches!(code, "de" | "nl" | "it" | "sl") {
            for (form, entry) in &words {
                let usable = matches!(
                    entry.kind,
                    Kind::Value | Kind::Hundred | Kind::Scale | Kind::Connector | Kind::Article
                ) && !entry.vague;
                if let (true, Some(first)) = (usable, form.chars().next()) {
                    morphemes
                        .entry(first)
                        .or_default()
                        .push((form.clone(), *entry));
                }
            }
            for list in morphemes.values_mut() {
                list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
            }
        }
        let style = match code {
            "en" => Style::Comma,
            "de" | "id" | "es" | "it" | "nl" | "sl" | "pt" => Style::Dot,
            "fr" | "pl" | "cs" | "bg" | "ru" | "uk" => Style::Space,
            _ => Style::Guess,
        };
        let starts = words.keys().map(|form| first_two(form.chars())).collect();
        Lang {
            code,
            words,
            morphemes,
            style,
            starts,
        }
    }

    /// Whether `word` (any case) may be a number word or start a one-word numeral.
    pub(crate) fn may_be_number(&self, word: &str) -> bool {
        let key = first_two(
            word.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if is_apostrophe(c) { '\'' } else { c }),
        );
        self.starts.contains(&key)
    }

    /// The meaning of a lowercase word.
    pub(crate) fn word(&self, lower: &str) -> Option<Entry> {
        self.words.get(lower).copied()
    }

    /// Segments a lowercase one-word numeral ("dreiundzwanzig") into `out`; false when it is not
    /// one. Only languages that write numerals as one word have morphemes.
    pub(crate) fn segment(&self, lower: &str, out: &mut Vec<Entry>) -> bool {
        out.clear();
        if self.morphemes.is_empty() || lower.len() < 5 {
            return false;
        }
        self.segment_from(lower, out) && out.len() > 1
    }

    fn segment_from(&self, rest: &str, out: &mut Vec<Entry>) -> bool {
        let Some(first) = rest.chars().next() else {
            return true;
        };
        let Some(list) = self.morphemes.get(&first) else {
            return false;
        };
        for (form, entry) in list {
            if let Some(tail) = rest.strip_prefix(&**form) {
                out.push(*entry);
                if self.segment_from(tail, out) {
                    return true;
                }
                out.pop();
            }
        }
        false
    }
}

/// The first two characters (`'\0'` for a missing second one).
fn first_two(mut chars: impl Iterator<Item = char>) -> [char; 2] {
    [chars.next().unwrap_or('\0'), chars.next().unwrap_or('\0')]
}

/// Number word tables for every covered language, compiled once. `Sync`: share it by reference.
#[derive(Debug)]
pub struct Numbers {
    langs: Vec<Lang>,
    fallback: Lang,
}

impl Default for Numbers {
    fn default() -> Self {
        Numbers::new()
    }
}

impl Numbers {
    /// Compiles the tables of all [`LANGUAGES`].
    pub fn new() -> Numbers {
        Numbers {
            langs: tables::TABLES
                .iter()
                .map(|(code, table)| Lang::build(code, table))
                .collect(),
            fallback: Lang::build("und", ""),
        }
    }

    /// The tables of `lang`; an uncovered language ("und") gets digits only, with separators
    /// guessed from the digits.
    pub(crate) fn lang(&self, lang: &str) -> &Lang {
        self.langs
            .iter()
            .find(|l| l.code == lang)
            .unwrap_or(&self.fallback)
    }

    /// Reads a whole surface form as a number ("100.000", "drei Millionen", "1,2M", "двести
    /// пять"); `None` when some of it is not part of the number.
    pub fn parse(&self, surface: &str, lang: &str) -> Option<f64> {
        let lang = self.lang(lang);
        let mut toks = Vec::new();
        tokenize_into(surface, &mut toks);
        let mut scratch = Scratch::default();
        let mut start = 0;
        let mut sign = 1.0;
        // A leading minus: "-5", "- 1.200.000", "minus 5".
        if let Some(t) = toks.first() {
            if t.kind == TokKind::Punct && matches!(t.text(surface), "-" | "−" | "–") {
                sign = -1.0;
                start = 1;
            } else if t.kind == TokKind::Word {
                lower_into(t.text(surface), &mut scratch.lower);
                if lang
                    .word(&scratch.lower)
                    .is_some_and(|e| e.kind == Kind::Neg)
                {
                    sign = -1.0;
                    start = 1;
                }
            }
        }
        let mut end = toks.len();
        // "forty-five (45)": a repeat in brackets is not part of the number.
        if end >= 3
            && toks[end - 1].text(surface) == ")"
            && let Some(open) = toks.iter().rposition(|t| t.text(surface) == "(")
            && open > start
        {
            end = open;
        }
        // "a couple of", "a dozen of".
        if end > start + 1 && toks[end - 1].text(surface).eq_ignore_ascii_case("of") {
            end -= 1;
        }
        let slice = &toks[..end];
        // "1/5": a fraction.
        if end == start + 3
            && slice[start].kind == TokKind::Digits
            && slice[start + 1].text(surface) == "/"
            && slice[start + 2].kind == TokKind::Digits
        {
            let a = parse_digits(slice[start].text(surface), lang.style)?.value;
            let b = parse_digits(slice[start + 2].text(surface), lang.style)?.value;
            return (b != 0.0).then(|| sign * a / b);
        }
        let at = At {
            text: surface,
            toks: slice,
            start,
            limit: end,
        };
        let read = self.read(lang, at, true, &mut scratch)?;
        (read.end == end).then_some(sign * read.value)
    }

    /// Reads the number that starts at `at.start` (tokens of `at.text`), not reading past
    /// `at.limit`. `strict` is for whole surface forms: words that are numbers only on their own
    /// ("few", "keiner", a lone article) are accepted.
    ///
    /// Token by token: digits ([`Reader::digits`], with space-grouped thousands and a glued
    /// multiplier), a hyphen inside spelled-out numbers ([`Reader::hyphen`]), and number words
    /// ([`Reader::word`]: value, scale, connector, vague and point words); then
    /// [`Reader::finish`] makes the result.
    pub(crate) fn read(
        &self,
        lang: &Lang,
        at: At<'_>,
        strict: bool,
        scratch: &mut Scratch,
    ) -> Option<NumRead> {
        let mut reader = Reader {
            numbers: self,
            lang,
            at,
            strict,
            state: Reading::at(at.start),
        };
        while reader.state.j < at.limit {
            let flow = match at.toks[reader.state.j].kind {
                TokKind::Digits => reader.digits(scratch),
                TokKind::Punct => reader.hyphen(),
                TokKind::Word => reader.word(scratch),
            };
            match flow {
                Flow::Next => {}
                Flow::Stop => break,
                Flow::Fail => return None,
            }
        }
        reader.finish()
    }

    /// Reads decimals after a point word: digits ("1 point 1", "komma 15") or words ("point
    /// seven seven"). Returns the fraction and the token after it.
    fn read_decimals(
        &self,
        lang: &Lang,
        text: &str,
        toks: &[Tok],
        k: usize,
        limit: usize,
        scratch: &mut Scratch,
    ) -> Option<(f64, usize)> {
        let tok = toks.get(k).filter(|_| k < limit)?;
        if tok.kind == TokKind::Digits {
            let s = tok.text(text);
            if !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let v: f64 = s.parse().ok()?;
            return Some((v / 10f64.powi(s.len() as i32), k + 1));
        }
        // Words: read up to the next non-value word, as an integer below a thousand.
        let mut acc = Acc::default();
        let mut j = k;
        while j < limit && toks[j].kind == TokKind::Word {
            lower_into(toks[j].text(text), &mut scratch.lower);
            let Some(e) = lang.word(&scratch.lower) else {
                if lang.segment(&scratch.lower, &mut scratch.parts) {
                    let parts = std::mem::take(&mut scratch.parts);
                    let mut ok = true;
                    let mut conn = false;
                    for p in &parts {
                        match p.kind {
                            Kind::Value => ok &= acc.add_value(p.value, conn, lang.code),
                            Kind::Hundred => ok &= acc.hundred(p.value),
                            Kind::Connector => {
                                conn = true;
                                continue;
                            }
                            _ => ok = false,
                        }
                        conn = false;
                    }
                    scratch.parts = parts;
                    if !ok {
                        break;
                    }
                    j += 1;
                    continue;
                }
                break;
            };
            let ok = match e.kind {
                Kind::Value | Kind::Article => acc.add_value(e.value, false, lang.code),
                Kind::Hundred => acc.hundred(e.value),
                _ => false,
            };
            if !ok {
                break;
            }
            j += 1;
        }
        if j == k {
            return None;
        }
        let v = acc.value();
        let digits = if v < 1.0 {
            1
        } else {
            (v.log10().floor() as i32) + 1
        };
        Some((v / 10f64.powi(digits), j))
    }
}

/// The outcome of reading a number in running text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct NumRead {
    /// The value (the lower bound of a vague expression).
    pub value: f64,
    /// Token after the number.
    pub end: usize,
    /// Only an article was read ("a", "un"): one, if a unit follows.
    pub article_only: bool,
    /// "tens of thousands", "тысячи": vague.
    pub vague: bool,
    /// Starts with digits.
    pub digits_first: bool,
    /// Holds a scale word or suffix ("100 ribu", "1,5 Mio.").
    pub scaled: bool,
    /// The last scale applied (1 when none).
    pub scale: f64,
}

/// Where a number is read: the tokens of a text, from `start`, never at or past `limit`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct At<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub toks: &'a [Tok],
    /// The token the number starts at.
    pub start: usize,
    /// The first token the number may not use.
    pub limit: usize,
}

/// What [`Numbers::read`] does after a token.
enum Flow {
    /// Goes on with the next token.
    Next,
    /// The number ended before this token.
    Stop,
    /// What was read is no number.
    Fail,
}

/// The state of one [`Numbers::read`].
struct Reading {
    acc: Acc,
    /// The token being read.
    j: usize,
    /// The token after the number read so far.
    end: usize,
    /// The number began with an article ("a", "un").
    first_article: bool,
    /// A vague number ("tens", "several") and its value so far.
    vague: Option<f64>,
    digits_first: bool,
    words_seen: bool,
    /// A connector ("and", "und") was read and waits for a number part.
    pending_connector: bool,
}

impl Reading {
    /// Nothing read yet, at token `start`.
    fn at(start: usize) -> Reading {
        Reading {
            acc: Acc::default(),
            j: start,
            end: start,
            first_article: false,
            vague: None,
            digits_first: false,
            words_seen: false,
            pending_connector: false,
        }
    }
}

/// One [`Numbers::read`] at work: where it reads, by which rules, and its state.
struct Reader<'a> {
    numbers: &'a Numbers,
    lang: &'a Lang,
    at: At<'a>,
    strict: bool,
    state: Reading,
}

impl Reader<'_> {
    /// A run of digits (with space-grouped thousands: "100 000"), then a multiplier glued to it
    /// ("100K", "1,2M", "3bn").
    fn digits(&mut self, scratch: &mut Scratch) -> Flow {
        let At { toks, start: i, .. } = self.at;
        let j = self.state.j;
        if j > i && toks[j].space && toks[j - 1].kind == TokKind::Digits {
            // Space-grouped thousands are merged below; two digit runs otherwise end.
            return Flow::Stop;
        }
        let Some((value, k)) = self.grouped_digits(j) else {
            return Flow::Stop;
        };
        let st = &mut self.state;
        if st.acc.only_article() {
            // "a 63-year-old": an article does not join digits.
            return Flow::Stop;
        }
        if st.acc.is_empty() && !st.words_seen {
            st.digits_first = true;
        } else if value >= 1000.0 || value.fract() != 0.0 && !st.acc.is_empty() {
            return Flow::Stop;
        }
        if !st
            .acc
            .add_value(value, st.pending_connector, self.lang.code)
        {
            return Flow::Stop;
        }
        st.acc.digits_last = true;
        st.pending_connector = false;
        st.j = k;
        st.end = k;
        self.glued_multiplier(scratch);
        Flow::Next
    }

    /// The value of the digits at token `j` with the groups of three that follow after a space,
    /// where the language groups with spaces (or a no-break / thin space anywhere): "100 000",
    /// "6 700,54". Returns the value and the token after it.
    fn grouped_digits(&self, j: usize) -> Option<(f64, usize)> {
        let At {
            text, toks, limit, ..
        } = self.at;
        let style = self.lang.style;
        let mut d = parse_digits(toks[j].text(text), style)?;
        let mut k = j + 1;
        let first_group = d.plain && d.value < 1000.0;
        while k < limit
            && toks[k].kind == TokKind::Digits
            && first_group
            && d.plain
            && group_gap(
                text,
                toks[k - 1].end,
                toks[k].start,
                style,
                matches!(self.lang.code, "es" | "it"),
            )
        {
            let next = toks[k].text(text);
            let int_len = next.find([',', '.']).unwrap_or(next.len());
            if int_len != 3 || !next.bytes().all(|b| b.is_ascii_digit() || b == b',') {
                break;
            }
            let Some(g) = parse_digits(next, Style::Space) else {
                break;
            };
            d.value = d.value * 1000.0 + g.value;
            d.plain = g.plain;
            k += 1;
        }
        Some((d.value, k))
    }

    /// "100K", "1,2M", "3bn", "5 тыс": a multiplier glued to the digits just read.
    fn glued_multiplier(&mut self, scratch: &mut Scratch) {
        let At {
            text, toks, limit, ..
        } = self.at;
        let j = self.state.j;
        if j >= limit || toks[j].space || toks[j].kind != TokKind::Word {
            return;
        }
        let suffix = toks[j].text(text);
        let mult = match suffix {
            "k" | "K" | "к" | "К" => Some(1e3),
            "M" | "М" => Some(1e6),
            "G" | "Г" if self.strict => Some(1e9),
            _ => {
                lower_into(suffix, &mut scratch.lower);
                self.lang
                    .word(&scratch.lower)
                    .filter(|e| e.kind == Kind::Scale)
                    .map(|e| e.value)
                    .or(match scratch.lower.as_str() {
                        "bn" => Some(1e9),
                        "mn" | "mln" => Some(1e6),
                        _ => None,
                    })
            }
        };
        if let Some(mult) = mult {
            self.state.acc.scale(mult);
            self.state.j += 1;
            self.state.end = self.state.j;
        }
    }

    /// "twenty-one", "quatre-vingt": a hyphen inside a spelled-out number is skipped; any other
    /// punctuation ends the number.
    fn hyphen(&mut self) -> Flow {
        let At {
            text, toks, limit, ..
        } = self.at;
        let j = self.state.j;
        let tok = toks[j];
        if matches!(tok.text(text), "-" | "‐")
            && !tok.space
            && self.state.words_seen
            && j + 1 < limit
            && !toks[j + 1].space
            && toks[j + 1].kind == TokKind::Word
        {
            self.state.j += 1;
            return Flow::Next;
        }
        Flow::Stop
    }

    /// A word: its number parts (one entry, or the segments of a compound like
    /// "einundzwanzig") applied whole or not at all, then what may follow a vague word ("tens of
    /// thousands"), a trailing connector, or a point word's decimals.
    fn word(&mut self, scratch: &mut Scratch) -> Flow {
        let At { text, toks, .. } = self.at;
        let j = self.state.j;
        lower_into(toks[j].text(text), &mut scratch.lower);
        let single;
        let entries: &[Entry] = match self.lang.word(&scratch.lower) {
            Some(e) => {
                single = [e];
                &single
            }
            None if self.lang.segment(&scratch.lower, &mut scratch.parts) => &scratch.parts,
            None => return Flow::Stop,
        };
        let Some((trial, conn, point)) = self.parts(entries, &scratch.lower) else {
            return Flow::Stop;
        };
        if let Some(v) = self.state.vague
            && trial.is_empty()
        {
            self.vague_scale(v, scratch);
            return Flow::Stop;
        }
        let st = &mut self.state;
        if conn && !point {
            // A trailing connector joins only if a number part follows.
            st.pending_connector = true;
            st.acc = trial;
            st.j += 1;
            return Flow::Next;
        }
        st.acc = trial;
        st.acc.digits_last = false;
        st.pending_connector = false;
        st.words_seen = true;
        st.j += 1;
        st.end = st.j;
        if point {
            return self.decimals(scratch);
        }
        Flow::Next
    }

    /// Applies the parts of one word to a copy of the number read so far: the new state, whether
    /// a connector is pending after it, and whether it was a point word; `None` when the word
    /// cannot continue the number. Vague words and a leading article are noted in the state.
    fn parts(&mut self, entries: &[Entry], lower: &str) -> Option<(Acc, bool, bool)> {
        let code = self.lang.code;
        let strict = self.strict;
        let first_token = self.state.j == self.at.start;
        let st = &mut self.state;
        let mut trial = st.acc;
        let mut conn = st.pending_connector;
        let mut ok = true;
        let mut point = false;
        for (n, e) in entries.iter().enumerate() {
            let at_start = trial.is_empty() && st.vague.is_none() && n == 0 && first_token;
            match e.kind {
                Kind::Value => ok = trial.add_value(e.value, conn, code),
                Kind::Hundred if at_start && e.vague && !strict && entries.len() == 1 => {
                    st.vague = Some(e.value);
                }
                Kind::Hundred => ok = trial.hundred(e.value),
                Kind::Mult => ok = trial.mult(e.value),
                Kind::Teen => ok = trial.teen(e.value),
                Kind::Scale | Kind::Dozen if at_start && e.vague && entries.len() == 1 => {
                    st.vague = Some(e.value);
                }
                Kind::Scale => {
                    // "tysięcy Ukraińców": a Slavic scale opens a number only in its
                    // dictionary form ("тысяча солдат").
                    if at_start && !strict && !bare_scale_ok(code, lower) {
                        ok = false;
                    } else {
                        trial.scale(e.value);
                    }
                }
                Kind::Dozen => trial.dozen(e.value),
                Kind::Vague if at_start || st.vague.is_some() => {
                    st.vague = Some(st.vague.unwrap_or(1.0) * e.value);
                }
                Kind::Vague => ok = false,
                Kind::Connector => {
                    // Leading connectors are not numbers; inside a word ("einundzwanzig")
                    // they always join.
                    if trial.is_empty() && n == 0 {
                        ok = false;
                    }
                    conn = true;
                    continue;
                }
                Kind::Article => {
                    if trial.is_empty() && n == 0 && first_token {
                        st.first_article = true;
                        trial.article = true;
                    } else if entries.len() > 1 || conn || code == "fr" && trial.pending == 80.0 {
                        // "vingt et un", "einundzwanzig".
                        ok = trial.add_value(1.0, conn, code);
                    } else {
                        ok = false;
                    }
                }
                Kind::Weak => {
                    if (strict && trial.is_empty()) || trial.article {
                        trial.article = false;
                        ok = trial.add_value(e.value, false, code);
                    } else {
                        ok = false;
                    }
                }
                Kind::Frac => {
                    if trial.pending > 0.0 && conn {
                        trial.pending += e.value;
                    } else {
                        ok = false;
                    }
                }
                // In running text a point word needs a number before it, and Spanish "con"
                // ("1 con 5") is read only in whole surface forms.
                Kind::Point if !strict && (trial.is_empty() || lower == "con") => ok = false,
                Kind::Point => {
                    // "una punto cinco": in a whole form, an article before a point word is the
                    // number one.
                    if trial.only_article() {
                        trial.article = false;
                        ok = trial.add_value(1.0, false, code);
                    }
                    point = true;
                }
                Kind::Neg => ok = false,
            }
            conn = false;
            if !ok || point {
                break;
            }
        }
        if !ok {
            return None;
        }
        Some((trial, conn, point))
    }

    /// After a vague word: "of"/"de" and a larger scale multiply it ("tens of thousands",
    /// "dizaines de milliers").
    fn vague_scale(&mut self, v: f64, scratch: &mut Scratch) {
        let At {
            text, toks, limit, ..
        } = self.at;
        let st = &mut self.state;
        st.j += 1;
        st.end = st.j;
        let mut k = st.j;
        if k < limit && toks[k].kind == TokKind::Word {
            lower_into(toks[k].text(text), &mut scratch.lower);
            if matches!(scratch.lower.as_str(), "of" | "de" | "di" | "d'" | "van") {
                k += 1;
            }
        }
        if k < limit && toks[k].kind == TokKind::Word {
            lower_into(toks[k].text(text), &mut scratch.lower);
            if let Some(e) = self.lang.word(&scratch.lower)
                && matches!(e.kind, Kind::Scale | Kind::Hundred)
                && e.value > v
            {
                st.vague = Some(v * e.value);
                st.j = k + 1;
                st.end = st.j;
            }
        }
    }

    /// The decimals after a point word, read digit by digit ("1 цяло и 1", "two point two
    /// million"); a point word without them makes no number.
    fn decimals(&mut self, scratch: &mut Scratch) -> Flow {
        let At {
            text, toks, limit, ..
        } = self.at;
        let lang = self.lang;
        let mut k = self.state.j;
        if k >= limit {
            return Flow::Fail;
        }
        // "1 цяло и 1".
        if toks[k].kind == TokKind::Word {
            lower_into(toks[k].text(text), &mut scratch.lower);
            if lang
                .word(&scratch.lower)
                .is_some_and(|e| e.kind == Kind::Connector)
                && k + 1 < limit
            {
                k += 1;
            }
        }
        let Some(frac) = self
            .numbers
            .read_decimals(lang, text, toks, k, limit, scratch)
        else {
            return Flow::Fail;
        };
        let st = &mut self.state;
        st.acc.pending += frac.0;
        st.j = frac.1;
        st.end = st.j;
        // "two point two million".
        let j = st.j;
        if j < limit && toks[j].kind == TokKind::Word {
            lower_into(toks[j].text(text), &mut scratch.lower);
            if let Some(e) = lang.word(&scratch.lower)
                && e.kind == Kind::Scale
            {
                st.acc.scale(e.value);
                st.j += 1;
                st.end = st.j;
            }
        }
        Flow::Next
    }

    /// The number read: a vague one only before a scale ("kilka tysięcy", not "kilka"), none
    /// when nothing was read.
    fn finish(self) -> Option<NumRead> {
        let st = self.state;
        if let Some(v) = st.vague {
            if v < 10.0 {
                return None;
            }
            return Some(NumRead {
                value: v,
                end: st.end,
                article_only: false,
                vague: true,
                digits_first: false,
                scaled: true,
                scale: v,
            });
        }
        if st.end == self.at.start {
            return None;
        }
        Some(NumRead {
            value: st.acc.value(),
            end: st.end,
            article_only: st.first_article && st.acc.only_article(),
            vague: false,
            digits_first: st.digits_first,
            scaled: st.acc.scaled,
            scale: if st.acc.scaled {
                st.acc.last_scale
            } else {
                1.0
            },
        })
    }
}

/// The running state of a number being read.
#[derive(Clone, Copy, Debug, Default)]
struct Acc {
    /// Completed scale groups.
    total: f64,
    /// The current group's hundreds.
    group: f64,
    /// The current group's value below a hundred.
    pending: f64,
    /// Something was read.
    any: bool,
    /// The last scale applied.
    last_scale: f64,
    /// A scale was applied.
    scaled: bool,
    /// Only an article so far.
    article: bool,
    /// The last part read was digits.
    digits_last: bool,
}

impl Acc {
    fn is_empty(&self) -> bool {
        !self.any
    }

    fn only_article(&self) -> bool {
        !self.any && self.article
    }

    fn value(&self) -> f64 {
        let rest = self.group + self.pending;
        if !self.any && self.article {
            return 1.0;
        }
        self.total + rest
    }

    fn unit_or_one(&mut self) -> f64 {
        let v = self.group + self.pending;
        if v == 0.0 { 1.0 } else { v }
    }

    /// Adds a value word or digits; false when it cannot continue this number.
    fn add_value(&mut self, v: f64, connector: bool, lang: &str) -> bool {
        if self.article && !self.any {
            // "einunddreißig": the article is the unit.
            self.pending = 1.0;
            self.any = true;
        }
        self.article = false;
        if !self.any {
            if (100.0..1000.0).contains(&v) && v.fract() == 0.0 {
                self.group = v;
            } else {
                self.pending = v;
            }
            self.any = true;
            return true;
        }
        let p = self.pending;
        if v >= 100.0 {
            // A whole hundred ("trescientos", "двести") starts a group.
            if self.group == 0.0 && p == 0.0 && v < 1000.0 {
                self.group = v;
                return true;
            }
            return false;
        }
        if p == 0.0 {
            self.pending = v;
            return true;
        }
        let tens = (10.0..100.0).contains(&p) && p % 10.0 == 0.0;
        if tens && (1.0..10.0).contains(&v) {
            self.pending = p + v;
            return true;
        }
        // French: soixante-dix, quatre-vingt-douze.
        if lang == "fr" {
            if (p == 60.0 || p == 80.0) && (10.0..20.0).contains(&v) {
                self.pending = p + v;
                return true;
            }
            if p == 4.0 && v == 20.0 {
                self.pending = 80.0;
                return true;
            }
        }
        // Unit before tens: "drei und dreißig", "drie en dertig", "pet in dvajset".
        if connector && p < 10.0 && v >= 20.0 && v % 10.0 == 0.0 {
            self.pending = p + v;
            return true;
        }
        // English "one twenty two" (122), in words only.
        if lang == "en"
            && !connector
            && !self.digits_last
            && p < 10.0
            && v >= 10.0
            && self.group == 0.0
        {
            self.group = p * 100.0;
            self.pending = v;
            return true;
        }
        false
    }

    fn hundred(&mut self, mult: f64) -> bool {
        self.article = false;
        if self.group != 0.0 {
            return false;
        }
        let unit = if self.pending == 0.0 {
            1.0
        } else {
            self.pending
        };
        self.group = unit * mult;
        self.pending = 0.0;
        self.any = true;
        true
    }

    fn mult(&mut self, mult: f64) -> bool {
        if self.pending >= 1.0 && self.pending < 10.0 {
            self.pending *= mult;
            true
        } else {
            false
        }
    }

    fn teen(&mut self, add: f64) -> bool {
        if self.pending >= 1.0 && self.pending < 10.0 {
            self.pending += add;
            true
        } else {
            false
        }
    }

    fn scale(&mut self, scale: f64) {
        self.article = false;
        let unit = self.unit_or_one();
        if self.total > 0.0 && scale > self.last_scale {
            // "three thousand millions".
            self.total = (self.total + self.group + self.pending) * scale;
        } else {
            self.total += unit * scale;
        }
        self.group = 0.0;
        self.pending = 0.0;
        self.last_scale = scale;
        self.any = true;
        self.scaled = true;
    }

    fn dozen(&mut self, mult: f64) {
        self.article = false;
        let so_far = self.total + self.group + self.pending;
        self.total = if so_far == 0.0 { mult } else { so_far * mult };
        self.group = 0.0;
        self.pending = 0.0;
        self.any = true;
    }
}

/// Whether a scale word may open a number in running text without a number before it.
fn bare_scale_ok(lang: &str, lower: &str) -> bool {
    match lang {
        "pl" | "cs" | "sl" | "bg" | "ru" | "uk" => matches!(
            lower,
            "тысяча"
                | "тисяча"
                | "tysiąc"
                | "tisíc"
                | "tisoč"
                | "хиляда"
                | "миллион"
                | "мільйон"
                | "milion"
                | "milijon"
                | "милион"
                | "миллиард"
                | "мільярд"
                | "miliard"
                | "milijarda"
                | "милиард"
        ),
        _ => true,
    }
}

/// Reusable buffers for reading, so that reading allocates nothing per token.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// The current word, lowercased.
    pub lower: String,
    /// Segmented parts of a one-word numeral.
    pub parts: Vec<Entry>,
}

/// Whether the gap between two digit runs is a thousands space: a no-break or thin space, or a
/// plain space where the language groups digits with spaces.
fn group_gap(text: &str, from: u32, to: u32, style: Style, space_groups: bool) -> bool {
    match text.get(from as usize..to as usize) {
        Some("\u{a0}" | "\u{202f}" | "\u{2009}") => true,
        Some(" ") => style == Style::Space || space_groups,
        _ => false,
    }
}

/// A digit run read as a number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Digits {
    /// Its value.
    pub value: f64,
    /// Without any separator.
    pub plain: bool,
}

/// Reads digits with separators ("40.000", "1,5", "1.000.000,00", ",77") in a language's style;
/// `None` when the separators are inconsistent ("3.2.1", "01.10.2021").
pub(crate) fn parse_digits(s: &str, style: Style) -> Option<Digits> {
    let bytes = s.as_bytes();
    if bytes.is_empty() || !bytes.iter().any(u8::is_ascii_digit) {
        return None;
    }
    let dots = bytes.iter().filter(|&&b| b == b'.').count();
    let commas = bytes.iter().filter(|&&b| b == b',').count();
    if dots + commas == 0 {
        return Some(Digits {
            value: s.parse().ok()?,
            plain: true,
        });
    }
    // Which separator is the decimal one, if any.
    let decimal: Option<u8> = if dots > 0 && commas > 0 {
        let last = bytes.iter().rposition(|&b| b == b'.' || b == b',')?;
        let d = bytes[last];
        let count = if d == b'.' { dots } else { commas };
        if count != 1 {
            return None;
        }
        Some(d)
    } else {
        let sep = if dots > 0 { b'.' } else { b',' };
        let count = dots + commas;
        let last = bytes.iter().rposition(|&b| b == sep)?;
        let tail = bytes.len() - last - 1;
        let int_part = &s[..last];
        if count > 1 {
            None
        } else if int_part.is_empty() || int_part == "0" || int_part == "-0" {
            Some(sep)
        } else {
            let own_decimal = match style {
                Style::Comma => b'.',
                Style::Dot | Style::Space => b',',
                Style::Guess => 0,
            };
            if sep == own_decimal {
                // Space-grouping languages see "100,000" as grouping (Duckling's PL, BG).
                if style == Style::Space
                    && tail == 3
                    && int_part.len() <= 3
                    && !int_part.starts_with('0')
                {
                    None
                } else {
                    Some(sep)
                }
            } else if tail == 3 && !int_part.starts_with('0') {
                None
            } else {
                Some(sep)
            }
        }
    };
    let mut int = 0f64;
    let mut frac = 0f64;
    let mut scale = 1f64;
    let mut in_frac = false;
    let mut group_len = 0usize;
    let mut first_group = true;
    for &b in bytes {
        match b {
            b'0'..=b'9' => {
                let d = f64::from(b - b'0');
                if in_frac {
                    scale /= 10.0;
                    frac += d * scale;
                } else {
                    int = int * 10.0 + d;
                    group_len += 1;
                }
            }
            _ if Some(b) == decimal => {
                if !first_group && group_len != 3 {
                    return None;
                }
                in_frac = true;
            }
            _ => {
                // A grouping separator: groups after the first hold three digits.
                if first_group {
                    if group_len == 0 || group_len > 3 {
                        return None;
                    }
                } else if group_len != 3 {
                    return None;
                }
                first_group = false;
                group_len = 0;
            }
        }
    }
    if !in_frac && !first_group && group_len != 3 {
        return None;
    }
    Some(Digits {
        value: int + frac,
        plain: false,
    })
}

/// What a token of [`tokenize_into`] is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (with inner apostrophes).
    Word,
    /// Digits with inner `.`/`,` separators, or a leading one (".77").
    Digits,
    /// One other visible character.
    Punct,
}

/// A token: a byte range of the text, its kind, and whether whitespace precedes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// What it is made of.
    pub kind: TokKind,
    /// Whitespace (or the text start) comes right before it.
    pub space: bool,
}

impl Tok {
    /// Its text (never panics).
    pub(crate) fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// Splits `text` into words, digit runs and single punctuation characters (into `out`, cleared
/// first). Unlike [`crate::tokenize`] it keeps hyphens, letters and digits apart ("COVID-19",
/// "100K", "10-20" are three tokens each) and records spacing, which number reading needs.
pub(crate) fn tokenize_into(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut space = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_whitespace() || b < 0x20 {
                space = true;
                i += 1;
                continue;
            }
            if b.is_ascii_digit()
                || (b == b'.' || b == b',')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            {
                let start = i;
                i += 1;
                while i < bytes.len() {
                    let c = bytes[i];
                    if c.is_ascii_digit()
                        || (c == b'.' || c == b',')
                            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    {
                        i += 1;
                    } else {
                        break;
                    }
                }
                out.push(Tok {
                    start: start as u32,
                    end: i as u32,
                    kind: TokKind::Digits,
                    space,
                });
                space = false;
                continue;
            }
            if b.is_ascii_alphabetic() {
                let start = i;
                i = word_end(text, i);
                push_word(start, i, text, out, space);
                space = false;
                continue;
            }
            out.push(Tok {
                start: i as u32,
                end: i as u32 + 1,
                kind: TokKind::Punct,
                space,
            });
            space = false;
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' {
            space = true;
            i += len;
            continue;
        }
        if is_letter(c) {
            let start = i;
            i = word_end(text, i);
            push_word(start, i, text, out, space);
            space = false;
            continue;
        }
        out.push(Tok {
            start: i as u32,
            end: (i + len) as u32,
            kind: TokKind::Punct,
            space,
        });
        space = false;
        i += len;
    }
}

/// Pushes the word `start..end`, splitting off a Romance elision.
fn push_word(start: usize, end: usize, text: &str, out: &mut Vec<Tok>, space: bool) {
    // Romance elisions are words of their own: "d'euros" is "d'" and "euros".
    if let Some(cut) = elision_end(&text[start..end]).map(|cut| start + cut) {
        out.push(Tok {
            start: start as u32,
            end: cut as u32,
            kind: TokKind::Word,
            space,
        });
        out.push(Tok {
            start: cut as u32,
            end: end as u32,
            kind: TokKind::Word,
            space: false,
        });
        return;
    }
    out.push(Tok {
        start: start as u32,
        end: end as u32,
        kind: TokKind::Word,
        space,
    });
}

/// The end of the word starting at `i`: letters, joined by inner apostrophes.
fn word_end(text: &str, i: usize) -> usize {
    let mut end = i;
    let mut chars = text[i..].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        if is_letter(c) {
            end = i + off + c.len_utf8();
        } else if is_apostrophe(c) && chars.peek().is_some_and(|&(_, n)| is_letter(n)) {
            continue;
        } else {
            break;
        }
    }
    end
}

/// Lowercases `s` into `buf`, writing every apostrophe as `'`.
pub(crate) fn lower_into(s: &str, buf: &mut String) {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        if is_apostrophe(c) {
            buf.push('\'');
        } else {
            buf.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests;
