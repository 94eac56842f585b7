//! What rules can ask: the record kinds of the plan model with their fields, the enumerations
//! and their values, and the function library's signatures. The single source of truth: the
//! checker resolves names here, the evaluator calls the accessors here, and the rule authors'
//! reference (`rules/README.md`) is generated from here.

use std::fmt::Write as _;

use super::eval::Ctx;
use super::functions;
use super::value::{DateRange, Rec, Value};
use crate::model::{
    Change, CitationContext, Comparator, DateForm, DateStatus, DeadlineKind, Decimal, IssuerSystem, Numbering,
    PeriodKind, Role, SourceFormat, StatedIn, SymbolDefect, SymbolForm, Text, UnitKind, ValueStatus, YearSource,
};
use crate::registry::{Direction, DocStatus, ParentComparator};

/// The record kinds rules see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Plan,
    Header,
    PlaceDate,
    DateValue,
    Symbol,
    Period,
    Basis,
    Citation,
    DocType,
    Section,
    Target,
    Number,
    Unit,
    TaskGroup,
    Task,
    Deadline,
    Assignment,
    Appendix,
    AppendixRef,
    Signature,
    Recipients,
    Indicator,
    LegalDoc,
    ParentTarget,
    /// A piece of the plan's text with its span.
    Text,
}

/// An enumeration: a text field that takes one of a few values.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct EnumDef {
    pub(crate) name: &'static str,
    pub(crate) values: &'static [&'static str],
}

/// Static types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    /// Unknown after an error: accepted everywhere, so one mistake gives one diagnostic.
    Any,
    Bool,
    Num,
    Str,
    Date,
    Span,
    Enum(&'static EnumDef),
    Rec(Kind),
    List(Elem),
}

/// Types of list elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Elem {
    Any,
    Num,
    Str,
    Enum(&'static EnumDef),
    Rec(Kind),
}

impl Elem {
    pub(crate) fn ty(self) -> Ty {
        match self {
            Elem::Any => Ty::Any,
            Elem::Num => Ty::Num,
            Elem::Str => Ty::Str,
            Elem::Enum(e) => Ty::Enum(e),
            Elem::Rec(k) => Ty::Rec(k),
        }
    }

    pub(crate) fn of(ty: Ty) -> Elem {
        match ty {
            Ty::Num => Elem::Num,
            Ty::Str => Elem::Str,
            Ty::Enum(e) => Elem::Enum(e),
            Ty::Rec(k) => Elem::Rec(k),
            _ => Elem::Any,
        }
    }
}

const TEXT: Ty = Ty::Rec(Kind::Text);

impl Ty {
    /// Text, or something that reads as text (an enumeration, a date as written, a deadline…).
    pub(crate) fn is_str_like(self) -> bool {
        match self {
            Ty::Any | Ty::Str | Ty::Enum(_) => true,
            Ty::Rec(k) => kind_def(k).text_like,
            _ => false,
        }
    }

    pub(crate) fn is_num_like(self) -> bool {
        matches!(self, Ty::Any | Ty::Num | Ty::Rec(Kind::Number))
    }

    pub(crate) fn is_date_like(self) -> bool {
        matches!(self, Ty::Any | Ty::Date | Ty::Rec(Kind::DateValue))
    }

    /// Something with a place in the plan.
    pub(crate) fn is_span_like(self) -> bool {
        match self {
            Ty::Any | Ty::Span | Ty::Str => true,
            Ty::Rec(k) => kind_def(k).has_span,
            _ => false,
        }
    }

    /// How the type reads in a diagnostic, in each language.
    pub(crate) fn describe(self) -> (String, String) {
        match self {
            Ty::Any => ("giá trị".into(), "value".into()),
            Ty::Bool => ("đúng/sai".into(), "yes/no".into()),
            Ty::Num => ("số".into(), "number".into()),
            Ty::Str => ("văn bản".into(), "text".into()),
            Ty::Date => ("ngày".into(), "date".into()),
            Ty::Span => ("vị trí".into(), "span".into()),
            Ty::Enum(e) => (format!("`{}`", e.name), format!("`{}`", e.name)),
            Ty::Rec(k) => {
                let name = kind_def(k).name;
                (format!("`{name}`"), format!("`{name}`"))
            }
            Ty::List(e) => {
                let (vi, en) = e.ty().describe();
                (format!("danh sách {vi}"), format!("list of {en}"))
            }
        }
    }

    /// The type as the reference writes it.
    pub(crate) fn doc_name(self) -> String {
        match self {
            Ty::Any => "any".into(),
            Ty::Bool => "bool".into(),
            Ty::Num => "number".into(),
            Ty::Str => "text".into(),
            Ty::Date => "date".into(),
            Ty::Span => "span".into(),
            Ty::Enum(e) => format!("[{}](#{})", e.name, anchor(e.name)),
            Ty::Rec(k) => {
                let name = kind_def(k).name;
                format!("[{name}](#{})", anchor(name))
            }
            Ty::List(e) => format!("list of {}", e.ty().doc_name()),
        }
    }
}

/// The anchor GitHub gives a Markdown heading (lower case, spaces to `-`, `_` kept).
fn anchor(name: &str) -> String {
    name.to_lowercase().replace(' ', "-")
}

/// A field accessor.
pub(crate) type Getter = for<'p> fn(&Value<'p>, &Ctx<'p>) -> Value<'p>;

/// A field of a record kind.
pub(crate) struct FieldDef {
    pub(crate) name: &'static str,
    pub(crate) ty: Ty,
    /// Whether the field may be missing.
    pub(crate) optional: bool,
    pub(crate) doc: &'static str,
    pub(crate) get: Getter,
    /// Whether the accessor computes its value (a list, text put together) rather than reading
    /// it: the evaluator then remembers the value of each record for the plan.
    pub(crate) memo: bool,
}

impl std::fmt::Debug for FieldDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

const fn req(name: &'static str, ty: Ty, doc: &'static str, get: Getter) -> FieldDef {
    FieldDef { name, ty, optional: false, doc, get, memo: matches!(ty, Ty::List(_)) }
}

const fn opt(name: &'static str, ty: Ty, doc: &'static str, get: Getter) -> FieldDef {
    FieldDef { name, ty, optional: true, doc, get, memo: matches!(ty, Ty::List(_)) }
}

impl FieldDef {
    /// The field, remembered per record (see `memo`).
    const fn memo(self) -> Self {
        FieldDef { memo: true, ..self }
    }
}

/// A record kind and its fields.
pub(crate) struct KindDef {
    pub(crate) kind: Kind,
    pub(crate) name: &'static str,
    pub(crate) doc: &'static str,
    /// Whether it reads as one piece of text (compares and matches as that text).
    pub(crate) text_like: bool,
    /// Whether it has a place in the plan (`report at` it).
    pub(crate) has_span: bool,
    pub(crate) fields: &'static [FieldDef],
}

/// `|t, cx| body` on a record of one kind; any other value gives missing.
macro_rules! on {
    ($variant:ident, |$r:ident, $cx:pat_param| $body:expr) => {
        |v, $cx| match v {
            Value::Rec(Rec::$variant(r)) => {
                let $r = *r;
                $body
            }
            _ => Value::Missing,
        }
    };
}

/// An enumeration: the static definition and the function naming each variant, from one list.
macro_rules! enumeration {
    ($def:ident, $name_fn:ident, $ty:ident, $label:literal, { $($variant:ident => $name:literal),* $(,)? }) => {
        pub(crate) static $def: EnumDef = EnumDef { name: $label, values: &[$($name),*] };
        pub(crate) fn $name_fn(v: $ty) -> &'static str {
            match v {
                $($ty::$variant => $name),*
            }
        }
    };
}

