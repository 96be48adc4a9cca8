//! What a pattern's characters past ASCII can be replaced by, so that
//! its ASCII forms answer on any text: worked out from the parse when
//! unboil is built (`build.rs`; it took a sixth of a millisecond a
//! pattern, on top of rebuilding the parse) and read in place at run
//! time. Written once for both, and for the tests.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

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
#[derive(Clone, Debug, PartialEq)]
pub struct Subst<S = Vec<u32>> {
    /// Where each run of characters replaced alike starts (the first at
    /// U+0080), sorted.
    starts: S,
    /// Per run: the replacement of its characters that are no word
    /// characters, and of those that are (or `KEEP` or `NONE`), as the
    /// low byte and the next; the same unless the pattern has a Unicode
    /// word boundary. (Runs of the word characters' hundreds of ranges
    /// would be most of them, made for each pattern.)
    to: S,
}

/// `hir` rewritten to match bytes as `Subst::coded` replaces characters:
/// as `forms::ascii_form_hir` on ASCII, and each class or literal
/// character past ASCII also matching the codes of the sets holding it.
/// `None`: a part `Subst::atoms` did not see as it is here.
fn coded_form(hir: &Hir, codes: &Codes) -> Option<Hir> {
    use regex_syntax::hir::{Capture, ClassBytes, ClassBytesRange, Repetition};
    // The codes standing for characters in atom `a` (past ASCII).
    let codes_of = |a: &[(u32, u32)]| -> Option<Vec<ClassBytesRange>> {
        let k = codes.wide.iter().position(|w| w == a)?;
        Some(
            (0u8..)
                .zip(&codes.sets)
                .filter(|&(_, set)| set & (1 << k) != 0)
                .map(|(j, _)| ClassBytesRange::new(CODE + j, CODE + j))
                .collect(),
        )
    };
    Some(match hir.kind() {
        HirKind::Empty => hir.clone(),
        HirKind::Literal(l) => {
            let s = std::str::from_utf8(&l.0).ok()?;
            let mut parts = Vec::new();
            for c in s.chars() {
                parts.push(if c.is_ascii() {
                    Hir::literal([c as u8])
                } else {
                    let n = u32::from(c);
                    Hir::class(Class::Bytes(ClassBytes::new(codes_of(&[(n, n)])?)))
                });
            }
            Hir::concat(parts)
        }
        HirKind::Class(Class::Unicode(c)) => {
            let ranges: Ranges = c
                .ranges()
                .iter()
                .map(|r| (u32::from(r.start()), u32::from(r.end())))
                .collect();
            let mut bytes: Vec<ClassBytesRange> = ranges
                .iter()
                .take_while(|r| r.0 <= 0x7f)
                .map(|r| ClassBytesRange::new(r.0 as u8, r.1.min(0x7f) as u8))
                .collect();
            if ranges.last().is_some_and(|r| r.1 >= 0x80) {
                bytes.extend(codes_of(&ranges)?);
            }
            Hir::class(Class::Bytes(ClassBytes::new(bytes)))
        }
        HirKind::Class(Class::Bytes(c)) => {
            if c.ranges().iter().any(|r| r.end() > 0x7f) {
                return None;
            }
            hir.clone()
        }
        // Word boundaries as the ASCII form has them.
        HirKind::Look(_) => super::forms::ascii_form_hir(hir),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(coded_form(&r.sub, codes)?),
            ..r.clone()
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(coded_form(&c.sub, codes)?),
            ..c.clone()
        }),
        HirKind::Concat(v) => Hir::concat(
            v.iter()
                .map(|h| coded_form(h, codes))
                .collect::<Option<_>>()?,
        ),
        HirKind::Alternation(v) => Hir::alternation(
            v.iter()
                .map(|h| coded_form(h, codes))
                .collect::<Option<_>>()?,
        ),
    })
}

/// A class's ranges of characters (as numbers), sorted and apart.
type Ranges = Vec<(u32, u32)>;

/// In `Subst::to`: the character stays as it is.
pub const KEEP: u8 = 0x80;
/// In `Subst::to`: the character has no replacement.
pub const NONE: u8 = 0xff;

/// In `Subst::to`, from `CODE`: a byte past ASCII standing for the
/// characters in one set of the pattern's classes that no ASCII character
/// is in alone (`Subst::coded`). And `KEEP`, in a coded image: a byte in
/// no class.
pub const CODE: u8 = 0x81;

/// What `Subst::coded` makes of a pattern: its classes past ASCII, and
/// for each code (from `CODE` on) the set of them it stands for.
struct Codes {
    wide: Vec<Ranges>,
    sets: Vec<u64>,
}

impl Subst {
    /// `hir`'s; `None`: the pattern has a byte class past ASCII, or a
    /// literal that is not UTF-8 (it matches bytes, not characters).
    pub fn of(hir: &Hir) -> Option<Subst> {
        Subst::build(hir, false).map(|(s, _)| s)
    }

    /// `hir`'s, where the characters no ASCII one stands for (but word
    /// characters next to a Unicode word boundary) are replaced by codes,
    /// one per set of classes, and the pattern rewritten to match those
    /// codes where it matched the characters, as an ASCII form (`forms::
    /// ascii_form_hir`) otherwise: on a text so replaced (`image_bytes`)
    /// it answers as the pattern on the text. `None`: no code is needed
    /// (or more than fit a byte), or `of` is `None`.
    pub fn coded(hir: &Hir) -> Option<(Subst, Hir)> {
        Subst::coded_as(hir, hir)
    }

