//! Place and organisation names known in advance, as tagger features.
//!
//! A [`Gazetteer`] holds hashed lowercase names (one or more words) with their type, and hashed
//! stems of one-word names (the name without up to two final characters), which catch inflected
//! forms ("Ukrainy", "Украины" for "Ukraina", "Украина"). Each word of a sentence is marked with
//! the longest known name it is part of and whether its stem is known; the tagger learns how much
//! to trust that. The names come from `data/gazetteers/names.tsv` (built from CLDR, iso-codes and
//! GeoNames by the pipeline) and are stored inside the model, hashed, so tagging needs no other
//! file. It also holds how each word of the training text is usually written (casing classes,
//! learned by [`Gazetteer::learn_casing`]), so a capitalised word that is mostly written in lowercase
//! ("Menteri", "Ini" at a sentence start) is told from a name. It does not match names across sentence
//! boundaries or decide what a name is by itself.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use concord_model::EntityType;

use super::decode::type_index;
use super::features::{WordInfo, mix};

/// Longest name matched, in words.
const MAX_WORDS: usize = 5;

/// Hashed names with their types.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gazetteer {
    /// Hash of a name's lowercase words -> 1 + type index.
    pub(crate) names: HashMap<u64, u8>,
    /// Hashes of the stems of one-word names.
    pub(crate) stems: HashSet<u64>,
    /// Hash of a lowercase word -> its casing class (see [`casing_class`]), for words seen often
    /// enough away from sentence starts.
    pub(crate) casing: HashMap<u64, u8>,
}

/// Fewest occurrences away from a sentence start that give a word a casing class.
const CASING_MIN: u32 = 3;

/// The casing class of a word written `lower` times in lowercase and `upper` times capitalised
/// away from sentence starts: 1 almost always lowercase, 2 either, 3 almost always capitalised
/// (0, unknown, is not stored).
pub(crate) fn casing_class(lower: u32, upper: u32) -> u8 {
    let total = lower + upper;
    if total < CASING_MIN {
        0
    } else if lower * 10 >= total * 9 {
        1
    } else if lower * 10 <= total {
        3
    } else {
        2
    }
}

/// The key of a sequence of words given their lowercase hashes.
#[inline]
fn start_key() -> u64 {
    0x6A2_0000
}

