//! The source layer: a file's bytes → its decoded original text → the NFC-normalized text that
//! extraction reads, with an offset map back to the original and a line index that turns a byte
//! offset into a line and a character column.
//!
//! Nothing here may panic on any input. This module imports nothing else from the crate: the span
//! type lives here so that the model, the extractor and the DSL can all name a place without
//! depending on each other.

mod decode;
mod error;
mod lines;
mod located;
mod normalize;
mod snippet;
mod span;

use std::cell::RefCell;
use std::sync::Arc;

use serde::Serialize;

pub use decode::{Encoding, LegacyEncoding, MAX_FILE_BYTES};
pub use error::{Bilingual, SourceError, SpecialFile, Unreadable, io_reason};
pub use lines::{LineCol, LineIndex};
pub use located::LocatedError;
use normalize::OffsetMap;
pub use snippet::NamedText;
pub use span::Span;

thread_local! {
    /// While set, spans serialize as `line:column-line:column` of this text.
    static LOCATOR: RefCell<Option<(Arc<str>, LineIndex)>> = const { RefCell::new(None) };
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let located = LOCATOR.with(|l| {
            l.borrow().as_ref().map(|(text, index)| {
                let a = index.line_col(text, self.start);
                let b = index.line_col(text, self.end);
                if self.is_empty() {
                    format!("{}:{}", a.line, a.column)
                } else {
                    format!("{}:{}-{}:{}", a.line, a.column, b.line, b.column)
                }
            })
        });
        match located {
            Some(s) => serializer.serialize_str(&s),
            None => (self.start, self.end).serialize(serializer),
        }
    }
}

/// Serialize with spans written as `line:column-line:column` of a source file (1-based, columns
/// in characters), the form people read; outside of `f`, spans are `[start, end]` byte pairs.
pub fn with_located_spans<R>(src: &SourceFile, f: impl FnOnce() -> R) -> R {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            LOCATOR.with(|l| l.borrow_mut().take());
        }
    }
    LOCATOR.with(|l| *l.borrow_mut() = Some((Arc::clone(&src.original), src.lines.clone())));
    let _reset = Reset;
    f()
}

/// A decoded, normalized source file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    original: Arc<str>,
    encoding: Encoding,
    /// `None` when the normalized text is the original (NFC, LF, no BOM: the usual case).
    normalized: Option<String>,
    map: OffsetMap,
    lines: LineIndex,
}

impl SourceFile {
    /// Decode a file's bytes. Fails with a located [`SourceError`] for binary content, text that
    /// is not UTF-8 or UTF-16 (naming TCVN3 or VNI when their byte patterns are recognized), and
    /// files larger than [`MAX_FILE_BYTES`].
    pub fn from_bytes(name: impl Into<String>, bytes: &[u8]) -> Result<Self, SourceError> {
        let name = name.into();
        if bytes.len() > MAX_FILE_BYTES {
            return Err(SourceError::TooLarge { size: bytes.len() as u64, limit: MAX_FILE_BYTES as u64 });
        }
        let (text, encoding) = decode::decode(bytes)?;
        Ok(Self::build(name, text, encoding))
    }

    /// A source from text already in memory (stdin, tests). The text is checked for legacy
    /// encodings the same way a file is.
    pub fn from_text(name: impl Into<String>, text: &str) -> Result<Self, SourceError> {
        decode::check_legacy_text(text)?;
        Ok(Self::build(name.into(), Arc::from(text), Encoding::Utf8))
    }

    fn build(name: String, text: Arc<str>, encoding: Encoding) -> Self {
        let (normalized, map) = normalize::normalize(&text);
        let lines = LineIndex::new(&text);
        Self { name, original: text, encoding, normalized, map, lines }
    }

    /// The name (usually the path as given on the command line).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The encoding the file was read in.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The original text as the user sees it (decoded; CRLF, NFD and a BOM kept).
    pub fn original(&self) -> &Arc<str> {
        &self.original
    }

    /// The normalized text extraction works on: NFC, line feeds only, no BOM.
    pub fn text(&self) -> &str {
        self.normalized.as_deref().unwrap_or(&self.original)
    }

    /// The original span of a byte range of the normalized text.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let (start, end) = if start <= end { (start, end) } else { (end, start) };
        Span::new(self.map.to_original(start, false), self.map.to_original(end, true))
    }

    /// The line index of the original text.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// Line and character column (both 1-based) of an original byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.lines.line_col(&self.original, offset)
    }

    /// The original text under a span, if the span is inside the text.
    pub fn slice(&self, span: Span) -> Option<&str> {
        self.original.get(span.start..span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn nfd_text_maps_back_to_its_own_characters() {
        let nfc = "Số: 141/KH-UBND\nLục Bình, ngày 16 tháng 5 năm 2023\n";
        let nfd: String = nfc.nfd().collect();
        let src = SourceFile::from_text("x.txt", &nfd).unwrap();
        assert_eq!(src.text(), nfc);
        // "Lục" in the normalized text covers "L", "u", U+0323, "c" in the original.
        let start = nfc.find("Lục").unwrap();
        let span = src.span(start, start + "Lục".len());
        let original = src.slice(span).unwrap();
        assert_eq!(original.nfc().collect::<String>(), "Lục");
        assert_eq!(original.chars().count(), 4);
        assert_eq!(src.line_col(span.start), LineCol { line: 2, column: 1 });
        // "Bình" starts at character column 6 of the line in the user's file as well.
        let b = nfc.find("Bình").unwrap();
        assert_eq!(src.line_col(src.span(b, b).start).column, 6);
    }

    #[test]
    fn crlf_and_bom_are_removed_but_spans_point_into_the_file() {
        let bytes = "\u{feff}KẾ HOẠCH\r\nnăm 2024\r\n".as_bytes();
        let src = SourceFile::from_bytes("x.txt", bytes).unwrap();
        assert_eq!(src.text(), "KẾ HOẠCH\nnăm 2024\n");
        let start = src.text().find("năm").unwrap();
        let span = src.span(start, start + "năm 2024".len());
        assert_eq!(&bytes[span.start..span.end], "năm 2024".as_bytes());
        assert_eq!(src.line_col(span.start), LineCol { line: 2, column: 1 });
        // The BOM is not a column: "KẾ" is at column 1.
        assert_eq!(src.line_col(src.span(0, 0).start), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn span_end_inside_a_recomposed_character_covers_it() {
        let nfd: String = "ệ".nfd().collect();
        let src = SourceFile::from_text("x", &format!("a{nfd}b")).unwrap();
        assert_eq!(src.text(), "aệb");
        let span = src.span(1, 1 + "ệ".len());
        assert_eq!(src.slice(span).unwrap(), nfd);
    }
}
