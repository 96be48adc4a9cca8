//! Text input: a page made of repeated items (a forum's posts, a Q&A page's
//! answers). Each item carries the same short template lines ("Quote",
//! "Reply With Quote", "Add to quote", a member title) around its own
//! text. The run of prose the region found is often one post; the posts
//! around it that share its template are the same content.

use super::category::Category;
use super::evidence::is_heading_like;
use super::rules::RuleSet;
use crate::segment::Page;
use rustc_hash::FxHashMap;

/// Lines that end a run of posts: a section heading ("Comments", "Related
/// stories") or a copyright line, cookie notice or sign-up prompt, which
/// close a page's content rather than sit inside a post.
pub fn enders(page: &Page, set: &RuleSet, text_hits: &[Vec<usize>]) -> Vec<bool> {
    page.blocks
        .iter()
        .zip(text_hits)
        .map(|(b, hits)| {
            let closing = hits.iter().any(|&r| {
                let rule = &set.rules[r];
                rule.weight >= 1.0
                    && matches!(
                        rule.category,
                        Category::Legal | Category::CookieNotice | Category::Newsletter
                    )
            });
            closing
                || (is_heading_like(b)
                    && set
                        .heading_matches_within(&b.text, b.features.words, b.features.link_density)
                        .iter()
                        .any(|&r| set.rules[r].weight >= 1.0))
        })
        .collect()
}

/// Words at most in a template line.
const TEMPLATE_WORDS: u32 = 8;
/// Times a line must recur to be a template line.
const MIN_REPEATS: usize = 3;
/// Lines before the region searched for its own item's template line.
const HEADER_REACH: usize = 15;
/// Lines at most between two items' template lines.
const MAX_ITEM: usize = 60;
/// Distinct template lines the items must share.
const MIN_KEYS: usize = 2;
/// Items with text needed beyond the region to extend it.
const MIN_ITEMS: usize = 2;

/// A template line's shape: lower case, digits alike ("#5", "#12"; "410
/// posts", "8,185 posts").
fn shape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if c.is_ascii_digit() { '0' } else { c };
        if !((c == '0' || c == ',' || c == '.') && out.ends_with('0')) {
            out.push(c);
        }
    }
    out
}

/// Whether line i is an item's own text: a paragraph, or a short
/// sentence (replies are often one line).
fn is_text(page: &Page, junk: &[bool], loose: &[bool], i: usize) -> bool {
    let f = &page.blocks[i].features;
    !junk[i] && (loose[i] || (f.words >= 5 && f.ends_sentence && f.stopword_ratio > 0.0))
}

/// `range` grown over the items before and after it that share its
/// template: the region's own item has template lines in the lines just
/// before it, and at least `MIN_ITEMS` items after its start carry the
/// same lines (`MIN_KEYS` of them) and some text of their own. Returns
/// `range` when the page is not made of such items.
pub fn extend(
    page: &Page,
    junk: &[bool],
    enders: &[bool],
    loose: &[bool],
    range: (usize, usize),
) -> (usize, usize) {
    let n = page.blocks.len();
    let (a, z) = range;
    if a >= z || z > n {
        return range;
    }
    let mut at: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, b) in page.blocks.iter().enumerate() {
        if b.features.words <= TEMPLATE_WORDS && !loose[i] {
            at.entry(shape(&b.text)).or_default().push(i);
        }
    }
    // The page title is no template line, though it may be repeated.
    if let Some(t) = page.blocks.first() {
        at.remove(&shape(&t.text));
    }
    let ends = |i: usize| enders.get(i).copied().unwrap_or(false);
    // Posts run at most to the next line that closes the content, and
    // start after the last one before the region.
    let limit = (z..n).find(|&i| ends(i)).unwrap_or(n);
    let floor = (0..a).rev().find(|&i| ends(i)).map_or(0, |i| i + 1);
    let mut best = range;
    // A post header carries several template lines (author's title, post
    // count, date, buttons); a lone repeated line is a button or a widget.
    let mut keys = 0;
    for occ in at.values().filter(|o| o.len() >= MIN_REPEATS) {
        // The region's own item carries the line in its header.
        if !occ.iter().any(|&o| o + HEADER_REACH >= a && o <= a) {
            continue;
        }
        // Items after the region's start (the region may already hold a
        // few): from one template line to the next.
        let mut end = z;
        let mut items = 0;
        let after: Vec<usize> = occ.iter().copied().filter(|&o| o > a).collect();
        for (k, &o) in after.iter().enumerate() {
            let next = after.get(k + 1).copied().unwrap_or(n).min(o + MAX_ITEM);
            if o > end + MAX_ITEM || o >= limit {
                break;
            }
            let next = next.min(limit);
            let Some(last) = (o..next).rev().find(|&i| is_text(page, junk, loose, i)) else {
                break;
            };
            items += 1;
            end = end.max(last + 1);
        }
        if items < MIN_ITEMS {
            continue;
        }
        // Items before the region, the same way backwards.
        let mut start = a;
        let before: Vec<usize> = occ
            .iter()
            .copied()
            .filter(|&o| o + HEADER_REACH < a)
            .collect();
        for w in before.iter().rev() {
            if *w + MAX_ITEM < start || *w < floor {
                break;
            }
            let Some(first) = (*w..start).find(|&i| is_text(page, junk, loose, i)) else {
                break;
            };
            start = start.min(first);
        }
        keys += 1;
        if end - start > best.1 - best.0 {
            best = (start, end);
        }
    }
    if keys >= MIN_KEYS { best } else { range }
}
