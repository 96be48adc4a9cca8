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
        }
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
