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
    /// What the pattern's characters past ASCII can be replaced by
    /// (`None` inside: no parse, or a byte class past ASCII).
    subst: OnceLock<Option<Subst>>,
}

impl Prebuilt {
    pub(super) fn new((dfa, exact): (sparse::DFA<&'static [u8]>, bool)) -> Prebuilt {
        Prebuilt {
            dfa,
            exact,
            searched: AtomicUsize::new(0),
            table: OnceLock::new(),
            subst: OnceLock::new(),
        }
    }

    /// `f` of `text` with each character past ASCII replaced by an ASCII
    /// one the pattern (parsed by `hir`) treats alike (`Subst`), or left
    /// as it is where the pattern can match no such character; the
    /// pattern matches the text exactly where it matches that image, and
    /// so where its ASCII forms do. `None`: some character has no such
    /// replacement (or the pattern does not parse).
    pub(super) fn with_ascii_image<'h, R>(
        &self,
        text: &str,
        hir: impl FnOnce() -> Option<&'h Hir>,
        f: impl FnOnce(&str) -> R,
    ) -> Option<R> {
        let subst = self.subst.get_or_init(|| hir().and_then(Subst::of));
        let subst = subst.as_ref()?;
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
            subst: self.subst.clone(),
        }
    }
}

/// A replacement for each character past ASCII by one the pattern treats
/// alike: an ASCII character in exactly the same of its classes and
/// literal characters (and, if the pattern has a Unicode word boundary,
/// a word character just as it is; not one if it has an ASCII boundary,
/// at which its bytes count as none; never a line end, which anchors can
/// look at). A match of the pattern runs character by character through
/// its classes and literals, its look-arounds seeing only the characters
/// next to them, so the pattern matches a text where it matches the text
/// so replaced, which is ASCII: its ASCII forms answer there. A character
/// in none of them, and no word character where that counts, is kept: it
/// ends any match of the ASCII forms, as it ends the pattern's.
#[derive(Clone, Debug)]
struct Subst {
    /// Where each run of characters replaced alike starts (the first at
    /// U+0080), sorted.
    starts: Vec<u32>,
    /// Per run: the replacement of its characters that are no word
    /// characters, and of those that are (or `KEEP` or `NONE`); the same
    /// unless the pattern has a Unicode word boundary. (Runs of the word
    /// characters' hundreds of ranges would be most of them, made for
    /// each pattern.)
    to: Vec<[u8; 2]>,
}

/// A class's ranges of characters (as numbers), sorted and apart.
type Ranges = Vec<(u32, u32)>;

/// In `Subst::to`: the character stays as it is.
const KEEP: u8 = 0x80;
/// In `Subst::to`: the character has no replacement.
const NONE: u8 = 0xff;

