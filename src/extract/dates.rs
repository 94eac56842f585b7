//! Dates (`09/3/2023`, `ngày 16 tháng 5 năm 2023`, the draft `ngày  tháng 5 năm 2023`), periods
//! (`năm 2024`, `giai đoạn 2021-2025`, `đến năm 2030`) and task deadlines.

use super::ExtractOptions;
use super::re::{Lazy, int};
use crate::model::{Date, DateForm, DateStatus, DeadlineKind, PeriodKind, days_in_month};
use crate::text::lower as to_lower;

/// `d/m/yyyy`, `d-m-yyyy`, `d.m.yyyy`; blanks allowed for day and month (`/01/2026`, `/ /2025`).
pub(super) static NUMERIC: Lazy = Lazy::new(r"([0-9]{1,2})?\s*([/.-])\s*([0-9]{1,2})?\s*[/.-]\s*((?:19|20)[0-9]{2})");
/// The same two forms, anchored at the start (for a date expected at a given place).
pub(super) static NUMERIC_AT: Lazy =
    Lazy::new(r"^([0-9]{1,2})?\s*([/.-])\s*([0-9]{1,2})?\s*[/.-]\s*((?:19|20)[0-9]{2})");
pub(super) static WORDS_AT: Lazy = Lazy::folded(
    r"^(?:ngày[\s.…_]*([0-9]{1,2})?[\s.…_,]*)?tháng[\s.…_]*([0-9]{1,2})?[\s.…_,]*năm[\s.…_]*((?:19|20)[0-9]{2})",
);
/// `[ngày] d tháng m năm yyyy`, with blanks or dots for missing parts.
pub(super) static WORDS: Lazy = Lazy::folded(
    r"(?:ngày[\s.…_]*([0-9]{1,2})?[\s.…_,]*)?tháng[\s.…_]*([0-9]{1,2})?[\s.…_,]*năm[\s.…_]*((?:19|20)[0-9]{2})",
);

/// A date found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DateMatch {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) day: Option<u32>,
    pub(super) month: Option<u32>,
    pub(super) year: Option<i32>,
    pub(super) form: DateForm,
}

impl DateMatch {
    pub(super) fn status(&self) -> DateStatus {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => {
                if d >= 1 && (1..=12).contains(&m) && d <= days_in_month(y, m) {
                    DateStatus::Complete
                } else {
                    DateStatus::Invalid
                }
            }
            (_, Some(m), _) if !(1..=12).contains(&m) => DateStatus::Invalid,
            (_, _, Some(0)) => DateStatus::Invalid,
            _ => DateStatus::Partial,
        }
    }
}

fn boundary_before(text: &str, at: usize) -> bool {
    text.get(..at).and_then(|p| p.chars().next_back()).is_none_or(|c| !(c.is_alphanumeric() || c == '/' || c == '.'))
}

fn boundary_after(text: &str, at: usize) -> bool {
    text.get(at..).and_then(|r| r.chars().next()).is_none_or(|c| !(c.is_ascii_digit() || c == '/'))
}

