//! Text whose HTML is gone: clients' signed praise printed after an
//! article (a quote, then a short line naming who said it, again and
//! again) is not part of the article; a page made of such quotes keeps
//! them, and an article's closing sections under short headings stay.
//! Pages written here.

use std::sync::LazyLock;
use unboil::Cleaner;

mod lines;
use lines::kept;

static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const STORY: &[&str] = &[
    "Helping a toddler sleep through the night",
    "Most toddlers wake at night now and then, and a few simple habits at bedtime make those wakings shorter and rarer for the whole family.",
    "Keep the same order of steps every evening: a bath, pyjamas, two short books and a song, so the child knows what comes next and when.",
    "A dark, cool room helps, and so does a small night light if the child is afraid of the dark; bright screens in the hour before bed do not.",
    "When the child wakes, go in calmly, keep the lights low and the talk short, and leave again once they have settled down on their own.",
    "If the wakings go on for weeks or come with snoring or fevers, talk to your child's doctor, who can check for an illness behind them.",
];

const PRAISE: &[&str] = &[
    "What families say",
    "\u{201c}The whole staff is wonderful with our kids and always takes the time to listen to every worry we bring in.\u{201d}",
    "Maria T.",
    "We love this clinic! The nurses are kind and the doctors explain everything so clearly.",
    "Devon K.",
    "\u{201c}Best care in town, and the front desk always finds us a visit on the same day.\u{201d}",
    "Lena P.",
    "I would recommend them to any parent looking for a caring doctor for their children.",
    "Omar S.",
];

#[test]
fn testimonials_after_an_article_go() {
    let text = [STORY, PRAISE].concat().join("\n") + "\n";
    let a = CLEANER.clean_text(&text);
    for line in PRAISE {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
    for line in &STORY[1..] {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
}

#[test]
fn the_audit_names_the_praise_as_what_ended_the_article() {
    // The praise's lines no rule knows lie outside the article because
    // the testimonials cut ended it there: the audit says so, not only
    // that they were outside the main content.
    let text = [STORY, PRAISE].concat().join("\n") + "\n";
    let a = CLEANER.clean_text(&text);
    // Each quote (a name's line may end the page's region by itself).
    for line in PRAISE.iter().skip(1).step_by(2) {
        let d = a.decision_for(line).expect("a line of the page");
        assert_eq!(d.rule, "heuristic.after-testimonials", "{line:?}");
    }
}

#[test]
fn a_page_mostly_of_testimonials_keeps_them() {
    // A short intro, then more words of quotes than it has: the quotes
    // are the page.
    let more = [
        "\u{201c}Our daughter used to dread check-ups and now she asks when the next one is, thanks to this wonderful team.\u{201d}",
        "Priya N.",
        "The doctors are friendly and patient, and they never rush us out of the room. Highly recommend this practice to everyone.",
        "Tom W.",
        "\u{201c}We have been coming here for six years with three children and the care has been excellent every single time.\u{201d}",
        "Ana R.",
        "I am so grateful for the nurse who stayed late to help my son with his asthma. Truly caring people work here.",
        "Jon B.",
    ];
    let text = STORY
        .iter()
        .chain(&["Reviews"])
        .chain(&more)
        .chain(&PRAISE[1..])
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let a = CLEANER.clean_text(&text);
    // The quotes; a last short line of a page may go for other reasons.
    for line in more.iter().chain(&PRAISE[1..]).filter(|l| l.len() > 20) {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
}

#[test]
fn closing_sections_under_short_headings_stay() {
    let tail = [
        "Naps",
        "A short nap after lunch helps, and a great many toddlers still need one, but a nap late in the day pushes bedtime back.",
        "Food",
        "A light supper an hour before bed is best; a big meal just before bed keeps some children awake and restless.",
        "Travel",
        "On trips, bring the same blanket and the same books, and the bedtime steps will still feel familiar in a strange room.",
    ];
    let text = [STORY, &tail].concat().join("\n") + "\n";
    let a = CLEANER.clean_text(&text);
    for line in &tail {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
}
