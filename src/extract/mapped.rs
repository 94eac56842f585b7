//! Text assembled from pieces of the normalized source — Markdown decoration dropped, runs of
//! whitespace collapsed, hard-wrapped lines and split table cells joined — that can take any of
//! its byte offsets back to the normalized source, and from there to the original file.

use crate::model::{Span, Text};
use crate::source::SourceFile;

/// A run of `len` bytes copied from the normalized source at `src` to the text at `out`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    out: usize,
    src: usize,
    len: usize,
}

/// A text with a piecewise map into the normalized source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Mapped {
    pub(super) text: String,
    pieces: Pieces,
}

/// The pieces of a [`Mapped`]: most texts (a cleaned line, a part of one) are one piece, kept
/// without an allocation of its own.
#[derive(Debug, Clone, Default)]
enum Pieces {
    #[default]
    None,
    One(Piece),
    Many(Vec<Piece>),
}

impl PartialEq for Pieces {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Pieces {}

impl Pieces {
    fn as_slice(&self) -> &[Piece] {
        match self {
            Pieces::None => &[],
            Pieces::One(p) => std::slice::from_ref(p),
            Pieces::Many(v) => v,
        }
    }

    fn last_mut(&mut self) -> Option<&mut Piece> {
        match self {
            Pieces::None => None,
            Pieces::One(p) => Some(p),
            Pieces::Many(v) => v.last_mut(),
        }
    }

    fn push(&mut self, piece: Piece) {
        match std::mem::take(self) {
            Pieces::None => *self = Pieces::One(piece),
            Pieces::One(first) => *self = Pieces::Many(vec![first, piece]),
            Pieces::Many(mut v) => {
                v.push(piece);
                *self = Pieces::Many(v);
            }
        }
    }
}

impl Mapped {
    /// Copy `source[start..end]` as it is.
    #[cfg(test)]
    pub(super) fn copy(source: &str, start: usize, end: usize) -> Self {
        let mut m = Self::default();
        m.push_src(source, start, end);
        m
    }

    /// Copy `source[start..end]` cleaned of Markdown decoration (`#` heading marks, `**`, `__`,
    /// emphasis `*`, backslash escapes), HTML comments, and with whitespace runs collapsed to one
    /// space and trimmed. A leading `* ` bullet keeps its star.
    #[cfg(test)]
    pub(super) fn clean(source: &str, start: usize, end: usize) -> Self {
        Self::clean_in(source, start, end, &Stops::of(source))
    }

    /// [`Mapped::clean`] of a range inside one line of `source` (no line feed), with the
    /// [`Stops`] of `source` to tell a plain line without reading it.
    pub(super) fn clean_in(source: &str, start: usize, end: usize, stops: &Stops) -> Self {
        // Most lines are plain text between spaces: that is quick to tell, and the result is
        // that text.
        if let Some((a, b)) = source.get(start..end).and_then(|line| plain_line(line.as_bytes(), stops, start))
            && let Some(text) = source.get(start + a..start + b)
        {
            return Self { text: text.to_owned(), pieces: Pieces::One(Piece { out: 0, src: start + a, len: b - a }) };
        }
        Self::clean_full(source, start, end)
    }

