//! How alike two documents are: the score that joins stories and detects translations.
//!
//! [`build_profile`] turns one document's facts into a compact [`Profile`] (see
//! [`concord_model::profile`]): its content words mapped through the bilingual [`Lexicon`] to
//! pivot concepts (English headwords, hashed), their raw stems, its entity names transliterated to
//! Latin and case folded, its figure values and its resolved dates. [`similarity`] compares two
//! profiles feature by feature and combines the features into one score in `[0, 1]` (higher = more
//! alike) with a small linear model (clamped to `[0, 1]`) whose weights are constants below.
//!
//! Calibration across language pairs: raw lexical overlap has another scale for every language
//! pair (a German–English pair shares fewer words than an English–English one about the same
//! event, because the lexicon misses words and inflections). Each lexical feature is therefore
//! divided by the overlap two documents of that pair could have at most given how much of each the
//! lexicon covered, and language-independent anchors (names, figures, dates) carry most of the
//! weight. The weights were fitted on a deterministic half of the SemEval-2022 Task 8 dev pairs
//! (rows whose id is even) by least squares; the other half is reported apart by
//! `cargo xtask eval similarity`.
//!
//! Transliteration of names uses the `any_ascii` crate (Cyrillic, Greek, Arabic and the rest to
//! Latin letters).

use std::io::Read;
use std::sync::OnceLock;

use concord_model::profile::{
    MAX_CONCEPTS, MAX_DATES, MAX_LEAD, MAX_NAMES, MAX_NUMBERS, MAX_STEMS,
};
use concord_model::{DocFacts, Granularity, Profile, Weighted};
use xxhash_rust::xxh3::xxh3_64;

use crate::fxhash::FxMap;

/// The score at or above which two documents are taken to report the same story (the F1-best
/// threshold on the `fit` half of the dev pairs).
pub const STORY_THRESHOLD: f32 = 0.55;

/// The committed lexicon table (gzip), written by `cargo xtask train lexicon`.
const BUILTIN: &[u8] = include_bytes!("../../../data/lexicon/lexicon.tsv.gz");

/// Sentences of the frequency sample the `df` column counts in.
const SAMPLE_SENTENCES: f32 = 1000.0;

/// A word at least this frequent (sentences of the sample holding it) is a stopword.
const STOP_DF: u16 = 15;

/// How much more the first content words (headline and lead) weigh: a word's weight is multiplied
/// by `1 + LEAD_BOOST * exp(-position / LEAD_WORDS)`.
const LEAD_BOOST: f32 = 2.0;
/// The decay length of the lead boost, in content words.
const LEAD_WORDS: f32 = 20.0;

/// Why a lexicon table could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconError {
    /// A line does not have the `lang, word, df, pivots` columns.
    #[error("lexicon line {line}: {message}")]
    Format {
        /// The 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// One word of one language in the lexicon.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Entry {
    /// Sentences of the language's frequency sample holding the word (0: not seen).
    df: u16,
    /// Pivot concepts (hashed English headword stems) the word translates to.
    pivots: Vec<u32>,
}

/// The bilingual lexicon: for each language, its words' pivot concepts and frequencies.
///
/// The table (`data/lexicon/lexicon.tsv`) has one line per word: `lang<TAB>word<TAB>df<TAB>pivots`,
/// where `df` is the number of sentences of a 1000-sentence sample of the language that hold the
/// word, and `pivots` the English headwords it translates to, separated by `|` (empty for English
/// and for words only known by their frequency). Lines starting with `#` are comments.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// One table per language (by [`lang_key`]), so that a lookup borrows the word.
    languages: FxMap<u16, Words>,
    /// The shortest English headword of each pivot key, to name a pivot to a person.
    headwords: FxMap<u32, Box<str>>,
}

/// The words of one language.
type Words = FxMap<Box<str>, Entry>;

