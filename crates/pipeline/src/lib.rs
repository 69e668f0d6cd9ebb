//! `concord-pipeline`: wires concord's stages into one streaming, parallel, order-preserving run.
//!
//! This is the only crate that knows every stage. It owns the threads: one reader thread for ingest,
//! one pump thread per stage, one rayon pool (sized by [`RunOptions::threads`]) that does the CPU
//! work of every stage, and the calling thread, which writes the outputs. Stages meet through bounded
//! crossbeam channels that carry [`concord_model::Batch`]es; nothing blocks on a channel inside the
//! pool, and output order and content do not depend on the thread count.
//!
//! Reconcile, the barrier stage, is fed at the writer: each document is written to `docs.jsonl`
//! and folded into the reconciler (which keeps only a compact digest) before its batch is dropped,
//! so the fold never holds documents or the byte budget. Once the stream ends, the run enters its
//! corpus phases ([`Phase`]): the fold finishes and the corpus-level files are written.
//!
//! It also runs single stages on intermediate files ([`stage`]). It prints nothing; progress goes
//! through the [`Progress`] trait and logs through `tracing`. Measuring (eval, train, bench) lives
//! in `concord-measure`, which depends on this crate, never the reverse.
#![deny(missing_docs)]

mod budget;
pub mod cluster;
mod config;
mod corrections;
mod run;
pub mod stage;
pub mod store;

pub use cluster::{Cluster, run_cluster};
pub use config::{ConfigError, PipelineConfig, RunOptions, models_dir};
pub use run::{NoProgress, Phase, PipelineError, Progress, run};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
