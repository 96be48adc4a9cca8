//! Nasty inputs, generated here rather than stored: every one must give
//! exactly one record (an output or an error record with the right message),
//! through the binary and through the library, and never a panic.

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

mod common;

use unboil::engine::{self, Processed};
use unboil::read::{Inputs, ReadOptions};
use unboil::{Cleaner, Document};

struct Run {
    records: Vec<Value>,
    stderr: String,
}

/// Runs the binary with `--format jsonl`; it must exit successfully.
fn unboil(args: &[&str], stdin: &[u8]) -> Run {
    let all: Vec<&str> = ["--format", "jsonl", "-j", "2"]
        .iter()
        .chain(args)
        .copied()
        .collect();
    let out = common::run(&all, stdin);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "unboil {args:?} failed: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let records = String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON record per line"))
        .collect();
    Run { records, stderr }
}

/// The same through the library: read with `opts`, clean every item.
fn library(path: &Path, opts: ReadOptions) -> Vec<Processed> {
    let cleaner = Cleaner::default();
    Inputs::new(&[path.display().to_string()], opts)
        .map(|item| engine::process(&cleaner, item))
        .inspect(|p| assert!(!p.panicked, "panic: {:?}", p.outcome.as_ref().err()))
        .collect()
}

fn error_of(r: &Value) -> &str {
    r["error"]
        .as_str()
        .unwrap_or_else(|| panic!("not an error record: {r}"))
}

fn text_of(r: &Value) -> &str {
    assert!(r.get("error").is_none(), "error record: {r}");
    r["text"].as_str().expect("text field")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write fixture");
    p
}

fn utf16le(s: &str) -> Vec<u8> {
    let mut b = vec![0xFF, 0xFE];
    s.encode_utf16()
        .for_each(|u| b.extend_from_slice(&u.to_le_bytes()));
    b
}

const ARTICLE: &str = "The harbour closed on Monday as the storm reached the coast, officials said.\n\
     Boats stayed in port and the ferry service was cancelled until further notice.\n";

/// A gzip stream that expands `repeat` times `unit` bytes, for the cost of
/// compressing `unit` once: gzip members may simply follow each other.
fn gzip_bomb(head: &[u8], unit: &[u8], repeat: usize, tail: &[u8]) -> Vec<u8> {
    let gz = |b: &[u8]| {
        let mut e = GzEncoder::new(Vec::new(), Compression::best());
        e.write_all(b).expect("gzip");
        e.finish().expect("gzip")
    };
    let member = gz(unit);
    let mut out = gz(head);
    for _ in 0..repeat {
        out.extend_from_slice(&member);
    }
    out.extend_from_slice(&gz(tail));
    out
}

// ------------------------------------------------------------ bad bytes

