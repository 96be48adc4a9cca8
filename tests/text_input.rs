//! Text whose HTML is gone (one block per line): how the main content is
//! found and what around it is left out, on small pages written here.

use unboil::{Category, Cleaner};

const PARA: &str = "The council approved the new budget on Tuesday after a long debate, and the mayor said the money would go to schools, roads and the harbour.";
const PARA2: &str = "Opposition members argued that the plan leaves too little for housing, but they agreed to revisit the figures in the spring session of the council.";
const PARA3: &str = "Residents who spoke at the meeting asked for more buses in the evening, and the transport committee promised a report before the end of the year.";

const PARA4: &str = "The largest share of the new money goes to the schools, where roofs will be repaired and two new classrooms built before the autumn term starts.";
const PARA5: &str = "Road works in the north of the town are planned for the summer holidays, when traffic is lighter and fewer buses run through the centre.";
const PARA6: &str = "The harbour will get a new wall on the old quay, which the fishing families have asked for since the storms damaged it three winters ago.";

const MENU: &str = "Home\nNews\nSport\nCulture\nWeather\nContact";

fn clean(text: &str) -> unboil::Article {
    Cleaner::default().clean_text(text)
}

fn category_of(a: &unboil::Article, needle: &str) -> Option<Category> {
    a.page
        .blocks
        .iter()
        .zip(&a.decisions)
        .find(|(b, _)| b.text.contains(needle))
        .and_then(|(_, d)| d.removed)
}

#[test]
fn list_items_and_code_between_paragraphs_stay_in_the_article() {
    let items = [
        "install the package with the usual command",
        "open the settings file in your editor",
        "set the port and the log level you need",
        "restart the service and check its status",
        "look at the log for warnings after a minute",
        "add the new host to the monitoring list",
        "write the change down in the team notes",
        "tell the people on call about it",
    ]
    .join("\n");
    let last = "When all of this is done the service answers on the new port, and the old one can be closed at the next maintenance window.";
    let text = format!(
        "Setting up the service\n{MENU}\n{PARA}\n{PARA2}\n{PARA3}\n{items}\nlet port = config.port.unwrap_or(8080);\n{last}\n© 2024 The Paper"
    );
    let a = clean(&text);
    let out = a.text();
    assert!(
        out.contains("restart the service and check its status"),
        "{out}"
    );
    assert!(out.contains("let port = config.port"), "{out}");
    assert!(out.contains(last), "{out}");
    assert!(!out.contains("Weather"), "{out}");
}

const FOOTER: &str = "Sections\nLocal News\nBusiness\nSport\nFootball\nCricket\nCulture\nFilm\nMusic\nBooks\nTravel\nFood\nAbout Us\nAdvertise\nCareers\nArchive";

/// The cleaned `text` keeps the article's paragraphs and leaves out `junk`.
fn keeps_the_article_not(text: &str, junk: &str) {
    let out = clean(text).text();
    assert!(out.contains(PARA) && out.contains(PARA3), "{out}");
    assert!(!out.contains(junk), "{out}");
}

#[test]
fn a_long_panel_shown_twice_does_not_outweigh_a_short_article() {
    let panel = "This website uses a small number of files stored on your device to improve your experience while you navigate through the pages, and some of them are needed for the basic functions of the site to work at all. Others help us understand how visitors use the site, which pages they read and for how long, so that we can make it better over time for everyone. You can turn the optional ones off at any time in the settings below, but doing so may change how some parts of the site look and work for you, and some features may not be available at all until you turn them back on again.";
    let text = format!(
        "Budget approved\n{MENU}\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\n{PARA5}\n{PARA6}\n{FOOTER}\nPrivacy Overview\n{panel}\nNecessary\n{panel}\nSave and accept"
    );
    keeps_the_article_not(&text, "small number of files");
}

#[test]
fn the_headline_repeating_the_title_anchors_a_short_article() {
    let disclaimer = "The information on this website is for general guidance only and does not replace the advice of a qualified professional. We make every effort to keep it correct and up to date, but we cannot promise that it is complete, and we accept no liability for any loss that comes from using it. Products and services named here belong to their owners, and links to other sites do not mean that we endorse them or what they say. Results described in our stories vary from person to person and depend on where you start, what you aim for and the effort you put in. Before you change your diet, your training or your medicines, talk to your doctor, and follow the safety instructions that come with any equipment you use at home. Prices and offers shown on these pages were correct when we published them, but shops change them often, so check the final price before you buy anything through a link.";
    let text = format!(
        "Budget approved by the council | The Paper\n{MENU}\nBudget approved by the council\nBy Sam Lee\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\n{PARA5}\n{PARA6}\n{FOOTER}\n{disclaimer}\nAll rights reserved"
    );
    keeps_the_article_not(&text, "general guidance only");
}

/// Comments: an author line, a date, and a few lines of prose each.
fn comments(dates: [&str; 3]) -> String {
    format!(
        "riverside_anna\n{}\nFinally some money for the harbour, it has needed repairs for as long as I can remember living here, and the boats have had to moor further out every winter.\nI hope the work starts before the storms come back, because another winter like the last one would finish the old quay for good.\nmark_t\n{}\nI would rather they spent it on housing, rents in the old town have doubled in the last five years and young families are leaving.\nThe schools will not need new classrooms if there is nobody left who can afford to live near them, which is where this is going.\ncouncilwatcher\n{}\nThe report on the buses will come too late for the winter timetable, as it always does in this town when the committee is asked for anything.\nWe have been promised evening buses at every election since I moved here, and the last one still leaves before seven in the evening.",
        dates[0], dates[1], dates[2]
    )
}

#[test]
fn comments_after_an_article_are_left_out() {
    let thread = comments(["2 hours ago", "3 hours ago", "5 hours ago"]);
    let text = format!(
        "Budget approved\n{MENU}\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\n{PARA5}\n{PARA6}\n3 Comments\n{thread}"
    );
    let a = clean(&text);
    let out = a.text();
    assert!(out.ends_with(PARA6), "{out}");
    assert!(!out.contains("rents in the old town"), "{out}");
}

#[test]
fn a_forum_thread_is_kept_whole() {
    // The first post is dated like the replies.
    let replies = comments([
        "Jan 3, 2024 11:02am",
        "Jan 4, 2024 9:40am",
        "Jan 4, 2024 1:12pm",
    ]);
    let text = format!(
        "Which budget items matter most? - Town Forum\n{MENU}\nWhich budget items matter most?\nold_harbour\nJan 3, 2024 10:15am\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\n{PARA5}\n{PARA6}\n3 replies\n{replies}"
    );
    let a = clean(&text);
    let out = a.text();
    assert!(out.contains(PARA), "{out}");
    assert!(out.contains("rents in the old town"), "{out}");
    assert!(out.contains("last one still leaves before seven"), "{out}");
}

