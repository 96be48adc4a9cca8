//! The built-in rules on page chrome left inside the element that holds
//! the content: forum poster chrome, bars of separated links, notice bars,
//! screen-reader text, "powered by" lines, account and app prompts, and
//! headings that open a list of other posts. Each case sits in a small
//! article written here; a look-alike line of real text must stay.

use std::sync::LazyLock;
use unboil::classify::Category;
use unboil::{Article, Cleaner};

/// One cleaner for all cases: compiling the rules is the slow part.
static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const BODY: &str = "<p>The ferry between the two islands sailed again on Tuesday morning, three days after the storm closed the harbour and left travellers stranded.</p>\
<p>Harbour officials said the crossing had been checked by divers overnight and the timetable would return to normal by the weekend.</p>\
<p>Local shops, which rely on the morning crossing for fresh deliveries, welcomed the news and expected a busy week as visitors returned.</p>";

/// An article with `extra` placed after its text, inside the article.
fn page(extra: &str) -> Article {
    let html = format!(
        "<html><body><article><h1>Ferry service resumes</h1>{BODY}{extra}\
         <p>The island council thanked the crews who worked through the night to reopen the harbour, and promised a review of the storm plan.</p>\
         </article></body></html>"
    );
    CLEANER.clean_html(&html)
}

/// (category, rule) of the block whose text is `text`.
fn fate(a: &Article, text: &str) -> (Option<Category>, String) {
    let i = a
        .page
        .blocks
        .iter()
        .position(|b| b.text == text)
        .unwrap_or_else(|| panic!("no block {text:?}"));
    (a.decisions[i].removed, a.decisions[i].rule.to_string())
}

/// `html` placed in the article loses the block `text` to `rule`, and the
/// article around it stays.
fn removed(rule: &str, cat: Category, html: &str, text: &str) {
    let a = page(html);
    assert_eq!(
        fate(&a, text),
        (Some(cat), rule.to_string()),
        "{text:?} should be removed by {rule}"
    );
    assert!(a.text().contains("Harbour officials said"), "{text:?}");
}

/// `html` placed in the article keeps the block `text`.
fn kept(html: &str, text: &str) {
    let a = page(html);
    assert_eq!(fate(&a, text).0, None, "{text:?} was removed");
}

#[test]
fn forum_poster_chrome() {
    removed(
        "meta.forum-user",
        Category::LowContent,
        "<div class=\"message-userDetails\"><h5 class=\"message-userTitle\">Harbour regular</h5></div>",
        "Harbour regular",
    );
    removed(
        "meta.forum-user",
        Category::LowContent,
        "<div class=\"post-signature\"><p>Ferries are life, the rest is waiting on the quay</p></div>",
        "Ferries are life, the rest is waiting on the quay",
    );
    // A signature dish in a recipe is no signature block.
    kept(
        "<div class=\"signature-dish\"><p>The harbour cafe serves its famous fish soup to every traveller who waited out the storm.</p></div>",
        "The harbour cafe serves its famous fish soup to every traveller who waited out the storm.",
    );
}

#[test]
fn bars_of_separated_links() {
    let bar = "<p><a href=\"/\">Home</a> -- <a href=\"/s\">Search</a> -- <a href=\"/n\">New</a> -- <a href=\"/a\">Authors</a> -- <a href=\"/t\">Titles</a></p>";
    removed(
        "nav.link-bar",
        Category::Navigation,
        bar,
        "Home -- Search -- New -- Authors -- Titles",
    );
    let bar = "<p><a href=\"/g\">Guidelines</a> | <a href=\"/f\">FAQ</a> | <a href=\"/l\">Lists</a> | <a href=\"/c\">Contact</a></p>";
    removed(
        "nav.link-bar",
        Category::Navigation,
        bar,
        "Guidelines | FAQ | Lists | Contact",
    );
    // The same shape in plain text is a line of the story.
    kept(
        "<p>Departures: 07:00 | 09:30 | 12:00 | 15:30 | 18:00</p>",
        "Departures: 07:00 | 09:30 | 12:00 | 15:30 | 18:00",
    );
}

#[test]
fn notice_bars_and_glued_screen_reader_text() {
    removed(
        "nav.notices",
        Category::Navigation,
        "<ul class=\"notices\"><li class=\"notice\"><p>Members are reminded never to send money to strangers who offer tickets.</p></li></ul>",
        "Members are reminded never to send money to strangers who offer tickets.",
    );
    removed(
        "nav.screen-reader-glued",
        Category::Navigation,
        "<fieldset><legend class=\"screenreader\">Sort options</legend></fieldset>",
        "Sort options",
    );
    // One notice in the story's own markup is not a notice bar.
    kept(
        "<div class=\"notice\"><p>Passengers with cars should arrive forty minutes before the crossing.</p></div>",
        "Passengers with cars should arrive forty minutes before the crossing.",
    );
}

