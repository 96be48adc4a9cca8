//! One pattern compiled to answer `is_match` only: the bounded
//! backtracker on short texts, a forward lazy DFA on longer ones, and the
//! PikeVM where the DFA gives up (a Unicode word boundary next to
//! a non-ASCII byte, or a cache cleared over and over). A `meta::Regex`
//! answers the same, but compiles a reverse NFA too (to find where a
//! match starts, never asked here), and often a full DFA besides: compiling
//! was most of the cost of a run over a few megabytes of text.

use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::dfa::{Automaton, StartKind, sparse};
use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, WhichCaptures, backtrack, pikevm::PikeVM};
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Hir, Look};

use crate::classify::prebuilt::subst::Subst;
use crate::classify::prebuilt::{Ascii, AsciiDfa};

/// Longest text the backtracker answers for (if its visited set allows
/// as many bytes). The patterns that get here (a DFA too large to prebuild:
/// `.{0,60}` between alternations, `\b` all over) build a new lazy-DFA
/// state or two on about every text, as big as their NFA; the backtracker
/// walks the NFA over a short block in a fraction of that (on the text
/// bench, half the time of these searches). Past this its work, up to NFA
/// states times bytes, outgrows what the cached states cost.
const BACKTRACK_MAX: usize = 256;

struct Caches {
    bt: Option<backtrack::Cache>,
    dfa: Option<hybrid::dfa::Cache>,
    pikevm: thompson::pikevm::Cache,
}

type MakeCaches = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

pub(super) struct Tester {
    /// `None`: it does not build (it builds for any NFA that compiled).
    bt: Option<backtrack::BoundedBacktracker>,
    dfa: Option<hybrid::dfa::DFA>,
    pikevm: PikeVM,
    /// Every match starts at the start of the text: the search is
    /// anchored there, and ends where the pattern cannot go on.
    anchored: bool,
    /// Caches per thread.
    pool: Pool<Caches, MakeCaches>,
}

/// The engine that answered a `Tester::is_match` (for the tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Engine {
    Backtrack,
    Dfa,
    PikeVm,
}

impl Tester {
    /// `hir` compiled under an NFA size limit, with a lazy-DFA cache of
    /// `dfa_cache` bytes. `None`: the NFA is too large.
    pub(super) fn new(hir: &Hir, nfa_limit: usize, dfa_cache: usize) -> Option<Tester> {
        // One compiler and builder per thread, configured anew each time:
        // a fresh one sets up (and drops) its tables each time, which cost
        // as much as compiling a small pattern.
        thread_local! {
            static BUILDERS: std::cell::RefCell<Option<(thompson::Compiler, hybrid::dfa::Builder)>> =
                const { std::cell::RefCell::new(None) };
        }
        BUILDERS.with(|cell| match cell.try_borrow_mut() {
            Ok(mut b) => {
                let (compiler, builder) = b.get_or_insert_with(|| {
                    (thompson::Compiler::new(), hybrid::dfa::Builder::new())
                });
                Tester::build(compiler, builder, hir, nfa_limit, dfa_cache)
            }
            // Only if compiling ever came back here: fresh ones then.
            Err(_) => Tester::build(
                &mut thompson::Compiler::new(),
                &mut hybrid::dfa::Builder::new(),
                hir,
                nfa_limit,
                dfa_cache,
            ),
        })
    }

