//! Text normalization shared by the registries and the rule language: lower case, collapsed
//! white space, no edge punctuation, and (for `fold_text`) no diacritics. Imports nothing of ours.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, white space collapsed, punctuation and white space trimmed at both ends. Every
/// text a rule sees is already NFC (plans are normalized when read, rule literals when loaded),
/// so this does not compose again: it is on the hot path of duplicate searches.
pub fn normalize(s: &str) -> String {
    let trimmed = s.trim_matches(|c: char| c.is_whitespace() || is_edge_punctuation(c));
    let mut out = String::with_capacity(trimmed.len());
    // The text is copied in runs, broken only where the output differs from it: a stretch of
    // white space other than one ASCII space (written as one space), and a character other than
    // ASCII whose lower case differs. ASCII upper case is lowered at the end, in place: no lower
    // case has an ASCII capital in it. `trimmed` neither starts nor ends with white space.
    let bytes = trimmed.as_bytes();
    let mut run = 0;
    let mut i = 0;
    loop {
        // ASCII above the space is copied as it is.
        let rest = bytes.get(i..).unwrap_or_default();
        i += rest.iter().position(|&b| b <= b' ' || !b.is_ascii()).unwrap_or(rest.len());
        let Some(&b) = bytes.get(i) else { break };
        let (white, lower, len) = if b.is_ascii() {
            if !matches!(b, b' ' | b'\t'..=b'\r') || (b == b' ' && !white_at(bytes, i + 1)) {
                i += 1;
                continue;
            }
            (true, None, 1)
        } else {
            let Some((cp, len)) = decode_at(bytes, i) else { break };
            if is_white(cp) {
                (true, None, len)
            } else {
                match lower_fast(cp) {
                    Some(l) if l == cp => {
                        i += len;
                        continue;
                    }
                    lower => (false, Some(lower.ok_or(cp)), len),
                }
            }
        };
        out.push_str(trimmed.get(run..i).unwrap_or_default());
        i += len;
        if white {
            while white_at(bytes, i) {
                i += decode_at(bytes, i).map_or(1, |(_, len)| len);
            }
            out.push(' ');
        }
        match lower {
            Some(Ok(l)) => out.extend(char::from_u32(l)),
            Some(Err(cp)) => out.extend(char::from_u32(cp).into_iter().flat_map(char::to_lowercase)),
            None => {}
        }
        run = i;
    }
    out.push_str(trimmed.get(run..).unwrap_or_default());
    out.make_ascii_lowercase();
    out
}

/// Whether the character at `bytes[i]` (a character boundary of UTF-8) is white space.
#[inline]
fn white_at(bytes: &[u8], i: usize) -> bool {
    decode_at(bytes, i).is_some_and(|(cp, _)| is_white(cp))
}

/// `char::is_whitespace` on a code point (the Unicode White_Space property).
#[inline]
fn is_white(cp: u32) -> bool {
    // Letters, digits and punctuation of ASCII and of Vietnamese first.
    if (0x21..0x85).contains(&cp) || (0xA1..0x1680).contains(&cp) || (0x1681..0x2000).contains(&cp) {
        false
    } else if cp < 0x2000 {
        matches!(cp, 0x09..=0x0D | 0x20 | 0x85 | 0xA0 | 0x1680)
    } else {
        matches!(cp, 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000)
    }
}

/// The code point whose UTF-8 encoding starts at `bytes[i]`, and its length in bytes. `bytes`
/// is valid UTF-8 (a `str`'s) and `i` a character boundary.
#[inline]
fn decode_at(bytes: &[u8], i: usize) -> Option<(u32, usize)> {
    let b0 = *bytes.get(i)?;
    let cont = |k: usize| bytes.get(i + k).map(|b| u32::from(b & 0x3F));
    Some(match b0 {
        0x00..=0x7F => (u32::from(b0), 1),
        0xC0..=0xDF => ((u32::from(b0 & 0x1F) << 6) | cont(1)?, 2),
        0xE0..=0xEF => ((u32::from(b0 & 0x0F) << 12) | (cont(1)? << 6) | cont(2)?, 3),
        _ => ((u32::from(b0 & 0x07) << 18) | (cont(1)? << 12) | (cont(2)? << 6) | cont(3)?, 4),
    })
}

