//! `--out-dir`: one file per document, named safely from its id. A name
//! never leaves the directory: no separators, no `..`, no NUL, no reserved
//! device names, bounded length, and collisions get a counter.

use serde_json::Value;
use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::record::Meta;

const MAX_STEM: usize = 120;

pub struct OutDir {
    dir: PathBuf,
    ext: &'static str,
    used: HashSet<String>,
    count: u64,
    errors: Option<BufWriter<File>>,
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

/// A file stem made from an id: safe on Linux, macOS and Windows.
pub fn safe_stem(id: &str) -> String {
    let mut s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    // No hidden files, no `..`, no trailing dots (Windows drops them).
    s = s.trim_matches('.').to_string();
    while s.contains("..") {
        s = s.replace("..", ".");
    }
    if s.is_empty() || s.chars().all(|c| c == '_') {
        s = format!("doc-{:016x}", fnv(id));
    }
    let base = s.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(base.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((base.starts_with("COM") || base.starts_with("LPT"))
            && base.len() == 4
            && base.as_bytes()[3].is_ascii_digit());
    if reserved {
        s.insert(0, '_');
    }
    if s.len() > MAX_STEM {
        // Long ids keep a readable head and a hash that tells them apart.
        let mut cut = MAX_STEM - 17;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s = format!("{}-{:016x}", &s[..cut], fnv(id));
    }
    s
}

impl OutDir {
    pub fn create(dir: &Path, ext: &'static str) -> io::Result<OutDir> {
        fs::create_dir_all(dir)?;
        Ok(OutDir {
            dir: dir.to_path_buf(),
            ext,
            // Taken by the error records, whatever the output format.
            used: HashSet::from(["errors.jsonl".to_string()]),
            count: 0,
            errors: None,
        })
    }

    fn name_for(&mut self, meta: &Meta) -> String {
        self.count += 1;
        let stem = match meta.id.as_deref().or(meta.url.as_deref()) {
            Some(id) => safe_stem(id),
            None => format!("doc-{:08}", self.count),
        };
        let mut name = format!("{stem}.{}", self.ext);
        let mut n = 1;
        // Compared without case: macOS and Windows file names ignore it.
        while !self.used.insert(name.to_ascii_lowercase()) {
            n += 1;
            name = format!("{stem}-{n}.{}", self.ext);
        }
        name
    }

    pub fn write(&mut self, meta: &Meta, bytes: &[u8]) -> io::Result<PathBuf> {
        let name = self.name_for(meta);
        let path = self.dir.join(&name);
        debug_assert!(path.parent() == Some(self.dir.as_path()));
        fs::write(&path, bytes)?;
        Ok(path)
    }

    /// Error records go to `errors.jsonl` in the directory.
    pub fn record_error(&mut self, rec: &Value) -> io::Result<()> {
        let mut line = serde_json::to_vec(rec)?;
        line.push(b'\n');
        self.record_error_line(&line)
    }

    /// `record_error` for a record already serialized, newline included.
    pub fn record_error_line(&mut self, line: &[u8]) -> io::Result<()> {
        if self.errors.is_none() {
            self.errors = Some(BufWriter::new(File::create(self.dir.join("errors.jsonl"))?));
        }
        if let Some(w) = &mut self.errors {
            w.write_all(line)?;
        }
        Ok(())
    }

    pub fn finish(&mut self) -> io::Result<()> {
        if let Some(w) = &mut self.errors {
            w.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside() {
        for id in [
            "../../etc/passwd",
            "/abs/path",
            "a\0b",
            "..",
            ".",
            "",
            "CON",
            "com1.txt",
            "C:\\Windows\\x",
            &"é".repeat(500),
            &"x".repeat(5000),
        ] {
            let s = safe_stem(id);
            assert!(!s.is_empty(), "{id:?}");
            assert!(!s.contains('/') && !s.contains('\\') && !s.contains('\0'));
            assert!(!s.starts_with('.') && !s.contains(".."), "{s}");
            assert!(s.len() <= MAX_STEM, "{}", s.len());
            assert_ne!(s.to_ascii_uppercase(), "CON");
        }
        assert_eq!(safe_stem("com1.txt"), "_com1.txt");
        assert_ne!(safe_stem(&"x".repeat(500)), safe_stem(&"x".repeat(501)));
    }
}
