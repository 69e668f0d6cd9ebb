//! Base forms of names: suffix-rewrite rules learned from (surface, base form) pairs.
//!
//! A rule removes some characters from the end of a word and appends others ("Putina" -> strip 1,
//! add "" -> "Putin"; "Światowej" -> strip 3, add "a"). Rules are chosen by language, entity type,
//! the word's case class and its longest known lowercase ending (up to the whole word), the way a
//! suffix tree classifier does; an ending is stored only when its most frequent rule differs from
//! that of its parent ending, which keeps the table small. Languages with no pairs keep names as
//! they are, except German, whose genitive "-s" is removed when the bare name is attested.
//! It does not lemmatise common words outside names.

use std::collections::{BTreeMap, HashMap};

use concord_model::EntityType;

use super::decode::type_index;
use super::features::{hash_str, mix};

/// The longest ending, in characters, that keys a rule.
const MAX_SUFFIX: usize = 10;

/// One rewrite: remove `strip` characters, append `add`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Rule {
    /// Characters removed from the end.
    pub strip: u8,
    /// Text appended.
    pub add: String,
}

impl Rule {
    /// The rule that turns `surface` into `base`, if it fits in a rule.
    pub(crate) fn between(surface: &str, base: &str) -> Option<Rule> {
        let common = surface
            .chars()
            .zip(base.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let strip = surface.chars().count() - common;
        let add: String = base.chars().skip(common).collect();
        (strip <= 12 && add.len() <= 24).then_some(Rule {
            strip: strip as u8,
            add,
        })
    }

    /// Applies the rule to `word`; false when it would leave nothing.
    pub(crate) fn apply(&self, word: &str, out: &mut String) -> bool {
        let strip = self.strip as usize;
        if strip == 0 {
            out.push_str(word);
            out.push_str(&self.add);
            return true;
        }
        let Some((cut, _)) = word.char_indices().rev().nth(strip - 1) else {
            return false;
        };
        if cut == 0 && self.add.is_empty() {
            return false;
        }
        out.push_str(&word[..cut]);
        out.push_str(&self.add);
        true
    }
}

/// The case class that keys the rules: 0 lowercase start, 1 capitalised, 2 all capitals, 3 other.
fn case_class(word: &str) -> u64 {
    let mut chars = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = chars.next() else {
        return 3;
    };
    if !first.is_uppercase() {
        return 0;
    }
    let mut upper = 1;
    let mut lower = 0;
    for c in chars {
        if c.is_uppercase() {
            upper += 1;
        } else {
            lower += 1;
        }
    }
    match (upper, lower) {
        (u, 0) if u >= 2 => 2,
        (1, _) => 1,
        _ => 3,
    }
}

/// The keys of `word`'s endings, shortest (the empty ending) first; the last is the whole word
/// with a start marker when the word is short enough.
fn ending_keys(lang: &str, kind: EntityType, word: &str, out: &mut Vec<u64>) {
    out.clear();
    let mut h = mix(
        mix(hash_str(lang), type_index(kind) as u64 + 1),
        case_class(word) + 11,
    );
    out.push(h);
    for (n, c) in word.chars().rev().enumerate() {
        if n == MAX_SUFFIX {
            return;
        }
        let l = c.to_lowercase().next().unwrap_or(c);
        h = mix(h, l as u64);
        out.push(h);
    }
    out.push(mix(h, 0x5E));
}

/// A learned rule table.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct LemmaRules {
    /// Distinct rules.
    pub rules: Vec<Rule>,
    /// Ending key -> index into `rules`.
    pub table: HashMap<u64, u16>,
}

/// A (surface, base form) pair of one mention, for learning rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LemmaPair {
    /// ISO 639-1 code of the text.
    pub lang: String,
    /// The mention's type.
    pub kind: EntityType,
    /// The mention as written ("Światowej Organizacji Zdrowia").
    pub surface: String,
    /// Its base form ("Światowa Organizacja Zdrowia").
    pub base: String,
}

