//! Any bytes as a JSONL stream; small line cap so the cap path is hit too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unboil::read::FieldMap;
use unboil::read::jsonl::JsonlReader;

fuzz_target!(|data: &[u8]| {
    let reader = JsonlReader::new(data, "fuzz.jsonl".into(), FieldMap::default(), 4096);
    for item in reader {
        let _ = item.map_err(|e| e.to_string());
    }
});
