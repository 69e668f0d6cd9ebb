//! Writes the report of the hand-built seeds-shaped sample, to look at the pages without running
//! the pipeline: `cargo run -p concord-report --example sample_report -- DIR`. The measurement at
//! 100k documents is `cargo xtask bench report`.
#![allow(clippy::print_stdout)]

use std::path::PathBuf;

use concord_report::Dossier;
use concord_report::dossier::sample;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/tmp/concord-report-sample".to_owned()),
    );
    let sample = sample::seeds_like();
    let mut dossier = Dossier::create(&out)?;
    for doc in &sample.docs {
        dossier.on_doc(doc)?;
    }
    for issue in &sample.issues {
        dossier.on_issue(issue)?;
    }
    let files = dossier.finish(&sample.corpus, &sample.manifest)?;
    println!("report: {}", files.html.display());
    Ok(())
}
