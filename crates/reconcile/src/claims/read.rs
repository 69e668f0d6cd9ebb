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
//! - sense: [`words::MODALITY`] within 8 words before or 6 after the figure (14 in German and
//!   Dutch, whose verbs come last), across coordination but not across `,;:`;
//! - subject: the nearest word of the figure phrase, the word after its noun (in languages whose
//!   adjectives follow the noun) or within 4 before it that is (in) a place or organisation
//!   mention (not a person's name), or an adjective of a place the document names ("ukrainische"
//!   of "Ukraine"), not part of the attribution;
//! - as of: the nearest resolved time expression of the sentence; one that is still running when
//!   the document is published ("during 2021", "since 2014") gives the publish date;
//! - attributed to: the quote's speaker when the figure is quoted, else the source of an
//!   attribution phrase of the clause ("according to X", "X said", "said X").

use concord_model::{
    AsOfGrain, ClaimFigure, DocFacts, EntityType, Figure, Granularity, MAX_CLAIM_FIGURES,
    MAX_CLAIM_TEXT, Mention, Sense, Span, TimeExpr,
};

use super::concepts::{big_enough, closed, concept_of, counts_people, open_concept};
use super::words::{
    self, ACCORDING, AGE_AFTER, AGE_BEFORE, CLAUSE, INJURED, KILLED, MODALITY, SAID, YEARS, any_at,
};
use crate::digest::days;
use concord_model::civil::{Date, days_in_month};

/// A word of a sentence (its lowercase form is [`Sentence::lower`] at the same index).
struct Token {
    start: usize,
    end: usize,
}

/// The words of `text[span]` (runs of letters, digits and apostrophes), and their lowercase
/// forms.
fn tokens(text: &str, span: Span) -> (Vec<Token>, Vec<String>) {
    let (from, to) = (span.start as usize, (span.end as usize).min(text.len()));
    let Some(sentence) = text.get(from..to) else {
        return (Vec::new(), Vec::new());
    };
    let (mut out, mut lower) = (Vec::new(), Vec::new());
    let mut start = None;
    for (i, c) in sentence.char_indices().chain([(sentence.len(), ' ')]) {
        let word = c.is_alphanumeric() || c == '\'' || c == '’';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Token {
                    start: from + s,
                    end: from + i,
                });
                lower.push(sentence[s..i].to_lowercase());
                start = None;
            }
            _ => {}
        }
    }
    (out, lower)
}

