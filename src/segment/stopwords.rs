//! Function-word lists. Prose is dense in them, menus and link lists are
//! not (jusText's main signal), whatever the language.

pub const LANGS: [&str; 7] = ["en", "es", "fr", "de", "pt", "it", "nl"];

const EN: &str = "a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours also been said says its";
const ES: &str = "a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre era eran es esa ese eso esta estaba estado estas este esto estos fue fueron ha hace hasta hay la las le les lo los mas me mi muy no nos o otra otras otro otros para pero poco por porque que quien se sea ser si sin sobre son su sus también tanto te tiene todo todos tu un una uno unos y ya él ha han había sido según";
const FR: &str = "a au aux avec ce ces cette dans de des du elle en est et eux il ils je la le les leur lui ma mais me même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sont sur ta te tes toi ton tu un une vos votre vous y été être avait avoir fait plus comme tout aussi entre été où";
const DE: &str = "aber als am an auch auf aus bei bin bis da damit dann das dass dem den denn der des die dies diese dieser doch dort du durch ein eine einem einen einer eines er es für hat hatte ich ihr ihre im in ist ja jetzt kann kein mit muss nach nicht noch nun nur ob oder ohne sein seine sich sie sind so über um und uns unter vom von vor war wie wir wird wurde zu zum zur werden haben wenn";
const PT: &str = "a ao aos as com como da das de do dos e ela ele eles em entre era essa esse esta este eu foi for há isso já la lhe mais mas me mesmo muito na nas nem no nos o os ou para pela pelo por qual que quando se sem ser seu seus sua suas também te tem um uma uns você são foram está não é ainda após sobre";
const IT: &str = "a ad al alla alle anche che chi con come da dal dalla dei del della delle di e ed gli ha hanno i il in la le lo ma ne nel nella non o per più quando questo questa se si sono su sua suo tra un una uno è era sono stato essere anche dopo loro";
const NL: &str = "aan al als bij dan dat de die dit door een en er had heb het hij hoe ik in is je kan maar met mij niet nog nu of om ons ook op over te tot uit van voor was wat wel wij zal ze zich zijn zo";

/// Bit set in `lookup`'s answer for a first-person singular word.
pub const FIRST_PERSON_BIT: u8 = 0x80;

/// Longest word a key holds, in bytes (the lists' longest is 8).
pub const KEY_LEN: usize = 8;

/// A word of up to 8 bytes packed into one integer, zero-padded (words
/// hold no NUL): hashing it is one multiply, not a pass over a string.
pub fn key(word: &[u8]) -> Option<u64> {
    if word.len() > KEY_LEN || word.contains(&0) {
        return None;
    }
    let mut b = [0u8; KEY_LEN];
    b[..word.len()].copy_from_slice(word);
    Some(u64::from_le_bytes(b))
}

/// Buckets in the table, each of `WAYS` keys: a key is in the bucket its
/// hash picks (`bucket`), or in none. A look-up compares the key with the
/// whole bucket at once and takes the value of the slot that matched: no
/// probe sequence, so no branch on whether a word is listed (about half
/// are, at random: such a branch was mispredicted on a word in five).
const BUCKETS: usize = 256;
const WAYS: usize = 4;
const SHIFT: u32 = 64 - BUCKETS.trailing_zeros();

/// The hash multiplier: one under which no bucket gets more than `WAYS`
/// of the listed words (`BUILT` asserts it). Found by trying odd numbers
/// at random; another list may need another search.
const MULTIPLIER: u64 = 0x2bbd_1c30_8b59_3d85;

/// Keys of a bucket, 32 bytes aligned: one vector compare, within a
/// cache line.
#[derive(Clone, Copy)]
#[repr(align(32))]
struct Bucket([u64; WAYS]);

/// Buckets of packed keys: a key is never 0 (its first byte is not), so 0
/// marks an empty slot, whose value is 0. Built at compile time: a
/// look-up is inlined into the caller's loop, with no check that a lazy
/// table was made. 8 KiB of keys: the scan's look-ups mostly stay in
/// the L1 cache.
struct Table {
    keys: [Bucket; BUCKETS],
    /// Value of slot j of bucket i: byte j of `values[i]`.
    values: [u32; BUCKETS],
    /// Longest word, in bytes.
    max_len: usize,
    /// Longest word of ASCII bytes only.
    max_ascii_len: usize,
    /// Distinct words.
    len: usize,
}

