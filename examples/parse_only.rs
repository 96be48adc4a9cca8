//! The floor for the speed target: how long scraper alone takes to parse
//! pages, with reading, decompression and charset decoding done beforehand
//! and left out of the time. Used by bench/run.sh.
//!
//! `cargo run --release --example parse_only -- DIR [DIR...]`
//! prints `pages=N bytes=B seconds=S`.

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
    let t = Instant::now();
    let mut nodes = 0usize;
    for p in &pages {
        let doc = scraper::Html::parse_document(p);
        // Use the tree so the parse cannot be optimised away.
        nodes += doc.tree.nodes().count();
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "pages={} bytes={} seconds={:.4} nodes={}",
        pages.len(),
        bytes,
        secs,
        nodes
    );
}
