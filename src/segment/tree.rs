//! Tree construction without a tree: the HTML spec's stack of open
//! elements, driven by `tokenize`, reporting each element's open and close
//! (and the text between) to an [`Events`] handler in the order a walk of
//! the tree scraper builds would see them. No node is allocated.
//!
//! Modelled from the spec: the head/body phases and implied `html`, `head`,
//! `body`; implied end tags (`p`, `li`, `dd`/`dt`, options, table rows and
//! cells, implied `tbody`/`tr`); scopes; "any other end tag" stopping at
//! special elements; the list of active formatting elements with its
//! reconstruction (`<p><a>x<p>y`: y is in a link) and markers; the table,
//! select and foreign-content (SVG, MathML) insertion rules; the form
//! element pointer; `</p>` and `</br>` oddities; quirks mode for `<table>`
//! inside `<p>`.
//!
//! Simplified, as these only move nodes after the fact (which a streaming
//! walk cannot show) and are rare on real pages: the adoption agency
//! (misnested formatting end tags: the element is taken off the stack, the
//! blocks inside it stay open) and foster parenting (stray content inside a
//! table stays where it is written instead of moving before the table).
//!
//! Nesting is capped: elements deeper than `max` are kept on the stack (so
//! their end tags pair up) but reported to nobody, their text landing in
//! the deepest reported element. Searches down the stack are bounded too,
//! so deep documents stay linear.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::tokenize::{self, Attr, Content, Sink};

/// What the tree tells its user.
pub trait Events<'h> {
    /// Per-element state the user keeps, given back at close.
    type Fx: Copy + Default;
    /// An element opens. `attrs` is None for an element the tree builder
    /// made itself, with `clone_of` set when it reopens a formatting
    /// element. `at`: byte offset after the start tag.
    fn open(
        &mut self,
        tag: &str,
        props: u32,
        attrs: Option<&[Attr<'h>]>,
        clone_of: Option<Self::Fx>,
        at: usize,
    ) -> Self::Fx;
    fn close(&mut self, tag: &str, props: u32, fx: Self::Fx);
    /// The element was taken off the stack while its descendants stay
    /// open: what it does to text after this point ends now.
    fn detach(&mut self, tag: &str, fx: &mut Self::Fx);
    /// A later `<body>` or `<html>` tag adds its attributes.
    fn merge(&mut self, fx: &mut Self::Fx, attrs: &[Attr<'h>]);
    fn text(&mut self, s: &str);
}

// Element properties.
pub const BLOCK: u32 = 1; // starts and ends a block of text (segment::html)
pub const SKIP: u32 = 1 << 1; // content never visible (segment::html)
const SPECIAL: u32 = 1 << 2;
const SCOPE: u32 = 1 << 3;
const VOID: u32 = 1 << 4;
const FORMATTING: u32 = 1 << 5;
const CLOSES_P: u32 = 1 << 6;
const IMPLIED_END: u32 = 1 << 7;
const HEADING: u32 = 1 << 8;
const BREAKOUT: u32 = 1 << 9;
const TABLE_PART: u32 = 1 << 10; // caption col colgroup tbody td tfoot th thead tr
const BLOCK_END: u32 = 1 << 11; // end tag closes it when in scope

macro_rules! known {
    ($($id:ident $s:literal,)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms, clippy::enum_variant_names, dead_code)]
        #[repr(u32)]
        enum Known { $($id,)* }
        $(#[allow(dead_code)] const $id: u32 = Known::$id as u32;)*
        const KNOWN: &[&str] = &[$($s,)*];
    };
}

known! {
    HTML "html", HEAD "head", BODY "body", P "p", LI "li", DD "dd", DT "dt",
    A "a", NOBR "nobr", BUTTON "button", TABLE "table", TBODY "tbody",
    THEAD "thead", TFOOT "tfoot", TR "tr", TD "td", TH "th", CAPTION "caption",
    COL "col", COLGROUP "colgroup", SELECT "select", OPTION "option",
    OPTGROUP "optgroup", FORM "form", TEMPLATE "template", SVG "svg",
    MATH "math", BR "br", HR "hr", IMAGE "image", IMG "img", INPUT "input",
    KEYGEN "keygen", TEXTAREA "textarea", SCRIPT "script", STYLE "style",
    TITLE "title", NOSCRIPT "noscript", NOFRAMES "noframes", XMP "xmp",
    IFRAME "iframe", NOEMBED "noembed", PLAINTEXT "plaintext", PRE "pre",
    LISTING "listing", BASE "base", BASEFONT "basefont", BGSOUND "bgsound",
    LINK "link", META "meta", FRAMESET "frameset", APPLET "applet",
    MARQUEE "marquee", OBJECT "object", FONT "font", H1 "h1", H2 "h2",
    H3 "h3", H4 "h4", H5 "h5", H6 "h6", UL "ul", OL "ol", ADDRESS "address",
    DIV "div", MI "mi", MO "mo", MN "mn", MS "ms", MTEXT "mtext",
    ANNOTATION_XML "annotation-xml", FOREIGNOBJECT "foreignobject",
    DESC "desc",
}

/// Elements that start and end a block of text.
pub const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "td",
    "th",
    "tr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "pre",
    "blockquote",
    "figure",
    "figcaption",
    "caption",
    "form",
    "fieldset",
    "legend",
    "address",
    "body",
    "html",
    "center",
    "details",
    "summary",
    "hr",
    "menu",
    "hgroup",
    "label",
];

/// Elements whose content is never visible text.
pub const SKIP_TAGS: &[&str] = &[
    "script", "style", "template", "svg", "math", "iframe", "object", "embed", "canvas", "select",
    "option", "textarea", "button", "input", "video", "audio", "map", "dialog",
];

