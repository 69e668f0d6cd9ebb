//! Named-entity recognition: a multilingual averaged-perceptron tagger with base forms.
//!
//! [`NerModel`] tags a tokenized text ([`crate::tokenize`]) with people, organisations, places,
//! events and other names ([`EntityType`]), each with a base form ("Putina" -> "Putin"). The model
//! is a first-order structured perceptron over BILOU labels with hashed word, shape, affix, context,
//! language and gazetteer features (see [`features`], [`gazetteer`]), decoded with Viterbi per
//! sentence (the document's sentences as normalize found them, [`sentence_tokens`]), plus suffix-rewrite rules for base forms ([`lemma`]). After decoding, quotation marks
//! are trimmed from mention edges; a name beside its rendering in another alphabet is split from
//! it; a one-word name typed as a person in one place and as a place in another is one of them
//! (the person only when a full name ends in it); a common word that starts a sentence is no part
//! of the name after it when that name stands alone elsewhere; and a name found in one place of a
//! text is found again where it recurs (one sense per document: one-word names and surnames as
//! written, longer names in their other forms), as is an organisation's head word alone
//! ("Европейская комиссия" ... "Комиссии"). It is trained by [`train::train`]
//! (`cargo xtask train ner`) and stored compactly ([`NerModel::to_bytes`]): log-scale 8-bit
//! weights, deflated, behind a versioned header. Load it once per run and share it by reference:
//! tagging allocates per call and per mention, never per token.
//!
//! It does not link mentions across documents or resolve coreference.

pub mod features;
pub mod gazetteer;
pub mod lemma;
pub mod train;

pub(crate) mod decode;

use std::io::{Read, Write};
use std::ops::Range;
use std::path::Path;

use concord_model::{EntityType, Mention, Span};

use crate::tokenize::Token;
use decode::{NUM_LABELS, Transitions, Viterbi};
use features::{NUM_FEATURES, WordInfo, hash_str};
use gazetteer::Gazetteer;
use lemma::{LemmaRules, Rule};

/// The file format's magic bytes.
const MAGIC: &[u8; 8] = b"CONCNER\0";
/// The file format's version; bump it when the layout or the features change (3: casing classes,
/// 4: BILOU labels, 5: stem features).
const VERSION: u32 = 5;
/// Longest sentence handed to the decoder, in tokens (longer runs are cut).
const MAX_SENTENCE: usize = 200;

/// Why a model could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NerError {
    /// The model file could not be read or written.
    #[error("cannot access the model file {path}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not a model of this version.
    #[error("not a concord NER model: {0}")]
    Format(String),
}

/// A trained tagger. Immutable and `Sync`: load once, share by reference.
#[derive(Clone, Debug, PartialEq)]
pub struct NerModel {
    /// log2 of the number of weight rows.
    bits: u32,
    /// `NUM_LABELS` weights per row, quantized by [`quantize`].
    weights: Vec<i8>,
    /// The largest weight magnitude, which sets the quantization levels.
    scale: f32,
    /// The value of each code (indexed by the code as `u8`).
    levels: [f32; 256],
    /// Transition scores.
    trans: Transitions,
    /// Base-form rules.
    lemmas: LemmaRules,
    /// Known names, for features.
    gazetteer: Gazetteer,
}

/// Token ranges of the sentences of a tokenized text, given the sentences as byte spans (the
/// document's own, from normalize: the tagger does not split again).
///
/// A token belongs to the sentence its first byte lies in. Tokens outside every sentence (text the
/// spans do not cover) form runs of their own between sentences, so no token goes untagged, and a
/// run longer than 200 tokens is cut.
pub fn sentence_tokens(tokens: &[Token], sentences: &[Span]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut push = |range: Range<usize>| {
        let mut start = range.start;
        while start < range.end {
            let end = range.end.min(start + MAX_SENTENCE);
            out.push(start..end);
            start = end;
        }
    };
    let mut next = 0;
    for sentence in sentences {
        let start = next + tokens[next..].partition_point(|t| t.start < sentence.start);
        let end = start + tokens[start..].partition_point(|t| t.start < sentence.end);
        push(next..start);
        push(start..end);
        next = end;
    }
    push(next..tokens.len());
    out
}

/// The smallest weight magnitude kept, relative to the largest.
const DYNAMIC_RANGE: f32 = 1e-4;

