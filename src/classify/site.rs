//! Per-site rules: `[[site]]` sections of a rule file, applied to the pages
//! whose URL host they name. They remove blocks outright (by CSS selector on
//! HTML, by regex over a block's text on either input) or keep them whatever
//! the other rules and heuristics say.
//!
//! Hosts: `example.org` matches that host only; `*.example.org` and
//! `.example.org` match `example.org` and every host under it
//! (`www.example.org`, `news.example.org`). Case, a port and a trailing dot
//! are ignored.
//!
//! Precedence on one block: a site `remove` beats a site `keep`, which beats
//! every `[[rule]]` and heuristic. A kept block also matches no `[[rule]]`,
//! so a kept heading opens no section.

use regex::Regex;
use scraper::Selector;
use std::ops::Range;
use toml::Spanned;

use super::Decision;
use super::category::Category;
use super::evidence::Evidence;
use super::rules::{MAX_PATTERN_LEN, RuleError, SiteSpec, build_regex, short, spanned};
use crate::segment::Page;

/// What a site rule does to the blocks it hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Remove(Category),
    Keep,
}

/// A host pattern: the host itself, or the host and everything under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPattern {
    Exact(String),
    Suffix(String),
}

impl HostPattern {
    pub fn parse(s: &str) -> Result<HostPattern, String> {
        let h = s.trim().trim_end_matches('.').to_ascii_lowercase();
        let (suffix, name) = match h.strip_prefix("*.").or_else(|| h.strip_prefix('.')) {
            Some(rest) => (true, rest.to_string()),
            None => (false, h.clone()),
        };
        let ok = !name.is_empty()
            && !name.starts_with('.')
            && !name.contains("..")
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !ok {
            return Err(format!(
                "host `{s}` is not a host name: write `example.org` (that host) or \
                 `*.example.org` (it and every host under it), with no scheme, port or path"
            ));
        }
        Ok(if suffix {
            HostPattern::Suffix(name)
        } else {
            HostPattern::Exact(name)
        })
    }

    pub fn matches(&self, host: &str) -> bool {
        match self {
            HostPattern::Exact(h) => host == h,
            HostPattern::Suffix(d) => {
                host == d
                    || (host.len() > d.len()
                        && host.ends_with(d.as_str())
                        && host.as_bytes()[host.len() - d.len() - 1] == b'.')
            }
        }
    }
}

impl std::fmt::Display for HostPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HostPattern::Exact(h) => f.write_str(h),
            HostPattern::Suffix(d) => write!(f, "*.{d}"),
        }
    }
}

