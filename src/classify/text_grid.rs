//! Text input: a grid of items (a shop's product tiles, a chart's entries,
//! a directory's listings). Each item is a few short lines: its own name,
//! then lines of one template ("$34.00", "4.5 (120 reviews)", "Add to
//! cart", "#12") that recur at a steady period. None of it reads like
//! prose, so the prose region misses it; on a page with no article the
//! grid is the content.

use super::text_items::shape_append;
use crate::segment::Page;

/// An item grid found on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    /// Its lines, from the first to one past the last.
    pub lines: (usize, usize),
    /// Items in its longest run of one template line.
    pub items: usize,
}

/// Words at most in a template line.
const TEMPLATE_WORDS: u32 = 8;
/// Template lines needed to call it a grid.
const MIN_ITEMS: usize = 4;
/// Words of a sentence too long for an item's line.
const PARAGRAPH_WORDS: u32 = 20;
/// Lines at most from one item's template line to the next.
const MAX_PERIOD: usize = 12;

/// The lines of the largest item grid on the page, or `None`. A grid is a
/// short-line shape that recurs at least `MIN_ITEMS` times, one to
/// `MAX_PERIOD` lines apart with other lines between (the item's own),
/// at a steady period: a menu that repeats a "View all" line after
/// sections of different sizes is not one. Each item also needs a line
/// of its own, said once on the page: the name that tells it apart.
pub fn find(page: &Page, said: &super::text_region::Said, junk: &[bool]) -> Option<Grid> {
    let n = page.blocks.len();
    if n < 2 * MIN_ITEMS {
        return None;
    }
    let (group, count) = shape_groups(page, said);
    // An item's name is said once on the page.
    let own = |i: usize| !junk[i] && said.times(i) == 1;
    // A list of similar lines ("Gym in Camden", "Gym in Burlington") is
    // not a grid: an item's own line differs from its template line from
    // the first word on.
    let first_word = |i: usize| page.blocks[i].text.split_whitespace().next();
    // Compared case-blind char by char: no lower-cased copy per check.
    let alike = |t: usize, i: usize| match (first_word(t), first_word(i)) {
        (Some(a), Some(b)) => a
            .chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase)),
        (a, b) => a.is_none() && b.is_none(),
    };
    // Items are short lines: a paragraph between two template lines is
    // a description, the end of the grid or the start of one.
    let paragraph = |i: usize| {
        let f = &page.blocks[i].features;
        f.words >= PARAGRAPH_WORDS && f.ends_sentence
    };
    let mut slot: Vec<Option<usize>> = vec![None; count.len()];
    let mut at: Vec<Vec<usize>> = Vec::new();
    for (i, g) in group.iter().enumerate() {
        let Some(g) = *g else { continue };
        if count[g] < MIN_ITEMS {
            continue;
        }
        let k = *slot[g].get_or_insert_with(|| {
            at.push(Vec::with_capacity(count[g]));
            at.len() - 1
        });
        at[k].push(i);
    }
    // Every grid found: (items, start, end). Their order does not matter:
    // the largest is taken, then grown over all that overlap it.
    let mut grids: Vec<(usize, usize, usize)> = Vec::new();
    for occ in &at {
        // Chains of occurrences, each one item apart, with a line of the
        // item's own between.
        let mut k = 0;
        while k < occ.len() {
            let mut e = k;
            while e + 1 < occ.len() {
                let (p, q) = (occ[e], occ[e + 1]);
                if q - p < 2
                    || q - p > MAX_PERIOD
                    || !(p + 1..q).any(|i| own(i) && !alike(p, i))
                    || (p + 1..q).any(paragraph)
                {
                    break;
                }
                e += 1;
            }
            let items = e - k + 1;
            if items >= MIN_ITEMS && steady(&occ[k..=e]) {
                let (first, last) = (occ[k], occ[e]);
                let period = (last - first) / (items - 1);
                // The first item's lines before its template line, and the
                // last item's after it: at most a period less one, its own.
                let mut start = first;
                while start > 0 && first - start < period - 1 && own(start - 1) {
                    start -= 1;
                }
                let mut end = last + 1;
                while end < n && end - last < period && !junk[end] && group[end] != group[last] {
                    end += 1;
                }
                grids.push((items, start, end));
            }
            k = e + 1;
        }
    }
    // The grid with the most items, grown over the others that overlap it
    // (its prices, buttons and ratings each make one).
    let &(items, mut s, mut z) = grids
        .iter()
        .max_by_key(|&&(items, s, z)| (items, z - s, usize::MAX - s))?;
    grids.sort_unstable_by_key(|g| g.1);
    loop {
        let (s0, z0) = (s, z);
        for &(_, a, b) in &grids {
            if a < z && b > s {
                (s, z) = (s.min(a), z.max(b));
            }
        }
        if (s, z) == (s0, z0) {
            return Some(Grid {
                lines: (s, z),
                items,
            });
        }
    }
}

