//! Text whose HTML is gone: call-to-action buttons under a service
//! page's sections ("See details", "Read case study") and the spoken
//! labels of icons ("An icon of a plus symbol") stand as lines of their
//! own inside the content; they are furniture. Pages written here.

use std::sync::LazyLock;
use unboil::Cleaner;

mod lines;
use lines::{kept, page};

static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const TEXT: &[&str] = &[
    "Roof Repair and Gutter Care | Ridge Line Roofing",
    "Home",
    "Services",
    "Contact",
    "Roof repair that lasts for decades",
    "Our crews repair storm damage, replace worn shingles and reseal flashing on homes across the valley, usually within a week of your call.",
    "Every job starts with a free inspection, a written quote and photographs of what we found, so you can see the problem before you pay a cent.",
    "See details",
    "We fixed a leaking church roof before the winter rains, replacing the old lead flashing and two hundred slates without closing the hall for a single Sunday.",
    "The work took three weeks, and the congregation kept meeting in the hall below while the scaffold stood outside the tall windows.",
    "Read case study",
    "Frequently asked questions",
    "An icon of a plus symbol",
    "How long does a repair take? Most repairs take a single day, and larger jobs such as a full replacement take about a week, weather permitting.",
    "An icon of a plus symbol",
    "Do you offer a warranty? Every repair carries a ten year warranty on labour, and the shingles we fit come with the maker's own warranty too.",
    "Explore more",
    "© 2026 Ridge Line Roofing",
];

#[test]
fn buttons_and_icon_labels_go_text_stays() {
    let a = CLEANER.clean_text(&page(&[TEXT]));
    for line in [TEXT[5], TEXT[6], TEXT[8], TEXT[9], TEXT[13], TEXT[15]] {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
    for line in [
        "See details",
        "Read case study",
        "An icon of a plus symbol",
        "Explore more",
    ] {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
}
