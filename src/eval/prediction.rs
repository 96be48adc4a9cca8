//! What a cleaner produced for one page: the kept text and the audit of what
//! it removed.

use super::gold::{read_maybe_gz, type_name};
use anyhow::{Context, Result, anyhow};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::Path;

/// One removed block from the audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedBlock {
    /// What the block was taken for, e.g. "navigation".
    pub category: String,
    /// Id of the rule that removed it.
    pub rule: String,
    pub text: String,
}

/// One kept block and why it was kept, for tracing leftover junk back to
/// the decision that let it through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptBlock {
    /// Id of the rule or heuristic that kept it, e.g. "keep.main-content".
    pub rule: String,
    /// Where the block sits: its innermost elements as `tag.class`, outermost
    /// first, and its kind and numbers.
    pub context: String,
    pub text: String,
}

/// The cleaner's output for one page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prediction {
    pub id: String,
    /// The kept text, blocks on their own lines.
    pub text: String,
    #[serde(default)]
    pub removed: Vec<RemovedBlock>,
    /// Kept blocks with their context (only when the cleaner ran in-process).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<KeptBlock>,
}

/// Reads predictions saved by another run or another system (gzip allowed):
/// - JSON Lines, one `{"id", "text", "removed"?: [{"category", "rule", "text"}]}`
///   a line (`articleBody` or `main_content` are accepted for `text`);
/// - or one JSON object `{id: {"articleBody" | "main_content" | "text": ...}}`,
///   the benchmarks' own prediction format.
pub fn load_predictions(path: &Path) -> Result<Vec<Prediction>> {
    let bytes = read_maybe_gz(path)
        .with_context(|| format!("reading predictions file {}", path.display()))?;
    parse_predictions(&bytes).map_err(|e| anyhow!("predictions file {}: {e}", path.display()))
}

/// Parses predictions (see [`load_predictions`]).
pub fn parse_predictions(bytes: &[u8]) -> std::result::Result<Vec<Prediction>, String> {
    // A whole-file object keyed by id, whose values are all objects without an
    // "id" of their own, is the map form; anything else is read as JSON Lines.
    if let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(bytes) {
        let is_map_form = !map.contains_key("id")
            && !map.is_empty()
            && map
                .values()
                .all(|v| matches!(v, Value::Object(o) if !o.contains_key("id")));
        if is_map_form {
            return map
                .into_iter()
                .map(|(id, v)| record(Some(id.clone()), v).map_err(|e| format!("page {id:?}: {e}")))
                .collect();
        }
    }
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(line)
            .map_err(|e| format!("line {}: not valid JSON: {e}", n + 1))?;
        out.push(record(None, value).map_err(|e| format!("line {}: {e}", n + 1))?);
    }
    Ok(out)
}

fn record(id: Option<String>, value: Value) -> std::result::Result<Prediction, String> {
    let Value::Object(mut fields) = value else {
        return Err(format!("expected an object, found {}", type_name(&value)));
    };
    let id = match (id, fields.remove("id")) {
        (Some(id), _) => id,
        (None, Some(Value::String(s))) => s,
        (None, Some(Value::Number(n))) => n.to_string(),
        (None, Some(other)) => {
            return Err(format!(
                "field \"id\" should be a string, found {}",
                type_name(&other)
            ));
        }
        (None, None) => return Err("has no \"id\"".to_string()),
    };
    let text = ["text", "articleBody", "main_content"]
        .iter()
        .find_map(|f| fields.remove(*f))
        .unwrap_or(Value::Null);
    let text = match text {
        Value::Null => String::new(),
        Value::String(s) => s,
        other => {
            return Err(format!(
                "the text should be a string, found {}",
                type_name(&other)
            ));
        }
    };
    let removed = match fields.remove("removed") {
        None | Some(Value::Null) => Vec::new(),
        Some(v) => serde_json::from_value(v).map_err(|e| format!("field \"removed\": {e}"))?,
    };
    Ok(Prediction {
        id,
        text,
        removed,
        kept: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json_lines_with_audit() {
        let data = br#"{"id": "a", "url": "u", "text": "Kept text"}

{"id": 7, "text": "More", "removed": [{"category": "navigation", "rule": "nav-1", "text": "Home"}]}
"#;
        let preds = parse_predictions(data).unwrap();
        assert_eq!(preds.len(), 2);
        assert_eq!(preds[0].id, "a");
        assert_eq!(preds[0].text, "Kept text");
        assert!(preds[0].removed.is_empty());
        assert_eq!(preds[1].id, "7");
        assert_eq!(
            preds[1].removed,
            vec![RemovedBlock {
                category: "navigation".into(),
                rule: "nav-1".into(),
                text: "Home".into()
            }]
        );
    }

    #[test]
    fn reads_a_single_json_line() {
        let preds = parse_predictions(br#"{"id": "a", "text": "x"}"#).unwrap();
        assert_eq!(preds.len(), 1);
        assert_eq!(preds[0].id, "a");
    }

    #[test]
    fn reads_the_benchmark_map_form() {
        let data = br#"{"p1": {"articleBody": "One"}, "p2": {"main_content": null}}"#;
        let mut preds = parse_predictions(data).unwrap();
        preds.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(preds[0].id, "p1");
        assert_eq!(preds[0].text, "One");
        assert_eq!(preds[1].text, "");
    }

    #[test]
    fn errors_give_the_line() {
        let err = parse_predictions(b"{\"id\": \"a\", \"text\": \"x\"}\n{oops").unwrap_err();
        assert!(err.starts_with("line 2"), "{err}");
        let err = parse_predictions(b"{\"text\": \"x\"}\n{\"text\": \"y\"}").unwrap_err();
        assert!(err.contains("line 1") && err.contains("id"), "{err}");
        let err =
            parse_predictions(b"{\"id\": \"a\", \"removed\": [{\"rule\": \"r\"}]}").unwrap_err();
        assert!(err.contains("removed"), "{err}");
    }
}
