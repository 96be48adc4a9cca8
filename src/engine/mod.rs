//! Parallel over documents, output in input order, memory bounded by a
//! window of documents in flight.
//!
//! The input is read in windows; while the pool cleans one window the next
//! is read, and results are handed on in order as each window completes.

use std::panic::{AssertUnwindSafe, catch_unwind};

use rayon::prelude::*;

use crate::pipeline::{Cleaned, Cleaner};
use crate::read::Item;
use crate::write::record::{Meta, meta_of_error};

/// One input document's outcome.
pub struct Processed {
    pub meta: Meta,
    pub outcome: Result<Cleaned, String>,
    /// Bytes of the input document.
    pub bytes: usize,
    /// The document's processing panicked (a bug; counted in the summary).
    pub panicked: bool,
}

#[derive(Debug, Clone)]
pub struct EngineOptions {
    pub threads: usize,
    /// Most documents in one window.
    pub window_docs: usize,
    /// Most input bytes in one window.
    pub window_bytes: usize,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            threads: 0,
            window_docs: 256,
            window_bytes: 64 << 20,
        }
    }
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Clean one item; a panic becomes that document's error record.
pub fn process(cleaner: &Cleaner, item: Item) -> Processed {
    match item {
        Err(e) => Processed {
            meta: meta_of_error(&e),
            outcome: Err(e.message),
            bytes: 0,
            panicked: false,
        },
        Ok(doc) => {
            let meta = Meta {
                id: doc.id.clone(),
                url: doc.url.clone(),
                source: doc.source.clone(),
                line: doc.line,
                extra: doc.extra.clone(),
            };
            let bytes = doc.bytes.len();
            let (outcome, panicked) = match catch_unwind(AssertUnwindSafe(|| cleaner.clean(&doc))) {
                Ok(r) => (r, false),
                Err(p) => (
                    Err(format!("internal error: {}", panic_message(p.as_ref()))),
                    true,
                ),
            };
            Processed {
                meta,
                outcome,
                bytes,
                panicked,
            }
        }
    }
}

fn read_window(items: &mut dyn Iterator<Item = Item>, opts: &EngineOptions) -> Vec<Item> {
    let mut out = Vec::new();
    let mut bytes = 0;
    for item in &mut *items {
        bytes += item.as_ref().map_or(0, |d| d.bytes.len());
        out.push(item);
        if out.len() >= opts.window_docs || bytes >= opts.window_bytes {
            break;
        }
    }
    out
}

/// Run every item through the cleaner and hand the results to `sink` in
/// input order. Returns the first error `sink` gives (e.g. a closed pipe).
pub fn run<I, F, E>(items: I, cleaner: &Cleaner, opts: &EngineOptions, mut sink: F) -> Result<(), E>
where
    I: Iterator<Item = Item> + Send,
    F: FnMut(Processed) -> Result<(), E>,
{
    let mut items = items;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .expect("thread pool");
    // The sink runs on the calling thread (it need not be Send) while the
    // pool cleans the next window.
    let mut current = read_window(&mut items, opts);
    while !current.is_empty() {
        let (results, next) = pool.install(|| {
            rayon::join(
                || {
                    current
                        .into_par_iter()
                        .map(|item| process(cleaner, item))
                        .collect::<Vec<_>>()
                },
                || read_window(&mut items, opts),
            )
        });
        for r in results {
            sink(r)?;
        }
        current = next;
    }
    Ok(())
}
