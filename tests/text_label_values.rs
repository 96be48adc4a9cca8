//! Text whose HTML is gone: a forum post's header prints each counter as a
//! label line and a value line ("Messages", "2,318"). The labels go by
//! rule; their values go with them. A step's number in a how-to after a
//! removed line, and a figure after a button, stay. Pages written here.

use std::sync::LazyLock;
use unboil::Cleaner;

mod lines;
use lines::{kept, page};

static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const HEAD: &[&str] = &[
    "Best glue for repairing a cracked ceramic mug? | Kiln Corner",
    "Home",
    "Forums",
    "Repairs",
    "Best glue for repairing a cracked ceramic mug?",
];

const POSTS: &[&str] = &[
    "claydust",
    "Active Member",
    "Messages",
    "2,318",
    "Reaction score",
    "907",
    "My favourite mug cracked along the handle after a fall in the sink, and I would like to keep using it for tea. Is there a glue that is safe for hot drinks, or should it become a pencil pot now?",
    "glazebarn",
    "Well-known Member",
    "Messages",
    "14,560",
    "Reaction score",
    "3,402",
    "Two-part epoxy holds well, but very few are rated safe for food or for hot water. I would keep it for pencils and make a new mug, which is the fun part anyway.",
    "wheelhouse",
    "New Member",
    "Messages",
    "41",
    "Reaction score",
    "12",
    "A kintsugi style repair with a food safe lacquer is another road, though it takes weeks to cure properly and the lacquer can irritate the skin while you work with it.",
];

#[test]
fn counter_values_under_removed_labels_go() {
    let text = page(&[HEAD, POSTS]);
    let a = CLEANER.clean_text(&text);
    for value in ["2,318", "907", "14,560", "3,402", "41", "12"] {
        assert!(!kept(&a, value), "{value} kept:\n{}", a.text());
    }
    assert!(kept(
        &a,
        "Two-part epoxy holds well, but very few are rated safe for food or for hot water. I would keep it for pencils and make a new mug, which is the fun part anyway."
    ));
}

#[test]
fn step_numbers_and_figures_after_buttons_stay() {
    let text = page(&[&[
        "How to wedge clay by hand",
        "Wedging pushes the air out of clay and evens its moisture before you throw it, and it takes only a few minutes once your hands know the motion.",
        "Messages",
        "1",
        "Cut the block in half with a wire and slam one half onto the other, cut side down, to start mixing the two.",
        "Messages",
        "2",
        "Push the clay away with the heels of your hands, fold it back, and turn it a quarter turn each time, like kneading bread dough.",
        "Messages",
        "3",
        "Stop when a cut through the middle shows no air pockets and no streaks of wetter clay, then shape it into a ball for the wheel.",
        "Our studio fires more than a thousand pieces every month for members and classes, and wedging is the first thing every new member learns here.",
        "Learn more",
        "1,200",
        "Pieces fired each month in our two kilns by members and students of every level.",
    ]]);
    let a = CLEANER.clean_text(&text);
    for line in ["1", "2", "3", "1,200"] {
        assert!(kept(&a, line), "{line} removed:\n{}", a.text());
    }
}

#[test]
fn counters_under_one_label_go_together() {
    // One label, then the member's counters one under another, their own
    // labels shown as icons.
    let text = page(&[
        HEAD,
        &[
            "claydust",
            "Active Member",
            "Messages",
            "2,318",
            "907",
            "4,410",
            "My favourite mug cracked along the handle after a fall in the sink, and I would like to keep using it for tea. Is there a glue that is safe for hot drinks?",
            "glazebarn",
            "Well-known Member",
            "Messages",
            "14,560",
            "3,402",
            "61",
            "Two-part epoxy holds well, but very few are rated safe for food or for hot water. I would keep it for pencils and make a new mug, which is the fun part anyway.",
        ],
    ]);
    let a = CLEANER.clean_text(&text);
    for value in ["2,318", "907", "4,410", "14,560", "3,402", "61"] {
        assert!(!kept(&a, value), "{value} kept:\n{}", a.text());
    }
    assert!(kept(
        &a,
        "Two-part epoxy holds well, but very few are rated safe for food or for hot water. I would keep it for pencils and make a new mug, which is the fun part anyway."
    ));
}

#[test]
fn counts_in_dated_post_headers_go_without_labels() {
    // Each post's header: the poster, the date and time, a count with its
    // label shown as an icon. The dated headers make it a thread.
    let text = page(&[&[
        "Best budget tent for a first camping trip? | Trail Talk",
        "Home",
        "Forums",
        "Gear",
        "Best budget tent for a first camping trip?",
        "pinecone",
        "Mar 3, 2024 at 7:45 PM",
        "1,204",
        "I am going camping for the first time this summer with two friends. Which budget tent keeps the rain out and is still easy to pitch alone?",
        "ridgeline",
        "Mar 3, 2024 at 9:10 PM",
        "318",
        "A simple dome tent with a full rain fly is the safest choice. Practise pitching it in the garden once before you go, it saves a lot of stress on the first night.",
        "pinecone",
        "Mar 4, 2024 at 8:02 AM",
        "1,204",
        "Thanks, I found a dome tent with a full fly on sale and will set it up in the garden this weekend to practise before the trip.",
        "mossback",
        "Mar 4, 2024 at 6:30 PM",
        "2,977",
        "Bring a small tarp for under the tent too. It keeps the floor dry and clean, and it costs almost nothing compared with a new tent.",
        "You must log in or register to reply here.",
    ]]);
    let a = CLEANER.clean_text(&text);
    for value in ["318", "2,977"] {
        assert!(!kept(&a, value), "{value} kept:\n{}", a.text());
    }
    assert!(kept(
        &a,
        "Bring a small tarp for under the tent too. It keeps the floor dry and clean, and it costs almost nothing compared with a new tent."
    ));
}

#[test]
fn a_numbered_list_in_a_thread_keeps_its_numbers() {
    // "1.", "2.", "3." on lines of their own number a post's steps: they
    // go up by one, as no counters do.
    let text = page(&[&[
        "How do I pitch a dome tent alone? | Trail Talk",
        "Home",
        "Forums",
        "Gear",
        "How do I pitch a dome tent alone?",
        "pinecone",
        "Mar 3, 2024 at 7:45 PM",
        "My new dome tent keeps folding over in the wind before I can stake it down. How do you pitch one on your own without a second pair of hands?",
        "ridgeline",
        "Mar 3, 2024 at 9:10 PM",
        "This is the order that works for me every time, even in a breeze:",
        "1.",
        "Stake the two corners that face the wind before anything else goes up.",
        "2.",
        "Push the poles through their sleeves while the tent still lies flat on the ground.",
        "3.",
        "Lift the middle, clip the body to the poles and stake the last two corners.",
        "pinecone",
        "Mar 4, 2024 at 8:02 AM",
        "Thanks, staking the windward corners first made all the difference. It went up in ten minutes in the garden this morning.",
        "mossback",
        "Mar 4, 2024 at 6:30 PM",
        "Bring a small tarp for under the tent too. It keeps the floor dry and clean, and it costs almost nothing compared with a new tent.",
        "You must log in or register to reply here.",
    ]]);
    let a = CLEANER.clean_text(&text);
    for n in ["1.", "2.", "3."] {
        assert!(kept(&a, n), "{n} removed:\n{}", a.text());
    }
}