#[inline(always)]
const fn bucket(k: u64) -> usize {
    (k.wrapping_mul(MULTIPLIER) >> SHIFT) as usize
}

impl Table {
    /// The value of `k`, 0 when it is not listed (`k` 0 included: it
    /// matches only empty slots).
    #[inline(always)]
    fn get(&self, k: u64) -> u8 {
        let i = bucket(k);
        let (keys, values) = (&self.keys[i].0, self.values[i]);
        // At most one slot holds `k` (or several empty ones, all 0):
        // their values or'ed, without a branch.
        let mut v = 0;
        for (j, &key) in keys.iter().enumerate() {
            v |= if key == k { values >> (8 * j) } else { 0 };
        }
        v as u8
    }

    /// Add `bit` to the word `w[s..e]`'s value (const: `key` is not).
    const fn add(&mut self, w: &[u8], s: usize, e: usize, bit: u8) {
        assert!(e - s <= KEY_LEN, "a listed word fits a key");
        let mut k = 0u64;
        let mut j = e;
        while j > s {
            j -= 1;
            k = (k << 8) | w[j] as u64;
        }
        let i = bucket(k);
        let mut slot = 0;
        while slot < WAYS && self.keys[i].0[slot] != 0 && self.keys[i].0[slot] != k {
            slot += 1;
        }
        assert!(slot < WAYS, "no bucket holds more than WAYS words");
        if self.keys[i].0[slot] == 0 {
            self.keys[i].0[slot] = k;
            self.len += 1;
            if e - s > self.max_len {
                self.max_len = e - s;
            }
            let mut ascii = true;
            let mut j = s;
            while j < e {
                ascii &= w[j] < 0x80;
                j += 1;
            }
            if ascii && e - s > self.max_ascii_len {
                self.max_ascii_len = e - s;
            }
        }
        self.values[i] |= (bit as u32) << (8 * slot);
    }

    /// Add `bit` to every word of the space-separated `list`.
    const fn add_list(&mut self, list: &str, bit: u8) {
        let b = list.as_bytes();
        let mut s = 0;
        while s < b.len() {
            let mut e = s;
            while e < b.len() && b[e] != b' ' {
                e += 1;
            }
            if e > s {
                self.add(b, s, e, bit);
            }
            s = e + 1;
        }
    }
}

/// Word (lower case) -> bit mask of the languages whose list holds it,
/// plus `FIRST_PERSON_BIT`.
static TABLE: Table = BUILT;

/// Longest listed word in bytes: a longer ASCII word needs no look-up.
pub const MAX_LEN: usize = BUILT.max_len;

/// Longest listed word of ASCII bytes only: shorter than a key, so that a
/// key of eight ASCII bytes (the first eight of a longer ASCII word too)
/// matches no listed word.
pub const MAX_ASCII_LEN: usize = BUILT.max_ascii_len;
const _: () = assert!(MAX_ASCII_LEN < KEY_LEN);

/// `TABLE`, made at compile time (a const, so that `MAX_LEN` can read it).
const BUILT: Table = {
    let mut t = Table {
        keys: [Bucket([0; WAYS]); BUCKETS],
        values: [0; BUCKETS],
        max_len: 0,
        max_ascii_len: 0,
        len: 0,
    };
    let lists = [EN, ES, FR, DE, PT, IT, NL];
    let mut i = 0;
    while i < lists.len() {
        t.add_list(lists[i], 1 << i);
        i += 1;
    }
    let mut i = 0;
    while i < FIRST_PERSON.len() {
        let w = FIRST_PERSON[i].as_bytes();
        t.add(w, 0, w.len(), FIRST_PERSON_BIT);
        i += 1;
    }
    t
};

/// Language bits and `FIRST_PERSON_BIT` of a lower-case word, in one
/// look-up.
pub fn lookup(lower: &[u8]) -> u8 {
    key(lower).map_or(0, lookup_key)
}

/// `lookup` of a word already packed by `key`.
#[inline]
pub fn lookup_key(k: u64) -> u8 {
    TABLE.get(k)
}

