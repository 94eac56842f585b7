//! Heading numbers read from the text: Roman (`II.`), Arabic (`2.`, `6.Kết`), decimal (`1.2.`,
//! `4.1 `), letters (`a)`, `b.`), and what a heading's wording says its section is for.

use crate::model::{Numbering, Role};
use crate::text::lower as to_lower;
use std::sync::LazyLock;
use unicode_normalization::char::is_combining_mark;

/// A heading number found at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct HeadingMatch {
    pub(super) numbering: Numbering,
    /// Byte range of the number (without its punctuation).
    pub(super) number: (usize, usize),
    /// Where the title starts.
    pub(super) title_start: usize,
}

/// The value of a Roman numeral written in canonical form (I–XXXIX), else `None`.
pub(crate) fn roman_value(s: &str) -> Option<u32> {
    const TENS: [&str; 4] = ["", "X", "XX", "XXX"];
    const ONES: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    if s.is_empty() || s.len() > 7 {
        return None;
    }
    for (t, tens) in TENS.iter().enumerate() {
        if let Some(rest) = s.strip_prefix(tens)
            && let Some(o) = ONES.iter().position(|o| *o == rest)
        {
            let v = u32::try_from(t * 10 + o).ok()?;
            return (v > 0).then_some(v);
        }
    }
    None
}

/// The value of a Roman heading number as OCR text may spell it: two strokes run together read
/// as `H` (`HI-` for `III-`, `VH` for `VII`). A true Roman letter must be there too, so that a
/// list lettered `H.` stays a letter; canonical numerals are read as [`roman_value`] reads them.
pub(crate) fn roman_value_ocr(s: &str) -> Option<u32> {
    if let Some(v) = roman_value(s) {
        return Some(v);
    }
    let roman_letters = s.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'H'));
    if !roman_letters || !s.contains('H') || !s.contains(['I', 'V', 'X']) {
        return None;
    }
    roman_value(&s.replace('H', "II"))
}

/// Read a heading number at the start of a cleaned line.
pub(super) fn parse_heading(t: &str) -> Option<HeadingMatch> {
    let first = t.chars().next()?;
    // `Điều 1. Ban hành kèm theo …`: an article of a decision.
    if first == 'Đ'
        && let Some(rest) = t.strip_prefix("Điều ")
    {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let after = rest.get(digits..)?;
        if digits == 0 || digits > 3 || !after.starts_with(['.', ':']) {
            return None;
        }
        let at = "Điều ".len();
        let title_start = skip_space(t, at + digits + 1);
        return Some(HeadingMatch { numbering: Numbering::Article, number: (at, at + digits), title_start });
    }
    if first.is_ascii_digit() {
        return arabic_or_decimal(t);
    }
    if matches!(first, 'I' | 'V' | 'X' | 'H') {
        let len = t.bytes().take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'H')).count();
        let num = t.get(..len)?;
        roman_value_ocr(num)?;
        let after = t.get(len..)?;
        let punct = after.chars().next()?;
        if !matches!(punct, '.' | ':' | ')' | '-' | '–' | '/') {
            return None;
        }
        let title_start = skip_space(t, len + punct.len_utf8());
        starts_title(t.get(title_start..)?)?;
        return Some(HeadingMatch { numbering: Numbering::Roman, number: (0, len), title_start });
    }
    if first.is_ascii_lowercase() || first == 'đ' {
        let len = first.len_utf8();
        let punct = t.get(len..)?.chars().next()?;
        if !matches!(punct, ')' | '.') {
            return None;
        }
        let after = len + 1;
        if !t.get(after..)?.starts_with(' ') {
            return None;
        }
        let title_start = skip_space(t, after);
        starts_title(t.get(title_start..)?)?;
        return Some(HeadingMatch { numbering: Numbering::Letter, number: (0, len), title_start });
    }
    None
}

