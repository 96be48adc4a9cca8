//! Text whose HTML is gone, on a shop's list page with no article: its
//! grid of items is the content, even when sentences scattered over the
//! menus and the footer add up to more words than the grid's short lines.
//! Small pages written here.

use unboil::Cleaner;

fn clean(text: &str) -> String {
    Cleaner::default().clean_text(text).text()
}

#[test]
fn a_grid_outweighs_sentences_scattered_over_menus_and_footer() {
    let items = [
        ("Harbor Mug", "Stoneware, 350 ml", "$18.00"),
        ("Ridge Bowl", "Glazed by hand", "$24.00"),
        ("Tide Plate", "Set of two", "$32.00"),
        ("Dune Vase", "Matte sand finish", "$41.00"),
        ("Cove Jug", "Holds a litre", "$29.00"),
        ("Reef Cup", "Espresso size", "$12.00"),
    ];
    let grid: String = items
        .iter()
        .map(|(name, note, price)| format!("{name}\n{note}\n{price}\nAdd to cart\n"))
        .collect();
    let text = format!(
        "Ceramics | Larkspur Studio\nCeramics\n6 products\n{grid}\
         Shop\nJournal\nStockists\nWorkshops\nAbout\nVisit Us\nFAQ\nWholesale\n\
         Every piece is thrown by hand in our small studio by the sea, so no two of them are ever quite the same.\n\
         Gift Cards\nCare Guide\nShipping\nReturns\nTrade\nPress\n\
         Orders placed before noon on a weekday leave the studio on the same day, packed in paper that you can recycle.\n\
         Instagram\nPinterest\nNewsletter\nContact\nCareers\nPrivacy\n\
         Prices are shown in US dollars and include sales tax where it applies; duties for orders abroad are paid on delivery.\n\
         © 2026 Larkspur Studio\n"
    );
    let out = clean(&text);
    for (name, _, price) in items {
        assert!(out.contains(name), "item {name} lost:\n{out}");
        assert!(out.contains(price), "price {price} lost:\n{out}");
    }
    assert!(
        !out.contains("duties for orders abroad"),
        "footer fine print kept:\n{out}"
    );
    assert!(!out.contains("thrown by hand"), "blurb kept:\n{out}");
}

/// A studio shop's nine items, named and priced: a grid large enough
/// (eight items or more) to outweigh the prose the region stretches over.
const STUDIO_ITEMS: [(&str, &str); 9] = [
    ("Harbor Mug", "$18.00"),
    ("Ridge Bowl", "$24.00"),
    ("Tide Plate", "$32.00"),
    ("Dune Vase", "$41.00"),
    ("Cove Jug", "$29.00"),
    ("Reef Cup", "$12.00"),
    ("Kelp Tray", "$22.00"),
    ("Shoal Dish", "$16.00"),
    ("Bay Pitcher", "$38.00"),
];

/// `STUDIO_ITEMS` as the page prints them: name, blurb, price, button.
fn studio_grid() -> String {
    STUDIO_ITEMS
        .iter()
        .map(|(name, price)| format!("{name}\nStoneware, made by hand\n{price}\nAdd to cart\n"))
        .collect()
}

#[test]
fn a_large_grid_drops_a_promotion_the_bounds_stretch_over() {
    let grid = studio_grid();
    let text = format!(
        "Ceramics | Larkspur Studio\nShop\nJournal\nStockists\n\
         Free shipping on every order over fifty dollars, and returns stay free for thirty days.\n\
         Workshops\nAbout\nVisit Us\nGift Cards\nCare Guide\nTrade\nPress\nCeramics\n9 products\n{grid}\
         Instagram\nPinterest\nNewsletter\nContact\nCareers\nPrivacy\nShipping\nReturns\n\
         Prices are shown in US dollars and include sales tax where it applies to your order.\n\
         © 2026 Larkspur Studio\n"
    );
    let out = clean(&text);
    for (name, price) in STUDIO_ITEMS {
        assert!(out.contains(name), "item {name} lost:\n{out}");
        assert!(out.contains(price), "price {price} lost:\n{out}");
    }
    assert!(!out.contains("Free shipping"), "promotion kept:\n{out}");
}

#[test]
fn a_thread_of_dated_posts_keeps_the_opening_post_before_its_replies() {
    let replies = [
        (
            "anna",
            "not yet, the list comes out at the end of the month",
        ),
        ("ben", "got a letter today so they are going out now"),
        ("carl", "mine came on tuesday with the new fees"),
        ("dora", "still waiting here, nothing in the post"),
        ("emil", "call the office, they answered me quickly"),
        ("fay", "same for me, the fees went up again"),
        ("gus", "they told me the berths are all taken"),
        ("hana", "heard the same thing from the harbour master"),
        ("ivo", "good luck, hope you get one this year"),
    ];
    let posts: String = replies
        .iter()
        .enumerate()
        .map(|(i, (name, reply))| format!("{name}\nJul {}, 2024\n{reply}\nReply\n", 18 + i))
        .collect();
    let text = format!(
        "Winter berths | Harbour Forum\nForums\nMarina\nWinter berths\nStarted by olga\n\
         Has anyone heard back from the harbour office about winter berths yet?\n\
         I sent my form in June and have heard nothing since.\n\
         Share this thread\nSort by date\n{posts}\
         You must log in to reply.\nAbout this forum\n\
         This forum is run by volunteers who keep boats in the harbour all year round. We talk about berths, moorings, repairs and the weather, and we are always glad to welcome new members who want to learn.\n\
         © 2026 Harbour Forum\n"
    );
    let out = clean(&text);
    assert!(
        out.contains("I sent my form in June"),
        "opening post lost:\n{out}"
    );
    for (_, reply) in replies {
        assert!(out.contains(reply), "reply {reply:?} lost:\n{out}");
    }
}

#[test]
fn a_large_grid_keeps_the_sentences_just_above_and_below_it() {
    let grid = studio_grid();
    let text = format!(
        "Ceramics | Larkspur Studio\nShop\nJournal\nStockists\n\
         Free shipping on every order over fifty dollars this month, and returns stay free for thirty days after your parcel arrives at your door.\n\
         Workshops\nAbout\nVisit Us\nGift Cards\nCare Guide\nTrade\nPress\nCeramics\n\
         Each piece in this range is thrown and glazed by hand in our studio.\nShop\n{grid}\
         Shop\nJournal\nStockists\nNo two pieces are quite alike, so yours may differ a little from these.\n\
         Instagram\nPinterest\nNewsletter\nContact\nCareers\nPrivacy\nShipping\nReturns\n\
         © 2026 Larkspur Studio\n"
    );
    let out = clean(&text);
    assert!(out.contains("thrown and glazed"), "intro lost:\n{out}");
    assert!(out.contains("No two pieces"), "closing note lost:\n{out}");
    assert!(!out.contains("Free shipping"), "promotion kept:\n{out}");
}
