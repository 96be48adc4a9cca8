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

/// Clears the section-heading hits (`evidence::rule_hits`) of lines that
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
    // Most short lines of a page can say no heading line again: the
    // lines are hashed only where the heading lines are said (`heads`),
    // told apart first by their first letter, and the few lines a
    // contents check reads are hashed when it reads them.
    let heads: Vec<(usize, u64)> = headings
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.is_empty())
        .map(|(i, _)| (i, key(&page.blocks[i])))
        .filter(|&(_, k)| k != 0)
        .collect();
    if heads.is_empty() {
        return;
    }
    let mut firsts: Vec<char> = heads
        .iter()
        .filter_map(|&(i, _)| first(&page.blocks[i]))
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    // The ASCII ones as bits, tested for each short line in one step.
    let ascii_firsts: u128 = firsts
        .iter()
        .filter(|c| c.is_ascii())
        .fold(0, |m, &c| m | 1 << (c as u32));
    let listed_first = |c: char| {
        if c.is_ascii() {
            ascii_firsts & (1 << (c as u32)) != 0
        } else {
            firsts.contains(&c)
        }
    };
    // Each line's key, hashed once however many contents checks read it.
    let cache: Vec<std::cell::Cell<Option<u64>>> =
        vec![std::cell::Cell::new(None); page.blocks.len()];
    let keys = |m: usize| match cache.get(m) {
        Some(c) => c.get().unwrap_or_else(|| {
            let k = key(&page.blocks[m]);
            c.set(Some(k));
            k
        }),
        None => 0,
    };
    // The last line of `key` strictly between `a` and `b`.
    let last_between = |key: u64, a: usize, b: usize| {
        (a + 1..b.min(page.blocks.len()))
            .rev()
            .find(|&m| keys(m) == key)
    };
    let lists = |j: usize, k: usize| {
        if j < LISTED_BEFORE {
            return false;
        }
        // The entries before `j`, said again in between and in order, each
        // over a chapter of its own: a menu said twice (a page's wide and
        // narrow menus) says them on adjacent lines.
        let mut next = k;
        (1..=LISTED_BEFORE).all(|d| {
            let e = keys(j - d);
            match last_between(e, j, next.saturating_sub(1)).filter(|_| e != 0) {
                Some(m) => {
                    next = m;
                    true
                }
                _ => false,
            }
        })
    };
    // Where each heading key is said, counted in one pass over the lines
    // (not one pass per heading): (times, first line, second line).
    let mut wanted: Vec<u64> = heads.iter().map(|&(_, k)| k).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut seen = vec![(0u32, 0usize, 0usize); wanted.len()];
    for (m, b) in page.blocks.iter().enumerate() {
        if b.features.words == 0 || b.features.words > ENTRY_WORDS {
            continue;
        }
        if !first(b).is_some_and(listed_first) {
            continue;
        }
        if let Ok(w) = wanted.binary_search(&keys(m)) {
            let s = &mut seen[w];
            match s.0 {
                0 => s.1 = m,
                1 => s.2 = m,
                _ => {}
            }
            s.0 += 1;
        }
    }
    let mut clear = Vec::new();
    for &(i, k) in &heads {
        // Said once in the contents and once over its chapter: a line
        // said again and again is an item's button ("Read more").
        let Ok(w) = wanted.binary_search(&k) else {
            continue;
        };
        let (n, a, b) = seen[w];
        if n != 2 {
            continue;
        }
        let o = if a == i { b } else { a };
        let listed = (o < i && lists(o, i)) || (o > i && lists(i, o));
        if listed {
            clear.push(i);
        }
    }
    for i in clear {
        headings[i].clear();
    }
}

/// The first letter or digit of a line, lower case: the first one `key`
/// hashes, so two lines of one key share it.
#[inline]
fn first(b: &crate::segment::Block) -> Option<char> {
    // Asked of most short lines, most of which start with a letter: that
    // one is told inline, the call kept for the rest.
    match b.text.as_bytes().first() {
        Some(&c) if c.is_ascii_alphanumeric() => Some(char::from(c.to_ascii_lowercase())),
        _ => first_past_lead(b),
    }
}

/// `first` of a line that starts with other than an ASCII letter or digit.
#[inline(never)]
fn first_past_lead(b: &crate::segment::Block) -> Option<char> {
    // An ASCII letter or digit before any other than ASCII is the answer,
    // without decoding or case tables.
    for &c in b.text.as_bytes() {
        if c.is_ascii_alphanumeric() {
            return Some(char::from(c.to_ascii_lowercase()));
        }
        if !c.is_ascii() {
            break;
        }
    }
    let c = b.text.chars().find(|c| c.is_alphanumeric())?;
    c.to_lowercase().next()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_takes_the_ascii_path_only_where_it_agrees() {
        let old = |t: &str| {
            let c = t.chars().find(|c| c.is_alphanumeric())?;
            c.to_lowercase().next()
        };
        let text = "See also\n  -- Options\n¶ Discussion\nÉtude\n«Ünder»\n***\n- 9 lives\nİstanbul\n\
                    ΣΟΦΙΑ\n— ok\n\u{a0}Nbsp\n٣ three\n...";
        let page = crate::segment::text::segment(text);
        assert!(page.blocks.len() >= 10);
        for b in &page.blocks {
            assert_eq!(first(b), old(&b.text), "{:?}", b.text);
        }
    }

    /// `first`'s inline lead test and the call past it answer as the
    /// search of every character did, on generated lines (letters, digits,
    /// punctuation and other than ASCII first).
    #[test]
    fn first_answers_as_the_search_on_generated_lines() {
        let old = |t: &str| {
            let c = t.chars().find(|c| c.is_alphanumeric())?;
            c.to_lowercase().next()
        };
        let mut rng = crate::classify::testgen::rng(83);
        let (mut lead, mut past) = (0, 0);
        let lines: Vec<String> = (0..3000)
            .map(|_| crate::classify::testgen::line(&mut rng, 4))
            .collect();
        let page = crate::segment::text::segment(&lines.join("\n"));
        for b in &page.blocks {
            assert_eq!(first(b), old(&b.text), "{:?}", b.text);
            match b.text.as_bytes().first() {
                Some(c) if c.is_ascii_alphanumeric() => lead += 1,
                _ => past += 1,
            }
        }
        assert!(lead > 500 && past > 500, "{lead} {past}");
    }
}
