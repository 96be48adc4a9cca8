//! Text whose HTML is gone: a service page whose intro paragraphs are
//! followed by a list of feature cards (a name, one sentence, the same
//! button under each). The button said under every card belongs to the
//! cards, not to a menu, so the cards join the intro. Pages written here.

use std::sync::LazyLock;
use unboil::Cleaner;

mod lines;
use lines::{kept, page};

static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const MENU: &[&str] = &[
    "Green Ridge Gardens | Garden Care",
    "Home",
    "Services",
    "Prices",
    "Contact",
];

const INTRO: &[&str] = &[
    "Garden care for busy households",
    "We look after small and medium gardens across the valley, from the first mowing in spring to the last leaves of the autumn, so that the owners can simply enjoy them.",
    "Each garden has one gardener who comes on the same day every week, learns what the owners like, and tells them early when a tree or a hedge needs more than the usual care.",
    "Our gardeners bring their own tools, take the cuttings away with them, and leave the paths swept, so there is nothing left to tidy after a visit.",
    "When the weather turns, we move the visit to the next dry day and send a short message the evening before, so that nobody waits at home for a gardener who cannot come.",
];

/// Feature cards: a name, one sentence, a button.
const CARDS: &[[&str; 3]] = &[
    [
        "Lawn Care",
        "We mow, edge and feed the lawn so that it stays green through the dry summer weeks.",
        "Learn more",
    ],
    [
        "Hedge Trimming",
        "Hedges are cut back twice a year to a neat line and the clippings taken away.",
        "Learn more",
    ],
    [
        "Planting",
        "We choose plants that suit your soil and your light, and water them in well.",
        "Learn more",
    ],
    [
        "Leaf Clearing",
        "In autumn we gather the leaves from lawns, beds and gutters before they smother the grass.",
        "Learn more",
    ],
];

const FOOTER: &[&str] = &["Privacy", "Terms", "© 2026 Green Ridge Gardens"];

#[test]
fn feature_cards_after_the_intro_are_kept() {
    let cards: Vec<&str> = CARDS.iter().flatten().copied().collect();
    let text = page(&[MENU, INTRO, &cards, FOOTER]);
    let a = CLEANER.clean_text(&text);
    for line in INTRO[1..].iter().chain(CARDS.iter().map(|c| &c[1])) {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
    for line in &MENU[1..] {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
}
