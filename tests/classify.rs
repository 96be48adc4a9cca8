//! What the cleaner keeps and removes, through the library: the behaviour
//! users rely on, on small pages made here.

use unboil::{Category, Cleaner};

const PARA: &str = "The council approved the new budget on Tuesday after a long debate, and the mayor said the money would go to schools, roads and the harbour.";
const PARA2: &str = "Opposition members argued that the plan leaves too little for housing, but they agreed to revisit the figures in the spring session of the council.";
const PARA3: &str = "Residents who spoke at the meeting asked for more buses in the evening, and the transport committee promised a report before the end of the year.";

fn article_html(extra_top: &str, extra_bottom: &str) -> String {
    format!(
        "<html><head><title>Budget approved</title></head><body>{extra_top}<article><h1>Budget approved</h1><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p>{extra_bottom}</article></body></html>"
    )
}

/// A three-paragraph text article followed by `tail`; the cleaned text
/// must end with the article's last paragraph.
fn text_after_article(tail: &str) -> unboil::Article {
    let a = Cleaner::default().clean_text(&format!(
        "Budget approved\n{PARA}\n{PARA2}\n{PARA3}\n{tail}"
    ));
    assert!(a.text().ends_with(PARA3), "{}", a.text());
    a
}

fn removed_with<'a>(a: &'a unboil::Article, needle: &str) -> Option<(Category, &'a str)> {
    a.page
        .blocks
        .iter()
        .zip(&a.decisions)
        .find(|(b, _)| b.text.contains(needle))
        .and_then(|(_, d)| d.removed.map(|c| (c, d.rule.as_ref())))
}

#[test]
fn hidden_and_script_content_makes_no_blocks() {
    let html = article_html(
        "<script>var x = 'script text';</script><style>p{}</style><div hidden>hidden attr text</div><div aria-hidden=\"true\">aria hidden text</div><div style=\"display: none\">inline hidden text</div><template><p>template text</p></template><svg><text>svg text</text></svg>",
        "",
    );
    let a = Cleaner::default().clean_html(&html);
    let all: String = a.page.blocks.iter().map(|b| b.text.as_str()).collect();
    for gone in [
        "script text",
        "hidden attr",
        "aria hidden",
        "inline hidden",
        "template text",
        "svg text",
    ] {
        assert!(!all.contains(gone), "{gone} became a block");
    }
    assert!(a.text().contains(PARA));
}

#[test]
fn short_noscript_is_ignored_and_a_noscript_page_is_read() {
    let a = Cleaner::default().clean_html(&article_html(
        "<noscript>Please enable JavaScript to view this site.</noscript>",
        "",
    ));
    assert!(
        !a.page
            .blocks
            .iter()
            .any(|b| b.text.contains("enable JavaScript"))
    );
    let page = format!(
        "<html><body><div id=app></div><noscript><article><p>{PARA}</p><p>{PARA2}</p></article></noscript></body></html>"
    );
    let a = Cleaner::default().clean_html(&page);
    assert!(a.text().contains(PARA) && a.text().contains(PARA2));
}

#[test]
fn a_related_box_inside_the_article_does_not_swallow_what_follows() {
    let html = format!(
        "<html><body><article><h1>T</h1><p>{PARA}</p><div><h3>Related posts</h3><ul><li><a href=/a>Other story one</a></li><li><a href=/b>Other story two</a></li></ul></div><p>{PARA2}</p><p>{PARA3}</p></article></body></html>"
    );
    let a = Cleaner::default().clean_html(&html);
    let text = a.text();
    assert!(text.contains(PARA2) && text.contains(PARA3), "{text}");
    assert_eq!(
        removed_with(&a, "Related posts").map(|r| r.0),
        Some(Category::RelatedList)
    );
    assert!(!text.contains("Other story one"));
}

#[test]
fn one_keyword_never_removes_article_text() {
    let text = format!(
        "Meta changes its feeds\n{PARA}\nMeta said Facebook would show fewer political posts, and users who subscribe to the paid tier would see no advertising at all, the company said.\n{PARA2}\nThe journalist who first reported the change has covered technology for a decade and won a national award for her work on data brokers.\n{PARA3}"
    );
    let a = Cleaner::default().clean_text(&text);
    for line in text.lines().skip(1) {
        assert!(a.text().contains(line), "lost: {line}");
    }
}

