//! One document through the stages: decode, segment, classify, assemble.

use std::sync::Arc;

use crate::assemble::Article;
use crate::classify::{self, RuleSet};
use crate::read::{Document, Kind, decode, sniff};
use crate::segment::{self, Page};

/// A cleaned document with where it came from.
#[derive(Debug)]
pub struct Cleaned {
    pub article: Article,
    pub warnings: Vec<String>,
    pub encoding: &'static str,
}

/// Holds what every document shares (the compiled rules); cheap to clone
/// and to share between threads.
#[derive(Clone)]
pub struct Cleaner {
    rules: Arc<RuleSet>,
    /// URL for documents that carry none (`--url`), for site rules.
    default_url: Option<Arc<str>>,
    /// HTML nesting deeper than this is flattened (see `segment::depth`).
    max_depth: usize,
}

impl Default for Cleaner {
    fn default() -> Self {
        Cleaner::new(RuleSet::builtin())
    }
}

impl Cleaner {
    pub fn new(rules: RuleSet) -> Cleaner {
        Cleaner {
            rules: Arc::new(rules),
            default_url: None,
            max_depth: segment::depth::DEFAULT_MAX_DEPTH,
        }
    }

    /// Treat documents without a URL as coming from `url` (site rules
    /// match on its host).
    pub fn with_default_url(mut self, url: Option<String>) -> Cleaner {
        self.default_url = url.map(Arc::from);
        self
    }

    /// Flatten HTML nested deeper than `max` elements (default 512).
    pub fn with_max_depth(mut self, max: usize) -> Cleaner {
        self.max_depth = max;
        self
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Decode and segment a document into blocks.
    pub fn segment(&self, doc: &Document) -> Result<(Page, &'static str), String> {
        self.segment_marked(doc, &[]).map(|(p, e, _)| (p, e))
    }

    /// `segment`, with the site-rule selectors holding each block (HTML).
    pub fn segment_marked(
        &self,
        doc: &Document,
        selectors: &[scraper::Selector],
    ) -> Result<(Page, &'static str, Vec<Vec<usize>>), String> {
        if doc.needs_load() {
            // Not read or not inflated yet (see `Document::load`).
            let mut doc = doc.clone();
            doc.load()?;
            return self.segment_marked(&doc, selectors);
        }
        let mut marks = Vec::new();
        if let (Kind::Text, Some(text)) = (doc.kind, &doc.text) {
            // Plain text already (see `Document::text`): what the checks
            // and `decode::text_as_is` below would find, without them, and
            // shared as it is.
            if text.trim().is_empty() {
                return Err("empty document".into());
            }
            return Ok((segment::text::segment_shared(text), "UTF-8", marks));
        }
        let bytes = doc.body();
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err("empty document".into());
        }
        if sniff::is_binary(bytes) {
            return Err("binary content, not text or HTML".into());
        }
        let mut page;
        let decoded;
        match doc.kind {
            Kind::Html => {
                decoded = decode::html(bytes, doc.charset.as_deref());
                (page, marks) =
                    segment::depth::segment_with_marks(&decoded.text, self.max_depth, selectors);
            }
            Kind::Text => {
                if let Some(text) = decode::text_as_is(bytes) {
                    // What `decode::text` gives, without copying it.
                    if text.trim().is_empty() {
                        return Err("empty document".into());
                    }
                    return Ok((segment::text::segment(text), "UTF-8", marks));
                }
                decoded = decode::text(bytes);
                page = segment::text::segment(&decoded.text);
            }
        }
        // Also empty: whitespace in UTF-16, or NULs only.
        if decoded.text.trim().is_empty() {
            return Err("empty document".into());
        }
        page.warnings.extend(decoded.warning);
        Ok((page, decoded.encoding, marks))
    }

    pub fn clean(&self, doc: &Document) -> Result<Cleaned, String> {
        if doc.needs_load() {
            // A file still to read or compressed bytes (see
            // `Document::load`); the engine loads before it gets here, a
            // library caller may not.
            let mut doc = doc.clone();
            doc.load()?;
            return self.clean(&doc);
        }
        let url = doc.url.as_deref().or(self.default_url.as_deref());
        let site = self.rules.sites.for_url(url);
        let (mut page, encoding, marks) = self.segment_marked(doc, site.selectors())?;
        let hits = site.hits(&page, &marks);
        let decisions = classify::classify_with(&page, &self.rules, hits.as_ref());
        let warnings = std::mem::take(&mut page.warnings);
        Ok(Cleaned {
            article: Article::new(page, decisions),
            warnings,
            encoding,
        })
    }

    /// Clean a string of HTML.
    pub fn clean_html(&self, html: &str) -> Article {
        self.article(Document::html(html))
    }

    /// Clean a string of text whose HTML is gone.
    pub fn clean_text(&self, text: &str) -> Article {
        self.article(Document::text(text))
    }

    fn article(&self, doc: Document) -> Article {
        match self.clean(&doc) {
            Ok(c) => c.article,
            // Empty or binary input: an empty article.
            Err(_) => Article::new(Page::default(), Vec::new()),
        }
    }
}
