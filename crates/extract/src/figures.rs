//! Finding figures in running text: a number (or range) with how it is qualified, its unit or
//! currency, and the thing it counts ("more than 13,000 dead", "sekitar 50 orang tewas", "between
//! 80,000 and 100,000 troops", "1,5 Mio. Euro", "12%", "$2 billion", "tens of thousands of
//! troops").
//!
//! One pass over the text's tokens: at each token that can start a number, [`crate::numbers`]
//! reads it, then the words around it are looked up in per-language tables compiled once into
//! [`FigureTables`] ([`lexicon`]): qualifiers on the left ("more than", "mindestens", "около"),
//! a second number of a range, units and currencies (as ISO 4217 codes), and the counted noun. The
//! counted noun is chosen per language family: the last word of the noun phrase in English and
//! Dutch ("three airborne divisions"), the first capitalised word in German ("29 ukrainische
//! Soldaten"), the first word in Romance languages and Indonesian ("40.000 tentara Rusia"), the
//! first word that does not look like an adjective in Slavic languages. Its base form comes from
//! short suffix rules per language ([`base_form`]): fast and usually right for plural nouns
//! ("troops" -> "troop", "Soldaten" -> "Soldat", "żołnierzy" -> "żołnierz"), but without a lexicon
//! they miss irregular forms ("people", "ludzi").
//!
//! Not figures: years (a four-digit number with no counted noun, or after "in", "seit", "tahun"),
//! dates ("December 7", "7. Dezember", "2 декабря"), ordinals ("2nd", "3.", "2-й"), times
//! ("10:30", "10 Uhr"), phone numbers and identifiers ("+49 30 1234", "COVID-19", "F-16"), and
//! section numbers ("Article 5", "§ 3", "Nr. 12"). A bare number with nothing to count is still a
//! figure ("94,000 were deployed"), with no counted noun.

mod lexicon;

use std::collections::{HashMap, HashSet};

use concord_model::{Figure, Qualifier, Span};

use crate::numbers::{
    At, Lang, NumRead, Numbers, Scratch, Style, Tok, TokKind, lower_into, tokenize_into,
};
use crate::tokenize::elision_end;
use lexicon::{
    CLOCK, GERMAN_ADJECTIVAL, IRREGULAR_PLURALS, LEXICONS, LONE_UNITS, LexiconText,
    PLURAL_SUFFIXES, UNITS,
};

const STOP: u16 = 1;
const MONTH: u16 = 2;
const YEAR_BEFORE: u16 = 4;
const YEAR_AFTER: u16 = 8;
const SECTION: u16 = 16;
const ORDINAL: u16 = 32;
const OF: u16 = 64;
const RANGE_AND: u16 = 128;
const RANGE_TO: u16 = 256;
const BETWEEN: u16 = 512;

/// The compiled word lists of one language.
#[derive(Debug)]
struct Lexicon {
    code: &'static str,
    flags: HashMap<Box<str>, u16>,
    /// Qualifier phrases (words), longest first.
    quals: Vec<(Vec<Box<str>>, Qualifier)>,
    /// "or more" phrases.
    or_more: Vec<Vec<Box<str>>>,
    /// Unit words that mean one unit without a number, to their unit ([`LONE_UNITS`]).
    lone: HashMap<Box<str>, &'static str>,
}

impl Lexicon {
    fn build(text: &LexiconText) -> Lexicon {
        let mut flags: HashMap<Box<str>, u16> = HashMap::new();
        let lists = [
            (text.stop, STOP),
            (text.year_before, YEAR_BEFORE),
            (text.year_after, YEAR_AFTER),
            (text.section, SECTION),
            (text.ordinal, ORDINAL),
            (text.of, OF),
            (text.range_and, RANGE_AND),
            (text.range_to, RANGE_TO),
            (text.between, BETWEEN),
        ];
        for (list, flag) in lists {
            for word in list
                .split('|')
                .filter(|w| !w.is_empty() && !w.contains(' '))
            {
                *flags.entry(word.into()).or_default() |= flag;
            }
        }
        // A number next to a month is a date: every single-word form of the language's months.
        let months = concord_lang::months::of(text.code);
        for form in months.into_iter().flat_map(|names| names.forms()) {
            if !form.text.contains(' ') {
                *flags.entry(form.text.into()).or_default() |= MONTH;
            }
        }
        let mut quals = Vec::new();
        for (list, q) in [
            (text.approx, Qualifier::Approximate),
            (text.at_least, Qualifier::AtLeast),
            (text.at_most, Qualifier::AtMost),
        ] {
            for phrase in list.split('|').filter(|p| !p.is_empty()) {
                quals.push((phrase_words(phrase), q));
            }
        }
        quals.sort_by_key(|q| std::cmp::Reverse(q.0.len()));
        let or_more = text
            .or_more
            .split('|')
            .filter(|p| !p.is_empty())
            .map(phrase_words)
            .collect();
        let mut lone = HashMap::new();
        for line in LONE_UNITS.lines() {
            let mut parts = line.split_whitespace();
            if parts.next() != Some(text.code) {
                continue;
            }
            let Some(unit) = parts.next() else {
                continue;
            };
            for form in parts {
                lone.insert(form.into(), unit);
            }
        }
        Lexicon {
            code: text.code,
            flags,
            quals,
            or_more,
            lone,
        }
    }

    fn flags(&self, lower: &str) -> u16 {
        self.flags.get(lower).copied().unwrap_or(0)
    }
}

/// The words of a phrase as the tokenizer sees them ("au-delà" is "au", "delà"; "jusqu'à" is
/// "jusqu'", "à"; "d'" stays).
fn phrase_words(phrase: &str) -> Vec<Box<str>> {
    phrase
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .flat_map(|w| {
            let cut = elision_end(w).unwrap_or(0);
            [&w[..cut], &w[cut..]]
        })
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').into())
        .collect()
}

/// Every table the figure finder needs, compiled once: number words ([`Numbers`]) and the word
/// lists around figures. `Sync`: build it once and share it by reference.
#[derive(Debug)]
pub struct FigureTables {
    numbers: Numbers,
    lexicons: Vec<Lexicon>,
    fallback: Lexicon,
    /// Lowercase unit or currency form to unit string.
    units: HashMap<Box<str>, &'static str>,
    /// First words of multi-word units ("per cent").
    unit_heads: HashSet<Box<str>>,
    clock: HashSet<&'static str>,
}

impl Default for FigureTables {
    fn default() -> Self {
        FigureTables::new()
    }
}

impl FigureTables {
    /// Compiles the tables of every covered language.
    pub fn new() -> FigureTables {
        let mut units = HashMap::new();
        let mut unit_heads = HashSet::new();
        for line in UNITS.lines() {
            let mut parts = line.split_whitespace();
            let Some(unit) = parts.next() else {
                continue;
            };
            let unit: &'static str = unit;
            for form in parts {
                let form = form.replace('_', " ");
                if let Some((head, _)) = form.split_once(' ') {
                    unit_heads.insert(head.into());
                }
                units.insert(form.into_boxed_str(), unit);
            }
        }
        FigureTables {
            numbers: Numbers::new(),
            lexicons: LEXICONS.iter().map(Lexicon::build).collect(),
            fallback: Lexicon::build(&LexiconText {
                code: "und",
                approx: "~",
                at_least: "",
                at_most: "",
                or_more: "",
                between: "",
                range_and: "",
                range_to: "",
                year_before: "",
                year_after: "",
                section: "",
                stop: "",
                ordinal: "",
                of: "",
            }),
            units,
            unit_heads,
            clock: CLOCK.split('|').collect(),
        }
    }

