//! The JSON records unboil writes: the output record, the error record and
//! the audit record. Their shapes are a contract (see docs/audit.md).

use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

use crate::classify::{Category, Decision};
use crate::pipeline::Cleaned;
use crate::read::RecordError;
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

/// `output` as one line of compact JSON, as `serde_json::to_vec` writes
/// it (keys in order, the same escapes), appended to `out`; without the
/// copy of the text and the map `output` makes, and escaping the text a
/// word at a time.
pub fn output_json(meta: &Meta, c: &Cleaned, markdown: bool, out: &mut Vec<u8>) {
    enum Field<'a> {
        Str(Option<&'a str>),
        Text,
        Extra(&'a Value),
    }
    let mut fields: BTreeMap<&str, Field> = BTreeMap::new();
    fields.insert("id", Field::Str(meta.id.as_deref()));
    fields.insert("url", Field::Str(meta.url.as_deref()));
    fields.insert("title", Field::Str(c.article.title.as_deref()));
    fields.insert("text", Field::Text);
    for (k, v) in &meta.extra {
        fields.entry(k.as_str()).or_insert(Field::Extra(v));
    }
    out.push(b'{');
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_str(out, k);
        out.push(b':');
        match v {
            Field::Str(None) => out.extend_from_slice(b"null"),
            Field::Str(Some(s)) => json_str(out, s),
            Field::Extra(v) => {
                // Writing to a Vec cannot fail.
                let _ = serde_json::to_writer(&mut *out, v);
            }
            Field::Text if markdown => json_str(out, &c.article.markdown()),
            Field::Text => {
                // `Article::text`, escaped as it is joined.
                out.push(b'"');
                for (i, b) in c.article.body_blocks().enumerate() {
                    if i > 0 {
                        out.extend_from_slice(b"\\n\\n");
                    }
                    escape_into(out, &b.text);
                }
                out.push(b'"');
            }
        }
    }
    out.push(b'}');
}

/// `s` as a JSON string, quoted.
fn json_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    escape_into(out, s);
    out.push(b'"');
}

/// `s` escaped as serde_json escapes a string: `"` and `\\`, the short
/// forms of backspace, tab, line feed, form feed and carriage return, and
/// `\\u00xx` for the other control bytes; nothing else. The runs between
/// such bytes (most of a text) are found eight bytes at a time and copied
/// whole.
pub fn escape_into(out: &mut Vec<u8>, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let b = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    loop {
        // The next byte to escape from `i` on, if any.
        let mut next = None;
        while let Some(chunk) = b.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            // High bit set in each byte below 0x20 (bytes from 0x80 up
            // masked off), and in each byte equal to '"' or '\\' (a zero
            // byte of x ^ c, exactly: see `zero`).
            let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
            let zero = |y: u64| !((y & !HIGH).wrapping_add(!HIGH) | y) & HIGH;
            let quote = zero(x ^ (ONES * b'"' as u64));
            let slash = zero(x ^ (ONES * b'\\' as u64));
            let m = control | quote | slash;
            if m != 0 {
                next = Some(i + (m.trailing_zeros() / 8) as usize);
                break;
            }
            i += 8;
        }
        if next.is_none() {
            next = b[i..]
                .iter()
                .position(|&c| c < 0x20 || c == b'"' || c == b'\\')
                .map(|p| i + p);
        }
        let Some(at) = next else {
            out.extend_from_slice(&b[run..]);
            return;
        };
        out.extend_from_slice(&b[run..at]);
        let c = b[at];
        let short = match c {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            b'\t' => b't',
            b'\n' => b'n',
            0x0c => b'f',
            b'\r' => b'r',
            _ => 0,
        };
        if short != 0 {
            out.extend_from_slice(&[b'\\', short]);
        } else {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(c >> 4) as usize],
                HEX[(c & 0xf) as usize],
            ]);
        }
        run = at + 1;
        i = at + 1;
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
    fn strings_escape_as_serde_json_escapes_them() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("é ’ 東京 \u{7f}\u{85}\u{2028} \"quoted\" back\\slash");
        let mut cases = vec![all.clone(), String::new(), "plain words".into()];
        // Every byte to escape at every offset of an eight-byte step.
        for c in (0u8..0x20).chain([b'"', b'\\']) {
            for n in 0..17 {
                let mut t = "x".repeat(n);
                t.push(char::from(c));
                t.push_str("tail end");
                cases.push(t);
            }
        }
        for t in cases {
            let mut got = vec![b'"'];
            escape_into(&mut got, &t);
            got.push(b'"');
            assert_eq!(got, serde_json::to_vec(&t).unwrap(), "{t:?}");
        }
    }

    #[test]
    fn output_line_is_the_output_record_as_serde_json_writes_it() {
        let c = Cleaner::default()
            .clean(&Document::text(
                "Storm closes the harbour\n\
                 The harbour closed on Monday as the storm reached the coast, officials said.\n\
                 The ferry \"service\" was cancelled until further notice, and boats stayed.",
            ))
            .unwrap();
        let mut extra = Map::new();
        // Keys before, between and after the record's own; one of them
        // (`title`) is the record's and is not overwritten.
        for k in ["a", "lang", "tz", "title", "ürl", "i"] {
            extra.insert(k.into(), json!({"k": [1, 2.5, null, k]}));
        }
        for (id, url) in [
            (None, None),
            (Some("d\"1".to_string()), Some("u".to_string())),
        ] {
            let meta = Meta {
                id,
                url,
                extra: extra.clone(),
                ..Meta::default()
            };
            for md in [false, true] {
                let mut got = Vec::new();
                output_json(&meta, &c, md, &mut got);
                let want = serde_json::to_vec(&output(&meta, &c, md)).unwrap();
                assert_eq!(
                    String::from_utf8_lossy(&got),
                    String::from_utf8_lossy(&want)
                );
            }
        }
    }

    #[test]
    fn text_input_has_no_path() {
        let c = Cleaner::default()
            .clean(&Document::text(
                "Storm closes the harbour\n\
                 The harbour closed on Monday as the storm reached the coast, officials said.\n\
                 Follow us on Facebook, Twitter and Instagram!",
            ))
            .unwrap();
        let v = audit(&Meta::default(), &c);
        let removed = v["removed"].as_array().unwrap();
        assert!(!removed.is_empty());
        assert!(removed.iter().all(|r| r.get("path").is_none()));
    }
}
