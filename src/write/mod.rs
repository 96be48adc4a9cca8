//! The write stage: text, Markdown, JSON or JSONL, to a stream or to one
//! file per document; the audit; the run's summary.

pub mod outdir;
pub mod record;
pub mod report;
pub mod summary;

use serde_json::Value;
use std::io::{self, IoSlice, Write};
use std::path::PathBuf;

use crate::engine::Processed;
use record::Meta;
pub use summary::{Summary, Tally};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    #[default]
    Text,
    Markdown,
    Json,
    Jsonl,
}

impl OutputFormat {
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Text => "txt",
            OutputFormat::Markdown => "md",
            OutputFormat::Json => "json",
            OutputFormat::Jsonl => "jsonl",
        }
    }
}

#[derive(Debug, Clone)]
pub struct WriteOptions {
    pub format: OutputFormat,
    pub title: bool,
    /// Put a `==> id <==` line before each document in text output.
    pub headers: bool,
    pub out_dir: Option<PathBuf>,
}

/// Writes each processed document where it belongs, in the order given.
pub struct Emitter<'a> {
    pub opts: WriteOptions,
    pub out: Box<dyn Write + 'a>,
    pub audit: Option<Box<dyn Write + 'a>>,
    pub summary: Summary,
    /// Error messages for the terminal (text output has no error records).
    pub errors: Box<dyn Write + 'a>,
    first: bool,
    outdir: Option<outdir::OutDir>,
    /// Output bytes not written yet, in order, and how many (see `put`).
    pending: Vec<Vec<u8>>,
    pending_len: usize,
}

/// Output is held back until this many bytes are ready, then written in
/// one vectored write, each piece from where it was rendered: as much as
/// the CLI's output buffer holds, so the batch goes past that buffer, not
/// through it (a copy of every output byte).
const BATCH: usize = 1 << 16;

impl<'a> Emitter<'a> {
    pub fn new(
        opts: WriteOptions,
        out: Box<dyn Write + 'a>,
        audit: Option<Box<dyn Write + 'a>>,
        errors: Box<dyn Write + 'a>,
    ) -> io::Result<Self> {
        let outdir = match &opts.out_dir {
            Some(d) => Some(outdir::OutDir::create(d, opts.format.extension())?),
            None => None,
        };
        Ok(Emitter {
            opts,
            out,
            audit,
            summary: Summary::default(),
            errors,
            first: true,
            outdir,
            pending: Vec::new(),
            pending_len: 0,
        })
    }

    /// What turns a result into ready bytes for this emitter; the engine
    /// runs it on the workers (see `engine::run_prepared`). `keep`: the
    /// prepared document also keeps the whole result, for the few sinks
    /// that need more than the bytes (the HTML report).
    pub fn render(&self, keep: bool) -> Render {
        Render {
            opts: self.opts.clone(),
            pretty: self.opts.format == OutputFormat::Json && self.outdir.is_some(),
            audit: self.audit.is_some(),
            keep,
        }
    }

    pub fn emit(&mut self, p: Processed) -> io::Result<()> {
        let prepared = self.render(false).prepare(p);
        self.emit_prepared(prepared)
    }

    /// Write a document made ready by `render(..).prepare`, in input order.
    pub fn emit_prepared(&mut self, p: Prepared) -> io::Result<()> {
        self.summary.add_tally(&p.tally);
        if let Some(a) = &mut self.audit {
            match (&p.audit, &p.outcome) {
                (Some(line), _) => a.write_all(line)?,
                (None, Err((_, rec))) => a.write_all(rec)?,
                // Prepared without an audit for an emitter that has one:
                // nothing to write (only a caller mixing emitters gets here).
                (None, Ok(_)) => {}
            }
        }
        match p.outcome {
            Ok(bytes) => {
                for w in &p.warnings {
                    writeln!(self.errors, "unboil: warning: {}: {w}", describe(&p.meta))?;
                }
                if let Some(dir) = &mut self.outdir {
                    dir.write(&p.meta, &bytes)?;
                } else {
                    if self.opts.headers
                        && matches!(
                            self.opts.format,
                            OutputFormat::Text | OutputFormat::Markdown
                        )
                    {
                        let gap = if self.first { "" } else { "\n" };
                        let header = format!("{gap}==> {} <==\n", describe(&p.meta));
                        self.put(header.into_bytes())?;
                    }
                    self.put(bytes)?;
                }
            }
            Err((msg, rec)) => {
                if let Some(dir) = &mut self.outdir {
                    writeln!(self.errors, "unboil: {}: {msg}", describe(&p.meta))?;
                    dir.record_error_line(&rec)?;
                } else if matches!(self.opts.format, OutputFormat::Json | OutputFormat::Jsonl) {
                    self.put(rec)?;
                } else {
                    writeln!(self.errors, "unboil: {}: {msg}", describe(&p.meta))?;
                }
            }
        }
        self.first = false;
        Ok(())
    }

