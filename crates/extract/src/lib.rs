//! `concord-extract`: finds who, how many, when, and who said what in a
//! [`concord_model::CleanDoc`], producing [`concord_model::DocFacts`].
//!
//! Work in progress: see the crate's issue.
#![deny(missing_docs)]

pub mod dates;
pub mod figures;
pub mod ner;
pub mod numbers;
pub mod quotes;
pub mod tokenize;
