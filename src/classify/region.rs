//! Finding the main content: for HTML the element whose subtree holds the
//! most prose and the least link text (Readability's idea, with class/id
//! weights); for text the run of lines with the most prose in it.

use super::category::Category;
use super::rules::{Mark, RuleSet, has_part};
use crate::segment::{Block, Page};
use rustc_hash::FxHashMap;

/// Which blocks lie in the main content, and (HTML) which elements hold it.
#[derive(Debug, Clone)]
pub struct Region {
    pub in_main: Vec<bool>,
    /// Elements that hold the main content: the best element, the elements
    /// above it, its content-like siblings, and any element holding half of
    /// its prose. Structural rules never fire on these: a wrapper that holds
    /// the article is not boilerplate whatever its class says.
    pub holds_main: Vec<bool>,
    /// Blocks that lead one of the repeated items (cards, teasers, product
    /// tiles) a listing page is made of: an item's title link is content,
    /// not a link list. Links after the item's text are its calls to
    /// action and get no such pass.
    pub item_lead: Vec<bool>,
    /// (HTML) Blocks in a row of teasers beside an article: repeated items
    /// that each lead with a linked headline, outside the article's text.
    pub teaser: Vec<bool>,
    /// (Text) The region was grown over posts that share one template: the
    /// page is a thread (a forum, a Q&A page), and a comment heading under
    /// each post is a button of the post, not a comment section.
    pub thread: bool,
    /// (Text) Spans `(from, to, rule id)` cut off the region's end by a
    /// named cut (the writer's box, clients' praise, a comment section's
    /// heading): the audit says which cut ended the article for the lines
    /// no rule removed, not only that they lay outside it.
    pub trimmed: Vec<(usize, usize, &'static str)>,
    /// (Text) How often the page says each line, as the region counted it:
    /// the repeats pass asks the same of every kept line.
    pub said: Option<std::sync::Arc<super::text_region::Said>>,
    /// `has_stopwords` of the page, as the region found it: the section
    /// pass asks it again of every line's features otherwise.
    pub stopwords: bool,
}

impl Region {
    /// The lines from the region's first to its last, `(0, 0)` when empty.
    pub fn span(&self) -> (usize, usize) {
        match (
            self.in_main.iter().position(|&m| m),
            self.in_main.iter().rposition(|&m| m),
        ) {
            (Some(a), Some(z)) => (a, z + 1),
            _ => (0, 0),
        }
    }