fn digits(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit())
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
        let (tokens, lower) = tokens(text, span);
        Sentence {
            text,
            lang,
            tokens,
            lower,
        }
    }

    /// The text between token `i - 1` and token `i`; nothing inside a number ("40.000").
    fn gap_before(&self, i: usize) -> &str {
        match (
            i.checked_sub(1).and_then(|p| self.tokens.get(p)),
            self.tokens.get(i),
        ) {
            (Some(p), Some(t)) if !(digits(&self.lower[i - 1]) && digits(&self.lower[i])) => {
                self.text.get(p.end..t.start).unwrap_or("")
            }
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
        let hard = |i: usize| {
            self.gap_before(i)
                .contains([';', ':', '(', ')', '"', '“', '”'])
        };
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

    /// Where the words after `from` end: `reach` words on, or at `,;:` (coordination does not
    /// end them: German puts the verb last, "40.000 Soldaten und ... einsetzen zu wollen").
    fn phrase_after(&self, from: usize, reach: usize) -> usize {
        let mut to = from;
        while to < self.tokens.len()
            && to < from + reach
            && (to == from || !self.gap_before(to).contains([',', ';', ':', '.']))
        {
            to += 1;
        }
        to
    }

    /// Where the words before `to` start: `reach` words back, or after `,;:` (coordinated
    /// objects share their verb: "ingin mengerahkan 40.000 tentara dan 15.000 kendaraan").
    fn phrase_before(&self, to: usize, reach: usize) -> usize {
        let mut from = to;
        while from > 0 && to - from < reach && !self.gap_before(from).contains([',', ';', ':', '.'])
        {
            from -= 1;
        }
        from
    }

    /// Whether a phrase of `table` starts at a token of `range`.
    fn has(
        &self,
        table: &'static [(&'static str, &'static [&'static str])],
        range: (usize, usize),
    ) -> bool {
        let phrases = words::of(table, self.lang);
        (range.0..range.1).any(|i| any_at(phrases, &self.lower, i).is_some())
    }

    fn text_of(&self, from: usize, to: usize) -> String {
        let (Some(a), Some(b)) = (
            self.tokens.get(from),
            to.checked_sub(1).and_then(|t| self.tokens.get(t)),
        ) else {
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

/// The concept of a figure from its own words, if any: a currency, a percentage, another unit, a
/// counted noun of the table, else (two or more, not a year) the open concept of its noun.
fn own_concept(figure: &Figure, lang: &str) -> Option<String> {
    if let Some(unit) = &figure.unit {
        let currency = unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase());
        return Some(match unit.as_str() {
            _ if currency => format!("money {unit}"),
            "%" => PERCENT_CONCEPT.to_owned(),
            _ => unit.clone(),
        });
    }
    let noun = figure.counted_base.iter().chain(&figure.counted);
    if let Some(c) = noun.clone().find_map(|w| concept_of(lang, w)) {
        return Some(c.to_owned());
    }
    let lower = figure.counted.as_deref()?.to_lowercase();
    if words::PERCENT.contains(&lower.as_str()) {
        return Some(PERCENT_CONCEPT.to_owned());
    }
    if year_like(figure) || figure.value < 2.0 {
        return None;
    }
    noun.into_iter().find_map(|w| open_concept(lang, w))
}

/// The concept of percentages.
const PERCENT_CONCEPT: &str = "percent";

/// A bare figure followed by a word for years: an age ("84-Jährige", "48-year-old", "im Alter
/// von 40 Jahren") or a number of years ("seit 25 Jahren").
fn years(s: &Sentence<'_>, figure: &Figure) -> Option<&'static str> {
    let lang = s.lang;
    let (first, last) = s.tokens_of(figure.span)?;
    if any_at(words::of(AGE_AFTER, lang), &s.lower, last).is_some() {
        return Some("age");
    }
    any_at(words::of(YEARS, lang), &s.lower, last)?;
    if words::any_before(words::of(AGE_BEFORE, lang), &s.lower, first) {
        Some("age")
    } else {
        Some("year")
    }
}

/// A number that reads as a year (nothing counted, four digits).
fn year_like(figure: &Figure) -> bool {
    figure.value.fract() == 0.0 && (1800.0..=2100.0).contains(&figure.value)
}

/// The claimable figures of a document, at most [`MAX_CLAIM_FIGURES`] (closed concepts first),
/// in text order; a figure repeating one kept before (same concept and value) is left out.
pub fn digest(facts: &DocFacts) -> Vec<ClaimFigure> {
    let doc = &facts.doc;
    let lang = doc.lang.code.as_str();
    let concepts: Vec<Option<String>> =
        facts.figures.iter().map(|f| own_concept(f, lang)).collect();
    let mut out: Vec<(bool, usize, ClaimFigure)> = Vec::new();
    // Figures come in text order: each sentence is read once for all its figures.
    let mut read_sentence: Option<(u32, Sentence<'_>)> = None;
    for (k, figure) in facts.figures.iter().enumerate() {
        let bare = figure.counted.is_none() && figure.unit.is_none() && !year_like(figure);
        if concepts[k].is_none() && !bare {
            continue;
        }
        let Some(&sentence) = doc.sentences.get(figure.sentence as usize) else {
            continue;
        };
        let s = match &mut read_sentence {
            Some((at, s)) if *at == figure.sentence => s,
            slot => {
                let s = Sentence::new(&doc.text, lang, sentence);
                &mut slot.insert((figure.sentence, s)).1
            }
        };
        let s: &Sentence<'_> = s;
        let (concept, borrowed) = match &concepts[k] {
            Some(c) => (c.clone(), false),
            None => match years(s, figure) {
                Some(c) => (c.to_owned(), false),
                None => match noun_after(s, figure).or_else(|| borrow(facts, &concepts, k)) {
                    Some(c) => (c, true),
                    None => continue,
                },
            },
        };
        let repeated = out.iter().any(|(_, _, c)| {
            c.concept == concept
                && c.value == figure.value
                && c.value_max == figure.value_max
                && c.qualifier == figure.qualifier
        });
        if repeated {
            continue;
        }
        if let Some(claim) = read(facts, s, figure, sentence, concept, borrowed) {
            out.push((!closed(&claim.concept), k, claim));
        }
    }
    out.sort_by_key(|(open, k, _)| (*open, *k));
    out.truncate(MAX_CLAIM_FIGURES);
    out.sort_by_key(|(_, k, _)| *k);
    out.into_iter().map(|(_, _, claim)| claim).collect()
}

/// The concept of a noun within 5 words after a bare figure, before any punctuation ("brings to
/// 61 the number of Ukrainian soldiers killed").
fn noun_after(s: &Sentence<'_>, figure: &Figure) -> Option<String> {
    let lang = s.lang;
    let (_, last) = s.tokens_of(figure.span)?;
    let end = s.phrase_after(last, 5);
    (last..end)
        .filter(|&i| !s.lower[i].chars().any(|c| c.is_numeric()))
        .find_map(|i| concept_of(lang, &s.lower[i]))
        .map(str::to_owned)
}

/// The concept of the nearest figure of the same sentence with a counted noun, within a factor
/// of 20.
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
                && other.counted.is_some()
                && c.is_some()
                && (other.value / figure.value).max(figure.value / other.value) <= 20.0
        })
        .min_by_key(|(j, _)| j.abs_diff(k))
        .and_then(|(_, (_, c))| c.clone())
}

