//! A small HTML tokenizer: the states of the HTML spec's tokenizer that
//! change which text and tags a page yields, scanned with `memchr` over the
//! bytes instead of char by char. html5ever's tokenizer alone took about
//! 70% of scraper's whole parse; this one takes a fraction of that.
//!
//! What it does not model changes nothing we read: parse errors, exact
//! doctype fields (only "is there one, is it `html`", for quirks mode),
//! comments' text, and NUL characters (dropped, as the tree builder drops
//! them in body text).

use std::borrow::Cow;

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// How the content after a start tag is tokenized; the tree builder says.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Content {
    Markup,
    /// `title`, `textarea`: text with character references.
    Rcdata,
    /// `style`, `iframe`, `xmp`, ...: text as is.
    Rawtext,
    /// `script`: raw text with the spec's `<!--` escape states.
    Script,
    /// `plaintext`: the rest of the document is text.
    Plaintext,
}

/// An attribute as written: name and value not yet decoded.
#[derive(Clone, Copy, Debug)]
pub struct Attr<'a> {
    pub name: &'a str,
    pub value: &'a str,
}

/// The first attribute called `name` (ASCII case-insensitive; later
/// duplicates are ignored, as the spec does), its value decoded.
pub fn attr<'a>(attrs: &[Attr<'a>], name: &str) -> Option<Cow<'a, str>> {
    attrs
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
        .map(|a| decode(a.value, true))
}

pub trait Sink<'h> {
    /// A start tag, its name lower-cased; returns how to read its content.
    fn start_tag(
        &mut self,
        name: &str,
        attrs: &[Attr<'h>],
        self_closing: bool,
        end: usize,
    ) -> Content;
    fn end_tag(&mut self, name: &str);
    /// Text, character references decoded where the state decodes them.
    fn text(&mut self, text: &str);
    /// `<!doctype NAME ...>`.
    fn doctype(&mut self, html: bool);
    /// Whether the current node is SVG or MathML (CDATA sections are text
    /// there, bogus comments elsewhere).
    fn in_foreign(&self) -> bool;
}

fn is_ws(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

/// Tokenize `html`, feeding `sink`.
pub fn run<'h, S: Sink<'h>>(html: &'h str, sink: &mut S) {
    let b = html.as_bytes();
    let mut attrs: Vec<Attr<'h>> = Vec::new();
    let mut name = String::new();
    let mut text_from = 0;
    let mut i = 0;
    let mut content = Content::Markup;
    // Skip a byte order mark, as the spec's decoder does.
    if b.starts_with("\u{feff}".as_bytes()) {
        text_from = 3;
        i = 3;
    }
    loop {
        match content {
            Content::Markup => {}
            Content::Plaintext => {
                emit_text(sink, html, text_from, b.len(), false);
                return;
            }
            raw => {
                let tag = std::mem::take(&mut name);
                let end = match raw {
                    Content::Script => script_end(b, i),
                    _ => end_tag_at(b, i, tag.as_bytes()),
                };
                emit_text(sink, html, i, end, raw == Content::Rcdata);
                name = tag;
                content = Content::Markup;
                i = end;
                text_from = end;
                if end >= b.len() {
                    return;
                }
                // `end` is at `</name`: read as an ordinary end tag below.
            }
        }
        let Some(p) = memchr::memchr(b'<', b.get(i..).unwrap_or_default()) else {
            emit_text(sink, html, text_from, b.len(), true);
            return;
        };
        let lt = i + p;
        let next = b.get(lt + 1).copied();
        match next {
            Some(c) if c.is_ascii_alphabetic() => {
                let Some(tag) = read_tag(html, lt + 1, &mut attrs, &mut name) else {
                    // The document ends inside the tag: the tag is dropped.
                    emit_text(sink, html, text_from, lt, true);
                    return;
                };
                emit_text(sink, html, text_from, lt, true);
                content = sink.start_tag(&name, &attrs, tag.self_closing, tag.end);
                i = tag.end;
                text_from = i;
            }
            Some(b'/') => match b.get(lt + 2).copied() {
                Some(c) if c.is_ascii_alphabetic() => {
                    let Some(tag) = read_tag(html, lt + 2, &mut attrs, &mut name) else {
                        emit_text(sink, html, text_from, lt, true);
                        return;
                    };
                    emit_text(sink, html, text_from, lt, true);
                    sink.end_tag(&name);
                    i = tag.end;
                    text_from = i;
                }
                Some(b'>') => {
                    emit_text(sink, html, text_from, lt, true);
                    i = lt + 3;
                    text_from = i;
                }
                None => i = lt + 2,
                Some(_) => {
                    emit_text(sink, html, text_from, lt, true);
                    i = bogus_comment_end(b, lt + 2);
                    text_from = i;
                }
            },
            Some(b'!') => {
                emit_text(sink, html, text_from, lt, true);
                let rest = &b[lt + 2..];
                i = if rest.starts_with(b"--") {
                    comment_end(b, lt + 4)
                } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
                    let end = bogus_comment_end(b, lt + 9);
                    let inner = &b[lt + 9..end.saturating_sub(1).max(lt + 9)];
                    let name: Vec<u8> = inner
                        .iter()
                        .copied()
                        .skip_while(|&c| is_ws(c))
                        .take_while(|&c| !is_ws(c) && c != b'>')
                        .collect();
                    sink.doctype(name.eq_ignore_ascii_case(b"html"));
                    end
                } else if rest.starts_with(b"[CDATA[") && sink.in_foreign() {
                    let from = lt + 9;
                    match memchr::memmem::find(&b[from..], b"]]>") {
                        Some(e) => {
                            emit_text(sink, html, from, from + e, false);
                            from + e + 3
                        }
                        None => {
                            emit_text(sink, html, from, b.len(), false);
                            b.len()
                        }
                    }
                } else {
                    bogus_comment_end(b, lt + 2)
                };
                text_from = i;
            }
            Some(b'?') => {
                emit_text(sink, html, text_from, lt, true);
                i = bogus_comment_end(b, lt + 1);
                text_from = i;
            }
            // A `<` that starts no tag is text.
            _ => i = lt + 1,
        }
        if i >= b.len() {
            emit_text(sink, html, text_from, b.len(), true);
            return;
        }
    }
}