/// Encodes a weight on a logarithmic 8-bit scale: code `±l` (1..=127) stands for
/// `max * DYNAMIC_RANGE^((127 - l) / 126)`, 0 for weights too small to matter. Perceptron weights
/// span several orders of magnitude (a bias against a rare word), which a linear scale would lose.
pub(crate) fn quantize(w: f32, max: f32) -> i8 {
    let m = w.abs();
    if max <= 0.0 || m < max * DYNAMIC_RANGE * 0.5 || !m.is_finite() {
        return 0;
    }
    let l = 127.0 - ((m / max).ln() / DYNAMIC_RANGE.ln() * 126.0).round();
    let l = l.clamp(1.0, 127.0) as i8;
    if w < 0.0 { -l } else { l }
}

/// The value of every code for the largest magnitude `max`.
pub(crate) fn levels(max: f32) -> [f32; 256] {
    let mut out = [0f32; 256];
    for l in 1..=127i32 {
        let v = max * DYNAMIC_RANGE.powf((127 - l) as f32 / 126.0);
        out[l as u8 as usize] = v;
        out[(-l) as i8 as u8 as usize] = -v;
    }
    out
}

/// Whether a word is a quotation mark or bracket.
fn is_quote(word: &str) -> bool {
    matches!(
        word,
        "\"" | "'"
            | "«"
            | "»"
            | "“"
            | "”"
            | "„"
            | "‘"
            | "’"
            | "‚"
            | "‹"
            | "›"
            | "("
            | ")"
            | "["
            | "]"
    )
}

/// Narrows the word range `[s, e)` of a mention to leave out quotation marks and brackets at
/// its edges (some training data includes them, names do not); `None` if nothing is left.
fn trim_quotes<'a>(
    mut s: usize,
    mut e: usize,
    word: impl Fn(usize) -> &'a str,
) -> Option<(usize, usize)> {
    while s < e && is_quote(word(s)) {
        s += 1;
    }
    while e > s && is_quote(word(e - 1)) {
        e -= 1;
    }
    (s < e).then_some((s, e))
}

/// Forms of address that precede a person's name ("Mr. Blinken", "Frau Merkel", "M. Macron"):
/// never part of the name, and proof that what follows is a person.
const TITLES: [&str; 33] = [
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sir",
    "herr",
    "frau",
    "m",
    "mme",
    "mlle",
    "sr",
    "sra",
    "pan",
    "pani",
    "sig",
    "signor",
    "signora",
    "dott",
    "gospodin",
    "bapak",
    "paní",
    "gospod",
    "gospa",
    "господин",
    "госпожа",
    "господа",
    "г-н",
    "г-жа",
    "пан",
    "пані",
    "пани",
];

/// Leaves a form of address out of the mention `[s, e)` of type `kind` (with the full stop that
/// may follow it) and makes the rest a person; `None` when the title is all there is. Models
/// trained on CoNLL-style data leave titles out of names, yet tag "Mr. Blinken" as one mention.
fn trim_title<'a>(
    s: usize,
    e: usize,
    kind: EntityType,
    word: impl Fn(usize) -> &'a str,
) -> Option<(usize, usize, EntityType)> {
    let title = word(s).to_lowercase();
    if !TITLES.contains(&title.as_str()) {
        return Some((s, e, kind));
    }
    let dotted = s + 1 < e && word(s + 1) == ".";
    // A lone "M" is an initial unless a full stop makes it French "M. Macron".
    if title.len() == 1 && !dotted {
        return Some((s, e, kind));
    }
    let rest = if dotted { s + 2 } else { s + 1 };
    (rest < e).then_some((rest, e, EntityType::Person))
}

/// What the document-level passes know of a text besides its words.
struct DocContext<'m> {
    /// Per word, whether it starts a sentence.
    starts: Vec<bool>,
    /// The model, for how its training text writes words.
    model: &'m NerModel,
}

impl<'m> DocContext<'m> {
    fn new(model: &'m NerModel, n: usize) -> Self {
        DocContext {
            starts: vec![false; n],
            model,
        }
    }
}

