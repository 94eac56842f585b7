//! Original text → normalized text (NFC, `\n` line ends, no BOM) with a map of the edits, so that
//! any byte offset of the normalized text can be taken back to the original.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// One place where the normalized text differs in length from the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edit {
    norm_start: usize,
    norm_len: usize,
    orig_start: usize,
    orig_len: usize,
}

/// Offsets of the normalized text → offsets of the original text. Between edits the two texts are
/// byte-identical, so only the edits are stored; an NFC file with LF line ends has none.
#[derive(Debug, Clone, Default)]
pub(super) struct OffsetMap {
    edits: Vec<Edit>,
}

impl OffsetMap {
    /// Map a normalized offset. An offset strictly inside an edited region maps to the region's
    /// start, or to its end when `is_end` (so a span ending inside a recomposed letter covers it).
    pub(super) fn to_original(&self, norm: usize, is_end: bool) -> usize {
        let idx = self.edits.partition_point(|e| e.norm_start <= norm);
        let Some(edit) = idx.checked_sub(1).and_then(|i| self.edits.get(i)) else {
            return norm;
        };
        let norm_end = edit.norm_start + edit.norm_len;
        let orig_end = edit.orig_start + edit.orig_len;
        if norm >= norm_end {
            orig_end + (norm - norm_end)
        } else if norm == edit.norm_start || !is_end {
            edit.orig_start
        } else {
            orig_end
        }
    }
}

/// Length of the character at `i` when it is ASCII, in U+0080–U+02FF or in U+1E00–U+1EFF
/// (Latin letters, precomposed Vietnamese): each of these is its own NFC and none composes with
/// what precedes it (checked against the Unicode database in a test). `None` otherwise.
fn stable_len(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i)? {
        0..=0x7F => Some(1),
        0xC2..=0xCB => Some(2),
        0xE1 if matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) => Some(3),
        _ => None,
    }
}

/// Whether a text is NFC: stable characters are skipped byte-wise; each run of other
/// characters (quotes, dashes, combining marks, other scripts) gets the NFC quick check.
fn is_nfc_fast(text: &str) -> bool {
    // Only a byte from 0xCC up can start a character that is not stable (bytes below are ASCII,
    // continuation bytes, or lead bytes of U+0080–U+02FF), and of those only 0xE1 followed by
    // 0xB8–0xBB starts a stable one.
    let other = |b: u8, next: u8| (b >= 0xCC) & !((b == 0xE1) & ((next & 0xFC) == 0xB8));
    let bytes = text.as_bytes();
    let mut i = 0;
    // Blocks of 64 bytes (with the byte after each) that have no such character are skipped
    // after a branch-free count the compiler turns into vector code.
    while let (Some(block), Some(nexts)) = (bytes.get(i..i + 64), bytes.get(i + 1..i + 65)) {
        let mut count = 0u8;
        for (&b, &next) in block.iter().zip(nexts) {
            count += u8::from(other(b, next));
        }
        if count == 0 {
            i += 64;
            continue;
        }
        let Some(start) = block.iter().zip(nexts).position(|(&b, &next)| other(b, next)).map(|k| i + k) else {
            break;
        };
        i = start + 1;
        while i < bytes.len() && stable_len(bytes, i).is_none() {
            i += 1;
        }
        match text.get(start..i) {
            Some(run) if is_nfc_quick(run.chars()) == IsNormalized::Yes => {}
            _ => return false,
        }
    }
    // The last bytes, one character at a time from the next character boundary (the bytes
    // skipped to reach it continue a stable character).
    while bytes.get(i).is_some_and(|b| (0x80..0xC0).contains(b)) {
        i += 1;
    }
    while i < bytes.len() {
        if let Some(n) = stable_len(bytes, i) {
            i += n;
            continue;
        }
        let start = i;
        while i < bytes.len() && stable_len(bytes, i).is_none() {
            i += 1;
        }
        match text.get(start..i) {
            Some(run) if is_nfc_quick(run.chars()) == IsNormalized::Yes => {}
            _ => return false,
        }
    }
    true
}

