//! Time expressions: finds them in clean text and resolves them to calendar dates or ranges against
//! the document's publish date (the anchor), in en, de, fr, es, it, nl, pl, cs, sl, bg, ru, uk and id.
//!
//! [`DateFinder`] compiles every word table once (see `dates/lexicon.rs`); [`DateFinder::find`] then
//! makes one pass over the word tokens, matching absolute dates ("Tuesday, December 7", "7. Dezember",
//! "24 лютого 2022", "2021-12-05"), months ("in June", "mid-June", "w grudniu"), years in context
//! ("in 2020", "pada tahun 2020", "2020 roku"; a bare "2021 soldiers" is not a year), weekdays ("on
//! Saturday", "в понедельник"), relative words ("yesterday", "last year", "tahun lalu"), durations
//! tied to the anchor ("in three weeks", "three weeks ago", "within three weeks"), parts ("early
//! June", "since the beginning of the year") and "since X" ranges that end at the anchor.
//!
//! Resolution rules, in short (details on [`DateFinder`]):
//! - A day and month without a year takes the year that puts it closest to the anchor when that is
//!   within 120 days; farther away the tense of the clause decides ("was killed on May 5" is the past
//!   May 5) and without a cue the closest wins (ties go to the past). After "since" it is the latest
//!   such day not after the anchor.
//! - A month without a year follows the tense of its clause (past: the latest such month up to the
//!   anchor's; future: the next from the anchor's on), else the closest (ties go to the past).
//! - A weekday follows "last/next", then the tense of its clause (future: the anchor or one of the 6
//!   days after; past: the anchor or one of the 6 days before); without any cue it takes the date of
//!   an explicit mention of the same weekday near the anchor elsewhere in the document ("Tuesday,
//!   December 7" makes a bare "meet on Tuesday" December 7), and failing that the past.
//! - "in N units" is a point N units after the anchor, unless the clause is in the past tense ("In etwa
//!   drei Wochen hat Russland ... eingesetzt"), when it is the span of N units ending at the anchor.
//!
//! Without an anchor, absolute expressions still resolve and relative ones keep what is known in
//! [`TimeExpr::note`] ("weekday=tuesday", "relative=+3 weeks"). It deliberately does not read times of
//! day, clock times, date ranges written with a dash, or numeric dates with slashes (whose day/month
//! order depends on the country).

mod lexicon;
#[cfg(test)]
mod tests;

use concord_model::civil;
use concord_model::{Granularity, Span, TimeExpr};

pub use civil::Date;
use lexicon::{Entry, LANGS, Lexicon, Mark, Sense, Unit, cat};

use crate::tokenize::{Token, TokenKind, tokenize_into};

/// Parses a publish date ([`concord_model::PublishDate::value`]: "2021-12-05" or
/// "2021-12-05T09:28:38Z") into the anchor that relative expressions resolve against.
pub fn parse_anchor(value: &str) -> Option<Date> {
    Date::parse_iso(value)
}

/// Finds and resolves time expressions; build it once and share it (it is `Send + Sync`).
///
/// Beyond the rules in the module doc: granularity is the unit the expression names (a part such as
/// "mid-June" keeps `Month` and narrows the range to days 11-20; early and late are days 1-10 and
/// 21-end; for a year, January-April, May-August, September-December). "last week" is the ISO week
/// (Monday to Sunday) before the anchor's; "last/next Tuesday" is strictly before/after the anchor.
/// "since X" runs from the first day of X to the anchor; "within N units" runs from the anchor N units
/// forward, or back when the clause is in the past tense; "N units ago" is a point.
pub struct DateFinder {
    lex: Lexicon,
}

impl Default for DateFinder {
    fn default() -> Self {
        DateFinder::new()
    }
}

impl std::fmt::Debug for DateFinder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DateFinder").finish_non_exhaustive()
    }
}

impl DateFinder {
    /// Compiles the word tables of all languages.
    pub fn new() -> DateFinder {
        DateFinder {
            lex: Lexicon::new(),
        }
    }

    /// The time expressions of `text` (in text order, not overlapping), resolved against `anchor`.
    /// `lang` is an ISO 639-1 code; an unsupported one makes every language's words count.
    pub fn find(&self, text: &str, lang: &str, anchor: Option<Date>) -> Vec<TimeExpr> {
        let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
        tokenize_into(text, &mut tokens);
        self.find_in_tokens(text, &tokens, lang, anchor)
    }

    /// As [`DateFinder::find`], over tokens of `text` already made by [`crate::tokenize`].
    pub fn find_in_tokens(
        &self,
        text: &str,
        tokens: &[Token],
        lang: &str,
        anchor: Option<Date>,
    ) -> Vec<TimeExpr> {
        let li = lexicon::lang_index(lang);
        let mut m = Matcher {
            text,
            toks: Vec::with_capacity(tokens.len()),
            mask: li.map_or(u16::MAX, |i| 1 << i),
            lang: li.map(|i| &LANGS[i]),
        };
        m.classify(&self.lex, tokens);
        let found = m.scan();
        resolve_all(&m, &found, anchor)
    }
}

/// Whether `lang` has time words of its own (others use those of every language together).
#[cfg(test)]
pub(crate) fn has_words(lang: &str) -> bool {
    LANGS.iter().any(|l| l.code == lang)
}

