//! Text input: a page made of repeated items (a forum's posts, a Q&A page's
//! answers). Each item carries the same short template lines ("Quote",
//! "Reply With Quote", "Add to quote", a member title) around its own
//! text. The run of prose the region found is often one post; the posts
//! around it that share its template are the same content.

use super::category::Category;
use super::evidence::is_heading_like;
use super::rules::RuleSet;
use super::text_region::Said;
use crate::segment::Page;

/// Whether line `i` ends a run of posts: a section heading ("Comments",
/// "Related stories") or a copyright line, cookie notice or sign-up
/// prompt, which close a page's content rather than sit inside a post.
/// Asked of a few lines only, when a page has posts.
/// `headings`: the heading rules each line matches (`evidence::rule_hits`).
pub fn ends_posts(
    page: &Page,
    set: &RuleSet,
    text_hits: &[Vec<usize>],
    headings: &[Vec<usize>],
    i: usize,
) -> bool {
    let (Some(_), Some(hits)) = (page.blocks.get(i), text_hits.get(i)) else {
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
    closing || ends_section(page, set, headings, i)
}

/// Whether line `i` is a heading that ends the page's content ("Related
/// products", "Reviews", "Comments"), said once: the part of `ends_posts`
/// that a menu's legal links or a sign-up line at the top do not match.
pub fn ends_section(page: &Page, set: &RuleSet, headings: &[Vec<usize>], i: usize) -> bool {
    let Some(b) = page.blocks.get(i) else {
        return false;
    };
    is_heading_like(b)
        && headings.get(i).is_some_and(|h| {
            // A paper's own "Discussion" goes on with the article (see
            // `text_thread::article_goes_on`).
            h.iter().any(|&r| {
                let rule = &set.rules[r];
                rule.weight >= 1.0
                    && (rule.category != Category::Comments
                        || !super::text_thread::article_goes_on(page, i))
            })
        })
        && !recurs(page, i)
}

/// Whether line `i` recurs on the page, digits alike, as often as a post's
/// template line: a heading said under every post ("Add a comment", "3
/// Comments" under each answer of a Q&A page) belongs to each post and
/// does not close the thread.
fn recurs(page: &Page, i: usize) -> bool {
    let (mut own, mut buf) = (Vec::new(), Vec::new());
    button_shape(&page.blocks[i].text, &mut own);
    let words = page.blocks[i].features.words;
    // A line whose first byte is ASCII has that byte's shape first: most
    // lines of as many words fail on it without being shaped.
    let lead = own.first().copied();
    page.blocks
        .iter()
        .filter(|b| {
            b.features.words == words
                && match b.text.as_bytes().first() {
                    Some(&c) if c.is_ascii() => {
                        // An empty `own` may be a lone "s" popped.
                        lead.is_none_or(|l| ascii_shape(c) == l)
                    }
                    _ => true,
                }
                && {
                    button_shape(&b.text, &mut buf);
                    buf == own
                }
        })
        .take(MIN_REPEATS)
        .count()
        >= MIN_REPEATS
}

/// A button's shape, written into `out`: `shape_into` less a plural's
/// last 's', so that "1 Comment" and "4 Comments" are one button.
pub(crate) fn button_shape(text: &str, out: &mut Vec<u8>) {
    shape_into(text, out);
    if out.last() == Some(&b's') {
        out.pop();
    }
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

/// An ASCII byte's shape (`shape_into`): digits alike, lower case without
/// case tables.
fn ascii_shape(b: u8) -> u8 {
    if b.is_ascii_digit() {
        b'0'
    } else {
        b.to_ascii_lowercase()
    }
}

/// A template line's shape, written into `out`: lower case, digits alike
/// ("#5", "#12"; "410 posts", "8,185 posts").
pub(crate) fn shape_into(text: &str, out: &mut Vec<u8>) {
    out.clear();
    shape_append(text, out);
}

/// `shape_into`, written after what `out` holds: a page's shapes end to
/// end in one buffer (see `text_grid::find`).
pub(crate) fn shape_append(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    if bytes.len() <= SHAPE_PAD {
        // A short line (most) is copied with zeros after it to a fixed
        // length, and tested and lower cased a word at a time over all of
        // it: the byte loops' ends, at every line's own length, were
        // mispredicted often. Zeros are ASCII and no digit.
        let from = out.len();
        out.resize(from + SHAPE_PAD, 0);
        if let Some(pad) = out[from..].first_chunk_mut::<SHAPE_PAD>() {
            pad[..bytes.len()].copy_from_slice(bytes);
            const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
            const TOP: u64 = 0x8080_8080_8080_8080;
            let (mut top, mut digits) = (0, 0);
            for c in pad.chunks_exact(8) {
                let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
                let x = w & LOW;
                top |= w;
                // A byte '0' to '9' (as `text_thread::has_ascii_digit`).
                digits |= x.wrapping_add(0x5050_5050_5050_5050)
                    & !x.wrapping_add(0x4646_4646_4646_4646)
                    & !w;
            }
            if top & TOP == 0 {
                if digits & TOP == 0 {
                    pad.make_ascii_lowercase();
                    out.truncate(from + bytes.len());
                } else {
                    let j = fold_digit_runs(&mut pad[..bytes.len()]);
                    out.truncate(from + j);
                }
                return;
            }
        }
        out.truncate(from);
    } else if text.is_ascii() {
        // Most lines: the bytes copied, then shaped in place (loops the
        // compiler vectorises), with no check of room per byte.
        let from = out.len();
        out.extend_from_slice(bytes);
        let shape = &mut out[from..];
        if !super::text_thread::has_ascii_digit(bytes) {
            // No digit, no digit run to fold: the lower case.
            shape.make_ascii_lowercase();
            return;
        }
        // A digit run, with the separators inside it, becomes one 0: the
        // shape is written over the copy, never ahead of what is read.
        let j = fold_digit_runs(shape);
        out.truncate(from + j);
        return;
    }
    let mut zero = false;
    // A digit run, with the separators inside it, becomes one 0.
    let mut push = |c: u8, out: &mut Vec<u8>| {
        if !(zero && (c == b'0' || c == b',' || c == b'.')) {
            out.push(c);
            zero = c == b'0';
        }
    };
    out.reserve(text.len());
    let mut enc = [0u8; 4];
    for c in text.chars() {
        // An ASCII character lower-cases to itself or its ASCII pair.
        if c.is_ascii() {
            push(ascii_shape(c as u8), out);
            continue;
        }
        for c in c.to_lowercase() {
            if c.is_ascii_digit() {
                push(b'0', out);
            } else {
                for &b in c.encode_utf8(&mut enc).as_bytes() {
                    push(b, out);
                }
            }
        }
    }
}

/// Bytes at most of a line `shape_append` shapes as a padded copy.
const SHAPE_PAD: usize = 64;

/// Whether `t` is ASCII: a line of up to `SHAPE_PAD` bytes (most) read
/// in a fixed number of steps, each at a place clamped to the line (so
/// read again at its end), with no loop ending at the line's own length
/// (`is_ascii`'s ends were mispredicted) nor a copy.
fn is_ascii_padded(t: &[u8]) -> bool {
    let n = t.len();
    if n > SHAPE_PAD || n == 0 {
        return t.is_ascii();
    }
    let mut top = 0u64;
    if n < 8 {
        for k in 0..8 {
            top |= u64::from(t[k.min(n - 1)]);
        }
    } else {
        for k in 0..SHAPE_PAD / 8 {
            let at = (8 * k).min(n - 8);
            top |= u64::from_le_bytes(t[at..at + 8].try_into().unwrap_or([0; 8]));
        }
    }
    top & 0x8080_8080_8080_8080 == 0
}

/// `shape` (ASCII) shaped in place, its length after: each byte lower
/// cased or a digit's 0, and a digit run, with the separators inside it,
/// one 0. Each byte is written and kept (the length moved on) or not with
/// no branch: where digit runs start and end changes byte by byte, and
/// the branch on it was often mispredicted. A byte is written at `j`,
/// never ahead of what is read, and one not kept is written over or cut.
fn fold_digit_runs(shape: &mut [u8]) -> usize {
    let (mut j, mut zero) = (0, false);
    for k in 0..shape.len() {
        let c = ascii_shape(shape[k]);
        let digit = c == b'0';
        let keep = !(zero & (digit | (c == b',') | (c == b'.')));
        shape[j] = c;
        j += usize::from(keep);
        // Not kept only after a 0: the run goes on.
        zero = digit | !keep;
    }
    j
}

/// Whether the shape `shape_into` gives the ASCII `text` is `key`, found
/// byte by byte up to the first difference.
fn ascii_shape_is(text: &[u8], key: &[u8]) -> bool {
    let mut j = 0;
    let mut zero = false;
    for &b in text {
        let c = if b.is_ascii_digit() {
            b'0'
        } else {
            b.to_ascii_lowercase()
        };
        // As `shape_into` pushes: a digit run is one 0.
        if zero && (c == b'0' || c == b',' || c == b'.') {
            continue;
        }
        if key.get(j) != Some(&c) {
            return false;
        }
        j += 1;
        zero = c == b'0';
    }
    j == key.len()
}

/// Whether line i is an item's own text: a paragraph, or a short
/// sentence (replies are often one line).
fn is_text(page: &Page, junk: &[bool], loose: &[bool], i: usize) -> bool {
    let f = &page.blocks[i].features;
    !junk[i] && (loose[i] || (f.words >= 5 && f.ends_sentence && f.stopword_ratio > 0.0))
}

/// `range` grown over the items before and after it that share its
/// template: the region's own item has template lines in the lines just
/// before it, and at least `MIN_ITEMS` items after its start (or one
/// after it and more than `MIN_ITEMS` before it) carry the same lines
/// (`MIN_KEYS` of them) and some text of their own. Returns
/// `range` when the page is not made of such items. (The region asks
/// `extend_both`; this one alone is what the tests check that against.)
#[cfg(test)]
pub fn extend(
    page: &Page,
    junk: &[bool],
    ends: &dyn Fn(usize) -> bool,
    loose: &[bool],
    range: (usize, usize),
) -> (usize, usize) {
    match header_keys(page, &title_shape(page), loose, range) {
        Some(heads) => {
            let said = Said::new(page);
            let at = recurrences(page, &said, &heads.list(), |i| short(page, loose, i));
            let bounds = Bounds::new(ends, page.blocks.len(), range);
            extend_over(page, junk, &bounds, loose, range, &at.slices())
        }
        None => range,
    }
}

/// `extend` and `extend_footers` of one region, with the page walked once
/// for the template lines of both (`recurrences` of their keys together).
/// `said` counts the page's lines.
pub fn extend_both(
    page: &Page,
    said: &Said,
    junk: &[bool],
    ends: &dyn Fn(usize) -> bool,
    loose: &[bool],
    range: (usize, usize),
) -> ((usize, usize), Option<(usize, usize)>) {
    // The title's shape, which neither list takes: shaped once for both.
    let title = title_shape(page);
    let heads = header_keys(page, &title, loose, range);
    let feet = footer_keys(page, &title, junk, loose, range);
    // Both key lists in one, each key once; each list's keys by their
    // place in it.
    fn place<'a>(keys: &mut Vec<&'a [u8]>, list: &'a Keys) -> Vec<usize> {
        list.iter()
            .map(|k| match keys.iter().position(|h| *h == k) {
                Some(p) => p,
                None => {
                    keys.push(k);
                    keys.len() - 1
                }
            })
            .collect()
    }
    let mut keys: Vec<&[u8]> = Vec::new();
    let head_at = heads.as_ref().map(|h| place(&mut keys, h));
    let foot_at = feet.as_ref().map(|(_, k)| place(&mut keys, k));
    let at = if keys.is_empty() {
        Recurs::default()
    } else {
        recurrences(page, said, &keys, |i| short(page, loose, i))
    };
    // The occurrences of one list's keys, in its order.
    let of = |places: &[usize]| -> Vec<&[usize]> { places.iter().map(|&p| at.of(p)).collect() };
    let bounds = Bounds::new(ends, page.blocks.len(), range);
    let items = match &head_at {
        Some(places) => extend_over(page, junk, &bounds, loose, range, &of(places)),
        None => range,
    };
    let posts = match (&feet, &foot_at) {
        (Some((footer, k)), Some(places)) => {
            footers_over(page, junk, &bounds, loose, range, footer, k, &of(places))
        }
        _ => None,
    };
    (items, posts)
}

/// Where the posts around the region may run: after the last line before
/// it that `ends` them, up to the first such line after a given one. Each
/// found when first asked, and once for both walks of `extend_both`: the
/// search asks `ends` of every line from the region to the next heading.
struct Bounds<'a> {
    ends: &'a dyn Fn(usize) -> bool,
    n: usize,
    range: (usize, usize),
    floor: std::cell::OnceCell<usize>,
    limit: std::cell::OnceCell<usize>,
}

