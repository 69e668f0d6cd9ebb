//! Reading one document's figures for claims at push time: which figures count a known concept,
//! and what their sentence says about them (subject, sense, date, source).
//!
//! Everything is read within the figure's sentence, and most within its clause (the sentence cut
//! at coordinating conjunctions and `;`/`:`, see [`words::CLAUSE`]):
//! - concept: the counted noun through [`concepts`]; a count of people with a casualty phrase
//!   near it becomes a casualty count ("29 tentara ... yang kehilangan nyawa" → "troops killed");
//!   a currency gives "money <code>"; other units and percentages are no claims;
//! - a figure without a counted noun and without a unit takes the concept of the nearest figure of
//!   its sentence that has one, when the two are within a factor of 20 ("a ground operation with
//!   175,000 troops and ... 94,000 were already deployed"), and is marked `borrowed`;
//! - sense: [`words::MODALITY`] within 8 words before or 6 after the figure, in its clause;
//! - subject: the nearest word of the figure phrase, within 2 after its noun or 4 before it that is (in)
//!   a place or organisation mention, or an adjective of one the document names ("ukrainische" of
//!   "Ukraine"), not part of the attribution;
//! - as of: the nearest resolved time expression of the sentence; one that is still running when
//!   the document is published ("during 2021", "since 2014") gives the publish date;
//! - attributed to: the quote's speaker when the figure is quoted, else the source of an
//!   attribution phrase of the clause ("according to X", "X said", "said X").

use concord_model::{
    AsOfGrain, ClaimFigure, DocFacts, EntityType, Figure, Granularity, MAX_CLAIM_FIGURES,
    MAX_CLAIM_TEXT, Mention, Sense, Span, TimeExpr,
};

use super::concepts::{big_enough, concept_of, counts_people};
use super::words::{self, ACCORDING, CLAUSE, INJURED, KILLED, MODALITY, SAID, any_at};
use crate::digest::days;
use concord_model::civil::{Date, days_in_month};

/// A word of a sentence.
struct Token {
    start: usize,
    end: usize,
    lower: String,
}

/// The words of `text[span]`: runs of letters, digits and apostrophes.
fn tokens(text: &str, span: Span) -> Vec<Token> {
    let (from, to) = (span.start as usize, (span.end as usize).min(text.len()));
    let Some(sentence) = text.get(from..to) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in sentence.char_indices().chain([(sentence.len(), ' ')]) {
        let word = c.is_alphanumeric() || c == '\'' || c == '’';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Token {
                    start: from + s,
                    end: from + i,
                    lower: sentence[s..i].to_lowercase(),
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// A figure's sentence, read once.
struct Sentence<'a> {
    text: &'a str,
    lang: &'a str,
    tokens: Vec<Token>,
    lower: Vec<String>,
}

impl<'a> Sentence<'a> {
    fn new(text: &'a str, lang: &'a str, span: Span) -> Sentence<'a> {
        let tokens = tokens(text, span);
        let lower = tokens.iter().map(|t| t.lower.clone()).collect();
        Sentence {
            text,
            lang,
            tokens,
            lower,
        }
    }

    /// The text between token `i - 1` and token `i`.
    fn gap_before(&self, i: usize) -> &str {
        match (i.checked_sub(1).and_then(|p| self.tokens.get(p)), self.tokens.get(i)) {
            (Some(p), Some(t)) => self.text.get(p.end..t.start).unwrap_or(""),
            _ => "",
        }
    }

    /// The tokens of a byte span: first and one past the last.
    fn tokens_of(&self, span: Span) -> Option<(usize, usize)> {
        let (s, e) = (span.start as usize, span.end as usize);
        let first = self.tokens.iter().position(|t| t.end > s)?;
        let last = self.tokens.iter().rposition(|t| t.start < e)?;
        (first <= last).then_some((first, last + 1))
    }

    /// The clause holding tokens `from..to`: it ends at clause words and `;`, `:`.
    fn clause(&self, from: usize, to: usize) -> (usize, usize) {
        let ends = words::of(CLAUSE, self.lang);
        let is_end = |i: usize| ends.contains(&self.lower[i].as_str());
        let hard = |i: usize| self.gap_before(i).contains([';', ':', '(', ')', '"', '“', '”']);
        let mut start = from;
        while start > 0 && !is_end(start - 1) && !hard(start) {
            start -= 1;
        }
        let mut end = to;
        while end < self.tokens.len() && !is_end(end) && !hard(end) {
            end += 1;
        }
        (start, end)
    }

    /// Whether a phrase of `table` starts at a token of `range`.
    fn has(&self, table: &'static [(&'static str, &'static [&'static str])], range: (usize, usize)) -> bool {
        let phrases = words::of(table, self.lang);
        (range.0..range.1).any(|i| any_at(phrases, &self.lower, i).is_some())
    }

    fn text_of(&self, from: usize, to: usize) -> String {
        let (Some(a), Some(b)) = (self.tokens.get(from), to.checked_sub(1).and_then(|t| self.tokens.get(t)))
        else {
            return String::new();
        };
        cut(self.text.get(a.start..b.end).unwrap_or(""))
    }
}