fn arabic_or_decimal(t: &str) -> Option<HeadingMatch> {
    // Up to four groups of one or two digits separated by dots.
    let bytes = t.as_bytes();
    let mut i = 0;
    let mut groups = 0;
    loop {
        let digits = bytes.get(i..)?.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 2 {
            return None;
        }
        i += digits;
        groups += 1;
        let next_is_digit = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if bytes.get(i) == Some(&b'.') && next_is_digit && groups < 4 {
            i += 1;
            continue;
        }
        break;
    }
    let number = (0, i);
    let punct = bytes.get(i).copied();
    let (numbering, after) = match (groups, punct) {
        (1, Some(b'.' | b')')) => (Numbering::Arabic, i + 1),
        // Party style, `1- Nội dung`: a space after the hyphen, and not a symbol wrapped to the
        // start of a line (`09- NQ/TU`, `31-CTr/TW`).
        (1, Some(b'-')) if party_item(t, i) => (Numbering::Arabic, i + 1),
        (1, _) => return None,
        (_, Some(b'.' | b')')) => (Numbering::Decimal, i + 1),
        (_, Some(b' ')) => (Numbering::Decimal, i),
        _ => return None,
    };
    let title_start = skip_space(t, after);
    let title = t.get(title_start..)?;
    // `6.Kết hợp` is a heading; `2.4 lượt` or `1.000 người` is not.
    starts_title(title)?;
    if title_start == after && numbering == Numbering::Decimal {
        return None;
    }
    Some(HeadingMatch { numbering, number, title_start })
}

/// Whether `1- Title` (the hyphen at byte `hyphen`) reads as a Party-style item number.
fn party_item(t: &str, hyphen: usize) -> bool {
    let rest = t.get(hyphen + 1..).unwrap_or_default();
    let first_word = rest.split_whitespace().next().unwrap_or_default();
    !t.starts_with('0') && rest.starts_with(' ') && !first_word.contains(['/', '-'])
}

fn skip_space(t: &str, from: usize) -> usize {
    let rest = t.get(from..).unwrap_or_default();
    from + (rest.len() - rest.trim_start().len())
}

/// A title starts with a capital letter (or a quote or bracket before one).
fn starts_title(title: &str) -> Option<()> {
    let c = title.trim_start_matches(['"', '“', '(', '[', '*']).chars().next()?;
    c.is_uppercase().then_some(())
}

/// The words a heading's title opens with, by the role they give its section, first match wins.
const ROLE_WORDS: &[(Role, &[&str])] = &[
    (Role::Appendix, &["phụ lục"]),
    (Role::Purpose, &["mục đích", "yêu cầu"]),
    (Role::Objectives, &["mục tiêu", "chỉ tiêu", "tầm nhìn"]),
    (Role::Funding, &["kinh phí", "nguồn kinh phí", "nguồn lực tài chính", "dự toán kinh phí"]),
    (Role::Implementation, &["tổ chức thực hiện", "trách nhiệm thực hiện", "trách nhiệm của", "phân công trách nhiệm"]),
    (
        Role::Tasks,
        &["nhiệm vụ", "giải pháp", "nội dung", "hoạt động", "phân công nhiệm vụ", "danh mục nhiệm vụ", "tiến độ"],
    ),
];

/// [`ROLE_WORDS`] without diacritics, for titles whose marks OCR misread (`TỎ CHỨC THỰC HIỆN`
/// for `TỔ CHỨC`) or that were typed without them, and the first words they (and the fillers
/// before them) can open with. `chỉ tiêu` is left out: without its marks it is `chi tiêu`,
/// spending.
struct FoldedRoles {
    words: Vec<(Role, Vec<String>)>,
    first_words: Vec<String>,
}

