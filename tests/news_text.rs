//! News furniture in text whose HTML is gone: the lines a news or magazine
//! page prints in and around a story (gallery counters, captions, picture
//! credits, like and save buttons, comment furniture, ad markers, app and
//! newsletter pitches, legal footers) go; the story stays whole. Pages
//! written here.

use std::sync::LazyLock;
use unboil::Cleaner;

/// One cleaner for all cases: compiling the rules is the slow part.
static CLEANER: LazyLock<Cleaner> = LazyLock::new(Cleaner::default);

const P1: &str = "The lighthouse on the north cape was lit again on Saturday evening, forty years after the keepers left and the lamp went dark for good.";
const P2: &str = "Volunteers spent two summers repairing the tower, replacing the rusted railings and carrying new glass up the hundred and twelve steps by hand.";
const P3: &str = "The coastguard said the light would not guide ships, which rely on satellites now, but that fishermen had asked for it to shine again.";
const P4: &str = "A small museum in the keeper's cottage opens in the spring, with the old logbooks, the brass fittings and photographs of the families who lived there.";
const P5: &str = "The village plans a festival every year on the night the lamp was relit, with music on the quay and boat trips out to the cape.";

/// A story with `junk` between its second and third paragraphs.
fn story(junk: &str) -> String {
    format!("Lighthouse shines again after forty years\n{P1}\n{P2}\n{junk}\n{P3}\n{P4}\n{P5}\n")
}

/// The rule that removed the line `line`, or None when it was kept.
fn rule_of(a: &unboil::Article, line: &str) -> Option<String> {
    let d = a
        .decision_for(line)
        .unwrap_or_else(|| panic!("no line {line:?}"));
    d.removed.map(|_| d.rule.to_string())
}

/// Each line placed alone in the story is removed by `rule`, and the
/// story's paragraphs are all kept.
fn removed_by(rule: &str, lines: &[&str]) {
    for line in lines {
        let a = CLEANER.clean_text(&story(line));
        assert_eq!(
            rule_of(&a, line).as_deref(),
            Some(rule),
            "{line:?} should be removed by {rule}"
        );
        let text = a.text();
        for p in [P1, P2, P3, P4, P5] {
            assert!(text.contains(p), "{line:?}: lost {p:?}");
        }
    }
}

/// Lines of a story that look a little like the junk stay.
fn kept(lines: &[&str]) {
    for line in lines {
        let a = CLEANER.clean_text(&story(line));
        assert_eq!(rule_of(&a, line), None, "{line:?} should be kept");
    }
}

#[test]
fn gallery_counters_and_buttons_go() {
    removed_by(
        "news.gallery-counter",
        &[
            "Image 3 of 14",
            "Photo 1 of / 9",
            "Back to Gallery",
            "View all 12 photos",
            "View image in fullscreen",
        ],
    );
}

#[test]
fn captions_and_picture_credits_go() {
    removed_by(
        "news.caption-label",
        &[
            "Image caption The restored lamp room seen from the gallery on the night of the relighting",
        ],
    );
    removed_by(
        "news.photo-credit",
        &[
            "Volunteers carry glass up the tower stairs in June. (AP Photo/Jane Doe, File)",
            "The keeper's cottage before the repairs began. Mary Smith / AP file",
        ],
    );
    removed_by(
        "news.photo-credit-line",
        &[
            "Tom Brown, AP",
            "Getty Images / Ann Lee",
            "Image courtesy of the harbour trust",
        ],
    );
    // A sentence that cites an agency is the story's own.
    kept(&["The figures were first reported by Reuters and later confirmed by the council."]);
}