/// What a token is, after looking it up.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Word,
    /// Plain digits: value and digit count.
    Num(u32, u8),
    /// "2nd", "1er", "7-го".
    Ordinal(u8),
    /// An ISO or dotted numeric date, with the byte length of the date part.
    Date(Date, u32),
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Tk<'a> {
    start: u32,
    end: u32,
    kind: Kind,
    /// [`cat`] flags of the senses in the document's language.
    cats: u32,
    entries: &'a [Entry],
    /// Starts with an uppercase letter.
    cap: bool,
    /// A sentence or paragraph boundary lies just before this token.
    brk: bool,
    /// Tense cue: -2 past, 2 future from the tables; -1, 1 from a verb ending; 0 none.
    tense: i8,
    /// "mid-June": the part named before the hyphen.
    part: Option<u8>,
}

/// Context found left of an expression's core.
#[derive(Clone, Copy, Debug, Default)]
struct Ctx {
    left: usize,
    since: bool,
    prep: bool,
    part: Option<u8>,
    dir: Option<i8>,
    within: bool,
    in_: bool,
    ago_pre: bool,
    vague: bool,
    year_unit: bool,
}

/// An expression before resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Val {
    Day {
        y: Option<i32>,
        m: u8,
        d: u8,
        wd: Option<u8>,
    },
    Month {
        y: Option<i32>,
        m: u8,
        part: Option<u8>,
        dir: Option<i8>,
    },
    Year {
        y: i32,
        part: Option<u8>,
    },
    Weekday {
        wd: u8,
        dir: Option<i8>,
    },
    /// A point `n` units from the anchor ("yesterday", "in three weeks", "three weeks ago").
    Offset {
        n: i32,
        unit: Unit,
    },
    /// The calendar unit `n` units from the anchor's ("last year", "this week").
    Calendar {
        n: i32,
        unit: Unit,
    },
    /// A part of a calendar unit ("the beginning of the year").
    PartOf {
        n: i32,
        unit: Unit,
        part: u8,
    },
    /// The span between the anchor and `n` units from it.
    Within {
        n: i32,
        unit: Unit,
    },
}

#[derive(Clone, Copy, Debug)]
struct Found {
    start: u32,
    end: u32,
    val: Val,
    since: bool,
    tense: i8,
}

struct Matcher<'a> {
    text: &'a str,
    toks: Vec<Tk<'a>>,
    mask: u16,
    lang: Option<&'static lexicon::Lang>,
}

const CTX_CATS: u32 = cat::SINCE
    | cat::PREP
    | cat::PART
    | cat::DIR
    | cat::WITHIN
    | cat::IN
    | cat::AGO_PRE
    | cat::VAGUE;

fn digits_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// "05.12.2021", "5.12.2021": day, month, four-digit year.
fn dotted_date(s: &str) -> Option<Date> {
    let mut parts = s.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || d.len() > 2 || m.len() > 2 || y.len() != 4 {
        return None;
    }
    Date::new(
        digits_value(y)? as i32,
        digits_value(m)? as u8,
        digits_value(d)? as u8,
    )
}

/// "2nd", "1er", "7-го", "7th": the day number.
fn ordinal_day(s: &str) -> Option<u8> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 2 {
        return None;
    }
    let suffix = &s[n..];
    const SUFFIXES: [&str; 10] = ["st", "nd", "rd", "th", "er", "re", "-го", "-е", "-ого", "º"];
    if !SUFFIXES.iter().any(|x| x.eq_ignore_ascii_case(suffix)) {
        return None;
    }
    let v: u8 = s[..n].parse().ok()?;
    (1..=31).contains(&v).then_some(v)
}

impl<'a> Matcher<'a> {
    fn classify(&mut self, lex: &'a Lexicon, tokens: &[Token]) {
        let text = self.text;
        let mut buf = String::new();
        let mut prev_end = 0usize;
        let mut prev_stop = true;
        for t in tokens {
            let s = t.text(text);
            let gap = text.get(prev_end..t.start as usize).unwrap_or("");
            let brk = prev_stop || gap.contains('\n');
            prev_end = t.end as usize;
            let mut tk = Tk {
                start: t.start,
                end: t.end,
                kind: Kind::Word,
                cats: 0,
                entries: &[],
                cap: false,
                brk,
                tense: 0,
                part: None,
            };
            let first = s.chars().next().unwrap_or(' ');
            prev_stop = matches!(s, "." | "!" | "?" | ";");
            match t.kind {
                TokenKind::Punct => tk.kind = Kind::Punct(first),
                _ if first.is_ascii_digit() => {
                    if let Some(v) = digits_value(s) {
                        tk.kind = Kind::Num(v, s.len() as u8);
                    } else if let Some(d) = Date::parse_iso(s) {
                        tk.kind = Kind::Date(d, 10);
                    } else if let Some(d) = dotted_date(s) {
                        tk.kind = Kind::Date(d, s.len() as u32);
                    } else if let Some(d) = ordinal_day(s) {
                        tk.kind = Kind::Ordinal(d);
                    } else {
                        tk.kind = Kind::Punct('#');
                    }
                }
                TokenKind::Number => tk.kind = Kind::Punct('#'),
                TokenKind::Word => {
                    tk.cap = first.is_uppercase();
                    lexicon::fold_into(s, &mut buf);
                    let mut entries = lex.get(&buf);
                    if entries.is_empty()
                        && let Some((pre, post)) = buf.rsplit_once('-')
                    {
                        // "mid-June", "mi-juin".
                        let post_entries = lex.get(post);
                        let part = lex.get(pre).iter().find_map(|e| match e.sense {
                            Sense::Part(p) if e.mask & self.mask != 0 => Some(p),
                            _ => None,
                        });
                        if part.is_some()
                            && post_entries
                                .iter()
                                .any(|e| matches!(e.sense, Sense::Month(_)))
                        {
                            entries = post_entries;
                            tk.part = part;
                        }
                    }
                    tk.entries = entries;
                    tk.cats = entries
                        .iter()
                        .filter(|e| e.mask & self.mask != 0)
                        .fold(0, |acc, e| acc | e.sense.cat());
                    tk.tense = if tk.cats & cat::PAST != 0 {
                        -2
                    } else if tk.cats & cat::FUTURE != 0 {
                        2
                    } else {
                        self.suffix_tense(&buf)
                    };
                }
            }
            self.toks.push(tk);
        }
    }

