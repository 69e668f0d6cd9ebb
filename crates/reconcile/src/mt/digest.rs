//! The per-document part of machine-translation damage: [`MtDigest`] from a document's facts.

use concord_model::{
    DocFacts, EntityType, MAX_MT_FIGURE_TEXT, MAX_MT_FIGURES, MAX_MT_WORD, MAX_MT_WORDS, Mention,
    MtDigest, MtFigure, NameSide, Span,
};

use super::fold_word;

/// A name of more words than this is not looked at (tagger run-ons).
pub(super) const MAX_NAME_WORDS: usize = 3;

/// The lowercase word right after `end` (one space between), as (span, text).
fn word_after<'t>(text: &'t str, lang: &str, end: usize) -> Option<(Span, &'t str)> {
    let rest = text.get(end..)?.strip_prefix(' ')?;
    let start = end + 1;
    let len = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    side_word(text, lang, start, start + len)
}

/// The lowercase word right before `start` (one space between), as (span, text).
fn word_before<'t>(text: &'t str, lang: &str, start: usize) -> Option<(Span, &'t str)> {
    let head = text.get(..start)?.strip_suffix(' ')?;
    let begin = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    side_word(text, lang, begin, head.len())
}

/// A word worth keeping: lowercase letters, two to [`MAX_MT_WORD`] bytes, and no function word.
/// Machine translation turns a name into a content word, so a name followed by a function word
/// shows no damage ("Minnesota in" against "Minnesota Wild"), and such sides would only crowd out
/// the useful ones.
fn side_word<'t>(text: &'t str, lang: &str, start: usize, end: usize) -> Option<(Span, &'t str)> {
    let word = text.get(start..end)?;
    let first = word.chars().next()?;
    if !first.is_lowercase() || word.chars().count() < 2 || word.len() > MAX_MT_WORD {
        return None;
    }
    let lexicon = crate::similarity::Lexicon::builtin();
    if lexicon.is_function_word(lang, word) {
        return None;
    }
    Some((Span::new(start, end), word))
}

/// A mention's name part: its capitalised words up to a lowercase one ("Antony berkedip" tagged
/// as one name gives "Antony"; the word after it is then the lowercase one).
fn name_part(text: &str, m: &Mention) -> Option<Span> {
    let (start, end) = (m.span.start as usize, m.span.end as usize);
    let surface = text.get(start..end)?;
    let mut offset = 0;
    for (k, word) in surface.split(' ').enumerate() {
        if k > 0 && word.chars().next().is_some_and(char::is_lowercase) {
            return Some(Span::new(start, start + offset - 1));
        }
        offset += word.len() + 1;
    }
    Some(m.span)
}

/// A mention's tail: its capitalised words after its last lowercase one, when there are both
/// ("Il senatore democratico Amy" gives "Amy", whose next word is the one to look at).
fn name_tail(text: &str, m: &Mention) -> Option<Span> {
    let surface = text.get(m.span.start as usize..m.span.end as usize)?;
    let (head, tail) = surface.rsplit_once(' ')?;
    let mut start = head.len() + 1;
    for word in head.rsplit(' ') {
        if word.chars().next().is_some_and(char::is_lowercase) {
            let at = m.span.start as usize + start;
            let starts_upper = tail.chars().next().is_some_and(char::is_uppercase);
            return starts_upper.then(|| Span::new(at, m.span.end as usize));
        }
        start -= word.len() + 1;
    }
    None
}

/// Whether a word is glued on with a hyphen right after `end` ("$126-million": the figure as
/// read may have missed its magnitude).
fn glued_word(text: &str, end: usize) -> bool {
    let mut rest = text.get(end..).unwrap_or("").chars();
    rest.next() == Some('-') && rest.next().is_some_and(char::is_alphabetic)
}

