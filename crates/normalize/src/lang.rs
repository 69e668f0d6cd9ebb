//! Language identification.
//!
//! Stub: replaced by the detector.

use concord_model::LangGuess;

/// A language detector over a configured set of languages, built once and shared by all threads.
#[derive(Debug)]
pub struct LanguageDetector {
    languages: Vec<String>,
}

impl LanguageDetector {
    /// Builds a detector for ISO 639-1 `languages`.
    pub fn new(languages: &[&str]) -> LanguageDetector {
        LanguageDetector {
            languages: languages.iter().map(|code| (*code).to_owned()).collect(),
        }
    }

    /// The configured languages.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// Guesses the language of `text`; `und` when too short or unlike any configured language.
    pub fn detect(&self, text: &str) -> LangGuess {
        let _ = text;
        LangGuess::undetermined()
    }
}
