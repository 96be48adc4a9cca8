//! Text input: a run of testimonials after an article (a line of praise,
//! often in quotation marks, then a short line naming who said it: "Kara
//! M.", "— John D., Dallas", "Jane Roe | Office Manager"), two, three or
//! more in a row. A business's blog prints its clients' praise under each
//! post; with the HTML gone the quotes read as paragraphs and the region
//! runs on through them. An article's own headings sit above their
//! paragraphs and seldom look like a name; praise said of the business,
//! quote after quote, each signed, does not continue the story.

use super::text_region::Said;
use crate::segment::{Block, Page};
use std::cell::Cell;

/// Signed quotes at least in a run.
const MIN_PAIRS: usize = 3;
/// Words at least of a quote.
const QUOTE_WORDS: u32 = 4;
/// Words at most of a quote (one paragraph of praise, not a post).
const QUOTE_MAX_WORDS: u32 = 120;
/// Words at most of a signature's name, before its role.
const NAME_WORDS: usize = 4;
/// Words at most of a whole signature line.
const SIGN_WORDS: u32 = 10;
/// Prose words at least of the article before the run.
const ARTICLE_WORDS: u32 = 120;
/// Lines at most between two runs of one testimonial panel.
const RUN_GAP: usize = 3;
/// Words at most of a heading over the run ("What our clients say").
const HEADING_WORDS: u32 = 6;

/// Where the region `(a, z)` should end: the first line (or the heading)
/// of a testimonial run in its closing part, or `z` when there is none.
/// `said` counts the page's lines.
pub fn cut(page: &Page, said: &Said, prose: &[bool], (a, z): (usize, usize)) -> usize {
    let blocks = &page.blocks;
    let z = z.min(blocks.len());
    let lines = Lines::new(blocks, said);
    let runs = runs_in(blocks, &lines, (a, z));
    cut_at(blocks, &lines, prose, &runs, (a, z))
}

/// The testimonial runs of lines `a..z`, each as its first line and its
/// end, those close enough together made one. A run's first pair has its
/// signature at line i or the next (see `may_start`): most lines of an
/// article are paragraphs too long to sign one, told by their word counts
/// alone, with no call per line.
fn runs_in(blocks: &[Block], lines: &Lines, range: (usize, usize)) -> Vec<(usize, usize)> {
    runs_from_lines(blocks, lines, range, |i| may_start(blocks, i))
}

/// `runs_in`, `run_from` tried only at the lines `may` lets through.
fn runs_from_lines(
    blocks: &[Block],
    lines: &Lines,
    (a, z): (usize, usize),
    may: impl Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = a;
    while i < z {
        if !may(i) {
            i += 1;
            continue;
        }
        match run_from(blocks, lines, i, z) {
            Some(end) => {
                // A quote of two lines, a photo's caption: parts of one run.
                match runs.last_mut() {
                    Some((_, e)) if *e + RUN_GAP >= i => *e = end,
                    _ => runs.push((i, end)),
                }
                i = end;
            }
            None => i += 1,
        }
    }
    runs
}

/// `cut` of the region `(a, z)` (`z` within the page) with the `runs`
/// found in it.
fn cut_at(
    blocks: &[Block],
    lines: &Lines,
    prose: &[bool],
    runs: &[(usize, usize)],
    (a, z): (usize, usize),
) -> usize {
    // One run only, at the end: a page of testimonials (a reviews page,
    // a course's quotes between its sections) shows more than one, or
    // has its own text after them.
    let [(start, end)] = runs[..] else {
        return z;
    };
    if (end..z).filter(|&k| prose[k]).count() > 1 {
        return z;
    }
    // After an article: more of its prose before the run than quotes in
    // it (the run's own lines are no part of what it closes).
    let words = |r: std::ops::Range<usize>| -> u32 {
        r.filter(|&k| prose[k])
            .map(|k| blocks[k].features.words)
            .sum()
    };
    let before = words(a..start);
    if before < ARTICLE_WORDS || before < words(start..end) {
        return z;
    }
    let headed = start > a
        && !prose[start - 1]
        && blocks[start - 1].features.words <= HEADING_WORDS
        && !blocks[start - 1].features.ends_sentence
        && lines.sign(start - 1).is_none();
    start - usize::from(headed)
}

