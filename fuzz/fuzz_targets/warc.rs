//! Any bytes as a WARC stream, records turned into documents; small caps so
//! the skip and too-large paths are hit too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::Arc;
use unboil::read::open::ReadCounters;
use unboil::read::warc_docs::WarcDocs;

fuzz_target!(|data: &[u8]| {
    let docs = WarcDocs::new(
        data,
        "fuzz.warc".into(),
        8192,
        8192,
        Arc::new(ReadCounters::default()),
    );
    for item in docs {
        let _ = item.map_err(|e| e.to_string());
    }
});
