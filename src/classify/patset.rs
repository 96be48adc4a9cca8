//! A regex set with the same answers as `regex::RegexSet::matches`, fast on
//! non-ASCII text and on text that matches nothing.
//!
//! Unicode `\b` keeps the regex crate's DFAs off any non-ASCII haystack, so
//! a set with `\b` in it runs on the slow PikeVM for almost every block of
//! a non-English page. Here each pattern also has a loose form, with its
//! word-boundary assertions removed and its counted repetitions opened up:
//! it matches a superset of what the pattern matched, and a DFA can run it.
//!
//! Most blocks match no pattern, and even a DFA over a hundred patterns at
//! once spends its time building states. So each pattern also gets a set
//! of literal factors, one of which every match must contain (`follow us`
//! for `(?i)\bfollow us\b.{0,60}facebook`), or, anchored at the start, of
//! prefixes; one pass over the block (hashed 4-byte windows, `Grams`; in
//! any ASCII casing, as the factors are folded) finds the factors present,
//! a walk down a trie of the prefixes from its first byte those it starts
//! with (`Heads`), and only the patterns they name (the candidates) are
//! run (a pattern anchored at the end, `...$`, also needs the text to end
//! with one of its suffixes, found by a walk from the last byte). A
//! pattern may have several factor sets (`factors`: `(latest|new) posts`
//! and `your inbox`) and a prefix: it is a candidate only if a literal of
//! each is found, and the text is as long as one of its matches can be.
//! Each candidate then runs alone (`Tester`: a forward lazy DFA): on ASCII
//! text an ASCII form of the pattern (`ascii_form`, same answers there, a
//! smaller DFA), on other text the loose form first, then exact. Patterns
//! with no usable factor are candidates unless the text lacks a byte they
//! need. Told the word and link-density bounds of each pattern's rule
//! (`set_bounds`), a block is only searched for factors of patterns that
//! can apply to blocks like it (a long paragraph for a few long ones), and
//! only those patterns are candidates. The answer is exactly the original
//! set's: a factor is a necessary condition, never a sufficient one.

use std::ops::Range;
use std::sync::OnceLock;

mod bounds;
mod factors;
pub(super) mod forms;
mod literals;
mod seqs;
mod tester;

pub use bounds::Bounds;
use bounds::Classes;
use factors::{ByteSet, Bytes, Known, Lits, bytes_in, needs};
use forms::{ascii_form_hir, loosen_hir};
use literals::{Grams, Heads, Leads, Table, rarest};
use regex::{RegexSet, RegexSetBuilder};
use regex_syntax::hir::Hir;
use seqs::{Lane, Lanes};
use tester::{Prebuilt, Tester};

#[derive(Debug, Clone)]
pub struct PatternSet {
    /// The patterns as given.
    patterns: Vec<String>,
    /// Per pattern: its exact regex, built when first needed (`None`
    /// inside: it would not compile).
    exact: Vec<OnceLock<Option<Tester>>>,
    /// Per pattern: its ASCII form (`ascii_form`), which answers as the
    /// pattern on ASCII text, built when first needed (`None` inside: it
    /// would not compile).
    ascii: Vec<OnceLock<Option<Tester>>>,
    /// Per pattern: its ASCII form's DFA built with unboil, or its loose
    /// ASCII form's (`prebuilt::ascii_dfa`), read when first needed
    /// (`None` inside: a pattern not built in, or neither DFA prebuilt).
    prebuilt: Vec<OnceLock<Option<Prebuilt>>>,
    /// Per pattern: the loose form as a regex of its own, built when first
    /// needed (`None` inside: the pattern has no loose form, or it would
    /// not compile alone).
    single: Vec<OnceLock<Option<Tester>>>,
    size_limit: usize,
    dfa_size_limit: usize,
    prefilter: Prefilter,
    /// Per pattern: its parse (`None`: it does not parse), kept from
    /// building the prefilter: each form compiled is built from it. A
    /// built-in one's is rebuilt when first needed (`hir`).
    hirs: Vec<OnceLock<Option<Hir>>>,
}

/// The search for every pattern's factors (ASCII case folded).
#[derive(Debug, Clone)]
struct Prefilter {
    /// Factors searched anywhere in the text, each with the set patterns it
    /// is a factor of.
    any: Vec<(Vec<u8>, Vec<u32>)>,
    /// Per pattern: the fewest bytes a match has, and for a pattern
    /// anchored at both ends the most (`u32::MAX`: no bound), which a
    /// text it matches has too.
    lengths: Vec<(u32, u32)>,
    /// Per pattern: the bytes a text it matches can start and end with
    /// (all where it is not anchored there). A pattern with no literal to
    /// search for (`^\p{Lu}...`, `^[0-9]...`) is otherwise run on every
    /// text, and most do not start as it must.
    edges: Vec<[ByteSet; 2]>,
    /// A bit per pattern with an end whose `edges` set is not every
    /// byte: only these can fail the edge check, so the others' sets (a
    /// cache line each, mostly not in cache) are not read.
    edged: Vec<u64>,
    /// Characters the factors do not account for (see `Factors`), each
    /// with the ASCII letter it is a case variant of.
    bail: Vec<(char, u8)>,
    /// A search for each of `bail`'s characters, built once: `str::contains`
    /// sets one up per call, for each non-ASCII block.
    bail_finders: Vec<memchr::memmem::Finder<'static>>,
    /// Per pattern: the blocks it applies to.
    bounds: Vec<Bounds>,
    /// The classes of blocks the same patterns apply to.
    classes: Classes,
    /// The factor searches and, per class of blocks, which one it uses and
    /// the patterns that apply; built when first needed. A long paragraph
    /// is searched for a handful of factors, not all.
    tiers: OnceLock<Tiers>,
    /// The prefixes of patterns anchored at the start, searched there
    /// only. One for all blocks, not one per class: a thousand literals
    /// and their table in a copy per class crowd the cache out, and a
    /// short line starts with few of them anyway (`within` checks the
    /// bounds of what it finds).
    anchored: Heads,
    /// The suffixes of patterns anchored at the end, reversed, searched
    /// back from the end: a pattern that has them is a candidate only if
    /// the text ends with one, whatever else made it one.
    tails: Heads,
    /// Per pattern: factor sets left out of the search (see `new`), a
    /// literal of each of which the text must hold too.
    later: Vec<Vec<Vec<Later>>>,
    /// A bit per pattern with such sets.
    later_bits: Vec<u64>,
    /// A bit per pattern that has suffixes in `tails`.
    tailed: Vec<u64>,
    /// Patterns with no prefix or factor: candidates for every text.
    always: Vec<u32>,
    /// Per `always` pattern: byte sets (`needs`) the text must hold one
    /// byte of each for it to match.
    always_needs: Vec<Vec<Bytes>>,
    /// `always_needs` as byte classes (`None`: more than 64 sets).
    need_table: Option<NeedTable>,
    /// Per `always` pattern: runs of byte classes (`seqs::pick`) the text
    /// must hold, where its lanes in `lanes` are.
    always_runs: Vec<Vec<Lane>>,
    /// The runs of all the `always` patterns, searched at once.
    lanes: Lanes,
    /// The lengths and end bytes of the `always` patterns as bit masks
    /// (`None`: more than 64 of them): which of them a text fits is a few
    /// lookups, not a loop over them per block.
    gate: Option<Gate>,
}

/// The need sets of the `always` patterns as classes of bytes: bit `k` of
/// `of[b]` is set when byte `b` is in set `k`, and `wants[j]` has the bits
/// of `always[j]`'s sets. The classes a text holds are a lookup per byte
/// (where the bytes it holds took a few steps per byte, and a fold of a
/// table), and each pattern's needs one mask test, not a loop.
#[derive(Debug, Clone)]
struct NeedTable {
    of: Box<[u64; 256]>,
    wants: Vec<u64>,
}

impl NeedTable {
    fn new(needs: &[Vec<Bytes>]) -> Option<NeedTable> {
        let mut sets: Vec<Bytes> = Vec::new();
        for &n in needs.iter().flatten() {
            if !sets.contains(&n) {
                sets.push(n);
            }
        }
        if sets.len() > 64 {
            return None;
        }
        let mut of = Box::new([0u64; 256]);
        for (k, &set) in sets.iter().enumerate() {
            for b in (0..128u8).filter(|&b| set >> b & 1 != 0) {
                of[usize::from(b)] |= 1 << k;
            }
        }
        let wants = needs
            .iter()
            .map(|ns| {
                ns.iter()
                    .filter_map(|n| sets.iter().position(|s| s == n))
                    .fold(0u64, |m, k| m | 1 << k)
            })
            .collect();
        Some(NeedTable { of, wants })
    }

    /// The classes (sets) `text` holds a byte of.
    fn classes_in(&self, text: &[u8]) -> u64 {
        let of = &*self.of;
        // Eight bytes a step, each a lookup, or'ed in a tree: one running
        // or was a chain of eight dependent steps per chunk.
        let mut chunks = text.chunks_exact(8);
        let mut held = 0u64;
        let eight = |c: &[u8]| {
            let o = |k: usize| of[usize::from(c[k])];
            ((o(0) | o(1)) | (o(2) | o(3))) | ((o(4) | o(5)) | (o(6) | o(7)))
        };
        for c in chunks.by_ref() {
            held |= eight(c);
        }
        match text.len().checked_sub(8) {
            // The last eight bytes again, over some already or'ed (an or
            // is the same twice): the bytes left over one by one were a
            // loop that ended at a place no branch foresaw.
            Some(last) if !chunks.remainder().is_empty() => held |= eight(&text[last..]),
            Some(_) => {}
            None => {
                for &b in text {
                    held |= of[usize::from(b)];
                }
            }
        }
        held
    }

    /// The classes the bytes of `text` from `from` on (fewer than eight)
    /// hold a byte of, or some of those before too: the last eight bytes
    /// or'ed at once, as `classes_in` ends.
    fn classes_after(&self, text: &[u8], from: usize) -> u64 {
        let of = &*self.of;
        match text.len().checked_sub(8) {
            Some(last) if from < text.len() => {
                text[last..].iter().fold(0, |m, &b| m | of[usize::from(b)])
            }
            Some(_) => 0,
            None => text
                .get(from..)
                .unwrap_or_default()
                .iter()
                .fold(0, |m, &b| m | of[usize::from(b)]),
        }
    }

    /// Whether `always[j]`'s needs are among the classes `held`.
    fn holds(&self, j: usize, held: u64) -> bool {
        self.wants.get(j).is_some_and(|&w| w & !held == 0)
    }
}

/// `Fits::holds` of each `always` pattern (bit `j` for `always[j]`) by
/// the text's first byte, last byte and length.
#[derive(Debug, Clone)]
struct Gate {
    first: Box<[u64; 256]>,
    last: Box<[u64; 256]>,
    /// By length, below `by_len.len()`.
    by_len: Vec<u64>,
    /// At or past `by_len.len()`: those with no most length (the least
    /// and every finite most are below it).
    long: u64,
}

impl Gate {
    /// Most entries of `by_len`: past this, a pattern's bounds are not
    /// tabled (no gate).
    const MAX_LEN: u32 = 4096;

    fn new(always: &[u32], lengths: &[(u32, u32)], edges: &[[ByteSet; 2]]) -> Option<Gate> {
        if always.len() > 64 {
            return None;
        }
        let mut cap = 0u32;
        for &i in always {
            let (least, most) = lengths[i as usize];
            cap = cap.max(least.saturating_add(1));
            if most != u32::MAX {
                cap = cap.max(most.saturating_add(1));
            }
        }
        if cap > Gate::MAX_LEN {
            return None;
        }
        let mut gate = Gate {
            first: Box::new([0; 256]),
            last: Box::new([0; 256]),
            by_len: vec![0; cap as usize],
            long: 0,
        };
        for (j, &i) in always.iter().enumerate() {
            let bit = 1u64 << j;
            let (least, most) = lengths[i as usize];
            for (n, m) in gate.by_len.iter_mut().enumerate() {
                let n = n as u32;
                if n >= least && n <= most {
                    *m |= bit;
                }
            }
            if most == u32::MAX {
                gate.long |= bit;
            }
            let [start, end] = &edges[i as usize];
            for b in 0..256 {
                let has = |s: &ByteSet| s[b / 64] & 1 << (b % 64) != 0;
                if has(start) {
                    gate.first[b] |= bit;
                }
                if has(end) {
                    gate.last[b] |= bit;
                }
            }
        }
        Some(gate)
    }

