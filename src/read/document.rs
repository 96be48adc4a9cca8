//! What the read stage hands on: documents, or records of why one could
//! not be read.

use serde_json::{Map, Value};
use std::fs::File;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::jsonl::{FieldMap, Line, parse_line};
use super::open::ReadCounters;

thread_local! {
    /// The buffer a text body was unescaped into before it was copied into
    /// the document's `text`, for the next line parsed on this thread: a
    /// large allocation and its free per document saved. Its contents are
    /// never read (cleared before use).
    static BODY_ROOM: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Largest `BODY_ROOM` kept (bytes): a rare huge document's buffer is freed
/// with it.
const KEEP_ROOM: usize = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Html,
    Text,
}

/// One document to clean, with where it came from.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: Option<String>,
    pub url: Option<String>,
    pub kind: Kind,
    pub bytes: Vec<u8>,
    /// A text document as text, once the JSONL line it came in is parsed
    /// (`bytes` are empty then): plain text checked once there, as the
    /// page shares it, where `bytes` would be checked again and copied
    /// (see `Cleaner::segment_marked`). Valid UTF-8 (the type says so)
    /// with no byte order mark at its start and no control character but
    /// line feeds, carriage returns and tabs: what `bytes` must be to be
    /// segmented as they are, with no check (see `Document::body`).
    pub text: Option<Arc<str>>,
    /// A charset declared by the transport (an HTTP header in a WARC).
    pub charset: Option<String>,
    /// Input fields passed through to the output record.
    pub extra: Map<String, Value>,
    /// File path or `<stdin>`.
    pub source: String,
    /// 1-based line for JSONL, record number for WARC.
    pub line: Option<u64>,
    /// `Some(limit)`: `bytes` are still gzip-compressed, and inflate to at
    /// most `limit` bytes (a gzipped single document from stdin, or a
    /// gzipped file once read): inflated by the worker that cleans it, which
    /// keeps the one reader thread from being the bottleneck.
    pub gzip_limit: Option<usize>,
    /// `Some`: `bytes` are not the document's yet: a file still to read, or
    /// a JSONL line still to parse. The worker that cleans the document
    /// does it, so the one thread that walks the inputs does no
    /// per-document work; see [`Document::load`].
    pub unread: Option<Unread>,
}

/// What is still to do before a document's `bytes` are its own; done by
/// the worker that cleans it (see [`Document::load`]).
#[derive(Debug, Clone)]
pub enum Unread {
    /// The file is still to read (and inflate, when gzipped).
    File(UnreadFile),
    /// A JSONL line still to parse (`bytes` are empty till then); `limit`
    /// is the largest document (`--max-doc-bytes`).
    Line {
        line: Line,
        fields: Arc<FieldMap>,
        limit: usize,
    },
}

/// A file a document is still to be read from.
#[derive(Debug, Clone)]
pub struct UnreadFile {
    pub path: PathBuf,
    /// Its size when it was found, for the engine's window (the file is
    /// read only up to `limit` + 1 bytes, whatever it has grown to).
    pub size: u64,
    /// Largest document, after decompression (`--max-doc-bytes`).
    pub limit: usize,
    /// Where the bytes read are counted (the progress bar's figure).
    pub counters: Option<Arc<ReadCounters>>,
}

impl UnreadFile {
    /// The file's bytes as the reader would have read them, with its error
    /// messages; `Ok((bytes, gzipped))`.
    fn read(&self) -> Result<(Vec<u8>, bool), String> {
        let file = File::open(&self.path).map_err(|e| format!("cannot open: {e}"))?;
        let mut bytes = Vec::with_capacity(self.size.min(self.limit as u64 + 1) as usize);
        let read = file
            .take(self.limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read: {e}"));
        if let Some(c) = &self.counters {
            c.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        }
        read?;
        let gzipped = bytes.starts_with(&[0x1f, 0x8b]);
        if bytes.len() > self.limit {
            // Compressed data over the cap cannot inflate to less.
            let how = if gzipped { " once decompressed" } else { "" };
            return Err(format!(
                "document larger than the {} byte limit{how} (--max-doc-bytes)",
                self.limit
            ));
        }
        Ok((bytes, gzipped))
    }
}

impl Document {
    pub fn html(bytes: impl Into<Vec<u8>>) -> Document {
        Document::new(Kind::Html, bytes.into())
    }

    pub fn text(bytes: impl Into<Vec<u8>>) -> Document {
        Document::new(Kind::Text, bytes.into())
    }