fn props_of(name: &str) -> u32 {
    let mut p = 0;
    if BLOCK_TAGS.contains(&name) {
        p |= BLOCK;
    }
    if SKIP_TAGS.contains(&name) {
        p |= SKIP;
    }
    if matches!(
        name,
        "html" | "table" | "td" | "th" | "caption" | "marquee" | "object" | "applet" | "template"
    ) {
        p |= SCOPE | SPECIAL;
    }
    if matches!(
        name,
        "address"
            | "area"
            | "article"
            | "aside"
            | "base"
            | "basefont"
            | "bgsound"
            | "blockquote"
            | "body"
            | "br"
            | "button"
            | "center"
            | "col"
            | "colgroup"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "embed"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frame"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "iframe"
            | "img"
            | "input"
            | "keygen"
            | "li"
            | "link"
            | "listing"
            | "main"
            | "menu"
            | "meta"
            | "nav"
            | "noembed"
            | "noframes"
            | "noscript"
            | "ol"
            | "p"
            | "param"
            | "plaintext"
            | "pre"
            | "script"
            | "search"
            | "section"
            | "select"
            | "source"
            | "style"
            | "summary"
            | "tbody"
            | "textarea"
            | "tfoot"
            | "thead"
            | "title"
            | "tr"
            | "track"
            | "ul"
            | "wbr"
            | "xmp"
    ) {
        p |= SPECIAL;
    }
    if matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "frame"
            | "basefont"
            | "bgsound"
            | "image"
    ) {
        p |= VOID;
    }
    if matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    ) {
        p |= FORMATTING;
    }
    if matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "search"
            | "section"
            | "summary"
            | "ul"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "listing"
            | "hr"
            | "xmp"
            | "plaintext"
    ) {
        p |= CLOSES_P;
    }
    if matches!(
        name,
        "dd" | "dt" | "li" | "optgroup" | "option" | "p" | "rb" | "rp" | "rt" | "rtc"
    ) {
        p |= IMPLIED_END;
    }
    if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
        p |= HEADING;
    }
    if matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "button"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "pre"
            | "search"
            | "section"
            | "summary"
            | "ul"
    ) {
        p |= BLOCK_END;
    }
    if matches!(
        name,
        "b" | "big"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "code"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "embed"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "hr"
            | "i"
            | "img"
            | "li"
            | "listing"
            | "menu"
            | "meta"
            | "nobr"
            | "ol"
            | "p"
            | "pre"
            | "ruby"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "strike"
            | "sub"
            | "sup"
            | "table"
            | "tt"
            | "u"
            | "ul"
            | "var"
    ) {
        p |= BREAKOUT;
    }
    if matches!(
        name,
        "caption" | "col" | "colgroup" | "tbody" | "td" | "tfoot" | "th" | "thead" | "tr"
    ) {
        p |= TABLE_PART;
    }
    p
}

/// FNV-1a: tag names are short; SipHash costs more than the lookup.
#[derive(Default)]
struct Fnv(u64);
impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ns {
    Html,
    Svg,
    Math,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phase {
    BeforeHtml,
    BeforeHead,
    InHead,
    InHeadNoscript,
    AfterHead,
    Body,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Body,
    Table,
    TableBody,
    Row,
    Cell,
    Caption,
    ColumnGroup,
    Select,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Default,
    ListItem,
    Button,
    Table,
    Select,
}

struct Entry<F> {
    id: u32,
    ns: Ns,
    /// False once taken off the parser's stack while descendants are open.
    live: bool,
    /// Deeper than the cap: not reported.
    phantom: bool,
    uid: u32,
    fx: F,
}

enum Fmt<F> {
    Marker,
    El {
        id: u32,
        uid: u32,
        open: bool,
        /// Tag and attributes, for the spec's "at most three alike" rule.
        key: u64,
        fx: F,
    },
}

/// How far down the stack any search looks; past it the element counts
/// as not found, which keeps pathological pages linear.
const SEARCH: usize = 1024;

/// Most formatting elements listed after the last marker (see
/// `push_formatting`).
const AFE_MAX: usize = 64;

pub struct Tree<'e, 'h, E: Events<'h>> {
    _html: std::marker::PhantomData<&'h str>,
    ev: &'e mut E,
    names: Vec<Box<str>>,
    props: Vec<u32>,
    ids: HashMap<Box<str>, u32, BuildHasherDefault<Fnv>>,
    stack: Vec<Entry<E::Fx>>,
    /// Per name, live HTML elements of it on the stack.
    count: Vec<u32>,
    afe: Vec<Fmt<E::Fx>>,
    /// Open table, select, ... elements deciding the insertion mode.
    modes: Vec<(u32, Mode)>,
    phase: Phase,
    quirks: bool,
    form: Option<u32>,
    max: usize,
    /// Start tags past the depth cap.
    pub dropped: usize,
    next_uid: u32,
    html_uid: Option<u32>,
    body_uid: Option<u32>,
}

/// Builds the tree of `html`, telling `ev`; returns how many start tags
/// were past the depth cap `max`.
pub fn build<'h, E: Events<'h>>(html: &'h str, ev: &mut E, max: usize) -> usize {
    let mut t = Tree {
        _html: std::marker::PhantomData,
        ev,
        names: Vec::with_capacity(128),
        props: Vec::with_capacity(128),
        ids: HashMap::with_capacity_and_hasher(256, Default::default()),
        stack: Vec::with_capacity(64),
        count: Vec::with_capacity(128),
        afe: Vec::new(),
        modes: Vec::new(),
        phase: Phase::BeforeHtml,
        quirks: true,
        form: None,
        max,
        dropped: 0,
        next_uid: 0,
        html_uid: None,
        body_uid: None,
    };
    for name in KNOWN {
        t.intern(name);
    }
    tokenize::run(html, &mut t);
    // Everything still open closes at the end.
    while !t.stack.is_empty() {
        t.pop();
    }
    t.dropped
}

