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
    let mut space = false;
    // Byte by byte for ASCII (most of the bytes even of Vietnamese text); other characters are
    // decoded in place, which `str::chars` would do with more checks.
    let bytes = trimmed.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            i += 1;
            // `char::is_whitespace` on ASCII: space and U+0009 to U+000D.
            if matches!(b, b' ' | b'\t'..=b'\r') {
                space = true;
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push(char::from(b.to_ascii_lowercase()));
            continue;
        }
        let Some((c, len)) = decode_at(bytes, i) else { break };
        i += len;
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match lower_fast(c) {
            Some(l) => out.push(l),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The character whose UTF-8 encoding starts at `bytes[i]`, and its length in bytes. `bytes` is
/// valid UTF-8 (a `str`'s) and `i` a character boundary.
fn decode_at(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let b0 = *bytes.get(i)?;
    let cont = |k: usize| bytes.get(i + k).map(|b| u32::from(b & 0x3F));
    let (cp, len) = match b0 {
        0x00..=0x7F => (u32::from(b0), 1),
        0xC0..=0xDF => ((u32::from(b0 & 0x1F) << 6) | cont(1)?, 2),
        0xE0..=0xEF => ((u32::from(b0 & 0x0F) << 12) | (cont(1)? << 6) | cont(2)?, 3),
        _ => ((u32::from(b0 & 0x07) << 18) | (cont(1)? << 12) | (cont(2)? << 6) | cont(3)?, 4),
    };
    Some((char::from_u32(cp)?, len))
}

/// The lower case of a character that has a one-character lower case, for ASCII and the
/// Vietnamese letters of Latin-1 and Latin Extended Additional (where upper and lower case
/// alternate), the bulk of a plan's text; `None` for every other character.
fn lower_fast(c: char) -> Option<char> {
    let cp = u32::from(c);
    match cp {
        0..=0x7F => Some(c.to_ascii_lowercase()),
        0xC0..=0xDE if cp != 0xD7 => char::from_u32(cp + 0x20),
        0xDF..=0xFF => Some(c),
        0x1EA0..=0x1EF9 => char::from_u32(cp | 1),
        _ => None,
    }
}

/// Lower-case a character, with fast paths for ASCII and the Vietnamese letters of Latin-1 and
/// Latin Extended Additional (where upper and lower case alternate), the bulk of a plan's text.
pub(crate) fn push_lower(out: &mut String, c: char) {
    match lower_fast(c) {
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

    /// The fast paths agree with the standard library on every character they cover.
    #[test]
    fn fast_lower_case_agrees_with_std() {
        for cp in (0..0x200).chain(0x1E00..0x1F00) {
            let Some(c) = char::from_u32(cp) else { continue };
            let mut fast = String::new();
            push_lower(&mut fast, c);
            assert_eq!(fast, c.to_lowercase().collect::<String>(), "U+{cp:04X}");
        }
    }
}