    fn new(kind: Kind, bytes: Vec<u8>) -> Document {
        Document {
            id: None,
            url: None,
            kind,
            bytes,
            text: None,
            charset: None,
            extra: Map::new(),
            source: String::new(),
            line: None,
            gzip_limit: None,
            unread: None,
        }
    }

    /// Input bytes this document holds once read (compressed, if it is),
    /// as far as is known before it is read.
    pub fn input_len(&self) -> usize {
        match &self.unread {
            Some(Unread::File(f)) => f.size.min(f.limit as u64 + 1) as usize,
            Some(Unread::Line { line, .. }) => line.len(),
            None => self.body().len(),
        }
    }

    /// The document's bytes: `text` when it is there, else `bytes`.
    pub fn body(&self) -> &[u8] {
        self.text.as_deref().map_or(&self.bytes, str::as_bytes)
    }

    /// Whether `bytes` are not the document's yet: a file or JSONL line
    /// still to read (`unread`), or compressed bytes (`gzip_limit`).
    pub fn needs_load(&self) -> bool {
        self.unread.is_some() || self.gzip_limit.is_some()
    }

    /// Read the file (see `unread`) and inflate (see `gzip_limit`) when
    /// that is still to do, so that `bytes` are the document's; the errors
    /// are those reading the file in the reader would give.
    pub fn load(&mut self) -> Result<(), String> {
        match self.unread.take() {
            Some(Unread::File(f)) => {
                let (bytes, gzipped) = f.read()?;
                self.bytes = bytes;
                if gzipped {
                    self.gzip_limit = Some(f.limit);
                }
            }
            Some(Unread::Line {
                line,
                fields,
                limit,
            }) => self.parse_line(line.as_bytes(), &fields, limit)?,
            None => {}
        }
        self.inflate()
    }

    /// Become the document the JSONL line `raw` holds; an error keeps the
    /// id and URL the line gave, as the reader's error record would.
    fn parse_line(&mut self, raw: &[u8], fields: &FieldMap, limit: usize) -> Result<(), String> {
        let lineno = self.line.unwrap_or(0);
        // The usual line, its strings checked one by one where checking
        // the line and then the text once more cost twice as much; a text
        // body becomes `text` when it may (see there).
        // (`try_with`: none while the thread's locals are being dropped.)
        let room = BODY_ROOM
            .try_with(std::cell::Cell::take)
            .unwrap_or_default();
        if let Some((mut d, controls)) =
            super::jsonl::parse_plain_bytes(raw.trim_ascii(), lineno, &self.source, fields, room)
            && let Ok(body) = simdutf8::basic::from_utf8(&d.bytes)
        {
            let plain = !controls && !body.starts_with('\u{feff}');
            if d.kind == Kind::Text && plain && body.len() <= limit {
                d.text = Some(Arc::from(body));
                // The body is copied into `text`: its buffer serves the
                // next line (read on this thread), if not too large to keep.
                let room = std::mem::take(&mut d.bytes);
                if room.capacity() <= KEEP_ROOM {
                    let _ = BODY_ROOM.try_with(|r| r.set(room));
                }
            } else {
                super::jsonl::trim_slack(&mut d.bytes);
            }
            return self.became(Ok(d), limit);
        }
        // Valid UTF-8 (the usual case) is borrowed, checked by simdutf8
        // (a few times faster than the standard library's check, itself
        // several times faster than `from_utf8_lossy`); a broken line is
        // read with replacements, as the reader does.
        let line = match simdutf8::basic::from_utf8(raw) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(_) => String::from_utf8_lossy(raw),
        };
        let item = parse_line(line.trim(), lineno, &self.source, fields);
        self.became(item, limit)
    }

    /// Become the document `item` is, or keep the id and URL of its error.
    fn became(&mut self, item: Item, limit: usize) -> Result<(), String> {
        match item {
            Ok(d) if d.body().len() > limit => {
                self.id = d.id;
                self.url = d.url;
                Err(format!(
                    "document larger than the {limit} byte limit (--max-doc-bytes)"
                ))
            }
            Ok(d) => {
                *self = d;
                Ok(())
            }
            Err(e) => {
                self.id = e.id;
                self.url = e.url;
                Err(e.message)
            }
        }
    }

    /// `load`, with a failure as the error record the reader would have
    /// given; for callers that pick documents by id before cleaning them.
    pub fn loaded(mut self) -> Item {
        match self.load() {
            Ok(()) => Ok(self),
            Err(message) => Err(RecordError {
                id: self.id,
                url: self.url,
                source: self.source,
                line: self.line,
                message,
            }),
        }
    }

