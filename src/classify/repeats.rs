//! HTML: a block whose text repeats a kept block word for word is the same
//! content shown again (responsive variants for desktop, tablet and phone,
//! carousel clones, a sticky copy of the product title): the body needs it
//! once.

use super::Decision;
use super::category::Category;
use crate::segment::Page;

/// Fewest words for a repeat to count: a one-word label ("Yes", "Buy")
/// legitimately repeats inside content such as tables. Two-word texts
/// count: a product name or a service's heading shown again in a sticky
/// bar or a carousel clone is as much a copy as a sentence is, and the
/// shape test below keeps a table's repeated cells.
const MIN_WORDS: u32 = 2;

pub fn drop_repeats(page: &Page, out: &mut [Decision]) {
    if !page.is_html {
        return;
    }
    // Text -> the element holding its first copy, and that place's shape
    // once a second copy asks for it: most texts are said once, and a
    // shape walks up to the root.
    let mut seen = rustc_hash::FxHashMap::default();
    for (b, d) in page.blocks.iter().zip(out.iter_mut()) {
        if !d.is_kept() || b.features.words < MIN_WORDS {
            continue;
        }
        let (first_el, first_shape) = match seen.entry(b.text.trim()) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert((b.element, None));
                continue;
            }
            std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
        };
        let first = *first_shape.get_or_insert_with(|| shape(page, *first_el));
        // A copy in a place of the same shape is the text's own: each
        // item of a list, each coupon, each step may carry the same line.
        // A copy in a place of another shape (`div.tablet` beside
        // `div.desktop`, a quote inside a reply) is the same content shown
        // again.
        if first != shape(page, b.element) {
            *d = Decision {
                removed: Some(Category::LowContent),
                rule: "heuristic.repeated".into(),
                score: 1.0 + d.score,
                in_main: d.in_main,
            };
        }
    }
}

/// The tags and first classes from a block's element up to the root,
/// hashed: places of the same shape are items of one kind.
fn shape(page: &Page, mut e: Option<usize>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    while let Some(i) = e {
        let el = &page.elements[i];
        el.tag.hash(&mut h);
        el.classes.first().hash(&mut h);
        e = el.parent;
    }
    h.finish()
}
