//! Time the rule sets alone over the blocks of text input: each block's
//! text rules (as `classify` asks for them), and the heading rules on the
//! heading-like ones. Best of several passes, to see through a busy
//! machine.
//!
//! `cargo run --release --example rule_scan -- FILE.jsonl [PASSES]`

use std::time::Instant;

use unboil::RuleSet;
use unboil::classify::evidence;

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
        let t = Instant::now();
        hits = 0;
        for p in &pages {
            for b in &p.blocks {
                let f = &b.features;
                hits += rules
                    .text_matches_within(&b.text, f.words, f.link_density)
                    .len();
            }
        }
        best_text = best_text.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for p in &pages {
            for b in p.blocks.iter().filter(|b| evidence::is_heading_like(b)) {
                let f = &b.features;
                hits += rules
                    .heading_matches_within(&b.text, f.words, f.link_density)
                    .len();
            }
        }
        best_head = best_head.min(t.elapsed().as_secs_f64());
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
