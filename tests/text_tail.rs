//! Text whose HTML is gone: what a page prints after its article. The
//! author box (the writer's name on a line of its own, a role, a paragraph
//! about them) is not part of the article, nor is what follows it; a name
//! that heads a paragraph of the story stays. A consent plugin's panel
//! goes whole. Pages written here.

use std::sync::LazyLock;
use unboil::Cleaner;

mod lines;
use lines::kept;

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

/// Every line of `tail` after the story goes, and the story stays whole.
fn tail_goes(tail: &[&str]) {
    let a = CLEANER.clean_text(&page(tail));
    for line in tail {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
    for line in &STORY[1..] {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
}

/// More of the story: what closes an article only does so after most of
/// a long one.
const MORE: &[&str] = &[
    "Beans do not like wind: a balcony high above the street needs a screen of netting on the open side, or the plants spend their strength holding on.",
    "A second sowing in early summer fills the gap when the first plants tire, and it costs no more than a packet of seeds and a few minutes of your evening.",
    "At the end of the season, cut the stems at the base and leave the roots in the pot: they hold nitrogen that next year's leafy crops will be glad of.",
    "Save a few of the best pods to dry on the plant, and you will never need to buy seed again, as long as you keep them somewhere cool and dark over winter.",
    "Most of all, enjoy the flowers: scarlet, white or bicoloured, they bring bees to a balcony that would otherwise see very few of them all summer long.",
];

/// The story and `MORE`, then `tail`, cleaned; the story stays whole.
fn clean_longer(tail: &[&str]) -> unboil::Article {
    let lines: Vec<&str> = MORE.iter().chain(tail).copied().collect();
    let a = CLEANER.clean_text(&page(&lines));
    for line in STORY[1..].iter().chain(MORE) {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
    a
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
    tail_goes(&tail);
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

#[test]
fn a_consent_plugins_panel_goes_whole() {
    // Category names printed twice (heading and switch), and the texts a
    // widespread plugin gives each category.
    let tail = [
        "Manage Consent",
        "To provide the best experiences, we use technologies like cookies to store and/or access device information.",
        "Functional Functional Always active",
        "The technical storage or access is strictly necessary for the legitimate purpose of enabling the use of a specific service explicitly requested by the user.",
        "Preferences Preferences",
        "The technical storage or access is necessary for the legitimate purpose of storing preferences that are not requested by the subscriber or user.",
        "Statistics Statistics",
        "The technical storage or access that is used exclusively for statistical purposes, and for nothing else at all.",
        "Marketing Marketing",
        "The technical storage or access is required to create user profiles to send advertising, or to track the user on a website.",
    ];
    tail_goes(&tail);
}

#[test]
fn a_cookie_plugins_other_categories_go_too() {
    let tail = [
        "Privacy Overview",
        "This website uses cookies to improve your experience while you navigate through the website, and to store what you chose.",
        "Necessary",
        "Always Enabled",
        "Necessary cookies are absolutely essential for the website to function properly and ensure its basic functions and security.",
        "Non-necessary",
        "Analytical cookies are used to understand how visitors interact with the website, and the number of visitors it has.",
        "Others",
        "Other uncategorized cookies are those that are being analyzed and have not been classified into a category as yet.",
    ];
    let a = CLEANER.clean_text(&page(&tail));
    for line in &tail[1..] {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
    assert!(kept(&a, STORY[5]));
}

#[test]
fn embed_code_of_a_republish_box_goes() {
    // The box offers the whole story again as HTML to paste elsewhere.
    let mut code = String::from(
        "<h1>Growing beans on a balcony</h1> <p class=\"byline\">by Priya Natarajan</p>",
    );
    for p in &STORY[1..] {
        code.push_str(&format!(" <p>{p}</p>"));
    }
    code.push_str(" <img src=\"https://example.org/pixel.png\" width=\"1\" height=\"1\">");
    let a = CLEANER.clean_text(&page(&["Republish this story", code.as_str()]));
    assert!(!kept(&a, &code), "the embed code should be removed");
    for line in &STORY[1..] {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
}

#[test]
fn a_short_html_sample_in_a_guide_stays() {
    let sample = "<ul class=\"menu\"> <li><a href=\"/\">Home</a></li> <li><a href=\"/about\">About</a></li> </ul>";
    let a = CLEANER.clean_text(&page(&[
        "A menu is a list of links, written like this:",
        sample,
        "Each item holds one link, and the list gets a class so that a style sheet can lay it out in a row.",
    ]));
    assert!(kept(&a, sample), "a short sample is the guide's own");
}

#[test]
fn a_short_comment_thread_under_its_heading_goes() {
    // Two comments with compact ages ("4d") are too few for the dated
    // thread detector; the section's heading still ends the article.
    let tail = [
        "Discussion about this post",
        "Alex Moreno",
        "4d",
        "Great read, and it finally explains why my beans stopped flowering in the July heat last year. I had been watering them every evening, a little at a time, and the roots never went deep enough to find the cool compost below.",
        "Sam Okafor",
        "2d",
        "I tried the twice-a-week watering you describe and the difference in the pods was obvious within a fortnight. The plants looked sturdier too, and the leaves stopped curling in the afternoon sun on my south-facing balcony.",
    ];
    let a = clean_longer(&tail);
    for line in [tail[0], tail[3], tail[6]] {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
}

#[test]
fn a_writer_note_with_a_handle_or_a_first_name_goes() {
    // The name may carry a social handle, or be a first name alone.
    for note in [
        "Tomas Berger (@tomasgrows) is a freelance writer who has spent a decade testing garden tools. He lives by the coast with two dogs.",
        "Tomas is a freelance writer who has spent a decade testing garden tools. He lives by the coast with two dogs.",
    ] {
        let a = CLEANER.clean_text(&page(&[note]));
        assert!(!kept(&a, note), "{note:?} should be removed");
        assert!(kept(&a, STORY[5]));
    }
}

#[test]
fn a_last_paragraph_about_a_thing_is_no_writer_note() {
    // "Composting is ..." opens like "Kim is ...", but speaks of no person.
    let last = "Composting is a licensed practice in some towns, and a certified scheme will take what your balcony cannot, so I asked the council what it offers my street.";
    let a = CLEANER.clean_text(&page(&[last]));
    assert!(kept(&a, last), "the story's last paragraph was removed");
}

#[test]
fn a_labelled_run_of_teasers_goes_though_a_testimonial_follows() {
    // Related posts (headline, date, teaser, "Read more") under their
    // label, then a client's quote long enough to read as prose: the run
    // of teasers does not end the page, and still goes.
    let teaser = |topic: &str| {
        format!(
            "Every gardener who grows {topic} meets the same questions in the first season, and this guide answers them one by one with the mistakes we made ourselves, the tools that helped, and a planting calendar you can print for the shed."
        )
    };
    let (t1, t2, t3) = (teaser("herbs"), teaser("strawberries"), teaser("peppers"));
    let tail = [
        "Latest News",
        "How to Grow Herbs on a Windowsill All Year",
        "March 29, 2025",
        t1.as_str(),
        "Read More",
        "Strawberries in Hanging Baskets: A Beginner Guide",
        "March 27, 2025",
        t2.as_str(),
        "Read More",
        "Peppers That Thrive in Small Pots on a Balcony",
        "March 24, 2025",
        t3.as_str(),
        "Read More",
        "Testimonial",
        "I had never grown anything before I found these guides, and now my small balcony gives us salad leaves, beans and herbs from spring until the first frosts. The advice is clear, practical and always honest about what can go wrong.",
    ];
    let a = CLEANER.clean_text(&page(&tail));
    for line in [tail[1], tail[3], tail[7], tail[11]] {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
    for line in &STORY[1..] {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
}

#[test]
fn teasers_under_a_related_heading_go() {
    // Under the heading, each teaser's text is a sentence, as prose is,
    // and the site's blurb follows: the heading, late in the article,
    // ends it.
    let tail = [
        "Read this next",
        "Tomatoes on a Windowsill",
        "A sunny windowsill grows more tomatoes than you would think, if you pick a dwarf variety and turn the pot.",
        "Saving Seeds From Your Beans",
        "Leave a few pods on the plant until they rattle, then dry the seeds on a plate for a week or two.",
        "Herbs That Survive the Winter Indoors",
        "Rosemary, thyme and bay will live through the winter on a cool and bright landing, watered sparingly.",
        "Our garden centre has served the town for forty years, with friendly advice, seeds, tools and compost for every balcony and backyard.",
    ];
    let a = clean_longer(&tail);
    for line in [tail[2], tail[4], tail[6], tail[7]] {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
}

#[test]
fn a_share_bar_after_the_story_ends_it() {
    // Under the share bar, a sign-up offer reads as prose: the bar, after
    // the story's paragraphs, ends it.
    let tail = [
        "Facebook Twitter LinkedIn Email",
        "Get our free planting calendar by post when you join the club today, and a packet of seeds with your first letter.",
    ];
    tail_goes(&tail);
}

#[test]
fn a_reviews_heading_naming_the_product_after_the_description_ends_it() {
    // Customers' reviews read as prose; under a heading that names the
    // product, after the page's own text, they end it.
    for heading in [
        "Reviews for Runner Bean Seeds",
        "12 reviews for Runner Bean Seeds",
    ] {
        tail_goes(&[
            heading,
            "I planted these in May and the beans kept coming until October, far more than our family could eat in one season.",
            "The seeds arrived quickly and every one of them sprouted, although the packet was smaller than I expected for the price.",
        ]);
    }
}
