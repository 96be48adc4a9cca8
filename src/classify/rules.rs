//! Rules as data: the TOML format, its validation and the compiled set.
//!
//! A rule matches a block when every matcher it gives matches (text regex,
//! class/id tokens, tags, section heading) and the block is within its word
//! and link-density bounds. A matching rule adds its weight to the block's
//! boilerplate score; a block whose score reaches 1.0 is removed under the
//! category of its heaviest rule.
//!
//! A rule file may also hold `[[site]]` rules (see `site.rs`), which apply
//! to the pages of some hosts only and remove or keep blocks outright.
//!
//! Every problem in a file is reported as `file:line:col: what is wrong`,
//! and the whole set is refused: a run never starts on half a rule file.

use regex::{Regex, RegexBuilder};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use toml::Spanned;

use super::category::Category;
use super::patset::{Bounds, PatternSet};
use super::site::{SiteRule, SiteRules};

/// The built-in rule set, compiled into the binary.
pub const BUILTIN: &str = include_str!("../../rules/builtin.toml");

/// Caps that keep a user's regex from eating memory or time. The regex
/// crate matches in linear time, so a pattern that fits is never slow; one
/// that does not (`(a{1000}){1000}`) is refused when the file is loaded.
pub const REGEX_SIZE_LIMIT: usize = 4 << 20;
pub const REGEX_DFA_LIMIT: usize = 2 << 20;
/// Longest pattern or selector accepted, in bytes: rules are short, and
/// this bounds the work any one of them can ask for.
pub const MAX_PATTERN_LEN: usize = 2000;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub rule: Vec<Spanned<RuleSpec>>,
    /// Rules for the pages of some hosts.
    #[serde(default)]
    pub site: Vec<Spanned<SiteSpec>>,
    /// Ids of rules (built-in or earlier files) to switch off.
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
    /// New weights for existing rules, by id.
    #[serde(default)]
    pub weight: BTreeMap<Spanned<String>, Spanned<f32>>,
}

/// One string or a list of strings, each with where it stands in the file.
/// A lone string gets the span of the key's value (filled in by `spanned`).
#[derive(Debug, Clone, Default)]
pub struct Strings(pub Vec<Spanned<String>>);

impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Strings;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Strings, E> {
                Ok(Strings(vec![Spanned::new(0..0, v.to_string())]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strings, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<Spanned<String>>()? {
                    out.push(s);
                }
                Ok(Strings(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// The strings of an optional list key, each with its span (a lone string
/// takes the span of the value).
pub(crate) fn spanned(v: &Option<Spanned<Strings>>) -> Vec<(Range<usize>, String)> {
    let Some(v) = v else { return Vec::new() };
    v.get_ref()
        .0
        .iter()
        .map(|s| {
            let span = if s.span() == (0..0) {
                v.span()
            } else {
                s.span()
            };
            (span, s.get_ref().clone())
        })
        .collect()
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: Spanned<String>,
    pub category: Spanned<String>,
    /// Regex over the block's text.
    pub text: Option<Spanned<Strings>>,
    /// Regex over a heading-like block; a match opens a section that claims
    /// the blocks after it.
    pub heading: Option<Spanned<Strings>>,
    /// Class/id tokens of the block's element or its ancestors.
    pub class: Option<Spanned<Strings>>,
    /// Tags of the block's element or its ancestors.
    pub tag: Option<Spanned<Strings>>,
    pub weight: Option<Spanned<f32>>,
    pub max_words: Option<u32>,
    pub min_words: Option<u32>,
    pub min_link_density: Option<Spanned<f32>>,
    pub max_link_density: Option<Spanned<f32>>,
    /// What the rule's matches tell the classifier besides their score
    /// (see `Mark`).
    pub mark: Option<Spanned<Strings>>,
    /// Class/tag matches: the largest share of the page's words the
    /// matching elements may hold for the rule to fire there.
    pub max_page_share: Option<Spanned<f32>>,
    pub description: Option<String>,
}

/// What a rule's matches say besides their weight: the classifier's
/// detectors read these from the rule file instead of naming rules or
/// words in code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Text input: the lines the rule matches are lines of a panel (a
    /// consent manager's: cookie categories, "Accept all"); a close
    /// cluster of them is removed whole (`text_consent`).
    Panel,
    /// The elements the rule matches hold customers' reviews of a product:
    /// never the page's main content, however much prose they hold
    /// (`region`).
    Reviews,
    /// The lines the rule matches are furniture set inside the content (a
    /// caption, a picture credit, an ad marker, a tile's toggles): removed
    /// as the rule says, but no evidence of where the content starts or
    /// ends (`evidence::removed_by_text`), and on text input the run of
    /// paragraphs goes on through them (`text_region`).
    Inline,
    /// The lines the rule matches close an article (a share bar, a
    /// rating widget, a lead form's fields): on text input, such a line
    /// after most of the article's prose ends it (`text_region`).
    Closes,
    /// The lines the rule matches end a thread's posts (the prompt to
    /// sign in to reply under the last one): on text input, such a line
    /// said once after a post's worth of the region's text ends the
    /// region (`text_reply_prompt`).
    EndsThread,
}

impl Mark {
    pub const ALL: [Mark; 5] = [
        Mark::Panel,
        Mark::Reviews,
        Mark::Inline,
        Mark::Closes,
        Mark::EndsThread,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Panel => "panel",
            Mark::Reviews => "reviews",
            Mark::Inline => "inline",
            Mark::Closes => "closes",
            Mark::EndsThread => "ends-thread",
        }
    }

    pub fn parse(s: &str) -> Option<Mark> {
        Mark::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// A `[[site]]` rule as written.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct SiteSpec {
    pub id: Spanned<String>,
    /// `example.org` (that host only), or `*.example.org` / `.example.org`
    /// (that host and every host under it).
    pub host: Option<Spanned<Strings>>,
    /// What the removed blocks are; absent for `keep = true`.
    pub category: Option<Spanned<String>>,
    /// Keep the blocks whatever the other rules say.
    pub keep: Option<Spanned<bool>>,
    /// CSS selectors (HTML): blocks inside a matching element.
    pub selector: Option<Spanned<Strings>>,
    /// Regexes over one block's text (for text input: one line).
    pub text: Option<Spanned<Strings>>,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub category: Category,
    pub weight: f32,
    pub class: Vec<String>,
    pub tag: Vec<String>,
    pub max_words: Option<u32>,
    pub min_words: Option<u32>,
    pub min_link_density: Option<f32>,
    pub max_link_density: Option<f32>,
    /// What else its matches say (`Mark`), each once.
    pub marks: Vec<Mark>,
    /// A class/tag rule fires only on pages where the elements it matches
    /// hold at most this share of the words: a call-to-action box in an
    /// article is an interruption, a landing page built of such boxes is
    /// their content.
    pub max_page_share: Option<f32>,
    pub description: Option<String>,
    /// The patterns as written, for `rules list` and the docs.
    pub text_patterns: Vec<String>,
    pub heading_patterns: Vec<String>,
    /// `file:line:col` of the rule's id.
    pub origin: String,
}

impl Rule {
    pub fn within_bounds(&self, words: u32, link_density: f32) -> bool {
        self.bounds().holds(words, link_density)
    }

    /// The blocks the rule applies to.
    pub fn bounds(&self) -> Bounds {
        Bounds {
            min_words: self.min_words,
            max_words: self.max_words,
            min_link_density: self.min_link_density,
            max_link_density: self.max_link_density,
        }
    }

    /// Whether the rule matches block text (as opposed to structure).
    pub fn has_text(&self) -> bool {
        !self.text_patterns.is_empty()
    }

    pub fn has_mark(&self, mark: Mark) -> bool {
        self.marks.contains(&mark)
    }

    /// What the rule matches, in one line.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        // First: a listing cuts long summaries, and a mark changes what
        // the rule does.
        if !self.marks.is_empty() {
            let marks: Vec<&str> = self.marks.iter().map(|m| m.as_str()).collect();
            parts.push(format!("marks {}", marks.join(",")));
        }
        if !self.text_patterns.is_empty() {
            parts.push(format!("text {}", self.text_patterns.join(" | ")));
        }
        if !self.heading_patterns.is_empty() {
            parts.push(format!("heading {}", self.heading_patterns.join(" | ")));
        }
        if !self.class.is_empty() {
            parts.push(format!("class {}", self.class.join(",")));
        }
        if !self.tag.is_empty() {
            parts.push(format!("tag {}", self.tag.join(",")));
        }
        if let Some(m) = self.min_words {
            parts.push(format!(">= {m} words"));
        }
        if let Some(m) = self.max_words {
            parts.push(format!("<= {m} words"));
        }
        if let Some(m) = self.min_link_density {
            parts.push(format!("link density >= {m}"));
        }
        if let Some(m) = self.max_link_density {
            parts.push(format!("link density <= {m}"));
        }
        if let Some(m) = self.max_page_share {
            parts.push(format!("<= {m} of the page's words"));
        }
        parts.join("; ")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    /// The file is not valid TOML or not in the rule format.
    #[error("{origin}: {message}")]
    Parse { origin: String, message: String },
    #[error("{origin}: rule `{id}`: {message}")]
    Rule {
        origin: String,
        id: String,
        message: String,
    },
    #[error("{origin}: site rule `{id}`: {message}")]
    Site {
        origin: String,
        id: String,
        message: String,
    },
}

/// The compiled rules, with one regex set per matcher kind so a block is
/// matched against all text rules in one pass.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Per-site rules, applied to pages whose URL host they name.
    pub sites: SiteRules,
    /// The text patterns, then the heading patterns: one set, so a block
    /// matched against both kinds is searched for their literals once.
    patterns: PatternSet,
    /// Pattern index -> rule index.
    owner: Vec<usize>,
    /// Index of the first heading pattern.
    headings_from: usize,
    /// Rules with class or tag matchers.
    structural: Vec<usize>,
    /// Class pattern -> the rules that list it.
    class_index: FxHashMap<String, Vec<usize>>,
    /// Longest class pattern, in bytes.
    class_max: usize,
    /// Each rule's id as a `'static` string (`intern`), so a decision
    /// names its rule without a copy per removed block (`rule_id`).
    ids: Vec<&'static str>,
}

/// `id` as a `'static` string, one leaked copy per distinct id for the
/// life of the process: rule sets rebuilt with the same ids add nothing.
fn intern(id: &str) -> &'static str {
    static IDS: std::sync::OnceLock<std::sync::Mutex<HashSet<&'static str>>> =
        std::sync::OnceLock::new();
    let mut ids = IDS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(&s) = ids.get(id) {
        return s;
    }
    let s: &'static str = Box::leak(id.to_owned().into_boxed_str());
    ids.insert(s);
    s
}

/// Compile one user pattern under the size caps.
pub fn build_regex(p: &str) -> Result<Regex, String> {
    if p.len() > MAX_PATTERN_LEN {
        return Err(format!(
            "pattern is {} bytes long, the limit is {MAX_PATTERN_LEN}",
            p.len()
        ));
    }
    if p.is_empty() {
        return Err("empty pattern (it would match every block)".into());
    }
    // Each rule pattern is compiled when its rule is checked and again for
    // the rule set: the second time is a clone (a shared program).
    static BUILT: std::sync::LazyLock<std::sync::Mutex<FxHashMap<String, Regex>>> =
        std::sync::LazyLock::new(Default::default);
    if let Some(re) = BUILT.lock().ok().and_then(|m| m.get(p).cloned()) {
        return Ok(re);
    }
    RegexBuilder::new(p)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_DFA_LIMIT)
        .build()
        .inspect(|re| {
            if let Ok(mut m) = BUILT.lock() {
                m.insert(p.to_string(), re.clone());
            }
        })
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(n) => {
                format!("pattern too large once compiled (over {n} bytes): bound its repetitions")
            }
            // The crate's message spans lines (pattern, caret, error);
            // one line reads better after `file:line:col:`.
            e => {
                let s = e.to_string();
                let what = s
                    .lines()
                    .find_map(|l| l.strip_prefix("error: "))
                    .unwrap_or_else(|| s.lines().last().unwrap_or(""));
                format!("`{}`: {what}", short(p))
            }
        })
}

