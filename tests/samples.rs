//! The samples in `samples/` and their expected clean output: what a user
//! sees first, pinned down.

use std::path::Path;
use std::process::Command;

fn unboil(args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_unboil"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run unboil");
    assert!(out.status.success(), "unboil {args:?} failed: {:?}", out);
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn expected(sample: &str) -> String {
    let stem = sample.rsplit_once('.').unwrap().0;
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("{stem}.expected.txt")),
    )
    .unwrap()
}

#[test]
fn every_sample_gives_its_expected_output() {
    for s in [
        "samples/today90-nato-page.txt",
        "samples/harbour-article.html",
        "samples/social-media-news.html",
    ] {
        let (out, _) = unboil(&[s]);
        assert_eq!(out, expected(s), "output of {s} changed");
    }
}

fn audit_of(sample: &str) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let audit = dir.path().join("a.jsonl");
    unboil(&[sample, "--audit", audit.to_str().unwrap()]);
    let text = std::fs::read_to_string(audit).unwrap();
    let rec: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    rec["removed"].as_array().unwrap().clone()
}

#[test]
fn seed_page_keeps_the_article_and_names_each_kind_of_junk() {
    let (out, _) = unboil(&["samples/today90-nato-page.txt"]);
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/today90-nato-page.txt"),
    )
    .unwrap();
    let lines: Vec<&str> = seed.lines().filter(|l| !l.trim().is_empty()).collect();
    let end = lines
        .iter()
        .position(|l| l.starts_with("With information from The Associated Press"))
        .unwrap();
    for l in &lines[..=end] {
        assert!(out.contains(l.trim()), "article line lost: {l}");
    }
    for l in &lines[end + 1..] {
        assert!(!out.contains(l.trim()), "junk line kept: {l}");
    }
    let removed = audit_of("samples/today90-nato-page.txt");
    let cats: Vec<&str> = removed
        .iter()
        .map(|r| r["category"].as_str().unwrap())
        .collect();
    for c in ["social_cta", "author_bio", "related_list"] {
        assert!(cats.contains(&c), "audit lacks {c}: {cats:?}");
    }
    let kind_of = |prefix: &str| {
        removed
            .iter()
            .find(|r| r["text"].as_str().unwrap().starts_with(prefix))
            .map(|r| r["category"].as_str().unwrap().to_string())
    };
    assert_eq!(
        kind_of("Connect with the Voice").as_deref(),
        Some("social_cta")
    );
    assert_eq!(kind_of("Author Profile").as_deref(), Some("author_bio"));
    assert_eq!(kind_of("What sets me apart").as_deref(), Some("author_bio"));
    assert_eq!(kind_of("Latest entries").as_deref(), Some("related_list"));
    assert_eq!(
        kind_of("World News29/11/2023").as_deref(),
        Some("related_list")
    );
}

#[test]
fn junk_around_an_html_article_is_named_in_the_audit() {
    let removed = audit_of("samples/harbour-article.html");
    let cat_of = |prefix: &str| {
        removed
            .iter()
            .find(|r| r["text"].as_str().unwrap().starts_with(prefix))
            .map(|r| r["category"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("`{prefix}` was not removed"))
    };
    assert_eq!(cat_of("Share on Facebook"), "share_buttons");
    assert_eq!(cat_of("About the author"), "author_bio");
    assert_eq!(cat_of("Tom Varley has covered"), "author_bio");
    assert_eq!(cat_of("Related posts"), "related_list");
    assert_eq!(cat_of("Ferry timetable"), "related_list");
    assert_eq!(cat_of("We use cookies"), "cookie_notice");
    assert_eq!(cat_of("Sign up for our newsletter"), "newsletter");
    for r in &removed {
        assert!(r["rule"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(
            r["path"].as_str().is_some_and(|p| p.starts_with("body")),
            "{r}"
        );
    }
}

#[test]
fn news_about_social_networks_comes_out_whole() {
    let (out, _) = unboil(&["samples/social-media-news.html", "--no-title"]);
    let html = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/social-media-news.html"),
    )
    .unwrap();
    let mut paragraphs = 0;
    for p in html.split("<p>").skip(1) {
        let text = p.split("</p>").next().unwrap();
        if text.starts_with("Copyright") {
            assert!(!out.contains(text));
            continue;
        }
        assert!(out.contains(text), "article paragraph lost: {text}");
        paragraphs += 1;
    }
    assert_eq!(paragraphs, 7);
    assert!(out.contains("A journalist who changed the debate"));
}
