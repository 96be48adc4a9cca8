//! The streaming HTML segmenter builds no tree, so the tree builder's
//! corner cases are handled by hand (src/segment/tree.rs). These pin down
//! the ones that change what a page yields: which text forms which block,
//! what counts as link text, what is never read.

use unboil::segment::html::segment;
use unboil::segment::{BlockKind, Page};

fn texts(page: &Page) -> Vec<&str> {
    page.blocks.iter().map(|b| b.text.as_str()).collect()
}

fn words(n: usize, w: &str) -> String {
    vec![w; n].join(" ")
}

#[test]
fn unclosed_paragraphs_and_list_items_close_each_other() {
    let page = segment("<p>one<p>two<ul><li>a<li>b</ul>after");
    assert_eq!(texts(&page), ["one", "two", "a", "b", "after"]);
    let kinds: Vec<BlockKind> = page.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::ListItem,
            BlockKind::ListItem,
            BlockKind::Other
        ]
    );
    // `after` is outside the list: it belongs to the body.
    assert_eq!(page.blocks[4].tag, "body");
}

#[test]
fn stray_end_tags_and_cells_outside_tables() {
    // `</p>` with no open p makes an empty p: the text splits there.
    assert_eq!(texts(&segment("<div>a</p>b</div>")), ["a", "b"]);
    // A `<td>` outside a table is dropped; its text stays in the div.
    let page = segment("<div><td>x</td></div>");
    assert_eq!(texts(&page), ["x"]);
    assert_eq!(page.blocks[0].tag, "div");
    // `</div>` does not close past a table cell.
    let page = segment("<table><tr><td>a</div>b<td>c<tr><td>d</table>e");
    assert_eq!(texts(&page), ["ab", "c", "d", "e"]);
    assert_eq!(page.blocks[0].kind, BlockKind::TableCell);
}

#[test]
fn misnested_links_end_where_the_browser_ends_them() {
    // A link left open in one paragraph reopens in the next.
    let page = segment("<p>plain <a href=\"#\">linked<p>again linked</a> not linked</p>");
    assert_eq!(texts(&page), ["plain linked", "again linked not linked"]);
    let b = &page.blocks[1];
    let expected = "again linked".len() as f32 / b.text.len() as f32;
    assert!((b.features.link_density - expected).abs() < 1e-3, "{b:?}");
    // A link closed inside a block it contains ends there; the block goes on.
    let page = segment("<a href=\"#\">nav <div>inside</a> outside</div>");
    let b = page.blocks.last().expect("block");
    assert_eq!(b.text, "inside outside");
    let expected = "inside".len() as f32 / b.text.len() as f32;
    assert!((b.features.link_density - expected).abs() < 1e-3, "{b:?}");
    // A link cut off by its block's end reopens at the next text, as in
    // browsers; an explicit `</a>` ends it for good.
    let page = segment("<div><a href=\"#\">menu</div><p>still a link");
    assert_eq!(page.blocks[1].features.link_density, 1.0);
    let page = segment("<div><a href=\"#\">menu</a></div><p>body text");
    assert_eq!(page.blocks[1].features.link_density, 0.0);
}

#[test]
fn raw_text_is_not_markup() {
    let page = segment(
        "<title>A &amp; B <b></title><script>document.write('<p>not text</p>')</script>\
         <style>p{color:red}</style><textarea><p>typed</textarea>\
         <p>Body words &amp; more&nbsp;here &#8212; end</p>",
    );
    // (A no-break space separates words like any space.)
    assert_eq!(texts(&page), ["Body words & more here \u{2014} end"]);
    assert_eq!(page.title_candidates, ["A & B <b>"]);
    // Tags inside a script are its text; its `</script>` ends it, except
    // inside the `<!-- <script>` escape old pages used.
    let page = segment("<script>if (a<b) s='<p>';</script>x");
    assert_eq!(texts(&page), ["x"]);
    let page = segment("<script>var s = '<!-- <script>'; </script> x</script><p>after");
    assert_eq!(texts(&page), ["after"]);
}

#[test]
fn noscript_is_read_only_when_it_holds_the_page() {
    let page = segment("<p>Shown text.</p><noscript>Please enable JavaScript.</noscript>");
    assert_eq!(texts(&page), ["Shown text."]);
    let long = words(45, "word");
    let page = segment(&format!("<noscript><p>{long}</p></noscript>"));
    assert_eq!(texts(&page), [long.as_str()]);
}

