//! Text input: a comment thread after an article. Each comment is a short
//! author line, a date ("2 hours ago", "Nov 18, 2019 7:45 am") and the
//! comment's text; the dates recur every few lines. Comments read like
//! prose, so the article's region would run on through them.

use regex::Regex;
use std::sync::LazyLock;

use super::text_items::shape_into;
use super::text_region::Said;
use crate::segment::Page;

/// A line that is only a date or a time, as comment headers carry them.
/// As `words_pattern` builds it: no literal prefilter, whose working out
/// was most of a short run's cost for this pattern.
static DATE_LINE: LazyLock<regex_automata::meta::Regex> =
    LazyLock::new(|| super::text_region::words_pattern(DATE_PATTERN));

/// `DATE_LINE`'s pattern.
const DATE_PATTERN: &str = r"(?ix)
        \b\d+\s*(second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago\b
        | \b(yesterday|today)\s+at\b
        | \b\d{1,2}:\d{2}\s*([ap]\.?m\.?)?\b
        | \b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(19|20)\d{2}\b
        | \b\d{1,2}[./-]\d{1,2}[./-](19|20)?\d{2}\b
        ";

/// `DATE_LINE` with ASCII classes, case folding and word boundaries,
/// which keep it on its DFA: on a line whose characters other than ASCII
/// are all `date_neutral` it matches as `DATE_LINE` does, while on such a
/// line (a date with a middle dot or a dash, "May 3, 2024 · 5 min")
/// `DATE_LINE`'s Unicode `\b` sends it to a far slower engine.
static DATE_LINE_ASCII: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    // Built from the pattern, not from `DATE_LINE`: most runs never
    // compile that one.
    super::text_region::words_pattern(&format!("(?-u){DATE_PATTERN}"))
});

/// Characters no branch of `DATE_LINE` can match or find a word in: no
/// word character, digit or space in Unicode's sense, and none that case
/// folding turns into an ASCII letter (see the test). Punctuation that
/// dates and bylines carry.
fn date_neutral(c: char) -> bool {
    matches!(
        c,
        '\u{a1}'..='\u{a9}'
            | '\u{ab}'
            | '\u{ae}'
            | '\u{b0}'
            | '\u{b1}'
            | '\u{b4}'
            | '\u{b6}'..='\u{b8}'
            | '\u{bb}'
            | '\u{bf}'
            | '\u{d7}'
            | '\u{f7}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{203e}'
            | '\u{2122}'
    )
}

/// Whether `DATE_LINE` matches `text`.
fn date_match(text: &str) -> bool {
    dates_in(text).is_match(text)
}

/// The form of `DATE_LINE` to search `text` with: the ASCII form (on its
/// DFA; `DATE_LINE` then never compiled) where it matches the same, at the
/// same places: no character of `text` is a word, digit or space, or a
/// case of an ASCII letter, in one form and not the other.
fn dates_in(text: &str) -> &'static regex_automata::meta::Regex {
    if text.is_ascii() || text.chars().all(|c| c.is_ascii() || date_neutral(c)) {
        &DATE_LINE_ASCII
    } else {
        &DATE_LINE
    }
}

/// A comment section's heading, count or link, in a few languages (not
/// "reply": every comment carries that button).
pub(crate) static COMMENTS: LazyLock<regex_automata::meta::Regex> =
    LazyLock::new(|| super::text_region::words_pattern(COMMENTS_PATTERN));

/// `COMMENTS`'s pattern.
const COMMENTS_PATTERN: &str = r"(?i)\b(comments?|replies|responses|discussion|kommentare?|commentaires?|comentarios?|comentários?|commenti|reacties)\b";

/// Words at most in the thread's heading or count line.
pub(crate) const HEADING_WORDS: u32 = 6;
/// Words at most in a comment header line carrying the date.
const HEADER_WORDS: u32 = 12;
/// Dated lines needed to call it a thread.
const MIN_COMMENTS: usize = 3;
/// Lines at most between two comments' dates.
const MAX_GAP: usize = 20;

/// Characters at most between a date and the time that goes with it.
const TIME_GAP: usize = 4;

/// Lines before the article's region searched for its own date.
const OPENING_REACH: usize = 5;

static UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(second|sec|minute|min|hour|hr|day|week|month|year)s?\b")
        .expect("unit pattern compiles")
});

/// A date line's shape: its date with numbers and time units made alike,
/// so that "2 days ago" and "5 hours ago" compare equal.
/// A time right after the date belongs to it: a post dated to the day and
/// comments dated to the minute are not one thread's headers.
fn shape(text: &str) -> Vec<u8> {
    let dates = dates_in(text);
    let date = dates.find(text).map_or(text, |m| {
        let rest = &text[m.end()..];
        let gap = rest.len() - rest.trim_start_matches([',', ' ', '@', '-', '|']).len();
        match dates.find(rest) {
            Some(t) if t.start() == gap && gap <= TIME_GAP => &text[m.start()..m.end() + t.end()],
            _ => &text[m.range()],
        }
    });
    let mut out = Vec::new();
    shape_into(&UNIT.replace_all(date, "unit"), &mut out);
    out
}

/// A comment section's heading: short and naming comments, or a count of
/// them naming the article ("12 Comments on “How I Built It”", "3
/// Responses to ..."), as blogs title their threads.
fn heading(b: &crate::segment::Block) -> bool {
    let w = b.features.words;
    if w <= HEADING_WORDS {
        return COMMENTS.is_match(b.text.as_str());
    }
    w <= COUNT_HEADING_WORDS
        && b.text.starts_with(|c: char| c.is_ascii_digit())
        && b.text
            .split_whitespace()
            .take(2)
            .any(|t| COMMENTS.is_match(t) || t.eq_ignore_ascii_case("thoughts"))
}