enumeration!(FORMAT, format_name, SourceFormat, "format", { Text => "text", Markdown => "markdown", Word => "word" });
enumeration!(SYSTEM, system_name, IssuerSystem, "system", { State => "state", Party => "party", Unknown => "unknown" });
enumeration!(DATE_FORM, date_form_name, DateForm, "date form", { Numeric => "numeric", Words => "words" });
enumeration!(DATE_STATUS, date_status_name, DateStatus, "date status", {
    Complete => "complete", Partial => "partial", Invalid => "invalid",
});
enumeration!(PERIOD_KIND, period_kind_name, PeriodKind, "period kind", {
    Year => "year", Range => "range", Until => "until",
});
enumeration!(DEADLINE_KIND, deadline_kind_name, DeadlineKind, "deadline kind", {
    Date => "date", BeforeDate => "before_date", Month => "month", Range => "range", Year => "year",
    Recurring => "recurring", Continuous => "continuous", Conditional => "conditional", Done => "done",
    Empty => "empty", Other => "other",
});
enumeration!(SYMBOL_FORM, symbol_form_name, SymbolForm, "symbol form", {
    State => "state", Normative => "normative", Party => "party", Malformed => "malformed",
});
enumeration!(SYMBOL_DEFECT, symbol_defect_name, SymbolDefect, "symbol defect", {
    SpaceInside => "space_inside", DanglingSeparator => "dangling_separator",
    LeadingSeparator => "leading_separator", MixedForm => "mixed_form", Unparsed => "unparsed",
});
enumeration!(CITATION_CONTEXT, citation_context_name, CitationContext, "citation context", {
    Title => "title", Basis => "basis", Body => "body", Task => "task", Appendix => "appendix",
});
enumeration!(NUMBERING, numbering_name, Numbering, "numbering", {
    Roman => "roman", Arabic => "arabic", Decimal => "decimal", Letter => "letter", Appendix => "appendix",
    Article => "article",
});
enumeration!(ROLE, role_name, Role, "role", {
    Purpose => "purpose", Objectives => "objectives", Tasks => "tasks", Funding => "funding",
    Implementation => "implementation", Appendix => "appendix", Other => "other",
});
enumeration!(COMPARATOR, comparator_name, Comparator, "comparator", {
    Gt => ">", Ge => ">=", Lt => "<", Le => "<=", Eq => "=", Approx => "~", Range => "range",
});
enumeration!(CHANGE, change_name, Change, "change", {
    Increase => "increase", Decrease => "decrease", PerYear => "per_year",
});
enumeration!(UNIT_KIND, unit_kind_name, UnitKind, "unit kind", {
    Percent => "percent", PerMille => "per_mille", Per10k => "per_10k", Per100k => "per_100k", Years => "years",
    Cm => "cm", Count => "count", PerStation => "per_station", Visits => "visits",
    TimesPerYear => "times_per_year", Points => "points",
});
enumeration!(VALUE_STATUS, value_status_name, ValueStatus, "value status", {
    Ok => "ok", Absent => "absent", Missing => "missing", Malformed => "malformed",
});
enumeration!(YEAR_SOURCE, year_source_name, YearSource, "year source", {
    Sentence => "sentence", Heading => "heading", Column => "column",
});
enumeration!(STATED_IN, stated_in_name, StatedIn, "stated in", {
    Objectives => "objectives", GeneralObjectives => "general_objectives", Body => "body", Appendix => "appendix",
});
enumeration!(DIRECTION, direction_name, Direction, "direction", {
    HigherIsBetter => "higher_is_better", LowerIsBetter => "lower_is_better", Context => "context",
});
enumeration!(DOC_STATUS, doc_status_name, DocStatus, "document status", {
    InForce => "in_force", Superseded => "superseded", Expired => "expired", Unknown => "unknown",
});
enumeration!(PARENT_COMPARATOR, parent_comparator_name, ParentComparator, "parent comparator", {
    Reach => "reach", Gt => "gt", Ge => "ge", Lt => "lt", Le => "le", Approx => "approx", Range => "range",
    DeltaGe => "delta_ge", Nonnumeric => "nonnumeric",
});
/// How an issuer as written compares with a document's issuer.
pub(crate) static ISSUER_VERDICT: EnumDef =
    EnumDef { name: "issuer verdict", values: &["right", "imprecise", "wrong", "unknown"] };
/// The units of the indicator vocabulary (a superset of the unit kinds of targets).
pub(crate) static INDICATOR_UNIT: EnumDef = EnumDef { name: "indicator unit", values: crate::registry::UNITS };
/// The document stage a run checks for.
pub(crate) static STAGE: EnumDef = EnumDef { name: "stage", values: &["draft", "final"] };

fn text(t: &Text) -> Value<'_> {
    Value::text(&t.text, t.span)
}

fn opt_text(t: &Option<Text>) -> Value<'_> {
    t.as_ref().map_or(Value::Missing, text)
}

fn opt_str(s: &Option<String>) -> Value<'_> {
    s.as_deref().map_or(Value::Missing, Value::borrowed)
}

fn opt_int<T: Into<i64>>(n: Option<T>) -> Value<'static> {
    n.map_or(Value::Missing, Value::int)
}

fn opt_rec<'p, T>(r: Option<&'p T>, f: fn(&'p T) -> Rec<'p>) -> Value<'p> {
    r.map_or(Value::Missing, |r| Value::Rec(f(r)))
}

fn word(w: &'static str) -> Value<'static> {
    Value::word(w)
}

fn recs<'p, T>(items: &'p [T], f: fn(&'p T) -> Rec<'p>) -> Value<'p> {
    Value::list(items.iter().map(|r| Value::Rec(f(r))))
}

fn texts(items: &[Text]) -> Value<'_> {
    Value::list(items.iter().map(text))
}

fn decimal(f: f64) -> Value<'static> {
    Decimal::parse(&format!("{f}")).map_or(Value::Missing, Value::Num)
}

static PLAN: &[FieldDef] = &[
    req(
        "format",
        Ty::Enum(&FORMAT),
        "The input form: `text`, `markdown` or `word`.",
        on!(Plan, |p, _| word(format_name(p.format))),
    ),
    req(
        "header",
        Ty::Rec(Kind::Header),
        "Issuer, symbol, place and date.",
        on!(Plan, |p, _| Value::Rec(Rec::Header(&p.header))),
    ),
    opt(
        "kind",
        TEXT,
        "The document kind as written (`KẾ HOẠCH`; `QUYẾT ĐỊNH` for a decision with no plan attached).",
        on!(Plan, |p, _| opt_text(&p.kind)),
    ),
    opt(
        "tracked_changes",
        Ty::Num,
        "For a Word plan: tracked changes not yet accepted or rejected (the text is read as if accepted).",
        on!(Plan, |p, _| opt_int(p.tracked_changes)),
    ),
    opt(
        "open_comments",
        Ty::Num,
        "For a Word plan: comments not marked done.",
        on!(Plan, |p, _| opt_int(p.open_comments)),
    ),
    opt(
        "attached_to",
        TEXT,
        "The kind of the document the plan is attached to (`QUYẾT ĐỊNH`), when the file holds both.",
        on!(Plan, |p, _| opt_text(&p.attached_to)),
    ),
    opt(
        "issued_with",
        Ty::Rec(Kind::AppendixRef),
        "The `(Ban hành kèm theo Quyết định số … ngày …)` line under an attached plan's title.",
        on!(Plan, |p, _| opt_rec(p.issued_with.as_ref(), Rec::AppendixRef)),
    ),
    opt("title", TEXT, "The title (trích yếu).", on!(Plan, |p, _| opt_text(&p.title))),
    opt(
        "period",
        Ty::Rec(Kind::Period),
        "The period the plan covers (`năm 2024`, `giai đoạn 2021-2025`, `đến năm 2030`).",
        on!(Plan, |p, _| opt_rec(p.period.as_ref(), Rec::Period)),
    ),
    opt(
        "date",
        Ty::Rec(Kind::DateValue),
        "The plan's own date: the place-and-date line's (`plan.header.place_date.date`), else, for a plan attached to a decision, the decision's date its `(Ban hành kèm theo …)` line gives.",
        on!(Plan, |p, _| opt_rec(
            p.header
                .place_date
                .as_ref()
                .map(|pd| &pd.date)
                .or_else(|| p.issued_with.as_ref().and_then(|w| w.date.as_ref())),
            Rec::DateValue
        )),
    ),
    opt(
        "symbol",
        Ty::Rec(Kind::Symbol),
        "The plan's own symbol (`plan.header.symbol`).",
        on!(Plan, |p, _| opt_rec(p.header.symbol.as_ref(), Rec::Symbol)),
    ),
    req(
        "bases",
        Ty::List(Elem::Rec(Kind::Basis)),
        "The legal bases (`Căn cứ …`, `Thực hiện …`).",
        on!(Plan, |p, _| recs(&p.bases, Rec::Basis)),
    ),
    req(
        "citations",
        Ty::List(Elem::Rec(Kind::Citation)),
        "Every numbered document cited anywhere in the plan, in order.",
        on!(Plan, |p, _| recs(&p.citations, Rec::Citation)),
    ),
    req(
        "sections",
        Ty::List(Elem::Rec(Kind::Section)),
        "The top-level headings (each with its children).",
        on!(Plan, |p, _| recs(&p.sections, Rec::Section)),
    ),
    req(
        "all_sections",
        Ty::List(Elem::Rec(Kind::Section)),
        "Every heading of the tree, depth first, in document order.",
        on!(Plan, |p, _| Value::list(p.all_sections().into_iter().map(|s| Value::Rec(Rec::Section(s))))),
    ),
    req(
        "targets",
        Ty::List(Elem::Rec(Kind::Target)),
        "Specific targets (objectives, body, appendix tables).",
        on!(Plan, |p, _| recs(&p.targets, Rec::Target)),
    ),
    req(
        "task_groups",
        Ty::List(Elem::Rec(Kind::TaskGroup)),
        "Group rows of the task tables (`I`, `II`…).",
        on!(Plan, |p, _| recs(&p.task_groups, Rec::TaskGroup)),
    ),
    req(
        "tasks",
        Ty::List(Elem::Rec(Kind::Task)),
        "Every task row of the task tables.",
        on!(Plan, |p, _| recs(&p.tasks, Rec::Task)),
    ),
    req(
        "assignments",
        Ty::List(Elem::Rec(Kind::Assignment)),
        "Units named in *Tổ chức thực hiện* and their duties.",
        on!(Plan, |p, _| recs(&p.assignments, Rec::Assignment)),
    ),
    req(
        "appendices",
        Ty::List(Elem::Rec(Kind::Appendix)),
        "Appendix captions.",
        on!(Plan, |p, _| recs(&p.appendices, Rec::Appendix)),
    ),
    req(
        "appendix_mentions",
        Ty::List(Elem::Rec(Kind::Text)),
        "Where the text before the appendices names an appendix (`chi tiết tại Phụ lục 01 đính kèm`): from `Phụ lục` to the end of its clause.",
        on!(Plan, |p, _| texts(&p.appendix_mentions)),
    ),
    opt(
        "signature",
        Ty::Rec(Kind::Signature),
        "The signature block.",
        on!(Plan, |p, _| opt_rec(p.signature.as_ref(), Rec::Signature)),
    ),
    opt(
        "recipients",
        Ty::Rec(Kind::Recipients),
        "The recipients (*Nơi nhận*).",
        on!(Plan, |p, _| opt_rec(p.recipients.as_ref(), Rec::Recipients)),
    ),
    req(
        "span",
        Ty::Span,
        "Where findings about the whole plan point: the title, else the kind line, else the header.",
        on!(Plan, |p, _| Value::Span(super::value::plan_span(p))),
    ),
];