/// Splits a mention into the words that rules apply to (at whitespace).
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split_whitespace()
}

impl LemmaRules {
    /// Learns rules from pairs; pairs whose word counts differ are skipped. Deterministic for a
    /// given order of pairs.
    pub(crate) fn learn(pairs: &[LemmaPair]) -> LemmaRules {
        // key -> (parent key, depth, whole word, rule -> count)
        type Entry = (Option<u64>, usize, bool, BTreeMap<Rule, u32>);
        let mut counts: HashMap<u64, Entry> = HashMap::new();
        let mut keys = Vec::new();
        for p in pairs {
            let lang = super::features::lang_profile(&p.lang);
            if words(&p.surface).count() != words(&p.base).count() {
                continue;
            }
            for (s, b) in words(&p.surface).zip(words(&p.base)) {
                let Some(rule) = Rule::between(s, b) else {
                    continue;
                };
                ending_keys(lang, p.kind, s, &mut keys);
                let chars = s.chars().count();
                let whole_word = chars <= MAX_SUFFIX;
                // A rewrite of the whole word ("brexitu" -> "Brexit") is a fact about that word,
                // not about its endings.
                let replaces_all = rule.strip as usize >= chars;
                let mut parent = None;
                for (depth, &k) in keys.iter().enumerate() {
                    let whole = whole_word && depth + 1 == keys.len();
                    let entry = counts
                        .entry(k)
                        .or_insert_with(|| (parent, depth, whole, BTreeMap::new()));
                    if whole || !replaces_all {
                        *entry.3.entry(rule.clone()).or_insert(0) += 1;
                    }
                    parent = Some(k);
                }
            }
        }
        // Most frequent; ties go to the smallest rule, so the result does not depend on order.
        let best = |m: &BTreeMap<Rule, u32>| -> (Rule, u32) {
            let mut top: Option<(&Rule, u32)> = None;
            for (r, &c) in m {
                if top.is_none_or(|(_, tc)| c > tc) {
                    top = Some((r, c));
                }
            }
            top.map(|(r, c)| (r.clone(), c)).unwrap_or_default()
        };
        // Parents before children, so each ending knows the answer its nearest kept ancestor gives.
        let mut order: Vec<(usize, u64)> = counts.iter().map(|(&k, e)| (e.1, k)).collect();
        order.sort_unstable();
        let mut effective: HashMap<u64, Rule> = HashMap::new();
        let mut sorted: Vec<(u64, Rule)> = Vec::new();
        for (_, k) in order {
            let (parent, _, whole, m) = &counts[&k];
            let inherited = parent
                .and_then(|p| effective.get(&p))
                .cloned()
                .unwrap_or_default();
            let (own, support) = best(m);
            // An ending seen once generalises poorly; a whole word seen once is still a fact.
            let keep = own != inherited && (*whole || support >= 2 || parent.is_none());
            if keep {
                sorted.push((k, own.clone()));
                effective.insert(k, own);
            } else {
                effective.insert(k, inherited);
            }
        }
        sorted.sort_unstable_by_key(|&(k, _)| k);
        let mut rules: Vec<Rule> = sorted.iter().map(|(_, r)| r.clone()).collect();
        rules.sort();
        rules.dedup();
        let table = sorted
            .into_iter()
            .map(|(k, r)| (k, rules.binary_search(&r).unwrap_or(0) as u16))
            .collect();
        LemmaRules { rules, table }
    }

