//! Text whose HTML is gone: a consent framework's notice after the page
//! ("We and our 120 partners store and access personal data ..."), longer
//! than a banner, goes; and the panel it opens, long prose under a short
//! policy heading, is set aside even though a rule removed its opening
//! paragraph. Pages written here.

use unboil::Cleaner;

mod lines;
use lines::kept;

const STORY: &[&str] = &[
    "Sharpening a chisel by hand | The Bench Log",
    "Home",
    "Guides",
    "Sharpening a chisel by hand",
    "A sharp chisel cuts cleanly and safely, and it takes only a few minutes once you have the stones set up on a bench.",
    "Flatten the back first on the coarse stone, then polish the last inch of it on the fine one until it shines like a mirror.",
    "Hold the bevel flat on the stone and push with even pressure, counting strokes so that both sides of the edge stay square.",
];

const FOOTER: &[&str] = &[
    "About",
    "Contact",
    "Shop",
    "Courses",
    "Newsletter",
    "Tools",
    "Joinery",
    "Finishing",
    "Terms of use",
    "Privacy policy",
    "© 2026 The Bench Log",
];

const NOTICE: &[&str] = &[
    "Privacy Notice",
    "We and our 120 partners store and access personal data, like browsing data or unique identifiers, on your device. Selecting Accept enables tracking technologies to support the purposes shown under ways we may use your data.",
    "Ways we may use your data:",
    "We process your data to deliver content or advertisements and measure the delivery of such content or advertisements to extract insights about our website and its visitors.",
    "We share this information with our partners on the basis of consent and legitimate interest, and you may exercise your right to object to legitimate interest at any time.",
    "Your choices will be saved for the whole of this website and you can change them at any time by opening the privacy settings from the link at the bottom of every page.",
    "Some partners may process your data without asking for your consent, and you can read about each of them and the purposes they use it for in the list of partners.",
];

#[test]
fn a_consent_frameworks_notice_and_its_panel_go() {
    let text = [STORY, FOOTER, NOTICE].concat().join("\n") + "\n";
    let a = Cleaner::default().clean_text(&text);
    for line in &STORY[4..] {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
    for line in &NOTICE[1..] {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
}
