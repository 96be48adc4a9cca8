//! Text whose HTML is gone: an author box headed by a credit line
//! ("Written by Jane Roe") rather than the name alone, with more lines of
//! the page after it. The bio opening with the credited name marks the
//! box; a teaser's summary that names its writer in passing stays. Pages
//! written here.

use std::sync::LazyLock;
use unboil::Cleaner;

mod lines;
use lines::{kept, page};

static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const STORY: &[&str] = &[
    "Three things to check before repairing an old bicycle frame",
    "A steel frame that has stood in a damp shed for years often looks far worse than it is, so start by washing it and letting it dry in a warm room.",
    "Look closely at the joints around the bottom bracket and the head tube, where cracks tend to start, and run a fingernail along any line you see.",
    "Surface rust can be rubbed back with fine wire wool and a little oil, but deep pitting near a weld is a reason to ask a frame builder before riding.",
    "Check that the wheels sit straight in the dropouts; a bent rear triangle can often be set right cheaply, while a bent fork is usually best replaced.",
    "Brakes and cables are cheap to renew, and it is worth doing so at once: old cables stretch and fray inside their housing where you cannot see them.",
    "Tyres perish with age even when the tread looks new, so replace any that show fine cracks along the sidewall before you take the bike out on a road.",
    "A seized seat post is the classic trap of an old frame; penetrating oil, patience and a night or two of soaking free most of them without any damage.",
    "Finally, weigh the cost of new parts against the value of the frame itself, because a lovely old bike can still cost more to revive than a new one.",
];

const CREDIT: &[&str] = &[
    "Written by Tomasz Wierzbicki",
    "Tomasz Wierzbicki is a bicycle mechanic and writer who has restored old frames in his workshop for fifteen years and still rides to work on one.",
];

/// Lines after the box that the region would otherwise run on into.
const AFTER: &[&str] = &[
    "More from Tomasz Wierzbicki",
    "Some towns now lend out tools and a bench for free on weekends, and the volunteers who run them say the queues get longer every single spring.",
    "Small workshops are finding a new trade in mending the bicycles that people bought during the long months when everyone wanted to ride somewhere.",
];

#[test]
fn a_bio_under_a_credit_line_goes_with_what_follows() {
    let a = CLEANER.clean_text(&page(&[STORY, CREDIT, AFTER]));
    for line in &STORY[1..] {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
    for line in CREDIT {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
}

/// A teaser under a credit line whose summary only names the writer in
/// passing is no bio.
#[test]
fn a_summary_naming_its_writer_in_passing_stays() {
    let teaser: &[&str] = &[
        "By Tomasz Wierzbicki",
        "Fixing a frame is a big decision. Tomasz Wierzbicki, a mechanic with a small workshop, shares his answers to the questions riders ask him most often.",
    ];
    let a = CLEANER.clean_text(&page(&[STORY, teaser]));
    assert!(kept(&a, teaser[1]), "{:?} should be kept", teaser[1]);
}
