//! A cap on HTML nesting depth, applied before the tree is built.
//!
//! html5ever's tree builder slows down badly on very deep documents (about
//! 35 s for 100,000 nested `<div>`s), so the depth is measured first with a
//! cheap, linear scan of the tags. Past the limit the page is flattened:
//! start tags deeper than the limit, and their end tags, are dropped and
//! their text is kept, so it lands in the deepest element that is kept.
//!
//! The scan models the tree builder loosely: void elements and raw-text
//! elements (`script`, `style`, ...) add no depth, an end tag closes up to
//! the matching open element (or is ignored when none is open), and a few
//! elements close an open one of their kind within its scope (`<p><p>`,
//! `<li><li>`, table rows and cells). It may over-count on odd markup; with
//! the default limit of 512, far above real pages, that only ever flattens
//! pages that are pathological anyway.

use std::borrow::Cow;
use std::collections::HashMap;

/// Default for `--max-depth`.
pub const DEFAULT_MAX_DEPTH: usize = 512;

/// Elements that never have content, so never add depth.
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"keygen"
            | b"frame"
            | b"basefont"
            | b"bgsound"
            | b"image"
    )
}

/// Elements whose content is raw text up to their end tag (no child tags).
/// Not `noscript`: pages are parsed with scripting off, as crawlers fetch
/// them, so its content is markup (see `segment::html`).
fn is_raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
    )
}

/// Elements that delimit a scope: the tree builder looks no further down
/// the stack of open elements than these when closing one implicitly.
fn is_scope(name: &[u8]) -> bool {
    matches!(
        name,
        b"html"
            | b"table"
            | b"td"
            | b"th"
            | b"caption"
            | b"marquee"
            | b"object"
            | b"applet"
            | b"template"
    )
}

/// The HTML spec's "special" elements that can be open (void ones aside).
fn is_special(name: &[u8]) -> bool {
    is_scope(name)
        || matches!(
            name,
            b"address"
                | b"article"
                | b"aside"
                | b"blockquote"
                | b"body"
                | b"button"
                | b"center"
                | b"colgroup"
                | b"dd"
                | b"details"
                | b"dir"
                | b"div"
                | b"dl"
                | b"dt"
                | b"fieldset"
                | b"figcaption"
                | b"figure"
                | b"footer"
                | b"form"
                | b"frameset"
                | b"h1"
                | b"h2"
                | b"h3"
                | b"h4"
                | b"h5"
                | b"h6"
                | b"head"
                | b"header"
                | b"hgroup"
                | b"li"
                | b"listing"
                | b"main"
                | b"menu"
                | b"nav"
                | b"ol"
                | b"p"
                | b"pre"
                | b"search"
                | b"section"
                | b"select"
                | b"summary"
                | b"tbody"
                | b"tfoot"
                | b"thead"
                | b"tr"
                | b"ul"
        )
}

/// Whether a start tag `name` implicitly closes an open element `open`
/// (`<p>a<p>b`, `<li>`s, table rows and cells), and whether the search for
/// one stops at `open` (a scope boundary) otherwise.
fn implied_close(name: &[u8], open: &[u8]) -> (bool, bool) {
    match name {
        b"li" => (
            open == b"li",
            is_special(open) && !matches!(open, b"address" | b"div" | b"p"),
        ),
        b"dt" | b"dd" => (
            matches!(open, b"dt" | b"dd"),
            is_special(open) && !matches!(open, b"address" | b"div" | b"p"),
        ),
        b"p" => (open == b"p", is_scope(open) || open == b"button"),
        b"tr" => (
            open == b"tr",
            matches!(
                open,
                b"table" | b"tbody" | b"thead" | b"tfoot" | b"template" | b"html"
            ),
        ),
        b"td" | b"th" => (
            matches!(open, b"td" | b"th"),
            matches!(open, b"tr" | b"table" | b"template" | b"html"),
        ),
        b"tbody" | b"thead" | b"tfoot" => (
            matches!(open, b"tbody" | b"thead" | b"tfoot"),
            matches!(open, b"table" | b"template" | b"html"),
        ),
        b"a" | b"button" | b"nobr" => (open == name, is_scope(open)),
        // Only the current node: an `<option>` closes an open `<option>`.
        b"option" | b"optgroup" => (
            open == b"option" || (name == b"optgroup" && open == b"optgroup"),
            true,
        ),
        _ => (false, true),
    }
}

/// Start tags that close an open `<p>` (in button scope) first.
fn closes_p(name: &[u8]) -> bool {
    matches!(
        name,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"center"
            | b"details"
            | b"dialog"
            | b"dir"
            | b"div"
            | b"dl"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"header"
            | b"hgroup"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"p"
            | b"search"
            | b"section"
            | b"summary"
            | b"ul"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"pre"
            | b"listing"
            | b"form"
            | b"li"
            | b"dd"
            | b"dt"
            | b"table"
    )
}

