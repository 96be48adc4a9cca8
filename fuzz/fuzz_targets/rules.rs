//! Any text as a rule file; a set that builds is then used on a small page,
//! since patterns run at match time. Without the built-in rules: compiling
//! those on every input would leave little time for the fuzzing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unboil::{Cleaner, RuleSetBuilder};

const PAGE: &str = "<html><body><nav><a href=/>Home</a> <a href=/n>News</a></nav>\
<article><h1>Storm closes the harbour</h1><p>The harbour closed on Monday as the \
storm reached the coast, officials said.</p><p>Follow us on Facebook!</p></article>\
<footer>Copyright 2024. All rights reserved.</footer></body></html>";

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let mut b = RuleSetBuilder::new();
    if b.add_source(src, "fuzz.toml").is_err() {
        return;
    }
    if let Ok(set) = b.build() {
        let article = Cleaner::new(set).clean_html(PAGE);
        let _ = article.text();
    }
});
