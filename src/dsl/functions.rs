//! The function library. Signatures and documentation are in `schema.rs`; the checker has
//! already checked arity and types, so a wrong argument here is a missing value, never a panic.

use super::eval::Ctx;
use super::value::{Chars, DateRange, Rec, Value};
use crate::model::{Date, DateStatus};
use crate::text::{fold_text, normalize, push_lower};

fn arg<'a, 'p>(args: &'a [Value<'p>], i: usize) -> &'a Value<'p> {
    args.get(i).unwrap_or(&Value::Missing)
}

fn owned(s: String) -> Value<'static> {
    Value::owned(s)
}

pub(super) fn len<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    match arg(args, 0) {
        Value::List(items) => Value::int(i64::try_from(items.len()).unwrap_or(i64::MAX)),
        v => v.as_str().map_or(Value::Missing, |s| Value::int(i64::try_from(s.chars().count()).unwrap_or(i64::MAX))),
    }
}

/// The written parts of a date: (day, month, year).
fn parts(v: &Value<'_>) -> (Option<u32>, Option<u32>, Option<i32>) {
    match v {
        Value::Rec(Rec::DateValue(d)) if d.status != DateStatus::Invalid => (d.day, d.month, d.year),
        Value::Rec(Rec::DateValue(d)) => (None, None, d.year),
        Value::Date(r) if r.lo == r.hi => (Some(r.lo.day), Some(r.lo.month), Some(r.lo.year)),
        Value::Date(r) if r.lo.year == r.hi.year && r.lo.month == r.hi.month => {
            (None, Some(r.lo.month), Some(r.lo.year))
        }
        Value::Date(r) if r.lo.year == r.hi.year => (None, None, Some(r.lo.year)),
        _ => (None, None, None),
    }
}

pub(super) fn year<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    parts(arg(args, 0)).2.map_or(Value::Missing, Value::int)
}

pub(super) fn month<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    parts(arg(args, 0)).1.map_or(Value::Missing, Value::int)
}

pub(super) fn day<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    parts(arg(args, 0)).0.map_or(Value::Missing, Value::int)
}

pub(super) fn date<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    let int = |i| arg(args, i).as_num().and_then(crate::model::Decimal::to_i64);
    let made = (|| {
        let y = i32::try_from(int(0)?).ok()?;
        let m = u32::try_from(int(1)?).ok()?;
        let d = u32::try_from(int(2)?).ok()?;
        Date::new(y, m, d)
    })();
    made.map_or(Value::Missing, |d| Value::Date(DateRange::exact(d)))
}

/// Text made from a text by `make`, remembered by content over the plans a thread checks (a
/// plan's own repeats are remembered by the machine too): the texts rules transform recur from
/// plan to plan (issuers, the names a rule lists), and a remembered result is shared, not copied.
fn remembered<'p>(
    memo: &'static std::thread::LocalKey<crate::memo::Memo<std::rc::Rc<str>>>,
    v: &Value<'p>,
    make: fn(&str) -> String,
) -> Value<'p> {
    v.as_str().map_or(Value::Missing, |s| {
        Value::Str(Chars::Shared(crate::memo::remember(memo, s, 0, || std::rc::Rc::from(make(s)))), None)
    })
}

fn to_lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    s.chars().for_each(|c| push_lower(&mut out, c));
    out
}

pub(super) fn lower<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    thread_local! {
        static LOWERED: crate::memo::Memo<std::rc::Rc<str>> = crate::memo::Memo::default();
    }
    remembered(&LOWERED, arg(args, 0), to_lower)
}

pub(super) fn norm<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    thread_local! {
        static NORMALIZED: crate::memo::Memo<std::rc::Rc<str>> = crate::memo::Memo::default();
    }
    remembered(&NORMALIZED, arg(args, 0), normalize)
}

pub(super) fn fold<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    thread_local! {
        static FOLDED: crate::memo::Memo<std::rc::Rc<str>> = crate::memo::Memo::default();
    }
    remembered(&FOLDED, arg(args, 0), fold_text)
}

fn two_texts<'p>(args: &[Value<'p>], f: fn(&str, &str) -> bool) -> Value<'p> {
    match (arg(args, 0).as_str(), arg(args, 1).as_str()) {
        (Some(a), Some(b)) => Value::Bool(f(a, b)),
        _ => Value::Missing,
    }
}

pub(super) fn contains<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    two_texts(args, |a, b| a.contains(b))
}

pub(super) fn starts_with<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    two_texts(args, |a, b| a.starts_with(b))
}

pub(super) fn ends_with<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    two_texts(args, |a, b| a.ends_with(b))
}