/// Fills `sides` up to [`MAX_MT_WORDS`] with capitalised words no mention holds, each at its
/// first occurrence followed by a lowercase word: letters only, three or more, and unknown to the
/// lexicon in the document's language (which knows the words that start sentences). A first name
/// whose surname machine translation turned into a common word is often no longer tagged
/// ("Sandile fiume", "LeBron finestra"); the pair rule matches it against the partner's names.
fn untagged_sides(facts: &DocFacts, sides: &mut Vec<NameSide>) {
    let text = facts.doc.text.as_str();
    let lang = facts.doc.lang.code.as_str();
    let lexicon = crate::similarity::Lexicon::builtin();
    let tagged = |start: usize| {
        let at = facts
            .entities
            .partition_point(|m| (m.span.end as usize) <= start);
        facts
            .entities
            .get(at)
            .is_some_and(|m| (m.span.start as usize) <= start)
    };
    let mut seen: Vec<String> = Vec::new();
    let mut lower = String::new();
    let mut at = 0;
    for word in text.split(' ') {
        let start = at;
        at += word.len() + 1;
        let end = start + word.len();
        if sides.len() >= MAX_MT_WORDS {
            return;
        }
        let name_like = word.chars().count() >= 3
            && word.chars().all(char::is_alphabetic)
            && word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().skip(1).any(char::is_lowercase);
        if !name_like || tagged(start) || seen.iter().any(|s| s == word) {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        // Every English word is its own pivot: English words are known by their frequency.
        let known = lang != "en" && lexicon.first_pivot(lang, &lower).is_some();
        if known || lexicon.frequency(lang, &lower) > 0 {
            continue;
        }
        let Some((span, after)) = word_after(text, lang, end) else {
            continue;
        };
        seen.push(word.to_owned());
        sides.push(NameSide {
            name: Span::new(start, end),
            word: span,
            text: after.to_owned(),
            after: true,
            untagged: Some(word.to_owned()),
        });
    }
}

/// The machine-translation digest of one document (see [`MtDigest`]).
pub fn digest(facts: &DocFacts) -> MtDigest {
    let text = facts.doc.text.as_str();
    let lang = facts.doc.lang.code.as_str();
    let mut figures = Vec::new();
    for f in &facts.figures {
        if figures.len() == MAX_MT_FIGURES {
            break;
        }
        let Some(written) = text.get(f.span.start as usize..f.span.end as usize) else {
            continue;
        };
        if f.value < 1.0
            || f.value.fract() != 0.0
            || written.len() > MAX_MT_FIGURE_TEXT
            || !written.bytes().any(|b| b.is_ascii_digit())
            || glued_word(text, f.span.end as usize)
        {
            continue;
        }
        figures.push(MtFigure {
            span: f.span,
            text: written.to_owned(),
            value: f.value,
        });
    }

    let mut sides: Vec<NameSide> = Vec::new();
    let mut seen_after: Vec<String> = Vec::new();
    let mut seen_before: Vec<String> = Vec::new();
    let parts = facts.entities.iter().flat_map(|m| {
        let head = name_part(text, m).map(|span| (m, span));
        let tail = name_tail(text, m).map(|span| (m, span));
        head.into_iter().chain(tail)
    });
    for (m, name) in parts {
        let Some(name_text) = text.get(name.start as usize..name.end as usize) else {
            continue;
        };
        let words = name_text.split(' ').count();
        if words > MAX_NAME_WORDS || !name_text.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let key = fold_word(name_text);
        if let Some((span, word)) = word_after(text, lang, name.end as usize)
            && !seen_after.contains(&key)
        {
            seen_after.push(key.clone());
            sides.push(NameSide {
                name,
                word: span,
                text: word.to_owned(),
                after: true,
                untagged: None,
            });
        }
        if m.kind == EntityType::Person
            && words >= 2
            && !seen_before.contains(&key)
            && let Some((span, word)) = word_before(text, lang, name.start as usize)
        {
            seen_before.push(key);
            sides.push(NameSide {
                name,
                word: span,
                text: word.to_owned(),
                after: false,
                untagged: None,
            });
        }
    }
    sides.sort_by_key(|s| (s.word.start, s.after));
    sides.truncate(MAX_MT_WORDS);
    untagged_sides(facts, &mut sides);
    sides.sort_by_key(|s| (s.word.start, s.after));
    MtDigest { figures, sides }
}