/// A string cut to [`MAX_CLAIM_TEXT`] bytes on a character boundary.
fn cut(s: &str) -> String {
    let mut end = s.len().min(MAX_CLAIM_TEXT);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].trim().to_owned()
}

/// The concept of a figure from its own words, if any.
fn own_concept(figure: &Figure, lang: &str) -> Option<String> {
    if let Some(unit) = &figure.unit {
        let currency = unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase());
        return currency.then(|| format!("money {unit}"));
    }
    let noun = figure.counted_base.iter().chain(&figure.counted);
    noun.into_iter()
        .find_map(|w| concept_of(lang, w))
        .map(str::to_owned)
}

/// A number that reads as a year (nothing counted, four digits).
fn year_like(figure: &Figure) -> bool {
    figure.value.fract() == 0.0 && (1800.0..=2100.0).contains(&figure.value)
}

/// The claimable figures of a document, at most [`MAX_CLAIM_FIGURES`].
pub fn digest(facts: &DocFacts) -> Vec<ClaimFigure> {
    let doc = &facts.doc;
    let lang = doc.lang.code.as_str();
    let concepts: Vec<Option<String>> = facts.figures.iter().map(|f| own_concept(f, lang)).collect();
    let mut out = Vec::new();
    for (k, figure) in facts.figures.iter().enumerate() {
        if out.len() >= MAX_CLAIM_FIGURES {
            break;
        }
        let (concept, borrowed) = match &concepts[k] {
            Some(c) => (c.clone(), false),
            None if figure.counted.is_none() && figure.unit.is_none() && !year_like(figure) => {
                match borrow(facts, &concepts, k) {
                    Some(c) => (c, true),
                    None => continue,
                }
            }
            None => continue,
        };
        let Some(&sentence) = doc.sentences.get(figure.sentence as usize) else {
            continue;
        };
        if let Some(claim) = read(facts, figure, sentence, concept, borrowed) {
            out.push(claim);
        }
    }
    out
}

/// The concept of the nearest figure of the same sentence with one, within a factor of 20.
fn borrow(facts: &DocFacts, concepts: &[Option<String>], k: usize) -> Option<String> {
    let figure = &facts.figures[k];
    if figure.value < 10.0 {
        return None;
    }
    facts
        .figures
        .iter()
        .zip(concepts)
        .enumerate()
        .filter(|(j, (other, c))| {
            *j != k
                && other.sentence == figure.sentence
                && c.as_deref().is_some_and(|c| !c.starts_with("money"))
                && (other.value / figure.value).max(figure.value / other.value) <= 20.0
        })
        .min_by_key(|(j, _)| j.abs_diff(k))
        .and_then(|(_, (_, c))| c.clone())
}