static HEADER: &[FieldDef] = &[
    req(
        "issuer_lines",
        Ty::List(Elem::Rec(Kind::Text)),
        "The issuer lines (`ỦY BAN NHÂN DÂN`, `XÃ LỤC BÌNH`).",
        on!(Header, |h, _| texts(&h.issuer_lines)),
    ),
    opt("issuer", TEXT, "The issuing body, from the issuer lines.", on!(Header, |h, _| opt_text(&h.issuer))),
    req(
        "system",
        Ty::Enum(&SYSTEM),
        "`state`, `party` or `unknown`, from the symbol and the issuer.",
        on!(Header, |h, _| word(system_name(h.system))),
    ),
    req("motto", Ty::List(Elem::Rec(Kind::Text)), "The national motto lines.", on!(Header, |h, _| texts(&h.motto))),
    opt("symbol_line", TEXT, "The whole `Số: …` line.", on!(Header, |h, _| opt_text(&h.symbol_line))),
    opt(
        "symbol",
        Ty::Rec(Kind::Symbol),
        "The plan's symbol.",
        on!(Header, |h, _| opt_rec(h.symbol.as_ref(), Rec::Symbol)),
    ),
    opt(
        "place_date",
        Ty::Rec(Kind::PlaceDate),
        "The place-and-date line.",
        on!(Header, |h, _| opt_rec(h.place_date.as_ref(), Rec::PlaceDate)),
    ),
    opt(
        "span",
        Ty::Span,
        "From the first issuer line to the place-and-date line.",
        on!(Header, |h, _| super::value::header_span(h).map_or(Value::Missing, Value::Span)),
    ),
];

static PLACE_DATE: &[FieldDef] = &[
    req("text", TEXT, "The whole line.", on!(PlaceDate, |p, _| text(&p.text))),
    opt("place", TEXT, "The place (`Lục Bình`).", on!(PlaceDate, |p, _| opt_text(&p.place))),
    req(
        "date",
        Ty::Rec(Kind::DateValue),
        "The date, possibly partial.",
        on!(PlaceDate, |p, _| Value::Rec(Rec::DateValue(&p.date))),
    ),
    req("span", Ty::Span, "The line.", on!(PlaceDate, |p, _| Value::Span(p.text.span))),
];

static DATE_VALUE: &[FieldDef] = &[
    req("raw", TEXT, "The date as written.", on!(DateValue, |d, _| Value::text(&d.raw, d.span))),
    req("span", Ty::Span, "Where it is written.", on!(DateValue, |d, _| Value::Span(d.span))),
    opt("day", Ty::Num, "The day, when written.", on!(DateValue, |d, _| opt_int(d.day))),
    opt("month", Ty::Num, "The month, when written.", on!(DateValue, |d, _| opt_int(d.month))),
    opt("year", Ty::Num, "The year, when written.", on!(DateValue, |d, _| opt_int(d.year))),
    req(
        "form",
        Ty::Enum(&DATE_FORM),
        "`numeric` (`25/01/2013`) or `words` (`ngày 25 tháng 01 năm 2013`).",
        on!(DateValue, |d, _| word(date_form_name(d.form))),
    ),
    req(
        "status",
        Ty::Enum(&DATE_STATUS),
        "`complete`, `partial` (day or month left blank) or `invalid` (31/02, month 13).",
        on!(DateValue, |d, _| word(date_status_name(d.status))),
    ),
];

static SYMBOL: &[FieldDef] = &[
    req("raw", TEXT, "The symbol as written (`141/KH-UBND`).", on!(Symbol, |s, _| Value::text(&s.raw, s.span))),
    req("span", Ty::Span, "Where it is written.", on!(Symbol, |s, _| Value::Span(s.span))),
    req(
        "form",
        Ty::Enum(&SYMBOL_FORM),
        "`state` (`141/KH-UBND`), `normative` (`57/2025/NQ-HĐND`), `party` (`24-KH/HU`) or `malformed`.",
        on!(Symbol, |s, _| word(symbol_form_name(s.form))),
    ),
    opt(
        "number",
        Ty::Str,
        "The number; missing when left blank (`Số: /KH-UBND`).",
        on!(Symbol, |s, _| opt_str(&s.number)),
    ),
    opt("year", Ty::Num, "The year inside the symbol (normative documents).", on!(Symbol, |s, _| opt_int(s.year))),
    opt("type_code", Ty::Str, "The document type code (`KH`, `QĐ`, `NQ`).", on!(Symbol, |s, _| opt_str(&s.type_code))),
    opt("issuer_code", Ty::Str, "The issuer code (`UBND`, `TTg`, `TW`).", on!(Symbol, |s, _| opt_str(&s.issuer_code))),
    req(
        "defects",
        Ty::List(Elem::Enum(&SYMBOL_DEFECT)),
        "What is wrong with how it is written.",
        on!(Symbol, |s, _| Value::list(s.defects.iter().map(|d| word(symbol_defect_name(*d))))),
    ),
    opt(
        "canonical",
        Ty::Str,
        "The symbol in its standard form, when its parts are known.",
        on!(Symbol, |s, _| s.canonical().map_or(Value::Missing, Value::owned)),
    )
    .memo(),
];

static PERIOD: &[FieldDef] = &[
    req("text", TEXT, "The period as written.", on!(Period, |p, _| Value::text(&p.text, p.span))),
    req("span", Ty::Span, "Where it is written.", on!(Period, |p, _| Value::Span(p.span))),
    req(
        "kind",
        Ty::Enum(&PERIOD_KIND),
        "`year` (`năm 2024`), `range` (`2021-2025`) or `until` (`đến năm 2030`).",
        on!(Period, |p, _| word(period_kind_name(p.kind))),
    ),
    opt("start_year", Ty::Num, "The first year (none for `đến năm 2030`).", on!(Period, |p, _| opt_int(p.start_year))),
    req("end_year", Ty::Num, "The last year.", on!(Period, |p, _| Value::int(p.end_year))),
];

static BASIS: &[FieldDef] = &[
    req("text", TEXT, "The paragraph.", on!(Basis, |b, _| text(&b.text))),
    req("span", Ty::Span, "The paragraph.", on!(Basis, |b, _| Value::Span(b.text.span))),
    req(
        "citations",
        Ty::List(Elem::Rec(Kind::Citation)),
        "The documents it cites.",
        on!(Basis, |b, cx| Value::list(
            b.citations.iter().filter_map(|&i| cx.plan.citations.get(i)).map(|c| Value::Rec(Rec::Citation(c)))
        )),
    ),
];