    /// [`Mapped::clean`] character by character.
    fn clean_full(source: &str, start: usize, end: usize) -> Self {
        let mut m = Self { text: String::with_capacity(end.saturating_sub(start)), pieces: Pieces::None };
        let Some(line) = source.get(start..end) else {
            return m;
        };
        let bytes = line.as_bytes();
        let mut i = 0;
        // Leading whitespace and Markdown heading marks.
        while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        let hashes = bytes.get(i..).map_or(0, |r| r.iter().take_while(|&&b| b == b'#').count());
        if (1..=6).contains(&hashes) && bytes.get(i + hashes).is_none_or(|b| b.is_ascii_whitespace()) {
            i += hashes;
        }
        // The whitespace run waiting to be written as one space: (start, end) in `line`.
        let mut pending: Option<(usize, usize)> = None;
        while i < bytes.len() {
            let b = bytes.get(i).copied().unwrap_or(b' ');
            let next = bytes.get(i + 1).copied();
            if b == b'<' && line.get(i..).is_some_and(|r| r.starts_with("<!--")) {
                match line.get(i..).and_then(|r| r.find("-->")) {
                    Some(close) => {
                        i += close + 3;
                        if !m.text.is_empty() {
                            pending = pending.or(Some((i, i)));
                        }
                        continue;
                    }
                    None => break,
                }
            }
            if b == b'*' || (b == b'_' && next == Some(b'_')) {
                let is_bullet = b == b'*'
                    && m.text.is_empty()
                    && next.is_some_and(|n| n == b' ')
                    && bytes.get(i + 2).is_some_and(|n| *n != b'*');
                if !is_bullet {
                    i += if b == b'_' { 2 } else { 1 };
                    continue;
                }
            }
            if b == b'\\' && next.is_some_and(|n| n.is_ascii_punctuation()) {
                flush_space(&mut m, source, start, bytes, pending.take());
                m.push_src(source, start + i + 1, start + i + 2);
                i += 2;
                continue;
            }
            let ch = line.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
            let ch_len = ch.len_utf8();
            if ch.is_whitespace() || ch == '\u{200b}' {
                if !m.text.is_empty() {
                    pending = Some(pending.map_or((i, i + ch_len), |(a, _)| (a, i + ch_len)));
                }
                i += ch_len;
                continue;
            }
            flush_space(&mut m, source, start, bytes, pending.take());
            // Copy the whole run of ordinary characters at once.
            let run = plain_run(line, i + ch_len);
            m.push_src(source, start + i, start + run);
            i = run;
        }
        m
    }

    /// Append `source[start..end]`, merging with the previous piece when contiguous.
    pub(super) fn push_src(&mut self, source: &str, start: usize, end: usize) {
        let Some(s) = source.get(start..end) else {
            return;
        };
        if s.is_empty() {
            return;
        }
        let out = self.text.len();
        self.text.push_str(s);
        match self.pieces.last_mut() {
            Some(p) if p.out + p.len == out && p.src + p.len == start => p.len += end - start,
            _ => self.pieces.push(Piece { out, src: start, len: end - start }),
        }
    }

    /// Append text that is not in the source (a joining space).
    pub(super) fn push_gap(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// Append another mapped text.
    pub(super) fn append(&mut self, other: &Mapped) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        for p in other.pieces.as_slice() {
            self.pieces.push(Piece { out: p.out + base, ..*p });
        }
    }

    /// Append a hard-wrapped continuation: with no space when the text ends in `-` or `/` right
    /// after a letter or digit (a symbol cut at the line end, `1453/QĐ-` + `BYT`), else one space.
    pub(super) fn join(&mut self, other: &Mapped) {
        if other.text.is_empty() {
            return;
        }
        if !self.text.is_empty() && !glued(&self.text, &other.text) {
            self.push_gap(" ");
        }
        self.append(other);
    }

    /// Whether the text is empty.
    pub(super) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The sub-text `[start, end)` with its map (offsets snapped to character boundaries).
    pub(super) fn slice(&self, start: usize, end: usize) -> Mapped {
        let (start, end) = (floor(&self.text, start), floor(&self.text, end.max(start)));
        let mut m = Mapped { text: self.text.get(start..end).unwrap_or_default().to_owned(), pieces: Pieces::None };
        for p in self.pieces.as_slice() {
            let (a, b) = (p.out.max(start), (p.out + p.len).min(end));
            if a < b {
                m.pieces.push(Piece { out: a - start, src: p.src + (a - p.out), len: b - a });
            }
        }
        m
    }

    /// The sub-text with surrounding whitespace and the given trailing punctuation removed.
    pub(super) fn trimmed(&self, trailing: &[char]) -> Mapped {
        let t = self.text.trim_start();
        let start = self.text.len() - t.len();
        let t = t.trim_end().trim_end_matches(trailing).trim_end();
        self.slice(start, start + t.len())
    }