/// A pattern as quoted in a message: long ones are cut.
pub(crate) fn short(s: &str) -> String {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Parse the TOML text of a rule file, with file, line and column in the
/// error message.
pub fn parse_file(src: &str, origin: &str) -> Result<RuleFile, RuleError> {
    toml::from_str::<RuleFile>(src).map_err(|e| {
        let at = e.span().map_or(origin.to_string(), |s| at(src, origin, &s));
        RuleError::Parse {
            origin: at,
            message: e.message().trim_end().to_string(),
        }
    })
}

/// Line and column of `offset`, given the offsets of `src`'s newlines
/// (found once per file: every rule's origin is placed, and counting from
/// the top for each was quadratic in the file's size).
fn line_col(src: &str, newlines: &[usize], offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = newlines.partition_point(|&i| i < offset);
    let start = before.checked_sub(1).map_or(0, |k| newlines[k] + 1);
    (before + 1, src[start..offset].chars().count() + 1)
}

/// Offsets of the newlines in `src`, for `at_in`.
fn newlines(src: &str) -> Vec<usize> {
    src.match_indices('\n').map(|(i, _)| i).collect()
}

/// `file:line:col` of a span.
pub(crate) fn at(src: &str, origin: &str, span: &Range<usize>) -> String {
    at_in(src, &newlines(src), origin, span)
}

/// `at`, with `newlines(src)` found already.
fn at_in(src: &str, newlines: &[usize], origin: &str, span: &Range<usize>) -> String {
    let (line, col) = line_col(src, newlines, span.start);
    format!("{origin}:{line}:{col}")
}

/// Builds a `RuleSet` from the built-in file and any number of user files.
#[derive(Default)]
pub struct RuleSetBuilder {
    rules: Vec<Rule>,
    sites: Vec<SiteRule>,
    /// A file other than the built-in one was added: its patterns were
    /// checked one by one, and the sets must be checked as a whole too.
    user: bool,
}

/// What one file added, for `unboil rules check`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FileSummary {
    pub rules: usize,
    pub sites: usize,
    pub disabled: usize,
    pub reweighted: usize,
}

