//! `concord-lang`: what concord knows about each language, in one place that every stage may use.
//!
//! It holds data and plain lookups, never stage logic: which languages the pipeline detects
//! ([`LANGUAGES`]), the month names of all of them ([`months`]), and which facts extract has the
//! words for in each ([`coverage`]). A stage compiles what it needs from these tables once, in its
//! own shape (normalize a month-name map for datelines, extract its per-language word lists).
//!
//! Tables still private to a stage are those only that stage reads (extract's number words, figure
//! qualifiers, date and quotation words; normalize's abbreviations and boilerplate cues). Reconcile's
//! needs (transliteration, stop words, concept words) get modules of their own here beside
//! [`months`], one table per job, when they arrive.
#![deny(missing_docs)]

pub mod coverage;
pub mod months;

/// The languages normalize detects (ISO 639-1), in the order the detector lists them.
pub const LANGUAGES: [&str; 17] = [
    "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sl", "bg", "ru", "uk", "tr", "ar", "id",
    "ms",
];
