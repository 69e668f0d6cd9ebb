//! Language identification: which of the configured languages a document or a paragraph is in,
//! with a confidence, or `und` when the text is too short or unlike all of them.
//!
//! The detector is a character n-gram classifier (orders 1 to 5, within words, lowercased) over a
//! compact table embedded from `data/models/langid.bin`, which `data/models/langid-build` derives
//! from lingua's published models. Each letter adds, per language, the log-probability of that
//! letter after its (up to four) preceding letters, backing off to shorter contexts; the table
//! stores the backed-off scores of all languages together, so a letter costs about one table
//! probe and one 17-byte integer add (`lang/model.rs`). A whole text is scored on its first 600
//! letters; in [`LanguageDetector::detect_paragraphs`] a paragraph is read only until its language
//! leads clearly (sooner when it is the document's language so far), so a long page costs a few
//! dozen letters per paragraph. Indonesian and Malay, which share most n-grams, are then told
//! apart by their spelling and vocabulary markers (see `lang/malay.rs`).
//!
//! It does not detect scripts or languages outside the model: those come out as `und` (a language
//! outside the configured set but in a configured script gets a low-confidence guess instead).

mod malay;
mod model;

use concord_model::LangGuess;

pub use self::model::ModelError;
use self::model::{MAX_LANGS, MAX_ORDER, Model, hash_finish, suffix_states};

/// The languages concord detects unless configured otherwise (ISO 639-1).
pub const DEFAULT_LANGUAGES: &[&str] = &concord_lang::LANGUAGES;

/// The embedded model (see `data/models/langid-build`).
static MODEL_BYTES: &[u8] = include_bytes!("../../../data/models/langid.bin");

/// The embedded model, parsed once per process (7 MB: every detector, in every worker, shares it).
fn builtin_model() -> Result<&'static Model, ModelError> {
    static MODEL: std::sync::OnceLock<Result<Model, ModelError>> = std::sync::OnceLock::new();
    MODEL
        .get_or_init(|| Model::parse(MODEL_BYTES, BACKOFF_STEPS, FLOOR_STEPS))
        .as_ref()
        .map_err(|e| ModelError(e.0))
}

/// Fewer letters than this is too little evidence: `und`.
const MIN_LETTERS: u32 = 5;
/// Letters scored for a whole text by [`LanguageDetector::detect`] (a few sentences: plenty).
const DOC_LETTERS: u32 = 600;
/// Most letters scored per paragraph by [`LanguageDetector::detect_paragraphs`].
const PARAGRAPH_LETTERS: u32 = 200;
/// A paragraph is scored on at least this many letters before its margin is looked at...
const PARAGRAPH_MIN_LETTERS: u32 = 24;
/// ...and no further once its best language leads every other by this many nats (names and
/// quotes can make a paragraph look foreign for a while: the margin is wide)...
const PARAGRAPH_MARGIN: f32 = 24.0;
/// ...or by this many when that language is also the document's so far (the common case; a
/// paragraph really in another language is still caught, only read further).
const AGREEING_MARGIN: f32 = 8.0;
/// Letters pooled before the document's leading language is trusted as a prior.
const DOCUMENT_PRIOR_LETTERS: u32 = 100;
/// The margin is checked every this many letters (a check costs a pass over the totals).
const CHECK_EVERY: u32 = 8;
/// A best language averaging a lower log-probability per letter is not really matching: `und`.
const UNKNOWN_PER_LETTER: f32 = -7.0;
/// Softmax temperature over summed log-probabilities: overlapping n-grams count the same
/// evidence several times, so raw sums would be overconfident.
const TEMPERATURE: f32 = 4.0;
/// Log-probability added per order backed off, in quantisation steps of the model (0.1 nat).
const BACKOFF_STEPS: u8 = 14;
/// Log-probability of a letter a language does not know at all, in steps (12 nats).
const FLOOR_STEPS: u8 = 120;

/// Why a detector could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LangError {
    /// A configured code is not in the model.
    #[error("language {code:?} is not supported (supported: {supported})")]
    Unsupported {
        /// The code asked for.
        code: String,
        /// The codes the model has, comma-separated.
        supported: String,
    },
    /// No language was configured.
    #[error("no language configured")]
    Empty,
    /// The embedded model is corrupt.
    #[error(transparent)]
    Model(#[from] ModelError),
}

