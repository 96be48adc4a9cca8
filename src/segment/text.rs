//! Text whose HTML is gone -> blocks, one per non-empty line.

use super::block::{Block, BlockKind, Page};
#[cfg(test)]
use super::block_text::BlockText;
use super::block_text::PageTexts;
use super::features::{self, TextStats};
use std::borrow::Cow;
use std::sync::Arc;

/// `SPACING` per byte: 1 for a space, 2 for the other ASCII whitespace
/// (tab, line feed, vertical tab, form feed, carriage return), 3 for the
/// first byte of a multi-byte character that may be whitespace (U+0085,
/// U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000
/// all start with one of C2, E1, E2, E3).
static SPACING: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = 1;
    t[b'\t' as usize] = 2;
    t[b'\n' as usize] = 2;
    t[0x0b] = 2;
    t[0x0c] = 2;
    t[b'\r' as usize] = 2;
    t[0xc2] = 3;
    t[0xe1] = 3;
    t[0xe2] = 3;
    t[0xe3] = 3;
    t
};

/// Whether `t` is already what `collapse_whitespace` makes of it: no
/// whitespace but single spaces between other characters. Eight bytes at
/// a time where they are plain (ASCII, no control byte, no two spaces in
/// a row); byte by byte elsewhere, non-ASCII text included (the characters
/// that start like a Unicode space are looked at whole).
fn is_collapsed(t: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = t.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // High bit set in each byte below 0x20 (exact as to whether any
        // is: bytes from 0x80 up are masked off).
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        // High bit set in each space byte, exactly.
        let y = x ^ (ONES * b' ' as u64);
        let spaces = !((y & !HIGH).wrapping_add(!HIGH) | y | !HIGH);
        // A space followed by a space, here or across the last chunk.
        let pairs = (spaces & (spaces >> 8)) | (spaces & if prev_space { 0x80 } else { 0 });
        if control | (x & HIGH) | pairs == 0 {
            prev_space = spaces >> 63 != 0;
            i += 8;
            continue;
        }
        if !collapsed_bytes(t, i, i + 8, &mut prev_space) {
            return false;
        }
        i += 8;
    }
    collapsed_bytes(t, i, b.len(), &mut prev_space)
}

/// `is_collapsed` over the bytes `t[s..e]`, byte by byte (`s` is on a
/// character boundary or inside a character whose first byte was looked
/// at), `prev_space`: whether the byte before was a space.
fn collapsed_bytes(t: &str, s: usize, e: usize, prev_space: &mut bool) -> bool {
    let b = t.as_bytes();
    for i in s..e {
        match SPACING[b[i] as usize] {
            0 => *prev_space = false,
            1 => {
                if *prev_space {
                    return false;
                }
                *prev_space = true;
            }
            2 => return false,
            _ => {
                // A lead byte: `i` is on a character boundary.
                if t.get(i..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_whitespace)
                {
                    return false;
                }
                *prev_space = false;
            }
        }
    }
    true
}

/// Runs of whitespace made one space, ends trimmed (case kept): what
/// `split_whitespace` joined with spaces gives, without the allocations
/// when there is nothing to do.
pub fn collapse_whitespace(t: &str) -> String {
    // Usually there is nothing to collapse: plain spaces, one at a time.
    if is_collapsed(t) {
        return t.to_string();
    }
    let mut out = String::with_capacity(t.len());
    push_collapsed(t, &mut out);
    out
}

/// Append `collapse_whitespace(t)` to `out`.
fn push_collapsed(t: &str, out: &mut String) {
    for (i, w) in t.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// The non-empty lines of a text, as `(from, to)`: `to` is the line feed
/// that ends the line, or the text's end. Found from a bit mask per 64
/// bytes of where the bytes turn from line feed to not and back (a line
/// feed is assumed before the text): those edges alternate, a line's
/// start then its end, so the empty lines (a third of all lines on web
/// text) take no step and no branch of their own. A search call per line
/// (memchr's) paid its setup on every line, and most lines are short.
struct Lines<'a> {
    b: &'a [u8],
    /// Where the next 64 bytes start.
    next: usize,
    /// Edges of the 64 bytes before `next`, bit i for byte i.
    mask: u64,
    /// Whether the byte before `next` is a line feed (true before the
    /// text).
    feed: bool,
}