/// A language code as a small integer key (two ASCII letters).
fn lang_key(lang: &str) -> u16 {
    let b = lang.as_bytes();
    match b {
        [a, c, ..] => u16::from(*a) << 8 | u16::from(*c),
        [a] => u16::from(*a) << 8,
        [] => 0,
    }
}

impl Lexicon {
    /// An empty lexicon: nothing maps, every word is content.
    pub fn empty() -> Lexicon {
        Lexicon::default()
    }

    /// Reads a lexicon table (the format above).
    pub fn parse(table: &str) -> Result<Lexicon, LexiconError> {
        let mut languages: FxMap<u16, Words> = FxMap::default();
        let mut headwords: FxMap<u32, Box<str>> = FxMap::default();
        for (i, line) in table.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(lang), Some(word), Some(df), pivots) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                return Err(LexiconError::Format {
                    line: i + 1,
                    message: "expected lang, word, df, pivots".into(),
                });
            };
            let df: u16 = df.parse().map_err(|_| LexiconError::Format {
                line: i + 1,
                message: format!("bad df {df:?}"),
            })?;
            let pivots = pivots
                .unwrap_or("")
                .split('|')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let key = concept_key(&english_stem(p));
                    // The shortest headword of a stem that is no verb form names it ("round",
                    // not "rounding"; "page", not "paged").
                    let rank = |w: &str| (w.ends_with("ed") || w.ends_with("ing"), w.len());
                    let shorter = |h: &str| (rank(p), p) < (rank(h), h);
                    match headwords.get(&key) {
                        Some(h) if !shorter(h) => {}
                        _ => {
                            headwords.insert(key, Box::from(p));
                        }
                    }
                    key
                })
                .collect();
            languages
                .entry(lang_key(lang))
                .or_default()
                .insert(Box::from(word), Entry { df, pivots });
        }
        Ok(Lexicon {
            languages,
            headwords,
        })
    }

    /// Reads a gzip-compressed lexicon table.
    pub fn parse_gzip(bytes: &[u8]) -> Result<Lexicon, LexiconError> {
        let mut table = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut table)
            .map_err(|e| LexiconError::Format {
                line: 0,
                message: format!("not a gzip-compressed UTF-8 table: {e}"),
            })?;
        Lexicon::parse(&table)
    }

    /// The committed lexicon (`data/lexicon/lexicon.tsv.gz`, compiled in), read once per process
    /// (empty if the committed table were broken, which a test rules out).
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse_gzip(BUILTIN).unwrap_or_default())
    }

    /// Words in the lexicon, over all languages.
    pub fn len(&self) -> usize {
        self.languages.values().map(FxMap::len).sum()
    }

    /// Whether the lexicon has no word.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The words of `lang` (none when the lexicon has no table for it).
    fn table(&self, lang: &str) -> Option<&Words> {
        self.languages.get(&lang_key(lang))
    }

    /// The first English translation of `word` (lowercase) in `lang`, as a pivot key.
    pub fn first_pivot(&self, lang: &str, word: &str) -> Option<u32> {
        lookup(self.table(lang)?, word)?.pivots.first().copied()
    }

    /// The English word a noun (lowercase, its base form) of `lang` is counted as: itself in
    /// English, else its translation that is most common in English text
    /// (the first listed on a tie: "giorno" → "day", not "tag"); `None` when unknown.
    pub fn english_noun<'a>(&'a self, lang: &str, word: &'a str) -> Option<&'a str> {
        if lang == "en" {
            return Some(word);
        }
        let entry = lookup(self.table(lang)?, word)?;
        let english = self.table("en");
        let common = |h: &str| english.and_then(|t| t.get(h)).map_or(0, |e| e.df);
        entry
            .pivots
            .iter()
            .filter_map(|p| self.headwords.get(p))
            .rev()
            .max_by_key(|h| common(h))
            .map(|h| &**h)
    }

    /// The pivot concepts of `word` (lowercase) in `lang`, inflections stripped as for profiles;
    /// empty when unknown. English words are their own pivot.
    pub fn pivots(&self, lang: &str, word: &str) -> Vec<u32> {
        self.each_pivot(lang, word).collect()
    }

    /// [`Lexicon::pivots`] without building a list: per-word loops of a digest call this.
    pub fn each_pivot<'a>(&'a self, lang: &str, word: &str) -> impl Iterator<Item = u32> + 'a {
        let own = (lang == "en").then(|| pivot_of(word));
        let listed: &[u32] = match own {
            Some(_) => &[],
            None => self
                .table(lang)
                .and_then(|words| lookup(words, word))
                .map_or(&[], |e| e.pivots.as_slice()),
        };
        own.into_iter().chain(listed.iter().copied())
    }

    /// Whether `word` (lowercase) is a function word of `lang`: in [`FUNCTION_DF`] or more of the
    /// sample's sentences ("de", "and", "che", "will").
    pub fn is_function_word(&self, lang: &str, word: &str) -> bool {
        self.frequency(lang, word) >= FUNCTION_DF
    }

    /// How many sentences of the language's 1000-sentence sample hold `word` (lowercase); 0 when
    /// unknown.
    pub fn frequency(&self, lang: &str, word: &str) -> u16 {
        self.table(lang)
            .and_then(|words| words.get(word))
            .map_or(0, |e| e.df)
    }
}

