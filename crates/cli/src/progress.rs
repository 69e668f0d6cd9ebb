//! The terminal progress bar: shown on stderr when it is a terminal, silent otherwise.

use std::io::IsTerminal;

use concord_pipeline::Phase;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar over input bytes, with document counts.
pub struct Bar {
    bar: Option<ProgressBar>,
}

impl Bar {
    /// A bar on stderr, or nothing when stderr is not a terminal.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Bar {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}) {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        Bar { bar }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl concord_pipeline::Progress for Bar {
    fn start(&self, total_bytes: u64) {
        if let Some(bar) = &self.bar
            && total_bytes > 0
        {
            bar.set_length(total_bytes);
        }
    }

    fn read(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
        }
    }

    fn written(&self, documents: u64, quarantined: u64) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{documents} docs, {quarantined} quarantined"));
        }
    }

    fn phase(&self, phase: Phase) {
        let Some(bar) = &self.bar else {
            return;
        };
        // The corpus phases have no byte count: a ticking spinner with the phase's name shows
        // that the run is working, not hung.
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(phase.describe());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
    }
}
