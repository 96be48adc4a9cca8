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

/// Slots in the table: a power of two, at most a quarter full (a test
/// checks), so that probes stay short.
const SLOTS: usize = 2048;
const SHIFT: u32 = 64 - SLOTS.trailing_zeros();

/// Open addressing over packed keys: a key is never 0 (its first byte is
/// not), so 0 marks an empty slot. Built at compile time: a look-up is
/// inlined into the caller's loop, with no check that a lazy table was
/// made.
struct Table {
    keys: [u64; SLOTS],
    values: [u8; SLOTS],
    /// Longest word, in bytes.
    max_len: usize,
    /// Distinct words.
    len: usize,
}

#[inline(always)]
const fn slot(k: u64) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> SHIFT) as usize
}

impl Table {
    #[inline(always)]
    fn get(&self, k: u64) -> u8 {
        let mut i = slot(k);
        // An empty slot's value is 0: found or not, the answer is the
        // slot's value, without a branch on which (a word is a function
        // word about half the time: such a branch is often mispredicted).
        // Most look-ups end at the first slot.
        loop {
            let key = self.keys[i];
            if key == k || key == 0 {
                return self.values[i];
            }
            i = (i + 1) & (SLOTS - 1);
        }
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
        let mut i = slot(k);
        while self.keys[i] != 0 && self.keys[i] != k {
            i = (i + 1) & (SLOTS - 1);
        }
        if self.keys[i] == 0 {
            self.keys[i] = k;
            self.len += 1;
            if e - s > self.max_len {
                self.max_len = e - s;
            }
        }
        self.values[i] |= bit;
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

/// `TABLE`, made at compile time (a const, so that `MAX_LEN` can read it).
const BUILT: Table = {
    let mut t = Table {
        keys: [0; SLOTS],
        values: [0; SLOTS],
        max_len: 0,
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
    assert!(t.len * 4 <= SLOTS, "the table is at most a quarter full");
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
}