/// `quote` and `signature` of each distinct text (`said` numbers them),
/// worked out once: the runs tried from one line after another ask them
/// of the same lines again and again, and a text reads the same on each
/// line that says it.
struct Lines<'a> {
    blocks: &'a [Block],
    said: &'a Said,
    quotes: Vec<Cell<Option<Option<Quote>>>>,
    signs: Vec<Cell<Option<Option<bool>>>>,
}

impl<'a> Lines<'a> {
    fn new(blocks: &'a [Block], said: &'a Said) -> Self {
        Lines {
            blocks,
            said,
            quotes: vec![Cell::new(None); said.texts()],
            signs: vec![Cell::new(None); said.texts()],
        }
    }

    /// `quote` of line `i` (`None` past the last line). Inlined: asked of
    /// nearly every line, most often answered from its word count or its
    /// cell, and a call cost about as much as that.
    #[inline]
    fn quote(&self, i: usize) -> Option<Quote> {
        let b = self.blocks.get(i)?;
        // Too few or too many words for a quote, as `quote` tells first.
        if b.features.words < QUOTE_WORDS || b.features.words > QUOTE_MAX_WORDS {
            return None;
        }
        let cell = &self.quotes[self.said.id(i)];
        if let Some(q) = cell.get() {
            return q;
        }
        let q = quote(b);
        cell.set(Some(q));
        q
    }

    /// `signature` of line `i` (`None` past the last line). Inlined, as
    /// `quote` is; `signature` itself, worked out once per text, is not.
    #[inline]
    fn sign(&self, i: usize) -> Option<bool> {
        let b = self.blocks.get(i)?;
        // Too many words for a signature (most lines), as `signature`
        // tells first: no text number or cell read.
        if b.features.words > SIGN_WORDS {
            return None;
        }
        let cell = &self.signs[self.said.id(i)];
        if let Some(s) = cell.get() {
            return s;
        }
        let s = signature(b);
        cell.set(Some(s));
        s
    }
}

/// Whether a run may start at line `i`: `run_from` finds none unless
/// line `i` or the next has a signature's word count (`signature` is
/// `None` for no words or more than `SIGN_WORDS`), as its first pair is
/// signed at one of them.
fn may_start(blocks: &[Block], i: usize) -> bool {
    let signs = |j: usize| {
        blocks
            .get(j)
            .is_some_and(|b| (1..=SIGN_WORDS).contains(&b.features.words))
    };
    signs(i) || signs(i + 1)
}

/// The end of the testimonial run starting at line `i` (quote first or
/// signature first), if `MIN_PAIRS` signed quotes start it.
fn run_from(blocks: &[Block], lines: &Lines, i: usize, z: usize) -> Option<usize> {
    // The first pair holds a quote at i or just after it: most lines
    // start no run, and a quote is cheaper to rule out than a signature.
    if lines.quote(i).is_none() && lines.quote(i + 1).is_none() {
        return None;
    }
    // Whether a quote praises is a search of its words: asked only when
    // enough pairs in a row have a quote's and a signature's shape.
    if pairs(blocks, lines, i, z).take(MIN_PAIRS).count() < MIN_PAIRS {
        return None;
    }
    let (mut count, mut praised, mut end) = (0, 0, i);
    for (q, quote, strong, after) in pairs(blocks, lines, i, z) {
        // A quote in quotation marks or a signature shaped as one (a
        // dash, an initial, a role) is signed praise; otherwise its
        // words must praise (asked once).
        let praise = quote.marked || praises(&blocks[q].text);
        if !(praise || strong) {
            break;
        }
        praised += usize::from(praise);
        count += 1;
        end = after;
    }
    (count >= MIN_PAIRS && 2 * praised >= count).then_some(end)
}

/// The pairs of a quote and a signature in a row from line `i` (signature
/// first, "Jane Roe" / her quote, when line `i` is one; else quote first),
/// before `z`: each pair's quote line, what the quote shows, whether the
/// signature is one beyond doubt, and the line after the pair.
fn pairs<'a>(
    blocks: &'a [Block],
    lines: &'a Lines,
    i: usize,
    z: usize,
) -> impl Iterator<Item = (usize, Quote, bool, usize)> + 'a {
    let sign_first = lines.sign(i).is_some();
    let mut j = i;
    std::iter::from_fn(move || {
        let (q, s) = if sign_first { (j + 1, j) } else { (j, j + 1) };
        if q >= z || s >= z {
            return None;
        }
        let quote = lines.quote(q)?;
        let strong = lines.sign(s)?;
        j += 2;
        // A rating or a count between two quotes ("5", "★★★★★").
        if blocks.get(j).is_some_and(|b| b.features.words <= 1) && lines.sign(j).is_none() {
            j += 1;
        }
        Some((q, quote, strong, j))
    })
}