/// `lookup_key` with AVX2: the bucket's keys compared in one instruction.
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
pub unsafe fn lookup_key_avx2(k: u64) -> u8 {
    use std::arch::x86_64::*;
    let i = bucket(k);
    // SAFETY: AVX2 is there (this function's `target_feature`); the load
    // reads the 32 bytes of one bucket's keys, unaligned loads allowed.
    let keys = unsafe { _mm256_loadu_si256(TABLE.keys[i].0.as_ptr().cast::<__m256i>()) };
    let eq = _mm256_cmpeq_epi64(keys, _mm256_set1_epi64x(k as i64));
    let m = _mm256_movemask_pd(_mm256_castsi256_pd(eq)) as u32;
    // The first slot that matched; `WAYS` when none did, whose byte of
    // the value (past its four) is 0.
    let j = (m | 1 << WAYS).trailing_zeros();
    (u64::from(TABLE.values[i]) >> (8 * j)) as u8
}

/// A bucket of `TABLE` for `lanes_avx2`: its keys, and each slot's value
/// spread a bit per byte (`spread`), in one cache line.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct WideBucket {
    keys: [u64; WAYS],
    lanes: [u64; WAYS],
}

/// The bits of `m` one per byte: byte i is 1 when bit i is set.
const fn spread(m: u8) -> u64 {
    let mut x = 0;
    let mut i = 0;
    while i < 8 {
        if m & (1 << i) != 0 {
            x |= 1 << (8 * i);
        }
        i += 1;
    }
    x
}

/// `TABLE` as `WideBucket`s (16 KiB), made at compile time.
static WIDE_TABLE: [WideBucket; BUCKETS] = {
    let mut t = [WideBucket {
        keys: [0; WAYS],
        lanes: [0; WAYS],
    }; BUCKETS];
    let mut i = 0;
    while i < BUCKETS {
        t[i].keys = BUILT.keys[i].0;
        let mut j = 0;
        while j < WAYS {
            t[i].lanes[j] = spread((BUILT.values[i] >> (8 * j)) as u8);
            j += 1;
        }
        i += 1;
    }
    t
};

/// `lookup_key(k)` spread a bit per byte (byte i: 1 when bit i is set), in
/// the 64-bit slot of the vector where `k` matched (0 elsewhere; all 0
/// when it matched none): added to a vector of byte counters, a word's
/// hits take no move out of the vector unit, no shift and no second
/// table.
///
/// # Safety
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
pub unsafe fn lanes_avx2(k: u64) -> std::arch::x86_64::__m256i {
    use std::arch::x86_64::*;
    let b = &WIDE_TABLE[bucket(k)];
    // SAFETY: AVX2 is there (this function's `target_feature`); the loads
    // read the 32 bytes of the bucket's keys and of its lanes, each 32
    // bytes aligned (`WideBucket` is 64 aligned, `lanes` at 32).
    let (keys, lanes) = unsafe {
        (
            _mm256_load_si256(b.keys.as_ptr().cast::<__m256i>()),
            _mm256_load_si256(b.lanes.as_ptr().cast::<__m256i>()),
        )
    };
    let eq = _mm256_cmpeq_epi64(keys, _mm256_set1_epi64x(k as i64));
    _mm256_and_si256(eq, lanes)
}

/// Bit mask of the languages that count `lower` as a function word.
pub fn mask(lower: &str) -> u8 {
    lookup(lower.as_bytes()) & !FIRST_PERSON_BIT
}

const FIRST_PERSON: &[&str] = &[
    "i", "me", "my", "myself", "mine", "yo", "mi", "mis", "je", "moi", "mon", "ma", "mes", "ich",
    "mich", "mir", "mein", "meine", "eu", "meu", "minha", "io", "mio", "mia",
];