    /// Share of the main content's characters that sit in links.
    pub fn link_share(&self, page: &Page) -> f32 {
        let (mut links, mut all) = (0.0, 0.0);
        for (b, &m) in page.blocks.iter().zip(&self.in_main) {
            if m {
                let c = b.features.chars as f32;
                links += c * b.features.link_density;
                all += c;
            }
        }
        if all > 0.0 { links / all } else { 0.0 }
    }
}

/// Whether a block reads as running prose.
pub fn is_prose(b: &Block, use_stopwords: bool) -> bool {
    let f = &b.features;
    // Every test made, with no short cut: whether a line is prose changes
    // from line to line, and a branch per test was mispredicted often.
    (f.words >= 10)
        & (f.link_density < 0.3)
        & ((f.punctuation >= 1) | f.ends_sentence)
        & (!use_stopwords | (f.stopword_ratio >= 0.12))
}

/// Whether the page has function words at all (not for CJK and others).
pub fn has_stopwords(page: &Page) -> bool {
    let (hits, words) = page.blocks.iter().fold((0.0, 0.0), |(h, w), b| {
        (
            h + b.features.stopword_ratio * b.features.words as f32,
            w + b.features.words as f32,
        )
    });
    words > 0.0 && hits / words > 0.05
}

/// The good and the bad mass of one block.
fn masses(b: &Block, use_stopwords: bool) -> (f32, f32) {
    let f = &b.features;
    let w = f.words as f32;
    let ld = f.link_density;
    let good = if is_prose(b, use_stopwords) {
        w * (1.0 - ld)
    } else if ld < 0.3 && f.words >= 4 {
        0.3 * w
    } else {
        0.0
    };
    let mut bad = w * ld;
    if !is_prose(b, use_stopwords) && f.words < 10 {
        bad += 0.5 * w.max(1.0);
    }
    (good, bad)
}

const POSITIVE: &[&str] = &[
    "article", "post", "entry", "content", "story", "main", "body", "text", "prose", "blog",
];
const NEGATIVE: &[&str] = &[
    "comment", "comments", "sidebar", "footer", "related", "nav", "menu", "widget", "ad", "ads",
    "share", "social", "header", "promo", "sponsor", "teaser", "aside",
];

/// A navigation, sidebar or footer landmark, by its tag or role.
fn landmark(el: &crate::segment::Element) -> bool {
    matches!(el.tag.as_str(), "nav" | "aside" | "footer")
        || matches!(
            el.role.as_deref(),
            Some("navigation" | "complementary" | "contentinfo")
        )
}

/// `commentlist`, `commentwrap`, `comment_123`: comment markup whose name
/// glues the word to another (a `commentary` column is an article).
fn comment_compound(token: &str) -> bool {
    token.starts_with("comment") && !token.starts_with("commentar")
}

/// `comments`: the element is marked as comments by a structural rule
/// (customer reviews under a product, a comment widget): readers' posts
/// that can outweigh the text they sit under.
fn class_factor(tag: &str, tokens: &[String], comments: bool) -> f32 {
    let pos = matches!(tag, "article" | "main") as i32
        + tokens.iter().any(|t| has_part(t, POSITIVE)) as i32;
    let neg = matches!(tag, "nav" | "aside" | "footer" | "header") as i32
        + (comments
            || tokens
                .iter()
                .any(|t| has_part(t, NEGATIVE) || comment_compound(t))) as i32;
    (1.0 + 0.25 * pos as f32 - 0.5 * neg as f32).max(0.1)
}

/// Element marks from structural rules (`element_marks`): comments.
pub const MARK_COMMENTS: u8 = 1;
/// Element marks: a consent tool's banner or settings panel.
pub const MARK_CONSENT: u8 = 2;
/// Element marks: customers' reviews of a product (rules with
/// `mark = "reviews"`).
pub const MARK_REVIEWS: u8 = 4;

/// What the structural rules of the comments and cookie-notice categories,
/// and those marking reviews, say of each element, from
/// `evidence::element_hits`: `MARK_*` bits.
pub fn element_marks(set: &RuleSet, hits: &[Vec<usize>]) -> Vec<u8> {
    hits.iter()
        .map(|h| {
            h.iter().fold(0, |m, &r| {
                let rule = &set.rules[r];
                let reviews = if rule.has_mark(Mark::Reviews) {
                    MARK_REVIEWS
                } else {
                    0
                };
                m | reviews
                    | match rule.category {
                        Category::Comments => MARK_COMMENTS,
                        Category::CookieNotice => MARK_CONSENT,
                        _ => 0,
                    }
            })
        })
        .collect()
}

/// `junk[i]`: block i is removed by the text rules whatever happens.
/// `marks[e]`: what structural rules say of element e (see `element_marks`).
pub fn find(page: &Page, junk: &[bool], marks: &[u8]) -> Region {
    if page.is_html && !page.elements.is_empty() {
        html_region(page, junk, marks)
    } else {
        super::text_region::find(page, junk)
    }
}

/// Prose words beside a negatively classed element for its prose to be
/// read as furniture of an article rather than the content itself.
const BESIDE_ARTICLE: f32 = 100.0;

/// Below this share of the page's prose in the best element, a page with no
/// article is read as a whole.
const SPREAD_SHARE: f32 = 0.5;

fn html_region(page: &Page, junk: &[bool], marks: &[u8]) -> Region {
    let sw = has_stopwords(page);
    let n = page.elements.len();
    let overlay = overlays(page, marks);
    let in_overlay: Vec<bool> = page
        .blocks
        .iter()
        .map(|b| page.is_within(b.element, &overlay))
        .collect();
    let mut good = vec![0f32; n];
    let mut bad = vec![0f32; n];
    // Prose in footer landmarks: no anchor, but part of the page's text
    // when judging whether the content is spread over the page.
    let mut footer_good = 0.0;
    // Customers' reviews of a product: shoppers' posts, however much prose
    // they hold, are never the product's text (a thread's posts, marked as
    // comments, can be the content; reviews are not). An `article` holding
    // them is a review post that a CMS tagged with its category.
    let reviews: Vec<bool> = page
        .elements
        .iter()
        .zip(marks.iter().chain(std::iter::repeat(&0)))
        .map(|(el, &m)| {
            m & MARK_REVIEWS != 0 && !matches!(el.tag.as_str(), "article" | "main" | "body")
        })
        .collect();
    let any_reviews = reviews.iter().any(|&r| r);
    for ((b, &j), &o) in page.blocks.iter().zip(junk).zip(&in_overlay) {
        // Text in a footer landmark (policies, footnotes, legal small print)
        // can outweigh a short page's content, but never is it.
        let (g, bd) = if j || o {
            (0.0, b.features.words as f32)
        } else if page.ancestors(b).any(|e| e.tag == "footer") {
            footer_good += masses(b, sw).0;
            (0.0, b.features.words as f32)
        } else if any_reviews && page.is_within(b.element, &reviews) {
            (0.0, masses(b, sw).1)
        } else {
            masses(b, sw)
        };
        let mut e = b.element;
        while let Some(i) = e {
            good[i] += g;
            bad[i] += bd;
            e = page.elements[i].parent;
        }
    }
    let marked = |i: usize| marks.get(i).is_some_and(|m| m & MARK_COMMENTS != 0);
    let score = |i: usize| {
        let el = &page.elements[i];
        (good[i] - 0.6 * bad[i]) * class_factor(&el.tag, &el.tokens, marked(i))
    };
    let mut best = None;
    let mut best_score = 0.0;
    for i in 0..n {
        let s = score(i);
        if s > best_score {
            best_score = s;
            best = Some(i);
        }
    }
    // The main content, plus siblings that score like content too: pages
    // other than articles spread it over several sections (Readability's
    // sibling step).
    let mut members = vec![false; n];
    if let Some(root) = best {
        members[root] = true;
        if let Some(parent) = page.elements[root].parent {
            for (i, el) in page.elements.iter().enumerate() {
                if el.parent == Some(parent) && i != root && score(i) >= 0.2 * best_score {
                    members[i] = true;
                }
            }
        }
    }
    // Elements holding most of the main content's prose are never
    // boilerplate, whatever their class says (`content-with-sidebar`).
    // Prose in an overlay (a consent panel's, a modal policy's) is no
    // article's run of paragraphs.
    let prose: Vec<bool> = prose_flags(page, junk, sw)
        .into_iter()
        .zip(&in_overlay)
        .map(|(p, &o)| p && !o)
        .collect();
    let mut holds_main = vec![false; n];
    if let Some(root) = best {
        let floor = 0.5 * good[root];
        let cores: Vec<usize> = core_starts(page, &prose).collect();
        // Elements disowned with all they hold (see below).
        let mut disowns = vec![false; n];
        for i in 0..n {
            // Unless its own class says it is not content and an article
            // stands beside it: a comment thread can outweigh the article
            // it sits under (a thread with no article is the content).
            let el = &page.elements[i];
            let inherited = el.parent.is_some_and(|p| disowns[p]);
            let disowned = inherited
                || (class_factor(&el.tag, &el.tokens, marked(i)) < 0.75
                    && good[root] - good[i] >= BESIDE_ARTICLE);
            // When that article is a run of paragraphs, what lies inside
            // such an element goes with it: the thread's plain list of
            // replies is no more the article than its wrapper. Beside a
            // short opening post (a forum's) the replies may be the
            // content, and an element inside that holds most of the prose
            // still holds the main content.
            // A navigation, sidebar or footer landmark apart from the main
            // content never holds it, nor does anything inside it: a mega
            // menu's captioned features can outweigh a short post. (Class
            // names are weaker evidence: a category's `header` block holds
            // its introduction.)
            let outside = landmark(el) && !descends(page, i, root) && !descends(page, root, i);
            disowns[i] = inherited
                || outside
                || (disowned
                    && cores.iter().any(|&c| {
                        page.blocks[c]
                            .element
                            .is_some_and(|e| !descends(page, e, i) && descends(page, e, root))
                    }));
            holds_main[i] =
                (good[i] >= floor && good[i] > 0.0 && !disowned && !outside) || members[i];
        }
        let mut e = Some(root);
        while let Some(i) = e {
            holds_main[i] = true;
            e = page.elements[i].parent;
        }
    }
    // The document and its body hold whatever content there is, found or
    // not: classes a CMS puts on them (`menu-open`, `has-sidebar`) say
    // nothing about any block.
    for (h, el) in holds_main.iter_mut().zip(&page.elements) {
        *h |= el.parent.is_none() || el.tag == "body";
    }
    let total_good: f32 = page
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| e.parent.is_none())
        .map(|(i, _)| good[i])
        .sum::<f32>()
        + footer_good;
    // No article and a best element holding under half the page's prose:
    // a listing, product or forum page, whose content is spread out. Then
    // only rules and link density decide, not the region.
    // Shoppers' reviews make no article either: a product page whose only
    // run of paragraphs is its reviews is still spread out.
    let article_core = if any_reviews {
        let own: Vec<bool> = prose
            .iter()
            .zip(&page.blocks)
            .map(|(&p, b)| p && !page.is_within(b.element, &reviews))
            .collect();
        has_article_core(page, &own)
    } else {
        has_article_core(page, &prose)
    };
    let wide = !article_core && best.is_some_and(|r| good[r] < SPREAD_SHARE * total_good);
    // A page with no article whose text is mostly repeated items is a
    // listing, a shop grid or a thread: the item lists are its content,
    // links and all, wherever the prose score put the main content.
    let mut items = vec![false; n];
    if !article_core && best.is_some() {
        let groups = item_lists(page, junk);
        let total: f32 = groups.iter().map(|g| g.1).sum::<f32>();
        if total >= ITEMS_MIN_WORDS && total >= ITEMS_SHARE * page_words(page, junk) {
            // Lists bigger than the prose found join the main content; a
            // small one beside a real text is a menu or a teaser row.
            let main_words = main_words(page, junk, &members);
            for (container, w) in groups {
                items[container] = true;
                if w >= main_words {
                    members[container] = true;
                }
            }
        }
    }
    let in_main = page
        .blocks
        .iter()
        .zip(&in_overlay)
        .map(|(b, &o)| !o && (wide || best.is_none() || page.is_within(b.element, &members)))
        .collect();
    Region {
        in_main,
        holds_main,
        item_lead: item_leads(page, junk, &items, sw),
        // Cut-off teaser summaries read as prose but are no article's run.
        teaser: match article_core_start(
            page,
            &prose
                .iter()
                .zip(&page.blocks)
                .map(|(&p, b)| p && !cut_summary(b))
                .collect::<Vec<_>>(),
        ) {
            Some(core) => teasers(page, junk, core, text_element(page, &good, best)),
            None => vec![false; page.blocks.len()],
        },
        thread: false,
        trimmed: Vec::new(),
        said: None,
        stopwords: sw,
    }
}

