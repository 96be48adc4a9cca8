//! HTML page kinds: listings, shops, threads and articles with their
//! furniture, on small pages made here.

use unboil::Cleaner;

const INTRO: &str =
    "Our pick of walking boots for the coming season, tested on wet and rocky trails by the team.";

/// A shop or news front page: a short intro, then a grid of cards whose
/// titles are links, inside a page with a menu and a footer.
fn listing_html() -> String {
    let titles = [
        "Ridge Runner waterproof leather boot",
        "Alpine Trek lightweight mesh hiker",
        "Summit Pro insulated winter boot",
        "Canyon Trail breathable day shoe",
        "Forest Path classic suede boot",
        "Harbour Walk everyday rubber boot",
        "Moorland Scout vegan leather boot",
        "Glacier Step crampon ready boot",
        "Valley Rambler wide fit walking boot",
        "Coastal Hike quick drying trail shoe",
        "Highland Classic waxed leather boot",
        "Meadow Stroll light summer walking shoe",
    ];
    let mut cards = String::new();
    for (i, t) in titles.iter().enumerate() {
        cards.push_str(&format!(
            "<li class=\"card\"><h3><a href=\"/p/{i}\">{t}</a></h3><div class=\"price\">$1{i}9.00</div></li>"
        ));
    }
    format!(
        "<html><body><header><ul class=\"menu\"><li><a href=/>Home</a></li><li><a href=/m>Men</a></li><li><a href=/w>Women</a></li></ul></header>\
         <div class=\"intro\"><p>{INTRO}</p></div>\
         <div class=\"results\"><ul class=\"grid\">{cards}</ul></div>\
         <footer><p><a href=/about>About</a> <a href=/jobs>Jobs</a></p></footer></body></html>"
    )
}

#[test]
fn a_listing_keeps_its_repeated_cards_and_drops_the_menu() {
    let a = Cleaner::default().clean_html(&listing_html());
    let text = a.text();
    assert!(
        text.contains("Ridge Runner waterproof leather boot"),
        "{text}"
    );
    assert!(text.contains("Glacier Step crampon ready boot"), "{text}");
    assert!(text.contains("$109.00"), "{text}");
    assert!(!text.contains("Women"), "{text}");
    assert!(!text.contains("Jobs"), "{text}");
}

#[test]
fn a_call_to_action_after_an_items_text_is_not_content() {
    // Entries of a round-up: each a heading, a paragraph and a trailing
    // link to elsewhere. The paragraphs stay; the trailing links go.
    let para = |n: &str| {
        format!(
            "The {n} is quiet, roomy and cheap to run, and its ride on rough roads is better than that of most rivals we drove this year."
        )
    };
    let mut entries = String::new();
    for n in ["Arrow", "Breeze", "Comet", "Delta", "Ember"] {
        entries.push_str(&format!(
            "<div class=\"entry\"><h2>{n}</h2><p>{}</p><p><a href=\"/r/{n}\">Read the full {n} test drive</a></p></div>",
            para(n)
        ));
    }
    let html = format!("<html><body><main><h1>Best small cars</h1>{entries}</main></body></html>");
    let a = Cleaner::default().clean_html(&html);
    let text = a.text();
    assert!(text.contains(&para("Comet")), "{text}");
    assert!(!text.contains("Read the full Comet test drive"), "{text}");
}

const P1: &str = "We wore each watch for a month of runs, swims and long hikes, and compared the battery life, the maps and the heart rate readings.";
const P2: &str = "All of them track a marathon without trouble, but only two kept their charge for a whole week of training with the maps switched on.";

#[test]
fn a_linked_list_among_the_articles_paragraphs_is_kept() {
    // A list of linked names between two paragraphs is part of the text;
    // the same kind of list after the text is a related list.
    let html = format!(
        "<html><body><article><h1>Running watches</h1><p>{P1}</p>\
         <ul><li><a href=/a>Trailmaster 3 Solar</a></li><li><a href=/b>Pacer 970</a></li><li><a href=/c>Stride Ultra 2</a></li></ul>\
         <p>{P2}</p>\
         <div><ul><li><a href=/x>Ten habits of happy cats</a></li><li><a href=/y>Our favourite pasta recipes</a></li></ul></div>\
         </article></body></html>"
    );
    let a = Cleaner::default().clean_html(&html);
    let text = a.text();
    assert!(text.contains("Pacer 970"), "{text}");
    assert!(text.contains(P2), "{text}");
    assert!(!text.contains("Ten habits of happy cats"), "{text}");
}

