//! Streaming reader for WARC 1.0 / 1.1 files as Common Crawl publishes them.
//!
//! The reader works on an already-decompressed [`BufRead`]: for `.warc.gz`
//! files (one gzip member per record) the caller wraps the file in
//! `BufReader::new(flate2::read::MultiGzDecoder::new(file))`. Records are
//! read one at a time; only the current record's block is held in memory,
//! and blocks larger than [`WarcReader::with_max_record_bytes`] are skipped
//! without being buffered.
//!
//! Damaged input never panics. Recoverable problems (garbage between
//! records, an oversized or malformed record) are reported as a
//! [`WarcError`] and the reader carries on with the next record; fatal ones
//! (I/O errors, input ending inside a record) are reported once and then the
//! iterator ends.
//!
//! The module also parses the HTTP message inside `response` records
//! ([`parse_http_response`]) and sorts records into what the cleaner wants
//! ([`classify`]).

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use thiserror::Error;

/// Default for [`WarcReader::with_max_record_bytes`]: 64 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// Largest WARC header block (version line to blank line) accepted.
const MAX_HEADER_BYTES: usize = 1024 * 1024;

/// How much of a line is kept while looking for a version line.
const PROBE_BYTES: usize = 256;

/// Upper bound for the up-front allocation of a block buffer.
const MAX_INITIAL_CAPACITY: u64 = 16 * 1024 * 1024;

/// One WARC record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcRecord {
    /// `WARC-Type` as written (e.g. `response`); compare case-insensitively.
    pub warc_type: String,
    /// `WARC-Record-ID` with the angle brackets stripped (`urn:uuid:...`).
    pub record_id: Option<String>,
    /// `WARC-Target-URI` (angle brackets stripped if an old writer added them).
    pub target_uri: Option<String>,
    /// The record's `Content-Type` header value as written, e.g.
    /// `application/http; msgtype=response`.
    pub content_type: Option<String>,
    /// All header fields in order, names as written, values trimmed and
    /// folded continuation lines joined with a single space.
    pub headers: Vec<(String, String)>,
    /// Exactly `Content-Length` bytes of record block.
    pub block: Vec<u8>,
    /// Byte offset of the record's version line in the decompressed stream.
    pub offset: u64,
    /// 0-based ordinal of the record in the stream. Records that failed to
    /// read (oversized, malformed) also use up an index.
    pub index: u64,
}

impl WarcRecord {
    /// First header field with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header_value(&self.headers, name)
    }

    /// Whether `WARC-Type` equals `warc_type` (case-insensitive).
    pub fn is_type(&self, warc_type: &str) -> bool {
        self.warc_type.trim().eq_ignore_ascii_case(warc_type)
    }
}

/// An error while reading a WARC stream, with where it happened.
#[derive(Debug, Error)]
#[error("WARC error at byte offset {offset} (record #{index}): {kind}")]
pub struct WarcError {
    /// Index of the record concerned; for garbage between records, the
    /// index the next record will get.
    pub index: u64,
    /// Byte offset in the decompressed stream: the record start, or where
    /// the garbage / the failing read began.
    pub offset: u64,
    pub kind: WarcErrorKind,
}

impl WarcError {
    /// Whether reading stopped because of this error (the iterator ends).
    pub fn is_fatal(&self) -> bool {
        self.kind.is_fatal()
    }
}

/// What went wrong; see [`WarcError`] for the position.
#[derive(Debug, Error)]
pub enum WarcErrorKind {
    #[error("I/O error: {0}")]
    Io(io::Error),
    #[error(
        "{skipped} bytes of garbage where a record should start \
         (no 'WARC/1.x' version line; begins {preview:?}); skipped to the next version line"
    )]
    Garbage { skipped: u64, preview: String },
    #[error("malformed header line {line:?}; skipped to the next version line")]
    BadHeaderLine { line: String },
    #[error("header block longer than {MAX_HEADER_BYTES} bytes; skipped to the next version line")]
    HeaderTooLong,
    #[error("header block cut short by a new 'WARC/1.x' version line")]
    InterruptedHeader,
    #[error("no Content-Length header; skipped to the next version line")]
    MissingContentLength,
    #[error("invalid Content-Length {0:?}; skipped to the next version line")]
    BadContentLength(String),
    #[error(
        "record block of {length} bytes exceeds max_record_bytes ({max} bytes); record skipped"
    )]
    TooLarge { length: u64, max: u64 },
    #[error("record has no WARC-Type header; record skipped")]
    MissingWarcType,
    #[error("input ended inside the record header")]
    TruncatedHeader,
    #[error("input ended after {got} of {expected} block bytes (Content-Length)")]
    TruncatedBlock { expected: u64, got: u64 },
}

impl WarcErrorKind {
    /// Whether the reader stops after this error.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            WarcErrorKind::Io(_)
                | WarcErrorKind::TruncatedHeader
                | WarcErrorKind::TruncatedBlock { .. }
        )
    }
}

/// Streaming WARC reader: an iterator over the records of a decompressed
/// WARC stream.
pub struct WarcReader<R: BufRead> {
    inner: R,
    /// Bytes consumed from `inner` so far.
    pos: u64,
    /// Index the next record gets.
    index: u64,
    max_record_bytes: u64,
    /// A version line already consumed (while resynchronising), with its offset.
    pending: Option<(u64, Vec<u8>)>,
    done: bool,
}

impl<R: BufRead> WarcReader<R> {
    /// Reader over a decompressed stream that starts at offset 0.
    pub fn new(inner: R) -> Self {
        WarcReader {
            inner,
            pos: 0,
            index: 0,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            pending: None,
            done: false,
        }
    }

    /// Records whose Content-Length exceeds `max` bytes are skipped (without
    /// being buffered) and reported as [`WarcErrorKind::TooLarge`].
    pub fn with_max_record_bytes(mut self, max: u64) -> Self {
        self.max_record_bytes = max;
        self
    }

    pub fn max_record_bytes(&self) -> u64 {
        self.max_record_bytes
    }

    /// Bytes consumed from the decompressed stream so far.
    pub fn position(&self) -> u64 {
        self.pos
    }

    pub fn into_inner(self) -> R {
        self.inner
    }

    fn error(&self, index: u64, offset: u64, kind: WarcErrorKind) -> WarcError {
        WarcError {
            index,
            offset,
            kind,
        }
    }

    fn io_error(&self, index: u64, e: io::Error) -> WarcError {
        self.error(index, self.pos, WarcErrorKind::Io(e))
    }

    /// Reads one line into `buf` (keeping at most `keep` bytes); see
    /// [`read_line_limited`].
    fn read_line(&mut self, buf: &mut Vec<u8>, keep: usize) -> io::Result<LineRead> {
        let line = read_line_limited(&mut self.inner, buf, keep)?;
        self.pos += line.consumed;
        Ok(line)
    }

