//! HTML -> blocks, cutting text into blocks at block-level elements.
//!
//! Pages are read in one streaming pass: `tokenize` + `tree` give the
//! elements' opens and closes in tree order, with no DOM built (scraper's
//! parse alone cost more than all of this). Only pages with site-rule CSS
//! selectors still go through scraper's tree, which the selectors match
//! against (`segment_with_marks`); both paths cut blocks the same way.
//! Neither recurses: deep documents must not blow the stack.

use std::borrow::Cow;

use ego_tree::iter::Edge;
use scraper::{Html, Node, Selector};

use super::block::{Block, BlockKind, Element, Features, Page};
use super::block_text::BlockText;
use super::depth;
use super::features;
use super::marks::Marks;
use super::tokenize::{self, Attr};
use super::tree::{self, Events};

/// Elements whose content is never visible text.
fn is_skipped(tag: &str) -> bool {
    tree::SKIP_TAGS.contains(&tag)
}

/// Elements that start and end a block of text.
fn is_block_level(tag: &str) -> bool {
    tree::BLOCK_TAGS.contains(&tag)
}

fn kind_of(tag: &str) -> BlockKind {
    match tag {
        "p" => BlockKind::Paragraph,
        "h1" => BlockKind::Heading(1),
        "h2" => BlockKind::Heading(2),
        "h3" => BlockKind::Heading(3),
        "h4" => BlockKind::Heading(4),
        "h5" => BlockKind::Heading(5),
        "h6" => BlockKind::Heading(6),
        "li" | "dd" | "dt" => BlockKind::ListItem,
        "td" | "th" => BlockKind::TableCell,
        "pre" => BlockKind::Pre,
        "blockquote" => BlockKind::Quote,
        "figcaption" | "caption" => BlockKind::Caption,
        _ => BlockKind::Other,
    }
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("class").is_some_and(class_hides) {
        return true;
    }
    if el
        .attr("aria-hidden")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// `Element::tokens`: the id lower-cased, then the (lower-cased) classes.
fn tokens_of(id: Option<&str>, classes: &[String]) -> Vec<String> {
    let mut tokens = Vec::with_capacity(classes.len() + 1);
    if let Some(id) = id {
        tokens.push(id.to_ascii_lowercase());
    }
    tokens.extend(classes.iter().cloned());
    tokens
}

/// An open block-level element: in `page.elements`, or not yet, as only
/// elements on the path to a block are kept (`Page::elements`). Waiting
/// costs nothing for the many elements that end up holding no text.
enum Slot<'h> {
    Done(usize),
    Pending(Pending<'h>),
}

#[derive(Clone, Copy)]
struct Pending<'h> {
    tag: &'static str,
    id: Option<&'h str>,
    class: Option<&'h str>,
    role: Option<&'h str>,
    depth: u16,
}

/// Length of the whitespace character (as `char::is_whitespace`) at byte
/// `i`, 0 if there is none.
#[inline]
fn ws_len(s: &str, i: usize) -> usize {
    let c = s.as_bytes()[i];
    if c < 0x80 {
        return usize::from(matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' '));
    }
    match s.get(i..).and_then(|t| t.chars().next()) {
        Some(ch) if ch.is_whitespace() => ch.len_utf8(),
        _ => 0,
    }
}

/// Bytes of the UTF-8 character starting with `lead`.
#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// Builds blocks while the tree is walked.
struct Builder<'h> {
    page: Page,
    link_chars: Vec<u32>,
    text: String,
    text_link_chars: u32,
    /// Open block-level elements.
    stack: Vec<Slot<'h>>,
    /// Slots below this are all `Done`.
    first_pending: usize,
    pending_space: bool,
    /// Site-rule selectors holding each block.
    marks: Marks,
}

impl<'h> Builder<'h> {
    fn new(marks: Marks) -> Self {
        Builder {
            page: Page {
                is_html: true,
                ..Page::default()
            },
            link_chars: Vec::new(),
            text: String::new(),
            text_link_chars: 0,
            stack: Vec::new(),
            first_pending: 0,
            pending_space: false,
            marks,
        }
    }