impl<'a> Lines<'a> {
    fn new(b: &'a [u8]) -> Self {
        Lines {
            b,
            next: 0,
            mask: 0,
            feed: true,
        }
    }

    /// The next edge: where a line starts or ends.
    #[inline(always)]
    fn edge(&mut self) -> Option<usize> {
        while self.mask == 0 {
            let rest = self.b.get(self.next..).filter(|r| !r.is_empty())?;
            let n = rest.len().min(64);
            let feeds = match rest.first_chunk::<64>() {
                Some(w) => line_feeds64(w),
                None => line_feeds_bytewise(rest),
            };
            let before = (feeds << 1) | self.feed as u64;
            self.mask = (feeds ^ before) & features::below(n);
            self.feed = (feeds >> (n - 1)) & 1 != 0;
            self.next += 64;
        }
        let i = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.next - 64 + i)
    }
}

impl Iterator for Lines<'_> {
    type Item = (usize, usize);

    // Always: left to itself, the compiler inlines it or not with the
    // split into codegen units, and a call per line costs 0.7% of text
    // input's instructions.
    #[inline(always)]
    fn next(&mut self) -> Option<(usize, usize)> {
        let from = self.edge()?;
        // No edge left: the line runs to the text's end.
        let to = self.edge().unwrap_or(self.b.len());
        Some((from, to))
    }
}

/// Bit i set for each line feed at byte i of `b` (at most 64 bytes).
fn line_feeds_bytewise(b: &[u8]) -> u64 {
    b.iter()
        .take(64)
        .enumerate()
        .fold(0, |m, (i, &c)| m | (((c == b'\n') as u64) << i))
}

/// `line_feeds_bytewise` of 64 bytes, sixteen at a time with SSE2.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn line_feeds64(b: &[u8; 64]) -> u64 {
    use std::arch::x86_64::*;
    let mut m = 0;
    for k in 0..4 {
        // SAFETY: SSE2 is enabled for the build (the `cfg` above); the
        // load reads bytes 16k..16k+16 of the 64 `b` holds.
        let bits = unsafe {
            let v = _mm_loadu_si128(b.as_ptr().add(16 * k).cast::<__m128i>());
            _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'\n' as i8)))
        };
        m |= (bits as u16 as u64) << (16 * k);
    }
    m
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn line_feeds64(b: &[u8; 64]) -> u64 {
    line_feeds_bytewise(b)
}

/// Where a block's text lies (`from..to`), and what is known of it before
/// its `Block` is made.
struct Line {
    from: usize,
    to: usize,
    kind: BlockKind,
    /// The text is the line's own, in the page; else its white space
    /// needed collapsing, and the collapsed text is in the page's second
    /// buffer.
    as_is: bool,
    /// The text ends a sentence (`features::is_sentence_end`): told while
    /// its bytes are at hand, not read again as its block is made.
    ends: bool,
}

/// A line's kind and its text: text from a Markdown source keeps its
/// heading marks as a hint (`## Title`: a heading of level 2, `Title`).
fn heading_marks(t: &str) -> (BlockKind, &str) {
    match t.strip_prefix('#') {
        Some(rest) if rest.starts_with(['#', ' ']) => {
            let level = 1 + rest.chars().take_while(|&c| c == '#').count();
            (
                BlockKind::Heading(level.min(6) as u8),
                rest.trim_start_matches('#').trim(),
            )
        }
        _ => (BlockKind::Line, t),
    }
}

/// `segment_shared` of a copy of `text`.
pub fn segment(text: &str) -> Page {
    segment_shared(&Arc::from(text))
}

/// The blocks of `text`; those whose line is kept as it is hold a piece
/// of `text`, not a copy (see `BlockText`).
pub fn segment_shared(text: &Arc<str>) -> Page {
    #[cfg(target_arch = "x86_64")]
    if features::wide() {
        // SAFETY: the CPU has the features `segment_avx2` is built for.
        return unsafe { segment_avx2(text) };
    }
    segment_body::<false>(text)
}

