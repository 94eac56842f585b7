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

pub(super) fn normalize(original: &str) -> (String, OffsetMap) {
    let bom = if original.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let body = original.get(bom..).unwrap_or_default();
    if bom == 0 && !body.contains('\r') && is_nfc_quick(body.chars()) == IsNormalized::Yes {
        return (body.to_owned(), OffsetMap::default());
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
    (out, OffsetMap { edits })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_when_already_normal() {
        let (text, map) = normalize("Kế hoạch\nnăm 2024");
        assert_eq!(text, "Kế hoạch\nnăm 2024");
        assert!(map.edits.is_empty());
        assert_eq!(map.to_original(5, false), 5);
    }

    #[test]
    fn offsets_after_edits_shift_by_the_difference() {
        let nfd: String = "Kế hoạch\r\nnăm".nfd().collect();
        let (text, map) = normalize(&nfd);
        assert_eq!(text, "Kế hoạch\nnăm");
        let n = text.find("năm").unwrap();
        let o = map.to_original(n, false);
        assert_eq!(nfd.get(o..).unwrap().nfc().collect::<String>(), "năm");
        let end = map.to_original(text.len(), true);
        assert_eq!(end, nfd.len());
    }
}
