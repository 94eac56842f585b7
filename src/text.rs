//! Text normalization shared by the registries and the rule language: lower case, collapsed
//! white space, no edge punctuation, and (for `fold_text`) no diacritics. Imports nothing of ours.

use std::sync::LazyLock;

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
                match char::from_u32(cp).and_then(lower_fast).map(u32::from) {
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

/// Where the first block of `N` bytes at or after `from` that holds a byte `wanted` accepts
/// begins (or the start of the last, shorter part, or the end): the blocks before it are passed
/// after a branch-free test of a fixed-size array, which the compiler turns into vector
/// compares. Scanners read the returned block (at most `N` bytes) byte by byte, then ask again.
pub(crate) fn skip_blocks<const N: usize>(bytes: &[u8], mut from: usize, wanted: impl Fn(u8) -> bool) -> usize {
    while let Some(block) = bytes.get(from..from + N).and_then(|b| <&[u8; N]>::try_from(b).ok()) {
        if block.iter().fold(false, |any, &b| any | wanted(b)) {
            break;
        }
        from += N;
    }
    from.min(bytes.len())
}

/// The first `chars` characters of `s` (all of it when shorter): counted by the bytes that start
/// a character, without decoding them (extraction cuts many short windows this way), eight bytes
/// at a time until the chunk where the count is reached.
pub(crate) fn prefix_chars(s: &str, chars: usize) -> &str {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = s.as_bytes();
    // At most one byte per character: a text no longer than `chars` bytes is whole.
    if bytes.len() <= chars {
        return s;
    }
    let mut seen = 0;
    let mut at = 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in chunks.by_ref() {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        // Continuation bytes are `10xxxxxx`: bit 7 set, bit 6 (shifted up to 7) clear.
        let continuations = (x & !(x << 1) & HIGH).count_ones() as usize;
        let starts = 8 - continuations;
        if seen + starts > chars {
            break;
        }
        seen += starts;
        at += 8;
    }
    for (i, &b) in bytes.iter().enumerate().skip(at) {
        if b & 0xC0 != 0x80 {
            if seen == chars {
                return s.get(..i).unwrap_or(s);
            }
            seen += 1;
        }
    }
    s
}

/// The character that starts at byte `i` of valid UTF-8, and its length, decoded by hand
/// ([`decode_at`]; the caller falls back on the standard decoder for `None`, which valid UTF-8
/// never gives).
#[inline]
pub(crate) fn decode_char_at(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    decode_at(bytes, i).and_then(|(cp, n)| Some((char::from_u32(cp)?, n)))
}

/// The first code point of each block [`LATIN_LOWER`] covers, and its size: Latin-1, Latin
/// Extended-A and -B (U+0080–U+024F); Latin Extended Additional (U+1E00–U+1EFF), where the
/// precomposed Vietnamese letters are.
const LATIN_FIRST: u32 = 0x80;
const LATIN_LEN: u32 = 0x250 - LATIN_FIRST;
const VIET_FIRST: u32 = 0x1E00;
const VIET_LEN: u32 = 0x100;

/// `char::to_lowercase` of the Latin and Vietnamese blocks, computed once: the standard
/// function searches a table of every cased character for each letter. `'\0'` marks the one
/// letter whose lower case is two characters (U+0130).
static LATIN_LOWER: LazyLock<Box<[char]>> = LazyLock::new(|| {
    (LATIN_FIRST..LATIN_FIRST + LATIN_LEN)
        .chain(VIET_FIRST..VIET_FIRST + VIET_LEN)
        .map(|u| {
            let mut lower = char::from_u32(u).into_iter().flat_map(char::to_lowercase);
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => '\0',
            }
        })
        .collect()
});

/// The lower case of an ASCII, Latin or Vietnamese character when it is one character (as
/// `char::to_lowercase` gives it), without a search; `None` for other characters.
#[inline]
pub(crate) fn lower_fast(c: char) -> Option<char> {
    LowerTable::get().lower(c)
}