/// A date that starts at `at` (after optional spaces), in either form. Numeric dates must have
/// at least a month or be preceded by `ngày` to count as partial.
pub(super) fn date_at(opts: ExtractOptions, text: &str, at: usize) -> Option<DateMatch> {
    let rest = text.get(at..)?;
    let lead = rest.len() - rest.trim_start().len();
    let rest = rest.get(lead..)?;
    let base = at + lead;
    // A date is short: look at the next few dozen characters only.
    let rest = crate::text::prefix_chars(rest, 48);
    // The words form starts with `ngày` or `tháng` (nothing else folds to `n` or `t`).
    if rest.starts_with(['n', 'N', 't', 'T'])
        && let Some(c) = WORDS_AT.captures(opts, rest)
        && let Some(m) = c.get(0)
    {
        return Some(DateMatch {
            start: base,
            end: base + m.end(),
            day: int(&c, 1),
            month: int(&c, 2),
            year: int(&c, 3),
            form: DateForm::Words,
        });
    }
    // `ngày 04/11/2025`, also capitalised as some writers do mid-sentence (`Ngày 04/11/2025`).
    let after_word = ["ngày", "Ngày", "NGÀY"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .map(|r| (r, 4 + (r.len() - r.trim_start().len())));
    let (r, skip) = match after_word {
        Some((r, _)) => {
            let t = r.trim_start();
            (t, rest.len() - t.len())
        }
        None => (rest, 0),
    };
    // The numeric form starts with a digit, a space or a separator.
    if !r.starts_with(|c: char| c.is_numeric() || c.is_whitespace() || matches!(c, '/' | '.' | '-')) {
        return None;
    }
    let c = NUMERIC_AT.captures(opts, r)?;
    let m = c.get(0)?;
    if !boundary_after(r, m.end()) {
        return None;
    }
    let day = int(&c, 1);
    let month = int(&c, 3);
    if (day.is_none() || month.is_none()) && after_word.is_none() {
        return None;
    }
    Some(DateMatch { start: base, end: base + skip + m.end(), day, month, year: int(&c, 4), form: DateForm::Numeric })
}

/// The groups of a [`NUMERIC`] match (day, month, year), read the way the regex prefers:
/// each `[0-9]{1,2}` takes two digits when it can, each `\s*` every space. `None` when that path
/// does not read the whole match as ASCII (the regex backtracked, or used other digits): the
/// caller asks the regex. When it does, it is the path the regex took.
fn numeric_parts(m: &str) -> Option<(Option<u32>, Option<u32>, Option<i32>)> {
    let bytes = m.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < start + 2 && bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        m.get(start..*i).filter(|d| !d.is_empty()).and_then(|d| d.parse::<u32>().ok())
    };
    let spaces = |i: &mut usize| {
        while bytes.get(*i).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')) {
            *i += 1;
        }
    };
    let sep = |i: &mut usize| {
        let ok = bytes.get(*i).is_some_and(|b| matches!(b, b'/' | b'.' | b'-'));
        *i += 1;
        ok
    };
    if !m.is_ascii() {
        return None;
    }
    let day = digits(&mut i);
    spaces(&mut i);
    if !sep(&mut i) {
        return None;
    }
    spaces(&mut i);
    let month = digits(&mut i);
    spaces(&mut i);
    if !sep(&mut i) {
        return None;
    }
    spaces(&mut i);
    let year = m.get(i..).filter(|y| y.len() == 4 && (y.starts_with("19") || y.starts_with("20")));
    let year = year.filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    Some((day, month, year.parse().ok()))
}

/// The day and month of a date at `at` whose year was cut off, as a table flattened into lines
/// or a page break leaves a cell: `ngày 13 tháng 01` or `ngày 13/01` with nothing after them
/// but the end of the text (a comma or semicolon at most), or a word in capitals that cannot
/// go on a date (`… ngày 13 tháng 01 Các bộ, cơ quan …`, the next cell run on). A lower-case
/// word after them (`ngày 13 tháng 01 của Chính phủ`) means the year is missing, not cut.
/// Byte range in `text`.
pub(super) fn cut_date(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = crate::text::prefix_chars(text.get(at..)?, 40);
    let after_word = rest.strip_prefix("ngày").or_else(|| rest.strip_prefix("Ngày"))?;
    let day_part = after_word.trim_start();
    if day_part.len() == after_word.len() {
        return None;
    }
    let (day, after_day) = leading_number(day_part)?;
    let month_part = if let Some(r) = after_day.strip_prefix(['/', '-', '.']) {
        r
    } else {
        let r = after_day.trim_start().strip_prefix("tháng")?;
        let digits = r.trim_start();
        if digits.len() == r.len() {
            return None;
        }
        digits
    };
    let (month, after_month) = leading_number(month_part)?;
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    let end = at + (rest.len() - after_month.len());
    let tail = text.get(end..).unwrap_or_default();
    let next = tail.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';'));
    let cut = match next.chars().next() {
        None => true,
        // A space (or the punctuation) before the capital: `01Các` is not two cells.
        Some(c) => c.is_uppercase() && next.len() < tail.len(),
    };
    cut.then_some((at, end))
}

/// A number of one or two ASCII digits at the start of `s`, and what follows it.
fn leading_number(s: &str) -> Option<(u32, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&n) {
        return None;
    }
    Some((s.get(..n)?.parse().ok()?, s.get(n..)?))
}

