//! Text whose HTML is gone: a numbered listicle ("1. Name", "2. Name")
//! whose items list services that the site's menu names too, in the same
//! order, keeps every item; the lists are the items' own, not the menu.

use unboil::Cleaner;

const MENU: [&str; 11] = [
    "Home",
    "Garden Design",
    "Lawn Care",
    "Tree Surgery",
    "Hedge Trimming",
    "Patio Building",
    "Fencing",
    "Irrigation",
    "Snow Removal",
    "About",
    "Contact",
];

const ITEMS: [(&str, &str); 4] = [
    (
        "Green Acre Crews",
        "Green Acre Crews has looked after gardens in the valley since the nineties, and its crews turned up on time for every visit we booked, cleared away all the clippings and left the beds tidier than they found them.",
    ),
    (
        "Maple Yard Works",
        "Maple Yard Works is the firm to call for a large plot: the quote it sent matched the final bill, and the team planted a whole hedge in one long day while we were away at work.",
    ),
    (
        "Oakline Gardens",
        "Oakline Gardens is a small family business that does careful work on old trees, and the owner walked the garden with us for an hour before naming any price at all.",
    ),
    (
        "Birch Lane Landscapes",
        "Birch Lane Landscapes won us over with clear plans drawn to scale and a crew that asked before moving a single plant, though its diary fills up early in the spring.",
    ),
];

const GUIDE: [&str; 4] = [
    "Start with what the garden needs most over a year, since a lawn that wants cutting every week calls for a different firm than a few old trees that need a careful hand once a season.",
    "Ask for a written quote after a visit, and be wary of any firm that names a price without walking the plot, because slopes, access and soil change the work a great deal.",
    "Check that the crew carries insurance for the work it does, above all for tree surgery, and ask who takes the green waste away at the end of each visit.",
    "Finally, book early in the year: the good crews fill their spring diaries by the end of winter and the last free slots are rarely the cheapest ones.",
];

fn page() -> String {
    let mut lines = vec!["Best garden services in town | The Yard Paper".to_string()];
    lines.extend(MENU.iter().map(|s| s.to_string()));
    lines.push("Best garden services in town".into());
    lines.push("We hired each of these firms for a season and rated them on care, price and how they talked to us.".into());
    for (k, (name, para)) in ITEMS.iter().enumerate() {
        lines.push(format!("{}. {name}", k + 1));
        lines.push(para.to_string());
        lines.push("Founded in 1995".into());
        lines.push("Services Offered:".into());
        // The services, named and ordered as in the site's menu.
        lines.extend(MENU[1..9].iter().map(|s| s.to_string()));
        lines.push("Notable Clients:".into());
        lines.push("City Library".into());
        lines.push("Riverside School".into());
    }
    lines.push("How to choose a garden service".into());
    lines.extend(GUIDE.iter().map(|s| s.to_string()));
    lines.push("Privacy Policy".into());
    lines.push("© 2025 The Yard Paper. All rights reserved.".into());
    lines.extend(MENU.iter().map(|s| s.to_string()));
    lines.join("\n")
}

#[test]
fn a_numbered_listicle_keeps_items_whose_lists_echo_the_menu() {
    let out = Cleaner::default().clean_text(&page()).text();
    assert!(out.contains(GUIDE[0]), "{out}");
    for (name, para) in ITEMS {
        assert!(out.contains(para), "{name}: {out}");
    }
    assert!(out.contains("1. Green Acre Crews"), "{out}");
    assert!(out.contains("Services Offered:"), "{out}");
    assert!(!out.contains("All rights reserved"), "{out}");
}

#[test]
fn numbered_short_steps_are_no_listicle() {
    // A numbered list of short lines (steps, not items with a body) does
    // not make the menu after it the article's own.
    let steps = "1. Measure the plot\n2. Pick the plants\n3. Dig the beds\n4. Water well";
    let text = format!(
        "Planting a bed | The Yard Paper\n{}\n{}\n{steps}\n{}\n{}",
        MENU.join("\n"),
        GUIDE[..2].join("\n"),
        GUIDE[2..].join("\n"),
        MENU.join("\n"),
    );
    let out = Cleaner::default().clean_text(&text).text();
    assert!(out.contains(GUIDE[3]), "{out}");
    assert!(!out.contains("Snow Removal"), "{out}");
}