/// One sense per document: a capitalised word that the tagger found as a one-word name (or as the
/// last word of a person's name: "Alain Sutter" ... "Sutter") elsewhere in the document is a name
/// where it recurs untagged, with the type it had most often. German capitalises every noun, so a
/// lone surname is otherwise easy to miss. Then [`short_names`] finds organisations by their
/// head word alone. `spans` are word-index spans, sorted on return.
fn propagate<'a>(
    n: usize,
    word: impl Fn(usize) -> &'a str,
    context: &DocContext<'_>,
    spans: &mut Vec<(usize, usize, EntityType)>,
) {
    if spans.is_empty() {
        return;
    }
    split_at_script_changes(&word, spans);
    drop_common_starts(&word, context, spans);
    one_type_per_word(&word, context, spans);
    let mut known: std::collections::HashMap<&str, [u32; decode::TYPES.len()]> =
        std::collections::HashMap::new();
    let mut covered = vec![false; n];
    for &(s, e, kind) in spans.iter() {
        if e - s == 1 {
            known.entry(word(s)).or_default()[decode::type_index(kind)] += 1;
        } else if kind == EntityType::Person {
            known.entry(word(e - 1)).or_default()[0] += 1;
        }
        for c in covered.iter_mut().take(e.min(n)).skip(s) {
            *c = true;
        }
    }
    let before = spans.len();
    for (i, &c) in covered.iter().enumerate() {
        let w = word(i);
        if c || !w.starts_with(char::is_uppercase) || w.chars().nth(1).is_none() {
            continue;
        }
        if let Some(best) = known.get(w).and_then(|counts| most_frequent(counts, None)) {
            spans.push((i, i + 1, best));
        }
    }
    longer_names(n, &word, spans);
    short_names(n, &word, context, &covered, spans);
    if spans.len() > before {
        spans.sort_unstable_by_key(|&(s, e, _)| (s, e));
    }
}

/// The most frequent type of `counts` (indexed as [`decode::TYPES`]) other than `except`, if
/// any was counted; ties go to the first in label order.
fn most_frequent(
    counts: &[u32; decode::TYPES.len()],
    except: Option<EntityType>,
) -> Option<EntityType> {
    let mut best: Option<(EntityType, u32)> = None;
    for (&kind, &n) in decode::TYPES.iter().zip(counts) {
        if n > 0 && Some(kind) != except && best.is_none_or(|(_, m)| n > m) {
            best = Some((kind, n));
        }
    }
    best.map(|(kind, _)| kind)
}

/// The alphabets [`split_at_script_changes`] tells apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Alphabet {
    Latin,
    Cyrillic,
}

/// The alphabet a word starts in; `None` for digits, signs and other scripts.
fn alphabet(word: &str) -> Option<Alphabet> {
    let c = word.chars().next()?;
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F => Some(Alphabet::Latin),
        0x400..=0x52F => Some(Alphabet::Cyrillic),
        _ => None,
    }
}

/// A name and its rendering in another alphabet side by side ("Европейский Совет European
/// Council", page chrome and glosses) are two names when each side has two words or more; a
/// name with a foreign word or two in it ("программа Horizon 2020", "ИА REGNUM") stays one.
fn split_at_script_changes<'a>(
    word: &impl Fn(usize) -> &'a str,
    spans: &mut Vec<(usize, usize, EntityType)>,
) {
    let words_in = |a: usize, b: usize| (a..b).filter(|&i| alphabet(word(i)).is_some()).count();
    let mut i = 0;
    while i < spans.len() {
        let (s, e, kind) = spans[i];
        let cut = (s + 1..e).find(|&j| {
            let (before, here) = (alphabet(word(j - 1)), alphabet(word(j)));
            before.is_some()
                && here.is_some()
                && before != here
                && words_in(s, j) >= 2
                && words_in(j, e) >= 2
        });
        match cut {
            Some(j) => {
                spans[i] = (s, j, kind);
                spans.insert(i + 1, (j, e, kind));
            }
            None => i += 1,
        }
    }
}

/// A sentence's first word that the training text almost always writes in lowercase is no part of
/// a name that follows it and stands alone elsewhere in the document ("Tanggapan Kremlin" when
/// "Kremlin" is found too: "tanggapan" is "response"): the mention becomes that name, with its
/// type there. Names whose rest never stands alone ("Nowy Jork") are left as they are. A first
/// word the training text has not seen enough is dropped only from a "person" whose rest stands
/// alone as a place or organisation.
fn drop_common_starts<'a>(
    word: &impl Fn(usize) -> &'a str,
    context: &DocContext<'_>,
    spans: &mut [(usize, usize, EntityType)],
) {
    for i in 0..spans.len() {
        let (s, e, kind) = spans[i];
        if e - s < 2 || !context.starts[s] {
            continue;
        }
        // A word the training text never showed often enough is judged by what it would make:
        // a first name before a person's surname is likely, before a place it is not.
        let casing = context.model.casing(word(s));
        if casing != Some(1) && (casing.is_some() || kind != EntityType::Person) {
            continue;
        }
        let rest = (s + 1..e).map(word);
        let alone = spans.iter().find(|&&(a, b, k)| {
            (a < s || a >= e)
                && b - a == e - s - 1
                && (a..b).map(word).eq(rest.clone())
                && (casing == Some(1) || k != EntityType::Person)
        });
        if let Some(&(_, _, kind)) = alone {
            spans[i] = (s + 1, e, kind);
        }
    }
}

