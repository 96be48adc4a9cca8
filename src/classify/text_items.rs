//! Text input: a page made of repeated items (a forum's posts, a Q&A page's
//! answers). Each item carries the same short template lines ("Quote",
//! "Reply With Quote", "Add to quote", a member title) around its own
//! text. The run of prose the region found is often one post; the posts
//! around it that share its template are the same content.

use super::category::Category;
use super::evidence::is_heading_like;
use super::rules::RuleSet;
use crate::segment::Page;

/// Whether line `i` ends a run of posts: a section heading ("Comments",
/// "Related stories") or a copyright line, cookie notice or sign-up
/// prompt, which close a page's content rather than sit inside a post.
/// Asked of a few lines only, when a page has posts.
pub fn ends_posts(page: &Page, set: &RuleSet, text_hits: &[Vec<usize>], i: usize) -> bool {
    let (Some(b), Some(hits)) = (page.blocks.get(i), text_hits.get(i)) else {
        return false;
    };
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

/// A template line's shape, written into `out`: lower case, digits alike
/// ("#5", "#12"; "410 posts", "8,185 posts").
pub(crate) fn shape_into(text: &str, out: &mut Vec<u8>) {
    out.clear();
    let mut zero = false;
    // A digit run, with the separators inside it, becomes one 0.
    let mut push = |c: u8, out: &mut Vec<u8>| {
        if !(zero && (c == b'0' || c == b',' || c == b'.')) {
            out.push(c);
            zero = c == b'0';
        }
    };
    if text.is_ascii() {
        // Most lines: byte by byte, no case tables.
        for &b in text.as_bytes() {
            push(
                if b.is_ascii_digit() {
                    b'0'
                } else {
                    b.to_ascii_lowercase()
                },
                out,
            );
        }
        return;
    }
    let mut enc = [0u8; 4];
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_digit() {
            push(b'0', out);
        } else {
            for &b in c.encode_utf8(&mut enc).as_bytes() {
                push(b, out);
            }
        }
    }
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
    ends: &dyn Fn(usize) -> bool,
    loose: &[bool],
    range: (usize, usize),
) -> (usize, usize) {
    let n = page.blocks.len();
    let (a, z) = range;
    if a >= z || z > n {
        return range;
    }
    let short = |i: usize| page.blocks[i].features.words <= TEMPLATE_WORDS && !loose[i];
    // Candidate template lines: the short lines of the region's own
    // header, less the page title (repeated as a headline, not a template).
    let mut buf = Vec::new();
    let mut title = Vec::new();
    if let Some(t) = page.blocks.first() {
        shape_into(&t.text, &mut title);
    }
    let mut heads: Vec<Vec<u8>> = Vec::new();
    for i in a.saturating_sub(HEADER_REACH).max(1)..=a {
        if short(i) {
            shape_into(&page.blocks[i].text, &mut buf);
            if buf != title && !heads.contains(&buf) {
                heads.push(buf.clone());
            }
        }
    }
    if heads.len() < MIN_KEYS {
        return range;
    }
    // Where each of them recurs.
    let mut at: Vec<Vec<usize>> = vec![Vec::new(); heads.len()];
    // A shape starts as its line does: most lines are told apart by their
    // first byte alone.
    let first = |t: &[u8]| {
        t.first().map(|&b| {
            if b.is_ascii_digit() {
                b'0'
            } else {
                b.to_ascii_lowercase()
            }
        })
    };
    let starts: Vec<Option<u8>> = heads.iter().map(|h| first(h)).collect();
    for i in 0..n {
        if short(i) && starts.contains(&first(page.blocks[i].text.as_bytes())) {
            shape_into(&page.blocks[i].text, &mut buf);
            if let Some(k) = heads.iter().position(|h| *h == buf) {
                at[k].push(i);
            }
        }
    }
    if at.iter().filter(|o| o.len() >= MIN_REPEATS).count() < MIN_KEYS {
        return range;
    }
    // Posts run at most to the next line that closes the content, and
    // start after the last one before the region.
    let limit = (z..n).find(|&i| ends(i)).unwrap_or(n);
    let floor = (0..a).rev().find(|&i| ends(i)).map_or(0, |i| i + 1);
    let mut best = range;
    // A post header carries several template lines (author's title, post
    // count, date, buttons); a lone repeated line is a button or a widget.
    let mut keys = 0;
    for occ in at.iter().filter(|o| o.len() >= MIN_REPEATS) {
        // Items after the region's start (the region may already hold a
        // few): from one template line to the next.
        let mut end = z;
        let mut items = 0;
        let mut misses = 0;
        // `occ` ascends (lines were visited in order): slices, not copies.
        let after = &occ[occ.partition_point(|&o| o <= a)..];
        for (k, &o) in after.iter().enumerate() {
            let next = after.get(k + 1).copied().unwrap_or(n).min(o + MAX_ITEM);
            if o > end + MAX_ITEM || o >= limit {
                break;
            }
            let next = next.min(limit);
            // A reply too short to read as text ("Thanks!") is still a
            // post: the thread goes on past one of them, not two.
            let Some(last) = (o..next).rev().find(|&i| is_text(page, junk, loose, i)) else {
                misses += 1;
                if misses > 1 {
                    break;
                }
                continue;
            };
            misses = 0;
            items += 1;
            end = end.max(last + 1);
        }
        if items < MIN_ITEMS {
            continue;
        }
        // Items before the region, the same way backwards.
        let mut start = a;
        let before = &occ[..occ.partition_point(|&o| o + HEADER_REACH < a)];
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
