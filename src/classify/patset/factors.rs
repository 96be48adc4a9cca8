//! Literal factors of a pattern: strings one of which every match
//! contains (`Factors::required`), starts with (`prefix`) or ends with
//! (`suffix`), and bytes it must hold (`needs`). The prefilter searches
//! blocks for these before any regex runs.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Literal alternatives, ASCII letters lower-cased (the Aho-Corasick
/// search folds ASCII case, so a folded literal finds every casing).
pub(super) type Lits = Vec<Vec<u8>>;

/// Most alternatives one factor may have: past this the product of a
/// concatenation is cut short.
const MAX_LITS: usize = 64;
/// Most characters a class may have to be spelled out as alternatives.
const MAX_CLASS: usize = 4;
/// Shortest factor worth searching for: shorter ones are in most blocks.
const MIN_FACTOR: usize = 3;

/// Factor extraction for one pattern. `bail` collects the characters that
/// a class matches besides its ASCII letter (`(?i)k` also matches the
/// Kelvin sign), with that letter: a text holding one is searched with
/// the letter in its place.
struct Factors<'a> {
    bail: &'a mut Vec<(char, u8)>,
}

fn fold(b: u8) -> u8 {
    b.to_ascii_lowercase()
}

fn dedup(mut v: Lits) -> Lits {
    v.sort();
    v.dedup();
    v
}

/// How good a factor is: a shortest literal of 6 bytes or more (rare
/// enough), then fewer literals (a small search is a fast one), then
/// longer. `None`: not a factor (it can be empty).
fn quality(l: &Lits) -> Option<(usize, std::cmp::Reverse<usize>, usize)> {
    let min = l.iter().map(Vec::len).min()?;
    (min > 0).then_some((min.min(6), std::cmp::Reverse(l.len()), min))
}

fn better(a: Option<Lits>, b: Option<Lits>) -> Option<Lits> {
    match (a, b) {
        (Some(a), Some(b)) => {
            if quality(&b) > quality(&a) {
                Some(b)
            } else {
                Some(a)
            }
        }
        (a, None) => a.filter(|l| quality(l).is_some()),
        (None, b) => b.filter(|l| quality(l).is_some()),
    }
}

/// `better(best, Some(cand))` into `best`, cloning `cand` only if taken.
fn consider(best: &mut Option<Lits>, cand: &Lits) {
    if quality(cand) > best.as_ref().and_then(quality) {
        *best = Some(cand.clone());
    }
}

/// `product(&a, b)`, reusing `a`: with one literal in `b` (most often)
/// each of `a` is extended where it is.
fn product_into(mut a: Lits, b: &Lits) -> Option<Lits> {
    let [y] = &b[..] else {
        return product(&a, b);
    };
    if a.len() > MAX_LITS {
        return None;
    }
    for x in &mut a {
        x.extend_from_slice(y);
    }
    // Distinct literals stay distinct with the same end, but their order
    // may change (`a` < `ab`, `ac` > `abc`).
    if a.len() > 1 {
        a.sort_unstable();
    }
    Some(a)
}

fn product(a: &Lits, b: &Lits) -> Option<Lits> {
    if a.len() * b.len() > MAX_LITS {
        return None;
    }
    if let ([x], [y]) = (&a[..], &b[..]) {
        // The common case (a run of case-folded letters): one literal,
        // nothing to sort or dedup.
        let mut s = Vec::with_capacity(x.len() + y.len());
        s.extend_from_slice(x);
        s.extend_from_slice(y);
        return Some(vec![s]);
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let mut s = x.clone();
            s.extend_from_slice(y);
            out.push(s);
        }
    }
    Some(dedup(out))
}

