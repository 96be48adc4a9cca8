//! Text input: an article cut into several runs of prose. A roundup or a
//! review puts a product box (name, score, pros and cons, specs, a "get a
//! quote" button) between its paragraphs; a guide puts a table, a list or
//! a widget there. The run of prose found first is one of these chunks;
//! the region grows over the boxes to the chunks before and after it,
//! while what lies between reads as the article's own furniture and not
//! as the end of it (a "Related" or "Comments" heading, a copyright line,
//! the site's menu, a list of other pages' headlines, a form).

use super::text_region::Said;
use crate::segment::{Features, Page};

/// Lines at most between two chunks of one article: a reference page's
/// code sample or response object runs to a hundred short lines (the
/// chunk beyond must still outweigh them, see `WORDS_PER_LINE`).
const REACH: usize = 120;
/// Lines between beyond which the gap must read as code or data (see
/// `LABEL_SHARE`): a sidebar of tools, a table of contents or a list of
/// links runs as long as a code sample, and what follows it is the site's
/// own blurb, not the article going on.
const FAR: usize = 60;
/// Share of a far gap's lines at most that are capitalised labels with no
/// digit (menu items, section titles, tool names). Code, response objects
/// and data tables are lower case or numbers.
const LABEL_SHARE: f32 = 0.4;
/// Prose words a chunk needs to be the article going on, not a blurb.
const MIN_WORDS: u32 = 40;
/// Prose words a chunk needs to count with the short chunks before it
/// (a listicle item's paragraph).
const SMALL_WORDS: u32 = 20;
/// Prose words a chunk needs per line between it and the region: a long
/// box or table is crossed only for much prose beyond it.
const WORDS_PER_LINE: u32 = 1;
/// Words in the lines between, per prose word of the chunk, at most: a
/// form, a run-together menu or a data table outweighs a paragraph.
const GAP_WORDS_PER_WORD: u32 = 5;
/// Longest line in words a box's item may be; longer lines that are not
/// prose are run-together menus, tag clouds or table rows.
const ITEM_WORDS: u32 = 25;
/// Shares of the lines between that may be removed by a rule (a button,
/// a photo credit), long non-prose lines, or headlines in title case,
/// each with one line of slack.
const JUNK_SHARE: f32 = 0.2;
const LONG_SHARE: f32 = 0.2;
const HEADLINE_SHARE: f32 = 0.2;
/// Prose words and paragraphs of a chunk that is the story going on, not
/// a teaser: teasers under a list of headlines are one blurb each, and an
/// article's own list (its picks, its table of contents, the courses it
/// names) is title case too. Headlines then count against the lines
/// between only when a dated line among them starts another story.
const STORY_WORDS: u32 = 90;
const STORY_PARAGRAPHS: u32 = 2;
/// Menu-like lines in a row that are the site's menu when some of them
/// (`MENU_REPEATS`) are said again elsewhere on the page.
const MENU_ROW: usize = 8;
const MENU_REPEATS: f32 = 0.25;