/// Reads one figure in its sentence.
fn read(
    facts: &DocFacts,
    s: &Sentence<'_>,
    figure: &Figure,
    sentence: Span,
    concept: String,
    borrowed: bool,
) -> Option<ClaimFigure> {
    let text = facts.doc.text.as_str();
    let (first, last) = s.tokens_of(figure.span)?;
    let noun_end = match figure.counted.as_deref().map(str::to_lowercase) {
        Some(noun) => (last..s.tokens.len().min(last + 4)).find(|&i| s.lower[i] == noun),
        None => {
            (last..s.phrase_after(last, 5)).find(|&i| concept_of(s.lang, &s.lower[i]).is_some())
        }
    }
    .map_or(last, |i| i + 1);
    let clause = s.clause(first, noun_end);
    let concept = casualty(s, concept, clause, first, noun_end);
    if !big_enough(&concept, figure.value) {
        return None;
    }
    let reach = if matches!(s.lang, "de" | "nl") { 14 } else { 6 };
    let near = (s.phrase_before(first, 8), s.phrase_after(noun_end, reach));
    let sense = if s.has(MODALITY, near) {
        Sense::Planned
    } else {
        Sense::Actual
    };
    let (attributed_to, source) = attribution(facts, s, figure.span, clause, first, noun_end);
    let subject = subject(facts, s, clause, (first, noun_end), source);
    let (as_of, grain) = as_of(facts, s, sentence, figure.span).unwrap_or((None, AsOfGrain::Day));
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
fn casualty(
    s: &Sentence<'_>,
    concept: String,
    clause: (usize, usize),
    first: usize,
    end: usize,
) -> String {
    if !counts_people(&concept) {
        return concept;
    }
    let near = (
        first.saturating_sub(3).max(clause.0),
        (end + 8).min(clause.1),
    );
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
        // A verb after the figure attributes it only from close by ("94,000 troops, the
        // minister said"), not from a later relative clause ("Russia, which is accused of").
        if i >= end + 8 {
            break;
        }
        if let Some(n) = any_at(said, &s.lower, i) {
            // The source before the verb ("the minister said"), else after it ("said the minister");
            // before an accusation only, and then also before the clause ("Shoigu ... and accuses
            // NATO").
            let accuses = any_at(words::ACCUSE, &s.lower, i).is_some();
            let floor = if i > first {
                end.max(clause.0)
            } else if accuses {
                i.saturating_sub(6)
            } else {
                clause.0
            };
            let mut from = i;
            while from > floor && i - from < 6 && !s.gap_before(from).contains([',', '.']) {
                from -= 1;
            }
            let ends = words::of(CLAUSE, s.lang);
            let mut before = i;
            while before > from && ends.contains(&s.lower[before - 1].as_str()) {
                before -= 1;
            }
            let (from, to) = if from < before {
                (from, before)
            } else if accuses {
                continue;
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
    while to < clause_end
        && to < from + 6
        && to != figure
        && (to == from || !s.gap_before(to).contains([',', '.']))
    {
        to += 1;
    }
    to
}

/// The last person or organisation mention within tokens `from..to`.
fn named(facts: &DocFacts, s: &Sentence<'_>, from: usize, to: usize) -> Option<String> {
    let (a, b) = (
        s.tokens.get(from)?.start,
        s.tokens.get(to.checked_sub(1)?)?.end,
    );
    facts
        .entities
        .iter()
        .rev()
        .filter(|m| matches!(m.kind, EntityType::Person | EntityType::Organization))
        .find(|m| (m.span.end as usize) > a && (m.span.start as usize) < b)
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
        .filter(|m| {
            matches!(
                m.kind,
                EntityType::Location | EntityType::Organization | EntityType::Misc
            )
        })
        .collect();
    let people: Vec<&str> = facts
        .entities
        .iter()
        .filter(|m| m.kind == EntityType::Person)
        .flat_map(|m| m.base.split_whitespace())
        .collect();
    let places: Vec<&Mention> = places
        .into_iter()
        .filter(|m| !people.contains(&m.base.as_str()))
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
    // Adjectives follow the noun in Romance languages, Indonesian and Malay, Arabic.
    let postnominal = matches!(
        s.lang,
        "id" | "ms" | "fr" | "es" | "it" | "pt" | "ro" | "ca" | "ar"
    );
    let after = figure.1..(figure.1 + usize::from(postnominal)).min(clause.1);
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
        let key = super::subject_key(&s.lower[i]);
        if key.chars().count() >= 3 && keys.contains(&key) {
            return Some(cut(text.get(token.start..token.end).unwrap_or("")));
        }
    }
    None
}

/// The last day a figure refers to, from the nearest resolved time expression (or bare year) of
/// its sentence; `None` (the publish date) when that expression is still running at publication.
fn as_of(
    facts: &DocFacts,
    s: &Sentence<'_>,
    sentence: Span,
    figure: Span,
) -> Option<(Option<i32>, AsOfGrain)> {
    let text = facts.doc.text.as_str();
    let published = facts.doc.published.as_ref().and_then(|p| days(&p.value));
    let distance = |span: Span| {
        if span.end <= figure.start {
            Some(figure.start - span.end)
        } else if span.start >= figure.end {
            Some(span.start - figure.end)
        } else {
            None
        }
    };
    // (distance, last day and precision; None: running at publication)
    let mut best: Option<(u32, Option<(i32, AsOfGrain)>)> = None;
    let mut consider = |span: Span, end: Option<(i32, AsOfGrain)>| {
        if let Some(d) = distance(span)
            && best.as_ref().is_none_or(|b| d < b.0)
        {
            best = Some((d, end));
        }
    };
    let inside = |span: Span| span.start >= sentence.start && span.end <= sentence.end;
    for expr in facts
        .dates
        .iter()
        .filter(|d| d.start.is_some() && inside(d.span))
    {
        if opens(text, expr.span) {
            consider(expr.span, None);
        } else if let Some(end) = last_day(expr) {
            consider(expr.span, Some(end));
        }
    }
    // Years the date reader leaves alone ("2020 gewesen").
    for (t, lower) in s.tokens.iter().zip(&s.lower) {
        let span = Span::new(t.start, t.end);
        let year: Option<i32> = (lower.len() == 4 && lower.bytes().all(|b| b.is_ascii_digit()))
            .then(|| lower.parse().ok())
            .flatten()
            .filter(|y| (1900..=2100).contains(y));
        let covered = facts
            .dates
            .iter()
            .any(|d| d.span.start <= span.start && span.end <= d.span.end);
        if let Some(year) = year
            && !covered
            && let Some(last) = Date::new(year, 12, 31)
        {
            let end = (!opens(text, span)).then_some((last.to_days() as i32, AsOfGrain::Year));
            consider(span, end);
        }
    }
    match best?.1 {
        None => Some((None, AsOfGrain::Day)),
        Some((end, _)) if published.is_some_and(|p| end >= p) => Some((None, AsOfGrain::Day)),
        Some((end, grain)) => Some((Some(end), grain)),
    }
}

/// Words that make a time expression the start of a period running to now ("since 2014").
const SINCE: &[&str] = &[
    "since", "seit", "sejak", "semenjak", "depuis", "desde", "dal", "dalla", "dall", "dai", "с",
    "со", "від", "od", "sinds", "beri", "itibaren",
];

/// Whether the time expression at `span` opens a period running to now ("since 2014").
fn opens(text: &str, span: Span) -> bool {
    let before = text.get(..span.start as usize).unwrap_or("");
    let inside = span.of(text).to_lowercase();
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
        let grain = match expr.granularity {
            Granularity::Year => AsOfGrain::Year,
            Granularity::Month => AsOfGrain::Month,
            _ => AsOfGrain::Day,
        };
        return Some((end, grain));
    }
    let first = start.to_days() as i32;
    Some(match expr.granularity {
        Granularity::Time | Granularity::Day => (first, AsOfGrain::Day),
        Granularity::Week => (first + 6, AsOfGrain::Day),
        Granularity::Month => {
            let last = Date::new(
                start.year,
                start.month,
                days_in_month(start.year, start.month),
            )?;
            (last.to_days() as i32, AsOfGrain::Month)
        }
        Granularity::Year => (
            Date::new(start.year, 12, 31)?.to_days() as i32,
            AsOfGrain::Year,
        ),
    })
}