impl Factors<'_> {
    /// Every string `h` can match, when few (and known).
    fn exact(&mut self, h: &Hir) -> Option<Lits> {
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => Some(vec![Vec::new()]),
            HirKind::Literal(l) => Some(vec![l.0.iter().copied().map(fold).collect()]),
            HirKind::Class(c) => self.class(c),
            HirKind::Capture(c) => self.exact(&c.sub),
            HirKind::Repetition(r) => match (r.min, r.max) {
                (1, Some(1)) => self.exact(&r.sub),
                (0, Some(1)) => {
                    let mut v = self.exact(&r.sub)?;
                    v.push(Vec::new());
                    Some(dedup(v))
                }
                _ => None,
            },
            HirKind::Concat(v) => {
                let mut acc: Lits = vec![Vec::new()];
                for c in v {
                    let e = self.exact(c)?;
                    acc = product_into(acc, &e)?;
                }
                Some(acc)
            }
            HirKind::Alternation(v) => self.alternatives(v, Self::exact),
        }
    }

    /// The characters of a small class, as folded alternatives.
    fn class(&mut self, c: &Class) -> Option<Lits> {
        // On the stack: at most `2 * MAX_CLASS` characters are collected
        // (a larger class is refused first), and a class of a case-folded
        // letter is asked about for every letter of every pattern.
        const CAP: usize = 2 * MAX_CLASS;
        let (mut ascii, mut na) = ([0u8; CAP], 0);
        let (mut other, mut no) = (['\0'; CAP], 0);
        match c {
            Class::Unicode(u) => {
                let mut n = 0usize;
                for r in u.ranges() {
                    n += (r.end() as usize) - (r.start() as usize) + 1;
                    if n > CAP {
                        return None;
                    }
                    for ch in r.start()..=r.end() {
                        if ch.is_ascii() {
                            ascii[na] = fold(ch as u8);
                            na += 1;
                        } else {
                            other[no] = ch;
                            no += 1;
                        }
                    }
                }
            }
            Class::Bytes(b) => {
                let mut n = 0usize;
                for r in b.ranges() {
                    n += (r.end() as usize) - (r.start() as usize) + 1;
                    if n > CAP {
                        return None;
                    }
                    for by in r.start()..=r.end() {
                        if !by.is_ascii() {
                            // A lone non-ASCII byte is no literal to search.
                            return None;
                        }
                        ascii[na] = fold(by);
                        na += 1;
                    }
                }
            }
        }
        let ascii = &mut ascii[..na];
        ascii.sort_unstable();
        let mut kept = 0;
        for k in 0..ascii.len() {
            if kept == 0 || ascii[k] != ascii[kept - 1] {
                ascii[kept] = ascii[k];
                kept += 1;
            }
        }
        let ascii = &ascii[..kept];
        let mut other = &other[..no];
        let mut rest = ['\0'; CAP];
        if let [letter] = *ascii
            && letter.is_ascii_alphabetic()
        {
            // A case-folded letter's rare non-ASCII variants (the Kelvin
            // sign for `k`, the long s for `s`) are left to the bail-out;
            // other letters in the class (`[ií]`) are spelled out.
            let mut nr = 0;
            for &ch in other {
                if is_variant(ch, letter) {
                    self.bail.push((ch, letter));
                } else {
                    rest[nr] = ch;
                    nr += 1;
                }
            }
            other = &rest[..nr];
        }
        if ascii.len() + other.len() > MAX_CLASS {
            return None;
        }
        let mut out: Lits = Vec::with_capacity(ascii.len() + other.len());
        out.extend(ascii.iter().map(|&b| vec![b]));
        let mut buf = [0u8; 4];
        for ch in other {
            out.push(ch.encode_utf8(&mut buf).as_bytes().to_vec());
        }
        Some(dedup(out))
    }

    /// A set of literals one of which every match of `h` contains.
    fn required(&mut self, h: &Hir) -> Option<Lits> {
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => None,
            HirKind::Literal(_) | HirKind::Class(_) => self.exact(h),
            HirKind::Capture(c) => self.required(&c.sub),
            HirKind::Repetition(r) => {
                if r.min == 0 {
                    return None;
                }
                self.required(&r.sub)
            }
            HirKind::Alternation(v) => {
                let whole = self.exact(h);
                let mut acc = Vec::new();
                let mut each = true;
                for c in v {
                    match self.required(c) {
                        Some(l) if acc.len() + l.len() <= MAX_LITS => acc.extend(l),
                        _ => {
                            each = false;
                            break;
                        }
                    }
                }
                let each = each.then(|| dedup(acc));
                better(whole, each)
            }
            HirKind::Concat(v) => {
                let mut best: Option<Lits> = None;
                let exact: Vec<Option<Lits>> = v.iter().map(|c| self.exact(c)).collect();
                // Runs of children whose strings are all known multiply
                // into longer literals.
                for i in 0..v.len() {
                    let mut acc: Option<Lits> = Some(vec![Vec::new()]);
                    for e in &exact[i..] {
                        acc = match (acc, e) {
                            (Some(a), Some(e)) => product_into(a, e),
                            _ => None,
                        };
                        match &acc {
                            Some(a) => consider(&mut best, a),
                            None => break,
                        }
                    }
                }
                for c in v {
                    let r = self.required(c);
                    best = better(best, r);
                }
                best
            }
        }
    }
}

/// For a pattern anchored at the start of the text (`^...`): the strings
/// one of which every match starts with.
pub(super) fn prefix(hir: &Hir, bail: &mut Vec<(char, u8)>) -> Option<Lits> {
    let HirKind::Concat(v) = hir.kind() else {
        return None;
    };
    if !matches!(v.first()?.kind(), HirKind::Look(Look::Start)) {
        return None;
    }
    let mut local = Vec::new();
    let acc = Factors { bail: &mut local }.starts(&v[1..])?;
    quality(&acc)?;
    bail.extend(local);
    Some(acc)
}