/// Sentences of a language's 1000-sentence sample from which a word is a function word: content
/// words ("house", "weapon", "said") stay well below, articles, prepositions and auxiliaries
/// above.
pub const FUNCTION_DF: u16 = 20;

/// The entry of `word` (lowercase), trying shorter forms when the word itself is not listed.
fn lookup<'a>(words: &'a Words, word: &str) -> Option<&'a Entry> {
    words.get(word).or_else(|| lookup_inflected(words, word))
}

/// The entry of `word` with an inflection stripped (at most 3 letters, never below 4 letters),
/// among the entries that translate.
fn lookup_inflected<'a>(words: &'a Words, word: &str) -> Option<&'a Entry> {
    let letters = word.chars().count();
    let mut ends = word.char_indices().rev().map(|(i, _)| i);
    for cut in 1..=3 {
        if letters < cut + 4 {
            break;
        }
        let end = ends.next()?;
        if let Some(entry) = words.get(&word[..end]).filter(|e| !e.pivots.is_empty()) {
            return Some(entry);
        }
    }
    None
}

/// The pivot concept of an English word, as [`Lexicon::pivots`] gives them.
pub fn pivot_of(english: &str) -> u32 {
    let plain = english
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if !plain {
        return concept_key(&english_stem(english));
    }
    // Lowercase ASCII (most words of a profile): the key of the stem without building it.
    match stem_parts(english) {
        (stem, true) => key32(&[b"c", stem.as_bytes(), b"y"]),
        (stem, false) => key32(&[b"c", stem.as_bytes()]),
    }
}

/// The hash key of a pivot concept (an English stem).
fn concept_key(stem: &str) -> u32 {
    key32(&[b"c", stem.as_bytes()])
}

/// A 32-bit key of the concatenated `parts` (a namespace and a string).
fn key32(parts: &[&[u8]]) -> u32 {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut stack = [0u8; 128];
    let mut heap = Vec::new();
    let bytes: &mut [u8] = if len <= stack.len() {
        &mut stack[..len]
    } else {
        heap.resize(len, 0);
        &mut heap
    };
    let mut at = 0;
    for part in parts {
        bytes[at..at + part.len()].copy_from_slice(part);
        at += part.len();
    }
    (xxh3_64(bytes) >> 32) as u32
}

/// A light English stemmer: plural and verb endings.
fn english_stem(word: &str) -> String {
    let w = word.trim().to_lowercase();
    match stem_parts(&w) {
        (stem, true) => format!("{stem}y"),
        (stem, false) => stem.to_owned(),
    }
}

