//! Function-word lists. Prose is dense in them, menus and link lists are
//! not (jusText's main signal), whatever the language.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

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

/// Open addressing over packed keys: a key is never 0 (its first byte is
/// not), so 0 marks an empty slot.
struct Table {
    keys: Vec<u64>,
    values: Vec<u8>,
    shift: u32,
    /// Longest word, in bytes.
    max_len: usize,
}

impl Table {
    fn slot(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn get(&self, k: u64) -> u8 {
        let mask = self.keys.len() - 1;
        let mut i = self.slot(k);
        loop {
            let key = self.keys[i];
            if key == k {
                return self.values[i];
            }
            if key == 0 {
                return 0;
            }
            i = (i + 1) & mask;
        }
    }
}

/// Word (lower case) -> bit mask of the languages whose list holds it,
/// plus `FIRST_PERSON_BIT`.
static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut m: FxHashMap<u64, u8> = FxHashMap::default();
    let mut max_len = 0;
    let lists = [EN, ES, FR, DE, PT, IT, NL];
    let words = lists
        .iter()
        .enumerate()
        .flat_map(|(i, list)| list.split_whitespace().map(move |w| (w, 1u8 << i)))
        .chain(FIRST_PERSON.iter().map(|&w| (w, FIRST_PERSON_BIT)));
    for (w, bit) in words {
        // Every listed word fits (a test checks each is found).
        if let Some(k) = key(w.as_bytes()) {
            *m.entry(k).or_default() |= bit;
            max_len = max_len.max(w.len());
        }
    }
    // At most a quarter full: probes stay short.
    let size = (m.len() * 4).next_power_of_two();
    let mut t = Table {
        keys: vec![0; size],
        values: vec![0; size],
        shift: 64 - size.trailing_zeros(),
        max_len,
    };
    for (k, v) in m {
        let mut i = t.slot(k);
        while t.keys[i] != 0 {
            i = (i + 1) & (size - 1);
        }
        t.keys[i] = k;
        t.values[i] = v;
    }
    t
});

/// Language bits and `FIRST_PERSON_BIT` of a lower-case word, in one
/// look-up.
pub fn lookup(lower: &[u8]) -> u8 {
    key(lower).map_or(0, lookup_key)
}

/// Longest listed word in bytes: a longer ASCII word needs no look-up.
pub fn max_len() -> usize {
    TABLE.max_len
}

/// `lookup` of a word already packed by `key`.
pub fn lookup_key(k: u64) -> u8 {
    TABLE.get(k)
}

/// Bit mask of the languages that count `lower` as a function word.
pub fn mask(lower: &str) -> u8 {
    lookup(lower.as_bytes()) & !FIRST_PERSON_BIT
}

static FIRST_PERSON: &[&str] = &[
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
        assert_eq!(max_len(), "también".len());
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
