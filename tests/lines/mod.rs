//! What the text-page tests share: asking what became of a line, and
//! building a page from parts.

/// Whether the cleaner kept `line`. A line the page does not hold is a
/// mistake in the test, so it panics rather than answer no.
pub fn kept(a: &unboil::Article, line: &str) -> bool {
    a.decision_for(line)
        .unwrap_or_else(|| panic!("no line {line:?}"))
        .is_kept()
}

/// The lines of `parts`, in order, as one text page.
#[allow(dead_code)] // not every test file builds its pages from parts
pub fn page(parts: &[&[&str]]) -> String {
    let lines: Vec<&str> = parts.iter().flat_map(|p| p.iter().copied()).collect();
    lines.join("\n") + "\n"
}