/// What a quote line shows.
#[derive(Clone, Copy)]
struct Quote {
    /// Wrapped in quotation marks.
    marked: bool,
}

/// A quote: a sentence or more, not a question.
#[inline(never)]
fn quote(b: &Block) -> Option<Quote> {
    let f = &b.features;
    // The word count first: a line too short or too long is not trimmed.
    if f.words < QUOTE_WORDS || f.words > QUOTE_MAX_WORDS {
        return None;
    }
    let t = b.text.trim();
    if t.ends_with('?') || t.ends_with(':') {
        return None;
    }
    let marked = t.starts_with(OPEN);
    (marked || f.ends_sentence || t.ends_with(CLOSE)).then_some(Quote { marked })
}

/// Quotation marks that open a quote.
const OPEN: &[char] = &['"', '“', '„', '«', '‘', '\''];
/// Quotation marks that close one.
const CLOSE: &[char] = &['"', '”', '»', '’', '\''];

/// Whether the line reads as a signature: a name of one to `NAME_WORDS`
/// words, capitalised or a handle, maybe led by a dash and followed by a
/// role after a comma, a bar or a dash. `Some(true)` when its shape says
/// signature beyond doubt (a dash before it, an initial, a role).
#[inline(never)]
fn signature(b: &Block) -> Option<bool> {
    let f = &b.features;
    if f.words == 0 || f.words > SIGN_WORDS {
        return None;
    }
    let t = b.text.trim();
    let (dashed, t) = match t.strip_prefix(DASHES) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t),
    };
    // The name, then maybe a role after a separator: a heading or a
    // sentence says more than a name's words before any separator.
    let (k, n) = name_end(t);
    let (name, role) = (
        &t[..k],
        !t[k..]
            .trim_start_matches(|c| SEPARATORS.contains(&c) || c == ' ')
            .is_empty(),
    );
    if n == 0 || n > NAME_WORDS {
        return None;
    }
    // A sentence is no name.
    if !role && n > 2 && t.ends_with(['.', '!', '?', ':']) {
        return None;
    }
    let mut initial = false;
    // The word list is looked up last: most words fail on their shape.
    let stop = is_stopword;
    for w in name.split_whitespace() {
        let first = w.chars().next()?;
        let bare = w.trim_end_matches('.');
        let mut chars = bare.chars();
        if chars.next().is_some() && chars.next().is_none() && first.is_uppercase() {
            if stop(w) {
                return None;
            }
            initial = true;
            continue;
        }
        // A name word, or a handle ("Lo421", "best_law").
        let handle = n == 1
            && w.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
            && w.chars().nth(2).is_some();
        if !(first.is_uppercase() && bare.chars().all(|c| c.is_alphabetic() || "'’-".contains(c))
            || handle)
        {
            return None;
        }
        if stop(w) {
            return None;
        }
    }
    Some(dashed || initial && n >= 2 || role)
}

/// Where the name of signature `t` ends (its first separator, or the
/// end) and how many words it has, counted up to `NAME_WORDS + 1`: the
/// words are walked only until a separator or one word too many, as most
/// short lines are no name and hold more words than one has.
fn name_end(t: &str) -> (usize, usize) {
    if !t.is_ascii() {
        return name_end_words(t);
    }
    // An ASCII line (most): the first separator found by a vector
    // search, then the words before it counted with no branch per byte
    // (a walk that stopped at each space and each word mispredicted
    // about once a word). As the walk did, a fifth word that ends before
    // the separator ends the count: the name has too many words.
    let b = t.as_bytes();
    let p = memchr::memchr2(b',', b'|', b).unwrap_or(b.len());
    let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let (mut n, mut after_space) = (0, true);
    for &c in &b[..p] {
        let w = space(c);
        n += usize::from(after_space & !w);
        after_space = w;
    }
    if n > NAME_WORDS + 1 || n == NAME_WORDS + 1 && p > 0 && space(b[p - 1]) {
        return (t.len(), NAME_WORDS + 1);
    }
    (p, n)
}

