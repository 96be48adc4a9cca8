//! `unboil [FILE...]`: the cleaning run.

use anyhow::{Context, Result, bail};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::time::Instant;

use unboil::Cleaner;
use unboil::engine::{self, EngineOptions};
use unboil::read::{FieldMap, InputFormat, Inputs, ReadOptions};
use unboil::write::report::ReportBuilder;
use unboil::write::{Emitter, OutputFormat, WriteOptions};

use super::args::{CleanArgs, InputArgs};
use super::rules::load_rules;

pub fn read_options(a: &InputArgs) -> Result<ReadOptions> {
    let glob = if a.glob.is_empty() {
        None
    } else {
        let mut b = globset::GlobSetBuilder::new();
        for g in &a.glob {
            b.add(globset::Glob::new(g).with_context(|| format!("bad --glob `{g}`"))?);
        }
        Some(b.build()?)
    };
    Ok(ReadOptions {
        format: a.input_format,
        fields: FieldMap {
            id: a.id_field.clone(),
            url: a.url_field.clone(),
            html: a.html_field.clone(),
            text: a.text_field.clone(),
        },
        glob,
        max_doc_bytes: a.max_doc_bytes,
        max_line_bytes: a.max_line_bytes,
        ..ReadOptions::default()
    })
}

/// Paths named outright must exist: a typo is a usage error, not a record.
fn check_inputs(inputs: &[String]) -> Result<()> {
    for i in inputs {
        if i == "-" {
            continue;
        }
        let m = std::fs::metadata(i).with_context(|| format!("{i}: cannot read"))?;
        if m.is_file() {
            File::open(i).with_context(|| format!("{i}: cannot open"))?;
        }
    }
    Ok(())
}

fn create(path: &std::path::Path) -> Result<Box<dyn Write>> {
    let f = File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
    Ok(Box::new(BufWriter::with_capacity(1 << 16, f)))
}

pub fn run(args: CleanArgs) -> Result<()> {
    check_inputs(&args.inputs)?;
    let rules = load_rules(&args.rules)?;
    let cleaner = Cleaner::new(rules)
        .with_default_url(args.url.clone())
        .with_max_depth(args.input.max_depth);
    let read = read_options(&args.input)?;
    let single_file = args.inputs.len() == 1
        && args.inputs[0] != "-"
        && std::path::Path::new(&args.inputs[0]).is_file()
        && !matches!(read.format, InputFormat::Jsonl | InputFormat::Warc)
        && !matches!(
            unboil::read::open::format_by_extension(std::path::Path::new(&args.inputs[0])),
            Some(InputFormat::Jsonl | InputFormat::Warc)
        );
    if args.format == OutputFormat::Json && !single_file && args.out_dir.is_none() {
        // Many documents as JSON: one object per line is the only sane way.
        eprintln!("unboil: note: several documents, writing one JSON object per line");
    }
    let out: Box<dyn Write> = match &args.output {
        Some(p) => create(p)?,
        None => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    };
    let audit = match &args.audit {
        Some(p) => Some(create(p)?),
        None => None,
    };
    let opts = WriteOptions {
        format: args.format,
        title: !args.no_title,
        headers: !single_file,
        out_dir: args.out_dir.clone(),
    };
    let mut report = match &args.report {
        Some(p) => {
            let cannot = || format!("{}: cannot create", p.display());
            let f = File::create(p).with_context(cannot)?;
            Some(ReportBuilder::new(BufWriter::with_capacity(1 << 16, f)).with_context(cannot)?)
        }
        None => None,
    };
    let mut emitter = Emitter::new(opts, out, audit, Box::new(io::stderr()))
        .context("cannot set up the output")?;
    let inputs = Inputs::new(&args.inputs, read);
    let counters = inputs.counters();
    let progress = super::progress::Progress::new(
        !args.quiet && io::stderr().is_terminal(),
        &args.inputs,
        counters.clone(),
    );
    let started = Instant::now();
    let engine = EngineOptions {
        threads: args.threads,
        ..EngineOptions::default()
    };
    // Each result becomes output bytes on the worker that cleaned it; this
    // thread only writes them, in input order.
    let render = emitter.render(report.is_some());
    let result = engine::run_prepared(
        inputs,
        &cleaner,
        &engine,
        |p| render.prepare(p),
        |mut p| {
            progress.tick();
            if let (Some(r), Some(whole)) = (&mut report, p.processed.take()) {
                r.add(&whole)?;
            }
            emitter.emit_prepared(p)
        },
    );
    progress.finish();
    // The compiled rules (and their per-thread regex caches) are many
    // small allocations: freeing them one by one at exit is work on the
    // one thread nothing else runs on any more; the OS takes them at once.
    std::mem::forget(cleaner);
    // A closed output (`| head`) ends the run quietly, but the report and
    // the stats still get what was cleaned until then.
    let stopped_early = match result.and_then(|_| emitter.finish()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => true,
        Err(e) => bail!("cannot write output: {e}"),
        Ok(()) => false,
    };
    let mut summary = emitter.summary.clone();
    summary.seconds = started.elapsed().as_secs_f64();
    summary.skipped = counters.skipped.load(std::sync::atomic::Ordering::Relaxed);
    if let (Some(r), Some(p)) = (report, &args.report) {
        if stopped_early {
            r.finish_early(&summary)
        } else {
            r.finish(&summary)
        }
        .with_context(|| format!("{}: cannot write the report", p.display()))?;
    }
    if let Some(p) = &args.stats {
        std::fs::write(p, serde_json::to_string_pretty(&summary.to_json())? + "\n")
            .with_context(|| format!("{}: cannot write", p.display()))?;
    }
    if !args.quiet && !single_file && !stopped_early {
        summary.print(&mut io::stderr())?;
    }
    Ok(())
}
