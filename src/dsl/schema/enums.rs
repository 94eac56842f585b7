//! The enumerations rules compare with: each one's values, and the name of each variant.

use super::*;

enumeration!(FORMAT, format_name, SourceFormat, "format", { Text => "text", Markdown => "markdown", Word => "word", Pdf => "pdf" });
enumeration!(SYSTEM, system_name, IssuerSystem, "system", { State => "state", Party => "party", Unknown => "unknown" });
enumeration!(ORGANISATION, organisation_name, Organisation, "organisation", {
    State => "state", Party => "party", Front => "front", Election => "election", Unknown => "unknown"
});
enumeration!(REGIME, regime_name, Regime, "regime", {
    State => "state", Party => "party", Mixed => "mixed", Unknown => "unknown",
});
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
enumeration!(SEQUENCE, sequence_name, Sequence, "sequence", {
    First => "first", Next => "next", Repeat => "repeat", Skip => "skip", Back => "back", Unread => "unread",
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

/// Every enumeration, for the reference.
pub(crate) static ENUMS: &[&EnumDef] = &[
    &FORMAT,
    &SYSTEM,
    &ORGANISATION,
    &REGIME,
    &DATE_FORM,
    &DATE_STATUS,
    &PERIOD_KIND,
    &DEADLINE_KIND,
    &SYMBOL_FORM,
    &SYMBOL_DEFECT,
    &CITATION_CONTEXT,
    &NUMBERING,
    &SEQUENCE,
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
