//! Runtime values of the rule language. Values borrow from the plan (`'p`): a task's lead is the
//! model's own string and span, never a copy. `Missing` stands for an absent optional value and
//! propagates: a comparison with it is false, arithmetic on it is missing.

use std::cmp::Ordering;
use std::rc::Rc;

use crate::lang::Lang;
use crate::model::{
    Appendix, AppendixRef, Assignment, Basis, Citation, Date, DateValue, Deadline, Decimal, DocType, Header, Number,
    Period, PlaceDate, Plan, Recipients, Section, Signature, Symbol, Target, Task, TaskGroup, Unit,
};
use crate::registry::{Indicator, LegalDoc, ParentTarget};
use crate::source::Span;

/// A reference to a record of the plan model (or of a registry).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Rec<'p> {
    Plan(&'p Plan),
    Header(&'p Header),
    PlaceDate(&'p PlaceDate),
    DateValue(&'p DateValue),
    Symbol(&'p Symbol),
    Period(&'p Period),
    Basis(&'p Basis),
    Citation(&'p Citation),
    DocType(&'p DocType),
    Section(&'p Section),
    Target(&'p Target),
    Number(&'p Number),
    Unit(&'p Unit),
    TaskGroup(&'p TaskGroup),
    Task(&'p Task),
    Deadline(&'p Deadline),
    Assignment(&'p Assignment),
    Appendix(&'p Appendix),
    AppendixRef(&'p AppendixRef),
    Signature(&'p Signature),
    Recipients(&'p Recipients),
    Indicator(&'p Indicator),
    LegalDoc(&'p LegalDoc),
    ParentTarget(&'p ParentTarget),
}

impl Rec<'_> {
    /// The record's address and kind: two references are the same record when these are equal.
    pub(crate) fn identity(&self) -> (u8, usize) {
        fn a<T>(r: &T) -> usize {
            std::ptr::from_ref(r) as usize
        }
        match self {
            Rec::Plan(r) => (0, a(*r)),
            Rec::Header(r) => (1, a(*r)),
            Rec::PlaceDate(r) => (2, a(*r)),
            Rec::DateValue(r) => (3, a(*r)),
            Rec::Symbol(r) => (4, a(*r)),
            Rec::Period(r) => (5, a(*r)),
            Rec::Basis(r) => (6, a(*r)),
            Rec::Citation(r) => (7, a(*r)),
            Rec::DocType(r) => (8, a(*r)),
            Rec::Section(r) => (9, a(*r)),
            Rec::Target(r) => (10, a(*r)),
            Rec::Number(r) => (11, a(*r)),
            Rec::Unit(r) => (12, a(*r)),
            Rec::TaskGroup(r) => (13, a(*r)),
            Rec::Task(r) => (14, a(*r)),
            Rec::Deadline(r) => (15, a(*r)),
            Rec::Assignment(r) => (16, a(*r)),
            Rec::Appendix(r) => (17, a(*r)),
            Rec::AppendixRef(r) => (18, a(*r)),
            Rec::Signature(r) => (19, a(*r)),
            Rec::Recipients(r) => (20, a(*r)),
            Rec::Indicator(r) => (21, a(*r)),
            Rec::LegalDoc(r) => (22, a(*r)),
            Rec::ParentTarget(r) => (23, a(*r)),
        }
    }
}

/// A date that may be known only to the month or the year: the range of days it can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateRange {
    pub(crate) lo: Date,
    pub(crate) hi: Date,
}

impl DateRange {
    pub(crate) fn exact(d: Date) -> Self {
        Self { lo: d, hi: d }
    }

    pub(crate) fn of(d: &DateValue) -> Option<Self> {
        if d.status == crate::model::DateStatus::Invalid {
            return None;
        }
        Some(Self { lo: d.earliest()?, hi: d.latest()? })
    }

    fn is_exact(self) -> bool {
        self.lo == self.hi
    }
}

/// The text of a value: the plan's (or a registry's, or a rule's) own, or text made while
/// evaluating (`norm(…)`, `symbol.canonical`), shared by every copy of the value so that copying
/// a value never copies its text.
#[derive(Debug, Clone)]
pub(crate) enum Chars<'p> {
    Borrowed(&'p str),
    Shared(Rc<str>),
}

impl std::ops::Deref for Chars<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Chars::Borrowed(s) => s,
            Chars::Shared(s) => s,
        }
    }
}

impl PartialEq for Chars<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Chars<'_> {}

impl std::hash::Hash for Chars<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl From<String> for Chars<'_> {
    fn from(s: String) -> Self {
        Chars::Shared(Rc::from(s))
    }
}

/// A value.
#[derive(Debug, Clone)]
pub(crate) enum Value<'p> {
    Missing,
    Bool(bool),
    Num(Decimal),
    /// Text, with the span it was written at when it comes from the plan.
    Str(Chars<'p>, Option<Span>),
    Date(DateRange),
    Span(Span),
    Rec(Rec<'p>),
    List(Rc<[Value<'p>]>),
}

impl<'p> Value<'p> {
    pub(crate) fn text(text: &'p str, span: Span) -> Self {
        Value::Str(Chars::Borrowed(text), Some(span))
    }

    pub(crate) fn word(text: &'static str) -> Self {
        Value::Str(Chars::Borrowed(text), None)
    }

    /// Text of the plan or a registry, with no place of its own.
    pub(crate) fn borrowed(text: &'p str) -> Self {
        Value::Str(Chars::Borrowed(text), None)
    }

    /// Text made while evaluating.
    pub(crate) fn owned(text: String) -> Self {
        Value::Str(Chars::from(text), None)
    }

    pub(crate) fn int(n: impl Into<i64>) -> Self {
        Value::Num(Decimal::from_int(n.into()))
    }

    pub(crate) fn list(items: impl IntoIterator<Item = Value<'p>>) -> Self {
        let mut items = items.into_iter().peekable();
        if items.peek().is_none() {
            return Value::empty_list();
        }
        Value::List(items.collect())
    }

    /// An empty list, shared: most lists a rule asks for (the misspelt words of a text, the
    /// defects of a symbol) are empty, and an `Rc` of nothing is still an allocation.
    pub(crate) fn empty_list() -> Self {
        thread_local! {
            static EMPTY: Rc<[Value<'static>]> = Rc::from(Vec::new());
        }
        Value::List(EMPTY.with(Rc::clone))
    }

    /// Whether the value counts as true in `where`, `and`, `or` and `not`.
    pub(crate) fn truthy(&self) -> bool {
        matches!(self, Value::Bool(true))
    }

    pub(crate) fn is_missing(&self) -> bool {
        matches!(self, Value::Missing)
    }

    /// Missing, blank text, or an empty list.
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Value::Missing => true,
            Value::Str(s, _) => s.trim().is_empty(),
            Value::List(items) => items.is_empty(),
            _ => false,
        }
    }

    /// The number a value stands for: a number, or a number as written in the plan.
    pub(crate) fn as_num(&self) -> Option<Decimal> {
        match self {
            Value::Num(n) => Some(*n),
            Value::Rec(Rec::Number(n)) => Some(n.value),
            _ => None,
        }
    }

    /// The text a value stands for: text, or the text of a record that has one.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s, _) => Some(s),
            Value::Rec(r) => rec_text(r),
            _ => None,
        }
    }

    /// The dates a value can be: a date, or a date as written (a blank day is a whole month).
    pub(crate) fn as_date(&self) -> Option<DateRange> {
        match self {
            Value::Date(d) => Some(*d),
            Value::Rec(Rec::DateValue(d)) => DateRange::of(d),
            _ => None,
        }
    }

    /// Where in the plan the value was written, if it was.
    pub(crate) fn span(&self) -> Option<Span> {
        match self {
            Value::Str(_, span) => *span,
            Value::Span(s) => Some(*s),
            Value::Rec(r) => rec_span(r),
            _ => None,
        }
    }

    /// The value in a message, in the language of the run.
    pub(crate) fn display(&self, lang: Lang, line_of: &dyn Fn(Span) -> Option<usize>) -> String {
        match self {
            Value::Missing => String::new(),
            Value::Bool(b) => match (lang, b) {
                (Lang::Vi, true) => "có".to_owned(),
                (Lang::Vi, false) => "không".to_owned(),
                (Lang::En, true) => "yes".to_owned(),
                (Lang::En, false) => "no".to_owned(),
            },
            Value::Num(n) => display_num(*n, lang),
            Value::Str(s, _) => s.to_string(),
            Value::Date(d) => display_date(*d, lang),
            Value::Span(s) => match line_of(*s) {
                Some(line) if lang == Lang::Vi => format!("dòng {line}"),
                Some(line) => format!("line {line}"),
                None => String::new(),
            },
            Value::Rec(r) => match rec_display(r) {
                Some(t) => t.to_owned(),
                None => match rec_span(r).and_then(line_of) {
                    Some(line) if lang == Lang::Vi => format!("dòng {line}"),
                    Some(line) => format!("line {line}"),
                    None => String::new(),
                },
            },
            Value::List(items) => {
                items.iter().map(|v| v.display(lang, line_of)).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ")
            }
        }
    }
}

/// Numbers in messages: `75,5` in Vietnamese, `75.5` in English.
fn display_num(n: Decimal, lang: Lang) -> String {
    let s = n.to_string();
    if lang == Lang::Vi { s.replace('.', ",") } else { s }
}

fn display_date(d: DateRange, lang: Lang) -> String {
    let (lo, hi) = (d.lo, d.hi);
    if lo == hi {
        return format!("{:02}/{:02}/{}", lo.day, lo.month, lo.year);
    }
    let whole_month = lo.year == hi.year && lo.month == hi.month && lo.day == 1;
    let whole_year = lo.year == hi.year && (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31);
    match (lang, whole_month, whole_year) {
        (_, _, true) if lang == Lang::Vi => format!("năm {}", lo.year),
        (_, _, true) => lo.year.to_string(),
        (Lang::Vi, true, _) => format!("tháng {}/{}", lo.month, lo.year),
        (Lang::En, true, _) => format!("{:02}/{}", lo.month, lo.year),
        _ => format!("{:02}/{:02}/{}–{:02}/{:02}/{}", lo.day, lo.month, lo.year, hi.day, hi.month, hi.year),
    }
}

/// The text of records that are one piece of text as written (a date, a symbol, a deadline):
/// they compare and match as that text.
pub(crate) fn rec_text<'p>(r: &Rec<'p>) -> Option<&'p str> {
    match *r {
        Rec::DateValue(d) => Some(&d.raw),
        Rec::Symbol(s) => Some(&s.raw),
        Rec::Period(p) => Some(&p.text),
        Rec::DocType(d) => Some(&d.text),
        Rec::Number(n) => Some(&n.raw),
        Rec::Unit(u) => Some(&u.text),
        Rec::Deadline(d) => Some(&d.text),
        _ => None,
    }
}

/// How a record reads in a message: its text, or the text that best names it.
fn rec_display<'a>(r: &'a Rec<'_>) -> Option<&'a str> {
    if let Some(t) = rec_text(r) {
        return Some(t);
    }
    match r {
        Rec::Target(t) => Some(&t.text.text),
        Rec::Task(t) => Some(&t.content.text),
        Rec::Section(s) => Some(&s.title.text),
        Rec::Basis(b) => Some(&b.text.text),
        Rec::Assignment(a) => Some(&a.unit.text),
        Rec::AppendixRef(a) => Some(&a.text.text),
        Rec::PlaceDate(p) => Some(&p.text.text),
        Rec::TaskGroup(g) => Some(&g.title.text),
        Rec::Indicator(i) => i.names.first().map(String::as_str),
        Rec::Citation(c) => Some(&c.symbol.raw),
        Rec::LegalDoc(d) => Some(&d.symbol),
        Rec::ParentTarget(t) => Some(&t.doc),
        _ => None,
    }
}

/// The span of a record in the plan.
pub(crate) fn rec_span(r: &Rec<'_>) -> Option<Span> {
    Some(match r {
        Rec::Plan(p) => plan_span(p),
        Rec::Header(h) => header_span(h)?,
        Rec::PlaceDate(p) => p.text.span,
        Rec::DateValue(d) => d.span,
        Rec::Symbol(s) => s.span,
        Rec::Period(p) => p.span,
        Rec::Basis(b) => b.text.span,
        Rec::Citation(c) => c.span,
        Rec::DocType(d) => d.span,
        Rec::Section(s) => s.span,
        Rec::Target(t) => t.text.span,
        Rec::Number(n) => n.span,
        Rec::Unit(u) => u.span,
        Rec::TaskGroup(g) => g.span,
        Rec::Task(t) => t.span,
        Rec::Deadline(d) => d.span,
        Rec::Assignment(a) => a.span,
        Rec::Appendix(a) => a.span,
        Rec::AppendixRef(a) => a.text.span,
        Rec::Signature(s) => s.span,
        Rec::Recipients(r) => r.span,
        Rec::Indicator(_) | Rec::LegalDoc(_) | Rec::ParentTarget(_) => return None,
    })
}

/// Where a finding about the plan as a whole points: its title, else its kind line, else the
/// header, else the start of the file.
pub(crate) fn plan_span(p: &Plan) -> Span {
    p.title.as_ref().or(p.kind.as_ref()).map(|t| t.span).or_else(|| header_span(&p.header)).unwrap_or_default()
}

/// From the first issuer line to the place-and-date line.
pub(crate) fn header_span(h: &Header) -> Option<Span> {
    let spans = h
        .issuer_lines
        .iter()
        .map(|t| t.span)
        .chain(h.symbol_line.as_ref().map(|t| t.span))
        .chain(h.place_date.as_ref().map(|p| p.text.span));
    spans.reduce(Span::cover)
}

/// `a == b`: same number, same text, the same record, or certainly the same day. False when
/// either is missing.
pub(crate) fn equal(a: &Value<'_>, b: &Value<'_>) -> bool {
    match (a, b) {
        (Value::Missing, _) | (_, Value::Missing) => false,
        // What the general case below comes to for two texts and two numbers.
        (Value::Str(x, _), Value::Str(y, _)) => **x == **y,
        (Value::Num(x), Value::Num(y)) => x == y,
        // A record that is neither a number, nor a date, nor text equals only itself (what the
        // general case below comes to, after three conversions that fail).
        (Value::Rec(x), Value::Rec(y)) if is_plain(x) => x.identity() == y.identity(),
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Span(x), Value::Span(y)) => x == y,
        (Value::List(x), Value::List(y)) => x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| equal(p, q)),
        _ => {
            if let (Some(x), Some(y)) = (a.as_num(), b.as_num()) {
                return x == y;
            }
            if let (Some(x), Some(y)) = (date_of(a), date_of(b)) {
                return x.is_exact() && x == y;
            }
            if let (Some(x), Some(y)) = (a.as_str(), b.as_str()) {
                return x == y;
            }
            match (a, b) {
                (Value::Rec(x), Value::Rec(y)) => x.identity() == y.identity(),
                _ => false,
            }
        }
    }
}

/// A record that has no number, date or text of its own (a task, a section, a citation…).
fn is_plain(r: &Rec<'_>) -> bool {
    !matches!(r, Rec::Number(_) | Rec::DateValue(_)) && rec_text(r).is_none()
}

/// Dates only from date values, never from text (`as_date` would accept a date record, whose
/// text `as_str` also reads).
fn date_of(v: &Value<'_>) -> Option<DateRange> {
    match v {
        Value::Date(_) | Value::Rec(Rec::DateValue(_)) => v.as_date(),
        _ => None,
    }
}

/// `a != b`: both known and certainly different.
pub(crate) fn not_equal(a: &Value<'_>, b: &Value<'_>) -> bool {
    if let (Some(x), Some(y)) = (date_of(a), date_of(b)) {
        return x.hi < y.lo || x.lo > y.hi;
    }
    match (a, b) {
        (Value::Missing, _) | (_, Value::Missing) => false,
        // Two dates that are not both known: neither equal nor certainly different.
        (Value::Rec(Rec::DateValue(_)) | Value::Date(_), Value::Rec(Rec::DateValue(_)) | Value::Date(_)) => false,
        _ => !equal(a, b),
    }
}

/// `<`, `<=`, `>`, `>=` on numbers, dates (certainly before / after) and spans (document order).
pub(crate) fn order(a: &Value<'_>, b: &Value<'_>, want: fn(Ordering) -> bool, strict_lo: bool) -> bool {
    if let (Some(x), Some(y)) = (a.as_num(), b.as_num()) {
        return want(x.cmp(&y));
    }
    if let (Some(x), Some(y)) = (date_of(a), date_of(b)) {
        // Certainly before: the latest day of `a` against the earliest of `b`; certainly after:
        // the other way round.
        return if strict_lo { want(x.hi.cmp(&y.lo)) } else { want(x.lo.cmp(&y.hi)) };
    }
    if let (Value::Span(x), Value::Span(y)) = (a, b) {
        return want(x.cmp(y));
    }
    false
}

/// A hashable form of a value with the same equality as [`equal`], for indexes; `None` for
/// values that equal nothing (missing, a date known only to the month).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key<'p> {
    Bool(bool),
    Num(Decimal),
    Str(Chars<'p>),
    Date(Date),
    Span(Span),
    Rec(u8, usize),
}

/// How an index keys values, decided from the static types of both sides of `==`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyKind {
    Bool,
    Num,
    Str,
    Date,
    Span,
    Rec,
}

pub(crate) fn key<'p>(v: &Value<'p>, kind: KeyKind) -> Option<Key<'p>> {
    match (kind, v) {
        (_, Value::Missing) => None,
        (KeyKind::Bool, Value::Bool(b)) => Some(Key::Bool(*b)),
        (KeyKind::Num, _) => v.as_num().map(Key::Num),
        (KeyKind::Date, _) => date_of(v).filter(|d| d.is_exact()).map(|d| Key::Date(d.lo)),
        (KeyKind::Span, Value::Span(s)) => Some(Key::Span(*s)),
        (KeyKind::Rec, Value::Rec(r)) => {
            let (k, a) = r.identity();
            Some(Key::Rec(k, a))
        }
        (KeyKind::Str, Value::Str(s, _)) => Some(Key::Str(s.clone())),
        (KeyKind::Str, Value::Rec(r)) => rec_text(r).map(|s| Key::Str(Chars::Borrowed(s))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateForm, DateStatus};

    fn dv(day: Option<u32>, month: Option<u32>, year: Option<i32>) -> DateValue {
        let status = if day.is_some() && month.is_some() { DateStatus::Complete } else { DateStatus::Partial };
        DateValue { raw: String::new(), span: Span::default(), day, month, year, form: DateForm::Words, status }
    }

    fn lt(a: &Value<'_>, b: &Value<'_>) -> bool {
        order(a, b, Ordering::is_lt, true)
    }

    fn gt(a: &Value<'_>, b: &Value<'_>) -> bool {
        order(a, b, Ordering::is_gt, false)
    }

    #[test]
    fn a_blank_day_is_a_whole_month() {
        let may = dv(None, Some(5), Some(2023));
        let may_10 = dv(Some(10), Some(5), Some(2023));
        let june_1 = dv(Some(1), Some(6), Some(2023));
        let (may, may_10, june_1) = (
            Value::Rec(Rec::DateValue(&may)),
            Value::Rec(Rec::DateValue(&may_10)),
            Value::Rec(Rec::DateValue(&june_1)),
        );
        // 10 May may be before or after "May": neither is certain.
        assert!(!lt(&may_10, &may) && !gt(&may_10, &may));
        assert!(!equal(&may_10, &may) && !not_equal(&may_10, &may));
        // All of May is before 1 June.
        assert!(lt(&may, &june_1) && gt(&june_1, &may));
        assert!(not_equal(&may, &june_1));
        assert!(equal(&may_10, &may_10.clone()));
    }

    #[test]
    fn missing_compares_false_both_ways() {
        let one = Value::int(1);
        assert!(!equal(&Value::Missing, &one) && !not_equal(&Value::Missing, &one));
        assert!(!lt(&Value::Missing, &one) && !gt(&Value::Missing, &one));
        assert!(Value::Missing.is_empty() && !Value::Missing.truthy());
    }

    #[test]
    fn keys_agree_with_equality() {
        let a = Value::Num(Decimal::parse("68").unwrap());
        let b = Value::Num(Decimal::parse("68.0").unwrap());
        assert!(equal(&a, &b));
        assert_eq!(key(&a, KeyKind::Num), key(&b, KeyKind::Num));
        let s = Value::text("Các phòng", Span::new(3, 12));
        assert_eq!(key(&s, KeyKind::Str), Some(Key::Str(Chars::Borrowed("Các phòng"))));
        assert_eq!(key(&Value::Missing, KeyKind::Str), None);
        let may = dv(None, Some(5), Some(2023));
        assert_eq!(key(&Value::Rec(Rec::DateValue(&may)), KeyKind::Date), None);
    }

    #[test]
    fn numbers_and_dates_read_in_each_language() {
        let n = Value::Num(Decimal::parse("75.5").unwrap());
        let none = |_| None;
        assert_eq!(n.display(Lang::Vi, &none), "75,5");
        assert_eq!(n.display(Lang::En, &none), "75.5");
        let may = dv(None, Some(5), Some(2023));
        let d = Value::Date(DateRange::of(&may).unwrap());
        assert_eq!(d.display(Lang::Vi, &none), "tháng 5/2023");
        assert_eq!(Value::Span(Span::new(0, 1)).display(Lang::Vi, &|_| Some(7)), "dòng 7");
    }
}