/// Words at most in a thread heading that counts its comments and names
/// the article.
const COUNT_HEADING_WORDS: u32 = 30;

/// A comment header: short and dated. A dash before it makes it the
/// signature of a quoted post (an embedded tweet), part of the article.
pub(crate) fn is_date_line(page: &Page, i: usize) -> bool {
    let b = &page.blocks[i];
    b.features.words <= HEADER_WORDS && date_text(&b.text)
}

/// `is_date_line`'s test of a line's text, less its word count.
fn date_text(text: &str) -> bool {
    !text.starts_with(['—', '–', '-']) && may_be_dated(text) && date_match(text)
}

/// Whether `text` holds what some branch of `DATE_LINE` needs: "day"
/// ("yesterday at", "today at"), or a digit with "ago" after a space, a
/// month's name and a year's "19" or "20", a ':' or two of '.', '/', '-'
/// next to digits. Most short lines hold none of these, and this byte
/// scan costs far less than the regex's search (on a line with other than
/// ASCII, a slow one: `\b` is Unicode's there).
fn may_be_dated(text: &str) -> bool {
    let b = text.as_bytes();
    // What the line holds, in one pass over its bytes.
    let held = byte_classes(b);
    // Every branch but "day" needs a digit.
    if !has_digit(text, &held) {
        return held.y && has_day(b);
    }
    // Every branch's bytes, looked for in one walk over the line: a
    // search per branch costs a call and a pass each, and a line with a
    // digit (a count, a price) passed them all before it was ruled out.
    // A short line (all that `dated` asks of) is walked as a padded copy,
    // 32 places at a time with no branch per byte (vector code); a longer
    // one byte by byte.
    let (hit, year) = if b.len() <= PADDED_MAX {
        branch_bytes_padded(b)
    } else {
        branch_bytes(b)
    };
    hit || held.high && text.contains('ſ')
        // A month's name, looked for only on a line with a year.
        || year && has_month(b)
}

/// Bytes at most of a line `branch_bytes_padded` walks (a multiple of
/// `WALK`).
const PADDED_MAX: usize = 256;
/// Places `branch_bytes_padded` looks at in one step.
const WALK: usize = 32;

/// Whether some place of `b` holds what a branch of `DATE_LINE` needs, a
/// ':' or two of '.', '/', '-' between digits, "ago" after white space,
/// "day" before it (`hit`), and whether a year's "19" or "20" is there
/// (`year`): the walk of `may_be_dated` on a line of any length, each
/// place's answer as soon as it is known.
fn branch_bytes(b: &[u8]) -> (bool, bool) {
    // Separators between digits, and whether a year's "19" or "20" is
    // there: a month's date ends in one.
    let (mut seps, mut year) = (0, false);
    for (i, &c) in b.iter().enumerate() {
        let hit = match c {
            // "7:45": a digit before the ':' and after it.
            b':' => i > 0 && digit_at(b, i - 1) && digit_at(b, i + 1),
            // "18.11.2019": two separators, each between digits.
            b'.' | b'/' | b'-' => {
                seps += usize::from(i > 0 && digit_at(b, i - 1) && digit_at(b, i + 1));
                seps >= 2
            }
            // "2 days ago": white space before it. Only 'g' and 'G' OR
            // 0x20 give 'g'.
            b'g' | b'G' => ago_at(b, i),
            b'y' | b'Y' => day_at(b, i),
            b'1' => {
                year |= b.get(i + 1) == Some(&b'9');
                false
            }
            b'2' => {
                year |= b.get(i + 1) == Some(&b'0');
                false
            }
            _ => false,
        };
        if hit {
            return (true, year);
        }
    }
    (false, year)
}

/// `branch_bytes` of a line of at most `PADDED_MAX` bytes, every place
/// looked at: the line copied after two bytes 0 and before at least one
/// (0 is no digit, white space or letter, so the places next to the
/// line's ends answer as `digit_at` and the like do past them), then
/// walked `WALK` places at a time, each place told from the two bytes
/// before it and the one after it with no branch. The places past the
/// line hold 0 and find nothing.
fn branch_bytes_padded(b: &[u8]) -> (bool, bool) {
    let mut buf = [0u8; PADDED_MAX + 3];
    buf[2..2 + b.len()].copy_from_slice(b);
    let digit = |x: u8| (x.wrapping_sub(b'0') < 10) | (x >= 0x80);
    // ASCII white space (VT too) or a byte of other than ASCII.
    let space = |x: u8| (x.wrapping_sub(b'\t') < 5) | (x == b' ') | (x >= 0x80);
    let (mut hit, mut seps, mut year) = (false, 0u32, false);
    for from in (0..b.len()).step_by(WALK) {
        let w = &buf[from..from + WALK + 3];
        let (mut h, mut s, mut y) = (false, 0u8, false);
        for i in 0..WALK {
            // Two bytes before the place, the place, the byte after it.
            let (p2, p1, c, n1) = (w[i], w[i + 1], w[i + 2], w[i + 3]);
            let between = digit(p1) & digit(n1);
            h |= (c == b':') & between;
            s += u8::from(((c == b'.') | (c == b'/') | (c == b'-')) & between);
            // "ago" after white space; "day" before it.
            h |= (c | 0x20 == b'g') & (p1 | 0x20 == b'a') & (n1 | 0x20 == b'o') & space(p2);
            h |= (c | 0x20 == b'y') & (p2 | 0x20 == b'd') & (p1 | 0x20 == b'a') & space(n1);
            y |= (c == b'1') & (n1 == b'9') | (c == b'2') & (n1 == b'0');
        }
        hit |= h;
        seps += u32::from(s);
        year |= y;
    }
    (hit || seps >= 2, year)
}

