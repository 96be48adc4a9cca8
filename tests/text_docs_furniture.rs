//! Text whose HTML is gone: a documentation page's widgets stand as lines
//! of their own around the prose: the pager ("Prev Up Next"), feedback
//! prompts and copy buttons. They are furniture. Pages written here.

use std::sync::LazyLock;
use unboil::Cleaner;

mod lines;
use lines::{kept, page};

static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const TEXT: &[&str] = &[
    "Configuring the cache | Lantern Docs",
    "Home / Guides / Configuring the cache",
    "Configuring the cache",
    "Lantern keeps recently used pages in memory so that repeated requests are answered without reading the disk, which is often the slowest part of a request.",
    "The cache is sized in megabytes with the cache_size setting, and the server refuses to start when the value is larger than the memory of the machine.",
    "Copy",
    "cache_size = 512",
    "When the cache is full, the page used least recently is dropped first, and the server logs how often this happens so you can tell whether the cache is too small.",
    "Was this section helpful?",
    "Prev Up Next",
    "Eviction and restarts",
    "A restart empties the cache, so the first requests after it are slower until the pages they need have been read from the disk again and stored in memory.",
    "You can warm the cache at start-up by listing the pages to load first in the preload file, one path to a line, in the order they should be read.",
    "Did this page help you? - Yes",
    "Thanks for your feedback!",
    "Did you find what you needed?",
    "Help us make these docs great!",
    "© 2026 Lantern Project",
];

#[test]
fn docs_widgets_go_prose_stays() {
    let a = CLEANER.clean_text(&page(&[TEXT]));
    for line in [TEXT[3], TEXT[4], TEXT[6], TEXT[7], TEXT[11], TEXT[12]] {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
    for line in ["Copy", "Was this section helpful?", "Prev Up Next"] {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
}

#[test]
fn a_docs_feedback_box_goes() {
    let a = CLEANER.clean_text(&page(&[TEXT]));
    assert!(kept(&a, TEXT[12]), "the last paragraph should be kept");
    for line in &TEXT[13..17] {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
}

#[test]
fn a_shops_reply_that_opens_with_thanks_is_kept() {
    // "Thanks for your feedback" alone closes a docs feedback box; going on
    // into a sentence it opens a shop's answer to a review.
    let reply = "Thanks for your feedback. We are sorry the shoes ran small and have passed this on to our product team.";
    let html = format!(
        "<html><body><main><h1>Trail Runner 3</h1>\
         <p>A light trail shoe with a deep lug sole for wet rock and mud, and a mesh upper that drains quickly after a river crossing.</p>\
         <section><h2>Reviews</h2><article><p>I ran two hundred miles in these over the autumn and they held on wet granite better than any shoe I have owned.</p>\
         <div><p>{reply}</p></div></article></section></main></body></html>"
    );
    let a = CLEANER.clean_html(&html);
    assert!(a.text().contains(reply), "{}", a.text());
}
