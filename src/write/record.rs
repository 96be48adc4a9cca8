//! The JSON records unboil writes: the output record, the error record and
//! the audit record. Their shapes are a contract (see README.md).

use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

use crate::classify::Category;
use crate::pipeline::Cleaned;
use crate::read::RecordError;

/// Where a document came from and what it carries through.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub id: Option<String>,
    pub url: Option<String>,
    pub source: String,
    pub line: Option<u64>,
    pub extra: Map<String, Value>,
}

fn opt(s: &Option<String>) -> Value {
    s.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

/// `{"id","url","title","text"}` plus the input's other fields.
pub fn output(meta: &Meta, c: &Cleaned, markdown: bool) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), opt(&meta.id));
    m.insert("url".into(), opt(&meta.url));
    m.insert("title".into(), opt(&c.article.title));
    let text = if markdown {
        c.article.markdown()
    } else {
        c.article.text()
    };
    m.insert("text".into(), Value::String(text));
    for (k, v) in &meta.extra {
        m.entry(k.clone()).or_insert_with(|| v.clone());
    }
    Value::Object(m)
}

/// `{"id","line","error"}` (plus url and source when known).
pub fn error(meta: &Meta, message: &str) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), opt(&meta.id));
    if meta.url.is_some() {
        m.insert("url".into(), opt(&meta.url));
    }
    m.insert("source".into(), Value::String(meta.source.clone()));
    m.insert("line".into(), meta.line.map_or(Value::Null, Value::from));
    m.insert("error".into(), Value::String(message.to_string()));
    Value::Object(m)
}

pub fn meta_of_error(e: &RecordError) -> Meta {
    Meta {
        id: e.id.clone(),
        url: e.url.clone(),
        source: e.source.clone(),
        line: e.line,
        extra: Map::new(),
    }
}

fn round(x: f32) -> f64 {
    (x as f64 * 1000.0).round() / 1000.0
}

/// One line of the `--audit` file: every removed block, why, and totals.
pub fn audit(meta: &Meta, c: &Cleaned) -> Value {
    let a = &c.article;
    let mut removed = Vec::new();
    let mut removed_chars: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut kept_chars = 0u64;
    for (b, d) in a.page.blocks.iter().zip(&a.decisions) {
        let chars = b.features.chars as u64;
        let Some(cat) = d.removed else {
            kept_chars += chars;
            continue;
        };
        *removed_chars.entry(cat.as_str()).or_default() += chars;
        let f = &b.features;
        let mut r = json!({
            "index": b.index,
            "category": cat.as_str(),
            "rule": d.rule,
            "score": round(d.score),
            "chars": chars,
            "text": b.text,
            "features": {
                "words": f.words,
                "link_density": round(f.link_density),
                "stopword_ratio": round(f.stopword_ratio),
                "punctuation": f.punctuation,
                "ends_sentence": f.ends_sentence,
                "position": round(f.position),
                "in_main": d.in_main,
            },
        });
        if a.page.is_html {
            r["path"] = Value::String(a.page.css_path(b));
        }
        removed.push(r);
    }
    json!({
        "id": opt(&meta.id),
        "url": opt(&meta.url),
        "title": opt(&a.title),
        "blocks": a.page.blocks.len(),
        "kept_chars": kept_chars,
        "removed_chars": removed_chars,
        "removed": removed,
    })
}

/// Totals by category, for a run's summary.
#[derive(Debug, Default, Clone)]
pub struct CategoryTotals {
    pub blocks: BTreeMap<Category, u64>,
    pub chars: BTreeMap<Category, u64>,
}

impl CategoryTotals {
    pub fn add(&mut self, c: &Cleaned) {
        let a = &c.article;
        for (b, d) in a.page.blocks.iter().zip(&a.decisions) {
            if let Some(cat) = d.removed {
                *self.blocks.entry(cat).or_default() += 1;
                *self.chars.entry(cat).or_default() += b.features.chars as u64;
            }
        }
    }
}
