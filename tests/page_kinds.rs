//! Non-article pages (shops, listings, threads): behaviours decided from a
//! page's own structure, on small pages made here.

use unboil::Cleaner;

const DESC: &str = "This merino wool jumper is knitted in a small mill, washes cold without shrinking and keeps you warm on windy walks.";

#[test]
fn text_shown_again_for_another_screen_size_is_kept_once() {
    // Responsive themes print the same description for desktop and for
    // phones, in differently shaped containers: the body needs it once.
    let html = format!(
        "<html><body><main><h1>Merino jumper</h1>\
         <div class=\"desktop\"><p>{DESC}</p></div>\
         <div class=\"mobile\"><div class=\"copy\"><p>{DESC}</p></div></div>\
         <p>Hand wash or machine wash on a wool cycle, then dry it flat in the shade away from any radiator.</p>\
         </main></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert_eq!(text.matches("knitted in a small mill").count(), 1, "{text}");
    assert!(text.contains("dry it flat in the shade"), "{text}");
}

#[test]
fn a_line_repeated_in_every_item_of_a_list_is_kept() {
    // Coupons, steps or product tiles of one shape may each carry the
    // same line: it belongs to every item.
    let mut items = String::new();
    for (i, what) in [
        "boiler service",
        "drain cleaning",
        "leak repair",
        "fuse box check",
    ]
    .iter()
    .enumerate()
    {
        items.push_str(&format!(
            "<li class=\"coupon\"><h3>${}0 off any {what}</h3>\
             <div class=\"terms\"><p>Must be shown before the work starts on the day.</p></div></li>",
            i + 2
        ));
    }
    let html = format!(
        "<html><body><main><h1>Coupons</h1><p>Save on your next visit from our licensed team with these offers, valid all year round.</p>\
         <ul class=\"coupons\">{items}</ul></main></body></html>"
    );
    let text = Cleaner::default().clean_html(&html).text();
    assert_eq!(
        text.matches("Must be shown before the work starts").count(),
        4,
        "{text}"
    );
}
