//! One pattern compiled to answer `is_match` only: a forward lazy DFA,
//! and the PikeVM where the DFA gives up (a Unicode word boundary next to
//! a non-ASCII byte, or a cache cleared over and over). A `meta::Regex`
//! answers the same, but compiles a reverse NFA too (to find where a
//! match starts, never asked here), and often a full DFA besides: compiling
//! was most of the cost of a run over a few megabytes of text.

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use regex_automata::dfa::{Automaton, StartKind, sparse};
use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, WhichCaptures, pikevm::PikeVM};
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

struct Caches {
    dfa: Option<hybrid::dfa::Cache>,
    pikevm: thompson::pikevm::Cache,
}

type MakeCaches = Box<dyn Fn() -> Caches + Send + Sync + UnwindSafe + RefUnwindSafe>;

pub(super) struct Tester {
    dfa: Option<hybrid::dfa::DFA>,
    pikevm: PikeVM,
    /// Every match starts at the start of the text: the search is
    /// anchored there, and ends where the pattern cannot go on.
    anchored: bool,
    /// Caches per thread.
    pool: Pool<Caches, MakeCaches>,
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
        let pikevm = PikeVM::new_from_nfa(nfa).ok()?;
        let anchored = hir.properties().look_set_prefix().contains(Look::Start);
        Some(Tester {
            pool: Tester::pool(&dfa, &pikevm),
            dfa,
            pikevm,
            anchored,
        })
    }

    fn pool(dfa: &Option<hybrid::dfa::DFA>, pikevm: &PikeVM) -> Pool<Caches, MakeCaches> {
        let (dfa, pikevm) = (dfa.clone(), pikevm.clone());
        Pool::new(Box::new(move || Caches {
            dfa: dfa.as_ref().map(|d| d.create_cache()),
            pikevm: pikevm.create_cache(),
        }))
    }

    pub(super) fn is_match(&self, text: &str) -> bool {
        let mut input = Input::new(text).earliest(true);
        if self.anchored {
            input = input.anchored(Anchored::Yes);
        }
        let mut caches = self.pool.get();
        if let (Some(dfa), Some(cache)) = (&self.dfa, caches.dfa.as_mut())
            && let Ok(found) = dfa.try_search_fwd(cache, &input)
        {
            return found.is_some();
        }
        self.pikevm.is_match(&mut caches.pikevm, input)
    }
}

/// A DFA built ahead of time (`prebuilt::ascii_dfa`): nothing to compile,
/// no cache to fill state by state. Read sparse; once it has searched
/// enough text, copied into a `Table`, which takes one load per byte
/// where the sparse form scans each state's ranges.
#[derive(Debug)]
pub(super) struct Prebuilt {
    dfa: sparse::DFA<&'static [u8]>,
    /// Of the ASCII form: its answer is the pattern's on ASCII text. Else
    /// of the loose ASCII form: only its "no" is.
    pub(super) exact: bool,
    /// Bytes searched in the sparse form so far (counted loosely between
    /// threads: it only decides when to build `table`).
    searched: AtomicUsize,
    table: OnceLock<Option<Table>>,
    /// What of the pattern reaches past ASCII (`None` inside: no parse).
    reach: OnceLock<Option<Reach>>,
}

impl Prebuilt {
    pub(super) fn new((dfa, exact): (sparse::DFA<&'static [u8]>, bool)) -> Prebuilt {
        Prebuilt {
            dfa,
            exact,
            searched: AtomicUsize::new(0),
            table: OnceLock::new(),
            reach: OnceLock::new(),
        }
    }

    /// Whether the pattern (parsed by `hir`) matches `text` exactly where
    /// its ASCII form does, although the text is not ASCII: none of its
    /// other characters is one the pattern can match, so each ends any
    /// match as a byte the ASCII form cannot match does; nor, if the
    /// pattern has a Unicode word boundary, a word character, so the
    /// boundaries fall where the ASCII form's do.
    pub(super) fn answers_as_ascii<'h>(
        &self,
        text: &str,
        hir: impl FnOnce() -> Option<&'h Hir>,
    ) -> bool {
        let Some(reach) = self.reach.get_or_init(|| hir().map(Reach::of)) else {
            return false;
        };
        !text.chars().any(|c| {
            !c.is_ascii() && (reach.holds(c) || reach.word && regex_syntax::is_word_character(c))
        })
    }

