//! Where one thread's time goes on text input (HTML gone), stage by stage:
//! JSONL decoding, cutting the text into lines with features, the text
//! rule sets, the rest of classification, assembly.
//!
//! `cargo run --release --example text_stages -- FILE.jsonl [FILE...]`

use std::time::{Duration, Instant};

use unboil::classify::{self, evidence};
use unboil::{Article, RuleSet};

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: text_stages FILE.jsonl [FILE...]");
        std::process::exit(2);
    }
    let mut bytes = 0usize;
    let mut texts = Vec::new();
    let t = Instant::now();
    for f in &files {
        let raw = std::fs::read_to_string(f).expect("readable JSONL");
        bytes += raw.len();
        for line in raw.lines() {
            let v: serde_json::Value = match serde_json::from_str(line) {
                Ok(v) => v,
                Err(_) => continue,
            };
            if let Some(s) = v.get("text").and_then(|s| s.as_str()) {
                texts.push(s.to_string());
            }
        }
    }
    let json = t.elapsed();
    let rules = RuleSet::builtin();
    let (mut seg, mut hits, mut class, mut asm) = (
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
    );
    let mut chars = 0usize;
    for text in &texts {
        let t = Instant::now();
        let page = unboil::segment::text::segment(text);
        seg += t.elapsed();
        // Measured apart, then again inside classify: subtract it there.
        let t = Instant::now();
        let h = evidence::rule_hits(&page, &rules);
        hits += t.elapsed();
        drop(h);
        let t = Instant::now();
        let decisions = classify::classify(&page, &rules);
        class += t.elapsed();
        let t = Instant::now();
        let article = Article::new(page, decisions);
        chars += article.text().len();
        asm += t.elapsed();
    }
    let rest = class.saturating_sub(hits);
    let total = json + seg + class + asm;
    println!(
        "{} texts, {:.1} MB of JSONL, {} chars kept",
        texts.len(),
        bytes as f64 / 1e6,
        chars
    );
    for (name, d) in [
        ("JSONL decode", json),
        ("lines + features", seg),
        ("text rule sets", hits),
        ("rest of classify", rest),
        ("assemble + text", asm),
    ] {
        let pct = 100.0 * d.as_secs_f64() / total.as_secs_f64();
        println!("  {name:<18} {:>7.3}s {:>5.1}%", d.as_secs_f64(), pct);
    }
    println!(
        "  total              {:>7.3}s = {:.1} MB/s",
        total.as_secs_f64(),
        bytes as f64 / 1e6 / total.as_secs_f64()
    );
}
