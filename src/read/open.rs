//! Turning the command line's inputs (files, directories, `-`) into one
//! lazy stream of documents. Nothing is read before it is needed, so a
//! crawl of any size streams through in bounded memory.

use flate2::read::MultiGzDecoder;
use globset::GlobSet;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::document::{Document, Item, Kind, RecordError, Unread, UnreadFile};
use super::jsonl::{FieldMap, JsonlReader};
use super::sniff;
use super::warc_docs::WarcDocs;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum InputFormat {
    #[default]
    Auto,
    Html,
    Text,
    Jsonl,
    Warc,
}

#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub format: InputFormat,
    pub fields: FieldMap,
    /// Applied to files found in directories (not to files named outright).
    pub glob: Option<GlobSet>,
    /// Largest document, after decompression.
    pub max_doc_bytes: usize,
    /// Longest JSONL line.
    pub max_line_bytes: usize,
    /// Largest WARC record.
    pub max_record_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: InputFormat::Auto,
            fields: FieldMap::default(),
            glob: None,
            max_doc_bytes: 32 << 20,
            max_line_bytes: 64 << 20,
            max_record_bytes: 64 << 20,
        }
    }
}

/// Counters the reader keeps while it streams.
#[derive(Debug, Default)]
pub struct ReadCounters {
    /// Bytes read from the inputs (after decompression).
    pub bytes: AtomicU64,
    /// Records passed over on purpose (WARC requests, non-HTML responses).
    pub skipped: AtomicU64,
}

enum Source {
    Stdin,
    File(PathBuf),
}

/// What one input name stands for.
enum Pending {
    Stdin,
    Path(PathBuf),
    Walk(walkdir::IntoIter, PathBuf),
}

pub struct Inputs {
    pending: VecDeque<Pending>,
    current: Option<Box<dyn Iterator<Item = Item> + Send>>,
    opts: ReadOptions,
    counters: Arc<ReadCounters>,
}

impl Inputs {
    /// `names`: paths, directories or `-`; empty means stdin.
    pub fn new(names: &[String], opts: ReadOptions) -> Inputs {
        let mut pending: VecDeque<Pending> = names
            .iter()
            .map(|n| {
                if n == "-" {
                    Pending::Stdin
                } else {
                    let p = PathBuf::from(n);
                    if p.is_dir() {
                        Pending::Walk(
                            walkdir::WalkDir::new(&p)
                                .follow_links(true)
                                .sort_by_file_name()
                                .into_iter(),
                            p,
                        )
                    } else {
                        Pending::Path(p)
                    }
                }
            })
            .collect();
        if pending.is_empty() {
            pending.push_back(Pending::Stdin);
        }
        Inputs {
            pending,
            current: None,
            opts,
            counters: Arc::new(ReadCounters::default()),
        }
    }

    pub fn counters(&self) -> Arc<ReadCounters> {
        Arc::clone(&self.counters)
    }