#[test]
fn a_story_list_after_an_article_runs_on_through_its_teasers() {
    let text = format!(
        "Budget approved\n{MENU}\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\n{PARA5}\n{PARA6}\nRelated stories\nHarbour repairs to start in March\nWork on the old quay will close the north car park for six weeks while the new wall is built by the crews.\nNew bus line for the east side\nThe transport committee wants a night service on the east side by next summer if the budget allows it."
    );
    let a = clean(&text);
    assert_eq!(
        category_of(&a, "night service"),
        Some(Category::RelatedList)
    );
    assert!(a.text().ends_with(PARA6), "{}", a.text());
}

#[test]
fn title_case_headlines_are_not_taken_for_paragraphs() {
    let text = format!(
        "Budget approved\n{MENU}\n{PARA}\n{PARA2}\n{PARA3}\nHarbour Repairs To Start In March, Council Says\nMayor Opens New Library In The Old Post Office Building\nLocal Team Wins Derby In Front Of Record Crowd, Fans Celebrate\nSchool Choir Travels To The National Finals In The Capital"
    );
    let a = clean(&text);
    let out = a.text();
    assert!(out.ends_with(PARA3), "{out}");
}

#[test]
fn a_page_that_lists_headlines_keeps_them() {
    let items = [
        "Harbour Repairs To Start In March, The Council Says At Last",
        "Mayor Opens A New Library In The Old Post Office, Readers Queue",
        "Local Team Wins The Derby In Front Of A Record Crowd, Fans Celebrate",
        "School Choir Travels To The National Finals, And The Parents Follow",
        "Night Buses Return To The East Side, As New Drivers Are Hired",
        "Market Square Gets New Trees And Benches, And The Work Ends Early",
        "Old Cinema Reopens With A Week Of Free Films, The Tickets Gone",
        "Fishing Families Welcome The New Quay Wall, As The Boats Return",
    ]
    .join("\n");
    let text = format!(
        "Latest news | The Paper\n{MENU}\nThe latest stories from our newsroom, updated through the day.\n{items}\n© 2024 The Paper"
    );
    let a = clean(&text);
    let out = a.text();
    assert!(out.contains("Night Buses Return"), "{out}");
    assert!(out.contains("Boats Return"), "{out}");
}

#[test]
fn a_reply_quoting_a_whole_post_keeps_the_thread_going() {
    let post = [PARA, PARA2, PARA3, PARA4, PARA5, PARA6].join("\n");
    let text = format!(
        "Which budget items matter most? - Town Forum\n{MENU}\nold_harbour\n#1\n{post}\nmark_t\n#2\nold_harbour said:\n{post}\nI would rather they spent it on housing, because rents in the old town have doubled.\nYoung families are leaving for the suburbs, and the schools will empty after them."
    );
    let a = clean(&text);
    let out = a.text();
    assert!(out.contains(PARA), "{out}");
    assert!(out.contains("rents in the old town"), "{out}");
    assert!(out.contains("schools will empty"), "{out}");
}

/// One forum post: its author's header, its text and its buttons.
fn post(author: &str, n: u32, text: &str) -> String {
    format!(
        "{author}\n1,204 posts · Joined 2012\nAdd to quote\n#{n} · Jan 3, 2024\n{text}\nSave Share\nReply Quote Like"
    )
}

/// A forum thread page: a long first post and three short replies, each
/// written by `post`, between a menu and a footer.
fn thread_page(post: fn(&str, u32, &str) -> String) -> String {
    let first = post(
        "old_harbour",
        1,
        &[PARA, PARA2, PARA3, PARA4, PARA5, PARA6].join("\n"),
    );
    let replies = [
        post(
            "mark_t",
            2,
            "I would rather they spent it on housing, rents here have doubled.",
        ),
        post(
            "anna_r",
            3,
            "Good news for the harbour. The quay has needed it for years.",
        ),
        post(
            "councilwatcher",
            4,
            "The buses will wait again, as they always do.",
        ),
    ]
    .join("\n");
    format!(
        "Which budget items matter most? - Town Forum\n{MENU}\nWhich budget items matter most?\n{first}\n{replies}\n{FOOTER}"
    )
}

#[test]
fn a_thread_of_posts_that_share_a_header_is_kept_whole() {
    // The first post is the long one the region finds; the replies carry
    // the same header lines and some text each.
    let out = clean(&thread_page(post)).text();
    assert!(out.contains(PARA) && out.contains(PARA6), "{out}");
    assert!(out.contains("rents here have doubled"), "{out}");
    assert!(out.contains("as they always do"), "{out}");
    assert!(!out.contains("Advertise"), "{out}");
}

/// A forum post whose header names its poster's home town and title
/// between the counters and buttons that rules know.
fn placed_post(author: &str, n: u32, text: &str) -> String {
    format!(
        "{author}\nWest Quay, Fairport\nLocal Expert\n1,204 posts · Joined 2012\nAdd to quote\nRe: Which budget items matter most?\n#{n} · Jan 3, 2024\n{text}\nSee you there\nSave Share\nReply Quote Like"
    )
}

#[test]
fn a_posters_home_and_title_in_a_post_header_go() {
    let a = clean(&thread_page(placed_post));
    let out = a.text();
    // Each reply's: the first post's header, with no post before it, has
    // nothing to tell where the last post ended.
    for t in ["mark_t", "West Quay", "Local Expert", "Re: Which budget"] {
        assert!(out.matches(t).count() <= 1, "{t}: {out}");
    }
    // The posts' text stays, and the short line that ends each post.
    assert!(
        out.contains(PARA) && out.contains("as they always do"),
        "{out}"
    );
    assert!(out.contains("See you there"), "{out}");
}

/// A post under header lines that start with capitals whose lower case
/// starts with another byte in UTF-8 (Cyrillic 'С', 'Р', 'Ц').
fn cyrillic_post(author: &str, n: u32, text: &str) -> String {
    format!("{author}\nСообщений: {n}04\nРегистрация: 2012\nЦитировать\n{text}")
}

#[test]
fn a_thread_whose_header_lines_are_not_in_ascii_is_kept_whole() {
    let out = clean(&thread_page(cyrillic_post)).text();
    assert!(out.contains(PARA) && out.contains(PARA6), "{out}");
    assert!(out.contains("rents here have doubled"), "{out}");
    assert!(out.contains("as they always do"), "{out}");
}