/// For a pattern anchored at the end of the text (`...$`): the strings one
/// of which every match ends with.
pub(super) fn suffix(hir: &Hir, bail: &mut Vec<(char, u8)>) -> Option<Lits> {
    let HirKind::Concat(v) = hir.kind() else {
        return None;
    };
    let (last, rest) = v.split_last()?;
    if !matches!(last.kind(), HirKind::Look(Look::End)) {
        return None;
    }
    let mut local = Vec::new();
    let acc = Factors { bail: &mut local }.ends(rest)?;
    quality(&acc)?;
    bail.extend(local);
    Some(acc)
}

impl Factors<'_> {
    /// Strings one of which every match of the concatenation `v` ends
    /// with: `starts` from the other end.
    fn ends(&mut self, v: &[Hir]) -> Option<Lits> {
        let mut acc: Lits = vec![Vec::new()];
        for c in v.iter().rev() {
            if let Some(e) = self.exact(c) {
                match product(&e, &acc) {
                    Some(next) => acc = next,
                    None => break,
                }
                continue;
            }
            if let Some(p) = self.end(c)
                && let Some(next) = product(&p, &acc)
            {
                acc = next;
            }
            break;
        }
        Some(acc)
    }

    /// Strings one of which every match of `h` ends with.
    fn end(&mut self, h: &Hir) -> Option<Lits> {
        match h.kind() {
            HirKind::Capture(c) => self.end(&c.sub),
            HirKind::Concat(v) => self.ends(v),
            HirKind::Repetition(r) if r.min > 0 => self.end(&r.sub),
            HirKind::Alternation(v) => self.alternatives(v, Self::end),
            _ => self.exact(h),
        }
    }

    /// Strings one of which every match of the concatenation `v` starts
    /// with (a prefix of a prefix is a prefix too: they stop where the
    /// strings are no longer known).
    fn starts(&mut self, v: &[Hir]) -> Option<Lits> {
        let mut acc: Lits = vec![Vec::new()];
        for c in v {
            if let Some(e) = self.exact(c) {
                if acc.len() * e.len() > MAX_LITS {
                    break;
                }
                acc = product_into(acc, &e)?;
                continue;
            }
            if let Some(p) = self.start(c)
                && acc.len() * p.len() <= MAX_LITS
            {
                acc = product_into(acc, &p)?;
            }
            break;
        }
        Some(acc)
    }

    /// The strings of each alternative `f` gives, together: none when one
    /// alternative has none or they grow past `MAX_LITS`.
    fn alternatives(&mut self, v: &[Hir], f: fn(&mut Self, &Hir) -> Option<Lits>) -> Option<Lits> {
        let mut acc = Vec::new();
        for c in v {
            acc.extend(f(self, c)?);
            if acc.len() > MAX_LITS {
                return None;
            }
        }
        Some(dedup(acc))
    }

    /// Strings one of which every match of `h` starts with.
    fn start(&mut self, h: &Hir) -> Option<Lits> {
        match h.kind() {
            HirKind::Capture(c) => self.start(&c.sub),
            HirKind::Concat(v) => self.starts(v),
            HirKind::Repetition(r) if r.min > 0 => self.start(&r.sub),
            HirKind::Alternation(v) => self.alternatives(v, Self::start),
            _ => self.exact(h),
        }
    }
}

/// Whether `ch` is a non-ASCII case variant of the ASCII letter `b`.
fn is_variant(ch: char, b: u8) -> bool {
    let lower = b.to_ascii_lowercase() as char;
    let upper = b.to_ascii_uppercase() as char;
    ch.to_lowercase().eq(std::iter::once(lower)) || ch.to_uppercase().eq(std::iter::once(upper))
}

/// The factor set of `pattern`, if it has a usable one.
#[cfg(test)]
pub(super) fn factor(hir: &Hir, bail: &mut Vec<(char, u8)>) -> Option<Lits> {
    factors(hir, bail).into_iter().next()
}

/// Most factor sets one pattern is searched for.
pub(super) const MAX_GROUPS: usize = 3;
/// Shortest literal, and most literals, of a factor set searched besides
/// the best one: a short literal is in most blocks, and many slow the
/// search, for little.
const MIN_EXTRA: usize = 6;
const MAX_EXTRA_LITS: usize = 8;

