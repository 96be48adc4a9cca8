//! JSON Lines input: one object per line with `html` or `text` and
//! optional `id` and `url` (field names can be mapped for other crawlers'
//! schemas). A bad line becomes an error record; the run goes on.

use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::BufRead;
use std::sync::Arc;

use super::document::{Document, Item, Kind, RecordError, Unread};
use super::json_str;

/// Which input fields hold what.
#[derive(Debug, Clone)]
pub struct FieldMap {
    pub id: String,
    pub url: String,
    pub html: String,
    pub text: String,
}

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap {
            id: "id".into(),
            url: "url".into(),
            html: "html".into(),
            text: "text".into(),
        }
    }
}

fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Turn one line into a document or an error record.
pub fn parse_line(line: &str, lineno: u64, source: &str, fields: &FieldMap) -> Item {
    if let Some(doc) = parse_plain(line, lineno, source, fields) {
        return Ok(doc);
    }
    parse_value(line, lineno, source, fields)
}

/// `parse_line` for the usual line: one object whose keys are plain
/// strings, each once, and whose values are all strings, with an `html` or
/// `text` field. The strings are unescaped straight into the document's
/// fields (see `json_str`), where serde_json would scan them a byte at a
/// time into a buffer grown as it goes and copy them out again. `None`
/// for any other line, which `parse_value` then reads (what serde_json
/// makes of a line this reads is what this makes of it).
fn parse_plain(line: &str, lineno: u64, source: &str, fields: &FieldMap) -> Option<Document> {
    let (mut d, _) = parse_plain_bytes(line.as_bytes(), lineno, source, fields, Vec::new())?;
    trim_slack(&mut d.bytes);
    Some(d)
}

/// `parse_plain` of a line not known to be UTF-8: keys and values are
/// checked as they are read (`None` for a broken one), except the body,
/// whose check is the caller's (it is UTF-8 when the line is). Also
/// whether the body holds a control character other than a line feed, a
/// carriage return or a tab (see `json_str::unescape_noting`). The body
/// is unescaped into `room` (emptied first), which then is the
/// document's `bytes`: a buffer the caller kept from the document before
/// (see `Document::parse_line`), or a new one.
pub(super) fn parse_plain_bytes(
    b: &[u8],
    lineno: u64,
    source: &str,
    fields: &FieldMap,
    mut room: Vec<u8>,
) -> Option<(Document, bool)> {
    let names = [&fields.id, &fields.url, &fields.html, &fields.text];
    // A name mapped to two fields: the general path sorts that out.
    if (1..4).any(|i| names[..i].contains(&names[i])) {
        return None;
    }
    let space = |i: &mut usize| {
        while matches!(b.get(*i), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            *i += 1;
        }
    };
    let mut i = 0;
    if b.first() != Some(&b'{') {
        return None;
    }
    i += 1;
    let (mut id, mut url, mut html, mut text) = (None, None, None, None);
    let mut text_controls = false;
    let mut extra = Map::new();
    loop {
        space(&mut i);
        if b.get(i) != Some(&b'"') {
            return None;
        }
        // A key with no escape, borrowed.
        let end = json_str::find_special(b, i + 1);
        if b.get(end) != Some(&b'"') {
            return None;
        }
        let key = std::str::from_utf8(&b[i + 1..end]).ok()?;
        i = end + 1;
        space(&mut i);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i += 1;
        space(&mut i);
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let body = *key == fields.html || *key == fields.text;
        // A body gets room for the rest of the line (the body is most of
        // it, and unescaped no longer) and the sixteen bytes more that
        // let `unescape_noting` copy it sixteen at a time; other values
        // grow.
        let mut value = match body {
            true => {
                let mut v = std::mem::take(&mut room);
                v.clear();
                v.reserve(b.len() - i + 16);
                v
            }
            false => Vec::new(),
        };
        let mut controls = false;
        i = json_str::unescape_noting(b, i + 1, &mut value, &mut controls)?;
        let slot = if *key == fields.id {
            Some(&mut id)
        } else if *key == fields.url {
            Some(&mut url)
        } else if *key == fields.html {
            Some(&mut html)
        } else if *key == fields.text {
            text_controls = controls;
            Some(&mut text)
        } else {
            None
        };
        // A key given twice: the general path keeps the last.
        match slot {
            Some(slot) => {
                if slot.replace(value).is_some() {
                    return None;
                }
            }
            None => {
                let value = Value::String(String::from_utf8(value).ok()?);
                if extra.insert(key.to_string(), value).is_some() {
                    return None;
                }
            }
        }
        space(&mut i);
        match b.get(i) {
            Some(b',') => i += 1,
            Some(b'}') if i + 1 == b.len() => break,
            _ => return None,
        }
    }
    let (kind, bytes, controls) = match (html, text) {
        (Some(h), _) => (Kind::Html, h, false),
        (None, Some(t)) => (Kind::Text, t, text_controls),
        (None, None) => return None,
    };
    let string = |v: Option<Vec<u8>>| v.map(String::from_utf8).transpose().ok();
    let (id, url) = (string(id)?, string(url)?);
    let d = line_document(id, url, kind, bytes, extra, source, lineno);
    Some((d, controls))
}