#[test]
fn a_related_list_after_a_section_heading_is_not_taken_for_posts() {
    // The article's header has a date and a section label, and so does each
    // story in the list after it; the "Related stories" heading ends it.
    let story = |h: &str, t: &str| format!("News\n{h}\nJan 3, 2024\nBy Staff\n{t}");
    let text = format!(
        "Budget approved | The Paper\n{MENU}\nNews\nBudget approved\nJan 3, 2024\nBy Staff\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\n{PARA5}\n{PARA6}\nRelated stories\n{}\n{}\n{}",
        story(
            "Harbour repairs to start",
            "Work on the old quay will close the north car park for six weeks while the new wall is built."
        ),
        story(
            "New bus line for the east",
            "The transport committee wants a night service on the east side by next summer if money allows."
        ),
        story(
            "Library opens in post office",
            "The old post office will hold the town library from March, with longer hours on weekends."
        ),
    );
    let out = clean(&text).text();
    assert!(out.contains(PARA) && out.contains(PARA6), "{out}");
    assert!(!out.contains("night service"), "{out}");
    assert!(!out.contains("longer hours"), "{out}");
}

#[test]
fn title_case_headlines_ending_in_a_period_do_not_make_a_list_an_article() {
    // A list of reviews: headline, byline, teaser, date. Headlines that
    // end with a period must not join the teasers into a run of
    // paragraphs, or the list is cut down to its intro.
    let items = [
        (
            "I Tried Every Budget Kettle In Town. Only One Was Worth It.",
            "We boiled water in twelve kettles for a month, and the cheapest one with a steel lid was the one we kept using.",
        ),
        (
            "The Old Toaster From The Back Shelf Still Wins. Here Is Why.",
            "A toaster from the last decade browns bread more evenly than most of the new ones we bought for this test.",
        ),
        (
            "We Cooked Rice In Six Cookers. The Small One Surprised Us.",
            "The smallest cooker made the best rice of the group, and it was also the easiest one to clean after dinner.",
        ),
        (
            "Most Blenders Are Loud In A Small Kitchen. These Three Are Less So.",
            "Three blenders stayed under the noise of a vacuum cleaner while still making smooth soup from raw vegetables.",
        ),
        (
            "We Tested Ten Coffee Grinders At Home. The Burr Ones Are Better.",
            "Burr grinders gave an even grind for every brewing method, while the blade grinders left dust and large pieces.",
        ),
    ];
    let list: Vec<String> = items
        .iter()
        .map(|(h, t)| format!("{h}\nby Sam Lee\n{t}\nUpdated March 2, 2024"))
        .collect();
    let text = format!(
        "Kitchen reviews | The Paper\n{MENU}\nKitchen\nOur reviews of kitchen tools, tested at home over weeks of daily use by our staff, with the picks we would buy ourselves and the ones we sent back.\n{}\n{FOOTER}",
        list.join("\n")
    );
    let out = clean(&text).text();
    assert!(out.contains("cheapest one with a steel lid"), "{out}");
    assert!(
        out.contains("burr grinders gave") || out.contains("Burr grinders gave"),
        "{out}"
    );
}

#[test]
fn picks_that_share_a_spec_template_are_all_kept() {
    // A roundup: each pick has a name, a spec list of short labels and
    // values, pros and cons, then its review. The short lines read like a
    // menu, but every pick carries the same ones: the page is made of them.
    let picks = [
        "Trail Kettle Mini",
        "Camp Stove Duo",
        "Fold Lamp Pro",
        "River Filter Go",
        "Peak Tent Two",
    ];
    let body = [PARA, PARA2, PARA3, PARA4, PARA5, PARA6];
    let items: Vec<String> = picks
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // Four paragraphs per pick, each told apart by the pick's name.
            let review: Vec<String> = (0..4)
                .map(|k| format!("{} We tried this with the {p}.", body[(i + k) % 6]))
                .collect();
            format!(
                "{}. {p}\nSpecifications\nWeight\n{}g\nCapacity\n{} litres\nColour\nGreen\nMaterial\nSteel\nPros\nLight\nCheap\nSturdy\nCons\nSlow\nLoud\n{}",
                i + 1,
                300 + 40 * i,
                i + 1,
                review.join("\n")
            )
        })
        .collect();
    let text = format!(
        "The best camping gear | The Paper\n{MENU}\nThe best camping gear\n{}\n{FOOTER}",
        items.join("\n")
    );
    let out = clean(&text).text();
    assert!(out.contains("2. Camp Stove Duo"), "{out}");
    assert!(
        out.contains("5. Peak Tent Two") && out.contains("460g"),
        "{out}"
    );
    assert!(
        out.contains("We tried this with the Peak Tent Two."),
        "{out}"
    );
}

#[test]
fn short_lines_said_once_between_reviews_do_not_split_a_roundup() {
    // Each pick has its own spec list: a label said once on the page, then
    // its value. The labels read like menu items, but a menu repeats its
    // items elsewhere or runs on with nothing between them. Their cost
    // stops growing, so the reviews stay one text.
    let parts = [
        "Handle", "Lid", "Base", "Spout", "Guard", "Scale", "Bag", "Tray", "Valve", "Plate",
        "Hook", "Dial",
    ];
    let picks: Vec<Vec<String>> = ["Kettle", "Stove", "Lamp", "Filter"]
        .iter()
        .map(|p| {
            let mut lines = vec![format!("Trail {p} Mini")];
            for (k, x) in parts.iter().enumerate() {
                lines.push(format!("{p} {x}"));
                lines.push(format!("up to {} hours of use on one charge", k + 2));
            }
            lines
        })
        .collect();
    let body = [PARA, PARA2, PARA3, PARA4, PARA5, PARA6];
    let items: Vec<String> = picks
        .iter()
        .enumerate()
        .map(|(i, lines)| {
            let review: Vec<String> = (0..4)
                .map(|k| format!("{} We tried this with the {}.", body[(i + k) % 6], lines[0]))
                .collect();
            format!("{}\n{}", lines.join("\n"), review.join("\n"))
        })
        .collect();
    let text = format!(
        "Camping gear we liked | The Paper\n{MENU}\n{}\n{FOOTER}",
        items.join("\n")
    );
    let out = clean(&text).text();
    assert!(
        out.contains("We tried this with the Trail Kettle Mini."),
        "{out}"
    );
    assert!(
        out.contains("We tried this with the Trail Filter Mini."),
        "{out}"
    );
}

/// Story teasers with no heading over them: a headline, a one-line teaser
/// and a relative date, again and again.
const TEASERS: &str = "Harbour repairs to start in March\nWork on the old quay will close the north car park for six weeks while the new wall is built.\n2H ago\nNew bus line for the east side\nThe transport committee wants a night service on the east side by next summer if money allows.\n5H ago\nLibrary opens on Sundays again\nVolunteers will staff the reading room on Sunday afternoons from next month until the winter.\n1D ago\nSchool roof work runs late\nThe contractor blamed the wet weather for the delay and promised to finish before the autumn term.\n2D ago\nMarket hall to get a new roof\nTraders will move to the square for a month while the old slates are replaced with lighter panels.\n3D ago\nCycle lane plan goes to a vote\nThe council will decide in the spring whether the path along the river can be widened for bikes.\n4D ago";