impl<'a> Bounds<'a> {
    fn new(ends: &'a dyn Fn(usize) -> bool, n: usize, range: (usize, usize)) -> Self {
        Bounds {
            ends,
            n,
            range,
            floor: std::cell::OnceCell::new(),
            limit: std::cell::OnceCell::new(),
        }
    }

    /// One past the last line before the region that ends posts, or 0.
    fn floor(&self) -> usize {
        *self.floor.get_or_init(|| {
            (0..self.range.0)
                .rev()
                .find(|&i| (self.ends)(i))
                .map_or(0, |i| i + 1)
        })
    }

    /// The first line from `from` on that ends posts, or the page's end.
    fn limit(&self, from: usize) -> usize {
        let first = |from: usize| (from..self.n).find(|&i| (self.ends)(i)).unwrap_or(self.n);
        let z = self.range.1;
        let l = *self.limit.get_or_init(|| first(z));
        // No line from the region's end to `l` ends posts: from any line
        // between them, `l` is the first that does.
        if (z..=l).contains(&from) {
            l
        } else {
            first(from)
        }
    }
}

/// Distinct template shapes end to end in one buffer (no Vec per key):
/// key k is `bytes[ends[k - 1]..ends[k]]`.
#[derive(Debug, Default)]
struct Keys {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Keys {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, k: usize) -> &[u8] {
        let from = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.bytes[from..self.ends[k]]
    }

    fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).map(|k| self.get(k))
    }

    #[cfg(test)]
    fn list(&self) -> Vec<&[u8]> {
        self.iter().collect()
    }
}

/// Where each key recurs, every key's lines in one buffer (no Vec per
/// key): key k's lines are `lines[ends[k - 1]..ends[k]]`, ascending.
#[derive(Debug, Default)]
struct Recurs {
    lines: Vec<usize>,
    ends: Vec<usize>,
}

impl Recurs {
    fn of(&self, k: usize) -> &[usize] {
        let from = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.lines[from..self.ends[k]]
    }

    /// Each key's occurrences as a slice.
    #[cfg(test)]
    fn slices(&self) -> Vec<&[usize]> {
        (0..self.ends.len()).map(|k| self.of(k)).collect()
    }
}

/// Whether line `i` may be a template line: short, and no paragraph.
fn short(page: &Page, loose: &[bool], i: usize) -> bool {
    page.blocks[i].features.words <= TEMPLATE_WORDS && !loose[i]
}

/// The candidate template lines of `extend`: the distinct shapes of the
/// short lines of the region's own header, or `None` when too few.
fn header_keys(page: &Page, title: &[u8], loose: &[bool], (a, z): (usize, usize)) -> Option<Keys> {
    if a >= z || z > page.blocks.len() {
        return None;
    }
    let heads = template_keys(
        page,
        title,
        (a.saturating_sub(HEADER_REACH).max(1)..=a).filter(|&i| short(page, loose, i)),
    );
    (heads.len() >= MIN_KEYS).then_some(heads)
}

/// `extend` past its keys, with `at` where each recurs (`recurrences`).
fn extend_over(
    page: &Page,
    junk: &[bool],
    bounds: &Bounds,
    loose: &[bool],
    range: (usize, usize),
    at: &[&[usize]],
) -> (usize, usize) {
    let n = page.blocks.len();
    let (a, z) = range;
    if at.iter().filter(|o| o.len() >= MIN_REPEATS).count() < MIN_KEYS {
        return range;
    }
    // Posts run at most to the next line that closes the content, and
    // start after the last one before the region.
    let limit = bounds.limit(z);
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
        if items == 0 {
            continue;
        }
        let after_items = items;
        // Items before the region, the same way backwards.
        let mut start = a;
        let before = &occ[..occ.partition_point(|&o| o + HEADER_REACH < a)];
        for w in before.iter().rev() {
            if *w + MAX_ITEM < start || *w < bounds.floor() {
                break;
            }
            let Some(first) = (*w..start).find(|&i| is_text(page, junk, loose, i)) else {
                break;
            };
            start = start.min(first);
            items += 1;
        }
        // The region may be a late post (the thread's longest reply) with
        // one post after it: then more posts before it than `MIN_ITEMS`
        // make the thread (a list's items lead it less often than that).
        if after_items < MIN_ITEMS && items <= MIN_ITEMS {
            continue;
        }
        keys += 1;
        if end - start > best.1 - best.0 {
            best = (start, end);
        }
    }
    if keys >= MIN_KEYS { best } else { range }
}

/// The shape of the page's title (its first line), empty on a page of
/// no lines.
fn title_shape(page: &Page) -> Vec<u8> {
    let mut title = Vec::new();
    if let Some(t) = page.blocks.first() {
        shape_into(&t.text, &mut title);
    }
    title
}

/// The distinct shapes of `lines`, less the page title's `title` (a
/// title said again is a headline, not a template line).
fn template_keys(page: &Page, title: &[u8], lines: impl Iterator<Item = usize> + Clone) -> Keys {
    // Room for every line's shape, taken at once: an ASCII line's shape
    // is at most as long as the line (others may need more), and the
    // buffer grown a line at a time cost a reallocation every few lines.
    // A short line is shaped in a padded copy (`SHAPE_PAD` bytes, cut
    // after): room for the last one's padding too, or most pages' last
    // few keys grew the buffer after all.
    let room = lines
        .clone()
        .map(|i| page.blocks[i].text.len())
        .sum::<usize>()
        + SHAPE_PAD;
    let mut keys = Keys {
        bytes: Vec::with_capacity(room),
        ends: Vec::new(),
    };
    for i in lines {
        // Shaped after the keys; kept there when new, else cut off.
        let from = keys.bytes.len();
        shape_append(&page.blocks[i].text, &mut keys.bytes);
        let (known, buf) = keys.bytes.split_at(from);
        let mut start = 0;
        let seen = keys.ends.iter().any(|&e| {
            let k = &known[start..e];
            start = e;
            k == buf
        });
        if buf != title && !seen {
            keys.ends.push(keys.bytes.len());
        } else {
            keys.bytes.truncate(from);
        }
    }
    keys
}