    /// Tense from a verb ending, for words no table knows.
    fn suffix_tense(&self, word: &str) -> i8 {
        let Some(lang) = self.lang else {
            return 0;
        };
        if lang.past_suffix.is_empty() && lang.future_suffix.is_empty() {
            return 0;
        }
        if word.chars().count() < lang.suffix_min {
            return 0;
        }
        if lang.past_suffix.iter().any(|x| word.ends_with(x)) {
            -1
        } else if lang.future_suffix.iter().any(|x| word.ends_with(x)) {
            1
        } else {
            0
        }
    }

    fn has(&self, i: usize, c: u32) -> bool {
        self.toks.get(i).is_some_and(|t| t.cats & c != 0)
    }

    /// The first sense of token `i` in the document's language that `f` accepts, with its marker.
    fn sense<T>(&self, i: usize, f: impl Fn(Sense) -> Option<T>) -> Option<(T, Mark)> {
        let t = self.toks.get(i)?;
        t.entries
            .iter()
            .filter(|e| e.mask & self.mask != 0)
            .find_map(|e| f(e.sense).map(|v| (v, e.mark)))
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        matches!(self.toks.get(i), Some(Tk { kind: Kind::Punct(p), .. }) if *p == c)
    }

    fn day_first(&self) -> bool {
        self.lang.is_some_and(|l| l.day_first)
    }

    fn dir_after(&self) -> bool {
        self.lang.is_none_or(|l| l.dir_after)
    }

    /// A non-plural "last/this/next" at `i`.
    fn dir(&self, i: usize) -> Option<i8> {
        match self.sense(i, |s| if let Sense::Dir(d) = s { Some(d) } else { None }) {
            Some((d, m)) if m != Mark::Plural => Some(d),
            _ => None,
        }
    }

    fn unit(&self, i: usize) -> Option<(Unit, Mark)> {
        self.sense(i, |s| {
            if let Sense::Unit(u) = s {
                Some(u)
            } else {
                None
            }
        })
    }

    fn day_number(&self, i: usize) -> Option<u8> {
        match self.toks.get(i)?.kind {
            Kind::Num(v, len) if len <= 2 && (1..=31).contains(&v) => Some(v as u8),
            Kind::Ordinal(d) => Some(d),
            _ => None,
        }
    }

    fn year_number(&self, i: usize) -> Option<i32> {
        match self.toks.get(i)?.kind {
            Kind::Num(v, 4) if (1800..=2199).contains(&v) => Some(v as i32),
            _ => None,
        }
    }

    /// Skips a year mark or year word after a year at `i`: "r.", "г.", "roku", "года".
    fn after_year(&self, i: usize) -> usize {
        if self.has(i, cat::YEAR_MARK) {
            return if self.is_punct(i + 1, '.') {
                i + 2
            } else {
                i + 1
            };
        }
        match self.unit(i) {
            Some((Unit::Year, m)) if m != Mark::Plural => i + 1,
            _ => i,
        }
    }

    /// The context left of token `i`, not reaching below token `lo`.
    fn ctx(&self, i: usize, lo: usize) -> Ctx {
        let mut c = Ctx {
            left: i,
            ..Ctx::default()
        };
        let mut j = i;
        let mut steps = 0;
        while j > lo && steps < 6 && !self.toks[j].brk {
            j -= 1;
            steps += 1;
            let t = &self.toks[j];
            let year_unit = matches!(self.unit(j), Some((Unit::Year, Mark::Plain)));
            if t.cats & CTX_CATS != 0 || year_unit {
                if t.cats & cat::AGO_PRE != 0 && !self.ago_pre_ok(j) {
                    break;
                }
                c.left = j;
                c.since |= t.cats & cat::SINCE != 0;
                c.prep |= t.cats & cat::PREP != 0;
                c.within |= t.cats & cat::WITHIN != 0;
                c.in_ |= t.cats & cat::IN != 0;
                c.vague |= t.cats & cat::VAGUE != 0;
                c.year_unit |= year_unit;
                if t.cats & cat::AGO_PRE != 0 {
                    c.ago_pre = true;
                    // "il y a": the span starts at "il".
                    if self
                        .sense(j, |s| (s == Sense::AgoPre).then_some(()))
                        .map(|x| x.1)
                        == Some(Mark::Strict)
                    {
                        c.left = j.saturating_sub(2).max(lo);
                    }
                }
                if c.part.is_none() {
                    c.part = self
                        .sense(j, |s| {
                            if let Sense::Part(p) = s {
                                Some(p)
                            } else {
                                None
                            }
                        })
                        .map(|x| x.0);
                }
                if c.dir.is_none() {
                    c.dir = self.dir(j);
                }
                continue;
            }
            if t.cats & cat::FILLER != 0 || self.is_punct(j, '\'') {
                continue;
            }
            break;
        }
        c
    }

