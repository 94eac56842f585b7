//! Quantities in running text: a number (decimal comma `94,3`, thousands dot `10.000`), the
//! comparison words before it (`trên`, `ít nhất`, `từ … trở lên`, `≥`…), a range (`4-5`), the
//! unit after it (`%`, `‰`, `giường bệnh/10.000 dân`, `bác sĩ/trạm y tế`, `cm`, `tuổi`…), and the
//! garbled forms users produce (`0,5 0,‰`). Numbers that are not values — ages in a population
//! (`trẻ em dưới 5 tuổi`), years, ordinals (`con thứ 3`), denominators (`(1.000 trẻ đẻ ra sống)`),
//! day/month pairs (`07/4`) — are masked first.

use super::ExtractOptions;
use super::re::Lazy;
use crate::model::{Change, Comparator, Decimal, UnitKind};
use crate::text::{lower as to_lower, may_be};

pub(super) static NUMBER: Lazy = Lazy::new(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?(?:\.[0-9]+)?");
pub(super) static RANGE_TAIL: Lazy =
    Lazy::new(r"^\s*[-–]\s*([0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?(?:\.[0-9]+)?)");
/// The unit after a number, in named groups. A word unit must end where a word does (`\b`).
/// `(?:\W|$)` would let the lazy DFA run where a Unicode `\b` makes it give up at the first
/// non-ASCII byte, but the complement of `\w` is 40% of this regex's compilation, and the
/// searches are short and anchored: the 1,000-plan corpus runs no slower with `\b`.
pub(super) static UNIT: Lazy = Lazy::folded(concat!(
    r"^\s*(?:",
    r"(?P<pm>‰|%o|%0)",
    r"|(?P<pct>%)",
    r"|(?P<p10k>(?:(?:giường(?:\s*bệnh)?|bác\s*s[ĩỹi]|dược\s*s[ĩỹi](?:\s*(?:đại\s*học|đh))?|điều\s*dưỡng(?:\s*viên)?)\s*)?(?:/|trên)\s*(?:10\.000|1\s*vạn|một\s*vạn|vạn)\s*(?:dân|người))",
    r"|(?P<p100k>(?:/|trên)\s*100\.000\s*(?:trẻ|ca)?[^;,.]{0,20})",
    r"|(?P<pstation>bác\s*s[ĩỹi]\s*/\s*(?:trạm(?:\s*y\s*tế)?|tyt))",
    // One `\b` for all the words.
    r"|(?:(?P<cm>cm)",
    r"|(?P<years>tuổi|năm)",
    r"|(?P<visits>lượt)",
    r"|(?P<times>lần)",
    r"|(?P<points>điểm)",
    r"|(?P<count>xã|phường|thị\s*trấn|thôn|bản|trạm|cơ\s*sở|người|ca|vụ|bác\s*s[ĩỹi]|giường(?:\s*bệnh)?|trường|hộ))\b",
    r")"
));
pub(super) static MALFORMED_TAIL: Lazy = Lazy::new(r"^(?:\s+[0-9]+[,.]?|[,.])\s*(?:‰|%)");
pub(super) static PER_YEAR_TAIL: Lazy = Lazy::folded(r"^\s*(?:/\s*năm|\s+năm\b)");
pub(super) static ABOVE_TAIL: Lazy = Lazy::folded(r"^\s*trở\s*(lên|xuống)");
pub(super) static TIMES_BEFORE: Lazy = Lazy::folded(r"(?:(ít\s+nhất|tối\s+thiểu)\s+)?mỗi\s+năm\s*$");
pub(super) static COMPARATOR_BEFORE: Lazy = Lazy::folded(concat!(
    r"(?P<w>ít\s+nhất(?:\s+là)?(?:\s+từ)?|tối\s+thiểu(?:\s+là)?(?:\s+từ)?|không\s+dưới|không\s+thấp\s+hơn|cao\s+hơn|trên|hơn|vượt",
    r"|thấp\s+hơn|dưới|không\s+vượt\s+quá|không\s+quá|tối\s+đa|khoảng|xấp\s+xỉ|gần",
    r"|xuống\s+còn|giảm\s+còn|còn|đạt|duy\s+trì|bằng|chiếm|là|từ|≥|>=|>|≤|<=|<|=)\s*$"
));
pub(super) static INCREASE_BEFORE: Lazy =
    Lazy::folded(r"(?:tăng\s+thêm|thêm|tăng)\s*(?:ít\s+nhất|tối\s+thiểu)?\s*(?:từ\s*)?$");
pub(super) static DECREASE_BEFORE: Lazy = Lazy::folded(r"(?:^|\s)giảm\s*$");

/// A number followed by something that can be a unit (see [`UNIT`]): the definition
/// [`unit_after_number`] is tested against.
#[cfg(test)]
pub(super) static UNIT_AFTER_NUMBER: Lazy = Lazy::folded(concat!(
    r"[0-9][,.]?\s*(?:%|‰|cm|tuổi|năm|lượt|lần|điểm|xã|phường|thị|thôn|bản|trạm|cơ|người|ca|vụ|bác|giường|trường|hộ",
    r"|/\s*(?:10\.000|vạn|100\.000|trạm))"
));

/// [`UNIT_AFTER_NUMBER`] anchored at its digit.
pub(super) static UNIT_AFTER_DIGIT: Lazy = Lazy::folded(concat!(
    r"^[0-9][,.]?\s*(?:%|‰|cm|tuổi|năm|lượt|lần|điểm|xã|phường|thị|thôn|bản|trạm|cơ|người|ca|vụ|bác|giường|trường|hộ",
    r"|/\s*(?:10\.000|vạn|100\.000|trạm))"
));

/// The first two letters (lower case) of [`UNIT_AFTER_NUMBER`]'s words.
const UNIT_WORD_STARTS: &[(char, char)] = &[
    ('c', 'm'),
    ('t', 'u'),
    ('n', 'ă'),
    ('l', 'ư'),
    ('l', 'ầ'),
    ('đ', 'i'),
    ('x', 'ã'),
    ('p', 'h'),
    ('t', 'h'),
    ('b', 'ả'),
    ('t', 'r'),
    ('c', 'ơ'),
    ('n', 'g'),
    ('c', 'a'),
    ('v', 'ụ'),
    ('b', 'á'),
    ('g', 'i'),
    ('h', 'ộ'),
];

/// Whether `rest` may start what [`UNIT_AFTER_NUMBER`] wants after a number's white space:
/// `%`, `‰`, `/`, or the first two letters of one of its words (a character outside the fast
/// lower-case table may be anything).
fn may_start_unit(rest: &str) -> bool {
    let mut chars = rest.chars().map(crate::text::lower_fast);
    match chars.next() {
        None => false,
        Some(None) => true,
        Some(Some('%' | '‰' | '/')) => true,
        Some(Some(first)) => match chars.next() {
            None => false,
            Some(None) => true,
            Some(Some(second)) => UNIT_WORD_STARTS.contains(&(first, second)),
        },
    }
}

/// `UNIT_AFTER_NUMBER.is_match(opts, text)`, running the (anchored) regex only where a match can
/// start: at the last digit of a run when what follows (past a `,` or `.` and white space) may
/// start a unit. Blocks of 64 bytes without a digit are skipped ([`crate::text::skip_blocks`]).
pub(super) fn unit_after_number(opts: ExtractOptions, text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        i = crate::text::skip_blocks::<64>(bytes, i, |b| b.is_ascii_digit());
        let block_end = (i + 64).min(bytes.len());
        while i < block_end {
            if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
                continue;
            }
            let mut k = i + 1;
            if bytes.get(k).is_some_and(u8::is_ascii_digit) {
                i = k;
                continue;
            }
            if matches!(bytes.get(k), Some(b',' | b'.')) {
                k += 1;
            }
            let rest = text.get(k..).unwrap_or_default().trim_start();
            if may_start_unit(rest) && UNIT_AFTER_DIGIT.is_match(opts, text.get(i..).unwrap_or_default()) {
                return true;
            }
            i += 1;
        }
    }
    false
}

