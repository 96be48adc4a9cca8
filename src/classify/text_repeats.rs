//! Text input: a kept line said again is a caption shown twice, a teaser,
//! a pull quote or a quoted post: the body needs it once. Two exceptions
//! read the page's structure, as the HTML path reads its tags:
//!
//! - a short line ("Pricing", "Add to cart", "Free shipping") is said
//!   twice by content too, so its copy goes only inside a block of lines
//!   said again in the same order (a menu or a panel shown twice);
//! - a sentence repeated by every item of a tight list (the same terms
//!   under each coupon, the same features under each plan, the same
//!   credit under each photo) is the items' own text, when each item also
//!   carries lines of its own. A carousel clone repeats its whole item,
//!   title included, and stays a copy; a label repeated by each item (a
//!   byline, "Posted in ...") is the list's furniture.

use super::Decision;
use super::category::Category;
use super::heuristics::LineKey;
use crate::segment::Page;
use rustc_hash::FxHashMap;

/// Fewest words for a line said again to be a copy on its own.
const SENTENCE_WORDS: u32 = 5;

/// Fewest lines in a row, said again in the same order, for the short
/// lines among them to be a copy.
const BLOCK_LINES: usize = 4;

/// Fewest copies of a line for it to be part of a list's items.
const ITEM_COPIES: usize = 3;

/// Most lines from one copy to the next inside a list of items: items are
/// short; copies further apart are a page quoting itself.
const ITEM_SPAN: usize = 15;

pub fn drop_repeats(page: &Page, out: &mut [Decision]) {
    let blocks = &page.blocks;
    // Sized once: growing it hashes every line in it again.
    let mut first: FxHashMap<LineKey, usize> =
        FxHashMap::with_capacity_and_hasher(blocks.len(), Default::default());
    let mut copies = Vec::new();
    for (i, (b, d)) in blocks.iter().zip(out.iter()).enumerate() {
        if !d.is_kept() {
            continue;
        }
        match first.entry(LineKey(&b.text)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i);
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                let f = *o.get();
                if b.features.words >= SENTENCE_WORDS || same_run(page, f, i) >= BLOCK_LINES {
                    copies.push(i);
                }
            }
        }
    }
    // Sentences said by each item of a list stay: where each of them
    // stands and which lines the page says once. Only pages with such a
    // copy pay for it.
    let mut items: FxHashMap<LineKey, Vec<usize>> = FxHashMap::default();
    for &i in &copies {
        if blocks[i].features.ends_sentence {
            items.insert(LineKey(&blocks[i].text), Vec::new());
        }
    }
    if !items.is_empty() {
        let mut count: FxHashMap<LineKey, u32> =
            FxHashMap::with_capacity_and_hasher(blocks.len(), Default::default());
        for (i, b) in blocks.iter().enumerate() {
            *count.entry(LineKey(&b.text)).or_default() += 1;
            if let Some(v) = items.get_mut(&LineKey(&b.text)) {
                v.push(i);
            }
        }
        let once = |j: usize| count.get(&LineKey(&blocks[j].text)) == Some(&1);
        items.retain(|_, places| item_text(places, &once));
    }
    for i in copies {
        if items.contains_key(&LineKey(&blocks[i].text)) {
            continue;
        }
        let d = &mut out[i];
        *d = Decision {
            removed: Some(Category::LowContent),
            rule: "heuristic.repeated".into(),
            score: 1.0 + d.score,
            in_main: d.in_main,
        };
    }
}

/// How many lines in a row around `i` repeat those around `f` (`f < i`),
/// the pair itself included, without the two spans overlapping (counted
/// up to a little over `BLOCK_LINES`).
fn same_run(page: &Page, f: usize, i: usize) -> usize {
    let b = &page.blocks;
    // Counted no further than needed: a page of one line said over and
    // over would take a walk per copy.
    let back = (1..=f.min(i - f - 1))
        .take_while(|&k| b[f - k].text == b[i - k].text)
        .take(BLOCK_LINES)
        .count();
    let ahead = (1..i - f)
        .take_while(|&k| b.get(i + k).is_some_and(|x| x.text == b[f + k].text))
        .take(BLOCK_LINES)
        .count();
    back + ahead + 1
}

/// Whether a line found at `places` is the text of each item of a list:
/// said at least `ITEM_COPIES` times, each copy close to the one before,
/// with a line said nowhere else between them (the item's own name, price
/// or description).
fn item_text(places: &[usize], once: &impl Fn(usize) -> bool) -> bool {
    places.len() >= ITEM_COPIES
        && places
            .windows(2)
            .all(|w| w[1] - w[0] <= ITEM_SPAN && (w[0] + 1..w[1]).any(once))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_said_again_does_not_count_lines_of_both_copies() {
        // "A B A B A": from the A at 2 to the A at 4, only "B A" (3, 4)
        // repeats "B A" (1, 2); line 2 cannot stand in both copies.
        let page = crate::segment::text::segment("A\nB\nA\nB\nA");
        assert_eq!(same_run(&page, 2, 4), 2);
        // Two copies apart: each line of "A B A" once.
        let page = crate::segment::text::segment("A\nB\nC\nA\nB\nC");
        assert_eq!(same_run(&page, 0, 3), 3);
    }
}
