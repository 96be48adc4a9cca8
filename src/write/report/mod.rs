//! `--report FILE.html`: one self-contained HTML page for a whole run, to
//! check what was removed and why, document by document.
//!
//! The page is written as the run goes, so memory stays bounded: each
//! document's blocks go straight to the file as their own `<script>` data
//! element (gzipped JSON in base64, a third of the plain JSON's size; the
//! page unpacks one only when that document is opened, with the browser's
//! own `DecompressionStream`), and only a small summary per document (id,
//! url, title, counts per category: some hundred bytes) is held until the
//! end, where the index, the run's totals and the script are written.
//!
//! Caps keep the file usable for big runs: block text is cut at
//! [`TEXT_CAP`] characters, and once [`DETAIL_BUDGET`] bytes of block data
//! are written the remaining documents are listed with their totals only.
//! The page says both.

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Write};

use crate::classify::Category;
use crate::engine::Processed;
use crate::write::Summary;
use crate::write::record::block_path;

/// Characters of block text stored per block.
pub const TEXT_CAP: usize = 300;
/// Bytes of (packed) block data written before later documents get totals
/// only: about 15,000 documents of typical web pages, a file a browser
/// still opens in a few seconds.
pub const DETAIL_BUDGET: u64 = 160 << 20;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

/// Streams a report into `out`: [`ReportBuilder::add`] for each processed
/// document in order, then [`ReportBuilder::finish`] with the run's summary.
pub struct ReportBuilder<W: Write> {
    out: W,
    /// The index: one compact JSON array per document, comma-separated.
    index: Vec<u8>,
    docs: u64,
    detail_bytes: u64,
    docs_without_detail: u64,
    cut_blocks: u64,
    rules: HashMap<String, usize>,
    rule_names: Vec<String>,
    budget: u64,
}

/// Serialise JSON to sit inside a `<script>` element: `<` only occurs in
/// strings, where `\u003c` means the same and cannot close the element.
fn script_json(v: &Value) -> Vec<u8> {
    let raw = serde_json::to_vec(v).unwrap_or_default();
    let mut out = Vec::with_capacity(raw.len() + 16);
    for &b in &raw {
        if b == b'<' {
            out.extend_from_slice(b"\\u003c");
        } else {
            out.push(b);
        }
    }
    out
}

/// Standard base64 with padding, as the browser's `atob` reads it.
fn base64(data: &[u8]) -> Vec<u8> {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    out
}

/// A document's block data as the page stores it: gzipped JSON in base64.
fn pack(v: &Value) -> io::Result<Vec<u8>> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    serde_json::to_writer(&mut gz, v)?;
    Ok(base64(&gz.finish()?))
}

fn cap_text(s: &str) -> (String, bool) {
    match s.char_indices().nth(TEXT_CAP) {
        Some((at, _)) => (format!("{}…", &s[..at]), true),
        None => (s.to_string(), false),
    }
}

/// Two decimals are plenty to read a score or a ratio.
fn r2(x: f32) -> f64 {
    (x as f64 * 100.0).round() / 100.0
}

fn category_index(c: Category) -> i64 {
    Category::ALL
        .iter()
        .position(|&x| x == c)
        .map_or(-1, |i| i as i64)
}

impl<W: Write> ReportBuilder<W> {
    /// Writes the page's head at once, so a bad path fails before the run.
    pub fn new(mut out: W) -> io::Result<Self> {
        write!(
            out,
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <meta name=\"generator\" content=\"unboil {}\">\
             <title>unboil report</title><style>{CSS}</style></head>\n<body>\
             <div id=\"app\"><noscript>This report needs JavaScript to show its data.</noscript>\
             <p class=\"loading\">Loading the report…</p></div>\n",
            env!("CARGO_PKG_VERSION")
        )?;
        Ok(ReportBuilder {
            out,
            index: Vec::new(),
            docs: 0,
            detail_bytes: 0,
            docs_without_detail: 0,
            cut_blocks: 0,
            rules: HashMap::new(),
            rule_names: Vec::new(),
            budget: DETAIL_BUDGET,
        })
    }