    /// Queue `bytes` for the output, written with those before them once
    /// there are `BATCH` bytes. Empty ones are not queued: every queued
    /// slice has bytes, so a write that takes none is an error.
    fn put(&mut self, bytes: Vec<u8>) -> io::Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        self.pending_len += bytes.len();
        self.pending.push(bytes);
        if self.pending_len >= BATCH {
            self.write_pending()?;
        }
        Ok(())
    }

    /// Write the queued output, in order, in as few vectored writes as the
    /// output takes; the queue is empty after, even on an error.
    fn write_pending(&mut self) -> io::Result<()> {
        let mut slices: Vec<IoSlice> = self.pending.iter().map(|b| IoSlice::new(b)).collect();
        let mut rest = &mut slices[..];
        let mut r = Ok(());
        while !rest.is_empty() {
            match self.out.write_vectored(rest) {
                Ok(0) => {
                    r = Err(io::Error::from(io::ErrorKind::WriteZero));
                    break;
                }
                Ok(n) => IoSlice::advance_slices(&mut rest, n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    r = Err(e);
                    break;
                }
            }
        }
        self.pending.clear();
        self.pending_len = 0;
        r
    }

    pub fn finish(&mut self) -> io::Result<()> {
        self.write_pending()?;
        self.out.flush()?;
        if let Some(a) = &mut self.audit {
            a.flush()?;
        }
        if let Some(dir) = &mut self.outdir {
            dir.finish()?;
        }
        Ok(())
    }
}

impl Drop for Emitter<'_> {
    /// Output still queued is written, as a `BufWriter` dropped unflushed
    /// writes its buffer (errors are for `finish` to report).
    fn drop(&mut self) {
        let _ = self.write_pending();
    }
}

/// A JSON value as one line, as the output and audit files hold them.
fn json_line(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_vec(v).unwrap_or_default();
    s.push(b'\n');
    s
}

/// One document's output as bytes, made on the worker that cleaned it.
pub struct Prepared {
    /// Where it came from (without the input's extra fields: those are in
    /// the output bytes already).
    pub meta: Meta,
    pub tally: Tally,
    pub warnings: Vec<String>,
    /// The rendered document, or the error message and the error record
    /// as a line.
    pub outcome: Result<Vec<u8>, (String, Vec<u8>)>,
    /// The audit line, when the emitter writes an audit.
    pub audit: Option<Vec<u8>>,
    /// The whole result, when asked for (`Emitter::render(true)`).
    pub processed: Option<Processed>,
}

/// Renders results the way one emitter writes them; shared by the workers.
#[derive(Debug, Clone)]
pub struct Render {
    opts: WriteOptions,
    /// Pretty JSON (one file per document).
    pretty: bool,
    audit: bool,
    keep: bool,
}

impl Render {
    fn rendered(&self, meta: &Meta, p: &crate::pipeline::Cleaned) -> Vec<u8> {
        let md = self.opts.format == OutputFormat::Markdown;
        match self.opts.format {
            OutputFormat::Json | OutputFormat::Jsonl => {
                let record = record::Output {
                    meta,
                    cleaned: p,
                    markdown: md,
                };
                // Sized for the body text, which is most of the record: no
                // regrowing (and copying) as it is written.
                let text: usize = p.article.body_blocks().map(|b| b.text.len() + 4).sum();
                let mut s = Vec::with_capacity(256 + text + text / 16);
                // Writing to a Vec cannot fail.
                if self.pretty {
                    let _ = serde_json::to_writer_pretty(&mut s, &record);
                } else {
                    record.write_compact(&mut s);
                }
                s.push(b'\n');
                s
            }
            OutputFormat::Text | OutputFormat::Markdown => {
                let mut s = String::new();
                if self.opts.title
                    && let Some(t) = &p.article.title
                {
                    if md {
                        s.push_str("# ");
                    }
                    s.push_str(t);
                    s.push_str("\n\n");
                }
                s.push_str(&if md {
                    p.article.markdown()
                } else {
                    p.article.text()
                });
                s.push('\n');
                s.into_bytes()
            }
        }
    }

