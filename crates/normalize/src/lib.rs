//! `concord-normalize`: turns a [`concord_model::RawDoc`] into a [`concord_model::CleanDoc`]: the main
//! text without site chrome, the title, the publish date, the language, paragraphs and sentences.
//!
//! Work in progress: see the crate's issue.
#![deny(missing_docs)]

pub mod html;
pub mod lang;
pub mod sentences;
