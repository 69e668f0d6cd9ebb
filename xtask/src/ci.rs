//! `cargo xtask ci`: everything CI checks, in the order that fails fastest.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail, ensure};
use concord_pipeline::{NoProgress, PipelineConfig, RunOptions};

/// Formatting, lints, tests, then end-to-end runs on the samples and the fixtures.
pub fn run(root: &Path) -> Result<()> {
    cargo(root, &["fmt", "--all", "--check"])?;
    cargo(
        root,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    cargo(root, &["test", "--workspace"])?;
    end_to_end(root)
}

fn cargo(root: &Path, args: &[&str]) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    eprintln!("==> cargo {}", args.join(" "));
    let status = Command::new(&cargo)
        .args(args)
        .current_dir(root)
        .status()
        .with_context(|| format!("starting {cargo}"))?;
    if !status.success() {
        bail!("cargo {} failed ({status})", args.join(" "));
    }
    Ok(())
}

/// The quick end-to-end run: the samples must all come through; the fixtures must be accounted for.
fn end_to_end(root: &Path) -> Result<()> {
    let config = PipelineConfig::recommended();
    let out = root.join("target/ci-out");
    for (input, expect_quarantine) in [("data/samples", false), ("data/fixtures", true)] {
        eprintln!("==> cargo xtask run --input {input}");
        let options = RunOptions {
            inputs: vec![root.join(input)],
            out: out.join(input.replace('/', "-")),
            threads: 2,
            batch_size: RunOptions::DEFAULT_BATCH_SIZE,
            channel_capacity: 0,
            emit_intermediate: true,
            store: None,
            all_documents: false,
        };
        let manifest = concord_pipeline::run(&config, &options, &NoProgress)
            .with_context(|| format!("running on {input}"))?;
        ensure!(manifest.documents_out > 0, "{input}: no documents came out");
        ensure!(
            (manifest.quarantined > 0) == expect_quarantine,
            "{input}: unexpected quarantine count {}",
            manifest.quarantined
        );
        eprintln!(
            "    {} records: {} documents, {} quarantined {:?}",
            manifest.records_in,
            manifest.documents_out,
            manifest.quarantined,
            manifest.issues_by_kind
        );
    }
    Ok(())
}