impl Subst {
    /// `None`: the pattern has a byte class past ASCII, or a literal that
    /// is not UTF-8 (it matches bytes, not characters).
    fn of(hir: &Hir) -> Option<Subst> {
        // Line ends, which `(?m)` anchors look at, as classes of their own.
        let mut atoms: Vec<Ranges> = vec![vec![(10, 10)], vec![(13, 13)]];
        let (mut uword, mut aword) = (false, false);
        Subst::atoms(hir, &mut atoms, &mut uword, &mut aword)?;
        if aword {
            atoms.push(vec![(0x30, 0x39), (0x41, 0x5a), (0x5f, 0x5f), (0x61, 0x7a)]);
        }
        atoms.sort_unstable();
        atoms.dedup();
        // The classes with characters past ASCII (a character past ASCII
        // is in none of the others), and those ranges of theirs.
        let (wide, narrow): (Vec<&Ranges>, Vec<&Ranges>) = atoms
            .iter()
            .partition(|a| a.last().is_some_and(|r| r.1 >= 0x80));
        // One more bit: being a word character, where that counts.
        if wide.len() > 63 {
            return None;
        }
        let word_bit = if uword { 1u64 << wide.len() } else { 0 };
        let holds = |a: &[(u32, u32)], c: u32| a.iter().take_while(|r| r.0 <= c).any(|r| c <= r.1);
        // An ASCII character in none of the others, by its classes among
        // those (as bits): it replaces the characters in just these.
        let mut by_set = rustc_hash::FxHashMap::default();
        for c in (0..0x80u32).rev() {
            if narrow.iter().any(|a| holds(a, c)) {
                continue;
            }
            let word = char::from_u32(c).is_some_and(regex_syntax::is_word_character);
            let set = wide
                .iter()
                .enumerate()
                .fold(0u64, |set, (k, a)| set | u64::from(holds(a, c)) << k);
            by_set.insert(set | if word { word_bit } else { 0 }, c as u8);
        }
        let to = |set: u64| match set {
            0 => KEEP,
            _ => by_set.get(&set).copied().unwrap_or(NONE),
        };
        let wide: Vec<&[(u32, u32)]> = wide
            .iter()
            .map(|a| &a[a.partition_point(|r| r.1 < 0x80)..])
            .collect();
        // Past ASCII, run by run of characters in the same classes: at
        // each, the classes holding it and where the next run starts.
        let mut next_range = vec![0usize; wide.len()];
        let (mut starts, mut tos) = (Vec::new(), Vec::<[u8; 2]>::new());
        let mut at = 0x80;
        while at <= 0x10_ffff {
            let (mut set, mut next) = (0u64, 0x11_0000);
            for (k, a) in wide.iter().enumerate() {
                let i = &mut next_range[k];
                while a.get(*i).is_some_and(|r| r.1 < at) {
                    *i += 1;
                }
                if let Some(&(s, e)) = a.get(*i) {
                    if s <= at {
                        set |= 1 << k;
                        next = next.min(e + 1);
                    } else {
                        next = next.min(s);
                    }
                }
            }
            let r = [to(set), to(set | word_bit)];
            if tos.last() != Some(&r) {
                starts.push(at);
                tos.push(r);
            }
            at = next;
        }
        Some(Subst { starts, to: tos })
    }

    /// Each class and literal character of `hir` into `atoms`, and
    /// whether it has a Unicode (`uword`) or ASCII (`aword`) word boundary.
    /// `None`: a byte class past ASCII, or a literal not UTF-8.
    fn atoms(hir: &Hir, atoms: &mut Vec<Ranges>, uword: &mut bool, aword: &mut bool) -> Option<()> {
        match hir.kind() {
            HirKind::Empty => {}
            HirKind::Literal(l) => {
                let s = std::str::from_utf8(&l.0).ok()?;
                atoms.extend(s.chars().map(|c| vec![(u32::from(c), u32::from(c))]));
            }
            HirKind::Class(Class::Unicode(c)) => atoms.push(
                c.ranges()
                    .iter()
                    .map(|r| (u32::from(r.start()), u32::from(r.end())))
                    .collect(),
            ),
            HirKind::Class(Class::Bytes(c)) => {
                if c.ranges().iter().any(|r| r.end() > 0x7f) {
                    return None;
                }
                atoms.push(
                    c.ranges()
                        .iter()
                        .map(|r| (u32::from(r.start()), u32::from(r.end())))
                        .collect(),
                );
            }
            HirKind::Look(l) => match l {
                Look::WordUnicode
                | Look::WordUnicodeNegate
                | Look::WordStartUnicode
                | Look::WordEndUnicode
                | Look::WordStartHalfUnicode
                | Look::WordEndHalfUnicode => *uword = true,
                Look::WordAscii
                | Look::WordAsciiNegate
                | Look::WordStartAscii
                | Look::WordEndAscii
                | Look::WordStartHalfAscii
                | Look::WordEndHalfAscii => *aword = true,
                _ => {}
            },
            HirKind::Repetition(r) => Subst::atoms(&r.sub, atoms, uword, aword)?,
            HirKind::Capture(c) => Subst::atoms(&c.sub, atoms, uword, aword)?,
            HirKind::Concat(v) | HirKind::Alternation(v) => {
                for h in v {
                    Subst::atoms(h, atoms, uword, aword)?;
                }
            }
        }
        Some(())
    }

