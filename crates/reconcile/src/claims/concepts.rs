//! Counted nouns to one English concept across languages ("tentara", "Soldaten", "troops",
//! "soldiers" → troops; "Tote", "dead", "killed" → killed).
//!
//! The table is `data/concepts/counted.tsv` (compiled in, read once): a hand-written list of the
//! counted nouns common in news in 14 languages. A noun not listed is tried as an English plural
//! ("servicewomen" no, "soldiers" → "soldier"), as the last part of a German or Dutch compound
//! ("Kriegsfahrzeuge" → "fahrzeuge"), then through the FreeDict lexicon (its first English
//! translation, when that is a listed English form).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::fxhash::FxMap;
use crate::similarity::Lexicon;

const TABLE: &str = include_str!("../../../../data/concepts/counted.tsv");

/// Concepts that count people, which a casualty phrase turns into a casualty count.
const PEOPLE: &[&str] = &[
    "troops",
    "people",
    "civilians",
    "children",
    "refugees",
    "migrants",
    "protesters",
];

/// The smallest value a concept's figure must have to be a claim: "dua tentara" is two armies
/// (one word for army and troops), never two soldiers.
fn min_value(concept: &str) -> f64 {
    match concept {
        "troops" => 10.0,
        _ => 1.0,
    }
}

/// The listed forms of one language: form → concept.
type Forms = FxMap<&'static str, &'static str>;

struct Concepts {
    /// Language → its forms.
    forms: HashMap<&'static str, Forms>,
    /// Lexicon pivot of an English form → concept (the first listed), for the lexicon's
    /// translations.
    english: FxMap<u32, &'static str>,
    /// Every concept the table names.
    names: HashSet<&'static str>,
}

static CONCEPTS: LazyLock<Concepts> = LazyLock::new(|| {
    let mut forms: HashMap<&'static str, Forms> = HashMap::new();
    let mut english = FxMap::default();
    let mut names = HashSet::new();
    for line in TABLE.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(concept), Some(lang), Some(words)) = (cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        names.insert(concept);
        for form in words.split(' ').filter(|w| !w.is_empty()) {
            forms
                .entry(lang)
                .or_default()
                .entry(form)
                .or_insert(concept);
            if lang == "en" {
                english
                    .entry(crate::similarity::pivot_of(form))
                    .or_insert(concept);
            }
        }
    }
    Concepts {
        forms,
        english,
        names,
    }
});

/// The concept of the counted noun `word` (as written or its base form) in `lang`.
pub fn concept_of(lang: &str, word: &str) -> Option<&'static str> {
    let lower: Cow<'_, str> = if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    };
    let lower = lower.as_ref();
    let table = &*CONCEPTS;
    let listed = |lang: &str, form: &str| table.forms.get(lang)?.get(form).copied();
    let lang = match lang {
        // Malay shares most counted nouns with Indonesian.
        "ms" if listed("ms", lower).is_none() => "id",
        other => other,
    };
    if let Some(c) = listed(lang, lower) {
        return Some(c);
    }
    if lang == "en"
        && let Some(c) = english_plural(lower).and_then(|s| listed("en", &s))
    {
        return Some(c);
    }
    if matches!(lang, "de" | "nl")
        && let Some(c) = table
            .forms
            .get(lang)
            .and_then(|forms| compound_tail(forms, lower))
    {
        return Some(c);
    }
    let pivot = Lexicon::builtin().first_pivot(lang, lower)?;
    table.english.get(&pivot).copied()
}

/// The singular of a regular English plural.
fn english_plural(word: &str) -> Option<Cow<'_, str>> {
    if let Some(stem) = word.strip_suffix("ies") {
        return Some(Cow::Owned(format!("{stem}y")));
    }
    if ["ss", "us", "is"].iter().any(|end| word.ends_with(end)) {
        return None;
    }
    word.strip_suffix('s').map(Cow::Borrowed)
}

/// The concept of the longest listed form (five letters or more) a compound ends in.
fn compound_tail(forms: &Forms, word: &str) -> Option<&'static str> {
    word.char_indices()
        .skip(1)
        .map(|(at, _)| &word[at..])
        .take_while(|tail| tail.chars().count() >= 5)
        .find_map(|tail| forms.get(tail).copied())
}

/// The open concept of a counted noun the table does not list: the English word it is counted
/// as ([`Lexicon::english_noun`]: "giorni" and "days" → "day", "sporcu" → "athlete"), else the
/// noun itself (lowercase), which then meets only its own spelling. `word` is the base form
/// where extract gives one.
pub fn open_concept(lang: &str, word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    if lower.chars().count() < 2 || lower.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return None;
    }
    if lang == "en" {
        return Some(english_plural(&lower).map_or_else(|| lower.clone(), Cow::into_owned));
    }
    let english = Lexicon::builtin()
        .english_noun(lang, &lower)
        .map(str::to_owned);
    Some(english.unwrap_or(lower))
}

/// Whether a concept is one of the table's (or money, or a casualty count built on one). Only
/// these values are weighed against each other when they differ; values of an open concept are
/// one claim only when they are close (`Item::close` in `claims/mod.rs`), because "3 years" and
/// "25 years" of one story are rarely the same thing.
pub fn closed(concept: &str) -> bool {
    if concept.starts_with("money ") {
        return true;
    }
    let head = concept.split(' ').next().unwrap_or(concept);
    matches!(head, "killed" | "injured") || CONCEPTS.names.contains(head)
}

/// Whether a concept counts people (and can become a casualty count).
pub fn counts_people(concept: &str) -> bool {
    PEOPLE.contains(&concept)
}

/// Whether a value is large enough to be a claim for the concept.
pub fn big_enough(concept: &str, value: f64) -> bool {
    value >= min_value(concept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_concept_across_languages() {
        for (lang, word) in [
            ("id", "tentara"),
            ("de", "Soldaten"),
            ("de", "Soldat"),
            ("en", "troops"),
            ("en", "soldiers"),
            ("ru", "военнослужащих"),
            ("pl", "żołnierzy"),
            ("ms", "tentera"),
        ] {
            assert_eq!(concept_of(lang, word), Some("troops"), "{lang} {word}");
        }
        for (lang, word) in [
            ("de", "Tote"),
            ("en", "dead"),
            ("en", "killed"),
            ("fr", "morts"),
        ] {
            assert_eq!(concept_of(lang, word), Some("killed"), "{lang} {word}");
        }
        assert_eq!(concept_of("de", "Kriegsfahrzeuge"), Some("vehicles"));
        assert_eq!(concept_of("ms", "orang"), Some("people"));
        assert_eq!(concept_of("en", "meters"), None);
    }
}
