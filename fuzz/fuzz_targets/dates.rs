//! Date parsing on arbitrary text: never a panic, and every date it accepts is stored in
//! ISO 8601 whose first ten characters are the date.

#![no_main]

use libfuzzer_sys::fuzz_target;

use agenda::domain::mapping::dates;

fuzz_target!(|text: &str| {
    if let Some(iso) = dates::parse(text) {
        assert!(iso.len() >= 10, "{iso:?}");
        assert!(dates::parse(&iso).is_some(), "{iso:?} does not read back");
    }
});