/// Whether a line may be a template line: a few words.
fn short(b: &crate::segment::Block) -> bool {
    b.features.words <= TEMPLATE_WORDS && b.features.words > 0
}

/// Each line's shape (`shape_append`) numbered among the page's short
/// lines' distinct shapes in the order they first come (`None` for a
/// line not `short`), and how many lines have each. Lines that say the
/// same (`said` counts the page) have one shape: each distinct text is
/// shaped and looked up once, not once per line (a menu shown twice, a
/// button under every item).
fn shape_groups(page: &Page, said: &super::text_region::Said) -> (Vec<Option<usize>>, Vec<usize>) {
    // Each distinct short text's shape, end to end in one buffer (no Vec
    // per text), and which text it is. Sized once: a shape is as long as
    // its line, or shorter (most lines).
    let room = page
        .blocks
        .iter()
        .filter(|b| short(b))
        .map(|b| b.text.len())
        .sum();
    let mut all = Vec::with_capacity(room);
    let mut shaped = vec![false; said.texts()];
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for (i, b) in page.blocks.iter().enumerate() {
        if short(b) && !std::mem::replace(&mut shaped[said.id(i)], true) {
            let from = all.len();
            shape_append(&b.text, &mut all);
            spans.push((said.id(i), from, all.len()));
        }
    }
    // Most shapes are said once: each is numbered, in the order of the
    // texts' first lines, which is the order of the shapes' first lines.
    let mut ids: rustc_hash::FxHashMap<&[u8], usize> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(spans.len(), Default::default());
    let mut of_text = vec![0usize; said.texts()];
    for &(t, from, to) in &spans {
        let next = ids.len();
        of_text[t] = *ids.entry(&all[from..to]).or_insert(next);
    }
    let mut count = vec![0usize; ids.len()];
    let group = page
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let g = of_text[said.id(i)];
            short(b).then(|| {
                count[g] += 1;
                g
            })
        })
        .collect();
    (group, count)
}

/// Whether the gaps between occurrences are steady: most of them within
/// a line of the middle one.
fn steady(occ: &[usize]) -> bool {
    let mut gaps: Vec<usize> = occ.windows(2).map(|w| w[1] - w[0]).collect();
    gaps.sort_unstable();
    let mid = gaps[gaps.len() / 2];
    let near = gaps.iter().filter(|&&g| g.abs_diff(mid) <= 1).count();
    3 * near >= 2 * gaps.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two lines are in one group when both are short and shaped alike,
    /// or both are not short; groups are numbered in the order they first
    /// come, and counted: pages of generated lines, many said again.
    #[test]
    fn groups_are_the_shapes_of_the_short_lines() {
        let mut rng = crate::classify::testgen::rng(11);
        for _ in 0..200 {
            let page = crate::classify::testgen::pooled_page(&mut rng, 12);
            let said = super::super::text_region::Said::new(&page);
            let (group, count) = shape_groups(&page, &said);
            let shape = |i: usize| {
                let b = &page.blocks[i];
                short(b).then(|| {
                    let mut s = Vec::new();
                    shape_append(&b.text, &mut s);
                    s
                })
            };
            let n = page.blocks.len();
            assert_eq!(group.len(), n);
            let mut next = 0;
            for i in 0..n {
                assert_eq!(group[i].is_some(), short(&page.blocks[i]));
                for j in 0..i {
                    assert_eq!(group[i] == group[j], shape(i) == shape(j), "{i} {j}");
                }
                if let Some(g) = group[i] {
                    assert!(g <= next);
                    if g == next {
                        next += 1;
                    }
                }
            }
            assert_eq!(count.len(), next);
            for (g, &c) in count.iter().enumerate() {
                assert_eq!(c, group.iter().filter(|&&x| x == Some(g)).count());
            }
        }
    }
}