#[test]
fn a_run_of_teasers_after_an_article_is_left_out_without_a_heading() {
    let text = format!(
        "Budget approved\n{MENU}\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\n{PARA5}\n{PARA6}\n{TEASERS}"
    );
    let out = clean(&text).text();
    assert!(out.ends_with(PARA6), "{out}");
    assert!(!out.contains("night service"), "{out}");
}

#[test]
fn a_page_of_teasers_alone_keeps_them() {
    // No article before them: the teasers are what the page is for.
    let text = format!("Latest stories\n{MENU}\n{TEASERS}\n{FOOTER}");
    let out = clean(&text).text();
    assert!(out.contains("night service"), "{out}");
}

/// A shop's product tiles, as text: a name said once, then lines of one
/// template (a price, a button) for each item.
const TILES: &str = "Oak Bread Board\n$34.00\nQuick view\nLinen Tea Towel Set\n$18.50\nQuick view\nEnamel Milk Pan\n$42.00\nQuick view\nCopper Measuring Cups\n$27.95\nQuick view\nStoneware Pie Dish\n$31.00\nQuick view\nWalnut Salad Servers\n$24.00\nQuick view";

const TILES2: &str = "Glass Storage Jar\n$12.00\nQuick view\nCast Iron Skillet\n$49.00\nQuick view\nBeech Rolling Pin\n$15.50\nQuick view\nCeramic Butter Dish\n$22.00\nQuick view\nSteel Cooling Rack\n$19.95\nQuick view\nOlive Wood Spoon\n$9.50\nQuick view";

const SHOP_FOOTER: &str =
    "Customer Service\nShipping\nReturns\nGift Cards\nAbout Us\nStores\nCareers";

const SHOP_DISCLAIMER: &str = "Prices shown on this site are in US dollars and may change without notice, and colours on your screen may differ slightly from the product you receive at home.";

#[test]
fn a_grid_of_items_is_the_content_of_a_page_without_an_article() {
    let text = format!(
        "Kitchen | The Shop\n{MENU}\nKitchen\n6 products\nSort by\n{TILES}\n{SHOP_FOOTER}\n{SHOP_DISCLAIMER}\n© 2024 The Shop"
    );
    let out = clean(&text).text();
    for kept in [
        "Oak Bread Board",
        "$34.00",
        "Copper Measuring Cups",
        "Walnut Salad Servers",
        "$24.00",
    ] {
        assert!(out.lines().any(|l| l == kept), "{kept}: {out}");
    }
    for gone in ["Weather", "Careers", "Prices shown on this site"] {
        assert!(!out.contains(gone), "{gone}: {out}");
    }
}

#[test]
fn a_grid_after_an_items_own_description_is_left_out() {
    let desc = "This board is cut from one piece of oak and oiled by hand, so it will not split or warp when it is washed and dried after use.\nIt is thick enough to carve a loaf on, and the groove around the edge keeps the crumbs and juices off the table while you work.";
    let text = format!(
        "Oak Carving Board | The Shop\n{MENU}\nOak Carving Board\n$58.00\nAdd to cart\n{desc}\nMore for the kitchen\n{TILES}\n{TILES2}\n{SHOP_FOOTER}"
    );
    let out = clean(&text).text();
    assert!(out.contains("groove around the edge"), "{out}");
    for gone in ["Linen Tea Towel Set", "Glass Storage Jar", "Careers"] {
        assert!(!out.contains(gone), "{gone}: {out}");
    }
}

#[test]
fn a_list_of_lines_alike_is_not_a_grid_of_items() {
    // Place names under one pattern: a link list, not items with a
    // template of their own; the article stays the content.
    let places: String = [
        "Ashford",
        "Bexley",
        "Camden",
        "Dover",
        "Ealing",
        "Fulham",
        "Greenwich",
        "Hackney",
        "Ilford",
        "Kingston",
        "Lewisham",
        "Merton",
    ]
    .iter()
    .enumerate()
    .map(|(i, p)| {
        format!(
            "Plumber in {p}, call us today\nPlumber near area {}, call us today\n",
            i + 1
        )
    })
    .collect();
    let text = format!(
        "Fixing a dripping tap | Home Help\n{MENU}\nFixing a dripping tap\n{PARA}\n{places}"
    );
    let out = clean(&text).text();
    assert!(out.contains(PARA), "{out}");
    assert!(!out.contains("Plumber in Merton"), "{out}");
    assert!(!out.contains("Plumber near area"), "{out}");
}

#[test]
fn a_description_just_before_a_grid_keeps_it_out_under_a_long_menu() {
    // A sentence above a long menu stretches the page's prose bounds; the
    // two paragraphs right before the grid still make it an item's page.
    let menu: String = (1..=40).map(|i| format!("Aisle {i}\n")).collect();
    let desc = "This board is cut from one piece of oak and oiled by hand, so it will not split or warp when it is washed and dried after use.\nIt is thick enough to carve a loaf on, and the groove around the edge keeps the crumbs and juices off the table while you work.";
    let text = format!(
        "Oak Carving Board | The Shop\nDelivery is free on every order this week, and returns are free for a month.\n{menu}Oak Carving Board\n$58.00\nAdd to cart\n{desc}\nMore for the kitchen\n{TILES}\n{TILES2}\n{SHOP_FOOTER}"
    );
    let out = clean(&text).text();
    assert!(out.contains("groove around the edge"), "{out}");
    for gone in ["Linen Tea Towel Set", "Glass Storage Jar", "Careers"] {
        assert!(!out.contains(gone), "{gone}: {out}");
    }
}

#[test]
fn a_long_line_with_no_punctuation_is_a_list_not_the_article() {
    // A filter's options flattened into one line: hundreds of words, a
    // comma or two. Longer than the article, it must not take its place.
    let options: Vec<String> = (0..150)
        .map(|i| {
            format!(
                "Centre of the {i}{} and the research group",
                if i % 30 == 0 { "," } else { "" }
            )
        })
        .collect();
    let options = format!("Filter by - Any - {}", options.join(" "));
    let text = format!(
        "Council budget\n{MENU}\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\n{PARA5}\n{FOOTER}\n{options}\n© 2024 The Paper"
    );
    let a = clean(&text);
    let out = a.text();
    assert!(out.contains(PARA) && out.contains(PARA3), "{out}");
    assert!(!out.contains("Centre of the 121 and"), "{out}");
}

