//! Text input: an article's lists. A review's features, pros and cons, a
//! guide's steps: short lines with no sentence end, each with its own
//! short label ("Pros", "Cons", "Features") said again in every section.
//! To the prose run they look like a menu, so the region stops at the
//! first list. Paragraphs resume after it: the list is the article's own.

use crate::segment::Page;

/// Lines at most between the region's end and the next paragraph.
const MAX_GAP: usize = 24;
/// Longest line in words a list may hold: longer lines that are not
/// prose are run-on menus, tag clouds or code.
const ITEM_WORDS: u32 = 25;
/// Title-case headlines in a list that make it a list of other pages.
const MAX_HEADLINES: usize = 3;
/// Prose words the paragraphs after a list must have to be the article
/// going on (not a footer's one-line blurb).
const MIN_AFTER: u32 = 20;

/// The region `(a, z)` of an article, run on over lists after it: while
/// the next prose line comes within `MAX_GAP` lines, and the lines between
/// are a list (see `is_list`), the region takes them and the paragraphs
/// beyond them.
pub fn bridge(
    page: &Page,
    prose: &[bool],
    junk: &[bool],
    ends: &dyn Fn(usize) -> bool,
    (a, mut z): (usize, usize),
) -> (usize, usize) {
    let n = page.blocks.len().min(prose.len()).min(junk.len());
    let gap = |g: (usize, usize)| is_list(page, junk, ends, g);
    // The paragraphs after the list, with a short line (a
    // subheading) at most between two of them.
    while z < n {
        let Some(next) = (z..n.min(z + MAX_GAP + 1)).find(|&i| prose[i]) else {
            break;
        };
        if !gap((z, next)) {
            break;
        }
        let (mut end, mut words) = (next, 0);
        while end < n {
            if prose[end] {
                words += page.blocks[end].features.words;
                end += 1;
            } else if end + 1 < n && prose[end + 1] && subheading(page, junk, end) {
                end += 1;
            } else {
                break;
            }
        }
        if words < MIN_AFTER {
            break;
        }
        z = end;
    }
    (a, z)
}

/// Whether lines `(a, z)` are a list of the article's: short lines that no
/// text rule removed (a share bar, a dateline: the article ended) and
/// none a heading that ends the content (`ends`: "Related", "Comments"),
/// with few headlines in title case: those are teasers of other pages (a
/// "you might also like" list under a heading no rule knows); an
/// article's list items are phrases or sentences.
fn is_list(
    page: &Page,
    junk: &[bool],
    ends: &dyn Fn(usize) -> bool,
    (a, z): (usize, usize),
) -> bool {
    let short = (a..z).all(|i| !junk[i] && page.blocks[i].features.words <= ITEM_WORDS);
    let headlines = (a..z)
        .filter(|&i| {
            let f = &page.blocks[i].features;
            f.words >= 5 && f.title_case_ratio >= 0.6
        })
        .count();
    short && headlines < MAX_HEADLINES && !(a..z).any(ends)
}

/// A short line between two paragraphs: a subheading.
fn subheading(page: &Page, junk: &[bool], i: usize) -> bool {
    !junk[i] && page.blocks[i].features.words <= 12
}