    /// Bytes of block data to write before later documents get totals
    /// only (default [`DETAIL_BUDGET`]).
    pub fn detail_budget(mut self, bytes: u64) -> Self {
        self.budget = bytes;
        self
    }

    fn rule(&mut self, id: &str) -> usize {
        if let Some(&i) = self.rules.get(id) {
            return i;
        }
        self.rule_names.push(id.to_string());
        self.rules.insert(id.to_string(), self.rule_names.len() - 1);
        self.rule_names.len() - 1
    }

    /// Add one document (in input order).
    pub fn add(&mut self, p: &Processed) -> io::Result<()> {
        let n = self.docs;
        self.docs += 1;
        let id = p.meta.id.clone().unwrap_or_else(|| {
            let mut s = p.meta.source.clone();
            if let Some(l) = p.meta.line {
                s.push_str(&format!(":{l}"));
            }
            s
        });
        let c = match &p.outcome {
            Err(msg) => {
                let entry = json!([id, p.meta.url, null, 0, 0, 0, [], msg, 0]);
                return self.push_index(&entry);
            }
            Ok(c) => c,
        };
        let a = &c.article;
        let mut kept = 0u64;
        let mut per_cat: Vec<(u64, u64)> = vec![(0, 0); Category::ALL.len()];
        let mut paths: Vec<String> = Vec::new();
        let mut path_ix: HashMap<String, usize> = HashMap::new();
        let mut blocks = Vec::with_capacity(a.page.blocks.len());
        let with_detail = self.detail_bytes < self.budget;
        for (b, d) in a.page.blocks.iter().zip(&a.decisions) {
            let chars = b.features.chars as u64;
            let cat = d.removed.map_or(-1, category_index);
            match usize::try_from(cat) {
                Ok(i) => {
                    per_cat[i].0 += chars;
                    per_cat[i].1 += 1;
                }
                Err(_) => kept += chars,
            }
            if !with_detail {
                continue;
            }
            let path = if a.page.is_html {
                let s = block_path(&a.page, b);
                let i = match path_ix.get(&s) {
                    Some(&i) => i,
                    None => {
                        paths.push(s.clone());
                        path_ix.insert(s, paths.len() - 1);
                        paths.len() - 1
                    }
                };
                i as i64
            } else {
                -1
            };
            let (text, cut) = cap_text(&b.text);
            if cut {
                self.cut_blocks += 1;
            }
            let f = &b.features;
            blocks.push(json!([
                cat,
                self.rule(&d.rule),
                r2(d.score),
                chars,
                f.words,
                r2(f.link_density),
                r2(f.stopword_ratio),
                u8::from(d.in_main),
                path,
                text,
            ]));
        }
        if with_detail {
            let detail = pack(&json!({"p": paths, "b": blocks}))?;
            write!(self.out, "<script type=\"application/gzip\" id=\"d{n}\">")?;
            self.out.write_all(&detail)?;
            self.out.write_all(b"</script>\n")?;
            self.detail_bytes += detail.len() as u64;
        } else {
            self.docs_without_detail += 1;
        }
        let removed: u64 = per_cat.iter().map(|c| c.0).sum();
        let cats: Vec<Value> = per_cat
            .iter()
            .enumerate()
            .filter(|(_, c)| c.1 > 0)
            .map(|(i, c)| json!([i, c.0, c.1]))
            .collect();
        let entry = json!([
            id,
            p.meta.url,
            a.title,
            a.page.blocks.len(),
            kept,
            removed,
            cats,
            null,
            u8::from(with_detail)
        ]);
        self.push_index(&entry)
    }

    fn push_index(&mut self, entry: &Value) -> io::Result<()> {
        if !self.index.is_empty() {
            self.index.push(b',');
        }
        self.index.extend_from_slice(&script_json(entry));
        Ok(())
    }

    /// Write the index, the run's totals and the script; returns the writer
    /// (flushed).
    pub fn finish(self, summary: &Summary) -> io::Result<W> {
        self.finish_run(summary, false)
    }