    /// Normalized-source offset of a text offset. Offsets in a gap go to the next piece (for a
    /// start) or the previous one (for an end).
    pub(super) fn to_src(&self, off: usize, is_end: bool) -> usize {
        let pieces = self.pieces.as_slice();
        let idx = pieces.partition_point(|p| p.out <= off);
        let prev = idx.checked_sub(1).and_then(|i| pieces.get(i));
        match prev {
            Some(p) if off < p.out + p.len => {
                if is_end && off == p.out {
                    idx.checked_sub(2).and_then(|i| pieces.get(i)).map_or(p.src, |q| q.src + q.len)
                } else {
                    p.src + (off - p.out)
                }
            }
            Some(p) if is_end => p.src + p.len,
            Some(p) => pieces.get(idx).map_or(p.src + p.len, |n| n.src),
            None => pieces.first().map_or(0, |p| p.src),
        }
    }

    /// The original span of `[start, end)` of this text.
    pub(super) fn span_of(&self, src: &SourceFile, start: usize, end: usize) -> Span {
        if start >= end {
            let at = self.to_src(start, false);
            return src.span(at, at);
        }
        src.span(self.to_src(start, false), self.to_src(end, true))
    }

    /// The original span of the whole text.
    pub(super) fn span(&self, src: &SourceFile) -> Span {
        self.span_of(src, 0, self.text.len())
    }

    /// A model [`Text`] of `[start, end)`, trimmed of surrounding whitespace.
    pub(super) fn text_of(&self, src: &SourceFile, start: usize, end: usize) -> Text {
        let raw = self.text.get(start..end).unwrap_or_default();
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        let s = start + lead;
        Text::new(trimmed, self.span_of(src, s, s + trimmed.len()))
    }

    /// The whole text as a model [`Text`].
    pub(super) fn to_text(&self, src: &SourceFile) -> Text {
        self.text_of(src, 0, self.text.len())
    }
}

/// Byte classes for [`plain_line`]: 0 ordinary, 1 a space, 2 may start a Unicode space,
/// 3 needs cleaning (ASCII white space other than a space, `* _ \ <`).
#[allow(clippy::indexing_slicing, reason = "constant indices into a 256-entry table, checked at compile time")]
static LINE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = 1;
    t[0xC2] = 2;
    t[0xE1] = 2;
    t[0xE2] = 2;
    t[0xE3] = 2;
    let special = [b'\t', b'\n', b'\r', 0x0b, 0x0c, b'*', b'_', b'\\', b'<'];
    let mut k = 0;
    while k < special.len() {
        t[special[k] as usize] = 3;
        k += 1;
    }
    t
};

/// Where a text has bytes that may stop a plain line, found with a few SIMD searches over the
/// whole text so that most lines need no reading of their own: ASCII white space other than a
/// space and a line feed, `* _ \ <`, the first byte of each run of spaces, 0xE1 0x9A, and every
/// 0xC2, 0xE2 and 0xE3. A line body (which starts and ends with a non-space and has no line
/// feed) with none of them needs no cleaning: every character that does (see [`special_at`]),
/// and every run of two spaces, starts with one.
pub(super) struct Stops {
    /// One bit per byte of the text.
    bits: Vec<u64>,
}

impl Stops {
    pub(super) fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut bits = vec![0u64; bytes.len() / 64 + 1];
        let mut set = |at: usize| {
            if let Some(word) = bits.get_mut(at / 64) {
                *word |= 1 << (at % 64);
            }
        };
        memchr::memchr3_iter(b'\t', b'*', b'<', bytes).for_each(&mut set);
        memchr::memchr3_iter(b'\\', b'_', b'\r', bytes).for_each(&mut set);
        memchr::memchr2_iter(0x0B, 0x0C, bytes).for_each(&mut set);
        memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes).for_each(&mut set);
        // A run of spaces is found at its first byte (the search does not overlap).
        memchr::memmem::find_iter(bytes, b"  ").for_each(&mut set);
        memchr::memmem::find_iter(bytes, b"\xE1\x9A").for_each(&mut set);
        Self { bits }
    }

    /// Whether a stop is in `[start, end)`.
    pub(super) fn any_in(&self, start: usize, end: usize) -> bool {
        let Some(last) = end.checked_sub(1).filter(|&l| l >= start) else {
            return false;
        };
        let (first_word, last_word) = (start / 64, last / 64);
        (first_word..=last_word).any(|w| {
            let mut word = self.bits.get(w).copied().unwrap_or(0);
            if w == first_word {
                word &= u64::MAX << (start % 64);
            }
            if w == last_word {
                word &= u64::MAX >> (63 - last % 64);
            }
            word != 0
        })
    }
}