    /// Skips lines until one is a version line (kept in `self.pending`) or
    /// the input ends. Returns the number of bytes skipped.
    fn resync(&mut self, index: u64) -> Result<u64, WarcError> {
        let mut skipped = 0u64;
        let mut line = Vec::with_capacity(PROBE_BYTES);
        loop {
            let offset = self.pos;
            let read = self
                .read_line(&mut line, PROBE_BYTES)
                .map_err(|e| self.io_error(index, e))?;
            if read.consumed == 0 {
                return Ok(skipped);
            }
            if is_version_line(&line) {
                self.pending = Some((offset, line));
                return Ok(skipped);
            }
            skipped += read.consumed;
        }
    }

    /// Discards `n` bytes; returns how many could be discarded before EOF.
    fn skip_bytes(&mut self, n: u64) -> io::Result<u64> {
        let mut left = n;
        while left > 0 {
            let avail = match self.inner.fill_buf() {
                Ok(buf) => buf.len(),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail == 0 {
                break;
            }
            let step = avail.min(usize::try_from(left).unwrap_or(usize::MAX));
            self.inner.consume(step);
            self.pos += step as u64;
            left -= step as u64;
        }
        Ok(n - left)
    }

    /// Finds the next version line, skipping blank lines. `Ok(None)` at the
    /// end of input.
    fn next_version_line(&mut self) -> Result<Option<(u64, Vec<u8>)>, WarcError> {
        if let Some(pending) = self.pending.take() {
            return Ok(Some(pending));
        }
        let index = self.index;
        let mut line = Vec::with_capacity(PROBE_BYTES);
        loop {
            let offset = self.pos;
            let read = self
                .read_line(&mut line, PROBE_BYTES)
                .map_err(|e| self.io_error(index, e))?;
            if read.consumed == 0 {
                return Ok(None);
            }
            if !read.overflow && line.iter().all(u8::is_ascii_whitespace) {
                // Record trailers (CRLF CRLF) and stray blank lines.
                continue;
            }
            if is_version_line(&line) {
                return Ok(Some((offset, line)));
            }
            let preview = preview(&line);
            let skipped = read.consumed + self.resync(index)?;
            return Err(self.error(index, offset, WarcErrorKind::Garbage { skipped, preview }));
        }
    }

    fn read_record(&mut self) -> Result<Option<WarcRecord>, WarcError> {
        let Some((start, _version)) = self.next_version_line()? else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;

        // Header fields up to the blank line.
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut header_bytes = 0usize;
        let mut line = Vec::new();
        loop {
            let offset = self.pos;
            let budget = MAX_HEADER_BYTES.saturating_sub(header_bytes);
            let read = self
                .read_line(&mut line, budget)
                .map_err(|e| self.io_error(index, e))?;
            if read.consumed == 0 || (line.last() != Some(&b'\n') && !read.overflow) {
                return Err(self.error(index, start, WarcErrorKind::TruncatedHeader));
            }
            header_bytes = header_bytes.saturating_add(line.len());
            if read.overflow || header_bytes >= MAX_HEADER_BYTES {
                self.resync(index)?;
                return Err(self.error(index, start, WarcErrorKind::HeaderTooLong));
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                break;
            }
            if is_version_line(&line) {
                self.pending = Some((offset, std::mem::take(&mut line)));
                return Err(self.error(index, start, WarcErrorKind::InterruptedHeader));
            }
            let text = trim_ascii(&line);
            if line[0] == b' ' || line[0] == b'\t' {
                if let Some((_, value)) = headers.last_mut() {
                    if !value.is_empty() {
                        value.push(' ');
                    }
                    value.push_str(&String::from_utf8_lossy(text));
                    continue;
                }
            } else if let Some(colon) = memchr::memchr(b':', text) {
                let name = trim_ascii(&text[..colon]);
                if !name.is_empty() {
                    headers.push((
                        String::from_utf8_lossy(name).into_owned(),
                        String::from_utf8_lossy(trim_ascii(&text[colon + 1..])).into_owned(),
                    ));
                    continue;
                }
            }
            let bad = preview(&line);
            self.resync(index)?;
            return Err(self.error(index, start, WarcErrorKind::BadHeaderLine { line: bad }));
        }

        let length = match header_value(&headers, "Content-Length") {
            None => {
                self.resync(index)?;
                return Err(self.error(index, start, WarcErrorKind::MissingContentLength));
            }
            Some(v) => match parse_decimal(v) {
                Some(n) => n,
                None => {
                    let v = v.to_string();
                    self.resync(index)?;
                    return Err(self.error(index, start, WarcErrorKind::BadContentLength(v)));
                }
            },
        };

        if length > self.max_record_bytes {
            self.skip_bytes(length)
                .map_err(|e| self.io_error(index, e))?;
            let max = self.max_record_bytes;
            return Err(self.error(index, start, WarcErrorKind::TooLarge { length, max }));
        }

        let capacity = length.min(MAX_INITIAL_CAPACITY) as usize;
        let mut block = Vec::with_capacity(capacity);
        let got = (&mut self.inner).take(length).read_to_end(&mut block);
        let got = match got {
            Ok(n) => n as u64,
            Err(e) => {
                self.pos += block.len() as u64;
                return Err(self.io_error(index, e));
            }
        };
        self.pos += got;
        if got < length {
            return Err(self.error(
                index,
                start,
                WarcErrorKind::TruncatedBlock {
                    expected: length,
                    got,
                },
            ));
        }

        let Some(warc_type) = header_value(&headers, "WARC-Type") else {
            return Err(self.error(index, start, WarcErrorKind::MissingWarcType));
        };
        let warc_type = warc_type.to_string();
        let record_id = header_value(&headers, "WARC-Record-ID").map(strip_angle_brackets);
        let target_uri = header_value(&headers, "WARC-Target-URI").map(strip_angle_brackets);
        let content_type = header_value(&headers, "Content-Type").map(str::to_string);
        Ok(Some(WarcRecord {
            warc_type,
            record_id,
            target_uri,
            content_type,
            headers,
            block,
            offset: start,
            index,
        }))
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.read_record() {
            Ok(Some(record)) => Some(Ok(record)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                if e.is_fatal() {
                    self.done = true;
                }
                Some(Err(e))
            }
        }
    }
}

struct LineRead {
    /// Bytes consumed, including the line end; 0 at end of input.
    consumed: u64,
    /// The line was longer than the bytes kept.
    overflow: bool,
}

/// Reads through the next `\n` (or to EOF), consuming the whole line but
/// keeping at most `keep` bytes of it in `buf` (which is cleared first), so
/// garbage without line breaks cannot exhaust memory.
fn read_line_limited<R: BufRead>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    keep: usize,
) -> io::Result<LineRead> {
    buf.clear();
    let mut consumed = 0u64;
    let mut overflow = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        let (n, end_of_line) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        let room = keep.saturating_sub(buf.len());
        if n > room {
            overflow = true;
        }
        buf.extend_from_slice(&available[..n.min(room)]);
        reader.consume(n);
        consumed += n as u64;
        if end_of_line {
            break;
        }
    }
    Ok(LineRead { consumed, overflow })
}