/// A long caption with a credit after the story's opening paragraphs
/// does not cut the story there: the shorter paragraphs after it, each
/// alone between junk lines, stay (the `inline` mark).
#[test]
fn a_credited_caption_inside_the_story_does_not_end_it() {
    const L1: &str = "The lighthouse on the north cape was lit again on Saturday evening, forty years after the keepers left and the lamp went dark for good, and hundreds of people walked out along the cliff path in the rain to watch the beam sweep the water once more.";
    const L2: &str = "Volunteers spent two summers repairing the tower, replacing the rusted railings and carrying new glass up the hundred and twelve steps by hand, because no crane could reach the rock and the old winch had long since seized in the salt air of the cape.";
    const L3: &str = "The coastguard said the light would not guide ships, which rely on satellites now, but that fishermen had asked for it to shine again, and that it would be kept as a heritage light with its own small budget paid for by the county and the village together.";
    let caption = "A volunteer polishes the brass fittings of the old lamp in the lamp room at the top of the tower before the relighting on Saturday evening last week. (AP Photo/Jane Doe, File)";
    let menu = "Home\nNews\nSport\nWeather";
    let text = format!(
        "Lighthouse shines again after forty years\n{menu}\n{L1}\n{L2}\n{L3}\n{caption}\n{P4}\nGET THE COAST DAILY APP ON THE GO BY CLICKING HERE\n{P5}\n{menu}\nContact\n"
    );
    let a = CLEANER.clean_text(&text);
    assert_eq!(rule_of(&a, caption).as_deref(), Some("news.photo-credit"));
    let out = a.text();
    for p in [L1, L2, L3, P4, P5] {
        assert!(out.contains(p), "lost {p:?}");
    }
    assert!(!out.contains("ON THE GO"));
    assert!(!out.contains("Weather"));
}

#[test]
fn like_save_and_republish_buttons_go() {
    removed_by(
        "news.reaction-buttons",
        &[
            "Like this:",
            "Like Loading...",
            "Sharing is caring!",
            "Liked by Sam Carter",
            "Save this story",
            "Republish this article",
        ],
    );
    kept(&["Like this, the lamp turns once every ten seconds."]);
}

#[test]
fn comment_furniture_goes() {
    removed_by(
        "news.comment-furniture",
        &[
            "Anonymous says:",
            "Leave a Reply Cancel reply",
            "Flag as inappropriate",
            "View Comments",
            "Expand full comment",
        ],
    );
    // A quote introduced by a colon ends with more than "says:".
    kept(&["The oldest volunteer, who is eighty-one, says: it was worth every step."]);
}

#[test]
fn post_navigation_ad_markers_and_list_labels_go() {
    removed_by(
        "news.post-navigation",
        &[
            "Previous Next",
            "Previous Post Next Post",
            "Post navigation",
        ],
    );
    removed_by(
        "news.ad-marker",
        &[
            "SKIP ADVERTISEMENT",
            "Sponsor Message",
            "Continue Reading Below",
        ],
    );
    removed_by(
        "news.list-label",
        &[
            "Trending News",
            "You may also like...",
            "Next Up In Travel",
            "많이 본 뉴스",
            "Читайте также",
        ],
    );
}

#[test]
fn byline_furniture_goes() {
    removed_by(
        "news.staff-role",
        &["Staff Writer", "Ideas Contributor", "Editor in Chief"],
    );
    removed_by(
        "news.byline-extra",
        &[
            "Ann Lee @annlee_writes",
            "Biography Ann Lee",
            "Associated Press November 19, 2024, 9:02 AM",
            "Текст: Анна Петрова · 3 мая 2024",
        ],
    );
}

/// A one-line author note ends the story: what follows it is the author
/// box and the page's lists, not more of the story.
#[test]
fn an_author_note_after_the_story_goes_with_what_follows() {
    let text = format!(
        "Lighthouse shines again after forty years\n{P1}\n{P2}\n{P3}\n{P4}\n{P5}\nAnn Lee is a freelance writer living in Bristol.\nMore from Ann\nHow the tide tables are made\n"
    );
    let a = CLEANER.clean_text(&text);
    assert_eq!(
        rule_of(&a, "Ann Lee is a freelance writer living in Bristol.").as_deref(),
        Some("news.bio-line")
    );
    assert!(a.text().contains(P5));
}

