//! The read stage: files, directories, stdin, JSONL and WARC, gzip or not,
//! streamed as one sequence of documents (or error records) in input order.

pub mod decode;
pub mod document;
pub(crate) mod json_str;
pub mod jsonl;
pub mod open;
pub mod sniff;
pub mod warc;
pub mod warc_docs;

pub use document::{Document, Item, Kind, RecordError, Unread, UnreadFile};
pub use jsonl::{FieldMap, Line};
pub use open::{InputFormat, Inputs, ReadOptions};