    fn push_slot(&mut self, slot: Slot<'h>) {
        if matches!(slot, Slot::Pending(_)) && self.first_pending >= self.stack.len() {
            self.first_pending = self.stack.len();
        }
        self.stack.push(slot);
    }

    fn pop_slot(&mut self) {
        self.stack.pop();
        self.first_pending = self.first_pending.min(self.stack.len());
    }

    /// The innermost open block-level element's tag and depth.
    fn top(&self) -> Option<(&str, u16)> {
        match self.stack.last()? {
            Slot::Done(i) => self
                .page
                .elements
                .get(*i)
                .map(|e| (e.tag.as_str(), e.depth)),
            Slot::Pending(p) => Some((p.tag, p.depth)),
        }
    }

    /// Puts the open elements into `page.elements` (outer first, so in
    /// document order); returns the innermost.
    fn materialize(&mut self) -> Option<usize> {
        let mut parent = match self
            .first_pending
            .checked_sub(1)
            .and_then(|k| self.stack.get(k))
        {
            Some(Slot::Done(i)) => Some(*i),
            _ => None,
        };
        for k in self.first_pending..self.stack.len() {
            match self.stack[k] {
                Slot::Done(i) => parent = Some(i),
                Slot::Pending(p) => {
                    let seen = Seen {
                        id: p.id,
                        class: p.class,
                        role: p.role,
                        ..Seen::default()
                    };
                    self.page
                        .elements
                        .push(element_of(p.tag, &seen, parent, p.depth));
                    let i = self.page.elements.len() - 1;
                    self.stack[k] = Slot::Done(i);
                    parent = Some(i);
                }
            }
        }
        self.first_pending = self.stack.len();
        parent
    }

    fn push_text(&mut self, s: &str, in_link: bool, pre: bool) {
        self.marks.text(s);
        // Only what is appended is counted: recounting the whole block on
        // every text node made a block of many inline elements quadratic.
        let before = self.text.len();
        if pre {
            // The spec's input stream turns CR LF and CR into LF.
            if s.contains('\r') {
                self.text
                    .push_str(&s.replace("\r\n", "\n").replace('\r', "\n"));
            } else {
                self.text.push_str(s);
            }
        } else {
            // Words joined by single spaces; a separator at either end
            // (or owed from the last text) becomes one space between words.
            let b = s.as_bytes();
            let mut owed = self.pending_space;
            let mut i = 0;
            while i < b.len() {
                let w = ws_len(s, i);
                if w > 0 {
                    owed = true;
                    i += w;
                    continue;
                }
                let start = i;
                while i < b.len() && ws_len(s, i) == 0 {
                    i += utf8_len(b[i]);
                }
                if owed && !self.text.is_empty() {
                    self.text.push(' ');
                }
                owed = false;
                self.text.push_str(s.get(start..i).unwrap_or_default());
            }
            self.pending_space = owed;
        }
        if in_link {
            // Characters, counted as the bytes that start one.
            let added = self.text.as_bytes()[before.min(self.text.len())..]
                .iter()
                .filter(|&&c| (c as i8) >= -0x40)
                .count();
            self.text_link_chars = self.text_link_chars.saturating_add(added as u32);
        }
    }

    fn flush(&mut self) {
        let n = self.page.blocks.len();
        self.flush_block();
        self.marks.end_block(self.page.blocks.len() > n);
    }