/// Every complete-form date in a text (numeric `d/m/yyyy` or in words), left to right.
pub(super) fn find_dates(opts: ExtractOptions, text: &str) -> Vec<DateMatch> {
    let mut out: Vec<DateMatch> = Vec::new();
    // Both forms end with a four-digit year: without one, neither regex can match.
    if !has_year(text) {
        return out;
    }
    for m in WORDS.find_iter(opts, text) {
        if let Some(d) = date_at(opts, text, m.start())
            && boundary_before(text, d.start)
        {
            out.push(d);
        }
    }
    for m in NUMERIC.find_iter(opts, text) {
        let (day, month, year) = match numeric_parts(m.as_str()) {
            Some(parts) => parts,
            // What the plain reading cannot tell (another digit script, a path it cannot take):
            // the capture search at the same place (it finds the same match).
            None => match NUMERIC.captures_at(opts, text, m.start()) {
                Some(c) => (int::<u32>(&c, 1), int::<u32>(&c, 3), int(&c, 4)),
                None => continue,
            },
        };
        let (Some(day), Some(month)) = (day, month) else {
            continue;
        };
        if !boundary_before(text, m.start()) || !boundary_after(text, m.end()) {
            continue;
        }
        if out.iter().any(|d| d.start < m.end() && m.start() < d.end) {
            continue;
        }
        out.push(DateMatch {
            start: m.start(),
            end: m.end(),
            day: Some(day),
            month: Some(month),
            year,
            form: DateForm::Numeric,
        });
    }
    out.sort_by_key(|d| d.start);
    out
}

pub(super) static PERIOD_RANGE: Lazy =
    Lazy::folded(r"(?:giai\s*đoạn\s*|năm\s*)?((?:19|20)[0-9]{2})\s*[-–—]\s*((?:19|20)[0-9]{2})");
pub(super) static PERIOD_UNTIL: Lazy =
    Lazy::folded(r"(?:giai\s*đoạn\s*)?đến\s*(?:hết\s*)?(?:năm\s*)?((?:19|20)[0-9]{2})");
pub(super) static PERIOD_YEAR: Lazy = Lazy::folded(r"năm\s*((?:19|20)[0-9]{2})");

/// Whether a text has a four-digit year (19xx, 20xx): a cheap test before
/// a regex that reads one (a year group that does not parse as ASCII digits gives none).
pub(super) fn has_year(t: &str) -> bool {
    let bytes = t.as_bytes();
    // A year starts with a `1` or a `2`: look only there.
    memchr::memchr2_iter(b'1', b'2', bytes).any(|i| {
        matches!(bytes.get(i..i + 4), Some([b'1', b'9', c, d] | [b'2', b'0', c, d]) if c.is_ascii_digit() && d.is_ascii_digit())
    })
}

/// A period found in a text: (start, end, kind, first year, last year).
pub(super) fn find_period(opts: ExtractOptions, text: &str) -> Option<(usize, usize, PeriodKind, Option<i32>, i32)> {
    if !has_year(text) {
        return None;
    }
    if let Some(c) = PERIOD_RANGE.captures(opts, text) {
        let m = c.get(0)?;
        let (a, b) = (int::<i32>(&c, 1)?, int::<i32>(&c, 2)?);
        if a <= b {
            return Some((m.start(), m.end(), PeriodKind::Range, Some(a), b));
        }
    }
    if let Some(c) = PERIOD_UNTIL.captures(opts, text) {
        let m = c.get(0)?;
        return Some((m.start(), m.end(), PeriodKind::Until, None, int(&c, 1)?));
    }
    let c = PERIOD_YEAR.captures(opts, text)?;
    let m = c.get(0)?;
    let y = int(&c, 1)?;
    Some((m.start(), m.end(), PeriodKind::Year, Some(y), y))
}

pub(super) static ROMAN_QUARTER: Lazy = Lazy::folded(r"quý\s*(iv|iii|ii|i|[1-4])\s*(?:/|năm|-)\s*((?:19|20)[0-9]{2})");
pub(super) static MONTH_RANGE: Lazy = Lazy::folded(
    r"(?:từ\s*)?tháng\s*([0-9]{1,2})(?:\s*(?:/|năm)\s*((?:19|20)[0-9]{2}))?\s*(?:-|–|đến|tới)\s*(?:hết\s*)?(?:tháng\s*)?([0-9]{1,2})\s*(?:/|năm)\s*((?:19|20)[0-9]{2})",
);
pub(super) static MONTHS: Lazy =
    Lazy::folded(r"tháng\s*([0-9]{1,2}(?:\s*[,;và]+\s*[0-9]{1,2})*)\s*(?:/|năm)\s*((?:19|20)[0-9]{2})");
pub(super) static YEAR_RANGE: Lazy =
    Lazy::folded(r"(?:từ\s*)?(?:năm\s*)?((?:19|20)[0-9]{2})\s*(?:-|–|đến|tới)\s*(?:năm\s*)?((?:19|20)[0-9]{2})");
