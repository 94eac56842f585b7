//! Escaping text for the XML planlint writes: the JUnit report, and the comments and the split
//! runs of an annotated Word copy. One table of references, one notion of the characters XML 1.0
//! cannot carry.

/// Element content: `&`, `<`, `>` and a carriage return (which a parser would read as a line
/// feed) as references; a character XML cannot carry becomes U+FFFD.
pub(crate) fn text(s: &str) -> String {
    escape(s, false, Some('\u{FFFD}'))
}

/// A double-quoted attribute value: also `"`, and line breaks and tabs as references (a
/// parser normalizes an attribute's raw white space to spaces).
pub(crate) fn attr(s: &str) -> String {
    escape(s, true, Some('\u{FFFD}'))
}

/// Element content in which a character XML cannot carry is left out rather than shown (a Word
/// comment quoting a control character a PDF conversion left in the plan).
pub(crate) fn text_dropping(s: &str) -> String {
    escape(s, false, None)
}

/// A character XML 1.0 can carry (control characters from PDF conversion, form feeds… cannot,
/// even escaped).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn escape(s: &str, attribute: bool, unfit: Option<char>) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            c if allowed(c) => out.push(c),
            _ => out.extend(unfit),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_the_document_well_formed() {
        assert_eq!(text("a < b & \"c\"\u{c}\r"), "a &lt; b &amp; \"c\"\u{FFFD}&#13;");
        assert_eq!(attr("x=\"1\"\n'y'\t"), "x=&quot;1&quot;&#10;'y'&#9;");
        assert_eq!(text_dropping("a\u{c}b\u{FFFE} & c"), "ab &amp; c");
    }
}