static CITATION: &[FieldDef] = &[
    req("span", Ty::Span, "The whole citation.", on!(Citation, |c, _| Value::Span(c.span))),
    opt(
        "doc_type",
        Ty::Rec(Kind::DocType),
        "The document type (`Quyết định`).",
        on!(Citation, |c, _| opt_rec(c.doc_type.as_ref(), Rec::DocType)),
    ),
    req(
        "symbol",
        Ty::Rec(Kind::Symbol),
        "The symbol (`122/QĐ-TTg`).",
        on!(Citation, |c, _| Value::Rec(Rec::Symbol(&c.symbol))),
    ),
    opt(
        "date",
        Ty::Rec(Kind::DateValue),
        "The date, when written next to it.",
        on!(Citation, |c, _| opt_rec(c.date.as_ref(), Rec::DateValue)),
    ),
    opt(
        "issuer",
        TEXT,
        "The issuer, when named (`của Thủ tướng Chính phủ`).",
        on!(Citation, |c, _| opt_text(&c.issuer)),
    ),
    opt("title", TEXT, "The title, when written (`về …`).", on!(Citation, |c, _| opt_text(&c.title))),
    opt(
        "period",
        Ty::Rec(Kind::Period),
        "The period named in the title.",
        on!(Citation, |c, _| opt_rec(c.period.as_ref(), Rec::Period)),
    ),
    req(
        "context",
        Ty::Enum(&CITATION_CONTEXT),
        "Where it is cited: `title`, `basis`, `body`, `task` or `appendix`.",
        on!(Citation, |c, _| word(citation_context_name(c.context))),
    ),
];

static DOC_TYPE: &[FieldDef] = &[
    req(
        "name",
        Ty::Str,
        "The type in its standard spelling (`Quyết định`).",
        on!(DocType, |d, _| Value::borrowed(&d.name)),
    ),
    req("text", TEXT, "As written.", on!(DocType, |d, _| Value::text(&d.text, d.span))),
    req("span", Ty::Span, "Where it is written.", on!(DocType, |d, _| Value::Span(d.span))),
];

static SECTION: &[FieldDef] = &[
    req("number", TEXT, "The number as written (`II`, `2.1`, `a`).", on!(Section, |s, _| text(&s.number))),
    req(
        "numbering",
        Ty::Enum(&NUMBERING),
        "`roman`, `arabic`, `decimal`, `letter`, `appendix` or `article` (`Điều 1.` of a decision).",
        on!(Section, |s, _| word(numbering_name(s.numbering))),
    ),
    req("level", Ty::Num, "Depth in the tree, from 1.", on!(Section, |s, _| Value::int(s.level))),
    req("title", TEXT, "The heading text.", on!(Section, |s, _| text(&s.title))),
    req(
        "role",
        Ty::Enum(&ROLE),
        "`purpose`, `objectives`, `tasks`, `funding`, `implementation`, `appendix` or `other`.",
        on!(Section, |s, _| word(role_name(s.role))),
    ),
    req("span", Ty::Span, "The heading line.", on!(Section, |s, _| Value::Span(s.span))),
    req(
        "children",
        Ty::List(Elem::Rec(Kind::Section)),
        "The headings under it.",
        on!(Section, |s, _| recs(&s.children, Rec::Section)),
    ),
];

static TARGET: &[FieldDef] = &[
    req("text", TEXT, "The sentence or table row.", on!(Target, |t, _| text(&t.text))),
    req("span", Ty::Span, "The sentence or row.", on!(Target, |t, _| Value::Span(t.text.span))),
    opt("label", Ty::Str, "The item label (`a`, `-`, `1`).", on!(Target, |t, _| opt_str(&t.label))),
    opt(
        "indicator",
        Ty::Str,
        "The indicator id from the vocabulary, when recognized.",
        on!(Target, |t, _| opt_str(&t.indicator)),
    ),
    opt("indicator_text", TEXT, "The words that name the indicator.", on!(Target, |t, _| opt_text(&t.indicator_text))),
    opt(
        "comparator",
        Ty::Enum(&COMPARATOR),
        "`>`, `>=`, `<`, `<=`, `=`, `~` or `range`.",
        on!(Target, |t, _| t.comparator.map_or(Value::Missing, |c| word(comparator_name(c)))),
    ),
    opt(
        "comparator_text",
        TEXT,
        "The comparator as written (`trên`, `ít nhất`).",
        on!(Target, |t, _| opt_text(&t.comparator_text)),
    ),
    opt(
        "change",
        Ty::Enum(&CHANGE),
        "`increase`, `decrease` or `per_year` for targets that are changes.",
        on!(Target, |t, _| t.change.map_or(Value::Missing, |c| word(change_name(c)))),
    ),
    opt("value", Ty::Rec(Kind::Number), "The value.", on!(Target, |t, _| opt_rec(t.value.as_ref(), Rec::Number))),
    opt(
        "value_max",
        Ty::Rec(Kind::Number),
        "The upper value of a range.",
        on!(Target, |t, _| opt_rec(t.value_max.as_ref(), Rec::Number)),
    ),
    req(
        "value_status",
        Ty::Enum(&VALUE_STATUS),
        "`ok`, `absent` (no number: a qualitative target), `missing` (an indicator but no value) or `malformed`.",
        on!(Target, |t, _| word(value_status_name(t.value_status))),
    ),
    opt(
        "value_raw",
        TEXT,
        "The value as written, when it could not be read.",
        on!(Target, |t, _| opt_text(&t.value_raw)),
    ),
    opt("unit", Ty::Rec(Kind::Unit), "The unit.", on!(Target, |t, _| opt_rec(t.unit.as_ref(), Rec::Unit))),
    opt("year", Ty::Num, "The year it is set for.", on!(Target, |t, _| opt_int(t.year))),
    opt(
        "year_source",
        Ty::Enum(&YEAR_SOURCE),
        "Where the year came from: `sentence`, `heading` or `column`.",
        on!(Target, |t, _| t.year_source.map_or(Value::Missing, |y| word(year_source_name(y)))),
    ),
    req(
        "stated_in",
        Ty::Enum(&STATED_IN),
        "`objectives`, `general_objectives`, `body` or `appendix`.",
        on!(Target, |t, _| word(stated_in_name(t.stated_in))),
    ),
    opt(
        "subject",
        TEXT,
        "Whom or where the value is set for: `ở tuyến xã` after the value, or the label it is listed under (`Đối với các trường tiểu học`).",
        on!(Target, |t, _| opt_text(&t.subject)),
    ),
];

static NUMBER: &[FieldDef] = &[
    req("value", Ty::Num, "The value.", on!(Number, |n, _| Value::Num(n.value))),
    req("raw", TEXT, "As written (`94,3`).", on!(Number, |n, _| Value::text(&n.raw, n.span))),
    req("span", Ty::Span, "Where it is written.", on!(Number, |n, _| Value::Span(n.span))),
];

static UNIT: &[FieldDef] = &[
    req("kind", Ty::Enum(&UNIT_KIND), "The unit.", on!(Unit, |u, _| word(unit_kind_name(u.kind)))),
    req("text", TEXT, "As written (`%`, `‰`, `/10.000 dân`).", on!(Unit, |u, _| Value::text(&u.text, u.span))),
    req("span", Ty::Span, "Where it is written.", on!(Unit, |u, _| Value::Span(u.span))),
];

static TASK_GROUP: &[FieldDef] = &[
    req("number", TEXT, "The group number (`I`).", on!(TaskGroup, |g, _| text(&g.number))),
    req("title", TEXT, "The group title.", on!(TaskGroup, |g, _| text(&g.title))),
    req("span", Ty::Span, "The row.", on!(TaskGroup, |g, _| Value::Span(g.span))),
];

static TASK: &[FieldDef] = &[
    req("number", TEXT, "The number cell (`TT`/`STT`).", on!(Task, |t, _| text(&t.number))),
    opt("group", Ty::Str, "The number of the group row above it.", on!(Task, |t, _| opt_str(&t.group))),
    req("table", Ty::Num, "Which task table it is in (from 1).", on!(Task, |t, _| Value::int(t.table))),
    req("content", TEXT, "The content cell (nội dung, tên nhiệm vụ).", on!(Task, |t, _| text(&t.content))),
    req(
        "lead",
        TEXT,
        "The lead cell (đơn vị chủ trì); empty text when the cell is empty.",
        on!(Task, |t, _| text(&t.lead)),
    ),
    req(
        "leads",
        Ty::List(Elem::Rec(Kind::Text)),
        "The lead units, split from the lead cell.",
        on!(Task, |t, _| texts(&t.leads)),
    ),
    opt(
        "partners",
        TEXT,
        "The partner cell (cơ quan phối hợp), when the table has one.",
        on!(Task, |t, _| opt_text(&t.partners)),
    ),
    opt(
        "result",
        TEXT,
        "The result cell (kết quả, sản phẩm), when the table has one.",
        on!(Task, |t, _| opt_text(&t.result)),
    ),
    req(
        "deadline",
        Ty::Rec(Kind::Deadline),
        "The deadline cell, parsed.",
        on!(Task, |t, _| Value::Rec(Rec::Deadline(&t.deadline))),
    ),
    opt("note", TEXT, "The note cell (ghi chú), when the table has one.", on!(Task, |t, _| opt_text(&t.note))),
    req("span", Ty::Span, "The whole row, continuation rows included.", on!(Task, |t, _| Value::Span(t.span))),
];

