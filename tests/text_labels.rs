//! Text whose HTML is gone: a related list after an article, under a
//! label that ends in a colon ("You might also like:") rather than a
//! heading line. Its teasers read as prose, so only the label tells the
//! list from the story. Pages written here.

use std::sync::LazyLock;
use unboil::Cleaner;

mod lines;
use lines::{kept, page};

static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const STORY: &[&str] = &[
    "How the village kept its bakery",
    "When the last baker in the valley announced he would retire, the village had six months to find someone willing to light the oven before dawn every day.",
    "A meeting in the church hall drew more people than any election, and by the end of the evening forty households had promised a small sum each month.",
    "The money was never meant to pay a wage; it bought flour in bulk and covered the electricity, so that whoever took over would start without any debt.",
    "Two young cousins from the coast answered the notice, spent a spring learning the old man's recipes, and opened the doors again on the first of June.",
    "Other villages have since written to ask how it was done, and the answer is always the same: ask early, ask everyone, and keep the sums small and regular.",
    "A year on, the queue on Saturday mornings reaches the post office, and the cousins are training an apprentice of their own from the school down the road.",
];

const RELATED: &[&str] = &[
    "You might also like:",
    "The ferry that nobody wanted to close",
    "After the council voted to end the service, a group of pensioners raised enough money to run the small ferry across the river for two more summers.",
    "Inside the valley's last working mill",
    "The wheel still turns every afternoon, grinding rye for three farms and a handful of restaurants in town that put the mill's name on their menus.",
    "A school that teaches in the orchard",
    "Children spend one day a week among the apple trees, learning arithmetic from harvest weights and biology from the bees that visit in the spring.",
];

#[test]
fn a_colon_label_after_an_article_heads_its_list() {
    let a = CLEANER.clean_text(&page(&[STORY, RELATED]));
    for line in &STORY[1..] {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
    for line in RELATED {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
}

/// A field's name and a colon ("Recommended:" over a spec's values) is no
/// list's label: the values under it stay.
#[test]
fn a_one_word_field_name_opens_no_list() {
    let spec: &[&str] = &[
        "Recommended:",
        "A quad-core processor, eight gigabytes of memory and a graphics card with at least four gigabytes of its own memory for the highest settings.",
    ];
    let a = CLEANER.clean_text(&page(&[STORY, spec]));
    assert!(kept(&a, spec[1]), "{:?} should be kept", spec[1]);
}

/// "Browse more articles" over the same teasers heads them too.
#[test]
fn more_articles_heads_the_list_after_an_article() {
    let mut related = RELATED.to_vec();
    related[0] = "Browse more articles";
    let a = CLEANER.clean_text(&page(&[STORY, &related]));
    for line in &STORY[1..] {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
    for line in &related {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
}