/// A digit at `i`, as a branch of `DATE_LINE` needs next to a separator:
/// an ASCII one, or a byte of other than ASCII (`\d` is Unicode's; the
/// regex decides).
fn digit_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|&c| c.is_ascii_digit() || c >= 0x80)
}

/// White space at `i`: ASCII (VT too), or a byte of other than ASCII
/// (`\s` is Unicode's; the regex decides).
fn space_at(b: &[u8], i: usize) -> bool {
    b.get(i)
        .is_some_and(|&c| c.is_ascii_whitespace() || c == 0x0b || c >= 0x80)
}

/// Whether the 'y' at `i` ends "day" with white space after it
/// ("yesterday at"). Letters OR 0x20 are lower case; other bytes that
/// turn into letters this way only let the regex decide.
fn day_at(b: &[u8], i: usize) -> bool {
    i >= 2 && b[i - 2] | 0x20 == b'd' && b[i - 1] | 0x20 == b'a' && space_at(b, i + 1)
}

/// Whether the 'g' at `i` is that of "ago" with white space before it
/// ("2 days ago"). Only 'g' and 'G' OR 0x20 give 'g'.
fn ago_at(b: &[u8], i: usize) -> bool {
    let lower_at = |i: usize, c: u8| b.get(i).is_some_and(|&x| x | 0x20 == c);
    i >= 2 && lower_at(i - 1, b'a') && lower_at(i + 1, b'o') && space_at(b, i - 2)
}

/// Whether `b` holds "day" before white space anywhere (`day_at`).
fn has_day(b: &[u8]) -> bool {
    memchr::memchr2_iter(b'y', b'Y', b).any(|i| day_at(b, i))
}

/// Whether `text` holds a digit as `\d` reads one: any Unicode digit.
fn has_digit(text: &str, held: &Held) -> bool {
    held.digit || held.high && text.chars().any(|c| !c.is_ascii() && c.is_numeric())
}

/// Whether a month's three-letter name is in `b`, in any case.
fn has_month(b: &[u8]) -> bool {
    b.windows(3).any(|w| {
        matches!(
            [w[0] | 0x20, w[1] | 0x20, w[2] | 0x20],
            [b'j', b'a', b'n']
                | [b'f', b'e', b'b']
                | [b'm', b'a', b'r']
                | [b'a', b'p', b'r']
                | [b'm', b'a', b'y']
                | [b'j', b'u', b'n']
                | [b'j', b'u', b'l']
                | [b'a', b'u', b'g']
                | [b's', b'e', b'p']
                | [b'o', b'c', b't']
                | [b'n', b'o', b'v']
                | [b'd', b'e', b'c']
        )
    })
}

/// Which bytes a line holds (`byte_classes`).
struct Held {
    /// An ASCII digit.
    digit: bool,
    /// A 'y' or a 'Y'.
    y: bool,
    /// A byte of other than ASCII.
    high: bool,
}

/// `Held` of `b`, 16 bytes at a time without a branch per byte, which
/// the compiler turns into vector code (a search for each class costs a
/// call). The last bytes are read as the last 16 (some looked at again:
/// what a byte is does not change), or padded with 0, which is none of
/// the three, in a line shorter than that.
fn byte_classes(b: &[u8]) -> Held {
    let (mut digit, mut y, mut high) = (false, false, false);
    let mut look = |c: &[u8; 16]| {
        let (mut d, mut e, mut h) = (false, false, false);
        for &x in c {
            d |= x.wrapping_sub(b'0') < 10;
            // Only 'y' and 'Y' OR 0x20 give 'y'.
            e |= x | 0x20 == b'y';
            h |= x >= 0x80;
        }
        digit |= d;
        y |= e;
        high |= h;
    };
    let mut chunks = b.chunks_exact(16);
    for c in chunks.by_ref() {
        let mut a = [0u8; 16];
        a.copy_from_slice(c);
        look(&a);
    }
    if !chunks.remainder().is_empty() {
        let mut a = [0u8; 16];
        match b.len().checked_sub(16) {
            Some(from) => a.copy_from_slice(&b[from..]),
            None => a[..b.len()].copy_from_slice(b),
        }
        look(&a);
    }
    Held { digit, y, high }
}

/// Whether `b` holds an ASCII digit: 8 bytes at a time as one word (most
/// lines are short: the old byte fold over the last 15 bytes cost more
/// than the rest). Each byte below 0x80 is tested in its own lane with
/// no carry into the next: its low 7 bits plus 0x50 set the lane's top
/// bit when it is at least '0', plus 0x46 when it is past '9'.
pub(super) fn has_ascii_digit(b: &[u8]) -> bool {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const TOP: u64 = 0x8080_8080_8080_8080;
    let digits = |w: u64| {
        let x = w & LOW;
        x.wrapping_add(0x5050_5050_5050_5050) & !x.wrapping_add(0x4646_4646_4646_4646) & !w & TOP
    };
    if b.len() < 8 {
        // Zero bytes are no digits: a short line is one word.
        return digits(super::word8::head(b)) != 0;
    }
    let mut chunks = b.chunks_exact(8);
    if chunks.by_ref().any(|c| digits(super::word8::head(c)) != 0) {
        return true;
    }
    // The last 8 bytes hold the remainder (some bytes looked at twice).
    !chunks.remainder().is_empty() && digits(super::word8::tail(b)) != 0
}

