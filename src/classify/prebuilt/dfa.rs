//! How `build.rs` builds a pattern form into a DFA, written once for it
//! and for the test that checks what it wrote.

use regex_automata::dfa::{Automaton, StartKind, dense};
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
/// larger than `DFA_LIMIT`); and as a table (`table_bytes`) where it
/// fits one. Anchored searches only when the form is anchored at the
/// start, as `Tester` searches it.
pub fn dfa_bytes(form: &Hir, big: bool) -> Option<(Vec<u8>, Option<Vec<u8>>)> {
    let anchored = form.properties().look_set_prefix().contains(Look::Start);
    let nfa = thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .which_captures(WhichCaptures::None)
                // A coded form (`subst::Subst::coded`) matches bytes that
                // are no UTF-8: its unanchored search must step over any.
                .utf8(form.properties().is_utf8()),
        )
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
    let bytes = if big {
        sparse.to_bytes_big_endian()
    } else {
        sparse.to_bytes_little_endian()
    };
    Some((bytes, table_bytes(&dfa, dfa.byte_classes(), anchored)))
}

/// Largest table written (entries): a larger DFA stays sparse, its table
/// too large to stay in cache. Row starts then fit in 16 bits.
pub const TABLE_MAX: usize = 1 << 16;

/// `dfa` (over `classes`, searching from the start of the text, anchored
/// or not) as a table of 16-bit entries, written as bytes for
/// `tester::Table::from_bytes`: the entries per row, the start row, the
/// first row of neither the dead nor a match state (all as row starts),
/// the count of rows (all little-endian 16 bits), each byte's class,
/// then row by row: the entry most of it has, its end-of-text entry (a
/// byte), how many entries differ, and each of those (its class as a
/// byte, then the entry). Most of a row goes to one state: a sixth of
/// the bytes of the entries. A row per state the search can reach, an
/// entry per byte class (the next state's row start) and one for the end
/// of the text (1: a match ends there). The dead state is row 0 and the
/// match states come next, so one compare after each byte tells whether
/// the search is over. `None`: it has a quit state, or more than
/// `TABLE_MAX` entries.
pub fn table_bytes<A: Automaton>(
    dfa: &A,
    classes: &regex_automata::util::alphabet::ByteClasses,
    anchored: bool,
) -> Option<Vec<u8>> {
    use regex_automata::util::primitives::StateID;
    use regex_automata::{Anchored, Input};
    let mode = if anchored {
        Anchored::Yes
    } else {
        Anchored::No
    };
    let start = dfa
        .start_state_forward(&Input::new("").anchored(mode))
        .ok()?;
    let width = classes.alphabet_len();
    // A byte of each class, in class order (the last class is the end
    // of the text, which has none).
    let mut reps = vec![0u8; width - 1];
    for b in (0..=255u8).rev() {
        reps[usize::from(classes.get(b))] = b;
    }
    // Every state the search can reach but the dead one, numbered as
    // first met, with its transitions by those numbers (`DEAD`: to the
    // dead state).
    const DEAD: u32 = u32::MAX;
    let mut number = std::collections::HashMap::<StateID, u32>::new();
    let mut order = Vec::new();
    let mut trans: Vec<u32> = Vec::new();
    let mut meet = |sid: StateID, order: &mut Vec<StateID>| -> Option<u32> {
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
        for &b in &reps {
            let to = dfa.next_state(sid, b);
            trans.push(meet(to, &mut order)?);
        }
        done += 1;
    }
    // Classes every state treats alike made one: the DFA's classes are
    // its NFA's, most of them told apart by no state once minimized (on
    // the built-in patterns, 52 entries a row on average, 21 merged).
    // Fewer entries a row, fewer bytes and cache lines read.
    let old_width = width - 1;
    let column =
        |c: usize| -> Vec<u32> { (0..order.len()).map(|i| trans[i * old_width + c]).collect() };
    let mut merged = std::collections::HashMap::<Vec<u32>, u8>::new();
    let mut remap = vec![0u8; old_width];
    for (c, to) in remap.iter_mut().enumerate() {
        let n = u8::try_from(merged.len()).ok()?;
        *to = *merged.entry(column(c)).or_insert(n);
    }
    let width = merged.len() + 1;
    let mut firsts = vec![usize::MAX; width - 1];
    for (c, &to) in remap.iter().enumerate() {
        let f = &mut firsts[usize::from(to)];
        *f = (*f).min(c);
    }
    let trans: Vec<u32> = (0..order.len())
        .flat_map(|i| firsts.iter().map(move |&c| i * old_width + c))
        .map(|k| trans[k])
        .collect();
    // Row 0 is the dead state's (reached or not), then the match states',
    // then the rest's.
    let row = |i: usize| u16::try_from((i + 1) * width).ok();
    let mut rows = vec![0u16; order.len()];
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
    let mut next = vec![0u16; (order.len() + 1) * width];
    for (i, &sid) in order.iter().enumerate() {
        let r = usize::from(rows[i]);
        for (c, &n) in trans[i * (width - 1)..(i + 1) * (width - 1)]
            .iter()
            .enumerate()
        {
            next[r + c] = rows.get(n as usize).copied().unwrap_or(0);
        }
        next[r + width - 1] = u16::from(dfa.is_match_state(dfa.next_eoi_state(sid)));
    }
    let head = [
        u16::try_from(width).ok()?,
        rows.get(start as usize).copied().unwrap_or(0),
        row(matches)?,
        u16::try_from(order.len() + 1).ok()?,
    ];
    let mut out = Vec::with_capacity(8 + 256 + next.len());
    out.extend(head.iter().flat_map(|h| h.to_le_bytes()));
    out.extend((0..=255u8).map(|b| remap[usize::from(classes.get(b))]));
    for r in next.chunks_exact(width) {
        let (entries, eoi) = r.split_at(width - 1);
        // The entry most of the row has (the first of those most often).
        let mut counts = std::collections::HashMap::<u16, usize>::new();
        entries
            .iter()
            .for_each(|&e| *counts.entry(e).or_default() += 1);
        let most = *entries
            .iter()
            .max_by_key(|e| (counts[*e], std::cmp::Reverse(**e)))?;
        let others: Vec<(u8, u16)> = (0u8..=255)
            .zip(entries)
            .filter(|&(_, &e)| e != most)
            .map(|(c, &e)| (c, e))
            .collect();
        out.extend(most.to_le_bytes());
        out.push(u8::try_from(eoi[0]).ok()?);
        out.push(u8::try_from(others.len()).ok()?);
        for (c, e) in others {
            out.push(c);
            out.extend(e.to_le_bytes());
        }
    }
    Some(out)
}
