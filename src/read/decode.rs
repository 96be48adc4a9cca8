//! Bytes -> text. HTML: BOM, then a charset from the transport (HTTP
//! header), then `<meta charset>` / http-equiv, then chardetng when nothing
//! is declared. Text: BOM, else UTF-8 with invalid bytes replaced.

use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// How far into a page a `<meta charset>` is looked for (the HTML spec's
/// prescan reads 1024 bytes; real pages put it later, behind long heads).
const META_SCAN: usize = 8192;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta[^>]{0,400}?charset\s*=\s*["']?\s*([a-z0-9_:.\-]{2,40})"#)
        .expect("valid regex")
});

pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Set when bytes had to be replaced or the declared charset was wrong.
    pub warning: Option<String>,
}

fn label(l: &str) -> Option<&'static Encoding> {
    Encoding::for_label(l.trim().as_bytes())
}

/// The charset a page declares in its first bytes.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN)];
    let caps = META_CHARSET.captures(head)?;
    let name = std::str::from_utf8(caps.get(1)?.as_bytes()).ok()?;
    let enc = label(name)?;
    // A page that is parsed as text cannot really be UTF-16 (the spec says
    // to read such a declaration as UTF-8).
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    Some(enc)
}

fn decode_with(bytes: &[u8], enc: &'static Encoding, why: &str) -> Decoded {
    let (text, used, had_errors) = enc.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: used.name(),
        warning: had_errors
            .then(|| format!("invalid bytes for {} ({why}) were replaced", used.name())),
    }
}

pub fn html(bytes: &[u8], transport_charset: Option<&str>) -> Decoded {
    drop_nuls(html_raw(bytes, transport_charset))
}

fn html_raw(bytes: &[u8], transport_charset: Option<&str>) -> Decoded {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return decode_with(bytes, enc, "byte order mark");
    }
    let declared = transport_charset
        .and_then(label)
        .map(|e| (e, "HTTP header"))
        .or_else(|| meta_charset(bytes).map(|e| (e, "meta charset")));
    if let Some((enc, why)) = declared {
        // A page declared as something else but valid UTF-8 is almost
        // always UTF-8 mislabelled; the reverse never decodes cleanly.
        if enc != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
            return Decoded {
                text: String::from_utf8_lossy(bytes).into_owned(),
                encoding: "UTF-8",
                warning: Some(format!(
                    "declared charset {} ({why}) but the bytes are UTF-8",
                    enc.name()
                )),
            };
        }
        let declared = decode_with(bytes, enc, why);
        if declared.warning.is_none() {
            return declared;
        }
        // The declared charset does not fit the bytes (typically a page
        // saying UTF-8 that is really a legacy charset): take what the
        // detector finds if that decodes cleanly.
        let guess = detect(bytes);
        if guess != enc {
            let (text, used, had_errors) = guess.decode(bytes);
            if !had_errors {
                return Decoded {
                    text: text.into_owned(),
                    encoding: used.name(),
                    warning: Some(format!(
                        "declared charset {} ({why}) does not fit the bytes; decoded as {} (detected)",
                        enc.name(),
                        used.name()
                    )),
                };
            }
        }
        return declared;
    }
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            warning: None,
        };
    }
    decode_with(bytes, detect(bytes), "detected")
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    det.guess(None, chardetng::Utf8Detection::Allow)
}

/// NUL characters carry nothing and upset tools downstream (C strings,
/// terminals); a few are dropped with a warning (many make the document
/// binary, see `sniff::is_binary`).
fn drop_nuls(mut d: Decoded) -> Decoded {
    if memchr::memchr(0, d.text.as_bytes()).is_none() {
        return d;
    }
    let n = d.text.bytes().filter(|&c| c == 0).count();
    if n > 0 {
        d.text.retain(|c| c != '\0');
        let w = format!("{n} NUL characters were removed");
        d.warning = Some(match d.warning {
            Some(old) => format!("{old}; {w}"),
            None => w,
        });
    }
    d
}

pub fn text(bytes: &[u8]) -> Decoded {
    drop_nuls(text_raw(bytes))
}