    /// Inflate `bytes` in place when they are still compressed (see
    /// `gzip_limit`); the errors are those a compressed file gives when it
    /// is read.
    pub fn inflate(&mut self) -> Result<(), String> {
        let Some(limit) = self.gzip_limit else {
            return Ok(());
        };
        let mut bytes = Vec::with_capacity(self.bytes.len().saturating_mul(4).min(limit + 1));
        flate2::read::MultiGzDecoder::new(self.bytes.as_slice())
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot decompress: {e}"))?;
        if bytes.len() > limit {
            return Err(format!(
                "document larger than the {limit} byte limit once decompressed (--max-doc-bytes)"
            ));
        }
        self.bytes = bytes;
        self.gzip_limit = None;
        Ok(())
    }
}

/// A record that could not become a document; it becomes an error record.
#[derive(Debug, Clone)]
pub struct RecordError {
    pub id: Option<String>,
    pub url: Option<String>,
    pub source: String,
    pub line: Option<u64>,
    pub message: String,
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.source)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What the reader yields, in input order.
pub type Item = Result<Document, RecordError>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::jsonl::parse_line;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn compressed(bytes: Vec<u8>, limit: usize) -> Document {
        Document {
            gzip_limit: Some(limit),
            source: "page.html.gz".into(),
            ..Document::html(bytes)
        }
    }

    #[test]
    fn compressed_bytes_inflate_within_the_limit_and_keep_the_metadata() {
        let mut d = compressed(gz(b"<p>hello</p>"), 100);
        d.inflate().unwrap();
        assert_eq!(d.bytes, b"<p>hello</p>");
        assert_eq!(d.gzip_limit, None);
        assert_eq!(d.source, "page.html.gz");
        let mut plain = Document::html("x");
        plain.inflate().unwrap();
        assert_eq!(plain.bytes, b"x");
    }

    fn unread(path: std::path::PathBuf, limit: usize) -> Document {
        Document {
            unread: Some(Unread::File(UnreadFile {
                path,
                size: 0,
                limit,
                counters: Some(Arc::default()),
            })),
            ..Document::html(Vec::new())
        }
    }

    #[test]
    fn an_unread_file_loads_plain_or_gzipped_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("a.html");
        let zipped = dir.path().join("b.html.gz");
        std::fs::write(&plain, "<p>hello</p>").unwrap();
        std::fs::write(&zipped, gz(b"<p>hello</p>")).unwrap();
        for p in [&plain, &zipped] {
            let mut d = unread(p.clone(), 100);
            d.load().unwrap();
            assert_eq!(d.bytes, b"<p>hello</p>", "{}", p.display());
            assert!(d.unread.is_none() && d.gzip_limit.is_none());
        }
        // A library caller may clean it unread: `clean` loads it.
        let c = crate::Cleaner::default().clean(&unread(plain.clone(), 100));
        assert_eq!(c.unwrap().article.text(), "hello");
        let err = unread(plain, 5).load().unwrap_err();
        assert!(err.contains("5 byte limit (--max-doc-bytes)"), "{err}");
        let err = unread(zipped, 5).load().unwrap_err();
        assert!(err.contains("5 byte limit once decompressed"), "{err}");
        let err = unread(dir.path().join("gone.html"), 5).load().unwrap_err();
        assert!(err.starts_with("cannot open: "), "{err}");
    }

    /// A JSONL line loaded on a worker (its strings checked one by one,
    /// a plain text body made `text`) becomes what the reader makes of it
    /// (the line checked whole, or read with replacements when broken):
    /// the same fields and body, or the same error; and a document with
    /// `text` cleans as the one with those `bytes`.
    #[test]
    fn lines_load_as_the_reader_parses_them() {
        const PARTS: &[&[u8]] = &[
            b"plain words ",
            b"Second line.",
            b"\\n",
            b"\\n\\n",
            b"\\t",
            b"\\r",
            b"\\\"",
            b"\\b",
            b"\\f",
            b"\\u0000",
            b"\\u001b",
            b"\\u000A",
            b"\\u00e9",
            b"\\ufeff",
            b"\\ud83d\\ude00",
            "\u{e9}\u{6771}".as_bytes(),
            b"\xff",
            b"\xc3",
            b"  ",
        ];
        let mut rng = crate::test_rng::XorShift::new(0x9E37_79B9_7F4A_7C15);
        let mut pick = |n: usize| (rng.next_u64() % n as u64) as usize;
        let fields = FieldMap::default();
        let cleaner = crate::Cleaner::default();
        // Text made `text`; text left in `bytes` (a control character or
        // a byte order mark); a broken line read with replacements; HTML;
        // errors.
        let mut seen = [0; 5];
        let mut reused = 0;
        for n in 0..3000 {
            let mut body = Vec::new();
            if pick(8) == 0 {
                body.extend_from_slice("\u{feff}".as_bytes());
            }
            for _ in 0..pick(12) {
                body.extend_from_slice(PARTS[pick(PARTS.len())]);
            }
            let key = ["text", "html", "text", "text"][pick(4)];
            let id: &[u8] = [&b"1"[..], b"\\u0041", b"\xfe", b"x\\n"][pick(4)];
            let mut raw = format!("{{\"id\":\"{n}").into_bytes();
            raw.extend_from_slice(id);
            raw.extend_from_slice(format!("\",\"{key}\":\"").as_bytes());
            raw.extend_from_slice(&body);
            raw.extend_from_slice(b"\",\"k\":\"v\"}");
            raw.extend_from_slice(["", " ", "\x0b", "\u{3000}", "\r"][pick(5)].as_bytes());
            let limit = [1 << 20, 20][usize::from(pick(10) == 0)];
            // What the reader makes of the line, and its size cap.
            let line = String::from_utf8_lossy(&raw);
            let want = parse_line(line.trim(), 3, "s", &fields);
            let want = want.and_then(|d| match d.bytes.len() > limit {
                true => Err(RecordError {
                    id: d.id,
                    url: d.url,
                    source: d.source,
                    line: d.line,
                    message: format!(
                        "document larger than the {limit} byte limit (--max-doc-bytes)"
                    ),
                }),
                false => Ok(d),
            });
            // A buffer kept from an earlier line, longer or shorter, that
            // this one's body is unescaped into.
            let kept = BODY_ROOM.with(|r| {
                let room = r.take();
                let n = room.capacity();
                r.set(room);
                n
            });
            reused += usize::from(kept > 0);
            let got = Document {
                source: "s".into(),
                line: Some(3),
                unread: Some(Unread::Line {
                    line: raw.clone().into(),
                    fields: Arc::new(fields.clone()),
                    limit,
                }),
                ..Document::html(Vec::new())
            }
            .loaded();
            match (want, got) {
                (Ok(a), Ok(b)) => {
                    assert_eq!((&a.id, &a.url, a.kind), (&b.id, &b.url, b.kind));
                    assert_eq!((a.body(), &a.extra), (b.body(), &b.extra));
                    assert!(a.text.is_none() && b.unread.is_none());
                    seen[match (b.kind, &b.text) {
                        (Kind::Html, _) => 3,
                        _ if std::str::from_utf8(&raw).is_err() => 2,
                        (_, Some(_)) => 0,
                        (_, None) => 1,
                    }] += 1;
                    // Cleaned from `text` as from the same `bytes`.
                    if b.text.is_some() {
                        let plain = Document::text(b.body().to_vec());
                        let (x, y) = (cleaner.clean(&b), cleaner.clean(&plain));
                        match (x, y) {
                            (Ok(x), Ok(y)) => {
                                assert_eq!(x.article.text(), y.article.text());
                                assert_eq!((x.encoding, &x.warnings), (y.encoding, &y.warnings));
                            }
                            (Err(x), Err(y)) => assert_eq!(x, y),
                            (x, y) => panic!("{x:?} != {y:?}"),
                        }
                    }
                }
                (Err(a), Err(b)) => {
                    assert_eq!((&a.id, &a.url, &a.message), (&b.id, &b.url, &b.message));
                    seen[4] += 1;
                }
                (a, b) => panic!("{:?}: {a:?} != {b:?}", String::from_utf8_lossy(&raw)),
            }
        }
        assert!(seen.iter().all(|&n| n > 50), "{seen:?}");
        assert!(reused > 100, "{reused}");
    }

    #[test]
    fn inflating_past_the_limit_or_from_bad_data_is_an_error() {
        let mut big = compressed(gz(&vec![b'a'; 1000]), 999);
        let err = big.inflate().unwrap_err();
        assert!(err.contains("999 byte limit once decompressed"), "{err}");
        let mut cut = gz(b"<p>some text that is long enough</p>");
        cut.truncate(cut.len() / 2);
        let mut bad = compressed(cut, 1000);
        assert!(bad.inflate().unwrap_err().starts_with("cannot decompress"));
    }
}
