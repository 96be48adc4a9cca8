//! Any bytes as a text document (HTML gone), through every stage.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use unboil::{Cleaner, Document};

// Compiling the rules takes far longer than cleaning a small input.
static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

fuzz_target!(|data: &[u8]| {
    let cleaner = &*CLEANER;
    if let Ok(c) = cleaner.clean(&Document::text(data)) {
        let _ = c.article.text();
        let _ = c.article.markdown();
    }
});