/// The text of `bytes` as `text` decodes it, borrowed, when decoding
/// changes nothing (UTF-8 without a BOM or NULs, the usual case): no copy
/// of the document. `None` otherwise. Checked by simdutf8, as every
/// document's bytes are: the standard library's check took a few times
/// longer.
pub fn text_as_is(bytes: &[u8]) -> Option<&str> {
    if Encoding::for_bom(bytes).is_some() || memchr::memchr(0, bytes).is_some() {
        return None;
    }
    simdutf8::basic::from_utf8(bytes).ok()
}

fn text_raw(bytes: &[u8]) -> Decoded {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return decode_with(bytes, enc, "byte order mark");
    }
    // The fast validator first: most text is valid UTF-8.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            warning: None,
        };
    }
    match String::from_utf8_lossy(bytes) {
        Cow::Borrowed(s) => Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            warning: None,
        },
        Cow::Owned(s) => Decoded {
            text: s,
            encoding: "UTF-8",
            warning: Some("invalid UTF-8 bytes were replaced".into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_borrowed_only_when_decoding_changes_nothing() {
        for bytes in [
            &b"plain text\nline two"[..],
            "caf\u{e9} \u{2014} \u{6771}\u{4eac}".as_bytes(),
            b"",
            b"\xEF\xBB\xBFwith a BOM",
            b"with a \0 NUL",
            b"bad \xFF byte",
            b"\xFF\xFEu\0t\0f\0",
        ] {
            let d = text(bytes);
            match text_as_is(bytes) {
                Some(t) => {
                    assert_eq!(t, d.text);
                    assert_eq!(d.encoding, "UTF-8");
                    assert!(d.warning.is_none());
                }
                None => assert!(d.text.as_bytes() != bytes || d.warning.is_some()),
            }
        }
        assert!(text_as_is(b"plain").is_some());
        assert!(text_as_is(b"a\0b").is_none());
    }

    #[test]
    fn meta_charset_decides_latin1() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        let d = html(page, None);
        assert!(d.text.contains("café"));
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn http_equiv_is_read() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        assert!(html(page, None).text.contains("Привет"));
    }

    #[test]
    fn bom_wins() {
        let mut page = vec![0xFF, 0xFE];
        for u in "<p>hé</p>".encode_utf16() {
            page.extend_from_slice(&u.to_le_bytes());
        }
        assert!(html(&page, Some("iso-8859-1")).text.contains("hé"));
    }

    #[test]
    fn undeclared_legacy_bytes_are_detected() {
        let page = "<p>Le gâteau était très élégant, déjà à côté du café.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        assert!(html(&bytes, None).text.contains("gâteau"));
    }

    #[test]
    fn text_replaces_bad_utf8_with_warning() {
        let d = text(b"ok \xff line");
        assert_eq!(d.text, "ok \u{FFFD} line");
        assert_eq!(
            d.warning.as_deref(),
            Some("invalid UTF-8 bytes were replaced")
        );
    }

    #[test]
    fn utf8_declared_but_legacy_bytes_are_detected() {
        let page =
            "<meta charset=\"utf-8\"><p>Le gâteau était très élégant, déjà à côté du café.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let d = html(&bytes, None);
        assert!(d.text.contains("gâteau"), "{}", d.text);
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.warning.unwrap().contains("does not fit"));
    }

    #[test]
    fn nuls_are_dropped_with_a_warning() {
        let d = text(b"a\0b\0c");
        assert_eq!(d.text, "abc");
        assert_eq!(d.warning.as_deref(), Some("2 NUL characters were removed"));
        let d = html(b"<p>x\0y</p>", None);
        assert_eq!(d.text, "<p>xy</p>");
    }

    #[test]
    fn utf16_text_with_bom() {
        let mut bytes = vec![0xFE, 0xFF];
        for u in "Zeile eins\nZeile zwei".encode_utf16() {
            bytes.extend_from_slice(&u.to_be_bytes());
        }
        let d = text(&bytes);
        assert_eq!(d.text, "Zeile eins\nZeile zwei");
        assert_eq!(d.encoding, "UTF-16BE");
    }
}
