//! Text whose HTML is gone, on shop pages with no article of their own:
//! where the content starts and ends when a policy panel's paragraphs or a
//! notice at the top outweigh the page's own short lines. Small pages
//! written here.

use unboil::Cleaner;

fn clean(text: &str) -> String {
    Cleaner::default().clean_text(text).text()
}

const MENU: &str = "Home\nHats\nScarves\nGloves\nSocks\nSale";
const FOOTER: &str = "About Us\nContact\nStores\nGift Cards\n© 2025 Northfield Goods";

/// A shop's refund policy and privacy notice, printed after the footer
/// (panels the page opens on a click): long prose under short headings.
const POLICIES: &str = "Refund policy\nClose\nRefund policy\n\
    Items bought between the first of November and the end of December may be returned for a refund until the end of January, as long as they are unworn, unwashed and still carry their original tags.\n\
    Final sale items cannot be returned or exchanged, and this includes gift cards, socks and any item that was marked as a final sale on the page where it was bought.\n\
    Customers pay for the return shipping of their items, and the shipping fees paid on the first order will not be refunded once the returned items have reached our warehouse.\n\
    We keep the right to refuse a return that does not meet these terms, and to cancel an order when an item was listed at a wrong price or is no longer in stock.\n\
    Privacy policy\nClose\nPrivacy policy\n\
    Northfield Goods processes the personal information of its customers to run its business, to fulfil their orders and to tell them about new products when they ask us to.\n\
    We collect the personal information that customers give us directly, such as their name, their email address, their delivery address and the details of their payment card.\n\
    We also collect some information automatically when customers use our website, such as the pages they visit, the device they use and the links they follow to reach us.\n\
    Customers may ask us at any time to see, correct or delete the personal information that we hold about them, by writing to the address given at the end of this notice.";

#[test]
fn a_product_page_whose_only_paragraphs_are_its_policies_keeps_its_own_lines() {
    // The refund policy is the only run of paragraphs; set aside, it
    // leaves a page with no article: the product's name, description
    // and details are its content, the privacy notice after the refund
    // policy is not.
    let text = format!(
        "Alpine Wool Beanie | Northfield Goods\n{MENU}\n\
         Alpine Wool Beanie\n$24.00\nSelect a size\n\
         A warm beanie knitted from soft merino wool, with a folded brim that keeps your ears covered.\n\
         Details\n100% merino wool\nHand wash cold\nMade in Portugal\n\
         Care\nDry it flat, away from the heat, so that it keeps its shape.\n\
         {FOOTER}\n{POLICIES}"
    );
    let out = clean(&text);
    assert!(out.contains("folded brim"), "{out}");
    assert!(out.contains("Made in Portugal"), "{out}");
    assert!(out.contains("keeps its shape"), "{out}");
    assert!(!out.contains("Final sale items"), "{out}");
    assert!(!out.contains("personal information"), "{out}");
}

/// One tile of a category page's grid: name, maker, item number, price.
fn tile(name: &str, maker: &str, number: &str, price: &str) -> String {
    format!("{name}\nManufacturer: {maker}\nItem Number: {number}\nPrice: {price}")
}

#[test]
fn a_grid_under_the_page_s_heading_is_its_content_however_much_a_notice_above_says() {
    // Two paragraphs of a shipping notice open the page, far above the
    // grid: they do not make the grid an item page's related items.
    let tiles = [
        tile(
            "Harbor Knit Scarf in Navy Blue",
            "Northfield",
            "NF-1021",
            "$32.00",
        ),
        tile(
            "Trail Fleece Gloves for Cold Mornings",
            "Ridgeway",
            "RW-3310",
            "$18.00",
        ),
        tile(
            "Ridge Cable Hat with a Folded Brim",
            "Northfield",
            "NF-2207",
            "$26.00",
        ),
        tile(
            "Coastal Wool Socks, Pack of Three",
            "Saltmarsh",
            "SM-0412",
            "$21.00",
        ),
        tile(
            "Fell Walker Beanie in Charcoal Grey",
            "Ridgeway",
            "RW-1187",
            "$22.00",
        ),
    ]
    .join("\n");
    let text = format!(
        "Winter Hats and Scarves | Northfield Goods\n\
         We are glad to offer free ground shipping on every order this winter, to every address on the mainland, with no minimum spend.\n\
         If you must have an item by a certain date, please call our team before you order so that we can tell you when it will arrive.\n\
         {MENU}\nWool\nFleece\nCotton\nNew In\nGifts\nBrands\nOutlet\nStores\n\
         Winter Hats and Scarves\nProducts 1-5 of 5\n{tiles}\n{FOOTER}"
    );
    let out = clean(&text);
    assert!(out.contains("Harbor Knit Scarf in Navy Blue"), "{out}");
    assert!(out.contains("Fell Walker Beanie in Charcoal Grey"), "{out}");
    assert!(out.contains("Item Number: SM-0412"), "{out}");
    assert!(!out.contains("free ground shipping"), "{out}");
}

#[test]
fn a_picture_s_address_printed_as_a_line_goes_but_a_page_s_address_stays() {
    // A theme's swatch thumbnails leak their file addresses into the
    // text; an address of a page on its own line is a citation.
    let text = format!(
        "Alpine Wool Beanie | Northfield Goods\n{MENU}\n\
         Alpine Wool Beanie\n$24.00\n\
         A warm beanie knitted from soft merino wool, with a folded brim that keeps your ears covered on cold mornings.\n\
         Colour: Charcoal\n\
         https://cdn.example.com/images/160x160/beanie_charcoal_thumb_1.jpg\n\
         Colour: Moss\n\
         https://cdn.example.com/images/160x160/beanie_moss_thumb_1.png?v=1712\n\
         Our knitting guide explains how each hat is made, from the yarn to the last stitch:\n\
         https://www.example.com/journal/how-we-knit\n\
         The rib knit stretches to fit most heads and keeps its shape after many washes.\n\
         {FOOTER}"
    );
    let out = clean(&text);
    assert!(out.contains("folded brim"), "{out}");
    assert!(!out.contains("beanie_charcoal_thumb_1.jpg"), "{out}");
    assert!(!out.contains("beanie_moss_thumb_1.png"), "{out}");
    assert!(
        out.contains("https://www.example.com/journal/how-we-knit"),
        "{out}"
    );
}