/// Numbers that are not values, in one pass:
/// - ages of a population: `trẻ em dưới 5 tuổi`, `từ 01-18 tuổi`, `từ 65 tuổi trở lên`,
///   `trẻ em 5 tuổi`, `người trên 60 tuổi`;
/// - denominators: `(1.000 trẻ đẻ ra sống)`;
/// - ordinals and references: `con thứ 3`, `Điều 10`, `Đề án 1816`, `số 06`, `khóa 12`;
/// - years and ranges of years;
/// - day/month without a year (`07/4 hằng năm`) and times (`7h30`).
pub(super) static MASK: Lazy = Lazy::folded(concat!(
    r"(?:dưới|từ)\s+[0-9]{1,2}(?:\s*[-–]\s*[0-9]{1,2})?\s*tuổi(?:\s+trở\s+lên)?",
    r"|(?:trẻ\s+em|trẻ|người|phụ\s+nữ|thanh\s+niên|học\s+sinh)\s+(?:trên\s+)?[0-9]{1,2}\s*tuổi",
    r"|\(\s*[0-9][0-9.,]*\s*(?:trẻ|người|dân|phụ\s*nữ|ca|ngày)[^)]{0,40}\)",
    r"|(?:lần\s+thứ|thứ|khóa|khoá|điều|khoản|điểm|chương|phần|đề\s+án|dự\s+án|số|mẫu|nhóm|tuyến|cấp|loại|lớp)\s+[0-9]+[a-z]?",
    r"|(?:19|20)[0-9]{2}(?:\s*[-–]\s*(?:19|20)[0-9]{2})?",
    r"|[0-9]{1,2}/[0-9]{1,2}(?:/[0-9]{2,4})?|[0-9]{1,2}h[0-9]{0,2}"
));

