//! Text whose HTML is gone: a service page (short offers, prices, steps)
//! whose footer ends in fine print (footnotes, a disclaimer). The fine
//! print is the page's longest prose, but the offers are its content.
//! Pages written here.

use std::sync::LazyLock;
use unboil::Cleaner;

mod lines;
use lines::kept;

static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const MENU: &[&str] = &[
    "Home", "Services", "Pricing", "About Us", "Contact", "Book Now",
];

/// The page's own text: an intro, then offers (a name, two sentences, a
/// price and buttons), then the steps of booking.
const INTRO: &[&str] = &[
    "Dog Walking and Pet Sitting in Your Neighbourhood",
    "We walk, feed and look after your pets while you are at work or away.",
    "Every walker is insured, vetted and trained in canine first aid.",
];

/// Offers: a name, two sentences, a price; made up from these parts.
const SERVICES: &[&str] = &[
    "Solo Walks",
    "Group Adventures",
    "Puppy Visits",
    "Home Visits",
    "Overnight Stays",
    "Pet Taxi",
    "Holiday Boarding",
    "Senior Pet Care",
];
const PETS: &[&str] = &["dog", "cat"];

fn offers() -> Vec<[String; 4]> {
    let mut out = Vec::new();
    for (n, service) in SERVICES.iter().enumerate() {
        for pet in PETS {
            out.push([
                format!("{service} for your {pet}"),
                format!("Our {service} plan gives your {pet} a calm and friendly carer every week of the year."),
                format!("You get a written note about your {pet} after each of the {} visits we make.", n + 4),
                format!("From ${} per visit", 15 + n),
            ]);
        }
    }
    out
}

const STEPS: &[&str] = &[
    "How It Works",
    "Book a free meet and greet so we can learn about your pet's habits.",
    "Choose the days and times that suit you, and change them whenever you need.",
    "Pay monthly by card, with no contract and no fee for cancelling early.",
];

const FOOTER: &[&str] = &[
    "Privacy",
    "Terms",
    "Careers",
    "Blog",
    "Gift Cards",
    "Areas We Cover",
    "North Side",
    "South Side",
    "Instagram",
    "Facebook",
    "Dog Walking Northfield",
    "Dog Walking Eastbrook",
    "Dog Walking Millbank",
    "Cat Sitting Northfield",
    "Cat Sitting Eastbrook",
    "Cat Sitting Millbank",
    "Pet Taxi Northfield",
    "Pet Taxi Eastbrook",
    "Pet Taxi Millbank",
    "Join Our Team",
    "Refer a Friend",
    "Reviews",
];

const FINE_PRINT: &[&str] = &[
    "1 Prices shown are for the central service area and include local taxes. Visits outside that area may carry a travel charge, which is always agreed with the owner in writing before the first booking is confirmed by our office.",
    "2 Group walks depend on a satisfactory assessment of the dog's behaviour with other animals. We may decline or end a booking at any time if we believe a dog is unsafe around people or other pets, and any prepaid walks are refunded.",
    "3 Insurance cover is provided by a third party under a policy held by the company. Full terms, exclusions and limits are available on request, and claims must be reported to the office within seven days of the incident taking place.",
    "5 Bookings made online are held for ten minutes while payment is taken. If the payment fails, the slot is released to other customers and the owner is told by email, so that a new booking can be made at another time.",
    "6 We may change these prices with one month of notice by email. Owners who do not accept a change may cancel their plan before it takes effect, and any visits already paid for at the old price will still be honoured.",
    "4 Gift cards are valid for twelve months from the date of purchase and cannot be exchanged for cash. Lost or stolen cards can be replaced only when the original receipt is shown at our office during opening hours.",
];

/// Each offer's buttons: they cost the offers' run, line by line.
const BUTTONS: &[&str] = &[
    "Book now",
    "Learn more",
    "Ask a question",
    "Compare plans",
    "Gift this",
    "Share",
];

fn page() -> String {
    let mut lines: Vec<&str> = MENU.to_vec();
    lines.extend_from_slice(INTRO);
    let offers = offers();
    for offer in &offers {
        lines.extend(offer.iter().map(String::as_str));
        lines.extend_from_slice(BUTTONS);
    }
    lines.extend_from_slice(STEPS);
    lines.extend_from_slice(FOOTER);
    lines.extend_from_slice(FINE_PRINT);
    lines.push("© 2026 Example Pet Care Ltd");
    lines.join("\n") + "\n"
}

#[test]
fn offers_kept_over_footer_fine_print() {
    let a = CLEANER.clean_text(&page());
    let offers = offers();
    let sentences = offers
        .iter()
        .flat_map(|o| o[1..3].iter().map(String::as_str));
    for line in INTRO[1..]
        .iter()
        .copied()
        .chain(sentences)
        .chain(STEPS[1..].iter().copied())
    {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
    for line in FINE_PRINT {
        assert!(!kept(&a, line), "{line:?} should be removed");
    }
}

/// An article that ends the page is no footer's fine print: it stays,
/// though a few short sentences stand before it.
#[test]
fn article_at_the_end_of_the_page_stays() {
    let story = [
        "Our First Year of Walking Dogs",
        "When we started the business, we had two walkers, one borrowed van and a list of eleven dogs whose owners had heard about us from friends at the local park. Every morning began with a long drive across town and ended with muddy boots.",
        "The hardest lesson of that first winter was how much the dogs depended on routine. A walk that came an hour late left some of them anxious for the whole day, so we rebuilt our schedule around the dogs rather than around the traffic on the roads.",
        "By the spring we had grown to six walkers, and each of them now looks after the same small group of dogs every week. Owners tell us that this steady pairing matters more to them than any other part of the service we offer.",
        "Next year we hope to open a second office on the other side of the river, so that fewer of our walkers spend their mornings stuck in traffic.",
    ];
    let mut lines: Vec<&str> = MENU.to_vec();
    lines.push("Thanks for reading our news.");
    lines.extend_from_slice(&story);
    lines.push("© 2026 Example Pet Care Ltd");
    let a = CLEANER.clean_text(&(lines.join("\n") + "\n"));
    for line in &story[1..] {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
}
