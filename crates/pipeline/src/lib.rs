//! `concord-pipeline`: wires the stages together. Work in progress.

pub mod eval;