    /// Bit `j` set: `always[j]` passes `Fits::holds` for this text.
    fn fits(&self, fits: &Fits) -> u64 {
        let len = self
            .by_len
            .get(fits.len as usize)
            .copied()
            .unwrap_or(self.long);
        match fits.ends {
            [Some(a), Some(z)] => len & self.first[usize::from(a)] & self.last[usize::from(z)],
            // The empty text: no end byte to check.
            _ => len,
        }
    }
}

/// Shortest literal of a prefix that is searched for alone, and of a
/// factor searched for besides a shorter prefix.
const STRONG: usize = 6;

/// Lazy-DFA cache of one pattern run alone: the set's roomy cache is for
/// a hundred patterns at once; this bounds memory over many single ones.
const SINGLE_DFA_LIMIT: usize = 2 << 20;

/// The prefilter for one class of blocks: only the patterns that apply.
#[derive(Debug, Clone)]
struct Tier {
    /// Which of `Tiers::searches` finds the factors of the patterns that
    /// apply (`None`: no such pattern has factors).
    search: Option<usize>,
    /// A bit per pattern that applies.
    applies: Vec<u64>,
    /// Indexes into `Prefilter::always` of the patterns that apply.
    always: Vec<usize>,
    /// The same as bits (with a `Prefilter::gate`).
    always_bits: u64,
}

/// The factor searches, and the tier of each class of blocks.
#[derive(Debug, Clone)]
struct Tiers {
    /// One search per step (`Grams::step`) the classes' factors allow: the
    /// factors of every class with that step. A search per class, as
    /// there were, is a few dozen tables that crowd each other out of
    /// the cache, blocks of each class coming in turn; a class searched
    /// for a few factors it need not be is cheaper than a cache miss, and
    /// a long paragraph, whose factors are long, still looks at every
    /// fourth window.
    searches: Vec<Search>,
    /// Per class of blocks (`classes`), then one for a text with no block
    /// known.
    tiers: Vec<Tier>,
}

#[derive(Debug, Clone)]
struct Search {
    /// `None`: every literal is in `leads`.
    grams: Option<Grams>,
    /// Per literal of `grams`: the set patterns it is a factor of.
    owners: Vec<Vec<u32>>,
    /// The literals led by a rare byte, with their patterns.
    leads: Leads,
}

/// How rare a factor set's literals are in text, roughly: the longest
/// run of letters its most common literal has (a set of short words, ` is
/// a `, is in most paragraphs; `newsletter` is not), then fewer literals.
fn rarity(set: &Lits) -> (usize, std::cmp::Reverse<usize>) {
    let run = |l: &Vec<u8>| {
        l.split(|b| !b.is_ascii_alphabetic())
            .map(<[u8]>::len)
            .max()
            .unwrap_or(0)
    };
    (
        set.iter().map(run).min().unwrap_or(0),
        std::cmp::Reverse(set.len()),
    )
}

/// A literal of a set looked for after the search (`Prefilter::later`),
/// and where its rarest byte is (`literals::rarest`).
#[derive(Debug, Clone)]
struct Later {
    lit: Vec<u8>,
    at: usize,
}

impl Later {
    fn new(lit: Vec<u8>) -> Later {
        Later {
            at: rarest(&lit),
            lit,
        }
    }
}

/// Whether `hay` holds `lit` (ASCII lower case) in any ASCII casing, as
/// the factor search would find it. Looked for from its byte at `off`,
/// its rarest: from its first, ` your ` stopped at every space.
fn holds_folded(hay: &[u8], lit: &[u8], off: usize) -> bool {
    let Some(&b) = lit.get(off) else {
        return true;
    };
    let Some(last) = hay.len().checked_sub(lit.len()) else {
        return false;
    };
    // Where the byte at `off` of an occurrence starting at `from..=last`
    // is.
    let mut from = 0;
    while let Some(p) = hay
        .get(from + off..=last + off)
        .and_then(|h| memchr::memchr2(b, b.to_ascii_uppercase(), h))
    {
        let at = from + p;
        if hay
            .get(at..at + lit.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(lit))
        {
            return true;
        }
        from = at + 1;
    }
    false
}

/// The pattern with every word-boundary assertion (any look-around other
/// than line and text anchors) replaced by the empty match, and `{n,m}`
/// (m > 1) replaced by `{n,}`.
fn loosen(pattern: &str) -> Option<String> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    loosen_hir(&hir).map(|h| h.to_string())
}

/// The pattern as it acts on ASCII text only: classes cut down to their
/// ASCII members, literals holding other characters unmatchable, Unicode
/// word boundaries made ASCII ones (the same on ASCII text: there the word
/// characters are `[0-9A-Za-z_]` either way). On an ASCII haystack it
/// matches exactly where the pattern does, and it compiles to a fraction of
/// the automaton (`(?i)k` is `[Kk]`, not `[Kk\u{212A}]`; `.` one byte).
#[cfg(test)]
fn ascii_form(pattern: &str) -> Option<String> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    Some(ascii_form_hir(&hir).to_string())
}

impl Prefilter {
    /// The prefilter of `patterns`, each parsed once; the parses go to
    /// `hirs`, to compile from when a text first needs a pattern (parsing
    /// again cost more than compiling; holding them takes some megabytes).
    /// One that does not parse is always a candidate.
    fn new(patterns: &[String], hirs: &mut Vec<OnceLock<Option<Hir>>>) -> Prefilter {
        let mut any = Table::default();
        let mut start = Table::default();
        let mut bail = Vec::new();
        let mut always = Vec::new();
        let mut always_needs = Vec::new();
        let mut always_seqs = Vec::new();
        let mut end = Table::default();
        let words = patterns.len().div_ceil(64);
        let mut tailed = vec![0u64; words];
        let mut lengths = Vec::with_capacity(patterns.len());
        let mut later = Vec::with_capacity(patterns.len());
        let mut later_bits = vec![0u64; words];
        let mut edges = Vec::with_capacity(patterns.len());
        for (i, p) in patterns.iter().enumerate() {
            let i = i as u32;
            let mut known = Known::new(super::prebuilt::derived(p));
            // A built-in pattern's parse is rebuilt when first needed: all
            // the prefilter takes from it is known ahead (but for `always`).
            let h = (!known.is_derived())
                .then(|| super::prebuilt::parse(p))
                .flatten();
            lengths.push(known.lengths(h.as_ref()));
            edges.push(known.edges(h.as_ref()));
            if let Some(f) = known.suffix(h.as_ref(), &mut bail) {
                f.into_iter().for_each(|mut l| {
                    l.reverse();
                    end.add(l, i)
                });
                tailed[i as usize / 64] |= 1 << (i % 64);
            }
            let pre = known.prefix(h.as_ref(), &mut bail);
            let shortest = |l: &Lits| l.iter().map(Vec::len).min().unwrap_or(0);
            // A long prefix is enough. Behind a short one (`by`, `l` of
            // `l.auteur`) long factors are searched for too.
            let sets = match &pre {
                Some(p) if shortest(p) >= STRONG => Vec::new(),
                Some(_) => {
                    let mut sets = known.factors(h.as_ref(), &mut bail);
                    sets.retain(|s| shortest(s) >= STRONG);
                    sets
                }
                None => known.factors(h.as_ref(), &mut bail),
            };
            if pre.is_none() && sets.is_empty() {
                let h = h.or_else(|| known.is_derived().then(|| super::prebuilt::parse(p))?);
                always.push(i);
                always_needs.push(h.as_ref().map(needs).unwrap_or_default());
                always_seqs.push(h.as_ref().map(seqs::pick).unwrap_or_default());
                hirs.push(OnceLock::from(h));
                later.push(Vec::new());
                continue;
            }
            hirs.push(match h {
                None if known.is_derived() => OnceLock::new(),
                h => OnceLock::from(h),
            });
            // One pass over the text finds one set of each pattern, its
            // rarest, or none behind a prefix (looked for at the start
            // only); the others are looked for in the few texts that have
            // it. A set of common words (` your `) searched in the pass
            // is found, or nearly (its window), every few lines.
            // So each pattern is searched for by one literal set, and a
            // literal of it found makes the pattern a candidate.
            let mut sets = sets;
            let rest = if pre.is_some() {
                std::mem::take(&mut sets)
            } else {
                let best = (0..sets.len())
                    .rev()
                    .max_by_key(|&g| rarity(&sets[g]))
                    .unwrap_or(0);
                let rest = sets.split_off(1.min(sets.len()));
                if best == 0 {
                    rest
                } else {
                    let mut rest = rest;
                    std::mem::swap(&mut sets[0], &mut rest[best - 1]);
                    rest
                }
            };
            if !rest.is_empty() {
                later_bits[i as usize / 64] |= 1 << (i % 64);
            }
            later.push(rest);
            if let Some(f) = pre {
                f.into_iter().for_each(|l| start.add(l, i));
            }
            for f in sets {
                f.into_iter().for_each(|l| any.add(l, i));
            }
        }
        bail.sort_unstable();
        bail.dedup();
        let flat: Vec<seqs::Seq> = always_seqs.iter().flatten().cloned().collect();
        let (lanes, mut at) = Lanes::new(&flat);
        let always_runs: Vec<Vec<Lane>> = always_seqs
            .iter()
            .map(|s| at.drain(..s.len()).flatten().collect())
            .collect();
        let mut edged = vec![0u64; words];
        for (i, e) in edges.iter().enumerate() {
            if e.iter().flatten().any(|&w| w != u64::MAX) {
                edged[i / 64] |= 1 << (i % 64);
            }
        }
        Prefilter {
            always_runs,
            lanes,
            gate: Gate::new(&always, &lengths, &edges),
            edged,
            edges,
            later: later
                .into_iter()
                .map(|sets: Vec<Lits>| {
                    sets.into_iter()
                        .map(|set| set.into_iter().map(Later::new).collect())
                        .collect()
                })
                .collect(),
            later_bits,
            need_table: NeedTable::new(&always_needs),
            always_needs,
            any: any.lits.into_iter().zip(any.owners).collect(),
            bail_finders: bail
                .iter()
                .map(|&(ch, _)| {
                    memchr::memmem::Finder::new(ch.encode_utf8(&mut [0; 4]).as_bytes()).into_owned()
                })
                .collect(),
            bail,
            bounds: vec![Bounds::default(); patterns.len()],
            classes: Classes::default(),
            tiers: OnceLock::new(),
            anchored: Heads::new(start.lits, start.owners),
            tails: Heads::new(end.lits, end.owners),
            tailed,
            always,
            lengths,
        }
    }

    /// The tier of a block of `words` words and this link density
    /// (`None`: for any text), and the searches.
    fn tier(&self, block: Option<(u32, f32)>) -> (&Tier, &[Search]) {
        let t = self.tiers.get_or_init(|| self.make_tiers());
        let k = block.map_or(self.classes.len(), |(w, d)| self.classes.of(w, d));
        (&t.tiers[k], &t.searches)
    }

