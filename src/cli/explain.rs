//! `unboil explain FILE`: every block of one document in page order, kept
//! or removed, and why.

use anstyle::{AnsiColor, Style};
use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use std::io::{self, Write};

use unboil::Cleaner;
use unboil::classify::{Category, Decision};
use unboil::engine;
use unboil::read::Inputs;
use unboil::segment::{Block, Page};
use unboil::write::record::block_path;

use super::args::{InputArgs, RuleArgs};
use super::clean::read_options;
use super::rules::load_rules;

/// Show how unboil decided every block of one page: kept or removed, the
/// category, the rule, the score and the features behind it.
#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The page: an HTML or text file, `-` for stdin, or a JSONL or WARC
    /// file (the first record, or the one --id names).
    #[arg(value_name = "FILE")]
    pub file: String,

    /// With JSONL or WARC input: the record with this id or URL.
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// Only the removed or only the kept blocks.
    #[arg(long, value_enum)]
    pub only: Option<Only>,

    /// Only the blocks removed as this category (repeatable).
    #[arg(long, value_name = "CATEGORY", value_parser = category_names())]
    pub category: Vec<String>,

    /// Print each block's whole text (by default it is cut at 160 characters).
    #[arg(long)]
    pub full: bool,

    /// Colours: on a terminal unless NO_COLOR is set (`auto`), or always, or never.
    #[arg(long, value_enum, default_value_t = Colour::Auto)]
    pub color: Colour,

    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Only {
    Removed,
    Kept,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Colour {
    Auto,
    Always,
    Never,
}

fn category_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(Category::ALL.map(Category::as_str))
}

/// Characters of block text shown without --full.
const SHORT_TEXT: usize = 160;

/// A terminal colour per category, so the same junk looks the same.
fn category_colour(c: Category) -> AnsiColor {
    match c {
        Category::Navigation => AnsiColor::Blue,
        Category::RelatedList => AnsiColor::Cyan,
        Category::SocialCta | Category::ShareButtons => AnsiColor::Magenta,
        Category::AuthorBio | Category::Comments => AnsiColor::Yellow,
        Category::Newsletter | Category::CookieNotice | Category::Legal => AnsiColor::BrightBlue,
        Category::Advertising | Category::Spam => AnsiColor::Red,
        Category::LowContent => AnsiColor::BrightBlack,
    }
}

/// Page text must not drive the terminal: control characters (an escape
/// sequence in a scraped page) are shown as U+FFFD.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                char::REPLACEMENT_CHARACTER
            } else {
                c
            }
        })
        .collect()
}

fn shorten(s: &str, full: bool) -> String {
    let one_line = s.replace(['\n', '\t'], " ");
    if full {
        return s.to_string();
    }
    match one_line.char_indices().nth(SHORT_TEXT) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}

fn wanted(args: &ExplainArgs, cats: &[Category], d: &Decision) -> bool {
    match args.only {
        Some(Only::Removed) if d.is_kept() => return false,
        Some(Only::Kept) if !d.is_kept() => return false,
        _ => {}
    }
    cats.is_empty() || d.removed.is_some_and(|c| cats.contains(&c))
}

fn features_line(b: &Block, d: &Decision) -> String {
    let f = &b.features;
    format!(
        "{} words  links {:.2}  stopwords {:.2}  {}  {} chars",
        f.words,
        f.link_density,
        f.stopword_ratio,
        if d.in_main { "in main" } else { "outside main" },
        f.chars
    )
}

fn print_block(
    w: &mut dyn Write,
    page: &Page,
    b: &Block,
    d: &Decision,
    full: bool,
) -> io::Result<()> {
    let dim = Style::new().dimmed();
    let (tag, tag_style, cat) = match d.removed {
        Some(c) => (
            "removed",
            Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
            Some(c),
        ),
        None => (
            "kept",
            Style::new().bold().fg_color(Some(AnsiColor::Green.into())),
            None,
        ),
    };
    let cat_text = cat.map_or("", |c| c.as_str());
    let cat_style = cat.map_or(Style::new(), |c| {
        Style::new().fg_color(Some(category_colour(c).into()))
    });
    writeln!(
        w,
        "{dim}#{:<4}{dim:#} {tag_style}{tag:<7}{tag_style:#} {cat_style}{cat_text:<13}{cat_style:#} {:<24} score {:>5.2}  {dim}{}{dim:#}",
        b.index,
        d.rule,
        d.score,
        features_line(b, d)
    )?;
    let path = block_path(page, b);
    if !path.is_empty() {
        writeln!(w, "      {dim}{}{dim:#}", printable(&path))?;
    }
    let text = printable(&shorten(&b.text, full));
    for line in text.lines() {
        if cat.is_some() {
            writeln!(w, "      {dim}{line}{dim:#}")?;
        } else {
            writeln!(w, "      {line}")?;
        }
    }
    Ok(())
}

