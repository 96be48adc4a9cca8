//! The forms of a pattern run in its place: rewrites of its parse. Also
//! compiled into `build.rs`, which builds the built-in patterns' ASCII
//! forms into DFAs ahead of time: the same code makes both.

use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

/// `patset::loosen` on a parsed pattern (`None`: it is its own loose form).
pub(crate) fn loosen_hir(hir: &Hir) -> Option<Hir> {
    let leaf = |h: &Hir| match h.kind() {
        HirKind::Look(
            Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF,
        ) => h.clone(),
        HirKind::Look(_) => Hir::empty(),
        _ => h.clone(),
    };
    // `x{0,60}` becomes `x*`: counted repetitions multiply DFA states, an
    // open one does not.
    let max = |m: Option<u32>| m.filter(|&m| m <= 1);
    let loose = rewrite(hir, &leaf, &max);
    (loose != *hir).then_some(loose)
}

/// The pattern as it acts on ASCII text only (`patset::ascii_form`), on
/// a parsed pattern.
pub(crate) fn ascii_form_hir(hir: &Hir) -> Hir {
    let leaf = |h: &Hir| match h.kind() {
        HirKind::Literal(l) if !l.0.is_ascii() => Hir::fail(),
        HirKind::Class(Class::Unicode(c)) => {
            // The ranges are in order: the ASCII ones are first, and a
            // class of thousands (`\w`, `(?i)\p{L}`) is not copied whole.
            let ascii = c
                .ranges()
                .iter()
                .take_while(|r| r.start() <= '\x7f')
                .map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\x7f')));
            Hir::class(Class::Unicode(ClassUnicode::new(ascii)))
        }
        HirKind::Look(l) => Hir::look(match l {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => *other,
        }),
        _ => h.clone(),
    };
    rewrite(hir, &leaf, &|m| m)
}

/// `h` rebuilt bottom-up: `leaf` maps each node without children (literal,
/// class, look-around, empty), `max` each repetition's upper bound.
fn rewrite(h: &Hir, leaf: &dyn Fn(&Hir) -> Hir, max: &dyn Fn(Option<u32>) -> Option<u32>) -> Hir {
    match h.kind() {
        // Field by field: `..r.clone()` would copy the whole old subtree
        // at every level, only to drop it.
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(rewrite(&r.sub, leaf, max)),
            max: max(r.max),
            min: r.min,
            greedy: r.greedy,
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(rewrite(&c.sub, leaf, max)),
            index: c.index,
            name: c.name.clone(),
        }),
        HirKind::Concat(v) => Hir::concat(v.iter().map(|x| rewrite(x, leaf, max)).collect()),
        HirKind::Alternation(v) => {
            Hir::alternation(v.iter().map(|x| rewrite(x, leaf, max)).collect())
        }
        _ => leaf(h),
    }
}