/// What one bad-bytes input must give.
enum Expect {
    Text(&'static str),
    Error(&'static str),
}

#[test]
fn bad_bytes_give_one_right_record_through_binary_and_library() {
    let dir = tempfile::tempdir().expect("tempdir");
    let latin1 = {
        let page = format!(
            "<html><head><meta charset=\"utf-8\"></head><body><p>{}</p><p>Le gâteau était très élégant, déjà à côté du café.</p></body></html>",
            ARTICLE
        );
        encoding_rs::WINDOWS_1252.encode(&page).0.into_owned()
    };
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec();
    png.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    let cases: Vec<(&str, Vec<u8>, Expect)> = vec![
        (
            "invalid-utf8.txt",
            [ARTICLE.as_bytes(), b"Residents of the caf\xe9 district \xff\xfe were told to stay indoors while crews cleared the roads.\n"].concat(),
            Expect::Text("caf\u{FFFD} district \u{FFFD}\u{FFFD} were told"),
        ),
        ("declared-wrong.html", latin1, Expect::Text("gâteau était")),
        (
            "utf16-bom.html",
            utf16le(&format!("<html><body><p>{ARTICLE}</p><p>Grüße aus Köln, sagte sie.</p></body></html>")),
            Expect::Text("Grüße aus Köln"),
        ),
        (
            // No extension: the content must be sniffed as HTML after the BOM.
            "utf16-bom-html-noext",
            utf16le(&format!("<!DOCTYPE html><html><body><p>{ARTICLE}</p></body></html>")),
            Expect::Text("The harbour closed on Monday"),
        ),
        (
            "utf16-bom.txt",
            utf16le(&ARTICLE.replace(".\n", ".\nDie Fähre über den Fluss blieb wegen des Sturms am Montag im Hafen, sagten die Behörden.\n")),
            Expect::Text("Die Fähre über den Fluss"),
        ),
        (
            "some-nuls.txt",
            [ARTICLE.as_bytes(), b"Residents were told to stay in\0doors while crews cleared\0 the roads.\n"].concat(),
            Expect::Text("stay indoors while crews cleared the roads"),
        ),
        ("image.png", png, Expect::Error("binary content, not text or HTML")),
        (
            "many-nuls.txt",
            [b"text".as_slice(), &[0u8; 64], b"more"].concat(),
            Expect::Error("binary content, not text or HTML"),
        ),
        ("empty.txt", Vec::new(), Expect::Error("empty document")),
        ("empty.html", Vec::new(), Expect::Error("empty document")),
        ("blank.txt", b" \n\t\r\n   \n".to_vec(), Expect::Error("empty document")),
        ("blank.html", b"\n\n   ".to_vec(), Expect::Error("empty document")),
        ("blank-utf16.txt", utf16le("  \n \u{3000} \n"), Expect::Error("empty document")),
        ("bom-only.txt", b"\xEF\xBB\xBF".to_vec(), Expect::Error("empty document")),
    ];
    for (name, bytes, expect) in &cases {
        let path = write(dir.path(), name, bytes);
        let path_s = path.display().to_string();
        let run = unboil(&[&path_s], b"");
        assert_eq!(run.records.len(), 1, "{name}: {:?}", run.records);
        let lib = library(&path, ReadOptions::default());
        assert_eq!(lib.len(), 1, "{name}");
        match expect {
            Expect::Text(want) => {
                let text = text_of(&run.records[0]);
                assert!(text.contains(want), "{name}: {text:?}");
                assert!(!text.contains('\0'), "{name}");
                let cleaned = lib[0].outcome.as_ref().expect(name);
                assert!(cleaned.article.text().contains(want), "{name}");
            }
            Expect::Error(want) => {
                assert_eq!(error_of(&run.records[0]), *want, "{name}");
                assert_eq!(
                    lib[0].outcome.as_ref().err().map(String::as_str),
                    Some(*want)
                );
            }
        }
    }
}

#[test]
fn replaced_bytes_and_wrong_charsets_are_reported_as_warnings() {
    let cleaner = Cleaner::default();
    let c = cleaner
        .clean(&Document::text([ARTICLE.as_bytes(), b"\xff\n"].concat()))
        .expect("cleaned");
    assert_eq!(c.warnings, ["invalid UTF-8 bytes were replaced"]);
    let c = cleaner
        .clean(&Document::html(
            [b"<p>a\0b</p><p>".as_slice(), ARTICLE.as_bytes()].concat(),
        ))
        .expect("cleaned");
    assert_eq!(c.warnings, ["1 NUL characters were removed"]);
}

#[test]
fn library_shortcuts_give_empty_articles_for_empty_and_binary_input() {
    let cleaner = Cleaner::default();
    assert_eq!(cleaner.clean_text("  \n ").text(), "");
    assert_eq!(cleaner.clean_html("").text(), "");
    assert_eq!(
        cleaner
            .clean(&Document::html(&b"\0\0\0\0\0\0\x01\x02"[..]))
            .err()
            .as_deref(),
        Some("binary content, not text or HTML")
    );
}

// ------------------------------------------------------------ nesting depth

fn nested(open: &str, close: &str, n: usize, inner: &str) -> String {
    format!(
        "<html><body>{}<p>{inner}</p>{}</body></html>",
        open.repeat(n),
        close.repeat(n)
    )
}

#[test]
fn deep_nesting_is_flattened_with_a_warning_and_text_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inner = "The deep paragraph has words enough to be kept as the body text.";
    for (name, page) in [
        ("divs.html", nested("<div>", "</div>", 100_000, inner)),
        (
            "lists.html",
            nested("<ul><li>", "</li></ul>", 30_000, inner),
        ),
        (
            "tables.html",
            nested("<table><tr><td>", "</td></tr></table>", 20_000, inner),
        ),
        ("spans.html", nested("<span><b>", "", 50_000, inner)),
    ] {
        let path = write(dir.path(), name, page.as_bytes());
        let run = unboil(&[&path.display().to_string()], b"");
        assert_eq!(run.records.len(), 1, "{name}");
        assert_eq!(text_of(&run.records[0]), inner, "{name}");
        assert!(
            run.stderr.contains("HTML nested deeper than 512 elements")
                && run.stderr.contains("(--max-depth)"),
            "{name}: {}",
            run.stderr
        );
    }
}

#[test]
fn max_depth_flag_sets_the_limit() {
    let page = nested("<div>", "</div>", 40, "Deep text that is kept.");
    let run = unboil(&["--max-depth", "30", "-"], page.as_bytes());
    assert!(
        run.stderr
            .contains("nested deeper than 30 elements: 13 deeper start tags were dropped"),
        "{}",
        run.stderr
    );
    let run = unboil(&["--max-depth", "100", "-"], page.as_bytes());
    assert!(!run.stderr.contains("nested deeper"), "{}", run.stderr);
    let lib = Cleaner::default()
        .with_max_depth(30)
        .clean(&Document::html(page))
        .expect("cleaned");
    assert_eq!(lib.warnings.len(), 1);
    assert_eq!(lib.article.text(), "Deep text that is kept.");
}

// ------------------------------------------------------------ malformed HTML

#[test]
fn malformed_html_gives_one_record_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let para = "A paragraph with enough ordinary words in it to count as body text.";
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "unclosed.html",
            format!("<html><body><div><p>{para}<div><span><b><i>tail words <a href=x>link"),
            para,
        ),
        (
            "entities.html",
            format!(
                "<p>{para} &#xFFFFFFFF; &#0; &amp &#55296; &#x110000; &bogus; &#99999999999999999999; &lt</p>"
            ),
            "&bogus;",
        ),
        (
            "giant-attrs.html",
            format!(
                "<html><body><div class=\"{}\" title=\"{}\" data-x='{}'><p>{para}</p></div></body></html>",
                "a ".repeat(200_000),
                "x".repeat(4_000_000),
                "\"".repeat(100_000)
            ),
            para,
        ),
        (
            "unterminated-attr.html",
            format!(
                "<html><body><p>{para}</p><div title=\"never closed {}",
                "<div>".repeat(1000)
            ),
            para,
        ),
        (
            "stray-closers.html",
            format!(
                "{}<p>{para}</p>{}",
                "</div></p></table>".repeat(10_000),
                "</html>".repeat(100)
            ),
            para,
        ),
        (
            "comments.html",
            format!(
                "<!-- {} --><p>{para}</p><!-- unterminated",
                "<div>".repeat(10_000)
            ),
            para,
        ),
    ];
    for (name, page, want) in &cases {
        let path = write(dir.path(), name, page.as_bytes());
        let run = unboil(&[&path.display().to_string()], b"");
        assert_eq!(run.records.len(), 1, "{name}");
        assert!(
            text_of(&run.records[0]).contains(want),
            "{name}: {}",
            run.records[0]
        );
    }
}