/// The host of a URL, lower-cased, without port or trailing dot. A bare
/// `example.org/path` counts as a URL too (for `--url`).
pub fn host_of(url: &str) -> Option<String> {
    let s = url.trim();
    let rest = match s.find("://") {
        Some(i) => &s[i + 3..],
        None => s.strip_prefix("//").unwrap_or(s),
    };
    let authority = rest.split(['/', '?', '#']).next()?;
    let hostport = authority.rsplit('@').next()?;
    let host = match hostport.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => hostport.split(':').next()?,
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

#[derive(Debug, Clone)]
pub struct SiteRule {
    pub id: String,
    pub hosts: Vec<HostPattern>,
    pub action: Action,
    /// Any of these selects the block (HTML only).
    pub selectors: Vec<(String, Selector)>,
    /// Any of these matches the block's text.
    pub text: Vec<Regex>,
    pub text_patterns: Vec<String>,
    pub description: Option<String>,
    /// `file:line:col` of the rule's id.
    pub origin: String,
}

fn selector_error(e: &scraper::error::SelectorErrorKind) -> String {
    use scraper::error::SelectorErrorKind as K;
    match e {
        // `ClassNeedsIdent` -> `class needs ident`
        K::UnexpectedSelectorParseError(k) => {
            let name = format!("{k:?}");
            let name = name.split('(').next().unwrap_or("");
            let mut out = String::new();
            for c in name.chars() {
                if c.is_uppercase() && !out.is_empty() {
                    out.push(' ');
                }
                out.extend(c.to_lowercase());
            }
            out
        }
        k => k.to_string(),
    }
}

impl SiteRule {
    pub(crate) fn compile(
        spec: &Spanned<SiteSpec>,
        pos: &dyn Fn(&Range<usize>) -> String,
    ) -> Result<SiteRule, RuleError> {
        let s = spec.get_ref();
        let id = s.id.get_ref().clone();
        let err = |span: Range<usize>, message: String| RuleError::Site {
            origin: pos(&span),
            id: id.clone(),
            message,
        };
        let hosts_written = spanned(&s.host);
        if hosts_written.is_empty() {
            return Err(err(
                s.id.span(),
                "a site rule needs `host` (e.g. host = \"example.org\" or \"*.example.org\")"
                    .into(),
            ));
        }
        let mut hosts = Vec::new();
        for (span, h) in hosts_written {
            hosts.push(HostPattern::parse(&h).map_err(|m| err(span, m))?);
        }
        let keep = s.keep.as_ref().is_some_and(|k| *k.get_ref());
        let action = match (&s.category, keep) {
            (Some(c), true) => {
                return Err(err(
                    c.span(),
                    "a rule with keep = true keeps blocks and has no category".into(),
                ));
            }
            (Some(c), false) => Action::Remove(Category::parse(c.get_ref()).ok_or_else(|| {
                err(
                    c.span(),
                    format!(
                        "unknown category `{}` (one of: {})",
                        c.get_ref(),
                        Category::ALL.map(|c| c.as_str()).join(", ")
                    ),
                )
            })?),
            (None, true) => Action::Keep,
            (None, false) => {
                return Err(err(
                    s.id.span(),
                    "a site rule needs a `category` for what it removes, or keep = true".into(),
                ));
            }
        };
        let mut selectors = Vec::new();
        for (span, sel) in spanned(&s.selector) {
            if sel.len() > MAX_PATTERN_LEN {
                return Err(err(
                    span,
                    format!(
                        "selector is {} bytes long, the limit is {MAX_PATTERN_LEN}",
                        sel.len()
                    ),
                ));
            }
            let parsed = Selector::parse(&sel).map_err(|e| {
                err(
                    span,
                    format!("bad selector `{}`: {}", short(&sel), selector_error(&e)),
                )
            })?;
            selectors.push((sel, parsed));
        }
        let mut text = Vec::new();
        let mut text_patterns = Vec::new();
        for (span, p) in spanned(&s.text) {
            text.push(build_regex(&p).map_err(|e| err(span, format!("bad text regex: {e}")))?);
            text_patterns.push(p);
        }
        if selectors.is_empty() && text.is_empty() {
            return Err(err(
                s.id.span(),
                "a site rule needs at least one of selector, text".into(),
            ));
        }
        Ok(SiteRule {
            id,
            hosts,
            action,
            selectors,
            text,
            text_patterns,
            description: s.description.clone(),
            origin: pos(&s.id.span()),
        })
    }

    pub fn applies_to(&self, host: &str) -> bool {
        self.hosts.iter().any(|h| h.matches(host))
    }

    /// What the rule matches, in one line.
    pub fn summary(&self) -> String {
        let hosts: Vec<String> = self.hosts.iter().map(|h| h.to_string()).collect();
        let mut parts = vec![format!("host {}", hosts.join(","))];
        if !self.selectors.is_empty() {
            let s: Vec<&str> = self.selectors.iter().map(|(s, _)| s.as_str()).collect();
            parts.push(format!("selector {}", s.join(" , ")));
        }
        if !self.text_patterns.is_empty() {
            parts.push(format!("text {}", self.text_patterns.join(" | ")));
        }
        parts.join("; ")
    }

    /// `keep` or the category removed.
    pub fn action_name(&self) -> &'static str {
        match self.action {
            Action::Keep => "keep",
            Action::Remove(c) => c.as_str(),
        }
    }
}

/// All site rules of a rule set.
#[derive(Debug, Clone, Default)]
pub struct SiteRules {
    pub rules: Vec<SiteRule>,
}

impl SiteRules {
    pub fn new(rules: Vec<SiteRule>) -> SiteRules {
        SiteRules { rules }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules for the page at `url` (none when there is no URL).
    pub fn for_url(&self, url: Option<&str>) -> Active<'_> {
        let host = if self.rules.is_empty() {
            None
        } else {
            url.and_then(host_of)
        };
        let rules: Vec<usize> = match &host {
            Some(h) => (0..self.rules.len())
                .filter(|&i| self.rules[i].applies_to(h))
                .collect(),
            None => Vec::new(),
        };
        let mut selectors = Vec::new();
        let mut sel_owner = Vec::new();
        for &r in &rules {
            for (_, s) in &self.rules[r].selectors {
                selectors.push(s.clone());
                sel_owner.push(r);
            }
        }
        Active {
            sites: self,
            rules,
            selectors,
            sel_owner,
        }
    }
}