impl RuleSetBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_builtin(mut self) -> Self {
        // Its patterns are not compiled here to be checked: a test compiles
        // every one (`builtin_patterns_compile`), and each is compiled
        // when a text first needs it.
        self.add(BUILTIN, "builtin.toml", false)
            .expect("the built-in rule file is valid");
        self
    }

    /// Ids of the rules and site rules so far, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.rules
            .iter()
            .map(|r| r.id.as_str())
            .chain(self.sites.iter().map(|s| s.id.as_str()))
    }

    /// Add one file's rules, disables and weight changes, in order. A file
    /// with any problem changes nothing.
    pub fn add_source(&mut self, src: &str, origin: &str) -> Result<FileSummary, RuleError> {
        let summary = self.add(src, origin, true)?;
        self.user = true;
        Ok(summary)
    }

    /// `add_source`; `check`: compile each pattern to refuse a bad one.
    fn add(&mut self, src: &str, origin: &str, check: bool) -> Result<FileSummary, RuleError> {
        let file = parse_file(src, origin)?;
        let lines = newlines(src);
        let pos = |span: &Range<usize>| at_in(src, &lines, origin, span);
        let mut rules = self.rules.clone();
        let mut sites = self.sites.clone();
        let mut summary = FileSummary::default();

        // `disable` and `[weight]` refer to rules loaded before this file.
        let mut off: HashSet<&str> = HashSet::new();
        for id in &file.disable {
            let name = id.get_ref().as_str();
            let known = rules.iter().any(|r| r.id == name) || sites.iter().any(|s| s.id == name);
            if !known {
                return Err(RuleError::Rule {
                    origin: pos(&id.span()),
                    id: name.to_string(),
                    message: "cannot disable: no rule with this id in the built-in set or an \
                              earlier file"
                        .into(),
                });
            }
            off.insert(name);
        }
        for (id, w) in &file.weight {
            let name = id.get_ref().as_str();
            let Some(rule) = rules.iter_mut().find(|r| r.id == name) else {
                let message = if sites.iter().any(|s| s.id == name) {
                    "site rules remove or keep outright and have no weight"
                } else {
                    "cannot reweight: no rule with this id in the built-in set or an earlier file"
                };
                return Err(RuleError::Rule {
                    origin: pos(&id.span()),
                    id: name.to_string(),
                    message: message.into(),
                });
            };
            let w8 = *w.get_ref();
            if !w8.is_finite() || w8 < 0.0 {
                return Err(RuleError::Rule {
                    origin: pos(&w.span()),
                    id: name.to_string(),
                    message: format!("weight must be a number >= 0, not {w8}"),
                });
            }
            rule.weight = w8;
            summary.reweighted += 1;
        }
        rules.retain(|r| !off.contains(r.id.as_str()));
        sites.retain(|s| !off.contains(s.id.as_str()));
        summary.disabled = off.len();

        let mut seen: HashSet<String> = rules
            .iter()
            .map(|r| r.id.clone())
            .chain(sites.iter().map(|s| s.id.clone()))
            .collect();
        let mut check_id = |id: &Spanned<String>, site: bool| {
            let name = id.get_ref();
            let message = if name.trim().is_empty() {
                Some("an id must not be empty")
            } else if !seen.insert(name.clone()) {
                Some("duplicate id: a rule with this id is already loaded")
            } else {
                None
            };
            match message {
                None => Ok(()),
                Some(m) if site => Err(RuleError::Site {
                    origin: pos(&id.span()),
                    id: name.clone(),
                    message: m.into(),
                }),
                Some(m) => Err(RuleError::Rule {
                    origin: pos(&id.span()),
                    id: name.clone(),
                    message: m.into(),
                }),
            }
        };
        for spec in &file.rule {
            check_id(&spec.get_ref().id, false)?;
            rules.push(compile_rule(spec.get_ref(), &pos, check)?);
            summary.rules += 1;
        }
        for spec in &file.site {
            check_id(&spec.get_ref().id, true)?;
            sites.push(SiteRule::compile(spec, &pos)?);
            summary.sites += 1;
        }
        self.rules = rules;
        self.sites = sites;
        Ok(summary)
    }

    pub fn build(self) -> Result<RuleSet, RuleError> {
        let mut pats = Vec::new();
        let mut owner = Vec::new();
        let rules = self.rules;
        for (idx, rule) in rules.iter().enumerate() {
            for p in &rule.text_patterns {
                pats.push(p.clone());
                owner.push(idx);
            }
        }
        let headings_from = pats.len();
        for (idx, rule) in rules.iter().enumerate() {
            for p in &rule.heading_patterns {
                pats.push(p.clone());
                owner.push(idx);
            }
        }
        // A roomy lazy-DFA cache: the set has many case-insensitive
        // Unicode patterns, and a small cache is cleared over and over.
        let mut patterns = PatternSet::new(&pats, REGEX_SIZE_LIMIT * 16, REGEX_DFA_LIMIT * 32);
        // The built-in sets compile (tests build them); a user's may not.
        // Each kind is checked as a set of its own, as each was one.
        if self.user {
            for range in [0..headings_from, headings_from..pats.len()] {
                patterns.check_range(range).map_err(|e| RuleError::Parse {
                    origin: "rules".into(),
                    message: format!(
                        "the rule set is too large to compile as a whole ({e}); \
                         use fewer or simpler patterns"
                    ),
                })?;
            }
        }
        let structural = rules
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.class.is_empty() || !r.tag.is_empty())
            .map(|(i, _)| i)
            .collect();
        patterns.set_bounds(owner.iter().map(|&r| rules[r].bounds()).collect());
        let mut class_index: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, r) in rules.iter().enumerate() {
            for c in &r.class {
                let owners = class_index.entry(c.clone()).or_default();
                if owners.last() != Some(&i) {
                    owners.push(i);
                }
            }
        }
        let class_max = class_index.keys().map(String::len).max().unwrap_or(0);
        let ids = rules.iter().map(|r| intern(&r.id)).collect();
        Ok(RuleSet {
            ids,
            class_index,
            class_max,
            patterns,
            owner,
            headings_from,
            rules,
            sites: SiteRules::new(self.sites),
            structural,
        })
    }
}