    /// Appends the base form of one word of a mention to `out`, using `keys` as scratch.
    fn word_base(
        &self,
        lang: &str,
        kind: EntityType,
        word: &str,
        keys: &mut Vec<u64>,
        out: &mut String,
    ) {
        ending_keys(lang, kind, word, keys);
        let lower_end = word.chars().next_back().is_some_and(char::is_lowercase);
        let len = word.chars().count();
        let whole_key = (len <= MAX_SUFFIX).then(|| keys.len() - 1);
        for (i, k) in keys.iter().enumerate().rev() {
            if let Some(rule) = self.table.get(k).and_then(|&r| self.rules.get(r as usize)) {
                if rule.strip as usize >= len && whole_key != Some(i) {
                    continue;
                }
                // A rule learned from an all-capitals name must not capitalise a word's ending;
                // rewriting a whole word ("brexitu" -> "Brexit") may.
                if lower_end
                    && (rule.strip as usize) < len
                    && rule.add.chars().any(char::is_uppercase)
                {
                    continue;
                }
                if rule.apply(word, out) {
                    return;
                }
            }
        }
        out.push_str(word);
    }

    /// The base form of a mention made of `parts` (words with whether a space precedes them).
    /// `attested` says whether a word occurs as such in the text (for the German genitive).
    pub(crate) fn base_form<'a>(
        &self,
        lang: &str,
        kind: EntityType,
        parts: impl Iterator<Item = (&'a str, bool)>,
        next_is_capitalised: bool,
        attested: impl Fn(&str) -> bool,
    ) -> String {
        let profile = super::features::lang_profile(lang);
        let mut out = String::new();
        let mut keys = Vec::with_capacity(MAX_SUFFIX + 2);
        let mut parts = parts.peekable();
        let mut frozen = false;
        while let Some((word, space)) = parts.next() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            // Words after a preposition are its complement, already in the case it governs
            // ("Rada na rzecz ...", "Съвет на Европейския съюз").
            frozen |= is_preposition(word);
            if frozen {
                out.push_str(word);
                continue;
            }
            let last = parts.peek().is_none();
            if profile == "de" {
                if last && kind != EntityType::Misc {
                    if let Some(stem) = german_genitive(word, next_is_capitalised, &attested) {
                        out.push_str(stem);
                        continue;
                    }
                }
                out.push_str(word);
            } else {
                self.word_base(profile, kind, word, &mut keys, &mut out);
            }
        }
        out
    }
}

/// Whether `word` is a preposition of a Slavic language or English (lowercase as written).
fn is_preposition(word: &str) -> bool {
    const PREPOSITIONS: [&str; 62] = [
        "of",
        "for",
        "on",
        "in",
        "w",
        "we",
        "na",
        "z",
        "ze",
        "do",
        "od",
        "o",
        "dla",
        "przy",
        "za",
        "po",
        "pod",
        "nad",
        "przed",
        "v",
        "ve",
        "pro",
        "při",
        "před",
        "k",
        "ke",
        "s",
        "se",
        "iz",
        "pri",
        "pred",
        "в",
        "во",
        "на",
        "с",
        "со",
        "из",
        "до",
        "от",
        "о",
        "об",
        "по",
        "под",
        "над",
        "при",
        "за",
        "для",
        "к",
        "ко",
        "у",
        "з",
        "із",
        "зі",
        "від",
        "про",
        "під",
        "във",
        "със",
        "към",
        "им.",
        "имени",
        "імені",
    ];
    PREPOSITIONS.contains(&word)
}

