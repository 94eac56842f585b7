//! Targets in running text. A paragraph is split into sentences and clauses (`;`, `:`); each
//! quantity becomes a target whose indicator is the one named nearest before it in the same
//! clause (or after it, for `trên 60% dân số được quản lý…`), and whose year is the nearest
//! `năm YYYY` (or the end of `giai đoạn 2026–2027`) before it in the clause, a clause before it
//! in the sentence that holds a year and no quantity (`- Đến năm 2030: A; B`), a
//! sentence-opening `Đến năm 2030,`, or the heading's year.
//! An indicator announced with `đạt`/`còn`… and no number after it is a target with a missing
//! value; a specific objective with no quantity at all is a qualitative target.

use super::ExtractOptions;
use super::dates::{DateMatch, find_dates, has_year};
use super::mapped::Mapped;
use super::numbers::{Quantity, masks, quantities, unit_after_number};
use super::re::Lazy;
use crate::memo::{Memo, remember_keyed, salt_of};
use crate::model::{Number, StatedIn, Target, Text, Unit, UnitKind, ValueStatus, YearSource};
use crate::registry::IndicatorVocab;
use crate::source::SourceFile;

pub(super) static YEAR_MARKER: Lazy = Lazy::folded(
    r"(?:(?:đến\s+hết|đến|tới|từ|trong|vào|cuối|hết|sau)\s+)?năm\s+((?:19|20)[0-9]{2})|(?:đến|tới)\s+((?:19|20)[0-9]{2})(?:[^0-9]|$)|giai\s+đoạn\s+(?:19|20)[0-9]{2}\s*[-–]\s*((?:19|20)[0-9]{2})",
);
pub(super) static SENTENCE_OPENING: Lazy = Lazy::folded(
    r"^[\s\-+•]*(?:phấn\s+đấu\s+|bảo\s+đảm\s+|đảm\s+bảo\s+)?(?:đến\s+hết|đến|tới|từ|trong|vào|cuối|hết)?\s*năm\s+(?:19|20)[0-9]{2}\s*,",
);
pub(super) static ANNOUNCE: Lazy = Lazy::folded(
    r"^\s*(?:\S+\s+)??(?:đạt|xuống\s+còn|giảm\s+còn|còn|ở\s+mức)\b\s*(?:trên|dưới|tối\s+thiểu|ít\s+nhất|khoảng|từ)?\b\s*",
);
/// What follows an announced value that never came: another indicator or a new verb.
pub(super) static NO_VALUE_FOLLOWS: Lazy =
    Lazy::folded(r"^(?:giảm|tăng|nâng|hạ|duy\s+trì|tỷ\s+lệ|tỉ\s+lệ|tỷ\s+suất|số\s+lượng)\b");

/// Words that can announce a value (a cheap test before looking for indicators).
/// What a statement of a missing value or of a zero target contains: the `tỷ lệ`/`tỷ suất` the
/// announced value belongs to, or `không để`.
pub(super) static ANNOUNCE_ANYWHERE: Lazy =
    Lazy::folded_prefiltered(r"(?:tỷ|tỉ)\s+(?:lệ|suất)[^;.]*?(?:đạt|còn|ở\s+mức)|không\s+để");

/// `Không để … xảy ra`: a target of zero.
pub(super) static NONE_TO_HAPPEN: Lazy = Lazy::folded(r"không\s+để\s(?:[^;.]*?)xảy\s+ra");

/// Where a paragraph's targets come from and what to do with a paragraph without any.
pub(super) struct Context<'a> {
    pub(super) src: &'a SourceFile,
    pub(super) vocab: &'a IndicatorVocab,
    pub(super) stated_in: StatedIn,
    pub(super) label: Option<String>,
    pub(super) heading_year: Option<i32>,
    /// Emit one qualitative target when the paragraph has no quantity (specific objectives).
    pub(super) qualitative: bool,
    /// The label the paragraph is listed under (`Đối với các trường tiểu học:`).
    pub(super) group: Option<Text>,
}

fn ranges_split(text: &str, from: usize, to: usize, seps: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = from;
    let part = text.get(from..to).unwrap_or_default();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for sep in seps {
        // Every separator starts with an ASCII byte: find those, then compare the rest.
        let Some(&first) = sep.as_bytes().first() else { continue };
        let mut next = 0;
        for i in memchr::memchr_iter(first, part.as_bytes()) {
            if i >= next && part.as_bytes().get(i..).is_some_and(|r| r.starts_with(sep.as_bytes())) {
                cuts.push((from + i, from + i + sep.len()));
                next = i + sep.len();
            }
        }
    }
    cuts.sort_unstable();
    for (a, b) in cuts {
        if a >= start {
            out.push((start, a));
            start = b;
        }
    }
    out.push((start, to));
    out.retain(|(a, b)| text.get(*a..*b).is_some_and(|s| !s.trim().is_empty()));
    out
}

