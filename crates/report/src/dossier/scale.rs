//! The scale measurement behind `cargo xtask bench report`: writes the report of a synthetic
//! corpus of any size (see [`sample::synthetic`](super::sample::synthetic)) and measures what the
//! issue bounds — the time to write it and the largest HTML or script file (at most 10 MB). The
//! page-load time needs a browser: run headless Chromium with `--dump-dom` on `report.html` (no
//! `--virtual-time-budget`: virtual time would be measured) and read the `data-load-ms` attribute
//! that `report.js` sets at the load event ([`load_ms`]).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Dossier, DossierFiles, sample};
use crate::ReportError;

/// What writing a synthetic report cost, and the sizes that are bounded.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleFigures {
    /// Documents written.
    pub docs: usize,
    /// Seconds from the first document to the finished report.
    pub seconds: f64,
    /// Files of the HTML report (pages and scripts, `concord.sqlite` and `report.md` aside).
    pub files: u64,
    /// Their bytes together.
    pub bytes: u64,
    /// The largest of them, with its size in bytes.
    pub largest: (PathBuf, u64),
    /// The size of `concord.sqlite`.
    pub sqlite_bytes: u64,
    /// The files written.
    pub written: DossierFiles,
}

fn walk(dir: &Path, figures: &mut (u64, u64, PathBuf, u64)) -> Result<(), ReportError> {
    let entries = fs::read_dir(dir).map_err(|source| ReportError::io(dir, source))?;
    for entry in entries {
        let entry = entry.map_err(|source| ReportError::io(dir, source))?;
        let path = entry.path();
        let meta = entry
            .metadata()
            .map_err(|source| ReportError::io(&path, source))?;
        if meta.is_dir() {
            walk(&path, figures)?;
            continue;
        }
        let name = path.to_string_lossy();
        if !(name.ends_with(".html") || name.ends_with(".js") || name.ends_with(".css")) {
            continue;
        }
        figures.0 += 1;
        figures.1 += meta.len();
        if meta.len() > figures.3 {
            figures.2 = path.clone();
            figures.3 = meta.len();
        }
    }
    Ok(())
}

/// Writes the report of `docs` synthetic documents (deterministic from `seed`) into `out`,
/// streaming them as the pipeline does, and measures it.
pub fn measure(out: &Path, docs: usize, seed: u64) -> Result<ScaleFigures, ReportError> {
    let started = Instant::now();
    let mut dossier = Dossier::create(out)?;
    let mut failure = None;
    let (corpus, manifest) = sample::synthetic(docs, seed, |facts| {
        if failure.is_none() {
            failure = dossier.on_doc(&facts).err();
        }
    });
    if let Some(error) = failure {
        return Err(error);
    }
    let written = dossier.finish(&corpus, &manifest)?;
    let seconds = started.elapsed().as_secs_f64();
    let mut figures = (0, 0, PathBuf::new(), 0);
    walk(out, &mut figures)?;
    let sqlite_bytes = fs::metadata(&written.sqlite)
        .map_err(|source| ReportError::io(&written.sqlite, source))?
        .len();
    Ok(ScaleFigures {
        docs,
        seconds,
        files: figures.0,
        bytes: figures.1,
        largest: (figures.2, figures.3),
        sqlite_bytes,
        written,
    })
}

/// The milliseconds from navigation to the load event that `report.js` recorded in a page's
/// dumped DOM (`<html ... data-load-ms="123">`), if it ran.
pub fn load_ms(dom: &str) -> Option<u64> {
    let start = dom.find("data-load-ms=\"")? + "data-load-ms=\"".len();
    let digits: String = dom[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_time_is_read_from_the_dom() {
        assert_eq!(
            load_ms("<html lang=\"en\" data-load-ms=\"345\"><head>"),
            Some(345)
        );
        assert_eq!(load_ms("<html lang=\"en\">"), None);
    }

    #[test]
    fn a_small_synthetic_report_stays_small() {
        let out = std::env::temp_dir().join(format!("concord-report-scale-{}", std::process::id()));
        let figures = measure(&out, 300, 7).unwrap();
        assert_eq!(figures.docs, 300);
        assert!(figures.files > 300, "{figures:?}");
        assert!(figures.largest.1 < 10 * 1024 * 1024, "{figures:?}");
        assert!(figures.written.html.exists() && figures.written.sqlite.exists());
        fs::remove_dir_all(out).unwrap();
    }
}