    fn flush_block(&mut self) {
        self.pending_space = false;
        let link = std::mem::take(&mut self.text_link_chars);
        if self.text.is_empty() {
            return;
        }
        let (kind, depth) = match self.top() {
            Some((tag, depth)) => (kind_of(tag), depth),
            None => (BlockKind::Other, 0),
        };
        let trimmed = if kind == BlockKind::Pre {
            self.text.trim_matches('\n')
        } else {
            self.text.trim()
        };
        if !trimmed.chars().any(char::is_alphanumeric) {
            self.text.clear();
            return;
        }
        // The buffer stays for the next block: one exact copy per block.
        let text = BlockText::from(trimmed);
        self.text.clear();
        // A pending element's tag is static already: no copy for it.
        let tag = match self.stack.last() {
            Some(Slot::Pending(p)) => Cow::Borrowed(p.tag),
            Some(_) => Cow::Owned(self.top().map_or("body", |(t, _)| t).to_string()),
            None => Cow::Borrowed("body"),
        };
        let owner = self.materialize();
        self.link_chars.push(link);
        let index = self.page.blocks.len();
        self.page.blocks.push(Block {
            index,
            text,
            kind,
            tag,
            element: owner,
            features: Features {
                depth,
                ..Features::default()
            },
        });
    }
}

/// Parse and segment an HTML document (already decoded).
/// Most `<noscript>` holds "please enable JavaScript" and tracking pixels;
/// some sites serve their whole content there for crawlers with scripts
/// off. Only the latter is read.
fn is_noscript_page(node: ego_tree::NodeRef<'_, Node>) -> bool {
    const MIN_WORDS: usize = 40;
    let mut words = 0;
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            words += t.split_whitespace().count();
            if words >= MIN_WORDS {
                return true;
            }
        }
    }
    false
}

/// Parse as a browser with JavaScript off does (the way crawlers fetch):
/// `<noscript>` content is markup, not raw text.
fn parse(html: &str) -> Html {
    use html5ever::tendril::TendrilSink;
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    html5ever::driver::parse_document(scraper::HtmlTreeSink::new(Html::new_document()), opts)
        .one(html)
}

/// Segment an HTML document (already decoded), nesting capped at the
/// default depth (see `depth`).
pub fn segment(html: &str) -> Page {
    segment_capped(html, depth::DEFAULT_MAX_DEPTH)
}

/// `segment` with nesting deeper than `max` flattened; a flattened page
/// says so in a warning.
pub fn segment_capped(html: &str, max: usize) -> Page {
    let (visible, dropped) = stream(html, false, max);
    let words = |p: &Page| p.blocks.iter().map(|b| b.features.words).sum::<u32>();
    // As in `segment_scraper`: hidden content is the page when what shows
    // is next to nothing.
    let mut page = visible;
    if words(&page) < THIN_PAGE_WORDS {
        let (all, _) = stream(html, true, max);
        if words(&all) >= 3 * words(&page) + THIN_PAGE_WORDS {
            page = all;
            page.warnings.push(HIDDEN_WARNING.into());
        }
    }
    if dropped > 0 {
        page.warnings.push(depth::warning(max, dropped));
    }
    page
}

/// `segment`, also telling for each block which of `selectors` match its
/// element or an ancestor (for site rules; see `marks`).
pub fn segment_with_marks(html: &str, selectors: &[Selector]) -> (Page, Vec<Vec<usize>>) {
    depth::segment_with_marks(html, depth::DEFAULT_MAX_DEPTH, selectors)
}

const HIDDEN_WARNING: &str = "content read from hidden elements: the visible page is nearly empty";

/// The scraper path, for pages with site-rule selectors: they are matched
/// on scraper's tree (see `marks`). The nesting must be capped beforehand
/// (`depth::limit`).
pub(crate) fn segment_scraper(html: &str, selectors: &[Selector]) -> (Page, Vec<Vec<usize>>) {
    let doc = parse(html);
    let visible = walk(&doc, selectors, false);
    // Some pages ship their content in hidden markup that scripts reveal
    // (streamed server rendering). When what shows is next to nothing and
    // the hidden part is much larger, the hidden part is the page.
    let words = |p: &Page| p.blocks.iter().map(|b| b.features.words).sum::<u32>();
    if words(&visible.0) < THIN_PAGE_WORDS {
        let mut all = walk(&doc, selectors, true);
        if words(&all.0) >= 3 * words(&visible.0) + THIN_PAGE_WORDS {
            all.0.warnings.push(HIDDEN_WARNING.into());
            return all;
        }
    }
    visible
}