/// Class/id parts of the overlays a page opens over itself.
const OVERLAY: &[&str] = &[
    "modal", "lightbox", "popover", "popup", "consent", "cookie", "cookies", "gdpr",
];
/// Most of the page's words an overlay may hold: past this share the
/// overlay is the page (content a script shows in a viewer).
const OVERLAY_MAX_SHARE: f32 = 0.5;

/// Elements that are overlays over the page (modals, lightboxes, popups,
/// dialogs): a privacy policy, a size chart or a sign-up form shown on
/// demand, not the page's content. An overlay holding most of the page's
/// words is its content after all. A consent tool's panel (`marks`) is one
/// too, however long its policy prose (it can outweigh a page of short
/// items), unless it holds a page's own heading or main landmark: then it
/// is a cookie policy page whose wrapper a theme named for cookies.
fn overlays(page: &Page, marks: &[u8]) -> Vec<bool> {
    let words = subtree_words(page, |_| false);
    let total: f32 = page.blocks.iter().map(|b| b.features.words as f32).sum();
    let consent = |i: usize| marks.get(i).is_some_and(|m| m & MARK_CONSENT != 0);
    let mut titled: Vec<bool> = page
        .elements
        .iter()
        .map(|el| matches!(el.tag.as_str(), "h1" | "main" | "article"))
        .collect();
    if (0..page.elements.len()).any(consent) {
        fold_up(page, &mut titled, |p, c| *p |= c);
    }
    page.elements
        .iter()
        .enumerate()
        .map(|(i, el)| {
            let marked = el.tokens.iter().any(|t| has_part(t, OVERLAY))
                || matches!(el.role.as_deref(), Some("dialog" | "alertdialog"));
            // `body.modal-open` and wrappers named for a page's modals
            // hold the whole page.
            let page_wide = el.tag == "body" || el.tag == "html";
            (marked && !page_wide && words[i] <= OVERLAY_MAX_SHARE * total)
                || (consent(i) && !page_wide && !titled[i])
        })
        .collect()
}