/// Where on the page each of `keys` recurs among the `short` lines, in
/// ascending order.
// `short` is generic, not `dyn`: asked of every line, it is inlined.
/// `said` counts the page's lines.
fn recurrences(page: &Page, said: &Said, keys: &[&[u8]], short: impl Fn(usize) -> bool) -> Recurs {
    // (key, line) in line order; grouped by key at the end.
    // Room for a thread's worth taken at once (it grew from 4 by
    // doubling on most pages).
    let mut hits: Vec<(usize, usize)> = Vec::with_capacity(64);
    // A shape starts as its line does: most lines are told apart by the
    // first byte of their shape alone. The keys sorted by that byte, and
    // where each byte's keys lie among them, so a line is compared with
    // only the keys that start as it does.
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_key(|&k| keys[k].first().copied());
    let mut span = [(0u32, 0u32); 256];
    let mut empty_key = None;
    for (o, &k) in order.iter().enumerate() {
        match keys[k].first() {
            Some(&b) => {
                let s = &mut span[usize::from(b)];
                if s.0 == s.1 {
                    s.0 = o as u32;
                }
                s.1 = o as u32 + 1;
            }
            None => empty_key = Some(k),
        }
    }
    let plain: Vec<bool> = keys.iter().map(|k| !k.contains(&b'0')).collect();
    let mut buf = Vec::new();
    // The key a line's text shapes as, if any.
    let mut key_of = |text: &str| -> Option<usize> {
        // An ASCII first byte (most lines) is its shape's first byte.
        let lead = match text.as_bytes().first() {
            Some(&c) if c.is_ascii() => Some(ascii_shape(c)),
            _ => shape_lead(text),
        };
        let Some(lead) = lead else {
            return empty_key;
        };
        let (s, e) = span[usize::from(lead)];
        if s == e {
            return None;
        }
        let cands = &order[s as usize..e as usize];
        // ASCII lines (most) are compared with each key that starts as
        // they do as they are shaped, up to the first difference, without
        // writing the shape out. Keys are distinct: one matches at most.
        if is_ascii_padded(text.as_bytes()) {
            let t = text.as_bytes();
            cands.iter().copied().find(|&k| {
                let h = &keys[k];
                // A shape without a 0 is a line without digits, lower
                // cased: as long as the line. A digit run shortens it.
                if plain[k] {
                    t.len() == h.len() && t.eq_ignore_ascii_case(h)
                } else {
                    t.len() >= h.len() && ascii_shape_is(t, h)
                }
            })
        } else {
            shape_into(text, &mut buf);
            cands.iter().copied().find(|&k| keys[k] == buf.as_slice())
        }
    };
    // A text's key, found at its first short line: template lines recur
    // under every post, and a text shapes the same wherever it is said.
    const UNSEEN: u32 = u32::MAX;
    const NO_KEY: u32 = u32::MAX - 1;
    let mut known = vec![UNSEEN; said.texts()];
    for (i, b) in page.blocks.iter().enumerate() {
        // The cheaper tests first: most lines are long, or start unlike
        // every key.
        if !short(i) {
            continue;
        }
        let t = said.id(i);
        let k = match known[t] {
            UNSEEN => {
                let k = key_of(&b.text);
                known[t] = k.map_or(NO_KEY, |k| k as u32);
                k
            }
            NO_KEY => None,
            k => Some(k as usize),
        };
        if let Some(k) = k {
            hits.push((k, i));
        }
    }
    // Grouped by key with a counting sort: stable, so each key's lines
    // stay ascending. `next` counts, then holds where each key's next
    // line goes, and ends as where each key's lines end.
    let mut next = vec![0usize; keys.len()];
    for &(k, _) in &hits {
        next[k] += 1;
    }
    let mut sum = 0;
    for n in next.iter_mut() {
        let count = *n;
        *n = sum;
        sum += count;
    }
    let mut lines = vec![0usize; hits.len()];
    for &(k, i) in &hits {
        lines[next[k]] = i;
        next[k] += 1;
    }
    Recurs { lines, ends: next }
}

/// The first byte of the shape `shape_into` gives `text`, from its first
/// character alone (whose lower case may start with another byte: 'Р'
/// and 'р', the Kelvin sign and 'k').
fn shape_lead(text: &str) -> Option<u8> {
    let c = text.chars().next()?;
    let lower = if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        // `to_lowercase` yields at least one character.
        c.to_lowercase().next().unwrap_or(c)
    };
    if lower.is_ascii_digit() {
        return Some(b'0');
    }
    let mut enc = [0u8; 4];
    lower.encode_utf8(&mut enc);
    Some(enc[0])
}

/// Text: on a thread (`posts`: posts sharing one template,
/// `Region::thread`, or a region of dated posts), a line that is only a
/// number is a post's counter: its score or votes,
/// the poster's post count or points, a reply count. Kept lines of that
/// shape are removed. Not on other pages, where a lone number may be a
/// step, a list item's number or a table cell.
pub fn drop_counts(page: &Page, posts: bool, out: &mut [super::Decision]) {
    if page.is_html || !posts {
        return;
    }
    let counts: Vec<(usize, u64)> = page
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.features.words <= 2 && is_count(&b.text))
        // "3." numbers a list's item as "3" does.
        .map(|(i, b)| {
            let t = b.text.trim();
            (
                i,
                t.strip_suffix('.').unwrap_or(t).parse().unwrap_or(u64::MAX),
            )
        })
        .collect();
    // Numbers going up by one (a code sample's line numbers, steps) are
    // no counters: each such number and the one before it stay.
    let mut counted = vec![false; page.blocks.len()];
    for (k, &(i, v)) in counts.iter().enumerate() {
        let next = counts
            .get(k + 1)
            .is_some_and(|&(_, w)| w == v.wrapping_add(1));
        let prev = k > 0 && counts[k - 1].1.wrapping_add(1) == v;
        counted[i] = !next && !prev;
    }
    for ((b, d), &c) in page.blocks.iter().zip(out.iter_mut()).zip(&counted) {
        if c && d.is_kept() && b.features.words <= 2 {
            *d = super::Decision {
                removed: Some(Category::LowContent),
                rule: std::borrow::Cow::Borrowed("heuristic.post-count"),
                score: 1.0,
                in_main: d.in_main,
            };
        }
    }
}

/// Whether `text` is a count alone: digits with thousands separators,
/// maybe shortened ("12", "1,204", "3.4k").
pub(crate) fn is_count(text: &str) -> bool {
    let t = text.trim();
    let body = t.strip_suffix(['k', 'K', 'm', 'M']).unwrap_or(t);
    body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
}

/// Lines after the region searched for its own item's footer.
const FOOTER_REACH: usize = 15;
/// Lines at most between a post's text and its first footer line.
const FOOTER_SLACK: usize = 1;

/// `range` grown over the items around it whose template lines come
/// after their text, as a Q&A page's do ("Share", "Follow", "Add a
/// comment" under each answer): the region's own item ends in template
/// lines just after it, and at least `MIN_ITEMS` items after it end in
/// the same lines (`MIN_KEYS` of them) with some text of their own. The
/// items before the region are taken back to the thread's headline (a
/// line the page title holds), which a question or first post sits
/// under. `None` when the page is not made of such items. (The region
/// asks `extend_both`; this one alone is what the tests check that
/// against.)
#[cfg(test)]
pub fn extend_footers(
    page: &Page,
    junk: &[bool],
    ends: &dyn Fn(usize) -> bool,
    loose: &[bool],
    range: (usize, usize),
) -> Option<(usize, usize)> {
    let (footer, keys) = footer_keys(page, &title_shape(page), junk, loose, range)?;
    let said = Said::new(page);
    let at = recurrences(page, &said, &keys.list(), |i| short(page, loose, i));
    let bounds = Bounds::new(ends, page.blocks.len(), range);
    footers_over(
        page,
        junk,
        &bounds,
        loose,
        range,
        &footer,
        &keys,
        &at.slices(),
    )
}