/// The range of a line that is its cleaned text, when cleaning only trims it: the line, once
/// stripped of leading and trailing spaces, is not empty, does not start with `#`, and has no
/// character that needs cleaning and no run of two spaces. `None` when it needs the full pass.
/// `stops` are those of the text the line starts at `base` of: a line with none is plain, the
/// others (a quote or a dash starts with 0xE2) are read a character at a time.
fn plain_line(bytes: &[u8], stops: &Stops, base: usize) -> Option<(usize, usize)> {
    let a = bytes.iter().position(|&b| b != b' ')?;
    let b = bytes.iter().rposition(|&b| b != b' ')? + 1;
    if bytes.get(a) == Some(&b'#') {
        return None;
    }
    let body = bytes.get(a..b)?;
    if !stops.any_in(base + a, base + b) {
        return Some((a, b));
    }
    for (k, &c) in body.iter().enumerate() {
        match LINE_CLASS.get(usize::from(c)).copied().unwrap_or(3) {
            0 => {}
            1 if body.get(k + 1) != Some(&b' ') => {}
            // Vietnamese letters (0xE1 0xB8–0xBB …) are by far the usual case: decide them here.
            2 if c == 0xE1 && body.get(k + 1) != Some(&0x9A) => {}
            2 if !special_at(body, k) => {}
            _ => return None,
        }
    }
    Some((a, b))
}

/// Where a run of characters that need no cleaning, starting at `from`, ends.
/// A run goes on through a single space between two ordinary characters.
fn plain_run(line: &str, from: usize) -> usize {
    let bytes = line.as_bytes();
    let mut i = from;
    loop {
        // Ordinary bytes, as fast as the slice can be searched.
        match bytes.get(i..).and_then(|rest| rest.iter().position(|&b| byte_class(b) != 0)) {
            Some(k) => i += k,
            None => return bytes.len(),
        }
        let b = bytes.get(i).copied().unwrap_or(0);
        let ordinary_space = b == b' ' && i + 1 < bytes.len() && !special_at(bytes, i + 1);
        let not_a_space = byte_class(b) == 2 && !special_at(bytes, i);
        if !(ordinary_space || not_a_space) {
            return i;
        }
        i += 1;
    }
}

/// Byte classes for [`plain_run`]: 0 ordinary, 1 needs cleaning (ASCII), 2 may start a
/// Unicode space.
fn byte_class(b: u8) -> u8 {
    match b {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b'*' | b'_' | b'\\' | b'<' => 1,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => 2,
        _ => 0,
    }
}

/// Whether the character starting at byte `i` needs cleaning: ASCII white space, `* _ \ <`, or
/// a Unicode space. Only the lead bytes 0xC2, 0xE1, 0xE2, 0xE3 can start a non-ASCII space
/// (U+0085, U+00A0, U+1680, U+2000–U+200B, U+2028, U+2029, U+202F, U+205F, U+3000).
fn special_at(bytes: &[u8], i: usize) -> bool {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match at(0) {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b'*' | b'_' | b'\\' | b'<' => true,
        0xC2 => matches!(at(1), 0x85 | 0xA0),
        0xE1 => at(1) == 0x9A && at(2) == 0x80,
        0xE2 => {
            (at(1) == 0x80 && matches!(at(2), 0x80..=0x8B | 0xA8 | 0xA9 | 0xAF)) || (at(1) == 0x81 && at(2) == 0x9F)
        }
        0xE3 => at(1) == 0x80 && at(2) == 0x80,
        _ => false,
    }
}