/// Check one `[[rule]]` and turn it into a `Rule` (its regex indexes are
/// set by `build`).
fn compile_rule(
    spec: &RuleSpec,
    pos: &dyn Fn(&Range<usize>) -> String,
    check: bool,
) -> Result<Rule, RuleError> {
    let id = spec.id.get_ref().clone();
    let err = |span: Range<usize>, message: String| RuleError::Rule {
        origin: pos(&span),
        id: id.clone(),
        message,
    };
    let category = Category::parse(spec.category.get_ref()).ok_or_else(|| {
        err(
            spec.category.span(),
            format!(
                "unknown category `{}` (one of: {})",
                spec.category.get_ref(),
                Category::ALL.map(|c| c.as_str()).join(", ")
            ),
        )
    })?;
    let weight = match &spec.weight {
        Some(w) if !w.get_ref().is_finite() || *w.get_ref() < 0.0 => {
            return Err(err(w.span(), "weight must be a number >= 0".into()));
        }
        Some(w) => *w.get_ref(),
        None => 1.0,
    };
    for d in [&spec.min_link_density, &spec.max_link_density]
        .into_iter()
        .flatten()
    {
        if !(0.0..=1.0).contains(d.get_ref()) {
            return Err(err(d.span(), "a link density is between 0 and 1".into()));
        }
    }
    if let Some(d) = spec
        .max_page_share
        .as_ref()
        .filter(|d| !(0.0..=1.0).contains(d.get_ref()))
    {
        return Err(err(
            d.span(),
            "a share of the page is between 0 and 1".into(),
        ));
    }
    let patterns = |v: &Option<Spanned<Strings>>, what: &str| {
        let mut out = Vec::new();
        for (span, p) in spanned(v) {
            if check {
                build_regex(&p).map_err(|e| err(span, format!("bad {what} regex: {e}")))?;
            }
            out.push(p);
        }
        Ok::<_, RuleError>(out)
    };
    let text_patterns = patterns(&spec.text, "text")?;
    let heading_patterns = patterns(&spec.heading, "heading")?;
    let words = |v: &Option<Spanned<Strings>>, what: &str, class: bool| {
        let mut out = Vec::new();
        for (span, w) in spanned(v) {
            let w = w.trim().to_ascii_lowercase();
            if w.is_empty() || w.contains(char::is_whitespace) {
                return Err(err(
                    span,
                    format!("a {what} is one word without spaces, not `{w}`"),
                ));
            }
            out.push(if class { w.replace('_', "-") } else { w });
        }
        Ok(out)
    };
    let class = words(&spec.class, "class", true)?;
    let tag = words(&spec.tag, "tag", false)?;
    if let Some(m) = &spec.max_page_share
        && class.is_empty()
        && tag.is_empty()
    {
        return Err(err(
            m.span(),
            "max_page_share weighs matched elements: the rule needs a class or tag".into(),
        ));
    }
    if text_patterns.is_empty() && heading_patterns.is_empty() && class.is_empty() && tag.is_empty()
    {
        return Err(err(
            spec.id.span(),
            "a rule needs at least one of text, heading, class, tag".into(),
        ));
    }
    let mut marks = Vec::new();
    for (span, m) in spanned(&spec.mark) {
        let mark = Mark::parse(m.trim()).ok_or_else(|| {
            err(
                span.clone(),
                format!(
                    "unknown mark `{m}` (one of: {})",
                    Mark::ALL.map(|m| m.as_str()).join(", ")
                ),
            )
        })?;
        // A mark the rule cannot give would do nothing: say so.
        let needs = match mark {
            Mark::Panel if text_patterns.is_empty() => Some("a `text` regex (panels are lines)"),
            Mark::Inline | Mark::Closes | Mark::EndsThread if text_patterns.is_empty() => {
                Some("a `text` regex (lines of text)")
            }
            Mark::Reviews if class.is_empty() && tag.is_empty() => {
                Some("a `class` or `tag` (reviews are elements)")
            }
            _ => None,
        };
        if let Some(needs) = needs {
            return Err(err(span, format!("mark `{m}` needs {needs}")));
        }
        if !marks.contains(&mark) {
            marks.push(mark);
        }
    }
    Ok(Rule {
        id: id.clone(),
        category,
        weight,
        class,
        tag,
        max_words: spec.max_words,
        min_words: spec.min_words,
        min_link_density: spec.min_link_density.as_ref().map(|d| *d.get_ref()),
        max_link_density: spec.max_link_density.as_ref().map(|d| *d.get_ref()),
        marks,
        max_page_share: spec.max_page_share.as_ref().map(|d| *d.get_ref()),
        description: spec.description.clone(),
        text_patterns,
        heading_patterns,
        origin: pos(&spec.id.span()),
    })
}