/// `name_end` of an ASCII line as first walked: byte by byte, each word's
/// bytes looked at for a separator as they come, up to one word too many.
#[cfg(test)]
fn name_end_walk(t: &str) -> (usize, usize) {
    let b = t.as_bytes();
    let (mut n, mut start) = (0, None);
    for (k, &c) in b.iter().enumerate() {
        if matches!(c, b'\t'..=b'\r' | b' ') {
            if start.take().is_some() {
                n += 1;
                if n > NAME_WORDS {
                    return (t.len(), n);
                }
            }
            continue;
        }
        let from = *start.get_or_insert(k);
        if c == b',' || c == b'|' {
            return (k, n + usize::from(k > from));
        }
    }
    (t.len(), n + usize::from(start.is_some()))
}

/// `name_end` of any line: its words split, each searched for a
/// separator.
fn name_end_words(t: &str) -> (usize, usize) {
    let mut n = 0;
    for w in t.split_whitespace() {
        // No separator is white space: the first one is in some word.
        if let Some(p) = separator_at(w) {
            let k = w.as_ptr() as usize - t.as_ptr() as usize + p;
            return (k, n + usize::from(p > 0));
        }
        n += 1;
        if n > NAME_WORDS {
            break;
        }
    }
    (t.len(), n)
}

/// What parts a signature's name from its role.
const SEPARATORS: [char; 5] = [',', '|', '–', '—', '·'];

/// Where the first of `SEPARATORS` is in `t`, found byte by byte (every
/// short line is asked): the ASCII ones are bytes, '–' and '—' are 0xE2
/// 0x80 0x93 and 0x94, '·' is 0xC2 0xB7.
fn separator_at(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    (0..b.len()).find(|&i| match b[i] {
        b',' | b'|' => true,
        0xE2 => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x93 | 0x94)),
        0xC2 => b.get(i + 1) == Some(&0xB7),
        _ => false,
    })
}

/// Dashes and a tilde before a signature.
const DASHES: &[char] = &['-', '–', '—', '~', '―'];

/// Words of a heading or a sentence that a name does not hold.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "at", "by", "from", "is",
    "are", "how", "what", "why", "your", "our", "my", "you", "we", "it", "this", "not", "no",
    "all", "more", "new", "read", "view", "see", "shop", "buy", "get", "try", "about",
];

/// Bytes at most of a word of `STOPWORDS`.
const STOPWORD_LEN: usize = 5;

/// Whether `w` is one of `STOPWORDS`, in any case. Most words are told
/// by their length and first letter alone (`STOPWORD_LEADS`), with no
/// compare; the list is walked for the others.
fn is_stopword(w: &str) -> bool {
    let b = w.as_bytes();
    let (Some(&c), true) = (b.first(), b.len() <= STOPWORD_LEN) else {
        return false;
    };
    let c = c.to_ascii_lowercase();
    c.is_ascii_lowercase()
        && STOPWORD_LEADS[b.len()] & 1 << (c - b'a') != 0
        && STOPWORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
}

/// Per length, the first letters of `STOPWORDS` of that length, as bits
/// ('a' the lowest). Each word of the list is checked to be lower case
/// letters no longer than `STOPWORD_LEN` when this is built.
const STOPWORD_LEADS: [u32; STOPWORD_LEN + 1] = {
    let mut leads = [0u32; STOPWORD_LEN + 1];
    let mut i = 0;
    while i < STOPWORDS.len() {
        let w = STOPWORDS[i].as_bytes();
        assert!(!w.is_empty() && w.len() <= STOPWORD_LEN);
        let mut k = 0;
        while k < w.len() {
            assert!(w[k].is_ascii_lowercase());
            k += 1;
        }
        leads[w.len()] |= 1 << (w[0] - b'a');
        i += 1;
    }
    leads
};

/// Whether a line praises (a client's words of thanks or recommendation).
fn praises(text: &str) -> bool {
    PRAISE.is_match(text)
}

// ASCII word boundaries keep the regex on its DFA (see `text_bio`).
static PRAISE: std::sync::LazyLock<regex_automata::meta::Regex> =
    std::sync::LazyLock::new(|| super::text_region::words_pattern(PRAISE_PATTERN));