/// A page showing fewer words than this may have its content hidden.
const THIN_PAGE_WORDS: u32 = 150;

fn walk(doc: &Html, selectors: &[Selector], include_hidden: bool) -> (Page, Vec<Vec<usize>>) {
    let mut b = Builder::new(Marks::new(doc, selectors));
    let mut og_title = None;
    let mut title_tag = None;
    let mut h1 = None;
    // Depth of skipped subtrees, links and <pre> we are inside of.
    let mut skip_depth = 0usize;
    let mut link_depth = 0usize;
    let mut pre_depth = 0usize;
    let mut in_title = false;
    let mut depth: u16 = 0;
    // Whether each open element pushed onto `b.stack` (to pop on close).
    let mut pushed: Vec<bool> = Vec::new();

    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    b.marks.enter(node.id());
                    depth = depth.saturating_add(1);
                    let tag = el.name();
                    if skip_depth > 0
                        || is_skipped(tag)
                        || (!include_hidden && is_hidden(el))
                        || (tag == "noscript" && !is_noscript_page(node))
                    {
                        skip_depth += 1;
                    }
                    if tag == "meta"
                        && el.attr("property").or(el.attr("name")) == Some("og:title")
                        && og_title.is_none()
                    {
                        og_title = el.attr("content").map(|s| s.trim().to_string());
                    }
                    if tag == "title" && title_tag.is_none() {
                        in_title = true;
                    }
                    let mut did_push = false;
                    if skip_depth == 0 && tag != "head" && tag != "title" {
                        if tag == "a" {
                            link_depth += 1;
                        }
                        if tag == "pre" {
                            pre_depth += 1;
                        }
                        if tag == "br" {
                            b.flush();
                        } else if is_block_level(tag) {
                            b.flush();
                            let parent = b.materialize();
                            let classes: Vec<String> =
                                el.classes().map(|c| c.to_ascii_lowercase()).collect();
                            b.page.elements.push(Element {
                                tag: tag.to_string(),
                                tokens: tokens_of(el.id(), &classes),
                                id: el.id().map(|s| s.to_string()),
                                classes,
                                role: el.attr("role").map(|s| s.to_ascii_lowercase()),
                                parent,
                                depth,
                            });
                            b.push_slot(Slot::Done(b.page.elements.len() - 1));
                            did_push = true;
                        }
                    }
                    pushed.push(did_push);
                }
                Node::Text(t) => {
                    if in_title {
                        let s = title_tag.get_or_insert_with(String::new);
                        s.push_str(t);
                    } else if skip_depth == 0 {
                        b.push_text(t, link_depth > 0, pre_depth > 0);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    b.marks.leave(node.id());
                    depth = depth.saturating_sub(1);
                    let tag = el.name();
                    let did_push = pushed.pop().unwrap_or(false);
                    if tag == "title" {
                        in_title = false;
                    }
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    if tag == "a" {
                        link_depth = link_depth.saturating_sub(1);
                    }
                    if tag == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    if did_push {
                        let idx = b.page.blocks.len();
                        b.flush();
                        if h1.is_none() && tag == "h1" && b.page.blocks.len() > idx {
                            h1 = Some(b.page.blocks[idx].text.to_string());
                        }
                        b.pop_slot();
                    }
                }
            }
        }
    }
    finish(b, [og_title, h1, title_tag])
}

/// The end of either walk: the last block, features, title candidates
/// (best first, whitespace squeezed); the page and each block's marks.
fn finish(mut b: Builder<'_>, titles: [Option<String>; 3]) -> (Page, Vec<Vec<usize>>) {
    b.flush();
    let link_chars = std::mem::take(&mut b.link_chars);
    let marks = std::mem::take(&mut b.marks.blocks);
    let mut page = b.page;
    features::compute(&mut page, &link_chars);
    let clean = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    page.title_candidates = titles
        .into_iter()
        .flatten()
        .map(clean)
        .filter(|s| !s.is_empty())
        .collect();
    (page, marks)
}

