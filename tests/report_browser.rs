//! `--report FILE.html` opened in a real browser (headless Chromium): the
//! page must render the run's documents, its categories and counts, and
//! its filters must work. What it should show is taken from the `--audit`
//! file of the same run.
//!
//! Skipped, with a message, only when no Chromium is installed and `CI` is
//! not set; in CI (`.ci/run` installs Debian's `chromium`) it always runs.

use regex::Regex;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A small news page with a menu, a cookie notice and a footer.
const STORM: &str = include_str!("fixtures/storm.html");

const RECIPE: &str = r#"<!doctype html><html><head><title>Bread at home</title></head><body>
<nav><a href="/">Recipes</a> <a href="/baking">Baking</a> <a href="/about">About</a></nav>
<article><h1>Bread at home</h1>
<p>Mix the flour, the water, the salt and the yeast in a large bowl, and knead the dough for ten minutes until it is smooth.</p>
<p>Leave it to rise for an hour in a warm place, then shape the loaf and bake it for forty minutes in a hot oven.</p>
</article>
<section class="comments"><h2>Comments</h2>
<p>I tried this on Sunday and the loaf came out perfectly, thanks for sharing the recipe with us all.</p>
<p>Could I use whole wheat flour instead? Mine did not rise as much as I had hoped it would.</p></section>
<div class="newsletter"><p>Sign up for our newsletter and get a new recipe in your inbox every week.</p></div>
<p>A note with &lt;/script&gt; in it must not break the page.</p>
</body></html>"#;

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("UNBOIL_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// Chromium, or `None` (with a message) when the test may be skipped.
fn chromium() -> Option<PathBuf> {
    let found = find_chromium();
    let in_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty());
    match found {
        Some(p) => Some(p),
        None if in_ci => panic!(
            "CI is set but no Chromium was found (chromium in PATH or UNBOIL_CHROMIUM): \
             .ci/run must install it"
        ),
        None => {
            eprintln!(
                "SKIPPED report_browser: no Chromium found (install Debian's `chromium` \
                 or set UNBOIL_CHROMIUM); in CI this test runs"
            );
            None
        }
    }
}

/// The DOM after the page's script ran, for the report opened with `hash`.
fn dump_dom(chromium: &Path, report: &Path, hash: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}{hash}", report.display());
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(&url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let dom = reader.join().unwrap();
    assert!(
        dom.contains("data-ready=\"1\""),
        "the report's script did not finish on {url}:\n{dom}"
    );
    dom
}

/// `(attribute value, element html)` of elements with a `class` of `class`
/// that carry `attr`.
fn attrs(dom: &str, class: &str, attr: &str) -> Vec<String> {
    let re = Regex::new(&format!(
        r#"<\w+ class="{class}[^"]*"[^>]*?\b{attr}="([^"]*)""#
    ))
    .unwrap();
    re.captures_iter(dom).map(|c| c[1].to_string()).collect()
}

fn text_of_id(dom: &str, id: &str) -> String {
    let re = Regex::new(&format!(r#"id="{id}"[^>]*>([^<]*)<"#)).unwrap();
    re.captures(dom)
        .unwrap_or_else(|| panic!("no element #{id} in the page"))[1]
        .to_string()
}

struct Run {
    _dir: tempfile::TempDir,
    report: PathBuf,
    audit: Vec<Value>,
}

fn run_report() -> Run {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("storm.html"), STORM).unwrap();
    std::fs::write(pages.join("recipe.html"), RECIPE).unwrap();
    std::fs::write(pages.join("empty.html"), "  \n").unwrap();
    let report = dir.path().join("report.html");
    let audit = dir.path().join("audit.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_unboil"))
        .arg("--report")
        .arg(&report)
        .arg("--audit")
        .arg(&audit)
        .args(["-q", "-o"])
        .arg(dir.path().join("out.txt"))
        .arg(&pages)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let audit = std::fs::read_to_string(&audit)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    Run {
        _dir: dir,
        report,
        audit,
    }
}

/// Per category: (blocks, chars) removed in the whole run, per the audit.
fn audit_totals(audit: &[Value]) -> BTreeMap<String, (u64, u64)> {
    let mut t: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for rec in audit {
        for r in rec["removed"].as_array().into_iter().flatten() {
            let e = t
                .entry(r["category"].as_str().unwrap().to_string())
                .or_default();
            e.0 += 1;
            e.1 += r["chars"].as_u64().unwrap();
        }
    }
    t
}

