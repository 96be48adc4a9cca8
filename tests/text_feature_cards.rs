//! Text whose HTML is gone: a service page that opens with a hero and a
//! row of feature cards (a name, one sentence, a button), then client
//! logos, then a long FAQ. The FAQ's paragraphs win the region; the cards
//! before it are content too, though each of their sentences stands
//! alone between short lines, as a teaser's does. Pages written here.

use std::sync::LazyLock;
use unboil::Cleaner;

mod lines;
use lines::{kept, page};

static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const MENU: &[&str] = &[
    "Bright Ledger | Bookkeeping for Small Firms",
    "Home",
    "Services",
    "Pricing",
    "About",
    "Contact",
];

const HERO: &[&str] = &[
    "Bookkeeping that keeps up with you",
    "We keep the books of small firms tidy every month, so the owners can spend their evenings on the work they love.",
    "Every client has one named bookkeeper who knows the business and answers questions on the same working day.",
];

/// Feature cards: a name, one sentence, a button.
const CARDS: &[[&str; 3]] = &[
    [
        "Monthly Reconciliation",
        "We match every bank line with its receipt and flag anything odd before the month is closed for good.",
        "Learn more",
    ],
    [
        "Payroll Runs",
        "Your staff are paid on time, their payslips are sent by email, and the tax office gets its share too.",
        "Learn more",
    ],
    [
        "Expense Capture",
        "Snap a receipt with your phone and it lands in the right account with the right tax code in minutes.",
        "Learn more",
    ],
    [
        "Year End Packs",
        "At the end of the year your accountant gets a complete, checked pack instead of a shoebox full of paper.",
        "Learn more",
    ],
    [
        "Cash Forecasts",
        "A simple forecast each quarter shows when money will be tight, so there is time to plan around it calmly.",
        "Learn more",
    ],
];

const LOGOS: &[&str] = &[
    "Trusted by",
    "Harbor Bakery",
    "Northgate Dental",
    "Pine Street Studio",
    "Clearwater Plumbing",
    "Oak and Iron",
    "Lantern Books",
    "Field Day Farms",
    "Summit Physio",
    "Bluebird Cafe",
    "Copper Kettle",
];

const FAQ: &[&str] = &[
    "Frequently asked questions",
    "How do we get started?",
    "We begin with a short call to learn how your business runs, which accounts you use and where the receipts live today. After that we set up secure access to your bank feeds and your accounting software.",
    "What does it cost?",
    "The price depends on how many bank lines and staff you have each month, not on the hours we spend. Most small firms pay a fixed monthly fee that is agreed before we start, and the fee only changes when the business grows a good deal larger than it was.",
    "Can we keep our current software?",
    "Yes. We work with the common accounting packages and with spreadsheets too, although we may suggest a move when the old setup slows things down. Any change is planned with you, and nothing is switched off until the new books have been checked line by line.",
];

const FOOTER: &[&str] = &["Privacy", "Terms", "© 2026 Bright Ledger Ltd"];

#[test]
fn feature_cards_before_the_faq_are_kept() {
    let cards: Vec<&str> = CARDS.iter().flatten().copied().collect();
    let text = page(&[MENU, HERO, &cards, LOGOS, FAQ, FOOTER]);
    let a = CLEANER.clean_text(&text);
    for line in HERO[1..].iter().chain(CARDS.iter().map(|c| &c[1])) {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
    for line in FAQ.iter().skip(2).step_by(2) {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
    for line in &LOGOS[1..] {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
}