// ------------------------------------------------------------ streaming

/// What an element did on open, undone on close.
#[derive(Clone, Copy, Default)]
pub struct Fx {
    bits: u8,
    /// Index into `page.elements` when `PUSHED`.
    elem: u32,
}

const PUSHED: u8 = 1;
const LINK: u8 = 1 << 1;
const PRE: u8 = 1 << 2;
const SKIPS: u8 = 1 << 3;
const HIDDEN: u8 = 1 << 4;
const KEPT: u8 = 1 << 5;

/// The block-level tag as a static string, for elements not yet kept.
fn block_tag(tag: &str) -> Option<&'static str> {
    tree::BLOCK_TAGS.iter().find(|&&t| t == tag).copied()
}

/// The attributes the walk reads, found in one pass (first of each name,
/// as the spec keeps), values not yet decoded.
#[derive(Default)]
struct Seen<'a> {
    id: Option<&'a str>,
    class: Option<&'a str>,
    role: Option<&'a str>,
    style: Option<&'a str>,
    aria_hidden: Option<&'a str>,
    hidden: bool,
}

fn seen<'a>(attrs: &[Attr<'a>]) -> Seen<'a> {
    let mut s = Seen::default();
    for a in attrs {
        let slot = match a.name.len() {
            2 if a.name.eq_ignore_ascii_case("id") => &mut s.id,
            4 if a.name.eq_ignore_ascii_case("role") => &mut s.role,
            5 if a.name.eq_ignore_ascii_case("class") => &mut s.class,
            5 if a.name.eq_ignore_ascii_case("style") => &mut s.style,
            6 if a.name.eq_ignore_ascii_case("hidden") => {
                s.hidden = true;
                continue;
            }
            11 if a.name.eq_ignore_ascii_case("aria-hidden") => &mut s.aria_hidden,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(a.value);
        }
    }
    s
}

/// Whether `style` says `display:none` or `visibility:hidden`, spaces and
/// case aside.
fn style_hides(style: &str) -> bool {
    // Cheap test first: most styles name neither property.
    let has = |p: &str| {
        style
            .as_bytes()
            .windows(p.len())
            .any(|w| w.eq_ignore_ascii_case(p.as_bytes()))
    };
    if !has("display") && !has("visibility") {
        return false;
    }
    let style = tokenize::decode(style, true);
    // Non-ASCII whitespace also separates, as `char::is_whitespace` did.
    let mut style: String = style.split_whitespace().collect();
    style.make_ascii_lowercase();
    style.contains("display:none") || style.contains("visibility:hidden")
}

fn hidden_seen(s: &Seen<'_>) -> bool {
    s.hidden
        || s.class.is_some_and(class_hides)
        || s.aria_hidden
            .is_some_and(|v| tokenize::decode(v, true).eq_ignore_ascii_case("true"))
        || s.style.is_some_and(style_hides)
}

/// Utility classes that hide an element (`hide`, `hidden`, `d-none`) as
/// the page loads, as `display:none` does, or keep it off the screen for
/// screen readers only (`sr-only`: a product card's name said again, a
/// form's label), unless another class shows it again at some screen size
/// (`hidden md:block`, `d-none d-lg-flex`, `hide show@medium`). Class
/// parts (`hide-mobile`, `overflow-hidden`) do not hide.
fn class_hides(class: &str) -> bool {
    let mut hides = false;
    for t in class.split_ascii_whitespace() {
        if [
            "hide",
            "hidden",
            "d-none",
            "is-hidden",
            "sr-only",
            "visually-hidden",
            "screen-reader-text",
        ]
        .iter()
        .any(|h| t.eq_ignore_ascii_case(h))
        {
            hides = true;
        } else if t.contains([':', '@']) || t.starts_with("d-") || t.starts_with("visible") {
            return false;
        }
    }
    hides
}