static DEADLINE: &[FieldDef] = &[
    req(
        "text",
        TEXT,
        "The cell as written; empty text when the cell is empty.",
        on!(Deadline, |d, _| Value::text(&d.text, d.span)),
    ),
    req("span", Ty::Span, "The cell.", on!(Deadline, |d, _| Value::Span(d.span))),
    req(
        "kind",
        Ty::Enum(&DEADLINE_KIND),
        "`date`, `before_date`, `month`, `range`, `year`, `recurring`, `continuous`, `conditional`, `done`, `empty` or `other`.",
        on!(Deadline, |d, _| word(deadline_kind_name(d.kind))),
    ),
    opt(
        "start",
        Ty::Date,
        "The first day it can be, when known.",
        on!(Deadline, |d, _| d.start.map_or(Value::Missing, |x| Value::Date(DateRange::exact(x)))),
    ),
    opt(
        "end",
        Ty::Date,
        "The last day it can be, when known.",
        on!(Deadline, |d, _| d.end.map_or(Value::Missing, |x| Value::Date(DateRange::exact(x)))),
    ),
];

static ASSIGNMENT: &[FieldDef] = &[
    req("unit", TEXT, "The unit named.", on!(Assignment, |a, _| text(&a.unit))),
    req("duties", Ty::List(Elem::Rec(Kind::Text)), "Its duties.", on!(Assignment, |a, _| texts(&a.duties))),
    req("span", Ty::Span, "The paragraph.", on!(Assignment, |a, _| Value::Span(a.span))),
];

static APPENDIX: &[FieldDef] = &[
    opt("number", TEXT, "The appendix number (`1`, `II`).", on!(Appendix, |a, _| opt_text(&a.number))),
    opt("title", TEXT, "The appendix title.", on!(Appendix, |a, _| opt_text(&a.title))),
    opt(
        "reference",
        Ty::Rec(Kind::AppendixRef),
        "The `(Kèm theo Kế hoạch số …)` line.",
        on!(Appendix, |a, _| opt_rec(a.reference.as_ref(), Rec::AppendixRef)),
    ),
    req("span", Ty::Span, "The caption.", on!(Appendix, |a, _| Value::Span(a.span))),
];

static APPENDIX_REF: &[FieldDef] = &[
    req("text", TEXT, "The line.", on!(AppendixRef, |a, _| text(&a.text))),
    opt(
        "symbol",
        Ty::Rec(Kind::Symbol),
        "The plan symbol it names.",
        on!(AppendixRef, |a, _| opt_rec(a.symbol.as_ref(), Rec::Symbol)),
    ),
    opt(
        "date",
        Ty::Rec(Kind::DateValue),
        "The plan date it names.",
        on!(AppendixRef, |a, _| opt_rec(a.date.as_ref(), Rec::DateValue)),
    ),
    opt("issuer", TEXT, "The issuer it names.", on!(AppendixRef, |a, _| opt_text(&a.issuer))),
    req("span", Ty::Span, "The line.", on!(AppendixRef, |a, _| Value::Span(a.text.span))),
];

static SIGNATURE: &[FieldDef] = &[
    opt(
        "on_behalf",
        TEXT,
        "`TM. ỦY BAN NHÂN DÂN`, `T/M BAN THƯỜNG VỤ`.",
        on!(Signature, |s, _| opt_text(&s.on_behalf)),
    ),
    opt("delegation", TEXT, "`KT. CHỦ TỊCH`.", on!(Signature, |s, _| opt_text(&s.delegation))),
    opt("position", TEXT, "`PHÓ CHỦ TỊCH`.", on!(Signature, |s, _| opt_text(&s.position))),
    opt("signer", TEXT, "The signer's name.", on!(Signature, |s, _| opt_text(&s.signer))),
    req("span", Ty::Span, "The block.", on!(Signature, |s, _| Value::Span(s.span))),
];

static RECIPIENTS: &[FieldDef] = &[
    req("heading", TEXT, "`Nơi nhận:`.", on!(Recipients, |r, _| text(&r.heading))),
    req("items", Ty::List(Elem::Rec(Kind::Text)), "The recipients.", on!(Recipients, |r, _| texts(&r.items))),
    req("span", Ty::Span, "The block.", on!(Recipients, |r, _| Value::Span(r.span))),
];

static INDICATOR: &[FieldDef] = &[
    req("id", Ty::Str, "The stable id (`bhyt_coverage`).", on!(Indicator, |i, _| Value::borrowed(&i.id))),
    req(
        "name",
        Ty::Str,
        "Its first name in the vocabulary.",
        on!(Indicator, |i, _| i.names.first().map_or(Value::Missing, |n| Value::borrowed(n))),
    ),
    req(
        "names",
        Ty::List(Elem::Str),
        "Every wording that names it.",
        on!(Indicator, |i, _| Value::list(i.names.iter().map(|n| Value::borrowed(n)))),
    ),
    req("unit", Ty::Enum(&INDICATOR_UNIT), "Its unit.", on!(Indicator, |i, _| Value::borrowed(&i.unit))),
    req(
        "direction",
        Ty::Enum(&DIRECTION),
        "`higher_is_better`, `lower_is_better` or `context` (set by local policy).",
        on!(Indicator, |i, _| word(direction_name(i.direction))),
    ),
    opt(
        "range_low",
        Ty::Num,
        "The lowest plausible value.",
        on!(Indicator, |i, _| i.range.map_or(Value::Missing, |[lo, _]| decimal(lo))),
    ),
    opt(
        "range_high",
        Ty::Num,
        "The highest plausible value.",
        on!(Indicator, |i, _| i.range.map_or(Value::Missing, |[_, hi]| decimal(hi))),
    ),
    req(
        "scope_sensitive",
        Ty::Bool,
        "Whether national ratios are not comparable with a district's.",
        on!(Indicator, |i, _| Value::Bool(i.scope_sensitive)),
    ),
    req(
        "alt_units",
        Ty::List(Elem::Enum(&INDICATOR_UNIT)),
        "Other units it may be stated in.",
        on!(Indicator, |i, _| Value::list(i.alt_units.iter().map(|u| Value::borrowed(u)))),
    ),
];

fn opt_date(d: Option<crate::model::Date>) -> Value<'static> {
    d.map_or(Value::Missing, |d| Value::Date(DateRange::exact(d)))
}

fn fact(d: &crate::registry::LegalDoc, f: crate::registry::Fact) -> Value<'static> {
    Value::Bool(d.is_verified(f))
}

static LEGAL_DOC: &[FieldDef] = &[
    req("symbol", Ty::Str, "The symbol in its standard form.", on!(LegalDoc, |d, _| Value::borrowed(&d.symbol))),
    req("type", Ty::Str, "The document type (`Quyết định`).", on!(LegalDoc, |d, _| Value::borrowed(&d.doc_type))),
    req("issuer", Ty::Str, "The issuing body.", on!(LegalDoc, |d, _| Value::borrowed(&d.issuer))),
    opt("date", Ty::Date, "The date of issue.", on!(LegalDoc, |d, _| opt_date(d.date))),
    opt("title", Ty::Str, "The title.", on!(LegalDoc, |d, _| opt_str(&d.title))),
    opt(
        "period_start",
        Ty::Num,
        "The first year of the period its title names.",
        on!(LegalDoc, |d, _| opt_int(d.period.and_then(|p| p.start))),
    ),
    opt(
        "period_end",
        Ty::Num,
        "The last year of the period its title names.",
        on!(LegalDoc, |d, _| opt_int(d.period.map(|p| p.end))),
    ),
    opt(
        "vision",
        Ty::Num,
        "The vision year (`tầm nhìn đến năm …`).",
        on!(LegalDoc, |d, _| opt_int(d.period.and_then(|p| p.vision))),
    ),
    req(
        "status",
        Ty::Enum(&DOC_STATUS),
        "`in_force`, `superseded`, `expired` or `unknown`.",
        on!(LegalDoc, |d, _| word(doc_status_name(d.status))),
    ),
    opt(
        "superseded_by",
        Ty::Str,
        "The document that explicitly replaced it.",
        on!(LegalDoc, |d, _| opt_str(&d.superseded_by)),
    ),
    opt(
        "successor",
        Ty::Str,
        "A newer document on the same subject.",
        on!(LegalDoc, |d, _| d.successor.as_ref().map_or(Value::Missing, |s| Value::borrowed(&s.symbol))),
    ),
    opt(
        "successor_date",
        Ty::Date,
        "The date of that newer document.",
        on!(LegalDoc, |d, _| opt_date(d.successor.as_ref().map(|s| s.date))),
    ),
    req(
        "successor_explicit",
        Ty::Bool,
        "Whether the newer document explicitly repeals this one.",
        on!(LegalDoc, |d, _| Value::Bool(d.successor.as_ref().is_some_and(|s| s.explicit))),
    ),
    opt("effective", Ty::Date, "When it took effect, if not on signing.", on!(LegalDoc, |d, _| opt_date(d.effective))),
    req(
        "date_verified",
        Ty::Bool,
        "Whether its date is confirmed by sources.",
        on!(LegalDoc, |d, _| fact(d, crate::registry::Fact::Date)),
    ),
    req(
        "issuer_verified",
        Ty::Bool,
        "Whether its issuer is confirmed.",
        on!(LegalDoc, |d, _| fact(d, crate::registry::Fact::Issuer)),
    ),
    req(
        "title_verified",
        Ty::Bool,
        "Whether its title is confirmed word for word.",
        on!(LegalDoc, |d, _| fact(d, crate::registry::Fact::Title)),
    ),
    req(
        "period_verified",
        Ty::Bool,
        "Whether the period its title names is confirmed.",
        on!(LegalDoc, |d, _| fact(d, crate::registry::Fact::Period)),
    ),
    req(
        "status_verified",
        Ty::Bool,
        "Whether its status is confirmed.",
        on!(LegalDoc, |d, _| fact(d, crate::registry::Fact::Status)),
    ),
];