#[test]
fn a_long_code_line_between_paragraphs_stays_in_the_article() {
    // Code flattened into one line has few marks too, but it sits inside
    // the article and stays.
    let code: Vec<String> = (0..40)
        .map(|i| format!("git add file{i} git commit"))
        .collect();
    let code = code.join(" ");
    let text =
        format!("Council budget\n{MENU}\n{PARA}\n{PARA2}\n{code}\n{PARA3}\n{PARA4}\n{FOOTER}");
    let a = clean(&text);
    let out = a.text();
    assert!(out.contains("git add file39 git commit"), "{out}");
    assert!(out.contains(PARA4) && out.contains(PARA), "{out}");
    assert!(!out.contains("Cricket"), "{out}");
}

#[test]
fn a_comment_count_by_the_byline_does_not_swallow_the_article() {
    // "12 Comments" under the lede links to the thread; the article goes
    // on after it. The bio after the article, under its heading, goes.
    let bio = "About the author\nSam Lee has covered the town council for the paper since 2015, and before that wrote about schools and the harbour for a weekly in the north.\nShe grew up in the old town, studied history at the university and still sings in the choir of the church by the market square on Sundays.\nHer reporting on the harbour storms won a regional prize, and she is writing a book about the fishing families who have lived on the quay for generations.\nShe lives with her husband, two children and a very old dog in a house near the river, where she keeps bees and grows far too many tomatoes.";
    let text = format!(
        "Budget approved\n{MENU}\nBy Sam Lee\n{PARA}\n12 Comments\n{PARA2}\n{PARA3}\n{PARA4}\n{PARA5}\n{PARA6}\n{bio}\n{FOOTER}"
    );
    let a = clean(&text);
    let out = a.text();
    for p in [PARA, PARA2, PARA3, PARA4, PARA5, PARA6] {
        assert!(out.contains(p), "{out}");
    }
    assert!(!out.contains("keeps bees"), "{out}");
}

const POLICY_PANEL: &str = "Refund policy\nAll items bought between the first of November and the end of December can be returned until the middle of January, as long as they are unworn and in their box.\nFinal sale items cannot be returned or exchanged, and this includes gift cards, socks and any item marked as final sale on our website at the time of purchase.\nCustomers pay for return shipping themselves, and the shipping fees paid with the order are not refunded, except when the item arrived damaged or was the wrong one.\nWe may refuse a return that does not meet these terms, and we may cancel an order when a price on the website was shown wrongly because of an error in our systems.\nRefunds go back to the card used for the purchase within ten working days of the return reaching our warehouse, and we send an email when the money is on its way.";

#[test]
fn a_policy_panel_after_the_page_is_not_its_content() {
    let text = format!(
        "Wool Runner shoes\n{MENU}\nWool Runner\n$110\nAdd to cart\nA light shoe knitted from soft merino wool, made for walking all day in the city.\nThe sole is made from sugar cane and the laces from recycled bottles.\nMachine washable.\n{FOOTER}\n{POLICY_PANEL}"
    );
    let out = clean(&text).text();
    assert!(out.contains("soft merino wool"), "{out}");
    assert!(
        !out.contains("Final sale items cannot be returned"),
        "{out}"
    );
}

#[test]
fn a_policy_page_keeps_its_policy() {
    let text = format!("Refund policy | The Shoe Shop\n{MENU}\n{POLICY_PANEL}\n{FOOTER}");
    let out = clean(&text).text();
    assert!(out.contains("Final sale items cannot be returned"), "{out}");
    assert!(out.contains("Refunds go back to the card"), "{out}");
}

const CARDS: &str = "Cloud backup\nWe copy your files every night to two data centres in different countries, so that nothing is lost when a laptop is stolen or a disk fails.\nRelated posts\nManaged updates\nWe install the updates for every computer in the office after testing them on our own machines first, and we do it outside working hours.\nRelated posts\nHelp desk\nYou can call or write to our help desk on any working day, and a real person who knows your office will answer within the hour.\nRelated posts\nNetwork security\nWe set up and watch the firewall and the wireless network, and we tell you at once when something strange happens on them.\nRelated posts";

#[test]
fn a_section_heading_under_every_card_is_a_button_not_a_section() {
    let text = format!(
        "Our services | Acme IT\n{MENU}\nOur services\nWe look after the computers of small offices, so that the people who work there can get on with their jobs without worrying about backups or updates.\n{CARDS}\n{FOOTER}"
    );
    let a = clean(&text);
    let out = a.text();
    for card in [
        "Managed updates",
        "Help desk",
        "Network security",
        "real person",
    ] {
        assert!(out.contains(card), "{out}");
    }
    assert!(!out.contains("Related posts"), "{out}");
}

#[test]
fn a_section_heading_said_once_still_opens_its_section() {
    let related = "Related posts\nCity opens new library branch in the north\nHarbour festival draws record crowds this summer\nSchool roofs to be fixed before winter, council says";
    let text = format!(
        "Budget approved\n{MENU}\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\n{PARA5}\n{PARA6}\n{related}\n{FOOTER}"
    );
    let out = clean(&text).text();
    assert!(out.contains(PARA6), "{out}");
    assert!(!out.contains("Harbour festival draws"), "{out}");
}

/// One forum post: its header template lines, then its text.
fn member_post(author: &str, n: u32, text: &str) -> String {
    format!(
        "Share\nPost #{n}\n{author}\nJoined\nMar 3, 2020\nPosts\n{}\nLikes\n{}\n{text}",
        100 + n,
        7 * n
    )
}

#[test]
fn a_short_reply_does_not_end_a_forum_thread() {
    let posts = [
        member_post("anna", 1, "Has anyone tried the new closed headphones from the small German maker? I am looking for something with a wide stage for films at night."),
        member_post("ben", 2, &format!("I have had them for a month and the stage is really wide for a closed design, but they need a good amplifier to sound their best.\n{PARA}\n{PARA2}\n{PARA3}")),
        member_post("anna", 3, "Thanks!"),
        // Replies after it too short to join the prose run by themselves:
        // only the thread's template carries them past "Thanks!".
        member_post("carl", 4, "Lighter and easier to drive."),
        member_post("dana", 5, "The pads got too warm in summer."),
    ]
    .join("\n");
    let text = format!("Best closed headphones | Forum\n{MENU}\n{posts}\n{FOOTER}");
    let a = clean(&text);
    let out = a.text();
    for t in [
        "wide stage for films",
        "a good amplifier",
        "Lighter and easier to drive",
        "pads got too warm",
    ] {
        assert!(out.contains(t), "{out}");
    }
    // Member chrome goes.
    assert!(!out.contains("Joined"), "{out}");
}

