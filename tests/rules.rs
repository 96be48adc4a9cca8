//! User rule files: every rule kind, per-site rules, changes to the built-in
//! set, the worked examples of docs/rules.md, and the message for each kind
//! of bad file.

use unboil::classify::Category;
use unboil::{Article, Cleaner, Document, RuleSetBuilder};

/// A cleaner with the built-in rules plus these (name, source) files.
fn cleaner(files: &[(&str, &str)]) -> Cleaner {
    let mut b = RuleSetBuilder::new().with_builtin();
    for (name, src) in files {
        b.add_source(src, name).unwrap_or_else(|e| panic!("{e}"));
    }
    Cleaner::new(b.build().unwrap())
}

fn example(name: &str) -> (String, String) {
    let path = format!("{}/docs/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    (name.to_string(), src)
}

fn examples(names: &[&str]) -> Cleaner {
    let files: Vec<(String, String)> = names.iter().map(|n| example(n)).collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    cleaner(&refs)
}

fn page(name: &str) -> Vec<u8> {
    let path = format!("{}/docs/examples/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn clean(c: &Cleaner, mut doc: Document, url: Option<&str>) -> Article {
    doc.url = url.map(str::to_string);
    c.clean(&doc).unwrap().article
}

fn html(c: &Cleaner, src: &[u8], url: Option<&str>) -> Article {
    clean(c, Document::html(src), url)
}

fn text(c: &Cleaner, src: &[u8], url: Option<&str>) -> Article {
    clean(c, Document::text(src), url)
}

/// The decision for the block whose text starts with `start`:
/// (removed category, rule id).
fn fate(a: &Article, start: &str) -> (Option<Category>, String) {
    let i = a
        .page
        .blocks
        .iter()
        .position(|b| b.text.starts_with(start))
        .unwrap_or_else(|| panic!("no block starts with {start:?}"));
    (a.decisions[i].removed, a.decisions[i].rule.to_string())
}

fn removed_by(a: &Article, start: &str, rule: &str, cat: Category) {
    assert_eq!(fate(a, start), (Some(cat), rule.to_string()), "{start}");
}

fn kept(a: &Article, start: &str) {
    let (removed, rule) = fate(a, start);
    assert_eq!(removed, None, "{start} removed by {rule}");
}

const ARTICLE: &str = "<p>The ferry between the two islands sailed again on Tuesday morning, three days after the storm closed the harbour and left travellers stranded.</p>\
<p>Harbour officials said the crossing had been checked by divers overnight and the timetable would return to normal by the weekend.</p>\
<p>Local shops, which rely on the morning crossing for fresh deliveries, welcomed the news and expected a busy week as visitors returned.</p>";

fn wrap(extra: &str) -> Vec<u8> {
    format!("<html><body><article><h1>Ferry service resumes</h1>{ARTICLE}{extra}</article></body></html>")
        .into_bytes()
}

// ------------------------------------------------------------ rule kinds

#[test]
fn the_issue_text_rule_works_as_written() {
    let c = examples(&["telegram.toml"]);
    let builtin = Cleaner::default();
    for a in [
        html(&c, &page("gazette.html"), None),
        text(&c, &page("gazette.txt"), None),
    ] {
        removed_by(
            &a,
            "Join the Harbour Gazette channel",
            "site.telegram-channel",
            Category::SocialCta,
        );
        assert!(!a.text().contains("Telegram"));
        kept(&a, "The ferry between");
    }
    // The built-in rules alone keep it: the user rule is what removes it.
    kept(
        &html(&builtin, &page("gazette.html"), None),
        "Join the Harbour",
    );
}

#[test]
fn heading_rule_opens_a_section() {
    let rules = r#"
[[rule]]
id = "letters.heading"
category = "comments"
heading = '(?i)^letters to the editor$'
"#;
    let c = cleaner(&[("h.toml", rules)]);
    let a = html(
        &c,
        &wrap(
            "<section><h2>Letters to the editor</h2>\
             <p>I have taken this ferry for thirty years and never seen the harbour so full of boats.</p>\
             <p>Thank you for your coverage of the storm, it was the only news we had for days.</p></section>",
        ),
        None,
    );
    for start in ["Letters to the editor", "I have taken", "Thank you for"] {
        removed_by(&a, start, "letters.heading", Category::Comments);
    }
    kept(&a, "Harbour officials");
    // In text, the section runs after the heading line as well.
    let t = text(
        &c,
        b"Ferry service resumes\n\
          The ferry between the two islands sailed again on Tuesday morning, three days after the storm closed the harbour.\n\
          Harbour officials said the crossing had been checked by divers overnight and the timetable would return to normal.\n\
          Letters to the editor\n\
          I have taken this ferry for thirty years and never seen the harbour so full of boats.\n",
        None,
    );
    removed_by(&t, "I have taken", "letters.heading", Category::Comments);
}

#[test]
fn class_rule_removes_a_cms_author_box() {
    let c = examples(&["author-box.toml"]);
    let a = html(&c, &page("gazette.html"), None);
    removed_by(&a, "Mara Olsen", "cms.writer-card", Category::AuthorBio);
    kept(&a, "Local shops");
    let url = Some("https://www.harbour-gazette.example/ferry");
    let a = html(&c, &page("gazette.html"), url);
    removed_by(&a, "Mara Olsen", "gazette.writer-card", Category::AuthorBio);
    kept(&a, "Local shops");
    // Without the rule the box stays: nothing built in knows the class.
    kept(
        &html(&Cleaner::default(), &page("gazette.html"), None),
        "Mara Olsen",
    );
}

#[test]
fn tag_rule_matches_an_enclosing_element() {
    let rules = r#"
[[rule]]
id = "sig.address"
category = "author_bio"
tag = "address"
"#;
    let c = cleaner(&[("t.toml", rules)]);
    let a = html(
        &c,
        &wrap(
            "<address><p>Reporting by the island desk, with the harbour office and the ferry company.</p></address>",
        ),
        None,
    );
    removed_by(&a, "Reporting by", "sig.address", Category::AuthorBio);
    kept(&a, "The ferry between");
}

#[test]
fn class_and_tag_rules_never_remove_the_article_itself() {
    // The theme puts the class on the element that holds the article.
    let rules = "[[rule]]\nid = \"x.story\"\ncategory = \"spam\"\nclass = \"story\"\n";
    let c = cleaner(&[("x.toml", rules)]);
    let a = html(
        &c,
        format!("<html><body><div class=\"story\"><h1>Ferry service resumes</h1>{ARTICLE}</div></body></html>")
            .as_bytes(),
        None,
    );
    kept(&a, "The ferry between");
    kept(&a, "Harbour officials");
}

// ------------------------------------------------------------ site rules

#[test]
fn site_selector_and_text_rules_on_the_sites_pages() {
    let c = examples(&["site.toml"]);
    for url in [
        "https://harbour-gazette.example/2026/ferry",
        "https://news.harbour-gazette.example/ferry",
        "http://WWW.Harbour-Gazette.Example.:8080/ferry",
    ] {
        let a = html(&c, &page("gazette.html"), Some(url));
        removed_by(
            &a,
            "Subscribers read every story",
            "gazette.plus-offer",
            Category::Advertising,
        );
        removed_by(
            &a,
            "Get the Gazette app",
            "gazette.app-plug",
            Category::SocialCta,
        );
        kept(&a, "The ferry between");
        let t = text(&c, &page("gazette.txt"), Some(url));
        removed_by(
            &t,
            "Get the Gazette app",
            "gazette.app-plug",
            Category::SocialCta,
        );
        kept(&t, "Local shops");
    }
}

#[test]
fn site_rules_leave_other_hosts_and_pages_without_url_alone() {
    let c = examples(&["site.toml"]);
    for url in [
        None,
        Some("https://harbour-gazette.example.com/ferry"),
        Some("https://not-harbour-gazette.example/ferry"),
        Some("https://example.org/harbour-gazette.example"),
    ] {
        let a = html(&c, &page("gazette.html"), url);
        kept(&a, "Subscribers read every story");
        kept(&a, "Get the Gazette app");
    }
}

#[test]
fn exact_host_matches_that_host_only() {
    let rules = r#"
[[site]]
id = "ex.offer"
host = "news.example.org"
category = "advertising"
text = '^Subscribers read'
"#;
    let c = cleaner(&[("s.toml", rules)]);
    let hit = html(
        &c,
        &page("gazette.html"),
        Some("https://news.example.org/a"),
    );
    removed_by(&hit, "Subscribers read", "ex.offer", Category::Advertising);
    for other in ["https://example.org/a", "https://www.news.example.org/a"] {
        kept(
            &html(&c, &page("gazette.html"), Some(other)),
            "Subscribers read",
        );
    }
}

#[test]
fn selector_hits_blocks_wholly_inside_the_element() {
    let rules = r#"
[[site]]
id = "ex.box"
host = "example.org"
category = "advertising"
selector = ["div.box", "span.plug"]
"#;
    let c = cleaner(&[("s.toml", rules)]);
    let a = html(
        &c,
        &wrap(
            "<div class=\"box\"><div><ul><li>First item of the boxed list about ferries</li>\
             <li>Second item of the boxed list about ferries</li></ul></div></div>\
             <p>The harbour master <span class=\"plug\">(sponsored)</span> thanked the divers who worked through the night.</p>\
             <p><span class=\"plug\">Ferry tickets are half price this week only at the harbour office.</span></p>",
        ),
        Some("https://example.org/"),
    );
    removed_by(&a, "First item", "ex.box", Category::Advertising);
    removed_by(&a, "Second item", "ex.box", Category::Advertising);
    removed_by(&a, "Ferry tickets", "ex.box", Category::Advertising);
    // Only part of this paragraph lies inside a matching element.
    kept(&a, "The harbour master");
}

#[test]
fn force_keep_overrides_the_built_in_rules() {
    let c = examples(&["keep-section.toml"]);
    let builtin = Cleaner::default();
    let url = Some("https://books.example.net/reviews/lighthouse");
    let starts = [
        "About the author",
        "The novelist grew up",
        "This is her third",
    ];
    for a in [
        html(&builtin, &page("books.html"), url),
        text(&builtin, &page("books.txt"), url),
    ] {
        removed_by(&a, starts[0], "bio.heading", Category::AuthorBio);
    }
    let a = html(&c, &page("books.html"), url);
    for s in starts {
        assert_eq!(
            fate(&a, s),
            (None, "books.keep-author-section".to_string()),
            "{s}"
        );
    }
    let t = text(&c, &page("books.txt"), url);
    assert_eq!(
        fate(&t, starts[0]),
        (None, "books.keep-author-heading".to_string())
    );
    // The kept heading opens no section: the lines after it are kept too.
    kept(&t, starts[1]);
    kept(&t, starts[2]);
    // Another host: the built-in rules decide as before.
    let other = html(&c, &page("books.html"), Some("https://example.net/"));
    removed_by(&other, starts[0], "bio.heading", Category::AuthorBio);
}

#[test]
fn site_remove_beats_site_keep() {
    let rules = r#"
[[site]]
id = "ex.keep-all"
host = "example.org"
keep = true
selector = "article"

[[site]]
id = "ex.drop-plug"
host = "example.org"
category = "social_cta"
text = '(?i)^get the gazette app'
"#;
    let c = cleaner(&[("s.toml", rules)]);
    let a = html(&c, &page("gazette.html"), Some("https://example.org/x"));
    removed_by(
        &a,
        "Get the Gazette app",
        "ex.drop-plug",
        Category::SocialCta,
    );
    assert_eq!(
        fate(&a, "Join the Harbour"),
        (None, "ex.keep-all".to_string())
    );
}

// ------------------------------------------------------------------ marks

#[test]
fn a_panel_rule_of_ones_own_finds_a_panel_in_another_language() {
    // The French panel has no label the built-in rules know: it stays.
    let builtin = Cleaner::default();
    let a = text(&builtin, &page("consent.txt"), None);
    kept(&a, "Ils sont indispensables");
    kept(&a, "Tout accepter");

    let c = examples(&["consent-panel.toml"]);
    let a = text(&c, &page("consent.txt"), None);
    for line in [
        "Vos choix en matière de cookies",
        "Cookies strictement nécessaires",
        "Ils sont indispensables",
        "Ils nous permettent de compter",
        "Tout accepter",
    ] {
        removed_by(&a, line, "cookie.consent-panel-fr", Category::CookieNotice);
    }
    kept(&a, "Après huit mois de travaux");
    kept(&a, "Les commerçants se disent satisfaits");
}

/// An article with a consent panel inside it: two labels the built-in
/// panel rule knows, one it does not.
const MIXED_PANEL: &str = "The harbour market reopens after the works\n\
After eight months of works the covered market by the harbour opened its doors again on Saturday morning, with some thirty stalls of fishmongers and grocers.\n\
The town replaced the roof and the floor, and fitted a ventilation system that keeps the hall cool through the summer months.\n\
Strictly necessary cookies\n\
They keep the site working, for example by remembering your choices, and cannot be switched off in our systems at all.\n\
Mesure d'audience\n\
They let us count visits and see which pages are read the most, so that we can make the site better for all of its readers.\n\
Accept all\n\
The traders say they are pleased, though some regret that the rents of their pitches went up by ten per cent this year.\n\
The market is open from Tuesday to Sunday, from seven in the morning until one in the afternoon, and on Friday evenings.\n";

#[test]
fn panel_rules_of_one_category_count_together() {
    // Two labels are no panel.
    let a = text(&Cleaner::default(), MIXED_PANEL.as_bytes(), None);
    kept(&a, "They keep the site working");
    // A third from a user's rule makes one; the audit names the rule that
    // marked most of its lines.
    let mine = "[[rule]]\nid = \"mine.panel\"\ncategory = \"cookie_notice\"\nmark = \"panel\"\n\
                weight = 0\ntext = '^Mesure d.audience$'\n";
    let c = cleaner(&[("mine.toml", mine)]);
    let a = text(&c, MIXED_PANEL.as_bytes(), None);
    for line in [
        "Strictly necessary",
        "They keep",
        "Mesure",
        "They let us",
        "Accept all",
    ] {
        removed_by(&a, line, "cookie.consent-panel", Category::CookieNotice);
    }
    kept(&a, "The town replaced the roof");
    kept(&a, "The traders say");
    // Marks of another category make panels of their own.
    let other = mine.replace("cookie_notice", "newsletter");
    let a = text(
        &cleaner(&[("other.toml", &other)]),
        MIXED_PANEL.as_bytes(),
        None,
    );
    kept(&a, "They keep the site working");
}

#[test]
fn a_reviews_mark_keeps_shoppers_reviews_from_taking_the_page() {
    let c = examples(&["reviews.toml"]);
    let a = html(&c, &page("shop.html"), None);
    kept(&a, "A heavy stoneware mug");
    kept(&a, "It holds a large pot of tea");
    removed_by(
        &a,
        "I bought two of these",
        "shop.shopper-voice",
        Category::Comments,
    );

    // The same rule without the mark: the reviews outweigh the
    // description and are taken for the page.
    let (_, src) = example("reviews.toml");
    let unmarked: String = src
        .lines()
        .filter(|l| !l.starts_with("mark"))
        .collect::<Vec<_>>()
        .join("\n");
    let a = html(
        &cleaner(&[("unmarked.toml", &unmarked)]),
        &page("shop.html"),
        None,
    );
    kept(&a, "I bought two of these");
    assert!(
        a.decisions[a
            .page
            .blocks
            .iter()
            .position(|b| b.text.starts_with("A heavy stoneware mug"))
            .unwrap()]
        .removed
        .is_some()
    );
}

// ------------------------------------------------- changing built-in rules

#[test]
fn disabling_and_reweighting_built_in_rules() {
    let builtin = Cleaner::default();
    let a = html(&builtin, &page("tuning.html"), None);
    removed_by(&a, "Net making", "nav.landmark", Category::Navigation);
    removed_by(
        &a,
        "Read more:",
        "related.read-more-link",
        Category::RelatedList,
    );

    let c = examples(&["tuning.toml"]);
    assert!(c.rules().find("nav.landmark").is_none());
    let r = c.rules().find("related.read-more-link").unwrap();
    assert_eq!(c.rules().rules[r].weight, 0.4);
    let a = html(&c, &page("tuning.html"), None);
    kept(&a, "Net making");
    kept(&a, "Read more:");
}

#[test]
fn later_files_see_earlier_ones() {
    let first = "[[rule]]\nid = \"mine.x\"\ncategory = \"spam\"\ntext = \"zzz\"\n";
    let second = "disable = [\"mine.x\"]\n[weight]\n\"social.follow-us\" = 2.0\n";
    let c = cleaner(&[("a.toml", first), ("b.toml", second)]);
    assert!(c.rules().find("mine.x").is_none());
    let r = c.rules().find("social.follow-us").unwrap();
    assert_eq!(c.rules().rules[r].weight, 2.0);
}

// ------------------------------------------------------------- bad files

/// Each kind of bad file: where the error points and what it says.
#[test]
fn bad_files_name_file_line_column_and_problem() {
    let long_selector = format!(
        "[[site]]\nid = \"s\"\nhost = \"example.org\"\ncategory = \"spam\"\nselector = \"{}\"\n",
        "div ".repeat(600)
    );
    let cases: Vec<(String, &str, &str)> = vec![
        ("[[rule]\nid = \"x\"\n".into(), "f.toml:1:8: ", "expected `]`"),
        (
            "[[rule]]\nid = \"x\"\ncategory = \"spam\"\ntxt = \"a\"\n".into(),
            "f.toml:4:1: ",
            "unknown field `txt`",
        ),
        (
            "[[rule]]\nid = \"x\"\ncategory = \"spam\"\ntext = 5\n".into(),
            "f.toml:4:8: ",
            "expected a string or a list of strings",
        ),
        (
            "[weight]\n\"share.label\" = \"heavy\"\n".into(),
            "f.toml:2:17: ",
            "invalid type: string \"heavy\"",
        ),
        (
            "[[rule]]\nid = \"x\"\ncategory = \"junk\"\ntext = \"a\"\n".into(),
            "f.toml:3:12: ",
            "rule `x`: unknown category `junk` (one of: social_cta,",
        ),
        (
            "[[rule]]\nid = \"x\"\ncategory = \"spam\"\ntext = [\"ok\", \"(unclosed\"]\n".into(),
            "f.toml:4:15: ",
            "rule `x`: bad text regex: `(unclosed`: unclosed group",
        ),
        (
            "[[rule]]\nid = \"x\"\ncategory = \"spam\"\nheading = '(?:a{1000}){1000}'\n".into(),
            "f.toml:4:11: ",
            "rule `x`: bad heading regex: pattern too large once compiled",
        ),
        (
            "[[site]]\nid = \"s\"\nhost = \"example.org\"\ncategory = \"spam\"\nselector = \"div..x\"\n"
                .into(),
            "f.toml:5:12: ",
            "site rule `s`: bad selector `div..x`",
        ),
        (
            long_selector,
            "f.toml:5:12: ",
            "site rule `s`: selector is 2400 bytes long, the limit is 2000",
        ),
        (
            "[[rule]]\nid = \"social.follow-us\"\ncategory = \"spam\"\ntext = \"a\"\n".into(),
            "f.toml:2:6: ",
            "rule `social.follow-us`: duplicate id",
        ),
        (
            "[[rule]]\nid = \"x\"\ncategory = \"spam\"\ntext = \"a\"\n[[site]]\nid = \"x\"\nhost = \"example.org\"\ncategory = \"spam\"\ntext = \"b\"\n"
                .into(),
            "f.toml:6:6: ",
            "site rule `x`: duplicate id",
        ),
        (
            "disable = [\"nav.landmark\", \"no.such-rule\"]\n".into(),
            "f.toml:1:28: ",
            "rule `no.such-rule`: cannot disable: no rule with this id",
        ),
        (
            "[weight]\n\"no.such-rule\" = 0.5\n".into(),
            "f.toml:2:1: ",
            "rule `no.such-rule`: cannot reweight",
        ),
        (
            "[weight]\n\"share.label\" = -1\n".into(),
            "f.toml:2:17: ",
            "weight must be a number >= 0",
        ),
        (
            "[[rule]]\nid = \"x\"\ncategory = \"spam\"\nmax_words = 5\n".into(),
            "f.toml:2:6: ",
            "rule `x`: a rule needs at least one of text, heading, class, tag",
        ),
        (
            "[[site]]\nid = \"s\"\ncategory = \"spam\"\nselector = \"div\"\n".into(),
            "f.toml:2:6: ",
            "site rule `s`: a site rule needs `host`",
        ),
        (
            "[[site]]\nid = \"s\"\nhost = \"https://example.org/\"\ncategory = \"spam\"\ntext = \"a\"\n"
                .into(),
            "f.toml:3:8: ",
            "host `https://example.org/` is not a host name",
        ),
        (
            "[[site]]\nid = \"s\"\nhost = \"example.org\"\ncategory = \"spam\"\n".into(),
            "f.toml:2:6: ",
            "site rule `s`: a site rule needs at least one of selector, text",
        ),
        (
            "[[site]]\nid = \"s\"\nhost = \"example.org\"\ntext = \"a\"\n".into(),
            "f.toml:2:6: ",
            "needs a `category` for what it removes, or keep = true",
        ),
        (
            "[[site]]\nid = \"s\"\nhost = \"example.org\"\nkeep = true\ncategory = \"spam\"\ntext = \"a\"\n"
                .into(),
            "f.toml:5:12: ",
            "a rule with keep = true keeps blocks and has no category",
        ),
        (
            "[[rule]]\nid = \"x\"\ncategory = \"spam\"\ntext = \"\"\n".into(),
            "f.toml:4:8: ",
            "empty pattern",
        ),
        (
            "[[rule]]\ncategory = \"spam\"\ntext = \"a\"\n".into(),
            "f.toml:1:1: ",
            "missing field `id`",
        ),
        (
            "[[rule]]\nid = \"x\"\ncategory = \"spam\"\ntext = \"a\"\nmark = \"banner\"\n".into(),
            "f.toml:5:8: ",
            "rule `x`: unknown mark `banner` (one of: panel, reviews, inline, closes, ends-thread)",
        ),
        (
            "[[rule]]\nid = \"x\"\ncategory = \"comments\"\ntext = \"a\"\nmark = [\"reviews\"]\n".into(),
            "f.toml:5:9: ",
            "rule `x`: mark `reviews` needs a `class` or `tag`",
        ),
        (
            "[[rule]]\nid = \"x\"\ncategory = \"spam\"\nclass = \"a\"\nmark = \"panel\"\n".into(),
            "f.toml:5:8: ",
            "rule `x`: mark `panel` needs a `text` regex",
        ),
        (
            "[[rule]]\nid = \"x\"\ncategory = \"spam\"\ntext = \"a\"\nmax_page_share = 0.1\n".into(),
            "f.toml:5:18: ",
            "rule `x`: max_page_share weighs matched elements: the rule needs a class or tag",
        ),
        (
            "[[rule]]\nid = \"x\"\ncategory = \"spam\"\nclass = \"cta\"\nmax_page_share = 2\n".into(),
            "f.toml:5:18: ",
            "a share of the page is between 0 and 1",
        ),
    ];
    for (src, at, what) in cases {
        let mut b = RuleSetBuilder::new().with_builtin();
        let err = match b.add_source(&src, "f.toml") {
            Ok(_) => panic!("accepted:\n{src}"),
            Err(e) => e.to_string(),
        };
        assert!(err.starts_with(at), "want {at}, got: {err}");
        assert!(err.contains(what), "want {what:?}, got: {err}");
        assert!(!err.contains('\n'), "one line: {err}");
    }
}

#[test]
fn a_refused_file_changes_nothing() {
    let mut b = RuleSetBuilder::new().with_builtin();
    let before: Vec<String> = b.ids().map(str::to_string).collect();
    let src =
        "disable = [\"nav.landmark\"]\n[[rule]]\nid = \"x\"\ncategory = \"junk\"\ntext = \"a\"\n";
    assert!(b.add_source(src, "f.toml").is_err());
    let after: Vec<String> = b.ids().map(str::to_string).collect();
    assert_eq!(before, after);
}

#[test]
fn every_example_file_loads() {
    let dir = format!("{}/docs/examples", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            let src = std::fs::read_to_string(&p).unwrap();
            let mut b = RuleSetBuilder::new().with_builtin();
            b.add_source(&src, &p.display().to_string())
                .unwrap_or_else(|e| panic!("{e}"));
            b.build().unwrap();
            n += 1;
        }
    }
    assert!(n >= 5, "{n} example files");
}

/// The TOML shown in docs/rules.md loads, and each line of it is in one of
/// the example files the tests above run, so the page cannot drift from
/// what is tested.
#[test]
fn docs_show_the_tested_examples() {
    let root = env!("CARGO_MANIFEST_DIR");
    let doc = std::fs::read_to_string(format!("{root}/docs/rules.md")).unwrap();
    let norm = |l: &str| match l.find("  #") {
        Some(i) => l[..i].trim().to_string(),
        None => l.trim().to_string(),
    };
    let mut known = std::collections::HashSet::new();
    for e in std::fs::read_dir(format!("{root}/docs/examples")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            for l in std::fs::read_to_string(&p).unwrap().lines() {
                known.insert(norm(l));
            }
        }
    }
    let mut blocks = 0;
    for (n, block) in doc.split("```toml\n").skip(1).enumerate() {
        let block = block.split("```").next().unwrap();
        let mut b = RuleSetBuilder::new().with_builtin();
        b.add_source(block, &format!("docs/rules.md block {n}"))
            .unwrap_or_else(|e| panic!("{e}"));
        for l in block.lines().map(norm) {
            if !l.is_empty() && !l.starts_with('#') {
                assert!(
                    known.contains(&l),
                    "docs/rules.md block {n}: `{l}` is in no example"
                );
            }
        }
        blocks += 1;
    }
    assert!(blocks >= 6, "{blocks} blocks");
}
