//! The run's summary: documents, bytes, errors, skipped records, and what
//! was removed per category.

use serde_json::{Value, json};
use std::io::{self, Write};

use super::record::CategoryTotals;
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

impl Summary {
    pub fn add(&mut self, p: &Processed) {
        self.documents += 1;
        self.bytes += p.bytes as u64;
        match &p.outcome {
            Ok(c) => {
                self.removed.add(c);
                let a = &c.article;
                self.kept_chars += a
                    .page
                    .blocks
                    .iter()
                    .zip(&a.decisions)
                    .filter(|(_, d)| d.is_kept())
                    .map(|(b, _)| b.features.chars as u64)
                    .sum::<u64>();
            }
            Err(_) => self.errors += 1,
        }
        if p.panicked {
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