/// The languages of a document and of each of its paragraphs.
#[derive(Clone, Debug, PartialEq)]
pub struct ParagraphLanguages {
    /// The whole document's language (evidence of all paragraphs pooled).
    pub document: LangGuess,
    /// One guess per paragraph, in order.
    pub paragraphs: Vec<LangGuess>,
}

/// A language detector over a configured set of languages, built once and shared by all threads.
#[derive(Debug)]
pub struct LanguageDetector {
    languages: Vec<String>,
    model: &'static Model,
    /// Model language index of each configured language, in `languages` order.
    langs: Vec<usize>,
    /// Positions in `langs` of Indonesian and Malay, when both are configured.
    id_ms: Option<(usize, usize)>,
    /// The words that tell Indonesian from Malay.
    markers: malay::Markers,
    /// Bit set over the Basic Multilingual Plane of the lowercase letters some configured language
    /// knows; other letters (other scripts, symbols) are no evidence and break words.
    known: Vec<u64>,
}

/// Accumulated evidence for one text, in the model's quantisation steps (integers: cheap to add,
/// exact to pool).
#[derive(Clone, Copy, Debug)]
struct Evidence {
    /// Summed `-ln p` per model language, before the shared back-off penalty.
    steps: [u32; MAX_LANGS],
    /// Orders backed off, summed over letters (charged to every language alike).
    backoffs: u32,
    /// Letters scored.
    letters: u32,
}

impl Evidence {
    fn new() -> Evidence {
        Evidence {
            steps: [0; MAX_LANGS],
            backoffs: 0,
            letters: 0,
        }
    }

    fn add(&mut self, other: &Evidence) {
        for (total, value) in self.steps.iter_mut().zip(&other.steps) {
            *total += value;
        }
        self.backoffs += other.backoffs;
        self.letters += other.letters;
    }
}

/// When to stop reading a text.
#[derive(Clone, Copy, Debug)]
struct Budget {
    /// Most letters scored.
    max: u32,
    /// When to stop before `max` (`None`: read up to `max`).
    early: Option<Early>,
}

/// Early stop: after at least `min` letters, once the best language leads by `margin` nats, or
/// by `agreeing` nats if it is the `expected` one (a position in the configured languages).
#[derive(Clone, Copy, Debug)]
struct Early {
    min: u32,
    margin: f32,
    agreeing: f32,
    expected: Option<usize>,
}

impl LanguageDetector {
    /// Builds a detector for the ISO 639-1 `languages` (duplicates ignored).
    ///
    /// Fails if a code is not in the model or none is given.
    pub fn new(languages: &[&str]) -> Result<LanguageDetector, LangError> {
        let model = builtin_model()?;
        let mut configured: Vec<String> = Vec::with_capacity(languages.len());
        let mut langs = Vec::with_capacity(languages.len());
        for code in languages {
            let code = code.trim().to_ascii_lowercase();
            if configured.contains(&code) {
                continue;
            }
            let Some(index) = model.codes.iter().position(|known| *known == code) else {
                return Err(LangError::Unsupported {
                    code,
                    supported: model.codes.join(","),
                });
            };
            configured.push(code);
            langs.push(index);
        }
        if configured.is_empty() {
            return Err(LangError::Empty);
        }
        let mask = langs.iter().fold(0u32, |mask, &lang| mask | (1 << lang));
        let mut known = vec![0u64; 0x1_0000 / 64];
        for &(letter, languages) in &model.letters {
            let code = letter as usize;
            if languages & mask != 0 && code < 0x1_0000 {
                known[code / 64] |= 1 << (code % 64);
            }
        }
        let position = |code: &str| configured.iter().position(|known| known == code);
        let id_ms = position("id").zip(position("ms"));
        Ok(LanguageDetector {
            languages: configured,
            model,
            langs,
            id_ms,
            known,
            markers: malay::Markers::new(),
        })
    }

    /// The configured languages.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// Guesses the language of `text` from its first letters; `und` when too short or unlike
    /// any configured language.
    pub fn detect(&self, text: &str) -> LangGuess {
        let mut evidence = Evidence::new();
        self.score(
            text,
            Budget {
                max: DOC_LETTERS,
                early: None,
            },
            &mut evidence,
        );
        self.decide(&evidence, &[text])
    }

