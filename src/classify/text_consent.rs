//! Text input: a consent manager's panel (cookie categories with their
//! switches, "N partners can use this purpose", "Accept all", "Always
//! active"). With its HTML gone, the panel's explanations read as prose
//! and the main content's run can take them in when the panel is printed
//! beside it. Its lines are short labels that say the same few things on
//! every site: a close cluster of them marks the panel, and the lines
//! between them are its text.

use regex::Regex;
use std::sync::LazyLock;

use super::Decision;
use super::category::Category;
use crate::segment::Page;

/// A line only a consent panel says.
static MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        # A cookie category's name, alone or with its switch.
        ^(strictly\ necessary|functional|performance|targeting|marketing|analytics|analytical
          |advertising|statistics|statistical|preferences?|social\ media|necessary|essential
          |unclassified|personali[sz]ation)
         (\ cookies|\ tracking\ technologies|\ technologies)?(\ (on|off|always\ active))?$
        | ^(strictly\ necessary|functional|performance|targeting|marketing|analytics|advertising
           |social\ media|essential)\ cookies(?-u:\b)
        | ^always\ active$
        | ^(consent|legitimate\ interest)$
        # Vendor purposes, as consent frameworks list them.
        | (?-u:\b)partners\ can\ use\ this\ (purpose|feature)(?-u:\b)
        | (?-u:\b)we\ and\ our\ (\d+\ )?(partners|vendors)(?-u:\b)
        | (?-u:\b)store\ and/or\ access\ information\ on\ a\ device(?-u:\b)
        # The panel's buttons and links.
        | ^(accept|reject|allow|deny|decline|refuse)(\ all)?(\ cookies)?\s*[!.]?$
        | ^(accept\ all|reject\ all|allow\ all|deny\ all)(?-u:\b).{0,40}$
        | ^(confirm\ my\ choices|save\ (my\ )?(preferences|settings|choices)
           |manage\ (consent|preferences|cookies|options)|cookie\ (settings|preferences)
           |privacy\ preference\ center|consent\ preferences|(list\ of\ )?iab\ vendors
           |vendors?\ list|show\ purposes|view\ illustrations)(?-u:\b)
        # What a category's cookies do, and a cookie table.
        | ^(these|this|the)\ (cookies?|technologies)\ (are|is|allow|may|help|enable|do|collect|used)(?-u:\b)
        | (?-u:\b)(this|the)\ cookie\ is\ (set|used)(?-u:\b)
        | ^(cookie|duration|description|type)(\ (duration|description|type)){1,3}$
        ",
    )
    .expect("consent pattern compiles")
});

/// Words every line `MARK` matches holds one of: most lines hold none, and
/// this search is cheaper than the pattern.
static KEYWORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "necessary",
            "functional",
            "performance",
            "targeting",
            "marketing",
            "analytic",
            "advertising",
            "statistic",
            "preference",
            "social media",
            "essential",
            "unclassified",
            "personali",
            "always active",
            "consent",
            "legitimate interest",
            "partner",
            "vendor",
            "store and/or",
            "accept",
            "reject",
            "allow",
            "deny",
            "decline",
            "refuse",
            "confirm my choices",
            "save ",
            "manage ",
            "cookie",
            "iab",
            "purpose",
            "illustration",
            "technolog",
            "duration",
            "description",
        ])
        .expect("consent keywords build")
});

/// Words at most in a line that marks the panel.
const MARK_WORDS: u32 = 80;
/// Lines at most between two marks of one panel.
const GAP: usize = 5;
/// Marks a panel needs: one or two such lines are a page's own words
/// ("Performance", "Accept").
const MIN_MARKS: usize = 3;

/// Text: removes the kept lines of each consent panel, from its first
/// mark to its last.
pub fn drop_panels(page: &Page, out: &mut [Decision]) {
    if page.is_html {
        return;
    }
    let marks: Vec<usize> = page
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            b.features.words <= MARK_WORDS && KEYWORDS.is_match(&b.text) && MARK.is_match(&b.text)
        })
        .map(|(i, _)| i)
        .collect();
    let mut k = 0;
    while k < marks.len() {
        let start = k;
        while k + 1 < marks.len() && marks[k + 1] - marks[k] <= GAP {
            k += 1;
        }
        if k + 1 - start >= MIN_MARKS {
            for d in &mut out[marks[start]..=marks[k]] {
                if d.is_kept() {
                    *d = Decision {
                        removed: Some(Category::CookieNotice),
                        rule: "heuristic.consent-panel".into(),
                        score: 1.0 + d.score,
                        in_main: d.in_main,
                    };
                }
            }
        }
        k += 1;
    }
}