/// One type per word in a document: a one-word name the tagger typed as a person in one place and
/// as a place or organisation in another ("Kremlin", "Moskow" in machine-translated text) is a
/// person only if a longer person's name in the document ends in it ("Sergei Shoigu" ...
/// "Shoigu"); then every one-word occurrence is that person (whatever type the tagger gave it),
/// otherwise none is, and the person occurrences take the word's most frequent other type. A
/// person made of two such surnames joined by a hyphen ("Blinken-Lavrov") is no name.
fn one_type_per_word<'a>(
    word: &impl Fn(usize) -> &'a str,
    context: &DocContext<'_>,
    spans: &mut Vec<(usize, usize, EntityType)>,
) {
    use std::collections::{HashMap, HashSet};
    let mut surnames: HashSet<&str> = HashSet::new();
    let mut counts: HashMap<&str, [u32; decode::TYPES.len()]> = HashMap::new();
    for &(s, e, kind) in spans.iter() {
        if e - s == 1 {
            counts.entry(word(s)).or_default()[decode::type_index(kind)] += 1;
        } else if kind == EntityType::Person
            && (!context.starts[s] || context.model.usually_capitalised(word(s)))
        {
            // At a sentence start a capitalised common word may pose as a first name
            // ("Tanggapan Kremlin"): only a word usually written as a name counts there.
            surnames.insert(word(e - 1));
        }
    }
    // "Blinken-Lavrov" (a meeting, a pact) names two people the document names in full: neither.
    let pair_of_surnames = |w: &str| {
        w.split_once('-')
            .is_some_and(|(a, b)| surnames.contains(a) && surnames.contains(b))
    };
    spans.retain(|&(s, e, kind)| {
        !(e - s == 1 && kind == EntityType::Person && pair_of_surnames(word(s)))
    });
    for (s, e, kind) in spans.iter_mut() {
        if *e - *s != 1 {
            continue;
        }
        let w = word(*s);
        if surnames.contains(w) {
            *kind = EntityType::Person;
        } else if *kind == EntityType::Person
            && let Some(other) = counts
                .get(w)
                .and_then(|c| most_frequent(c, Some(EntityType::Person)))
        {
            *kind = other;
        }
    }
}

/// Longest name [`longer_names`] looks for again, in words.
const MAX_RECURRING_WORDS: usize = 5;

/// One sense per document for names of several words: where the words of a name found elsewhere
/// in the document recur untagged, each the same word or a form of it ("Европейская комиссия"
/// as a headline's first words, found as "Европейской комиссии" in the text), written with the
/// same capitals, they are that name again.
fn longer_names<'a>(
    n: usize,
    word: &impl Fn(usize) -> &'a str,
    spans: &mut Vec<(usize, usize, EntityType)>,
) {
    // Each name once, as its words (as written, lowercase), in text order.
    let mut seen = std::collections::HashSet::new();
    let mut names: Vec<(Vec<(&str, String)>, EntityType)> = spans
        .iter()
        .filter(|&&(s, e, k)| {
            (2..=MAX_RECURRING_WORDS).contains(&(e - s))
                && seen.insert(((s..e).map(word).collect::<Vec<_>>(), k))
        })
        .map(|&(s, e, k)| {
            (
                (s..e).map(|i| (word(i), word(i).to_lowercase())).collect(),
                k,
            )
        })
        .collect();
    if names.is_empty() {
        return;
    }
    // Longest first (stable, so text order among equals): a longer name wins.
    names.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
    let mut covered = vec![false; n];
    for &(s, e, _) in spans.iter() {
        covered[s..e.min(n)].fill(true);
    }
    let capital = |w: &str| w.starts_with(char::is_uppercase);
    // Forms of one word share their first five letters (see `same_word`): names by that key of
    // their first word, so most words are turned down by one lookup.
    fn key(lower: &str) -> &str {
        lower
            .char_indices()
            .nth(5)
            .map_or(lower, |(i, _)| &lower[..i])
    }
    let mut by_first: std::collections::HashMap<&str, Vec<usize>> =
        std::collections::HashMap::new();
    for (k, (name, _)) in names.iter().enumerate() {
        by_first.entry(key(&name[0].1)).or_default().push(k);
    }
    // Lowercase forms of the words compared, made once per word and only where a name may start.
    let mut lower: Vec<Option<String>> = vec![None; n];
    let before = spans.len();
    let mut i = 0;
    while i < n {
        if covered[i] || !capital(word(i)) {
            i += 1;
            continue;
        }
        let first = lower[i].get_or_insert_with(|| word(i).to_lowercase());
        let Some(candidates) = by_first.get(key(first)) else {
            i += 1;
            continue;
        };
        let found = candidates.iter().map(|&k| &names[k]).find(|(name, _)| {
            let end = i + name.len();
            end <= n
                && !covered[i..end].iter().any(|&c| c)
                && name.iter().enumerate().all(|(j, (written, w))| {
                    let at = word(i + j);
                    if capital(at) != capital(written) {
                        return false;
                    }
                    let here = lower[i + j].get_or_insert_with(|| at.to_lowercase());
                    here == w || same_word(here, w)
                })
        });
        match found {
            Some((name, kind)) => {
                spans.push((i, i + name.len(), *kind));
                covered[i..i + name.len()].fill(true);
                i += name.len();
            }
            None => i += 1,
        }
    }
    if spans.len() > before {
        spans.sort_unstable_by_key(|&(s, e, _)| (s, e));
    }
}

