//! Text whose HTML is gone, on shop, service and forum pages: the page's
//! own text stays, the furniture around it (reviews, consent panels, each
//! post's buttons) goes. Small pages written here.

use unboil::Cleaner;

fn clean(text: &str) -> String {
    Cleaner::default().clean_text(text).text()
}

const MENU: &str = "Home\nShop\nBackpacks\nTents\nSleeping Bags\nClothing\nSale\nHelp\nCart";
const FOOTER: &str = "About Us\nCareers\nStores\nGift Cards\nShipping Policy\nReturns\nContact Us\n© 2025 Trailhead Outfitters";

const DESCRIPTION: &str = "The Ridgeline 30 is a light day pack for long hikes, with a padded back panel that keeps air moving and a hip belt that takes the weight off your shoulders on steep climbs.\nIts main compartment opens wide at the top, so a jacket, a lunch box and a first aid kit all fit in and come out again without unpacking everything else on the trail.\nTwo side pockets hold water bottles within reach, and a stretch pocket on the front takes a wet rain shell or a map you want to keep close while you walk.\nThe fabric is a recycled ripstop nylon with a water repellent finish that keeps light rain out, and the base is made of a heavier weave that stands up to rocks.";

/// One customer review, as a review widget lays it out: the reviewer,
/// where they live, a rating line, the review, the widget's buttons.
fn review(name: &str, title: &str, body: &str) -> String {
    format!(
        "{name}\nLocation: Leeds\nRated 5 out of 5 stars\n{title}\n{body}\nWas this helpful? Yes No"
    )
}

#[test]
fn a_product_s_customer_reviews_go_even_when_they_outweigh_its_description() {
    let reviews = [
        review(
            "Jordan",
            "Great pack for day hikes",
            "I took this pack on a ten mile loop last weekend and it carried my lunch, two litres of water and a spare layer without any trouble, and my back stayed dry the whole time.",
        ),
        review(
            "Priya",
            "Comfortable and roomy",
            "I was worried that the hip belt would rub on long days but it never did, and after three trips in the hills I can say that it is the most comfortable pack I have owned so far.",
        ),
        review(
            "Sam",
            "Good but the pockets are small",
            "The side pockets are a little tight for the big bottles I usually carry, so I had to switch to smaller ones, but apart from that the pack has been great on every walk I have done.",
        ),
        review(
            "Alex",
            "Worth the price",
            "I bought this one after my old pack tore on a fence and I am glad that I did, because it is lighter, it holds more, and it still looks new after a whole summer of use in the mountains.",
        ),
        review(
            "Morgan",
            "Fits a small frame well",
            "I am quite short and most packs sit too low on my hips, but the straps on this one adjust far enough that it sits where it should, and I could walk all day with it on.",
        ),
        review(
            "Chris",
            "Survived a week of rain",
            "We had rain for most of a week in the lakes and the things inside stayed dry every single day, although I did use a liner bag for my sleeping clothes just to be safe at night.",
        ),
        review(
            "Robin",
            "My new favourite",
            "This has become the pack that I grab for every outing, from short dog walks to long days on the ridges, and I have already told two of my friends that they should buy one too.",
        ),
    ]
    .join("\n");
    let text = format!(
        "Ridgeline 30 Day Pack | Trailhead Outfitters\n{MENU}\nRidgeline 30 Day Pack\n$129.00\n{DESCRIPTION}\nReviews\n4.8 out of 5 stars\nWrite a Review\nSort by\n{reviews}\n{FOOTER}"
    );
    let out = clean(&text);
    assert!(out.contains("padded back panel"), "{out}");
    assert!(
        out.contains("heavier weave that stands up to rocks"),
        "{out}"
    );
    assert!(!out.contains("ten mile loop"), "{out}");
    assert!(!out.contains("most comfortable pack I have owned"), "{out}");
    assert!(!out.contains("Rated 5 out of 5 stars"), "{out}");
}

