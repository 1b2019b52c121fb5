//! The row as read, as stored: the cells of a row of a file, kept beside the suggestion made
//! from it so that nothing the source said is lost, compressed against a dictionary made from
//! the first rows of the same file.

/// Encodes a row as read for `suggestion_sources.row`: a JSON array of its cells, compressed
/// with LZ4 against its batch's dictionary (see [`row_dictionary`]; empty for none). A row
/// alone compresses poorly (650 bytes of a Decidim row only to 620); against the first rows
/// of its file, whose URLs, structure and common words it shares, to about a fifth.
pub fn encode_row<'a>(cells: impl IntoIterator<Item = &'a str>, dictionary: &[u8]) -> Vec<u8> {
    thread_local! {
        // The JSON and the compressed block of the last row: buffers reused row after row,
        // so that a row costs one allocation, of its compressed size.
        static BUFFERS: std::cell::RefCell<(Vec<u8>, Vec<u8>)> = const {
            std::cell::RefCell::new((Vec::new(), Vec::new()))
        };
    }
    BUFFERS.with_borrow_mut(|(json, block)| {
        json.clear();
        let cells: Vec<&str> = cells.into_iter().collect();
        if serde_json::to_writer(&mut *json, &cells).is_err() {
            json.clear();
        }
        let most = lz4_flex::block::get_maximum_output_size(json.len());
        if block.len() < most {
            block.resize(most, 0);
        }
        let written = if dictionary.is_empty() {
            lz4_flex::block::compress_into(json, &mut block[..most])
        } else {
            lz4_flex::block::compress_into_with_dict(json, &mut block[..most], dictionary)
        }
        .unwrap_or(0);
        // The layout of lz4_flex's `compress_prepend_size`: the length as u32 LE, the block.
        let mut stored = Vec::with_capacity(4 + written);
        stored.extend_from_slice(&(json.len() as u32).to_le_bytes());
        stored.extend_from_slice(&block[..written]);
        stored
    })
}

/// Decodes a row stored by [`encode_row`] with the same dictionary; an unreadable one gives
/// no cells.
pub fn decode_row(stored: &[u8], dictionary: &[u8]) -> Vec<String> {
    let json = if dictionary.is_empty() {
        lz4_flex::block::decompress_size_prepended(stored)
    } else {
        lz4_flex::block::decompress_size_prepended_with_dict(stored, dictionary)
    };
    json.ok()
        .and_then(|json| serde_json::from_slice(&json).ok())
        .unwrap_or_default()
}

/// How large a batch's dictionary grows: LZ4 primes its tables with the whole dictionary for
/// every row, so a few KiB hold what rows share without costing more than they save.
const DICTIONARY_BYTES: usize = 4096;

/// The dictionary of a batch from the first rows of its file, with the personal cells
/// blanked (the dictionary is never purged, so it must hold no personal data).
pub fn row_dictionary<'a>(
    rows: impl IntoIterator<Item = &'a csv::StringRecord>,
    personal: &[usize],
) -> Vec<u8> {
    let mut dictionary = Vec::new();
    // `personal` is sorted (see `Mapping::new`) and may list 100,000 columns.
    for record in rows {
        let cells: Vec<&str> = record
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if personal.binary_search(&i).is_ok() {
                    ""
                } else {
                    c
                }
            })
            .collect();
        dictionary.extend(serde_json::to_vec(&cells).unwrap_or_default());
    }
    if dictionary.len() > DICTIONARY_BYTES {
        dictionary.drain(..dictionary.len() - DICTIONARY_BYTES);
    }
    dictionary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_with_and_without_a_dictionary() {
        let header = csv::StringRecord::from(vec!["Mario Rossi", "Titolo", "Testo lungo"]);
        let first = csv::StringRecord::from(vec![
            "Anna Bianchi",
            "Wi-Fi nei parchi",
            "Serve il Wi-Fi nei parchi",
        ]);
        let dictionary = row_dictionary([&header, &first], &[0]);
        let text = String::from_utf8_lossy(&dictionary);
        assert!(text.contains("Wi-Fi nei parchi"));
        assert!(
            !text.contains("Rossi") && !text.contains("Bianchi"),
            "{text}"
        );
        let cells = [
            "Carla Verdi",
            "Wi-Fi nei parchi di Prato",
            "Serve il Wi-Fi nei parchi, anche la sera",
        ];
        for dict in [&dictionary[..], &[][..]] {
            let stored = encode_row(cells, dict);
            assert_eq!(decode_row(&stored, dict), cells);
        }
        // The dictionary makes the row smaller; a wrong one does not decode to the row.
        assert!(encode_row(cells, &dictionary).len() < encode_row(cells, &[]).len());
        assert_ne!(decode_row(&encode_row(cells, &dictionary), b"altro"), cells);
    }

    #[test]
    fn a_dictionary_keeps_its_last_four_kib() {
        let long = csv::StringRecord::from(vec!["x".repeat(3000)]);
        let dictionary = row_dictionary([&long, &long, &long], &[]);
        assert_eq!(dictionary.len(), DICTIONARY_BYTES);
    }
}