/// Give back the room left in a body by a field after it, or by its
/// escapes, when that is much: documents in flight hold no slack.
pub(super) fn trim_slack(bytes: &mut Vec<u8>) {
    if bytes.capacity() - bytes.len() > bytes.len() / 8 + 64 {
        bytes.shrink_to_fit();
    }
}

/// The document a JSONL line holds, whichever path read it.
fn line_document(
    id: Option<String>,
    url: Option<String>,
    kind: Kind,
    bytes: Vec<u8>,
    extra: Map<String, Value>,
    source: &str,
    lineno: u64,
) -> Document {
    Document {
        id,
        url,
        kind,
        bytes,
        text: None,
        charset: None,
        extra,
        source: source.to_string(),
        line: Some(lineno),
        gzip_limit: None,
        unread: None,
    }
}

/// `parse_line` through a `serde_json::Value`: any line, and its error.
fn parse_value(line: &str, lineno: u64, source: &str, fields: &FieldMap) -> Item {
    let err = |id: Option<String>, url: Option<String>, message: String| RecordError {
        id,
        url,
        source: source.to_string(),
        line: Some(lineno),
        message,
    };
    let obj: Map<String, Value> = match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return Err(err(None, None, "line is JSON but not an object".into())),
        Err(e) => return Err(err(None, None, format!("invalid JSON: {e}"))),
    };
    let id = obj.get(&fields.id).and_then(scalar_string);
    let url = obj.get(&fields.url).and_then(scalar_string);
    let mut obj = obj;
    let (kind, key) = match (obj.get(&fields.html), obj.get(&fields.text)) {
        (Some(Value::String(_)), _) => (Kind::Html, &fields.html),
        (_, Some(Value::String(_))) => (Kind::Text, &fields.text),
        (Some(_), _) | (_, Some(_)) => {
            return Err(err(
                id,
                url,
                format!("field `{}`/`{}` is not a string", fields.html, fields.text),
            ));
        }
        (None, None) => {
            return Err(err(
                id,
                url,
                format!("no `{}` or `{}` field", fields.html, fields.text),
            ));
        }
    };
    // Moved out, not copied: the body is most of the line.
    let body = match obj.remove(key.as_str()) {
        Some(Value::String(b)) => b,
        _ => String::new(),
    };
    let extra = obj
        .into_iter()
        .filter(|(k, _)| {
            *k != fields.html && *k != fields.text && *k != fields.id && *k != fields.url
        })
        .collect();
    Ok(line_document(
        id,
        url,
        kind,
        body.into_bytes(),
        extra,
        source,
        lineno,
    ))
}

/// Streams a JSONL reader line by line, reading a block (`BLOCK`) at a
/// time; holds the block being split, up to `SPENT` spent ones to read
/// into again, and the blocks of lines handed out and not yet dropped.
pub struct JsonlReader<R> {
    reader: R,
    source: String,
    fields: FieldMap,
    lineno: u64,
    max_line: usize,
    done: bool,
    /// Lines that look like objects go out unparsed, to be parsed by the
    /// worker that cleans them (see `parse_on_workers`).
    defer: Option<(Arc<FieldMap>, usize)>,
    /// What was read when lines go out unparsed: `block[pos..filled]` is
    /// still to split into lines (see `read_shared`).
    block: Arc<Vec<u8>>,
    pos: usize,
    filled: usize,
    /// The input is at its end (`read_shared`).
    eof: bool,
    /// `BLOCK`, smaller in tests.
    block_len: usize,
    #[cfg(test)]
    ways: Ways,
    /// Blocks whose lines went out, oldest first, to be read into again
    /// once no line holds them.
    spent: VecDeque<Arc<Vec<u8>>>,
}

