//! The function library. Signatures and documentation are in `schema.rs`; the checker has
//! already checked arity and types, so a wrong argument here is a missing value, never a panic.

use std::borrow::Cow;

use super::eval::Ctx;
use super::value::{DateRange, Rec, Value};
use crate::model::{Date, DateStatus};
use crate::text::{fold_text, normalize, push_lower};

fn arg<'a, 'p>(args: &'a [Value<'p>], i: usize) -> &'a Value<'p> {
    args.get(i).unwrap_or(&Value::Missing)
}

fn owned(s: String) -> Value<'static> {
    Value::Str(Cow::Owned(s), None)
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

pub(super) fn lower<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    arg(args, 0).as_str().map_or(Value::Missing, |s| {
        let mut out = String::with_capacity(s.len());
        s.chars().for_each(|c| push_lower(&mut out, c));
        owned(out)
    })
}

pub(super) fn norm<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    arg(args, 0).as_str().map_or(Value::Missing, |s| owned(normalize(s)))
}

pub(super) fn fold<'p>(args: &[Value<'p>], _: &Ctx<'p>) -> Value<'p> {
    arg(args, 0).as_str().map_or(Value::Missing, |s| owned(fold_text(s)))
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

pub(super) fn indicator<'p>(args: &[Value<'p>], cx: &Ctx<'p>) -> Value<'p> {
    match arg(args, 0).as_str().and_then(|id| cx.vocab.get(id)) {
        Some(i) => Value::Rec(Rec::Indicator(i)),
        None => Value::Missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_cuts_at_a_word() {
        assert_eq!(shorten("Tổ chức quán triệt, triển khai thực hiện nghiêm túc", 25), "Tổ chức quán triệt…");
        assert_eq!(shorten("Tổng kết", 25), "Tổng kết");
    }
}