static PARENT_TARGET: &[FieldDef] = &[
    req(
        "document",
        Ty::Str,
        "The higher-level document or parent plan (its symbol).",
        on!(ParentTarget, |t, _| Value::borrowed(&t.doc)),
    ),
    req("indicator", Ty::Str, "The indicator id.", on!(ParentTarget, |t, _| Value::borrowed(&t.indicator))),
    req("year", Ty::Num, "The year it is set for.", on!(ParentTarget, |t, _| Value::int(t.year))),
    req(
        "comparator",
        Ty::Enum(&PARENT_COMPARATOR),
        "`reach`, `gt`, `ge`, `lt`, `le`, `approx`, `range`, `delta_ge` (a change) or `nonnumeric`.",
        on!(ParentTarget, |t, _| word(parent_comparator_name(t.comparator))),
    ),
    opt(
        "value",
        Ty::Num,
        "The value (the lower bound of a range).",
        on!(ParentTarget, |t, _| t.value.map_or(Value::Missing, Value::Num)),
    ),
    opt(
        "value_max",
        Ty::Num,
        "The upper bound of a range.",
        on!(ParentTarget, |t, _| t.value_max.map_or(Value::Missing, Value::Num)),
    ),
    req(
        "is_change",
        Ty::Bool,
        "Whether it is a change (`tăng thêm`) rather than a level.",
        on!(ParentTarget, |t, _| Value::Bool(t.is_change())),
    ),
    req("unit", Ty::Enum(&INDICATOR_UNIT), "The unit.", on!(ParentTarget, |t, _| Value::borrowed(&t.unit))),
    req(
        "comparable",
        Ty::Bool,
        "Whether a local figure may be compared with it although the indicator is scope-sensitive.",
        on!(ParentTarget, |t, _| Value::Bool(t.comparable)),
    ),
];

static TEXT_FIELDS: &[FieldDef] = &[
    req("text", Ty::Str, "The text.", |v, _| match v {
        Value::Str(s, _) => Value::Str(s.clone(), None),
        _ => Value::Missing,
    }),
    opt("span", Ty::Span, "Where it is written.", |v, _| match v {
        Value::Str(_, Some(span)) => Value::Span(*span),
        _ => Value::Missing,
    }),
];

macro_rules! kind {
    ($kind:ident, $name:literal, $doc:literal, text: $text:literal, span: $span:literal, $fields:ident) => {
        KindDef { kind: Kind::$kind, name: $name, doc: $doc, text_like: $text, has_span: $span, fields: $fields }
    };
}

/// Every record kind, in the order the reference documents them.
pub(crate) static KINDS: &[KindDef] = &[
    kind!(Plan, "plan", "The plan: the root every rule starts from (`plan`).", text: false, span: true, PLAN),
    kind!(Header, "header", "Issuer, motto, symbol, place and date.", text: false, span: true, HEADER),
    kind!(PlaceDate, "place_date", "The place-and-date line (`Lục Bình, ngày  tháng 5 năm 2023`).", text: false, span: true, PLACE_DATE),
    kind!(DateValue, "date_value", "A date as written, possibly partial (a blank day is a whole month). Compares as dates: `<` is *certainly before*, `>` *certainly after*.", text: true, span: true, DATE_VALUE),
    kind!(Symbol, "symbol", "A document symbol (số, ký hiệu).", text: true, span: true, SYMBOL),
    kind!(Period, "period", "A period (`năm 2024`, `giai đoạn 2021-2025`, `đến năm 2030`).", text: true, span: true, PERIOD),
    kind!(Basis, "basis", "A legal basis paragraph.", text: false, span: true, BASIS),
    kind!(Citation, "citation", "A citation of another document.", text: false, span: true, CITATION),
    kind!(DocType, "doc_type", "A document type as written.", text: true, span: true, DOC_TYPE),
    kind!(Section, "section", "A heading of the heading tree.", text: false, span: true, SECTION),
    kind!(Target, "target", "A specific target (mục tiêu cụ thể, chỉ tiêu).", text: false, span: true, TARGET),
    kind!(Number, "number", "A number as written in the plan; compares as its value.", text: true, span: true, NUMBER),
    kind!(Unit, "unit", "A unit as written.", text: true, span: true, UNIT),
    kind!(TaskGroup, "task_group", "A group row of a task table.", text: false, span: true, TASK_GROUP),
    kind!(Task, "task", "A task: one row of a task table, continuation rows merged.", text: false, span: true, TASK),
    kind!(Deadline, "deadline", "A deadline cell (thời hạn), parsed; reads as its text.", text: true, span: true, DEADLINE),
    kind!(Assignment, "assignment", "A unit named in *Tổ chức thực hiện* and its duties.", text: false, span: true, ASSIGNMENT),
    kind!(Appendix, "appendix", "An appendix caption.", text: false, span: true, APPENDIX),
    kind!(AppendixRef, "appendix_ref", "The `(Kèm theo Kế hoạch số …)` line of an appendix.", text: false, span: true, APPENDIX_REF),
    kind!(Signature, "signature", "The signature block.", text: false, span: true, SIGNATURE),
    kind!(Recipients, "recipients", "The recipients block (*Nơi nhận*).", text: false, span: true, RECIPIENTS),
    kind!(Indicator, "indicator", "An indicator of the vocabulary (`indicator(id)`).", text: false, span: false, INDICATOR),
    kind!(LegalDoc, "legal_doc", "A document of the legal registry (`legal(cite)`): verified facts, and which of them sources confirm.", text: false, span: false, LEGAL_DOC),
    kind!(ParentTarget, "parent_target", "A target of a document the plan implements, from the targets registry or a parent plan in the same run (`parent_targets(target)`).", text: false, span: false, PARENT_TARGET),
    kind!(Text, "text", "A piece of the plan's text with its place; reads as its text wherever text is expected.", text: true, span: true, TEXT_FIELDS),
];

/// The definition of a kind.
pub(crate) fn kind_def(kind: Kind) -> &'static KindDef {
    // INVARIANT: KINDS lists every kind; the test `every_kind_is_defined` keeps it so.
    KINDS.iter().find(|k| k.kind == kind).unwrap_or(&KIND_FALLBACK)
}

static KIND_FALLBACK: KindDef = kind!(Text, "text", "", text: true, span: true, TEXT_FIELDS);

/// Every enumeration, for the reference.
pub(crate) static ENUMS: &[&EnumDef] = &[
    &FORMAT,
    &SYSTEM,
    &DATE_FORM,
    &DATE_STATUS,
    &PERIOD_KIND,
    &DEADLINE_KIND,
    &SYMBOL_FORM,
    &SYMBOL_DEFECT,
    &CITATION_CONTEXT,
    &NUMBERING,
    &ROLE,
    &COMPARATOR,
    &CHANGE,
    &UNIT_KIND,
    &VALUE_STATUS,
    &YEAR_SOURCE,
    &STATED_IN,
    &DIRECTION,
    &INDICATOR_UNIT,
    &STAGE,
    &DOC_STATUS,
    &PARENT_COMPARATOR,
    &ISSUER_VERDICT,
];

/// What a function parameter accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Accept {
    Any,
    Num,
    Str,
    Date,
    Span,
    List,
    ListOrStr,
    Record(Kind),
}

impl Accept {
    pub(crate) fn accepts(self, ty: Ty) -> bool {
        match self {
            Accept::Any => true,
            Accept::Num => ty.is_num_like(),
            Accept::Str => ty.is_str_like(),
            Accept::List => matches!(ty, Ty::List(_) | Ty::Any),
            Accept::Record(k) => ty == Ty::Rec(k) || ty == Ty::Any,
            Accept::Date => ty.is_date_like(),
            Accept::Span => ty.is_span_like(),
            Accept::ListOrStr => matches!(ty, Ty::List(_)) || ty.is_str_like(),
        }
    }