static ROLE_WORDS_FOLDED: LazyLock<FoldedRoles> = LazyLock::new(|| {
    let fold = |w: &str| {
        let mut out = String::new();
        fold_prefix(w, usize::MAX, &mut out);
        out
    };
    let words: Vec<(Role, Vec<String>)> = ROLE_WORDS
        .iter()
        .map(|(role, words)| (*role, words.iter().filter(|w| **w != "chỉ tiêu").map(|w| fold(w)).collect()))
        .collect();
    let mut first_words: Vec<String> = words
        .iter()
        .flat_map(|(_, ws)| ws.iter().filter_map(|w| w.split(' ').next().map(str::to_owned)))
        .chain(FOLDED_FILLERS.iter().filter_map(|f| f.split(' ').next().map(str::to_owned)))
        .collect();
    first_words.sort();
    first_words.dedup();
    FoldedRoles { words, first_words }
});

/// The words a role's words may follow in a title (`Một số nhiệm vụ`, `Về kinh phí`).
const FILLERS: [&str; 5] = ["một số ", "các ", "những ", "về ", "phần "];

/// [`FILLERS`] without diacritics, but for `phần `: `phan ` would take `phân` off `phân
/// công trách nhiệm`.
static FOLDED_FILLERS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut out = String::new();
    FILLERS
        .iter()
        .filter(|f| **f != "phần ")
        .map(|f| {
            fold_prefix(f, usize::MAX, &mut out);
            out.clone()
        })
        .collect()
});

/// What a heading's wording says its section is for.
pub(super) fn role_of(title: &str) -> Role {
    if title.chars().count() > 150 {
        return Role::Other;
    }
    let lower = to_lower(title);
    let t = strip_fillers(&lower, FILLERS.iter().copied());
    let found = ROLE_WORDS.iter().find(|(_, words)| words.iter().any(|w| t.starts_with(w)));
    if let Some((role, _)) = found {
        return *role;
    }
    // Without diacritics, only when the first word may open a role's words (most headings
    // are items whose first word cannot, and are not folded at all).
    let folded = &*ROLE_WORDS_FOLDED;
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    let mut first = String::new();
    fold_prefix(t.split(' ').next().unwrap_or_default(), 8, &mut first);
    if folded.first_words.binary_search(&first).is_err() {
        return Role::Other;
    }
    let mut prefix = String::new();
    fold_prefix(t, 40, &mut prefix);
    let t = strip_fillers(&prefix, FOLDED_FILLERS.iter().map(String::as_str));
    folded
        .words
        .iter()
        .find(|(_, words)| words.iter().any(|w| t.starts_with(w.as_str())))
        .map_or(Role::Other, |(role, _)| *role)
}

/// The first `max` characters of lower-case `t` without diacritics (`tỏ chức` → `to chuc`).
fn fold_prefix(t: &str, max: usize, out: &mut String) {
    out.clear();
    for c in t.chars().take(max) {
        if c.is_ascii() {
            out.push(c);
        } else if c == 'đ' {
            out.push('d');
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            });
        }
    }
}

/// The title without its leading punctuation and the filler words a role's words may follow.
fn strip_fillers<'t, 'f>(lower: &'t str, fillers: impl Iterator<Item = &'f str>) -> &'t str {
    let mut t = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    for filler in fillers {
        t = t.strip_prefix(filler).unwrap_or(t);
    }
    t
}

