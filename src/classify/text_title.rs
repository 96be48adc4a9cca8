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
    page.blocks
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, b)| {
            // Cheap checks first: most lines are far from the title.
            let n = b.features.words as usize;
            n >= 3
                && n <= title.len()
                && 2 * n >= title.len()
                && title.len() - n <= SITE_NAME_WORDS
                && may_lead(&b.text)
                && {
                    let mut line = words(&b.text);
                    let mut matched = 0;
                    let prefix = line.by_ref().zip(&title).all(|(w, t)| {
                        matched += 1;
                        same_word(w, t)
                    });
                    prefix
                        && line.next().is_none()
                        && matched >= 3
                        && 2 * matched >= title.len()
                        && title.len() - matched <= SITE_NAME_WORDS
                }
        })
        .map(|(i, _)| i)
        .collect()
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
}