    /// The number tables inside, for [`Numbers::parse`].
    pub fn numbers(&self) -> &Numbers {
        &self.numbers
    }

    fn lexicon(&self, lang: &str) -> &Lexicon {
        self.lexicons
            .iter()
            .find(|l| l.code == lang)
            .unwrap_or(&self.fallback)
    }

    /// Whether a month name: English months only when capitalised ("May", not "may").
    fn is_month(&self, lx: &Lexicon, word: &str, lower: &str) -> bool {
        let month = |l: &Lexicon| l.flags(lower) & MONTH != 0;
        if lx.code == "en" || lx.code == "und" {
            let en = &self.lexicons[0];
            return month(en) && word.chars().next().is_some_and(char::is_uppercase);
        }
        month(lx) || month(&self.lexicons[0]) && word.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Whether `lang` has words around figures of its own (others get digits and units only).
#[cfg(test)]
pub(crate) fn has_words(lang: &str) -> bool {
    LEXICONS.iter().any(|l| l.code == lang)
}

/// The state of one pass over a document.
struct Pass<'a> {
    text: &'a str,
    toks: &'a [Tok],
    tables: &'a FigureTables,
    nl: &'a Lang,
    lx: &'a Lexicon,
    scratch: Scratch,
}

/// Finds the figures of `text` (a clean document in language `lang`, ISO 639-1; `und` or an
/// uncovered language reads digits only), each with the index of the sentence of `sentences` that
/// holds it. Figures come in text order.
pub fn find_figures(
    text: &str,
    sentences: &[Span],
    lang: &str,
    tables: &FigureTables,
) -> Vec<Figure> {
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, &mut toks);
    let mut pass = Pass {
        text,
        toks: &toks,
        tables,
        nl: tables.numbers.lang(lang),
        lx: tables.lexicon(lang),
        scratch: Scratch::default(),
    };
    let mut out = Vec::new();
    let mut sentence = 0usize;
    let mut limit_for = (usize::MAX, 0usize); // (sentence, token limit)
    let mut i = 0;
    while i < toks.len() {
        let start = toks[i].start;
        while sentence + 1 < sentences.len() && sentences[sentence].end <= start {
            sentence += 1;
        }
        if limit_for.0 != sentence {
            // Figures never reach past their sentence (or, between sentences, past the next one).
            let bound = match sentences.get(sentence) {
                Some(s) if s.start <= start => s.end,
                Some(s) => s.start,
                None => u32::MAX,
            };
            let mut k = i;
            while k < toks.len() && toks[k].start < bound {
                k += 1;
            }
            limit_for = (sentence, k.max(i + 1));
        }
        let limit = limit_for.1;
        if !pass.can_start(i) {
            i += 1;
            continue;
        }
        match pass.figure_at(i, limit, sentence as u32) {
            Step::Found(figure, next) => {
                out.push(figure);
                i = next.max(i + 1);
            }
            Step::Skip(next) => i = next.max(i + 1),
        }
    }
    out
}

/// A figure being read by [`Pass::figure_at`]: where it starts and ends (tokens), its value and
/// what is known of it so far.
#[derive(Clone, Copy, Debug)]
struct Draft {
    /// First token of the figure (a qualifier or currency included).
    left: usize,
    /// First token of the number.
    num_start: usize,
    /// Token after what was read so far.
    end: usize,
    value: f64,
    value_max: Option<f64>,
    unit: Option<&'static str>,
    qualifier: Qualifier,
}

/// What happened at one token.
enum Step {
    /// A figure, and the token after it.
    Found(Figure, usize),
    /// No figure; continue at this token.
    Skip(usize),
}

/// Whether a unit is an ISO 4217 currency code ("USD"), not a measure ("cup", "kg").
fn is_currency_code(unit: &str) -> bool {
    unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether a unit is money: a currency code or a currency without one ("cent", "dinar").
fn is_money(unit: &str) -> bool {
    is_currency_code(unit) || matches!(unit, "cent" | "dinar" | "riyal" | "rial")
}

/// A currency symbol before a number ("$10", "€ 20", "US$4.7").
fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₽" => "RUB",
        "₴" => "UAH",
        "₹" => "INR",
        "¢" => "cent",
        _ => return None,
    })
}

/// A currency code or abbreviation that may stand before a number ("USD 3", "Rp 20", "EUR29,99").
fn currency_prefix_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "USD" => "USD",
        "EUR" | "Euro" | "Евро" => "EUR",
        "GBP" => "GBP",
        "JPY" => "JPY",
        "CNY" => "CNY",
        "RUB" => "RUB",
        "UAH" | "грн" => "UAH",
        "INR" | "Rs" => "INR",
        "IDR" | "Rp" => "IDR",
        "BGN" => "BGN",
        "PLN" => "PLN",
        "CZK" => "CZK",
        "CHF" => "CHF",
        "CAD" => "CAD",
        "AUD" => "AUD",
        "MYR" | "RM" | "ringgit" | "ringgits" => "MYR",
        "MNT" => "MNT",
        "рублей" => "RUB",
        _ => return None,
    })
}