/// Factor sets of `hir`, a literal of each of which every match contains:
/// the best first, then up to `MAX_GROUPS - 1` more from other parts of
/// the pattern. Where one set is in most blocks that the pattern does not
/// match (` your ` for `(latest|new) (posts|stories) sent to your
/// inbox`), together they are in few.
pub(super) fn factors(hir: &Hir, bail: &mut Vec<(char, u8)>) -> Vec<Lits> {
    let mut local = Vec::new();
    let mut f = Factors { bail: &mut local };
    let v: &[Hir] = match hir.kind() {
        HirKind::Concat(v) => v,
        _ => std::slice::from_ref(hir),
    };
    // Each set found, with the children of the concatenation it comes
    // from: sets from disjoint runs of children say different things.
    // Each set as its quality and where it comes from: a run of children
    // is multiplied out again if taken (`None`), a set from inside a child
    // is kept (most sets are never taken; copying each was the cost).
    type Quality = (usize, std::cmp::Reverse<usize>, usize);
    let mut found: Vec<(Quality, usize, usize, Option<Lits>)> = Vec::new();
    let exact: Vec<Option<Lits>> = v.iter().map(|c| f.exact(c)).collect();
    let run = |i: usize, j: usize| -> Option<Lits> {
        let mut acc: Lits = vec![Vec::new()];
        for e in &exact[i..j] {
            acc = product_into(acc, e.as_ref()?)?;
        }
        Some(acc)
    };
    for i in 0..v.len() {
        // Runs of children whose strings are all known multiply into
        // longer literals.
        let mut acc: Lits = vec![Vec::new()];
        for (j, e) in exact.iter().enumerate().skip(i) {
            match e.as_ref().and_then(|e| product_into(acc, e)) {
                Some(next) => acc = next,
                None => break,
            }
            if let Some(q) = quality(&acc) {
                found.push((q, i, j + 1, None));
            }
        }
        // A child whose strings are known is its own best factor (the
        // run of it alone, above): looking inside costs the most there.
        if exact[i].is_none()
            && let Some(r) = f.required(&v[i])
            && let Some(q) = quality(&r)
        {
            found.push((q, i, i + 1, Some(r)));
        }
    }
    // Best first; of equals, the first found (a stable sort).
    found.sort_by_key(|a| std::cmp::Reverse(a.0));
    let mut out: Vec<Lits> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for ((_, std::cmp::Reverse(count), min), i, j, lits) in found {
        // The best set, then others of few, long literals.
        let fit = if out.is_empty() {
            min >= MIN_FACTOR
        } else {
            min >= MIN_EXTRA && count <= MAX_EXTRA_LITS
        };
        if out.len() == MAX_GROUPS || !fit || taken.iter().any(|&(a, b)| i < b && a < j) {
            continue;
        }
        // A run multiplied out as it was when found.
        let Some(l) = lits.or_else(|| run(i, j)) else {
            continue;
        };
        taken.push((i, j));
        out.push(l);
    }
    if !out.is_empty() {
        bail.extend(local);
    }
    out
}

/// Characters a factor set does not account for (see `Factors`).
pub(crate) type Bail = Vec<(char, u8)>;

/// What `suffix`, `prefix` and `factors` give for one pattern, each with
/// the characters it adds to the bail-out. `build.rs` derives these for
/// the built-in patterns (this file is compiled into it too), so that
/// start-up need not: they were most of it.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Derived {
    pub(crate) lengths: (u32, u32),
    pub(crate) edges: [ByteSet; 2],
    pub(crate) suffix: Option<(Lits, Bail)>,
    pub(crate) prefix: Option<(Lits, Bail)>,
    pub(crate) factors: (Vec<Lits>, Bail),
}

// `of` and `encode` are for `build.rs` (and the tests).
#[cfg_attr(not(test), allow(dead_code))]
impl Derived {
    /// Derived from the parse `h`, as the functions of these names do.
    pub(crate) fn of(h: &Hir) -> Derived {
        let mut bail = Vec::new();
        let suffix = suffix(h, &mut bail).map(|l| (l, std::mem::take(&mut bail)));
        let prefix = prefix(h, &mut bail).map(|l| (l, std::mem::take(&mut bail)));
        let factors = factors(h, &mut bail);
        Derived {
            lengths: lengths(h),
            edges: edges(h),
            suffix,
            prefix,
            factors: (factors, bail),
        }
    }
}

