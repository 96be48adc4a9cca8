//! A regex set with the same answers as `regex::RegexSet::matches`, fast on
//! non-ASCII text.
//!
//! Unicode `\b` keeps the regex crate's DFAs off any non-ASCII haystack, so
//! a set with `\b` in it runs on the slow PikeVM for almost every block of
//! a non-English page (most of a run's time). Here the set is compiled with
//! its word-boundary assertions removed and its counted repetitions opened
//! up: each pattern then matches a superset of what it matched, and the
//! DFA can run, with few states. Only the few patterns
//! that set reports are checked with their exact regex, so the result is
//! exactly the original set's.

use regex::{Regex, RegexSet, RegexSetBuilder};
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};

#[derive(Debug, Clone)]
pub struct PatternSet {
    /// Word boundaries removed: may match more, never less.
    loose: RegexSet,
    /// Per pattern: its exact regex, when the loose form differs.
    exact: Vec<Option<Regex>>,
}

/// The pattern with every word-boundary assertion (any look-around other
/// than line and text anchors) replaced by the empty match, and `{n,m}`
/// (m > 1) replaced by `{n,}`.
fn loosen(pattern: &str) -> Option<String> {
    fn strip(h: &Hir) -> Hir {
        match h.kind() {
            HirKind::Look(
                Look::Start
                | Look::End
                | Look::StartLF
                | Look::EndLF
                | Look::StartCRLF
                | Look::EndCRLF,
            ) => h.clone(),
            HirKind::Look(_) => Hir::empty(),
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => h.clone(),
            // `x{0,60}` becomes `x*`: counted repetitions multiply DFA
            // states, an open one does not.
            HirKind::Repetition(r) => Hir::repetition(Repetition {
                sub: Box::new(strip(&r.sub)),
                max: r.max.filter(|&m| m <= 1),
                ..r.clone()
            }),
            HirKind::Capture(c) => Hir::capture(Capture {
                sub: Box::new(strip(&c.sub)),
                ..c.clone()
            }),
            HirKind::Concat(v) => Hir::concat(v.iter().map(strip).collect()),
            HirKind::Alternation(v) => Hir::alternation(v.iter().map(strip).collect()),
        }
    }
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let loose = strip(&hir);
    (loose != hir).then(|| loose.to_string())
}

impl PatternSet {
    /// `size_limit`/`dfa_size_limit` apply to the set as to a RegexSet;
    /// `single` builds one exact regex (a pattern it refuses stays as it
    /// is in the set).
    pub fn new(
        patterns: &[String],
        size_limit: usize,
        dfa_size_limit: usize,
        single: impl Fn(&str) -> Option<Regex>,
    ) -> Result<PatternSet, regex::Error> {
        let build = |pats: &[String]| {
            RegexSetBuilder::new(pats)
                .size_limit(size_limit)
                .dfa_size_limit(dfa_size_limit)
                .build()
        };
        let mut loose = Vec::with_capacity(patterns.len());
        let mut exact = Vec::with_capacity(patterns.len());
        for p in patterns {
            match loosen(p).and_then(|l| Some((l, single(p)?))) {
                Some((l, re)) => {
                    loose.push(l);
                    exact.push(Some(re));
                }
                None => {
                    loose.push(p.clone());
                    exact.push(None);
                }
            }
        }
        match build(&loose) {
            Ok(set) => Ok(PatternSet { loose: set, exact }),
            // The loose forms can be larger; then the plain set it is.
            Err(_) => Ok(PatternSet {
                loose: build(patterns)?,
                exact: vec![None; patterns.len()],
            }),
        }
    }

    /// Indexes of the patterns that match `text`, ascending.
    pub fn matches(&self, text: &str) -> Vec<usize> {
        self.loose
            .matches(text)
            .iter()
            .filter(|&i| self.exact[i].as_ref().is_none_or(|re| re.is_match(text)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_answers_as_a_regex_set() {
        let pats: Vec<String> = [
            r"(?i)\bfollow us\b",
            r"\bcat\B",
            r"^(hi|hello)[,!]? i.?m [\p{Lu}]",
            r"(?i)\bpré\b",
            r"plain words",
            r"(?i)\bfollow us\b.{0,10}\b(facebook|x)",
            r"a{2,3}b",
        ]
        .map(String::from)
        .to_vec();
        let set = PatternSet::new(&pats, 1 << 22, 1 << 22, |p| Regex::new(p).ok()).unwrap();
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
        ] {
            let want: Vec<usize> = plain.matches(text).iter().collect();
            assert_eq!(set.matches(text), want, "{text:?}");
        }
    }
}