    fn next_source(&mut self) -> Option<Result<Source, RecordError>> {
        loop {
            match self.pending.front_mut()? {
                Pending::Stdin => {
                    self.pending.pop_front();
                    return Some(Ok(Source::Stdin));
                }
                Pending::Path(_) => {
                    let Some(Pending::Path(p)) = self.pending.pop_front() else {
                        unreachable!()
                    };
                    return Some(Ok(Source::File(p)));
                }
                Pending::Walk(walk, root) => match walk.next() {
                    None => {
                        self.pending.pop_front();
                    }
                    Some(Err(e)) => {
                        let path = e
                            .path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|| root.display().to_string());
                        return Some(Err(RecordError {
                            id: Some(path.clone()),
                            url: None,
                            source: path,
                            line: None,
                            message: format!("cannot read directory entry: {e}"),
                        }));
                    }
                    Some(Ok(entry)) => {
                        if !entry.file_type().is_file() {
                            continue;
                        }
                        let rel = entry.path().strip_prefix(&*root).unwrap_or(entry.path());
                        if let Some(g) = &self.opts.glob
                            && !g.is_match(rel)
                            && !g.is_match(entry.file_name())
                        {
                            continue;
                        }
                        return Some(Ok(Source::File(entry.into_path())));
                    }
                },
            }
        }
    }

    /// A document to be read from `path` by a worker (see `Document::load`).
    fn unread(&self, path: &Path, name: String, format: InputFormat) -> Item {
        // The size only sizes the engine's window: a file that cannot be
        // looked at gets its error when the worker opens it.
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        Ok(Document {
            unread: Some(Unread::File(UnreadFile {
                path: path.to_path_buf(),
                size,
                limit: self.opts.max_doc_bytes,
                counters: Some(Arc::clone(&self.counters)),
            })),
            ..file_document(format, Some(name.clone()), name, Vec::new())
        })
    }

    /// Open one source as a stream of items.
    fn open(&self, source: Source) -> Box<dyn Iterator<Item = Item> + Send> {
        let (name, path) = match &source {
            Source::Stdin => ("<stdin>".to_string(), None),
            Source::File(p) => (p.display().to_string(), Some(p.clone())),
        };
        let fail = |message: String| -> Box<dyn Iterator<Item = Item> + Send> {
            Box::new(std::iter::once(Err(RecordError {
                id: path.as_ref().map(|p| p.display().to_string()),
                url: None,
                source: name.clone(),
                line: None,
                message,
            })))
        };
        // A file that holds one document of a kind known by its name (or
        // by `--input-format`) is left to the worker that cleans it to
        // read and inflate: this thread then only walks the inputs.
        if let Source::File(p) = &source {
            let known = match self.opts.format {
                InputFormat::Auto => format_by_extension(p),
                f => Some(f),
            };
            if let Some(f @ (InputFormat::Html | InputFormat::Text)) = known {
                return Box::new(std::iter::once(self.unread(p, name, f)));
            }
        }
        let raw: Box<dyn Read + Send> = match &source {
            Source::Stdin => Box::new(io::stdin()),
            Source::File(p) => match File::open(p) {
                Ok(f) => Box::new(f),
                Err(e) => return fail(format!("cannot open: {e}")),
            },
        };
        let (mut reader, gz) = match maybe_gunzip(raw) {
            Ok(r) => r,
            Err(e) => return fail(format!("cannot read: {e}")),
        };
        // A gzipped page whose kind is known without looking inside goes
        // to the workers compressed: they inflate it (see `gzip_limit`).
        if let Gunzip::Compressed(raw) = reader {
            let known = match self.opts.format {
                InputFormat::Auto => path.as_deref().and_then(format_by_extension),
                f => Some(f),
            };
            match known {
                Some(f @ (InputFormat::Html | InputFormat::Text)) => {
                    let item = read_compressed(raw, &name, path.as_deref(), f, &self.opts);
                    if let Ok(d) = &item {
                        self.counters
                            .bytes
                            .fetch_add(d.bytes.len() as u64, Ordering::Relaxed);
                    }
                    return Box::new(std::iter::once(item));
                }
                _ => reader = Gunzip::Plain(inflate(raw)),
            }
        }
        let Gunzip::Plain(mut reader) = reader else {
            unreachable!("a compressed stream was wrapped or returned above")
        };
        let format = match self.opts.format {
            InputFormat::Auto => path
                .as_deref()
                .and_then(format_by_extension)
                .unwrap_or_else(|| match reader.fill_buf() {
                    Ok(head) => sniff::format(head),
                    Err(_) => InputFormat::Text,
                }),
            f => f,
        };
        let counting = CountingReader {
            inner: reader,
            counters: Arc::clone(&self.counters),
        };
        let reader = BufReader::with_capacity(1 << 16, counting);
        match format {
            InputFormat::Jsonl => {
                let max = self.opts.max_doc_bytes;
                Box::new(
                    JsonlReader::new(
                        reader,
                        name,
                        self.opts.fields.clone(),
                        self.opts.max_line_bytes,
                    )
                    .parse_on_workers(max)
                    .map(move |item| cap_doc_size(item, max)),
                )
            }
            InputFormat::Warc => Box::new(WarcDocs::new(
                reader,
                name,
                self.opts.max_record_bytes,
                self.opts.max_doc_bytes,
                Arc::clone(&self.counters),
            )),
            InputFormat::Html | InputFormat::Text | InputFormat::Auto => {
                let item = read_single(reader, &name, path.as_deref(), format, gz, &self.opts);
                Box::new(std::iter::once(item))
            }
        }
    }
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(cur) = &mut self.current {
                if let Some(item) = cur.next() {
                    return Some(item);
                }
                self.current = None;
            }
            match self.next_source()? {
                Err(e) => return Some(Err(e)),
                Ok(src) => self.current = Some(self.open(src)),
            }
        }
    }
}

/// Format by file name, `.gz` stripped.
pub fn format_by_extension(path: &Path) -> Option<InputFormat> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "html" | "htm" | "xhtml" | "shtml" => InputFormat::Html,
        "txt" | "md" | "text" => InputFormat::Text,
        "jsonl" | "ndjson" => InputFormat::Jsonl,
        "warc" | "wet" => InputFormat::Warc,
        _ => return None,
    })
}

