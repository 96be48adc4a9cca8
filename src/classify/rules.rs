//! Rules as data: the TOML format, its validation and the compiled set.
//!
//! A rule matches a block when every matcher it gives matches (text regex,
//! class/id tokens, tags, section heading) and the block is within its word
//! and link-density bounds. A matching rule adds its weight to the block's
//! boilerplate score; a block whose score reaches 1.0 is removed under the
//! category of its heaviest rule.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::Deserialize;
use std::collections::HashSet;

use super::category::Category;

/// The built-in rule set, compiled into the binary.
pub const BUILTIN: &str = include_str!("../../rules/builtin.toml");

/// Caps that keep a user's regex from eating memory or time.
const REGEX_SIZE_LIMIT: usize = 4 << 20;
const REGEX_DFA_LIMIT: usize = 2 << 20;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
    /// Ids of rules (built-in or earlier files) to switch off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// New weights for existing rules, by id.
    #[serde(default)]
    pub weight: std::collections::BTreeMap<String, f32>,
}

/// One string or a list of strings.
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub category: String,
    /// Regex over the block's text.
    pub text: Option<OneOrMany>,
    /// Regex over a heading-like block; a match opens a section that claims
    /// the blocks after it.
    pub heading: Option<OneOrMany>,
    /// Class/id tokens of the block's element or its ancestors.
    pub class: Option<OneOrMany>,
    /// Tags of the block's element or its ancestors.
    pub tag: Option<OneOrMany>,
    #[serde(default = "one")]
    pub weight: f32,
    pub max_words: Option<u32>,
    pub min_words: Option<u32>,
    pub min_link_density: Option<f32>,
    pub max_link_density: Option<f32>,
    pub description: Option<String>,
}

fn one() -> f32 {
    1.0
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub category: Category,
    pub weight: f32,
    pub text: Option<usize>,
    pub heading: Option<usize>,
    pub class: Vec<String>,
    pub tag: Vec<String>,
    pub max_words: Option<u32>,
    pub min_words: Option<u32>,
    pub min_link_density: Option<f32>,
    pub max_link_density: Option<f32>,
    pub description: Option<String>,
    /// The patterns as written, for `rules list` and the docs.
    pub text_patterns: Vec<String>,
    pub heading_patterns: Vec<String>,
}

impl Rule {
    pub fn within_bounds(&self, words: u32, link_density: f32) -> bool {
        self.max_words.is_none_or(|m| words <= m)
            && self.min_words.is_none_or(|m| words >= m)
            && self.min_link_density.is_none_or(|m| link_density >= m)
            && self.max_link_density.is_none_or(|m| link_density <= m)
    }

    /// Whether this rule looks at the HTML structure only.
    pub fn is_structural(&self) -> bool {
        self.text.is_none() && self.heading.is_none()
    }

    /// What the rule matches, in one line.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
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
        if let Some(m) = self.max_words {
            parts.push(format!("<= {m} words"));
        }
        parts.join("; ")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    #[error("{origin}: {message}")]
    Parse { origin: String, message: String },
    #[error("{origin}: rule `{id}`: {message}")]
    Rule {
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
    text_set: RegexSet,
    /// Text pattern index -> rule index.
    text_owner: Vec<usize>,
    heading_set: RegexSet,
    heading_owner: Vec<usize>,
    /// Rules with class or tag matchers.
    structural: Vec<usize>,
    /// Every (owner rule, pattern) for single-pattern checks.
    patterns: Vec<(usize, Regex)>,
}

fn build_regex(p: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(p)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_DFA_LIMIT)
        .build()
}

/// Parse the TOML text of a rule file, with file, line and column in the
/// error message.
pub fn parse_file(src: &str, origin: &str) -> Result<RuleFile, RuleError> {
    toml::from_str::<RuleFile>(src).map_err(|e| {
        let (line, col) = e.span().map(|s| line_col(src, s.start)).unwrap_or((0, 0));
        RuleError::Parse {
            origin: format!("{origin}:{line}:{col}"),
            message: e.message().to_string(),
        }
    })
}

fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Builds a `RuleSet` from the built-in file and any number of user files.
#[derive(Default)]
pub struct RuleSetBuilder {
    specs: Vec<(RuleSpec, String)>,
}

impl RuleSetBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_builtin(mut self) -> Self {
        self.add_source(BUILTIN, "builtin.toml")
            .expect("the built-in rule file is valid");
        self
    }

    /// Add one file's rules, disables and weight changes, in order.
    pub fn add_source(&mut self, src: &str, origin: &str) -> Result<(), RuleError> {
        let file = parse_file(src, origin)?;
        let known: HashSet<String> = self.specs.iter().map(|(s, _)| s.id.clone()).collect();
        for id in file.disable.iter().chain(file.weight.keys()) {
            if !known.contains(id) {
                return Err(RuleError::Rule {
                    origin: origin.to_string(),
                    id: id.clone(),
                    message: "no rule with this id to disable or reweight".into(),
                });
            }
        }
        self.specs.retain(|(s, _)| !file.disable.contains(&s.id));
        for (s, _) in &mut self.specs {
            if let Some(w) = file.weight.get(&s.id) {
                s.weight = *w;
            }
        }
        let mut seen: HashSet<String> = self.specs.iter().map(|(s, _)| s.id.clone()).collect();
        for spec in file.rule {
            if !seen.insert(spec.id.clone()) {
                return Err(RuleError::Rule {
                    origin: origin.to_string(),
                    id: spec.id,
                    message: "duplicate rule id".into(),
                });
            }
            self.specs.push((spec, origin.to_string()));
        }
        Ok(())
    }

    pub fn build(self) -> Result<RuleSet, RuleError> {
        let mut rules = Vec::new();
        let mut text_pats = Vec::new();
        let mut text_owner = Vec::new();
        let mut heading_pats = Vec::new();
        let mut heading_owner = Vec::new();
        let mut patterns = Vec::new();
        for (spec, origin) in self.specs {
            let err = |message: String| RuleError::Rule {
                origin: origin.clone(),
                id: spec.id.clone(),
                message,
            };
            let category = Category::parse(&spec.category).ok_or_else(|| {
                err(format!(
                    "unknown category `{}` (one of: {})",
                    spec.category,
                    Category::ALL.map(|c| c.as_str()).join(", ")
                ))
            })?;
            if !spec.weight.is_finite() || spec.weight < 0.0 {
                return Err(err("weight must be a number >= 0".into()));
            }
            let idx = rules.len();
            let text_patterns = spec
                .text
                .clone()
                .map(OneOrMany::into_vec)
                .unwrap_or_default();
            let heading_patterns = spec
                .heading
                .clone()
                .map(OneOrMany::into_vec)
                .unwrap_or_default();
            for p in &text_patterns {
                let re = build_regex(p).map_err(|e| err(format!("bad text regex: {e}")))?;
                patterns.push((idx, re));
                text_pats.push(p.clone());
                text_owner.push(idx);
            }
            for p in &heading_patterns {
                let re = build_regex(p).map_err(|e| err(format!("bad heading regex: {e}")))?;
                patterns.push((idx, re));
                heading_pats.push(p.clone());
                heading_owner.push(idx);
            }
            let class: Vec<String> = spec
                .class
                .clone()
                .map(OneOrMany::into_vec)
                .unwrap_or_default()
                .into_iter()
                .map(|c| c.to_ascii_lowercase().replace('_', "-"))
                .collect();
            let tag: Vec<String> = spec
                .tag
                .clone()
                .map(OneOrMany::into_vec)
                .unwrap_or_default()
                .into_iter()
                .map(|t| t.to_ascii_lowercase())
                .collect();
            if text_patterns.is_empty()
                && heading_patterns.is_empty()
                && class.is_empty()
                && tag.is_empty()
            {
                return Err(err(
                    "a rule needs at least one of text, heading, class, tag".into(),
                ));
            }
            rules.push(Rule {
                id: spec.id.clone(),
                category,
                weight: spec.weight,
                text: (!text_patterns.is_empty()).then_some(idx),
                heading: (!heading_patterns.is_empty()).then_some(idx),
                class,
                tag,
                max_words: spec.max_words,
                min_words: spec.min_words,
                min_link_density: spec.min_link_density,
                max_link_density: spec.max_link_density,
                description: spec.description.clone(),
                text_patterns,
                heading_patterns,
            });
        }
        let set = |pats: &[String]| {
            RegexSetBuilder::new(pats)
                .size_limit(REGEX_SIZE_LIMIT * 16)
                .dfa_size_limit(REGEX_DFA_LIMIT * 8)
                .build()
                .map_err(|e| RuleError::Parse {
                    origin: "rules".into(),
                    message: format!("rule set too large: {e}"),
                })
        };
        let structural = rules
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.class.is_empty() || !r.tag.is_empty())
            .map(|(i, _)| i)
            .collect();
        Ok(RuleSet {
            text_set: set(&text_pats)?,
            heading_set: set(&heading_pats)?,
            rules,
            text_owner,
            heading_owner,
            structural,
            patterns,
        })
    }
}

