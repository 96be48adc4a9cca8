//! Matching the rule set against each block: text and heading regexes over
//! its text, class/id and tag matchers over the elements around it.

use super::region::Region;
use super::rules::{Mark, RuleSet, has_part};
use crate::segment::{Block, Page};

/// The rules one block matched.
#[derive(Debug, Default, Clone)]
pub struct Evidence {
    /// Rule indexes, each once.
    pub rules: Vec<usize>,
    /// Heading rules that matched (the block is heading-like).
    pub headings: Vec<usize>,
}

impl Evidence {
    /// Total weight and the heaviest rule.
    pub fn score(&self, set: &RuleSet) -> (f32, Option<usize>) {
        let mut total = 0.0;
        let mut top: Option<usize> = None;
        for &r in &self.rules {
            let w = set.rules[r].weight;
            total += w;
            if top.is_none_or(|t| set.rules[t].weight < w) {
                top = Some(r);
            }
        }
        (total, top)
    }
}

/// A block that looks like a heading: a heading element, or a short line
/// that does not end like a sentence and is not a link.
pub fn is_heading_like(b: &Block) -> bool {
    let f = &b.features;
    if f.link_density > 0.5 {
        return false;
    }
    b.kind.is_heading() || (f.words <= 10 && f.chars <= 80 && !f.ends_sentence)
}

/// Text: a short line ending in a colon ("Related posts:", "You may like
/// to read:") is a label over the list after it, and heads it as a heading
/// does (the heading rules' patterns allow the colon). One word and a
/// colon is as often a field's name ("Recommended:" over a spec's values).
fn is_label(b: &Block) -> bool {
    let f = &b.features;
    f.link_density <= 0.5
        && (2..=10).contains(&f.words)
        && f.chars <= 80
        && b.text.trim_end().ends_with(':')
}

/// `header` elements inside an `article` that stands in a river of them
/// (a blog or news index, a tag page): each teaser's own headline and
/// byline, not the page's banner (HTML gives a header the banner role only
/// outside articles and sections). A lone article's header keeps the
/// landmark rule: its dateline and byline are furniture. So are `header`s
/// in a `section` or `main` that introduce it with its h1 or a paragraph.
fn article_headers(page: &Page) -> Vec<bool> {
    let els = &page.elements;
    let mut out = vec![false; els.len()];
    // Most pages' headers are few or none: no ancestor tables for them.
    if !els.iter().any(|el| el.tag == "header") {
        return out;
    }
    // Articles per parent: a river holds several side by side.
    let mut per_parent: rustc_hash::FxHashMap<usize, usize> = Default::default();
    for el in els {
        if let (Some(p), true) = (el.parent, el.tag == "article") {
            *per_parent.entry(p).or_default() += 1;
        }
    }
    // Elements holding an element of these tags somewhere below them.
    let holds = |tags: &[&str]| {
        let mut out = vec![false; els.len()];
        for el in els.iter().filter(|e| tags.contains(&e.tag.as_str())) {
            let mut e = el.parent;
            while let Some(p) = e {
                if out[p] {
                    break;
                }
                out[p] = true;
                e = els[p].parent;
            }
        }
        out
    };
    let holds_text = holds(&["h1", "p"]);
    let holds_links = holds(&["nav", "ul"]);
    for (i, el) in els.iter().enumerate() {
        if el.tag != "header" {
            continue;
        }
        let mut e = el.parent;
        while let Some(p) = e {
            // In a section or the main element a header heads that part
            // (HTML gives it no banner role there). One holding the page's
            // h1 or a paragraph introduces the content; one with only a
            // heading (a "Trending" row's title, a "See all" link) or a
            // menu is left to the landmark rule.
            if matches!(els[p].tag.as_str(), "section" | "main") {
                out[i] = holds_text[i] && !holds_links[i];
                break;
            }
            if els[p].tag == "article" {
                out[i] = els[p]
                    .parent
                    .is_some_and(|q| per_parent.get(&q).copied().unwrap_or(0) >= RIVER_MIN);
                break;
            }
            e = els[p].parent;
        }
    }
    out
}

/// What a `*-header` class may head besides the site: a card, a table, a
/// section of the text. (An `entry-header` or `post-header` is left to the
/// rules: it holds a post's dateline and byline.)
const HEADED: &[&str] = &[
    "card",
    "section",
    "table",
    "sticky",
    "block",
    "content",
    "product",
    "module",
    "accordion",
    "panel",
    "item",
    "listicle",
];