// ------------------------------------------------------------ size

#[test]
fn huge_single_line_and_a_million_tiny_blocks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let words = ["harbour", "storm", "ferry", "coast", "officials"];
    let line: String = (0..2_000_000)
        .map(|i| words[i % 5])
        .collect::<Vec<_>>()
        .join(" ");
    let p = write(dir.path(), "line.txt", line.as_bytes());
    let run = unboil(&[&p.display().to_string()], b"");
    assert_eq!(run.records.len(), 1);
    assert_eq!(text_of(&run.records[0]).len(), line.len());

    let tiny: String = (0..1_000_000).map(|i| format!("w{}\n", i % 10)).collect();
    let p = write(dir.path(), "tiny.txt", tiny.as_bytes());
    let lib = library(&p, ReadOptions::default());
    assert_eq!(lib.len(), 1);
    let article = &lib[0].outcome.as_ref().expect("cleaned").article;
    // Every line is a block of its own and every block is decided.
    assert_eq!(article.page.blocks.len(), 1_000_000);
    assert_eq!(article.decisions.len(), 1_000_000);
    assert!(article.text().starts_with("w0\n\nw1\n\nw2"));
    let p = write(
        dir.path(),
        "tiny.html",
        "<p>x</p>".repeat(1_000_000).as_bytes(),
    );
    let run = unboil(&[&p.display().to_string()], b"");
    assert_eq!(run.records.len(), 1);
    assert!(run.records[0].get("error").is_none());
    let lib = library(&p, ReadOptions::default());
    let article = &lib[0].outcome.as_ref().expect("cleaned").article;
    assert_eq!(article.page.blocks.len(), 1_000_000);
    assert_eq!(article.decisions.len(), 1_000_000);
}