pub(super) static YEAR: Lazy = Lazy::folded(r"(?:năm\s*)?\b((?:19|20)[0-9]{2})\b");
pub(super) static HALF: Lazy = Lazy::folded(r"6\s*tháng\s*(đầu|cuối)\s*năm\s*((?:19|20)[0-9]{2})");

const RECURRING: &[&str] = &[
    "hằng năm",
    "hàng năm",
    "hằng quý",
    "hàng quý",
    "hằng tháng",
    "hàng tháng",
    "hằng tuần",
    "hàng tuần",
    "định kỳ",
    "thường niên",
    "mỗi năm",
    "hằng ngày",
    "hàng ngày",
];
const CONTINUOUS: &[&str] = &["thường xuyên", "liên tục", "suốt", "lâu dài"];
const CONDITIONAL: &[&str] =
    &["sau khi", "khi có", "khi được", "theo hướng dẫn", "theo chỉ đạo", "chờ", "tùy theo", "tùy thuộc"];

/// Read a deadline cell: its kind and, when known, the first and last day it can mean.
pub(super) fn parse_deadline(opts: ExtractOptions, text: &str) -> (DeadlineKind, Option<Date>, Option<Date>) {
    let t = text.trim();
    if t.is_empty() {
        return (DeadlineKind::Empty, None, None);
    }
    let lower = to_lower(t);
    // `Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025`: the deadlines are
    // another document's; the date is that document's, not the task's.
    let cites = lower
        .as_bytes()
        .windows(3)
        .any(|w| matches!(w, [d, b'/', l] if d.is_ascii_digit() && (l.is_ascii_alphabetic() || *l >= 0x80)));
    if lower.starts_with("theo ") && cites {
        return (DeadlineKind::Other, None, None);
    }
    // Only a text with digits has dates in it (`Hằng năm`, `Thường xuyên` have none).
    let (start, end) = if lower.bytes().any(|b| b.is_ascii_digit()) { bounds(opts, &lower) } else { (None, None) };
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if lower.starts_with("đã ") {
        return (DeadlineKind::Done, start, end);
    }
    if has(CONDITIONAL) {
        return (DeadlineKind::Conditional, None, None);
    }
    if CONTINUOUS.iter().any(|w| lower.starts_with(w)) {
        return (DeadlineKind::Continuous, start, end);
    }
    if has(RECURRING) {
        return (DeadlineKind::Recurring, start, end);
    }
    if has(CONTINUOUS) {
        return (DeadlineKind::Continuous, start, end);
    }
    let before =
        ["trước", "chậm nhất", "không quá", "hoàn thành trước", "xong trước"].iter().any(|w| lower.starts_with(w));
    if before && end.is_some() {
        return (DeadlineKind::BeforeDate, None, end);
    }
    match classify_bounds(opts, &lower) {
        Some(kind) if start.is_some() || end.is_some() => (kind, start, end),
        _ => (DeadlineKind::Other, start, end),
    }
}

fn classify_bounds(opts: ExtractOptions, lower: &str) -> Option<DeadlineKind> {
    if let Some(d) = date_at(opts, lower, 0).or_else(|| find_dates(opts, lower).into_iter().next())
        && d.day.is_some()
    {
        return Some(DeadlineKind::Date);
    }
    if ROMAN_QUARTER.is_match(opts, lower)
        || MONTH_RANGE.is_match(opts, lower)
        || YEAR_RANGE.is_match(opts, lower)
        || HALF.is_match(opts, lower)
    {
        return Some(DeadlineKind::Range);
    }
    if MONTHS.is_match(opts, lower) {
        return Some(DeadlineKind::Month);
    }
    YEAR.is_match(opts, lower).then_some(DeadlineKind::Year)
}

