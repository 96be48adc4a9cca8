//! Command-line arguments.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

use unboil::read::InputFormat;
use unboil::write::OutputFormat;

/// Clean scraped web pages: HTML, or text whose HTML is gone, in; the
/// article body out, with an audit of what was removed and why.
///
/// Other commands: `unboil eval` (score against gold data), `unboil explain`
/// (every block of one page and its decision), `unboil rules` (list, check
/// and test rule files). Run `unboil <command> --help` for each.
#[derive(Parser, Debug)]
#[command(name = "unboil", version, max_term_width = 100)]
pub struct CleanArgs {
    /// Files, directories (searched recursively) or `-` for stdin.
    /// No input reads stdin.
    pub inputs: Vec<String>,

    #[command(flatten)]
    pub input: InputArgs,

    /// Output format. `json` is one object per document.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// Leave the title out of text and Markdown output.
    #[arg(long)]
    pub no_title: bool,

    /// Write output here instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write one file per document into DIR, named from its id.
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub out_dir: Option<PathBuf>,

    /// Write the audit (one JSON line per document: what was removed, why).
    #[arg(long, value_name = "FILE")]
    pub audit: Option<PathBuf>,

    /// Write an HTML report of the run: totals per category, and every
    /// document's blocks with what was removed and why (one offline file).
    #[arg(long, value_name = "FILE.html")]
    pub report: Option<PathBuf>,

    /// Write the run's summary as JSON.
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,

    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub rules: RuleArgs,

    /// URL of documents that carry none (files, stdin; JSONL and WARC
    /// records keep their own): `[[site]]` rules match on its host.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct RuleArgs {
    /// Add a rule file (TOML, same format as the built-in rules); repeatable.
    #[arg(long = "rules", value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// How to read the inputs: by extension and content (`auto`), or as given.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,

    /// Only files in directories whose path matches (repeatable), e.g. '*.html'.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,

    /// JSONL field with the record id. Records without it keep `"id": null`
    /// (e.g. a Scrapy feed export); `--id-field url` makes the URL the id.
    #[arg(long, default_value = "id")]
    pub id_field: String,

    /// JSONL field with the page URL.
    #[arg(long, default_value = "url")]
    pub url_field: String,

    /// JSONL field with the page HTML.
    #[arg(long, default_value = "html")]
    pub html_field: String,

    /// JSONL field with the page text.
    #[arg(long, default_value = "text")]
    pub text_field: String,

    /// Largest document in bytes (after decompression); larger ones are
    /// error records.
    #[arg(long, default_value_t = 32 << 20, value_name = "BYTES")]
    pub max_doc_bytes: usize,

    /// Longest JSONL line in bytes; longer ones are error records.
    #[arg(long, default_value_t = 64 << 20, value_name = "BYTES")]
    pub max_line_bytes: usize,

    /// Deepest HTML nesting kept; deeper start tags are dropped and their
    /// text kept, with a warning (deep trees make parsing very slow).
    #[arg(long, default_value_t = unboil::segment::depth::DEFAULT_MAX_DEPTH, value_name = "N")]
    pub max_depth: usize,
}

#[derive(Parser, Debug)]
#[command(name = "unboil", max_term_width = 100)]
pub struct ToolArgs {
    #[command(subcommand)]
    pub command: Tool,
}

#[derive(Subcommand, Debug)]
pub enum Tool {
    /// Score cleaned output against gold data (shingle F1 and word F1).
    Eval(EvalArgs),
    /// List the rules, check rule files, test a rule file on a page.
    Rules(super::rules_cmd::RulesArgs),
    /// Show every block of one page in order: kept or removed, and why.
    Explain(super::explain::ExplainArgs),
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Gold file: `{id: {"articleBody"|"main_content", ...}}`.
    #[arg(long, value_name = "FILE")]
    pub gold: Option<PathBuf>,

    /// Cleaned output to score: JSONL of `{"id","text"}` (unboil --format jsonl).
    #[arg(long, value_name = "FILE", conflicts_with = "bench")]
    pub pred: Option<PathBuf>,

    /// The audit of that output, for the error analysis.
    #[arg(long, value_name = "FILE")]
    pub audit: Option<PathBuf>,

    /// A benchmark folder (gold.json, html/, text.jsonl): clean its pages
    /// with unboil and score them.
    #[arg(long, value_name = "DIR")]
    pub bench: Option<PathBuf>,

    /// With --bench: clean the text form (text.jsonl) instead of the HTML.
    #[arg(long)]
    pub text: bool,

    /// `shingle` (4-word shingle F1) or `word` (bag-of-words F1); by default
    /// the one that suits the gold file.
    #[arg(long)]
    pub metric: Option<String>,

    /// Show the N worst pages with what was wrongly kept or removed.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub worst: usize,

    /// Write the figures as JSON.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,

    /// List every must-not-keep (`without`) snippet left in the output, with
    /// the kept block holding it and the rule that kept it (with --bench).
    #[arg(long)]
    pub leftover: bool,

    #[command(flatten)]
    pub rules: RuleArgs,

    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
}