#[test]
fn a_bare_web_address_under_a_paragraph_is_kept() {
    // A gift list: each pick named in a line, with the shop address the
    // writer pasted under it. The addresses are part of the text; a worded
    // link in the same place is still a call to action.
    let mut picks = String::new();
    for (i, name) in ["Folding kayak", "Camp stove", "Head torch", "Dry bag"]
        .iter()
        .enumerate()
    {
        picks.push_str(&format!(
            "<p>{}) {name} for the long weekend</p><p><a href=\"https://shop.example/p{i}\">https://shop.example/p{i}</a></p>",
            i + 1
        ));
    }
    // Enough text elsewhere on the page that the article's paragraphs are
    // not read as a listing's items.
    let aside = format!(
        "<aside class=\"sidebar\"><p>{P1} {P2}</p><p>{P2} {P1}</p><p>{P1} {P1}</p></aside>"
    );
    let html = format!(
        "<html><body><article><h1>Gifts for paddlers</h1><p>{P1}</p>{picks}\
         <p><a href=\"/deals\">See all our gift deals</a></p><p>{P2}</p></article>{aside}</body></html>"
    );
    let a = Cleaner::default().clean_html(&html);
    let text = a.text();
    assert!(text.contains("https://shop.example/p0"), "{text}");
    assert!(text.contains("https://shop.example/p3"), "{text}");
    assert!(!text.contains("See all our gift deals"), "{text}");
}

fn teaser_row(items: &[(&str, &str)]) -> String {
    items
        .iter()
        .map(|(h, s)| {
            format!("<div class=\"item\"><h3><a href=\"/t\">{h}</a></h3><p>{s}</p></div>")
        })
        .collect()
}

const SUMMARY: &str = "A short summary of another story on the site, written to make the reader click through to it, with a few details, names and places.";

#[test]
fn a_row_of_teasers_beside_the_article_is_removed() {
    let row = teaser_row(&[
        ("Storm closes the harbour road", SUMMARY),
        ("School board elects a new chair", SUMMARY),
        ("Ferry timetable changes in June", SUMMARY),
    ]);
    let html = article_then(
        "Budget approved",
        &format!("<div class=\"more\"><h2>From the newsroom</h2>{row}</div>"),
    );
    let a = Cleaner::default().clean_html(&html);
    let text = a.text();
    assert!(text.contains(P1) && text.contains(SUMMARY_FREE), "{text}");
    assert!(!text.contains("A short summary of another story"), "{text}");
    let d = a
        .page
        .blocks
        .iter()
        .zip(&a.decisions)
        .find(|(b, _)| b.text == SUMMARY)
        .map(|(_, d)| d.clone());
    assert_eq!(
        d.and_then(|d| d.removed),
        Some(unboil::Category::RelatedList)
    );
}

const SUMMARY_FREE: &str = "The new schedule starts next month, and the council will publish a first report on how the money was spent before the summer break.";

/// A six-paragraph article under `h1`, then `after` beside it on the page.
fn article_then(h1: &str, after: &str) -> String {
    let body = [P1, P2, SUMMARY_FREE, P1, P2, SUMMARY_FREE].join("</p><p>");
    format!(
        "<html><body><div id=\"page\"><article><h1>{h1}</h1><div class=\"body\"><p>{body}</p></div></article>{after}</div></body></html>"
    )
}

#[test]
fn faq_answers_after_an_article_are_not_teasers() {
    // Questions that open their answers (accordion toggles are links).
    let row = teaser_row(&[
        ("How long does delivery take?", SUMMARY),
        ("Can I return an opened box?", SUMMARY),
        ("Do you ship abroad?", SUMMARY),
    ]);
    let html = article_then("Our boxes", &format!("<div class=\"faq\">{row}</div>"));
    let a = Cleaner::default().clean_html(&html);
    assert!(a.text().contains(SUMMARY), "{}", a.text());
}

#[test]
fn affiliate_disclosures_and_call_to_action_labels_are_removed() {
    let html = format!(
        "<html><body><article><h1>Best kettles</h1><p><em>We may earn a commission when you buy through links on this page.</em></p>\
         <p>{P1}</p><p>{P2}</p><p>{SUMMARY_FREE}</p><p><a class=btn href=/c>Get in touch</a></p><p>Was this article helpful?</p></article></body></html>"
    );
    let a = Cleaner::default().clean_html(&html);
    let text = a.text();
    assert!(text.contains(P2), "{text}");
    for gone in ["earn a commission", "Get in touch", "helpful"] {
        assert!(!text.contains(gone), "{gone} kept: {text}");
    }
    let d = a
        .page
        .blocks
        .iter()
        .zip(&a.decisions)
        .find(|(b, _)| b.text.contains("earn a commission"))
        .map(|(_, d)| (d.removed, d.rule.to_string()));
    assert_eq!(
        d,
        Some((
            Some(unboil::Category::Advertising),
            "ads.affiliate-disclosure".to_string()
        ))
    );
}

const COMMENT: &str = "I have been waiting for this for years, and honestly I think they should have done it much sooner, because the old one was really not good enough.";

