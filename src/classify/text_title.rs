//! Text input: the page title comes first (a `<title>` turned into a line),
//! and the article's headline repeats it just above the article body. A
//! line that repeats the title, less the site name after it, marks where the
//! article starts.

use crate::segment::Page;

/// Words of a line, letters and digits only.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn same_word(a: &str, b: &str) -> bool {
    // ASCII words (most): no case tables.
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// At most this many title words after the headline: the site's name.
const SITE_NAME_WORDS: usize = 6;

/// The fewest words a line repeating a title of `t` words can have (it
/// has at most `t`): at least 3 and half the title's, and at most
/// `SITE_NAME_WORDS` fewer.
fn fewest_words(t: usize) -> usize {
    3.max(t.div_ceil(2)).max(t.saturating_sub(SITE_NAME_WORDS))
}

/// Indices of the lines after the first that repeat the title: the whole
/// title, or its start with only a site name left over.
pub fn headline_lines(page: &Page) -> Vec<usize> {
    let Some(first) = page.blocks.first() else {
        return Vec::new();
    };
    // A long first line is no title: not split into words.
    if first.features.words > 40 {
        return Vec::new();
    }
    let title: Vec<&str> = words(&first.text).collect();
    if title.len() < 3 {
        return Vec::new();
    }
    // A line's first word is the title's first only if they start alike:
    // told from the first byte when both start with ASCII (most lines).
    let lead = title[0].as_bytes()[0];
    let may_lead = |text: &str| match text.as_bytes().first() {
        Some(&c) if c.is_ascii_alphanumeric() && lead.is_ascii() => c.eq_ignore_ascii_case(&lead),
        _ => true,
    };
    // Told in the loop itself: most lines fail the word counts, and a call
    // to a filter closure per line cost more than the rest.
    let t = title.len();
    let fewest = fewest_words(t);
    let mut out = Vec::new();
    for (i, b) in page.blocks.iter().enumerate().skip(1) {
        let n = b.features.words as usize;
        if n < fewest || n > t || !may_lead(&b.text) {
            continue;
        }
        let mut line = words(&b.text);
        let mut matched = 0;
        let prefix = line.by_ref().zip(&title).all(|(w, t)| {
            matched += 1;
            same_word(w, t)
        });
        if prefix
            && line.next().is_none()
            && matched >= 3
            && 2 * matched >= t
            && t - matched <= SITE_NAME_WORDS
        {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `headline_lines` without the first-byte test: every line compared
    /// word by word.
    fn headline_lines_slow(page: &Page) -> Vec<usize> {
        let Some(first) = page.blocks.first() else {
            return Vec::new();
        };
        let title: Vec<&str> = words(&first.text).collect();
        if first.features.words > 40 || title.len() < 3 {
            return Vec::new();
        }
        (1..page.blocks.len())
            .filter(|&i| {
                let line: Vec<&str> = words(&page.blocks[i].text).collect();
                let n = page.blocks[i].features.words as usize;
                (3..=title.len()).contains(&n)
                    && 2 * n >= title.len()
                    && title.len() - n <= SITE_NAME_WORDS
                    && line.len() >= 3
                    && line.len() <= title.len()
                    && 2 * line.len() >= title.len()
                    && title.len() - line.len() <= SITE_NAME_WORDS
                    && line.iter().zip(&title).all(|(w, t)| same_word(w, t))
            })
            .collect()
    }

    #[test]
    fn first_byte_test_keeps_every_headline() {
        let titles = [
            "Kelvin Scales Explained Today | Site",
            "\u{212a}elvin Scales Explained Today | Site",
            "éclairs and Tarts at Home - Bakery",
            "10 Ways to Save Money - Money Blog",
            "“Quoted” Headline Here Now",
        ];
        let lines = [
            "Kelvin Scales Explained Today",
            "kelvin scales explained today",
            "\u{212a}elvin Scales Explained Today",
            "KELVIN SCALES EXPLAINED",
            "Éclairs and Tarts at Home",
            "éclairs and tarts",
            "10 ways to save money",
            "10 Ways To Save",
            "11 Ways to Save Money",
            "Quoted Headline Here Now",
            "“Quoted” Headline Here",
            "— Kelvin Scales Explained Today",
            "Lots of other words in a line",
            "Short",
        ];
        for t in titles {
            let mut text = String::from(t);
            for l in lines {
                text.push('\n');
                text.push_str(l);
            }
            let page = crate::segment::text::segment(&text);
            assert_eq!(headline_lines(&page), headline_lines_slow(&page), "{t:?}");
        }
    }

    /// The word-count bounds told before a line is split answer as the
    /// tests of each line's count did: generated titles of 3 to 20 words,
    /// and lines of each length of their start, each side of the bounds.
    #[test]
    fn word_count_bounds_keep_every_headline() {
        let mut rng = crate::classify::testgen::rng(29);
        let (mut found, mut shortest, mut whole) = (0, 0, 0);
        for _ in 0..400 {
            let t = 3 + rng.below(18);
            let title: Vec<String> = (0..t)
                .map(|_| {
                    let w = crate::classify::testgen::line(&mut rng, 1);
                    if w.is_empty() { "word".into() } else { w }
                })
                .collect();
            let mut text = title.join(" ");
            for n in 0..=t {
                text.push('\n');
                text.push_str(&title[..n].join(" "));
                text.push('\n');
                text.push_str(&crate::classify::testgen::line(&mut rng, 8));
            }
            let page = crate::segment::text::segment(&text);
            let got = headline_lines(&page);
            assert_eq!(got, headline_lines_slow(&page), "{text:?}");
            let t = page.blocks[0].features.words as usize;
            for &i in &got {
                let n = page.blocks[i].features.words as usize;
                found += 1;
                shortest += usize::from(n == fewest_words(t));
                whole += usize::from(n == t);
            }
        }
        assert!(
            found > 300 && shortest > 50 && whole > 50,
            "{found} {shortest} {whole}"
        );
    }
}