impl Gazetteer {
    /// Builds a gazetteer from `(name, type)` pairs; names are tokenized like text.
    pub fn from_names<'a>(names: impl IntoIterator<Item = (&'a str, EntityType)>) -> Gazetteer {
        // Deterministic: a name with two types keeps the first in type order.
        let mut typed: BTreeMap<u64, u8> = BTreeMap::new();
        let mut stems = BTreeSet::new();
        let mut tokens = Vec::new();
        for (name, kind) in names {
            crate::tokenize::tokenize_into(name, &mut tokens);
            if tokens.is_empty() || tokens.len() > MAX_WORDS {
                continue;
            }
            let mut key = start_key();
            for t in &tokens {
                key = mix(key, WordInfo::new(t.text(name), false).lower);
            }
            let code = 1 + type_index(kind) as u8;
            typed
                .entry(key)
                .and_modify(|c| *c = (*c).min(code))
                .or_insert(code);
            if let [only] = tokens.as_slice() {
                stems.extend(WordInfo::new(only.text(name), false).stems());
            }
        }
        Gazetteer {
            names: typed.into_iter().collect(),
            stems: stems.into_iter().collect(),
            casing: HashMap::new(),
        }
    }

    /// Learns the casing classes of the words of `sentences` (word facts without gazetteer marks),
    /// counting only words that are not at a sentence start; replaces any classes held before.
    pub(crate) fn learn_casing(&mut self, sentences: impl IntoIterator<Item = Vec<WordInfo>>) {
        use super::features::WordClass;
        let mut counts: BTreeMap<u64, (u32, u32)> = BTreeMap::new();
        for sentence in sentences {
            for w in sentence.iter().filter(|w| !w.initial) {
                match w.class {
                    WordClass::Lower => counts.entry(w.lower).or_default().0 += 1,
                    WordClass::Capital | WordClass::AllCaps => {
                        counts.entry(w.lower).or_default().1 += 1
                    }
                    _ => {}
                }
            }
        }
        self.casing = counts
            .into_iter()
            .map(|(k, (l, u))| (k, casing_class(l, u)))
            .filter(|&(_, c)| c != 0)
            .collect();
    }

    /// Adds as persons the words of `sentences` (word facts and whether each word is inside a
    /// person's name) that are part of a person's name in at least `min` places away from sentence
    /// starts and in nine of ten of their capitalised occurrences there ("Putin", "Biden"), unless
    /// the word is a known name already. The tagger then knows a frequent surname where the
    /// context says little (a broken machine-translated sentence).
    pub(crate) fn learn_persons(
        &mut self,
        sentences: impl IntoIterator<Item = Vec<(WordInfo, bool)>>,
        min: u32,
    ) {
        use super::features::WordClass;
        let mut counts: BTreeMap<u64, (u32, u32)> = BTreeMap::new();
        for sentence in sentences {
            for (w, person) in sentence.iter().filter(|(w, _)| !w.initial) {
                if matches!(
                    w.class,
                    WordClass::Capital | WordClass::AllCaps | WordClass::Mixed
                ) {
                    let c = counts.entry(w.lower).or_default();
                    c.0 += 1;
                    c.1 += u32::from(*person);
                }
            }
        }
        let code = 1 + type_index(EntityType::Person) as u8;
        for (lower, (all, person)) in counts {
            if person >= min && person * 10 >= all * 9 {
                self.names.entry(mix(start_key(), lower)).or_insert(code);
            }
        }
    }

    /// Whether it holds no names.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Number of names and of stems.
    pub fn len(&self) -> (usize, usize) {
        (self.names.len(), self.stems.len())
    }

    /// Marks each word of a sentence with its longest known name and stem match.
    pub(crate) fn annotate(&self, words: &mut [WordInfo]) {
        if !self.casing.is_empty() {
            for w in words.iter_mut() {
                w.case = self.casing.get(&w.lower).copied().unwrap_or(0);
            }
        }
        if self.names.is_empty() {
            return;
        }
        let n = words.len();
        let mut i = 0;
        while i < n {
            let mut key = start_key();
            let mut best: Option<(usize, u8)> = None;
            for len in 1..=MAX_WORDS.min(n - i) {
                key = mix(key, words[i + len - 1].lower);
                if let Some(&code) = self.names.get(&key) {
                    best = Some((len, code));
                }
            }
            match best {
                Some((len, code)) => {
                    for (j, w) in words[i..i + len].iter_mut().enumerate() {
                        // 1..=5 one-word name of a type, 6..=10 first word, 11..=15 later word.
                        w.gaz = if len == 1 {
                            code
                        } else if j == 0 {
                            code + 5
                        } else {
                            code + 10
                        };
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        for w in words.iter_mut() {
            w.gaz_stem = w.stems().any(|s| self.stems.contains(&s));
        }
    }

    /// The type of a gazetteer code, for tests.
    #[cfg(test)]
    fn code_type(code: u8) -> Option<EntityType> {
        (code > 0).then(|| super::decode::TYPES[((code - 1) % 5) as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(gaz: &Gazetteer, sentence: &str, expected: &[(u8, bool)]) {
        let mut infos: Vec<WordInfo> = sentence
            .split(' ')
            .map(|w| WordInfo::new(w, false))
            .collect();
        gaz.annotate(&mut infos);
        let got: Vec<(u8, bool)> = infos.iter().map(|w| (w.gaz, w.gaz_stem)).collect();
        assert_eq!(got, expected, "{sentence}");
    }

    #[test]
    fn names_and_stems() {
        use EntityType::*;
        let gaz = Gazetteer::from_names([
            ("Ukraina", Location),
            ("New York", Location),
            ("Organizacja Narodów Zjednoczonych", Organization),
            ("EU", Organization),
        ]);
        assert_eq!(gaz.len().0, 4);
        let loc = 1 + type_index(Location) as u8;
        let org = 1 + type_index(Organization) as u8;
        check(&gaz, "w Ukrainy", &[(0, false), (0, true)]);
        check(&gaz, "ukraina", &[(loc, true)]);
        check(
            &gaz,
            "in New York today",
            &[(0, false), (loc + 5, false), (loc + 10, false), (0, false)],
        );
        check(
            &gaz,
            "EU i Organizacja Narodów Zjednoczonych",
            &[
                (org, false),
                (0, false),
                (org + 5, false),
                (org + 10, false),
                (org + 10, false),
            ],
        );
        assert_eq!(Gazetteer::code_type(loc + 10), Some(Location));
        check(&Gazetteer::default(), "Ukraina", &[(0, false)]);
    }
}
