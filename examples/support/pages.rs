//! Loading benchmark pages for the examples: every file below the given
//! directories, gunzipped when it is gzip, in name order.

use std::io::Read;

/// The raw bytes of every readable page below `dirs`.
pub fn load_raw(dirs: &[String]) -> Vec<Vec<u8>> {
    let mut pages = Vec::new();
    for d in dirs {
        for e in walkdir::WalkDir::new(d).sort_by_file_name() {
            let Ok(e) = e else { continue };
            if !e.file_type().is_file() {
                continue;
            }
            let Ok(raw) = std::fs::read(e.path()) else {
                continue;
            };
            if raw.starts_with(&[0x1f, 0x8b]) {
                let mut out = Vec::new();
                if flate2::read::MultiGzDecoder::new(&raw[..])
                    .read_to_end(&mut out)
                    .is_ok()
                {
                    pages.push(out);
                }
            } else {
                pages.push(raw);
            }
        }
    }
    pages
}