#[cfg_attr(not(test), allow(dead_code))]
impl Derived {
    /// `self` as numbers, for `build.rs` to write out: each of suffix and
    /// prefix a flag (1: there is one) then its literals and bail-out,
    /// then the factor sets (how many, each's literals) and their
    /// bail-out. Literals: how many, then each's length and bytes (four
    /// to a number);
    /// bail-outs: how many, then each's character and letter.
    pub(crate) fn encode(&self, ops: &mut Vec<u32>) {
        fn lits(l: &Lits, ops: &mut Vec<u32>) {
            ops.push(l.len() as u32);
            for x in l {
                ops.push(x.len() as u32);
                // Four bytes a number (the last padded with zeros): a
                // number a byte made the table, and the binary, some
                // megabytes larger.
                ops.extend(x.chunks(4).map(|c| {
                    let mut w = [0u8; 4];
                    w[..c.len()].copy_from_slice(c);
                    u32::from_le_bytes(w)
                }));
            }
        }
        fn bail(b: &Bail, ops: &mut Vec<u32>) {
            ops.push(b.len() as u32);
            for &(ch, b) in b {
                ops.extend([u32::from(ch), u32::from(b)]);
            }
        }
        ops.extend([self.lengths.0, self.lengths.1]);
        for w in self.edges.iter().flatten() {
            ops.extend([*w as u32, (*w >> 32) as u32]);
        }
        for side in [&self.suffix, &self.prefix] {
            match side {
                Some((l, b)) => {
                    ops.push(1);
                    lits(l, ops);
                    bail(b, ops);
                }
                None => ops.push(0),
            }
        }
        ops.push(self.factors.0.len() as u32);
        self.factors.0.iter().for_each(|l| lits(l, ops));
        bail(&self.factors.1, ops);
    }

    /// What `encode` wrote, taken off `ops` (`None`: not that).
    pub(crate) fn decode(ops: &mut &[u32]) -> Option<Derived> {
        fn take(ops: &mut &[u32]) -> Option<u32> {
            let (&n, rest) = ops.split_first()?;
            *ops = rest;
            Some(n)
        }
        fn lits(ops: &mut &[u32]) -> Option<Lits> {
            let n = take(ops)?;
            let mut out = Vec::with_capacity((n as usize).min(ops.len()));
            for _ in 0..n {
                let len = take(ops)? as usize;
                let words = ops.get(..len.div_ceil(4))?;
                *ops = &ops[words.len()..];
                let mut lit: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
                lit.truncate(len);
                out.push(lit);
            }
            Some(out)
        }
        fn bail(ops: &mut &[u32]) -> Option<Bail> {
            let n = take(ops)?;
            let mut out = Vec::with_capacity((n as usize).min(ops.len()));
            for _ in 0..n {
                let ch = char::from_u32(take(ops)?)?;
                out.push((ch, u8::try_from(take(ops)?).ok()?));
            }
            Some(out)
        }
        fn side(ops: &mut &[u32]) -> Option<Option<(Lits, Bail)>> {
            Some(match take(ops)? {
                0 => None,
                1 => Some((lits(ops)?, bail(ops)?)),
                _ => return None,
            })
        }
        let lengths = (take(ops)?, take(ops)?);
        let mut edges = [[0u64; 4]; 2];
        for w in edges.iter_mut().flatten() {
            *w = u64::from(take(ops)?) | u64::from(take(ops)?) << 32;
        }
        let suffix = side(ops)?;
        let prefix = side(ops)?;
        let n = take(ops)?;
        let mut sets = Vec::with_capacity((n as usize).min(ops.len()));
        for _ in 0..n {
            sets.push(lits(ops)?);
        }
        Some(Derived {
            lengths,
            edges,
            suffix,
            prefix,
            factors: (sets, bail(ops)?),
        })
    }
}

/// `suffix`, `prefix` and `factors` of one pattern, taken from what was
/// derived ahead of time when there is that (each asked once at most),
/// else from its parse.
pub(crate) struct Known(Option<Derived>);

impl Known {
    /// From `Derived::encode`'s numbers (`prebuilt::derived`), if any and
    /// they read back.
    pub(crate) fn new(ops: Option<&[u32]>) -> Known {
        Known(ops.and_then(|mut ops| Derived::decode(&mut ops)))
    }

    /// Whether all is known ahead: the parse is not needed for it.
    pub(crate) fn is_derived(&self) -> bool {
        self.0.is_some()
    }

    // Each below from the parse `h` when not known ahead (`None`: the
    // pattern does not parse, nothing is known of it).

    pub(crate) fn lengths(&self, h: Option<&Hir>) -> (u32, u32) {
        match &self.0 {
            Some(d) => d.lengths,
            None => h.map_or((0, u32::MAX), lengths),
        }
    }

    pub(crate) fn edges(&self, h: Option<&Hir>) -> [ByteSet; 2] {
        match &self.0 {
            Some(d) => d.edges,
            None => h.map_or([[u64::MAX; 4]; 2], edges),
        }
    }

    pub(crate) fn suffix(&mut self, h: Option<&Hir>, bail: &mut Bail) -> Option<Lits> {
        match &mut self.0 {
            Some(d) => d.suffix.take().map(|(l, b)| {
                bail.extend(b);
                l
            }),
            None => suffix(h?, bail),
        }
    }