/// A stream as opened: plain, or gzip not yet inflated.
enum Gunzip {
    Plain(Box<dyn BufRead + Send>),
    Compressed(BufReader<Box<dyn Read + Send>>),
}

/// Tells a gzip stream by its magic bytes; also whether it was one.
fn maybe_gunzip(raw: Box<dyn Read + Send>) -> io::Result<(Gunzip, bool)> {
    let mut buf = BufReader::with_capacity(1 << 16, raw);
    let head = loop {
        match buf.fill_buf() {
            Ok(h) => break h,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    };
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok((Gunzip::Compressed(buf), true))
    } else {
        Ok((Gunzip::Plain(Box::new(buf)), false))
    }
}

fn inflate(raw: BufReader<Box<dyn Read + Send>>) -> Box<dyn BufRead + Send> {
    Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(raw)))
}

/// A gzipped single-document file read as it is, to be inflated by the
/// worker that cleans it. Compressed data over the size cap cannot
/// inflate to less.
fn read_compressed(
    mut raw: impl Read,
    name: &str,
    path: Option<&Path>,
    format: InputFormat,
    opts: &ReadOptions,
) -> Item {
    let id = path.map(|p| p.display().to_string());
    let limit = opts.max_doc_bytes;
    let mut bytes = Vec::new();
    let read = (&mut raw).take(limit as u64 + 1).read_to_end(&mut bytes);
    let message = match read {
        Err(e) => Some(format!("cannot read: {e}")),
        Ok(_) if bytes.len() > limit => Some(format!(
            "document larger than the {limit} byte limit once decompressed (--max-doc-bytes)"
        )),
        Ok(_) => None,
    };
    if let Some(message) = message {
        return Err(RecordError {
            id,
            url: None,
            source: name.to_string(),
            line: None,
            message,
        });
    }
    Ok(Document {
        gzip_limit: Some(limit),
        ..file_document(format, id, name.to_string(), bytes)
    })
}

/// A document read from a file (or about to be) in `format`: HTML, or
/// text for every other format a file is read whole in.
fn file_document(
    format: InputFormat,
    id: Option<String>,
    source: String,
    bytes: Vec<u8>,
) -> Document {
    let doc = if format == InputFormat::Html {
        Document::html(bytes)
    } else {
        Document::text(bytes)
    };
    Document { id, source, ..doc }
}

struct CountingReader<R> {
    inner: R,
    counters: Arc<ReadCounters>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out)?;
        self.counters.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A JSONL document over the size cap (its line was within the line cap)
/// becomes an error record, as a file would.
fn cap_doc_size(item: Item, max: usize) -> Item {
    match item {
        // A line still to parse is capped when it is parsed.
        Ok(d) if d.unread.is_none() && d.body().len() > max => Err(RecordError {
            id: d.id,
            url: d.url,
            source: d.source,
            line: d.line,
            message: format!("document larger than the {max} byte limit (--max-doc-bytes)"),
        }),
        other => other,
    }
}

/// Read a whole file (or stdin) as one document, up to the size cap.
fn read_single(
    reader: impl Read,
    name: &str,
    path: Option<&Path>,
    format: InputFormat,
    gz: bool,
    opts: &ReadOptions,
) -> Item {
    let id = path.map(|p| p.display().to_string());
    let err = |message: String| RecordError {
        id: id.clone(),
        url: None,
        source: name.to_string(),
        line: None,
        message,
    };
    let mut bytes = Vec::new();
    let limit = opts.max_doc_bytes as u64;
    if let Err(e) = reader.take(limit + 1).read_to_end(&mut bytes) {
        let what = if gz {
            "cannot decompress"
        } else {
            "cannot read"
        };
        return Err(err(format!("{what}: {e}")));
    }
    if bytes.len() as u64 > limit {
        let how = if gz { " once decompressed" } else { "" };
        return Err(err(format!(
            "document larger than the {} byte limit{how} (--max-doc-bytes)",
            opts.max_doc_bytes
        )));
    }
    let kind = match format {
        InputFormat::Html => Kind::Html,
        InputFormat::Text => Kind::Text,
        _ => match sniff::format(&bytes) {
            InputFormat::Html => Kind::Html,
            _ => Kind::Text,
        },
    };
    Ok(Document {
        id,
        url: None,
        kind,
        bytes,
        text: None,
        charset: None,
        extra: serde_json::Map::new(),
        source: name.to_string(),
        line: None,
        gzip_limit: None,
        unread: None,
    })
}
