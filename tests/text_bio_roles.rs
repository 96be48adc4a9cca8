//! Text whose HTML is gone: an author box after the article whose bio
//! names a job other than writing ("... is the owner of a bakery"). The
//! name on a line of its own, echoed by the paragraph after it, marks the
//! box; a story's paragraph about someone it quotes stays. Pages written
//! here.

use std::sync::LazyLock;
use unboil::Cleaner;

mod lines;
use lines::{kept, page};

static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const STORY: &[&str] = &[
    "Choosing a cleaning service for an older house",
    "Older houses collect dust in places that newer ones simply do not have, from picture rails and deep skirting boards to the gaps around sash windows.",
    "Before you book anyone, walk through each room and write down what matters most to you, so that the first visit can be planned around your own list.",
    "Ask whether the team brings its own products, and whether those products are safe on waxed floors, lime plaster and the painted woodwork of the period.",
    "A good service will suggest a short trial clean, then agree a fixed routine for each visit, with the larger jobs spread over the seasons of the year.",
    "Keep a note of what went well and what did not after every visit; a few honest words early on save both sides a lot of trouble over the months ahead.",
    "Finally, check that the company is insured, that its staff are employed rather than sent by an agency, and that you always know who will arrive at the door.",
];

const BOX: &[&str] = &[
    "Marta Kowalczyk",
    "Marta Kowalczyk is the owner of a family cleaning company in the north of the city, where she has looked after old houses and their floors for twelve years.",
];

#[test]
fn a_bio_naming_its_owner_after_a_name_line_goes() {
    let a = CLEANER.clean_text(&page(&[STORY, BOX]));
    for line in &STORY[1..] {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
    for line in BOX {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
}

/// The same job named in a story's paragraph about someone, with no line
/// holding their name alone before it, is the story's.
#[test]
fn a_paragraph_about_an_owner_the_story_quotes_stays() {
    let quote: &[&str] = &[
        "Marta Kowalczyk, the owner of a family cleaning company in the north of the city, said her team now spends twice as long on old houses as on new ones.",
    ];
    let a = CLEANER.clean_text(&page(&[STORY, quote]));
    assert!(kept(&a, quote[0]), "{:?} should be kept", quote[0]);
}

/// A handle in brackets after the name is no part of it: the line is
/// still the name alone.
#[test]
fn a_name_line_with_a_handle_in_brackets_heads_the_bio() {
    let bio: &[&str] = &[
        "Marta Kowalczyk (@martak)",
        "Marta started writing about old houses twelve years ago as the editor of a small magazine, and she still lives in a cottage with uneven floors.",
    ];
    let a = CLEANER.clean_text(&page(&[STORY, bio]));
    for line in &STORY[1..] {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
    for line in bio {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
}