#[test]
fn site_legal_lines_and_pitches_go() {
    removed_by(
        "news.site-legal",
        &[
            "Registration on or use of this site constitutes acceptance of our User Agreement and Privacy Policy",
            "The material on this site may not be reproduced without the prior written permission of the publisher.",
            "This site is protected by reCAPTCHA and the Privacy Policy and Terms of Service apply.",
            "Quotes delayed at least 20 minutes.",
        ],
    );
    removed_by(
        "news.app-pitch",
        &[
            "CLICK HERE TO GET THE COAST DAILY APP",
            "Get Coast Monthly delivered to your door. 12 issues for £20.",
        ],
    );
    removed_by(
        "news.newsletter-furniture",
        &[
            "Want more stories like this?",
            "Thanks for signing up!",
            "See All Newsletters",
        ],
    );
    removed_by(
        "news.republish-notice",
        &["Republish our articles for free, online or in print, under a Creative Commons license."],
    );
}

#[test]
fn pointers_to_other_stories_inside_the_story_go() {
    removed_by(
        "news.inline-related",
        &[
            "SEE MORE: Harbour wall to be rebuilt after winter storms",
            "Also on coastdaily.com Ferry timetable changes for the summer",
            "READ MORE ON COAST DAILY BY CLICKING HERE",
        ],
    );
    // A sentence that begins the same way is the story's own.
    kept(&["See more of the coast from the lamp room, where the view reaches the islands."]);
}

#[test]
fn review_card_buttons_comment_headers_and_text_credits_go() {
    removed_by(
        "news.review-buttons",
        &[
            "Read full review",
            "View Deal",
            "Watch review on YouTube",
            "View author page",
            "View all posts",
        ],
    );
    removed_by(
        "news.comment-header",
        &["Re: (Score: 4)", "by harbourfan ( 1234 ) writes:"],
    );
    removed_by(
        "news.byline-extra",
        &["Text by Ann Lee", "Words by Tom Brown"],
    );
    // A heading that starts the same way is the story's own.
    kept(&["Text by the old keepers, read aloud on the quay, opened the evening."]);
}

/// A report's own "Discussion" heading names a comment section too; the
/// long paragraph right after it, in the report's voice with no
/// commenter's name or date, goes on with the report. The real comment
/// thread after the report still goes.
#[test]
fn a_reports_own_discussion_section_stays() {
    const D1: &str = "The survey of the lighthouse found that the tower had settled by less than a centimetre since it was built, which suggests that the rock beneath it is sound and that the repairs made by the volunteers will last for many decades. The brass fittings showed little wear, although the salt air had corroded the lower railings, and the glass of the lantern room was replaced in full. These results agree with earlier surveys of towers on the same coast and point to the care of the keepers who kept the lamp and the stairs in good order for a century.";
    let page = format!(
        "Lighthouse shines again after forty years\n{P1}\n{P2}\n{P3}\n{P4}\n{P5}\nDiscussion\n{D1}\nComments\nJane Walker\nMarch 3, 2024 at 10:15\nLovely to see the light back, we watched it from the quay.\nReply\nTom Evans\nMarch 4, 2024 at 08:02\nMy grandfather kept that lamp for twenty years.\nReply\n"
    );
    let a = CLEANER.clean_text(&page);
    let text = a.text();
    assert!(text.contains(D1), "lost the discussion: {text}");
    assert!(text.contains("Discussion"), "lost its heading: {text}");
    assert!(!text.contains("Jane Walker"), "kept a comment: {text}");
    assert!(!text.contains("grandfather kept"), "kept a comment: {text}");
}

/// A thread whose first comment is a long paragraph signed after it (name,
/// then date) still goes with its heading.
#[test]
fn a_long_first_comment_signed_after_it_still_goes() {
    const C: &str = "I walked out to the cape with my children on Saturday and we stood in the rain for an hour to watch the beam come round again, and I have to say it was one of the most moving things I have seen in years, because my grandfather kept that lamp for twenty years and told us stories about the storms and the ships every winter when we were small.";
    let page = format!(
        "Lighthouse shines again after forty years\n{P1}\n{P2}\n{P3}\n{P4}\n{P5}\nComments\n{C}\nJane Walker\nMarch 3, 2024 at 10:15\nReply\nTom Evans\nMarch 4, 2024 at 08:02\nLovely to see the light back.\nReply\n"
    );
    let text = CLEANER.clean_text(&page).text();
    assert!(text.contains(P5), "lost the story: {text}");
    assert!(!text.contains(C), "kept the first comment: {text}");
    assert!(!text.contains("Lovely to see"), "kept a comment: {text}");
}