/// `PRAISE`'s pattern.
const PRAISE_PATTERN: &str = r"(?i)(?-u:\b)(love[ds]?|loving|best|great|amazing|awesome|excellent|fantastic|wonderful|brilliant|outstanding|superb|recommend(ed)?|thank(s| you)|grateful|pleasure|highly|helpful|professional|friendly|caring|kind|impressed|exceeded|incredible|incredibly|life[- ]changing|five stars|5 stars)(?-u:\b)";

#[cfg(test)]
mod tests {
    use super::*;

    /// The word patterns built without a prefilter match as built by
    /// `regex`.
    #[test]
    fn word_patterns_are_the_regex_ones() {
        crate::classify::testgen::assert_words_pattern(PRAISE_PATTERN);
    }

    /// `run_from` finds no run where `may_start` says none may start, and
    /// `cut`, which skips those lines, cuts as trying every line does:
    /// generated articles with signed quotes (marked or praising, signed
    /// by a name, a dashed name or a name and role) among paragraphs.
    #[test]
    fn lines_skipped_start_no_run() {
        let mut rng = crate::classify::testgen::rng(97);
        let paragraph = "The committee met on Tuesday to review the plan, and the members agreed that the budget for the coming year needs more work before the vote.";
        let quotes = [
            "“They did a great job with our kitchen.”",
            "Highly recommend this team to anyone.",
            "The crew arrived on time and finished early.",
            "\"Wonderful service from start to end.\"",
            "Is this the best one?",
        ];
        let signs = [
            "Jane Roe",
            "— John D., Dallas",
            "Kara M.",
            "Sam Lee | Office Manager",
            "Read more",
            "5",
            "",
        ];
        let (mut runs, mut cuts) = (0, 0);
        for _ in 0..400 {
            let mut text: Vec<&str> = vec!["A Title For The Page"];
            text.extend(std::iter::repeat_n(paragraph, rng.below(12)));
            for _ in 0..rng.below(12) {
                match rng.below(8) {
                    0 => text.push(paragraph),
                    1 => {
                        text.push(rng.pick(&signs));
                        text.push(rng.pick(&quotes));
                    }
                    _ => {
                        text.push(rng.pick(&quotes));
                        text.push(rng.pick(&signs));
                    }
                }
            }
            let page = crate::segment::text::segment(&text.join("\n"));
            let said = Said::new(&page);
            let sw = super::super::region::has_stopwords(&page);
            let prose: Vec<bool> = page
                .blocks
                .iter()
                .map(|b| super::super::region::is_prose(b, sw))
                .collect();
            let n = page.blocks.len();
            let lines = Lines::new(&page.blocks, &said);
            for i in 0..n {
                let run = run_from(&page.blocks, &lines, i, n);
                assert!(run.is_none() || may_start(&page.blocks, i), "{i}");
                runs += usize::from(run.is_some());
            }
            for a in [0, 1, n / 2] {
                // As first written: `run_from` tried at every line.
                let want = runs_from_lines(&page.blocks, &lines, (a, n), |_| true);
                assert_eq!(runs_in(&page.blocks, &lines, (a, n)), want);
                let got = cut(&page, &said, &prose, (a, n));
                assert_eq!(got, cut_at(&page.blocks, &lines, &prose, &want, (a, n)));
                cuts += usize::from(got < n);
            }
        }
        assert!(runs > 40 && cuts > 30, "{runs} {cuts}");
    }

    /// `Lines`, which tells most lines by their word count before it
    /// reads its cells, answers as `quote` and `signature` of each line
    /// do, asked twice, on generated pages; lines of each answer, and
    /// lines too long for a signature, are reached.
    #[test]
    fn lines_answer_as_each_line_worked_out() {
        let mut rng = crate::classify::testgen::rng(61);
        let mut reached = [0usize; 5];
        for _ in 0..300 {
            let page = crate::classify::testgen::pooled_page(&mut rng, 14);
            let said = Said::new(&page);
            let lines = Lines::new(&page.blocks, &said);
            for _ in 0..2 {
                for (i, b) in page.blocks.iter().enumerate() {
                    let (q, s) = (quote(b), signature(b));
                    assert_eq!(lines.quote(i).map(|q| q.marked), q.map(|q| q.marked));
                    assert_eq!(lines.sign(i), s, "{:?}", b.text.as_str());
                    reached[0] += usize::from(q.is_some());
                    reached[1] += usize::from(q.is_none());
                    reached[2] += usize::from(s.is_some());
                    reached[3] += usize::from(s.is_none() && b.features.words <= SIGN_WORDS);
                    reached[4] += usize::from(b.features.words > SIGN_WORDS);
                }
            }
            assert!(lines.quote(page.blocks.len()).is_none());
            assert!(lines.sign(page.blocks.len()).is_none());
        }
        assert!(reached.iter().all(|&k| k > 0), "{reached:?}");
    }