    fn doc_name(self) -> &'static str {
        match self {
            Accept::Any => "any",
            Accept::List => "list",
            Accept::Record(k) => kind_def(k).name,
            Accept::Num => "number",
            Accept::Str => "text",
            Accept::Date => "date",
            Accept::Span => "span",
            Accept::ListOrStr => "list or text",
        }
    }

    pub(crate) fn describe(self) -> (&'static str, &'static str) {
        match self {
            Accept::Any => ("giá trị", "value"),
            Accept::List => ("danh sách", "list"),
            Accept::Record(k) => (kind_def(k).name, kind_def(k).name),
            Accept::Num => ("số", "number"),
            Accept::Str => ("văn bản", "text"),
            Accept::Date => ("ngày", "date"),
            Accept::Span => ("vị trí trong kế hoạch", "place in the plan"),
            Accept::ListOrStr => ("danh sách hoặc văn bản", "list or text"),
        }
    }
}

/// A function implementation.
pub(crate) type Call = for<'p> fn(&[Value<'p>], &Ctx<'p>) -> Value<'p>;

/// A function of the library.
pub(crate) struct FnDef {
    pub(crate) name: &'static str,
    pub(crate) params: &'static [(&'static str, Accept)],
    pub(crate) ret: Ty,
    /// Whether it returns an item of the list given as its first argument (`ret` is then
    /// ignored).
    pub(crate) ret_item: bool,
    pub(crate) doc: &'static str,
    pub(crate) example: &'static str,
    /// Whether results on the plan's own text are remembered for the run over a plan (for costly
    /// text functions called again and again on the same cells).
    pub(crate) memo: bool,
    pub(crate) call: Call,
}

impl std::fmt::Debug for FnDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// The function library.
pub(crate) static FUNCTIONS: &[FnDef] = &[
    FnDef {
        name: "len",
        params: &[("x", Accept::ListOrStr)],
        ret_item: false,
        ret: Ty::Num,
        doc: "The number of items of a list, or of characters of a text.",
        example: "len(task.leads) > 1",
        memo: false,
        call: functions::len,
    },
    FnDef {
        name: "year",
        params: &[("date", Accept::Date)],
        ret_item: false,
        ret: Ty::Num,
        doc: "The year of a date; missing when not written.",
        example: "year(cite.date) != cite.symbol.year",
        memo: false,
        call: functions::year,
    },
    FnDef {
        name: "month",
        params: &[("date", Accept::Date)],
        ret_item: false,
        ret: Ty::Num,
        doc: "The month of a date; missing when left blank.",
        example: "month(plan.date) is missing",
        memo: false,
        call: functions::month,
    },
    FnDef {
        name: "day",
        params: &[("date", Accept::Date)],
        ret_item: false,
        ret: Ty::Num,
        doc: "The day of a date; missing when left blank.",
        example: "day(plan.date) is missing",
        memo: false,
        call: functions::day,
    },
    FnDef {
        name: "date",
        params: &[("year", Accept::Num), ("month", Accept::Num), ("day", Accept::Num)],
        ret_item: false,
        ret: Ty::Date,
        doc: "A calendar date; missing when there is no such day.",
        example: "task.deadline.end < date(2026, 1, 1)",
        memo: false,
        call: functions::date,
    },
    FnDef {
        name: "lower",
        params: &[("text", Accept::Str)],
        ret_item: false,
        ret: Ty::Str,
        doc: "The text in lower case.",
        example: "lower(task.lead) == \"trạm y tế\"",
        memo: true,
        call: functions::lower,
    },
    FnDef {
        name: "norm",
        params: &[("text", Accept::Str)],
        ret_item: false,
        ret: Ty::Str,
        doc: "The text normalized for comparison: lower case, white space collapsed, punctuation at either end removed.",
        example: "norm(a.content) == norm(b.content)",
        memo: true,
        call: functions::norm,
    },
    FnDef {
        name: "fold",
        params: &[("text", Accept::Str)],
        ret_item: false,
        ret: Ty::Str,
        doc: "Like `norm`, and without diacritics (`Thường xuyên` → `thuong xuyen`), for comparisons that forgive a missing accent.",
        example: "fold(task.deadline) == \"thuong xuyen\"",
        memo: true,
        call: functions::fold,
    },
    FnDef {
        name: "contains",
        params: &[("text", Accept::Str), ("part", Accept::Str)],
        ret_item: false,
        ret: Ty::Bool,
        doc: "Whether the text contains the part (exactly as written; combine with `norm` to ignore case).",
        example: "contains(norm(task.content), \"chuyển đổi số\")",
        memo: false,
        call: functions::contains,
    },
    FnDef {
        name: "starts_with",
        params: &[("text", Accept::Str), ("part", Accept::Str)],
        ret_item: false,
        ret: Ty::Bool,
        doc: "Whether the text starts with the part.",
        example: "starts_with(norm(task.lead), \"các \")",
        memo: false,
        call: functions::starts_with,
    },
    FnDef {
        name: "ends_with",
        params: &[("text", Accept::Str), ("part", Accept::Str)],
        ret_item: false,
        ret: Ty::Bool,
        doc: "Whether the text ends with the part.",
        example: "ends_with(symbol.raw, \"-\")",
        memo: false,
        call: functions::ends_with,
    },
    FnDef {
        name: "impossible_syllables",
        params: &[("text", Accept::Str)],
        ret_item: false,
        ret: Ty::List(Elem::Str),
        doc: "The words of a text that cannot be Vietnamese syllables, by the structure of the syllable alone (initial, vowel nucleus, final, tone): typos such as `buổ`. Only lower-case words with a Vietnamese letter are judged, so abbreviations, names and foreign words never are.",
        example: "any w in impossible_syllables(task.content) where true",
        memo: true,
        call: functions::impossible_syllables,
    },
    FnDef {
        name: "short",
        params: &[("text", Accept::Str), ("max", Accept::Num)],
        ret_item: false,
        ret: Ty::Str,
        doc: "The text cut to at most `max` characters at a word boundary, with `…` when cut: for quoting long cells in messages.",
        example: "\"nhiệm vụ `{short(task.content, 60)}` chưa có đơn vị chủ trì\"",
        memo: false,
        call: functions::short,
    },
    FnDef {
        name: "text",
        params: &[("x", Accept::Str)],
        ret_item: false,
        ret: Ty::Str,
        doc: "The text of a value that reads as text (a date as written, a deadline, a symbol).",
        example: "text(task.deadline) == \"\"",
        memo: false,
        call: functions::text,
    },
    FnDef {
        name: "line",
        params: &[("x", Accept::Span)],
        ret_item: false,
        ret: Ty::Num,
        doc: "The line (from 1) where something is written, for messages.",
        example: "\"the first at line {line(first)}\"",
        memo: false,
        call: functions::line,
    },
    FnDef {
        name: "stage",
        params: &[],
        ret_item: false,
        ret: Ty::Enum(&STAGE),
        doc: "The stage the run checks for: `draft` (the default) or `final` (about to be signed).",
        example: "stage() == \"final\"",
        memo: false,
        call: functions::stage,
    },
    FnDef {
        name: "worse",
        params: &[("value", Accept::Num), ("than", Accept::Num), ("direction", Accept::Str)],
        ret_item: false,
        ret: Ty::Bool,
        doc: "Whether `value` is less ambitious than `than` for an indicator that improves in `direction`: lower for `higher_is_better`, higher for `lower_is_better`, never for `context`.",
        example: "worse(t.value, 75.5, indicator(t.indicator).direction)",
        memo: false,
        call: functions::worse,
    },
    FnDef {
        name: "legal",
        params: &[("citation", Accept::Record(Kind::Citation))],
        ret_item: false,
        ret: Ty::Rec(Kind::LegalDoc),
        doc: "The document of the legal registry a citation names: same symbol, same year, and for a local document its province or city named in the citation; missing unless exactly one fits.",
        example: "legal(cite).date_verified",
        memo: false,
        call: functions::legal,
    },
    FnDef {
        name: "issuer_verdict",
        params: &[("document", Accept::Record(Kind::LegalDoc)), ("issuer", Accept::Str)],
        ret_item: false,
        ret: Ty::Enum(&ISSUER_VERDICT),
        doc: "How an issuer as written compares with the registry: `right`, `imprecise` (not wrong, not exact), `wrong` (a body the registry names as wrong) or `unknown`.",
        example: "issuer_verdict(doc, cite.issuer) == \"wrong\"",
        memo: false,
        call: functions::issuer_verdict,
    },
    FnDef {
        name: "parent_targets",
        params: &[("target", Accept::Record(Kind::Target))],
        ret_item: false,
        ret: Ty::List(Elem::Rec(Kind::ParentTarget)),
        doc: "The verified targets, for the same indicator (or one comparable with it) and year (a one-year plan's targets without a year are for its year), of the documents the plan implements: those cited in its bases or title, from the targets registry, and parent plans of the same run.",
        example: "any p in parent_targets(t) where worse(t.value, p.value, \"higher_is_better\")",
        memo: false,
        call: functions::parent_targets,
    },
    FnDef {
        name: "ordinal",
        params: &[("number", Accept::Str), ("numbering", Accept::Str)],
        ret_item: false,
        ret: Ty::Num,
        doc: "The position a heading or list number stands for in its numbering (`roman`: `IV` → 4; `arabic`; `decimal`: the last part, `2.3` → 3; `letter`: `a, b, c, d, đ, e, g…` → 1, 2…); missing when it is not one.",
        example: "ordinal(s.number, s.numbering) == ordinal(prev.number, prev.numbering) + 1",
        memo: false,
        call: functions::ordinal,
    },
    FnDef {
        name: "previous",
        params: &[("list", Accept::List), ("item", Accept::Any)],
        ret_item: true,
        ret: Ty::Any,
        doc: "The item before `item` in `list`; missing for the first.",
        example: "let prev = previous(plan.tasks, task)",
        memo: false,
        call: functions::previous,
    },
    FnDef {
        name: "same",
        params: &[("a", Accept::Any), ("b", Accept::Any)],
        ret_item: false,
        ret: Ty::Bool,
        doc: "Whether two values are equal, counting two missing values as the same (where `==` is false).",
        example: "same(a.year, b.year)",
        memo: false,
        call: functions::same,
    },
    FnDef {
        name: "unit_symbol",
        params: &[("unit", Accept::Str)],
        ret_item: false,
        ret: Ty::Str,
        doc: "How a unit is written in a plan (`per_mille` → `‰`, `per_10k` → `/10.000 dân`), for messages.",
        example: "\"this indicator is measured in {unit_symbol(ind.unit)}\"",
        memo: false,
        call: functions::unit_symbol,
    },
    FnDef {
        name: "indicator",
        params: &[("id", Accept::Str)],
        ret_item: false,
        ret: Ty::Rec(Kind::Indicator),
        doc: "The indicator of the vocabulary with this id; missing when there is none.",
        example: "indicator(target.indicator).unit != target.unit.kind",
        memo: false,
        call: functions::indicator,
    },
];