#[test]
fn report_renders_documents_categories_counts_and_filters() {
    let Some(chromium) = chromium() else { return };
    let run = run_report();
    assert_eq!(run.audit.len(), 3);
    let totals = audit_totals(&run.audit);
    assert!(totals.contains_key("navigation") && totals.contains_key("comments"));

    // The run: every document listed, the totals, the categories.
    let dom = dump_dom(&chromium, &run.report, "");
    assert_eq!(text_of_id(&dom, "total-docs"), "3");
    let removed: u64 = totals.values().map(|v| v.1).sum();
    assert_eq!(
        text_of_id(&dom, "total-removed").replace(',', ""),
        removed.to_string()
    );
    let mut rows = attrs(&dom, "doc-row", "data-doc");
    rows.sort();
    assert_eq!(rows, ["0", "1", "2"]);
    for name in ["storm.html", "recipe.html", "empty.html"] {
        assert!(dom.contains(name), "{name} not listed");
    }
    assert!(dom.contains("error: empty document"));
    let bar_cats = attrs(&dom, "bar-row", "data-cat");
    let bar_chars = attrs(&dom, "bar-row", "data-chars");
    let bar_blocks = attrs(&dom, "bar-row", "data-blocks");
    let shown: BTreeMap<String, (u64, u64)> = bar_cats
        .into_iter()
        .zip(bar_blocks.iter().zip(&bar_chars))
        .map(|(c, (b, n))| (c, (b.parse().unwrap(), n.parse().unwrap())))
        .collect();
    assert_eq!(shown, totals, "category bars differ from the audit");

    // A document opened with the navigation filter: only its navigation
    // blocks, as many as the audit has; the list keeps only documents with
    // navigation removed.
    let storm_ix = run
        .audit
        .iter()
        .position(|r| r["id"].as_str().unwrap().ends_with("storm.html"))
        .unwrap();
    let storm = &run.audit[storm_ix];
    let dom = dump_dom(
        &chromium,
        &run.report,
        &format!("#doc={storm_ix}&category=navigation"),
    );
    let nav_blocks = storm["removed_blocks"]["navigation"].as_u64().unwrap();
    let cats = attrs(&dom, "blk ", "data-cat");
    assert_eq!(cats.len() as u64, nav_blocks, "{cats:?}");
    assert!(cats.iter().all(|c| c == "navigation"), "{cats:?}");
    assert_eq!(text_of_id(&dom, "block-count"), nav_blocks.to_string());
    assert!(dom.contains(">Weather<") && dom.contains(">nav.element<"));
    assert!(!dom.contains("The harbour closed on Monday"));
    let with_nav = run
        .audit
        .iter()
        .filter(|r| r["removed_blocks"]["navigation"].as_u64().unwrap_or(0) > 0)
        .count();
    assert_eq!(attrs(&dom, "doc-row", "data-doc").len(), with_nav);

    // Unfiltered, the same document shows every block, kept ones too, in
    // page order, and text that looks like markup stays text.
    let dom = dump_dom(&chromium, &run.report, &format!("#doc={storm_ix}"));
    let all = attrs(&dom, "blk ", "data-index");
    let expected: Vec<String> = (0..storm["blocks"].as_u64().unwrap())
        .map(|i| i.to_string())
        .collect();
    assert_eq!(all, expected);
    assert!(dom.contains("The harbour closed on Monday"));
    assert!(attrs(&dom, "blk ", "data-cat").contains(&"cookie_notice".to_string()));

    // The search by id.
    let dom = dump_dom(&chromium, &run.report, "#q=recipe");
    let recipe_ix = run
        .audit
        .iter()
        .position(|r| r["id"].as_str().unwrap().ends_with("recipe.html"))
        .unwrap();
    assert_eq!(attrs(&dom, "doc-row", "data-doc"), [recipe_ix.to_string()]);
    let dom = dump_dom(&chromium, &run.report, &format!("#doc={recipe_ix}"));
    assert!(dom.contains("A note with &lt;/script&gt; in it must not break the page."));
}