    /// Whether the DFA matches in `text` (`None`: it cannot tell, having
    /// met a byte it quits on; `build.rs` builds none with such bytes).
    pub(super) fn is_match(&self, text: &str) -> Option<bool> {
        if let Some(Some(t)) = self.table.get() {
            return Some(t.is_match(text.as_bytes()));
        }
        // The copy costs about a sparse search's step per entry: made once
        // the searches have taken as many steps, it costs at most as much
        // again as they did, and a small run never makes it.
        let searched = self.searched.load(Ordering::Relaxed) + text.len() + 1;
        self.searched.store(searched, Ordering::Relaxed);
        if searched >= TABLE_AFTER.saturating_mul(self.dfa.memory_usage())
            && let Some(t) = self.table.get_or_init(|| Table::new(&self.dfa))
        {
            return Some(t.is_match(text.as_bytes()));
        }
        self.search(text)
    }

    fn search(&self, text: &str) -> Option<bool> {
        let mut input = Input::new(text).earliest(true);
        if self.dfa.start_kind() == StartKind::Anchored {
            input = input.anchored(Anchored::Yes);
        }
        self.dfa.try_search_fwd(&input).ok().map(|m| m.is_some())
    }
}

impl Clone for Prebuilt {
    fn clone(&self) -> Prebuilt {
        Prebuilt {
            dfa: self.dfa.clone(),
            exact: self.exact,
            searched: AtomicUsize::new(self.searched.load(Ordering::Relaxed)),
            table: self.table.clone(),
            reach: self.reach.clone(),
        }
    }
}

/// The characters other than ASCII a pattern can match (its classes' and
/// literals'), and whether it has a Unicode word boundary.
#[derive(Clone, Debug)]
struct Reach {
    /// Sorted, apart.
    ranges: Vec<(char, char)>,
    word: bool,
}

impl Reach {
    fn of(hir: &Hir) -> Reach {
        let mut reach = Reach {
            ranges: Vec::new(),
            word: false,
        };
        reach.add(hir);
        reach.ranges.sort_unstable();
        let mut apart: Vec<(char, char)> = Vec::with_capacity(reach.ranges.len());
        for &(a, z) in &reach.ranges {
            match apart.last_mut() {
                Some(last) if u32::from(a) <= u32::from(last.1) + 1 => last.1 = last.1.max(z),
                _ => apart.push((a, z)),
            }
        }
        reach.ranges = apart;
        reach
    }

    fn add(&mut self, hir: &Hir) {
        const ALL: (char, char) = ('\u{80}', char::MAX);
        match hir.kind() {
            HirKind::Empty => {}
            HirKind::Literal(l) => match std::str::from_utf8(&l.0) {
                Ok(s) => self
                    .ranges
                    .extend(s.chars().filter(|c| !c.is_ascii()).map(|c| (c, c))),
                Err(_) => self.ranges.push(ALL),
            },
            HirKind::Class(Class::Unicode(c)) => self.ranges.extend(
                c.ranges()
                    .iter()
                    .filter(|r| r.end() > '\x7f')
                    .map(|r| (r.start().max('\u{80}'), r.end())),
            ),
            HirKind::Class(Class::Bytes(c)) => {
                if c.ranges().iter().any(|r| r.end() > 0x7f) {
                    self.ranges.push(ALL);
                }
            }
            HirKind::Look(l) => {
                self.word |= matches!(
                    l,
                    Look::WordUnicode
                        | Look::WordUnicodeNegate
                        | Look::WordStartUnicode
                        | Look::WordEndUnicode
                        | Look::WordStartHalfUnicode
                        | Look::WordEndHalfUnicode
                )
            }
            HirKind::Repetition(r) => self.add(&r.sub),
            HirKind::Capture(c) => self.add(&c.sub),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().for_each(|h| self.add(h)),
        }
    }

    fn holds(&self, c: char) -> bool {
        let k = self.ranges.partition_point(|&(a, _)| a <= c);
        k > 0 && c <= self.ranges[k - 1].1
    }
}

/// A prebuilt DFA is copied into a `Table` once it has searched this many
/// bytes per byte of its sparse form (about one table entry each).
const TABLE_AFTER: usize = 4;

/// Largest `Table` made (entries): a larger DFA stays sparse, its table
/// too large to stay in cache.
const TABLE_MAX: usize = 1 << 16;

