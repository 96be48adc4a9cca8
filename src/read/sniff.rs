//! Telling what a stream holds from its first bytes.

use super::open::InputFormat;

fn skip_bom_and_space(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[start..]
}

/// The head of a stream that starts with a UTF-16 byte order mark, as
/// UTF-8, so that it can be sniffed like the rest.
fn utf16_head(head: &[u8]) -> Option<Vec<u8>> {
    let (enc, _) = encoding_rs::Encoding::for_bom(head)?;
    if enc == encoding_rs::UTF_8 {
        return None;
    }
    let probe = &head[..head.len().min(8192) & !1];
    let (text, _, _) = enc.decode(probe);
    Some(text.into_owned().into_bytes())
}

/// Guess the format of a stream from its head.
pub fn format(head: &[u8]) -> InputFormat {
    if let Some(h) = utf16_head(head) {
        return format(&h);
    }
    let b = skip_bom_and_space(head);
    if b.starts_with(b"WARC/1.") {
        return InputFormat::Warc;
    }
    if b.starts_with(b"{") {
        let line = b.split(|&c| c == b'\n').next().unwrap_or(b);
        let line = skip_bom_and_space(line);
        if line.trim_ascii_end().ends_with(b"}") || !b.contains(&b'\n') {
            return InputFormat::Jsonl;
        }
    }
    if looks_like_html(b) {
        return InputFormat::Html;
    }
    InputFormat::Text
}

pub fn looks_like_html(head: &[u8]) -> bool {
    if let Some(h) = utf16_head(head) {
        return looks_like_html(&h);
    }
    let b = skip_bom_and_space(head);
    let probe = &b[..b.len().min(4096)];
    let lower: Vec<u8> = probe.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
        return true;
    }
    [
        &b"<html"[..],
        b"<head",
        b"<body",
        b"<div",
        b"<p>",
        b"<p ",
        b"<meta",
        b"<title",
        b"<article",
        b"<br",
        b"<table",
        b"<span",
    ]
    .iter()
    .any(|t| memchr::memmem::find(&lower, t).is_some())
        && lower.first() == Some(&b'<')
}

/// Bytes that are neither text nor HTML: NUL and control characters that
/// text never has (UTF-16 is decoded before this is asked).
pub fn is_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false;
    }
    let probe = &bytes[..bytes.len().min(8192)];
    if probe.is_empty() {
        return false;
    }
    let bad = count_bytes(probe, |c| {
        c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)
    });
    let nuls = count_bytes(&probe[..probe.len().min(1024)], |c| c == 0);
    bad * 20 > probe.len() || nuls > 4
}

/// How many of `bytes` are `is`: summed in 8-bit lanes, 255 bytes at a
/// time, which the compiler does sixteen bytes per step (a `filter` and
/// `count` goes byte by byte; this runs on every document).
fn count_bytes(bytes: &[u8], is: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|c| c.iter().fold(0u8, |n, &b| n + u8::from(is(b))) as usize)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(format(b"  <!DOCTYPE html><p>x"), InputFormat::Html);
        assert_eq!(format(b"<div>hi</div>"), InputFormat::Html);
        assert_eq!(format(b"{\"html\": \"<p>\"}\n{}"), InputFormat::Jsonl);
        assert_eq!(format(b"WARC/1.0\r\n"), InputFormat::Warc);
        assert_eq!(format(b"Just a line of text.\nAnother."), InputFormat::Text);
        assert_eq!(format(b"x < y and <b>"), InputFormat::Text);
    }

    #[test]
    fn utf16_with_bom_is_sniffed_after_decoding() {
        let utf16 = |s: &str| {
            let mut b = vec![0xFF, 0xFE];
            s.encode_utf16()
                .for_each(|u| b.extend_from_slice(&u.to_le_bytes()));
            b
        };
        assert_eq!(format(&utf16("<!DOCTYPE html><p>x")), InputFormat::Html);
        assert_eq!(format(&utf16("Just text.\nMore.")), InputFormat::Text);
    }

    #[test]
    fn binary() {
        assert!(is_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0"));
        assert!(!is_binary("plain text é".as_bytes()));
        assert!(!is_binary(b"\xFF\xFEh\0i\0"));
    }
}
