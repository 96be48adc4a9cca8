//! The built-in rules' regexes, parsed when unboil is built (`build.rs`):
//! rebuilding a parse from its parts takes a fraction of what parsing
//! does (Unicode case folding, above all), and start-up parsed hundreds.
//! Their ASCII forms are built into DFAs then too, read in place here,
//! and what the prefilter derives from each parse is written out as
//! numbers (`derived`).

use regex_automata::dfa::sparse;
use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, Look,
    Repetition,
};

include!(concat!(env!("OUT_DIR"), "/prebuilt.rs"));

// `subst` reaches the ASCII forms as `super::forms`, here as in `build.rs`
// (where both are modules of the build script).
use super::patset::forms;

#[cfg(test)]
pub(crate) mod dfa;

// `Subst::of` and `Subst::write` run in `build.rs` and the tests only.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) mod subst;

/// The DFAs `build.rs` wrote sparse, end to end (a sparse DFA is read in
/// place from any address: no alignment to keep).
static DFAS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dfas.bin"));

/// The DFAs `build.rs` wrote as tables (`dfa::table_bytes`), end to end.
static TABLES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tables.bin"));

/// A built-in pattern's DFA as `build.rs` wrote it.
pub(crate) enum AsciiDfa {
    /// A table's bytes (`dfa::table_bytes`), where the DFA fits one.
    Table(&'static [u8]),
    /// Else sparse, read in place.
    Sparse(Box<sparse::DFA<&'static [u8]>>),
}

/// What `build.rs` made of a built-in pattern for texts to be searched
/// as ASCII.
pub(crate) struct Ascii {
    /// Its ASCII form's (`patset::ascii_form`) DFA if `exact`; or, where
    /// that DFA was too large to prebuild, its loose ASCII form's
    /// (`ascii_form_hir(loosen_hir(..))`, matching wherever the pattern
    /// does on ASCII text, maybe more).
    pub(crate) dfa: AsciiDfa,
    pub(crate) exact: bool,
    /// What the pattern's characters past ASCII can be replaced by
    /// (`subst::Subst::of`), if anything.
    pub(crate) subst: Option<subst::Subst<&'static [u32]>>,
    /// The DFA and `subst` are coded (`subst::Subst::coded`): the DFA
    /// answers on texts replaced by `Subst::image_bytes`, not `image`.
    pub(crate) coded: bool,
}

/// The built-in `pattern`'s ASCII DFA and the rest (`Ascii`); `None` for
/// any other pattern, or one with neither DFA.
pub(crate) fn ascii_dfa(pattern: &str) -> Option<Ascii> {
    let (_, _, _, from, to, derived_end, loose, tfrom, tto, subst_end, coded) =
        PATTERNS[find(pattern)?];
    let subst = OPS.get(derived_end..subst_end).and_then(subst::Subst::read);
    let exact = !loose;
    if let Some(table) = TABLES.get(tfrom..tto).filter(|b| !b.is_empty()) {
        let dfa = AsciiDfa::Table(table);
        return Some(Ascii {
            dfa,
            exact,
            subst,
            coded,
        });
    }
    let bytes = DFAS.get(from..to).filter(|b| !b.is_empty())?;
    // SAFETY: the bytes are what `sparse::DFA::to_bytes_*_endian` wrote in
    // `build.rs` for this target's endianness, with the same regex-automata
    // (Cargo.lock has one version for both), and `include_bytes!` keeps
    // them as written; `prebuilt_dfas_are_the_ascii_forms` reads each one
    // back with `from_bytes`, which checks every transition. That check at
    // run time was 3% of the instructions of 8 MB of text, more of a
    // small run.
    let (dfa, _) = unsafe { sparse::DFA::from_bytes_unchecked(bytes) }.ok()?;
    let dfa = AsciiDfa::Sparse(Box::new(dfa));
    Some(Ascii {
        dfa,
        exact,
        subst,
        coded,
    })
}

/// Where the built-in `pattern` is in `PATTERNS`.
fn find(pattern: &str) -> Option<usize> {
    PATTERNS.binary_search_by(|(p, ..)| (*p).cmp(pattern)).ok()
}

/// `pattern` parsed as `regex_syntax::Parser::new().parse` does (`None`:
/// it does not parse): from its prebuilt parse when it is a built-in one.
pub(crate) fn parse(pattern: &str) -> Option<Hir> {
    prebuilt(pattern).or_else(|| regex_syntax::Parser::new().parse(pattern).ok())
}

/// The built-in `pattern`'s parse, rebuilt; `None` for any other.
fn prebuilt(pattern: &str) -> Option<Hir> {
    let (_, start, end, ..) = PATTERNS[find(pattern)?];
    decode(&mut OPS.get(start..end)?)
}

/// What the prefilter derives from the built-in `pattern`'s parse
/// (`factors::Derived`), as numbers; `None` for any other.
pub(crate) fn derived(pattern: &str) -> Option<&'static [u32]> {
    #[cfg(test)]
    if NO_DERIVED.get() {
        return None;
    }
    let (_, _, start, _, _, end, ..) = PATTERNS[find(pattern)?];
    OPS.get(start..end)
}

#[cfg(test)]
thread_local! {
    /// Set: `derived` knows no pattern, so a test can build the prefilter
    /// as if none were built in, to compare.
    pub(crate) static NO_DERIVED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Every built-in pattern that parses, for tests of what is derived.
#[cfg(test)]
pub(crate) fn patterns() -> impl Iterator<Item = &'static str> {
    PATTERNS.iter().map(|(p, ..)| *p)
}

/// The built-in pattern's DFA built again as `build.rs` builds it: its
/// ASCII form's `dfa::dfa_bytes`, or else its loose ASCII form's (or
/// none), and whether its ASCII form's was none. Built once for all the
/// tests that check against it.
#[cfg(test)]
pub(crate) type Rebuilt = (Option<(Vec<u8>, Option<Vec<u8>>)>, bool, bool);

#[cfg(test)]
pub(crate) fn rebuilt(pattern: &str) -> Option<&'static Rebuilt> {
    use crate::classify::patset::forms::{ascii_form_hir, loosen_hir};
    static ALL: std::sync::OnceLock<Vec<Rebuilt>> = std::sync::OnceLock::new();
    let big = cfg!(target_endian = "big");
    let all = ALL.get_or_init(|| {
        PATTERNS
            .iter()
            .map(|&(p, ..)| {
                let hir = regex_syntax::Parser::new().parse(p).unwrap();
                // The coded form's, else the ASCII form's; of the pattern,
                // else of its loose form.
                let of = |form: &Hir| {
                    let coded = subst::Subst::coded_as(&hir, form)
                        .and_then(|(_, f)| dfa::dfa_bytes(&f, big));
                    match coded {
                        Some(d) => (Some(d), true),
                        None => (dfa::dfa_bytes(&ascii_form_hir(form), big), false),
                    }
                };
                match of(&hir) {
                    (Some(d), coded) => (Some(d), false, coded),
                    _ => match loosen_hir(&hir) {
                        Some(h) => {
                            let (d, coded) = of(&h);
                            (d, true, coded)
                        }
                        None => (None, true, false),
                    },
                }
            })
            .collect()
    });
    all.get(find(pattern)?)
}