/// Write a pending whitespace run as one space: the source byte when it is a single space.
fn flush_space(m: &mut Mapped, source: &str, start: usize, bytes: &[u8], pending: Option<(usize, usize)>) {
    if let Some((a, z)) = pending {
        if z == a + 1 && bytes.get(a) == Some(&b' ') {
            m.push_src(source, start + a, start + z);
        } else {
            m.push_gap(" ");
        }
    }
}

/// Whether a continuation is glued to the text without a space.
fn glued(prev: &str, next: &str) -> bool {
    let mut tail = prev.chars().rev();
    let last = tail.next();
    let before = tail.next();
    matches!(last, Some('-' | '/'))
        && before.is_some_and(char::is_alphanumeric)
        && next.chars().next().is_some_and(char::is_alphanumeric)
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_decoration_is_dropped_and_offsets_map_back() {
        let src = "## **1.2. Mục  tiêu cụ thể**  ";
        let m = Mapped::clean(src, 0, src.len());
        assert_eq!(m.text, "1.2. Mục tiêu cụ thể");
        let at = m.text.find("tiêu").unwrap();
        assert_eq!(src.get(m.to_src(at, false)..).unwrap().get(..4), Some("tiêu".get(..4).unwrap()));
        assert_eq!(m.to_src(m.text.len(), true), src.find("**  ").unwrap());
    }

    #[test]
    fn bullets_comments_and_escapes() {
        let src = "* mục <!-- planlint-disable T103 --> một \\* hai";
        assert_eq!(Mapped::clean(src, 0, src.len()).text, "* mục một * hai");
    }

    #[test]
    fn the_plain_line_shortcut_cleans_as_the_full_pass() {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "a",
            "ạ",
            "ờ",
            "Ớ",
            " ",
            "  ",
            "\t",
            "*",
            "**",
            "_",
            "__",
            "\\",
            "<!--",
            "-->",
            "#",
            "# ",
            "\u{a0}",
            "\u{1680}",
            "\u{2003}",
            "\u{200b}",
            "\u{3000}",
            "“",
            "–",
            "…",
            "\r",
            "\u{85}",
            "©",
            "한",
            "\u{202f}",
            "\u{205f}",
            "\u{2029}",
            "\u{2028}",
            "\u{200c}",
            "\u{3001}",
            "\u{2060}",
            "\u{1681}",
            "Kế hoạch phát triển kinh tế - xã hội năm 2025 của tỉnh, đạt 96% dân số ",
        ]);
        let mut runner = proptest::test_runner::TestRunner::default();
        let strategy = proptest::collection::vec(pieces, 0..40).prop_map(|v| v.concat());
        runner
            .run(&strategy, |line| {
                let src = format!("x\n{line}\ny");
                let (start, end) = (2, 2 + line.len());
                prop_assert_eq!(Mapped::clean(&src, start, end), Mapped::clean_full(&src, start, end));
                Ok(())
            })
            .unwrap();
        for line in ["Căn cứ  Quyết định", "  Kế hoạch số 12/KH-UBND  ", "# Tiêu đề", "ạ\u{1680}ạ", "Ớ a"]
        {
            assert_eq!(Mapped::clean(line, 0, line.len()), Mapped::clean_full(line, 0, line.len()), "{line:?}");
        }
    }

    #[test]
    fn wrapped_symbol_is_glued_and_a_span_covers_both_lines() {
        let src = "Quyết định số 1453/QĐ-\n\tBYT\t";
        let nl = src.find('\n').unwrap();
        let mut a = Mapped::clean(src, 0, nl);
        let b = Mapped::clean(src, nl + 2, nl + 5);
        a.join(&b);
        assert_eq!(a.text, "Quyết định số 1453/QĐ-BYT");
        let s = a.text.find("1453").unwrap();
        assert_eq!((a.to_src(s, false), a.to_src(a.text.len(), true)), (src.find("1453").unwrap(), nl + 5));
    }
}