/// The stem of a trimmed lowercase word, and whether it takes a `y` ("countries" → "countr", y).
fn stem_parts(w: &str) -> (&str, bool) {
    for suffix in ["ies", "ing", "ed", "es", "s"] {
        if let Some(stem) = w.strip_suffix(suffix)
            && stem.chars().count() >= 3
            && !stem.ends_with('s')
        {
            return (stem, suffix == "ies");
        }
    }
    (w, false)
}

/// Arabic light stemming: the article and the conjunctions and prepositions written onto a word,
/// and the commonest endings (never below three letters).
fn arabic_light(word: &str) -> &str {
    let mut w = word;
    for prefix in ["وال", "بال", "كال", "فال", "لل", "ال", "و"] {
        if let Some(rest) = w.strip_prefix(prefix)
            && rest.chars().count() >= 3
        {
            w = rest;
            break;
        }
    }
    for suffix in ["ها", "ات", "ون", "ين", "ية", "ة", "ه"] {
        if let Some(rest) = w.strip_suffix(suffix)
            && rest.chars().count() >= 3
        {
            w = rest;
            break;
        }
    }
    w
}

/// A language-independent stem: the first six letters.
fn prefix_stem(word: &str) -> &str {
    match word.char_indices().nth(6) {
        Some((i, _)) => &word[..i],
        None => word,
    }
}

/// The lowercase words of a text, as profiles count them: runs of letters and digits, without the
/// words that hold a digit (figures are kept apart).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    raw_words(text).map(str::to_lowercase)
}

/// The words of [`words`] as written.
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().any(|c| c.is_numeric()))
}

/// Writes `word` lowercased into `out` (the same as `str::to_lowercase`, without an allocation
/// for ASCII words).
fn lowercase_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&word.to_lowercase());
    }
}

/// Keeps the `n` highest weighted features, quantised against the highest, sorted by key.
fn top(weights: FxMap<u32, f32>, n: usize) -> Vec<Weighted> {
    let mut all: Vec<(u32, f32)> = weights.into_iter().collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    all.truncate(n);
    let max = all.first().map_or(1.0, |x| x.1).max(f32::MIN_POSITIVE);
    let mut kept: Vec<Weighted> = all
        .into_iter()
        .map(|(key, w)| Weighted {
            key,
            weight: ((w / max * 255.0).round() as u8).max(1),
        })
        .collect();
    kept.sort();
    kept
}

/// Name keys of an entity base form: each word, transliterated to Latin and case folded.
fn name_keys(base: &str) -> impl Iterator<Item = u32> + '_ {
    base.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter_map(|w| {
            let latin: String = any_ascii::any_ascii(w)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            (latin.len() >= 2).then(|| key32(&[b"n", latin.as_bytes()]))
        })
}

/// The key of a figure value: rounded to 3 significant digits.
fn number_key(value: f64) -> u32 {
    if !value.is_finite() {
        return 0;
    }
    let rounded = if value == 0.0 {
        0.0
    } else {
        let magnitude = value.abs().log10().floor() as i32 - 2;
        let scale = 10f64.powi(magnitude);
        (value / scale).round() * scale
    };
    key32(&[b"#", format!("{rounded:.6e}").as_bytes()])
}

/// Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`).
fn iso_days(iso: &str) -> Option<i32> {
    let mut parts = iso.splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.get(..2)?.parse().ok()?;
    let date = concord_model::civil::Date::new(year, month, day)?;
    i32::try_from(date.to_days()).ok()
}