/// Words of the blocks inside each element, skipping the blocks `skip`
/// names.
fn subtree_words(page: &Page, skip: impl Fn(usize) -> bool) -> Vec<f32> {
    let mut words = vec![0f32; page.elements.len()];
    for (i, b) in page.blocks.iter().enumerate() {
        if let Some(e) = b.element.filter(|_| !skip(i)) {
            words[e] += b.features.words as f32;
        }
    }
    fold_up(page, &mut words, |p, c| *p += c);
    words
}

/// Folds each element's value into all its ancestors' with `add`, so an
/// element's value covers its whole subtree. The segmenter pushes a parent
/// before its children, so one backward pass does it; elements in another
/// order (a page built by hand) walk their ancestors instead.
fn fold_up<T: Copy>(page: &Page, vals: &mut [T], add: impl Fn(&mut T, T)) {
    let els = &page.elements;
    let ordered = els
        .iter()
        .enumerate()
        .all(|(i, e)| e.parent.is_none_or(|p| p < i));
    if ordered {
        for x in (0..els.len()).rev() {
            if let Some(p) = els[x].parent {
                let v = vals[x];
                add(&mut vals[p], v);
            }
        }
    } else {
        let own = vals.to_vec();
        for (x, &v) in own.iter().enumerate() {
            let mut e = els[x].parent;
            while let Some(p) = e {
                add(&mut vals[p], v);
                e = els[p].parent;
            }
        }
    }
}

