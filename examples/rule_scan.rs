//! Time the rule sets alone over the blocks of text input: each block's
//! text rules (as `classify` asks for them), and the heading rules on the
//! heading-like ones. Best of several passes, to see through a busy
//! machine. Times are this thread's CPU time where Linux tells it
//! (`/proc/thread-self/schedstat`), wall time elsewhere: on a shared
//! machine the wall clock also counts other processes' turns.
//!
//! `cargo run --release --example rule_scan -- FILE.jsonl [PASSES]`

use std::time::Instant;

use unboil::RuleSet;
use unboil::classify::evidence;

/// This thread's CPU time so far, in seconds (Linux only).
fn cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// A start time: wall clock, and CPU time where known.
struct Timer(Instant, Option<f64>);

impl Timer {
    fn start() -> Timer {
        Timer(Instant::now(), cpu())
    }

    /// Seconds since the start: CPU time where known, else wall.
    fn secs(&self) -> f64 {
        match (self.1, cpu()) {
            (Some(a), Some(b)) => b - a,
            _ => self.0.elapsed().as_secs_f64(),
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: rule_scan FILE.jsonl [PASSES]");
        std::process::exit(2);
    };
    let passes: usize = args.next().and_then(|p| p.parse().ok()).unwrap_or(5);
    let raw = std::fs::read_to_string(&file).expect("readable JSONL");
    let t = Instant::now();
    let rules = RuleSet::builtin();
    let compile = t.elapsed();
    let mut pages = Vec::new();
    for line in raw.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if let Some(s) = v.get("text").and_then(|s| s.as_str()) {
            pages.push(unboil::segment::text::segment(s));
        }
    }
    let bytes: usize = pages
        .iter()
        .flat_map(|p| &p.blocks)
        .map(|b| b.text.len())
        .sum();
    let (mut best_text, mut best_head) = (f64::MAX, f64::MAX);
    let mut hits = 0usize;
    for _ in 0..passes {
        let t = Timer::start();
        hits = 0;
        for p in &pages {
            for b in &p.blocks {
                let f = &b.features;
                hits += rules
                    .text_matches_within(&b.text, f.words, f.link_density)
                    .len();
            }
        }
        best_text = best_text.min(t.secs());
        let t = Timer::start();
        for p in &pages {
            for b in p.blocks.iter().filter(|b| evidence::is_heading_like(b)) {
                let f = &b.features;
                hits += rules
                    .heading_matches_within(&b.text, f.words, f.link_density)
                    .len();
            }
        }
        best_head = best_head.min(t.secs());
    }
    println!(
        "rule compile {:.3}s; {:.1} MB of block text; text rules {:.3}s ({:.0} MB/s), \
         heading rules {:.3}s; {hits} hits",
        compile.as_secs_f64(),
        bytes as f64 / 1e6,
        best_text,
        bytes as f64 / 1e6 / best_text,
        best_head
    );
}