/// A function by name.
pub(crate) fn function(name: &str) -> Option<&'static FnDef> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

/// A field of a kind by name.
pub(crate) fn field(kind: Kind, name: &str) -> Option<&'static FieldDef> {
    kind_def(kind).fields.iter().find(|f| f.name == name)
}

/// The rule authors' reference to the model and the function library, in Markdown (the
/// generated part of `rules/README.md`).
pub(crate) fn reference_markdown() -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### Records and fields\n");
    let _ = writeln!(
        out,
        "A field marked *optional* may be missing: test it with `is missing`; comparisons with a missing value are false.\n"
    );
    for k in KINDS {
        let _ = writeln!(out, "#### {}\n\n{}\n", k.name, k.doc);
        let _ = writeln!(out, "| field | type | |\n|---|---|---|");
        for f in k.fields {
            let ty = f.ty.doc_name();
            let ty = if f.optional { format!("{ty}, *optional*") } else { ty };
            let _ = writeln!(out, "| `{}` | {} | {} |", f.name, ty, f.doc.replace('|', "\\|"));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "### Enumerations\n");
    let _ = writeln!(
        out,
        "An enumeration field is text that takes one of these values; comparing it with any other value is an error.\n"
    );
    for e in ENUMS {
        let values = e.values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
        let _ = writeln!(out, "#### {}\n\n{values}\n", e.name);
    }
    let _ = writeln!(out, "### Functions\n");
    let _ = writeln!(out, "| function | returns | | example |\n|---|---|---|---|");
    for f in FUNCTIONS {
        let params = f.params.iter().map(|(n, a)| format!("{n}: {}", a.doc_name())).collect::<Vec<_>>().join(", ");
        let _ = writeln!(
            out,
            "| `{}({params})` | {} | {} | `{}` |",
            f.name,
            f.ret.doc_name(),
            f.doc.replace('|', "\\|"),
            f.example.replace('|', "\\|")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_defined_once() {
        let kinds = [
            Kind::Plan,
            Kind::Header,
            Kind::PlaceDate,
            Kind::DateValue,
            Kind::Symbol,
            Kind::Period,
            Kind::Basis,
            Kind::Citation,
            Kind::DocType,
            Kind::Section,
            Kind::Target,
            Kind::Number,
            Kind::Unit,
            Kind::TaskGroup,
            Kind::Task,
            Kind::Deadline,
            Kind::Assignment,
            Kind::Appendix,
            Kind::AppendixRef,
            Kind::Signature,
            Kind::Recipients,
            Kind::Indicator,
            Kind::LegalDoc,
            Kind::ParentTarget,
            Kind::Text,
        ];
        for k in kinds {
            assert_eq!(KINDS.iter().filter(|d| d.kind == k).count(), 1, "{k:?}");
        }
        assert_eq!(KINDS.len(), kinds.len());
    }

    #[test]
    fn field_names_are_unique_per_kind() {
        for k in KINDS {
            let mut names: Vec<_> = k.fields.iter().map(|f| f.name).collect();
            names.sort_unstable();
            let n = names.len();
            names.dedup();
            assert_eq!(names.len(), n, "{}", k.name);
        }
    }

    /// The names rules compare with are the names `planlint extract` prints.
    #[test]
    fn enumeration_values_are_the_serialized_names() {
        fn check<T: serde::de::DeserializeOwned + serde::Serialize + Copy>(def: &EnumDef, name: fn(T) -> &'static str) {
            for v in def.values {
                let parsed: T = serde_json::from_value(serde_json::Value::String((*v).to_owned())).unwrap();
                assert_eq!(name(parsed), *v);
                assert_eq!(serde_json::to_value(parsed).unwrap(), serde_json::Value::String((*v).to_owned()));
            }
        }
        check(&FORMAT, format_name);
        check(&SYSTEM, system_name);
        check(&DATE_FORM, date_form_name);
        check(&DATE_STATUS, date_status_name);
        check(&PERIOD_KIND, period_kind_name);
        check(&DEADLINE_KIND, deadline_kind_name);
        check(&SYMBOL_FORM, symbol_form_name);
        check(&SYMBOL_DEFECT, symbol_defect_name);
        check(&CITATION_CONTEXT, citation_context_name);
        check(&NUMBERING, numbering_name);
        check(&ROLE, role_name);
        check(&COMPARATOR, comparator_name);
        check(&CHANGE, change_name);
        check(&UNIT_KIND, unit_kind_name);
        check(&VALUE_STATUS, value_status_name);
        check(&YEAR_SOURCE, year_source_name);
        check(&STATED_IN, stated_in_name);
        check(&DIRECTION, direction_name);
        check(&DOC_STATUS, doc_status_name);
        check(&PARENT_COMPARATOR, parent_comparator_name);
    }

    #[test]
    fn unit_kinds_are_indicator_units() {
        for v in UNIT_KIND.values {
            assert!(INDICATOR_UNIT.values.contains(v), "{v}");
        }
    }

    /// Everything `planlint extract` prints is visible to rules, under the same name: walk the
    /// extracted model of every fixture plan along the schema.
    #[test]
    fn every_model_field_is_in_the_schema() {
        fn walk(kind: Kind, v: &serde_json::Value, path: &str, seen: &mut std::collections::HashSet<String>) {
            let serde_json::Value::Object(map) = v else { return };
            for (key, value) in map {
                let Some(f) = field(kind, key) else {
                    panic!("`{path}.{key}` is printed by `extract` but rules cannot read it (kind {kind:?})");
                };
                seen.insert(format!("{}.{}", kind_def(kind).name, key));
                let next = format!("{path}.{key}");
                match (f.ty, value) {
                    (Ty::Rec(k), _) => walk(k, value, &next, seen),
                    (Ty::List(Elem::Rec(k)), serde_json::Value::Array(items)) => {
                        items.iter().for_each(|i| walk(k, i, &next, seen));
                    }
                    _ => {}
                }
            }
        }
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/plans");
        let vocab = crate::registry::builtin_indicators().unwrap();
        let mut seen = std::collections::HashSet::new();
        for dir in ["seeds", "variants"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let src = crate::source::SourceFile::from_bytes(path.to_string_lossy(), &std::fs::read(&path).unwrap())
                    .unwrap();
                let plan = crate::extract::extract(&src, vocab).unwrap();
                walk(Kind::Plan, &serde_json::to_value(&plan).unwrap(), "plan", &mut seen);
            }
        }
        assert!(seen.contains("task.deadline") && seen.contains("target.value_status"), "{seen:?}");
    }

    #[test]
    fn functions_are_unique_and_documented() {
        let mut names: Vec<_> = FUNCTIONS.iter().map(|f| f.name).collect();
        names.sort_unstable();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n);
        assert!(FUNCTIONS.iter().all(|f| !f.doc.is_empty() && !f.example.is_empty()));
    }
}
