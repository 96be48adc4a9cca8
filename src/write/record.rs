//! The JSON records unboil writes: the output record, the error record and
//! the audit record. Their shapes are a contract (see docs/audit.md).

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

use crate::classify::{Category, Decision};
use crate::pipeline::Cleaned;
use crate::read::RecordError;
use crate::read::json_str::escape_into;
use crate::segment::{Block, Element, Features, Page};

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

/// The output record: `{"id","url","title","text"}` plus the input's other
/// fields (the record's own keys win), keys in order as serde_json's `Map`
/// keeps them. Serialized straight from the article: the body text is
/// escaped as its blocks are joined, never copied whole.
pub struct Output<'a> {
    pub meta: &'a Meta,
    pub cleaned: &'a Cleaned,
    pub markdown: bool,
}

/// A field of the output record.
enum Field<'a> {
    Str(Option<&'a str>),
    Text,
    Extra(&'a Value),
}

impl Output<'_> {
    /// The record's fields, keys in order.
    fn fields(&self) -> BTreeMap<&str, Field<'_>> {
        let mut fields: BTreeMap<&str, Field> = BTreeMap::new();
        fields.insert("id", Field::Str(self.meta.id.as_deref()));
        fields.insert("url", Field::Str(self.meta.url.as_deref()));
        fields.insert("title", Field::Str(self.cleaned.article.title.as_deref()));
        fields.insert("text", Field::Text);
        for (k, v) in &self.meta.extra {
            fields.entry(k.as_str()).or_insert(Field::Extra(v));
        }
        fields
    }

    /// The record as `serde_json::to_writer` writes it (compact), appended
    /// to `out`; strings are escaped a word at a time where serde_json
    /// looks at each byte, and the body text as its blocks are joined.
    pub fn write_compact(&self, out: &mut Vec<u8>) {
        let article = &self.cleaned.article;
        out.push(b'{');
        for (n, (k, v)) in self.fields().iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            json_str(k, out);
            out.push(b':');
            match v {
                Field::Str(None) => out.extend_from_slice(b"null"),
                Field::Str(Some(s)) => json_str(s, out),
                // Writing to a Vec cannot fail.
                Field::Extra(v) => {
                    let _ = serde_json::to_writer(&mut *out, v);
                }
                Field::Text if self.markdown => json_str(&article.markdown(), out),
                Field::Text => {
                    out.push(b'"');
                    let _ = article.write_text(&mut Escaped(out));
                    out.push(b'"');
                }
            }
        }
        out.push(b'}');
    }
}

/// `s` as a JSON string, escaped as serde_json escapes it.
fn json_str(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    escape_into(s.as_bytes(), out);
    out.push(b'"');
}

/// Text written into a JSON string, escaped.
struct Escaped<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Escaped<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        // The blank line between paragraphs, written once per block.
        if s == "\n\n" {
            self.0.extend_from_slice(b"\\n\\n");
            return Ok(());
        }
        escape_into(s.as_bytes(), self.0);
        Ok(())
    }
}

impl Serialize for Output<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let article = &self.cleaned.article;
        let fields = self.fields();
        let mut map = ser.serialize_map(Some(fields.len()))?;
        for (k, v) in &fields {
            match v {
                Field::Str(s) => map.serialize_entry(k, s)?,
                Field::Extra(v) => map.serialize_entry(k, v)?,
                Field::Text if self.markdown => map.serialize_entry(k, &article.markdown())?,
                Field::Text => map.serialize_entry(k, &BodyText(article))?,
            }
        }
        map.end()
    }
}

/// An article's plain text, serialized as a string as it is joined.
struct BodyText<'a>(&'a crate::assemble::Article);

impl std::fmt::Display for BodyText<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.write_text(f)
    }
}

impl Serialize for BodyText<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_str(self)
    }
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

/// The innermost elements of a path are always shown; this many.
const PATH_TAIL: usize = 3;
/// Outer elements kept beyond the tail: the landmarks that say which part of
/// the page a block sat in (its `nav`, `aside`, `footer`, an element with an
/// id).
const PATH_ANCHORS: usize = 2;

fn is_landmark_tag(tag: &str) -> bool {
    matches!(
        tag,
        "nav" | "aside" | "header" | "footer" | "main" | "article" | "section" | "form"
    )
}

