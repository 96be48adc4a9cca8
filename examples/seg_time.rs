//! Text segmentation alone, timed: `seg_time FILE.jsonl [REPS]`; the
//! best of REPS passes over all the documents' texts.
use std::time::Instant;

/// This thread's time on a CPU so far, in seconds (Linux), else wall time
/// since `start`: under other load, wall time counts the waits too.
fn cpu_time(start: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(start.elapsed().as_secs_f64(), |ns| ns / 1e9)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("usage: seg_time FILE.jsonl [REPS]");
    let reps: usize = args.next().map_or(5, |r| r.parse().expect("a number"));
    let raw = std::fs::read_to_string(file).expect("readable JSONL");
    let texts: Vec<std::sync::Arc<str>> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            v.get("text")
                .and_then(|s| s.as_str())
                .map(std::sync::Arc::from)
        })
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut best = f64::MAX;
    let mut blocks = 0;
    for _ in 0..reps {
        let start = Instant::now();
        let t = cpu_time(start);
        blocks = 0;
        for text in &texts {
            let page = unboil::segment::text::segment_shared(text);
            blocks += page.blocks.len();
        }
        best = best.min(cpu_time(start) - t);
    }
    println!(
        "{} docs, {:.1} MB, {} blocks: best {:.1} ms, {:.0} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        blocks,
        best * 1e3,
        bytes as f64 / 1e6 / best
    );
}