    /// What `c` (past ASCII) is replaced by.
    fn of_char(&self, c: char) -> u8 {
        let k = self.starts.partition_point(|&s| s <= u32::from(c));
        match self.to.get(k.wrapping_sub(1)) {
            Some(&[a, w]) if a != w && regex_syntax::is_word_character(c) => w,
            Some(&[a, _]) => a,
            None => NONE,
        }
    }

    /// `text` with its characters past ASCII replaced, into `out`; false
    /// (`out` unfinished) where one has no replacement.
    fn image(&self, text: &str, out: &mut String) -> bool {
        out.clear();
        let mut rest = text;
        loop {
            let n = rest
                .bytes()
                .position(|b| !b.is_ascii())
                .unwrap_or(rest.len());
            out.push_str(&rest[..n]);
            let Some(c) = rest[n..].chars().next() else {
                return true;
            };
            match self.of_char(c) {
                NONE => return false,
                KEEP => out.push(c),
                a => out.push(char::from(a)),
            }
            rest = &rest[n + c.len_utf8()..];
        }
    }
}

/// A prebuilt DFA is copied into a `Table` once it has searched this many
/// bytes per byte of its sparse form (about one table entry each). At 4,
/// on 100 MB of text, the sparse searches cost three times what the
/// copies did; at 1 about as much.
const TABLE_AFTER: usize = 1;

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
        // Every state the search can reach but the dead one, numbered as
        // first met, with its transitions by those numbers (`DEAD`: to
        // the dead state): each asked of the sparse DFA once, as it scans
        // a state's ranges for each.
        const DEAD: u32 = u32::MAX;
        let mut number = rustc_hash::FxHashMap::default();
        let mut order = Vec::new();
        let mut trans: Vec<u32> = Vec::new();
        let mut meet = |sid, order: &mut Vec<_>| -> Option<u32> {
            if dfa.is_dead_state(sid) {
                return Some(DEAD);
            }
            if let Some(&n) = number.get(&sid) {
                return Some(n);
            }
            if dfa.is_quit_state(sid) || (order.len() + 2).saturating_mul(width) > TABLE_MAX {
                return None;
            }
            let n = u32::try_from(order.len()).ok()?;
            number.insert(sid, n);
            order.push(sid);
            Some(n)
        };
        let start = meet(start, &mut order)?;
        let mut done = 0;
        while let Some(&sid) = order.get(done) {
            // Consecutive classes mostly go to the same state.
            let mut last = None;
            for &b in &reps {
                let to = dfa.next_state(sid, b);
                let n = match last {
                    Some((s, n)) if s == to => n,
                    _ => meet(to, &mut order)?,
                };
                last = Some((to, n));
                trans.push(n);
            }
            done += 1;
        }
        // Row 0 is the dead state's (reached or not), then the match
        // states', then the rest's.
        let row = |i: usize| u32::try_from((i + 1) * width).ok();
        let mut rows = vec![0u32; order.len()];
        let mut k = 0;
        for matching in [true, false] {
            for (i, &sid) in order.iter().enumerate() {
                if dfa.is_match_state(sid) == matching {
                    rows[i] = row(k)?;
                    k += 1;
                }
            }
        }
        let matches = order.iter().filter(|&&sid| dfa.is_match_state(sid)).count();
        let mut next = vec![0u32; (order.len() + 1) * width];
        for (i, &sid) in order.iter().enumerate() {
            let r = rows[i] as usize;
            for (c, &n) in trans[i * (width - 1)..(i + 1) * (width - 1)]
                .iter()
                .enumerate()
            {
                next[r + c] = rows.get(n as usize).copied().unwrap_or(0);
            }
            next[r + width - 1] = u32::from(dfa.is_match_state(dfa.next_eoi_state(sid)));
        }
        Some(Table {
            classes: std::array::from_fn(|b| bc.get(b as u8)),
            next: next.into_boxed_slice(),
            width,
            start: rows.get(start as usize).copied().unwrap_or(0),
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
            let Some(pre) = prebuilt::ascii_dfa(p).map(Prebuilt::new) else {
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
                let Some(got) = pre.with_ascii_image(&t, || Some(&hir), |img| pre.search(img))
                else {
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