fn comments_div(n: usize) -> String {
    let one = format!(
        "<div class=\"comment\"><div class=\"author\">reader</div><p>{COMMENT}</p><p>{SUMMARY_FREE}</p></div>"
    );
    format!("<div id=\"comments\">{}</div>", one.repeat(n))
}

#[test]
fn a_comment_thread_heavier_than_its_article_is_still_comments() {
    let html = format!(
        "<html><body><div id=\"content\"><div class=\"article\"><h1>New laptop due</h1><p>{P1}</p><p>{P2}</p><p>{SUMMARY_FREE}</p><p>{P1}</p><p>{P2}</p></div>{}</div></body></html>",
        comments_div(8)
    );
    let a = Cleaner::default().clean_html(&html);
    let text = a.text();
    assert!(text.contains(P2), "{text}");
    assert!(!text.contains("waiting for this for years"), "{text}");
}

#[test]
fn a_thread_with_no_article_beside_it_is_the_content() {
    let html = format!(
        "<html><body><div id=\"content\"><h1>Which laptop?</h1>{}</div></body></html>",
        comments_div(6)
    );
    let a = Cleaner::default().clean_html(&html);
    assert!(
        a.text().contains("waiting for this for years"),
        "{}",
        a.text()
    );
}

#[test]
fn form_notices_are_removed() {
    let html = format!(
        "<html><body><article><h1>Storm</h1><p>{P1}</p><p>{P2}</p><p>{SUMMARY_FREE}</p>\
         <form><p>* All fields are required</p><p>I agree to the processing of my personal data for the purpose of creating an account.</p><p>Please type the code</p></form></article></body></html>"
    );
    let a = Cleaner::default().clean_html(&html);
    let text = a.text();
    assert!(text.contains(P2), "{text}");
    for gone in [
        "fields are required",
        "processing of my personal data",
        "type the code",
    ] {
        assert!(!text.contains(gone), "{gone} kept: {text}");
    }
}

#[test]
fn cut_off_teasers_in_the_articles_column_are_removed() {
    // A ticker of linked headlines run together with summaries cut off
    // mid-sentence, in the same column as the article and before it.
    let cut = "Officials said on Tuesday that the plan would be reviewed again by a panel of experts before the end of the year, and that the...";
    let items: String = [
        "Storm closes the harbour road",
        "School board elects a new chair",
        "Ferry timetable changes in June",
        "Library opens on Sundays",
    ]
    .iter()
    .map(|h| format!("<li><a href=\"/t\">{h}</a> <span>{cut}</span></li>"))
    .collect();
    let html = format!(
        "<html><body><div class=\"column\"><div class=\"ticker\"><ul>{items}</ul></div>\
         <div class=\"story\"><h1>Budget approved</h1><p>{P1}</p><p>{P2}</p><p>{SUMMARY_FREE}</p><p>{P1}</p><p>{P2}</p><p>{SUMMARY_FREE}</p></div></div></body></html>"
    );
    let a = Cleaner::default().clean_html(&html);
    let text = a.text();
    assert!(text.contains(P2) && text.contains(SUMMARY_FREE), "{text}");
    assert!(!text.contains("Officials said on Tuesday"), "{text}");
}

#[test]
fn sign_in_prompts_after_a_thread_are_removed() {
    let html = format!(
        "<html><body><main><h1>Budget approved</h1><p>{P1}</p><p>{P2}</p><p>{SUMMARY_FREE}</p>\
         <div class=\"box\"><h3>Create an account or sign in to comment</h3><p>You need to be a member in order to leave a comment</p>\
         <p>Sign up for a new account in our community. It's easy!</p><p>Already have an account? Sign in here.</p>\
         <p><a href=\"/j\">Sign in</a> / <a href=\"/r\">Register</a></p></div></main></body></html>"
    );
    let a = Cleaner::default().clean_html(&html);
    let text = a.text();
    assert!(text.contains(P1) && text.contains(SUMMARY_FREE), "{text}");
    for gone in [
        "sign in to comment",
        "a member",
        "new account",
        "Already have",
        "Register",
    ] {
        assert!(!text.contains(gone), "{gone} kept: {text}");
    }
}

#[test]
fn newsletter_calls_and_form_messages_are_removed() {
    let html = format!(
        "<html><body><main><h1>Budget approved</h1><p>{P1}</p><p>{P2}</p><p>{SUMMARY_FREE}</p>\
         <div class=\"box\"><h3>Join our mailing list</h3><p>Subscribe here</p>\
         <p>Great! We've sent you an email to confirm your subscription.</p><p>You've been successfully signed up!</p></div></main></body></html>"
    );
    let a = Cleaner::default().clean_html(&html);
    let text = a.text();
    assert!(text.contains(P1) && text.contains(SUMMARY_FREE), "{text}");
    for gone in [
        "mailing list",
        "Subscribe here",
        "confirm your subscription",
        "signed up",
    ] {
        assert!(!text.contains(gone), "{gone} kept: {text}");
    }
}