/// `is_date_line` of line `i`, its text's part worked out once per
/// distinct text (`said` numbers them, and keeps the answers for every
/// pass of the page): a thread's lines repeat ("Reply", "2 hours ago",
/// "Like"), and a text is dated or not wherever it is said.
pub(crate) fn dated(page: &Page, said: &Said, i: usize) -> bool {
    // A line too long for a header (most) is told by its word count,
    // as `is_date_line` tells it first: no text number or cell read.
    let Some(b) = page
        .blocks
        .get(i)
        .filter(|b| b.features.words <= HEADER_WORDS)
    else {
        return false;
    };
    said.dated_text(i, || date_text(&b.text))
}

/// Where a comment thread starts within `range`, after `from` (the end of
/// the article's first run of paragraphs): the line after the last
/// paragraph before the first comment's date. `None` without a thread.
/// `said` counts the page's lines.
pub fn start(
    page: &Page,
    said: &Said,
    prose: &[bool],
    from: usize,
    range: (usize, usize),
) -> Option<usize> {
    let dated = |i: usize| dated(page, said, i);
    let dates: Vec<usize> = (from.max(range.0)..range.1).filter(|&i| dated(i)).collect();
    // Whether the k-th date is followed by some text, asked once per date
    // (a date is in up to `MIN_COMMENTS` windows): 0 not yet asked.
    let mut followed = vec![0u8; dates.len()];
    let mut followed_at = |k: usize| {
        if followed[k] == 0 {
            let d = dates[k];
            let yes = (d + 1..page.blocks.len())
                .take(3)
                .any(|j| page.blocks[j].features.words >= 5 && !dated(j));
            followed[k] = 1 + u8::from(yes);
        }
        followed[k] == 2
    };
    // Comments: dates a few lines apart, each followed by some text.
    let first = (0..dates.len().saturating_sub(MIN_COMMENTS - 1))
        .find(|&s| {
            let w = &dates[s..s + MIN_COMMENTS];
            w.windows(2)
                .all(|p| p[1] - p[0] <= MAX_GAP && p[1] - p[0] >= 2)
                && (s..s + MIN_COMMENTS).all(&mut followed_at)
        })
        .map(|s| dates[s])?;
    // A forum dates its first post like the replies: the whole thread is
    // the content there.
    // Shaped only when the opening has a dated line (most have none).
    let mut shapes: Option<Vec<Vec<u8>>> = None;
    let opening = range.0.saturating_sub(OPENING_REACH)..from.min(first);
    if opening.filter(|&i| dated(i)).any(|i| {
        shapes
            .get_or_insert_with(|| dates.iter().map(|&d| shape(&page.blocks[d].text)).collect())
            .contains(&shape(&page.blocks[i].text))
    }) {
        return None;
    }
    // The thread's heading, count and the first author belong to it.
    let last_prose = prose[..first].iter().rposition(|&p| p)?;
    // Between the article and the thread: a comments heading or count.
    if last_prose < from || !page.blocks[last_prose + 1..first].iter().any(heading) {
        return None;
    }
    Some(last_prose + 1)
}

/// Lines at most between a thread's heading and its first dated header.
const HEADING_REACH: usize = 3;

/// Where the comment thread that the region `range` opens with starts:
/// the region begins among comments (dated headers a few lines apart from
/// its first lines on), and back from there the thread runs on to a
/// comments heading. Returns that heading's line. `None` when the region
/// does not open with a thread, or no heading names one (a forum's posts
/// are the page's content). `said` counts the page's lines.
pub fn opened_at(page: &Page, said: &Said, range: (usize, usize)) -> Option<usize> {
    let (a, z) = range;
    let n = page.blocks.len().min(z);
    // Only the region's first lines are looked at: most regions open with
    // no date, and the rest of the page is not searched for one.
    let early: Vec<usize> = (a..n.min(a + MAX_GAP))
        .filter(|&i| dated(page, said, i))
        .collect();
    if early.len() < 2 || early[0] > a + HEADING_REACH {
        return None;
    }
    let dates: Vec<usize> = (early[0]..n.min(early[0] + MAX_GAP * MIN_COMMENTS))
        .filter(|&i| dated(page, said, i))
        .collect();
    let posts = dates.windows(MIN_COMMENTS).next().is_some_and(|w| {
        w.windows(2)
            .all(|p| p[1] - p[0] <= MAX_GAP && p[1] - p[0] >= 2)
    });
    if !posts {
        return None;
    }
    // Back to the thread's first header: dated lines at most MAX_GAP
    // lines apart.
    let mut first = early[0];
    while let Some(d) = (first.saturating_sub(MAX_GAP)..first.saturating_sub(1))
        .rev()
        .find(|&i| dated(page, said, i))
    {
        first = d;
    }
    (first.saturating_sub(HEADING_REACH)..first).find(|&i| heading(&page.blocks[i]))
}

/// A line that only heads a comment section ("Discussion about this
/// post", "Leave a Reply", "3 thoughts on “Title”", "12 Comments"): the
/// whole line says so, not a word in a subheading.
static THREAD_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(\d+\s+)?(comments?|replies|discussion( about this (post|article|story))?|leave a (reply|comment)|join the (discussion|conversation)|add (a|your) comment|post a comment|reader comments|show comments|view comments|\d+ thoughts on .+)\s*:?$",
    )
    .expect("thread heading pattern compiles")
});