/// Fewest words in a page's repeated items for it to read as a listing.
const ITEMS_MIN_WORDS: f32 = 60.0;
/// Share of the page's words in repeated items for it to read as a listing.
const ITEMS_SHARE: f32 = 0.3;
/// Fewest like items that make a list of them.
const ITEMS_MIN_COUNT: usize = 4;
/// Fewest words an item averages: menu entries have one to three.
const ITEM_MIN_WORDS: f32 = 4.0;

fn main_words(page: &Page, junk: &[bool], members: &[bool]) -> f32 {
    page.blocks
        .iter()
        .zip(junk)
        .filter(|(b, j)| !**j && page.is_within(b.element, members))
        .map(|(b, _)| b.features.words as f32)
        .sum()
}

fn page_words(page: &Page, junk: &[bool]) -> f32 {
    page.blocks
        .iter()
        .zip(junk)
        .filter(|(_, j)| !**j)
        .map(|(b, _)| b.features.words as f32)
        .sum()
}

/// Lists of repeated items: elements with several children of one kind
/// (same tag, same first class) that each hold a few words, as cards,
/// teasers, product tiles and posts do. Returns each list's element and
/// the words in its items.
fn item_lists(page: &Page, junk: &[bool]) -> Vec<(usize, f32)> {
    let n = page.elements.len();
    let words = subtree_words(page, |i| junk[i]);
    // Kinds of items under one element add up to one list.
    let mut lists: FxHashMap<usize, f32> = FxHashMap::default();
    for ((p, _, _), items) in like_children(page, |i| words[i] != 0.0) {
        let w = items.iter().fold(0.0, |a, &i| a + words[i]);
        if items.len() >= ITEMS_MIN_COUNT && w / items.len() as f32 >= ITEM_MIN_WORDS {
            *lists.entry(p).or_default() += w;
        }
    }
    let mut out: Vec<(usize, f32)> = lists.into_iter().collect();
    // A list nested in another counts once, with the outer one.
    out.sort_by_key(|g| (page.elements[g.0].depth, g.0));
    let mut kept: Vec<(usize, f32)> = Vec::new();
    let mut flags = vec![false; n];
    for (p, w) in out {
        if page.is_within(Some(p), &flags) {
            continue;
        }
        flags[p] = true;
        kept.push((p, w));
    }
    kept
}