/// A number in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NumTok {
    pub(super) value: Decimal,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// A quantity: what a target states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Quantity {
    pub(super) value: Option<NumTok>,
    pub(super) value_max: Option<NumTok>,
    pub(super) unit: Option<(UnitKind, usize, usize)>,
    pub(super) comparator: Option<(Comparator, usize, usize)>,
    pub(super) change: Option<Change>,
    /// The garbled text, when the number is malformed.
    pub(super) malformed: Option<(usize, usize)>,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Parse a number as written: `94,3`, `10.000`, `0.5` (a decimal point, as some writers use).
pub(super) fn parse_number(raw: &str) -> Option<Decimal> {
    let thousands = raw.contains('.')
        && raw.split(',').next().is_some_and(|int| {
            let mut groups = int.split('.');
            groups.next().is_some_and(|g| (1..=3).contains(&g.len())) && groups.all(|g| g.len() == 3)
        });
    let parts = |cleaned: &str| match cleaned.split_once([',', '.']) {
        Some((int, frac)) => Decimal::from_parts(int, frac),
        None => Decimal::from_parts(cleaned, ""),
    };
    if thousands { parts(&raw.replace('.', "")) } else { parts(raw) }
}

/// First characters of [`UNIT`]'s alternatives (after its white space).
const UNIT_FIRST: &[char] = &['/', 'g', 'b', 'd', 'đ', 't', 'c', 'n', 'l', 'x', 'p', 'v', 'h', '%', '‰'];
/// Last characters of [`COMPARATOR_BEFORE`]'s words.
const COMPARATOR_LAST: &[char] = &['t', 'à', 'ừ', 'u', 'i', 'n', 'á', 'a', 'g', 'ỉ', 'ì', 'm', '≥', '=', '>', '≤', '<'];
/// Last characters of [`INCREASE_BEFORE`]'s words.
const INCREASE_LAST: &[char] = &['m', 'g', 't', 'u', 'ừ'];

/// Whether the last character of `head` before its trailing white space may be one of `set`.
fn may_end_with(head: &str, set: &[char]) -> bool {
    head.trim_end().chars().next_back().is_some_and(|c| may_be(c, set))
}

