//! HTML -> blocks. Walks the parsed tree once, without recursion (deep
//! documents must not blow the stack), cutting text into blocks at
//! block-level elements.

use ego_tree::iter::Edge;
use scraper::{Html, Node, Selector};

use super::block::{Block, BlockKind, Element, Features, Page};
use super::features;
use super::marks::Marks;

/// Elements whose content is never visible text.
fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "option"
            | "textarea"
            | "button"
            | "input"
            | "video"
            | "audio"
            | "map"
            | "dialog"
    )
}

/// Elements that start and end a block of text.
fn is_block_level(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dd"
            | "dt"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "pre"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "caption"
            | "form"
            | "fieldset"
            | "legend"
            | "address"
            | "body"
            | "html"
            | "center"
            | "details"
            | "summary"
            | "hr"
            | "menu"
            | "hgroup"
            | "label"
    )
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
    if el.attr("hidden").is_some() {
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

fn tokens_of(el: &scraper::node::Element) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(id) = el.id() {
        out.push(id.to_ascii_lowercase());
    }
    for c in el.classes() {
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Builds blocks while the tree is walked.
struct Builder {
    page: Page,
    link_chars: Vec<u32>,
    text: String,
    text_link_chars: u32,
    /// Open block-level elements (index into page.elements) and their tags.
    stack: Vec<usize>,
    pending_space: bool,
    /// Site-rule selectors holding each block.
    marks: Marks,
}

impl Builder {
    fn push_text(&mut self, s: &str, in_link: bool, pre: bool) {
        self.marks.text(s);
        // Only what is appended is counted: recounting the whole block on
        // every text node made a block of many inline elements quadratic.
        let before = self.text.len();
        if pre {
            self.text.push_str(s);
        } else {
            let starts_ws = s.starts_with(char::is_whitespace);
            for (n, word) in s.split_whitespace().enumerate() {
                if (n > 0 || starts_ws || self.pending_space) && !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.pending_space = false;
                self.text.push_str(word);
            }
            // A trailing separator means a space before the next word.
            if s.ends_with(char::is_whitespace) {
                self.pending_space = true;
            }
        }
        if in_link {
            let added = self.text.get(before..).unwrap_or_default().chars().count();
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
        let raw = std::mem::take(&mut self.text);
        let link = std::mem::take(&mut self.text_link_chars);
        let owner = self.stack.last().copied();
        let (tag, kind, depth) = match owner.and_then(|i| self.page.elements.get(i)) {
            Some(e) => (e.tag.clone(), kind_of(&e.tag), e.depth),
            None => ("body".to_string(), BlockKind::Other, 0),
        };
        let text = if kind == BlockKind::Pre {
            raw.trim_matches('\n').to_string()
        } else {
            raw.trim().to_string()
        };
        if !text.chars().any(char::is_alphanumeric) {
            return;
        }
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

pub fn segment(html: &str) -> Page {
    segment_with_marks(html, &[]).0
}

/// `segment`, also telling for each block which of `selectors` match its
/// element or an ancestor (for site rules; see `marks`).
pub fn segment_with_marks(html: &str, selectors: &[Selector]) -> (Page, Vec<Vec<usize>>) {
    let doc = parse(html);
    let visible = walk(&doc, selectors, false);
    // Some pages ship their content in hidden markup that scripts reveal
    // (streamed server rendering). When what shows is next to nothing and
    // the hidden part is much larger, the hidden part is the page.
    let words = |p: &Page| p.blocks.iter().map(|b| b.features.words).sum::<u32>();
    if words(&visible.0) < THIN_PAGE_WORDS {
        let mut all = walk(&doc, selectors, true);
        if words(&all.0) >= 3 * words(&visible.0) + THIN_PAGE_WORDS {
            all.0
                .warnings
                .push("content read from hidden elements: the visible page is nearly empty".into());
            return all;
        }
    }
    visible
}

/// A page showing fewer words than this may have its content hidden.
const THIN_PAGE_WORDS: u32 = 150;

fn walk(doc: &Html, selectors: &[Selector], include_hidden: bool) -> (Page, Vec<Vec<usize>>) {
    let mut b = Builder {
        page: Page {
            is_html: true,
            ..Page::default()
        },
        link_chars: Vec::new(),
        text: String::new(),
        text_link_chars: 0,
        stack: Vec::new(),
        pending_space: false,
        marks: Marks::new(doc, selectors),
    };
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
                            let parent = b.stack.last().copied();
                            let classes: Vec<String> =
                                el.classes().map(|c| c.to_ascii_lowercase()).collect();
                            b.page.elements.push(Element {
                                tag: tag.to_string(),
                                tokens: tokens_of(el),
                                id: el.id().map(|s| s.to_string()),
                                classes,
                                role: el.attr("role").map(|s| s.to_ascii_lowercase()),
                                parent,
                                depth,
                            });
                            b.stack.push(b.page.elements.len() - 1);
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
                            h1 = Some(b.page.blocks[idx].text.clone());
                        }
                        b.stack.pop();
                    }
                }
            }
        }
    }
    b.flush();
    let link_chars = std::mem::take(&mut b.link_chars);
    let marks = std::mem::take(&mut b.marks.blocks);
    let mut page = b.page;
    features::compute(&mut page, &link_chars);
    let clean = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    page.title_candidates = [og_title, h1, title_tag]
        .into_iter()
        .flatten()
        .map(clean)
        .filter(|s| !s.is_empty())
        .collect();
    (page, marks)
}
