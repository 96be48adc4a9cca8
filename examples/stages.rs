//! Where one thread's time goes, stage by stage, over the same pages as
//! examples/parse_only.rs: decode, segmentation (our streaming tokenizer
//! and tree walk, HTML -> blocks), classification, assembly of the text.
//! scraper's parse of the same pages is timed beside them as the yardstick
//! (the speed target is relative to it); it is not part of the total.
//! Used by bench/run.sh when the whole run is above its target.
//!
//! `cargo run --release --example stages -- DIR [DIR...]`

#[path = "support/pages.rs"]
mod pages;

use std::time::{Duration, Instant};

use unboil::read::decode;
use unboil::{Article, RuleSet};

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        eprintln!("usage: stages DIR [DIR...]");
        std::process::exit(2);
    }
    let raw_pages = pages::load_raw(&dirs);
    let t = Instant::now();
    let rules = RuleSet::builtin();
    let compile = t.elapsed();
    let (mut dec, mut parse, mut seg, mut class, mut asm) = (
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
    );
    let mut chars = 0usize;
    for raw in &raw_pages {
        let t = Instant::now();
        let text = decode::html(raw, None).text;
        dec += t.elapsed();
        let t = Instant::now();
        let doc = scraper::Html::parse_document(&text);
        parse += t.elapsed();
        drop(doc);
        let t = Instant::now();
        let page = unboil::segment::html::segment(&text);
        seg += t.elapsed();
        let t = Instant::now();
        let decisions = unboil::classify::classify(&page, &rules);
        class += t.elapsed();
        let t = Instant::now();
        let article = Article::new(page, decisions);
        chars += article.text().len();
        asm += t.elapsed();
    }
    let total = dec + seg + class + asm;
    let pct = |d: Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64();
    println!(
        "{} pages, {} chars kept; rule compile {:.3}s (once per run)",
        raw_pages.len(),
        chars,
        compile.as_secs_f64()
    );
    for (name, d) in [
        ("decode", dec),
        ("segment (ours)", seg),
        ("classify", class),
        ("assemble + text", asm),
    ] {
        println!("  {name:<18} {:>7.3}s {:>5.1}%", d.as_secs_f64(), pct(d));
    }
    println!(
        "  total              {:>7.3}s = {:.2}x parse",
        total.as_secs_f64(),
        total.as_secs_f64() / parse.as_secs_f64()
    );
    println!(
        "  scraper parse      {:>7.3}s (yardstick, not in the total; segment = {:.2}x it)",
        parse.as_secs_f64(),
        seg.as_secs_f64() / parse.as_secs_f64()
    );
}
