//! Text input: an author box after the article (the writer's name on a
//! line of its own, maybe a role, then a paragraph about them that starts
//! with their name: "Jane Roe" / "Senior Editor" / "Jane has covered ...").
//! With the HTML gone the bio reads as one more paragraph and the region
//! runs on through it into whatever follows (more bios, related posts,
//! the footer). An article's own paragraphs rarely follow a line holding
//! nothing but the name they start with, so that echo marks the box.

use crate::segment::{Block, Page};

/// Lines at most between the name and its bio paragraph (a role, a
/// "Follow" link, "About").
const NAME_REACH: usize = 3;
/// Words at most of a line between the name and its bio.
const BETWEEN_WORDS: u32 = 10;
/// Words a bio paragraph has at least.
const BIO_WORDS: u32 = 10;
/// Where the region `(a, z)` should end: the first line of an author box
/// in its last part, or `z` when there is none.
pub fn cut(page: &Page, prose: &[bool], (a, z): (usize, usize)) -> usize {
    let blocks = &page.blocks[..z.min(page.blocks.len())];
    let late = last_paragraphs(prose, blocks.len());
    // An author box closes an article, it does not open one.
    for i in super::text_region::closing_lines(page, prose, (a, z)) {
        let next = |j: usize| blocks.get(j + 1).map_or("", |b| b.text.as_str());
        // A credit line ("Written by Jane Roe") also heads a teaser whose
        // summary names the writer in passing: its bio opens with the name.
        let (name, credit) = match name_tokens(&blocks[i]) {
            Some(name) => (Some(name), false),
            None => (credited(&blocks[i]), true),
        };
        let start = if let Some(name) = name {
            // The bio: the first longer line within reach, after short ones.
            let mut j = i + 1;
            while j < blocks.len()
                && j <= i + NAME_REACH
                && blocks[j].features.words <= BETWEEN_WORDS
            {
                j += 1;
            }
            j < blocks.len()
                && j <= i + NAME_REACH
                && echoes(&blocks[j], next(j), &name, true)
                && (!credit || name.contains(&first_word(&blocks[j].text).0))
        } else {
            // A bio with no name line: "Jane Roe is a writer who ...", as
            // the article's last paragraph or after it.
            i >= late
                && lone_bio(&blocks[i])
                && echoes(&blocks[i], next(i), &lead_name(&blocks[i].text), false)
        };
        if start {
            // With its heading ("About the author", "Written by").
            let headed = i > a
                && !prose[i - 1]
                && blocks[i - 1].features.words <= HEADING_WORDS
                && HEADING.is_match(blocks[i - 1].text.as_str());
            return i - usize::from(headed);
        }
    }
    z
}

/// The first of the `n` lines with at most one prose line after it: the
/// second last prose line, or 0. Found once for the lines of a region,
/// not counted again after each.
fn last_paragraphs(prose: &[bool], n: usize) -> usize {
    prose
        .iter()
        .take(n)
        .enumerate()
        .rev()
        .filter(|(_, p)| **p)
        .nth(1)
        .map_or(0, |(k, _)| k)
}

// The patterns below use ASCII word boundaries: a Unicode `\b` keeps the
// regex off its DFA on any non-ASCII line, which made these checks cost
// about 5% of a text run.

/// Words at most of an author box's heading.
const HEADING_WORDS: u32 = 5;

/// An author box's heading.
static HEADING: std::sync::LazyLock<regex_automata::meta::Regex> =
    std::sync::LazyLock::new(|| super::text_region::words_pattern(HEADING_PATTERN));

/// `HEADING`'s pattern.
const HEADING_PATTERN: &str =
    r"(?i)(?-u:\b)(about|authors?|experts?|writers?|written|reviewed|contributors?|by)(?-u:\b)";

/// Whether `text` starts as `FIRST_PERSON` needs, with an 'h' or an 'i'
/// in either case (no other character folds to them): most paragraphs do
/// not, and the pattern is not run on them.
fn may_introduce(text: &str) -> bool {
    matches!(text.as_bytes().first(), Some(b'h' | b'H' | b'i' | b'I'))
}

