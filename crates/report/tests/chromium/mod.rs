//! Headless Chromium for the report's browser tests (shared by `crates/report/tests/browser.rs`
//! and the seeds' end-to-end report test in `tests/`): find the binary, dump a page's DOM after
//! its scripts ran.

#![allow(dead_code)] // Each test uses its part.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The install line `.ci/run` uses.
pub const INSTALL: &str = "apt-get update && apt-get install -y chromium";

pub fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = env::var_os("CHROMIUM") {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let path = env::var_os("PATH")?;
    for dir in env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

pub struct Browser {
    pub binary: PathBuf,
    pub profile: PathBuf,
}

impl Browser {
    /// Runs Chromium headless with `args` then `url`, returning its standard output.
    pub fn run(&self, args: &[&str], url: &str) -> String {
        let mut child = Command::new(&self.binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-sync",
                "--hide-scrollbars",
            ])
            .arg(format!("--user-data-dir={}", self.profile.display()))
            .args(args)
            .arg(url)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        let started = Instant::now();
        loop {
            if child.try_wait().expect("wait for chromium").is_some() {
                break;
            }
            if started.elapsed() > Duration::from_secs(90) {
                let _ = child.kill();
                panic!("chromium did not finish within 90 s on {url}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let output = child.wait_with_output().expect("chromium output");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// The DOM of `url` once its scripts have run.
    pub fn dom(&self, url: &str) -> String {
        let dom = self.run(&["--virtual-time-budget=5000", "--dump-dom"], url);
        assert!(dom.contains("</html>"), "no DOM from {url}: {dom:.300}");
        dom
    }
}

pub fn file_url(path: &Path, hash: &str) -> String {
    format!("file://{}{hash}", path.display())
}
