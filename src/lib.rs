//! unboil: clean scraped web content. HTML or text whose HTML is gone goes
//! in; the article body comes out, with an audit of every section removed.
//!
//! ```
//! let cleaner = unboil::Cleaner::default();
//! let article = cleaner.clean_text(
//!     "Storm closes the harbour\n\
//!      The harbour closed on Monday as the storm reached the coast, officials said.\n\
//!      Boats stayed in port and the ferry service was cancelled until further notice.\n\
//!      Follow us on Facebook, Twitter and Instagram!",
//! );
//! assert_eq!(article.title.as_deref(), Some("Storm closes the harbour"));
//! assert!(!article.text().contains("Follow us"));
//! ```
//!
//! The pipeline, one folder per stage: [`read`] (files, stdin, JSONL, WARC,
//! gzip, charsets) -> [`segment`] (HTML or text into one block model) ->
//! [`classify`] (rules, heuristics, sections) -> [`assemble`] (title, body)
//! -> [`write`] (text, Markdown, JSON, the audit).

pub mod assemble;
pub mod classify;
pub mod engine;
pub mod eval;
pub mod pipeline;
pub mod read;
pub mod segment;
#[cfg(test)]
mod test_rng;
pub mod write;

pub use assemble::Article;
pub use classify::{Category, Decision, RuleSet, RuleSetBuilder};
pub use pipeline::{Cleaned, Cleaner};
pub use read::{Document, Kind};
