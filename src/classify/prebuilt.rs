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

#[cfg(test)]
mod dfa;

/// The DFAs `build.rs` wrote, end to end (a sparse DFA is read in place
/// from any address: no alignment to keep).
static DFAS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dfas.bin"));

/// The built-in `pattern`'s ASCII form (`patset::ascii_form`) as a sparse
/// DFA, read in place, and `true`;
/// or, where that DFA was too large to prebuild, its loose ASCII form's
/// (`ascii_form_hir(loosen_hir(..))`, matching wherever the pattern does
/// on ASCII text, maybe more) and `false`. `None` for any other pattern,
/// or one with neither.
pub(crate) fn ascii_dfa(pattern: &str) -> Option<(sparse::DFA<&'static [u8]>, bool)> {
    let k = find(pattern)?;
    let (_, _, _, from, to, _, loose) = PATTERNS[k];
    let bytes = DFAS.get(from..to).filter(|b| !b.is_empty())?;
    // SAFETY: the bytes are what `sparse::DFA::to_bytes_*_endian` wrote in
    // `build.rs` for this target's endianness, with the same regex-automata
    // (Cargo.lock has one version for both), and `include_bytes!` keeps
    // them as written; `prebuilt_dfas_are_the_ascii_forms` reads each one
    // back with `from_bytes`, which checks every transition. That check at
    // run time was 3% of the instructions of 8 MB of text, more of a
    // small run.
    unsafe { sparse::DFA::from_bytes_unchecked(bytes) }
        .ok()
        .map(|(dfa, _)| (dfa, !loose))
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
    let (_, _, start, _, _, end, _) = PATTERNS[find(pattern)?];
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
    /// none where neither builds; and it reads back.
    #[test]
    fn prebuilt_dfas_are_the_ascii_forms() {
        use crate::classify::patset::forms::{ascii_form_hir, loosen_hir};
        let big = cfg!(target_endian = "big");
        let (mut n, mut loose_n) = (0, 0);
        for &(p, _, _, from, to, _, loose) in PATTERNS {
            let hir = regex_syntax::Parser::new().parse(p).unwrap();
            let exact = dfa::dfa_bytes(&ascii_form_hir(&hir), big);
            assert_eq!(loose, exact.is_none(), "{p}");
            let want = exact.or_else(|| dfa::dfa_bytes(&ascii_form_hir(&loosen_hir(&hir)?), big));
            let got = (from < to).then(|| DFAS[from..to].to_vec());
            assert_eq!(got, want, "{p}");
            // Checked in full here: read unchecked at run time.
            if from < to {
                assert!(sparse::DFA::from_bytes(&DFAS[from..to]).is_ok(), "{p}");
            }
            assert_eq!(
                ascii_dfa(p).map(|d| d.1),
                want.is_some().then_some(!loose),
                "{p}"
            );
            n += usize::from(want.is_some() && !loose);
            loose_n += usize::from(want.is_some() && loose);
        }
        // Most have an exact one; most of the rest a loose one.
        assert!(n * 4 > PATTERNS.len() * 3, "{n}");
        assert!(loose_n * 2 > PATTERNS.len() - n, "{loose_n}");
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
            let Some((dfa, exact)) = ascii_dfa(p) else {
                continue;
            };
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
