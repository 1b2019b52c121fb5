//! Decidim bodies are HTML (`<p>…</p>`, `<br>`, lists, entities). The report and the terminal
//! want plain text: paragraphs become lines, list items become "- " lines, entities are
//! decoded, every other tag is dropped, and the white space inside a paragraph is folded.

/// Whether a cell looks like HTML worth converting: a tag or an entity. Plain text that only
/// holds an `&` and a `;` ("R&S; laboratori", a link's query string) is not: converting it
/// would fold its paragraphs into one line.
pub fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
        || text
            .match_indices('&')
            .any(|(i, _)| decode_entity(&text[i..]).is_some())
}

/// Converts HTML to plain text.
pub fn to_text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut text = Text {
        out: String::with_capacity(html.len()),
        line: String::with_capacity(256),
        skip_until: None,
        link: None,
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                let rest = &html[i..];
                let opens_tag = rest[1..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_ascii_alphabetic() || n == '/' || n == '!');
                let Some(end) = opens_tag.then(|| rest.find('>')).flatten() else {
                    // A lone '<' is text ("a < b").
                    if text.skip_until.is_none() {
                        push_text(&mut text.line, "<");
                    }
                    i += 1;
                    continue;
                };
                i += end + 1;
                text.tag(&rest[1..end]);
            }
            _ if text.skip_until.is_some() => {
                // Skip to the next tag; '<' is ASCII, so this stays on a character boundary.
                i += bytes[i..]
                    .iter()
                    .position(|&b| b == b'<')
                    .unwrap_or(bytes.len() - i);
            }
            b'&' => match decode_entity(&html[i..]) {
                Some((decoded, len)) => {
                    push_text(&mut text.line, decoded.encode_utf8(&mut [0; 4]));
                    i += len;
                }
                None => {
                    push_text(&mut text.line, "&");
                    i += 1;
                }
            },
            _ => {
                let end = bytes[i..]
                    .iter()
                    .position(|&b| b == b'<' || b == b'&')
                    .map_or(bytes.len(), |p| i + p);
                push_text(&mut text.line, &html[i..end]);
                i = end;
            }
        }
    }
    text.finish()
}

/// The text being written from HTML.
struct Text {
    out: String,
    /// The line being written.
    line: String,
    /// Inside a script or a style: the tag that ends it.
    skip_until: Option<&'static str>,
    /// The link being read.
    link: Option<Link>,
}

struct Link {
    address: String,
    /// Where its text starts in `line`.
    start: usize,
    /// How long `out` was then (a link whose text spans a block is left as its text).
    out_len: usize,
}

impl Text {
    /// What a tag (what is between `<` and `>`) does to the text.
    fn tag(&mut self, tag: &str) {
        let name = tag_name(tag);
        let closing = tag.starts_with('/');
        if let Some(until) = self.skip_until {
            if closing && name == until {
                self.skip_until = None;
            }
            return;
        }
        match name.as_str() {
            "script" if !closing => self.skip_until = Some("script"),
            "style" if !closing => self.skip_until = Some("style"),
            "br" => end_line(&mut self.out, &mut self.line, true),
            "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "blockquote"
            | "tr" | "table" | "pre" => end_line(&mut self.out, &mut self.line, false),
            "li" => {
                end_line(&mut self.out, &mut self.line, false);
                if !closing {
                    self.line.push_str("- ");
                }
            }
            "td" | "th" if !closing && !self.line.trim().is_empty() => self.line.push_str(" | "),
            "a" if !closing => {
                self.link = href(tag).map(|address| Link {
                    address,
                    start: self.line.len(),
                    out_len: self.out.len(),
                });
            }
            "a" => self.close_link(),
            _ => {}
        }
    }

    /// `text (address)`, as Decidim's own plain-text bodies write links; just the text when it
    /// is the address.
    fn close_link(&mut self) {
        let Some(link) = self.link.take() else {
            return;
        };
        let text = self.line.get(link.start..).unwrap_or("").trim();
        let shown = link
            .address
            .strip_prefix("mailto:")
            .unwrap_or(&link.address);
        if self.out.len() == link.out_len
            && !text.is_empty()
            && !text.eq_ignore_ascii_case(shown)
            && !text.eq_ignore_ascii_case(&link.address)
        {
            if !self.line.ends_with(' ') {
                self.line.push(' ');
            }
            self.line.push('(');
            self.line.push_str(shown);
            self.line.push(')');
        }
    }

    fn finish(mut self) -> String {
        end_line(&mut self.out, &mut self.line, false);
        while self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out
    }
}

