//! What the read stage hands on: documents, or records of why one could
//! not be read.

use serde_json::{Map, Value};

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
    /// A charset declared by the transport (an HTTP header in a WARC).
    pub charset: Option<String>,
    /// Input fields passed through to the output record.
    pub extra: Map<String, Value>,
    /// File path or `<stdin>`.
    pub source: String,
    /// 1-based line for JSONL, record number for WARC.
    pub line: Option<u64>,
    /// `Some(limit)`: `bytes` are still gzip-compressed, and inflate to at
    /// most `limit` bytes. A gzipped file is read as it is on the one
    /// reader thread and inflated by the worker that cleans it, which
    /// keeps the reader from being the bottleneck.
    pub gzip_limit: Option<usize>,
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
            charset: None,
            extra: Map::new(),
            source: String::new(),
            line: None,
            gzip_limit: None,
        }
    }

    /// Inflate `bytes` in place when they are still compressed (see
    /// `gzip_limit`); the errors are those a compressed file gives when it
    /// is read.
    pub fn inflate(&mut self) -> Result<(), String> {
        use std::io::Read;
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