/// First and last day a deadline text can mean.
fn bounds(opts: ExtractOptions, lower: &str) -> (Option<Date>, Option<Date>) {
    if let Some(d) = find_dates(opts, lower).into_iter().find(|d| d.status() == DateStatus::Complete) {
        let date = d.year.zip(d.month).zip(d.day).and_then(|((y, m), day)| Date::new(y, m, day));
        return (date, date);
    }
    if let Some(c) = ROMAN_QUARTER.captures(opts, lower) {
        let q = match c.get(1).map(|m| m.as_str().to_uppercase()).as_deref() {
            Some("I" | "1") => 1,
            Some("II" | "2") => 2,
            Some("III" | "3") => 3,
            _ => 4,
        };
        let Some(y) = int::<i32>(&c, 2) else {
            return (None, None);
        };
        return (Date::month_start(y, q * 3 - 2), Date::month_end(y, q * 3));
    }
    if let Some(c) = HALF.captures(opts, lower)
        && let Some(y) = int::<i32>(&c, 2)
    {
        return if c.get(1).is_some_and(|m| m.as_str() == "đầu") {
            (Date::month_start(y, 1), Date::month_end(y, 6))
        } else {
            (Date::month_start(y, 7), Date::month_end(y, 12))
        };
    }
    if let Some(c) = MONTH_RANGE.captures(opts, lower)
        && let (Some(m1), Some(m2), Some(y2)) = (int::<u32>(&c, 1), int::<u32>(&c, 3), int::<i32>(&c, 4))
    {
        let y1 = int::<i32>(&c, 2).unwrap_or(y2);
        return (Date::month_start(y1, m1), Date::month_end(y2, m2));
    }
    if let Some(c) = MONTHS.captures(opts, lower)
        && let Some(y) = int::<i32>(&c, 2)
    {
        let months: Vec<u32> = c
            .get(1)
            .map_or("", |m| m.as_str())
            .split(|ch: char| !ch.is_ascii_digit())
            .filter_map(|s| s.parse().ok())
            .collect();
        let (Some(first), Some(last)) = (months.iter().min(), months.iter().max()) else {
            return (None, None);
        };
        return (Date::month_start(y, *first), Date::month_end(y, *last));
    }
    if let Some(c) = YEAR_RANGE.captures(opts, lower)
        && let (Some(a), Some(b)) = (int::<i32>(&c, 1), int::<i32>(&c, 2))
        && a <= b
    {
        return (Date::new(a, 1, 1), Date::new(b, 12, 31));
    }
    if let Some(c) = YEAR.captures(opts, lower)
        && let Some(y) = int::<i32>(&c, 1)
    {
        if lower.starts_with("trước năm") {
            return (None, Date::new(y - 1, 12, 31));
        }
        return (Date::new(y, 1, 1), Date::new(y, 12, 31));
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    /// The options extraction runs with by default.
    const OPTS: crate::extract::ExtractOptions = crate::extract::ExtractOptions { fold_case: false };

    use super::*;

    #[test]
    fn regexes_compile() {
        super::super::re::assert_all_compile(&[
            &NUMERIC,
            &WORDS,
            &NUMERIC_AT,
            &WORDS_AT,
            &PERIOD_RANGE,
            &PERIOD_UNTIL,
            &PERIOD_YEAR,
            &ROMAN_QUARTER,
            &MONTH_RANGE,
            &MONTHS,
            &YEAR_RANGE,
            &YEAR,
            &HALF,
        ]);
    }

    #[test]
    fn a_capitalised_ngay_before_a_numeric_date() {
        let d = date_at(OPTS, "Ngày 04/11/2025 của Uỷ ban", 0).unwrap();
        assert_eq!((d.day, d.month, d.year, d.end), (Some(4), Some(11), Some(2025), "Ngày 04/11/2025".len()));
    }

    #[test]
    fn numeric_dates_read_plainly_agree_with_the_capture_groups() {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "1", "12", "3", "2025", "1999", "20", "19", "/", ".", "-", " ", "\t", "\u{a0}", "٣", "ngày ", "x",
        ]);
        let mut runner = proptest::test_runner::TestRunner::default();
        let strategy = proptest::collection::vec(pieces, 0..12).prop_map(|v| v.concat());
        runner
            .run(&strategy, |t| {
                for m in NUMERIC.find_iter(OPTS, &t) {
                    let c = NUMERIC.captures_at(OPTS, &t, m.start()).unwrap();
                    prop_assert_eq!(c.get(0).map(|g| (g.start(), g.end())), Some((m.start(), m.end())));
                    if let Some(parts) = numeric_parts(m.as_str()) {
                        prop_assert_eq!(parts, (int::<u32>(&c, 1), int::<u32>(&c, 3), int::<i32>(&c, 4)));
                    }
                }
                Ok(())
            })
            .unwrap();
    }

    fn d(y: i32, m: u32, day: u32) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn dates_in_both_forms_partial_and_impossible() {
        let t = "ngày 16 tháng 5 năm 2023 và 09/3/2023; Lục Bình, ngày  tháng 5 năm 2023; 31/02/2023";
        let found = find_dates(OPTS, t);
        let parts: Vec<_> = found.iter().map(|d| (d.day, d.month, d.year, d.form, d.status())).collect();
        assert_eq!(
            parts,
            [
                (Some(16), Some(5), Some(2023), DateForm::Words, DateStatus::Complete),
                (Some(9), Some(3), Some(2023), DateForm::Numeric, DateStatus::Complete),
                (None, Some(5), Some(2023), DateForm::Words, DateStatus::Partial),
                (Some(31), Some(2), Some(2023), DateForm::Numeric, DateStatus::Invalid),
            ]
        );
        assert_eq!(t.get(found[0].start..found[0].end), Some("ngày 16 tháng 5 năm 2023"));
        let caption = date_at(OPTS, "ngày /01/2026 của", 0).unwrap();
        assert_eq!(
            (caption.day, caption.month, caption.year, caption.status()),
            (None, Some(1), Some(2026), DateStatus::Partial)
        );
        let blank = date_at(OPTS, "ngày / /2025", 0).unwrap();
        assert_eq!((blank.day, blank.month, blank.year), (None, None, Some(2025)));
        assert_eq!(date_at(OPTS, "13/13/2023", 0).unwrap().status(), DateStatus::Invalid);
        assert!(find_dates(OPTS, "giai đoạn 2021-2025, 07/4 hằng năm, 1.000/10.000").is_empty());
    }

    #[test]
    fn periods() {
        let p = |t: &str| find_period(OPTS, t).map(|(_, _, k, a, b)| (k, a, b));
        assert_eq!(p("giai đoạn 2021-2025, tầm nhìn đến năm 2030"), Some((PeriodKind::Range, Some(2021), 2025)));
        assert_eq!(p("Bảo vệ, chăm sóc sức khỏe Nhân dân năm 2024"), Some((PeriodKind::Year, Some(2024), 2024)));
        assert_eq!(p("Bộ tiêu chí quốc gia về y tế xã giai đoạn đến năm 2030"), Some((PeriodKind::Until, None, 2030)));
        assert_eq!(p("một số nhiệm vụ, giải pháp đột phá"), None);
    }

    #[test]
    fn deadlines_of_every_kind() {
        let k = |t: &str| parse_deadline(OPTS, t);
        // Another document's schedule: its date is not the task's.
        assert_eq!(
            k("Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh"),
            (DeadlineKind::Other, None, None)
        );
        assert_eq!(k(""), (DeadlineKind::Empty, None, None));
        assert_eq!(k("Trước 30/5/2023"), (DeadlineKind::BeforeDate, None, d(2023, 5, 30)));
        assert_eq!(k("Tháng 5 - tháng 10/2023"), (DeadlineKind::Range, d(2023, 5, 1), d(2023, 10, 31)));
        assert_eq!(k("Quý I/2026"), (DeadlineKind::Range, d(2026, 1, 1), d(2026, 3, 31)));
        assert_eq!(k("Đã triển khai tháng 3,4/2023"), (DeadlineKind::Done, d(2023, 3, 1), d(2023, 4, 30)));
        assert_eq!(k("Tháng 4/2023"), (DeadlineKind::Month, d(2023, 4, 1), d(2023, 4, 30)));
        assert_eq!(k("2026-2030"), (DeadlineKind::Range, d(2026, 1, 1), d(2030, 12, 31)));
        assert_eq!(k("Năm 2024"), (DeadlineKind::Year, d(2024, 1, 1), d(2024, 12, 31)));
        assert_eq!(k("30/11/2023"), (DeadlineKind::Date, d(2023, 11, 30), d(2023, 11, 30)));
        assert_eq!(k("Hằng năm").0, DeadlineKind::Recurring);
        assert_eq!(k("Hằng năm trong giai đoạn 2026-2030"), (DeadlineKind::Recurring, d(2026, 1, 1), d(2030, 12, 31)));
        assert_eq!(k("Theo giai đoạn hoặc hằng năm").0, DeadlineKind::Recurring);
        assert_eq!(k("Thường xuyên").0, DeadlineKind::Continuous);
        assert_eq!(k("Sau khi có hướng dẫn").0, DeadlineKind::Conditional);
        assert_eq!(k("Theo Kế hoạch chuyển đổi số hàng năm của UBND xã").0, DeadlineKind::Recurring);
        assert_eq!(k("6 tháng đầu năm 2024"), (DeadlineKind::Range, d(2024, 1, 1), d(2024, 6, 30)));
        assert_eq!(k("Khi cần thiết").0, DeadlineKind::Other);
    }
}
