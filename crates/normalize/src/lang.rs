//! Language identification: which of the configured languages a document or a paragraph is in,
//! with a confidence, or `und` when the text is too short or unlike all of them.
//!
//! The detector is a character n-gram classifier (orders 1 to 5, within words, lowercased) over a
//! compact table embedded from `data/models/langid.bin`, which `data/models/langid-build` derives
//! from lingua's published models. Each letter adds, per language, the log-probability of that
//! letter after its (up to four) preceding letters, backing off to shorter contexts. Texts are
//! scored on a bounded number of letters, so the cost per document is bounded too. Indonesian and
//! Malay, which share most n-grams, are then told apart by their spelling and vocabulary markers
//! (see `lang/malay.rs`).
//!
//! It does not detect scripts or languages outside the model: those come out as `und`.

mod malay;
mod model;

use concord_model::LangGuess;

pub use self::model::ModelError;
use self::model::{MAX_ORDER, Model, ScoreParams};

/// The languages concord detects unless configured otherwise (ISO 639-1).
pub const DEFAULT_LANGUAGES: &[&str] = &[
    "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sl", "bg", "ru", "uk", "tr", "ar", "id",
    "ms",
];

/// The embedded model (see `data/models/langid-build`).
static MODEL_BYTES: &[u8] = include_bytes!("../../../data/models/langid.bin");

/// Fewer letters than this is too little evidence: `und`.
const MIN_LETTERS: usize = 5;
/// Letters scored for a whole text by [`LanguageDetector::detect`] (a few sentences: plenty).
const DOC_LETTERS: usize = 600;
/// Letters scored per paragraph by [`LanguageDetector::detect_paragraphs`]...
const PARAGRAPH_LETTERS: usize = 200;
/// ...until this many letters were scored for the document; later paragraphs get fewer.
const POOLED_LETTERS: usize = 1_500;
/// Letters scored per paragraph once the pooled budget is spent (about a sentence).
const LATE_PARAGRAPH_LETTERS: usize = 80;
/// A best language averaging a lower log-probability per letter is not really matching: `und`.
const UNKNOWN_PER_LETTER: f32 = -7.0;
/// Softmax temperature over summed log-probabilities: overlapping n-grams count the same
/// evidence several times, so raw sums would be overconfident.
const TEMPERATURE: f32 = 4.0;
/// Scoring constants.
const PARAMS: ScoreParams = ScoreParams {
    backoff: -1.0,
    floor: -12.0,
};

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
    model: Model,
    /// Model language index of each configured language, in `languages` order.
    langs: Vec<usize>,
    /// Positions in `langs` of Indonesian and Malay, when both are configured.
    id_ms: Option<(usize, usize)>,
}

/// Accumulated evidence for one text.
#[derive(Clone, Debug)]
struct Evidence {
    /// Summed log-probability per configured language.
    totals: Vec<f32>,
    /// Letters scored.
    letters: usize,
}

impl Evidence {
    fn new(n: usize) -> Evidence {
        Evidence {
            totals: vec![0.0; n],
            letters: 0,
        }
    }

    fn add(&mut self, other: &Evidence) {
        for (total, value) in self.totals.iter_mut().zip(&other.totals) {
            *total += value;
        }
        self.letters += other.letters;
    }
}

impl LanguageDetector {
    /// Builds a detector for the ISO 639-1 `languages` (duplicates ignored).
    ///
    /// Fails if a code is not in the model or none is given.
    pub fn new(languages: &[&str]) -> Result<LanguageDetector, LangError> {
        let model = Model::parse(MODEL_BYTES)?;
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
        let position = |code: &str| configured.iter().position(|known| known == code);
        let id_ms = position("id").zip(position("ms"));
        Ok(LanguageDetector {
            languages: configured,
            model,
            langs,
            id_ms,
        })
    }

    /// The configured languages.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// Guesses the language of `text` from its first letters; `und` when too short or unlike
    /// any configured language.
    pub fn detect(&self, text: &str) -> LangGuess {
        let evidence = self.score(text, DOC_LETTERS);
        self.decide(&evidence, &[text])
    }