    /// `name_end` answers as the word split does on every line: generated
    /// lines (ASCII or not, with separators and white space of every
    /// kind) and each separator at each place of a line of six words.
    #[test]
    fn byte_walk_ends_names_as_the_word_split_does() {
        let mut rng = crate::classify::testgen::rng(53);
        let spaces = [" ", "  ", "\t", "\u{b}", "\u{c}", "\r", "\n", "\u{a0}", ""];
        let mut cut = 0;
        for _ in 0..50000 {
            let mut line = String::new();
            for k in 0..rng.below(9) {
                if k > 0 {
                    line.push_str(spaces[rng.below(spaces.len())]);
                }
                line.push_str(&crate::classify::testgen::line(&mut rng, 2));
                if rng.below(4) == 0 {
                    line.push_str([",", "|", ", ", " | ", "·", "–"][rng.below(6)]);
                }
            }
            let want = name_end_words(&line);
            assert_eq!(name_end(&line), want, "{line:?}");
            cut += usize::from(want.0 < line.len());
        }
        assert!(cut > 1000, "{cut}");
        let words = ["Jane", "Roe", "Q.", "Ann", "Lee", "Jr"];
        for at in 0..40 {
            for sep in [',', '|'] {
                let mut line = words.join(" ");
                if at <= line.len() {
                    line.insert(at, sep);
                    assert_eq!(name_end(&line), name_end_words(&line), "{line:?}");
                }
            }
        }
    }

    /// The separator search and branch-free count end a name as the walk
    /// byte by byte did: generated ASCII lines with separators and white
    /// space of every ASCII kind, and lines of one to eight words with a
    /// separator at each place.
    #[test]
    fn counted_names_end_as_the_walk_did() {
        let mut rng = crate::classify::testgen::rng(59);
        let spaces = [" ", "  ", "\t", "\u{b}", "\u{c}", "\r", "\n", ""];
        let (mut cut, mut long, mut short) = (0, 0, 0);
        let mut check = |line: &str| {
            let want = name_end_walk(line);
            assert_eq!(name_end(line), want, "{line:?}");
            cut += usize::from(want.0 < line.len());
            long += usize::from(want.1 > NAME_WORDS);
            short += usize::from(want.1 <= NAME_WORDS);
        };
        for _ in 0..50000 {
            let mut line = String::new();
            for k in 0..rng.below(10) {
                if k > 0 || rng.below(4) == 0 {
                    line.push_str(spaces[rng.below(spaces.len())]);
                }
                let word = crate::classify::testgen::line(&mut rng, 2);
                line.extend(word.chars().filter(char::is_ascii));
                if rng.below(4) == 0 {
                    line.push_str([",", "|", ", ", " | ", " ,", "|,"][rng.below(6)]);
                }
            }
            check(&line);
        }
        for words in 1..=8 {
            let base = ["Jane", "Roe", "Q.", "Ann", "Lee", "Jr", "Bo", "Li"][..words].join(" ");
            for at in 0..=base.len() {
                for sep in [",", "|", " ,", ", ", "\t|"] {
                    let mut line = base.clone();
                    line.insert_str(at, sep);
                    check(&line);
                }
            }
        }
        assert!(
            cut > 1000 && long > 1000 && short > 1000,
            "{cut} {long} {short}"
        );
    }

