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

/// A class's ranges of characters (as numbers), sorted and apart.
type Ranges = Vec<(u32, u32)>;

/// In `Subst::to`: the character stays as it is.
pub const KEEP: u8 = 0x80;
/// In `Subst::to`: the character has no replacement.
pub const NONE: u8 = 0xff;

impl Subst {
    /// `hir`'s; `None`: the pattern has a byte class past ASCII, or a
    /// literal that is not UTF-8 (it matches bytes, not characters).
    pub fn of(hir: &Hir) -> Option<Subst> {
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
        let to = |set: u64| match set {
            0 => KEEP,
            _ => by_set.get(&set).copied().unwrap_or(NONE),
        };
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
            let r = u32::from(to(set)) | u32::from(to(set | word_bit)) << 8;
            if tos.last() != Some(&r) {
                starts.push(at);
                tos.push(r);
            }
            at = next;
        }
        Some(Subst { starts, to: tos })
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

    /// `text` with its characters past ASCII replaced, into `out`; false
    /// (`out` unfinished) where one has no replacement.
    pub fn image(&self, text: &str, out: &mut String) -> bool {
        out.clear();
        let mut rest = text;
        loop {
            let n = rest
                .bytes()
                .position(|b| !b.is_ascii())
                .unwrap_or(rest.len());
            out.push_str(&rest[..n]);
            let Some(c) = rest[n..].chars().next() else {
                return true;
            };
            match self.of_char(c) {
                NONE => return false,
                KEEP => out.push(c),
                a => out.push(char::from(a)),
            }
            rest = &rest[n + c.len_utf8()..];
        }
    }
}
