//! `unboil rules list|check|test`, and `--rules` / `--url` on a cleaning run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn unboil(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_unboil"))
        .args(args)
        .output()
        .expect("run unboil")
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples")
}

fn ex(name: &str) -> String {
    examples().join(name).display().to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, src: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, src).unwrap();
    p.display().to_string()
}

#[test]
fn list_shows_built_in_and_user_rules() {
    let o = unboil(&["rules", "list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.starts_with("bio.container "))
        .expect("bio.container listed");
    assert!(line.contains("author_bio"), "{line}");
    assert!(line.contains("class author-bio"), "{line}");
    // A rule's marks lead its summary, which a long pattern list would
    // otherwise push out of the line.
    let line = out
        .lines()
        .find(|l| l.starts_with("cookie.consent-panel "))
        .expect("cookie.consent-panel listed");
    assert!(line.contains("  0  marks panel; text "), "{line}");

    let o = unboil(&[
        "rules",
        "list",
        "--rules",
        &ex("site.toml"),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let items = v.as_array().unwrap();
    let social = items
        .iter()
        .find(|i| i["id"] == "social.follow-us")
        .unwrap();
    assert_eq!(social["category"], "social_cta");
    assert_eq!(social["kind"], "rule");
    assert_eq!(social["marks"], serde_json::json!([]));
    let reviews = items
        .iter()
        .find(|i| i["id"] == "comments.customer-reviews")
        .unwrap();
    assert_eq!(reviews["marks"], serde_json::json!(["reviews"]));
    let site = items
        .iter()
        .find(|i| i["id"] == "gazette.plus-offer")
        .unwrap();
    assert_eq!(site["kind"], "site");
    assert_eq!(site["category"], "advertising");
    assert!(
        site["matches"]
            .as_str()
            .unwrap()
            .contains("host *.harbour-gazette.example; selector div.gazette-plus")
    );
    assert!(site["origin"].as_str().unwrap().ends_with("site.toml:8:6"));
}

#[test]
fn check_summarises_good_files_in_order() {
    let o = unboil(&["rules", "check", &ex("telegram.toml"), &ex("tuning.toml")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("telegram.toml: ok: 1 rules, 0 site rules, 0 disabled, 0 reweighted"),
        "{out}"
    );
    assert!(
        out.contains("tuning.toml: ok: 0 rules, 0 site rules, 1 disabled, 1 reweighted"),
        "{out}"
    );
}

#[test]
fn a_bad_file_is_refused_with_its_position_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.toml",
        "[[rule]]\nid = \"x\"\ncategory = \"junk\"\ntext = \"a\"\n",
    );
    let o = unboil(&["rules", "check", &bad]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("{bad}:3:12: rule `x`: unknown category `junk`")),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());

    // A cleaning run refuses it before reading any document.
    let o = unboil(&["--rules", &bad, &ex("pages/gazette.html")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(&format!("{bad}:3:12:")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn test_shows_the_blocks_each_rule_hits() {
    let o = unboil(&[
        "rules",
        "test",
        &ex("site.toml"),
        &ex("pages/gazette.html"),
        "--url",
        "https://www.harbour-gazette.example/ferry",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("host www.harbour-gazette.example"), "{out}");
    assert!(
        out.contains("gazette.plus-offer (site, advertising): 1 block"),
        "{out}"
    );
    let line = out
        .lines()
        .find(|l| l.contains("Subscribers read"))
        .expect("the offer's block is listed");
    assert!(
        line.contains("removed advertising by gazette.plus-offer"),
        "{line}"
    );

    // No URL: site rules do not apply, and the output says why.
    let o = unboil(&["rules", "test", &ex("site.toml"), &ex("pages/gazette.html")]);
    let out = stdout(&o);
    assert!(out.contains("no URL (site rules need --url)"), "{out}");
    assert!(!out.contains("removed advertising"), "{out}");

    let o = unboil(&[
        "rules",
        "test",
        &ex("telegram.toml"),
        &ex("pages/gazette.txt"),
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("site.telegram-channel (social_cta, weight 1): 1 block"),
        "{out}"
    );
}

#[test]
fn url_flag_and_jsonl_urls_select_site_rules() {
    let page = ex("pages/gazette.html");
    let with = unboil(&[
        &page,
        "--rules",
        &ex("site.toml"),
        "--url",
        "https://harbour-gazette.example/a",
    ]);
    assert!(with.status.success(), "{}", stderr(&with));
    assert!(!stdout(&with).contains("Subscribers read"));
    assert!(stdout(&with).contains("The ferry between"));
    let without = unboil(&[&page, "--rules", &ex("site.toml")]);
    assert!(stdout(&without).contains("Subscribers read"));

    // JSONL: each record's own url decides.
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(&page).unwrap();
    let rec =
        |id: &str, url: &str| serde_json::json!({"id": id, "url": url, "html": html}).to_string();
    let jsonl = write(
        dir.path(),
        "pages.jsonl",
        &format!(
            "{}\n{}\n",
            rec("a", "https://news.harbour-gazette.example/1"),
            rec("b", "https://elsewhere.example/1")
        ),
    );
    let o = unboil(&[
        &jsonl,
        "--rules",
        &ex("site.toml"),
        "--format",
        "jsonl",
        "-q",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let texts: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let text_of = |id: &str| {
        texts
            .iter()
            .find(|v| v["id"] == id)
            .and_then(|v| v["text"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert!(!text_of("a").contains("Subscribers read"));
    assert!(text_of("b").contains("Subscribers read"));
}

/// `rules test` reads a gzipped page as a cleaning run does: same blocks,
/// same hits as the plain page.
#[test]
fn test_reads_a_gzipped_page_like_the_plain_one() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read(examples().join("pages/gazette.html")).unwrap();
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(&html).unwrap();
    let gz = dir.path().join("gazette.html.gz");
    std::fs::write(&gz, z.finish().unwrap()).unwrap();
    let run = |page: &str| {
        let o = unboil(&[
            "rules",
            "test",
            &ex("site.toml"),
            page,
            "--url",
            "https://www.harbour-gazette.example/ferry",
        ]);
        assert!(o.status.success(), "{page}: {}", stderr(&o));
        stdout(&o)
    };
    let plain = run(&ex("pages/gazette.html"));
    let zipped = run(&gz.display().to_string());
    assert!(plain.contains("gazette.plus-offer (site, advertising): 1 block"));
    // Only the page's name differs.
    assert_eq!(
        zipped.replace(&gz.display().to_string(), "PAGE"),
        plain.replace(&ex("pages/gazette.html"), "PAGE")
    );
}
