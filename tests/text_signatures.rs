//! Text whose HTML is gone: a forum poster's signature is said under each
//! of their posts, after the post's own text and before its buttons. All
//! its copies go, the first one too; a post quoted in a reply stays where
//! it was first posted. Pages written here.

use std::sync::LazyLock;
use unboil::Cleaner;

mod lines;
use lines::{kept, page};

static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const HEAD: &[&str] = &[
    "Which hand plane should a beginner buy first? | Bench Talk",
    "Home",
    "Forums",
    "Hand Tools",
    "Which hand plane should a beginner buy first?",
];

const SIG_1: &str = "Shop: a Stanley No. 4, a Record 05 and too many chisels";
const SIG_2: &str = "Measure twice, cut once, buy more wood anyway";

const POSTS: &[&[&str]] = &[
    &[
        "oakshavings",
        "Mar 3, 2024",
        "I have a small bench in the garage and want to start flattening boards by hand. Is a jack plane the right first one, or should I start with a smoothing plane?",
        "Reply",
        "Quote",
    ],
    &[
        "bevelup",
        "Mar 3, 2024",
        "A No. 5 jack plane does a bit of everything, so it is the usual first choice. Buy an old one and spend an evening tuning it, you will learn how a plane works.",
        SIG_1,
        SIG_2,
        "Reply",
        "Quote",
    ],
    &[
        "oakshavings",
        "Mar 4, 2024",
        "Thanks, I found an old jack plane at a flea market this morning for a few pounds. The sole looks flat, but the blade is badly chipped and rusty.",
        "Reply",
        "Quote",
    ],
    &[
        "bevelup",
        "Mar 4, 2024",
        "Grind the chips out first, then hone a small back bevel on a fine stone. A new blade is worth it later, but the old one will do while you learn to set it.",
        SIG_1,
        SIG_2,
        "Reply",
        "Quote",
    ],
    &[
        "oakshavings",
        "Mar 5, 2024",
        "That worked, it takes full width shavings now. Next I will try flattening the top of an old pine shelf before I move on to the oak I have been saving.",
        "Reply",
        "Quote",
    ],
    &[
        "You must log in or register to reply here.",
        "Similar threads",
        "Sharpening jigs compared",
    ],
];

#[test]
fn a_signature_under_each_post_goes_everywhere() {
    let mut parts: Vec<&[&str]> = vec![HEAD];
    parts.extend_from_slice(POSTS);
    let a = CLEANER.clean_text(&page(&parts));
    let out = a.text();
    assert!(!out.contains(SIG_1), "signature kept:\n{out}");
    assert!(!out.contains(SIG_2), "signature kept:\n{out}");
    assert!(kept(
        &a,
        "Grind the chips out first, then hone a small back bevel on a fine stone. A new blade is worth it later, but the old one will do while you learn to set it."
    ));
}

#[test]
fn a_post_quoted_in_a_reply_stays_where_it_was_posted() {
    let original = "A No. 5 jack plane does a bit of everything, so it is the usual first choice. Buy an old one and spend an evening tuning it, you will learn how a plane works.";
    let parts: &[&[&str]] = &[
        HEAD,
        POSTS[0],
        &["bevelup", "Mar 3, 2024", original, "Reply", "Quote"],
        &[
            "oakshavings",
            "Mar 4, 2024",
            "bevelup said:",
            original,
            "Click to expand...",
            "Thanks, I found an old jack plane at a flea market this morning for a few pounds. The sole looks flat, but the blade is badly chipped and rusty.",
            "Reply",
            "Quote",
        ],
        POSTS[5],
    ];
    let a = CLEANER.clean_text(&page(parts));
    assert!(
        a.text().contains(original),
        "quoted post lost:\n{}",
        a.text()
    );
}