#[test]
fn calls_to_action_in_six_languages_are_social_cta() {
    for cta in [
        "Follow us on Facebook, Twitter and Instagram!",
        "Síguenos en Facebook y Twitter",
        "Suivez-nous sur Twitter et Facebook",
        "Folgen Sie uns auf Instagram",
        "Siga-nos no Instagram e no Facebook",
        "Seguici su Facebook e Instagram",
    ] {
        let a = text_after_article(cta);
        assert_eq!(
            removed_with(&a, cta).map(|r| r.0),
            Some(Category::SocialCta),
            "{cta}"
        );
    }
}

#[test]
fn section_headings_claim_the_lines_after_them() {
    let a = text_after_article(
        "Sobre el autor\nAna García escribe sobre política municipal desde hace diez años y ha cubierto tres elecciones.\nÚltimas entradas\nPolítica12/03/2024El alcalde presenta el plan de movilidad\nDeportes12/03/2024El equipo local gana el derbi",
    );
    assert_eq!(
        removed_with(&a, "Ana García").map(|r| r.0),
        Some(Category::AuthorBio)
    );
    assert_eq!(
        removed_with(&a, "El equipo local").map(|r| r.0),
        Some(Category::RelatedList)
    );
}

#[test]
fn a_machine_written_bio_needs_no_heading() {
    let a = text_after_article(
        "Allow me to introduce myself. I am Sam Lee, a dedicated journalist who writes for this paper with passion and integrity every single day.\nWhat sets me apart is my unwavering commitment to the truth and my relentless curiosity about the world around me.",
    );
    assert_eq!(
        removed_with(&a, "What sets me apart").map(|r| r.0),
        Some(Category::AuthorBio)
    );
}

#[test]
fn markdown_keeps_headings_and_lists() {
    let html = format!(
        "<html><body><article><h1>Title</h1><p>{PARA}</p><h2>What changes</h2><ul><li>More money for schools and for the teachers who work in them.</li><li>New roads in the north of the town, built over two years.</li></ul><p>{PARA2}</p><p>{PARA3}</p></article></body></html>"
    );
    let md = Cleaner::default().clean_html(&html).markdown();
    assert!(md.contains("## What changes"), "{md}");
    assert!(md.contains("- More money for schools"), "{md}");
    assert!(md.contains("\n- New roads"), "{md}");
}

#[test]
fn every_removal_names_a_rule_and_a_score() {
    let html = article_html(
        "<nav><a href=/>Home</a> <a href=/news>News</a></nav>",
        "<div class=share-buttons><a href=#>Share on Facebook</a></div><p>© 2024 The Paper. All rights reserved.</p>",
    );
    let a = Cleaner::default().clean_html(&html);
    let mut n = 0;
    for d in a.decisions.iter().filter(|d| !d.is_kept()) {
        assert!(!d.rule.is_empty());
        assert!(d.score >= 1.0, "{d:?}");
        n += 1;
    }
    assert!(n >= 3);
    assert_eq!(
        removed_with(&a, "All rights reserved").map(|r| r.1),
        Some("legal.copyright")
    );
}

#[test]
fn a_line_repeated_in_text_input_is_kept_once() {
    let caption = "The mayor speaks to reporters outside the town hall on Tuesday";
    // Both copies sit between paragraphs, inside the article.
    let text = format!("Budget approved\n{PARA}\n{caption}\n{PARA2}\n{PARA3}\n{caption}\n{PARA}");
    let a = Cleaner::default().clean_text(&text);
    assert_eq!(a.text().matches(caption).count(), 1, "{}", a.text());
    assert!(a.text().contains(PARA3));
}

#[test]
fn content_shipped_in_hidden_markup_is_read_when_nothing_else_shows() {
    let long = [PARA, PARA2, PARA3, PARA, PARA2, PARA3].join("</p><p>");
    let page = format!(
        "<html><body><div id=root>Loading…</div><div hidden id=\"S:0\"><article><p>{long}</p></article></div></body></html>"
    );
    let cleaned = Cleaner::default()
        .clean(&unboil::Document::html(page.as_bytes()))
        .unwrap();
    assert!(cleaned.article.text().contains(PARA2));
    assert!(cleaned.warnings.iter().any(|w| w.contains("hidden")));
    // With real content showing, hidden markup stays out.
    let a = Cleaner::default().clean_html(&article_html(
        "<div hidden><p>A hidden mobile menu with a few words in it.</p></div>",
        "",
    ));
    assert!(!a.text().contains("hidden mobile menu"));
}