/// The region's footer (the lines between its text and the next text)
/// and the distinct shapes of its short lines, `extend_footers`'s
/// candidate template lines, or `None` when too few.
fn footer_keys(
    page: &Page,
    title: &[u8],
    junk: &[bool],
    loose: &[bool],
    (a, z): (usize, usize),
) -> Option<(Vec<usize>, Keys)> {
    let n = page.blocks.len();
    if a >= z || z > n {
        return None;
    }
    let footer: Vec<usize> = (z..(z + FOOTER_REACH).min(n))
        .take_while(|&i| !is_text(page, junk, loose, i))
        .collect();
    let keys = template_keys(
        page,
        title,
        footer.iter().copied().filter(|&i| short(page, loose, i)),
    );
    (keys.len() >= MIN_KEYS).then_some((footer, keys))
}

/// `extend_footers` past its footer and keys, with `at` where each key
/// recurs (`recurrences`).
#[allow(clippy::too_many_arguments)]
fn footers_over(
    page: &Page,
    junk: &[bool],
    bounds: &Bounds,
    loose: &[bool],
    (a, z): (usize, usize),
    footer: &[usize],
    keys: &Keys,
    at: &[&[usize]],
) -> Option<(usize, usize)> {
    let text = |i: usize| is_text(page, junk, loose, i);
    let mut buf = Vec::new();
    // A comment thread after an article opens with its own heading or
    // count ("Load earlier comments", "12 Comments") before any post's
    // template line; a post's own footer starts with its template.
    let mut repeated = |i: usize| {
        shape_into(&page.blocks[i].text, &mut buf);
        keys.iter()
            .position(|h| *h == buf)
            .is_some_and(|k| at[k].len() >= MIN_REPEATS)
    };
    let opening: Vec<usize> = footer
        .iter()
        .copied()
        .take_while(|&i| !repeated(i))
        .collect();
    // The next post's header after a signature line is a header template,
    // which `extend` follows; a footer starts right under the text.
    if opening.len() > FOOTER_SLACK
        || opening.iter().any(|&i| {
            let b = &page.blocks[i];
            b.features.words <= super::text_thread::HEADING_WORDS
                && super::text_thread::COMMENTS.is_match(b.text.as_str())
        })
    {
        return None;
    }
    // The region's own footer is its post's (a "1 Comment" there opens
    // the post's comments, not a section after the thread).
    let after_footer = footer.last().map_or(z, |&i| i + 1);
    let limit = bounds.limit(after_footer);
    let (mut start, mut end, mut found) = (a, z, 0);
    // The title's words (see `in_title`), split once when first asked.
    let mut title_words: Option<Vec<String>> = None;
    for occ in at.iter().filter(|o| o.len() >= MIN_REPEATS) {
        // The region's own footer line, then the items after it, each
        // from one footer line to the next.
        let after = &occ[occ.partition_point(|&o| o < z)..];
        let Some(&own) = after.first() else { continue };
        if own >= z + FOOTER_REACH {
            continue;
        }
        let (mut prev, mut last_end, mut items, mut misses) = (own, z, 0, 0);
        for &o in &after[1..] {
            if o - prev > MAX_ITEM || o >= limit {
                break;
            }
            match (prev + 1..o).rev().find(|&i| text(i)) {
                Some(l) => {
                    items += 1;
                    misses = 0;
                    last_end = last_end.max(l + 1);
                }
                None => {
                    // A footer line said twice in one item (a button at
                    // the top and bottom) is no new item; two in a row
                    // without text end the thread.
                    misses += 1;
                    if misses > 1 {
                        break;
                    }
                }
            }
            prev = o;
        }
        // The region may hold items of its own already (the last answers
        // of a short thread): each footer line inside it ends one.
        let inside = occ.iter().filter(|&&o| o > a && o < z).count();
        if items + inside == 0 {
            continue;
        }
        // Items before the region: from the footer before each one.
        let before = &occ[..occ.partition_point(|&o| o < a)];
        let mut first = a;
        let mut earlier = 0;
        for (k, &o) in before.iter().enumerate().rev() {
            // Found when first asked: most keys have no items before the
            // region to walk back over.
            let floor = bounds.floor();
            if o + MAX_ITEM < first || o < floor {
                break;
            }
            let from = if k > 0 { before[k - 1] + 1 } else { floor };
            match (from.max(floor)..o).find(|&i| text(i)) {
                Some(f) if k > 0 => {
                    first = f;
                    earlier += 1;
                }
                _ => {
                    // The first item has no footer before it: it starts
                    // under the thread's headline.
                    let title = title_words.get_or_insert_with(|| title_words_of(page));
                    if let Some(h) = (floor..o)
                        .rev()
                        .take(MAX_ITEM)
                        .find(|&i| in_title(page, title, i))
                    {
                        first = h + 1;
                        earlier += 1;
                    }
                    break;
                }
            }
        }
        // A question with two answers: the answers (in the region or
        // after it) and the question before it end in the same footer,
        // as many items as a longer thread needs after the region.
        if items + inside + earlier < MIN_ITEMS || items < MIN_ITEMS && earlier == 0 {
            continue;
        }
        found += 1;
        end = end.max(last_end);
        start = start.min(first);
    }
    (found >= MIN_KEYS).then_some((start, end))
}