impl Pass<'_> {
    /// The number that starts at token `k` of the pass, not reading past `limit`.
    fn read_number(&mut self, k: usize, limit: usize) -> Option<NumRead> {
        let at = At {
            text: self.text,
            toks: self.toks,
            start: k,
            limit,
        };
        self.tables
            .numbers
            .read(self.nl, at, false, &mut self.scratch)
    }

    fn word(&mut self, k: usize) -> &str {
        lower_into(self.toks[k].text(self.text), &mut self.scratch.lower);
        &self.scratch.lower
    }

    fn is_word(&self, k: usize, limit: usize) -> bool {
        k < limit && k < self.toks.len() && self.toks[k].kind == TokKind::Word
    }

    fn punct(&self, k: usize) -> &str {
        match self.toks.get(k) {
            Some(t) if t.kind == TokKind::Punct => t.text(self.text),
            _ => "",
        }
    }

    /// Cheap test before reading: digits, a currency sign or code, or a number word.
    fn can_start(&mut self, i: usize) -> bool {
        let tok = self.toks[i];
        match tok.kind {
            TokKind::Digits => true,
            TokKind::Punct => currency_symbol(tok.text(self.text)).is_some(),
            TokKind::Word => {
                let raw = tok.text(self.text);
                if currency_prefix_word(raw).is_some() || raw == "US" {
                    return true;
                }
                if !self.lx.lone.is_empty() && self.lone_unit(i, usize::MAX).is_some() {
                    return true;
                }
                if !self.nl.may_be_number(raw) {
                    return false;
                }
                lower_into(raw, &mut self.scratch.lower);
                if self.nl.word(&self.scratch.lower).is_some() {
                    return true;
                }
                let lower = std::mem::take(&mut self.scratch.lower);
                let found = self.nl.segment(&lower, &mut self.scratch.parts);
                self.scratch.lower = lower;
                found
            }
        }
    }

    /// A unit or currency starting at token `k` (up to three words: "per cent", "cuillères à
    /// soupe"); the unit and the token after it.
    fn unit_at(&mut self, k: usize, limit: usize) -> Option<(&'static str, usize)> {
        if k >= limit {
            return None;
        }
        let tok = self.toks[k];
        let raw = tok.text(self.text);
        if tok.kind == TokKind::Punct {
            if raw == "%" {
                return Some(("%", k + 1));
            }
            return currency_symbol(raw).map(|u| (u, k + 1));
        }
        if tok.kind != TokKind::Word {
            return None;
        }
        // "3.14US$".
        if raw == "US" && self.punct(k + 1) == "$" && !self.toks[k + 1].space {
            return Some(("USD", k + 2));
        }
        // "1 k.g.", "1 k.gs".
        if raw == "k"
            && self.punct(k + 1) == "."
            && self.is_word(k + 2, limit)
            && matches!(self.toks[k + 2].text(self.text), "g" | "gs")
        {
            let next = if self.punct(k + 3) == "." {
                k + 4
            } else {
                k + 3
            };
            return Some(("kg", next));
        }
        // English "42 LE", "42 L.E.", "42 le": the Egyptian pound (only in English, where "le" is
        // no article).
        if self.lx.code == "en" {
            if matches!(raw, "LE" | "le") {
                return Some(("EGP", k + 1));
            }
            if matches!(raw, "L" | "l")
                && self.punct(k + 1) == "."
                && !self.toks[k + 1].space
                && self.is_word(k + 2, limit)
                && !self.toks[k + 2].space
                && matches!(self.toks[k + 2].text(self.text), "E" | "e")
            {
                let next = if self.punct(k + 3) == "." {
                    k + 4
                } else {
                    k + 3
                };
                return Some(("EGP", next));
            }
        }
        lower_into(raw, &mut self.scratch.lower);
        let head = self.scratch.lower.clone();
        if self.tables.unit_heads.contains(head.as_str()) {
            let mut phrase = head.clone();
            let mut j = k + 1;
            while j < limit && j < k + 3 && self.toks[j].kind == TokKind::Word {
                phrase.push(' ');
                phrase.push_str(self.word(j));
                if let Some(&u) = self.tables.units.get(phrase.as_str()) {
                    return Some((u, j + 1));
                }
                j += 1;
            }
        }
        let unit = *self.tables.units.get(head.as_str())?;
        // "two pounds of meat" weighs; "ten pounds" pays.
        if matches!(
            head.as_str(),
            "pound" | "pounds" | "libra" | "libras" | "livre" | "livres"
        ) {
            let of = self.is_word(k + 1, limit) && matches!(self.word(k + 1), "of" | "de" | "d'");
            return Some((if of { "lb" } else { "GBP" }, k + 1));
        }
        // Russian and Ukrainian "фунт": "фунт стерлингов" pays (read above as one unit), and so
        // does a bare "фунтов"; "2 фунта сахара", with the substance in the genitive, weighs.
        if matches!(head.as_str(), "фунт" | "фунта" | "фунтов" | "фунтів") {
            let mass = self.is_word(k + 1, limit) && {
                let next = self.toks[k + 1].text(self.text);
                let w = self.word(k + 1);
                substance_genitive(next, w)
            };
            return Some((if mass { "lb" } else { "GBP" }, k + 1));
        }
        // One-letter units only glued to the digits ("500g", "2 g."): a lone "g" or "m" in text
        // is rarely a unit. A spaced lower-case "c" is cents when nothing follows it ("10 c");
        // "10 C" is Celsius.
        if head.chars().count() == 1 && tok.space && !matches!(head.as_str(), "g" | "t" | "м" | "г")
        {
            let cents = raw == "c"
                && !self.is_word(k + 1, limit)
                && !(self.punct(k + 1) == "." && self.is_word(k + 2, limit));
            if !cents {
                return None;
            }
        }
        Some((unit, k + 1))
    }

    /// Tries to read a figure starting at token `i`: a currency before the number, the number,
    /// a unit after it, a range, cents, qualifiers, the counted noun; then the checks that make it
    /// no figure after all (a year, a time of day, part of a name, a pronoun).
    fn figure_at(&mut self, i: usize, limit: usize, sentence: u32) -> Step {
        if let Some(unit) = self.lone_unit(i, limit) {
            return self.lone_figure(i, unit, limit, sentence);
        }
        let Some((unit, num_start)) = self.currency_before(i, limit) else {
            return Step::Skip(i + 1);
        };
        let read = match self.number_at(i, num_start, unit, limit) {
            Ok(read) => read,
            Err(skip) => return skip,
        };
        let mut draft = Draft {
            left: i,
            num_start,
            end: read.end,
            value: read.value,
            value_max: None,
            unit,
            qualifier: Qualifier::Exact,
        };
        self.unit_after(&read, &mut draft, limit);
        self.range_of(&read, &mut draft, limit);
        self.cents_of(&mut draft, limit);
        self.qualify(&read, &mut draft, limit);
        let counted = self.counted_of(&read, &draft, limit);
        if let Some(next) = self.not_a_figure(&read, &draft, counted, limit) {
            return Step::Skip(next);
        }
        self.finish(&read, draft, counted, sentence)
    }

    /// A currency before the number ("$", "US$", "USD", "Rp."): the unit, if any, and where the
    /// number starts; `None` when a currency has no number right after it.
    fn currency_before(&self, i: usize, limit: usize) -> Option<(Option<&'static str>, usize)> {
        let toks = self.toks;
        let text = self.text;
        let mut unit: Option<&'static str> = None;
        let mut num_start = i;
        match toks[i].kind {
            TokKind::Punct => {
                unit = currency_symbol(toks[i].text(text));
                num_start = i + 1;
            }
            TokKind::Word => {
                let raw = toks[i].text(text);
                if raw == "US" && self.punct(i + 1) == "$" && !toks[i + 1].space {
                    unit = Some("USD");
                    num_start = i + 2;
                } else if let Some(u) = currency_prefix_word(raw) {
                    unit = Some(u);
                    num_start = i + 1;
                    // "Rs. 20", "Rp. 315,00".
                    if self.punct(num_start) == "." {
                        num_start += 1;
                    }
                }
            }
            TokKind::Digits => {}
        }
        // "$ -10" is not read; "$~10" neither: the number must follow.
        if unit.is_some() && (num_start >= limit || num_start >= toks.len()) {
            return None;
        }
        Some((unit, num_start))
    }

    /// The number at `num_start` (a fraction, digits or number words), unless it is none, an
    /// article without a unit, or digits that are no count (phone numbers, dates, identifiers):
    /// then the step to take instead.
    fn number_at(
        &mut self,
        i: usize,
        num_start: usize,
        unit: Option<&'static str>,
        limit: usize,
    ) -> Result<NumRead, Step> {
        let toks = self.toks;
        let read = match self.fraction_at(num_start, limit) {
            Some(read) => Some(read),
            None => self.read_number(num_start, limit),
        };
        let Some(read) = read else {
            return Err(Step::Skip(i + 1));
        };
        if read.article_only && unit.is_none() {
            // "a", "un", "ein": one only before a unit ("a dollar", "une tasse").
            match self.unit_at(read.end, limit) {
                Some((u, next))
                    if u != "%"
                        && toks[read.end].kind == TokKind::Word
                        && toks.get(next).is_none_or(|t| t.kind != TokKind::Digits) => {}
                _ => return Err(Step::Skip(i + 1)),
            }
        }
        if read.digits_first {
            if let Some(next) = self.not_a_count(i, num_start, &read, limit, unit.is_some()) {
                return Err(Step::Skip(next));
            }
        } else if self.date_next_to(num_start, read.end, limit) {
            return Err(Step::Skip(read.end));
        }
        Ok(read)
    }

    /// A unit right after the number: glued or spaced ("500g", "12 %"), after a scale word's dot
    /// ("1,5 Mio. Euro"), or after "of" ("20 millions d'euros").
    fn unit_after(&mut self, read: &NumRead, draft: &mut Draft, limit: usize) {
        let toks = self.toks;
        let mut end = draft.end;
        // "1,5 Mio. Euro", "5 тыс. рублей": the abbreviation's dot.
        if read.scaled && self.punct(end) == "." && !toks[end].space && end + 1 < limit {
            end += 1;
        }
        let mut after_unit = end;
        if draft.unit.is_none()
            && let Some((u, next)) = self.unit_at(end, limit)
        {
            draft.unit = Some(u);
            after_unit = next;
        } else if draft.unit.is_none()
            && read.scaled
            && self.is_word(end, limit)
            && self.lx.flags(self.word(end)) & OF != 0
            && let Some((u, next)) = self.unit_at(end + 1, limit)
            && u != "%"
        {
            // "20 millions d'euros", "2 milioni di dollari".
            draft.unit = Some(u);
            after_unit = next;
        }
        // Percent after a currency makes no sense; keep the currency.
        draft.end = end.max(after_unit);
    }

    /// A range: "80,000-100,000", "from 10 to 20", "between 80,000 and 100,000", "10-20 $"; then
    /// a unit after a number that has none yet ("10 kg").
    fn range_of(&mut self, read: &NumRead, draft: &mut Draft, limit: usize) {
        let left = draft.left;
        let between_before = left > 0 && self.is_word(left - 1, limit + 1) && {
            let w = self.word(left - 1).to_owned();
            self.lx.flags(&w) & BETWEEN != 0
        };
        if let Some((max, next, second_unit)) =
            self.range_after(draft.end, limit, between_before, read)
        {
            let mut low = draft.value;
            if !read.scaled && read.scale == 1.0 && max.1 > 1.0 && read.value * max.1 < max.0 {
                // "80 to 100 thousand", "7-9 lakh".
                low = read.value * max.1;
            }
            // A range grows; it does not jump three orders of magnitude ("2019 a $ 76 milioni").
            if max.0 > low && max.0 <= low * 1000.0 {
                draft.value = low;
                draft.value_max = Some(max.0);
                draft.end = next;
                if draft.unit.is_none() {
                    draft.unit = second_unit;
                }
                if between_before {
                    draft.left -= 1;
                }
            }
        }
        if draft.value_max.is_none()
            && draft.unit.is_none()
            && read.digits_first
            && let Some((u, next)) = self.unit_at(draft.end, limit)
        {
            draft.unit = Some(u);
            draft.end = next;
        }
    }

    /// Dollars and cents: "$20 and 43c", "20 dollars 43 cents", "1 доллар и 42 центов".
    fn cents_of(&mut self, draft: &mut Draft, limit: usize) {
        if let Some(u) = draft.unit
            && is_currency_code(u)
            && draft.value_max.is_none()
            && draft.value.fract() == 0.0
            && let Some((cents, next)) = self.cents_after(draft.end, limit)
        {
            draft.value += cents / 100.0;
            draft.end = next;
        }
    }

    /// Qualifiers on the left ("more than", "sekitar") and right ("or more", "10,000+"); a vague
    /// number ("tens of thousands") is approximate and spans up to ten times its value.
    fn qualify(&mut self, read: &NumRead, draft: &mut Draft, limit: usize) {
        let toks = self.toks;
        draft.qualifier = if read.vague {
            Qualifier::Approximate
        } else {
            Qualifier::Exact
        };
        if let Some((q, start)) = self.qualifier_before(draft.left) {
            draft.qualifier = q;
            draft.left = start;
        }
        if read.vague {
            draft.value_max = Some(read.value * 10.0);
            if draft.qualifier == Qualifier::Exact {
                draft.qualifier = Qualifier::Approximate;
            }
        }
        let end = draft.end;
        if self.punct(end) == "+" && !toks.get(end).is_some_and(|t| t.space) {
            draft.qualifier = Qualifier::AtLeast;
            draft.end += 1;
        } else if let Some(next) = self.or_more_after(end, limit) {
            draft.qualifier = Qualifier::AtLeast;
            draft.end = next;
        }
    }

    /// The token of the counted noun, if any (none for money and percentages).
    fn counted_of(&mut self, read: &NumRead, draft: &Draft, limit: usize) -> Option<usize> {
        let end = draft.end;
        let noun_from = if (read.scaled || read.vague || draft.unit.is_some())
            && self.is_word(end, limit)
            && self.lx.flags(self.word(end)) & OF != 0
        {
            end + 1
        } else {
            end
        };
        if draft.unit.is_some_and(|u| is_money(u) || u == "%") {
            None
        } else {
            self.counted_after(noun_from, limit)
        }
    }

    /// Where to go on when what was read is no figure after all: a year, a time of day ("7 p.m.",
    /// "10 Uhr"), "2021 г.", a number word that is part of a name ("Two Sicilies"), or a small
    /// number word with nothing counted (a pronoun: "the two").
    fn not_a_figure(
        &mut self,
        read: &NumRead,
        draft: &Draft,
        counted: Option<usize>,
        limit: usize,
    ) -> Option<usize> {
        let toks = self.toks;
        let text = self.text;
        let first = toks[draft.num_start];
        let end = draft.end;
        if self.is_year(read, draft, counted, limit) {
            return Some(end.max(read.end));
        }
        // "7 p.m.", "10 a.m.".
        if let Some(k) = counted
            && matches!(toks[k].text(text), "a" | "p" | "A" | "P")
            && self.punct(k + 1) == "."
        {
            return Some(k + 2);
        }
        // "2021 г.", "2020 р.": a year, not grams.
        if read.digits_first
            && draft.unit == Some("g")
            && matches!(toks.get(read.end).map(|t| t.text(text)), Some("г" | "р"))
            && (1000.0..=2100.0).contains(&read.value)
        {
            return Some(end);
        }
        if let Some(k) = counted
            && self.tables.clock.contains(self.word(k))
        {
            return Some(k + 1);
        }
        let capitalised = |k: usize| {
            toks[k]
                .text(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        };
        // "Jedna Rosja", "Two Sicilies": a capitalised number word before a name is part of it.
        if !read.digits_first
            && draft.unit.is_none()
            && self.lx.code != "de"
            && first.kind == TokKind::Word
            && capitalised(draft.num_start)
            && counted.is_some_and(capitalised)
        {
            return Some(end.max(read.end));
        }
        // A small number in words with nothing counted is mostly a pronoun ("один из", "the two").
        if !read.digits_first
            && counted.is_none()
            && draft.unit.is_none()
            && !read.scaled
            && draft.value < 100.0
        {
            return Some(end.max(read.end));
        }
        None
    }

    /// A four-digit number that is a year: nothing counted (or a noun a year stands before), a
    /// year word around it ("in", "seit", "году"), or a range of years.
    fn is_year(
        &mut self,
        read: &NumRead,
        draft: &Draft,
        counted: Option<usize>,
        limit: usize,
    ) -> bool {
        let toks = self.toks;
        let text = self.text;
        let num_start = draft.num_start;
        let year_like = read.digits_first
            && read.end == num_start + 1
            && !read.scaled
            && draft.unit.is_none()
            && {
                let s = toks[num_start].text(text);
                s.len() == 4
                    && s.bytes().all(|b| b.is_ascii_digit())
                    && (1000.0..=2100.0).contains(&read.value)
            };
        if !year_like {
            return false;
        }
        let before = num_start > 0 && self.is_word(num_start - 1, limit + 1) && {
            let w = self.word(num_start - 1).to_owned();
            self.lx.flags(&w) & YEAR_BEFORE != 0
        };
        let noun_ok = counted.is_some_and(|k| {
            let w = toks[k].text(text);
            // English years stand before singular nouns ("the 2015 winner"); counts before
            // plural ones ("2020 soldiers").
            (self.lx.code == "de" || !w.chars().next().is_some_and(char::is_uppercase))
                && (self.lx.code != "en" || w.ends_with('s'))
        });
        let after = counted.is_some_and(|k| {
            let w = self.word(k).to_owned();
            self.lx.flags(&w) & YEAR_AFTER != 0
        });
        before || after || !noun_ok || draft.value_max.is_some_and(|m| m <= 2100.0)
    }

    /// The figure as read, with its counted noun and that noun's base form.
    fn finish(&self, read: &NumRead, draft: Draft, counted: Option<usize>, sentence: u32) -> Step {
        let toks = self.toks;
        let last = draft.end.max(read.end);
        // A numeral beyond f64 (hundreds of digits) states no quantity anyone can compare.
        if !draft.value.is_finite() || draft.value_max.is_some_and(|m| !m.is_finite()) {
            return Step::Skip(last);
        }
        let (counted_text, counted_base, span_end, next) = match counted {
            Some(k) => {
                let w = toks[k].text(self.text);
                let base = base_form(w, self.lx.code, draft.value);
                (Some(w.to_owned()), Some(base), toks[k].end, k + 1)
            }
            None => (None, None, toks[last - 1].end, last),
        };
        Step::Found(
            Figure {
                span: Span::new(toks[draft.left].start as usize, span_end as usize),
                value: tidy(draft.value),
                value_max: draft.value_max.map(tidy),
                qualifier: draft.qualifier,
                unit: draft.unit.map(str::to_owned),
                counted: counted_text,
                counted_base,
                sentence,
            },
            next,
        )
    }

    /// A fraction of a unit: "3/4 cup", "2/1000 kilograms" (without a unit, "24/7" and "12/05"
    /// are not read).
    fn fraction_at(&mut self, k: usize, limit: usize) -> Option<NumRead> {
        let toks = self.toks;
        if k + 3 >= limit.min(toks.len() + 1)
            || toks[k].kind != TokKind::Digits
            || self.punct(k + 1) != "/"
            || toks[k + 1].space
            || toks[k + 2].space
            || toks[k + 2].kind != TokKind::Digits
        {
            return None;
        }
        let a: f64 = toks[k].text(self.text).parse().ok()?;
        let b: f64 = toks[k + 2].text(self.text).parse().ok()?;
        match self.unit_at(k + 3, limit) {
            Some((u, _)) if b != 0.0 && u != "%" && !is_money(u) => Some(NumRead {
                value: a / b,
                end: k + 3,
                article_only: false,
                vague: false,
                digits_first: false,
                scaled: false,
                scale: 1.0,
            }),
            _ => None,
        }
    }

    /// Why digits at `num_start` are not a count (identifier, ordinal, date, time, phone, section
    /// number): the token to continue at, or `None` when they are a count.
    fn not_a_count(
        &mut self,
        i: usize,
        num_start: usize,
        read: &NumRead,
        limit: usize,
        currency: bool,
    ) -> Option<usize> {
        let toks = self.toks;
        let text = self.text;
        let first = toks[num_start];
        let digits = first.text(text);
        // Glued to letters before: "MH17", "G7" (not "USD3", "Rp20": currencies).
        if !currency && num_start > 0 && !first.space {
            let prev = toks[num_start - 1];
            match prev.kind {
                TokKind::Word => return Some(read.end),
                TokKind::Punct => {
                    let p = prev.text(text);
                    if p == "+" {
                        return Some(self.phone_end(num_start));
                    }
                    if matches!(p, "-" | "‐" | "/" | "#" | "№" | "§" | "." | ":" | "_")
                        && (p != "-"
                            || num_start >= 2
                                && toks[num_start - 2].kind != TokKind::Punct
                                && !prev.space)
                    {
                        return Some(self.cluster_end(num_start));
                    }
                }
                TokKind::Digits => return Some(read.end),
            }
        }
        if num_start > 0 && matches!(self.punct(num_start - 1), "§" | "№" | "#") {
            return Some(read.end);
        }
        // "18.00", "19.40": a time of day where the decimal mark is a comma.
        if !currency && self.nl.style != Style::Comma && read.end == num_start + 1 {
            let b = digits.as_bytes();
            if let Some(dot) = digits.find('.')
                && b.len() - dot == 3
                && dot <= 2
                && digits[..dot].parse::<u32>().is_ok_and(|h| h <= 24)
                && digits[dot + 1..].parse::<u32>().is_ok_and(|m| m <= 59)
                && self.unit_at(read.end, limit).is_none()
                && (digits.ends_with(".00") || {
                    // "o 18.30", "в 19.40", "um 7.15": after a word that introduces a time.
                    num_start > 0
                        && self.is_word(num_start - 1, limit + 1)
                        && matches!(
                            self.word(num_start - 1),
                            "o" | "godz"
                                | "godzinie"
                                | "um"
                                | "ab"
                                | "в"
                                | "к"
                                | "с"
                                | "до"
                                | "от"
                                | "à"
                                | "alle"
                                | "dalle"
                                | "ob"
                                | "od"
                                | "do"
                                | "pukul"
                                | "at"
                                | "a"
                                | "і"
                                | "о"
                                | "у"
                                | "v"
                                | "kl"
                        )
                })
            {
                return Some(read.end);
            }
        }
        // "0033", "07": identifiers, codes, clock hours.
        if digits.len() > 1 && digits.starts_with('0') && digits.as_bytes()[1].is_ascii_digit() {
            return Some(self.cluster_end(num_start));
        }
        // A run glued by ':' or '/' or several hyphens: times, dates, phone numbers, scores.
        let mut k = read.end;
        let mut joins = 0;
        let mut glued_digits = false;
        while k + 1 < toks.len() && !toks[k].space && toks[k].kind == TokKind::Punct {
            let p = toks[k].text(text);
            if !matches!(p, ":" | "/" | "-" | "." | "–")
                || toks[k + 1].space
                || toks[k + 1].kind != TokKind::Digits
            {
                break;
            }
            if matches!(p, ":" | "/" | ".") {
                joins += 2;
            } else {
                joins += 1;
            }
            glued_digits = true;
            k += 2;
        }
        if glued_digits && joins >= 2 {
            return Some(k);
        }
        // "555-1234": a phone number, not a range.
        if glued_digits && joins == 1 && digits.len() == 3 {
            let second = toks[read.end + 1].text(text);
            if second.len() == 4
                && second.bytes().all(|b| b.is_ascii_digit())
                && self.unit_at(read.end + 2, limit).is_none()
            {
                return Some(k);
            }
        }
        // Glued letters after: ordinals ("2nd", "3e"), unknown codes ("5G", "3D").
        if read.end < limit && !toks[read.end].space {
            let next = toks[read.end];
            match next.kind {
                TokKind::Word => {
                    if self.unit_at(read.end, limit).is_none() {
                        return Some(read.end + 1);
                    }
                }
                TokKind::Punct => {
                    let p = next.text(text);
                    // "2-й", "3-го".
                    if p == "-"
                        && self.is_word(read.end + 1, limit)
                        && !toks[read.end + 1].space
                        && {
                            let w = self.word(read.end + 1).to_owned();
                            self.lx.flags(&w) & ORDINAL != 0
                        }
                    {
                        return Some(read.end + 2);
                    }
                    // "7. Dezember", "der 3. Weltkrieg": an ordinal unless the dot ends the
                    // sentence.
                    if p == "."
                        && matches!(self.lx.code, "de" | "pl" | "cs" | "sl")
                        && read.end == num_start + 1
                        && !read.scaled
                        && read.end + 1 < limit
                    {
                        return Some(read.end + 1);
                    }
                    if matches!(p, "º" | "ª" | "°") {
                        return Some(read.end + 1);
                    }
                }
                TokKind::Digits => {}
            }
        }
        // Section and serial numbers: "Article 5", "Nr. 12", "статья 5".
        let mut b = num_start;
        if b > 0 && self.punct(b - 1) == "." {
            b -= 1;
        }
        if b > 0 && self.toks[b - 1].kind == TokKind::Word {
            let w = self.word(b - 1).to_owned();
            if self.lx.flags(&w) & SECTION != 0 {
                return Some(read.end);
            }
        }
        if self.date_next_to(num_start, read.end, limit) {
            return Some(read.end);
        }
        // "10 Uhr", "5 p.m.".
        if self.is_word(read.end, limit) {
            let w = self.word(read.end).to_owned();
            if self.tables.clock.contains(w.as_str()) {
                return Some(read.end + 1);
            }
        }
        let _ = i;
        None
    }

    /// The token after a phone number whose digits start at `k` ("+49 30 1234567").
    fn phone_end(&self, k: usize) -> usize {
        let mut j = k + 1;
        while j < self.toks.len()
            && (self.toks[j].kind == TokKind::Digits
                || matches!(self.punct(j), "-" | "(" | ")" | "/"))
        {
            j += 1;
        }
        j
    }

    /// The token after the run of tokens glued (no space) to token `k`.
    fn cluster_end(&self, k: usize) -> usize {
        let mut j = k + 1;
        while j < self.toks.len() && !self.toks[j].space {
            j += 1;
        }
        j
    }

    /// Whether the number between tokens `start` and `end` sits next to a month name.
    fn date_next_to(&mut self, start: usize, end: usize, limit: usize) -> bool {
        let toks = self.toks;
        let text = self.text;
        let month_at = |k: usize, this: &mut Self| -> bool {
            if k >= toks.len() || toks[k].kind != TokKind::Word {
                return false;
            }
            let raw = toks[k].text(text);
            lower_into(raw, &mut this.scratch.lower);
            let lower = std::mem::take(&mut this.scratch.lower);
            let m = this.tables.is_month(this.lx, raw, &lower);
            this.scratch.lower = lower;
            m
        };
        if start > 0 && month_at(start - 1, self) {
            return true;
        }
        let mut k = end;
        if self.punct(k) == "." {
            k += 1;
        }
        k < limit && month_at(k, self)
    }

    /// A second number of a range after token `end`: `((max, its scale), token after, unit)`.
    fn range_after(
        &mut self,
        end: usize,
        limit: usize,
        between_before: bool,
        first: &NumRead,
    ) -> Option<((f64, f64), usize, Option<&'static str>)> {
        if end >= limit {
            return None;
        }
        let toks = self.toks;
        let mut k = end;
        let p = self.punct(k);
        let joined = if matches!(p, "-" | "–" | "—" | "‐") {
            true
        } else if self.is_word(k, limit) {
            let f = self.lx.flags(self.word(k));
            f & RANGE_TO != 0 || between_before && f & RANGE_AND != 0
        } else {
            false
        };
        if !joined {
            return None;
        }
        k += 1;
        if self.punct(k) == "~" {
            k += 1;
        }
        // "between 2 g and about 7 g".
        if self.is_word(k, limit) {
            let w = self.word(k).to_owned();
            if self
                .lx
                .quals
                .iter()
                .any(|(p, q)| *q == Qualifier::Approximate && p.len() == 1 && *p[0] == *w)
            {
                k += 1;
            }
        }
        let mut unit = None;
        if k < limit
            && let Some(u) = currency_symbol(toks[k].text(self.text))
                .or_else(|| currency_prefix_word(toks[k].text(self.text)))
        {
            unit = Some(u);
            k += 1;
        }
        if k >= limit {
            return None;
        }
        let second = self.read_number(k, limit)?;
        if second.article_only || second.vague || first.vague {
            return None;
        }
        // Years in a range ("2014-2022") and dates are not counts.
        if second.digits_first && self.date_next_to(k, second.end, limit) {
            return None;
        }
        let mut next = second.end;
        if unit.is_none()
            && let Some((u, after)) = self.unit_at(next, limit)
        {
            unit = Some(u);
            next = after;
        }
        Some(((second.value, second.scale), next, unit))
    }

    /// Cents after an amount: "and 43c", "43 cents", "и 42 центов".
    fn cents_after(&mut self, end: usize, limit: usize) -> Option<(f64, usize)> {
        let mut k = end;
        if self.is_word(k, limit) {
            let w = self.word(k).to_owned();
            if self.lx.flags(&w) & RANGE_AND != 0
                || matches!(
                    w.as_str(),
                    "and" | "y" | "et" | "e" | "en" | "и" | "і" | "dan"
                )
            {
                k += 1;
            }
        }
        if k >= limit {
            return None;
        }
        // Digits alone ("23 cents" is not 2300 in French, where "cents" is also "hundreds").
        let read = if self.toks[k].kind == TokKind::Digits {
            let s = self.toks[k].text(self.text);
            let value: f64 = s.parse().ok().filter(|_| s.len() <= 2)?;
            NumRead {
                value,
                end: k + 1,
                article_only: false,
                vague: false,
                digits_first: true,
                scaled: false,
                scale: 1.0,
            }
        } else {
            self.read_number(k, limit)?
        };
        if read.value >= 100.0 || read.value.fract() != 0.0 || read.scaled {
            return None;
        }
        if read.article_only
            && self
                .unit_at(read.end, limit)
                .is_none_or(|(u, _)| u != "cent")
        {
            return None;
        }
        match self.unit_at(read.end, limit) {
            Some(("cent", next)) => Some((read.value, next)),
            // "$20 43": the cents alone, at the end of the expression.
            None if k == end
                && (read.end >= limit || self.toks[read.end].kind == TokKind::Punct) =>
            {
                Some((read.value, read.end))
            }
            None if k > end
                && (read.end >= limit || self.toks[read.end].kind == TokKind::Punct) =>
            {
                Some((read.value, read.end))
            }
            _ => None,
        }
    }

    /// A qualifier phrase ending right before token `left`, with the token it starts at.
    fn qualifier_before(&mut self, left: usize) -> Option<(Qualifier, usize)> {
        if left == 0 {
            return None;
        }
        match self.punct(left - 1) {
            "~" | "≈" => return Some((Qualifier::Approximate, left - 1)),
            ">" | "≥" => return Some((Qualifier::AtLeast, left - 1)),
            "<" | "≤" => return Some((Qualifier::AtMost, left - 1)),
            _ => {}
        }
        let lx = self.lx;
        'phrases: for (words, q) in &lx.quals {
            let mut k = left;
            for w in words.iter().rev() {
                // Skip a hyphen between words ("au-delà", "kira-kira").
                while k > 0 && self.punct(k - 1) == "-" {
                    k -= 1;
                }
                if k == 0 || self.toks[k - 1].kind != TokKind::Word {
                    continue 'phrases;
                }
                if self.word(k - 1) != &**w {
                    continue 'phrases;
                }
                k -= 1;
            }
            return Some((*q, k));
        }
        None
    }

    /// An "or more" phrase at token `end`: the token after it.
    fn or_more_after(&mut self, end: usize, limit: usize) -> Option<usize> {
        let lx = self.lx;
        'phrases: for words in &lx.or_more {
            let mut k = end;
            for w in words {
                if !self.is_word(k, limit) || self.word(k) != &**w {
                    continue 'phrases;
                }
                k += 1;
            }
            // "lebih" alone only when nothing follows that it could modify.
            if words.len() == 1 && self.is_word(k, limit) {
                continue;
            }
            return Some(k);
        }
        None
    }

    /// The counted noun of a figure from token `from`. Outside German, a capitalised word after
    /// a number is a name or a new sentence ("5929 Martin"), unless written in capitals ("NATO");
    /// one or two letters are no noun.
    fn counted_after(&mut self, from: usize, limit: usize) -> Option<usize> {
        let (toks, text) = (self.toks, self.text);
        self.counted_noun(from, limit).filter(|&k| {
            let w = toks[k].text(text);
            let mut chars = w.chars();
            let upper = chars.next().is_some_and(char::is_uppercase);
            w.chars().count() >= 3
                && (self.lx.code == "de" || !upper || chars.all(|c| !c.is_lowercase()))
        })
    }

    /// A unit word standing for one unit without a number ("килограмм яблок" is "a kilogram of
    /// apples" in a language without articles): its unit. Not after a number or currency sign,
    /// not before digits, and not after a word or slash that makes it a rate ("за кг", "руб./кг",
    /// "на килограмм"); "фунт стерлингов" alone names the currency, not an amount.
    fn lone_unit(&mut self, i: usize, limit: usize) -> Option<&'static str> {
        if self.lx.lone.is_empty() || self.toks[i].kind != TokKind::Word {
            return None;
        }
        let unit = *self.lx.lone.get(self.word(i))?;
        if let Some(prev) = i.checked_sub(1).map(|p| self.toks[p]) {
            match prev.kind {
                TokKind::Digits => return None,
                TokKind::Punct => {
                    let p = prev.text(self.text);
                    if p == "/" || currency_symbol(p).is_some() {
                        return None;
                    }
                }
                TokKind::Word => {
                    let nl = self.nl;
                    let w = self.word(i - 1);
                    if matches!(w, "за" | "на" | "в" | "по" | "per" | "у" | "із" | "с")
                        || nl.word(w).is_some()
                    {
                        return None;
                    }
                }
            }
        }
        if self
            .toks
            .get(i + 1)
            .is_some_and(|t| t.kind == TokKind::Digits)
            || self.is_word(i + 1, limit) && self.word(i + 1).starts_with("стерлін")
            || self.is_word(i + 1, limit) && self.word(i + 1).starts_with("стерлин")
        {
            return None;
        }
        Some(unit)
    }

    /// The figure of a lone unit word at token `i` (see [`Pass::lone_unit`]).
    fn lone_figure(&mut self, i: usize, unit: &'static str, limit: usize, sentence: u32) -> Step {
        let counted = self.counted_after(i + 1, limit);
        let (counted_text, counted_base, end) = match counted {
            Some(k) => {
                let w = self.toks[k].text(self.text);
                (Some(w.to_owned()), Some(base_form(w, self.lx.code, 2.0)), k)
            }
            None => (None, None, i),
        };
        Step::Found(
            Figure {
                span: Span::new(self.toks[i].start as usize, self.toks[end].end as usize),
                value: 1.0,
                value_max: None,
                qualifier: Qualifier::Exact,
                unit: Some(unit.to_owned()),
                counted: counted_text,
                counted_base,
                sentence,
            },
            end + 1,
        )
    }

    /// The counted noun from token `from`: its token index.
    fn counted_noun(&mut self, from: usize, limit: usize) -> Option<usize> {
        // The run of candidate words: no punctuation, no digits, no stop words, at most three.
        let mut run = [0usize; 3];
        let mut n = 0;
        let mut k = from;
        while n < 3 && self.is_word(k, limit) {
            let raw = self.toks[k].text(self.text);
            let w = self.word(k).to_owned();
            let flags = self.lx.flags(&w);
            if flags & (STOP | MONTH) != 0 || self.nl.word(&w).is_some() {
                break;
            }
            if self.lx.code == "en" && n > 0 && (w.ends_with("ed") || w.ends_with("ing")) {
                break;
            }
            // A capitalised word after a lower-case one starts a name ("soldiers Biden").
            let upper = raw.chars().next().is_some_and(char::is_uppercase);
            if n > 0 && upper && self.lx.code != "de" {
                break;
            }
            run[n] = k;
            n += 1;
            k += 1;
            // Hyphenated compounds are read as their last part ("war-weary" stays out).
            if self.punct(k) == "-" {
                break;
            }
        }
        if n == 0 {
            return None;
        }
        let text = self.text;
        let word = |k: usize| self.toks[k].text(text);
        match self.lx.code {
            // The first plural-looking word ("three airborne divisions", "29 soldiers killed"),
            // else the first word ("two women spoke").
            "en" | "nl" => {
                let plural = |k: usize| {
                    let w = word(k);
                    (w.ends_with('s') && !w.ends_with("ss"))
                        || self.lx.code == "nl" && w.ends_with("en")
                        || self.lx.code == "en"
                            && matches!(
                                w,
                                "men"
                                    | "women"
                                    | "people"
                                    | "children"
                                    | "police"
                                    | "personnel"
                                    | "dead"
                                    | "wounded"
                                    | "injured"
                                    | "staff"
                                    | "feet"
                            )
                };
                Some(
                    run[..n]
                        .iter()
                        .copied()
                        .find(|&k| plural(k))
                        .unwrap_or(run[0]),
                )
            }
            "und" => Some(run[0]),
            "de" => run[..n]
                .iter()
                .copied()
                .find(|&k| word(k).chars().next().is_some_and(char::is_uppercase)),
            "pl" | "cs" | "sl" | "bg" | "ru" | "uk" => {
                let found = run[..n]
                    .iter()
                    .copied()
                    .find(|&k| !looks_adjectival(word(k), self.lx.code));
                Some(found.unwrap_or(run[n - 1]))
            }
            _ => Some(run[0]),
        }
    }
}

