//! Inline SVG bar charts for the HTML report. They read in colour and in black and white: every
//! bar has its own colour *and* its own pattern, a dark outline, and its value written beside it,
//! so nothing depends on telling colours apart.

use std::fmt::Write as _;

use super::html::escape;
use super::number;

/// One bar: its label and its value.
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: i64,
}

/// Dark colours, far apart in hue and in lightness, that keep white hatching and black text
/// legible (contrast with white above 4.5:1).
const COLOURS: [&str; 8] = [
    "#1f4e79", "#9c4a00", "#2e6b30", "#5b3a8c", "#00616e", "#7a2e3b", "#4a4a4a", "#6b5a00",
];

/// The texture drawn in white over each colour, as SVG path data in an 8×8 tile.
const PATTERNS: [&str; 8] = [
    "",
    "M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4",
    "M2,2 h1 v1 h-1 Z M6,6 h1 v1 h-1 Z",
    "M0,4 h8 M4,0 v8",
    "M0,2 h8 M0,6 h8",
    "M2,0 v8 M6,0 v8",
    "M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4",
    "M0,0 l8,8 M8,0 l-8,8",
];

const WIDTH: i64 = 640;
const LABEL_WIDTH: i64 = 270;
const BAR_SPACE: i64 = 290;
const ROW: i64 = 28;
const BAR: i64 = 18;

/// A horizontal bar chart. `id` must be unique in the document: the patterns are named after it.
pub fn bar_chart(id: &str, title: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let height = ROW * bars.len() as i64 + 12;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-t\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{id}-t\">{}</title>\n<defs>",
        escape(title)
    );
    for (i, (colour, pattern)) in COLOURS.iter().zip(PATTERNS).enumerate() {
        let _ = write!(
            s,
            "<pattern id=\"{id}-p{i}\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\" fill=\"{colour}\"/>"
        );
        if !pattern.is_empty() {
            let _ = write!(
                s,
                "<path d=\"{pattern}\" stroke=\"#fff\" stroke-width=\"1.6\" fill=\"#fff\"/>"
            );
        }
        s.push_str("</pattern>");
    }
    s.push_str("</defs>\n");
    for (i, b) in bars.iter().enumerate() {
        let y = 6 + ROW * i as i64;
        let width = if b.value > 0 {
            (b.value * BAR_SPACE / max).max(2)
        } else {
            0
        };
        let text_y = y + BAR / 2 + 5;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{text_y}\" text-anchor=\"end\" class=\"label\">{}</text>",
            LABEL_WIDTH - 8,
            escape(b.label)
        );
        if width > 0 {
            let _ = write!(
                s,
                "<rect x=\"{LABEL_WIDTH}\" y=\"{y}\" width=\"{width}\" height=\"{BAR}\" fill=\"url(#{id}-p{})\" stroke=\"#111\" stroke-width=\"1\"/>",
                i % COLOURS.len()
            );
        }
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{text_y}\" class=\"value\">{}</text>",
            LABEL_WIDTH + width + 6,
            number(b.value)
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{LABEL_WIDTH}\" y1=\"2\" x2=\"{LABEL_WIDTH}\" y2=\"{}\" stroke=\"#111\" stroke-width=\"1\"/>\n</svg>",
        height - 2
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_values_written() {
        let svg = bar_chart(
            "c1",
            "Prova <b>",
            &[
                Bar {
                    label: "<script>",
                    value: 3,
                },
                Bar {
                    label: "zero",
                    value: 0,
                },
            ],
        );
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("Prova &lt;b&gt;"));
        assert!(svg.contains(">3</text>"));
        assert!(!svg.contains("<script>"));
    }
}