#[test]
fn a_thread_whose_longest_post_comes_late_is_kept_whole() {
    // The region finds the long fourth post; only one reply with text
    // follows it, but the posts before it share its header lines. (Its
    // edit note and signature hide the footer template under it.)
    let posts = [
        member_post("anna", 1, "Has anyone tried the new closed headphones from the small German maker? I am looking for something with a wide stage for films at night."),
        member_post("ben", 2, "Not yet, but a friend of mine liked them a lot for travelling."),
        member_post("carl", 3, "They look good on paper, I would wait for more reviews though."),
        member_post("dana", 4, &format!("I have had them for a month and the stage is really wide for a closed design, but they need a good amplifier to sound their best.\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\nLast edited: Mar 9, 2020\nHome setup: valve amplifier, old turntable")),
        member_post("anna", 5, "Thanks!"),
        member_post("erik", 6, "Mine came with a cable that was far too short for my desk."),
    ]
    .join("\n");
    let text = format!("Best closed headphones | Forum\n{MENU}\n{posts}\n{FOOTER}");
    let out = clean(&text).text();
    for t in [
        "wide stage for films",
        "liked them a lot",
        "wait for more reviews",
        "a good amplifier",
        "far too short",
    ] {
        assert!(out.contains(t), "{t}: {out}");
    }
    assert!(!out.contains("Joined"), "{out}");
}

/// One answer of a Q&A page: its score, its text, then its footer (the
/// template lines under every post) and its comments.
fn answer(score: u32, text: &str, user: &str, comments: &str) -> String {
    format!(
        "{score}\n{text}\nShare\nImprove this answer\nFollow\nanswered Mar {score}, 2021 at 10:15\n{user}\n{} 2 2 gold badges 14 14 silver badges\n{} Comments\nAdd a comment\n{comments}",
        score * 31,
        score % 5 + 2
    )
}

fn qa_page() -> String {
    let question = "How do I keep a sourdough starter alive while travelling?\nMy starter is two years old.\nI travel for three weeks.\nWho can feed it?\nShare\nImprove this question\nFollow\nasked Mar 2, 2021 at 9:40\nbreadfan\n120 2 2 gold badges 5 5 silver badges\nAdd a comment";
    let answers = [
        // The first answer carries a sign-up line above its comments.
        answer(41, "Drying works best in my experience. Spread a thin layer on baking paper, let it dry completely at room temperature, then break it into flakes and keep them in a jar.\nWhen you are back, soak a spoonful of flakes in water for an hour and feed it as usual for three or four days until it doubles again.", "oven_mitt", "kneadmore\nkneadmore Over a year ago\nI have revived a dried starter after eight months this way, it works.\nReply"),
        answer(17, "A starter kept in the fridge survives three weeks without any food at all. Feed it well the day before you leave, put a lid on it and leave it at the back of the fridge.\nIt will smell sour and have grey liquid on top when you come back, which is normal; pour it off and feed it twice before baking.", "crumbcoat", "breadfan\nbreadfan Over a year ago\nThanks, I did not know it could go that long.\nReply"),
        answer(9, "Freezing also works, but it takes longer to wake up afterwards. Mix the starter with a little extra flour so that it is stiff, wrap it tightly and freeze it in a small bag.\nThaw it slowly in the fridge overnight and give it a week of regular feeding before you rely on it for a loaf.", "iceloaf", "kneadmore\nkneadmore Over a year ago\nFreezing killed mine, drying is safer.\nReply"),
    ]
    .join("\n");
    format!(
        "baking - How do I keep a sourdough starter alive while travelling? - Kitchen Q&A\n{MENU}\nAsk Question\n{question}\n3 Answers\nSorted by: Highest score\n{answers}\nYour Answer\nHot Network Questions\n{FOOTER}"
    )
}

#[test]
fn a_qa_page_keeps_the_question_and_every_answer() {
    // Each answer ends in the same footer lines and an "Add a comment"
    // button; neither cuts the thread after the first answer.
    let out = clean(&qa_page()).text();
    for t in [
        "Who can feed it",
        "Drying works best",
        "soak a spoonful",
        "survives three weeks",
        "Freezing also works",
        "give it a week",
    ] {
        assert!(out.contains(t), "{t}: {out}");
    }
    // The page's menus and footer stay out.
    assert!(!out.contains("Sections"), "{out}");
    assert!(!out.contains("Culture"), "{out}");
}

/// A question with two answers: the footer lines under each post are
/// said three times (question and answers), too few for a thread counted
/// from the first answer alone; the comment heading under each answer is
/// said twice.
fn short_qa_page() -> String {
    let question = "How do I keep a sourdough starter alive while travelling?\nMy starter is two years old.\nI travel for three weeks.\nWho can feed it?\nShare\nImprove this question\nFollow\nasked Mar 2, 2021 at 9:40\nbreadfan\n120 2 2 gold badges 5 5 silver badges\n1\nDo you mean a wheat starter?\nloafer\n- loafer\n2021-03-02 09:52:10 +00:00\nCommented Mar 2, 2021 at 9:52\n2\nHow warm is the place where you keep it?\ncrumbcoat\n- crumbcoat\n2021-03-02 10:04:41 +00:00\nCommented Mar 2, 2021 at 10:04\n3\nRye or wheat flour?\nloafer\n- loafer\n2021-03-02 10:11:03 +00:00\nCommented Mar 2, 2021 at 10:11\nAdd a comment |";
    let answer = |score: u32, text: &str, user: &str| {
        format!(
            "{score}\n{text}\nShare\nImprove this answer\nFollow\nanswered Mar {score}, 2021 at 10:15\n{user}\n{} 2 2 gold badges 14 14 silver badges\nComments\nAdd a comment",
            score * 31
        )
    };
    let answers = [
        // The first answer carries a sign-up line above its comments.
        answer(41, "Drying works best in my experience. Spread a thin layer on baking paper, let it dry completely at room temperature, then break it into flakes and keep them in a jar.\nWhen you are back, soak a spoonful of flakes in water for an hour and feed it as usual for three or four days until it doubles again.\nYou can also send a jar of flakes to a friend, since they keep for months in a dry cupboard and weigh almost nothing in the post.\nA starter dried this way has been revived after a year or more, so three weeks of travel is no risk at all, and the flakes take up very little room.\nKeep one jar at home as well, in case the one you take with you gets wet on the way, since damp flakes go mouldy within a few days.", "oven_mitt").replace("Comments", "Sign up to request clarification or add additional context in comments.\nComments"),
        answer(17, "A starter kept in the fridge survives three weeks without any food at all. Feed it well the day before you leave, put a lid on it and leave it at the back of the fridge.\nIt will smell sour and have grey liquid on top when you come back, which is normal; pour it off and feed it twice before baking.", "crumbcoat"),
    ]
    .join("\n");
    format!(
        "baking - How do I keep a sourdough starter alive while travelling? - Kitchen Q&A\n{MENU}\nAsk Question\n{question}\n2 Answers\nSorted by: Highest score\n{answers}\nYour Answer\nHot Network Questions\n{FOOTER}"
    )
}