/// Whether `a` and `b` (lowercase) are forms of one word: they share all but at most the last
/// three letters of the longer, and at least five ("комиссия", "комиссии", "комиссией").
fn same_word(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let longest = a.chars().count().max(b.chars().count());
    common >= 5 && common + 3 >= longest
}

/// Short names: a capitalised word that the training text almost always writes in lowercase
/// ("Комиссии", "Парламента") and that is a form of a later word of a several-word organisation
/// found in the same document ("Европейская комиссия") is that organisation, where it stands
/// alone: not at a sentence start, and not next to another capitalised word (then it is part of
/// a longer name the tagger missed) other than a sentence's first. Head-first names ("Comisión
/// Europea") are left alone: their heads are capitalised in the training text, and the tagger
/// already reads them as names.
fn short_names<'a>(
    n: usize,
    word: &impl Fn(usize) -> &'a str,
    context: &DocContext<'_>,
    covered: &[bool],
    spans: &mut Vec<(usize, usize, EntityType)>,
) {
    let heads: Vec<String> = spans
        .iter()
        .filter(|&&(s, e, k)| k == EntityType::Organization && e - s >= 2)
        .flat_map(|&(s, e, _)| (s + 1..e).map(|i| word(i).to_lowercase()))
        .filter(|h| h.chars().count() >= 5 && h.chars().all(char::is_alphabetic))
        .collect();
    if heads.is_empty() {
        return;
    }
    let capital = |j: usize| j < n && word(j).starts_with(char::is_uppercase);
    for (i, (&done, &start)) in covered.iter().zip(&context.starts).enumerate().skip(1) {
        let w = word(i);
        if done
            || start
            || !capital(i)
            || (capital(i - 1) && !context.starts[i - 1])
            || capital(i + 1)
            || matches!(word(i - 1), ":" | "«" | "\"" | "“" | "„" | "‘" | "(")
            || !context.model.usually_lower(w)
        {
            continue;
        }
        let lower = w.to_lowercase();
        if heads.iter().any(|h| same_word(h, &lower)) {
            spans.push((i, i + 1, EntityType::Organization));
        }
    }
}

/// Word facts of a sentence into `out`.
fn word_infos<'a>(words: impl Iterator<Item = &'a str>, out: &mut Vec<WordInfo>) {
    out.clear();
    let mut initial = true;
    for w in words {
        let info = WordInfo::new(w, initial);
        if matches!(
            info.class,
            features::WordClass::Lower
                | features::WordClass::Capital
                | features::WordClass::AllCaps
                | features::WordClass::Mixed
                | features::WordClass::Number
        ) {
            initial = false;
        }
        out.push(info);
    }
}

/// Reusable per-call buffers.
#[derive(Default)]
struct Scratch {
    infos: Vec<WordInfo>,
    emissions: Vec<[f32; NUM_LABELS]>,
    labels: Vec<u8>,
    viterbi: Viterbi,
}

impl NerModel {
    /// Whether the training text almost always writes `word` in lowercase.
    fn usually_lower(&self, word: &str) -> bool {
        self.casing(word) == Some(1)
    }

