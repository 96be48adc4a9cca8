//! Parallel over documents, output in input order, memory bounded by a
//! window of documents in flight.
//!
//! A pipeline of three parts: a reader thread pulls items from the input
//! and hands each to the rayon pool as soon as the window has room; the
//! pool cleans them, oldest first; the calling thread takes the results in
//! input order, a batch at a time (see `InFlight::worth_waking`: a wake-up
//! per document cost the worker a system call each), and gives them to the
//! sink. The reader and the calling thread are one each for
//! the run, however many workers there are: per-document work belongs on
//! the workers (reading a file, parsing a JSONL line: `Document::load`;
//! rendering the output: `run_prepared`), or it caps the speed-up. A
//! document leaves the window once the sink has it, so read-but-unwritten
//! documents (their input and their result) never exceed the window,
//! however large the corpus, and one slow page holds up the output, not
//! the workers.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};

use crate::pipeline::{Cleaned, Cleaner};
use crate::read::{Document, Item};
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
        // Room for many documents per worker, so the workers rarely wait
        // for a slow page ahead of them; small enough in bytes that a
        // stream of large pages stays well under 200 MB resident. Room for
        // enough documents that the writer and the reader are woken a
        // batch of 64 at a time (see `Window::batch`): with 128, a batch
        // of 16 cost a futex wake-up and a context switch each way per 16
        // small documents.
        EngineOptions {
            threads: 0,
            window_docs: 256,
            window_bytes: 12 << 20,
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
        Ok(mut doc) => {
            // A file arrives unread, a gzipped one compressed: read and
            // inflated here, on a worker.
            let run = AssertUnwindSafe(|| {
                doc.load()?;
                cleaner.clean(&doc)
            });
            let (outcome, panicked) = match catch_unwind(run) {
                Ok(r) => (r, false),
                Err(p) => (
                    Err(format!("internal error: {}", panic_message(p.as_ref()))),
                    true,
                ),
            };
            // Bytes read, once inflated; none for what could not be.
            let bytes = if !doc.needs_load() {
                doc.body().len()
            } else {
                0
            };
            // Moved out once the document is cleaned, not copied.
            let meta = Meta {
                id: doc.id,
                url: doc.url,
                source: doc.source,
                line: doc.line,
                extra: doc.extra,
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

/// Documents and input bytes in flight, the results waiting to be
/// written, and the waits for room (the reader) and for results (the
/// writer), under one lock.
struct Window<T> {
    state: Mutex<InFlight<T>>,
    /// The reader waits here for room.
    room: Condvar,
    /// The writer waits here for results.
    done: Condvar,
    max_docs: usize,
    max_bytes: usize,
    /// Results the writer is woken for (see `InFlight::worth_waking`).
    batch: usize,
    /// Workers: fewer documents than this still to clean and one may idle.
    threads: usize,
    cancelled: AtomicBool,
}

struct InFlight<T> {
    /// Read and not yet written (their results included).
    docs: usize,
    bytes: usize,
    /// The reader waits for room for a document of this many bytes.
    waiting: Option<usize>,
    /// Results by sequence number from `base`, `None` while the document
    /// is being cleaned; the writer takes them from the front.
    results: VecDeque<Option<Finished<T>>>,
    base: u64,
    /// Results ready at the front of `results`, in order.
    ready: usize,
    writer_waiting: bool,
    reader_done: bool,
    /// A job's panic, raised again on the calling thread.
    panic: Option<Box<dyn std::any::Any + Send>>,
}

/// A cleaned document's prepared result and its input bytes; `None` for a
/// job that panicked (nothing to write, its room is still given back).
type Finished<T> = (Option<T>, usize);

impl<T> InFlight<T> {
    /// Whether the waiting writer should be woken: not for each result
    /// (a wake-up is a system call on the worker and a context switch),
    /// but for a batch of them, for all that is in the window, or when
    /// holding them back could leave the reader without room while the
    /// workers run out of documents.
    fn worth_waking(&self, w: &Window<T>) -> bool {
        if self.reader_done && self.docs == 0 {
            return true;
        }
        self.ready > 0
            && (self.ready >= w.batch
                || self.ready == self.docs
                || (self.waiting.is_some() && self.docs - self.ready <= w.threads))
    }
}

impl<T> Window<T> {
    fn lock(&self) -> std::sync::MutexGuard<'_, InFlight<T>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wait until a document of `bytes` fits (one always fits into an
    /// empty window, however large) and give it the next sequence number.
    /// None when the run was cancelled.
    fn enter(&self, bytes: usize) -> Option<u64> {
        let mut s = self.lock();
        loop {
            if self.cancelled.load(Ordering::Acquire) {
                return None;
            }
            if s.docs == 0 || (s.docs < self.max_docs && s.bytes + bytes <= self.max_bytes) {
                s.docs += 1;
                s.bytes += bytes;
                s.waiting = None;
                let seq = s.base + s.results.len() as u64;
                s.results.push_back(None);
                return Some(seq);
            }
            s.waiting = Some(bytes);
            // Holding results back must not leave the workers idle.
            if s.writer_waiting && s.worth_waking(self) {
                self.done.notify_one();
            }
            s = self.room.wait(s).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// The reader has read everything (or stopped).
    fn reader_done(&self) {
        let mut s = self.lock();
        s.reader_done = true;
        if s.writer_waiting && s.worth_waking(self) {
            self.done.notify_one();
        }
    }

    /// A worker's result for document `seq`.
    fn finish(&self, seq: u64, result: Finished<T>) {
        let mut s = self.lock();
        if self.cancelled.load(Ordering::Acquire) {
            // Nobody writes it any more: dropped here.
            return;
        }
        let i = (seq - s.base) as usize;
        if let Some(slot) = s.results.get_mut(i) {
            *slot = Some(result);
        }
        while s.results.get(s.ready).is_some_and(Option::is_some) {
            s.ready += 1;
        }
        if s.writer_waiting && s.worth_waking(self) {
            self.done.notify_one();
        }
    }

    /// Wait for results worth writing and move them into `out`, oldest
    /// first; false once everything is written or the run was cancelled.
    fn take(&self, out: &mut Vec<Finished<T>>) -> bool {
        let mut s = self.lock();
        loop {
            if self.cancelled.load(Ordering::Acquire) {
                return false;
            }
            if s.worth_waking(self) {
                if s.ready == 0 {
                    // The reader is done and the window empty.
                    return false;
                }
                let n = s.ready;
                out.extend(s.results.drain(..n).flatten());
                s.base += n as u64;
                s.ready = 0;
                return true;
            }
            s.writer_waiting = true;
            s = self.done.wait(s).unwrap_or_else(|e| e.into_inner());
            s.writer_waiting = false;
        }
    }

    /// Documents of `bytes` input bytes in all are written: their room is
    /// free.
    fn leave(&self, docs: usize, bytes: usize) {
        let mut s = self.lock();
        s.docs -= docs;
        s.bytes -= bytes;
        // The reader is woken once a few documents' worth of room is free,
        // not for each one: it then fills the room in one go, and the
        // writer does not pay a wake-up (a system call) per document.
        let slack = (self.max_docs / 4).max(1);
        if let Some(want) = s.waiting
            && (s.docs == 0
                || (s.docs + slack <= self.max_docs && s.bytes + want <= self.max_bytes))
        {
            s.waiting = None;
            self.room.notify_all();
        }
    }

    fn cancel(&self) {
        let mut s = self.lock();
        self.cancelled.store(true, Ordering::Release);
        // Results no one will write: dropped now, not at the end.
        s.results.clear();
        self.room.notify_all();
        self.done.notify_all();
    }
}

struct ReaderDone<'a, T>(&'a Window<T>);

impl<T> Drop for ReaderDone<'_, T> {
    fn drop(&mut self) {
        self.0.reader_done();
    }
}

struct CancelOnDrop<'a, T>(&'a Window<T>);

impl<T> Drop for CancelOnDrop<'_, T> {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// Run every item through the cleaner and hand the results to `sink` in
/// input order. Returns the first error `sink` gives (e.g. a closed pipe);
/// reading stops then.
pub fn run<I, F, E>(items: I, cleaner: &Cleaner, opts: &EngineOptions, sink: F) -> Result<(), E>
where
    I: Iterator<Item = Item> + Send,
    F: FnMut(Processed) -> Result<(), E>,
{
    run_prepared(items, cleaner, opts, |p| p, sink)
}

/// `run`, with `prepare` applied to each result on the worker that cleaned
/// it: whatever it turns a result into (ready output bytes, say) is what
/// `sink` gets, in input order. The sink runs on the calling thread, one
/// thread for the whole run, so the less it has left to do per document
/// (and the less it has to free), the better the run scales with threads.
pub fn run_prepared<I, T, P, F, E>(
    items: I,
    cleaner: &Cleaner,
    opts: &EngineOptions,
    prepare: P,
    mut sink: F,
) -> Result<(), E>
where
    I: Iterator<Item = Item> + Send,
    T: Send,
    P: Fn(Processed) -> T + Sync,
    F: FnMut(T) -> Result<(), E>,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .thread_name(|i| format!("unboil-worker-{i}"))
        .build()
        .expect("thread pool");
    let max_docs = opts.window_docs.max(1);
    let window = Window {
        state: Mutex::new(InFlight {
            docs: 0,
            bytes: 0,
            waiting: None,
            results: VecDeque::new(),
            base: 0,
            ready: 0,
            writer_waiting: false,
            reader_done: false,
            panic: None,
        }),
        room: Condvar::new(),
        done: Condvar::new(),
        max_docs,
        max_bytes: opts.window_bytes.max(1),
        batch: (max_docs / 4).max(1),
        threads: pool.current_num_threads(),
        cancelled: AtomicBool::new(false),
    };
    let prepare = &prepare;
    let mut result = Ok(());
    // The scope runs here, on the calling thread (the sink need not be
    // Send), and waits for every spawned job before it returns.
    pool.in_place_scope_fifo(|scope| {
        std::thread::scope(|threads| {
            let window = &window;
            threads.spawn(move || {
                // Done however the reading ends, a panic included: the
                // writer must not wait for more.
                let _done = ReaderDone(window);
                for item in items {
                    let bytes = item.as_ref().map_or(0, Document::input_len);
                    let Some(seq) = window.enter(bytes) else {
                        break;
                    };
                    scope.spawn_fifo(move |_| {
                        // A panic outside `process` (in `prepare`) is
                        // raised again once the run is over; the window
                        // must not wait for its result meanwhile.
                        let run = AssertUnwindSafe(|| prepare(process(cleaner, item)));
                        match catch_unwind(run) {
                            Ok(p) => window.finish(seq, (Some(p), bytes)),
                            Err(p) => {
                                window.lock().panic.get_or_insert(p);
                                window.finish(seq, (None, bytes));
                            }
                        }
                    });
                }
            });
            // Should the sink panic, the reader must not wait for room
            // forever (the scope joins it while unwinding).
            let _unblock = CancelOnDrop(window);
            let mut batch = Vec::new();
            'write: while window.take(&mut batch) {
                let (mut docs, mut bytes) = (0, 0);
                for (p, b) in batch.drain(..) {
                    docs += 1;
                    bytes += b;
                    let r = p.map_or(Ok(()), &mut sink);
                    if let Err(e) = r {
                        result = Err(e);
                        window.cancel();
                        break 'write;
                    }
                }
                window.leave(docs, bytes);
            }
            // On a sink error the remaining results are dropped as they come.
        });
    });
    if let Some(p) = window.lock().panic.take() {
        std::panic::resume_unwind(p);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Document;
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;

    fn docs(n: usize, pulled: Arc<AtomicUsize>) -> impl Iterator<Item = Item> + Send {
        (0..n).map(move |i| {
            pulled.fetch_add(1, Ordering::SeqCst);
            let mut d = Document::text(format!(
                "Document number {i} has a line of text.\nAnd a second one."
            ));
            d.id = Some(i.to_string());
            Ok(d)
        })
    }

    #[test]
    fn order_kept_and_documents_in_flight_bounded_by_the_window() {
        let cleaner = Cleaner::default();
        let opts = EngineOptions {
            threads: 2,
            window_docs: 8,
            window_bytes: 1 << 20,
        };
        let pulled = Arc::new(AtomicUsize::new(0));
        let mut seen = Vec::new();
        let mut most_ahead = 0;
        run(
            docs(500, Arc::clone(&pulled)),
            &cleaner,
            &opts,
            |p| -> Result<(), ()> {
                // Read but not yet written: at most the window, plus the one
                // the reader holds while it waits for room.
                most_ahead = most_ahead.max(pulled.load(Ordering::SeqCst) - seen.len());
                seen.push(p.meta.id.unwrap());
                Ok(())
            },
        )
        .unwrap();
        let want: Vec<String> = (0..500).map(|i| i.to_string()).collect();
        assert_eq!(seen, want);
        assert!(most_ahead <= 9, "{most_ahead} documents in flight");
    }

    /// Results are written in batches, but one the input waits on (a
    /// stream fed a document at a time, say) is not held back.
    #[test]
    fn a_reader_waiting_for_the_output_gets_it() {
        let (ack, acked) = std::sync::mpsc::channel::<usize>();
        let items = (0..40).map(move |i| {
            if i > 0 {
                // The next document comes once the last one is written.
                let got = acked.recv_timeout(std::time::Duration::from_secs(60));
                assert_eq!(got, Ok(i - 1), "document {} never came out", i - 1);
            }
            Ok(Document::text(format!("Line number {i} of a stream.")))
        });
        let opts = EngineOptions {
            threads: 2,
            ..EngineOptions::default()
        };
        let mut n = 0;
        run(items, &Cleaner::default(), &opts, |p| -> Result<(), ()> {
            assert!(p.outcome.is_ok());
            let _ = ack.send(n);
            n += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(n, 40);
    }

    fn unread(path: std::path::PathBuf, limit: usize) -> Item {
        let name = path.display().to_string();
        Ok(Document {
            id: Some(name.clone()),
            source: name,
            unread: Some(crate::read::Unread::File(crate::read::UnreadFile {
                path,
                size: 0,
                limit,
                counters: None,
            })),
            ..Document::html(Vec::new())
        })
    }

    #[test]
    fn workers_read_files_in_order_and_a_missing_one_is_its_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut items = Vec::new();
        for i in 0..40 {
            let p = dir.path().join(format!("{i}.html"));
            // Every fifth file is never written: it cannot be opened.
            if i % 5 != 2 {
                let html = format!("<p>Page number {i} has a paragraph of text in it.</p>");
                std::fs::write(&p, html).unwrap();
            }
            items.push(unread(p, 1 << 20));
        }
        let opts = EngineOptions {
            threads: 2,
            window_docs: 4,
            window_bytes: 1 << 20,
        };
        let mut seen = Vec::new();
        run_prepared(
            items.into_iter(),
            &Cleaner::default(),
            &opts,
            // Prepared on the worker; only the text comes back.
            |p| (p.meta.source, p.outcome.map(|c| c.article.text()), p.bytes),
            |r| -> Result<(), ()> {
                seen.push(r);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen.len(), 40);
        for (i, (source, outcome, bytes)) in seen.iter().enumerate() {
            assert!(source.ends_with(&format!("/{i}.html")), "{source}");
            match outcome {
                Ok(text) => {
                    assert!(text.contains(&format!("Page number {i} ")), "{text}");
                    assert!(*bytes > 0);
                }
                Err(e) => {
                    assert_eq!(i % 5, 2, "{source}: {e}");
                    assert!(e.starts_with("cannot open: "), "{e}");
                    assert_eq!(*bytes, 0, "nothing was read");
                }
            }
        }
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let cleaner = Cleaner::default();
        let pulled = Arc::new(AtomicUsize::new(0));
        let mut n = 0;
        let r = run(
            docs(100_000, Arc::clone(&pulled)),
            &cleaner,
            &EngineOptions::default(),
            |_| {
                n += 1;
                if n == 10 { Err("closed pipe") } else { Ok(()) }
            },
        );
        assert_eq!(r, Err("closed pipe"));
        assert_eq!(n, 10);
        // Reading stopped at about one window past the failure.
        assert!(pulled.load(Ordering::SeqCst) < 1000);
    }
}
