//! `cargo xtask bench report`: the report of a synthetic corpus of 100k documents
//! (`concord_report::dossier::scale`): write time, file sizes against the 10 MB bound, and the time
//! to the load event of `report.html` in headless Chromium (three runs).

use std::io::Write;
use std::path::Path;
use std::process::Command;

use concord_report::dossier::scale;

use super::BenchOptions;
use super::runner::{Result, io_context, table};

/// Documents in the measured corpus (the scale target).
const DOCS: usize = 100_000;
/// The synthetic corpus's seed.
const SEED: u64 = 42;

/// Runs the bench; the report is written under the corpus folder (`report-100000/`).
pub fn report(options: &BenchOptions, out: &mut dyn Write) -> Result<()> {
    let dir = options.corpus_dir.join(format!("report-{DOCS}"));
    writeln!(
        out,
        "cargo xtask bench report ({DOCS} synthetic documents -> {})",
        dir.display()
    )
    .map_err(table)?;
    let figures = scale::measure(&dir, DOCS, SEED)
        .map_err(|err| super::BenchError::Child(format!("writing the report: {err}")))?;
    writeln!(
        out,
        "written in {:.1} s; {} HTML, script and style files, {:.1} MB; largest {} ({:.2} MB, bound 10 MB); concord.sqlite {:.1} MB",
        figures.seconds,
        figures.files,
        figures.bytes as f64 / 1e6,
        figures.largest.0.display(),
        figures.largest.1 as f64 / 1e6,
        figures.sqlite_bytes as f64 / 1e6
    )
    .map_err(table)?;
    let html = figures
        .written
        .html
        .canonicalize()
        .map_err(io_context(format!(
            "finding {}",
            figures.written.html.display()
        )))?;
    for run in 0..3 {
        match load_event_ms(&html, &dir.join(format!("profile-{run}"))) {
            Some(ms) => writeln!(out, "run {run}: report.html load event at {ms} ms (bound 2000)"),
            None => writeln!(
                out,
                "no page-load time: chromium did not run or the page did not load (apt-get install -y chromium)"
            ),
        }
        .map_err(table)?;
    }
    Ok(())
}

/// The load time `report.js` records, from the DOM headless Chromium dumps.
fn load_event_ms(html: &Path, profile: &Path) -> Option<u64> {
    let output = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            // No virtual time: it would fast-forward the very wait being measured.
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .ok()?;
    scale::load_ms(&String::from_utf8_lossy(&output.stdout))
}