#[test]
fn posts_under_a_heading_that_opens_the_page_are_its_content() {
    // A discussion page: the heading stands over the first post, with no
    // description before it. Its posts share a template too, and are the
    // content.
    let post = |name: &str, body: &str| {
        format!("{name}\nJoined\nMar 2019\nMessages\n1,204\n{body}\nReply\nLike")
    };
    let posts = [
        post(
            "hillwalker",
            "Has anyone here tried carrying a thirty litre pack on a two day hut trip, or is that too small once you add a sleeping bag liner and food for both days?",
        ),
        post(
            "mapreader",
            "I did that last spring with a twenty eight litre pack and it was fine, but only because the huts had blankets and I did not need to bring a stove or any pots.",
        ),
        post(
            "ridgeline",
            "It depends a lot on the season, because in autumn you need a warm layer and a proper shell, and those two alone fill half of a small pack before anything else goes in.",
        ),
        post(
            "hillwalker",
            "Thanks, that helps a lot, I think I will try it with the smaller pack first and leave the stove at home since the huts on my route all serve dinner in the evening.",
        ),
    ]
    .join("\n");
    let text =
        format!("Pack size for hut trips | Trail Forum\n{MENU}\nDiscussion\n{posts}\n{FOOTER}");
    let out = clean(&text);
    assert!(out.contains("thirty litre pack"), "{out}");
    assert!(out.contains("twenty eight litre pack"), "{out}");
    assert!(out.contains("leave the stove at home"), "{out}");
}

const ARTICLE: &str = "The council approved the new budget on Tuesday after a long debate, and the mayor said the money would go to schools, roads and the harbour.\nOpposition members argued that the plan leaves too little for housing, but they agreed to revisit the figures in the spring session of the council.\nResidents who spoke at the meeting asked for more buses in the evening, and the transport committee promised a report before the end of the year.\nThe largest share of the new money goes to the schools, where roofs will be repaired and two new classrooms built before the autumn term starts.";

#[test]
fn a_consent_panel_printed_after_the_content_goes_with_its_explanations() {
    let panel = "Your Privacy\nWe process your data to deliver content and to measure how the site is used, and you can change your choices at any time from the link at the foot of each page.\nAccept All\nReject All\nPerformance Cookies\nThese cookies allow us to count visits and traffic sources so that we can measure and improve how well the site works for the people who read it.\nTargeting Cookies\nThese cookies may be set through our site by our partners to build a profile of your interests and show you relevant adverts on other sites you visit.\nStrictly Necessary Cookies\nAlways Active\nThese cookies are needed for the website to work and cannot be switched off in our systems, as without them the pages would not load at all.\nConfirm My Choices";
    let text = format!(
        "Budget approved | The Paper\n{MENU}\nBudget approved\n{ARTICLE}\n{panel}\n{FOOTER}"
    );
    let a = Cleaner::default().clean_text(&text);
    let out = a.text();
    assert!(out.contains("two new classrooms"), "{out}");
    assert!(!out.contains("count visits and traffic sources"), "{out}");
    assert!(!out.contains("profile of your interests"), "{out}");
    assert!(!out.contains("cannot be switched off"), "{out}");
    // The audit says what the panel was.
    let (_, d) = a
        .page
        .blocks
        .iter()
        .zip(&a.decisions)
        .find(|(b, _)| b.text.contains("count visits"))
        .expect("the panel's line is a block");
    assert_eq!(d.removed, Some(unboil::Category::CookieNotice));
}