    /// `is_stopword` is the list walked word by word: every word of it in
    /// three cases, each with a letter more or less, and generated words
    /// (some told by their first letter, some by the walk).
    #[test]
    fn stopword_match_is_the_list_walked() {
        let walk = |w: &str| {
            w.len() <= STOPWORD_LEN && STOPWORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
        };
        let mut words: Vec<String> = Vec::new();
        for s in STOPWORDS {
            for w in [s.to_string(), s.to_uppercase(), {
                let mut c = s.chars();
                c.next()
                    .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
            }] {
                words.push(format!("{w}s"));
                words.push(w[1..].to_string());
                words.push(format!("{w}é"));
                words.push(w);
            }
        }
        let mut rng = crate::classify::testgen::rng(61);
        for _ in 0..20000 {
            words.extend(
                crate::classify::testgen::line(&mut rng, 3)
                    .split(' ')
                    .map(String::from),
            );
        }
        let (mut yes, mut no, mut walked) = (0, 0, 0);
        for w in &words {
            let want = walk(w);
            assert_eq!(is_stopword(w), want, "{w:?}");
            yes += usize::from(want);
            no += usize::from(!want);
            // Refused by the walk, not by length and first letter.
            let lead = w.len() <= STOPWORD_LEN
                && w.bytes().next().is_some_and(|c| {
                    let c = c.to_ascii_lowercase();
                    c.is_ascii_lowercase() && STOPWORD_LEADS[w.len()] & 1 << (c - b'a') != 0
                });
            walked += usize::from(lead && !want);
        }
        assert!(
            yes >= 3 * STOPWORDS.len() && no > 1000 && walked > 100,
            "{yes} {no} {walked}"
        );
    }

    /// `Lines` answers per text what `quote` and `signature` answer per
    /// line, asked in any order, past the end too: generated pages whose
    /// lines are said again and again.
    #[test]
    fn lines_answer_per_text_as_each_line_does() {
        let mut rng = crate::classify::testgen::rng(7);
        let mut signed = 0;
        for _ in 0..300 {
            let pool: Vec<String> = (0..1 + rng.below(12))
                .map(|k| {
                    let l =
                        crate::classify::testgen::line(&mut rng, if k % 2 == 0 { 4 } else { 20 });
                    if k % 3 == 0 { format!("“{l}”") } else { l }
                })
                .collect();
            let page = crate::classify::testgen::page_from(&mut rng, &pool, 40);
            let said = Said::new(&page);
            let lines = Lines::new(&page.blocks, &said);
            let n = page.blocks.len();
            for _ in 0..3 * n + 2 {
                let i = rng.below(n + 2);
                let b = page.blocks.get(i);
                assert_eq!(
                    lines.quote(i).map(|q| q.marked),
                    b.and_then(quote).map(|q| q.marked),
                    "{i}"
                );
                assert_eq!(lines.sign(i), b.and_then(signature), "{i}");
                signed += usize::from(lines.sign(i).is_some());
            }
        }
        assert!(signed > 500, "{signed}");
    }

    /// `quote` as first written: the line trimmed before its word count
    /// is looked at.
    fn quote_trimmed_first(b: &Block) -> Option<Quote> {
        let f = &b.features;
        let t = b.text.trim();
        if f.words < QUOTE_WORDS
            || f.words > QUOTE_MAX_WORDS
            || t.ends_with('?')
            || t.ends_with(':')
        {
            return None;
        }
        let marked = t.starts_with(OPEN);
        (marked || f.ends_sentence || t.ends_with(CLOSE)).then_some(Quote { marked })
    }

    #[test]
    fn quote_counting_words_first_answers_as_trimming_first() {
        let mut rng = crate::classify::testgen::rng(3);
        let text: Vec<String> = (0..3000)
            .map(|k| {
                let mut l =
                    crate::classify::testgen::line(&mut rng, if k % 3 == 0 { 150 } else { 12 });
                if k % 7 == 0 {
                    l = format!("“{l}”");
                }
                if k % 5 == 0 {
                    l.push(['?', ':', '"', ' '][k % 4]);
                }
                l
            })
            .collect();
        let page = crate::segment::text::segment(&text.join("\n"));
        assert!(page.blocks.len() > 1000);
        let mut quotes = 0;
        for b in &page.blocks {
            let (got, want) = (quote(b), quote_trimmed_first(b));
            assert_eq!(
                got.map(|q| q.marked),
                want.map(|q| q.marked),
                "{:?}",
                b.text
            );
            quotes += usize::from(got.is_some());
        }
        assert!(quotes > 100);
    }

