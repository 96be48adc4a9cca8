//! `unboil eval`: score output against gold, for our work and for users
//! with gold data of their own.

use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::Path;

use unboil::Cleaner;
use unboil::engine::{self, EngineOptions};
use unboil::eval::{self, KeptBlock, Metric, Prediction, RemovedBlock};
use unboil::read::{InputFormat, Inputs, ReadOptions};

use super::args::EvalArgs;
use super::rules::load_rules;

/// Clean a benchmark folder's pages and turn them into predictions.
fn clean_bench(dir: &Path, text: bool, args: &EvalArgs) -> Result<Vec<Prediction>> {
    let cleaner = Cleaner::new(load_rules(&args.rules)?);
    let (inputs, format) = if text {
        (dir.join("text.jsonl"), InputFormat::Jsonl)
    } else {
        (dir.join("html"), InputFormat::Html)
    };
    if !inputs.exists() {
        bail!("{}: not found", inputs.display());
    }
    let opts = ReadOptions {
        format,
        ..ReadOptions::default()
    };
    let items = Inputs::new(&[inputs.display().to_string()], opts);
    let mut preds = Vec::new();
    let engine = EngineOptions {
        threads: args.threads,
        ..EngineOptions::default()
    };
    engine::run(items, &cleaner, &engine, |p| -> Result<(), ()> {
        // File ids are paths: the page id is the file name before its dots.
        let id = p.meta.id.clone().unwrap_or_default();
        let id = if text {
            id
        } else {
            Path::new(&id)
                .file_name()
                .map(|n| {
                    n.to_string_lossy()
                        .split('.')
                        .next()
                        .unwrap_or("")
                        .to_string()
                })
                .unwrap_or(id)
        };
        let (text, removed, kept) = match &p.outcome {
            Ok(c) => {
                let a = &c.article;
                let kept = if args.leftover {
                    a.page
                        .blocks
                        .iter()
                        .zip(&a.decisions)
                        .filter(|(_, d)| d.is_kept())
                        .map(|(b, d)| KeptBlock {
                            rule: d.rule.to_string(),
                            context: block_context(&a.page, b, d),
                            text: b.text.to_string(),
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                let removed = a
                    .page
                    .blocks
                    .iter()
                    .zip(&a.decisions)
                    .filter_map(|(b, d)| {
                        d.removed.map(|cat| RemovedBlock {
                            category: cat.as_str().to_string(),
                            rule: d.rule.to_string(),
                            text: b.text.to_string(),
                        })
                    })
                    .collect();
                (a.text(), removed, kept)
            }
            Err(_) => (String::new(), Vec::new(), Vec::new()),
        };
        preds.push(Prediction {
            id,
            text,
            removed,
            kept,
        });
        Ok(())
    })
    .ok();
    Ok(preds)
}

/// Innermost elements holding a block (outermost first), its kind and
/// numbers: enough to see what kind of junk a kept block is.
fn block_context(
    page: &unboil::segment::Page,
    b: &unboil::segment::Block,
    d: &unboil::classify::Decision,
) -> String {
    let mut path: Vec<String> = page.ancestors(b).take(5).map(|e| e.selector()).collect();
    path.reverse();
    let f = &b.features;
    format!(
        "{} | {:?} words={} links={:.2} score={:.2}{}",
        path.join(" > "),
        b.kind,
        f.words,
        f.link_density,
        d.score,
        if d.in_main { " main" } else { "" }
    )
}

pub fn run(args: EvalArgs) -> Result<()> {
    let gold_path = match (&args.gold, &args.bench) {
        (Some(g), _) => g.clone(),
        (None, Some(b)) => b.join("gold.json"),
        (None, None) => bail!("give --gold FILE, or --bench DIR"),
    };
    let gold = eval::load_gold(&gold_path)?;
    let predictions = match (&args.bench, &args.pred) {
        (Some(dir), _) => clean_bench(dir, args.text, &args)?,
        (None, Some(p)) => {
            let mut preds = eval::load_predictions(p)?;
            if let Some(a) = &args.audit {
                attach_audit(&mut preds, a)?;
            }
            preds
        }
        (None, None) => bail!("give --pred FILE (cleaned JSONL) or --bench DIR"),
    };
    let metric = match args.metric.as_deref() {
        None => Metric::detect(&gold),
        Some("shingle") => Metric::Shingle,
        Some("word") => Metric::Word,
        Some(m) => bail!("unknown metric `{m}` (shingle or word)"),
    };
    let report = eval::evaluate(&gold, &predictions, metric);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    report.print(&mut out, args.worst)?;
    if args.leftover {
        eval::leftover::print_leftovers(
            &mut out,
            &eval::leftover::leftover_without(&gold, &predictions),
        )?;
    }
    out.flush()?;
    if let Some(j) = &args.json {
        std::fs::write(j, serde_json::to_string_pretty(&report.to_json())? + "\n")
            .with_context(|| format!("{}: cannot write", j.display()))?;
    }
    Ok(())
}

/// Join an `--audit` file's removed blocks onto predictions by id.
fn attach_audit(preds: &mut [Prediction], path: &Path) -> Result<()> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read audit", path.display()))?;
    let mut by_id = std::collections::HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: invalid JSON", path.display(), n + 1))?;
        let Some(id) = v["id"].as_str() else { continue };
        let removed: Vec<RemovedBlock> = v["removed"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|r| RemovedBlock {
                        category: r["category"].as_str().unwrap_or("").to_string(),
                        rule: r["rule"].as_str().unwrap_or("").to_string(),
                        text: r["text"].as_str().unwrap_or("").to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        by_id.insert(id.to_string(), removed);
    }
    for p in preds {
        if let Some(r) = by_id.remove(&p.id) {
            p.removed = r;
        }
    }
    Ok(())
}