    /// Whether the training text almost always writes `word` capitalised.
    fn usually_capitalised(&self, word: &str) -> bool {
        self.casing(word) == Some(3)
    }

    /// The casing class of `word` (see [`gazetteer::casing_class`]).
    fn casing(&self, word: &str) -> Option<u8> {
        let info = WordInfo::new(word, false);
        self.gazetteer.casing.get(&info.lower).copied()
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<NerModel, NerError> {
        let bytes = std::fs::read(path).map_err(|source| NerError::Io {
            path: path.display().to_string(),
            source,
        })?;
        NerModel::from_bytes(&bytes)
    }

    /// Writes the model to a file.
    pub fn save(&self, path: &Path) -> Result<(), NerError> {
        std::fs::write(path, self.to_bytes()).map_err(|source| NerError::Io {
            path: path.display().to_string(),
            source,
        })
    }

    /// The weight row of a hashed feature.
    #[inline]
    fn row(&self, feature: u64) -> &[i8] {
        let b = (feature >> (64 - self.bits)) as usize * NUM_LABELS;
        &self.weights[b..b + NUM_LABELS]
    }

    /// Labels one sentence of words (given by their facts) into `scratch.labels`.
    fn label(&self, lang: u64, scratch: &mut Scratch) {
        let Scratch {
            infos,
            emissions,
            labels,
            viterbi,
        } = scratch;
        emissions.clear();
        let mut feats = [0u64; NUM_FEATURES];
        for i in 0..infos.len() {
            features::features(infos, i, lang, &mut feats);
            let mut e = [0f32; NUM_LABELS];
            for &f in &feats {
                let row = self.row(f);
                for (a, &w) in e.iter_mut().zip(row) {
                    *a += self.levels[w as u8 as usize];
                }
            }
            emissions.push(e);
        }
        viterbi.decode(emissions, &self.trans, None, labels);
    }

    /// Finds the mentions in `text`, given its tokens (from [`crate::tokenize::tokenize`]), its
    /// sentences as byte spans (`CleanDoc::sentences`, in text order) and its language (ISO 639-1).
    /// Spans are byte offsets into `text`, in text order.
    pub fn tag(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Span],
        lang: &str,
    ) -> Vec<Mention> {
        let lang_hash = hash_str(features::lang_profile(lang));
        let mut scratch = Scratch::default();
        let mut spans = Vec::new();
        let mut context = DocContext::new(self, tokens.len());
        for sentence in sentence_tokens(tokens, sentences) {
            let offset = sentence.start;
            context.starts[offset] = true;
            let toks = &tokens[sentence];
            word_infos(toks.iter().map(|t| t.text(text)), &mut scratch.infos);
            self.gazetteer.annotate(&mut scratch.infos);
            self.label(lang_hash, &mut scratch);
            for (s, e, kind) in decode::spans(&scratch.labels) {
                if let Some((s, e)) = trim_quotes(s, e, |i| toks[i].text(text)) {
                    if let Some((s, e, kind)) = trim_title(s, e, kind, |i| toks[i].text(text)) {
                        spans.push((offset + s, offset + e, kind));
                    }
                }
            }
        }
        propagate(tokens.len(), |i| tokens[i].text(text), &context, &mut spans);
        spans
            .into_iter()
            .map(|(s, e, kind)| {
                let mention = &tokens[s..e];
                let base = self.base_form_after(text, mention, tokens.get(e), tokens, lang, kind);
                Mention {
                    span: Span::new(mention[0].start as usize, mention[e - s - 1].end as usize),
                    kind,
                    base,
                }
            })
            .collect()
    }

    /// Tags the pre-tokenized sentences of one document, as [`NerModel::tag`] does a text: each
    /// sentence on its own, then names found are found again where they recur. Returns per
    /// sentence the word-index spans `[start, end)` with their types.
    pub fn tag_document(
        &self,
        sentences: &[Vec<&str>],
        lang: &str,
    ) -> Vec<Vec<(usize, usize, EntityType)>> {
        let words: Vec<&str> = sentences.iter().flatten().copied().collect();
        let mut spans = Vec::new();
        let mut context = DocContext::new(self, words.len());
        let mut offset = 0;
        for s in sentences {
            if offset < words.len() {
                context.starts[offset] = true;
            }
            spans.extend(
                self.tag_words(s, lang)
                    .into_iter()
                    .map(|(a, b, k)| (offset + a, offset + b, k)),
            );
            offset += s.len();
        }
        propagate(words.len(), |i| words[i], &context, &mut spans);
        let mut out = Vec::with_capacity(sentences.len());
        let mut offset = 0;
        let mut next = spans.into_iter().peekable();
        for s in sentences {
            let end = offset + s.len();
            let mut mine = Vec::new();
            while let Some(&(a, b, k)) = next.peek() {
                if a >= end {
                    break;
                }
                next.next();
                mine.push((a - offset, b.min(end) - offset, k));
            }
            out.push(mine);
            offset = end;
        }
        out
    }