/// The unit that starts `tail` (after white space), as [`UNIT`] reads it: its kind and byte
/// range in `tail`. `%` and `‰` (most units) are read without the regex, which tries its
/// alternatives in order: `‰`, `%o`, `%0`, then `%`.
fn unit_at(opts: ExtractOptions, tail: &str) -> Option<(UnitKind, usize, usize)> {
    let rest = tail.trim_start();
    let ws = tail.len() - rest.len();
    if rest.starts_with('‰') {
        return Some((UnitKind::PerMille, ws, ws + '‰'.len_utf8()));
    }
    if let Some(after) = rest.strip_prefix('%') {
        return Some(if after.starts_with(['o', 'O', '0']) {
            (UnitKind::PerMille, ws, ws + 2)
        } else {
            (UnitKind::Percent, ws, ws + 1)
        });
    }
    if !rest.chars().next().is_some_and(|c| may_be(c, UNIT_FIRST)) {
        return None;
    }
    // Without `/` or `trên` only the one-word alternatives can have matched (the per-10k,
    // per-100k and per-station ones need one), and their words tell them apart: no need for the
    // capture search. The group is the match after its white space (the word's end is a `\b`).
    let m = UNIT.find(opts, tail)?;
    let matched = tail.get(ws..m.end())?;
    if matched.contains('/') || to_lower(matched).contains("trên") {
        let c = UNIT.captures(opts, tail)?;
        return unit_kind(&c).map(|(kind, m)| (kind, m.start(), m.end()));
    }
    let end = m.end();
    let lower = to_lower(matched);
    let kind = match lower.as_str() {
        "cm" => UnitKind::Cm,
        "tuổi" | "năm" => UnitKind::Years,
        "lượt" => UnitKind::Visits,
        "lần" => UnitKind::TimesPerYear,
        "điểm" => UnitKind::Points,
        _ => UnitKind::Count,
    };
    Some((kind, ws, end))
}

/// Byte ranges of a text that hold numbers that are not values.
pub(super) fn masks(opts: ExtractOptions, text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    for m in MASK.find_iter(opts, text) {
        let t = m.as_str();
        if t.contains("tuổi")
            && t.get(..6).is_some_and(|h| to_lower(h).starts_with("dưới") || to_lower(h).starts_with("từ"))
        {
            // `tuổi thọ … đạt từ 75 tuổi trở lên` is a value, not an age group.
            let before = tail_of(text, m.start(), 40);
            if before.contains("thọ") || before.contains("sống khỏe") || before.trim_end().ends_with("đạt") {
                continue;
            }
        }
        out.push((m.start(), m.end()));
    }
    out
}

/// The first `n` bytes (or fewer, on a character boundary) of `text[start..]`.
fn head_of(text: &str, start: usize, n: usize) -> &str {
    let mut end = (start + n).min(text.len());
    while end > start && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(start..end).unwrap_or_default()
}

/// The last `n` bytes (or fewer, on a character boundary) of `text[..end]`: the words just
/// before a number, which is all a comparison word can be.
fn tail_of(text: &str, end: usize, n: usize) -> &str {
    let mut from = end.saturating_sub(n);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    text.get(from..end).unwrap_or_default()
}

fn masked(masks: &[(usize, usize)], start: usize, end: usize) -> bool {
    masks.iter().any(|&(a, b)| start < b && a < end)
}

fn unit_kind<'t>(caps: &super::re::Captures<'t>) -> Option<(UnitKind, super::re::Match<'t>)> {
    const NAMES: [(&str, UnitKind); 11] = [
        ("pm", UnitKind::PerMille),
        ("pct", UnitKind::Percent),
        ("p10k", UnitKind::Per10k),
        ("p100k", UnitKind::Per100k),
        ("pstation", UnitKind::PerStation),
        ("cm", UnitKind::Cm),
        ("years", UnitKind::Years),
        ("visits", UnitKind::Visits),
        ("times", UnitKind::TimesPerYear),
        ("points", UnitKind::Points),
        ("count", UnitKind::Count),
    ];
    NAMES.iter().find_map(|(name, kind)| caps.name(name).map(|m| (*kind, m)))
}