fn attr_key(id: u32, attrs: &[Attr<'_>]) -> u64 {
    let mut h = Fnv::default();
    h.write(&id.to_le_bytes());
    for a in attrs {
        h.write(a.name.as_bytes());
        h.write(b"=");
        h.write(a.value.as_bytes());
        h.write(b"\0");
    }
    h.finish()
}

impl<'h, E: Events<'h>> Tree<'_, 'h, E> {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.into(), id);
        self.names.push(name.into());
        self.props.push(props_of(name));
        self.count.push(0);
        id
    }

    fn prop(&self, id: u32) -> u32 {
        self.props.get(id as usize).copied().unwrap_or(0)
    }

    fn cur(&self) -> Option<&Entry<E::Fx>> {
        self.stack.last()
    }

    fn cur_is(&self, id: u32) -> bool {
        self.cur().is_some_and(|e| e.id == id && e.ns == Ns::Html)
    }

    fn cur_html_prop(&self, p: u32) -> bool {
        self.cur()
            .is_some_and(|e| e.ns == Ns::Html && self.prop(e.id) & p != 0)
    }

    fn mode(&self) -> Mode {
        self.modes.last().map_or(Mode::Body, |m| m.1)
    }

    fn push(
        &mut self,
        id: u32,
        ns: Ns,
        attrs: Option<&[Attr<'h>]>,
        clone_of: Option<E::Fx>,
        at: usize,
    ) -> u32 {
        let uid = self.next_uid;
        self.next_uid = self.next_uid.wrapping_add(1);
        let phantom = self.stack.len() >= self.max;
        let props = self.prop(id);
        let fx = if phantom {
            self.dropped += 1;
            E::Fx::default()
        } else {
            let name = self.names.get(id as usize).map_or("", |s| s);
            self.ev.open(name, props, attrs, clone_of, at)
        };
        if ns == Ns::Html {
            if let Some(c) = self.count.get_mut(id as usize) {
                *c += 1;
            }
            let mode = match id {
                TABLE => Some(Mode::Table),
                TBODY | THEAD | TFOOT => Some(Mode::TableBody),
                TR => Some(Mode::Row),
                TD | TH => Some(Mode::Cell),
                CAPTION => Some(Mode::Caption),
                COLGROUP => Some(Mode::ColumnGroup),
                SELECT => Some(Mode::Select),
                // Template content is never read: parsed as body.
                TEMPLATE => Some(Mode::Body),
                _ => None,
            };
            if let Some(m) = mode {
                self.modes.push((uid, m));
            }
        }
        self.stack.push(Entry {
            id,
            ns,
            live: true,
            phantom,
            uid,
            fx,
        });
        uid
    }

    fn pop(&mut self) {
        self.pop_one();
        // Elements taken off the parser's stack close when their last
        // open descendant does.
        while self.stack.last().is_some_and(|e| !e.live) {
            self.pop_one();
        }
    }

    fn pop_one(&mut self) {
        let Some(e) = self.stack.pop() else { return };
        if e.live && e.ns == Ns::Html {
            if let Some(c) = self.count.get_mut(e.id as usize) {
                *c = c.saturating_sub(1);
            }
            if self.modes.last().is_some_and(|m| m.0 == e.uid) {
                self.modes.pop();
            }
        }
        let props = self.prop(e.id);
        if e.live && props & FORMATTING != 0 {
            for f in self.afe.iter_mut().rev() {
                if let Fmt::El { uid, open, .. } = f
                    && *uid == e.uid
                {
                    *open = false;
                    break;
                }
            }
        }
        if !e.phantom {
            let name = self.names.get(e.id as usize).map_or("", |s| s);
            self.ev.close(name, props, e.fx);
        }
    }

    /// Pops up to and including the innermost live HTML element `id`.
    fn pop_until(&mut self, id: u32) {
        while let Some(e) = self.stack.last() {
            let hit = e.live && e.id == id && e.ns == Ns::Html;
            self.pop();
            if hit {
                return;
            }
        }
    }

    fn pop_until_prop(&mut self, p: u32) {
        while let Some(e) = self.stack.last() {
            let hit = e.live && e.ns == Ns::Html && self.prop(e.id) & p != 0;
            self.pop();
            if hit {
                return;
            }
        }
    }

    fn pop_until_uid(&mut self, uid: u32) {
        while let Some(e) = self.stack.last() {
            let hit = e.uid == uid;
            self.pop();
            if hit {
                return;
            }
        }
    }

    fn is_boundary(&self, e: &Entry<E::Fx>, scope: Scope) -> bool {
        match e.ns {
            Ns::Html => match scope {
                Scope::Table => matches!(e.id, HTML | TABLE | TEMPLATE),
                Scope::Select => !matches!(e.id, OPTGROUP | OPTION),
                Scope::Default => self.prop(e.id) & SCOPE != 0,
                Scope::ListItem => self.prop(e.id) & SCOPE != 0 || matches!(e.id, OL | UL),
                Scope::Button => self.prop(e.id) & SCOPE != 0 || e.id == BUTTON,
            },
            Ns::Math => {
                scope != Scope::Table && matches!(e.id, MI | MO | MN | MS | MTEXT | ANNOTATION_XML)
            }
            Ns::Svg => scope != Scope::Table && matches!(e.id, FOREIGNOBJECT | DESC | TITLE),
        }
    }

    fn in_scope(&self, id: u32, scope: Scope) -> bool {
        if self.count.get(id as usize).copied().unwrap_or(0) == 0 {
            return false;
        }
        self.in_scope_by(|e| e == id, scope)
    }

    fn in_scope_by(&self, hit: impl Fn(u32) -> bool, scope: Scope) -> bool {
        for e in self.stack.iter().rev().filter(|e| e.live).take(SEARCH) {
            if e.ns == Ns::Html && hit(e.id) {
                return true;
            }
            if self.is_boundary(e, scope) {
                return false;
            }
        }
        false
    }

    fn implied_end_tags(&mut self, except: Option<u32>) {
        while let Some(e) = self.cur() {
            if e.ns != Ns::Html || self.prop(e.id) & IMPLIED_END == 0 || Some(e.id) == except {
                return;
            }
            self.pop();
        }
    }

    fn close_p(&mut self) {
        if self.in_scope(P, Scope::Button) {
            self.implied_end_tags(Some(P));
            self.pop_until(P);
        }
    }

    fn clear_afe_to_marker(&mut self) {
        while let Some(f) = self.afe.pop() {
            if matches!(f, Fmt::Marker) {
                return;
            }
        }
    }

    fn reconstruct(&mut self) {
        let n = self.afe.len();
        match self.afe.last() {
            None | Some(Fmt::Marker) | Some(Fmt::El { open: true, .. }) => return,
            _ => {}
        }
        let mut k = n - 1;
        while k > 0 && matches!(self.afe[k - 1], Fmt::El { open: false, .. }) {
            k -= 1;
        }
        for j in k..n {
            if let Fmt::El { id, fx, .. } = self.afe[j] {
                let new = self.push(id, Ns::Html, None, Some(fx), 0);
                if let Fmt::El { uid, open, .. } = &mut self.afe[j] {
                    *uid = new;
                    *open = true;
                }
            }
        }
    }

    fn push_formatting(&mut self, id: u32, attrs: &[Attr<'h>], at: usize) {
        self.reconstruct();
        let key = attr_key(id, attrs);
        // Noah's Ark: at most three alike after the last marker.
        let mut alike = 0;
        let mut first = None;
        for (i, f) in self.afe.iter().enumerate().rev() {
            match f {
                Fmt::Marker => break,
                Fmt::El { key: k, .. } if *k == key => {
                    alike += 1;
                    first = Some(i);
                }
                _ => {}
            }
        }
        if alike >= 3
            && let Some(i) = first
        {
            self.afe.remove(i);
        }
        // Browsers keep every distinct one, which makes pages of unclosed
        // `<b id=N>` quadratic; past a bound the oldest goes.
        let since_marker = self
            .afe
            .iter()
            .rev()
            .take_while(|f| !matches!(f, Fmt::Marker))
            .count();
        if since_marker >= AFE_MAX {
            self.afe.remove(self.afe.len() - since_marker);
        }
        let uid = self.push(id, Ns::Html, Some(attrs), None, at);
        let fx = self.stack.last().map(|e| e.fx).unwrap_or_default();
        self.afe.push(Fmt::El {
            id,
            uid,
            open: true,
            key,
            fx,
        });
    }

    /// The adoption agency for an end tag `id` of a formatting element,
    /// simplified (see the module comment).
    fn adoption(&mut self, id: u32) {
        let mut found = None;
        for (i, f) in self.afe.iter().enumerate().rev() {
            match f {
                Fmt::Marker => break,
                Fmt::El { id: fid, .. } if *fid == id => {
                    found = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(ai) = found else {
            self.any_other_end(id);
            return;
        };
        let (uid, open) = match self.afe[ai] {
            Fmt::El { uid, open, .. } => (uid, open),
            Fmt::Marker => return,
        };
        if !open {
            self.afe.remove(ai);
            return;
        }
        // Where it is, whether in scope, and whether a special element
        // (a block) is open inside it.
        let mut pos = None;
        let mut block_inside = false;
        for (i, e) in self.stack.iter().enumerate().rev().take(SEARCH) {
            if e.uid == uid {
                pos = Some(i);
                break;
            }
            if !e.live {
                continue;
            }
            if self.is_boundary(e, Scope::Default) {
                // Not in scope: ignored.
                return;
            }
            if e.ns == Ns::Html && self.prop(e.id) & SPECIAL != 0 {
                block_inside = true;
            }
        }
        let Some(pos) = pos else { return };
        self.afe.remove(ai);
        if !block_inside {
            self.pop_until_uid(uid);
            return;
        }
        // The blocks stay open; what the element did (a link) ends here.
        let e = &mut self.stack[pos];
        e.live = false;
        if let Some(c) = self.count.get_mut(e.id as usize) {
            *c = c.saturating_sub(1);
        }
        if !e.phantom {
            let name = self.names.get(e.id as usize).map_or("", |s| s);
            self.ev.detach(name, &mut e.fx);
        }
    }

    fn any_other_end(&mut self, id: u32) {
        if self.count.get(id as usize).copied().unwrap_or(0) == 0 {
            return;
        }
        let mut target = None;
        for e in self.stack.iter().rev().filter(|e| e.live).take(SEARCH) {
            if e.ns == Ns::Html && e.id == id {
                target = Some(e.uid);
                break;
            }
            if self.is_special(e) {
                return;
            }
        }
        if let Some(uid) = target {
            self.implied_end_tags(Some(id));
            self.pop_until_uid(uid);
        }
    }

    fn is_special(&self, e: &Entry<E::Fx>) -> bool {
        match e.ns {
            Ns::Html => self.prop(e.id) & SPECIAL != 0,
            _ => self.is_boundary(e, Scope::Default),
        }
    }

    fn close_cell(&mut self) {
        self.implied_end_tags(None);
        while let Some(e) = self.stack.last() {
            let hit = e.live && e.ns == Ns::Html && matches!(e.id, TD | TH);
            self.pop();
            if hit {
                break;
            }
        }
        self.clear_afe_to_marker();
    }

    /// Pops until the current node is one of `ids` (or `html`/`template`).
    fn clear_to(&mut self, ids: &[u32]) {
        while let Some(e) = self.cur() {
            if e.ns == Ns::Html && (ids.contains(&e.id) || matches!(e.id, HTML | TEMPLATE)) {
                return;
            }
            self.pop();
        }
    }

    fn in_foreign(&self) -> bool {
        self.cur().is_some_and(|e| match e.ns {
            Ns::Html => false,
            Ns::Svg => !matches!(e.id, FOREIGNOBJECT | DESC | TITLE),
            Ns::Math => !matches!(e.id, MI | MO | MN | MS | MTEXT),
        })
    }

    fn raw_content(id: u32) -> Content {
        match id {
            SCRIPT => Content::Script,
            STYLE | XMP | IFRAME | NOEMBED | NOFRAMES => Content::Rawtext,
            TITLE | TEXTAREA => Content::Rcdata,
            PLAINTEXT => Content::Plaintext,
            _ => Content::Markup,
        }
    }

    /// Inserts an HTML element; void ones close at once.
    fn insert(&mut self, id: u32, attrs: &[Attr<'h>], at: usize) -> Content {
        self.push(id, Ns::Html, Some(attrs), None, at);
        if self.prop(id) & VOID != 0 {
            self.pop();
            return Content::Markup;
        }
        Self::raw_content(id)
    }

    fn implied_html(&mut self) {
        self.html_uid = Some(self.push(HTML, Ns::Html, Some(&[]), None, 0));
        self.phase = Phase::BeforeHead;
    }

    fn implied_head(&mut self) {
        self.push(HEAD, Ns::Html, Some(&[]), None, 0);
        self.phase = Phase::InHead;
    }

    fn leave_head(&mut self) {
        if self.cur_is(HEAD) {
            self.pop();
        }
        self.phase = Phase::AfterHead;
    }

    fn implied_body(&mut self) {
        self.body_uid = Some(self.push(BODY, Ns::Html, Some(&[]), None, 0));
        self.phase = Phase::Body;
    }

    fn merge_into(&mut self, uid: Option<u32>, attrs: &[Attr<'h>]) {
        if attrs.is_empty() {
            return;
        }
        let Some(uid) = uid else { return };
        if let Some(e) = self.stack.iter_mut().find(|e| e.uid == uid)
            && !e.phantom
        {
            self.ev.merge(&mut e.fx, attrs);
        }
    }

    /// Start tags before the body: `Some` when handled.
    fn head_start(&mut self, id: u32, attrs: &[Attr<'h>], at: usize) -> Option<Content> {
        loop {
            match self.phase {
                Phase::BeforeHtml => {
                    if id == HTML {
                        self.html_uid = Some(self.push(HTML, Ns::Html, Some(attrs), None, at));
                        self.phase = Phase::BeforeHead;
                        return Some(Content::Markup);
                    }
                    self.implied_html();
                }
                Phase::BeforeHead => match id {
                    HTML => {
                        self.merge_into(self.html_uid, attrs);
                        return Some(Content::Markup);
                    }
                    HEAD => {
                        self.push(HEAD, Ns::Html, Some(attrs), None, at);
                        self.phase = Phase::InHead;
                        return Some(Content::Markup);
                    }
                    _ => self.implied_head(),
                },
                Phase::InHead => match id {
                    HTML => {
                        self.merge_into(self.html_uid, attrs);
                        return Some(Content::Markup);
                    }
                    BASE | BASEFONT | BGSOUND | LINK | META => {
                        self.push(id, Ns::Html, Some(attrs), None, at);
                        self.pop();
                        return Some(Content::Markup);
                    }
                    TITLE | NOFRAMES | STYLE | SCRIPT => {
                        self.push(id, Ns::Html, Some(attrs), None, at);
                        return Some(Self::raw_content(id));
                    }
                    TEMPLATE => return Some(self.insert_template(attrs, at)),
                    NOSCRIPT => {
                        self.push(id, Ns::Html, Some(attrs), None, at);
                        self.phase = Phase::InHeadNoscript;
                        return Some(Content::Markup);
                    }
                    HEAD => return Some(Content::Markup),
                    _ => self.leave_head(),
                },
                Phase::InHeadNoscript => match id {
                    HTML | HEAD | NOSCRIPT => return Some(Content::Markup),
                    BASEFONT | BGSOUND | LINK | META | NOFRAMES | STYLE => {
                        self.phase = Phase::InHead;
                        let c = self.head_start(id, attrs, at);
                        self.phase = Phase::InHeadNoscript;
                        return c;
                    }
                    _ => {
                        if self.cur_is(NOSCRIPT) {
                            self.pop();
                        }
                        self.phase = Phase::InHead;
                    }
                },
                Phase::AfterHead => match id {
                    HTML => {
                        self.merge_into(self.html_uid, attrs);
                        return Some(Content::Markup);
                    }
                    BODY => {
                        self.body_uid = Some(self.push(BODY, Ns::Html, Some(attrs), None, at));
                        self.phase = Phase::Body;
                        return Some(Content::Markup);
                    }
                    BASE | BASEFONT | BGSOUND | LINK | META | NOFRAMES | SCRIPT | STYLE
                    | TEMPLATE | TITLE => {
                        // Belongs to the head; where it goes changes nothing read.
                        self.phase = Phase::InHead;
                        let c = self.head_start(id, attrs, at);
                        self.phase = Phase::AfterHead;
                        return c;
                    }
                    HEAD => return Some(Content::Markup),
                    _ => self.implied_body(),
                },
                Phase::Body => return None,
            }
        }
    }

    fn in_template(&self) -> bool {
        self.count.get(TEMPLATE as usize).copied().unwrap_or(0) > 0
    }

    fn insert_template(&mut self, attrs: &[Attr<'h>], at: usize) -> Content {
        self.push(TEMPLATE, Ns::Html, Some(attrs), None, at);
        self.afe.push(Fmt::Marker);
        Content::Markup
    }

    fn start(&mut self, id: u32, attrs: &[Attr<'h>], self_closing: bool, at: usize) -> Content {
        // A template's content stays in it, also in the head.
        if self.phase != Phase::Body
            && !self.in_template()
            && let Some(c) = self.head_start(id, attrs, at)
        {
            return c;
        }
        // Foreign content (inside SVG or MathML).
        if self.in_foreign() {
            let breakout = self.prop(id) & BREAKOUT != 0
                || (id == FONT
                    && attrs.iter().any(|a| {
                        ["color", "face", "size"]
                            .iter()
                            .any(|n| a.name.eq_ignore_ascii_case(n))
                    }));
            if !breakout {
                let ns = match id {
                    SVG => Ns::Svg,
                    MATH => Ns::Math,
                    _ => self.cur().map_or(Ns::Svg, |e| e.ns),
                };
                self.push(id, ns, Some(attrs), None, at);
                if self_closing {
                    self.pop();
                }
                return Content::Markup;
            }
            while self.in_foreign() {
                self.pop();
            }
        }
        loop {
            let mode = self.mode();
            let reprocess = match mode {
                Mode::Body => return self.body_start(id, attrs, self_closing, at),
                Mode::Select => self.select_start(id, attrs, at),
                Mode::Cell => match id {
                    CAPTION | COL | COLGROUP | TBODY | TD | TFOOT | TH | THEAD | TR => {
                        if !self.in_scope_by(|i| i == TD || i == TH, Scope::Table) {
                            return Content::Markup;
                        }
                        self.close_cell();
                        true
                    }
                    _ => return self.body_start(id, attrs, self_closing, at),
                },
                Mode::Caption => match id {
                    CAPTION | COL | COLGROUP | TBODY | TD | TFOOT | TH | THEAD | TR => {
                        if !self.in_scope(CAPTION, Scope::Table) {
                            return Content::Markup;
                        }
                        self.implied_end_tags(None);
                        self.pop_until(CAPTION);
                        self.clear_afe_to_marker();
                        true
                    }
                    _ => return self.body_start(id, attrs, self_closing, at),
                },
                Mode::ColumnGroup => match id {
                    COL => {
                        self.push(COL, Ns::Html, Some(attrs), None, at);
                        self.pop();
                        return Content::Markup;
                    }
                    _ => {
                        if !self.cur_is(COLGROUP) {
                            return Content::Markup;
                        }
                        self.pop();
                        true
                    }
                },
                Mode::Row => match id {
                    TH | TD => {
                        self.clear_to(&[TR]);
                        self.push(id, Ns::Html, Some(attrs), None, at);
                        self.afe.push(Fmt::Marker);
                        return Content::Markup;
                    }
                    CAPTION | COL | COLGROUP | TBODY | TFOOT | THEAD | TR => {
                        if !self.in_scope(TR, Scope::Table) {
                            return Content::Markup;
                        }
                        self.clear_to(&[TR]);
                        self.pop();
                        true
                    }
                    _ => match self.table_start(id, attrs, self_closing, at) {
                        Some(c) => return c,
                        None => true,
                    },
                },
                Mode::TableBody => match id {
                    TR => {
                        self.clear_to(&[TBODY, THEAD, TFOOT]);
                        self.push(TR, Ns::Html, Some(attrs), None, at);
                        return Content::Markup;
                    }
                    TH | TD => {
                        self.clear_to(&[TBODY, THEAD, TFOOT]);
                        self.push(TR, Ns::Html, Some(&[]), None, at);
                        true
                    }
                    CAPTION | COL | COLGROUP | TBODY | TFOOT | THEAD => {
                        if !self.in_scope_by(|i| matches!(i, TBODY | THEAD | TFOOT), Scope::Table) {
                            return Content::Markup;
                        }
                        self.clear_to(&[TBODY, THEAD, TFOOT]);
                        self.pop();
                        true
                    }
                    _ => match self.table_start(id, attrs, self_closing, at) {
                        Some(c) => return c,
                        None => true,
                    },
                },
                Mode::Table => match self.table_start(id, attrs, self_closing, at) {
                    Some(c) => return c,
                    None => true,
                },
            };
            if !reprocess {
                return Content::Markup;
            }
        }
    }

    /// "In table" start tags: `None` to reprocess.
    fn table_start(
        &mut self,
        id: u32,
        attrs: &[Attr<'h>],
        self_closing: bool,
        at: usize,
    ) -> Option<Content> {
        // Content fostered out of the table is read where it stands.
        let in_table_node = self.cur().is_some_and(|e| {
            e.ns == Ns::Html && matches!(e.id, TABLE | TBODY | THEAD | TFOOT | TR)
        });
        match id {
            CAPTION => {
                self.clear_to(&[TABLE]);
                self.afe.push(Fmt::Marker);
                self.push(CAPTION, Ns::Html, Some(attrs), None, at);
                Some(Content::Markup)
            }
            COLGROUP => {
                self.clear_to(&[TABLE]);
                self.push(COLGROUP, Ns::Html, Some(attrs), None, at);
                Some(Content::Markup)
            }
            COL => {
                self.clear_to(&[TABLE]);
                self.push(COLGROUP, Ns::Html, Some(&[]), None, at);
                None
            }
            TBODY | TFOOT | THEAD => {
                self.clear_to(&[TABLE]);
                self.push(id, Ns::Html, Some(attrs), None, at);
                Some(Content::Markup)
            }
            TD | TH | TR => {
                self.clear_to(&[TABLE]);
                self.push(TBODY, Ns::Html, Some(&[]), None, at);
                None
            }
            TABLE => {
                if !self.in_scope(TABLE, Scope::Table) {
                    return Some(Content::Markup);
                }
                self.pop_until(TABLE);
                None
            }
            TEMPLATE => Some(self.insert_template(attrs, at)),
            STYLE | SCRIPT => Some(self.insert(id, attrs, at)),
            INPUT
                if in_table_node
                    && tokenize::attr(attrs, "type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("hidden")) =>
            {
                Some(self.insert(id, attrs, at))
            }
            FORM if in_table_node => {
                if self.form.is_none() {
                    self.form = Some(self.push(FORM, Ns::Html, Some(attrs), None, at));
                    self.pop();
                }
                Some(Content::Markup)
            }
            _ => Some(self.body_start(id, attrs, self_closing, at)),
        }
    }

    /// "In select" start tags: whether to reprocess.
    fn select_start(&mut self, id: u32, attrs: &[Attr<'h>], at: usize) -> bool {
        let in_table = self.modes.len() >= 2
            && matches!(
                self.modes[self.modes.len() - 2].1,
                Mode::Table | Mode::TableBody | Mode::Row | Mode::Cell | Mode::Caption
            );
        match id {
            OPTION => {
                if self.cur_is(OPTION) {
                    self.pop();
                }
                self.push(id, Ns::Html, Some(attrs), None, at);
                false
            }
            OPTGROUP | HR => {
                if self.cur_is(OPTION) {
                    self.pop();
                }
                if self.cur_is(OPTGROUP) {
                    self.pop();
                }
                self.push(id, Ns::Html, Some(attrs), None, at);
                if id == HR {
                    self.pop();
                }
                false
            }
            SELECT => {
                if self.in_scope(SELECT, Scope::Select) {
                    self.pop_until(SELECT);
                }
                false
            }
            INPUT | KEYGEN | TEXTAREA => {
                if !self.in_scope(SELECT, Scope::Select) {
                    return false;
                }
                self.pop_until(SELECT);
                true
            }
            CAPTION | TABLE | TBODY | TFOOT | THEAD | TR | TD | TH if in_table => {
                self.pop_until(SELECT);
                true
            }
            SCRIPT | TEMPLATE => {
                self.push(id, Ns::Html, Some(attrs), None, at);
                false
            }
            _ => false,
        }
    }

    fn body_start(
        &mut self,
        id: u32,
        attrs: &[Attr<'h>],
        self_closing: bool,
        at: usize,
    ) -> Content {
        let props = self.prop(id);
        match id {
            HTML => {
                self.merge_into(self.html_uid, attrs);
                Content::Markup
            }
            BODY => {
                self.merge_into(self.body_uid, attrs);
                Content::Markup
            }
            TEMPLATE => self.insert_template(attrs, at),
            BASE | BASEFONT | BGSOUND | LINK | META | NOFRAMES | SCRIPT | STYLE | TITLE => {
                self.insert(id, attrs, at)
            }
            HEAD | FRAMESET => Content::Markup,
            _ if props & TABLE_PART != 0 => Content::Markup,
            H1 | H2 | H3 | H4 | H5 | H6 => {
                self.close_p();
                if self.cur_html_prop(HEADING) {
                    self.pop();
                }
                self.insert(id, attrs, at)
            }
            FORM => {
                if self.form.is_some() {
                    return Content::Markup;
                }
                self.close_p();
                self.form = Some(self.push(FORM, Ns::Html, Some(attrs), None, at));
                Content::Markup
            }
            LI | DD | DT => {
                for i in (0..self.stack.len()).rev().take(SEARCH) {
                    let e = &self.stack[i];
                    if !e.live {
                        continue;
                    }
                    let hit = e.ns == Ns::Html
                        && if id == LI {
                            e.id == LI
                        } else {
                            matches!(e.id, DD | DT)
                        };
                    if hit {
                        let close = e.id;
                        self.implied_end_tags(Some(close));
                        self.pop_until(close);
                        break;
                    }
                    if self.is_special(e)
                        && !(e.ns == Ns::Html && matches!(e.id, ADDRESS | DIV | P))
                    {
                        break;
                    }
                }
                self.close_p();
                self.insert(id, attrs, at)
            }
            BUTTON => {
                if self.in_scope(BUTTON, Scope::Default) {
                    self.implied_end_tags(None);
                    self.pop_until(BUTTON);
                }
                self.reconstruct();
                self.insert(id, attrs, at)
            }
            A => {
                let open_a = self
                    .afe
                    .iter()
                    .rev()
                    .take_while(|f| !matches!(f, Fmt::Marker))
                    .any(|f| matches!(f, Fmt::El { id: A, .. }));
                if open_a {
                    self.adoption(A);
                    // Still listed (not open): off the list.
                    if let Some(i) = self
                        .afe
                        .iter()
                        .rposition(|f| matches!(f, Fmt::El { id: A, .. }))
                        && self.afe[i..].iter().all(|f| !matches!(f, Fmt::Marker))
                    {
                        self.afe.remove(i);
                    }
                }
                self.push_formatting(id, attrs, at);
                Content::Markup
            }
            NOBR => {
                self.reconstruct();
                if self.in_scope(NOBR, Scope::Default) {
                    self.adoption(NOBR);
                }
                self.push_formatting(id, attrs, at);
                Content::Markup
            }
            _ if props & FORMATTING != 0 => {
                self.push_formatting(id, attrs, at);
                Content::Markup
            }
            APPLET | MARQUEE | OBJECT => {
                self.reconstruct();
                self.push(id, Ns::Html, Some(attrs), None, at);
                self.afe.push(Fmt::Marker);
                Content::Markup
            }
            TABLE => {
                if !self.quirks {
                    self.close_p();
                }
                self.push(id, Ns::Html, Some(attrs), None, at);
                Content::Markup
            }
            IMAGE => self.body_start(IMG, attrs, self_closing, at),
            SELECT => {
                self.reconstruct();
                self.push(id, Ns::Html, Some(attrs), None, at);
                Content::Markup
            }
            OPTION | OPTGROUP => {
                if self.cur_is(OPTION) {
                    self.pop();
                }
                self.reconstruct();
                self.insert(id, attrs, at)
            }
            SVG | MATH => {
                self.reconstruct();
                self.push(
                    id,
                    if id == SVG { Ns::Svg } else { Ns::Math },
                    Some(attrs),
                    None,
                    at,
                );
                if self_closing {
                    self.pop();
                }
                Content::Markup
            }
            TEXTAREA => self.insert(id, attrs, at),
            _ if props & CLOSES_P != 0 => {
                self.close_p();
                if matches!(id, XMP) {
                    self.reconstruct();
                }
                self.insert(id, attrs, at)
            }
            _ => {
                self.reconstruct();
                self.insert(id, attrs, at)
            }
        }
    }

    fn end(&mut self, id: u32) {
        // A template's content stays in it, also in the head.
        while self.phase != Phase::Body && !self.in_template() {
            let head_end = matches!(id, HTML | BODY | BR);
            match self.phase {
                Phase::BeforeHtml => {
                    if !(head_end || id == HEAD) {
                        return;
                    }
                    self.implied_html();
                }
                Phase::BeforeHead => {
                    if !(head_end || id == HEAD) {
                        return;
                    }
                    self.implied_head();
                }
                // `</title>`, `</style>` ... wherever they opened.
                _ if self.cur_is(id) && !matches!(id, HTML | HEAD | BODY) => {
                    self.pop();
                    if id == NOSCRIPT && self.phase == Phase::InHeadNoscript {
                        self.phase = Phase::InHead;
                    }
                    return;
                }
                Phase::InHead => {
                    if id == HEAD {
                        self.leave_head();
                        return;
                    }
                    if !head_end {
                        return;
                    }
                    self.leave_head();
                }
                Phase::InHeadNoscript => {
                    if id != BR {
                        return;
                    }
                    if self.cur_is(NOSCRIPT) {
                        self.pop();
                    }
                    self.phase = Phase::InHead;
                }
                Phase::AfterHead => {
                    if !head_end {
                        return;
                    }
                    self.implied_body();
                }
                Phase::Body => {}
            }
        }
        // Foreign content: the innermost foreign element of that name, up
        // to the first HTML element.
        if self.cur().is_some_and(|e| e.ns != Ns::Html) {
            let mut target = None;
            for e in self.stack.iter().rev().filter(|e| e.live).take(SEARCH) {
                if e.ns == Ns::Html {
                    break;
                }
                if e.id == id {
                    target = Some(e.uid);
                    break;
                }
            }
            if let Some(uid) = target {
                self.pop_until_uid(uid);
                return;
            }
        }
        loop {
            let reprocess = match self.mode() {
                Mode::Body => {
                    self.body_end(id);
                    false
                }
                Mode::Cell => match id {
                    TD | TH => {
                        if self.in_scope(id, Scope::Table) {
                            self.implied_end_tags(None);
                            self.pop_until(id);
                            self.clear_afe_to_marker();
                        }
                        false
                    }
                    BODY | CAPTION | COL | COLGROUP | HTML => false,
                    TABLE | TBODY | TFOOT | THEAD | TR => {
                        if !self.in_scope(id, Scope::Table) {
                            return;
                        }
                        self.close_cell();
                        true
                    }
                    _ => {
                        self.body_end(id);
                        false
                    }
                },
                Mode::Caption => match id {
                    CAPTION | TABLE => {
                        if !self.in_scope(CAPTION, Scope::Table) {
                            return;
                        }
                        self.implied_end_tags(None);
                        self.pop_until(CAPTION);
                        self.clear_afe_to_marker();
                        id == TABLE
                    }
                    BODY | COL | COLGROUP | HTML | TBODY | TD | TFOOT | TH | THEAD | TR => false,
                    _ => {
                        self.body_end(id);
                        false
                    }
                },
                Mode::ColumnGroup => match id {
                    COLGROUP => {
                        if self.cur_is(COLGROUP) {
                            self.pop();
                        }
                        false
                    }
                    COL => false,
                    _ => {
                        if !self.cur_is(COLGROUP) {
                            return;
                        }
                        self.pop();
                        true
                    }
                },
                Mode::Select => {
                    let in_table = self.modes.len() >= 2
                        && matches!(
                            self.modes[self.modes.len() - 2].1,
                            Mode::Table | Mode::TableBody | Mode::Row | Mode::Cell | Mode::Caption
                        );
                    match id {
                        OPTGROUP => {
                            if self.cur_is(OPTION)
                                && self.stack.len() >= 2
                                && self.stack[self.stack.len() - 2].id == OPTGROUP
                            {
                                self.pop();
                            }
                            if self.cur_is(OPTGROUP) {
                                self.pop();
                            }
                            false
                        }
                        OPTION => {
                            if self.cur_is(OPTION) {
                                self.pop();
                            }
                            false
                        }
                        SELECT => {
                            if self.in_scope(SELECT, Scope::Select) {
                                self.pop_until(SELECT);
                            }
                            false
                        }
                        TEMPLATE => {
                            self.body_end(id);
                            false
                        }
                        CAPTION | TABLE | TBODY | TFOOT | THEAD | TR | TD | TH if in_table => {
                            if !self.in_scope(id, Scope::Table) {
                                return;
                            }
                            self.pop_until(SELECT);
                            true
                        }
                        _ => false,
                    }
                }
                Mode::Row => match id {
                    TR => {
                        if self.in_scope(TR, Scope::Table) {
                            self.clear_to(&[TR]);
                            self.pop();
                        }
                        false
                    }
                    TABLE | TBODY | TFOOT | THEAD => {
                        if id != TABLE && !self.in_scope(id, Scope::Table) {
                            return;
                        }
                        if !self.in_scope(TR, Scope::Table) {
                            return;
                        }
                        self.clear_to(&[TR]);
                        self.pop();
                        true
                    }
                    BODY | CAPTION | COL | COLGROUP | HTML | TD | TH => false,
                    _ => self.table_end(id),
                },
                Mode::TableBody => match id {
                    TBODY | TFOOT | THEAD => {
                        if self.in_scope(id, Scope::Table) {
                            self.clear_to(&[TBODY, THEAD, TFOOT]);
                            self.pop();
                        }
                        false
                    }
                    TABLE => {
                        if !self.in_scope_by(|i| matches!(i, TBODY | THEAD | TFOOT), Scope::Table) {
                            return;
                        }
                        self.clear_to(&[TBODY, THEAD, TFOOT]);
                        self.pop();
                        true
                    }
                    BODY | CAPTION | COL | COLGROUP | HTML | TD | TH | TR => false,
                    _ => self.table_end(id),
                },
                Mode::Table => self.table_end(id),
            };
            if !reprocess {
                return;
            }
        }
    }

    fn table_end(&mut self, id: u32) -> bool {
        match id {
            TABLE => {
                if self.in_scope(TABLE, Scope::Table) {
                    self.pop_until(TABLE);
                }
            }
            BODY | CAPTION | COL | COLGROUP | HTML | TBODY | TD | TFOOT | TH | THEAD | TR => {}
            _ => self.body_end(id),
        }
        false
    }

    fn body_end(&mut self, id: u32) {
        let props = self.prop(id);
        match id {
            // The body never closes: text after `</body>` is read into it.
            BODY | HTML => {}
            TEMPLATE => {
                if self.in_template() {
                    self.implied_end_tags(None);
                    self.pop_until(TEMPLATE);
                    self.clear_afe_to_marker();
                }
            }
            P => {
                if !self.in_scope(P, Scope::Button) {
                    self.insert_empty_p();
                }
                self.implied_end_tags(Some(P));
                self.pop_until(P);
            }
            LI => {
                if self.in_scope(LI, Scope::ListItem) {
                    self.implied_end_tags(Some(LI));
                    self.pop_until(LI);
                }
            }
            DD | DT => {
                if self.in_scope(id, Scope::Default) {
                    self.implied_end_tags(Some(id));
                    self.pop_until(id);
                }
            }
            H1 | H2 | H3 | H4 | H5 | H6 => {
                let heading = |i: u32| matches!(i, H1 | H2 | H3 | H4 | H5 | H6);
                if self.in_scope_by(heading, Scope::Default) {
                    self.implied_end_tags(None);
                    self.pop_until_prop(HEADING);
                }
            }
            FORM => {
                let Some(uid) = self.form.take() else { return };
                let mut pos = None;
                for (i, e) in self.stack.iter().enumerate().rev().take(SEARCH) {
                    if e.uid == uid {
                        pos = Some(i);
                        break;
                    }
                    if e.live && self.is_boundary(e, Scope::Default) {
                        return;
                    }
                }
                let Some(pos) = pos else { return };
                if !self.stack[pos].live {
                    return;
                }
                self.implied_end_tags(None);
                if self.stack.last().is_some_and(|e| e.uid == uid) {
                    self.pop();
                } else if let Some(e) = self.stack.get_mut(pos) {
                    // Off the stack; it closes after its open descendants.
                    e.live = false;
                    if let Some(c) = self.count.get_mut(FORM as usize) {
                        *c = c.saturating_sub(1);
                    }
                }
            }
            APPLET | MARQUEE | OBJECT => {
                if self.in_scope(id, Scope::Default) {
                    self.implied_end_tags(None);
                    self.pop_until(id);
                    self.clear_afe_to_marker();
                }
            }
            BR => {
                self.reconstruct();
                self.insert(BR, &[], 0);
            }
            _ if props & FORMATTING != 0 => self.adoption(id),
            _ if props & BLOCK_END != 0 => {
                if self.in_scope(id, Scope::Default) {
                    self.implied_end_tags(None);
                    self.pop_until(id);
                }
            }
            _ => self.any_other_end(id),
        }
    }

    /// `</p>` with no open `p`: an empty `p` is made and closed.
    fn insert_empty_p(&mut self) {
        self.push(P, Ns::Html, Some(&[]), None, 0);
    }

    fn body_text(&mut self, s: &str) {
        if self.in_foreign() {
            self.ev.text(s);
            return;
        }
        let table_node = self.cur().is_some_and(|e| {
            e.ns == Ns::Html && matches!(e.id, TABLE | TBODY | THEAD | TFOOT | TR)
        });
        let raw = self
            .cur()
            .is_some_and(|e| e.ns == Ns::Html && Self::raw_content(e.id) != Content::Markup);
        match self.mode() {
            Mode::Select => {}
            Mode::ColumnGroup => {
                if !s.bytes().all(|c| c.is_ascii_whitespace()) && self.cur_is(COLGROUP) {
                    self.pop();
                    self.body_text(s);
                    return;
                }
            }
            _ if table_node || raw => {}
            _ => self.reconstruct(),
        }
        self.ev.text(s);
    }
}

impl<'h, E: Events<'h>> Sink<'h> for Tree<'_, 'h, E> {
    fn start_tag(
        &mut self,
        name: &str,
        attrs: &[Attr<'h>],
        self_closing: bool,
        end: usize,
    ) -> Content {
        let id = self.intern(name);
        self.start(id, attrs, self_closing, end)
    }

    fn end_tag(&mut self, name: &str) {
        let id = match self.ids.get(name) {
            Some(&id) => id,
            // Never opened, so nothing to close; only foreign content
            // (`</svg:x>`) could care, and it is never read.
            None => return,
        };
        self.end(id);
    }

    fn text(&mut self, s: &str) {
        if self.phase == Phase::Body || self.in_template() {
            self.body_text(s);
            return;
        }
        // Raw text of `title`, `style` ... in the head.
        if self
            .cur()
            .is_some_and(|e| Self::raw_content(e.id) != Content::Markup)
        {
            self.ev.text(s);
            return;
        }
        let t = s.trim_start_matches(['\t', '\n', '\x0c', '\r', ' ']);
        if t.is_empty() {
            return;
        }
        loop {
            match self.phase {
                Phase::BeforeHtml => self.implied_html(),
                Phase::BeforeHead => self.implied_head(),
                Phase::InHead => self.leave_head(),
                Phase::InHeadNoscript => {
                    if self.cur_is(NOSCRIPT) {
                        self.pop();
                    }
                    self.phase = Phase::InHead;
                }
                Phase::AfterHead => self.implied_body(),
                Phase::Body => break,
            }
        }
        self.body_text(t);
    }

    fn doctype(&mut self, html: bool) {
        if self.phase == Phase::BeforeHtml {
            self.quirks = !html;
        }
    }

    fn in_foreign(&self) -> bool {
        Tree::in_foreign(self)
    }
}