    /// Tags one pre-tokenized sentence; returns token-index spans `[start, end)` with their types.
    pub fn tag_words(&self, words: &[&str], lang: &str) -> Vec<(usize, usize, EntityType)> {
        let lang_hash = hash_str(features::lang_profile(lang));
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        for start in (0..words.len()).step_by(MAX_SENTENCE) {
            let chunk = &words[start..(start + MAX_SENTENCE).min(words.len())];
            word_infos(chunk.iter().copied(), &mut scratch.infos);
            self.gazetteer.annotate(&mut scratch.infos);
            self.label(lang_hash, &mut scratch);
            out.extend(
                decode::spans(&scratch.labels)
                    .into_iter()
                    .filter_map(|(s, e, k)| trim_quotes(s, e, |i| chunk[i]).map(|(s, e)| (s, e, k)))
                    .filter_map(|(s, e, k)| trim_title(s, e, k, |i| chunk[i]))
                    .map(|(s, e, k)| (start + s, start + e, k)),
            );
        }
        out
    }

    /// The base form of the mention made of `tokens[mention]` (tokens of the whole `text`) with
    /// type `kind`, as [`NerModel::tag`] would give it.
    pub fn base_form(
        &self,
        text: &str,
        tokens: &[Token],
        mention: Range<usize>,
        lang: &str,
        kind: EntityType,
    ) -> String {
        let next = tokens.get(mention.end);
        let mention = tokens.get(mention).unwrap_or(&[]);
        self.base_form_after(text, mention, next, tokens, lang, kind)
    }

    fn base_form_after(
        &self,
        text: &str,
        mention: &[Token],
        next: Option<&Token>,
        all: &[Token],
        lang: &str,
        kind: EntityType,
    ) -> String {
        let parts = mention.iter().enumerate().map(|(i, t)| {
            let space = i > 0 && mention[i - 1].end < t.start;
            (t.text(text), space)
        });
        let next_cap = next.is_some_and(|t| t.text(text).starts_with(char::is_uppercase));
        self.lemmas.base_form(lang, kind, parts, next_cap, |stem| {
            all.iter().any(|t| t.text(text) == stem)
        })
    }

    /// Size of the weight table in rows (a power of two).
    pub fn rows(&self) -> usize {
        1 << self.bits
    }

    /// Number of base-form rules and of endings keyed to them.
    pub fn lemma_rules(&self) -> (usize, usize) {
        (self.lemmas.rules.len(), self.lemmas.table.len())
    }

    /// The compact binary form: header, quantized deflated weights, transitions, rules.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        for v in [VERSION, self.bits, NUM_LABELS as u32, NUM_FEATURES as u32] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        for v in self
            .trans
            .start
            .iter()
            .chain(self.trans.pair.iter().flatten())
        {
            out.extend_from_slice(&v.to_le_bytes());
        }
        let raw: Vec<u8> = self.weights.iter().map(|&w| w as u8).collect();
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing into a Vec cannot fail.
        let packed = enc
            .write_all(&raw)
            .and_then(|()| enc.finish())
            .unwrap_or_default();
        out.extend_from_slice(&(packed.len() as u64).to_le_bytes());
        out.extend_from_slice(&packed);
        out.extend_from_slice(&(self.lemmas.rules.len() as u32).to_le_bytes());
        for r in &self.lemmas.rules {
            out.push(r.strip);
            out.push(r.add.len() as u8);
            out.extend_from_slice(r.add.as_bytes());
        }
        let mut table: Vec<(u64, u16)> = self.lemmas.table.iter().map(|(&k, &v)| (k, v)).collect();
        table.sort_unstable();
        out.extend_from_slice(&(table.len() as u32).to_le_bytes());
        for (k, v) in table {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
        let mut names: Vec<(u64, u8)> =
            self.gazetteer.names.iter().map(|(&k, &v)| (k, v)).collect();
        names.sort_unstable();
        out.extend_from_slice(&(names.len() as u32).to_le_bytes());
        for (k, v) in names {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(v);
        }
        let mut stems: Vec<u64> = self.gazetteer.stems.iter().copied().collect();
        stems.sort_unstable();
        out.extend_from_slice(&(stems.len() as u32).to_le_bytes());
        for k in stems {
            out.extend_from_slice(&k.to_le_bytes());
        }
        let mut casing: Vec<(u64, u8)> = self
            .gazetteer
            .casing
            .iter()
            .map(|(&k, &v)| (k, v))
            .collect();
        casing.sort_unstable();
        out.extend_from_slice(&(casing.len() as u32).to_le_bytes());
        for (k, v) in casing {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(v);
        }
        out
    }