#[test]
fn powered_by_account_and_app_prompts() {
    removed(
        "legal.powered-by",
        Category::Legal,
        "<p>Harbour Forum | Powered by NodeBB</p>",
        "Harbour Forum | Powered by NodeBB",
    );
    for line in [
        "Create account Log in",
        "Already have an account? Login to Harbour Board",
        "Open in app",
    ] {
        removed(
            "nav.account-app-prompt",
            Category::Navigation,
            &format!("<p>{line}</p>"),
            line,
        );
    }
    // Sentences about power and apps stay.
    kept(
        "<p>The new ferry is powered by two electric motors that charge at the quay.</p>",
        "The new ferry is powered by two electric motors that charge at the quay.",
    );
    kept(
        "<p>Open the timetable app on your phone to see the new sailings.</p>",
        "Open the timetable app on your phone to see the new sailings.",
    );
}

#[test]
fn more_headings_that_open_a_list_of_posts() {
    for h in [
        "Keep reading",
        "Latest Blogs",
        "Read more from our in-house experts",
        "Good articles to read together",
    ] {
        let a = page(&format!(
            "<h2>{h}</h2><ul><li><a href=\"/a\">Storm season ends early</a></li></ul>"
        ));
        assert_eq!(
            fate(&a, h),
            (Some(Category::RelatedList), "related.heading-more".into()),
            "{h:?}"
        );
    }
    // A heading of the story that starts like one stays.
    kept(
        "<h2>Keep reading the tide tables before you sail</h2>",
        "Keep reading the tide tables before you sail",
    );
}

#[test]
fn button_rows_cta_questions_and_partner_labels() {
    removed(
        "nav.button-row",
        Category::Navigation,
        "<div><a href=\"/s\">Get started</a><a href=\"/c\">Contact sales</a></div>",
        "Get startedContact sales",
    );
    for line in [
        "Ready to plan your crossing?",
        "Not sure which ticket is right for you?",
    ] {
        removed(
            "ads.cta-question",
            Category::Advertising,
            &format!("<h2>{line}</h2>"),
            line,
        );
    }
    removed(
        "ads.partner-line",
        Category::Advertising,
        "<p>In partnership with</p>",
        "In partnership with",
    );
    // A question in the story, and a sentence about partners, stay.
    kept(
        "<p>Were the crews ready to sail before the divers had finished their checks?</p>",
        "Were the crews ready to sail before the divers had finished their checks?",
    );
    kept(
        "<p>The council worked in partnership with the ferry company.</p>",
        "The council worked in partnership with the ferry company.",
    );
    // Three links in a row separated by dashes are a link bar too.
    removed(
        "nav.link-bar",
        Category::Navigation,
        "<p><a href=\"/h\">Help</a> -- <a href=\"/r\">Report a bad link</a> -- <a href=\"/n\">Suggest a listing</a></p>",
        "Help -- Report a bad link -- Suggest a listing",
    );
}

#[test]
fn pitches_support_appeals_and_feedback_prompts() {
    let line = "If you need help planning a group crossing, do not hesitate to contact us.";
    removed(
        "ads.contact-pitch",
        Category::Advertising,
        &format!("<p>{line}</p>"),
        line,
    );
    let line = "This story is funded by readers like you";
    removed(
        "social.support-appeal",
        Category::SocialCta,
        &format!("<h2>{line}</h2>"),
        line,
    );
    for line in [
        "How useful was this guide to the harbour?",
        "Tried the fish soup recipe? Please leave a star rating below.",
    ] {
        removed(
            "meta.feedback-prompt",
            Category::LowContent,
            &format!("<p>{line}</p>"),
            line,
        );
    }
    // The story's own lines about contact, funding and help stay.
    for line in [
        "Officials said travellers should contact the harbour office about refunds.",
        "The new pier was funded by a grant from the regional council.",
        "The divers' report was helpful to the harbour officials, who read it overnight.",
    ] {
        kept(&format!("<p>{line}</p>"), line);
    }
}

#[test]
fn money_offers_standing_alone() {
    for line in [
        "Save $40 on your first season ticket!",
        "New customers get a free crossing with any pass.",
    ] {
        removed(
            "ads.money-offer",
            Category::Advertising,
            &format!("<p>{line}</p>"),
            line,
        );
    }
    // Short lines of the story that name a sum stay.
    for line in [
        "Save for the pier, repairs cost $40,000.",
        "The new customers paid $25 for the island pass.",
    ] {
        kept(&format!("<p>{line}</p>"), line);
    }
}