/// The elements `keep` names, grouped by (parent, tag, first class): the
/// children of one element that look alike, as a list's items do. Each
/// group in element order.
fn like_children(
    page: &Page,
    keep: impl Fn(usize) -> bool,
) -> FxHashMap<(usize, &str, &str), Vec<usize>> {
    let mut kinds: FxHashMap<(usize, &str, &str), Vec<usize>> = FxHashMap::default();
    for (i, el) in page.elements.iter().enumerate() {
        let Some(p) = el.parent else { continue };
        if !keep(i) {
            continue;
        }
        let class = el.classes.first().map(String::as_str).unwrap_or("");
        kinds
            .entry((p, el.tag.as_str(), class))
            .or_default()
            .push(i);
    }
    kinds
}

/// For each block, whether it sits in an item of a list in `lists` before
/// any prose of that item.
fn item_leads(page: &Page, junk: &[bool], lists: &[bool], sw: bool) -> Vec<bool> {
    let mut out = vec![false; page.blocks.len()];
    if !lists.iter().any(|&l| l) {
        return out;
    }
    let mut prose_seen = vec![false; page.elements.len()];
    for (i, b) in page.blocks.iter().enumerate() {
        // The item: the ancestor whose parent is a list.
        let mut e = b.element;
        let mut item = None;
        while let Some(x) = e {
            let p = page.elements[x].parent;
            if p.is_some_and(|p| lists[p]) {
                item = Some(x);
                break;
            }
            e = p;
        }
        let Some(item) = item else { continue };
        if prose_seen[item] {
            continue;
        }
        out[i] = true;
        if !junk[i] && is_prose(b, sw) {
            prose_seen[item] = true;
        }
    }
    out
}

/// Share of the main content's prose the text element holds.
const TEXT_SHARE: f32 = 0.6;

/// The smallest element holding most of the main content's prose:
/// the text itself, without the furniture its container adds.
fn text_element(page: &Page, good: &[f32], best: Option<usize>) -> Option<usize> {
    let r = best?;
    let floor = TEXT_SHARE * good[r];
    let mut out = r;
    for (i, el) in page.elements.iter().enumerate() {
        if good[i] >= floor && el.depth > page.elements[out].depth && descends(page, i, r) {
            out = i;
        }
    }
    Some(out)
}

/// Whether element `i` is `root` or lies inside it.
pub(super) fn descends(page: &Page, i: usize, root: usize) -> bool {
    let mut e = Some(i);
    while let Some(x) = e {
        if x == root {
            return true;
        }
        e = page.elements[x].parent;
    }
    false
}

/// Fewest teasers that make a row of them.
const TEASERS_MIN_COUNT: usize = 3;
/// Most words of one teaser: a headline and a summary.
const TEASER_MAX_WORDS: u32 = 120;

/// Article pages: rows of teasers for other pages (a linked headline, then
/// a summary, a date) sit beside the article, often in its container.
/// Flags the blocks of repeated items that mostly lead with a link, in a
/// list that does not hold the article's run of paragraphs (`core`, a
/// block of it): a thread's posts hold it, a teaser row does not. Lists
/// inside the element that holds the text itself (`text`) are the
/// article's own, as in a round-up of linked picks.
fn teasers(page: &Page, junk: &[bool], core: usize, text: Option<usize>) -> Vec<bool> {
    let n = page.elements.len();
    let mut out = vec![false; page.blocks.len()];
    // Each element's first block and its words.
    let mut first = vec![usize::MAX; n];
    let mut words = vec![0u32; n];
    for (i, b) in page.blocks.iter().enumerate() {
        if let Some(x) = b.element.filter(|_| !junk[i]) {
            first[x] = first[x].min(i);
            words[x] = words[x].saturating_add(b.features.words);
        }
    }
    fold_up(page, &mut first, |p, c| *p = (*p).min(c));
    fold_up(page, &mut words, |p, c| *p = p.saturating_add(c));
    let kinds = like_children(page, |i| first[i] != usize::MAX);
    let core_el = page.blocks.get(core).and_then(|b| b.element);
    let mut is_text = vec![false; n];
    if let Some(t) = text {
        is_text[t] = true;
    }
    let mut flagged = vec![false; n];
    for ((p, _, _), items) in kinds {
        if items.len() < TEASERS_MIN_COUNT {
            continue;
        }
        let led = items
            .iter()
            .filter(|&&it| {
                let lead = &page.blocks[first[it]];
                // A question leading its answer is a FAQ entry.
                words[it] <= TEASER_MAX_WORDS
                    && (lead.features.link_density >= 0.5 || cut_summary(lead))
                    && !lead.text.ends_with('?')
            })
            .count();
        if led < TEASERS_MIN_COUNT || led * 3 < items.len() * 2 {
            continue;
        }
        // Summaries cut off mid-sentence point to text elsewhere: no
        // article's own list, wherever it sits.
        let cut = items
            .iter()
            .filter(|&&it| cut_summary(&page.blocks[first[it]]))
            .count();
        let own = cut * 3 < items.len() * 2 && page.is_within(Some(p), &is_text);
        if core_el.is_some_and(|c| descends(page, c, p)) || own {
            continue;
        }
        for it in items {
            flagged[it] = true;
        }
    }
    if flagged.iter().any(|&f| f) {
        for (o, b) in out.iter_mut().zip(&page.blocks) {
            *o = page.is_within(b.element, &flagged);
        }
    }
    out
}