    /// Reads the binary form written by [`NerModel::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, NerError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(NerError::Format("bad magic bytes".into()));
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(NerError::Format(format!(
                "version {version}, this build reads {VERSION}"
            )));
        }
        let bits = r.u32()?;
        let (labels, feats) = (r.u32()?, r.u32()?);
        if !(8..=26).contains(&bits)
            || labels as usize != NUM_LABELS
            || feats as usize != NUM_FEATURES
        {
            return Err(NerError::Format(format!(
                "layout {bits}/{labels}/{feats} does not match this build"
            )));
        }
        let scale = r.f32()?;
        let mut trans = Transitions::default();
        for v in trans.start.iter_mut() {
            *v = r.f32()?;
        }
        for v in trans.pair.iter_mut().flatten() {
            *v = r.f32()?;
        }
        let packed_len = r.u64()? as usize;
        let packed = r.take(packed_len)?;
        let expected = (1usize << bits) * NUM_LABELS;
        let mut raw = Vec::with_capacity(expected);
        flate2::read::DeflateDecoder::new(packed)
            .take(expected as u64 + 1)
            .read_to_end(&mut raw)
            .map_err(|e| NerError::Format(format!("weights: {e}")))?;
        if raw.len() != expected {
            return Err(NerError::Format("weight table has the wrong size".into()));
        }
        let weights = raw.into_iter().map(|b| b as i8).collect();
        let n_rules = r.u32()? as usize;
        let mut rules = Vec::with_capacity(n_rules.min(1 << 16));
        for _ in 0..n_rules {
            let strip = r.take(1)?[0];
            let len = r.take(1)?[0] as usize;
            let add = std::str::from_utf8(r.take(len)?)
                .map_err(|_| NerError::Format("rule is not UTF-8".into()))?
                .to_owned();
            rules.push(Rule { strip, add });
        }
        let n_table = r.u32()? as usize;
        let mut table = std::collections::HashMap::with_capacity(n_table.min(1 << 22));
        for _ in 0..n_table {
            let k = r.u64()?;
            let v = u16::from_le_bytes([r.take(1)?[0], r.take(1)?[0]]);
            if v as usize >= rules.len() {
                return Err(NerError::Format("rule index out of range".into()));
            }
            table.insert(k, v);
        }
        let n_names = r.u32()? as usize;
        let mut names = std::collections::HashMap::with_capacity(n_names.min(1 << 22));
        for _ in 0..n_names {
            let k = r.u64()?;
            names.insert(k, r.take(1)?[0]);
        }
        let n_stems = r.u32()? as usize;
        let mut stems = std::collections::HashSet::with_capacity(n_stems.min(1 << 22));
        for _ in 0..n_stems {
            stems.insert(r.u64()?);
        }
        let n_casing = r.u32()? as usize;
        let mut casing = std::collections::HashMap::with_capacity(n_casing.min(1 << 22));
        for _ in 0..n_casing {
            let k = r.u64()?;
            casing.insert(k, r.take(1)?[0]);
        }
        if r.pos != bytes.len() {
            return Err(NerError::Format("trailing bytes".into()));
        }
        Ok(NerModel {
            bits,
            weights,
            scale,
            levels: levels(scale),
            trans,
            lemmas: LemmaRules { rules, table },
            gazetteer: Gazetteer {
                names,
                stems,
                casing,
            },
        })
    }
}

/// A bounds-checked little-endian reader.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], NerError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| NerError::Format("truncated".into()))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, NerError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> Result<u64, NerError> {
        Ok(u64::from(self.u32()?) | u64::from(self.u32()?) << 32)
    }

    fn f32(&mut self) -> Result<f32, NerError> {
        Ok(f32::from_bits(self.u32()?))
    }
}

#[cfg(test)]
mod tests;