    fn make_tiers(&self) -> Tiers {
        let n = self.bounds.len();
        let words = n.div_ceil(64);
        // Per class: the patterns that apply, and the literals of `any`
        // they have, grouped by the step a search for those would take.
        let mut tiers = Vec::new();
        // Keyed by the step and whether literals led by a rare byte are
        // searched apart.
        let mut steps: Vec<((usize, bool), Vec<bool>)> = Vec::new();
        for k in 0..=self.classes.len() {
            let sample = (k < self.classes.len()).then(|| self.classes.sample(k));
            let holds = |i: usize| sample.is_none_or(|(w, d)| self.bounds[i].holds(w, d));
            let mut applies = vec![0u64; words];
            for i in (0..n).filter(|&i| holds(i)) {
                applies[i / 64] |= 1 << (i % 64);
            }
            // (Looked up in `applies`, not asked of the bounds again: the
            // literals' owners are some thousands per class.)
            let applied = |i: usize| applies[i / 64] >> (i % 64) & 1 != 0;
            let lits: Vec<bool> = self
                .any
                .iter()
                .map(|(_, o)| o.iter().any(|&o| applied(o as usize)))
                .collect();
            // Literals led by a rare byte can be found from that byte
            // (`Leads`), not by the windows: done where that lets the
            // windows be looked at further apart, as a short one (`(ap`)
            // has every window of a paragraph looked at. Elsewhere a pass
            // for them would only add to the one over the windows.
            let step_of = |led: bool| {
                (self.any.iter().zip(&lits))
                    .filter(|((l, _), used)| **used && !(led && Leads::takes(l)))
                    .map(|((l, _), _)| l.len())
                    .min()
                    // No literal for the windows: a search of its own kind.
                    .map_or(usize::MAX, Grams::step_for)
            };
            let (plain, apart) = (step_of(false), step_of(true));
            let step = if apart > plain {
                (apart, true)
            } else {
                (plain, false)
            };
            let search =
                lits.iter()
                    .any(|&u| u)
                    .then(|| match steps.iter().position(|(s, _)| *s == step) {
                        Some(g) => {
                            let union = &mut steps[g].1;
                            union.iter_mut().zip(&lits).for_each(|(u, l)| *u |= l);
                            g
                        }
                        None => {
                            steps.push((step, lits));
                            steps.len() - 1
                        }
                    });
            let always: Vec<usize> = (0..self.always.len())
                .filter(|&j| applied(self.always[j] as usize))
                .collect();
            tiers.push(Tier {
                search,
                applies,
                always_bits: always
                    .iter()
                    .filter(|&&j| j < 64)
                    .fold(0, |b, &j| b | 1 << j),
                always,
            });
        }
        let searches = steps
            .into_iter()
            .map(|((_, apart), used)| {
                let (led, rest): (Vec<_>, Vec<_>) = (self.any.iter().zip(used))
                    .filter(|(_, u)| *u)
                    .map(|(lo, _)| lo.clone())
                    .partition(|(l, _)| apart && Leads::takes(l));
                let (lits, owners): (Vec<Vec<u8>>, Vec<Vec<u32>>) = rest.into_iter().unzip();
                Search {
                    grams: (!lits.is_empty()).then(|| Grams::new(&lits)),
                    owners,
                    leads: Leads::new(led),
                }
            })
            .collect();
        Tiers { searches, tiers }
    }
}

/// Patterns a `Candidates` holds without an allocation (64 per word): a
/// set of a thousand, as the built-in text rules are some hundreds, and
/// an allocation per block and rule set costs more than clearing these.
const INLINE_WORDS: usize = 16;

/// A set of pattern indexes, inline for the usual small sets.
pub struct Candidates {
    inline: [u64; INLINE_WORDS],
    heap: Vec<u64>,
    /// Words in use (64 patterns each).
    used: usize,
    /// The words that may hold a candidate (as `live_words`).
    live: u64,
}

impl Candidates {
    fn new(n: usize) -> Candidates {
        let words = n.div_ceil(64);
        Candidates {
            used: words,
            live: 0,
            inline: [0; INLINE_WORDS],
            heap: if words > INLINE_WORDS {
                vec![0; words]
            } else {
                Vec::new()
            },
        }
    }

    fn words(&mut self) -> &mut [u64] {
        if self.heap.is_empty() {
            &mut self.inline[..self.used]
        } else {
            &mut self.heap
        }
    }

    /// Whether no word may hold an index (`iter` yields none; it may
    /// yield none when this is false too).
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// The indexes, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let w: &[u64] = if self.heap.is_empty() {
            &self.inline[..self.used]
        } else {
            &self.heap
        };
        each_live(self.live, w.len()).flat_map(move |k| {
            let mut b = w[k];
            std::iter::from_fn(move || {
                (b != 0).then(|| {
                    let t = b.trailing_zeros() as usize;
                    b &= b - 1;
                    k * 64 + t
                })
            })
        })
    }
}

/// Bit `k` set: word `k` of `words` is not zero (all bits for more than 64
/// words: `each_live` then goes over every word). `found` keeps these bits
/// as it marks candidates, a superset of this.
#[cfg(test)]
fn live_words(words: &[u64]) -> u64 {
    if words.len() > 64 {
        return u64::MAX;
    }
    words
        .iter()
        .enumerate()
        .fold(0, |m, (k, &w)| m | u64::from(w != 0) << k)
}

/// The indexes of the words `live` (as `live_words`) marks, of `n`.
fn each_live(live: u64, n: usize) -> impl Iterator<Item = usize> {
    let all = n > 64;
    let mut bits = if all { 0 } else { live };
    let mut k = 0;
    std::iter::from_fn(move || {
        if all {
            (k < n).then(|| {
                k += 1;
                k - 1
            })
        } else {
            (bits != 0).then(|| {
                let t = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                t
            })
        }
    })
}

/// The bits of word `k` (patterns `64 k ..`) of the patterns in `range`.
fn span_bits(k: usize, range: &Range<usize>) -> u64 {
    let ones = |n: usize| match n.saturating_sub(64 * k) {
        0 => 0,
        n @ 1..64 => (1u64 << n) - 1,
        _ => u64::MAX,
    };
    ones(range.end) & !ones(range.start)
}

/// `<[u8]>::is_ascii`, eight bytes a step and the last eight read
/// overlapping the others: the library's goes a byte at a time over a
/// short text and over the end of a longer one, and blocks are short.
fn is_ascii(b: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A text under eight bytes is its `tail` alone.
    let held = b
        .chunks_exact(8)
        .fold(super::word8::tail(b), |m, c| m | super::word8::head(c));
    held & HIGH == 0
}

/// A text's length and end bytes, which a match of some patterns must
/// fit (`Prefilter::lengths`, `Prefilter::edges`).
struct Fits {
    len: u32,
    ends: [Option<u8>; 2],
}

impl Fits {
    fn new(text: &str) -> Fits {
        let b = text.as_bytes();
        Fits {
            len: u32::try_from(b.len()).unwrap_or(u32::MAX),
            ends: [b.first().copied(), b.last().copied()],
        }
    }

    /// Whether a match of pattern `i` can be the text.
    fn holds(&self, pf: &Prefilter, i: usize) -> bool {
        self.holds_len(pf, i) && self.holds_edges(pf, i)
    }

    /// The length half of `holds`.
    fn holds_len(&self, pf: &Prefilter, i: usize) -> bool {
        let (least, most) = pf.lengths[i];
        self.len >= least && self.len <= most
    }

    /// The end-byte half of `holds` (true where `edged` has no bit).
    fn holds_edges(&self, pf: &Prefilter, i: usize) -> bool {
        pf.edges[i]
            .iter()
            .zip(self.ends)
            .all(|(s, b)| b.is_none_or(|b| s[usize::from(b / 64)] & 1 << (b % 64) != 0))
    }
}

impl PatternSet {
    /// `size_limit`/`dfa_size_limit` apply to the set as to a RegexSet,
    /// and to each pattern compiled alone. Only the factor search is built
    /// here: every regex is compiled when a text first needs it, so a run
    /// over a few small documents does not pay for hundreds of patterns.
    pub fn new(patterns: &[String], size_limit: usize, dfa_size_limit: usize) -> PatternSet {
        let mut hirs = Vec::with_capacity(patterns.len());
        PatternSet {
            prefilter: Prefilter::new(patterns, &mut hirs),
            hirs,
            patterns: patterns.to_vec(),
            exact: (0..patterns.len()).map(|_| OnceLock::new()).collect(),
            ascii: (0..patterns.len()).map(|_| OnceLock::new()).collect(),
            prebuilt: (0..patterns.len()).map(|_| OnceLock::new()).collect(),
            single: (0..patterns.len()).map(|_| OnceLock::new()).collect(),
            size_limit,
            dfa_size_limit,
        }
    }

    fn build_set(&self, pats: &[String]) -> Result<RegexSet, regex::Error> {
        RegexSetBuilder::new(pats)
            .size_limit(self.size_limit)
            .dfa_size_limit(self.dfa_size_limit)
            .build()
    }

    /// Pattern `i`'s loose form, or the pattern when it has none.
    fn loose_src(&self, i: usize) -> String {
        let p = &self.patterns[i];
        loosen(p).unwrap_or_else(|| p.clone())
    }

    /// Build now, for the patterns in `range` as one set, what is
    /// otherwise built when first needed, to refuse a set too large to
    /// compile as a whole when it is loaded rather than meet it on some
    /// text. Their loose forms (word boundaries removed: may match more,
    /// never less) can be larger; then the plain set it is. An error:
    /// neither compiles.
    pub fn check_range(&self, range: Range<usize>) -> Result<(), regex::Error> {
        let range = range.start.min(self.len())..range.end.min(self.len());
        let plain = self.patterns.get(range.clone()).unwrap_or_default();
        let loose: Vec<String> = range.map(|i| self.loose_src(i)).collect();
        match self.build_set(&loose) {
            Ok(_) => Ok(()),
            Err(_) => self.build_set(plain).map(|_| ()),
        }
    }

    /// `check_range` of the whole set.
    pub fn check(&self) -> Result<(), regex::Error> {
        self.check_range(0..self.len())
    }

    /// Pattern `i` compiled exactly: by `single`, or else under the set's
    /// limits. `None`: neither compiles it (a rule file with such a
    /// pattern is refused when loaded, so this does not happen).
    fn exact(&self, i: usize) -> Option<&Tester> {
        self.exact[i]
            .get_or_init(|| self.tester(self.hir(i)?))
            .as_ref()
    }

    /// `pattern` compiled for `is_match` alone: no captures, no prefilter
    /// (a factor of the pattern is known to be in the text), none of the
    /// engines that only help find where a match is. `None`: it does not
    /// compile under the set's limits.
    fn tester(&self, pattern: &Hir) -> Option<Tester> {
        // From the parsed pattern: parsing (Unicode case folding above
        // all) costs more than compiling.
        Tester::new(
            pattern,
            self.size_limit,
            self.dfa_size_limit.min(SINGLE_DFA_LIMIT),
        )
    }

    /// Pattern `i` parsed (`None`: it does not parse), to build one of its
    /// regexes from: each is built from the parse, not printed and parsed
    /// again.
    fn hir(&self, i: usize) -> Option<&Hir> {
        self.hirs[i]
            .get_or_init(|| super::prebuilt::parse(&self.patterns[i]))
            .as_ref()
    }

    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Indexes of the patterns that may match `text`, ascending: every
    /// pattern that matches is among them.
    pub fn candidates(&self, text: &str) -> Candidates {
        self.candidates_within(text, None)
    }

    /// `candidates` for a block of (words, link density): may leave out
    /// patterns whose bounds (`set_bounds`) do not hold for it.
    pub fn candidates_within(&self, text: &str, block: Option<(u32, f32)>) -> Candidates {
        let mut c = self.no_candidates();
        self.candidates_into(text, block, &mut c);
        c
    }

    /// An empty set of candidates, for `candidates_into`.
    pub fn no_candidates(&self) -> Candidates {
        Candidates::new(self.len())
    }

    /// `candidates_within` added to `c` (from `no_candidates`): filled in
    /// place, as a set of some hundred bits copied out of each call is
    /// a copy per block and set.
    pub fn candidates_into(&self, text: &str, block: Option<(u32, f32)>, c: &mut Candidates) {
        self.candidates_in(text, block, 0..self.len(), c);
    }