/// Whether `THREAD_HEADING` matches `text`. Its match opens the line
/// with a digit or with the first two letters of one of its phrases, in
/// either case; the only other characters that can open it are not ASCII
/// (a digit of another script, the long s that folds to 's'), and no
/// character but ASCII ones folds to the second letters. Most lines open
/// otherwise and are not searched.
fn thread_heading(text: &str) -> bool {
    let b = text.as_bytes();
    let may_open = match b.first() {
        None => false,
        Some(c) if !c.is_ascii() || c.is_ascii_digit() => true,
        Some(_) => {
            let two = [b[0], b.get(1).copied().unwrap_or(0)].map(|c| c.to_ascii_lowercase());
            matches!(
                &two,
                b"co" | b"re" | b"di" | b"le" | b"jo" | b"ad" | b"po" | b"sh" | b"vi"
            )
        }
    };
    may_open && THREAD_HEADING.is_match(text)
}

/// Where the region `(a, z)` of an article should end: at a line that
/// heads a comment section after most of its prose, or `z`. Threads with
/// too few dated comments for `start` (two comments, ages like "4d") still
/// open with such a heading. The line must be the only one of its text
/// on the page.
pub fn heading_cut(
    page: &Page,
    said: &super::text_region::Said,
    prose: &[bool],
    (a, z): (usize, usize),
) -> usize {
    // Comments close an article; on a forum or a Q&A page the posts after
    // such a heading are most of the text (`closing_lines`).
    for i in super::text_region::closing_lines(page, prose, (a, z)) {
        let b = &page.blocks[i];
        if !prose[i]
            && b.features.words <= COUNT_HEADING_WORDS
            // A heading is said once; a "Comment" button under every
            // teaser of a listing is said again and again. (Asked before
            // the pattern: a count costs less than a search.)
            && said.times(i) == 1
            && thread_heading(b.text.trim())
            && !article_goes_on(page, i)
        {
            return i;
        }
    }
    z
}

/// Whether the lines after the comments-like heading `i` go on in the
/// article's voice: a paper's or a report's own "Discussion" is followed at
/// once by a long paragraph, with no commenter's dated header among the
/// next lines. A real thread opens with a name, a date or a form's prompt.
pub(crate) fn article_goes_on(page: &Page, i: usize) -> bool {
    let n = page.blocks.len();
    page.blocks
        .get(i + 1)
        .is_some_and(|b| b.features.words >= GOES_ON_WORDS)
        && !(i + 1..n.min(i + 1 + GOES_ON_REACH)).any(|j| is_date_line(page, j))
}