/// Whether the word after a Russian or Ukrainian "фунт" names a substance in the genitive ("сахара",
/// "муки", "чаю"): the mass pound. A lower-case noun of four letters or more with a genitive
/// singular ending, and not one of the money nouns that follow amounts ("штрафа", "долга").
fn substance_genitive(raw: &str, lower: &str) -> bool {
    const MONEY_NOUNS: [&str; 14] = [
        "штрафа",
        "долга",
        "налога",
        "кредита",
        "займа",
        "дохода",
        "бюджета",
        "ущерба",
        "залога",
        "выкупа",
        "компенсации",
        "прибыли",
        "выручки",
        "помощи",
    ];
    raw.chars().next().is_some_and(char::is_lowercase)
        && lower.chars().count() >= 4
        && ["а", "я", "ы", "и", "у", "ю", "і"]
            .iter()
            .any(|e| lower.ends_with(e))
        && !MONEY_NOUNS.contains(&lower)
        && !lower.starts_with("стерлінг")
        && !lower.starts_with("стерлинг")
}

/// Rounds away binary noise from decimal scaling ("32,3 млн" is 32300000, not 32299999.999999996).
fn tidy(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let magnitude = value.abs().log10().floor() as i32;
    let factor = 10f64.powi(11 - magnitude);
    if factor.is_finite() && factor > 0.0 {
        (value * factor).round() / factor
    } else {
        value
    }
}