    /// A strict prepositional "ago" ("a" in "il y a") needs "il y" before it.
    fn ago_pre_ok(&self, j: usize) -> bool {
        match self.sense(j, |s| (s == Sense::AgoPre).then_some(())) {
            Some((_, Mark::Strict)) => {
                j >= 2 && self.word_is(j - 1, "y") && self.word_is(j - 2, "il")
            }
            Some(_) => true,
            None => false,
        }
    }

    fn word_is(&self, i: usize, w: &str) -> bool {
        let t = &self.toks[i];
        self.text
            .get(t.start as usize..t.end as usize)
            .is_some_and(|s| s.eq_ignore_ascii_case(w))
    }

    /// The tense around tokens `a..b` within the sentence (-1 past, 1 future, 0 unknown): the nearest
    /// cue word from the tables, else the nearest verb ending ("will be signed" is future: "signed"
    /// only counts when no auxiliary is near).
    fn tense(&self, a: usize, b: usize) -> i8 {
        let n = self.toks.len();
        let (mut back, mut fwd) = (a > 0 && !self.toks[a].brk, b < n && !self.toks[b].brk);
        let mut weak = 0;
        for d in 1..=10 {
            for j in [back.then(|| a - d), fwd.then(|| b + d - 1)]
                .into_iter()
                .flatten()
            {
                match self.toks[j].tense {
                    t if t.abs() == 2 => return t / 2,
                    t if weak == 0 => weak = t,
                    _ => {}
                }
            }
            if back {
                back = a - d > 0 && !self.toks[a - d].brk;
            }
            if fwd {
                let j = b + d - 1;
                fwd = j + 1 < n && !self.toks[j + 1].brk;
            }
            if !back && !fwd {
                break;
            }
        }
        weak
    }