/// How far down the stack an implied close is looked for; past this the
/// element is counted as nested, which errs on the safe side.
const CLOSE_SEARCH: usize = 64;

/// What [`limit`] did.
#[derive(Debug, PartialEq, Eq)]
pub struct DepthReport {
    /// The deepest nesting seen, counted up to the limit plus one.
    pub deepest: usize,
    /// Start tags dropped.
    pub dropped: usize,
}

/// Open elements: interned names, how many of each are open, and whether
/// each was dropped.
struct Stack {
    ids: HashMap<Vec<u8>, u32>,
    names: Vec<Vec<u8>>,
    open: Vec<usize>,
    stack: Vec<(u32, bool)>,
}

impl Stack {
    fn id(&mut self, name: &[u8]) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.open.len() as u32;
        self.ids.insert(name.to_vec(), id);
        self.names.push(name.to_vec());
        self.open.push(0);
        id
    }

    /// The open element a start tag `name` implicitly closes, if any.
    fn implied(&self, name: &[u8]) -> Option<u32> {
        for &(id, _) in self.stack.iter().rev().take(CLOSE_SEARCH) {
            let open = self.names.get(id as usize)?;
            let (closes, stops) = implied_close(name, open);
            if closes {
                return Some(id);
            }
            if stops {
                return None;
            }
        }
        None
    }

    fn is_open(&self, id: u32) -> bool {
        self.open.get(id as usize).is_some_and(|&n| n > 0)
    }

    /// Pops up to and including the innermost open `id`; returns whether
    /// that element had been dropped.
    fn close(&mut self, id: u32) -> bool {
        while let Some((top, dropped)) = self.stack.pop() {
            if let Some(n) = self.open.get_mut(top as usize) {
                *n = n.saturating_sub(1);
            }
            if top == id {
                return dropped;
            }
        }
        false
    }

    fn push(&mut self, id: u32, dropped: bool) {
        if let Some(n) = self.open.get_mut(id as usize) {
            *n += 1;
        }
        self.stack.push((id, dropped));
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| p + from)
}

/// Finds the `>` ending a tag whose name ends at `from`, skipping quoted
/// attribute values; the input's end if there is none.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'>' => return i,
            b'=' => {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if let Some(&q) = b.get(i)
                    && (q == b'"' || q == b'\'')
                {
                    match memchr::memchr(q, &b[i + 1..]) {
                        Some(p) => i += p + 2,
                        None => return b.len(),
                    }
                    continue;
                }
            }
            _ => i += 1,
        }
    }
    b.len()
}

/// Finds the end of a raw-text element's content: the start of its end
/// tag, matched without regard to case.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(p) = find(b, i, b"</") {
        let after = p + 2;
        if b.len() >= after + name.len() && b[after..after + name.len()].eq_ignore_ascii_case(name)
        {
            return p;
        }
        i = after;
    }
    b.len()
}

/// Returns the page with nesting deeper than `max` flattened (borrowed,
/// untouched, when it is not that deep) and what was done.
pub fn limit(html: &str, max: usize) -> (Cow<'_, str>, DepthReport) {
    let b = html.as_bytes();
    let mut st = Stack {
        ids: HashMap::new(),
        names: Vec::new(),
        open: Vec::new(),
        stack: Vec::new(),
    };
    let svg = st.id(b"svg");
    let math = st.id(b"math");
    let mut report = DepthReport {
        deepest: 0,
        dropped: 0,
    };
    // Byte ranges of the tags to drop, in order.
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut name = Vec::with_capacity(16);
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', b.get(i..).unwrap_or_default()) {
        let lt = i + p;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find(b, lt + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let end_tag = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(end_tag);
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            // `<!doctype>`, `<?...>`, `</ >`: skipped to `>`; a lone `<` is text.
            i = if matches!(rest.first(), Some(b'!' | b'?' | b'/')) {
                memchr::memchr(b'>', &b[lt..]).map_or(b.len(), |e| lt + e + 1)
            } else {
                lt + 1
            };
            continue;
        }
        let mut name_end = name_start;
        while name_end < b.len()
            && !matches!(
                b[name_end],
                b'\t' | b'\n' | 0x0c | b'\r' | b' ' | b'/' | b'>'
            )
        {
            name_end += 1;
        }
        name.clear();
        name.extend(b[name_start..name_end].iter().map(u8::to_ascii_lowercase));
        let gt = tag_end(b, name_end);
        let next = (gt + 1).min(b.len());
        if end_tag {
            if let Some(&id) = st.ids.get(&name[..])
                && st.is_open(id)
                && st.close(id)
            {
                cut.push((lt, next));
            }
            i = next;
            continue;
        }
        if is_void(&name) {
            i = next;
            continue;
        }
        if is_raw_text(&name) {
            // No child tags: skip the content, add no depth.
            i = raw_text_end(b, next, &name);
            continue;
        }
        if name == b"plaintext" {
            break;
        }
        let self_closed = gt > name_end && b[gt - 1] == b'/';
        if self_closed && (st.is_open(svg) || st.is_open(math)) {
            i = next;
            continue;
        }
        let id = st.id(&name);
        if name == b"form" && st.is_open(id) {
            // The tree builder ignores a form inside a form.
            i = next;
            continue;
        }
        if closes_p(&name)
            && let Some(p) = st.implied(b"p")
        {
            st.close(p);
        }
        if let Some(closed) = st.implied(&name) {
            st.close(closed);
        }
        let depth = st.stack.len() + 1;
        report.deepest = report.deepest.max(depth.min(max.saturating_add(1)));
        let drop = depth > max;
        if drop {
            report.dropped += 1;
            cut.push((lt, next));
        }
        st.push(id, drop);
        i = next;
    }
    if cut.is_empty() {
        return (Cow::Borrowed(html), report);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (s, e) in cut {
        // Tag boundaries are ASCII `<` and `>` (or the end), so these are
        // char boundaries.
        out.push_str(html.get(from..s).unwrap_or_default());
        from = e;
    }
    out.push_str(html.get(from..).unwrap_or_default());
    (Cow::Owned(out), report)
}