/// Whether a Slavic word has an adjective ending ("российских", "ukraińskich").
fn looks_adjectival(word: &str, lang: &str) -> bool {
    let endings: &[&str] = match lang {
        "ru" => &[
            "ых", "их", "ые", "ие", "ый", "ий", "ой", "ая", "ое", "ого", "ому", "ыми", "ими",
        ],
        "uk" => &["их", "іх", "ий", "ій", "і", "а", "ого", "ому", "ими"],
        "bg" => &["ски", "ки", "ни", "ен", "ия", "ата"],
        "pl" => &[
            "ych", "ich", "ymi", "imi", "skie", "ckie", "ski", "cki", "nej", "nego", "nych",
        ],
        "cs" => &[
            "ých", "ích", "ými", "ími", "ský", "ští", "cké", "ské", "ní", "ých",
        ],
        "sl" => &["ih", "ski", "ških", "skih", "nih"],
        _ => &[],
    };
    let lower: String = word.to_lowercase();
    endings
        .iter()
        .any(|e| lower.ends_with(e) && lower.chars().count() > e.chars().count() + 3)
}

/// The base (singular) form of a counted noun by simple suffix rules per language; the word
/// itself when the value is one or no rule applies. Lowercase except German nouns.
///
/// The steps: a known irregular plural ([`IRREGULAR_PLURALS`]), German's own rules
/// ([`german_base`]), Indonesian's "-nya" ([`indonesian_base`]), then the first plural ending of
/// the language that fits ([`strip_plural`]). The entity tagger's learned base-form rules
/// (`ner::lemma`) are no replacement: they are learned from names in six Slavic languages and
/// know no common nouns in the others.
pub fn base_form(word: &str, lang: &str, value: f64) -> String {
    let lower = if lang == "de" {
        word.to_owned()
    } else {
        word.to_lowercase()
    };
    if value == 1.0 {
        return lower;
    }
    if let Some(&(_, _, base)) = IRREGULAR_PLURALS
        .iter()
        .find(|&&(l, plural, _)| l == lang && plural == lower)
    {
        return base.to_owned();
    }
    match lang {
        "de" => german_base(&lower).unwrap_or_else(|| strip_plural(&lower, lang)),
        "id" => indonesian_base(&lower),
        _ => strip_plural(&lower, lang),
    }
}

