//! What rules can ask: the record kinds of the plan model with their fields, the enumerations
//! and their values, and the function library's signatures. The single source of truth: the
//! checker resolves names here, the evaluator calls the accessors here, and the rule authors'
//! reference (`rules/README.md`) is generated from here.
//!
//! This file holds the types of the schema and the look-ups; the data is in `fields.rs` (record
//! kinds and their fields), `enums.rs` (enumerations) and `signatures.rs` (functions).

use std::fmt::Write as _;

use super::eval::Ctx;
use super::functions;
use super::value::{DateRange, Rec, Value};
use crate::model::{
    Change, CitationContext, Comparator, DateForm, DateStatus, DeadlineKind, Decimal, IssuerSystem, Numbering,
    Organisation, PeriodKind, Regime, Role, Sequence, SourceFormat, StatedIn, SymbolDefect, SymbolForm, Text, UnitKind,
    ValueStatus, YearSource,
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

mod enums;
mod fields;
mod signatures;

pub(crate) use enums::*;
pub(crate) use fields::*;
pub(crate) use signatures::*;

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

    /// Every enumeration a field has is in the reference's list (else its link is dead).
    #[test]
    fn every_field_enumeration_is_listed() {
        for k in KINDS {
            for f in k.fields {
                let def = match f.ty {
                    Ty::Enum(e) | Ty::List(Elem::Enum(e)) => e,
                    _ => continue,
                };
                assert!(
                    ENUMS.iter().any(|e| std::ptr::eq(*e, def)),
                    "{}.{}: `{}` is not in ENUMS",
                    k.name,
                    f.name,
                    def.name
                );
            }
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
        check(&ORGANISATION, organisation_name);
        check(&REGIME, regime_name);
        check(&DATE_FORM, date_form_name);
        check(&DATE_STATUS, date_status_name);
        check(&PERIOD_KIND, period_kind_name);
        check(&DEADLINE_KIND, deadline_kind_name);
        check(&SYMBOL_FORM, symbol_form_name);
        check(&SYMBOL_DEFECT, symbol_defect_name);
        check(&CITATION_CONTEXT, citation_context_name);
        check(&NUMBERING, numbering_name);
        check(&SEQUENCE, sequence_name);
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