/// Sentence ranges: cut after `.`, `!`, `?` followed by a space and a capital letter or digit.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        if bytes.get(i + 1) == Some(&b' ')
            && text.get(i + 2..).and_then(|r| r.chars().next()).is_some_and(|n| n.is_uppercase() || n.is_ascii_digit())
        {
            out.push((start, i + 1));
            start = i + 2;
        }
    }
    out.push((start, text.len()));
    out
}

/// The year of a [`YEAR_MARKER`] match, as its capture group would give it: the four digits
/// that end the match, or that end it but for the one non-digit the second alternative takes.
/// `None` when they are not ASCII digits (the group does not parse).
fn marker_year(m: &str) -> Option<i32> {
    let digits = match m.as_bytes().last() {
        Some(b) if b.is_ascii_digit() => m,
        // `(?:đến|tới)\s+(year)(?:[^0-9]|$)`: drop the non-digit that ends the match.
        _ => m.get(..m.char_indices().next_back()?.0)?,
    };
    let year = digits.get(digits.len().checked_sub(4)?..)?;
    if year.bytes().all(|b| b.is_ascii_digit()) { year.parse().ok() } else { None }
}

struct Marker {
    start: usize,
    year: i32,
}

/// The targets a paragraph states. `extra_masks` are byte ranges (citations, dates) whose
/// numbers are not values; `key` is the paragraph's key for the memories of texts.
pub(super) fn from_paragraph(
    opts: ExtractOptions,
    ctx: &Context<'_>,
    para: &Mapped,
    citations: &[(usize, usize)],
    key: crate::memo::TextKey,
) -> Vec<Target> {
    thread_local! {
        static UNIT_AFTER: Memo<bool> = Memo::default();
        static ANNOUNCED: Memo<bool> = Memo::default();
        static DATES: Memo<std::rc::Rc<[DateMatch]>> = Memo::default();
        static MASKS: Memo<Vec<(usize, usize)>> = Memo::default();
        static QUANTITIES: Memo<Vec<Quantity>> = Memo::default();
        static YEARS: Memo<std::rc::Rc<[(usize, usize, i32)]>> = Memo::default();
    }
    let text = para.text.as_str();
    let announces = || remember_keyed(&ANNOUNCED, key, 0, || ANNOUNCE_ANYWHERE.is_match(opts, text));
    // Most running text has numbers (dates, years) but none followed by a unit: one cheap test
    // spares it the rest.
    let maybe_quantity = remember_keyed(&UNIT_AFTER, key, 0, || unit_after_number(opts, text));
    if !maybe_quantity && !ctx.qualitative && !announces() {
        return Vec::new();
    }
    let mut extra_masks = citations.to_vec();
    extra_masks
        .extend(remember_keyed(&DATES, key, 0, || find_dates(opts, text).into()).iter().map(|d| (d.start, d.end)));
    let extra_masks = extra_masks.as_slice();
    let qs = if maybe_quantity {
        let mut masked = remember_keyed(&MASKS, key, 0, || masks(opts, text));
        masked.extend_from_slice(extra_masks);
        remember_keyed(&QUANTITIES, key, salt_of(&masked), || quantities(opts, text, &masked))
    } else {
        Vec::new()
    };
    // Running text with no quantity and no announced value states no target.
    if qs.is_empty() && !ctx.qualitative && !announces() {
        return Vec::new();
    }
    let indicators = ctx.vocab.find_all_keyed(text, key);
    // Every year marker holds a four-digit year: a paragraph without one is not searched.
    let found = remember_keyed(&YEARS, key, 0, || {
        let searched = if has_year(text) { text } else { "" };
        YEAR_MARKER
            .find_iter(opts, searched)
            .filter_map(|all| Some((all.start(), all.end(), marker_year(all.as_str())?)))
            .collect::<Vec<_>>()
            .into()
    });
    let markers: Vec<Marker> = found
        .iter()
        .filter_map(|&(start, end, year)| {
            let inside_citation = extra_masks.iter().any(|&(a, b)| start < b && a < end);
            let range_follows = text.get(end..).is_some_and(|r| r.trim_start().starts_with(['-', '–']));
            (!inside_citation && !range_follows).then_some(Marker { start, year })
        })
        .collect();
    let mut out = Vec::new();
    let mut used_indicators = vec![false; indicators.len()];
    for (sa, sb) in sentences(text) {
        let sentence = text.get(sa..sb).unwrap_or_default();
        // The opening names the year of a marker: without markers it gives none.
        let opening_year = (!markers.is_empty())
            .then(|| SENTENCE_OPENING.find(opts, sentence))
            .flatten()
            .and_then(|m| markers.iter().find(|k| k.start >= sa && k.start < sa + m.end()))
            .map(|k| k.year);
        // A clause with a year and no quantity (`- Đến năm 2030: A; B`, `Năm 2025: …; năm 2026:
        // …`) gives its year to the clauses after it in the sentence, until the next such clause.
        let mut lead: Option<i32> = None;
        for (ca, cb) in ranges_split(text, sa, sb, &[";", ": "]) {
            let in_clause = |a: usize| a >= ca && a < cb;
            let opening_year = lead.or(opening_year);
            if !qs.iter().any(|q| in_clause(q.start))
                && let Some(m) = markers.iter().filter(|m| in_clause(m.start)).max_by_key(|m| m.start)
            {
                lead = Some(m.year);
            }
            for q in qs.iter().filter(|q| in_clause(q.start)) {
                let Some(value_at) = q.value.map(|v| v.start) else {
                    continue;
                };
                // A number inside an indicator's own name (`khám thai ít nhất 3 lần`) is no value.
                if indicators.iter().any(|m| m.start <= value_at && value_at < m.end) {
                    continue;
                }
                // Named in the unit (`bác sĩ/trạm y tế`), else nearest before, else nearest after.
                let inside = indicators.iter().enumerate().find(|(_, m)| m.start < q.end && value_at < m.end);
                let before = indicators
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| in_clause(m.start) && m.end <= value_at)
                    .max_by_key(|(_, m)| m.end);
                let after = indicators
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| in_clause(m.start) && m.start >= q.end)
                    .min_by_key(|(_, m)| m.start);
                let chosen = inside.or(before).or(after);
                if !accept(ctx, q, chosen.is_some()) {
                    continue;
                }
                if let Some((i, _)) = chosen
                    && let Some(u) = used_indicators.get_mut(i)
                {
                    *u = true;
                }
                let (year, year_source) = year_of(ctx, &markers, ca, cb, value_at, opening_year);
                out.push(build(
                    ctx,
                    para,
                    (ca, cb),
                    q,
                    chosen.map(|(_, m)| (m.indicator.id.clone(), m.start, m.end)),
                    year,
                    year_source,
                ));
            }
            // An indicator announced with no number after it.
            for (i, m) in indicators.iter().enumerate() {
                if !in_clause(m.start) || used_indicators.get(i).copied().unwrap_or(true) {
                    continue;
                }
                let rest = text.get(m.end..cb).unwrap_or_default();
                let Some(a) = ANNOUNCE.find(opts, rest) else {
                    continue;
                };
                let next = rest.get(a.end()..).unwrap_or_default();
                // `… đạt` at the end of the clause, or `… đạt giảm tỷ lệ …`: the value is missing.
                let ends = next.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation()).is_empty();
                if ends || NO_VALUE_FOLLOWS.is_match(opts, next) {
                    let (year, year_source) = year_of(ctx, &markers, ca, cb, m.start, opening_year);
                    let mut t = empty_target(ctx, para, (ca, cb), ValueStatus::Missing, year, year_source);
                    t.indicator = Some(m.indicator.id.clone());
                    t.indicator_text = Some(para.text_of(ctx.src, m.start, m.end));
                    out.push(t);
                }
            }
        }
    }
    // `Không để số ca, số vụ ngộ độc thực phẩm xảy ra`: zero, when an indicator is named.
    if out.is_empty()
        && let Some(z) = NONE_TO_HAPPEN.find(opts, text)
        && let Some(m) = indicators.iter().find(|m| m.start >= z.start() && m.end <= z.end())
    {
        let (sa, sb) =
            sentences(text).into_iter().find(|(a, b)| *a <= z.start() && z.start() < *b).unwrap_or((0, text.len()));
        let mut t = empty_target(ctx, para, (sa, sb), ValueStatus::Ok, None, None);
        (t.year, t.year_source) = year_of(ctx, &markers, sa, sb, z.start(), None);
        t.indicator = Some(m.indicator.id.clone());
        t.indicator_text = Some(para.text_of(ctx.src, m.start, m.end));
        t.comparator = Some(crate::model::Comparator::Le);
        t.comparator_text = Some(para.text_of(ctx.src, z.start(), z.end()));
        t.value = Some(Number {
            value: crate::model::Decimal::from_int(0),
            raw: z.as_str().to_owned(),
            span: para.span_of(ctx.src, z.start(), z.end()),
        });
        out.push(t);
    }
    if out.is_empty() && ctx.qualitative {
        let t = text.trim();
        // `(Phân công nhiệm vụ theo Phụ lục đính kèm)`: a note, not an objective.
        let note = t.starts_with('(') && t.ends_with(')');
        if t.chars().count() >= 15 && !t.ends_with(':') && !note {
            // A number that is not a date, a year or part of a citation makes the objective
            // measurable (`có thêm 12 xã đạt chuẩn`, `ít nhất 03 điều dưỡng`, `mức độ 3`), even
            // when it names no indicator of the vocabulary; a garbled one (`7,,2`) is malformed.
            let mut number_masks = extra_masks.to_vec();
            number_masks.extend(markers.iter().map(|m| (m.start, m.start + 4)));
            number_masks.extend(YEAR_MARKER.find_iter(opts, text).map(|m| (m.start(), m.end())));
            let status = match plain_number(text, &number_masks) {
                Some(NumberForm::Malformed(a, b)) => {
                    let mut target = empty_target(ctx, para, (0, text.len()), ValueStatus::Malformed, None, None);
                    target.value_raw = Some(para.text_of(ctx.src, a, b));
                    (target.year, target.year_source) = year_of(ctx, &markers, 0, text.len(), a, None);
                    out.push(target);
                    return out;
                }
                Some(NumberForm::Plain) => ValueStatus::Ok,
                None => ValueStatus::Absent,
            };
            let mut target = empty_target(ctx, para, (0, text.len()), status, None, None);
            target.year = markers.first().map(|m| m.year).or(ctx.heading_year);
            target.year_source =
                markers.first().map(|_| YearSource::Sentence).or(ctx.heading_year.map(|_| YearSource::Heading));
            if let Some(m) = indicators.first() {
                target.indicator = Some(m.indicator.id.clone());
                target.indicator_text = Some(para.text_of(ctx.src, m.start, m.end));
            }
            out.push(target);
        }
    }
    out
}