/// German plurals the suffix rules would get wrong: nominalised adjectives keep their -e
/// ("Schwerverletzten" -> "Schwerverletzte"), and after a consonant "-ten" drops "-en"
/// ("Fahrten" -> "Fahrt").
fn german_base(word: &str) -> Option<String> {
    let trimmed = word.strip_suffix('n').unwrap_or(word);
    if GERMAN_ADJECTIVAL.iter().any(|a| trimmed.ends_with(a)) {
        return Some(trimmed.to_owned());
    }
    let b = word.as_bytes();
    if word.ends_with("ten")
        && b.len() > 5
        && !matches!(b[b.len() - 4], b'a' | b'e' | b'i' | b'o' | b'u')
    {
        return Some(word[..word.len() - 2].to_owned());
    }
    None
}

/// Indonesian: plurals are reduplicated ("tentara-tentara", split by the tokenizer already), so
/// only a possessive "-nya" goes.
fn indonesian_base(word: &str) -> String {
    word.strip_suffix("nya")
        .filter(|s| s.chars().count() >= 3)
        .unwrap_or(word)
        .to_owned()
}

/// The first plural ending of `lang` ([`PLURAL_SUFFIXES`]) that leaves three letters, replaced;
/// the word itself when none does.
fn strip_plural(word: &str, lang: &str) -> String {
    let rules = PLURAL_SUFFIXES
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(&[][..], |(_, rules)| rules);
    let chars = word.chars().count();
    for (suffix, replacement) in rules {
        if let Some(stem) = word.strip_suffix(suffix)
            && chars - suffix.chars().count() >= 3
        {
            return format!("{stem}{replacement}");
        }
    }
    word.to_owned()
}

#[cfg(test)]
mod tests;
