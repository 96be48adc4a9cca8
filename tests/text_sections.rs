//! Text whose HTML is gone: a page built of sections (an intro, features
//! of a heading and a sentence each, then questions and answers) where a
//! long menu parts the features from the answers. The answers are the
//! densest prose, but the features before the menu are content too; the
//! menu is not. A few teasers before an article stay out. Pages written
//! here.

use std::sync::LazyLock;
use unboil::Cleaner;

mod lines;
use lines::{kept, page};

static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const TOP_MENU: &[&str] = &[
    "Skip to content",
    "Product",
    "Pricing",
    "Customers",
    "Resources",
    "Log in",
    "Sign up",
];

/// The intro and the features: a heading and one sentence each.
const FEATURES: &[&str] = &[
    "Plan your garden in minutes",
    "Draw your beds, pick your plants and let the planner work out spacing, sun and watering for every corner of your plot.",
    "Know what to sow and when",
    "A calendar built from your local frost dates tells you which seeds to start indoors and which to sow straight into the soil.",
    "Keep track of every harvest",
    "Log what you pick each week, see which varieties did well, and carry those notes into next season's plan without retyping them.",
    "Share plans with your allotment group",
    "Invite neighbours to a shared plot so everyone sees the same map, the same tasks and the same list of what still needs doing.",
    "Get a nudge before the weather turns",
    "Reminders arrive the evening before a frost or a heatwave, with a short list of the plants in your beds that need a cover or a drink.",
    "Take your plan outside",
    "The mobile app keeps your beds, tasks and notes on your phone, so you can tick off jobs with muddy hands and no signal at the far end of the plot.",
];

/// Every feature's page, listed twice in the same order (a tab strip,
/// then its panels' titles).
const FEATURE_MENU: &[&str] = &[
    "All features",
    "Beds",
    "Calendar",
    "Harvests",
    "Sharing",
    "Weather",
    "Reminders",
    "Seed Library",
    "Export",
    "Beds",
    "Calendar",
    "Harvests",
    "Sharing",
    "Weather",
    "Reminders",
    "Seed Library",
    "Export",
];

/// Questions and answers: the page's longest prose.
const FAQ: &[&str] = &[
    "Frequently asked questions",
    "Can I use the planner for a small balcony as well as a large plot?",
    "Yes. The planner works for any space you can draw, from a single window box to a field, and it scales the spacing advice to the containers or beds you add, so a balcony of pots gets the same care as a farm.",
    "Beds on a balcony are drawn as pots, and each pot can hold more than one plant when the plants are good companions for each other and need the same amount of water and light through the season.",
    "Does the calendar know about my local weather?",
    "It does. When you enter your town, the planner looks up the average first and last frost dates for the area and shifts every sowing date to match, so a northern garden is not told to sow beans a month too early.",
    "If a late frost is forecast after you have planted out, the planner sends a reminder the evening before, with a short note on which of your plants need a fleece or a move indoors for the night.",
    "What happens to my plans if I stop paying?",
    "Nothing is deleted. Your plans, notes and harvest logs stay in your account and you can read and export them at any time; only the reminders and the shared plots pause until you pick a plan again.",
];

const FOOTER: &[&str] = &["Privacy", "Terms", "Contact", "© 2025 Plotwise Ltd"];

#[test]
fn features_before_a_menu_stay_with_the_answers_after_it() {
    let a = CLEANER.clean_text(&page(&[TOP_MENU, FEATURES, FEATURE_MENU, FAQ, FOOTER]));
    for line in FEATURES.iter().skip(1).step_by(2) {
        assert!(kept(&a, line), "feature {line:?} should be kept");
    }
    for line in FAQ.iter().skip(2) {
        assert!(kept(&a, line), "answer {line:?} should be kept");
    }
    for line in ["Seed Library", "Export", "Log in", "Terms"] {
        assert!(!kept(&a, line), "menu line {line:?} should be removed");
    }
}

/// Two teasers before an article weigh far less than it: they stay out.
#[test]
fn a_few_teasers_before_an_article_stay_out() {
    const TEASERS: &[&str] = &[
        "Most read",
        "Why my tomatoes split after the rain, and how I stopped it from happening again.",
        "Ten herbs that grow happily on a north-facing windowsill all year long.",
    ];
    let a = CLEANER.clean_text(&page(&[TOP_MENU, TEASERS, FEATURE_MENU, FAQ, FOOTER]));
    for line in &TEASERS[1..] {
        assert!(!kept(&a, line), "teaser {line:?} should be removed");
    }
    for line in FAQ.iter().skip(2) {
        assert!(kept(&a, line), "answer {line:?} should be kept");
    }
}
