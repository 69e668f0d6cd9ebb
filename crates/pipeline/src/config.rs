//! What a run does (the pipeline config) and how this process runs it (the options).

use std::path::{Path, PathBuf};

use concord_extract::ExtractConfig;
use concord_ingest::IngestConfig;
use concord_normalize::NormalizeConfig;

/// What the pipeline does: the options of every stage.
#[derive(Clone, Debug)]
pub struct PipelineConfig {
    /// Ingest options.
    pub ingest: IngestConfig,
    /// Normalize options.
    pub normalize: NormalizeConfig,
    /// Extract options.
    pub extract: ExtractConfig,
    /// How many documents before and after each one are searched for lines repeated within a site.
    pub repeat_window: usize,
}

impl PipelineConfig {
    /// The recommended settings, as documented in the README.
    pub fn recommended() -> PipelineConfig {
        PipelineConfig {
            ingest: IngestConfig {
                max_doc_bytes: IngestConfig::DEFAULT_MAX_DOC_BYTES,
            },
            normalize: NormalizeConfig::recommended(),
            extract: ExtractConfig {
                ner_model: models_dir().join("ner.bin"),
            },
            repeat_window: 64,
        }
    }
}

/// The workspace's `data/models` folder (the models `cargo xtask train` writes).
pub fn models_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models")
}

/// How this process runs the pipeline.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Files, folders, or `-` for stdin.
    pub inputs: Vec<PathBuf>,
    /// The output folder (created if missing).
    pub out: PathBuf,
    /// Worker threads in the rayon pool (at least 1).
    pub threads: usize,
    /// Records per batch.
    pub batch_size: usize,
    /// Batches a channel holds before its sender waits; 0 means twice the thread count.
    pub channel_capacity: usize,
    /// Also write each stage's output as an intermediate file (`raw.bin`, ...) in `out`.
    pub emit_intermediate: bool,
}

impl RunOptions {
    /// The default batch size: large enough to amortise channel and pool overhead, small enough to
    /// keep memory low (batches in flight x batch size x document size).
    pub const DEFAULT_BATCH_SIZE: usize = 64;

    /// The channel capacity actually used.
    pub fn effective_capacity(&self) -> usize {
        match self.channel_capacity {
            0 => 2 * self.threads.max(1),
            capacity => capacity,
        }
    }
}