#[test]
fn elements_a_utility_class_hides_are_skipped_unless_shown_at_some_size() {
    // `hidden`, `hide`, `d-none` hide an element as the page loads (a
    // product's raw variant data, a closed panel), `sr-only` keeps it off
    // the screen; a class that shows it again at some screen size keeps
    // it, and class parts never hide.
    let shown = words(160, "shown");
    let page = segment(&format!(
        "<p>{shown}</p><dl class=\"hide\"><dt>h1</dt></dl><div class=\"swatch Hidden\">h2</div>\
         <div class=\"d-none\">h3</div><span class=\"sr-only\">h4</span><h2 class=\"visually-hidden\">h5</h2>\
         <div class=\"hidden md:block\">desktop</div><div class=\"d-none d-lg-flex\">wide</div>\
         <div class=\"hide show@medium\">medium</div>\
         <div class=\"overflow-hidden\">clipped</div><div class=\"hide-mobile\">big</div>"
    ));
    assert_eq!(
        texts(&page),
        [
            shown.as_str(),
            "desktop",
            "wide",
            "medium",
            "clipped",
            "big"
        ]
    );
}

#[test]
fn hidden_elements_are_skipped_unless_they_are_the_page() {
    let shown = words(160, "shown");
    let page = segment(&format!(
        "<p>{shown}</p><div hidden>h1</div><div style=\"DISPLAY: none\">h2</div>\
         <div aria-hidden=\"true\">h3</div><span style=\"visibility:hidden\">h4</span>"
    ));
    assert_eq!(texts(&page), [shown.as_str()]);
    assert!(page.warnings.is_empty());
    // Next to nothing shows and the hidden part is large: it is read.
    let hidden = words(400, "hidden");
    let page = segment(&format!("<p>tiny</p><div hidden><p>{hidden}</p></div>"));
    assert_eq!(texts(&page), ["tiny", hidden.as_str()]);
    assert!(page.warnings[0].contains("hidden"), "{:?}", page.warnings);
}

#[test]
fn skipped_subtrees_end_where_the_parser_ends_them() {
    // Nothing in a select is text, and only `</select>` ends it.
    let page = segment("<select><option>a<div>b</div></select><p>after");
    assert_eq!(texts(&page), ["after"]);
    // SVG content, templates and buttons are never read.
    let page = segment(
        "<svg><text>icon</text><p>breaks out</svg><template><p>tpl</p></template>\
         <button>Click</button>",
    );
    assert_eq!(texts(&page), ["breaks out"]);
}

#[test]
fn head_body_and_text_after_the_end() {
    // Content in the head starts the body; a later `<body>` adds its
    // attributes to it; text after `</html>` is still the body's.
    let page = segment(
        "<html><head><meta property=\"og:title\" content=\" OG title \"><title>T</title>\
         <div>early</div></head><body class=\"Page main\"><h1>Heading</h1></body></html>late",
    );
    assert_eq!(texts(&page), ["early", "Heading", "late"]);
    assert_eq!(page.title_candidates, ["OG title", "Heading", "T"]);
    let body = page
        .elements
        .iter()
        .find(|e| e.tag == "body")
        .expect("body");
    // Sorted as written (capitals first), then lower-cased, as before.
    assert_eq!(body.classes, ["page", "main"]);
}

#[test]
fn pre_keeps_lines_and_cr_lf_becomes_lf() {
    let page = segment("<pre>\r\nline one\r\n  line two\r\n</pre>");
    assert_eq!(texts(&page), ["line one\n  line two"]);
    assert_eq!(page.blocks[0].kind, BlockKind::Pre);
}

#[test]
fn the_library_entry_caps_nesting_depth() {
    let page = segment(&format!("{}<p>deep words</p>", "<div>".repeat(2000)));
    assert_eq!(texts(&page), ["deep words"]);
    assert!(
        page.warnings
            .iter()
            .any(|w| w.contains("nested deeper than 512")),
        "{:?}",
        page.warnings
    );
}

#[test]
fn only_elements_on_a_path_to_a_block_are_kept() {
    // The classifier scores every element; empty wrappers would only cost.
    let page = segment(
        "<div class=\"empty\"><div class=\"icon\"></div></div><div id=\"main\"><p>Text</p></div>",
    );
    let tags: Vec<String> = page.elements.iter().map(|e| e.selector()).collect();
    assert_eq!(tags, ["html", "body", "div#main", "p"]);
    let p = &page.elements[3];
    assert_eq!(p.parent, Some(2));
    assert_eq!(page.blocks[0].element, Some(3));
}
