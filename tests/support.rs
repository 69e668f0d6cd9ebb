//! Shared helpers of the end-to-end tests: run the pipeline in-process into a scratch folder, read
//! its outputs, and compare them with golden files (`UPDATE_EXPECT=1` rewrites the golden files).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use concord_model::Manifest;
use concord_pipeline::{NoProgress, PipelineConfig, RunOptions};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_owned()
}

/// A fresh, empty scratch folder for one run.
pub fn scratch(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let idx = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = root()
        .join("target/concord-tests")
        .join(format!("{name}-{}-{idx}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// What a run wrote.
pub struct RunOutput {
    /// The output folder.
    pub out: PathBuf,
    /// `docs.jsonl`.
    pub docs: String,
    /// `quarantine.jsonl`.
    pub quarantine: String,
    /// The corpus-level files (`stories.jsonl`, ...), by name, in the order they are written.
    pub corpus: Vec<(String, String)>,
    /// `manifest.json`, parsed.
    pub manifest: Manifest,
}

/// Runs the pipeline with the recommended config on `inputs` (relative to the root, so document
/// ids are the same as in a run from the project root) at `threads` threads.
pub fn run(inputs: &[&str], threads: usize, config: &PipelineConfig) -> RunOutput {
    run_with(inputs, threads, 3, config)
}

/// As [`run`], with batches of `batch_size` records.
pub fn run_with(
    inputs: &[&str],
    threads: usize,
    batch_size: usize,
    config: &PipelineConfig,
) -> RunOutput {
    run_options(
        &scratch("run"),
        inputs,
        threads,
        batch_size,
        config,
        false,
        None,
    )
}

/// As [`run`], into the folder `out`, optionally writing the intermediate files.
pub fn run_into(
    out: &Path,
    inputs: &[&str],
    threads: usize,
    config: &PipelineConfig,
    emit_intermediate: bool,
) -> RunOutput {
    run_options(out, inputs, threads, 3, config, emit_intermediate, None)
}

/// An incremental run into `out` over the store in `store`; with `all_documents`, `docs.jsonl`
/// holds every stored document.
pub fn run_stored(
    out: &Path,
    inputs: &[&str],
    store: &Path,
    all_documents: bool,
    config: &PipelineConfig,
) -> RunOutput {
    run_options(
        out,
        inputs,
        2,
        3,
        config,
        false,
        Some((store, all_documents)),
    )
}

fn run_options(
    out: &Path,
    inputs: &[&str],
    threads: usize,
    batch_size: usize,
    config: &PipelineConfig,
    emit_intermediate: bool,
    store: Option<(&Path, bool)>,
) -> RunOutput {
    let out = out.to_owned();
    let cwd_inputs: Vec<PathBuf> = inputs.iter().map(PathBuf::from).collect();
    std::env::set_current_dir(root()).expect("chdir to the root");
    let options = RunOptions {
        inputs: cwd_inputs,
        out: out.clone(),
        threads,
        batch_size,
        channel_capacity: 0,
        emit_intermediate,
        store: store.map(|(dir, _)| dir.to_owned()),
        all_documents: store.is_some_and(|(_, all)| all),
    };
    concord_pipeline::run(config, &options, &NoProgress).expect("pipeline run");
    let read = |name: &str| fs::read_to_string(out.join(name)).expect("output file");
    let manifest: Manifest = serde_json::from_str(&read("manifest.json")).expect("manifest parses");
    RunOutput {
        out: out.clone(),
        docs: read("docs.jsonl"),
        quarantine: read("quarantine.jsonl"),
        corpus: concord_report::CORPUS_FILES
            .iter()
            .map(|name| (name.to_string(), read(name)))
            .collect(),
        manifest,
    }
}

/// The recommended pipeline config.
pub fn config() -> PipelineConfig {
    PipelineConfig::recommended()
}

/// Compares JSON Lines output with a golden file kept in a form a reviewer can diff: one field per
/// line, arrays one element per line (see [`reviewable`]).
#[track_caller]
pub fn check_golden_jsonl(name: &str, jsonl: &str) {
    check_golden(name, &reviewable(jsonl));
}

/// JSON Lines turned into one field per line: each object starts with `#` and its line number,
/// then `key: value` per field (keys sorted), arrays of values one element per line below their key.
pub fn reviewable(jsonl: &str) -> String {
    let mut out = String::new();
    for (idx, line) in jsonl.lines().enumerate() {
        out.push_str(&format!("# {}\n", idx + 1));
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(value) => value,
            Err(_) => {
                out.push_str(line);
                out.push('\n');
                continue;
            }
        };
        let Some(object) = value.as_object() else {
            out.push_str(&value.to_string());
            out.push('\n');
            continue;
        };
        for (key, field) in object {
            match field.as_array() {
                Some(items) if !items.is_empty() => {
                    out.push_str(&format!("{key}:\n"));
                    for item in items {
                        out.push_str(&format!("  {item}\n"));
                    }
                }
                _ => out.push_str(&format!("{key}: {field}\n")),
            }
        }
    }
    out
}

/// Compares `actual` with the golden file `tests/golden/<name>`; rewrites it under `UPDATE_EXPECT=1`.
#[track_caller]
pub fn check_golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        fs::create_dir_all(path.parent().expect("golden folder")).expect("golden folder");
        fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}: run with UPDATE_EXPECT=1",
            path.display()
        )
    });
    if expected != actual {
        let at = expected
            .bytes()
            .zip(actual.bytes())
            .position(|(e, a)| e != a)
            .unwrap_or(expected.len().min(actual.len()));
        let line = expected[..at].matches('\n').count() + 1;
        panic!(
            "{} differs from the output at line {line}, byte {at} (rerun with UPDATE_EXPECT=1 if the change is intended)\nexpected: ...{}...\nactual:   ...{}...",
            path.display(),
            context(&expected, at),
            context(actual, at),
        );
    }
}

/// About 100 characters of `text` around byte `at`.
fn context(text: &str, at: usize) -> &str {
    let mut start = at.saturating_sub(50);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + 50).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    &text[start..end]
}