/// A DFA's transitions as one table: a row per state, an entry per byte
/// class and one for the end of the text. The dead state is row 0 and the
/// match states come next, so one compare after each byte tells whether
/// the search is over.
#[derive(Clone, Debug)]
struct Table {
    classes: [u8; 256],
    /// Row by row, each entry the next state's row start; the last entry
    /// of a row is 1 if the text may end there in a match, else 0.
    next: Box<[u32]>,
    /// Entries per row.
    width: usize,
    start: u32,
    /// Rows starting below this are the dead state's and match states'.
    special: u32,
}

impl Table {
    /// `dfa` copied, searching as `Prebuilt::search` does, from the start
    /// of the text. `None`: it has a quit state, or too many entries.
    fn new(dfa: &sparse::DFA<&'static [u8]>) -> Option<Table> {
        let mode = if dfa.start_kind() == StartKind::Anchored {
            Anchored::Yes
        } else {
            Anchored::No
        };
        let start = dfa
            .start_state_forward(&Input::new("").anchored(mode))
            .ok()?;
        let bc = dfa.byte_classes();
        let width = bc.alphabet_len();
        // A byte of each class, in class order (the last class is the end
        // of the text, which has none).
        let mut reps = vec![0u8; width - 1];
        for b in (0..=255u8).rev() {
            reps[usize::from(bc.get(b))] = b;
        }
        // Every state the search can reach but the dead one.
        let mut order = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        let mut todo = vec![start];
        while let Some(sid) = todo.pop() {
            if dfa.is_dead_state(sid) || !seen.insert(sid) {
                continue;
            }
            if dfa.is_quit_state(sid) || (order.len() + 2).saturating_mul(width) > TABLE_MAX {
                return None;
            }
            order.push(sid);
            todo.extend(reps.iter().map(|&b| dfa.next_state(sid, b)));
        }
        // Row 0 is the dead state's (reached or not), then the match
        // states', then the rest's.
        order.sort_by_key(|&sid| !dfa.is_match_state(sid));
        let row = |i: usize| u32::try_from((i + 1) * width).ok();
        let mut rows = rustc_hash::FxHashMap::default();
        for (i, &sid) in order.iter().enumerate() {
            rows.insert(sid, row(i)?);
        }
        let to_row = |sid| rows.get(&sid).copied().unwrap_or(0);
        let mut next = vec![0u32; (order.len() + 1) * width];
        for (i, &sid) in order.iter().enumerate() {
            let r = (i + 1) * width;
            for (c, &b) in reps.iter().enumerate() {
                next[r + c] = to_row(dfa.next_state(sid, b));
            }
            next[r + width - 1] = u32::from(dfa.is_match_state(dfa.next_eoi_state(sid)));
        }
        let matches = order.iter().filter(|&&sid| dfa.is_match_state(sid)).count();
        Some(Table {
            classes: std::array::from_fn(|b| bc.get(b as u8)),
            next: next.into_boxed_slice(),
            width,
            start: to_row(start),
            special: row(matches)?,
        })
    }

    /// As `Prebuilt::search`: whether a match state is reached, after a
    /// byte or at the end.
    fn is_match(&self, text: &[u8]) -> bool {
        let mut s = self.start;
        for &b in text {
            s = self.next[s as usize + usize::from(self.classes[usize::from(b)])];
            if s < self.special {
                return s != 0;
            }
        }
        self.next[s as usize + self.width - 1] != 0
    }
}