/// The site rules that apply to one page.
pub struct Active<'a> {
    pub sites: &'a SiteRules,
    /// Indexes into `sites.rules`, in file order.
    pub rules: Vec<usize>,
    selectors: Vec<Selector>,
    /// Selector index -> rule index.
    sel_owner: Vec<usize>,
}

impl Active<'_> {
    /// The selectors segmentation must mark blocks with (see
    /// `segment::html::segment_with_marks`).
    pub fn selectors(&self) -> &[Selector] {
        &self.selectors
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// For each active rule, the blocks it hits. `marks[b]` lists the
    /// selectors (indexes into `selectors()`) whose elements hold block b.
    pub fn rule_hits(&self, page: &Page, marks: &[Vec<usize>]) -> Vec<Vec<usize>> {
        self.rules
            .iter()
            .map(|&r| {
                let rule = &self.sites.rules[r];
                page.blocks
                    .iter()
                    .enumerate()
                    .filter(|(i, b)| {
                        let by_selector = rule.selectors.is_empty()
                            || marks
                                .get(*i)
                                .is_some_and(|m| m.iter().any(|&k| self.sel_owner[k] == r));
                        by_selector
                            && (rule.text.is_empty()
                                || rule.text.iter().any(|re| re.is_match(&b.text)))
                    })
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect()
    }

    /// What the site rules decide for each block; `None` when no site rule
    /// applies to the page.
    pub fn hits(&self, page: &Page, marks: &[Vec<usize>]) -> Option<Hits<'_>> {
        if self.rules.is_empty() {
            return None;
        }
        let mut keep = vec![None; page.blocks.len()];
        let mut remove = vec![None; page.blocks.len()];
        for (n, blocks) in self.rule_hits(page, marks).into_iter().enumerate() {
            let r = self.rules[n];
            let slot = match self.sites.rules[r].action {
                Action::Keep => &mut keep,
                Action::Remove(_) => &mut remove,
            };
            for b in blocks {
                slot[b].get_or_insert(r);
            }
        }
        Some(Hits {
            sites: self.sites,
            keep,
            remove,
        })
    }
}

/// Per block, the first keep and the first remove site rule that hit it.
pub struct Hits<'a> {
    sites: &'a SiteRules,
    pub keep: Vec<Option<usize>>,
    pub remove: Vec<Option<usize>>,
}

impl Hits<'_> {
    /// A kept block matches no rule: it adds no score and opens no section.
    pub fn mask(&self, evidence: &mut [Evidence]) {
        for (ev, k) in evidence.iter_mut().zip(&self.keep) {
            if k.is_some() {
                ev.rules.clear();
                ev.headings.clear();
            }
        }
    }

    /// Overrule the other decisions: remove beats keep beats the rest.
    pub fn apply(&self, out: &mut [Decision]) {
        for (i, d) in out.iter_mut().enumerate() {
            if let Some(r) = self.remove.get(i).copied().flatten() {
                let rule = &self.sites.rules[r];
                if let Action::Remove(c) = rule.action {
                    d.removed = Some(c);
                    d.rule = rule.id.clone().into();
                    d.score = d.score.max(1.0);
                }
            } else if let Some(r) = self.keep.get(i).copied().flatten() {
                d.removed = None;
                d.rule = self.sites.rules[r].id.clone().into();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_urls() {
        assert_eq!(
            host_of("https://User@News.Example.ORG.:8080/a?b#c").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(host_of("example.org/x").as_deref(), Some("example.org"));
        assert_eq!(host_of("http://[::1]:80/").as_deref(), Some("::1"));
        assert_eq!(host_of(""), None);
        assert_eq!(host_of("https:///path"), None);
    }

    #[test]
    fn exact_and_suffix_hosts() {
        let exact = HostPattern::parse("Example.org").unwrap();
        assert!(exact.matches("example.org"));
        assert!(!exact.matches("www.example.org"));
        for w in ["*.example.org", ".example.org"] {
            let suffix = HostPattern::parse(w).unwrap();
            assert!(suffix.matches("example.org"));
            assert!(suffix.matches("a.b.example.org"));
            assert!(!suffix.matches("badexample.org"));
            assert!(!suffix.matches("example.org.evil.net"));
        }
        for bad in [
            "",
            "*.",
            "https://example.org",
            "example.org/x",
            "ex ample.org",
            "a*.b",
        ] {
            assert!(HostPattern::parse(bad).is_err(), "{bad}");
        }
    }
}