/// Builds a document's profile from its facts, with `lexicon` for the pivot concepts.
pub fn build_profile(facts: &DocFacts, lexicon: &Lexicon) -> Profile {
    let lang = facts.doc.lang.code.as_str();
    let table = lexicon.table(lang);
    let english = lang == "en";
    let mut concepts: FxMap<u32, f32> = FxMap::default();
    let mut stems: FxMap<u32, f32> = FxMap::default();
    let (mut n_words, mut n_mapped) = (0u32, 0u32);
    let mut lead: Vec<u32> = Vec::with_capacity(MAX_LEAD + 2);
    let title = facts.doc.title.as_deref().unwrap_or("");
    let mut lower = String::new();
    for raw in raw_words(title).chain(raw_words(&facts.doc.text)) {
        lowercase_into(raw, &mut lower);
        let word = lower.as_str();
        if word.chars().count() < 3 {
            continue;
        }
        let listed = table.and_then(|t| t.get(word));
        let df = listed.map_or(0, |e| e.df);
        if df >= STOP_DF {
            continue;
        }
        let idf = ((SAMPLE_SENTENCES + 1.0) / (f32::from(df) + 1.0)).ln()
            * (1.0 + LEAD_BOOST * (-(n_words as f32) / LEAD_WORDS).exp());
        n_words += 1;
        let stem = match lang {
            "ar" => arabic_light(word),
            _ => prefix_stem(word),
        };
        *stems.entry(key32(&[b"s", stem.as_bytes()])).or_default() += idf;
        let lead_word = lead.len() < MAX_LEAD;
        // A listed word that does not translate is not looked up by its shorter forms.
        let translated = || {
            let words = table?;
            listed
                .or_else(|| lookup_inflected(words, word))
                .or_else(|| match lang {
                    "ar" => lookup(words, arabic_light(word)),
                    _ => None,
                })
                .filter(|e| !e.pivots.is_empty())
        };
        if english {
            n_mapped += 1;
            let key = pivot_of(word);
            *concepts.entry(key).or_default() += idf;
            if lead_word {
                lead.push(key);
            }
        } else if let Some(entry) = translated() {
            n_mapped += 1;
            let share = idf / entry.pivots.len() as f32;
            for &pivot in &entry.pivots {
                *concepts.entry(pivot).or_default() += share;
            }
            if lead_word {
                lead.extend_from_slice(&entry.pivots);
            }
        } else {
            // Unmapped: a name or a loanword, the same in Latin letters in any language.
            let key = if word.is_ascii() {
                pivot_of(word)
            } else {
                pivot_of(&any_ascii::any_ascii(word))
            };
            *concepts.entry(key).or_default() += idf;
            if lead_word {
                lead.push(key);
            }
        }
    }
    let mut names: FxMap<u32, f32> = FxMap::default();
    for (i, mention) in facts.entities.iter().enumerate() {
        let boost = 1.0 + LEAD_BOOST * (-(i as f32) / 4.0).exp();
        for key in name_keys(&mention.base) {
            *names.entry(key).or_default() += boost;
        }
    }
    let mut numbers: Vec<u32> = Vec::new();
    for figure in &facts.figures {
        let key = number_key(figure.value);
        if !numbers.contains(&key) && numbers.len() < MAX_NUMBERS {
            numbers.push(key);
        }
    }
    numbers.sort_unstable();
    let mut dates: Vec<i32> = Vec::new();
    for expr in &facts.dates {
        if expr.granularity != Granularity::Day {
            continue;
        }
        if let Some(day) = expr.start.as_deref().and_then(iso_days)
            && !dates.contains(&day)
            && dates.len() < MAX_DATES
        {
            dates.push(day);
        }
    }
    dates.sort_unstable();
    lead.truncate(MAX_LEAD);
    lead.sort_unstable();
    lead.dedup();
    Profile {
        lang: lang.to_owned(),
        words: n_words,
        mapped: n_mapped,
        concepts: top(concepts, MAX_CONCEPTS),
        lead,
        stems: top(stems, MAX_STEMS),
        names: top(names, MAX_NAMES),
        numbers,
        dates,
    }
}

/// The score of two documents with the features it was computed from.
#[derive(Clone, Debug, PartialEq)]
pub struct Similarity {
    /// How alike the two are, in `[0, 1]` (higher = more alike).
    pub score: f32,
    /// The features, by name, in a fixed order (for `explain`).
    pub features: Vec<(&'static str, f32)>,
}

/// Cosine of two weighted feature lists sorted by key.
fn cosine(a: &[Weighted], b: &[Weighted]) -> f32 {
    let norm = |v: &[Weighted]| {
        v.iter()
            .map(|w| f32::from(w.weight).powi(2))
            .sum::<f32>()
            .sqrt()
    };
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].key.cmp(&b[j].key) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += f32::from(a[i].weight) * f32::from(b[j].weight);
                i += 1;
                j += 1;
            }
        }
    }
    dot / (na * nb)
}

