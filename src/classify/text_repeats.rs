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
//!
//! A forum poster's signature, said under each of their posts, goes with
//! its first copy too (`signatures`).

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

/// `said`: how often the page says each line, as the region counted it
/// (counted here when not given).
pub fn drop_repeats(page: &Page, said: Option<&super::text_region::Said>, out: &mut [Decision]) {
    let blocks = &page.blocks;
    let mut own = None;
    let said = super::text_region::Said::or_count(said, page, &mut own);
    // Per distinct text (the region's numbering), its first kept line:
    // no line is hashed again.
    let mut first_kept = vec![u32::MAX; said.texts()];
    let mut copies = Vec::new();
    for (i, (b, d)) in blocks.iter().zip(out.iter()).enumerate() {
        if !d.is_kept() {
            continue;
        }
        let f = &mut first_kept[said.id(i)];
        if *f == u32::MAX {
            *f = i as u32;
        } else {
            let f = *f as usize;
            if b.features.words >= SENTENCE_WORDS || same_run(page, f, i) >= BLOCK_LINES {
                copies.push(i);
            }
        }
    }
    let first = Firsts {
        said,
        first: &first_kept,
    };
    // Sentences said by each item of a list stay: where each of them
    // stands and which lines the page says once. Only pages with such a
    // copy pay for it.
    let mut items: FxHashMap<LineKey, Vec<usize>> = FxHashMap::default();
    for &i in &copies {
        if blocks[i].features.ends_sentence {
            items.insert(LineKey(&blocks[i].text), Vec::new());
        }
    }
    let said = Said { counts: said };
    if !items.is_empty() {
        for (i, b) in blocks.iter().enumerate() {
            if let Some(v) = items.get_mut(&LineKey(&b.text)) {
                v.push(i);
            }
        }
        items.retain(|_, places| item_text(places, &|j| said.once(j)));
    }
    copies.retain(|&i| !items.contains_key(&LineKey(&blocks[i].text)));
    let remove = |d: &mut Decision, rule: &'static str| {
        *d = Decision {
            removed: Some(Category::LowContent),
            rule: rule.into(),
            score: 1.0 + d.score,
            in_main: d.in_main,
        };
    };
    for &i in &copies {
        remove(&mut out[i], "heuristic.repeated");
    }
    // Read with the copies gone: a copy is no post's own text.
    for i in signatures(page, out, &first, &copies, &said) {
        remove(&mut out[i], "heuristic.signature");
    }
}

/// How many times the page says each line (`text_region::Said`).
struct Said<'a> {
    counts: &'a super::text_region::Said,
}

impl Said<'_> {
    /// Whether line `j` is said nowhere else on the page.
    fn once(&self, j: usize) -> bool {
        self.counts.times(j) == 1
    }
}

/// The first kept line of each line's text.
struct Firsts<'a> {
    said: &'a super::text_region::Said,
    first: &'a [u32],
}

impl Firsts<'_> {
    /// The first kept line saying line `i`'s text, if one is kept.
    fn of(&self, i: usize) -> Option<usize> {
        let f = *self.first.get(self.said.id(i))?;
        (f != u32::MAX).then_some(f as usize)
    }
}

/// Lines a kept line at most this far back (over removed lines) is the
/// post's own text.
const POST_REACH: usize = 2;

/// Lines more than this between two copies of a signature: the posts'
/// headers, text and buttons between them (a list's teasers are shorter).
const MIN_GAP: usize = 8;

/// Words a post's own line has at least when it ends no sentence.
const POST_WORDS: u32 = 8;

/// The first copies of lines a poster's signature repeats: under each of
/// their posts, a post's last lines said again, word for word, after
/// other text of the post. Each copy of the run (`copies` are the later
/// ones, `first` the first) has a line of the post's own prose just
/// before it (not a quote's "Ann said:"), the two differ, and the run
/// ends its post: a removed line (the post's buttons, the next header)
/// follows. A quoted post's first copy opens its post under the header,
/// and its quote ends in "Click to expand..." or in the reply's text.
fn signatures(
    page: &Page,
    out: &[Decision],
    first: &Firsts,
    copies: &[usize],
    said: &Said,
) -> Vec<usize> {
    let blocks = &page.blocks;
    let n = blocks.len().min(out.len());
    // The post's own line before line `a`: kept prose, over at most one
    // removed line ("Last edited ...").
    let own_before = |a: usize| -> Option<usize> {
        let j = (a.saturating_sub(POST_REACH)..a)
            .rev()
            .find(|&j| out[j].is_kept())?;
        let f = &blocks[j].features;
        let text = blocks[j].text.trim_end();
        ((f.ends_sentence || f.words >= POST_WORDS)
            && !text.ends_with(':')
            && !text.ends_with("..."))
        .then_some(j)
    };
    // A post ends at a line removed as furniture, not at a copy (a
    // longer passage said twice goes on).
    let ends_post =
        |z: usize| z + 1 >= n || !out[z + 1].is_kept() && copies.binary_search(&(z + 1)).is_err();
    let first_of = |i: usize| first.of(i);
    let mut signed = Vec::new();
    let mut k = 0;
    while k < copies.len() {
        // A run of copies whose first copies are a run too.
        let c0 = copies[k];
        let mut z = k;
        while z + 1 < copies.len()
            && copies[z + 1] == copies[z] + 1
            && first_of(copies[z + 1])
                .zip(first_of(copies[z]))
                .is_some_and(|(b, a)| b == a + 1)
        {
            z += 1;
        }
        let c1 = copies[z];
        k = z + 1;
        let (Some(f0), Some(f1)) = (first_of(c0), first_of(c1)) else {
            continue;
        };
        if f1 >= c0 || !out[f0..=f1].iter().all(Decision::is_kept) {
            continue;
        }
        // Each copy under a post of its own (text of its own, one of the
        // two said nowhere else), and a dated header opens the later post.
        // The tests that need no count of the page's lines come first:
        // most runs fail them.
        if c0 - f1 > MIN_GAP
            && ends_post(f1)
            && ends_post(c1)
            && own_before(f0).zip(own_before(c0)).is_some_and(|(a, b)| {
                b > f1 && blocks[a].text != blocks[b].text && (said.once(a) || said.once(b))
            })
            && (f1 + 1..c0).any(|j| super::text_thread::is_date_line(page, j))
        {
            signed.extend(f0..=f1);
        }
    }
    signed
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