/// Reads one figure in its sentence.
fn read(
    facts: &DocFacts,
    figure: &Figure,
    sentence: Span,
    concept: String,
    borrowed: bool,
) -> Option<ClaimFigure> {
    let text = facts.doc.text.as_str();
    let s = Sentence::new(text, &facts.doc.lang.code, sentence);
    let (first, last) = s.tokens_of(figure.span)?;
    let noun_end = figure
        .counted
        .as_deref()
        .map(str::to_lowercase)
        .and_then(|noun| (last..s.tokens.len().min(last + 4)).find(|&i| s.lower[i] == noun))
        .map_or(last, |i| i + 1);
    let clause = s.clause(first, noun_end);
    let concept = casualty(&s, concept, clause, first, noun_end);
    if !big_enough(&concept, figure.value) {
        return None;
    }
    let near = (first.saturating_sub(8).max(clause.0), (noun_end + 6).min(clause.1));
    let sense = if s.has(MODALITY, near) {
        Sense::Planned
    } else {
        Sense::Actual
    };
    let (attributed_to, source) = attribution(facts, &s, figure.span, clause, first, noun_end);
    let subject = subject(facts, &s, clause, (first, noun_end), source);
    let (as_of, grain) = as_of(facts, sentence, figure.span).unwrap_or((None, AsOfGrain::Day));
    Some(ClaimFigure {
        span: figure.span,
        value: figure.value,
        value_max: figure.value_max,
        qualifier: figure.qualifier,
        concept,
        subject,
        sense,
        as_of,
        grain,
        attributed_to,
        text: cut(figure.span.of(text)),
        borrowed,
    })
}

/// A count of people becomes a casualty count when a casualty phrase is near it in its clause.
fn casualty(s: &Sentence<'_>, concept: String, clause: (usize, usize), first: usize, end: usize) -> String {
    if !counts_people(&concept) {
        return concept;
    }
    let near = (first.saturating_sub(3).max(clause.0), (end + 8).min(clause.1));
    let what = if s.has(KILLED, near) {
        "killed"
    } else if s.has(INJURED, near) {
        "injured"
    } else {
        return concept;
    };
    match concept.as_str() {
        "people" => what.to_owned(),
        _ => format!("{concept} {what}"),
    }
}

/// Who the figure is attributed to, and the tokens naming them (excluded from the subject).
fn attribution(
    facts: &DocFacts,
    s: &Sentence<'_>,
    span: Span,
    clause: (usize, usize),
    first: usize,
    end: usize,
) -> (Option<String>, Option<(usize, usize)>) {
    let text = facts.doc.text.as_str();
    if let Some(quote) = facts
        .quotes
        .iter()
        .find(|q| q.span.start <= span.start && span.end <= q.span.end)
    {
        let who = quote
            .speaker
            .clone()
            .or_else(|| quote.speaker_span.map(|sp| sp.of(text).to_owned()));
        if who.is_some() {
            return (who.map(|w| cut(&w)), None);
        }
    }
    let according = words::of(ACCORDING, s.lang);
    let said = words::of(SAID, s.lang);
    for i in clause.0..clause.1 {
        if (first..end).contains(&i) {
            continue;
        }
        if let Some(n) = any_at(according, &s.lower, i) {
            let from = i + n;
            let to = phrase_end(s, from, clause.1, first);
            if to > from {
                return (Some(s.text_of(from, to)), Some((from, to)));
            }
        }
        if let Some(n) = any_at(said, &s.lower, i) {
            // The source before the verb ("the minister said"), else after it ("said the minister").
            let floor = if i > first { end.max(clause.0) } else { clause.0 };
            let mut from = i;
            while from > floor && i - from < 6 && !s.gap_before(from).contains([',', '.']) {
                from -= 1;
            }
            let (from, to) = if from < i {
                (from, i)
            } else {
                (i + n, phrase_end(s, i + n, clause.1, first))
            };
            if to > from {
                let who = named(facts, s, from, to).unwrap_or_else(|| s.text_of(from, to));
                return (Some(who), Some((from, to)));
            }
        }
    }
    (None, None)
}

/// Where a source phrase starting at `from` ends: 6 words, a comma, the clause or the figure.
fn phrase_end(s: &Sentence<'_>, from: usize, clause_end: usize, figure: usize) -> usize {
    let mut to = from;
    while to < clause_end && to < from + 6 && to != figure && (to == from || !s.gap_before(to).contains([',', '.'])) {
        to += 1;
    }
    to
}

/// The last person or organisation mention within tokens `from..to`.
fn named(facts: &DocFacts, s: &Sentence<'_>, from: usize, to: usize) -> Option<String> {
    let (a, b) = (s.tokens.get(from)?.start, s.tokens.get(to.checked_sub(1)?)?.end);
    facts
        .entities
        .iter()
        .filter(|m| matches!(m.kind, EntityType::Person | EntityType::Organization))
        .filter(|m| m.span.start as usize >= a && m.span.end as usize <= b)
        .last()
        .map(|m| cut(m.span.of(&facts.doc.text)))
}