/// [`lower_fast`] with the table looked up once, for loops over many characters.
#[derive(Clone, Copy)]
pub(crate) struct LowerTable(&'static [char]);

impl LowerTable {
    pub(crate) fn get() -> Self {
        Self(&LATIN_LOWER)
    }

    #[inline]
    pub(crate) fn lower(self, c: char) -> Option<char> {
        let u = u32::from(c);
        let index = if u < LATIN_FIRST {
            return Some(c.to_ascii_lowercase());
        } else if u < LATIN_FIRST + LATIN_LEN {
            u - LATIN_FIRST
        } else if (VIET_FIRST..VIET_FIRST + VIET_LEN).contains(&u) {
            u - VIET_FIRST + LATIN_LEN
        } else {
            return None;
        };
        self.0.get(usize::try_from(index).ok()?).copied().filter(|&l| l != '\0')
    }
}

/// Whether a character may be one of `set` (lower-case letters and symbols) under the
/// case-insensitive matching of a regex: its lower case is in the set (the long `ſ` counting
/// as the `s` it folds to), or it is a character the fast lower-case table does not cover
/// (then the regex decides). A cheap test before a regex that can only match with one of
/// these characters at a known place; callers test their sets against the regex's own
/// case-insensitive class over every character.
pub(crate) fn may_be(c: char, set: &[char]) -> bool {
    lower_fast(c).is_none_or(|l| set.contains(&if l == 'ſ' { 's' } else { l }))
}

/// Lower-case a character, with fast paths for ASCII and the Latin and Vietnamese letters,
/// the bulk of a plan's text.
#[inline]
pub(crate) fn push_lower(out: &mut String, c: char) {
    match lower_fast(c) {
        Some(l) => out.push(l),
        None => out.extend(c.to_lowercase()),
    }
}

/// `str::to_lowercase`, character by character through [`push_lower`] (the standard function
/// searches its case table for every non-ASCII character). Only `Σ` depends on its context:
/// a text with one is left to the standard function.
pub(crate) fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let table = LowerTable::get();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if c == 'Σ' {
            return s.to_lowercase();
        }
        match table.lower(c) {
            Some(l) => out.push(l),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
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
    fn a_prefix_is_a_number_of_characters() {
        // One-, two-, three- and four-byte characters, and combining marks (characters too).
        let text = "Quyết định số 12/QĐ-TTg của Thủ tướng — 😀 ngày 05/8/2025 về việc";
        for chars in 0..=text.chars().count() + 2 {
            let want = text.char_indices().nth(chars).map_or(text, |(i, _)| text.get(..i).unwrap());
            assert_eq!(super::prefix_chars(text, chars), want, "{chars}");
        }
        assert_eq!(super::prefix_chars("", 3), "");
    }

    #[test]
    fn blocks_without_the_wanted_byte_are_passed() {
        let text = format!("{}7{}", "a".repeat(70), "b".repeat(10));
        let bytes = text.as_bytes();
        // Blocks 0..32 and 32..64 have no digit; the one at 64 has it.
        assert_eq!(skip_blocks::<32>(bytes, 0, |b| b.is_ascii_digit()), 64);
        // Past the digit, only the short tail is left: it is returned for byte-wise reading.
        assert_eq!(skip_blocks::<32>(bytes, 71, |b| b.is_ascii_digit()), 71);
        assert_eq!(skip_blocks::<8>(bytes, 0, |b| b == b'b'), 64);
        assert_eq!(skip_blocks::<8>(b"", 0, |_| true), 0);
        assert_eq!(skip_blocks::<8>(bytes, 500, |_| true), bytes.len());
    }

    proptest::proptest! {
        #[test]
        fn a_prefix_agrees_with_char_indices(s in "[a-zàđệữ😀\u{0300} /]{0,40}", chars in 0usize..45) {
            let want = s.char_indices().nth(chars).map_or(s.as_str(), |(i, _)| s.get(..i).unwrap());
            proptest::prop_assert_eq!(super::prefix_chars(&s, chars), want);
        }
    }

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
        for cp in (0..0x3000).chain(0x1E00..0x1F00).chain([0x10400, 0x1E900]) {
            let Some(c) = char::from_u32(cp) else { continue };
            let mut fast = String::new();
            push_lower(&mut fast, c);
            assert_eq!(fast, c.to_lowercase().collect::<String>(), "U+{cp:04X}");
            if let Some(l) = lower_fast(c) {
                assert_eq!(l.to_string(), c.to_lowercase().collect::<String>(), "U+{cp:04X}");
            }
            let s = format!("A{c}Đ");
            assert_eq!(lower(&s), s.to_lowercase(), "U+{cp:04X}");
        }
        for s in ["ΟΔΟΣ", "ΣΑΣ ΚΕ", "Σ", "ΑΣ.", "KẾ HOẠCH Σ", "İSTANBUL", "Phụ Lục", ""] {
            assert_eq!(lower(s), s.to_lowercase(), "{s:?}");
        }
    }
}