/// A linked headline run together with a summary cut off mid-sentence
/// ("..."): the teaser's whole text in one block, so the link covers less
/// than half of it.
fn cut_summary(b: &Block) -> bool {
    let t = b.text.trim_end();
    b.features.link_density >= 0.1 && (t.ends_with("...") || t.ends_with('\u{2026}'))
}

/// Which blocks are prose that no text rule removes.
pub(super) fn prose_flags(page: &Page, junk: &[bool], sw: bool) -> Vec<bool> {
    page.blocks
        .iter()
        .zip(junk)
        .map(|(b, &j)| !j && is_prose(b, sw))
        .collect()
}

/// Whether the page has a run of paragraphs, as articles do (product and
/// listing pages are made of separate short texts).
pub(super) fn has_article_core(page: &Page, prose: &[bool]) -> bool {
    article_core_start(page, prose).is_some()
}

/// For each run of paragraphs on the page, the block where it becomes one
/// (three prose lines and 120 words in a row), lazily: the first is often
/// all a caller needs.
fn core_starts<'a>(page: &'a Page, prose: &'a [bool]) -> impl Iterator<Item = usize> + 'a {
    let (mut lines, mut words, mut found) = (0, 0, false);
    page.blocks
        .iter()
        .zip(prose)
        .enumerate()
        .filter_map(move |(i, (b, &p))| {
            if !p {
                (lines, words, found) = (0, 0, false);
                return None;
            }
            lines += 1;
            words += b.features.words;
            if lines >= 3 && words >= 120 && !found {
                found = true;
                return Some(i);
            }
            None
        })
}

/// The first block of the page's first run of paragraphs, if it has one.
fn article_core_start(page: &Page, prose: &[bool]) -> Option<usize> {
    core_starts(page, prose).next()
}

/// Most words a price line holds (`Sale price $12.95 Regular price $19.95`).
const PRICE_MAX_WORDS: usize = 8;

/// A short line that is mostly a price: a figure with a currency sign or
/// code in at least a quarter of its words (`$12.95`, `12,95 €`, `EUR 12`).
pub fn is_price(text: &str) -> bool {
    // Cheap rejections first: every block of every page comes through here,
    // and almost none is a short line with a figure.
    if !text.bytes().any(|b| b.is_ascii_digit())
        || text.split_whitespace().nth(PRICE_MAX_WORDS).is_some()
    {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return false;
    }
    let figure = |w: &str| w.chars().any(|c| c.is_ascii_digit());
    let priced = (0..words.len())
        .filter(|&i| {
            let w = words[i];
            let next = words.get(i + 1).copied().unwrap_or("");
            let prev = if i > 0 { words[i - 1] } else { "" };
            (figure(w) && has_currency(w))
                || (figure(w) && (is_currency_code(next) || is_currency_code(prev)))
                // A sign standing alone before its figure: `$ 12`.
                || (has_currency(w) && w.chars().count() == 1 && figure(next))
        })
        .count();
    priced > 0 && priced * 4 >= words.len()
}

fn has_currency(w: &str) -> bool {
    w.contains(['$', '€', '£', '¥', '₹', '₩', '₽', '₺', '₫', '₴', '₪', '฿'])
}

