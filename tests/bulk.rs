//! The bulk run end to end, through the built binary: directory trees,
//! JSONL, WARC, stdin, output order, one record per input, --out-dir,
//! -o and --stats. Every fixture is written here, into a temp dir.

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::{Value, json};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

fn unboil(args: &[&str], stdin: Option<&[u8]>) -> Output {
    common::run(args, stdin.unwrap_or_default())
}

fn ok(args: &[&str], stdin: Option<&[u8]>) -> (Vec<Value>, String) {
    let out = unboil(args, stdin);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "unboil {args:?} failed: {stderr}");
    (records(&out.stdout), stderr)
}

fn records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l:?}: {e}")))
        .collect()
}

/// An article page whose body carries `marker`, with a menu around it.
fn page(marker: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{marker} report</title></head><body>\
         <nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li>\
         <li><a href=\"/sport\">Sport</a></li></ul></nav>\
         <article><h1>The {marker} report</h1>\
         <p>The council met on Tuesday evening to discuss the {marker} plan, which would \
         rebuild the old bridge over the river before the winter floods arrive.</p>\
         <p>Residents said the work was overdue, and several asked whether the road would \
         stay open while the crews were on site during the busy summer months.</p>\
         </article></body></html>"
    )
}

fn text_of(r: &Value) -> &str {
    r["text"]
        .as_str()
        .unwrap_or_else(|| panic!("no text in {r}"))
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn tree(root: &Path) -> Vec<PathBuf> {
    let files = [
        root.join("a.html"),
        root.join("sub/b.txt"),
        root.join("sub/c.html.gz"),
        root.join("sub/deeper/d.htm"),
    ];
    fs::create_dir_all(root.join("sub/deeper")).unwrap();
    fs::write(&files[0], page("alpha")).unwrap();
    fs::write(
        &files[1],
        "The bravo report\n\nThe council met on Tuesday evening to discuss the bravo plan, \
         which would rebuild the old bridge over the river before the winter floods.\n\
         Residents said the work was overdue, and several asked whether the road would stay open.\n",
    )
    .unwrap();
    fs::write(&files[2], gz(page("charlie").as_bytes())).unwrap();
    fs::write(&files[3], page("delta")).unwrap();
    files.to_vec()
}

#[test]
fn directory_tree_ids_are_paths_and_gzip_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("crawl");
    let files = tree(&root);
    let (recs, _) = ok(&["--format", "jsonl", "-q", &s(&root)], None);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    // The directory as given joined with each file's relative path, in
    // file-name order.
    let want: Vec<String> = files.iter().map(|p| s(p)).collect();
    assert_eq!(ids, want);
    for (r, marker) in recs.iter().zip(["alpha", "bravo", "charlie", "delta"]) {
        assert!(
            text_of(r).contains(&format!("discuss the {marker} plan")),
            "{r}"
        );
        assert!(!text_of(r).contains("Sport"), "menu kept: {r}");
    }
}

#[test]
fn glob_filters_files_found_in_directories() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("crawl");
    let files = tree(&root);
    let (recs, _) = ok(
        &["--format", "jsonl", "-q", "--glob", "*.html", &s(&root)],
        None,
    );
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], json!(s(&files[0])));
    let (recs, _) = ok(
        &[
            "--format",
            "jsonl",
            "-q",
            "--glob",
            "*.html.gz",
            "--glob",
            "*.txt",
            &s(&root),
        ],
        None,
    );
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [s(&files[1]), s(&files[2])]);
}

