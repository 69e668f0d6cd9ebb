//! `concord-pipeline`: wires concord's stages into one streaming, parallel, order-preserving run.
//!
//! This is the only crate that knows every stage. It owns the threads: one reader thread for ingest,
//! one pump thread per stage, one rayon pool (sized by [`RunOptions::threads`]) that does the CPU
//! work of every stage, and the calling thread, which writes the outputs. Stages meet through bounded
//! crossbeam channels that carry [`concord_model::Batch`]es; nothing blocks on a channel inside the
//! pool, and output order and content do not depend on the thread count.
//!
//! It also hosts what the `xtask` front end runs besides the pipeline: single stages on intermediate
//! files ([`stage`]), accuracy evaluation ([`eval`]) and benchmarks ([`bench`]). It prints nothing;
//! progress goes through the [`Progress`] trait and logs through `tracing`.
#![deny(missing_docs)]

pub mod bench;
mod budget;
mod config;
pub mod eval;
mod run;
pub mod stage;
pub mod train;

pub use config::{ConfigError, PipelineConfig, RunOptions, models_dir};
pub use run::{NoProgress, PipelineError, Progress, run};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