/// A short CSS-like path to a block's element, such as
/// `body div#page > aside.sidebar div.widget > ul > li`: from `body`, up to
/// two outer landmarks and the innermost elements; elements that are parent
/// and child are joined by `>`, others by a space (CSS's descendant
/// combinator, so the path stays a selector that matches). Full paths on
/// real pages run to twenty elements of layout wrappers, which hide the part
/// that tells where the block was. `body` is shown bare: its classes
/// describe the page, not the place. Empty for text input.
pub fn block_path(page: &Page, block: &Block) -> String {
    if !page.is_html {
        return String::new();
    }
    let chain: Vec<&Element> = page
        .ancestors(block)
        .take_while(|e| e.tag != "html")
        .collect();
    let mut picked: Vec<usize> = (0..chain.len().min(PATH_TAIL)).collect();
    // Semantic landmarks first (nearest first), then elements with an id.
    let outer = PATH_TAIL..chain.len();
    let semantic = outer
        .clone()
        .filter(|&i| is_landmark_tag(&chain[i].tag) || chain[i].role.is_some());
    let with_id = outer.filter(|&i| chain[i].id.is_some());
    for i in semantic.chain(with_id) {
        if picked.len() >= PATH_TAIL + PATH_ANCHORS {
            break;
        }
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    // Every path starts at the body, so paths read alike.
    if let Some(i) = chain.iter().rposition(|e| e.tag == "body")
        && !picked.contains(&i)
    {
        picked.push(i);
    }
    picked.sort_unstable_by(|a, b| b.cmp(a));
    let mut s = String::new();
    let mut prev: Option<usize> = None;
    for &i in &picked {
        if let Some(p) = prev {
            s.push_str(if p == i + 1 { " > " } else { " " });
        }
        let e = chain[i];
        if e.tag == "body" {
            s.push_str("body");
        } else {
            s.push_str(&e.selector());
        }
        prev = Some(i);
    }
    s
}

/// The features behind a block's score, as the audit, `explain` and the
/// report show them.
pub fn features(f: &Features, d: &Decision) -> Value {
    json!({
        "words": f.words,
        "link_density": round(f.link_density),
        "stopword_ratio": round(f.stopword_ratio),
        "punctuation": f.punctuation,
        "ends_sentence": f.ends_sentence,
        "position": round(f.position),
        "in_main": d.in_main,
    })
}

/// One line of the `--audit` file: every removed block, why, and totals.
/// Kept characters are one total: kept blocks have no category.
pub fn audit(meta: &Meta, c: &Cleaned) -> Value {
    let a = &c.article;
    let mut removed = Vec::new();
    let mut removed_chars: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut removed_blocks: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut kept_chars = 0u64;
    let mut kept_blocks = 0u64;
    for (b, d) in a.page.blocks.iter().zip(&a.decisions) {
        let chars = b.features.chars as u64;
        let Some(cat) = d.removed else {
            kept_chars += chars;
            kept_blocks += 1;
            continue;
        };
        *removed_chars.entry(cat.as_str()).or_default() += chars;
        *removed_blocks.entry(cat.as_str()).or_default() += 1;
        let mut r = json!({
            "index": b.index,
            "category": cat.as_str(),
            "rule": d.rule,
            "score": round(d.score),
            "chars": chars,
            "text": b.text,
            "features": features(&b.features, d),
        });
        if a.page.is_html {
            r["path"] = Value::String(block_path(&a.page, b));
        }
        removed.push(r);
    }
    json!({
        "id": opt(&meta.id),
        "url": opt(&meta.url),
        "title": opt(&a.title),
        "blocks": a.page.blocks.len(),
        "kept_blocks": kept_blocks,
        "kept_chars": kept_chars,
        "removed_blocks": removed_blocks,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cleaner;
    use crate::read::Document;

    const PAGE: &str = "<html><body><div id=page><aside class='sidebar'><div><div>\
        <div class='widget'><ul><li><a href='/a'>Most read today</a></li></ul></div></div></div></aside>\
        <main><article><h1>Storm closes the harbour</h1>\
        <p>The harbour closed on Monday as the storm reached the coast, officials said today.</p>\
        <p>The ferry service was cancelled until further notice, and boats stayed in port.</p>\
        </article></main>\
        <div class='cookie-notice'><p>We use cookies to improve your experience on our site.</p></div>\
        </div></body></html>";

    fn cleaned() -> Cleaned {
        Cleaner::default().clean(&Document::html(PAGE)).unwrap()
    }

    /// The storm story as text with no HTML, `last` its third line.
    fn cleaned_text(last: &str) -> Cleaned {
        let page = format!(
            "Storm closes the harbour\n\
             The harbour closed on Monday as the storm reached the coast, officials said.\n{last}"
        );
        Cleaner::default().clean(&Document::text(page)).unwrap()
    }

    #[test]
    fn path_keeps_the_innermost_elements_and_the_landmarks() {
        let c = cleaned();
        let page = &c.article.page;
        let li = page
            .blocks
            .iter()
            .find(|b| b.text == "Most read today")
            .unwrap();
        assert_eq!(
            block_path(page, li),
            "body > div#page > aside.sidebar div.widget > ul > li"
        );
        let p = page
            .blocks
            .iter()
            .find(|b| b.text.starts_with("The ferry"))
            .unwrap();
        assert_eq!(block_path(page, p), "body > div#page > main > article > p");
    }

    #[test]
    fn audit_record_has_index_chars_path_features_and_totals() {
        let c = cleaned();
        let meta = Meta {
            id: Some("d1".into()),
            ..Meta::default()
        };
        let v = audit(&meta, &c);
        let removed = v["removed"].as_array().unwrap();
        let cookie = removed
            .iter()
            .find(|r| r["category"] == "cookie_notice")
            .expect("the cookie notice is removed");
        let ix = cookie["index"].as_u64().unwrap() as usize;
        let block = &c.article.page.blocks[ix];
        assert_eq!(cookie["text"], block.text.as_str());
        assert_eq!(cookie["chars"], block.text.chars().count());
        assert_eq!(cookie["path"], "body > div#page > div.cookie-notice > p");
        assert_eq!(cookie["rule"], "cookie.notice");
        assert!(cookie["score"].as_f64().unwrap() >= 1.0);
        let f = &cookie["features"];
        assert_eq!(f["words"], 10);
        assert_eq!(f["link_density"], 0.0);
        assert_eq!(f["in_main"], c.article.decisions[ix].in_main);
        // Every character is either kept or removed under one category.
        let all: u64 = c
            .article
            .page
            .blocks
            .iter()
            .map(|b| b.features.chars as u64)
            .sum();
        let by_cat: u64 = v["removed_chars"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        assert_eq!(v["kept_chars"].as_u64().unwrap() + by_cat, all);
        let blocks: u64 = v["removed_blocks"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        assert_eq!(blocks, removed.len() as u64);
        assert_eq!(
            v["kept_blocks"].as_u64().unwrap() + blocks,
            v["blocks"].as_u64().unwrap()
        );
    }

    #[test]
    fn output_record_is_the_article_with_the_inputs_fields_in_key_order() {
        let c = cleaned_text(
            "The ferry \"service\" was cancelled until further notice, and boats stayed.",
        );
        let mut extra = Map::new();
        // Keys before, between and after the record's own; `title` is the
        // record's own and is not overwritten.
        for k in ["a", "lang", "title", "ürl"] {
            extra.insert(k.into(), json!({"k": [1, 2.5, null, k]}));
        }
        let meta = Meta {
            id: Some("d\"1".into()),
            extra,
            ..Meta::default()
        };
        let line = serde_json::to_string(&Output {
            meta: &meta,
            cleaned: &c,
            markdown: false,
        })
        .unwrap();
        let v: Value = serde_json::from_str(&line).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["a", "id", "lang", "text", "title", "url", "ürl"]);
        assert!(
            line.starts_with(r#"{"a":{"k":[1,2.5,null,"a"]},"id":"d\"1","#),
            "{line}"
        );
        assert_eq!(v["title"], "Storm closes the harbour");
        assert_eq!(v["url"], Value::Null);
        assert_eq!(v["ürl"], json!({"k": [1, 2.5, null, "ürl"]}));
        assert_eq!(
            v["text"],
            "The harbour closed on Monday as the storm reached the coast, officials said.\n\n\
             The ferry \"service\" was cancelled until further notice, and boats stayed."
        );
        assert_eq!(v["text"], c.article.text());
        let md: Value = serde_json::to_value(Output {
            meta: &meta,
            cleaned: &c,
            markdown: true,
        })
        .unwrap();
        assert_eq!(md["text"], c.article.markdown());
    }

    /// The output line written by hand is the one serde_json writes, with
    /// every character JSON escapes at every place in an 8-byte word.
    #[test]
    fn compact_record_is_what_serde_json_writes() {
        let mut tricky = String::new();
        for c in (0u8..0x80)
            .map(char::from)
            .chain(['\u{7f}', 'é', '\u{2028}', '東'])
        {
            tricky.push(c);
            tricky.push_str("ab");
        }
        for end in (0..tricky.len()).filter(|&e| tricky.is_char_boundary(e)) {
            let s = &tricky[..end];
            let mut ours = Vec::new();
            json_str(s, &mut ours);
            assert_eq!(ours, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
        let c = cleaned_text(&format!(
            "The ferry was cancelled, \"then\" not: {tricky} ok."
        ));
        let mut extra = Map::new();
        extra.insert("lang".into(), json!({"k": [1, 2.5, null, "\u{1}\"x"]}));
        extra.insert("id".into(), json!("not this one"));
        for (id, url) in [(Some("d\"1\n"), None), (None, Some("https://x/\\y"))] {
            let meta = Meta {
                id: id.map(String::from),
                url: url.map(String::from),
                extra: extra.clone(),
                ..Meta::default()
            };
            for markdown in [false, true] {
                let record = Output {
                    meta: &meta,
                    cleaned: &c,
                    markdown,
                };
                let mut ours = Vec::new();
                record.write_compact(&mut ours);
                assert_eq!(
                    String::from_utf8(ours).unwrap(),
                    serde_json::to_string(&record).unwrap()
                );
            }
        }
    }

    #[test]
    fn text_input_has_no_path() {
        let c = cleaned_text("Follow us on Facebook, Twitter and Instagram!");
        let v = audit(&Meta::default(), &c);
        let removed = v["removed"].as_array().unwrap();
        assert!(!removed.is_empty());
        assert!(removed.iter().all(|r| r.get("path").is_none()));
    }
}