impl RuleSet {
    /// The id of rule `r`, as a decision names it. Borrowed unless the
    /// rule's id was changed after the set was built (`rules` is public).
    pub fn rule_id(&self, r: usize) -> std::borrow::Cow<'static, str> {
        let id = &self.rules[r].id;
        match self.ids.get(r) {
            Some(&s) if s == id => std::borrow::Cow::Borrowed(s),
            _ => std::borrow::Cow::Owned(id.clone()),
        }
    }

    pub fn builtin() -> RuleSet {
        RuleSetBuilder::new()
            .with_builtin()
            .build()
            .expect("the built-in rule file compiles")
    }

    /// Rules whose text pattern matches (deduplicated, in rule order).
    pub fn text_matches(&self, text: &str) -> Vec<usize> {
        let range = 0..self.headings_from;
        owners(
            self.patterns.matches_in(text, range).into_iter(),
            &self.owner,
        )
    }

    pub fn heading_matches(&self, text: &str) -> Vec<usize> {
        let range = self.headings_from..self.patterns.len();
        owners(
            self.patterns.matches_in(text, range).into_iter(),
            &self.owner,
        )
    }

    /// `text_matches` less the rules out of bounds for a block of `words`
    /// words and this link density (their patterns are not even run).
    pub fn text_matches_within(&self, text: &str, words: u32, link_density: f32) -> Vec<usize> {
        self.matches_within(text, words, link_density, true, false)
            .0
    }

    /// `heading_matches` less the rules out of bounds.
    pub fn heading_matches_within(&self, text: &str, words: u32, link_density: f32) -> Vec<usize> {
        self.matches_within(text, words, link_density, false, true)
            .1
    }

    /// `text_matches_within` (if `texts`) and `heading_matches_within` (if
    /// `headings`) at once: the block is searched for the literals of both
    /// kinds in one pass.
    // Inlined: called once per block by `evidence::rule_hits`, most often
    // to return two empty vectors, where a call and its returned pair cost
    // a good part of that.
    #[inline]
    pub fn matches_within(
        &self,
        text: &str,
        words: u32,
        link_density: f32,
        texts: bool,
        headings: bool,
    ) -> (Vec<usize>, Vec<usize>) {
        let (mut found, mut heads): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        let set = &self.patterns;
        let from = if texts { 0 } else { self.headings_from };
        let to = if headings {
            set.len()
        } else {
            self.headings_from
        };
        if from >= to {
            return (found, heads);
        }
        let mut ascii = None;
        let mut c = set.no_candidates();
        set.candidates_in(text, Some((words, link_density)), from..to, &mut c);
        // Most blocks have no candidate: no walk over the set's words.
        if c.is_empty() {
            return (found, heads);
        }
        for i in c.iter() {
            let r = self.owner[i];
            let out = if i < self.headings_from {
                &mut found
            } else {
                &mut heads
            };
            // One match per rule is enough (its patterns of a kind are
            // adjacent).
            if out.last() == Some(&r) || !self.rules[r].within_bounds(words, link_density) {
                continue;
            }
            let ascii = *ascii.get_or_insert_with(|| text.is_ascii());
            if set.is_match_in(i, text, ascii) {
                out.push(r);
            }
        }
        (found, heads)
    }

    /// Call `hit` with every rule one of whose class patterns `token`
    /// matches (as `token_matches` does, `_` read as `-`), possibly more
    /// than once. The token's parts are looked up instead of every pattern
    /// being tried against it.
    pub fn class_rules(&self, token: &str, mut hit: impl FnMut(usize)) {
        if self.class_index.is_empty() {
            return;
        }
        let t = token.as_bytes();
        // Part boundaries: where a pattern may start and where it may end.
        let mut starts = [0usize; 32];
        let mut ends = [0usize; 32];
        let (mut ns, mut ne) = (1, 0);
        for (i, &b) in t.iter().enumerate() {
            if matches!(b, b'-' | b'_') {
                if ns == starts.len() || ne == ends.len() {
                    // A token of many parts: the plain way.
                    return self.class_rules_slow(token, hit);
                }
                ends[ne] = i;
                ne += 1;
                starts[ns] = i + 1;
                ns += 1;
            }
        }
        if ne == ends.len() {
            return self.class_rules_slow(token, hit);
        }
        ends[ne] = t.len();
        ne += 1;
        let mut buf = [0u8; 64];
        for &s in &starts[..ns] {
            for &e in &ends[..ne] {
                if e <= s {
                    continue;
                }
                if e - s > self.class_max {
                    break;
                }
                // Patterns are stored with `-` for `_`.
                let part = &t[s..e];
                let key: &[u8] = if part.contains(&b'_') {
                    let k = &mut buf[..part.len()];
                    for (d, &b) in k.iter_mut().zip(part) {
                        *d = if b == b'_' { b'-' } else { b };
                    }
                    k
                } else {
                    part
                };
                let Ok(key) = std::str::from_utf8(key) else {
                    continue;
                };
                if let Some(rules) = self.class_index.get(key) {
                    rules.iter().for_each(|&r| hit(r));
                }
            }
        }
    }

    fn class_rules_slow(&self, token: &str, mut hit: impl FnMut(usize)) {
        let token = token.replace('_', "-");
        for (c, rules) in &self.class_index {
            if token_matches(&token, c) {
                rules.iter().for_each(|&r| hit(r));
            }
        }
    }

    pub fn structural(&self) -> &[usize] {
        &self.structural
    }

    /// Index of the rule with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }
}