/// The name a paragraph opens with: the capitalised words before its
/// first verb or comma ("Jane Roe is", "Jane Roe, MD, has"), two to four
/// of them, or nothing.
fn lead_name(text: &str) -> Vec<&str> {
    let mut name = Vec::new();
    let mut verb = false;
    for w in text.split_whitespace().take(6) {
        if BIO_VERBS.contains(&w) {
            verb = true;
            break;
        }
        // A social handle after the name ("Jane Roe (@janeroe) is").
        if w.starts_with("(@") && w.ends_with(')') && !name.is_empty() {
            continue;
        }
        let comma = w.ends_with(',');
        let w = w.trim_end_matches(',');
        if !name_word(w) {
            return Vec::new();
        }
        name.push(w);
        if comma {
            break;
        }
    }
    // A first name alone must act as a person ("Kim is", "Kim has").
    if (2..=4).contains(&name.len()) || name.len() == 1 && verb {
        name
    } else {
        Vec::new()
    }
}

/// Whether a paragraph reads as a bio on its own: a name and then what
/// they are or do.
fn lone_bio(b: &Block) -> bool {
    if b.features.words < BIO_WORDS {
        return false;
    }
    match lead_name(&b.text).len() {
        0 => false,
        // "Kim is ..." may as well open a paragraph about a thing
        // ("Psychiatry is a medical specialty"): a person is spoken of as
        // one in the paragraph itself.
        1 => THIRD_PERSON.is_match(b.text.as_str()),
        _ => true,
    }
}

/// Words that speak of one other person.
static THIRD_PERSON: std::sync::LazyLock<regex_automata::meta::Regex> =
    std::sync::LazyLock::new(|| super::text_region::words_pattern(THIRD_PERSON_PATTERN));

/// `THIRD_PERSON`'s pattern.
const THIRD_PERSON_PATTERN: &str = r"(?i)(?-u:\b)(he|she|his|her|him|hers)(?-u:\b)";

/// The first word of a line, past a title ("Dr", "Prof.") and punctuation.
fn first_word(text: &str) -> (&str, std::str::SplitWhitespace<'_>) {
    let mut words = text.split_whitespace();
    let mut first = words.next().unwrap_or("");
    if TITLES.contains(&first.trim_end_matches('.')) {
        first = words.next().unwrap_or("");
    }
    (first.trim_matches(|c: char| !c.is_alphanumeric()), words)
}

/// Titles before a name.
const TITLES: &[&str] = &["Dr", "Prof", "Mr", "Mrs", "Ms", "Mx"];

/// What a bio says about its person: a trade, a degree, years at it.
static CUES: std::sync::LazyLock<regex_automata::meta::Regex> =
    std::sync::LazyLock::new(|| super::text_region::words_pattern(CUES_PATTERN));

/// `CUES`'s pattern.
const CUES_PATTERN: &str = r"(?i)(?-u:\b)(writer|editor|author|journalist|reporter|contributor|columnist|blogger|founder|co-?founder|ceo|expert|specialist|consultant|coach|director|professor|ph\.?d|degree|graduated?|years of experience|experience (in|as|with)|lives (in|with)|based in|passionate|career|background in|speciali[sz]|certified|licensed|enthusiast)";

/// A job a bio names, not only a writer's ("Karina is the owner of ...",
/// "Jared leads ... as Chief Marketing Officer"): enough only under a line
/// holding the person's name alone, as a story's paragraph about someone
/// it quotes names their job too.
static ROLES: std::sync::LazyLock<regex_automata::meta::Regex> =
    std::sync::LazyLock::new(|| super::text_region::words_pattern(ROLES_PATTERN));

/// `ROLES`'s pattern.
const ROLES_PATTERN: &str = r"(?i)(?-u:\b)(owner|manager|executive|officer|president|partner|attorney|lawyer|analyst|engineer|developer|designer|researcher|scientist|physician|dietitian|nutritionist|therapist|advis[eo]r|educator|photographer|passion)";

/// Words that speak of one person.
static PERSON: std::sync::LazyLock<regex_automata::meta::Regex> =
    std::sync::LazyLock::new(|| super::text_region::words_pattern(PERSON_PATTERN));

/// `PERSON`'s pattern.
const PERSON_PATTERN: &str = r"(?i)(?-u:\b)(he|she|his|her|him|hers|i|my|me)(?-u:\b)";

/// A paragraph that introduces its writer in the first person.
static FIRST_PERSON: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^((hi|hello|hey)(?-u:\b)|i('m|’m| am)(?-u:\b))")
        .expect("intro pattern compiles")
});

