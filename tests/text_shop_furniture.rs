//! Text whose HTML is gone, on shop pages: the lines a shop theme prints
//! for its widgets (a listing's filter panel, the add-to-cart pop-up) are
//! not the page's content. Small pages written here.

use unboil::Cleaner;

fn clean(text: &str) -> String {
    Cleaner::default().clean_text(text).text()
}

const DESCRIPTION: &str = "The Ridgeline 30 is a light day pack for long hikes, with a padded back panel that keeps air moving and a hip belt that takes the weight off your shoulders on steep climbs.\nIts main compartment opens wide at the top, so a jacket, a lunch box and a first aid kit all fit in and come out again without unpacking everything else on the trail.\nTwo side pockets hold water bottles within reach, and a stretch pocket on the front takes a wet rain shell or a map you want to keep close while you walk.\nThe fabric is a recycled ripstop nylon with a water repellent finish that keeps light rain out, and the base is made of a heavier weave that stands up to rocks.";

#[test]
fn the_add_to_cart_pop_up_after_a_product_s_description_ends_the_content() {
    let page = format!(
        "Ridgeline 30 Day Pack | Trailhead Outfitters\nHome\nShop\nBackpacks\nRidgeline 30 Day Pack\n$89.00\nAdd to cart\n{DESCRIPTION}\nItem added to your cart\nContinue shopping\nTrail Guides\nHow to Pick a Pack How to Fit a Pack Layering for Cold Days Caring for Waterproof Gear Choosing Trail Shoes\nShop Packs\nDay Packs Hiking Packs Travel Packs Hydration Packs Kids Packs Pack Covers Spare Hip Belts\nAll of our packs are designed in our workshop in the hills, where we test every new model on the same trails our customers walk, in all weathers and in every season of the year."
    );
    let out = clean(&page);
    assert!(out.contains("recycled ripstop nylon"), "{out}");
    assert!(out.contains("stretch pocket on the front"), "{out}");
    for gone in [
        "Item added to your cart",
        "Continue shopping",
        "Hydration Packs",
        "designed in our workshop",
    ] {
        assert!(!out.contains(gone), "{gone:?} kept:\n{out}");
    }
}

#[test]
fn a_listing_s_filter_panel_and_empty_variant_slots_go_its_items_stay() {
    let items = [
        ("Dark Roast Coffee", "$18.99"),
        ("House Blend Coffee", "$16.99"),
        ("Decaf Espresso Roast", "$19.99"),
        ("Vanilla Cold Brew Pack", "$24.99"),
        ("Hazelnut Single-Serve Pods", "$14.99"),
    ];
    let mut page = String::from(
        "Coffee | Northside Roasters\nHome\nCoffee\nFair Trade Coffee\n24 products\nFilter and sort\nFilter by Price\n0 selected Reset\nClear Apply Apply\n",
    );
    for (name, price) in items {
        page.push_str(&format!("{name}\n{price}\nProduct variants\n"));
    }
    let out = clean(&page);
    for (name, price) in items {
        assert!(out.contains(name), "{name} lost:\n{out}");
        assert!(out.contains(price), "{price} lost:\n{out}");
    }
    for gone in [
        "Clear Apply Apply",
        "Product variants",
        "0 selected",
        "Filter by Price",
    ] {
        assert!(!out.contains(gone), "{gone:?} kept:\n{out}");
    }
}

#[test]
fn a_facet_s_price_ranges_and_rating_floors_with_counts_go_amid_the_items() {
    let page = "Coffee | Northside Roasters\nHome\nCoffee\nFair Trade Coffee\n24 products\nDark Roast Coffee\n$18.99\nHouse Blend Coffee\n$16.99\nPrice\n$0.00 to $19.99 (40)\n$20.00 to $49.99 (12)\nRating\n4 & up (31)\n3 & up (35)\nDecaf Espresso Roast\n$19.99\nVanilla Cold Brew Pack\n$24.99\nHazelnut Single-Serve Pods\n$14.99\n";
    let out = clean(page);
    for kept in [
        "Dark Roast Coffee",
        "$16.99",
        "Hazelnut Single-Serve Pods",
        "$14.99",
    ] {
        assert!(out.contains(kept), "{kept} lost:\n{out}");
    }
    for gone in ["to $19.99 (40)", "$20.00 to $49.99", "4 & up", "3 & up"] {
        assert!(!out.contains(gone), "{gone:?} kept:\n{out}");
    }
}

#[test]
fn a_sentence_about_a_basket_or_filters_is_not_a_widget() {
    let page = format!(
        "{DESCRIPTION}\nThe item added to your basket last year is still on sale at the same price this winter.\nShow all filters you want to use before you start searching for a new pack."
    );
    let out = clean(&page);
    assert!(out.contains("still on sale"), "{out}");
    assert!(out.contains("before you start searching"), "{out}");
}