#[test]
fn one_block_of_many_inline_elements() {
    // Once quadratic in the block's length (every text node recounted it).
    let n = 200_000;
    let page = format!(
        "<html><body><div>{}</div><p>{}</p></body></html>",
        "<span>word</span> <a href=\"/x\">link</a> ".repeat(n),
        ARTICLE
    );
    let run = unboil(&["-"], page.as_bytes());
    assert_eq!(run.records.len(), 1);
    let text = text_of(&run.records[0]);
    assert!(
        text.contains("The harbour closed"),
        "{}",
        &text[..text.len().min(200)]
    );
}

#[test]
fn oversized_documents_are_error_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(dir.path(), "big.txt", &vec![b'a'; 5000]);
    let run = unboil(&["--max-doc-bytes", "4096", &p.display().to_string()], b"");
    assert_eq!(
        error_of(&run.records[0]),
        "document larger than the 4096 byte limit (--max-doc-bytes)"
    );
    // In JSONL, the document (not only the line) is capped.
    let jsonl = format!(
        "{{\"id\":\"big\",\"text\":\"{}\"}}\n{{\"id\":\"ok\",\"text\":\"fine\"}}\n",
        "a".repeat(5000)
    );
    let run = unboil(
        &["--max-doc-bytes", "4096", "--input-format", "jsonl", "-"],
        jsonl.as_bytes(),
    );
    assert_eq!(run.records.len(), 2);
    assert_eq!(run.records[0]["id"], "big");
    assert_eq!(
        error_of(&run.records[0]),
        "document larger than the 4096 byte limit (--max-doc-bytes)"
    );
    assert_eq!(text_of(&run.records[1]), "fine");
    let run = unboil(
        &["--max-line-bytes", "4096", "--input-format", "jsonl", "-"],
        jsonl.as_bytes(),
    );
    assert_eq!(
        error_of(&run.records[0]),
        "line longer than the 4096 byte limit (--max-line-bytes)"
    );
    assert_eq!(run.records[0]["line"], 1);
}

// ------------------------------------------------------------ gzip

#[test]
fn gzip_bomb_as_a_document_stops_at_the_cap() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 1 GiB of zeros once decompressed; about 1 MB on disk.
    let bomb = gzip_bomb(b"<p>", &vec![0u8; 1 << 20], 1024, b"</p>");
    let p = write(dir.path(), "bomb.html.gz", &bomb);
    let run = unboil(&[&p.display().to_string()], b"");
    assert_eq!(run.records.len(), 1);
    assert_eq!(
        error_of(&run.records[0]),
        "document larger than the 33554432 byte limit once decompressed (--max-doc-bytes)"
    );
}