/// Shared items of two sorted lists over the smaller list's size (plus one, so that one shared
/// item of one is not certainty).
fn overlap<T: Ord>(a: &[T], b: &[T]) -> f32 {
    let (mut i, mut j, mut shared) = (0, 0, 0u32);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f32 / (a.len().min(b.len()) as f32 + 1.0)
}

/// Dates within a day of each other over the smaller list's size (plus one).
fn date_overlap(a: &[i32], b: &[i32]) -> f32 {
    let shared = a
        .iter()
        .filter(|d| b.iter().any(|e| (*d - e).abs() <= 1))
        .count();
    shared as f32 / (a.len().min(b.len()) as f32 + 1.0)
}

/// Names of the features, in the order of [`Similarity::features`].
pub const FEATURES: [&str; 7] = [
    "concepts", "lead", "stems", "names", "numbers", "dates", "coverage",
];

/// The linear model over the features (least squares on the `fit` half of the SemEval-2022 Task 8
/// dev pairs, target `(4 - Overall) / 3`): weights of concepts, lead, stems, names, numbers,
/// sqrt(concepts), sqrt(stems), sqrt(names), same language, same language × stems, and the bias.
/// Dates and coverage are reported for `explain` but not weighed (no gain on the dev pairs).
const WEIGHTS: [f32; 11] = [
    -0.1869, 0.0142, 0.2449, 0.1170, 0.1673, 0.8164, 0.3396, -0.0798, -0.0874, -0.0330, 0.0093,
];

/// How alike two documents are.
pub fn similarity(a: &Profile, b: &Profile) -> Similarity {
    let coverage = |p: &Profile| match p.words {
        0 => 0.0,
        n => p.mapped as f32 / n as f32,
    };
    let cov = (coverage(a) * coverage(b)).sqrt();
    let values = [
        cosine(&a.concepts, &b.concepts),
        overlap(&a.lead, &b.lead),
        cosine(&a.stems, &b.stems),
        cosine(&a.names, &b.names),
        overlap(&a.numbers, &b.numbers),
        date_overlap(&a.dates, &b.dates),
        cov,
    ];
    let [concepts, lead, stems, names, numbers, _, _] = values;
    let same = if a.lang == b.lang { 1.0 } else { 0.0 };
    let inputs = [
        concepts,
        lead,
        stems,
        names,
        numbers,
        concepts.sqrt(),
        stems.sqrt(),
        names.sqrt(),
        same,
        same * stems,
        1.0,
    ];
    let z: f32 = inputs.iter().zip(WEIGHTS.iter()).map(|(v, w)| v * w).sum();
    Similarity {
        score: z.clamp(0.0, 1.0),
        features: FEATURES.iter().copied().zip(values).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_parses() {
        let lexicon = Lexicon::parse_gzip(BUILTIN);
        assert!(
            lexicon.as_ref().is_ok_and(|l| l.len() > 100_000),
            "{lexicon:?}"
        );
    }

    #[test]
    fn stems() {
        let check = |word: &str, stem: &str| assert_eq!(english_stem(word), stem, "{word}");
        check("soldiers", "soldier");
        check("talks", "talk");
        check("countries", "country");
        check("meeting", "meet");
        check("press", "press");
    }

    #[test]
    fn names_transliterate() {
        let check = |a: &str, b: &str| {
            let ka: Vec<u32> = name_keys(a).collect();
            let kb: Vec<u32> = name_keys(b).collect();
            assert_eq!(ka, kb, "{a} vs {b}");
        };
        check("Путин", "Putin");
        check("BIDEN", "biden");
    }
}