/// The lower case of a character that has a one-character lower case, for ASCII and the
/// Vietnamese letters of Latin-1, Latin Extended-A and -B (`đ ă ĩ ũ ơ ư`) and Latin Extended
/// Additional (where upper and lower case alternate), the bulk of a plan's text; `None` for
/// every other character.
#[inline]
fn lower_fast(cp: u32) -> Option<u32> {
    // The commonest first: letters with tone marks, then those of Latin-1.
    if (0x1EA0..=0x1EF9).contains(&cp) {
        return Some(cp | 1);
    }
    if (0xDF..=0xFF).contains(&cp) {
        return Some(cp);
    }
    match cp {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => Some(cp + 0x20),
        0..=0x7F | 0xD7 | 0xDF..=0xFF => Some(cp),
        // Latin Extended-A: capitals at even code points, then at odd ones.
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 => Some(cp | 1),
        0x139..=0x148 | 0x179..=0x17E => Some(cp + (cp & 1)),
        0x1A0 | 0x1A1 => Some(0x1A1),
        0x1AF | 0x1B0 => Some(0x1B0),
        0x1EA0..=0x1EF9 => Some(cp | 1),
        _ => None,
    }
}

/// Lower-case a character, with fast paths for ASCII and the Vietnamese letters of Latin-1 and
/// Latin Extended Additional (where upper and lower case alternate), the bulk of a plan's text.
pub(crate) fn push_lower(out: &mut String, c: char) {
    match lower_fast(u32::from(c)).and_then(char::from_u32) {
        Some(l) => out.push(l),
        None => out.extend(c.to_lowercase()),
    }
}

fn is_edge_punctuation(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '-' | '–' | '—' | '(' | ')' | '"' | '\'' | '“' | '”' | '*' | '+')
}

/// [`normalize`], then without diacritics (`đ` → `d`).
pub fn fold_text(s: &str) -> String {
    normalize(s).nfd().filter(|c| !is_combining_mark(*c)).map(|c| if c == 'đ' { 'd' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_forgives_case_space_and_edge_punctuation() {
        assert_eq!(normalize("  Triển khai   đồng bộ\tcác giải pháp. "), "triển khai đồng bộ các giải pháp");
        assert_eq!(fold_text("Thường xuyên"), "thuong xuyen");
        assert_eq!(fold_text("ĐƠN VỊ"), "don vi");
    }

    /// [`normalize`] as first written, one character at a time: the fast one must agree.
    fn normalize_by_char(s: &str) -> String {
        let trimmed = s.trim_matches(|c: char| c.is_whitespace() || is_edge_punctuation(c));
        let mut out = String::new();
        let mut space = false;
        for c in trimmed.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.extend(c.to_lowercase());
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn normalize_agrees_with_a_char_by_char_loop(s in "[ \t\n\r\u{0B}\u{0C}\u{85}\u{A0}\u{3000}aZ09.,;:()–“”*+\\-ĐđÀàẠạẾếỆệƯưÝỳ\u{0300}\u{0301}İΣ]{0,40}") {
            proptest::prop_assert_eq!(normalize(&s), normalize_by_char(&s));
        }
    }

    #[test]
    fn normalize_agrees_on_the_seeds() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/plans/seeds");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                assert_eq!(normalize(line), normalize_by_char(line), "{line}");
            }
            assert_eq!(normalize(&text), normalize_by_char(&text));
        }
    }

    #[test]
    fn white_space_is_the_standard_library_s() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_white(u32::from(c)), c.is_whitespace(), "U+{:04X}", u32::from(c));
        }
    }

    /// The fast paths agree with the standard library on every character they cover.
    #[test]
    fn fast_lower_case_agrees_with_std() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let cp = u32::from(c);
            if let Some(l) = lower_fast(cp) {
                assert_eq!(
                    char::from_u32(l).into_iter().collect::<String>(),
                    c.to_lowercase().collect::<String>(),
                    "U+{cp:04X}"
                );
            }
            let mut fast = String::new();
            push_lower(&mut fast, c);
            assert_eq!(fast, c.to_lowercase().collect::<String>(), "U+{cp:04X}");
        }
    }
}