#[test]
fn a_qa_page_with_two_answers_keeps_the_question_and_both() {
    let out = clean(&short_qa_page()).text();
    for t in [
        "Who can feed it",
        "Drying works best",
        "weigh almost nothing",
        "survives three weeks",
        "feed it twice before baking",
    ] {
        assert!(out.contains(t), "{t}: {out}");
    }
    assert!(!out.contains("Culture"), "{out}");
}

#[test]
fn comments_signed_under_a_question_go_and_the_answers_stay() {
    // Each comment: its votes, its line, the commenter's name, the name
    // again after a dash, its date.
    let a = clean(&short_qa_page());
    for t in [
        "Do you mean a wheat starter?",
        "How warm is the place",
        "Rye or wheat flour?",
        "- crumbcoat",
    ] {
        assert_eq!(category_of(&a, t), Some(Category::Comments), "{t}");
    }
    let out = a.text();
    assert!(!out.lines().any(|l| l == "loafer"), "{out}");
    for t in [
        "Who can feed it",
        "Drying works best",
        "survives three weeks",
    ] {
        assert!(out.contains(t), "{t}: {out}");
    }
}

#[test]
fn a_testimonial_signed_once_stays() {
    // A quote with its writer after a dash and a date: no name said twice.
    let quotes = "Clear advice and a quick answer every time I asked.\n– Ann\nMarch 2, 2025\nThey found the fault in a day when others had given up.\n– Tom\nMarch 9, 2025";
    let page = format!("Our clients\n{MENU}\n{PARA}\n{PARA2}\n{PARA3}\n{quotes}\n{FOOTER}");
    let out = clean(&page).text();
    assert!(out.contains("They found the fault in a day"), "{out}");
}

/// A forum post with its reactions counted on a line of its own.
fn voted_post(author: &str, n: u32, text: &str) -> String {
    format!("{}\n{}", post(author, n, text), 10 * n + 7)
}

#[test]
fn a_posts_counts_go_on_a_thread() {
    let out = clean(&thread_page(voted_post)).text();
    for count in ["17", "27", "37", "47"] {
        assert!(!out.lines().any(|l| l.trim() == count), "{count}: {out}");
    }
    assert!(
        out.contains(PARA) && out.contains("as they always do"),
        "{out}"
    );
}

#[test]
fn numbered_lines_of_a_code_sample_stay_on_a_thread() {
    // Line numbers go up one by one: they are the sample's, not counters.
    let sample = "1\nimport os\n2\nfrom starter import Jar\n3\njar = Jar(os.environ[\"JAR\"])";
    let page = thread_page(voted_post).replacen(PARA2, &format!("{sample}\n{PARA2}"), 1);
    let out = clean(&page).text();
    assert!(out.contains("from starter import Jar"), "{out}");
    assert!(!out.lines().any(|l| l.trim() == "27"), "{out}");
    for n in ["1", "2", "3"] {
        assert!(out.lines().any(|l| l.trim() == n), "{n}: {out}");
    }
}

#[test]
fn a_comment_button_under_every_post_is_no_comment_section() {
    let a = clean(&qa_page());
    // The buttons go by themselves; the answers after them stay.
    assert_eq!(
        category_of(&a, "Add a comment"),
        Some(Category::Comments),
        "{}",
        a.text()
    );
    assert_eq!(category_of(&a, "Freezing also works"), None, "{}", a.text());
}

#[test]
fn a_comment_count_said_in_the_singular_is_still_a_button() {
    // "1 Comment" under one answer, "3 Comments" under the others: one
    // button, not a comment section that takes the answers after it.
    let page = qa_page().replacen("4 Comments", "1 Comment", 1);
    assert!(page.contains("1 Comment\n"), "{page}");
    let a = clean(&page);
    assert_eq!(category_of(&a, "1 Comment"), Some(Category::LowContent));
    for t in ["Freezing also works", "give it a week"] {
        assert_eq!(category_of(&a, t), None, "{t}: {}", a.text());
    }
}

#[test]
fn comments_after_an_article_with_a_footer_under_each_are_left_out() {
    // Comments end in the same lines each ("Reply", "Report") like a Q&A
    // page's answers, but the thread opens with its own heading.
    let comment = |who: &str, text: &str| format!("{who}\n{text}\nReply\nReport\nLike");
    let thread = [
        comment("riverside_anna", "Finally some money for the harbour, it has needed repairs for as long as I can remember."),
        comment("mark_t", "I would rather they spent it on housing, rents in the old town have doubled in five years."),
        comment("councilwatcher", "The report on the buses will come too late for the winter timetable, as it always does."),
    ]
    .join("\n");
    let text = format!(
        "Budget approved\n{MENU}\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\n{PARA5}\n{PARA6}\nLoad earlier comments\n{thread}\n{FOOTER}"
    );
    let out = clean(&text).text();
    assert!(out.contains(PARA6), "{out}");
    assert!(!out.contains("rents in the old town"), "{out}");
}

#[test]
fn a_response_example_in_api_docs_is_not_a_comment_section() {
    // "Response" alone heads an API call's example output; comment
    // sections say "Responses" or count them ("3 Responses").
    let text = format!(
        "Create a refund | Payments API\n{MENU}\nCreate a refund\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\nRequest\ncurl https://api.example.com/v1/refunds -d charge=ch_123\nResponse\n{{\n\"id\": \"re_123\",\n\"object\": \"refund\",\n\"amount\": 1099,\n\"status\": \"succeeded\"\n}}\nThe refund is returned with its status, which is pending until the bank has confirmed that the money went back to the card.\n{FOOTER}"
    );
    let out = clean(&text).text();
    assert!(out.contains("\"object\": \"refund\""), "{out}");
    assert!(out.contains("pending until the bank"), "{out}");

    let comments = format!(
        "Budget approved\n{MENU}\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\n{PARA5}\n{PARA6}\n3 Responses\nriverside_anna\nFinally some money for the harbour, it has needed repairs for as long as I can remember.\n{FOOTER}"
    );
    let out = clean(&comments).text();
    assert!(!out.contains("Finally some money"), "{out}");
}

