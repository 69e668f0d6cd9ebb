//! `concord-extract`: finds who, how many, when, and who said what in a
//! [`concord_model::CleanDoc`], producing [`concord_model::DocFacts`].
//!
//! [`Extractor::extract`] is one pure function per document over an [`Extractor`] built once per run
//! (the entity model, number words, date words and quotation cues of every covered language) and
//! shared by reference across threads. The document is tokenized once by [`tokenize`]; the entity
//! tagger ([`ner`], over the document's own sentences), the time expression finder ([`dates`]) and the quotation finder ([`quotes`],
//! which uses the entity mentions to name speakers) run over those tokens in turn. The figure reader
//! ([`figures`], over [`numbers`]) is the one exception: it tokenizes the text a second time with the
//! number tokenizer, on purpose, because reading numbers needs other splitting rules ("COVID-19",
//! "100K" and "10-20" are three tokens each, and spacing is kept). Every item carries its byte span in
//! the clean text.
//!
//! It deliberately does no I/O beyond loading the model in [`Extractor::new`], spawns no threads,
//! and does not compare documents (that is reconcile's job).
#![deny(missing_docs)]

pub mod dates;
pub mod figures;
pub mod ner;
pub mod numbers;
pub mod quotes;
pub mod tokenize;

use std::path::PathBuf;

use concord_model::{CleanDoc, DocFacts, Issue};

use crate::dates::DateFinder;
use crate::figures::FigureTables;
use crate::ner::NerModel;
use crate::quotes::QuoteFinder;

/// What the extract stage does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtractConfig {
    /// The entity model file, as written by `cargo xtask train ner`.
    pub ner_model: PathBuf,
}

/// A setup problem: the extractor cannot be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The entity model cannot be loaded.
    #[error("entity model: {0}")]
    Ner(#[from] ner::NerError),
}

/// The extract stage, built once per run and shared by all threads.
#[derive(Debug)]
pub struct Extractor {
    ner: NerModel,
    figures: FigureTables,
    dates: DateFinder,
    quotes: QuoteFinder,
}

impl Extractor {
    /// Loads the entity model and compiles the word tables of every language.
    pub fn new(config: &ExtractConfig) -> Result<Extractor, Error> {
        Ok(Extractor {
            ner: NerModel::load(&config.ner_model)?,
            figures: FigureTables::new(),
            dates: DateFinder::new(),
            quotes: QuoteFinder::new(),
        })
    }

    /// Finds the entities, figures, time expressions and quotations of one document.
    ///
    /// Never fails today; the `Result` keeps the per-document stage shape so that a document the
    /// extractor cannot handle becomes an [`Issue`] rather than a panic.
    pub fn extract(&self, doc: CleanDoc) -> Result<DocFacts, Issue> {
        let text = doc.text.as_str();
        let lang = doc.lang.code.as_str();
        let tokens = tokenize::tokenize(text);
        let entities = self.ner.tag(text, &tokens, &doc.sentences, lang);
        let figures = figures::find_figures(text, &doc.sentences, lang, &self.figures);
        let anchor = doc
            .published
            .as_ref()
            .and_then(|date| dates::parse_anchor(&date.value));
        let dates = self.dates.find_in_tokens(text, &tokens, lang, anchor);
        let quotes = self
            .quotes
            .find_with_tokens(text, &tokens, &doc.sentences, &entities, lang);
        Ok(DocFacts {
            doc,
            entities,
            figures,
            dates,
            quotes,
        })
    }
}

#[cfg(test)]
mod tests {
    use concord_lang::coverage::COVERAGE;

    /// The coverage table of concord-lang (which the manifest and SCHEMA.md show) says what
    /// extract's own tables hold.
    #[test]
    fn the_coverage_table_tells_the_truth() {
        for c in &COVERAGE {
            let lang = c.lang;
            let tables = (
                crate::ner::features::lang_profile(lang),
                crate::numbers::LANGUAGES.contains(&lang),
                crate::figures::has_words(lang),
                crate::dates::has_words(lang),
                crate::quotes::LANGUAGES.contains(&lang),
            );
            let table = (
                c.entity_training,
                c.number_words,
                c.figure_words,
                c.date_words,
                c.quote_cues,
            );
            assert_eq!(table, tables, "{lang}: coverage table vs extract's tables");
        }
    }
}
