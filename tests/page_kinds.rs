//! Non-article pages (shops, listings, threads): behaviours decided from a
//! page's own structure, on small pages made here.

use unboil::Cleaner;

const DESC: &str = "This merino wool jumper is knitted in a small mill, washes cold without shrinking and keeps you warm on windy walks.";

#[test]
fn text_shown_again_for_another_screen_size_is_kept_once() {
    // Responsive themes print the same description for desktop and for
    // phones, in differently shaped containers: the body needs it once.
    let html = format!(
        "<html><body><main><h1>Merino jumper</h1>\
         <div class=\"desktop\"><p>{DESC}</p></div>\
         <div class=\"mobile\"><div class=\"copy\"><p>{DESC}</p></div></div>\
         <p>Hand wash or machine wash on a wool cycle, then dry it flat in the shade away from any radiator.</p>\
         </main></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert_eq!(text.matches("knitted in a small mill").count(), 1, "{text}");
    assert!(text.contains("dry it flat in the shade"), "{text}");
}

#[test]
fn a_line_repeated_in_every_item_of_a_list_is_kept() {
    // Coupons, steps or product tiles of one shape may each carry the
    // same line: it belongs to every item.
    let mut items = String::new();
    for (i, what) in [
        "boiler service",
        "drain cleaning",
        "leak repair",
        "fuse box check",
    ]
    .iter()
    .enumerate()
    {
        items.push_str(&format!(
            "<li class=\"coupon\"><h3>${}0 off any {what}</h3>\
             <div class=\"terms\"><p>Must be shown before the work starts on the day.</p></div></li>",
            i + 2
        ));
    }
    let html = format!(
        "<html><body><main><h1>Coupons</h1><p>Save on your next visit from our licensed team with these offers, valid all year round.</p>\
         <ul class=\"coupons\">{items}</ul></main></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert_eq!(
        text.matches("Must be shown before the work starts").count(),
        4,
        "{text}"
    );
}

/// A reply of a thread: a byline and the post's text in a container that
/// themes class as a comment.
fn reply(who: &str, text: &str) -> String {
    format!(
        "<li class=\"comments_subtree\"><div class=\"byline\">{who} 2 days ago</div>\
         <div class=\"comment_text\"><p>{text}</p></div></li>"
    )
}

#[test]
fn a_thread_marked_as_comments_with_no_article_is_the_body() {
    // A link aggregator's story page: a linked title, then the discussion,
    // every post classed as a comment. The posts are the page.
    let posts = [
        "I have been waiting for this change for years, since cloning handles in every closure made the code noisy and hard to follow.",
        "The proposal keeps the explicit form for people who want it, which answers most of the worries raised in the earlier thread.",
        "We tried the nightly build on a large service last week and the compile times did not move at all, which surprised the team.",
        "Good summary. The section on build scripts running in a sandbox is the part I would most like to see land this year.",
        "Does anyone know whether the new trait solver is still blocking the async closures work, or has that been untangled by now?",
    ];
    let mut thread = String::new();
    for (i, p) in posts.iter().enumerate() {
        thread.push_str(&reply(&format!("user{i}"), p));
    }
    let html = format!(
        "<html><body><nav><a href=/>Home</a> <a href=/recent>Recent</a></nav>\
         <div id=\"inside\"><div class=\"story\"><a href=\"https://example.org/goals\">Project goals for the year</a></div>\
         <ol id=\"story_comments\" class=\"comments\">{thread}</ol></div></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    for p in posts {
        assert!(text.contains(&p[..40]), "missing {p:?} in {text}");
    }
}

#[test]
fn comments_under_an_article_are_still_removed() {
    // The same comment markup under a real article stays comments.
    let para = "The council approved the new cycle lanes on Tuesday after a long debate about parking, deliveries and the cost of the works to local shops.";
    let body = format!("<p>{para}</p>").repeat(4);
    let html = format!(
        "<html><body><article class=\"post\"><h1>Cycle lanes approved</h1><div class=\"entry-content\">{body}</div></article>\
         <ol class=\"comments\">{}</ol></body></html>",
        reply(
            "reader",
            "Finally, though I wish they had gone further and closed the whole street to cars on weekends as well."
        )
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(text.contains("cycle lanes on Tuesday"), "{text}");
    assert!(!text.contains("closed the whole street"), "{text}");
}

#[test]
fn replies_under_an_opening_post_shaped_like_them_are_the_thread() {
    // A forum theme prints the question and the replies in the same post
    // markup, only the replies in a container classed as comments: a long
    // question is the thread's first post, not an article over comments.
    let post = |id: &str, text: &str| {
        format!(
            "<div id=\"{id}\" class=\"post\"><div class=\"item-body\"><div class=\"message\"><p>{text}</p></div></div></div>"
        )
    };
    let question = [
        "I moved our team's wiki to the new host last month and since then every page with an embedded diagram loads twice as slowly as before.",
        "The diagrams are plain images, nothing clever, and the old host served them from the same folder without any trouble at all.",
        "I have cleared the caches, checked the image sizes and turned off the theme's lazy loading, but none of that changed the timings.",
        "The pages without diagrams are as fast as they always were, so the database and the wiki software itself seem fine to me.",
        "Has anyone seen this after a move, and is there a setting on the new host that controls how static files are served?",
    ];
    let opening: String = question
        .iter()
        .enumerate()
        .map(|(i, q)| post(&format!("q{i}"), q))
        .collect();
    let replies = [
        post("c1", "Check whether the new host compresses images again on every request; ours did until we turned it off."),
        post("c2", "Same here. It was the image proxy, which is on by default for new sites and resizes every picture it serves."),
        post("c3", "Also look at the cache headers on the image folder: the old host sent long expiry times and the new one may send none at all."),
        post("c4", "Thanks, all of you. The proxy was on, and turning it off brought the pages back to their old speed within the hour."),
        post("c5", "Good to hear. Worth writing that down on the wiki itself, so the next person who moves a site finds it straight away."),
    ]
    .concat();
    let html = format!(
        "<html><body><main><h1>Slow pages after moving the wiki</h1>{opening}\
         <div class=\"comments\">{replies}</div></main></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(text.contains("embedded diagram"), "{text}");
    assert!(text.contains("compresses images again"), "{text}");
    assert!(text.contains("image proxy"), "{text}");
}

const POLICY: &str = "We collect the personal information you give us when you place an order, create an account or contact support, and we use it to process payments, deliver goods and answer your questions.";

#[test]
fn a_policy_in_a_modal_is_not_the_products_content() {
    // A shop page ships its privacy policy in a hidden-until-clicked modal
    // with more prose than the product itself: the overlay is not the page.
    let policy = format!("<p>{POLICY}</p>").repeat(2);
    let links: String = [
        "Men",
        "Women",
        "Kids",
        "Sale",
        "New arrivals",
        "Runners",
        "Loungers",
        "Trail shoes",
        "Socks",
        "Gift cards",
        "Our story",
        "Materials",
        "Sustainability",
        "Stores",
        "Careers",
        "Press",
        "Help centre",
        "Returns",
        "Shipping",
        "Order status",
        "Contact us",
        "Affiliates",
        "Reviews",
        "Size guide",
        "Care guide",
        "Student discount",
        "Refer a friend",
        "Accessibility",
    ]
    .iter()
    .map(|l| format!("<li><a href=\"/x\">{l}</a></li>"))
    .collect();
    let html = format!(
        "<html><body><main><div class=\"product-info\"><h1>Wool runner</h1><div class=\"price\">$98.00</div>\
         <div class=\"description\"><p>{DESC}</p><p>Light, soft and breathable, the runner is made with merino from farms we visit every year.</p></div></div></main>\
         <footer><ul class=\"links\">{links}</ul><div id=\"modal-privacy-policy\" class=\"modal\"><div class=\"prose\"><h2>Privacy policy</h2>{policy}</div></div></footer>\
         </body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(text.contains("knitted in a small mill"), "{text}");
    assert!(!text.contains("process payments"), "{text}");
}

#[test]
fn a_modal_holding_most_of_the_page_is_its_content() {
    // A page whose text a script shows in a viewer: the overlay is all
    // there is, so it is the content.
    let body = format!("<p>{DESC}</p>").repeat(3);
    let html = format!(
        "<html><body><div class=\"menu\"><a href=/>Home</a></div>\
         <div class=\"lightbox-viewer\"><h1>Care guide</h1>{body}</div></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(text.contains("knitted in a small mill"), "{text}");
}

#[test]
fn a_caption_classed_card_part_with_a_price_is_kept_and_a_picture_caption_is_not() {
    // Card themes call a card's text part its caption (`card__caption`):
    // on a shop's category page that is each product's blurb and price,
    // the page's content. Caption markup never holds a price.
    let mut cards = String::new();
    for (name, blurb, price) in [
        (
            "Canvas tote",
            "A heavy cotton bag with a flat base, sized for the weekly shop.",
            "$24.00",
        ),
        (
            "Field notebook",
            "Ninety-six dotted pages, bound by hand in a waxed paper cover.",
            "$12.50",
        ),
        (
            "Enamel mug",
            "A camp mug that survives the fire, the pack and the dishwasher.",
            "$18.00",
        ),
        (
            "Wool socks",
            "Thick knitted socks, made for boots on long winter walks.",
            "$21.00",
        ),
    ] {
        cards.push_str(&format!(
            "<li class=\"card\"><img src=\"x.jpg\" alt=\"\"><div class=\"card__caption\">\
             <h3><a href=\"/p\">{name}</a></h3><p>{blurb}</p><span class=\"price\">Sale price {price}</span></div></li>"
        ));
    }
    let html = format!(
        "<html><body><main><h1>Gifts</h1><ul class=\"grid\">{cards}</ul></main></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    for part in [
        "heavy cotton bag",
        "dotted pages",
        "survives the fire",
        "knitted socks",
        "Sale price $21.00",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }

    // A picture's caption in an article, classed just so, is still not
    // its text.
    let article = "<html><body><article><h1>Harbour reopens</h1>\
        <p>The harbour reopened to fishing boats on Monday after three weeks of repairs to the storm-damaged sea wall, the council said.</p>\
        <div class=\"photo\"><img src=\"h.jpg\" alt=\"\"><div class=\"caption\">Boats return to the inner basin at dawn, watched by a crowd on the quay.</div></div>\
        <p>Crews worked through the nights to replace the broken stones before the spring tides, and the last section was finished on Friday.</p>\
        <p>Traders on the quay said the closure had cost them most of a month of sales, and asked the council for help with their rents.</p>\
        </article></body></html>";
    let text = Cleaner::default().clean_html(article).text();
    assert!(!text.contains("Boats return to the inner basin"), "{text}");
    assert!(text.contains("last section was finished"), "{text}");
}

#[test]
fn customer_reviews_under_a_product_are_removed_and_a_reviews_section_of_text_is_not() {
    // A product page: the product's description, then shoppers' reviews
    // under a "Customer reviews" heading. The body is the product.
    let html = "<html><body><main><h1>Trail runner 3</h1>\
        <p>A light trail shoe with a grippy lugged sole, a rock plate under the forefoot and a roomy toe box for long days out.</p>\
        <p>The upper is a tough recycled mesh that drains fast after river crossings and dries overnight by the tent.</p>\
        <h2>Customer reviews (2)</h2>\
        <div class=\"r\"><h3>Great grip</h3><p>Reviewed in the United States on March 4, 2025</p>\
        <p>I wore these on a muddy fell race last weekend and never slipped once, even on the wet rocks near the top.</p></div>\
        <div class=\"r\"><h3>Runs small</h3><p>Reviewed in Canada on May 1, 2025</p>\
        <p>Order half a size up if you like thick socks, mine pinched a little at the toes for the first week.</p></div>\
        <p>Was this review helpful?</p>\
        </main></body></html>";
    let text = Cleaner::default().clean_html(html).text();
    assert!(text.contains("grippy lugged sole"), "{text}");
    assert!(text.contains("dries overnight by the tent"), "{text}");
    for gone in [
        "muddy fell race",
        "Reviewed in",
        "Order half a size up",
        "review helpful",
    ] {
        assert!(!text.contains(gone), "{gone}: {text}");
    }

    // A film article's section titled "Reviews" is its own text.
    let article = "<html><body><article><h1>The long winter</h1>\
        <p>The film follows a lighthouse keeper through one snowbound season on a rock off the northern coast, alone with his radio.</p>\
        <h2>Reviews</h2>\
        <p>Critics praised the slow pace and the sound design, and several called it the director's most personal work so far.</p>\
        <p>Some found the final act too quiet, though most agreed that the lead performance carried the film through it.</p>\
        </article></body></html>";
    let text = Cleaner::default().clean_html(article).text();
    assert!(text.contains("Critics praised the slow pace"), "{text}");
    assert!(text.contains("lead performance carried"), "{text}");
}

const MORE: &str = "The yarn comes from one farm in the hills, where the sheep graze outdoors all year and are shorn by hand each spring before the summer heat sets in.";
const FIT: &str = "It is cut long in the body and the sleeves, with a ribbed hem and cuffs that hold their shape, so it layers over a shirt or under a coat without bunching up.";
const CARE: &str = "Each jumper is finished by hand, checked for loose ends and folded into a recycled paper bag, so it reaches you ready to wear and without any plastic at all.";

/// A product page: a description and a spec list, then shoppers' reviews in
/// a review widget's container.
fn product_with_reviews(reviews_class: &str) -> String {
    let reviews = [
        "Bought this for my daughter and she wears it every single day now, even when the weather turns cold and wet.",
        "The stitching came loose after a month, but the shop replaced it quickly and the new one has held up well since.",
        "Runs a little small in the shoulders, so order one size up if you like a looser fit over a shirt in winter.",
        "Lovely colour and soft on the skin, nothing like the itchy wool jumpers I remember wearing as a child at school.",
    ];
    let mut items = String::new();
    for (i, r) in reviews.iter().enumerate() {
        items.push_str(&format!(
            "<div class=\"review-item\"><div class=\"review-author\">Shopper {i}</div>\
             <div class=\"review-text\"><p>{r}</p></div></div>"
        ));
    }
    format!(
        "<html><body><main><div class=\"product\"><h1>Merino jumper</h1>\
         <div class=\"description\"><p>{DESC}</p><p>{MORE}</p><p>{CARE}</p><p>{FIT}</p>\
         <ul><li>Fabric: 100% merino wool</li><li>Fit: regular</li><li>Care: hand wash cold</li></ul></div>\
         <section class=\"{reviews_class}\"><h2>What shoppers say</h2>{items}</section>\
         </div></main></body></html>"
    )
}

#[test]
fn customer_reviews_under_a_product_are_removed() {
    // Customers' reviews are the shop's comments: the product's body is
    // its description and specs.
    let text = Cleaner::default()
        .clean_html(&product_with_reviews("customer-reviews"))
        .text();
    assert!(text.contains("knitted in a small mill"), "{text}");
    assert!(text.contains("Fabric: 100% merino wool"), "{text}");
    assert!(!text.contains("order one size up"), "{text}");
    assert!(!text.contains("stitching came loose"), "{text}");
}

#[test]
fn a_section_not_marked_as_reviews_stays() {
    // The same texts in a section of the page's own (quotes the shop picked
    // for its story) are no widget's: nothing marks them as comments.
    let text = Cleaner::default()
        .clean_html(&product_with_reviews("our-story"))
        .text();
    assert!(text.contains("knitted in a small mill"), "{text}");
    assert!(text.contains("order one size up"), "{text}");
}

const CONSENT: &str = "We and our partners store and read information on your device, such as cookies and unique identifiers, to measure how the site is used and to show you advertising that fits your interests.";

/// A listing page of linked recipe cards, with `extra` at the end of the body.
fn card_listing(extra: &str) -> String {
    let cards: String = [
        "Ten quick soups for cold evenings",
        "Sheet pan dinners for busy weeknights",
        "Slow cooker stews we make every winter",
        "Easy pasta bakes for a crowd",
        "Weeknight curries ready in thirty minutes",
        "Salads hearty enough for dinner",
    ]
    .iter()
    .map(|t| {
        format!(
            "<div class=\"card\"><a href=\"/r\"><span class=\"card-title\">{t}</span></a>\
             <div class=\"card-meta\">By the test kitchen</div></div>"
        )
    })
    .collect();
    format!(
        "<html><body><main><h1>Dinner recipes</h1><p>Our most loved dinners.</p>\
         <div class=\"card-list\">{cards}</div></main>{extra}</body></html>"
    )
}

#[test]
fn a_consent_panel_is_not_the_content_of_a_listing() {
    // A consent tool's settings panel carries paragraphs of policy prose,
    // more than the page's linked cards: it is never the content.
    let panel = format!(
        "<div id=\"cookie-consent-sdk\"><div class=\"settings\"><h2>Your privacy</h2>{}</div></div>",
        format!("<p>{CONSENT}</p>").repeat(5)
    );
    let text = Cleaner::default().clean_html(&card_listing(&panel)).text();
    assert!(
        text.contains("Sheet pan dinners for busy weeknights"),
        "{text}"
    );
    assert!(text.contains("Salads hearty enough for dinner"), "{text}");
    assert!(!text.contains("unique identifiers"), "{text}");
}

#[test]
fn a_cookie_policy_page_in_a_cookie_classed_wrapper_is_kept() {
    // A site's cookie policy page: its text sits in a wrapper named for
    // cookies, but holds the page's heading, so it is the content.
    let html = format!(
        "<html><body><nav><a href=/>Home</a> <a href=/about>About</a></nav>\
         <div class=\"cookie-policy\"><h1>Cookie policy</h1>{}</div></body></html>",
        format!("<p>{CONSENT}</p>").repeat(3)
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(text.contains("unique identifiers"), "{text}");
}

#[test]
fn headlines_in_the_headers_of_a_river_of_articles_are_kept() {
    // A news index: each teaser is an <article> whose headline sits in its
    // own <header>, which is no page banner; the page's header still is.
    let teasers: String = [
        ("Harbour ferry returns after a winter of repairs", "The old boat is back on the water with a new engine and a fresh coat of paint for the summer crossings."),
        ("Library opens its doors on Sunday afternoons", "From next month readers can borrow books and use the reading room on Sundays from noon until five."),
        ("Market square gets new benches and trees", "Twelve oak trees and twenty benches were put in this week after a vote by the people who live nearby."),
        ("School choir wins the regional contest again", "The choir sang three songs in four languages and took home the cup for the second year in a row."),
    ]
    .iter()
    .map(|(h, s)| {
        format!(
            "<article class=\"river-item\"><header><h2><a href=\"/n\">{h}</a></h2></header><p>{s}</p></article>"
        )
    })
    .collect();
    let html = format!(
        "<html><body><header><div class=\"brand\">The Town Crier</div><a href=\"/login\">Sign in to your account</a></header>\
         <main><h1>Latest news</h1><section class=\"river\">{teasers}</section></main></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(
        text.contains("Library opens its doors on Sunday afternoons"),
        "{text}"
    );
    assert!(
        text.contains("School choir wins the regional contest again"),
        "{text}"
    );
    assert!(!text.contains("Sign in to your account"), "{text}");
}

#[test]
fn a_section_or_card_header_class_is_not_the_site_header() {
    // `section-header`, `card-header`: a part of the page names its own
    // heading block; only the site's header (`site-header`) is chrome.
    let html = format!(
        "<html><body><div class=\"site-header\"><a href=/>Home</a> <a href=/shop>Shop all our products</a></div>\
         <main><h1>Merino jumper</h1><p>{DESC}</p>\
         <div class=\"section-header\"><h2>Made to last</h2><p>Every jumper is checked by hand before it leaves the mill.</p></div>\
         <p>Hand wash or machine wash on a wool cycle, then dry it flat in the shade away from any radiator.</p>\
         <div class=\"card\"><div class=\"card-header\">Free repairs for life</div>\
         <p>Send it back with a note and we darn any hole for free, however old the jumper is.</p></div>\
         </main></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(text.contains("Every jumper is checked by hand"), "{text}");
    assert!(text.contains("Free repairs for life"), "{text}");
    assert!(!text.contains("Shop all our products"), "{text}");
}

#[test]
fn a_components_own_header_is_not_the_site_header() {
    // A BEM `listing__header` or an `accordion-header` heads one component
    // of the page; a `site__header` is still the site's chrome.
    let html = format!(
        "<html><body><div class=\"site__header\"><a href=/>Home</a> <a href=/jobs>Browse every open position</a></div>\
         <main><h1>Harbour pilot</h1><p>{DESC}</p>\
         <div class=\"listing\"><div class=\"listing__header\"><h3>Night shift pilot wanted</h3></div>\
         <p>Guide cargo ships into the harbour between ten at night and six in the morning.</p></div>\
         <div class=\"accordion\"><div class=\"accordion-header\">What licence do I need?</div>\
         <p>A pilot licence for the harbour, which the port trains you for in the first six months.</p></div>\
         </main></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(text.contains("Night shift pilot wanted"), "{text}");
    assert!(text.contains("What licence do I need?"), "{text}");
    assert!(!text.contains("Browse every open position"), "{text}");
}

#[test]
fn a_header_introducing_a_section_is_content_but_a_row_title_is_not() {
    // A `header` inside `main` or a `section` with the h1 and a lede heads
    // the content; one holding only a row's title and a "see all" link,
    // or the site's menu, stays chrome.
    let html = format!(
        "<html><body><header><a href=/>Home</a> <a href=/pricing>Compare our pricing plans</a></header>\
         <main><section><header><h1>Record a video in one click</h1>\
         <p>Share a short screen recording with your team instead of booking yet another meeting.</p></header>\
         <p>{DESC}</p><p>Recordings upload while you talk, so the link is ready the moment you stop.</p></section>\
         <section><header><h2>Popular this week</h2><a href=/all>See every popular recording</a></header></section>\
         </main></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(
        text.contains("instead of booking yet another meeting"),
        "{text}"
    );
    assert!(!text.contains("Compare our pricing plans"), "{text}");
    assert!(!text.contains("See every popular recording"), "{text}");
}

#[test]
fn a_consent_managers_dialog_is_not_the_page_even_when_it_outweighs_it() {
    // A short thread under a consent manager's preference dialog, whose
    // purpose descriptions hold more prose than the posts: the dialog is
    // never the content, however much of the page it holds.
    let purpose = "These cookies let us and our partners build a profile of your interests and show you relevant adverts on other sites you visit, and if you do not allow them you will see less targeted advertising.";
    let dialog: String = (0..6)
        .map(|i| {
            format!(
                "<section class=\"ot-cat-grp\"><h3>Purpose {i}</h3><p class=\"ot-desc\">{purpose}</p></section>"
            )
        })
        .collect();
    let html = format!(
        "<html><body><div id=\"content\"><table>\
         <tr><td class=\"msg\"><p>Does the new case take a 360 mm radiator on top, or only on the front panel?</p></td></tr>\
         <tr><td class=\"msg\"><p>It fits on top, but only with slim fans; the front takes thick ones without trouble.</p></td></tr>\
         </table></div>\
         <div id=\"onetrust-consent-sdk\"><div id=\"onetrust-pc-sdk\"><h2>About your privacy</h2>{dialog}</div></div>\
         </body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(text.contains("only with slim fans"), "{text}");
    assert!(
        !text.contains("build a profile of your interests"),
        "{text}"
    );
}

#[test]
fn reviews_outweighing_a_products_description_do_not_take_the_page() {
    // A shop page: a buy box with the product's description, a site menu,
    // and far below a long list of shoppers' reviews in a review widget.
    // The reviews hold more prose, but are no product text.
    let reviews = [
        "I have to say I was very pleasantly surprised by this one, it arrived well packed and sounded great straight out of the box.",
        "The frets were smooth on the edges and the neck felt fast, though I had to adjust the truss rod a little after a week.",
        "Bought it as a gift for my son and he has not put it down since, which is the best review I could possibly give it.",
        "Solid build for the price and the finish is lovely in daylight, but the bag that came with it is quite thin and flimsy.",
        "After a month of daily playing it still stays in tune well and the switch feels sturdy, so I am happy with my choice.",
        "My second one from this series and again no issues at all, the setup from the factory was good enough to gig with.",
        "Sounds bright and clear through my small practice amp, and the middle pickup position is perfect for funk rhythm parts.",
    ];
    let mut items = String::new();
    for round in 0..4 {
        for (i, r) in reviews.iter().enumerate() {
            items.push_str(&format!(
                "<div class=\"customer-review\" id=\"r{round}-{i}\"><div class=\"review-text\"><p>{r}</p></div></div>"
            ));
        }
    }
    let menu: String = (0..80)
        .map(|i| format!("<li><a href=\"/c/{i}\">Department {i} deals</a></li>"))
        .collect();
    let html = format!(
        "<html><body><div class=\"menu\"><ul>{menu}</ul></div>\
         <div class=\"top\"><div class=\"buy-box\">\
         <h1>Stage 2 electric guitar</h1><div class=\"about\">\
         <p>The Stage 2 is a light alder-bodied guitar with a fast maple neck, made for players who move between clean and crunchy tones all night.</p>\
         <p>Three single coils and a five-way switch cover everything from glassy cleans to a biting bridge tone, and the tremolo returns to pitch.</p>\
         <p>It ships set up in our workshop with fresh strings, so it plays well from the moment you take it out of the case at home.</p>\
         <p>The neck has a comfortable modern profile with rolled edges, and the satin finish on its back stays smooth when your hand warms up.</p>\
         </div></div></div>\
         <div class=\"bottom\"><div class=\"ratings\"><h2>28 ratings</h2><div class=\"list\">{items}</div></div></div>\
         </body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(text.contains("fast maple neck"), "{text}");
    assert!(text.contains("returns to pitch"), "{text}");
    assert!(!text.contains("pleasantly surprised"), "{text}");
    assert!(!text.contains("stays in tune"), "{text}");
}

#[test]
fn a_review_post_tagged_with_a_reviews_category_is_kept() {
    // Blog themes put the post's categories on its `article` as classes
    // (`category-product-reviews`): a review written by the site is its
    // article, not shoppers' reviews.
    let html = "<html><body><div class=\"nav\"><a href=/>Home</a> <a href=/reviews>Reviews</a></div>\
        <article class=\"post category-product-reviews\"><h1>Seven sewing machines for beginners</h1>\
        <p>I have sewn on a lot of machines over the years, and these are the seven I would hand to a friend who is just starting out.</p>\
        <p>Each one threads easily, has a clear manual and a few useful stitches, and none of them costs more than a weekend away.</p>\
        <p>My favourite is still the small mechanical one I learned on, because it never jams and it is easy to take to a class.</p>\
        </article></body></html>";
    let text = Cleaner::default().clean_html(html).text();
    assert!(text.contains("hand to a friend"), "{text}");
    assert!(text.contains("never jams"), "{text}");
}

#[test]
fn a_products_spec_list_stays_when_its_only_run_of_paragraphs_is_reviews() {
    // A shop page with no description prose: a spec list in the buy box,
    // one policy line, and shoppers' reviews that read as a run of
    // paragraphs. The reviews make no article, so the page is a spread-out
    // product page and its spec list is content (not a list beside the
    // policy line that took the main content).
    let reviews: String = [
        "I have to say I was very pleasantly surprised by this one, it arrived well packed and sounded great straight out of the box.",
        "The frets were smooth on the edges and the neck felt fast, though I had to adjust the truss rod a little after a week.",
        "Bought it as a gift for my son and he has not put it down since, which is the best review I could possibly give it.",
        "Solid build for the price and the finish is lovely in daylight, but the bag that came with it is quite thin and flimsy.",
        "After a month of daily playing it still stays in tune well and the switch feels sturdy, so I am happy with my choice.",
    ]
    .iter()
    .map(|r| format!("<div class=\"customer-review\"><p>{r}</p></div>"))
    .collect();
    let specs: String = [
        "Body made of solid alder",
        "Neck made of bolt-on maple",
        "Fingerboard made of dark rosewood",
        "Twenty two medium jumbo frets",
        "Three single coil pickups fitted",
        "Scale length of 648 mm",
        "Five way pickup selector switch",
        "Vintage style tremolo bridge",
    ]
    .iter()
    .map(|s| format!("<li>{s}</li>"))
    .collect();
    let menu: String = (0..20)
        .map(|i| format!("<li><a href=\"/c/{i}\">Department {i} deals</a></li>"))
        .collect();
    let html = format!(
        "<html><body><div class=\"menu\"><ul>{menu}</ul></div>\
         <div class=\"buy\"><h1>Stage 2 electric guitar</h1><ul class=\"specs\">{specs}</ul></div>\
         <div class=\"policy\"><p>Whatever your statutory rights, you can return most products within thirty days of delivery for a full refund, as long as they are unused.</p></div>\
         <div class=\"reviews\"><h2>Customer reviews</h2>{reviews}</div></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(text.contains("Fingerboard made of dark rosewood"), "{text}");
    assert!(text.contains("Vintage style tremolo bridge"), "{text}");
}

#[test]
fn a_header_class_heading_a_part_of_the_main_content_is_kept() {
    // Service pages head each section of their pitch with a
    // `feature-header` (or a CSS-module `intro_header__x1`) holding the
    // section's heading and lead paragraph: inside the main element that
    // heads the section, it is not the site's header.
    let section = |h: &str, lead: &str, more: &str| {
        format!(
            "<section class=\"features\"><div class=\"feature-header\"><h2>{h}</h2><p>{lead}</p></div><p>{more}</p></section>"
        )
    };
    let html = format!(
        "<html><body><div class=\"header\"><div class=\"logo\">Harbour Tools</div>\
         <ul><li><a href=\"/p\">Pricing</a></li><li><a href=\"/d\">Docs</a></li></ul></div><main>{}{}</main>\
         <footer class=\"site-footer\"><p>Harbour Tools, all rights reserved</p></footer></body></html>",
        section(
            "Plan every crossing in one place",
            "Harbour Tools keeps the timetable, the crew list and the weather notes for each crossing on one page your whole team can open.",
            "Skippers add their changes from the quay and everyone sees them at once, so nobody sails on an old plan."
        ),
        section(
            "Share timetables with passengers",
            "Publish the day's crossings to your own site and update them the moment the harbour master changes the tide window.",
            "Passengers get a short message when their crossing moves, without anyone on the crew having to call them."
        ),
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(text.contains("Plan every crossing in one place"), "{text}");
    assert!(
        text.contains("the crew list and the weather notes"),
        "{text}"
    );
    assert!(text.contains("Share timetables with passengers"), "{text}");
    assert!(text.contains("nobody sails on an old plan"), "{text}");
    // The site's own header and footer still go.
    assert!(!text.contains("Pricing"), "{text}");
    assert!(!text.contains("all rights reserved"), "{text}");
}

#[test]
fn a_class_that_styles_a_header_does_not_make_its_element_a_header() {
    // Accordion widgets carry their header's alignment as a class on the
    // wrapper of every pane (`pane-header-alignment-left`): the answers
    // inside are the article's text.
    let intro = [
        "Island residents can choose between three passes, and the right one depends mostly on how often you cross in winter.",
        "The ferry office keeps a list of passes sold each season, and the council reviews the prices every spring.",
        "Prices rose a little this year, after two winters in which the early boats ran half empty on most weekdays.",
        "Students and pensioners pay half price on every pass, and children under five travel free with an adult.",
        "Passes are sold at the harbour office and online, and an online pass can be shown on a phone at the gangway.",
    ]
    .map(|p| format!("<p>{p}</p>"))
    .concat();
    let html = format!(
        "<html><body><div class=\"site-header\"><a href=\"/\">Harbour Notes</a></div><article><h1>Choosing a ferry pass</h1>\
         {intro}<div class=\"accordion-wrap pane-header-alignment-left\"><div class=\"pane\"><h3>Which pass suits a daily commuter?</h3>\
         <div class=\"pane-inner\"><p>The monthly pass pays for itself after eleven return crossings and includes a reserved car space on the early boats.</p></div></div>\
         <div class=\"pane\"><h3>Can visitors buy a pass?</h3>\
         <div class=\"pane-inner\"><p>Visitors can buy the weekly pass at the harbour office, but only residents may buy the monthly or yearly pass.</p></div></div></div>\
         <p>Whichever pass you choose, keep it with you on board, since the crew checks passes on every crossing.</p></article></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(
        text.contains("pays for itself after eleven return crossings"),
        "{text}"
    );
    assert!(text.contains("Visitors can buy the weekly pass"), "{text}");
}

#[test]
fn a_listicle_entry_header_is_kept() {
    // A list article heads each entry with a `listicle-header`: that is the
    // entry's own heading, not the site's header.
    let entry = |n: u32, name: &str, text: &str| {
        format!(
            "<div class=\"listicle-item\"><div class=\"listicle-header\"><h2>{n}. {name}</h2></div><p>{text}</p></div>"
        )
    };
    let html = format!(
        "<html><body><div class=\"header\"><a href=\"/\">Harbour Notes</a></div><article><h1>Three quiet harbours</h1>\
         <p>Not every harbour on the coast fills with tour boats in August, and these three stay calm all summer long.</p>{}{}{}</article></body></html>",
        entry(
            1,
            "Saltmere Quay",
            "A short stone quay with two cafés, where the fishing boats still land their catch every morning before eight."
        ),
        entry(
            2,
            "Gull Point",
            "The smallest of the three, reached by a single lane, with a slipway that locals use for rowing boats at high tide."
        ),
        entry(
            3,
            "Old Brine Harbour",
            "Once a busy salt port, now a quiet basin where a few yachts wait out the weather behind the long breakwater."
        ),
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(text.contains("1. Saltmere Quay"), "{text}");
    assert!(text.contains("3. Old Brine Harbour"), "{text}");
}

#[test]
fn a_post_signature_classed_plainly_is_dropped_but_a_signature_dish_stays() {
    // Forum software marks each post's signature with a bare `signature`
    // class; a menu's `signature-dish` is the restaurant's own content.
    let html = "<html><body><main><article><h1>Which wax for a winter board?</h1>\
        <div class=\"post\"><p>I have been riding the same board for three winters and the base is getting dry and slow on cold snow, so I want to start waxing it myself at home.</p>\
        <div class=\"signature\"><p>Riding since 1998, mostly in the Alps and sometimes in Norway.</p></div></div>\
        <div class=\"post\"><p>Use a cold-temperature wax below minus ten, scrape it thin and brush it out well; a warm iron and patience matter more than the brand you buy.</p>\
        <div class=\"signature-dish\"><p>Our hut serves a barley soup with smoked ham after every waxing class.</p></div></div>\
        </article></main></body></html>";
    let text = Cleaner::default().clean_html(html).text();
    assert!(!text.contains("Riding since 1998"), "{text}");
    assert!(text.contains("barley soup with smoked ham"), "{text}");
    assert!(text.contains("scrape it thin"), "{text}");
}

#[test]
fn a_related_heading_in_its_own_title_bar_claims_the_row_beside_it() {
    // Shops and blogs wrap a carousel's heading in a title bar of its own,
    // with the cards in a sibling element: the heading's section is the
    // bar's parent, not the bar alone.
    let mut cards = String::new();
    for (name, price) in [
        ("Alpine wool beanie in charcoal", "$24.00"),
        ("Trail running gloves with grip", "$31.50"),
        ("Thermal base layer top for women", "$58.00"),
    ] {
        cards.push_str(&format!(
            "<div class=\"card\"><h3 class=\"card-name\">{name}</h3><div class=\"card-price\">{price}</div></div>"
        ));
    }
    let html = format!(
        "<html><body><main><h1>Merino hiking socks</h1>\
         <p>These socks are knitted from fine merino wool with a cushioned sole, so your feet stay dry and warm on long days in the hills.</p>\
         <p>A reinforced heel and toe keep them going for years, and the flat seam will not rub inside a stiff leather boot.</p>\
         <section class=\"recs\"><div class=\"recs-title\"><h2>Recently viewed</h2></div>\
         <div class=\"recs-track\">{cards}</div></section>\
         </main></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert!(!text.contains("Recently viewed"), "{text}");
    assert!(!text.contains("Trail running gloves"), "{text}");
    assert!(text.contains("flat seam will not rub"), "{text}");
}