/// The region `(a, z)` of an article grown over further chunks of its
/// prose before and after it (see the module's comment). `prose` marks
/// paragraphs, `junk` lines a rule removed, `twice` short lines said more
/// than once on the page, `ends(i)` lines that end a page's content.
pub fn join(
    page: &Page,
    said: &Said,
    prose: &[bool],
    junk: &[bool],
    twice: &[bool],
    ends: &dyn Fn(usize) -> bool,
    (mut a, mut z): (usize, usize),
) -> (usize, usize) {
    let n = page
        .blocks
        .len()
        .min(prose.len())
        .min(junk.len())
        .min(twice.len());
    if a >= z || z > n {
        return (a, z);
    }
    // A menu shown twice says its items again in the same order; a
    // listicle's items repeat their tags (services, features) each in its
    // own order. A repeated line counts towards a menu only when its
    // neighbour repeats beside it too.
    // These flags are worked out over the whole page, when the first gap
    // passes its word count: most regions have no chunk of prose within
    // reach, or only one beyond too many words, and need none of them.
    let known: std::cell::OnceCell<[Vec<bool>; 3]> = std::cell::OnceCell::new();
    let flags = || {
        known.get_or_init(|| {
            [
                not_headings(page, said, prose, twice, &in_order(said, twice, n), n),
                super::text_listicle::items(page, prose),
                introduced(page, prose, junk, n),
            ]
        })
    };
    // `slack`: a stray headline or button between. Short chunks crossed
    // on the way (`passed` words) are a listicle's items or a list of
    // teasers: counted with them, the lines between get no slack.
    let gap = |(ga, gz): (usize, usize), words: u32, slack: bool, story: bool| {
        let gap_words: u32 = (ga..gz).map(|i| page.blocks[i].features.words).sum();
        if gap_words > GAP_WORDS_PER_WORD * words {
            return false;
        }
        let [twice, listicle, own] = flags();
        let lines = Lines {
            page,
            said,
            junk,
            twice,
            listicle,
            own,
            ends,
        };
        gap_ok(&lines, (ga, gz), slack, story)
    };
    // Whether a chunk of `words` prose words, `near` lines away and ending
    // `far` lines away, with the gap `g` between: `Some(true)` joins it,
    // `Some(false)` stops the search, `None` passes it by as part of the
    // gap (`passed` words of short chunks so far).
    let step =
        |words: u32, paragraphs: u32, near: usize, far: usize, passed: u32, g: (usize, usize)| {
            if enough(words, near) {
                let story = words >= STORY_WORDS && paragraphs >= STORY_PARAGRAPHS;
                return Some(gap(g, words, true, story));
            }
            let together = words >= SMALL_WORDS
                && enough(passed + words, far)
                && gap(g, passed + words, false, false);
            together.then_some(true)
        };
    // After the region: the first chunk within reach that is long enough
    // for the lines before it; shorter chunks are part of the gap.
    'after: while z < n {
        let mut i = z;
        // Prose words of the short chunks passed so far: a listicle's
        // items each hold a short paragraph between their lists.
        let mut passed = 0;
        while i < n.min(z + REACH + 1) {
            if !prose[i] {
                i += 1;
                continue;
            }
            let (end, words, paragraphs) = chunk_after(page, prose, junk, i, n);
            match step(words, paragraphs, i - z, end - z, passed, (z, i)) {
                Some(true) => {
                    z = end;
                    continue 'after;
                }
                Some(false) => break 'after,
                None => {
                    passed += words;
                    i = end.max(i + 1);
                }
            }
        }
        break;
    }
    // Before it, the same the other way.
    'before: while a > 0 {
        let mut i = a;
        let mut passed = 0;
        while i > a.saturating_sub(REACH + 1) {
            let p = i - 1;
            if !prose[p] {
                i -= 1;
                continue;
            }
            let (start, words, paragraphs) = chunk_before(page, prose, junk, p);
            match step(words, paragraphs, a - i, a - start, passed, (i, a)) {
                Some(true) => {
                    a = start;
                    continue 'before;
                }
                Some(false) => break 'before,
                None => {
                    passed += words;
                    i = start.min(p);
                }
            }
        }
        break;
    }
    (a, z)
}

/// Of the lines said twice (`twice`), those said again next to a line
/// that follows or leads them here too: a run of lines repeated in order.
fn in_order(said: &Said, twice: &[bool], n: usize) -> Vec<bool> {
    // A pair of lines by their texts' numbers (`Said::id`).
    let key = |i: usize| (said.id(i), said.id(i + 1));
    let pair = |i: usize| twice[i] && twice[i + 1];
    let mut count: rustc_hash::FxHashMap<(usize, usize), u32> = Default::default();
    for i in (0..n.saturating_sub(1)).filter(|&i| pair(i)) {
        *count.entry(key(i)).or_default() += 1;
    }
    if count.is_empty() {
        return vec![false; n];
    }
    // Whether the pair at i is said again, asked once per pair.
    let again: Vec<bool> = (0..n.saturating_sub(1))
        .map(|i| pair(i) && count.get(&key(i)).is_some_and(|&c| c > 1))
        .collect();
    (0..n)
        .map(|i| twice[i] && (i > 0 && again[i - 1] || i + 1 < n && again[i]))
        .collect()
}

