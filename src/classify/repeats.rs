//! HTML: a block whose text repeats a kept block word for word is the same
//! content shown again (responsive variants for desktop, tablet and phone,
//! carousel clones, a sticky copy of the product title): the body needs it
//! once.

use super::Decision;
use super::category::Category;
use crate::segment::Page;

/// Fewest words for a repeat to count: short labels ("Add to cart",
/// "5 stars") legitimately repeat inside content such as tables.
const MIN_WORDS: u32 = 4;

pub fn drop_repeats(page: &Page, out: &mut [Decision]) {
    if !page.is_html {
        return;
    }
    // Text -> the shape of the place holding its first copy.
    let mut seen = rustc_hash::FxHashMap::default();
    for (b, d) in page.blocks.iter().zip(out.iter_mut()) {
        if !d.is_kept() || b.features.words < MIN_WORDS {
            continue;
        }
        let here = shape(page, b.element);
        let first = *seen.entry(b.text.trim()).or_insert(here);
        // A copy in a place of the same shape is the text's own: each
        // item of a list, each coupon, each step may carry the same line.
        // A copy in a place of another shape (`div.tablet` beside
        // `div.desktop`, a quote inside a reply) is the same content shown
        // again.
        if first != here {
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