/// The blocks a BEM `block__header` may belong to and still be the site's
/// header (`site__header`, `page__header`).
const SITE_BLOCKS: &[&str] = &["site", "page", "global", "app", "main", "top", "header"];

/// A BEM element `block__header`: the header of a named component (a card,
/// a listing, a panel), unless that component is the site or page itself.
fn component_header(token: &str) -> bool {
    let Some(at) = token.find("__header") else {
        return false;
    };
    let block = &token[..at];
    let last = block.rsplit(['-', '_']).next().unwrap_or("");
    !block.is_empty() && !SITE_BLOCKS.contains(&last)
}

/// `card-header`, `section-header`, `sticky-header`: the header of some part
/// of the page, named as such, is that part's own heading and not the
/// site's header, so no class rule reads it as chrome.
fn own_header_class(token: &str) -> bool {
    // Called for every class token of every element: one substring search
    // clears the tokens that name no header.
    token.contains("header")
        && (has_part(token, &["header"]) && has_part(token, HEADED)
            || component_header(token)
            || header_setting(token))
}

/// A class that sets how some header looks (`pane-header-alignment-left`,
/// `header-align-center`) names a style of the element, not a header: an
/// accordion or a card carries it on the wrapper of all its content.
fn header_setting(token: &str) -> bool {
    has_part(token, &["header"]) && has_part(token, &["alignment", "align"])
}

/// Elements inside a `section` or the `main` element and in no `article`:
/// a header there heads that part of the page (as HTML gives a `header`
/// element the banner role only outside sections and main), while an
/// article's header holds its dateline and byline.
fn in_page_part(page: &Page) -> Vec<bool> {
    let els = &page.elements;
    let mut out = vec![false; els.len()];
    // Parents come before their children: one pass down the tree.
    let mut article = vec![false; els.len()];
    for (i, el) in els.iter().enumerate() {
        if let Some(p) = el.parent.filter(|&p| p < i) {
            let ptag = els[p].tag.as_str();
            article[i] = article[p] || ptag == "article";
            out[i] = !article[i] && (out[p] || matches!(ptag, "section" | "main"));
        }
    }
    // Only a header holding a part's heading heads that part; one holding
    // the page's h1 is the title's banner (title, dek, dateline), left to
    // the rules.
    let mut heading = vec![false; els.len()];
    let mut h1 = vec![false; els.len()];
    for (i, el) in els.iter().enumerate() {
        let marks = match el.tag.as_str() {
            "h1" => &mut h1,
            "h2" | "h3" | "h4" | "h5" | "h6" => &mut heading,
            _ => continue,
        };
        let mut e = Some(i);
        while let Some(p) = e {
            marks[p] = true;
            e = els[p].parent;
        }
    }
    for i in 0..els.len() {
        out[i] = out[i] && heading[i] && !h1[i];
    }
    out
}

/// A class token naming a header that is not the site's own
/// (`hero-header`, `intro_header__x1`, bare `header`): inside a part of
/// the page it heads that part.
fn part_header_class(token: &str) -> bool {
    token.contains("header")
        && has_part(token, &["header"])
        && !has_part(
            token,
            &["site", "global", "masthead", "top", "nav", "navbar", "menu"],
        )
}

/// Class names that mean one thing only when they stand alone, read as
/// the compound a rule lists: a class that is just `signature` marks a
/// forum post's signature, while as a part of a longer name
/// (`signature-dish`, `signature-collection`) it names a shop's goods.
fn bare_alias(token: &str) -> Option<&'static str> {
    match token {
        "signature" | "signatures" => Some("post-signature"),
        _ => None,
    }
}

/// Fewest articles side by side that make a river of teasers.
const RIVER_MIN: usize = 3;