    /// `coded`, with `form` (the pattern's loose form, `forms::
    /// loosen_hir`: the same classes and literals) rewritten in the
    /// pattern's place: it matches the image wherever the pattern matches
    /// the text, maybe more.
    pub fn coded_as(hir: &Hir, form: &Hir) -> Option<(Subst, Hir)> {
        let (subst, codes) = Subst::build(hir, true)?;
        if codes.sets.is_empty() {
            return None;
        }
        let form = coded_form(form, &codes)?;
        Some((subst, form))
    }

    fn build(hir: &Hir, coded: bool) -> Option<(Subst, Codes)> {
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
        let mut by_set = std::collections::HashMap::new();
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
        // Codes, if asked for, for the sets no ASCII character is in, but
        // those holding word characters where a Unicode boundary looks:
        // a code counts as no word character.
        let mut code_sets: Vec<u64> = Vec::new();
        let mut to = |set: u64| match set {
            0 => Some(KEEP),
            _ => match by_set.get(&set) {
                Some(&a) => Some(a),
                None if !coded || set & word_bit != 0 => Some(NONE),
                None => {
                    let k = match code_sets.iter().position(|&c| c == set) {
                        Some(k) => k,
                        None => {
                            code_sets.push(set);
                            code_sets.len() - 1
                        }
                    };
                    // `NONE` is the last byte: codes stop short of it.
                    let code = u8::try_from(usize::from(CODE) + k).ok()?;
                    (code < NONE).then_some(code)
                }
            },
        };
        let full: Vec<Ranges> = wide.iter().map(|a| (*a).clone()).collect();
        let wide: Vec<&[(u32, u32)]> = wide
            .iter()
            .map(|a| &a[a.partition_point(|r| r.1 < 0x80)..])
            .collect();
        // Past ASCII, run by run of characters in the same classes: at
        // each, the classes holding it and where the next run starts.
        let mut next_range = vec![0usize; wide.len()];
        let (mut starts, mut tos) = (Vec::new(), Vec::<u32>::new());
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
            let r = u32::from(to(set)?) | u32::from(to(set | word_bit)?) << 8;
            if tos.last() != Some(&r) {
                starts.push(at);
                tos.push(r);
            }
            at = next;
        }
        let codes = Codes {
            wide: full,
            sets: code_sets,
        };
        Some((Subst { starts, to: tos }, codes))
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

    /// `this` as numbers for `Subst::read`: its count of runs, then each
    /// run's start, then each run's replacements (`None`: a count alone,
    /// 0, which no `Subst` has).
    pub fn write(this: Option<&Subst>, ops: &mut Vec<u32>) {
        let Some(s) = this else {
            ops.push(0);
            return;
        };
        ops.push(s.starts.len() as u32);
        ops.extend(&s.starts);
        ops.extend(&s.to);
    }
}

impl<'a> Subst<&'a [u32]> {
    /// What `Subst::write` wrote, read in place (`None`: it wrote none,
    /// or the numbers are no `Subst`'s).
    pub fn read(ops: &'a [u32]) -> Option<Subst<&'a [u32]>> {
        let (&n, rest) = ops.split_first()?;
        let n = usize::try_from(n)
            .ok()
            .filter(|&n| n > 0 && rest.len() == 2 * n)?;
        let (starts, to) = rest.split_at(n);
        Some(Subst { starts, to })
    }
}

impl<S: AsRef<[u32]>> Subst<S> {
    /// What `c` (past ASCII) is replaced by.
    pub fn of_char(&self, c: char) -> u8 {
        let k = self.starts.as_ref().partition_point(|&s| s <= u32::from(c));
        let Some(&r) = self.to.as_ref().get(k.wrapping_sub(1)) else {
            return NONE;
        };
        let [a, w, ..] = r.to_le_bytes();
        if a != w && regex_syntax::is_word_character(c) {
            w
        } else {
            a
        }
    }

    /// `text` walked as its images are made: each run of ASCII, then
    /// each character past it with its replacement, to `put`, which says
    /// whether to go on; false where it stopped.
    fn walk(&self, text: &str, mut put: impl FnMut(Piece) -> bool) -> bool {
        let mut rest = text;
        loop {
            let n = rest
                .bytes()
                .position(|b| !b.is_ascii())
                .unwrap_or(rest.len());
            if !put(Piece::Ascii(&rest[..n])) {
                return false;
            }
            let Some(c) = rest[n..].chars().next() else {
                return true;
            };
            if !put(Piece::Char(c, self.of_char(c))) {
                return false;
            }
            rest = &rest[n + c.len_utf8()..];
        }
    }

    /// `text` with its characters past ASCII replaced as `Subst::coded`
    /// does, a byte each (one kept is `KEEP`: in no class), into `out`;
    /// false (`out` unfinished) where one has no replacement.
    pub fn image_bytes(&self, text: &str, out: &mut Vec<u8>) -> bool {
        out.clear();
        self.walk(text, |p| match p {
            Piece::Ascii(run) => {
                out.extend_from_slice(run.as_bytes());
                true
            }
            Piece::Char(_, NONE) => false,
            Piece::Char(_, a) => {
                out.push(a);
                true
            }
        })
    }

    /// `text` with its characters past ASCII replaced, into `out`; false
    /// (`out` unfinished) where one has no replacement, or only a code.
    pub fn image(&self, text: &str, out: &mut String) -> bool {
        out.clear();
        self.walk(text, |p| match p {
            Piece::Ascii(run) => {
                out.push_str(run);
                true
            }
            // A code (`coded`) is no ASCII character either.
            Piece::Char(_, a) if a >= CODE => false,
            Piece::Char(c, KEEP) => {
                out.push(c);
                true
            }
            Piece::Char(_, a) => {
                out.push(char::from(a));
                true
            }
        })
    }
}

/// What `Subst::walk` hands on: a run of ASCII, or a character past it
/// and its replacement (`Subst::of_char`).
enum Piece<'t> {
    Ascii(&'t str),
    Char(char, u8),
}