/// Every quantity in `text` outside the masked ranges, left to right. `[lo, hi)` bounds the
/// look-back for comparison words (the clause the number is in).
pub(super) fn quantities(opts: ExtractOptions, text: &str, masks: &[(usize, usize)]) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::new();
    let mut consumed = 0;
    for m in NUMBER.find_iter(opts, text) {
        let (start, end) = (m.start(), m.end());
        if start < consumed || masked(masks, start, end) {
            continue;
        }
        let before_char = text.get(..start).and_then(|p| p.chars().next_back());
        if before_char.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | ',' | '-')) {
            continue;
        }
        let Some(value) = parse_number(m.as_str()) else {
            continue;
        };
        let mut q = Quantity {
            value: Some(NumTok { value, start, end }),
            value_max: None,
            unit: None,
            comparator: None,
            change: None,
            malformed: None,
            start,
            end,
        };
        let mut tail_at = end;
        // A range: `4-5`, `0,1 - 0,2`.
        let after = head_of(text, end, 40);
        if after.trim_start().starts_with(['-', '–'])
            && let Some(c) = RANGE_TAIL.captures(opts, after)
            && let (Some(all), Some(n)) = (c.get(0), c.get(1))
            && let Some(v) = parse_number(n.as_str())
            && !masked(masks, end + n.start(), end + n.end())
        {
            q.value_max = Some(NumTok { value: v, start: end + n.start(), end: end + n.end() });
            tail_at = end + all.end();
        }
        // What can follow a number (a unit, `trở lên`) is short: look that far only.
        let tail = head_of(text, tail_at, 64);
        let may_be_malformed =
            tail.starts_with(|c: char| c.is_whitespace() || c == ',' || c == '.') && tail.contains(['%', '‰']);
        if may_be_malformed && let Some(mal) = MALFORMED_TAIL.find(opts, tail) {
            let sym = mal.as_str().chars().next_back().unwrap_or('%');
            let kind = if sym == '%' { UnitKind::Percent } else { UnitKind::PerMille };
            let unit_end = tail_at + mal.end();
            q.malformed = Some((start, unit_end));
            q.unit = Some((kind, unit_end - sym.len_utf8(), unit_end));
            tail_at = unit_end;
        } else if let Some((kind, um_start, um_end)) = unit_at(opts, tail) {
            let word_end = tail_at + um_end;
            let next = text.get(word_end..).and_then(|r| r.chars().next());
            let glued_letter =
                next.is_some_and(char::is_alphabetic) && !matches!(kind, UnitKind::Percent | UnitKind::PerMille);
            if !glued_letter {
                q.unit = Some((kind, tail_at + um_start, word_end));
                tail_at = word_end;
            }
        } else if text.get(tail_at..).and_then(|r| r.chars().next()).is_some_and(char::is_alphabetic) {
            // `80a`, `3G`: not a quantity.
            continue;
        }
        let tail = head_of(text, tail_at, 24);
        // `0,5%/năm` is a change per year; `85% năm 2025` is a year.
        let year_follows = |t: &super::re::Match<'_>| {
            tail.get(t.end()..).is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        };
        if tail.trim_start().starts_with(['/', 'n', 'N'])
            && let Some(t) = PER_YEAR_TAIL.find(opts, tail)
            && !year_follows(&t)
            && q.unit.is_some_and(|(k, _, _)| !matches!(k, UnitKind::Years | UnitKind::TimesPerYear))
        {
            q.change = Some(Change::PerYear);
            tail_at += t.end();
        }
        let head = tail_of(text, start, 48);
        // Offsets in `head` are relative to where it starts in `text`.
        let h0 = start - head.len();
        // `ít nhất mỗi năm 01 lần`: a frequency.
        if q.unit.is_some_and(|(k, _, _)| k == UnitKind::TimesPerYear)
            && let Some(c) = TIMES_BEFORE.captures(opts, head)
            && let Some(all) = c.get(0)
        {
            if c.get(1).is_some() {
                q.comparator = Some((Comparator::Ge, h0 + all.start(), h0 + all.end()));
            }
            q.start = h0 + all.start();
        } else if may_end_with(head, COMPARATOR_LAST)
            && let Some(m) = COMPARATOR_BEFORE.find(opts, head)
        {
            // The word is the match without its trailing white space (`(?P<w>…)\s*$`).
            let w = (m.start(), m.start() + m.as_str().trim_end().len());
            let word = to_lower(head.get(w.0..w.1).unwrap_or_default());
            let cmp = comparator_of(&word);
            q.comparator = Some((cmp, h0 + w.0, h0 + w.1));
            q.start = h0 + w.0;
            if word.starts_with("từ") || word.ends_with("từ") {
                if let Some(t) = ABOVE_TAIL.captures(opts, head_of(text, tail_at, 24)) {
                    let up = t.get(1).is_some_and(|m| to_lower(m.as_str()) == "lên");
                    q.comparator = Some((
                        if up { Comparator::Ge } else { Comparator::Le },
                        h0 + w.0,
                        tail_at + t.get(0).map_or(0, |m| m.end()),
                    ));
                    tail_at += t.get(0).map_or(0, |m| m.end());
                } else if word == "từ" && q.value_max.is_none() {
                    q.comparator = Some((Comparator::Ge, h0 + w.0, h0 + w.1));
                }
            }
        }
        if q.value_max.is_some() {
            let (a, b) = q.comparator.map_or((start, start), |(_, a, b)| (a, b));
            q.comparator = Some((Comparator::Range, a, b));
        }
        let head_for_change = tail_of(text, q.start, 48);
        let increase = |h: &str| may_end_with(h, INCREASE_LAST) && INCREASE_BEFORE.is_match(opts, h);
        if increase(head_for_change) || increase(head) {
            q.change = q.change.or(Some(Change::Increase));
        } else if may_end_with(head, &['m']) && DECREASE_BEFORE.is_match(opts, head) {
            q.change = q.change.or(Some(Change::Decrease));
        }
        q.end = q.unit.map_or(tail_at.max(q.end), |(_, _, b)| b.max(tail_at));
        consumed = q.end;
        out.push(q);
    }
    out
}

