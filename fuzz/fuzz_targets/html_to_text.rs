//! HTML-to-text of Decidim bodies on arbitrary UTF-8: never a panic, and text without tags
//! comes back without markup added.

#![no_main]

use libfuzzer_sys::fuzz_target;

use agenda::domain::mapping::html;

fuzz_target!(|text: &str| {
    let _ = html::looks_like_html(text);
    let out = html::to_text(text);
    // Converting twice must not panic either (the result is text with `<` and `&` decoded).
    let _ = html::to_text(&out);
});