    /// `signature` as first written: the separator searched word by word.
    fn signature_slow(b: &Block) -> Option<bool> {
        let f = &b.features;
        if f.words == 0 || f.words > SIGN_WORDS {
            return None;
        }
        let t = b.text.trim();
        let (dashed, t) = match t.strip_prefix(DASHES) {
            Some(rest) => (true, rest.trim_start()),
            None => (false, t),
        };
        let mut n = 0;
        let mut k = t.len();
        for w in t.split_whitespace() {
            if let Some(p) = w.find(SEPARATORS) {
                n += usize::from(p > 0);
                k = w.as_ptr() as usize - t.as_ptr() as usize + p;
                break;
            }
            n += 1;
            if n > NAME_WORDS {
                return None;
            }
        }
        let (name, role) = (
            &t[..k],
            !t[k..]
                .trim_start_matches(|c| SEPARATORS.contains(&c) || c == ' ')
                .is_empty(),
        );
        if n == 0 || n > NAME_WORDS {
            return None;
        }
        if !role && n > 2 && t.ends_with(['.', '!', '?', ':']) {
            return None;
        }
        let mut initial = false;
        let stop = |w: &str| STOPWORDS.iter().any(|s| s.eq_ignore_ascii_case(w));
        for w in name.split_whitespace() {
            let first = w.chars().next()?;
            let bare = w.trim_end_matches('.');
            if bare.chars().count() == 1 && first.is_uppercase() {
                if stop(w) {
                    return None;
                }
                initial = true;
                continue;
            }
            let handle = n == 1
                && w.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
                && w.chars().count() >= 3;
            if !(first.is_uppercase()
                && bare.chars().all(|c| c.is_alphabetic() || "'’-".contains(c))
                || handle)
            {
                return None;
            }
            if stop(w) {
                return None;
            }
        }
        Some(dashed || initial && n >= 2 || role)
    }

    #[test]
    fn stopwords_fit_their_length_bound() {
        assert!(STOPWORDS.iter().all(|s| s.len() <= STOPWORD_LEN));
    }

    #[test]
    fn signature_answers_as_first_written() {
        let lines = [
            "Kara M.",
            "— John D., Dallas",
            "Jane Roe | Office Manager",
            "Jane Roe – CEO",
            "Jane Roe—CEO",
            "Jane Roe · Designer",
            "Jane·Roe",
            "J. R. R. Tolkien",
            "A. B.",
            "A",
            "I",
            "About Us",
            "Lo421",
            "best_law",
            "ab",
            ", Jane",
            "Jane ,",
            "Jane Roe, Mark Doe, Ann Lee, Bo Li, Al Ma",
            "One Two Three Four Five",
            "One Two Three Four, Role",
            "One Two Three.",
            "One Two.",
            "Ünïcödé Name",
            "Émile Zola – Writer",
            "~ Sam",
            "- sam",
            "Jean-Luc O’Neil",
            "The Team",
            "Posted by Anna",
            "...",
            "Jane Roe |",
            "Jane – – Roe",
            "Jane\u{a0}Roe, MD",
            "Jane\u{2003}Roe\u{2003}Lee\u{2003}Bo\u{2003}Li, MD",
            "5 stars",
            "★★★★★",
            "A B C D E,x",
            "A B C D, x",
            "A B C,",
            "Ann Bo Cy.",
            "Ann Bo Cy, Inc.",
            "Ann Bo Cy Di Ed",
            "- Ann",
            "-",
            "~",
            "-\tAnn Lee",
            "Ann\u{b}Lee",
            "Ann\u{c}Lee | x",
            "|Ann",
            ",Ann",
            "Ann|",
            "Ann ||| ,,",
            "_ab",
            ".ab",
            "a.b",
            "...",
            "The",
            "J.",
            "J. Doe",
            "j. doe",
            "A Doe",
            "O'Neil-Smith",
            "O'Neil 2",
            "Jane Roe.",
            "Jane Roe!",
            "lower case",
            "x1",
            "x12",
            "Jane (CEO)",
            "JANE ROE",
            "Read More",
        ];
        let text = lines.join("\n");
        let page = crate::segment::text::segment(&text);
        for b in &page.blocks {
            assert_eq!(signature(b), signature_slow(b), "{:?}", b.text);
        }
    }
}