    /// `candidates_into` of the patterns in `range` only: a set holding
    /// patterns of several kinds (a rule set's text and heading patterns)
    /// searches a block once for the literals of the kinds it asks for.
    pub fn candidates_in(
        &self,
        text: &str,
        block: Option<(u32, f32)>,
        range: Range<usize>,
        c: &mut Candidates,
    ) {
        let pf = &self.prefilter;
        let fits = Fits::new(text);
        let live = self.found(text, text, true, block, &range, &fits, c);
        c.live |= live;
        // A match is as long as the pattern allows: shorter or (for one
        // anchored at both ends) longer texts are out. And one anchored at
        // an end needs a text starting (ending) with a byte it can.
        let words = c.words();
        for k in each_live(live, words.len()) {
            let w = &mut words[k];
            let edged = pf.edged.get(k).copied().unwrap_or(u64::MAX);
            let mut bits = *w;
            while bits != 0 {
                let t = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let i = k * 64 + t;
                // Edges that allow every byte cannot turn a text away.
                if !fits.holds_len(pf, i) || (edged & 1 << t != 0 && !fits.holds_edges(pf, i)) {
                    *w &= !(1 << t);
                }
            }
        }
    }

    /// The literals found in `text` alone, added to `c` (`fits`: of
    /// `text`, to turn patterns with no literal away before their bytes
    /// are looked for).
    /// Returns the words of `c` that may hold a candidate (`live_words`).
    #[allow(clippy::too_many_arguments)]
    fn found(
        &self,
        text: &str,
        orig: &str,
        fold: bool,
        block: Option<(u32, f32)>,
        range: &Range<usize>,
        fits: &Fits,
        c: &mut Candidates,
    ) -> u64 {
        let pf = &self.prefilter;
        // A character the factors do not account for, a case variant of an
        // ASCII letter (the Kelvin sign, the long s): the factors are
        // searched for in a copy with the letter in its place. Where the
        // pattern matched the variant, the copy holds the letter, so every
        // factor of a match is still found; the patterns then run on the
        // text itself.
        if fold
            && !pf.bail.is_empty()
            && !is_ascii(text.as_bytes())
            && pf
                .bail_finders
                .iter()
                .any(|f| f.find(text.as_bytes()).is_some())
        {
            let folded: String = text
                .chars()
                .map(|c| match pf.bail.iter().find(|&&(v, _)| v == c) {
                    Some(&(_, letter)) => letter as char,
                    None => c,
                })
                .collect();
            // The bounds are checked on the text itself: `fits` is of it.
            let live = self.found(&folded, orig, false, block, range, fits, c);
            // A pattern holding the variant itself (`\x{212A}`, not `(?i)k`)
            // has it in its literals: the text as it is is searched too.
            let mut plain = self.no_candidates();
            let more = self.found(text, orig, false, block, range, fits, &mut plain);
            let (w, p) = (c.words(), plain.words());
            for k in each_live(more, p.len()) {
                w[k] |= p[k];
            }
            return live | more;
        }
        let (t, searches) = pf.tier(block);
        let words = c.words();
        // Bit `k`: word `k` of `words` may hold a candidate (`live_words`),
        // kept as they are marked: most blocks have few candidates, in one
        // or two of the words, and the others are not looked at.
        let mut live = 0u64;
        let mut mark = |i: u32| {
            let k = i as usize / 64;
            words[k] |= 1 << (i % 64);
            live |= 1 << (k % 64);
        };
        // The prefixes' trie is large, its nodes out of cache: the first
        // node of the walk is read now and taken up after the factor
        // search, which runs while it loads.
        let begun = pf.anchored.begin(text.as_bytes());
        // The `always` patterns that fit the text's length and ends (with
        // a `gate`): if any, the classes of bytes it holds are wanted
        // below, and gathered by the factor search as it reads the text.
        let fit = pf.gate.as_ref().map(|g| g.fits(fits) & t.always_bits);
        let want = pf
            .need_table
            .as_ref()
            .filter(|_| fit.is_some_and(|b| b != 0));
        let mut gathered = None;
        // Every occurrence of every factor, in one pass over the text.
        if let Some(s) = t.search.and_then(|g| searches.get(g)) {
            if let Some(grams) = &s.grams {
                let owned = |p: usize| s.owners[p].iter().for_each(|&i| mark(i));
                match want {
                    Some(table) => {
                        let (held, passed) = grams.scan_classes(text.as_bytes(), &table.of, owned);
                        gathered = Some(held | table.classes_after(text.as_bytes(), passed));
                    }
                    None => grams.scan(text.as_bytes(), owned),
                }
            }
            s.leads.scan(text.as_bytes(), &mut mark);
        }
        // Each searched pattern has one literal set searched for (see
        // `Prefilter::new`): a literal of it found, the pattern is in.
        pf.anchored.find_begun(text.as_bytes(), begun, &mut mark);
        if words.len() > 64 {
            // No bit per word: each is looked at.
            live = u64::MAX;
        }
        // The search is shared with other classes: a literal found may be
        // of a pattern that does not apply here. Nor need it be of the
        // patterns asked for.
        let whole = range.start == 0 && range.end >= self.len();
        for k in each_live(live, words.len()) {
            words[k] &= t.applies[k];
            if !whole {
                words[k] &= span_bits(k, range);
            }
        }
        // The patterns with no factor that apply are candidates, less
        // those that need a byte the text lacks. Each is then run alone
        // (they are few, and mostly anchored: their DFAs stop within a few
        // bytes, where a set's search costs more to set up than that). The
        // text's bytes are gathered only if one of them fits its length
        // and ends: for most texts none does. (Some are anchored at the
        // end: they are checked with the others below.)
        let (mut held, mut classes) = (None, None);
        let mut need = |j: usize| match &pf.need_table {
            Some(table) => {
                let c = *classes.get_or_insert_with(|| table.classes_in(text.as_bytes()));
                table.holds(j, c)
            }
            None => {
                let held = *held.get_or_insert_with(|| bytes_in(text));
                pf.always_needs[j].iter().all(|&n| n & held != 0)
            }
        };
        // And those that need runs of bytes (`seqs`) the text lacks: on the
        // text itself, as the runs are of the pattern's exact bytes.
        let mut lanes: Option<[u64; seqs::WORDS]> = None;
        let mut runs = |j: usize| {
            let r = pf.always_runs.get(j).map_or(&[][..], Vec::as_slice);
            r.is_empty() || {
                let found = lanes.get_or_insert_with(|| pf.lanes.found(orig.as_bytes()));
                r.iter().all(|l| found[l.word] & l.end != 0)
            }
        };
        let mut mark = |i: usize| {
            words[i / 64] |= 1 << (i % 64);
            if i / 64 < 64 {
                live |= 1 << (i / 64);
            }
        };
        match &pf.gate {
            Some(_) => {
                let mut bits = fit.unwrap_or(0);
                // The classes the text holds, gathered once for all the
                // patterns that fit (`need` asks through a closure each).
                let classes = want.map(|table| {
                    let c = gathered.unwrap_or_else(|| table.classes_in(text.as_bytes()));
                    (table, c)
                });
                while bits != 0 {
                    let j = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    let i = pf.always[j] as usize;
                    let met = match classes {
                        Some((table, c)) => table.holds(j, c),
                        None => need(j),
                    };
                    if met && range.contains(&i) && runs(j) {
                        mark(i);
                    }
                }
            }
            None => {
                for &j in &t.always {
                    let i = pf.always[j] as usize;
                    if range.contains(&i) && fits.holds(pf, i) && need(j) && runs(j) {
                        mark(i);
                    }
                }
            }
        }
        // Candidates with sets left out of the search must hold a literal
        // of each too.
        for k in each_live(live, words.len()) {
            let (w, l) = (&mut words[k], pf.later_bits[k]);
            let mut bits = *w & l;
            while bits != 0 {
                let t = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let sets = &pf.later[k * 64 + t];
                if !sets.iter().all(|set| {
                    set.iter()
                        .any(|l| holds_folded(text.as_bytes(), &l.lit, l.at))
                }) {
                    *w &= !(1 << t);
                }
            }
        }
        // Candidates anchored at the end must also end as they can.
        if each_live(live, words.len()).any(|k| words[k] & pf.tailed[k] != 0) {
            let mut ends = [0u64; INLINE_WORDS];
            let mut heap = Vec::new();
            let ends: &mut [u64] = if words.len() > INLINE_WORDS {
                heap.resize(words.len(), 0);
                &mut heap
            } else {
                &mut ends
            };
            pf.tails.find_back(text.as_bytes(), |i| {
                ends[i as usize / 64] |= 1 << (i % 64);
            });
            for k in each_live(live, words.len()) {
                words[k] &= ends[k] | !pf.tailed[k];
            }
        }
        live
    }

    /// Tell the set, per pattern, the blocks it applies to, for
    /// `candidates_within`.
    pub fn set_bounds(&mut self, bounds: Vec<Bounds>) {
        if bounds.len() == self.len() {
            let pf = &mut self.prefilter;
            pf.classes = Classes::new(&bounds);
            pf.bounds = bounds;
            pf.tiers = OnceLock::new();
        }
    }

