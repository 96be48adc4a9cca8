//! How `build.rs` builds a pattern form into a DFA, written once for it
//! and for the test that checks what it wrote.

use regex_automata::dfa::{StartKind, dense};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_syntax::hir::{Hir, Look};

/// Largest DFA kept (bytes, before minimizing). Most forms fit; the rest
/// (long alternations under `(?i)`, counted repetitions) are compiled at
/// run time, as all were, rather than add megabytes more to the binary.
/// (Dense, 512 KiB missed the cache at about every byte; kept sparse, a
/// sixth of the size, it takes 15 more forms off the lazy DFA.)
const DFA_LIMIT: usize = 1 << 19;

/// `form` as a DFA, built dense, then kept sparse (a sixth of the bytes:
/// a run is a chain of loads, mostly of lines not in cache), serialized for a big- or little-endian target
/// (`None`: it does not compile, needs a Unicode word boundary, or is
/// larger than `DFA_LIMIT`). Anchored searches only when the form is
/// anchored at the start, as `Tester` searches it.
pub fn dfa_bytes(form: &Hir, big: bool) -> Option<Vec<u8>> {
    let anchored = form.properties().look_set_prefix().contains(Look::Start);
    let nfa = thompson::Compiler::new()
        .configure(thompson::Config::new().which_captures(WhichCaptures::None))
        .build_from_hir(form)
        .ok()?;
    let dfa = dense::Builder::new()
        .configure(
            dense::Config::new()
                .start_kind(if anchored {
                    StartKind::Anchored
                } else {
                    StartKind::Unanchored
                })
                // Fewer states, fewer cache lines: a run is a chain of
                // loads, mostly of lines not in cache, not instructions.
                .minimize(true)
                .dfa_size_limit(Some(DFA_LIMIT))
                .determinize_size_limit(Some(4 * DFA_LIMIT)),
        )
        .build_from_nfa(&nfa)
        .ok()?;
    let sparse = dfa.to_sparse().ok()?;
    Some(if big {
        sparse.to_bytes_big_endian()
    } else {
        sparse.to_bytes_little_endian()
    })
}