/// The next number of `ops`, taken off it.
fn take(ops: &mut &[u32]) -> Option<u32> {
    let (&n, rest) = ops.split_first()?;
    *ops = rest;
    Some(n)
}

/// The next `n` numbers of `ops`, taken off it.
fn take_n<'a>(ops: &mut &'a [u32], n: u32) -> Option<&'a [u32]> {
    let n = usize::try_from(n).ok()?;
    let (head, rest) = (ops.get(..n)?, ops.get(n..)?);
    *ops = rest;
    Some(head)
}

/// The parse `build.rs` wrote as numbers: a code, then the part's fields,
/// then its sub-parts. 0 empty; 1 literal (length, bytes); 2 and 3 a
/// class of characters or bytes (ranges, then each range's ends); 4 a
/// look-around (its `Look` repr); 5 a repetition (min, max or u32::MAX,
/// greedy, sub); 6 a capture group (index, whether named, the name's
/// length and characters, sub); 7 and 8 a concatenation and alternation
/// (parts, then each). `None`: numbers that are none of these.
fn decode(ops: &mut &[u32]) -> Option<Hir> {
    Some(match take(ops)? {
        0 => Hir::empty(),
        1 => {
            let n = take(ops)?;
            let bytes = take_n(ops, n)?
                .iter()
                .map(|&b| u8::try_from(b).ok())
                .collect::<Option<Vec<u8>>>()?;
            Hir::literal(bytes)
        }
        2 => {
            let n = take(ops)?;
            let ends = take_n(ops, n.checked_mul(2)?)?;
            let mut ranges = Vec::with_capacity(ends.len() / 2);
            for r in ends.chunks_exact(2) {
                let (s, e) = (char::from_u32(r[0])?, char::from_u32(r[1])?);
                ranges.push(ClassUnicodeRange::new(s, e));
            }
            Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
        }
        3 => {
            let n = take(ops)?;
            let ends = take_n(ops, n.checked_mul(2)?)?;
            let mut ranges = Vec::with_capacity(ends.len() / 2);
            for r in ends.chunks_exact(2) {
                let (s, e) = (u8::try_from(r[0]).ok()?, u8::try_from(r[1]).ok()?);
                ranges.push(ClassBytesRange::new(s, e));
            }
            Hir::class(Class::Bytes(ClassBytes::new(ranges)))
        }
        4 => Hir::look(Look::from_repr(take(ops)?)?),
        5 => {
            let (min, max, greedy) = (take(ops)?, take(ops)?, take(ops)? != 0);
            let sub = Box::new(decode(ops)?);
            let max = (max != u32::MAX).then_some(max);
            Hir::repetition(Repetition {
                min,
                max,
                greedy,
                sub,
            })
        }
        6 => {
            let (index, named, n) = (take(ops)?, take(ops)? != 0, take(ops)?);
            let name = take_n(ops, n)?
                .iter()
                .map(|&c| char::from_u32(c))
                .collect::<Option<String>>()?;
            let sub = Box::new(decode(ops)?);
            Hir::capture(Capture {
                index,
                name: named.then(|| name.into_boxed_str()),
                sub,
            })
        }
        code @ (7 | 8) => {
            let n = take(ops)?;
            let mut subs = Vec::with_capacity(usize::try_from(n).ok()?.min(ops.len()));
            for _ in 0..n {
                subs.push(decode(ops)?);
            }
            if code == 7 {
                Hir::concat(subs)
            } else {
                Hir::alternation(subs)
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in pattern, rebuilt, is the parse itself: the rules
    /// match as they would parsed at start-up.
    #[test]
    fn prebuilt_parses_equal_the_parser_s() {
        let file = crate::classify::rules::BUILTIN;
        let mut n = 0;
        for (p, ..) in PATTERNS {
            let parsed = regex_syntax::Parser::new().parse(p).ok();
            assert!(parsed.is_some(), "{p}");
            assert_eq!(prebuilt(p), parsed, "{p}");
            assert!(file.contains(p), "{p}");
            n += 1;
        }
        // The rules have hundreds of patterns: all of them are there.
        assert!(n > 400, "{n}");
    }

    /// Every built-in pattern's prebuilt DFA is its ASCII form's as the
    /// code builds it now, or else its loose ASCII form's, or there is
    /// none where neither builds; a table where it fits one, else sparse;
    /// and it reads back.
    #[test]
    fn prebuilt_dfas_are_the_ascii_forms() {
        let (mut n, mut loose_n, mut tables) = (0, 0, 0);
        for &(p, _, _, from, to, _, loose, tfrom, tto, _, coded) in PATTERNS {
            let (want, want_loose, want_coded) = rebuilt(p).unwrap();
            assert_eq!(loose, *want_loose, "{p}");
            assert_eq!(coded, *want_coded && want.is_some(), "{p}");
            let (sparse, table) = match want {
                Some((_, Some(t))) => (None, Some(t.as_slice())),
                Some((s, None)) => (Some(s.as_slice()), None),
                None => (None, None),
            };
            assert_eq!((from < to).then(|| &DFAS[from..to]), sparse, "{p}");
            assert_eq!((tfrom < tto).then(|| &TABLES[tfrom..tto]), table, "{p}");
            // Checked in full here: read unchecked at run time.
            if from < to {
                assert!(sparse::DFA::from_bytes(&DFAS[from..to]).is_ok(), "{p}");
            }
            assert_eq!(
                ascii_dfa(p).map(|d| d.exact),
                want.is_some().then_some(!loose),
                "{p}"
            );
            n += usize::from(want.is_some() && !loose);
            loose_n += usize::from(want.is_some() && loose);
            tables += usize::from(table.is_some());
        }
        // Most have an exact one; most of the rest a loose one; most fit
        // a table.
        assert!(n * 4 > PATTERNS.len() * 3, "{n}");
        assert!(loose_n * 2 > PATTERNS.len() - n, "{loose_n}");
        assert!(tables * 5 > PATTERNS.len() * 4, "{tables}");
    }

    /// Every built-in pattern's prebuilt `Subst` is what `Subst::of` makes
    /// of its parse, and reads back to the same replacements.
    #[test]
    fn prebuilt_substs_are_made_of_the_parses() {
        use subst::Subst;
        let (mut n, mut chars) = (0, 0);
        let mut coded_n = 0;
        for &(p, _, _, _, _, derived_end, .., subst_end, coded) in PATTERNS {
            let hir = regex_syntax::Parser::new().parse(p).unwrap();
            // Coded where a coded form's DFA was built.
            assert_eq!(coded, rebuilt(p).unwrap().2, "{p}");
            coded_n += usize::from(coded);
            let want = match coded {
                true => Subst::coded(&hir).map(|(s, _)| s),
                false => Subst::of(&hir),
            };
            let mut ops = Vec::new();
            Subst::write(want.as_ref(), &mut ops);
            assert_eq!(&OPS[derived_end..subst_end], &ops[..], "{p}");
            let got = ascii_dfa(p).and_then(|a| a.subst);
            let Some(want) = want else {
                assert!(got.is_none(), "{p}");
                continue;
            };
            // A pattern without a DFA has no use for one.
            let Some(got) = got else {
                assert!(ascii_dfa(p).is_none(), "{p}");
                continue;
            };
            n += 1;
            for c in (0x80..0x11_0000).step_by(97).filter_map(char::from_u32) {
                assert_eq!(got.of_char(c), want.of_char(c), "{p} {c:?}");
                chars += 1;
            }
        }
        assert!(n > 300, "{n}");
        assert!(chars > n * 1000, "{chars}");
        // Some patterns have characters past ASCII no ASCII one stands for.
        assert!(coded_n > 10, "{coded_n}");
    }

    /// A prebuilt DFA answers on ASCII text as the pattern does (a loose
    /// one: at least wherever the pattern matches).
    #[test]
    fn prebuilt_dfas_answer_as_the_patterns_on_ascii_text() {
        use regex_automata::dfa::{Automaton, StartKind};
        use regex_automata::{Anchored, Input};
        let texts = [
            "",
            "Share",
            "Follow us on Facebook",
            "Sign up for our newsletter",
            "Posted 2 days ago",
            "Related Articles",
            "Advertisement",
            "By John Smith | Reuters",
            "12 comments",
            "Read more: http://example.com",
            "(AP) -- The city said",
            "Copyright 2020. All rights reserved.",
            // Texts the minimized DFAs end in a match on, or just short of.
            "Privacy Policy",
            "Terms of Use",
            "Home",
            "Share this article",
            "Sign up or Log in",
            "Jan 5, 2020 at 10:00 am",
            "12 replies",
            "By clicking Subscribe you agree",
            "Request a free consultation",
            "Read more",
            "Advertisement ",
        ];
        for &(p, ..) in PATTERNS {
            // The sparse form, as built: a table answers as it does
            // (`tester::tables_answer_as_their_dfas`).
            let Some((Some((bytes, _)), loose, _)) = rebuilt(p) else {
                continue;
            };
            let (dfa, exact) = (sparse::DFA::from_bytes(bytes).unwrap().0, !loose);
            let re = regex::Regex::new(p).unwrap();
            for t in texts {
                let mut input = Input::new(t).earliest(true);
                if dfa.start_kind() == StartKind::Anchored {
                    input = input.anchored(Anchored::Yes);
                }
                let got = dfa.try_search_fwd(&input).unwrap().is_some();
                if exact {
                    assert_eq!(got, re.is_match(t), "{p} on {t:?}");
                } else {
                    assert!(got || !re.is_match(t), "{p} on {t:?}");
                }
            }
        }
    }

    #[test]
    fn other_patterns_are_parsed() {
        let p = r"(?i)\bnot a built-in (pattern|rule) at all\b";
        assert!(prebuilt(p).is_none());
        assert_eq!(parse(p), regex_syntax::Parser::new().parse(p).ok());
        assert_eq!(parse(r"(unclosed"), None);
    }
}
