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
    /// On lines longer than [`CHECKPOINT_BYTES`]: a byte offset every so many bytes (at a
    /// character boundary) and the characters of its line before it, so that a column is
    /// counted from the nearest checkpoint, never from the start of a line of megabytes.
    checkpoints: Vec<(usize, usize)>,
}

/// The distance between two checkpoints of a long line.
const CHECKPOINT_BYTES: usize = 4096;

impl LineIndex {
    /// Index a text.
    pub fn new(text: &str) -> Self {
        if memchr::memchr(b'\r', text.as_bytes()).is_none() {
            let mut starts = Vec::with_capacity(text.len() / 32 + 1);
            starts.push(0);
            starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
            let checkpoints = checkpoints(text, &starts);
            return Self { starts, checkpoints };
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
        let checkpoints = checkpoints(text, &starts);
        Self { starts, checkpoints }
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
        // The nearest checkpoint of this line before the offset.
        let k = self.checkpoints.partition_point(|&(at, _)| at <= cut);
        if let Some(&(at, chars)) = k.checked_sub(1).and_then(|k| self.checkpoints.get(k))
            && at > line_start
            && let Some(rest) = text.get(at..cut)
        {
            return LineCol { line: line_idx + 1, column: chars + rest.chars().count() + 1 };
        }
        let prefix = if line_start == 0 { prefix.strip_prefix('\u{feff}').unwrap_or(prefix) } else { prefix };
        LineCol { line: line_idx + 1, column: prefix.chars().count() + 1 }
    }
}

/// The checkpoints of a text's long lines (see [`LineIndex`]), in byte order.
fn checkpoints(text: &str, starts: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(text.len());
        if end - start <= CHECKPOINT_BYTES {
            continue;
        }
        let Some(line) = text.get(start..end) else { continue };
        // Characters are counted as `line_col` counts them: a leading BOM is not a column.
        let (line, base) = match line.strip_prefix('\u{feff}').filter(|_| start == 0) {
            Some(rest) => (rest, start + '\u{feff}'.len_utf8()),
            None => (line, start),
        };
        let mut next = CHECKPOINT_BYTES;
        for (chars, (i, _)) in line.char_indices().enumerate() {
            if i >= next {
                out.push((base + i, chars));
                next = i + CHECKPOINT_BYTES;
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::string_slice, clippy::indexing_slicing, reason = "tests fail loudly on purpose")]
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

    /// On a line of megabytes, a column is counted from a checkpoint, and is the same as counted
    /// from the line's start.
    #[test]
    fn columns_of_long_lines_agree_with_counting_from_the_start() {
        let text = format!("\u{feff}{}\nđây {}", "Việt Nam ".repeat(3000), "ề".repeat(5000));
        let idx = LineIndex::new(&text);
        assert!(!idx.checkpoints.is_empty());
        for (offset, _) in text.char_indices().step_by(97) {
            let line_start = idx.starts[idx.line_index(offset)];
            let mut prefix = &text[line_start..offset];
            if line_start == 0 {
                prefix = prefix.strip_prefix('\u{feff}').unwrap_or(prefix);
            }
            let expected = prefix.chars().count() + 1;
            assert_eq!(idx.line_col(&text, offset).column, expected, "offset {offset}");
        }
    }
}