fn is_currency_code(w: &str) -> bool {
    matches!(
        w.trim_matches(|c: char| !c.is_ascii_alphabetic()),
        "USD" | "EUR" | "GBP" | "CAD" | "AUD" | "CHF" | "JPY" | "INR" | "SEK" | "NOK" | "DKK"
    )
}

#[cfg(test)]
mod tests {
    use super::is_price;

    /// `is_prose` answers as its tests made one after another with short
    /// cuts: the blocks of generated pages, each also with every feature
    /// it reads set to values on either side of its bound (and NaN).
    #[test]
    fn prose_without_short_cuts_is_prose_with_them() {
        let short_cut = |b: &crate::segment::Block, sw: bool| {
            let f = &b.features;
            f.words >= 10
                && f.link_density < 0.3
                && (f.punctuation >= 1 || f.ends_sentence)
                && (!sw || f.stopword_ratio >= 0.12)
        };
        let mut rng = crate::classify::testgen::rng(67);
        let (mut yes, mut no) = (0, 0);
        for _ in 0..20 {
            let page = crate::classify::testgen::pooled_page(&mut rng, 30);
            for b in &page.blocks {
                for (words, density, punctuation, ends, ratio) in [
                    (9, 0.0, 1, true, 0.5),
                    (10, 0.29, 0, true, 0.12),
                    (10, 0.3, 1, false, 0.5),
                    (12, f32::NAN, 2, true, 0.5),
                    (40, 0.0, 0, false, 0.2),
                    (40, 0.1, 3, false, 0.11),
                    (40, 0.1, 3, false, f32::NAN),
                    (
                        b.features.words,
                        b.features.link_density,
                        b.features.punctuation,
                        b.features.ends_sentence,
                        b.features.stopword_ratio,
                    ),
                ] {
                    let mut b = b.clone();
                    let f = &mut b.features;
                    (
                        f.words,
                        f.link_density,
                        f.punctuation,
                        f.ends_sentence,
                        f.stopword_ratio,
                    ) = (words, density, punctuation, ends, ratio);
                    for sw in [false, true] {
                        let want = short_cut(&b, sw);
                        assert_eq!(super::is_prose(&b, sw), want, "{:?} {sw}", b.features);
                        yes += usize::from(want);
                        no += usize::from(!want);
                    }
                }
            }
        }
        assert!(yes > 100 && no > 100, "{yes} {no}");
    }

    /// The region keeps `has_stopwords` of its page, for the sections
    /// pass to ask instead of counting again: on text pages of made-up
    /// lines (with function words and without) and on HTML pages.
    #[test]
    fn region_keeps_the_pages_stopword_answer() {
        use crate::classify::testgen::{line, rng};
        let mut rng = rng(41);
        let (mut with, mut without) = (0, 0);
        for k in 0..200 {
            let lines: Vec<String> = (0..rng.below(30))
                .map(|_| match k % 3 {
                    0 => "the cat and the dog of the house".to_string(),
                    _ => line(&mut rng, 12),
                })
                .collect();
            let text = lines.join("\n");
            let html = format!(
                "<html><body><article><p>{}</p></article></body></html>",
                lines.join("</p><p>")
            );
            for page in [
                crate::segment::text::segment(&text),
                crate::segment::html::segment(&html),
            ] {
                let junk = vec![false; page.blocks.len()];
                let marks = vec![0u8; page.elements.len()];
                let want = super::has_stopwords(&page);
                assert_eq!(
                    super::find(&page, &junk, &marks).stopwords,
                    want,
                    "{text:?}"
                );
                if want {
                    with += 1;
                } else {
                    without += 1;
                }
            }
        }
        assert!(with > 50 && without > 20, "{with} {without}");
    }

    #[test]
    fn price_lines() {
        for t in [
            "$12.95",
            "Sale price €49,95 Regular price €57,95",
            "12.95 USD",
            "From £8",
            "$ 12",
            "VIP Price $111.55",
        ] {
            assert!(is_price(t), "{t}");
        }
        // A sentence naming a sum, a year, a bare figure.
        for t in [
            "Free shipping on all orders over $50 this week",
            "Founded in 1998",
            "12 items",
            "$",
            "",
        ] {
            assert!(!is_price(t), "{t}");
        }
    }
}