/// `WARC/1.<digits>` followed only by whitespace.
fn is_version_line(line: &[u8]) -> bool {
    let line = trim_ascii(line);
    match line.strip_prefix(b"WARC/1.".as_slice()) {
        Some(minor) => !minor.is_empty() && minor.iter().all(u8::is_ascii_digit),
        None => false,
    }
}

fn trim_ascii(bytes: &[u8]) -> &[u8] {
    bytes.trim_ascii()
}

/// A short, printable excerpt of a line for error messages.
fn preview(line: &[u8]) -> String {
    let line = trim_ascii(line);
    let cut = &line[..line.len().min(48)];
    let mut s = String::from_utf8_lossy(cut).into_owned();
    if cut.len() < line.len() {
        s.push_str("...");
    }
    s
}

fn header_value<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn strip_angle_brackets(value: &str) -> String {
    let v = value.trim();
    v.strip_prefix('<')
        .and_then(|v| v.strip_suffix('>'))
        .unwrap_or(v)
        .trim()
        .to_string()
}

fn parse_decimal(value: &str) -> Option<u64> {
    let v = value.trim();
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok()
}

// ---------------------------------------------------------------------------
// HTTP responses inside `response` records
// ---------------------------------------------------------------------------

/// The HTTP message of a `response` record (`application/http;
/// msgtype=response`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse<'a> {
    pub status: u16,
    /// MIME type from the (last) Content-Type header, lower-cased and without
    /// parameters, e.g. `text/html`.
    pub content_type: Option<String>,
    /// Content-Type's `charset` parameter, lower-cased, quotes stripped.
    pub charset: Option<String>,
    /// The payload. Borrowed from the record block, or owned when it had to
    /// be de-chunked.
    pub body: Cow<'a, [u8]>,
    /// The response declared `Transfer-Encoding: chunked` and `body` has been
    /// de-chunked. (If the declared chunked body does not parse as chunked,
    /// it is returned as is and this is false.)
    pub chunked: bool,
    /// Content-Encoding, lower-cased (`gzip`, `br`, ...); `None` when absent
    /// or `identity`. Common Crawl stores decoded payloads and renames the
    /// header to `X-Crawler-Content-Encoding`, so this is usually `None`.
    pub content_encoding: Option<String>,
    /// All HTTP header fields in order, values trimmed.
    pub headers: Vec<(String, String)>,
}

impl HttpResponse<'_> {
    /// First header field with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header_value(&self.headers, name)
    }

    /// The body with its Content-Encoding undone, reading at most `limit`
    /// decoded bytes. Handles `gzip`, `x-gzip` and `deflate` (zlib or raw);
    /// returns `None` for other encodings or when nothing decodes. A stream
    /// that breaks off part way (e.g. a truncated capture) yields the bytes
    /// decoded up to that point.
    pub fn decoded_body(&self, limit: usize) -> Option<Cow<'_, [u8]>> {
        let body: &[u8] = &self.body;
        match self.content_encoding.as_deref() {
            None => Some(Cow::Borrowed(body)),
            Some("gzip" | "x-gzip") => {
                decode_with(flate2::read::MultiGzDecoder::new(body), limit).map(Cow::Owned)
            }
            Some("deflate") => decode_with(flate2::read::ZlibDecoder::new(body), limit)
                .or_else(|| decode_with(flate2::read::DeflateDecoder::new(body), limit))
                .map(Cow::Owned),
            Some(_) => None,
        }
    }
}

fn decode_with<D: Read>(decoder: D, limit: usize) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut reader = decoder.take(limit as u64);
    let mut chunk = [0u8; 16 * 1024];
    let mut failed = false;
    loop {
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => {
                failed = true;
                break;
            }
        }
    }
    if failed && out.is_empty() {
        None
    } else {
        Some(out)
    }
}

/// Status line and headers of an HTTP response.
struct HttpHead {
    status: u16,
    headers: Vec<(String, String)>,
    body_start: usize,
}

impl HttpHead {
    fn content_type(&self) -> (Option<String>, Option<String>) {
        self.headers
            .iter()
            .rev()
            .filter(|(k, _)| k.eq_ignore_ascii_case("Content-Type"))
            .map(|(_, v)| parse_content_type(v))
            .find(|(mime, _)| mime.is_some())
            .unwrap_or((None, None))
    }

    fn declares_chunked(&self) -> bool {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("Transfer-Encoding"))
            .flat_map(|(_, v)| v.split(','))
            .any(|coding| coding.trim().eq_ignore_ascii_case("chunked"))
    }

    fn content_encoding(&self) -> Option<String> {
        let value = header_value(&self.headers, "Content-Encoding")?;
        let value = value.trim().to_ascii_lowercase();
        if value.is_empty() || value == "identity" {
            None
        } else {
            Some(value)
        }
    }

    /// The body, de-chunked if declared chunked and it parses as chunked.
    fn body<'a>(&self, block: &'a [u8]) -> (Cow<'a, [u8]>, bool) {
        let raw = &block[self.body_start.min(block.len())..];
        if self.declares_chunked()
            && let Some(body) = dechunk(raw)
        {
            return (Cow::Owned(body), true);
        }
        (Cow::Borrowed(raw), false)
    }
}

/// Splits off the next line (including its `\n`, if any).
fn next_line<'a>(data: &'a [u8], pos: &mut usize) -> Option<&'a [u8]> {
    if *pos >= data.len() {
        return None;
    }
    let rest = &data[*pos..];
    let end = memchr::memchr(b'\n', rest).map_or(rest.len(), |i| i + 1);
    *pos += end;
    Some(&rest[..end])
}

fn parse_http_head(block: &[u8]) -> Option<HttpHead> {
    let mut pos = 0usize;
    let status_line = trim_ascii(next_line(block, &mut pos)?);
    if status_line.len() < 5 || !status_line[..5].eq_ignore_ascii_case(b"HTTP/") {
        return None;
    }
    let mut parts = status_line
        .split(|b| b.is_ascii_whitespace())
        .filter(|p| !p.is_empty());
    parts.next()?;
    let code = parts.next()?;
    if code.len() != 3 || !code.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let status = code
        .iter()
        .fold(0u16, |acc, d| acc * 10 + u16::from(d - b'0'));

    let mut headers: Vec<(String, String)> = Vec::new();
    // If the headers never end, there is no body.
    while let Some(line) = next_line(block, &mut pos) {
        if line.iter().all(u8::is_ascii_whitespace) {
            if line.last() == Some(&b'\n') {
                break;
            }
            continue;
        }
        let text = trim_ascii(line);
        if line[0] == b' ' || line[0] == b'\t' {
            if let Some((_, value)) = headers.last_mut() {
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(&String::from_utf8_lossy(text));
            }
            continue;
        }
        // Lines without a colon are ignored, as browsers do.
        if let Some(colon) = memchr::memchr(b':', text) {
            let name = trim_ascii(&text[..colon]);
            if !name.is_empty() {
                headers.push((
                    String::from_utf8_lossy(name).into_owned(),
                    String::from_utf8_lossy(trim_ascii(&text[colon + 1..])).into_owned(),
                ));
            }
        }
    }
    Some(HttpHead {
        status,
        headers,
        body_start: pos,
    })
}

