//! The floor for the speed target: how long scraper alone takes to parse
//! pages, with reading, decompression and charset decoding done beforehand
//! and left out of the time. Used by bench/run.sh.
//!
//! `cargo run --release --example parse_only -- DIR [DIR...]`
//! prints `pages=N bytes=B seconds=S cpu_seconds=C` (C: this thread's CPU
//! time, which a busy shared machine disturbs less than the wall clock).

use std::io::Read;
use std::time::Instant;

use unboil::read::decode;

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        eprintln!("usage: parse_only DIR [DIR...]");
        std::process::exit(2);
    }
    let mut pages = Vec::new();
    let mut bytes = 0usize;
    for d in &dirs {
        for e in walkdir::WalkDir::new(d).sort_by_file_name() {
            let Ok(e) = e else { continue };
            if !e.file_type().is_file() {
                continue;
            }
            let Ok(raw) = std::fs::read(e.path()) else {
                continue;
            };
            let raw = if raw.starts_with(&[0x1f, 0x8b]) {
                let mut out = Vec::new();
                if flate2::read::MultiGzDecoder::new(&raw[..])
                    .read_to_end(&mut out)
                    .is_err()
                {
                    continue;
                }
                out
            } else {
                raw
            };
            bytes += raw.len();
            pages.push(decode::html(&raw, None).text);
        }
    }
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