/// At most `max` characters, cut at a word boundary, with `…` when cut.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    // Where the first `max - 1` characters end, when there are more than `max`.
    let mut chars = s.char_indices();
    let Some((end, _)) = chars.nth(max.saturating_sub(1)) else { return s.to_owned() };
    if max > 0 && chars.next().is_none() {
        return s.to_owned();
    }
    let cut = s.get(..end).unwrap_or(s);
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(i) if i > cut.len() / 2 => cut.get(..i).unwrap_or(cut),
        _ => cut,
    };
    let kept = at_word.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    let mut out = String::with_capacity(kept.len() + '…'.len_utf8());
    out.push_str(kept);
    out.push('…');
    out
}

pub(super) fn impossible_syllables<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    arg(args, 0).as_str().map_or(Value::Missing, |s| {
        let words = crate::syllable::impossible_words_remembered(s);
        Value::list(words.into_iter().map(owned))
    })
}

pub(super) fn short<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    let max = arg(args, 1).as_num().and_then(crate::model::Decimal::to_i64).and_then(|n| usize::try_from(n).ok());
    match (arg(args, 0).as_str(), max) {
        (Some(s), Some(max)) => owned(shorten(s, max.max(1))),
        _ => Value::Missing,
    }
}

pub(super) fn text<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    match arg(args, 0) {
        Value::Str(s, _) => Value::Str(s.clone(), None),
        v => v.as_str().map_or(Value::Missing, |s| owned(s.to_owned())),
    }
}

pub(super) fn line<'p>(args: &[Value<'p>], cx: &Ctx<'p>) -> Value<'p> {
    match arg(args, 0).span() {
        Some(span) => cx.line_of(span).map_or(Value::Missing, |l| Value::int(i64::try_from(l).unwrap_or(i64::MAX))),
        None => Value::Missing,
    }
}

pub(super) fn stage<'p>(_: &[Value<'p>], cx: &Ctx<'p>) -> Value<'p> {
    Value::word(cx.stage.as_str())
}

pub(super) fn worse<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    match (arg(args, 0).as_num(), arg(args, 1).as_num(), arg(args, 2).as_str()) {
        (Some(a), Some(b), Some("higher_is_better")) => Value::Bool(a < b),
        (Some(a), Some(b), Some("lower_is_better")) => Value::Bool(a > b),
        (Some(_), Some(_), Some(_)) => Value::Bool(false),
        _ => Value::Missing,
    }
}

pub(super) fn legal<'p>(args: &[Value<'p>], cx: &Ctx<'p>) -> Value<'p> {
    let Value::Rec(Rec::Citation(c)) = arg(args, 0) else { return Value::Missing };
    match legal_doc(c, cx) {
        Some(doc) => Value::Rec(Rec::LegalDoc(doc)),
        None => Value::Missing,
    }
}

/// A citation's registry record, remembered for the plan: a dozen rules ask for each citation.
fn legal_doc<'p>(c: &'p crate::model::Citation, cx: &Ctx<'p>) -> Option<&'p crate::registry::LegalDoc> {
    let key = std::ptr::from_ref(c) as usize;
    if let Some(known) = cx.legal_docs.try_borrow().ok().and_then(|m| m.get(&key).copied()) {
        return known;
    }
    let symbol = c.symbol.canonical()?;
    let year = c.date.as_ref().and_then(|d| d.year).or(c.symbol.year);
    let place =
        [c.issuer.as_ref(), c.title.as_ref()].into_iter().flatten().map(|t| t.text.as_str()).collect::<Vec<_>>();
    let doc = cx.registry.legal.lookup(&symbol, year, &place.join(" "));
    if let Ok(mut m) = cx.legal_docs.try_borrow_mut() {
        m.insert(key, doc);
    }
    doc
}

pub(super) fn issuer_verdict<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    let (Value::Rec(Rec::LegalDoc(doc)), Some(text)) = (arg(args, 0), arg(args, 1).as_str()) else {
        return Value::Missing;
    };
    let written = fold_text(text);
    let names = |list: &[String]| list.iter().any(|n| written.contains(&fold_text(n)));
    let verdict = if written.contains(&fold_text(&doc.issuer)) || names(&doc.issuer_names) {
        "right"
    } else if names(&doc.imprecise_issuers) {
        "imprecise"
    } else if names(&doc.wrong_issuers) {
        "wrong"
    } else {
        "unknown"
    };
    Value::word(verdict)
}

