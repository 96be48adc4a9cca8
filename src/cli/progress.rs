//! A progress bar on stderr when it is a terminal; nothing otherwise.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::cell::Cell;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use unboil::read::open::ReadCounters;

pub struct Progress {
    bar: Option<ProgressBar>,
    counters: Arc<ReadCounters>,
    docs: Cell<u64>,
}

impl Progress {
    pub fn new(show: bool, inputs: &[String], counters: Arc<ReadCounters>) -> Progress {
        if !show {
            return Progress {
                bar: None,
                counters,
                docs: Cell::new(0),
            };
        }
        // The total is known when every input is a plain file: bytes then.
        let total: Option<u64> = inputs
            .iter()
            .map(|i| {
                std::fs::metadata(i)
                    .ok()
                    .filter(|m| m.is_file() && !i.ends_with(".gz"))
                    .map(|m| m.len())
            })
            .sum();
        let bar = match total.filter(|_| !inputs.is_empty()) {
            Some(t) => ProgressBar::new(t).with_style(
                ProgressStyle::with_template("{bar:30} {percent:>3}% {msg} ETA {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
        bar.enable_steady_tick(Duration::from_millis(250));
        Progress {
            bar: Some(bar),
            counters,
            docs: Cell::new(0),
        }
    }

    pub fn tick(&self) {
        let Some(bar) = &self.bar else { return };
        let n = self.docs.get() + 1;
        self.docs.set(n);
        let bytes = self.counters.bytes.load(Ordering::Relaxed);
        if bar.length().is_some_and(|l| l > 0) {
            bar.set_position(bytes);
        }
        let secs = bar.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!(
            "{n} docs, {:.0} docs/s, {:.1} MB/s",
            n as f64 / secs,
            bytes as f64 / 1e6 / secs
        ));
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