#[test]
fn gzip_bomb_in_jsonl_costs_one_line_and_reading_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A 1 GiB line; the reader keeps at most --max-line-bytes of it.
    let bomb = gzip_bomb(
        b"{\"id\":\"bomb\",\"text\":\"",
        &vec![b'a'; 1 << 20],
        1024,
        b"\"}\n{\"id\":\"after\",\"text\":\"The line after the bomb is still read.\"}\n",
    );
    let p = write(dir.path(), "bomb.jsonl.gz", &bomb);
    let run = unboil(
        &["--max-line-bytes", "1000000", &p.display().to_string()],
        b"",
    );
    assert_eq!(run.records.len(), 2, "{:?}", run.records);
    assert_eq!(
        error_of(&run.records[0]),
        "line longer than the 1000000 byte limit (--max-line-bytes)"
    );
    assert_eq!(
        text_of(&run.records[1]),
        "The line after the bomb is still read."
    );
}

fn warc_record(block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:rec>\r\nWARC-Target-URI: http://example.invalid/\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[test]
fn gzip_bomb_in_a_warc_response_is_refused_not_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = gzip_bomb(
        b"<html><body><p>",
        &vec![b' '; 1 << 20],
        64,
        b"</p></body></html>",
    );
    let mut block =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    block.extend_from_slice(&body);
    let p = write(dir.path(), "bomb.warc", &warc_record(&block));
    let run = unboil(
        &["--max-doc-bytes", "1000000", &p.display().to_string()],
        b"",
    );
    assert_eq!(run.records.len(), 1);
    assert_eq!(run.records[0]["id"], "urn:uuid:rec");
    assert_eq!(
        error_of(&run.records[0]),
        "document larger than the 1000000 byte limit (--max-doc-bytes)"
    );
}

#[test]
fn gzip_bomb_as_a_warc_stream_streams_past_in_bounded_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let zeros = vec![0u8; 1 << 20];
    // A record claiming a 1 GiB block, which is there (zeros), then a good one.
    let head = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bomb>\r\nContent-Length: {}\r\n\r\n",
        1u64 << 30
    );
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>".to_vec();
    block.extend_from_slice(ARTICLE.as_bytes());
    block.extend_from_slice(b"</p></body></html>");
    let good = [b"\r\n\r\n".as_slice(), &warc_record(&block)].concat();
    let p = write(
        dir.path(),
        "bomb.warc.gz",
        &gzip_bomb(head.as_bytes(), &zeros, 1024, &good),
    );
    let run = unboil(&[&p.display().to_string()], b"");
    assert_eq!(run.records.len(), 2, "{:?}", run.records);
    assert!(
        error_of(&run.records[0]).ends_with(
            "record block of 1073741824 bytes exceeds max_record_bytes (67108864 bytes); record skipped"
        ),
        "{}",
        run.records[0]
    );
    assert!(text_of(&run.records[1]).starts_with("The harbour closed"));
    // 1 GiB of zeros and no record at all: one error record.
    let p = write(
        dir.path(),
        "zeros.warc.gz",
        &gzip_bomb(b"", &zeros, 1024, b""),
    );
    let run = unboil(&[&p.display().to_string()], b"");
    assert_eq!(run.records.len(), 1);
    assert!(
        error_of(&run.records[0])
            .contains("1073741824 bytes of garbage where a record should start")
    );
}

#[test]
fn truncated_gzip_is_an_error_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(format!("<p>{ARTICLE}</p>").repeat(2000).as_bytes())
        .expect("gzip");
    let gz = e.finish().expect("gzip");
    let p = write(dir.path(), "cut.html.gz", &gz[..gz.len() / 2]);
    let run = unboil(&[&p.display().to_string()], b"");
    assert_eq!(run.records.len(), 1);
    assert!(
        error_of(&run.records[0]).starts_with("cannot decompress:"),
        "{}",
        run.records[0]
    );
    // In a JSONL stream the lines before the cut are kept.
    let lines = format!(
        "{{\"id\":\"a\",\"text\":\"{}\"}}\n",
        ARTICLE.replace('\n', " ")
    )
    .repeat(3000);
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(lines.as_bytes()).expect("gzip");
    let gz = e.finish().expect("gzip");
    let p = write(dir.path(), "cut.jsonl.gz", &gz[..gz.len() - 20]);
    let run = unboil(&[&p.display().to_string()], b"");
    let last = run.records.last().expect("records");
    assert!(error_of(last).starts_with("read error:"), "{last}");
    assert!(run.records.len() > 1000);
    assert!(
        run.records[..run.records.len() - 1]
            .iter()
            .all(|r| r.get("error").is_none())
    );
}