/// The subject word near the figure, as written.
fn subject(
    facts: &DocFacts,
    s: &Sentence<'_>,
    clause: (usize, usize),
    figure: (usize, usize),
    source: Option<(usize, usize)>,
) -> Option<String> {
    let text = facts.doc.text.as_str();
    let places: Vec<&Mention> = facts
        .entities
        .iter()
        .filter(|m| matches!(m.kind, EntityType::Location | EntityType::Organization | EntityType::Misc))
        .collect();
    let keys: Vec<String> = places
        .iter()
        .filter(|m| m.kind == EntityType::Location)
        .map(|m| super::subject_key(&m.base))
        .collect();
    // Inside the figure phrase ("100,000 Russian troops"), then after its noun ("tentara
    // Rusia"), then before it ("NATO wants 40,000 troops"), nearest first.
    let inside = (figure.0 + 1..figure.1).rev();
    let before = (figure.0.saturating_sub(4).max(clause.0)..figure.0).rev();
    let after = figure.1..(figure.1 + 2).min(clause.1);
    for i in inside.chain(after).chain(before) {
        if source.is_some_and(|(a, b)| (a..b).contains(&i)) {
            continue;
        }
        let token = &s.tokens[i];
        if let Some(m) = places
            .iter()
            .find(|m| m.span.start as usize <= token.start && token.end <= m.span.end as usize)
        {
            return Some(cut(m.span.of(text)));
        }
        let key = super::subject_key(&token.lower);
        if key.chars().count() >= 3 && keys.contains(&key) {
            return Some(cut(text.get(token.start..token.end).unwrap_or("")));
        }
    }
    None
}

/// The last day a figure refers to, from the nearest resolved time expression of its sentence;
/// `None` (the publish date) when that expression is still running at publication.
fn as_of(facts: &DocFacts, sentence: Span, figure: Span) -> Option<(Option<i32>, AsOfGrain)> {
    let published = facts.doc.published.as_ref().and_then(|p| days(&p.value));
    let expr = facts
        .dates
        .iter()
        .filter(|d| d.start.is_some() && d.span.start >= sentence.start && d.span.end <= sentence.end)
        .filter(|d| d.span.end <= figure.start || d.span.start >= figure.end)
        .min_by_key(|d| {
            if d.span.end <= figure.start {
                figure.start - d.span.end
            } else {
                d.span.start - figure.end
            }
        })?;
    if opens(facts, expr) {
        return Some((None, AsOfGrain::Day));
    }
    let (end, grain) = last_day(expr)?;
    match published {
        Some(p) if end >= p => Some((None, AsOfGrain::Day)),
        _ => Some((Some(end), grain)),
    }
}

/// Words that make a time expression the start of a period running to now ("since 2014").
const SINCE: &[&str] = &[
    "since", "seit", "sejak", "semenjak", "depuis", "desde", "dal", "dalla", "dall", "dai", "с",
    "со", "від", "od", "sinds", "beri", "itibaren",
];

fn opens(facts: &DocFacts, expr: &TimeExpr) -> bool {
    let text = facts.doc.text.as_str();
    let before = text.get(..expr.span.start as usize).unwrap_or("");
    let inside = expr.span.of(text).to_lowercase();
    let last = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    SINCE.contains(&last.as_str()) || SINCE.iter().any(|w| inside.starts_with(&format!("{w} ")))
}

/// The last day of a resolved time expression and its precision.
fn last_day(expr: &TimeExpr) -> Option<(i32, AsOfGrain)> {
    let start = Date::parse_iso(expr.start.as_deref()?)?;
    if let Some(end) = expr.end.as_deref().and_then(days) {
        return Some((end, AsOfGrain::Day));
    }
    let first = start.to_days() as i32;
    Some(match expr.granularity {
        Granularity::Time | Granularity::Day => (first, AsOfGrain::Day),
        Granularity::Week => (first + 6, AsOfGrain::Day),
        Granularity::Month => {
            let last = Date::new(start.year, start.month, days_in_month(start.year, start.month))?;
            (last.to_days() as i32, AsOfGrain::Month)
        }
        Granularity::Year => (Date::new(start.year, 12, 31)?.to_days() as i32, AsOfGrain::Year),
    })
}