    /// Guesses the language of each paragraph and of the whole document, for pages that mix
    /// languages. Each paragraph is read until its language is clear (or a bounded number of
    /// letters), so a long page costs about a few dozen letters per paragraph; the document pools
    /// the evidence of all paragraphs.
    pub fn detect_paragraphs(&self, paragraphs: &[&str]) -> ParagraphLanguages {
        let mut pooled = Evidence::new();
        let mut guesses = Vec::with_capacity(paragraphs.len());
        for paragraph in paragraphs {
            let expected =
                (pooled.letters >= DOCUMENT_PRIOR_LETTERS).then(|| self.leader(&pooled).0);
            let budget = Budget {
                max: PARAGRAPH_LETTERS,
                early: Some(Early {
                    min: PARAGRAPH_MIN_LETTERS,
                    margin: PARAGRAPH_MARGIN,
                    agreeing: AGREEING_MARGIN,
                    expected,
                }),
            };
            let mut evidence = Evidence::new();
            self.score(paragraph, budget, &mut evidence);
            pooled.add(&evidence);
            guesses.push(self.decide(&evidence, &[paragraph]));
        }
        ParagraphLanguages {
            document: self.decide(&pooled, paragraphs),
            paragraphs: guesses,
        }
    }

    /// Whether some configured language knows the (lowercase) letter.
    #[inline]
    fn knows(&self, letter: char) -> bool {
        let code = letter as usize;
        self.known
            .get(code / 64)
            .is_some_and(|bits| bits & (1 << (code % 64)) != 0)
    }

    /// Scores letters of `text` into `evidence` for every model language, within `budget`.
    fn score(&self, text: &str, budget: Budget, evidence: &mut Evidence) {
        let mut window = [' '; MAX_ORDER];
        let mut filled = 0usize;
        // Order of the longest n-gram the table had at the previous letter: the next one is at
        // most one letter longer (the table is closed under prefixes).
        let mut previous = 0usize;
        let mut states = [0u64; MAX_ORDER];
        // Letters no language knows are not counted as evidence; still bound the walk.
        let mut walked = 0u32;
        let mut next_check = budget.early.map_or(u32::MAX, |early| early.min);
        for c in text.chars() {
            let lower = if c.is_ascii() {
                if !c.is_ascii_alphabetic() {
                    filled = 0;
                    continue;
                }
                c.to_ascii_lowercase()
            } else if self.knows(c) {
                // Most letters are lowercase already: no case-mapping lookup.
                c
            } else {
                // The first char of the lowercase form (drops the dot of Turkish 'İ' → "i̇"); a
                // non-letter stays unknown below and breaks the word like ASCII punctuation.
                c.to_lowercase().next().unwrap_or(c)
            };
            walked += 1;
            if walked > 4 * budget.max {
                break;
            }
            if !self.knows(lower) {
                filled = 0;
                continue;
            }
            if filled == MAX_ORDER {
                window.copy_within(1.., 0);
                window[MAX_ORDER - 1] = lower;
            } else {
                window[filled] = lower;
                filled += 1;
            }
            if filled == 1 {
                previous = 0;
            }
            suffix_states(&window[..filled], &mut states);
            let mut order = (previous + 1).min(filled);
            let row = loop {
                if let Some(row) = self.model.row(hash_finish(states[order - 1])) {
                    break Some(row);
                }
                order -= 1;
                if order == 0 {
                    break None;
                }
            };
            let Some(row) = row else {
                // Only a model without the letter's unigram gets here: treat it as unknown.
                filled = 0;
                continue;
            };
            previous = order;
            for (total, &q) in evidence.steps.iter_mut().zip(self.model.scores(row)) {
                *total += u32::from(q);
            }
            evidence.backoffs += (filled - order) as u32;
            evidence.letters += 1;
            if evidence.letters >= budget.max {
                break;
            }
            if evidence.letters >= next_check {
                next_check += CHECK_EVERY;
                if let Some(early) = budget.early {
                    let (best, margin) = self.leader(evidence);
                    let needed = if early.expected == Some(best) {
                        early.agreeing
                    } else {
                        early.margin
                    };
                    if margin >= needed {
                        break;
                    }
                }
            }
        }
    }