// ------------------------------------------------------------ JSONL

#[test]
fn broken_jsonl_lines_each_give_their_error() {
    let input = [
        &b"{\"id\":\"raw-nul\",\"text\":\"a\0b\"}"[..],
        b"{\"id\":\"escaped-nul\",\"text\":\"The harbour closed\\u0000 on Monday.\"}",
        b"{\"id\":\"cut\",\"text\":\"abc",
        b"[1,2,3]",
        b"{\"id\":\"num\",\"html\":5}",
        b"{\"id\":\"none\"}",
        b"\xff\xfe{not json}",
        b"{\"id\":\"empty\",\"text\":\"\"}",
        b"{\"id\":\"ok\",\"text\":\"Still here.\"}",
    ]
    .join(&b'\n');
    let run = unboil(&["--input-format", "jsonl", "-"], &input);
    let r = &run.records;
    assert_eq!(r.len(), 9, "{r:?}");
    assert!(
        error_of(&r[0]).starts_with("invalid JSON: control character"),
        "{}",
        r[0]
    );
    assert_eq!(text_of(&r[1]), "The harbour closed on Monday.");
    assert!(error_of(&r[2]).starts_with("invalid JSON: EOF while parsing a string"));
    assert_eq!(error_of(&r[3]), "line is JSON but not an object");
    assert_eq!(error_of(&r[4]), "field `html`/`text` is not a string");
    assert_eq!(error_of(&r[5]), "no `html` or `text` field");
    assert!(error_of(&r[6]).starts_with("invalid JSON"));
    assert_eq!(error_of(&r[7]), "empty document");
    assert_eq!(text_of(&r[8]), "Still here.");
    for (i, rec) in r
        .iter()
        .enumerate()
        .filter(|(_, r)| r.get("error").is_some())
    {
        assert_eq!(rec["line"], i as u64 + 1, "{rec}");
    }
}

// ------------------------------------------------------------ out-dir

#[test]
fn out_dir_names_from_nasty_ids_stay_inside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let ids = [
        "..".to_string(),
        "../../escape".into(),
        "/etc/passwd".into(),
        "C:\\Windows\\system32".into(),
        "a\u{0}b".into(),
        ".hidden".into(),
        "CON".into(),
        "con.txt".into(),
        "LPT1".into(),
        "errors".into(),
        "ERRORS".into(),
        "x".repeat(5000),
        "é".repeat(400),
        "same".into(),
        "SAME".into(),
        "".into(),
    ];
    let mut input: String = ids
        .iter()
        .map(|id| {
            format!(
                "{}\n",
                serde_json::json!({"id": id, "text": "Body text of this document."})
            )
        })
        .collect();
    input.push_str("not json\n");
    let out_s = out.display().to_string();
    // JSONL output, so that a document named `errors` meets the error file.
    unboil(
        &["--out-dir", &out_s, "--input-format", "jsonl", "-"],
        input.as_bytes(),
    );
    // Nothing was written beside the directory.
    let beside: Vec<_> = std::fs::read_dir(dir.path()).expect("read").collect();
    assert_eq!(beside.len(), 1);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("read out")
        .map(|e| {
            let e = e.expect("entry");
            assert!(e.file_type().expect("type").is_file());
            e.file_name().into_string().expect("UTF-8 name")
        })
        .collect();
    names.sort();
    assert_eq!(names.len(), ids.len() + 1, "{names:?}");
    let errors = std::fs::read_to_string(out.join("errors.jsonl")).expect("errors.jsonl");
    assert_eq!(errors.lines().count(), 1, "{errors}");
    // Names that differ only in case would overwrite each other on macOS
    // and Windows.
    let mut lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    lower.dedup();
    assert_eq!(lower.len(), names.len(), "{names:?}");
    for n in &names {
        assert!(n.len() <= 130 && !n.starts_with('.'), "{n}");
        let stem = n.split('.').next().unwrap_or("").to_ascii_uppercase();
        assert!(!matches!(stem.as_str(), "CON" | "LPT1" | "NUL"), "{n}");
    }
}
