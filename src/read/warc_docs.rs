//! WARC records -> documents: HTML responses and text conversions (WET)
//! become documents, other records are counted as skipped.

use std::io::BufRead;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::document::{Document, Item, Kind, RecordError};
use super::open::ReadCounters;
use super::warc::{RecordKind, WarcReader, WarcRecord, classify, parse_http_response};

pub struct WarcDocs<R: BufRead> {
    reader: WarcReader<R>,
    source: String,
    max_doc_bytes: usize,
    counters: Arc<ReadCounters>,
}

impl<R: BufRead> WarcDocs<R> {
    pub fn new(
        reader: R,
        source: String,
        max_record_bytes: u64,
        max_doc_bytes: usize,
        counters: Arc<ReadCounters>,
    ) -> Self {
        WarcDocs {
            reader: WarcReader::new(reader).with_max_record_bytes(max_record_bytes),
            source,
            max_doc_bytes,
            counters,
        }
    }

    fn error(&self, rec: Option<&WarcRecord>, line: Option<u64>, message: String) -> RecordError {
        RecordError {
            id: rec.and_then(|r| r.record_id.clone()),
            url: rec.and_then(|r| r.target_uri.clone()),
            source: self.source.clone(),
            line,
            message,
        }
    }

    fn document(&self, rec: WarcRecord, kind: RecordKind) -> Option<Item> {
        let line = Some(rec.index + 1);
        let (kind, bytes, charset) = match kind {
            RecordKind::Skip(_) => {
                self.counters.skipped.fetch_add(1, Ordering::Relaxed);
                return None;
            }
            RecordKind::TextConversion => (Kind::Text, rec.block.clone(), None),
            RecordKind::HtmlResponse => {
                let Some(resp) = parse_http_response(&rec.block) else {
                    return Some(Err(self.error(
                        Some(&rec),
                        line,
                        "unparsable HTTP response".into(),
                    )));
                };
                // One byte over the cap, so that a larger body (a gzip bomb) is
                // refused below rather than silently cut.
                let body = match resp.decoded_body(self.max_doc_bytes.saturating_add(1)) {
                    Some(b) => b.into_owned(),
                    None => {
                        return Some(Err(self.error(
                            Some(&rec),
                            line,
                            format!(
                                "cannot decode the {} body",
                                resp.content_encoding.as_deref().unwrap_or("encoded")
                            ),
                        )));
                    }
                };
                (Kind::Html, body, resp.charset.clone())
            }
        };
        if bytes.len() > self.max_doc_bytes {
            return Some(Err(self.error(
                Some(&rec),
                line,
                format!(
                    "document larger than the {} byte limit (--max-doc-bytes)",
                    self.max_doc_bytes
                ),
            )));
        }
        Some(Ok(Document {
            id: rec.record_id.clone(),
            url: rec.target_uri.clone(),
            kind,
            bytes,
            text: None,
            charset,
            extra: serde_json::Map::new(),
            source: self.source.clone(),
            line,
            gzip_limit: None,
            unread: None,
        }))
    }
}

impl<R: BufRead> Iterator for WarcDocs<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            match self.reader.next()? {
                Err(e) => {
                    let line = Some(e.index + 1);
                    return Some(Err(self.error(None, line, e.to_string())));
                }
                Ok(rec) => {
                    let kind = classify(&rec);
                    if let Some(item) = self.document(rec, kind) {
                        return Some(item);
                    }
                }
            }
        }
    }
}