fn comparator_of(word: &str) -> Comparator {
    let w: String = word.split_whitespace().collect::<Vec<_>>().join(" ");
    match w.as_str() {
        "trên" | "hơn" | "vượt" | "cao hơn" | ">" => Comparator::Gt,
        "dưới" | "thấp hơn" | "<" => Comparator::Lt,
        "không quá" | "không vượt quá" | "tối đa" | "≤" | "<=" => Comparator::Le,
        "khoảng" | "xấp xỉ" | "gần" => Comparator::Approx,
        "xuống còn" | "giảm còn" | "còn" | "đạt" | "duy trì" | "bằng" | "chiếm" | "là" | "=" => {
            Comparator::Eq
        }
        _ => Comparator::Ge,
    }
}

#[cfg(test)]
mod tests {
    /// The options extraction runs with by default.
    const OPTS: crate::extract::ExtractOptions = crate::extract::ExtractOptions { fold_case: false };

    use super::*;

    #[test]
    fn regexes_compile() {
        let mut all: Vec<&Lazy> = vec![
            &NUMBER,
            &RANGE_TAIL,
            &UNIT,
            &MALFORMED_TAIL,
            &PER_YEAR_TAIL,
            &ABOVE_TAIL,
            &TIMES_BEFORE,
            &COMPARATOR_BEFORE,
            &INCREASE_BEFORE,
            &DECREASE_BEFORE,
        ];
        all.push(&MASK);
        super::super::re::assert_all_compile(&all);
    }