    fn scan(&self) -> Vec<Found> {
        let mut out = Vec::new();
        let (mut i, mut lo) = (0, 0);
        while i < self.toks.len() {
            match self.match_at(i, lo) {
                Some((f, end)) => {
                    out.push(f);
                    i = end;
                    lo = end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// A found expression over tokens `a..b`.
    fn found(&self, a: usize, b: usize, val: Val, since: bool) -> (Found, usize) {
        let tense = self.tense(a, b);
        let last = &self.toks[b - 1];
        let end = match last.kind {
            Kind::Date(_, len) => last.start + len,
            _ => last.end,
        };
        (
            Found {
                start: self.toks[a].start,
                end,
                val,
                since,
                tense,
            },
            b,
        )
    }

    fn match_at(&self, i: usize, lo: usize) -> Option<(Found, usize)> {
        let t = &self.toks[i];
        match t.kind {
            Kind::Date(d, _) => {
                let c = self.ctx(i, lo);
                let val = Val::Day {
                    y: Some(d.year),
                    m: d.month,
                    d: d.day,
                    wd: None,
                };
                Some(self.found(c.left, i + 1, val, c.since))
            }
            Kind::Num(v, len) => {
                if let Some(r) = self.date_with_ctx(i, lo) {
                    return Some(r);
                }
                if let Some(r) = self.year_at(i, lo) {
                    return Some(r);
                }
                if len <= 3 && v >= 1 {
                    return self.duration_at(i, v as i32, lo);
                }
                None
            }
            Kind::Ordinal(_) => self.date_with_ctx(i, lo),
            Kind::Punct(_) => None,
            Kind::Word => {
                if t.cats & cat::MONTH != 0
                    && let Some(r) = self.month_at(i, lo)
                {
                    return Some(r);
                }
                if t.cats & cat::WEEKDAY != 0
                    && let Some(r) = self.weekday_at(i, lo)
                {
                    return Some(r);
                }
                if t.cats & cat::REL != 0
                    && let Some(r) = self.rel_at(i, lo)
                {
                    return Some(r);
                }
                if t.cats & cat::NUM != 0
                    && let Some((n, _)) =
                        self.sense(i, |s| if let Sense::Num(n) = s { Some(n) } else { None })
                    && let Some(r) = self.duration_at(i, i32::from(n), lo)
                {
                    return Some(r);
                }
                if t.cats & cat::UNIT != 0 {
                    return self.unit_at(i, lo);
                }
                None
            }
        }
    }

    /// A month at `i` that passes its marker: "May" must be capitalised; "Dec" needs a day number.
    fn month(&self, i: usize, day_adjacent: bool) -> Option<u8> {
        let (m, mark) = self.sense(i, |s| {
            if let Sense::Month(m) = s {
                Some(m)
            } else {
                None
            }
        })?;
        match mark {
            Mark::Strict if !self.toks[i].cap => None,
            Mark::Abbrev if !day_adjacent => None,
            _ => Some(m),
        }
    }

    /// A full date starting at token `j`: day-month or (English) month-day, with an optional year.
    /// Returns the end token, year, month and day.
    fn date_at(&self, j: usize) -> Option<(usize, Option<i32>, u8, u8)> {
        if let Some(Tk {
            kind: Kind::Date(d, _),
            ..
        }) = self.toks.get(j)
        {
            return Some((j + 1, Some(d.year), d.month, d.day));
        }
        let (mut k, m, d) = if let Some(d) = self.day_number(j) {
            // "7 December", "7. Dezember", "7 de diciembre", "7th of December".
            let mut k = j + 1;
            if self.is_punct(k, '.') {
                k += 1;
            }
            if self.has(k, cat::FILLER) && !self.has(k, cat::MONTH) {
                k += 1;
            }
            let m = self.month(k, true)?;
            (k + 1, m, d)
        } else if !self.day_first() {
            // "December 7", "Dec. 7".
            let mut k = j + 1;
            if self.is_punct(k, '.') {
                k += 1;
            }
            let d = self.day_number(k)?;
            let m = self.month(j, true)?;
            // "December 7 2021" is read below; "December 7:30" is not a date.
            if self.is_punct(k + 1, ':') {
                return None;
            }
            (k + 1, m, d)
        } else {
            return None;
        };
        if d > civil::days_in_month(2000, m) {
            return None;
        }
        let mut y = None;
        let mut at = k;
        if self.is_punct(at, ',') || self.has(at, cat::FILLER) {
            at += 1;
        }
        if let Some(v) = self.year_number(at) {
            y = Some(v);
            k = self.after_year(at + 1);
        }
        if let Some(y) = y
            && Date::new(y, m, d).is_none()
        {
            return None;
        }
        Some((k, y, m, d))
    }

    fn date_with_ctx(&self, i: usize, lo: usize) -> Option<(Found, usize)> {
        let (end, y, m, d) = self.date_at(i)?;
        let c = self.ctx(i, lo);
        Some(self.found(c.left, end, Val::Day { y, m, d, wd: None }, c.since))
    }

    fn month_at(&self, i: usize, lo: usize) -> Option<(Found, usize)> {
        if !self.day_first()
            && let Some((end, y, m, d)) = self.date_at(i)
        {
            let c = self.ctx(i, lo);
            return Some(self.found(c.left, end, Val::Day { y, m, d, wd: None }, c.since));
        }
        if !self.day_first() && self.day_number(i + 1).is_some() {
            // "February 30": not a date, and not the month either.
            return None;
        }
        let m = self.month(i, false)?;
        let c = self.ctx(i, lo);
        let part = self.toks[i].part.or(c.part);
        if let Some(y) = self.year_number(i + 1) {
            let end = self.after_year(i + 2);
            let val = Val::Month {
                y: Some(y),
                m,
                part,
                dir: None,
            };
            return Some(self.found(c.left, end, val, c.since));
        }
        if !(part.is_some() || c.prep || c.since || c.dir.is_some() || c.within) {
            return None;
        }
        let val = Val::Month {
            y: None,
            m,
            part,
            dir: c.dir,
        };
        Some(self.found(c.left, i + 1, val, c.since))
    }

    fn weekday_at(&self, i: usize, lo: usize) -> Option<(Found, usize)> {
        let (wd, mark) = self.sense(i, |s| {
            if let Sense::Weekday(w) = s {
                Some(w)
            } else {
                None
            }
        })?;
        let c = self.ctx(i, lo);
        // "Tuesday, December 7", "Thursday (December 2nd)", "martes 7 de diciembre".
        let mut j = i + 1;
        let paren = self.is_punct(j, '(');
        if paren || self.is_punct(j, ',') {
            j += 1;
        }
        let same_sentence = (i + 1..=j).all(|k| self.toks.get(k).is_some_and(|t| !t.brk));
        if same_sentence && let Some((mut end, y, m, d)) = self.date_at(j) {
            if paren && self.is_punct(end, ')') {
                end += 1;
            }
            let val = Val::Day {
                y,
                m,
                d,
                wd: Some(wd),
            };
            return Some(self.found(c.left, end, val, c.since));
        }
        let mut dir = c.dir;
        let mut end = i + 1;
        if dir.is_none()
            && self.dir_after()
            && let Some(d) = self.dir(i + 1)
        {
            dir = Some(d);
            end = i + 2;
        }
        // Indonesian "Minggu lalu" is last week, not last Sunday: a strict weekday that is also a unit
        // needs a preposition ("pada hari Minggu").
        let needs_prep = mark == Mark::Strict && self.has(i, cat::UNIT);
        if (mark == Mark::Strict && !(c.prep || c.since || dir.is_some()))
            || (needs_prep && !c.prep)
        {
            return None;
        }
        Some(self.found(c.left, end, Val::Weekday { wd, dir }, c.since))
    }

    fn rel_at(&self, i: usize, lo: usize) -> Option<(Found, usize)> {
        let ((n, unit), mark) = self.sense(i, |s| {
            if let Sense::Rel(n, u) = s {
                Some((n, u))
            } else {
                None
            }
        })?;
        if mark == Mark::Strict
            && (self.toks[i].cap || (i > lo && self.has(i - 1, cat::FILLER | cat::PREP)))
        {
            return None;
        }
        let c = self.ctx(i, lo);
        let val = match unit {
            Unit::Day => Val::Offset {
                n: i32::from(n),
                unit,
            },
            _ => Val::Calendar {
                n: i32::from(n),
                unit,
            },
        };
        Some(self.found(c.left, i + 1, val, c.since))
    }

    /// "three weeks" with what makes it a time: "ago", "in", "within", "since", "last".
    fn duration_at(&self, i: usize, n: i32, lo: usize) -> Option<(Found, usize)> {
        let (unit, _) = self.unit(i + 1)?;
        let mut end = i + 2;
        let c = self.ctx(i, lo);
        let mut ago = c.ago_pre;
        let k = if self.has(end, cat::FILLER) && !self.has(end, cat::AGO) {
            end + 1
        } else {
            end
        };
        if self.has(k, cat::AGO) {
            ago = true;
            end = k + 1;
        }
        let val = if ago {
            Val::Offset { n: -n, unit }
        } else if c.since {
            Val::Within { n: -n, unit }
        } else if c.within || c.in_ {
            let past = self.tense(c.left, end) < 0;
            match (past, c.within) {
                (true, _) => Val::Within { n: -n, unit },
                (false, true) => Val::Within { n, unit },
                (false, false) => Val::Offset { n, unit },
            }
        } else {
            match c.dir {
                Some(d) if d < 0 => Val::Within { n: -n, unit },
                Some(d) if d > 0 => Val::Within { n, unit },
                _ => return None,
            }
        };
        Some(self.found(c.left, end, val, false))
    }

    /// "last year", "tahun lalu", "the beginning of the year", "a year ago".
    fn unit_at(&self, i: usize, lo: usize) -> Option<(Found, usize)> {
        let (unit, mark) = self.unit(i)?;
        if mark == Mark::Plural || self.year_number(i + 1).is_some() {
            return None;
        }
        let c = self.ctx(i, lo);
        if c.vague {
            return None;
        }
        let mut dir = c.dir;
        let mut end = i + 1;
        if dir.is_none()
            && self.dir_after()
            && let Some(d) = self.dir(i + 1)
        {
            dir = Some(d);
            end = i + 2;
        }
        // "the next day" and "на следващия ден" count from the story, not from the publish date; only
        // Indonesian says "today" this way ("hari ini").
        if unit == Unit::Day && !(dir == Some(0) && self.lang.is_some_and(|l| l.code == "id")) {
            return None;
        }
        let val = match (c.part, dir) {
            (Some(part), _) if matches!(unit, Unit::Year | Unit::Month) => Val::PartOf {
                n: i32::from(dir.unwrap_or(0)),
                unit,
                part,
            },
            (_, Some(d)) => Val::Calendar {
                n: i32::from(d),
                unit,
            },
            _ if self.has(i + 1, cat::AGO) => {
                end = i + 2;
                Val::Offset { n: -1, unit }
            }
            _ => return None,
        };
        Some(self.found(c.left, end, val, c.since))
    }

    fn year_at(&self, i: usize, lo: usize) -> Option<(Found, usize)> {
        let y = self.year_number(i)?;
        let c = self.ctx(i, lo);
        let end = self.after_year(i + 1);
        if !(c.prep || c.since || c.part.is_some() || c.year_unit || c.within || end > i + 1) {
            return None;
        }
        Some(self.found(c.left, end, Val::Year { y, part: c.part }, c.since))
    }
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const PARTS: [&str; 3] = ["early", "mid", "late"];

/// How to pick the year (or week) of an expression that does not say it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pick {
    /// Not after the anchor.
    Past,
    /// Not before the anchor.
    Future,
    /// Strictly before the anchor.
    Before,
    /// Strictly after the anchor.
    After,
    /// Closest to the anchor, ties to the past.
    Closest,
}

fn pick_by<T: Copy>(anchor: i64, cands: &[(i64, T)], pick: Pick) -> Option<T> {
    let ok = |k: i64| match pick {
        Pick::Past => k <= anchor,
        Pick::Future => k >= anchor,
        Pick::Before => k < anchor,
        Pick::After => k > anchor,
        Pick::Closest => true,
    };
    cands
        .iter()
        .filter(|c| ok(c.0))
        .min_by_key(|c| ((c.0 - anchor).abs(), c.0 > anchor))
        .map(|c| c.1)
}

fn tense_pick(tense: i8) -> Pick {
    match tense {
        t if t < 0 => Pick::Past,
        t if t > 0 => Pick::Future,
        _ => Pick::Closest,
    }
}

/// Thirds of a month (days 1-10, 11-20, 21-end).
fn month_part(first: Date, part: Option<u8>) -> (Date, Date) {
    let last = first.month_end();
    match part {
        Some(0) => (first, Date { day: 10, ..first }),
        Some(1) => (Date { day: 11, ..first }, Date { day: 20, ..first }),
        Some(_) => (Date { day: 21, ..first }, last),
        None => (first, last),
    }
}

/// Thirds of a year (January-April, May-August, September-December).
fn year_part(y: i32, part: Option<u8>) -> (Date, Date) {
    let (a, b) = match part {
        Some(0) => (1, 4),
        Some(1) => (5, 8),
        Some(_) => (9, 12),
        None => (1, 12),
    };
    let first = Date {
        year: y,
        month: a,
        day: 1,
    };
    (first, Date { month: b, ..first }.month_end())
}

fn add_units(d: Date, n: i32, unit: Unit) -> Date {
    match unit {
        Unit::Day => d.add_days(i64::from(n)),
        Unit::Week => d.add_days(7 * i64::from(n)),
        Unit::Month => d.add_months(n),
        Unit::Year => d.add_months(12 * n),
    }
}

fn gran(unit: Unit) -> Granularity {
    match unit {
        Unit::Day => Granularity::Day,
        Unit::Week => Granularity::Week,
        Unit::Month => Granularity::Month,
        Unit::Year => Granularity::Year,
    }
}

fn signed(n: i32) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// One resolution: start, end, granularity, note, and whether it is a weekday left to the default.
struct Res {
    start: Option<Date>,
    end: Option<Date>,
    gran: Granularity,
    note: Option<String>,
    default_weekday: bool,
}

impl Res {
    /// Nothing resolved yet, at granularity `gran`.
    fn empty(gran: Granularity) -> Res {
        Res {
            start: None,
            end: None,
            gran,
            note: None,
            default_weekday: false,
        }
    }

    /// Resolved to the range `[start, end]`.
    fn range(gran: Granularity, (start, end): (Date, Date)) -> Res {
        Res {
            start: Some(start),
            end: Some(end),
            ..Res::empty(gran)
        }
    }

    /// Left unresolved, with a note of what was said.
    fn noted(gran: Granularity, note: String) -> Res {
        Res {
            note: Some(note),
            ..Res::empty(gran)
        }
    }
}

/// Resolves one expression against the anchor date (the publish date): each kind of expression
/// by its own rule, then "since" turns a point into a span up to the anchor.
fn resolve(f: &Found, anchor: Option<Date>) -> Res {
    let r = match f.val {
        Val::Day { y, m, d, wd } => resolve_day(f, anchor, y, m, d, wd),
        Val::Month { y, m, part, dir } => resolve_month(f, anchor, y, m, part, dir),
        Val::Year { y, part } => Res::range(Granularity::Year, year_part(y, part)),
        Val::Weekday { wd, dir } => resolve_weekday(f, anchor, wd, dir),
        Val::Offset { n, unit } => match anchor {
            Some(a) => Res {
                start: Some(add_units(a, n, unit)),
                ..Res::empty(gran(unit))
            },
            None => Res::noted(
                gran(unit),
                format!("relative={} {}", signed(n), unit.name(n)),
            ),
        },
        Val::Calendar { n, unit } => resolve_calendar(anchor, n, unit),
        Val::PartOf { n, unit, part } => match anchor {
            Some(a) if unit == Unit::Year => {
                Res::range(gran(unit), year_part(a.year + n, Some(part)))
            }
            Some(a) => Res::range(
                gran(unit),
                month_part(a.add_months(n).month_start(), Some(part)),
            ),
            None => Res::noted(
                gran(unit),
                format!(
                    "part={};calendar={} {}",
                    PARTS[usize::from(part).min(2)],
                    signed(n),
                    unit.name(1)
                ),
            ),
        },
        Val::Within { n, unit } => match anchor {
            Some(a) => {
                let other = add_units(a, n, unit);
                Res::range(gran(unit), (a.min(other), a.max(other)))
            }
            None => Res::noted(gran(unit), format!("within={} {}", signed(n), unit.name(n))),
        },
    };
    if f.since {
        apply_since(f, anchor, r)
    } else {
        r
    }
}

/// A day of a month ("7 December", "Wednesday, June 2"): without a year, the candidate in the
/// anchor's year or the next or previous one that the tense and the weekday agree with.
fn resolve_day(
    f: &Found,
    anchor: Option<Date>,
    y: Option<i32>,
    m: u8,
    d: u8,
    wd: Option<u8>,
) -> Res {
    let mut r = Res::empty(Granularity::Day);
    r.start = match (y, anchor) {
        (Some(y), _) => Date::new(y, m, d),
        (None, Some(a)) => {
            let mut cands: Vec<(i64, Date)> = (a.year - 1..=a.year + 1)
                .filter_map(|y| Date::new(y, m, d))
                .map(|x| (x.to_days(), x))
                .collect();
            // "Wednesday, June 2" names its year when one of those within 200 days of the anchor fits.
            let fits = |c: &(i64, Date)| {
                wd.is_some_and(|w| c.1.weekday() == w) && (c.0 - a.to_days()).abs() <= 200
            };
            if cands.iter().any(fits) {
                cands.retain(fits);
            }
            let closest = pick_by(a.to_days(), &cands, Pick::Closest);
            let near = closest.is_some_and(|c| (c.to_days() - a.to_days()).abs() <= 120);
            let pick = match f.tense {
                _ if f.since => Pick::Past,
                _ if near => Pick::Closest,
                t => tense_pick(t),
            };
            pick_by(a.to_days(), &cands, pick)
        }
        (None, None) => None,
    };
    match (r.start, wd) {
        (None, _) => {
            let mut note = format!("month={m};day={d}");
            if let Some(w) = wd {
                note.push_str(";weekday=");
                note.push_str(WEEKDAYS[usize::from(w)]);
            }
            r.note = Some(note);
        }
        (Some(s), Some(w)) if s.weekday() != w => {
            r.note = Some(format!("weekday={} mismatch", WEEKDAYS[usize::from(w)]));
        }
        _ => {}
    }
    r
}

/// A month ("in June", "last March", "mid-June 2021"): without a year, the one "last/next", the
/// tense or nearness picks; a part ("early") narrows it to a third.
fn resolve_month(
    f: &Found,
    anchor: Option<Date>,
    y: Option<i32>,
    m: u8,
    part: Option<u8>,
    dir: Option<i8>,
) -> Res {
    let first = match (y, anchor) {
        (Some(y), _) => Some(Date {
            year: y,
            month: m,
            day: 1,
        }),
        (None, Some(a)) => {
            let pick = match dir {
                _ if f.since => Pick::Past,
                Some(d) if d < 0 => Pick::Before,
                Some(d) if d > 0 => Pick::After,
                Some(_) => Pick::Closest,
                None => tense_pick(f.tense),
            };
            let cands: Vec<(i64, Date)> = (a.year - 1..=a.year + 1)
                .filter(|&y| dir != Some(0) || y == a.year)
                .map(|y| {
                    let x = Date {
                        year: y,
                        month: m,
                        day: 1,
                    };
                    (i64::from(y) * 12 + i64::from(m), x)
                })
                .collect();
            pick_by(i64::from(a.year) * 12 + i64::from(a.month), &cands, pick)
        }
        (None, None) => None,
    };
    if let Some(first) = first {
        return Res::range(Granularity::Month, month_part(first, part));
    }
    let mut note = format!("month={m}");
    if let Some(p) = part {
        note.push_str(";part=");
        note.push_str(PARTS[usize::from(p).min(2)]);
    }
    if let Some(d) = dir {
        note.push_str(&format!(";dir={}", signed(i32::from(d))));
    }
    Res::noted(Granularity::Month, note)
}

/// A weekday ("on Tuesday", "next Friday"): the one "last/next" or the tense points to; with
/// neither, the past one, marked as a default that a dated mention nearby may overrule.
fn resolve_weekday(f: &Found, anchor: Option<Date>, wd: u8, dir: Option<i8>) -> Res {
    let Some(a) = anchor else {
        let mut note = format!("weekday={}", WEEKDAYS[usize::from(wd)]);
        if let Some(d) = dir {
            note.push_str(&format!(";dir={}", signed(i32::from(d))));
        }
        return Res::noted(Granularity::Day, note);
    };
    let back = |min: i64| {
        let k = (i64::from(a.weekday()) - i64::from(wd)).rem_euclid(7);
        a.add_days(-(if k < min { k + 7 } else { k }))
    };
    let fwd = |min: i64| {
        let k = (i64::from(wd) - i64::from(a.weekday())).rem_euclid(7);
        a.add_days(if k < min { k + 7 } else { k })
    };
    let mut r = Res::empty(Granularity::Day);
    r.start = Some(match dir {
        Some(d) if d < 0 => back(1),
        Some(d) if d > 0 => fwd(1),
        _ if f.since || f.tense < 0 => back(0),
        _ if f.tense > 0 || dir == Some(0) => fwd(0),
        _ => {
            r.default_weekday = true;
            r.note = Some(format!(
                "weekday={};assumed=past",
                WEEKDAYS[usize::from(wd)]
            ));
            back(0)
        }
    });
    r
}

/// A calendar unit counted from the anchor's ("this week", "last year"): the whole unit.
fn resolve_calendar(anchor: Option<Date>, n: i32, unit: Unit) -> Res {
    let Some(a) = anchor else {
        return Res::noted(
            gran(unit),
            format!("calendar={} {}", signed(n), unit.name(1)),
        );
    };
    let (s, e) = match unit {
        Unit::Day => {
            let d = a.add_days(i64::from(n));
            (d, d)
        }
        Unit::Week => {
            let d = a.add_days(7 * i64::from(n));
            let monday = d.add_days(-i64::from(d.weekday()));
            (monday, monday.add_days(6))
        }
        Unit::Month => {
            let d = a.add_months(n).month_start();
            (d, d.month_end())
        }
        Unit::Year => year_part(a.year + n, None),
    };
    Res {
        start: Some(s),
        end: (s != e).then_some(e),
        ..Res::empty(gran(unit))
    }
}

/// "Since X": a resolved point up to the anchor becomes the span from it to the anchor (a weekday
/// then needs no default); anything else keeps its note, marked `since`.
fn apply_since(f: &Found, anchor: Option<Date>, mut r: Res) -> Res {
    match (r.start, anchor) {
        (Some(s), Some(a)) if s <= a => {
            r.end = (s < a).then_some(a);
            if matches!(f.val, Val::Weekday { .. }) {
                r.default_weekday = false;
                r.note = None;
            }
        }
        _ => {
            let note = r.note.take();
            r.note = Some(match note {
                Some(n) => format!("since;{n}"),
                None => "since".to_owned(),
            });
        }
    }
    r
}

/// Resolves every expression, then gives each bare weekday the date of an explicit mention of the
/// same weekday within six days of the anchor, the nearest in the text.
fn resolve_all(m: &Matcher<'_>, found: &[Found], anchor: Option<Date>) -> Vec<TimeExpr> {
    let mut res: Vec<Res> = found.iter().map(|f| resolve(f, anchor)).collect();
    if let Some(a) = anchor {
        let strong: Vec<(u32, Date)> = found
            .iter()
            .zip(&res)
            .filter(|(f, r)| {
                !r.default_weekday
                    && r.end.is_none()
                    && r.gran == Granularity::Day
                    && matches!(f.val, Val::Day { .. } | Val::Weekday { .. })
            })
            .filter_map(|(f, r)| r.start.map(|s| (f.start, s)))
            .filter(|(_, s)| (s.to_days() - a.to_days()).abs() <= 6)
            .collect();
        for (f, r) in found.iter().zip(res.iter_mut()) {
            let Val::Weekday { wd, .. } = f.val else {
                continue;
            };
            if !r.default_weekday {
                continue;
            }
            if let Some(&(_, d)) = strong
                .iter()
                .filter(|(_, d)| d.weekday() == wd)
                .min_by_key(|(pos, _)| pos.abs_diff(f.start))
            {
                r.start = Some(d);
                r.note = None;
            }
        }
    }
    let _ = m.text;
    found
        .iter()
        .zip(res)
        .map(|(f, r)| TimeExpr {
            span: Span::new(f.start as usize, f.end as usize),
            start: r.start.map(|d| d.to_string()),
            end: r.end.map(|d| d.to_string()),
            granularity: r.gran,
            note: r.note,
        })
        .collect()
}
