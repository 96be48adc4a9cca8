//! Text input: a document's own table of contents. A reference page or a
//! manual lists its chapters at the top ("Description", "Options",
//! "Discussion", "See also") and then heads each chapter with the same
//! words. Such a chapter is the document, not the comment thread or
//! related list a page's furniture heading of the same words opens; and
//! the entry in the contents list is a line of a menu, which opens
//! nothing either.

use crate::segment::Page;

/// Entries before a contents entry said again, in order, over the
/// chapters before its own.
const LISTED_BEFORE: usize = 3;
/// Words at most in a contents entry.
const ENTRY_WORDS: u32 = 8;

/// Clears the section-heading hits (`evidence::heading_hits`) of lines that
/// a table of contents lists, and of the entries that list them.
///
/// Line `j` lists line `k` (same words, said only there, `j < k`) when the
/// entries before `j` are said again between them, in the same order and
/// apart: they head the chapters before `k`. A menu said twice says its
/// entries side by side; a furniture heading that a top menu also names
/// rarely has its menu neighbours said in order in between.
pub fn clear_listed(page: &Page, headings: &mut [Vec<usize>]) {
    if page.is_html || headings.iter().all(Vec::is_empty) {
        return;
    }
    let keys: Vec<u64> = page.blocks.iter().map(key).collect();
    // The last line of `key` strictly between `a` and `b`. A page has few
    // heading lines: plain scans, no map of every line.
    let last_between =
        |key: u64, a: usize, b: usize| (a + 1..b.min(keys.len())).rev().find(|&m| keys[m] == key);
    let lists = |j: usize, k: usize| {
        if j < LISTED_BEFORE {
            return false;
        }
        // The entries before `j`, said again in between and in order, each
        // over a chapter of its own: a menu said twice (a page's wide and
        // narrow menus) says them on adjacent lines.
        let mut next = k;
        (1..=LISTED_BEFORE).all(|d| {
            let e = keys[j - d];
            match last_between(e, j, next.saturating_sub(1)).filter(|_| e != 0) {
                Some(m) => {
                    next = m;
                    true
                }
                _ => false,
            }
        })
    };
    let mut clear = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        if h.is_empty() || keys[i] == 0 {
            continue;
        }
        // Said once in the contents and once over its chapter: a line
        // said again and again is an item's button ("Read more").
        let mut same = keys
            .iter()
            .enumerate()
            .filter(|&(o, &k)| k == keys[i] && o != i)
            .map(|(o, _)| o);
        let (Some(o), None) = (same.next(), same.next()) else {
            continue;
        };
        let listed = (o < i && lists(o, i)) || (o > i && lists(i, o));
        if listed {
            clear.push(i);
        }
    }
    for i in clear {
        headings[i].clear();
    }
}

/// A short line's words, lower case, punctuation and spacing dropped ("See
/// also", "SEE ALSO ¶"), hashed; 0 for a longer or wordless line.
fn key(b: &crate::segment::Block) -> u64 {
    use std::hash::Hasher;
    if b.features.words == 0 || b.features.words > ENTRY_WORDS {
        return 0;
    }
    let mut h = rustc_hash::FxHasher::default();
    let mut any = false;
    if b.text.is_ascii() {
        for c in b.text.bytes().filter(u8::is_ascii_alphanumeric) {
            h.write_u32(u32::from(c.to_ascii_lowercase()));
            any = true;
        }
        return if any { h.finish().max(1) } else { 0 };
    }
    for c in b.text.chars().filter(|c| c.is_alphanumeric()) {
        for l in c.to_lowercase() {
            h.write_u32(l as u32);
        }
        any = true;
    }
    if any { h.finish().max(1) } else { 0 }
}
