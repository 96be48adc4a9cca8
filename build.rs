//! Parses the built-in rules' regexes once, when unboil is built, and
//! writes each parse out as a list of numbers (`src/classify/prebuilt.rs`
//! reads it back). Parsing them at every start cost more than anything
//! else a run over a few pages does: Unicode case folding above all.
//! It also builds each one's ASCII form (what runs on ASCII text) into a
//! DFA, written out as bytes (a table of its transitions where it fits
//! one, else sparse): compiling those forms and filling
//! their lazy DFAs at run time cost as much as parsing did (where that
//! DFA is too large, its loose form's, which turns most texts away). And it
//! derives what the prefilter takes from each parse (`factors::Derived`:
//! its literal factors, prefixes, suffixes, lengths and edge bytes), which
//! was most of start-up once parsing was gone: start-up reads those back
//! and rebuilds a parse only when a text first needs the pattern.

use regex_syntax::hir::{Class, Hir, HirKind};
use std::fmt::Write;

#[path = "src/classify/patset/forms.rs"]
#[allow(dead_code)]
mod forms;

#[path = "src/classify/patset/factors.rs"]
#[allow(dead_code)]
mod factors;

#[path = "src/classify/prebuilt/dfa.rs"]
mod dfa;

#[path = "src/classify/prebuilt/subst.rs"]
#[allow(dead_code)]
mod subst;

fn main() {
    println!("cargo::rerun-if-changed=rules/builtin.toml");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/classify/patset/forms.rs");
    println!("cargo::rerun-if-changed=src/classify/prebuilt/dfa.rs");
    println!("cargo::rerun-if-changed=src/classify/patset/factors.rs");
    println!("cargo::rerun-if-changed=src/classify/prebuilt/subst.rs");
    let src = std::fs::read_to_string("rules/builtin.toml").expect("rules/builtin.toml reads");
    // A file that does not parse is reported by the rules' own loader (and
    // its tests); nothing is prebuilt then.
    let table: toml::Table = toml::from_str(&src).unwrap_or_default();
    let mut patterns = Vec::new();
    collect(&toml::Value::Table(table), false, &mut patterns);
    patterns.sort();
    patterns.dedup();
    let mut ops: Vec<u32> = Vec::new();
    let mut index = String::new();
    let mut dfas: Vec<u8> = Vec::new();
    let mut tables: Vec<u8> = Vec::new();
    let big = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    for p in &patterns {
        // One that does not parse is left to the loader too.
        let Ok(hir) = regex_syntax::Parser::new().parse(p) else {
            continue;
        };
        let start = ops.len();
        encode(&hir, &mut ops);
        // The ASCII form's DFA; where that is too large, the loose ASCII
        // form's (no word boundaries, no counted repetitions: mostly a
        // few kilobytes), to turn away most texts before the lazy DFA.
        // Each the coded form's instead (`subst::Subst::coded`) where some
        // characters past ASCII have no ASCII one to stand for them (`©`,
        // `’` next to letters) and it builds: it answers on texts with
        // those too. (In the order of `prebuilt::rebuilt`.)
        let coded_dfa = |form: &regex_syntax::hir::Hir| {
            let (s, form) = subst::Subst::coded_as(&hir, form)?;
            Some((s, dfa::dfa_bytes(&form, big)?))
        };
        let (mut coded, mut bytes) = match coded_dfa(&hir) {
            Some((s, d)) => (Some(s), Some(d)),
            None => (None, dfa::dfa_bytes(&forms::ascii_form_hir(&hir), big)),
        };
        let loose = bytes.is_none();
        if loose && let Some(h) = forms::loosen_hir(&hir) {
            (coded, bytes) = match coded_dfa(&h) {
                Some((s, d)) => (Some(s), Some(d)),
                None => (None, dfa::dfa_bytes(&forms::ascii_form_hir(&h), big)),
            };
        }
        // As a table where it fits one (read with a load per byte), else
        // sparse (a scan of each state's ranges per byte).
        let (sparse, table) = match bytes {
            Some((_, Some(table))) => (None, Some(table)),
            Some((sparse, None)) => (Some(sparse), None),
            None => (None, None),
        };
        let (from, to) = append(&mut dfas, sparse);
        let (tfrom, tto) = append(&mut tables, table);
        let end = ops.len();
        // What the prefilter derives from the parse: start-up's other
        // large cost.
        factors::Derived::of(&hir).encode(&mut ops);
        let derived_end = ops.len();
        // What its characters past ASCII can be replaced by: a sixth of a
        // millisecond each at run time, and a parse rebuilt for it.
        let is_coded = coded.is_some();
        let subst = coded.or_else(|| subst::Subst::of(&hir));
        subst::Subst::write(subst.as_ref(), &mut ops);
        writeln!(
            index,
            "    ({p:?}, {start}, {end}, {from}, {to}, {derived_end}, {loose}, {tfrom}, {tto}, {}, {is_coded}),",
            ops.len()
        )
        .unwrap();
    }
    let mut out = String::new();
    writeln!(
        out,
        "type Entry = (&'static str, usize, usize, usize, usize, usize, bool, usize, usize, usize, bool);"
    )
    .unwrap();
    writeln!(
        out,
        "/// Built-in patterns, sorted, each with its parse's span in `OPS`, \
         its ASCII form's sparse DFA's in `DFAS` (empty: none, or a table \
         instead), where its `factors::Derived` ends in `OPS` (it starts \
         where the parse ends), whether the DFA is of the loose ASCII form \
         instead, the DFA's table's span in `TABLES` (empty: none), and \
         where its `subst::Subst` ends in `OPS` (it starts where the \
         `factors::Derived` ends), and whether the DFA and the `Subst` are \
         coded (`subst::Subst::coded`)."
    )
    .unwrap();
    writeln!(out, "static PATTERNS: &[Entry] = &[\n{index}];").unwrap();
    writeln!(out, "static OPS: &[u32] = &{ops:?};").unwrap();
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(format!("{dir}/prebuilt.rs"), out).expect("OUT_DIR is writable");
    std::fs::write(format!("{dir}/dfas.bin"), dfas).expect("OUT_DIR is writable");
    std::fs::write(format!("{dir}/tables.bin"), tables).expect("OUT_DIR is writable");
}

