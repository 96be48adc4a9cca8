//! Content heuristics for the blocks no rule or section decided: where the
//! block sits against the main content, link density, text shape.

use super::Decision;
use super::category::Category;
use crate::segment::{Block, BlockKind, Page};

fn decision(removed: Option<Category>, rule: &'static str, score: f32, in_main: bool) -> Decision {
    Decision {
        removed,
        rule: rule.into(),
        score,
        in_main,
    }
}

/// The id of a block removed for lying outside the main content.
pub const OUTSIDE_MAIN: &str = "heuristic.outside-main";

/// Decide one block from its features; `rule_score` is the weight of rules
/// that matched without reaching 1.0 on their own. On a listing page
/// (main content made of links) link-dense blocks are the content.
pub fn decide(b: &Block, in_main: bool, listing: bool, rule_score: f32) -> Decision {
    let f = &b.features;
    let mut score = rule_score;
    if !in_main {
        score += 1.0;
        let (cat, rule) = if f.link_density > 0.5 {
            (Category::Navigation, "heuristic.link-list")
        } else {
            (Category::LowContent, OUTSIDE_MAIN)
        };
        return decision(Some(cat), rule, score, in_main);
    }
    if f.link_density >= 0.5 && f.words <= 50 && !listing {
        score += f.link_density + 0.3;
        if score >= 1.0 {
            return decision(
                Some(Category::RelatedList),
                "heuristic.link-dense",
                score,
                in_main,
            );
        }
    }
    if score >= 1.0 {
        return decision(
            Some(Category::LowContent),
            "heuristic.weak-rules",
            score,
            in_main,
        );
    }
    decision(None, "keep.main-content", score, in_main)
}

/// HTML: which main-content list items sit in the flow of the text: between
/// its first and last prose block, in a list placed among prose paragraphs. A link list there
/// (a list of products or sources, a how-to's steps) is part of the text;
/// related boxes sit in wrappers of their own, or after the text.
pub fn in_text_flow(page: &Page, in_main: &[bool]) -> Vec<bool> {
    let mut out = vec![false; page.blocks.len()];
    if !page.is_html {
        return out;
    }
    let parent = |e: Option<usize>| {
        e.and_then(|i| page.elements.get(i))
            .and_then(|el| el.parent)
    };
    // The element a block's text flows in: a list item's list's parent,
    // or a paragraph's parent when the paragraph is a bare web address (a
    // source or shop link the writer pasted under the line it belongs to).
    // Other paragraphs that are all link are calls to action or teaser
    // lines, even between paragraphs.
    let flow = |b: &Block| match b.kind {
        BlockKind::ListItem => parent(parent(b.element)),
        BlockKind::Paragraph if is_bare_url(&b.text) => parent(b.element),
        _ => None,
    };
    let sw = super::region::has_stopwords(page);
    let mut holders = std::collections::HashSet::new();
    let (mut first, mut last) = (None, None);
    for (i, b) in page.blocks.iter().enumerate() {
        if in_main[i] && super::region::is_prose(b, sw) {
            first.get_or_insert(i);
            last = Some(i);
            if let Some(p) = parent(b.element) {
                holders.insert(p);
            }
        }
    }
    if let (Some(a), Some(z)) = (first, last) {
        for i in a + 1..z {
            let b = &page.blocks[i];
            out[i] = in_main[i] && flow(b).is_some_and(|f| holders.contains(&f));
        }
    }
    out
}

/// A text that is one web address and nothing else.
fn is_bare_url(text: &str) -> bool {
    let t = text.trim();
    let rest = ["https://", "http://", "www."].iter().find_map(|p| {
        t.get(..p.len())
            .filter(|h| h.eq_ignore_ascii_case(p))
            .map(|_| &t[p.len()..])
    });
    rest.is_some_and(|r| r.len() > 3 && r.contains('.') && !r.contains(char::is_whitespace))
}

/// A line's text as a key of a set of lines: compared whole, hashed by
/// its length and its first and last bytes only. Lines that differ almost
/// always differ there, and a paragraph is not hashed whole.
#[derive(PartialEq, Eq)]
pub(crate) struct LineKey<'a>(pub &'a str);

impl std::hash::Hash for LineKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        const EDGE: usize = 16;
        let b = self.0.as_bytes();
        h.write_usize(b.len());
        if b.len() <= 2 * EDGE {
            h.write(b);
        } else {
            h.write(&b[..EDGE]);
            h.write(&b[b.len() - EDGE..]);
        }
    }
}

fn menu_like(b: &Block) -> bool {
    let f = &b.features;
    f.words <= 5 && !f.ends_sentence && f.punctuation == 0 && f.title_case_ratio >= 0.5
}

/// Whether the kept line just before `start` introduces a list (ends with
/// a colon): the short lines under "Key features:" are its items, not a
/// menu.
fn introduced(page: &Page, out: &[Decision], start: usize) -> bool {
    start
        .checked_sub(1)
        .is_some_and(|p| out[p].is_kept() && page.blocks[p].text.trim_end().ends_with(':'))
}

/// Text input: a run of short title-case lines is a menu, even inside the
/// main run of prose, unless a line ending in a colon introduces it.
pub fn smooth(page: &Page, said: Option<&super::text_region::Said>, out: &mut [Decision]) {
    if page.is_html {
        return;
    }
    super::text_repeats::drop_repeats(page, said, out);
    let mut i = 0;
    while i < page.blocks.len() {
        if !(out[i].is_kept() && menu_like(&page.blocks[i])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < page.blocks.len() && out[i].is_kept() && menu_like(&page.blocks[i]) {
            i += 1;
        }
        if i - start >= 4 && !introduced(page, out, start) {
            for d in &mut out[start..i] {
                *d = decision(
                    Some(Category::Navigation),
                    "heuristic.menu-run",
                    1.0 + d.score,
                    d.in_main,
                );
            }
        }
    }
}
