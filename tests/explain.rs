//! `unboil explain FILE`: every block of one page in order, kept or
//! removed and why; plain when piped, coloured on request; filters.

use std::path::Path;
use std::process::{Command, Output};

/// The same news page as the report test: menu, article, cookie notice.
const PAGE: &str = include_str!("fixtures/storm.html");

fn unboil(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_unboil"))
        .args(args)
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("run unboil")
}

fn page(dir: &Path) -> String {
    let p = dir.join("storm.html");
    std::fs::write(&p, PAGE).unwrap();
    p.display().to_string()
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "unboil failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// The status lines: `#index status category rule score features`.
fn block_lines(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.starts_with('#')).collect()
}

#[test]
fn every_block_in_order_with_its_decision_and_plain_when_piped() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(&unboil(&["explain", &page(dir.path())]));
    assert!(
        !out.contains('\x1b'),
        "colour codes in piped output:\n{out}"
    );
    let lines = block_lines(&out);
    let indices: Vec<usize> = lines
        .iter()
        .map(|l| l[1..].split_whitespace().next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(indices, (0..lines.len()).collect::<Vec<_>>(), "{out}");
    let home = lines.iter().position(|l| l.contains("nav.")).unwrap();
    assert!(lines[home].contains("removed navigation"), "{out}");
    assert!(lines[home].contains("score"), "{out}");
    assert!(lines[home].contains("links 1.00"), "{out}");
    assert!(lines[home].contains("outside main"), "{out}");
    // The path and the text follow the status line.
    assert!(
        out.contains("body > header > nav.menu > ul > li\n      Home\n"),
        "{out}"
    );
    let para = lines
        .iter()
        .find(|l| l.contains("keep.main-content"))
        .unwrap();
    assert!(para.contains("kept"), "{out}");
    assert!(para.contains("in main"), "{out}");
    assert!(out.contains("cookie_notice"), "{out}");
    assert!(out.contains("removed by category"), "{out}");
}

#[test]
fn only_and_category_filters() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(dir.path());
    let all = stdout(&unboil(&["explain", &p]));
    let removed = stdout(&unboil(&["explain", &p, "--only", "removed"]));
    let kept = stdout(&unboil(&["explain", &p, "--only", "kept"]));
    let nav = stdout(&unboil(&["explain", &p, "--category", "navigation"]));
    let (all, removed, kept, nav) = (
        block_lines(&all),
        block_lines(&removed),
        block_lines(&kept),
        block_lines(&nav),
    );
    assert!(!removed.is_empty() && !kept.is_empty());
    assert!(removed.iter().all(|l| l.contains(" removed ")));
    assert!(kept.iter().all(|l| l.contains(" kept ")));
    assert_eq!(removed.len() + kept.len(), all.len());
    assert_eq!(nav.len(), 4, "{nav:?}");
    assert!(nav.iter().all(|l| l.contains("removed navigation")));
}

#[test]
fn colour_on_request_and_unknown_category_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = page(dir.path());
    let out = stdout(&unboil(&["explain", &p, "--color", "always"]));
    assert!(out.contains("\x1b["), "no colour codes:\n{out}");
    let bad = unboil(&["explain", &p, "--category", "navigaton"]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("navigaton") && err.contains("navigation"),
        "{err}"
    );
}

#[test]
fn picks_a_record_of_a_jsonl_file_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pages.jsonl");
    let rec = |id: &str, html: &str| serde_json::json!({"id": id, "html": html}).to_string();
    std::fs::write(
        &p,
        format!(
            "{}\n{}\n",
            rec("a", "<p>First page, a short one.</p>"),
            rec("b", PAGE)
        ),
    )
    .unwrap();
    let p = p.display().to_string();
    let out = stdout(&unboil(&["explain", &p, "--id", "b"]));
    assert!(out.contains("title: Storm closes the harbour"), "{out}");
    let first = unboil(&["explain", &p]);
    assert!(stdout(&first).contains("First page"));
    assert!(String::from_utf8_lossy(&first.stderr).contains("--id"));
    let missing = unboil(&["explain", &p, "--id", "zzz"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("zzz"));
}
