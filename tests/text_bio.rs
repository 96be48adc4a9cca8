//! Text whose HTML is gone: the author box after an article (the writer's
//! name on a line of its own, a role, a paragraph about them) is not part
//! of the article, nor is what follows it; a name that heads a paragraph
//! of the story stays. Pages written here.

use std::sync::LazyLock;
use unboil::Cleaner;

static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const STORY: &[&str] = &[
    "Growing beans on a balcony",
    "Runner beans are among the easiest crops to grow in a pot, and a single tall planter on a sunny balcony can feed a small household through the summer.",
    "Sow the seeds indoors in late spring, two to a small pot, and keep the compost moist but never wet until the first pair of leaves unfolds.",
    "When the nights are warm, move the seedlings outside and give each plant a cane of its own, tied loosely, so the stems can find their way upward.",
    "Water deeply twice a week rather than a little every day, and feed the plants with a liquid tomato food once the first flowers appear on the stems.",
    "Pick the pods while they are young and snap cleanly; the more you pick, the more the plants produce, right up until the first cold nights of autumn.",
];

fn page(tail: &[&str]) -> String {
    let mut lines: Vec<&str> = STORY.to_vec();
    lines.extend_from_slice(tail);
    lines.join("\n") + "\n"
}

fn kept(a: &unboil::Article, line: &str) -> bool {
    let i = a
        .page
        .blocks
        .iter()
        .position(|b| b.text == line)
        .unwrap_or_else(|| panic!("no line {line:?}"));
    a.decisions[i].is_kept()
}

#[test]
fn author_box_after_the_story_goes() {
    let tail = [
        "Priya Natarajan",
        "Senior Gardening Editor",
        "Priya Natarajan has written about small-space gardening for twelve years. She is a certified horticulturist and lives in a flat with far too many pots.",
        "More from Priya Natarajan",
        "Why my tomatoes split after the rain, and how I stopped it from happening again this year.",
    ];
    let a = CLEANER.clean_text(&page(&tail));
    for line in tail {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
    for line in &STORY[1..] {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
}

#[test]
fn author_note_without_a_name_line_goes() {
    let note = "Tomas Berger is a freelance writer who has spent a decade testing garden tools. He lives by the coast with two dogs.";
    let a = CLEANER.clean_text(&page(&[note]));
    assert!(!kept(&a, note));
    assert!(kept(&a, STORY[5]));
}

#[test]
fn a_person_heading_a_paragraph_of_the_story_stays() {
    // An interview's speaker heading her own answer: no trade, no years,
    // no degree said of her, so no bio.
    let tail = [
        "Maria Lopez",
        "Maria says she sows her beans in April, as her mother did, and swears the plants know the difference between a cane and a string.",
    ];
    let a = CLEANER.clean_text(&page(&tail));
    assert!(kept(&a, tail[1]), "the story's own paragraph was removed");
}