impl Clone for Tester {
    fn clone(&self) -> Tester {
        Tester {
            pool: Tester::pool(&self.dfa, &self.pikevm),
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

    /// Each built-in pattern's prebuilt DFA copied into a table answers as
    /// the DFA does (and so as the pattern, on ASCII text, for an exact
    /// one) on made-up texts: matches of the pattern (`patset::tests::
    /// sample`), some with a word or sign added, some cut short.
    #[test]
    fn tables_answer_as_their_dfas() {
        use crate::classify::prebuilt;
        let mut rng = crate::test_rng::XorShift::new(0x7ab1_e5ee_d001);
        let glue = [
            " ", ", ", ".", "\n", "12", "x", "Word", "é", "’", "\u{212a}", "©",
        ];
        let (mut tables, mut tried, mut matched) = (0, 0, 0);
        for p in prebuilt::patterns() {
            let Some(pre) = prebuilt::ascii_dfa(p).map(Prebuilt::new) else {
                continue;
            };
            let Some(table) = Table::new(&pre.dfa) else {
                continue;
            };
            tables += 1;
            let re = regex::Regex::new(p).unwrap();
            let hir = prebuilt::parse(p).unwrap();
            for k in 0..40 {
                let mut t = String::new();
                if k % 3 == 1 {
                    t.push_str(rng.pick(&glue));
                }
                super::super::tests::sample(&hir, &mut rng, &mut t);
                if k % 4 == 3 {
                    t.push_str(rng.pick(&glue));
                }
                if k % 5 == 4 {
                    let cut = t.char_indices().map(|(i, _)| i).nth(rng.below(t.len()));
                    t.truncate(cut.unwrap_or(0));
                }
                let want = pre.search(&t);
                assert_eq!(Some(table.is_match(t.as_bytes())), want, "{p} on {t:?}");
                if t.is_ascii() {
                    let m = re.is_match(&t);
                    assert!(want == Some(m) || !pre.exact && !m, "{p} on {t:?}");
                }
                tried += 1;
                matched += usize::from(want == Some(true));
            }
        }
        // Most DFAs fit a table, and many texts match (not those the
        // classes made non-ASCII, nor most of those cut short).
        assert!(tables > 400, "{tables}");
        assert!(matched * 10 > tried, "{matched} of {tried}");
    }

    /// On text with characters other than ASCII, a built-in pattern that
    /// `answers_as_ascii` there answers as its prebuilt DFA does (a loose
    /// one: at least wherever the pattern matches), on made-up matches of
    /// the pattern with such characters put in, case variants among them.
    #[test]
    fn texts_answered_as_ascii_answer_as_the_patterns() {
        use crate::classify::prebuilt;
        let mut rng = crate::test_rng::XorShift::new(0x0a5c_11a5_c11a);
        let others = [
            "é", "É", "’", "“", "—", "©", "\u{a0}", "\u{2009}", "\u{212a}", "\u{17f}", "Ω", "·",
            "…", "Élodie", "٣",
        ];
        let glue = [" ", "x", "12", ".", ""];
        let (mut tried, mut applied, mut matched) = (0, 0, 0);
        for p in prebuilt::patterns() {
            let Some(pre) = prebuilt::ascii_dfa(p).map(Prebuilt::new) else {
                continue;
            };
            let re = regex::Regex::new(p).unwrap();
            let hir = prebuilt::parse(p).unwrap();
            for k in 0..40 {
                let mut t = String::new();
                t.push_str(rng.pick(&glue));
                super::super::tests::sample(&hir, &mut rng, &mut t);
                t.push_str(rng.pick(&glue));
                // Anywhere (mostly breaking a match), or apart before or after.
                let other = rng.pick(&others);
                match k % 3 {
                    0 => {
                        let at = t.char_indices().map(|(i, _)| i).nth(rng.below(t.len() + 1));
                        t.insert_str(at.unwrap_or(t.len()), other);
                    }
                    1 => t = format!("{other} {t}"),
                    _ => t = format!("{t} {other}"),
                }
                tried += 1;
                if !pre.answers_as_ascii(&t, || Some(&hir)) {
                    continue;
                }
                applied += 1;
                let (got, want) = (pre.search(&t), re.is_match(&t));
                if pre.exact {
                    assert_eq!(got, Some(want), "{p} on {t:?}");
                } else {
                    assert!(got == Some(true) || !want, "{p} on {t:?}");
                }
                matched += usize::from(want);
            }
        }
        // Many texts are answered so, and some of those match.
        assert!(applied * 10 > tried, "{applied} of {tried}");
        assert!(matched * 20 > applied, "{matched} of {applied}");
    }

    #[test]
    fn reach_holds_what_the_pattern_can_match_past_ascii() {
        let reach = |p: &str| Reach::of(&regex_syntax::Parser::new().parse(p).unwrap());
        let r = reach(r"(?i)^(café|[a-f]+|\d)\b");
        assert!(r.word);
        for c in ['é', 'É', '٣', '\u{ff10}'] {
            assert!(r.holds(c), "{c:?}");
        }
        for c in ['’', 'ü', '©', '\u{a0}'] {
            assert!(!r.holds(c), "{c:?}");
        }
        // `(?i)k` matches the Kelvin sign, `.` all but a newline.
        assert!(reach(r"(?i)k").holds('\u{212a}'));
        assert!(!reach(r"(?i)k(?-u:\b)").word);
        let dot = reach(r"a.b");
        assert!(['é', '’', char::MAX].iter().all(|&c| dot.holds(c)));
        assert!(!reach(r"^abc$").holds('é'));
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
                }
            }
        }
    }
}
