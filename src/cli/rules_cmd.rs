//! `unboil rules list|check|test`: see what the rules are, validate a rule
//! file, and see what a rule file does to a page.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;
use std::io::{self, Write};
use std::path::PathBuf;

use unboil::classify::site::Action;
use unboil::classify::{self, RuleSet, RuleSetBuilder, evidence, region, sections};
use unboil::read::{Inputs, ReadOptions};
use unboil::{Cleaner, Document};

use super::args::RuleArgs;
use super::rules::load_rules;

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub command: RulesCommand,
}

#[derive(Subcommand, Debug)]
pub enum RulesCommand {
    /// List the rules: the built-in ones, then those of any --rules files
    /// (id, category, weight, what it matches; cut to fit a line, in full
    /// with --format json).
    List {
        #[command(flatten)]
        rules: RuleArgs,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Validate rule files, loaded in order after the built-in rules as
    /// `--rules` would; prints what each adds. Exits 2 naming file, line,
    /// column and problem when one is bad.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Show which blocks of PAGE each rule of FILE hits, and what became of
    /// them. PAGE is HTML, text, JSONL or WARC, as for cleaning.
    Test {
        /// The rule file.
        file: PathBuf,
        /// The page (or JSONL/WARC of pages).
        page: PathBuf,
        /// URL of the page, for `[[site]]` rules, when the input carries none.
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// Also show the built-in rules' hits.
        #[arg(long)]
        all: bool,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Json,
}

pub fn run(args: RulesArgs) -> Result<()> {
    let mut out = io::stdout().lock();
    let r = match args.command {
        RulesCommand::List { rules, format } => list(&load_rules(&rules)?, format, &mut out),
        RulesCommand::Check { files } => check(&files, &mut out),
        RulesCommand::Test {
            file,
            page,
            url,
            all,
        } => test(&file, &page, url, all, &mut out),
    };
    match r {
        Err(e)
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            Ok(())
        }
        r => r,
    }
}

fn list(set: &RuleSet, format: ListFormat, out: &mut dyn Write) -> Result<()> {
    match format {
        ListFormat::Json => {
            let mut items: Vec<serde_json::Value> = set
                .rules
                .iter()
                .map(|r| {
                    json!({
                        "id": r.id,
                        "kind": "rule",
                        "category": r.category.as_str(),
                        "weight": r.weight,
                        "marks": r.marks.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
                        "matches": r.summary(),
                        "description": r.description,
                        "origin": r.origin,
                    })
                })
                .collect();
            items.extend(set.sites.rules.iter().map(|s| {
                json!({
                    "id": s.id,
                    "kind": "site",
                    "category": match s.action {
                        Action::Keep => None,
                        Action::Remove(c) => Some(c.as_str()),
                    },
                    "keep": s.action == Action::Keep,
                    "matches": s.summary(),
                    "description": s.description,
                    "origin": s.origin,
                })
            }));
            serde_json::to_writer_pretty(&mut *out, &items)?;
            writeln!(out)?;
        }
        ListFormat::Text => {
            let w = set
                .rules
                .iter()
                .map(|r| r.id.len())
                .chain(set.sites.rules.iter().map(|s| s.id.len()))
                .max()
                .unwrap_or(0);
            writeln!(
                out,
                "{:w$}  {:13}  {:>6}  MATCHES",
                "ID", "CATEGORY", "WEIGHT"
            )?;
            for r in &set.rules {
                writeln!(
                    out,
                    "{:w$}  {:13}  {:>6}  {}",
                    r.id,
                    r.category.as_str(),
                    r.weight,
                    cut(&r.summary(), 110)
                )?;
            }
            for s in &set.sites.rules {
                writeln!(
                    out,
                    "{:w$}  {:13}  {:>6}  {}",
                    s.id,
                    s.action_name(),
                    "site",
                    cut(&s.summary(), 110)
                )?;
            }
        }
    }
    Ok(())
}

fn read(f: &std::path::Path) -> Result<String> {
    std::fs::read_to_string(f).with_context(|| format!("{}: cannot read rule file", f.display()))
}

fn check(files: &[PathBuf], out: &mut dyn Write) -> Result<()> {
    let mut b = RuleSetBuilder::new().with_builtin();
    let mut lines = Vec::new();
    for f in files {
        let name = f.display().to_string();
        let s = b.add_source(&read(f)?, &name)?;
        lines.push(format!(
            "{name}: ok: {} rules, {} site rules, {} disabled, {} reweighted",
            s.rules, s.sites, s.disabled, s.reweighted
        ));
    }
    // The set as a whole must compile too.
    b.build()?;
    for l in lines {
        writeln!(out, "{l}")?;
    }
    Ok(())
}

fn blocks(n: usize) -> String {
    if n == 1 {
        "1 block".into()
    } else {
        format!("{n} blocks")
    }
}

/// The start of a long line, to fit a terminal.
fn snippet(s: &str) -> String {
    cut(s, 90)
}

fn cut(s: &str, n: usize) -> String {
    let mut t: String = s.chars().take(n).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    t
}

fn test(
    file: &std::path::Path,
    page_path: &std::path::Path,
    url: Option<String>,
    all: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let name = file.display().to_string();
    let mut b = RuleSetBuilder::new().with_builtin();
    b.add_source(&read(file)?, &name)?;
    let set = b.build()?;
    let prefix = format!("{name}:");
    let mine = |origin: &str| all || origin.starts_with(&prefix);
    let cleaner = Cleaner::new(set).with_default_url(url.clone());
    let set = cleaner.rules();
    let page_name = page_path.display().to_string();
    if !page_path.is_file() {
        bail!("{page_name}: cannot read: not a file");
    }
    let mut docs = 0;
    for item in Inputs::new(std::slice::from_ref(&page_name), ReadOptions::default()) {
        // A file is read (a gzipped one inflated, a JSONL line parsed)
        // here, as a worker would.
        let doc: Document = item
            .and_then(Document::loaded)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        docs += 1;
        let doc_url = doc.url.clone().or(url.clone());
        let site = set.sites.for_url(doc_url.as_deref());
        let (page, _, marks) = cleaner
            .segment_marked(&doc, site.selectors())
            .map_err(|e| anyhow::anyhow!("{page_name}: {e}"))?;
        let hits = site.hits(&page, &marks);
        let decisions = classify::classify_with(&page, set, hits.as_ref());
        let (text_hits, heading_hits) = evidence::rule_hits(&page, set);
        let junk = evidence::removed_by_text(set, &text_hits);
        let el_hits = evidence::element_hits(&page, set);
        let reg = region::find(&page, &junk, &region::element_marks(set, &el_hits));
        let mut ev = evidence::collect_with(&page, set, &reg, text_hits, heading_hits, &el_hits);
        if let Some(h) = &hits {
            h.mask(&mut ev);
        }
        let claims = sections::claims(&page, set, &ev, &reg);

        let label = doc.id.as_deref().unwrap_or(&page_name);
        write!(out, "{label}: {} blocks", page.blocks.len())?;
        match doc_url.as_deref().and_then(classify::site::host_of) {
            Some(h) => writeln!(out, ", host {h}")?,
            None => writeln!(out, ", no URL (site rules need --url)")?,
        }
        let outcome = |i: usize| {
            let d = &decisions[i];
            match d.removed {
                Some(c) => format!("removed {c} by {}", d.rule),
                None => format!("kept by {}", d.rule),
            }
        };
        let show = |out: &mut dyn Write, i: usize, how: &str| -> io::Result<()> {
            writeln!(
                out,
                "    #{i:<4} {how:8} {:40}  {}",
                outcome(i),
                snippet(&page.blocks[i].text)
            )
        };
        let mut silent = Vec::new();
        for (r, rule) in set.rules.iter().enumerate() {
            if !mine(&rule.origin) {
                continue;
            }
            let mut hit: Vec<(usize, &str)> = Vec::new();
            for i in 0..page.blocks.len() {
                if ev[i].headings.contains(&r) && claims[i].as_ref().is_some_and(|c| c.opener == i)
                {
                    hit.push((i, "heading"));
                } else if ev[i].rules.contains(&r) {
                    hit.push((i, "match"));
                } else if claims[i].as_ref().is_some_and(|c| c.rule == r) {
                    hit.push((i, "section"));
                }
            }
            if hit.is_empty() {
                silent.push(rule.id.as_str());
                continue;
            }
            writeln!(
                out,
                "  {} ({}, weight {}): {}",
                rule.id,
                rule.category,
                rule.weight,
                blocks(hit.len())
            )?;
            for (i, how) in hit {
                show(out, i, how)?;
            }
        }
        let site_hits = site.rule_hits(&page, &marks);
        for (n, &r) in site.rules.iter().enumerate() {
            let rule = &set.sites.rules[r];
            if !mine(&rule.origin) {
                continue;
            }
            if site_hits[n].is_empty() {
                silent.push(rule.id.as_str());
                continue;
            }
            writeln!(
                out,
                "  {} (site, {}): {}",
                rule.id,
                rule.action_name(),
                blocks(site_hits[n].len())
            )?;
            for &i in &site_hits[n] {
                show(out, i, "site")?;
            }
        }
        for rule in &set.sites.rules {
            if mine(&rule.origin) && !site.rules.iter().any(|&r| set.sites.rules[r].id == rule.id) {
                writeln!(
                    out,
                    "  {} (site): not for this page's host ({})",
                    rule.id,
                    rule.hosts
                        .iter()
                        .map(|h| h.to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                )?;
            }
        }
        if !silent.is_empty() {
            writeln!(out, "  no hits: {}", silent.join(", "))?;
        }
    }
    if docs == 0 {
        bail!("{page_name}: no document in it");
    }
    Ok(())
}