/// Of the lines said again in order (`ordered`; `twice`: said more than
/// once), those whose copies elsewhere head no paragraph. A table of
/// contents says the article's own subheadings again, and those head its
/// paragraphs; a menu's items said again are a menu again (or a footer's
/// links), not followed by prose.
fn not_headings(
    page: &Page,
    said: &Said,
    prose: &[bool],
    twice: &[bool],
    ordered: &[bool],
    n: usize,
) -> Vec<bool> {
    let text = |i: usize| said.id(i);
    // Per text, the copies that head a paragraph.
    let mut heads: rustc_hash::FxHashMap<usize, (usize, u32)> = Default::default();
    // A paragraph of the article's (not a menu item's one-line blurb)
    // under the line, or under a subheading below it.
    let para = |i: usize| i < n && prose[i] && page.blocks[i].features.words >= SMALL_WORDS;
    let heads_para = |i: usize| {
        para(i + 1) || i + 2 < n && page.blocks[i + 1].features.words <= 12 && para(i + 2)
    };
    for i in (0..n.saturating_sub(1)).filter(|&i| twice[i] && heads_para(i)) {
        let e = heads.entry(text(i)).or_insert((i, 0));
        e.1 += 1;
    }
    (0..n)
        .map(|i| {
            ordered[i]
                && !heads
                    .get(&text(i))
                    .is_some_and(|&(first, c)| c > 1 || first != i)
        })
        .collect()
}

/// Lines of a list the article introduces with a sentence of its own
/// ending in a colon ("Here are the courses it offers:"): names in title
/// case that are its picks, not headlines of other pages. A list of
/// those is headed by a label ("Related", "You may also like"), not
/// written into a paragraph. The list runs over short lines no rule
/// removed, up to the next paragraph.
fn introduced(page: &Page, prose: &[bool], junk: &[bool], n: usize) -> Vec<bool> {
    let mut own = vec![false; n];
    let mut open = false;
    for i in 0..n {
        let b = &page.blocks[i];
        let f = &b.features;
        if open && !prose[i] && !junk[i] && f.words <= ITEM_WORDS {
            own[i] = true;
            continue;
        }
        // The text is looked at last: most lines fail the cheaper tests.
        open = !junk[i]
            && f.words >= INTRO_WORDS
            && f.stopword_ratio > 0.0
            && (prose[i] || i > 0 && prose[i - 1])
            && b.text.trim_end().ends_with(':');
    }
    own
}

/// Words at least in a sentence that introduces a list.
const INTRO_WORDS: u32 = 3;

/// Whether a chunk of `words` prose words is worth crossing `lines` lines.
fn enough(words: u32, lines: usize) -> bool {
    words >= MIN_WORDS && words as usize >= WORDS_PER_LINE as usize * lines
}

/// A chunk of prose from prose line `p` on: prose lines with at most one
/// short line (a subheading, a caption) between two of them.
fn chunk_after(page: &Page, prose: &[bool], junk: &[bool], p: usize, n: usize) -> Chunk {
    let (mut end, mut words, mut paragraphs) = (p, 0, 0);
    while end < n {
        if prose[end] {
            words += page.blocks[end].features.words;
            paragraphs += 1;
            end += 1;
        } else if end + 1 < n && prose[end + 1] && short(page, junk, end) {
            end += 1;
        } else {
            break;
        }
    }
    (end, words, paragraphs)
}

/// `chunk_after` the other way: the chunk that ends with prose line `p`,
/// as its first line, its prose words and its paragraphs.
fn chunk_before(page: &Page, prose: &[bool], junk: &[bool], p: usize) -> Chunk {
    let (mut start, mut words, mut paragraphs) = (p + 1, 0, 0);
    while start > 0 {
        let i = start - 1;
        if prose[i] {
            words += page.blocks[i].features.words;
            paragraphs += 1;
            start = i;
        } else if i > 0 && prose[i - 1] && short(page, junk, i) {
            start = i;
        } else {
            break;
        }
    }
    (start, words, paragraphs)
}

/// A chunk's far end (the line after it, or its first line), its prose
/// words and its paragraphs.
type Chunk = (usize, u32, u32);

