//! What a run does (the pipeline config) and how this process runs it (the options).

use std::path::{Path, PathBuf};

use concord_extract::ExtractConfig;
use concord_ingest::IngestConfig;
use concord_normalize::NormalizeConfig;
use concord_reconcile::ReconcileConfig;

/// What the pipeline does: the options of every stage.
#[derive(Clone, Debug)]
pub struct PipelineConfig {
    /// Ingest options.
    pub ingest: IngestConfig,
    /// Normalize options.
    pub normalize: NormalizeConfig,
    /// Extract options.
    pub extract: ExtractConfig,
    /// Reconcile options.
    pub reconcile: ReconcileConfig,
    /// Memory for the statistics of lines repeated within a site, in bytes (the rarest lines are
    /// forgotten past it).
    pub repeat_budget_bytes: usize,
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
            reconcile: ReconcileConfig::recommended(),
            repeat_budget_bytes: 64 << 20,
        }
    }
}

/// Why a config file cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML or names an unknown option.
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong, with the line.
        message: String,
    },
}

/// The shape of `concord.toml`: every option optional, unknown names refused (a typo must not be
/// silently ignored).
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    ingest: IngestSection,
    #[serde(default)]
    normalize: NormalizeSection,
    #[serde(default)]
    extract: ExtractSection,
    #[serde(default)]
    reconcile: ReconcileSection,
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct IngestSection {
    max_doc_bytes: Option<usize>,
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct NormalizeSection {
    languages: Option<Vec<String>>,
    strip_chrome: Option<bool>,
    repeat_memory_mb: Option<usize>,
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ExtractSection {
    ner_model: Option<PathBuf>,
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ReconcileSection {
    near_jaccard: Option<f32>,
    translation_min: Option<f32>,
    story_min: Option<f32>,
    story_days: Option<i32>,
    profiles: Option<bool>,
    corrections: Option<PathBuf>,
}

impl ReconcileSection {
    /// Applies the section to `config`; a score threshold outside 0 to 1 or a negative day count
    /// is refused with the option's name.
    fn apply(self, config: &mut ReconcileConfig, folder: &Path) -> Result<(), String> {
        for (name, value, target) in [
            ("near_jaccard", self.near_jaccard, &mut config.near_jaccard),
            (
                "translation_min",
                self.translation_min,
                &mut config.translation_min,
            ),
            ("story_min", self.story_min, &mut config.story_min),
        ] {
            if let Some(value) = value {
                if !(0.0..=1.0).contains(&value) {
                    return Err(format!(
                        "[reconcile] {name} = {value}: must be between 0 and 1"
                    ));
                }
                *target = value;
            }
        }
        if let Some(days) = self.story_days {
            if days < 0 {
                return Err(format!(
                    "[reconcile] story_days = {days}: must be 0 or more"
                ));
            }
            config.story_days = days;
        }
        if let Some(profiles) = self.profiles {
            config.profiles = profiles;
        }
        if let Some(file) = self.corrections {
            config.corrections = crate::corrections::read(&folder.join(file))?;
        }
        Ok(())
    }
}

impl PipelineConfig {
    /// The recommended settings with the options of a `concord.toml` file applied; relative paths
    /// in the file are taken from the file's folder.
    pub fn from_file(path: &Path) -> Result<PipelineConfig, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        let file: ConfigFile = toml::from_str(&text).map_err(|err| ConfigError::Invalid {
            path: path.to_owned(),
            message: err.to_string(),
        })?;
        let mut config = PipelineConfig::recommended();
        if let Some(max) = file.ingest.max_doc_bytes {
            config.ingest.max_doc_bytes = max;
        }
        if let Some(languages) = file.normalize.languages {
            config.normalize.languages = languages;
        }
        if let Some(strip) = file.normalize.strip_chrome {
            config.normalize.strip_chrome = strip;
        }
        if let Some(mb) = file.normalize.repeat_memory_mb {
            config.repeat_budget_bytes = mb.saturating_mul(1 << 20);
        }
        if let Some(model) = file.extract.ner_model {
            config.extract.ner_model = path.parent().unwrap_or(Path::new(".")).join(model);
        }
        file.reconcile
            .apply(
                &mut config.reconcile,
                path.parent().unwrap_or(Path::new(".")),
            )
            .map_err(|message| ConfigError::Invalid {
                path: path.to_owned(),
                message,
            })?;
        Ok(config)
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
    /// The store of an incremental run: documents it holds are not processed again, and the
    /// corpus-level outputs cover every stored document.
    pub store: Option<PathBuf>,
    /// With a store: `docs.jsonl` holds every stored document, not only this run's.
    pub all_documents: bool,
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
