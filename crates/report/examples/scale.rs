//! Measures the report at scale: `cargo run --release -p concord-report --example scale -- DOCS DIR`
//! writes the report of DOCS synthetic documents into DIR, prints the write time and the largest
//! page or script, and, when Chromium is installed, the first page's time to the load event.
//! `... --example scale -- seeds DIR` writes the report of the hand-built seeds-shaped sample.
#![allow(clippy::print_stdout)]

use std::path::PathBuf;
use std::process::Command;

use concord_report::Dossier;
use concord_report::dossier::{sample, scale};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let first = args.next().unwrap_or_else(|| "100000".to_owned());
    let out = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "/tmp/concord-report-scale".to_owned()),
    );
    if first == "seeds" {
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
        return Ok(());
    }
    let docs: usize = first.parse()?;
    let figures = scale::measure(&out, docs, 42)?;
    println!(
        "{} documents: written in {:.1} s; {} report files, {:.1} MB; largest {} ({:.2} MB); concord.sqlite {:.1} MB",
        figures.docs,
        figures.seconds,
        figures.files,
        figures.bytes as f64 / 1e6,
        figures.largest.0.display(),
        figures.largest.1 as f64 / 1e6,
        figures.sqlite_bytes as f64 / 1e6
    );
    let html = figures.written.html.canonicalize()?;
    for run in 0..3 {
        let output = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--virtual-time-budget=10000",
                "--dump-dom",
            ])
            .arg(format!(
                "--user-data-dir={}",
                out.join(format!("profile-{run}")).display()
            ))
            .arg(format!("file://{}", html.display()))
            .output();
        match output {
            Ok(output) => {
                let dom = String::from_utf8_lossy(&output.stdout);
                println!(
                    "run {run}: report.html load event at {:?} ms",
                    scale::load_ms(&dom)
                );
            }
            Err(error) => {
                println!("no page-load time: chromium did not run ({error})");
                break;
            }
        }
    }
    Ok(())
}