/// Whether line `i` is the thread's headline: three words or more, half
/// the title's, found in a row in the title (which may add the site's
/// name or a tag around them). `title`: the title's words
/// (`title_words_of`), split once for all the lines asked.
fn in_title(page: &Page, title: &[String], i: usize) -> bool {
    let Some(first) = page.blocks.first() else {
        return false;
    };
    let b = &page.blocks[i];
    if i == 0 || b.features.words < 3 || b.features.words > first.features.words {
        return false;
    }
    // The line's words compared in place with each window of the title's:
    // no lower-cased copy of an ASCII word (most).
    let words = || {
        b.text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    let len = words().count();
    len >= 3
        && 2 * len >= title.len()
        && title
            .windows(len)
            .any(|w| w.iter().zip(words()).all(|(t, l)| same_word(t, l)))
}

/// Whether `lower`, a word lower-cased by `str::to_lowercase`, is `word`
/// lower-cased. An ASCII word lower-cases byte by byte, and `lower` holds
/// no upper-case ASCII; a word with other letters is lower-cased whole
/// (a final sigma depends on its place in the word).
fn same_word(lower: &str, word: &str) -> bool {
    if word.is_ascii() {
        lower.eq_ignore_ascii_case(word)
    } else {
        *lower == word.to_lowercase()
    }
}

/// `in_title`'s words of the page title (its first line).
fn title_words_of(page: &Page) -> Vec<String> {
    page.blocks
        .first()
        .map_or_else(Vec::new, |b| lower_words(&b.text))
}

/// The words of `s` (runs of letters and digits), lower-cased.
fn lower_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Lines after a section heading searched for its posts.
const POSTS_REACH: usize = 400;
/// Lines at most from the heading to the first post's template line (a
/// reviews widget puts its summary, histogram and sort menu first).
const POSTS_FIRST: usize = 40;
/// Words of prose (lines of `PROSE_LINE_WORDS` or more) allowed between the
/// heading and the first post's template line.
const POSTS_PROSE_BEFORE: u32 = 80;
const PROSE_LINE_WORDS: u32 = 15;

/// Whether the lines after line `at` (a comment or review heading) are
/// posts cut from one template: at least `MIN_KEYS` short lines ("Helpful?
/// 3 1 Report", "Rated 4.0 out of 5 stars", "Verified buyer") recur
/// `MIN_REPEATS` times each, spaced as items are, the first of them just
/// under the heading. Such a section is a thread of posts however much
/// prose its posts hold, where a lone heading or count line near an
/// article's byline is followed by the article's own prose.
pub fn posts_follow(page: &Page, at: usize) -> bool {
    let n = page.blocks.len();
    let end = n.min(at + 1 + POSTS_REACH);
    if at + 1 >= end {
        return false;
    }
    let mut title = Vec::new();
    if let Some(t) = page.blocks.first() {
        shape_into(&t.text, &mut title);
    }
    // Prose words seen before each line: the first post must come before
    // much prose does.
    let mut prose = 0u32;
    let mut seen: rustc_hash::FxHashMap<Vec<u8>, (usize, usize, usize, bool)> =
        rustc_hash::FxHashMap::default();
    let mut buf = Vec::new();
    for i in at + 1..end {
        let f = &page.blocks[i].features;
        if f.words > TEMPLATE_WORDS {
            if f.words >= PROSE_LINE_WORDS {
                prose += f.words;
            }
            continue;
        }
        shape_into(&page.blocks[i].text, &mut buf);
        if buf.is_empty() || buf == title {
            continue;
        }
        // (first line, last line, count, spaced as items)
        match seen.get_mut(&buf) {
            Some(e) => {
                // Items hold text of their own between their template
                // lines; a line said in a run (a histogram's "4 stars")
                // or far away is no item's.
                let gap = i - e.1;
                e.3 &= gap > 2 && gap <= MAX_ITEM;
                e.1 = i;
                e.2 += 1;
            }
            None => {
                let early = i - at <= POSTS_FIRST && prose <= POSTS_PROSE_BEFORE;
                seen.insert(buf.clone(), (i, i, 1, early));
            }
        }
    }
    seen.values()
        .filter(|&&(_, _, count, ok)| ok && count >= MIN_REPEATS)
        .count()
        >= MIN_KEYS
}

#[cfg(test)]
mod shape_tests {
    use super::*;

    /// `shape_into` as it was before the in-place ASCII path: every byte
    /// pushed.
    fn shape_into_pushed(text: &str, out: &mut Vec<u8>) {
        out.clear();
        let mut zero = false;
        let mut push = |c: u8, out: &mut Vec<u8>| {
            if !(zero && (c == b'0' || c == b',' || c == b'.')) {
                out.push(c);
                zero = c == b'0';
            }
        };
        let mut enc = [0u8; 4];
        for c in text.chars() {
            if c.is_ascii() {
                push(ascii_shape(c as u8), out);
                continue;
            }
            for c in c.to_lowercase() {
                if c.is_ascii_digit() {
                    push(b'0', out);
                } else {
                    for &b in c.encode_utf8(&mut enc).as_bytes() {
                        push(b, out);
                    }
                }
            }
        }
    }

    #[test]
    fn shapes_written_in_place_are_the_pushed_shapes() {
        let mut rng = crate::classify::testgen::rng(7);
        let (mut want, mut got, mut all) = (Vec::new(), Vec::new(), Vec::new());
        let mut lines: Vec<String> = (0..4000)
            .map(|_| crate::classify::testgen::line(&mut rng, 12))
            .collect();
        lines.extend(
            [
                "",
                "0",
                "00,0.0x",
                "9,",
                "a0.b",
                "A,0",
                "ABC 1.2.3 DEF",
                "x0,,5",
            ]
            .map(String::from),
        );
        for t in &lines {
            shape_into_pushed(t, &mut want);
            shape_into(t, &mut got);
            assert_eq!(got, want, "{t:?}");
            // Appended after other shapes, as the grid writes them.
            let from = all.len();
            shape_append(t, &mut all);
            assert_eq!(&all[from..], &want[..], "{t:?}");
        }
    }

    /// Lines of every length around `SHAPE_PAD`, ASCII or with one byte
    /// not ASCII anywhere, are told as `is_ascii` tells them.
    #[test]
    fn padded_ascii_test_is_is_ascii() {
        let mut rng = crate::test_rng::XorShift::new(31);
        // ASCII or not, each under 8 bytes, up to `SHAPE_PAD`, longer.
        let mut reached = [0usize; 6];
        for _ in 0..20_000 {
            let len = rng.below(SHAPE_PAD + 40);
            let mut t: Vec<u8> = (0..len).map(|_| rng.below(128) as u8).collect();
            if len > 0 && rng.below(2) == 0 {
                t[rng.below(len)] = 128 + rng.below(128) as u8;
            }
            let want = t.is_ascii();
            let size = usize::from(len >= 8) + usize::from(len > SHAPE_PAD);
            reached[usize::from(!want) + 2 * size] += 1;
            assert_eq!(is_ascii_padded(&t), want, "{t:?}");
        }
        assert!(reached.iter().all(|&n| n > 300), "{reached:?}");
    }

    /// Lines of every length around `SHAPE_PAD`, of letters, digits,
    /// separators and now and then a character not ASCII, shape as the
    /// pushed form does: the padded copy (with and without digits), the
    /// longer ASCII lines and the lines not ASCII, each after other shapes.
    #[test]
    fn padded_shapes_are_the_pushed_shapes() {
        let mut rng = crate::test_rng::XorShift::new(29);
        let parts = [
            "a", "B", "z", "Q", "0", "7", "9", ",", ".", " ", "-", "@", "[", "`", "{", "é", "Σ",
            "\u{212a}",
        ];
        let (mut want, mut all) = (Vec::new(), Vec::new());
        // Padded ASCII without digits, with them; longer ASCII; not ASCII.
        let mut reached = [0usize; 4];
        for _ in 0..20_000 {
            let len = rng.below(SHAPE_PAD + 40);
            let mut t = String::new();
            // Mostly ASCII: characters not ASCII in one line of four.
            let n = if rng.below(4) == 0 {
                parts.len()
            } else {
                parts.len() - 3
            };
            while t.len() < len {
                t.push_str(parts[rng.below(n)]);
            }
            let case = match (t.is_ascii(), t.len() <= SHAPE_PAD) {
                (false, _) => 3,
                (true, false) => 2,
                (true, true) => usize::from(t.bytes().any(|b| b.is_ascii_digit())),
            };
            reached[case] += 1;
            shape_into_pushed(&t, &mut want);
            if rng.below(2) == 0 {
                all.clear();
            }
            let from = all.len();
            shape_append(&t, &mut all);
            assert_eq!(&all[from..], &want[..], "{t:?}");
        }
        assert!(reached.iter().all(|&n| n > 500), "{reached:?}");
    }

    /// The shape of a line with other than ASCII in it is that of its
    /// lower case, character by character (ASCII ones taken as they are).
    #[test]
    fn mixed_lines_shape_as_their_lower_case() {
        for t in [
            "Café 12,5 €",
            "\u{212a}elvin 3.0",
            "İstanbul 1,2",
            "ΣΊΣΥΦΟΣ 2024",
            "Ünïcödé ٣ posts",
            "東京 2 Posts",
        ] {
            let mut lower = String::new();
            for c in t.chars().flat_map(char::to_lowercase) {
                lower.push(if c.is_ascii_digit() { '9' } else { c });
            }
            // Digit runs as one 0, as `shape_into` writes them.
            let mut want = Vec::new();
            for &b in lower.as_bytes() {
                let zero = want.last() == Some(&b'0');
                match b {
                    b'9' if zero => {}
                    b'9' => want.push(b'0'),
                    b',' | b'.' if zero => {}
                    _ => want.push(b),
                }
            }
            let mut got = Vec::new();
            shape_into(t, &mut got);
            assert_eq!(got, want, "{t:?}");
        }
    }

    /// `shape_into` of ASCII text as first written: byte by byte, digit
    /// runs folded, whether or not the text holds a digit.
    fn ascii_shape_slow(text: &str) -> Vec<u8> {
        let (mut out, mut zero) = (Vec::new(), false);
        for &b in text.as_bytes() {
            let c = ascii_shape(b);
            if !(zero && (c == b'0' || c == b',' || c == b'.')) {
                out.push(c);
                zero = c == b'0';
            }
        }
        out
    }

    #[test]
    fn lines_without_digits_shape_as_the_byte_walk() {
        for t in [
            "",
            "Quote",
            "Reply With QUOTE",
            "Join Date, Posts.",
            "a,b.c",
            "Read more \u{2192}",
            "0",
            "x0,5.y",
            "A line well over sixteen bytes long, with, commas. And dots...",
            "A line well over sixteen bytes long that ends in a digit 9",
            "9 starts it and then goes on for more than sixteen bytes",
            "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ABCXYZ abcxyz",
        ] {
            let mut got = Vec::new();
            shape_into(t, &mut got);
            if t.is_ascii() {
                assert_eq!(got, ascii_shape_slow(t), "{t:?}");
            }
        }
    }

    #[test]
    fn shape_compared_in_place_is_the_shape_written_out() {
        let lines = [
            "",
            "Quote",
            "QUOTE",
            "Reply With Quote",
            "#5",
            "#12",
            "410 posts",
            "8,185 posts",
            "1.2.3",
            "0,",
            "a0.0b",
            "v2.0 (3)",
            "Posts: 1,234",
            "x9",
            "9x",
            "..0",
            "Join Date",
        ];
        let mut key = Vec::new();
        for a in lines {
            shape_into(a, &mut key);
            for b in lines {
                let mut other = Vec::new();
                shape_into(b, &mut other);
                assert_eq!(
                    ascii_shape_is(b.as_bytes(), &key),
                    other == key,
                    "{a:?} {b:?}"
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of posts cut from templates (a header, the text, a footer),
    /// with lines of other kinds between and around them.
    fn forum_page(rng: &mut crate::classify::testgen::Rng) -> String {
        use crate::classify::testgen::line;
        let headers = [
            "Quote",
            "Reply With Quote",
            "Join Date: Mar 2019",
            "Posts: 1,204",
            "#12",
            "Senior Member",
            "Café Membre",
            "\u{212a}elvin 3",
        ];
        let footers = ["Share", "Follow", "Add a comment", "3 Comments", "Report"];
        let mut out = vec![line(rng, 8)];
        for _ in 0..rng.below(40) {
            match rng.below(6) {
                0 => out.push(line(rng, 30)),
                1 => out.push("Related posts".to_string()),
                _ => {
                    for _ in 0..rng.below(4) {
                        let h = headers[rng.below(headers.len())];
                        out.push(h.replace("12", &rng.below(500).to_string()));
                    }
                    for _ in 0..=rng.below(3) {
                        out.push(format!(
                            "This is the text of a post, and it says what the poster {} thinks.",
                            line(rng, 6)
                        ));
                    }
                    for _ in 0..rng.below(3) {
                        out.push(footers[rng.below(footers.len())].to_string());
                    }
                }
            }
        }
        out.retain(|l| !l.trim().is_empty());
        out.join("\n")
    }

    #[test]
    fn both_walked_at_once_extend_as_each_alone() {
        let mut rng = crate::classify::testgen::rng(5);
        let mut grown = (0, 0);
        for _ in 0..300 {
            let page = crate::segment::text::segment(&forum_page(&mut rng));
            let n = page.blocks.len();
            let loose: Vec<bool> = page.blocks.iter().map(|b| b.features.words >= 10).collect();
            let junk: Vec<bool> = (0..n).map(|_| rng.below(9) == 0).collect();
            let ends = |i: usize| page.blocks[i].text == "Related posts";
            for _ in 0..20 {
                let a = rng.below(n + 1);
                let z = a + rng.below(n + 2 - a);
                let want = (
                    extend(&page, &junk, &ends, &loose, (a, z)),
                    extend_footers(&page, &junk, &ends, &loose, (a, z)),
                );
                assert_eq!(
                    extend_both(&page, &Said::new(&page), &junk, &ends, &loose, (a, z)),
                    want,
                    "{a} {z}"
                );
                grown.0 += usize::from(want.0 != (a, z));
                grown.1 += usize::from(want.1.is_some());
            }
        }
        // The pages do hold posts that both forms grow over.
        assert!(grown.0 > 50 && grown.1 > 50, "{grown:?}");
    }

    /// `Bounds`, found once and asked again, answers as the searches it
    /// replaces, made afresh for each question: from a line the first
    /// found covers and from one past it.
    #[test]
    fn bounds_found_once_are_the_searches_each_made() {
        let mut rng = crate::classify::testgen::rng(23);
        let mut reached = [0usize; 2];
        for _ in 0..3000 {
            let n = rng.below(40);
            let marks: Vec<bool> = (0..n).map(|_| rng.below(6) == 0).collect();
            let ends = |i: usize| marks[i];
            let a = rng.below(n + 1);
            let z = a + rng.below(n + 1 - a);
            let bounds = Bounds::new(&ends, n, (a, z));
            let floor = (0..a).rev().find(|&i| ends(i)).map_or(0, |i| i + 1);
            for _ in 0..4 {
                let from = z + rng.below(n + 2 - z);
                let want = (from..n).find(|&i| ends(i)).unwrap_or(n);
                let first = (z..n).find(|&i| ends(i)).unwrap_or(n);
                reached[usize::from(from > first)] += 1;
                assert_eq!(bounds.limit(from), want, "{marks:?} {z} {from}");
                assert_eq!(bounds.floor(), floor, "{marks:?} {a}");
            }
        }
        assert!(reached.iter().all(|&k| k > 100), "{reached:?}");
    }

    /// `template_keys` and `recurrences` in one buffer each give the keys
    /// and lines of a Vec per key, found by shaping every line.
    #[test]
    fn flat_keys_and_recurrences_are_a_vec_per_key() {
        let mut rng = crate::classify::testgen::rng(11);
        let (mut found, mut grown_not) = (0, 0);
        for _ in 0..200 {
            let page = crate::segment::text::segment(&forum_page(&mut rng));
            let n = page.blocks.len();
            if n == 0 {
                continue;
            }
            let loose: Vec<bool> = (0..n).map(|_| rng.below(5) == 0).collect();
            let short = |i: usize| short(&page, &loose, i);
            let a = rng.below(n + 1);
            let z = (a + rng.below(20)).min(n);
            let mut title = Vec::new();
            shape_into(&page.blocks[0].text, &mut title);
            let mut want: Vec<Vec<u8>> = Vec::new();
            for i in (a..z).filter(|&i| short(i)) {
                let mut buf = Vec::new();
                shape_into(&page.blocks[i].text, &mut buf);
                if buf != title && !want.contains(&buf) {
                    want.push(buf);
                }
            }
            let keys = template_keys(&page, &title_shape(&page), (a..z).filter(|&i| short(i)));
            let got: Vec<Vec<u8>> = keys.iter().map(<[u8]>::to_vec).collect();
            assert_eq!(got, want);
            // The room taken at first was enough: the buffer of an ASCII
            // page's keys (the padded copy of the last line too) never grew.
            let lines = (a..z).filter(|&i| short(i));
            if lines.clone().all(|i| page.blocks[i].text.is_ascii()) {
                let room: usize = lines.map(|i| page.blocks[i].text.len()).sum();
                assert_eq!(keys.bytes.capacity(), room + SHAPE_PAD);
                grown_not += usize::from(keys.len() >= 2);
            }
            let said = Said::new(&page);
            let at = recurrences(&page, &said, &keys.list(), short);
            let mut buf = Vec::new();
            for (k, key) in want.iter().enumerate() {
                let lines: Vec<usize> = (0..n)
                    .filter(|&i| {
                        shape_into(&page.blocks[i].text, &mut buf);
                        short(i) && buf == *key
                    })
                    .collect();
                assert_eq!(
                    at.of(k),
                    lines.as_slice(),
                    "{:?}",
                    String::from_utf8_lossy(key)
                );
                found += lines.len();
            }
            assert_eq!(at.slices().len(), want.len());
        }
        assert!(found > 500 && grown_not > 20, "{found} {grown_not}");
    }

    /// `recurs` as first written: every line of as many words shaped.
    fn recurs_slow(page: &Page, i: usize) -> bool {
        let (mut own, mut buf) = (Vec::new(), Vec::new());
        button_shape(&page.blocks[i].text, &mut own);
        let words = page.blocks[i].features.words;
        page.blocks
            .iter()
            .filter(|b| {
                b.features.words == words && {
                    button_shape(&b.text, &mut buf);
                    buf == own
                }
            })
            .count()
            >= MIN_REPEATS
    }

    #[test]
    fn recurs_answers_as_first_written() {
        let lines = [
            "Add a comment",
            "3 Comments",
            "1 Comment",
            "add a COMMENT",
            "12 comments",
            "S",
            "s",
            "ss",
            "Ss",
            "Add a commentss",
            "Ⱥdd a comment",
            "ⱥdd a comment",
            "Add a comment",
            "Kelvin",
            "\u{212a}elvin",
            "kelvins",
            "Über",
            "über",
            "übers",
            "4.5 comments",
        ];
        let text = lines.join("\n");
        let page = crate::segment::text::segment(&text);
        for i in 0..page.blocks.len() {
            assert_eq!(
                recurs(&page, i),
                recurs_slow(&page, i),
                "{:?}",
                page.blocks[i].text
            );
        }
    }

    /// `in_title` as first written: the title split into words again for
    /// every line asked.
    fn in_title_slow(page: &Page, i: usize) -> bool {
        let Some(first) = page.blocks.first() else {
            return false;
        };
        let b = &page.blocks[i];
        if i == 0 || b.features.words < 3 || b.features.words > first.features.words {
            return false;
        }
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let (title, line) = (words(&first.text), words(&b.text));
        line.len() >= 3
            && 2 * line.len() >= title.len()
            && title.windows(line.len()).any(|w| w == line.as_slice())
    }

    #[test]
    fn title_split_once_answers_as_split_per_line() {
        let mut found = 0;
        for title in [
            "\u{212a}elvin Scale Explained Here",
            "KELVIN Scale, Explained: Here",
            "How to Fix a Leaky Tap | Home Forum",
            "ΟΔΟΣ ΣΟΦΙΑΣ Νέα - Site",
            "Short",
            "Café Déjà Vu: the Thread - Board",
        ] {
            let text = [
                title,
                "How to fix a leaky tap",
                "how to FIX a leaky TAP!",
                "Fix a Leaky Tap",
                "Leaky Tap",
                "Home Forum",
                "οδος σοφιας νέα",
                "ΟΔΟΣ ΣΟΦΙΑΣ",
                "café déjà vu the thread",
                "Something else entirely here",
                "οδοσ σοφιασ νέα",
                "ΟΔΟΣ ΣΟΦΙΑΣ ΝΈΑ",
                "ΟΔΟΣ ΣΟΦΙΑΣ Νέα",
                "\u{212a}elvin scale explained",
                "KELVIN SCALE EXPLAINED",
                "kelvin scale explained here",
            ]
            .join("\n");
            let page = crate::segment::text::segment(&text);
            let words = title_words_of(&page);
            for i in 0..page.blocks.len() {
                let want = in_title_slow(&page, i);
                assert_eq!(in_title(&page, &words, i), want, "{title:?} {i}");
                found += usize::from(want);
            }
        }
        // Each title but the short one has lines that are in it.
        assert!(found >= 6, "{found}");
    }

    /// `recurrences` skips a line whose shape cannot start as a key's: the
    /// first byte it looks at is the shape's own.
    #[test]
    fn shape_lead_is_the_first_byte_of_the_shape() {
        for t in [
            "",
            "Reply",
            "reply With Quote",
            "410 posts",
            "#5",
            "Рус текст",
            "\u{212a}elvin",
            "İstanbul",
            "Ünïcödé",
            "東京 2",
            "٣ posts",
            "ǅ title",
            "’quoted’",
        ] {
            let mut shape = Vec::new();
            shape_into(t, &mut shape);
            assert_eq!(shape_lead(t), shape.first().copied(), "{t:?}");
        }
    }
}