fn owners(hits: impl Iterator<Item = usize>, owner: &[usize]) -> Vec<usize> {
    let mut v: Vec<usize> = hits.map(|i| owner[i]).collect();
    v.dedup();
    v
}

/// Whether one of `token`'s dash- or underscore-separated parts is one of
/// `words`: `token_matches(token, w)` for some `w`, when no word holds a
/// separator, with one split of the token instead of a search per word.
pub fn has_part(token: &str, words: &[&str]) -> bool {
    token.split(['-', '_']).any(|part| words.contains(&part))
}

/// Whether a class/id token carries `pattern` as one of its dash-separated
/// parts (`share` matches `share`, `post-share`, `share_bar`, not `shared`).
pub fn token_matches(token: &str, pattern: &str) -> bool {
    let t = token.as_bytes();
    let p = pattern.as_bytes();
    if p.is_empty() || t.len() < p.len() {
        return false;
    }
    // A match starts where a part starts: at 0 or after a separator. Trying
    // only there is much cheaper than searching (this runs for every class
    // token of every element against every class pattern).
    let starts = std::iter::once(0).chain(memchr::memchr2_iter(b'-', b'_', t).map(|i| i + 1));
    for pos in starts {
        let end = pos + p.len();
        if end > t.len() {
            break;
        }
        // First byte first: most tries fail there, without a memcmp call.
        if t[pos] == p[0] && &t[pos..end] == p && (end == t.len() || matches!(t[end], b'-' | b'_'))
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_named_without_a_copy_and_follow_later_changes() {
        let mut set = RuleSet::builtin();
        for (r, rule) in set.rules.iter().enumerate() {
            let id = set.rule_id(r);
            assert!(matches!(id, std::borrow::Cow::Borrowed(_)), "{}", rule.id);
            assert_eq!(id, rule.id);
        }
        // Two sets with the same ids share one interned copy.
        let again = RuleSet::builtin();
        assert!(std::ptr::eq(set.ids[0], again.ids[0]));
        // `rules` is public: an id changed after the build is still named.
        set.rules[0].id = "renamed.after-build".into();
        assert_eq!(set.rule_id(0), "renamed.after-build");
    }

    #[test]
    fn builtin_rules_compile() {
        let set = RuleSet::builtin();
        assert!(set.rules.len() >= 25);
        for c in [
            Category::SocialCta,
            Category::AuthorBio,
            Category::RelatedList,
            Category::Newsletter,
            Category::CookieNotice,
            Category::ShareButtons,
            Category::Comments,
        ] {
            assert!(set.rules.iter().any(|r| r.category == c), "{c} has rules");
        }
    }

    #[test]
    fn builtin_patterns_compile() {
        // The built-in file is loaded without compiling its patterns one by
        // one: this is where a bad one is caught.
        let file = parse_file(BUILTIN, "builtin.toml").unwrap();
        let mut n = 0;
        for spec in &file.rule {
            let spec = spec.get_ref();
            for (_, p) in spanned(&spec.text)
                .into_iter()
                .chain(spanned(&spec.heading))
            {
                assert!(build_regex(&p).is_ok(), "{}: {p}", spec.id.get_ref());
                n += 1;
            }
        }
        assert!(n > 100, "{n} patterns");
        // And each set compiles as a whole, as a user's set is checked.
        let set = RuleSet::builtin();
        set.patterns.check_range(0..set.headings_from).unwrap();
        set.patterns
            .check_range(set.headings_from..set.patterns.len())
            .unwrap();
    }

    /// Texts that some built-in text or heading rules match, and some
    /// that none do, in several casings and scripts.
    const SAMPLE_TEXTS: &[&str] = &[
        "",
        "Comments",
        "3 Comments",
        "Leave a comment",
        "Related posts:",
        "Related Posts",
        "You may also like",
        "About the author",
        "Share this:",
        "Share on Facebook",
        "Follow us on Twitter",
        "Sign up for our newsletter",
        "We use cookies to improve your experience.",
        "Posted on 12/05/2020 by admin",
        "Photo: AFP",
        "Reviews",
        "12 reviews for Blue Mug",
        "Read more",
        "Read this next",
        "More from our experts",
        "Home | About | Contact | Blog | Shop",
        "OP",
        "Banned",
        "5 years member",
        "Copyright © 2021 Some Name. All rights reserved.",
        "The river rose slowly through the night, and by morning the town was quiet.",
        "Élodie a écrit un article sur le pré.",
        "We use coo\u{212A}ies and cooſies",
        "Kommentare",
        "Tags: news, sport",
        "Subscribe",
        "Advertisement",
    ];

    #[test]
    fn one_pass_for_both_kinds_matches_each_kind_alone() {
        let set = RuleSet::builtin();
        // Each rule's patterns run plainly, as the oracle.
        let compile = |ps: &[String]| -> Vec<regex::Regex> {
            ps.iter().map(|p| regex::Regex::new(p).unwrap()).collect()
        };
        let texts: Vec<Vec<regex::Regex>> = set
            .rules
            .iter()
            .map(|r| compile(&r.text_patterns))
            .collect();
        let heads: Vec<Vec<regex::Regex>> = set
            .rules
            .iter()
            .map(|r| compile(&r.heading_patterns))
            .collect();
        let want = |res: &[Vec<regex::Regex>], text: &str, w: u32, d: f32| -> Vec<usize> {
            (0..set.rules.len())
                .filter(|&r| {
                    set.rules[r].within_bounds(w, d) && res[r].iter().any(|re| re.is_match(text))
                })
                .collect()
        };
        let mut hits = 0;
        for &text in SAMPLE_TEXTS {
            for (w, d) in [
                (1, 0.0),
                (3, 0.0),
                (8, 0.0),
                (8, 0.9),
                (30, 0.2),
                (300, 0.0),
            ] {
                let (t, h) = set.matches_within(text, w, d, true, true);
                assert_eq!(t, want(&texts, text, w, d), "text rules {text:?} {w} {d}");
                assert_eq!(
                    h,
                    want(&heads, text, w, d),
                    "heading rules {text:?} {w} {d}"
                );
                assert_eq!(t, set.text_matches_within(text, w, d), "{text:?}");
                assert_eq!(h, set.heading_matches_within(text, w, d), "{text:?}");
                let (t2, h2) = set.matches_within(text, w, d, true, false);
                assert!(t2 == t && h2.is_empty(), "{text:?}");
                let (t3, h3) = set.matches_within(text, w, d, false, true);
                assert!(t3.is_empty() && h3 == h, "{text:?}");
                hits += t.len() + h.len();
            }
            // Without bounds, each kind's rules as its patterns say.
            assert_eq!(
                set.text_matches(text),
                (0..set.rules.len())
                    .filter(|&r| texts[r].iter().any(|re| re.is_match(text)))
                    .collect::<Vec<_>>(),
                "{text:?}"
            );
            assert_eq!(
                set.heading_matches(text),
                (0..set.rules.len())
                    .filter(|&r| heads[r].iter().any(|re| re.is_match(text)))
                    .collect::<Vec<_>>(),
                "{text:?}"
            );
        }
        // The sample does reach rules of both kinds.
        assert!(hits > 20, "{hits}");
    }

    #[test]
    fn token_parts() {
        assert!(token_matches("share", "share"));
        assert!(token_matches("post-share-bar", "share"));
        assert!(token_matches("share_bar", "share"));
        assert!(!token_matches("shared", "share"));
        assert!(!token_matches("timeshare", "share"));
        assert!(token_matches("author-bio", "author-bio"));
    }

    #[test]
    fn parts_answer_like_token_matches() {
        let words = ["post", "ad", "share", "content"];
        for token in [
            "post",
            "post-body",
            "my_post",
            "posted",
            "ad",
            "bad",
            "ad-slot",
            "a-d",
            "",
            "-",
            "x--ad",
            "share_bar-content",
            "contents",
        ] {
            let want = words.iter().any(|w| token_matches(token, w));
            assert_eq!(has_part(token, &words), want, "{token:?}");
        }
    }

    #[test]
    fn class_index_answers_like_token_matches() {
        let mut b = RuleSetBuilder::new();
        b.add_source(
            r#"
[[rule]]
id = "a"
category = "navigation"
class = ["nav", "share-bar", "x_y", "-lead"]
[[rule]]
id = "b"
category = "advertising"
class = ["ad", "nav"]
"#,
            "t.toml",
        )
        .unwrap();
        let set = b.build().unwrap();
        let long = "p-".repeat(40) + "nav";
        for token in [
            "nav",
            "navbar",
            "main-nav",
            "nav_menu",
            "share-bar",
            "share_bar",
            "post-share-bar-x",
            "sharebar",
            "x-y",
            "x_y",
            "ad",
            "bad",
            "ad-",
            "-ad",
            "a--lead",
            "-lead",
            "lead",
            "",
            "--",
            long.as_str(),
        ] {
            let mut got = Vec::new();
            set.class_rules(token, |r| got.push(r));
            got.sort();
            got.dedup();
            let norm = token.replace('_', "-");
            let want: Vec<usize> = (0..set.rules.len())
                .filter(|&r| set.rules[r].class.iter().any(|c| token_matches(&norm, c)))
                .collect();
            assert_eq!(got, want, "{token:?}");
        }
    }

    #[test]
    fn bad_file_names_line_and_column() {
        let src = "[[rule]]\nid = \"x\"\ncategory = \"spam\"\ntext = 5\n";
        let err = parse_file(src, "my.toml").unwrap_err().to_string();
        assert!(err.starts_with("my.toml:4:"), "{err}");
    }

    #[test]
    fn unknown_category_is_refused() {
        let mut b = RuleSetBuilder::new();
        let err = b
            .add_source(
                "[[rule]]\nid = \"x\"\ncategory = \"junk\"\ntext = \"a\"\n",
                "f.toml",
            )
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("f.toml:3:12: rule `x`: unknown category `junk`"),
            "{err}"
        );
    }
}