/// What a plain number of a text looks like.
enum NumberForm {
    Plain,
    /// A number with doubled or dangling separators (`7,,2`, `0,5 0,`): where it is.
    Malformed(usize, usize),
}

/// The first number of `text` outside `masks` that stands on its own (not glued to letters:
/// `Covid-19`, `5G` are names): plain, or malformed when its separators are doubled.
fn plain_number(text: &str, masks: &[(usize, usize)]) -> Option<NumberForm> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut found = None;
    while i < bytes.len() {
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut doubled = false;
        while end < bytes.len() {
            match bytes.get(end) {
                Some(b) if b.is_ascii_digit() => end += 1,
                Some(b',' | b'.') => {
                    let run = bytes.get(end..).map_or(0, |r| r.iter().take_while(|b| matches!(b, b',' | b'.')).count());
                    if bytes.get(end + run).is_some_and(u8::is_ascii_digit) {
                        doubled |= run > 1;
                        end += run;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        i = end.max(start + 1);
        if masks.iter().any(|&(a, b)| start < b && a < end) {
            continue;
        }
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() || c == '-' || c == '/');
        let before = text.get(..start).and_then(|p| p.chars().next_back());
        let after = text.get(end..).and_then(|r| r.chars().next());
        if glued(before)
            || (after.is_some_and(char::is_alphabetic)
                && !text.get(end..).is_some_and(|r| r.starts_with(|c: char| c.is_uppercase())))
        {
            continue;
        }
        if doubled {
            return Some(NumberForm::Malformed(start, end));
        }
        found.get_or_insert(NumberForm::Plain);
    }
    found
}

/// Whom or where a value is set for: the words after it that start with `ở`, `tại`, `đối với`,
/// `trong`, `cho`, up to the next `và`, comma or the end of the clause.
fn subject_after(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    const STARTS: [&str; 6] = ["ở ", "tại ", "đối với ", "trong ", "cho ", "thuộc "];
    let rest = text.get(from..to)?;
    let trimmed = rest.trim_start_matches([' ', ')']);
    let at = from + (rest.len() - trimmed.len());
    let lower = crate::text::lower(trimmed.get(..trimmed.len().min(12)).unwrap_or(trimmed));
    if !STARTS.iter().any(|s| lower.starts_with(s)) {
        return None;
    }
    let end = [" và ", ",", ";", "(", " đạt ", " trở lên"]
        .iter()
        .filter_map(|stop| trimmed.find(stop))
        .min()
        .unwrap_or(trimmed.trim_end_matches(['.', ' ']).len());
    (end > 0).then_some((at, at + end))
}

/// Whether a quantity is a target in this context.
fn accept(ctx: &Context<'_>, q: &Quantity, has_indicator: bool) -> bool {
    let Some((unit, _, _)) = q.unit else {
        return false;
    };
    if has_indicator {
        return true;
    }
    let objectives = matches!(ctx.stated_in, StatedIn::Objectives | StatedIn::GeneralObjectives | StatedIn::Appendix);
    objectives
        && match unit {
            UnitKind::Percent
            | UnitKind::PerMille
            | UnitKind::Per10k
            | UnitKind::Per100k
            | UnitKind::Cm
            | UnitKind::PerStation => true,
            UnitKind::Years => q.comparator.is_some(),
            UnitKind::Count | UnitKind::Visits | UnitKind::TimesPerYear | UnitKind::Points => false,
        }
}

fn year_of(
    ctx: &Context<'_>,
    markers: &[Marker],
    ca: usize,
    cb: usize,
    at: usize,
    opening: Option<i32>,
) -> (Option<i32>, Option<YearSource>) {
    let before = markers.iter().filter(|m| m.start >= ca && m.start < at).max_by_key(|m| m.start);
    let after = markers.iter().filter(|m| m.start > at && m.start < cb).min_by_key(|m| m.start);
    match before.or(after).map(|m| m.year).or(opening) {
        Some(y) => (Some(y), Some(YearSource::Sentence)),
        None => (ctx.heading_year, ctx.heading_year.map(|_| YearSource::Heading)),
    }
}

fn empty_target(
    ctx: &Context<'_>,
    para: &Mapped,
    clause: (usize, usize),
    status: ValueStatus,
    year: Option<i32>,
    ys: Option<YearSource>,
) -> Target {
    Target {
        text: clause_text(ctx.src, para, clause),
        label: ctx.label.clone(),
        indicator: None,
        indicator_text: None,
        comparator: None,
        comparator_text: None,
        change: None,
        value: None,
        value_max: None,
        value_status: status,
        value_raw: None,
        unit: None,
        year,
        year_source: ys,
        stated_in: ctx.stated_in,
        subject: ctx.group.clone(),
        key: None,
    }
}

fn clause_text(src: &SourceFile, para: &Mapped, (a, b): (usize, usize)) -> Text {
    let t = para.text.get(a..b).unwrap_or_default();
    let trimmed_end = t.trim_end_matches([' ', '.', ';', ',']).len();
    para.text_of(src, a, a + trimmed_end)
}

fn build(
    ctx: &Context<'_>,
    para: &Mapped,
    clause: (usize, usize),
    q: &Quantity,
    indicator: Option<(String, usize, usize)>,
    year: Option<i32>,
    ys: Option<YearSource>,
) -> Target {
    let src = ctx.src;
    let number = |n: Option<super::numbers::NumTok>| {
        n.map(|n| Number {
            value: n.value,
            raw: para.text.get(n.start..n.end).unwrap_or_default().to_owned(),
            span: para.span_of(src, n.start, n.end),
        })
    };
    let mut t = empty_target(
        ctx,
        para,
        clause,
        if q.malformed.is_some() { ValueStatus::Malformed } else { ValueStatus::Ok },
        year,
        ys,
    );
    t.indicator_text = indicator.as_ref().map(|(_, a, b)| para.text_of(src, *a, *b));
    t.indicator = indicator.map(|(id, _, _)| id);
    t.comparator = q.comparator.map(|c| c.0);
    t.comparator_text = q.comparator.map(|(_, a, b)| para.text_of(src, a, b));
    t.change = q.change;
    t.value = number(q.value);
    t.value_max = number(q.value_max);
    t.value_raw = q.malformed.map(|(a, b)| para.text_of(src, a, b));
    if let Some((a, b)) = subject_after(&para.text, q.end, clause.1) {
        t.subject = Some(para.text_of(src, a, b));
    }
    t.unit = q.unit.map(|(kind, a, b)| Unit {
        kind,
        text: para.text.get(a..b).unwrap_or_default().to_owned(),
        span: para.span_of(src, a, b),
    });
    // `bác sỹ/vạn dân đạt 6,48 bác sỹ`: the denominator is in the indicator's words.
    if let (Some(unit), Some(words)) = (t.unit.as_mut(), t.indicator_text.as_ref())
        && unit.kind == UnitKind::Count
        && (words.text.contains("vạn dân") || words.text.contains("10.000 dân"))
    {
        unit.kind = UnitKind::Per10k;
    }
    t
}

#[cfg(test)]
mod tests {
    /// The options extraction runs with by default.
    const OPTS: crate::extract::ExtractOptions = crate::extract::ExtractOptions { fold_case: false };

    use super::super::numbers::{UNIT_AFTER_DIGIT, UNIT_AFTER_NUMBER};
    use super::super::re::int;
    use super::*;
    use crate::model::Comparator;

    #[test]
    fn regexes_compile() {
        super::super::re::assert_all_compile(&[
            &YEAR_MARKER,
            &SENTENCE_OPENING,
            &ANNOUNCE,
            &NO_VALUE_FOLLOWS,
            &NONE_TO_HAPPEN,
            &ANNOUNCE_ANYWHERE,
            &UNIT_AFTER_NUMBER,
            &UNIT_AFTER_DIGIT,
        ]);
    }

    #[test]
    fn the_unit_test_agrees_with_its_regex() {
        // No digit other than 0–9 below U+0660, nor among the Vietnamese letters.
        let digit = regex::Regex::new(r"^\d$").unwrap();
        for c in (0x3A..0x660u32).chain(0x1E00..0x1F00).filter_map(char::from_u32) {
            assert!(!digit.is_match(c.encode_utf8(&mut [0; 4])), "{c:?}");
        }
        let words = [
            "%",
            "‰",
            "cm",
            "tuổi",
            "năm",
            "lượt",
            "lần",
            "điểm",
            "xã",
            "phường",
            "thị",
            "thôn",
            "bản",
            "trạm",
            "cơ",
            "người",
            "ca",
            "vụ",
            "bác",
            "giường",
            "trường",
            "hộ",
            "/10.000",
            "/ vạn",
            "/100.000",
            "/trạm",
        ];
        for w in words {
            for word in [w.to_owned(), w.to_uppercase(), crate::text::lower(w)] {
                for sep in ["", " ", ",", ".", ", ", "\u{a0}", ",\t"] {
                    for digit in ["5", "٣", "５", "½"] {
                        let t = format!("x {digit}{sep}{word} y");
                        assert_eq!(unit_after_number(OPTS, &t), UNIT_AFTER_NUMBER.is_match(OPTS, &t), "{t:?}");
                    }
                }
            }
        }
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "1",
            "9",
            "2030",
            "٣",
            "５",
            "½",
            ",",
            ".",
            " ",
            "\t",
            "\u{a0}",
            "%",
            "‰",
            "/",
            "cm",
            "CM",
            "Năm",
            "năm ",
            "tuổi",
            "TUỔI",
            "bác",
            "Bác",
            "vạn",
            "10.000",
            "x",
            "a",
            "-",
            "tr",
            "ường",
            "ạm",
            "ong",
            "ng",
            "ười",
            "h",
            "ộ",
            "Ộ",
            "ca",
            "c",
            "ơ",
            "Ơ",
            "“",
            "ſ",
            "K",
            "Kế hoạch phát triển kinh tế - xã hội của tỉnh ",
            "\u{1040}",
            "\u{17e0}",
            "ạ",
        ]);
        let mut runner = proptest::test_runner::TestRunner::default();
        let strategy = proptest::collection::vec(pieces, 0..40).prop_map(|v| v.concat());
        runner
            .run(&strategy, |t| {
                prop_assert_eq!(unit_after_number(OPTS, &t), UNIT_AFTER_NUMBER.is_match(OPTS, &t));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn clauses_and_sentences_split_as_with_str_searches() {
        let reference_split = |text: &str, from: usize, to: usize, seps: &[&str]| {
            let mut out = Vec::new();
            let mut start = from;
            let part = text.get(from..to).unwrap_or_default();
            let mut cuts: Vec<(usize, usize)> = Vec::new();
            for sep in seps {
                for (i, _) in part.match_indices(sep) {
                    cuts.push((from + i, from + i + sep.len()));
                }
            }
            cuts.sort_unstable();
            for (a, b) in cuts {
                if a >= start {
                    out.push((start, a));
                    start = b;
                }
            }
            out.push((start, to));
            out.retain(|(a, b)| text.get(*a..*b).is_some_and(|s| !s.trim().is_empty()));
            out
        };
        let reference_sentences = |text: &str| {
            let mut out = Vec::new();
            let mut start = 0;
            let bytes = text.as_bytes();
            for (i, c) in text.char_indices() {
                if matches!(c, '.' | '!' | '?')
                    && bytes.get(i + 1) == Some(&b' ')
                    && text
                        .get(i + 2..)
                        .and_then(|r| r.chars().next())
                        .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit())
                {
                    out.push((start, i + 1));
                    start = i + 2;
                }
            }
            out.push((start, text.len()));
            out
        };
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "a", "Ạ", "1", ".", "!", "?", " ", ";", ":", ": ", ";;", "::", "đạt", "Đến", "\u{a0}",
        ]);
        let mut runner = proptest::test_runner::TestRunner::default();
        let strategy = (proptest::collection::vec(pieces, 0..20).prop_map(|v| v.concat()), 0usize..40, 0usize..60);
        runner
            .run(&strategy, |(t, a, b)| {
                prop_assert_eq!(sentences(&t), reference_sentences(&t));
                let (a, b) = (a.min(t.len()), b.min(t.len()));
                prop_assert_eq!(ranges_split(&t, a, b, &[";", ": "]), reference_split(&t, a, b, &[";", ": "]));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn year_markers_by_find_agree_with_captures() {
        let texts = [
            "đạt 96%",
            "đạt 96 %",
            "2025, tỷ lệ",
            "94,3% trẻ em",
            "1.000 trẻ",
            "4-5 bác sĩ/trạm y tế",
            "6,48 bác sỹ/vạn dân",
            "15,05 giường bệnh/10.000 dân",
            "năm 2025",
            "12 Tháng",
            "đến 2030;",
            "đến 2030",
            "tới 2030 và",
            "đến năm 2030",
            "trong giai đoạn 2026–2027;",
            "giai đoạn 2021 - 2025, giai đoạn 2026-20٣٣",
            "năm 19٣٣ và đến 20٣٣x",
            "đến 20٣٣, tới 1999٣",
            "٣ người; ５% và ½% và 5½%",
            "3 CM; 4 Xã; 5 HỘ; 6 Người; 7 ĐIỂM",
            "5.\t%",
            "5\u{a0}%",
            "10/ 10.000",
            "không có số",
            "",
        ];
        for t in texts {
            let by_captures: Vec<(usize, Option<i32>)> = YEAR_MARKER
                .captures_iter(OPTS, t)
                .map(|c| (c.get(0).unwrap().start(), int(&c, 1).or_else(|| int(&c, 2)).or_else(|| int(&c, 3))))
                .collect();
            let by_find: Vec<(usize, Option<i32>)> =
                YEAR_MARKER.find_iter(OPTS, t).map(|m| (m.start(), marker_year(m.as_str()))).collect();
            assert_eq!(by_find, by_captures, "{t:?}");
        }
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "1",
            "9",
            "20",
            "19",
            "2030",
            "٣",
            "５",
            "½",
            ",",
            ".",
            " ",
            "\t",
            "\u{a0}",
            "%",
            "‰",
            "/",
            "cm",
            "CM",
            "Năm",
            "năm ",
            "đến ",
            "tới ",
            "từ ",
            "hết ",
            "tuổi",
            "bác",
            "vạn",
            "10.000",
            "x",
            "a",
            "-",
            "giai đoạn ",
            "–",
        ]);
        let mut runner = proptest::test_runner::TestRunner::default();
        let strategy = proptest::collection::vec(pieces, 0..14).prop_map(|v| v.concat());
        runner
            .run(&strategy, |t| {
                let by_captures: Vec<(usize, Option<i32>)> = YEAR_MARKER
                    .captures_iter(OPTS, &t)
                    .map(|c| {
                        (c.get(0).map_or(0, |m| m.start()), int(&c, 1).or_else(|| int(&c, 2)).or_else(|| int(&c, 3)))
                    })
                    .collect();
                let by_find: Vec<(usize, Option<i32>)> =
                    YEAR_MARKER.find_iter(OPTS, &t).map(|m| (m.start(), marker_year(m.as_str()))).collect();
                prop_assert_eq!(by_find, by_captures);
                Ok(())
            })
            .unwrap();
    }

    fn targets(text: &str, stated_in: StatedIn, heading_year: Option<i32>) -> Vec<Target> {
        let src = SourceFile::from_text("t.txt", text).unwrap();
        let vocab = crate::registry::builtin_indicators().unwrap();
        let ctx = Context {
            src: &src,
            vocab,
            stated_in,
            label: None,
            heading_year,
            qualitative: stated_in == StatedIn::Objectives,
            group: None,
        };
        let para = Mapped::copy(src.text(), 0, src.text().len());
        from_paragraph(OPTS, &ctx, &para, &[], crate::memo::text_key(&para.text))
    }

    type Summary<'a> = (Option<&'a str>, Option<String>, Option<Comparator>, Option<i32>, ValueStatus);

    fn summary(ts: &[Target]) -> Vec<Summary<'_>> {
        ts.iter()
            .map(|t| {
                (
                    t.indicator.as_deref(),
                    t.value.as_ref().map(|v| v.value.to_string()),
                    t.comparator,
                    t.year,
                    t.value_status,
                )
            })
            .collect()
    }

    #[test]
    fn years_from_the_clause_the_sentence_and_the_heading() {
        let ts = targets(
            "Đến năm 2026, tỉ lệ bao phủ bảo hiểm y tế đạt trên 96% dân số, đến năm 2030 đạt từ 98% trở lên. Đảm bảo đến năm 2027 có ít nhất từ 4-5 bác sĩ/trạm y tế; tỷ lệ khám bệnh, chữa bệnh bảo hiểm y tế tại trạm y tế cấp xã trên 20%.",
            StatedIn::Objectives,
            Some(2030),
        );
        assert_eq!(
            summary(&ts),
            [
                (Some("bhyt_coverage"), Some("96".into()), Some(Comparator::Gt), Some(2026), ValueStatus::Ok),
                (Some("bhyt_coverage"), Some("98".into()), Some(Comparator::Ge), Some(2030), ValueStatus::Ok),
                (Some("doctors_per_station"), Some("4".into()), Some(Comparator::Range), Some(2027), ValueStatus::Ok),
                (Some("bhyt_kcb_share_station"), Some("20".into()), Some(Comparator::Gt), Some(2030), ValueStatus::Ok),
            ]
        );
        assert_eq!(ts[3].year_source, Some(YearSource::Heading));
    }

    #[test]
    fn a_lead_in_clause_and_a_period_give_their_year() {
        // `Đến năm 2030:` leads the clauses after it, until `năm 2025:` leads the next; a clause
        // with its own quantity leads nothing (the last one has no year).
        let ts = targets(
            "- Đến năm 2030: tỉ lệ bao phủ bảo hiểm y tế đạt trên 96% dân số; tỷ lệ khám bệnh, chữa bệnh bảo hiểm y tế tại trạm y tế cấp xã trên 20%; năm 2025: tỉ lệ bao phủ bảo hiểm y tế đạt 95%. Tỉ lệ bao phủ bảo hiểm y tế đạt 94% vào năm 2024; tỷ lệ khám bệnh, chữa bệnh bảo hiểm y tế tại trạm y tế cấp xã trên 10%.",
            StatedIn::Body,
            None,
        );
        assert_eq!(
            ts.iter().map(|t| (t.value.as_ref().map(|v| v.value.to_string()), t.year)).collect::<Vec<_>>(),
            [
                (Some("96".into()), Some(2030)),
                (Some("20".into()), Some(2030)),
                (Some("95".into()), Some(2025)),
                (Some("94".into()), Some(2024)),
                (Some("10".into()), None),
            ]
        );
        // A period's end is the year of a target stated within it.
        let ts =
            targets("Tỉ lệ bao phủ bảo hiểm y tế đạt trên 96% dân số trong giai đoạn 2026–2027.", StatedIn::Body, None);
        assert_eq!(
            summary(&ts),
            [(Some("bhyt_coverage"), Some("96".into()), Some(Comparator::Gt), Some(2027), ValueStatus::Ok)]
        );
    }

    #[test]
    fn missing_value_and_nearest_indicator() {
        let ts = targets(
            "tỷ lệ nhiễm HIV trong cộng đồng chiếm 0,26%; tỷ lệ hộ gia đình sử dụng nhà tiêu vệ sinh đạt giảm tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể cân nặng/tuổi xuống dưới 16%; Tỷ suất chết trẻ em dưới 1 tuổi (1.000 trẻ đẻ ra sống) 29,19%",
            StatedIn::Body,
            None,
        );
        assert_eq!(
            summary(&ts),
            [
                (Some("hiv_prevalence"), Some("0.26".into()), Some(Comparator::Eq), None, ValueStatus::Ok),
                (Some("underweight_under5"), Some("16".into()), Some(Comparator::Lt), None, ValueStatus::Ok),
                (Some("latrine_coverage"), None, None, None, ValueStatus::Missing),
                (Some("imr_per_1000"), Some("29.19".into()), None, None, ValueStatus::Ok),
            ]
        );
        assert_eq!(ts[3].unit.as_ref().unwrap().kind, UnitKind::Percent);
    }

    #[test]
    fn qualitative_objectives_and_body_text_without_indicators() {
        let ts = targets(
            "Giảm tỷ lệ mắc và tử vong các bệnh truyền nhiễm gây dịch, không để dịch lớn xảy ra.",
            StatedIn::Objectives,
            None,
        );
        assert_eq!(summary(&ts), [(None, None, None, None, ValueStatus::Absent)]);
        assert!(
            targets("Tổ chức chiến dịch vệ sinh môi trường trên 03 thôn, đạt 90% kế hoạch năm.", StatedIn::Body, None)
                .is_empty()
        );
        assert!(targets("Các chỉ tiêu cụ thể như sau:", StatedIn::Objectives, None).is_empty());
        // `làm` is not `là`; `đạt cao` is vague, not a missing number.
        assert!(targets("lấy kết quả và sự hài lòng của người dân làm thước đo.", StatedIn::Body, None).is_empty());
        assert!(targets("tỷ lệ hài lòng của người bệnh đạt cao.", StatedIn::Body, None).is_empty());
        let ts = targets(
            "Tỷ lệ phụ nữ đẻ được khám thai ít nhất 3 lần trong thai kỳ 63,0%; Tỷ lệ bác sỹ/vạn dân đạt 6,48 bác sỹ. 40% người dân có thẻ BHYT đăng ký KCB từ xa.",
            StatedIn::Body,
            None,
        );
        assert_eq!(
            summary(&ts).iter().map(|t| (t.0, t.1.clone())).collect::<Vec<_>>(),
            [
                (Some("anc_3plus"), Some("63".into())),
                (Some("doctors_per_10k"), Some("6.48".into())),
                (Some("telemedicine_registration"), Some("40".into()))
            ]
        );
        assert_eq!(ts[1].unit.as_ref().unwrap().kind, UnitKind::Per10k);
        let zero =
            targets("Không để số ca, số vụ ngộ độc thực phẩm tập thể xảy ra trên địa bàn.", StatedIn::Objectives, None);
        assert_eq!(
            summary(&zero),
            [(Some("food_poisoning_outbreaks"), Some("0".into()), Some(Comparator::Le), None, ValueStatus::Ok)]
        );
        let epidemic = targets("Giảm tỷ lệ mắc bệnh, không để dịch lớn xảy ra.", StatedIn::Objectives, None);
        assert_eq!(epidemic[0].value_status, ValueStatus::Absent);
    }

    #[test]
    fn malformed_value() {
        let ts = targets("mức giảm tỷ suất sinh 0,5 0,‰/năm", StatedIn::Objectives, Some(2024));
        assert_eq!(ts.len(), 1);
        assert_eq!(ts[0].value_status, ValueStatus::Malformed);
        assert_eq!(ts[0].value_raw.as_ref().unwrap().text, "0,5 0,‰");
        assert_eq!(ts[0].indicator.as_deref(), Some("cbr_change"));
    }
}
