//! Text whose HTML is gone: an article whose paragraphs sit on both sides
//! of a long data table (a figure's series, a ranking) keeps the table and
//! the paragraphs after it; the site's menu stays out.

use unboil::Cleaner;

fn clean(text: &str) -> String {
    Cleaner::default().clean_text(text).text()
}

const MENU: &str = "Home\nWeather Stations\nClimate Data\nForecasts\nAbout Us\nContact";

const BEFORE: [&str; 4] = [
    "Rainfall in the valley has changed a great deal over the last decade, and the records kept by the village station since the spring of 2015 show how uneven the wet months have become for the farms along the river.",
    "The station is read every morning by volunteers, who note the depth of water in the gauge and send it to the regional office, where the readings are checked against the radar before they are published in the monthly sheet.",
    "We added up the readings for each month and compared every month with the same month a year earlier, so that the table below shows how much wetter or drier the valley was than it had been twelve months before.",
    "A positive figure means more rain than the year before, and a negative one means less, which is what the farmers who asked us for these numbers wanted to see at a glance when they plan the sowing.",
];

const AFTER: [&str; 3] = [
    "The table shows that dry spells now come in runs of several months, while the wet months are wetter than they used to be, which is hard on the soil and harder still on the young plants in late spring.",
    "Farmers along the river told us they now keep more water in their ponds through the winter, and several have planted hedges along the slopes to hold the soil when the heavy rain finally arrives in autumn.",
    "The station will keep its daily readings going, and we will update these figures every year so that anyone in the valley can see for themselves how the rain is changing from one season to the next.",
];

/// A table of monthly changes: a label and a value on each line.
fn table(rows: usize) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    (0..rows)
        .map(|i| {
            let year = 2015 + i / 12;
            let change = (i * 37 % 41) as f32 - 20.0;
            format!("{} {year} {change:+.1}%", MONTHS[i % 12])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn paragraphs_after_a_long_data_table_are_kept() {
    let page = format!(
        "Rainfall in the valley | Valley Weather\n{MENU}\nHow the rain has changed in the valley\n{}\nMonthly change in rainfall\nMonth Change on a year earlier\n{}\nWhat the figures mean\n{}\n{MENU}\nCopyright 2025 Valley Weather",
        BEFORE.join("\n"),
        table(100),
        AFTER.join("\n")
    );
    let out = clean(&page);
    assert!(out.contains(BEFORE[0]), "{out}");
    // The table is the article's own, and so is the prose after it.
    assert!(out.contains("March 2016"), "{out}");
    assert!(out.contains(AFTER[0]), "{out}");
    assert!(out.contains(AFTER[2]), "{out}");
    assert!(!out.contains("Weather Stations"), "{out}");
}