/// Words at least in the paragraph right after a heading that goes on
/// with the article: longer than most comments' first lines.
const GOES_ON_WORDS: u32 = 60;
/// Lines after such a heading searched for a commenter's dated header:
/// the paragraph and a signature's name and date after it ("Great
/// post...", "Jane", "March 3, 2024").
const GOES_ON_REACH: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    /// The word patterns built without a prefilter match as built by
    /// `regex`.
    #[test]
    fn word_patterns_are_the_regex_ones() {
        crate::classify::testgen::assert_words_pattern(COMMENTS_PATTERN);
    }

    /// `thread_heading` answers as `THREAD_HEADING` does: each heading the
    /// pattern knows, and lines made of it with any character before or
    /// in place of its first one.
    #[test]
    fn thread_heading_is_the_pattern() {
        let heads = [
            "Comments",
            "comment",
            "12 Replies",
            "3 thoughts on “Title”",
            "Discussion about this post",
            "Leave a Reply",
            "join the conversation:",
            "Add your comment",
            "Post a comment",
            "Reader comments",
            "SHOW COMMENTS",
            "View comments",
            "\u{17f}how comments",
            "٣ comments",
            "",
            "x",
        ];
        // No character but ASCII ones folds to the first letters (other
        // than 's') or to the second ones.
        crate::classify::testgen::assert_letters_fold_to_ascii_only("crdljapvoeih");
        let mut n = 0;
        for h in heads {
            let tail: String = h.chars().skip(1).collect();
            let first: String = h.chars().take(1).collect();
            let rest: String = h.chars().skip(2).collect();
            for c in (0..0x250u32).chain([0x17f, 0x212a, 0x663, 0x966, 0xff11]) {
                let Some(c) = char::from_u32(c) else { continue };
                for t in [
                    format!("{c}{h}"),
                    format!("{c}{tail}"),
                    format!("{c} {h}"),
                    format!("{first}{c}{rest}"),
                ] {
                    assert_eq!(thread_heading(&t), THREAD_HEADING.is_match(&t), "{t:?}");
                    n += usize::from(THREAD_HEADING.is_match(&t));
                }
            }
            assert_eq!(thread_heading(h), THREAD_HEADING.is_match(h), "{h:?}");
        }
        // The lines tried hold many headings, not only misses.
        assert!(n > 100, "{n}");
    }

    /// `date_match` may ask the ASCII pattern of a line only when its
    /// other characters are ones neither pattern can match or count as
    /// part of a word.
    #[test]
    fn date_neutral_characters_match_nothing_of_the_pattern() {
        let unicode = Regex::new(r"^(?i:\w|\s|\d|[a-z])$").unwrap();
        let mut buf = [0u8; 4];
        let neutral: Vec<char> = (0x80..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| date_neutral(c))
            .collect();
        assert!(neutral.len() > 40);
        for c in neutral {
            assert!(!unicode.is_match(c.encode_utf8(&mut buf)), "{c:?}");
        }
        for t in [
            "May 3, 2024 · 5 min read",
            "May 3,\u{a0}2024",
            "Posted 2 hours ago — reply",
            "12:30 pm – edited",
            "« 18.11.2019 »",
            "yesterday at 9:15",
            "Today at noon",
            "ſep 3, 2024 · x",
            "\u{212a}3:30",
            "é12:30 — x",
            "2 days ago…",
            "1/2/2020™",
            "—3 weeks ago",
            "x3:30’",
            "3:30’s",
            "abc 12 days agoé",
        ] {
            assert_eq!(date_match(t), DATE_LINE.is_match(t), "{t:?}");
            if t.chars().all(|c| c.is_ascii() || date_neutral(c)) {
                assert_eq!(DATE_LINE_ASCII.is_match(t), DATE_LINE.is_match(t), "{t:?}");
            }
        }
    }

    /// The form `dates_in` picks finds the dates `DATE_LINE` finds, and
    /// those `regex::Regex` finds with the pattern, at the same places
    /// (`shape` cuts the date out there): generated lines with dates,
    /// times, letters past ASCII and punctuation both forms pass by.
    #[test]
    fn dates_in_finds_what_the_date_pattern_finds() {
        let mut rng = crate::classify::testgen::rng(41);
        let extra = [
            " 2 hours ago",
            " Nov 18, 2019",
            " 7:45 pm",
            " 12.05.2021",
            " yesterday at",
            "3/4/99",
            " 10:30",
        ];
        let neutral = ["", " · ", "«", " — ", "°", "\u{2122}"];
        let (mut found, mut past_ascii) = (0, 0);
        // The pattern as `regex::Regex` builds it, as both forms were
        // before they went without a prefilter.
        let regex_date = Regex::new(DATE_PATTERN).unwrap();
        for k in 0..30000 {
            let mut line = crate::classify::testgen::line(&mut rng, 8);
            line.push_str(rng.pick(&neutral));
            if k % 2 == 0 {
                line.push_str(extra[k % extra.len()]);
                line.push_str(rng.pick(&neutral));
                line.push_str(&crate::classify::testgen::line(&mut rng, 3));
            }
            let want: Vec<(usize, usize)> = regex_date
                .find_iter(&line)
                .map(|m| (m.start(), m.end()))
                .collect();
            let unicode: Vec<(usize, usize)> = DATE_LINE
                .find_iter(&line)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(unicode, want, "{line:?}");
            let dates = dates_in(&line);
            let got: Vec<(usize, usize)> = dates
                .find_iter(&line)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(got, want, "{line:?}");
            found += want.len();
            past_ascii += usize::from(!line.is_ascii() && std::ptr::eq(dates, &*DATE_LINE_ASCII));
        }
        assert!(found > 2000, "{found}");
        assert!(past_ascii > 2000, "{past_ascii}");
    }

    /// `dated` answers per text what `is_date_line` answers per line, in
    /// any order: generated pages whose lines (dates among them) are said
    /// again and again.
    #[test]
    fn dated_answers_per_text_as_each_line_does() {
        let mut rng = crate::classify::testgen::rng(13);
        let mut dated = 0;
        for _ in 0..300 {
            let pool: Vec<String> = (0..1 + rng.below(12))
                .map(|k| {
                    let l = crate::classify::testgen::line(&mut rng, 6);
                    match k % 4 {
                        0 => format!("{l} 2 hours ago"),
                        1 => format!("— {l} 7:45"),
                        _ => l,
                    }
                })
                .collect();
            let page = crate::classify::testgen::page_from(&mut rng, &pool, 40);
            let said = Said::new(&page);
            let n = page.blocks.len();
            for _ in 0..3 * n {
                let i = rng.below(n);
                assert_eq!(super::dated(&page, &said, i), is_date_line(&page, i), "{i}");
                dated += usize::from(super::dated(&page, &said, i));
            }
        }
        assert!(dated > 500, "{dated}");
    }

    /// `may_be_dated` as it was: a search per branch (the byte tests of
    /// one place, `digit_at` and the like, are the same).
    fn may_be_dated_plain(text: &str) -> bool {
        let b = text.as_bytes();
        let held = byte_classes(b);
        let day = || held.y && has_day(b);
        if !has_digit(text, &held) {
            return day();
        }
        // A month's date ends in a year, "19" or "20" and two digits.
        let year = || {
            memchr::memchr2_iter(b'1', b'2', b)
                .any(|i| b.get(i + 1) == Some(if b[i] == b'1' { &b'9' } else { &b'0' }))
        };
        day()
            // "7:45": a digit before the ':' and after it.
            || memchr::memchr_iter(b':', b)
                .any(|i| i > 0 && digit_at(b, i - 1) && digit_at(b, i + 1))
            // "18.11.2019": two separators, each between digits.
            || memchr::memchr3_iter(b'.', b'/', b'-', b)
                .filter(|&i| i > 0 && digit_at(b, i - 1) && digit_at(b, i + 1))
                .nth(1)
                .is_some()
            // Case folding lets 'ſ' stand for the 's' of "sep".
            || held.high && text.contains('ſ')
            // "2 days ago".
            || memchr::memchr2_iter(b'g', b'G', b).any(|i| ago_at(b, i))
            || year() && has_month(b)
    }

    /// `may_be_dated` answers as the search per branch did, on generated
    /// lines, lines of date pieces, and each byte at each place of short
    /// lines of digits and separators.
    #[test]
    fn one_walk_answers_as_a_search_per_branch() {
        let mut rng = crate::classify::testgen::rng(31);
        let (mut yes, mut no) = (0, 0);
        for k in 0..60000 {
            let mut line = crate::classify::testgen::line(&mut rng, 10);
            if k % 3 == 0 {
                line.push_str(
                    [
                        " ago", " Nov", "MAY 19", " 20", "sep", "Aug.", "1:2", "3/4-5",
                    ][k % 8],
                );
            }
            let want = may_be_dated_plain(&line);
            assert_eq!(may_be_dated(&line), want, "{line:?}");
            yes += usize::from(want);
            no += usize::from(!want);
        }
        assert!(yes > 1000 && no > 1000, "{yes} {no}");
        let bytes = [
            b'1', b'9', b'2', b'0', b':', b'.', b'/', b'-', b'g', b'G', b'a', b'o', b'y', b'd',
            b' ', b'x', 0xC2, 0xA0,
        ];
        for n in 1..=5 {
            let mut idx = vec![0usize; n];
            loop {
                let line: Vec<u8> = idx.iter().map(|&k| bytes[k]).collect();
                if let Ok(t) = std::str::from_utf8(&line) {
                    assert_eq!(may_be_dated(t), may_be_dated_plain(t), "{t:?}");
                }
                let mut p = 0;
                while p < n && idx[p] + 1 == bytes.len() {
                    idx[p] = 0;
                    p += 1;
                }
                if p == n {
                    break;
                }
                idx[p] += 1;
            }
        }
    }

    /// The padded walk answers as the walk byte by byte (the year only
    /// where nothing was hit: the walk stops there): generated lines,
    /// and date pieces set at every place of lines as long as one step
    /// or several, up to the longest line it walks.
    #[test]
    fn padded_walk_answers_as_the_walk_byte_by_byte() {
        let (mut hits, mut years, mut misses, mut long) = (0, 0, 0, 0);
        let mut check = |b: &[u8]| {
            let (got, want) = (branch_bytes_padded(b), branch_bytes(b));
            assert_eq!(got.0, want.0, "{:?}", String::from_utf8_lossy(b));
            if !want.0 {
                assert_eq!(got.1, want.1, "{:?}", String::from_utf8_lossy(b));
            }
            hits += usize::from(want.0);
            years += usize::from(!want.0 && want.1);
            misses += usize::from(!want.0);
            long += usize::from(b.len() > WALK);
        };
        let mut rng = crate::classify::testgen::rng(43);
        for k in 0..20000 {
            let mut line = crate::classify::testgen::line(&mut rng, 12);
            if k % 2 == 0 {
                line.push_str(rng.pick(&[" 2 days ago", " 7:45", "1.2.3", " 2019", "day "]));
            }
            if line.len() <= PADDED_MAX {
                check(line.as_bytes());
            }
        }
        let pieces: [&[u8]; 12] = [
            b"7:4",
            b"1.2/3",
            b"3-4",
            b" ago",
            b"xAGo",
            b"day ",
            b"DaY\t",
            b"19",
            b"20",
            b"\xC2\xA0ago",
            b"9:",
            b"2",
        ];
        for len in [1, 2, 3, 4, 30, 31, 32, 33, 34, 35, 63, 64, 65, 66, 255, 256] {
            for piece in pieces {
                if piece.len() > len {
                    continue;
                }
                for at in 0..=len - piece.len() {
                    for fill in [b'x', b'5', b' '] {
                        let mut line = vec![fill; len];
                        line[at..at + piece.len()].copy_from_slice(piece);
                        check(&line);
                    }
                }
            }
        }
        assert!(
            hits > 1000 && years > 1000 && misses > 1000 && long > 1000,
            "{hits} {years} {misses} {long}"
        );
    }

    /// `may_be_dated` may skip the regex only for lines it cannot match:
    /// under case folding no other character stands for the letters it
    /// looks for in ASCII lines.
    #[test]
    fn prefilter_letters_fold_to_ascii_only() {
        crate::classify::testgen::assert_letters_fold_to_ascii_only("dayjnfebmrpulgcotv");
    }

    /// `byte_classes` says what a byte-by-byte look says: every byte at
    /// every place of lines of every length to past two chunks, and
    /// generated lines.
    #[test]
    fn byte_classes_are_the_bytes_looked_at_one_by_one() {
        let check = |b: &[u8]| {
            let h = byte_classes(b);
            assert_eq!(h.digit, b.iter().any(u8::is_ascii_digit), "{b:?}");
            assert_eq!(h.y, b.iter().any(|&c| c == b'y' || c == b'Y'), "{b:?}");
            assert_eq!(h.high, b.iter().any(|&c| c >= 0x80), "{b:?}");
        };
        for n in 0..=35 {
            for at in 0..n {
                for c in 0..=255u8 {
                    for fill in [b'a', b'/', b':', b'x', b'Z', 0, 0x7f, b' '] {
                        let mut line = vec![fill; n];
                        line[at] = c;
                        check(&line);
                    }
                }
            }
        }
        let mut rng = crate::classify::testgen::rng(17);
        for _ in 0..20000 {
            check(crate::classify::testgen::line(&mut rng, 10).as_bytes());
        }
    }

    /// Every byte value at every place of lines of every length up to
    /// 40, among fillers next to the digits' range ('/', ':', bytes of
    /// 0x80 up whose low bits are a digit's): the word test answers as
    /// the byte test does, and both answers are reached.
    #[test]
    fn word_digit_test_answers_as_the_byte_test() {
        let mut seen = [0usize; 2];
        for fill in [b'a', b'/', b':', 0xB0, 0xB9, 0xFF, 0x00] {
            for n in 0..=40usize {
                let mut line = vec![fill; n];
                assert_eq!(has_ascii_digit(&line), line.iter().any(u8::is_ascii_digit));
                for at in 0..n {
                    for c in 0..=255u8 {
                        line[at] = c;
                        let want = line.iter().any(u8::is_ascii_digit);
                        assert_eq!(has_ascii_digit(&line), want, "{line:?}");
                        seen[usize::from(want)] += 1;
                    }
                    line[at] = fill;
                }
            }
        }
        assert!(seen.iter().all(|&k| k > 0), "{seen:?}");
    }

    /// `dated`, which tells a long line by its word count before it reads
    /// its cell, answers as `is_date_line` of each line, asked twice, on
    /// generated pages of date pieces; dated lines, short undated ones
    /// and lines too long for a header are reached.
    #[test]
    fn dated_answers_as_each_line_worked_out() {
        let mut rng = crate::classify::testgen::rng(67);
        let mut reached = [0usize; 3];
        for _ in 0..300 {
            let page = crate::classify::testgen::pooled_page(&mut rng, 16);
            let said = Said::new(&page);
            for _ in 0..2 {
                for (i, b) in page.blocks.iter().enumerate() {
                    let want = is_date_line(&page, i);
                    assert_eq!(dated(&page, &said, i), want, "{:?}", b.text.as_str());
                    let long = b.features.words > HEADER_WORDS;
                    reached[usize::from(want) + 2 * usize::from(long)] += 1;
                }
            }
        }
        assert!(reached.iter().all(|&k| k > 0), "{reached:?}");
    }

    #[test]
    fn digits_are_found_wherever_they_are() {
        let mut line = [b'a'; 40];
        assert!(!has_ascii_digit(&line));
        for i in 0..line.len() {
            line[i] = b'7';
            for n in 0..=line.len() {
                assert_eq!(has_ascii_digit(&line[..n]), i < n, "{i} {n}");
            }
            line[i] = b'a';
        }
    }

    #[test]
    fn lines_the_date_pattern_matches_pass_the_prefilter() {
        let dated = [
            "2 hours ago",
            "5 MINS AGO",
            "Yesterday at 7:45",
            "TODAY AT noon",
            "yesterday\tat",
            "Nov 18, 2019",
            "SEPT. 3 2001",
            "posted 10:30 pm",
            "12.05.2021",
            "1/2/99",
            "3-4-2020 by Ann",
            "٣ days ago",
            "posted ٠٣:٤٥",
            "ſep 3, 2001",
            "Août 3 — 12.05.2021",
        ];
        for line in dated {
            assert!(DATE_LINE.is_match(line), "{line:?}");
            assert!(may_be_dated(line), "{line:?}");
        }
        for line in [
            "Reply",
            "Posted by Anna",
            "Share this story",
            "Ünïcödé ohne Ziffer",
            "410 posts",
            "Page 2 of 3",
            "$12.50",
            // A "day" or a separator with no space or digits where a date
            // has them.
            "Sundays 2",
            "Edited: 3 times",
            "v2.0 - 3 notes",
            // A month's name with no year, "ago" inside a word.
            "Mar 5 market",
            "Chicago 3",
        ] {
            assert!(!DATE_LINE.is_match(line), "{line:?}");
            assert!(!may_be_dated(line), "{line:?}");
        }
    }

    /// Generated lines (words, numbers, dates, other than ASCII): every
    /// one the regex matches passes the prefilter, and the prefilter
    /// rules out most of the others.
    #[test]
    fn prefilter_passes_every_generated_dated_line() {
        let mut rng = crate::classify::testgen::rng(29);
        let (mut dated, mut passed) = (0, 0);
        for k in 0..40000 {
            let mut line = crate::classify::testgen::line(&mut rng, 8);
            if k % 3 == 0 {
                line.push_str([" ago", " Nov", "MAY 19", " 20", "sep", "Aug."][k % 6]);
            }
            let m = DATE_LINE.is_match(&line);
            let p = may_be_dated(&line);
            assert!(!m || p, "{line:?}");
            dated += usize::from(m);
            passed += usize::from(p);
        }
        assert!(dated > 1000 && passed < 40000, "{dated} {passed}");
    }

    /// Lines built from pieces of dates and other words: every one the
    /// regex matches passes the prefilter.
    #[test]
    fn prefilter_never_skips_a_dated_line() {
        let pieces = [
            "3",
            "12",
            "2019",
            "٣",
            "hours",
            "Day",
            "ago",
            "AGO",
            "at",
            "Yesterday",
            "Today",
            "Sept.",
            "nov",
            "MAY",
            ",",
            ":",
            "30",
            "pm",
            ".",
            "/",
            "-",
            "05",
            "Reply",
            "ſep",
            "é",
            "\u{a0}",
            "Août",
            "١٢",
            "\u{2009}",
            "20",
            "19",
            "1999",
            "x",
        ];
        let mut line = String::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for sep in ["", " "] {
                        line.clear();
                        for p in [a, sep, b, sep, c] {
                            line.push_str(p);
                        }
                        if DATE_LINE.is_match(&line) {
                            assert!(may_be_dated(&line), "{line:?}");
                        }
                    }
                }
            }
        }
    }
}
