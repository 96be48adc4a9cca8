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

#[test]
fn a_product_s_reviews_under_a_rating_breakdown_go_though_they_outweigh_its_description() {
    // Reviews cut from no one template (a title, a text, a byline that
    // differ in shape) and longer than the description: the breakdown of
    // star ratings under the heading tells they are the shop's reviews.
    let description = [
        "A warm beanie knitted from soft merino wool, with a folded brim that keeps your ears covered on cold mornings and windy evenings by the sea.",
        "The rib knit stretches to fit most heads and keeps its shape after many washes, so it looks as neat in its fifth winter as it did in its first.",
        "Merino fibres are finer than ordinary wool, which is why the beanie feels soft against the skin and does not itch, even for people who find most wool hats too scratchy to wear.",
        "The yarn is spun and dyed in a small mill in the north of Portugal, where the same family has worked with wool for three generations and still checks every batch by hand.",
        "Each beanie is finished by hand, and the brim is sewn down at the back so that it never works loose when you pull the hat on and off through a long day outdoors.",
    ]
    .join("\n");
    let reviews = "Warm and soft\n\
        I bought this for my morning runs along the river in January and it has been perfect. It keeps my ears warm without making me sweat, and it has not lost its shape after being washed many times.\n\
        by Dana from Leeds on March 2, 2025\n\
        Great gift\n\
        I gave one to my father for his birthday and he has worn it every single day since. He says it is the first wool hat that does not make his forehead itch, which is saying a lot for him.\n\
        by Tom on February 11, 2025\n\
        A bit small for me\n\
        The hat is lovely and the colour is exactly as shown, but I have a large head and it sits a little high above my ears. I will keep it for my daughter, who loves it already and wears it to school.\n\
        by Priya from Cork on January 20, 2025\n\
        Best beanie I own\n\
        After years of cheap acrylic hats this is a real change. It is warm on the coldest days on the hill, it dries quickly when it gets wet, and it still looks new after a whole season of hard use outdoors.\n\
        by Sam from Oban on December 5, 2024";
    let text = format!(
        "Alpine Wool Beanie | Northfield Goods\n{MENU}\nAlpine Wool Beanie\n$24.00\n{description}\n\
         Reviews\n4.6\n12 Reviews\n5 Stars\n80% 4 Stars\n10% 3 Stars\n5% 2 Stars\n5% 1 Stars\n\
         Write A Review\n{reviews}\n{FOOTER}"
    );
    let out = clean(&text);
    assert!(out.contains("folded brim"), "{out}");
    assert!(out.contains("sewn down at the back"), "{out}");
    assert!(!out.contains("4 Stars"), "{out}");
    assert!(!out.contains("morning runs along the river"), "{out}");
    assert!(!out.contains("cheap acrylic hats"), "{out}");
}

#[test]
fn a_related_heading_after_reviews_that_outweigh_the_description_still_ends_the_content() {
    // "Reviews" cannot end the content (more words follow it than come
    // before it); "You may also like" after the reviews can, and the
    // footer's blurb after its tiles stays out.
    let reviews = "I bought this for my morning runs along the river in January and it has been perfect, warm without making me sweat.\n\
        I gave one to my father for his birthday and he has worn it every single day since, which is saying a lot for him.\n\
        The hat is lovely and the colour is exactly as shown, though it sits a little high above my ears when I wear it.\n";
    let text = product_page(&format!(
        "Reviews\n{reviews}\
         You may also like\n\
         Harbor Knit Scarf\n$32.00\nTrail Fleece Gloves\n$18.00\nRidge Cable Hat\n$26.00\n\
         We have sold warm clothes from a small shop by the harbour since the spring of 1982.\n"
    ));
    let out = clean(&text);
    assert!(out.contains("folded brim"), "{out}");
    assert!(out.contains("Made in Portugal"), "{out}");
    assert!(!out.contains("Harbor Knit Scarf"), "{out}");
    assert!(!out.contains("small shop by the harbour"), "{out}");
}