pub fn run(args: ExplainArgs) -> Result<()> {
    if args.file != "-" {
        std::fs::metadata(&args.file).with_context(|| format!("{}: cannot read", args.file))?;
    }
    let cats: Vec<Category> = args
        .category
        .iter()
        .filter_map(|c| Category::parse(c))
        .collect();
    let cleaner = Cleaner::new(load_rules(&args.rules)?);
    // Read and parsed here, so that ids are known when one is picked.
    let mut items = Inputs::new(std::slice::from_ref(&args.file), read_options(&args.input)?)
        .map(|i| i.and_then(unboil::read::Document::loaded));
    let item = match &args.id {
        Some(id) => items
            .find(|i| match i {
                Ok(d) => d.id.as_deref() == Some(id) || d.url.as_deref() == Some(id),
                Err(e) => e.id.as_deref() == Some(id) || e.url.as_deref() == Some(id),
            })
            .with_context(|| format!("{}: no record with id or URL `{id}`", args.file))?,
        None => {
            let first = items
                .next()
                .with_context(|| format!("{}: no document in it", args.file))?;
            if items.next().is_some() {
                eprintln!(
                    "unboil: note: {} holds several documents; explaining the first (pick one with --id)",
                    args.file
                );
            }
            first
        }
    };
    let p = engine::process(&cleaner, item);
    let name = unboil::write::describe(&p.meta);
    let c = match p.outcome {
        Ok(c) => c,
        Err(msg) => bail!("{name}: {msg}"),
    };
    let choice = match args.color {
        Colour::Auto => anstream::ColorChoice::Auto,
        Colour::Always => anstream::ColorChoice::Always,
        Colour::Never => anstream::ColorChoice::Never,
    };
    let mut out = anstream::AutoStream::new(io::stdout().lock(), choice);
    match write_explanation(&mut out, &args, &cats, &name, &c.article) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        r => r.context("cannot write the explanation"),
    }
}

fn write_explanation(
    w: &mut dyn Write,
    args: &ExplainArgs,
    cats: &[Category],
    name: &str,
    a: &unboil::Article,
) -> io::Result<()> {
    let bold = Style::new().bold();
    let page = &a.page;
    let (mut kept, mut kept_chars, mut removed, mut removed_chars) = (0, 0u64, 0, 0u64);
    for (b, d) in page.blocks.iter().zip(&a.decisions) {
        if d.is_kept() {
            kept += 1;
            kept_chars += b.features.chars as u64;
        } else {
            removed += 1;
            removed_chars += b.features.chars as u64;
        }
    }
    writeln!(w, "{bold}{}{bold:#}", printable(name))?;
    if let Some(t) = &a.title {
        writeln!(w, "title: {}", printable(t))?;
    }
    writeln!(
        w,
        "{} blocks: {kept} kept ({kept_chars} chars), {removed} removed ({removed_chars} chars)\n",
        page.blocks.len()
    )?;
    let mut shown = 0;
    for (b, d) in page.blocks.iter().zip(&a.decisions) {
        if wanted(args, cats, d) {
            print_block(w, page, b, d, args.full)?;
            shown += 1;
        }
    }
    if shown == 0 {
        writeln!(w, "(no block matches the filters)")?;
    }
    let mut by_cat: Vec<(Category, u64, u64)> = Vec::new();
    for (b, d) in page.blocks.iter().zip(&a.decisions) {
        if let Some(c) = d.removed {
            match by_cat.iter_mut().find(|x| x.0 == c) {
                Some(x) => {
                    x.1 += 1;
                    x.2 += b.features.chars as u64;
                }
                None => by_cat.push((c, 1, b.features.chars as u64)),
            }
        }
    }
    if !by_cat.is_empty() {
        by_cat.sort_by_key(|x| std::cmp::Reverse(x.2));
        writeln!(w, "\n{bold}removed by category{bold:#}")?;
        for (c, n, chars) in by_cat {
            let s = Style::new().fg_color(Some(category_colour(c).into()));
            writeln!(
                w,
                "  {s}{:<14}{s:#} {n:>5} blocks {chars:>8} chars",
                c.as_str()
            )?;
        }
    }
    Ok(())
}