/// Whether a `<noscript>` whose start tag ends at `at` holds the page (see
/// `is_noscript_page`): its text up to `</noscript>`, tags and comments
/// left out.
fn noscript_holds_page(html: &str, at: usize) -> bool {
    const MIN_WORDS: usize = 40;
    let b = html.as_bytes();
    let mut i = at;
    let mut words = 0;
    while i < b.len() {
        let next = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |p| i + p);
        words += html
            .get(i..next)
            .unwrap_or_default()
            .split_whitespace()
            .count();
        if words >= MIN_WORDS {
            return true;
        }
        let rest = &b[next..];
        if rest.len() >= 10 && rest[..10].eq_ignore_ascii_case(b"</noscript") {
            return false;
        }
        i = if rest.starts_with(b"<!--") {
            memchr::memmem::find(&rest[4..], b"-->").map_or(b.len(), |p| next + 4 + p + 3)
        } else if rest.len() > 1 && (rest[1].is_ascii_alphabetic() || rest[1] == b'/') {
            memchr::memchr(b'>', rest).map_or(b.len(), |p| next + p + 1)
        } else {
            next + 1
        };
    }
    false
}

/// Class tokens as scraper gives them: split on whitespace, sorted,
/// without duplicates; then lower-cased.
fn classes_of(class: Option<&str>) -> Vec<String> {
    let Some(class) = class else {
        return Vec::new();
    };
    let class = tokenize::decode(class, true);
    let mut v: Vec<String> = if class.bytes().any(|c| c.is_ascii_uppercase()) {
        // Sorted by the names as written, capitals first.
        let mut v: Vec<&str> = class.split_ascii_whitespace().collect();
        v.sort_unstable();
        v.dedup();
        return v.into_iter().map(|c| c.to_ascii_lowercase()).collect();
    } else {
        class.split_ascii_whitespace().map(str::to_string).collect()
    };
    v.sort_unstable();
    v.dedup();
    v
}

fn element_of(tag: &str, s: &Seen<'_>, parent: Option<usize>, depth: u16) -> Element {
    let id = s.id.map(|v| tokenize::decode(v, true).into_owned());
    let classes = classes_of(s.class);
    Element {
        tag: tag.to_string(),
        tokens: tokens_of(id.as_deref(), &classes),
        id,
        classes,
        role: s
            .role
            .map(|v| tokenize::decode(v, true).to_ascii_lowercase()),
        parent,
        depth,
    }
}

struct Walk<'h> {
    html: &'h str,
    b: Builder<'h>,
    include_hidden: bool,
    og_title: Option<String>,
    title_tag: Option<String>,
    h1: Option<String>,
    skip_depth: usize,
    link_depth: usize,
    pre_depth: usize,
    in_title: bool,
    depth: u16,
}