/// A review's sections: a short paragraph, then pros and cons under
/// labels said again in every section ("Pros", "Cons", "Best for").
fn review_sections() -> String {
    let picks = [
        ("Trail Kettle", PARA4),
        ("Camp Stove", PARA5),
        ("Lantern", PARA6),
    ];
    let list = |name: &str, items: &[&str]| -> String {
        items
            .iter()
            .map(|i| format!("the {name} {i}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    picks
        .iter()
        .map(|(name, para)| {
            let features = list(
                name,
                &[
                    "weighs less than a bottle of water",
                    "comes with a bag and a spare seal",
                    "runs on the usual gas cans",
                    "has a wide base for uneven ground",
                    "fits in the side pocket of a pack",
                ],
            );
            let pros = list(
                name,
                &[
                    "boils water for two in minutes",
                    "folds flat into its own pot",
                    "works well in the cold",
                    "lasts a week on one gas can",
                ],
            );
            let cons = list(
                name,
                &[
                    "lid gets hot to the touch",
                    "is hard to clean after a long trip",
                    "costs more than most of its rivals",
                    "needs a lighter to start",
                ],
            );
            format!(
                "{name}\nFeatures\n{features}\nPros\n{pros}\nCons\n{cons}\nBest for\n{para} The {name} did well here."
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_review_goes_on_after_its_lists_of_pros_and_cons() {
    let text = format!(
        "Camping gear we liked | The Paper\n{MENU}\n{PARA}\n{PARA2}\n{PARA3}\nWe took each of these on three trips in the hills this autumn, cooked with it for a week and carried it for the whole walk, in rain, in wind and on one very cold night at the top of the pass, where the wind never stopped.\n{}\n{FOOTER}",
        review_sections()
    );
    let out = clean(&text).text();
    assert!(out.contains(PARA), "{out}");
    // The lists and the paragraphs after them are the article's.
    assert!(
        out.contains("the Lantern folds flat into its own pot"),
        "{out}"
    );
    assert!(out.contains("The Lantern did well here."), "{out}");
    assert!(!out.contains("Advertise"), "{out}");
}

#[test]
fn a_list_of_other_stories_after_an_article_ends_it() {
    // Headlines in title case are links to other pages, even with no
    // heading a rule knows over them; the blurb after them is not the
    // article going on.
    let blurb = "Our newsroom has covered the town and its people for more than a hundred years, and it depends on readers like you to keep going.";
    let text = format!(
        "Budget approved\n{MENU}\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\n{PARA5}\n{PARA6}\nIf you read this, try these:\n{}\n{blurb}\n{FOOTER}",
        [
            "Harbour Repairs Start In March Next Year",
            "New Night Bus Line For The East Side",
            "Library Opens On Sundays Again From May",
            "Cycle Lane Plan Goes To A Council Vote",
            "Market Hall Gets A New Roof Soon",
            "School Roof Work Runs Late Again",
            "Ferry Timetable Changes For The Winter",
            "Old Mill Opens Its Doors To Visitors",
            "Town Choir Wins The County Prize",
            "Fishing Boats Return With A Record Catch",
            "Sports Ground Gets New Lights This Year",
            "Bakery On The Square Closes After Fifty Years",
        ]
        .join("\n")
    );
    let out = clean(&text).text();
    assert!(out.contains(PARA6), "{out}");
    assert!(!out.contains("depends on readers"), "{out}");
}

/// A blog's thread: "N Comments on “Title”" (a long heading naming the
/// article), then comments dated to the minute, the post itself dated to
/// the day in the same style.
#[test]
fn a_blog_thread_under_a_counted_heading_is_left_out() {
    let dated = |d: &str| format!("{d}, 2025, 9:46 pm");
    let thread = comments([&dated("March 3"), &dated("March 4"), &dated("March 5")]);
    let text = format!(
        "Budget approved\n{MENU}\nPosted on March 3, 2025 by Sam Lee\n{PARA}\n{PARA2}\n{PARA3}\n{PARA4}\n{PARA5}\n{PARA6}\n3 Comments on “Budget approved by the council after a long debate”\n{thread}"
    );
    let out = clean(&text).text();
    assert!(out.contains(PARA) && out.ends_with(PARA6), "{out}");
    assert!(!out.contains("rents in the old town"), "{out}");
}

/// A guide of short paragraphs between lists, then a long thread of
/// comments under a "Comments" heading (an author and a date, three
/// lines of text each): the thread outweighs the guide's runs of prose.
fn guide_with_thread() -> String {
    let intro = [
        "Our town has more to offer for free than most people think, and this guide collects the best of it in one place for the whole family, from tools you can borrow to lessons, classes and walks that cost nothing at all.",
        "We visited every place on this list in the last two months, checked the opening hours and asked the staff what is free and what is not, so that you do not have to find out at the door.",
        "Some offers need a library card or proof that you live here, so bring one with you, and check the website before you go in case of changes to the rules or the hours.",
    ];
    let places = [
        "The city library now lends tools as well as books, and members can borrow a drill or a ladder for a week at no cost at all.",
        "The museum on the hill opens its doors for free on the first Sunday of each month, with guided walks through the old halls every hour.",
        "The public pool offers free swimming lessons for children under twelve during the summer, booked at the front desk a week ahead.",
        "The sports centre lends bikes to residents for a day, and the staff check the brakes and the tyres before every loan for safety.",
    ];
    let list = "What you can borrow:\nCordless drill\nStep ladder\nGarden shears\nPaint sprayer\nTile cutter\nHedge trimmer\nPressure washer\nSewing machine";
    let mut page = format!(
        "Free things to do in town | The Town Guide\n{MENU}\nFree things to do in town\n{}",
        intro.join("\n")
    );
    for p in places {
        page += &format!("\n{p}\n{list}");
    }
    page += "\nComments";
    let spots = ["river", "bridge", "market", "square", "garden", "harbour"];
    for k in 0..24 {
        let (a, b) = (spots[k % 6], spots[(k * 5 + 1) % 6]);
        page += &format!(
            "\nreader_{k} {}/1{}/2021 at {}:{}pm\nThanks for this list, I had no idea the library by the {a} lends tools, and I will borrow a ladder next week for the gutters.\nI shared it with my neighbours near the {b} too, and we plan to try a few of these together before the end of the month.\nMy only wish is that the opening hours by the {a} were longer on weekdays, since most of us work until six in the evening.",
            k % 9 + 1,
            k % 9,
            k % 11 + 1,
            10 + k
        );
    }
    page + "\nAbout us\nPrivacy Policy\n© 2025 The Town Guide"
}

#[test]
fn a_long_thread_does_not_outweigh_a_guide_of_short_paragraphs() {
    let out = clean(&guide_with_thread()).text();
    assert!(out.contains("Our town has more to offer"), "{out}");
    assert!(out.contains("The museum on the hill"), "{out}");
    assert!(!out.contains("I shared it with my neighbours"), "{out}");
}