/// Structural rules that each element matches by itself (cached).
pub fn element_hits(page: &Page, set: &RuleSet) -> Vec<Vec<usize>> {
    // Text input has no elements: nothing to match, nothing crowded.
    if page.elements.is_empty() {
        return Vec::new();
    }
    // Rules whose class patterns the element's tokens match, as a bit set
    // reused from element to element.
    let mut class_hit = vec![0u64; set.rules.len().div_ceil(64)];
    let own_header = article_headers(page);
    let in_part = in_page_part(page);
    let mut hits: Vec<Vec<usize>> = page
        .elements
        .iter()
        .enumerate()
        .map(|(i, el)| {
            let mut any = false;
            for tok in el.tokens.iter().filter(|t| !own_header_class(t)) {
                let mut mark = |r: usize| {
                    class_hit[r / 64] |= 1 << (r % 64);
                    any = true;
                };
                if let Some(alias) = bare_alias(tok) {
                    set.class_rules(alias, &mut mark);
                } else if in_part[i] && part_header_class(tok) {
                    // The token's other parts still say what the part is
                    // (`reviews-header` heads reviews).
                    let rest: Vec<&str> =
                        tok.split(['-', '_']).filter(|p| *p != "header").collect();
                    set.class_rules(&rest.join("-"), &mut mark);
                } else {
                    set.class_rules(tok, &mut mark);
                }
            }
            let hits: Vec<usize> = set
                .structural()
                .iter()
                .copied()
                .filter(|&r| {
                    (set.rules[r].tag.contains(&el.tag) && !own_header[i])
                        || (any && class_hit[r / 64] & (1 << (r % 64)) != 0)
                })
                .collect();
            if any {
                class_hit.fill(0);
            }
            hits
        })
        .collect();
    drop_crowded(page, set, &mut hits);
    hits
}

/// Rules with `max_page_share` lose their hits on a page where the
/// elements they match hold more of its words: there the marked component
/// is what the page is built of (a landing page of call-to-action cards),
/// not an interruption of it.
fn drop_crowded(page: &Page, set: &RuleSet, hits: &mut [Vec<usize>]) {
    let els = &page.elements;
    let mut total = 0u64;
    for (r, rule) in set.rules.iter().enumerate() {
        let Some(max) = rule.max_page_share else {
            continue;
        };
        if total == 0 {
            total = page
                .blocks
                .iter()
                .map(|b| u64::from(b.features.words))
                .sum();
        }
        // Parents come before their children: one pass down the tree.
        let mut inside = vec![false; els.len()];
        for (i, el) in els.iter().enumerate() {
            let above = el.parent.filter(|&p| p < i).is_some_and(|p| inside[p]);
            inside[i] = above || hits[i].contains(&r);
        }
        let held: u64 = page
            .blocks
            .iter()
            .filter(|b| b.element.is_some_and(|e| inside[e]))
            .map(|b| u64::from(b.features.words))
            .sum();
        if held as f64 > f64::from(max) * total as f64 {
            for h in hits.iter_mut() {
                h.retain(|&x| x != r);
            }
        }
    }
}

/// The rules that each block matches, within their bounds: text rules
/// for every block, heading rules for heading-like blocks (none for the
/// others), as `Evidence` holds them. Both kinds in one search of each
/// block's text. Known before the main content is looked for, so junk
/// text cannot anchor it (`text_items::ends_posts` asks the headings too).
///
/// A block the same as an earlier one of the page (text, word count, link
/// density, whether headings are asked) takes that one's answer, not a
/// search of its own: a page repeats its short lines (`Reply`, `Share`,
/// dates, bylines), about one block in five on text input, and each
/// search is the rules' prefilter and regexes over it.
pub fn rule_hits(page: &Page, set: &RuleSet) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    use std::collections::hash_map::Entry;
    let n = page.blocks.len();
    let mut texts: Vec<Vec<usize>> = Vec::with_capacity(n);
    let mut heads: Vec<Vec<usize>> = Vec::with_capacity(n);
    // By a hash of the text: the first block with it and whether it took
    // the heading rules (a hash taken once per block; the block found is
    // compared in full).
    // Sized for every block at once (not counted first: that was a pass
    // over the blocks of its own): grown step by step, its rehashes cost
    // as much as the lookups.
    let mut seen: rustc_hash::FxHashMap<u64, (usize, bool)> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(n, Default::default());
    for (i, b) in page.blocks.iter().enumerate() {
        let f = &b.features;
        let headings = takes_headings(page, b);
        // Long blocks hardly repeat: not worth hashing.
        let slot = (b.text.len() <= REPEAT_MAX_BYTES).then(|| seen.entry(text_hash(&b.text)));
        match slot {
            Some(Entry::Occupied(o)) => {
                let (k, took) = *o.get();
                let a = &page.blocks[k];
                if took == headings
                    && a.text == b.text
                    && a.features.words == f.words
                    && a.features.link_density.to_bits() == f.link_density.to_bits()
                {
                    let (t, h) = (texts[k].clone(), heads[k].clone());
                    texts.push(t);
                    heads.push(h);
                    continue;
                }
            }
            Some(Entry::Vacant(v)) => {
                v.insert((i, headings));
            }
            None => {}
        }
        let (t, h) = set.matches_within(&b.text, f.words, f.link_density, true, headings);
        texts.push(t);
        heads.push(h);
    }
    (texts, heads)
}

