//! The function library's signatures, as data: each function's parameters, result type,
//! documentation and implementation (in `dsl/functions.rs`).

use super::*;

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

    pub(super) fn doc_name(self) -> &'static str {
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
        // Remembered by content over the thread's plans already (`syllable::JUDGED`); one rule
        // asks once per text, so the plan's memory would only add an insert per text.
        memo: false,
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