impl<'h> Events<'h> for Walk<'h> {
    type Fx = Fx;

    fn open(
        &mut self,
        tag: &str,
        props: u32,
        attrs: Option<&[Attr<'h>]>,
        clone_of: Option<Fx>,
        at: usize,
    ) -> Fx {
        self.depth = self.depth.saturating_add(1);
        let attrs = attrs.unwrap_or_default();
        let seen = seen(attrs);
        let hidden = match clone_of {
            Some(fx) => fx.bits & HIDDEN != 0,
            None => hidden_seen(&seen),
        };
        let mut fx = Fx::default();
        if hidden {
            fx.bits |= HIDDEN;
        }
        if self.skip_depth > 0
            || props & tree::SKIP != 0
            || (!self.include_hidden && hidden)
            || (tag == "noscript" && !noscript_holds_page(self.html, at))
        {
            self.skip_depth += 1;
            fx.bits |= SKIPS;
        }
        if tag == "meta" && self.og_title.is_none() {
            let prop = tokenize::attr(attrs, "property").or_else(|| tokenize::attr(attrs, "name"));
            if prop.as_deref() == Some("og:title") {
                self.og_title = tokenize::attr(attrs, "content").map(|s| s.trim().to_string());
            }
        }
        if tag == "title" && self.title_tag.is_none() {
            self.in_title = true;
        }
        if self.skip_depth == 0 && tag != "head" && tag != "title" {
            if tag == "a" {
                self.link_depth += 1;
                fx.bits |= LINK;
            }
            if tag == "pre" {
                self.pre_depth += 1;
                fx.bits |= PRE;
            }
            if tag == "br" {
                self.b.flush();
            } else if let Some(tag) = (props & tree::BLOCK != 0).then(|| block_tag(tag)).flatten() {
                self.b.flush();
                self.b.push_slot(Slot::Pending(Pending {
                    tag,
                    id: seen.id,
                    class: seen.class,
                    role: seen.role,
                    depth: self.depth,
                }));
                fx.bits |= PUSHED;
                // Kept at once: on every path, and a later `<body>` tag
                // may add to their attributes.
                if (tag == "html" || tag == "body")
                    && let Some(i) = self.b.materialize()
                {
                    fx.bits |= KEPT;
                    fx.elem = i as u32;
                }
            }
        }
        fx
    }

    fn close(&mut self, tag: &str, _props: u32, fx: Fx) {
        self.depth = self.depth.saturating_sub(1);
        if tag == "title" {
            self.in_title = false;
        }
        if fx.bits & SKIPS != 0 {
            self.skip_depth = self.skip_depth.saturating_sub(1);
            return;
        }
        if fx.bits & LINK != 0 {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        if fx.bits & PRE != 0 {
            self.pre_depth = self.pre_depth.saturating_sub(1);
        }
        if fx.bits & PUSHED != 0 {
            let idx = self.b.page.blocks.len();
            self.b.flush();
            if self.h1.is_none() && tag == "h1" && self.b.page.blocks.len() > idx {
                self.h1 = Some(self.b.page.blocks[idx].text.to_string());
            }
            self.b.pop_slot();
        }
    }

    fn detach(&mut self, _tag: &str, fx: &mut Fx) {
        if fx.bits & SKIPS != 0 {
            self.skip_depth = self.skip_depth.saturating_sub(1);
        }
        if fx.bits & LINK != 0 {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        if fx.bits & PRE != 0 {
            self.pre_depth = self.pre_depth.saturating_sub(1);
        }
        fx.bits &= !(SKIPS | LINK | PRE);
    }

    fn merge(&mut self, fx: &mut Fx, attrs: &[Attr<'h>]) {
        if fx.bits & KEPT == 0 {
            return;
        }
        let Some(e) = self.b.page.elements.get_mut(fx.elem as usize) else {
            return;
        };
        // Only attributes the element lacks are added.
        let s = seen(attrs);
        if e.id.is_none() {
            e.id = s.id.map(|v| tokenize::decode(v, true).into_owned());
        }
        if e.classes.is_empty() {
            e.classes = classes_of(s.class);
        }
        if e.role.is_none() {
            e.role = s
                .role
                .map(|v| tokenize::decode(v, true).to_ascii_lowercase());
        }
        e.tokens = tokens_of(e.id.as_deref(), &e.classes);
    }

    fn text(&mut self, s: &str) {
        if self.in_title {
            self.title_tag.get_or_insert_with(String::new).push_str(s);
        } else if self.skip_depth == 0 {
            self.b.push_text(s, self.link_depth > 0, self.pre_depth > 0);
        }
    }
}

/// One streaming pass over the page; also how many start tags were past
/// the depth cap.
fn stream(html: &str, include_hidden: bool, max: usize) -> (Page, usize) {
    let mut w = Walk {
        html,
        b: Builder::new(Marks::default()),
        include_hidden,
        og_title: None,
        title_tag: None,
        h1: None,
        skip_depth: 0,
        link_depth: 0,
        pre_depth: 0,
        in_title: false,
        depth: 0,
    };
    let dropped = tree::build(html, &mut w, max);
    let (page, _) = finish(w.b, [w.og_title, w.h1, w.title_tag]);
    (page, dropped)
}