/// Longest block text `rule_hits` looks for among the page's earlier ones.
const REPEAT_MAX_BYTES: usize = 64;

/// A hash of a short text, eight bytes a step (a `Hash` of a `str` through
/// a `Hasher` took a few times as long, on every block).
fn text_hash(text: &str) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, w: u64| (h.rotate_left(26) ^ w).wrapping_mul(K);
    let mut chunks = text.as_bytes().chunks_exact(8);
    let mut h = text.len() as u64;
    for c in chunks.by_ref() {
        h = mix(h, super::word8::head(c));
    }
    if !chunks.remainder().is_empty() {
        // The last eight bytes (overlapping the chunks before) when there
        // are that many. The length is in `h`: texts still differ as they
        // did.
        h = mix(h, super::word8::tail(text.as_bytes()));
    }
    h
}

/// Whether the heading rules are matched against a block.
fn takes_headings(page: &Page, b: &Block) -> bool {
    is_heading_like(b) || !page.is_html && is_label(b)
}

/// Whether the text rules alone remove each block.
pub fn removed_by_text(set: &RuleSet, hits: &[Vec<usize>]) -> Vec<bool> {
    hits.iter().map(|h| removes_by_text(set, h)).collect()
}

/// Whether the text rules a block matched (`hits`) alone remove it.
pub fn removes_by_text(set: &RuleSet, hits: &[usize]) -> bool {
    // Inline furniture is removed later, but sits inside the content: it
    // must not push the content's bounds away from it.
    hits.iter()
        .filter(|&&r| !set.rules[r].has_mark(Mark::Inline))
        .map(|&r| set.rules[r].weight)
        .sum::<f32>()
        >= 1.0
}

/// Each block's evidence, from the rules it matched (`rule_hits`) and
/// its elements' hits (`element_hits`).
pub fn collect_with(
    page: &Page,
    set: &RuleSet,
    region: &Region,
    text_hits: Vec<Vec<usize>>,
    heading_hits: Vec<Vec<usize>>,
    hits: &[Vec<usize>],
) -> Vec<Evidence> {
    if page.elements.is_empty() {
        // Text input: no element holds a block, so no element's rules
        // join a block's own.
        return text_hits
            .into_iter()
            .zip(heading_hits)
            .take(page.blocks.len())
            .map(|(rules, headings)| Evidence { rules, headings })
            .collect();
    }
    let priced = priced_elements(page);
    page.blocks
        .iter()
        .zip(text_hits)
        .zip(heading_hits)
        .map(|((b, rules), headings)| {
            let f = &b.features;
            let mut ev = Evidence { rules, headings };
            let mut e = b.element;
            while let Some(i) = e {
                if region.holds_main.get(i).copied().unwrap_or(false) {
                    // Above this point every element holds the article.
                    break;
                }
                for &r in &hits[i] {
                    // Caption, credit and byline markup never holds a
                    // price: an element that does is a product card's
                    // text part (`card__caption`), the page's goods.
                    if priced[i] && set.rules[r].category == super::Category::LowContent {
                        continue;
                    }
                    if !ev.rules.contains(&r) && set.rules[r].within_bounds(f.words, f.link_density)
                    {
                        ev.rules.push(r);
                    }
                }
                e = page.elements[i].parent;
            }
            ev
        })
        .collect()
}