/// Every string under a `text` or `heading` key (a string or a list).
fn collect(v: &toml::Value, pattern: bool, out: &mut Vec<String>) {
    match v {
        toml::Value::String(s) if pattern => out.push(s.clone()),
        toml::Value::Array(a) => a.iter().for_each(|x| collect(x, pattern, out)),
        toml::Value::Table(t) => {
            for (k, x) in t {
                collect(x, pattern || k == "text" || k == "heading", out);
            }
        }
        _ => {}
    }
}

/// `hir` as numbers, before its parts: see `prebuilt::decode` for the
/// codes. Each part is written as what it is, so that the constructors
/// rebuild it as it was.
fn encode(hir: &Hir, ops: &mut Vec<u32>) {
    match hir.kind() {
        HirKind::Empty => ops.push(0),
        HirKind::Literal(lit) => {
            ops.extend([1, lit.0.len() as u32]);
            ops.extend(lit.0.iter().map(|&b| u32::from(b)));
        }
        HirKind::Class(Class::Unicode(c)) => {
            ops.extend([2, c.ranges().len() as u32]);
            for r in c.ranges() {
                ops.extend([r.start() as u32, r.end() as u32]);
            }
        }
        HirKind::Class(Class::Bytes(c)) => {
            ops.extend([3, c.ranges().len() as u32]);
            for r in c.ranges() {
                ops.extend([u32::from(r.start()), u32::from(r.end())]);
            }
        }
        HirKind::Look(look) => ops.extend([4, look.as_repr()]),
        HirKind::Repetition(rep) => {
            let max = rep.max.unwrap_or(u32::MAX);
            ops.extend([5, rep.min, max, u32::from(rep.greedy)]);
            encode(&rep.sub, ops);
        }
        HirKind::Capture(cap) => {
            let name = cap.name.as_deref().unwrap_or("");
            ops.extend([6, cap.index, u32::from(cap.name.is_some())]);
            ops.push(name.chars().count() as u32);
            ops.extend(name.chars().map(u32::from));
            encode(&cap.sub, ops);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            let code = if matches!(hir.kind(), HirKind::Concat(_)) {
                7
            } else {
                8
            };
            ops.extend([code, subs.len() as u32]);
            subs.iter().for_each(|s| encode(s, ops));
        }
    }
}

/// `bytes` added to the end of `all`, and where they are in it ((0, 0):
/// none).
fn append(all: &mut Vec<u8>, bytes: Option<Vec<u8>>) -> (usize, usize) {
    match bytes {
        Some(bytes) => {
            let from = all.len();
            all.extend_from_slice(&bytes);
            (from, all.len())
        }
        None => (0, 0),
    }
}