/// Bytes a `JsonlReader` reads in one go when lines go out unparsed:
/// enough for a good many lines, so that few are cut by a block's end
/// (those are copied into the next block), and more than a `BufReader`'s
/// buffer, which it then reads straight into (see `read_shared`).
const BLOCK: usize = 1 << 20;

/// Blocks kept to be read into again (`JsonlReader::spent`).
const SPENT: usize = 8;

/// One line of JSONL input, left in the block it was read into (shared
/// with the other lines read with it): handed on without a copy.
#[derive(Clone)]
pub struct Line {
    block: Arc<Vec<u8>>,
    start: usize,
    end: usize,
}

impl Line {
    pub fn as_bytes(&self) -> &[u8] {
        &self.block[self.start..self.end]
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

impl From<Vec<u8>> for Line {
    fn from(bytes: Vec<u8>) -> Line {
        Line {
            start: 0,
            end: bytes.len(),
            block: Arc::new(bytes),
        }
    }
}

impl std::fmt::Debug for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Line({:?})", String::from_utf8_lossy(self.as_bytes()))
    }
}

/// The ways `JsonlReader::read_shared` went, counted for the tests.
#[cfg(test)]
#[derive(Debug, Default, Clone, Copy)]
struct Ways {
    shared: usize,
    copied: usize,
    /// Bytes not split into lines yet moved to the start of a block.
    moved: usize,
    /// A spent block read into again.
    reused: usize,
    /// A block larger than `block_len`, for a longer line.
    grown: usize,
}

/// What `JsonlReader::read_shared` read.
enum Shared {
    Line(Line),
    /// A line longer than the limit, skipped.
    TooLong,
    End,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(reader: R, source: String, fields: FieldMap, max_line: usize) -> Self {
        JsonlReader {
            reader,
            source,
            fields,
            lineno: 0,
            max_line,
            done: false,
            defer: None,
            block: Arc::new(Vec::new()),
            pos: 0,
            filled: 0,
            eof: false,
            block_len: BLOCK,
            #[cfg(test)]
            ways: Ways::default(),
            spent: VecDeque::new(),
        }
    }

    /// Hand on each line that starts like an object unparsed, as a
    /// document whose `bytes` are the line (`Unread::Line`): the worker
    /// that cleans it parses it, so the one reading thread only splits
    /// lines. `max_doc`: the largest document, checked once parsed. Blank
    /// and other lines are dealt with here, as before.
    pub fn parse_on_workers(mut self, max_doc: usize) -> Self {
        self.defer = Some((Arc::new(self.fields.clone()), max_doc));
        self
    }

    fn error(&self, message: String) -> RecordError {
        RecordError {
            id: None,
            url: None,
            source: self.source.clone(),
            line: Some(self.lineno),
            message,
        }
    }