/// Elements holding a price line (see `region::is_price`), and their
/// ancestors.
fn priced_elements(page: &Page) -> Vec<bool> {
    let mut out = vec![false; page.elements.len()];
    if out.is_empty() {
        // Text pages have no elements to mark.
        return out;
    }
    for b in &page.blocks {
        if !super::region::is_price(&b.text) {
            continue;
        }
        let mut e = b.element;
        while let Some(x) = e {
            if out[x] {
                break;
            }
            out[x] = true;
            e = page.elements[x].parent;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `rule_hits` searched block by block, none taken from another.
    fn each_block(page: &Page, set: &RuleSet) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        page.blocks
            .iter()
            .map(|b| {
                let f = &b.features;
                set.matches_within(
                    &b.text,
                    f.words,
                    f.link_density,
                    true,
                    takes_headings(page, b),
                )
            })
            .unzip()
    }

    #[test]
    fn repeated_blocks_take_the_answer_a_search_of_their_own_gives() {
        let set = RuleSet::builtin();
        let text = "Reply\n\nShare\n\nPosted by Ann Lee\n\nReply\n\nA long line of plain text \
                    that says nothing much at all.\n\nShare\n\nReply\n\nRelated posts\n\n\
                    Posted by Ann Lee\n\n12 Mar 2021\n\n12 Mar 2021\n\nRelated posts";
        // The same text as a heading and as a paragraph, as a link and not:
        // the answers differ, and a repeat must not take the other's.
        let html = "<html><body><h2>Related posts</h2><p>Related posts</p>\
                    <p><a href=\"/s\">Share</a></p><p>Share</p><h2>Related posts</h2>\
                    <p><a href=\"/s\">Share</a></p><p>Share</p><p>Related posts</p>\
                    <ul><li><a href=\"/a\">Reply</a></li><li>Reply</li></ul><h3>Comments</h3>\
                    <p><a href=\"/c\">Comments</a></p><p>Comments</p>\
                    <p><a href=\"/c\">Comments</a></p></body></html>";
        let long = format!("{}\n\n{}", "word ".repeat(30), "word ".repeat(30));
        // The HTML page says a text again as the other kind: a repeat whose
        // first saying took the heading rules and which does not.
        let page = crate::segment::html::segment(html);
        let kinds = |i: usize| {
            (
                page.blocks[i].text.clone(),
                takes_headings(&page, &page.blocks[i]),
            )
        };
        assert!((0..page.blocks.len()).any(|i| (0..i).any(|k| {
            let (a, b) = (kinds(k), kinds(i));
            a.0 == b.0 && a.1 != b.1
        })));
        for page in [
            crate::segment::text::segment(text),
            crate::segment::html::segment(html),
            crate::segment::text::segment(&long),
        ] {
            assert!(page.blocks.len() > 1);
            // (As a link `Comments` is no heading: it matches no heading
            // rule, where as a heading it does.)
            assert_eq!(rule_hits(&page, &set), each_block(&page, &set));
        }
    }

    /// Generated text pages whose lines are said again and again, some
    /// as a label (ending in a colon) or a heading-like line and some
    /// not: `rule_hits`, which takes a repeat's answer from the first
    /// line of its text, answers as a search of each line does, and
    /// repeats are met, with hits. (In text a line's kind follows from
    /// its text: one said again as the other kind is met on HTML, above.)
    #[test]
    fn repeats_taken_on_generated_pages_answer_as_each_line_searched() {
        use crate::classify::testgen;
        let set = RuleSet::builtin();
        let mut rng = testgen::rng(29);
        let (mut taken, mut hits) = (0, 0);
        for _ in 0..400 {
            let pool: Vec<String> = (0..1 + rng.below(20))
                .map(|_| {
                    let mut l = testgen::line(&mut rng, 12);
                    if rng.below(4) == 0 {
                        l.push(':');
                    }
                    l
                })
                .collect();
            let page = testgen::page_from(&mut rng, &pool, 60);
            let got = rule_hits(&page, &set);
            assert_eq!(got, each_block(&page, &set));
            hits += got.0.iter().chain(&got.1).filter(|h| !h.is_empty()).count();
            for (i, b) in page.blocks.iter().enumerate() {
                let Some(a) = page.blocks[..i].iter().find(|a| {
                    a.text.len() <= REPEAT_MAX_BYTES
                        && a.text == b.text
                        && a.features.words == b.features.words
                        && a.features.link_density.to_bits() == b.features.link_density.to_bits()
                }) else {
                    continue;
                };
                assert_eq!(takes_headings(&page, a), takes_headings(&page, b));
                taken += 1;
            }
        }
        assert!(taken > 1000 && hits > 100, "{taken} {hits}");
    }

    #[test]
    fn text_hash_tells_short_texts_apart() {
        let texts = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
            "abcdefghijklmno",
            "bbcdefghijklmno",
            "abcdefghijklmnp",
            "abcdefgh\0ijklmno",
        ];
        for (i, a) in texts.iter().enumerate() {
            for b in &texts[i + 1..] {
                assert_ne!(text_hash(a), text_hash(b), "{a:?} {b:?}");
            }
        }
    }
}