    /// Turn a result into what the emitter writes. The article, its page
    /// and element tree are dropped here, on the calling thread (a worker),
    /// unless `keep` asked for them.
    pub fn prepare(&self, mut p: Processed) -> Prepared {
        let tally = Tally::of(&p);
        let mut warnings = Vec::new();
        let mut audit = None;
        let outcome = match &mut p.outcome {
            Ok(c) => {
                warnings = if self.keep {
                    c.warnings.clone()
                } else {
                    std::mem::take(&mut c.warnings)
                };
                if self.audit {
                    audit = Some(json_line(&record::audit(&p.meta, c)));
                }
                Ok(self.rendered(&p.meta, c))
            }
            Err(msg) => Err((msg.clone(), json_line(&record::error(&p.meta, msg)))),
        };
        let (meta, processed) = if self.keep {
            (p.meta.clone(), Some(p))
        } else {
            (p.meta, None)
        };
        Prepared {
            meta: Meta {
                extra: serde_json::Map::new(),
                ..meta
            },
            tally,
            warnings,
            outcome,
            audit,
            processed,
        }
    }
}

/// How a document is named in messages: its source, line and id.
pub fn describe(m: &Meta) -> String {
    let mut s = m.source.clone();
    if let Some(l) = m.line {
        s.push_str(&format!(":{l}"));
    }
    if let Some(id) = &m.id
        && *id != m.source
    {
        s.push_str(&format!(" (id {id})"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cleaner;
    use crate::engine::process;
    use crate::read::{Document, RecordError};

    fn items() -> Vec<crate::read::Item> {
        let mut page = Document::html(
            "<html><head><title>Harbour</title></head><body><article><h1>Storm</h1>\
             <p>The harbour closed on Monday as the storm reached the coast, officials said.</p>\
             </article><div class='cookie-notice'><p>We use cookies to improve your experience \
             on our site.</p></div></body></html>",
        );
        page.id = Some("p1".into());
        page.extra.insert("lang".into(), "en".into());
        let mut empty = Document::text("   ");
        empty.source = "empty.txt".into();
        let unreadable = RecordError {
            id: None,
            url: None,
            source: "feed.jsonl".into(),
            line: Some(3),
            message: "invalid JSON".into(),
        };
        vec![Ok(page), Ok(empty), Err(unreadable)]
    }

    /// A writer that takes at most `most` bytes a call, across slices,
    /// and fails every so often with `Interrupted`, as a pipe may.
    struct Stingy {
        got: Vec<u8>,
        most: usize,
        calls: usize,
        /// Calls given more than one slice, calls that took part of what
        /// they were given, and calls interrupted.
        seen: [usize; 3],
    }

    impl Write for Stingy {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.write_vectored(&[IoSlice::new(b)])
        }

        fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(7) {
                self.seen[2] += 1;
                return Err(io::ErrorKind::Interrupted.into());
            }
            self.seen[0] += usize::from(bufs.len() > 1);
            let total: usize = bufs.iter().map(|b| b.len()).sum();
            self.seen[1] += usize::from(total > self.most);
            let mut n = 0;
            for b in bufs {
                let take = b.len().min(self.most - n);
                self.got.extend_from_slice(&b[..take]);
                n += take;
            }
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Output queued and written in batches (vectored writes, taken in
    /// part, interrupted) is each result's bytes in order, headers and
    /// error records included, however much a write takes.
    #[test]
    fn batched_output_is_each_result_in_order() {
        let cleaner = Cleaner::default();
        let mut rng = crate::test_rng::XorShift::new(0x6A09_E667_F3BC_C908);
        let items = |rng: &mut crate::test_rng::XorShift| -> Vec<crate::read::Item> {
            (0..400)
                .map(|i| {
                    const WORDS: &[&str] = &[
                        "harbour",
                        "storm",
                        "coast",
                        "ferry",
                        "boats",
                        "closed",
                        "reached",
                        "officials",
                        "said",
                        "morning",
                        "service",
                        "town",
                        "council",
                        "river",
                        "bridge",
                        "road",
                        "winds",
                        "rain",
                        "warning",
                        "families",
                        "school",
                    ];
                    let mut text = String::new();
                    for _ in 0..rng.next_u64() % 40 {
                        text.push_str("The");
                        for _ in 0..8 + rng.next_u64() % 12 {
                            text.push(' ');
                            text.push_str(WORDS[(rng.next_u64() % WORDS.len() as u64) as usize]);
                        }
                        text.push_str(".\n");
                    }
                    let mut d = Document::text(text);
                    d.id = Some(format!("d{i}"));
                    Ok(d)
                })
                .collect()
        };
        let mut seen = [0; 3];
        for format in [OutputFormat::Jsonl, OutputFormat::Text] {
            for most in [1, 100, 5000, 1 << 20] {
                let opts = WriteOptions {
                    format,
                    title: false,
                    headers: true,
                    out_dir: None,
                };
                let docs = items(&mut rng);
                // What each result makes, written one after the other.
                let render = Emitter::new(
                    opts.clone(),
                    Box::new(io::sink()),
                    None,
                    Box::new(io::sink()),
                )
                .unwrap()
                .render(false);
                let mut want = Vec::new();
                for (i, item) in docs.iter().cloned().enumerate() {
                    let p = render.prepare(process(&cleaner, item));
                    match p.outcome {
                        Ok(b) => {
                            if format == OutputFormat::Text {
                                let gap = if i == 0 { "" } else { "\n" };
                                want.extend_from_slice(
                                    format!("{gap}==> {} <==\n", describe(&p.meta)).as_bytes(),
                                );
                            }
                            want.extend_from_slice(&b);
                        }
                        Err((_, rec)) if format == OutputFormat::Jsonl => {
                            want.extend_from_slice(&rec)
                        }
                        Err(_) => {}
                    }
                }
                let mut out = Stingy {
                    got: Vec::new(),
                    most,
                    calls: 0,
                    seen: [0; 3],
                };
                {
                    let mut e =
                        Emitter::new(opts, Box::new(&mut out), None, Box::new(io::sink())).unwrap();
                    for item in docs {
                        e.emit_prepared(render.prepare(process(&cleaner, item)))
                            .unwrap();
                    }
                    e.finish().unwrap();
                }
                assert!(want.len() > 4 * BATCH, "{}", want.len());
                assert_eq!(out.got, want, "{format:?} {most}");
                for (s, n) in seen.iter_mut().zip(out.seen) {
                    *s += n;
                }
            }
        }
        assert!(seen.iter().all(|&n| n > 10), "{seen:?}");
    }

    /// Output, audit and summary written from results prepared on the
    /// workers are those `emit` writes from the results themselves.
    #[test]
    fn prepared_results_write_what_emit_writes() {
        let cleaner = Cleaner::default();
        for format in [OutputFormat::Jsonl, OutputFormat::Text, OutputFormat::Json] {
            let opts = WriteOptions {
                format,
                title: true,
                headers: true,
                out_dir: None,
            };
            let mut outs = Vec::new();
            for prepared in [false, true] {
                let (mut out, mut audit, mut errors) = (Vec::new(), Vec::new(), Vec::new());
                let summary = {
                    let mut e = Emitter::new(
                        opts.clone(),
                        Box::new(&mut out),
                        Some(Box::new(&mut audit)),
                        Box::new(&mut errors),
                    )
                    .unwrap();
                    let render = e.render(false);
                    for item in items() {
                        let p = process(&cleaner, item);
                        if prepared {
                            e.emit_prepared(render.prepare(p)).unwrap();
                        } else {
                            e.emit(p).unwrap();
                        }
                    }
                    e.finish().unwrap();
                    e.summary.to_json()
                };
                outs.push((out, audit, errors, summary));
            }
            assert_eq!(outs[0], outs[1], "{format:?}");
            let (out, audit, errors, summary) = &outs[0];
            let out = String::from_utf8_lossy(out);
            assert!(out.contains("officials said"), "{out}");
            assert!(!out.contains("cookies"), "{out}");
            assert_eq!(String::from_utf8_lossy(audit).lines().count(), 3);
            assert_eq!(summary["documents"], 3);
            assert_eq!(summary["errors"], 2);
            if format == OutputFormat::Text {
                assert!(String::from_utf8_lossy(errors).contains("feed.jsonl:3"));
            }
        }
    }
}
