//! Text whose HTML is gone: a manual page lists its chapters at the top and
//! heads each with the same words. A chapter named like page furniture
//! ("Discussion", "See also") is part of the document when the contents
//! list names it; the same heading with no contents list above still
//! opens a comment thread that is left out. Pages written here.

use unboil::Cleaner;

mod lines;
use lines::{kept, page};

const CONTENTS: &[&str] = &[
    "Contents",
    "NAME",
    "SYNOPSIS",
    "DESCRIPTION",
    "OPTIONS",
    "DISCUSSION",
    "SEE ALSO",
];

const NAME: &[&str] = &[
    "NAME",
    "frob - rewrite the records of a ledger file in place",
];

const BODY: &[&str] = &[
    "SYNOPSIS",
    "frob [--dry-run] [--keep] <file>",
    "DESCRIPTION",
    "Reads the ledger file, sorts its records by date and writes them back, keeping the comments that sit above each record.",
    "Each record starts with its date on a line of its own; the lines under it, up to the next date, belong to it and move with it when the file is sorted.",
    "The file is written to a new name first and then moved over the old one, so a crash halfway through never leaves a ledger that is cut short.",
    "OPTIONS",
    "--dry-run",
    "Prints the records in their new order and leaves the file as it was, so that the result can be checked first.",
];

const DISCUSSION: &[&str] = &[
    "DISCUSSION",
    "Records that carry the same date keep the order they had in the file, so running the tool twice gives the same result as running it once.",
    "A record whose date cannot be read is left where it stands, and a warning names its line so that it can be fixed by hand before the next run.",
];

#[test]
fn a_chapter_the_contents_list_names_is_kept_whatever_its_name() {
    let text = page(&[
        CONTENTS,
        NAME,
        BODY,
        DISCUSSION,
        &["SEE ALSO", "frob-check(1)"],
    ]);
    let a = Cleaner::default().clean_text(&text);
    for line in DISCUSSION.iter().skip(1) {
        assert!(kept(&a, line), "{line:?} should be kept");
    }
}

#[test]
fn a_discussion_heading_no_contents_list_names_still_opens_comments() {
    let text = page(&[NAME, BODY, DISCUSSION]);
    let a = Cleaner::default().clean_text(&text);
    assert!(!kept(&a, DISCUSSION[1]), "the thread should be left out");
}