    /// `finish` for a run that stopped before its inputs were all read
    /// (its output was closed, as by `| head`): the page says so, and shows
    /// the documents cleaned until then.
    pub fn finish_early(self, summary: &Summary) -> io::Result<W> {
        self.finish_run(summary, true)
    }

    fn finish_run(mut self, summary: &Summary, stopped_early: bool) -> io::Result<W> {
        let run = json!({
            "stopped_early": stopped_early,
            "version": env!("CARGO_PKG_VERSION"),
            "summary": summary.to_json(),
            "categories": Category::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            "rules": self.rule_names,
            "text_cap": TEXT_CAP,
            "cut_blocks": self.cut_blocks,
            "detail_budget_mb": self.budget.div_ceil(1 << 20),
            "docs_without_detail": self.docs_without_detail,
        });
        self.out
            .write_all(b"<script type=\"application/json\" id=\"run\">")?;
        self.out.write_all(&script_json(&run))?;
        self.out
            .write_all(b"</script>\n<script type=\"application/json\" id=\"index\">[")?;
        self.out.write_all(&self.index)?;
        write!(
            self.out,
            "]</script>\n<script>{JS}</script>\n</body></html>\n"
        )?;
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn processed(html: &str) -> Processed {
        crate::engine::process(
            &crate::Cleaner::default(),
            Ok(crate::read::Document::html(html)),
        )
    }

    fn between<'a>(s: &'a str, from: &str, to: &str) -> &'a str {
        let start = s.find(from).unwrap() + from.len();
        &s[start..start + s[start..].find(to).unwrap()]
    }

    #[test]
    fn past_the_budget_documents_keep_their_totals_only() {
        let page = "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
            <article><p>The harbour closed on Monday as the storm reached the coast, officials said.</p></article>";
        let mut r = ReportBuilder::new(Vec::new()).unwrap().detail_budget(1);
        let (a, b) = (processed(page), processed(page));
        r.add(&a).unwrap();
        r.add(&b).unwrap();
        let mut summary = Summary::default();
        summary.add(&a);
        summary.add(&b);
        let html = String::from_utf8(r.finish(&summary).unwrap()).unwrap();
        assert!(html.contains("<script type=\"application/gzip\" id=\"d0\">"));
        assert!(!html.contains("id=\"d1\""));
        let run: Value = serde_json::from_str(between(&html, "id=\"run\">", "</script>")).unwrap();
        assert_eq!(run["docs_without_detail"], 1);
        assert_eq!(run["summary"]["documents"], 2);
        let index: Value =
            serde_json::from_str(between(&html, "id=\"index\">", "</script>")).unwrap();
        // Both keep their totals; only the first has its blocks.
        assert_eq!(index[0][5], index[1][5]);
        assert!(index[0][5].as_u64().unwrap() > 0);
        assert_eq!(index[0][8], 1);
        assert_eq!(index[1][8], 0);
    }

    #[test]
    fn base64_pads_like_atob_expects() {
        assert_eq!(base64(b""), b"");
        assert_eq!(base64(b"f"), b"Zg==");
        assert_eq!(base64(b"fo"), b"Zm8=");
        assert_eq!(base64(b"foo"), b"Zm9v");
        assert_eq!(base64(b"foob"), b"Zm9vYg==");
        assert_eq!(base64(&[0xfb, 0xff, 0xfe]), b"+//+");
    }

    #[test]
    fn script_json_cannot_close_its_element() {
        let v = json!({"t": "</script><!-- x"});
        let s = String::from_utf8(script_json(&v)).unwrap();
        assert!(!s.contains('<'), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn long_block_text_is_cut_at_the_cap() {
        let long = "é".repeat(TEXT_CAP + 5);
        let (t, cut) = cap_text(&long);
        assert!(cut);
        assert_eq!(t.chars().count(), TEXT_CAP + 1);
        assert!(t.ends_with('…'));
        assert_eq!(cap_text("short"), ("short".to_string(), false));
    }
}
