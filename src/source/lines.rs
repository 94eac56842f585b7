//! Line index of the original text: byte offset → 1-based line and 1-based character column.
//! `\n`, `\r\n` and a lone `\r` all end a line; a leading BOM is not a column.

use serde::Serialize;

/// A 1-based line and 1-based column counted in Unicode characters (as editors show them for
/// Vietnamese text, whether it is composed or decomposed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct LineCol {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// Where each line of a text starts.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Index a text.
    pub fn new(text: &str) -> Self {
        if memchr::memchr(b'\r', text.as_bytes()).is_none() {
            let mut starts = Vec::with_capacity(text.len() / 32 + 1);
            starts.push(0);
            starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
            return Self { starts };
        }
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes.get(i) {
                Some(b'\n') => starts.push(i + 1),
                Some(b'\r') if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Self { starts }
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1).and_then(|i| self.starts.get(i)).copied()
    }

    /// 0-based index of the line holding a byte offset (clamped to the last line).
    pub fn line_index(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Line and column of a byte offset of `text` (the text this index was built from). An offset
    /// past the end is clamped; an offset inside a character counts that character as passed.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line_idx = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let line_start = self.starts.get(line_idx).copied().unwrap_or(0);
        let mut prefix = text.get(line_start..offset);
        let mut cut = offset;
        while prefix.is_none() && cut > line_start {
            cut -= 1;
            prefix = text.get(line_start..cut);
        }
        let prefix = prefix.unwrap_or_default();
        let prefix = if line_start == 0 { prefix.strip_prefix('\u{feff}').unwrap_or(prefix) } else { prefix };
        LineCol { line: line_idx + 1, column: prefix.chars().count() + 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_on_every_kind_of_line_end() {
        let text = "ab\r\nđây\rlà\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        let at = |s: &str| idx.line_col(text, text.find(s).unwrap());
        assert_eq!(at("ây"), LineCol { line: 2, column: 2 });
        assert_eq!(at("là"), LineCol { line: 3, column: 1 });
        assert_eq!(at("x"), LineCol { line: 4, column: 1 });
        assert_eq!(idx.line_col(text, 999), LineCol { line: 4, column: 2 });
    }
}