fn emit_text<'h, S: Sink<'h>>(sink: &mut S, html: &str, from: usize, to: usize, refs: bool) {
    if from >= to {
        return;
    }
    // Tag and text boundaries are ASCII bytes, so char boundaries.
    let Some(s) = html.get(from..to) else { return };
    let t = if refs {
        decode(s, false)
    } else {
        Cow::Borrowed(s)
    };
    if t.contains('\0') {
        sink.text(&t.replace('\0', ""));
    } else {
        sink.text(&t);
    }
}

struct TagEnd {
    end: usize,
    self_closing: bool,
}

/// Reads a tag whose name starts at `from`: name (lower-cased into `name`),
/// attributes, and where it ends. None when the document ends inside it.
fn read_tag<'a>(
    html: &'a str,
    from: usize,
    attrs: &mut Vec<Attr<'a>>,
    name: &mut String,
) -> Option<TagEnd> {
    let b = html.as_bytes();
    attrs.clear();
    name.clear();
    let mut j = from;
    while j < b.len() && !is_ws(b[j]) && b[j] != b'/' && b[j] != b'>' {
        j += 1;
    }
    let raw = html.get(from..j)?;
    name.push_str(raw);
    name.make_ascii_lowercase();
    let get = |s: usize, e: usize| html.get(s..e).unwrap_or_default();
    loop {
        while j < b.len() && is_ws(b[j]) {
            j += 1;
        }
        let c = *b.get(j)?;
        if c == b'>' {
            return Some(TagEnd {
                end: j + 1,
                self_closing: false,
            });
        }
        if c == b'/' {
            if b.get(j + 1) == Some(&b'>') {
                return Some(TagEnd {
                    end: j + 2,
                    self_closing: true,
                });
            }
            j += 1;
            continue;
        }
        // An attribute name; a leading `=` is part of it.
        let ns = j;
        j += 1;
        while j < b.len() && !is_ws(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        let ne = j;
        while j < b.len() && is_ws(b[j]) {
            j += 1;
        }
        let mut value = "";
        if b.get(j) == Some(&b'=') {
            j += 1;
            while j < b.len() && is_ws(b[j]) {
                j += 1;
            }
            match *b.get(j)? {
                q @ (b'"' | b'\'') => {
                    let e = j + 1 + memchr::memchr(q, &b[j + 1..])?;
                    value = get(j + 1, e);
                    j = e + 1;
                }
                b'>' => {}
                _ => {
                    let vs = j;
                    while j < b.len() && !is_ws(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                    value = get(vs, j);
                }
            }
        }
        attrs.push(Attr {
            name: get(ns, ne),
            value,
        });
    }
}

/// After `<!--`: the position after the comment's end.
fn comment_end(b: &[u8], from: usize) -> usize {
    // `<!-->` and `<!--->` end at once.
    match b.get(from..) {
        Some([b'>', ..]) => return from + 1,
        Some([b'-', b'>', ..]) => return from + 2,
        _ => {}
    }
    let mut i = from;
    while let Some(p) = memchr::memmem::find(b.get(i..).unwrap_or_default(), b"--") {
        let d = i + p;
        match b.get(d + 2..) {
            Some([b'>', ..]) => return d + 3,
            Some([b'!', b'>', ..]) => return d + 4,
            _ => i = d + 1,
        }
    }
    b.len()
}

/// A bogus comment (or doctype) ends at the next `>`.
fn bogus_comment_end(b: &[u8], from: usize) -> usize {
    match memchr::memchr(b'>', b.get(from..).unwrap_or_default()) {
        Some(p) => from + p + 1,
        None => b.len(),
    }
}

/// Whether an end tag `</name` followed by a delimiter starts at `p`.
fn is_end_tag(b: &[u8], p: usize, name: &[u8]) -> bool {
    let s = p + 2;
    b.get(p..s) == Some(b"</")
        && b.get(s..s + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && b.get(s + name.len())
            .is_some_and(|&c| is_ws(c) || c == b'/' || c == b'>')
}

/// The start of the raw-text element `name`'s end tag, or the end.
fn end_tag_at(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(p) = memchr::memmem::find(b.get(i..).unwrap_or_default(), b"</") {
        let lt = i + p;
        if is_end_tag(b, lt, name) {
            return lt;
        }
        i = lt + 2;
    }
    b.len()
}

/// Whether `<script` followed by a delimiter starts at `p`.
fn is_script_start(b: &[u8], p: usize) -> bool {
    b.get(p + 1..p + 7)
        .is_some_and(|n| n.eq_ignore_ascii_case(b"script"))
        && b.get(p + 7)
            .is_some_and(|&c| is_ws(c) || c == b'/' || c == b'>')
}

/// Where a script's content ends: at `</script`, except inside the
/// `<!-- <script> ... </script> -->` double escape the spec keeps for old
/// pages that wrote scripts from scripts.
fn script_end(b: &[u8], from: usize) -> usize {
    #[derive(PartialEq)]
    enum St {
        Data,
        Escaped,
        Double,
    }
    let mut st = St::Data;
    let mut i = from;
    loop {
        let hay = b.get(i..).unwrap_or_default();
        let found = if st == St::Data {
            memchr::memchr(b'<', hay)
        } else {
            memchr::memchr2(b'<', b'-', hay)
        };
        let Some(p) = found else { return b.len() };
        let at = i + p;
        if b[at] == b'-' {
            if b.get(at..at + 3) == Some(b"-->") {
                st = St::Data;
                i = at + 3;
            } else {
                i = at + 1;
            }
            continue;
        }
        match st {
            St::Data => {
                if is_end_tag(b, at, b"script") {
                    return at;
                }
                if b.get(at..at + 4) == Some(b"<!--") {
                    st = St::Escaped;
                    // `<!-->` ends the escape at once: look from the dashes.
                    i = at + 2;
                    continue;
                }
            }
            St::Escaped => {
                if is_end_tag(b, at, b"script") {
                    return at;
                }
                if is_script_start(b, at) {
                    st = St::Double;
                }
            }
            St::Double => {
                if is_end_tag(b, at, b"script") {
                    st = St::Escaped;
                }
            }
        }
        i = at + 1;
    }
}

/// Decodes character references (`&amp;`, `&#8217;`, `&nbsp` ...) as the
/// spec's tokenizer does; `in_attr` keeps the attribute-value rule for a
/// name without `;` followed by `=` or an alphanumeric.
pub fn decode(s: &str, in_attr: bool) -> Cow<'_, str> {
    let b = s.as_bytes();
    let Some(first) = memchr::memchr(b'&', b) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    let mut i = first;
    loop {
        // `i` is at a `&`.
        if let Some((chars, len)) = char_ref(s, i, in_attr) {
            out.push_str(&s[from..i]);
            for c in chars.into_iter().flatten() {
                out.push(c);
            }
            from = i + len;
            i = from;
        } else {
            i += 1;
        }
        match memchr::memchr(b'&', &b[i.min(b.len())..]) {
            Some(p) => i += p,
            None => break,
        }
    }
    out.push_str(&s[from..]);
    Cow::Owned(out)
}

/// The character reference at `s[at]` (a `&`): its characters and length.
fn char_ref(s: &str, at: usize, in_attr: bool) -> Option<([Option<char>; 2], usize)> {
    let b = s.as_bytes();
    let c = *b.get(at + 1)?;
    if c == b'#' {
        let (hex, start) = match b.get(at + 2) {
            Some(b'x' | b'X') => (true, at + 3),
            _ => (false, at + 2),
        };
        let mut j = start;
        let mut n: u32 = 0;
        let mut big = false;
        while let Some(&d) = b.get(j) {
            let v = match (hex, d) {
                (_, b'0'..=b'9') => d - b'0',
                (true, b'a'..=b'f') => d - b'a' + 10,
                (true, b'A'..=b'F') => d - b'A' + 10,
                _ => break,
            };
            n = match n.checked_mul(if hex { 16 } else { 10 }) {
                Some(m) => m + v as u32,
                None => {
                    big = true;
                    n
                }
            };
            j += 1;
        }
        if j == start {
            return None;
        }
        if b.get(j) == Some(&b';') {
            j += 1;
        }
        let ch = match n {
            _ if big || n > 0x10FFFF => '\u{fffd}',
            0 | 0xD800..=0xDFFF => '\u{fffd}',
            0x80..=0x9F => C1_REPLACEMENTS[(n - 0x80) as usize]
                .or_else(|| char::from_u32(n))
                .unwrap_or('\u{fffd}'),
            _ => char::from_u32(n).unwrap_or('\u{fffd}'),
        };
        return Some(([Some(ch), None], j - at));
    }
    if !c.is_ascii_alphanumeric() {
        return None;
    }
    // The longest name in the table that the text starts with; the table
    // also holds every prefix of a name (with no characters) to stop early.
    let mut best = None;
    let mut j = at + 1;
    while j < b.len() && j - at <= 40 {
        j += 1;
        let Some(key) = s.get(at + 1..j) else { break };
        match NAMED_ENTITIES.get(key) {
            Some(&(c1, c2)) => {
                if c1 != 0 {
                    best = Some((c1, c2, j));
                }
            }
            None => break,
        }
    }
    let (c1, c2, end) = best?;
    if in_attr
        && b[end - 1] != b';'
        && b.get(end)
            .is_some_and(|&n| n == b'=' || n.is_ascii_alphanumeric())
    {
        return None;
    }
    let c2 = if c2 == 0 { None } else { char::from_u32(c2) };
    Some(([char::from_u32(c1), c2], end - at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_decode_like_the_spec() {
        assert_eq!(decode("a &amp; b", false), "a & b");
        assert_eq!(decode("&nbsp;x&nbspy", false), "\u{a0}x\u{a0}y");
        assert_eq!(decode("&#8217;&#x27;&#X41;&#150;", false), "’'A–");
        assert_eq!(
            decode("&notit; &bogus; & &#; &#0;", false),
            "¬it; &bogus; & &#; \u{fffd}"
        );
        assert_eq!(decode("?a=1&copy=2", true), "?a=1&copy=2");
        assert_eq!(decode("?a=1&copy=2", false), "?a=1©=2");
    }

    #[derive(Default)]
    struct Log(Vec<String>);
    impl Sink<'_> for Log {
        fn start_tag(&mut self, name: &str, attrs: &[Attr<'_>], sc: bool, _: usize) -> Content {
            let a: Vec<String> = attrs
                .iter()
                .map(|a| format!("{}={}", a.name, a.value))
                .collect();
            self.0.push(format!(
                "<{name} {}{}>",
                a.join(" "),
                if sc { "/" } else { "" }
            ));
            match name {
                "script" => Content::Script,
                "style" => Content::Rawtext,
                "title" => Content::Rcdata,
                _ => Content::Markup,
            }
        }
        fn end_tag(&mut self, name: &str) {
            self.0.push(format!("</{name}>"));
        }
        fn text(&mut self, text: &str) {
            self.0.push(text.to_string());
        }
        fn doctype(&mut self, html: bool) {
            self.0.push(format!("doctype {html}"));
        }
        fn in_foreign(&self) -> bool {
            false
        }
    }

    fn log(s: &str) -> String {
        let mut l = Log::default();
        run(s, &mut l);
        l.0.join("|")
    }

    #[test]
    fn tags_attributes_comments_and_raw_text() {
        assert_eq!(
            log("<!DOCTYPE html><DIV Class=\"a b\" id=x hidden data-x='>'>t&lt;<br/></div >"),
            "doctype true|<div Class=a b id=x hidden= data-x=>>|t<|<br />|</div>"
        );
        assert_eq!(log("a<!-- <p> -- -->b<!-->c<? pi >d</ x>e"), "a|b|c|d|e");
        assert_eq!(
            log("<script>if (a<b) x='</p>'; <!-- <script> </script> --> </script>z"),
            "<script >|if (a<b) x='</p>'; <!-- <script> </script> --> |</script>|z"
        );
        assert_eq!(
            log("<title>a &amp; <b></TITLE>"),
            "<title >|a & <b>|</title>"
        );
        assert_eq!(
            log("<style>a<p>&amp;</style>"),
            "<style >|a<p>&amp;|</style>"
        );
        assert_eq!(log("1 < 2 <3"), "1 < 2 <3");
        assert_eq!(log("x<div class='never"), "x");
    }
}
