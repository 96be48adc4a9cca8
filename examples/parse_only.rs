//! The floor for the speed target: how long scraper alone takes to parse
//! pages, with reading, decompression and charset decoding done beforehand
//! and left out of the time. Used by bench/run.sh.
//!
//! `cargo run --release --example parse_only -- DIR [DIR...]`
//! prints `pages=N bytes=B seconds=S cpu_seconds=C` (C: this thread's CPU
//! time, which a busy shared machine disturbs less than the wall clock).

#[path = "support/pages.rs"]
mod pages;

use std::time::Instant;

use unboil::read::decode;

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        eprintln!("usage: parse_only DIR [DIR...]");
        std::process::exit(2);
    }
    let raw_pages = pages::load_raw(&dirs);
    let bytes: usize = raw_pages.iter().map(Vec::len).sum();
    let pages: Vec<String> = raw_pages
        .iter()
        .map(|raw| decode::html(raw, None).text)
        .collect();
    let cpu = thread_cpu_seconds();
    let t = Instant::now();
    let mut nodes = 0usize;
    for p in &pages {
        let doc = scraper::Html::parse_document(p);
        // Use the tree so the parse cannot be optimised away.
        nodes += doc.tree.nodes().count();
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = thread_cpu_seconds().zip(cpu).map(|(b, a)| b - a);
    println!(
        "pages={} bytes={} seconds={:.4} cpu_seconds={:.2} nodes={}",
        pages.len(),
        bytes,
        secs,
        cpu.unwrap_or(secs),
        nodes
    );
}

/// User + system time of this thread, from Linux's /proc (in clock ticks
/// of 1/100 s); None elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name, which is in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