    pub(crate) fn prefix(&mut self, h: Option<&Hir>, bail: &mut Bail) -> Option<Lits> {
        match &mut self.0 {
            Some(d) => d.prefix.take().map(|(l, b)| {
                bail.extend(b);
                l
            }),
            None => prefix(h?, bail),
        }
    }

    pub(crate) fn factors(&mut self, h: Option<&Hir>, bail: &mut Bail) -> Vec<Lits> {
        match &mut self.0 {
            Some(d) => {
                let (sets, b) = std::mem::take(&mut d.factors);
                bail.extend(b);
                sets
            }
            None => h.map(|h| factors(h, bail)).unwrap_or_default(),
        }
    }
}

/// The fewest bytes a match of `h` has, and for a pattern anchored at both
/// ends the most (`u32::MAX`: no bound).
pub(crate) fn lengths(h: &Hir) -> (u32, u32) {
    let p = h.properties();
    let whole =
        p.look_set_prefix().contains(Look::Start) && p.look_set_suffix().contains(Look::End);
    let most = p.maximum_len().filter(|_| whole);
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (
        p.minimum_len().map_or(0, clamp),
        most.map_or(u32::MAX, clamp),
    )
}

/// `edge_bytes` at the start and end of `h`, where it is anchored there
/// (every byte where it is not, or where a match can be empty).
pub(crate) fn edges(h: &Hir) -> [ByteSet; 2] {
    [false, true].map(|last| {
        let p = h.properties();
        let anchored = match last {
            false => p.look_set_prefix().contains(Look::Start),
            true => p.look_set_suffix().contains(Look::End),
        };
        anchored
            .then(|| edge_bytes(h, last))
            .flatten()
            .unwrap_or([u64::MAX; 4])
    })
}

/// ASCII bytes as a bit set (bit b for byte b).
pub(super) type Bytes = u128;

/// Byte sets every match of `h` holds a byte of, one set per required
/// piece (only pieces made of ASCII characters: a byte of those can only be
/// that character). Empty: nothing known.
pub(super) fn needs(h: &Hir) -> Vec<Bytes> {
    match h.kind() {
        HirKind::Literal(l) => {
            l.0.iter()
                .find(|b| b.is_ascii())
                .map(|&b| vec![1u128 << b])
                .unwrap_or_default()
        }
        HirKind::Class(c) => {
            let ranges: Vec<(u32, u32)> = match c {
                Class::Unicode(u) => u
                    .ranges()
                    .iter()
                    .map(|r| (r.start() as u32, r.end() as u32))
                    .collect(),
                Class::Bytes(b) => b
                    .ranges()
                    .iter()
                    .map(|r| (r.start() as u32, r.end() as u32))
                    .collect(),
            };
            if ranges.is_empty() || ranges.iter().any(|&(_, e)| e > 0x7f) {
                return Vec::new();
            }
            let mut set: Bytes = 0;
            for (a, e) in ranges {
                for b in a..=e {
                    set |= 1 << b;
                }
            }
            vec![set]
        }
        HirKind::Capture(c) => needs(&c.sub),
        HirKind::Repetition(r) if r.min > 0 => needs(&r.sub),
        HirKind::Concat(v) => v.iter().flat_map(needs).collect(),
        HirKind::Alternation(v) => {
            // One byte of the union, whichever branch matched.
            let mut set: Bytes = 0;
            for c in v {
                match needs(c).into_iter().min_by_key(|s| s.count_ones()) {
                    Some(s) => set |= s,
                    None => return Vec::new(),
                }
            }
            vec![set]
        }
        _ => Vec::new(),
    }
}

/// A set of byte values, a bit each.
pub(super) type ByteSet = [u64; 4];

/// The bytes a match of `h` can start with (`last`: end with), or `None`
/// if a match can be empty (it then need not start with any byte). For a
/// non-ASCII character only its first (last) byte is known, roughly: every
/// leading byte from that of the range's first character to that of its
/// last (UTF-8 keeps the order), every continuation byte; more than the
/// exact set, never less.
pub(super) fn edge_bytes(h: &Hir, last: bool) -> Option<ByteSet> {
    let mut set = [0; 4];
    (!edge_into(h, last, &mut set)).then_some(set)
}