/// Parses the HTTP response in a `response` record block: status line,
/// headers, and the body (de-chunked when `Transfer-Encoding: chunked`).
/// `None` if the block does not start with an `HTTP/x.y NNN` status line.
pub fn parse_http_response(block: &[u8]) -> Option<HttpResponse<'_>> {
    let head = parse_http_head(block)?;
    let (content_type, charset) = head.content_type();
    let (body, chunked) = head.body(block);
    let content_encoding = head.content_encoding();
    Some(HttpResponse {
        status: head.status,
        content_type,
        charset,
        body,
        chunked,
        content_encoding,
        headers: head.headers,
    })
}

/// Splits a Content-Type value into the lower-cased MIME type and the
/// lower-cased, unquoted charset parameter.
fn parse_content_type(value: &str) -> (Option<String>, Option<String>) {
    let mut parts = value.split(';');
    let mime = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts
        .filter_map(|param| param.split_once('='))
        .find(|(key, _)| key.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| {
            v.trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|c| !c.is_empty());
    (mime, charset)
}

/// Undoes chunked transfer coding. Lenient: chunk extensions are ignored, a
/// truncated last chunk yields what is there, and a bad size line after the
/// first chunk ends the body. `None` if the data does not start with a chunk
/// size line at all.
fn dechunk(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    let mut pos = 0usize;
    let mut first = true;
    while let Some(line) = next_line(data, &mut pos) {
        let size_field = line.split(|&b| b == b';').next().unwrap_or(line);
        let size_field = trim_ascii(size_field);
        if size_field.is_empty() {
            if line.last() == Some(&b'\n') {
                // Stray blank line between chunks.
                continue;
            }
            break;
        }
        let Some(size) = parse_hex(size_field) else {
            if first {
                return None;
            }
            break;
        };
        first = false;
        if size == 0 {
            break;
        }
        let take = size.min(data.len() - pos);
        out.extend_from_slice(&data[pos..pos + take]);
        pos += take;
        if take < size {
            break;
        }
        let rest = &data[pos..];
        if rest.starts_with(b"\r\n") {
            pos += 2;
        } else if rest.starts_with(b"\n") {
            pos += 1;
        }
    }
    if first { None } else { Some(out) }
}

fn parse_hex(digits: &[u8]) -> Option<usize> {
    if digits.is_empty() || digits.len() > 15 || !digits.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    digits.iter().try_fold(0usize, |acc, &d| {
        let v = (d as char).to_digit(16)? as usize;
        acc.checked_mul(16)?.checked_add(v)
    })
}

// ---------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------

/// What the cleaner should do with a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// A `response` record holding an HTTP response with an HTML payload.
    HtmlResponse,
    /// A `conversion` record with text (e.g. WET `text/plain`); the block is
    /// the text.
    TextConversion,
    /// Anything else, with a short reason such as `"request"` or
    /// `"non-HTML response"`.
    Skip(&'static str),
}

/// Sorts a record: HTML responses and text conversions are worth cleaning,
/// the rest is skipped with a reason.
///
/// An HTML response is a `response` record whose block is an HTTP response
/// (`application/http`, or no Content-Type but a parseable status line) with
/// HTTP Content-Type `text/html` or `application/xhtml+xml`, or with no (or
/// an "unknown") Content-Type and a body that [`sniff_html`] recognises. The
/// HTTP status is not looked at; see [`HttpResponse::status`].
pub fn classify(rec: &WarcRecord) -> RecordKind {
    let warc_type = rec.warc_type.trim().to_ascii_lowercase();
    match warc_type.as_str() {
        "response" => classify_response(rec),
        "conversion" => {
            let mime = rec
                .content_type
                .as_deref()
                .and_then(|ct| parse_content_type(ct).0);
            match mime {
                Some(m) if !m.starts_with("text/") => RecordKind::Skip("non-text conversion"),
                _ => RecordKind::TextConversion,
            }
        }
        "request" => RecordKind::Skip("request"),
        "warcinfo" => RecordKind::Skip("warcinfo"),
        "metadata" => RecordKind::Skip("metadata"),
        "revisit" => RecordKind::Skip("revisit"),
        "resource" => RecordKind::Skip("resource"),
        "continuation" => RecordKind::Skip("continuation"),
        _ => RecordKind::Skip("unknown record type"),
    }
}

fn classify_response(rec: &WarcRecord) -> RecordKind {
    if let Some(ct) = rec.content_type.as_deref()
        && parse_content_type(ct).0.as_deref() != Some("application/http")
    {
        return RecordKind::Skip("non-HTTP response");
    }
    let Some(head) = parse_http_head(&rec.block) else {
        return RecordKind::Skip("unparsable HTTP response");
    };
    match head.content_type().0.as_deref() {
        Some("text/html" | "application/xhtml+xml") => RecordKind::HtmlResponse,
        None | Some("unknown/unknown" | "application/unknown" | "*/*") => {
            if sniff_html(&head.body(&rec.block).0) {
                RecordKind::HtmlResponse
            } else {
                RecordKind::Skip("non-HTML response")
            }
        }
        Some(_) => RecordKind::Skip("non-HTML response"),
    }
}

/// Whether a payload looks like HTML: after an optional UTF-8 BOM and
/// whitespace it starts with one of the tags of the WHATWG MIME sniffing
/// algorithm (`<!doctype html`, `<html`, `<head`, `<body`, `<script`, `<p`,
/// `<!--`, ...), case-insensitively.
pub fn sniff_html(body: &[u8]) -> bool {
    const TAGS: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<script",
        b"<iframe",
        b"<h1",
        b"<div",
        b"<font",
        b"<table",
        b"<a",
        b"<style",
        b"<title",
        b"<b",
        b"<body",
        b"<br",
        b"<p",
        b"<meta",
        b"<link",
    ];
    let mut s = body
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(body);
    while let Some((first, rest)) = s.split_first() {
        if matches!(first, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ') {
            s = rest;
        } else {
            break;
        }
    }
    if s.starts_with(b"<!--") {
        return true;
    }
    TAGS.iter().any(|tag| {
        s.len() > tag.len()
            && s[..tag.len()].eq_ignore_ascii_case(tag)
            && matches!(
                s[tag.len()],
                b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Write};

    use flate2::Compression;
    use flate2::read::MultiGzDecoder;
    use flate2::write::GzEncoder;

    /// One record: version line, headers (Content-Length added), block,
    /// trailer, all with line end `eol`.
    fn record(eol: &str, warc_type: &str, extra: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        write!(out, "WARC/1.1{eol}WARC-Type: {warc_type}{eol}").unwrap();
        for (k, v) in extra {
            write!(out, "{k}: {v}{eol}").unwrap();
        }
        write!(out, "Content-Length: {}{eol}{eol}", block.len()).unwrap();
        out.extend_from_slice(block);
        write!(out, "{eol}{eol}").unwrap();
        out
    }

    fn http(eol: &str, head: &[&str], body: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for line in head {
            write!(out, "{line}{eol}").unwrap();
        }
        out.extend_from_slice(eol.as_bytes());
        out.extend_from_slice(body);
        out
    }

    const HTML1: &[u8] = b"<!DOCTYPE html>\n<html><head><title>One</title></head><body><p>Hello world.</p></body></html>\n";
    const HTML2: &[u8] = b"<html><body><p>Caf\xe9 cr\xe8me</p></body></html>";
    const CHUNKED_HTML: &[u8] = b"<html><body>chunked page</body></html>";
    const WET_TEXT: &[u8] = b"Hello world.\nSecond line.\n";

    fn chunked_body() -> Vec<u8> {
        let (a, b) = CHUNKED_HTML.split_at(10);
        let mut out = Vec::new();
        write!(out, "{:x};ext=1\r\n", a.len()).unwrap();
        out.extend_from_slice(a);
        write!(out, "\r\n{:X}\r\n", b.len()).unwrap();
        out.extend_from_slice(b);
        out.extend_from_slice(b"\r\n0\r\nX-Trailer: yes\r\n\r\n");
        out
    }

    /// The test records, each as its own byte vector, plus what they are.
    fn records(eol: &str) -> Vec<(Vec<u8>, RecordKind)> {
        let resp_ct = ("Content-Type", "application/http; msgtype=response");
        vec![
            (
                record(
                    eol,
                    "warcinfo",
                    &[
                        (
                            "WARC-Record-ID",
                            "<urn:uuid:00000000-0000-0000-0000-000000000000>",
                        ),
                        ("Content-Type", "application/warc-fields"),
                    ],
                    b"software: unboil-test\r\nformat: WARC File Format 1.1\r\n",
                ),
                RecordKind::Skip("warcinfo"),
            ),
            (
                record(
                    eol,
                    "request",
                    &[
                        ("WARC-Target-URI", "https://example.com/"),
                        ("Content-Type", "application/http; msgtype=request"),
                    ],
                    &http(eol, &["GET / HTTP/1.1", "Host: example.com"], b""),
                ),
                RecordKind::Skip("request"),
            ),
            (
                record(
                    eol,
                    "response",
                    &[
                        (
                            "WARC-Record-ID",
                            "<urn:uuid:11111111-1111-1111-1111-111111111111>",
                        ),
                        ("WARC-Target-URI", "https://example.com/"),
                        resp_ct,
                    ],
                    &http(
                        eol,
                        &[
                            "HTTP/1.1 200 OK",
                            "Content-Type: text/html; charset=UTF-8",
                            &format!("Content-Length: {}", HTML1.len()),
                        ],
                        HTML1,
                    ),
                ),
                RecordKind::HtmlResponse,
            ),
            (
                record(
                    eol,
                    "response",
                    &[("WARC-Target-URI", "https://example.org/fr"), resp_ct],
                    &http(
                        eol,
                        &[
                            "HTTP/1.0 200 OK",
                            "content-type: text/html; Charset=\"ISO-8859-1\"",
                        ],
                        HTML2,
                    ),
                ),
                RecordKind::HtmlResponse,
            ),
            (
                record(
                    eol,
                    "response",
                    &[("WARC-Target-URI", "https://example.com/logo.png"), resp_ct],
                    &http(
                        eol,
                        &["HTTP/1.1 200 OK", "Content-Type: image/png"],
                        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
                    ),
                ),
                RecordKind::Skip("non-HTML response"),
            ),
            (
                record(
                    eol,
                    "conversion",
                    &[
                        ("WARC-Target-URI", "https://example.com/"),
                        ("Content-Type", "text/plain"),
                    ],
                    WET_TEXT,
                ),
                RecordKind::TextConversion,
            ),
            (
                record(
                    eol,
                    "response",
                    &[("WARC-Target-URI", "https://example.com/chunked"), resp_ct],
                    &http(
                        eol,
                        &[
                            "HTTP/1.1 200 OK",
                            "Content-Type: application/xhtml+xml",
                            "Transfer-Encoding: chunked",
                        ],
                        &chunked_body(),
                    ),
                ),
                RecordKind::HtmlResponse,
            ),
            (
                record(
                    eol,
                    "response",
                    &[("WARC-Target-URI", "https://example.com/sniffed"), resp_ct],
                    &http(
                        eol,
                        &["HTTP/1.1 200 OK"],
                        b"\xEF\xBB\xBF\n  <!doctype HTML><p>x",
                    ),
                ),
                RecordKind::HtmlResponse,
            ),
            (
                record(
                    eol,
                    "metadata",
                    &[("Content-Type", "application/warc-fields")],
                    b"fetchTimeMs: 12\r\n",
                ),
                RecordKind::Skip("metadata"),
            ),
        ]
    }

    fn plain(eol: &str) -> (Vec<u8>, Vec<u64>) {
        let mut data = Vec::new();
        let mut offsets = Vec::new();
        for (bytes, _) in records(eol) {
            offsets.push(data.len() as u64);
            data.extend_from_slice(&bytes);
        }
        (data, offsets)
    }

    fn gzip_members(eol: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for (bytes, _) in records(eol) {
            let mut enc = GzEncoder::new(Vec::new(), Compression::default());
            enc.write_all(&bytes).unwrap();
            out.extend_from_slice(&enc.finish().unwrap());
        }
        out
    }

    fn read_all<R: BufRead>(reader: R) -> Vec<Result<WarcRecord, WarcError>> {
        WarcReader::new(reader).collect()
    }

    fn check_records(results: &[Result<WarcRecord, WarcError>], eol: &str, offsets: &[u64]) {
        let expected = records(eol);
        assert_eq!(results.len(), expected.len());
        for (i, (res, (_, kind))) in results.iter().zip(&expected).enumerate() {
            let rec = res.as_ref().expect("record");
            assert_eq!(rec.index, i as u64);
            assert_eq!(rec.offset, offsets[i], "offset of record {i}");
            assert_eq!(classify(rec), *kind, "kind of record {i}");
        }
        let r = |i: usize| results[i].as_ref().unwrap();
        assert_eq!(r(0).warc_type, "warcinfo");
        assert_eq!(
            r(0).record_id.as_deref(),
            Some("urn:uuid:00000000-0000-0000-0000-000000000000")
        );
        assert_eq!(
            r(0).content_type.as_deref(),
            Some("application/warc-fields")
        );
        assert_eq!(r(1).target_uri.as_deref(), Some("https://example.com/"));

        let resp = parse_http_response(&r(2).block).unwrap();
        assert_eq!(resp.status, 200);
        assert_eq!(resp.content_type.as_deref(), Some("text/html"));
        assert_eq!(resp.charset.as_deref(), Some("utf-8"));
        assert_eq!(&*resp.body, HTML1);
        assert!(matches!(resp.body, Cow::Borrowed(_)));
        assert!(!resp.chunked);
        assert_eq!(resp.content_encoding, None);

        let resp = parse_http_response(&r(3).block).unwrap();
        assert_eq!(resp.charset.as_deref(), Some("iso-8859-1"));
        assert_eq!(&*resp.body, HTML2);

        let resp = parse_http_response(&r(4).block).unwrap();
        assert_eq!(resp.content_type.as_deref(), Some("image/png"));

        assert_eq!(r(5).block, WET_TEXT);

        let resp = parse_http_response(&r(6).block).unwrap();
        assert!(resp.chunked);
        assert_eq!(&*resp.body, CHUNKED_HTML);
        assert_eq!(resp.header("transfer-encoding"), Some("chunked"));
    }

    #[test]
    fn reads_plain_crlf() {
        let (data, offsets) = plain("\r\n");
        check_records(&read_all(&data[..]), "\r\n", &offsets);
    }

    #[test]
    fn reads_lf_only() {
        let (data, offsets) = plain("\n");
        check_records(&read_all(&data[..]), "\n", &offsets);
    }

    #[test]
    fn reads_through_tiny_buffers() {
        let (data, offsets) = plain("\r\n");
        for cap in [1, 2, 3, 7, 64] {
            check_records(
                &read_all(BufReader::with_capacity(cap, &data[..])),
                "\r\n",
                &offsets,
            );
        }
    }

    #[test]
    fn reads_gzip_member_per_record() {
        let gz = gzip_members("\r\n");
        let (plain_data, offsets) = plain("\r\n");
        let reader = BufReader::new(MultiGzDecoder::new(&gz[..]));
        let results = read_all(reader);
        check_records(&results, "\r\n", &offsets);
        // Same records as the plain file.
        let plain_results = read_all(&plain_data[..]);
        for (a, b) in results.iter().zip(&plain_results) {
            assert_eq!(a.as_ref().unwrap(), b.as_ref().unwrap());
        }
    }

    #[test]
    fn missing_trailer_and_extra_blank_lines() {
        let mut data = Vec::new();
        let mut offsets = Vec::new();
        for (i, (bytes, _)) in records("\r\n").into_iter().enumerate() {
            offsets.push(data.len() as u64);
            let bytes = match i % 3 {
                0 => &bytes[..bytes.len() - 4],
                1 => &bytes[..],
                _ => {
                    data.extend_from_slice(b"\r\n\n");
                    *offsets.last_mut().unwrap() += 3;
                    &bytes[..]
                }
            };
            data.extend_from_slice(bytes);
        }
        check_records(&read_all(&data[..]), "\r\n", &offsets);
    }

    #[test]
    fn header_names_case_insensitive_and_folded() {
        let data = b"WARC/1.0\r\nwarc-type: response\r\nWARC-RECORD-ID:\r\n  <urn:uuid:abc>\r\nX-Long: one\r\n\ttwo\r\ncontent-length: 3\r\n\r\nabc\r\n\r\n";
        let recs = read_all(&data[..]);
        let rec = recs[0].as_ref().unwrap();
        assert_eq!(recs.len(), 1);
        assert_eq!(rec.warc_type, "response");
        assert!(rec.is_type("RESPONSE"));
        assert_eq!(rec.record_id.as_deref(), Some("urn:uuid:abc"));
        assert_eq!(rec.header("x-long"), Some("one two"));
        assert_eq!(rec.block, b"abc");
    }

    #[test]
    fn truncated_block_is_fatal() {
        let (data, offsets) = plain("\r\n");
        // Ten bytes into the trailer-less end of record 3's block.
        let cut = offsets[4] as usize - 14;
        let results = read_all(&data[..cut]);
        assert_eq!(results.len(), 4);
        assert!(results[..3].iter().all(Result::is_ok));
        let err = results[3].as_ref().unwrap_err();
        assert!(err.is_fatal());
        assert_eq!(err.index, 3);
        assert_eq!(err.offset, offsets[3]);
        assert!(matches!(err.kind, WarcErrorKind::TruncatedBlock { .. }));
        assert!(err.to_string().contains("block bytes"), "{err}");
    }

    #[test]
    fn truncated_header_is_fatal() {
        let (data, offsets) = plain("\r\n");
        let cut = offsets[2] as usize + 30;
        let results = read_all(&data[..cut]);
        assert_eq!(results.len(), 3);
        let err = results[2].as_ref().unwrap_err();
        assert!(matches!(err.kind, WarcErrorKind::TruncatedHeader));
        assert_eq!(err.offset, offsets[2]);
    }

    #[test]
    fn truncated_gzip_stream_ends_with_error() {
        let gz = gzip_members("\r\n");
        let cut = gz.len() - 25;
        let results = read_all(BufReader::new(MultiGzDecoder::new(&gz[..cut])));
        let last = results.last().unwrap().as_ref().unwrap_err();
        assert!(last.is_fatal());
        assert!(results[..results.len() - 1].iter().all(Result::is_ok));
    }

    #[test]
    fn garbage_between_records_resyncs() {
        let recs = records("\r\n");
        let junk = b"this is not a WARC record\r\nnor is WARC/1.0 this\r\n\x00\xff\xfe binary\n";
        let mut data = Vec::new();
        data.extend_from_slice(&recs[0].0);
        data.extend_from_slice(&recs[1].0);
        let junk_at = data.len() as u64;
        data.extend_from_slice(junk);
        let third_at = data.len() as u64;
        data.extend_from_slice(&recs[2].0);
        data.extend_from_slice(&recs[3].0);

        let results = read_all(&data[..]);
        assert_eq!(results.len(), 5);
        let err = results[2].as_ref().unwrap_err();
        assert!(!err.is_fatal());
        assert_eq!(err.offset, junk_at);
        assert_eq!(err.index, 2);
        match &err.kind {
            WarcErrorKind::Garbage { skipped, preview } => {
                assert_eq!(*skipped, junk.len() as u64);
                assert!(preview.starts_with("this is not"));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.to_string().contains(&format!("byte offset {junk_at}")));
        let third = results[3].as_ref().unwrap();
        assert_eq!(third.offset, third_at);
        assert_eq!(third.index, 2);
        assert_eq!(classify(third), RecordKind::HtmlResponse);
        assert_eq!(results[4].as_ref().unwrap().index, 3);
    }

    #[test]
    fn garbage_at_start_and_end() {
        let recs = records("\n");
        let mut data = b"GARBAGE".to_vec();
        data.extend_from_slice(&recs[2].0);
        data.extend_from_slice(b"trailing junk without newline");
        // The version line is glued to the garbage, so that record is lost
        // with it: everything up to the end is one stretch of garbage.
        let results = read_all(&data[..]);
        assert_eq!(results.len(), 1);
        let err = results[0].as_ref().unwrap_err();
        assert!(!err.is_fatal());
        assert!(
            matches!(err.kind, WarcErrorKind::Garbage { skipped, .. } if skipped == data.len() as u64)
        );

        let mut data = b"GARBAGE\n".to_vec();
        data.extend_from_slice(&recs[2].0);
        data.extend_from_slice(b"trailing junk without newline");
        let results = read_all(&data[..]);
        assert_eq!(results.len(), 3);
        assert_eq!(results[0].as_ref().unwrap_err().offset, 0);
        assert_eq!(results[1].as_ref().unwrap().offset, 8);
        let tail = results[2].as_ref().unwrap_err();
        assert!(!tail.is_fatal());
        assert!(matches!(
            tail.kind,
            WarcErrorKind::Garbage { skipped: 29, .. }
        ));
    }

    #[test]
    fn oversize_record_is_skipped() {
        let recs = records("\r\n");
        let mut data = Vec::new();
        data.extend_from_slice(&recs[0].0);
        let big_at = data.len() as u64;
        data.extend_from_slice(&record("\r\n", "resource", &[], &[b'x'; 5000]));
        data.extend_from_slice(&recs[2].0);
        let results: Vec<_> = WarcReader::new(BufReader::with_capacity(100, &data[..]))
            .with_max_record_bytes(1000)
            .collect();
        assert_eq!(results.len(), 3);
        let err = results[1].as_ref().unwrap_err();
        assert!(!err.is_fatal());
        assert_eq!(err.index, 1);
        assert_eq!(err.offset, big_at);
        assert!(matches!(
            err.kind,
            WarcErrorKind::TooLarge {
                length: 5000,
                max: 1000
            }
        ));
        assert!(err.to_string().contains("max_record_bytes"), "{err}");
        let next = results[2].as_ref().unwrap();
        assert_eq!(next.index, 2);
        assert_eq!(classify(next), RecordKind::HtmlResponse);
    }

    #[test]
    fn huge_content_length_is_reported_not_allocated() {
        let mut data =
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 18446744073709551615\r\n\r\nabc"
                .to_vec();
        data.extend_from_slice(&records("\r\n")[2].0);
        let results = read_all(&data[..]);
        assert_eq!(results.len(), 1);
        assert!(matches!(
            results[0].as_ref().unwrap_err().kind,
            WarcErrorKind::TooLarge { .. }
        ));

        let data = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999999999999999\r\n\r\nabc";
        let results = read_all(&data[..]);
        assert!(matches!(
            results[0].as_ref().unwrap_err().kind,
            WarcErrorKind::BadContentLength(_)
        ));
    }

    #[test]
    fn bad_headers_resync_to_next_record() {
        let recs = records("\r\n");
        type Case = (&'static [u8], fn(&WarcErrorKind) -> bool);
        let cases: Vec<Case> = vec![
            (
                b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: -5\r\n\r\nxx\r\n\r\n",
                |k| matches!(k, WarcErrorKind::BadContentLength(_)),
            ),
            (b"WARC/1.0\r\nWARC-Type: response\r\n\r\nxx\r\n\r\n", |k| {
                matches!(k, WarcErrorKind::MissingContentLength)
            }),
            (
                b"WARC/1.0\r\nWARC-Type: response\r\nno colon here\r\n\r\nxx\r\n\r\n",
                |k| matches!(k, WarcErrorKind::BadHeaderLine { .. }),
            ),
            (b"WARC/1.0\r\nWARC-Type: response\r\n", |k| {
                matches!(k, WarcErrorKind::InterruptedHeader)
            }),
            (b"WARC/1.0\r\nContent-Length: 2\r\n\r\nxx\r\n\r\n", |k| {
                matches!(k, WarcErrorKind::MissingWarcType)
            }),
        ];
        for (bad, is_expected) in cases {
            let mut data = bad.to_vec();
            data.extend_from_slice(&recs[2].0);
            let results = read_all(&data[..]);
            assert_eq!(results.len(), 2, "{:?}", String::from_utf8_lossy(bad));
            let err = results[0].as_ref().unwrap_err();
            assert!(is_expected(&err.kind), "{err}");
            assert_eq!(err.offset, 0);
            let rec = results[1].as_ref().unwrap();
            assert_eq!(rec.offset, bad.len() as u64);
            assert_eq!(rec.index, 1);
        }
    }

    #[test]
    fn overlong_header_resyncs() {
        let recs = records("\r\n");
        let mut data = b"WARC/1.0\r\nWARC-Type: response\r\nX-Huge: ".to_vec();
        data.resize(data.len() + 2 * MAX_HEADER_BYTES, b'a');
        data.extend_from_slice(b"\r\nContent-Length: 1\r\n\r\nx\r\n\r\n");
        let next_at = data.len() as u64;
        data.extend_from_slice(&recs[2].0);
        let results = read_all(&data[..]);
        assert_eq!(results.len(), 2);
        let err = results[0].as_ref().unwrap_err();
        assert!(matches!(err.kind, WarcErrorKind::HeaderTooLong));
        assert!(err.to_string().contains("1048576 bytes"), "{err}");
        assert_eq!(results[1].as_ref().unwrap().offset, next_at);
    }

    #[test]
    fn http_parsing_details() {
        assert!(parse_http_response(b"").is_none());
        assert!(parse_http_response(b"GET / HTTP/1.1\r\n\r\n").is_none());
        assert!(parse_http_response(b"HTTP/1.1 2000 OK\r\n\r\n").is_none());
        assert!(parse_http_response(b"HTTP/1.1\r\n\r\n").is_none());

        let r = parse_http_response(
            b"HTTP/2 404\r\nContent-Type: TEXT/HTML;charset='Windows-1252' ; foo=bar\r\n",
        )
        .unwrap();
        assert_eq!(r.status, 404);
        assert_eq!(r.content_type.as_deref(), Some("text/html"));
        assert_eq!(r.charset.as_deref(), Some("windows-1252"));
        assert!(r.body.is_empty());

        let r = parse_http_response(
            b"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Type: text/plain; charset=\nbroken line\nContent-Encoding: GZIP\n\nbody",
        )
        .unwrap();
        assert_eq!(r.content_type.as_deref(), Some("text/plain"));
        assert_eq!(r.charset, None);
        assert_eq!(r.content_encoding.as_deref(), Some("gzip"));
        assert_eq!(&*r.body, b"body");

        // Declared chunked but not chunked: raw body.
        let r = parse_http_response(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n<html>not chunked",
        )
        .unwrap();
        assert!(!r.chunked);
        assert_eq!(&*r.body, b"<html>not chunked");

        // Truncated chunked body: what is there.
        let r = parse_http_response(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n10\r\nwor",
        )
        .unwrap();
        assert!(r.chunked);
        assert_eq!(&*r.body, b"hellowor");

        // Identity content-encoding is no encoding.
        let r =
            parse_http_response(b"HTTP/1.1 200 OK\r\nContent-Encoding: identity\r\n\r\nx").unwrap();
        assert_eq!(r.content_encoding, None);
    }

    #[test]
    fn decoded_body_gzip_and_deflate() {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(HTML1).unwrap();
        let gz = enc.finish().unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend_from_slice(&gz);
        let r = parse_http_response(&block).unwrap();
        assert_eq!(&*r.decoded_body(1 << 20).unwrap(), HTML1);
        assert_eq!(r.decoded_body(10).unwrap().len(), 10);

        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
        enc.write_all(HTML2).unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n".to_vec();
        block.extend_from_slice(&enc.finish().unwrap());
        let r = parse_http_response(&block).unwrap();
        assert_eq!(&*r.decoded_body(1 << 20).unwrap(), HTML2);

        let r = parse_http_response(b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx").unwrap();
        assert!(r.decoded_body(100).is_none());
        let r =
            parse_http_response(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\nxx").unwrap();
        assert!(r.decoded_body(100).is_none());
    }

    #[test]
    fn sniffing() {
        assert!(sniff_html(b"<!DOCTYPE html><html>"));
        assert!(sniff_html(b"\xEF\xBB\xBF  \r\n<HTML lang=en>"));
        assert!(sniff_html(b"<head>"));
        assert!(sniff_html(b"<!-- comment -->"));
        assert!(sniff_html(b"<p>text"));
        assert!(!sniff_html(b"<pre>text"));
        assert!(!sniff_html(b"<?xml version=\"1.0\"?><rss>"));
        assert!(!sniff_html(b"{\"json\": true}"));
        assert!(!sniff_html(b"<html"));
        assert!(!sniff_html(b""));
    }

    #[test]
    fn classify_edge_cases() {
        let mk = |t: &str, ct: Option<&str>, block: &[u8]| WarcRecord {
            warc_type: t.to_string(),
            record_id: None,
            target_uri: None,
            content_type: ct.map(str::to_string),
            headers: Vec::new(),
            block: block.to_vec(),
            offset: 0,
            index: 0,
        };
        let html = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x";
        assert_eq!(
            classify(&mk("Response", None, html)),
            RecordKind::HtmlResponse
        );
        assert_eq!(
            classify(&mk("response", Some("text/dns"), b"20240101 example.com")),
            RecordKind::Skip("non-HTTP response")
        );
        assert_eq!(
            classify(&mk("response", Some("application/http"), b"garbage")),
            RecordKind::Skip("unparsable HTTP response")
        );
        assert_eq!(
            classify(&mk(
                "response",
                Some("application/http"),
                b"HTTP/1.1 200 OK\r\n\r\n%PDF-1.4"
            )),
            RecordKind::Skip("non-HTML response")
        );
        assert_eq!(
            classify(&mk("conversion", Some("application/pdf"), b"")),
            RecordKind::Skip("non-text conversion")
        );
        assert_eq!(
            classify(&mk("conversion", None, b"text")),
            RecordKind::TextConversion
        );
        assert_eq!(
            classify(&mk("revisit", None, b"")),
            RecordKind::Skip("revisit")
        );
        assert_eq!(
            classify(&mk("bogus", None, b"")),
            RecordKind::Skip("unknown record type")
        );
    }

    /// xorshift64*: deterministic pseudo-random bytes without a dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    /// Reads everything, checking that the iterator ends in bounded steps,
    /// and exercises the helpers on every record.
    fn drain(data: &[u8], cap: usize) -> usize {
        let mut steps = 0;
        for item in WarcReader::new(BufReader::with_capacity(cap, data)).with_max_record_bytes(4096)
        {
            steps += 1;
            assert!(steps <= data.len() + 1, "iterator does not make progress");
            match item {
                Ok(rec) => {
                    let _ = classify(&rec);
                    if let Some(r) = parse_http_response(&rec.block) {
                        let _ = r.decoded_body(1 << 16);
                    }
                }
                Err(e) => {
                    let _ = e.to_string();
                }
            }
        }
        steps
    }

    #[test]
    fn fuzz_no_panics() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let (crlf, _) = plain("\r\n");
        let (lf, _) = plain("\n");

        // Every truncation of valid files.
        for data in [&crlf, &lf] {
            for cut in 0..=data.len() {
                drain(&data[..cut], 1 + cut % 13);
                let _ = parse_http_response(&data[cut..]);
                let _ = sniff_html(&data[cut..]);
            }
        }

        // Random mutations of a valid file.
        for round in 0..300 {
            let mut data = if round % 2 == 0 {
                crlf.clone()
            } else {
                lf.clone()
            };
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(data.len());
                match rng.below(4) {
                    0 => data[i] = rng.next() as u8,
                    1 => {
                        data.remove(i);
                    }
                    2 => data.insert(i, b"\r\n:0123456789WARC/1.0"[rng.below(21)]),
                    _ => data.truncate(i),
                }
            }
            drain(&data, 1 + rng.below(300));
        }

        // Pure noise, biased towards bytes that matter to the parser.
        for _ in 0..300 {
            let len = rng.below(600);
            let alphabet = b"WARC/1.0\r\n: Content-Length-Type123456789abcdefHTTP \t<html>";
            let data: Vec<u8> = (0..len)
                .map(|_| {
                    if rng.below(4) == 0 {
                        rng.next() as u8
                    } else {
                        alphabet[rng.below(alphabet.len())]
                    }
                })
                .collect();
            drain(&data, 1 + rng.below(64));
            if let Some(r) = parse_http_response(&data) {
                let _ = r.decoded_body(1024);
            }
            let _ = dechunk(&data);
            let mut prefixed =
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"
                    .to_vec();
            prefixed.extend_from_slice(&data);
            if let Some(r) = parse_http_response(&prefixed) {
                let _ = r.decoded_body(1024);
            }
        }

        // Truncated and corrupted gzip streams.
        let gz = gzip_members("\r\n");
        for cut in (0..gz.len()).step_by(7) {
            let n = WarcReader::new(BufReader::new(MultiGzDecoder::new(&gz[..cut]))).count();
            assert!(n <= records("\r\n").len() + 1);
        }
        for _ in 0..100 {
            let mut data = gz.clone();
            let i = rng.below(data.len());
            data[i] ^= 1 << rng.below(8);
            let _ = WarcReader::new(BufReader::new(MultiGzDecoder::new(&data[..]))).count();
        }
    }
}