#[test]
fn jsonl_bad_lines_become_error_records_in_place() {
    let input = [
        json!({"id": "one", "html": page("alpha"), "lang": "en"}).to_string(),
        "{not json".to_string(),
        json!({"id": "three", "title": "no body"}).to_string(),
        String::new(),
        json!({"id": "five", "text": "A plain text page about the echo plan.\nIt has two lines of prose in it."}).to_string(),
    ]
    .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let stats = dir.path().join("stats.json");
    let (recs, _) = ok(
        &["--format", "jsonl", "-q", "--stats", &s(&stats), "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(recs.len(), 4, "{recs:?}");
    assert_eq!(recs[0]["id"], "one");
    assert_eq!(recs[0]["lang"], "en", "other fields pass through");
    assert!(text_of(&recs[0]).contains("discuss the alpha plan"));
    assert_eq!(recs[1]["line"], 2);
    assert!(recs[1]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(recs[2]["id"], "three");
    assert_eq!(recs[2]["line"], 3);
    assert_eq!(recs[2]["error"], "no `html` or `text` field");
    assert_eq!(recs[3]["id"], "five");
    assert!(text_of(&recs[3]).contains("echo plan"));
    let st: Value = serde_json::from_str(&fs::read_to_string(&stats).unwrap()).unwrap();
    assert_eq!(st["documents"], 4);
    assert_eq!(st["errors"], 2);
}

#[test]
fn jsonl_field_names_can_be_mapped() {
    let input = json!({"key": "k1", "link": "https://example.org/a", "content": page("alpha"), "site": "x"})
        .to_string();
    let (recs, _) = ok(
        &[
            "--format",
            "jsonl",
            "-q",
            "--input-format",
            "jsonl",
            "--id-field",
            "key",
            "--url-field",
            "link",
            "--html-field",
            "content",
        ],
        Some(input.as_bytes()),
    );
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "k1");
    assert_eq!(recs[0]["url"], "https://example.org/a");
    assert_eq!(recs[0]["site"], "x");
    assert!(text_of(&recs[0]).contains("discuss the alpha plan"));
}

#[test]
fn scrapy_feed_export_needs_one_flag() {
    // Scrapy's feed export: `{"url", "body"}` per line, no id field. The
    // record keeps `id: null` (nothing is invented) and the url.
    let input = format!(
        "{}\n{}\n",
        json!({"url": "https://example.org/1", "body": page("alpha")}),
        json!({"url": "https://example.org/2", "body": page("bravo")}),
    );
    let (recs, _) = ok(
        &["--format", "jsonl", "-q", "--html-field", "body"],
        Some(input.as_bytes()),
    );
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["id"], Value::Null);
    assert_eq!(recs[0]["url"], "https://example.org/1");
    assert!(text_of(&recs[1]).contains("discuss the bravo plan"));
    assert!(
        recs[0].get("body").is_none(),
        "the page itself is not echoed"
    );
    // And the URL can be made the id.
    let (recs, _) = ok(
        &[
            "--format",
            "jsonl",
            "-q",
            "--html-field",
            "body",
            "--id-field",
            "url",
        ],
        Some(input.as_bytes()),
    );
    assert_eq!(recs[1]["id"], "https://example.org/2");
}

fn warc_record(kind: &str, id: &str, uri: Option<&str>, ctype: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!("WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <{id}>\r\n");
    if let Some(u) = uri {
        r.push_str(&format!("WARC-Target-URI: {u}\r\n"));
    }
    r.push_str(&format!(
        "WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    ));
    let mut v = r.into_bytes();
    v.extend_from_slice(block);
    v.extend_from_slice(b"\r\n\r\n");
    v
}

fn http(ctype: &str, body: &[u8]) -> Vec<u8> {
    let mut v = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    v.extend_from_slice(body);
    v
}

/// warcinfo, request, HTML response, Latin-1 HTML response (charset only in
/// the HTTP header), image response, WET-style conversion.
fn warc_records() -> Vec<Vec<u8>> {
    // The page wrongly claims UTF-8; the HTTP header's charset must win
    // (the transport's word comes first, as browsers do).
    let latin1: Vec<u8> = page("café")
        .replace("<head>", "<head><meta charset=\"utf-8\">")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 text"))
        .collect();
    assert!(latin1.contains(&0xe9) && std::str::from_utf8(&latin1).is_err());
    let resp = "application/http; msgtype=response";
    vec![
        warc_record(
            "warcinfo",
            "urn:uuid:0",
            None,
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "urn:uuid:1",
            Some("https://example.org/a"),
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n",
        ),
        warc_record(
            "response",
            "urn:uuid:2",
            Some("https://example.org/a"),
            resp,
            &http("text/html; charset=utf-8", page("alpha").as_bytes()),
        ),
        warc_record(
            "response",
            "urn:uuid:3",
            Some("https://example.org/b"),
            resp,
            &http("text/html; charset=iso-8859-1", &latin1),
        ),
        warc_record(
            "response",
            "urn:uuid:4",
            Some("https://example.org/logo.png"),
            resp,
            &http("image/png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ),
        warc_record(
            "conversion",
            "urn:uuid:5",
            Some("https://example.org/c"),
            "text/plain",
            "The golf report\nThe council met on Tuesday evening to discuss the golf plan for the bridge.\n"
                .as_bytes(),
        ),
    ]
}

fn check_warc(recs: &[Value], stats: &Path) {
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["urn:uuid:2", "urn:uuid:3", "urn:uuid:5"]);
    assert_eq!(recs[0]["url"], "https://example.org/a");
    assert!(text_of(&recs[0]).contains("discuss the alpha plan"));
    // Decoded by the HTTP header's charset, the page declaring none.
    assert!(
        text_of(&recs[1]).contains("discuss the café plan"),
        "{}",
        recs[1]
    );
    assert!(text_of(&recs[2]).contains("golf plan"));
    let st: Value = serde_json::from_str(&fs::read_to_string(stats).unwrap()).unwrap();
    assert_eq!(st["documents"], 3);
    assert_eq!(st["errors"], 0);
    assert_eq!(st["skipped_records"], 3, "warcinfo, request, image");
}

#[test]
fn warc_html_responses_become_documents_and_the_rest_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let warc = dir.path().join("crawl.warc");
    fs::write(&warc, warc_records().concat()).unwrap();
    let stats = dir.path().join("stats.json");
    let (recs, _) = ok(
        &["--format", "jsonl", "-q", "--stats", &s(&stats), &s(&warc)],
        None,
    );
    check_warc(&recs, &stats);
}

#[test]
fn warc_gz_with_one_member_per_record_and_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    // Common Crawl's layout: each record is its own gzip member.
    let bytes: Vec<u8> = warc_records().iter().flat_map(|r| gz(r)).collect();
    let warc = dir.path().join("crawl.warc.gz");
    fs::write(&warc, &bytes).unwrap();
    let stats = dir.path().join("stats.json");
    let (recs, _) = ok(
        &["--format", "jsonl", "-q", "--stats", &s(&stats), &s(&warc)],
        None,
    );
    check_warc(&recs, &stats);
    // The same bytes on stdin are recognised by their content.
    let (recs, _) = ok(
        &["--format", "jsonl", "-q", "--stats", &s(&stats), "-"],
        Some(&bytes),
    );
    check_warc(&recs, &stats);
}

/// Many documents of very different sizes, with failures among them.
fn many_docs(n: usize) -> (String, Vec<bool>) {
    let mut lines = Vec::new();
    let mut good = Vec::new();
    for i in 0..n {
        let line = match i % 10 {
            // Empty documents and lines that are not JSON: error records.
            3 => json!({"id": format!("doc{i}"), "html": "  "}).to_string(),
            7 => format!("{{\"id\": \"doc{i}\", broken"),
            // Some pages are much larger than the others, so they finish
            // late and the output must wait for them.
            k => {
                let mut body = page(&format!("m{i}"));
                if k == 0 {
                    body = body.replace(
                        "</article>",
                        &"<p>The long report goes on with another sentence about the plan.</p>"
                            .repeat(400),
                    ) + "</article>";
                }
                json!({"id": format!("doc{i}"), "html": body}).to_string()
            }
        };
        good.push(i % 10 != 3 && i % 10 != 7);
        lines.push(line);
    }
    (lines.join("\n") + "\n", good)
}

#[test]
fn two_threads_keep_input_order_and_one_record_per_input() {
    let n = 600;
    let (input, good) = many_docs(n);
    let (two, _) = ok(
        &[
            "--format",
            "jsonl",
            "-q",
            "-j",
            "2",
            "--input-format",
            "jsonl",
        ],
        Some(input.as_bytes()),
    );
    assert_eq!(two.len(), n, "exactly one record per input line");
    for (i, r) in two.iter().enumerate() {
        if good[i] {
            assert_eq!(r["id"], format!("doc{i}"));
            assert!(
                text_of(r).contains(&format!("discuss the m{i} plan")),
                "{r}"
            );
        } else {
            assert!(r["error"].is_string(), "{r}");
            assert_eq!(r["line"], i + 1);
        }
    }
    let (one, _) = ok(
        &[
            "--format",
            "jsonl",
            "-q",
            "-j",
            "1",
            "--input-format",
            "jsonl",
        ],
        Some(input.as_bytes()),
    );
    assert_eq!(one, two, "the thread count does not change the output");
}

#[test]
fn out_dir_writes_one_file_per_document_inside_the_directory() {
    let dir = tempfile::tempdir().unwrap();
    let ids = [
        "../../escape",
        "/etc/passwd",
        "a/b/c",
        "..",
        "same",
        "same",
        "CON",
    ];
    let input: String = ids
        .iter()
        .map(|id| json!({"id": id, "html": page("alpha")}).to_string() + "\n")
        .collect::<String>()
        + "not json\n";
    for (format, ext) in [
        ("text", "txt"),
        ("markdown", "md"),
        ("json", "json"),
        ("jsonl", "jsonl"),
    ] {
        let out = dir.path().join(format!("out-{format}"));
        let (stdout, _) = ok(
            &["-q", "--format", format, "--out-dir", &s(&out)],
            Some(input.as_bytes()),
        );
        assert!(stdout.is_empty(), "nothing on stdout with --out-dir");
        let mut docs = Vec::new();
        for e in walk(dir.path()) {
            assert!(
                e.starts_with(dir.path()),
                "{} escaped the temp dir",
                e.display()
            );
            if e.parent() == Some(out.as_path())
                && e.extension().and_then(|x| x.to_str()) == Some(ext)
                && !e.ends_with("errors.jsonl")
            {
                docs.push(e);
            }
        }
        assert_eq!(docs.len(), ids.len(), "{format}: {docs:?}");
        for d in &docs {
            let body = fs::read_to_string(d).unwrap();
            assert!(body.contains("discuss the alpha plan"), "{}", d.display());
        }
        let errors = fs::read_to_string(out.join("errors.jsonl")).unwrap();
        assert_eq!(errors.lines().count(), 1, "the bad line is an error record");
    }
    assert!(!dir.path().join("escape.txt").exists());
}

fn walk(p: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(p).unwrap() {
        let e = e.unwrap().path();
        if e.is_dir() {
            out.extend(walk(&e));
        } else {
            out.push(e);
        }
    }
    out
}

#[test]
fn output_file_stats_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("crawl");
    tree(&root);
    fs::write(root.join("empty.html"), "").unwrap();
    let out = dir.path().join("out.jsonl");
    let stats = dir.path().join("stats.json");
    let o = unboil(
        &[
            "--format",
            "jsonl",
            "-o",
            &s(&out),
            "--stats",
            &s(&stats),
            &s(&root),
        ],
        None,
    );
    assert!(o.status.success());
    assert!(o.stdout.is_empty(), "-o takes the output off stdout");
    let recs = records(&fs::read(&out).unwrap());
    assert_eq!(recs.len(), 5);
    assert_eq!(recs.iter().filter(|r| r["error"].is_string()).count(), 1);
    // stderr is not a terminal here: no progress bar, but the summary.
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("5 documents") && stderr.contains("1 errors"),
        "{stderr}"
    );
    assert!(stderr.contains("removed navigation"), "{stderr}");
    let st: Value = serde_json::from_str(&fs::read_to_string(&stats).unwrap()).unwrap();
    assert_eq!(st["documents"], 5);
    assert_eq!(st["errors"], 1);
    assert_eq!(st["skipped_records"], 0);
    assert!(st["bytes"].as_u64().unwrap() > 1000);
    assert!(st["removed"]["navigation"]["blocks"].as_u64().unwrap() >= 4);
    // --quiet: nothing on stderr but errors.
    let o = unboil(
        &["--format", "jsonl", "-q", "-o", &s(&out), &s(&root)],
        None,
    );
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).trim().is_empty());
}