/// The words of a line that is a person's name and nothing else ("Jane
/// Roe", "Dr Ann van der Berg", "Sam Lee, MD"), or None. Credentials after
/// a comma are not part of the name.
fn name_tokens(b: &Block) -> Option<Vec<&str>> {
    let f = &b.features;
    // Names are no function words ("Our Experts", "Tips for Beginners").
    if f.words == 0 || f.words > 6 || f.chars > 48 || f.stopword_ratio > 0.0 {
        return None;
    }
    let tokens = name_words(&b.text);
    if tokens.is_empty() || tokens.len() > 4 {
        return None;
    }
    let ok = tokens.iter().all(|t| name_word(t));
    ok.then_some(tokens)
}

/// The words of a name line or of what follows a credit, without the
/// titles ("Dr.", "Prof."): what comes after a comma (a role) and a
/// handle or an outlet in brackets after the name ("Jane Roe (@janeroe)",
/// "Jane Roe (Daily Post)") are no part of it.
fn name_words(text: &str) -> Vec<&str> {
    let text = text.trim().trim_end_matches(['*', ':']);
    let text = match text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
        Some((name, _)) => name,
        None => text,
    };
    let name = text.split(',').next().unwrap_or_default();
    name.split_whitespace()
        .filter(|t| !TITLES.contains(&t.trim_end_matches('.')))
        .collect()
}

/// The name a credit line gives ("Written by Jane Roe", "About Jane
/// Roe", "Author: Jane Roe"), or None: with the function words of its
/// opening the line fails `name_tokens`, yet it heads the bio the same way.
fn credited(b: &Block) -> Option<Vec<&str>> {
    if b.features.words > 7 {
        return None;
    }
    let text = b.text.trim();
    if !may_credit(text) {
        return None;
    }
    let rest = CREDIT.find(text).map(|m| &text[m.end()..])?;
    let tokens = name_words(rest);
    let ok = (2..=4).contains(&tokens.len()) && tokens.iter().all(|t| name_word(t));
    ok.then_some(tokens)
}

/// Whether `text` starts as `CREDIT` needs: with the first two letters
/// of one of its words ("wr", "po", "re", "ed", "by", "ab", "au"), in
/// either case (no other character folds to them). Most short lines do
/// not, and the pattern is not run on them.
fn may_credit(text: &str) -> bool {
    let b = text.as_bytes();
    let two = [b.first(), b.get(1)].map(|c| c.map_or(0, u8::to_ascii_lowercase));
    matches!(&two, b"wr" | b"po" | b"re" | b"ed" | b"by" | b"ab" | b"au")
}

/// The opening of a credit line, before the name.
static CREDIT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^((written|posted|reviewed|edited)\s+by|by|about|author)\s*:?\s+")
        .expect("credit pattern compiles")
});

/// A word of a person's name: capitalised, letters only, no acronym
/// ("SEO"; an initial "J." is fine), or a particle.
fn name_word(t: &str) -> bool {
    PARTICLES.contains(&t)
        || t.chars().next().is_some_and(char::is_uppercase)
            && t.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’' | '®'))
            && (t.chars().any(char::is_lowercase) || t.len() <= 2)
}

/// Lower-case words inside names ("van der Berg", "de la Cruz").
const PARTICLES: &[&str] = &[
    "van", "der", "den", "de", "la", "le", "von", "da", "del", "di", "bin", "al",
];

/// Whether a paragraph is about the person named (`next` is the line
/// after it): it says what they do, and it introduces its writer in the
/// first person, or starts with the name (`opens_with`) and speaks of one
/// person.
fn echoes(b: &Block, next: &str, name: &[&str], named: bool) -> bool {
    if b.features.words < BIO_WORDS {
        return false;
    }
    // The cheap tests first: the patterns below read the whole paragraph,
    // and most paragraphs after a short line neither open with the name
    // nor introduce their writer.
    let first_person = || may_introduce(&b.text) && FIRST_PERSON.is_match(&b.text);
    let opens_with_name = opens_with(&b.text, name);
    if !opens_with_name && !first_person() {
        return false;
    }
    let cued = CUES.is_match(b.text.as_str()) || named && ROLES.is_match(b.text.as_str());
    if !cued {
        return false;
    }
    // A person, not a product or a place that heads its own paragraph.
    opens_with_name && (PERSON.is_match(b.text.as_str()) || PERSON.is_match(next)) || first_person()
}

