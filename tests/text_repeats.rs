//! Text whose HTML is gone: a line said again is dropped as a copy unless
//! the page's structure says it is content (a sentence each item of a list
//! carries), and short lines go as copies when a whole block is said again.

use unboil::Cleaner;

fn clean(text: &str) -> String {
    Cleaner::default().clean_text(text).text()
}

const INTRO: &str = "Our local electricians have wired homes across the valley for twenty years, and every job comes with a written quote before any work starts, so you always know the price you will pay.";
const OUTRO: &str = "Call the office or send us a message with a short description of the job, and one of our electricians will get back to you the same day with a time that suits you and an estimate.";
const TERMS: &str = "Must be shown to the electrician before any work starts.";

fn coupons(titles: &[&str]) -> String {
    let items: Vec<String> = titles.iter().map(|t| format!("{t}\n{TERMS}")).collect();
    format!(
        "Coupons | Valley Electric\nCurrent coupons\n{INTRO}\n{}\n{OUTRO}",
        items.join("\n")
    )
}

#[test]
fn the_terms_under_each_coupon_are_kept_for_every_coupon() {
    let out = clean(&coupons(&[
        "$25 off any electrical troubleshooting visit",
        "$50 off a whole house surge protector",
        "$40 off the repair of any outdoor outlet",
        "$30 off the install of a ceiling fan you bought",
    ]));
    assert_eq!(out.matches(TERMS).count(), 4, "{out}");
    assert!(out.contains("$40 off the repair"), "{out}");
}

#[test]
fn a_carousel_that_repeats_its_whole_item_is_kept_once() {
    // The same slide, title and all, cloned by a carousel: no item of its
    // own between the copies.
    let slide = "Same day service for every call";
    let out = clean(&coupons(&[slide, slide, slide]));
    assert_eq!(out.matches(TERMS).count(), 1, "{out}");
}

#[test]
fn a_label_repeated_by_each_item_stays_out() {
    // A label, not a sentence: each review's furniture.
    let label = "This review is filed under Kitchen Gadgets";
    let items = [
        "The new blender crushed ice in seconds and was easy to clean afterwards.",
        "The toaster browns both sides evenly, though the crumb tray is small.",
        "The kettle boils a full litre quickly and switches itself off quietly.",
    ];
    let body: Vec<String> = items.iter().map(|i| format!("{i}\n{label}")).collect();
    let out = clean(&format!("Reviews\n{INTRO}\n{}\n{OUTRO}", body.join("\n")));
    assert!(out.matches(label).count() <= 1, "{out}");
    assert!(out.contains("crumb tray"), "{out}");
}

const FACTS: &str =
    "Ships in 2 days\nmade in Portugal\nwashable at 40°\n100% recycled cotton\nfree returns";

#[test]
fn a_block_of_short_lines_said_again_is_kept_once() {
    let shirt = "This shirt is cut from a heavy recycled cotton that softens with every wash, with a longer back and a collar that keeps its shape through a long day at the office.";
    let care = "Wash it inside out with like colours and hang it to dry: the fabric is pre-shrunk, so it keeps its size, and a quick iron on the collar is all it needs.";
    let out = clean(&format!(
        "The Oxford Shirt\n{shirt}\n{FACTS}\n{care}\n{FACTS}\n{OUTRO}"
    ));
    assert_eq!(out.matches("made in Portugal").count(), 1, "{out}");
    assert_eq!(out.matches("washable at 40°").count(), 1, "{out}");
    assert!(out.contains(care), "{out}");
}

#[test]
fn a_short_line_said_twice_on_its_own_is_kept_twice() {
    // Not a block said again: a short line each section needs.
    let a = "Sizes run large, so most people should order one size down from their usual.";
    let b = "The sleeves are long enough for tall people, and the cuffs button at two widths.";
    let c = "The fabric is heavy enough for winter but breathes well on a warm spring day.";
    let out = clean(&format!(
        "The Oxford Shirt\n{INTRO}\nmade in Portugal\n{a}\n{b}\nmade in Portugal\n{c}\n{OUTRO}"
    ));
    assert_eq!(out.matches("made in Portugal").count(), 2, "{out}");
}
