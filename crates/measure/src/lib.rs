//! `concord-measure`: how well and how fast concord works.
//!
//! - [`eval`]: accuracy of each task on development data with the dataset's published metric, so
//!   figures compare with published peers (`cargo xtask eval TASK`);
//! - [`train`]: the project's own models and tables, built from the development data and Debian
//!   packages (`cargo xtask train MODEL`);
//! - [`bench`]: throughput and peak memory of single stages on large generated corpora, each
//!   measurement in a child process of its own (`cargo xtask bench STAGE`).
//!
//! It knows every stage, as the pipeline does, and nothing depends on it: the pipeline and the stages
//! never measure themselves. It prints nothing; the front end prints the reports.
#![deny(missing_docs)]

pub mod bench;
pub mod eval;
pub mod train;

/// The workspace's `data/models` folder (the models `cargo xtask train` writes).
pub use concord_pipeline::models_dir;