/// Whether an objectives heading is general (mục tiêu chung, tổng quát, tầm nhìn) rather than
/// specific.
pub(super) fn is_general_objective(title: &str) -> bool {
    let lower = to_lower(title);
    lower.contains("chung") || lower.contains("tổng quát") || lower.contains("tầm nhìn")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(t: &str) -> Option<(Numbering, String, String)> {
        parse_heading(t).map(|m| {
            (m.numbering, t.get(m.number.0..m.number.1).unwrap().to_owned(), t.get(m.title_start..).unwrap().to_owned())
        })
    }

    #[test]
    fn numbering_forms() {
        assert_eq!(n("II. MỤC TIÊU"), Some((Numbering::Roman, "II".into(), "MỤC TIÊU".into())));
        assert_eq!(n("IV. Tổ chức thực hiện :"), Some((Numbering::Roman, "IV".into(), "Tổ chức thực hiện :".into())));
        assert_eq!(n("6.Kết hợp hài hòa"), Some((Numbering::Arabic, "6".into(), "Kết hợp hài hòa".into())));
        assert_eq!(n("1.2. Mục tiêu cụ thể"), Some((Numbering::Decimal, "1.2".into(), "Mục tiêu cụ thể".into())));
        assert_eq!(
            n("4.1 Công tác y tế dự phòng :"),
            Some((Numbering::Decimal, "4.1".into(), "Công tác y tế dự phòng :".into()))
        );
        assert_eq!(n("a) Nội dung"), Some((Numbering::Letter, "a".into(), "Nội dung".into())));
        assert_eq!(n("I- NỘI DUNG"), Some((Numbering::Roman, "I".into(), "NỘI DUNG".into())));
        assert_eq!(n("2- Tuyên truyền"), Some((Numbering::Arabic, "2".into(), "Tuyên truyền".into())));
        assert_eq!(n("09- NQ/TU ngày 10/5/2023"), None);
        assert_eq!(n("31-CTr/TW trên địa bàn"), None);
        assert_eq!(n("2- NQ/TU"), None);
        assert_eq!(n("1.000 người dân"), None);
        assert_eq!(n("2.4 lượt khám"), None);
        assert_eq!(n("2. tiếp tục câu"), None);
        assert_eq!(n("IIII. Sai"), None);
        // OCR runs two strokes together: `HI-` is `III-`; a lettered `H.` and `HIV/AIDS` are not.
        assert_eq!(n("HI- TỎ CHỨC THỰC HIỆN"), Some((Numbering::Roman, "HI".into(), "TỎ CHỨC THỰC HIỆN".into())));
        assert_eq!(n("VH. KINH PHÍ"), Some((Numbering::Roman, "VH".into(), "KINH PHÍ".into())));
        assert_eq!(n("H. Nội dung"), None);
        assert_eq!(n("HIV/AIDS trong cộng đồng"), None);
        assert_eq!(roman_value_ocr("HI"), Some(3));
        assert_eq!(roman_value_ocr("XH"), Some(12));
        assert_eq!(roman_value_ocr("HH"), None);
        assert_eq!(roman_value_ocr("IIIV"), None);
        assert_eq!(n("Việt Nam"), None);
    }

    #[test]
    fn roles_from_wording() {
        assert_eq!(role_of("MỤC ĐÍCH, YÊU CẦU"), Role::Purpose);
        assert_eq!(role_of("Mục tiêu đến năm 2030"), Role::Objectives);
        assert_eq!(role_of("Một số nhiệm vụ và giải pháp chủ yếu."), Role::Tasks);
        assert_eq!(role_of("NỘI DUNG VÀ TIẾN ĐỘ THỰC HIỆN"), Role::Tasks);
        assert_eq!(role_of("KINH PHÍ THỰC HIỆN"), Role::Funding);
        assert_eq!(role_of("Tổ chức thực hiện"), Role::Implementation);
        assert_eq!(role_of("Quan điểm chỉ đạo kế hoạch CSSKBĐ"), Role::Other);
        // Marks misread by OCR, or not typed: the words are compared without them.
        assert_eq!(role_of("TỎ CHỨC THỰC HIỆN"), Role::Implementation);
        assert_eq!(role_of("Phan cong nhiem vu"), Role::Tasks);
        assert_eq!(role_of("CAC GIAI PHAP CHU YEU"), Role::Tasks);
        // … except `chỉ tiêu`, which without its marks is spending.
        assert_eq!(role_of("Chi tiêu tài chính"), Role::Other);
        assert!(is_general_objective("Tầm nhìn đến năm 2045"));
        assert!(!is_general_objective("Mục tiêu cụ thể"));
    }
}
