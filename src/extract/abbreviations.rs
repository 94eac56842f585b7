//! Abbreviations: the words of running text written in capitals that are neither Vietnamese
//! words (`KHÔNG`, `ỦY`) nor Roman numerals (`XVI`), and where the text introduces one, after the
//! full phrase in brackets (`kế hoạch hóa gia đình (KHHGĐ)`) or after `viết tắt là` / `gọi tắt
//! là`. Judging them is the rules' business; this module only finds them.

use crate::syllable::is_syllable;

/// The abbreviations of a text, as byte ranges: words of two or more letters, all capitals (so
/// `TTg`, `QyĐ` are not), in a text that has lower-case letters (a line in capitals is a heading
/// or a title, whose words are not told from abbreviations), outside any run of non-space
/// characters holding a `/` or a digit (a symbol, `123/KH-UBND`, `COVID-19`, `H5N1`).
pub(super) fn words(text: &str) -> Vec<(usize, usize)> {
    let found = words_in(text);
    if found.is_empty() || !has_lower(text) {
        return Vec::new();
    }
    found
}

/// [`words`] in a text that may be all capitals (the inside of brackets).
fn words_in(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    // Only the runs of non-space bytes that hold an ASCII capital are read: most hold none.
    let mut from = 0;
    while let Some(at) = bytes.get(from..).and_then(first_capital).map(|k| from + k) {
        let start = bytes.get(..at).and_then(|r| memchr::memrchr(b' ', r)).map_or(0, |p| p + 1);
        let end = bytes.get(at..).and_then(|r| memchr::memchr(b' ', r)).map_or(bytes.len(), |p| at + p);
        if let Some(run) = text.get(start..end)
            && two_capitals(run)
            && !run.bytes().any(|b| b == b'/' || b.is_ascii_digit())
        {
            parts(text, start, end, &mut out);
        }
        from = end + 1;
    }
    out
}

/// Where the first ASCII capital of some bytes is, eight bytes at a time: lines are long and
/// capitals few.
fn first_capital(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        // Per byte, without carries (each low seven bits plus at most 0x3F stays below 0x100):
        // the high bit of `lo + (0x80 - b'A')` says `>= b'A'`, of `lo + (0x80 - b'[')` `> b'Z'`.
        let lo = x & !HIGH;
        let capitals = lo.wrapping_add(ONES * 0x3F) & !lo.wrapping_add(ONES * 0x25) & !x & HIGH;
        if capitals != 0 {
            return Some(at + (capitals.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks.remainder().iter().position(u8::is_ascii_uppercase).map(|k| at + k)
}

/// Whether a run of non-space bytes may hold two capitals in a row, as every abbreviation does:
/// an ASCII capital next to another capital. (Every abbreviation has an ASCII letter: `Đ`, `Ư`,
/// `Ơ` never make one alone.) Most runs are lower-case words and have no ASCII capital at all;
/// a capitalised word (`Trạm`, `Bộ`) fails on the letter after its capital.
fn two_capitals(text: &str) -> bool {
    text.bytes().enumerate().any(|(i, b)| {
        if !b.is_ascii_uppercase() {
            return false;
        }
        let next = text.get(i + 1..).and_then(|r| r.chars().next());
        let prev = text.get(..i).and_then(|r| r.chars().next_back());
        next.is_some_and(char::is_uppercase) || prev.is_some_and(char::is_uppercase)
    })
}

/// Whether a text has a lower-case letter.
fn has_lower(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_lowercase()) || (!text.is_ascii() && text.chars().any(char::is_lowercase))
}

/// The abbreviations among the letter runs of `text[start..end]`.
fn parts(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let Some(run) = text.get(start..end) else {
        return;
    };
    let mut word_start: Option<usize> = None;
    let check = |a: usize, b: usize, out: &mut Vec<(usize, usize)>| {
        if let Some(w) = run.get(a..b)
            && is_abbreviation(w)
        {
            out.push((start + a, start + b));
        }
    };
    for (i, c) in run.char_indices() {
        if c.is_alphabetic() {
            word_start.get_or_insert(i);
        } else if let Some(a) = word_start.take() {
            check(a, i, out);
        }
    }
    if let Some(a) = word_start {
        check(a, run.len(), out);
    }
}

/// Whether a word (letters only) is an abbreviation: two or more letters, all capitals, not a
/// Roman numeral, not a Vietnamese syllable written in capitals.
fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    let two_capitals = chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_uppercase);
    two_capitals && word.chars().all(char::is_uppercase) && !is_roman(word) && !is_syllable(&crate::text::lower(word))
}