    /// Guesses the language of each paragraph and of the whole document, for pages that mix
    /// languages. Each paragraph is scored on its first letters (fewer once the document has had
    /// enough, so the cost stays bounded); the document pools them all.
    pub fn detect_paragraphs(&self, paragraphs: &[&str]) -> ParagraphLanguages {
        let mut pooled = Evidence::new(self.langs.len());
        let mut guesses = Vec::with_capacity(paragraphs.len());
        for paragraph in paragraphs {
            let budget = if pooled.letters < POOLED_LETTERS {
                PARAGRAPH_LETTERS
            } else {
                LATE_PARAGRAPH_LETTERS
            };
            let evidence = self.score(paragraph, budget);
            pooled.add(&evidence);
            guesses.push(self.decide(&evidence, &[paragraph]));
        }
        ParagraphLanguages {
            document: self.decide(&pooled, paragraphs),
            paragraphs: guesses,
        }
    }

    /// Scores up to `budget` letters of `text` for every configured language.
    fn score(&self, text: &str, budget: usize) -> Evidence {
        let mut evidence = Evidence::new(self.langs.len());
        let mut window = [' '; MAX_ORDER];
        let mut filled = 0usize;
        // Letters no language knows are not counted as evidence; still bound the walk.
        let mut walked = 0usize;
        for c in text.chars() {
            if evidence.letters >= budget || walked >= 4 * budget {
                break;
            }
            if !c.is_alphabetic() {
                filled = 0;
                continue;
            }
            walked += 1;
            let mut push = |lower: char, evidence: &mut Evidence| {
                if filled == MAX_ORDER {
                    window.copy_within(1.., 0);
                    window[MAX_ORDER - 1] = lower;
                } else {
                    window[filled] = lower;
                    filled += 1;
                }
                if self.model.score_letter(
                    &window[..filled],
                    &self.langs,
                    &mut evidence.totals,
                    &PARAMS,
                ) {
                    evidence.letters += 1;
                }
            };
            if c.is_ascii() {
                push(c.to_ascii_lowercase(), &mut evidence);
            } else {
                for lower in c.to_lowercase() {
                    push(lower, &mut evidence);
                }
            }
        }
        evidence
    }

    /// Turns evidence into a guess; `texts` are consulted for the Indonesian/Malay markers.
    fn decide(&self, evidence: &Evidence, texts: &[&str]) -> LangGuess {
        if evidence.letters < MIN_LETTERS {
            return LangGuess::undetermined();
        }
        // The first language with the highest total (ties go to the earlier one).
        let Some(mut top) = evidence.totals.first().copied() else {
            return LangGuess::undetermined();
        };
        let mut best = 0;
        for (i, &total) in evidence.totals.iter().enumerate().skip(1) {
            if total.total_cmp(&top).is_gt() {
                best = i;
                top = total;
            }
        }
        if top / (evidence.letters as f32) < UNKNOWN_PER_LETTER {
            return LangGuess::undetermined();
        }
        // Softmax over the totals, without materialising the weights.
        let weight = |total: f32| ((total - top) / TEMPERATURE).exp();
        let sum: f32 = evidence.totals.iter().map(|&total| weight(total)).sum();
        if let Some((id, ms)) = self.id_ms
            && (best == id || best == ms)
        {
            best = malay::choose(texts, id, ms, evidence.totals[id] - evidence.totals[ms]);
            // Confidence of the pair as a whole, shared by the marker decision.
            let pair = (weight(evidence.totals[id]) + weight(evidence.totals[ms])) / sum;
            return LangGuess {
                code: self.languages[best].clone(),
                confidence: pair.clamp(0.0, 1.0),
            };
        }
        LangGuess {
            code: self.languages[best].clone(),
            confidence: (weight(evidence.totals[best]) / sum).clamp(0.0, 1.0),
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

    #[test]
    fn mixed_language_paragraphs() {
        let paragraphs = [
            "Moskau muss die Spannungen abbauen, das ist die Botschaft, die Joe Biden an Putin senden will.",
            "\"We are ready to talk, but we will not accept threats,\" the president said on Tuesday.",
            "Die Gespräche sollen in den kommenden Monaten in einem Drittland stattfinden.",
            "Fin.",
        ];
        let result = DETECTOR.detect_paragraphs(&paragraphs);
        let codes: Vec<&str> = result
            .paragraphs
            .iter()
            .map(|guess| guess.code.as_str())
            .collect();
        assert_eq!(codes, ["de", "en", "de", "und"]);
        assert_eq!(result.document.code, "de");
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
