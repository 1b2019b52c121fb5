//! The import path on arbitrary bytes: scan (fingerprint, encoding), delimiter sniffing,
//! header, records, and the mapping of every record to a suggestion in both formats, with
//! the headers the file gives. Errors are fine; a panic is a bug.

#![no_main]

use libfuzzer_sys::fuzz_target;

use agenda::csvin::{CsvFile, DelimiterChoice, EncodingChoice, Options};
use agenda::domain::mapping::{self, Format, Mapping, Settings};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options, the rest is the file.
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let options = Options {
        encoding: match choice % 3 {
            0 => EncodingChoice::Auto,
            1 => EncodingChoice::Utf8,
            _ => EncodingChoice::Windows1252,
        },
        delimiter: match (choice / 3) % 4 {
            0 => DelimiterChoice::Auto,
            1 => DelimiterChoice::Byte(b';'),
            2 => DelimiterChoice::Byte(b','),
            _ => DelimiterChoice::Byte(b'\t'),
        },
    };
    let Ok(mut csv) = CsvFile::from_bytes("fuzz.csv", bytes.to_vec(), options) else {
        return;
    };
    let _ = mapping::is_decidim(&csv.headers);
    let settings = Settings {
        locale: "it".into(),
        ..Settings::default()
    };
    let mappings: Vec<Mapping> = [Format::Decidim, Format::Generic]
        .into_iter()
        .filter_map(|format| Mapping::new("fuzz.csv", "fuzz.csv:1", &csv.headers, format, &settings).ok())
        .collect();
    let mut record = csv::StringRecord::new();
    for _ in 0..1000 {
        match csv.next_record(&mut record) {
            Ok(Some(line)) => {
                for m in &mappings {
                    let _ = m.raw_hash(&record);
                    let _ = m.fast_key(&record);
                    let _ = m.incoming(&record, line);
                }
            }
            Ok(None) | Err(_) => break,
        }
    }
});