/// A short line no rule removed: a subheading or a caption.
fn short(page: &Page, junk: &[bool], i: usize) -> bool {
    !junk[i] && page.blocks[i].features.words <= 12
}

/// What `join` knows of each line of the page, for judging the lines
/// between the region and a chunk of prose (`gap_ok`).
#[derive(Clone, Copy)]
struct Lines<'a> {
    page: &'a Page,
    /// How often the page says each line (and which are dated).
    said: &'a Said,
    /// Lines a rule removed.
    junk: &'a [bool],
    /// Lines said again in order elsewhere, i.e. a menu said twice (see
    /// `in_order`, `not_headings`).
    twice: &'a [bool],
    /// Lines inside a numbered listicle's items, whose lists are their own
    /// even when they name the site's menu items.
    listicle: &'a [bool],
    /// Lines of a list the article introduces (see `introduced`).
    own: &'a [bool],
    /// Lines that end a page's content.
    ends: &'a dyn Fn(usize) -> bool,
}

/// Whether lines `(a, z)` between the region and a chunk of prose can be
/// the article's own: no line that ends a page's content, no
/// menu of the site's, and few lines a rule removed, long lines that are
/// not prose, or headlines. (That the lines hold not many more words than
/// the chunk is asked first, by `join`.)
fn gap_ok(lines: &Lines, (a, z): (usize, usize), slack: bool, story: bool) -> bool {
    let Lines {
        page,
        said,
        junk,
        twice,
        listicle,
        own,
        ends,
    } = *lines;
    let (mut junks, mut long, mut headlines, mut labels) = (0, 0, 0, 0);
    let mut dated = false;
    let (mut row, mut repeats) = (0, 0);
    for i in a..z {
        // Without slack (short chunks crossed), a dated line makes the
        // chunks a comment thread or a list of dated teasers.
        if ends(i) || !slack && super::text_thread::dated(page, said, i) {
            return false;
        }
        dated = dated || story && super::text_thread::dated(page, said, i);
        let f = &page.blocks[i].features;
        // Menu items in a row, some said again elsewhere on the page (a
        // menu shown twice, a footer repeating it): the site's menu. A
        // list of the article's own is said once.
        if menuish(f) && !listicle.get(i).copied().unwrap_or(false) {
            row += 1;
            repeats += usize::from(twice[i]);
            if row >= MENU_ROW && repeats as f32 >= MENU_REPEATS * row as f32 {
                return false;
            }
        } else if !junk[i] {
            (row, repeats) = (0, 0);
        }
        junks += usize::from(junk[i]);
        long += usize::from(f.words > ITEM_WORDS);
        headlines += usize::from(f.words >= 5 && f.title_case_ratio >= 0.6 && !own[i]);
        // Only far gaps are weighed by their labels (`FAR`).
        labels += usize::from(z - a > FAR && label(page, i));
    }
    if z - a > FAR && labels as f32 > LABEL_SHARE * (z - a) as f32 {
        return false;
    }
    let slack = if slack { 1.0 } else { 0.0 };
    let few = |count: usize, share: f32| count as f32 <= share * (z - a) as f32 + slack;
    // A section's heading and a picture's caption over it: two lines.
    let headlines_ok = story && !dated
        || few(headlines, HEADLINE_SHARE)
        || slack > 0.0 && headlines as f32 <= HEADLINE_SHARE * (z - a) as f32 + 2.0;
    few(junks, JUNK_SHARE) && few(long, LONG_SHARE) && headlines_ok
}

/// A capitalised line with no digit: a label, a menu item or a title
/// (a table's row or a code line has numbers or starts lower case).
fn label(page: &Page, i: usize) -> bool {
    let b = &page.blocks[i];
    b.features.title_case_ratio >= 0.5 && !b.text.bytes().any(|c| c.is_ascii_digit())
}

/// A menu item or a headline: short, unpunctuated, capitalised.
fn menuish(f: &Features) -> bool {
    f.words <= 6 && f.punctuation == 0 && (f.title_case_ratio >= 0.5 || f.stopword_ratio < 0.1)
}