pub fn is_first_person(lower: &str) -> bool {
    lookup(lower.as_bytes()) & FIRST_PERSON_BIT != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_lookup_answers_both_questions() {
        assert_eq!(mask("the"), 1, "English only");
        assert_ne!(mask("de") & (1 << 1), 0, "Spanish de");
        assert_ne!(mask("de") & (1 << 2), 0, "French de");
        assert_eq!(mask("boilerplate"), 0);
        assert_eq!(mask("été"), 1 << 2);
        assert!(is_first_person("my"));
        assert!(is_first_person("ich"));
        assert!(!is_first_person("the"));
        // `mi` is a function word and first person.
        assert_ne!(lookup(b"mi") & FIRST_PERSON_BIT, 0);
        assert_ne!(lookup(b"mi") & !FIRST_PERSON_BIT, 0);
        assert_eq!(lookup(b"a-very-long-word-indeed"), 0);
        assert_eq!(lookup(b""), 0);
        assert_eq!(MAX_LEN, "también".len());
        assert_eq!(MAX_ASCII_LEN, "because".len());
        assert_eq!(spread(0), 0);
        assert_eq!(spread(0x81), 0x0100_0000_0000_0001);
        assert_eq!(spread(0xff), 0x0101_0101_0101_0101);
        // Every listed word is found, in its languages.
        for (i, list) in [EN, ES, FR, DE, PT, IT, NL].iter().enumerate() {
            for w in list.split_whitespace() {
                assert_ne!(mask(w) & (1 << i), 0, "{w}");
            }
        }
        for w in FIRST_PERSON {
            assert!(is_first_person(w), "{w}");
        }
    }

    /// The lists' words and their bits, from the lists alone: what the
    /// table must answer.
    fn oracle() -> std::collections::HashMap<Vec<u8>, u8> {
        let mut want = std::collections::HashMap::new();
        for (i, list) in [EN, ES, FR, DE, PT, IT, NL].iter().enumerate() {
            for w in list.split_whitespace() {
                *want.entry(w.as_bytes().to_vec()).or_insert(0) |= 1 << i;
            }
        }
        for w in FIRST_PERSON {
            *want.entry(w.as_bytes().to_vec()).or_insert(0) |= FIRST_PERSON_BIT;
        }
        want
    }

    /// Both forms of the look-up give each listed word its bits and every
    /// other key 0: random keys (many share a bucket with a listed word),
    /// listed words cut or grown by a byte, non-ASCII ones, and key 0.
    #[test]
    fn buckets_answer_as_the_lists_do() {
        let want = oracle();
        assert_eq!(TABLE.len, want.len());
        let check = |k: u64| {
            let b = k.to_le_bytes();
            let n = b.iter().rposition(|&c| c != 0).map_or(0, |p| p + 1);
            let expect = match b[..n].contains(&0) {
                true => 0,
                false => want.get(&b[..n]).copied().unwrap_or(0),
            };
            assert_eq!(lookup_key(k), expect, "{k:#x}");
            #[cfg(target_arch = "x86_64")]
            if std::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2.
                assert_eq!(unsafe { lookup_key_avx2(k) }, expect, "{k:#x}");
                // SAFETY: as above; a vector's bytes read as four u64s.
                let lanes: [u64; 4] = unsafe { std::mem::transmute(lanes_avx2(k)) };
                // At most one slot is not 0.
                assert!(lanes.iter().filter(|&&x| x != 0).count() <= 1, "{k:#x}");
                assert_eq!(lanes.iter().fold(0, |a, x| a | x), spread(expect), "{k:#x}");
            }
        };
        check(0);
        for w in want.keys() {
            let k = key(w).expect("a listed word fits a key");
            check(k);
            for c in [b'a', b's', b'\'', 0xc3] {
                let mut longer = w.clone();
                longer.push(c);
                if let Some(k) = key(&longer) {
                    check(k);
                }
            }
            if w.len() > 1 {
                check(key(&w[..w.len() - 1]).unwrap_or(0));
                check(key(&w[1..]).unwrap_or(0));
            }
        }
        let mut rng = crate::test_rng::XorShift::new(0x51ED_2701_A4C3_9E85);
        for _ in 0..200_000 {
            let r = rng.next_u64();
            // Short lower-case ASCII words, as most keys are, and any bytes.
            let n = 1 + (r % 8) as u32;
            let ascii = (0..n).fold(0u64, |k, i| {
                k | (b'a' as u64 + (r >> (8 + 5 * i)) % 26) << (8 * i)
            });
            check(ascii);
            check(rng.next_u64());
        }
    }
}