/// `segment` built for CPUs with AVX2 (see `features::wide`): the scan of
/// each line is inlined into the loop over them, not called.
///
/// # Safety
/// The CPU must have the features enabled here.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,bmi1,bmi2,popcnt,lzcnt")]
unsafe fn segment_avx2(text: &Arc<str>) -> Page {
    segment_body::<true>(text)
}

/// `segment`; `WIDE`: only from `segment_avx2` (see
/// `features::line_stats_wide`).
#[inline(always)]
fn segment_body<const WIDE: bool>(page: &Arc<str>) -> Page {
    let text: &str = page;
    // The lines with a word first, their stats written where they are kept
    // (see `features::scan`); then the blocks, made in place, each with its
    // text and features: a `Block` pushed one at a time was built on the
    // stack and copied at once, read back before its stores were done (a
    // stall per line), and its features were filled in by one more pass.
    // Room for a line with a word per 16 bytes (they average about 60 on
    // web text): seldom regrown, without counting the line feeds first.
    // Per 32, a page in six had more (short lines), and regrew both.
    let guess = text.len() / 16 + 8;
    let mut lines: Vec<Line> = Vec::with_capacity(guess);
    let mut stats: Vec<TextStats> = Vec::with_capacity(guess);
    // The texts of the lines whose white space is collapsed, one after the
    // other: one buffer for all, shared as the page is.
    let mut collapsed_texts = String::new();
    // The non-empty lines, cut at line feeds (`Lines`: `str::lines` takes
    // a call per line); a carriage return before one is trimmed below, as
    // is all white space at the ends.
    for (from, end) in Lines::new(text.as_bytes()) {
        let line = text.get(from..end).unwrap_or("");
        // Most lines start and end with a printable ASCII byte: nothing to
        // trim, no call.
        let printable = |b: &u8| (0x21..0x7f).contains(b);
        let t = match line.as_bytes() {
            [f, .., l] if printable(f) && printable(l) => line,
            _ => line.trim(),
        };
        // Most lines hold no heading marks: one byte tells, without a call.
        let (kind, t) = match t.as_bytes().first() {
            Some(b'#') => heading_marks(t),
            _ => (BlockKind::Line, t),
        };
        // The line's features, and whether its white space needs
        // collapsing, in one pass over it; `t` lies in `text`: the scan
        // may read the page past it.
        let at = (t.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        let room = text.as_bytes().get(at..).unwrap_or_default();
        stats.push(TextStats::default());
        let Some(st) = stats.last_mut() else { continue };
        let collapsed = if WIDE {
            // SAFETY: only `segment_avx2` runs `segment_body::<true>`: the
            // CPU has the features, and the caller is built for them.
            unsafe { features::line_stats_wide(t, room, st) }
        } else {
            features::line_stats_into(t, room, st)
        };
        // A line with no word (no letter or digit: `words` counts every
        // run of them) makes no block; told by the scan, not by a search
        // of its own ahead of it, which took a branch missed on about
        // every other line.
        if !st.has_word() {
            stats.pop();
            continue;
        }
        if collapsed {
            lines.push(Line {
                from: at,
                to: at + t.len(),
                kind,
                as_is: true,
                ends: features::is_sentence_end(t),
            });
        } else {
            // `collapsed` is exact: there is white space to collapse.
            let from = collapsed_texts.len();
            push_collapsed(t, &mut collapsed_texts);
            let c = collapsed_texts.get(from..).unwrap_or("");
            st.chars = c.chars().count() as u32;
            lines.push(Line {
                from,
                to: collapsed_texts.len(),
                kind,
                as_is: false,
                ends: features::is_sentence_end(c),
            });
        }
    }
    let collapsed_texts: Arc<str> = Arc::from(collapsed_texts);
    let lang = features::page_lang(&stats);
    let n = lines.len();
    // The blocks' handles on the page and on the collapsed texts, counted
    // at once for all (see `PageTexts`).
    let as_is = lines.iter().filter(|l| l.as_is).count();
    let mut pages = (
        PageTexts::new(page, as_is),
        PageTexts::new(&collapsed_texts, n - as_is),
    );
    let blocks = lines
        .iter()
        .zip(stats.iter())
        .enumerate()
        // `move`: the language and the count held in the closure, not
        // read back through references at every block (the blocks' stores
        // might have changed them, as far as the compiler knows).
        .map(move |(index, (l, st))| {
            let texts = if l.as_is { &mut pages.0 } else { &mut pages.1 };
            let text = texts.piece(l.from..l.to);
            // No links in text.
            let features = features::block_features(st, lang, 0, (index, n), l.ends, 0);
            Block {
                index,
                text,
                kind: l.kind,
                tag: Cow::Borrowed("line"),
                element: None,
                features,
            }
        })
        .collect();
    Page {
        blocks,
        ..Page::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_block_per_line_with_a_word_trimmed_and_collapsed() {
        let text = "Title line\r\n\r\n  indented  twice \n\t\u{a0}tab and nbsp\u{a0}\n\
                    ## Heading two\n---\n\u{3000}\nx\n#not heading\nlast line\r";
        let page = segment(text);
        let got: Vec<(&str, BlockKind)> = page
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("Title line", BlockKind::Line),
                ("indented twice", BlockKind::Line),
                ("tab and nbsp", BlockKind::Line),
                ("Heading two", BlockKind::Heading(2)),
                ("x", BlockKind::Line),
                ("#not heading", BlockKind::Line),
                ("last line", BlockKind::Line),
            ]
        );
        // Characters counted on the collapsed text.
        assert_eq!(page.blocks[1].features.chars, 14);
        assert_eq!(page.blocks[0].features.words, 2);
    }

    /// Both builds of `segment` (the AVX2 one where the CPU has it) make
    /// the same blocks, texts, kinds and features, on pages of random
    /// lines: ASCII and not, headings, white space to collapse, blank and
    /// wordless lines, lines of every length around the scan's pieces.
    #[test]
    fn both_builds_make_the_same_blocks() {
        const PARTS: &[&str] = &[
            "the",
            "The",
            "my",
            "Über",
            "café",
            "東京",
            "x",
            "9",
            "'",
            " ",
            "  ",
            "\t",
            "\r\n",
            "\n",
            "\n\n",
            "## ",
            "# ",
            "---",
            ".",
            "!",
            "?",
            "—",
            "\u{a0}",
            "\u{3000}",
            "because",
            "supercalifragilistic",
            "don't",
            "also.",
        ];
        let mut rng = crate::test_rng::XorShift::new(0x3C6E_F372_FE94_F82B);
        for _ in 0..400 {
            let n = rng.below(200);
            let page: String = (0..n).map(|_| rng.pick(PARTS)).collect();
            let show = |p: &Page| -> Vec<String> {
                p.blocks
                    .iter()
                    .map(|b| format!("{} {:?} {:?} {:?}", b.index, b.text, b.kind, b.features))
                    .collect()
            };
            let plain = show(&segment_body::<false>(&Arc::from(page.as_str())));
            assert_eq!(show(&segment(&page)), plain, "{page:?}");
        }
    }

    /// The blocks' texts and kinds are what the old form made, a `String`
    /// per block (each line cut at line feeds, trimmed, kept when it has a
    /// word, its Markdown heading marks taken off, its white space
    /// collapsed), on random pages; the texts that needed no collapsing
    /// are the page's own bytes, not copies.
    #[test]
    fn blocks_hold_what_a_string_per_line_held() {
        const PARTS: &[&str] = &[
            "word", "Über", "café", "東京", "9", " ", "  ", "\t", "\r\n", "\n", "\r", "## ", "# ",
            "#", "###### x", "####### ", "\u{a0}", "\u{3000}", "\u{2003}", "—", ".", "'", "\x0b",
            "\x0c", "\u{85}", "don't",
        ];
        // (text, kind, whether the line was kept as it is)
        let old_form = |text: &str| -> Vec<(String, BlockKind, bool)> {
            let mut out = Vec::new();
            for line in text.split('\n') {
                let t = line.trim();
                if !t.chars().any(char::is_alphanumeric) {
                    continue;
                }
                let (kind, t) = heading_marks(t);
                let c = collapse_whitespace(t);
                let as_is = c == t;
                out.push((c, kind, as_is));
            }
            out
        };
        let mut rng = crate::test_rng::XorShift::new(0x9E37_79B9_7F4A_7C15);
        for _ in 0..500 {
            let n = rng.below(120);
            let text: String = (0..n).map(|_| rng.pick(PARTS)).collect();
            let want = old_form(&text);
            let want_texts: Vec<(&str, BlockKind)> =
                want.iter().map(|(t, k, _)| (t.as_str(), *k)).collect();
            let page: Arc<str> = Arc::from(text.as_str());
            let shared = segment_shared(&page);
            // `segment` copies the page first, and gives the same.
            let copied = segment(&text);
            for got in [&shared, &copied] {
                let texts: Vec<(&str, BlockKind)> = got
                    .blocks
                    .iter()
                    .map(|b| (b.text.as_str(), b.kind))
                    .collect();
                assert_eq!(texts, want_texts, "{text:?}");
            }
            let in_page = page.as_bytes().as_ptr_range();
            for (b, (w, _, as_is)) in shared.blocks.iter().zip(&want) {
                assert_eq!(b.features.chars as usize, w.chars().count(), "{w:?}");
                // Not a copy exactly when the line is kept as it is.
                assert_eq!(in_page.contains(&b.text.as_ptr()), *as_is, "{w:?}");
                assert!(b.text.is_shared());
            }
        }
    }

    /// Each block's text, kind and features are what the plain form
    /// gives: the text cut at every line feed, each line trimmed, kept
    /// when it has a letter or a digit, its heading marks taken off and
    /// its white space collapsed, then `features::compute` run over the
    /// blocks made (a scan of each block's text, after segmenting), on
    /// random pages of ASCII and other text, control bytes, empty lines
    /// and lines of hundreds of bytes; both builds of `segment`.
    #[test]
    fn features_are_those_computed_after_segmenting() {
        use super::super::block::Features;
        const PARTS: &[&str] = &[
            "the",
            "The",
            "and",
            "I",
            "my",
            "Ich",
            "mein",
            "de",
            "été",
            "también",
            "não",
            "word",
            "Über",
            "café",
            "ação",
            "東京",
            "ひらがな",
            "한국어",
            "9",
            "42",
            "x",
            "'",
            "''",
            "don't",
            "'tis",
            "because",
            "supercalifragilistic",
            ".",
            ",",
            "!",
            "?",
            ";",
            ":",
            "。",
            "，",
            "、",
            "—",
            "’",
            "“",
            "…",
            " ",
            " ",
            " ",
            "  ",
            "\t",
            "\r\n",
            "\n",
            "\n",
            "\n\n",
            "\n\n\n",
            "\r",
            "## ",
            "# ",
            "#",
            "###### ",
            "---",
            "\x01",
            "\x1f",
            "\x7f",
            "\x0b",
            "\x0c",
            "\u{85}",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "\u{2028}",
            "\u{1f600}",
            "\u{10ffff}",
        ];
        let plain = |text: &str| -> Page {
            let mut page = Page::default();
            for line in text.split('\n') {
                let t = line.trim();
                if !t.chars().any(char::is_alphanumeric) {
                    continue;
                }
                let (kind, t) = heading_marks(t);
                page.blocks.push(Block {
                    index: page.blocks.len(),
                    text: BlockText::from(collapse_whitespace(t)),
                    kind,
                    tag: Cow::Borrowed("line"),
                    element: None,
                    features: Features::default(),
                });
            }
            features::compute(&mut page, &[]);
            page
        };
        let show = |p: &Page| -> Vec<String> {
            p.blocks
                .iter()
                .map(|b| {
                    format!(
                        "{} {:?} {:?} {:?} {}",
                        b.index, b.text, b.kind, b.features, b.tag
                    )
                })
                .collect()
        };
        let mut rng = crate::test_rng::XorShift::new(0x6A09_E667_F3BC_C908);
        let (mut wordless, mut long, mut collapsed, mut wide, mut blocks) = (0, 0, 0, 0, 0);
        for round in 0..600 {
            let n = rng.below(300);
            let mut text: String = (0..n).map(|_| rng.pick(PARTS)).collect();
            if round % 4 == 0 {
                // Long lines: the page's line feeds made spaces.
                text = text.replace('\n', " ");
            }
            let want = plain(&text);
            let page: Arc<str> = Arc::from(text.as_str());
            let got = segment_shared(&page);
            assert_eq!(show(&got), show(&want), "{text:?}");
            assert_eq!(show(&segment_body::<false>(&page)), show(&want), "{text:?}");
            let lines: Vec<&str> = text.split('\n').collect();
            wordless += lines.iter().filter(|l| !l.trim().is_empty()).count();
            long += lines.iter().filter(|l| l.len() > 300).count();
            collapsed += got
                .blocks
                .iter()
                .filter(|b| !page.as_bytes().as_ptr_range().contains(&b.text.as_ptr()))
                .count();
            wide += got.blocks.iter().filter(|b| !b.text.is_ascii()).count();
            blocks += got.blocks.len();
        }
        // Non-blank lines without a word, long lines, lines collapsed,
        // non-ASCII lines: all reached.
        wordless -= blocks;
        assert!(wordless > 100 && long > 100, "{wordless} {long}");
        assert!(collapsed > 1000 && wide > 1000, "{collapsed} {wide}");
    }

    /// `Lines` gives the non-empty pieces of `split('\n')`, where they
    /// lie: line feeds at every offset of a 64-byte step, runs of them
    /// (empty lines), at the text's ends or not, texts of every length
    /// around the steps' ends.
    #[test]
    fn lines_are_the_non_empty_pieces_between_line_feeds() {
        let mut rng = crate::test_rng::XorShift::new(0x2545_F491_4F6C_DD1D);
        let mut next = || rng.next_u64();
        let (mut empty, mut last_open, mut many) = (0, 0, 0);
        for len in 0..300 {
            for density in [0, 2, 8, 40, 70, 100] {
                let b: Vec<u8> = (0..len)
                    .map(|_| match next() % 100 {
                        r if r < density => b'\n',
                        r if r % 7 == 0 => 0x8a,
                        r if r % 11 == 0 => b'\r',
                        r => b'a' + (r % 26) as u8,
                    })
                    .collect();
                let mut want = Vec::new();
                let mut from = 0;
                for piece in b.split(|&c| c == b'\n') {
                    if piece.is_empty() {
                        empty += 1;
                    } else {
                        want.push((from, from + piece.len()));
                    }
                    from += piece.len() + 1;
                }
                let got: Vec<(usize, usize)> = Lines::new(&b).collect();
                assert_eq!(got, want, "{len} {density}");
                last_open += (b.last().is_some_and(|&c| c != b'\n')) as usize;
                many += (want.len() > 8) as usize;
            }
        }
        // Empty lines skipped, lines open at the end, many lines a text.
        assert!(empty > 1000 && last_open > 500 && many > 500);
    }

    #[test]
    fn collapse_whitespace_is_one_space_per_run_of_whitespace() {
        for t in [
            "plain words here",
            "two  spaces",
            "tab\there",
            "nbsp\u{a0}here",
            "ideographic\u{3000}space",
            "vertical\x0btab",
            "café au lait",
            "x",
            " leading and trailing ",
            "",
            "   ",
            " a  b\t\tc\n\r\nd \u{a0}e\u{2003}f\u{b}g\u{c}h ",
            "ünï  cödé\u{3000}東京 ",
            // Characters that start like Unicode spaces but are none.
            "it’s “quoted” — fine…",
            "a\u{2028}b\u{205f}c\u{1680}d\u{85}e\u{202f}f\u{200a}g",
            "ends\u{a0}",
            "\u{3000}starts",
            "two\u{a0} mixed",
            // Across the eight-byte steps: runs, controls and non-ASCII
            // at every offset of a chunk.
            "abcdefg  hijklmnop",
            "abcdefgh  ijklmnop",
            "abcdefg\u{a0}hijklmnop qrstuvw\txyz",
            "abcdefghijklmno \u{3000}p",
            "abcdefghijklmnop qrstuvwxyz abcdefghijklmnop",
            "abcdefghijklmno\x1fpqrstuvwxyz",
            "abcdefghijklmn’s nothing—here… at all",
            "abcdefg  ",
            "abcdefgh i",
        ] {
            let want = t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(t), want, "{t:?}");
            // The fast check says "nothing to do" exactly when so.
            assert_eq!(is_collapsed(t), t == want, "{t:?}");
        }
    }
}