    fn build(
        compiler: &mut thompson::Compiler,
        builder: &mut hybrid::dfa::Builder,
        hir: &Hir,
        nfa_limit: usize,
        dfa_cache: usize,
    ) -> Option<Tester> {
        let nfa = compiler
            .configure(
                thompson::Config::new()
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(Some(nfa_limit)),
            )
            .build_from_hir(hir)
            .ok()?;
        // As `meta::Regex` configures its lazy DFA; one that does not build
        // (its cache too small for the NFA) leaves the PikeVM alone.
        let dfa = builder
            .configure(
                hybrid::dfa::Config::new()
                    .unicode_word_boundary(true)
                    .cache_capacity(dfa_cache)
                    .skip_cache_capacity_check(false)
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(nfa.clone())
            .ok();
        let bt = backtrack::BoundedBacktracker::new_from_nfa(nfa.clone()).ok();
        let pikevm = PikeVM::new_from_nfa(nfa).ok()?;
        let anchored = hir.properties().look_set_prefix().contains(Look::Start);
        Some(Tester {
            pool: Tester::pool(&bt, &dfa, &pikevm),
            bt,
            dfa,
            pikevm,
            anchored,
        })
    }

    fn pool(
        bt: &Option<backtrack::BoundedBacktracker>,
        dfa: &Option<hybrid::dfa::DFA>,
        pikevm: &PikeVM,
    ) -> Pool<Caches, MakeCaches> {
        let (bt, dfa, pikevm) = (bt.clone(), dfa.clone(), pikevm.clone());
        Pool::new(Box::new(move || Caches {
            bt: bt.as_ref().map(|b| b.create_cache()),
            dfa: dfa.as_ref().map(|d| d.create_cache()),
            pikevm: pikevm.create_cache(),
        }))
    }

    pub(super) fn is_match(&self, text: &str) -> bool {
        self.answer(text).0
    }

    /// `is_match`, and which engine answered.
    #[inline]
    fn answer(&self, text: &str) -> (bool, Engine) {
        let mut input = Input::new(text).earliest(true);
        if self.anchored {
            input = input.anchored(Anchored::Yes);
        }
        let mut caches = self.pool.get();
        if let (Some(bt), Some(cache)) = (&self.bt, caches.bt.as_mut())
            && text.len() <= BACKTRACK_MAX.min(bt.max_haystack_len())
            && let Ok(m) = bt.try_is_match(cache, input.clone())
        {
            return (m, Engine::Backtrack);
        }
        if let (Some(dfa), Some(cache)) = (&self.dfa, caches.dfa.as_mut())
            && let Ok(found) = dfa.try_search_fwd(cache, &input)
        {
            return (found.is_some(), Engine::Dfa);
        }
        (
            self.pikevm.is_match(&mut caches.pikevm, input),
            Engine::PikeVm,
        )
    }
}

/// A DFA built ahead of time (`prebuilt::ascii_dfa`): nothing to compile,
/// no cache to fill state by state. A `Table` where it fits one, which
/// takes one load per byte; else sparse, which scans each state's ranges.
#[derive(Clone, Debug)]
pub(super) struct Prebuilt {
    dfa: Dfa,
    /// Of the ASCII form: its answer is the pattern's on ASCII text. Else
    /// of the loose ASCII form: only its "no" is.
    pub(super) exact: bool,
    /// What the pattern's characters past ASCII can be replaced by
    /// (`None`: no parse, or a byte class past ASCII).
    subst: Option<Subst<&'static [u32]>>,
    /// The DFA and `subst` are coded (`Subst::coded`): `coded_answer`
    /// answers on texts past ASCII too (`with_ascii_image` only on those
    /// whose image needs no code).
    coded: bool,
}

#[derive(Clone, Debug)]
enum Dfa {
    /// A table of up to 256 rows, a byte an entry.
    Rows(Rows),
    Table(Table),
    Sparse(Box<sparse::DFA<&'static [u8]>>),
}

impl Prebuilt {
    /// `None`: a table's bytes that do not read back (`build.rs` writes
    /// none such).
    pub(super) fn new(built: Ascii) -> Option<Prebuilt> {
        Some(Prebuilt {
            dfa: match built.dfa {
                AsciiDfa::Table(bytes) => match Rows::from_bytes(bytes) {
                    Some(rows) => Dfa::Rows(rows),
                    None => Dfa::Table(Table::from_bytes(bytes)?),
                },
                AsciiDfa::Sparse(dfa) => Dfa::Sparse(dfa),
            },
            exact: built.exact,
            subst: built.subst,
            coded: built.coded,
        })
    }

