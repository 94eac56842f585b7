//! The source layer: a file's bytes → its decoded original text → the NFC-normalized text that
//! extraction reads, with an offset map back to the original and a line index that turns a byte
//! offset into a line and a character column.
//!
//! Nothing here may panic on any input. This module imports nothing else from the crate: the span
//! type lives here so that the model, the extractor and the DSL can all name a place without
//! depending on each other.
//!
//! # Why span serialization keeps a thread-local
//!
//! How a [`Span`] serializes (`[start, end]` of the text, `line:column` of a file, or offsets
//! into a UTF-16 file) depends on the source file it belongs to, and serde's `Serialize` takes
//! no context: a span cannot reach its file through `serialize`. The plan model and the
//! findings derive `Serialize` over some forty types, so passing the file explicitly would mean
//! either a second, hand-written serialization of every one of them (two copies to keep in step
//! with the model) or a wrapping `Serializer` that forwards each of serde's thirty methods and
//! seven compound serializers to catch spans on the way; a pass over the serialized value
//! afterwards cannot tell a span from any other pair of numbers, and going through
//! `serde_json::Value` would reorder the YAML output. So [`with_located_spans`] and
//! [`with_file_byte_spans`] set a thread-local for the length of one closure on the calling
//! thread and restore what was there before when it returns or unwinds. Nothing else reads it:
//! outside those closures spans serialize as `[start, end]`, a run's worker threads never see
//! another thread's file, and two serializations on two threads cannot interfere.

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

/// The text type of every message, re-exported where the errors that carry it live.
pub use crate::lang::Bilingual;
pub use decode::{Encoding, LegacyEncoding, MAX_FILE_BYTES};
pub use error::{SourceError, SpecialFile, Unreadable, io_reason};
pub use lines::{LineCol, LineIndex};
pub use located::LocatedError;
use normalize::OffsetMap;
pub use snippet::NamedText;
pub use span::Span;

/// How spans serialize while a source file is set (see [`with_located_spans`] and
/// [`with_file_byte_spans`]).
enum Locator {
    /// `line:column-line:column` of this text.
    Lines(Arc<str>, LineIndex),
    /// `[start, end]` byte offsets into the file's bytes, for a text decoded from UTF-16.
    Utf16(Utf16Offsets),
}

thread_local! {
    /// While set, spans serialize by it rather than as `[start, end]` offsets of the text.
    static LOCATOR: RefCell<Option<Locator>> = const { RefCell::new(None) };
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        enum Shown {
            Text(String),
            Pair(usize, usize),
        }
        let shown = LOCATOR.with(|l| match l.borrow().as_ref() {
            Some(Locator::Lines(text, index)) => {
                let a = index.line_col(text, self.start);
                let b = index.line_col(text, self.end);
                Some(Shown::Text(if self.is_empty() {
                    format!("{}:{}", a.line, a.column)
                } else {
                    format!("{}:{}-{}:{}", a.line, a.column, b.line, b.column)
                }))
            }
            Some(Locator::Utf16(offsets)) => Some(Shown::Pair(offsets.file(self.start), offsets.file(self.end))),
            None => None,
        });
        match shown {
            Some(Shown::Text(s)) => serializer.serialize_str(&s),
            Some(Shown::Pair(a, b)) => (a, b).serialize(serializer),
            None => (self.start, self.end).serialize(serializer),
        }
    }
}

/// Run `f` with spans serializing by `locator`; the locator set before is back afterwards (even
/// if `f` panics), so that calls nest.
fn with_locator<R>(locator: Option<Locator>, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Locator>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            LOCATOR.with(|l| *l.borrow_mut() = before);
        }
    }
    let _restore = Restore(LOCATOR.with(|l| l.replace(locator)));
    f()
}

/// Serialize with spans written as `line:column-line:column` of a source file (1-based, columns
/// in characters), the form people read; outside of `f`, spans are `[start, end]` byte pairs.
pub fn with_located_spans<R>(src: &SourceFile, f: impl FnOnce() -> R) -> R {
    with_locator(Some(Locator::Lines(Arc::clone(&src.original), src.lines.clone())), f)
}

/// Serialize with spans written as `[start, end]` byte offsets into the file as it is on disk:
/// the text's own offsets for UTF-8 (its BOM is part of the text), offsets into the UTF-16 bytes
/// for a file decoded from UTF-16.
pub fn with_file_byte_spans<R>(src: &SourceFile, f: impl FnOnce() -> R) -> R {
    let locator = match src.encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => {
            Some(Locator::Utf16(Utf16Offsets::new(Arc::clone(&src.original), src.file_prefix)))
        }
        Encoding::Utf8 | Encoding::Utf8Bom => None,
    };
    with_locator(locator, f)
}

/// UTF-8 offsets of a text decoded from UTF-16 → byte offsets of the UTF-16 file.
struct Utf16Offsets {
    text: Arc<str>,
    /// Bytes of the file before the text (its byte-order mark).
    prefix: usize,
    /// UTF-16 units before every [`Utf16Offsets::STEP`]-th byte of the text (rounded down to a
    /// character boundary): `(byte, units)`.
    marks: Vec<(usize, usize)>,
}