/// Add to `set` the bytes a non-empty match of `h` can start (end) with;
/// true if `h` can match the empty string.
fn edge_into(h: &Hir, last: bool, set: &mut ByteSet) -> bool {
    let mut add = |a: u8, b: u8| {
        for x in a..=b {
            set[usize::from(x / 64)] |= 1 << (x % 64);
        }
    };
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(l) => match if last { l.0.last() } else { l.0.first() } {
            Some(&b) => {
                add(b, b);
                false
            }
            None => true,
        },
        HirKind::Class(Class::Bytes(c)) => {
            c.ranges().iter().for_each(|r| add(r.start(), r.end()));
            false
        }
        HirKind::Class(Class::Unicode(c)) => {
            let lead = |ch: char| ch.encode_utf8(&mut [0; 4]).as_bytes()[0];
            let mut wide = false;
            for r in c.ranges() {
                if r.start() <= '\x7f' {
                    add(r.start() as u8, r.end().min('\x7f') as u8);
                }
                if r.end() > '\x7f' {
                    wide = true;
                    if !last {
                        add(lead(r.start().max('\u{80}')), lead(r.end()));
                    }
                }
            }
            if wide && last {
                add(0x80, 0xBF);
            }
            false
        }
        HirKind::Repetition(r) => edge_into(&r.sub, last, set) || r.min == 0,
        HirKind::Capture(c) => edge_into(&c.sub, last, set),
        HirKind::Concat(v) => {
            // Up to the first part that cannot be empty.
            let mut parts: Box<dyn Iterator<Item = &Hir>> = if last {
                Box::new(v.iter().rev())
            } else {
                Box::new(v.iter())
            };
            parts.all(|x| edge_into(x, last, set))
        }
        HirKind::Alternation(v) => v
            .iter()
            .fold(false, |empty, x| edge_into(x, last, set) | empty),
    }
}