    /// The cheap tests before the regexes let through every character the regexes can match
    /// there, under their case-insensitive matching.
    #[test]
    fn prechecks_never_refuse_what_the_regexes_match() {
        let classes = [
            (r"(?i)^[/gbdđtcnlxpvh%‰]$", UNIT_FIRST),
            (r"(?i)^[tàừuinágỉìm≥=>≤<]$", COMPARATOR_LAST),
            (r"(?i)^[mgtuừ]$", INCREASE_LAST),
            (r"(?i)^m$", &['m']),
        ];
        for (class, set) in classes {
            let re = regex::Regex::new(class).unwrap();
            for c in (0..0x11_0000u32).filter_map(char::from_u32) {
                if re.is_match(c.encode_utf8(&mut [0; 4])) {
                    assert!(may_be(c, set), "{class} {c:?}");
                }
            }
        }
        let units = [
            "%",
            " %",
            "%o",
            "%O",
            "%0",
            "%0,5",
            "‰",
            " ‰ x",
            "\u{a0}%",
            "%/năm",
            "% năm",
            "cm",
            " CM",
            "tuổi",
            "Năm",
            "năm2",
            "lượt",
            "lần",
            "điểm",
            "Điểm",
            "xã",
            "phường",
            "thị trấn",
            "thôn",
            "bản",
            "trạm",
            "cơ sở",
            "người",
            "ca",
            "vụ",
            "bác sĩ",
            "bác sỹ/trạm y tế",
            "giường bệnh/10.000 dân",
            "giường/ vạn dân",
            "/10.000 dân",
            "trên 100.000 trẻ",
            "/100.000",
            "dược sĩ đại học/vạn dân",
            "điều dưỡng/vạn người",
            "hộ",
            "trường",
            "x",
            "abc",
            "",
            " ",
            "-5",
            "và",
            "ꝁ",
            "Ð",
            "đồng",
            "ĐH",
            "TUỔI",
            "LẦN",
            "Lượt",
            "CM.",
            "cmx",
            "xã,",
            "Thị  Trấn",
            "cơ sở y tế",
            "BÁC SỸ",
            "bác sĩ/ TYT",
            "giường bệnh trên vạn dân",
            "Trên 1 vạn người",
            "bác sĩ trên vạn dân",
            "giườngx",
            "hộ gia đình",
            "người/năm",
            "người dân",
        ];
        // The unit regex alone, in its `(?i)` form, read through its groups.
        let reference = Lazy::new(format!("(?i){}", UNIT.pattern()).leak());
        let by_reference =
            |t: &str| reference.captures(OPTS, t).and_then(|c| unit_kind(&c).map(|(k, m)| (k, m.start(), m.end())));
        for t in units {
            assert_eq!(unit_at(OPTS, t), by_reference(t), "{t:?}");
        }
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            " ",
            "%",
            "‰",
            "o",
            "O",
            "0",
            "/",
            "trên",
            "Trên",
            "10.000",
            "100.000",
            "vạn",
            "dân",
            "người",
            "trẻ",
            "ca",
            "giường",
            "bệnh",
            "bác",
            "sĩ",
            "sỹ",
            "dược",
            "đại",
            "học",
            "ĐH",
            "điều",
            "dưỡng",
            "viên",
            "trạm",
            "y",
            "tế",
            "TYT",
            "cm",
            "tuổi",
            "năm",
            "lượt",
            "lần",
            "điểm",
            "xã",
            "phường",
            "thị",
            "trấn",
            "thôn",
            "bản",
            "cơ",
            "sở",
            "vụ",
            "trường",
            "hộ",
            "x",
            ",",
            ";",
            "1",
            "ạ",
            "_",
            "\u{301}",
            "\u{200d}",
            "-",
            ".",
            "\u{a0}",
        ]);
        let mut runner = proptest::test_runner::TestRunner::default();
        let strategy = proptest::collection::vec(pieces, 0..8).prop_map(|v| v.concat());
        runner
            .run(&strategy, |t| {
                prop_assert_eq!(unit_at(OPTS, &t), by_reference(&t));
                let by_captures =
                    COMPARATOR_BEFORE.captures(OPTS, &t).and_then(|c| c.name("w")).map(|w| (w.start(), w.end()));
                let by_find = COMPARATOR_BEFORE
                    .find(OPTS, &t)
                    .filter(|_| may_end_with(&t, COMPARATOR_LAST))
                    .map(|m| (m.start(), m.start() + m.as_str().trim_end().len()));
                prop_assert_eq!(by_find, by_captures);
                Ok(())
            })
            .unwrap();
        let words =
            ["ít nhất", "tối thiểu là từ", "không dưới", "cao hơn", "Trên ", "đạt  ", "≥", ">=", "XẤP XỈ", "là"];
        for w in words {
            let t = format!("x {w}");
            let by_captures =
                COMPARATOR_BEFORE.captures(OPTS, &t).and_then(|c| c.name("w")).map(|w| (w.start(), w.end()));
            let by_find = COMPARATOR_BEFORE
                .find(OPTS, &t)
                .filter(|_| may_end_with(&t, COMPARATOR_LAST))
                .map(|m| (m.start(), m.start() + m.as_str().trim_end().len()));
            assert_eq!(by_find, by_captures, "{t:?}");
            assert!(by_find.is_some(), "{t:?}");
        }
    }

    /// (comparator, value, max, unit, unit text, change, malformed text)
    type Row = (Option<Comparator>, String, Option<String>, Option<UnitKind>, String, Option<Change>, Option<String>);

    fn q(text: &str) -> Vec<Row> {
        quantities(OPTS, text, &masks(OPTS, text))
            .into_iter()
            .map(|q| {
                (
                    q.comparator.map(|c| c.0),
                    q.value.map(|v| v.value.to_string()).unwrap_or_default(),
                    q.value_max.map(|v| v.value.to_string()),
                    q.unit.map(|u| u.0),
                    q.unit.and_then(|(_, a, b)| text.get(a..b)).unwrap_or_default().to_owned(),
                    q.change,
                    q.malformed.and_then(|(a, b)| text.get(a..b)).map(str::to_owned),
                )
            })
            .collect()
    }

    #[test]
    fn numbers_decimal_comma_and_thousands_dot() {
        assert_eq!(parse_number("94,3").unwrap().to_string(), "94.3");
        assert_eq!(parse_number("10.000").unwrap().to_string(), "10000");
        assert_eq!(parse_number("1.234,5").unwrap().to_string(), "1234.5");
        assert_eq!(parse_number("0.5").unwrap().to_string(), "0.5");
        assert_eq!(parse_number("15,05").unwrap().to_string(), "15.05");
    }

    #[test]
    fn comparators_units_and_ranges() {
        use Comparator::*;
        use UnitKind::*;
        let one = |t: &str| q(t).into_iter().next().unwrap();
        assert_eq!(one("đạt trên 96%"), (Some(Gt), "96".into(), None, Some(Percent), "%".into(), None, None));
        assert_eq!(one("giảm còn dưới 35%").0, Some(Lt));
        assert_eq!(one("đạt từ 98% trở lên").0, Some(Ge));
        assert_eq!(one("tối thiểu 68 năm"), (Some(Ge), "68".into(), None, Some(Years), "năm".into(), None, None));
        assert_eq!(one("Đạt 15,05 giường bệnh/10.000 dân;").3, Some(Per10k));
        assert_eq!(
            one("có ít nhất từ 4-5 bác sĩ/trạm y tế"),
            (Some(Range), "4".into(), Some("5".into()), Some(PerStation), "bác sĩ/trạm y tế".into(), None, None)
        );
        assert_eq!(one("thêm ít nhất 1,5 cm").5, Some(Change::Increase));
        assert_eq!(one("tăng thêm 10%").5, Some(Change::Increase));
        assert_eq!(one("≥ 75,5").0, Some(Ge));
        assert_eq!(
            one("khám ít nhất mỗi năm 01 lần"),
            (Some(Ge), "1".into(), None, Some(TimesPerYear), "lần".into(), None, None)
        );
        assert_eq!(
            one("xuống còn 0.5-1% năm"),
            (Some(Range), "0.5".into(), Some("1".into()), Some(Percent), "%".into(), Some(Change::PerYear), None)
        );
        assert_eq!(one("tuổi thọ trung bình đạt trên 75 tuổi").3, Some(Years));
        assert_eq!(one("đạt 85% năm 2025").5, None);
        assert_eq!(one("đạt trên 95% mỗi năm").5, None);
    }

    #[test]
    fn malformed_numbers_keep_their_raw_text() {
        let got = one_malformed("mức giảm tỷ suất sinh 0,5 0,‰/năm; giảm");
        assert_eq!(got, Some("0,5 0,‰".to_owned()));
    }

    fn one_malformed(t: &str) -> Option<String> {
        q(t).into_iter().next().and_then(|x| x.6)
    }

    #[test]
    fn numbers_that_are_not_values_are_skipped() {
        let t = "Trên 94,3% trẻ em dưới 01 tuổi được tiêm; Tỷ suất chết trẻ em dưới 1 tuổi (1.000 trẻ đẻ ra sống) 29,19%; con thứ 3 trở lên 19,0%; năm 2024; (07/4 hằng năm); Đề án 1816; từ 01-18 tuổi thêm 1,5 cm";
        let values: Vec<String> = q(t).into_iter().map(|x| x.1).collect();
        assert_eq!(values, ["94.3", "29.19", "19", "1.5"]);
    }
}