/// A Roman numeral up to 39 (`II`, `XIV`, `XVI`): the numbers of headings, congresses and terms.
fn is_roman(word: &str) -> bool {
    let tens = word.bytes().take_while(|&b| b == b'X').count();
    let rest = word.get(tens..).unwrap_or_default();
    tens <= 3 && (rest.is_empty() || ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"].contains(&rest))
}

/// Where a text introduces abbreviations, as byte ranges of the abbreviations: in brackets of
/// at most four words right after the full phrase (`kế hoạch hóa gia đình (KHHGĐ)`, `(KH, CN,
/// ĐMST)`, `(Ban CTMT)`), or after `viết tắt là`, `gọi tắt là` (`(sau đây viết tắt là BCĐ)`).
pub(super) fn intros(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Most lines have neither brackets nor `tắt` (whose `ắ` ends in the byte 0xAF).
    if memchr::memchr2(b'(', 0xAF, text.as_bytes()).is_none() {
        return out;
    }
    let mut from = 0;
    while let Some(open) = text.get(from..).and_then(|r| r.find('(')).map(|i| from + i) {
        let close = text.get(open..).and_then(|r| r.find(')')).map_or(text.len(), |i| open + i);
        let inner = text.get(open + 1..close).unwrap_or_default();
        let found = words_in(inner);
        let short = inner.split_whitespace().count() <= 4 && !inner.bytes().any(|b| b.is_ascii_digit() || b == b'/');
        if short || said_short(inner).is_some() {
            let at = said_short(inner).unwrap_or(0);
            out.extend(found.into_iter().filter(|&(a, _)| a >= at).map(|(a, b)| (open + 1 + a, open + 1 + b)));
        }
        from = close.max(open + 1);
    }
    // `…, sau đây viết tắt là BCĐ` outside brackets: the words up to the end of the clause.
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(said_short).map(|i| from + i) {
        let rest = text.get(at..).unwrap_or_default();
        let end = at + rest.find([')', ';', ',', '.']).unwrap_or(rest.len());
        for (a, b) in words_in(text.get(at..end).unwrap_or_default()) {
            if !out.contains(&(at + a, at + b)) {
                out.push((at + a, at + b));
            }
        }
        from = end.max(at + 1);
    }
    out.sort_unstable();
    out
}

/// `tắt`, searched for in every line.
static TAT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("tắt".as_bytes()));

/// Where the words after `viết tắt là`, `gọi tắt là` (or `viết tắt:`) start in a text.
fn said_short(text: &str) -> Option<usize> {
    let i = TAT.find(text.as_bytes())?;
    let before = text.get(..i)?.trim_end();
    if !(before.ends_with("viết") || before.ends_with("gọi") || before.ends_with("Viết") || before.ends_with("Gọi"))
    {
        return text.get(i + 1..).and_then(said_short).map(|j| i + 1 + j);
    }
    let after = text.get(i + "tắt".len()..)?;
    let trimmed = after.trim_start();
    let rest = trimmed.strip_prefix("là").or_else(|| trimmed.strip_prefix(':')).unwrap_or(trimmed);
    Some(text.len() - rest.len())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::string_slice, reason = "tests")]
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|(a, b)| &text[a..b]).collect()
    }

    fn introduced(text: &str) -> Vec<&str> {
        intros(text).into_iter().map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn the_first_capital_eight_bytes_at_a_time() {
        for text in
            ["", "abc", "abcdefghijklmnopQ", "@[`{ Ab", "trạm y tế XÃ", "ZZ", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaZ"]
        {
            assert_eq!(first_capital(text.as_bytes()), text.bytes().position(|b| b.is_ascii_uppercase()), "{text}");
        }
        for b in 0..=255u8 {
            let bytes = [b'a', b'a', b'a', b, b'a', b'a', b'a', b'a', b'a'];
            assert_eq!(first_capital(&bytes), bytes.iter().position(u8::is_ascii_uppercase), "{b}");
        }
    }

    #[test]
    fn abbreviations_not_words_numerals_or_symbols() {
        assert_eq!(found("Đáp ứng đủ nhu cầu dịch vụ KHHGĐ của người dân, KHÔNG để xảy ra dịch tại XVI"), ["KHHGĐ"]);
        assert_eq!(found("theo Quyết định số 1300/QĐ-BYT và Nghị quyết 57-NQ/TW; COVID-19, H5N1"), Vec::<&str>::new());
        assert_eq!(found("phát triển KH,CN&MT và BCĐ-CSSKBĐ của TTg"), ["KH", "CN", "MT", "BCĐ", "CSSKBĐ"]);
        assert_eq!(found("II. TỔ CHỨC THỰC HIỆN UBND"), Vec::<&str>::new());
        assert_eq!(found("Ủy ban nhân dân (UBND) xã"), ["UBND"]);
    }

    #[test]
    fn introductions_in_brackets_and_after_viet_tat_la() {
        assert_eq!(introduced("Kế hoạch hóa gia đình (KHHGĐ) và dân số"), ["KHHGĐ"]);
        assert_eq!(introduced("đổi mới sáng tạo (KH,CN, ĐMST) và"), ["KH", "CN", "ĐMST"]);
        assert_eq!(introduced("Ban Chỉ đạo (sau đây viết tắt là “BCĐ”) có"), ["BCĐ"]);
        assert_eq!(introduced("Ban Chỉ đạo, sau đây gọi tắt là BCĐ, có"), ["BCĐ"]);
        assert_eq!(introduced("Sở Tài nguyên và Môi trường (Sở TN&MT)"), ["TN", "MT"]);
        // A long remark in brackets introduces nothing.
        assert_eq!(introduced("(theo quy định tại Hướng dẫn của UBND tỉnh và Sở Y tế)"), Vec::<&str>::new());
        assert_eq!(introduced("(sau đây gọi là Nghị quyết số 57-NQ/TW)"), Vec::<&str>::new());
    }
}