/// The ASCII bytes `text` holds.
pub(super) fn bytes_in(text: &str) -> Bytes {
    if text.len() < 32 {
        // A short text: a bit per byte is fewer steps than the table.
        let (mut lo, mut hi) = (0u64, 0u64);
        for &b in text.as_bytes() {
            match b {
                0..64 => lo |= 1 << b,
                64..128 => hi |= 1 << (b - 64),
                _ => {}
            }
        }
        return Bytes::from(lo) | Bytes::from(hi) << 64;
    }
    // A flag per byte value, then the set: stores that do not wait on each
    // other, where a running set would carry a dependency byte to byte.
    let mut seen = [0u8; 256];
    for &b in text.as_bytes() {
        seen[b as usize] = 1;
    }
    // Eight flags (0 or 1, one per byte) to eight bits at once: the
    // multiply moves byte j's low bit to bit 56 + j, without carries.
    let mut set: Bytes = 0;
    for (k, c) in seen[..128].chunks_exact(8).enumerate() {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let bits = u64::from_le_bytes(w).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        set |= (bits as Bytes) << (8 * k);
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edges(p: &str, last: bool) -> Option<Vec<u8>> {
        let h = regex_syntax::Parser::new().parse(p).unwrap();
        let set = edge_bytes(&h, last)?;
        Some(
            (0..=255u8)
                .filter(|&b| set[usize::from(b / 64)] & 1 << (b % 64) != 0)
                .collect(),
        )
    }

    /// For every built-in pattern, what `build.rs` derived reads back as
    /// exactly what the code derives from the parse now, numbers and all.
    #[test]
    fn prebuilt_derived_equals_what_the_parse_gives() {
        let mut n = 0;
        let mut sets = 0;
        for p in crate::classify::prebuilt::patterns() {
            let h = regex_syntax::Parser::new().parse(p).unwrap();
            let want = Derived::of(&h);
            let mut ops = crate::classify::prebuilt::derived(p).unwrap();
            assert_eq!(Derived::decode(&mut ops), Some(want.clone()), "{p}");
            assert!(ops.is_empty(), "{p}");
            n += 1;
            sets += want.factors.0.len();
        }
        // Hundreds of patterns, most with factors.
        assert!(n > 400 && sets > n, "{n} {sets}");
    }

    /// The prefilter of the built-in patterns built from what `build.rs`
    /// derived is the one built from their parses alone, and the parses
    /// it leaves to be rebuilt later are those.
    #[test]
    fn prefilter_from_derived_equals_the_one_from_parses() {
        use crate::classify::prebuilt;
        let mut pats: Vec<String> = prebuilt::patterns().map(String::from).collect();
        // And patterns not built in, one that does not parse among them.
        pats.extend([r"(?i)\bnot built in (at all)?$", r"(unclosed", r"^\d+$"].map(String::from));
        let (mut fast_hirs, mut slow_hirs) = (Vec::new(), Vec::new());
        let fast = super::super::Prefilter::new(&pats, &mut fast_hirs);
        prebuilt::NO_DERIVED.set(true);
        let slow = super::super::Prefilter::new(&pats, &mut slow_hirs);
        prebuilt::NO_DERIVED.set(false);
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
        let mut lazy = 0;
        for ((p, f), s) in pats.iter().zip(&fast_hirs).zip(&slow_hirs) {
            let want = s.get().expect("parsed when none is derived");
            match f.get() {
                Some(h) => assert_eq!(h, want, "{p}"),
                None => {
                    lazy += 1;
                    assert_eq!(&prebuilt::parse(p), want, "{p}");
                }
            }
        }
        // Most are left to be rebuilt when first needed.
        assert!(lazy * 2 > pats.len(), "{lazy}");
    }

    /// `Derived::of` is what `suffix`, `prefix` and `factors` give, bail-out
    /// included; it encodes and decodes to itself; `Known` hands it out as
    /// those functions would, from it or, with none, from the parse.
    #[test]
    fn derived_and_known_answer_as_the_functions() {
        let pats = [
            r"(?i)^share this (article|story)",
            r"(?i)\bfollow us\b.{0,60}facebook",
            r"(?i)(latest|new) (posts|stories) sent to your inbox",
            r"(?i)^(ok|sk)ip$",
            r"(?i)kelvin\s+links$",
            r"^[0-9]+ comments?$",
            r"(?i)\bl[ií]nea\b",
            r"\p{Lu}\w*",
            r"",
        ];
        for p in pats {
            let h = regex_syntax::Parser::new().parse(p).unwrap();
            let d = Derived::of(&h);
            let (mut b1, mut b2, mut b3) = (Vec::new(), Vec::new(), Vec::new());
            let s = suffix(&h, &mut b1);
            let pr = prefix(&h, &mut b2);
            let f = factors(&h, &mut b3);
            assert_eq!(d.suffix, s.clone().map(|l| (l, b1.clone())), "{p}");
            assert_eq!(d.prefix, pr.clone().map(|l| (l, b2.clone())), "{p}");
            assert_eq!(d.factors, (f.clone(), b3.clone()), "{p}");
            let mut ops = Vec::new();
            d.encode(&mut ops);
            let mut read = &ops[..];
            assert_eq!(Derived::decode(&mut read).as_ref(), Some(&d), "{p}");
            assert!(read.is_empty());
            // Cut short, it reads as nothing, and `Known` falls back.
            if let Some(cut) = ops.len().checked_sub(1) {
                assert_eq!(Derived::decode(&mut &ops[..cut]), None, "{p}");
            }
            for source in [Some(&ops[..]), None, Some(&[9][..])] {
                let mut k = Known::new(source);
                let mut bail = Vec::new();
                assert_eq!(k.lengths(Some(&h)), lengths(&h), "{p}");
                assert_eq!(k.edges(Some(&h)), super::edges(&h), "{p}");
                assert_eq!(k.suffix(Some(&h), &mut bail), s, "{p}");
                assert_eq!(k.prefix(Some(&h), &mut bail), pr, "{p}");
                assert_eq!(k.factors(Some(&h), &mut bail), f, "{p}");
                let all: Vec<_> = [&b1, &b2, &b3].into_iter().flatten().copied().collect();
                assert_eq!(bail, all, "{p}");
            }
        }
    }

    /// A pattern that does not parse, not built in: nothing is known of
    /// it, as before `Known`.
    #[test]
    fn known_of_no_parse_is_nothing() {
        let mut k = Known::new(None);
        let mut bail = Vec::new();
        assert!(!k.is_derived());
        assert_eq!(k.lengths(None), (0, u32::MAX));
        assert_eq!(k.edges(None), [[u64::MAX; 4]; 2]);
        assert_eq!(k.suffix(None, &mut bail), None);
        assert_eq!(k.prefix(None, &mut bail), None);
        assert!(k.factors(None, &mut bail).is_empty());
        assert!(bail.is_empty());
    }

    #[test]
    fn edge_bytes_hold_every_byte_a_match_starts_or_ends_with() {
        assert_eq!(edges(r"^[0-9]+x", false).unwrap(), b"0123456789");
        assert_eq!(edges(r"^[0-9]+x", true).unwrap(), b"x");
        assert_eq!(edges(r"(?i)\bab?", false).unwrap(), b"Aa");
        assert_eq!(edges(r"a?b|c", false).unwrap(), b"abc");
        assert_eq!(edges(r"(ab)*c?d", true).unwrap(), b"d");
        // `é` is C3 A9: its first byte; on the right, a continuation byte.
        assert_eq!(edges(r"é", false).unwrap(), [0xC3]);
        assert!(edges(r"é", true).unwrap().contains(&0xA9));
        // A match may be empty: nothing is known.
        assert_eq!(edges(r"a*", false), None);
        assert_eq!(edges(r"^$", true), None);
    }
}