/// Whether a paragraph starts with one of the words of `name` (a
/// single-word name needs a verb after it, "Sam is", as a sentence may
/// start with any capitalised word).
fn opens_with(text: &str, name: &[&str]) -> bool {
    let (first, mut words) = first_word(text);
    // The name's words that tell it: no particle, three letters or more.
    let telling: Vec<&str> = name
        .iter()
        .copied()
        .filter(|t| !PARTICLES.contains(t) && t.chars().count() > 2)
        .collect();
    let is_name = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        telling.contains(&w)
    };
    if name.len() == 1 {
        // A lone word heads many a paragraph: it must act as a person.
        return is_name(first)
            && words
                .next()
                .is_some_and(|w| BIO_VERBS.contains(&w.trim_end_matches(',')));
    }
    // The bio may open with what they are ("A New York native, Jane ...").
    is_name(first) || words.take(NAME_WORDS).any(is_name)
}

/// Words of a bio within which its person is named.
const NAME_WORDS: usize = 20;

/// What a bio says of its person right after a lone first name.
const BIO_VERBS: &[&str] = &[
    "is",
    "has",
    "was",
    "founded",
    "joined",
    "holds",
    "leads",
    "writes",
    "loves",
    "graduated",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The word patterns built without a prefilter match as built by
    /// `regex`.
    #[test]
    fn word_patterns_are_the_regex_ones() {
        crate::classify::testgen::assert_words_pattern(HEADING_PATTERN);
        crate::classify::testgen::assert_words_pattern(THIRD_PERSON_PATTERN);
        crate::classify::testgen::assert_words_pattern(CUES_PATTERN);
        crate::classify::testgen::assert_words_pattern(ROLES_PATTERN);
        crate::classify::testgen::assert_words_pattern(PERSON_PATTERN);
    }

    /// `last_paragraphs` is where the prose lines after each line, counted
    /// one by one, first number one or none.
    #[test]
    fn last_paragraphs_is_where_at_most_one_prose_line_follows() {
        let mut rng = crate::classify::testgen::rng(5);
        for _ in 0..3000 {
            let len = rng.below(12);
            let prose: Vec<bool> = (0..len).map(|_| rng.below(3) == 0).collect();
            let n = rng.below(len + 1);
            let late = last_paragraphs(&prose, n);
            for i in 0..n {
                let after = (i + 1..n).filter(|&k| prose[k]).count();
                assert_eq!(after <= 1, i >= late, "{prose:?} {n} {i}");
            }
        }
    }

    /// `may_credit` may skip `CREDIT` only for lines it cannot match: under
    /// case folding no other character stands for the letters a credit
    /// starts with, first or second; and generated lines with credits in
    /// them.
    #[test]
    fn credit_opens_with_one_of_its_ascii_letters() {
        crate::classify::testgen::assert_letters_fold_to_ascii_only("abeprwodyu");
        let mut rng = crate::classify::testgen::rng(19);
        let mut credits = 0;
        for k in 0..20000 {
            let mut line = crate::classify::testgen::line(&mut rng, 5);
            if k % 2 == 0 {
                let open = ["Written by ", "BY ", "about ", "Author: ", "Posted  by "][k % 5];
                line.insert_str(0, open);
            }
            if CREDIT.is_match(&line) {
                assert!(may_credit(&line), "{line:?}");
                credits += 1;
            }
        }
        assert!(credits > 5000, "{credits}");
    }

    /// `may_introduce` may skip `FIRST_PERSON` only for lines it cannot
    /// match: under case folding no other character stands for 'h' or 'i'.
    #[test]
    fn first_person_opens_with_ascii_h_or_i() {
        crate::classify::testgen::assert_letters_fold_to_ascii_only("hi");
        for t in [
            "Hi, I'm Jane",
            "hello there",
            "I am a writer",
            "I’m Sam",
            "HEY all",
        ] {
            assert!(FIRST_PERSON.is_match(t) && may_introduce(t), "{t:?}");
        }
        assert!(!may_introduce(" I am"));
        assert!(!FIRST_PERSON.is_match(" I am"));
    }
}
