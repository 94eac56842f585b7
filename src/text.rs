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
    for c in trimmed.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        push_lower(&mut out, c);
    }
    out
}

/// Lower-case a character, with fast paths for ASCII and the Vietnamese letters of Latin-1 and
/// Latin Extended Additional (where upper and lower case alternate), the bulk of a plan's text.
pub(crate) fn push_lower(out: &mut String, c: char) {
    let cp = u32::from(c);
    let fast = match cp {
        0..=0x7F => Some(c.to_ascii_lowercase()),
        0xC0..=0xDE if cp != 0xD7 => char::from_u32(cp + 0x20),
        0xDF..=0xFF => Some(c),
        0x1EA0..=0x1EF9 => char::from_u32(cp | 1),
        _ => None,
    };
    match fast {
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