#[test]
fn a_q_and_a_page_loses_each_post_s_badges_and_dates_but_keeps_the_answers() {
    let answer = |body: &str, who: &str| {
        format!(
            "{body}\nShare\nImprove this answer\nFollow\nanswered Mar 4, 2021 at 9:15\n{who}\n12.4k 3 3 gold badges 41 41 silver badges 77 77 bronze badges\nAdd a comment |"
        )
    };
    let answers = [
        answer(
            "Run the backup from a live system only if you can stop the services that write to the disk, because otherwise the copy can catch files halfway through a change.",
            "diskwise",
        ),
        answer(
            "A simpler way is to copy the home folder and the list of installed packages, since everything else can be installed again from the package manager in a few minutes.",
            "pkglover",
        ),
        answer(
            "Whatever tool you use, test the restore on a spare machine once, because a backup that has never been restored is only a hope and not a plan for the bad day.",
            "oldadmin",
        ),
    ]
    .join("\n");
    let text = format!(
        "How do I back up my whole system? - Ask Admins\n{MENU}\nHow do I back up my whole system?\nAsked 3 years ago\nI want to keep a full copy of my laptop on an external drive so that I can get everything back if the disk fails, but I am not sure which files I need.\nShare\nImprove this question\nFollow\nedited Mar 2, 2021 at 18:40\n3 Answers\n{answers}\n{FOOTER}"
    );
    let out = clean(&text);
    assert!(out.contains("list of installed packages"), "{out}");
    assert!(out.contains("test the restore on a spare machine"), "{out}");
    assert!(!out.contains("gold badges"), "{out}");
    assert!(!out.contains("answered Mar 4, 2021"), "{out}");
    assert!(!out.contains("Improve this answer"), "{out}");
}

#[test]
fn short_items_under_a_line_ending_in_a_colon_are_a_list_not_a_menu() {
    let text = format!(
        "Ridgeline 30 Day Pack | Trailhead Outfitters\n{MENU}\nRidgeline 30 Day Pack\n{DESCRIPTION}\nEvery pack comes with these extras:\nDetachable Rain Cover\nHydration Sleeve\nSternum Strap Whistle\nTrekking Pole Loops\nReflective Trim\nAll of the extras can be removed when you want to save weight on a short walk, and they clip back on in a few seconds before the next trip.\n{FOOTER}"
    );
    let out = clean(&text);
    assert!(out.contains("Detachable Rain Cover"), "{out}");
    assert!(out.contains("Trekking Pole Loops"), "{out}");
    assert!(!out.contains("Sleeping Bags"), "{out}");
}

/// One tile of a shop's product grid, as a theme prints it without its
/// HTML: name, a blurb, the price, the theme's toggles.
fn tile(name: &str, blurb: &str, price: &str) -> String {
    format!("{name}\n{blurb}\n{price}\nUnit price / per\nQuickview\nAdd to Compare")
}

#[test]
fn a_product_grid_loses_its_sort_menu_and_tile_toggles_but_keeps_its_tiles() {
    let tiles = [
        tile(
            "Ridgeline 30 Day Pack",
            "A light day pack with a padded back panel and a hip belt that takes the weight off your shoulders on long climbs.",
            "$89.00",
        ),
        tile(
            "Summit 45 Trekking Pack",
            "A roomy pack for weekend trips, with a frame that carries heavy loads well and pockets that keep small things in reach.",
            "$149.00",
        ),
        tile(
            "Creek 20 Waist Pack",
            "A small pack that sits on your hips and holds a bottle, a phone and a snack for short runs along the river.",
            "$39.00",
        ),
        tile(
            "Alpine 60 Expedition Pack",
            "A large pack for long trips in the hills, with a lid that comes off and turns into a small bag for the summit day.",
            "$219.00",
        ),
        tile(
            "Meadow 15 Kids Pack",
            "A small pack made for young hikers, with soft straps, a whistle on the chest strap and bright colours that are easy to spot.",
            "$29.00",
        ),
    ]
    .join("\n");
    let text = format!(
        "Backpacks | Trailhead Outfitters\n{MENU}\nBackpacks\nPacks for every trail, from a short walk in the park to a week in the mountains, chosen and tested by our staff on their own trips before they reach the shop.\nFeatured Best selling Alphabetically, A-Z Alphabetically, Z-A Price, low to high Price, high to low Date, old to new Date, new to old\n{tiles}\nShow 24 results per page\n{FOOTER}"
    );
    let out = clean(&text);
    assert!(out.contains("Summit 45 Trekking Pack"), "{out}");
    assert!(out.contains("holds a bottle, a phone and a snack"), "{out}");
    assert!(!out.contains("low to high"), "{out}");
    assert!(!out.contains("Unit price / per"), "{out}");
    assert!(!out.contains("Quickview"), "{out}");
    assert!(!out.contains("Add to Compare"), "{out}");
    assert!(!out.contains("results per page"), "{out}");
}