impl RuleSet {
    pub fn builtin() -> RuleSet {
        RuleSetBuilder::new()
            .with_builtin()
            .build()
            .expect("the built-in rule file compiles")
    }

    /// Rules whose text pattern matches (deduplicated, in rule order).
    pub fn text_matches(&self, text: &str) -> Vec<usize> {
        owners(self.text_set.matches(text).iter(), &self.text_owner)
    }

    pub fn heading_matches(&self, text: &str) -> Vec<usize> {
        owners(self.heading_set.matches(text).iter(), &self.heading_owner)
    }

    pub fn structural(&self) -> &[usize] {
        &self.structural
    }

    /// Patterns of one rule, for tools that show what a rule hits.
    pub fn patterns_of(&self, rule: usize) -> impl Iterator<Item = &Regex> {
        self.patterns
            .iter()
            .filter(move |(r, _)| *r == rule)
            .map(|(_, re)| re)
    }
}

fn owners(hits: impl Iterator<Item = usize>, owner: &[usize]) -> Vec<usize> {
    let mut v: Vec<usize> = hits.map(|i| owner[i]).collect();
    v.dedup();
    v
}

/// Whether a class/id token carries `pattern` as one of its dash-separated
/// parts (`share` matches `share`, `post-share`, `share_bar`, not `shared`).
pub fn token_matches(token: &str, pattern: &str) -> bool {
    if token.len() < pattern.len() {
        return false;
    }
    let t = token.as_bytes();
    let p = pattern.as_bytes();
    let mut start = 0;
    while let Some(pos) = find_from(t, p, start) {
        let before_ok = pos == 0 || matches!(t[pos - 1], b'-' | b'_');
        let end = pos + p.len();
        let after_ok = end == t.len() || matches!(t[end], b'-' | b'_');
        if before_ok && after_ok {
            return true;
        }
        start = pos + 1;
    }
    false
}

fn find_from(hay: &[u8], needle: &[u8], start: usize) -> Option<usize> {
    if needle.is_empty() || start >= hay.len() {
        return None;
    }
    memchr::memmem::find(&hay[start..], needle).map(|p| p + start)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn token_parts() {
        assert!(token_matches("share", "share"));
        assert!(token_matches("post-share-bar", "share"));
        assert!(token_matches("share_bar", "share"));
        assert!(!token_matches("shared", "share"));
        assert!(!token_matches("timeshare", "share"));
        assert!(token_matches("author-bio", "author-bio"));
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
        b.add_source(
            "[[rule]]\nid = \"x\"\ncategory = \"junk\"\ntext = \"a\"\n",
            "f.toml",
        )
        .unwrap();
        let err = b.build().unwrap_err().to_string();
        assert!(err.contains("unknown category `junk`"), "{err}");
    }
}
