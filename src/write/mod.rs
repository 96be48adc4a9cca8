//! The write stage: text, Markdown, JSON or JSONL, to a stream or to one
//! file per document; the audit; the run's summary.

pub mod outdir;
pub mod record;
pub mod report;
pub mod summary;

use serde_json::Value;
use std::io::{self, Write};
use std::path::PathBuf;

use crate::engine::Processed;
use record::Meta;
pub use summary::Summary;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    #[default]
    Text,
    Markdown,
    Json,
    Jsonl,
}

impl OutputFormat {
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Text => "txt",
            OutputFormat::Markdown => "md",
            OutputFormat::Json => "json",
            OutputFormat::Jsonl => "jsonl",
        }
    }
}

#[derive(Debug, Clone)]
pub struct WriteOptions {
    pub format: OutputFormat,
    pub title: bool,
    /// Put a `==> id <==` line before each document in text output.
    pub headers: bool,
    pub out_dir: Option<PathBuf>,
}

/// Writes each processed document where it belongs, in the order given.
pub struct Emitter<'a> {
    pub opts: WriteOptions,
    pub out: Box<dyn Write + 'a>,
    pub audit: Option<Box<dyn Write + 'a>>,
    pub summary: Summary,
    /// Error messages for the terminal (text output has no error records).
    pub errors: Box<dyn Write + 'a>,
    first: bool,
    outdir: Option<outdir::OutDir>,
}

impl<'a> Emitter<'a> {
    pub fn new(
        opts: WriteOptions,
        out: Box<dyn Write + 'a>,
        audit: Option<Box<dyn Write + 'a>>,
        errors: Box<dyn Write + 'a>,
    ) -> io::Result<Self> {
        let outdir = match &opts.out_dir {
            Some(d) => Some(outdir::OutDir::create(d, opts.format.extension())?),
            None => None,
        };
        Ok(Emitter {
            opts,
            out,
            audit,
            summary: Summary::default(),
            errors,
            first: true,
            outdir,
        })
    }

    fn rendered(&self, meta: &Meta, p: &crate::pipeline::Cleaned) -> Vec<u8> {
        let md = self.opts.format == OutputFormat::Markdown;
        match self.opts.format {
            OutputFormat::Json | OutputFormat::Jsonl => {
                let v = record::output(meta, p, md);
                let mut s = if self.opts.format == OutputFormat::Json && self.outdir.is_some() {
                    serde_json::to_vec_pretty(&v)
                } else {
                    serde_json::to_vec(&v)
                }
                .unwrap_or_default();
                s.push(b'\n');
                s
            }
            OutputFormat::Text | OutputFormat::Markdown => {
                let mut s = String::new();
                if self.opts.title
                    && let Some(t) = &p.article.title
                {
                    if md {
                        s.push_str("# ");
                    }
                    s.push_str(t);
                    s.push_str("\n\n");
                }
                s.push_str(&if md {
                    p.article.markdown()
                } else {
                    p.article.text()
                });
                s.push('\n');
                s.into_bytes()
            }
        }
    }

    pub fn emit(&mut self, p: Processed) -> io::Result<()> {
        self.summary.add(&p);
        match &p.outcome {
            Ok(c) => {
                for w in &c.warnings {
                    writeln!(self.errors, "unboil: warning: {}: {w}", describe(&p.meta))?;
                }
                let bytes = self.rendered(&p.meta, c);
                if let Some(dir) = &mut self.outdir {
                    dir.write(&p.meta, &bytes)?;
                } else {
                    if self.opts.headers
                        && matches!(
                            self.opts.format,
                            OutputFormat::Text | OutputFormat::Markdown
                        )
                    {
                        if !self.first {
                            self.out.write_all(b"\n")?;
                        }
                        writeln!(self.out, "==> {} <==", describe(&p.meta))?;
                    }
                    self.out.write_all(&bytes)?;
                }
                if let Some(a) = &mut self.audit {
                    write_line(a, &record::audit(&p.meta, c))?;
                }
            }
            Err(msg) => {
                let rec = record::error(&p.meta, msg);
                match self.opts.format {
                    OutputFormat::Json | OutputFormat::Jsonl if self.outdir.is_none() => {
                        write_line(&mut self.out, &rec)?;
                    }
                    _ => writeln!(self.errors, "unboil: {}: {msg}", describe(&p.meta))?,
                }
                if let Some(dir) = &mut self.outdir {
                    dir.record_error(&rec)?;
                }
                if let Some(a) = &mut self.audit {
                    write_line(a, &rec)?;
                }
            }
        }
        self.first = false;
        Ok(())
    }

    pub fn finish(&mut self) -> io::Result<()> {
        self.out.flush()?;
        if let Some(a) = &mut self.audit {
            a.flush()?;
        }
        if let Some(dir) = &mut self.outdir {
            dir.finish()?;
        }
        Ok(())
    }
}

fn write_line(w: &mut dyn Write, v: &Value) -> io::Result<()> {
    serde_json::to_writer(&mut *w, v)?;
    w.write_all(b"\n")
}

/// How a document is named in messages: its source, line and id.
pub fn describe(m: &Meta) -> String {
    let mut s = m.source.clone();
    if let Some(l) = m.line {
        s.push_str(&format!(":{l}"));
    }
    if let Some(id) = &m.id
        && *id != m.source
    {
        s.push_str(&format!(" (id {id})"));
    }
    s
}