#[test]
fn a_sort_order_said_in_a_sentence_is_prose() {
    let text = format!(
        "Choosing a Pack | Trailhead Outfitters\n{MENU}\nChoosing a Pack\n{DESCRIPTION}\nOn the shop page you can sort the packs by price from low to high, which is the quickest way to see what a small budget buys.\nSort them by weight instead and the light packs come first, which suits people who walk fast and far.\n{FOOTER}"
    );
    let out = clean(&text);
    assert!(
        out.contains("sort the packs by price from low to high"),
        "{out}"
    );
}

#[test]
fn a_player_s_embed_code_and_notices_go_but_the_story_around_them_stays() {
    let text = format!(
        "Trail Notes Podcast | Trailhead Outfitters\n{MENU}\nTrail Notes: Packing for Rain\n{DESCRIPTION}\ntoggle caption\nYour browser does not support the audio element.\nEmbed <iframe src=\"https://player.example.org/embed/episode-12\" width=\"100%\" height=\"290\" frameborder=\"0\" scrolling=\"no\" title=\"Trail Notes player\"></iframe>\nIn this episode our guides talk about the three layers they always carry, and about the day a storm caught them on the ridge without a map.\nThey also explain why a pack liner matters more than a cover, and how they dry their boots overnight in a tent.\n{FOOTER}"
    );
    let out = clean(&text);
    assert!(out.contains("the three layers they always carry"), "{out}");
    assert!(out.contains("dry their boots overnight"), "{out}");
    assert!(!out.contains("iframe"), "{out}");
    assert!(!out.contains("does not support"), "{out}");
    assert!(!out.contains("toggle caption"), "{out}");
}

#[test]
fn a_country_picker_printed_as_one_line_goes_but_a_sentence_naming_countries_stays() {
    let text = format!(
        "Contact Us | Trailhead Outfitters\n{MENU}\nContact Us\n{DESCRIPTION}\nWe ship to most countries, though parcels to Afghanistan, Albania, Algeria and Andorra can take three weeks or more to arrive.\nSelect your country Afghanistan Åland Islands Albania Algeria American Samoa Andorra Angola Anguilla Antarctica Argentina Armenia Aruba Australia Austria\nOur team answers every message within two working days, and orders placed before noon leave the warehouse on the same day.\n{FOOTER}"
    );
    let out = clean(&text);
    assert!(
        out.contains("parcels to Afghanistan, Albania, Algeria"),
        "{out}"
    );
    assert!(!out.contains("Anguilla"), "{out}");
    assert!(out.contains("within two working days"), "{out}");
}

#[test]
fn a_sponsored_tile_s_advertiser_label_goes_with_the_tile_text_kept() {
    let tiles = [
        ("Canvas Tool Roll", "A waxed canvas roll with eight pockets for chisels, awls and a small saw, tied with a leather strap.", "oakbench"),
        ("Brass Compass", "A pocket compass in a brass case with a glow dial, filled with oil so the needle settles fast.", "northmark"),
        ("Wool Camp Blanket", "A heavy blanket of felted wool that keeps a sleeper warm on cold nights by the fire.", "fellside"),
        ("Enamel Mug Set", "Four speckled enamel mugs that stack inside each other and hang from a pack on a carabiner.", "oakbench"),
    ]
    .iter()
    .map(|(name, blurb, shop)| format!("{name}\n{blurb}\nAdvertiser: {shop}"))
    .collect::<Vec<_>>()
    .join("\n");
    let text = format!(
        "Camp Gear | Trailhead Outfitters\n{MENU}\nCamp Gear\nThings for the camp at the end of the trail, made by small workshops and picked by our staff.\n{tiles}\n{FOOTER}"
    );
    let out = clean(&text);
    assert!(
        out.contains("felted wool that keeps a sleeper warm"),
        "{out}"
    );
    assert!(!out.contains("Advertiser:"), "{out}");
}