pub(super) fn parent_targets<'p>(args: &[Value<'p>], cx: &Ctx<'p>) -> Value<'p> {
    use crate::model::CitationContext;
    use crate::registry::Confidence;
    let Value::Rec(Rec::Target(t)) = arg(args, 0) else { return Value::Missing };
    // A one-year plan's targets without a year are for that year.
    let plan_year = cx.plan.period.as_ref().and_then(crate::model::Period::single_year);
    let (Some(id), Some(year)) = (t.indicator.as_deref(), t.year.or(plan_year)) else { return Value::list([]) };
    let comparable: Vec<&str> = cx
        .registry
        .indicators
        .get(id)
        .map(|i| i.comparable_with.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let fits = |p: &crate::registry::ParentTarget| {
        p.year == year && (p.indicator == id || comparable.contains(&p.indicator.as_str()))
    };
    let mut out = Vec::new();
    let mut docs: Vec<&str> = Vec::new();
    for c in cx.plan.citations.iter().filter(|c| matches!(c.context, CitationContext::Basis | CitationContext::Title)) {
        let Some(doc) = legal_doc(c, cx) else { continue };
        if docs.contains(&doc.symbol.as_str()) {
            continue;
        }
        docs.push(&doc.symbol);
        out.extend(
            cx.registry
                .targets
                .of_doc(&doc.symbol)
                .filter(|p| p.verified == Confidence::Yes && fits(p))
                .map(|p| Value::Rec(Rec::ParentTarget(p))),
        );
    }
    out.extend(cx.parents.iter().filter(|p| fits(p)).map(|p| Value::Rec(Rec::ParentTarget(p))));
    Value::list(out)
}

/// The letters Vietnamese documents number lists with.
const LETTERS: &[&str] = &[
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y",
];

fn roman(s: &str) -> Option<i64> {
    let value = |c: char| match c.to_ascii_uppercase() {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let digits: Vec<i64> = s.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|next| next > d) {
            total -= d;
        } else {
            total += d;
        }
    }
    (total > 0).then_some(total)
}

pub(super) fn ordinal<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    let (Some(number), Some(style)) = (arg(args, 0).as_str(), arg(args, 1).as_str()) else { return Value::Missing };
    let n = number.trim().trim_end_matches(['.', ')', ':']);
    let parsed = match style {
        "roman" => roman(n),
        "letter" => {
            let lower = n.to_lowercase();
            LETTERS.iter().position(|l| *l == lower).and_then(|i| i64::try_from(i + 1).ok())
        }
        "decimal" => n.rsplit('.').find(|p| !p.is_empty()).and_then(|p| p.parse().ok()),
        _ => n.parse().ok().or_else(|| roman(n)),
    };
    parsed.map_or(Value::Missing, Value::int)
}

pub(super) fn previous<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    let Value::List(items) = arg(args, 0) else { return Value::Missing };
    let item = arg(args, 1);
    let at = items.iter().position(|x| super::value::equal(x, item));
    match at.and_then(|i| i.checked_sub(1)).and_then(|i| items.get(i)) {
        Some(v) => v.clone(),
        None => Value::Missing,
    }
}

pub(super) fn same<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    let (a, b) = (arg(args, 0), arg(args, 1));
    Value::Bool((a.is_missing() && b.is_missing()) || super::value::equal(a, b))
}

pub(super) fn unit_symbol<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    arg(args, 0).as_str().and_then(symbol_of_unit).map_or(Value::Missing, Value::word)
}

/// How a unit of the vocabulary is written in plans.
fn symbol_of_unit(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "percent" => "%",
        "per_mille" => "‰",
        "per_10k" => "/10.000 dân",
        "per_100k" => "/100.000 dân",
        "years" => "năm",
        "cm" => "cm",
        "count" => "số lượng",
        "per_station" => "/trạm y tế",
        "visits" => "lượt/người/năm",
        "times_per_year" => "lần/năm",
        "points" => "điểm",
        "children_per_woman" => "con/phụ nữ",
        "boys_per_100_girls" => "bé trai/100 bé gái",
        "million_persons" => "triệu người",
        "rank" => "thứ hạng",
        _ => return None,
    })
}

pub(super) fn indicator<'p>(args: &[Value<'p>], cx: &Ctx<'p>) -> Value<'p> {
    match arg(args, 0).as_str().and_then(|id| cx.registry.indicators.get(id)) {
        Some(i) => Value::Rec(Rec::Indicator(i)),
        None => Value::Missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_has_a_symbol() {
        for unit in crate::registry::UNITS {
            assert!(symbol_of_unit(unit).is_some(), "{unit}");
        }
    }

    /// [`shorten`] as first written.
    fn shorten_by_collecting(s: &str, max: usize) -> String {
        let s = s.trim();
        if s.chars().count() <= max {
            return s.to_owned();
        }
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        let at_word = match cut.rfind(char::is_whitespace) {
            Some(i) if i > cut.len() / 2 => cut.get(..i).unwrap_or(&cut),
            _ => &cut,
        };
        format!("{}…", at_word.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';'))
    }

    proptest::proptest! {
        #[test]
        fn shorten_agrees_with_collecting(s in "[ a,;ạđ\u{A0}\u{300}]{0,30}", max in 0usize..32) {
            proptest::prop_assert_eq!(shorten(&s, max), shorten_by_collecting(&s, max));
        }
    }

    #[test]
    fn short_cuts_at_a_word() {
        assert_eq!(shorten("Tổ chức quán triệt, triển khai thực hiện nghiêm túc", 25), "Tổ chức quán triệt…");
        assert_eq!(shorten("Tổng kết", 25), "Tổng kết");
    }
}