/// The stem of a German genitive name ("Putins" -> "Putin"), when the text attests the bare name or
/// a capitalised noun follows ("Putins Krieg") and the word does not look like a name ending in s.
fn german_genitive(
    word: &str,
    next_is_capitalised: bool,
    attested: impl Fn(&str) -> bool,
) -> Option<&str> {
    let stem = word.strip_suffix('s')?;
    if stem.chars().count() < 3 || !stem.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    if stem.chars().all(|c| !c.is_lowercase()) {
        return None;
    }
    if attested(stem) {
        return Some(stem);
    }
    let looks_like_s_name = ["s", "u", "i", "o", "x", "z", "ß"]
        .iter()
        .any(|e| stem.ends_with(e));
    (next_is_capitalised && !looks_like_s_name).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(lang: &str, kind: EntityType, surface: &str, base: &str) -> LemmaPair {
        LemmaPair {
            lang: lang.into(),
            kind,
            surface: surface.into(),
            base: base.into(),
        }
    }

    fn check_rule(surface: &str, base: &str, strip: u8, add: &str) {
        let r = Rule::between(surface, base).expect("rule");
        assert_eq!((r.strip, r.add.as_str()), (strip, add));
        let mut out = String::new();
        assert!(r.apply(surface, &mut out));
        assert_eq!(out, base);
    }

    fn check_base(rules: &LemmaRules, lang: &str, kind: EntityType, surface: &str, expected: &str) {
        let parts = surface.split(' ').map(|w| (w, true));
        let got = rules.base_form(lang, kind, parts, false, |_| false);
        assert_eq!(got, expected, "{lang} {surface}");
    }

    #[test]
    fn rules_between_forms() {
        check_rule("Putina", "Putin", 1, "");
        check_rule("Путіна", "Путін", 1, "");
        check_rule("Światowej", "Światowa", 2, "a");
        check_rule("NATO", "NATO", 0, "");
    }

    #[test]
    fn learned_rules_generalise_by_ending() {
        use EntityType::*;
        let pairs = vec![
            pair("pl", Person, "Putina", "Putin"),
            pair("pl", Person, "Bidena", "Biden"),
            pair("pl", Person, "Trumpa", "Trump"),
            pair("pl", Person, "Anna", "Anna"),
            pair("pl", Person, "Anna", "Anna"),
            pair(
                "pl",
                Organization,
                "Komisji Europejskiej",
                "Komisja Europejska",
            ),
            pair(
                "pl",
                Organization,
                "Komisji Europejskiej",
                "Komisja Europejska",
            ),
            pair("uk", Person, "Путіна", "Путін"),
            pair("uk", Person, "Байдена", "Байден"),
            pair("pl", Location, "Ukrainy", "Ukraina"),
            pair("pl", Event, "brexitu", "Brexit"),
            pair("pl", Location, "Rosji", "Rosja"),
        ];
        let rules = LemmaRules::learn(&pairs);
        check_base(&rules, "pl", Person, "Putina", "Putin");
        check_base(&rules, "pl", Person, "Scholza", "Scholz");
        check_base(&rules, "pl", Event, "brexitu", "Brexit");
        // A preposition's complement keeps its case.
        check_base(
            &rules,
            "pl",
            Organization,
            "Komisji do Komisji",
            "Komisja do Komisji",
        );
        check_base(&rules, "pl", Person, "Anna", "Anna");
        check_base(&rules, "pl", Location, "Ukrainy", "Ukraina");
        check_base(
            &rules,
            "pl",
            Organization,
            "Komisji Europejskiej",
            "Komisja Europejska",
        );
        check_base(&rules, "uk", Person, "Путіна", "Путін");
        // Languages without pairs keep the form.
        check_base(&rules, "en", Organization, "NATO", "NATO");
        check_base(&rules, "pl", Organization, "NATO", "NATO");
    }

    #[test]
    fn german_genitive_s() {
        let rules = LemmaRules::default();
        let base = |w: &str, next_cap: bool, attested: &[&str]| {
            rules.base_form(
                "de",
                EntityType::Person,
                [(w, true)].into_iter(),
                next_cap,
                |s| attested.contains(&s),
            )
        };
        assert_eq!(base("Putins", false, &["Putin"]), "Putin");
        assert_eq!(base("Putins", true, &[]), "Putin");
        assert_eq!(base("Putins", false, &[]), "Putins");
        assert_eq!(base("Paris", true, &[]), "Paris");
        assert_eq!(base("Klaus", true, &[]), "Klaus");
        assert_eq!(base("Kremlmieter", true, &[]), "Kremlmieter");
        assert_eq!(base("USAs", true, &[]), "USAs");
    }
}