    /// Pattern `i` rewritten by `src` (`None`: no rewrite) as a regex of
    /// its own, built on first use into `cell`.
    fn form<'a>(
        &'a self,
        cell: &'a OnceLock<Option<Tester>>,
        i: usize,
        src: fn(&Hir) -> Option<Hir>,
    ) -> Option<&'a Tester> {
        cell.get_or_init(|| self.tester(&src(self.hir(i)?)?))
            .as_ref()
    }

    /// Whether pattern `i` matches `text`.
    pub fn is_match(&self, i: usize, text: &str) -> bool {
        self.is_match_in(i, text, text.is_ascii())
    }

    /// `is_match`, told whether `text` is ASCII (asked once for all the
    /// candidates of a block).
    pub fn is_match_in(&self, i: usize, text: &str, ascii: bool) -> bool {
        let pre = self.prebuilt[i]
            .get_or_init(|| super::prebuilt::ascii_dfa(&self.patterns[i]).and_then(Prebuilt::new));
        // ASCII text, or the ASCII image of other text (`Prebuilt::
        // with_ascii_image`), where the pattern matches as on the text:
        // answered by the ASCII forms, compiled and searched in a fraction
        // of the time of the Unicode ones.
        let on_ascii = |text: &str| {
            // Its DFA built ahead of time, if there is one, answers first
            // (a loose one only where it does not match).
            if let Some(d) = pre
                && let Some(m) = d.is_match(text)
                && (d.exact || !m)
            {
                return m;
            }
            // On ASCII the ASCII form answers alone, with a smaller DFA
            // than the exact regex (which is there if it does not compile).
            match self.form(&self.ascii[i], i, |h| Some(ascii_form_hir(h))) {
                Some(re) => re.is_match(text),
                None => self.exact(i).is_some_and(|re| re.is_match(text)),
            }
        };
        if ascii {
            return on_ascii(text);
        }
        // Or a coded image, where characters past ASCII stand for
        // themselves (`Subst::coded`).
        if let Some(m) = pre.as_ref().and_then(|d| d.coded_answer(text)) {
            return m;
        }
        if let Some(m) = pre
            .as_ref()
            .and_then(|d| d.with_ascii_image(text, on_ascii))
        {
            return m;
        }
        // The loose form is there for the DFA's sake on non-ASCII text: it
        // matches wherever the pattern does, so where it does not, neither
        // does the pattern.
        if self
            .form(&self.single[i], i, loosen_hir)
            .is_some_and(|re| !re.is_match(text))
        {
            return false;
        }
        self.exact(i).is_some_and(|re| re.is_match(text))
    }

    /// Indexes of the patterns that match `text`, ascending.
    pub fn matches(&self, text: &str) -> Vec<usize> {
        self.matches_in(text, 0..self.len())
    }

    /// `matches` of the patterns in `range` only.
    pub fn matches_in(&self, text: &str, range: Range<usize>) -> Vec<usize> {
        let ascii = text.is_ascii();
        let mut c = self.no_candidates();
        self.candidates_in(text, None, range, &mut c);
        c.iter()
            .filter(|&i| self.is_match_in(i, text, ascii))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::factors::factor;
    use super::*;
    use regex::Regex;

    fn pats() -> Vec<String> {
        [
            r"(?i)\bfollow us\b",
            r"\bcat\B",
            r"^(hi|hello)[,!]? i.?m [\p{Lu}]",
            r"(?i)\bpré\b",
            r"plain words",
            r"(?i)\bfollow us\b.{0,10}\b(facebook|x)",
            r"a{2,3}b",
            r"(?i)cookies",
            r"(?i)^(share|tweet|email)[:!.]?$",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn same_answers_as_a_regex_set() {
        let pats = pats();
        let set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        let plain = RegexSet::new(&pats).unwrap();
        for text in [
            "Follow us on the web",
            "unfollow usual",
            "suivez-nous: éfollow us",
            "cats and a catalogue",
            "the cat",
            "hello, i'm Élodie",
            "xhello, i'm Élodie",
            "le pré vert, préféré",
            "aprés",
            "some plain words here",
            "follow us on Facebook",
            "follow us on the social network Facebook",
            "follow us, x",
            "aab aaab aaaab",
            "ab aaaaab",
            "",
            "We use COOKIES",
            "We use coo\u{212A}ies",
            "we use cooſies",
            "Share!",
            "Tweet",
            "EMAIL.",
        ] {
            let want: Vec<usize> = plain.matches(text).iter().collect();
            assert_eq!(set.matches(text), want, "{text:?}");
        }
    }

    #[test]
    fn patterns_without_factors_skip_texts_lacking_a_byte_they_need() {
        let pats: Vec<String> = [r"^[0-9]+[-/][0-9]+$", r"(?i)^k\w+ \d$"]
            .map(String::from)
            .to_vec();
        let set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        let plain = RegexSet::new(&pats).unwrap();
        // Neither a digit nor a dash: the first cannot match.
        assert_eq!(set.candidates("no numbers here").iter().count(), 0);
        let c: Vec<usize> = set.candidates("12-05").iter().collect();
        assert_eq!(c, [0]);
        // `(?i)k` also matches the Kelvin sign: no byte it needs is known.
        for text in ["12-05", "12 05", "\u{212A}elvin 5", "kelvin 5", "k 5", ""] {
            let want: Vec<usize> = plain.matches(text).iter().collect();
            assert_eq!(set.matches(text), want, "{text:?}");
        }
    }

    #[test]
    fn the_gate_fits_as_each_pattern_does() {
        let pats: Vec<String> = [
            r"^[0-9]{1,2}[./-][0-9]{1,2}$",
            r"^\p{Lu}\w*:$",
            r"^[^|]{1,30}(\|[^|]{1,30}){2,}$",
            r"^(\d+)?$",
            r"(?i)^k\w+ \d$",
        ]
        .map(String::from)
        .to_vec();
        let set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        let pf = &set.prefilter;
        let gate = pf.gate.as_ref().unwrap();
        assert!(pf.always.len() >= 3, "{:?}", pf.always);
        let long = "x".repeat(200);
        for text in [
            "", "1", "12-05", "12-055", "Notes:", "notes:", "a|b|c", "É:", "k 5", "Kelvin 5", "7",
            &long,
        ] {
            let fits = Fits::new(text);
            let want = (0..pf.always.len())
                .filter(|&j| fits.holds(pf, pf.always[j] as usize))
                .fold(0u64, |b, j| b | 1 << j);
            assert_eq!(gate.fits(&fits), want, "{text:?}");
        }
    }

    #[test]
    fn many_patterns_with_no_literal_answer_as_a_regex_set() {
        // More than 64 of them: no gate, and candidates in several words.
        let pats: Vec<String> = (0..70)
            .map(|k| format!(r"^[0-9]{{{}}}[a-c]$", k % 9 + 1))
            .chain([r"(?i)\bcookies\b$".to_string()])
            .collect();
        let set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        assert!(set.prefilter.gate.is_none());
        let plain = RegexSet::new(&pats).unwrap();
        for text in ["123a", "1b", "123456789c", "x", "", "we use cookies", "99"] {
            let want: Vec<usize> = plain.matches(text).iter().collect();
            assert_eq!(set.matches(text), want, "{text:?}");
        }
    }

    #[test]
    fn candidates_in_a_range_are_the_range_s_own() {
        let small = pats();
        // Past one word of patterns, some with no literal.
        let many: Vec<String> = (0..70)
            .map(|k| format!(r"^[0-9]{{{}}}[a-c]$", k % 9 + 1))
            .chain([r"(?i)\bcookies\b$".to_string(), r"(?i)\bfollow us\b".into()])
            .collect();
        let mut seen = [0; 2];
        for pats in [small, many] {
            let n = pats.len();
            let set = PatternSet::new(&pats, 1 << 22, 1 << 22);
            let plain = RegexSet::new(&pats).unwrap();
            for text in [
                "Follow us on Facebook",
                "the cat",
                "We use COOKIES",
                "123a",
                "1b",
                "Share!",
                "hello, i'm Élodie",
                "",
            ] {
                let all: Vec<usize> = plain.matches(text).iter().collect();
                for range in [0..n, 0..4, 4..n, 3..3, 2..7, 0..64, 60..n, 64..n] {
                    let want: Vec<usize> =
                        all.iter().copied().filter(|i| range.contains(i)).collect();
                    assert_eq!(
                        set.matches_in(text, range.clone()),
                        want,
                        "{text:?} {range:?}"
                    );
                    let mut c = set.no_candidates();
                    set.candidates_in(text, Some((3, 0.0)), range.clone(), &mut c);
                    let got: Vec<usize> = c.iter().collect();
                    assert!(got.iter().all(|i| range.contains(i)), "{text:?} {range:?}");
                    assert!(want.iter().all(|i| got.contains(i)), "{text:?} {range:?}");
                    // Empty: no candidate at all (`matches_within` stops there).
                    assert!(!c.is_empty() || got.is_empty(), "{text:?} {range:?}");
                    seen[usize::from(c.is_empty())] += 1;
                }
            }
        }
        // Sets told empty, and sets not.
        assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
    }

    #[test]
    fn need_classes_answer_as_the_bytes_held() {
        let set = |s: &str| s.bytes().fold(0 as Bytes, |m, b| m | 1 << b);
        let needs = vec![
            vec![set("0123456789"), set("-./"), set("0123456789")],
            vec![],
            vec![set("@"), set(" ")],
            vec![set("ABEGRS"), set("0123456789")],
        ];
        let table = NeedTable::new(&needs).unwrap();
        let long = "no digits here but a long line of words that goes on and on".repeat(3);
        for text in [
            "",
            "12-05",
            "1205",
            "a@b c",
            "a@b",
            "Reuters 2",
            "reuters 2",
            "é 1.2",
            &long,
        ] {
            let classes = table.classes_in(text.as_bytes());
            let held = bytes_in(text);
            for (j, ns) in needs.iter().enumerate() {
                let want = ns.iter().all(|&n| n & held != 0);
                assert_eq!(table.holds(j, classes), want, "{text:?} {j}");
            }
        }
    }

    /// `classes_in`, its last bytes or'ed as an overlapping chunk of
    /// eight, gives the classes a byte-by-byte fold gives: on texts of
    /// every length up to 40 (under eight, a whole number of chunks, and
    /// a remainder) with one byte of a class at each place in turn.
    #[test]
    fn edge_check_skipped_only_where_it_cannot_reject() {
        // `candidates_in` checks the edges of `edged` patterns only: the
        // others must pass it on every text, and the split must give
        // `holds` back.
        let mut pats = pats();
        pats.extend((0..70).map(|k| format!(r"^[0-9]{{{}}}[a-c]$", k % 9 + 1)));
        pats.push(r"x$".into());
        let set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        let pf = &set.prefilter;
        let mut rng = crate::test_rng::XorShift::new(0xed6e_5e75);
        let chars: Vec<char> = "0123abcx .,É!".chars().collect();
        let mut seen = [0usize; 3];
        for _ in 0..3000 {
            let len = rng.below(14);
            let text: String = (0..len).map(|_| chars[rng.below(chars.len())]).collect();
            let fits = Fits::new(&text);
            for i in 0..pats.len() {
                let edged = pf.edged[i / 64] & 1 << (i % 64) != 0;
                let skipped = fits.holds_len(pf, i) && (!edged || fits.holds_edges(pf, i));
                assert_eq!(skipped, fits.holds(pf, i), "{i} {text:?}");
                if !edged {
                    assert!(fits.holds_edges(pf, i), "{i} {text:?}");
                    seen[0] += 1;
                } else if fits.holds_edges(pf, i) {
                    seen[1] += 1;
                } else {
                    seen[2] += 1;
                }
            }
        }
        assert!(seen.iter().all(|&n| n > 100), "{seen:?}");
    }

    /// The classes gathered by the factor search as it reads the text,
    /// and the bytes after the place it stops, are the classes of every
    /// byte (`classes_in`, itself pinned to a fold of the table); and the
    /// search reports what it reports gathering none. On made-up
    /// literals at each step and texts of each length, a byte of a rare
    /// class at each place (the windows', the ones after the last
    /// window, and short texts' with no window).
    #[test]
    fn classes_gathered_by_the_factor_search_are_the_text_s() {
        let set = |s: &str| s.bytes().fold(0 as Bytes, |m, b| m | 1 << b);
        let needs = vec![vec![set("0123456789"), set("@")], vec![set("|"), set("Qz")]];
        let table = NeedTable::new(&needs).unwrap();
        let mut rng = crate::test_rng::XorShift::new(0x0f05_ed01);
        let mut steps = [0usize; 5];
        // Texts whose rare byte lies past the last window's first `step`
        // bytes, among the few left after it; and in a text under eight.
        let (mut after, mut short) = (0, 0);
        for (lits, step) in [
            (vec!["abc", "cookie"], 2),
            (vec!["abcd", "cookie"], 3),
            (vec!["abcde", "cookies"], 4),
        ] {
            let lits: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
            let grams = Grams::new(&lits);
            assert_eq!(grams.step, step);
            for len in 0..=40usize {
                for at in 0..len.max(1) {
                    // Pieces holding the literals (in either case), cut to
                    // the length.
                    let pieces = ["abcde", "ABCD", "cookies", "Cookie", " ", "x", ".,"];
                    let mut text: Vec<u8> = Vec::new();
                    while text.len() < len {
                        text.extend_from_slice(pieces[rng.below(pieces.len())].as_bytes());
                    }
                    text.truncate(len);
                    if let Some(b) = text.get_mut(at) {
                        *b = b"7@|Qz"[rng.below(5)];
                    }
                    let (mut plain, mut gathered) = (Vec::new(), Vec::new());
                    grams.scan(&text, |k| plain.push(k));
                    let (held, passed) = grams.scan_classes(&text, &table.of, |k| gathered.push(k));
                    assert_eq!(plain, gathered, "{text:?}");
                    assert!(passed <= len && len - passed < 8, "{text:?} {passed}");
                    let all = held | table.classes_after(&text, passed);
                    assert_eq!(all, table.classes_in(&text), "{text:?}");
                    steps[step] += usize::from(!plain.is_empty());
                    after += usize::from(at >= passed && len > 0);
                    short += usize::from(len < 8 && len > 0);
                }
            }
        }
        assert!(steps[2..].iter().all(|&n| n > 50), "{steps:?}");
        assert!(after > 100 && short > 50, "{after} {short}");
    }

    #[test]
    fn need_classes_of_each_length_are_the_bytes_folded() {
        let set = |s: &str| s.bytes().fold(0 as Bytes, |m, b| m | 1 << b);
        let needs = vec![vec![set("0123456789"), set("@")], vec![set("|"), set("Qz")]];
        let table = NeedTable::new(&needs).unwrap();
        let mut rng = crate::test_rng::XorShift::new(0x0c1a_55e5);
        let mut seen = [0usize; 3];
        for len in 0..=40usize {
            for at in 0..len.max(1) {
                let mut text: Vec<u8> = (0..len).map(|_| b"abc xy.,"[rng.below(8)]).collect();
                if let Some(b) = text.get_mut(at) {
                    *b = b"7@|Qz"[rng.below(5)];
                }
                let want = text.iter().fold(0u64, |m, &b| m | table.of[usize::from(b)]);
                assert_eq!(table.classes_in(&text), want, "{text:?}");
                seen[match len {
                    0..8 => 0,
                    _ if len % 8 == 0 => 1,
                    _ => 2,
                }] += usize::from(want != 0);
            }
        }
        assert!(seen.iter().all(|&n| n > 20), "{seen:?}");
    }

    #[test]
    fn span_bits_hold_the_range_s_patterns() {
        for range in [0..0, 0..1, 0..64, 3..70, 64..128, 65..66, 10..200] {
            for k in 0..4 {
                let want = (0..64)
                    .filter(|b| range.contains(&(64 * k + b)))
                    .fold(0u64, |m, b| m | 1 << b);
                assert_eq!(span_bits(k, &range), want, "{range:?} {k}");
            }
        }
    }

    #[test]
    fn is_ascii_answers_as_the_library_s() {
        // Every length around the eight-byte steps, with a byte past ASCII
        // at each place or none.
        let mut seen = [0; 2];
        for len in 0..40 {
            for at in 0..=len {
                let mut b = vec![b'a'; len];
                if let Some(x) = b.get_mut(at) {
                    *x = 0x80 | (at as u8);
                }
                assert_eq!(is_ascii(&b), b.is_ascii(), "{len} {at}");
                seen[usize::from(is_ascii(&b))] += 1;
            }
        }
        assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
    }

    #[test]
    fn live_words_mark_the_words_holding_a_bit() {
        assert_eq!(live_words(&[0, 5, 0, 1]), 0b1010);
        assert_eq!(each_live(0b1010, 4).collect::<Vec<_>>(), [1, 3]);
        let many = vec![0u64; 70];
        assert_eq!(each_live(live_words(&many), 70).count(), 70);
    }

    #[test]
    fn anchored_patterns_need_a_text_starting_and_ending_as_they_can() {
        let pats: Vec<String> = [
            r"^[0-9]{1,2}[./-][0-9]{1,2}$",
            r"^\p{Lu}\w+ is an? \w+",
            r"(?i)\b[a-z]+ ago$",
            r"^(\d+)?$",
        ]
        .map(String::from)
        .to_vec();
        let set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        let plain = RegexSet::new(&pats).unwrap();
        // A digit and a dash, but not at the start: not even a candidate.
        let c: Vec<usize> = set.candidates("a1-05").iter().collect();
        assert!(!c.contains(&0), "{c:?}");
        // Lower case first: `\p{Lu}` cannot start there.
        let c: Vec<usize> = set.candidates("elodie is a writer").iter().collect();
        assert!(!c.contains(&1), "{c:?}");
        for text in [
            "12-05",
            "a1-05",
            "12-05 ",
            "Élodie is a writer",
            "élodie is a writer",
            "Zoë is an editor",
            "2 days ago",
            "2 DAYS AGO",
            "2 days ago.",
            "",
            "7",
            "x",
        ] {
            let want: Vec<usize> = plain.matches(text).iter().collect();
            assert_eq!(set.matches(text), want, "{text:?}");
        }
    }

    fn factor_of(p: &str, bail: &mut Vec<(char, u8)>) -> Option<Lits> {
        factor(&regex_syntax::Parser::new().parse(p).unwrap(), bail)
    }

    #[test]
    fn factors_are_required_literals() {
        let mut bail = Vec::new();
        let f = factor_of(r"(?i)\bfollow us\b.{0,60}\b(facebook|twitter)", &mut bail).unwrap();
        assert!(f.iter().all(|l| l.len() >= 8), "{f:?}");
        // `(?i)s` also matches the long s: a text holding it bails out.
        assert!(bail.contains(&('\u{17F}', b's')));
        // Nothing to require: every text is a candidate.
        assert!(factor_of(r"^\p{Lu}\w+ is", &mut bail).is_some());
        assert!(factor_of(r"^[0-9]+$", &mut bail).is_none());
        assert!(factor_of(r"(?i)(ab)?c", &mut bail).is_none());
    }

    #[test]
    fn long_blocks_skip_patterns_for_short_ones() {
        let pats: Vec<String> = [r"(?i)\bcookies\b", r"(?i)\bnewsletter\b", r"(?i)^home$"]
            .map(String::from)
            .to_vec();
        let mut set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        let most = |m| Bounds {
            max_words: m,
            ..Bounds::default()
        };
        set.set_bounds(vec![most(Some(10)), most(None), most(Some(2))]);
        let text = "We use cookies; read our newsletter";
        let all: Vec<usize> = set.candidates_within(text, Some((3, 0.0))).iter().collect();
        assert_eq!(all, [0, 1]);
        // 200 words: the 10-word pattern is not even searched for.
        let long: Vec<usize> = set
            .candidates_within(text, Some((200, 0.0)))
            .iter()
            .collect();
        assert_eq!(long, [1]);
        let c: Vec<usize> = set
            .candidates_within("Home", Some((1, 0.0)))
            .iter()
            .collect();
        assert_eq!(c, [2]);
        // A pattern for link-heavy blocks is not searched for in plain text.
        let mut linky = most(None);
        linky.min_link_density = Some(0.6);
        set.set_bounds(vec![most(Some(10)), linky, most(Some(2))]);
        let c: Vec<usize> = set.candidates_within(text, Some((3, 0.0))).iter().collect();
        assert_eq!(c, [0]);
        let c: Vec<usize> = set.candidates_within(text, Some((3, 0.7))).iter().collect();
        assert_eq!(c, [0, 1]);
        // Without a word count every pattern is in play.
        assert_eq!(set.matches(text), [0, 1]);
    }

    #[test]
    fn literals_led_by_a_rare_byte_leave_the_windows_far_apart() {
        let pats: Vec<String> = [
            r"(?i)\(ap\)",
            r"(?i)\bnewsletter signup\b",
            r"(?i)\b\d+% off\b",
        ]
        .map(String::from)
        .to_vec();
        let mut set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        set.set_bounds(vec![Bounds::default(); 3]);
        // `(ap)` and `% off` are found from their first byte: the windows
        // are for `newsletter signup` alone, every fourth looked at.
        let (t, searches) = set.prefilter.tier(Some((60, 0.0)));
        let s = &searches[t.search.unwrap()];
        assert_eq!(s.grams.as_ref().map(|g| g.step), Some(4));
        let plain = RegexSet::new(&pats).unwrap();
        let long = "word ".repeat(50);
        for text in [
            format!("{long}(AP) said"),
            format!("{long}20% OFF today"),
            format!("{long}Newsletter Signup"),
            format!("(ap) {long}(ap"),
            long.clone(),
            "(Ap)".to_string(),
        ] {
            let want: Vec<usize> = plain.matches(&text).iter().collect();
            let got: Vec<usize> = set
                .candidates_within(&text, Some((60, 0.0)))
                .iter()
                .filter(|&i| set.is_match(i, &text))
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn patterns_with_no_literal_still_need_their_end_and_bytes() {
        // No factor to search for: a candidate by its length, its end
        // bytes, the bytes it needs and the suffix it ends with.
        let pats: Vec<String> = [r"^\p{Lu}\w*:$", r"^[0-9]+ ?[-/] ?[0-9]+$"]
            .map(String::from)
            .to_vec();
        let set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        let plain = RegexSet::new(&pats).unwrap();
        assert_eq!(set.candidates("Notes").iter().count(), 0);
        assert_eq!(set.candidates("12 05").iter().count(), 0);
        for text in [
            "Notes:", "notes:", "Notes: x", "Élan:", "12-05", "12 / 5", "1-", "",
        ] {
            let want: Vec<usize> = plain.matches(text).iter().collect();
            assert_eq!(set.matches(text), want, "{text:?}");
        }
    }

    #[test]
    fn leads_report_every_occurrence() {
        let leads = Leads::new(vec![
            (b"(ap".to_vec(), vec![0]),
            (b"(ap)".to_vec(), vec![1]),
            (b"% off".to_vec(), vec![2, 3]),
        ]);
        for (hay, want) in [
            ("", vec![]),
            ("(", vec![]),
            ("(AP) and (ap", vec![0, 0, 1]),
            ("50% Off, 10% OFF", vec![2, 2, 3, 3]),
            ("%", vec![]),
        ] {
            let mut got = Vec::new();
            leads.scan(hay.as_bytes(), |o| got.push(o));
            got.sort_unstable();
            assert_eq!(got, want, "{hay:?}");
        }
    }

    #[test]
    fn prefixes_stand_for_their_shorter_prefixes() {
        // `more` and `more from` start at the same place; the search
        // reports the longer, and both patterns must be candidates.
        let pats: Vec<String> = [r"(?i)\bmore\b.{0,9}x", r"(?i)\bmore from\b"]
            .map(String::from)
            .to_vec();
        let set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        let plain = RegexSet::new(&pats).unwrap();
        for text in ["MORE FROM x", "more from", "more x", "nothing"] {
            let want: Vec<usize> = plain.matches(text).iter().collect();
            assert_eq!(set.matches(text), want, "{text:?}");
        }
    }

    /// `Heads` of the literals, and of the literals written backwards.
    fn heads_and_tails(lits: &[Vec<u8>], owners: Vec<Vec<u32>>) -> (Heads, Heads) {
        let back: Vec<Vec<u8>> = lits
            .iter()
            .map(|l| l.iter().rev().copied().collect())
            .collect();
        (
            Heads::new(lits.to_vec(), owners.clone()),
            Heads::new(back, owners),
        )
    }

    #[test]
    fn heads_find_every_literal_a_text_starts_or_ends_with() {
        let lits: Vec<Vec<u8>> = ["share", "share this", "sh", "x", "é", "éte", "this"]
            .iter()
            .map(|l| l.as_bytes().to_vec())
            .collect();
        let owners: Vec<Vec<u32>> = (0..lits.len() as u32).map(|k| vec![k, 100 + k]).collect();
        let (heads, tails) = heads_and_tails(&lits, owners);
        for text in [
            "",
            "s",
            "Share",
            "SHARE THIS post",
            "share thi",
            "x",
            "X marks",
            "été",
            "Éte",
            "post: share",
            "read this",
            "sh",
            "box",
        ] {
            let t = text.as_bytes();
            let mut got: Vec<u32> = Vec::new();
            heads.find(t, |p| got.push(p));
            got.sort_unstable();
            let want: Vec<u32> = (0..lits.len())
                .filter(|&k| {
                    t.len() >= lits[k].len() && t[..lits[k].len()].eq_ignore_ascii_case(&lits[k])
                })
                .flat_map(|k| [k as u32, 100 + k as u32])
                .collect::<std::collections::BTreeSet<u32>>()
                .into_iter()
                .collect();
            assert_eq!(got, want, "starts {text:?}");
            let mut got: Vec<u32> = Vec::new();
            tails.find_back(t, |p| got.push(p));
            got.sort_unstable();
            let want: Vec<u32> = (0..lits.len())
                .filter(|&k| {
                    t.len() >= lits[k].len()
                        && t[t.len() - lits[k].len()..].eq_ignore_ascii_case(&lits[k])
                })
                .flat_map(|k| [k as u32, 100 + k as u32])
                .collect::<std::collections::BTreeSet<u32>>()
                .into_iter()
                .collect();
            assert_eq!(got, want, "ends {text:?}");
        }
    }

    #[test]
    fn heads_answer_as_a_naive_compare_on_made_up_literals_and_texts() {
        // Literals of 1 to 6 bytes from a small alphabet (so they share
        // first and second bytes, and texts hold them), some upper case or
        // non-ASCII, or in every other round from a wide one (nodes of
        // many children, their bytes packed in several words) in either
        // case, now and then one said twice: the trie and its two-byte
        // table must give what a plain compare of every literal gives, at
        // both ends.
        let mut rng = crate::test_rng::XorShift::new(0x4ead_5eed);
        let small: &[&[u8]] = &[
            b"a",
            b"b",
            b"S",
            b"s",
            b" ",
            b"1",
            "\u{e9}".as_bytes(),
            b"-",
        ];
        let wide: Vec<&[u8]> = b"abcdefghijklmnopQRSTUVWXYZ0123"
            .chunks(1)
            .chain(["\u{e9}".as_bytes()])
            .collect();
        let word = |rng: &mut crate::test_rng::XorShift, alphabet: &[&[u8]], n: usize| -> Vec<u8> {
            (0..n)
                .flat_map(|_| alphabet[rng.below(alphabet.len())].to_vec())
                .collect()
        };
        let (mut many_children, mut twice, mut long_hits) = (0, 0, 0);
        for round in 0..120 {
            let alphabet = if round % 2 == 0 { small } else { &wide[..] };
            let n = 1 + rng.below(if round % 2 == 0 { 30 } else { 120 });
            let mut lits: Vec<Vec<u8>> = Vec::with_capacity(n);
            while lits.len() < n {
                if !lits.is_empty() && rng.below(10) == 0 {
                    let again = lits[rng.below(lits.len())].clone();
                    lits.push(again);
                    twice += 1;
                    continue;
                }
                let len = 1 + rng.below(6);
                let l = word(&mut rng, alphabet, len);
                lits.push(if round % 2 == 0 {
                    l.to_ascii_lowercase()
                } else {
                    l
                });
            }
            // A prefix followed by more than four different bytes: a node
            // whose edge bytes take more than one word.
            let mut next: std::collections::HashMap<Vec<u8>, std::collections::HashSet<u8>> =
                Default::default();
            for l in &lits {
                let l = l.to_ascii_lowercase();
                for k in 0..l.len() {
                    next.entry(l[..k].to_vec()).or_default().insert(l[k]);
                }
            }
            many_children += next
                .iter()
                .filter(|(p, b)| !p.is_empty() && b.len() > 4)
                .count();
            let owners: Vec<Vec<u32>> = (0..n as u32).map(|k| vec![k]).collect();
            let (heads, tails) = heads_and_tails(&lits, owners);
            for _ in 0..50 {
                let len = rng.below(9);
                let mut t = word(&mut rng, alphabet, len);
                if rng.below(2) == 0 {
                    // A literal in the other case, then more: a hit.
                    let mut l = lits[rng.below(n)].clone();
                    l.iter_mut().for_each(|b| {
                        *b = if b.is_ascii_lowercase() {
                            b.to_ascii_uppercase()
                        } else {
                            b.to_ascii_lowercase()
                        }
                    });
                    t = [l, t].concat();
                }
                let want = |at_end: bool| -> Vec<u32> {
                    (0..n)
                        .filter(|&k| {
                            let l = &lits[k];
                            t.len() >= l.len() && {
                                let part = if at_end {
                                    &t[t.len() - l.len()..]
                                } else {
                                    &t[..l.len()]
                                };
                                part.eq_ignore_ascii_case(l)
                            }
                        })
                        .map(|k| k as u32)
                        .collect()
                };
                let mut got = Vec::new();
                heads.find(&t, |p| got.push(p));
                got.sort_unstable();
                assert_eq!(got, want(false), "{round}: {lits:?} start {t:?}");
                let mut got = Vec::new();
                tails.find_back(&t, |p| got.push(p));
                got.sort_unstable();
                assert_eq!(got, want(true), "{round}: {lits:?} end {t:?}");
                long_hits += usize::from(want(false).iter().any(|&k| lits[k as usize].len() >= 4));
            }
        }
        assert!(
            many_children > 20 && twice > 100 && long_hits > 500,
            "{many_children} {twice} {long_hits}"
        );
    }

    #[test]
    fn patterns_anchored_at_the_end_need_a_text_ending_as_they_do() {
        let pats: Vec<String> = [
            r"(?i)^(op|banned|[0-9]+\+? years? member)$",
            r"(?i)\bfollow us\b.{0,20}(facebook|x)[!.]?$",
            r"^(share|tweet)( on \w+)?[:!.]?$",
        ]
        .map(String::from)
        .to_vec();
        let set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        let plain = RegexSet::new(&pats).unwrap();
        // Nothing ends as any of them: not even a candidate.
        for text in ["5 years ago", "follow us on Facebook today", "opera"] {
            assert_eq!(set.candidates(text).iter().count(), 0, "{text:?}");
        }
        for text in [
            "OP",
            "op",
            "Banned",
            "12+ Years Member",
            "1 year member",
            "opinion",
            "follow us on facebook!",
            "Follow us: X",
            "follow us on X .",
            "follow us on x.",
            "share",
            "tweet on mastodon!",
            "share on",
            "share this",
            "",
        ] {
            let want: Vec<usize> = plain.matches(text).iter().collect();
            assert_eq!(set.matches(text), want, "{text:?}");
        }
    }

    #[test]
    fn candidates_skip_patterns_whose_factor_is_absent() {
        let pats = pats();
        let set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        let c: Vec<usize> = set.candidates("nothing to see").iter().collect();
        assert!(!c.contains(&0) && !c.contains(&7), "{c:?}");
        let c: Vec<usize> = set.candidates("FOLLOW US, x").iter().collect();
        assert!(c.contains(&0) && c.contains(&5), "{c:?}");
        // Too short for a match of the second (at least 10 bytes).
        let c: Vec<usize> = set.candidates("FOLLOW US").iter().collect();
        assert!(c.contains(&0) && !c.contains(&5), "{c:?}");
    }

    #[test]
    fn holds_folded_finds_a_literal_in_any_ascii_casing() {
        for (hay, lit, want) in [
            ("Sent to your INBOX", "inbox", true),
            ("inbo", "inbox", false),
            ("", "x", false),
            ("abc", "", true),
            ("x-y-z-Y", "z-y", true),
            ("\u{e9}t\u{e9} DAY", "\u{e9} day", true),
            ("\u{c9}T\u{c9}", "\u{e9}t\u{e9}", false),
            ("[ap] x", "{ap}", false),
        ] {
            assert_eq!(
                holds_folded(hay.as_bytes(), lit.as_bytes(), rarest(lit.as_bytes())),
                want,
                "{lit:?} in {hay:?}"
            );
        }
    }

    #[test]
    fn holds_folded_from_any_byte_answers_as_a_plain_compare() {
        // Literals and texts from a small alphabet (so they overlap and
        // repeat), looked for from each of the literal's bytes.
        let mut rng = crate::test_rng::XorShift::new(0x401d_f01d);
        let alphabet: [&[u8]; 7] = [b"a", b"B", b"b", b" ", b"j", b"\xc3\xa9", b"."];
        let word = |rng: &mut crate::test_rng::XorShift, n: usize| -> Vec<u8> {
            (0..n)
                .flat_map(|_| alphabet[rng.below(alphabet.len())].to_vec())
                .collect()
        };
        for _ in 0..3000 {
            let n = rng.below(5);
            let lit = word(&mut rng, n).to_ascii_lowercase();
            let n = rng.below(12);
            let hay = word(&mut rng, n);
            let want =
                lit.is_empty() || hay.windows(lit.len()).any(|t| t.eq_ignore_ascii_case(&lit));
            for off in 0..lit.len().max(1) {
                assert_eq!(
                    holds_folded(&hay, &lit, off),
                    want,
                    "{lit:?} at {off} in {hay:?}"
                );
            }
        }
    }

    #[test]
    fn rarer_sets_are_searched_first() {
        let set = |l: &[&str]| -> Lits { l.iter().map(|s| s.as_bytes().to_vec()).collect() };
        assert!(rarity(&set(&["newsletter"])) > rarity(&set(&[" your "])));
        assert!(rarity(&set(&["posts", "stories"])) > rarity(&set(&[" to your "])));
        assert!(rarity(&set(&["inbox"])) > rarity(&set(&["inbox", "email"])));
    }

    #[test]
    fn candidates_need_a_literal_of_each_factor_set() {
        let pats: Vec<String> = [
            r"(?i)\b(latest|new) (posts|stories) (sent|delivered) to your (e-?mail|inbox)\b",
            r"(?i)^(about|sobre) (the author|el autor|l.auteur)$",
        ]
        .map(String::from)
        .to_vec();
        let set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        let plain = RegexSet::new(&pats).unwrap();
        // One set's literal alone does not make a candidate.
        for text in [
            "sent to your inbox",
            "new posts daily",
            "about us",
            "sobre mí",
        ] {
            assert_eq!(set.candidates(text).iter().count(), 0, "{text:?}");
        }
        for text in [
            "Latest Stories delivered to your E-mail",
            "new posts sent to your inbox!",
            "new posts sent to your mailbox",
            "About l\u{2019}auteur",
            "sobre el autor",
            "SOBRE EL AUTOR",
            "about the authors",
        ] {
            let want: Vec<usize> = plain.matches(text).iter().collect();
            assert_eq!(set.matches(text), want, "{text:?}");
            assert!(set.candidates(text).iter().count() >= want.len());
        }
    }

    #[test]
    fn runs_of_patterns_with_no_literal_are_looked_for_in_the_text_itself() {
        let pats: Vec<String> = [
            r"(?i)^[^!?©]{1,40}\s©\s*(19|20)[0-9]{2}\b",
            r"^\p{L}[^0-9\n]{1,40}[0-9]{1,2}[/.-][0-9]{1,2}",
            // A Kelvin sign as such, where another pattern folds it.
            r"^[^0-9]{1,5}\x{212A}[0-9]{2}",
            r"(?i)\bkelvin\b",
            r"^[0-9]{4}-[0-9]{2}$",
            r"(?i)^[^0-9]{1,5}s[0-9]{2}",
        ]
        .map(String::from)
        .to_vec();
        let set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        assert!(set.prefilter.always_runs.iter().any(|r| !r.is_empty()));
        let plain = RegexSet::new(&pats).unwrap();
        for text in [
            "Copyright © 2020",
            "Copyright\u{a0}© 1999 x",
            "Copyright (c) 2020",
            "© 2020",
            "Posted 12.05.2020",
            "Posted 12 05",
            "Été 3/4",
            "ab\u{212A}12",
            "abk12",
            "\u{212A}elvin \u{212A}12",
            "x \u{212A}12 kelvin",
            "2020-12",
            "2020-1",
            "ab\u{17F}12",
            "AS12",
            "",
        ] {
            let want: Vec<usize> = plain.matches(text).iter().collect();
            assert_eq!(set.matches(text), want, "{text:?}");
        }
        // No `©`: the first is not even a candidate.
        assert!(!set.candidates("Copyright (c) 2020").iter().any(|i| i == 0));
    }

    /// A text `h` may match, made up at random (look-arounds are left
    /// out: the caller keeps the texts the regex matches). Classes give
    /// their first, last or some other member, so case variants such as
    /// the Kelvin sign and the long s come up.
    pub(super) fn sample(h: &Hir, rng: &mut crate::test_rng::XorShift, out: &mut String) {
        use regex_syntax::hir::{Class, HirKind};
        let mut pick = |n: u64| (rng.next_u64() % n.max(1)) as u32;
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(l) => out.push_str(&String::from_utf8_lossy(&l.0)),
            HirKind::Class(Class::Unicode(c)) => {
                let r = c.ranges()[pick(c.ranges().len() as u64) as usize];
                let (a, z) = (r.start() as u32, r.end() as u32);
                let ch = match pick(3) {
                    0 => a,
                    1 => z,
                    _ => a + pick(u64::from(z - a) + 1),
                };
                out.push(char::from_u32(ch).unwrap_or(r.start()));
            }
            HirKind::Class(Class::Bytes(c)) => {
                let r = c.ranges()[pick(c.ranges().len() as u64) as usize];
                let b = r.start() + pick(u64::from(r.end() - r.start()) + 1) as u8;
                out.push(char::from(b.min(0x7f)));
            }
            HirKind::Repetition(r) => {
                let most = r.max.unwrap_or(u32::MAX).min(r.min.saturating_add(3));
                let n = r.min + pick(u64::from(most - r.min) + 1);
                for _ in 0..n {
                    sample(&r.sub, rng, out);
                }
            }
            HirKind::Capture(c) => sample(&c.sub, rng, out),
            HirKind::Concat(v) => v.iter().for_each(|c| sample(c, rng, out)),
            HirKind::Alternation(v) => {
                let k = pick(v.len() as u64) as usize;
                sample(&v[k], rng, out)
            }
        }
    }

    /// The built-in rules' text and heading patterns, and as one set told
    /// their rules' bounds; and those bounds, a pattern each.
    fn builtin_set() -> (Vec<String>, PatternSet, Vec<Bounds>) {
        let rules = crate::classify::rules::RuleSet::builtin();
        let (mut pats, mut bounds) = (Vec::new(), Vec::new());
        for r in &rules.rules {
            for p in r.text_patterns.iter().chain(&r.heading_patterns) {
                pats.push(p.clone());
                bounds.push(r.bounds());
            }
        }
        let mut set = PatternSet::new(&pats, 1 << 22, 1 << 22);
        set.set_bounds(bounds.clone());
        (pats, set, bounds)
    }

    /// Each class's tier, as `make_tiers` builds it from the bits of the
    /// patterns that apply, is what the bounds asked pattern by pattern
    /// give: those bits, the `always` patterns that apply, and a search
    /// with every literal one of whose patterns applies (in its windows,
    /// or led by a rare byte), on the built-in rules and their bounds.
    #[test]
    fn tiers_hold_what_the_bounds_give() {
        let (_, set, bounds) = builtin_set();
        let pf = &set.prefilter;
        let t = pf.make_tiers();
        assert_eq!(t.tiers.len(), pf.classes.len() + 1);
        let (mut partial, mut some_always) = (0, 0);
        for (k, tier) in t.tiers.iter().enumerate() {
            let sample = (k < pf.classes.len()).then(|| pf.classes.sample(k));
            let holds = |i: usize| sample.is_none_or(|(w, d)| bounds[i].holds(w, d));
            for i in 0..bounds.len() {
                assert_eq!(tier.applies[i / 64] >> (i % 64) & 1 != 0, holds(i));
            }
            let always: Vec<usize> = (0..pf.always.len())
                .filter(|&j| holds(pf.always[j] as usize))
                .collect();
            assert_eq!(tier.always, always);
            some_always += usize::from(!always.is_empty());
            let wanted: Vec<&(Vec<u8>, Vec<u32>)> = (pf.any.iter())
                .filter(|(_, o)| o.iter().any(|&o| holds(o as usize)))
                .collect();
            partial += usize::from(wanted.len() < pf.any.len());
            assert_eq!(tier.search.is_some(), !wanted.is_empty());
            if let Some(g) = tier.search {
                let search = &t.searches[g];
                for (l, o) in wanted {
                    // Found by the windows, for one of its patterns.
                    let mut found = false;
                    let hay = [b"  ", &l[..], b"  "].concat();
                    if let Some(grams) = &search.grams {
                        grams.scan(&hay, |k| {
                            found |= search.owners[k].iter().any(|p| o.contains(p))
                        });
                    }
                    assert!(found || Leads::takes(l), "{l:?}");
                }
            }
        }
        assert!(partial > 0 && some_always > 0, "{partial} {some_always}");
    }

    #[test]
    fn every_made_up_match_of_a_builtin_pattern_is_a_candidate() {
        let (pats, set, bounds) = builtin_set();
        let mut rng = crate::test_rng::XorShift::new(0x5eed_1234_abcd);
        let around = [
            "",
            " ",
            "x",
            "Élodie ",
            "Le pré ",
            "12. ",
            " mais oui",
            ".",
            "\n",
        ];
        let (mut tried, mut matched) = (0, 0);
        for (i, p) in pats.iter().enumerate() {
            let re = Regex::new(p).unwrap();
            let hir = set.hir(i).unwrap().clone();
            let b = bounds[i];
            let block = (
                b.min_words.or(b.max_words).unwrap_or(5),
                b.min_link_density.or(b.max_link_density).unwrap_or(0.0),
            );
            for k in 0..40 {
                let mut text = String::new();
                if k % 2 == 1 {
                    text.push_str(around[rng.next_u64() as usize % around.len()]);
                }
                sample(&hir, &mut rng, &mut text);
                if k % 4 == 3 {
                    text.push_str(around[rng.next_u64() as usize % around.len()]);
                }
                tried += 1;
                if !re.is_match(&text) {
                    continue;
                }
                matched += 1;
                let c: Vec<usize> = set.candidates(&text).iter().collect();
                assert!(c.contains(&i), "{p} on {text:?}");
                let c: Vec<usize> = set.candidates_within(&text, Some(block)).iter().collect();
                assert!(c.contains(&i), "{p} on {text:?} in {block:?}");
                assert!(set.is_match(i, &text), "{p} on {text:?}");
            }
        }
        // Most made-up texts do match.
        assert!(matched * 2 > tried, "{matched} of {tried}");
    }

    /// How many times each literal occurs in `hay` (overlaps too): as
    /// `Grams` reports them, and as a plain case-folding count.
    fn occurrences(lits: &[&str], hay: &str) -> [Vec<usize>; 2] {
        let lits: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
        let mut got = vec![0; lits.len()];
        Grams::new(&lits).scan(hay.as_bytes(), |k| got[k] += 1);
        let want = lits
            .iter()
            .map(|l| {
                hay.as_bytes()
                    .windows(l.len())
                    .filter(|t| t.eq_ignore_ascii_case(l))
                    .count()
            })
            .collect();
        [got, want]
    }

    #[test]
    fn ascii_forms_answer_as_the_pattern_on_ascii_text() {
        let pats = [
            r"(?i)\bfollow us\b.{0,10}\b(facebook|x)",
            r"(?i)^\p{L}\w+ \d+\s*$",
            r"(?i)\bpré\b|cookies",
            r"(?i)ki[sſ]s",
            r"\Bcat\b",
            r"^[^a-z]{2,}$",
            r"(?i)\b(ſ|k)\b",
        ];
        let texts = [
            "Follow us on Facebook",
            "follow us, x",
            "Kelvin 12  ",
            "pre pr cookies",
            "KISS kiss",
            "a cat, concat",
            "12 34",
            "k",
            "s",
            "",
        ];
        for p in pats {
            let re = Regex::new(p).unwrap();
            let ascii = Regex::new(&ascii_form(p).unwrap()).unwrap();
            for t in texts {
                assert_eq!(ascii.is_match(t), re.is_match(t), "{p} on {t:?}");
            }
        }
    }

    #[test]
    fn bytes_in_holds_each_ascii_byte_of_the_text() {
        let long = "Hello, wörld! 0123 ~\x7f\x00 and some more text past 32 bytes";
        for text in ["", "a", "Hello, wörld! 0123 ~\x7f\x00", "zzzz", long] {
            let want = text
                .bytes()
                .filter(u8::is_ascii)
                .fold(0u128, |s, b| s | (1 << b));
            assert_eq!(bytes_in(text), want, "{text:?}");
        }
    }

    #[test]
    fn grams_report_every_occurrence_overlapping_ones_too() {
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["he", "she", "hers", "s"])
            .unwrap();
        let mut seen: Vec<usize> = Vec::new();
        let lits: Vec<Vec<u8>> = ["he", "she", "hers", "s"]
            .iter()
            .map(|l| l.as_bytes().to_vec())
            .collect();
        Grams::new(&lits).scan(b"uSHErs", |k| seen.push(k));
        seen.sort_unstable();
        let mut want: Vec<usize> = ac
            .find_overlapping_iter("uSHErs")
            .map(|m| m.pattern().as_usize())
            .collect();
        want.sort_unstable();
        // "s" twice, "she", "he" and "hers" once each.
        assert_eq!(seen, vec![0, 1, 2, 3, 3]);
        assert_eq!(seen, want);
    }

    #[test]
    fn grams_of_long_literals_look_at_every_few_windows_and_find_all() {
        // The shortest literal has 7 bytes: every fourth window is looked
        // at, and each occurrence is still reported once.
        let lits = ["cookies", "newsletter", "privacy policy", "aaaaaaa"];
        let grams = Grams::new(&lits.map(|l| l.as_bytes().to_vec()));
        assert_eq!(grams.step, 4);
        for hay in [
            "",
            "cookie",
            "COOKIES",
            "xcookies",
            "xxcookies",
            "xxxcookies and our Newsletter",
            "read our privacy policy. cookies: yes",
            "aaaaaaaaaaa",
            "baaaaaaab aaaaaaa",
            "the newslette",
        ] {
            for pad in 0..4 {
                let hay = format!("{}{hay}", " ".repeat(pad));
                let [found, want] = occurrences(&lits, &hay);
                assert_eq!(found, want, "{hay:?}");
            }
        }
    }

    #[test]
    fn grams_at_every_step_find_what_a_case_folding_search_finds() {
        // Shortest literals of 3 to 7 bytes: steps 2 to 4 (the shorter
        // known by windows beside them too), each looked at on made-up
        // texts of every length around the literals.
        let pieces = [
            "share", "SHARE", "posted", "cookies", "é", "ü ", " ", "x", "shar", "ookie",
        ];
        let mut rng = crate::test_rng::XorShift::new(0x51e9_5a7e);
        for (lits, step) in [
            (vec!["afp", "shar", "cookies"], 2),
            (vec!["post", "cookies"], 3),
            (vec!["share", "cookies", "ostedé"], 4),
            (vec!["posted", "cookies"], 4),
            (vec!["cookies", "shareposted"], 4),
        ] {
            let grams = Grams::new(
                &lits
                    .iter()
                    .map(|l| l.as_bytes().to_vec())
                    .collect::<Vec<_>>(),
            );
            assert_eq!(grams.step, step);
            for _ in 0..300 {
                let mut hay = String::new();
                for _ in 0..rng.below(9) {
                    hay.push_str(pieces[rng.next_u64() as usize % pieces.len()]);
                }
                let [found, want] = occurrences(&lits, &hay);
                assert_eq!(found, want, "{hay:?} {lits:?}");
            }
        }
    }

    #[test]
    fn grams_find_what_a_case_folding_search_finds() {
        let lits = [
            "afp",
            " cookies",
            "cookie",
            "kie",
            "pré",
            "été ",
            "ago",
            " min read",
            "xyz1",
            "aaaa",
            "(photo:",
        ];
        for hay in [
            "",
            "af",
            "AFP",
            "by AFP",
            "We use COOKIES and cookies.",
            "cookie",
            "le PRé, l'été à Paris",
            "2 days ago",
            "5 MIN READ",
            "aaaaaa",
            "xyz1 xyz",
            "(Photo: AFP)",
            "\u{212A}ie KIE kie",
            "afpafp aaa",
        ] {
            // Short literals are looked for at every other position: at
            // either parity they are all found, once.
            for pad in 0..2 {
                let hay = format!("{}{hay}", " ".repeat(pad));
                let [found, want] = occurrences(&lits, &hay);
                assert_eq!(found, want, "{hay:?}");
            }
        }
    }
}