/// The warning a flattened page carries.
pub fn warning(max: usize, dropped: usize) -> String {
    format!(
        "HTML nested deeper than {max} elements: {dropped} deeper start tags were dropped, their text kept (--max-depth)"
    )
}

/// Segment HTML with the nesting capped at `max`, also telling which of
/// `selectors` hold each block (see `segment::marks`). Without selectors
/// the streaming segmenter caps the depth itself; with them, the page is
/// flattened by [`limit`] and read through scraper's tree, which the
/// selectors need.
pub fn segment_with_marks(
    html: &str,
    max: usize,
    selectors: &[scraper::Selector],
) -> (super::Page, Vec<Vec<usize>>) {
    if selectors.is_empty() {
        let page = super::html::segment_capped(html, max);
        let marks = vec![Vec::new(); page.blocks.len()];
        return (page, marks);
    }
    let (html, report) = limit(html, max);
    let (mut page, marks) = super::html::segment_scraper(&html, selectors);
    if report.dropped > 0 {
        page.warnings.push(warning(max, report.dropped));
    }
    (page, marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(n: usize) -> String {
        format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n))
    }

    #[test]
    fn shallow_pages_are_untouched() {
        let page =
            "<html><body><div><p>a<p>b<ul><li>x<li>y</ul><img src=x><br></div></body></html>";
        let (out, r) = limit(page, 8);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(r.dropped, 0);
        assert_eq!(r.deepest, 5);
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_text() {
        let page = nested(1000);
        let (out, r) = limit(&page, 10);
        assert_eq!(r.dropped, 990);
        assert_eq!(r.deepest, 11);
        assert_eq!(
            out,
            format!("{}deep text{}", "<div>".repeat(10), "</div>".repeat(10))
        );
    }

    #[test]
    fn siblings_that_close_each_other_add_no_depth() {
        let page = format!("<ul>{}</ul>", "<li>item ".repeat(5000));
        let (_, r) = limit(&page, 10);
        assert_eq!((r.deepest, r.dropped), (2, 0));
    }

    #[test]
    fn nested_lists_and_tables_count_as_nested() {
        let (_, r) = limit(&"<ul><li>".repeat(100), 1000);
        assert_eq!(r.deepest, 200);
        let (_, r) = limit(&"<table><tr><td>".repeat(100), 1000);
        assert_eq!(r.deepest, 300);
        let (_, r) = limit("<table><tr><td>a<td>b<tr><td>c</table>", 10);
        assert_eq!(r.deepest, 3);
        let (_, r) = limit(&"<p><span>".repeat(100), 1000);
        assert_eq!(r.deepest, 2);
    }

    #[test]
    fn tags_in_comments_scripts_and_attributes_do_not_count() {
        let page = format!(
            "<!-- {0} --><script>{0}</script><STYLE>{0}</style ><div title=\"{0}>\">x</div>",
            "<div>".repeat(100)
        );
        let (out, r) = limit(&page, 5);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(r.deepest, 1);
    }

    #[test]
    fn noscript_content_is_markup_and_counts() {
        let (_, r) = limit(&format!("<noscript>{}</noscript>", "<div>".repeat(100)), 10);
        assert_eq!(r.dropped, 91);
    }

    #[test]
    fn no_limit_means_no_limit() {
        let page = nested(1000);
        let (out, r) = limit(&page, usize::MAX);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(r.deepest, 1000);
    }

    #[test]
    fn unclosed_tags_to_the_end_are_fine() {
        let (out, r) = limit("<div><b><i title=\"never closed", 2);
        assert_eq!(r.dropped, 1);
        assert_eq!(out, "<div><b>");
    }
}