    /// The best configured language (position; Indonesian and Malay count as one, reported as
    /// the first of the two: the markers, not the n-grams, tell them apart) and the nats by which
    /// it leads the next one.
    fn leader(&self, evidence: &Evidence) -> (usize, f32) {
        let (mut best, mut best_at) = (u32::MAX, 0);
        for (i, &lang) in self.langs.iter().enumerate() {
            if evidence.steps[lang] < best {
                best = evidence.steps[lang];
                best_at = i;
            }
        }
        let partner = match self.id_ms {
            Some((id, ms)) if best_at == id => Some(ms),
            Some((id, ms)) if best_at == ms => Some(id),
            _ => None,
        };
        let mut second = u32::MAX;
        for (i, &lang) in self.langs.iter().enumerate() {
            if i != best_at && Some(i) != partner {
                second = second.min(evidence.steps[lang]);
            }
        }
        let group = match partner {
            Some(other) => best_at.min(other),
            None => best_at,
        };
        (group, second.saturating_sub(best) as f32 * self.model.step)
    }

    /// Turns evidence into a guess; `texts` are consulted for the Indonesian/Malay markers.
    fn decide(&self, evidence: &Evidence, texts: &[&str]) -> LangGuess {
        if evidence.letters < MIN_LETTERS {
            return LangGuess::undetermined();
        }
        let shared = evidence.backoffs * self.model.backoff_steps;
        let total = |i: usize| -((evidence.steps[self.langs[i]] + shared) as f32) * self.model.step;
        // The first language with the highest total (ties go to the earlier one).
        let mut best = 0;
        let mut top = total(0);
        for i in 1..self.langs.len() {
            if total(i).total_cmp(&top).is_gt() {
                best = i;
                top = total(i);
            }
        }
        if top / (evidence.letters as f32) < UNKNOWN_PER_LETTER {
            return LangGuess::undetermined();
        }
        // Softmax over the totals, without materialising the weights. A language this far
        // behind weighs under e^-20 of the best: 0 saves the exponential (most languages).
        let weight = |total: f32| {
            let scaled = (total - top) / TEMPERATURE;
            if scaled < -20.0 { 0.0 } else { scaled.exp() }
        };
        let sum: f32 = (0..self.langs.len()).map(|i| weight(total(i))).sum();
        if let Some((id, ms)) = self.id_ms
            && (best == id || best == ms)
        {
            best = self.markers.choose(texts, id, ms, total(id) - total(ms));
            // Confidence of the pair as a whole, shared by the marker decision.
            let pair = (weight(total(id)) + weight(total(ms))) / sum;
            return LangGuess {
                code: self.languages[best].clone(),
                confidence: pair.clamp(0.0, 1.0),
            };
        }
        LangGuess {
            code: self.languages[best].clone(),
            confidence: (weight(total(best)) / sum).clamp(0.0, 1.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;

    static DETECTOR: LazyLock<LanguageDetector> =
        LazyLock::new(|| LanguageDetector::new(DEFAULT_LANGUAGES).unwrap());

    fn check(text: &str, expected: &str) {
        let guess = DETECTOR.detect(text);
        assert_eq!(guess.code, expected, "{text:?} -> {guess:?}");
        assert!((0.0..=1.0).contains(&guess.confidence), "{guess:?}");
        if expected == "und" {
            assert_eq!(guess.confidence, 0.0);
        }
    }

    #[test]
    fn short_or_foreign_text_is_undetermined() {
        check("", "und");
        check("OK", "und");
        check("2021-12-05 12:00", "und");
        check("Ναι", "und");
        check("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.", "und");
        check("政府は新しい経済対策を発表した。", "und");
    }

    #[test]
    fn clear_sentences_per_language() {
        for (code, text) in [
            (
                "en",
                "The government announced new measures to support the economy on Tuesday.",
            ),
            (
                "de",
                "Die Bundesregierung hat am Dienstag neue Maßnahmen für die Wirtschaft angekündigt.",
            ),
            (
                "fr",
                "Le gouvernement a annoncé mardi de nouvelles mesures pour soutenir l'économie.",
            ),
            (
                "es",
                "El gobierno anunció el martes nuevas medidas para apoyar la economía.",
            ),
            (
                "it",
                "Il governo ha annunciato martedì nuove misure per sostenere l'economia.",
            ),
            (
                "pt",
                "O governo anunciou na terça-feira novas medidas para apoiar a economia.",
            ),
            (
                "nl",
                "De regering heeft dinsdag nieuwe maatregelen aangekondigd om de economie te steunen.",
            ),
            (
                "pl",
                "Rząd ogłosił we wtorek nowe środki wsparcia dla gospodarki.",
            ),
            (
                "cs",
                "Vláda v úterý oznámila nová opatření na podporu ekonomiky.",
            ),
            (
                "sl",
                "Vlada je v torek napovedala nove ukrepe za podporo gospodarstvu.",
            ),
            (
                "bg",
                "Правителството обяви във вторник нови мерки в подкрепа на икономиката.",
            ),
            (
                "ru",
                "Правительство во вторник объявило о новых мерах поддержки экономики.",
            ),
            (
                "uk",
                "Уряд у вівторок оголосив нові заходи підтримки економіки.",
            ),
            (
                "tr",
                "Hükümet salı günü ekonomiyi desteklemek için yeni önlemler açıkladı.",
            ),
            (
                "ar",
                "أعلنت الحكومة يوم الثلاثاء عن إجراءات جديدة لدعم الاقتصاد.",
            ),
            (
                "id",
                "Pemerintah mengumumkan langkah-langkah baru untuk mendukung perekonomian pada hari Selasa.",
            ),
            (
                "ms",
                "Kerajaan mengumumkan langkah baharu untuk menyokong ekonomi negara pada hari Selasa, kata jabatan itu.",
            ),
        ] {
            check(text, code);
        }
    }

    /// Detects `paragraphs` as one document; checks each paragraph's code and the document's.
    #[track_caller]
    fn check_paragraphs(paragraphs: &[&str], expected: &[&str], document: &str) {
        let result = DETECTOR.detect_paragraphs(paragraphs);
        let codes: Vec<&str> = result
            .paragraphs
            .iter()
            .map(|guess| guess.code.as_str())
            .collect();
        assert_eq!(codes, expected);
        assert_eq!(result.document.code, document);
    }

    #[test]
    fn mixed_language_paragraphs() {
        let paragraphs = [
            "Moskau muss die Spannungen abbauen, das ist die Botschaft, die Joe Biden an Putin senden will.",
            "\"We are ready to talk, but we will not accept threats,\" the president said on Tuesday.",
            "Die Gespräche sollen in den kommenden Monaten in einem Drittland stattfinden.",
            "Fin.",
        ];
        check_paragraphs(&paragraphs, &["de", "en", "de", "und"], "de");
    }

    /// Once the document's language is known, paragraphs in it are read briefly; one in another
    /// language (even a close one) must still come out right.
    #[test]
    fn foreign_paragraphs_late_in_a_document() {
        let paragraphs = [
            "The city council approved the new budget on Monday after a long debate about public transport.",
            "Several members argued that the tram extension should come before any new road projects.",
            "The mayor said the decision would be reviewed next year, once the first results are known.",
            "El alcalde de Madrid dijo que la ciudad seguirá de cerca las decisiones del consejo municipal.",
            "O presidente da câmara afirmou que a cidade vai acompanhar as decisões do conselho com atenção.",
            "Opposition leaders welcomed the plan but asked for more money for cycling lanes and buses.",
            "„Wir werden das Projekt genau beobachten“, sagte der Bürgermeister der Partnerstadt am Abend.",
            "Il sindaco ha detto che la città seguirà con attenzione le decisioni del consiglio comunale.",
            "The council will meet again in March to discuss the timetable for the works.",
        ];
        check_paragraphs(
            &paragraphs,
            &["en", "en", "en", "es", "pt", "en", "de", "it", "en"],
            "en",
        );
    }

    #[test]
    fn configured_set_limits_the_answers() {
        let detector = LanguageDetector::new(&["en", "DE", "en"]).unwrap();
        assert_eq!(detector.languages(), ["en", "de"]);
        assert_eq!(
            detector
                .detect("Le gouvernement a annoncé de nouvelles mesures.")
                .code
                .len(),
            2
        );
        assert!(matches!(
            LanguageDetector::new(&["en", "xx"]),
            Err(LangError::Unsupported { .. })
        ));
        assert!(matches!(LanguageDetector::new(&[]), Err(LangError::Empty)));
    }

    #[test]
    fn detector_is_shareable_across_threads() {
        fn assert_sync<T: Sync + Send>() {}
        assert_sync::<LanguageDetector>();
    }
}