/// `unboil --report R crawl/ | head`: the output closes early, the run stops
/// without an error, and the report is still a finished page that says the
/// run stopped early.
#[test]
fn closed_output_still_finishes_the_report_and_stats() {
    let dir = tempfile::tempdir().unwrap();
    let crawl = dir.path().join("crawl");
    fs::create_dir(&crawl).unwrap();
    for i in 0..40 {
        fs::write(crawl.join(format!("p{i:02}.html")), page(&format!("m{i}"))).unwrap();
    }
    let report = dir.path().join("report.html");
    let stats = dir.path().join("stats.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_unboil"))
        .arg("--report")
        .arg(&report)
        .arg("--stats")
        .arg(&stats)
        .arg(&crawl)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run unboil");
    // The reader goes away before anything is written: every write fails.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait for unboil");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "a closed output is not an error: {stderr}"
    );
    let html = fs::read_to_string(&report).expect("report written");
    assert!(
        html.trim_end().ends_with("</html>"),
        "report left unfinished"
    );
    assert!(
        html.contains("\"stopped_early\":true"),
        "report does not say it stopped early"
    );
    let stats: Value =
        serde_json::from_str(&fs::read_to_string(&stats).expect("stats written")).unwrap();
    assert!(stats["documents"].as_u64().unwrap() >= 1, "{stats}");
}