impl Utf16Offsets {
    const STEP: usize = 4096;

    fn new(text: Arc<str>, prefix: usize) -> Self {
        let mut marks = vec![(0, 0)];
        let mut units = 0;
        let mut next = Self::STEP;
        for (i, c) in text.char_indices() {
            if i >= next {
                marks.push((i, units));
                next = i + Self::STEP;
            }
            units += c.len_utf16();
        }
        Self { text, prefix, marks }
    }

    /// The file offset of a text offset (inside a character: that character's start).
    fn file(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let i = self.marks.partition_point(|&(b, _)| b <= offset).saturating_sub(1);
        let (from, units) = self.marks.get(i).copied().unwrap_or((0, 0));
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let more: usize = self.text.get(from..end).map_or(0, |s| s.chars().map(char::len_utf16).sum());
        self.prefix + 2 * (units + more)
    }
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
    /// Bytes of the file before its text (a UTF-16 byte-order mark, which the text does not keep).
    file_prefix: usize,
    /// For a Word file: the document as read, whose text rendering is the source's text.
    word: Option<Arc<WordSource>>,
    /// Read from a PDF's text layer.
    pdf: bool,
}

/// What a Word file adds to its text rendering: where each line of the text is in the document,
/// and the document's pending changes and comments.
#[derive(Debug)]
pub struct WordSource {
    /// The place in the document of each line of the text (0-based line index).
    pub locations: Vec<crate::docx::Location>,
    /// Tracked changes not yet accepted or rejected.
    pub changes: crate::docx::TrackedChanges,
    /// Comments, open and resolved.
    pub comments: crate::docx::Comments,
}

/// Whether a file name is a Word document's (`.docx`, any case).
pub fn is_word_name(name: &str) -> bool {
    name.len() > 5 && name.get(name.len() - 5..).is_some_and(|e| e.eq_ignore_ascii_case(".docx"))
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
        if is_word_name(&name) {
            return Self::from_word(name, bytes);
        }
        if crate::pdf::is_pdf_name(&name) {
            let text = crate::pdf::text_layer(bytes, &crate::pdf::PdfLimits::default()).map_err(SourceError::Pdf)?;
            return Ok(Self { pdf: true, ..Self::build(name, Arc::from(text.as_str()), Encoding::Utf8) });
        }
        let (text, encoding) = decode::decode(bytes)?;
        let utf16_bom = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        let file_prefix = if matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) && utf16_bom { 2 } else { 0 };
        Ok(Self { file_prefix, ..Self::build(name, text, encoding) })
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
        Self { name, original: text, encoding, normalized, map, lines, file_prefix: 0, word: None, pdf: false }
    }

    /// A Word file read as its text rendering (see [`crate::docx`]): one line a paragraph or a
    /// table row, the header and closing tables column by column. Spans point into that text.
    fn from_word(name: String, bytes: &[u8]) -> Result<Self, SourceError> {
        let doc = crate::docx::read(bytes, &crate::docx::Limits::default()).map_err(SourceError::Word)?;
        let (text, locations) = doc.to_text();
        let mut src = Self::build(name, Arc::from(text.as_str()), Encoding::Utf8);
        src.word = Some(Arc::new(WordSource { locations, changes: doc.changes, comments: doc.comments }));
        Ok(src)
    }

    /// Whether this source is a PDF's text layer (see [`crate::pdf`]): spans point into that text.
    pub fn is_pdf(&self) -> bool {
        self.pdf
    }

    /// Where byte `offset` of the text is in the Word document this source was read from.
    pub fn word_place(&self, offset: usize) -> Option<crate::docx::WordPlace> {
        let word = self.word()?;
        let text: &str = &self.original;
        let index = self.lines.line_index(offset);
        let start = self.lines.line_start(index + 1)?;
        let rest = text.get(start..)?;
        let line = rest.get(..rest.find('\n').unwrap_or(rest.len()))?;
        word.locations.get(index)?.place(line, offset.saturating_sub(start))
    }

    /// The Word document this source was read from, if it was one.
    pub fn word(&self) -> Option<&WordSource> {
        self.word.as_deref()
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

    /// A span serializes by the file only inside the closure that names it; nested closures
    /// give the outer file back when they end, and other threads never see it.
    #[test]
    fn located_spans_hold_for_their_closure_only() {
        let outer = SourceFile::from_text("a.txt", "abc\ndefgh\n").unwrap();
        let inner = SourceFile::from_text("b.txt", "x\ny\nz hai\n").unwrap();
        let span = Span { start: 4, end: 7 };
        let json = |s: &Span| serde_json::to_string(s).unwrap();
        assert_eq!(json(&span), "[4,7]");
        with_located_spans(&outer, || {
            assert_eq!(json(&span), "\"2:1-2:4\"");
            let nested = with_located_spans(&inner, || json(&span));
            assert_eq!(nested, "\"3:1-3:4\"");
            assert_eq!(json(&span), "\"2:1-2:4\"");
            let elsewhere = std::thread::scope(|scope| scope.spawn(|| json(&span)).join().unwrap());
            assert_eq!(elsewhere, "[4,7]");
        });
        assert_eq!(json(&span), "[4,7]");
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
