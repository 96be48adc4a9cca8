//! One pattern compiled to answer `is_match` only: a forward lazy DFA,
//! and the PikeVM where the DFA gives up (a Unicode word boundary next to
//! a non-ASCII byte, or a cache cleared over and over). A `meta::Regex`
//! answers the same, but compiles a reverse NFA too (to find where a
//! match starts, never asked here), and often a full DFA besides: compiling
//! was most of the cost of a run over a few megabytes of text.

use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::dfa::{Automaton, StartKind, sparse};
use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, WhichCaptures, pikevm::PikeVM};
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Hir, Look};

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
/// no cache to fill state by state.
#[derive(Clone, Debug)]
pub(super) struct Prebuilt {
    dfa: sparse::DFA<&'static [u8]>,
}

impl Prebuilt {
    pub(super) fn new(dfa: sparse::DFA<&'static [u8]>) -> Prebuilt {
        Prebuilt { dfa }
    }

    /// Whether the DFA matches in `text` (`None`: it cannot tell, having
    /// met a byte it quits on; `build.rs` builds none with such bytes).
    pub(super) fn is_match(&self, text: &str) -> Option<bool> {
        let mut input = Input::new(text).earliest(true);
        if self.dfa.start_kind() == StartKind::Anchored {
            input = input.anchored(Anchored::Yes);
        }
        self.dfa.try_search_fwd(&input).ok().map(|m| m.is_some())
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
