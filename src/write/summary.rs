//! The run's summary: documents, bytes, errors, skipped records, and what
//! was removed per category.

use serde_json::{Value, json};
use std::io::{self, Write};

use super::record::CategoryTotals;
use crate::classify::Category;
use crate::engine::Processed;

#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub documents: u64,
    pub errors: u64,
    pub panics: u64,
    pub bytes: u64,
    pub skipped: u64,
    pub kept_chars: u64,
    pub removed: CategoryTotals,
    pub seconds: f64,
}

/// One document's share of the summary. Counted where the document was
/// cleaned (on a worker), so the thread that sums the run need not look
/// at the document's blocks; a fixed array, so counting allocates nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub bytes: u64,
    pub error: bool,
    pub panicked: bool,
    pub kept_chars: u64,
    /// Blocks and characters removed, by category in `Category::ALL` order.
    pub removed: [(u64, u64); Category::ALL.len()],
}

impl Tally {
    pub fn of(p: &Processed) -> Tally {
        let mut t = Tally {
            bytes: p.bytes as u64,
            error: p.outcome.is_err(),
            panicked: p.panicked,
            ..Tally::default()
        };
        if let Ok(c) = &p.outcome {
            let a = &c.article;
            for (b, d) in a.page.blocks.iter().zip(&a.decisions) {
                let chars = b.features.chars as u64;
                match d.removed {
                    // `ALL` lists the categories in declaration order.
                    Some(cat) => {
                        t.removed[cat as usize].0 += 1;
                        t.removed[cat as usize].1 += chars;
                    }
                    None => t.kept_chars += chars,
                }
            }
        }
        t
    }
}

impl Summary {
    pub fn add(&mut self, p: &Processed) {
        self.add_tally(&Tally::of(p));
    }

    pub fn add_tally(&mut self, t: &Tally) {
        self.documents += 1;
        self.bytes += t.bytes;
        if t.error {
            self.errors += 1;
        } else {
            self.kept_chars += t.kept_chars;
            for (&cat, &(blocks, chars)) in Category::ALL.iter().zip(&t.removed) {
                // Only categories with removed blocks appear, as before.
                if blocks > 0 {
                    *self.removed.blocks.entry(cat).or_default() += blocks;
                    *self.removed.chars.entry(cat).or_default() += chars;
                }
            }
        }
        if t.panicked {
            self.panics += 1;
        }
    }

    pub fn to_json(&self) -> Value {
        let cats: serde_json::Map<String, Value> = self
            .removed
            .blocks
            .iter()
            .map(|(c, n)| {
                (
                    c.as_str().to_string(),
                    json!({"blocks": n, "chars": self.removed.chars.get(c).copied().unwrap_or(0)}),
                )
            })
            .collect();
        json!({
            "documents": self.documents,
            "errors": self.errors,
            "panics": self.panics,
            "skipped_records": self.skipped,
            "bytes": self.bytes,
            "kept_chars": self.kept_chars,
            "removed": cats,
            "seconds": (self.seconds * 1000.0).round() / 1000.0,
            "docs_per_second": if self.seconds > 0.0 { (self.documents as f64 / self.seconds).round() } else { 0.0 },
            "mb_per_second": if self.seconds > 0.0 { ((self.bytes as f64 / 1e6 / self.seconds) * 10.0).round() / 10.0 } else { 0.0 },
        })
    }

    pub fn print(&self, w: &mut dyn Write) -> io::Result<()> {
        writeln!(
            w,
            "unboil: {} documents, {:.1} MB, {} errors, {} skipped records in {:.2}s",
            self.documents,
            self.bytes as f64 / 1e6,
            self.errors,
            self.skipped,
            self.seconds
        )?;
        if self.panics > 0 {
            writeln!(w, "unboil: {} documents hit an internal error", self.panics)?;
        }
        for (c, n) in &self.removed.blocks {
            let chars = self.removed.chars.get(c).copied().unwrap_or(0);
            writeln!(
                w,
                "  removed {:<14} {:>8} blocks {:>11} chars",
                c.as_str(),
                n,
                chars
            )?;
        }
        Ok(())
    }
}