/// The normalized text (`None` when it is the original) and its map.
pub(super) fn normalize(original: &str) -> (Option<String>, OffsetMap) {
    let bom = if original.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let body = original.get(bom..).unwrap_or_default();
    if bom == 0 && memchr::memchr(b'\r', body.as_bytes()).is_none() && is_nfc_fast(body) {
        return (None, OffsetMap::default());
    }
    let mut out = String::with_capacity(body.len());
    let mut edits = Vec::new();
    if bom > 0 {
        edits.push(Edit { norm_start: 0, norm_len: 0, orig_start: 0, orig_len: bom });
    }
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(0);
        if b == b'\r' {
            let crlf = bytes.get(i + 1) == Some(&b'\n');
            if crlf {
                edits.push(Edit { norm_start: out.len(), norm_len: 1, orig_start: bom + i, orig_len: 2 });
            }
            out.push('\n');
            i += if crlf { 2 } else { 1 };
            continue;
        }
        // A segment is one ASCII character followed by any run of non-ASCII characters (or a
        // non-ASCII run at the start). No ASCII character composes with what precedes it, so
        // NFC never crosses a segment boundary.
        let mut j = i + 1;
        while j < bytes.len() && bytes.get(j).is_some_and(|&c| c >= 0x80) {
            j += 1;
        }
        let segment = body.get(i..j).unwrap_or_default();
        if j == i + 1 && b < 0x80 {
            out.push(char::from(b));
        } else if is_nfc_quick(segment.chars()) == IsNormalized::Yes {
            out.push_str(segment);
        } else {
            let composed: String = segment.nfc().collect();
            if composed != segment {
                // Mapped as a whole: an offset inside the segment rounds to its start or end.
                edits.push(Edit {
                    norm_start: out.len(),
                    norm_len: composed.len(),
                    orig_start: bom + i,
                    orig_len: j - i,
                });
            }
            out.push_str(&composed);
        }
        i = j;
    }
    (Some(out), OffsetMap { edits })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`is_nfc_fast`] as first written, one character at a time.
    fn is_nfc_reference(text: &str) -> bool {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if let Some(n) = stable_len(bytes, i) {
                i += n;
                continue;
            }
            let start = i;
            while i < bytes.len() && stable_len(bytes, i).is_none() {
                i += 1;
            }
            match text.get(start..i) {
                Some(run) if is_nfc_quick(run.chars()) == IsNormalized::Yes => {}
                _ => return false,
            }
        }
        true
    }

    #[test]
    fn the_fast_check_agrees_with_the_quick_check() {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "a",
            "Kế ",
            "ạ",
            "ờ",
            "\u{302}",
            "\u{323}",
            "e",
            "“",
            "”",
            "–",
            "…",
            "ạ\u{302}",
            "\u{1100}",
            "\u{1161}",
            "한",
            "é",
            "\u{301}",
            "ɐ",
            "ʰ",
            "\u{2126}",
            "Ω",
            "\u{f900}",
            "𝒜",
            "12345678",
            "Kế hoạch phát triển kinh tế - xã hội năm 2025 của tỉnh ",
        ]);
        let mut runner = proptest::test_runner::TestRunner::default();
        let strategy = proptest::collection::vec(pieces, 0..80).prop_map(|v| v.concat());
        runner
            .run(&strategy, |t| {
                prop_assert_eq!(is_nfc_fast(&t), is_nfc_reference(&t));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn the_stable_blocks_are_their_own_nfc_and_never_compose() {
        let stable: Vec<char> = (0x80..0x300u32).chain(0x1E00..0x1F00).filter_map(char::from_u32).collect();
        for &c in &stable {
            assert_eq!(stable_len(c.to_string().as_bytes(), 0), Some(c.len_utf8()));
            assert_eq!(c.to_string().nfc().collect::<String>(), c.to_string(), "{c:?}");
            for base in ['a', 'e', 'o', 'u', 'A', 'ơ', 'ư', 'ạ'] {
                let pair: String = [base, c].iter().collect();
                assert_eq!(pair.nfc().collect::<String>(), pair, "{base:?}{c:?}");
            }
        }
        assert!(is_nfc_fast("“Kế hoạch” – 한국어 Việt"));
        assert!(!is_nfc_fast("Kế hoạch Việt Nam năm 2025 “e\u{302}” xx"));
        assert!(!is_nfc_fast("Kế hoạch Việt Nam năm 2025, ạ\u{302}"));
        assert!(!is_nfc_fast("0123456789abcdef\u{1100}\u{1161}"));
        assert!(!is_nfc_fast("e\u{323}"));
        assert!(!is_nfc_fast("ạ\u{302}"));
        assert!(!is_nfc_fast("“e\u{302}”"));
    }

    #[test]
    fn identity_when_already_normal() {
        let (text, map) = normalize("Kế hoạch\nnăm 2024");
        assert_eq!(text, None);
        assert!(map.edits.is_empty());
        assert_eq!(map.to_original(5, false), 5);
    }

    #[test]
    fn offsets_after_edits_shift_by_the_difference() {
        let nfd: String = "Kế hoạch\r\nnăm".nfd().collect();
        let (text, map) = normalize(&nfd);
        let text = text.unwrap();
        assert_eq!(text, "Kế hoạch\nnăm");
        let n = text.find("năm").unwrap();
        let o = map.to_original(n, false);
        assert_eq!(nfd.get(o..).unwrap().nfc().collect::<String>(), "năm");
        let end = map.to_original(text.len(), true);
        assert_eq!(end, nfd.len());
    }
}