    /// The next line (up to a line feed or the end of the input), left in
    /// the block it was read into (see `Line`): a block of `BLOCK` bytes is
    /// read at once, straight from the input when it is a `BufReader` (its buffer
    /// is skipped for reads larger than it), and its lines go out as they
    /// are; only the line cut by a block's end is copied, to the start of
    /// the next block. Copying each line out of the `BufReader` cost as
    /// much as splitting the lines did.
    fn read_shared(&mut self) -> std::io::Result<Shared> {
        // Bytes of an over-long line already skipped.
        let mut skipped = 0;
        loop {
            let rest = &self.block[self.pos..self.filled];
            if let Some(p) = memchr::memchr(b'\n', rest) {
                let (start, end) = (self.pos, self.pos + p);
                self.pos = end + 1;
                if skipped + p > self.max_line {
                    return Ok(Shared::TooLong);
                }
                return Ok(Shared::Line(self.line(start, end)));
            }
            if self.eof {
                let (start, end) = (self.pos, self.filled);
                self.pos = end;
                return Ok(if skipped + end - start > self.max_line {
                    Shared::TooLong
                } else if end > start {
                    Shared::Line(self.line(start, end))
                } else {
                    Shared::End
                });
            }
            if rest.len() > self.max_line {
                // Too long already: what is read of it is dropped.
                skipped += rest.len();
                self.pos = self.filled;
            }
            self.make_room();
            // Ours alone after `make_room` (no copy made here).
            let room = Arc::make_mut(&mut self.block);
            let n = loop {
                match self.reader.read(&mut room[self.filled..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
            self.filled += n;
            self.eof = n == 0;
        }
    }

    /// `block[start..end]` as a line. A block read only a little into (a
    /// pipe may give a few lines at a time) keeps its room: its line is
    /// copied into a block of its own.
    fn line(&mut self, start: usize, end: usize) -> Line {
        if self.filled >= self.block.len() / 4 {
            #[cfg(test)]
            {
                self.ways.shared += 1;
            }
            return Line {
                block: Arc::clone(&self.block),
                start,
                end,
            };
        }
        #[cfg(test)]
        {
            self.ways.copied += 1;
        }
        Line {
            block: Arc::new(self.block[start..end].to_vec()),
            start: 0,
            end: end - start,
        }
    }

    /// Make `block` this reader's own with a sixteenth of a block of room
    /// after `filled` at least (smaller reads are not worth a call), the
    /// bytes not split into lines yet (a line cut by the end of the block)
    /// moved to its start.
    fn make_room(&mut self) {
        let (pos, filled) = (self.pos, self.filled);
        let min_read = (self.block_len / 16).max(1);
        let want = (filled - pos + min_read).max(self.block_len);
        if let Some(b) = Arc::get_mut(&mut self.block)
            && b.len() >= want
        {
            if b.len() - filled < min_read {
                #[cfg(test)]
                {
                    self.ways.moved += usize::from(filled > pos);
                }
                b.copy_within(pos..filled, 0);
                self.filled -= pos;
                self.pos = 0;
            }
            return;
        }
        // A block lines still hold (or too small): the oldest spent one
        // once none does, or a new one.
        let free = self.spent.front_mut().and_then(Arc::get_mut);
        let reuse = free.is_some_and(|b| b.len() >= want);
        #[cfg(test)]
        {
            self.ways.reused += usize::from(reuse);
            self.ways.moved += usize::from(filled > pos);
            self.ways.grown += usize::from(want > self.block_len);
        }
        let mut next = match reuse {
            true => self.spent.pop_front().unwrap_or_default(),
            false => Arc::new(vec![0; want.next_power_of_two()]),
        };
        // A new block, or a spent one no line holds: no copy made here.
        let room = Arc::make_mut(&mut next);
        room[..filled - pos].copy_from_slice(&self.block[pos..filled]);
        let old = std::mem::replace(&mut self.block, next);
        if old.len() == self.block_len {
            self.spent.push_back(old);
            if self.spent.len() > SPENT {
                self.spent.pop_front();
            }
        }
        self.filled -= pos;
        self.pos = 0;
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.done {
                return None;
            }
            let line = match self.read_shared() {
                Ok(Shared::Line(l)) => l,
                Ok(Shared::End) => return None,
                Ok(Shared::TooLong) => {
                    self.lineno += 1;
                    return Some(Err(self.too_long()));
                }
                Err(e) => return Some(Err(self.read_error(e))),
            };
            self.lineno += 1;
            if let Some((fields, limit)) = &self.defer {
                // The characters `str::trim` takes off that are ASCII.
                let blank = |b: &u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
                match line.as_bytes().iter().find(|b| !blank(b)) {
                    None => continue,
                    Some(b'{') => {
                        return Some(Ok(Document {
                            source: self.source.clone(),
                            line: Some(self.lineno),
                            unread: Some(Unread::Line {
                                line,
                                fields: Arc::clone(fields),
                                limit: *limit,
                            }),
                            ..Document::html(Vec::new())
                        }));
                    }
                    // Not an object (an error record), or leading Unicode
                    // white space: parsed here.
                    Some(_) => {}
                }
            }
            if let Some(item) = self.parse_here(line.as_bytes()) {
                return Some(item);
            }
        }
    }
}

impl<R: BufRead> JsonlReader<R> {
    /// The error record of a failed read; reading stops.
    fn read_error(&mut self, e: std::io::Error) -> RecordError {
        self.done = true;
        self.lineno += 1;
        self.error(format!("read error: {e}"))
    }

    fn too_long(&self) -> RecordError {
        self.error(format!(
            "line longer than the {} byte limit (--max-line-bytes)",
            self.max_line
        ))
    }

    /// The line `raw` parsed here; `None` for a blank one.
    fn parse_here(&self, raw: &[u8]) -> Option<Item> {
        // Valid UTF-8 (the usual case) is checked by the fast validator
        // and borrowed; only a broken line is copied with replacements.
        let line = match simdutf8::basic::from_utf8(raw) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => String::from_utf8_lossy(raw),
        };
        let line = line.trim();
        if line.is_empty() {
            return None;
        }
        Some(parse_line(line, self.lineno, &self.source, &self.fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str, max: usize) -> Vec<Item> {
        JsonlReader::new(
            input.as_bytes(),
            "in.jsonl".into(),
            FieldMap::default(),
            max,
        )
        .collect()
    }

    #[test]
    fn good_and_bad_lines_in_order() {
        let items = read_all(
            "{\"id\":\"a\",\"html\":\"<p>x</p>\",\"lang\":\"en\"}\nnot json\n\n{\"id\":7,\"url\":\"u\"}\n{\"text\":\"t\"}\n",
            1 << 20,
        );
        assert_eq!(items.len(), 4);
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.id.as_deref(), Some("a"));
        assert_eq!(a.kind, Kind::Html);
        assert_eq!(a.extra.get("lang"), Some(&Value::String("en".into())));
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.starts_with("invalid JSON"));
        let e = items[2].as_ref().unwrap_err();
        assert_eq!(e.id.as_deref(), Some("7"));
        assert_eq!(e.line, Some(4));
        assert!(e.message.contains("no `html` or `text` field"));
        assert_eq!(items[3].as_ref().unwrap().kind, Kind::Text);
    }

    /// A line left to a worker becomes, once loaded, the document or the
    /// error the reader would have made of it, with the same id, URL, line
    /// and extra fields; blank lines are skipped either way.
    #[test]
    fn lines_parsed_on_workers_load_into_what_the_reader_makes() {
        let input = "{\"id\":\"a\",\"url\":\"u\",\"html\":\"<p>x</p>\",\"lang\":\"en\"}\n\
            \x20 {\"id\":7,\"url\":\"v\"}\n\
            \t\x0b\n\
            {\"id\":\"big\",\"text\":\"0123456789\"}\n\
            not json\n\
            {\"text\":\"ok\", broken\n\
            {\"text\":\"t\"}\n";
        let reader = |defer: bool| {
            let r = JsonlReader::new(
                input.as_bytes(),
                "in.jsonl".into(),
                FieldMap::default(),
                1000,
            );
            if defer { r.parse_on_workers(5) } else { r }
        };
        let now: Vec<Item> = reader(false).collect();
        let later: Vec<Item> = reader(true).collect();
        assert_eq!(now.len(), 6);
        assert_eq!(later.len(), 6);
        // Left unparsed: every line that starts like an object.
        let unparsed = later
            .iter()
            .filter(|i| i.as_ref().is_ok_and(|d| d.unread.is_some()))
            .count();
        assert_eq!(unparsed, 5);
        for (a, b) in now.into_iter().zip(later) {
            // As the reader's size cap (`cap_doc_size`) would.
            let a = a.and_then(|d| {
                if d.bytes.len() > 5 {
                    Err(RecordError {
                        id: d.id,
                        url: d.url,
                        source: d.source,
                        line: d.line,
                        message: "document larger than the 5 byte limit (--max-doc-bytes)".into(),
                    })
                } else {
                    Ok(d)
                }
            });
            let b = b.and_then(Document::loaded);
            match (a, b) {
                (Ok(a), Ok(b)) => {
                    assert_eq!((&a.id, &a.url, &a.line), (&b.id, &b.url, &b.line));
                    assert_eq!((a.kind, a.body(), &a.extra), (b.kind, b.body(), &b.extra));
                    assert_eq!(a.source, b.source);
                    assert!(b.unread.is_none());
                }
                (Err(a), Err(b)) => {
                    assert_eq!((&a.id, &a.url, &a.line), (&b.id, &b.url, &b.line));
                    assert_eq!((&a.message, &a.source), (&b.message, &b.source));
                }
                (a, b) => panic!("{a:?} != {b:?}"),
            }
        }
    }

    /// The fast path reads a line as the general one does, or leaves it
    /// to it: lines with escapes, odd spacing, mapped and repeated keys,
    /// other values, and broken ones.
    #[test]
    fn plain_lines_read_as_through_a_value() {
        let lines = [
            r#"{"id":"a","url":"u","text":"one\ntwo \"q\" \u00e9\t\\ end","lang":"en"}"#,
            r#"{ "html" : "<p>x</p>" , "id" : "7" }"#,
            "{\"text\":\"caf\u{e9} \u{1F600}\",\t\"n\":\"\\ud83d\\ude00\"}",
            r#"{"text":"a","html":"<b>b</b>","url":"v"}"#,
            r#"{"body":"b\n","text":"t"}"#,
            r#"{"id":"x","id":"y","text":"t"}"#,
            r#"{"text":"t","k":"1","k":"2"}"#,
            r#"{"text":"t","n":5,"b":true,"z":null,"o":{"a":[1]}}"#,
            r#"{"id":7,"text":"t"}"#,
            r#"{"id":"a","url":"u"}"#,
            r#"{"text":1}"#,
            r#"{}"#,
            r#"{"text":"t",}"#,
            r#"{"text":"t"} x"#,
            r#"{"text":"t""#,
            r#"{"text":"bad \q"}"#,
            r#"{"te\u0078t":"t"}"#,
            r#"["text"]"#,
            "{\"text\":\"raw\ttab\"}",
        ];
        let fields = FieldMap::default();
        let mapped = FieldMap {
            text: "body".into(),
            ..FieldMap::default()
        };
        let same = FieldMap {
            url: "id".into(),
            ..FieldMap::default()
        };
        let mut fast = 0;
        for line in lines {
            for f in [&fields, &mapped, &same] {
                let want = parse_value(line, 3, "s", f);
                let Some(got) = parse_plain(line, 3, "s", f) else {
                    continue;
                };
                fast += 1;
                let want = want.unwrap_or_else(|e| panic!("{line}: {e}"));
                assert_eq!(
                    (&got.id, &got.url, got.kind),
                    (&want.id, &want.url, want.kind)
                );
                assert_eq!(
                    (&got.bytes, &got.extra),
                    (&want.bytes, &want.extra),
                    "{line}"
                );
                assert_eq!((&got.source, got.line), (&want.source, want.line));
            }
        }
        assert_eq!(fast, 7);
    }

    /// Lines handed on unparsed are the bytes the reader's line buffer
    /// held, whether a line lies whole in the reader's buffer or is cut
    /// by its end (small buffers cut most), over-long ones an error.
    #[test]
    fn deferred_lines_are_the_lines_whatever_the_buffer() {
        let mut input = String::new();
        for n in 0..60 {
            let body = "wörd\\n".repeat(n * 7 % 23);
            input.push_str(&format!("{{\"id\":\"{n}\",\"text\":\"{body}\"}}\n"));
            if n % 9 == 0 {
                input.push_str("\n  \n");
            }
        }
        input.push_str("{\"text\":\"no line feed at the end\"}");
        let want: Vec<&str> = input.lines().filter(|l| !l.trim().is_empty()).collect();
        for cap in [1, 2, 7, 16, 64, 100, 1 << 16] {
            for max in [40, 1000] {
                let r = std::io::BufReader::with_capacity(cap, input.as_bytes());
                let got: Vec<Item> = JsonlReader::new(r, "s".into(), FieldMap::default(), max)
                    .parse_on_workers(1 << 20)
                    .collect();
                assert_eq!(got.len(), want.len(), "{cap} {max}");
                for (g, w) in got.iter().zip(&want) {
                    match g {
                        Ok(d) => {
                            assert!(w.len() <= max, "{cap} {max} {w}");
                            let Some(Unread::Line { line, .. }) = &d.unread else {
                                panic!("{d:?}")
                            };
                            assert_eq!(line.as_bytes(), w.as_bytes(), "{cap} {max}");
                        }
                        Err(e) => {
                            assert!(w.len() > max, "{cap} {max} {w}");
                            assert!(e.message.contains("limit"), "{e:?}");
                        }
                    }
                }
            }
        }
    }

    /// A reader that gives at most `step` bytes a call, as a pipe may.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(out.len()).min(self.data.len());
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    /// Lines handed on in shared blocks are the lines a plain split gives,
    /// whatever the block size, the reader's buffer and how much a read
    /// gives: lines cut by a block's end, lines longer than a block, over
    /// long lines skipped across blocks, blank lines, a last line with no
    /// line feed; with the items kept (no block freed) or dropped as they
    /// come (spent blocks read into again).
    #[test]
    fn lines_in_shared_blocks_are_the_lines_read_line_gives() {
        let mut rng = crate::test_rng::XorShift::new(0x3C6E_F372_FE94_F82B);
        let mut input = String::new();
        for n in 0..400 {
            let len = match rng.next_u64() % 10 {
                0 => 0,
                1 => 300 + (rng.next_u64() % 900) as usize,
                _ => (rng.next_u64() % 120) as usize,
            };
            match rng.next_u64() % 8 {
                0 => input.push_str(&" \t".repeat(len % 40)),
                1 => input.push_str(&format!("not json {}", "y".repeat(len))),
                _ => input.push_str(&format!(
                    "{{\"id\":\"{n}\",\"text\":\"{}\"}}",
                    "é".repeat(len / 2)
                )),
            }
            input.push('\n');
        }
        input.push_str("{\"text\":\"last, no line feed\"}");
        // The lines as a plain split gives them (no empty one after the
        // last line feed), a line over `max` bytes an error.
        let want = |max: usize| -> Vec<Result<String, String>> {
            let mut lines: Vec<&str> = input.split('\n').collect();
            if lines.last() == Some(&"") {
                lines.pop();
            }
            lines
                .into_iter()
                .map(|l| match l.len() > max {
                    true => Err("long".to_string()),
                    false => Ok(l.to_string()),
                })
                .collect()
        };
        let mut total = Ways::default();
        for max in [100, 1 << 20] {
            let want = want(max);
            assert!(want.iter().any(Result::is_err) == (max == 100));
            for block_len in [16, 700, 4096, 1 << 16] {
                for cap in [1, 64, 1 << 16] {
                    for step in [1, 1000, usize::MAX] {
                        for keep in [false, true] {
                            let data = Trickle {
                                data: input.as_bytes(),
                                step,
                            };
                            let r = std::io::BufReader::with_capacity(cap, data);
                            let mut r = JsonlReader::new(r, "s".into(), FieldMap::default(), max);
                            r.block_len = block_len;
                            r.defer = Some((Arc::new(FieldMap::default()), usize::MAX));
                            let mut kept = Vec::new();
                            let mut got = Vec::new();
                            loop {
                                let line = match r.read_shared().unwrap() {
                                    Shared::End => break,
                                    Shared::TooLong => {
                                        got.push(Err("long".to_string()));
                                        continue;
                                    }
                                    Shared::Line(l) => l,
                                };
                                got.push(Ok(String::from_utf8(line.as_bytes().to_vec()).unwrap()));
                                if keep {
                                    kept.push(line);
                                }
                            }
                            assert_eq!(got, want, "{max} {block_len} {cap} {step} {keep}");
                            let w = r.ways;
                            total.shared += w.shared;
                            total.copied += w.copied;
                            total.moved += w.moved;
                            total.reused += w.reused;
                            total.grown += w.grown;
                        }
                    }
                }
            }
        }
        let Ways {
            shared,
            copied,
            moved,
            reused,
            grown,
        } = total;
        assert!(
            [shared, copied, moved, reused, grown]
                .iter()
                .all(|&n| n > 100),
            "{total:?}"
        );
    }

    #[test]
    fn overlong_line_is_an_error_and_reading_goes_on() {
        let long = format!("{{\"text\":\"{}\"}}", "x".repeat(100));
        let items = read_all(&format!("{long}\n{{\"text\":\"ok\"}}"), 50);
        assert!(items[0].as_ref().unwrap_err().message.contains("limit"));
        assert_eq!(items[1].as_ref().unwrap().bytes, b"ok");
    }
}