/// A directory of files, each read by the worker that cleans it: at two
/// threads and at one, one record per file in file-name order, and each
/// file that cannot be read or inflated gets an error record naming it.
#[test]
fn files_read_by_workers_keep_order_and_name_their_errors() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("crawl");
    fs::create_dir(&root).unwrap();
    let mut want: Vec<(String, Option<&str>)> = Vec::new();
    for i in 0..60 {
        let name = root.join(format!("p{i:02}.html"));
        let bad = match i % 12 {
            // Empty: nothing to clean.
            3 => {
                fs::write(&name, "").unwrap();
                Some("empty document")
            }
            // Cut off half-way through the gzip stream.
            5 => {
                let z = gz(page(&format!("m{i}")).as_bytes());
                fs::write(&name, &z[..z.len() / 2]).unwrap();
                Some("cannot decompress")
            }
            // Larger than --max-doc-bytes once inflated.
            7 => {
                let big = page(&format!("m{i}")).replace(
                    "</article>",
                    &"<p>Another line about the plan.</p>".repeat(200),
                );
                fs::write(&name, gz(big.as_bytes())).unwrap();
                Some("byte limit once decompressed")
            }
            // Larger than --max-doc-bytes as it is.
            9 => {
                fs::write(&name, "<p>word</p>".repeat(1000)).unwrap();
                Some("byte limit (--max-doc-bytes)")
            }
            k => {
                let body = page(&format!("m{i}"));
                if k % 2 == 0 {
                    fs::write(&name, gz(body.as_bytes())).unwrap();
                } else {
                    fs::write(&name, body).unwrap();
                }
                None
            }
        };
        want.push((s(&name), bad));
    }
    let run = |threads: &str| {
        let (recs, _) = ok(
            &[
                "--format",
                "jsonl",
                "-q",
                "-j",
                threads,
                "--max-doc-bytes",
                "5000",
                &s(&root),
            ],
            None,
        );
        recs
    };
    let two = run("2");
    assert_eq!(two.len(), want.len(), "exactly one record per file");
    for (r, (path, bad)) in two.iter().zip(&want) {
        assert_eq!(r["id"], json!(path), "{r}");
        match bad {
            Some(msg) => {
                assert_eq!(r["source"], json!(path), "{r}");
                let err = r["error"].as_str().unwrap_or_else(|| panic!("{r}"));
                assert!(err.contains(msg), "{path}: {err}");
            }
            None => {
                let marker = path.rsplit('/').next().unwrap();
                let marker = marker.trim_start_matches('p').trim_end_matches(".html");
                let i: usize = marker.parse().unwrap();
                assert!(
                    text_of(r).contains(&format!("discuss the m{i} plan")),
                    "{r}"
                );
            }
        }
    }
    assert_eq!(run("1"), two, "the thread count does not change the output");
}

/// A file found in a directory that cannot be opened (a link to nowhere)
/// is an error record for that file, in its place, not a failed run.
#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_opened_is_an_error_record() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("crawl");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("a.html"), page("alpha")).unwrap();
    // A link to nowhere: found by the walk, cannot be opened.
    std::os::unix::fs::symlink(dir.path().join("gone.html"), root.join("b.html")).unwrap();
    fs::write(root.join("c.html"), page("charlie")).unwrap();
    let (recs, _) = ok(&["--format", "jsonl", "-q", "-j", "2", &s(&root)], None);
    assert_eq!(recs.len(), 3, "{recs:?}");
    assert!(text_of(&recs[0]).contains("alpha plan"));
    assert_eq!(recs[1]["source"], json!(s(&root.join("b.html"))));
    assert!(recs[1]["error"].is_string(), "{}", recs[1]);
    assert!(text_of(&recs[2]).contains("charlie plan"));
}