/// The `href` of an `<a …>` tag, entities decoded; `None` when it has none.
fn href(tag: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find("href")?;
    let rest = tag[at + 4..].trim_start().strip_prefix('=')?.trim_start();
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next()?,
        _ => rest.split(|c: char| c.is_whitespace() || c == '>').next()?,
    };
    let value = value.trim();
    if value.is_empty() || value.starts_with('#') || value.starts_with("javascript:") {
        return None;
    }
    // Entities in the address (`&amp;` in a query string).
    let mut decoded = String::with_capacity(value.len());
    let mut i = 0;
    while i < value.len() {
        if value.as_bytes()[i] == b'&' {
            if let Some((c, len)) = decode_entity(&value[i..]) {
                decoded.push(c);
                i += len;
                continue;
            }
        }
        let c = value[i..].chars().next()?;
        decoded.push(c);
        i += c.len_utf8();
    }
    Some(decoded)
}

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Adds text to the current line, folding white space as a browser does (a non-breaking
/// space stays, as a plain space).
fn push_text(line: &mut String, text: &str) {
    if !text.bytes().any(|b| b.is_ascii_whitespace() || b >= 0x80) {
        line.push_str(text);
        return;
    }
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !line.is_empty() && !line.ends_with(' ') {
                line.push(' ');
            }
        } else if c == '\u{a0}' {
            line.push(' ');
        } else {
            line.push(c);
        }
    }
}

/// Ends the current line; a `<br>` keeps an empty line, a block only ends a non-empty one.
fn end_line(out: &mut String, line: &mut String, forced: bool) {
    let trimmed = line.trim();
    if !trimmed.is_empty() || (forced && !out.is_empty()) {
        out.push_str(trimmed);
        out.push('\n');
    }
    line.clear();
}

/// Decodes the entity at the start of `s` ("&egrave;…"), returning the character and the
/// entity's length in bytes.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    // Look for the `;` among bytes, not in a slice of the text: the twelfth byte may fall in
    // the middle of an accented letter ("R&S già;" panicked here).
    let end = s.as_bytes()[..s.len().min(12)]
        .iter()
        .position(|&b| b == b';')?;
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        char::from_u32(code).filter(|c| *c != '\0')?
    } else {
        named_entity(name)?
    };
    Some((c, end + 1))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "agrave" => 'à',
        "aacute" => 'á',
        "egrave" => 'è',
        "eacute" => 'é',
        "igrave" => 'ì',
        "iacute" => 'í',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "Agrave" => 'À',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Igrave" => 'Ì',
        "Ograve" => 'Ò',
        "Ugrave" => 'Ù',
        "ccedil" => 'ç',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "euro" => '€',
        "deg" => '°',
        "copy" => '©',
        "reg" => '®',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "ordm" => 'º',
        "ordf" => 'ª',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_become_lines() {
        assert_eq!(
            to_text("<p>Primo paragrafo.</p>\n<p>Secondo   paragrafo\nsu due righe.</p>"),
            "Primo paragrafo.\nSecondo paragrafo su due righe."
        );
    }

    #[test]
    fn entities_and_lists() {
        assert_eq!(
            to_text("<p>Perch&eacute; l&#39;app &egrave; &quot;utile&quot; &amp; facile&nbsp;&#x2013; s&igrave;</p><ul><li>uno</li><li>due</li></ul>"),
            "Perché l'app è \"utile\" & facile – sì\n- uno\n- due"
        );
    }

    #[test]
    fn breaks_scripts_and_stray_symbols() {
        assert_eq!(to_text("a<br>b<br/>c"), "a\nb\nc");
        assert_eq!(to_text("<p>x</p><script>alert(1)</script><p>y</p>"), "x\ny");
        assert_eq!(to_text("3 < 5 & 6 > 2"), "3 < 5 & 6 > 2");
        assert_eq!(to_text("&#0; &#xZZ; &bogus;"), "&#0; &#xZZ; &bogus;");
        assert_eq!(
            to_text("<p><strong>Nota</strong>: <a href=\"x\">link</a></p>"),
            "Nota: link (x)"
        );
    }

    #[test]
    fn links_keep_their_address_as_decidims_plain_text_does() {
        assert_eq!(
            to_text("<p>Vedi <a href=\"https://www.comune.prato.it/it/servizi?a=1&amp;b=2\" target=\"_blank\">il sito</a>.</p>"),
            "Vedi il sito (https://www.comune.prato.it/it/servizi?a=1&b=2)."
        );
        assert_eq!(
            to_text("<a href='https://x.it'>https://x.it</a> e <a href=\"mailto:urp@comune.prato.it\">scrivete</a>"),
            "https://x.it e scrivete (urp@comune.prato.it)"
        );
        assert_eq!(to_text("<a name=\"top\">inizio</a>"), "inizio");
    }

    #[test]
    fn regression_html_entity_cut_inside_a_character() {
        // Found by fuzzing (html_to_text): the search for the `;` of an entity sliced the text
        // at twelve bytes, inside the `°`.
        assert_eq!(to_text("&r\n\u{b}';r&degr&deg;"), "&r ';r&degr°");
        assert_eq!(
            to_text("<p>R&S già pronta; più servizi</p>"),
            "R&S già pronta; più servizi"
        );
    }

    #[test]
    fn detects_html() {
        assert!(looks_like_html("<p>ciao</p>"));
        assert!(looks_like_html("l&#39;app"));
        assert!(!looks_like_html("3 < 5 e 6 > 2"));
        assert!(!looks_like_html("testo semplice"));
        // Plain text from Decidim 0.27.3+ with an `&` and a `;`: left as it is.
        assert!(!looks_like_html(
            "Laboratori R&S; vedi il sito ( https://x.it/?a=1&b=2 )\n\nSecondo paragrafo"
        ));
    }
}
