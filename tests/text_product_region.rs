//! Text whose HTML is gone, on product and category pages with no
//! article: where their content starts and ends. Small pages written here.

use unboil::Cleaner;

fn clean(text: &str) -> String {
    Cleaner::default().clean_text(text).text()
}

const MENU: &str = "Home\nHats\nScarves\nGloves\nSocks\nSale";
const FOOTER: &str = "About Us\nContact\nStores\nGift Cards\n© 2025 Northfield Goods";

/// A short product description: two paragraphs, no article.
const DESCRIPTION: &str = "A warm beanie knitted from soft merino wool, with a folded brim that keeps your ears covered on cold mornings.\nThe rib knit stretches to fit most heads and keeps its shape after many washes.";

/// A product page: its name, price, description and details, then
/// `after` (lines ending in a newline), then the footer.
fn product_page(after: &str) -> String {
    format!(
        "Alpine Wool Beanie | Northfield Goods\n{MENU}\n\
         Alpine Wool Beanie\n$24.00\n{DESCRIPTION}\n\
         Details\n100% merino wool\nHand wash cold\nMade in Portugal\n\
         {after}{FOOTER}"
    )
}

#[test]
fn a_product_s_content_starts_at_its_name_not_at_a_promotion_above_the_menu() {
    let text = format!(
        "Alpine Wool Beanie | Northfield Goods\n\
         Free delivery on every order over fifty dollars, and free returns within thirty days.\n\
         {MENU}\n\
         Alpine Wool Beanie\n$24.00\n{DESCRIPTION}\n\
         Details\n100% merino wool\nHand wash cold\nMade in Portugal\n\
         {FOOTER}"
    );
    let out = clean(&text);
    assert!(out.contains("folded brim"), "{out}");
    assert!(out.contains("$24.00"), "{out}");
    assert!(!out.contains("Free delivery on every order"), "{out}");
}

#[test]
fn a_product_s_content_ends_at_a_related_heading_with_the_footer_blurb_after_it() {
    let text = product_page(
        "You may also like\n\
         Harbor Knit Scarf\n$32.00\nTrail Fleece Gloves\n$18.00\nRidge Cable Hat\n$26.00\n\
         We have sold warm clothes from a small shop by the harbour since the spring of 1982.\n",
    );
    let out = clean(&text);
    assert!(out.contains("folded brim"), "{out}");
    assert!(out.contains("Made in Portugal"), "{out}");
    assert!(!out.contains("small shop by the harbour"), "{out}");
}

#[test]
fn a_listing_s_own_heading_before_most_of_its_items_does_not_end_it() {
    // "Latest articles" opens the list, which outweighs what came before
    // it: the items stay.
    let items: String = [
        "How to keep wool hats soft after washing them at home.",
        "Why merino wool stays warm even when it gets wet outside.",
        "Five scarves that go with every winter coat this year.",
        "What to look for in a pair of gloves for cycling to work.",
        "The best socks for long walks in the hills in autumn.",
    ]
    .iter()
    .map(|s| format!("{s}\nRead more\n"))
    .collect();
    let text = format!(
        "Journal | Northfield Goods\n{MENU}\nJournal\n\
         Stories about the clothes we make and the people who wear them.\n\
         Latest articles\n{items}{FOOTER}"
    );
    let out = clean(&text);
    assert!(out.contains("merino wool stays warm"), "{out}");
    assert!(out.contains("long walks in the hills"), "{out}");
}

#[test]
fn a_product_s_content_ends_at_a_reviews_heading_naming_it_when_most_words_are_before_it() {
    let text = product_page(
        "Care\nLay flat to dry, away from direct heat, and fold rather than hang it so the knit keeps its shape.\n\
         Reviews for Alpine Wool Beanie\n\
         Lovely hat, warm and soft, and it did not itch at all.\n\
         Ordered two, both fit well.\n",
    );
    let out = clean(&text);
    assert!(out.contains("folded brim"), "{out}");
    assert!(out.contains("Lay flat to dry"), "{out}");
    assert!(!out.contains("did not itch"), "{out}");
    assert!(!out.contains("Reviews for Alpine"), "{out}");
}
