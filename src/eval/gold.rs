//! Loading the gold texts of a benchmark.
//!
//! Two schemas are read, both a JSON object keyed by page id:
//! - article-extraction-benchmark: `{id: {"articleBody", "url"}}`;
//! - WCXB: `{id: {"url", "page_type", "title", "main_content", "with", "without"}}`.

use anyhow::{Context, Result, anyhow};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// One gold page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldDoc {
    pub id: String,
    pub url: Option<String>,
    /// The gold main text (`articleBody` or `main_content`).
    pub text: String,
    /// The page kind (`page_type`), when the benchmark has one.
    pub kind: Option<String>,
    /// Snippets a correct output must contain.
    pub with: Vec<String>,
    /// Boilerplate snippets a correct output must not contain.
    pub without: Vec<String>,
}

/// Fields that may hold the gold text, in order of preference.
const TEXT_FIELDS: [&str; 2] = ["articleBody", "main_content"];

/// Reads a gold file in either schema (gzip-compressed when it starts with
/// the gzip magic bytes). Errors name the file and, for a bad entry, its id.
pub fn load_gold(path: &Path) -> Result<BTreeMap<String, GoldDoc>> {
    let bytes =
        read_maybe_gz(path).with_context(|| format!("reading gold file {}", path.display()))?;
    parse_gold(&bytes).map_err(|e| anyhow!("gold file {}: {e}", path.display()))
}

/// Parses gold JSON (either schema). The error says what is wrong but not
/// which file: [`load_gold`] adds that.
pub fn parse_gold(json: &[u8]) -> std::result::Result<BTreeMap<String, GoldDoc>, String> {
    let value: Value = serde_json::from_slice(json).map_err(|e| format!("not valid JSON: {e}"))?;
    let Value::Object(entries) = value else {
        return Err(format!(
            "expected a JSON object keyed by page id, found {}",
            type_name(&value)
        ));
    };
    if entries.is_empty() {
        return Err("has no pages".to_string());
    }
    let mut docs = BTreeMap::new();
    for (id, entry) in entries {
        let doc = doc_from_value(&id, entry).map_err(|e| format!("page {id:?}: {e}"))?;
        docs.insert(id, doc);
    }
    Ok(docs)
}

fn doc_from_value(id: &str, entry: Value) -> std::result::Result<GoldDoc, String> {
    let Value::Object(mut fields) = entry else {
        return Err(format!("expected an object, found {}", type_name(&entry)));
    };
    let Some(text_field) = TEXT_FIELDS.iter().find(|f| fields.contains_key(**f)) else {
        return Err(format!(
            "has neither {:?} nor {:?}",
            TEXT_FIELDS[0], TEXT_FIELDS[1]
        ));
    };
    let text = opt_string(&mut fields, text_field)?.unwrap_or_default();
    Ok(GoldDoc {
        id: id.to_string(),
        url: opt_string(&mut fields, "url")?,
        text,
        kind: opt_string(&mut fields, "page_type")?,
        with: string_list(&mut fields, "with")?,
        without: string_list(&mut fields, "without")?,
    })
}

/// A string field; absent or null gives `None`.
fn opt_string(
    fields: &mut Map<String, Value>,
    name: &str,
) -> std::result::Result<Option<String>, String> {
    match fields.remove(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!(
            "field {name:?} should be a string, found {}",
            type_name(&other)
        )),
    }
}

/// A list-of-strings field; absent or null gives an empty list.
fn string_list(
    fields: &mut Map<String, Value>,
    name: &str,
) -> std::result::Result<Vec<String>, String> {
    match fields.remove(name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(s) => Ok(s),
                other => Err(format!(
                    "field {name:?}: item {i} should be a string, found {}",
                    type_name(&other)
                )),
            })
            .collect(),
        Some(other) => Err(format!(
            "field {name:?} should be a list of strings, found {}",
            type_name(&other)
        )),
    }
}

pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The file's bytes, gunzipped when they start with the gzip magic.
pub(crate) fn read_maybe_gz(path: &Path) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(path)?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(raw.len() * 4);
        flate2::read::MultiGzDecoder::new(raw.as_slice()).read_to_end(&mut out)?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn parses_article_benchmark_schema() {
        let json = br#"{"a1": {"articleBody": "Body one.", "url": "https://x.test/1"},
                        "a2": {"articleBody": null, "url": null}}"#;
        let gold = parse_gold(json).unwrap();
        assert_eq!(gold.len(), 2);
        let a1 = &gold["a1"];
        assert_eq!(a1.id, "a1");
        assert_eq!(a1.text, "Body one.");
        assert_eq!(a1.url.as_deref(), Some("https://x.test/1"));
        assert_eq!(a1.kind, None);
        assert!(a1.with.is_empty() && a1.without.is_empty());
        assert_eq!(gold["a2"].text, "");
        assert_eq!(gold["a2"].url, None);
    }

    #[test]
    fn parses_wcxb_schema() {
        let json = br#"{"0001": {"url": "https://y.test/", "page_type": "forum",
            "title": "T", "main_content": "Main\n\nText",
            "with": ["Main text"], "without": ["Sign in", "Menu"]}}"#;
        let gold = parse_gold(json).unwrap();
        let d = &gold["0001"];
        assert_eq!(d.text, "Main\n\nText");
        assert_eq!(d.kind.as_deref(), Some("forum"));
        assert_eq!(d.with, vec!["Main text"]);
        assert_eq!(d.without, vec!["Sign in", "Menu"]);
    }

    #[test]
    fn errors_name_the_problem_and_page() {
        let err = parse_gold(b"[1, 2]").unwrap_err();
        assert!(err.contains("expected a JSON object"), "{err}");
        let err = parse_gold(b"{}").unwrap_err();
        assert!(err.contains("no pages"), "{err}");
        let err = parse_gold(b"{\"p\": {\"url\": \"u\"}}").unwrap_err();
        assert!(
            err.contains("\"p\"") && err.contains("articleBody"),
            "{err}"
        );
        let err = parse_gold(b"{\"p\": {\"main_content\": 3}}").unwrap_err();
        assert!(
            err.contains("main_content") && err.contains("number"),
            "{err}"
        );
        let err = parse_gold(b"{\"p\": {\"main_content\": \"x\", \"with\": [1]}}").unwrap_err();
        assert!(err.contains("with") && err.contains("item 0"), "{err}");
        let err = parse_gold(b"{\"p\": ").unwrap_err();
        assert!(err.contains("not valid JSON"), "{err}");
    }

    #[test]
    fn load_gold_reads_plain_and_gzip_files_and_names_the_file() {
        let dir = std::env::temp_dir().join(format!("unboil-eval-gold-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let json = br#"{"x": {"articleBody": "Some gold text here."}}"#;

        let plain = dir.join("gold.json");
        std::fs::write(&plain, json).unwrap();
        assert_eq!(load_gold(&plain).unwrap()["x"].text, "Some gold text here.");

        let gz = dir.join("gold.json.gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(json).unwrap();
        std::fs::write(&gz, enc.finish().unwrap()).unwrap();
        assert_eq!(load_gold(&gz).unwrap()["x"].text, "Some gold text here.");

        let bad = dir.join("bad.json");
        std::fs::write(&bad, b"{\"x\": 5}").unwrap();
        let err = format!("{:#}", load_gold(&bad).unwrap_err());
        assert!(err.contains("bad.json") && err.contains("\"x\""), "{err}");

        let missing = dir.join("missing.json");
        let err = format!("{:#}", load_gold(&missing).unwrap_err());
        assert!(err.contains("missing.json"), "{err}");

        std::fs::remove_dir_all(&dir).unwrap();
    }
}
