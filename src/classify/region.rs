//! Finding the main content: for HTML the element whose subtree holds the
//! most prose and the least link text (Readability's idea, with class/id
//! weights); for text the run of lines with the most prose in it.

use super::rules::token_matches;
use crate::segment::{Block, Page};

/// Which blocks lie in the main content, and (HTML) which elements hold it.
#[derive(Debug, Clone)]
pub struct Region {
    pub in_main: Vec<bool>,
    /// Elements that hold the main content: the best element, the elements
    /// above it, its content-like siblings, and any element holding half of
    /// its prose. Structural rules never fire on these: a wrapper that holds
    /// the article is not boilerplate whatever its class says.
    pub holds_main: Vec<bool>,
}

impl Region {
    /// Share of the main content's characters that sit in links.
    pub fn link_share(&self, page: &Page) -> f32 {
        let (mut links, mut all) = (0.0, 0.0);
        for (b, &m) in page.blocks.iter().zip(&self.in_main) {
            if m {
                let c = b.features.chars as f32;
                links += c * b.features.link_density;
                all += c;
            }
        }
        if all > 0.0 { links / all } else { 0.0 }
    }
}

/// Whether a block reads as running prose.
pub fn is_prose(b: &Block, use_stopwords: bool) -> bool {
    let f = &b.features;
    f.words >= 10
        && f.link_density < 0.3
        && (f.punctuation >= 1 || f.ends_sentence)
        && (!use_stopwords || f.stopword_ratio >= 0.12)
}

/// Whether the page has function words at all (not for CJK and others).
pub fn has_stopwords(page: &Page) -> bool {
    let (hits, words) = page.blocks.iter().fold((0.0, 0.0), |(h, w), b| {
        (
            h + b.features.stopword_ratio * b.features.words as f32,
            w + b.features.words as f32,
        )
    });
    words > 0.0 && hits / words > 0.05
}

/// The good and the bad mass of one block.
fn masses(b: &Block, use_stopwords: bool) -> (f32, f32) {
    let f = &b.features;
    let w = f.words as f32;
    let ld = f.link_density;
    let good = if is_prose(b, use_stopwords) {
        w * (1.0 - ld)
    } else if ld < 0.3 && f.words >= 4 {
        0.3 * w
    } else {
        0.0
    };
    let mut bad = w * ld;
    if !is_prose(b, use_stopwords) && f.words < 10 {
        bad += 0.5 * w.max(1.0);
    }
    (good, bad)
}

const POSITIVE: &[&str] = &[
    "article", "post", "entry", "content", "story", "main", "body", "text", "prose", "blog",
];
const NEGATIVE: &[&str] = &[
    "comment", "comments", "sidebar", "footer", "related", "nav", "menu", "widget", "ad", "ads",
    "share", "social", "header", "promo", "sponsor", "teaser", "aside",
];

fn class_factor(tag: &str, tokens: &[String]) -> f32 {
    let pos = matches!(tag, "article" | "main") as i32
        + tokens
            .iter()
            .any(|t| POSITIVE.iter().any(|p| token_matches(t, p))) as i32;
    let neg = matches!(tag, "nav" | "aside" | "footer" | "header") as i32
        + tokens
            .iter()
            .any(|t| NEGATIVE.iter().any(|p| token_matches(t, p))) as i32;
    (1.0 + 0.25 * pos as f32 - 0.5 * neg as f32).max(0.1)
}

/// `junk[i]`: block i is removed by the text rules whatever happens.
pub fn find(page: &Page, junk: &[bool]) -> Region {
    if page.is_html && !page.elements.is_empty() {
        html_region(page, junk)
    } else {
        super::text_region::find(page, junk)
    }
}

/// Below this share of the page's prose in the best element, a page with no
/// article is read as a whole.
const SPREAD_SHARE: f32 = 0.5;

fn html_region(page: &Page, junk: &[bool]) -> Region {
    let sw = has_stopwords(page);
    let n = page.elements.len();
    let mut good = vec![0f32; n];
    let mut bad = vec![0f32; n];
    for (b, &j) in page.blocks.iter().zip(junk) {
        let (g, bd) = if j {
            (0.0, b.features.words as f32)
        } else {
            masses(b, sw)
        };
        let mut e = b.element;
        while let Some(i) = e {
            good[i] += g;
            bad[i] += bd;
            e = page.elements[i].parent;
        }
    }
    let score = |i: usize| {
        let el = &page.elements[i];
        (good[i] - 0.6 * bad[i]) * class_factor(&el.tag, &el.tokens)
    };
    let mut best = None;
    let mut best_score = 0.0;
    for i in 0..n {
        let s = score(i);
        if s > best_score {
            best_score = s;
            best = Some(i);
        }
    }
    // The main content, plus siblings that score like content too: pages
    // other than articles spread it over several sections (Readability's
    // sibling step).
    let mut members = vec![false; n];
    if let Some(root) = best {
        members[root] = true;
        if let Some(parent) = page.elements[root].parent {
            for (i, el) in page.elements.iter().enumerate() {
                if el.parent == Some(parent) && i != root && score(i) >= 0.2 * best_score {
                    members[i] = true;
                }
            }
        }
    }
    // Elements holding most of the main content's prose are never
    // boilerplate, whatever their class says (`content-with-sidebar`).
    let mut holds_main = vec![false; n];
    if let Some(root) = best {
        let floor = 0.5 * good[root];
        for (i, h) in holds_main.iter_mut().enumerate() {
            *h = (good[i] >= floor && good[i] > 0.0) || members[i];
        }
        let mut e = Some(root);
        while let Some(i) = e {
            holds_main[i] = true;
            e = page.elements[i].parent;
        }
    }
    let prose = prose_flags(page, junk, sw);
    let total_good: f32 = page
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| e.parent.is_none())
        .map(|(i, _)| good[i])
        .sum();
    // No article and a best element holding under half the page's prose:
    // a listing, product or forum page, whose content is spread out. Then
    // only rules and link density decide, not the region.
    let wide = !has_article_core(page, &prose)
        && best.is_some_and(|r| good[r] < SPREAD_SHARE * total_good);
    let in_main = page
        .blocks
        .iter()
        .map(|b| wide || best.is_none() || page.is_within(b.element, &members))
        .collect();
    Region {
        in_main,
        holds_main,
    }
}

/// Which blocks are prose that no text rule removes.
pub(super) fn prose_flags(page: &Page, junk: &[bool], sw: bool) -> Vec<bool> {
    page.blocks
        .iter()
        .zip(junk)
        .map(|(b, &j)| !j && is_prose(b, sw))
        .collect()
}

/// Whether the page has a run of paragraphs, as articles do (product and
/// listing pages are made of separate short texts).
pub(super) fn has_article_core(page: &Page, prose: &[bool]) -> bool {
    let (mut lines, mut words) = (0, 0);
    for (b, &p) in page.blocks.iter().zip(prose) {
        if p {
            lines += 1;
            words += b.features.words;
            if lines >= 3 && words >= 120 {
                return true;
            }
        } else {
            (lines, words) = (0, 0);
        }
    }
    false
}