    /// A coded DFA's answer on `text` (`Subst::image_bytes`; `None`: the
    /// DFA is not coded, or a character has no replacement). Coded ones
    /// are exact (`build.rs`), but a loose one's "yes" is no answer.
    pub(super) fn coded_answer(&self, text: &str) -> Option<bool> {
        if !self.coded {
            return None;
        }
        let subst = self.subst.as_ref()?;
        // One buffer per thread, as `with_ascii_image`'s.
        thread_local! {
            static IMAGE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let answer = |buf: &mut Vec<u8>| {
            subst
                .image_bytes(text, buf)
                .then(|| self.is_match_bytes(buf))
        };
        let m = IMAGE.with(|cell| match cell.try_borrow_mut() {
            Ok(mut buf) => answer(&mut buf),
            Err(_) => answer(&mut Vec::new()),
        })??;
        (self.exact || !m).then_some(m)
    }

    /// `f` of `text` with each character past ASCII replaced by an ASCII
    /// one the pattern treats alike (`Subst`), or left as it is where the
    /// pattern can match no such character; the pattern matches the text
    /// exactly where it matches that image, and so where its ASCII forms
    /// do. `None`: some character has no such replacement (or the
    /// pattern has none at all).
    pub(super) fn with_ascii_image<R>(&self, text: &str, f: impl FnOnce(&str) -> R) -> Option<R> {
        let subst = self.subst.as_ref()?;
        // One buffer per thread: an image per candidate of a non-ASCII
        // block would otherwise allocate each time.
        thread_local! {
            static IMAGE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        IMAGE.with(|cell| match cell.try_borrow_mut() {
            Ok(mut buf) => subst.image(text, &mut buf).then(|| f(&buf)),
            Err(_) => {
                let mut buf = String::new();
                subst.image(text, &mut buf).then(|| f(&buf))
            }
        })
    }

    /// Whether the DFA matches in `text` (`None`: it cannot tell, having
    /// met a byte it quits on; `build.rs` builds none with such bytes).
    pub(super) fn is_match(&self, text: &str) -> Option<bool> {
        self.is_match_bytes(text.as_bytes())
    }

    /// `is_match` on bytes (a coded image).
    fn is_match_bytes(&self, text: &[u8]) -> Option<bool> {
        let dfa = match &self.dfa {
            Dfa::Rows(t) => return Some(t.is_match(text)),
            Dfa::Table(t) => return Some(t.is_match(text)),
            Dfa::Sparse(dfa) => dfa,
        };
        let mut input = Input::new(text).earliest(true);
        if dfa.start_kind() == StartKind::Anchored {
            input = input.anchored(Anchored::Yes);
        }
        dfa.try_search_fwd(&input).ok().map(|m| m.is_some())
    }
}

/// A DFA's transitions as one table (`dfa::table_bytes`): a row per
/// state, an entry per byte class and one for the end of the text. The
/// dead state is row 0 and the match states come next, so one compare
/// after each byte tells whether the search is over.
#[derive(Clone, Debug)]
struct Table {
    /// Each byte's class, read in place.
    classes: &'static [u8; 256],
    /// Row by row, each entry the next state's row start; the last entry
    /// of a row is 1 if the text may end there in a match, else 0. Then
    /// eight zeros (`from_bytes` writes eight at a time).
    next: Box<[u16]>,
    /// Entries per row.
    width: usize,
    start: usize,
    /// Rows starting below this are the dead state's and match states'.
    special: usize,
}

impl Table {
    /// The table `dfa::table_bytes` wrote, read out of the binary (in a
    /// fraction of what a search of as many bytes takes). `None`: the
    /// bytes do not make whole rows, a class lies past a row, or the start
    /// or an entry is not the start of a row (it would index past the
    /// table, or into the middle of a row).
    fn from_bytes(bytes: &'static [u8]) -> Option<Table> {
        let n = |b: &[u8]| usize::from(u16::from_le_bytes([b[0], b[1]]));
        let (head, rest) = bytes.split_at_checked(8)?;
        let (classes, mut rows) = rest.split_at_checked(256)?;
        let (width, count) = (n(&head[0..2]), n(&head[6..8]));
        let classes: &[u8; 256] = classes.try_into().ok()?;
        if width < 2 || classes.iter().any(|&c| usize::from(c) >= width - 1) {
            return None;
        }
        // Every state must be a row start within the table: `is_match`
        // indexes with them, checked by nothing else. Asked of the bytes
        // read (a row's common entry once), not of every entry.
        let row_start = |e: usize| e < count * width && e.is_multiple_of(width);
        let state = |e: u16| row_start(usize::from(e)).then_some(e);
        let mut next = vec![0u16; count * width].into_boxed_slice();
        for row in next.chunks_exact_mut(width) {
            let (&[m0, m1, eoi, k], rest) = rows.split_first_chunk::<4>()?;
            let (others, rest) = rest.split_at_checked(3 * usize::from(k))?;
            let (entries, end) = row.split_at_mut(width - 1);
            entries.fill(state(u16::from_le_bytes([m0, m1]))?);
            end[0] = u16::from(eoi);
            for o in others.chunks_exact(3) {
                *entries.get_mut(usize::from(o[0]))? = state(u16::from_le_bytes([o[1], o[2]]))?;
            }
            rows = rest;
        }
        let t = Table {
            classes,
            next,
            width,
            start: n(&head[2..4]),
            special: n(&head[4..6]),
        };
        (rows.is_empty() && row_start(t.start)).then_some(t)
    }

    /// As a sparse search (`Prebuilt::is_match`): whether a match state
    /// is reached, after a byte or at the end.
    fn is_match(&self, text: &[u8]) -> bool {
        let mut s = self.start;
        // As in `Rows::is_match`: read the rows after the start row and
        // the printable ASCII classes now, at once, rather than one miss
        // after another on the walk.
        let end = self.next.len().min(s + WARM_BYTES / 2);
        for at in (s..end).step_by(32) {
            std::hint::black_box(self.next[at]);
        }
        for b in [b' ', b'`', 0x7f] {
            std::hint::black_box(self.classes[usize::from(b)]);
        }
        for &b in text {
            s = usize::from(self.next[s + usize::from(self.classes[usize::from(b)])]);
            if s < self.special {
                return s != 0;
            }
        }
        self.next[s + self.width - 1] != 0
    }
}

/// Bytes of rows from the start row on that `Rows::is_match` reads ahead
/// of its walk (a cache line at a time).
const WARM_BYTES: usize = 512;

/// A `Table` of at most 256 rows as bytes, in one block after the byte
/// classes: a search starts by reading both, and in one place they take
/// fewer pages. Each row `1 << shift` entries (its width rounded up to a
/// power of two: a shift, not a multiply, on the path from one byte to
/// the next), each the next state's row, the end of the text's entry
/// after the byte classes'.
#[derive(Clone, Debug)]
struct Rows {
    /// Each byte's class (256 bytes), then the rows.
    block: Box<[u8]>,
    shift: u32,
    start: usize,
    /// Rows below this are the dead state's and match states'.
    special: usize,
    /// Where a row's end-of-text entry is (`Table::width - 1`).
    eoi: usize,
}

impl Rows {
    /// The table `dfa::table_bytes` wrote, as `Table::from_bytes` reads
    /// it (and turns away what it turns away), as `Rows` at once: most
    /// of the cost of a small page's first search of a pattern. `None`
    /// also where it has more than 256 rows.
    fn from_bytes(bytes: &[u8]) -> Option<Rows> {
        let n = |b: &[u8]| usize::from(u16::from_le_bytes([b[0], b[1]]));
        let (head, rest) = bytes.split_at_checked(8)?;
        let (classes, mut rest) = rest.split_at_checked(256)?;
        let (width, start, special, count) = (
            n(&head[0..2]),
            n(&head[2..4]),
            n(&head[4..6]),
            n(&head[6..8]),
        );
        if width < 2 || count > 256 || classes.iter().any(|&c| usize::from(c) >= width - 1) {
            return None;
        }
        // A row start within the table, as its row's number.
        let row = |e: usize| (e < count * width && e.is_multiple_of(width)).then(|| e / width);
        let stride = width.checked_next_power_of_two()?;
        let mut block = vec![0u8; 256 + count * stride];
        let (cls, rows) = block.split_at_mut(256);
        cls.copy_from_slice(classes);
        for r in rows.chunks_exact_mut(stride) {
            let (&[m0, m1, eoi, k], tail) = rest.split_first_chunk::<4>()?;
            let (others, tail) = tail.split_at_checked(3 * usize::from(k))?;
            let most = u8::try_from(row(usize::from(u16::from_le_bytes([m0, m1])))?).ok()?;
            r[..width - 1].fill(most);
            r[width - 1] = eoi;
            for o in others.chunks_exact(3) {
                let e = row(usize::from(u16::from_le_bytes([o[1], o[2]])))?;
                *r[..width - 1].get_mut(usize::from(o[0]))? = u8::try_from(e).ok()?;
            }
            rest = tail;
        }
        Some(Rows {
            block: block.into_boxed_slice(),
            shift: stride.trailing_zeros(),
            start: rest.is_empty().then(|| row(start))??,
            special: special.div_ceil(width),
            eoi: width - 1,
        })
    }

    /// `t` as `Rows`; `None`: it has more than 256 rows. (What `from_bytes`
    /// reads, the long way round.)
    #[cfg(test)]
    fn of(t: &Table) -> Option<Rows> {
        if t.next.len() > 256 * t.width {
            return None;
        }
        let stride = t.width.checked_next_power_of_two()?;
        let mut block = Vec::with_capacity(256 + t.next.len() / t.width * stride);
        block.extend_from_slice(t.classes);
        // Entries are row starts (`Table::from_bytes` made sure), so each
        // row number fits a byte.
        for r in t.next.chunks_exact(t.width) {
            for &e in &r[..t.width - 1] {
                block.push(u8::try_from(usize::from(e) / t.width).ok()?);
            }
            block.push(u8::try_from(r[t.width - 1]).ok()?);
            block.resize(block.len() + stride - t.width, 0);
        }
        Some(Rows {
            block: block.into_boxed_slice(),
            shift: stride.trailing_zeros(),
            start: t.start / t.width,
            special: t.special.div_ceil(t.width),
            eoi: t.width - 1,
        })
    }

    /// As `Table::is_match`.
    fn is_match(&self, text: &[u8]) -> bool {
        let Some((classes, rows)) = self.block.split_first_chunk::<256>() else {
            return false;
        };
        let mut s = self.start;
        // The table is mostly not in cache (a pattern's turn comes a few
        // blocks apart), and each row read waits on the one before: read
        // now, all at once, the rows after the start row (numbered in the
        // order a walk from it meets them: those a short search mostly
        // reads) and the classes of printable ASCII, so the walk finds
        // them in cache (reads nothing waits on). On the text bench, timed
        // alternately, about a fifth less time in these searches.
        let first = s << self.shift;
        for at in (first..rows.len().min(first + WARM_BYTES)).step_by(64) {
            std::hint::black_box(rows[at]);
        }
        for b in [b' ', b'`', 0x7f] {
            std::hint::black_box(classes[usize::from(b)]);
        }
        for &b in text {
            // A class is below the row's width (`Table::from_bytes` made
            // sure): `|` adds it.
            let c = usize::from(classes[usize::from(b)]);
            s = usize::from(rows[(s << self.shift) | c]);
            if s < self.special {
                return s != 0;
            }
        }
        rows[(s << self.shift) | self.eoi] != 0
    }
}

impl Clone for Tester {
    fn clone(&self) -> Tester {
        Tester {
            pool: Tester::pool(&self.bt, &self.dfa, &self.pikevm),
            bt: self.bt.clone(),
            dfa: self.dfa.clone(),
            pikevm: self.pikevm.clone(),
            anchored: self.anchored,
        }
    }
}

impl std::fmt::Debug for Tester {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tester")
            .field("dfa", &self.dfa.is_some())
            .field("anchored", &self.anchored)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::prebuilt::subst::{CODE, KEEP, NONE};

    /// The `k`-th made-up text for a pattern: a match of it
    /// (`patset::tests::sample`), a word or sign of `glue` before it (one
    /// `k` in three) or after it (one in four), cut short (one in five).
    fn made_up(hir: &Hir, glue: &[&str], k: usize, rng: &mut crate::test_rng::XorShift) -> String {
        let mut t = String::new();
        if k % 3 == 1 {
            t.push_str(rng.pick(glue));
        }
        super::super::tests::sample(hir, rng, &mut t);
        if k % 4 == 3 {
            t.push_str(rng.pick(glue));
        }
        if k % 5 == 4 {
            let cut = t.char_indices().map(|(i, _)| i).nth(rng.below(t.len()));
            t.truncate(cut.unwrap_or(0));
        }
        t
    }

    /// Each built-in pattern's prebuilt table answers as its DFA built
    /// sparse (`prebuilt::rebuilt`) does (and so as the pattern, on ASCII
    /// text, for an exact one) on made-up texts: matches of the pattern
    /// (`patset::tests::sample`), some with a word or sign added, some
    /// cut short.
    #[test]
    fn tables_answer_as_their_dfas() {
        use crate::classify::prebuilt;
        let mut rng = crate::test_rng::XorShift::new(0x7ab1_e5ee_d001);
        let glue = [
            " ", ", ", ".", "\n", "12", "x", "Word", "é", "’", "\u{212a}", "©",
        ];
        let (mut tables, mut narrow, mut tried, mut matched) = (0, 0, 0, 0);
        for p in prebuilt::patterns() {
            let Some(pre) = prebuilt::ascii_dfa(p).and_then(Prebuilt::new) else {
                continue;
            };
            let Some(prebuilt::Ascii {
                dfa: prebuilt::AsciiDfa::Table(bytes),
                ..
            }) = prebuilt::ascii_dfa(p)
            else {
                continue;
            };
            // The table in each form that holds it: each answers alike.
            let table = Table::from_bytes(bytes).unwrap();
            let rows = Rows::of(&table);
            narrow += usize::from(rows.is_some());
            // Read at once, the same rows.
            let direct = Rows::from_bytes(bytes);
            assert_eq!(
                direct
                    .as_ref()
                    .map(|r| (&r.block, r.shift, r.start, r.special, r.eoi)),
                rows.as_ref()
                    .map(|r| (&r.block, r.shift, r.start, r.special, r.eoi)),
                "{p}"
            );
            // What `Prebuilt` holds: rows of bytes where they hold it.
            let held = match &pre.dfa {
                Dfa::Rows(_) => rows.is_some(),
                Dfa::Table(_) => rows.is_none(),
                Dfa::Sparse(_) => false,
            };
            assert!(held, "{p}");
            let Some((Some((bytes, _)), ..)) = prebuilt::rebuilt(p) else {
                panic!("{p}: no DFA to compare");
            };
            let oracle = Prebuilt {
                dfa: Dfa::Sparse(Box::new(sparse::DFA::from_bytes(bytes).unwrap().0)),
                exact: pre.exact,
                subst: None,
                coded: false,
            };
            tables += 1;
            let re = regex::Regex::new(p).unwrap();
            let hir = prebuilt::parse(p).unwrap();
            for k in 0..40 {
                let t = made_up(&hir, &glue, k, &mut rng);
                let want = oracle.is_match(&t);
                assert_eq!(Some(table.is_match(t.as_bytes())), want, "{p} on {t:?}");
                if let Some(r) = &rows {
                    assert_eq!(Some(r.is_match(t.as_bytes())), want, "{p} on {t:?}");
                }
                assert_eq!(pre.is_match(&t), want, "{p} on {t:?}");
                if t.is_ascii() {
                    let m = re.is_match(&t);
                    assert!(want == Some(m) || !pre.exact && !m, "{p} on {t:?}");
                }
                tried += 1;
                matched += usize::from(want == Some(true));
            }
        }
        // Most DFAs fit a table, most tables rows of bytes, and many
        // texts match (not those the classes made non-ASCII, nor most of
        // those cut short).
        assert!(tables > 400, "{tables}");
        assert!(narrow * 4 > tables * 3, "{narrow} of {tables}");
        assert!(matched * 10 > tried, "{matched} of {tried}");
    }

    /// Bytes that are no table are turned away, not searched.
    #[test]
    fn tables_read_back_only_whole() {
        use crate::classify::prebuilt::{self, AsciiDfa};
        let bytes = prebuilt::patterns()
            .find_map(|p| match prebuilt::ascii_dfa(p)?.dfa {
                AsciiDfa::Table(b) => Some(b),
                AsciiDfa::Sparse(_) => None,
            })
            .unwrap();
        // Rows read at once turn away what the table does.
        let read = |b: &'static [u8]| {
            let t = Table::from_bytes(b);
            assert_eq!(Rows::from_bytes(b).is_some(), t.is_some());
            t
        };
        let t = read(bytes).unwrap();
        assert!(t.next.len() <= 256 * t.width);
        assert!(t.next.len() > 2 * t.width, "{}", t.next.len());
        // Cut short: in the head, the classes, or a row.
        for n in [3, 100, bytes.len() - 2] {
            assert!(read(&bytes[..n]).is_none(), "{n}");
        }
        // A class past the row; a start past the rows; a row more than
        // the head says.
        let changed = |at: usize, to: &[u8]| {
            let b = bytes.to_vec().leak();
            b[at..at + to.len()].copy_from_slice(to);
            read(b)
        };
        let width = u8::try_from(t.width).unwrap();
        assert!(changed(8 + usize::from(b'a'), &[width]).is_none());
        let len = u16::try_from(t.next.len()).unwrap();
        assert!(changed(2, &len.to_le_bytes()).is_none());
        let rows = u16::try_from(t.next.len() / t.width);
        assert!(changed(6, &(rows.unwrap() - 1).to_le_bytes()).is_none());
        // The dead state's row differs nowhere: make it differ past it.
        assert_eq!(bytes[264..268], [0, 0, 0, 0]);
        let b = [&bytes[..267], &[1, width - 1, 0, 0], &bytes[268..]].concat();
        assert!(read(b.leak()).is_none());
        // A differing entry that is a row start is read in its place; one
        // that is not (inside a row, or past the last) is turned away.
        let b = [&bytes[..267], &[1, width - 2, width, 0], &bytes[268..]].concat();
        let moved = read(b.leak()).unwrap();
        assert_eq!(moved.next[usize::from(width) - 2], u16::from(width));
        for bad in [1, len] {
            let [lo, hi] = bad.to_le_bytes();
            let b = [&bytes[..267], &[1, width - 2, lo, hi], &bytes[268..]].concat();
            assert!(read(b.leak()).is_none(), "{bad}");
        }
    }

    /// Characters past ASCII of many kinds: letters of several scripts
    /// and cases, the Kelvin sign and the long s (case variants of `k` and
    /// `s`), digits, marks, punctuation, spaces and line separators,
    /// symbols, emoji.
    const OTHERS: &[&str] = &[
        "é", "É", "ß", "ü", "Ø", "ı", "İ", "’", "“", "—", "–", "…", "©", "®", "«", "»", "·", "•",
        "→", "€", "£", "\u{a0}", "\u{2009}", "\u{2028}", "\u{85}", "\u{212a}", "\u{17f}", "Ω", "ω",
        "Д", "д", "한", "字", "٣", "\u{ff10}", "\u{301}", "\u{fe0f}", "🙂", "Élodie", "Straße",
        "ⓒ",
    ];

    /// A made-up text: a match of `hir` (whose classes give characters
    /// past ASCII too), with others put in anywhere or apart.
    fn text_past_ascii(hir: &Hir, rng: &mut crate::test_rng::XorShift, k: usize) -> String {
        let glue = [" ", "x", "12", ".", "", "\n"];
        let mut t = String::new();
        t.push_str(rng.pick(&glue));
        super::super::tests::sample(hir, rng, &mut t);
        t.push_str(rng.pick(&glue));
        let other = rng.pick(OTHERS);
        match k % 4 {
            0 => {
                let at = t.char_indices().map(|(i, _)| i).nth(rng.below(t.len() + 1));
                t.insert_str(at.unwrap_or(t.len()), other);
            }
            1 => t = format!("{other} {t}"),
            2 => t = format!("{t} {other}"),
            // Only what the classes gave.
            _ => {}
        }
        t
    }

    /// Patterns beyond the built-in ones, for what those lack: word
    /// boundaries of both kinds next to letters past ASCII, line anchors,
    /// literals past ASCII, classes of both kinds.
    const TRICKY: &[&str] = &[
        r"(?i)\bfollow us\b",
        r"\bcaf\u{e9}\b",
        r"(?-u:\b)abc(?-u:\b)",
        r"(?m)^abc$",
        r"(?i)^[a-z]{2,4}\b.{0,3}$",
        r"\w+\s\W",
        r"(?i)k\S{1,3}\bs",
        r"^\p{Lu}\p{Ll}+ \d+$",
        r"[^a-z\s]{2}",
        r"(?-u:[a-f\s])+x",
        r"(?i)\B\p{L}\B",
        r"(?i)^(stra\u{df}e|strasse)$",
    ];

    /// Wherever the ASCII image of a text exists, a pattern matches it as
    /// it matches the text: for each built-in pattern and a few others,
    /// on made-up texts with characters past ASCII.
    #[test]
    fn ascii_images_match_as_the_texts() {
        use crate::classify::prebuilt;
        let mut rng = crate::test_rng::XorShift::new(0x1a6e_5eed_0a5c);
        let (mut tried, mut imaged, mut replaced, mut matched) = (0, 0, 0, 0);
        let mut buf = String::new();
        for p in prebuilt::patterns().chain(TRICKY.iter().copied()) {
            let re = regex::Regex::new(p).unwrap();
            let hir = regex_syntax::Parser::new().parse(p).unwrap();
            let Some(subst) = Subst::of(&hir) else {
                continue;
            };
            for k in 0..40 {
                let t = text_past_ascii(&hir, &mut rng, k);
                tried += usize::from(!t.is_ascii());
                if !subst.image(&t, &mut buf) {
                    continue;
                }
                let want = re.is_match(&t);
                assert_eq!(re.is_match(&buf), want, "{p} on {t:?} as {buf:?}");
                assert_eq!(buf.chars().count(), t.chars().count(), "{t:?} as {buf:?}");
                if t.is_ascii() {
                    continue;
                }
                imaged += 1;
                if buf.is_ascii() {
                    replaced += 1;
                    matched += usize::from(want);
                }
            }
        }
        // Most texts past ASCII have an image, many of them ASCII, and
        // many of those match.
        assert!(imaged * 2 > tried, "{imaged} of {tried}");
        assert!(replaced * 4 > imaged, "{replaced} of {imaged}");
        assert!(matched * 10 > replaced, "{matched} of {replaced}");
    }

    /// On text with characters other than ASCII, each built-in pattern's
    /// prebuilt DFA answers on the text's ASCII image, where there is one,
    /// as the pattern on the text (a loose one: at least wherever the
    /// pattern matches); and so does the set.
    #[test]
    fn ascii_images_answer_as_the_patterns() {
        use crate::classify::prebuilt;
        let mut rng = crate::test_rng::XorShift::new(0x0a5c_11a5_c11a);
        let (mut tried, mut applied, mut matched) = (0, 0, 0);
        let pats: Vec<String> = prebuilt::patterns().map(String::from).collect();
        let set = super::super::PatternSet::new(&pats, 1 << 22, 1 << 22);
        for (i, p) in pats.iter().enumerate() {
            let Some(pre) = prebuilt::ascii_dfa(p).and_then(Prebuilt::new) else {
                continue;
            };
            let re = regex::Regex::new(p).unwrap();
            let hir = prebuilt::parse(p).unwrap();
            for k in 0..40 {
                let t = text_past_ascii(&hir, &mut rng, k);
                let want = re.is_match(&t);
                assert_eq!(set.is_match_in(i, &t, t.is_ascii()), want, "{p} on {t:?}");
                if t.is_ascii() {
                    continue;
                }
                tried += 1;
                // An image of ASCII, or else a coded one.
                let got = pre
                    .with_ascii_image(&t, |img| pre.is_match(img))
                    .or_else(|| pre.coded_answer(&t).map(Some));
                let Some(got) = got else {
                    continue;
                };
                applied += 1;
                if pre.exact {
                    assert_eq!(got, Some(want), "{p} on {t:?}");
                } else {
                    assert!(got == Some(true) || !want, "{p} on {t:?}");
                }
                matched += usize::from(want);
            }
        }
        // Many texts are answered so, and some of those match.
        assert!(applied * 2 > tried, "{applied} of {tried}");
        assert!(matched * 20 > applied, "{matched} of {applied}");
    }

    /// Wherever the coded image of a text exists, the coded form matches
    /// it as the pattern matches the text: for each built-in pattern and
    /// a few others with characters past ASCII that no ASCII one stands
    /// for, on made-up texts with characters past ASCII.
    #[test]
    fn coded_images_match_as_the_texts() {
        use crate::classify::prebuilt;
        use regex_automata::{Input, meta};
        let mut rng = crate::test_rng::XorShift::new(0xc0de_5eed_0a5c);
        let (mut patterns, mut tried, mut imaged, mut coded, mut matched) = (0, 0, 0, 0, 0);
        let mut buf = Vec::new();
        let more = [
            r"(?i)^(©|\(c\)|copyright)\s*\d{4}",
            r"[’']s\b",
            r"…$",
            r"\bcaf\u{e9}\b",
        ];
        for p in prebuilt::patterns()
            .chain(TRICKY.iter().copied())
            .chain(more)
        {
            let re = regex::Regex::new(p).unwrap();
            let hir = regex_syntax::Parser::new().parse(p).unwrap();
            let Some((subst, form)) = Subst::coded(&hir) else {
                continue;
            };
            patterns += 1;
            let coded_re = meta::Builder::new()
                .configure(meta::Config::new().utf8_empty(false))
                .build_from_hir(&form)
                .unwrap();
            for k in 0..40 {
                let t = text_past_ascii(&hir, &mut rng, k);
                tried += usize::from(!t.is_ascii());
                if !subst.image_bytes(&t, &mut buf) {
                    continue;
                }
                let want = re.is_match(&t);
                assert_eq!(
                    coded_re.is_match(Input::new(&buf)),
                    want,
                    "{p} on {t:?} as {buf:?}"
                );
                assert_eq!(buf.len(), t.chars().count(), "{t:?} as {buf:?}");
                imaged += usize::from(!t.is_ascii());
                coded += usize::from(buf.iter().any(|&b| b >= CODE));
                matched += usize::from(want && !t.is_ascii());
            }
        }
        // Dozens of patterns need codes; most texts have a coded image,
        // some with codes (the rest have only characters ASCII ones stand
        // for), many matching.
        assert!(patterns > 10, "{patterns}");
        assert!(imaged * 2 > tried, "{imaged} of {tried}");
        assert!(coded * 20 > imaged, "{coded} of {imaged}");
        assert!(matched * 10 > imaged, "{matched} of {imaged}");
    }

    #[test]
    fn characters_are_replaced_by_ascii_ones_the_pattern_treats_alike() {
        let subst = |p: &str| Subst::of(&regex_syntax::Parser::new().parse(p).unwrap()).unwrap();
        let to = |p: &str, c: char| subst(p).of_char(c);
        // A letter next to a Unicode word boundary: a word character in
        // none of the pattern's classes; none in them all.
        let w = to(r"(?i)\bfollow us\b", 'é');
        assert!(w.is_ascii_alphanumeric() || w == b'_', "{w}");
        assert!(!b"folwusFOLWUS".contains(&w), "{w}");
        assert_eq!(to(r"\b[^a-zA-Z0-9_]\b", 'é'), NONE);
        assert_eq!(to(r"\b[a-z0-9_]\b", 'é'), b'A');
        // In no class, and no word character: kept.
        assert_eq!(to(r"(?i)\bfollow us\b", '’'), KEEP);
        assert_eq!(to(r"(?-u:\b)abc", 'é'), KEEP);
        // The Kelvin sign is a `k` under `(?i)`.
        assert!(matches!(to(r"(?i)k", '\u{212a}'), b'k' | b'K'));
        assert_eq!(to(r"k", '\u{212a}'), KEEP);
        // A literal character past ASCII has no ASCII twin.
        assert_eq!(to(r"caf\u{e9}", 'é'), NONE);
        assert_eq!(to(r"caf\u{e9}", 'è'), KEEP);
        // Classes: `\S` and `[^,]` hold both; a class past ASCII only
        // holds no ASCII character.
        let x = to(r"\S[^,]", '’');
        assert!(
            x < 0x80 && x != b',' && !char::from(x).is_whitespace(),
            "{x}"
        );
        assert_eq!(to(r"[’]", '’'), NONE);
        // Never a line end, which `.` leaves out.
        let d = to(r"(?m)^.$", 'é');
        assert!(d != b'\n' && d != b'\r' && d < 0x80, "{d}");
        // A byte class past ASCII: no replacement at all.
        assert!(
            Subst::of(
                &regex_syntax::ParserBuilder::new()
                    .utf8(false)
                    .build()
                    .parse(r"(?-u:[\x80-\xff])")
                    .unwrap()
            )
            .is_none()
        );
        let mut out = String::new();
        assert!(subst(r"(?i)\bfollow us\b").image("Éfollow us’ x", &mut out));
        assert_eq!(out.len(), "Éfollow us’ x".chars().count() + 2);
        assert!(!subst(r"caf\u{e9}").image("un café", &mut out));
    }

    /// Each built-in pattern and its ASCII form, compiled as the set
    /// compiles them, answer as the regex crate on made-up texts: matches
    /// of the pattern (`patset::tests::sample`), some with glue around,
    /// some cut short, some repeated past `BACKTRACK_MAX`; the backtracker
    /// answers the short ones, the lazy DFA the long ones.
    #[test]
    fn testers_answer_as_the_regex_crate_on_short_and_long_texts() {
        use crate::classify::prebuilt;
        use std::collections::HashMap;
        let mut rng = crate::test_rng::XorShift::new(0xb4c7_7a4c_3e55);
        let glue = [" ", ", ", ".", "\n", "12", "x", "Word", "é", "’", "©"];
        let mut by: HashMap<(Engine, bool), usize> = HashMap::new();
        for p in prebuilt::patterns() {
            let re = regex::Regex::new(p).unwrap();
            let hir = prebuilt::parse(p).unwrap();
            let ascii = super::super::forms::ascii_form_hir(&hir);
            let exact = Tester::new(&hir, 1 << 22, super::super::SINGLE_DFA_LIMIT).unwrap();
            let on_ascii = Tester::new(&ascii, 1 << 22, super::super::SINGLE_DFA_LIMIT);
            for k in 0..12 {
                let mut t = made_up(&hir, &glue, k, &mut rng);
                if k % 2 == 1 {
                    // Past the backtracker's reach.
                    let one = std::mem::take(&mut t);
                    while t.len() <= BACKTRACK_MAX {
                        t.push_str(&one);
                        t.push_str(rng.pick(&glue));
                    }
                }
                let want = re.is_match(&t);
                let (got, e) = exact.answer(&t);
                assert_eq!(got, want, "{p} on {t:?}");
                *by.entry((e, want)).or_default() += 1;
                if let (Some(a), true) = (&on_ascii, t.is_ascii()) {
                    let (got, e) = a.answer(&t);
                    assert_eq!(got, want, "{p} (ASCII form) on {t:?}");
                    *by.entry((e, want)).or_default() += 1;
                }
            }
        }
        // Both engines answer many texts, yes and no.
        for e in [Engine::Backtrack, Engine::Dfa] {
            for m in [true, false] {
                let n = by.get(&(e, m)).copied().unwrap_or(0);
                assert!(n > 100, "{e:?} {m}: {n} ({by:?})");
            }
        }
    }

    #[test]
    fn answers_as_a_regex_on_tricky_texts() {
        let pats = [
            r"(?i)\bfollow us\b",
            r"(?i)^(share|tweet)[:!.]?$",
            r"\bcaf\u{e9}\b",
            r"(?i)\bstra\u{df}e\b",
            r"^\p{Lu}\w+ is an? (writer|editor)\b",
            r"(?i)cookies$",
            r"^$",
            r"a{2,3}b",
        ];
        let texts = [
            "",
            "Follow us on X",
            "unfollow usual",
            "éfollow us é",
            "SHARE!",
            "share this",
            "café crème",
            "cafés",
            "STRASSE und Straße",
            "Élodie is a writer here",
            "élodie is a writer",
            "We use COOKIES",
            "cookies policy",
            "aab aaab",
            "ab",
        ];
        for p in pats {
            let re = regex::Regex::new(p).unwrap();
            let hir = regex_syntax::Parser::new().parse(p).unwrap();
            // A tiny cache too: the DFA gives up and the PikeVM answers.
            for cache in [1 << 20, 1] {
                let t = Tester::new(&hir, 1 << 22, cache).unwrap();
                for text in texts {
                    assert_eq!(t.is_match(text), re.is_match(text), "{p} on {text:?}");
                    // Past the backtracker's reach: the DFA or the PikeVM.
                    let long = format!("{text} {}", "x ".repeat(BACKTRACK_MAX));
                    let (got, e) = t.answer(&long);
                    assert_eq!(got, re.is_match(&long), "{p} on {long:?}");
                    assert_ne!(e, Engine::Backtrack, "{p} on {long:?}");
                }
            }
        }
    }
}
